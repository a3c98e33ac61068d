"""Pages and the read API cached like the feeds (issue 15): once per store revision, day and query,
with an ETag and 304, shared by the threads of a process and built once when many ask at once."""
from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime

from calendar_service.store import articles, revision, sources, withdraw_notice
from calendar_service.web import pages

ROAD = dict(uid="road@test", title="龙源路与山阳路交叉口半幅封闭施工", location="龙源路与山阳路交叉口")
HALL = dict(uid="hall@test", kind="service_change", title="医保服务大厅暂停线下服务", end=None)
PAGES = ("/", "/?kind=closure", "/events/road@test", "/notices/seed.txt", "/feeds", "/api/events",
         "/api/events/road@test", "/api/notices/seed.txt", "/api/openapi.json")


def builds(app) -> int:
    return app.extensions["calendar_page_cache"].builds


def test_each_page_is_built_once_per_store_revision(app, client, publish):
    publish("seed.txt", ROAD, HALL)
    first = {url: client.get(url) for url in PAGES}
    assert all(r.status_code == 200 for r in first.values()), {u: r.status_code for u, r in first.items()}
    assert builds(app) == len(PAGES)
    again = {url: client.get(url) for url in PAGES}
    assert builds(app) == len(PAGES)
    assert {u: r.data for u, r in again.items()} == {u: r.data for u, r in first.items()}
    publish("later.txt", dict(uid="new@test", title="新增的人民路封闭"))
    assert "新增的人民路封闭" in client.get("/").get_data(as_text=True)
    assert builds(app) == len(PAGES) + 1


def test_a_cached_page_answers_304_to_its_etag(client, publish):
    publish("seed.txt", ROAD)
    for url in ("/", "/api/events"):
        response = client.get(url)
        etag = response.headers["ETag"]
        assert etag.startswith('"') and response.headers["Content-Type"].split(";")[0] in ("text/html",
                                                                                           "application/json")
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        assert client.get(url, headers={"If-None-Match": '"other"'}).data == response.data


def test_the_order_of_the_arguments_makes_no_other_page(app, client, publish):
    publish("seed.txt", ROAD)
    one = client.get("/?kind=closure&q=龙源路").data
    assert client.get("/?q=龙源路&kind=closure").data == one
    assert builds(app) == 1
    assert client.get("/?q=山阳路&kind=closure").status_code == 200
    assert builds(app) == 2


def test_another_day_is_another_page(app, client, publish):
    publish("seed.txt", dict(ROAD, start=date(2022, 10, 18), end=date(2022, 10, 19)))
    assert "龙源路" in client.get("/").get_data(as_text=True)
    app.config["AS_OF"] = "2022-10-25"  # the closure ended on the 19th
    assert "龙源路与山阳路交叉口半幅封闭施工" not in client.get("/").get_data(as_text=True)
    assert builds(app) == 2


def test_a_refusal_is_not_cached(app, client):
    assert client.get("/?kind=nonsense").status_code == 400
    assert client.get("/api/events?limit=0").status_code == 400
    assert builds(app) == 0


def test_many_threads_asking_for_a_page_at_once_build_it_once(app, publish, monkeypatch):
    publish("seed.txt", ROAD)
    calls, listed = [], pages.upcoming

    def slow_upcoming(*args, **kwargs):
        calls.append(1)
        time.sleep(0.3)  # the others arrive while the first builds
        return listed(*args, **kwargs)

    monkeypatch.setattr(pages, "upcoming", slow_upcoming)
    bodies = []

    def ask():
        bodies.append(app.test_client().get("/").data)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and builds(app) == 1
    assert len(bodies) == 8 and len(set(bodies)) == 1 and "龙源路".encode() in bodies[0]


def test_an_article_read_from_a_source_moves_the_revision(app, publish):
    db = app.extensions["calendar_db"]
    publish("https://example.cn/a.html", ROAD)
    before = revision(db)[0]
    now = datetime(2022, 10, 18, 2, tzinfo=UTC)
    source = sources.add_source(db, sources.NewSource("住建局", "https://example.cn/list.html", "example.cn", "list",
                                                      None, None, 3600), now)
    articles.record(db, source.id, "https://example.cn/a.html", now, state="ingested", listing_hash="h",
                    notice_key="https://example.cn/a.html")
    assert revision(db)[0] > before


MONTH_AND_PLACES = ("/month/2022-10", "/month/2022-10?category=road", "/places", "/places/龙源路", "/places/山阳路?page=1")


def test_month_and_place_pages_are_built_once_per_revision_and_show_an_ingest_at_once(app, client, publish):
    publish("seed.txt", ROAD, HALL)
    first = {url: client.get(url) for url in MONTH_AND_PLACES}
    assert all(r.status_code == 200 for r in first.values()), {u: r.status_code for u, r in first.items()}
    assert builds(app) == len(MONTH_AND_PLACES)
    assert {u: client.get(u).data for u in MONTH_AND_PLACES} == {u: r.data for u, r in first.items()}
    assert builds(app) == len(MONTH_AND_PLACES)
    publish("later.txt", dict(uid="new@test", title="龙源路中段夜间封闭", location="龙源路中段",
                              start=date(2022, 10, 20), end=date(2022, 10, 22)))
    for url in ("/month/2022-10", "/places/龙源路"):
        assert "龙源路中段夜间封闭" in client.get(url).get_data(as_text=True), url
    assert "龙源路中段夜间封闭" not in client.get("/places/山阳路").get_data(as_text=True)


def test_an_edit_or_a_withdrawal_shows_on_the_month_and_place_pages_at_once(app, client, publish):
    publish("seed.txt", ROAD)
    for url in ("/month/2022-10", "/places/龙源路"):
        assert ROAD["title"] in client.get(url).get_data(as_text=True)
    publish("seed.txt", dict(ROAD, title="龙源路与山阳路交叉口全幅封闭施工"))  # the notice edited: same item
    for url in ("/month/2022-10", "/places/龙源路"):
        page = client.get(url).get_data(as_text=True)
        assert "全幅封闭" in page and "半幅封闭" not in page, url
    withdraw_notice(app.extensions["calendar_db"], "seed.txt", now=datetime(2022, 10, 18, 3, tzinfo=UTC))
    for url in ("/month/2022-10", "/places/龙源路"):
        assert "全幅封闭" not in client.get(url).get_data(as_text=True), url


def test_a_cached_page_is_byte_for_byte_the_uncached_one(app, client, publish):
    """The same store read by an app whose page cache keeps nothing (every request renders)."""
    from calendar_service import create_app

    publish("seed.txt", ROAD, HALL, dict(uid="water@test", kind="service_change", title="山阳路停水",
                                         location="山阳路", category="water", start=date(2022, 10, 19), end=None))
    other = create_app(dict(app.config, FEED_CACHE_BYTES=0))
    uncached = other.test_client()
    urls = (*PAGES, *MONTH_AND_PLACES, "/?q=龙源路", "/?category=water", "/api/events?kind=closure",
            "/month/2022-11?category=water")
    try:
        for url in urls:
            client.get(url)  # into the cache
        for url in urls:
            cached_page, rendered = client.get(url), uncached.get(url)
            assert (cached_page.status_code, cached_page.data) == (rendered.status_code, rendered.data), url
            assert cached_page.headers["ETag"] == rendered.headers["ETag"], url
        assert builds(app) == len(set(urls))
        assert len(other.extensions["calendar_page_cache"]) == 0
    finally:
        other.extensions["calendar_db"].dispose()


def test_a_cached_redirect_keeps_its_location_and_a_month_answers_304(client, publish):
    publish("seed.txt", ROAD)
    for _ in range(2):
        response = client.get("/places/龙源路口")
        assert response.status_code == 302 and response.headers["Location"].endswith(
            "/places/%E9%BE%99%E6%BA%90%E8%B7%AF")
    etag = client.get("/month/2022-10").headers["ETag"]
    assert client.get("/month/2022-10", headers={"If-None-Match": etag}).status_code == 304
