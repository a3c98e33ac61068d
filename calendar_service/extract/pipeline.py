"""The extraction pipeline: notices, their typed lines, dated items completed from the layout, events."""
from __future__ import annotations

import time
import re
from dataclasses import dataclass
from datetime import date, datetime

from .aliases import aliases, shortened
from .assemble import Found, NoticeContext, assemble, says_nothing
from .categories import category_of
from .chars import HAN
from .classify import classify
from .document import TooLong
from .events import ExtractedEvent, Kind, SourceRef, make_uid, sha256
from .headings import ANAPHORA, is_document_number, is_numbered_field, issuer_of, lead_heading, topic_of
from .item_dates import Item
from .merge import restatements_dropped
from .places import same_place
from .layout import elements, is_chrome, is_date_line, signer_of
from .normalise import analysis_text, display_text, restore, source_offset
from .resolve import END_OF_DAY, MIDNIGHT, MONTH_END_DOUBT, WEEKDAY_DOUBT
from .published import PublishedGuess, infer_published
from .segment import split_notices
from .spans import day
from .titles import TitleContext, make_title

__all__ = ["extract", "infer_published", "PublishedGuess"]


# A notice is kilobytes; a newspaper page a few hundred. Past this a document is not read: at
# about 100,000 characters a second it would keep an upload or an ingest waiting for half a minute.
MAX_CHARS = 3_000_000


def extract(text: str, published: date, *, file: str | None = None, notice_key: str | None = None,
            budget: float | None = None) -> list[ExtractedEvent]:
    """Every time-bound item in `text`, dated against `published` (the notice's date).

    `budget` (seconds) bounds the reading where a person waits (the desk, an ingest run): past it
    `TooLong` is raised. It limits the work, never the result: a reading that ends in time is the
    same with or without it."""
    if len(text) > MAX_CHARS:
        raise TooLong(f"too long to read ({len(text):,} characters; the limit is {MAX_CHARS:,})")
    deadline = None if budget is None else time.monotonic() + budget
    shown = display_text(text)
    analysed = analysis_text(text, shown)  # same length as text: offsets hold for both
    key = notice_key or file or sha256(text.encode()).hexdigest()[:16]
    events: list[ExtractedEvent] = []
    seen: set[tuple] = set()
    ordinals: dict[tuple[str, str], int] = {}
    notices = split_notices(analysed)
    for notice in notices:
        els = elements(analysed, notice.start, notice.end)
        if notice.heading and len(notices) == 1 and says_nothing(els):
            # the notice is its title line alone ("10月20日起人民路封闭施工", and perhaps a date
            # under it): the title says the items
            begin = analysed.rfind(notice.heading, 0, notice.start)
            els = elements(analysed, begin, notice.end) if begin >= 0 else els
        heading = notice.heading
        # a section's field on the first line ("一、管控时间": the headline was not copied) names no
        # topic, though it still says what kind of thing its lines are
        field = heading if is_numbered_field(heading) else None
        if field and (begin := analysed.rfind(field, 0, notice.start)) >= 0:
            els = elements(analysed, begin, notice.end)  # the field heads the lines of its section
        if heading and (is_document_number(heading) or is_chrome(heading) or field or is_date_line(heading)):
            # a document's number, a byline or the page's date set on the first line ("文/本报记者 …",
            # "2023年10月11日")
            heading = None
        heading = heading or lead_heading(els)
        topic = topic_of(heading)
        names = aliases(analysed[notice.start:notice.end])
        context = Context(shortened(topic, names), issuer_of(heading), shown, analysed, file,
                          key, ordinals, names, text)
        context.signer = None if context.issuer else signer_of(els)
        found = assemble(analysed, els, published, NoticeContext(topic, prior_kind(heading or field, els)), deadline,
                         alone=len(notices) == 1)
        # an item another article of the page gave already is said again; within one notice the
        # restatements are dropped already, and what is left there is meant (two stretches of road
        # from one junction at the same hours)
        said_here = set()
        for f in restatements_dropped(found):
            event = _event(f, context)
            dedup = (event.kind, event.start, event.end, event.location or event.title)
            if dedup not in seen:
                said_here.add(dedup)
                events.append(event)
        seen |= said_here
    return _open_starts_spanned(events)


def _open_starts_spanned(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """The events, less the open starts that another item of the page spans from the same day, at
    the same place or at none named: '8月16日零时起…封闭施工' beside '施工时间:8月16日至9月26日', and
    '10月27日(本周日)起…临时交通管制' in a post above the notice that gives each road's span."""
    spans: dict[tuple, list[str | None]] = {}
    for e in events:
        if e.start is not None and e.end is not None:
            spans.setdefault((e.kind, day(e.start)), []).append(e.location)
    return [e for e in events
            if e.end is not None or e.start is None
            or not any(_same_place(e.location, where) for where in spans.get((e.kind, day(e.start)), ()))]


def _same_place(a: str | None, b: str | None) -> bool:
    return a is None or b is None or same_place(a, b)


def prior_kind(heading: str | None, els: list) -> str | None:
    """The kind a notice announces in its heading ("…停水通知": closure), else in its first
    paragraph ("…决定对海洋伏季休渔制度进行调整…"), for lines with no cue of their own."""
    texts = [heading] if heading else []
    # a headline that names a notice ("马年新春" over "关于…免费乘坐公交车的公告"; a paper's page
    # header is no notice), then the first paragraph
    texts += [e.text for e in els if e.role == "headline" and _NOTICE_TITLE.search(e.text)]
    texts += [e.text for e in els if e.role in ("paragraph", "lead")][:1]
    for text in texts:
        kind = classify(text, [(len(text), len(text))], set()).kind
        if kind:
            return kind
    return None


_NOTICE_TITLE = re.compile(r"关于|通知|公告|通告|启事|温馨提示|告知书")


@dataclass
class Context:
    topic: str
    issuer: str | None
    original: str
    analysed: str
    file: str | None
    key: str
    ordinals: dict
    names: dict  # full name -> the short name the notice gives it (aliases.py)
    raw: str  # the notice as given: source offsets point into it
    signer: str | None = None  # the signature's issuer, when the heading names none


def _stem_of(framing: str | None, topic: str) -> str | None:
    """'停电时间 停电线路 停电范围' frames its rows as 停电: the first field without 时间."""
    if not framing or framing == topic:
        return None
    first = re.split(r"[\s:]+", re.sub(r"^[一二三四五六七八九十\d]+[、.]\s*", "", framing.strip()))[0]
    stem = re.sub(r"(?:时间|日期|时段)$", "", first)
    # (a field's name is words: "本报讯(记者 …)" opening a lead is a byline, no field)
    return stem if 2 <= len(stem) <= 6 and _FIELD_NAME.fullmatch(stem) else None


_FIELD_NAME = re.compile(rf"{HAN}+")


def _event(found: Found, ctx: Context) -> ExtractedEvent:
    item, sentence = found.item, found.sentence
    section = found.section or _stem_of(item.framing, ctx.topic)
    title = make_title(found.clause, item.kind, TitleContext(
        ctx.topic, ctx.issuer, found.label, section, found.place, found.holiday, found.subject, found.deed,
        found.area, found.backdrop, ctx.signer))
    category = category_of((title, found.place or "", found.deed or "", found.clause),
                           (found.sentence.text, found.area or "", found.subject or "", ctx.topic))
    title = restore(shortened(title, ctx.names), ctx.analysed, ctx.original)
    # "我中心将对系统进行升级维护": the title names the issuer; "我中心" is no place to put in a calendar
    location = found.place and not ANAPHORA.match(found.place) and restore(found.place, ctx.analysed, ctx.original) or None
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
        source=SourceRef(file=ctx.file, text=source_text, start=source_offset(ctx.raw, sentence.start),
                         end=source_offset(ctx.raw, sentence.end)),
        notice_key=ctx.key,
        notes=tuple(item.notes),
        category=category,
    )


def _moment(value, other, first: bool):
    """A day as a moment where the other end of the item has an hour (an end joined from another
    sentence may have one: "除夕首班车起至年初一翌日早上五时"): its first or its last."""
    if isinstance(other, datetime) and isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, MIDNIGHT if first else END_OF_DAY, tzinfo=other.tzinfo)
    return value


# An item whose weekday annotation contradicts its date is kept, never dropped, but flagged: its
# confidence stays under the review desk's default threshold (0.5), so a person checks it.
FLAGGED = 0.35
DOUBTS = (WEEKDAY_DOUBT, MONTH_END_DOUBT)


def _confidence(item: Item) -> float:
    verdict = item.verdict
    value = 0.45 + min(verdict.score, 12.0) / 40 + min(verdict.margin, 8.0) / 40
    if any(note in DOUBTS for note in item.notes):
        value = min(value - 0.3, FLAGGED)
    return max(0.05, min(0.99, value))
