#!/usr/bin/env python3
"""Score the extractor on the real notices in ../shared/eval/real and write the per-notice table.

    .venv/bin/python scripts/real_scores.py            # print the totals, rewrite tests/fixtures/real_scores.tsv
    .venv/bin/python scripts/real_scores.py -v         # also every miss and extra
    .venv/bin/python scripts/real_scores.py --check    # exit 1 if the table is stale

The notices are copies of public pages and stay outside the repository; the table holds only
names and counts, so a change that breaks one notice shows in review as a changed row. Scoring
runs in process with the rules of ../shared/eval/score.py (tests/gold.py keeps them in step).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from gold import REAL, real_table, score_folder  # noqa: E402

TABLE = ROOT / "tests" / "fixtures" / "real_scores.tsv"


def main(argv: list[str]) -> int:
    if not REAL.is_dir():
        print(f"{REAL} is not there: the real notices live beside the checkout in ../shared/eval/real")
        return 2
    total, rows = score_folder(REAL)
    if "-v" in argv:
        print("\n".join(total.lines))
    print(total.summary())
    table = real_table(rows)
    if "--check" in argv:
        if TABLE.read_text(encoding="utf-8") != table:
            print(f"{TABLE.relative_to(ROOT)} is stale: run scripts/real_scores.py")
            return 1
        return 0
    TABLE.write_text(table, encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
