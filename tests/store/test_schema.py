"""Migrations on SQLite and PostgreSQL: they build exactly the models, and a missing schema is said."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from calendar_service.errors import SchemaOutOfDate
from calendar_service.store import Database, head_revision, require_current, upgrade
from calendar_service.store.models import Base, Notice


def test_migrations_build_exactly_the_models(db):
    with db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    assert upgrade(db) == head_revision()  # a second upgrade is a no-op
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Notice)) == 0


def test_a_database_without_the_schema_is_reported(database_url):
    database = Database(database_url)
    try:
        with pytest.raises(SchemaOutOfDate, match="db upgrade"):
            require_current(database)
        upgrade(database)
        require_current(database)
    finally:
        database.dispose()
