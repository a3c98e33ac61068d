"""Fixed-window rate limits kept in the database, so every process and machine counts together.

One upsert per hit: the row of a key is created, or counted up within its window, or restarted
in a new window, atomically in both SQLite and PostgreSQL. Keys are hashed: the table never holds
an address in clear. Hits run inside the transaction of the request they count
(``subscriptions.request_subscription``), so a refused request leaves nothing behind. Rows of
windows long past are deleted by ``prune`` (the scheduler's prune tick), so the table holds about
one hour of clients, not every address ever seen.
"""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import case, delete
from sqlalchemy.orm import Session

from .database import Database, insert_for
from .models import RateLimit


def limit_key(kind: str, value: str) -> str:
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:40]}"


def hit(session: Session, key: str, now: datetime, *, limit: int, window: timedelta = timedelta(hours=1)) -> bool:
    """Count one use of ``key``; False once it was used ``limit`` times in the current window."""
    seconds = window.total_seconds()
    start = datetime.fromtimestamp(now.timestamp() // seconds * seconds, UTC)
    statement = insert_for(session, RateLimit).values(key=key, window_start=start, count=1)
    statement = statement.on_conflict_do_update(index_elements=["key"], set_={
        "count": case((RateLimit.window_start == start, RateLimit.count + 1), else_=1),
        "window_start": start,
    }).returning(RateLimit.count)
    return session.execute(statement).scalar_one() <= limit


def prune(db: Database, now: datetime, *, older_than: timedelta = timedelta(days=1)) -> int:
    """Delete counters whose window started more than ``older_than`` ago (every window here is an
    hour: a day leaves a wide margin); how many went."""
    with db.write() as session:
        return session.execute(delete(RateLimit).where(RateLimit.window_start < now - older_than)).rowcount
