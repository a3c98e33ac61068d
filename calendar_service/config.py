"""Configuration: defaults, overridden by ``CALENDAR_*`` environment variables.

``load_config`` reads the environment the way Flask's ``app.config.from_prefixed_env("CALENDAR")``
does (prefix stripped, values parsed as JSON when they parse, ``__`` nests into dicts), so the Flask
factory and the command line share one reading of the environment. Nothing here runs at import.
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PREFIX = "CALENDAR"

#: Every setting the service reads, with its default (README "Configuration" lists each one;
#: tests/test_config.py keeps the two in step).
DEFAULTS: dict[str, Any] = {
    # SQLAlchemy URL of the store; None means the SQLite file <INSTANCE_PATH>/calendar.sqlite3.
    "DATABASE_URL": None,
    # Folder for instance data (the default SQLite file); None means ./instance.
    "INSTANCE_PATH": None,
    # How long a SQLite writer waits for another writer's lock before failing (milliseconds).
    "SQLITE_BUSY_TIMEOUT": 30_000,
    # Ingested events with a lower extraction confidence wait at the review desk (/admin) instead
    # of being published; 0 publishes everything.
    "REVIEW_THRESHOLD": 0.5,
    # Email reminders (README "Email reminders"). Mail goes to SMTP_URL (smtp:// or smtps://, with
    # user and password); without it every message is written as an .eml file into MAIL_DIR.
    "SMTP_URL": None,
    "SMTP_TIMEOUT": 30,  # seconds for connecting to and talking with the SMTP server
    "MAIL_FROM": None,  # "名称 <address>"; None = "<FEED_NAME> <noreply@<host of PUBLIC_URL>>"
    "MAIL_DIR": None,  # the file backend's folder; None = <INSTANCE_PATH>/mail
    "REMINDER_HOUR": 9,  # reminders go out at this hour of the subscriber's day
    "REMINDER_LEASE_SECONDS": 300,  # a claimed reminder is another dispatcher's after this long
    "REMINDER_BATCH": 20,  # reminders one dispatcher claims at a time
    "REMINDER_RETRY_SECONDS": 60,  # first wait after a temporary failure; doubles, up to 16 times this
    "REMINDER_MAX_ATTEMPTS": 8,  # temporary refusals (4xx) before a reminder is given up
    "SCHEDULER_MATERIALISE_SECONDS": 60,  # how often the scheduler turns subscriptions into outbox rows
    "SCHEDULER_DISPATCH_SECONDS": 10,  # how often it sends what is due
    "CONFIRM_TOKEN_HOURS": 72,  # a confirmation link works this long
    "MANAGE_TOKEN_DAYS": 30,  # a "manage your subscription" link works this long
    "UNSUBSCRIBE_TOKEN_DAYS": 365,  # an unsubscribe link (in every reminder) works this long
    "MAIL_PER_ADDRESS_PER_HOUR": 3,  # confirmation / link mails to one address per hour
    "REQUESTS_PER_IP_PER_HOUR": 30,  # subscribe and resend requests from one client address per hour
}

SQLITE_FILE = "calendar.sqlite3"


def prefixed_env(env: Mapping[str, str], prefix: str = PREFIX) -> dict[str, Any]:
    """The ``PREFIX_*`` variables of ``env`` with Flask's ``from_prefixed_env`` semantics."""
    result: dict[str, Any] = {}
    start = f"{prefix}_"
    for key in sorted(env):
        if not key.startswith(start):
            continue
        value: Any = env[key]
        try:
            value = json.loads(value)
        except ValueError:
            pass
        key = key.removeprefix(start)
        if "__" not in key:
            result[key] = value
            continue
        current = result
        *parents, tail = key.split("__")
        for part in parents:
            current = current.setdefault(part, {})
        current[tail] = value
    return result


def load_config(env: Mapping[str, str] | None = None, *, instance_path: str | os.PathLike | None = None
                ) -> dict[str, Any]:
    """Defaults overridden by ``CALENDAR_*`` variables, with ``DATABASE_URL`` filled in.

    ``instance_path`` (the Flask app's ``instance_path``) wins over ``CALENDAR_INSTANCE_PATH``;
    without either the instance folder is ``./instance`` relative to the current directory.
    """
    config = dict(DEFAULTS)
    config.update(prefixed_env(os.environ if env is None else env))
    if instance_path is not None:
        config["INSTANCE_PATH"] = os.fspath(instance_path)
    config["INSTANCE_PATH"] = str(Path(config["INSTANCE_PATH"] or "instance").absolute())
    if not config["DATABASE_URL"]:
        config["DATABASE_URL"] = default_database_url(config["INSTANCE_PATH"])
    return config


def default_database_url(instance_path: str | os.PathLike) -> str:
    return f"sqlite:///{Path(instance_path).absolute() / SQLITE_FILE}"
