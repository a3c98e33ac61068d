"""Tokens of the scanner: forms read and forms deliberately left alone."""
from datetime import date

import pytest

from .timex_support import spans

from calendar_service.extract.mentions import find_mentions
from calendar_service.extract.normalise import analysis_text
from calendar_service.extract.timex import scan


def test_days_of_the_lunar_new_year():
    # 正月初一 fell on 22 January 2023 and on 10 February 2024
    assert spans("年初一(22日)晚上7时举行灯会", date(2023, 1, 10)) == [("2023-01-22T19:00", "2023-01-22")]
    assert spans("除夕16时闭馆", date(2024, 2, 1)) == [("2024-02-09T16:00", "2024-02-09")]
    assert spans("即日起至元宵节免费乘车", date(2024, 2, 1)) == [("2024-02-01", "2024-02-24")]
    assert spans("正月初八起恢复办公", date(2024, 2, 1)) == [("2024-02-17", None)]


def test_words_that_only_look_lunar():
    assert scan("今年年初一些企业反映") == []


def test_that_day_from_which_something_starts():
    # 当日 right before 起 is the day just named
    assert spans("1月23日启动,乘车优惠由当日起至1月30日", date(2024, 1, 20)) == [
        ("2024-01-23", None), ("2024-01-23", "2024-01-30")]


def test_an_open_start_at_an_hour_ended_by_a_reopening_is_that_day():
    ms = find_mentions("3月5日晚上7时45分起临时封闭,禁止车辆驶入,直至道路重开。")
    assert "to_the_end" in ms[0].markers
    ms = find_mentions("3月5日起临时封闭,直至道路重开。")  # days, not hours: open-ended
    assert "to_the_end" not in ms[0].markers


@pytest.mark.parametrize("written", ["二〇一一年九月二十九日", "二○一一年九月二十九日", "二O一一年九月二十九日",
                                     "二0一一年九月二十九日"])
def test_a_zero_written_as_a_circle_a_letter_or_an_arabic_digit_between_numerals(written):
    """A signature date typed with whatever zero was at hand is still 29 September 2011."""
    toks = scan(analysis_text(written))
    assert [(t.year, t.month, t.day) for t in toks] == [(2011, 9, 29)]


def test_an_arabic_zero_beside_arabic_digits_is_left_alone():
    toks = scan(analysis_text("2011年10月8日"))
    assert [(t.year, t.month, t.day) for t in toks] == [(2011, 10, 8)]


def test_the_era_name_of_a_taiwan_date_belongs_to_the_date():
    (tok, *_) = scan(analysis_text("民國113年11月2日(星期六)晚間10時"))
    assert (tok.start, tok.year, tok.month, tok.day) == (0, 2024, 11, 2)


def test_a_slash_date_after_a_fields_colon_is_a_date():
    # "停水時間：11/29 09:00-16:00" (Taiwan): the colon of a label, not of a time before it
    toks = [(t.form, t.month, t.day) for t in scan("停水时间:11/29 09:00-16:00") if t.form != "time"]
    assert toks == [("full", 11, 29)]
    assert [t.form for t in scan("12:11/29")].count("full") == 0


def test_bare_days_of_the_new_year_near_a_lunar_day_are_lunar_days():
    days = [(t.form, t.day) for t in scan("中医科除夕、初一、初二休息,初三至初六正常开诊")]
    assert days == [("lunar", -1), ("lunar", 0), ("lunar", 1), ("lunar", 2), ("lunar", 5)]
    # alone, 初一 and 初二 are school years
    assert scan("初一、初二学生下周返校") == []


@pytest.mark.parametrize("text", ["华山学生宿舍1-3、12-19栋和24栋停电", "1/3层暂停开放", "工程实践中心1-12号楼停电"])
def test_a_counted_range_is_no_month_and_day(text):
    assert spans(text, date(2020, 6, 22)) == []


def test_a_hyphenated_month_and_day_is_still_a_date():
    assert spans("新华小区12-19停电", date(2020, 12, 1)) == [("2020-12-19", None)]


@pytest.mark.parametrize("blanks", [" ", "  ", " \t ", " " * 300])
def test_an_hour_is_read_whatever_the_blanks_before_and_inside_it(blanks):
    # a table copied as text pads its cells with blanks: the hour is the same, and the blanks are
    # never given back to be retried (a run of 300 cost the scanner seconds per position)
    (tok,) = scan(f"停水时间{blanks}上午{blanks}9{blanks}时")
    assert (tok.form, tok.hour, tok.day_period) == ("time", 9, "上午")


@pytest.mark.parametrize("blanks", [" ", " " * 300, "\t" * 300])
def test_what_an_hour_starts_is_read_across_the_blanks_of_a_padded_cell(blanks):
    from calendar_service.extract import extract

    # (the 起 of a padded cell lies past the words a date is read with: that day's stop, not an
    # open one; the point is that it is read at all, and at once)
    (event,) = extract(f"自10月20日9:00{blanks}起暂停办理业务。", date(2022, 10, 18))
    assert (event.kind.value, event.start.isoformat()) == ("service_change", "2022-10-20T09:00:00+08:00")


@pytest.mark.parametrize("text,hour", [
    ("每日上午10时至下午4时期间临时封闭", 16),   # 时 then 期间: an hour, then "during"
    ("下午4时期间暂停服务", 16),
])
def test_an_hour_before_qijian_is_an_hour(text, hour):
    assert [t.hour for t in scan(text) if t.form == "time"][-1] in (hour, hour - 12)


def test_shiqi_of_an_era_is_no_hour():
    assert [t for t in scan("在这一时期,人民路多次改造") if t.form == "time"] == []


@pytest.mark.parametrize("text,day", [
    ("台湾自来水公司宣布今(12)日部分地区停水", 12),
    ("明(10)日起实施计划性停水", 10),
    ("昨(11日)发生管线破裂", 11),
])
def test_the_day_of_jin_ming_zuo_in_brackets(text, day):
    # Taiwan's papers write the date of 今/明/昨 in brackets: that day of the month
    assert [(t.form, t.day) for t in scan(text) if t.form == "day"] == [("day", day)]


def test_geri_of_rationing_is_every_other_day():
    # "隔日供水": water every other day, not the next day
    assert [t for t in scan("自7月1日起,城区实行隔日供水") if t.form == "rel"] == []
    assert [t.rel for t in scan("晚间22时至隔日凌晨2时停水") if t.form == "rel"] == ["隔日"]


def test_a_range_of_doors_is_no_range_of_days():
    # "屯兴路1号至20号": house numbers; "12月1号至20号" is days
    assert [t for t in scan("屯门屯兴路1号至20号一带暂停食水供应") if t.form == "day"] == []
    assert [t.day for t in scan("12月1号至20号停水") if t.form in ("day", "full")] == [1, 20]


def test_the_old_characters_for_twenty_and_thirty():
    from calendar_service.extract.numerals import to_int
    assert (to_int("廿"), to_int("廿八"), to_int("卅"), to_int("卅一")) == (20, 28, 30, 31)


def test_a_day_after_估计_or_预计_is_a_day_and_after_共计_a_count():
    assert [t.day for t in scan("估计8日晚上8点后全面恢复供电") if t.form == "day"] == [8]
    assert [t.day for t in scan("预计8日恢复") if t.form == "day"] == [8]
    assert [t for t in scan("全年共计8日停电") if t.form == "day"] == []


def test_a_list_number_flattened_onto_the_month_it_heads():
    from calendar_service.extract import extract
    text = "通告\n16月20日9时至18时人民路封闭施工;\n26月21日9时至18时和平路封闭施工;\n11月20日中山路封闭施工。\n"
    got = [(e.start.isoformat()[:10], e.location) for e in extract(text, date(2022, 6, 10))]
    # 16月 and 26月 are no months: item 1 on 6月20日, item 2 on 6月21日; 11月 is November
    assert got == [("2022-06-20", "人民路"), ("2022-06-21", "和平路"), ("2022-11-20", "中山路")]


def test_a_range_of_buildings_is_no_range_of_days():
    assert [t for t in scan("因管道维修,7至11号公寓楼明日停水") if t.form == "day"] == []
