"""Sources and their polling state: added, paused, removed, listed with their health, and claimed
by one poller at a time (the articles read from them are ``articles.py``'s).

- **claim**: a due, enabled source whose host nobody is polling becomes ours with a fresh token
  and a lease, in one conditional ``UPDATE … WHERE (lease expired) RETURNING``. On PostgreSQL the
  candidate row is picked ``FOR UPDATE SKIP LOCKED`` and the claim holds a transaction-scoped
  advisory lock, so that two claims never both see a host as free; on SQLite ``BEGIN IMMEDIATE``
  serialises them. The conditional UPDATE alone is what keeps one source from being polled twice
  at once: a second claimer's WHERE no longer matches.
- **finish**: the outcome of a poll is written only while the claim is still ours (same token):
  a poller whose lease ran out and whose source was taken over changes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, text, update

from ..errors import InvalidInput, SourceNotFound
from .database import Database
from .models import Source as SourceRow
from .models import SourceArticle

CLAIM_LOCK = 0x736F_7572_6365  # "source": advisory lock key of claims on PostgreSQL


@dataclass(frozen=True)
class NewSource:
    """A source as a person describes it (``sources.spec.new_source`` checks it)."""

    name: str
    url: str
    host: str
    kind: str
    link_pattern: str | None
    issuer: str | None
    every_seconds: int


@dataclass(frozen=True)
class Source(NewSource):
    """A stored source with its polling state."""

    id: int
    enabled: bool
    created_at: datetime
    next_poll_at: datetime
    last_poll_at: datetime | None
    etag: str | None
    last_modified: str | None
    last_success_at: datetime | None
    last_new_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    failures: int
    lease_until: datetime | None

    def health(self, broken_after: int) -> str:
        """paused, new (never polled), broken (``broken_after`` failed polls in a row), failing
        (fewer), or ok."""
        if not self.enabled:
            return "paused"
        if self.failures >= broken_after:
            return "broken"
        if self.failures:
            return "failing"
        return "ok" if self.last_poll_at is not None else "new"


@dataclass(frozen=True)
class SourceHealth:
    """A source with what it brought: notices ingested from it and articles that keep failing."""

    source: Source
    notices: int
    failed_articles: int


COLUMNS = [getattr(SourceRow, name) for name in Source.__dataclass_fields__]


@dataclass(frozen=True)
class PollOutcome:
    """What a poll changes on its source. ``error`` None: a success (failures back to 0)."""

    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    new_notices: int = 0
    keep_validators: bool = False  # a 304 or a failure: the stored ETag / Last-Modified stand


def add_source(db: Database, new: NewSource, now: datetime) -> Source:
    with db.write() as session:
        if session.scalar(select(SourceRow.id).where(SourceRow.name == new.name)) is not None:
            raise InvalidInput(f"a source named {new.name!r} already exists")
        row = SourceRow(**vars(new), enabled=True, created_at=now, next_poll_at=now, failures=0)
        session.add(row)
        session.flush()
        return _value(row)


def remove_source(db: Database, name: str) -> int:
    """Forget a source and its articles (the notices it brought stay); the articles it had."""
    with db.write() as session:
        source_id = _id_of(session, name)
        count = session.scalar(select(func.count()).where(SourceArticle.source_id == source_id))
        session.execute(delete(SourceArticle).where(SourceArticle.source_id == source_id))
        session.execute(delete(SourceRow).where(SourceRow.id == source_id))
        return count


def set_enabled(db: Database, name: str, enabled: bool, now: datetime) -> None:
    """Pause or resume; a resumed source is due at once."""
    values = dict(enabled=enabled) | ({"next_poll_at": now} if enabled else {})
    with db.write() as session:
        session.execute(update(SourceRow).where(SourceRow.id == _id_of(session, name)).values(**values))


def poll_soon(db: Database, name: str, now: datetime) -> None:
    """Make a source due now: the scheduler's next tick polls it."""
    with db.write() as session:
        session.execute(update(SourceRow).where(SourceRow.id == _id_of(session, name)).values(next_poll_at=now))


def source_by_name(db: Database, name: str) -> Source | None:
    with db.read() as session:
        row = session.execute(select(*COLUMNS).where(SourceRow.name == name)).one_or_none()
        return Source(*row) if row is not None else None


def list_sources(db: Database) -> list[SourceHealth]:
    """Every source by name, with its notice count and failing articles."""
    notices = (select(func.count(func.distinct(SourceArticle.notice_key)))
               .where(SourceArticle.source_id == SourceRow.id, SourceArticle.state == "ingested")
               .correlate(SourceRow).scalar_subquery())
    failed = (select(func.count()).where(SourceArticle.source_id == SourceRow.id, SourceArticle.state == "failed")
              .correlate(SourceRow).scalar_subquery())
    with db.read() as session:
        rows = session.execute(select(*COLUMNS, notices, failed).order_by(SourceRow.name))
        return [SourceHealth(Source(*row[:-2]), row[-2], row[-1]) for row in rows]


def claim(db: Database, now: datetime, lease_until: datetime, token: str, *,
          names: list[str] | None = None) -> Source | None:
    """Claim one source for the holder of ``token`` until ``lease_until``, or None.

    Without ``names``: the enabled source due longest. With ``names``: any of them, due or not
    (``sources poll NAME``), skipping those polled elsewhere now. Never a source whose host another
    poller is on, so per-host politeness holds across processes.
    """
    free = or_(SourceRow.lease_until.is_(None), SourceRow.lease_until <= now)
    busy_hosts = select(SourceRow.host).where(SourceRow.claim_token.is_not(None), SourceRow.lease_until > now)
    pick = select(SourceRow.id).where(free, SourceRow.host.not_in(busy_hosts))
    if names is None:
        pick = pick.where(SourceRow.enabled, SourceRow.next_poll_at <= now)
    else:
        pick = pick.where(SourceRow.name.in_(names))
    pick = pick.order_by(SourceRow.next_poll_at, SourceRow.id).limit(1)
    with db.write() as session:
        if db.dialect == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CLAIM_LOCK})
            pick = pick.with_for_update(skip_locked=True, of=SourceRow)
        source_id = session.scalar(pick)
        if source_id is None:
            return None
        row = session.execute(update(SourceRow).where(SourceRow.id == source_id, free)
                              .values(claim_token=token, lease_until=lease_until).returning(*COLUMNS)
                              .execution_options(synchronize_session=False)).one_or_none()
        return Source(*row) if row is not None else None


def finish(db: Database, source: Source, token: str, outcome: PollOutcome, now: datetime) -> bool:
    """Record a poll's outcome and release the claim (False: the claim was lost, nothing written)."""
    values = dict(claim_token=None, lease_until=None, last_poll_at=now,
                  next_poll_at=now + timedelta(seconds=source.every_seconds))
    if outcome.error is None:
        values.update(failures=0, last_success_at=now)
    else:
        values.update(failures=SourceRow.failures + 1, last_error=outcome.error[:2000], last_error_at=now)
    if not outcome.keep_validators:
        values.update(etag=outcome.etag, last_modified=outcome.last_modified)
    if outcome.new_notices:
        values["last_new_at"] = now
    with db.write_plain() as connection:
        return connection.execute(update(SourceRow).where(SourceRow.id == source.id, SourceRow.claim_token == token)
                                  .values(**values)).rowcount == 1


def release(db: Database, source: Source, token: str) -> None:
    """Give a claimed source back untouched (the poller stops before polling it)."""
    with db.write_plain() as connection:
        connection.execute(update(SourceRow).where(SourceRow.id == source.id, SourceRow.claim_token == token)
                           .values(claim_token=None, lease_until=None))


def _id_of(session, name: str) -> int:
    found = session.scalar(select(SourceRow.id).where(SourceRow.name == name))
    if found is None:
        raise SourceNotFound(name)
    return found


def _value(row: SourceRow) -> Source:
    return Source(*(getattr(row, name) for name in Source.__dataclass_fields__))
