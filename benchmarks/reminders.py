"""Reminder delivery: reminders/s to a local SMTP server (aiosmtpd) with 1 and 4 dispatcher processes.

    .venv/bin/python benchmarks/reminders.py [--count 10000] [--dispatchers 1 4] [--backend postgresql|sqlite|both]

A throwaway PostgreSQL database (``calendar_bench_<random>`` on ``CALENDAR_TEST_POSTGRES_URL``,
default postgres@127.0.0.1:5432, dropped afterwards) gets ``count / 4`` active subscribers of four
deadlines, each reminded one day ahead: ``count`` outbox rows, made by one timed materialise pass.
For each number of dispatchers the rows are reset to ``pending`` and that many dispatcher processes
(``tests/reminder_worker.py``: calendar-service's own dispatcher) start together and send them all
to aiosmtpd on 127.0.0.1, running in this process. Printed: the wall time from the start signal
to the last process exiting, reminders/s, and the reminders lost (not received) and duplicated
(received more than once), by Message-ID; both must be 0.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select, update

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from calendar_service import create_app  # noqa: E402
from calendar_service.extract import ExtractedEvent, Kind, SourceRef  # noqa: E402
from calendar_service.reminders import reminders_for  # noqa: E402
from calendar_service.store.subscriptions import selection_key  # noqa: E402
from calendar_service.reminders.messages import message_id  # noqa: E402
from calendar_service.store import NoticeDraft, save_notice, upgrade  # noqa: E402
from calendar_service.store.models import OutboxRow, Subscription  # noqa: E402
from reminders_support import WORKER, SMTPSink, worker_env  # noqa: E402
from throwaway_db import POSTGRES, postgres_database  # noqa: E402

NOW = datetime(2022, 12, 24, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, the day before the deadlines
CONFIRMED = datetime(2022, 10, 1, tzinfo=UTC)


def populate(app, count: int) -> None:
    db = app.extensions["calendar_db"]
    events = [ExtractedEvent(uid=f"bench{n}@test", kind=Kind.DEADLINE, title=f"第{n}项缴费截止", start=None,
                             end=date(2022, 12, 25), all_day=True, location=None, description="请按时办理。",
                             confidence=0.9, source=SourceRef("bench.txt", "截止", 0, 2)) for n in range(4)]
    save_notice(db, NoticeDraft("bench.txt", "bench", "0" * 64, date(2022, 12, 1)), events, now=CONFIRMED)
    people = [dict(email=f"r{n:05d}@example.cn", email_key=f"r{n:05d}@example.cn", selection_key=selection_key(None, None),
                   kinds=None, q=None, lead_days=[1], digest=False, timezone="Asia/Shanghai", status="active",
                   created_at=CONFIRMED, updated_at=CONFIRMED, confirmed_at=CONFIRMED) for n in range(count // 4)]
    with db.write() as session:
        session.execute(Subscription.__table__.insert(), people)


def run(url: str, count: int, dispatchers: list[int], tmp: Path) -> None:
    smtp = SMTPSink().start()
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "PUBLIC_URL": "https://calendar.example.cn",
                      "MAIL_FROM": "公告日历 <calendar@example.cn>", "SMTP_URL": smtp.url})
    db = app.extensions["calendar_db"]
    backend = db.dialect
    try:
        upgrade(db)
        populate(app, count)
        began = time.perf_counter()
        made = reminders_for(app).at(NOW).materialise()
        print(f"{backend:10} materialise {made.created} reminders: {time.perf_counter() - began:.2f}s")
        with db.read() as session:
            keys = list(session.scalars(select(OutboxRow.key)))
        expected = {message_id(key, "example.cn") for key in keys}
        env = worker_env(url, smtp)
        for n in dispatchers:
            with db.write() as session:
                session.execute(update(OutboxRow).values(state="pending", attempts=0, sent_at=None, message_id=None,
                                                         claim_token=None, lease_until=None))
            smtp.messages.clear()
            logs = [tmp / f"{backend}-{n}-{i}.log" for i in range(n)]
            workers = []
            for log in logs:
                with log.open("w") as errors:
                    workers.append(subprocess.Popen(
                        [sys.executable, str(WORKER), "--now", NOW.isoformat(), "--wait-go", "--dispatch-only"],
                        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, text=True))
            for worker in workers:
                assert worker.stdout.readline().strip() == "ready", "a dispatcher did not start"
            began = time.perf_counter()
            for worker in workers:
                worker.stdin.write("go\n")
                worker.stdin.flush()
            outputs = [worker.communicate(timeout=3600)[0] for worker in workers]
            elapsed = time.perf_counter() - began
            failed = [log.read_text() for worker, log in zip(workers, logs) if worker.returncode != 0]
            if failed:
                sys.exit(f"a dispatcher failed:\n{failed[0]}")
            received = smtp.ids()
            lost = len(expected - set(received))
            duplicated = sum(c - 1 for c in received.values())
            shares = "/".join(out.split("sent ", 1)[1].split(",", 1)[0] for out in outputs)
            print(f"{backend:10} {n} dispatcher{'s' if n > 1 else ' '} {len(keys):6} reminders {elapsed:7.2f}s "
                  f"{len(received) / elapsed:7.0f} reminders/s   lost {lost}  duplicated {duplicated}  "
                  f"(sent per dispatcher: {shares})")
    finally:
        db.dispose()
        smtp.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="reminders (a multiple of 4)")
    parser.add_argument("--dispatchers", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="postgresql")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="calendar-bench-") as tmp:
        for backend in (["postgresql", "sqlite"] if args.backend == "both" else [args.backend]):
            drop = None
            if backend == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            else:
                try:
                    url, drop = postgres_database()
                except Exception as exc:  # noqa: BLE001 - report and go on with the other backend
                    print(f"postgresql: skipped, no server at {POSTGRES} ({exc.__class__.__name__})")
                    continue
            try:
                run(url, args.count, args.dispatchers, Path(tmp))
            finally:
                if drop:
                    drop()


if __name__ == "__main__":
    main()
