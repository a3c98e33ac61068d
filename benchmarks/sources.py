"""Polling throughput: 200 sources × 20 articles on local web servers, first pass and unchanged pass.

    .venv/bin/python benchmarks/sources.py [--sources 200] [--articles 20] [--hosts 4]
        [--workers 2] [--pdf-every 10] [--ocr-every 400] [--backend sqlite|postgresql]

The site is written to a temporary folder and served by ``python -m http.server`` processes,
one per loopback address (127.0.0.1, 127.0.0.2 …: one "issuer host" each, since a poller never
works on one host twice at once); it answers ``If-Modified-Since`` with 304. Each source is a list
page of ``--articles`` article pages made from tests/fixtures/notices/*.txt (a dated HTML page
each); every ``--pdf-every``-th article is a stub whose notice is an attached PDF (text layer),
every ``--ocr-every``-th one a stub around a PNG of the notice (tesseract OCR). The real pollers
run (``Poller.run_due`` with ``--workers`` threads) with no per-host delay, then every source is
made due again and polled unchanged (one conditional GET each). Printed: polls/s, notices/s,
requests, and where the pollers' time went: fetching, text extraction (HTML, PDF), OCR, ingest
(extraction of events and the store), the rest (articles' bookkeeping, claims).
"""
from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from calendar_service.config import load_config  # noqa: E402
from calendar_service.sources.poller import Poller  # noqa: E402
from calendar_service.sources.spec import new_source  # noqa: E402
from calendar_service.store import Database, upgrade  # noqa: E402
from calendar_service.store import sources as stored  # noqa: E402
from sources.issuer import pdf, png  # noqa: E402
from throwaway_db import postgres_database  # noqa: E402

PAGE = ('<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>'
        '<meta name="PubDate" content="{day}"></head><body><div class="nav"><a href="/">首页</a></div>'
        '<div class="article"><h1>{title}</h1><div class="content">{body}</div></div>'
        '<div class="footer">版权所有</div></body></html>')


def notices() -> list[tuple[str, list[str]]]:
    found = []
    for path in sorted((ROOT / "tests" / "fixtures" / "notices").glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        found.append((lines[0].lstrip("# "), lines[1:]))
    return found


def write_site(folder: Path, args) -> dict[str, int]:
    texts, made, rendered = notices(), Counter(), {}
    for s in range(args.sources):
        links = []
        for a in range(args.articles):
            n = s * args.articles + a
            title, lines = texts[n % len(texts)]
            kind = ("png" if args.ocr_every and n % args.ocr_every == args.ocr_every - 1 else
                    "pdf" if args.pdf_every and n % args.pdf_every == args.pdf_every - 1 else "html")
            if kind != "html":  # one rendering per fixture notice: fpdf2 reads the 5 MB font per PDF
                key = (kind, n % len(texts))
                if key not in rendered:
                    rendered[key] = png([title, *lines][:12], size=32) if kind == "png" else pdf([title, *lines][:40])
                (folder / f"s{s}/files").mkdir(parents=True, exist_ok=True)
                (folder / f"s{s}/files/t{a}.{kind}").write_bytes(rendered[key])
            title = f"{title}（第{n}号）"  # every article its own text, so none is a duplicate of another
            if kind == "png":
                body = f'<p><img src="/s{s}/files/t{a}.png"></p>'
            elif kind == "pdf":
                body = f'<p>详见附件：<a href="/s{s}/files/t{a}.pdf">通知.pdf</a></p>'
            else:
                body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
            made[kind] += 1
            name = f"s{s}/2022/t{a}.html"
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(PAGE.format(title=html.escape(title), day="2022-10-18", body=body), encoding="utf-8")
            links.append(f'<li><a href="/{name}">{html.escape(title)}</a> 2022-10-18</li>')
        (folder / f"s{s}/index.html").write_text(
            f'<!doctype html><html><head><meta charset="utf-8"><title>通知公告</title></head>'
            f'<body><ul>{"".join(links)}</ul></body></html>', encoding="utf-8")
    return dict(made)


def serve(folder: Path, hosts: int) -> tuple[list[subprocess.Popen], list[str]]:
    processes, bases = [], []
    for h in range(1, hosts + 1):
        address = f"127.0.0.{h}"
        process = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", address, "--directory",
                                    str(folder)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = process.stdout.readline()  # "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
        port = int(line.split(" port ")[1].split()[0])
        processes.append(process)
        bases.append(f"http://{address}:{port}")
    return processes, bases


def timed_pass(poller: Poller) -> tuple[float, list]:
    started = time.perf_counter()
    reports = poller.run_due()
    return time.perf_counter() - started, reports


def shares(reports) -> str:
    seconds = Counter()
    for report in reports:
        seconds.update(report.seconds)
    measured = sum(seconds.values())
    names = {"fetch": "fetching", "text": "text extraction", "ocr": "OCR", "ingest": "ingest"}
    return ", ".join(f"{label} {seconds[key] / measured:.0%} ({seconds[key]:.1f} s)" for key, label in names.items()
                     ) + f" of {measured:.1f} s in pollers' threads"


def line(label: str, elapsed: float, reports) -> str:
    new = sum(r.new + r.updated for r in reports)
    failed = sum(r.failed for r in reports) + sum(r.error is not None for r in reports)
    requests = sum(r.requests for r in reports)
    return (f"{label}: {len(reports)} polls in {elapsed:.1f} s = {len(reports) / elapsed:.1f} polls/s, "
            f"{new} notices = {new / elapsed:.1f} notices/s, {requests} requests, {failed} failures")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pdf-every", type=int, default=10)
    parser.add_argument("--ocr-every", type=int, default=400)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "site"
        made = write_site(folder, args)
        processes, bases = serve(folder, args.hosts)
        drop = None
        if args.backend == "postgresql":
            url, drop = postgres_database()
        else:
            url = f"sqlite:///{tmp}/bench.sqlite3"
        db = Database(url)
        upgrade(db)
        config = load_config({})
        config.update(SOURCES_HOST_DELAY=0, SOURCES_WORKERS=args.workers, SOURCES_RETRIES=0, REVIEW_THRESHOLD=0,
                      TIMEZONE="Asia/Shanghai")
        poller = Poller(db, config)
        try:
            now = datetime.now(UTC)
            for s in range(args.sources):
                base = bases[s % len(bases)]
                stored.add_source(db, new_source(f"s{s:03d}", f"{base}/s{s}/index.html",
                                                 links=rf"/s{s}/2022/t\d+\.html$"), now)
            print(f"{args.sources} sources x {args.articles} articles on {len(bases)} hosts ({made}), "
                  f"{args.workers} pollers, {args.backend}")
            elapsed, reports = timed_pass(poller)
            print(line("first pass", elapsed, reports))
            print("  time: " + shares(reports))
            for s in range(args.sources):
                stored.poll_soon(db, f"s{s:03d}", datetime.now(UTC))
            elapsed, again = timed_pass(poller)
            print(line("unchanged pass", elapsed, again))
        finally:
            poller.close()
            db.dispose()
            for process in processes:
                process.terminate()
                process.wait()
            if drop is not None:
                drop()


if __name__ == "__main__":
    main()
