"""The month grid's layout, worked out by hand on October 2022 (Saturday the 1st, Monday the 31st)."""
from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from calendar_service.web.month_grid import LANES, grid_days, month_grid

TZ = ZoneInfo("Asia/Shanghai")


def item(uid, start, end, kind="closure"):
    return SimpleNamespace(uid=uid, kind=kind, start=start, end=end)


def bars(weeks):
    return {(n, b.event.uid): (b.column, b.width, b.lane, b.starts, b.ends) for n, w in enumerate(weeks) for b in w.bars}


def test_october_2022_runs_from_monday_26_september_to_sunday_6_november():
    assert grid_days(2022, 10) == (date(2022, 9, 26), date(2022, 11, 6))
    weeks = month_grid(2022, 10, [])
    assert len(weeks) == 6 and weeks[0].days[5] == date(2022, 10, 1) and weeks[5].days[0] == date(2022, 10, 31)


def test_a_span_is_one_bar_per_week_clipped_at_the_weeks_edges():
    # Tue 18 Oct .. 1 Jan: week 4 (17-23) from Tuesday (column 2) for 6 days, then whole weeks
    weeks = month_grid(2022, 10, [item("longyuan", date(2022, 10, 18), date(2023, 1, 1))])
    assert bars(weeks) == {(3, "longyuan"): (2, 6, 1, True, False), (4, "longyuan"): (1, 7, 1, False, False),
                           (5, "longyuan"): (1, 7, 1, False, False)}


def test_a_deadline_is_drawn_on_its_due_date_only_and_a_timed_item_on_its_local_days():
    weeks = month_grid(2022, 10, [
        item("fee", date(2022, 10, 1), date(2022, 10, 25), kind="deadline"),  # Tuesday 25th
        item("fair", datetime(2022, 10, 15, 9, tzinfo=TZ), datetime(2022, 10, 16, 17, tzinfo=TZ), kind="event"),
    ])
    assert bars(weeks) == {(4, "fee"): (2, 1, 1, True, True), (2, "fair"): (6, 2, 1, True, True)}


def test_an_open_ended_item_runs_to_the_grids_end_drawn_open():
    weeks = month_grid(2022, 10, [item("hall", date(2022, 10, 17), None, kind="service_change")])
    drawn = [b for w in weeks for b in w.bars]
    assert [(b.column, b.width) for b in drawn] == [(1, 7), (1, 7), (1, 7)]  # weeks of 17, 24, 31 Oct
    assert all(b.open_ended and not b.ends for b in drawn)


def test_bars_share_lanes_when_they_do_not_overlap_and_the_rest_are_counted():
    same_day = [item(f"d{n}", date(2022, 10, 12), date(2022, 10, 12)) for n in range(LANES + 2)]
    later = item("later", date(2022, 10, 14), date(2022, 10, 14))
    weeks = month_grid(2022, 10, [*same_day, later])
    week = weeks[2]  # 10..16 October
    assert sorted(b.lane for b in week.bars if b.event.uid.startswith("d")) == list(range(1, LANES + 1))
    assert next(b for b in week.bars if b.event.uid == "later").lane == 1  # lane 1 is free on Friday
    assert week.more == {date(2022, 10, 12): 2}


def test_items_outside_the_grid_are_left_out():
    weeks = month_grid(2022, 10, [item("sept", date(2022, 9, 1), date(2022, 9, 25)),
                                  item("dec", date(2022, 12, 1), date(2022, 12, 3))])
    assert bars(weeks) == {}
