"""Subscribable feeds: /calendar.ics, /calendars/<kind>.ics, /calendars/category/<name>.ics
(``kinds.CATEGORIES``: 停水, 停电 … whatever the kind; ``?kind=`` narrows it),
/places/<name>.ics (items whose location names that road, village or district),
/issuers/<name>.ics (items read from that issuer's notices: web/issuers.py), /events/<uid>.ics.

Query parameters: ``q`` (text in title, place or description: ``?q=龙源路``) and ``alarm`` (``1d``,
``2h``… adds a VALARM; off by default: a timed item's fires that long before it, an all-day item's
at ``alarm_at`` (``HH:MM``, default 09:00) local on the day that many whole days before). A feed holds
what is current on ``today()``: ongoing and upcoming items, those that ended at most ``FEED_PAST_DAYS``
ago and open-ended ones confirmed within ``OPEN_ENDED_DAYS``; cancelled items stay in it
(``STATUS:CANCELLED``) for ``FEED_CANCELLED_DAYS`` so that subscribers' copies are cancelled rather
than silently kept (store.feed_events).
"""
from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, request

from .. import ics, issuers, kinds
from ..errors import InvalidInput
from ..places import located_at, normalised
from ..store import event_by_uid, revision
from ..store.rendered import FeedEvent, feed_events
from .provenance import index as issuer_index
from .cache import Body
from .context import base_url, db, feed_cache, open_ended_days, public_url, store_revision, today

bp = Blueprint("feeds", __name__)
MAX_QUERY = 100
GZIP_MIN_BYTES = 32 * 1024  # smaller feeds gain little from compression
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
DESCRIPTION = "从公告中提取的道路封闭、办理截止、服务调整和活动。以公告原文为准。"


@bp.get("/calendar.ics")
def calendar():
    return _feed(None)


@bp.get("/calendars/<kind>.ics")
def calendar_of_kind(kind: str):
    if kind not in kinds.KINDS:
        abort(404, f"no calendar for kind {kind!r}; kinds: {', '.join(kinds.KINDS)}")
    return _feed(kind)


@bp.get("/calendars/category/<name>.ics")
def calendar_of_category(name: str):
    if name not in kinds.CATEGORIES:
        abort(404, f"no calendar for category {name!r}; categories: {', '.join(kinds.CATEGORIES)}")
    return _feed(kind_arg(), name)


@bp.get("/places/<name>.ics")
def calendar_of_place(name: str):
    if normalised(name) != name:
        abort(404, f"{name!r} is not one place name (a road, village or district, e.g. 龙源路)")
    return _feed(None, place=name)


@bp.get("/issuers/<name>.ics")
def calendar_of_issuer(name: str):
    if issuers.normalised(name) != name:
        abort(404, f"{name!r} is not an issuer's name as /issuers lists it (e.g. 焦作市住房和城乡建设局)")
    return _feed(None, issuer=name)


@bp.get("/events/<uid>.ics")
def event(uid: str):
    stored = event_by_uid(db(), uid)
    if stored is None:
        abort(404, f"no event with uid {uid!r}")
    options = _options(f"{current_app.config['FEED_NAME']} · {ics.one_line(stored.title)}", alarm_arg(),
                       alarm_time_arg())
    body = Body.of(ics.render_calendar([stored], options), stored.last_modified)
    return ics_response(body, "event.ics")


def _feed(kind: str | None, category: str | None = None, place: str | None = None, issuer: str | None = None):
    """The cached path does little: parse the arguments, read the revision, look up the bytes.
    A place's feed (``place``) holds the items whose location names that place (places.py); an
    issuer's (``issuer``) those read from its notices (provenance.index: today's feed items)."""
    q = None if place or issuer else query_text()
    alarm, at, day = alarm_arg(), alarm_time_arg(), today()
    key = ("feed", kind, category, place, issuer, q, alarm, at, day, base_url(), store_revision())

    def build() -> Body:
        _, changed_at = revision(db())
        options = _options(feed_name(kind, q or place or issuer, category), alarm, at)
        config = current_app.config
        events = feed_events(db(), day, kind=kind, q=q, category=category, place=place,
                             past_days=int(config["FEED_PAST_DAYS"]), cancelled_days=int(config["FEED_CANCELLED_DAYS"]),
                             open_ended_days=open_ended_days())
        if place:
            events = located_at(events, place)
        if issuer:
            held = issuer_index().held.get(issuer, frozenset())
            events = [e for e in events if e.uid in held]
        data = ics.render_calendar(events, options, render_event=_finish(options))
        return Body.of(data, _last_modified(events, changed_at, day))

    name = "place" if place else "issuer" if issuer else category or kind or "calendar"
    return ics_response(feed_cache().get(key, build), f"{name}.ics")


def _finish(options: ics.FeedOptions):
    """Complete each event's stored VEVENT (rendered when its version was stored) with its link and
    this feed's alarm; an event without stored bytes is rendered whole."""
    triggers = ics.trigger_lines(options.alarm, options.alarm_time)

    def render(event: FeedEvent, options: ics.FeedOptions) -> bytes:
        if event.vevent is None:
            return ics.render_vevent(event.version, options) if event.version is not None else b""
        return ics.finish(event.vevent, options.event_url(event), triggers)

    return render


def ics_response(body: Body, filename: str):
    """200 with the exact bytes, or 304 for a matching If-None-Match / If-Modified-Since.

    Feeds of GZIP_MIN_BYTES or more go gzip-compressed to clients that accept it (a 5,000-event
    feed shrinks about 15x), as their own representation with their own strong ETag. Written out
    rather than ``Response.make_conditional``: that general path (ranges, header rewriting) cost
    more than everything else a cached feed request does.
    """
    compress = (len(body.data) >= GZIP_MIN_BYTES and current_app.config["FEED_GZIP"]
                and request.accept_encodings["gzip"] > 0)
    headers = [
        ("ETag", f'"{body.etag}-gz"' if compress else f'"{body.etag}"'),
        ("Cache-Control", "public, no-cache"),  # store, but ask again: a 304 costs one small request
        ("Content-Disposition", f'inline; filename="{filename}"'),
    ]
    if len(body.data) >= GZIP_MIN_BYTES:
        headers.append(("Vary", "Accept-Encoding"))
    if body.last_modified is not None:
        headers.append(("Last-Modified", body.http_last_modified))
    if _not_modified(body):
        return current_app.response_class(status=304, headers=headers)
    if compress:
        headers.append(("Content-Encoding", "gzip"))
        return current_app.response_class(body.gzipped, headers=headers, mimetype="text/calendar")
    return current_app.response_class(body.data, headers=headers, mimetype="text/calendar")


def _not_modified(body: Body) -> bool:
    """RFC 9110 13.2.2: If-None-Match (weak comparison) decides when present, else If-Modified-Since.

    Either representation's ETag names the same content, so either one gets a 304.
    """
    if "If-None-Match" in request.headers:
        tags = request.if_none_match
        return tags.contains_weak(body.etag) or tags.contains_weak(f"{body.etag}-gz")
    since = request.if_modified_since
    return since is not None and body.last_modified is not None and body.last_modified <= since


def query_text() -> str | None:
    """``q`` as the cache key and the filter see it: NFC, no control characters, trimmed."""
    q = request.args.get("q", "")
    if len(q) > MAX_QUERY:
        abort(400, f"q is longer than {MAX_QUERY} characters")
    return _CONTROL.sub("", unicodedata.normalize("NFC", q)).strip() or None


def kind_arg() -> str | None:
    """``kind`` of the query (a 400 naming the kinds when it is not one)."""
    kind = request.args.get("kind") or None
    if kind is not None and kind not in kinds.KINDS:
        abort(400, f"kind must be one of {', '.join(kinds.KINDS)}")
    return kind


def category_arg() -> str | None:
    """``category`` of the query (a 400 naming the categories when it is not one)."""
    category = request.args.get("category") or None
    if category is not None and category not in kinds.CATEGORIES:
        abort(400, f"category must be one of {', '.join(kinds.CATEGORIES)}")
    return category


def alarm_arg() -> timedelta | None:
    if "alarm" not in request.args:
        return None
    try:
        return ics.parse_alarm(request.args["alarm"])
    except InvalidInput as exc:
        abort(400, str(exc))


def alarm_time_arg() -> time:
    """``alarm_at`` (``HH:MM``): when all-day items' alarms fire; 09:00 without it."""
    if "alarm_at" not in request.args:
        return ics.ALARM_TIME
    try:
        return ics.parse_alarm_time(request.args["alarm_at"])
    except InvalidInput as exc:
        abort(400, str(exc))


def _options(name: str, alarm: timedelta | None, alarm_time: time = ics.ALARM_TIME) -> ics.FeedOptions:
    return ics.FeedOptions(
        name=name, description=DESCRIPTION, alarm=alarm, alarm_time=alarm_time,
        refresh=timedelta(hours=float(current_app.config["FEED_REFRESH_HOURS"])),
        event_url=lambda e: public_url(f"/events/{e.uid}"),
    )


def feed_name(kind: str | None, q: str | None, category: str | None = None) -> str:
    """A feed's calendar name, the same on the pages that offer it: 公告日历 · 办理截止 · 龙源路."""
    parts = [current_app.config["FEED_NAME"]]
    if category:
        parts.append(kinds.category_name(category))
    if kind:
        parts.append(kinds.name(kind))
    if q:
        parts.append(q)
    return " · ".join(parts)


def _last_modified(events, changed_at: datetime | None, day) -> datetime | None:
    """Newest of: the feed's events, the store's last change (an edit may move an event out of this
    feed), and, on the real calendar, the start of today (yesterday's items age out at midnight)."""
    stamps = [ics.newest_modification(events), changed_at]
    if not current_app.config.get("AS_OF"):
        stamps.append(datetime.combine(day, time(0), ZoneInfo(current_app.config["TIMEZONE"])).astimezone(UTC))
    newest = max((s for s in stamps if s is not None), default=None)
    return newest.replace(microsecond=0) if newest else None
