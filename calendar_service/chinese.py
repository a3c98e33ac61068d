"""Dates and countdowns in the words a resident reads: 2022年10月18日(周二)至2023年1月1日, 还剩 68 天.

Pure functions of an event's start/end (the extract contract: all-day ``end`` inclusive, ``None``
when open-ended; timed values are aware datetimes in the event's zone) and of "today". The pages
and the reminder mails both speak this way.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from markupsafe import Markup

from .kinds import due_date, local_day

WEEKDAYS = "一二三四五六日"


def day(value: date, *, year: bool = True, weekday: bool = False) -> str:
    text = f"{value.year}年{value.month}月{value.day}日" if year else f"{value.month}月{value.day}日"
    return f"{text}(周{WEEKDAYS[value.weekday()]})" if weekday else text


def clock(value: datetime) -> str:
    return f"{value.hour}:{value.minute:02d}"


def span(start: date | datetime | None, end: date | datetime | None, *, this_year: int | None = None) -> str:
    """The days (and hours) of an item: its first day with the weekday, then 至 and the last day.

    ``this_year`` drops the year from the start when it is that year (lists); the end names its year
    only when it differs from the start's: 2022年10月18日(周二)至2023年1月1日, 10月18日(周二)至12月25日,
    9月15日(周四) 8:00至17:30.
    """
    return "".join(span_parts(start, end, this_year=this_year))


def span_html(start: date | datetime | None, end: date | datetime | None, *, this_year: int | None = None) -> Markup:
    """``span`` with each date kept on one line (a phone breaks between dates, not inside one)."""
    return Markup("").join(Markup('<span class="nw">%s</span>') % part if part not in ("至", "起", "截止") else part
                           for part in span_parts(start, end, this_year=this_year))


def span_parts(start, end, *, this_year: int | None = None) -> list[str]:
    if start is None and end is None:
        return ["日期未定"]
    if start is None:
        return [_point(end, this_year), "截止"]
    first = _point(start, this_year, weekday=True)
    if end is None:
        return [first, "起"]
    start_day, end_day = local_day(start), local_day(end)
    if start_day == end_day:
        if isinstance(end, datetime) and end != start:
            return [first, "至", clock(end)]
        return [first]
    last = day(end_day, year=end_day.year != start_day.year)
    if isinstance(end, datetime):
        last += f" {clock(end)}"
    return [first, "至", last]


def _point(value: date | datetime, this_year: int | None, *, weekday: bool = True) -> str:
    d = local_day(value)
    text = day(d, year=this_year is None or d.year != this_year, weekday=weekday)
    return f"{text} {clock(value)}" if isinstance(value, datetime) else text


@dataclass(frozen=True)
class Countdown:
    text: str
    tone: str  # urgent | soon | ongoing | upcoming | past (a CSS class)


def countdown(kind: str, start: date | datetime | None, end: date | datetime | None, today: date) -> Countdown | None:
    """还剩 N 天 / 今天截止 for due items; N 天后开始 / 进行中 for the rest; None without dates."""
    due = due_date(kind, end)
    if due is not None:
        left = (local_day(due) - today).days
        if left < 0:
            return Countdown("已截止", "past")
        if left == 0:
            return Countdown("今天截止", "urgent")
        return Countdown(f"还剩 {left} 天", "urgent" if left <= 3 else "soon" if left <= 14 else "upcoming")
    if start is None and end is None:
        return None
    if start is not None and local_day(start) > today:
        ahead = (local_day(start) - today).days
        return Countdown("明天开始" if ahead == 1 else f"{ahead} 天后开始", "soon" if ahead <= 7 else "upcoming")
    if end is None:
        return Countdown("进行中" if start is not None and local_day(start) < today else "今天开始", "ongoing")
    left = (local_day(end) - today).days
    if left < 0:
        return Countdown("已结束", "past")
    if left == 0:
        return Countdown("今天结束" if start is not None and local_day(start) < today else "仅今天", "ongoing")
    if start is not None and local_day(start) == today:
        return Countdown(f"今天开始 · 共 {left + 1} 天", "ongoing")
    return Countdown(f"进行中 · 还有 {left} 天结束", "ongoing")


def short_day(value: date | datetime, this_year: int) -> str:
    """A day without its year when it is ``this_year``: 10月17日."""
    d = local_day(value)
    return day(d, year=d.year != this_year)
