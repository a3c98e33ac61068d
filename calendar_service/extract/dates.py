"""One date token to a day: the year inferred against the publication date and the notice's last
date, relative days, weekdays, days of the lunar new year, and the slips a weekday corrects.

Rules (DESIGN.md): a month-day without a year is the one nearest the publication date, or nearest
the notice's last date when that lies in the year ahead of publication (and within four months
of it); a weekday annotation that disagrees may pick another year or month.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from .lunar import new_year_day
from .timex import RELATIVE_DAYS, Token

PARTS = {"上旬": 10, "中旬": 20, "初": 1}  # 底/末/下旬/中下旬 are the month's last day


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
            return add_month(published, tok.month_rel).replace(day=tok.day)
        if tok.form == "day":
            base = inherit or anchor
            if base is not None:
                day = base.replace(day=tok.day)
                if inherit and day < inherit:
                    day = add_month(base, 1).replace(day=tok.day)
                return day
            return _nearest([add_month(published, k).replace(day=tok.day) for k in (-1, 0, 1)
                             if tok.day <= month_len(add_month(published, k))], published)
        day_of_month = tok.day
        if tok.form == "month" and tok.month is None:  # 月底: the month in context
            base = add_month(inherit or anchor or published, 1 if tok.rel else 0)
            return base.replace(day=PARTS.get(tok.part) or month_len(base))
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
        last = month_len(date(year, tok.month, 1))
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


def weekday_year(tok: Token, day: date, weekday: int, published: date) -> date | None:
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


def weekday_month(tok: Token, weekday: Token, published: date, anchor: date | None) -> date | None:
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
            month = add_month(base, k)
            if tok.day <= month_len(month) and month.replace(day=tok.day).weekday() == weekday.weekday:
                options.add(month.replace(day=tok.day))
    return _nearest(sorted(options), published)


def year_slip(tok: Token, day: date, weekday: int, published: date) -> date | None:
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


def _nearest(days: list[date], published: date) -> date | None:
    return min(days, key=lambda d: (abs((d - published).days), d < published)) if days else None


def month_len(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def add_month(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
