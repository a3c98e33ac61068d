"""Dates from mentions: year inference, lists of days, ranges. Every expected value was worked
out by hand from a calendar (weekdays counted from 1 January of the year), not copied from output."""
from datetime import date

from .timex_support import spans

P = date(2022, 10, 18)  # a Tuesday


def test_a_year_less_date_follows_the_notices_last_date():
    # published in January; "8月17日" alone is nearest last August (156 days back, 209 ahead) ...
    assert spans("8月17日", date(2022, 1, 20)) == [("2021-08-17", None)]
    # ... but after the notice has reached June 2022, it is this August
    assert spans("8月17日", date(2022, 1, 20), anchor=date(2022, 6, 1)) == [("2022-08-17", None)]
    # an anchor years away from publication (a law's date) says nothing about the year
    assert spans("8月17日", date(2022, 1, 20), anchor=date(2019, 6, 1)) == [("2021-08-17", None)]
    # nor does one of last January in a December notice: "1月5日起" is the coming January
    assert spans("1月5日起停水", date(2022, 12, 20), anchor=date(2022, 1, 1)) == [("2023-01-05", None)]


def test_listed_nights_share_hours_that_end_the_next_day():
    assert spans("10月24日、26日晚上11时至翌日早上6时封闭", P) == [
        ("2022-10-24T23:00", "2022-10-25T06:00"), ("2022-10-26T23:00", "2022-10-27T06:00")]
    # a stray comma before 、 and "两天的" before the hours
    assert spans("11月2日,、3日两天的22时至次日凌晨2时停电", P) == [
        ("2022-11-02T22:00", "2022-11-03T02:00"), ("2022-11-03T22:00", "2022-11-04T02:00")]


def test_a_weekday_before_a_bracketed_date_and_days_without_their_own_ri():
    # 2022-10-23 is a Sunday
    assert spans("星期日(十月二十三日)、二十五及二十七日晚上十时至翌日早上五时", P) == [
        ("2022-10-23T22:00", "2022-10-24T05:00"), ("2022-10-25T22:00", "2022-10-26T05:00"),
        ("2022-10-27T22:00", "2022-10-28T05:00")]


def test_the_last_listed_day_may_open_a_range():
    assert spans("10月20日、10月25日至27日延长运营", P) == [
        ("2022-10-20", "2022-10-20"), ("2022-10-25", "2022-10-27")]


def test_consecutive_listed_days_are_one_span_unless_taken_one_by_one():
    assert spans("10月26日、27日返校注册", P) == [("2022-10-26", "2022-10-27")]
    assert spans("11月7、8、9日举行考试", P) == [("2022-11-07", "2022-11-09")]
    assert spans("10月26日、28日返校注册", P) == [("2022-10-26", "2022-10-26"), ("2022-10-28", "2022-10-28")]
    # working days of a holiday arrangement, and days split "分时段", stay one by one
    assert spans("10月29日、30日上班", P) == [("2022-10-29", "2022-10-29"), ("2022-10-30", "2022-10-30")]
    assert spans("10月29日、30日分时段停电", P) == [("2022-10-29", "2022-10-29"), ("2022-10-30", "2022-10-30")]


def test_january_written_yuanyue():
    assert spans("元月8日9:00至17:00停水", date(2023, 1, 3)) == [("2023-01-08T09:00", "2023-01-08T17:00")]


def test_days_of_a_named_month():
    assert spans("本月25日9:00至26日9:00停水", P) == [("2022-10-25T09:00", "2022-10-26T09:00")]
    assert spans("下月3日起施行", P) == [("2022-11-03", None)]


def test_a_day_without_ri_before_a_range_or_a_list():
    assert spans("11月30~12月2日停诊", P) == [("2022-11-30", "2022-12-02")]
    assert spans("11月5—8日:8:30—16:00", P)[0] == ("2022-11-05", "2022-11-08")
    assert spans("2022年11月26-27日每天06:00-18:00停电", P) == [("2022-11-26", "2022-11-27")]


def test_dates_that_lost_their_nian_and_yue():
    assert spans("2022 11 12 日起停课", P) == [("2022-11-12", None)]
    assert spans("11 14 日至 15 日 补考", P) == [("2022-11-14", "2022-11-15")]
    assert spans("2022年1105日起降压供水", P) == [("2022-11-05", None)]
    assert spans("申报期限延长至1115日", P) == [("2022-11-15", None)]
    assert spans("申报期限延长至115日", P) == []  # 1月15日 or 11月5日: not guessed


def test_a_glued_date_stands_only_when_its_weekday_agrees():
    # 2022-09-15 is a Thursday
    assert spans("915(周四)20时至16日(周五)10时停水", date(2022, 9, 10)) == [
        ("2022-09-15T20:00", "2022-09-16T10:00")]
    assert spans("915(周五)20时停水", date(2022, 9, 10)) == []


def test_a_range_that_lost_its_connector():
    assert spans("从11月4日11月30图书馆闭馆", P) == [("2022-11-04", "2022-11-30")]


def test_tonight_and_the_small_hours():
    assert spans("今晚11点至下半夜3点系统升级", P) == [("2022-10-18T23:00", "2022-10-19T03:00")]
    assert spans("昨凌晨5时许水管爆裂", P) == [("2022-10-17T05:00", "2022-10-17")]
    assert spans("预计明早8时恢复", P) == [("2022-10-19T08:00", None)]


def test_a_weekday_corrects_an_obvious_year_slip_and_the_conflict_stays_noted():
    from calendar_service.extract.mentions import find_mentions
    from calendar_service.extract.resolve import resolve_mention

    # 2021-11-07 was a Sunday; 2022-11-07 is a Monday, three weeks after publication
    (m,) = find_mentions("2021年11月7日(星期一)停电")
    (s,) = resolve_mention(m, P, None)
    assert (str(s.start.day), s.start.weekday_conflict) == ("2022-11-07", True)
    # 2022-03-07 is a Monday too, but seven months before publication: not an obvious slip
    (m,) = find_mentions("2021年3月7日(星期一)停电")
    (s,) = resolve_mention(m, P, None)
    assert (str(s.start.day), s.start.weekday_conflict) == ("2021-03-07", True)


def test_a_bare_weekday_that_names_a_day_of_the_coming_week():
    # published on Tuesday 18 October 2022: Thursday is the 20th, Friday the 21st
    assert spans("由星期四晚九时开始封闭", P) == [("2022-10-20T21:00", None)]
    assert spans("将于星期五及星期六凌晨二时至早上五时间歇封闭", P) == [
        ("2022-10-21T02:00", "2022-10-21T05:00"), ("2022-10-22T02:00", "2022-10-22T05:00")]
    # weekly hours are not dates
    assert spans("逢星期一至五上午9时至下午5时办理", P) == []
    assert spans("于星期一至星期五上午9时至下午5时办理", P) == []


def test_a_day_of_the_month_with_its_weekday():
    # 22 October 2022 is a Saturday, 22 November a Tuesday: the weekday picks the month
    assert spans("登记于周六(22日)截止", P, anchor=date(2022, 11, 5)) == [("2022-10-22", None)]
    assert spans("须在下周一(24日)或之前上载", P) == [("2022-10-24", None)]
    assert spans("于上周四(13日)举行", P) == [("2022-10-13", None)]


def test_a_due_date_moved_in_brackets_is_the_date_that_holds():
    assert spans("申报期限至五月十五日(遇节假日顺延至五月十七日)止", date(2023, 4, 20)) == [("2023-05-17", None)]


def test_a_count_of_days_is_not_a_day_of_the_month():
    assert spans("每逾缴费期限五日加收滞纳金", P) == []
    assert spans("公示为期五日", P) == []


def test_a_start_time_without_an_end_runs_to_the_end_of_that_day():
    # the annotation convention: the start keeps its time, the end is the date
    assert spans("10月20日晚7:30举行音乐会", P) == [("2022-10-20T19:30", "2022-10-20")]
    # ... unless the time opens something longer
    assert spans("10月20日12时起暂停办理", P) == [("2022-10-20T12:00", None)]


def test_a_time_inside_the_bracket_of_jiri():
    from calendar_service.extract.mentions import find_mentions

    (m,) = find_mentions("即日(2022年10月19日上午10时)起暂停开放")
    assert "open_start" in m.markers
    assert spans("即日(2022年10月19日上午10时)起暂停开放", P) == [("2022-10-19T10:00", None)]


def test_an_end_at_23_59_is_the_end_of_that_day():
    from calendar_service.extract.resolve import END_OF_DAY, resolve_mention
    from calendar_service.extract.mentions import find_mentions

    (m,) = find_mentions("申报时间延迟至2022年11月11日23:59")
    assert resolve_mention(m, P, None)[0].start.at == END_OF_DAY
    (m,) = find_mentions("10月20日9:00至10月25日23:59开放申报")
    assert resolve_mention(m, P, None)[0].end.at == END_OF_DAY


def test_a_date_far_from_the_last_one_takes_the_year_nearest_publication():
    # after "当年10月10日至次年4月10日" a reporter's "10月7日" (published 2019-10-08) is the day
    # before; dates that run on closely still take the year of the last one
    assert spans("供热期为当年10月10日至次年4月10日。10月7日,记者获悉", date(2019, 10, 8))[-1] == ("2019-10-07", None)
    assert spans("2015年4月20日前申报;8月17日前申报", date(2014, 12, 30))[-1] == ("2015-08-17", None)
