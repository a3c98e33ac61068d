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
    """click callback: a YYYY-MM-DD option as a date, with a bilingual usage error."""
    return _parsed(value, date.fromisoformat, "需要 YYYY-MM-DD 格式的日期 / expected YYYY-MM-DD")


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


def open_store(*, migrate: bool) -> Database:
    """The configured database; writers bring its schema up to date, readers require it."""
    from ..config import load_config
    from ..errors import SchemaOutOfDate, StoreError
    from ..store import Database, require_current, upgrade

    db = Database.from_config(load_config())
    try:
        if migrate:
            upgrade(db)
        else:
            require_current(db)
    except StoreError as exc:
        db.dispose()
        raise click.ClickException(str(exc) if isinstance(exc, SchemaOutOfDate) else f"database {db.display_url}: {exc}")
    return db


def ingest_files(db: Database, files: list[NoticeFile], *, review: ReviewPolicy, **options) -> Summary:
    """``ingest.ingest`` with a progress bar on stderr when there are more than a handful of files."""
    from ..ingest import ingest

    with click.progressbar(length=len(files), label="ingest", file=sys.stderr, hidden=len(files) <= HANDFUL) as bar:
        return ingest(db, files, report=report, advance=bar.update, review=review, **options)
