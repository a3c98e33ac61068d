"""Page benchmark: server time of every page with 5,000 current events, then with 45,000 past ones
added, and requests/s of the cached pages under gunicorn next to /healthz.

    .venv/bin/python benchmarks/pages.py [--events 5000] [--past 45000] [--runs 30] [--database-url URL]
                                         [--seconds 5] [--rounds 3] [--no-wrk]

Fills a temporary store (SQLite by default; ``--database-url`` for PostgreSQL, whose database is
wiped) with N events in notices of 10 (mixed kinds, all-day and timed, Chinese titles, sources
quoted from their notice), plus the seed newspaper page, and 5% of the events waiting for review.
Then it times each page through the WSGI app in process (Flask's test client: routing, queries,
templates, headers; no network, so the figure is the server's own time) with the page cache
emptied before every request (what a request after a store change costs), and prints the median,
95th percentile and maximum per page. Target: < 50 ms each. Then it adds ``--past`` events that
ended a year before (in notices published then) and times the pages again: the ratio says whether
a page's cost grows with history (target: within 1.2x). On SQLite the past goes into a copy of the
store and each page is timed on both stores in turn, request by request, so that the load of a
shared machine moving during the run weighs on both alike (on PostgreSQL the rounds follow each
other). Last, gunicorn (gthread) serves the store with the past and wrk measures the cached pages
and /healthz in one run, interleaved (target: each page at 0.5 of /healthz or more).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calendar_service import create_app  # noqa: E402
from calendar_service import extract as extraction  # noqa: E402
from calendar_service.extract import Category, ExtractedEvent, Kind, SourceRef  # noqa: E402
from calendar_service.store import NoticeDraft, ReviewPolicy, save_notice, upgrade  # noqa: E402

from feeds import free_port, wait_until_up, wrk  # noqa: E402  (benchmarks/feeds.py: the same wrk run)

TZ = ZoneInfo("Asia/Shanghai")
AS_OF = date(2022, 10, 18)
ROADS = ["龙源路", "山阳路", "民主路", "人民路", "解放路", "塔南路", "丰收路", "建设路", "太行路", "焦东路"]
KINDS = [Kind.CLOSURE, Kind.DEADLINE, Kind.SERVICE_CHANGE, Kind.PERIOD, Kind.EVENT]
CATEGORIES = list(Category)
PER_NOTICE = 10
SEED = ROOT / "notices" / "jiaozuo-daily-2022-10-18.txt"
PASSWORD = "bench"
PUBLIC_URL = "https://calendar.example.cn"


def notice(number: int, shift: int = 0) -> tuple[str, list[ExtractedEvent]]:
    """One notice of PER_NOTICE items, each quoted from a sentence of its text, ``shift`` days away."""
    sentences, specs = [f"# 第{number}号施工与办事公告\n"], []
    for item in range(PER_NOTICE):
        n = number * PER_NOTICE + item
        kind, road, cross = KINDS[n % 5], ROADS[n % 10], ROADS[(n // 10) % 10]
        first = AS_OF + timedelta(days=n % 90 - 20 + shift)
        sentence = (f"根据{road}综合管廊施工安排，计划自{first.year}年{first.month}月{first.day}日起对{road}与{cross}"
                    f"交叉口实施分段施工，施工期间请过往车辆及行人减速慢行、注意安全，不便之处敬请谅解。")
        specs.append((n, kind, road, cross, first, sum(len(s) for s in sentences), sentence))
        sentences.append(sentence + "\n\n")
    text = "".join(sentences)
    events = []
    for n, kind, road, cross, first, at, sentence in specs:
        if kind == Kind.EVENT:
            start = datetime.combine(first, datetime.min.time(), TZ).replace(hour=9)
            end, all_day = start + timedelta(hours=2, minutes=30), False
        elif kind == Kind.SERVICE_CHANGE and n % 2:
            start, end, all_day = first, None, True
        else:
            start, end, all_day = first, first + timedelta(days=n % 60), True
        title = f"{road}与{cross}交叉口第{n}号施工段半幅封闭" if kind == Kind.CLOSURE else f"{road}片区第{n}号事项"
        events.append(ExtractedEvent(
            uid=f"{hashlib.sha256(str(n).encode()).hexdigest()[:24]}@bench", kind=kind, title=title, start=start,
            end=end, all_day=all_day, location=f"{road}与{cross}交叉口", description=sentence,
            confidence=0.3 if n % 20 == 0 else 0.9, source=SourceRef(None, sentence, at, at + len(sentence)),
            category=CATEGORIES[n % 7 % len(CATEGORIES)]))
    return text, events


def fill(db, count: int, *, first: int = 0, shift: int = 0, seed: bool = True) -> None:
    now = datetime(2022, 10, 18, 1, tzinfo=UTC)
    policy = ReviewPolicy(threshold=0.5)
    for number in range(first, first + count // PER_NOTICE):
        text, events = notice(number, shift)
        # published when its items were news: a notice of a year ago does not reconfirm its
        # open-ended items today (with AS_OF, 4,500 of the past ones counted as current)
        draft = NoticeDraft(f"bench/{number:05d}.txt", text, hashlib.sha256(text.encode()).hexdigest(),
                            AS_OF + timedelta(days=shift))
        save_notice(db, draft, events, now=now, review=policy)
    if not seed:
        return
    text = extraction.read_document(SEED.read_bytes(), SEED.name)
    events = extraction.extract(text, AS_OF, notice_key=SEED.name)
    save_notice(db, NoticeDraft(SEED.name, text, hashlib.sha256(text.encode()).hexdigest(), AS_OF), events,
                now=now, review=policy)


def analyze(db) -> None:
    """PostgreSQL: statistics for the rows just filled in, as autovacuum gathers after a bulk load
    (a server with autovacuum off, like the test one, otherwise plans on default estimates:
    hashes and whole-table scans no store in service sees). SQLite needs none."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as connection:  # committed: rolled back, the column statistics go too
            connection.exec_driver_sql("ANALYZE")


def wipe(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def time_page(client, url: str, runs: int, cache=None, base_url: str | None = None) -> list[float]:
    """Server times of ``url`` in ms; with ``cache``, emptied before each request (a cold page)."""
    get = (lambda: client.get(url, base_url=base_url)) if base_url else (lambda: client.get(url))
    for _ in range(3):  # warm-up: template compilation, connection pool
        response = get()
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(runs):
        if cache is not None:
            cache.clear()
        started = time.perf_counter()
        response = get()
        response.get_data()
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--past", type=int, default=45000, help="events that ended a year ago, added for round two")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", help="PostgreSQL URL (its public schema is wiped); default: temp SQLite")
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per endpoint (the median is shown)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--no-wrk", action="store_true", help="server times only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
        if args.database_url:
            wipe(url)
        app = create_app({"DATABASE_URL": url, "AS_OF": AS_OF.isoformat(), "ADMIN_PASSWORD": PASSWORD,
                          "SECRET_KEY": "bench", "PUBLIC_URL": PUBLIC_URL})
        db = app.extensions["calendar_db"]
        upgrade(db)
        started = time.perf_counter()
        fill(db, args.events)
        analyze(db)
        print(f"store: {db.display_url.split('@')[-1]}, {args.events} events in {args.events // PER_NOTICE} notices "
              f"+ the seed page, filled in {time.perf_counter() - started:.1f} s; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f}")
        client = app.test_client()
        desk = log_in(app)
        event = next(u for u in (f"{hashlib.sha256(str(n).encode()).hexdigest()[:24]}@bench" for n in range(1, 99))
                     if client.get(f"/events/{u}").status_code == 200)
        pages = [
            ("home", "/"),
            ("home, closures", "/?kind=closure"),
            ("home, search 龙源路", "/?q=龙源路"),
            ("home, recent past", "/?past=1"),
            ("home, page 40", "/?page=40"),
            ("home, category water", "/?category=water"),
            ("month view", "/month/2022-10"),
            ("month view, water", "/month/2022-10?category=water"),
            ("places", "/places"),
            ("place 龙源路", "/places/龙源路"),
            ("event", f"/events/{event}"),
            ("notice (10 events)", "/notices/bench/00001.txt"),
            ("notice (seed page)", f"/notices/{SEED.name}"),
            ("subscribe panel", "/feeds?kind=closure&q=龙源路"),
            ("api events", "/api/events"),
            ("api events, closures", "/api/events?kind=closure&from=2022-10-18"),
            ("desk", "/admin/"),
            ("desk: seed notice", f"/admin/notices/{SEED.name}"),
        ]
        cache = app.extensions["calendar_page_cache"]
        if args.past and not args.database_url:
            # SQLite: the same store copied, the past added to the copy, and every page timed on
            # both in turn, request by request, so a change of the machine's load hits both alike
            db.dispose()
            past_url = f"sqlite:///{folder}/bench-past.sqlite3"
            with sqlite3.connect(f"{folder}/bench.sqlite3") as source, \
                    sqlite3.connect(f"{folder}/bench-past.sqlite3") as copy:
                source.backup(copy)
            other = create_app({"DATABASE_URL": past_url, "AS_OF": AS_OF.isoformat(), "ADMIN_PASSWORD": PASSWORD,
                                "SECRET_KEY": "bench", "PUBLIC_URL": PUBLIC_URL})
            started = time.perf_counter()
            fill(other.extensions["calendar_db"], args.past, first=100_000 // PER_NOTICE * PER_NOTICE, shift=-400,
                 seed=False)
            print(f"added {args.past} events that ended a year before to a copy in {time.perf_counter() - started:.1f} s")
            paired_times((client, desk, cache), (other.test_client(), log_in(other),
                                                 other.extensions["calendar_page_cache"]), pages, args.runs,
                         (f"{args.events} current", f"+ {args.past} past"))
            other.extensions["calendar_db"].dispose()
            url = past_url  # gunicorn serves the store with the past
        else:
            before = server_times(client, desk, pages, args.runs, cache, f"{args.events} current events")
        if args.past and args.database_url:
            started = time.perf_counter()
            fill(db, args.past, first=100_000 // PER_NOTICE * PER_NOTICE, shift=-400, seed=False)
            analyze(db)
            print(f"\nadded {args.past} events that ended a year before in {time.perf_counter() - started:.1f} s")
            after = server_times(client, desk, pages, args.runs, cache,
                                 f"{args.events} current + {args.past} past events")
            print(f"\n{'page':<24}{'with past / without':>22}   (median server time, cache emptied)")
            for name, _ in pages:
                print(f"{name:<24}{after[name] / before[name]:>21.2f}x")
        cached = statistics.median(time_page(client, "/", args.runs))
        print(f"\nhome page from the page cache: {cached:.2f} ms (median, in process)")
        db.dispose()
        if not args.no_wrk:
            serve_and_measure(args, url, event)


def log_in(app):
    """A test client logged in at the desk through its login form (https: the cookies are secure)."""
    desk = app.test_client()
    form = desk.get("/admin/login", base_url=PUBLIC_URL).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    response = desk.post("/admin/login", data={"password": PASSWORD, "csrf_token": csrf}, base_url=PUBLIC_URL)
    assert response.status_code == 302, response.status_code
    return desk


def server_times(client, desk, pages, runs: int, cache, label: str) -> dict[str, float]:
    print(f"\n{label}: {'page':<24}{'median':>9}{'p95':>9}{'max':>9}   (ms, {runs} requests each, cache emptied)")
    medians, worst = {}, 0.0
    for name, path in pages:
        timings = time_page(desk if path.startswith("/admin") else client, path, runs, cache,
                            base_url=PUBLIC_URL if path.startswith("/admin") else None)
        p95 = statistics.quantiles(timings, n=20)[-1]
        worst = max(worst, p95)
        medians[name] = statistics.median(timings)
        print(f"{'':<{len(label) + 2}}{name:<24}{medians[name]:>9.1f}{p95:>9.1f}{max(timings):>9.1f}")
    print(f"slowest p95: {worst:.1f} ms ({'within' if worst < 50 else 'OVER'} the 50 ms target)")
    return medians


def paired_times(one, two, pages, runs: int, labels: tuple[str, str]) -> None:
    """Server times of every page in two stores, one request on each in turn (cache emptied):
    wall-clock medians and p95, and the median CPU time of this process (the app and SQLite run in
    it, so that is the server's work without the waits a loaded machine adds)."""
    print(f"\n{'page':<24}{labels[0] + ': median':>22}{'p95':>8}{'cpu':>7}{labels[1] + ': median':>24}{'p95':>8}"
          f"{'cpu':>7}{'ratio':>7}{'cpu':>6}   (ms, {runs} requests each, cache emptied, interleaved; "
          f"load average {os.getloadavg()[0]:.1f})")
    worst = worst_cpu = 0.0
    for name, path in pages:
        admin = path.startswith("/admin")
        clients = [(desk if admin else client, cache) for client, desk, cache in (one, two)]
        base = PUBLIC_URL if admin else None
        for client, _ in clients:  # warm-up: templates, connection pools
            for _ in range(3):
                assert (client.get(path, base_url=base) if base else client.get(path)).status_code == 200, path
        timings: list[list[float]] = [[], []]
        cpu: list[list[float]] = [[], []]
        for _ in range(runs):
            for n, (client, cache) in enumerate(clients):
                cache.clear()
                started, used = time.perf_counter(), time.process_time()
                response = client.get(path, base_url=base) if base else client.get(path)
                response.get_data()
                timings[n].append((time.perf_counter() - started) * 1000)
                cpu[n].append((time.process_time() - used) * 1000)
        medians = [statistics.median(t) for t in timings]
        p95s = [statistics.quantiles(t, n=20)[-1] for t in timings]
        cpus = [statistics.median(c) for c in cpu]
        if not admin:
            worst, worst_cpu = max(worst, *p95s), max(worst_cpu, *cpus)
        print(f"{name:<24}{medians[0]:>22.1f}{p95s[0]:>8.1f}{cpus[0]:>7.1f}{medians[1]:>24.1f}{p95s[1]:>8.1f}"
              f"{cpus[1]:>7.1f}{medians[1] / medians[0]:>6.2f}x{cpus[1] / cpus[0]:>5.2f}x")
    print(f"slowest public page: p95 {worst:.1f} ms wall, median {worst_cpu:.1f} ms cpu "
          f"({'within' if worst_cpu < 50 else 'OVER'} the 50 ms target in cpu time)")


def serve_and_measure(args, url: str, event: str) -> None:
    """The cached pages and /healthz under gunicorn, wrk interleaved, each rate as a fraction of /healthz's."""
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install -y wrk")
    port = free_port()
    env = dict(os.environ, CALENDAR_DATABASE_URL=url, CALENDAR_AS_OF=AS_OF.isoformat(),
               CALENDAR_PUBLIC_URL=PUBLIC_URL)
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "--bind", f"127.0.0.1:{port}", "--workers",
         str(args.workers), "--worker-class", "gthread", "--threads", str(args.threads), "--log-level", "warning",
         "calendar_service:create_app()"], cwd=ROOT, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/healthz")
        targets = [("trivial /healthz", "/healthz"), ("home", "/"), ("home, search 龙源路", f"/?q={quote('龙源路')}"),
                   ("event", f"/events/{quote(event)}"), ("api events", "/api/events"),
                   ("month view", "/month/2022-10"), ("place 龙源路", f"/places/{quote('龙源路')}")]
        for _, path in targets:  # warm every worker's cache
            for _ in range(4 * args.workers):
                with urllib.request.urlopen(base + path, timeout=60) as response:
                    response.read()
        print(f"\ngunicorn {args.workers} workers x {args.threads} threads (gthread), wrk -t2 -c8 "
              f"-d{args.seconds}s x {args.rounds} each, interleaved, 127.0.0.1, load average {os.getloadavg()[0]:.1f}")
        runs: dict[str, list] = {label: [] for label, _ in targets}
        for _ in range(args.rounds):
            for label, path in targets:
                runs[label].append(wrk(base + path, args.seconds))
        print(f"{'endpoint':<28}{'req/s':>10}{'vs /healthz':>13}{'p50':>10}   (median of {args.rounds})")
        baseline = None
        for label, results in runs.items():
            rate, p50, _ = sorted(results)[len(results) // 2]
            baseline = baseline or rate
            print(f"{label:<28}{rate:>10.0f}{rate / baseline:>12.0%}{p50:>10}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
