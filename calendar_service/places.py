"""Places named in an item's location, normalised so that one road, village or district is one
place however a notice writes it ("龙源路与山阳路交叉口" and "山阳路龙源路口" are one junction under
both roads). Pure: strings in, place names out; the words are data (``places.toml``).

A location is cut at separators (与, 交叉口, 东侧 …), then each piece is read for names ending in
a place word (路, 大街, 村, 社区, 区 …): the shortest name before each ending, so "山阳路龙源路" is
two roads. A piece that names nothing is not a place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .tables import load_table

_HAN = "\u4e00-\u9fff"


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # road, village, district (places.toml)


@dataclass(frozen=True)
class _Rules:
    separators: re.Pattern
    endings: re.Pattern
    kinds: dict[str, tuple[str, int]]  # ending -> (kind, longest name before it)


@cache
def _rules() -> _Rules:
    data = load_table(__file__, "places.toml")
    separators = sorted(data["separators"], key=len, reverse=True)
    kinds = {ending: (kind, int(table["longest"])) for kind, table in data["kinds"].items()
             for ending in table["endings"]}
    endings = sorted(kinds, key=len, reverse=True)  # 大街 before 街 where both start
    return _Rules(re.compile("|".join(re.escape(s) for s in separators)),
                  re.compile("|".join(re.escape(e) for e in endings)), kinds)


def places_in(location: str | None) -> list[Place]:
    """The places a location names, in order, each once."""
    if not location:
        return []
    rules = _rules()
    found: dict[str, Place] = {}
    for piece in rules.separators.split(location):
        last = 0
        for match in rules.endings.finditer(piece):
            kind, longest = rules.kinds[match.group()]
            before = re.sub(f"[^{_HAN}]", "", piece[last:match.start()])[-longest:]
            last = match.end()
            if before:  # "路" alone is no road
                name = before + match.group()
                found.setdefault(name, Place(name, kind))
    return list(found.values())


def normalised(name: str) -> str | None:
    """A place name as the index keeps it (the one place a query names), or None if it is not one."""
    found = places_in(name.strip())
    return found[0].name if len(found) == 1 else None


def located_at(events, name: str) -> list:
    """The events whose location names the place ``name`` (a store query matched the text; this
    keeps 新龙源路 out of 龙源路)."""
    return [e for e in events if any(p.name == name for p in places_in(getattr(e, "location", None)))]
