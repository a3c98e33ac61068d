"""The feeds of the seed page and of the fixture notices, byte for byte against golden .ics files.

The golden files were written before the renovation of issue 14 (store, kinds, commands and
errors moved around) and pin what a subscriber's calendar receives: any difference in a feed's
bytes is a behaviour change, wanted or not.

The events come from a snapshot of the extractor's output (``tests/golden/events/<set>.json``),
not from the extractor itself: a better extractor changes what is found, which is not what these
files guard. The rest is the real path: ``save_notice`` with the review threshold ``ingest``
uses, a fixed clock (``DTSTAMP`` is the stored ``LAST-MODIFIED``, so it is the time of the
ingest), a fixed ``AS_OF`` and ``PUBLIC_URL``, and the feeds fetched from the web app.

Regenerate (only when a change of the feeds is intended, and say why in the commit)::

    .venv/bin/python tests/test_golden_feeds.py --feeds            # the .ics files
    .venv/bin/python tests/test_golden_feeds.py --events --feeds   # also a new extractor snapshot
"""
from __future__ import annotations

import hashlib
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote, unquote
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
KINDS = ("closure", "deadline", "service_change", "period", "event")
INGESTED = datetime(2022, 10, 18, 1, 0, tzinfo=UTC)
REVIEW_THRESHOLD = 0.5  # the default of CALENDAR_REVIEW_THRESHOLD, as ingest applies it

#: name -> (folder of notices, "today" of the feeds, FEED_PAST_DAYS and OPEN_ENDED_DAYS)
SETS = {
    "seed": (ROOT / "notices", "2022-10-18", 30),
    # notices of many years: a window wide enough to hold every item
    "fixtures": (ROOT / "tests" / "fixtures" / "notices", "2022-10-18", 36500),
}


def feed_paths(name: str, uids: list[str]) -> list[str]:
    paths = ["/calendar.ics", *(f"/calendars/{kind}.ics" for kind in KINDS)]
    if name == "seed":
        paths += [f"/calendar.ics?q={quote('龙源路')}", "/calendars/closure.ics?alarm=1d"]
        paths += [f"/events/{uid}.ics" for uid in sorted(uids)]
    return paths


def golden_name(path: str) -> str:
    """A file name for a feed path: /calendars/closure.ics?alarm=1d -> calendars_closure.ics_alarm=1d.ics."""
    readable = unquote(path).strip("/").replace("/", "_").replace("?", "_")
    return f"{readable}.ics" if not readable.endswith(".ics") else readable


# --- the extractor snapshot ---------------------------------------------------------------------

def _value(value):
    if isinstance(value, datetime):
        return {"at": value.isoformat(), "zone": getattr(value.tzinfo, "key", None)}
    return value.isoformat() if isinstance(value, date) else None


def _parse(value):
    if value is None:
        return None
    if isinstance(value, dict):
        moment = datetime.fromisoformat(value["at"])
        return moment.astimezone(ZoneInfo(value["zone"])) if value["zone"] else moment
    return date.fromisoformat(value)


def snapshot_events(folder: Path) -> list[dict]:
    """What ``ingest`` would extract from every notice of ``folder`` (identity: the file name)."""
    from calendar_service import extract as extraction

    notices = []
    for path in sorted(folder.glob("*.txt")):
        text = extraction.read_document(path.read_bytes(), str(path))
        guess = extraction.infer_published(text)
        if guess is None:
            continue
        events = extraction.extract(text, guess.date, file=path.name, notice_key=path.name)
        notices.append({"key": path.name, "published": guess.date.isoformat(), "events": [
            {"uid": e.uid, "kind": str(e.kind), "title": e.title, "start": _value(e.start), "end": _value(e.end),
             "all_day": e.all_day, "location": e.location, "description": e.description,
             "confidence": e.confidence, "source": [e.source.file, e.source.text, e.source.start, e.source.end]}
            for e in events]})
    return notices


def load_events(name: str) -> list[dict]:
    return json.loads((GOLDEN / "events" / f"{name}.json").read_text(encoding="utf-8"))


def fill(db, notices: list[dict]) -> list[str]:
    """Store the snapshot's notices as ingest stores them; the uids of the events."""
    from calendar_service.extract import ExtractedEvent, Kind, SourceRef
    from calendar_service.store import NoticeDraft, ReviewPolicy, save_notice

    uids = []
    for notice in notices:
        events = [ExtractedEvent(uid=e["uid"], kind=Kind(e["kind"]), title=e["title"], start=_parse(e["start"]),
                                 end=_parse(e["end"]), all_day=e["all_day"], location=e["location"],
                                 description=e["description"], confidence=e["confidence"],
                                 source=SourceRef(*e["source"]), notice_key=notice["key"])
                  for e in notice["events"]]
        text = f"(golden snapshot of {notice['key']})"
        draft = NoticeDraft(key=notice["key"], text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                            published=date.fromisoformat(notice["published"]), source=notice["key"])
        save_notice(db, draft, events, now=INGESTED, review=ReviewPolicy(threshold=REVIEW_THRESHOLD))
        uids += [e.uid for e in events if e.confidence >= REVIEW_THRESHOLD]
    return uids


def feeds(name: str, database_url: str) -> dict[str, bytes]:
    """golden file name -> the bytes the app serves today for that feed."""
    from calendar_service import create_app
    from calendar_service.store import upgrade

    _, as_of, past_days = SETS[name]
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "AS_OF": as_of, "FEED_PAST_DAYS": past_days,
                      "OPEN_ENDED_DAYS": max(past_days, 180),
                      "PUBLIC_URL": "https://calendar.example.cn", "SECRET_KEY": "golden"})
    db = app.extensions["calendar_db"]
    try:
        upgrade(db)
        uids = fill(db, load_events(name))
        client = app.test_client()
        found = {}
        for path in feed_paths(name, uids):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            found[golden_name(path)] = response.data
        return found
    finally:
        db.dispose()


@pytest.mark.parametrize("name", list(SETS))
def test_feeds_match_the_golden_files(name, database_url):
    expected = {p.name: p.read_bytes() for p in sorted((GOLDEN / name).glob("*.ics"))}
    served = feeds(name, database_url)
    assert sorted(served) == sorted(expected)
    for file_name, body in served.items():
        assert body == expected[file_name], f"{name}/{file_name} differs from its golden file"


if __name__ == "__main__":
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", action="store_true", help="snapshot the extractor's output again")
    parser.add_argument("--feeds", action="store_true", help="write the golden .ics files again")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    for set_name, (notices_folder, _, _) in SETS.items():
        if args.events:
            (GOLDEN / "events").mkdir(parents=True, exist_ok=True)
            (GOLDEN / "events" / f"{set_name}.json").write_text(
                json.dumps(snapshot_events(notices_folder), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if args.feeds:
            with tempfile.TemporaryDirectory() as folder:
                bodies = feeds(set_name, f"sqlite:///{folder}/golden.sqlite3")
            target = GOLDEN / set_name
            target.mkdir(parents=True, exist_ok=True)
            for old in target.glob("*.ics"):
                old.unlink()
            for file_name, body in bodies.items():
                (target / file_name).write_bytes(body)
            print(f"{set_name}: {len(bodies)} feeds written to {target}")
