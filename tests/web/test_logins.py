"""Issue 13, sessions and logins at the review desk, on SQLite and PostgreSQL: logout and a password
change end sessions (a cookie captured before opens nothing), the login brake lives in the database
(per address, per trusted browser, per account, with backoff) and never locks the right password
out for longer than a window, and `next=` with control characters is refused. The gunicorn test
at the end runs four real workers against one database."""
from __future__ import annotations

import concurrent.futures
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from calendar_service.store import logins

PASSWORD = "correct horse battery staple"
BASE = "https://calendar.example.cn"
T0 = datetime(2022, 10, 18, 2, 0, tzinfo=UTC)


@pytest.fixture
def desk(app):
    app.config.update(ADMIN_PASSWORD=PASSWORD, LOGIN_FAILURES_PER_ADDRESS=5, LOGIN_BACKOFF_SECONDS=1)
    app.now = [T0]
    app.extensions["calendar_clock"] = lambda: app.now[0]
    return app


def token(client, url: str = "/admin/login") -> str:
    html = client.get(url, base_url=BASE).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def attempt(client, password: str, *, address: str = "203.0.113.7", **fields):
    data = {"password": password, "csrf_token": token(client), **fields}
    return client.post("/admin/login", data=data, base_url=BASE, environ_base={"REMOTE_ADDR": address})


def test_a_cookie_captured_before_logout_opens_nothing_after_it(desk):
    """The issue: a cookie copied before logout still opened /admin/ for up to 12 hours."""
    reviewer = desk.test_client()
    assert attempt(reviewer, PASSWORD).status_code == 302
    captured = reviewer.get_cookie("session", domain="calendar.example.cn").value
    thief = desk.test_client()
    thief.set_cookie("session", captured, domain="calendar.example.cn")
    assert thief.get("/admin/", base_url=BASE).status_code == 200  # the copy works while the session lasts
    csrf = token(reviewer, "/admin/")
    assert reviewer.post("/admin/logout", data={"csrf_token": csrf}, base_url=BASE).status_code == 302
    assert thief.get("/admin/", base_url=BASE).status_code == 302  # to the login: the session is gone
    assert reviewer.get("/admin/", base_url=BASE).status_code == 302


def test_a_password_change_ends_every_session_and_hours_end_each(desk):
    reviewer = desk.test_client()
    assert attempt(reviewer, PASSWORD).status_code == 302
    desk.now[0] = T0 + timedelta(hours=11, minutes=59)
    assert reviewer.get("/admin/", base_url=BASE).status_code == 200
    desk.now[0] = T0 + timedelta(hours=12)
    assert reviewer.get("/admin/", base_url=BASE).status_code == 302
    assert attempt(reviewer, PASSWORD).status_code == 302
    desk.config["ADMIN_PASSWORD"] = "another long password"
    assert reviewer.get("/admin/", base_url=BASE).status_code == 302


def test_guesses_back_off_then_stop_at_the_cap_for_the_window(desk):
    """Per address: the first 3 tries are free, then 1 s, 2 s … between tries; 5 in the window at most."""
    guesser = desk.test_client()
    for _ in range(3):
        assert attempt(guesser, "guess").status_code == 401
    early = attempt(guesser, "guess")
    assert early.status_code == 429 and early.headers["Retry-After"] == "1"
    desk.now[0] += timedelta(seconds=1)
    assert attempt(guesser, "guess").status_code == 401  # the 4th
    assert attempt(guesser, "guess").headers["Retry-After"] == "2"
    desk.now[0] += timedelta(seconds=2)
    assert attempt(guesser, "guess").status_code == 401  # the 5th: the cap
    desk.now[0] += timedelta(minutes=5)
    capped = attempt(guesser, PASSWORD)  # even the right password: the address has used its window
    assert capped.status_code == 429 and int(capped.headers["Retry-After"]) == 900 - 5 * 60 - 3
    desk.now[0] = T0 + timedelta(seconds=900)
    assert attempt(guesser, PASSWORD).status_code == 302  # never for longer than the window


def test_an_attacker_at_the_reviewers_address_does_not_lock_out_the_reviewers_browser(desk):
    """The issue: the lockout also blocked the real password from the same address. A browser that
    logged in before is braked on its own (its trusted-browser cookie), not with the address."""
    reviewer = desk.test_client()
    assert attempt(reviewer, PASSWORD).status_code == 302
    reviewer.post("/admin/logout", data={"csrf_token": token(reviewer, "/admin/")}, base_url=BASE)
    attacker = desk.test_client()
    desk.config["LOGIN_BACKOFF_SECONDS"] = 0
    for _ in range(5):
        assert attempt(attacker, "guess").status_code == 401
    assert attempt(attacker, PASSWORD).status_code == 429
    assert attempt(reviewer, PASSWORD).status_code == 302  # same address, its own brake
    forged = desk.test_client()
    forged.set_cookie("desk_browser", "forged.value", domain="calendar.example.cn", path="/admin")
    assert attempt(forged, PASSWORD).status_code == 429  # a forged cookie is an untrusted browser


def test_guesses_spread_over_many_addresses_slow_the_account_down(desk):
    """Per account: after LOGIN_FAILURES_PER_ADDRESS tries from untrusted browsers anywhere, each
    next try waits (1 s, 2 s …), whatever address it comes from."""
    for n in range(5):
        assert attempt(desk.test_client(), "guess", address=f"198.51.100.{n}").status_code == 401
    slowed = attempt(desk.test_client(), "guess", address="198.51.100.99")
    assert slowed.status_code == 429 and slowed.headers["Retry-After"] == "1"
    desk.now[0] += timedelta(seconds=1)
    assert attempt(desk.test_client(), PASSWORD, address="198.51.100.100").status_code == 302
    assert attempt(desk.test_client(), "guess", address="198.51.100.101").status_code == 401  # its wait went


def test_the_brake_outlives_a_restart(desk):
    """Counted in the database: a new app on the same store (a restart, another worker) knows it."""
    from calendar_service import create_app

    desk.config["LOGIN_BACKOFF_SECONDS"] = 0
    for _ in range(5):
        assert attempt(desk.test_client(), "guess").status_code == 401
    again = create_app({**{k: desk.config[k] for k in ("DATABASE_URL", "SECRET_KEY", "AS_OF", "PUBLIC_URL")},
                        "ADMIN_PASSWORD": PASSWORD, "LOGIN_FAILURES_PER_ADDRESS": 5})
    again.extensions["calendar_clock"] = desk.extensions["calendar_clock"]
    assert attempt(again.test_client(), PASSWORD).status_code == 429
    again.extensions["calendar_db"].dispose()


@pytest.mark.parametrize("target", ["/admin\r\nSet-Cookie: x=1", "/admin/\r\n", "/admin\n", "/admin/\x00",
                                    "/admin/\x1b[1m", "/admin/\x7f", "//evil.example/admin", "/admin\\..\\x",
                                    "/adminevil", "https://evil.example/admin"])
def test_login_redirects_refuse_control_characters_and_other_places(desk, target):
    """The issue: next=/admin\\r\\n… after login was a 500 (ValueError on the Location header)."""
    response = attempt(desk.test_client(), PASSWORD, next=target)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    shown = desk.test_client().get("/admin/login", query_string={"next": target}, base_url=BASE)
    assert shown.status_code == 200


def test_a_desk_path_is_still_where_a_login_goes(desk):
    response = attempt(desk.test_client(), PASSWORD, next="/admin/notices/desk/2022-10-20-abc?x=1")
    assert response.headers["Location"] == "/admin/notices/desk/2022-10-20-abc?x=1"


def test_brakes_and_sessions_keep_no_address_or_session_id_in_clear(desk):
    attempt(desk.test_client(), "guess")
    reviewer = desk.test_client()
    attempt(reviewer, PASSWORD)
    db = desk.extensions["calendar_db"]
    from sqlalchemy import select

    from calendar_service.store.models import DeskSession, LoginBrake

    with db.read() as session:
        keys = list(session.scalars(select(LoginBrake.key)))
        ids = list(session.scalars(select(DeskSession.id_hash)))
    assert keys and all("203.0.113.7" not in k for k in keys)
    assert ids and reviewer.get_cookie("session", domain="calendar.example.cn").value not in ids


# --- four gunicorn workers, one database ----------------------------------------------------------

GUESSES = 200
CAP = 10


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _guess(base: str, password: str) -> int:
    """One login attempt from a fresh browser: GET the form (cookie + CSRF token), POST a password."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    html = opener.open(f"{base}/admin/login", timeout=30).read().decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({"password": password, "csrf_token": csrf}).encode()
    try:
        return opener.open(f"{base}/admin/login", data=body, timeout=30).status
    except urllib.error.HTTPError as exc:
        return exc.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_four_gunicorn_workers_allow_at_most_the_configured_failures_per_address(database_url, tmp_path):
    """The issue: with four workers 36 of 200 guesses got through a per-process brake of 10. Now
    200 concurrent guesses from 127.0.0.1 over four workers: exactly CAP are compared (401), the
    rest refused (429), and afterwards even the right password waits out the window."""
    from calendar_service.store import Database, upgrade

    db = Database(database_url)
    upgrade(db)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALENDAR_")}
    env.update(CALENDAR_DATABASE_URL=database_url, CALENDAR_ADMIN_PASSWORD=PASSWORD, CALENDAR_SECRET_KEY="gunicorn test",
               CALENDAR_LOGIN_FAILURES_PER_ADDRESS=str(CAP), CALENDAR_LOGIN_BACKOFF_SECONDS="0",
               CALENDAR_INSTANCE_PATH=str(tmp_path / "instance"))
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen([str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", "4", "--worker-class",
                               "gthread", "--threads", "4", "calendar_service:create_app()"],
                              env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            codes = list(pool.map(lambda _: _guess(base, "wrong guess"), range(GUESSES)))
        assert codes.count(401) == CAP and codes.count(429) == GUESSES - CAP, sorted(set(codes))
        assert _guess(base, PASSWORD) == 429
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        db.dispose()


def test_the_store_reserves_attempts_atomically(db):
    """Unit level: admit counts before the password is compared and refuses without counting."""
    policy = logins.Policy(window=timedelta(minutes=15), backoff=0)
    brake = logins.Brake("login:address:x", 2, 3)
    assert [logins.admit(db, [brake], T0, policy) for _ in range(3)] == [0.0, 0.0, 900.0]
    logins.succeeded(db, [brake], [])
    assert logins.admit(db, [brake], T0, policy) == 0.0
