"""What commands say in one line, without click: ``extract`` starts without it (it is run once per
file, and importing click was a tenth of each run), so its refusals live here and ``common.py``
uses the same ones."""
from __future__ import annotations

import sys
from datetime import date

DAY_EXPECTED = "需要 YYYY-MM-DD 格式的日期 / expected YYYY-MM-DD"


def report(path: str, reason: str) -> None:
    """One line on stderr for a file that failed; the run goes on."""
    print(f"error: {path}: {reason}", file=sys.stderr)


def day_value(value: str) -> date:
    """A YYYY-MM-DD value as a date held to the range a notice may be dated in
    (``documents.EARLIEST``..``LATEST``: every date option feeds date arithmetic, and year 1 would
    overflow); ValueError with a bilingual line otherwise."""
    from ..documents import EARLIEST, LATEST

    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{DAY_EXPECTED}, got {value!r}") from None
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"日期超出范围 / expected a date from {EARLIEST} to {LATEST}, got {value!r}")
    return day
