"""Dated items of a notice, read line by line and completed from the notice's structure.

A line of a real notice rarely says everything: a table row gives dates and villages, its caption
the hours and that the water stops; a form's "停电时间" field gives the window, its "停电线路" field
the line; a numbered list gives roads under a lead-in that says they close; a heading names the
county every item below it is in. Each dated sentence is read on its own (items.py) inside a
`Frame` made from its surroundings: the rest of its row or record, the lead-in above it, its
headings and the notice's heading, nearest first. What the sentence lacks (kind, day, hours,
subject) is taken from the nearest of those that has it.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from datetime import date

from .clauses import FIELD_WORD, antecedent_named, clause_around, strip_scaffolding, substance
from .holidays import PHRASE as _HOLIDAY_PHRASE, holiday_items
from .classify import deed_of
from .document import TooLong
from .items import Frame, Item, sentence_items
from .layout import Element, place_field, time_field
from .mentions import Mention, find_mentions
from .places import find_place
from .published import is_dateline
from .resolve import resolve_unit
from .segment import Sentence
from .structure import (GENERIC_HEADING, LOOK_BACK, area_of, backdrop_of, header_of, headings_of, lead_of, section_of,
                        siblings_of, subject_of)
from .titles import _THIN, GENERIC_DEEDS, HOLIDAY_NAME

_SKIPPED = {"chrome", "signature", "salutation", "header", "rownum", "headline"}
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
    dated = [any(_dates(mentions[id(s)]) for s in el.sentences) for el in els]
    # a notice that is its headline alone ("10月20日22:00至次日6:00,人民路停水", a short message)
    # says its items there; otherwise the body says them again, better, unless the body dates
    # nothing ("即日起,公交4路线临时调整" over how the route runs now) and no other notice of the
    # document may be the one its headline announces
    if says_nothing(els):
        return _read(els, published, notice, deadline, mentions, dated, _SKIPPED - {"headline"})
    found = _read(els, published, notice, deadline, mentions, dated, _SKIPPED)
    if alone and not found and any(d and el.role == "headline" for el, d in zip(els, dated)):
        found = _read(els, published, notice, deadline, mentions, dated, _SKIPPED - {"headline"})
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
        if _date_only(el, own) and _hours_follow(els, i, mentions):
            day = _first_day(own, published, anchor)  # "10月3日 (星期五)" dates the rows of hours below
            anchor = day or anchor
            continue
        if day is None and not _dates(sum(own, [])) and _listed_hours(els, i, mentions):
            # "…元旦(星期一)举行游行…安排主要包括:" / "* 由下午约一时三十分起…封闭": the hours of a list
            # under a lead-in are on the one day the lead-in's paragraph names
            day = _lead_day(els, i, mentions, published, anchor)
        if day is None and not _dates(sum(own, [])) and _outage_hours(el, own):
            # "宣布自11月24日起…实施计划性停水" then "基隆市…将于上午9时至下午3时停水": the paragraphs
            # of places give the hours of the one day said above them
            day = _day_above(els, i, mentions, published, anchor)
        base = _frame(els, i, dated, mentions, notice, day)
        if el.role == "cell" and _date_only(el, own) and (hours := _hours_cell(els, i + 1, mentions)) \
                and not _hours_cell(els, i + 2, mentions):
            # "6月12日 / 08:00-18:00 / 10kV东城线": a row's date cell, then its hours cell (two hours
            # cells, morning and afternoon, leave the day a day)
            base = replace(base, window=hours)
            hours_taken.add(i + 1)
        before_gave = True  # whether the sentence before gave items of its own
        for k, (s, ms) in enumerate(zip(el.sentences, own)):
            frame = _with_neighbours(base, el, k, own)
            named = HOLIDAY_NAME.findall(s.text)
            holiday = named[-1] if named else holiday
            # (a notice flattened into one line signs after "特此通告。" on that line; a press release
            # ends its last line with its date: "…联络场地职员。2015年2月23日(星期一)")
            alone = len(el.sentences) == 1 or k > 0 and bool(_SIGNS_OFF.search(el.sentences[k - 1].text)) \
                or k == len(el.sentences) - 1 and bool(_DATE_ALONE.match(s.text))
            if is_dateline(s.text, alone):
                continue
            items, anchor = sentence_items(s.text, ms, published, anchor, frame)
            if not ms and not (el.role == "lead" and i + 1 < len(els) and dated[i + 1]):
                # (a lead-in naming the holiday over dated lines is their frame, not an item)
                items = holiday_items(s.text, published)
            dates = [(m.start, m.end) for m in ms]
            # "记者昨天从…获悉,…展览馆正常开馆。开馆时间为…": a sentence whose date gave nothing
            # (昨天 of a byline) still says what the next one's dates are about
            borrow = k and not before_gave
            before_gave = bool(items)
            for item in items:
                f = Found(item, s, _naming_label(el.label), dates, " ".join(frame.contexts[:1]), section_of(els, el), holiday=holiday,
                          element=i, role=el.role)
                f.clause = antecedent_named(clause_around(s.text, item.lo, item.hi, dates), s.text[:item.lo])
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
                and _STOPS_HERE.search(els[j].text) and find_place(els[j].text):
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
    return all(el.role in _SKIPPED for el in els)


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


def _with_neighbours(frame: Frame, el: Element, k: int, own: list[list[Mention]]) -> Frame:
    """The sentences beside a dated one in its line, nearest first, lead its frame: "因清洗水箱,
    长春市绿园区西部润和,停水时间20小时。2019年5月15日08:00–…。" """
    near = [el.sentences[j].text for j in (k - 1, k + 1) if 0 <= j < len(el.sentences) and not _dates(own[j])]
    return replace(frame, contexts=(*near, *frame.contexts)) if near else frame


def _last_holiday(text: str) -> str | None:
    named = HOLIDAY_NAME.findall(text)
    return named[-1] if named else None


def _naming_label(label: str | None) -> str | None:
    """A field's label that names the item ("1.西区图书馆", "第一阶段"), not one that says what its
    value is ("施工时间", "地点")."""
    if not label or time_field(label) or place_field(label) or GENERIC_HEADING.search(label):
        return None
    return label


def _dates(ms: list[Mention]) -> bool:
    return any(u.date is not None for m in ms for u in m.units)


_RESIDUE = re.compile(r"[\s()\[\]、,.;:。~\-—–至到起止前星期周一二三四五六日天\|]")


def _date_only(el: Element, own: list[list[Mention]]) -> bool:
    """'10月3日', '(星期五)', '2022.8.26': a line that is a date and nothing else."""
    if len(el.sentences) != 1 or not own[0] or not _dates(own[0]):
        return False
    text = el.sentences[0].text
    rest = "".join(text[a:b] for a, b in _gaps(text, own[0]))
    return not _RESIDUE.sub("", rest)


def _gaps(text: str, ms: list[Mention]):
    pos = 0
    for m in ms:
        yield pos, m.start
        pos = m.end
    yield pos, len(text)


def _hours_follow(els: list[Element], i: int, mentions: dict) -> bool:
    """Do lines that start with hours and no date ("8:00-12:00 网络中心机房…") come next?"""
    for el in els[i + 1:i + 3]:
        if el.role in _SKIPPED or not el.text.strip("() 星期一二三四五六日天"):
            continue
        ms = mentions[id(el.sentences[0])]
        return bool(ms) and ms[0].start <= 1 and ms[0].first.date is None and ms[0].first.time is not None \
            and len(el.text) > ms[0].end - ms[0].start + 2
    return False


_RECURRING_HOURS = re.compile(r"工作日|每天|每日|每周|周一至|星期一至|逢")


def _listed_hours(els: list[Element], i: int, mentions: dict) -> bool:
    """Is element i a line of a list under a lead-in, giving hours and no date?"""
    el = els[i]
    ms = [m for s in el.sentences for m in mentions[id(s)]]
    # an hour something starts at ("由下午约二时起…封闭"), or a place's hours under "定于4月3日对下列
    # 区域停水:" ("阳光小区:8:00-17:00"); not office hours ("工作日上午8:30-12:00")
    return bool(ms) and all(u.date is None for m in ms for u in m.units) and lead_of(els, i) is not None \
        and any("open_start" in m.markers or m.kind == "range" and _PLACE_LABEL.match(el.text) for m in ms) \
        and not _RECURRING_HOURS.search(el.text)


_PLACE_LABEL = re.compile(r"^[^:,。;\d()]{2,30}:\s*[\d上下中凌晚早]")  # "阳光小区:8:00-17:00"


_STOPS_HERE = re.compile(r"停水|停电|停气|停暖|停止供|暂停供|封闭|封路|管制")


def _outage_hours(el: Element, own: list[list[Mention]]) -> bool:
    """A paragraph that gives a stop's hours and no day ("雲林縣北港鎮光明路一帶將從上午8時停水
    至傍晚6時"), not opening hours ("工作日上午8:30-12:00")."""
    ms = sum(own, [])
    return bool(ms) and el.role == "paragraph" and all(u.date is None for m in ms for u in m.units) \
        and any(m.kind == "range" or "open_start" in m.markers for m in ms) \
        and bool(_STOPS_HERE.search(el.text)) and not _RECURRING_HOURS.search(el.text)


def _day_above(els: list[Element], i: int, mentions: dict, published: date, anchor: date | None) -> date | None:
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


def _lead_day(els: list[Element], i: int, mentions: dict, published: date, anchor: date | None) -> date | None:
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


def _first_day(own: list[list[Mention]], published: date, anchor: date | None) -> date | None:
    for ms in own:
        for m in ms:
            point = resolve_unit(m.first, published, anchor)
            if point is not None:
                return point.day
    return None


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
    window = _window(els, i, mentions) if lead is not None or el.role in ("cell", "item") else None
    return Frame(tuple(contexts), notice.topic, notice.prior, day, window)


def _hours_cell(els: list[Element], j: int, mentions: dict) -> tuple | None:
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


def _window(els: list[Element], i: int, mentions: dict) -> tuple | None:
    """'停水时间为晚上20点到早上9点' above a table: hours with no date, shared by every row (a row's
    own hours cell, "08:00-18:00" after its date, is no caption)."""
    for e in reversed(els[max(0, i - LOOK_BACK):i]):
        if e.role == "heading":
            return None
        if _hours_cell(els, e.index, mentions) and e.index and _date_only(els[e.index - 1], [
                mentions[id(s)] for s in els[e.index - 1].sentences]):
            continue
        own = [m for s in e.sentences for m in mentions[id(s)]]
        if any(u.date is not None for m in own for u in m.units):
            continue  # "10月4日至7日仅上午开诊(8:00—11:30)": those days' hours, no caption for the lines after
        for m in own:
            if m.kind == "range" and all(u.date is None and u.time is not None for u in m.units):
                return m.units[0], m.units[-1]
        if e.role == "lead":
            return None
    return None


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
