"""The pollers of one process: the scheduler's pass over the sources due (``run_due``, a few
workers side by side, each claiming one source at a time in the database) and ``poll_now`` for
``calendar-service sources poll``. The claim is what keeps one source from being polled by two
processes at once (store/sources.py); nothing here needs another process's memory."""
from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..store import Database, ReviewPolicy
from ..store import sources as stored
from ..zones import zone
from .fetch import Fetcher, Response
from .formats import OcrSettings
from .poll import PollReport, SourcePoll
from .timing import measure

log = logging.getLogger("calendar_service.sources")


def real_clock() -> datetime:
    return datetime.now(UTC)


class Poller:
    def __init__(self, db: Database, config: Mapping[str, Any], *, clock: Callable[[], datetime] = real_clock,
                 sleep: Callable[[float], None] = time.sleep):
        self.db, self.config, self.clock = db, config, clock
        self.fetcher = Fetcher(dict(config), sleep=sleep)
        self.review = ReviewPolicy(threshold=float(config["REVIEW_THRESHOLD"]))
        self.budget = float(config["EXTRACT_BUDGET_SECONDS"])
        self.ocr = OcrSettings(str(config["SOURCES_OCR_LANGUAGES"]), float(config["SOURCES_OCR_TIMEOUT"]))
        self.max_pages = int(config["SOURCES_MAX_PAGES"])
        self.lease = timedelta(seconds=float(config["SOURCES_LEASE_SECONDS"]))
        self.workers = max(1, int(config["SOURCES_WORKERS"]))
        self.zone = zone(config.get("TIMEZONE") or "Asia/Shanghai")

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        return self.fetcher.get(url, etag=etag, last_modified=last_modified)

    def today(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()

    def run_due(self) -> list[PollReport]:
        """Poll every source that is due (the scheduler's tick), until none is left to claim."""
        if self.workers == 1:
            return self._work()
        with ThreadPoolExecutor(self.workers, thread_name_prefix="sources") as pool:
            done = [pool.submit(self._work) for _ in range(self.workers)]
            return [report for future in done for report in future.result()]

    def poll_now(self, names: list[str]) -> list[tuple[str, PollReport | None]]:
        """Poll these sources now, due or not; (name, None) for one another process is polling."""
        results = []
        for name in names:
            token = secrets.token_hex(16)
            source = stored.claim(self.db, self.clock(), self.clock() + self.lease, token, names=[name])
            results.append((name, None if source is None else self._poll(source, token)))
        return results

    def close(self) -> None:
        self.fetcher.close()

    def _work(self) -> list[PollReport]:
        reports = []
        while True:
            token = secrets.token_hex(16)
            now = self.clock()
            source = stored.claim(self.db, now, now + self.lease, token)
            if source is None:
                return reports
            reports.append(self._poll(source, token))

    def _poll(self, source: stored.Source, token: str) -> PollReport:
        with measure() as meter:
            try:
                report, outcome = SourcePoll(self, source).run()
            except BaseException:
                # a bug or a dead store: give the claim back, so that the source is not stuck
                # until its lease runs out, and let the caller see what happened
                stored.release(self.db, source, token)
                raise
        report.seconds = dict(meter.seconds)
        report.requests = meter.counts["requests"]
        if not stored.finish(self.db, source, token, outcome, self.clock()):
            log.warning("source %s: the poll outlasted its lease (SOURCES_LEASE_SECONDS) and another "
                        "poller took it over; its outcome was not recorded", source.name)
        if not report.ok:
            log.warning("%s", report.line())
        elif report.new or report.updated:
            log.info("%s", report.line())
        return report
