"""A stand-in extractor for store and ingest tests: the events are written in the notice itself.

Lines of a notice of the form ``@event ITEM|KIND|TITLE|START|END|LOCATION`` become events
(START/END are ISO dates or aware datetimes, empty for None); ``@published YYYY-MM-DD`` gives the
publication date and ``@fail`` makes extraction raise. The UID derives from the notice identity
and ITEM, as the real extractor's does, so tests control exactly what changes between ingests
whatever the real extractor finds.

Run as a script it is ``calendar-service`` with this extractor plugged in (for subprocess tests);
``FAKE_EXTRACTOR_PAUSE_AT=<notice id>`` makes it print ``paused <id>`` and stop inside that
notice's transaction, after its rows are written and before they are committed.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime

from calendar_service.extract import ExtractedEvent, Kind, SourceRef


@dataclass(frozen=True)
class Guess:
    date: date
    reason: str


def extract(text: str, published: date, *, file: str | None = None, notice_key: str | None = None,
            budget: float | None = None):
    if "@fail" in text:
        raise RuntimeError("the extractor tripped over this notice")
    events, offset = [], 0
    for line in text.splitlines(keepends=True):
        if line.startswith("@event "):
            item, kind, title, start, end, location = line[len("@event "):].rstrip("\n").split("|")
            start_value, end_value = _value(start), _value(end)
            events.append(ExtractedEvent(
                uid=uid(notice_key or file or "", item), kind=Kind(kind), title=title,
                start=start_value, end=end_value,
                all_day=not isinstance(start_value or end_value, datetime),
                location=location or None, description=f"{title}（{published.isoformat()} 发布）",
                confidence=0.9, source=SourceRef(file, line.strip(), offset, offset + len(line.strip())),
                notice_key=notice_key or "",
            ))
        offset += len(line)
    return events


def infer_published(text: str) -> Guess | None:
    for line in text.splitlines():
        if line.startswith("@published "):
            return Guess(date.fromisoformat(line.split()[1]), "the @published line")
    return None


def uid(notice_key: str, item: str) -> str:
    return hashlib.sha256(f"{notice_key}\x1f{item}".encode()).hexdigest()[:24] + "@calendar-service"


def notice(*events: str, published: str = "2022-10-18", body: str = "公告正文。") -> str:
    """Text of a notice carrying the given ``ITEM|KIND|TITLE|START|END|LOCATION`` events."""
    lines = [f"@published {published}", body] + [f"@event {e}" for e in events]
    return "\n".join(lines) + "\n"


def _value(text: str) -> date | datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


def install(target) -> None:
    """Plug this extractor into ``calendar_service.extract`` (``target`` is a pytest monkeypatch)."""
    import calendar_service.extract as extraction

    target.setattr(extraction, "extract", extract)
    target.setattr(extraction, "infer_published", infer_published)


def _pause_inside_transaction(key: str) -> None:
    from calendar_service.store import notices

    insert_notice, bump_revision, current = notices._insert_notice, notices.bump_revision, {}

    def insert(session, draft, now, **options):
        current["key"] = draft.key
        return insert_notice(session, draft, now, **options)

    def bump(session, now):
        if current.get("key") == key:
            session.flush()
            print(f"paused {key}", flush=True)
            while True:
                time.sleep(60)
        bump_revision(session, now)

    notices._insert_notice, notices.bump_revision = insert, bump


if __name__ == "__main__":
    class _Patch:
        def setattr(self, obj, name, value):
            setattr(obj, name, value)

    install(_Patch())
    if os.environ.get("FAKE_EXTRACTOR_PAUSE_AT"):
        _pause_inside_transaction(os.environ["FAKE_EXTRACTOR_PAUSE_AT"])
    from calendar_service.cli import main

    sys.exit(main())
