"""The text the extractor reads, always the same length as the notice so every offset holds for both.

Notices come in traditional characters (運輸署, 停電, 時), with full-width digits, with "○" or "O"
written for zero (二○一六年) and with bullets that start the fields of a form. The extractor reads
one normalised spelling: traditional characters through OpenCC's t2s tables (a maintained
conversion table, not a hand list), full-width forms folded to ASCII, bullets turned into line ends.
Titles and places are cut from that text and given back the notice's own characters by
`restore`, so "運輸署" stays "運輸署" in a calendar.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from .numerals import fold_width
from .chars import HAN, runs_translated

# Bullets that start the fields of a form ("▲施工时间:…▲施工范围:…") end a line, like a newline;
# the bars of a table copied as text ("10月1日 |") separate cells, like a space.
_unbulleted = runs_translated(str.maketrans({**{ch: "\n" for ch in "▲△●■□◆◇★☆※•►▶"}, "|": " ", "｜": " "}))
_CN_DIGIT = "〇零一二三四五六七八九十"
# "二○一六年", "二O二二年", "二0一一年": a circle, a letter O or an Arabic 0 between Chinese numerals
# is a zero (an Arabic 0 only there, so "2011" and "10" are left alone)
_ZERO = re.compile(rf"(?=[○OoΟ◯0])(?:(?<=[{_CN_DIGIT}])[○OoΟ◯0](?=[{_CN_DIGIT}○OoΟ◯])|(?<=[{_CN_DIGIT}○OoΟ◯])[○OoΟ◯0](?=[{_CN_DIGIT}年]))")


@cache
def _t2s():
    import opencc  # noqa: PLC0415 - loaded on first use: most callers never meet a traditional text

    return opencc.OpenCC("t2s")


# Every character the t2s table changes, derived from OpenCC by scripts/traditional_chars.py (a
# test keeps the two in step). A notice with none of them is simplified already: OpenCC is not
# loaded for it (~8 ms of a one-shot `extract`; three notices in four are such).
TRADITIONAL_FILE = Path(__file__).with_name("traditional_chars.txt")
# the blocks whose characters OpenCC's tables hold: CJK and its extensions and compatibility forms
_CJK_BLOCKS = ((0x3000, 0x3100), (0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0xFF00, 0xFFF0),
               (0x20000, 0x2A6E0), (0x2A700, 0x2EBF0), (0x2F800, 0x2FA20))


@cache
def _traditional() -> frozenset[str]:
    return frozenset(TRADITIONAL_FILE.read_text("utf-8").strip())


def traditional_chars_of_opencc() -> str:
    """The characters t2s changes, one by one, in code-point order (what the file holds)."""
    converter = _t2s()
    return "".join(ch for lo, hi in _CJK_BLOCKS for ch in map(chr, range(lo, hi)) if converter.convert(ch) != ch)


def simplified(text: str) -> str:
    """Traditional characters to simplified, keeping the length (line by line, then per character,
    where a phrase table would change it)."""
    if text.isascii() or _traditional().isdisjoint(text):
        return text
    converter = _t2s()
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    lines = []
    for line in text.split("\n"):
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        lines.append(converted)
    return "\n".join(lines)


_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# "時(shí)間", "鎮zhèn適齡", "開(kai)(kai)放": pinyin glosses that a converter or a ruby layout left in the text
# (the lookahead first: where no bracket or letter starts, the scan moves on at once)
_PINYIN = re.compile(rf"(?=[(a-zü{_TONES}?])(?:(?:(?<={HAN})|(?<=\)))(?:\([a-zü]*[{_TONES}][a-zü]*\)|"
                     rf"[a-zü]*[{_TONES}][a-zü]*(?![a-z])|"
                     # a syllable without its tone in brackets between characters: "五臺(tai)山"
                     r"\((?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouü]{1,3}(?:ng|n|r)?\)(?=[^\W_A-Za-z]|[(,。]))"
                     # a gloss whose bracket a wrong decoding turned into "?": "休牧?xí)r間", "?bào)"
                     rf"|\?[a-zü]*[{_TONES}][a-zü]*\)[a-z]?)")


# "闭 馆", "图 书 馆", "日 期": a short line letter-spaced by the page's layout is one word
_LETTER_SPACED = re.compile(rf"^\s*{HAN}(?:[ \u3000]{{1,3}}{HAN}){{1,7}}\s*$")
# the letter-spaced lines of a whole text (a match may run over blank lines around one: each line
# it touches is checked alone)
_SPACED_LINE = re.compile(_LETTER_SPACED.pattern, re.MULTILINE)
# what a line needs to hold for either: a bracket, a space or a toned vowel (most lines have none,
# and this is checked far faster than the patterns)
_TONED = re.compile(f"[{_TONES}]")


@lru_cache(maxsize=1024)  # source_offset asks again for each item of a line
def _kept(line: str) -> tuple[int, ...] | None:
    """The columns of `line` that its compact form keeps (pinyin glosses and the spaces of a
    letter-spaced word out), or None when it keeps them all. Read width-folded, so the notice as
    shown and the text the extractor reads keep the same columns ("（kai）" is "(kai)")."""
    if not any(ch in line for ch in "(（ \u3000") and not _TONED.search(line):
        return None
    line = fold_width(line)
    if _LETTER_SPACED.match(line):
        lead = len(line) - len(line.lstrip())
        return tuple(i for i, ch in enumerate(line) if i < lead or not ch.isspace())
    if not _PINYIN.search(line):
        return None
    cut = set()
    for m in _PINYIN.finditer(line):
        cut.update(range(m.start(), m.end()))
    return tuple(i for i in range(len(line)) if i not in cut)


def _compacted(text: str) -> str:
    """Each line in its compact form, padded at its end so lengths hold (a character after a
    gloss moves left by the gloss's length; `source_offset` finds it in the notice again)."""
    folded = fold_width(text)
    # only the lines a gloss or a letter-spaced word touches are read one by one
    spans = [m.span() for m in _PINYIN.finditer(folded)] + [m.span() for m in _SPACED_LINE.finditer(folded)]
    if not spans:
        return text
    touched = set()
    for lo, hi in spans:
        first = text.count("\n", 0, lo)
        touched.update(range(first, first + text.count("\n", lo, hi) + 1))
    lines = text.split("\n")
    for n in touched:
        kept = _kept(lines[n])
        if kept is not None:
            lines[n] = "".join(lines[n][i] for i in kept) + " " * (len(lines[n]) - len(kept))
    return "\n".join(lines)


def source_offset(text: str, pos: int) -> int:
    """Where offset `pos` of the compact text falls in `text` itself: a piece's place in the
    notice as published, glosses and spaces and all."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    kept = _kept(line)
    if kept is None:
        return pos
    column = pos - line_start
    return line_start + (kept[column] if column < len(kept) else len(line))


def display_text(text: str) -> str:
    """The notice in its own characters, laid out as the analysis text is (glosses out), so a
    piece of one is found at the same offset in the other."""
    return _compacted(text)


# Spellings of one word that the word lists know in one form (same length, so offsets hold):
# Taiwan writes 訂於 (订于) where the mainland writes 定于
_VARIANT = {"订于": "定于"}
_VARIANTS = re.compile("|".join(_VARIANT))


# Dates that stamp the page, not the notice; the publication date they give is read elsewhere
# (published.py), never an item or a heading:
# "date 2026-01-06 水务署今(6日)宣布…": stamped before its text by the copy it came from;
# "…新增了 1 張相片。2016年12月22日上午9:57 · 休館公告": a social page's post time, set off by a dot;
# "关于临时闭馆的公告 2021-04-11 因展厅…": a listing's date after the notice's title, on one line
# (three patterns, each opening on what the scan finds fast: one alternation of them would be
# tried at every character)
_PAGE_STAMPS = (
    (None, re.compile(r"\A\s*date\s+\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*", re.IGNORECASE)),
    ("·", re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*(?:上午|下午|中午|晚上)\s*\d{1,2}:\d{2}\s*·")),
    # (the notice's title word stays)
    ("-", re.compile(r"(?P<titled>公告|通知|通告|启事|啟事|公示)\s+(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?=\s)"
                     r"(?!\s*(?:\d{1,2}:\d{2}|至|到|-|—|~))")),
)


# "延長至「114年4月30日(星期三)」止": a date set in quotes is read as if they were not there
_QUOTED_DATE = re.compile(r"「(\s*\d{1,4}\s*[年/.\-月][^「」]{1,24}?)」")


# "16月20日…;26月21日…": a list's number (or a circled ①) flattened onto the month it heads, read
# only where the two digits make no month
_LIST_NUMBER_ON_MONTH = re.compile(r"[1-9](?=(\d)月\d{1,2}[日号])")


def _list_number_apart(m: re.Match) -> str:
    if int(m.group() + m.group(1)) <= 12:
        return m.group()
    before = m.string[max(0, m.start() - 8):m.start()].rstrip(" \t")
    return " " if not before or before[-1] in ";。\n" else m.group()


def _blanked_stamp(m: re.Match) -> str:
    kept = m.groupdict().get("titled") or ""
    return kept + re.sub(r"[^\n]", " ", m.group()[len(kept):])


def analysis_text(text: str, shown: str | None = None) -> str:
    """The spelling the extractor reads: same length as `text`. `shown`, the notice's
    `display_text` where the caller has it already, saves reading its lines again (folding the
    compact text is compacting the folded one: both read each line folded)."""
    folded = fold_width(_compacted(text) if shown is None else shown)
    for sign, stamp in _PAGE_STAMPS:
        if sign is None or sign in folded:
            folded = stamp.sub(_blanked_stamp, folded)
    folded = _ZERO.sub("〇", folded)
    if "「" in folded:
        folded = _QUOTED_DATE.sub(lambda m: " " + m.group(1) + " ", folded)
    folded = _LIST_NUMBER_ON_MONTH.sub(_list_number_apart, folded)
    folded = _unbulleted(folded)
    return _VARIANTS.sub(lambda m: _VARIANT[m.group()], simplified(folded))


def unbullet(text: str) -> str:
    """Bullets to line ends; the length never changes, so offsets hold."""
    return _unbulleted(_ZERO.sub("〇", text))


def restore(piece: str, analysed: str, original: str) -> str:
    """`piece`, cut from `analysed`, in the characters of `original` (the same text before
    normalising). Runs of `piece` found in the analysed text take the original's characters at
    that place; what was written by the extractor (":" between subject and deed) stays."""
    if analysed == original or not piece:
        return piece
    out, i = [], 0
    while i < len(piece):
        lo, hi, at = 1, len(piece) - i, -1
        while lo <= hi:  # the longest run of piece[i:] that the analysed text holds
            mid = (lo + hi) // 2
            pos = analysed.find(piece[i:i + mid])
            if pos >= 0:
                at, size, lo = pos, mid, mid + 1
            else:
                hi = mid - 1
        if at < 0:
            out.append(piece[i])
            i += 1
            continue
        out.append(original[at:at + size])
        i += size
    return "".join(out)
