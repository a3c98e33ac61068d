"""Option parsing shared by the command-line modules."""
from __future__ import annotations

from datetime import date

import click


def iso_date(ctx, param, value: str | None) -> date | None:
    """click callback: a YYYY-MM-DD option as a date, with a bilingual usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"需要 YYYY-MM-DD 格式的日期 / expected YYYY-MM-DD, got {value!r}")
