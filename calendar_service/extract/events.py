"""The one output type of extraction, and how its stable identity is made."""
from __future__ import annotations

try:  # the C module hashlib wraps, without hashlib's OpenSSL load: ~4 ms of every one-shot extract
    from _sha2 import sha256  # Python 3.12 and later
except ImportError:
    try:
        from _sha256 import sha256
    except ImportError:
        from hashlib import sha256
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Kind(StrEnum):
    """Event kinds (a contract shared with the scorer and the feeds)."""

    CLOSURE = "closure"
    DEADLINE = "deadline"
    SERVICE_CHANGE = "service_change"
    PERIOD = "period"
    EVENT = "event"


class Category(StrEnum):
    """What an item is about across kinds (a contract addition shared with feeds and reminders):
    Chinese labels live with the other meanings of kinds (calendar_service.kinds)."""

    ROAD = "road"
    WATER = "water"
    POWER = "power"
    GAS = "gas"
    HEATING = "heating"
    NETWORK = "network"
    TRANSIT = "transit"
    VENUE = "venue"
    GOVERNMENT = "government"
    FEES = "fees"
    REGISTRATION = "registration"
    HEALTH = "health"
    HOLIDAY = "holiday"
    OTHER = "other"


@dataclass(frozen=True)
class SourceRef:
    """Where in the input document an event was read from (offsets into the decoded text)."""

    file: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ExtractedEvent:
    """One time-bound item read from a notice.

    ``start``/``end`` are ``date`` for all-day items and aware ``datetime`` (Asia/Shanghai)
    for timed ones. ``end`` is inclusive for all-day items and ``None`` when open-ended;
    ``start`` is ``None`` only for a deadline whose window start is not stated.
    """

    uid: str
    kind: Kind
    title: str
    start: date | datetime | None
    end: date | datetime | None
    all_day: bool
    location: str | None
    description: str
    confidence: float
    source: SourceRef
    notice_key: str = ""
    notes: tuple[str, ...] = field(default=())
    category: Category = Category.OTHER

    def to_json(self) -> dict:
        """The `calendar-service extract --format json` shape (see DESIGN.md)."""
        return {
            "uid": self.uid,
            "kind": str(self.kind),
            "category": str(self.category),
            "title": self.title,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "all_day": self.all_day,
            "location": self.location,
            "description": self.description,
            "confidence": round(self.confidence, 2),
            "source": {
                "file": self.source.file,
                "text": self.source.text,
                "start": self.source.start,
                "end": self.source.end,
            },
        }


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def make_uid(notice_key: str, kind: str, subject: str, ordinal: int) -> str:
    """A UID that survives re-ingest and edits of dates.

    It hashes the notice's identity, the kind, the item's subject (its place or title core) and
    its ordinal among items of the same kind and subject, but not its dates: an edited date must
    update the same calendar entry rather than add a new one.
    """
    digest = sha256(f"{notice_key}\x1f{kind}\x1f{subject}\x1f{ordinal}".encode()).hexdigest()
    return f"{digest[:24]}@calendar-service"
