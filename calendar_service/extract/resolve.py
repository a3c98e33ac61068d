"""Mentions to concrete dates: ranges, times of day, and the doubts a notice's own words raise.

Rules (DESIGN.md): a range end inherits year and month from its start and rolls into the next year
when it would fall before it; a weekday annotation picks between candidate years and lowers
confidence when it disagrees. One token's day, its year inferred, is `dates.py`'s.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .dates import month_len, resolve_date, weekday_month, weekday_year, year_slip
from .mentions import Mention, Unit

TZ = ZoneInfo("Asia/Shanghai")
END_OF_DAY = time(23, 59, 59)
MIDNIGHT = time(0, 0)


# Why a date was kept though the text contradicts itself: the item stays, flagged for review
WEEKDAY_DOUBT = "weekday annotation disagrees with the date"
MONTH_END_DOUBT = "day past the end of its month, read as the month's last day"


@dataclass
class Point:
    day: date
    at: time | None = None  # None: the whole day
    doubt: str | None = None  # WEEKDAY_DOUBT, MONTH_END_DOUBT

    @property
    def weekday_conflict(self) -> bool:
        return self.doubt == WEEKDAY_DOUBT


@dataclass
class Span:
    start: Point
    end: Point | None  # None: a single point (start only)
    daily: bool = False  # hours repeat every day: the span is stored as dates


def resolve_mention(m: Mention, published: date, anchor: date | None, day: date | None = None) -> list[Span]:
    """All spans a mention stands for (a list mention gives one per listed day). `day` dates a
    mention that gives only hours (a row "8:00-12:00 …" under its date "10月3日")."""
    if m.kind == "list":
        spans = []
        prev = None
        for unit in m.units:
            p = _listed(resolve_unit(unit, published, anchor, inherit=prev), prev)
            if p is None:
                continue
            prev = p.day
            if m.daily:
                start = _with_time(p.day, m.daily[0])
                end = resolve_unit(m.daily[1], published, anchor, inherit=p.day, follows=start)
                spans.append(Span(start, end))
            elif m.markers & _OPEN_MARKERS:
                spans.append(Span(p, None))  # "3月5日、6日起": what each day begins
            else:
                spans.append(Span(p, _day_of(p) or p))  # a listed day is that day, not a start
        return spans if "each" in m.markers else _consecutive_joined(spans)
    start = resolve_unit(m.first, published, anchor, inherit=day if m.first.date is None else None)
    if start is None:
        return []
    if m.kind == "point":
        if m.markers & {"due", "until", "as_of"}:
            return [Span(_as_end(start), None)]  # "请于11月11日23:59前": the point is an end
        return [Span(start, _day_of(start) if not m.markers & _OPEN_MARKERS else None)]
    end = resolve_unit(m.last, published, anchor, inherit=start.day, follows=start)
    if end is None or end.day < start.day:
        return []  # a range that runs backwards ("年初一至本月27日" in a January notice) is a misread
    end = _as_end(end)
    multi_day = end.day > start.day
    return [Span(start, end, daily=bool(m.daily) and multi_day)]


def _listed(point: Point | None, prev: date | None) -> Point | None:
    """A listed day a little before the one listed ahead of it ("分别于3月5日和3月4日") is of the same
    year; only a list that crosses the new year ("12月30日、1月2日") runs into the next."""
    if point is None or prev is None or point.day.year == prev.year:
        return point
    try:
        same_year = point.day.replace(year=prev.year)
    except ValueError:  # 2月29日
        return point
    return replace(point, day=same_year) if 0 < (prev - same_year).days <= _SAME_SEASON else point


_SAME_SEASON = 62  # days a listed date may lie before the one listed ahead of it and keep its year


def _as_end(point: Point) -> Point:
    """An end at 23:59 is the end of that day, as 24时 is (stored as the date alone)."""
    if point.at == time(23, 59):
        return Point(point.day, END_OF_DAY, point.doubt)
    return point


def _day_of(point: Point) -> Point | None:
    """"10月3日晚7:30杂技专场": a start time without an end runs to the end of that day (an end
    time nobody gave is not the start time again)."""
    if point.at is None or point.at in (END_OF_DAY, MIDNIGHT):
        return None
    return Point(point.day, doubt=point.doubt)


# markers that say a point opens or closes something longer than the day it names
_OPEN_MARKERS = {"open_start", "reopen", "to_the_end", "until", "due", "as_of"}


def _consecutive_joined(spans: list[Span]) -> list[Span]:
    """"2月26日、27日返校", "6月7、8、9日": listed days that follow one another without hours of
    their own are one span. Listed nights with hours stay one event each."""
    if len(spans) < 2 or any(s.end is None or s.start.at or s.end.at or s.end.day != s.start.day for s in spans):
        return spans
    if any((b.start.day - a.start.day).days != 1 for a, b in zip(spans, spans[1:])):
        return spans
    return [Span(spans[0].start, spans[-1].end)]


def resolve_unit(unit: Unit, published: date, anchor: date | None, inherit: date | None = None,
                 follows: Point | None = None) -> Point | None:
    if unit.date is None:  # a bare time: the day of what it follows (or the next, if earlier)
        base = follows.day if follows else inherit
        if base is None or unit.time is None:
            return None
        point = _with_time(base, unit)
        if follows and follows.at and point.at and point.at <= follows.at and point.at != END_OF_DAY:
            point.day += timedelta(days=1)  # "22:00-6:00" runs overnight
        return point
    day = resolve_date(unit.date, published, anchor, inherit)
    if day is None:
        return None
    conflict = False
    if unit.weekday is not None and day.weekday() != unit.weekday.weekday:
        if unit.date.garbled:
            return None  # "722(周五)" read as 7月22日 only stands if the weekday agrees
        better = weekday_year(unit.date, day, unit.weekday.weekday, published) \
            or weekday_month(unit.date, unit.weekday, published, anchor)
        conflict = better is None
        if better is None:
            better = year_slip(unit.date, day, unit.weekday.weekday, published)
        day = better or day
    point = _with_time(day, unit)
    if conflict:
        point.doubt = WEEKDAY_DOUBT
    elif unit.date.form == "full" and unit.date.day and unit.date.day > day.day == month_len(day):
        point.doubt = MONTH_END_DOUBT
    return point


def _with_time(day: date, unit: Unit) -> Point:
    tok = unit.time
    if tok is None:
        return Point(day)
    if tok.hour == 24:
        return Point(day, END_OF_DAY)
    return Point(day, time(tok.hour, tok.minute))


def as_value(point: Point, timed: bool, start: bool = False) -> date | datetime:
    """A date for an all-day item; for a timed one, a day without an hour starts at its first
    moment and ends at its last."""
    if not timed:
        return point.day
    return datetime.combine(point.day, point.at or (MIDNIGHT if start else END_OF_DAY), tzinfo=TZ)
