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
from functools import lru_cache
from dataclasses import dataclass, replace
from datetime import date

from .clauses import antecedent_named, clause_around, strip_scaffolding, substance
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
from .timex import scan
from .titles import _THIN, HOLIDAY_NAME, names_something

# how far up a line looks for its lead-in, table header or caption: they stand just above a list
# or a table, and a page of thousands of lines must not make each line read all those above it
_LOOK_BACK = 60
_SKIPPED = {"chrome", "signature", "salutation", "header", "rownum", "headline"}
_ELSEWHERE = re.compile(r"上述|该路段|该区域|以上|前述")
_ROW_ROLES = {"cell", "item", "rownum", "paragraph"}


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
             deadline: float | None = None) -> list[Found]:
    mentions = {id(s): find_mentions(s.text) for el in els for s in el.sentences}
    dated = [any(_dates(mentions[id(s)]) for s in el.sentences) for el in els]
    found: list[Found] = []
    anchor, day, last_place, holiday = None, None, None, None
    backdrops: dict[str, str | None] = {}  # the notice's place, read once per kind
    for i, el in enumerate(els):
        if deadline is not None and time.monotonic() > deadline:
            raise TooLong("took too long to read: the reading budget ran out")
        if el.role == "heading" or el.role == "lead":
            day = None
        if el.role in _SKIPPED:
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
        base = _frame(els, i, dated, mentions, notice, day)
        before_gave = True  # whether the sentence before gave items of its own
        for k, (s, ms) in enumerate(zip(el.sentences, own)):
            frame = _with_neighbours(base, el, k, own)
            named = HOLIDAY_NAME.findall(s.text)
            holiday = named[-1] if named else holiday
            if is_dateline(s.text, len(el.sentences) == 1):
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
                f = Found(item, s, _naming_label(el.label), dates, " ".join(frame.contexts[:1]), _section(els, el), holiday=holiday,
                          element=i, role=el.role)
                f.clause = antecedent_named(clause_around(s.text, item.lo, item.hi, dates), s.text[:item.lo])
                if borrow and _THIN.match(strip_scaffolding(f.clause)):
                    f.clause = _borrowed_clause(el.sentences[k - 1].text, item.kind) or f.clause
                f.subject = _subject(els, i, dated)
                f.area = _area(els, el)
                if not f.subject and not f.area:
                    if item.kind not in backdrops:
                        backdrops[item.kind] = _backdrop(els, item.kind)
                    f.backdrop = backdrops[item.kind]
                f.place = _place(f, frame) or None
                f.deed = deed_of(item.kind, s.text, *frame.contexts, frame.topic)
                if f.place and _ELSEWHERE.match(f.place) or not f.place and _ELSEWHERE.search(f.clause):
                    f.place = last_place  # "上述路段禁止社会车辆通行": the road named before
                last_place = f.place or last_place
                found.append(f)
    return found


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
    if not label or time_field(label) or place_field(label) or _GENERIC_HEADING.search(label):
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
    # an hour something starts at ("由下午约二时起…封闭"), not office hours ("工作日上午8:30-12:00")
    return bool(ms) and all(u.date is None for m in ms for u in m.units) and _lead(els, i) is not None \
        and any("open_start" in m.markers for m in ms) and not _RECURRING_HOURS.search(el.text)


def _lead_day(els: list[Element], i: int, mentions: dict, published: date, anchor: date | None) -> date | None:
    """The single day named in the lead-in above element i or in the paragraph just before it."""
    lead = _lead(els, i)
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
    siblings = _siblings(els, i, dated)
    if siblings:
        contexts.append(siblings)
    header = _header(els, i)
    if header:
        contexts.append(header)  # "停电时间 停电线路 停电范围" over its rows
    lead = _lead(els, i)
    if lead:
        contexts.append(lead.text)
    for heading in _headings(els, el):
        contexts.append(heading.body)
    window = _window(els, i, mentions) if lead is not None or el.role in ("cell", "item") else None
    return Frame(tuple(contexts), notice.topic, notice.prior, day, window)


def _siblings(els: list[Element], i: int, dated: list[bool]) -> str:
    """The rest of a row or a record: the cells or fields around a dated line that have no date."""
    el = els[i]
    if el.role == "field" or "value" in el.tags:
        return " ".join(e.text for e in _record(els, i) if e.index != i and not dated[e.index])
    if el.role not in ("cell", "item", "paragraph") or len(el.text) > 60:
        return ""
    return " ".join(els[j].text for j in _row(els, i, dated) if j != i and not dated[j])


def _record(els: list[Element], i: int) -> list[Element]:
    """The fields that make one record with element i. A run of fields splits into records where a
    label comes again ("停电时间 / 停电线路 / 停电范围", then "停电时间" again) or a numbered field
    starts ("二、停电时间:")."""
    def in_record(e: Element) -> bool:
        return e.role == "field" or "value" in e.tags

    lo = i
    while lo > 0 and in_record(els[lo - 1]):
        lo -= 1
    hi = i
    while hi + 1 < len(els) and in_record(els[hi + 1]):
        hi += 1
    group: list[Element] = []
    labels: set[str | None] = set()
    for e in els[lo:hi + 1]:
        fresh = e.role == "field" and (e.label in labels or e.level and group)
        if fresh and group:
            if any(g.index == i for g in group):
                return group
            group, labels = [], set()
        group.append(e)
        if e.role == "field":
            labels.add(e.label)
    return group


def _row(els: list[Element], i: int, dated: list[bool]) -> list[int]:
    """Indices of the cells that make one row with the dated element i.

    Row numbers ("1", "2") bound rows where a table has them; otherwise the run decides: a run
    whose first line is a date reads date-first (date, then its villages), any other reads
    subject-first."""
    def cell(j: int, fields: bool = False) -> bool:
        return 0 <= j < len(els) and (els[j].role in _ROW_ROLES and els[j].role != "paragraph"
                                      or fields and els[j].role == "field" and "value" not in els[j].tags) \
            and els[j].parent == els[i].parent and len(els[j].text) <= 120

    lo = i
    while cell(lo - 1, fields=True) and els[lo].role != "rownum":
        lo -= 1
    if els[lo].role == "rownum":  # a numbered table: the row runs to the next number
        hi = i
        while cell(hi + 1, fields=True) and els[hi + 1].role != "rownum":
            hi += 1
        return [j for j in range(lo + 1, hi + 1)]
    start = i
    while cell(start - 1) and not dated[start - 1]:
        start -= 1
    end = i
    while cell(end + 1) and not dated[end + 1]:
        end += 1
    before = list(range(start, i))
    after = list(range(i + 1, end + 1))
    run_start = start
    while cell(run_start - 1):
        run_start -= 1
    if dated[run_start]:
        return [i, *after]
    return [*before, i] if before else [i, *after]


def _header(els: list[Element], i: int) -> str | None:
    """The column names above a table row, under the same heading."""
    for j in range(i - 1, max(-1, i - 1 - _LOOK_BACK), -1):
        e = els[j]
        if e.role == "header":
            k = j
            while k > 0 and els[k - 1].role == "header":
                k -= 1
            return " ".join(x.text for x in els[k:j + 1])
        if e.role in ("heading", "lead") or e.role == "paragraph" and len(e.text) > 60:
            return None
    return None


def _lead(els: list[Element], i: int) -> Element | None:
    """The nearest lead-in above ("…停水时间及区域:") under the same heading."""
    for e in reversed(els[max(0, i - _LOOK_BACK):i]):
        if e.role == "heading":
            return None
        if e.role == "lead" or e.text.endswith(":") and re.search(r"如下|以下|下列", e.text):
            return e
    return None


def _headings(els: list[Element], el: Element) -> list[Element]:
    out = []
    parent = el.parent
    while parent is not None:
        out.append(els[parent])
        parent = els[parent].parent
    return out


def _section(els: list[Element], el: Element) -> str | None:
    for heading in _headings(els, el):
        return _heading_name(heading.body)
    return None


_GENERIC_TAIL = re.compile(r"(?:(?:的|及|和|与|、)?(?:具体|影响|涉及)?(?:时间|日期|时段|期间|安排|事项|情况|范围|区域|地点|方式|"
                           r"要求|说明|信息|如下|以下))+[:]?$")


_WHEN_CLAUSE = re.compile(r"^[^,]{1,12}(?:期间|前后|之际),")


def _heading_name(body: str) -> str | None:
    """What a heading names once its generic tail is gone: '中秋节放假时间' names 中秋节放假,
    '封闭范围' and '施工时间' name nothing but what happens."""
    body = body.rstrip(":")
    if not _GENERIC_HEADING.search(body):
        return body
    name = _GENERIC_TAIL.sub("", body)
    # "春节放假期间,门诊具体安排如下": the clause saying when goes; the list below is about 门诊
    if (what := _WHEN_CLAUSE.sub("", name)) != name and what:
        return what
    return name if name != body and names_something(name) else None


def _window(els: list[Element], i: int, mentions: dict) -> tuple | None:
    """'停水时间为晚上20点到早上9点' above a table: hours with no date, shared by every row."""
    for e in reversed(els[max(0, i - _LOOK_BACK):i]):
        if e.role == "heading":
            return None
        for s in e.sentences:
            for m in mentions[id(s)]:
                if m.kind == "range" and all(u.date is None and u.time is not None for u in m.units):
                    return m.units[0], m.units[-1]
        if e.role == "lead":
            return None
    return None


def _place(f: Found, frame: Frame) -> str | None:
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


_SUBJECT_CUT = re.compile(r"[,;。]|(?<=.{16})、")
_GENERIC_HEADING = re.compile(r"(?:时间|日期|时段|期|地点|方式|对象|事项|电话|提醒|提示|要求|条件|范围|材料|流程|说明|渠道|"
                              r"标准|安排|信息|须知|依据|背景|目的|内容|办法|其他|措施|路线|如下|注意事项)[:]?$|时间|日期")


def _subject(els: list[Element], i: int, dated: list[bool]) -> str | None:
    """What a line's surroundings say it is about: a place field of its record ("检修线路:迎胜站
    10KV科山线"), the other cells of its row ("塔岭村、黄溪村"), the lines a lead-in announces."""
    el = els[i]
    if el.label and not place_field(el.label) and not time_field(el.label) and not _GENERIC_HEADING.search(el.label):
        return el.label  # "1.西区图书馆:" over its hours
    if el.role == "field" or "value" in el.tags:
        record = [e for e in _record(els, i) if e.index != i and not dated[e.index]]
        fields = [e for e in record if place_field(e.label, weak=False)] + \
            [e for e in record if place_field(e.label) and not place_field(e.label, weak=False)]
        fields += [e for e in _line_fields(el.text) if e]
        for e in fields:
            value = e.value if isinstance(e, Element) else e
            if value.strip():
                return _SUBJECT_CUT.split(value.strip())[0]
    for value in _line_fields(el.text):
        return _SUBJECT_CUT.split(value)[0]
    if i + 1 < len(els) and _LEAD_IN.search(el.sentences[-1].text) and not dated[i + 1]:
        # "定于…对以下区域暂停供气:" / "停气区域:涪城区临园路…": the places are in the lines below
        nxt = els[i + 1]
        if nxt.role in ("field", "item", "cell", "paragraph") and (nxt.role != "field" or place_field(nxt.label)):
            value = nxt.value.strip() or (els[i + 2].text if i + 2 < len(els) and "value" in els[i + 2].tags else "")
            return _SUBJECT_CUT.split(value)[0] or None
    below = []
    for e in els[i + 1:i + 6]:
        # "1.2026年1月30日至2月1日" / "停电线路:校内江夏线。": the fields under a numbered date are its record
        if e.role != "field" or e.level:
            break
        below.append(e)
    for strong in (True, False):
        for e in below:
            if place_field(e.label, weak=not strong) and e.value.strip():
                return _SUBJECT_CUT.split(e.value.strip())[0]
    if el.role == "item" and el.level >= 3:
        lead = _lead(els, i)
        topic = _lead_object(lead.text) if lead is not None else None
        if topic:
            return topic  # "现对…英语竞赛初赛及报名时间做如下调整:" over "1.报名截止时间由…调整至…"
    if el.role == "cell" or el.role == "item" and len(el.text) <= 40:
        for j in _row(els, i, dated):
            if j != i and not dated[j] and els[j].role != "rownum" and re.search(r"[\u4e00-\u9fa5]{2}", els[j].text) \
                    and not scan(els[j].text):  # a cell of hours ("下午14:00—17:30") names nothing
                return _SUBJECT_CUT.split(els[j].value.strip())[0]
    return None


def _backdrop(els: list[Element], kind: str) -> str | None:
    """Where a notice of sections ("一、封闭范围 / 二、封闭时间") says its item is: the first line
    under its place section, else the place in the lead's clause that names the deed ("将对连云港路、
    厦门街、上海路进行封闭施工")."""
    for n, el in enumerate(els):
        if el.role == "field" and el.level and place_field(el.label) and el.value.strip():
            return _SUBJECT_CUT.split(el.value.strip())[0][:40]  # "二、施工地点:友谊大街(…)路段"
        if el.role == "heading" and place_field(el.body.rstrip(":")):
            under = [e for e in els[n + 1:n + 8] if e.parent == el.index and e.role not in ("header", "rownum")]
            if under and under[0].role not in ("heading", "signature"):
                if under[0].role == "cell":  # a table of places: its first cells
                    cells = [e.text for e in under if e.role == "cell"][:3]
                    return "、".join(cells)[:40]
                first = under[0]
                # "新化路:永青小区北门至…": a field named after a place is that place
                text = first.text if first.label and not place_field(first.label) else first.value
                return _SUBJECT_CUT.split(text.strip())[0][:40] or None
    for el in els:
        if el.role in ("heading", "field", "cell", "item", "rownum", "header"):
            break
        if el.role not in ("paragraph", "lead"):
            continue
        for s in el.sentences:
            text = substance(s.text)
            for m in re.finditer(r"[^,;。:]+", text):
                if deed_of(kind, m.group()):
                    place = find_place(m.group())
                    if place:
                        return place
    return None


def _area(els: list[Element], el: Element) -> str | None:
    """The nearest heading above a line that names where or what it is: a heading on a line of its
    own ("容城县", "田安大桥"), one with a place ("(一)南山路路段"), or the label of a row of cells
    ("1、调查单位基本情况" / "101-1表" / "2月28号以前"). "二、报名工作" only says what part this is."""
    for heading in _headings(els, el):
        body = heading.body.rstrip(":")
        if not body or _GENERIC_HEADING.search(body) or re.match(r"^[\d\s]+$", body):
            continue
        if heading.level == 9 or find_place(body) or el.parent == heading.index and el.role == "cell":
            return body
    return None


_LEAD_IN = re.compile(r"(?:以下|如下|下列)[^,。;]{0,6}[:]?$|(?:以下|如下|下列)(?:区域|路段|范围|线路|地点|小区|单位)|"
                      r"(?:停水|停电|停气|停暖|封闭|管制|施工)[。;]?$")
_LEAD_OBJECT = re.compile(r"(?:对|将|就|把)([^,;。:]{2,40}?)(?:做|作|进行|实行|实施|予以|安排|调整|明确|公告|通知)[^,;。:]{0,8}(?:如下|以下)")


def _lead_object(text: str) -> str | None:
    """What a lead-in announces its list about: '现对2022年…英语竞赛初赛及报名时间做如下调整'."""
    m = _LEAD_OBJECT.search(substance(text))
    if not m:
        return None
    obj = re.sub(r"(?:的)?(?:有关|相关)?(?:时间|日期|事项|事宜|情况|工作|安排)+$", "", m.group(1)).strip()
    obj = re.sub(r"^(?:(?:19|20)\d{2}年(?:度)?)", "", obj)
    return obj if len(obj) >= 2 else None


@lru_cache(maxsize=256)
def _line_fields(line: str) -> tuple[str, ...]:
    """'检修线路:迎胜站10KV科山线。检修时间:6日…。影响范围:…': the place fields of one line (read
    once per line: a line of a thousand sentences is not read again for each of its items)."""
    out = []
    for sentence in re.split(r"(?<=[。;])", line):
        m = re.match(r"^\s*(?:\d{1,2}日\s*)?([^,:;。]{1,8}):\s*(.+)$", sentence)
        if m and place_field(m.group(1)):
            out.append(m.group(2).strip("。; "))
    return tuple(out)