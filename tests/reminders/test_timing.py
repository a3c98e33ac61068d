"""When reminders go out: anchors, lead days in the subscriber's zone (DST included), quiet hours,
staleness and the retry backoff. Pure functions, no database."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from calendar_service.reminders import timing
from calendar_service.reminders.timing import Quiet

SHANGHAI = ZoneInfo("Asia/Shanghai")


def item(kind="deadline", start=None, end=None):
    return SimpleNamespace(kind=kind, start=start, end=end)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_a_date_only_deadline_holds_until_the_end_of_that_day_in_shanghai():
    anchor = timing.anchor_of(item(end=date(2022, 12, 25)), SHANGHAI)
    assert anchor.day == date(2022, 12, 25) and anchor.due
    assert anchor.stale_at == utc(2022, 12, 25, 16, 0)  # 24:00 in Shanghai
    assert anchor.label == "due:2022-12-25"


@pytest.mark.parametrize("zone, lead, expected", [
    ("Asia/Shanghai", 1, utc(2022, 12, 24, 1, 0)),      # 09:00 +08:00
    ("Asia/Shanghai", 7, utc(2022, 12, 18, 1, 0)),
    ("Europe/London", 1, utc(2022, 12, 24, 9, 0)),      # 09:00 GMT
    ("America/New_York", 1, utc(2022, 12, 24, 14, 0)),  # 09:00 EST, still 22:00 in Shanghai: before the due day
    ("Pacific/Kiritimati", 1, utc(2022, 12, 23, 19, 0)),  # +14:00
    ("Pacific/Pago_Pago", 1, utc(2022, 12, 24, 20, 0)),  # -11:00, still before 16:00Z on the 25th
])
def test_a_date_only_deadline_is_reminded_at_nine_in_the_subscribers_zone(zone, lead, expected):
    anchor = timing.anchor_of(item(end=date(2022, 12, 25)), SHANGHAI)
    at = timing.remind_at(anchor, lead, ZoneInfo(zone), 9)
    assert at == expected and at < anchor.stale_at


def test_daylight_saving_time_moves_the_utc_instant_not_the_local_hour():
    new_york, london = ZoneInfo("America/New_York"), ZoneInfo("Europe/London")
    anchor = timing.anchor_of(item(end=date(2023, 3, 13)), SHANGHAI)  # New York changed on 12 March
    assert timing.remind_at(anchor, 1, new_york, 9) == utc(2023, 3, 12, 13, 0)  # 09:00 EDT
    assert timing.remind_at(anchor, 7, new_york, 9) == utc(2023, 3, 6, 14, 0)  # 09:00 EST
    anchor = timing.anchor_of(item(end=date(2023, 3, 27)), SHANGHAI)  # London changed on 26 March
    assert timing.remind_at(anchor, 1, london, 9) == utc(2023, 3, 26, 8, 0)  # 09:00 BST


def test_other_kinds_are_reminded_of_their_first_day_and_go_stale_when_it_is_over():
    closure = timing.anchor_of(item("closure", date(2022, 10, 20), date(2023, 1, 1)), SHANGHAI)
    assert closure.day == date(2022, 10, 20) and not closure.due and closure.label == "start:2022-10-20"
    assert closure.stale_at == utc(2022, 10, 20, 16, 0)
    assert timing.remind_at(closure, 1, SHANGHAI, 9) == utc(2022, 10, 19, 1, 0)
    assert timing.anchor_of(item("closure", None, date(2023, 1, 1)), SHANGHAI) is None  # no start: nothing to announce
    assert timing.anchor_of(item("deadline", date(2022, 10, 1), None), SHANGHAI) is None  # no due date


def test_a_timed_item_is_anchored_in_its_own_zone_and_stale_at_its_start():
    start = datetime(2022, 10, 20, 8, 30, tzinfo=SHANGHAI)
    anchor = timing.anchor_of(item("event", start, start + timedelta(hours=2)), SHANGHAI)
    assert anchor.day == date(2022, 10, 20) and anchor.stale_at == utc(2022, 10, 20, 0, 30)
    assert anchor.label == "start:2022-10-20T08:30:00+08:00"
    due = datetime(2022, 12, 25, 17, 0, tzinfo=SHANGHAI)
    assert timing.anchor_of(item("deadline", None, due), SHANGHAI).stale_at == utc(2022, 12, 25, 9, 0)


def test_lead_days_default_to_seven_and_one_before_a_deadline_and_the_day_before_the_rest():
    assert timing.leads_for("deadline", None) == (7, 1)
    assert timing.leads_for("closure", None) == (1,)
    assert timing.leads_for("event", []) == (1,)
    assert timing.leads_for("closure", [1, 3, 3]) == (3, 1)


@pytest.mark.parametrize("quiet, hour, expected_local", [
    (Quiet(22 * 60, 7 * 60), 6, datetime(2022, 12, 24, 7, 0)),  # overnight quiet hours end at 07:00
    (Quiet(8 * 60, 10 * 60 + 30), 9, datetime(2022, 12, 24, 10, 30)),
    (Quiet(22 * 60, 7 * 60), 9, datetime(2022, 12, 24, 9, 0)),  # outside: unchanged
    (Quiet(1 * 60, 1 * 60), 1, datetime(2022, 12, 24, 1, 0)),  # empty window
])
def test_quiet_hours_move_a_reminder_to_their_end(quiet, hour, expected_local):
    anchor = timing.anchor_of(item(end=date(2022, 12, 25)), SHANGHAI)
    at = timing.remind_at(anchor, 1, SHANGHAI, hour, quiet)
    assert at == expected_local.replace(tzinfo=SHANGHAI).astimezone(UTC)


def test_quiet_hours_that_span_midnight_end_on_the_next_day():
    late = datetime(2022, 12, 24, 23, 15, tzinfo=SHANGHAI)
    assert timing.out_of_quiet(late, SHANGHAI, Quiet(22 * 60, 7 * 60)) == datetime(2022, 12, 25, 7, 0, tzinfo=SHANGHAI)


def test_retries_wait_longer_each_time_up_to_sixteen_times_the_first_wait():
    waits = [timing.backoff(n, 60).total_seconds() for n in range(1, 8)]
    assert waits == [60, 120, 240, 480, 960, 960, 960]
