"""The review desk's forms, read and checked: a pasted or uploaded notice and its publication
date, and a reviewer's correction of an event. A mistake is an ``InvalidInput`` whose message
(Chinese) the desk shows as it is."""
from __future__ import annotations

import re
from datetime import date, datetime

from flask import current_app, request

from .. import extract as extraction
from .. import kinds
from ..documents import EARLIEST, LATEST, PublishedOutOfRange, published_of, read_notice
from ..errors import InvalidInput
from ..extract import ExtractedEvent, Kind
from ..zones import zone
from .context import today

TITLE_MAX = 200
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
    form = request.form
    kind = form.get("kind", "")
    if kind not in kinds.KINDS:
        raise InvalidInput("请选择事项类型。")
    title = " ".join((form.get("title") or "").split())
    if not title or len(title) > TITLE_MAX:
        raise InvalidInput(f"标题不能为空，最长 {TITLE_MAX} 字。")
    tz = zone(_event_zone(event) or current_app.config["TIMEZONE"])
    start = _moment(form.get("start"), "开始", tz)
    end = _moment(form.get("end"), "结束", tz)
    if start is None and end is None:
        raise InvalidInput("至少要有开始或结束日期。")
    if start is not None and end is not None:
        if isinstance(start, datetime) != isinstance(end, datetime):
            raise InvalidInput("开始和结束要么都写时间，要么都只写日期。")
        if end < start:
            raise InvalidInput("结束不能早于开始。")
    if kinds.is_due(kind) and end is None:
        raise InvalidInput("截止事项需要结束日期（截止日）。")
    timed = isinstance(start or end, datetime)
    return ExtractedEvent(uid=event.uid, kind=Kind(kind), title=title, start=start, end=end, all_day=not timed,
                          location=" ".join((form.get("location") or "").split()) or None,
                          description=(form.get("description") or "").strip(), confidence=event.confidence,
                          source=event.source, notice_key=event.notice_id)


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
