"""Subscribing, confirming, managing and unsubscribing: the writes behind the pages and the API.

Nothing here tells its caller whether an address is subscribed: ``request_subscription`` and
``request_links`` return nothing, whatever they found, and the mail they queue (a confirmation,
or the links of an existing subscription) goes to the address itself. Mail is queued in the
outbox in the same transaction, so a request that was answered is a mail that will go out.
A subscription that is already active is never changed by an unauthenticated request.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..errors import RateLimited
from ..store import Database
from ..store.models import OutboxRow, Subscription
from . import ratelimit
from .choices import Choices, Preferences
from .outbox import superseded
from .tokens import address_hash


@dataclass(frozen=True)
class Limits:
    per_address: int = 3
    per_client: int = 30
    confirm_hours: float = 72


def request_subscription(db: Database, choices: Choices, now: datetime, *, client: str, limits: Limits) -> None:
    """Create or refresh a pending subscription and queue its confirmation, or queue the links of
    the active one. Raises RateLimited when ``client`` asked too often."""
    with db.write() as session:
        if not ratelimit.hit(session, ratelimit.limit_key("client", client), now, limit=limits.per_client):
            raise RateLimited
        mail_allowed = ratelimit.hit(session, ratelimit.limit_key("address", choices.email_key), now,
                                     limit=limits.per_address)
        # INSERT … ON CONFLICT DO NOTHING, then lock the row: two requests at once end as one row
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        new = session.execute(dialect.insert(Subscription).values(
            email=choices.email, email_key=choices.email_key, selection_key=choices.selection_key,
            kinds=list(choices.kinds) if choices.kinds else None, q=choices.q, status="pending", created_at=now,
            **_columns(choices.preferences, now)).on_conflict_do_nothing(
            index_elements=["email_key", "selection_key"]).returning(Subscription.id)).scalar_one_or_none()
        found = session.scalars(select(Subscription).where(Subscription.email_key == choices.email_key,
                                                           Subscription.selection_key == choices.selection_key)
                                .with_for_update()).one()
        if new is None and found.status != "active":  # unconfirmed or unsubscribed: nothing to protect yet
            _apply(found, choices.preferences, now)
            found.email, found.status, found.unsubscribed_at = choices.email, "pending", None
        if mail_allowed:
            kind = "links" if found.status == "active" else "confirm"
            enqueue(session, kind, found.id, now, stale_at=now + timedelta(hours=limits.confirm_hours))


def request_links(db: Database, email_key: str, now: datetime, *, client: str, limits: Limits) -> None:
    """Queue one mail with the manage links of every subscription of an address (none: no mail)."""
    with db.write() as session:
        if not ratelimit.hit(session, ratelimit.limit_key("client", client), now, limit=limits.per_client):
            raise RateLimited
        first = session.scalars(select(Subscription.id).where(Subscription.email_key == email_key,
                                                              Subscription.status != "unsubscribed")
                                .order_by(Subscription.id).limit(1)).first()
        allowed = ratelimit.hit(session, ratelimit.limit_key("address", email_key), now, limit=limits.per_address)
        if first is not None and allowed:
            enqueue(session, "links", first, now, stale_at=now + timedelta(hours=limits.confirm_hours))


def enqueue(session: Session, kind: str, subscription_id: int, now: datetime, *, stale_at: datetime | None) -> None:
    session.add(OutboxRow(key=f"{kind}:{subscription_id}:{secrets.token_hex(8)}", kind=kind,
                          subscription_id=subscription_id, remind_at=now, due_at=now, stale_at=stale_at,
                          state="pending", attempts=0, created_at=now))


def by_token(db: Database, subscription_id: int, email_hash: str) -> Subscription | None:
    """The subscription a token names, if its address is still the one the token was made for."""
    with db.read() as session:
        found = session.get(Subscription, subscription_id)
    if found is None or address_hash(found.email_key) != email_hash:
        return None
    return found


def of_address(db: Database, email_key: str) -> list[Subscription]:
    with db.read() as session:
        return list(session.scalars(select(Subscription).where(Subscription.email_key == email_key)
                                    .order_by(Subscription.id)))


def confirm(db: Database, subscription_id: int, now: datetime) -> Subscription | None:
    """Activate a pending subscription (an active one stays as it is); None if unsubscribed since."""
    with db.write() as session:
        found = session.get(Subscription, subscription_id, with_for_update=True)
        if found is None or found.status == "unsubscribed":
            return None
        if found.status == "pending":
            found.status, found.confirmed_at, found.updated_at = "active", now, now
        return found


def unsubscribe(db: Database, subscription_id: int, now: datetime) -> bool:
    """Stop a subscription; its waiting mail is superseded at once (and re-checked before sending)."""
    with db.write() as session:
        found = session.get(Subscription, subscription_id, with_for_update=True)
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
        found = session.get(Subscription, subscription_id, with_for_update=True)
        if found is None or found.status != "active":
            return False
        _apply(found, preferences, now)
        session.execute(update(OutboxRow).where(OutboxRow.subscription_id == subscription_id,
                                                OutboxRow.kind.in_(("reminder", "digest", "digest_item")),
                                                OutboxRow.state == "pending")
                        .values(**superseded("preferences changed"))
                        .execution_options(synchronize_session=False))
        return True


def _apply(subscription: Subscription, preferences: Preferences, now: datetime) -> None:
    for name, value in _columns(preferences, now).items():
        setattr(subscription, name, value)


def _columns(preferences: Preferences, now: datetime) -> dict:
    quiet_start, quiet_end = preferences.quiet or (None, None)
    return dict(lead_days=list(preferences.lead_days) if preferences.lead_days else None, digest=preferences.digest,
                quiet_start=quiet_start, quiet_end=quiet_end, timezone=preferences.timezone, updated_at=now)
