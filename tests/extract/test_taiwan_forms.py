"""Forms of Taiwan's notices (traditional characters, the Republic's years), modelled on venue and
network notices read on public pages. Expected values worked out by hand from the calendar."""
from datetime import date

import pytest

from calendar_service.extract import Category, extract


def _only(text, published):
    events = extract(text, published)
    assert len(events) == 1, [e.to_json() for e in events]
    return events[0].to_json()


@pytest.mark.parametrize("text", [
    # 105 + 1911 = 2016; 26 December 2016 was a Monday (一), the 30th a Friday (五)
    "105/12/26(一)-12/30(五) 國美館因設備更新暫時休館",
    "105.12.26(一)-12/30(五) 國美館因設備更新暫時休館",
    # a range's end after a dash, without the year
    "12/26-12/30 國美館因設備更新暫時休館",
])
def test_a_republic_year_with_slashes_and_a_dashed_end(text):
    got = _only(text, date(2016, 12, 22))
    assert (got["kind"], got["start"], got["end"]) == ("closure", "2016-12-26", "2016-12-30")


def test_a_republic_date_with_slashes_starts_a_span_on_its_own_day():
    # 115/01/05 is 5 January 2026 (a Monday), not the publication date
    got = _only("115/01/05(一)~02/06(五)本館暫停開放。", date(2025, 12, 30))
    assert (got["start"], got["end"]) == ("2026-01-05", "2026-02-06")


def test_網路_is_the_network_and_no_road():
    got = _only("12月20日上午8時至10時,本校對外網路將會中斷服務。", date(2016, 12, 12))
    assert got["kind"] == "closure"
    assert got["category"] == Category.NETWORK.value
    assert got["location"] is None
    assert (got["start"], got["end"]) == ("2016-12-20T08:00:00+08:00", "2016-12-20T10:00:00+08:00")


def test_a_date_set_in_quotes_is_read_as_a_date():
    got = _only("通告\n配合工程施工,中山路自114年2月8日起封閉,延長至「114年4月30日(星期三)」止。\n", date(2025, 2, 1))
    assert (got["kind"], got["start"], got["end"]) == ("closure", "2025-02-08", "2025-04-30")


def test_tomorrow_with_its_day_in_chinese_numerals_in_brackets():
    # Macao writes 明(十四)日; published Friday 13 September 2024
    got = _only("通告\n市政署將於明(十四)日上午9時至12時在議事亭前地舉辦活動。\n", date(2024, 9, 13))
    assert (got["start"], got["end"]) == ("2024-09-14T09:00:00+08:00", "2024-09-14T12:00:00+08:00")
