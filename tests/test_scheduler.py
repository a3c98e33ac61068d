"""The APScheduler wiring: a timer with two fixed jobs, nothing else (delivery lives in the outbox)."""
from __future__ import annotations

import logging

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.blocking import BlockingScheduler

from calendar_service import scheduler as wiring
from calendar_service.reminders import reminders_for


def test_the_scheduler_has_two_fixed_jobs_that_never_overlap_or_pile_up(app):
    reminders = reminders_for(app)
    assert isinstance(wiring.build(reminders, app.config), BlockingScheduler)
    scheduler = wiring.build(reminders, app.config, background=True)
    scheduler.start(paused=True)
    try:
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert set(jobs) == {"reminders.materialise", "reminders.dispatch"}
        for job in jobs.values():
            assert job.coalesce and job.max_instances == 1
        assert jobs["reminders.dispatch"].trigger.interval.total_seconds() == app.config["SCHEDULER_DISPATCH_SECONDS"]
        assert isinstance(scheduler._lookup_jobstore("default"), MemoryJobStore)
        again = scheduler.add_job(wiring.dispatch_tick, "interval", args=[reminders], seconds=5,
                                  id="reminders.dispatch", replace_existing=True)
        assert again.id == "reminders.dispatch" and len(scheduler.get_jobs()) == 2  # replaced, not added
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
