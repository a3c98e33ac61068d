"""``calendar-service extract``: events of notice files as JSON or a table (DESIGN.md, the contract).

Pure extraction: this module and what it imports hold no database, web or mail code.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from .. import extract as extraction
from ..documents import PublishedOutOfRange, published_of, read_notice
from .common import iso_date, report
from .table import render_table


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--published", callback=iso_date, help="Publication date YYYY-MM-DD (inferred if omitted).")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default=None,
              help="Output format; table on a terminal, json otherwise.")
def extract_command(files: tuple[Path, ...], published: date | None, fmt: str | None):
    """Extract calendar events from notice documents."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    results, failed = [], 0
    for path in files:
        try:
            text = read_notice(path.read_bytes(), str(path))
            found = published_of(text, published)
        except (OSError, extraction.UnreadableDocument, PublishedOutOfRange) as exc:
            report(str(path), _reason(exc))
            failed += 1
            continue
        if found is None:
            click.echo(f"{path}: no publication date found in the document; "
                       f"pass --published YYYY-MM-DD", err=True)
            failed += 1
            continue
        pub, how = found
        if published is None:
            click.echo(f"{path}: published {pub.isoformat()} (inferred from {how})", err=True)
        try:
            results.extend(extraction.extract(text, pub, file=str(path)))
        # Everything: one document that trips the extractor (TooLong, or any bug of its own) is
        # reported in one line like an unreadable one, and the other files are still processed.
        except Exception as exc:
            report(str(path), str(exc) if isinstance(exc, extraction.UnreadableDocument)
                   else f"extraction failed: {type(exc).__name__}: {exc}")
            failed += 1
    if fmt == "json":
        click.echo(json.dumps([e.to_json() for e in results], ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(results))
    if failed:
        sys.exit(1)


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
