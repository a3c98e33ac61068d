"""How the home page groups what the store lists: each item under its day, the days under today,
the rest of this week (to Sunday) and later.

An item's day is the day it is placed on (``kinds.placed_on``: a deadline's due date, anything
else's first day), or today while it is under way.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dateutil.relativedelta import SU, relativedelta

from ..kinds import local_day, placed_on
from ..store import StoredEvent

GROUPS = {"today": "今天", "week": "本周", "later": "以后", "past": "最近结束"}


@dataclass(frozen=True)
class Listed:
    event: StoredEvent
    day: date  # the day the item is listed under
    group: str  # key of GROUPS


def place(event: StoredEvent, today: date) -> Listed:
    """The day an item is listed under, and its group."""
    day = max(local_day(placed_on(event.kind, event.start, event.end)), today)
    group = "today" if day == today else "week" if day <= week_end(today) else "later"
    return Listed(event, day, group)


@lru_cache(maxsize=32)  # asked once per listed item, for the same few days
def week_end(today: date) -> date:
    """The Sunday that ends today's calendar week (today, when it is Sunday)."""
    return today + relativedelta(weekday=SU)


def ended(event: StoredEvent) -> Listed:
    """An item of the recent past, listed under its last day."""
    return Listed(event, local_day(event.end), "past")
