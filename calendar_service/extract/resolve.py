"""Mentions to concrete dates: year inference against the publication date, ranges, times of day.

Rules (DESIGN.md): a month-day without a year is the one nearest the publication date (or
nearest the notice's last date, when that lies in the year ahead of publication); a range
end inherits year and month from its start and rolls into the next year when it would fall before
it; a weekday annotation picks between candidate years and lowers confidence when it disagrees.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .lunar import new_year_day
from .mentions import Mention, Unit
from .timex import RELATIVE_DAYS, Token

TZ = ZoneInfo("Asia/Shanghai")
END_OF_DAY = time(23, 59, 59)
MIDNIGHT = time(0, 0)
PARTS = {"上旬": 10, "中旬": 20, "初": 1}  # 底/末/下旬/中下旬 are the month's last day


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
            p = resolve_unit(unit, published, anchor, inherit=prev)
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
        better = _weekday_year(unit.date, day, unit.weekday.weekday, published) \
            or _weekday_month(unit.date, unit.weekday, published, anchor)
        conflict = better is None
        if better is None:
            better = _year_slip(unit.date, day, unit.weekday.weekday, published)
        day = better or day
    point = _with_time(day, unit)
    if conflict:
        point.doubt = WEEKDAY_DOUBT
    elif unit.date.form == "full" and unit.date.day and unit.date.day > day.day == _month_len(day):
        point.doubt = MONTH_END_DOUBT
    return point


def resolve_date(tok: Token, published: date, anchor: date | None, inherit: date | None = None) -> date | None:
    try:
        if tok.form == "rel":
            offset = RELATIVE_DAYS[tok.rel]
            if offset == "next":
                return (inherit or anchor or published) + timedelta(days=1)
            if offset is None:
                return inherit or anchor or published
            return published + timedelta(days=offset)
        if tok.form == "lunar":
            years = (published.year - 1, published.year, published.year + 1)
            days = [d for d in (new_year_day(tok.day, y) for y in years) if d is not None]
            near = anchor if _context(anchor, published) else published
            return _nearest(days, near)
        if tok.form == "week":
            if tok.week_rel is None:
                return None
            if tok.week_rel == "coming":  # "由星期四晚八时开始": the next such day from publication
                return published + timedelta(days=(tok.weekday - published.weekday()) % 7)
            monday = published - timedelta(days=published.weekday())
            weeks = {"下": 1, "上": -1}.get(tok.week_rel[0], 0)
            return monday + timedelta(days=7 * weeks + tok.weekday)
        if tok.form == "day" and tok.month_rel is not None:
            if tok.month_rel == "context":  # 当月15日: the month the text is about
                return (inherit or anchor or published).replace(day=tok.day)
            return _add_month(published, tok.month_rel).replace(day=tok.day)
        if tok.form == "day":
            base = inherit or anchor
            if base is not None:
                day = base.replace(day=tok.day)
                if inherit and day < inherit:
                    day = _add_month(base, 1).replace(day=tok.day)
                return day
            return _nearest([_add_month(published, k).replace(day=tok.day) for k in (-1, 0, 1)
                             if tok.day <= _month_len(_add_month(published, k))], published)
        day_of_month = tok.day
        if tok.form == "month" and tok.month is None:  # 月底: the month in context
            base = _add_month(inherit or anchor or published, 1 if tok.rel else 0)
            return base.replace(day=PARTS.get(tok.part) or _month_len(base))
        if tok.form == "month":
            if tok.part is None:
                return None  # a whole month is a statistics period, not a date
            day_of_month = PARTS.get(tok.part)
        return _with_year(tok, day_of_month, published, inherit, anchor)
    except ValueError:
        return None


def _with_year(tok: Token, dom: int | None, published: date, inherit: date | None,
               anchor: date | None = None) -> date | None:
    def build(year: int) -> date:
        last = _month_len(date(year, tok.month, 1))
        # "2021年4月31日": a slip of the pen for the month's last day (resolve_unit notes the doubt);
        # 2月29日 in a common year stays impossible, one year among several is meant
        if dom and last < dom <= 31 and not (tok.month == 2 and dom == 29):
            return date(year, tok.month, last)
        return date(year, tok.month, dom or last)

    if tok.year is not None:
        return build(tok.year)
    if tok.year_rel is not None:
        base = inherit.year if inherit and tok.year_rel > 0 else published.year
        return build(base + tok.year_rel)
    if inherit is not None:
        day = build(inherit.year)
        return day if day >= inherit else build(inherit.year + 1)
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(build(year))
        except ValueError:
            pass  # 2月29日 in a common year
    if _context(anchor, published):
        # a notice's dates run on from the last one it gave: "2015年4月…20日; …8月17日" is
        # the same 2015, whatever the publication date. Four months and more from it (after a heating
        # period that ends on 次年4月10日, "10月7日,记者…获悉") they no longer run on: the date is
        # the one nearest the publication
        near = min(candidates, key=lambda d: (abs((d - anchor).days), abs((d - published).days)))
        if abs((near - anchor).days) <= _RUNS_ON:
            return near
    return _nearest(candidates, published)


_RUNS_ON = 120  # days (four months): how far a notice's next date may lie from its last and still take its year


def _context(anchor: date | None, published: date) -> bool:
    """Whether the notice's last date sets the year of the next: a date in the coming year does
    (a holiday calendar, a tax calendar), a law's date of last spring does not."""
    return anchor is not None and -31 <= (anchor - published).days <= 366


def _weekday_year(tok: Token, day: date, weekday: int, published: date) -> date | None:
    """When a weekday annotation disagrees, the year may have been guessed wrong."""
    if tok.form != "full" or tok.year is not None:
        return None
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:
            continue
        # a notice speaks of what is coming: a weekday that would move its date a year into the
        # past is a slip of the weekday, not of the year (the item is kept and flagged instead)
        if candidate.weekday() == weekday and (candidate >= published - timedelta(days=31) or day < published):
            options.append(candidate)
    return _nearest(options, published) if options else None


def _weekday_month(tok: Token, weekday: Token, published: date, anchor: date | None) -> date | None:
    """"下周一(16日)", "周六(14日)": a day of the month with its weekday is the one, in a month
    around publication or the notice's last date, that falls on that weekday."""
    if tok.form != "day" or tok.month_rel is not None:
        return None
    if weekday.week_rel is not None and weekday.week_rel != "coming":
        named = resolve_date(weekday, published, anchor)
        return named if named is not None and named.day == tok.day else None
    options = set()
    for base in {published, anchor or published}:
        for k in (-1, 0, 1):
            month = _add_month(base, k)
            if tok.day <= _month_len(month) and month.replace(day=tok.day).weekday() == weekday.weekday:
                options.add(month.replace(day=tok.day))
    return _nearest(sorted(options), published)


def _year_slip(tok: Token, day: date, weekday: int, published: date) -> date | None:
    """"2025年2月2日(星期一)" in a January 2026 notice: the weekday is 2026's and the year a slip
    of the pen (the old year written out of habit). Corrected only when the next or previous year
    both fits the weekday and lies within half a year of publication, nearer than the written one;
    the weekday conflict is still noted."""
    if tok.year is None:
        return None
    for year in (tok.year + 1, tok.year - 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:
            continue
        away = abs((candidate - published).days)
        if candidate.weekday() == weekday and away <= 183 and away < abs((day - published).days):
            return candidate
    return None


def _with_time(day: date, unit: Unit) -> Point:
    tok = unit.time
    if tok is None:
        return Point(day)
    if tok.hour == 24:
        return Point(day, END_OF_DAY)
    return Point(day, time(tok.hour, tok.minute))


def _nearest(days: list[date], published: date) -> date | None:
    return min(days, key=lambda d: (abs((d - published).days), d < published)) if days else None


def _month_len(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _add_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def as_value(point: Point, timed: bool, start: bool = False) -> date | datetime:
    """A date for an all-day item; for a timed one, a day without an hour starts at its first
    moment and ends at its last."""
    if not timed:
        return point.day
    return datetime.combine(point.day, point.at or (MIDNIGHT if start else END_OF_DAY), tzinfo=TZ)
