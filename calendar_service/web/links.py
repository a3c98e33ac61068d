"""Links that take a calendar somewhere else: feed URLs (https and webcal), Google Calendar's
subscribe and add-event links, and QR codes drawn on the server as inline SVG (segno; no service).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from urllib.parse import quote, unquote, urlencode

import segno
from markupsafe import Markup

from .. import ics, kinds
from .context import public_url

GOOGLE_RENDER = "https://calendar.google.com/calendar/render"
DETAILS_MAX = 1200  # Google's link carries the description in the URL: keep it reasonable


@dataclass(frozen=True)
class FeedLinks:
    name: str
    kind: str | None
    q: str | None
    https: str
    webcal: str
    google: str
    panel: str  # this service's subscribe page for the same feed
    category: str | None = None

    @property
    def shown(self) -> str:
        """The https address as a person reads it (龙源路, not %E9%BE%99…)."""
        return unquote(self.https)


def feed_path(kind: str | None = None, q: str | None = None, category: str | None = None) -> str:
    """A feed's path: a category's feed (narrowed by ``?kind=``), a kind's, or everything's."""
    if category:
        return _with(f"/calendars/category/{category}.ics", kind=kind, q=q)
    return _with(f"/calendars/{kind}.ics" if kind else "/calendar.ics", q=q)


def panel_path(kind: str | None = None, q: str | None = None, category: str | None = None) -> str:
    return _with("/feeds", category=category, kind=kind, q=q)


def _with(path: str, **args: str | None) -> str:
    given = {k: v for k, v in args.items() if v}
    return f"{path}?{urlencode(given)}" if given else path


def feed_links(name: str, kind: str | None = None, q: str | None = None, category: str | None = None) -> FeedLinks:
    https = public_url(feed_path(kind, q, category))
    webcal = "webcal://" + https.split("://", 1)[1]
    return FeedLinks(name, kind, q, https, webcal, f"{GOOGLE_RENDER}?cid={quote(webcal, safe='')}",
                     public_url(panel_path(kind, q, category)), category)


def place_links(name: str, feed: str, page: str) -> FeedLinks:
    """The links of a place's feed (``feed``, ``page``: paths); its page is its subscribe panel."""
    https = public_url(feed)
    webcal = "webcal://" + https.split("://", 1)[1]
    return FeedLinks(name, None, None, https, webcal, f"{GOOGLE_RENDER}?cid={quote(webcal, safe='')}",
                     public_url(page))


def google_event_link(event) -> str | None:
    """Google Calendar's "add this event" link, placed as the feeds place it (a due item on its due
    date, an open-ended item on its first day)."""
    placed = ics.placement(event)
    if placed is None:
        return None
    start, end, open_ended = placed
    end = end or (start + timedelta(days=1) if not isinstance(start, datetime) else start)
    if isinstance(start, datetime):
        dates = f"{_utc(start)}/{_utc(end)}"
    else:
        dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
    title = ics.one_line(event.title) + ("（起）" if open_ended else "")
    label = kinds.label(event.kind)
    details = (event.description or "")[:DETAILS_MAX]
    args = {"action": "TEMPLATE", "text": f"【{label}】{title}", "dates": dates,
            "details": f"{details}\n\n{public_url(f'/events/{event.uid}')}".strip(), "ctz": ics.TZID}
    if event.location:
        args["location"] = ics.one_line(event.location)
    return f"{GOOGLE_RENDER}?{urlencode(args)}"


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@lru_cache(maxsize=256)
def qr_svg(data: str, label: str = "二维码") -> Markup:
    """A QR code of ``data`` as an inline ``<svg>`` (no script, no style attribute: CSP-safe)."""
    code = segno.make(data, error="m")
    return Markup(code.svg_inline(scale=4, border=2, dark="#111", light="#fff", svgclass="qr", lineclass=None,
                                  title=label))
