"""Which stored event a newly extracted item is: identity by matching, not by hashing.

A subscriber's calendar keeps an entry by its UID for the entry's whole life, so a UID is given
once, when an item is first seen, and carried by matching on every later extraction of the same
notice (an edit, ``ingest --force`` after the extractor improved, a desk upload). The extractor's
UID hashes the item's subject, which changes when a neighbouring sentence or a better extractor
changes the place; matching looks at what survives such changes:

- the **kind** must be the same (a different kind is a different calendar entry);
- the **source**: overlap of the source offsets, or (when text was inserted above and every offset
  moved) the similarity of the quoted sentence;
- the **subject**: similarity of the title or of the place;
- the **dates**: the same start, the same end, or at least overlapping days.

Pairs are chosen as the assignment with the largest total similarity (scipy's
``linear_sum_assignment`` where the best pairs compete), not first-come, so that two items of one sentence cannot steal each
other's UID; a pair below ``THRESHOLD`` is no match (an unrelated item of the same kind is a new
entry, and the old one is cancelled). The extractor's own UID only breaks ties between items
that are otherwise alike. Everything here is pure: no database, no clock.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

#: Weights of the three kinds of evidence (they sum to 1).
SOURCE, SUBJECT, DATES = 0.4, 0.3, 0.3
#: A pair scoring less is not the same item. An unrelated item of the same kind in the same notice
#: scores about 0.1-0.2 (shared words like 施工, 封闭); an item whose date alone was edited 0.6 or more.
THRESHOLD = 0.35
#: Added when the extractor derived the stored UID again: decides only between otherwise equal items.
SAME_UID = 0.01


class Grams(NamedTuple):
    counts: dict[str, int]
    total: int


@dataclass(frozen=True)
class Item:
    """What matching compares of an event, stored or newly extracted."""

    uid: str
    kind: str
    title: str
    location: str | None
    start: date | None
    end: date | None
    source_text: str
    source_start: int
    source_end: int
    _grams: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, columns: dict) -> Item:
        """An item from the stored form of an event (``changes.event_columns`` or a row's columns)."""
        return cls(columns["uid"], columns["kind"], columns["title"], columns["location"], columns["start_date"],
                   columns["end_date"], columns["source_text"], columns["source_start"], columns["source_end"])

    def grams(self, name: str) -> Grams:
        """Character bigrams of a text field, computed once per item (a notice compares each item
        with every stored one of its kind)."""
        found = self._grams.get(name)
        if found is None:
            found = self._grams[name] = bigrams(getattr(self, name) or "")
        return found


def bigrams(text: str) -> Grams:
    """Character bigrams: Chinese has no spaces, and a bigram survives an edit a few characters away."""
    text = "".join(text.split())
    found = Counter(text[i:i + 2] for i in range(len(text) - 1)) if len(text) >= 2 else Counter(text and [text])
    return Grams(dict(found), sum(found.values()))


def dice(a: Grams, b: Grams) -> float:
    """Dice's coefficient of two bigram multisets: 1 for the same text, 0 for nothing shared."""
    total = a.total + b.total
    if not total:
        return 0.0
    small, large = (a.counts, b.counts) if len(a.counts) <= len(b.counts) else (b.counts, a.counts)
    common = sum(min(n, large[g]) for g, n in small.items() if g in large)
    return 2 * common / total


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    """Intersection over union of two offset spans (0 when they do not meet)."""
    union = max(a_end, b_end) - min(a_start, b_start)
    common = min(a_end, b_end) - max(a_start, b_start)
    return common / union if union > 0 and common > 0 else 0.0


def date_score(new: Item, old: Item) -> float:
    """1 for the same days; half for each bound kept; a little for days that still overlap."""
    kept = 0.5 * (new.start == old.start) + 0.5 * (new.end == old.end)
    if kept:
        return kept
    return 0.25 if _days_meet(new, old) else 0.0


def _days_meet(a: Item, b: Item) -> bool:
    first_a, last_a = a.start or a.end, a.end or date.max
    first_b, last_b = b.start or b.end, b.end or date.max
    if first_a is None or first_b is None:
        return False
    return first_a <= last_b and first_b <= last_a


def similarity(new: Item, old: Item) -> float:
    """How surely ``new`` is the stored ``old`` (0 for different kinds)."""
    if new.kind != old.kind:
        return 0.0
    source = max(overlap(new.source_start, new.source_end, old.source_start, old.source_end),
                 dice(new.grams("source_text"), old.grams("source_text")))
    subject = dice(new.grams("title"), old.grams("title"))
    if new.location and old.location:
        subject = max(subject, dice(new.grams("location"), old.grams("location")))
    score = SOURCE * source + SUBJECT * subject + DATES * date_score(new, old)
    return score + SAME_UID * (new.uid == old.uid)


def match(new: Sequence[Item], old: Sequence[Item]) -> dict[int, int]:
    """The best assignment of new items to stored ones: {index in new: index in old}.

    Each kind is assigned on its own (items of different kinds never match); pairs under
    ``THRESHOLD`` are dropped, leaving those items unmatched.
    """
    pairs: dict[int, int] = {}
    for kind in {item.kind for item in new} & {item.kind for item in old}:
        rows = [i for i, item in enumerate(new) if item.kind == kind]
        cols = [j for j, item in enumerate(old) if item.kind == kind]
        scores = [[similarity(new[i], old[j]) for j in cols] for i in rows]
        for r, c in assign(scores):
            if scores[r][c] >= THRESHOLD:
                pairs[rows[r]] = cols[c]
    return pairs


def assign(scores: list[list[float]]) -> list[tuple[int, int]]:
    """(row, column) pairs maximising the total score.

    When every row's best column is a different column, those pairs are the answer (no assignment
    can beat the sum of the row maxima); the same for columns. That is the usual case (each item
    resembles its own old self most) and needs no solver; the rest goes to scipy.
    """
    rows, cols = len(scores), len(scores[0])
    best_col = [max(range(cols), key=row.__getitem__) for row in scores]
    if len(set(best_col)) == rows:
        return list(enumerate(best_col))
    best_row = [max(range(rows), key=lambda r, c=c: scores[r][c]) for c in range(cols)]
    if len(set(best_row)) == cols:
        return [(r, c) for c, r in enumerate(best_row)]
    from scipy.optimize import linear_sum_assignment  # imported when needed: 0.4 s a CLI run rarely pays

    chosen_rows, chosen_cols = linear_sum_assignment(scores, maximize=True)
    return list(zip(chosen_rows.tolist(), chosen_cols.tolist(), strict=True))


def unique_uid(uid: str, taken: set[str]) -> str:
    """``uid``, or ``uid`` with ``-2``, ``-3``… before its domain when it is taken."""
    if uid not in taken:
        return uid
    local, at, domain = uid.partition("@")
    n = 2
    while f"{local}-{n}{at}{domain}" in taken:
        n += 1
    return f"{local}-{n}{at}{domain}"
