"""What the public pages read: the items current on a day, in the order of the day they are placed
on, agreeing with kinds.py's own reading of the same rules; a notice's name."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from calendar_service.kinds import OPEN_ENDED_DAYS, Kind, is_current, local_day, placed_on
from calendar_service.store import save_notice
from calendar_service.store.listing import kind_counts, notice_title, upcoming

from .support import SHANGHAI, T0, draft, event


def test_a_newspaper_page_is_named_by_its_own_heading_line_else_by_its_first_article_and_their_number():
    assert notice_title("九江日报  2022年8月16日  星期二  第3版  城事\n\n# 甲\n正文\n# 乙\n", "k") == \
        "九江日报 2022年8月16日 星期二 第3版 城事 · 2 篇"
    assert notice_title("# 甲\n正文\n# 乙\n", "k") == "甲 等 2 篇"
    assert notice_title("芜湖日报 2025年12月16日\n\n# 缴费进入倒计时\n正文", "k") == "缴费进入倒计时"  # one article
    assert notice_title("关于封闭施工的通告\n\n正文", "k") == "关于封闭施工的通告"
    assert notice_title("", "k") == "k"


TODAY = date(2022, 10, 18)
DAYS = [None, *(TODAY + timedelta(days=n) for n in (-120, -OPEN_ENDED_DAYS - 1, -OPEN_ENDED_DAYS, -1, 0, 1, 6, 30))]


def grid() -> list:
    """An item of every kind for every order of start and end around TODAY (and a few timed ones)."""
    made = []
    for kind in Kind:
        for start in DAYS:
            for end in DAYS:
                if (start is None and end is None) or (start and end and end < start):
                    continue
                made.append(event(f"{kind}:{start}:{end}", kind=kind, start=start, end=end))
        at = datetime(2022, 10, 18, 9, tzinfo=SHANGHAI)
        made.append(event(f"{kind}:timed", kind=kind, all_day=False, start=at - timedelta(days=2), end=at))
    return made


def test_current_items_are_exactly_those_kinds_py_calls_current_in_the_order_of_their_day(db):
    items = grid()
    published = TODAY - timedelta(days=400)  # older than every start: the start decides
    save_notice(db, draft(published=published), items, now=T0)
    listed, total = upcoming(db, TODAY, limit=len(items))
    current = {e.uid for e in items if is_current(e.kind, e.start, e.end, TODAY, confirmed=published)}
    assert {e.uid for e in listed} == current and total == len(current)
    days = [max(local_day(placed_on(e.kind, e.start, e.end)), TODAY) for e in listed]
    assert days == sorted(days)
    counts = kind_counts(db, TODAY)
    assert counts == {kind: n for kind in Kind if (n := sum(e.uid.startswith(f"{kind}:") for e in listed))}
