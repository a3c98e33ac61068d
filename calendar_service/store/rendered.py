"""Each event version's VEVENT bytes, rendered once, when the version is stored.

Rendering an event costs about half a millisecond (icalendar's line folding, mostly): 25 s for a
50,000-event feed if every worker renders every event after every restart. So the bytes are
rendered where a version is written (a mapper hook: ingest, the review desk, withdrawal, any later
writer alike) and kept in ``events.vevent``; a feed reads them with the few columns that place an
event (``feed_events``) and ``ics.finish`` adds what depends on the request (the link's host, the
alarm). Bytes of another renderer (``ics.renderer()``: the code changed) are rendered again in
memory when read, and for good by ``refresh`` (``calendar-service db upgrade`` runs it).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import event as orm_event
from sqlalchemy import inspect, select

from .. import ics
from .changes import CALENDAR_FIELDS, moment
from .database import Database
from .events import EventFilter, StoredEvent, conditions, feed_conditions, stored
from .models import Event, UTCDateTime

#: What the VEVENT bytes are made of: a change of any of these renders the version again.
RENDERED_FIELDS = (*CALENDAR_FIELDS, "uid", "sequence", "status", "created", "last_modified")
#: The columns rendering reads, named here rather than taken from the model, so that migration
#: 0008 can fill the bytes in with the table as it was then (0007 gave it its category).
EVENTS = sa.table(
    "events", sa.column("id", sa.Integer), sa.column("uid", sa.String), sa.column("kind", sa.String),
    sa.column("title", sa.Text), sa.column("all_day", sa.Boolean), sa.column("start_date", sa.Date),
    sa.column("end_date", sa.Date), sa.column("start_at", UTCDateTime), sa.column("end_at", UTCDateTime),
    sa.column("timezone", sa.String), sa.column("location", sa.Text), sa.column("description", sa.Text),
    sa.column("source_text", sa.Text), sa.column("sequence", sa.Integer), sa.column("status", sa.String),
    sa.column("created", UTCDateTime), sa.column("last_modified", UTCDateTime),
    sa.column("confidence", sa.Float), sa.column("source_file", sa.Text), sa.column("source_start", sa.Integer),
    sa.column("source_end", sa.Integer), sa.column("category", sa.String), sa.column("vevent", sa.LargeBinary),
    sa.column("vevent_renderer", sa.String))
BATCH = 500


@dataclass(slots=True)  # not frozen: 50,000 of them are made per feed build, and frozen costs twice
class FeedEvent:
    """An event as a feed needs it: what places it (``ics.placement``), its LAST-MODIFIED and its
    stored VEVENT bytes (``ics.prerender``)."""

    uid: str
    kind: str
    start: date | datetime | None
    end: date | datetime | None
    all_day: bool
    last_modified: datetime
    vevent: bytes | None
    version: StoredEvent | None = None  # when there are no stored bytes to finish: rendered whole
    location: str | None = None  # for a place's feed (places.located_at)


def version_of(row) -> StoredEvent:
    """A stored version (a mapped ``Event`` or a row of ``EVENTS``) as ``ics`` reads it (the
    notice's key plays no part in its VEVENT)."""
    return stored(row, "")


@orm_event.listens_for(Event, "before_insert")
def _render_new(mapper, connection, target: Event) -> None:
    _render(target)


@orm_event.listens_for(Event, "before_update")
def _render_changed(mapper, connection, target: Event) -> None:
    state = inspect(target)
    if any(state.attrs[name].history.has_changes() for name in RENDERED_FIELDS):
        _render(target)


def _render(target: Event) -> None:
    target.vevent, target.vevent_renderer = ics.prerender(version_of(target)), ics.renderer()


def feed_events(db: Database, today: date | None = None, *, kind: str | None = None, start: date | None = None,
                q: str | None = None, **retention) -> list[FeedEvent]:
    """The events of a feed with their VEVENT bytes, in no particular order (``ics.render_calendar``
    sorts): on ``today``, what ``events.feed_conditions`` keeps (``retention``: category, place and
    the days); without it, every public event from ``start`` on (``list_events``' filter).
    Selected as plain columns, not mapped objects: building 50,000 of those costs more than the
    rest of the feed."""
    found = (feed_conditions(today, kind=kind, q=q, **retention) if today is not None
             else conditions(EventFilter(kind=kind, start=start, q=q)))
    query = select(Event.id, Event.uid, Event.kind, Event.all_day, Event.start_date, Event.end_date, Event.start_at,
                   Event.end_at, Event.timezone, Event.last_modified, Event.vevent,
                   Event.vevent_renderer, Event.location).where(*found)
    current, events, stale = ics.renderer(), [], {}
    with db.read() as session:
        rows = session.connection().execute(query).all()  # Core rows: no ORM loading of 50,000 tuples
        for row_id, uid, kind, all_day, first, last, start_at, end_at, zone, modified, data, renderer, place in rows:
            fresh = data is not None and renderer == current
            events.append(FeedEvent(uid, kind, moment(first, start_at, zone), moment(last, end_at, zone), all_day,
                                    modified, data if fresh else None, location=place))
            if not fresh:
                stale[row_id] = len(events) - 1
        ids = list(stale)
        # rendered by another renderer (kept for good by ``refresh``), or not renderable ahead
        for i in range(0, len(ids), BATCH):
            for row in session.execute(select(EVENTS).where(EVENTS.c.id.in_(ids[i:i + BATCH]))):
                at, version = stale[row.id], version_of(row)
                events[at] = replace(events[at], vevent=ics.prerender(version), version=version)
    return events


def refresh(connection: sa.Connection) -> int:
    """Render again the stored versions another renderer wrote (or none did); how many. Runs on a
    plain connection inside the caller's transaction (the upgrade's, or migration 0008's)."""
    current, count = ics.renderer(), 0
    stale = (EVENTS.c.vevent_renderer.is_(None)) | (EVENTS.c.vevent_renderer != current)
    rows = connection.execute(select(EVENTS).where(stale)).all()
    for i in range(0, len(rows), BATCH):
        values = [{"row_id": row.id, "vevent": ics.prerender(version_of(row)), "renderer": current}
                  for row in rows[i:i + BATCH]]
        connection.execute(EVENTS.update().where(EVENTS.c.id == sa.bindparam("row_id"))
                           .values(vevent=sa.bindparam("vevent"), vevent_renderer=sa.bindparam("renderer")), values)
        count += len(values)
    return count
