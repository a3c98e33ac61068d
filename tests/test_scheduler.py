"""The APScheduler wiring: a timer with three fixed jobs, nothing else (delivery lives in the outbox)."""
from __future__ import annotations

import logging

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.blocking import BlockingScheduler

from calendar_service import scheduler as wiring
from calendar_service.reminders import reminders_for


def test_the_scheduler_has_three_fixed_jobs_that_never_overlap_or_pile_up(app):
    reminders = reminders_for(app)
    assert isinstance(wiring.build(reminders, app.config), BlockingScheduler)
    scheduler = wiring.build(reminders, app.config, background=True)
    scheduler.start(paused=True)
    try:
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert set(jobs) == {"reminders.materialise", "reminders.dispatch", "maintenance.prune"}
        for job in jobs.values():
            assert job.coalesce and job.max_instances == 1
        assert jobs["reminders.dispatch"].trigger.interval.total_seconds() == app.config["SCHEDULER_DISPATCH_SECONDS"]
        assert isinstance(scheduler._lookup_jobstore("default"), MemoryJobStore)
        again = scheduler.add_job(wiring.dispatch_tick, "interval", args=[reminders], seconds=5,
                                  id="reminders.dispatch", replace_existing=True)
        assert again.id == "reminders.dispatch" and len(scheduler.get_jobs()) == 3  # replaced, not added
        assert jobs["maintenance.prune"].trigger.interval.total_seconds() == app.config["SCHEDULER_PRUNE_SECONDS"]
    finally:
        scheduler.shutdown(wait=False)


def test_a_failing_tick_is_logged_and_the_scheduler_goes_on(caplog):
    class Broken:
        def materialise(self):
            raise RuntimeError("database gone")

        def dispatch(self):
            raise RuntimeError("database gone")

    with caplog.at_level(logging.ERROR, logger="calendar_service.reminders"):
        wiring.materialise_tick(Broken())
        wiring.dispatch_tick(Broken())
    assert [r.getMessage() for r in caplog.records] == ["materialising reminders failed", "dispatching reminders failed"]


def test_the_prune_tick_deletes_spent_counters_brakes_and_sessions_only(app):
    """The rate-limit table grew forever (ratelimits.prune was never called): the scheduler's third
    job deletes counters of windows a day old, login brakes whose window and wait are over, and
    desk sessions that ended; what is still counting stays."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import func, select

    from calendar_service.store import logins, ratelimits
    from calendar_service.store.models import DeskSession, LoginBrake, RateLimit

    db = app.extensions["calendar_db"]
    now = datetime(2022, 10, 18, 12, 0, tzinfo=UTC)
    with db.write() as session:
        ratelimits.hit(session, "client:old", now - timedelta(days=2), limit=30)
        ratelimits.hit(session, "client:new", now - timedelta(minutes=5), limit=30)
    policy = logins.Policy(window=timedelta(seconds=int(app.config["LOGIN_WINDOW_SECONDS"])), backoff=0)
    logins.admit(db, [logins.Brake("login:address:old", 10, 3)], now - timedelta(hours=1), policy)
    logins.admit(db, [logins.Brake("login:address:new", 10, 3)], now - timedelta(minutes=1), policy)
    logins.open_session(db, "ended", "k", now - timedelta(hours=13), timedelta(hours=12))
    logins.open_session(db, "open", "k", now - timedelta(hours=1), timedelta(hours=12))
    reminders = reminders_for(app)
    app.extensions["calendar_clock"] = lambda: now
    wiring.prune_tick(reminders)
    with db.read() as session:
        left = {model.__name__: sorted(session.scalars(select(column)))
                for model, column in ((RateLimit, RateLimit.key), (LoginBrake, LoginBrake.key),
                                      (DeskSession, DeskSession.id_hash))}
        assert session.scalar(select(func.count()).select_from(RateLimit)) == 1
    assert left == {"RateLimit": ["client:new"], "LoginBrake": ["login:address:new"], "DeskSession": ["open"]}
