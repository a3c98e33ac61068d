"""Alarms: an all-day item's fires at a time of day (09:00 local the day before by default), a
timed item's that long before it. Triggers worked out by hand, then read back from the feed with
icalendar and turned into the moment a phone would ring."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar
import pytest

from calendar_service.errors import InvalidInput
from calendar_service.ics import FeedOptions, alarm_offset, parse_alarm_time, render_calendar

TZ = ZoneInfo("Asia/Shanghai")
STAMP = datetime(2022, 10, 18, 1, 0, tzinfo=ZoneInfo("UTC"))


def item(uid, kind, start, end, all_day=True):
    return SimpleNamespace(uid=uid, kind=kind, title=uid, start=start, end=end, all_day=all_day, location=None,
                           description=f"{uid} 的说明", source_text="", sequence=0, status="confirmed", created=STAMP,
                           last_modified=STAMP)


@pytest.mark.parametrize(("lead", "all_day", "at", "trigger"), [
    (timedelta(days=1), True, time(9), -timedelta(hours=15)),  # 24 h back to midnight, 9 h on
    (timedelta(days=2), True, time(9), -timedelta(days=1, hours=15)),
    (timedelta(hours=2), True, time(9), -timedelta(hours=15)),  # under a day: still the day before
    (timedelta(days=1, hours=1), True, time(9), -timedelta(days=1, hours=15)),  # rounded up to 2 days
    (timedelta(weeks=1), True, time(7, 30), -timedelta(days=6, hours=16, minutes=30)),
    (timedelta(days=1), True, time(0), -timedelta(days=1)),  # midnight on request
    (timedelta(hours=2), False, time(9), -timedelta(hours=2)),  # timed: relative, the hour ignored
    (timedelta(days=1), False, time(9), -timedelta(days=1)),
])
def test_alarm_offset(lead, all_day, at, trigger):
    assert alarm_offset(lead, all_day, at) == trigger


def ring(body: bytes) -> dict[str, datetime]:
    """When each event's alarm fires, local time, computed from the parsed feed: DTSTART (an
    all-day date is local midnight) plus the relative TRIGGER."""
    rings = {}
    for event in icalendar.Calendar.from_ical(body).walk("VEVENT"):
        start = event.decoded("DTSTART")
        if not isinstance(start, datetime):
            start = datetime.combine(start, time(0), TZ)
        (alarm,) = event.walk("VALARM")
        rings[str(event["UID"])] = start.astimezone(TZ) + alarm.decoded("TRIGGER")
    return rings


def test_the_feed_rings_all_day_items_in_the_morning_and_timed_items_before_them(ics_check):
    items = [
        item("closure", "closure", date(2022, 10, 20), date(2022, 10, 31)),
        item("deadline", "deadline", date(2022, 10, 17), date(2022, 12, 25)),  # placed on its due date
        item("meeting", "event", datetime(2022, 10, 22, 14, 30, tzinfo=TZ), datetime(2022, 10, 22, 16, tzinfo=TZ),
             all_day=False),
    ]
    body = render_calendar(items, FeedOptions(alarm=timedelta(days=1)))
    assert ring(body) == {"closure": datetime(2022, 10, 19, 9, 0, tzinfo=TZ),
                          "deadline": datetime(2022, 12, 24, 9, 0, tzinfo=TZ),
                          "meeting": datetime(2022, 10, 21, 14, 30, tzinfo=TZ)}
    early = render_calendar(items, FeedOptions(alarm=timedelta(days=3), alarm_time=time(7, 45)))
    assert ring(early)["deadline"] == datetime(2022, 12, 22, 7, 45, tzinfo=TZ)
    assert ring(early)["meeting"] == datetime(2022, 10, 19, 14, 30, tzinfo=TZ)
    ics_check(body)


@pytest.mark.parametrize(("text", "expected"), [("09:00", time(9)), ("7:30", time(7, 30)), ("23:59", time(23, 59))])
def test_parse_alarm_time(text, expected):
    assert parse_alarm_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "9", "09:60", "nine", "", "０９:００", "1９:0０"])
def test_parse_alarm_time_refuses(text):
    with pytest.raises(InvalidInput, match="HH:MM"):
        parse_alarm_time(text)


def test_the_feed_takes_alarm_at_and_refuses_a_bad_one(client, publish):
    publish("n.txt", dict(uid="road@test", title="龙源路封闭", start=date(2022, 10, 20), end=date(2022, 10, 31)))
    assert b"TRIGGER:-PT15H" in client.get("/calendar.ics?alarm=1d").data
    assert b"TRIGGER:-PT17H30M" in client.get("/calendar.ics?alarm=1d&alarm_at=06:30").data
    assert b"TRIGGER:-PT15H" in client.get("/events/road@test.ics?alarm=1d").data
    bad = client.get("/calendar.ics?alarm=1d&alarm_at=25:00")
    assert bad.status_code == 400 and "alarm_at" in bad.json["message"]
