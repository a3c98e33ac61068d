"""Lines of a notice get their roles from their shapes (layout.py). Each text is modelled on the
structure of a real notice and each expected role was decided by reading it, not by running it."""
from datetime import date

import pytest

from calendar_service.extract import extract
from calendar_service.extract.layout import elements
from calendar_service.extract.normalise import analysis_text


def layout(text: str):
    text = analysis_text(text)
    return elements(text, 0, len(text))


def roles(text: str) -> list[str]:
    return [el.role for el in layout(text)]


def test_page_furniture_headline_salutation_paragraph_and_signature():
    text = ("关于城东片区停水的通知\n"
            "发布时间:2021-02-27 12:05 浏览量:711\n"
            "尊敬的广大用户:\n"
            "因管网改造,定于3月1日8时至18时停水。\n"
            "市自来水公司\n"
            "2021年2月26日\n")
    assert roles(text) == ["headline", "chrome", "salutation", "paragraph", "signature", "signature"]


def test_a_table_flattened_one_cell_per_line_with_row_numbers_and_column_names():
    text = ("为节约用水,经研究决定实行停水。\n"
            "停水时间为晚上20点到早上9点\n停水日期\n停水区域\n1\n3月1日、3月5日\n塔岭村、黄溪村\n2\n3月2日\n洋北村\n"
            "请广大用户安排好蓄水时间。\n")
    assert roles(text) == ["paragraph", "cell", "header", "header", "rownum", "cell", "cell", "rownum", "cell", "cell",
                           "paragraph"]


def test_a_label_alone_takes_the_lines_below_as_its_value_and_a_short_line_starts_the_next_group():
    text = ("高考期间对各考点周边道路实行交通管制,具体如下:\n"
            "容城县\n管制路段:\n豪丹路、文昌道\n管控时间:\n6月7日-6月8日\n"
            "雄县\n管制路段:\n1、文昌大街\n2、旅游路\n")
    got = [(el.role, el.label, "value" in el.tags, el.parent) for el in layout(text)]
    assert got == [
        ("lead", None, False, None),
        ("heading", None, False, None),         # 容城县: a short line over fields
        ("field", "管制路段", False, 1),
        ("cell", "管制路段", True, 1),
        ("field", "管控时间", False, 1),
        ("cell", "管控时间", True, 1),
        ("heading", None, False, None),         # 雄县 starts the next group
        ("field", "管制路段", False, 6),
        ("item", "管制路段", True, 6),          # numbered lines right after a label are its list
        ("item", "管制路段", True, 6),
    ]


def test_numbered_headings_nest_under_each_other():
    text = ("市区部分道路将实行封闭施工。\n一、封闭路段及时间\n(一)南山路路段\n南山路(南川东路—群星路)全幅封闭\n"
            "2025年3月8日至5月31日\n(二)朝阳东路路段\n")
    assert [(el.role, el.level, el.parent) for el in layout(text)] == [
        ("paragraph", 0, None), ("heading", 1, None), ("heading", 2, 1), ("cell", 0, 2), ("cell", 0, 2),
        ("heading", 2, 1)]


def test_an_addressee_and_a_speech_verb_do_not_make_field_labels_but_a_name_does():
    text = "各参保企业:请于6月30日前申报。\n通告显示:\n北纬35度以北海域为5月1日至9月1日。\n展览名称:写生作品展\n"
    got = [(el.role, el.label) for el in layout(text)]
    assert got == [("paragraph", None), ("lead", None), ("paragraph", None), ("field", "展览名称")]


def test_a_bare_time_label_is_furniture_only_beside_other_furniture():
    assert roles("时间:2023-06-05人气:作者:未知\n正文。\n")[0] == "chrome"
    assert roles("春季招聘会的通知\n时间:2024年6月15日(星期六)上午9:00\n地点:会展中心\n")[1] == "field"


def test_table_bars_separate_cells():
    text = "具体时段见下表:\n序号 |\n日期 |\n1 |\n10月1日 |\n耕耘楼 |\n由此带来不便,敬请谅解。\n"
    assert roles(text) == ["lead", "header", "header", "rownum", "cell", "cell", "paragraph"]


def test_a_page_date_above_the_text_is_furniture_and_bylines_are_too():
    text = "2022-08-26 09:04:44 来源:融媒体中心\n2018-01-02\n(记者 刘晨璐 通讯员 林晶)\n计划8月26日停电。\n"
    assert roles(text) == ["chrome", "chrome", "chrome", "paragraph"]


def test_where_to_write_is_no_place_of_an_item():
    from calendar_service.extract.fields import place_field
    assert place_field("停水地址") and place_field("施工地点")
    assert not place_field("通信地址") and not place_field("联系电话") and not place_field("邮寄地址")


def test_a_list_of_venues_labels_its_line():
    text = "市文体中心、海区少年宫体育馆及市实验小学、光明路小学体育馆:1月19日至20日进行保洁工作,场馆关闭。\n"
    (el,) = elements(analysis_text(text), 0, len(text))
    assert el.role == "field" and el.label == "市文体中心、海区少年宫体育馆及市实验小学、光明路小学体育馆"


def test_a_signature_above_a_reprinting_papers_notes_in_brackets_still_signs():
    from calendar_service.extract.layout import elements, signer_of
    text = ("停暖公告\n尊敬的热用户:\n决定本采暖期延长至2026年3月18日24:00。\n东平热力\n2026年3月15日\n"
            "(宁阳通源热力有限公司 惠众热力)\n(齐鲁晚报客户端欢迎各界投稿,提供线索。)\n责任编辑:赵晴\n")
    els = elements(text, 0, len(text))
    assert signer_of(els) == "东平热力"


def test_a_short_line_of_places_joined_by_commas_heads_its_paragraph():
    from calendar_service.extract.layout import elements
    text = ("车站及出入口封闭措施\n前门站\n2024年9月30日首班车起至10月7日末班车止,前门站封站。\n"
            "天安门东站、天安门西站\n2024年9月30日首班车起至末班车止,天安门东站、天安门西站封站。\n")
    roles = {el.text: el.role for el in elements(text, 0, len(text))}
    assert roles["天安门东站、天安门西站"] == "heading"
    titles = [e.title for e in extract(text, date(2024, 9, 29)) if "天安门" in e.title]
    assert titles and not any(t.startswith("前门站") for t in titles)


@pytest.mark.parametrize("line", ["跳到主要内容区块", "点阅数: 197", "期 :  2025-04-23", "【发布文号】 税总函〔2020〕27号"])
def test_more_page_furniture(line):
    # a Taiwan site's skip link and view count, a Macao notice's own date field set apart, a
    # document's number in a record header
    [el] = elements(line + "\n", 0, len(line) + 1)
    assert el.role == "chrome"


@pytest.mark.parametrize("line", ["【资料图】", "(相关资料图)", "首图", "设为首页|加入收藏", "登录|注册", "当前版:03版",
                                  "本文共528字", "作者是 webmaster", "發稿時間:2015-08-03", "发表日期:2023年11月17日", "新聞公報", "聽新聞", "2015 二月", "03-17 08:26",
                                  "建立日期 2012-04-25 09:44 最近更新在 2012-04-25 10:08"])
def test_captions_site_links_and_colonless_page_dates_are_furniture(line):
    [el] = layout(line + "\n")
    assert el.role == "chrome"


@pytest.mark.parametrize("line", ["首图闭馆一天。", "登录网上服务大厅办理注册。", "发布会定于2024年5月6日举行。"])
def test_sentences_that_open_like_furniture_are_not(line):
    [el] = layout(line + "\n")
    assert el.role != "chrome"


def test_a_salutation_to_residents_heads_no_title():
    text = "校属各单位、各居民住户:\n后勤集团水暖服务公司将于2019年11月2日至3日对家属区供暖管道进行充水试压,届时家属区停水。\n"
    assert roles(text)[0] == "salutation"
    [event] = extract(text, date(2019, 10, 25))
    assert not event.title.startswith("校属")


def test_a_page_date_on_the_first_line_is_no_heading():
    text = ("2023年10月11日\n"
            "本报讯(记者 杨春娜)寒露过后,秋意更浓。市热力公司10月8日至10月31日对用户家中进行注水试压,届时停止供水。\n")
    [event] = extract(text, date(2023, 10, 11))
    assert "2023年" not in event.title
    assert (event.start.isoformat(), event.end.isoformat()) == ("2023-10-08", "2023-10-31")


def test_a_page_time_line_is_not_mended_into_the_next():
    # "社会热点2023-03-20 15:31:25佚名" is long and ends unpunctuated, like a line a column cut off
    text = ("济南汽车消费券活动\n\n社会热点2023-03-20 15:31:25佚名\n\n"
            "一、活动时间:2023年1月1日-2023年3月31日,购车可领消费券。\n")
    events = extract(text, date(2023, 3, 20))
    assert [(e.start.isoformat(), e.end.isoformat()) for e in events] == [("2023-01-01", "2023-03-31")]


@pytest.mark.parametrize("text, published, span", [
    # a social page's post time, set off by a dot ("上午9:57 ·"); 26 Dec 2016 was a Monday
    ("國立台灣美術館新增了 1 張相片。2016年12月22日上午9:57 · 休館公告:\n12月26日(一)至12月30日(五)國美館暫時休館。\n",
     date(2016, 12, 22), ("2016-12-26", "2016-12-30")),
    # a listing's date after the notice's title on one flattened line; 13 April 2021 was a Tuesday
    ("关于临时闭馆的公告 2021-04-11 因展厅设备安全检查需要,我馆将于2021年4月13日(周二)临时闭馆一天,次日(4月14日)起正常开放。",
     date(2021, 4, 9), ("2021-04-13", "2021-04-13")),
])
def test_a_pages_stamp_beside_the_text_is_no_item(text, published, span):
    events = extract(text, published)
    assert [(e.start.isoformat(), e.end.isoformat()) for e in events] == [span]


def test_text_outside_spans():
    from calendar_service.extract.chars import outside
    assert outside("10月3日(星期五)停水", [(0, 5), (5, 10)]) == "停水"
    assert outside("停电公告", []) == "停电公告"
    assert outside("abcdef", [(1, 3), (2, 4)]) == "aef"  # overlapping spans cut once
