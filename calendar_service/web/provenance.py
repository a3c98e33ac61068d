"""Where an item comes from, as pages and feeds need it: the issuer index of today's feeds (built
once per store revision and day in each process, store/issuers.py), and links to an issuer's page
and to the article of a page an item was read from."""
from __future__ import annotations

import threading

from flask import current_app, url_for

from ..articles import Article, several
from ..store.issuers import IssuerIndex, issuer_index
from .context import db, open_ended_days, store_revision, today

_LOCK = threading.Lock()


def index() -> IssuerIndex:
    """Today's issuer index (the same retention as the feeds: store.feed_conditions)."""
    config = current_app.config
    past, cancelled = int(config["FEED_PAST_DAYS"]), int(config["FEED_CANCELLED_DAYS"])
    key = (store_revision(), today(), past, cancelled, open_ended_days())
    with _LOCK:  # one build at a time: the others wait for it rather than build it again
        kept = current_app.extensions.get("calendar_issuer_index")
        if kept is None or kept[0] != key:
            kept = (key, issuer_index(db(), key[1], past_days=past, cancelled_days=cancelled,
                                      open_ended_days=key[4]))
            current_app.extensions["calendar_issuer_index"] = kept
        return kept[1]


def article_link(key: str, article: Article | None, articles: tuple[Article, ...]) -> str:
    """The page of ``article`` of notice ``key`` (/notices/<key>/<n>), or of the notice when it
    is one article (or the item sits in no article: a page's banner)."""
    if article is None or not several(articles):
        return url_for("pages.notice", key=key)
    return url_for("pages.notice", key=f"{key}/{article.number}")


def issuer_link(name: str) -> str:
    return url_for("issuers.issuer_page", name=name)
