"""Dated items of a notice, read line by line and completed from the notice's structure.

A line of a real notice rarely says everything: a table row gives dates and villages, its caption
the hours and that the water stops; a form's "停电时间" field gives the window, its "停电线路" field
the line; a numbered list gives roads under a lead-in that says they close; a heading names the
county every item below it is in. Each dated sentence is read on its own (items.py) inside a
`Frame` made from its surroundings: the rest of its row or record, the lead-in above it, its
headings and the notice's heading, nearest first. What the sentence lacks (kind, day, hours,
subject) is taken from the nearest of those that has it; the day and hours a line borrows from
the lines around it are read in neighbours.py.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from datetime import date

from .classify import deed_of
from .clauses import FIELD_WORD, clause_around, strip_scaffolding, substance, without_caveats
from .day_hours import next_session
from .document import TooLong
from .fields import place_field, time_field
from .frames import Frame
from .holidays import PHRASE as _HOLIDAY_PHRASE, holiday_items
from .item_dates import Item
from .items import sentence_items
from .layout import Element, chrome_field
from .mentions import Mention, find_mentions
from .neighbours import (SKIPPED, date_only, dated_in, day_above, first_day, hours_cell, hours_follow,
                         hours_said_after, lead_day, listed_hours, outage_hours, window_above, with_closures_during)
from .places import find_place
from .published import is_dateline
from .segment import Sentence
from .stops import STOPS_HERE, closed_during
from .structure import (GENERIC_HEADING, area_of, backdrop_of, header_of, headings_of, lead_of, section_of,
                        siblings_of, subject_of)
from .subjects import antecedent_named, respectively
from .titles import _THIN, GENERIC_DEEDS, HOLIDAY_NAME

_ELSEWHERE = re.compile(r"上述|该路段|该区域|以上|前述")


@dataclass
class Found:
    """An item with what its title is made from."""

    item: Item
    sentence: Sentence
    label: str | None
    dates: list[tuple[int, int]]
    details: str = ""
    section: str | None = None
    clause: str = ""
    place: str | None = None
    holiday: str | None = None
    element: int = -1
    role: str = ""  # the role of the item's line (layout.py)
    subject: str | None = None  # what the row or record says the item is about
    area: str | None = None  # what the heading above the item names ("容城县", "田安大桥")
    backdrop: str | None = None  # where the notice's place section or lead says its works are
    deed: str | None = None  # the strongest cue of the item's kind around it


@dataclass(frozen=True)
class NoticeContext:
    topic: str  # the notice heading's subject
    prior: str | None  # the notice's own kind


def assemble(text: str, els: list[Element], published: date, notice: NoticeContext,
             deadline: float | None = None, alone: bool = True) -> list[Found]:
    mentions = {id(s): find_mentions(s.text) for el in els for s in el.sentences}
    dated = [any(dated_in(mentions[id(s)]) for s in el.sentences) for el in els]
    # a notice that is its headline alone ("10月20日22:00至次日6:00,人民路停水", a short message)
    # says its items there; otherwise the body says them again, better, unless the body dates
    # nothing ("即日起,公交4路线临时调整" over how the route runs now) and no other notice of the
    # document may be the one its headline announces
    if says_nothing(els):
        return _read(els, published, notice, deadline, mentions, dated, SKIPPED - {"headline"})
    found = _read(els, published, notice, deadline, mentions, dated, SKIPPED)
    if alone and not found and any(d and el.role == "headline" for el, d in zip(els, dated)):
        found = _read(els, published, notice, deadline, mentions, dated, SKIPPED - {"headline"})
    return found


def _read(els: list[Element], published: date, notice: NoticeContext, deadline: float | None,
          mentions: dict, dated: list[bool], skipped: set[str]) -> list[Found]:
    """The items of the lines whose roles are not skipped, each completed from the layout."""
    found: list[Found] = []
    hours_taken: set[int] = set()  # hours cells read with the date cell before them
    anchor, day, last_place, holiday = None, None, None, None
    backdrops: dict[str, str | None] = {}  # the notice's place, read once per kind
    for i, el in enumerate(els):
        if deadline is not None and time.monotonic() > deadline:
            raise TooLong("took too long to read: the reading budget ran out")
        if el.role == "heading" or el.role == "lead":
            day = None
        if el.role in skipped or i in hours_taken:
            continue
        own = [mentions[id(s)] for s in el.sentences]
        if not any(own) and not _HOLIDAY_PHRASE.search(el.text):
            holiday = _last_holiday(el.text) or holiday
            continue  # no date and no holiday named: nothing to read here
        if date_only(el, own) and hours_follow(els, i, mentions):
            day = first_day(own, published, anchor)  # "10月3日 (星期五)" dates the rows of hours below
            anchor = day or anchor
            continue
        if day is None and listed_hours(els, i, mentions):
            # "…元旦(星期一)举行游行…安排主要包括:" / "* 由下午约一时三十分起…封闭": the hours of a list
            # under a lead-in are on the one day the lead-in's paragraph names
            day = lead_day(els, i, mentions, published, anchor)
        if day is None and outage_hours(el, own):
            # "宣布自11月24日起…实施计划性停水" then "基隆市…将于上午9时至下午3时停水": the paragraphs
            # of places give the hours of the one day said above them
            day = day_above(els, i, mentions, published, anchor)
        base = _frame(els, i, dated, mentions, notice, day)
        if el.role == "cell" and date_only(el, own) and (hours := hours_cell(els, i + 1, mentions)) \
                and not hours_cell(els, i + 2, mentions):
            # "6月12日 / 08:00-18:00 / 10kV东城线": a row's date cell, then its hours cell (two hours
            # cells, morning and afternoon, leave the day a day)
            base = replace(base, window=hours)
            hours_taken.add(i + 1)
        before_gave = True  # whether the sentence before gave items of its own
        for k, (s, ms) in enumerate(zip(el.sentences, own)):
            # (the sentence before, in the line or the paragraph above, says what a reopening ends)
            before = "" if not any("reopen" in m.markers for m in ms) else el.sentences[k - 1].text if k \
                else els[i - 1].sentences[-1].text if i and els[i - 1].role in ("paragraph", "lead") else ""
            frame = _with_neighbours(base, el, k, own, before)
            named = HOLIDAY_NAME.findall(s.text)
            holiday = named[-1] if named else holiday
            # (a notice flattened into one line signs after "特此通告。" on that line; a press release
            # ends its last line with its date: "…联络场地职员。2015年2月23日(星期一)")
            alone = len(el.sentences) == 1 or k > 0 and bool(_SIGNS_OFF.search(el.sentences[k - 1].text)) \
                or k == len(el.sentences) - 1 and bool(_DATE_ALONE.match(s.text))
            if is_dateline(s.text, alone):
                anchor = first_day([ms], published, anchor) or anchor  # ("搬迁时间 / 2024年12月7日 / 当天…")
                continue
            if k and ms and own[k - 1] and anchor and next_session(s.text, ms[0], own[k - 1][-1], 0):
                # "…上午9:00-11:20 英语四级;下午15:00-17:25 英语六级": that day's next session, of the same kind
                frame = replace(frame, day=anchor, contexts=(el.sentences[k - 1].text, *frame.contexts))
            items, anchor = sentence_items(s.text, ms, published, anchor, frame)
            if not items and k and found and found[-1].sentence is el.sentences[k - 1] \
                    and (timed := hours_said_after(s.text, ms, found[-1].item, el.sentences[k - 1].text, published)):
                found[-1].item = timed  # "…开展义诊活动。活动地点:…,时间:8:30~11:00": that day's hours
                continue
            if not items and not (el.role == "lead" and i + 1 < len(els) and dated[i + 1]):
                # (a lead-in naming the holiday over dated lines is their frame, not an item; days
                # that only say what stays open, "(4月26日、5月9日正常对外办公)", leave the holiday's)
                items = holiday_items(s.text, published)
            dates = [(m.start, m.end) for m in ms]
            closed = closed_during(el.sentences[k + 1].text) if k + 1 < len(el.sentences) and not own[k + 1] else None
            # "记者昨天从…获悉,…展览馆正常开馆。开馆时间为…": a sentence whose date gave nothing
            # (昨天 of a byline) still says what the next one's dates are about
            # (not from a sentence of who is meant: "接种对象是2017年1月1日至…出生的儿童")
            borrow = k and not before_gave and not any("born" in m.markers for m in own[k - 1])
            before_gave = bool(items)
            each = dict(zip(map(id, items), respectively(s.text, [(i.lo, i.hi) for i in items]) or ()))
            for item, clause in with_closures_during(items, closed, s.text):
                f = Found(item, s, _naming_label(el.label), dates, " ".join(frame.contexts[:1]), section_of(els, el), holiday=holiday,
                          element=i, role=el.role)
                f.clause = clause or each.get(id(item)) \
                    or antecedent_named(clause_around(without_caveats(s.text), item.lo, item.hi, dates), s.text[:item.lo])
                if item.stop:
                    f.clause = clause_around(*item.stop, item.stop[1])  # "…该游泳池现已暂时关闭": the stop, not its end
                # "城关:7月11日-13日,七里河:7月11日-12日": 七里河 names its own dates, not the line's 城关
                own_name = f.clause != f.label and s.text[:item.lo].rstrip().endswith(f.clause + ":") \
                    and not FIELD_WORD.search(f.clause)
                f.label = None if own_name else f.label
                if borrow and _THIN.match(strip_scaffolding(f.clause)):
                    f.clause = _borrowed_clause(el.sentences[k - 1].text, item.kind) or f.clause
                elif borrow and f.clause in GENERIC_DEEDS and (where := find_place(el.sentences[k - 1].text)):
                    f.clause = where + f.clause  # "…展览馆正常开馆。…,5月5日(周四)闭馆": the hall closes
                f.subject = None if own_name else subject_of(els, i, dated)
                f.area = area_of(els, el)
                if not f.subject and not f.area:
                    if item.kind not in backdrops:
                        backdrops[item.kind] = backdrop_of(els, item.kind)
                    f.backdrop = backdrops[item.kind]
                f.place = _place(f, frame) or None
                f.deed = deed_of(item.kind, s.text, *frame.contexts, frame.topic)
                if f.place and _ELSEWHERE.match(f.place) or not f.place and _ELSEWHERE.search(f.clause):
                    f.place = last_place  # "上述路段禁止社会车辆通行": the road named before
                last_place = f.place or last_place
                found.append(f)
    return _listed_stops(els, dated, found)


def _listed_stops(els: list[Element], dated: list[bool], found: list[Found]) -> list[Found]:
    """"由十二月一日上午六时起,以下临时交通安排将会实施:" over "- 弥敦道北行…慢线将会封闭;" and
    "- 宝灵街东行…将会封闭。": each line below a dated lead-in that says a stop of its own, at a
    place of its own, is an item on the lead-in's dates."""
    out: list[Found] = []
    for f in found:
        lines = []
        j = f.element + 1
        while f.role == "lead" and f.item.kind == "closure" and j < len(els) and not dated[j] \
                and els[j].role in ("item", "paragraph") and len(els[j].text) <= 80 \
                and STOPS_HERE.search(els[j].text) and find_place(els[j].text):
            lines.append(els[j])
            j += 1
        if len(lines) < 2:
            out.append(f)
            continue
        for line in lines:
            out.append(replace(f, item=replace(f.item, notes=list(f.item.notes)), sentence=line.sentences[0],
                               clause=strip_scaffolding(line.body.rstrip(";。,.、 ")), place=find_place(line.text), subject=None,
                               element=line.index, role=line.role))
    return out


# (a signer may stand before it: "物业服务中心 2024.11.20")
_LISTED_BELOW = re.compile(r"(?:以下|如下|下列)(?:区域|路段|范围|线路|地点|小区|单位|街道|道路)")
_DATE_ALONE = re.compile(r"^[^,。;:!?]{0,20}?\s*(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[.\-/]\d{1,2}[.\-/]\d{1,2})"
                         r"\s*(?:\(?(?:星期|周)[一二三四五六日天]\)?)?\s*$")
_SIGNS_OFF = re.compile(r"特此(?:通告|公告|通知|公示|告知|说明)[。!]?\s*$")


def says_nothing(els: list[Element]) -> bool:
    """Only furniture, headlines and signatures: no line that items are read from."""
    return all(el.role in SKIPPED for el in els)


def _borrowed_clause(before: str, kind: str) -> str | None:
    """'因清洗水箱,长春市绿园区西部润和,停水时间20小时。2019年5月15日08:00–…': a date alone in its
    sentence is about the sentence before it; its clause with the deed (and the subject before it)."""
    text = substance(before)
    spans = [m.span() for m in re.finditer(r"[^,;。:]+", text)]
    for n, (lo, hi) in enumerate(spans):
        if deed_of(kind, text[lo:hi]):
            clause = strip_scaffolding(text[lo:hi])
            if n and (_THIN.match(clause) or len(clause) < 5):
                clause = strip_scaffolding(text[spans[n - 1][0]:spans[n - 1][1]]) + clause
            return clause
    # "…获悉,今年“五一”假期,市城市展览馆正常开馆。开馆时间为…": else the last clause naming a place
    for lo, hi in reversed(spans):
        if find_place(text[lo:hi]):
            return strip_scaffolding(text[lo:hi])
    return None


def _with_neighbours(frame: Frame, el: Element, k: int, own: list[list[Mention]], before: str) -> Frame:
    """The sentences beside a dated one in its line, nearest first, lead its frame: "因清洗水箱,
    长春市绿园区西部润和,停水时间20小时。2019年5月15日08:00–…。"; `before` is the sentence before it,
    in its line or the paragraph above."""
    near = [el.sentences[j].text for j in (k - 1, k + 1) if 0 <= j < len(el.sentences) and not dated_in(own[j])]
    if not near and not before:
        return frame
    return replace(frame, contexts=(*near, *frame.contexts), said_before=before)


def _last_holiday(text: str) -> str | None:
    named = HOLIDAY_NAME.findall(text)
    return named[-1] if named else None


def _naming_label(label: str | None) -> str | None:
    """A field's label that names the item ("1.西区图书馆", "第一阶段"), not one that says what its
    value is ("施工时间", "地点"), nor the page's furniture ("原标题")."""
    if not label or time_field(label) or place_field(label) or chrome_field(label) or GENERIC_HEADING.search(label):
        return None
    return label


def _frame(els: list[Element], i: int, dated: list[bool], mentions: dict, notice: NoticeContext,
           day: date | None) -> Frame:
    el = els[i]
    contexts: list[str] = []
    siblings = siblings_of(els, i, dated)
    if siblings:
        contexts.append(siblings)
    header = header_of(els, i)
    if header:
        contexts.append(header)  # "停电时间 停电线路 停电范围" over its rows
    lead = lead_of(els, i)
    if lead:
        contexts.append(lead.text)
    for heading in headings_of(els, el):
        contexts.append(heading.body)
    window = window_above(els, i, mentions) if lead is not None or el.role in ("cell", "item") else None
    return Frame(tuple(contexts), notice.topic, notice.prior, day, window)


def _place(f: Found, frame: Frame) -> str | None:
    if f.subject and _LISTED_BELOW.search(f.clause) and (place := find_place(f.subject)):
        return place  # "…对以下区域降压供水:" over "天河北路、体育西路沿线;": the lines below say where
    place = find_place(f.clause) or find_place(substance(f.sentence.text))
    if place:
        return place
    for subject in (f.subject, f.area, f.backdrop):
        place = find_place(subject) if subject else None
        if place:
            return place
    for context in frame.contexts[:2]:
        place = find_place(substance(context))
        if place:
            return place
    return None
