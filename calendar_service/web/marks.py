"""Notice text as escaped HTML paragraphs with marked ranges (source sentences, date expressions).

Everything from a notice goes through ``markupsafe.escape``; the only markup added is ``<p>``,
``<br>``, ``<h3>`` for ``#`` heading lines and ``<mark>`` around ranges. Ranges are offsets into
the stored text (the extractor's source offsets, the date mentions found below), may overlap and
may cross paragraph breaks: each paragraph shows the part of each range inside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from ..extract.mentions import find_mentions
from ..extract.numerals import fold_width
from ..extract.segment import split_notices, split_sentences, unbullet

_PARAGRAPH = re.compile(r"\n[ \t\u3000]*\n\s*")
_HEADING = re.compile(r"#{1,6}[ \t\u3000]*")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str  # class of the <mark>: "src" (a source sentence) or "date"
    anchor: str | None = None  # id given to the first piece of the mark
    title: str | None = None


@dataclass(frozen=True)
class Block:
    html: Markup
    heading: bool


def blocks(text: str, marks: list[Mark] = (), start: int = 0, end: int | None = None) -> list[Block]:
    """Paragraphs of ``text[start:end]`` with ``marks`` drawn in them."""
    end = len(text) if end is None else end
    out: list[Block] = []
    started: set[int] = set()  # marks whose first piece (the one with the id) is out
    pos = start
    for gap in [*_PARAGRAPH.finditer(text, start, end), None]:
        stop = gap.start() if gap else end
        lo, hi = pos, stop
        while lo < hi and text[lo] in " \t\r\n\u3000":
            lo += 1
        while hi > lo and text[hi - 1] in " \t\r\n\u3000":
            hi -= 1
        heading = _HEADING.match(text, lo) if lo < hi else None
        if heading:  # a "# title" line: the heading alone, the lines under it a paragraph
            line_end = text.find("\n", lo, hi)
            line_end = hi if line_end < 0 else line_end
            out.append(Block(_render(text, heading.end(), line_end, marks, started), True))
            lo = line_end
            while lo < hi and text[lo] in " \t\r\n\u3000":
                lo += 1
        if lo < hi:
            out.append(Block(_render(text, lo, hi, marks, started), False))
        if gap is None:
            break
        pos = gap.end()
    return out


def _render(text: str, lo: int, hi: int, marks: list[Mark], started: set[int]) -> Markup:
    """text[lo:hi] escaped, with a ``<mark>`` per range: nested ranges nest as elements, and a range
    that crosses the end of another is closed and reopened around it (only its first piece has the id)."""
    inside = sorted((m for m in marks if m.start < hi and m.end > lo and m.end > m.start),
                    key=lambda m: (max(m.start, lo), -m.end))
    cuts = sorted({lo, hi, *(max(lo, m.start) for m in inside), *(min(hi, m.end) for m in inside)})
    out: list[str] = []
    stack: list[Mark] = []

    def open_(m: Mark) -> None:
        attrs = f' class="{m.css}"'
        if m.title:
            attrs += f' title="{escape(m.title)}"'
        if m.anchor and id(m) not in started:
            attrs += f' id="{escape(m.anchor)}"'
        started.add(id(m))
        out.append(f"<mark{attrs}>")
        stack.append(m)

    pending = list(inside)
    for a, b in zip(cuts, cuts[1:]):
        if any(m.end <= a for m in stack):
            reopen = []
            while any(m.end <= a for m in stack):
                m = stack.pop()
                out.append("</mark>")
                if m.end > a:
                    reopen.append(m)
            for m in reversed(reopen):
                open_(m)
        while pending and max(pending[0].start, lo) <= a:
            open_(pending.pop(0))
        out.append(str(escape(text[a:b])).replace("\r\n", "\n").replace("\n", "<br>"))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))


@lru_cache(maxsize=128)
def date_mentions(text: str) -> tuple[tuple[int, int], ...]:
    """Every date expression the extractor recognises in ``text``, as offsets into it.

    The same reading as extraction: width-folded text, notices and sentences mended across column
    breaks, then ``find_mentions`` per sentence, its offsets mapped back to the original text.
    """
    folded = unbullet(fold_width(text))
    found = []
    for notice in split_notices(folded):
        for sentence in split_sentences(folded, notice.start, notice.end):
            for mention in find_mentions(sentence.text):
                if mention.end > mention.start:
                    found.append((sentence.original_offset(mention.start),
                                  sentence.original_offset(mention.end - 1) + 1))
    return tuple(found)


def article_around(text: str, offset: int) -> tuple[str | None, int, int]:
    """(heading, start, end) of the article of a page that holds ``offset`` (the whole text if none)."""
    for notice in split_notices(unbullet(fold_width(text))):
        if notice.start <= offset < notice.end:
            return notice.heading, notice.start, notice.end
    return None, 0, len(text)


def sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence as the notice spells it) of every sentence of ``text``, read as
    extraction reads them: the desk offers them as the source of an item added by hand."""
    folded = unbullet(fold_width(text))
    return [(sentence.start, sentence.end, sentence.original_text(text))
            for notice in split_notices(folded) for sentence in split_sentences(folded, notice.start, notice.end)]
