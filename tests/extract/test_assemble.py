"""What a dated line lacks is taken from the notice's structure (assemble.py): its row, its record,
the lead-in over it, its headings and the notice's heading. Each notice below is modelled on the
layout of a real one; every expected date was worked out by hand from the text and its
publication date."""
from datetime import date

import pytest

from calendar_service.extract import extract


def events(text, published):
    return [e.to_json() for e in extract(text, published)]


def test_rows_of_a_flattened_table_take_the_hours_of_their_caption_night_by_night():
    text = ("关于墙头镇的停水通知\n经公司研究决定实行停水。\n停水时间为晚上20点到早上9点\n停水日期\n停水区域\n"
            "1\n3月1日、3月5日\n塔岭村、黄溪村\n2\n3月2日\n洋北村\n水务公司\n2021.2.26\n")
    got = [(e["kind"], e["start"], e["end"]) for e in events(text, date(2021, 2, 26))]
    # each listed day runs from 20:00 to 09:00 the next morning
    assert got == [
        ("closure", "2021-03-01T20:00:00+08:00", "2021-03-02T09:00:00+08:00"),
        ("closure", "2021-03-05T20:00:00+08:00", "2021-03-06T09:00:00+08:00"),
        ("closure", "2021-03-02T20:00:00+08:00", "2021-03-03T09:00:00+08:00"),
    ]
    titles = [e["title"] for e in events(text, date(2021, 2, 26))]
    assert "塔岭村" in titles[0] and "塔岭村" in titles[1] and "洋北村" in titles[2]
    assert all("停水" in t for t in titles)


def test_a_row_that_is_its_date_alone_shares_the_merged_cells_of_the_row_above():
    # modelled on a Macao traffic table copied as text: the second row's cells were merged with
    # the first's, so only its date line is left
    text = ("临时交通安排\n日期及时间\n临时交通管制\n涉及路段\n"
            "3月5日(周二)晚上10时至翌日下午1时\n禁止泊车\n马大臣街部份咪表泊车位\n"
            "3月11日(周一)晚上10时至翌日下午1时\n"
            "3月11日(周一)下午3时至晚上11时\n封闭交通\n介乎岗陵街与腊八街之间的一段马大臣街\n")
    got = events(text, date(2019, 3, 4))
    assert [(e["start"], e["end"]) for e in got] == [
        ("2019-03-05T22:00:00+08:00", "2019-03-06T13:00:00+08:00"),
        ("2019-03-11T22:00:00+08:00", "2019-03-12T13:00:00+08:00"),
        ("2019-03-11T15:00:00+08:00", "2019-03-11T23:00:00+08:00"),
    ]
    assert all("马大臣街" in (e["title"] + (e["location"] or "")) for e in got)


def test_a_record_gives_its_time_field_the_line_and_the_kind_of_its_other_fields():
    text = ("因供电设施检修,电力公司计划对以下线路进行停电检修:\n"
            "6日 检修线路:迎胜站10KV科山线。检修时间:6日7:00至6日18:30。影响范围:迎胜小区、七里。\n"
            "7日 检修线路:东关站10KV市委线。检修时间:7日7:00至7日18:30。影响范围:岱北、岱西。\n")
    got = events(text, date(2010, 12, 3))
    assert [(e["start"], e["end"]) for e in got] == [
        ("2010-12-06T07:00:00+08:00", "2010-12-06T18:30:00+08:00"),
        ("2010-12-07T07:00:00+08:00", "2010-12-07T18:30:00+08:00"),
    ]
    assert "科山线" in got[0]["title"] and "市委线" in got[1]["title"]
    assert {e["kind"] for e in got} == {"closure"}


def test_a_date_line_over_lines_of_hours_dates_each_of_them():
    text = ("各学院:计划于10月3日分时段停电检修,具体见安排表:\n日期停电时间停电涉及范围\n10月3日\n(星期五)\n"
            "8:00-12:00网络中心机房,食堂\n12:00-19:00校医院\n后勤管理处\n2025年9月30日\n")
    got = [(e["start"], e["end"]) for e in events(text, date(2025, 9, 30))]
    assert got == [("2025-10-03T08:00:00+08:00", "2025-10-03T12:00:00+08:00"),
                   ("2025-10-03T12:00:00+08:00", "2025-10-03T19:00:00+08:00")]


def test_a_heading_on_its_own_line_names_the_county_of_the_lines_under_it():
    text = ("高考期间对考点周边道路实行交通管制,具体如下:\n"
            "容城县\n管制路段:\n豪丹路、文昌道\n管控时间:\n6月7日-6月8日\n"
            "雄县\n管制路段:\n文昌大街\n管控时间:\n6月9日\n")
    got = events(text, date(2023, 6, 5))
    assert [(e["kind"], e["start"], e["end"]) for e in got] == [
        ("closure", "2023-06-07", "2023-06-08"), ("closure", "2023-06-09", "2023-06-09")]
    assert "容城县" in got[0]["title"] and "豪丹路" in got[0]["title"]
    assert "雄县" in got[1]["title"] and "文昌大街" in got[1]["title"]


def test_a_date_under_its_section_takes_the_place_of_the_place_section():
    text = ("道路封闭通告\n因燃气工程施工需要,现将有关事项通告如下:\n一、封闭范围\n新化路:永青小区北门至新江泉浴池门前。\n"
            "二、封闭时间\n2025年9月6日至2025年9月15日。\n特此通告。\n")
    [e] = events(text, date(2025, 9, 5))
    assert (e["kind"], e["start"], e["end"]) == ("closure", "2025-09-06", "2025-09-15")
    assert "新化路" in e["title"] and e["location"] == "新化路"


def test_numbered_items_take_their_subject_from_the_lead_in():
    text = ("现对2022年全国大学生英语竞赛初赛及报名时间做如下调整:\n"
            "1.报名截止时间由原定2022年2月28日调整至2022年3月31日;\n"
            "2.初赛时间由原定2022年4月17日9:00-11:00调整至2022年5月15日9:00-11:00;\n")
    got = events(text, date(2022, 3, 15))
    assert any(e["end"] == "2022-03-31" and "英语竞赛" in e["title"] for e in got)


def test_a_sentence_that_is_only_a_date_is_about_the_sentence_before_it():
    text = ("5月15日至16日,长春这些区域停水\n"
            "因清洗水箱,长春市绿园区西部润和,停水时间20小时。2019年5月15日08:00–2019年5月16日04:00。\n")
    [e] = events(text, date(2019, 5, 14))
    assert (e["kind"], e["start"], e["end"]) == ("closure", "2019-05-15T08:00:00+08:00", "2019-05-16T04:00:00+08:00")
    assert "西部润和" in e["title"]


def test_a_notice_without_a_cue_on_its_line_takes_the_kind_of_its_heading_or_first_paragraph():
    text = ("近日,农业农村部决定对海洋伏季休渔制度进行调整。\n通告显示:\n"
            "北纬35度以北的渤海和黄海海域为5月1日12时至9月1日12时。\n")
    [e] = events(text, date(2021, 3, 1))
    assert (e["kind"], e["start"], e["end"]) == ("closure", "2021-05-01T12:00:00+08:00", "2021-09-01T12:00:00+08:00")
    assert "渤海" in e["title"]


def test_a_weekday_that_contradicts_its_date_keeps_the_item_and_flags_it_for_review():
    # 2025-12-06 is a Saturday, and the 7th is the Sunday the notice says: the date stays as written
    text = "定于12月7日(星期六)上午9时至12时,人民路停水。\n"
    [e] = extract(text, date(2025, 11, 20))
    assert e.start.isoformat() == "2025-12-07T09:00:00+08:00"
    assert any("weekday" in note for note in e.notes)
    assert e.confidence < 0.5


def test_a_document_past_the_size_limit_or_the_budget_is_refused_with_a_reason():
    from calendar_service.extract import TooLong
    from calendar_service.extract.pipeline import MAX_CHARS

    with pytest.raises(TooLong, match="too long"):
        extract("停" * (MAX_CHARS + 1), date(2024, 1, 1))
    with pytest.raises(TooLong, match="budget"):
        extract("定于10月1日人民路封闭施工。\n" * 20000, date(2024, 9, 1), budget=0.0)
    # within its budget a reading is the one it would have been without one
    text = "定于10月1日至10月7日人民路封闭施工。\n"
    assert extract(text, date(2024, 9, 1), budget=30.0) == extract(text, date(2024, 9, 1))


def test_a_list_under_a_holiday_heading_is_about_what_the_heading_names_day_by_day():
    # modelled on a hospital's 春节 arrangements: the heading says when (春节放假期间) and what (门诊);
    # the numbered lines under it restate their dates in the lunar calendar
    text = ("关于2014年春节放假安排的通知\n我院2014年春节放假安排如下:\n"
            "(一)1月31日~2月6日(初一至初七)放假7天。\n"
            "(二)春节放假期间,门诊具体安排如下:\n"
            "1、2月3日~4日(初四至初五)门诊按周日排班;\n"
            "2、2月8日(初九,周六)全天开诊,按周四排班。\n")
    got = events(text, date(2013, 12, 27))
    by_start = {e["start"]: e for e in got}
    # "全天开诊" on one date is that day, not a reopening from then on
    assert (by_start["2014-02-08"]["kind"], by_start["2014-02-08"]["end"]) == ("service_change", "2014-02-08")
    assert by_start["2014-02-03"]["end"] == "2014-02-04"
    for e in (by_start["2014-02-03"], by_start["2014-02-08"]):
        assert "门诊" in e["title"]
        assert "初" not in e["title"] and "期间" not in e["title"], e["title"]  # the lunar aside and the when-clause go
    holiday = by_start["2014-01-31"]
    assert holiday["end"] == "2014-02-06" and not holiday["title"].startswith(("一)", "(一)"))


def test_a_date_that_only_says_when_is_about_the_place_the_sentence_before_names():
    # a press report: the sentence before has a date too (昨天, the reporter's), but gives no item
    text = ("本报讯 记者昨天从宁波市城市展览馆获悉,今年五一假期,市城市展览馆正常开馆。"
            "开馆时间为4月30日(周六)至5月4日(周三)。")
    got = events(text, date(2022, 4, 30))
    assert [(e["start"], e["end"]) for e in got] == [("2022-04-30", "2022-05-04")]
    assert "展览馆" in got[0]["title"]


def test_a_day_that_labels_its_hours_is_one_item_of_that_day():
    # a library's holiday hours, one line a day: "2月4日:9:00—12:00"
    text = "2019年春节放假7天。现安排放假期间开馆时间如下:\n2月4日:9:00—12:00\n"
    got = events(text, date(2019, 1, 24))
    assert [(e["kind"], e["start"], e["end"]) for e in got] == [
        ("service_change", "2019-02-04T09:00:00+08:00", "2019-02-04T12:00:00+08:00")]


def test_days_taken_in_turn_are_one_day_each_and_a_return_to_normal_closes_them():
    # modelled on a bus company's 春节 arrangements (2023: 除夕 is 1月21日)
    text = ("根据往年春节假期期间公交乘客发送量,我公司对部分公交线路的运行计划进行了优化调整。"
            "现将2023年春节假期期间公交线路运营情况通告如下:\n"
            "1、所有公交线路1月21日(除夕)末班车统一调整为17:00发车,1月22日(初一)首班车发车时间统一调整为7:30分发车,"
            "自1月23日(初二)所有线路首末班发车时间恢复正常时刻发车。\n"
            "2、城乡快客线路自1月21日(除夕)至1月23日(初二)暂停运行。\n")
    got = [(e["kind"], e["start"], e["end"]) for e in events(text, date(2023, 1, 18))]
    # no item for 往年's holiday nor for the lead-in's; the return to normal is no item of its own
    assert got == [("service_change", "2023-01-21", "2023-01-21"),
                   ("service_change", "2023-01-22", "2023-01-22"),
                   ("service_change", "2023-01-21", "2023-01-23")]


def test_a_school_break_lasts_until_the_pupils_are_back():
    """Modelled on a university's holiday notice: the break is the day it begins to the day
    before registration (26 February), then registration and classes are their own days."""
    text = ("关于2022年寒假放假安排的通知\n三、寒假放假时间\n"
            "1. 学生:2022年1月3日(星期一)正式放假,2月26日(星期六)、2月27日(星期日)返校注册,2月28日(星期一)上课。\n")
    got = events(text, date(2021, 12, 20))
    spans = [(e["start"], e["end"]) for e in got]
    assert ("2022-01-03", "2022-02-25") in spans
    assert ("2022-02-26", "2022-02-27") in spans and ("2022-02-28", "2022-02-28") in spans
    assert any("寒假" in e["title"] and e["start"] == "2022-01-03" for e in got)


def test_days_that_share_opening_hours_are_a_change_of_hours_not_an_opening():
    (hours,) = extract("市图书馆:1月21日至27日每天9:00—12:00开馆,下午闭馆。", date(2023, 1, 19))
    assert hours.kind.value == "service_change"
    assert (str(hours.start), str(hours.end)) == ("2023-01-21", "2023-01-27")
    # a new venue opening on a day is still an opening
    (opening,) = extract("市科技馆新馆将于2月1日开馆。", date(2023, 1, 19))
    assert opening.kind.value == "event"


def test_a_service_that_stops_at_an_hour_stays_stopped():
    text = "关于南白院区停诊的通知\n南白院区停诊时间\n2025年6月13日17:00正式停诊。\n新院区开诊时间另行通知。\n"
    (event,) = extract(text, date(2025, 6, 10))
    assert event.kind.value == "service_change"
    assert event.start.isoformat() == "2025-06-13T17:00:00+08:00" and event.end is None


def test_a_station_closed_to_its_last_train_is_a_closure_and_no_umbrella_over_other_stations():
    text = ("北京这些地铁站临时封闭\n"
            "2024年9月30日首班车起至10月7日末班车止,2号线、8号线前门站封站,过街通道封闭。\n"
            "2024年9月30日首班车起至末班车止,1号线天安门东站、天安门西站封站;\n"
            "10月1日至7日,每日首班车起至19时30分止,1号线天安门东站、天安门西站封站。\n")
    got = [(e.kind.value, str(e.start), str(e.end)) for e in extract(text, date(2024, 9, 27))]
    assert ("closure", "2024-09-30", "2024-10-07") in got  # 末班车止 is the end of the span, not a cue
    assert ("closure", "2024-09-30", "2024-09-30") in got and ("closure", "2024-10-01", "2024-10-07") in got


def test_free_rides_over_a_holiday_counted_in_days_is_a_period():
    """Modelled on a bus company's notice: '共计9天' counts the days, it is no statistic, and the
    kind comes from the notice's own title below a seasonal banner."""
    text = ("马年新春\n关于全市春节假期免费乘坐公交车的公告\n市民朋友:\n一、实施时间\n"
            "自2026年2月15日至2月23日(腊月二十八至正月初七),共计9天。\n兴化市公共交通有限公司\n2026年2月9日\n")
    (event,) = extract(text, date(2026, 2, 9))
    assert (event.kind.value, str(event.start), str(event.end)) == ("period", "2026-02-15", "2026-02-23")
    assert "公交" in event.title


def test_a_newspaper_page_header_is_neither_topic_nor_item():
    from calendar_service.extract.headings import topic_of
    assert topic_of("第04版:要闻:《 人民日报 》") == ""
    text = "《 人民日报 》( 2022年06月10日   第 04 版)\n上海迪士尼乐园部分外围区域将于6月10日起恢复运营。\n"
    titles = [e.title for e in extract(text, date(2022, 6, 10))]
    assert all("人民日报" not in t for t in titles)


def test_advice_for_a_holiday_is_nothing_scheduled():
    assert extract("最后温馨提醒,春节期间,尽量减少外出活动,出门戴口罩。", date(2020, 1, 23)) == []
    # a holiday phrase over what does happen is still an item
    (closed,) = extract("春节期间,市博物馆暂停开放。", date(2020, 1, 23))
    assert closed.kind.value == "closure" and str(closed.start) == "2020-01-24"


def test_schools_closed_for_a_typhoon_until_further_notice():
    (event,) = extract("受台风影响,10月8日下午起,全市中小学停课,具体复课时间另行通知。", date(2024, 10, 8))
    assert (event.kind.value, str(event.start), event.end) == ("service_change", "2024-10-08", None)
    assert "停课" in event.title


def test_an_open_start_with_a_stated_duration_ends_on_its_last_day():
    (event,) = extract("自2024年10月15日零时起,对G205国道K120+500处实施半幅封闭施工,预计工期30天。", date(2024, 10, 8))
    assert (str(event.start), str(event.end)) == ("2024-10-15", "2024-11-13")


def test_the_issuer_speaking_of_itself_is_no_location():
    (event,) = extract("10月13日上午8:00-12:00,我中心将对系统进行升级维护,届时网上办税服务暂停。", date(2024, 10, 8))
    assert event.location is None
    (event,) = extract("2024年度个人所得税综合所得汇算清缴时间为2025年3月1日至6月30日。", date(2024, 10, 8))
    assert event.title.endswith("汇算清缴")


def test_a_markdown_table_of_outages_gives_a_row_each_titled_by_its_cells():
    text = ("关于2024年10月部分区域停电的通知\n| 停电日期 | 停电时间 | 停电线路 | 停电范围 |\n|---|---|---|---|\n"
            "| 10月15日 | 08:00-18:00 | 10kV城东线 | 幸福小区、和平村 |\n| 10月16日 | 07:30-12:00 | 10kV城西线 | 工业园区 |\n")
    got = extract(text, date(2024, 10, 10))
    assert [(e.start.isoformat(), e.end.isoformat()) for e in got] == [
        ("2024-10-15T08:00:00+08:00", "2024-10-15T18:00:00+08:00"), ("2024-10-16T07:30:00+08:00", "2024-10-16T12:00:00+08:00")]
    assert "幸福小区" in got[0].title and "工业园区" in got[1].title
    assert all("|" not in e.title and "---" not in e.title for e in got)


@pytest.mark.parametrize("text", ["10月20日22:00至次日6:00,人民路停水", "10月20日起人民路封闭施工\n2024年10月15日\n"])
def test_a_notice_that_is_its_title_line_alone_says_its_item_there(text):
    (event,) = extract(text, date(2024, 10, 15))
    assert event.kind.value == "closure" and event.start.day == 20 and "人民路" in event.title


def test_an_html_table_of_outages_reads_a_row_each():
    from calendar_service.extract import read_document
    html = ("<html><body><h1>关于部分区域停水的通知</h1><p>因管网改造,我公司将对以下区域暂停供水:</p>"
            "<table><tr><th>停水时间</th><th>停水区域</th></tr>"
            "<tr><td>2024年10月20日 22:00至次日6:00</td><td>人民路、解放路沿线</td></tr>"
            "<tr><td>2024年10月21日 9:00-17:00</td><td>幸福小区</td></tr></table>"
            "<p>市自来水公司</p><p>2024年10月15日</p></body></html>")
    got = extract(read_document(html.encode(), "a.html"), date(2024, 10, 15))
    assert [(e.start.isoformat(), e.end.isoformat()) for e in got] == [
        ("2024-10-20T22:00:00+08:00", "2024-10-21T06:00:00+08:00"), ("2024-10-21T09:00:00+08:00", "2024-10-21T17:00:00+08:00")]
    assert "人民路" in got[0].title and "幸福小区" in got[1].title


def test_a_taiwan_notice_of_works_scheduled_with_its_own_spelling():
    (event,) = extract("本處訂於113年10月20日起至113年10月25日止,辦理中正路人行道改善工程,施工期間請用路人改道。",
                       date(2024, 10, 15))
    assert (event.kind.value, str(event.start), str(event.end)) == ("closure", "2024-10-20", "2024-10-25")
    assert event.location == "中正路"


def test_a_bare_deed_after_a_sentence_naming_the_venue_is_that_venue_s():
    text = ("本报讯(记者 周科娜) 记者昨天从宁波市城市展览馆获悉,今年“五一”假期,市城市展览馆正常开馆。"
            "开馆时间为4月30日(周六)至5月4日(周三),5月5日(周四)闭馆。")
    closed = [e for e in extract(text, date(2022, 4, 30)) if e.kind.value == "closure"]
    assert [str(e.start) for e in closed] == ["2022-05-05"] and closed[0].title.endswith("城市展览馆闭馆")


def test_that_day_names_the_day_just_said_and_no_more():
    text = "市住房公积金管理中心虎门办事处将于1月26日搬迁至虎门镇综合服务中心。当天,该办事处将暂停办理住房公积金各项业务。"
    paused = [e for e in extract(text, date(2018, 1, 22)) if "暂停" in e.title]
    assert [(str(e.start), str(e.end)) for e in paused] == [("2018-01-26", "2018-01-26")]


def test_the_hours_of_a_dated_line_are_no_caption_for_the_lines_after_it():
    text = ("市人民医院国庆节门诊安排\n现将国庆节假期(10月1日至7日)门诊安排通知如下:\n"
            "一、急诊门诊实行24小时值班。\n三、普通门诊:10月1日至3日停诊;10月4日至7日仅上午开诊(8:00—11:30)。\n"
            "四、体检中心:10月1日至7日暂停健康体检服务。\n")
    checkups = [e for e in extract(text, date(2021, 9, 28)) if "体检" in e.title]
    assert [(str(e.start), str(e.end)) for e in checkups] == [("2021-10-01", "2021-10-07")]


def test_a_timed_start_with_how_many_hours_ends_that_many_hours_later():
    text = "因电力线路检修,我公司定于7月12日8时起对城关镇部分区域停电约8个小时,请用户做好准备。\n"
    (got,) = events(text, date(2024, 7, 10))
    assert (got["start"], got["end"]) == ("2024-07-12T08:00:00+08:00", "2024-07-12T16:00:00+08:00")
    # the issuer speaking of itself is not what is cut off; how long is said by the dates
    assert got["title"] == "城关镇部分区域停电"


def test_a_night_without_water_runs_into_the_next_morning():
    text = ("全城停水通知 | 将于7月12日晚上10点开始\n尊敬的市民们:\n"
            "由于管网维护要求,市政局计划于7月12日晚上10点开始,对全市进行停水24小时。\n")
    (got,) = events(text, date(2024, 7, 10))
    assert (got["start"], got["end"]) == ("2024-07-12T22:00:00+08:00", "2024-07-13T22:00:00+08:00")
    # the headline's notice part heads the title, not its dateline half
    assert got["title"].startswith("全城停水") and "将于" not in got["title"]


def test_tomorrows_stop_said_before_its_records_is_not_one_more_item():
    text = ("明日江北区将有部分区域计划性停水,请提前做好准备。\n"
            "停水时间:8月26日22:00--8月27日07:00\n停水原因:供水管道施工\n影响区域:江北区滨江路沿线用户。\n"
            "停水时间:8月26日23:00--8月27日04:00\n停水原因:管道迁改工程\n影响区域:江北区东湖路一带用户。\n")
    got = [(e["start"], e["end"]) for e in events(text, date(2023, 8, 25))]
    assert got == [("2023-08-26T22:00:00+08:00", "2023-08-27T07:00:00+08:00"),
                   ("2023-08-26T23:00:00+08:00", "2023-08-27T04:00:00+08:00")]


def test_a_day_past_the_end_of_its_month_is_kept_as_the_last_day_and_flagged():
    # 4月31日 does not exist; the closure does: kept to 30 April and sent to review, never dropped
    text = ("关于公路改建工程封闭交通施工的通告\n"
            "(一)封闭交通时间:2020年3月1日—2021年4月31日;\n特此通告。\n")
    (got,) = events(text, date(2020, 3, 1))
    assert (got["kind"], got["start"], got["end"]) == ("closure", "2020-03-01", "2021-04-30")
    assert got["confidence"] <= 0.35


def test_a_template_with_its_dates_left_blank_dates_nothing():
    # sample notices ("范文") and SEO pages leave the dates as XX; 次日 must not become tomorrow
    text = ("停电通知\n本次停电作业定于XXXX年XX月XX日(星期X)凌晨X点至次日凌晨X点,涉及本市区大部分区域。\n"
            "停水时间:20xx年9月25日至20xx年10月30日,共XX天。\n")
    assert events(text, date(2024, 7, 10)) == []


def test_a_letter_spaced_cell_is_one_word_and_a_date_column_header_runs_to_the_first_date():
    # modelled on a library's holiday table: "闭 馆" is 闭馆, and the third column name
    # ("开放功能室") is a header, not the subject of the first row
    text = ("尊敬的各位读者:\n国庆节假期开放安排如下:\n日 期\n开、闭馆时间\n开放功能室\n"
            "10月1日—4日\n闭 馆\n10月8日起\n正常开馆(下午时间调整为1:30—5:00)\n2016年9月28日\n")
    got = events(text, date(2016, 9, 28))
    first = got[0]
    assert (first["kind"], first["start"], first["end"]) == ("closure", "2016-10-01", "2016-10-04")
    assert "闭馆" in first["title"] and "功能室" not in first["title"]
    # the source sentence still points at the notice's own letter-spaced text
    assert text[first["source"]["start"]:first["source"]["end"]].startswith("10月1日")


def test_a_paragraph_announcing_matters_below_takes_no_subject_from_them():
    text = ("某区图书馆临时闭馆公告\n为确保读者健康,经研究,决定自2022年10月1日起临时闭馆,恢复开馆时间另行通知。"
            "现将有关事项公告如下:\n1、馆外24小时自助图书馆继续提供服务;\n2、闭馆期间,还书期限顺延。\n某区图书馆\n2022年10月1日\n")
    (got,) = events(text, date(2022, 10, 1))
    assert (got["kind"], got["start"], got["end"]) == ("closure", "2022-10-01", None)
    assert "自助图书馆" not in got["title"]


def test_year_month_and_day_run_together_are_a_date():
    # a page that lost 年 and 月: "20211210日" is 10 December 2021
    text = "经研究决定:\n20211210日(星期五)12:00-17:00,图书馆303室书库临时闭馆。\n"
    (got,) = events(text, date(2021, 12, 9))
    assert (got["start"], got["end"]) == ("2021-12-10T12:00:00+08:00", "2021-12-10T17:00:00+08:00")


def test_an_event_said_only_to_be_held_somewhere_is_named_by_the_clause_before():
    text = "由图书馆主办的“芳香阅读”找书大赛,将于2021年12月10日(星期五)14点30分在图书馆内举行。\n"
    (got,) = events(text, date(2021, 12, 9))
    assert got["kind"] == "event" and "找书大赛" in got["title"]


def test_what_comes_back_from_today_is_a_change_and_the_reports_date_closes_nothing():
    # modelled on a newspaper report of a service hall's notice: 今天 is when it was published,
    # 即日起 when the midday service comes back
    text = ("某报 10月25日讯(记者 张三 通讯员 李四)今天,市行政服务中心管委会发布通告,即日起,"
            "市行政服务中心办事大厅正式恢复工作日午间延时和周六错时服务。\n")
    got = events(text, date(2021, 10, 25))
    assert [(e["kind"], e["start"], e["end"]) for e in got] == [("service_change", "2021-10-25", None)]
    assert "某报" not in got[0]["title"] and "午间延时" in got[0]["title"]


def test_a_headline_that_dates_what_the_body_only_describes_gives_the_item():
    text = ("即日起,公交4路线临时调整\n发布:2018-11-16 17:14浏览:14629\n"
            "因孙庄大桥至普安段道路实施封闭施工,公交集团对4路线进行临时调整,具体调整情况如下:\n"
            "调整后走向:幸福路停保场发车-幸福路-西门路-新坝客运站。\n"
            "待道路施工结束,4路线将立即恢复原线路运行。\n")
    got = events(text, date(2018, 11, 16))
    # the page's timestamp is furniture; the headline's 即日起 is the change
    assert [(e["kind"], e["category"], e["start"], e["end"]) for e in got] == [
        ("service_change", "transit", "2018-11-16", None)]
    assert "4路" in got[0]["title"]


def test_a_bus_route_stopped_between_two_dates_is_titled_by_the_routes():
    text = ("为节省运力,公共汽车252线、夜48等2条线路将从7月20日至8月31日之间临时停运,"
            "从9月1日首班车起恢复正常营运。\n")
    (got,) = events(text, date(2014, 7, 10))
    assert (got["start"], got["end"], got["category"]) == ("2014-07-20", "2014-08-31", "transit")
    assert "252线" in got["title"] and "之间" not in got["title"]


def test_a_supply_affected_from_tonight_until_tomorrow_morning_is_one_outage():
    # modelled on a Hong Kong Water Supplies Department press release
    text = ("东涌市食水供应受到影响\n水务署宣布,东涌市一带的食水供应将于今日(十一月三日)晚上十时起陆续受到影响。"
            "本署已安排水车及水箱提供临时食水供应。\n"
            "水务署工程团队现正全力进行抢修,预计于明日(十一月四日)早上陆续恢复供水。\n2024年11月3日(星期日)\n")
    got = [(e["kind"], e["category"], e["start"], e["end"]) for e in events(text, date(2024, 11, 3))]
    # back "in the morning": by noon at the latest
    assert got == [("closure", "water", "2024-11-03T22:00:00+08:00", "2024-11-04T12:00:00+08:00")]


def test_a_pages_date_stamp_before_the_text_heads_nothing():
    text = ("date 2026-01-06 水务署今(6日)宣布,接驳工程期间,五洲路、禾径山路一带的食水供应需要暂停,"
            "预计停水时间由1月10日晚上10时至翌日早上8时。\n")
    (got,) = events(text, date(2026, 1, 6))
    assert (got["start"], got["end"]) == ("2026-01-10T22:00:00+08:00", "2026-01-11T08:00:00+08:00")
    assert not got["title"].startswith("date")


def test_paragraphs_of_places_with_hours_take_the_one_day_said_above_them():
    # modelled on a Taiwan news round-up of the water company's cuts: the day once, then hours
    text = ("今晚快储水!明天多县市停水\n"
            "自来水公司配合管线汰换工程,宣布自11月24日起于多个县市实施计划性停水。\n"
            "基隆市南荣路周边高地供水区,将于上午9时至下午3时停水。\n"
            "台中市沙鹿区三鹿里于上午8时至下午4时停水。\n"
            "云林县北港镇光明路一带将从上午8时停水至傍晚6时。\n"
            "自来水公司提醒,住户应于停水期间关闭总表前制水阀。\n")
    got = [(e["start"], e["end"], e["location"]) for e in events(text, date(2025, 11, 23))]
    assert got == [
        ("2025-11-24T09:00:00+08:00", "2025-11-24T15:00:00+08:00", "基隆市南荣路"),
        ("2025-11-24T08:00:00+08:00", "2025-11-24T16:00:00+08:00", "台中市沙鹿区三鹿里"),
        ("2025-11-24T08:00:00+08:00", "2025-11-24T18:00:00+08:00", "云林县北港镇光明路"),
    ]
    # "今晚快储水" says when to get ready, and the stop said inside a range stays in its title
    assert all("停水" in e["title"] for e in events(text, date(2025, 11, 23)))


def test_office_hours_under_a_dated_paragraph_are_no_stop():
    text = ("市民中心自11月24日起恢复对外服务。\n工作日上午9时至下午5时办理业务,暂停周末服务。\n")
    got = [(e["start"], e["end"]) for e in events(text, date(2025, 11, 23))]
    assert ("2025-11-24T09:00:00+08:00", "2025-11-24T17:00:00+08:00") not in got


def test_a_start_with_no_cue_word_takes_its_kind_from_the_sentence_beside_it():
    text = ("现将有关事项通告如下:\n"
            "2、11月1日6时起,黄龙体育中心一环以内道路;北山街(保俶路至曙光路段)和白堤实施交通管制。\n")
    (got,) = events(text, date(2015, 10, 28))
    assert (got["kind"], got["start"]) == ("closure", "2015-11-01T06:00:00+08:00")
    assert got["location"] == "黄龙体育中心"


def test_lines_of_a_timetable_that_end_on_their_verb_are_not_one_broken_paragraph():
    text = ("春节放假期间门诊安排如下:\n"
            "内科、外科、儿科、妇科、产科、骨科、手足外科、耳鼻咽喉科、口腔科、康复科正常开诊\n"
            "中医科除夕、初一、初二休息,初三至初六正常开诊\n")
    got = [(e["kind"], e["start"], e["end"]) for e in events(text, date(2022, 1, 25))]
    # 2022's eve is 31 January; 初三 to 初六, open as usual, is no item
    assert ("service_change", "2022-01-31", "2022-02-02") in got
    assert not any(start == "2022-02-03" for _, start, _ in got)


def test_listed_days_whose_last_train_runs_late_are_each_their_own_night():
    text = "2024年10月6日、7日,2号线北京站双方向末班车时间延长至次日0:30。\n"
    got = [(e["start"], e["end"]) for e in events(text, date(2024, 9, 30))]
    assert got == [("2024-10-06", "2024-10-06"), ("2024-10-07", "2024-10-07")]


def test_a_window_with_seconds_keeps_its_end():
    # the grid company's form: "2024-07-15 08:00:00至2024-07-15 18:00:00"
    text = ("计划停电公告\n停电时间:2024-07-15 08:00:00至2024-07-15 18:00:00\n停电线路:10kV城东线\n"
            "停电区域:城东村、新华小区\n")
    (got,) = events(text, date(2024, 7, 12))
    assert (got["start"], got["end"]) == ("2024-07-15T08:00:00+08:00", "2024-07-15T18:00:00+08:00")
    assert "城东线" in got["title"]


def test_a_reason_between_the_date_and_the_deed_is_no_title():
    text = "本周六(6月17日)上午8时至12时,因线路检修,城关镇东街片区停电。\n"
    (got,) = events(text, date(2023, 6, 12))
    assert got["title"] == "城关镇东街片区停电"
    assert (got["start"], got["end"]) == ("2023-06-17T08:00:00+08:00", "2023-06-17T12:00:00+08:00")


def test_a_citizen_centre_is_a_place_and_where_a_counter_moves_to_is_not():
    (got,) = events("下周一起,市民中心二楼社保窗口迁至三楼办理。\n", date(2023, 6, 12))
    assert (got["kind"], got["start"], got["location"]) == ("service_change", "2023-06-19", "市民中心")


def test_a_rain_date_is_no_extension_and_taiwans_scheduling_words_leave_the_title():
    text = ("台电公司预定停电通知\n为加强供电品质,本公司预定于113年5月23日(星期四)上午8时30分至下午4时30分,"
            "在新竹县竹北市中正西路一带进行线路施工,施工期间将暂停供电。\n"
            "如遇雨天则顺延至5月24日(星期五)同一时段施工。\n台湾电力公司新竹区营业处\n")
    got = events(text, date(2024, 5, 20))
    # ROC year 113 is 2024; the rain date is a condition, not the end of the works
    assert [(e["start"], e["end"]) for e in got] == [("2024-05-23T08:30:00+08:00", "2024-05-23T16:30:00+08:00")]
    assert got[0]["title"].startswith("新竹县竹北市中正西路") and got[0]["location"].startswith("新竹县竹北市")


def test_hours_of_places_under_a_dated_lead_in_and_roads_under_a_deed():
    text = ("停水通知\n因供水管网改造,定于4月3日对下列区域停水:\n阳光小区:8:00-17:00\n幸福家园:9:00-12:00\n"
            "请用户做好储水准备。\n")
    got = [(e["start"], e["end"], e["location"]) for e in events(text, date(2024, 4, 1))]
    assert got == [("2024-04-03T08:00:00+08:00", "2024-04-03T17:00:00+08:00", "阳光小区"),
                   ("2024-04-03T09:00:00+08:00", "2024-04-03T12:00:00+08:00", "幸福家园")]
    text = ("关于对市区部分道路实施封闭施工的通告\n经研究决定,对以下道路进行封闭施工:\n"
            "1.解放路(人民路至胜利路段),4月5日至5月20日;\n3.建设路与文化路交叉口,4月8日22时至4月9日6时。\n")
    titles = [e["title"] for e in events(text, date(2024, 4, 1))]
    # the road and what the lead-in says happens there; no "对市" cut from the heading
    assert titles == ["解放路(人民路至胜利路段)封闭施工", "建设路与文化路交叉口封闭施工"]


def test_a_numbered_table_row_with_a_date_cell_then_an_hours_cell():
    text = ("停电计划公告\n序号\n停电日期\n停电时间\n停电线路\n停电范围\n"
            "1\n6月12日\n08:00-18:00\n10kV东城线\n东城村、西湖小区\n"
            "2\n6月13日\n07:30-12:30\n10kV南湖Ⅰ回\n南湖工业园\n")
    got = [(e["start"], e["end"], e["location"]) for e in events(text, date(2024, 6, 10))]
    # each row's hours are its own, not a caption for the rows below
    assert got == [("2024-06-12T08:00:00+08:00", "2024-06-12T18:00:00+08:00", "10kV东城线"),
                   ("2024-06-13T07:30:00+08:00", "2024-06-13T12:30:00+08:00", "10kV南湖Ⅰ回")]


def test_a_day_with_how_many_days_a_stop_lasts():
    text = "受台风影响,7月25日全市中小学、幼儿园停课一天,所有景区暂停开放。\n"
    (got,) = events(text, date(2024, 7, 1))
    assert (got["kind"], got["category"], got["start"], got["end"]) == (
        "service_change", "registration", "2024-07-25", "2024-07-25")
    assert not got["title"].startswith("受台风") and got["location"] is None


def test_signatures_and_page_lines_inside_one_flattened_line_date_nothing():
    text = ("某桥临时封闭通告 为保障桥梁安全,定于2026年1月20日9:30—11:00对城东大桥实施临时全封闭管理。"
            "特此通告。 某县公安局交通管理大队 某县住房和城乡建设局 2026年1月19日 |\n")
    got = [(e["start"], e["end"]) for e in events(text, date(2026, 1, 19))]
    assert got == [("2026-01-20T09:30:00+08:00", "2026-01-20T11:00:00+08:00")]
    text = ("浙江日报 人文·好学 00014 杭州启动高考动员 2015-06-01 3900645 2 2015年06月01日 星期一\n"
            "一年一度的高考将于6月7日至9日进行。\n")
    got = [(e["start"], e["end"]) for e in events(text, date(2015, 5, 31))]
    assert got == [("2015-06-07", "2015-06-09")]


def test_a_press_release_that_ends_its_last_line_with_its_date_dates_nothing_there():
    text = ("新闻公报\n九龙寨城公园的衙门(前左院及正门)三月二十三日至四月十六日暂停开放。\n"
            "市民欲查询上述设施的最新情况,可参阅场地告示。2015年2月23日(星期一)\n")
    got = [(e["start"], e["end"]) for e in events(text, date(2015, 2, 23))]
    assert got == [("2015-03-23", "2015-04-16")]
    # a numbered date line heads an item, it signs nothing
    text = "寒假停电安排如下:\n2.2026年2月2日(星期一)\n停电线路:校内高新线。\n"
    assert [e["start"] for e in events(text, date(2026, 1, 12))] == ["2026-02-02"]


def test_a_service_that_will_be_affected_for_some_hours_is_an_outage():
    (got,) = events("因光缆割接,11月22日凌晨0:00-6:00,中国电信城南片区宽带、固话业务将受影响。\n", date(2024, 11, 20))
    assert (got["kind"], got["category"], got["start"], got["end"]) == (
        "closure", "network", "2024-11-22T00:00:00+08:00", "2024-11-22T06:00:00+08:00")


def test_a_closure_lasting_some_months_and_a_rule_that_pauses_on_holidays():
    text = "运输署宣布,由于进行道路工程,由十二月一日凌晨零时起,太子道西近衙前围道的一段慢线将会封闭,为期约两个月。\n"
    (got,) = events(text, date(2024, 11, 20))
    # two months from 1 December: to the last day of January
    assert (got["kind"], got["start"], got["end"]) == ("closure", "2024-12-01", "2025-01-31")
    text = ("自2024年12月2日起至2025年5月31日,每周一至周五(法定节假日除外)7:00至20:00,"
            "本市五环路以内道路对机动车实施按车牌尾号限行措施。\n")
    (got,) = events(text, date(2024, 11, 20))
    assert (got["kind"], got["start"], got["end"], got["location"]) == ("closure", "2024-12-02", "2025-05-31", "五环路")


def test_a_signer_and_date_closing_a_one_line_notice_and_a_heading_with_no_district():
    text = ("各位居民:接自来水公司通知,因管道维修,明天(11月21日)上午8点到下午5点小区停水,请大家提前储水。"
            "物业服务中心 2024.11.20\n")
    got = [(e["start"], e["end"]) for e in events(text, date(2024, 11, 20))]
    assert got == [("2024-11-21T08:00:00+08:00", "2024-11-21T17:00:00+08:00")]
    text = ("## 关于部分区域临时停水的通知\n| 停水区域 | 停水时间 |\n|---|---|\n"
            "| 南门街沿线商铺 | 11月23日 8:30-12:00 |\n")
    (got,) = events(text, date(2024, 11, 20))
    # "部分区域" names no district to put before the street
    assert got["title"].startswith("南门街沿线商铺")


def test_the_day_a_reopening_was_announced_opens_nothing():
    text = ("本报上海6月9日电 9日,上海迪士尼度假区宣布,星愿公园、迪士尼世界商店等上海迪士尼乐园部分外围区域"
            "将于6月10日起恢复运营。\n")
    got = [(e["kind"], e["start"], e["end"]) for e in events(text, date(2022, 6, 9))]
    # news that a place reopens: a change from that day on
    assert got == [("service_change", "2022-06-10", None)]


def test_a_reopening_from_the_day_of_publication_is_news_of_a_change():
    text = "五台山风景(jing)名胜区管理委员会公告显示,自(zi)3月25日零时起,五台山景区恢复露天游览区域开(kai)(kai)放。\n"
    (got,) = events(text, date(2020, 3, 25))
    # from midnight of the 25th: a change from the 25th, not from the 26th; glosses out of the title
    assert (got["kind"], got["start"], got["end"]) == ("service_change", "2020-03-25", None)
    assert "(" not in got["title"] and "开放" in got["title"]


def test_the_lines_below_a_lead_in_say_where_not_what_follows_it():
    text = ("降压供水通知\n因配合道路施工迁改供水管道,我司定于2024年11月22日22:00至23日6:00对以下区域降压供水,"
            "届时高楼层用户可能出现无水情况:\n天河北路、体育西路沿线;\n林和西路(广州东站至天河北路段)。\n")
    (got,) = events(text, date(2024, 11, 20))
    assert got["title"] == "天河北路、体育西路沿线:降压供水"
    assert got["location"].startswith("天河北路")  # not 高楼 of 高楼层


def test_an_event_and_the_closure_it_brings_then_are_two_items():
    text = "5月12日上午7:00-12:00,市区将举行健步走活动,届时人民大道(和平路至解放路段)实行交通管制,禁止机动车通行。\n"
    got = [(e["kind"], e["start"], e["end"]) for e in events(text, date(2024, 5, 6))]
    assert got == [("event", "2024-05-12T07:00:00+08:00", "2024-05-12T12:00:00+08:00"),
                   ("closure", "2024-05-12T07:00:00+08:00", "2024-05-12T12:00:00+08:00")]
    assert events(text, date(2024, 5, 6))[1]["title"].startswith("人民大道")


def test_a_span_that_begins_and_ends_is_no_deadline_unless_something_is_to_be_done_in_it():
    (got,) = events("2025年春运将于1月14日开始,2月22日结束,共40天。\n", date(2025, 1, 6))
    assert got["kind"] != "deadline" and (got["start"], got["end"]) == ("2025-01-14", "2025-02-22")
    (got,) = events("明年公园年票发售充值工作将于12月15日开始,至2011年1月15日结束。\n", date(2010, 12, 10))
    assert (got["kind"], got["start"], got["end"]) == ("deadline", "2010-12-15", "2011-01-15")


def test_open_as_usual_over_a_holiday_with_one_day_closed_and_mondays_closed_again():
    text = "春节期间(1月28日至2月4日),市博物馆正常开放,1月28日(除夕)闭馆一天,2月5日(星期三)起恢复周一闭馆。\n"
    got = [(e["kind"], e["start"], e["end"], e["location"]) for e in events(text, date(2025, 1, 6))]
    # the holiday is as usual; 除夕 is closed; Mondays closed again is how things were, no reopening
    assert got == [("closure", "2025-01-28", "2025-01-28", "市博物馆")]


def test_each_line_below_a_dated_lead_in_that_says_its_own_stop_is_an_item():
    text = ("运输署宣布,为配合道路工程,由二〇二四年十二月一日(星期日)上午六时起,以下临时交通安排将会实施:\n"
            "- 弥敦道北行介乎佐敦道与宝灵街之间的一段慢线将会封闭;\n"
            "- 宝灵街东行介乎弥敦道与上海街之间的一段将会封闭。\n")
    got = [(e["kind"], e["start"], e["location"]) for e in events(text, date(2024, 11, 25))]
    assert got == [("closure", "2024-12-01T06:00:00+08:00", "弥敦道北行介乎佐敦道与宝灵街之间的一段"),
                   ("closure", "2024-12-01T06:00:00+08:00", "宝灵街东行介乎弥敦道与上海街之间的一段")]
    # lines that only name areas stay the lead-in's one item
    text = ("停气通知\n因燃气管网改造施工,我公司将于2024年11月25日9:00至18:00对以下区域暂停供气:\n"
            "1、幸福路以东、和平街以北区域;\n2、金色家园小区全部楼栋。\n")
    assert len(events(text, date(2024, 11, 20))) == 1


def test_two_numbered_items_on_the_same_window_from_one_junction_are_two_closures():
    # a race's closures: items 二 and 四 start at the same junction at the same hours but close
    # different stretches; neither restates the other
    text = ("关于马拉松比赛期间交通管制的通告\n"
            "一、5月12日7时至9时,东湖路与学府路交叉口至东湖路与滨江路交叉口全路段,禁止车辆通行。\n"
            "二、5月12日8时至10时,学府路与东湖路交叉口至学府路与长安路交叉口全路段,禁止车辆通行。\n"
            "三、5月12日8时至10时,学府路与东湖路交叉口至东湖路与解放路交叉口全路段,禁止车辆通行。\n")
    events = extract(text, date(2024, 5, 8))
    windows = sorted((e.start.hour, e.end.hour, e.title) for e in events if e.kind.value == "closure")
    assert [(s, e) for s, e, _ in windows] == [(7, 9), (8, 10), (8, 10)]
    assert any("长安路" in t for *_, t in windows) and any("解放路" in t for *_, t in windows)


def test_a_place_named_more_fully_is_the_same_place():
    # the heading's 湖口乡东兴村 and the table's 东兴村 on the same hours are one outage
    text = ("湖口乡东兴村停水通知\n"
            "因管线施工,2020年5月25日8时至26日7时湖口乡东兴村停水。\n"
            "停水时间:2020年5月25日8时至26日7时 停水范围:东兴村\n")
    events = extract(text, date(2020, 5, 20))
    assert len([e for e in events if e.kind.value == "closure"]) == 1


def test_a_lead_over_a_table_of_each_days_hours_is_said_by_the_table():
    # "计划于10月3日、4日分片区分时段停电…具体见安排表:" over rows of each day's hours and areas
    text = ("停电通知\n各学院:\n计划于10月3日、4日分片区分时段停电开展检修作业,具体见安排表:\n"
            "日期停电时间停电涉及范围\n10月3日\n(星期五)\n8:00-12:00网络中心机房,食堂\n"
            "10月4日\n(星期六)\n8:00-12:00宿舍3、4#楼,图书馆\n后勤管理处\n2025年9月30日\n")
    events = extract(text, date(2025, 9, 30))
    assert sorted((str(e.start), str(e.end)) for e in events) == [
        ("2025-10-03 08:00:00+08:00", "2025-10-03 12:00:00+08:00"),
        ("2025-10-04 08:00:00+08:00", "2025-10-04 12:00:00+08:00")]


def test_the_day_a_press_release_announces_something_is_no_event():
    # "今日(10日)公布": when the office spoke; "成绩将于6月25日公布": when results come out
    text = "差饷物业估价署今日(10日)公布,10月至12月季度差饷通知书已经发出,并须于10月31日或之前缴交。"
    events = extract(text, date(2025, 10, 10))
    assert [(e.kind.value, str(e.end)) for e in events] == [("deadline", "2025-10-31")]
    (result,) = extract("今年高考成绩将于6月25日公布。", date(2025, 6, 10))
    assert result.kind.value == "event" and str(result.start) == "2025-06-25"


def test_the_first_day_of_a_period_said_again_is_no_period_of_its_own():
    text = "各热企已启动供热系统,确保10月10日按期供暖。按照规定,本市供热期为10月10日至次年4月10日。"
    events = extract(text, date(2019, 10, 8))
    assert [(e.kind.value, str(e.start), str(e.end)) for e in events] == [("period", "2019-10-10", "2020-04-10")]


def test_the_day_a_service_stops_said_again_is_the_start_of_the_stop():
    # the lead's "10月5日0时…停机" is the section's "10月5日0时起…暂停…" stop, not a stop of its own
    text = ("关于医保信息系统切换的通知\n"
            "9月29日市医疗保障局发布消息,2021年10月5日0时原医疗保险信息管理系统停机,2021年10月11日8:00"
            "正式启用新平台,切换期间医保业务暂停服务。\n"
            "一、切换期间医保业务暂停服务及恢复时间\n"
            "(一)2021年10月5日0时起,原系统停止运行,暂停所有医保经办业务办理。\n"
            "(二)2021年10月11日8:00起,正式恢复窗口参保、缴费等业务。\n")
    events = extract(text, date(2021, 9, 29))
    stops = [e for e in events if e.end is not None]
    assert len(stops) == 1 and (stops[0].start.day, stops[0].end.day, stops[0].end.hour) == (5, 11, 8)


@pytest.mark.parametrize("text", [
    "政府推出长达15天的意见收集期(由5月19日至6月2日)。",
    "特区政府延长交通规划公开咨询期至2月9日。",
])
def test_a_window_for_comments_is_a_deadline(text):
    (event,) = extract(text, date(2021, 1, 10))
    assert event.kind.value == "deadline"


def test_a_line_of_name_and_dates_pairs_gives_each_name_its_own_dates():
    text = "兰州市小学新生报名时间确定\n各区报名时间如下:\n城关:7月11日-13日,七里河:7月11日-12日,安宁:7月13日-14日\n"
    events = extract(text, date(2015, 6, 29))
    named = {(str(e.start), str(e.end)): e.title for e in events}
    assert named[("2015-07-11", "2015-07-13")].endswith("城关")
    assert named[("2015-07-11", "2015-07-12")].endswith("七里河") and "城关" not in named[("2015-07-11", "2015-07-12")]
    assert named[("2015-07-13", "2015-07-14")].endswith("安宁") and "城关" not in named[("2015-07-13", "2015-07-14")]


def test_the_day_an_office_posted_its_notice_is_no_item():
    text = "水泊梁山风景区官方微信号19日公告,自2022年3月20日起,水泊梁山景区暂时关闭。"
    events = extract(text, date(2022, 3, 19))
    assert [str(e.start) for e in events] == ["2022-03-20"]


def test_a_closure_whose_reopening_is_to_be_announced_is_a_closure():
    # "恢复开放时间另行通知" names no opening hours: the venue is closed from the 20th
    (event,) = extract("自2022年3月20日起,水泊梁山景区暂时关闭,恢复开放时间另行通知。", date(2022, 3, 19))
    assert (event.kind.value, str(event.start), event.end) == ("closure", "2022-03-20", None)


def test_an_open_start_above_a_notice_that_spans_it_is_said_by_the_notice():
    # a post ("10月27日起…临时交通管制") over the formal notice that gives the road's span
    text = ("南昌交警发布通告!\n10月27日(本周日)起\n讲武堂路(戴家路-八一大道)\n等部分道路临时交通管制,\n"
            "关于南昌市排水改造工程施工期间交通管制的通告\n"
            "一、2024年10月27日-2024年12月24日讲武堂路(戴家路-八一大道)禁止机动车通行。\n"
            "南昌市公安局交通管理局\n2024年10月24日\n")
    events = extract(text, date(2024, 10, 24))
    assert [(str(e.start), str(e.end)) for e in events] == [("2024-10-27", "2024-12-24")]


def test_a_start_said_again_with_its_end_is_one_closure_that_ends_then():
    # "下午3时半起封路" heads the paragraph that says the closure runs to 11:45 p.m.
    text = ("运输署提醒市民,为配合年初一(17日)在尖沙咀举行的新春汇演之夜,多区将实施特别交通安排。\n"
            "年初一下午3时半起封路 为配合年初一晚上8时在尖沙咀举行的新春汇演之夜,尖沙咀多条道路会由当天"
            "下午3时半至晚上11时45分分阶段实施封路措施。\n")
    closures = [e for e in extract(text, date(2026, 2, 12)) if e.kind.value == "closure"]
    assert [(e.start.strftime("%m-%d %H:%M"), e.end.strftime("%H:%M")) for e in closures] == [("02-17 15:30", "23:45")]
    assert not closures[0].title.startswith("运输署提醒市:")  # 市民 are residents, not a city


def test_a_change_that_began_within_the_month_is_still_news_and_an_older_one_background():
    text = "自2021年11月1日起,永兴镇婚姻登记机关停止办理婚姻登记业务。"
    assert [str(e.start) for e in extract(text, date(2021, 11, 29))] == ["2021-11-01"]
    assert extract(text, date(2022, 1, 24)) == []


def test_heating_started_early_runs_to_the_end_of_the_heating_period():
    text = ("关于根据气候变化调整开栓供热时间的通知\n"
            "依据《供热管理条例》规定,本市供热期为当年十月二十五日零时至次年四月十日二十四时。\n"
            "根据气象部门预报,市政府决定于10月18日提前向中心城区具备条件的供热区域开栓供热。\n")
    spans = {(e.kind.value, str(e.start), str(e.end)) for e in extract(text, date(2024, 10, 16))}
    assert ("service_change", "2024-10-18", "2025-04-10") in spans


def test_the_day_work_resumes_after_a_break_is_the_breaks_end_said_again():
    text = "寒假放假安排\n教职工:2022年1月3日(星期一)至2月23日(星期三)放假,2月24日(星期四)起正式上班。\n"
    events = extract(text, date(2021, 12, 20))
    assert [(str(e.start), str(e.end)) for e in events] == [("2022-01-03", "2022-02-23")]


def test_an_extension_runs_from_the_old_end_stated_in_the_notice():
    text = ("集中供暖延长至18日零时\n据了解,根据规定,本市供暖期停热时间为3月15日零时。\n"
            "按照市政府要求,市主城区供暖期延长至2023年3月18日零时,已缴费的居民用户不再另外收取费用。\n")
    periods = [(str(e.start), str(e.end)) for e in extract(text, date(2023, 3, 14)) if e.kind.value == "period"]
    assert periods == [("2023-03-15", "2023-03-17")]


def test_a_weather_forecast_is_a_reason_not_an_item():
    text = ("集中供暖延长至18日零时\n据市气象局预报,16、17日将迎来倒春寒天气,最低气温低至3度。\n"
            "按照市政府要求,市主城区供暖期延长至2023年3月18日零时。\n")
    assert [e.kind.value for e in extract(text, date(2023, 3, 14))] == ["period"]
    # while what the weather brings is an item
    (event,) = extract("受寒潮天气影响,3月17日全市中小学停课一天。", date(2023, 3, 14))
    assert event.kind.value == "service_change" and str(event.start) == "2023-03-17"


def test_a_day_of_service_inside_the_days_off_is_that_days_opening():
    text = ("中秋节、国庆节放假安排\n今年“中秋节、国庆节”放假时间为:9月29日(星期五)至10月6日(星期五),共8天。\n"
            "10月1日(星期日)市政务服务中心二楼出入境窗口正常对外提供服务,受理护照申请。\n")
    opening = [e for e in extract(text, date(2023, 9, 25)) if "出入境" in e.title]
    assert [(e.kind.value, str(e.start), str(e.end)) for e in opening] == [("event", "2023-10-01", "2023-10-01")]


def test_a_deadline_said_to_be_over_already_is_news():
    text = "我们学校举办活动,7月15日才能从学校回来,可报名时间早就截止了。"
    assert extract(text, date(2013, 7, 12)) == []


def test_an_item_without_a_place_takes_the_school_named_in_the_sentence_before():
    text = ("北京高招录取工作已落下帷幕\n为了方便新生做好入学准备,北京交通大学公布了新生入学安排。"
            "在8月28日18时前无法保证到校报到的新生,要于27日17时前发传真至招生办公室,并打电话向所属学院辅导员老师请假。\n")
    places = {e.location for e in extract(text, date(2012, 8, 20))}
    assert places == {"北京交通大学"}


def test_the_moment_service_resumes_is_the_stops_end_said_again():
    text = ("系统升级公告\n一、暂停办理业务时间\n2019年8月21日20时至2019年8月26日8时。\n"
            "ITS税务大厅端暂停办理所有业务。\n二、恢复业务办理安排\n2019年8月26日8时,以上暂停业务恢复办理。\n")
    got = [(e.start.strftime("%d %H:%M"), e.end.strftime("%d %H:%M")) for e in extract(text, date(2019, 8, 19))]
    assert got == [("21 20:00", "26 08:00")]


@pytest.mark.parametrize("text, start, end, title_has", [
    # a Hong Kong press release: closed now (line one), reopening tomorrow at 6:30 (line two)
    ("康文署今日宣布,由于发现有少量粪便,该游泳池现已暂时关闭,以便进行清洁消毒。\n游泳池将于明日(20日)上午6时30分重开。\n",
     "2024-04-19", "2024-04-20T06:30:00+08:00", "关闭"),
    # closed now, opening again on the 22nd: the last closed day is the 21st
    ("通告\n受暴雨影响,人民路目前已封闭,预计4月22日恢复通行。\n", "2024-04-19", "2024-04-21", "人民路"),
    # the reopening named as a field of its own
    ("通告\n因桥梁维修,人民桥实施封闭,预计桥梁恢复通行时间为2024年4月25日。\n", "2024-04-19", "2024-04-24", "封闭"),
    ("通知\n因管道爆裂,幸福小区现已停水,预计4月19日18时恢复供水。\n", "2024-04-19", "2024-04-19T18:00:00+08:00", "停水"),
    # the stop said without a date before the reopening, in a news report of a burst main
    ("通知\n受此影响,东三街以西用户停水或降压供水,预计今天(4.19)22点左右抢修完毕恢复供水。\n", "2024-04-19",
     "2024-04-19T22:00:00+08:00", "东三街"),
    # Hong Kong: the supply "暫停" in the paragraph above, the reopening tonight (预计 before it is no estimate of a figure)
    ("土瓜灣沖廁水供應暫停\n水務署今日宣布,由於水管爆裂,土瓜灣地區全部樓宇的沖廁水供應暫停。\n"
     "水務署現正進行搶修,預計於今日晚上八時恢復正常供水。\n", "2024-04-19", "2024-04-19T20:00:00+08:00", "土瓜灣"),
])
def test_a_stop_under_way_as_the_notice_is_written_runs_from_then_to_its_reopening(text, start, end, title_has):
    [e] = events(text, date(2024, 4, 19))
    assert e["kind"] == "closure"
    assert (e["start"][:10], e["end"]) == (start, end)
    assert title_has in e["title"]


def test_a_reopening_alone_is_still_news_of_a_service_back():
    [e] = events("上海迪士尼4月20日起恢复运营。\n", date(2024, 4, 19))
    assert (e["kind"], e["start"], e["end"]) == ("service_change", "2024-04-20", None)


def test_a_closure_from_a_day_set_for_five_days_for_now_ends_on_the_fifth():
    # 29 July + 4 days = 2 August; the reopening "另行通知" may move it, the calendar still shows the five days
    text = "通知\n成都动物园从2022年7月29日起闭园,暂定实施5天,后续将根据疫情进展作动态调整,具体开放时间另行通知。\n"
    [e] = events(text, date(2022, 7, 29))
    assert (e["kind"], e["start"], e["end"], e["location"]) == ("closure", "2022-07-29", "2022-08-02", "成都动物园")


def test_hours_given_in_a_field_after_the_sentence_of_the_day_time_that_day():
    # published Friday 5 May 2006: 本周日 is Sunday the 7th
    text = "通知\n本周日,市一医院等医院的专家联合开展大型义诊活动。活动地点:五一广场北侧,时间:8:30~11:00。\n"
    [e] = events(text, date(2006, 5, 5))
    assert (e["start"], e["end"]) == ("2006-05-07T08:30:00+08:00", "2006-05-07T11:00:00+08:00")


def test_hours_said_of_every_day_after_a_span_leave_the_span_alone():
    text = "通知\n5月7日至5月9日开展义诊活动。每天时间:8:30~11:00。\n"
    [e] = events(text, date(2006, 5, 5))
    assert (e["start"], e["end"]) == ("2006-05-07", "2006-05-09")


@pytest.mark.parametrize("text, where", [
    # the works in one sentence, what residents lose in the next, "then"
    ("停水通知\n为配合管道改造工程,11月30日22:00至12月1日12:00,水务集团将对DN300管线进行合口。"
     "届时,张庄路道路北侧和老屯东路将会停水。\n", "张庄路"),
    # …or in the same sentence
    ("停水通知\n因配合道路扩建,11月30日22:00至12月1日12:00对汽车站DN1000给水管道实施迁建,届时张庄路沿线将停水16小时。\n",
     "张庄路"),
])
def test_works_whose_then_stops_the_supply_are_that_stop(text, where):
    [e] = events(text, date(2023, 11, 27))
    assert (e["kind"], e["start"], e["end"]) == ("closure", "2023-11-30T22:00:00+08:00", "2023-12-01T12:00:00+08:00")
    assert where in e["title"] and "停水" in e["title"]


def test_works_whose_then_names_no_place_keep_their_own_words():
    text = ("停水通知\n定于4月27日21时至4月29日5时对岔路镇供水管网进行例行维护冲洗。"
            "届时,部分区域将停止供水或低压供水,请提前做好蓄水准备。\n")
    [e] = events(text, date(2023, 4, 20))
    assert e["kind"] == "closure" and "岔路镇" in e["title"]


def test_a_day_alone_on_its_line_under_its_label_dates_the_当天_below():
    [e] = events("医院搬迁公告\n搬迁时间\n2024年12月7日\n当天急诊停止接诊,新院区开诊。\n", date(2024, 11, 28))
    assert (e["start"], e["end"]) == ("2024-12-07", "2024-12-07")


def test_a_span_alone_on_its_line_under_its_field_is_no_dateline():
    text = ("关于营销系统升级的公告\n一、升级时间:\n2024年4月18日22时至2024年4月24日8时\n二、影响业务:\n"
            "系统升级期间,网上缴费渠道将暂停电费交纳。\n")
    [e] = events(text, date(2024, 4, 15))
    assert (e["start"], e["end"]) == ("2024-04-18T22:00:00+08:00", "2024-04-24T08:00:00+08:00")


def test_works_said_first_are_the_span_of_the_stops_they_bring_not_an_item_beside_them():
    text = ("尊敬的用户:\n我集团计划于2024年11月9日至11月10日,对供水管道实施迁改连通作业。施工期间,磁湖路沿线用户"
            "将于11月9日23:00-11月10日4:00停水,11月10日4:00—11月10日11:00降压。\n")
    got = [(e["kind"], e["start"], e["end"]) for e in events(text, date(2024, 11, 8))]
    assert ("service_change", "2024-11-09", "2024-11-10") not in got
    assert ("closure", "2024-11-09T23:00:00+08:00", "2024-11-10T04:00:00+08:00") in got
