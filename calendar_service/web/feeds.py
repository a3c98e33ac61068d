"""Subscribable feeds: /calendar.ics, /calendars/<kind>.ics, /events/<uid>.ics.

Query parameters: ``q`` (text in title, place or description: ``?q=龙源路``) and ``alarm`` (``1d``,
``2h``… adds a VALARM; off by default). A feed holds what is current on ``today()``: ongoing and
upcoming items, and those that ended at most ``FEED_PAST_DAYS`` ago; cancelled items stay in it
(``STATUS:CANCELLED``) so that subscribers' copies are cancelled rather than silently kept.
"""
from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, request

from .. import feeds
from ..store import list_events
from . import db, feed_cache, public_url, store_revision, today
from .cache import Body
from .queries import event_by_uid

bp = Blueprint("feeds", __name__)
MAX_QUERY = 100
DESCRIPTION = "从公告中提取的道路封闭、办理截止、服务调整和活动。以公告原文为准。"


@bp.get("/calendar.ics")
def calendar():
    return _feed(None)


@bp.get("/calendars/<kind>.ics")
def calendar_of_kind(kind: str):
    if kind not in feeds.KIND_NAMES:
        abort(404, f"no calendar for kind {kind!r}; kinds: {', '.join(feeds.KIND_NAMES)}")
    return _feed(kind)


@bp.get("/events/<uid>.ics")
def event(uid: str):
    stored = event_by_uid(db(), uid)
    if stored is None:
        abort(404, f"no event with uid {uid!r}")
    options = _options(name=f"{current_app.config['FEED_NAME']} · {feeds.one_line(stored.title)}")
    body = Body.of(feeds.render_calendar([stored], options), stored.last_modified)
    return ics_response(body, "event.ics")


def _feed(kind: str | None):
    q = query_text()
    day = today()
    rev, changed_at = store_revision()
    options = _options(name=_feed_name(kind, q))
    key = ("feed", kind, q, options.alarm, day, public_url("/"), rev)

    def build() -> Body:
        past = timedelta(days=int(current_app.config["FEED_PAST_DAYS"]))
        events = list_events(db(), kind=kind, start=day - past, q=q)
        return Body.of(feeds.render_calendar(events, options), _last_modified(events, changed_at, day))

    return ics_response(feed_cache().get(key, build), f"{kind or 'calendar'}.ics")


def ics_response(body: Body, filename: str):
    """200 with the exact bytes, or 304 for a matching If-None-Match / If-Modified-Since."""
    response = current_app.response_class(body.data, mimetype="text/calendar")
    response.set_etag(body.etag)
    response.last_modified = body.last_modified
    response.cache_control.public = True
    response.cache_control.no_cache = True  # store, but ask again: a 304 costs one small request
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response.make_conditional(request)


def query_text() -> str | None:
    q = unicodedata.normalize("NFC", request.args.get("q", "")).strip()
    if len(q) > MAX_QUERY:
        abort(400, f"q is longer than {MAX_QUERY} characters")
    return q or None


def _options(name: str) -> feeds.FeedOptions:
    alarm = None
    if "alarm" in request.args:
        try:
            alarm = feeds.parse_alarm(request.args["alarm"])
        except ValueError as exc:
            abort(400, str(exc))
    return feeds.FeedOptions(
        name=name, description=DESCRIPTION, alarm=alarm,
        refresh=timedelta(hours=float(current_app.config["FEED_REFRESH_HOURS"])),
        event_url=lambda e: public_url(f"/events/{e.uid}"),
    )


def _feed_name(kind: str | None, q: str | None) -> str:
    parts = [current_app.config["FEED_NAME"]]
    if kind:
        parts.append(feeds.KIND_NAMES[kind])
    if q:
        parts.append(q)
    return " · ".join(parts)


def _last_modified(events, changed_at: datetime | None, day) -> datetime | None:
    """Newest of: the feed's events, the store's last change (an edit may move an event out of this
    feed), and, on the real calendar, the start of today (yesterday's items age out at midnight)."""
    stamps = [feeds.newest_modification(events), changed_at]
    if not current_app.config.get("AS_OF"):
        stamps.append(datetime.combine(day, time(0), ZoneInfo(current_app.config["TIMEZONE"])).astimezone(UTC))
    newest = max((s for s in stamps if s is not None), default=None)
    return newest.replace(microsecond=0) if newest else None
