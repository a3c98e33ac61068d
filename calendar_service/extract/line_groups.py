"""Lines read together, once each line has a role of its own (layout.py): the lines under a label
alone are its value, numbered lines in a row are a list, column names over a table flattened one
cell per line are its header (and say whether a row starts with its date), the cells around a
dated one are its row, and a short bare line over what happens there is a heading.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .chars import outside
from .fields import place_field, time_field
from .places import find_place
from .timex import scan

if TYPE_CHECKING:
    from .layout import Element


def mark_values(els: list[Element]) -> None:
    """The lines after a label alone ("管制路段:") are its value, whatever their shape, up to the
    next label or heading. A short bare line followed by a label starts a new group ("雄县" /
    "考点安排:"), and numbered lines right after the label are the value's list."""
    for i, el in enumerate(els):
        if el.role != "field" or el.value.strip():
            continue
        numbered_run = True
        for j in range(i + 1, len(els)):
            nxt = els[j]
            after = els[j + 1] if j + 1 < len(els) else None
            if nxt.role in ("field", "signature", "chrome", "lead", "salutation"):
                break
            if nxt.role == "heading" and not (numbered_run and nxt.level < 9):
                break
            if nxt.role == "cell" and j > i + 1 and after is not None and after.role == "field" \
                    and len(nxt.text) <= 16 and not scan(nxt.text) and not re.search(r"[,、]", nxt.text):
                break
            numbered_run = numbered_run and nxt.role in ("heading", "item")
            nxt.tags.add("value")
            nxt.label = el.label
            if nxt.role == "heading":
                nxt.role = "item"


def mark_lists(els: list[Element]) -> None:
    """Numbered lines in a row ("1、文昌大街(…)" / "2、旅游路(…)") are a list, not headings."""
    for i, el in enumerate(els):
        if el.role != "heading" or el.level == 9 or el.body.endswith(":"):
            continue
        nxt = els[i + 1] if i + 1 < len(els) else None
        prev = els[i - 1] if i else None
        sibling = lambda other: other is not None and other.role in ("heading", "item") and other.level == el.level  # noqa: E731
        if sibling(nxt) and nxt.role == "item" or sibling(prev) and prev.role == "item" \
                or "value" in el.tags or prev is not None and prev.role == "lead" and sibling(nxt):
            el.role = "item"


HEADER_WORDS = re.compile(r"(?:时间|日期|时段|区域|范围|线路|名称|地点|序号|编号|路段|站点|小区|单位|村|内容|表号|备注|类别|事项|对象|户数|限期|期限)$")


def mark_headers(els: list[Element]) -> None:
    """Column names of a table flattened one cell per line ("停水日期 / 停水区域")."""
    for i, el in enumerate(els):
        if el.role != "cell" or scan(el.text):
            continue
        words = el.text.split()
        if all(HEADER_WORDS.search(w) and len(w) <= 8 for w in words) and (
                len(words) > 1 or i + 1 < len(els) and els[i + 1].role == "cell" and HEADER_WORDS.search(els[i + 1].text)
                or i and els[i - 1].role == "header" or _row_follows(els, i)):
            el.role = "header"
            if i and els[i - 1].role == "cell" and not scan(els[i - 1].text) and len(els[i - 1].text) <= 24:
                els[i - 1].role = "header"  # "符合申请资格的持有人 / 申请限期": the column before it
    _mark_header_tails(els)


def _mark_header_tails(els: list[Element]) -> None:
    """'日期 / 开、闭馆时间 / 开放功能室' over '10月1日—4日 / 闭馆': a header that starts with a
    date column runs on to the first dated cell, whatever its last column is called."""
    for i, el in enumerate(els):
        if el.role != "header" or i and els[i - 1].role == "header" or not _DATE_COLUMN.search(el.text):
            continue
        j = i + 1
        while j < len(els) and els[j].role == "header":
            j += 1
        k = j
        while k < len(els) and k - j < 3 and els[k].role == "cell" and not scan(els[k].text) \
                and len(els[k].text) <= 8 and not re.search(r"[,。;:、]", els[k].text):
            k += 1
        if j < k < len(els) and els[k].role == "cell" and scan(els[k].text):
            for e in els[j:k]:
                e.role = "header"


_DATE_COLUMN = re.compile(r"^(?:日期|时间|日期及时间|起止时间|停水时间|停电时间|施工时间|日\s*期)$")


def _row_follows(els: list[Element], i: int) -> bool:
    """A column name over rows of cells, one of them dated ("申请限期" / "1977年出生" / "9月20日至11月18日")."""
    below = els[i + 1:i + 3]
    return len(below) == 2 and all(e.role == "cell" for e in below) and any(scan(e.text) for e in below)


def mark_bare_headings(els: list[Element]) -> None:
    """A short line on its own ("田安大桥", "容城县") followed by what happens there is a heading."""
    for i, el in enumerate(els):
        if el.role != "cell" or scan(el.text) or len(el.text) > 16 or re.search(r"[,:]", el.text) \
                or "、" in el.text and not _places_only(el.text):
            continue  # ("天安门东站、天安门西站" heads its paragraph; "塔岭村、黄溪村" may be a row's cell)
        nxt = els[i + 1] if i + 1 < len(els) else None
        prev = els[i - 1] if i else None
        if nxt is None or nxt.role in ("signature", "chrome"):
            continue
        if "value" in el.tags:
            continue
        if prev is not None and prev.role == "cell" and scan(prev.text) and nxt.role not in ("field", "heading"):
            continue  # a row: "3月1日、3月5日 / 塔岭村、黄溪村"
        if nxt.role in ("paragraph", "field", "heading") or nxt.role == "item" and nxt.level >= 3:
            el.role, el.level = "heading", 9


def _places_only(text: str) -> bool:
    """'天安门东站、天安门西站': every part a place's whole name."""
    return all(find_place(part) == part for part in text.split("、"))


def date_column_first(els: list[Element], j: int) -> bool:
    """Whether the column names above line j ("日期 / 时间 / 涉及路段") put the date before the
    place: then a row's cells follow its date cell, whatever stands between header and rows."""
    names = []
    for e in reversed(els[max(0, j - 12):j]):
        if e.role == "header":
            names.append(e.text)
        elif names:
            break
    names.reverse()
    date_at = next((k for k, name in enumerate(names) if time_field(name)), None)
    place_at = next((k for k, name in enumerate(names) if place_field(name, weak=False)), None)
    return date_at is not None and place_at is not None and date_at < place_at


_BULLET = re.compile(r"^\s*[•·\-*]\s*")
# what may stand between the dates of a line that says nothing else: "10月3日 (星期五)", "…至…"
_RESIDUE = re.compile(r"[\s()\[\]、,.;:。~\-—–至到起止前星期周一二三四五六日天\|]")


def only_dates(text: str, dated: list) -> bool:
    """Whether `text` holds nothing but its time expressions `dated` (mentions or tokens, in order)."""
    return not _RESIDUE.sub("", outside(text, ((d.start, d.end) for d in dated)))


def bullet_below(els: list[Element], i: int) -> str | None:
    """The bullet (or the bare line) naming a place under a line that is a span and nothing else:
    Macao's "本年5月1日上午10时至5日晚上8时" over "• 介乎…之间一段非利喇街" is about that stretch."""
    below = els[i + 1] if i + 1 < len(els) else None
    if below is None or not (_BULLET.match(below.text) or below.role == "paragraph") or scan(below.text) \
            or not find_place(below.text):
        return None
    return _BULLET.sub("", below.text) if only_dates(els[i].text, scan(els[i].text)) else None


_ROW_ROLES = {"cell", "item", "rownum", "paragraph"}


def row_of(els: list[Element], i: int, dated: list[bool]) -> list[int]:
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
    while cell(end + 1) and (not dated[end + 1] or end == i and all(t.form == "time" for t in scan(els[end + 1].text))):
        end += 1  # (past the hours cell of a date-first row: "2月9日 / 凌晨1时30分至5时30分 / 小贩巷")
    before = list(range(start, i))
    after = [j for j in range(i + 1, end + 1) if not dated[j]]
    run_start = start
    while cell(run_start - 1):
        run_start -= 1
    if dated[run_start] or date_column_first(els, run_start):
        return [i, *after]
    return [*before, i] if before else [i, *after]


def numbered(el: Element) -> bool:
    """A list's numbered line ("2、滨海休闲带西段即日起关闭"), which says its own subject."""
    return el.role == "item" and el.body != el.text
