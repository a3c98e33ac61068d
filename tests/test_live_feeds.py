"""A running app (real HTTP on 127.0.0.1) loaded with the seed page and hand-made events:
check_url.sh (HTTP side + all nine parsers) on every feed, and diff_ics.sh across a re-ingest."""
from __future__ import annotations

import shutil
import threading
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from werkzeug.serving import make_server

from calendar_service import create_app
from calendar_service.extract import ExtractedEvent, Kind, SourceRef
from calendar_service.kinds import KINDS
from calendar_service.ingest import collect, ingest
from calendar_service.store import NoticeDraft, save_notice, upgrade, withdraw_notice

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "notices" / "jiaozuo-daily-2022-10-18.txt"
TZ = ZoneInfo("Asia/Shanghai")
LONG = "施工期间在山阳路西侧增加绕行道路，请过往车辆及行人减速慢行；施工带来的不便敬请谅解。" * 8


def _event(uid, kind, title, start, end, location=None, description=""):
    return ExtractedEvent(uid=uid, kind=Kind(kind), title=title, start=start, end=end,
                          all_day=not isinstance(start or end, datetime), location=location,
                          description=description, confidence=0.9, source=SourceRef("made.txt", title, 0, len(title)))


MADE = [
    _event("hostile@test", "closure", "龙源路\r\n封闭;施工,BEGIN:VEVENT\r\nEND:VCALENDAR", date(2022, 10, 20),
           date(2022, 10, 21), location="龙源路;山阳路,交叉口", description=LONG),
    _event("timed@test", "event", "市民开放日", datetime(2022, 10, 22, 9, tzinfo=TZ),
           datetime(2022, 10, 22, 11, 30, tzinfo=TZ), location="市政府广场"),
    _event("due@test", "deadline", "报名截止", None, datetime(2022, 10, 30, 17, tzinfo=TZ)),
    _event("withdrawn@test", "period", "优惠期（已撤回）", date(2022, 11, 1), date(2022, 11, 30)),
]


def _report(path, reason):
    raise AssertionError(f"{path}: {reason}")


@pytest.fixture
def live(tmp_path):
    """(base URL, app, notices folder) of a served app on a temporary SQLite store."""
    notices = tmp_path / "notices"
    notices.mkdir()
    shutil.copy(SEED, notices / SEED.name)
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}", "AS_OF": "2022-10-18"})
    db = app.extensions["calendar_db"]
    upgrade(db)
    files, _ = collect([notices], report=_report)
    ingest(db, files, report=_report)
    for key, events in (("made.txt", MADE[:3]), ("withdrawn.txt", MADE[3:])):
        text = "\n".join(repr(e) for e in events)
        save_notice(db, NoticeDraft(key, text, str(hash(text)), date(2022, 10, 18)), events)
    withdraw_notice(db, "withdrawn.txt")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app, notices
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()
        db.dispose()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


@pytest.mark.parametrize("path", ["/calendar.ics", "/calendar.ics?q=龙源路", "/calendar.ics?alarm=1d"]
                         + [f"/calendars/{kind}.ics" for kind in KINDS]
                         + [f"/calendars/category/{name}.ics" for name in ("road", "fees", "water")]
                         + ["/places/龙源路.ics", "/calendar.ics?alarm=1d&alarm_at=07:30"])
def test_every_feed_passes_check_url(live, ics_check_url, path):
    base, _, _ = live
    output = ics_check_url(base + urllib.request.quote(path, safe="/?=&"))
    assert "PASS" in output


def test_the_feed_holds_the_seed_page_and_the_made_events(live):
    base, _, _ = live
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(fetch(base + "/calendar.ics")).walk("VEVENT")}
    assert {"hostile@test", "timed@test", "due@test", "withdrawn@test"} <= set(events)
    assert str(events["withdrawn@test"]["STATUS"]) == "CANCELLED"
    titles = " ".join(str(e["SUMMARY"]) for e in events.values())
    assert "龙源路与山阳路交叉口" in titles and "医保" in titles


def test_a_reingested_edit_passes_diff_ics(live, ics_diff):
    base, app, notices = live
    before = fetch(base + "/calendar.ics")
    seed = notices / SEED.name
    text = seed.read_text(encoding="utf-8")
    assert "计划2022年10月18日至2023年1月1日对龙源路与山阳路" in text
    seed.write_text(text.replace("至2023年1月1日对龙源路与山阳路", "至2023年1月8日对龙源路与山阳路"), encoding="utf-8")
    files, _ = collect([notices], report=_report)
    summary = ingest(app.extensions["calendar_db"], files, report=_report)
    assert (summary.updated, summary.events.changed, summary.events.added) == (1, 1, 0)
    after = fetch(base + "/calendar.ics")
    ics_diff(before, after)
    old = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(before).walk("VEVENT")}
    new = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(after).walk("VEVENT")}
    assert set(old) == set(new)
    bumped = {uid for uid in new if new[uid]["SEQUENCE"] != old[uid]["SEQUENCE"]}
    assert len(bumped) == 1
    (uid,) = bumped
    assert new[uid].decoded("DTEND") == date(2023, 1, 9) and "山阳路" in str(new[uid]["SUMMARY"])
    # >=: both ingests may fall in the same second, and iCalendar times have whole seconds
    assert new[uid].decoded("LAST-MODIFIED") >= old[uid].decoded("LAST-MODIFIED")
    for other in set(new) - bumped:
        assert new[other].to_ical() == old[other].to_ical()
    assert datetime.now(UTC) >= new[uid].decoded("DTSTAMP")
