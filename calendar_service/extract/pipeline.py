"""The extraction pipeline: notices, sentences, dated items, events."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime

from .events import ExtractedEvent, Kind, SourceRef, make_uid
from .holidays import holiday_items
from .items import ASSUMED_START, Item, sentence_items
from .mentions import find_mentions
from .numerals import fold_width
from .published import PublishedGuess, infer_published, is_dateline, is_signature_line
from .segment import Sentence, split_notices, split_sentences, unbullet
from .clauses import clause_around
from .headings import issuer_of, label_of, section_of, topic_of
from .places import find_place
from .titles import HOLIDAY_NAME, TitleContext, make_title

__all__ = ["extract", "infer_published", "PublishedGuess"]


def extract(text: str, published: date, *, file: str | None = None,
            notice_key: str | None = None) -> list[ExtractedEvent]:
    """Every time-bound item in `text`, dated against `published` (the notice's date)."""
    folded = unbullet(fold_width(text))  # same length as text: offsets hold for both
    key = notice_key or file or hashlib.sha256(text.encode()).hexdigest()[:16]
    events: list[ExtractedEvent] = []
    seen: set[tuple] = set()
    ordinals: dict[tuple[str, str], int] = {}
    for notice in split_notices(folded):
        context = Context(topic_of(notice.heading), issuer_of(notice.heading), text, file, key, ordinals)
        for found in restatements_dropped(_items_of(folded, notice, published, context.topic)):
            event = _event(found, context)
            dedup = (event.kind, event.start, event.end, event.location or event.title)
            if dedup not in seen:
                seen.add(dedup)
                events.append(event)
    return events


@dataclass
class Found:
    """An item with what its title is made from: its sentence, the paragraph's label, the dates
    in the sentence, and the lines after it (the fields of a form: 停电范围:…)."""

    item: Item
    sentence: Sentence
    label: str | None
    dates: list[tuple[int, int]]
    details: str = ""
    section: str | None = None
    clause: str = ""
    place: str | None = None
    holiday: str | None = None


@dataclass
class Context:
    topic: str
    issuer: str | None
    original: str
    file: str | None
    key: str
    ordinals: dict


def _items_of(folded: str, notice, published: date, topic: str) -> list[Found]:
    sentences = split_sentences(folded, notice.start, notice.end)
    mentions_of = [find_mentions(s.text) for s in sentences]
    found: list[Found] = []
    anchor, label, section, last_place, frame, holiday = None, None, None, None, "", None
    for i, sentence in enumerate(sentences):
        if sentence.starts_line:
            label = None
            heading = None if mentions_of[i] else section_of(sentence.text)
            if heading is not None:
                section = heading or None
                frame = sentence.text  # "一、施工时间": even a generic heading says what the dates are for
            elif not mentions_of[i] and _TABLE_HEADER.match(sentence.text):
                frame = sentence.text  # "停电时间 停电线路 停电范围": the header of the rows below
        label = label_of(sentence.text) or label
        named = HOLIDAY_NAME.findall(sentence.text)
        holiday = named[-1] if named else holiday
        if is_signature_line(sentence.text) or is_dateline(sentence.text, sentence.starts_line and (
                i + 1 == len(sentences) or sentences[i + 1].starts_line)):
            continue
        mentions = mentions_of[i]
        items, anchor = sentence_items(sentence.text, mentions, published, anchor, topic, frame)
        if not mentions:
            items = holiday_items(sentence.text, published)
        if not items:
            continue
        details = []
        for later, later_mentions in zip(sentences[i + 1:i + 5], mentions_of[i + 1:i + 5]):
            if later_mentions:
                break
            details.append(later.text)
        dates = [(m.start, m.end) for m in mentions]
        for item in items:
            f = Found(item, sentence, label, dates, "\n".join(details), section, holiday=holiday)
            f.clause = clause_around(sentence.text, item.lo, item.hi, dates)
            f.place = find_place(f.clause) or find_place(sentence.text) or find_place(f.details)
            if f.place and _ELSEWHERE.match(f.place) or not f.place and _ELSEWHERE.search(f.clause):
                f.place = last_place  # "上述路段禁止社会车辆通行": the road named before
            last_place = f.place or last_place
            found.append(f)
    return found


_TABLE_HEADER = re.compile(r"^\S{2,8}(?:\s+\S{2,8}){1,6}$")
_ELSEWHERE = re.compile(r"上述|该路段|该区域|以上|前述")


def restatements_dropped(found: list[Found]) -> list[Found]:
    """A notice often says the same thing twice (lead, then details): keep one saying.

    Within one notice, items of one kind on the same days are one item (the one with times
    wins: "将于本周六举行" and "考试时间为11月4日9:00至11:30"); a due date alone ("请于6月30日前
    办理") restates a window with the same end ("3月1日至6月30日")."""
    def days(f: Found) -> tuple:
        return f.item.kind, _day(f.item.start), _day(f.item.end)

    best: dict[tuple, Found] = {}
    for f in found:
        current = best.get(days(f))
        if current is not None and _elsewhere(current, f):
            continue  # two places closed on the same days are two items
        if current is None or (current.item.all_day and not f.item.all_day):
            best[days(f)] = f
    windows = {(f.item.kind, _day(f.item.end)) for f in found
               if f.item.kind == "deadline" and f.item.start is not None}
    ends_stated = {(f.item.kind, _day(f.item.end)) for f in found if ASSUMED_START not in f.item.notes}
    kept = []
    for f in found:
        if best.get(days(f)) is not f and not _elsewhere(best[days(f)], f):
            continue
        if ASSUMED_START in f.item.notes and (f.item.kind, _day(f.item.end)) in ends_stated:
            continue  # "有效期至6月30日" restates "过渡期为7月1日至6月30日"
        if f.item.kind == "deadline" and f.item.start is None and (f.item.kind, _day(f.item.end)) in windows:
            continue
        kept.append(f)
    return kept


def _elsewhere(a: Found, b: Found) -> bool:
    """Closures of two different places on the same days are two items, not one said twice."""
    return a.item.kind == "closure" and bool(a.place and b.place and a.place != b.place)


def _stem_of(framing: str | None, topic: str) -> str | None:
    """'停电时间 停电线路 停电范围' frames its rows as 停电: the first field without 时间."""
    if not framing or framing == topic:
        return None
    first = re.split(r"[\s:]+", re.sub(r"^[一二三四五六七八九十\d]+[、.]\s*", "", framing.strip()))[0]
    stem = re.sub(r"(?:时间|日期|时段)$", "", first)
    return stem if 2 <= len(stem) <= 6 else None


def _day(value):
    return value.date() if isinstance(value, datetime) else value


def _event(found: Found, ctx: Context) -> ExtractedEvent:
    item, sentence = found.item, found.sentence
    section = found.section or _stem_of(item.framing, ctx.topic)
    title = make_title(found.clause, item.kind, TitleContext(
        ctx.topic, ctx.issuer, found.label, section, found.details, found.place, found.holiday))
    location = found.place
    subject = location or title
    ordinal = ctx.ordinals.get((item.kind, subject), 0)
    ctx.ordinals[(item.kind, subject)] = ordinal + 1
    source_text = sentence.original_text(ctx.original)
    description = source_text if not ctx.topic else f"{source_text}\n(摘自:{ctx.topic})"
    return ExtractedEvent(
        uid=make_uid(ctx.key, item.kind, subject, ordinal),
        kind=Kind(item.kind),
        title=title,
        start=item.start,
        end=item.end,
        all_day=item.all_day,
        location=location,
        description=description,
        confidence=_confidence(item),
        source=SourceRef(file=ctx.file, text=source_text, start=sentence.start, end=sentence.end),
        notice_key=ctx.key,
        notes=tuple(item.notes),
    )


def _confidence(item: Item) -> float:
    verdict = item.verdict
    value = 0.45 + min(verdict.score, 12.0) / 40 + min(verdict.margin, 8.0) / 40
    if item.notes and "weekday" in item.notes[0]:
        value -= 0.3
    return max(0.05, min(0.99, value))
