"""Chinese public holidays from chinesecalendar (a maintained list of the State Council's notices).

Used where a notice names a holiday instead of dates ("春节期间暂停办理"). Outside the years the
library knows, such phrases are left unresolved (no event, rather than a guessed date).
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from .classify import classify

HOLIDAY_NAMES = {  # phrase in notices -> chinese_calendar.Holiday value
    "元旦": "New Year's Day", "春节": "Spring Festival", "清明": "Tomb-sweeping Day",
    "劳动节": "Labour Day", "五一": "Labour Day", "端午": "Dragon Boat Festival",
    "中秋": "Mid-autumn Festival", "国庆": "National Day",
}
_OTHER_YEARS = re.compile(r"(?:往年|历年|去年|以往|前年|每年)$")
PHRASE = re.compile(r"(" + "|".join(HOLIDAY_NAMES) + r")(?:节)?(?:假期|放假)?期间")


@cache
def _calendar():
    """The library, loaded on the first holiday a notice names: most notices name none, and
    loading it was ~5 ms of every one-shot ``extract`` run."""
    import chinese_calendar  # noqa: PLC0415

    return chinese_calendar


def holiday_span(name: str, year: int) -> tuple[date, date] | None:
    """First and last day off of the named holiday in `year`, or None if the year is unknown."""
    return _year_table(year).get(HOLIDAY_NAMES[name])


@cache  # one table per year: a handful in a process's life
def _year_table(year: int) -> dict[str, tuple[date, date]]:
    """Every holiday of a year with its run of days off: the days the State Council names for it
    and the weekend days joined to them (2024年元旦: 2023-12-30 to 2024-01-01). The library also
    labels the make-up working days (2024-02-04 上班 is "Spring Festival"); those are not days off
    and never start a holiday. A run belongs to the year it ends in: the 元旦 that starts on
    2023-12-30 is 2024's."""
    table: dict[str, tuple[date, date]] = {}
    for day, label in _calendar().holidays.items():
        if day.year not in (year, year + 1) or (end := _run_edge(day, 1)).year != year:
            continue
        first, last = table.get(label, (day, end))
        table[label] = (min(first, _run_edge(day, -1)), max(last, end))
    return table


def _run_edge(day: date, step: int) -> date:
    """The last day off walking from `day` one way: weekends count unless they are make-up days."""
    one = timedelta(days=step)
    while _off(day + one):
        day += one
    return day


def _off(day: date) -> bool:
    try:
        return _calendar().is_holiday(day)
    except NotImplementedError:  # past the library's years: the run ends there
        return False


_ADVICE = re.compile(r"\s*+[,,]?\s*+(?:请|尽量|尽可能|不要|避免|减少|注意|务必|切勿|提醒|建议|广大)")
# "其余场地于春节期间均维持正常开放": the holiday changes nothing there ("五一期间正常营业时间调整为…"
# and "春节期间各网点正常营业,个别网点营业时间有调整" do change something)
OPEN_AS_USUAL = re.compile(r"正常(?:对外)?(?:提供服务|服务|办公|开放|营业|办理|接待|开馆|上班|运营)")
_AS_USUAL = re.compile(rf"[^,。;]{{0,6}}?(?:均|仍|维持|保持|继续)[^,。;]{{0,4}}?(?:{OPEN_AS_USUAL.pattern}|照常)"
                       r"(?![^,。;]{0,4}(?:时间|调整))")


def holiday_items(sentence: str, published: date) -> list:
    from .item_dates import Item  # local: item_dates imports resolve, which is heavier

    items = []
    for m in PHRASE.finditer(sentence):
        if _OTHER_YEARS.search(sentence, max(0, m.start() - 4), m.start()):
            continue  # "根据往年春节假期期间公交乘客发送量": other years' holidays
        span = None
        for year in (published.year, published.year + 1):
            span = holiday_span(m.group(1), year)
            if span and span[1] >= published:
                break
            span = None
        if span is None:
            continue
        if _ADVICE.match(sentence, m.end()) or _AS_USUAL.match(sentence, m.end()):
            continue  # "春节期间,尽量减少外出活动": advice for the holiday, nothing scheduled
        verdict = classify(sentence, [m.span()], set())
        if verdict.kind is None:
            continue
        items.append(Item(verdict.kind, span[0], span[1], True, m.start(), m.end(), verdict,
                          ["dates of the holiday from chinesecalendar"]))
    return items
