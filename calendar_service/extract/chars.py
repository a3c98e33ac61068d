"""Character classes the extractor's patterns share, and translating characters by a table.

Spelt as a range of Chinese characters (``[\\u4e00-\\u9fa5]``), a class costs the regular-expression
compiler about 1.5 ms for every use in every pattern, in every process: some fifty uses made the
command line spend ~70 ms before it read a notice (``calendar-service extract`` runs once per
file). Written through Unicode categories the same letters compile at once. They read a little
wider, any letter that is not ASCII (kana, accented Latin, the rare characters of CJK extension
A), which Chinese notices do not tell apart.
"""
from __future__ import annotations

import re
from collections.abc import Callable
HAN = r"[^\W\d_A-Za-z]"  # a Chinese character: a letter that is no ASCII letter
NAME_CHAR = r"(?:[^\W_]|·)"  # a character of a name: Chinese, ASCII letters and digits, the middle dot
NAME_START = r"[^\W\d_]"  # the first character of a name: a letter, Chinese or ASCII


def outside(text: str, spans) -> str:
    """`text` without the stretches `spans` covers ((start, end) pairs in order, overlaps allowed)."""
    pos, kept = 0, []
    for start, end in spans:
        kept.append(text[pos:start])
        pos = max(pos, end)
    kept.append(text[pos:])
    return "".join(kept)


def runs_translated(table: dict[int, int | str]) -> Callable[[str], str]:
    """`str.translate` by `table`, applied only to the runs of characters the table maps:
    `translate` looks every character of a notice up, two to six times slower where most
    characters are Chinese and few are mapped."""
    runs = re.compile("[" + re.escape("".join(map(chr, table))) + "]+")
    return lambda text: runs.sub(lambda m: m.group().translate(table), text)
