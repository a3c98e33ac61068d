"""A bounded fuzzing campaign over the document reader and the extractor (issue 13).

    .venv/bin/python benchmarks/fuzz.py [--seconds 600] [--seed 0] [--out test-output/fuzz]

Inputs come from the hypothesis strategies of tests/fuzz_strategies.py (real notices encoded and
damaged, pieces of dates in any order, byte-order marks before anything, random bytes), generated
only (no shrinking: every input is tried once and judged here). Each input goes the way the
service reads a file:

1. ``read_document`` of the extractor, on its own: what it raises besides ``UnreadableDocument``
   is counted as "reader let through" (the service's reader catches those, see step 2);
2. ``calendar_service.documents.read_notice`` (the service's reader): ``UnreadableDocument`` is the
   documented refusal; anything else is an unhandled exception;
3. the publication date (``published_of``: stated in the document, else 2022-10-18; a date out of
   range is the documented refusal), then ``extract``: any exception is unhandled.

Printed: inputs tried, refusals, unhandled exceptions by type with the first input of each, and the
inputs that took over a second (read + extract), each saved under --out with its time.
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fuzz_strategies import document_bytes  # noqa: E402

from calendar_service import extract as extraction  # noqa: E402
from calendar_service.documents import PublishedOutOfRange, published_of, read_notice  # noqa: E402

SLOW_SECONDS = 1.0
DEFAULT_PUBLISHED = date(2022, 10, 18)


class TimeUp(Exception):
    """Ends the generation when the campaign's time is spent."""


class Campaign:
    def __init__(self, seconds: float, out: Path):
        self.deadline = time.monotonic() + seconds
        self.out = out
        self.tried = 0
        self.refused = Counter()
        self.reader_let_through = Counter()
        self.unhandled = Counter()
        self.first: dict[str, tuple[bytes, str]] = {}
        self.slow: list[tuple[float, bytes]] = []
        self.slowest = 0.0

    def run_one(self, data: bytes) -> None:
        self.tried += 1
        try:
            extraction.read_document(data, "fuzz.txt")
        except extraction.UnreadableDocument:
            pass
        # Everything: what the extractor's own reader raises besides its refusal is what we count.
        except Exception as exc:
            self.reader_let_through[type(exc).__name__] += 1
        started = time.monotonic()
        try:
            text = read_notice(data, "fuzz.txt")
            found = published_of(text, None)
            extraction.extract(text, found[0] if found else DEFAULT_PUBLISHED, file="fuzz.txt")
        except extraction.UnreadableDocument as exc:
            self.refused[type(exc).__name__] += 1
        except PublishedOutOfRange:
            self.refused["PublishedOutOfRange"] += 1
        # Everything: an unhandled exception is the finding; it is recorded and the campaign goes on.
        except Exception as exc:
            name = type(exc).__name__
            self.unhandled[name] += 1
            self.first.setdefault(name, (data, traceback.format_exc()))
        spent = time.monotonic() - started
        self.slowest = max(self.slowest, spent)
        if spent > SLOW_SECONDS:
            self.slow.append((spent, data))
        if time.monotonic() > self.deadline:
            raise TimeUp

    def report(self, elapsed: float) -> str:
        lines = [f"fuzz campaign: {elapsed:.0f} s, {self.tried:,} inputs tried ({self.tried / elapsed:,.0f}/s)",
                 f"refused (documented one-line refusal): {sum(self.refused.values()):,} "
                 + (f"({', '.join(f'{k} {v:,}' for k, v in self.refused.most_common())})" if self.refused else ""),
                 f"unhandled exceptions: {sum(self.unhandled.values())}"
                 + "".join(f"\n  {k}: {v}" for k, v in self.unhandled.most_common()),
                 "extractor's read_document let through (caught by the service's read_notice): "
                 + (", ".join(f"{k} {v:,}" for k, v in self.reader_let_through.most_common()) or "none"),
                 f"slow inputs (> {SLOW_SECONDS:.0f} s, read + extract): {len(self.slow)}; "
                 f"slowest input {self.slowest:.2f} s"]
        self.out.mkdir(parents=True, exist_ok=True)
        for n, (spent, data) in enumerate(sorted(self.slow, reverse=True)[:20]):
            path = self.out / f"slow-{n:02d}-{spent:.1f}s.bin"
            path.write_bytes(data)
            lines.append(f"  {spent:.2f} s  {len(data):,} bytes  {path}")
        for name, (data, trace) in self.first.items():
            path = self.out / f"unhandled-{name}.bin"
            path.write_bytes(data)
            lines.append(f"first {name}: {path}\n{trace}")
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600.0, help="length of the campaign (default 600)")
    parser.add_argument("--seed", type=int, default=0, help="hypothesis seed (the same seed, the same inputs)")
    parser.add_argument("--out", type=Path, default=ROOT / "test-output" / "fuzz",
                        help="folder for slow and failing inputs")
    args = parser.parse_args(argv)
    campaign = Campaign(args.seconds, args.out)

    @seed(args.seed)
    @settings(max_examples=10**9, phases=[Phase.generate], database=None, deadline=None, derandomize=False,
              suppress_health_check=list(HealthCheck), report_multiple_bugs=False)
    @given(document_bytes())
    def fuzz(data: bytes) -> None:
        campaign.run_one(data)

    started = time.monotonic()
    try:
        fuzz()
    except TimeUp:
        pass
    print(campaign.report(time.monotonic() - started))
    return 1 if campaign.unhandled else 0


if __name__ == "__main__":
    sys.exit(main())
