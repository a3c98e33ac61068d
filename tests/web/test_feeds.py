"""Feeds over HTTP: headers, conditional GET, caching keyed by the store revision, filters, windows."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from calendar_service import create_app, ics
from calendar_service.store import withdraw_notice

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2022, 10, 18, 1, 0, tzinfo=UTC)

LONGYUAN = dict(uid="longyuan@test", title="龙源路与山阳路交叉口半幅封闭施工", location="龙源路与山阳路交叉口",
                start=date(2022, 10, 18), end=date(2023, 1, 1))
INSURANCE = dict(uid="insurance@test", kind="deadline", title="城乡居民医保集中缴费",
                 start=date(2022, 10, 17), end=date(2022, 12, 25))
HALL = dict(uid="hall@test", kind="service_change", title="医保服务大厅暂停线下服务", location="医保服务大厅",
            start=date(2022, 10, 17), end=None)
CONTEST = dict(uid="contest@test", kind="event", title="教学技能大赛", start=datetime(2022, 9, 15, 9, tzinfo=TZ),
               end=datetime(2022, 9, 16, 17, tzinfo=TZ))
RECENT = dict(uid="recent@test", kind="event", title="上周的开放日", start=date(2022, 10, 10), end=date(2022, 10, 10))


def vevents(body: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


@pytest.fixture
def seeded(publish):
    publish("seed.txt", LONGYUAN, INSURANCE, HALL, CONTEST, RECENT, now=T0)


def test_it_serves_the_feed_with_subscription_headers(client, seeded):
    response = client.get("/calendar.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["ETag"].startswith('"') and not response.headers["ETag"].startswith("W/")
    assert response.headers["Last-Modified"] == "Tue, 18 Oct 2022 01:00:00 GMT"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Content-Disposition"].startswith("inline")
    assert "no-cache" in response.headers["Cache-Control"]
    text = response.get_data(as_text=True)
    assert "X-WR-CALNAME:公告日历\r\n" in text and "REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in text


def test_it_answers_conditional_requests(client, seeded):
    first = client.get("/calendar.ics")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = client.get("/calendar.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    assert client.get("/calendar.ics", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/calendar.ics", headers={"If-Modified-Since": modified}).status_code == 304
    old = client.get("/calendar.ics", headers={"If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT"})
    assert old.status_code == 200 and old.data == first.data


def test_it_answers_head_with_the_same_headers(client, seeded):
    full, head = client.get("/calendar.ics"), client.head("/calendar.ics")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == full.headers["ETag"]
    assert head.headers["Content-Length"] == str(len(full.data))


def test_it_answers_cors_preflight(client):
    response = client.options("/calendar.ics", headers={"Origin": "https://viewer.example",
                                                        "Access-Control-Request-Method": "GET"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response.headers["Access-Control-Allow-Headers"]


def test_it_builds_a_feed_once_per_store_revision(app, client, seeded, publish):
    cache = app.extensions["calendar_feed_cache"]
    first = client.get("/calendar.ics")
    client.get("/calendar.ics")
    client.get("/calendar.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert cache.builds == 1
    publish("later.txt", dict(uid="new@test", title="新增的封闭", start=date(2022, 11, 1), end=date(2022, 11, 2)),
            now=T0 + timedelta(days=1))
    second = client.get("/calendar.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200 and cache.builds == 2
    assert "new@test" in vevents(second.data)
    assert second.headers["Last-Modified"] == "Wed, 19 Oct 2022 01:00:00 GMT"


def test_it_sees_changes_made_by_another_process(app, seeded, database_url):
    """The cache key is read from the database: a write through another app (process) invalidates."""
    other = create_app({"TESTING": True, "DATABASE_URL": database_url, "AS_OF": "2022-10-18"})
    try:
        before = app.test_client().get("/calendar.ics")
        withdraw_notice(other.extensions["calendar_db"], "seed.txt", now=T0 + timedelta(days=2))
        after = app.test_client().get("/calendar.ics", headers={"If-None-Match": before.headers["ETag"]})
        assert after.status_code == 200
        assert {str(e["STATUS"]) for e in vevents(after.data).values()} == {"CANCELLED"}
    finally:
        other.extensions["calendar_db"].dispose()


def test_an_unchanged_reingest_keeps_the_etag(client, seeded, publish):
    etag = client.get("/calendar.ics").headers["ETag"]
    publish("seed.txt", LONGYUAN, INSURANCE, HALL, CONTEST, RECENT, now=T0 + timedelta(days=5))
    assert client.get("/calendar.ics", headers={"If-None-Match": etag}).status_code == 304


def test_the_main_feed_keeps_current_items_and_the_recent_past(client, seeded):
    events = vevents(client.get("/calendar.ics").data)
    assert set(events) == {"longyuan@test", "insurance@test", "hall@test", "recent@test"}
    assert events["hall@test"].decoded("DTSTART") == date(2022, 10, 17)  # open-ended: ongoing


def test_the_past_window_is_configurable(app, client, seeded):
    app.config["FEED_PAST_DAYS"] = 60
    assert "contest@test" in vevents(client.get("/calendar.ics").data)


def test_as_of_moves_the_window(app, client, seeded):
    app.config["AS_OF"] = "2023-03-01"
    assert set(vevents(client.get("/calendar.ics").data)) == {"hall@test"}


@pytest.mark.parametrize("kind, uids", [
    ("closure", {"longyuan@test"}), ("deadline", {"insurance@test"}), ("service_change", {"hall@test"}),
    ("event", {"recent@test"}), ("period", set()),
])
def test_kind_feeds(client, seeded, kind, uids):
    response = client.get(f"/calendars/{kind}.ics")
    assert response.status_code == 200
    assert set(vevents(response.data)) == uids


def test_an_unknown_kind_is_a_json_404(client):
    response = client.get("/calendars/parking.ics")
    assert response.status_code == 404 and response.is_json
    assert "closure" in response.json["message"]


def test_a_text_filter_gives_its_own_stable_feed(client, seeded):
    first = client.get("/calendar.ics?q=龙源路")
    assert set(vevents(first.data)) == {"longyuan@test"}
    assert "X-WR-CALNAME:公告日历 · 龙源路\r\n" in first.get_data(as_text=True)
    assert client.get("/calendar.ics?q=%E9%BE%99%E6%BA%90%E8%B7%AF").headers["ETag"] == first.headers["ETag"]
    assert set(vevents(client.get("/calendars/deadline.ics?q=医保").data)) == {"insurance@test"}
    assert vevents(client.get("/calendar.ics?q=没有这个地方").data) == {}


def test_an_overlong_filter_is_refused(client):
    response = client.get("/calendar.ics?q=" + "路" * 101)
    assert response.status_code == 400 and response.is_json


def test_alarms_only_on_request(client, seeded):
    assert b"VALARM" not in client.get("/calendar.ics").data
    body = client.get("/calendar.ics?alarm=1d").data
    assert b"TRIGGER:-PT15H" in body  # all-day items: 09:00 the day before
    bad = client.get("/calendar.ics?alarm=soon")
    assert bad.status_code == 400 and "alarm" in bad.json["message"]


def test_a_withdrawn_notice_cancels_its_events_in_the_feed(app, client, seeded):
    before = vevents(client.get("/calendar.ics").data)
    withdraw_notice(app.extensions["calendar_db"], "seed.txt", now=T0 + timedelta(days=1))
    after = vevents(client.get("/calendar.ics").data)
    assert set(after) == set(before)
    for uid, event in after.items():
        assert str(event["STATUS"]) == "CANCELLED"
        assert event["SEQUENCE"] == before[uid]["SEQUENCE"] + 1
        assert event.decoded("LAST-MODIFIED") == T0 + timedelta(days=1)


def test_an_edited_notice_updates_the_same_entry(client, seeded, publish):
    before = vevents(client.get("/calendar.ics").data)
    moved = dict(LONGYUAN, end=date(2023, 1, 15))
    publish("seed.txt", moved, INSURANCE, HALL, CONTEST, RECENT, now=T0 + timedelta(days=1))
    after = vevents(client.get("/calendar.ics").data)
    assert after["longyuan@test"]["SEQUENCE"] == 1 and after["longyuan@test"].decoded("DTEND") == date(2023, 1, 16)
    assert after["insurance@test"]["SEQUENCE"] == 0
    assert after["insurance@test"].decoded("DTSTAMP") == before["insurance@test"].decoded("DTSTAMP")


def test_one_event_as_ics(client, seeded):
    response = client.get("/events/longyuan@test.ics")
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert set(vevents(response.data)) == {"longyuan@test"}
    again = client.get("/events/longyuan@test.ics", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/events/nobody@test.ics").status_code == 404


def test_feed_entries_link_to_an_event_page(client, seeded):
    event = vevents(client.get("/calendar.ics").data)["longyuan@test"]
    assert str(event["URL"]) == "https://calendar.example.cn/events/longyuan@test"
    page = client.get("/events/longyuan@test")
    assert page.status_code == 200 and "龙源路与山阳路交叉口半幅封闭施工" in page.get_data(as_text=True)


def test_the_event_page_escapes_notice_text(client, publish):
    publish("x.txt", dict(uid="xss@test", title="<script>alert(1)</script>"))
    page = client.get("/events/xss@test").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_issue_4_hostile_title_in_a_served_feed(client, publish, ics_check):
    hostile = "封闭\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil;x,y"
    publish("hostile.txt", dict(uid="hostile@test", title=hostile, location="路口;东侧,西侧",
                                description=hostile + "\n" + "很长的中文说明。" * 60))
    body = client.get("/calendar.ics").data
    events = vevents(body)
    assert list(events) == ["hostile@test"]
    assert str(events["hostile@test"]["SUMMARY"]) == "【封闭】封闭 END:VEVENT BEGIN:VEVENT UID:evil;x,y"
    ics_check(body)


def test_healthz_is_trivial(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.data == b"ok\n"


def test_big_feeds_are_gzipped_for_clients_that_ask(app, client, publish):
    import gzip

    many = [dict(uid=f"n{i}@test", title=f"第{i}号路段封闭施工", description="施工期间请绕行，注意安全。" * 20)
            for i in range(60)]
    publish("many.txt", *many)
    plain = client.get("/calendar.ics")
    assert len(plain.data) > 32 * 1024 and "Content-Encoding" not in plain.headers
    assert plain.headers["Vary"] == "Accept-Encoding"
    packed = client.get("/calendar.ics", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip" and packed.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(packed.data) == plain.data and len(packed.data) < len(plain.data) / 5
    assert packed.headers["ETag"] != plain.headers["ETag"]
    for etag in (plain.headers["ETag"], packed.headers["ETag"]):
        again = client.get("/calendar.ics", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
        assert again.status_code == 304 and again.headers["ETag"] == packed.headers["ETag"]
    app.config["FEED_GZIP"] = False
    assert "Content-Encoding" not in client.get("/calendar.ics", headers={"Accept-Encoding": "gzip"}).headers


def test_small_feeds_are_not_gzipped(client, seeded):
    response = client.get("/calendar.ics", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in response.headers and "Vary" not in response.headers


def test_a_feed_is_built_from_the_bytes_rendered_when_events_were_stored(app, client, seeded, publish,
                                                                          monkeypatch):
    whole = client.get("/calendar.ics?alarm=1d").data
    app.extensions["calendar_feed_cache"].clear()

    def no_rendering(*args, **kwargs):
        raise AssertionError("a feed request rendered an event")

    monkeypatch.setattr(ics, "to_vevent", no_rendering)
    assert client.get("/calendar.ics?alarm=1d").data == whole  # another worker, or after a restart
    monkeypatch.undo()
    publish("seed.txt", dict(LONGYUAN, title="龙源路半幅封闭施工（延期）"), INSURANCE, HALL, CONTEST, RECENT,
            now=T0 + timedelta(days=1))
    monkeypatch.setattr(ics, "to_vevent", no_rendering)
    body = client.get("/calendar.ics").data
    assert "龙源路半幅封闭施工（延期）" in str(vevents(body)["longyuan@test"]["SUMMARY"])
    assert vevents(body)["longyuan@test"]["SEQUENCE"] == 1 and "VALARM" not in body.decode()
