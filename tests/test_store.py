"""The store on SQLite and PostgreSQL: upsert semantics, withdrawal, queries, revision, schema."""
from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from calendar_service import ics
from calendar_service.errors import NoticeNotFound, NotStored, SchemaOutOfDate
from calendar_service.extract import ExtractedEvent, Kind, SourceRef
from calendar_service.store import (Database, NoticeDraft, head_revision, known_notices, list_events,
                                    require_current, revision, save_notice, upgrade, withdraw_notice)
from calendar_service.store.models import Base, Event, Notice

SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = datetime(2022, 10, 18, 1, 0, tzinfo=UTC)
T1 = T0 + timedelta(hours=1)
T2 = T0 + timedelta(hours=2)


def event(uid: str, **changes) -> ExtractedEvent:
    base = ExtractedEvent(
        uid=uid, kind=Kind.CLOSURE, title=f"{uid} 半幅封闭施工", start=date(2022, 10, 18),
        end=date(2023, 1, 1), all_day=True, location="龙源路与山阳路交叉口", description="施工期间请绕行",
        confidence=0.9, source=SourceRef("a.txt", "龙源路与山阳路交叉口半幅封闭施工", 10, 26),
    )
    return dataclasses.replace(base, **changes)


def draft(text: str = "公告", key: str = "a.txt", published: date = date(2022, 10, 18)) -> NoticeDraft:
    return NoticeDraft(key=key, text=text, content_hash=f"hash of {text}", published=published, source=f"/n/{key}")


def stored(db: Database, **filters) -> dict:
    return {e.uid: e for e in list_events(db, **filters)}


def test_it_stores_a_new_notice_with_its_events(db):
    result = save_notice(db, draft(), [event("u1"), event("u2")], now=T0)
    assert (result.outcome, result.events.added) == ("new", 2)
    events = stored(db)
    assert set(events) == {"u1", "u2"}
    assert all((e.sequence, e.status, e.created, e.last_modified, e.notice_id) == (0, "confirmed", T0, T0, "a.txt")
               for e in events.values())
    assert events["u1"].start == date(2022, 10, 18) and events["u1"].end == date(2023, 1, 1)
    assert known_notices(db, ["a.txt", "b.txt"]) == {"a.txt": ("hash of 公告", date(2022, 10, 18))}


def test_it_changes_nothing_when_the_same_text_is_saved_again(db):
    save_notice(db, draft(), [event("u1")], now=T0)
    before = revision(db)
    assert save_notice(db, draft(), [event("u1")], now=T1).outcome == "unchanged"
    assert save_notice(db, draft(), [event("u1")], now=T2, force=True).outcome == "unchanged"
    e = stored(db)["u1"]
    assert (e.sequence, e.last_modified) == (0, T0)
    assert revision(db) == before


def test_it_bumps_sequence_of_an_edited_event_and_keeps_its_uid(db):
    save_notice(db, draft(), [event("u1"), event("u2")], now=T0)
    edited = [event("u1", end=date(2023, 1, 15), title="延期封闭"), event("u2")]
    result = save_notice(db, draft("公告（修订）"), edited, now=T1)
    assert (result.outcome, result.events.changed, result.events.added) == ("updated", 1, 0)
    events = stored(db)
    assert (events["u1"].sequence, events["u1"].last_modified, events["u1"].end) == (1, T1, date(2023, 1, 15))
    assert events["u1"].created == T0
    assert (events["u2"].sequence, events["u2"].last_modified) == (0, T0)


@pytest.mark.parametrize("change", [
    {"kind": Kind.PERIOD}, {"title": "新标题"}, {"location": "山阳路"}, {"start": date(2022, 10, 19)},
    {"description": "新说明"}, {"source": SourceRef("a.txt", "改写后的原文", 10, 16)},
])
def test_it_counts_anything_a_calendar_shows_as_a_change(db, change):
    save_notice(db, draft(), [event("u1")], now=T0)
    assert save_notice(db, draft("v2"), [event("u1", **change)], now=T1).events.changed == 1
    assert stored(db)["u1"].sequence == 1


def test_it_refreshes_bookkeeping_silently(db):
    save_notice(db, draft(), [event("u1")], now=T0)
    moved = event("u1", confidence=0.5, source=SourceRef("b.txt", event("u1").source.text, 40, 56))
    result = save_notice(db, draft("前面加了一段。公告"), [moved], now=T1)
    assert (result.outcome, result.events.changed) == ("updated", 0)
    e = stored(db)["u1"]
    assert (e.sequence, e.last_modified) == (0, T0)
    assert (e.confidence, e.source.file, e.source.start) == (0.5, "b.txt", 40)


def test_it_cancels_an_item_no_longer_in_the_notice_and_brings_it_back_if_it_returns(db):
    save_notice(db, draft(), [event("u1"), event("u2")], now=T0)
    result = save_notice(db, draft("v2"), [event("u1")], now=T1)
    assert result.events.cancelled == 1
    assert (stored(db)["u2"].status, stored(db)["u2"].sequence) == ("cancelled", 1)
    assert save_notice(db, draft("v3"), [event("u1")], now=T2).events.cancelled == 0  # stays cancelled
    result = save_notice(db, draft("v4"), [event("u1"), event("u2")], now=T2)
    assert result.events.changed == 1
    assert (stored(db)["u2"].status, stored(db)["u2"].sequence) == ("confirmed", 2)


def test_it_withdraws_a_notice_by_cancelling_its_events(db):
    save_notice(db, draft(), [event("u1"), event("u2")], now=T0)
    save_notice(db, draft(key="b.txt"), [event("u3")], now=T0)
    assert withdraw_notice(db, "a.txt", now=T1).cancelled == 2
    events = stored(db)
    assert {uid: (e.status, e.sequence, e.last_modified) for uid, e in events.items()} == {
        "u1": ("cancelled", 1, T1), "u2": ("cancelled", 1, T1), "u3": ("confirmed", 0, T0)}
    before = revision(db)
    assert withdraw_notice(db, "a.txt", now=T2).cancelled == 0
    assert revision(db) == before
    with pytest.raises(NoticeNotFound):
        withdraw_notice(db, "missing.txt")


def test_a_withdrawn_notice_stays_withdrawn_until_its_text_changes(db):
    save_notice(db, draft(), [event("u1")], now=T0)
    withdraw_notice(db, "a.txt", now=T1)
    assert save_notice(db, draft(), [event("u1")], now=T2, force=True).outcome == "unchanged"
    assert save_notice(db, draft(published=date(2022, 10, 19)), [event("u1")], now=T2).outcome == "unchanged"
    assert stored(db)["u1"].status == "cancelled"
    assert save_notice(db, draft("republished"), [event("u1")], now=T2).outcome == "updated"
    assert (stored(db)["u1"].status, stored(db)["u1"].sequence) == ("confirmed", 2)
    with db.read() as session:
        assert session.scalar(select(Notice.status)) == "active"


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


def test_it_counts_every_committed_change_in_one_revision(db):
    assert revision(db) == (0, None)
    save_notice(db, draft(), [event("u1")], now=T0)
    save_notice(db, draft(), [event("u1")], now=T1)
    assert revision(db) == (1, T0)
    save_notice(db, draft("v2"), [], now=T1)
    withdraw_notice(db, "a.txt", now=T2)
    assert revision(db) == (3, T2)


def test_it_refuses_an_extraction_with_a_repeated_uid(db):
    with pytest.raises(ValueError, match="same UID"):
        save_notice(db, draft(), [event("u1"), event("u1", title="again")], now=T0)
    with pytest.raises(ValueError, match="aware datetimes"):
        save_notice(db, draft(), [event("u1", all_day=False, start=datetime(2022, 10, 18, 9))], now=T0)
    assert known_notices(db, ["a.txt"]) == {}


def test_a_failed_save_leaves_nothing_of_the_notice(db):
    save_notice(db, draft(), [event("u1")], now=T0)
    with pytest.raises(NotStored) as refused:  # a UID that belongs to another notice
        save_notice(db, draft(key="b.txt"), [event("u2"), event("u1")], now=T1)
    assert isinstance(refused.value.__cause__, IntegrityError)
    assert known_notices(db, ["a.txt", "b.txt"]).keys() == {"a.txt"}
    assert set(stored(db)) == {"u1"} and revision(db)[0] == 1


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


def test_migrations_build_exactly_the_models(db):
    with db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    assert upgrade(db) == head_revision()  # a second upgrade is a no-op
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Notice)) == 0


def test_a_database_without_the_schema_is_reported(database_url):
    database = Database(database_url)
    try:
        with pytest.raises(SchemaOutOfDate, match="db upgrade"):
            require_current(database)
        upgrade(database)
        require_current(database)
    finally:
        database.dispose()
