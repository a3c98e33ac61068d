"""Issuers' pages and feeds (issue 12, item 5): the seed page's two Longyuan Road closures are
signed by 焦作市住房和城乡建设局 and 焦作市公安交通管理支队 (both, under each boxed notice), and no
other article of the page is signed, so each issuer holds those two items and nothing else; a
notice nobody signs takes the issuer its source names; names are written one way; hostile names
are escaped; unknown names are a Chinese 404."""
from __future__ import annotations

import re
import threading
import urllib.request
from datetime import UTC, date, datetime
from urllib.parse import quote

import icalendar
import pytest
from werkzeug.serving import make_server

from calendar_service.sources.spec import new_source
from calendar_service.store import articles as source_articles
from calendar_service.store.sources import add_source

T0 = datetime(2022, 10, 18, 1, 0, tzinfo=UTC)
HOUSING, POLICE = "焦作市住房和城乡建设局", "焦作市公安交通管理支队"
CLOSURES = ["【封闭】龙源路与山阳路交叉口东侧机动车道半幅封闭施工",
            "【封闭】龙源路与民主路交叉口东侧机动车道及慢车道封闭盾构顶进施工"]
SIGNED = """关于人民路夜间封闭施工的通告

人民路将于2022年10月24日至2022年10月30日封闭施工，请过往车辆绕行。

焦作市城市管理局（盖章）
2022年10月20日
"""
UNSIGNED = "人民公园将于2022年10月25日至2022年10月27日闭园维护。"


def summaries(body: bytes) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT"))


def html(client, path: str):
    response = client.get(path, headers={"Accept": "text/html"})
    return response, response.get_data(as_text=True)


def from_source(app, publish, key: str, issuer: str, text: str, **event) -> None:
    """A notice fetched from a source whose operator named its issuer."""
    db = app.extensions["calendar_db"]
    publish(key, dict(event, source_text=text[:10]), text=text, now=T0)
    source = add_source(db, new_source("park", "https://park.example.cn/news/", issuer=issuer), T0)
    source_articles.record(db, source.id, key, T0, state="ingested", listing_hash=None, notice_key=key,
                           content_hash="x")


def test_the_index_names_both_signers_of_the_seed_closures_with_their_counts(client, seed):
    response, page = html(client, "/issuers")
    assert response.status_code == 200 and "<h1>发布单位</h1>" in page
    chips = re.findall(r'<a class="chip" href="/issuers/[^"]+">([^<]+) <span class="n">(\d+)</span>', page)
    assert sorted(chips) == sorted([(HOUSING, "2"), (POLICE, "2")])


def test_an_issuer_page_lists_its_current_items_with_the_subscribe_box(client, seed):
    response, page = html(client, "/issuers/" + HOUSING)
    assert response.status_code == 200
    assert f"<h1>{HOUSING}</h1>" in page and "即将开始的事项 2 项" in page
    titles = re.findall(r'class="item-title" href="/events/[^"]+">([^<]+)</a>', page)
    assert sorted("【封闭】" + t for t in titles) == CLOSURES
    assert "集中缴费" not in page and "医保服务大厅" not in page
    assert f'value="https://calendar.example.cn/issuers/{HOUSING}.ics"' in page
    assert f'href="webcal://calendar.example.cn/issuers/{quote(HOUSING)}.ics"' in page
    assert "订阅焦作市住房和城乡建设局的事项" in page and 'href="/issuers"' in page


@pytest.mark.parametrize("issuer", [HOUSING, POLICE])
def test_an_issuer_feed_holds_the_two_closures_and_nothing_else(client, seed, ics_check, issuer):
    response = client.get(f"/issuers/{quote(issuer)}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert summaries(response.data) == CLOSURES
    assert f"X-WR-CALNAME:公告日历 · {issuer}\r\n" in response.get_data(as_text=True)
    assert 'filename="issuer.ics"' in response.headers["Content-Disposition"]
    ics_check(response.data)
    again = client.get(f"/issuers/{quote(issuer)}.ics", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_the_feed_keeps_the_feeds_retention_rules(app, client, publish):
    """An item that ended more than FEED_PAST_DAYS ago leaves the issuer's feed; a fresh one stays."""
    text = SIGNED
    publish("signed.txt", dict(uid="old@test", title="人民路旧封闭", start=date(2022, 9, 1), end=date(2022, 9, 5),
                               source_text="人民路将于"),
            dict(uid="new@test", title="人民路夜间封闭", start=date(2022, 10, 24), end=date(2022, 10, 30),
                 source_text="人民路将于"), text=text, now=T0)
    body = client.get("/issuers/焦作市城市管理局.ics").data
    assert [str(e["UID"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")] == ["new@test"]


def test_a_seal_and_a_date_are_no_part_of_the_name_and_a_variant_redirects(client, publish):
    publish("signed.txt", dict(uid="signed@test", title="人民路夜间封闭", start=date(2022, 10, 24),
                               end=date(2022, 10, 30), source_text="人民路将于"), text=SIGNED, now=T0)
    _, page = html(client, "/issuers")
    assert '焦作市城市管理局 <span class="n">1</span>' in page and "盖章" not in page
    response = client.get("/issuers/" + quote("焦作市城市管理局（盖章）"))
    assert response.status_code == 302
    assert response.headers["Location"] == "/issuers/" + quote("焦作市城市管理局")
    assert client.get("/issuers/" + quote(" 焦作市 城市管理局 ")).status_code == 302


def test_a_notice_nobody_signs_takes_the_issuer_its_source_names(app, client, publish):
    from_source(app, publish, "https://park.example.cn/news/1.html", "焦作市人民公园管理处", UNSIGNED,
                uid="park@test", title="人民公园闭园维护", start=date(2022, 10, 25), end=date(2022, 10, 27))
    response, page = html(client, "/issuers/焦作市人民公园管理处")
    assert response.status_code == 200 and "人民公园闭园维护" in page
    _, event = html(client, "/events/park@test")
    assert re.search(r'<dt>发布单位</dt><dd><a class="issuer" href="/issuers/[^"]+">焦作市人民公园管理处</a></dd>', event)


def test_a_hostile_issuer_name_is_escaped_and_gets_no_page(app, client, publish):
    hostile = '<script>alert("x")</script>公园管理处'
    from_source(app, publish, "https://park.example.cn/news/1.html", hostile, UNSIGNED,
                uid="park@test", title="人民公园闭园维护", start=date(2022, 10, 25), end=date(2022, 10, 27))
    _, page = html(client, "/notices/https://park.example.cn/news/1.html")
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;公园管理处" in page
    _, index = html(client, "/issuers")
    assert "script" not in index
    response, page = html(client, "/issuers/" + quote(hostile, safe=""))
    assert response.status_code == 404 and "这不是一个发布单位的名称" in page and "<script>alert" not in page
    assert client.get("/issuers/" + quote(hostile, safe="") + ".ics").status_code == 404


@pytest.mark.parametrize(("path", "message"), [
    ("/issuers/焦作市不存在局", "没有找到这个发布单位"),
    ("/issuers/局", "这不是一个发布单位的名称"),
    ("/issuers/2022年10月17日", "这不是一个发布单位的名称"),
])
def test_an_unknown_issuer_is_a_chinese_404(client, seed, path, message):
    response, page = html(client, path)
    assert response.status_code == 404 and message in page and 'lang="zh' in page


def test_a_well_formed_name_without_items_is_an_empty_calendar_not_an_error(client, seed, ics_check):
    """A subscriber's feed must stay a calendar once its issuer's items have all ended."""
    response = client.get("/issuers/" + quote("焦作市不存在局") + ".ics")
    assert response.status_code == 200 and summaries(response.data) == []
    ics_check(response.data)


def test_event_and_notice_pages_link_the_issuer(client, seed):
    _, page = html(client, "/notices/jiaozuo-daily-2022-10-18.txt/4")
    links = re.findall(r'<a class="issuer" href="(/issuers/[^"]+)">([^<]+)</a>', page)
    assert [name for _, name in links] == [HOUSING, POLICE]
    assert links[0][0] == "/issuers/" + quote(HOUSING)
    home = client.get("/").get_data(as_text=True)
    uid = re.search(r'href="/events/([^"]+)">龙源路与山阳路交叉口', home).group(1)
    _, event = html(client, f"/events/{uid}")
    assert f'<dt>发布单位</dt><dd><a class="issuer" href="/issuers/{quote(HOUSING)}">{HOUSING}</a>、' in event


def test_the_feeds_panel_links_the_issuers(client, seed):
    _, page = html(client, "/feeds")
    assert f'href="/issuers/{quote(HOUSING)}">{HOUSING} <span class="n">2</span>' in page
    assert 'href="/issuers">所有发布单位</a>' in page


@pytest.fixture
def served(app, seed):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()


def test_the_issuer_feed_passes_check_url(served, ics_check_url):
    output = ics_check_url(f"{served}/issuers/{quote(HOUSING)}.ics")
    assert "PASS" in output
    with urllib.request.urlopen(f"{served}/issuers/{quote(POLICE)}.ics", timeout=30) as response:
        assert summaries(response.read()) == CLOSURES
