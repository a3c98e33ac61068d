"""ExtractedEvent <-> event columns, and which differences count as a change for subscribers.

A difference in anything a calendar shows (kind, title, dates, place, description, the quoted
source sentence, status) is a change: SEQUENCE+1 and a new LAST-MODIFIED. Bookkeeping that no
calendar shows (confidence, source file and offsets) is refreshed silently, so that moving a
sentence inside a notice does not make every subscriber re-import its events.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from ..errors import NotStored
from ..extract import Category, ExtractedEvent, Kind
from ..zones import zone, zone_name

CALENDAR_FIELDS = ("kind", "title", "all_day", "start_date", "end_date", "start_at", "end_at", "timezone",
                   "location", "description", "source_text")
#: the category is not written into a VEVENT: a better reading of it moves the item between category
#: feeds (the revision bump rebuilds them) without making subscribers re-import it
BOOKKEEPING_FIELDS = ("confidence", "source_file", "source_start", "source_end", "category")
KINDS = frozenset(str(kind) for kind in Kind)
CATEGORIES = frozenset(str(category) for category in Category)


@dataclass
class EventCounts:
    added: int = 0
    changed: int = 0
    cancelled: int = 0

    def __iadd__(self, other: EventCounts) -> EventCounts:
        self.added += other.added
        self.changed += other.changed
        self.cancelled += other.cancelled
        return self


def event_columns(event: ExtractedEvent) -> dict[str, Any]:
    """The stored form of one extracted event (NotStored if it breaks the extract contract)."""
    if str(event.kind) not in KINDS:
        raise NotStored(f"event {event.uid}: unknown kind {event.kind!r}")
    if str(event.category) not in CATEGORIES:
        raise NotStored(f"event {event.uid}: unknown category {event.category!r}")
    if not event.uid or not event.title:
        raise NotStored(f"event {event.uid!r}: uid and title are required")
    start_date, start_at, start_zone = _split(event.start, event.all_day, event.uid)
    end_date, end_at, end_zone = _split(event.end, event.all_day, event.uid)
    return {
        "uid": event.uid,
        "kind": str(event.kind),
        "category": str(event.category),
        "title": event.title,
        "all_day": bool(event.all_day),
        "start_date": start_date,
        "end_date": end_date,
        "start_at": start_at,
        "end_at": end_at,
        "timezone": start_zone or end_zone,
        "location": event.location or None,
        "description": event.description or "",
        "confidence": float(event.confidence),
        "source_file": event.source.file,
        "source_text": event.source.text,
        "source_start": event.source.start,
        "source_end": event.source.end,
    }


def _split(value: date | datetime | None, all_day: bool, uid: str):
    """(local date, UTC instant, zone name) of a start or end."""
    if value is None:
        return None, None, None
    if isinstance(value, datetime):
        if all_day or value.tzinfo is None or value.utcoffset() is None:
            raise NotStored(f"event {uid}: timed values must be aware datetimes of a non-all-day event")
        return value.date(), value.astimezone(UTC), zone_name(value)
    if not all_day:
        raise NotStored(f"event {uid}: a timed event needs datetimes, got the date {value}")
    return value, None, None


def moment(day: date | None, instant: datetime | None, zone_key: str | None) -> date | datetime | None:
    """The extract-contract value back from stored columns."""
    if instant is not None:
        return instant.astimezone(zone(zone_key))
    return day


def differs(row: Any, columns: dict[str, Any], fields: tuple[str, ...]) -> bool:
    return any(getattr(row, name) != columns[name] for name in fields)
