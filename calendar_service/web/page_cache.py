"""Public pages and the read API, cached like the feeds: rendered once per store revision, day and
query, then served from memory to every thread of the process, with an ETag and ``304``.

A page is a function of the store (its revision), "today" (``AS_OF`` or the date), the links'
base and the query string, and of nothing else: public pages read no session or cookie. So the
key is exactly those; a change committed by any process moves the revision and every worker
builds the page again on its next request, once (``BodyCache`` lets one thread build while the
others wait for its result). A refusal (``abort``: 400, 404 of the API) is raised, not cached;
a page's own "not found" (status 404 with a body) is cached like any page.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property, wraps

from flask import current_app, request

from .cache import BodyCache
from .context import base_url, store_revision, today


@dataclass(frozen=True)
class Page:
    """A rendered response: its bytes, status, type, strong validator and where a redirect goes."""

    data: bytes
    status: int
    mimetype: str
    etag: str
    location: str | None = None
    content_type: str = ""  # the full header (with its charset), as the response first had it

    @cached_property
    def headers(self) -> tuple[tuple[str, str], ...]:
        """The headers a hit sends, built once (a hit then costs a lookup and a Response)."""
        found = [("Content-Type", self.content_type), ("ETag", f'"{self.etag}"')]
        return tuple(found + ([("Location", self.location)] if self.location else []))


def page_cache() -> BodyCache:
    return current_app.extensions["calendar_page_cache"]


def cached(view):
    """Serve ``view`` (a GET view of a public page or of the read API) from the page cache.

    A hit asks the database one thing, the store revision (``store_revision``: on a connection
    kept for it), and builds a Response from headers made once per page.
    """

    @wraps(view)
    def serve(**arguments):
        key = (request.endpoint, tuple(sorted(arguments.items())), normalised_query(), today(), base_url(),
               store_revision())
        page = page_cache().get(key, lambda: _render(view, arguments))
        if page.status == 200 and request.if_none_match.contains_weak(page.etag):
            return current_app.response_class(status=304, headers=page.headers[1:2])
        return current_app.response_class(page.data, status=page.status, headers=list(page.headers))

    return serve


def normalised_query() -> tuple[tuple[str, str], ...]:
    """Every argument, in a stable order: ``?q=a&kind=b`` and ``?kind=b&q=a`` are one page."""
    return tuple(sorted(request.args.items(multi=True)))


def _render(view, arguments: dict) -> Page:
    response = current_app.make_response(view(**arguments))
    data = response.get_data()
    return Page(data, response.status_code, response.mimetype, hashlib.sha256(data).hexdigest()[:32],
                response.headers.get("Location"), response.headers.get("Content-Type", ""))
