"""Dates and countdowns in the words a resident reads."""
from __future__ import annotations

from datetime import date

import pytest

from calendar_service.chinese import countdown, span


@pytest.mark.parametrize(("start", "end", "text"), [
    (date(2022, 10, 18), date(2023, 1, 1), "2022年10月18日(周二)至2023年1月1日"),
    (date(2022, 10, 18), date(2022, 12, 25), "2022年10月18日(周二)至12月25日"),
    (date(2022, 10, 17), None, "2022年10月17日(周一)起"),
    (date(2022, 9, 15), date(2022, 9, 15), "2022年9月15日(周四)"),
    (None, date(2022, 12, 25), "2022年12月25日(周日)截止"),
])
def test_dates_read_as_chinese(start, end, text):
    assert span(start, end) == text


@pytest.mark.parametrize(("kind", "start", "end", "text"), [
    ("deadline", date(2022, 10, 18), date(2022, 12, 25), "还剩 68 天"),
    ("deadline", None, date(2022, 10, 18), "今天截止"),
    ("deadline", None, date(2022, 10, 17), "已截止"),
    ("closure", date(2022, 10, 20), date(2022, 10, 21), "2 天后开始"),
    ("closure", date(2022, 10, 1), date(2022, 10, 18), "今天结束"),
    ("service_change", date(2022, 10, 17), None, "进行中"),
])
def test_countdowns(kind, start, end, text):
    assert countdown(kind, start, end, date(2022, 10, 18)).text == text
