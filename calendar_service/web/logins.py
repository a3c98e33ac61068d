"""Logging in to the review desk: the brakes on guessing, the trusted-browser cookie, and the
server-side session (the rows are the store's: ``store.logins``).

- **Sessions.** The signed Flask cookie carries only a random session id; the session is a row
  (keyed by the id's hash) that logging out deletes and a password change orphans, so a cookie
  copied before either opens nothing, on any worker.
- **Brakes.** An attempt from a browser without the trusted-browser cookie passes two brakes: its
  client address (``LOGIN_FAILURES_PER_ADDRESS`` per ``LOGIN_WINDOW_SECONDS``, backoff after
  ``FREE_TRIES``) and the account as a whole (no cap, backoff after that many attempts, so guesses
  spread over many addresses slow down without locking the reviewer out). A browser that logged
  in before presents its trusted-browser cookie and is braked by that alone: an attacker sharing
  the reviewer's address (or hammering the account from elsewhere) does not lock the reviewer out,
  and the cookie is worthless for guessing (it gives the same cap, to one browser).
- The password is compared only after the attempt was counted (in the database: every worker
  and every restart share the count).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, request, session
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..store import logins
from ..store.logins import Brake, Policy, brake_key
from .context import db, now

FREE_TRIES = 3  # attempts in a window before the backoff starts
DEVICE_COOKIE = "desk_browser"
DEVICE_DAYS = 180
ACCOUNT = "desk"  # the desk has one account: its password


@dataclass(frozen=True)
class Attempt:
    """The brakes one login attempt answers to."""

    device: str | None  # the trusted-browser id, when the browser presented a valid one
    client: tuple[Brake, ...]
    account: tuple[Brake, ...]

    @classmethod
    def current(cls) -> Attempt:
        cap = int(current_app.config["LOGIN_FAILURES_PER_ADDRESS"])
        device = _device()
        if device is not None:
            return cls(device, (Brake(brake_key("browser", device), cap, FREE_TRIES),), ())
        address = request.remote_addr or "unknown"
        return cls(None, (Brake(brake_key("address", address), cap, FREE_TRIES),),
                   (Brake(brake_key("account", ACCOUNT), None, cap),))

    def admit(self) -> float:
        """0 when this attempt may compare the password (it is counted), else seconds to wait."""
        policy = Policy(window=timedelta(seconds=int(current_app.config["LOGIN_WINDOW_SECONDS"])),
                        backoff=float(current_app.config["LOGIN_BACKOFF_SECONDS"]))
        return logins.admit(db(), self.client + self.account, now(), policy)

    def succeeded(self, response) -> None:
        """The right password: clear this client's brakes, trust this browser from now on."""
        logins.succeeded(db(), self.client, self.account)
        device = self.device or secrets.token_urlsafe(24)
        response.set_cookie(DEVICE_COOKIE, _serializer().dumps(device), max_age=DEVICE_DAYS * 86400,
                            path="/admin", httponly=True, samesite="Lax",
                            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))


def password_matches(given: str) -> bool:
    return hmac.compare_digest(given.encode(), str(current_app.config["ADMIN_PASSWORD"]).encode())


def start_session() -> None:
    """A fresh session (nothing carried over from before the login) with its row in the store."""
    session.clear()
    sid = secrets.token_urlsafe(32)
    session["desk"] = sid
    lifetime = timedelta(hours=float(current_app.config["ADMIN_SESSION_HOURS"]))
    logins.open_session(db(), _hash(sid), password_key(), now(), lifetime)


def logged_in() -> bool:
    sid = session.get("desk")
    return isinstance(sid, str) and logins.session_open(db(), _hash(sid), password_key(), now())


def end_session() -> None:
    sid = session.get("desk")
    if isinstance(sid, str):
        logins.close_session(db(), _hash(sid))
    session.clear()


def password_key() -> str:
    """Ties a session to the current password: changing it ends every session."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, str(current_app.config["ADMIN_PASSWORD"]).encode(), hashlib.sha256).hexdigest()[:32]


def _device() -> str | None:
    token = request.cookies.get(DEVICE_COOKIE)
    if not token:
        return None
    try:
        value = _serializer().loads(token, max_age=DEVICE_DAYS * 86400)
    except BadSignature:  # forged, or signed with another key: an untrusted browser
        return None
    return value if isinstance(value, str) else None


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(str(current_app.config["SECRET_KEY"]), salt="desk-trusted-browser")


def _hash(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()
