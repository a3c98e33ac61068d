"""What an item is about across kinds (停水, 停电, 道路, 缴费 …), from cue words kept as data.

A water cut and a road closure are both closures; a resident follows 停水停电 or 缴费截止. The
category is read from the words of the item itself (its title, place and deed) first and from its
sentence and the notice's heading after, each cue weighted in categories.toml; no cue strong
enough gives "other".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .events import Category
from ..tables import load_table

_MIN_SCORE = 2.0
_MOST_TIMES = 2
_ORDER = {c: i for i, c in enumerate(Category)}  # a tie goes to the category listed first


@dataclass(frozen=True)
class _Table:
    regex: re.Pattern
    weights: dict[str, tuple[Category, float]]


@cache
def _table() -> _Table:
    data = load_table(__file__, "categories.toml")
    weights = {word: (Category(name), float(weight)) for name, table in data.items() for word, weight in table["cues"]}
    regex = re.compile("|".join(re.escape(w) for w in sorted(weights, key=len, reverse=True)))
    return _Table(regex, weights)


@lru_cache(maxsize=1024)  # the notice's heading and an item's sentence are read for each of its items
def _cues_in(text: str) -> tuple[tuple[Category, float], ...]:
    table = _table()
    words = table.regex.findall(text)
    if "路" in words:  # (bus routes and 网路 are no roads)
        for _ in _ROUTE_NUMBER.finditer(text):
            if "路" in words:
                words.remove("路")
    if len(set(words)) < len(words):
        # a cue counts twice at most: a list of roads an outage covers ("尚德路、西一路、…路段停电") is
        # still a power cut
        words = [w for i, w in enumerate(words) if words[:i].count(w) < _MOST_TIMES]
    return tuple(table.weights[w] for w in words)


# "2路、6路、k1路": bus routes, not roads; Taiwan's 網路 is the network, 杆路 a cable's poles
_ROUTE_NUMBER = re.compile(r"[0-9A-Za-z杆]路")


def category_of(own: tuple[str, ...], around: tuple[str, ...] = ()) -> Category:
    """The category whose cues weigh most in `own` (title, place, deed: full weight) and `around`
    (sentence, headings, the notice's heading: half weight)."""
    votes: dict[Category, float] = {}
    for texts, factor in ((own, 1.0), (around, 0.5)):
        for text in texts:
            for category, weight in _cues_in(text or ""):
                votes[category] = votes.get(category, 0.0) + weight * factor
    if not votes:
        return Category.OTHER
    best = max(votes, key=lambda c: (votes[c], -_ORDER[c]))
    return best if votes[best] >= _MIN_SCORE else Category.OTHER
