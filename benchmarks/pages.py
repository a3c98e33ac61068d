"""Page benchmark: server time of every page with 5,000 events in the store.

    .venv/bin/python benchmarks/pages.py [--events 5000] [--runs 50] [--database-url URL]

Fills a temporary store (SQLite by default; ``--database-url`` for PostgreSQL, whose database is
wiped) with N events in notices of 10 (mixed kinds, all-day and timed, Chinese titles, sources
quoted from their notice), plus the seed newspaper page, and 5% of the events waiting for review.
Then it times each page through the WSGI app in process (Flask's test client: routing, queries,
templates, headers; no network, so the figure is the server's own time), after a few warm-up
requests, and prints the median, 95th percentile and maximum per page. Target: < 50 ms each.
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calendar_service import create_app  # noqa: E402
from calendar_service import extract as extraction  # noqa: E402
from calendar_service.extract import Category, ExtractedEvent, Kind, SourceRef  # noqa: E402
from calendar_service.store import NoticeDraft, ReviewPolicy, save_notice, upgrade  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
AS_OF = date(2022, 10, 18)
ROADS = ["龙源路", "山阳路", "民主路", "人民路", "解放路", "塔南路", "丰收路", "建设路", "太行路", "焦东路"]
KINDS = [Kind.CLOSURE, Kind.DEADLINE, Kind.SERVICE_CHANGE, Kind.PERIOD, Kind.EVENT]
CATEGORIES = list(Category)
PER_NOTICE = 10
SEED = ROOT / "notices" / "jiaozuo-daily-2022-10-18.txt"
PASSWORD = "bench"


def notice(number: int) -> tuple[str, list[ExtractedEvent]]:
    """One notice of PER_NOTICE items, each quoted from a sentence of its text."""
    sentences, specs = [f"# 第{number}号施工与办事公告\n"], []
    for item in range(PER_NOTICE):
        n = number * PER_NOTICE + item
        kind, road, cross = KINDS[n % 5], ROADS[n % 10], ROADS[(n // 10) % 10]
        first = AS_OF + timedelta(days=n % 90 - 20)
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


def fill(db, count: int) -> None:
    now = datetime(2022, 10, 18, 1, tzinfo=UTC)
    policy = ReviewPolicy(threshold=0.5)
    for number in range(count // PER_NOTICE):
        text, events = notice(number)
        draft = NoticeDraft(f"bench/{number:05d}.txt", text, hashlib.sha256(text.encode()).hexdigest(), AS_OF)
        save_notice(db, draft, events, now=now, review=policy)
    text = extraction.read_document(SEED.read_bytes(), SEED.name)
    events = extraction.extract(text, AS_OF, notice_key=SEED.name)
    save_notice(db, NoticeDraft(SEED.name, text, hashlib.sha256(text.encode()).hexdigest(), AS_OF), events,
                now=now, review=policy)


def wipe(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def desk_login(client) -> None:
    """Log in as a reviewer does: the login form's CSRF token, then the password (sessions live in
    the store since the hardening issue, so a forged cookie no longer opens the desk)."""
    import re

    base = "https://calendar.example.cn"
    page = client.get("/admin/login", base_url=base).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/admin/login", data={"password": PASSWORD, "csrf_token": token}, base_url=base)
    assert response.status_code == 302, response.status_code


def time_page(client, url: str, runs: int, base: str | None = None) -> list[float]:
    get = (lambda u: client.get(u, base_url=base)) if base else client.get
    for _ in range(3):  # warm-up: template compilation, connection pool, caches
        response = get(url)
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = get(url)
        response.get_data()
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--database-url", help="PostgreSQL URL (its public schema is wiped); default: temp SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
        if args.database_url:
            wipe(url)
        app = create_app({"DATABASE_URL": url, "AS_OF": AS_OF.isoformat(), "ADMIN_PASSWORD": PASSWORD,
                          "SECRET_KEY": "bench", "PUBLIC_URL": "https://calendar.example.cn"})
        db = app.extensions["calendar_db"]
        upgrade(db)
        started = time.perf_counter()
        fill(db, args.events)
        print(f"store: {db.display_url.split('@')[-1]}, {args.events} events in {args.events // PER_NOTICE} notices "
              f"+ the seed page, filled in {time.perf_counter() - started:.1f} s")
        client = app.test_client()
        desk = app.test_client()
        desk_login(desk)
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
            ("event", f"/events/{event}"),
            ("notice (10 events)", "/notices/bench/00001.txt"),
            ("notice (seed page)", f"/notices/{SEED.name}"),
            ("subscribe panel", "/feeds?kind=closure&q=龙源路"),
        ]
        print(f"{'page':<24}{'median':>9}{'p95':>9}{'max':>9}   (ms, {args.runs} requests each)")
        worst = 0.0
        for name, path in pages + [("desk", "/admin/"), ("desk: seed notice", f"/admin/notices/{SEED.name}")]:
            timings = time_page(desk if path.startswith("/admin") else client, path, args.runs,
                                base="https://calendar.example.cn" if path.startswith("/admin") else None)
            p95 = statistics.quantiles(timings, n=20)[-1]
            worst = max(worst, p95)
            print(f"{name:<24}{statistics.median(timings):>9.1f}{p95:>9.1f}{max(timings):>9.1f}")
        print(f"slowest p95: {worst:.1f} ms ({'within' if worst < 50 else 'OVER'} the 50 ms target)")
        db.dispose()


if __name__ == "__main__":
    main()
