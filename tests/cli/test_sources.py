"""`calendar-service sources`: add, list with health, poll now, pause, resume, remove (in process,
SQLite and PostgreSQL, against the issuer's site on 127.0.0.1)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from calendar_service.cli import main
from sources.conftest import TEST_SETTINGS, site  # noqa: F401 (site: the fixture)
from sources.issuer import LINKS


@pytest.fixture
def cli(db, database_url, monkeypatch):
    for name in [n for n in __import__("os").environ if n.startswith("CALENDAR_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("CALENDAR_DATABASE_URL", database_url)
    for name, value in {**TEST_SETTINGS, "SOURCES_RETRIES": 0}.items():
        monkeypatch.setenv(f"CALENDAR_{name}", str(value))

    def run(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def test_sources_are_added_polled_listed_and_removed(cli, site):  # noqa: F811 (fixture)
    assert cli("sources", "list").stdout.startswith("(no sources")
    added = cli("sources", "add", "jz", site.url("/gongkai/index.html"), "--links", r"t10[1-4]\.html$",
                "--every", "1h30m", "--issuer", "焦作市人民政府")
    assert added.exit_code == 0 and added.stdout == f"source jz: list {site.url('/gongkai/index.html')}, every 1h30m\n"
    cli("sources", "add", "gone", site.url("/missing.html"), "--kind", "page")
    assert "already exists" in cli("sources", "add", "jz", site.url("/x.html")).output
    assert "between 5m and 30d" in cli("sources", "add", "fast", site.url("/x.html"), "--every", "1m").output
    assert "--links is for list pages" in cli("sources", "add", "f", site.url("/rss.xml"), "--kind", "rss",
                                              "--links", "x").output

    polled = cli("sources", "poll", "jz")
    assert polled.exit_code == 0
    assert polled.stdout == "jz: read; notices: new 4, updated 0, unchanged 0, failed 0; requests 9\n"  # robots.txt, 2 list pages, 4 articles, a PDF and a .docx
    for _ in range(3):
        failed = cli("sources", "poll", "gone")
        assert failed.exit_code == 1 and "gone: failed: " in failed.output and "HTTP 404" in failed.output
    listed = cli("sources", "list")
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["name", "kind", "every", "health", "last", "poll", "last", "new", "notice", "notices",
                                "issuer", "url"]
    gone = next(line for line in lines if line.startswith("gone "))
    jz = next(line for line in lines if line.startswith("jz "))
    assert "BROKEN (3 failed)" in gone and " 4 " in jz and "焦作市人民政府" in jz and " ok " in jz
    assert lines[-1].startswith("gone: last error ") and lines[-1].endswith("/missing.html: HTTP 404 Not Found")
    assert cli("sources", "list", "--check").exit_code == 1

    assert cli("sources", "pause", "gone").stdout == "source gone: paused\n"
    everything = cli("sources", "poll")  # every enabled source: the paused one is left alone
    assert everything.exit_code == 0 and everything.stdout.startswith("jz: not modified")
    assert "paused" in cli("sources", "list").output
    assert cli("sources", "poll", "nope").exit_code == 1
    assert cli("sources", "remove", "jz").stdout == "source jz: removed (4 articles forgotten; their notices stay)\n"
    assert len(cli("events", "--format", "json").stdout.split('"uid"')) == 5  # four events, still there
