"""The vocabularies in vocab.toml, compiled once."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Cue:
    label: str  # a kind, or "trap"
    pattern: str
    weight: float


@dataclass(frozen=True)
class Vocabulary:
    cues: tuple[Cue, ...]
    regex: re.Pattern  # one alternation over every cue, longest first
    by_group: tuple[Cue, ...]  # cue for each capture group, in group order


@cache
def vocabulary() -> Vocabulary:
    data = tomllib.loads(resources.files(__package__).joinpath("vocab.toml").read_text("utf-8"))
    cues = [Cue(kind, pattern, float(weight))
            for kind, table in data["kinds"].items() for pattern, weight in table["cues"]]
    cues += [Cue("trap", pattern, float(weight)) for pattern, weight in data["traps"]["cues"]]
    # longest first, so 交通管制 wins over 管制 at the same place
    ordered = sorted(cues, key=lambda c: len(c.pattern), reverse=True)
    regex = re.compile("|".join(f"({c.pattern})" for c in ordered))
    return Vocabulary(tuple(cues), regex, tuple(ordered))
