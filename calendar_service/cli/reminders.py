"""Commands of the email reminders: ``scheduler``, ``reminders run-once``, ``reminders status``."""
from __future__ import annotations

import signal
import sys
from datetime import datetime

import click

from .group import FullHelpGroup

from .. import store
from ..errors import ConfigurationError
from ..zones import zone
from .common import iso_datetime, open_app


def _app():
    return open_app(migrate=True)


def mail_target(app, db=None) -> str:
    """Where mail goes; a malformed CALENDAR_SMTP_URL is an error at once, not in every pass."""
    from ..reminders.mailer import make_mailer

    try:
        return make_mailer(app.config).describe()
    except ConfigurationError as exc:
        if db is not None:
            db.dispose()
        raise click.ClickException(str(exc))


@click.command("scheduler")
def scheduler_command():
    """Run the reminder timer (APScheduler) until Ctrl-C or SIGTERM: materialise, then dispatch."""
    from ..reminders import reminders_for
    from ..scheduler import build, log_to_stderr
    from ..sources.poller import Poller

    app, db = _app()
    mail = mail_target(app, db)
    log_to_stderr()
    poller = Poller(db, app.config)
    scheduler = build(reminders_for(app), app.config, sources=poller)
    click.echo(f"scheduler: {db.display_url}, mail to {mail}; materialise every "
               f"{app.config['SCHEDULER_MATERIALISE_SECONDS']} s, dispatch every "
               f"{app.config['SCHEDULER_DISPATCH_SECONDS']} s, sources looked at every "
               f"{app.config['SCHEDULER_SOURCES_SECONDS']} s (Ctrl-C stops)", err=True)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop like Ctrl-C
    try:
        scheduler.start()
    except KeyboardInterrupt:
        pass
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        poller.close()
        db.dispose()


@click.group("reminders", cls=FullHelpGroup)
def reminders_group():
    """Email reminders: one pass by hand, or what the outbox holds."""


@reminders_group.command("run-once")
@click.option("--now", callback=iso_datetime, help="Pretend it is this moment (ISO 8601, e.g. 2022-12-24T09:00:00+08:00; default: now). "
                                                     "Without an offset it is in CALENDAR_TIMEZONE.")
def run_once_command(now: datetime | None):
    """One materialise and one dispatch pass, then exit (1 if the mail server was unavailable)."""
    from ..reminders import reminders_for

    app, db = _app()
    mail_target(app, db)
    try:
        reminders = reminders_for(app)
        if now is not None:
            if now.tzinfo is None:
                now = now.replace(tzinfo=zone(app.config["TIMEZONE"]))
            reminders = reminders.at(now)
        made, done = reminders.run_once()
    finally:
        db.dispose()
    click.echo(f"materialised: reminders {made.created}, digests {made.digests}, change notices {made.notices}; "
               f"dispatched: {done.line()}")
    if done.unavailable:
        sys.exit(1)


@reminders_group.command("status")
def status_command():
    """How many outbox rows there are of each kind and state, and how many subscriptions."""
    app, db = _app()
    try:
        people, rows = store.outbox.counts(db)
    finally:
        db.dispose()
    click.echo("subscriptions: " + (", ".join(f"{status} {n}" for status, n in people) or "none"))
    for kind, state, count in rows:
        click.echo(f"{kind:12} {state:11} {count}")
