"""Review state in the store (SQLite and PostgreSQL): what waits, what is public, what survives re-extraction."""
from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from calendar_service.errors import NotFound
from calendar_service.extract import ExtractedEvent, Kind, SourceRef
from calendar_service.store import NoticeDraft, ReviewPolicy, list_events, revision, save_notice, withdraw_notice
from calendar_service.store import review
from calendar_service.store.history import changes_of
from calendar_service.store import event_by_uid
from calendar_service.store.listing import notice_by_key

T0 = datetime(2022, 10, 18, 1, 0, tzinfo=UTC)
T1, T2, T3 = (T0 + timedelta(hours=n) for n in (1, 2, 3))
INGEST = ReviewPolicy(threshold=0.6)
DESK = ReviewPolicy(threshold=0.6, publish=False)


def event(uid: str, confidence: float = 0.9, **changes) -> ExtractedEvent:
    base = ExtractedEvent(
        uid=uid, kind=Kind.CLOSURE, title=f"{uid} 半幅封闭施工", start=date(2022, 10, 18), end=date(2023, 1, 1),
        all_day=True, location="龙源路与山阳路交叉口", description="施工期间请绕行", confidence=confidence,
        source=SourceRef("a.txt", "龙源路与山阳路交叉口半幅封闭施工", 10, 26),
    )
    return dataclasses.replace(base, **changes)


def draft(text: str = "公告", key: str = "a.txt", published: date = date(2022, 10, 18)) -> NoticeDraft:
    return NoticeDraft(key=key, text=text, content_hash=f"hash of {text}", published=published, source=key)


def public(db) -> set[str]:
    return {e.uid for e in list_events(db)}


def states(db, key: str = "a.txt") -> dict[str, str]:
    return {e.event.uid: e.review for e in review.notice_for_review(db, key).events}


def test_ingest_publishes_confident_events_and_keeps_the_rest_for_review(db):
    save_notice(db, draft(), [event("sure", 0.9), event("unsure", 0.55)], now=T0, review=INGEST)
    assert public(db) == {"sure"}
    assert states(db) == {"sure": "published", "unsure": "pending"}
    assert event_by_uid(db, "unsure") is None and event_by_uid(db, "sure") is not None
    assert [e.uid for e in notice_by_key(db, "a.txt").events] == ["sure"]
    assert {e.uid for e in list_events(db, unpublished=True)} == {"sure", "unsure"}
    assert [(n.key, n.pending, n.approved) for n in review.queue(db)] == [("a.txt", 1, 0)]


def test_the_default_policy_publishes_everything(db):
    save_notice(db, draft(), [event("unsure", 0.1)], now=T0)
    assert public(db) == {"unsure"}


def test_desk_notices_wait_until_published_then_approved_events_go_public_with_sequence_0(db):
    save_notice(db, draft(key="desk/1"), [event("sure", 0.9), event("unsure", 0.55)], now=T0, review=DESK)
    assert public(db) == set() and notice_by_key(db, "desk/1") is None
    assert states(db, "desk/1") == {"sure": "approved", "unsure": "pending"}
    fixed = event("unsure", 0.55, end=date(2023, 1, 18))
    assert review.edit_event(db, fixed, now=T1) is True
    assert states(db, "desk/1")["unsure"] == "approved"  # a person looked at it
    before = revision(db)
    assert review.publish_notice(db, "desk/1", now=T2) == 2
    assert revision(db) > before
    events = {e.uid: e for e in list_events(db)}
    assert events["unsure"].end == date(2023, 1, 18)
    assert events["unsure"].sequence == 0  # nobody saw the version before the edit
    assert changes_of(db, "unsure") == []
    assert notice_by_key(db, "desk/1") is not None and review.queue(db) == []


def test_rejecting_a_public_event_cancels_it_and_publishing_again_restores_it(db):
    save_notice(db, draft(), [event("u1")], now=T0, review=INGEST)
    assert review.decide(db, "u1", approve=False, now=T1) == "rejected"
    e = event_by_uid(db, "u1")
    assert (e.status, e.sequence) == ("cancelled", 1)
    assert [c.fields for c in changes_of(db, "u1")] == [{"status": ("confirmed", "cancelled")}]
    assert review.decide(db, "u1", approve=True, now=T2) == "approved"
    assert event_by_uid(db, "u1").status == "cancelled"  # approval prepares, publishing shows
    assert review.publish_notice(db, "a.txt", now=T3) == 1
    assert (event_by_uid(db, "u1").status, event_by_uid(db, "u1").sequence) == ("confirmed", 2)


def test_rejecting_an_unseen_event_keeps_it_out_of_sight(db):
    save_notice(db, draft(), [event("u1", 0.5)], now=T0, review=INGEST)
    review.decide(db, "u1", approve=False, now=T1)
    review.publish_notice(db, "a.txt", now=T2)
    assert public(db) == set()


def test_editing_a_public_event_is_a_change_with_history(db):
    save_notice(db, draft(), [event("u1")], now=T0, review=INGEST)
    review.edit_event(db, event("u1", end=date(2023, 1, 18), title="延期封闭"), now=T1)
    e = event_by_uid(db, "u1")
    assert (e.sequence, e.last_modified, e.end, e.title) == (1, T1, date(2023, 1, 18), "延期封闭")
    [change] = changes_of(db, "u1")
    assert change.origin == "review" and change.sequence == 1
    assert change.fields == {"title": ("u1 半幅封闭施工", "延期封闭"), "end": ("2023-01-01", "2023-01-18")}


def test_re_extraction_keeps_a_reviewers_edits_and_rejections(db):
    save_notice(db, draft(), [event("kept"), event("refused")], now=T0, review=INGEST)
    review.edit_event(db, event("kept", end=date(2023, 1, 18)), now=T1)
    review.decide(db, "refused", approve=False, now=T1)
    save_notice(db, draft(), [event("kept", 0.8), event("refused")], now=T2, force=True, review=INGEST)
    events = {e.uid: e for e in list_events(db)}
    assert events["kept"].end == date(2023, 1, 18) and events["kept"].confidence == 0.8
    assert events["refused"].status == "cancelled"
    assert states(db) == {"kept": "published", "refused": "rejected"}


def test_a_pending_event_is_published_when_a_later_extraction_is_sure(db):
    save_notice(db, draft(), [event("u1", 0.5)], now=T0, review=INGEST)
    save_notice(db, draft("公告（修订）"), [event("u1", 0.9)], now=T1, review=INGEST)
    assert public(db) == {"u1"} and event_by_uid(db, "u1").sequence == 0


def test_changes_from_a_re_ingested_notice_are_recorded_for_public_events(db):
    save_notice(db, draft(), [event("u1"), event("u2")], now=T0, review=INGEST)
    save_notice(db, draft("修订"), [event("u1", end=date(2023, 2, 1))], now=T1, review=INGEST)
    assert [c.fields for c in changes_of(db, "u1")] == [{"end": ("2023-01-01", "2023-02-01")}]
    assert [c.fields for c in changes_of(db, "u2")] == [{"status": ("confirmed", "cancelled")}]
    withdraw_notice(db, "a.txt", now=T2)
    assert [c.origin for c in changes_of(db, "u1")] == ["ingest", "ingest"]


def test_unknown_events_and_notices_are_review_errors(db):
    with pytest.raises(NotFound):
        review.decide(db, "nope", approve=True)
    with pytest.raises(NotFound):
        review.publish_notice(db, "nope")
    assert review.notice_for_review(db, "nope") is None


def test_recent_notices_lists_public_and_waiting_notices_newest_first(db):
    save_notice(db, draft(key="a.txt"), [event("u1")], now=T0, review=INGEST)
    save_notice(db, draft(key="desk/2"), [event("u2")], now=T1, review=DESK)
    assert [(n.key, n.public, n.events) for n in review.recent_notices(db)] == [("desk/2", False, 1), ("a.txt", True, 1)]


def test_the_desk_lists_notices_by_publication_date_and_flagged_ones_first(db):
    # stored in this order (T0..T3), published on other days: the desk goes by the notice's own date
    save_notice(db, draft(key="old.txt", published=date(2022, 9, 1)), [event("o", 0.9)], now=T0, review=DESK)
    save_notice(db, draft(key="new.txt", published=date(2022, 10, 20)), [event("n", 0.9)], now=T1, review=DESK)
    save_notice(db, draft(key="mid.txt", published=date(2022, 10, 1)), [event("m", 0.3)], now=T2, review=DESK)
    save_notice(db, draft(key="last.txt", published=date(2022, 8, 1)), [event("l", 0.2)], now=T3, review=DESK)
    assert [n.key for n in review.recent_notices(db)] == ["new.txt", "mid.txt", "old.txt", "last.txt"]
    # flagged (pending: under the threshold) before those only waiting to be published; then newest
    assert [(n.key, n.pending, n.approved) for n in review.queue(db)] == [
        ("mid.txt", 1, 0), ("last.txt", 1, 0), ("new.txt", 0, 1), ("old.txt", 0, 1)]


def test_a_notices_flagged_items_come_first_on_its_desk_page(db):
    items = [event("early", 0.9, start=date(2022, 10, 1)), event("doubtful", 0.3, start=date(2022, 10, 20)),
             event("later", 0.9, start=date(2022, 10, 10))]
    save_notice(db, draft(), items, now=T0, review=DESK)
    found = review.notice_for_review(db, "a.txt")
    assert [(r.event.uid, r.review) for r in found.events] == [
        ("doubtful", "pending"), ("early", "approved"), ("later", "approved")]


def test_issue_15_the_desk_chooses_its_notices_first_and_counts_only_theirs(db):
    """The same lists, counts and order as grouping every event by notice, for every limit."""
    day = date(2022, 10, 18)
    notices = [("p1", day, [0.3, 0.9]), ("a1", day, [0.9]), ("none", day, []), ("p2", day - timedelta(days=1), [0.2]),
               ("a2", day - timedelta(days=3), [0.9, 0.9]), ("p3", day, [0.3]), ("pub", day, [0.9])]
    for n, (key, published, confidences) in enumerate(notices):
        items = [event(f"{key}-{i}", c) for i, c in enumerate(confidences)]
        save_notice(db, draft(key, key=key, published=published), items, now=T0 + timedelta(minutes=n),
                    review=INGEST if key == "pub" else DESK)
    newest = ["pub", "p3", "none", "a1", "p1", "p2", "a2"]  # by date, then the latest stored
    waiting = ["p3", "p1", "p2", "a1", "a2"]  # flagged first
    for limit in range(1, 9):
        assert [n.key for n in review.recent_notices(db, limit=limit)] == newest[:limit]
        assert [n.key for n in review.queue(db, limit=limit)] == waiting[:limit]
    assert [(n.key, n.pending, n.approved, n.events) for n in review.queue(db)] == [
        ("p3", 1, 0, 1), ("p1", 1, 1, 2), ("p2", 1, 0, 1), ("a1", 0, 1, 1), ("a2", 0, 2, 2)]
    assert [(n.key, n.events, n.public) for n in review.recent_notices(db)][:5] == [
        ("pub", 1, True), ("p3", 1, False), ("none", 0, False), ("a1", 1, False), ("p1", 2, False)]
