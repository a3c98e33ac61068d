"""Ingest throughput: notices/s for a first ingest, an unchanged re-ingest and a re-ingest with 1 in 10
notices edited, SQLite and PostgreSQL.

    .venv/bin/python benchmarks/ingest.py [--count 10000] [--backend sqlite|postgresql|both]

Notices are generated from tests/fixtures/notices/*.txt (or notices/*.txt when there are none):
each copy gets its own file name, folder and a number line, and its dates are moved by a few
days, so every notice has its own identity, content hash and events. For the edited re-ingest every
tenth notice gets a paragraph at the top and one date a day later, so its items are matched to the
stored ones (store/identity.py) and one of them changes. The real extractor runs;
the publication date is inferred from each text, as a plain ``calendar-service ingest`` does.
PostgreSQL gets a throwaway database (``calendar_bench_<random>``) on
``CALENDAR_TEST_POSTGRES_URL`` (default postgres@127.0.0.1:5432), dropped afterwards.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from calendar_service.ingest import collect, ingest
from calendar_service.store import Database, identity, upgrade
from calendar_service.store.models import Event
from throwaway_db import POSTGRES, postgres_database

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "tests" / "fixtures" / "notices", ROOT / "notices"]
DAY = re.compile(r"(\d{1,2})(日|号)")


def generate(folder: Path, count: int) -> None:
    texts = next(([p.read_text(encoding="utf-8") for p in sorted(d.glob("*.txt"))]
                  for d in SOURCES if any(d.glob("*.txt"))), None)
    if not texts:
        sys.exit("no notices to generate from in tests/fixtures/notices or notices/")
    for i in range(count):
        shift = i % 5

        def moved(match: re.Match) -> str:
            day = int(match.group(1))
            return f"{min(day + shift, 28) if 1 <= day <= 28 else day}{match.group(2)}"

        body = DAY.sub(moved, texts[i % len(texts)])
        target = folder / f"batch{i // 500:02d}" / f"notice-{i:05d}-{i % len(texts):02d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"（第{i}号）\n{body}", encoding="utf-8")


class Timed:
    """Wraps ``module.name`` to add up the time spent in it (for the rest of the process)."""

    def __init__(self, module, name: str):
        self.seconds, inner = 0.0, getattr(module, name)

        def timed(*args, **kwargs):
            began = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - began

        setattr(module, name, timed)


def edit_every_tenth(files) -> int:
    """Insert a paragraph at the top of every tenth notice and move its first day by one; how many."""
    edited = files[::10]
    for item in edited:
        text = item.path.read_text(encoding="utf-8")
        head, _, body = text.partition("\n")
        body = DAY.sub(lambda m: f"{int(m.group(1)) % 28 + 1}{m.group(2)}", body, count=1)
        item.path.write_text(f"{head}\n本通告内容有更新，以本次发布为准。\n\n{body}", encoding="utf-8")
    return len(edited)


def run(url: str, folder: Path) -> list[tuple[str, int, float, str]]:
    db = Database(url)
    try:
        upgrade(db)
        failures = []
        files, _ = collect([folder], report=lambda path, reason: failures.append(reason))
        rows = []
        for phase in ("first ingest", "unchanged re-ingest", "edited re-ingest"):
            if phase == "edited re-ingest":
                edited = edit_every_tenth(files)
                matching = Timed(identity, "match")
            began = time.perf_counter()
            summary = ingest(db, files, report=lambda path, reason: failures.append(reason))
            rows.append((phase, len(files), time.perf_counter() - began, summary.line()))
        seconds = rows[-1][2]
        rows.append(("  of which edited", edited, seconds,
                     f"the pass's time over its edited notices alone; matching took {matching.seconds:.3f}s "
                     f"of it ({matching.seconds / seconds:.1%})"))
        with db.read() as session:
            events = session.scalar(select(func.count()).select_from(Event))
        rows.append(("stored events", events, 0.0, f"{len(failures)} failures" + (f", first: {failures[0]}"
                                                                              if failures else "")))
        return rows
    finally:
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="calendar-bench-") as tmp:
        folder = Path(tmp) / "notices"
        began = time.perf_counter()
        generate(folder, args.count)
        print(f"generated {args.count} notices in {time.perf_counter() - began:.1f}s")
        for backend in (["sqlite", "postgresql"] if args.backend == "both" else [args.backend]):
            drop = None
            if backend == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            else:
                try:
                    url, drop = postgres_database()
                except Exception as exc:  # noqa: BLE001 - report and go on with the other backend
                    print(f"postgresql: skipped, no server at {POSTGRES} ({exc.__class__.__name__})")
                    continue
            try:
                rows = run(url, folder)
            finally:
                if drop:
                    drop()
            first = rows[0][1] / rows[0][2]
            for phase, count, seconds, detail in rows:
                if seconds:
                    rate = count / seconds
                    extra = f"  ({rate / first:.2f}x first)" if phase != "first ingest" else ""
                    print(f"{backend:10} {phase:20} {count:6} notices {seconds:8.2f}s {rate:9.0f} notices/s{extra}")
                    print(f"{'':10} {'':20} {detail}")
                else:
                    print(f"{backend:10} {phase:20} {count:6}  ({detail})")


if __name__ == "__main__":
    main()
