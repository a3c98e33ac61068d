"""The extraction pipeline: notices, sentences, dated items, events."""
from __future__ import annotations

import hashlib
from datetime import date

from .events import ExtractedEvent, Kind, SourceRef, make_uid
from .holidays import holiday_items
from .items import Item, sentence_items
from .mentions import find_mentions
from .numerals import fold_width
from .published import PublishedGuess, infer_published, is_signature_line
from .segment import Sentence, split_notices, split_sentences
from .titles import clause_around, find_place, label_of, make_title, topic_of

__all__ = ["extract", "infer_published", "PublishedGuess"]


def extract(text: str, published: date, *, file: str | None = None,
            notice_key: str | None = None) -> list[ExtractedEvent]:
    """Every time-bound item in `text`, dated against `published` (the notice's date)."""
    folded = fold_width(text)  # same length as text: offsets hold for both
    key = notice_key or file or hashlib.sha256(text.encode()).hexdigest()[:16]
    events: list[ExtractedEvent] = []
    seen: set[tuple] = set()
    ordinals: dict[tuple[str, str], int] = {}
    for notice in split_notices(folded):
        topic = topic_of(notice.heading)
        anchor, label = None, None
        found: list[tuple[Item, Sentence, str | None, list]] = []
        for sentence in split_sentences(folded, notice.start, notice.end):
            if sentence.starts_line:
                label = None
            label = label_of(sentence.text) or label
            if is_signature_line(sentence.text):
                continue
            mentions = find_mentions(sentence.text)
            items, anchor = sentence_items(sentence.text, mentions, published, anchor)
            if not mentions:
                items = holiday_items(sentence.text, published)
            dates = [(m.start, m.end) for m in mentions]
            found += [(item, sentence, label, dates) for item in items]
        for item, sentence, label, dates in restatements_dropped(found):
            event = _event(item, sentence, text, topic, label, dates, file, key, ordinals)
            dedup = (event.kind, event.start, event.end, event.location or event.title)
            if dedup not in seen:
                seen.add(dedup)
                events.append(event)
    return events


def restatements_dropped(found: list[tuple]) -> list[tuple]:
    """A notice often says the same thing twice (lead, then details): keep the first saying.

    Within one notice, items of one kind with the same dates are one item; a due date alone
    ("请于6月30日前办理") restates a window with the same end ("3月1日至6月30日")."""
    kept, keys = [], set()
    windows = {(i.kind, i.end) for i, *_ in found if i.kind == "deadline" and i.start is not None}
    for entry in found:
        item = entry[0]
        if (item.kind, item.start, item.end) in keys:
            continue
        if item.kind == "deadline" and item.start is None and (item.kind, item.end) in windows:
            continue
        keys.add((item.kind, item.start, item.end))
        kept.append(entry)
    return kept


def _event(item: Item, sentence: Sentence, original: str, topic: str, label: str | None,
           dates: list, file: str | None, key: str, ordinals: dict) -> ExtractedEvent:
    clause = clause_around(sentence.text, item.lo, item.hi, dates)
    title = make_title(clause, topic, item.kind, label)
    location = find_place(clause) or find_place(sentence.text)
    subject = location or title
    ordinal = ordinals.get((item.kind, subject), 0)
    ordinals[(item.kind, subject)] = ordinal + 1
    start, end = sentence.start, sentence.end
    source_text = sentence.original_text(original)
    confidence = _confidence(item)
    description = source_text if not topic else f"{source_text}\n(摘自:{topic})"
    return ExtractedEvent(
        uid=make_uid(key, item.kind, subject, ordinal),
        kind=Kind(item.kind),
        title=title,
        start=item.start,
        end=item.end,
        all_day=item.all_day,
        location=location,
        description=description,
        confidence=confidence,
        source=SourceRef(file=file, text=source_text, start=start, end=end),
        notice_key=key,
        notes=tuple(item.notes),
    )


def _confidence(item: Item) -> float:
    verdict = item.verdict
    value = 0.45 + min(verdict.score, 12.0) / 40 + min(verdict.margin, 8.0) / 40
    if item.notes and "weekday" in item.notes[0]:
        value -= 0.3
    return max(0.05, min(0.99, value))
