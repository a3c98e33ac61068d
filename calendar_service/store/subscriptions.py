"""Subscriptions: asking, confirming, changing and ending them, and reading them back.

Nothing here tells its caller whether an address is subscribed: ``request_subscription`` and
``request_links`` return nothing, whatever they found, and the mail they queue (a confirmation,
or the links of an existing subscription) goes to the address itself. Mail is queued in the
outbox in the same transaction, so a request that was answered is a mail that will go out.
A subscription that is already active is never changed by an unauthenticated request.

Readers get ``Subscription`` values (plain, frozen); the rows stay in the store.
"""
from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..errors import RateLimited
from . import models, ratelimits
from .database import Database, insert_for
from .models import OutboxRow
from .outbox import superseded


@dataclass(frozen=True)
class Preferences:
    """How and when mail comes (a subscriber may change these on the manage page)."""

    lead_days: tuple[int, ...] | None = None
    digest: bool = False
    quiet: tuple[int, int] | None = None  # minutes after midnight: start, end
    timezone: str = "Asia/Shanghai"


@dataclass(frozen=True)
class Choices:
    """What a subscriber asks for: an address, a selection (kinds, a search, a category, a place),
    preferences."""

    email: str
    kinds: tuple[str, ...] | None
    q: str | None
    preferences: Preferences
    category: str | None = None
    place: str | None = None

    @property
    def email_key(self) -> str:
        return self.email.lower()

    @property
    def selection_key(self) -> str:
        return selection_key(self.kinds, self.q, self.category, self.place)


@dataclass(frozen=True)
class Subscription:
    """One address following one selection, with its delivery preferences."""

    id: int
    email: str
    email_key: str
    kinds: tuple[str, ...] | None  # None: every kind
    q: str | None
    lead_days: tuple[int, ...] | None  # None: 7 and 1 before a deadline, 1 before the rest
    digest: bool
    quiet_start: int | None  # minutes after local midnight
    quiet_end: int | None
    timezone: str
    status: str  # pending | active | unsubscribed
    confirmed_at: datetime | None
    category: str | None = None  # None: every category
    place: str | None = None  # None: anywhere


@dataclass(frozen=True)
class Limits:
    per_address: int = 3  # confirmation and link mails to one address per hour
    per_client: int = 30  # requests from one client address per hour
    confirm_hours: float = 72  # a queued confirmation or link mail is useless after this long


def selection_key(kinds, q: str | None, category: str | None = None, place: str | None = None) -> str:
    """What makes two subscriptions of one address the same selection. Without a category or a
    place the key is what it was before they existed, so stored subscriptions keep theirs."""
    parts = [sorted(kinds) if kinds else None, q or None]
    if category or place:
        parts += [category or None, place or None]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


def request_subscription(db: Database, choices: Choices, now: datetime, *, client: str, limits: Limits) -> None:
    """Create or refresh a pending subscription and queue its confirmation, or queue the links of
    the active one. Raises RateLimited when ``client`` asked too often."""
    with db.write() as session:
        if not ratelimits.hit(session, ratelimits.limit_key("client", client), now, limit=limits.per_client):
            raise RateLimited
        mail_allowed = ratelimits.hit(session, ratelimits.limit_key("address", choices.email_key), now,
                                      limit=limits.per_address)
        # INSERT … ON CONFLICT DO NOTHING, then lock the row: two requests at once end as one row
        new = session.execute(insert_for(session, models.Subscription).values(
            email=choices.email, email_key=choices.email_key, selection_key=choices.selection_key,
            kinds=list(choices.kinds) if choices.kinds else None, q=choices.q, category=choices.category,
            place=choices.place, status="pending", created_at=now,
            **_columns(choices.preferences, now)).on_conflict_do_nothing(
            index_elements=["email_key", "selection_key"]).returning(models.Subscription.id)).scalar_one_or_none()
        found = session.scalars(select(models.Subscription)
                                .where(models.Subscription.email_key == choices.email_key,
                                       models.Subscription.selection_key == choices.selection_key)
                                .with_for_update()).one()
        if new is None and found.status != "active":  # unconfirmed or unsubscribed: nothing to protect yet
            _apply(found, choices.preferences, now)
            found.email, found.status, found.unsubscribed_at = choices.email, "pending", None
        if mail_allowed:
            kind = "links" if found.status == "active" else "confirm"
            _enqueue(session, kind, found.id, now, stale_at=now + timedelta(hours=limits.confirm_hours))


def request_links(db: Database, email_key: str, now: datetime, *, client: str, limits: Limits) -> None:
    """Queue one mail with the manage links of every subscription of an address (none: no mail)."""
    with db.write() as session:
        if not ratelimits.hit(session, ratelimits.limit_key("client", client), now, limit=limits.per_client):
            raise RateLimited
        first = session.scalars(select(models.Subscription.id)
                                .where(models.Subscription.email_key == email_key,
                                       models.Subscription.status != "unsubscribed")
                                .order_by(models.Subscription.id).limit(1)).first()
        allowed = ratelimits.hit(session, ratelimits.limit_key("address", email_key), now, limit=limits.per_address)
        if first is not None and allowed:
            _enqueue(session, "links", first, now, stale_at=now + timedelta(hours=limits.confirm_hours))


def subscription(db: Database, subscription_id: int) -> Subscription | None:
    with db.read() as session:
        found = session.get(models.Subscription, subscription_id)
        return _value(found) if found is not None else None


def by_ids(db: Database, ids: Iterable[int]) -> dict[int, Subscription]:
    with db.read() as session:
        rows = session.scalars(select(models.Subscription).where(models.Subscription.id.in_(list(ids))))
        return {row.id: _value(row) for row in rows}


def of_address(db: Database, email_key: str) -> list[Subscription]:
    with db.read() as session:
        return [_value(row) for row in session.scalars(select(models.Subscription)
                                                       .where(models.Subscription.email_key == email_key)
                                                       .order_by(models.Subscription.id))]


def active(db: Database) -> list[Subscription]:
    with db.read() as session:
        return [_value(row) for row in session.scalars(select(models.Subscription)
                                                       .where(models.Subscription.status == "active"))]


def confirm(db: Database, subscription_id: int, now: datetime) -> Subscription | None:
    """Activate a pending subscription (an active one stays as it is); None if unsubscribed since."""
    with db.write() as session:
        found = session.get(models.Subscription, subscription_id, with_for_update=True)
        if found is None or found.status == "unsubscribed":
            return None
        if found.status == "pending":
            found.status, found.confirmed_at, found.updated_at = "active", now, now
        return _value(found)


def unsubscribe(db: Database, subscription_id: int, now: datetime) -> bool:
    """Stop a subscription; its waiting mail is superseded at once (and re-checked before sending)."""
    with db.write() as session:
        found = session.get(models.Subscription, subscription_id, with_for_update=True)
        if found is None:
            return False
        if found.status != "unsubscribed":
            found.status, found.unsubscribed_at, found.updated_at = "unsubscribed", now, now
            session.execute(update(OutboxRow).where(OutboxRow.subscription_id == subscription_id,
                                                    OutboxRow.state.in_(("pending", "queued")))
                            .values(**superseded("unsubscribed"))
                            .execution_options(synchronize_session=False))
        return True


def change_preferences(db: Database, subscription_id: int, preferences: Preferences, now: datetime) -> bool:
    """New lead times, mode, quiet hours or zone; waiting reminders are recomputed by the next pass."""
    with db.write() as session:
        found = session.get(models.Subscription, subscription_id, with_for_update=True)
        if found is None or found.status != "active":
            return False
        _apply(found, preferences, now)
        session.execute(update(OutboxRow).where(OutboxRow.subscription_id == subscription_id,
                                                OutboxRow.kind.in_(("reminder", "digest", "digest_item")),
                                                OutboxRow.state == "pending")
                        .values(**superseded("preferences changed"))
                        .execution_options(synchronize_session=False))
        return True


def _enqueue(session: Session, kind: str, subscription_id: int, now: datetime, *, stale_at: datetime | None) -> None:
    session.add(OutboxRow(key=f"{kind}:{subscription_id}:{secrets.token_hex(8)}", kind=kind,
                          subscription_id=subscription_id, remind_at=now, due_at=now, stale_at=stale_at,
                          state="pending", attempts=0, created_at=now))


def _value(row: models.Subscription) -> Subscription:
    return Subscription(row.id, row.email, row.email_key, tuple(row.kinds) if row.kinds else None, row.q,
                        tuple(row.lead_days) if row.lead_days else None, row.digest, row.quiet_start,
                        row.quiet_end, row.timezone, row.status, row.confirmed_at, row.category, row.place)


def _apply(row: models.Subscription, preferences: Preferences, now: datetime) -> None:
    for name, value in _columns(preferences, now).items():
        setattr(row, name, value)


def _columns(preferences: Preferences, now: datetime) -> dict:
    quiet_start, quiet_end = preferences.quiet or (None, None)
    return dict(lead_days=list(preferences.lead_days) if preferences.lead_days else None, digest=preferences.digest,
                quiet_start=quiet_start, quiet_end=quiet_end, timezone=preferences.timezone, updated_at=now)
