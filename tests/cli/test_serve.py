"""`calendar-service serve`: migrate, ingest notices/, serve — as a real process on 127.0.0.1."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import icalendar
import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).with_name("calendar-service")


def start(tmp_path: Path, *args: str, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CALENDAR_")}
    environment.update(CALENDAR_DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}", **(env or {}))
    process = subprocess.Popen([str(CLI), "serve", "--port", "0", *args], cwd=tmp_path, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in process.stderr:  # the "serving … on http://127.0.0.1:PORT/" line
        lines.append(line)
        found = re.search(r"on (http://127\.0\.0\.1:\d+)/", line)
        if found:
            return process, found.group(1)
        if len(lines) > 50:
            break
    process.kill()
    raise AssertionError("serve did not start:\n" + "".join(lines) + process.stdout.read())


def stop(process: subprocess.Popen) -> tuple[int, str]:
    """Ctrl-C the server; (exit code, what it printed on stdout)."""
    process.send_signal(signal.SIGINT)
    try:
        out, _ = process.communicate(timeout=20)
        return process.returncode, out
    finally:
        process.kill()


@pytest.fixture
def checkout(tmp_path):
    shutil.copytree(ROOT / "notices", tmp_path / "notices")
    return tmp_path


def uids_and_titles(url: str) -> list[str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = icalendar.Calendar.from_ical(response.read())
    return [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]


def test_serve_migrates_ingests_and_serves(checkout):
    process, base = start(checkout, "--as-of", "2022-10-18")
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=10) as response:
            assert response.read() == b"ok\n"
        titles = uids_and_titles(base + "/calendar.ics")
        assert any("龙源路与山阳路" in t for t in titles) and any("医保" in t for t in titles)
    finally:
        code, out = stop(process)
    assert code == 0
    assert "notices: new 1, updated 0, unchanged 0, failed 0" in out


def test_serve_twice_changes_nothing(checkout):
    first, base = start(checkout, "--as-of", "2022-10-18")
    assert stop(first)[0] == 0
    second = subprocess.run([str(CLI), "serve", "--as-of", "not-a-date"], cwd=checkout, capture_output=True, text=True)
    assert second.returncode == 2 and "YYYY-MM-DD" in second.stderr
    again, base = start(checkout, env={"CALENDAR_AS_OF": "2022-10-18"})
    try:
        assert any("龙源路与山阳路" in t for t in uids_and_titles(base + "/calendar.ics"))
    finally:
        code, out = stop(again)
    assert code == 0 and "notices: new 0, updated 0, unchanged 1, failed 0" in out
