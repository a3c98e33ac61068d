"""Extraction throughput and memory, ours against jionlp 1.5.31's time extraction, same text.

    .venv/bin/pip install -e '.[bench]'     # jionlp, optional
    .venv/bin/python benchmarks/extract.py [--min-bytes 1000000]

The corpus is the annotated fixture notices (tests/fixtures/notices/) and the seed page, repeated
until it holds at least --min-bytes of UTF-8. Each side runs in its own fresh process so import
time and peak memory (max RSS) are its own. jionlp is given each document with its publication
date as time_base, as we are.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(min_bytes: int) -> list[tuple[str, date]]:
    docs = []
    for gold in sorted((ROOT / "tests/fixtures/notices").glob("*.gold.json")):
        published = date.fromisoformat(json.loads(gold.read_text("utf-8"))["published"])
        txt = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
        docs.append((txt.read_text("utf-8"), published))
    docs.append(((ROOT / "notices/jiaozuo-daily-2022-10-18.txt").read_text("utf-8"), date(2022, 10, 18)))
    out, size = [], 0
    while size < min_bytes:
        for text, published in docs:
            out.append((text, published))
            size += len(text.encode("utf-8"))
    return out


def run_side(side: str, min_bytes: int) -> dict:
    t0 = time.perf_counter()
    if side == "ours":
        from calendar_service.extract import extract

        def work(text, published):
            return len(extract(text, published))
    else:
        import jionlp

        def work(text, published):
            base = {"year": published.year, "month": published.month, "day": published.day}
            return len(jionlp.ner.extract_time(text, time_base=base, with_parsing=True))
    imported = time.perf_counter() - t0
    docs = corpus(min_bytes)
    chars = sum(len(t) for t, _ in docs)
    t1 = time.perf_counter()
    found = sum(work(text, published) for text, published in docs)
    elapsed = time.perf_counter() - t1
    return {"side": side, "import_s": imported, "chars": chars, "docs": len(docs),
            "bytes": sum(len(t.encode()) for t, _ in docs), "seconds": elapsed,
            "chars_per_s": chars / elapsed, "found": found,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--min-bytes", type=int, default=1_000_000)
    parser.add_argument("--side", choices=["ours", "jionlp"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        print(json.dumps(run_side(args.side, args.min_bytes)))
        return
    results = {}
    for side in ("ours", "jionlp"):
        proc = subprocess.run([sys.executable, __file__, "--side", side, "--min-bytes", str(args.min_bytes)],
                              capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            print(f"{side}: not run ({proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode})")
            continue
        results[side] = json.loads(proc.stdout.strip().splitlines()[-1])
    for side, r in results.items():
        print(f"{side:7} {r['bytes'] / 1e6:.2f} MB ({r['chars']} chars, {r['docs']} documents) in "
              f"{r['seconds']:.2f} s: {r['chars_per_s']:,.0f} chars/s; import {r['import_s']:.3f} s; "
              f"peak RSS {r['peak_rss_mb']:.0f} MB; {r['found']} items")
    if len(results) == 2:
        print(f"ratio: ours is {results['ours']['chars_per_s'] / results['jionlp']['chars_per_s']:.1f}x "
              f"jionlp's time extraction")


if __name__ == "__main__":
    main()
