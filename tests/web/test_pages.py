"""The resident-facing pages through Flask's test client, on SQLite and PostgreSQL (today = 2022-10-18)."""
from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

from calendar_service import extract as extraction
from calendar_service.extract import ExtractedEvent, SourceRef
from calendar_service.store import NoticeDraft, ReviewPolicy, save_notice

SEED = Path(__file__).resolve().parents[2] / "notices" / "jiaozuo-daily-2022-10-18.txt"
ROAD = "根据施工安排,计划2022年10月18日至2023年1月1日对龙源路与山阳路交叉口东侧机动车道半幅封闭施工。"
NOTICE = f"# 龙源路半封闭施工公告\n\n{ROAD}请绕行。\n\n焦作市住房和城乡建设局\n2022年10月17日\n"


def store(app, key: str, text: str, *events: dict, published=date(2022, 10, 17), review=ReviewPolicy()):
    """Save a notice whose events quote sentences of ``text`` (source offsets found in it)."""
    built = []
    for fields in events:
        values = dict(kind="closure", start=date(2022, 10, 18), end=date(2023, 1, 1), location=None,
                      description="", confidence=0.9, all_day=True)
        values.update(fields)
        quote = values.pop("quote", ROAD)
        at = text.index(quote)
        built.append(ExtractedEvent(source=SourceRef(key, quote, at, at + len(quote)), **values))
    draft = NoticeDraft(key, text, hashlib.sha256(text.encode()).hexdigest(), published, key)
    return save_notice(app.extensions["calendar_db"], draft, built, review=review)


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def words(html: str) -> str:
    """What a reader sees of ``html``: the text without tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def seeded(app):
    """The seed newspaper page ingested as `serve` does (real extractor, default review threshold)."""
    text = extraction.read_document(SEED.read_bytes(), SEED.name)
    published = extraction.infer_published(text).date
    events = extraction.extract(text, published, file=str(SEED), notice_key=SEED.name)
    draft = NoticeDraft(SEED.name, text, hashlib.sha256(text.encode()).hexdigest(), published, str(SEED))
    save_notice(app.extensions["calendar_db"], draft, events, review=ReviewPolicy(threshold=0.5))
    return {e.title: e for e in events}


def test_the_home_page_shows_the_seed_page_as_a_resident_needs_it(client, seeded):
    html = words(page(client, "/"))
    assert "龙源路与山阳路交叉口东侧机动车道半幅封闭施工" in html
    assert "龙源路与民主路交叉口东侧机动车道及慢车道封闭盾构顶进施工" in html
    assert "服务大厅窗口暂不提供线下经办服务" in html
    assert "还剩 68 天" in html and "截止 12月25日(周日)" in html
    assert html.index("今天 正在进行") < html.index("龙源路与山阳路") < html.index("以后") < html.index("还剩 68 天")


def test_kinds_filter_and_search_narrow_the_list(client, seeded):
    closures = page(client, "/?kind=closure")
    assert "龙源路与山阳路" in closures and "龙源路与民主路" in closures and "集中缴费" not in closures
    assert re.search(r'class="chip on"[^>]*>封闭 <span class="n">2</span>', closures)
    found = page(client, "/?q=民主路")
    assert "龙源路与民主路" in found and "龙源路与山阳路" not in found and "包含“民主路”" in found
    nothing = page(client, "/?q=不存在的路")
    assert "没有符合条件的近期事项" in nothing


def test_deadlines_count_down_and_items_this_week_have_their_own_group(app, client):
    store(app, "n.txt", NOTICE + "今天截止。本周六举行。下周截止。",
          {"uid": "due-today", "kind": "deadline", "title": "今天截止的缴费", "start": None, "end": date(2022, 10, 18),
           "quote": "今天截止。"},
          {"uid": "sat", "kind": "event", "title": "周六的活动", "start": date(2022, 10, 22), "end": date(2022, 10, 22),
           "quote": "本周六举行。"},
          {"uid": "next", "kind": "deadline", "title": "下周截止的申报", "start": None, "end": date(2022, 10, 26),
           "quote": "下周截止。"})
    html = page(client, "/")
    assert "今天截止" in html and "还剩 8 天" in html and "4 天后开始" in html
    assert html.index('id="group-today"') < html.index("今天截止的缴费") < html.index('id="group-week"') \
        < html.index("周六的活动") < html.index('id="group-later"') < html.index("下周截止的申报")


def test_recent_past_items_appear_on_request(app, client):
    store(app, "n.txt", NOTICE, {"uid": "old", "title": "上周结束的封闭", "start": date(2022, 10, 1),
                                 "end": date(2022, 10, 10)})
    assert "上周结束的封闭" not in page(client, "/")
    html = page(client, "/?past=1")
    assert "最近结束" in html and "上周结束的封闭" in html and "已结束" in html


def test_an_empty_calendar_says_so_and_shows_the_latest_notices(app, client):
    store(app, "old.txt", NOTICE, {"uid": "old", "title": "早已结束", "start": date(2022, 1, 1), "end": date(2022, 1, 2)})
    html = page(client, "/")
    assert "目前没有正在进行或即将到来的事项" in html
    assert 'href="/notices/old.txt"' in html and "龙源路半封闭施工公告" in html


def test_items_waiting_for_review_are_nowhere_public(app, client):
    store(app, "n.txt", NOTICE, {"uid": "unsure", "title": "没把握的封闭", "confidence": 0.3},
          review=ReviewPolicy(threshold=0.5))
    assert "没把握的封闭" not in page(client, "/")
    page(client, "/events/unsure", 404)
    assert "没把握的封闭" not in page(client, "/notices/n.txt")
    assert b"unsure" not in client.get("/calendar.ics").data
    assert client.get("/api/events").get_json()["total"] == 0
    assert client.get("/events/unsure.ics").status_code == 404


def test_the_event_page_reads_naturally_and_highlights_its_source(app, client):
    store(app, "n.txt", NOTICE, {"uid": "road", "title": "龙源路与山阳路交叉口半幅封闭施工", "location": "龙源路与山阳路交叉口"})
    html = page(client, "/events/road")
    assert "时间2022年10月18日(周二)至2023年1月1日" in words(html)
    source = re.search(r'<mark class="src" title="事项出处" id="source">(.*?)</mark>(?=请绕行)', html, re.S)
    assert source and "龙源路与山阳路交叉口东侧机动车道半幅封闭施工" in re.sub(r"<[^>]+>", "", source.group(1))
    assert '<mark class="date">2022年10月18日至2023年1月1日</mark>' in html
    assert 'href="/events/road.ics" download' in html
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html and "dates=20221018%2F20230102" in html
    assert "webcal://calendar.example.cn/calendars/closure.ics" in html
    assert "webcal://calendar.example.cn/calendar.ics?q=%E9%BE%99%E6%BA%90%E8%B7%AF" in html  # 龙源路
    assert 'href="/subscribe?kind=closure&amp;q=%E9%BE%99%E6%BA%90%E8%B7%AF"' in html


def test_the_event_page_says_what_changed_and_why_it_was_cancelled(app, client):
    store(app, "n.txt", NOTICE, {"uid": "road", "title": "封闭施工"}, {"uid": "gone", "title": "另一处封闭"})
    store(app, "n.txt", NOTICE + "（修订）", {"uid": "road", "title": "封闭施工", "end": date(2023, 1, 18)})
    changed = words(page(client, "/events/road"))
    assert "有过更新" in changed and "结束：2023年1月1日(周日) → 2023年1月18日(周三)" in changed
    cancelled = page(client, "/events/gone")
    assert "此事项已取消" in cancelled and "公告更新后不再包含此事项" in cancelled


def test_the_notice_page_marks_every_date_expression_and_lists_its_events(client, seeded):
    html = page(client, "/notices/jiaozuo-daily-2022-10-18.txt")
    marks = re.findall(r'<mark class="date">(.*?)</mark>', html)
    assert "2022年10月18日至2023年1月1日" in marks and "10月17日" in marks and "2022年12月25日" in marks
    assert len(re.findall(r'<a class="item-title" href="/events/', html)) == 5
    assert 'id="src-1"' in html
    # the page's own heading line names it, not its first article (西大井1919大型铜雕《觉醒》落成亮相)
    assert "<h1>迎盛会 献礼二十大 · 9 篇</h1>" in html and "<title>迎盛会 献礼二十大 · 9 篇 ·" in html


def test_notice_text_is_always_escaped(app, client):
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    text = f"# {hostile}\n\n{ROAD}{hostile}\n"
    store(app, "evil.txt", text, {"uid": "evil", "title": f"标题{hostile}", "location": hostile, "description": hostile})
    for url in ("/", "/events/evil", "/notices/evil.txt", "/?q=<script>"):
        html = page(client, url)
        assert "<script>" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html or url == "/?q=<script>"


def test_the_subscribe_panel_offers_webcal_https_google_and_a_qr_code(client, seeded):
    html = page(client, "/feeds?kind=deadline&q=医保")
    assert 'href="webcal://calendar.example.cn/calendars/deadline.ics?q=%E5%8C%BB%E4%BF%9D"' in html
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fcalendar.example.cn%2Fcalendars%2Fdeadline.ics" in html
    assert re.search(r'<svg[^>]*class="qr"', html) and "<path" in html
    for text in ("iPhone", "Outlook", "安卓", "Thunderbird"):
        assert text in html
    # one address, shown readable and copied exact; the others are one chip each that switches the panel
    assert 'value="https://calendar.example.cn/calendars/deadline.ics?q=医保"' in html
    assert 'data-copy="https://calendar.example.cn/calendars/deadline.ics?q=%E5%8C%BB%E4%BF%9D"' in html
    assert html.count('class="button"') == 1
    for kind in ("closure", "deadline", "service_change", "period", "event"):
        assert f'href="https://calendar.example.cn/feeds?kind={kind}"' in html
    assert 'href="https://calendar.example.cn/feeds?category=water"' in html


def test_the_subscribe_panel_counts_what_the_feed_holds(client, publish):
    publish("n.txt", {"uid": "a", "title": "龙源路封闭"}, {"uid": "b", "title": "山阳路封闭"},
            {"uid": "c", "kind": "deadline", "title": "医保缴费", "category": "fees", "end": date(2022, 12, 25)})
    assert "目前有 <strong>3</strong> 个事项" in page(client, "/feeds")
    assert "目前有 <strong>1</strong> 个事项" in page(client, "/feeds?category=fees")
    assert "目前有 <strong>2</strong> 个事项" in page(client, "/feeds?q=封闭")
    assert "目前有 <strong>0</strong> 个事项" in page(client, "/feeds?category=water")


def test_pages_send_security_headers_and_no_inline_script(client, seeded):
    for url in ("/", "/feeds", "/notices/jiaozuo-daily-2022-10-18.txt", "/admin/"):
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        scripts = re.findall(r"<script[^>]*>", response.get_data(as_text=True))
        # no inline script anywhere; the subscribe panel loads its copy button from this origin
        assert scripts == (['<script src="/assets/copy.js" defer>'] if url == "/feeds" else [])
        assert ' style="' not in response.get_data(as_text=True)  # CSP allows no inline styles either


def test_pages_paginate_and_refuse_nonsense_arguments(app, client, publish):
    app.config["PAGE_SIZE"] = 2
    publish("n.txt", *({"uid": f"u{n}", "title": f"第{n}项"} for n in range(5)))
    first = page(client, "/")
    assert "第 1 / 3 页" in first and 'href="/?page=2"' in first
    assert "第4项" in page(client, "/?page=3")
    page(client, "/?page=0", 400)
    page(client, "/?kind=nonsense", 400)
    page(client, "/?page=9", 404)


def test_unchanged_pages_answer_304(client, seeded):
    etag = client.get("/").headers["ETag"]
    assert client.get("/", headers={"If-None-Match": etag}).status_code == 304


def test_the_stylesheet_is_served(client):
    response = client.get("/assets/site.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    response.close()
