"""Time-expression forms from DESIGN.md, each in a one-sentence notice, with hand-checked answers.

Every expected value below was worked out from the calendar by hand (weekdays checked against
a printed calendar), not copied from the extractor's output.
"""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from calendar_service.extract import extract

P = date(2022, 10, 18)  # a Tuesday
TZ = ZoneInfo("Asia/Shanghai")


def one(text, published=P):
    events = extract(text, published)
    assert len(events) == 1, [e.to_json() for e in events]
    return events[0].to_json()


@pytest.mark.parametrize("text,start,end", [
    ("计划2022年10月18日至2023年1月1日对人民路半幅封闭施工。", "2022-10-18", "2023-01-01"),
    ("定于二〇二二年十月二十日至十一月五日对人民路封闭施工。", "2022-10-20", "2022-11-05"),
    ("定于2022.10.20-2022.10.25对人民路封闭施工。", "2022-10-20", "2022-10-25"),
    ("定于2022-10-20至2022-10-25对人民路封闭施工。", "2022-10-20", "2022-10-25"),
    ("定于２０２２年１０月２０日至２５日对人民路封闭施工。", "2022-10-20", "2022-10-25"),
    ("10月20日至25日,人民路封闭施工。", "2022-10-20", "2022-10-25"),
    # the end rolls into the next year when it would fall before its start
    ("12月20日至1月10日,人民路封闭施工。", "2022-12-20", "2023-01-10"),
    # a month-day is the one nearest the publication date: January is next January
    ("1月5日至1月20日,人民路封闭施工。", "2023-01-05", "2023-01-20"),
    # reopening on the 26th means the last closed day is the 25th
    ("自10月20日起人民路封闭施工,10月26日恢复通行。", "2022-10-20", "2022-10-25"),
    ("自10月20日起人民路封闭施工,直至另行通知。", "2022-10-20", None),
    ("即日起至11月下旬,人民路封闭施工。", "2022-10-18", "2022-11-30"),
    ("10月20日至月底,人民路封闭施工。", "2022-10-20", "2022-10-31"),
])
def test_closure_dates(text, start, end):
    event = one(text)
    assert event["kind"] == "closure"
    if start is not None:
        assert event["start"] == start
    assert event["end"] == end
    assert "人民路" in event["title"] + (event["location"] or "")


@pytest.mark.parametrize("text,start,end", [
    # one day with hours: a timed event
    ("10月20日8:00至18:00,幸福小区停水。", "2022-10-20T08:00:00+08:00", "2022-10-20T18:00:00+08:00"),
    ("10月20日上午8时至下午6时,幸福小区停水。", "2022-10-20T08:00:00+08:00", "2022-10-20T18:00:00+08:00"),
    # overnight with 次日
    ("10月20日晚上二十时三十分至次日6时,幸福小区停水。", "2022-10-20T20:30:00+08:00",
     "2022-10-21T06:00:00+08:00"),
    ("10月20日22:00-6:00,幸福小区停水。", "2022-10-20T22:00:00+08:00", "2022-10-21T06:00:00+08:00"),
    # daily hours inside a span of days do not make it timed
    ("10月20日至22日每天8:00-18:00,幸福小区停水。", "2022-10-20", "2022-10-22"),
    # 24时 ends the day
    ("10月20日0时至10月21日24时,幸福小区停水。", "2022-10-20", "2022-10-21"),
])
def test_outage_times(text, start, end):
    event = one(text)
    assert event["kind"] == "closure"
    assert (event["start"], event["end"]) == (start, end)
    assert event["all_day"] == ("T" not in start)


def test_listed_nights_are_one_event_each():
    events = extract("10月20日、21日、22日每晚23:00至次日5:00,人民路封闭施工。", P)
    got = [(e.to_json()["start"], e.to_json()["end"]) for e in events]
    assert got == [
        ("2022-10-20T23:00:00+08:00", "2022-10-21T05:00:00+08:00"),
        ("2022-10-21T23:00:00+08:00", "2022-10-22T05:00:00+08:00"),
        ("2022-10-22T23:00:00+08:00", "2022-10-23T05:00:00+08:00"),
    ]


@pytest.mark.parametrize("text,start,end", [
    ("请于2022年12月25日前完成城乡居民医保缴费。", None, "2022-12-25"),
    ("城乡居民医保缴费截止日期为12月25日。", None, "2022-12-25"),
    ("即日起至12月25日止,办理城乡居民医保缴费。", "2022-10-18", "2022-12-25"),
    ("城乡居民医保缴费时间:11月1日至12月25日。", "2022-11-01", "2022-12-25"),
    ("请于11月底前完成城乡居民医保缴费。", None, "2022-11-30"),
    ("城乡居民医保缴费12月25日17:00前截止。", None, "2022-12-25T17:00:00+08:00"),
    # 次年 is the year after the start
    ("城乡居民医保缴费时间为2022年11月1日至次年2月28日。", "2022-11-01", "2023-02-28"),
])
def test_deadlines(text, start, end):
    event = one(text)
    assert event["kind"] == "deadline"
    assert event["end"] == end
    if start is not None:
        assert event["start"] == start
    assert "医保" in event["title"]


@pytest.mark.parametrize("text,start,end", [
    ("医保待遇享受期为2023年1月1日至12月31日。", "2023-01-01", "2023-12-31"),
    ("居住证有效期自2023年1月1日至2025年12月31日。", "2023-01-01", "2025-12-31"),
])
def test_periods(text, start, end):
    event = one(text)
    assert (event["kind"], event["start"], event["end"]) == ("period", start, end)


@pytest.mark.parametrize("text,published,start", [
    ("本周六上午9时,市图书馆举办读书讲座。", P, "2022-10-22T09:00:00+08:00"),  # Sat of the week of Tue 18th
    ("下周一上午9时,市图书馆举办读书讲座。", P, "2022-10-24T09:00:00+08:00"),
    ("明日上午9时,市图书馆举办读书讲座。", P, "2022-10-19T09:00:00+08:00"),
    # the weekday says which year: 1 March was a Wednesday in 2023, a Tuesday in 2022
    ("3月1日(星期三)上午9时,市图书馆举办读书讲座。", date(2022, 12, 20), "2023-03-01T09:00:00+08:00"),
])
def test_relative_days_and_weekdays(text, published, start):
    event = one(text, published)
    assert event["kind"] == "event"
    assert event["start"] == start


def test_service_change_open_ended():
    event = one("从10月17日起,市社会医疗保险中心服务大厅窗口暂不提供线下经办服务。")
    assert (event["kind"], event["start"], event["end"]) == ("service_change", "2022-10-17", None)
    assert "服务大厅" in event["title"]


@pytest.mark.parametrize("text", [
    "今年1~8月,全市规模以上工业增加值同比增长6.3%。",
    "截至9月末,该行普惠领域贷款余额18.93亿元。",
    "2021年,焦作人均GDP达到60643元。",
    "1925年,焦作煤矿工人在这里发起大罢工。",
    "2005年9月1日至2006年8月31日出生的儿童可报名入学。",
    "该工程工期7日,请市民谅解。",
    "今年以来,新引进项目299个。",
    "焦作市住房和城乡建设局\n2022年10月17日",
    "10月16日,大型铜雕《觉醒》在西大井1919正式落成亮相。",  # before publication: news, not upcoming
])
def test_traps_give_no_event(text):
    assert extract(text, P) == []


def test_a_count_as_of_a_day_already_here_is_no_deadline():
    # published 28 April: 截至28日晚间 reports what was done, it asks nothing of anyone
    assert extract("截至28日晚间,西宁供水部门调集90辆车200余人次。", date(2024, 4, 28)) == []


def test_a_burst_main_is_an_outage_until_the_supply_comes_back():
    # 28日13时50分 the main burst; 4月29日18时左右恢复供水: out from the burst to the estimate
    event = one("据了解,28日13时50分,六水源主输水管道发生爆裂,相关单位正在全力开展紧急抢修,"
                "预计受影响地区将于4月29日18时左右恢复供水。", date(2024, 4, 28))
    assert (event["kind"], event["start"], event["end"]) == (
        "closure", "2024-04-28T13:50:00+08:00", "2024-04-29T18:00:00+08:00")


def test_a_suspension_closed_by_a_reopening_at_an_hour_ends_at_that_hour():
    # from the 5th (0时) to the 11th at 8:00, when the counters open again: not to the end of the 11th
    event = one("(一)2021年10月5日0时起,原系统停止运行,暂停所有医保经办业务办理。\n"
                "(二)2021年10月11日8:00起,正式恢复窗口参保、缴费等业务。", date(2021, 9, 29))
    assert (event["kind"], event["start"], event["end"], event["all_day"]) == (
        "service_change", "2021-10-05T00:00:00+08:00", "2021-10-11T08:00:00+08:00", False)


def test_a_closure_in_stages_runs_from_its_first_stage_to_the_hour_roads_reopen():
    # one sentence: 3:30 pm the first stage, 5 and 7 pm the next, until about 11:45 pm
    events = extract("为配合2月17日晚上8时在尖沙咀举行的新春国际汇演之夜,尖沙咀区一带的道路会由当天下午3时半起"
                     "分阶段实施封路措施,傍晚5时和7时起会实施第二及第三阶段封路措施,直至约晚上11时45分道路重开。",
                     date(2026, 2, 12))
    closures = [(e.start.isoformat(), e.end.isoformat()) for e in events if e.kind.value == "closure"]
    assert closures == [("2026-02-17T15:30:00+08:00", "2026-02-17T23:45:00+08:00")]


def test_roads_closed_from_an_hour_for_an_evening_show_reopen_that_night():
    events = extract("为配合2月18日晚上8时在维港举行的烟花汇演,港岛中区将由当天下午约6时起分阶段实施封路措施。",
                     date(2026, 2, 12))
    closures = [(e.start.isoformat(), e.end.isoformat()) for e in events if e.kind.value == "closure"]
    assert closures == [("2026-02-18T18:00:00+08:00", "2026-02-18T23:59:59+08:00")]  # not open-ended


def test_longer_counter_hours_are_no_end_of_the_days_they_are_kept():
    event = one("2月9日(星期一)至2月13日(星期五),不动产登记窗口每天延时服务至18:30。", date(2026, 2, 3))
    assert (event["start"], event["end"]) == ("2026-02-09", "2026-02-13")


def test_a_part_of_a_month_is_no_day_unless_it_bounds_something():
    # "9月初" says early September, not the 1st; "1月底到期" is due by the month's last day
    assert extract("8月底9月初,大部分院校将举行新生开学典礼。", date(2012, 8, 13)) == []
    event = one("鉴于今年公园年票将于2011年1月底到期,请市民及时办理充值手续。", date(2010, 12, 10))
    assert (event["kind"], event["start"], event["end"]) == ("deadline", None, "2011-01-31")


def test_holiday_named_instead_of_dated():
    # chinesecalendar knows 2023: 春节 holidays ran 2023-01-21 .. 2023-01-27
    events = extract("春节期间,不动产登记中心暂停办理业务。", date(2023, 1, 10))
    assert [(e.kind, e.start.isoformat(), e.end.isoformat()) for e in events] == [
        ("service_change", "2023-01-21", "2023-01-27")]


def test_a_holiday_that_changes_nothing_there_is_no_item():
    # the rooms closed "除上述休馆期间暂停开放的空间外" are another line's; the rest stay open
    assert extract("金城馆除上述休馆期间暂停开放的空间外,其余场地于春节期间均维持正常开放。", date(2023, 1, 10)) == []


@pytest.mark.parametrize("published, phrase, first, last", [
    # the State Council's arrangements, read by hand from its notices:
    # 2024 春节 2月10日至17日, with 2月4日 (a Sunday) a make-up working day the library labels too
    (date(2024, 1, 20), "春节", "2024-02-10", "2024-02-17"),
    # 2024 元旦 2023年12月30日至2024年1月1日: a run that starts in the year before
    (date(2023, 12, 20), "元旦", "2023-12-30", "2024-01-01"),
    # 2023 中秋、国庆 9月29日至10月6日, one run of eight days
    (date(2023, 9, 1), "国庆", "2023-09-29", "2023-10-06"),
    # 2026 春节 2月15日至23日; 2月14日 (a Saturday) is a make-up working day
    (date(2026, 1, 20), "春节", "2026-02-15", "2026-02-23"),
])
def test_holiday_runs_are_the_days_off_not_the_make_up_days(published, phrase, first, last):
    events = extract(f"{phrase}期间,不动产登记中心暂停办理业务。", published)
    assert [(e.start.isoformat(), e.end.isoformat()) for e in events] == [(first, last)]


def test_holiday_outside_known_years_is_left_unresolved():
    assert extract("春节期间,不动产登记中心暂停办理业务。", date(2090, 1, 10)) == []


def test_suspension_closed_by_its_resumption_in_the_same_sentence():
    # Fri 24 Nov 2023 .. Sun 26 Nov: work resumes on Monday the 27th
    event = one("根据工作安排,11月24日(周五)下午,区政务服务中心暂停办理不动产登记业务,11月27日(周一)恢复正常。",
                date(2023, 11, 20))
    assert (event["kind"], event["start"], event["end"]) == ("service_change", "2023-11-24", "2023-11-26")
    assert "政务服务中心" in event["title"]


def test_closing_date_is_read_against_the_opening_one():
    # published in November 2023: 6月30日 follows 2024年3月1日, so it is June 2024, not June 2023
    event = one("2023年度个人所得税综合所得汇算清缴将于2024年3月1日开始,6月30日结束。", date(2023, 11, 20))
    assert (event["kind"], event["start"], event["end"]) == ("deadline", "2024-03-01", "2024-06-30")


def test_part_of_day_before_a_range_connector():
    event = one("受寒潮影响,11月21日晚至22日,部分高速公路实施临时交通管制。", date(2023, 11, 20))
    assert (event["kind"], event["start"], event["end"]) == ("closure", "2023-11-21", "2023-11-22")


def test_places_listed_after_a_colon_name_the_outage():
    event = one("因供电线路检修,2023年11月23日(星期四)7:00至19:00,以下区域停电:城东街道、幸福里小区。",
                date(2023, 11, 20))
    assert event["start"] == "2023-11-23T07:00:00+08:00"
    assert "城东街道" in event["title"] and "以下" not in event["title"]
    assert event["location"] == "城东街道"


def test_due_before_close_of_business():
    event = one("请于2023年12月31日(星期日)下班前到社区服务中心办理城乡居民医保缴费。", date(2023, 11, 20))
    assert (event["kind"], event["start"], event["end"]) == ("deadline", None, "2023-12-31")
    assert "下班" not in event["title"] and "医保" in event["title"]


def test_rows_of_an_outage_schedule_are_framed_by_its_header():
    text = ("国网某县供电公司停电公告\n"
            "为保证电网安全运行,我公司将对以下线路进行停电检修。\n"
            "停电时间 停电线路 停电范围\n"
            "2024-06-03 08:00-18:00 10kV城关线 城关镇东街、西街\n"
            "2024年6月7日 全天 10kV北山线 北山村一组至五组\n"
            "国网某县供电公司\n"
            "2024年5月28日\n")
    events = [e.to_json() for e in extract(text, date(2024, 5, 28))]
    assert [(e["kind"], e["start"], e["end"]) for e in events] == [
        ("closure", "2024-06-03T08:00:00+08:00", "2024-06-03T18:00:00+08:00"),
        ("closure", "2024-06-07", "2024-06-07"),
    ]
    assert events[0]["title"].startswith("停电") and "城关镇" in events[0]["title"]
    assert "北山村" in events[1]["title"]


def test_a_form_line_takes_its_kind_from_the_heading():
    text = ("市人力资源和社会保障局关于举办2024年春季大型招聘会的通知\n"
            "时间:2024年6月15日(星期六)上午9:00—12:00\n"
            "地点:市会展中心1号馆\n")
    [event] = [e.to_json() for e in extract(text, date(2024, 5, 28))]
    assert (event["kind"], event["start"], event["end"]) == (
        "event", "2024-06-15T09:00:00+08:00", "2024-06-15T12:00:00+08:00")
    assert "招聘会" in event["title"]


def test_update_datelines_of_websites_are_not_items():
    text = "# 关于人民路停水的通知\n更新日期:2024-05-20\n定于5月25日8:00至18:00人民路停水。\n"
    events = extract(text, date(2024, 5, 20))
    assert [(e.start.day, e.start.hour) for e in events] == [(25, 8)]


@pytest.mark.parametrize("text", [
    # the road works are why the buses run another way: the item is the buses' changed service
    "3月8日起,公交204、214路因道路封闭施工影响临时绕行调整。",
    "鉴于东湖社区部分路段封闭施工影响,市公交公司决定,自2023年3月8日起,公交5路、12路临时绕行调整。",
    "自2024年6月20日至7月下旬,因排水管网改造,城市公交16路、20路将进行临时绕道调整。",
])
def test_buses_rerouted_around_works_are_a_service_change(text):
    [event] = extract(text, date(2023, 3, 6))
    assert event.kind.value == "service_change"


def test_a_holiday_timetable_copied_one_cell_a_line():
    # columns 日期 | 开、闭馆时间, one cell per line: the closed days are a closure, the open ones
    # an opening, and "10月8日起 / 正常开馆" is the closure's end said again, no item
    text = ("关于西城图书馆国庆节假期开放安排的通知\n"
            "日期\n开、闭馆时间\n"
            "10月1日—4日\n闭馆\n"
            "10月5日—7日\n开馆\n"
            "10月8日起\n正常开馆(下午时间调整为1:30—5:00)\n")
    events = [(e.kind.value, e.start.isoformat()[:10], e.end and e.end.isoformat()[:10])
              for e in extract(text, date(2016, 9, 28))]
    assert events == [("closure", "2016-10-01", "2016-10-04"), ("event", "2016-10-05", "2016-10-07")]


def test_a_day_planned_once_and_called_off_is_no_event():
    text = ("各位读者:因空调检修,本馆将于7月21日起关闭三楼阅览室,7月25日恢复开放。"
            "同时,原定于7月22日举办的书法讲座、亲子绘本课等活动暂时取消,举办时间另行通知。")
    events = extract(text, date(2018, 7, 20))
    assert [(e.kind.value, e.start.day) for e in events] == [("closure", 21)]


def test_one_seasons_hours_are_no_caption_for_the_next_season():
    # "开放时间:早8点至晚9点" sits under the summer season: the winter season below is its own
    # span, not two days at the summer's hours
    text = ("东湖区图书馆关于调整自助借阅区开放时间的通知\n"
            "夏令时\n每年5月1日至9月30日\n开放时间:早8点至晚9点\n"
            "冬令时\n10月1日至次年4月30日\n开放时间:早8点至晚8点\n")
    events = extract(text, date(2023, 5, 26))
    assert [(e.start.isoformat()[:10], e.end.isoformat()[:10]) for e in events] == [("2023-10-01", "2024-04-30")]


def test_a_closures_time_field_over_an_exam_day_makes_it_a_closure():
    # the line names what the hours are for (看考场), then the closure; the field heading above
    # says the dates are the closure's
    text = ("关于高考期间城关考点周边实行交通管制的通告\n"
            "一、交通管制路段\n文峰路一中考点门前路段,禁止任何车辆通行。\n"
            "二、交通管制时间\n"
            "1、6月6日下午15:00—17:00,考生看考场、试听外语听力时间,对考点附近的部分路段实行交通管制。\n")
    [event] = extract(text, date(2021, 6, 1))
    assert event.kind.value == "closure"
    assert (event.start.hour, event.end.hour) == (15, 17)


def test_an_excerpt_that_starts_at_its_first_section_is_titled_by_its_place_section():
    # copied without its headline: "一、管控时间" is a field, not the notice's subject; the place
    # section below says where
    text = ("一、管控时间\n"
            "6月7日—8日上午8时至12时,下午14时至17时;\n"
            "二、管控路段\n"
            "(一)文昌大街东关路口北向南禁止直行\n"
            "(二)诗经路金鸡大街口东向西禁止直行\n")
    events = extract(text, date(2021, 6, 5))
    assert events and all(e.kind.value == "closure" for e in events)
    assert all("文昌大街" in e.title and "时间" not in e.title for e in events)


def test_quiet_kept_around_an_exam_is_a_period():
    text = "高考噪音控制时段:\n1、限制噪音期:6月3日至6月5日,每天12:00至14:00。\n2、噪音严管期:6月6日至6月9日。\n"
    events = [(e.kind.value, e.start.isoformat()[:10], e.end.isoformat()[:10]) for e in extract(text, date(2023, 5, 18))]
    assert ("period", "2023-06-06", "2023-06-09") in events
    assert all(kind == "period" for kind, _, _ in events)


def test_work_that_starts_on_one_day_and_ends_on_another_is_one_span():
    text = "今年征兵体检、政审等工作将于8月1日全面展开,至9月30日结束。"
    [event] = extract(text, date(2013, 6, 18))
    assert (event.start.isoformat()[:10], event.end.isoformat()[:10]) == ("2013-08-01", "2013-09-30")
    assert event.kind.value != "deadline"  # nothing is due at its end


def test_a_lead_that_opens_with_when_is_headed_by_what_follows():
    text = ("湘西新闻网6月18日讯 近日,笔者从征兵工作电视电话会议上了解到,从2013年起,征兵时间由冬季调整到夏秋季。\n"
            "今年征兵体检、政审等工作将于8月1日全面展开,至9月30日结束。\n")
    [event] = extract(text, date(2013, 6, 18))
    assert not event.title.startswith("从2013年") and "征兵" in event.title


def test_a_stops_time_field_over_a_service_named_by_what_it_does():
    # the row names the service that pauses (申报系统), the field says the dates are a pause
    text = ("关于个人所得税申报系统升级的公告\n"
            "一、暂停受理时间\n"
            "5月6日至5月8日,个人所得税申报系统。\n")
    [event] = extract(text, date(2024, 4, 28))
    assert event.kind.value == "service_change"


def test_outage_paragraphs_take_their_day_from_a_taiwan_lead():
    # the lead gives the day as 今(12)日; each county's paragraph gives only its hours
    text = ("台湾自来水公司官网公告,今(12)日因配合管线汰换工程,包含桃园市、台南市部分地区将停水。\n"
            "桃园市停水时间为上午10时至下午5时,影响大园区南港里塔脚一路。\n"
            "台南市停水时间为上午8时至下午5时,影响楠西区东势里及楠西里。\n")
    events = extract(text, date(2026, 1, 12))
    assert [(e.start.isoformat()[:16], e.end.isoformat()[:16]) for e in events] == [
        ("2026-01-12T10:00", "2026-01-12T17:00"), ("2026-01-12T08:00", "2026-01-12T17:00")]
    assert [e.location for e in events] == ["大园区南港里塔脚一路", "楠西区东势里"]


def test_a_day_then_from_its_hour():
    [event] = extract("6月3日从上午9时至下午5时停水。", date(2025, 6, 1))
    assert (event.start.isoformat()[:16], event.end.isoformat()[:16]) == ("2025-06-03T09:00", "2025-06-03T17:00")


def test_a_stop_between_the_hours_of_its_range_decides_its_kind():
    # "从上午9时停水至下午5时": 停水 sits inside the time expression; 办理 of the reason is no deadline
    text = "伸港乡因办理西全路等汰换管线工程,6月3日从上午9时停水至下午17时30分,影响全兴路等区域。"
    [event] = extract(text, date(2025, 6, 1))
    assert event.kind.value == "closure"
    assert (event.start.hour, event.end.hour, event.end.minute) == (9, 17, 30)


def test_hours_into_the_next_day_take_their_day_from_above():
    # 隔日 (Taiwan's 次日) is the day after the hours before it, not a day of the line's own
    text = ("台湾自来水公司今(8)日在多个县市实施计划性停水。\n"
            "桃园区从上午11时开始停水至晚间22时。此外,龙潭区中正里将于晚间22时至隔日凌晨2时进行管网封闭调查,停水4小时。\n")
    events = extract(text, date(2025, 12, 8))
    assert [(e.start.isoformat()[:16], e.end.isoformat()[:16]) for e in events] == [
        ("2025-12-08T11:00", "2025-12-08T22:00"), ("2025-12-08T22:00", "2025-12-09T02:00")]


def test_a_day_split_into_morning_and_afternoon_is_that_day():
    text = "2017年元旦门诊安排如下:\n1月2日(星期一)门诊上午开放,下午停诊。\n"
    [event] = extract(text, date(2016, 12, 26))
    assert (event.kind.value, event.start, event.end) == ("service_change", date(2017, 1, 2), date(2017, 1, 2))


def test_a_listed_stretch_keeps_its_brackets():
    text = ("关于部分道路封闭施工的通告\n因地下管网改造工程需要,对以下道路进行封闭施工:\n"
            "1.解放路(人民路至胜利路段),施工时间为2024年4月5日至5月20日;\n")
    [event] = extract(text, date(2024, 4, 1))
    assert event.location == "解放路(人民路至胜利路段)"
    assert "解放路(人民路至胜利路段)" in event.title


def test_a_statistic_in_the_lead_heads_no_item():
    text = ("本报讯(记者 张三)昨日,记者从市住建局获悉,今年1至10月,全市共完成老旧小区改造120个,同比增长15%。"
            "据介绍,市图书馆新馆将于12月1日正式开馆。\n")
    [event] = extract(text, date(2024, 10, 5))
    assert event.title == "市图书馆新馆正式开馆"


def test_a_vaccination_session_is_an_event():
    text = ("流感疫苗集中接种安排\n接种时间:11月28日至12月2日,每天上午8:30-11:30\n"
            "接种地点:东湖街道社区卫生服务中心二楼\n")
    [event] = extract(text, date(2022, 11, 25))
    assert event.kind.value == "event"


@pytest.mark.parametrize("text", [
    "笔试:6月15日(星期六)上午9:00-11:20 英语四级,下午15:00-17:25 英语六级。",
    "笔试:6月15日(星期六)上午9:00-11:20 英语四级;下午15:00-17:25 英语六级。",
])
def test_the_afternoon_session_of_the_day_just_named(text):
    events = extract(text, date(2024, 5, 10))
    assert [(e.start.isoformat()[:16], e.end.isoformat()[:16]) for e in events] == [
        ("2024-06-15T09:00", "2024-06-15T11:20"), ("2024-06-15T15:00", "2024-06-15T17:25")]


def test_office_hours_of_every_day_are_no_session():
    events = extract("6月1日起调整办公时间,工作日上午9:00-12:00,下午14:00-17:00。", date(2024, 5, 10))
    assert all(e.start.isoformat()[:10] == "2024-06-01" and e.end is None for e in events)


def test_a_table_whose_header_row_is_the_first_line():
    # a page's table copied as markdown: the header row names columns, not the notice
    text = ("| 停电时间 | 停电线路 | 停电范围 |\n|---|---|---|\n"
            "| 2024-06-20 08:00至18:00 | 10kV城北线 | 城北村、北关村 |\n")
    [event] = extract(text, date(2024, 6, 18))
    assert event.kind.value == "closure" and event.location == "10kV城北线"
    assert "停电范围" not in event.title and "城北村" in event.title


def test_an_exhibition_opens_on_its_day_and_runs_to_the_end_of_its_showing():
    text = ("由市博物馆主办的“丝路遗珍——汉唐文物精品展”将于9月28日在市博物馆二楼临展厅开幕,"
            "展期至2025年1月5日。\n")
    [event] = extract(text, date(2024, 9, 20))
    assert (event.kind.value, event.start, event.end) == ("event", date(2024, 9, 28), date(2025, 1, 5))
    assert "丝路遗珍" in event.title  # what opens, not only where


def test_a_school_terms_first_days_are_events():
    events = extract("2025年春季学期学生于2月15日报到,2月17日正式上课。", date(2024, 11, 27))
    assert [(e.kind.value, e.start, e.title.endswith(("报到", "上课"))) for e in events] == [
        ("event", date(2025, 2, 15), True), ("event", date(2025, 2, 17), True)]


def test_a_due_fields_name_is_what_is_due():
    [event] = extract("缴费截止时间:2024年12月31日24时。", date(2024, 11, 27))
    assert event.title == "缴费截止"


def test_a_hall_open_at_weekends_from_a_day_is_a_service_change():
    text = "市政务服务中心自2025年1月2日起实行“周末不打烊”服务,每周六上午9:00-12:00提供社保、医保等业务办理。"
    [event] = extract(text, date(2024, 12, 1))
    assert (event.kind.value, event.start, event.end) == ("service_change", date(2025, 1, 2), None)


def test_two_fields_on_one_line_the_place_after_the_dates():
    [event] = extract("停电时间:2024.12.05 08:00—18:00 停电区域:城南工业园", date(2024, 12, 1))
    assert (event.title, event.location) == ("城南工业园停电", "城南工业园")


def test_a_relative_day_with_its_date_in_brackets_is_one_day():
    # Taiwan's papers: "今日(14日)晚間11時至明日(15日)早上6時止" ends at six the next morning
    text = "將於今日(14日)晚間11時至明日(15日)早上6時止進行管線施工,屆時民生路禁止人車通行。"
    [event] = extract(text, date(2024, 6, 14))
    assert (event.kind.value, event.start, event.end) == (
        "closure", datetime(2024, 6, 14, 23, 0, tzinfo=TZ), datetime(2024, 6, 15, 6, 0, tzinfo=TZ))


def test_month_and_day_run_together_before_a_weekday():
    # a typed holiday notice that lost its 月: "926日(星期六)" is 26 September, a Saturday
    events = extract("其中,926日(星期六)、1010日(星期六)全天正常上班。", date(2020, 9, 24))
    assert [e.start for e in events] == [date(2020, 9, 26), date(2020, 10, 10)]


def test_days_open_as_usual_in_a_headline_are_no_closure():
    # "除夕闭馆,初一至初八正常开放": the eve is closed; the days after it nothing closes or reopens
    text = "市博物馆:除夕闭馆,初一至初八正常开放\n2月9日(除夕)闭馆。\n"
    events = extract(text, date(2024, 1, 29))
    assert [(e.kind.value, e.start, e.end) for e in events] == [("closure", date(2024, 2, 9), date(2024, 2, 9))]


def test_a_news_report_of_a_published_notice_is_no_event():
    text = "市博物馆29日发布2024年“春节”假期开放公告。公告显示,2月9日(除夕)闭馆。"
    events = extract(text, date(2024, 1, 29))
    assert [e.start for e in events] == [date(2024, 2, 9)]


def test_a_byline_opening_the_lead_names_no_field_of_the_lines_below():
    text = ("求知不打烊 书香伴年味\n本报讯(记者 王明)市图书馆安排了春节期间的开放时间。具体如下:\n"
            "2月15日(星期日):8:30-18:00;\n2月16日(星期一,除夕):全天闭馆;\n")
    events = extract(text, date(2026, 2, 12))
    assert len(events) == 2 and not any("记者" in e.title or "本报" in e.title for e in events)


@pytest.mark.parametrize("text, end", [
    ("1月5日下午1时至5时停水。", datetime(2026, 1, 5, 17, 0, tzinfo=TZ)),  # the afternoon goes on
    ("1月5日下午3时至3时50分限电。", datetime(2026, 1, 5, 15, 50, tzinfo=TZ)),
    ("1月5日晚上8时至10时停电。", datetime(2026, 1, 5, 22, 0, tzinfo=TZ)),
    ("1月5日晚上10时至6时停电。", datetime(2026, 1, 6, 6, 0, tzinfo=TZ)),  # through the night
    ("1月5日下午1时至次日5时停水。", datetime(2026, 1, 6, 5, 0, tzinfo=TZ)),  # said the next day
])
def test_an_end_hour_without_its_part_of_the_day_keeps_the_starts(text, end):
    [event] = extract(text, date(2026, 1, 4))
    assert event.end == end


def test_twenty_and_thirty_written_as_single_characters():
    # older and Taiwan notices: 廿八日 is the 28th, 五时卅分 half past five
    [event] = extract("预定在五月廿八日(周六)上午八时至下午五时卅分停电。", date(2011, 5, 26))
    assert (event.start, event.end) == (datetime(2011, 5, 28, 8, 0, tzinfo=TZ), datetime(2011, 5, 28, 17, 30, tzinfo=TZ))


def test_a_day_at_the_head_of_the_sentence_and_its_hours_after_who_and_why():
    # "15日,…因…,将于7时至12时停电": one stop on the 15th from seven to noon, not a day and stray hours
    [event] = extract("15日,明和苑因线路检修,将于7时至12时停电。", date(2013, 7, 6))
    assert (event.start, event.end) == (datetime(2013, 7, 15, 7, 0, tzinfo=TZ), datetime(2013, 7, 15, 12, 0, tzinfo=TZ))
    assert event.location == "明和苑"  # a court (苑) or an estate (邨) is a place


def test_a_stop_that_lasts_a_number_of_hours_from_its_start():
    [event] = extract("将于11月26日22:00起进行为期36小时的停气碰口作业。", date(2014, 11, 24))
    assert event.end == datetime(2014, 11, 28, 10, 0, tzinfo=TZ)  # 22:00 + 36 h
    assert event.title == "停气碰口作业"


def test_a_news_agencys_dateline_heads_nothing():
    text = "(中央社台北24日电)寒流来袭,多地公务单位暂停供暖。市政府发布通知,自22日晚间6时起,市党政机关将暂停供暖。"
    [event] = extract(text, date(2023, 12, 24))
    assert "中央社" not in event.title and event.start == datetime(2023, 12, 22, 18, 0, tzinfo=TZ)


def test_who_decided_before_the_colon_is_not_what_the_dates_are_of():
    [event] = extract("市委市政府决定:自12月22日晚间6时起,市党政机关将暂停供暖。", date(2023, 12, 20))
    assert "暂停供暖" in event.title


def test_calendar_days_counted_are_no_date():
    # "请于八日历天内…": within eight calendar days, not on the 8th
    assert extract("请于八日历天内主动查询缴费。", date(2019, 11, 26)) == []


@pytest.mark.parametrize("text", [
    "○本报讯 记者 王明 特约记者 李华 3月1日至6月30日,是珠江水域禁渔期。",
    "【记者李华报导】3月1日至6月30日珠江水域禁渔期。",
    "(记者李华/台北报导)3月1日至6月30日珠江水域禁渔期。",
])
def test_a_reporters_byline_is_no_title(text):
    [event] = extract(text, date(2026, 2, 4))
    assert "记者" not in event.title and "禁渔期" in event.title


def test_a_mountain_closed_to_grow_its_forest_is_a_closure_and_a_fire_season_a_period():
    text = "关于封山育林的通告\n一、封山时间\n2022年8月18日至2022年8月31日。\n"
    [event] = extract(text, date(2022, 8, 17))
    assert (event.kind.value, event.start, event.end) == ("closure", date(2022, 8, 18), date(2022, 8, 31))
    [event] = extract("2021年10月1日至2022年4月30日为森林防火期,严禁野外用火。", date(2021, 9, 20))
    assert event.kind.value == "period"


def test_the_date_of_a_cited_letter_is_no_item():
    text = "依据教育部112年3月23日台教师(三)字第1120012345号函办理,请于112年3月10日前填报。"
    [event] = extract(text, date(2023, 3, 8))
    assert (event.kind.value, event.end) == ("deadline", date(2023, 3, 10))


def test_who_is_meant_lends_no_title_to_the_dates_after_it():
    text = "接种疫苗的对象是2017年1月1日至2020年12月31日出生的儿童。3月22日至27日为集中接种时间,28日至29日为补种时间。"
    events = extract(text, date(2021, 3, 20))
    assert [(e.start, e.title) for e in events] == [(date(2021, 3, 22), "集中接种"), (date(2021, 3, 28), "补种")]


def test_a_span_whose_next_sentence_closes_the_place_during_it_is_a_closure():
    text = "市博物馆于2025年12月5日至2027年4月30日开展综合提升。项目实施期间,市博物馆暂停对外开放。"
    [event] = extract(text, date(2025, 12, 1))
    assert (event.kind.value, event.title, event.end) == ("closure", "市博物馆暂停对外开放", date(2027, 4, 30))


def test_a_school_terms_break_and_first_days_are_events():
    events = extract("义务教育阶段1月28日放寒假,新学期于2月28日办理入学手续,3月1日正式行课。", date(2021, 1, 14))
    assert [(e.kind.value, e.start) for e in events] == [
        ("event", date(2021, 1, 28)), ("event", date(2021, 2, 28)), ("event", date(2021, 3, 1))]


def test_macaos_sharp_hour_and_special_scheduling():
    # "下午六时正" is six sharp; "特定于" schedules like 定于; "对外开放" keeps its 对
    events = extract("邮电局特定于二零二零年十月十七日上午九时至下午六时正对外开放。", date(2020, 10, 5))
    assert [(e.title, e.end) for e in events] == [("邮电局对外开放", datetime(2020, 10, 17, 18, 0, tzinfo=TZ))]


def test_a_table_whose_header_puts_the_date_before_the_road():
    # one cell per line under "日期 / 时间 / 涉及路段", a wrapped note between header and rows: each
    # road follows its own date cell (and the first row's hours cell), not the next row's
    text = ("附表:临时交通安排\n临时交通措施\n日期\n时间\n涉及路段\n封闭交通\n(紧急服务\n车辆及\n进出停车场\n车辆除外)\n"
            "2月9日\n凌晨1时30分至\n清晨5时30分\n小贩巷\n2月11日\n道德巷\n2月12日\n关前后街\n"
            "2月13日及14日\n打铁斜巷与绿豆围之间的一段下环街\n")
    events = extract(text, date(2026, 2, 6))
    assert [(e.start.isoformat()[:10], e.location) for e in events] == [
        ("2026-02-09", "小贩巷"), ("2026-02-11", "道德巷"), ("2026-02-12", "关前后街"),
        ("2026-02-13", "打铁斜巷与绿豆围之间的一段下环街")]  # Macao names a stretch by the two ends
    assert events[0].start == datetime(2026, 2, 9, 1, 30, tzinfo=TZ)
    assert all(e.category.value == "road" for e in events)


def test_an_announced_date_is_what_is_announced():
    # "宣布于…起" announces the date; "发言人今日(四月十二日)说" only reports when it was said
    [event] = extract("卫生局宣布于2月20日起,于三区卫生所开设公费流感疫苗专诊。", date(2025, 2, 18))
    assert (event.kind.value, event.start, event.end) == ("service_change", date(2025, 2, 20), None)
    assert event.title.endswith("卫生所开设公费流感疫苗专诊")
    [event] = extract("房屋署发言人今日(四月十二日)说,屋邨办事处将于四月十四日暂停开放。", date(2025, 4, 12))
    assert event.start == date(2025, 4, 14)


def test_a_numbered_field_on_the_first_line_heads_its_section():
    # the notice's title was not copied: "一、笔试时间安排" is the section its date line belongs to
    text = ("一、笔试时间安排\n2023年5月21日上午9:30—11:00。\n二、报名确认\n"
            "已报名的应聘人员请于2023年5月8日9:00至5月9日16:00登录招聘系统确认。\n")
    events = extract(text, date(2023, 5, 5))
    assert events[0].title == "笔试" and events[0].start == datetime(2023, 5, 21, 9, 30, tzinfo=TZ)
    assert "笔试" not in events[1].title


def test_a_services_name_before_its_stopped_hours_is_no_deadline():
    # a bank's upgrade notice: "积分兑换" and "信用卡申请" name what stops, not something to do by then
    text = ("关于系统升级暂停个人电子渠道服务的公告\n届时个人电子渠道服务将暂停使用,具体安排如下:\n"
            "1、积分查询、积分兑换:7月30日00:00至06:00;\n2、信用卡申请:7月29日21:00至30日06:15。\n")
    events = extract(text, date(2023, 7, 26))
    assert [e.kind.value for e in events] == ["service_change", "service_change"]
    assert events[1].start == datetime(2023, 7, 29, 21, 0, tzinfo=TZ)


def test_lunar_days_beside_solar_dates_say_them_again():
    # Hong Kong's fair: "本月11日年廿四至本月17日年初一清晨7时" runs from the 11th to seven on the 17th
    [event] = extract("农历年宵市场本月11日年廿四至本月17日年初一清晨7时开放。", date(2026, 2, 4))
    assert (event.start.date(), event.end) == (date(2026, 2, 11), datetime(2026, 2, 17, 7, 0, tzinfo=TZ))
    assert "年初一" not in event.title


def test_a_day_planned_and_moved_gives_only_the_new_day():
    events = extract("原定于10月5日至7日举办的棒垒球邀请赛比赛时间调整至10月23日至24日。", date(2021, 9, 22))
    assert [(e.start, e.end) for e in events] == [(date(2021, 10, 23), date(2021, 10, 24))]


def test_a_weekday_range_after_a_span_glosses_its_days():
    [event] = extract("3 月 21 日至 24 日(星期二至五)办理报到。", date(2023, 3, 8))
    assert (event.start, event.end, event.title) == (date(2023, 3, 21), date(2023, 3, 24), "办理报到")
    assert event.confidence > 0.5  # the weekdays agree: no doubt to review


def test_what_may_happen_is_no_item():
    assert extract("如场地于年初三(1月24日)开放,将另行通知。", date(2023, 1, 9)) == []


def test_a_market_day_suspended_is_a_closure_and_a_dated_headline_leaves_no_brackets():
    [event] = extract("自2021年12月28日起,暂时停止农村集市活动,复市时间另行通知。", date(2021, 12, 27))
    assert (event.kind.value, event.location) == ("closure", None)  # 暂时停止农村 is no place
    [event] = extract("停电公告(2015-03-20)\n3月23日8时至12时,中山路停电。", date(2015, 3, 20))
    assert "()" not in event.title


def test_a_closure_from_new_years_eve_afternoon_through_the_third_day():
    # 2023's lunar new year was 22 January: 年三十 is the 21st, 年初三 the 24th
    [event] = extract("图书馆自年三十下午5时起休馆,年初一至年初三休馆。", date(2023, 1, 9))
    assert (event.kind.value, event.title) == ("closure", "图书馆休馆")
    assert (event.start, event.end) == (datetime(2023, 1, 21, 17, 0, tzinfo=TZ), datetime(2023, 1, 24, 23, 59, 59, tzinfo=TZ))


def test_a_lead_in_of_hours_over_a_list_of_roads_takes_the_day_named_above():
    # Hong Kong's police: the procession's day in one paragraph, the closure's hours in the lead-in
    text = ("警方将实施特别交通措施,配合星期日(十一月六日)于港岛举行的一项公众游行。\n"
            "下列道路将于下午二时开始实施间歇性封闭,直至人群散去为止:\n- 轩尼诗道西行线;\n- 金钟道西行线。\n"
            "道路封闭期间,车辆将可能被禁止离开位于游行路线沿途的停车场。\n")
    closures = [e for e in extract(text, date(2016, 11, 4)) if e.kind.value == "closure"]
    assert [e.start for e in closures] == [datetime(2016, 11, 6, 14, 0, tzinfo=TZ)]
    assert "游行" not in (closures[0].location or "")  # 游行路线, the procession's route, is no road


def test_a_span_alone_on_its_line_is_about_the_stretch_in_the_bullet_below():
    # Macao's traffic notices: a measure's heading, its span, then the roads as bullets
    text = ("以下道路将引入下列临时交通管制措施:\n封闭交通 (特许车辆除外)\n本年5月1日上午10时至5日晚上8时\n"
            "  • 介乎巴素打尔古街与通商新街之间一段非利喇街,并设置临时巴士站。\n")
    [event] = extract(text, date(2025, 4, 23))
    assert event.location == "介乎巴素打尔古街与通商新街之间一段非利喇街"
    assert "非利喇街" in event.title and event.start == datetime(2025, 5, 1, 10, 0, tzinfo=TZ)


def test_a_due_date_put_off_extends_no_suspension_beside_it():
    text = ("在2019年2月22日20:00时至2019年3月1日8:00时期间暂停办理社保业务,"
            "2月份的社保费缴纳期限延长至2019年3月15日。")
    events = extract(text, date(2019, 2, 15))
    assert [(e.kind.value, e.end) for e in events] == [
        ("service_change", datetime(2019, 3, 1, 8, 0, tzinfo=TZ)), ("deadline", date(2019, 3, 15))]


def test_days_moved_from_and_to_give_only_the_new_days():
    [event] = extract("活禽市场休市时间由2月15、16、17日调整为2月17、18、19日。", date(2026, 1, 30))
    assert (event.start, event.end) == (date(2026, 2, 17), date(2026, 2, 19))


def test_the_next_numbered_item_of_a_list_is_no_subject_of_the_one_before():
    text = "防控通告\n1、滨海休闲带西段即日起关闭;\n2、云之园书吧暂时关闭。\n"
    [event] = extract(text, date(2022, 3, 1))
    assert "云之园" not in event.title


def test_two_days_listed_in_any_order_are_of_one_year():
    events = extract("两会将分别于3月5日和3月4日在北京开幕。", date(2025, 2, 28))
    assert sorted(e.start for e in events) == [date(2025, 3, 4), date(2025, 3, 5)]


def test_a_papers_pointer_to_its_own_page_is_no_item():
    assert extract("今日本报第四版同时刊登相关公交线路调整公示公告。", date(2013, 4, 22)) == []


def test_listed_days_then_how_many_then_their_hours():
    events = extract("西水厂于4月14日、19日两天,8时至17时无法正常供水。", date(2011, 4, 13))
    assert [(e.kind.value, e.start, e.end) for e in events] == [
        ("closure", datetime(2011, 4, 14, 8, 0, tzinfo=TZ), datetime(2011, 4, 14, 17, 0, tzinfo=TZ)),
        ("closure", datetime(2011, 4, 19, 8, 0, tzinfo=TZ), datetime(2011, 4, 19, 17, 0, tzinfo=TZ))]


@pytest.mark.parametrize("text, end", [
    ("3月31日前暂停办理护照业务。", date(2020, 3, 30)),
    ("2月10日前,出入境管理部门暂缓办理出入境证件。", date(2020, 2, 9)),
])
def test_a_service_stopped_before_a_day_is_stopped_from_now_until_then(text, end):
    [event] = extract(text, date(2020, 2, 2))
    assert (event.kind.value, event.start, event.end) == ("service_change", date(2020, 2, 2), end)


def test_a_due_date_with_a_stop_for_those_late_stays_a_deadline():
    [event] = extract("请于3月31日前办理,逾期将暂停服务。", date(2020, 2, 2))
    assert (event.kind.value, event.end) == ("deadline", date(2020, 3, 31))


@pytest.mark.parametrize("text, published, kind, start, end", [
    # a day of works before a reopening the next day is a closure
    ("公园将于3月15日对沙池区进行护养工作。沙池区将于3月16日重新对外开放。", date(2024, 3, 13),
     "closure", date(2024, 3, 15), date(2024, 3, 15)),
    # a season's end closes from that day on
    ("公园雪场将于2月19日正式关闭。", date(2024, 2, 18), "closure", date(2024, 2, 19), None),
    # a holiday with its working days in brackets is still the holiday
    ("2020年劳动节期间全市出入境服务窗口暂停对外办公(4月26日、5月9日正常对外办公)。", date(2020, 4, 20),
     "service_change", date(2020, 5, 1), date(2020, 5, 5)),
])
def test_one_item_of_its_kind_and_days(text, published, kind, start, end):
    [event] = extract(text, published)
    assert (event.kind.value, event.start, event.end) == (kind, start, end)


def test_a_service_resumed_elsewhere_ends_the_move_that_opened_it():
    text = "拟定于2023年9月28日起原门诊楼整体搬迁至新门诊综合楼。\n新门诊综合楼自2023年10月7日起,正常开展诊疗服务。\n"
    [event] = extract(text, date(2023, 9, 20))
    assert (event.start, event.end) == (date(2023, 9, 28), date(2023, 10, 6))



# What the rules above must not catch: ordinary sentences a broader reading once swallowed.

@pytest.mark.parametrize("text", [
    "有意参加者如需咨询请于6月10日前致电。",  # 如需 is advice, not "if"
    "市民如有需要可于6月10日至12日前往体育馆办理。",
    "如皋市将于6月10日举办招聘会。",  # 如皋 is a city
    "若干条道路将于6月10日8时至18时封闭施工。",
    "原定于6月15日举行的中考体育测试地点改为市体育中心。",  # the place moved, not the day
    "原定于6月15日举行的报名方式变更为线上报名。",
    "自2024年7月1日起执行市政发〔2024〕3号文件规定的新收费标准。",  # a document cited, a date kept
    "今年三十多家企业将于6月15日举办招聘会。",  # 今年三十多家 is no new year's eve
    "6月12日进行课程调整。",  # 进行课程 holds no 行课
])
def test_ordinary_sentences_keep_their_dates(text):
    events = extract(text, date(2024, 6, 1))
    assert events and all(e.start is None or e.start.year == 2024 for e in events)
    assert not any(e.start in (date(2024, 2, 9), date(2025, 1, 28)) for e in events)


def test_a_race_stays_a_race_when_its_roads_close_during_it():
    events = extract("6月10日将举行城市马拉松比赛。比赛期间,赛道沿线道路禁止车辆通行。", date(2024, 6, 1))
    assert [(e.kind.value, e.start) for e in events] == [("event", date(2024, 6, 10)), ("closure", date(2024, 6, 10))]
    assert "禁止车辆通行" in events[1].title


def test_a_deadline_with_a_penalty_for_the_late_stays_a_deadline():
    [event] = extract("6月30日前未缴纳电费的用户将暂停供电。", date(2024, 6, 1))
    assert (event.kind.value, event.end) == ("deadline", date(2024, 6, 30))


def test_two_services_stopped_on_following_days_stay_two():
    events = extract("自6月10日起暂停办理社保卡补换业务,6月11日至6月12日暂停办理医保报销业务。", date(2024, 6, 1))
    assert [(e.start, e.end) for e in events] == [(date(2024, 6, 10), None), (date(2024, 6, 11), date(2024, 6, 12))]


@pytest.mark.parametrize("text, place", [("6月10日起中山路线缆入地施工。", "中山路"), ("6月10日起人民路面层铣刨施工。", "人民路")])
def test_a_road_before_words_beginning_with_line_or_surface_is_still_a_road(text, place):
    [event] = extract(text, date(2024, 6, 1))
    assert event.location == place


def test_thirty_firms_this_year_is_no_new_years_eve_and_a_course_change_no_class_day():
    # published in January, so that a misread eve (9 February 2024) would be a coming day, kept
    assert extract("今年三十多家企业参加了本次活动。", date(2024, 1, 10)) == []
    [event] = extract("今年三十多家企业将于2月15日举办招聘会。", date(2024, 1, 10))
    assert "今年三十多家企业" in event.title
    [event] = extract("6月12日进行课程调整。", date(2024, 6, 1))
    assert event.kind.value == "service_change"


def test_a_fields_label_before_the_colon_names_no_road():
    text = "管制时间和路段具体为:2017年12月30日8时30分至11时,对体育公园路、七里甸路实行交通管制。"
    [event] = extract(text, date(2017, 12, 29))
    assert event.location == "体育公园路、七里甸路" and not event.title.startswith("管制时间")


def test_works_begun_one_day_and_expected_to_end_another_are_one_closure():
    [event] = extract("天圆大桥维修工程将于6月15日动工,预计6月29日结束,施工期间封闭一个车道。", date(2018, 6, 14))
    assert (event.kind.value, event.start, event.end) == ("closure", date(2018, 6, 15), date(2018, 6, 29))


def test_tickets_for_a_day_are_no_item_and_a_bus_line_adjusted_is_a_service_change():
    text = "自2021年11月7日起,三星堆博物馆暂停对外开放。已购买了11月7日及以后参观票的游客,可原路退票。"
    [event] = extract(text, date(2021, 11, 6))
    assert (event.location, event.end) == ("三星堆博物馆", None)
    [event] = extract("1月19日,123路公交线亦因学苑路施工而作出调整。", date(2025, 1, 17))
    assert event.kind.value == "service_change"



@pytest.mark.parametrize("text, start, end", [
    ("自6月10日17时起停止营业,6月11日至12日停业。", datetime(2024, 6, 10, 17, 0, tzinfo=TZ), datetime(2024, 6, 12, 23, 59, 59, tzinfo=TZ)),
    ("自6月10日起暂停办理业务,6月11日至12日暂停办理全部业务。", date(2024, 6, 10), date(2024, 6, 12)),
])
def test_the_same_stop_said_again_from_the_next_day_is_one_span(text, start, end):
    [event] = extract(text, date(2024, 6, 1))
    assert (event.start, event.end) == (start, end)


@pytest.mark.parametrize("text", [
    "原定于6月15日举行的运动会推迟至下周举行。",  # put off, with no date
    "原定于6月15日举行的运动会延期至另行通知。",
    "考试时间由6月15日(周六)调整为周日。",  # moved to a weekday
])
def test_a_day_put_off_without_a_new_date_is_given_up(text):
    assert all(e.start != date(2024, 6, 15) for e in extract(text, date(2024, 6, 1)))


def test_tickets_sold_from_a_day_still_date_it():
    [event] = extract("6月10日起发售门票。", date(2024, 6, 1))
    assert event.start == date(2024, 6, 10)


def test_an_areas_label_before_the_colon_stays_in_the_title_and_a_stop_ahead_of_the_30th_is_one():
    [event] = extract("城南区域:6月10日8时至18时停电。", date(2024, 6, 1))
    assert "城南区域" in event.title
    [event] = extract("6月30日前,未来城路段暂停通行。", date(2024, 6, 1))
    assert (event.start, event.end, event.location) == (date(2024, 6, 1), date(2024, 6, 29), "未来城路段")


@pytest.mark.parametrize("text", ["6月10日起公交路线调整。", "6月10日起市区路面湿滑,请注意。"])
def test_a_route_or_a_surface_is_no_road(text):
    assert all(e.location is None for e in extract(text, date(2024, 6, 1)))


def test_as_agreed_is_no_if():
    [event] = extract("景区将如约于6月10日开放。", date(2024, 6, 1))
    assert event.start == date(2024, 6, 10)
