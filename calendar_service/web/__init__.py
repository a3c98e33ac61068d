"""The web layer: the blueprints (feeds, API, pages, review desk, subscriptions), JSON errors,
CORS for the feeds and the read API only, request bodies limited while they stream, and forwarded
headers trusted only from as many proxies as ``TRUSTED_PROXIES`` says. What a request needs from
the app (store, today, links) is in ``context``.
"""
from __future__ import annotations

from io import BytesIO

from flask import Flask, abort, current_app, jsonify, request
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from ..store import Database
from .cache import BodyCache

#: Every request body is read at most this far while it streams (chunked ones too); the review
#: desk, which takes whole notices, allows UPLOAD_MAX_BYTES plus this for the rest of its form.
BODY_MAX_BYTES = 64 * 1024
#: The blueprints other sites may read from (feeds and the read-only API): the desk, the pages and
#: the subscription forms get no CORS headers.
CORS_BLUEPRINTS = ("feeds", "api")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Content-Length",
}


def init_app(app: Flask) -> None:
    """Blueprints, shared objects, JSON errors, CORS, body limits and forwarded headers (called by
    ``create_app``, which has put every declared setting into ``app.config``)."""
    # admin_items, admin_sources: more of the desk's routes, on admin's blueprint
    from . import admin, admin_items, admin_sources, api, feeds, issuers, month, pages, places, subscriptions  # noqa: F401
    from .security import init_security

    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:  # only then: otherwise anyone could claim any address or scheme in a header
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies)
    app.config["MAX_CONTENT_LENGTH"] = BODY_MAX_BYTES
    app.extensions["calendar_db"] = Database.from_config(app.config)
    app.extensions["calendar_feed_cache"] = BodyCache(int(app.config["FEED_CACHE_BYTES"]))
    app.extensions["calendar_page_cache"] = BodyCache(int(app.config["FEED_CACHE_BYTES"]))
    app.extensions["calendar_revision"] = (0.0, None)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.register_blueprint(feeds.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(month.bp)
    app.register_blueprint(places.bp)
    app.register_blueprint(issuers.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(subscriptions.bp)
    init_security(app)
    app.register_error_handler(HTTPException, _http_error)
    app.before_request(_limit_body)
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


def _limit_body():
    """Set before anything reads the body. A body with a Content-Length over the limit werkzeug
    refuses (413) before reading; one streamed without it (chunked) werkzeug would read up to the
    limit and then stop quietly, so a form or JSON cut there would parse as something else (the
    issue: a 30 MB chunked upload stored cut): that one is read here, one byte past the limit at
    most, and refused whole when it goes past."""
    if request.blueprint == "admin":
        upload = int(current_app.config["UPLOAD_MAX_BYTES"])
        limit = request.max_content_length = upload + BODY_MAX_BYTES
        request.max_form_memory_size = upload  # a pasted notice is one form field
    else:
        limit = request.max_content_length = BODY_MAX_BYTES
    if request.content_length is None and "chunked" in request.headers.get("Transfer-Encoding", "").lower():
        _buffer_streamed_body(limit)


def _buffer_streamed_body(limit: int) -> None:
    stream = request.environ["wsgi.input"]
    data = bytearray()
    while len(data) <= limit:
        piece = stream.read(min(64 * 1024, limit + 1 - len(data)))
        if not piece:
            break
        data += piece
    if len(data) > limit:
        abort(413)
    request.environ["wsgi.input"] = BytesIO(bytes(data))
    request.environ["CONTENT_LENGTH"] = str(len(data))


def _cors(response):
    if request.blueprint in CORS_BLUEPRINTS and request.method in ("GET", "HEAD", "OPTIONS"):
        response.headers.update(CORS_HEADERS)
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response
