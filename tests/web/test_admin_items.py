"""Items made by hand at the review desk (web/admin_items.py): added to a notice the extractor found
nothing in, split, merged; what a reviewer types wrong is said in one Chinese line. On SQLite and
PostgreSQL, through Flask's test client."""
from __future__ import annotations

import hashlib
import html
import re
from datetime import date

import icalendar
import pytest

from calendar_service.extract import ExtractedEvent, Kind, SourceRef
from calendar_service.store import NoticeDraft, save_notice

from .test_admin import browser, desk_app, get, login, paste, post  # noqa: F401 (fixtures)

#: the extractor reads nothing from it: no date it can place
PARK = """关于人民公园东门临时关闭的通知

因设施维修，人民公园东门近期临时关闭，恢复开放时间另行通知，请游客从南门出入。

人民公园管理处"""
SENTENCE = "因设施维修，人民公园东门近期临时关闭，恢复开放时间另行通知，请游客从南门出入。"
ROADS = "关于道路施工的通告\n因管网改造，2022年10月20日至10月25日人民路、建设路封闭施工，请绕行。"


def desk_notice(browser, csrf: str) -> tuple[str, str]:  # noqa: F811 (fixture)
    """Paste PARK; (the desk page's path, the notice key)."""
    location = paste(browser, csrf, PARK, published="2022-10-18", key="park/east-gate")
    assert flashed(browser, location) == "公告已保存，但没有识别出带日期的事项。"
    return location, location.removeprefix("/admin/notices/")


def add_form(csrf: str, **changes) -> dict:
    form = {"csrf_token": csrf, "kind": "closure", "category": "venue", "title": "人民公园东门临时关闭",
            "start": "2022-10-20", "end": "2022-10-21", "location": "人民公园东门", "description": "请从南门出入",
            "sentence": "17-56", "quote": ""}
    form.update(changes)
    return form


def store_notice(app, key: str, text: str, *events: ExtractedEvent) -> None:
    draft = NoticeDraft(key=key, text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                        published=date(2022, 10, 18), source=key)
    save_notice(app.extensions["calendar_db"], draft, list(events))


def road(uid: str, title: str, start: date, end: date, location: str = "人民路、建设路") -> ExtractedEvent:
    sentence = ROADS.split("\n")[1]
    return ExtractedEvent(uid=uid, kind=Kind.CLOSURE, title=title, start=start, end=end, all_day=True,
                          location=location, description="", confidence=0.9,
                          source=SourceRef("roads.txt", sentence, 10, 10 + len(sentence)))


def feed(client) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(client.get("/calendar.ics").data).walk("VEVENT")}


def flashed(browser, path: str) -> str:  # noqa: F811 (fixture)
    page = get(browser, path).get_data(as_text=True)
    return " ".join(html.unescape(m) for m in re.findall(r'<p class="flash[^"]*"[^>]*>(.*?)</p>', page, re.S))


def test_an_item_added_to_a_notice_without_items_reaches_the_pages_and_the_feed(browser, client):  # noqa: F811
    csrf = login(browser)
    location, key = desk_notice(browser, csrf)
    page = get(browser, location).get_data(as_text=True)
    assert "没有识别出带日期的事项" in page and 'id="h-add"' in page
    assert f'<option value="17-56">{SENTENCE}</option>' in page  # the notice's sentences to choose from
    response = post(browser, f"/admin/add/{key}", add_form(csrf))
    assert response.status_code == 302
    uid = re.search(r"#ev-(.+)$", response.headers["Location"]).group(1)
    desk = get(browser, location).get_data(as_text=True)
    assert "已添加事项" in desk and "人工添加" in desk and "已通过 · 待发布" in desk
    assert f'id="ev-{uid}"' in desk and "没有识别出带日期的事项" not in desk
    assert "等待处理（1）" in get(browser, "/admin/").get_data(as_text=True)  # waits to be published
    assert uid not in feed(client)
    post(browser, f"/admin/publish/{key}", {"csrf_token": csrf})
    home = re.sub(r"<[^>]+>", "", client.get("/").get_data(as_text=True))
    assert "人民公园东门临时关闭" in home and "10月20日(周四)至10月21日" in home and "2 天后开始" in home
    event = feed(client)[uid]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (date(2022, 10, 20), date(2022, 10, 22))
    assert str(event["STATUS"]) == "CONFIRMED" and int(event["SEQUENCE"]) == 0
    data = client.get(f"/api/events/{uid}").get_json()
    assert (data["category"], data["source"]["text"], data["source"]["start"], data["source"]["end"]) == (
        "venue", SENTENCE, 17, 56)
    assert SENTENCE in client.get(f"/events/{uid}").get_data(as_text=True)
    # the same notice ingested again (a better extractor finds nothing either): the item stays
    store_notice(browser.application, key, PARK + "\n")
    assert str(feed(client)[uid]["STATUS"]) == "CONFIRMED" and int(feed(client)[uid]["SEQUENCE"]) == 0


def test_a_quoted_source_is_found_across_line_breaks_and_a_timed_item_keeps_its_hours(browser, client):  # noqa: F811
    csrf = login(browser)
    location, key = desk_notice(browser, csrf)
    post(browser, f"/admin/add/{key}", add_form(csrf, sentence="", quote="通知\n因设施维修", category="",
                                                  start="2022-10-20 08:00", end="2022-10-20 17:30"))
    post(browser, f"/admin/publish/{key}", {"csrf_token": csrf})
    [data] = client.get("/api/events").get_json()["events"]
    assert (data["start"], data["end"], data["all_day"]) == ("2022-10-20T08:00:00+08:00", "2022-10-20T17:30:00+08:00",
                                                             False)
    # the quote spans the blank line after the heading: offsets are the notice's, the text is mended
    assert (data["source"]["text"], data["source"]["start"], data["source"]["end"]) == ("通知因设施维修", 13, 22)
    assert data["category"] == "venue"  # derived from its words (公园) when the reviewer left it to the desk


@pytest.mark.parametrize(("changes", "message"), [
    ({"end": "2022-10-19"}, "结束不能早于开始。"),
    ({"start": "2022-13-01"}, "开始要写成 2022-10-18 或 2022-10-18 08:00，收到的是 '2022-13-01'。"),
    ({"start": "明天"}, "开始要写成 2022-10-18 或 2022-10-18 08:00，收到的是 '明天'。"),
    ({"title": "   "}, "标题不能为空，最长 200 字。"),
    ({"title": "长" * 201}, "标题不能为空，最长 200 字。"),
    ({"kind": ""}, "请选择事项类型。"),
    ({"category": "party"}, "请选择事项分类。"),
    ({"start": "", "end": ""}, "至少要有开始或结束日期。"),
    ({"end": "2022-10-21 18:00"}, "开始和结束要么都写时间，要么都只写日期。"),
    ({"kind": "deadline", "end": ""}, "截止事项需要结束日期（截止日）。"),
    ({"sentence": ""}, "请选择或摘录事项的出处（公告原文中的一句）。"),
    ({"sentence": "0-99999"}, "选择的出处不在这则公告里，请刷新页面后重选。"),
    ({"sentence": "x-1"}, "请选择或摘录事项的出处（公告原文中的一句）。"),
    ({"quote": "龙源路封闭"}, "公告原文里找不到摘录的出处，请从原文复制一句。"),
])
def test_bad_input_is_said_in_one_chinese_line_and_adds_nothing(browser, client, changes, message):  # noqa: F811
    csrf = login(browser)
    location, key = desk_notice(browser, csrf)
    response = post(browser, f"/admin/add/{key}", add_form(csrf, **changes))
    assert response.status_code == 400  # the page again, the form as it was sent
    page = response.get_data(as_text=True)
    said = re.findall(r'<p class="flash error" role="status">(.*?)</p>', page)
    assert [html.unescape(m) for m in said] == [message]
    typed = add_form(csrf, **changes)["description"]
    assert f'>{typed}</textarea>' in page and "<details open>" in page.split('id="h-add"')[1]
    assert "没有识别出带日期的事项" in get(browser, location).get_data(as_text=True)
    assert flashed(browser, location) == ""  # said once


def test_hostile_html_in_a_title_is_shown_as_text(browser, client):  # noqa: F811
    csrf = login(browser)
    location, key = desk_notice(browser, csrf)
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">东门'
    uid = re.search(r"#ev-(.+)$", post(browser, f"/admin/add/{key}", add_form(csrf, title=hostile))
                    .headers["Location"]).group(1)
    post(browser, f"/admin/publish/{key}", {"csrf_token": csrf})
    for page in (get(browser, location), client.get("/"), client.get(f"/events/{uid}")):
        body = page.get_data(as_text=True)
        assert "<script>alert(1)" not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=" in body
    assert str(feed(client)[uid]["SUMMARY"]).endswith(hostile)  # a calendar shows text, as typed


def test_a_withdrawn_notice_takes_no_new_items_and_unknown_targets_are_404(browser, client):  # noqa: F811
    csrf = login(browser)
    location, key = desk_notice(browser, csrf)
    post(browser, f"/admin/publish/{key}", {"csrf_token": csrf})
    post(browser, f"/admin/withdraw/{key}", {"csrf_token": csrf})
    assert 'id="h-add"' not in get(browser, location).get_data(as_text=True)
    refused = post(browser, f"/admin/add/{key}", add_form(csrf))
    assert refused.status_code == 400 and "这则公告已撤回，不能再添加事项。" in refused.get_data(as_text=True)
    assert post(browser, "/admin/add/no/such/notice", add_form(csrf)).status_code == 404
    assert post(browser, "/admin/events/nope/split", {"csrf_token": csrf}).status_code == 404
    assert post(browser, "/admin/events/nope/merge", {"csrf_token": csrf, "other": "x"}).status_code == 404


def test_control_characters_are_dropped_and_a_nul_in_a_path_is_no_such_item(browser, client):  # noqa: F811
    csrf = login(browser)
    location, key = desk_notice(browser, csrf)
    post(browser, f"/admin/add/{key}", add_form(csrf, title="东门\x00临时\x07关闭", location="东门\x1b",
                                                  description="第一行\x00\n第二行"))
    post(browser, f"/admin/publish/{key}", {"csrf_token": csrf})
    [data] = client.get("/api/events").get_json()["events"]
    assert (data["title"], data["location"], data["description"]) == ("东门临时关闭", "东门", "第一行\n第二行")
    for action in ("split", "merge", "edit", "approve"):
        assert post(browser, f"/admin/events/a%00b/{action}", {"csrf_token": csrf}).status_code == 404
    post(browser, f"/admin/events/{data['uid']}/merge", {"csrf_token": csrf, "other": "\x00"})
    assert flashed(browser, location) == "请选择要并入的事项。"


def test_a_split_into_two_equal_parts_is_refused(browser, client):  # noqa: F811
    store_notice(browser.application, "roads.txt", ROADS,
                 road("roads", "人民路、建设路封闭施工", date(2022, 10, 20), date(2022, 10, 25)))
    csrf = login(browser)
    same = {"title": "人民路、建设路封闭施工", "start": "2022-10-20", "end": "2022-10-25", "location": "人民路、建设路"}
    post(browser, "/admin/events/roads/split", {"csrf_token": csrf, **{f"{p}_{k}": v for p in "ab" for k, v in same.items()}})
    assert flashed(browser, "/admin/notices/roads.txt") == "两部分完全相同：请把第二部分改成另一条路或另一段时间。"
    assert set(feed(client)) == {"roads"}


def test_a_split_keeps_the_uid_for_the_first_part_and_publishes_the_second_as_a_new_entry(browser, client):  # noqa: F811
    store_notice(browser.application, "roads.txt", ROADS,
                 road("roads", "人民路、建设路封闭施工", date(2022, 10, 20), date(2022, 10, 25)))
    csrf = login(browser)
    page = get(browser, "/admin/notices/roads.txt").get_data(as_text=True)
    assert 'action="/admin/events/roads/split"' in page and 'name="b_title"' in page
    assert 'action="/admin/events/roads/merge"' not in page  # nothing to merge with
    form = {"csrf_token": csrf, "a_title": "人民路封闭施工", "a_start": "2022-10-20", "a_end": "2022-10-25",
            "a_location": "人民路", "b_title": "建设路封闭施工", "b_start": "2022-10-22", "b_end": "2022-10-25",
            "b_location": "建设路"}
    bad = post(browser, "/admin/events/roads/split", {**form, "b_end": "2022-10-21"})
    assert bad.headers["Location"].endswith("#ev-roads")
    assert flashed(browser, "/admin/notices/roads.txt") == "第二部分：结束不能早于开始。"
    assert set(feed(client)) == {"roads"} and int(feed(client)["roads"]["SEQUENCE"]) == 0
    post(browser, "/admin/events/roads/split", form)
    assert "已拆分为两条事项" in flashed(browser, "/admin/notices/roads.txt")
    events = feed(client)
    [new] = set(events) - {"roads"}
    assert (str(events["roads"]["SUMMARY"]), int(events["roads"]["SEQUENCE"])) == ("【封闭】人民路封闭施工", 1)
    assert (str(events[new]["SUMMARY"]), int(events[new]["SEQUENCE"])) == ("【封闭】建设路封闭施工", 0)
    assert events[new].decoded("DTSTART") == date(2022, 10, 22) and str(events[new]["STATUS"]) == "CONFIRMED"


def test_a_merge_keeps_one_entry_over_both_spans_and_cancels_the_other(browser, client):  # noqa: F811
    store_notice(browser.application, "roads.txt", ROADS,
                 road("east", "人民路东段封闭", date(2022, 10, 20), date(2022, 10, 22), "人民路东段"),
                 road("west", "人民路西段封闭", date(2022, 10, 23), date(2022, 10, 25), "人民路西段"))
    store_notice(browser.application, "other.txt", "别的公告",
                 road("elsewhere", "别处封闭", date(2022, 10, 20), date(2022, 10, 21)))
    csrf = login(browser)
    page = get(browser, "/admin/notices/roads.txt").get_data(as_text=True)
    assert '<option value="west">人民路西段封闭' in page and '<option value="elsewhere">' not in page
    post(browser, "/admin/events/east/merge", {"csrf_token": csrf, "other": "elsewhere", "title": ""})
    assert flashed(browser, "/admin/notices/roads.txt") == "只能合并同一则公告的事项。"
    post(browser, "/admin/events/east/merge", {"csrf_token": csrf, "other": "nope"})
    assert flashed(browser, "/admin/notices/roads.txt") == "要并入的事项不存在，请刷新页面后重选。"
    post(browser, "/admin/events/east/merge", {"csrf_token": csrf, "other": ""})
    assert flashed(browser, "/admin/notices/roads.txt") == "请选择要并入的事项。"
    assert int(feed(client)["east"]["SEQUENCE"]) == 0  # nothing changed so far
    post(browser, "/admin/events/east/merge", {"csrf_token": csrf, "other": "west", "title": "人民路封闭施工"})
    assert flashed(browser, "/admin/notices/roads.txt") == "已合并：保留此事项，另一条已取消。"
    events = feed(client)
    kept, gone = events["east"], events["west"]
    assert (str(kept["SUMMARY"]), kept.decoded("DTSTART"), kept.decoded("DTEND"), int(kept["SEQUENCE"])) == (
        "【封闭】人民路封闭施工", date(2022, 10, 20), date(2022, 10, 26), 1)
    assert (str(gone["STATUS"]), int(gone["SEQUENCE"])) == ("CANCELLED", 1)
    page = get(browser, "/admin/notices/roads.txt").get_data(as_text=True)
    assert 'action="/admin/events/west/merge"' not in page and 'action="/admin/events/east/merge"' not in page
