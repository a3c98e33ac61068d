"""What several click commands share: option callbacks, opening the store, and ingesting with a
progress bar (the one-line messages are in ``messages.py``, which ``extract`` uses without click).
The store is imported inside the functions that need it, so importing this module stays free of
SQLAlchemy."""
from __future__ import annotations

import sys
from datetime import date, datetime
from typing import TYPE_CHECKING

import click

from .messages import day_value, report

if TYPE_CHECKING:
    from ..ingest import NoticeFile, Summary
    from ..store import Database, ReviewPolicy

HANDFUL = 5  # ingesting more files than this shows a progress bar


def iso_date(ctx, param, value: str | None) -> date | None:
    """click callback: a YYYY-MM-DD option as a date, with a bilingual usage error
    (``messages.day_value``: held to the range a notice may be dated in)."""
    if value is None:
        return None
    try:
        return day_value(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def iso_datetime(ctx, param, value: str | None) -> datetime | None:
    """click callback: an ISO 8601 date and time (without an offset the caller picks the zone)."""
    return _parsed(value, datetime.fromisoformat,
                   "需要 ISO 8601 日期时间 / expected e.g. 2022-12-18T09:00:00+08:00")


def _parsed(value: str | None, parse, expected: str):
    if value is None:
        return None
    try:
        return parse(value)
    except ValueError:
        raise click.BadParameter(f"{expected}, got {value!r}")


def say_database(db: Database) -> None:
    """Which store a command works on (stderr: stdout may be JSON)."""
    click.echo(f"database: {db.display_url}", err=True)


def open_app(*, migrate: bool | None):
    """``create_app()``, as serve, scheduler and gunicorn build it (one instance folder, database,
    secret key and mail folder for all), with its store: writers (``migrate``) bring the schema up
    to date, readers (False) require it, None leaves it alone. Says which database it is."""
    from .. import create_app

    app = create_app()
    db = app.extensions["calendar_db"]
    say_database(db)
    if migrate is not None:
        _ready(db, migrate=migrate)
    return app, db


def open_store(*, migrate: bool) -> Database:
    """The configured database (see ``open_app``)."""
    return open_app(migrate=migrate)[1]


def _ready(db: Database, *, migrate: bool) -> None:
    from ..errors import SchemaOutOfDate, StoreError
    from ..store import require_current, upgrade

    try:
        if migrate:
            upgrade(db)
        else:
            require_current(db)
    except StoreError as exc:
        db.dispose()
        raise click.ClickException(str(exc) if isinstance(exc, SchemaOutOfDate) else f"database {db.display_url}: {exc}")


def ingest_files(db: Database, files: list[NoticeFile], *, review: ReviewPolicy, **options) -> Summary:
    """``ingest.ingest`` with a progress bar on stderr when there are more than a handful of files."""
    from ..ingest import ingest

    with click.progressbar(length=len(files), label="ingest", file=sys.stderr, hidden=len(files) <= HANDFUL) as bar:
        return ingest(db, files, report=report, advance=bar.update, review=review, **options)
