"""Writing notices on SQLite and PostgreSQL: upsert semantics, withdrawal, refusals, the revision."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from calendar_service.errors import NoticeNotFound, NotStored
from calendar_service.extract import Kind, SourceRef
from calendar_service.store import known_notices, revision, save_notice, withdraw_notice
from calendar_service.store import notices
from calendar_service.store.models import Event, Notice

from .support import T0, T1, T2, draft, event, stored


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
    {"title": "新标题"}, {"location": "山阳路"}, {"start": date(2022, 10, 19)},
    {"description": "新说明"}, {"source": SourceRef("a.txt", "改写后的原文", 10, 16)},
])
def test_it_counts_anything_a_calendar_shows_as_a_change(db, change):
    save_notice(db, draft(), [event("u1")], now=T0)
    assert save_notice(db, draft("v2"), [event("u1", **change)], now=T1).events.changed == 1
    assert stored(db)["u1"].sequence == 1


def test_another_kind_is_another_calendar_entry(db):
    """A closure read as a period is a different entry in a different calendar: the old one is
    cancelled and the new one added (the extractor's UID hashes the kind for the same reason)."""
    save_notice(db, draft(), [event("u1")], now=T0)
    result = save_notice(db, draft("v2"), [event("u1", kind=Kind.PERIOD)], now=T1)
    assert (result.events.added, result.events.changed, result.events.cancelled) == (1, 0, 1)
    events = stored(db)
    assert (events["u1"].kind, events["u1"].status) == ("closure", "cancelled")
    assert (events["u1-2"].kind, events["u1-2"].status) == ("period", "confirmed")


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


def test_it_counts_every_committed_change_in_one_revision(db):
    assert revision(db) == (0, None)
    save_notice(db, draft(), [event("u1")], now=T0)
    save_notice(db, draft(), [event("u1")], now=T1)
    assert revision(db) == (1, T0)
    save_notice(db, draft("v2"), [], now=T1)
    withdraw_notice(db, "a.txt", now=T2)
    assert revision(db) == (3, T2)


def test_a_repeated_or_taken_uid_is_made_unique(db):
    """The extractor's UID is only a proposal: one already stored (here by another notice) or given
    twice becomes unique with -2, -3 before the domain, rather than refusing the notice."""
    save_notice(db, draft(key="b.txt"), [event("x@cs")], now=T0)
    save_notice(db, draft(), [event("x@cs"), event("x@cs", title="again", start=date(2022, 11, 1))], now=T0)
    events = stored(db)
    assert {uid: (e.notice_id, e.title) for uid, e in events.items()} == {
        "x@cs": ("b.txt", "x@cs 半幅封闭施工"), "x-2@cs": ("a.txt", "x@cs 半幅封闭施工"), "x-3@cs": ("a.txt", "again")}


def test_it_refuses_an_event_that_breaks_the_contract(db):
    with pytest.raises(ValueError, match="aware datetimes"):
        save_notice(db, draft(), [event("u1", all_day=False, start=datetime(2022, 10, 18, 9))], now=T0)
    assert known_notices(db, ["a.txt"]) == {}


def test_a_failed_save_leaves_nothing_of_the_notice(db, monkeypatch):
    save_notice(db, draft(), [event("u1")], now=T0)

    def clash(session, now):  # the transaction's last statement breaks a unique key, for real
        session.execute(update(Event).where(Event.uid == "u2").values(uid="u1"))

    monkeypatch.setattr(notices, "bump_revision", clash)
    with pytest.raises(NotStored) as refused:
        save_notice(db, draft(key="b.txt"), [event("u2"), event("u3")], now=T1)
    assert isinstance(refused.value.__cause__, IntegrityError)
    assert known_notices(db, ["a.txt", "b.txt"]).keys() == {"a.txt"}
    assert set(stored(db)) == {"u1"} and revision(db)[0] == 1
