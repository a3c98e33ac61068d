"""What a line of a notice inherits from the notice's structure: the rest of its row or record, the
table header or lead-in above it, its headings, and what they name (its subject, its area, the
place the notice's works are in). assemble.py asks; nothing here reads dates."""
from __future__ import annotations

import re
from functools import lru_cache

from .classify import deed_of
from .clauses import substance
from .fields import place_field, time_field
from .layout import Element
from .line_groups import bullet_below, numbered, row_of
from .places import find_place
from .timex import scan
from .titles import HOLIDAY_NAME, names_something
from .chars import HAN

# how far up a line looks for its lead-in, table header or caption: they stand just above a list
# or a table, and a page of thousands of lines must not make each line read all those above it
LOOK_BACK = 60


def siblings_of(els: list[Element], i: int, dated: list[bool]) -> str:
    """The rest of a row or a record: the cells or fields around a dated line that have no date."""
    el = els[i]
    if el.role == "field" or "value" in el.tags:
        return " ".join(e.text for e in _record(els, i) if e.index != i and not dated[e.index])
    if el.role not in ("cell", "item", "paragraph") or len(el.text) > 60:
        return ""
    row = [j for j in row_of(els, i, dated) if j != i and not dated[j]]
    if not row and el.role == "cell":
        row = _merged_cells(els, i, dated)
    return " ".join(els[j].text for j in row)


def _merged_cells(els: list[Element], i: int, dated: list[bool]) -> list[int]:
    """A table row that is its date alone right after a row with cells: in the table the cells
    were merged over both rows, and a copy as text keeps them once, in the first row."""
    j = i - 1
    while j >= 0 and els[j].role == "cell" and not dated[j]:
        j -= 1
    if j < 0 or j == i - 1 or els[j].role != "cell" or els[j].parent != els[i].parent:
        return []
    return [k for k in row_of(els, j, dated) if k != j and not dated[k]]


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


def header_of(els: list[Element], i: int) -> str | None:
    """The column names above a table row, under the same heading."""
    for j in range(i - 1, max(-1, i - 1 - LOOK_BACK), -1):
        e = els[j]
        if e.role == "header":
            k = j
            while k > 0 and els[k - 1].role == "header":
                k -= 1
            return " ".join(x.text for x in els[k:j + 1])
        if e.role in ("heading", "lead") or e.role == "paragraph" and len(e.text) > 60:
            return None
    return None


def lead_of(els: list[Element], i: int) -> Element | None:
    """The nearest lead-in above ("…停水时间及区域:") under the same heading."""
    for e in reversed(els[max(0, i - LOOK_BACK):i]):
        if e.role == "heading":
            return None
        if e.role == "lead" or e.text.endswith(":") and re.search(r"如下|以下|下列", e.text):
            return e
    return None


def headings_of(els: list[Element], el: Element) -> list[Element]:
    out = []
    parent = el.parent
    while parent is not None:
        out.append(els[parent])
        parent = els[parent].parent
    return out


def section_of(els: list[Element], el: Element) -> str | None:
    for heading in headings_of(els, el):
        return _heading_name(heading.body)
    return None


_GENERIC_TAIL = re.compile(r"(?:(?:的|及|和|与|、)?(?:具体|影响|涉及)?(?:时间|日期|时段|期间|安排|事项|情况|范围|区域|地点|方式|"
                           r"要求|说明|信息|如下|以下))+[:]?$")


_WHEN_CLAUSE = re.compile(r"^[^,]{1,12}(?:期间|前后|之际),")


def _heading_name(body: str) -> str | None:
    """What a heading names once its generic tail is gone: '中秋节放假时间' names 中秋节放假,
    '封闭范围' and '施工时间' name nothing but what happens."""
    body = body.rstrip(":")
    if not GENERIC_HEADING.search(body):
        return body
    name = _GENERIC_TAIL.sub("", body)
    # "春节放假期间,门诊具体安排如下": the clause saying when goes; the list below is about 门诊
    if (what := _WHEN_CLAUSE.sub("", name)) != name and what:
        return what
    return name if name != body and (names_something(name) or _NAMED_TIME.search(name)) else None


# "寒假假期安排" names the winter break, though 假期 and 放假 are only the words of its kind
_NAMED_TIME = re.compile(rf"{HOLIDAY_NAME.pattern}|寒假|暑假")


_SUBJECT_CUT = re.compile(r"[,;。]|(?<=.{16})、")
GENERIC_HEADING = re.compile(r"(?:时间|日期|时段|期|地点|方式|对象|事项|电话|提醒|提示|要求|条件|范围|材料|流程|说明|渠道|"
                              r"标准|安排|信息|须知|依据|背景|目的|内容|办法|其他|措施|路线|如下|注意事项)[:]?$|时间|日期")


def subject_of(els: list[Element], i: int, dated: list[bool]) -> str | None:
    """What a line's surroundings say it is about: a place field of its record ("检修线路:迎胜站
    10KV科山线"), the other cells of its row ("塔岭村、黄溪村"), the lines a lead-in announces."""
    el = els[i]
    if el.label and not place_field(el.label) and not time_field(el.label) and not GENERIC_HEADING.search(el.label):
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
    if el.role in ("cell", "paragraph") and (bullet := bullet_below(els, i)) is not None:
        return _SUBJECT_CUT.split(bullet)[0]
    if i + 1 < len(els) and _LEAD_IN.search(el.sentences[-1].text) and not _MATTERS.search(el.sentences[-1].text) \
            and not dated[i + 1]:
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
        lead = lead_of(els, i)
        topic = _lead_object(lead.text) if lead is not None else None
        if topic:
            return topic  # "现对…英语竞赛初赛及报名时间做如下调整:" over "1.报名截止时间由…调整至…"
    if el.role == "cell" or el.role == "item" and len(el.text) <= 40:
        for j in row_of(els, i, dated):
            if j != i and not dated[j] and els[j].role != "rownum" and re.search(HAN + "{2}", els[j].text) \
                    and not scan(els[j].text) and not (numbered(el) and numbered(els[j])):
                # (a cell of hours, "下午14:00—17:30", names nothing; nor does the next numbered
                # item of a list, "3、云之园书吧…暂时关闭", which says its own)
                return _SUBJECT_CUT.split(els[j].value.strip())[0]
    return None


def backdrop_of(els: list[Element], kind: str) -> str | None:
    """Where a notice of sections ("一、封闭范围 / 二、封闭时间") says its item is: the first line
    under its place section, else the place in the lead's clause that names the deed ("将对连云港路、
    厦门街、上海路进行封闭施工")."""
    for n, el in enumerate(els):
        if el.role == "field" and el.level and place_field(el.label) and el.value.strip():
            return _SUBJECT_CUT.split(el.value.strip())[0][:40]  # "二、施工地点:友谊大街(…)路段"
        if el.role == "heading" and place_field(el.body.rstrip(":")):
            under = [e for e in els[n + 1:n + 8] if e.parent == el.index and e.role not in ("header", "rownum")]
            # (a numbered line under it may read as a heading: "(一)椒乡大街戎新路口北向南禁止直行")
            if under and under[0].role != "signature" and (under[0].role != "heading" or find_place(under[0].body)):
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


def area_of(els: list[Element], el: Element) -> str | None:
    """The nearest heading above a line that names where or what it is: a heading on a line of its
    own ("容城县", "田安大桥"), one with a place ("(一)南山路路段"), or the label of a row of cells
    ("1、调查单位基本情况" / "101-1表" / "2月28号以前"). "二、报名工作" only says what part this is."""
    for heading in headings_of(els, el):
        body = heading.body.rstrip(":")
        if not body or GENERIC_HEADING.search(body) or re.match(r"^[\d\s]+$", body):
            continue
        if heading.level == 9 or find_place(body) or el.parent == heading.index and el.role == "cell":
            return body
    return None


_LEAD_IN = re.compile(r"(?:以下|如下|下列)[^,。;]{0,6}[:]?$|(?:以下|如下|下列)(?:区域|路段|范围|线路|地点|小区|单位)|"
                      r"(?:停水|停电|停气|停暖|封闭|管制|施工)[。;]?$")
# "现将有关事项公告如下:": what follows is what residents should know, not where
_MATTERS = re.compile(r"(?:事项|事宜|情况|规定|要求|措施|注意事项)[^,。;]{0,6}(?:如下|以下)[:]?$")
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