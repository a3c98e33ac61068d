"""Chinese public holidays from chinesecalendar (a maintained list of the State Council's notices).

Used where a notice names a holiday instead of dates ("春节期间暂停办理"). Outside the years the
library knows, such phrases are left unresolved (no event, rather than a guessed date).
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

import chinese_calendar

from .classify import classify

HOLIDAY_NAMES = {  # phrase in notices -> chinese_calendar.Holiday value
    "元旦": "New Year's Day", "春节": "Spring Festival", "清明": "Tomb-sweeping Day",
    "劳动节": "Labour Day", "五一": "Labour Day", "端午": "Dragon Boat Festival",
    "中秋": "Mid-autumn Festival", "国庆": "National Day",
}
PHRASE = re.compile(r"(" + "|".join(HOLIDAY_NAMES) + r")(?:节)?(?:假期|放假)?期间")


def holiday_span(name: str, year: int) -> tuple[date, date] | None:
    """First and last day off of the named holiday in `year`, or None if the year is unknown."""
    return _year_table(year).get(HOLIDAY_NAMES[name])


@cache  # one table per year: a handful in a process's life
def _year_table(year: int) -> dict[str, tuple[date, date]]:
    """Every holiday of a year with its run of days off, walked once per year (a notice may name
    春节期间 on every line)."""
    table: dict[str, tuple[date, date]] = {}
    day = date(year, 1, 1)
    try:
        while day.year == year:
            label = chinese_calendar.get_holiday_detail(day)[1]
            if label and label not in table:
                # the run of days off around the first day of the holiday (春节 may straddle a weekend)
                end = day
                while chinese_calendar.is_holiday(end + timedelta(days=1)):
                    end += timedelta(days=1)
                table[label] = (day, end)
            day += timedelta(days=1)
    except NotImplementedError:
        return {}  # a year chinesecalendar does not know: the phrase is left unresolved
    return table


def holiday_items(sentence: str, published: date) -> list:
    from .items import Item  # local: items imports resolve, which is heavier

    items = []
    for m in PHRASE.finditer(sentence):
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
