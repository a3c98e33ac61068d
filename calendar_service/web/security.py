"""Security of the HTML side: response headers, the session key, CSRF tokens.

- Every response gets a strict Content-Security-Policy: no inline script; scripts from this origin
  only (one: the subscribe panel's copy button, ``static/copy.js``; every page works without it),
  styles and images from this origin only (the QR codes are inline SVG elements, not images),
  forms posting back here only, no framing. Plus nosniff, a same-origin referrer, and HSTS when
  the request came over TLS or ``PUBLIC_URL`` is https (behind a TLS proxy the app itself may
  only see http).
- The session (Flask's signed cookie, used by the review desk only) needs ``SECRET_KEY``: taken
  from ``CALENDAR_SECRET_KEY``, else generated once and kept in the instance folder, so that every
  worker on the machine shares it and a restart does not log reviewers out.
- CSRF: one random token per session, sent back in a hidden field of every form and compared in
  constant time on every POST of the desk.
"""
from __future__ import annotations

import hmac
import os
import secrets
import time
from pathlib import Path

from flask import Flask, abort, current_app, request, session

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
SECRET_FILE = "secret_key"
CSRF_FIELD = "csrf_token"


def init_security(app: Flask) -> None:
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.config["INSTANCE_PATH"]))
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    if str(app.config.get("PUBLIC_URL") or "").startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True  # served over TLS: never send the cookie in clear
    app.after_request(_headers)


def _headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure or _public_https():
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def _public_https() -> bool:
    return str(current_app.config.get("PUBLIC_URL") or "").startswith("https://")


def _instance_secret(folder: Path) -> str:
    """The instance folder's secret, created on first use (O_EXCL: concurrent starters agree)."""
    path = folder / SECRET_FILE
    folder.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # another process may be writing it this very moment
            value = path.read_text(encoding="ascii").strip()
            if value:
                return value
            time.sleep(0.01)
        raise RuntimeError(f"{path} is empty; delete it or set CALENDAR_SECRET_KEY")
    value = secrets.token_hex(32)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    return value


def csrf_token() -> str:
    """This session's CSRF token (created on first use)."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf() -> None:
    """Refuse (400) a POST whose form token is missing or not this session's."""
    expected = session.get("csrf")
    given = request.form.get(CSRF_FIELD, "")
    if not expected or not given or not hmac.compare_digest(expected.encode(), given.encode()):
        abort(400, "表单已过期或缺少安全令牌（CSRF），请返回刷新页面后重试。")
