"""Which day the hours of a sentence that names no day of their own belong to.

A sentence often names a day once and gives hours after it: the afternoon session of an exam day
("上午9:00-11:20 英语四级;下午15:00-17:25 英语六级"), or a stop's hours after who and why ("15日,
明和苑因线路检修,将于7时至12时停电"). Those hours are that day's; hours kept every day ("工作日
上午…,下午…") are not.
"""
from __future__ import annotations

import re

from .clauses import SCHEDULING
from .mentions import Mention
from .places import find_place


# "上午9:00-11:20 英语四级,下午15:00-17:25 英语六级": the afternoon session of the day just named, not
# hours kept every day ("工作日上午…,下午…")
_SESSION = re.compile(r"\s*(?:中午|下午|晚上|晚间|傍晚|夜间)")
_HABIT = re.compile(r"每天|每日|每晚|工作日|周[一二三四五六日]|星期[一二三四五六日]")


def next_session(text: str, m: Mention, previous: Mention | None, since: int | None) -> bool:
    """Is `m` (hours, no day) the next session of the day and hours `previous` named, said after
    `since` in `text`?"""
    return previous is not None and previous.first.date is not None and previous.first.time is not None \
        and m.first.date is None and m.first.time is not None and bool(_SESSION.match(text, m.start)) \
        and not _HABIT.search(text, since, m.start)


# the words that bring in when, at the end of the stretch between a day and the hours
_AT_HOURS = re.compile(rf"[^。;!?]{{0,60}}?(?:{SCHEDULING}|于|将在)\s*$")


def hours_of_day_named(text: str, m: Mention, previous: Mention | None) -> bool:
    """Is `m` (hours, no day) the hours of the day `previous` named alone at the head of the
    sentence, with who and why between ("15日,明和苑因线路检修,将于7时至12时停电")?"""
    return previous is not None and previous.kind == "point" and not previous.markers \
        and previous.first.date is not None and previous.first.time is None \
        and m.first.date is None and m.first.time is not None and m.daily is None \
        and (bool(_AT_HOURS.fullmatch(text, previous.end, m.start)) or _place_between(text[previous.end:m.start]))


# "2月28日,地铁2号线海之韵站13时至16时将实施封站": the day, the place, then its hours
_PLACE_AFTER_DAY = re.compile(r"\s*+,\s*+([^,。;!?]{2,30}?)\s*+")


def _place_between(gap: str) -> bool:
    named = _PLACE_AFTER_DAY.fullmatch(gap)
    return named is not None and (place := find_place(named.group(1))) is not None and named.group(1).endswith(place)
