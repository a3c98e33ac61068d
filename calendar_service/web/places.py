"""Places: a page per road, village or district (/places/龙源路) with the items current there, and
its feed (/places/龙源路.ics, in feeds.py). Places are read from items' locations by
``calendar_service.places`` (its words are data), so "龙源路与山阳路交叉口" is under 龙源路 and
under 山阳路, and 新龙源路 is not 龙源路. /places lists the places of what is current now.

Both are read like the home page (what is current is two index ranges, so their cost does not
grow with the past), a place page lists ``PAGE_SIZE`` items a page (``?page=2``) like it, and
both are served from the page cache (``page_cache.cached``).
"""
from __future__ import annotations

from collections import Counter

from flask import Blueprint, abort, current_app, redirect, render_template, url_for

from ..places import normalised, places_in
from ..store.listing import at_place, current_places, events_by_id
from .context import db, open_ended_days, today
from .feeds import feed_name
from .links import place_links
from .listing import place
from .page_cache import cached
from .pages import _page_arg, page_helpers

bp = Blueprint("places", __name__)
bp.context_processor(page_helpers)
KIND_NAMES = {"road": "道路", "village": "村和小区", "district": "区县乡镇"}


@bp.get("/places")
@cached
def index():
    counts: Counter = Counter()
    kinds = {}
    for location, n in current_places(db(), today(), open_ended_days()):
        for found in places_in(location):
            counts[found.name] += n
            kinds[found.name] = found.kind
    groups = [(KIND_NAMES[k], sorted(((n, c) for n, c in counts.items() if kinds[n] == k), key=lambda i: (-i[1], i[0])))
              for k in KIND_NAMES]
    return render_template("pages/places.html", groups=[g for g in groups if g[1]])


@bp.get("/places/<name>")
@cached
def place_page(name: str):
    found = normalised(name)
    if found is None:
        return render_template("pages/missing.html", title="没有这个地名",
                               detail="地名要是一条路、一个村或小区、一个区县乡镇，例如 /places/龙源路。"), 404
    if found != name:
        return redirect(url_for("places.place_page", name=found))
    day, page, size = today(), _page_arg(), int(current_app.config["PAGE_SIZE"])
    named: dict[str | None, bool] = {}  # a place names it or not: asked once per distinct place
    ids = [id_ for id_, location in at_place(db(), found, day, open_ended_days=open_ended_days())
           if named.setdefault(location, _names(location, found))]
    shown = events_by_id(db(), ids[(page - 1) * size:page * size])
    if page > 1 and not shown:
        abort(404, "没有这一页")
    return render_template("pages/place.html", name=found, items=[place(e, day) for e in shown], total=len(ids),
                           page=page, pages=max(1, -(-len(ids) // size)),
                           feed=place_links(feed_name(None, found), url_for("feeds.calendar_of_place", name=found),
                                            url_for("places.place_page", name=found)))


def _names(location: str | None, name: str) -> bool:
    return any(p.name == name for p in places_in(location))
