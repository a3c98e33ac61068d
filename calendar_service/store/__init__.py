"""The store: SQLAlchemy models of notices and events, and the only code that opens sessions."""
from .changes import EventCounts
from .database import Database, make_engine, normalise_url
from .events import StoredEvent, list_events, revision
from .notices import (NoticeDraft, NoticeNotFound, ReviewPolicy, SaveResult, known_notices, save_notice,
                      withdraw_notice)
from .schema import SchemaOutOfDate, current_revision, head_revision, migrate, require_current, upgrade

__all__ = [
    "Database",
    "EventCounts",
    "NoticeDraft",
    "NoticeNotFound",
    "ReviewPolicy",
    "SaveResult",
    "SchemaOutOfDate",
    "StoredEvent",
    "current_revision",
    "head_revision",
    "known_notices",
    "list_events",
    "make_engine",
    "migrate",
    "normalise_url",
    "require_current",
    "revision",
    "save_notice",
    "upgrade",
    "withdraw_notice",
]
