"""What the label of a notice's field says its value is: where (停电线路, 影响范围), what (展览名称,
工作内容), when (停电时间) or whom to call (联系电话). The words are data, in layout.toml's
[fields]; kept apart from layout.py so the line groups that read a table's header can ask too.
"""
from __future__ import annotations

from functools import cache

from ..tables import load_table


@cache
def _fields() -> dict[str, tuple[str, ...]]:
    data = load_table(__file__, "layout.toml")["fields"]
    return {name: tuple(data[name]) for name in ("place", "subject", "time", "contact")}


def place_field(label: str | None, weak: bool = True) -> bool:
    """Does a field's label say where (停电线路, 影响范围), or with `weak` what (展览名称, 工作内容)?"""
    ends = _fields()["place"] + (_fields()["subject"] if weak else ())
    return bool(label) and label.endswith(ends) and not label.endswith(_fields()["contact"])


def time_field(label: str | None) -> bool:
    return bool(label) and label.endswith(_fields()["time"])
