"""A dispatcher process for the reminder tests: calendar-service's reminders with crash points.

    python tests/reminder_worker.py --now ISO_DATETIME [--pause claimed|accepted] [--wait-go] [--dispatch-only]

Configuration comes from CALENDAR_* like any calendar-service process. ``--wait-go`` prints
"ready" and waits for a line on stdin, so that a test can let several workers loose at once.
``--pause claimed`` hangs right after the first claim (before anything is sent), ``--pause
accepted`` right after the SMTP server accepted the first mail (before the outcome is recorded),
each after printing what it holds: the test kills it there with SIGKILL. ``--dispatch-only``
skips the materialise pass (benchmarks/reminders.py times sending alone).
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime

from calendar_service import create_app
from calendar_service.reminders import Hooks, reminders_for


def hang(line: str) -> None:
    print(line, flush=True)
    while True:  # until the test's SIGKILL
        time.sleep(1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--now", required=True)
    parser.add_argument("--pause", choices=["claimed", "accepted"])
    parser.add_argument("--wait-go", action="store_true")
    parser.add_argument("--dispatch-only", action="store_true")
    args = parser.parse_args()
    app = create_app()
    reminders = reminders_for(app).at(datetime.fromisoformat(args.now))
    hooks = Hooks()
    if args.pause == "claimed":
        hooks.claimed = lambda rows: hang("claimed " + " ".join(r.key for r in rows))
    elif args.pause == "accepted":
        hooks.accepted = lambda mail: hang(f"accepted {mail.message_id}")
    if args.wait_go:
        print("ready", flush=True)
        sys.stdin.readline()
    try:
        created = 0 if args.dispatch_only else reminders.materialise().created
        done = reminders.dispatch(hooks=hooks)
    finally:
        app.extensions["calendar_db"].dispose()
    print(f"materialised {created}; {done.line()}", flush=True)


if __name__ == "__main__":
    main()
