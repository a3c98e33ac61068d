"""Polling the issuer's site on 127.0.0.1 (SQLite and PostgreSQL): notices come once, an edit
updates the same notice and keeps its UIDs, an unchanged poll is one conditional GET, failures
are recorded and nothing already ingested is lost."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from calendar_service.sources.spec import new_source
from calendar_service.store import articles, list_events
from calendar_service.store import sources as stored
from calendar_service.store.listing import notice_by_key

from .issuer import LINKS, ROAD, article, list_page

NOW = datetime(2022, 11, 2, 1, 0, tzinfo=UTC)
#: what a person reads in each notice of the site (issuer.py): its key's path, then (kind, start, end, place)
EXPECTED = {
    "/gongkai/2022/t101.html": ("closure", "2022-10-18", "2023-01-01", "龙源路与山阳路交叉口"),
    "/gongkai/2022/t102.html": ("closure", "2022-10-25T08:00:00+08:00", "2022-10-25T20:00:00+08:00", "人民路"),
    "/gongkai/2022/t103.html": ("closure", "2022-11-08T08:00:00+08:00", "2022-11-08T18:00:00+08:00", "解放路"),
    "/gongkai/2022/t104.html": ("deadline", "2022-10-10", "2022-12-25", None),
    "/gongkai/2022/t105.html": ("closure", "2022-11-05", "2022-11-20", "建设路"),
}
NO_OCR = r"/gongkai/\d{4}/t10[1-4]\.html$"  # the list's articles but the scanned one (OCR takes seconds)


def add(db, site, name, path, **options):
    return stored.add_source(db, new_source(name, site.url(path), **options), NOW)


def events_by_path(db, site) -> dict[str, list]:
    found = {}
    for event in list_events(db):
        found.setdefault(event.notice_id.removeprefix(site.url("")), []).append(event)
    return found


def summary(event) -> tuple:
    data = event.to_json()
    return data["kind"], data["start"], data["end"], data["location"]


def test_a_list_source_brings_each_notice_once_with_its_events(db, site, make_poller, ocr):
    add(db, site, "jz", "/gongkai/index.html", links=LINKS, issuer="焦作市人民政府")
    [(_, report)] = make_poller().poll_now(["jz"])
    assert (report.new, report.updated, report.failed, report.error) == (5, 0, 0, None)
    assert site.paths() == ["/gongkai/index.html", "/gongkai/index_1.html",
                            "/gongkai/2022/t101.html", "/gongkai/2022/t102.html", "/gongkai/2022/t103.html",
                            "/files/t103.pdf", "/gongkai/2022/t104.html", "/files/t104.docx",
                            "/gongkai/2022/t105.html", "/files/t105.png"]
    assert [h.path for h in site.requests("/robots.txt")] == ["/robots.txt"]
    assert all(h.user_agent.startswith("calendar-service/") for h in site.requests())
    found = events_by_path(db, site)
    assert {path: [summary(e) for e in events] for path, events in found.items()} == {
        path: [expected] for path, expected in EXPECTED.items()}
    gbk = notice_by_key(db, site.url("/gongkai/2022/t102.html"))
    assert gbk.published == date(2022, 10, 20) and "人民路沿线暂停供水" in gbk.text  # GBK read, date from <meta>
    scan = articles.origin_of(db, site.url("/gongkai/2022/t105.html"))
    assert scan.ocr and scan.attachment_url == site.url("/files/t105.png") and scan.issuer == "焦作市人民政府"
    assert not articles.origin_of(db, site.url("/gongkai/2022/t103.html")).ocr  # the PDF had a text layer

    site.clear()
    [(_, again)] = make_poller().poll_now(["jz"])  # a new process: robots.txt is read again, nothing else
    assert again.not_modified and (again.new, again.updated, again.unchanged) == (0, 0, 0)
    assert [(h.path, h.if_none_match, h.status) for h in site.requests()] == [
        ("/robots.txt", None, 200), ("/gongkai/index.html", '"list-1"', 304)]
    assert len(list_events(db)) == 5


def test_an_edited_article_updates_its_notice_and_keeps_its_uids(db, site, make_poller):
    add(db, site, "jz", "/gongkai/index.html", links=NO_OCR)
    poller = make_poller()
    poller.poll_now(["jz"])
    [before] = events_by_path(db, site)["/gongkai/2022/t101.html"]
    site.put("/gongkai/2022/t101.html", article(ROAD[0], ROAD[1].replace("2023年1月1日", "2023年1月15日"),
                                                published="2022-10-17"), etag='"t101-2"')
    site.put("/gongkai/index.html", list_page([
        ("/gongkai/2022/t101.html", ROAD[0], "2022-10-21 更新"),  # the list shows the article changed
        ("/gongkai/2022/t102.html", "关于人民路沿线停水的通知", "2022-10-20"),
        ("/gongkai/2022/t103.html", "关于解放路沿线计划停电的通知", "2022-11-01")],
        next_page="/gongkai/index_1.html"), etag='"list-2"')
    site.clear()
    [(_, report)] = poller.poll_now(["jz"])
    assert (report.new, report.updated, report.unchanged, report.failed) == (0, 1, 0, 0)
    # page 2 is read because page 1 had news; its articles are known and unchanged, so not fetched
    assert site.paths() == ["/gongkai/index.html", "/gongkai/index_1.html", "/gongkai/2022/t101.html"]
    assert site.requests("/gongkai/2022/t101.html")[0].if_none_match == '"t101-1"'
    [after] = events_by_path(db, site)["/gongkai/2022/t101.html"]
    assert (after.uid, after.end, after.sequence, after.status) == (before.uid, date(2023, 1, 15), 1, "confirmed")
    assert len(list_events(db)) == 4


def test_a_feed_brings_its_articles_dated_by_the_feed(db, site, make_poller):
    add(db, site, "rss", "/rss.xml", kind="rss")
    poller = make_poller()
    [(_, report)] = poller.poll_now(["rss"])
    assert (report.new, report.failed) == (2, 0)
    heating = notice_by_key(db, site.url("/news/n1.html"))
    assert heating.published == date(2022, 11, 7)  # the page has no date: the feed's pubDate
    assert [summary(e) for e in heating.events] == [("period", "2022-11-15", "2023-03-15", None)]
    site.clear()
    [(_, again)] = poller.poll_now(["rss"])
    assert site.paths() == ["/rss.xml"] and (again.new, again.unchanged) == (0, 0)  # no ETag: read, nothing new


def test_an_unchanged_page_costs_one_conditional_get(db, site, make_poller):
    add(db, site, "road", "/gongkai/2022/t101.html", kind="page")
    poller = make_poller()
    assert poller.poll_now(["road"])[0][1].new == 1
    site.clear()
    [(_, report)] = poller.poll_now(["road"])
    assert report.not_modified and report.ok
    assert [(h.path, h.if_none_match, h.status) for h in site.requests()] == [
        ("/gongkai/2022/t101.html", '"t101-1"', 304)]
    assert stored.source_by_name(db, "road").etag == '"t101-1"'


def test_a_server_error_is_recorded_and_the_next_poll_recovers(db, site, make_poller):
    add(db, site, "flaky", "/flaky.html", kind="page")
    poller = make_poller(SOURCES_RETRIES=0)
    [(_, failed)] = poller.poll_now(["flaky"])
    assert failed.error.endswith("/flaky.html: HTTP 500 Internal Server Error")
    source = stored.source_by_name(db, "flaky")
    assert (source.failures, source.last_error, source.health(3)) == (1, failed.error, "failing")
    [(_, report)] = poller.poll_now(["flaky"])
    assert report.ok and report.new == 1
    source = stored.source_by_name(db, "flaky")
    assert (source.failures, source.health(3)) == (0, "ok") and source.last_success_at is not None


def test_a_retry_within_the_poll_hides_a_passing_error(db, site, make_poller):
    add(db, site, "flaky", "/flaky.html", kind="page")
    [(_, report)] = make_poller(SOURCES_RETRIES=1).poll_now(["flaky"])
    assert report.ok and report.new == 1
    assert [h.status for h in site.requests("/flaky.html")] == [500, 200]


@pytest.mark.parametrize("path, error", [
    ("/slow.html", "/slow.html: no answer within 0.5 s"),
    ("/big.html", "/big.html: too large (10 MB; the limit is 8 MB)"),
    ("/big-unannounced.html", "/big-unannounced.html: too large (more than 8 MB, the limit)"),
    ("/binary.html", "/binary.html: binary content served as a web page (NUL bytes), not text"),
    ("/private/notice.html", "/private/notice.html: robots.txt of 127.0.0.1"),
    ("/missing.html", "/missing.html: HTTP 404 Not Found"),
])
def test_what_cannot_be_read_fails_the_poll_with_a_clear_error(db, site, make_poller, path, error):
    add(db, site, "bad", path, kind="page")
    poller = make_poller(SOURCES_RETRIES=0, SOURCES_TIMEOUT=0.5)
    for polls in (1, 2, 3):
        [(_, report)] = poller.poll_now(["bad"])
        assert error in report.error and report.new == 0
    source = stored.source_by_name(db, "bad")
    assert (source.failures, source.health(3)) == (3, "broken") and error in source.last_error
    assert list_events(db) == []
    if path.startswith("/private/"):
        assert site.requests(path) == []  # never asked for


@pytest.mark.parametrize("broken_list", [
    {"body": list_page([]), "etag": '"empty"'},  # an empty list is not "everything was withdrawn"
    {"body": "", "status": 500},
    {"body": bytes(range(256)) * 40, "content_type": "text/html"},
])
def test_a_broken_source_loses_and_cancels_nothing(db, site, make_poller, broken_list):
    add(db, site, "jz", "/gongkai/index.html", links=NO_OCR)
    poller = make_poller(SOURCES_RETRIES=0)
    poller.poll_now(["jz"])
    before = {e.uid: (e.status, e.sequence) for e in list_events(db)}
    site.put("/gongkai/index.html", **broken_list)
    [(_, report)] = poller.poll_now(["jz"])
    assert report.error is not None and stored.source_by_name(db, "jz").failures == 1
    assert {e.uid: (e.status, e.sequence) for e in list_events(db)} == before
    assert all(e.status == "confirmed" for e in list_events(db)) and len(before) == 4


def test_a_failed_article_is_tried_again_even_when_its_list_did_not_change(db, site, make_poller):
    site.routes["/gongkai/2022/t102.html"].failures = [503, 503]
    add(db, site, "jz", "/gongkai/index.html", links=NO_OCR)
    poller = make_poller(SOURCES_RETRIES=1)
    [(_, first)] = poller.poll_now(["jz"])
    assert (first.new, first.failed) == (3, 1) and "t102.html: HTTP 503" in first.errors[0]
    source = stored.source_by_name(db, "jz")
    assert source.failures == 1 and source.last_error.startswith("1 article(s) failed")
    site.clear()
    [(_, second)] = poller.poll_now(["jz"])
    assert second.not_modified and (second.new, second.failed) == (1, 0)
    assert site.paths() == ["/gongkai/index.html", "/gongkai/2022/t102.html"]
    assert stored.source_by_name(db, "jz").failures == 0


def test_the_same_text_at_a_second_address_is_one_notice(db, site, make_poller):
    site.put("/gongkai/2022/t201.html", site.routes["/gongkai/2022/t101.html"].body)
    site.put("/gongkai/index.html", list_page([("/gongkai/2022/t101.html", ROAD[0], "2022-10-17"),
                                               ("/gongkai/2022/t201.html", ROAD[0], "2022-10-17")]))
    add(db, site, "jz", "/gongkai/index.html", links=LINKS)
    [(_, report)] = make_poller().poll_now(["jz"])
    assert (report.new, report.unchanged) == (1, 1)
    assert list({e.notice_id for e in list_events(db)}) == [site.url("/gongkai/2022/t101.html")]


def test_a_page_that_could_not_be_read_is_read_again_once_it_is_fixed(db, site, make_poller):
    site.put("/fixed.html", b"\x00garbage", content_type="text/html", etag='"v1"')
    add(db, site, "fixed", "/fixed.html", kind="page")
    poller = make_poller()
    assert "binary content" in poller.poll_now(["fixed"])[0][1].error
    assert stored.source_by_name(db, "fixed").etag is None  # kept from before the failure: none
    site.put("/fixed.html", article(*ROAD, published="2022-10-17"), etag='"v2"')
    [(_, report)] = poller.poll_now(["fixed"])
    assert report.ok and report.new == 1 and site.requests("/fixed.html")[-1].if_none_match is None
