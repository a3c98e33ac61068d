"""The outbox, as the materialise pass fills it: rows inserted once under keys that say what they
are for, and what that pass needs to read first.

- **keys**: ``r:<subscription>:<event>:<lead days>:<event sequence>`` for a reminder,
  ``d:<subscription>:<day>`` for a day's digest, ``c:<subscription>:<event>:<sequence>`` for a
  change notice, ``confirm:…`` / ``links:…`` (random) for account mail;
- **insert**: ``INSERT … ON CONFLICT (key) DO NOTHING``, so materialising twice, or in two
  processes at once, inserts each row once;
- a **superseded** row's key gets its id appended, so that the same reminder can be made again
  (after re-subscribing, or changing preferences back).

The dispatcher's side (claims, leases, outcomes) is ``claims.py``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from .database import Database, insert_for
from .events import TrackedEvent, tracked
from .models import Event, Notice, OutboxRow
from .models import Subscription as SubscriptionRow

ABOUT_EVENTS = ("reminder", "digest_item", "change")
FINISHED = ("sent", "failed", "skipped")


@dataclass(frozen=True)
class Entry:
    """A row to insert (its due time starts as ``remind_at``)."""

    key: str
    kind: str
    subscription_id: int
    remind_at: datetime
    event_id: int | None = None
    event_version: int | None = None
    lead_days: int | None = None
    anchor: str | None = None  # what it reminds of ("due:2022-12-25"): a change there is worth a notice
    previous_anchor: str | None = None  # change notices: what the subscriber knew
    stale_at: datetime | None = None


@dataclass(frozen=True)
class Sent:
    """A reminder that went out about an event that has changed since (its sequence rose)."""

    subscription_id: int
    event: TrackedEvent
    version: int  # the event's sequence the reminder was about
    anchor: str | None
    stale_at: datetime | None
    timezone: str  # the subscriber's
    quiet: tuple[int, int] | None


def reminder_key(subscription_id: int, event_id: int, lead_days: int, version: int) -> str:
    return f"r:{subscription_id}:{event_id}:{lead_days}:{version}"


def digest_key(subscription_id: int, day: date) -> str:
    return f"d:{subscription_id}:{day.isoformat()}"


def change_key(subscription_id: int, event_id: int, version: int) -> str:
    return f"c:{subscription_id}:{event_id}:{version}"


def superseded(reason: str) -> dict:
    """Column values of a superseded row (see the module docstring for its key)."""
    return dict(state="superseded", last_error=reason, key=OutboxRow.key + "~" + cast(OutboxRow.id, String))


def insert(db: Database, entries: Iterable[Entry], now: datetime) -> int:
    """Insert the entries whose key is new; the number inserted."""
    rows = [_columns(entry, now) for entry in entries]
    if not rows:
        return 0
    with db.write() as session:
        return _insert(session, rows)


def insert_digests(db: Database, days: Mapping[int, Iterable[date]], remind_at: Callable[[int, date], datetime],
                   now: datetime) -> int:
    """One digest row per subscriber (``days``: subscription id -> local days that have items) and
    day, at ``remind_at(subscription id, day)``; a day whose digest went already moves on to the next."""
    if not days:
        return 0
    with db.write() as session:
        done = set(session.scalars(select(OutboxRow.key).where(
            OutboxRow.kind == "digest", OutboxRow.subscription_id.in_(list(days)), OutboxRow.state.in_(FINISHED))))
        rows = []
        for subscription_id, wanted in days.items():
            for day in sorted(wanted):
                while digest_key(subscription_id, day) in done:  # that day's digest went already
                    day += timedelta(days=1)
                at = remind_at(subscription_id, day)
                rows.append(_columns(Entry(digest_key(subscription_id, day), "digest", subscription_id, at), now))
        return _insert(session, rows)


def existing_reminders(db: Database, event_ids: list[int]) -> set[tuple[int, int, int, str]]:
    """(subscription, event, lead, anchor) of every live reminder row of these events."""
    found = set()
    with db.read() as session:
        for start in range(0, len(event_ids), 500):
            found.update(session.execute(
                select(OutboxRow.subscription_id, OutboxRow.event_id, OutboxRow.lead_days, OutboxRow.anchor)
                .where(OutboxRow.event_id.in_(event_ids[start:start + 500]),
                       OutboxRow.kind.in_(("reminder", "digest_item")), OutboxRow.state != "superseded")).all())
    return found


def sent_about_changed_events(db: Database, since: datetime) -> list[Sent]:
    """Reminders sent to active subscribers about events that changed after they were first
    public, still useful after ``since``."""
    query = (select(OutboxRow.subscription_id, OutboxRow.event_version, OutboxRow.anchor, OutboxRow.stale_at,
                    Event, Notice.key, SubscriptionRow.timezone, SubscriptionRow.quiet_start,
                    SubscriptionRow.quiet_end)
             .join(Event, Event.id == OutboxRow.event_id).join(Notice, Notice.id == Event.notice_id)
             .join(SubscriptionRow, SubscriptionRow.id == OutboxRow.subscription_id)
             .where(OutboxRow.state == "sent", OutboxRow.kind.in_(ABOUT_EVENTS), Event.sequence > 0,
                    SubscriptionRow.status == "active", OutboxRow.stale_at > since))
    with db.read() as session:
        return [Sent(subscription_id, tracked(event, key), version, anchor, stale_at, zone,
                     (quiet_start, quiet_end) if quiet_start is not None and quiet_end is not None else None)
                for subscription_id, version, anchor, stale_at, event, key, zone, quiet_start, quiet_end
                in session.execute(query)]


def counts(db: Database) -> tuple[list[tuple[str, int]], list[tuple[str, str, int]]]:
    """(subscriptions per status, outbox rows per kind and state): ``reminders status``."""
    with db.read() as session:
        rows = session.execute(select(OutboxRow.kind, OutboxRow.state, func.count())
                               .group_by(OutboxRow.kind, OutboxRow.state).order_by(OutboxRow.kind)).all()
        people = session.execute(select(SubscriptionRow.status, func.count())
                                 .group_by(SubscriptionRow.status)).all()
    return [tuple(p) for p in people], [tuple(r) for r in rows]


def _insert(session: Session, rows: list[dict]) -> int:
    inserted = 0
    for start in range(0, len(rows), 500):  # SQLite allows so many parameters in one statement
        statement = insert_for(session, OutboxRow).values(rows[start:start + 500])
        statement = statement.on_conflict_do_nothing(index_elements=["key"]).returning(OutboxRow.id)
        inserted += len(session.execute(statement).all())
    return inserted


def _columns(entry: Entry, now: datetime) -> dict:
    return dict(key=entry.key, kind=entry.kind, subscription_id=entry.subscription_id, event_id=entry.event_id,
                event_version=entry.event_version, lead_days=entry.lead_days, anchor=entry.anchor,
                previous_anchor=entry.previous_anchor, remind_at=entry.remind_at, due_at=entry.remind_at,
                stale_at=entry.stale_at, state="pending", attempts=0, created_at=now)
