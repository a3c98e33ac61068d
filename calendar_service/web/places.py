"""Places: a page per road, village or district (/places/龙源路) with the items current there, and
its feed (/places/龙源路.ics, in feeds.py). Places are read from items' locations by
``calendar_service.places`` (its words are data), so "龙源路与山阳路交叉口" is under 龙源路 and
under 山阳路, and 新龙源路 is not 龙源路. /places lists the places of what is current now.
"""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from ..kinds import is_current
from ..places import located_at, normalised, places_in
from ..store.listing import at_place, current_places
from .context import db, open_ended_days, today
from .feeds import feed_name
from .links import place_links
from .listing import place
from .pages import page_helpers

bp = Blueprint("places", __name__)
bp.context_processor(page_helpers)
KIND_NAMES = {"road": "道路", "village": "村和小区", "district": "区县乡镇"}


@bp.get("/places")
def index():
    counts: Counter = Counter()
    kinds = {}
    for location in current_places(db(), today(), open_ended_days()):
        for found in places_in(location):
            counts[found.name] += 1
            kinds[found.name] = found.kind
    groups = [(KIND_NAMES[k], sorted(((n, c) for n, c in counts.items() if kinds[n] == k), key=lambda i: (-i[1], i[0])))
              for k in KIND_NAMES]
    return _page("pages/places.html", groups=[g for g in groups if g[1]])


@bp.get("/places/<name>")
def place_page(name: str):
    found = normalised(name)
    if found is None:
        return render_template("pages/missing.html", title="没有这个地名",
                               detail="地名要是一条路、一个村或小区、一个区县乡镇，例如 /places/龙源路。"), 404
    if found != name:
        return redirect(url_for("places.place_page", name=found))
    day = today()
    since = day - timedelta(days=int(current_app.config["FEED_PAST_DAYS"]))
    events = [e for e in located_at(at_place(db(), found, since), found)
              if e.status == "confirmed" and is_current(e.kind, e.start, e.end, day)]
    items = sorted((place(e, day) for e in events), key=lambda i: (i.day, i.event.uid))
    return _page("pages/place.html", name=found, items=items,
                 feed=place_links(feed_name(None, found), url_for("feeds.calendar_of_place", name=found),
                                  url_for("places.place_page", name=found)))


def _page(template: str, **context):
    response = current_app.make_response(render_template(template, **context))
    response.add_etag()
    return response.make_conditional(request)
