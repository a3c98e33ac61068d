"""Ingest as separate processes: killed with SIGKILL mid-transaction, and several at once.

The processes run ``tests/fake_extractor.py`` (calendar-service with the fake extractor), so the
events of every generated notice are known in advance.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from calendar_service.store import Database
from calendar_service.store.models import Event, Notice, Revision
from fake_extractor import notice

SCRIPT = Path(__file__).with_name("fake_extractor.py")
EVENTS_PER_NOTICE = 4
TIMEOUT = 240


def generate(folder: Path, numbers: range) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        day = f"2022-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        items = [f"road|closure|第{n}号道路封闭|{day}|2023-01-01|第{n}路",
                 f"fee|deadline|第{n}号缴费截止||{day}|",
                 f"hall|service_change|第{n}号大厅暂停服务|{day}||",
                 f"talk|event|第{n}号说明会|{day}T09:00:00+08:00|{day}T11:30:00+08:00|会议室"]
        (folder / f"n{n:04d}.txt").write_text(notice(*items, body=f"第{n}号公告。"), encoding="utf-8")


def start(url: str, *args, log: Path, **env) -> subprocess.Popen:
    environment = {**os.environ, "CALENDAR_DATABASE_URL": url, **env}
    with log.open("w") as errors:  # the child keeps its own copy of the file
        return subprocess.Popen([sys.executable, str(SCRIPT), "ingest", *map(str, args)], env=environment,
                                stdout=subprocess.PIPE, stderr=errors, text=True)


def finish(process: subprocess.Popen) -> str:
    out, _ = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0, out
    return out.strip().splitlines()[-1]


def counts(summary: str) -> dict[str, int]:
    """The numbers of an ingest summary line by name (notices' and events' names do not overlap)."""
    return {name: int(number) for name, number in re.findall(r"(\w+) (\d+)", summary)}


def snapshot(url: str) -> dict:
    """Everything stored except surrogate ids and wall-clock times."""
    database = Database(url)
    try:
        with database.read() as session:
            notices = {n.key: (n.content_hash, n.published, n.status, n.source, n.text)
                       for n in session.scalars(select(Notice))}
            keys = dict(session.execute(select(Notice.id, Notice.key)).all())
            events = {e.uid: (keys[e.notice_id], e.kind, e.title, e.all_day, e.start_date, e.end_date, e.start_at,
                              e.end_at, e.timezone, e.location, e.description, e.source_text, e.sequence, e.status)
                      for e in session.scalars(select(Event))}
            changes = session.scalar(select(Revision.value))
        return {"notices": notices, "events": events, "revision": changes}
    finally:
        database.dispose()


def wipe(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def assert_whole(state: dict) -> None:
    """Every stored notice has all its events, and nothing was written twice."""
    per_notice = {}
    for key, *_ in state["events"].values():
        per_notice[key] = per_notice.get(key, 0) + 1
    assert per_notice == {key: EVENTS_PER_NOTICE for key in state["notices"]}
    assert {(seq, status) for *_, seq, status in state["events"].values()} <= {(0, "confirmed")}
    assert state["revision"] == len(state["notices"])


def test_a_killed_ingest_leaves_whole_notices_and_a_rerun_completes(database_url, tmp_path):
    folder = tmp_path / "notices"
    generate(folder, range(300))
    process = start(database_url, folder, log=tmp_path / "killed.log", FAKE_EXTRACTOR_PAUSE_AT="n0150.txt")
    try:
        line = process.stdout.readline()  # blocks until the notice's rows are written, not committed
        assert line.strip() == "paused n0150.txt", (tmp_path / "killed.log").read_text()
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=TIMEOUT)
    assert process.returncode == -signal.SIGKILL

    state = snapshot(database_url)
    assert sorted(state["notices"]) == [f"n{n:04d}.txt" for n in range(150)]
    assert_whole(state)

    summary = finish(start(database_url, folder, log=tmp_path / "rerun.log"))
    assert summary == (f"notices: new 150, updated 0, unchanged 150, failed 0; "
                       f"events: added {150 * EVENTS_PER_NOTICE}, changed 0, cancelled 0")
    state = snapshot(database_url)
    assert len(state["notices"]) == 300
    assert_whole(state)


def test_concurrent_ingests_of_overlapping_folders_end_as_one_run(database_url, tmp_path):
    root = tmp_path / "notices"
    generate(root / "a", range(0, 80))
    generate(root / "b", range(80, 160))
    generate(root / "c", range(160, 240))
    runs = [("--root", root, root / "a", root / "b"), ("--root", root, root / "b", root / "c"), (root,)]
    processes = [start(database_url, *args, log=tmp_path / f"run{i}.log") for i, args in enumerate(runs)]
    summaries = [finish(p) for p in processes]
    concurrent = snapshot(database_url)

    def total(word: str) -> int:
        return sum(counts(s)[word] for s in summaries)

    assert (total("new"), total("added"), total("updated"), total("changed"), total("failed")) == (
        240, 240 * EVENTS_PER_NOTICE, 0, 0, 0), summaries

    wipe(database_url)
    finish(start(database_url, root, log=tmp_path / "single.log"))
    single = snapshot(database_url)
    assert len(single["notices"]) == 240
    assert_whole(single)
    assert concurrent == single


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_many_processes_racing_for_the_same_notices_on_postgresql(database_url, tmp_path):
    folder = tmp_path / "notices"
    generate(folder, range(60))
    processes = [start(database_url, folder, log=tmp_path / f"race{i}.log") for i in range(4)]
    summaries = [finish(p) for p in processes]
    assert sum(counts(s)["new"] for s in summaries) == 60, summaries
    state = snapshot(database_url)
    assert len(state["notices"]) == 60
    assert_whole(state)


def test_processes_upgrading_the_schema_at_once_all_succeed(database_url, tmp_path):
    environment = {**os.environ, "CALENDAR_DATABASE_URL": database_url}
    command = [sys.executable, "-c", "import sys; from calendar_service.cli import main; sys.exit(main())",
               "db", "upgrade"]
    processes = [subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True) for _ in range(4)]
    outputs = [p.communicate(timeout=TIMEOUT)[0] for p in processes]
    assert [p.returncode for p in processes] == [0] * 4, outputs
    assert sum("(upgraded from empty)" in out for out in outputs) == 1, outputs
    assert snapshot(database_url) == {"notices": {}, "events": {}, "revision": 0}
