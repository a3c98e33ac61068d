"""The vocabularies in vocab.toml, compiled once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..tables import load_table


NEUTRAL = "neutral"  # a name that holds a cue word and is not one ("活动中心", "考试院")
REPORT = "report"  # a trap only for the dates before it ("12月3日讯"), not for what is reported after it


@dataclass(frozen=True)
class Cue:
    label: str  # a kind, "trap" or REPORT
    pattern: str
    weight: float


@dataclass(frozen=True)
class Vocabulary:
    cues: tuple[Cue, ...]
    # One alternation over every cue, longest first and without capture groups: the regex engine
    # scans a group-free alternation of literals some hundred times faster than one with groups.
    regex: re.Pattern
    literal: dict[str, Cue]
    patterned: tuple[tuple[re.Pattern, Cue], ...]
    utility: re.Pattern  # a supply whose stop is an outage
    shadowed: frozenset[str]  # literal words that a pattern also reads, more narrowly

    def cue_for(self, matched: str) -> Cue:
        return self.cue_at(matched, 0, len(matched))

    def cue_at(self, text: str, start: int, end: int) -> Cue:
        """The entry that matched text[start:end] (a pattern may look behind its first character: "讯(?<=日讯)")."""
        cue = self.literal.get(text[start:end])
        if cue is None or cue.pattern in self.shadowed:
            # a pattern is the narrower entry where it matches the same word ("公布(?<=今日公布)"
            # is news of an announcement; "公布" alone, results to be published)
            cue = next((c for rx, c in self.patterned if (m := rx.match(text, start)) and m.end() == end), cue)
        return cue


@cache
def vocabulary() -> Vocabulary:
    data = load_table(__file__, "vocab.toml")
    cues = [Cue(kind, pattern, float(weight))
            for kind, table in data["kinds"].items() for pattern, weight in table["cues"]]
    cues += [Cue("trap", pattern, float(weight)) for pattern, weight in data["traps"]["cues"]]
    cues += [Cue(REPORT, pattern, float(weight)) for pattern, weight in data["reports"]["cues"]]
    cues += [Cue(NEUTRAL, word, 0.0) for word in data["neutral"]["words"]]
    # longest first, so 交通管制 wins over 管制 at the same place
    ordered = sorted(cues, key=lambda c: len(c.pattern), reverse=True)
    regex = re.compile("|".join(c.pattern for c in ordered))
    literal = {c.pattern: c for c in reversed(ordered) if re.escape(c.pattern) == c.pattern}
    patterned = tuple((re.compile(c.pattern), c) for c in ordered if c.pattern not in literal)
    utility = re.compile("|".join(map(re.escape, data["utility"]["nouns"])))
    # (each pattern's beginnings looked up among the words: every word against every pattern was
    # ten thousand comparisons a run)
    shadowed = frozenset(c.pattern[:k] for _, c in patterned for k in range(1, len(c.pattern) + 1)
                         if c.pattern[:k] in literal)
    return Vocabulary(tuple(cues), regex, literal, patterned, utility, shadowed)
