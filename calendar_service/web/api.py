"""JSON API: /api/events, /api/events/<uid>, /api/notices/<id>, /api/openapi.json.

Nothing here shows a path of the server's file system: a notice is its identity (``id``) and, when
it came from the web, its public address (``source``).

Listing filters mean what they mean for ``calendar-service events``: ``from``/``to`` select the
events overlapping those days (an open-ended event overlaps every later day), ``q`` is a substring
of title, place or description. Without ``from`` the listing is what is current today, as on the
home page (ending today or later, or open-ended and confirmed lately), so its cost does not grow
with the past; ``from=1900-01-01`` asks for everything. Errors are ``{"status", "error", "message"}`` with the status code.
"""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, jsonify, request, url_for

from ..kinds import KINDS
from ..store import EventFilter, StoredEvent, event_by_uid, page_of_events
from ..store.listing import current_events, notice_by_key
from .context import db, open_ended_days, public_url, source_url, today
from .openapi import openapi_document
from .page_cache import cached

bp = Blueprint("api", __name__, url_prefix="/api")
STATUSES = ("confirmed", "cancelled")
MAX_QUERY = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@bp.get("/events")
@cached
def events():
    where = EventFilter(
        kind=_choice("kind", tuple(KINDS)), status=_choice("status", STATUSES),
        start=_date("from"), end=_date("to"), q=_text("q"),
    )
    limit = _integer("limit", current_app.config["API_PAGE_SIZE"], 1, current_app.config["API_MAX_PAGE_SIZE"])
    offset = _integer("offset", 0, 0, 10**9)
    if where.start is None:  # what is current, as on the home page: index ranges, not all history
        page = current_events(db(), today(), where, limit=limit, offset=offset, open_ended_days=open_ended_days())
    else:
        page = page_of_events(db(), where, limit=limit, offset=offset)
    following = None
    if offset + len(page.events) < page.total:
        args = {k: v for k, v in request.args.items() if k not in ("limit", "offset")}
        args.update(limit=limit, offset=offset + limit)
        following = public_url(f"{url_for('api.events')}?{urlencode(args)}")
    return jsonify(events=[event_json(e) for e in page.events], total=page.total,
                   limit=limit, offset=offset, next=following)


@bp.get("/events/<uid>")
@cached
def event(uid: str):
    stored = event_by_uid(db(), uid)
    if stored is None:
        abort(404, f"no event with uid {uid!r}")
    return jsonify(event_json(stored))


@bp.get("/notices/<path:key>")
@cached
def notice(key: str):
    found = notice_by_key(db(), key)
    if found is None:
        abort(404, f"no notice with id {key!r}")
    return jsonify(
        id=found.key, source=source_url(found.key, found.source), published=found.published.isoformat(), status=found.status,
        ingested_at=found.ingested_at.isoformat(timespec="seconds"),
        updated_at=found.updated_at.isoformat(timespec="seconds"),
        text=found.text, events=[event_json(e) for e in found.events],
    )


@bp.get("/openapi.json")
@cached
def openapi():
    return jsonify(openapi_document(public_url("/")))


def event_json(event: StoredEvent) -> dict:
    """The stored event's JSON with its source said publicly: the notice's identity and public
    address, never the path of the file it was ingested from (``source.file`` of ``extract``)."""
    data = event.to_json()
    data["source"] = {"notice": event.notice_id, "url": source_url(event.notice_id), "text": event.source.text,
                      "start": event.source.start, "end": event.source.end}
    data["links"] = {
        "self": public_url(f"/api/events/{event.uid}"),
        "ics": public_url(f"/events/{event.uid}.ics"),
        "page": public_url(f"/events/{event.uid}"),
        "notice": public_url(f"/api/notices/{event.notice_id}"),
    }
    return data


def _choice(name: str, allowed: tuple[str, ...]) -> str | None:
    value = request.args.get(name)
    if value is None:
        return None
    if value not in allowed:
        abort(400, f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def _date(name: str) -> date | None:
    value = request.args.get(name)
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        abort(400, f"{name} must be a date YYYY-MM-DD; got {value!r}")


def _integer(name: str, default: int, low: int, high: int) -> int:
    value = request.args.get(name)
    if value is None:
        return default
    if not re.fullmatch(r"[+-]?\d{1,12}", value.strip()) or not low <= int(value) <= high:
        abort(400, f"{name} must be an integer from {low} to {high}; got {value!r}")
    return int(value)


def _text(name: str) -> str | None:
    value = request.args.get(name)
    if value is None:
        return None
    if len(value) > MAX_QUERY:
        abort(400, f"{name} is longer than {MAX_QUERY} characters")
    return _CONTROL.sub("", value).strip() or None
