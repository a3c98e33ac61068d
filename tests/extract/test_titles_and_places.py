"""Titles say what and where; places are names, never fragments. Expected values written by hand."""
from datetime import date

import pytest

from calendar_service.extract import Category, extract
from calendar_service.extract.aliases import aliases, shortened
from calendar_service.extract.normalise import analysis_text, restore
from calendar_service.extract.places import find_place
from calendar_service.extract.titles import TitleContext, make_title


@pytest.mark.parametrize("text,place", [
    ("计划对龙源路与山阳路交叉口半幅封闭施工", "龙源路与山阳路交叉口"),
    ("对东风街至西湖路封闭", "东风街"),
    ("2号线前门站封站", "前门站"),             # 前 inside a name is not a cut
    ("和平路自来水管道维修", "和平路"),
    ("迎胜站10KV科山线检修", "迎胜站10KV科山线"),  # the longer reading at one place
    ("今年五一假期开馆时间", None),             # 开馆 is a deed, not a place
    ("请到社区服务中心办理", "社区服务中心"),
    ("我省2018年普通高等学校招生", "普通高等学校"),  # a year is not part of a name
    ("弥敦道南行线将会封闭", "弥敦道"),         # 道 alone is a Hong Kong road
    ("轩尼诗道(西行)的慢线", "轩尼诗道"),
    ("据报道,明天停水", None),                  # …but not in 报道, 通道, 人行道, 改道
    # what is affected by, left out of, or the unit for something is no part of the name
    ("受七姊妹道工程影响,停气", "七姊妹道"),
    ("不含医院内部设置的门诊部", None),
    ("以学校为单位组织接种", None),
    ("专科以上学校学生", "专科以上学校"),       # 以上 is no "by means of"
    ("网路设备维护,网路中断", None),            # Taiwan's 網路 is the network
    ("首班车起临时改道", None),
    ("本处订于10月20日起办理中正路人行道改善工程", "中正路"),
    # a stretch between two places (Hong Kong, Macao): the whole phrase, not the first junction
    ("封闭交通 介乎岗陵街与腊八街之间的一段马大臣街 (紧急服务车辆除外)", "介乎岗陵街与腊八街之间的一段马大臣街"),
    ("介乎民康街与维园道之间的一段东区走廊(西行)会由晚上7时45分起封闭", "介乎民康街与维园道之间的一段东区走廊(西行)"),
    ("龙翔道(东行)介乎大磡道与斧山道的全线封闭", "龙翔道(东行)介乎大磡道与斧山道的全线"),
    # a road's own parts go on with its name
    ("决定对青石大道连接线实行临时交通管制", "青石大道连接线"),
    ("北环路辅路半幅封闭", "北环路辅路"),
    # what a plan follows is no place: "根据学校校历", "按照学校安排" (学校 alone names none)
    ("根据学校校历安排,在校生1月12日正式放假", None),
    ("按照学校安排,学生1月12日放假", None),
    # a year's words are no part of a name; kinds of places and offices are no places
    ("2024年初中学业水平考试网上报名", None),
    ("2023年下半年中小学教师资格认定工作即将启动", None),
    ("今年人民路改造工程", "人民路"),
    ("记者从市市场监管局了解到", None),
    ("城区定点发车线路及镇村线路均按正常计划运行", None),
    ("请到所在社区服务站办理", None),
    ("天府经济园区计划停电", "天府经济园区"),
    ("乘客可到的士站候车", None),
    ("考生须登录报名网站打印准考证", None),  # a website is no place to put in a calendar
    # why and whom works touch is no part of a name, even where the reading starts inside the word
    ("主因配合道路拓宽进行管线工程,影响大园区南港里塔脚一路", "大园区南港里塔脚一路"),
    ("配合东湖路拓宽工程", "东湖路"),
    ("每周六、周日市图书馆举办少儿绘本阅读活动", "市图书馆"),  # a weekday is no part of a name
    ("周庄镇古镇景区暂停开放", "周庄镇"),                      # …but 周 may start one
])
def test_places(text, place):
    assert find_place(text) == place


def test_a_thin_field_is_titled_by_its_subject_and_deed():
    ctx = TitleContext(subject="迎胜站10KV科山线", deed="停电")
    assert make_title("检修时间", "closure", ctx) == "迎胜站10KV科山线停电"


def test_a_heading_over_the_line_is_named_in_its_title():
    ctx = TitleContext(area="容城县", subject="豪丹路、文昌道", deed="交通管制")
    assert make_title("", "closure", ctx) == "容城县:豪丹路、文昌道交通管制"


def test_a_clause_that_names_its_place_keeps_its_own_words():
    ctx = TitleContext(topic="关于道路施工的通告")
    assert make_title("龙源路与山阳路交叉口半幅封闭施工", "closure", ctx) == "龙源路与山阳路交叉口半幅封闭施工"


def test_a_clause_without_a_subject_takes_the_notice_topic():
    ctx = TitleContext(topic="城乡居民医保缴费")
    assert make_title("请按时缴纳", "deadline", ctx).startswith("城乡居民医保缴费")


def test_clock_times_do_not_stay_in_titles():
    assert make_title("下午14:00—17:30交通管制", "closure", TitleContext(subject="旬阳中学周边路段")) \
        == "旬阳中学周边路段:交通管制"


def test_short_names_a_notice_gives_itself_are_used():
    text = "为做好我市2020年度城乡居民基本医疗保险(以下简称“居民医保”)参保缴费工作"
    names = aliases(text)
    assert names["城乡居民基本医疗保险"] == "居民医保"
    assert shortened("城乡居民基本医疗保险缴费截止", names) == "居民医保缴费截止"
    assert shortened("2025年普通高校招生考试(以下简称“高考”)举行", {"2025年普通高校招生考试": "高考"}) == "高考举行"


def test_traditional_text_is_read_simplified_and_titled_in_its_own_characters():
    original = "運輸署宣布,龍翔道將於1月10日晚上11時至翌日上午5時30分封閉。"
    analysed = analysis_text(original)
    assert "运输署" in analysed and len(analysed) == len(original)
    assert restore("龙翔道封闭", analysed, original) == "龍翔道封閉"
    [event] = extract(original, date(2026, 1, 7))
    assert "龍翔道" in event.title and event.category is Category.ROAD


@pytest.mark.parametrize("text,category", [
    ("定于3月1日8时至18时,城东片区停水。", Category.WATER),
    ("10千伏罗店线3月1日8时至18时停电检修。", Category.POWER),
    ("3月1日22时至次日6时暂停天然气供应。", Category.GAS),
    ("请于3月25日前完成城乡居民医保缴费。", Category.FEES),
    ("3月1日起人民路半幅封闭施工。", Category.ROAD),
    ("市图书馆3月1日起闭馆。", Category.VENUE),
    ("2024年高考报名3月1日截止。", Category.REGISTRATION),
    # "2路、6路、k1路" are bus routes, not roads: the buses' change is public transport
    ("因胜利路封闭施工,市公交公司定于3月1日起对2路、6路、15路、k1路进行临时调整。", Category.TRANSIT),
])
def test_categories_follow_what_the_item_is_about(text, category):
    [event] = extract(text, date(2024, 2, 20))
    assert event.category is category


@pytest.mark.parametrize("sentence, due, clause", [
    # a closing date alone in its clause borrows the clause before it, once
    ("…网上交费和现场确认,报名10月16日9时开始,10月31日上午10时截止。", "10月31日上午10时", "报名"),
    # 现 of 现将 is scaffolding; 现 of 现场 is the word
    ("现场资格审查及信息确认从2017年10月18日开始,2017年11月16日17时截止。", "2017年11月16日17时",
     "现场资格审查及信息确认"),
    # a field's stem that goes on from the clause before is not said twice
    ("风筝大赛报名已经开始,爱好者们要抓紧时间报名,报名截止日期为9月30日。", "9月30日", "爱好者们要抓紧时间报名截止"),
])
def test_the_clause_of_a_closing_date(sentence, due, clause):
    from calendar_service.extract.clauses import clause_around
    from calendar_service.extract.mentions import find_mentions
    dates = [(m.start, m.end) for m in find_mentions(sentence)]
    lo = sentence.index(due)
    assert clause_around(sentence, lo, lo + len(due), dates) == clause


@pytest.mark.parametrize("first_line, heading", [
    ("【明报专讯】2015/16年度个人报税期昨日开始,税务局昨发出254万份报税表。", "2015/16年度个人报税期"),
    ("北京考试报讯(记者 邱乾谋) 北京高招录取工作已落下帷幕,准大学生将陆续收到录取通知书。", "北京高招录取工作已落下帷幕"),
    ("2025年普通高校招生考试将于6月7日至6月9日举行。为保证考生交通安全,现通告如下:", "2025年普通高校招生考试"),
    ("城口县住房城乡建委将6月7日至10日划定为考试噪声管理时间。", "城口县住房城乡建委"),  # 将 before the date
    ("ChongMingS.COM崇明网讯 全市出入境办证大厅12月22日起暂停受理。", "全市出入境办证大厅"),  # a dateline and a space
])
def test_a_notice_without_a_heading_is_headed_by_what_its_first_clause_is_about(first_line, heading):
    from calendar_service.extract.headings import lead_heading
    from calendar_service.extract.layout import elements
    text = first_line + "\n"
    assert lead_heading(elements(text, 0, len(text))) == heading


def test_a_thin_row_under_a_topic_says_where_from_the_notices_place_section():
    ctx = TitleContext(topic="高考", deed="交通管制", backdrop="旬阳中学周边路段")
    assert make_title("", "closure", ctx) == "高考交通管制:旬阳中学周边路段"


def test_a_clause_without_punctuation_for_thousands_of_characters_is_cut_around_its_date():
    # the fuzzer's find: a line of dates and cue words with spaces and no punctuation at all
    from calendar_service.extract.clauses import clause_around
    from calendar_service.extract.mentions import find_mentions
    line = "暂停办理23年3月1日 " * 400
    dates = [(m.start, m.end) for m in find_mentions(line)]
    lo, hi = dates[200]
    clause = clause_around(line, lo, hi, dates)
    assert "暂停办理" in clause and len(clause) <= 240


def test_what_residents_meet_then_titles_the_works_that_cause_it():
    """'…进行施工作业,届时…将暂停供水': the title says who loses water, not that works are done."""
    (event,) = extract("因主管网碰头连接,我公司将于12月22日晚23:00时至次日早8:00时进行施工作业,"
                       "届时孝感城区及高新区等区域将暂停供水。", date(2021, 12, 20))
    assert "孝感城区" in event.title and "停" in event.title
    assert event.kind.value == "closure"


@pytest.mark.parametrize("heading,topic", [
    ("5月15日至16日,长春这些区域停水", "长春这些区域停水"),  # the dates and what joined them leave
    ("12月3日-5日 城区部分区域停电", "城区部分区域停电"),
    # a page's breadcrumb before its title, and the 延至 its date leaves behind
    ("首页 > 资讯 > 税务专栏 > 报税期限延至6月30日", "报税期限"),
])
def test_a_heading_loses_its_dates_and_their_connector(heading, topic):
    from calendar_service.extract.headings import topic_of
    assert topic_of(heading) == topic


def test_who_scheduled_the_window_then_what_it_is_for():
    text = ("为提高医保实时结算系统的运行效率,市社会保障局信息中心定于今晚10点至下半夜4点,"
            "进行医保实时结算系统容灾演练,届时,将暂停医保刷卡消费6小时。")
    (event,) = extract(text, date(2012, 6, 19))
    assert "医保" in event.title
    assert (event.start.isoformat(), event.end.isoformat()) == ("2012-06-19T22:00:00+08:00", "2012-06-20T04:00:00+08:00")


def test_a_venue_that_signs_its_holiday_hours_names_them():
    text = "2019年春节放假7天开馆时间\n2月4日:9:00—12:00\n2月5—10日:9:00—15:00\n预祝各位读者新春快乐!\n吉林省图书馆\n2019年1月24日\n"
    titles = [e.title for e in extract(text, date(2019, 1, 24))]
    assert titles and all(t.startswith("吉林省图书馆") for t in titles)


def test_an_office_that_signs_is_not_where_things_happen():
    text = "关于停水的通知\n3月5日8:00至18:00,城东街道停水。\n自来水公司\n2021年3月1日\n"
    (event,) = extract(text, date(2021, 3, 1))
    assert "自来水公司" not in event.title


@pytest.mark.parametrize("clause,before,named", [
    ("该集团已经试供热", "记者从承担哈市一半供热面积的哈尔滨物业供热集团了解到,", "哈尔滨物业供热集团已经试供热"),
    ("该中心虎门办事处搬迁", "据了解,市住房公积金管理中心", "市住房公积金管理中心虎门办事处搬迁"),
    ("该中心暂停服务", "今天起,", "该中心暂停服务"),  # nothing named before: left as it is
])
def test_that_group_is_the_one_named_before(clause, before, named):
    from calendar_service.extract.subjects import antecedent_named
    assert antecedent_named(clause, before) == named


def test_why_comes_before_the_dates_and_what_after_them():
    (event,) = extract("为确保施工的顺利进行,2020年12月10日至2021年3月30日施工期间,该路段将实施半封闭施工交通管制。",
                       date(2020, 12, 1))
    assert "半封闭" in event.title and "顺利" not in event.title


def test_a_document_number_is_no_heading_and_a_cited_notice_heads_instead():
    from calendar_service.extract.headings import is_document_number
    assert is_document_number("穗科信字[2014]249号") and is_document_number("京政发〔2021〕3号")
    assert not is_document_number("关于2021年停水的通知")
    text = ("穗科信字[2014]249号\n各有关单位:\n2014年8月,省科技厅印发了《关于组织申报科技型中小企业技术创新项目的通知》,请符合条件的单位申报。\n"
            "一、申报时间\n申报单位网上申报截止时间为9月15日17:00。\n")
    (event,) = extract(text, date(2014, 8, 20))
    assert "249号" not in event.title and "申报" in event.title and "科技" in event.title


def test_pinyin_glosses_without_tones_leave_titles():
    """Copied news pages gloss characters in brackets, often without tone marks: '重新(xin)開放'."""
    text = "山西五臺(tai)山景區自3月25日起重新(xin)開放。"
    (event,) = extract(text, date(2020, 3, 20))
    assert "(" not in event.title and "五臺山" in event.title
    assert text[event.source.start:event.source.end].startswith("山西五臺(tai)山")
    # a bracketed word that is no syllable stays: 10千伏(kV), (WHO)
    assert analysis_text("10千伏(kv)线路") == "10千伏(kv)线路"


def test_a_utility_that_signs_names_whose_supply_it_is():
    text = "停暖公告\n尊敬的热用户:\n根据近期气象情况,决定本采暖期延长至2026年3月18日24:00。\n东平热力\n2026年3月15日\n"
    (event,) = extract(text, date(2026, 3, 15))
    assert event.title.startswith("东平热力") and str(event.end) == "2026-03-18"


@pytest.mark.parametrize("text,place", [
    ("对岔路镇、桑洲镇及前童镇供水管网进行冲洗", "岔路镇"),  # a town named after a road is the town
    ("和平路小区停水", "和平路小区"),
    ("台中市沙鹿区三鹿里停水", "台中市沙鹿区三鹿里"),  # 里: a Taiwan neighbourhood…
    ("阿里山公路施工", "阿里山公路"),                  # …but not inside 阿里山
    ("前方3公里处施工", None),                        # nor a kilometre
    # a longer reading that starts inside the first place does not cut its head off
    ("黄龙体育中心一环以内道路及二环的黄龙北通道", "黄龙体育中心"),
    ("3号线人民广场站4号出入口临时封闭", "人民广场站"),  # a station named after a square
])
def test_a_settlement_named_after_a_road_is_the_settlement(text, place):
    assert find_place(text) == place



@pytest.mark.parametrize("text,place", [
    # what is done to a road, or who does it, or when, is not part of its name
    ("经研究,决定夜间分段占用工农大路(北安路至西安大路段)进行管道施工", "工农大路(北安路至西安大路段)"),
    ("目前已初步完成新华路至名贤路路段临时便道的硬化工作", "新华路"),
    ("部份时段马大臣街将会封闭", "马大臣街"),
    ("届时可使用同区晏架街前往", "同区晏架街"),
    ("施工期间接待量不得超过景区最大承载量的50%", None),
    ("考生须确保中心城区交通顺畅", "中心城区"),
    ("由于管道破裂,自由路小区停水", "自由路小区"),  # 由 as "because of", not inside 自由路
    ("司机不得上路行驶", None),
    ("景点要重点做好景区安全工作", None),
    ("下列道路的行车线会间歇性封闭", None),  # the lines below say which
    ("分阶段实施临时封路措施", None),  # a road closed, not a road named 临时封路
    ("计划于10月3日、4日分片区分时段停电", None),  # 分片区: district by district, no district
    # a new district is a place, and the place of a place is the narrower one
    ("长春新区的长德新区;龙湖大路以北地区停水", "长德新区"),
    ("浦东新区停水", "浦东新区"),
    # schools are places, though not the word alone
    ("北京交通大学公布了新生入学安排", "北京交通大学"),
    ("全市中小学、幼儿园停课一天", None),
    ("并打电话向所属学院辅导员老师请假", None),  # 所属: whichever it belongs to
])
def test_a_place_name_starts_after_the_words_around_it(text, place):
    assert find_place(text) == place

def test_an_ordinal_label_is_titled_with_what_the_notice_is_about():
    text = ("关于开展2024年度小学一年级新生入学登记的通知\n一、登记时间\n"
            "第一批:2024年4月1日至4月15日(户籍生)\n第二批:2024年5月6日至5月17日(随迁子女)\n")
    titles = [e.title for e in extract(text, date(2024, 3, 1))]
    assert titles == ["2024年度小学一年级新生入学登记:第一批", "2024年度小学一年级新生入学登记:第二批"]


def test_a_label_that_starts_with_a_function_word_keeps_it():
    # 在 of 在校生 is no "在 <place>": the title neither cuts it nor says the label twice
    text = "关于寒假放假安排的通知\n各学院:\n在校生:2026年1月12日正式放假,3月5日正式上课;\n"
    titles = [e.title for e in extract(text, date(2025, 12, 18))]
    assert titles[0] == "在校生:正式放假" and not any("校生校生" in t for t in titles)


def test_a_heading_that_names_a_school_break_names_its_lines():
    from calendar_service.extract.structure import _heading_name
    assert _heading_name("寒假假期安排") == "寒假假期"
    assert _heading_name("停电安排") is None  # says only what happens



@pytest.mark.parametrize("a,b,same", [
    ("湖口乡东兴村", "东兴村", True),           # named more or less fully
    ("水泊梁山风景区", "水泊梁山景区", True),     # one kind of place, called two ways
    ("景忠山旅游区", "景忠山景区", True),
    ("泰山景区", "水泊梁山景区", False),
    ("人民路", "人民路(解放路至胜利路段)", True),
    ("人民路", "解放路", False),
])
def test_two_names_of_one_place(a, b, same):
    from calendar_service.extract.places import same_place
    assert same_place(a, b) is same and same_place(b, a) is same


@pytest.mark.parametrize("clause,title", [
    ("而公司配额申请人透过网上提交资料", "公司配额申请人透过网上提交资料"),
    ("因此的纳税申报期限顺延", "纳税申报期限顺延"),
    ("其一是推出长达两周的意见收集期", "推出长达两周的意见收集期"),
    ("这段时间城南减压供水", "城南减压供水"),
    ("要求各单位按时报送", "要求各单位按时报送"),   # 要求 is a word, not a link to the clause before
    ("和平路停水", "和平路停水"),                 # 和 starts a name here: never cut
])
def test_words_that_link_a_clause_to_the_one_before_are_no_part_of_a_title(clause, title):
    from calendar_service.extract.clauses import strip_scaffolding

    assert strip_scaffolding(clause) == title


@pytest.mark.parametrize("topic,district", [
    ("为保障华安县城区市政桥梁安全稳定运行", "华安县"),       # why comes before the county
    ("112年度连江县政府前坡道改善工程", "连江县"),            # an ROC year before it
    ("2018年泉州市区城市桥梁检测", "泉州市区"),
    ("近期我市有3处道路将实施半封闭施工", None),              # 我市 names no district
    ("城关部分区域停水", "城关"),                             # the area some of which is concerned
    ("近期我市部分区域停水", None),
    ("五龙口街、朝阳街、九院东路部分路段封闭施工", None),     # the roads' own stretches
    ("铁东区部分区域10日停水", "铁东区"),
])
def test_the_district_a_heading_names_is_its_name_alone(topic, district):
    from calendar_service.extract.titles import _district_of

    assert _district_of(topic) == district


def test_a_byline_on_the_first_line_heads_nothing():
    text = ("文/本报记者 王小明、李华\n"
            "5月20日,市教育局发布通知,区属公办幼儿园将于5月29日至6月2日接受网上报名。\n")
    (event,) = extract(text, date(2022, 5, 21))
    assert "记者" not in event.title and "幼儿园" in event.title


@pytest.mark.parametrize("text,published", [
    # a dateline run into the text with a space, not a comma
    ("ChongMingS.COM崇明网讯 2017年12月22日至12月25日,全市所有出入境办证大厅将暂停受理出入境证件。",
     date(2017, 12, 20)),
    # the dateline, then who told the paper
    ("今日镇江讯  昨天,记者从市图书馆了解到,市图书馆将于5月27日起临时闭馆。", date(2019, 5, 20)),
])
def test_a_papers_dateline_and_its_source_are_no_part_of_a_title(text, published):
    (event,) = extract(text, published)
    assert "讯" not in event.title and "记者" not in event.title


def test_a_pages_furniture_labels_name_no_item():
    from calendar_service.extract.layout import chrome_field

    assert chrome_field("原标题") and chrome_field("来源") and chrome_field("责任编辑")
    assert not chrome_field("停电时间") and not chrome_field("1.西区图书馆") and not chrome_field(None)


def test_a_grazing_rest_is_a_period():
    text = "二、休牧时限\n根据全县草原生长特点,确定春季牧草返青期休牧时间为4月1日至5月30日,共60天。\n"
    (event,) = extract(text, date(2025, 4, 1))
    assert (event.kind.value, str(event.start), str(event.end)) == ("period", "2025-04-01", "2025-05-30")
    assert "休牧" in event.title


def test_a_gloss_whose_bracket_a_wrong_decoding_lost_is_cut_like_a_gloss():
    # "時(shí)間" decoded wrongly as "?xí)r間": the debris goes, the line keeps its length
    line = "休牧?xí)r間為4月1日至5月30日"
    assert analysis_text(line) == "休牧间为4月1日至5月30日" + " " * 5


@pytest.mark.parametrize("clause,title", [
    ("山西晚报讯(记者杨晶)马拉松举行", "马拉松举行"),
    ("新华快讯:人民路停水", "人民路停水"),
    ("中国电信通讯线路割接", "中国电信通讯线路割接"),  # the 讯 of 通讯 is no dateline
])
def test_a_dateline_is_one_pattern_for_titles_and_headings(clause, title):
    from calendar_service.extract.clauses import strip_scaffolding

    assert strip_scaffolding(clause) == title


def test_what_may_move_the_dates_is_no_title():
    # a field of dates with a remark in brackets, under a heading that says what is closed: the
    # remark ("遇特殊情况将顺延") says nothing of what happens or where
    text = ("关于青石大道连接线实行临时交通管制的通告\n"
            "因路基沉降,决定对青石大道连接线实行临时交通管制。现将有关事项通告如下:\n"
            "一、管制时间\n"
            "2024年10月25日16时起至28日18时止(遇特殊情况将顺延)。\n"
            "二、管制路段\n"
            "青石大道连接线。\n")
    [event] = extract(text, date(2024, 10, 24))
    assert "顺延" not in event.title and "青石大道连接线" in event.title
    assert event.location == "青石大道连接线"


@pytest.mark.parametrize("text,kept", [
    ("5月27日起,自助借阅区实行夏令时开放时间。", "自助借阅区"),
    ("3月1日起,自来水公司营业厅迁至新址办公。", "自来水公司"),
])
def test_a_name_that_starts_with_zi_keeps_it(text, kept):
    [event] = extract(text, date(2023, 2, 26))
    assert kept in event.title


def test_who_a_rule_spares_is_no_part_of_a_title():
    text = "为配合道路工程,赞善里将于2024年10月7日至2024年12月7日每日上午10时至下午4时期间临时封闭(公众假期除外)。"
    [event] = extract(text, date(2024, 10, 3))
    assert "除外" not in event.title and "(" not in event.title and "下午4时" not in event.title


def test_a_heading_that_names_the_same_place_adds_nothing_to_the_title():
    text = "大余湾景区春节期间临时休园\n因设施检修,大余湾景区1月28日至2月3日闭园。\n"
    [event] = extract(text, date(2025, 1, 20))
    assert event.title == "大余湾景区闭园"


def test_an_events_fields_are_titled_by_the_event_its_heading_names():
    text = ("关于举办2024年秋季大型人才招聘会的通知\n"
            "活动时间:2024年10月19日(星期六)上午9:00-12:00\n"
            "活动地点:市人力资源市场一楼大厅\n")
    [event] = extract(text, date(2024, 10, 8))
    assert event.title == "2024年秋季大型人才招聘会"
    assert event.location.startswith("市人力资源市场")


def test_why_is_no_subject_and_an_instruction_is_no_deed():
    # "因…维修," says why; "请…储水" says what to do: the title is the heading's place and the stop
    text = ("锦绣花园小区停水通知\n尊敬的业主:\n"
            "因小区二次供水设备维修,将于11月30日(星期六)上午9:00至下午16:00停水,请各位业主提前做好储水准备。\n")
    [event] = extract(text, date(2024, 11, 27))
    assert event.title == "锦绣花园小区停水"


def test_the_yu_of_a_word_is_no_caveat():
    # "遇" of 待遇 is no "(遇…顺延)"
    from calendar_service.extract.clauses import strip_scaffolding
    assert strip_scaffolding("退休人员养老待遇发放顺延") == "退休人员养老待遇发放顺延"
    assert strip_scaffolding("封闭施工(遇雨顺延)") == "封闭施工"


def test_a_one_line_notices_own_opening_is_not_said_twice():
    [event] = extract("请符合条件的企业于2025年3月31日前登录系统完成年度申报,逾期将不予受理。", date(2024, 12, 1))
    assert event.title.count("符合条件的企业") == 1


@pytest.mark.parametrize("text,title", [
    # the time of a deed is the deed in a calendar entry that holds the time; 作息时间 has no deed
    ("城关区小学一年级新生报名时间为7月11日至13日。", "城关区小学一年级新生报名"),
    ("根据公告,银行将于北京时间2020年10月11日进行系统升级。微信银行暂停时间为10月11日0:00至6:00。", "微信银行暂停"),
    ("5月1日起,政府部门执行夏季作息时间。", "政府部门执行夏季作息时间"),
])
def test_a_deeds_time_is_titled_by_the_deed(text, title):
    events = extract(text, date(2020, 5, 1) if "作息" in text else date(2015, 7, 1) if "小学" in text else date(2020, 10, 9))
    assert events[-1].title.endswith(title) and "北京时间" not in events[-1].title


@pytest.mark.parametrize("text, want", [
    ("关于高考期间交通管制的通告\n2025年度全国高考和湖南省高中学业水平考试分别定于6月7日—9日和6月12日—14日举行。\n",
     [("2025-06-07", "2025-06-09", "全国高考"), ("2025-06-12", "2025-06-14", "湖南省高中学业水平考试")]),
    # subjects apart by 、, one of them holding a 和 of its own; days of one list
    ("通告\n人民路、和平路分别于6月7日和6月10日封闭施工。\n",
     [("2025-06-07", "2025-06-07", "人民路"), ("2025-06-10", "2025-06-10", "和平路")]),
])
def test_subjects_given_their_dates_in_turn_each_title_their_own(text, want):
    events = extract(text, date(2025, 6, 1))
    got = [(e.start.isoformat(), e.end.isoformat(), e.title) for e in events]
    assert len(got) == len(want), got
    for (start, end, title), (w_start, w_end, w_subject) in zip(got, want):
        assert (start, end) == (w_start, w_end)
        assert w_subject in title
        assert all(other[2] not in title for other in want if other[2] != w_subject)


def test_a_school_is_no_place_inside_学业():
    assert find_place("初中学业水平考试") is None
    assert find_place("第一中学考点") == "第一中学"


def test_where_the_exact_hours_are_posted_is_no_title_and_each_bridge_no_place():
    text = ("关于对市区28座桥梁通行进行交通管制的通告\n二、交通管制时间:\n"
            "2018年3月25日--2018年6月25日,每座桥梁具体交通管制时间以现场交通管制标志为准。\n")
    [e] = extract(text, date(2018, 3, 20))
    assert (e.kind.value, e.start.isoformat(), e.end.isoformat()) == ("closure", "2018-03-25", "2018-06-25")
    assert "为准" not in e.title and "现场" not in e.title
    assert not (e.location or "").startswith("每")


@pytest.mark.parametrize("text, start", [
    ("我区从4月1日起受理70-79周岁户籍老人高龄津贴申请。", "2024-04-01"),
    ("自5月6日开始受理2024年度补贴申请。", "2024-05-06"),
])
def test_applications_taken_from_a_day_on_are_a_service_that_starts(text, start):
    [e] = extract("通知\n" + text + "\n", date(2024, 3, 20))
    assert (e.kind.value, e.start.isoformat(), e.end) == ("service_change", start, None)
    assert "受理" in e.title


def test_a_field_named_with_为_says_its_name_once():
    [e] = extract("关于2023年度城乡居民医保缴费的通知\n集中缴费期为:2022年9月1日至12月31日。\n", date(2022, 8, 20))
    assert e.title.count("集中缴费期") == 1 and not e.title.endswith("为")
    assert (e.start.isoformat(), e.end.isoformat()) == ("2022-09-01", "2022-12-31")


@pytest.mark.parametrize("text, start", [
    ("南京地铁1号线南延线、北延线于2024年7月13日开通正式运营。", "2024-07-13"),
    ("地铁5号线将于2024年1月12日开通试运营。", "2024-01-12"),
    ("计划于2月1日开通28路和807路两条公交新线。", "2024-02-01"),
])
def test_a_line_opened_is_a_service_from_that_day(text, start):
    [e] = extract("通告\n" + text + "\n", date(2024, 1, 5))
    assert (e.kind.value, e.start.isoformat(), e.end) == ("service_change", start, None)
    assert e.category == Category.TRANSIT


@pytest.mark.parametrize("text", ["新大厅将于2024年3月1日正式投入运行。", "新院区于2024年3月1日起正式投入使用。"])
def test_a_place_put_into_use_is_a_service_from_that_day(text):
    [e] = extract("通知\n" + text + "\n", date(2024, 2, 20))
    assert (e.kind.value, e.start.isoformat(), e.end) == ("service_change", "2024-03-01", None)


def test_an_exit_to_be_opened_again_is_still_a_closure():
    [e] = extract("通告\n从1月4日开始,地铁火车站的B出入口临时封闭,计划在1月21日重新开通。\n", date(2024, 1, 3))
    assert (e.kind.value, e.start.isoformat(), e.end.isoformat()) == ("closure", "2024-01-04", "2024-01-20")


def test_a_draft_put_out_for_comment_in_the_lead_heads_the_deadline():
    text = ("为了增强立法的公开性和透明度,提高立法质量,现将《规章制定程序条例(修订草案征求意见稿)》全文公布,征求社会各界意见。"
            "有关单位和各界人士可以在2017年5月26日前,通过以下方式提出意见。\n")
    [e] = extract(text, date(2017, 4, 26))
    assert (e.kind.value, e.end.isoformat()) == ("deadline", "2017-05-26")
    assert "规章制定程序条例" in e.title and "提高立法质量" not in e.title


@pytest.mark.parametrize("text, category", [
    ("停电通知\n6月5日8:00至18:00,尚德路、西一路、西二路、东风路、人民路、中山路、解放路、建设路、和平路路段停电。\n",
     Category.POWER),
])
def test_a_long_list_of_streets_keeps_the_supply_that_stops(text, category):
    [e] = extract(text, date(2023, 6, 1))
    assert e.category == category


def test_a_purpose_over_two_clauses_heads_nothing():
    text = ("为增强系统的稳定性,保证数据的安全性,市社保信息中心定于6月19日22:00至6月20日4:00进行系统维护,"
            "届时网上服务暂停。\n二、其他事项\n如有疑问请来电。\n")
    events = extract(text, date(2012, 6, 15))
    assert events and all("保证数据" not in e.title and "增强系统" not in e.title for e in events)


@pytest.mark.parametrize("text", [
    "通告\n2022年3月15日至2022年4月15日早7时整(如遇雨雪天气,工期顺延),对新正街西段实施封闭施工。\n",
    # a caveat whose words would read as history (完工) takes the item with it no longer
    "通告\n2022年3月15日至2022年4月15日(如该时间段内工程未完工,则封闭时间顺延至工程完工之日),对新正街西段实施全封闭施工。\n",
])
def test_a_bracketed_if_after_the_dates_is_no_title_and_no_trap(text):
    [e] = extract(text, date(2022, 3, 10))
    assert (e.kind.value, e.start.isoformat()[:10], e.end.isoformat()[:10]) == ("closure", "2022-03-15", "2022-04-15")
    assert "新正街" in e.title and "如" not in e.title


def test_a_headings_date_takes_its_前_with_it():
    from calendar_service.extract.headings import topic_of
    assert topic_of("2月10日前,太原出入境暂缓办理普通护照业务") == "太原出入境暂缓办理普通护照业务"
    assert topic_of("前海片区停电通知") == "前海片区停电"


def test_a_field_named_休息时间_titles_with_what_it_is_about():
    text = "中秋、国庆期间交管局对外办公时间调整\n车管所及各所属分所:\n休息时间:9月22日至9月24日。\n"
    [e] = extract(text, date(2010, 9, 16))
    assert "交管局" in e.title
