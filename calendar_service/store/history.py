"""What changed in a public event: old and new values of what a calendar shows, kept per change.

A subscriber's calendar only learns *that* an event changed (SEQUENCE, LAST-MODIFIED); the event
page says *what* changed ("结束日期 2023-01-01 → 2023-01-18"), so each change of a public event
leaves one ``event_changes`` row. Changes made before an event was public are not history: nobody
saw the old values. ``change_event`` is the one way ingest and the review desk change what a
calendar shows of an event.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from .changes import moment
from .database import Database
from .models import Event, EventChange

#: The fields a change report names, in the order a page lists them.
SHOWN = ("status", "kind", "title", "start", "end", "location", "description")


@dataclass(frozen=True)
class Change:
    sequence: int
    changed_at: datetime
    origin: str  # "ingest" (the notice changed) or "review" (a reviewer edited, rejected or restored it)
    fields: dict[str, tuple[str | None, str | None]]


def snapshot(event: Event) -> dict[str, str | None]:
    """What a calendar shows of a stored event, as comparable strings (ISO dates and times)."""
    return {
        "status": event.status,
        "kind": event.kind,
        "title": event.title,
        "start": _iso(moment(event.start_date, event.start_at, event.timezone)),
        "end": _iso(moment(event.end_date, event.end_at, event.timezone)),
        "location": event.location,
        "description": event.description,
    }


def change_event(event: Event, now: datetime, *, origin: str = "ingest", **values) -> None:
    """Change what a calendar shows of ``event``: a new SEQUENCE and a history row if it is public
    (an event nobody has seen yet keeps SEQUENCE 0 for its first appearance)."""
    before = snapshot(event)
    for name, value in values.items():
        setattr(event, name, value)
    if event.published_at is not None:
        event.sequence += 1
    event.last_modified = now
    record(object_session(event), event, before, now=now, origin=origin)


def record(session: Session, event: Event, before: dict[str, str | None], *, now: datetime, origin: str) -> None:
    """One history row for ``event`` (already changed, sequence already raised) if it is public."""
    if event.published_at is None:
        return
    after = snapshot(event)
    fields = {name: [before[name], after[name]] for name in SHOWN if before[name] != after[name]}
    if fields:
        session.flush()  # a new event needs its id
        session.add(EventChange(event_id=event.id, sequence=event.sequence, changed_at=now, origin=origin,
                                changes=fields))


def changes_of(db: Database, uid: str) -> list[Change]:
    """The recorded changes of one event, newest first."""
    query = (select(EventChange).join(Event, EventChange.event_id == Event.id).where(Event.uid == uid)
             .order_by(EventChange.changed_at.desc(), EventChange.id.desc()))
    with db.read() as session:
        return [Change(row.sequence, row.changed_at, row.origin,
                       {name: tuple(values) for name, values in row.changes.items()})
                for row in session.scalars(query)]


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
