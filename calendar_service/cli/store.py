"""Commands over the store: ``ingest``, ``events``, ``notice withdraw`` and ``db upgrade``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .group import FullHelpGroup

from .. import store
from ..errors import NoticeNotFound, StoreError, StoreUnavailable
from ..ingest import collect
from ..kinds import Kind
from .common import ingest_files, iso_date, open_app, open_store
from .messages import report
from .table import render_rows

EVENT_COLUMNS = ("status", "kind", "start", "end", "title", "location", "seq", "notice")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--published", callback=iso_date, help="Publication date YYYY-MM-DD (inferred if omitted).")
@click.option("--id", "notice_id", help="Identity of the notice (one file only); default: its path "
                                        "relative to the ingest root.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              help="Folder the identities are relative to (default: each folder given, or a file's folder).")
@click.option("--pattern", default="*.txt", show_default=True, help="Files to take from folders.")
@click.option("--force", is_flag=True, help="Extract again even when a notice's text is unchanged "
                                            "(after the extractor improved); unchanged events still stay put.")
def ingest_command(paths, published, notice_id, root, pattern, force):
    """Read notice files and folders into the calendar store."""
    if notice_id is not None and (len(paths) != 1 or paths[0].is_dir()):
        raise click.UsageError("--id names one notice: give exactly one file")
    app, db = open_app(migrate=True)
    try:
        files, failed = collect(paths, root=root, notice_id=notice_id, pattern=pattern, report=report)
        review = store.ReviewPolicy(threshold=float(app.config["REVIEW_THRESHOLD"]))
        try:
            summary = ingest_files(db, files, published=published, force=force, review=review,
                                   budget=float(app.config["EXTRACT_BUDGET_SECONDS"]))
        except StoreUnavailable as exc:
            click.echo(f"error: database {db.display_url}: {exc}", err=True)
            sys.exit(1)
        summary.failed += failed
        click.echo(summary.line())
    finally:
        db.dispose()
    if summary.failed:
        sys.exit(1)


@click.command("events")
@click.option("--kind", type=click.Choice([str(k) for k in Kind]))
@click.option("--from", "start", callback=iso_date, help="Only events still running on or after this day (YYYY-MM-DD).")
@click.option("--to", "end", callback=iso_date, help="Only events starting on or before this day (YYYY-MM-DD).")
@click.option("--q", help="Text in the title, place or description.")
@click.option("--status", type=click.Choice(["confirmed", "cancelled"]), help="Default: both.")
@click.option("--notice", "notice_id", help="Only the events of this notice.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default=None,
              help="Output format; table on a terminal, json otherwise.")
def events_command(kind, start, end, q, status, notice_id, fmt):
    """List stored events."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    db = open_store(migrate=False)
    try:
        events = store.list_events(db, kind=kind, start=start, end=end, q=q, status=status, notice=notice_id)
    finally:
        db.dispose()
    if fmt == "json":
        click.echo(json.dumps([e.to_json() for e in events], ensure_ascii=False, indent=2))
    elif not events:
        click.echo("(没有找到事件 / no events found)")
    else:
        rows = []
        for e in events:
            data = e.to_json()
            rows.append([e.status, e.kind, data["start"] or "…", data["end"] or "…", e.title,
                         e.location or "", str(e.sequence), e.notice_id])
        click.echo(render_rows(EVENT_COLUMNS, rows))


@click.group("db", cls=FullHelpGroup)
def db_group():
    """Database schema."""


@db_group.command("upgrade")
def db_upgrade_command():
    """Apply pending schema migrations."""
    _, db = open_app(migrate=None)
    try:
        before, after = store.migrate(db)
    except StoreError as exc:
        raise click.ClickException(f"database {db.display_url}: {exc}")
    finally:
        db.dispose()
    state = "already up to date" if before == after else f"upgraded from {before or 'empty'}"
    click.echo(f"database {db.display_url}: schema {after} ({state})")


@click.group("notice", cls=FullHelpGroup)
def notice_group():
    """Stored notices."""


@notice_group.command("withdraw")
@click.argument("notice_id")
def notice_withdraw_command(notice_id):
    """Withdraw a notice: its events stay, marked cancelled."""
    db = open_store(migrate=True)
    try:
        counts = store.withdraw_notice(db, notice_id)
    except NoticeNotFound:
        raise click.ClickException(f"no notice {notice_id!r} in the store (see `calendar-service events`)")
    finally:
        db.dispose()
    click.echo(f"notice {notice_id}: withdrawn; events: cancelled {counts.cancelled}")
