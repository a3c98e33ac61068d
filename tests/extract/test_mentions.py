"""How time tokens group into mentions: ranges through 首班车/末班车, service hours that are not
dates, markers. Expected values worked out by hand."""
from datetime import date

import pytest

from .timex_support import spans

from calendar_service.extract.mentions import find_mentions

P = date(2024, 9, 25)
JUNE = date(2025, 6, 1)


def test_first_and_last_trains_bound_a_range_of_days():
    assert spans("2024年11月30日首班车起至12月7日末班车止,东门站封站", P) == [("2024-11-30", "2024-12-07")]
    # daily hours from the first train on do not make the span timed
    assert spans("11月1日至5日,每日首班车起至20时止,两站封站", P) == [("2024-11-01", "2024-11-05")]


def test_first_train_to_last_train_is_that_day():
    (m,) = find_mentions("2024年11月30日首班车起至末班车止,南门站封站")
    assert "to_the_end" in m.markers


def test_from_the_first_train_on_is_an_open_start():
    (m,) = find_mentions("11月30日首班车起至另有通知时止,北侧出入口封闭")
    assert "open_start" in m.markers


def test_new_hours_of_a_service_are_not_dates():
    assert spans("11月6日至8日,西站开门运营时间提前至5:30。", P) == [("2024-11-06", "2024-11-08")]
    assert spans("11月6日、8日,东站末班车时间延长至次日1:00。", P) == [
        ("2024-11-06", "2024-11-06"), ("2024-11-08", "2024-11-08")]


def test_the_same_day_of_each_listed_month():
    assert spans("2023年3月、6月、9月的纳税申报期限均为当月15日。", date(2023, 1, 10)) == [
        ("2023-03-15", "2023-03-15"), ("2023-06-15", "2023-06-15"), ("2023-09-15", "2023-09-15")]


def test_opening_normally_again_ends_a_closure():
    first, second = find_mentions("定于3月2日18时闭馆,3月3日9时正常开馆。")
    assert "reopen" in second.markers and "reopen" not in first.markers


def test_weekdays_that_gloss_a_whole_list_are_not_pinned_on_its_last_day():
    (m,) = find_mentions("将于十月二十二日及二十三日(星期六及星期日)举行开放日")
    assert [u.weekday for u in m.units] == [None, None]
    (m,) = find_mentions("10月22日、23日(周六、日)举行")
    assert [u.weekday for u in m.units] == [None, None]
    (m,) = find_mentions("10月22日(周六)举行")
    assert m.first.weekday.weekday == 5


def test_the_same_day_after_a_span_is_each_of_its_days():
    """'当日凌晨1:00至6:00' after a span gives the hours of every night, not a closure on its last day."""
    (m,) = find_mentions("雁滩黄河大桥2021年9月26日—2021年10月1日,当日凌晨1:00至6:00,其他时间段通行正常。")
    assert m.kind == "range" and m.daily is not None
    assert spans("雁滩黄河大桥2021年9月26日—2021年10月1日,当日凌晨1:00至6:00,其他时间段通行正常。", P) == [
        ("2021-09-26", "2021-10-01")]


def test_until_further_notice_is_part_of_an_open_start():
    (m,) = find_mentions("9月30日首班车起至另有通知时止,王府井站西侧出入口封闭。")
    assert "open_start" in m.markers and m.end == len("9月30日首班车起至另有通知时止")


def test_a_start_moved_earlier_is_a_start_not_an_until():
    first, second = find_mentions("森林重点防火期起始时间提前到2016年9月1日,至2017年4月30日结束。")
    assert "until" not in first.markers and "open_start" in first.markers
    from calendar_service.extract import extract
    (event,) = extract("森林重点防火期起始时间提前到2016年9月1日,至2017年4月30日结束。", date(2016, 9, 20))
    assert (str(event.start), str(event.end)) == ("2016-09-01", "2017-04-30")


def test_a_day_whose_timetable_is_followed_is_no_day_of_its_own():
    (_, _, ref) = find_mentions("9月19日-21日放假,9月18日(星期六)上班,上9月20日(星期一)的课程。")
    assert "schedule_of" in ref.markers
    (_, ref) = find_mentions("1月4日(周日)正常上课,教学单位按照1月2日(周五)课程安排上课。")
    assert "schedule_of" in ref.markers


def test_a_day_of_normal_opening_changes_nothing():
    (m,) = find_mentions("三、2月22日(农历初七)全馆正常开放服务。")
    assert "as_usual" in m.markers
    (m,) = find_mentions("10月9日全馆恢复正常开放。")
    assert "as_usual" in m.markers
    (m,) = find_mentions("1月26日起恢复正常开馆。")  # a reopening, which may end a closure: not 'as usual'
    assert "reopen" in m.markers and "as_usual" not in m.markers


def test_supply_back_after_repairs_is_a_reopening():
    (m,) = find_mentions("预计今晚7时才能抢修完成恢复供气。")
    assert "reopen" in m.markers
    (m,) = find_mentions("逾2千户停气今晚7时复气")
    assert "reopen" in m.markers


def test_an_age_cutoff_names_who_not_when():
    (m,) = find_mentions("男青年征集年龄为2018年12月31日前年满18—22周岁。")
    assert "born" in m.markers


def test_before_a_day_for_a_reward_is_a_deadline_and_already_done_is_who():
    (m,) = find_mentions("2024年9月1日之前缴纳采暖的,领取一袋高精面粉。")
    assert "conditional" not in m.markers and "due" in m.markers
    (m,) = find_mentions("5月13日前已提交申请的,无需重复提交。")
    assert "conditional" in m.markers


def test_a_date_given_as_the_reason_for_another_is_no_item():
    ms = find_mentions("因4月4日—6日清明节放假3天,且18日是法定休假日(星期六),因此4月份的纳税申报期限顺延至4月20日。")
    assert ["reason" in m.markers for m in ms] == [True, True, False, False]  # 4月份, then the new due date
    # a reason without a 'therefore' is the item's own background, not another date's
    (m,) = find_mentions("因道路施工,10月1日起人民路封闭。")
    assert "reason" not in m.markers


def test_two_windows_of_hours_in_a_day_are_the_days_themselves():
    # a morning and an afternoon window: the day (or days) whole, never the morning alone
    assert spans("6月7日8:00—12:00和14:00—17:30,对人民路实行交通管制", JUNE) == [("2025-06-07", "2025-06-07")]
    assert spans("6月22日:上午07:00—11:30 下午13:00—16:30,人民路停电", JUNE) == [("2025-06-22", "2025-06-22")]
    assert spans("6月7日、8日8:30-11:30、14:30-17:00,人民路禁止车辆通行", JUNE) == [("2025-06-07", "2025-06-08")]
    assert spans("6月7日-6月8日8:00至12:00,14:00至18:00,人民路交通管制", JUNE) == [("2025-06-07", "2025-06-08")]


def test_one_window_and_a_later_hour_keep_the_window():
    # 14:00 says when it is over, no second window
    assert spans("6月7日8:00—12:00人民路停电,14:00起恢复", JUNE)[0] == ("2025-06-07T08:00", "2025-06-07T12:00")


def test_an_age_cutoff_with_its_day_repeated_in_brackets_says_whom():
    for text in ("户籍在本区且2024年8月31日前(含8月31日)年满六周岁的适龄儿童", "2022年8月31日(含8月31日)前年满6周岁的适龄儿童"):
        assert "born" in find_mentions(text)[0].markers


def test_an_age_cutoff_does_not_carry_its_year_to_the_dates_after_it():
    # published in March 2024: the 22nd of March is this March, not next year's
    from calendar_service.extract import extract
    [e] = extract("截至2024年12月31日不满15周岁的儿童,请于3月22日起至3月底之前进行摸底调查登记。", date(2024, 3, 26))
    assert (e.start.isoformat(), e.end.isoformat()) == ("2024-03-22", "2024-03-31")


def test_an_event_put_off_to_a_day_is_held_that_day_and_an_extension_lasts_until_it():
    from calendar_service.extract import extract
    text = "通知\n原訂25日舉辦的活動,「夏日爵士咖啡饗宴」活動延至8月26日晚上7時30分,在國家戲劇院交誼廳舉行。\n"
    [e] = extract(text, date(2024, 7, 24))
    assert e.start.isoformat() == "2024-08-26T19:30:00+08:00" and e.end.date() == date(2024, 8, 26)
    assert not e.title.endswith("延")
    [e] = extract("通知\n优惠券有效期延至2024年12月31日。\n", date(2024, 7, 24))
    assert (e.start.isoformat(), e.end.isoformat()) == ("2024-07-24", "2024-12-31")
    # a closure's time put off (延期至) is extended until the new day
    (m, _) = find_mentions("封闭时间将延期至明年1月底,原定11月19日恢复通车")
    assert "until" in m.markers


def test_from_an_hour_to_the_last_train_ends_that_night_and_from_a_day_to_an_event_end_stays_open():
    (m,) = find_mentions("2016年12月31日23时起至末班车止,国贸站封站")
    assert "to_the_end" in m.markers
    (m,) = find_mentions("从6月11日起至赛事结束,公寓每晚断网")
    assert "to_the_end" not in m.markers


def test_the_hours_after_a_day_and_a_place_are_that_days():
    from calendar_service.extract import extract
    [e] = extract("通告\n2月28日,地铁2号线海之韵站13时至16时将实施封站。\n", date(2017, 2, 20))
    assert (e.start.isoformat(), e.end.isoformat()) == ("2017-02-28T13:00:00+08:00", "2017-02-28T16:00:00+08:00")
    [e] = extract("关于地铁站封站的通告\n2016年12月31日23时起至末班车止,1号线、10号线国贸站封站。\n", date(2016, 12, 30))
    assert e.kind.value == "closure" and e.start.isoformat() == "2016-12-31T23:00:00+08:00" and e.end.date() == date(2016, 12, 31)
    assert "国贸站" in e.title and "末班车" not in e.title


@pytest.mark.parametrize("text, start, end", [
    # published Friday 20 Oct 2023; the day counted from is not one of the days
    ("通知\n市民如对上述公交线路有意见,请于公示之日起五日内将意见反馈。\n", "2023-10-20", "2023-10-25"),
    # ten working days: 23-27 Oct and 30 Oct-3 Nov
    ("公告\n对公示内容有异议的,请自公示之日起10个工作日内提出。\n", "2023-10-20", "2023-11-03"),
    ("公告\n自2023年10月23日起5日内到社区办理登记。\n", "2023-10-23", "2023-10-28"),
])
def test_days_counted_from_a_day_end_a_window(text, start, end):
    from calendar_service.extract import extract
    [e] = extract(text, date(2023, 10, 20))
    assert (e.kind.value, e.start.isoformat(), e.end.isoformat()) == ("deadline", start, end)
    assert "日内" not in e.title
