"""The JSON API: listings with filters and pagination, single events and notices, JSON errors."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from calendar_service.store import withdraw_notice

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2022, 10, 18, 1, 0, tzinfo=UTC)
EVENTS = [
    dict(uid="a@test", title="龙源路与山阳路交叉口半幅封闭施工", location="龙源路与山阳路交叉口",
         start=date(2022, 10, 18), end=date(2023, 1, 1)),
    dict(uid="b@test", kind="deadline", title="城乡居民医保集中缴费", start=None, end=date(2022, 12, 25)),
    dict(uid="c@test", kind="service_change", title="医保服务大厅暂停线下服务", start=date(2022, 10, 17), end=None),
    dict(uid="d@test", kind="event", title="教学技能大赛", start=datetime(2022, 9, 15, 9, tzinfo=TZ),
         end=datetime(2022, 9, 16, 17, tzinfo=TZ)),
    dict(uid="e@test", kind="period", title="医保待遇享受期", start=date(2023, 1, 1), end=date(2023, 12, 31)),
]


@pytest.fixture
def seeded(publish):
    publish("2022/10/seed.txt", *EVENTS, now=T0)


def uids(response) -> list[str]:
    assert response.status_code == 200, response.json
    return [e["uid"] for e in response.json["events"]]


ALL = ["d@test", "c@test", "a@test", "b@test", "e@test"]  # by first day (a deadline's is its due date)
CURRENT = ["c@test", "a@test", "b@test", "e@test"]  # d@test ended in September
EVERYTHING = "from=1900-01-01"


def test_it_lists_events_in_date_order(client, seeded):
    response = client.get(f"/api/events?{EVERYTHING}")
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    body = response.json
    assert [e["uid"] for e in body["events"]] == ALL
    assert (body["total"], body["limit"], body["offset"], body["next"]) == (5, 50, 0, None)


def test_without_from_it_lists_what_is_current_as_the_home_page_does(client, seeded, publish):
    """Issue 15: without ``from`` the listing was every event ever stored (its cost grew with the
    past); it is what is current today, in date order, like the home page."""
    publish("2021/old.txt", dict(uid="old@test", kind="service_change", title="旧的暂停", start=date(2021, 3, 1),
                                 end=None), published=date(2021, 3, 1), now=T0)
    body = client.get("/api/events").json
    assert [e["uid"] for e in body["events"]] == CURRENT and body["total"] == 4
    assert "old@test" in uids(client.get(f"/api/events?{EVERYTHING}"))  # open-ended: overlaps every later day
    home = client.get("/").get_data(as_text=True)
    assert all(f"/events/{uid}" in home for uid in CURRENT) and "/events/d@test" not in home


def test_an_event_has_the_extract_fields_and_its_bookkeeping(client, seeded):
    event = client.get("/api/events/d@test").json
    assert event["start"] == "2022-09-15T09:00:00+08:00" and event["end"] == "2022-09-16T17:00:00+08:00"
    assert event["all_day"] is False and event["kind"] == "event"
    assert (event["sequence"], event["status"], event["notice_id"]) == (0, "confirmed", "2022/10/seed.txt")
    assert event["created"] == "2022-10-18T01:00:00+00:00"
    assert event["source"]["text"] == "教学技能大赛"
    assert event["links"] == {
        "self": "https://calendar.example.cn/api/events/d@test",
        "ics": "https://calendar.example.cn/events/d@test.ics",
        "page": "https://calendar.example.cn/events/d@test",
        "notice": "https://calendar.example.cn/api/notices/2022/10/seed.txt",
    }


@pytest.mark.parametrize("query, expected", [
    ("kind=closure", ["a@test"]),
    ("q=医保", ["c@test", "b@test", "e@test"]),
    ("q=龙源路&kind=deadline", []),
    ("from=2023-01-01", ["c@test", "a@test", "e@test"]),
    ("to=2022-10-01", ["b@test"]),
    (f"{EVERYTHING}&to=2022-10-01", ["d@test", "b@test"]),
    ("from=2022-12-25&to=2022-12-25", ["c@test", "a@test", "b@test"]),
    ("from=2023-06-01&to=2022-01-01", []),
    ("status=cancelled", []),
    ("q=%25", []),
    ("q=%20%20", CURRENT),
    (f"q=%20%20&{EVERYTHING}", ALL),
])
def test_filters(client, seeded, query, expected):
    assert uids(client.get(f"/api/events?{query}")) == expected


def test_status_filter_sees_cancelled_events(app, client, seeded):
    withdraw_notice(app.extensions["calendar_db"], "2022/10/seed.txt", now=T0 + timedelta(days=1))
    assert len(uids(client.get(f"/api/events?status=cancelled&{EVERYTHING}"))) == 5
    assert uids(client.get("/api/events?status=cancelled")) == CURRENT
    assert uids(client.get("/api/events?status=confirmed")) == []
    assert client.get("/api/events/a@test").json["sequence"] == 1


def test_pagination_follows_next_links(client, seeded):
    seen, url = [], f"/api/events?limit=2&{EVERYTHING}"
    while url:
        body = client.get(url.removeprefix("https://calendar.example.cn")).json
        seen += [e["uid"] for e in body["events"]]
        url = body["next"]
    assert seen == ALL
    assert client.get(f"/api/events?limit=2&offset=4&{EVERYTHING}").json["next"] is None
    assert client.get(f"/api/events?offset=10&{EVERYTHING}").json == {"events": [], "total": 5, "limit": 50,
                                                                       "offset": 10, "next": None}


@pytest.mark.parametrize("query, word", [
    ("kind=parking", "kind"), ("status=maybe", "status"), ("from=2022-13-01", "from"), ("to=yesterday", "to"),
    ("limit=0", "limit"), ("limit=501", "limit"), ("offset=-1", "offset"), ("limit=ten", "limit"),
    ("q=" + "路" * 101, "q"),
])
def test_malformed_parameters_are_json_400s(client, query, word):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 400 and response.is_json
    assert response.json["status"] == 400 and response.json["error"] == "Bad Request"
    assert word in response.json["message"]


def test_unknown_things_are_json_404s(client, seeded):
    for url in ("/api/events/nobody@test", "/api/notices/nothing.txt", "/api/nothing"):
        response = client.get(url)
        assert response.status_code == 404 and response.is_json and response.json["status"] == 404


def test_other_methods_are_json_405s(client):
    response = client.post("/api/events")
    assert response.status_code == 405 and response.is_json
    assert "GET" in response.headers["Allow"]


def test_a_notice_with_its_events(client, seeded):
    notice = client.get("/api/notices/2022/10/seed.txt").json
    assert notice["id"] == "2022/10/seed.txt" and notice["status"] == "active"
    assert notice["published"] == "2022-10-18" and notice["ingested_at"] == "2022-10-18T01:00:00+00:00"
    assert "龙源路" in notice["text"]
    assert [e["uid"] for e in notice["events"]] == ALL


def test_the_openapi_document_describes_the_api(client):
    document = client.get("/api/openapi.json").json
    assert document["openapi"].startswith("3.")
    assert {"/api/events", "/api/events/{uid}", "/api/notices/{id}", "/calendar.ics"} <= set(document["paths"])
    assert document["servers"] == [{"url": "https://calendar.example.cn"}]


def test_nul_characters_are_not_found_rather_than_server_errors(client, seeded):
    """PostgreSQL refuses NUL in text parameters; found by schemathesis."""
    assert client.get("/api/events/a%00@test").status_code == 404
    assert client.get("/api/notices/x%00.txt").status_code == 404
    assert client.get("/events/a%00@test.ics").status_code == 404
    assert client.get("/api/events?q=%E5%8C%BB%00").status_code == 200
    assert client.get("/calendar.ics?q=%00").status_code == 200
