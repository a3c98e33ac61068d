"""The review desk's forms, read and checked: a pasted or uploaded notice and its publication
date, a reviewer's correction of an event, and the items a reviewer adds, splits or merges. A
mistake is an ``InvalidInput`` whose message (Chinese, one line) the desk shows as it is."""
from __future__ import annotations

import re
from datetime import date, datetime

from flask import current_app, request

from .. import extract as extraction
from .. import kinds
from ..documents import EARLIEST, LATEST, PublishedOutOfRange, published_of, read_notice
from ..errors import InvalidInput
from ..extract import ExtractedEvent, Kind, SourceRef
from ..zones import zone
from .context import today

TITLE_MAX = 200
QUOTE_MAX = 1000
#: control characters a form field may carry but no stored text should (PostgreSQL refuses NUL)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MOMENT = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                     r"(?:\s*[T ]?\s*(\d{1,2})\s*[:：时]\s*(\d{2})\s*分?)?\s*$")


def notice_text() -> tuple[str, str | None]:
    """(text, file name or None) of the uploaded file or the pasted text, read as ``ingest`` reads files."""
    limit = int(current_app.config["UPLOAD_MAX_BYTES"])
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        data, name = upload.read(limit + 1), upload.filename
    else:
        data, name = (request.form.get("text") or "").encode("utf-8"), None
        if not data.strip():
            raise InvalidInput("请粘贴公告全文，或选择一个文件上传。")
    if len(data) > limit:  # refused whole: a notice cut at the limit would be stored as if complete
        raise InvalidInput(f"公告太大（最多 {limit // 1024} KB）。")
    try:
        return read_notice(data, name or "pasted.txt"), name
    except extraction.UnreadableDocument as exc:
        raise InvalidInput(f"无法读取：{exc}") from exc


def published_date(text: str) -> date:
    """The date the reviewer gave, else the one the notice states (signature, dateline), else today."""
    given = (request.form.get("published") or "").strip()
    day = None
    if given:
        try:
            day = date.fromisoformat(given)
        except ValueError:
            raise InvalidInput(f"发布日期要写成 2022-10-18 的样子，收到的是 {given!r}。") from None
    try:
        found = published_of(text, day)
    except PublishedOutOfRange:
        raise InvalidInput(f"发布日期超出范围：应在 {EARLIEST} 至 {LATEST} 之间"
                           + ("。" if day else "（从公告中读出的日期不合理，请填写发布日期）。")) from None
    return found[0] if found is not None else today()


def edited_event(event) -> ExtractedEvent:
    """``event`` as the edit form corrects it (same uid, source and confidence: only what a calendar
    shows is a reviewer's to change)."""
    kind = _kind(request.form.get("kind", ""))
    fields = _item_fields(kind, zone(_event_zone(event) or current_app.config["TIMEZONE"]))
    return ExtractedEvent(uid=event.uid, kind=Kind(kind), description=_text("description", lines=True),
                          confidence=event.confidence, source=event.source, notice_key=event.notice_id, **fields)


def new_item(found) -> ExtractedEvent:
    """The item the add form describes, for the notice ``found`` (``review.NoticeForReview``): its
    source is a sentence chosen from the notice or a passage quoted from it. Its uid is the store's
    to give; its category, unless chosen, is derived from its words as for any stored item."""
    form = request.form
    kind = _kind(form.get("kind", ""))
    fields = _item_fields(kind, zone(current_app.config["TIMEZONE"]))
    source = _source(found)
    category = form.get("category") or ""
    if category and category not in kinds.CATEGORIES:
        raise InvalidInput("请选择事项分类。")
    category = category or kinds.derive_category(kind, fields["title"], fields["location"], source.text)
    return ExtractedEvent(uid="desk", kind=Kind(kind), description=_text("description", lines=True),
                          confidence=1.0, source=source, notice_key=found.summary.key,
                          category=extraction.Category(category), **fields)


def split_parts(event) -> tuple[ExtractedEvent, ExtractedEvent]:
    """The two parts the split form makes of ``event`` (fields ``a_…`` keep its uid, ``b_…`` get a
    new one); each keeps its kind, category, description and source."""
    tz = zone(_event_zone(event) or current_app.config["TIMEZONE"])
    parts = []
    for prefix, part in (("a_", "第一部分"), ("b_", "第二部分")):
        fields = _item_fields(event.kind, tz, prefix=prefix, part=part)
        parts.append(ExtractedEvent(uid=event.uid, kind=Kind(event.kind), description=event.description,
                                    confidence=event.confidence, source=event.source, notice_key=event.notice_id,
                                    category=extraction.Category(event.category), **fields))
    if parts[0] == parts[1]:
        raise InvalidInput("两部分完全相同：请把第二部分改成另一条路或另一段时间。")
    return parts[0], parts[1]


def merge_choice() -> tuple[str, str | None]:
    """(uid of the item to merge in, the merged item's title or None to keep it) of the merge form."""
    other = _text("other")
    if not other:
        raise InvalidInput("请选择要并入的事项。")
    title = _text("title")
    if len(title) > TITLE_MAX:
        raise InvalidInput(f"标题最长 {TITLE_MAX} 字。")
    return other, title or None


def _text(name: str, *, lines: bool = False) -> str:
    """A text field without control characters: on one line with single spaces, or (``lines``) with
    its line breaks kept and its ends trimmed."""
    value = _CONTROL.sub("", request.form.get(name) or "")
    return value.strip() if lines else " ".join(value.split())


def _kind(kind: str) -> str:
    if kind not in kinds.KINDS:
        raise InvalidInput("请选择事项类型。")
    return kind


def _item_fields(kind: str, tz, *, prefix: str = "", part: str = "") -> dict:
    """Title, start, end, all-day and place of an item from the form's ``prefix``-named fields;
    ``part`` names the part of a split in messages."""
    say = f"{part}：" if part else ""
    title = _text(prefix + "title")
    if not title or len(title) > TITLE_MAX:
        raise InvalidInput(f"{say}标题不能为空，最长 {TITLE_MAX} 字。")
    start = _moment(request.form.get(prefix + "start"), f"{say}开始", tz)
    end = _moment(request.form.get(prefix + "end"), f"{say}结束", tz)
    if start is None and end is None:
        raise InvalidInput(f"{say}至少要有开始或结束日期。")
    if start is not None and end is not None:
        if isinstance(start, datetime) != isinstance(end, datetime):
            raise InvalidInput(f"{say}开始和结束要么都写时间，要么都只写日期。")
        if end < start:
            raise InvalidInput(f"{say}结束不能早于开始。")
    if kinds.is_due(kind) and end is None:
        raise InvalidInput(f"{say}截止事项需要结束日期（截止日）。")
    return {"title": title, "start": start, "end": end, "all_day": not isinstance(start or end, datetime),
            "location": _text(prefix + "location") or None}


def _source(found) -> SourceRef:
    """The passage quoted in the form (found in the notice, whatever its line breaks and spaces),
    else the sentence chosen (``start-end`` offsets of one of ``marks.sentences``)."""
    text, form = found.text, request.form
    quote = "".join(_text("quote").split())
    if quote:
        if len(quote) > QUOTE_MAX:
            raise InvalidInput(f"摘录的出处最长 {QUOTE_MAX} 字。")
        match = re.search(r"\s*".join(map(re.escape, quote)), text)
        if match is None:
            raise InvalidInput("公告原文里找不到摘录的出处，请从原文复制一句。")
        start, end = match.span()
    else:
        chosen = re.fullmatch(r"(\d{1,9})-(\d{1,9})", form.get("sentence") or "")
        if chosen is None:
            raise InvalidInput("请选择或摘录事项的出处（公告原文中的一句）。")
        start, end = int(chosen.group(1)), int(chosen.group(2))
        if not 0 <= start < end <= len(text):
            raise InvalidInput("选择的出处不在这则公告里，请刷新页面后重选。")
    return SourceRef(found.source, re.sub(r"\s*\n\s*", "", text[start:end]), start, end)


def _moment(text: str | None, label: str, tz) -> date | datetime | None:
    text = (text or "").strip()
    if not text:
        return None
    match = _MOMENT.match(text)
    try:
        if match is None:
            raise ValueError
        year, month, day_, hour, minute = match.groups()
        value = date(int(year), int(month), int(day_))
        if not EARLIEST <= value <= LATEST:  # the feeds add a day to an end: 9999-12-31 would overflow
            raise ValueError
        if hour is None:
            return value
        return datetime(value.year, value.month, value.day, int(hour), int(minute), tzinfo=tz)
    except ValueError:
        raise InvalidInput(f"{label}要写成 2022-10-18 或 2022-10-18 08:00，收到的是 {text!r}。") from None


def _event_zone(event) -> str | None:
    for value in (event.start, event.end):
        if isinstance(value, datetime):
            return getattr(value.tzinfo, "key", None)
    return None


def form_value(value) -> str:
    """A start or end as the edit form shows it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
