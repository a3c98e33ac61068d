"""The web layer: its settings, the blueprints (feeds, API, pages, review desk, subscriptions),
JSON errors and CORS. What a request needs from the app (store, today, links) is in ``context``.
"""
from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

from ..store import Database
from .cache import BodyCache, FragmentCache

#: Settings of the web layer (``CALENDAR_<NAME>`` in the environment; README "Feeds and the API").
WEB_DEFAULTS: dict[str, Any] = {
    "AS_OF": None,  # YYYY-MM-DD: the "today" of feeds and pages; None = the real date in TIMEZONE
    "TIMEZONE": "Asia/Shanghai",
    "PUBLIC_URL": None,  # https://host/prefix used in links inside feeds; None = the request's host
    "FEED_NAME": "公告日历",
    "FEED_PAST_DAYS": 30,  # /calendar.ics keeps items that ended at most this many days ago
    "FEED_REFRESH_HOURS": 6,  # REFRESH-INTERVAL / X-PUBLISHED-TTL: how often clients should poll
    "FEED_CACHE_BYTES": 64 * 1024 * 1024,  # per process, for feed bodies and again for rendered events
    "FEED_GZIP": True,  # gzip feeds of 32 KiB or more for clients that send Accept-Encoding: gzip
    "REVISION_CHECK_SECONDS": 0,  # >0: reuse the store revision this long before asking again
    "API_PAGE_SIZE": 50,
    "API_MAX_PAGE_SIZE": 500,
    # pages and the review desk (README "Web pages and the review desk")
    "PAGE_SIZE": 50,  # items per page of the home page
    "ADMIN_PASSWORD": None,  # the review desk's password; None = the desk is switched off
    "ADMIN_SESSION_HOURS": 12,  # a reviewer is logged out this long after logging in
    "SECRET_KEY": None,  # signs session cookies; None = generated once into <instance>/secret_key
}

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Content-Length",
}


def init_app(app: Flask) -> None:
    """Blueprints, shared objects, JSON errors and CORS (called by ``create_app``)."""
    from . import admin, api, feeds, pages, subscriptions
    from .security import init_security

    for name, value in WEB_DEFAULTS.items():
        app.config.setdefault(name, value)
    app.extensions["calendar_db"] = Database.from_config(app.config)
    app.extensions["calendar_feed_cache"] = BodyCache(int(app.config["FEED_CACHE_BYTES"]))
    app.extensions["calendar_event_cache"] = FragmentCache(int(app.config["FEED_CACHE_BYTES"]))
    app.extensions["calendar_revision"] = (0.0, None)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.register_blueprint(feeds.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(subscriptions.bp)
    init_security(app)
    app.register_error_handler(HTTPException, _http_error)
    app.after_request(_cors)
    app.add_url_rule("/healthz", "healthz", _healthz)


def _healthz():
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


def _http_error(error: HTTPException):
    """Errors are JSON ``{"status", "error", "message"}`` except for browsers asking for a page."""
    if not request.path.startswith("/api/") and request.accept_mimetypes.best == "text/html":
        return error
    response = jsonify(status=error.code, error=error.name, message=error.description)
    response.status_code = error.code or 500
    for name, value in (error.get_headers() if error.code == 405 else []):
        if name.lower() == "allow":
            response.headers["Allow"] = value
    return response


def _cors(response):
    if request.method in ("GET", "HEAD", "OPTIONS"):
        response.headers.update(CORS_HEADERS)
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response
