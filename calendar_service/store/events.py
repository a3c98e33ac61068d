"""Reading events: one filter for every listing, the event of a uid, the events reminders track.

``calendar-service events``, the feeds, the API and the reminders describe what they want with an
``EventFilter``; its ``q`` means the same everywhere (``search``: a substring of the title, the
place or the description), and days mean the days an event overlaps: an open-ended event
overlaps every later day, a deadline without a window start every earlier day. Public readers
see public events only (``Event.public``): those waiting at the review desk are nobody's business.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, between, case, func, or_, select, union_all

from ..extract import Category, ExtractedEvent, Kind, SourceRef
from ..kinds import DUE_KINDS
from .changes import moment
from .database import Database
from .models import Event, Notice

#: Date order: the first day (or the only day known), then the time of day, then the uid.
ORDER = (func.coalesce(Event.start_date, Event.end_date).nulls_first(), Event.start_at.nulls_first(), Event.uid)
SEARCHED = (Event.title, Event.location, Event.description)


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored: the extract contract's fields plus its calendar bookkeeping.

    Attribute names match what ``calendar_service.ics`` reads from an event.
    """

    uid: str
    kind: str
    title: str
    start: date | datetime | None
    end: date | datetime | None
    all_day: bool
    location: str | None
    description: str
    confidence: float
    source: SourceRef
    sequence: int
    status: str
    notice_id: str
    created: datetime
    last_modified: datetime
    category: str = "other"

    @property
    def source_text(self) -> str:
        return self.source.text

    def to_json(self) -> dict:
        """``extract --format json`` fields plus sequence, status, notice_id, created, last_modified."""
        data = ExtractedEvent(uid=self.uid, kind=Kind(self.kind), title=self.title, start=self.start,
                              end=self.end, all_day=self.all_day, location=self.location,
                              description=self.description, confidence=self.confidence,
                              source=self.source, category=Category(self.category)).to_json()
        data.update(sequence=self.sequence, status=self.status, notice_id=self.notice_id,
                    created=self.created.isoformat(timespec="seconds"),
                    last_modified=self.last_modified.isoformat(timespec="seconds"))
        return data


@dataclass(frozen=True)
class TrackedEvent:
    """An event with its row id (what outbox rows point at) and whether it is public now."""

    id: int
    event: StoredEvent
    public: bool


@dataclass(frozen=True)
class EventFilter:
    """Events of a kind (and of a category), overlapping ``start``..``end`` (both inclusive, either
    open), matching ``q``, of a status, of a notice; public ones unless ``unpublished`` asks for
    those in review too."""

    kind: str | None = None
    start: date | None = None
    end: date | None = None
    q: str | None = None
    status: str | None = None
    notice: str | None = None
    unpublished: bool = False
    category: str | None = None


@dataclass(frozen=True)
class Page:
    events: list[StoredEvent]
    total: int


def search(q: str | None) -> list:
    """The one text search: ``q`` in the title, the place or the description (no condition without q)."""
    if not q:
        return []
    return [or_(*(column.contains(q, autoescape=True) for column in SEARCHED))]


def of_due_kind(event=Event):
    """``kinds.DUE_KINDS`` as a condition (on ``event``, the table or an alias of it): equalities,
    which bind plainly (an IN list is expanded anew at every execution, and the home page runs this
    on every request)."""
    return or_(*(event.kind == kind for kind in sorted(DUE_KINDS)))


def confirmed_day():
    """``kinds.confirmed_on`` as a column: an event's first day, or its notice's date if later."""
    published = select(Notice.published).where(Notice.id == Event.notice_id).correlate(Event).scalar_subquery()
    return case((Event.start_date > published, Event.start_date), else_=published)


def open_ended_current(today: date, days: int):
    """An open-ended item (no end, not a due kind) confirmed within ``days`` of ``today``."""
    return and_(Event.end_date.is_(None), ~of_due_kind(), Event.start_date.is_not(None),
                confirmed_day() >= today - timedelta(days=days))


def feed_conditions(today: date, *, kind: str | None = None, q: str | None = None, category: str | None = None,
                    place: str | None = None, past_days: int, cancelled_days: int, open_ended_days: int) -> list:
    """What a feed holds on ``today`` (rendered.feed_events reads it): public events of ``kind``
    (and ``category``, and whose place mentions ``place``: the caller keeps those whose place
    really is it) matching ``q`` that end on ``today`` or later, or ended at most ``past_days`` ago,
    or are open-ended and current (``kinds.is_current``); cancelled ones only for
    ``cancelled_days`` after their cancellation (counted in UTC days from their LAST-MODIFIED,
    which a cancelled event does not change again), long enough for subscribers' clients to learn
    of it. The store and the API keep them all."""
    cancelled_since = datetime.combine(today - timedelta(days=cancelled_days), time(0), UTC)
    found = [Event.public(), *search(q),
             or_(Event.end_date >= today - timedelta(days=past_days), open_ended_current(today, open_ended_days)),
             or_(Event.status == "confirmed", Event.last_modified >= cancelled_since)]
    if kind:
        found.append(Event.kind == kind)
    if category:
        found.append(Event.category == category)
    if place:
        found.append(Event.location.contains(place, autoescape=True))
    return found


def conditions(where: EventFilter) -> list:
    found = [] if where.unpublished else [Event.public()]
    if where.kind:
        found.append(Event.kind == where.kind)
    if where.category:
        found.append(Event.category == where.category)
    if where.status:
        found.append(Event.status == where.status)
    if where.notice:
        found.append(Notice.key == where.notice)
    if where.start:
        found.append(or_(Event.end_date >= where.start, Event.end_date.is_(None)))
    if where.end:
        found.append(or_(Event.start_date <= where.end, Event.start_date.is_(None)))
    return found + search(where.q)


def list_events(db: Database, *, kind: str | None = None, start: date | None = None, end: date | None = None,
                q: str | None = None, status: str | None = None, notice: str | None = None,
                unpublished: bool = False, category: str | None = None) -> list[StoredEvent]:
    """Every event matching the filter (see ``EventFilter``), in date order."""
    where = EventFilter(kind, start, end, q, status, notice, unpublished, category)
    query = select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id).where(*conditions(where))
    with db.read() as session:
        return [stored(event, key) for event, key in session.execute(query.order_by(*ORDER))]


def page_of_events(db: Database, where: EventFilter, *, limit: int, offset: int) -> Page:
    """One page of the events matching ``where`` in date order, and how many match in all.

    Read as ``matching``'s index ranges; the page is chosen from the sort keys alone, then its
    rows are read by id (sorting whole rows of every match was most of the time)."""
    count = select(func.count()).select_from(matching(where, Event.id))
    found = matching(where, Event.id, Event.start_date, Event.end_date, Event.start_at, Event.uid)
    page = (select(found.c.id).order_by(func.coalesce(found.c.start_date, found.c.end_date).nulls_first(),
                                        found.c.start_at.nulls_first(), found.c.uid)
            .limit(limit).offset(offset).subquery())
    query = (select(Event, Notice.key).join(page, Event.id == page.c.id).join(Notice, Event.notice_id == Notice.id)
             .order_by(*ORDER))
    with db.read() as session:
        total = session.execute(count).scalar_one()
        return Page([stored(e, key) for e, key in session.execute(query)], total)


def matching(where: EventFilter, *columns):
    """``conditions(where)`` as disjoint selects of ``columns`` (a subquery). With a ``start``: the
    events ending on or after it, and the open-ended ones (no end), each one range of an index
    (``ix_events_kind_end_date`` with a kind, ``ix_events_category_end_date`` with a category,
    ``ix_events_end_date_start_date`` without), so what ended before ``start`` is never read: as
    one condition with OR, SQLite walked every event of the kind, and the subscribe panel's count
    and ``/api/events?from=`` grew with history."""
    rest = conditions(replace(where, start=None))
    ranges = [[]] if not where.start else [[Event.end_date >= where.start], [Event.end_date.is_(None)]]
    selects = []
    for bound in ranges:
        query = select(*columns).select_from(Event)
        if where.notice:  # every event has its notice: the join only serves the notice's key
            query = query.join(Notice, Event.notice_id == Notice.id)
        selects.append(query.where(*bound, *rest))
    return union_all(*selects).subquery() if len(selects) > 1 else selects[0].subquery()


def event_by_uid(db: Database, uid: str) -> StoredEvent | None:
    """One public event."""
    if "\x00" in uid:  # never stored, and PostgreSQL refuses NUL in a text parameter
        return None
    query = (select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id)
             .where(Event.uid == uid, Event.public()))
    with db.read() as session:
        row = session.execute(query).first()
    return stored(*row) if row else None


def tracked_events(db: Database, ids: Iterable[int]) -> dict[int, TrackedEvent]:
    """The events of these row ids, public or not (a reminder must learn that one went away)."""
    ids = list(ids)
    if not ids:
        return {}
    query = select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id).where(Event.id.in_(ids))
    with db.read() as session:
        return {row.id: tracked(row, key) for row, key in session.execute(query)}


def anchored_between(db: Database, first: date, last: date, *, kinds: Iterable[str] = (), q: str | None = None,
                     category: str | None = None, place: str | None = None) -> list[TrackedEvent]:
    """Public, confirmed events of ``kinds`` (all when empty) matching ``q`` (and ``category``, and
    whose place mentions ``place``: the caller keeps those whose place really is it) whose reminders
    count from a day in ``first``..``last``: the due date of a due kind, the first day of the others."""
    anchored = or_(and_(of_due_kind(), between(Event.end_date, first, last)),
                   and_(~of_due_kind(), between(Event.start_date, first, last)))
    query = (select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id)
             .where(Event.public(), Event.status == "confirmed", anchored, *search(q)))
    kinds = tuple(kinds)
    if kinds:
        query = query.where(Event.kind.in_(kinds))
    if category:
        query = query.where(Event.category == category)
    if place:
        query = query.where(Event.location.contains(place, autoescape=True))
    with db.read() as session:
        return [tracked(row, key) for row, key in session.execute(query)]


def stored(row: Event, notice_key: str) -> StoredEvent:
    """A row of ``events`` (with its notice's key) as a StoredEvent."""
    return StoredEvent(
        uid=row.uid, kind=row.kind, title=row.title,
        start=moment(row.start_date, row.start_at, row.timezone),
        end=moment(row.end_date, row.end_at, row.timezone),
        all_day=row.all_day, location=row.location, description=row.description,
        confidence=row.confidence,
        source=SourceRef(row.source_file, row.source_text, row.source_start, row.source_end),
        sequence=row.sequence, status=row.status, notice_id=notice_key,
        created=row.created, last_modified=row.last_modified, category=row.category,
    )


def tracked(row: Event, notice_key: str) -> TrackedEvent:
    return TrackedEvent(row.id, stored(row, notice_key), row.published_at is not None)
