"""What a line's neighbours say of its day and hours, for a line that does not say them itself.

Real notices spread one item over lines: "10月3日 (星期五)" over rows that give only hours; a
lead-in naming one day over a list of hours; "停水时间为晚上20点到早上9点" above a table, shared by
every row; a row's date cell followed by its hours cell; the day of the works said a paragraph
above the places' hours; hours in a field after the sentence that named the day; the closure said
next of a span of works (what is said stopped is stops.py's). These read that from the layout
(layout.py) and the mentions of each sentence (`mentions`, keyed by the sentence's id), for
assemble.py.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .clauses import strip_scaffolding
from .item_dates import Item, as_closure, dated
from .layout import Element
from .line_groups import only_dates
from .mentions import Mention
from .places import find_place
from .resolve import resolve_mention, resolve_unit
from .stops import STOPS_HERE, works_in
from .structure import LOOK_BACK, lead_of
from .timex import RELATIVE_DAYS

# roles whose lines give no items of their own (a headline does, where the notice is nothing else)
SKIPPED = {"chrome", "signature", "salutation", "header", "rownum", "headline"}


def dated_in(ms: list[Mention]) -> bool:
    return any(u.date is not None for m in ms for u in m.units)


# "22时至隔日凌晨2时": the day after the hours before it, no day of the line's own
_AFTER_THE_HOURS = {word for word, offset in RELATIVE_DAYS.items() if offset == "next"}


def gives_day(ms: list[Mention]) -> bool:
    """Does a line name a day of its own (not only the next day of its own hours)?"""
    return any(u.date is not None and u.date.rel not in _AFTER_THE_HOURS for m in ms for u in m.units)


def date_only(el: Element, own: list[list[Mention]]) -> bool:
    """'10月3日', '(星期五)', '2022.8.26': a line that is a date and nothing else."""
    if len(el.sentences) != 1 or not own[0] or not dated_in(own[0]):
        return False
    return only_dates(el.sentences[0].text, own[0])


def hours_follow(els: list[Element], i: int, mentions: dict) -> bool:
    """Do lines that start with hours and no date ("8:00-12:00 网络中心机房…") come next?"""
    for el in els[i + 1:i + 3]:
        if el.role in SKIPPED or not el.text.strip("() 星期一二三四五六日天"):
            continue
        ms = mentions[id(el.sentences[0])]
        return bool(ms) and ms[0].start <= 1 and ms[0].first.date is None and ms[0].first.time is not None \
            and len(el.text) > ms[0].end - ms[0].start + 2
    return False


_RECURRING_HOURS = re.compile(r"工作日|每天|每日|每周|周一至|星期一至|逢")


def listed_hours(els: list[Element], i: int, mentions: dict) -> bool:
    """Is element i a line of a list under a lead-in, giving hours and no date?"""
    el = els[i]
    ms = [m for s in el.sentences for m in mentions[id(s)]]
    # an hour something starts at ("由下午约二时起…封闭"), or a place's hours under "定于4月3日对下列
    # 区域停水:" ("阳光小区:8:00-17:00"); not office hours ("工作日上午8:30-12:00")
    return bool(ms) and not gives_day(ms) and lead_of(els, i) is not None \
        and any("open_start" in m.markers or m.kind == "range" and _PLACE_LABEL.match(el.text) for m in ms) \
        and not _RECURRING_HOURS.search(el.text)


_PLACE_LABEL = re.compile(r"^[^:,。;\d()]{2,30}:\s*[\d上下中凌晚早]")  # "阳光小区:8:00-17:00"




def outage_hours(el: Element, own: list[list[Mention]]) -> bool:
    """A paragraph that gives a stop's hours and no day ("雲林縣北港鎮光明路一帶將從上午8時停水
    至傍晚6時"), not opening hours ("工作日上午8:30-12:00")."""
    ms = sum(own, [])
    return bool(ms) and el.role in ("paragraph", "lead") and not gives_day(ms) \
        and any(m.kind == "range" or "open_start" in m.markers for m in ms) \
        and bool(STOPS_HERE.search(el.text)) and not _RECURRING_HOURS.search(el.text)


def day_above(els: list[Element], i: int, mentions: dict, published: date, anchor: date | None) -> date | None:
    """The one day the nearest dated paragraph above names (from publication on), if it names one."""
    for el in reversed(els[max(0, i - 8):i]):
        if el.role in ("heading", "chrome", "signature"):
            return None
        points = [m for s in el.sentences for m in mentions[id(s)] if m.first.date is not None]
        if not points:
            continue
        days = {p.day for m in points if (p := resolve_unit(m.first, published, anchor)) and p.day >= published}
        if len(days) > 1:
            days.discard(published)  # "今晚快储水!…宣布自11月24日起…停水": the day of the works
        return days.pop() if len(days) == 1 else None
    return None


def lead_day(els: list[Element], i: int, mentions: dict, published: date, anchor: date | None) -> date | None:
    """The single day named in the lead-in above element i or in the paragraph just before it."""
    lead = lead_of(els, i)
    if lead is None:
        return None
    days = set()
    for el in (els[lead.index - 1] if lead.index else None, lead):
        if el is None or el.role in ("heading", "chrome", "headline"):
            continue
        for s in el.sentences:
            for m in mentions[id(s)]:
                if m.kind == "point" and m.first.date is not None:
                    point = resolve_unit(m.first, published, anchor)
                    if point is not None and point.day > published:  # not the release's own 今日
                        days.add(point.day)
    return days.pop() if len(days) == 1 else None


def first_day(own: list[list[Mention]], published: date, anchor: date | None) -> date | None:
    for ms in own:
        for m in ms:
            point = resolve_unit(m.first, published, anchor)
            if point is not None:
                return point.day
    return None


def hours_cell(els: list[Element], j: int, mentions: dict) -> tuple | None:
    """The hours of a cell that holds nothing else ("08:00-18:00"), as (start, end) units."""
    if j >= len(els) or els[j].role != "cell" or len(els[j].sentences) != 1:
        return None
    ms = mentions[id(els[j].sentences[0])]
    if len(ms) != 1 or ms[0].kind != "range" or any(u.date is not None or u.time is None for u in ms[0].units):
        return None
    text = els[j].sentences[0].text
    if len(text) - (ms[0].end - ms[0].start) > 2:
        return None
    return ms[0].units[0], ms[0].units[-1]


def window_above(els: list[Element], i: int, mentions: dict) -> tuple | None:
    """'停水时间为晚上20点到早上9点' above a table: hours with no date, shared by every row (a row's
    own hours cell, "08:00-18:00" after its date, is no caption)."""
    for e in reversed(els[max(0, i - LOOK_BACK):i]):
        if e.role == "heading":
            return None
        if hours_cell(els, e.index, mentions) and e.index and date_only(els[e.index - 1], [
                mentions[id(s)] for s in els[e.index - 1].sentences]):
            continue
        own = [m for s in e.sentences for m in mentions[id(s)]]
        if any(u.date is not None for m in own for u in m.units):
            continue  # "10月4日至7日仅上午开诊(8:00—11:30)": those days' hours, no caption for the lines after
        for m in own:
            if m.kind == "range" and all(u.date is None and u.time is not None for u in m.units):
                # (hours right under a dated line are that date's: "每年5月1日至9月30日" over
                # "开放时间:早8点至晚9点" is one season's hours, no caption for the next season;
                # a dated lead-in, "3月1日至3月7日具体停水时间及区域:", is not such a line)
                above = e.index and els[e.index - 1]
                if above and above.role not in SKIPPED and above.role != "lead" \
                        and not above.text.rstrip().endswith(":") \
                        and any(dated_in(mentions[id(s)]) for s in above.sentences):
                    return None
                return m.units[0], m.units[-1]
        if e.role == "lead":
            return None
    return None


# "活动地点:五一广场北侧…,时间:8:30~11:00": a field of hours only, set after the sentence of the day
_WHOLE_DAY = re.compile(r"全天|全日|整天")
_HOURS_FIELD = re.compile(r"(?:^|[,;。:])\s*+(?:活动|开放|举办|举行|服务|义诊|接种)?时间\s*+[:为]?\s*+$")


def hours_said_after(text: str, ms: list[Mention], item: Item, said_before: str, published: date) -> Item | None:
    """The one-day item of the sentence before, at the hours this sentence gives it in a field of
    its own; None where the sentence says more than that."""
    if len(ms) != 1 or ms[0].kind != "range" or any(u.date is not None or u.time is None for u in ms[0].units) \
            or not item.all_day or item.start is None or item.start != item.end \
            or not _HOURS_FIELD.search(text, 0, ms[0].start) or text[ms[0].end:].strip(" 。.;;,") \
            or _WHOLE_DAY.search(said_before):
        return None  # ("5月10日全天停水。时间:8:00~18:00为高峰用水时段": the hours of something else)
    spans = resolve_mention(ms[0], published, None, item.start)
    if len(spans) != 1 or spans[0].end is None:
        return None
    timed = dated(item.verdict, spans[0].start, spans[0].end, item.lo, item.hi, published)
    return timed and replace(timed, notes=item.notes, framing=item.framing)


def with_closures_during(items: list[Item], said_next: tuple[str, bool] | None,
                          sentence: str) -> list[tuple[Item, str | None]]:
    """Each item, with the clause that titles it when not its own: a span of works is the closure
    said "during" it in the next sentence (or "届时", of works a change of service names: "…对
    DN300管线进行合口。届时,张庄路…将会停水"); a race or an exam stays itself, its closure beside it.
    A stop is never retitled by what it brings (停水…。届时,幸福路实行交通管制)."""
    if said_next is None:
        return [(item, None) for item in items]
    out: list[tuple[Item, str | None]] = []
    (closed, then), works, stops = said_next, works_in(sentence), bool(STOPS_HERE.search(sentence))
    for item in items:
        if not (item.kind in ("event", "period")
                              or then and works and item.kind in ("service_change", "closure") and not stops):
            out.append((item, None))
            continue
        if not works and item.kind == "event":
            out.append((item, None))
        closure = as_closure(item)
        # ("届时,部分区域将停止供水": the works' own words still say where)
        out.append((closure, strip_scaffolding(closed) if not then or find_place(closed) else None))
    return out
