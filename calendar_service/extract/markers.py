"""Words around a date mention that change what it means: markers read by items.py.

起 opens something (open_start), 前/截止/止 makes a due date (due), 恢复 ends a closure (reopen),
以来 looks back (since), 出生 is about people (born), 每年 is a habit (recurring) …
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .mentions import Mention

# 首班车/末班车: a metro's first and last trains, the edges of a service day ("9月30日首班车起至
# 10月7日末班车止"); a range or a start keeps its dates through them
FIRST_RUN = r"(?:首班车|首班|头班车)"
LAST_RUN = r"(?:末班车|末班|收车)"
_AFTER = {
    "since": re.compile(r"^\s*+(?:以来|至今|来)"),
    # "今晚快储水!明8县市大停水": when to get ready, not when the water stops
    "prepare": re.compile(r"^\s*+(?:晚上?|夜里?|早上?)?\s*+(?:前)?\s*+(?:快|请|记得|要|务必|提前)?\s*+(?:储水|蓄水|备水|储备用水|做好储水)"),
    # "1977至1979年出生", "2018年12月31日前年满18—22周岁": who is meant, by age, not when
    "born": re.compile(r"^\s*+(?:\(含[^()]{0,8}\))?\s*+(?:及)?(?:以前|以后|之前|之后|前|后)?\s*+(?:\(含[^()]{0,8}\))?\s*+"
                       r"(?:出生|生人|之间出生|(?:年满|满|未满|不满)\s*+[\d一二三四五六七八九十]{1,3}\s*+(?:[—\-至到~]\s*+\d{1,3}\s*+)?周?岁)"),
    # "26日恢复供水", "2月10日7时正常开园": what was closed opens again
    # ("18时左右恢复供水": an estimate is still the reopening)
    # ("明日(十一月四日)早上陆续恢复供水": a part of the day, then little by little)
    "reopen": re.compile(r"^\s*+(?:起\s*+)?(?:\d{1,2}:\d{2}\s*+)?(?:左右|前后)?\s*+(?:凌晨|早上|上午|中午|下午|傍晚|晚上)?\s*+"
                         r"(?:才能|可|将|正式|全面|逐步|陆续|会)?\s*+"
                         r"(?:抢修完成|修复完成|完成抢修|完成维修|抢修完毕|完成(?=复[水电气暖]))?\s*+"
                         r"(?:恢复(?!(?:每|逢)?周[一二三四五六日天]\S{0,2}闭)|重新|重开|复(?=[水电气暖课])|(?<!建成)通车|正常(?:开园|开馆|开放|营业|通行|通车))"),
    # ("2月19日正式关闭": a season's end, closed from that day on)
    "open_start": re.compile(rf"^\s*+(?:\([^)]{{0,8}}\))?\s*+(?:{FIRST_RUN}\s*+)?(?:起|开始|以后|之后"
                             r"|(?=正式(?:关闭|停运|停止运营|闭园|停业|停办)))(?!出生)"),
    "to_the_end": re.compile(rf"^\s*+(?:{FIRST_RUN}\s*+)?起?\s*+,?\s*+(?:至|到)\s*+"
                             r"(?:[^,;。\d]{1,10}(?:结束|完毕|为止|散场)|" + LAST_RUN + r"\s*+(?:止|为止|结束)?)"),
    "due": re.compile(r"^\s*+(?:\([^)]{0,8}\))?\s*+(?:或|及)?(?:前|之前|以前|止|为止|截止|结束|到期|届满|(?:下午)?下班前)"),
    # "已购买了11月7日及以后参观票的游客": which tickets, not a day anything happens ("6月10日起
    # 发售门票" is one: the tickets are the day's, 的 between)
    "which": re.compile(r"^\s*+(?:及(?:以后|之后|以前|之前)\s*+的?|(?:以后|之后|以前|之前)?\s*+的)\s*+[^,。;\d]{0,4}?"
                        r"(?:门票|参观票|车票|机票|船票|预约票|入场券)"),
    # "7月28日封闭,8月15日完工": the last day of works begun on an earlier date
    "finish": re.compile(r"^\s*+(?:前)?\s*+(?:全部|全面)?(?:完工|竣工|施工结束|完成施工)"),
    # listed days taken one by one: "3日、4日分时段停电", "10月7日、8日上班" (working days)
    "each": re.compile(r"^\s*+(?:分别|分[片批段区时]|(?:正常|调休)?上班|补班)"),
}
_BEFORE = {
    "due": re.compile(r"(?:截止|截止到|截止至|最迟|最晚|不晚于)\s*(?:日期|时间)?\s*(?:为|是|:)?\s*(?:到|至)?\s*$"),
    # 截至 is "as of" as often as "until": statistics (截至9月末,全市…) or a due date (预约截至3月7日)
    "as_of": re.compile(r"截至\s*(?:到|至)?\s*$"),
    # "提前到9月1日", "推迟至5日": moved to that day, not lasting until it
    "until": re.compile(r"(?:(?<!提前|推迟|延后|调整)(?<!改)(?:至|到)|直至|直到|延至|延长至)\s*(?:约|大约)?\s*$"),  # 直至约晚上11时45分
    "from": re.compile(r"(?:自|从|由)\s*$"),
    # "预计桥梁恢复通行时间为2022年7月31日": the day of the reopening, named as a field
    "reopen": re.compile(r"恢复(?:通行|通车|供水|供电|供气|开放|营业|办公|运营)?(?:时间|日期)\s*(?:为|是|:)?\s*$"),
    # "如遇雨天则顺延至5月24日": the day it moves to if it rains, not a day it is planned for
    "conditional": re.compile(r"(?:如遇|若遇|遇到?)[^,。;]{0,6}?(?:则|将)?\s*(?:顺延|延期|推迟|改期|改)(?:至|到)\s*$"),
}


_DAY_AFTER = re.compile(r"^\s*(?:\([^)]{0,8}\))?\s*后(?![天日年月])")
_UNTIL_OVER = re.compile(r"直至[^。;]{0,16}?(?:重开|重新开放|散去|散场|结束|完毕)")
_CLAUSE_END = re.compile(r"[,;。!?:]")
_RECURRING = re.compile(r"(?:每年|每月|每周|每逢|每年的|每月的)\s*$")
# "如场地于…开放", "若活动于…举行": a subject, then if and when it happens (not 如需, 如有 of
# advice, 如约, 如常, 如今, 如往年, nor the 如 of 如皋 or 若干)
_IF = re.compile(r"(?<![例比假])(?:如果|倘若|如|若)(?![下遇期需有干皋东意何约常今往同])[^,。;:如若]{0,8}?(?:于|在)\s*$")
_HAPPENS = re.compile(r"[^,。;]{0,12}?(?:开放|举行|举办|开展|营业|开馆|开始)")
# a day planned once ("原定于", "原计划"), then given up in the same sentence: called off, put off
# (推迟至下周, 延期), or changed to another day (调整为10月23日, 改为周日; 改为市体育中心, a place,
# or 调整为每天8时至18时, other hours, leave the day)
_ORIGINALLY = re.compile(r"原(?:定|订|计划|拟|本)\s*(?:于|在)?\s*$")
_MOVED_TO = (r"(?:(?:延期|推迟|顺延|改期)(?:至|到)?|延至"
             r"|(?:调整|改|变更)(?:至|到|为)(?=\s*(?:\d|[一二三四五六七八九十]|本月|下月|明年|次年|下周|周|星期|明|次日|后天)))")
_CALLED_OFF = re.compile(rf"[^。;!?]*?(?:取消|停办|不再举办|暂停举办|不再举行|暂停举行|{_MOVED_TO})")
_MOVED = re.compile(rf"\s*+{_MOVED_TO}")
_PUT_OFF_TO = re.compile(r"(?:延|延期|顺延|改期)(?:至|到)\s*$")
_TIME_PUT_OFF = re.compile(r"(?:时间|日期|期限|截止)\S{0,2}" + _PUT_OFF_TO.pattern)  # 报名时间延至…: until then
_HELD = re.compile(r"[^,。;!?]*?(?:,\s*+(?:在|于)[^,。;!?]*?)?(?:举行|举办|开展|演出|上演|开幕|开赛|开考)")
_RESUME = re.compile(r"恢复|重新开放|重新开通|正常开放|照常")
_WINDOW = 120
_UNTIL_NOTICE = re.compile(rf"\s*+(?:{FIRST_RUN}\s*+)?起?\s*+(?:至|到|直至|直到)\s*+另(?:有|行)通知(?:时|之日)?\s*+(?:止|为止)?")
_START_NAMED = re.compile(r"(?:起始|开始)(?:时间|日期)\s*(?:为|是|:)?\s*(?:提前|推迟|调整|改)?\s*(?:到|至|为)?\s*$")
# ("春节期间(1月28日至2月4日),市博物馆正常开放": the subject may stand between)
_AS_USUAL = re.compile(r"\s*+(?:\([^)]{0,12}\))?\s*+\)?\s*+(?:起)?\s*+,?\s*+(?:(?!上午|下午|中午|晚上|早上|全天|当天)[^,。;:\d]{2,10}?)?(?:全馆|各网点|全部|各窗口|所有窗口|照常)?\s*+(?:恢复)?\s*+"
                       r"正常(?:对外)?(?:开放|开馆|营业|办公|接待|运营|服务|开诊|出诊)")
_REWARDED = re.compile(r"^[,,]?[^,。;]{0,12}?(?:领取|可领|享受|给予|可获|获赠|赠送|奖励|优惠|减免)")
_BECAUSE = re.compile(r"\s*(?:\(?[一二三四五六七八九十\d]+[)、.]\s*)?(?:因为?|由于|且)")
_THEREFORE = re.compile(r"[,;]\s*(?:因此|所以|故)")
_SCHEDULE_BEFORE = re.compile(r"(?:上|按|按照|执行|参照)\s*$")
_SCHEDULE_AFTER = re.compile(r"\s*+(?:\([^)]{0,8}\))?\s*+(?:的)?\s*+(?:课程|课表|作息|排班|安排上课)")
_LAST_RUN = re.compile(rf"\s*{LAST_RUN}\s*(?:止|为止|结束)")
# days that share opening hours are a change to the service's hours, not an opening event
_OPEN_FOR = re.compile(r"^(?:(?!免费)[^,;。]){0,6}?(?:开馆|开放|营业|开园|办公|接待)")  # 免费开放 is a benefit

# a document's number after its date: "…字第1120012345号", "国办发〔2023〕1号"
# (a date that starts something, "自2024年7月1日起执行市政发〔2024〕3号文件", is no letter's date)
_DOCUMENT = re.compile(r"(?!\s*起)[^,。;起]{0,16}?(?:字第\s*[\d〇一二三四五六七八九十]+\s*号|[〔\[]\s*(?:19|20)\d{2}\s*[〕\]]\s*\d+\s*号)")
_NIGHTLY = re.compile(rf"{FIRST_RUN}|{LAST_RUN}")


def mark(text: str, m: Mention, lo: int, hi: int) -> None:
    after = text[m.end:min(hi, m.end + 16)]
    before = text[max(lo, m.start - 10):m.start]
    for name, rx in _AFTER.items():
        hit = rx.match(after)
        if hit and name == "to_the_end" and m.last.time is None and hit.group().lstrip().startswith("起"):
            continue  # "从6月11日起至赛事结束": from that day until some day; "23时起至末班车止" ends that night
        if hit:
            m.markers.add(name)
            if name == "to_the_end":  # "至比赛结束" belongs to the time expression
                m.end += hit.end()
    if "open_start" not in m.markers and m.last.time is None and _DAY_AFTER.match(after):
        m.markers.add("open_start")  # "2017年4月1日后…闭馆": after a day (an hour's 后 is "9:00后", no start)
    until_notice = _UNTIL_NOTICE.match(after)
    if until_notice and m.kind == "point":
        # "9月30日首班车起至另有通知时止": from then on, open-ended; the words are part of the time
        m.end += until_notice.end()
        m.markers.add("open_start")
        after = text[m.end:min(hi, m.end + 16)]
    last_run = _LAST_RUN.match(after)
    if last_run and m.kind == "range":
        m.end += last_run.end()  # "至10月7日末班车止" ends with the last train: part of the time, no cue
        after = text[m.end:min(hi, m.end + 16)]
    if m.kind == "list" and _NIGHTLY.search(text, m.end, min(hi, m.end + 40)):
        m.markers.add("each")  # "10月6日、7日,2号线…末班车延长至次日0:30": each night its own
    if m.daily is not None and m.kind != "point" and _OPEN_FOR.match(after):
        m.markers.add("hours")  # "1月21日至27日每天9:00—12:00开馆": those days' shorter hours
    if "born" in m.markers:
        m.markers -= {"open_start", "due"}
    if m.kind != "point":
        m.markers -= {"due", "as_of"}  # "自…起至…止" is a span like any other, not a due date
    if "reopen" in m.markers and m.kind != "point" and after.lstrip().startswith("正常"):
        m.markers.discard("reopen")  # "初一至初八正常开放": days kept as usual; nothing closed reopens
    if "reopen" in m.markers:
        m.markers.discard("open_start")
    for name, rx in _BEFORE.items():
        if rx.search(before):
            m.markers.add(name)
    if "until" in m.markers and _PUT_OFF_TO.search(before) and not _TIME_PUT_OFF.search(before) \
            and _HELD.match(text, m.end, min(hi, m.end + _WINDOW)):
        # "活动延至8月26日晚上7时30分…举行": held on the day it moved to ("封闭时间将延期至明年1月底"
        # lasts until then)
        m.markers.discard("until")
    if _DOCUMENT.match(text, m.end, min(hi, m.end + 30)):
        m.markers.add("document")  # "依据教育部112年3月23日台教师(三)字第…号函": the date of a letter cited
    if "reopen" not in m.markers and _AS_USUAL.match(after):
        m.markers.add("as_usual")  # "2月22日全馆正常开放服务": nothing changes that day
    near = max(lo, m.start - 60)  # bounded both ways: a line of a thousand dates stays linear
    cut = max(text.rfind(c, near, m.start) for c in ",;。")
    clause_start = cut + 1 if cut >= 0 else near if near == lo else None
    if clause_start is not None and _BECAUSE.match(text, clause_start, m.start) \
            and _THEREFORE.search(text, m.end, min(hi, m.end + _WINDOW)):
        # "因…18日是法定休假日(星期六),因此…顺延至4月20日": the date is the reason, the item follows
        m.markers.add("reason")
    if m.kind == "point" and _SCHEDULE_BEFORE.search(before) and _SCHEDULE_AFTER.match(after):
        m.markers.add("schedule_of")  # "上9月20日(星期一)的课程": that day's timetable, not that day
    if m.kind == "point" and _START_NAMED.search(before):
        m.markers.add("open_start")  # "防火期起始时间提前到2016年9月1日,至2017年4月30日结束"
    # what follows, read no further than a clause or two and a bounded window (a line of a
    # thousand dates must not make each read the rest of the line)
    window = text[m.end:min(hi, m.end + _WINDOW)]
    rest = _CLAUSE_END.split(window, maxsplit=1)[0]
    if rest.rstrip().endswith("的") and "的" not in rest[:2] and (
            "已" in rest or re.match(r"\s*(?:\(含\))?\s*(?:以前|以后|之前|之后|前|后)", rest)
            and not _REWARDED.search(window[len(rest):])):
        # "5月13日前已提交申请的," says who, not when; "9月1日之前缴纳采暖的,领取一袋面粉" is a
        # deadline for a reward
        m.markers.add("conditional")
    if _IF.search(before) and _HAPPENS.match(text, m.end, min(hi, m.end + 20)):
        m.markers.add("conditional")  # "如场地于年初三(1月24日)开放": what may happen, if it does
    if _ORIGINALLY.search(before) and _CALLED_OFF.match(text, m.end, min(hi, m.end + _WINDOW)) \
            or before.endswith("由") and _MOVED.match(text, m.end, hi):  # "由2月15、16、17日调整为…"
        m.markers.add("called_off")  # "原定于7月22日举办的…等活动暂时取消" (…调整至10月23日): a day given up
    if _RECURRING.search(before):
        m.markers.add("recurring")  # 每年6月30日
    following = window if len(rest.strip(" 起")) < 2 else rest
    if "以来" in rest:
        m.markers.add("since")  # 自2014年10月1日《条例》施行以来
    if "open_start" in m.markers and m.first.time is not None and _UNTIL_OVER.search(window.split("。")[0]):
        m.markers.add("to_the_end")  # "由晚上7时45分起封闭…直至道路重开": ends that day, when is not known
    if "open_start" in m.markers and _RESUME.search(_CLAUSE_END.split(following, maxsplit=2)[0] if rest.strip(" 起") else "".join(_CLAUSE_END.split(following, maxsplit=2)[:2])):
        m.markers.add("reopen")  # "1月2日起,各网点恢复办理": the end of a suspension, not a new item
        m.markers.discard("open_start")
