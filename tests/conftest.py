"""Shared fixtures. Each section belongs to the feature that needs it; add sections, keep others'."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

# --- ics-check: the real parsers from ../shared/ics-check (feeds, issue 4) -------------------------

ICS_CHECK_DIR = Path(os.environ.get("ICS_CHECK_DIR", Path(__file__).resolve().parents[2] / "shared" / "ics-check"))
ICS_CHECK_HOME = Path(os.environ.get("ICS_CHECK_HOME", Path.home() / ".cache" / "ics-check"))


def _ics_check_tool(name: str) -> Path:
    script = ICS_CHECK_DIR / name
    if script.is_file() and (ICS_CHECK_HOME / "venv" / "bin" / "python").is_file():
        return script
    message = (f"ics-check is not installed ({script}, parsers in {ICS_CHECK_HOME}); "
               f"run bash {ICS_CHECK_DIR / 'install.sh'}")
    if os.environ.get("CALENDAR_TEST_REQUIRE_ICS_CHECK") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=300)


@pytest.fixture
def ics_check(tmp_path):
    """ics_check(body_bytes) runs check_ics.sh (lint + 9 parsers) on the bytes; fails unless PASS."""
    script = _ics_check_tool("check_ics.sh")

    def check(body: bytes, name: str = "feed.ics") -> str:
        path = tmp_path / name
        path.write_bytes(body)
        result = _run(["bash", str(script), str(path)])
        assert result.returncode == 0, f"check_ics.sh failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    return check


@pytest.fixture
def ics_diff(tmp_path):
    """ics_diff(old_bytes, new_bytes) runs diff_ics.sh (update semantics); fails on its errors."""
    script = _ics_check_tool("diff_ics.sh")

    def diff(old: bytes, new: bytes) -> str:
        (tmp_path / "old.ics").write_bytes(old)
        (tmp_path / "new.ics").write_bytes(new)
        result = _run(["bash", str(script), str(tmp_path / "old.ics"), str(tmp_path / "new.ics")])
        assert result.returncode == 0, f"diff_ics.sh failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    return diff


@pytest.fixture
def ics_keeping_client(tmp_path):
    """ics_keeping_client(feed_bytes, …) -> the items of a client that keeps what it saw (khal,
    calcurse), after refreshing each feed in turn, parsed by ical.js (tests/sync/keeping_client.mjs)."""
    import json
    import shutil

    _ics_check_tool("check_ics.sh")
    ical = ICS_CHECK_HOME / "node" / "node_modules" / "ical.js"
    node = shutil.which("node")
    if node is None or not ical.is_dir():
        message = f"node or ical.js is missing ({ical}); run bash {ICS_CHECK_DIR / 'install.sh'}"
        if os.environ.get("CALENDAR_TEST_REQUIRE_ICS_CHECK") == "1":
            pytest.fail(message)
        pytest.skip(message)
    client = Path(__file__).parent / "sync" / "keeping_client.mjs"

    def sync(*feeds: bytes) -> list[dict]:
        paths = []
        for n, body in enumerate(feeds):
            paths.append(tmp_path / f"refresh-{n}.ics")
            paths[-1].write_bytes(body)
        result = _run([node, str(client), str(ical), *map(str, paths)])
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    return sync


@pytest.fixture
def ics_check_url():
    """ics_check_url(url) runs check_url.sh (HTTP side, then check_ics.sh on the body)."""
    script = _ics_check_tool("check_url.sh")

    def check(url: str) -> str:
        result = _run(["bash", str(script), url])
        assert result.returncode == 0, f"check_url.sh {url} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    return check


# --- store: the same tests on SQLite and PostgreSQL (store and ingest, issue 3) ---------------------

POSTGRES_ADMIN_URL = os.environ.get("CALENDAR_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh PostgreSQL database for this test session (dropped afterwards), or a skip saying why."""
    import secrets

    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    name = f"calendar_test_{secrets.token_hex(4)}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        message = (f"PostgreSQL tests skipped: no server at {admin.url.render_as_string(hide_password=True)} "
                   f"({str(exc.orig).strip().splitlines()[0]}); set CALENDAR_TEST_POSTGRES_URL or start one")
        if os.environ.get("CALENDAR_TEST_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    yield admin.url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty database (no tables): a SQLite file, or the session's PostgreSQL database wiped."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'calendar.sqlite3'}"
    from sqlalchemy import create_engine, text

    url = request.getfixturevalue("postgres_url")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture
def db(database_url):
    """A store at the current schema."""
    from calendar_service.store import Database, upgrade

    database = Database(database_url)
    upgrade(database)
    yield database
    database.dispose()


# --- web app: create_app over the store (feeds and API, issue 4) -----------------------------------

AS_OF = "2022-10-18"  # the seed page's day: tests see the feeds as a resident saw them then


@pytest.fixture
def app(database_url):
    """The Flask app on an empty, migrated store (SQLite file and PostgreSQL), today = AS_OF."""
    from calendar_service import create_app
    from calendar_service.store import upgrade

    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "AS_OF": AS_OF,
                      "PUBLIC_URL": "https://calendar.example.cn", "SECRET_KEY": "test secret"})
    upgrade(app.extensions["calendar_db"])
    yield app
    app.extensions["calendar_db"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def publish(app):
    """publish(key, *events, text=..., published=..., now=...) stores a notice with these events.

    Each event is a dict of ExtractedEvent fields; ``uid`` and ``title`` are required, the rest
    default to an all-day closure 2022-10-18..2022-10-31.
    """
    import hashlib
    from datetime import date

    from calendar_service.extract import ExtractedEvent, SourceRef
    from calendar_service.store import NoticeDraft, save_notice

    def save(key: str, *events: dict, text: str | None = None, published: date = date(2022, 10, 18), now=None):
        built = []
        for fields in events:
            values = dict(kind="closure", start=date(2022, 10, 18), end=date(2022, 10, 31), location=None,
                          description="", confidence=0.9)
            values.update(fields)
            values.setdefault("all_day", not hasattr(values["start"] or values["end"], "hour"))
            source = values.pop("source_text", values["title"])
            built.append(ExtractedEvent(source=SourceRef(key, source, 0, len(source)), **values))
        body = text if text is not None else "\n".join(repr(e) for e in built)  # edits change the hash
        draft = NoticeDraft(key=key, text=body, content_hash=hashlib.sha256(body.encode()).hexdigest(),
                            published=published, source=key)
        return save_notice(app.extensions["calendar_db"], draft, built, now=now)

    return save


# --- email reminders: a real SMTP server on 127.0.0.1, the app set to send to it (issue 6) ---------


@pytest.fixture
def smtp():
    """aiosmtpd on 127.0.0.1 (a free port) recording every message; ``smtp.stop()`` / ``start()``
    take it down and bring it back on the same port."""
    from reminders_support import SMTPSink

    sink = SMTPSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def mail_app(app, smtp):
    """The app of the ``app`` fixture, sending mail to ``smtp``, its clock stopped at ``mail_app.now``
    (a list: tests move time by replacing ``mail_app.now[0]``)."""
    from datetime import UTC, datetime

    app.config.update(SMTP_URL=smtp.url, MAIL_FROM="公告日历 <calendar@example.cn>", SMTP_TIMEOUT=5)
    app.now = [datetime(2022, 10, 18, 2, 0, tzinfo=UTC)]
    app.extensions["calendar_clock"] = lambda: app.now[0]
    return app
