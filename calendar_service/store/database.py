"""Engines and sessions. The store is the only code that opens either.

SQLite runs in WAL mode with a busy timeout, and its write transactions start with
``BEGIN IMMEDIATE`` so that two writing processes queue on the lock instead of failing when one
of them tries to upgrade a read snapshot another has already overtaken.

What the database says goes out as the service's own errors (``calendar_service.errors``), so no
caller needs SQLAlchemy to tell a dead server (``StoreUnavailable``) from a refused row
(``NotStored``) or a conflict worth another try (``Conflict``). The few statements whose SQL
differs between PostgreSQL and SQLite (upserts) ask ``insert_for`` for their dialect.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import Conflict, NotStored, StoreUnavailable

DEFAULT_BUSY_TIMEOUT_MS = 30_000
#: PostgreSQL rolled the transaction back (serialisation failure, deadlock): it may be run again.
CONFLICT_SQLSTATES = {"40001", "40P01"}


def normalise_url(url: str | URL) -> URL:
    """``postgres://`` and ``postgresql://`` mean psycopg 3 here (the driver we install)."""
    url = make_url(url)
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def make_engine(url: str | URL, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    url = normalise_url(url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # durable across process crashes in WAL mode
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = "IMMEDIATE" if connection.get_execution_options().get("calendar_write") else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


class Database:
    """An engine plus the two kinds of session the rest of the store uses."""

    def __init__(self, url: str | URL, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS):
        self.engine = make_engine(url, busy_timeout_ms=busy_timeout_ms)
        self.writer = self.engine.execution_options(calendar_write=True)
        self._readers = sessionmaker(self.engine, expire_on_commit=False)
        self._writers = sessionmaker(self.writer, expire_on_commit=False)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Database:
        return cls(config["DATABASE_URL"], busy_timeout_ms=int(config["SQLITE_BUSY_TIMEOUT"]))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; whatever it did is rolled back at the end."""
        with translated(), self._readers() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with translated(), self._writers.begin() as session:
            yield session

    @contextmanager
    def write_plain(self) -> Iterator[Connection]:
        """One transaction on a plain connection (no ORM): for statements run once per mail."""
        with translated(), self.writer.begin() as connection:
            yield connection

    @cached_property
    def revision_reader(self):
        """The store revision, read on a connection kept for it (``revision.HeldRevision``)."""
        from .revision import HeldRevision  # revision imports this module

        return HeldRevision(self)

    def dispose(self) -> None:
        if "revision_reader" in self.__dict__:
            self.__dict__.pop("revision_reader").close()
        self.engine.dispose()


def insert_for(session: Session, model):
    """``INSERT`` for ``model`` in the session's dialect, which offers ``on_conflict_do_…``."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model)


@contextmanager
def translated() -> Iterator[None]:
    """The database's errors as the service's: Conflict, StoreUnavailable or NotStored."""
    try:
        yield
    except DBAPIError as exc:
        reason = " ".join(str(exc.orig).split()) if exc.orig is not None else str(exc)
        if getattr(exc.orig, "sqlstate", None) in CONFLICT_SQLSTATES:
            raise Conflict(reason) from exc
        if isinstance(exc, (OperationalError, InterfaceError)):
            raise StoreUnavailable(reason) from exc
        raise NotStored(reason) from exc
