"""Whom a clause is about when it does not say: the thing "该…" points back to, and the subjects a
sentence gives their dates in turn (A和B分别于X和Y…)."""
from __future__ import annotations

import re

from .chars import HAN
from .classify import CLAUSE_BREAK

_THAT_ONE = re.compile(r"^(?:该|此)(集团|公司|中心|医院|馆|院|局|站|所)")


# "全国高考和全市中考分别于6月7日至8日和6月10日至12日进行": subjects listed, 分别, then as many dates
_RESPECTIVELY = re.compile(r"([^,;:。!?]{2,60}?)分别(?:定于|将于|于|在|为|是)?\s*$")
# "人民路、和平路": split at 、 first, so the 和 of 和平路 is no "and"
_ANDS = (re.compile(r"、"), re.compile(r"以及|和|及|与"), re.compile(r"以及|和|、|及|与"))
_ITS_DEED = re.compile(r"\s*(?:起\s*)?([^,;:。!?\d]{1,12}?)\s*(?=[,;:。!?]|$)")


def respectively(sentence: str, dates: list[tuple[int, int]]) -> list[str] | None:
    """The clause of each of a sentence's dated items, in their order, where the sentence gives its
    subjects their dates in turn: the n-th subject and the deed after the last date (None when
    the counts differ). Days of one list share their span: 分别于6月7日和6月10日."""
    if len(dates) < 2 or "分别" not in sentence:
        return None
    listed = _RESPECTIVELY.search(sentence, 0, min(lo for lo, _ in dates))
    if listed is None or CLAUSE_BREAK.search(sentence, listed.end(), max(hi for _, hi in dates)):
        return None  # (every date in the run after 分别: "…分别于5月10日、11日放假,5月13日返校" pairs none)
    splits = ([s.strip() for s in rx.split(listed.group(1))] for rx in _ANDS)
    subjects = next((s for s in splits if len(s) == len(dates) and all(s)), None)
    if subjects is None:
        return None
    deed = _ITS_DEED.match(sentence, max(hi for _, hi in dates))
    return [subject + (deed.group(1) if deed else "") for subject in subjects]


def antecedent_named(clause: str, before: str) -> str:
    """'该集团…正式开栓供热' after '记者从…哈尔滨物业供热集团了解到': the group it names."""
    that = _THAT_ONE.match(clause)
    if not that:
        return clause
    named = re.findall(rf"{HAN}{{2,14}}?{that.group(1)}", before[-80:])
    if not named:
        return clause
    name = re.sub(r"^.*?(?:从|在|由|对|据|向|与|和)", "", named[-1])  # "记者从承担…的哈尔滨…集团": the name
    name = name.split("的")[-1]
    return name + clause[that.end():] if len(name) > len(that.group(1)) else clause
