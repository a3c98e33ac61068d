"""The store: the only code that opens sessions or knows the tables. It hands out plain values
(``StoredEvent``, ``Subscription``, ``Claimed`` …) from functions that own every query, and raises
the service's own errors (``calendar_service.errors``), so that no caller needs SQLAlchemy.

The modules by concern: ``events`` and ``listing`` (reading events and notices), ``notices``,
``review`` and ``manual`` (writing them; ``manual``: the items a person adds, splits or merges at
the desk), ``history`` and ``revision``, ``subscriptions``, ``outbox`` and ``claims`` (reminders),
``ratelimits``, ``logins`` (the desk's sessions and login brakes), ``rendered`` (each event version's VEVENT, rendered by a hook whenever a version is written: it is
imported here so that the hook is in place before anything writes); ``database``, ``models`` and
``schema`` underneath.
"""
from . import claims, events, history, listing, logins, manual, outbox, ratelimits, rendered, review, subscriptions
from .changes import EventCounts
from .database import Database, make_engine, normalise_url
from .events import EventFilter, Page, StoredEvent, TrackedEvent, event_by_uid, feed_conditions, list_events, page_of_events
from .notices import NoticeDraft, ReviewPolicy, SaveResult, content_hash, known_notices, save_notice, withdraw_notice
from .revision import revision, revision_value
from .schema import current_revision, head_revision, migrate, require_current, upgrade

__all__ = [
    "Database",
    "EventCounts",
    "EventFilter",
    "NoticeDraft",
    "Page",
    "ReviewPolicy",
    "SaveResult",
    "StoredEvent",
    "TrackedEvent",
    "claims",
    "content_hash",
    "current_revision",
    "event_by_uid",
    "events",
    "feed_conditions",
    "head_revision",
    "history",
    "known_notices",
    "list_events",
    "listing",
    "logins",
    "make_engine",
    "manual",
    "migrate",
    "normalise_url",
    "outbox",
    "page_of_events",
    "ratelimits",
    "rendered",
    "require_current",
    "review",
    "revision",
    "revision_value",
    "save_notice",
    "subscriptions",
    "upgrade",
    "withdraw_notice",
]
