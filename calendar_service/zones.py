"""Time zones by the names the store keeps: an IANA key ("Asia/Shanghai"), or a bare offset
("+08:00") for a datetime whose zone has no key. Used by the store, the reminders (a subscriber's
zone), the review desk and the command line alike."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str | None) -> tzinfo:
    """The zone of a stored name; UTC for none, or for a key this machine does not know."""
    if not name:
        return UTC
    if name[0] in "+-":
        hours, minutes = int(name[1:3]), int(name[4:6])
        offset = timedelta(hours=hours, minutes=minutes)
        return timezone(-offset if name[0] == "-" else offset)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def zone_name(value: datetime) -> str:
    """The name to store for an aware datetime's zone."""
    key = getattr(value.tzinfo, "key", None)
    if key:
        return key
    minutes = int(value.utcoffset() / timedelta(minutes=1))
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
