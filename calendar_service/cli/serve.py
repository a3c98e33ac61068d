"""``calendar-service serve``: migrate, ingest ``notices/``, serve on 127.0.0.1:8000 — no configuration.

This is the one-machine server (werkzeug's threaded WSGI server). For many machines run the same
app under gunicorn (README "Running under gunicorn"), after ``db upgrade`` and ``ingest``.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .. import create_app, store
from ..errors import StoreError, StoreUnavailable
from ..ingest import collect
from .common import ingest_files, iso_date, say_database
from .messages import report
from .reminders import mail_target


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--as-of", callback=iso_date, help="Fix 'today' (YYYY-MM-DD) for feeds and pages; "
                                              "default CALENDAR_AS_OF or the real date.")
@click.option("--notices", "notices_dir", default="notices", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder of notices ingested before serving (skipped when it does not exist).")
@click.option("--scheduler/--no-scheduler", "with_scheduler", default=True, show_default=True,
              help="Send email reminders and poll sources from this process (off when `calendar-service scheduler` runs elsewhere).")
def serve_command(host: str, port: int, as_of: date | None, notices_dir: Path, with_scheduler: bool):
    """Migrate the store, ingest the notices folder, and serve the feeds, pages and API."""
    from werkzeug.serving import make_server

    app = create_app({"AS_OF": as_of} if as_of else None)
    db = app.extensions["calendar_db"]
    say_database(db)
    try:
        store.upgrade(db)
    except StoreError as exc:
        raise click.ClickException(f"database {db.display_url}: {exc}")
    if notices_dir.is_dir():
        files, failed = collect([notices_dir], report=report)
        try:
            summary = ingest_files(db, files, review=store.ReviewPolicy(threshold=float(app.config["REVIEW_THRESHOLD"])),
                                   budget=float(app.config["EXTRACT_BUDGET_SECONDS"]))
        except StoreUnavailable as exc:
            raise click.ClickException(f"database {db.display_url}: {exc}")
        summary.failed += failed
        click.echo(f"ingested {notices_dir}/: {summary.line()}")
        _say_what_waits(app, db)
    else:
        click.echo(f"{notices_dir}: no such folder, nothing ingested", err=True)
    server = make_server(host, port, app, threaded=True)
    where = f"http://{host}:{server.server_port}"
    today = f" as of {as_of.isoformat()}" if as_of else ""
    scheduler = None
    try:
        if with_scheduler:
            scheduler = _start_scheduler(app, where)
        if not as_of and not app.config.get("AS_OF"):  # the seed notices are of October 2022
            click.echo("today is the real date; to see the seed page as residents saw it: "
                       "calendar-service serve --as-of 2022-10-18", err=True)
        click.echo(f"serving {db.display_url}{today} on {where}/  (feed: {where}/calendar.ics; Ctrl-C stops)",
                   err=True)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)  # a mail cut short is sent again once its lease expires
        server.server_close()
        db.dispose()


def _start_scheduler(app, where: str):
    """Email reminders from a background thread (links in mails point here unless PUBLIC_URL says otherwise)."""
    from ..reminders import reminders_for
    from ..scheduler import build, log_to_stderr
    from ..sources.poller import Poller

    mail = mail_target(app)
    log_to_stderr()
    poller = Poller(app.extensions["calendar_db"], app.config)
    scheduler = build(reminders_for(app, base_url=where), app.config, background=True, sources=poller)
    scheduler.start()
    click.echo(f"reminders: mail to {mail}; sources polled from here too (--no-scheduler when "
               f"`calendar-service scheduler` runs elsewhere)", err=True)
    return scheduler


def _say_what_waits(app, db) -> None:
    """Events kept from the public because they are below the review threshold are easy to miss."""
    waiting = sum(n.pending for n in store.review.queue(db))
    if waiting:
        hint = "" if app.config.get("ADMIN_PASSWORD") else " (set CALENDAR_ADMIN_PASSWORD to open it)"
        click.echo(f"{waiting} events below the review threshold wait at /admin{hint}", err=True)
