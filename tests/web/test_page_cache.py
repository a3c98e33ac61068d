"""Pages and the read API cached like the feeds (issue 15): once per store revision, day and query,
with an ETag and 304, shared by the threads of a process and built once when many ask at once."""
from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime

from calendar_service.store import articles, revision, sources
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
