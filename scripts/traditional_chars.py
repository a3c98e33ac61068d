#!/usr/bin/env python3
"""Write calendar_service/extract/traditional_chars.txt: every character OpenCC's t2s table changes.

    .venv/bin/python scripts/traditional_chars.py            # rewrite the file
    .venv/bin/python scripts/traditional_chars.py --check    # exit 1 if it is out of step with OpenCC

The extractor converts a notice with OpenCC only when it holds one of these characters
(normalise.simplified): most notices are simplified already, and loading OpenCC is ~8 ms of each
`calendar-service extract`. The file is derived from the installed OpenCC, never edited by hand;
tests/extract/test_traditional_chars.py fails when the two part.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calendar_service.extract.normalise import TRADITIONAL_FILE, traditional_chars_of_opencc  # noqa: E402


def main(argv: list[str]) -> int:
    derived = traditional_chars_of_opencc()
    if "--check" in argv:
        stale = TRADITIONAL_FILE.read_text("utf-8").strip() != derived
        print(f"{TRADITIONAL_FILE.name} is {'out of step with' if stale else 'in step with'} OpenCC")
        return 1 if stale else 0
    TRADITIONAL_FILE.write_text(derived + "\n", encoding="utf-8")
    print(f"wrote {len(derived)} characters to {TRADITIONAL_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
