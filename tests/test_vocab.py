"""The cue vocabulary (calendar_service/extract/vocab.toml) stays well-formed as people edit it."""
import re
from collections import Counter

from calendar_service.extract import Kind
from calendar_service.extract.vocab import vocabulary


def test_every_cue_is_labelled_with_a_contract_kind_trap_report_or_neutral():
    labels = {cue.label for cue in vocabulary().cues}
    assert labels == {k.value for k in Kind} | {"trap", "report", "neutral"}


def test_every_cue_compiles_has_a_positive_weight_and_is_listed_once():
    cues = vocabulary().cues
    for cue in cues:
        re.compile(cue.pattern)
        assert cue.weight > 0 or cue.label == "neutral" and cue.weight == 0, cue
        assert not re.fullmatch(cue.pattern, ""), f"{cue.pattern!r} matches nothing at all"
    repeated = [p for p, n in Counter(c.pattern for c in cues).items() if n > 1]
    assert repeated == []


def test_a_matched_cue_is_looked_up_back_to_its_entry():
    vocab = vocabulary()
    for cue in vocab.cues:
        if re.escape(cue.pattern) == cue.pattern:  # literals find themselves
            assert vocab.cue_for(cue.pattern) is cue
    assert vocab.cue_for("禁止大型货车驶入").label == "closure"  # a patterned cue


def test_a_neutral_name_swallows_the_cue_inside_it():
    from calendar_service.extract.classify import cue_hits
    assert [c.pattern for _, _, c in cue_hits("老干部活动中心")] == []
    assert [c.pattern for _, _, c in cue_hits("开展活动")] == ["开展", "活动"]


def test_every_cue_opens_on_a_plain_character():
    # The cues are scanned as one alternation; Python's engine skips ahead by first characters
    # only while every branch opens on a literal. One "(?<=日)讯" at the front made it ten times
    # slower; the look-behind goes after the character instead: "讯(?<=日讯)".
    for cue in vocabulary().cues:
        assert cue.pattern[0] not in "()[]\\.?*+{|^$", cue.pattern


def test_a_look_behind_cue_is_found_only_after_its_character():
    from calendar_service.extract.classify import cue_hits
    assert "讯(?<=日讯)" in [c.pattern for _, _, c in cue_hits("本报9月3日讯 记者")]
    assert "讯(?<=日讯)" not in [c.pattern for _, _, c in cue_hits("通讯地址变更")]
    assert "电(?<=日电)(?![力网费话])" not in [c.pattern for _, _, c in cue_hits("5日电力检修")]


def test_reporting_words_trap_the_date_they_follow_not_what_is_reported_after_them():
    from calendar_service.extract.classify import classify
    byline = "长沙晚报12月3日讯(全媒体记者 周辉霞)燃气公司今天下午发布停气通知,4日22:00至次日8:00,芙蓉路周边将停气。"
    said = byline.index("12月3日"), byline.index("12月3日") + len("12月3日")
    cut = byline.index("4日22:00"), byline.index("次日8:00") + len("次日8:00")
    assert classify(byline, [said], set()).kind is None
    assert classify(byline, [cut], set()).kind == "closure"
    # in one breath with the byline, the words after it are still the report's
    assert classify("本报2月11日讯(记者 伍文)元宵佳节是传统节日", [(15, 19)], set()).kind is None


def test_a_venue_that_receives_no_visitors_is_closed_and_an_office_that_stops_work_changed_service():
    from calendar_service.extract.classify import classify
    closed = "景忠山旅游区3月18日起暂停接待游客。"
    at = closed.index("3月18日"), closed.index("3月18日") + 5
    assert classify(closed, [at], set()).kind == "closure"
    office = "4月29日至5月1日停止对外办公和受理业务。"
    assert classify(office, [(0, 9)], set()).kind == "service_change"


def test_single_lane_traffic_control_is_a_closure_whatever_is_carried_out():
    from calendar_service.extract.classify import classify
    text = "第二阶段自10月24日起至12月28日,实施道路单线双向管制通行。"
    at = text.index("10月24日"), text.index("12月28日") + 6
    assert classify(text, [at], set()).kind == "closure"


def test_flushing_water_that_stops_is_an_outage():
    from calendar_service.extract.classify import classify
    text = "湾仔范围内全部楼宇的冲厕水供应,将由三月十六日晚上九时至三月十七日上午七时暂停。"
    at = text.index("三月十六日"), text.index("上午七时") + 4
    assert classify(text, [at], set()).kind == "closure"


def test_a_closure_said_far_from_its_hour_is_not_outvoted_by_from_then_on():
    from calendar_service.extract.classify import classify
    text = "* 由下午约二时起,怡和街(西行)和轩尼诗道(西行)的慢线,以及铜锣湾购物区一带的道路(例如渣甸街等)会封闭;"
    at = text.index("下午约二时"), text.index("下午约二时") + 5
    assert classify(text, [at], {"open_start"}).kind == "closure"
    # with no cue at all, 起 still says something changes from then on
    assert classify("自10月1日起,执行新的规定", [(1, 6)], {"open_start"}).kind == "service_change"


def test_hong_kong_special_traffic_arrangements_are_closures():
    from calendar_service.extract.classify import classify
    text = "4月23日至28日晚上11时30分至翌日早上5时30分,北大屿山公路及翔东路实施临时交通及运输安排。"
    at = text.index("4月23日"), text.index("5时30分") + 5
    assert classify(text, [at], set()).kind == "closure"
