"""APScheduler 3.x wiring: only a timer that calls the reminders' materialise and dispatch passes,
and the pass over the sources due a poll.

Delivery does not depend on it (DESIGN.md, "Reminders"): the job store is in memory, jobs have
fixed ids (``replace_existing=True``), ``coalesce=True`` turns a backlog of missed runs into one,
and ``max_instances=1`` keeps a slow pass from overlapping itself. Two scheduler processes, or a
scheduler plus ``serve``, merely tick twice as often; the outbox claims keep every mail single,
and the claims on sources keep every source to one poller at a time.
``calendar-service scheduler`` runs a ``BlockingScheduler``; ``serve`` runs the same jobs in a
``BackgroundScheduler`` thread.

A third job prunes what only grows: rate-limit counters of past windows, login brakes whose window
and wait are over, and ended desk sessions (every ``SCHEDULER_PRUNE_SECONDS``).
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from .reminders import Reminders
from .store import logins, ratelimits

log = logging.getLogger("calendar_service.reminders")
sources_log = logging.getLogger("calendar_service.sources")
JOB_IDS = ("reminders.materialise", "reminders.dispatch", "maintenance.prune")
SOURCES_JOB_ID = "sources.poll"


def build(reminders: Reminders, config: dict[str, Any], *, background: bool = False, sources=None) -> BaseScheduler:
    """A scheduler (not started) with the reminder jobs and the pruning job, and with ``sources``
    (a ``sources.poller.Poller``) the polling job, all due at once."""
    kind = BackgroundScheduler if background else BlockingScheduler
    scheduler = kind(jobstores={"default": MemoryJobStore()}, executors={"default": ThreadPoolExecutor(4)},
                     job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
                     timezone=UTC)
    now = datetime.now(UTC)
    scheduler.add_job(materialise_tick, "interval", args=[reminders], id=JOB_IDS[0], name="materialise reminders",
                      seconds=float(config["SCHEDULER_MATERIALISE_SECONDS"]), next_run_time=now,
                      replace_existing=True)
    scheduler.add_job(dispatch_tick, "interval", args=[reminders], id=JOB_IDS[1], name="dispatch reminders",
                      seconds=float(config["SCHEDULER_DISPATCH_SECONDS"]), next_run_time=now,
                      replace_existing=True)
    scheduler.add_job(prune_tick, "interval", args=[reminders], id=JOB_IDS[2], name="prune spent rows",
                      seconds=float(config["SCHEDULER_PRUNE_SECONDS"]), next_run_time=now, replace_existing=True)
    if sources is not None:
        scheduler.add_job(sources_tick, "interval", args=[sources], id=SOURCES_JOB_ID, name="poll sources",
                          seconds=float(config["SCHEDULER_SOURCES_SECONDS"]), next_run_time=now,
                          replace_existing=True)
    return scheduler


def materialise_tick(reminders: Reminders) -> None:
    try:
        made = reminders.materialise()
    # Everything: an error escaping a job would only be logged by APScheduler in its own words;
    # the next tick tries again, and nothing is lost in between (the outbox holds the state).
    except Exception:
        log.exception("materialising reminders failed")
        return
    if made.created or made.digests or made.notices:
        log.info("materialised %d reminders, %d digests, %d change notices", made.created, made.digests, made.notices)


def dispatch_tick(reminders: Reminders) -> None:
    try:
        done = reminders.dispatch()
    except Exception:  # everything, as in materialise_tick: claimed rows go back after their lease
        log.exception("dispatching reminders failed")
        return
    if any(vars(done).values()):
        log.info("dispatched: %s", done.line())


def prune_tick(reminders: Reminders) -> None:
    """Delete spent rate-limit counters, login brakes and desk sessions."""
    try:
        now = reminders.clock()
        window = timedelta(seconds=int(reminders.config["LOGIN_WINDOW_SECONDS"]))
        gone = ratelimits.prune(reminders.db, now) + logins.prune(reminders.db, now, window=window)
    except Exception:  # everything, as in materialise_tick: the next tick prunes what this one left
        log.exception("pruning failed")
        return
    if gone:
        log.info("pruned %d spent rows (rate limits, login brakes, desk sessions)", gone)


def sources_tick(poller) -> None:
    try:
        poller.run_due()  # each poll logs its own failures and news
    # Everything, as in materialise_tick: a claimed source goes back at once (Poller._poll) or
    # after its lease, and its state is in the database for the next tick.
    except Exception:
        sources_log.exception("polling sources failed")


def log_to_stderr() -> None:
    """Reminder progress on stderr (once per process); APScheduler's per-run chatter stays quiet."""
    for logger in (log, sources_log):
        if not logger.handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
