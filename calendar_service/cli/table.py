"""Aligned plain-text listing of events for terminals (CJK characters are two columns wide)."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

COLUMNS = ("kind", "start", "end", "title", "location")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def clip(text: str, width: int) -> str:
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1 and used + w > width:
            break
        out.append(ch)
        used += w
    clipped = "".join(out)
    return clipped if clipped == text else clipped[:-1] + "…"


def render_rows(header: Sequence[str], rows: Iterable[Sequence[str]], max_width: int = 40) -> str:
    rows = [[clip(cell, max_width) for cell in row] for row in rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(pad(h, w) for h, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(pad(c, w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def render_table(events) -> str:
    if not events:
        return "(没有找到事件 / no events found)"
    rows = []
    for e in events:
        data = e.to_json() if hasattr(e, "to_json") else e
        rows.append([data["kind"], data["start"] or "…", data["end"] or "…", data["title"], data["location"] or ""])
    return render_rows(COLUMNS, rows)
