"""Dispatchers as separate processes, on SQLite and PostgreSQL, against the real SMTP server:
several at once, one killed (SIGKILL) after claiming, one killed after the server accepted, the
command line, and two ``scheduler`` processes plus ``serve`` ticking together.

The dispatcher processes run ``tests/reminder_worker.py`` (calendar-service's reminders with
crash points) at a given time; only the scheduler test uses the real clock.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from calendar_service.store import subscriptions as subscribing
from calendar_service.store.models import OutboxRow, Subscription
from reminders_support import CLI, WORKER, subscribe, utc, worker_env

TIMEOUT = 60
DUE = utc(2022, 12, 24, 1, 0)  # 09:00 in Shanghai, the day before the deadlines below
DEADLINES = [dict(uid=f"fee{n}@test", kind="deadline", title=f"第{n}项缴费截止", start=None, end=date(2022, 12, 25))
             for n in range(4)]


def populate(app, publish, people: int) -> int:
    """``people`` subscribers of the four deadlines, one day ahead: the number of reminders due."""
    publish("n.txt", *DEADLINES)
    db = app.extensions["calendar_db"]
    for n in range(people):
        subscribe(db, f"r{n:03d}@example.cn", utc(2022, 10, 1), lead_days=[1])
    return people * len(DEADLINES)


def worker(env: dict, now: datetime, *args: str, log: Path) -> subprocess.Popen:
    with log.open("w") as errors:  # the child keeps its own handle
        return subprocess.Popen([sys.executable, str(WORKER), "--now", now.isoformat(), *args], env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, text=True)


def finish(process: subprocess.Popen, log: Path) -> str:
    out, _ = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0, log.read_text() + out
    return out.strip().splitlines()[-1]


def kill(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=TIMEOUT)
    assert process.returncode == -signal.SIGKILL


def sent_count(line: str) -> int:
    return int(re.search(r"sent (\d+)", line).group(1))


def outbox_states(db) -> dict[str, int]:
    with db.read() as session:
        return dict(session.execute(select(OutboxRow.state, func.count()).group_by(OutboxRow.state)).all())


def test_several_dispatchers_at_once_deliver_each_reminder_exactly_once(mail_app, publish, smtp, database_url,
                                                                        tmp_path):
    expected = populate(mail_app, publish, 40)
    env = worker_env(database_url, smtp, REMINDER_BATCH=3)
    logs = [tmp_path / f"worker{n}.log" for n in range(4)]
    workers = [worker(env, DUE, "--wait-go", log=log) for log in logs]
    try:
        for process in workers:  # every one imported, connected and waiting
            assert process.stdout.readline().strip() == "ready"
        for process in workers:
            process.stdin.write("go\n")
            process.stdin.flush()
        lines = [finish(process, log) for process, log in zip(workers, logs)]
    finally:
        for process in workers:
            if process.poll() is None:
                kill(process)
    counts = smtp.ids()
    assert len(counts) == expected and set(counts.values()) == {1}
    assert sum(sent_count(line) for line in lines) == expected
    assert sum(sent_count(line) > 0 for line in lines) >= 2, lines  # they really shared the work
    assert outbox_states(mail_app.extensions["calendar_db"]) == {"sent": expected}


def test_a_dispatcher_killed_after_claiming_loses_nothing(mail_app, publish, smtp, database_url, tmp_path):
    expected = populate(mail_app, publish, 5)
    env = worker_env(database_url, smtp, REMINDER_BATCH=4, REMINDER_LEASE_SECONDS=60)
    victim = worker(env, DUE, "--pause", "claimed", log=tmp_path / "victim.log")
    held = victim.stdout.readline().split()[1:]  # "claimed <key> <key> …", nothing sent yet
    kill(victim)
    assert len(held) == 4 and smtp.messages == []

    others = finish(worker(env, DUE, log=tmp_path / "second.log"), tmp_path / "second.log")
    assert sent_count(others) == expected - 4  # the held ones wait for their lease
    late = finish(worker(env, DUE + timedelta(seconds=61), log=tmp_path / "third.log"), tmp_path / "third.log")
    assert sent_count(late) == 4 and "reaped 4" in late
    counts = smtp.ids()
    assert len(counts) == expected and set(counts.values()) == {1}


def test_a_dispatcher_killed_after_the_server_accepted_sends_one_duplicate_with_the_same_message_id(
        mail_app, publish, smtp, database_url, tmp_path):
    expected = populate(mail_app, publish, 5)
    env = worker_env(database_url, smtp, REMINDER_BATCH=4, REMINDER_LEASE_SECONDS=60)
    victim = worker(env, DUE, "--pause", "accepted", log=tmp_path / "victim.log")
    accepted = victim.stdout.readline().split(" ", 1)[1].strip()
    kill(victim)
    assert list(smtp.ids()) == [accepted]

    finish(worker(env, DUE, log=tmp_path / "second.log"), tmp_path / "second.log")
    finish(worker(env, DUE + timedelta(seconds=61), log=tmp_path / "third.log"), tmp_path / "third.log")
    counts = smtp.ids()
    assert len(counts) == expected
    assert counts[accepted] == 2 and sum(counts.values()) == expected + 1  # one duplicate, same Message-ID
    assert outbox_states(mail_app.extensions["calendar_db"]) == {"sent": expected}


def test_run_once_and_status_on_the_command_line(mail_app, publish, smtp, database_url, tmp_path):
    expected = populate(mail_app, publish, 2)
    env = worker_env(database_url, smtp)
    early = subprocess.run([str(CLI), "reminders", "run-once", "--now", "2022-12-24T08:59:00+08:00"], env=env,
                           cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    assert early.returncode == 0 and "materialised: reminders 8" in early.stdout and "sent 0" in early.stdout
    due = subprocess.run([str(CLI), "reminders", "run-once", "--now", "2022-12-24T09:00"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=TIMEOUT)  # no offset: CALENDAR_TIMEZONE
    assert due.returncode == 0 and f"sent {expected}" in due.stdout, due.stderr
    status = subprocess.run([str(CLI), "reminders", "status"], env=env, cwd=tmp_path, capture_output=True, text=True,
                            timeout=TIMEOUT)
    assert "subscriptions: active 2" in status.stdout and re.search(r"reminder\s+sent\s+8", status.stdout)
    smtp.stop()
    down = subprocess.run([str(CLI), "reminders", "run-once"], env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert down.returncode == 0  # nothing due now (2026): the server is not even asked


def test_two_schedulers_and_serve_send_each_reminder_once(mail_app, publish, smtp, database_url, tmp_path):
    """The real clock: deadlines three days from today, reminded 7 days ahead, so overdue now."""
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    publish("n.txt", *[{**d, "end": today + timedelta(days=3)} for d in DEADLINES])
    db = mail_app.extensions["calendar_db"]
    confirmed = datetime.now(UTC) - timedelta(days=30)
    for n in range(6):
        subscribe(db, f"r{n}@example.cn", confirmed, lead_days=[7])
    pending = subscribe(db, "new@example.cn", confirmed, lead_days=[7])
    with db.write() as session:  # one subscriber still to confirm: its confirmation mail goes once too
        session.get(Subscription, pending).status = "pending"
    subscribing.request_subscription(db, subscribing.Choices("new@example.cn", None, None,
                                                             subscribing.Preferences(lead_days=(7,))),
                                     datetime.now(UTC), client="test", limits=subscribing.Limits())
    expected = 6 * len(DEADLINES) + 1
    env = worker_env(database_url, smtp, SCHEDULER_DISPATCH_SECONDS=0.5, SCHEDULER_MATERIALISE_SECONDS=0.5,
                     REMINDER_BATCH=2)
    logs = [tmp_path / name for name in ("scheduler1.log", "scheduler2.log", "serve.log")]
    commands = [[str(CLI), "scheduler"], [str(CLI), "scheduler"],
                [str(CLI), "serve", "--port", "0", "--notices", str(tmp_path / "none")]]
    processes = []
    try:
        for command, log in zip(commands, logs):
            with log.open("w") as output:
                processes.append(subprocess.Popen(command, env=env, cwd=tmp_path, stdout=output, stderr=output))
        smtp.wait_for(expected, timeout=TIMEOUT)
        time.sleep(2)  # four more ticks of each: time for a duplicate to show up
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM if process is not processes[-1] else signal.SIGINT)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                kill(process)
    for process, log in zip(processes, logs):
        assert process.returncode == 0, log.read_text()
    assert "reminders: mail to smtp://127.0.0.1" in logs[2].read_text()
    counts = smtp.ids()
    assert len(counts) == expected and set(counts.values()) == {1}, "".join(log.read_text() for log in logs)
    assert outbox_states(db) == {"sent": expected}
