"""Writing notices and their events: upsert with calendar change semantics, and withdrawal.

Each call is one transaction. The notice row is claimed first (``INSERT … ON CONFLICT DO
NOTHING`` then ``SELECT … FOR UPDATE``), so two processes saving the same notice queue on that
row and the second one sees what the first committed; the unique keys on ``notices.key`` and
``events.uid`` make a duplicate impossible rather than unlikely.

A re-extracted notice's items are matched to its stored events (store/identity.py) and keep
their UIDs; the extractor's UID is only used, made unique, for an item seen for the first time.

A ``ReviewPolicy`` decides whether new events are public at once: ingest publishes those at or
above the review threshold and keeps the rest for a reviewer; the review desk publishes nothing
until a reviewer does. A reviewer's decision outlives re-extraction: a rejected event stays
rejected and an edited one keeps its edited values (store/review.py writes those).

A transaction PostgreSQL rolls back to resolve a conflict with another writer is run again, a
few times, before the conflict is reported as the store being unavailable.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import Conflict, NoticeNotFound
from ..extract import ExtractedEvent
from . import identity
from .changes import BOOKKEEPING_FIELDS, CALENDAR_FIELDS, EventCounts, differs, event_columns
from .database import Database, insert_for
from .history import change_event
from .models import Event, Notice
from .revision import bump as bump_revision

ATTEMPTS = 3  # runs of a transaction PostgreSQL rolled back (deadlock, serialisation)
#: The stored columns matching compares (store/identity.py).
MATCHED = ("uid", "kind", "title", "location", "start_date", "end_date", "source_text", "source_start",
           "source_end")


def content_hash(text: str) -> str:
    """The hash by which an unchanged notice is recognised before anything is extracted."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NoticeDraft:
    """A notice as ingest read it, before it is stored."""

    key: str
    text: str
    content_hash: str
    published: date
    source: str | None = None


@dataclass(frozen=True)
class ReviewPolicy:
    """How new events become public. The default publishes every event (no review)."""

    threshold: float | None = None  # events with a lower confidence wait for a reviewer
    publish: bool = True  # False (the review desk): nothing is public until a reviewer publishes it

    def state_of(self, confidence: float) -> str:
        if self.threshold is not None and confidence < self.threshold:
            return "pending"
        return "published" if self.publish else "approved"


@dataclass
class SaveResult:
    outcome: str  # "new", "updated" or "unchanged"
    events: EventCounts = field(default_factory=EventCounts)


def known_notices(db: Database, keys: Iterable[str]) -> dict[str, tuple[str, date]]:
    """key -> (content hash, publication date) of the stored notices among ``keys``."""
    keys, found = list(keys), {}
    with db.read() as session:
        for i in range(0, len(keys), 500):
            rows = session.execute(select(Notice.key, Notice.content_hash, Notice.published)
                                   .where(Notice.key.in_(keys[i:i + 500])))
            found.update((key, (digest, published)) for key, digest, published in rows)
    return found


def save_notice(db: Database, draft: NoticeDraft, events: Sequence[ExtractedEvent], *,
                now: datetime | None = None, force: bool = False,
                review: ReviewPolicy = ReviewPolicy()) -> SaveResult:
    """Store a notice with the events extracted from it, in one transaction.

    Unchanged text (same hash and publication date) writes nothing, unless ``force`` asks to
    compare the events anyway (after the extractor improved). A withdrawn notice whose text did
    not change stays withdrawn; new text reinstates it. ``review`` decides which new events are
    public at once. NotStored: this notice cannot be stored; StoreUnavailable: nothing can.
    """
    now = now or datetime.now(UTC)
    columns = [event_columns(event) for event in events]
    for _ in range(ATTEMPTS - 1):
        try:
            return _save(db, draft, columns, now, force, review)
        except Conflict:
            continue  # PostgreSQL rolled this one back to let another writer through: run it again
    return _save(db, draft, columns, now, force, review)  # a conflict now stops the run


def _save(db: Database, draft: NoticeDraft, columns: list[dict], now: datetime, force: bool,
          review: ReviewPolicy) -> SaveResult:
    with db.write() as session:
        notice_id = _insert_notice(session, draft, now, public=review.publish)
        if notice_id is not None:
            for values in with_fresh_uids(session, columns, set()):
                session.add(_new_event(notice_id, values, review, now))
            bump_revision(session, now)
            return SaveResult("new", EventCounts(added=len(columns)))
        notice = session.scalars(select(Notice).where(Notice.key == draft.key).with_for_update()).one()
        same_text = notice.content_hash == draft.content_hash
        same = same_text and notice.published == draft.published
        if (same_text and notice.status == "withdrawn") or (same and not force):
            return SaveResult("unchanged")
        counts, touched = _merge_events(session, notice, columns, now, review)
        if not same:
            notice.text, notice.content_hash = draft.text, draft.content_hash
            notice.published, notice.source = draft.published, draft.source
            notice.status, notice.updated_at = "active", now
            if review.publish and notice.published_at is None:
                notice.published_at = now
        if not same or touched:
            bump_revision(session, now)
            return SaveResult("updated", counts)
        return SaveResult("unchanged")


def withdraw_notice(db: Database, key: str, *, now: datetime | None = None) -> EventCounts:
    """Mark a notice withdrawn and cancel its events (kept, so feeds can show them cancelled)."""
    now = now or datetime.now(UTC)
    with db.write() as session:
        notice = locked_notice(session, key)
        if notice.status == "withdrawn":
            return EventCounts()
        notice.status, notice.updated_at = "withdrawn", now
        counts = EventCounts()
        for event in session.scalars(select(Event).where(Event.notice_id == notice.id)):
            if event.status == "confirmed":
                change_event(event, now, status="cancelled")
                counts.cancelled += 1
        bump_revision(session, now)
        return counts


def locked_notice(session: Session, key: str) -> Notice:
    """The notice row of ``key``, locked for this transaction (NoticeNotFound if there is none)."""
    notice = session.scalars(select(Notice).where(Notice.key == key).with_for_update()).one_or_none()
    if notice is None:
        raise NoticeNotFound(key)
    return notice


def _insert_notice(session: Session, draft: NoticeDraft, now: datetime, *, public: bool) -> int | None:
    """Insert the notice row unless its key exists; the new id, or None if it was already there."""
    values = dict(key=draft.key, source=draft.source, text=draft.text, content_hash=draft.content_hash,
                  published=draft.published, status="active", ingested_at=now, updated_at=now,
                  published_at=now if public else None)
    statement = (insert_for(session, Notice).values(**values)
                 .on_conflict_do_nothing(index_elements=["key"]).returning(Notice.id))
    return session.execute(statement).scalar_one_or_none()


def _new_event(notice_id: int, values: dict, review: ReviewPolicy, now: datetime) -> Event:
    state = review.state_of(values["confidence"])
    return Event(notice_id=notice_id, sequence=0, status="confirmed", created=now, last_modified=now,
                 review=state, published_at=now if state == "published" else None, **values)


def _merge_events(session: Session, notice: Notice, columns: list[dict], now: datetime, review: ReviewPolicy
                  ) -> tuple[EventCounts, bool]:
    """Apply the new extraction to the stored events; (counts, whether any row was written).

    Each new item is matched to a stored event of the notice (store/identity.py) and takes its UID;
    cancelled ones take part, so an item that comes back (a withdrawn notice restored) gets its
    old entry back. Unmatched items are new events; unmatched stored events are cancelled.

    Items a person made at the desk (``manual``: added by hand, split off) are no extractor's to
    change or cancel: they are matched only with the items left over after the extracted events
    took theirs, and an item matching one is that item found again, not a new event beside it.
    """
    stored_rows = list(session.scalars(select(Event).where(Event.notice_id == notice.id).order_by(Event.id)))
    rows = [row for row in stored_rows if not row.manual]
    items = [identity.Item.of(values) for values in columns]
    pairs = identity.match(items, [_item(row) for row in rows])
    handmade = _handmade(notice, [row for row in stored_rows if row.manual], items, pairs, now)
    fresh = iter(with_fresh_uids(session, [v for i, v in enumerate(columns) if i not in pairs and i not in handmade],
                                  {row.uid for row in stored_rows}))
    counts, touched = EventCounts(), False
    for i, values in enumerate(columns):
        if i in handmade:
            continue
        event = rows[pairs[i]] if i in pairs else None
        if event is None:
            session.add(_new_event(notice.id, next(fresh), review, now))
            counts.added += 1
            touched = True
            continue
        values = {**values, "uid": event.uid}
        if event.review == "rejected" or event.edited_at is not None:
            # a reviewer's refusal or correction stands; only what no calendar shows is refreshed
            if not differs(event, values, BOOKKEEPING_FIELDS):
                continue
            for name in BOOKKEEPING_FIELDS:
                setattr(event, name, values[name])
        elif event.status != "confirmed" or differs(event, values, CALENDAR_FIELDS):
            change_event(event, now, status="confirmed", **values)
            counts.changed += 1
        elif differs(event, values, BOOKKEEPING_FIELDS):
            for name in BOOKKEEPING_FIELDS:
                setattr(event, name, values[name])
        else:
            continue
        if event.review == "pending" and event.reviewed_at is None:
            state = review.state_of(event.confidence)  # the extractor may be surer now
            if state == "published":
                event.review, event.published_at = state, now
            elif state == "approved":
                event.review = state
        touched = True
    matched = set(pairs.values())
    for j, event in enumerate(rows):  # no longer in the notice: cancelled, not deleted
        if j not in matched and event.status == "confirmed":
            change_event(event, now, status="cancelled")
            counts.cancelled += 1
            touched = True
    return counts, touched


def _item(row: Event) -> identity.Item:
    return identity.Item.of({name: getattr(row, name) for name in MATCHED})


def _handmade(notice: Notice, manual: list[Event], items: list[identity.Item],
              pairs: dict[int, int], now: datetime) -> set[int]:
    """The new items (indices) that are a manual event found again, which stays as the person made
    it. A manual event the withdrawal of its notice cancelled comes back with the notice."""
    if not manual:
        return set()
    if notice.status == "withdrawn":
        for row in manual:
            if row.status == "cancelled" and row.review != "rejected":
                change_event(row, now, status="confirmed")
    left = [i for i in range(len(items)) if i not in pairs]
    found = identity.match([items[i] for i in left], [_item(row) for row in manual]) if left else {}
    return {left[i] for i in found}


def with_fresh_uids(session: Session, columns: list[dict], taken: set[str]) -> list[dict]:
    """``columns`` with UIDs no stored event has and no two share: the extractor's, made unique
    (``-2``… appended) when taken. One query in the usual case, where nothing is taken."""
    while True:
        fresh, seen = [], set(taken)
        for values in columns:
            uid = identity.unique_uid(values["uid"], seen)
            seen.add(uid)
            fresh.append({**values, "uid": uid})
        wanted = [values["uid"] for values in fresh]
        clashes = set(session.scalars(select(Event.uid).where(Event.uid.in_(wanted)))) if wanted else set()
        if not clashes:
            return fresh
        taken |= clashes
