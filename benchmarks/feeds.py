"""Feed benchmark: cold builds of 5,000- and 50,000-event feeds, then requests/s under gunicorn on 127.0.0.1.

    .venv/bin/python benchmarks/feeds.py [--events 5000] [--cold 5000 50000] [--seconds 5] [--rounds 3]
                                         [--revision-ttl 0 1]

0. For each --cold size, fills a temporary SQLite store with that many events and builds the full
   feed cold both ways, in the same run: the old path (every event read as an object and rendered
   by icalendar, what every worker did after every change and restart) and the new one (the VEVENTs
   rendered when stored, read as bytes and completed with the link: ``feed_events`` + ``finish``),
   checks the two give the same bytes, and times the first HTTP request (query, build, hash).
1. Fills a temporary SQLite store with N events (mixed kinds, all-day and timed, Chinese titles
   and long descriptions, all current on the --as-of day) and times the first HTTP request, a
   cached one, and the request after one event changed.
2. Starts gunicorn (gthread workers) with the app on a free 127.0.0.1 port and runs wrk, bounded in
   time, against the trivial ``/healthz`` endpoint, the cached full feed (plain and gzip), a cached
   filtered feed, and a ``304`` (If-None-Match) for the full feed, all in one run. The figure is each rate as a
   fraction of ``/healthz``'s. Needs wrk (Debian: ``apt-get install -y wrk``); loopback only.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calendar_service import create_app  # noqa: E402
from calendar_service.extract import ExtractedEvent, Kind, SourceRef  # noqa: E402
from calendar_service.ics import FeedOptions, render_calendar  # noqa: E402
from calendar_service.ics import finish, trigger_lines  # noqa: E402
from calendar_service.store import NoticeDraft, list_events, save_notice, upgrade  # noqa: E402
from calendar_service.store.rendered import feed_events  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
AS_OF = date(2022, 10, 18)
ROADS = ["龙源路", "山阳路", "民主路", "人民路", "解放路", "塔南路", "丰收路", "建设路", "太行路", "焦东路"]
KINDS = [Kind.CLOSURE, Kind.DEADLINE, Kind.SERVICE_CHANGE, Kind.PERIOD, Kind.EVENT]
PER_NOTICE = 10


def make_events(notice: int) -> list[ExtractedEvent]:
    events = []
    for item in range(PER_NOTICE):
        n = notice * PER_NOTICE + item
        kind, road, cross = KINDS[n % 5], ROADS[n % 10], ROADS[(n // 10) % 10]
        first = AS_OF + timedelta(days=n % 90)
        title = f"{road}与{cross}交叉口第{n}号施工段半幅封闭" if kind == Kind.CLOSURE else f"{road}片区第{n}号事项"
        description = (f"根据{road}综合管廊施工安排，计划自{first:%Y年%m月%d日}起对{road}与{cross}交叉口实施"
                       f"分段施工，施工期间请过往车辆及行人减速慢行、注意安全，不便之处敬请谅解。")
        if kind == Kind.EVENT:
            start = datetime.combine(first, datetime.min.time(), TZ).replace(hour=9)
            end, all_day = start + timedelta(hours=2, minutes=30), False
        elif kind == Kind.SERVICE_CHANGE and n % 2:
            start, end, all_day = first, None, True
        else:
            start, end, all_day = first, first + timedelta(days=n % 60), True
        events.append(ExtractedEvent(
            uid=f"{hashlib.sha256(str(n).encode()).hexdigest()[:24]}@bench", kind=kind, title=title,
            start=start, end=end, all_day=all_day, location=f"{road}与{cross}交叉口", description=description,
            confidence=0.9, source=SourceRef("bench.txt", description, 0, len(description))))
    return events


def fill(db, count: int) -> None:
    now = datetime(2022, 10, 18, 1, tzinfo=UTC)
    for notice in range(count // PER_NOTICE):
        events = make_events(notice)
        text = "\n".join(e.description for e in events)
        save_notice(db, NoticeDraft(f"bench/{notice:05d}.txt", text, hashlib.sha256(text.encode()).hexdigest(),
                                    AS_OF), events, now=now)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def wrk(url: str, seconds: int, headers: dict[str, str] | None = None) -> tuple[float, str, str]:
    """(requests/s, p50 latency, transfer/s) from one bounded wrk run."""
    args = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(args + [url], capture_output=True, text=True, timeout=seconds + 30, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
    transfer = re.search(r"Transfer/sec:\s+(\S+)", out).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise RuntimeError(f"{url}: {non2xx.group(1)} error responses\n{out}")
    return rate, p50, transfer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per endpoint (the median is shown)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--revision-ttl", type=float, nargs="+", default=[0, 1],
                        help="CALENDAR_REVISION_CHECK_SECONDS values to measure (0: read it on every request)")
    parser.add_argument("--cold", type=int, nargs="*", default=[5000, 50000],
                        help="feed sizes whose cold build is timed the old way and the new way")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install -y wrk")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    for size in args.cold:
        cold_builds(size)
    with tempfile.TemporaryDirectory(prefix="feeds-bench-") as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3"
        app = create_app({"DATABASE_URL": url, "AS_OF": AS_OF.isoformat()})
        db = app.extensions["calendar_db"]
        upgrade(db)
        started = time.perf_counter()
        fill(db, args.events)
        print(f"store: {args.events} events in {time.perf_counter() - started:.1f} s ({db.display_url})")

        events = list_events(db, start=AS_OF - timedelta(days=30))
        started = time.perf_counter()
        body = render_calendar(events, FeedOptions(event_url=lambda e: f"http://127.0.0.1/events/{e.uid}"))
        render = time.perf_counter() - started
        client = app.test_client()
        started = time.perf_counter()
        response = client.get("/calendar.ics")
        first = time.perf_counter() - started
        started = time.perf_counter()
        client.get("/calendar.ics")
        cached = time.perf_counter() - started
        edited = [dataclasses.replace(e, title=e.title + "（延期）") if i == 0 else e
                  for i, e in enumerate(make_events(0))]
        text = "\n".join(e.title for e in edited)
        save_notice(db, NoticeDraft("bench/00000.txt", text, hashlib.sha256(text.encode()).hexdigest(), AS_OF),
                    edited, now=datetime(2022, 10, 19, tzinfo=UTC))
        started = time.perf_counter()
        client.get("/calendar.ics")
        rebuild = time.perf_counter() - started
        db.dispose()
        print(f"cold render: {len(events)} events, {len(body) / 1e6:.2f} MB: render_calendar {render * 1000:.0f} ms; "
              f"first request (query + render) {first * 1000:.0f} ms; cached request {cached * 1000:.2f} ms; "
              f"after one event changed (query + finish) {rebuild * 1000:.0f} ms (in-process test client)")

        print(f"gunicorn {args.workers} workers x {args.threads} threads (gthread), "
              f"wrk -t2 -c8 -d{args.seconds}s x {args.rounds} each, 127.0.0.1, {os.cpu_count()} CPUs")
        for ttl in args.revision_ttl:
            serve_and_measure(args, gunicorn, url, ttl, len(events), len(response.data))


def cold_under_load(url: str, seconds: int) -> None:
    """A crowd (wrk -c50) on a feed no worker has built yet: how many requests timed out (10 s)."""
    out = subprocess.run(["wrk", "-t2", "-c50", f"-d{seconds}s", "--timeout", "10s", "--latency", url],
                         capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    timeouts = re.search(r"timeout (\d+)", out)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    print(f"cold feed under wrk -c50 -d{seconds}s: {rate:.0f} req/s, "
          f"{timeouts.group(1) if timeouts else 0} timeouts, p99 {p99}")


def cold_builds(count: int) -> None:
    """The full feed of ``count`` events built cold, the old way and the new way, in one run."""
    link = lambda e: f"http://127.0.0.1/events/{e.uid}"  # noqa: E731
    options = FeedOptions(event_url=link)
    with tempfile.TemporaryDirectory(prefix="feeds-cold-") as tmp:
        app = create_app({"DATABASE_URL": f"sqlite:///{tmp}/cold.sqlite3", "AS_OF": AS_OF.isoformat(),
                          "PUBLIC_URL": "http://127.0.0.1/"})
        db = app.extensions["calendar_db"]
        upgrade(db)
        started = time.perf_counter()
        fill(db, count)
        stored = time.perf_counter() - started
        start = AS_OF - timedelta(days=30)
        started = time.perf_counter()
        events = list_events(db, start=start)
        old = render_calendar(events, options)
        old_time = time.perf_counter() - started
        started = time.perf_counter()
        rows = feed_events(db, start=start)
        read = time.perf_counter() - started
        new = render_calendar(rows, options, render_event=lambda e, o: finish(e.vevent, link(e), trigger_lines(None)))
        new_time = time.perf_counter() - started
        assert new == old, "the two paths gave different bytes"
        client = app.test_client()
        started = time.perf_counter()
        response = client.get("/calendar.ics")
        first = time.perf_counter() - started
        assert response.status_code == 200 and response.data.count(b"BEGIN:VEVENT") == old.count(b"BEGIN:VEVENT")
        db.dispose()
    print(f"cold feed of {count} events ({len(old) / 1e6:.1f} MB; stored in {stored:.0f} s, rendering included): "
          f"old path (read objects, render each) {old_time:.2f} s; new path (read bytes, finish) {new_time:.2f} s "
          f"({read:.2f} s of it reading) = {old_time / new_time:.0f}x faster; first HTTP request {first:.2f} s; "
          f"same bytes")


def serve_and_measure(args, gunicorn: Path, url: str, ttl: float, count: int, size: int) -> None:
    port = free_port()
    env = dict(os.environ, CALENDAR_DATABASE_URL=url, CALENDAR_AS_OF=AS_OF.isoformat(),
               CALENDAR_REVISION_CHECK_SECONDS=str(ttl))
    server = subprocess.Popen(
        [str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers), "--worker-class",
         "gthread", "--threads", str(args.threads), "--log-level", "warning", "calendar_service:create_app()"],
        cwd=ROOT, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/healthz")
        cold_under_load(base + "/calendar.ics", args.seconds)
        with urllib.request.urlopen(base + "/calendar.ics", timeout=60) as r:
            etag = r.headers["ETag"]  # links in the feed name this host: ask the server itself
        q = urllib.request.quote("龙源路与山阳路")
        targets = [("trivial /healthz", base + "/healthz", None),
                   (f"cached feed, {count} events", base + "/calendar.ics", None),
                   (f"cached feed, {count} events, gzip", base + "/calendar.ics", {"Accept-Encoding": "gzip"}),
                   ("cached filtered feed ?q=龙源路与山阳路", f"{base}/calendar.ics?q={q}", None),
                   ("304 for the 5000-event feed", base + "/calendar.ics", {"If-None-Match": etag})]
        for _, target, _ in targets:  # warm every worker's cache
            for _ in range(4 * args.workers):
                with urllib.request.urlopen(target, timeout=60) as r:
                    r.read()
        small = len(urllib.request.urlopen(targets[3][1], timeout=60).read())
        request = urllib.request.Request(base + "/calendar.ics", headers={"Accept-Encoding": "gzip"})
        packed = len(urllib.request.urlopen(request, timeout=60).read())
        check = "every request" if ttl <= 0 else f"at most every {ttl:g} s"
        print(f"\nstore revision read {check} (CALENDAR_REVISION_CHECK_SECONDS={ttl:g})")
        runs: dict[str, list] = {label: [] for label, _, _ in targets}
        for _ in range(args.rounds):  # interleaved, so a busy moment hurts every endpoint alike
            for label, target, headers in targets:
                runs[label].append(wrk(target, args.seconds, headers))
        print(f"{'endpoint':<44}{'req/s':>10}{'vs trivial':>12}{'p50':>10}{'transfer/s':>12}   (median of {args.rounds})")
        baseline = None
        for label, results in runs.items():
            rate, p50, transfer = sorted(results)[len(results) // 2]
            baseline = baseline or rate
            spread = f"{min(r[0] for r in results):.0f}-{max(r[0] for r in results):.0f}"
            print(f"{label:<44}{rate:>10.0f}{rate / baseline:>11.0%}{p50:>10}{transfer:>12}   {spread}")
        print(f"(bodies: full feed {size} bytes, gzip {packed}; filtered feed {small}; /healthz 3)")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
