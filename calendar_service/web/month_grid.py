"""A month as a grid of weeks with items drawn as bars (pure: events and dates in, layout out).

Weeks run Monday to Sunday, as Chinese wall calendars print them. An item covers the days a
calendar shows it on (``kinds.placed_on`` and its end): a due item its due date only, a span
every day from its first to its last, an open-ended item from its start for ``OPEN_ENDED_DAYS``
(it is "until further notice", drawn open on the right). In each week an item is one bar, clipped
to the week; bars take the lowest free lane, and a day whose bars do not fit in
``LANES`` lanes says how many more it has. Earlier items take lanes first, longer ones first
among those starting on the same day.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..kinds import OPEN_ENDED_DAYS, due_date, local_day, placed_on

LANES = 3


@dataclass(frozen=True)
class Bar:
    event: object  # StoredEvent
    column: int  # 1..7, Monday first
    width: int  # days in this week
    lane: int  # 1..LANES
    starts: bool  # the item begins in this week (else it continues from the week before)
    ends: bool  # the item ends in this week
    open_ended: bool


@dataclass
class Week:
    days: list[date]
    bars: list[Bar] = field(default_factory=list)
    more: dict[date, int] = field(default_factory=dict)  # day -> items not drawn for lack of lanes


def covered(event, limit: date | None = None) -> tuple[date, date, bool] | None:
    """(first day, last day, open-ended?) an item is drawn over; None without a date."""
    placed = placed_on(event.kind, event.start, event.end)
    if placed is None:
        return None
    first = local_day(placed)
    if due_date(event.kind, event.end) is not None or event.start is None:
        return first, first, False
    if event.end is None:
        last = first + timedelta(days=OPEN_ENDED_DAYS)
        return first, min(last, limit) if limit else last, True
    return first, max(local_day(event.end), first), False


def grid_days(year: int, month: int) -> tuple[date, date]:
    """The Monday on or before the 1st and the Sunday on or after the last day of the month."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    return first - timedelta(days=first.weekday()), last + timedelta(days=6 - last.weekday())


def drawn_spans(year: int, month: int, events) -> list[tuple[tuple[date, date, bool], object]]:
    """((first day, last day, open-ended?), event) of each item drawn on the month's grid, in the
    order items take lanes: earlier first, longer first among those starting the same day."""
    start, end = grid_days(year, month)
    spans = []
    for event in events:
        found = covered(event, end)
        if found is not None and found[0] <= end and found[1] >= start:
            spans.append((found, event))
    spans.sort(key=lambda s: (s[0][0], -(s[0][1] - s[0][0]).days, s[1].uid))
    return spans


def month_grid(year: int, month: int, events, *, spans=None) -> list[Week]:
    """The weeks of the month with each item's bars laid out in lanes (``spans``: ``drawn_spans``
    of the events, when the caller has them already).

    Each item visits only the weeks it touches, and a lane's used days are a 7-bit mask, so the
    layout costs about one step per bar (a month view reads hundreds to thousands of items); the
    items that find no lane are counted per week as the ends of their days (a difference array),
    not day by day.
    """
    start, end = grid_days(year, month)
    weeks = [Week([start + timedelta(days=7 * w + n) for n in range(7)]) for w in range(((end - start).days + 1) // 7)]
    taken = [[0] * LANES for _ in weeks]  # per week, per lane: the columns used, as bits
    overflow = [[0] * 8 for _ in weeks]  # per week: +1 where undrawn items begin, -1 after they end
    for (first, last, open_ended), event in (drawn_spans(year, month, events) if spans is None else spans):
        a, b = max(first, start), min(last, end)
        for w in range((a - start).days // 7, (b - start).days // 7 + 1):
            week, monday = weeks[w], weeks[w].days[0]
            left, right = max((a - monday).days, 0), min((b - monday).days, 6)
            mask = ((1 << (right - left + 1)) - 1) << left
            lanes = taken[w]
            lane = next((n for n in range(LANES) if not lanes[n] & mask), None)
            if lane is None:
                overflow[w][left] += 1
                overflow[w][right + 1] -= 1
                continue
            lanes[lane] |= mask
            week.bars.append(Bar(event, left + 1, right - left + 1, lane + 1, first >= monday,
                                 last <= week.days[6] and not open_ended, open_ended))
    for week, ends in zip(weeks, overflow):
        count = 0
        for n in range(7):
            count += ends[n]
            if count:
                week.more[week.days[n]] = count
    return weeks
