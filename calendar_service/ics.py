"""Events -> iCalendar bytes: subscribable feeds, and the attachment of reminder mails (pure: no
database, Flask, network or clock).

Input objects are duck-typed: ``uid, kind, title, start, end, all_day, location, description``,
and optionally ``sequence, status, created, last_modified`` and the source sentence as
``source_text`` (store rows) or ``source.text`` (``ExtractedEvent``). The same events always give
the same bytes, so a strong ETag over them lets clients get ``304 Not Modified``.

How an item becomes a VEVENT (the contract of ``extract`` is: all-day ``end`` inclusive, ``None``
when open-ended):

- a span (closure, period, event, service change with both ends): all-day as ``VALUE=DATE`` with the
  exclusive ``DTEND = end + 1 day``; timed in ``TZID=Asia/Shanghai`` with a ``VTIMEZONE``;
- a **due** item (a deadline, ``kinds.DUE_KINDS``) is shown on its due date (``end``): a one-day
  all-day entry, or a timed entry at the due time; the window start (即日起 …) is written into the
  description, not drawn as a bar;
- an **open-ended** item (service change or closure "from D until further notice") is a single entry
  on its start day, its title marked ``（起）`` and its description saying that no end was announced.
  It is not stretched to an arbitrary horizon: that would change ``DTEND`` (and the bytes) every day
  without the notice changing;
- an item without any date cannot be placed in a calendar and is left out.

``DTSTAMP`` is the event's ``LAST-MODIFIED`` (a feed without ``METHOD`` uses DTSTAMP as "last
revised", RFC 5545 3.8.7.2), so it only moves when the event really changed.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from icalendar import Alarm, Calendar, Event, Timezone, vDuration, vText
from icalendar.parser import Contentline

from . import kinds
from .errors import InvalidInput

TZID = "Asia/Shanghai"
TZ = ZoneInfo(TZID)
EPOCH = datetime(2000, 1, 1, tzinfo=timezone.utc)
PRODID = "-//calendar-service//公告日历//ZH"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
_LINE = re.compile(r"\s*[\r\n]+\s*")
#: at most five digits per unit: 99999999999999999999d would overflow timedelta (a 500, not a 400);
#: five digits still let 40320m (4 weeks in minutes) through to the range check
_ALARM = re.compile(r"^(?:(\d{1,5})w)?(?:(\d{1,5})d)?(?:(\d{1,5})h)?(?:(\d{1,5})m)?$")
MAX_ALARM = timedelta(days=28)
_TIME_OF_DAY = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$", re.ASCII)
#: When an all-day item's alarm fires, local time: the morning, not the midnight before
ALARM_TIME = time(9, 0)


@dataclass(frozen=True)
class FeedOptions:
    """Calendar-level settings of one feed."""

    name: str = "公告日历"
    description: str | None = None
    refresh: timedelta = timedelta(hours=6)
    alarm: timedelta | None = None
    alarm_time: time = ALARM_TIME  # the time of day all-day items' alarms fire (see alarm_offset)
    # prerender: the alarm's TRIGGER is the bare placeholder ``-alarm`` for every item, which
    # ``finish`` replaces with the feed's trigger for a timed or an all-day item
    placeholder_alarm: bool = False
    event_url: Callable[[object], str | None] | None = None


def render_calendar(events: Iterable[object], options: FeedOptions = FeedOptions(), *,
                    render_event: Callable[[object, FeedOptions], bytes] | None = None) -> bytes:
    """The whole feed as bytes (CRLF, folded on character boundaries, UTF-8), events in date order.

    ``render_event`` (default ``render_vevent``) lets a caller reuse the bytes of events it
    rendered before: the feed is the concatenation of its parts, exactly as icalendar joins them.
    """
    render_event = render_event or render_vevent
    placed = []
    for ev in events:
        where = placement(ev)
        if where is not None:
            placed.append((_sort_key(where[0]), ev.uid, isinstance(where[0], datetime), ev))
    placed.sort(key=lambda item: item[:2])
    parts = [_header(options)]
    if any(timed for _, _, timed, _ in placed):
        parts.append(vtimezone())
    parts.extend(render_event(ev, options) for _, _, _, ev in placed)
    parts.append(b"END:VCALENDAR\r\n")
    return b"".join(parts)


def render_publish(events: Iterable[object], options: FeedOptions = FeedOptions()) -> bytes:
    """A ``METHOD:PUBLISH`` calendar of a few events (a mail's attachment): the VEVENTs exactly as
    the feeds write them, so a calendar app updates the entry it already has, in the given order."""
    vevents = [v for v in (to_vevent(e, options) for e in events) if v is not None]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    parts = [calendar.to_ical().removesuffix(b"END:VCALENDAR\r\n")]
    if any(isinstance(v.decoded("dtstart"), datetime) for v in vevents):
        parts.append(vtimezone())
    parts.extend(v.to_ical() for v in vevents)
    parts.append(b"END:VCALENDAR\r\n")
    return b"".join(parts)


def render_vevent(ev: object, options: FeedOptions = FeedOptions()) -> bytes:
    """One event's ``BEGIN:VEVENT … END:VEVENT`` bytes (empty when it has no date at all)."""
    vevent = to_vevent(ev, options)
    return vevent.to_ical() if vevent is not None else b""


def _header(options: FeedOptions) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", one_line(options.name))
    cal.add("name", one_line(options.name))
    if options.description:
        cal.add("x-wr-caldesc", options.description)
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", options.refresh, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(options.refresh))
    return cal.to_ical().removesuffix(b"END:VCALENDAR\r\n")


def to_vevent(ev: object, options: FeedOptions = FeedOptions()) -> Event | None:
    """One event-like object as a VEVENT, or None when it has no date at all."""
    placed = placement(ev)
    if placed is None:
        return None
    start, end, open_ended = placed
    label = kinds.label(ev.kind)
    title = one_line(ev.title) or label
    if open_ended:
        title += "（起）"
    modified = utc(getattr(ev, "last_modified", None)) or utc(getattr(ev, "created", None)) or EPOCH
    created = utc(getattr(ev, "created", None)) or modified
    cancelled = str(getattr(ev, "status", "") or "").lower() == "cancelled"
    url = options.event_url(ev) if options.event_url else getattr(ev, "url", None)

    v = Event()
    v.add("uid", ev.uid)
    v.add("dtstamp", modified)
    v.add("created", created)
    v.add("last-modified", modified)
    v.add("sequence", int(getattr(ev, "sequence", 0) or 0))
    v.add("summary", f"【{label}】{title}")
    v.add("dtstart", start)
    if end is not None:
        v.add("dtend", end)
    location = one_line(getattr(ev, "location", None) or "")
    if location:
        v.add("location", location)
    v.add("description", describe(ev, url, open_ended))
    if url:
        v.add("url", url)
    v.add("categories", [label])
    v.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    v.add("transp", "TRANSPARENT")
    if options.alarm and not cancelled:
        offset = (-options.alarm if options.placeholder_alarm
                  else alarm_offset(options.alarm, not isinstance(start, datetime), options.alarm_time))
        v.add_component(_alarm(title, offset))
    return v


def placement(ev: object) -> tuple[date | datetime, date | datetime | None, bool] | None:
    """(DTSTART, DTEND or None, open-ended?) following the rules in the module docstring."""
    end = ev.end
    start = kinds.placed_on(ev.kind, ev.start, end)
    if start is None:
        return None
    open_ended = end is None
    all_day = bool(ev.all_day)
    if all_day:
        first = _as_date(start)
        last = max(_as_date(end if end is not None else start), first)
        return first, last + timedelta(days=1), open_ended
    first = _as_local(start)
    if end is None or start is end or _as_local(end) <= first:
        return first, None, open_ended
    return first, _as_local(end), open_ended


def describe(ev: object, url: str | None, open_ended: bool) -> str:
    """Description text: the extracted description, the dates in words, the source sentence, the link."""
    parts = []
    text = clean(getattr(ev, "description", None) or "")
    if text:
        parts.append(text)
    if kinds.due_date(ev.kind, ev.end) is not None and ev.start is not None:
        parts.append(f"办理期：{_show(ev.start)} 至 {_show(ev.end)}（截止日）")
    elif open_ended:
        parts.append(f"自 {_show(ev.start if ev.start is not None else ev.end)} 起，未公布结束日期（直至另行通知）。")
    source = clean(source_text(ev))
    if source and source not in text:
        parts.append(f"原文：{source}")
    if url:
        parts.append(f"详情：{url}")
    return "\n\n".join(parts)


def source_text(ev: object) -> str:
    text = getattr(ev, "source_text", None)
    if text is None:
        source = getattr(ev, "source", None)
        text = source if isinstance(source, str) else getattr(source, "text", None)
    return text or ""


def newest_modification(events: Iterable[object]) -> datetime | None:
    """The latest LAST-MODIFIED among the events (the feed's HTTP Last-Modified)."""
    stamps = [utc(getattr(e, "last_modified", None)) or utc(getattr(e, "created", None)) for e in events]
    return max((s for s in stamps if s is not None), default=None)


def parse_alarm(value: str) -> timedelta:
    """``1d``, ``2h``, ``1d12h``, ``30m``, ``1w`` -> timedelta (InvalidInput if malformed or > 4 weeks)."""
    match = _ALARM.match(value.strip().lower())
    if not value.strip() or not match:
        raise InvalidInput(f"alarm must look like 1d, 2h, 30m or 1d12h, got {value!r}")
    w, d, h, m = (int(x or 0) for x in match.groups())
    lead = timedelta(weeks=w, days=d, hours=h, minutes=m)
    if not timedelta(0) < lead <= MAX_ALARM:
        raise InvalidInput(f"alarm must be between 1 minute and 4 weeks, got {value!r}")
    return lead


def parse_alarm_time(value: str) -> time:
    """``09:00``, ``7:30`` -> a time of day (InvalidInput otherwise)."""
    match = _TIME_OF_DAY.match(value.strip())
    if not match:
        raise InvalidInput(f"alarm_at must be a time of day HH:MM (00:00 to 23:59), got {value!r}")
    return time(int(match.group(1)), int(match.group(2)))


def alarm_offset(lead: timedelta, all_day: bool, at: time = ALARM_TIME) -> timedelta:
    """The TRIGGER (relative to DTSTART, negative: before) of an alarm ``lead`` before an item.

    A timed item's alarm is simply ``lead`` before it. An all-day item starts at midnight, so
    ``-lead`` would wake people at 00:00: its alarm fires at ``at`` (local) on the day ``lead``
    before, counted in whole days and at least one (``2h`` and ``1d`` both mean the day before).
    The trigger stays relative, the form calendar apps themselves write for "1 day before at
    09:00" (``-PT15H``), so it follows the item when its date changes.
    """
    if not all_day:
        return -lead
    days = max(1, -(-lead // timedelta(days=1)))
    return -(timedelta(days=days) - timedelta(hours=at.hour, minutes=at.minute))


def one_line(text: str | None) -> str:
    """Titles and locations: one line, no control characters (CR/LF become a space)."""
    return _CONTROL.sub("", _LINE.sub(" ", text or "")).strip()


def clean(text: str | None) -> str:
    """Descriptions: keep line breaks (escaped as \\n by icalendar), drop other control characters."""
    text = unicodedata.normalize("NFC", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", text).strip()


def utc(value: datetime | None) -> datetime | None:
    """Aware UTC, second precision; naive values from the database are taken as UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).replace(microsecond=0)


def _as_date(value: date | datetime) -> date:
    return _as_local(value).date() if isinstance(value, datetime) else value


def _as_local(value: date | datetime) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), TZ)
    if value.tzinfo is None:
        value = value.replace(tzinfo=TZ)
    return value.astimezone(TZ).replace(microsecond=0)


def _show(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return _as_local(value).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _sort_key(start: date | datetime) -> datetime:
    return _as_local(start) if isinstance(start, datetime) else datetime.combine(start, time(0), TZ)


@lru_cache(maxsize=1)
def vtimezone() -> bytes:
    """Asia/Shanghai's VTIMEZONE (rendered once per process; feeds and mails share it)."""
    tz = Timezone.from_tzid(TZID, first_date=date(2000, 1, 1))
    tz.pop("COMMENT", None)
    return tz.to_ical()


def _alarm(title: str, trigger: timedelta) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", trigger)
    return alarm


# --- rendered once per event version: the store keeps these bytes, a feed request completes them ---

#: Stands for an event's link while its VEVENT is rendered ahead of any request (the link depends
#: on the host a feed is asked from). No text of an event can hold it: titles, places and
#: descriptions lose their control characters on the way in (``one_line``, ``clean``).
LINK = "\x1f"
_LINK = LINK.encode()
#: The alarm lead stored bytes are written with; a request's ``?alarm=`` replaces the TRIGGER
#: line, a request without one drops the VALARM.
STORED_LEAD = timedelta(minutes=1)
_STORED_TRIGGER = b"TRIGGER:" + vDuration(-STORED_LEAD).to_ical() + b"\r\n"
_ESCAPED = re.compile(r"[\\;,\n^]")  # what vText escapes, and the caret icalendar folds around
#: icalendar folds a content line once it would reach this many octets (the fold's space aside).
_FOLD_AT = 74


@lru_cache(maxsize=1)
def renderer() -> str:
    """Names the code stored bytes were rendered by (this module, the kinds' labels, icalendar):
    bytes of another renderer are rendered again rather than trusted."""
    digest = hashlib.sha256(icalendar.__version__.encode())
    for source in (__file__, kinds.__file__):
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()[:16]


def prerender(ev: object) -> bytes | None:
    """One event version's VEVENT with its link left open (``LINK``) and an alarm of
    ``STORED_LEAD``: what the store keeps and ``finish`` completes for each feed. None when the
    event cannot be placed in a calendar, or when its text holds ``LINK`` after all (such an event
    is rendered per feed, the slow way)."""
    vevent = to_vevent(ev, FeedOptions(alarm=STORED_LEAD, placeholder_alarm=True, event_url=lambda _: LINK))
    if vevent is None:
        return None
    data = vevent.to_ical()
    at = data.find(_LINK)
    if data.count(_LINK) != 2 or data.count(_STORED_TRIGGER) > 1 or data[at + 1:at + 3] != b"\r\n":
        return None
    return data


def trigger_lines(lead: timedelta | None, at: time = ALARM_TIME) -> tuple[bytes, bytes] | None:
    """The TRIGGER lines of a feed's ``?alarm=`` for a timed and for an all-day item
    (``alarm_offset``), worked out once per feed, not per event."""
    if lead is None:
        return None
    return tuple(b"TRIGGER:" + vDuration(alarm_offset(lead, all_day, at)).to_ical() + b"\r\n"
                 for all_day in (False, True))


_ALL_DAY = b"\r\nDTSTART;VALUE=DATE:"


def finish(stored: bytes, url: str, triggers: tuple[bytes, bytes] | None) -> bytes:
    """``prerender``'s bytes with the event's link and the feed's alarm (``trigger_lines``): byte for
    byte what ``render_vevent`` writes with that link and alarm.

    The link ends the description, so folding (greedy, left to right) has placed every line break
    before it already: only the description's last folded line is folded again with the link
    appended, then the URL line is written and the alarm kept (with the feed's trigger) or dropped.
    """
    at = stored.index(_LINK)
    line = stored.rindex(b"\n", 0, at) + 1
    if stored[line:line + 1] == b" ":
        line += 1
    plain = url.isascii() and not _ESCAPED.search(url)  # most links: no escaping, folding by counting
    described = _fold_on(stored[line:at], url.encode() if plain else vText(url).to_ical())
    url_line = stored.index(_LINK, at + 1) - len(b"URL:")
    rest = stored[url_line + len(b"URL:") + 3:]
    if triggers is None:
        begin = rest.find(b"BEGIN:VALARM\r\n")
        if begin >= 0:
            rest = rest[:begin] + rest[rest.index(b"END:VALARM\r\n", begin) + len(b"END:VALARM\r\n"):]
    else:
        rest = rest.replace(_STORED_TRIGGER, triggers[_ALL_DAY in stored], 1)
    linked = _fold_on(b"URL:", url.encode()) if plain else Contentline(f"URL:{url}").to_ical()
    return b"".join((stored[:line], described, stored[at + 1:url_line], linked, b"\r\n", rest))


def _fold_on(segment: bytes, tail: bytes) -> bytes:
    """The last folded line of a content line (``segment``, at most 74 octets) with ``tail``
    appended, folded as icalendar folds. An ASCII tail is cut by counting; anything icalendar
    might fold differently (a backslash or caret near a break) goes through icalendar itself."""
    if tail.isascii() and b"\\" not in tail and b"^" not in tail and not segment.endswith((b"\\", b"^")):
        fits = _FOLD_AT - len(segment)
        pieces = [segment + tail[:fits]]
        pieces.extend(tail[i:i + _FOLD_AT] for i in range(fits, len(tail), _FOLD_AT))
        return b"\r\n ".join(pieces)
    return Contentline((segment + tail).decode("utf-8")).to_ical()
