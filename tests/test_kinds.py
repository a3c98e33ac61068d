"""kinds.py: what a kind means, in one place."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from calendar_service import kinds
from calendar_service.kinds import CATEGORIES, KINDS, OPEN_ENDED_DAYS, Category, Kind

TODAY = date(2022, 10, 18)
D = date(2022, 12, 25)


def test_every_kind_and_category_has_a_meaning_of_its_own():
    assert set(KINDS) == set(Kind) and set(CATEGORIES) == set(Category) and len(Category) == 14
    for table in (KINDS, CATEGORIES):
        assert len({m.label for m in table.values()}) == len(table)
        assert all(m.colour.startswith("#") and len(m.colour) == 7 for m in table.values())


def test_labels_and_names_read_strings_and_members_alike():
    assert kinds.label("closure") == kinds.label(Kind.CLOSURE) == "封闭"
    assert kinds.name(Kind.DEADLINE) == "办理截止"
    assert kinds.label("unknown") == "unknown"  # shown as itself rather than failing a page


@pytest.mark.parametrize(("kind", "start", "end", "placed"), [
    (Kind.DEADLINE, date(2022, 10, 17), D, D),  # a due item on its due date
    (Kind.DEADLINE, None, D, D),
    (Kind.DEADLINE, date(2022, 10, 17), None, date(2022, 10, 17)),  # no due date known: its start
    (Kind.CLOSURE, date(2022, 10, 18), D, date(2022, 10, 18)),  # anything else on its first day
    (Kind.SERVICE_CHANGE, date(2022, 10, 17), None, date(2022, 10, 17)),
    (Kind.PERIOD, None, D, D),  # only an end is known
    (Kind.EVENT, None, None, None),
])
def test_the_day_an_item_is_placed_on(kind, start, end, placed):
    assert kinds.placed_on(kind, start, end) == placed
    assert kinds.due_date(kind, end) == (end if kind == Kind.DEADLINE else None)


def test_timed_items_count_their_local_day():
    evening = datetime(2022, 10, 17, 23, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert kinds.local_day(evening) == date(2022, 10, 17)
    assert not kinds.is_current(Kind.EVENT, evening, evening, TODAY)


@pytest.mark.parametrize(("kind", "start", "end", "current"), [
    (Kind.CLOSURE, date(2022, 10, 1), TODAY, True),  # its last day is today
    (Kind.CLOSURE, date(2022, 10, 1), date(2022, 10, 17), False),
    (Kind.SERVICE_CHANGE, date.fromordinal(TODAY.toordinal() - OPEN_ENDED_DAYS), None, True),
    (Kind.SERVICE_CHANGE, date.fromordinal(TODAY.toordinal() - OPEN_ENDED_DAYS - 1), None, False),
    (Kind.DEADLINE, date(2022, 10, 17), None, False),  # a deadline without a due date is never current
    (Kind.EVENT, None, None, False),
])
def test_when_an_item_is_current(kind, start, end, current):
    assert kinds.is_current(kind, start, end, TODAY) is current
