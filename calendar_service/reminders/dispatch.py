"""The dispatcher: claim what is due, look again at what it is about, send, record under the claim.

One pass: expired leases are reaped, stale rows skipped and outdated ones superseded; then
batches are claimed until nothing is due. Before each mail the subscription and the event are
read again (an unsubscribe or a cancellation that arrived after the claim still stops the mail),
and the lease is checked (a row is never sent by a dispatcher whose lease ran out: it is given
back instead). The outcome is recorded only under the claim token.

Failures: a 4xx answer is retried with a doubling wait, up to ``max_attempts``; a 5xx answer
fails the row at once; an unreachable server (or refused login) ends the pass and gives every
row still held back for a later pass, without counting it against the row.
"""
from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta, tzinfo

from ..errors import PermanentError, TransientError
from ..store import Database, TrackedEvent, claims, events, subscriptions
from ..store.claims import Claimed
from ..store.subscriptions import Subscription
from ..zones import zone as zone_of
from . import timing
from .messages import Composer, Mail, anchor_words

log = logging.getLogger("calendar_service.reminders")
LEASE_MARGIN = timedelta(seconds=5)  # never start a mail this close to the end of the lease


@dataclass
class Dispatched:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    superseded: int = 0
    deferred: int = 0
    released: int = 0
    reaped: int = 0
    lost_claims: int = 0
    unavailable: str | None = None

    def line(self) -> str:
        counts = ", ".join(f"{f.name.replace('_', ' ')} {getattr(self, f.name)}" for f in fields(self)
                           if f.name != "unavailable")
        return counts + (f"; mail server unavailable: {self.unavailable}" if self.unavailable else "")


@dataclass
class Hooks:
    """Called at the moments where a crash matters (tests kill a dispatcher there)."""

    claimed: Callable[[list[Claimed]], None] = lambda rows: None
    accepted: Callable[[Mail], None] = lambda mail: None


@dataclass(frozen=True)
class DispatchSettings:
    zone: tzinfo
    lease: timedelta = timedelta(minutes=5)
    batch: int = 20
    retry_seconds: float = 60
    max_attempts: int = 8
    confirm_hours: float = 72


@dataclass
class Dispatcher:
    db: Database
    mailer: object
    composer: Composer
    settings: DispatchSettings
    clock: Callable[[], datetime]
    hooks: Hooks = field(default_factory=Hooks)

    def run(self) -> Dispatched:
        result = Dispatched()
        now = self.clock()
        result.reaped = claims.reap(self.db, now)
        stale, result.superseded = claims.sweep(self.db, now)
        result.skipped += stale
        try:
            while True:
                now, token = self.clock(), secrets.token_hex(16)
                lease_until = now + self.settings.lease
                rows = claims.claim(self.db, now, lease_until, self.settings.batch, token)
                if not rows:
                    break
                self.hooks.claimed(rows)
                if not self._deliver(rows, token, lease_until, result):
                    break
        finally:
            self.mailer.close()
        return result

    def _deliver(self, rows: list[Claimed], token: str, lease_until: datetime, result: Dispatched) -> bool:
        held = subscriptions.by_ids(self.db, {r.subscription_id for r in rows})
        about = events.tracked_events(self.db, {r.event_id for r in rows if r.event_id is not None})
        for index, row in enumerate(rows):
            now = self.clock()
            if now >= lease_until - LEASE_MARGIN:
                result.released += claims.release(self.db, rows[index:], token)
                return True
            try:
                self._one(row, token, now, held, about, result)
            except TransientError as exc:  # the server is unreachable: stop, keep the rest for later
                result.unavailable = str(exc)
                wait = now + timing.backoff(1, self.settings.retry_seconds)
                for rest in rows[index:]:
                    result.retried += claims.retry(self.db, rest, token, wait, str(exc), count=False)
                log.warning("mail server unavailable, %d reminders wait until %s: %s", len(rows) - index, wait, exc)
                return False
        return True

    def _one(self, row: Claimed, token: str, now: datetime, held: dict[int, Subscription],
             about: dict[int, TrackedEvent], result: Dispatched) -> None:
        subscription = held.get(row.subscription_id)
        if row.kind in ("confirm", "links"):
            message, members = self._account_mail(row, subscription, now), None
            if message is None:
                return self._finish(row, token, "skipped", now, result, error="nothing to send any more")
        else:
            if subscription is None or subscription.status != "active":
                return self._finish(row, token, "superseded", now, result, error="unsubscribed")
            if row.stale_at is not None and row.stale_at <= now:
                return self._finish(row, token, "skipped", now, result, error="stale")
            if self._quiet_now(row, subscription, now, token, result):
                return None
            message, members = self._subscriber_mail(row, subscription, now, token, about)
            if message is None:
                state = "skipped" if row.kind == "digest" else "superseded"
                return self._finish(row, token, state, now, result, error="the item changed", members=members)
        try:
            self.mailer.send(message)
        except TransientError as exc:
            if exc.connection:
                raise
            attempts = row.attempts + 1
            if attempts >= self.settings.max_attempts:
                failed = {m: "failed" for m in members or {}}
                return self._finish(row, token, "failed", now, result, error=str(exc), members=failed)
            result.retried += claims.retry(self.db, row, token, now + timing.backoff(attempts, self.settings.retry_seconds),
                                           str(exc))
            return None
        except PermanentError as exc:
            failed = {m: "failed" for m in members or {}}
            return self._finish(row, token, "failed", now, result, error=str(exc), members=failed)
        self.hooks.accepted(message)
        self._finish(row, token, "sent", now, result, message_id=message.message_id, members=members)

    def _account_mail(self, row: Claimed, subscription, now: datetime) -> Mail | None:
        if subscription is None:
            return None
        if row.kind == "confirm":
            if subscription.status != "pending":
                return None
            url = self.composer.url(f"/subscribe/confirm/"
                                    f"{self.composer.tokens.make('confirm', subscription.id, subscription.email_key)}")
            return self.composer.compose("confirm", row, subscription, now, unsubscribe=False, confirm_url=url,
                                         hours=int(self.settings.confirm_hours))
        known = [s for s in subscriptions.of_address(self.db, subscription.email_key) if s.status != "unsubscribed"]
        if not known:
            return None
        entries = [(s, self.composer.links(s), self.composer.url("/subscribe/confirm/" + self.composer.tokens.make(
            "confirm", s.id, s.email_key)) if s.status == "pending" else None) for s in known]
        return self.composer.compose("links", row, subscription, now, unsubscribe=False, entries=entries)

    def _subscriber_mail(self, row: Claimed, subscription, now: datetime, token: str, about):
        """(message, digest members' outcomes); no message when there is nothing left to say."""
        if row.kind == "digest":
            return self._digest(row, subscription, now, token)
        tracked = about.get(row.event_id)
        if tracked is None or not _valid(tracked, row.event_version, cancelled_ok=row.kind == "change"):
            return None, None
        event = tracked.event
        item = self.composer.item(event, now)
        if row.kind == "change":
            cancelled = event.status != "confirmed"
            return self.composer.compose("change", row, subscription, now, events=[event], item=item,
                                         cancelled=cancelled, before=anchor_words(row.previous_anchor)), None
        return self.composer.compose("reminder", row, subscription, now, events=[event], item=item), None

    def _digest(self, row: Claimed, subscription, now: datetime, token: str):
        members = claims.queue_members(self.db, row, token, now)
        about = events.tracked_events(self.db, {m.event_id for m in members})
        outcome, chosen = {}, {}
        for member in members:
            found = about.get(member.event_id)
            if found is None or not _valid(found, member.event_version, cancelled_ok=False) or (
                    member.stale_at is not None and member.stale_at <= now):
                outcome[member.id] = "superseded"
                continue
            previous = chosen.get(member.event_id)
            if previous is None or member.remind_at > previous.remind_at:  # the latest lead speaks for the item
                if previous is not None:
                    outcome[previous.id] = "merged"
                chosen[member.event_id] = member
            else:
                outcome[member.id] = "merged"
        outcome.update({m.id: "sent" for m in chosen.values()})
        if not chosen:
            return None, outcome
        items = [self.composer.item(about[m.event_id].event, now) for m in chosen.values()]
        items.sort(key=lambda i: (timing.anchor_of(i.event, self.settings.zone).stale_at, i.event.uid))
        return self.composer.compose("digest", row, subscription, now, events=[i.event for i in items],
                                     items=items), outcome

    def _quiet_now(self, row: Claimed, subscription, now: datetime, token: str, result: Dispatched) -> bool:
        """Inside the subscriber's quiet hours: wait for their end (unless the mail would be stale)."""
        if subscription.quiet_start is None or subscription.quiet_end is None:
            return False
        reader = zone_of(subscription.timezone)
        later = timing.out_of_quiet(now, reader, timing.Quiet(subscription.quiet_start, subscription.quiet_end))
        if later == now or (row.stale_at is not None and later >= row.stale_at):
            return False
        result.deferred += claims.retry(self.db, row, token, later.astimezone(UTC), "quiet hours", count=False)
        return True

    def _finish(self, row: Claimed, token: str, state: str, now: datetime, result: Dispatched, **details) -> None:
        if claims.finish(self.db, row, token, state, now, **details):
            setattr(result, state, getattr(result, state) + 1)
        else:
            result.lost_claims += 1
            log.warning("lost the claim on %s before recording %s (its lease ran out); it may go again, "
                        "with the same Message-ID", row.key, state)


def _valid(tracked: TrackedEvent, version: int | None, *, cancelled_ok: bool) -> bool:
    """The event is still public, at the version the row was made for, and (unless the row
    announces a change) not cancelled."""
    return (tracked.public and tracked.event.sequence == version
            and (cancelled_ok or tracked.event.status == "confirmed"))
