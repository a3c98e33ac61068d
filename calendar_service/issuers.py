"""Issuers: who issued a notice, written once however a notice spells it, so that one office is
one page and one feed (/issuers/焦作市住房和城乡建设局). Pure: strings in, names out; the words are
data (``issuers.toml``).

A notice names its issuer in its signature (the lines above its closing date, which the
extractor's layout marks: ``extract.layout.elements``), or in its heading ("山西博物院关于…的公告",
``extract.headings.issuer_of``); a source an operator follows may name one too (store/articles.py).
A name loses what is written around it (blanks, a seal "（盖章）", a label "发布单位：", a date
after it) and must end like an office, company or venue when read from a signature.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .extract.headings import issuer_of
from .extract.layout import elements
from .tables import load_table

_HAN = "\u4e00-\u9fff"
_NUM = "0-9〇零一二三四五六七八九十"
_DATE = (rf"(?:[{_NUM}]{{2,4}}\s*年\s*[{_NUM}]{{1,2}}\s*月\s*[{_NUM}]{{1,3}}\s*[日号]?"
         r"|\d{4}\s*[.\-/]\s*\d{1,2}\s*[.\-/]\s*\d{1,2})")
_SENTENCE = re.compile(r"[。;!?,:<>\"]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EDGES = " \t:;,.。、-—_·*#|"


@dataclass(frozen=True)
class _Rules:
    endings: re.Pattern
    seals: re.Pattern
    label: re.Pattern
    separators: re.Pattern
    shortest: int
    longest: int


@cache
def _rules() -> _Rules:
    data = load_table(__file__, "issuers.toml")

    def alternatives(words) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    return _Rules(
        endings=re.compile(f"(?:{alternatives(data['endings'])})$"),
        seals=re.compile(rf"[(\[【〔<]\s*(?:{alternatives(data['seals'])})\s*[)\]】〕>]"),
        label=re.compile(rf"^\s*(?:{alternatives(data['labels'])})\s*:\s*"),
        separators=re.compile(alternatives(unicodedata.normalize("NFKC", s) for s in data["separators"])),
        shortest=int(data["shortest"]), longest=int(data["longest"]))


def normalised(name: str | None, *, strict: bool = False) -> str | None:
    """``name`` as issuers are kept (one spelling per issuer), or None when it is no name.

    ``strict``: read from a signature, so it must end like an issuer (局, 公司, 支队 …)."""
    if not name:
        return None
    rules = _rules()
    text = _CONTROL.sub("", unicodedata.normalize("NFKC", name))
    text = rules.label.sub("", text)
    text = rules.seals.sub("", text)
    for _ in range(2):  # "2022年10月17日" before or after the name, perhaps both
        text = re.sub(rf"^\s*{_DATE}\s*|\s*{_DATE}\s*$", "", text).strip(_EDGES)
    text = re.sub(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])", "", text)  # "焦作市 住建局": blanks of OCR or layout
    text = " ".join(text.split()).strip(_EDGES)
    if not rules.shortest <= len(text) <= rules.longest or not re.search(f"[{_HAN}]", text):
        return None
    if _SENTENCE.search(text) or "/" in text or rules.separators.search(text):
        return None  # a sentence, or two names (names_in reads them apart)
    if strict and not rules.endings.search(text):
        return None
    return text


def names_in(line: str | None, *, strict: bool = True) -> list[str]:
    """The issuers one line names, in order, each once: "焦作市住房和城乡建设局、焦作市公安交通管理支队",
    or the same two set apart by blanks. ``strict``: as for ``normalised``; blanks then part two
    names only where each ends like an issuer ("焦作市 住房和城乡建设局" is one)."""
    if not line:
        return []
    found: list[str] = []
    for part in _rules().separators.split(unicodedata.normalize("NFKC", line)):
        pieces = part.split() if strict else [part]
        buffer = ""
        for piece in pieces:
            buffer = f"{buffer} {piece}".strip()
            name = normalised(buffer, strict=True)
            if name:
                found.append(name)
                buffer = ""
        name = normalised(buffer, strict=strict) if buffer else None
        if name:
            found.append(name)
    return list(dict.fromkeys(found))


def signed_by(text: str, start: int, end: int) -> list[str]:
    """Who signs ``text[start:end]`` (a notice or one article of a page): the names in its
    signature lines, as the extractor's layout marks them (``text``: as the extractor reads it,
    ``extract.normalise.analysis_text``)."""
    found: list[str] = []
    for element in elements(text, start, end):
        if element.role == "signature":
            found.extend(names_in(element.text))
    return list(dict.fromkeys(found))


def issuers_of(text: str, start: int, end: int, heading: str | None) -> tuple[str, ...]:
    """The issuers of ``text[start:end]``: who signs it, else whom its heading names
    ("山西博物院关于…的公告"); none for news, which nobody signs."""
    signed = signed_by(text, start, end)
    if signed:
        return tuple(signed)
    named = normalised(issuer_of(heading))
    return (named,) if named else ()
