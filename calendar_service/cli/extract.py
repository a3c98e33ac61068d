"""``calendar-service extract``: events of notice files as JSON or a table (DESIGN.md, the contract).

Pure extraction: this module and what it imports hold no database, web or mail code. It parses its
own arguments with ``argparse`` rather than click: scripts and scorers run it once per file, and
importing click was a tenth of each run. Through the click group (``calendar-service extract``
from ``main``, the tests' ``CliRunner``) the same ``main`` reads the same arguments.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .examples import DATES, example_block
from .messages import day_value, report

FORMATS = ("json", "table")
SUMMARY = "Extract calendar events from notice documents."  # also the line the group's --help lists


def main(argv: list[str] | None = None) -> int:
    """Run the command on argv (without the command's name); the exit status."""
    args = _parser().parse_args(argv)  # a usage error prints a line and exits 2
    from ..config import load_config
    from ..errors import ConfigurationError

    try:  # as every command: a wrong CALENDAR_* setting stops it in one line
        load_config()
    except ConfigurationError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    results, failed = _extracted(args.files, args.published)
    if fmt == "json":
        print(json.dumps([e.to_json() for e in results], ensure_ascii=False, indent=2))
    else:
        from .table import render_table

        print(render_table(results))
    return 1 if failed else 0


def _extracted(files: list[Path], published) -> tuple[list, int]:
    from .. import extract as extraction
    from ..documents import PublishedOutOfRange, published_of, read_notice

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
            print(f"{path}: no publication date found in the document; pass --published YYYY-MM-DD",
                  file=sys.stderr)
            failed += 1
            continue
        pub, how = found
        if published is None:
            print(f"{path}: published {pub.isoformat()} (inferred from {how})", file=sys.stderr)
        try:
            results.extend(extraction.extract(text, pub, file=str(path)))
        # Everything: one document that trips the extractor (TooLong, or any bug of its own) is
        # reported in one line like an unreadable one, and the other files are still processed.
        except Exception as exc:
            report(str(path), str(exc) if isinstance(exc, extraction.UnreadableDocument)
                   else f"extraction failed: {type(exc).__name__}: {exc}")
            failed += 1
    return results, failed


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="calendar-service extract", description=f"{SUMMARY} {DATES}",
        epilog=example_block("extract"), formatter_class=_Formatter)
    parser._optionals.title = "Options"  # as click's commands say it
    parser.add_argument("files", nargs="+", type=Path, metavar="FILES", help="Notice files (text, HTML).")
    parser.add_argument("--published", type=_day, metavar="YYYY-MM-DD",
                        help="Publication date YYYY-MM-DD (inferred if omitted).")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="Output format; table on a terminal, json otherwise.")
    return parser


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's, told the terminal's width: left to find it, argparse imports shutil and with it
    the compressors, ~8 ms of every run, help or not."""

    def __init__(self, prog: str):
        try:
            width = os.get_terminal_size().columns - 2
        except OSError:  # not a terminal
            width = 78
        super().__init__(prog, width=width)


def _day(value: str):
    try:
        return day_value(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
