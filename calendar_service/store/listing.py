"""What the public pages read: the items current on a day in the order a resident needs them, the
recent past, how many of each kind, a notice with its events, and the latest notices.

"Current" and "the day an item is placed on" are ``kinds.is_current`` and ``kinds.placed_on``
asked in SQL (from the same ``DUE_KINDS`` and ``OPEN_ENDED_DAYS``); tests/store/test_listing.py
holds the two readings against each other. Only public, confirmed items are listed; a notice is
shown once it is public.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Date, case, func, literal, select, union_all
from sqlalchemy.orm import aliased

from ..kinds import OPEN_ENDED_DAYS
from .database import Database
from .events import ORDER, StoredEvent, of_due_kind, search, stored
from .models import Event, Notice


@dataclass(frozen=True)
class NoticeView:
    """A public notice with its public events, for its page and the API."""

    key: str
    source: str | None
    text: str
    published: date
    status: str
    ingested_at: datetime
    updated_at: datetime
    events: list[StoredEvent]


@dataclass(frozen=True)
class NoticeHead:
    """A notice as the home page names it when there is nothing to list: title, date, item count."""

    key: str
    title: str
    published: date
    status: str
    events: int


def placed_day(today: date, event=Event):
    """``kinds.placed_on`` as a column of ``event`` (the table or an alias of it), no earlier than
    ``today`` (an item under way is listed today)."""
    due = case((of_due_kind(event), func.coalesce(event.end_date, event.start_date)),
               else_=func.coalesce(event.start_date, event.end_date))
    return case((due < today, literal(today, Date)), else_=due)


def listed(today: date, kind: str | None, q: str | None, *columns):
    """The public, confirmed items current on ``today`` (of ``kind``, matching ``q``) as two
    disjoint selects of ``columns``: those ending on or after today, and open-ended ones begun in
    the last OPEN_ENDED_DAYS. Each is one range of an index (``ix_events_kind_end_date`` with a
    kind, ``ix_events_end_date_start_date`` without), so what ended long ago is never read: as one
    condition with OR, SQLite walked every event of the kind (its index serves the GROUP BY and
    the equality) and page time grew with history. Together they are ``kinds.is_current``."""
    common = [Event.public(), Event.status == "confirmed", *search(q)]
    if kind:
        common.append(Event.kind == kind)
    ongoing = select(*columns).where(Event.end_date >= today, *common)
    open_ended = select(*columns).where(Event.end_date.is_(None), Event.start_date >= today - timedelta(days=OPEN_ENDED_DAYS),
                                        ~of_due_kind(), *common)
    return union_all(ongoing, open_ended).subquery()


def upcoming_query(today: date, kind: str | None, q: str | None, limit: int, offset: int):
    """The rows themselves come out of the two ranges: selected by id from them, PostgreSQL hashed
    the ids and scanned the whole table to find the rows (the page took 1.6x with the past added)."""
    event = aliased(Event, listed(today, kind, q, Event))
    return (select(event, Notice.key).join(Notice, event.notice_id == Notice.id)
            .order_by(placed_day(today, event), event.start_at.nulls_first(), event.uid).limit(limit).offset(offset))


def counts_query(today: date, q: str | None):
    found = listed(today, None, q, Event.kind)
    return select(found.c.kind, func.count()).group_by(found.c.kind)


def upcoming(db: Database, today: date, *, kind: str | None = None, q: str | None = None, limit: int = 50,
             offset: int = 0) -> tuple[list[StoredEvent], int]:
    """One page of the items current on ``today`` in the order of the day they are placed on, and
    how many there are."""
    count = select(func.count()).select_from(listed(today, kind, q, Event.id))
    with db.read() as session:
        total = session.execute(count).scalar_one()
        return [stored(row, key) for row, key in session.execute(upcoming_query(today, kind, q, limit, offset))], total


def recent_past(db: Database, today: date, *, days: int, kind: str | None = None, q: str | None = None,
                limit: int = 50) -> list[StoredEvent]:
    """Items that ended in the last ``days`` days, the most recent first."""
    conditions = [Event.public(), Event.status == "confirmed", Event.end_date < today,
                  Event.end_date >= today - timedelta(days=days), *search(q)]
    if kind:
        conditions.append(Event.kind == kind)
    query = (select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id).where(*conditions)
             .order_by(Event.end_date.desc(), Event.end_at.desc().nulls_last(), Event.uid).limit(limit))
    with db.read() as session:
        return [stored(row, key) for row, key in session.execute(query)]


def kind_counts(db: Database, today: date, *, q: str | None = None) -> dict[str, int]:
    """How many items current on ``today`` of each kind match ``q`` (the filter's numbers)."""
    with db.read() as session:
        return {kind: n for kind, n in session.execute(counts_query(today, q))}


def notice_by_key(db: Database, key: str) -> NoticeView | None:
    """A public notice with its public events in date order."""
    if "\x00" in key:  # never stored, and PostgreSQL refuses NUL in a text parameter
        return None
    with db.read() as session:
        notice = session.scalars(select(Notice).where(Notice.key == key, Notice.published_at.is_not(None))
                                 ).one_or_none()
        if notice is None:
            return None
        events = session.scalars(select(Event).where(Event.notice_id == notice.id, Event.public()).order_by(*ORDER))
        return NoticeView(notice.key, notice.source, notice.text, notice.published, notice.status,
                          notice.ingested_at, notice.updated_at, [stored(e, notice.key) for e in events])


def latest_notices(db: Database, *, limit: int = 5) -> list[NoticeHead]:
    """The most recently published public notices, with a title taken from their first lines."""
    events = (select(func.count()).where(Event.notice_id == Notice.id, Event.public())
              .correlate(Notice).scalar_subquery())
    query = (select(Notice.key, Notice.text, Notice.published, Notice.status, events)
             .where(Notice.published_at.is_not(None))
             .order_by(Notice.published.desc(), Notice.published_at.desc(), Notice.id.desc()).limit(limit))
    with db.read() as session:
        return [NoticeHead(key, notice_title(head or "", key), published, status, n)
                for key, head, published, status, n in session.execute(query)]


def notice_title(text: str, fallback: str) -> str:
    """A notice's name: its first ``#`` heading near the top, else its first line, else ``fallback``.

    A newspaper page holds many articles under ``#`` headings: it is named by its first article
    and how many there are ("西大井1919大型铜雕《觉醒》落成亮相 等 9 篇").
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    headings = [line.lstrip("#").strip() for line in lines if line.startswith("#")]
    if len(headings) > 1:
        return f"{headings[0][:40]} 等 {len(headings)} 篇"
    for line in lines[:8]:
        if line.startswith("#"):
            return line.lstrip("#").strip()[:60]
    return lines[0][:60] if lines else fallback
