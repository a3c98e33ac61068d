"""The review desk's reads and writes: what waits for a person, and the decisions they take.

An event's ``review`` state: ``pending`` (waits for a person), ``approved`` (accepted, not public
yet), ``published`` (public), ``rejected`` (refused). Approving and editing only prepare; a
notice's approved events become public together when a reviewer publishes the notice. Rejecting
a public event cancels it (subscribers' copies go away with ``STATUS:CANCELLED``); rejecting one
nobody has seen just keeps it out of sight. Every write bumps the store revision, so feeds and
pages everywhere rebuild.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import case, func, select

from ..errors import EventNotFound
from ..extract import ExtractedEvent
from .changes import CALENDAR_FIELDS, differs, event_columns
from .database import Database
from .events import ORDER, StoredEvent, stored
from .history import change_event
from .models import Event, Notice
from .notices import locked_notice
from .revision import bump as bump_revision


@dataclass(frozen=True)
class ReviewedEvent:
    event: StoredEvent
    review: str
    public: bool
    edited: bool
    manual: bool = False  # made at the desk (added by hand, split off): re-extraction leaves it be


@dataclass(frozen=True)
class NoticeSummary:
    key: str
    published: date
    status: str
    public: bool
    head: str  # the first characters of the text, for a title
    pending: int = 0
    approved: int = 0
    events: int = 0


@dataclass(frozen=True)
class NoticeForReview:
    summary: NoticeSummary
    text: str
    source: str | None
    events: list[ReviewedEvent]


def queue(db: Database, *, limit: int = 200) -> list[NoticeSummary]:
    """Notices with events waiting for a person or for publishing: those with flagged items (pending:
    under the review threshold, a weekday contradicting its date among them) first, then by
    publication date, newest first."""
    return _summaries(db, waiting_only=True, limit=limit)


def recent_notices(db: Database, *, limit: int = 20) -> list[NoticeSummary]:
    """Notices public or not by publication date, newest first (the latest stored first on a day)."""
    return _summaries(db, waiting_only=False, limit=limit)


def notice_for_review(db: Database, key: str) -> NoticeForReview | None:
    with db.read() as session:
        notice = session.scalars(select(Notice).where(Notice.key == key)).one_or_none()
        if notice is None:
            return None
        flagged_first = case((Event.review == "pending", 0), else_=1)  # what needs a person, on top
        rows = list(session.scalars(select(Event).where(Event.notice_id == notice.id)
                                    .order_by(flagged_first, *ORDER)))
    events = [reviewed(row, key) for row in rows]
    summary = NoticeSummary(
        notice.key, notice.published, notice.status, notice.published_at is not None, notice.text[:120],
        pending=sum(e.review == "pending" for e in events), approved=sum(e.review == "approved" for e in events),
        events=len(events))
    return NoticeForReview(summary, notice.text, notice.source, events)


def find_event(db: Database, uid: str) -> ReviewedEvent | None:
    """One event, public or not, with its review state."""
    if "\x00" in uid:  # never stored, and PostgreSQL refuses NUL in a text parameter
        return None
    with db.read() as session:
        row = session.execute(select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id)
                              .where(Event.uid == uid)).first()
    if row is None:
        return None
    return reviewed(*row)


def reviewed(row: Event, notice_key: str) -> ReviewedEvent:
    """A row of ``events`` as the desk shows it."""
    return ReviewedEvent(stored(row, notice_key), row.review, row.published_at is not None, row.edited_at is not None,
                         row.manual)


def edit_event(db: Database, edited: ExtractedEvent, *, now: datetime | None = None) -> bool:
    """A reviewer's correction of an event (same uid); whether anything a calendar shows changed.

    The corrected values survive re-extraction of the notice. Editing a pending event approves it:
    a person has looked at it.
    """
    now = now or datetime.now(UTC)
    values = event_columns(edited)
    with db.write() as session:
        row = locked_event(session, edited.uid)
        changed = differs(row, values, CALENDAR_FIELDS)
        if changed:
            change_event(row, now, origin="review", **{name: values[name] for name in CALENDAR_FIELDS})
        row.edited_at = now
        if row.review == "pending":
            row.review, row.reviewed_at = "approved", now
        bump_revision(session, now)
    return changed


def decide(db: Database, uid: str, *, approve: bool, now: datetime | None = None) -> str:
    """Approve or reject one event; its new review state."""
    now = now or datetime.now(UTC)
    with db.write() as session:
        row = locked_event(session, uid)
        row.reviewed_at = now
        if approve:
            if row.review != "published":
                row.review = "approved"
        else:
            row.review = "rejected"
            if row.published_at is not None and row.status == "confirmed":
                change_event(row, now, origin="review", status="cancelled")
        bump_revision(session, now)
        return row.review


def publish_notice(db: Database, key: str, *, now: datetime | None = None) -> int:
    """Make the notice and its approved events public; how many events became (again) public."""
    now = now or datetime.now(UTC)
    with db.write() as session:
        notice = locked_notice(session, key)
        if notice.published_at is None:
            notice.published_at = now
        count = 0
        for row in session.scalars(select(Event).where(Event.notice_id == notice.id, Event.review == "approved")):
            row.review = "published"
            if row.published_at is None:
                row.published_at = now
            elif row.status == "cancelled" and notice.status == "active":  # rejected once, now restored
                change_event(row, now, origin="review", status="confirmed")
            count += 1
        bump_revision(session, now)
        return count


def locked_event(session, uid: str) -> Event:
    row = session.scalars(select(Event).where(Event.uid == uid).with_for_update()).one_or_none()
    if row is None:
        raise EventNotFound(uid)
    return row


def _summaries(db: Database, *, waiting_only: bool, limit: int) -> list[NoticeSummary]:
    """The notices are chosen first, walking ``ix_notices_newest`` backwards and stopping at
    ``limit``, and only theirs are counted: grouping every stored event by notice, then sorting
    every notice, made the desk grow with history (25 ms at 5,000 events, 147 ms with 45,000 past
    ones added). The queue takes its flagged notices (a pending event), then, if there is room,
    those with approved events only: a lookup of each walked notice's events
    (``ix_events_notice_id_end_date``)."""
    with db.read() as session:
        if not waiting_only:
            ids = _newest(session, [], limit)
        else:
            ids = _newest(session, [_has("pending")], limit)
            if len(ids) < limit:
                ids += _newest(session, [~_has("pending"), _has("approved")], limit - len(ids))
        if not ids:
            return []
        notices = {row[0]: row[1:] for row in session.execute(
            select(Notice.id, Notice.key, Notice.published, Notice.status, Notice.published_at,
                   func.substr(Notice.text, 1, 120)).where(Notice.id.in_(ids)))}
        pending = func.sum(case((Event.review == "pending", 1), else_=0))
        approved = func.sum(case((Event.review == "approved", 1), else_=0))
        # the events of these notices only (by ``ix_events_notice_id_end_date``), not joined to
        # them: PostgreSQL without fresh statistics hashed every event of the store for the join
        counts = {row[0]: row[1:] for row in session.execute(
            select(Event.notice_id, pending, approved, func.count()).where(Event.notice_id.in_(ids))
            .group_by(Event.notice_id))}
    return [NoticeSummary(key, published, status, published_at is not None, head or "",
                          *(int(n or 0) for n in counts.get(id_, (0, 0, 0))))
            for id_ in ids for key, published, status, published_at, head in [notices[id_]]]


def _newest(session, conditions: list, limit: int) -> list[int]:
    """The ids of up to ``limit`` notices meeting ``conditions``, newest first (the latest stored first on a day)."""
    query = (select(Notice.id).where(*conditions)
             .order_by(Notice.published.desc(), Notice.ingested_at.desc(), Notice.id.desc()).limit(limit))
    return list(session.scalars(query))


def _has(review: str):
    """The notice has an event in this review state: a scalar subquery, not EXISTS, which
    PostgreSQL turns into a join with every event in that state ever stored (a hash of 2,500
    pending events with the past added) instead of looking up the notices it walks. The state is
    compared as text (``review || ''``), which no index serves: without fresh statistics,
    PostgreSQL intersected each notice's events with all 2,500 pending ones (``ix_events_review``)."""
    first = (select(Event.id).where(Event.notice_id == Notice.id, Event.review.concat("") == review).limit(1)
             .correlate(Notice).scalar_subquery())
    return first.is_not(None)
