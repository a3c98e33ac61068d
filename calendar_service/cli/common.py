"""What several commands share: option callbacks, error lines, opening the store, and ingesting
with a progress bar. The store is imported inside the functions that need it, so that importing
this module (``extract`` does) stays free of SQLAlchemy."""
from __future__ import annotations

import sys
from datetime import date, datetime
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..ingest import NoticeFile, Summary
    from ..store import Database, ReviewPolicy

HANDFUL = 5  # ingesting more files than this shows a progress bar


def iso_date(ctx, param, value: str | None) -> date | None:
    """click callback: a YYYY-MM-DD option as a date, with a bilingual usage error. Every date option
    (--published, --as-of, --from, --to) feeds date arithmetic, so each is held to the range a
    notice may be dated in (``documents.EARLIEST``..``LATEST``): year 1 would overflow."""
    from ..documents import EARLIEST, LATEST

    day = _parsed(value, date.fromisoformat, "需要 YYYY-MM-DD 格式的日期 / expected YYYY-MM-DD")
    if day is not None and not EARLIEST <= day <= LATEST:
        raise click.BadParameter(f"日期超出范围 / expected a date from {EARLIEST} to {LATEST}, got {value!r}")
    return day


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


def report(path: str, reason: str) -> None:
    """One line on stderr for a file that failed; the run goes on."""
    click.echo(f"error: {path}: {reason}", err=True)


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
