"""What a request needs from its app: the store, the caches, "today" and absolute links.

Kept apart from ``web/__init__.py`` (which registers the blueprints) so that the blueprints can
import these without an import running back up to the package that imports them, as flaskr keeps
``get_db`` in ``db.py``.
"""
from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, request

from ..store import Database, revision_value
from .cache import BodyCache

_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def db() -> Database:
    return current_app.extensions["calendar_db"]


def feed_cache() -> BodyCache:
    return current_app.extensions["calendar_feed_cache"]


def store_revision() -> int:
    """The store's revision (cache key of everything built from it), asked of the database on each
    call unless REVISION_CHECK_SECONDS allows reusing the last answer for a while."""
    ttl = float(current_app.config["REVISION_CHECK_SECONDS"])
    if ttl <= 0:
        return revision_value(db())
    checked, value = current_app.extensions["calendar_revision"]
    now = time.monotonic()
    if value is None or now - checked >= ttl:
        value = revision_value(db())
        current_app.extensions["calendar_revision"] = (now, value)
    return value


def now() -> datetime:
    """This instant, aware, in UTC; ``app.extensions["calendar_clock"]`` (a function) stops it for tests,
    as it does for the reminders."""
    clock = current_app.extensions.get("calendar_clock")
    return clock() if clock is not None else datetime.now(UTC)


def today() -> date:
    """``AS_OF`` when set (``--as-of``, ``CALENDAR_AS_OF``), else the real date in ``TIMEZONE``."""
    as_of = current_app.config.get("AS_OF")
    if isinstance(as_of, date):
        return as_of
    if as_of:
        return date.fromisoformat(str(as_of))
    return datetime.now(ZoneInfo(current_app.config["TIMEZONE"])).date()


def open_ended_days() -> int:
    """How long an open-ended item stays current after it was last confirmed (OPEN_ENDED_DAYS)."""
    return int(current_app.config["OPEN_ENDED_DAYS"])


def base_url() -> str:
    """PUBLIC_URL when configured, else this request's scheme and host (links inside feeds use it)."""
    return current_app.config.get("PUBLIC_URL") or f"{request.scheme}://{request.host}/"


def public_url(path: str) -> str:
    """An absolute link for ``path`` (``/events/…``)."""
    return base_url().rstrip("/") + path


def source_url(key: str, source: str | None = None) -> str | None:
    """The public address a notice came from: its stored source or its identity when either is an
    http(s) URL (notices fetched from the web), else None. A file's path is the server's business."""
    for candidate in (source, key):
        if candidate and candidate.startswith(("https://", "http://")) and not _CONTROL.search(candidate):
            return candidate
    return None
