"""The store revision: one counter every committing writer increments, the cache key of every
feed and page built from the store, on every machine at once."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .database import Database, insert_for
from .models import Revision


def revision(db: Database) -> tuple[int, datetime | None]:
    """(number of committed changes so far, when the last one was made): a cross-process cache key."""
    with db.read() as session:
        row = session.execute(select(Revision.value, Revision.changed_at).where(Revision.id == 1)).first()
    return (row[0], row[1]) if row else (0, None)


def revision_value(db: Database) -> int:
    """The store revision alone, on a raw pooled DBAPI connection.

    This runs on every feed request, so it skips what ``revision`` pays for (a session, result
    processing, SQLite's explicit BEGIN): 8 µs instead of 150 µs on SQLite. The SQL is compiled
    from the model, once per database.
    """
    sql = db.__dict__.get("_revision_sql")
    if sql is None:
        statement = select(Revision.value).where(Revision.id == 1)
        sql = db.__dict__["_revision_sql"] = str(statement.compile(db.engine, compile_kwargs={"literal_binds": True}))
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(sql)
            row = cursor.fetchone()
        finally:
            cursor.close()
    finally:
        connection.close()  # back to the pool, which rolls back (PostgreSQL opened a transaction)
    return int(row[0]) if row else 0


def bump(session: Session, now: datetime) -> None:
    """Count one more committed change (the last statement before commit: a short row lock)."""
    session.flush()
    statement = insert_for(session, Revision).values(id=1, value=1, changed_at=now)
    statement = statement.on_conflict_do_update(
        index_elements=["id"], set_={"value": Revision.value + 1, "changed_at": now})
    session.execute(statement)
