"""Issuers: the offices, companies and venues that issue notices. /issuers lists those with items
current now and how many; /issuers/<name> is one issuer's page with its current items and its feed
(/issuers/<name>.ics, in feeds.py), the same one-step subscribe box as a place's page. Who issued
an item is read from its notice (``calendar_service.issuers``, ``store/issuers.py``)."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from ..issuers import normalised
from ..store.issuers import events_by_uid
from .context import db, today
from .feeds import feed_name
from .links import place_links
from .listing import place
from .page_cache import cached
from .pages import page_helpers
from .provenance import index

bp = Blueprint("issuers", __name__)
bp.context_processor(page_helpers)


@bp.get("/issuers")
@cached
def issuer_list():
    return render_template("pages/issuers.html", issuers=index().listed())


@bp.get("/issuers/<name>")
@bp.get("/issuers/<path:name>", endpoint="issuer_path")  # a "/" in it (never in a name): the same 404
def issuer_page(name: str):
    found = normalised(name)
    if found is None:
        return _missing("这不是一个发布单位的名称", "发布单位是发布公告的机关、公司或场馆，例如 /issuers/焦作市住房和城乡建设局。")
    if found != name:  # one address per issuer (the page cache keeps no redirect: answered here)
        return redirect(url_for("issuers.issuer_page", name=found))
    return _issuer(name=found)


@cached
def _issuer(name: str):
    found, known = name, index()
    if found not in known.held:
        return _missing("没有找到这个发布单位", "目前的事项里没有这个单位发布的公告。它以前的公告可能都已结束，或者名称有误。")
    day = today()
    events = events_by_uid(db(), known.current[found])
    items = sorted((place(e, day) for e in events), key=lambda i: (i.day, i.event.uid))
    feed = place_links(feed_name(None, found), url_for("feeds.calendar_of_issuer", name=found),
                       url_for("issuers.issuer_page", name=found))
    return render_template("pages/issuer.html", name=found, items=items, feed=feed)


def _missing(title: str, detail: str):
    return render_template("pages/missing.html", title=title, detail=detail), 404
