"""Email reminders delivered from the database (DESIGN.md, "Reminders").

- ``materialise``: subscriptions × public events -> ``reminder_outbox`` rows (idempotent);
- ``dispatch``: claim due rows with a lease, send, record the outcome under the lease;
- the mail transports are in ``mailer`` (SMTP, or .eml files), the mails in ``messages`` and
  ``templates/emails/``, the rules of time in ``timing``, what a subscriber may ask for in
  ``choices``, signed links in ``tokens``. The rows themselves are the store's
  (``store.subscriptions``, ``store.outbox``, ``store.claims``): nothing here runs SQL.

APScheduler (``calendar_service.scheduler``) only calls these on a timer; any number of processes
may call them at once.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from ..store import Database
from ..store.subscriptions import Limits
from ..zones import zone as zone_of
from .dispatch import Dispatched, DispatchSettings, Dispatcher, Hooks
from .mailer import make_mailer
from .materialise import Materialised, materialise
from .messages import Composer
from .tokens import Tokens

DEFAULT_BASE_URL = "http://127.0.0.1:8000"  # where `serve` listens by default

__all__ = ["Dispatched", "Hooks", "Materialised", "Reminders", "reminders_for"]


def real_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Reminders:
    """Everything the reminders need, built from the app's configuration."""

    db: Database
    config: Mapping[str, Any]
    base_url: str
    clock: Callable[[], datetime] = real_clock

    @classmethod
    def create(cls, config: Mapping[str, Any], db: Database, *, base_url: str | None = None,
               clock: Callable[[], datetime] | None = None) -> Reminders:
        """``PUBLIC_URL`` wins over ``base_url`` (where ``serve`` listens) for links in mails."""
        return cls(db, config, config.get("PUBLIC_URL") or base_url or DEFAULT_BASE_URL, clock or real_clock)

    def at(self, now: datetime) -> Reminders:
        """The same reminders with the clock stopped at ``now`` (``run-once --now``, tests)."""
        return replace(self, clock=lambda: now)

    @property
    def zone(self):
        return zone_of(self.config["TIMEZONE"])

    @property
    def tokens(self) -> Tokens:
        return Tokens(str(self.config["SECRET_KEY"]), self.clock, {
            "confirm": float(self.config["CONFIRM_TOKEN_HOURS"]) * 3600,
            "manage": float(self.config["MANAGE_TOKEN_DAYS"]) * 86400,
            "unsubscribe": float(self.config["UNSUBSCRIBE_TOKEN_DAYS"]) * 86400,
        })

    @property
    def composer(self) -> Composer:
        return Composer.create(site_name=self.config["FEED_NAME"], mail_from=self.config.get("MAIL_FROM"),
                               base_url=self.base_url, tokens=self.tokens, zone=self.zone)

    @property
    def limits(self) -> Limits:
        return Limits(per_address=int(self.config["MAIL_PER_ADDRESS_PER_HOUR"]),
                      per_client=int(self.config["REQUESTS_PER_IP_PER_HOUR"]),
                      confirm_hours=float(self.config["CONFIRM_TOKEN_HOURS"]))

    def materialise(self) -> Materialised:
        return materialise(self.db, self.clock(), zone=self.zone, hour=int(self.config["REMINDER_HOUR"]))

    def dispatcher(self, *, hooks: Hooks | None = None) -> Dispatcher:
        settings = DispatchSettings(
            zone=self.zone, lease=timedelta(seconds=float(self.config["REMINDER_LEASE_SECONDS"])),
            batch=int(self.config["REMINDER_BATCH"]), retry_seconds=float(self.config["REMINDER_RETRY_SECONDS"]),
            max_attempts=int(self.config["REMINDER_MAX_ATTEMPTS"]),
            confirm_hours=float(self.config["CONFIRM_TOKEN_HOURS"]))
        return Dispatcher(self.db, make_mailer(self.config), self.composer, settings, self.clock, hooks or Hooks())

    def dispatch(self, *, hooks: Hooks | None = None) -> Dispatched:
        return self.dispatcher(hooks=hooks).run()

    def run_once(self) -> tuple[Materialised, Dispatched]:
        """One materialise and one dispatch pass (``calendar-service reminders run-once``)."""
        return self.materialise(), self.dispatch()


def reminders_for(app, *, base_url: str | None = None) -> Reminders:
    """The app's Reminders (made once per app; ``app.extensions["calendar_clock"]``, a function
    returning an aware datetime, stops the time for tests)."""
    found = app.extensions.get("calendar_reminders")
    if found is None:
        def clock() -> datetime:
            return app.extensions.get("calendar_clock", real_clock)()

        found = Reminders.create(app.config, app.extensions["calendar_db"], base_url=base_url, clock=clock)
        app.extensions["calendar_reminders"] = found
    return found
