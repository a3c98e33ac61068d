"""Windows of hours a mention carries (mentions.py): the hours every day of a span or list shares,
a second window of one day (which makes the day whole), and the part of the day an end hour keeps."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .markers import FIRST_RUN
from .timex import RELATIVE_DAYS, afternoon

if TYPE_CHECKING:
    from .mentions import Mention, Unit


def afternoon_carried(first: Unit, last: Unit | None) -> None:
    """"下午1时至5时" ends at 17:00, "晚上8时至10时" at 22:00: an end hour said without its part of
    the day keeps the start's, unless that would end before the start ("晚上10时至6时": the night
    through)."""
    if last is None or last is first or last.date is not None or first.time is None or last.time is None:
        return
    start, end = first.time, last.time
    later = afternoon(end.hour, start.day_period)
    if end.day_period is None and later != end.hour and (start.hour, start.minute) < (later, end.minute):
        end.hour = later


# "10日至12日每天8:00-18:00", "15日、16日两天的23时50分至次日1时": hours that every day shares
DAILY_GAP = re.compile(r"^\s*+(?:止|为止)?\s*+,?\s*+(?:[两二三四五六七八九十\d]{1,2}[天日晚夜]\s*+,?)?\s*+"
                       rf"(?:每天|每日|每晚|当晚|每|的)?\s*+(?:{FIRST_RUN}\s*+起?\s*+(?:至|到))?\s*+$")


def each_day(unit: Unit) -> bool:
    return unit.time is not None and unit.date.form == "rel" and unit.date.rel in ("当日", "当天")


# "8:00—12:00和14:00—17:30", "上午07:00—11:30 下午13:00—16:30": what stands between two windows of a day
NEXT_WINDOW = re.compile(r"^\s*+(?:和|及|、|,|;)?\s*+$")


def window_done(m: Mention) -> bool:
    """Does the mention end on a window of hours, every day's or one day's (6月7日8:00—12:00)?"""
    if m.daily is not None:
        return m.daily[0] is not m.daily[1]
    return m.kind == "range" and len(m.units) == 2 and m.first.time is not None and m.last.time is not None \
        and m.last.date is None


def whole_days(m: Mention) -> None:
    """Make the mention's days whole (its hours were two windows of each day): in place."""
    if m.daily is not None:
        m.daily = None
    else:  # the day to the same day: a span of one day, not a day from which something holds
        m.first.time = m.last.time = None
        m.last.date = m.first.date


def hours_only(unit: Unit) -> bool:
    """A time of day, or one on "the next day" (翌日5时), which is only said of each day in turn."""
    return unit.date is None or unit.date.form == "rel" and RELATIVE_DAYS.get(unit.date.rel) == "next"
