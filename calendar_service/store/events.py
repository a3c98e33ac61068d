"""Reading events back: filtered listings and the revision that keys every cache built on them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select

from ..extract import ExtractedEvent, Kind, SourceRef
from .changes import moment
from .database import Database
from .models import Event, Notice, Revision


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored: the extract contract's fields plus its calendar bookkeeping.

    Attribute names match what ``calendar_service.feeds`` reads from an event.
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

    @property
    def source_text(self) -> str:
        return self.source.text

    def to_json(self) -> dict:
        """``extract --format json`` fields plus sequence, status, notice_id, created, last_modified."""
        data = ExtractedEvent(uid=self.uid, kind=Kind(self.kind), title=self.title, start=self.start,
                              end=self.end, all_day=self.all_day, location=self.location,
                              description=self.description, confidence=self.confidence,
                              source=self.source).to_json()
        data.update(sequence=self.sequence, status=self.status, notice_id=self.notice_id,
                    created=self.created.isoformat(timespec="seconds"),
                    last_modified=self.last_modified.isoformat(timespec="seconds"))
        return data


def list_events(db: Database, *, kind: str | None = None, start: date | None = None, end: date | None = None,
                q: str | None = None, status: str | None = None, notice: str | None = None,
                unpublished: bool = False) -> list[StoredEvent]:
    """Events overlapping the days ``start``..``end`` (both inclusive, either open), in date order.

    An open-ended event overlaps every later day; a deadline without a window start overlaps
    every earlier day. ``q`` matches a substring of the title, place or description. Only public
    events (see ``Event.public``) unless ``unpublished`` asks for those waiting for review too.
    """
    query = select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id)
    if not unpublished:
        query = query.where(Event.public())
    if kind:
        query = query.where(Event.kind == kind)
    if status:
        query = query.where(Event.status == status)
    if notice:
        query = query.where(Notice.key == notice)
    if start:
        query = query.where(or_(Event.end_date >= start, Event.end_date.is_(None)))
    if end:
        query = query.where(or_(Event.start_date <= end, Event.start_date.is_(None)))
    if q:
        query = query.where(or_(*(column.contains(q, autoescape=True)
                                  for column in (Event.title, Event.location, Event.description))))
    query = query.order_by(func.coalesce(Event.start_date, Event.end_date).nulls_first(),
                           Event.start_at.nulls_first(), Event.uid)
    with db.read() as session:
        return [stored(event, key) for event, key in session.execute(query)]


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
        created=row.created, last_modified=row.last_modified,
    )


def revision(db: Database) -> tuple[int, datetime | None]:
    """(number of committed changes so far, when the last one was made): a cross-process cache key."""
    with db.read() as session:
        row = session.execute(select(Revision.value, Revision.changed_at).where(Revision.id == 1)).first()
    return (row[0], row[1]) if row else (0, None)
