"""Chinese public holidays from chinesecalendar (a maintained list of the State Council's notices).

Used where a notice names a holiday instead of dates ("春节期间暂停办理"). Outside the years the
library knows, such phrases are left unresolved (no event, rather than a guessed date).
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import chinese_calendar

from .classify import classify

HOLIDAY_NAMES = {  # phrase in notices -> chinese_calendar.Holiday value
    "元旦": "New Year's Day", "春节": "Spring Festival", "清明": "Tomb-sweeping Day",
    "劳动节": "Labour Day", "五一": "Labour Day", "端午": "Dragon Boat Festival",
    "中秋": "Mid-autumn Festival", "国庆": "National Day",
}
_PHRASE = re.compile(r"(" + "|".join(HOLIDAY_NAMES) + r")(?:节)?(?:假期|放假)?期间")


def holiday_span(name: str, year: int) -> tuple[date, date] | None:
    """First and last day off of the named holiday in `year`, or None if the year is unknown."""
    label = HOLIDAY_NAMES[name]
    try:
        days = [d for d in _year_days(year) if chinese_calendar.get_holiday_detail(d)[1] == label]
    except NotImplementedError:
        return None
    if not days:
        return None
    # the run of days off around the first matching day (春节 may straddle a weekend)
    start = days[0]
    end = start
    while chinese_calendar.is_holiday(end + timedelta(days=1)):
        end += timedelta(days=1)
    return start, end


def _year_days(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


def holiday_items(sentence: str, published: date) -> list:
    from .items import Item  # local: items imports resolve, which is heavier

    items = []
    for m in _PHRASE.finditer(sentence):
        span = None
        for year in (published.year, published.year + 1):
            span = holiday_span(m.group(1), year)
            if span and span[1] >= published:
                break
            span = None
        if span is None:
            continue
        verdict = classify(sentence, [m.span()], set())
        if verdict.kind is None:
            continue
        items.append(Item(verdict.kind, span[0], span[1], True, m.start(), m.end(), verdict,
                          ["dates of the holiday from chinesecalendar"]))
    return items
