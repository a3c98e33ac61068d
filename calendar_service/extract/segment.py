"""A document into notices, and notices into sentences, with offsets into the original text.

Newspaper pages arrive as OCR text: `#` headings start articles, columns break paragraphs in the
middle of a sentence ("…进行了深\\n\\n入研究"), and signatures (issuing offices, then a date line)
close official notices. Sentences are mended across such breaks; offsets still point into the
original text so a source sentence can be highlighted where it stands.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^#{1,6}\s*(?P<title>.+?)\s*#*\s*$")
_TITLE_LINE = re.compile(
    r"^(?![一二三四五六七八九十]+、|\d+[.、]|\(|特此|此致|现予|现将)(?!.*[。;!?,])(?:关于)?.{2,60}?(?:公告|通告|通知|公示|启事|提示|告知书|告示|说明|安排)"
    r"\s*(?:[(（]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）]|第\s*\S{1,4}\s*[期号])?\s*$")
_FIRST_LINE_TITLE = re.compile(r"^[^。;!?,:]{4,40}$")
# "| 停电时间 | 停电线路 | 停电范围 |" (its bars read as blanks), cells apart by tabs or runs of blanks
# (cells of two characters or more: "停  水  通  知" is a letter-spaced title, "首页  >  通知公告" a breadcrumb)
_TABLE_ROW = re.compile(r"^\|.*\||^[^\t| ]{2,}(?:(?:\t+| {2,})[^\t| ]{2,}){2,}$")
_END_PUNCT = "。!?;:：”」』)）…、>》"
_SENTENCE_END = re.compile(r"[。!?;！？；]")
_MIN_BROKEN_LINE = 24  # column breaks cut long paragraph lines; short lines are headings or bylines


# Bullets that start the fields of a form ("▲施工时间:…▲施工范围:…") end a line, like a newline.
_BULLETS = str.maketrans({ch: "\n" for ch in "▲△●○■□◆◇★☆※•"})


def unbullet(text: str) -> str:
    """Bullets to line ends; the length never changes, so offsets hold."""
    return text.translate(_BULLETS)


@dataclass
class Notice:
    heading: str | None
    start: int  # offsets of the body (after the heading line)
    end: int


@dataclass
class Sentence:
    text: str  # mended: column breaks removed
    start: int  # span in the original text
    end: int
    breaks: tuple[tuple[int, int], ...] = ()  # (position in mended text, characters removed there)
    starts_line: bool = False  # first sentence of its paragraph

    def original_text(self, original: str) -> str:
        """The sentence as the document spells it (full-width digits and all), breaks mended."""
        pieces, pos = [], self.start
        for at, removed in self.breaks:
            cut = self.original_offset(at) - removed
            pieces.append(original[pos:cut])
            pos = cut + removed
        pieces.append(original[pos:self.end])
        return "".join(pieces)

    def original_offset(self, pos: int) -> int:
        """Offset in the document of position `pos` of the mended sentence."""
        shift = sum(removed for at, removed in self.breaks if at <= pos)
        return self.start + pos + shift


def split_notices(text: str) -> list[Notice]:
    """Articles by headings (markdown `#` or a title line such as ……公告); one notice if none."""
    notices: list[Notice] = []
    heading, body_start = None, 0
    pos = 0
    first = True
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        m = _HEADING.match(stripped)
        title = m.group("title") if m else (stripped if _TITLE_LINE.match(stripped) else None)
        if first and stripped and not title and not notices and _FIRST_LINE_TITLE.match(stripped) \
                and not is_table_row(stripped):
            title = stripped  # a document's short first line is its title (a table's header row is none)
        first = first and not stripped
        if title and not m and _title_goes_on(text[body_start:pos], heading):
            # "关于友谊大街(阿尔丁大街-昆河南桥)段" / "道路封闭施工的通告": a title set on two lines
            heading, body_start = text[body_start:pos].strip() + title, pos + len(line)
        elif title:
            if text[body_start:pos].strip() or heading:
                notices.append(Notice(heading, body_start, pos))
            heading, body_start = title, pos + len(line)
        pos += len(line)
    notices.append(Notice(heading, body_start, len(text)))
    return [n for n in notices if n.heading or text[n.start:n.end].strip()]


def is_table_row(line: str) -> bool:
    """A table's row copied as a line: its cells apart by bars, tabs or runs of blanks."""
    return bool(_TABLE_ROW.match(line.strip()))


def _title_goes_on(body: str, heading: str | None) -> bool:
    """Is the one line read since the heading the first half of the title that ends now?"""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    return len(lines) == 1 and len(lines[0]) <= 30 and lines[0].startswith("关于") \
        and not re.search(r"[。;!?,:]", lines[0])


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences of text[start:end]: split at sentence punctuation and hard line ends."""
    sentences: list[Sentence] = []
    parts: list[str] = []
    breaks: list[tuple[int, int]] = []
    s_start = None
    length = 0
    prev_line = ""
    for m in re.finditer(r"[^\n]*\n|[^\n]+$", text[start:end]):
        line = m.group()
        line_start = start + m.start()
        stripped = line.strip()
        if not stripped:
            continue
        if s_start is not None and not _continues(prev_line, stripped):
            sentences.extend(_cut(text, s_start, parts, breaks))
            parts, breaks, s_start, length = [], [], None, 0
        if s_start is None:
            s_start = line_start + (len(line) - len(line.lstrip()))
            piece = line.strip()
        else:
            gap_end = line_start + (len(line) - len(line.lstrip()))
            removed = gap_end - (s_start + length + sum(r for _, r in breaks))
            breaks.append((length, removed))
            piece = line.strip()
        parts.append(piece)
        length += len(piece)
        prev_line = stripped
    if s_start is not None:
        sentences.extend(_cut(text, s_start, parts, breaks))
    return sentences


def _continues(prev: str, line: str) -> bool:
    """Is `line` the rest of a paragraph that a newspaper column cut off after `prev`?

    Lines of a form ("停电时间:…", "一、…", "▲…") each stand alone, however long; a line that
    ends on a range's connector ("…4月12日至") goes on in the next, however short."""
    if _OPEN_RANGE.search(prev) and not line.startswith("#"):
        return True
    return (len(prev) >= _MIN_BROKEN_LINE and prev[-1] not in _END_PUNCT
            and not line.startswith("#") and not _HEADING.match(line)
            and not _FIELD.match(line) and not _FIELD.match(prev)
            and not _DATED_ROW.match(line) and not _COLUMNS.search(prev) and not _CLAUSE_DONE.search(prev)
            and not _PAGE_TIME.search(prev) and not _WORD_COUNT.match(line))


# a line of a list that ends on what happens ("…口腔科、康复科正常开诊" over "中医科除夕…休息"): a
# column that breaks a paragraph seldom breaks it right after its verb
_CLAUSE_DONE = re.compile(r"(?:开诊|停诊|出诊|休息|休诊|开放|闭馆|开馆|营业|停水|停电|停气|封闭|施工|暂停|照常|正常|截止|结束|恢复)$")
_OPEN_RANGE = re.compile(r"(?:\d|[日号时分])\s*(?:至|到|—|–|-|~)$")
# "社会热点2023-03-20 15:31:25佚名": a page's time (and a name) ends its line; a notice's own ISO time
# goes on with what happens then ("定于2024-05-10 08:00开始对…停")
_PAGE_TIME = re.compile(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s*\S{0,6}$")
_WORD_COUNT = re.compile(r"本文共\s*\d+\s*字$")  # a page's count of the article's characters, under its title
_DATED_ROW = re.compile(r"^\d{4}\s*[-./年]")  # a row of a schedule starts with its date
_COLUMNS = re.compile(r"\S\s{1,}\S+\s{1,}\S")  # CJK prose has no spaces; a line with gaps is a table row
_FIELD = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}[.、](?!\d)|\(\w{1,2}\)|[▲△●○■□◆◇★☆※·•\-*]|"
                    r"[^,。:;]{1,10}:)")


def _cut(text: str, s_start: int, parts: list[str], breaks: list[tuple[int, int]]) -> list[Sentence]:
    joined = "".join(parts)
    out = []
    begin = 0
    for m in _SENTENCE_END.finditer(joined):
        out.append(_sentence(joined, begin, m.end(), s_start, breaks))
        begin = m.end()
    if joined[begin:].strip():
        out.append(_sentence(joined, begin, len(joined), s_start, breaks))
    if out:
        out[0].starts_line = True
    return out


def _sentence(joined: str, lo: int, hi: int, s_start: int, breaks) -> Sentence:
    raw = joined[lo:hi]
    lead = len(raw) - len(raw.lstrip())
    lo += lead
    raw = raw.strip()
    before = sum(r for at, r in breaks if at <= lo)
    inner = tuple((at - lo, r) for at, r in breaks if lo < at < hi)
    start = s_start + lo + before
    end = start + len(raw) + sum(r for _, r in inner)
    return Sentence(raw, start, end, inner)
