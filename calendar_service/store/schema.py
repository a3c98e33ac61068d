"""Schema migrations (Alembic, packaged in ``migrations/``), run from code: no alembic.ini needed.

On PostgreSQL the upgrade holds an advisory lock, so that several processes starting at once
(``serve`` on many machines) apply each migration exactly once; on SQLite ``BEGIN IMMEDIATE``
does the same job.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import text

from ..errors import SchemaOutOfDate
from .database import Database, translated
from .rendered import refresh

MIGRATIONS = Path(__file__).with_name("migrations")
LOCK_KEY = 0x6361_6C65_6E64  # "calend": the advisory lock key of migrations


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with translated(), db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> str | None:
    """Apply pending migrations (idempotent); returns the revision the database is now at."""
    return migrate(db, revision)[1]


def migrate(db: Database, revision: str = "head") -> tuple[str | None, str | None]:
    """Apply pending migrations; (revision before, revision after), both read under the lock. At
    the head, stored VEVENTs of another renderer are rendered again (store/rendered.py).

    SchemaOutOfDate when the database is at a revision this code does not know (a newer release
    migrated it)."""
    config = alembic_config()
    with db.write_plain() as connection:
        if db.dialect == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        before = MigrationContext.configure(connection).get_current_revision()
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, revision)
        except CommandError as exc:
            raise SchemaOutOfDate(f"the database is at schema {before}, which this version does not know: {exc}"
                                  ) from exc
        after = MigrationContext.configure(connection).get_current_revision()
        if after == head_revision():  # the columns are there: bytes of an older renderer are rendered again
            refresh(connection)
    return before, after


def require_current(db: Database) -> None:
    """Raise SchemaOutOfDate unless every migration has been applied."""
    current, head = current_revision(db), head_revision()
    if current != head:
        state = "has no tables yet" if current is None else f"is at schema {current}, not {head}"
        raise SchemaOutOfDate(f"the database {state}; run `calendar-service db upgrade`")
