"""``calendar-service sources``: add, list (with health), poll now, pause, resume and remove the
issuers' pages and feeds the scheduler follows."""
from __future__ import annotations

import sys
from datetime import UTC, datetime

import click

from .group import FullHelpGroup

from ..config import load_config
from ..errors import InvalidInput, SourceNotFound, StoreUnavailable
from ..store import sources as stored
from ..zones import zone
from .common import open_store
from .table import render_rows

HEALTH_NAMES = {"ok": "ok", "new": "not polled yet", "failing": "failing", "broken": "BROKEN", "paused": "paused"}
LIST_COLUMNS = ("name", "kind", "every", "health", "last poll", "last new notice", "notices", "issuer", "url")


@click.group("sources", cls=FullHelpGroup)
def sources_group():
    """Issuers' list pages, feeds and pages that the scheduler polls for new notices."""


@sources_group.command("add")
@click.argument("name")
@click.argument("url")
@click.option("--kind", type=click.Choice(["list", "rss", "atom", "page"]), default="list", show_default=True,
              help="list: a page linking to articles; rss/atom: a feed; page: one page that is the notice.")
@click.option("--links", help="Regular expression the article links of a list page match "
                              "(default: links on the same site that look like documents).")
@click.option("--every", default="1h", show_default=True, help="Polling interval: 30m, 2h, 1d, 1h30m.")
@click.option("--issuer", help="Who publishes there (住建局, 供电公司 …), shown with its notices.")
def add_command(name, url, kind, links, every, issuer):
    """Follow a list page, feed or page; it is polled at the scheduler's next tick."""
    from ..sources.spec import every_text, new_source

    try:
        new = new_source(name, url, kind=kind, links=links, every=every, issuer=issuer)
    except InvalidInput as exc:
        raise click.BadParameter(str(exc))
    db = open_store(migrate=True)
    try:
        source = stored.add_source(db, new, datetime.now(UTC))
    except InvalidInput as exc:
        raise click.ClickException(str(exc))
    finally:
        db.dispose()
    click.echo(f"source {source.name}: {source.kind} {source.url}, every {every_text(source.every_seconds)}")


@sources_group.command("list")
@click.option("--check", is_flag=True, help="Exit 1 when a source is broken (for monitoring).")
def list_command(check):
    """Every source with its health: broken after CALENDAR_SOURCES_BROKEN_AFTER failed polls in a row."""
    from ..sources.spec import every_text

    config = load_config()
    broken_after, tz = int(config["SOURCES_BROKEN_AFTER"]), zone(config.get("TIMEZONE") or "Asia/Shanghai")
    db = open_store(migrate=False)
    try:
        found = stored.list_sources(db)
    finally:
        db.dispose()
    if not found:
        click.echo("(no sources: add one with `calendar-service sources add NAME URL`)")
        return
    rows, errors, broken = [], [], 0
    for item in found:
        source, health = item.source, item.source.health(broken_after)
        broken += health == "broken"
        state = HEALTH_NAMES[health] + (f" ({source.failures} failed)" if source.failures else "")
        rows.append([source.name, source.kind, every_text(source.every_seconds), state, _when(source.last_poll_at, tz),
                     _when(source.last_new_at, tz), str(item.notices), source.issuer or "", source.url])
        if source.last_error and source.failures:
            errors.append(f"{source.name}: last error {_when(source.last_error_at, tz)}: {source.last_error}")
        if item.failed_articles:
            errors.append(f"{source.name}: {item.failed_articles} article(s) failing")
    click.echo(render_rows(LIST_COLUMNS, rows))
    for line in errors:
        click.echo(line)
    if check and broken:
        sys.exit(1)


@sources_group.command("poll")
@click.argument("names", nargs=-1)
def poll_command(names):
    """Poll these sources (default: every enabled one) once now, due or not; exit 1 if one failed."""
    from ..sources.poller import Poller

    config = load_config()
    db = open_store(migrate=True)
    poller = Poller(db, config)
    try:
        known = {item.source.name: item.source for item in stored.list_sources(db)}
        missing = [name for name in names if name not in known]
        if missing:
            raise click.ClickException(f"no source named {', '.join(map(repr, missing))} "
                                       f"(see `calendar-service sources list`)")
        wanted = list(names) or [name for name, source in known.items() if source.enabled]
        results = poller.poll_now(wanted)
    except StoreUnavailable as exc:
        raise click.ClickException(f"database {db.display_url}: {exc}")
    finally:
        poller.close()
        db.dispose()
    failed = False
    for name, report in results:
        if report is None:
            click.echo(f"{name}: skipped: another process is polling it (or its host) now")
            continue
        click.echo(report.line())
        failed = failed or not report.ok
    if failed:
        sys.exit(1)


@sources_group.command("pause")
@click.argument("name")
def pause_command(name):
    """Stop polling a source (what it brought stays)."""
    _change(name, lambda db: stored.set_enabled(db, name, False, datetime.now(UTC)), "paused")


@sources_group.command("resume")
@click.argument("name")
def resume_command(name):
    """Poll a paused source again, from the scheduler's next tick."""
    _change(name, lambda db: stored.set_enabled(db, name, True, datetime.now(UTC)), "resumed")


@sources_group.command("remove")
@click.argument("name")
def remove_command(name):
    """Forget a source; the notices it brought stay (withdraw them with `notice withdraw`)."""
    _change(name, lambda db: stored.remove_source(db, name),
            "removed ({} articles forgotten; their notices stay)")


def _change(name: str, change, done: str) -> None:
    """Apply ``change(db)`` to the source ``name`` and say ``done`` (formatted with its result)."""
    db = open_store(migrate=True)
    try:
        result = change(db)
    except SourceNotFound:
        raise click.ClickException(f"no source named {name!r}")
    finally:
        db.dispose()
    click.echo(f"source {name}: " + done.format(result))


def _when(moment: datetime | None, tz) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment else "-"
