"""Two ``calendar-service scheduler`` processes (two pollers each) on one store, SQLite and
PostgreSQL, with the real clock: every source is polled once, by one of them, never twice."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from calendar_service.sources.spec import new_source
from calendar_service.store import list_events
from calendar_service.store import sources as stored

from .issuer import article

CLI = Path(sys.executable).with_name("calendar-service")
SOURCES = 16
TIMEOUT = 60


def test_two_schedulers_never_poll_one_source_twice(db, site, database_url, tmp_path):
    hosts = ("127.0.0.1", "localhost")  # two hosts, so that the pollers of both processes work at once
    for n in range(SOURCES):
        site.put(f"/p/{n}.html", article(f"关于第{n}号路段封闭施工的通告",
                                         f"定于2022年12月{n + 1}日对第{n}号路段实施封闭施工。", published="2022-11-20"),
                 delay=0.2)
        stored.add_source(db, new_source(f"s{n:02d}", site.url(f"/p/{n}.html", hosts[n % 2]), kind="page"),
                          datetime.now(UTC))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALENDAR_")}
    env.update(CALENDAR_DATABASE_URL=database_url, CALENDAR_SECRET_KEY="test secret",
               CALENDAR_MAIL_DIR=str(tmp_path / "mail"), CALENDAR_SCHEDULER_SOURCES_SECONDS="0.5",
               CALENDAR_SOURCES_HOST_DELAY="0", CALENDAR_SOURCES_WORKERS="2", CALENDAR_REVIEW_THRESHOLD="0")
    logs = [tmp_path / f"scheduler{n}.log" for n in (1, 2)]
    processes = []
    try:
        for log in logs:
            with log.open("w") as output:
                processes.append(subprocess.Popen([str(CLI), "scheduler"], env=env, cwd=tmp_path,
                                                  stdout=output, stderr=output))
        deadline = time.monotonic() + TIMEOUT
        while any(s.source.last_poll_at is None for s in stored.list_sources(db)) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.5)  # three more ticks of each: time for a second poll to show up
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=20)
    output = "".join(log.read_text() for log in logs)
    assert [p.returncode for p in processes] == [0, 0], output
    counts = {n: len(site.requests(f"/p/{n}.html")) for n in range(SOURCES)}
    assert counts == {n: 1 for n in range(SOURCES)}, output
    assert len({e.notice_id for e in list_events(db)}) == SOURCES
    assert all(s.source.health(3) == "ok" and s.notices == 1 for s in stored.list_sources(db))
