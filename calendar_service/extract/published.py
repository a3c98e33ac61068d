"""Infer a document's publication date when the caller does not give one."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .numerals import fold_width
from .timex import scan

_DATELINE = re.compile(r"(?:发布时间|发布日期|发布于|发稿时间|发稿日期|发表日期|日期|时间|发文日期|成文日期)\s*[:]?\s*$")


@dataclass(frozen=True)
class PublishedGuess:
    date: date
    reason: str


def infer_published(text: str) -> PublishedGuess | None:
    """Signature date (a line that is only a date), else a labelled dateline, else an early date."""
    folded = fold_width(text)
    signature = None
    for line in folded.splitlines():
        day = _only_date(line.strip())
        if day:
            signature = day
    if signature:
        return PublishedGuess(signature, "the signature date")
    head = folded[:400]
    for tok in scan(folded):
        d = _full(tok)
        if d and _DATELINE.search(folded[max(0, tok.start - 10):tok.start]):
            return PublishedGuess(d, "the dateline")
    for tok in scan(head):
        d = _full(tok)
        if d:
            return PublishedGuess(d, "the first full date near the top")
    return None


def _only_date(line: str) -> date | None:
    if not line or len(line) > 24:
        return None
    toks = scan(line)
    if len(toks) != 1 or toks[0].start > 0 or line[toks[0].end:].strip(" ()星期一二三四五六日天"):
        return None
    return _full(toks[0])


def _full(tok) -> date | None:
    if tok.form != "full" or tok.year is None:
        return None
    try:
        return date(tok.year, tok.month, tok.day)
    except ValueError:
        return None


def is_signature_line(sentence: str) -> bool:
    return _only_date(sentence.strip()) is not None


def is_dateline(sentence: str, whole_line: bool) -> bool:
    """'泉州市医疗保障局 2023-10-30', '长沙晚报 2023年11月1日 星期三 A04': who and when, not what."""
    line = sentence.strip()
    if not whole_line or re.search(r"[,。;:]|至|到|~", line) or _NUMBERED.match(line):
        # ("2.2026年2月2日(星期一)" heads an item of a list; "2024年4月18日22时至2024年4月24日8时"
        # under "升级时间:" is a span)
        return False
    dates = [tok for tok in scan(line) if _full(tok)]
    # a paper's page line may run longer ("浙江日报 人文·好学 00014 杭州启动高考动员 2015-06-01 3900645 2
    # 2015年06月01日 星期一"), but then it closes on the year-full date with its weekday
    if len(line) > 40 and not (len(line) <= 90 and dates and _WEEKDAY_END.search(line)):
        return False
    # the date closes the line, or only the weekday and the page follow it ("星期三 A04 教育")
    return bool(dates) and not _CUE_WORD.search(line) and bool(_AFTER_DATELINE.match(line[dates[-1].end:]))


_NUMBERED = re.compile(r"^\s*(?:\d{1,2}\s*[.、](?!\d{1,2}[.\-/])|[一二三四五六七八九十]+、|\(\s*[\d一二三四五六七八九十]{1,2}\s*\))")
_WEEKDAY_END = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]\s*$")
_AFTER_DATELINE = re.compile(r"^\s*\(?(?:(?:星期|周)[一二三四五六日天])?\)?\s*(?:[A-Z]?\d{1,2}版?|第\s*\S{1,3}\s*版)?\s*\S{0,4}\s*$")
_CUE_WORD = re.compile(r"停|封|截止|缴|报名|暂停|举行|举办|放假|施工|管制|开放|关闭|恢复|办理|有效")
