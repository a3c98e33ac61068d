"""Shared helper for the time-expression tests: the spans a text's mentions stand for."""
from __future__ import annotations

from datetime import date

from calendar_service.extract.mentions import find_mentions
from calendar_service.extract.normalise import analysis_text
from calendar_service.extract.resolve import Point, resolve_mention


def _fmt(p: Point | None) -> str | None:
    if p is None:
        return None
    return f"{p.day}T{p.at:%H:%M}" if p.at else str(p.day)


def spans(text: str, published: date, anchor: date | None = None) -> list[tuple]:
    """(start, end) of every span, read in order as the pipeline does (each date anchors the next)."""
    text = analysis_text(text)
    out = []
    for m in find_mentions(text):
        for s in resolve_mention(m, published, anchor):
            out.append((_fmt(s.start), _fmt(s.end)))
            anchor = (s.end or s.start).day
    return out
