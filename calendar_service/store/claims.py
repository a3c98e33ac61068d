"""The outbox, as dispatchers empty it: rows claimed by one dispatcher at a time, finished under
the claim (rows are put in by ``outbox.py``).

- **claim**: due rows become ``claimed`` with a fresh token and a lease, atomically. PostgreSQL
  locks them with ``SELECT … FOR UPDATE SKIP LOCKED`` (concurrent dispatchers take different
  rows without waiting); SQLite runs one conditional ``UPDATE … RETURNING`` inside ``BEGIN
  IMMEDIATE`` (writers are serialised). The claim re-checks that the subscription is active and
  the event public, unchanged and (but for change notices) not cancelled.
- **finish** / **retry** / **release**: only while the row is still ``claimed`` with *our* token:
  a dispatcher whose lease expired and whose row was taken over changes nothing.
- **reap**: rows whose lease expired (their dispatcher died) go back to ``pending``.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.orm import aliased

from .database import Database
from .models import Event, OutboxRow, Subscription
from .outbox import superseded

CLAIMABLE = ("reminder", "digest", "change", "confirm", "links")
FOR_SUBSCRIBERS = ("reminder", "digest", "digest_item", "change")


@dataclass(frozen=True)
class Claimed:
    id: int
    key: str
    kind: str
    subscription_id: int
    event_id: int | None
    event_version: int | None
    lead_days: int | None
    anchor: str | None
    previous_anchor: str | None
    remind_at: datetime
    stale_at: datetime | None
    attempts: int


COLUMNS = [getattr(OutboxRow, name) for name in Claimed.__dataclass_fields__]


def event_still_valid(row, event=Event):
    """The event a row is about is public, at the row's version, and confirmed unless the row is a
    change notice (those announce cancellations)."""
    return exists().where(event.id == row.event_id, event.sequence == row.event_version,
                          event.published_at.is_not(None), or_(row.kind == "change", event.status == "confirmed"))


def claimable(row, now: datetime):
    later = aliased(OutboxRow)
    covered = exists().where(later.subscription_id == row.subscription_id, later.event_id == row.event_id,
                             later.kind == "reminder", later.remind_at > row.remind_at, later.remind_at <= now,
                             later.state.in_(("pending", "claimed", "sent")))
    active = exists().where(Subscription.id == row.subscription_id, Subscription.status == "active")
    return and_(row.state == "pending", row.due_at <= now, row.kind.in_(CLAIMABLE),
                or_(row.stale_at.is_(None), row.stale_at > now),
                or_(row.kind != "reminder", ~covered),  # an earlier lead of a due item: merged, not sent
                or_(row.kind.in_(("confirm", "links")), active),
                or_(row.event_id.is_(None), event_still_valid(row)))


def claim(db: Database, now: datetime, lease_until: datetime, limit: int, token: str) -> list[Claimed]:
    """Claim up to ``limit`` due rows for the holder of ``token`` until ``lease_until``."""
    row = aliased(OutboxRow)
    due = select(row.id).where(claimable(row, now)).order_by(row.due_at, row.id).limit(limit)
    claimed = dict(state="claimed", claim_token=token, lease_until=lease_until)
    with db.write() as session:
        if db.dialect == "postgresql":
            picked = due.with_for_update(skip_locked=True, of=row).cte("picked")
            target = OutboxRow.id.in_(select(picked.c.id))
        else:
            target = OutboxRow.id.in_(due)
        statement = (update(OutboxRow).where(target, OutboxRow.state == "pending").values(**claimed)
                     .returning(*COLUMNS).execution_options(synchronize_session=False))
        rows = [Claimed(*values) for values in session.execute(statement)]
    return sorted(rows, key=lambda c: (c.remind_at, c.id))


def reap(db: Database, now: datetime) -> int:
    """Give rows whose lease expired back to ``pending``; how many."""
    with db.write() as session:
        result = session.execute(update(OutboxRow).where(OutboxRow.state == "claimed", OutboxRow.lease_until < now)
                                 .values(state="pending", claim_token=None, lease_until=None)
                                 .execution_options(synchronize_session=False))
        return result.rowcount


def sweep(db: Database, now: datetime) -> tuple[int, int]:
    """(stale rows skipped, rows superseded by a changed event or a gone subscription)."""
    row = OutboxRow
    with db.write() as session:
        stale = session.execute(
            update(row).where(row.state == "pending", row.stale_at.is_not(None), row.stale_at <= now)
            .values(state="skipped", last_error="stale: its time had passed")
            .execution_options(synchronize_session=False)).rowcount
        gone = ~exists().where(Subscription.id == row.subscription_id, Subscription.status == "active")
        changed = and_(row.event_id.is_not(None), ~event_still_valid(row))
        replaced = session.execute(
            update(row).where(row.state.in_(("pending", "queued")), row.kind.in_(FOR_SUBSCRIBERS), or_(gone, changed))
            .values(**superseded("the event or the subscription changed"))
            .execution_options(synchronize_session=False)).rowcount
    return stale, replaced


def finish(db: Database, claimed: Claimed, token: str, state: str, now: datetime, *, error: str | None = None,
           message_id: str | None = None, members: dict[int, str] | None = None) -> bool:
    """Record the outcome of a claimed row (False: the claim was lost, nothing recorded).

    A sent reminder merges the earlier leads of the same item still waiting; a digest records
    each of its members (``members``: id -> state). One short transaction on a plain connection:
    this runs once per mail.
    """
    values = superseded(error or "superseded") if state == "superseded" else dict(state=state, last_error=error)
    with db.write_plain() as connection:
        done = connection.execute(_ours(claimed, token).values(
            **values, claim_token=None, lease_until=None, message_id=message_id,
            sent_at=now if state == "sent" else None,
            attempts=OutboxRow.attempts + (1 if state in ("sent", "failed") else 0))).rowcount == 1
        if not done:
            return False
        if state == "sent" and claimed.kind == "reminder":
            connection.execute(update(OutboxRow).where(
                OutboxRow.subscription_id == claimed.subscription_id, OutboxRow.event_id == claimed.event_id,
                OutboxRow.kind == "reminder", OutboxRow.state == "pending", OutboxRow.remind_at <= claimed.remind_at)
                .values(state="merged", last_error=f"covered by {claimed.key}"))
        for member_state, ids in _by_state(members or {}).items():
            member = (superseded("changed before the digest went") if member_state == "superseded"
                      else dict(state=member_state, sent_at=now if member_state == "sent" else None))
            connection.execute(update(OutboxRow).where(OutboxRow.id.in_(ids), OutboxRow.digest_id == claimed.id,
                                                       OutboxRow.state == "queued").values(**member))
        return True


def retry(db: Database, claimed: Claimed, token: str, due_at: datetime, error: str, *, count: bool = True) -> bool:
    """Back to ``pending`` until ``due_at``; ``count`` adds an attempt (a refusal by the server)."""
    values = dict(state="pending", claim_token=None, lease_until=None, due_at=due_at, last_error=error)
    if count:
        values["attempts"] = OutboxRow.attempts + 1
    with db.write_plain() as connection:
        return connection.execute(_ours(claimed, token).values(**values)).rowcount == 1


def release(db: Database, rows: Iterable[Claimed], token: str) -> int:
    """Give back claimed rows untouched (our lease is running out before we reach them)."""
    ids = [c.id for c in rows]
    if not ids:
        return 0
    with db.write() as session:
        return session.execute(update(OutboxRow).where(OutboxRow.id.in_(ids), OutboxRow.claim_token == token,
                                                       OutboxRow.state == "claimed")
                               .values(state="pending", claim_token=None, lease_until=None)
                               .execution_options(synchronize_session=False)).rowcount


def queue_members(db: Database, digest: Claimed, token: str, now: datetime) -> list[Claimed]:
    """Fix the items of a claimed digest (due items of its subscriber not yet in another digest)
    and return them, held under the digest's claim; a digest sent again after a crash has exactly
    the same items."""
    row = OutboxRow
    holder = aliased(OutboxRow)
    ours = exists().where(holder.id == digest.id, holder.claim_token == token, holder.state == "claimed")
    with db.write() as session:
        session.execute(update(row).where(
            row.subscription_id == digest.subscription_id, row.kind == "digest_item", row.state == "pending",
            row.digest_id.is_(None), row.remind_at <= now, or_(row.stale_at.is_(None), row.stale_at > now),
            event_still_valid(row), ours)
            .values(state="queued", digest_id=digest.id).execution_options(synchronize_session=False))
        return [Claimed(*values) for values in session.execute(
            select(*COLUMNS).where(OutboxRow.digest_id == digest.id, OutboxRow.state == "queued")
            .order_by(OutboxRow.remind_at, OutboxRow.id))]


def _ours(claimed: Claimed, token: str):
    return update(OutboxRow).where(OutboxRow.id == claimed.id, OutboxRow.claim_token == token,
                                   OutboxRow.state == "claimed")


def _by_state(members: dict[int, str]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = {}
    for member_id, state in members.items():
        grouped.setdefault(state, []).append(member_id)
    return grouped
