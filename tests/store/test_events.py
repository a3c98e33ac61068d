"""Reading events back on SQLite and PostgreSQL: zones and local dates, the one filter, JSON, feeds."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from calendar_service import ics
from calendar_service.extract import Kind
from calendar_service.store import EventFilter, list_events, page_of_events, save_notice, withdraw_notice
from calendar_service.store.models import Event

from .support import SHANGHAI, T0, T1, draft, event, stored


def test_it_keeps_timed_events_in_their_zone_and_their_local_dates(db):
    start = datetime(2022, 10, 18, 0, 30, tzinfo=SHANGHAI)  # still the 17th in UTC
    timed = event("t1", kind=Kind.EVENT, all_day=False, start=start, end=start + timedelta(hours=2))
    save_notice(db, draft(), [timed], now=T0)
    e = stored(db)["t1"]
    assert e.start == start and e.start.utcoffset() == timedelta(hours=8) and not e.all_day
    assert e.to_json()["start"] == "2022-10-18T00:30:00+08:00"
    with db.read() as session:
        assert session.scalar(select(Event.start_date)) == date(2022, 10, 18)
    assert "t1" in stored(db, start=date(2022, 10, 18), end=date(2022, 10, 18))
    assert save_notice(db, draft("v2"), [timed], now=T1).events.changed == 0


def test_it_lists_events_by_kind_days_text_status_and_notice(db):
    save_notice(db, draft(), [
        event("closure"),  # 2022-10-18 .. 2023-01-01
        event("deadline", kind=Kind.DEADLINE, start=None, end=date(2022, 12, 25), title="医保集中缴费 100%"),
        event("open", kind=Kind.SERVICE_CHANGE, start=date(2022, 10, 17), end=None, location=None),
        event("later", kind=Kind.PERIOD, start=date(2023, 1, 1), end=date(2023, 12, 31)),
    ], now=T0)
    save_notice(db, draft(key="b.txt"), [event("gone")], now=T0)
    withdraw_notice(db, "b.txt", now=T1)
    assert set(stored(db, kind="deadline")) == {"deadline"}
    assert set(stored(db, start=date(2023, 6, 1))) == {"open", "later"}
    assert set(stored(db, end=date(2022, 10, 17))) == {"deadline", "open"}
    assert set(stored(db, start=date(2022, 12, 26), end=date(2022, 12, 31))) == {"closure", "open", "gone"}
    assert set(stored(db, q="缴费")) == {"deadline"}
    assert set(stored(db, q="100%")) == {"deadline"} and not stored(db, q="0%%")
    assert set(stored(db, q="山阳路")) == {"closure", "later", "gone", "deadline"}
    assert set(stored(db, status="cancelled")) == {"gone"}
    assert set(stored(db, notice="b.txt")) == {"gone"}
    assert [e.uid for e in list_events(db)] == ["open", "closure", "gone", "deadline", "later"]  # deadlines by due day


def test_stored_events_carry_the_extract_json_fields_and_their_bookkeeping(db):
    save_notice(db, draft(), [event("u1")], now=T0)
    data = stored(db)["u1"].to_json()
    assert event("u1").to_json().items() <= data.items()
    assert {k: data[k] for k in ("sequence", "status", "notice_id", "last_modified")} == {
        "sequence": 0, "status": "confirmed", "notice_id": "a.txt", "last_modified": "2022-10-18T01:00:00+00:00"}


def test_stored_events_render_as_a_feed(db):
    save_notice(db, draft(), [event("u1"), event("u2")], now=T0)
    withdraw_notice(db, "a.txt", now=T1)
    body = ics.render_calendar(list_events(db)).decode()
    assert body.count("STATUS:CANCELLED") == 2 and "SEQUENCE:1" in body and "UID:u1" in body


def test_issue_15_a_page_from_a_day_is_what_the_one_filter_lists(db):
    """``page_of_events`` reads index ranges (ending from ``start``; open-ended), not every event:
    the same items, order and total as ``list_events``' one condition, whatever the page."""
    save_notice(db, draft(), [
        event("old", start=date(2021, 3, 1), end=date(2021, 3, 9)),  # ended before: never listed
        event("open-old", kind=Kind.CLOSURE, start=date(2021, 1, 5), end=None),  # open-ended of any age: listed
        event("open", kind=Kind.SERVICE_CHANGE, start=date(2022, 10, 17), end=None, location=None),
        event("ending", start=date(2022, 9, 1), end=date(2022, 10, 18)),
        event("due", kind=Kind.DEADLINE, start=None, end=date(2022, 12, 25)),
        event("later", kind=Kind.PERIOD, start=date(2023, 1, 1), end=date(2023, 12, 31)),
        *(event(f"c{n}", start=date(2022, 10, 18 + n % 5), end=date(2022, 11, 1)) for n in range(6)),
    ], now=T0)
    save_notice(db, draft(key="b.txt"), [event("gone", end=None)], now=T0)
    withdraw_notice(db, "b.txt", now=T1)
    for where in [EventFilter(start=date(2022, 10, 18)), EventFilter(kind="closure", start=date(2022, 10, 18)),
                  EventFilter(kind="closure", start=date(2022, 9, 18), q="龙源路", status="confirmed"),
                  EventFilter(start=date(2022, 10, 18), end=date(2022, 12, 31)),
                  EventFilter(start=date(2022, 10, 18), notice="b.txt"), EventFilter(kind="closure")]:
        everything = [e.uid for e in list_events(db, **{k: v for k, v in where.__dict__.items() if k != "unpublished"})]
        for limit, offset in [(100, 0), (1, 0), (3, 2), (5, 5), (4, 50)]:
            page = page_of_events(db, where, limit=limit, offset=offset)
            assert ([e.uid for e in page.events], page.total) == (everything[offset:offset + limit], len(everything))
    assert {"open-old", "open", "gone"} <= {e.uid for e in page_of_events(db, EventFilter(start=date(2022, 10, 18)),
                                                                         limit=100, offset=0).events}
