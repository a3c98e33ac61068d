"""What the store tests share: an extracted event, a notice draft, the stored events by uid, times."""
from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from calendar_service.extract import ExtractedEvent, Kind, SourceRef
from calendar_service.store import Database, NoticeDraft, list_events

SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = datetime(2022, 10, 18, 1, 0, tzinfo=UTC)
T1 = T0 + timedelta(hours=1)
T2 = T0 + timedelta(hours=2)


def event(uid: str, **changes) -> ExtractedEvent:
    base = ExtractedEvent(
        uid=uid, kind=Kind.CLOSURE, title=f"{uid} 半幅封闭施工", start=date(2022, 10, 18),
        end=date(2023, 1, 1), all_day=True, location="龙源路与山阳路交叉口", description="施工期间请绕行",
        confidence=0.9, source=SourceRef("a.txt", "龙源路与山阳路交叉口半幅封闭施工", 10, 26),
    )
    return dataclasses.replace(base, **changes)


def draft(text: str = "公告", key: str = "a.txt", published: date = date(2022, 10, 18)) -> NoticeDraft:
    return NoticeDraft(key=key, text=text, content_hash=f"hash of {text}", published=published, source=f"/n/{key}")


def stored(db: Database, **filters) -> dict:
    return {e.uid: e for e in list_events(db, **filters)}
