"""The month view (/month/2022-10): a calendar grid with each item drawn as a bar in its
category's colour, today marked, every bar a link to its event, and the month's items listed below
it (what a phone reads best). Server-rendered, no script; ``?category=`` narrows it like the home
page. /month goes to the current month.
"""
from __future__ import annotations

import re
from datetime import date

from flask import Blueprint, redirect, render_template, request, url_for

from ..chinese import WEEKDAYS
from ..store.listing import drawn_between
from .context import db, open_ended_days, today
from .feeds import category_arg
from .month_grid import LANES, drawn_spans, grid_days, month_grid
from .page_cache import cached
from .pages import page_helpers

bp = Blueprint("month", __name__)
bp.context_processor(page_helpers)
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
LISTED = 100  # items named in the list below the grid; the rest are counted
FIRST_YEAR, LAST_YEAR = 1900, 2199  # the range every date the service takes is held to


@bp.get("/month")
def this_month():
    day = today()
    return redirect(url_for("month.month", ym=f"{day.year:04d}-{day.month:02d}", **_args()))


@bp.get("/month/<ym>")
@cached
def month(ym: str):
    found = _MONTH.fullmatch(ym)
    if not found or not FIRST_YEAR <= int(found.group(1)) <= LAST_YEAR or not 1 <= int(found.group(2)) <= 12:
        return render_template("pages/missing.html", title="没有这个月份",
                               detail=f"月份要写成 年-月，例如 /month/2022-10（{FIRST_YEAR}–{LAST_YEAR} 年）。"), 404
    year, number = int(found.group(1)), int(found.group(2))
    category = category_arg()
    start, end = grid_days(year, number)
    events = drawn_between(db(), start, end, category=category,
                           open_ended_days=open_ended_days())
    present = {e.category for e in events} | ({category} if category else set())
    spans = drawn_spans(year, number, events)  # each item's days worked out once, for grid and list
    weeks = month_grid(year, number, events, spans=spans)
    first, last = date(year, number, 1), _next(year, number)
    # the list names every item drawn on a day of the month, by its first day (LISTED at most)
    listed = sorted(((days, e) for days, e in spans if days[0] < last and days[1] >= first),
                    key=lambda f: (f[0][0], f[1].uid))
    return render_template(
        "pages/month.html", year=year, month=number, weeks=weeks, lanes=LANES, weekdays=WEEKDAYS,
        category=category, present=present, listed=[e for _, e in listed[:LISTED]], unlisted=len(listed) - LISTED,
        first=first,
        previous=_ym(*_previous(year, number)), following=_ym(last.year, last.month), args=_args())


def _args() -> dict:
    return {"category": request.args["category"]} if request.args.get("category") else {}


def _previous(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _next(year: int, month: int) -> date:
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def _ym(year: int, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if FIRST_YEAR <= year <= LAST_YEAR else None
