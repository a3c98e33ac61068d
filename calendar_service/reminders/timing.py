"""When a reminder goes out, and until when it is worth sending (pure: no database, no clock).

An item is reminded of by its **anchor**: a due item (a deadline) by its due date (``end``),
anything else by the day it starts. Reminders go out on the anchor day minus the lead days, at ``REMINDER_HOUR``
in the *subscriber's* zone, moved out of their quiet hours. A date without a time (all-day items,
the extract contract) is a day in the service's zone (Asia/Shanghai): a deadline "2022-12-25"
holds until the end of that day there, whoever reads the reminder wherever.

A reminder is **stale** once it can no longer help: a deadline after its due moment, anything
else after its first day (all-day) or its start (timed). Stale reminders are skipped, not sent.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from .. import kinds

DUE_LEADS = (7, 1)  # before a due date (kinds.DUE_KINDS)
OTHER_LEADS = (1,)  # before anything else starts
MAX_LEAD_DAYS = 30


@dataclass(frozen=True)
class Anchor:
    day: date  # the local day reminders count back from
    stale_at: datetime  # aware UTC
    label: str  # "due:2022-12-25" / "start:2022-10-20T08:00:00+08:00": a change here is worth a notice
    due: bool  # True for deadlines (the mail says 截止), False for starts (开始)


@dataclass(frozen=True)
class Quiet:
    """Quiet hours in the subscriber's day, minutes after midnight; start > end spans midnight."""

    start: int
    end: int

    def contains(self, minute: int) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end


def anchor_of(event, zone: tzinfo) -> Anchor | None:
    """The anchor of an event-like object (``kind, start, end``), None when it has no such date."""
    due = kinds.is_due(event.kind)
    value = event.end if due else event.start
    if value is None:
        return None
    if isinstance(value, datetime):
        return Anchor(value.date(), value.astimezone(UTC), f"{'due' if due else 'start'}:{value.isoformat()}", due)
    end_of_day = datetime.combine(value + timedelta(days=1), time(0), zone).astimezone(UTC)
    return Anchor(value, end_of_day, f"{'due' if due else 'start'}:{value.isoformat()}", due)


def leads_for(kind: str, chosen: list[int] | tuple[int, ...] | None) -> tuple[int, ...]:
    """Lead days for an item of ``kind``: the subscriber's choice, else 7 and 1 before a deadline
    and 1 before anything else starts."""
    if chosen:
        return tuple(sorted(set(chosen), reverse=True))
    return DUE_LEADS if kinds.is_due(kind) else OTHER_LEADS


def remind_at(anchor: Anchor, lead_days: int, zone: tzinfo, hour: int, quiet: Quiet | None = None) -> datetime:
    """``hour`` o'clock in ``zone`` on the anchor day minus ``lead_days``, out of quiet hours (UTC)."""
    local = datetime.combine(anchor.day - timedelta(days=lead_days), time(hour), zone)
    return out_of_quiet(local, zone, quiet).astimezone(UTC)


def out_of_quiet(moment: datetime, zone: tzinfo, quiet: Quiet | None) -> datetime:
    """``moment`` if it is outside the quiet hours, else the end of those quiet hours (aware)."""
    if quiet is None:
        return moment
    local = moment.astimezone(zone)
    minute = local.hour * 60 + local.minute
    if not quiet.contains(minute):
        return moment
    end = datetime.combine(local.date(), time(quiet.end // 60, quiet.end % 60), zone)
    if end <= local:
        end = datetime.combine(local.date() + timedelta(days=1), time(quiet.end // 60, quiet.end % 60), zone)
    return end


def digest_day(moment: datetime, zone: tzinfo) -> date:
    """The subscriber's local day a moment falls on (digests are one mail per such day)."""
    return moment.astimezone(zone).date()


def backoff(attempts: int, base_seconds: float) -> timedelta:
    """Wait before retry number ``attempts`` (1, 2, …): base, 2×base, 4×base … up to 16×base."""
    return timedelta(seconds=base_seconds * min(2 ** max(attempts - 1, 0), 16))
