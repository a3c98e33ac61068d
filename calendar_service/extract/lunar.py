"""Days of the lunar new year, which notices name instead of dates (年初一, 除夕, 元宵节).

Only days counted from the first day of the first lunar month are read (正月 is at least 29 days
long, so 正月初一 … 正月廿九 follow from it, and 除夕 is the day before). Other lunar months need
month lengths this table does not hold, so "腊月二十八" or "八月十五" stay unread.
"""
from __future__ import annotations

from datetime import date, timedelta

# 正月初一 in the Gregorian calendar (the published lunar calendar; 2004-2026 agree with the
# Spring Festival holidays in chinesecalendar). Outside these years a lunar day is left unread.
NEW_YEAR = {
    2000: (2, 5), 2001: (1, 24), 2002: (2, 12), 2003: (2, 1), 2004: (1, 22), 2005: (2, 9),
    2006: (1, 29), 2007: (2, 18), 2008: (2, 7), 2009: (1, 26), 2010: (2, 14), 2011: (2, 3),
    2012: (1, 23), 2013: (2, 10), 2014: (1, 31), 2015: (2, 19), 2016: (2, 8), 2017: (1, 28),
    2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22),
    2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13),
    2030: (2, 3), 2031: (1, 23), 2032: (2, 11), 2033: (1, 31), 2034: (2, 19), 2035: (2, 8),
}


def new_year_day(offset: int, year: int) -> date | None:
    """The day `offset` days from 正月初一 of the lunar year that starts in `year` (除夕 is -1)."""
    if year not in NEW_YEAR:
        return None
    month, day = NEW_YEAR[year]
    return date(year, month, day) + timedelta(days=offset)
