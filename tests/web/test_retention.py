"""Feeds forget by time, on SQLite and PostgreSQL, seen through ``AS_OF`` (``serve --as-of``):
cancelled items leave after ``FEED_CANCELLED_DAYS``, open-ended ones after ``OPEN_ENDED_DAYS``
without a newer notice, past ones after ``FEED_PAST_DAYS``; the store and the API keep them all.
Every date below is worked out from the defaults (30, 180, 30) by hand."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from calendar_service.store import list_events

T0 = datetime(2022, 10, 18, 1, 0, tzinfo=UTC)
CANCELLED_AT = datetime(2022, 10, 20, 1, 0, tzinfo=UTC)

ROAD = dict(uid="road@t", title="龙源路半幅封闭施工", start=date(2022, 10, 20), end=date(2023, 6, 30))
BRIDGE = dict(uid="bridge@t", title="跨线桥全封闭施工", start=date(2022, 10, 25), end=date(2023, 6, 30),
              source_text="跨线桥自2022年10月25日起全封闭施工")
HALL = dict(uid="hall@t", kind="service_change", title="医保服务大厅暂停线下服务", start=date(2022, 10, 17), end=None)
FAIR = dict(uid="fair@t", kind="event", title="秋季招聘会", start=date(2022, 9, 28), end=date(2022, 10, 1))


def feed_uids(app, client, as_of: str, path: str = "/calendar.ics") -> dict[str, bytes]:
    """UID -> its VEVENT's STATUS line (b"" when confirmed) in the feed on ``as_of``."""
    app.config["AS_OF"] = as_of
    body = client.get(path).data
    found = {}
    for block in body.split(b"BEGIN:VEVENT\r\n")[1:]:
        lines = block.split(b"END:VEVENT")[0].split(b"\r\n")
        uid = next(line[4:].decode() for line in lines if line.startswith(b"UID:"))
        found[uid] = next((line for line in lines if line.startswith(b"STATUS:CANCELLED")), b"")
    return found


def test_a_cancelled_item_stays_in_the_feed_30_days_after_its_cancellation_then_leaves(app, client, publish):
    publish("jz/roads.txt", ROAD, BRIDGE, now=T0)
    publish("jz/roads.txt", ROAD, now=CANCELLED_AT)  # the bridge is no longer in the notice
    # cancelled on 2022-10-20 (UTC): kept while it is at most 30 days old, i.e. until 2022-11-19
    assert feed_uids(app, client, "2022-11-19") == {"road@t": b"", "bridge@t": b"STATUS:CANCELLED"}
    assert feed_uids(app, client, "2022-11-20") == {"road@t": b""}
    assert feed_uids(app, client, "2022-11-20", "/calendars/closure.ics") == {"road@t": b""}
    # kept in the store and the API
    assert {e.uid: e.status for e in list_events(app.extensions["calendar_db"])}["bridge@t"] == "cancelled"
    api = client.get("/api/events?status=cancelled").get_json()
    assert [e["uid"] for e in api["events"]] == ["bridge@t"]


def test_the_cancelled_days_are_configurable(app, client, publish):
    publish("jz/roads.txt", ROAD, BRIDGE, now=T0)
    publish("jz/roads.txt", ROAD, now=CANCELLED_AT)
    app.config["FEED_CANCELLED_DAYS"] = 2
    assert "bridge@t" in feed_uids(app, client, "2022-10-22")
    assert "bridge@t" not in feed_uids(app, client, "2022-10-23")


def test_an_open_ended_item_leaves_after_180_days_unconfirmed_and_its_page_says_since_when(app, client, publish):
    publish("jz/hall.txt", HALL, published=date(2022, 10, 18), now=T0)
    # confirmed on 2022-10-18 (the notice's date, later than its start): current until 2023-04-16
    assert "hall@t" in feed_uids(app, client, "2023-04-16")
    assert "hall@t" not in feed_uids(app, client, "2023-04-17")
    home = client.get("/").get_data(as_text=True)
    assert "医保服务大厅暂停线下服务" not in home
    page = client.get("/events/hall@t").get_data(as_text=True)
    assert "自2022年10月18日以来未再确认" in page and "180 天" in page
    app.config["AS_OF"] = "2023-04-16"
    assert "医保服务大厅暂停线下服务" in client.get("/").get_data(as_text=True)
    assert "未再确认" not in client.get("/events/hall@t").get_data(as_text=True)


def test_a_newer_notice_confirms_an_open_ended_item(app, client, publish):
    publish("jz/hall.txt", HALL, published=date(2022, 10, 18), now=T0)
    publish("jz/hall.txt", HALL, text="再次提醒：医保服务大厅暂停线下服务", published=date(2023, 5, 1), now=T0)
    # the same entry (no new UID, SEQUENCE unchanged), confirmed again on 2023-05-01: until 2023-10-28
    assert feed_uids(app, client, "2023-10-28") == {"hall@t": b""}
    assert "hall@t" not in feed_uids(app, client, "2023-10-29")
    assert list_events(app.extensions["calendar_db"])[0].sequence == 0


def test_the_open_ended_days_are_configurable(app, client, publish):
    publish("jz/hall.txt", HALL, published=date(2022, 10, 18), now=T0)
    app.config["OPEN_ENDED_DAYS"] = 10
    assert "hall@t" in feed_uids(app, client, "2022-10-28")
    assert "hall@t" not in feed_uids(app, client, "2022-10-29")


@pytest.mark.parametrize(("as_of", "kept"), [("2022-10-31", True), ("2022-11-01", False)])
def test_a_past_item_leaves_the_feed_30_days_after_it_ended(app, client, publish, as_of, kept):
    publish("jz/fair.txt", FAIR, now=T0)
    assert ("fair@t" in feed_uids(app, client, as_of)) is kept
