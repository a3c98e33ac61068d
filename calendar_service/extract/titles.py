"""Readable titles ("what + where") and places for extracted items.

A title is the clause that carries the item, with its date and the scaffolding words of notices
(计划, 定于, 自…起, 对 …) taken out. When that leaves no subject ("集中缴费时间截止"), the notice's
heading supplies it. Places are read with patterns for roads, junctions and facilities.
"""
from __future__ import annotations

import re

from .classify import cue_hits

MAX_TITLE = 64
MAX_TOPIC = 24
# "在市发改委第二会议室(香港中路11号)举行…": a venue phrase before the verb
_VENUE = re.compile(r"在([^,。在]{2,30}?)(?=举行|举办|召开|开展|进行|展出|演出|上演|组织)")
_CLAUSE = re.compile(r"(?:[^,;:。!?]|(?<=\d):(?=\d))+")  # 9:00 does not end a clause
_LEAD = re.compile(
    r"^(?:根据[^,]*|经研究|为了?[^,]{0,20}|因[^,]{0,20}需要|现将[^,]*|特此[^,]*)?"
    r"(?:(?:计划|预计|定于|拟于|拟定于|将于|决定于|决定|经研究决定|特定于|我们将|我单位将|本中心将|将在|每日|每天|每晚|"
    r"于|自|从|在|由|对|即日起|起|至|到|开始|届时|期间|为|是|的|将|请|所有|并|同时|且|现|凡)\s*)+")
_TRAIL = re.compile(r"(?:为|是|的|:|起|止|前|之前|以前|开始|进行|期间|截止至|截止到|截至|截止|至|到|将|于|分别|每日|每天)+$")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|【|】|\[\s*\]")
_DATE_DEBRIS = re.compile(r"^(?:[\s()\[\]、,.~\-—至到起止前]|[一二三四五六七八九十]+、|\d{1,2}[.、](?!\d)|\([一二三四五六七八九十\d]{1,2}\))+"
                          r"|[\s()\[\]、,~\-—]+$")
# "总馆/我院/本中心" stand for the issuer: the heading says who that is
_ANAPHORA = re.compile(r"^(?:总馆|本馆|该馆|我馆|我院|本院|该院|我中心|本中心|该中心|我局|本局|该局|我行|本行|该行|"
                       r"我司|本公司|该公司|我单位|本单位|我所|本所|我站|本站|我厅|本厅)")
_HEADING_NOISE = re.compile(
    r"^(?:关于|我市|本市|市区|我区|我县|本区|做好|开展|进一步|加强|组织|启动|全面)|"
    r"(?:的)?(?:公告|通告|通知|公示|启事|温馨提示|提示|告知书|开始了?|启动|有变化|来了|须知|安排|"
    r"工作|有关事项|相关事宜|事宜|有关工作|相关工作|的)$")
# relative dates in a heading ("今起", "本周六") would mislead once the title sits in a calendar
_HEADING_DATES = re.compile(r"(?:今起|今日起|明起|明日起|即日起|今日|明日|本周[一二三四五六日天]|下周[一二三四五六日天]|"
                            r"\d{1,2}月\d{1,2}日起?|\d{4}-\d{2}-\d{2})")
_PLACE_SUFFIX = "(?:" + "|".join(sorted(  # longest first: 街道 before 街
    "服务中心|体育场|交叉口|体育馆|隧道|新村|区域|机场|大厅|校区|园区|大街|景区|立交|省道|家园|公园|小区|学校|花园|大道|路口|广场|社区|胡同|高速|中心|礼堂|车站|市场|路段|片区|码头|医院|国道|街道|剧院|路|巷|馆|村|街|镇|站|楼|桥".split("|"), key=len, reverse=True)) + ")"
_NAME = r"[\u4e00-\u9fa5A-Za-z0-9·]"
_NAME_START = r"(?<![A-Za-z0-9])[\u4e00-\u9fa5A-Za-z]"  # a place name does not start with a number
_ROAD = r"(?:路|街(?!道|办)|大道|大街|巷|胡同|高速|公路|大桥|桥|隧道)"
_JUNCTION = re.compile(rf"({_NAME}{{1,10}}?{_ROAD})(?:与|和|、)({_NAME}{{1,8}}?{_ROAD})"
                       rf"(?:交叉口|路口|交汇处|十字路口|丁字路口)?")
_SEGMENT = re.compile(rf"({_NAME}{{1,10}}?{_ROAD})(\({_NAME}{{1,10}}?(?:至|到|-|—){_NAME}{{1,12}}\))?")
_PLACE = re.compile(rf"({_NAME_START}{_NAME}{{0,11}}?{_PLACE_SUFFIX})()")
_POWER_LINE = re.compile(r"()(\d+千伏[\u4e00-\u9fa5A-Za-z0-9ⅠⅡⅢⅣⅤ#]{1,8}?线)")
# words that cannot be inside a place name: the name starts after the last of them
_NOT_IN_PLACE = re.compile(r"^.*(?:对|在|于|将|至|到|从|自|经|沿|往|向|是|为|了|的|期间|施工|实施|进行|计划|定于|"
                           r"其中|以及|及|和|或|时间|日期|起|前|后|内|外|等|请|市民|车辆|行人|广大|需要|因|门前|附近|"
                           r"周边|范围|区域|地点|位置|线路|封闭|管制|禁止|绕行|通行|上午|下午|晚上|全天|届时|:)")
_VAGUE_PLACE = re.compile(r"以下|如下|上述|相关|部分|周边|有关|各|全市|全区|全县")
_GENERIC_PLACES = {"公路", "高速", "高速公路", "大桥", "路段", "道路", "街道", "中心", "社区", "小区", "区域", "片区", "大厅", "服务中心", "窗口"}


_BEFORE_DATE = re.compile(r"(?:(?:计划于|计划|预计于|预计|定于|拟于|拟定于|将于|决定于|请于|须于|应于|需于|可于|务必于|"
                          r"截止到|截止至|截至到|截止|截至|自即日起|即日起|于|自|从|在|由|到|至|为)\s*)+$")
_AFTER_DATE = re.compile(r"\s*(?:起至|起|开始|之前|以前|前|为止|止|期间|以后|之后|后|内|当天|当日|(?:下午)?下班前|"
                         r"全天|上午|下午|晚上|夜间)")
_SUBJECTLESS = re.compile(r"^(?:请|可|须|需|应|凭|并|可以|需要|必须|均|将|统一|一律|按时|及时|自行|前往|到)")


def clause_around(sentence: str, lo: int, hi: int, dates: list[tuple[int, int]] = ()) -> str:
    """The clause that holds sentence[lo:hi], with its dates and their scaffolding cut out.

    A date alone in its clause is about the next clause ("从10月17日起,…暂不提供…") or, at the
    end of a sentence, the one before ("缴费时间:11月1日至12月25日"); a clause without a subject
    ("请于…前办理") borrows the clause before it ("需办理提取业务的职工,"). When a long preamble
    comes before the date ("…的老年人,请本人或家属携带身份证、户口簿于25日前到社区办理高龄津贴
    申报"), what follows the date says what is due."""
    spans = [m.span() for m in _CLAUSE.finditer(sentence)]
    cut = sorted(set(dates) | {(lo, hi)})
    own = [i for i, (s, e) in enumerate(spans) if s < hi and e > lo]
    if not own:
        return sentence
    first, last = own[0], own[-1]
    s, e = spans[first][0], spans[last][1]
    clause = lambda i: _strip(_without_dates(sentence, *spans[i], cut))  # noqa: E731
    text = _without_dates(sentence, s, e, cut)
    after = _strip(_without_dates(sentence, min(hi, e), e, cut))
    if len(_strip(_without_dates(sentence, s, max(lo, s), cut))) > 14 and len(after) >= 6:
        text = after
    nxt = last + 1 if last + 1 < len(spans) else None
    prv = first - 1 if first > 0 else None
    for j in (nxt, prv):
        if len(_strip(text)) < 2 and j is not None:
            text = clause(j)
            if j == nxt:  # what follows the borrowed clause is next now
                nxt = nxt + 1 if nxt + 1 < len(spans) else None
    if nxt is not None:
        following = clause(nxt)
        if re.search(r"以下|如下", text) and following:
            return _strip(text) + ":" + following  # "以下区域停电:城东街道、幸福里小区"
        if len(_strip(text)) < 4 and _EVENT_VERB.search(following):
            text = following  # 开展当日(9月28日)下午2时30分,…举办专题讲座
        elif not cue_hits(_strip(text)) and cue_hits(following):
            # "…税务局定于1月10日20时至11日8时,对电子税务局等系统进行停机升级维护": the deed is next
            text = _strip(text) + following
    if prv is not None:
        before = clause(prv)
        lead_in = sentence[spans[prv][1]:spans[prv][1] + 1] == ":" and len(before) <= 20
        if (_SUBJECTLESS.match(text) or _SUBJECTLESS.match(_strip(text)) or len(_strip(text)) < 3
                or lead_in) and before and not before.endswith(("如下", "通知", "公告", "时间", "日期")):
            text = before + ":" + _strip(text) if lead_in else before + _strip(text)
    return text


_EVENT_VERB = re.compile(r"举行|举办|开展|召开|展出|演出|上演|开幕|活动|讲座|比赛|考试")


def _without_dates(sentence: str, s: int, e: int, dates: list[tuple[int, int]]) -> str:
    pieces, pos = [], s
    for lo, hi in dates:
        if hi <= s or lo >= e:
            continue
        pieces.append(_BEFORE_DATE.sub("", sentence[pos:max(pos, lo)]))
        pos = max(pos, hi)
        after = _AFTER_DATE.match(sentence, pos, e)
        if after:
            pos = after.end()
    pieces.append(sentence[pos:e])
    return "".join(pieces).strip()


def _strip(text: str) -> str:
    text = _EMPTY_BRACKETS.sub("", text)
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    text = _DATE_DEBRIS.sub("", text)
    for _ in range(3):
        text = _LEAD.sub("", text).strip()
        text = _TRAIL.sub("", text).strip()
        text = _DATE_DEBRIS.sub("", text)
    return text


_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、]|\([一二三四五六七八九十\d]+\))?\s*([^,:。;()]{1,10}):")


_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|\(\s*[一二三四五六七八九十\d]{1,2}\s*\)|\d{1,2}[.、](?!\d)|【)"
                      r"\s*([^,。:;【】]{2,14}?)\s*[。】]?\s*$")
_GENERIC_SECTION = re.compile(r"(?:时间|日期|地点|方式|对象|事项|电话|提醒|提示|要求|条件|范围|材料|流程|说明|渠道|"
                              r"标准|安排|信息|须知|依据|背景|目的|内容|办法|其他)$")


def section_of(sentence: str) -> str | None:
    """'三、困难群体采暖补贴' heads the paragraphs after it; '二、收费时间和标准' says nothing of what."""
    m = _SECTION.match(sentence.strip())
    if not m:
        return None
    name = m.group(1).strip()
    return "" if _GENERIC_SECTION.search(name) or re.search(r"\d", name) else name


_ADDRESSEE = re.compile(r"^(?:各|全体|广大|尊敬的|亲爱的)|(?:们|单位|企业|市民|居民|业主|考生|群众|用户|朋友|读者|家长)$")


def label_of(sentence: str) -> str | None:
    """'二、春节:1月28日至…' is about 春节, and so is the rest of its paragraph."""
    m = _LABEL.match(sentence)
    name = re.sub(r"\s+", "", m.group(1)) if m else ""
    if not m or re.search(r"\d", name) or name.endswith(("时间", "日期", "地点", "范围", "期")):
        return None
    if _ADDRESSEE.search(m.group(1)):
        return None  # "各参保企业:" greets the readers, it does not name the item
    return m.group(1)


def topic_of(heading: str | None) -> str:
    """What a notice is about, from its heading: 'X关于Y的通知' is about Y."""
    if not heading:
        return ""
    text = re.split(r"\s*[|｜]\s*", heading.strip("# "))[-1]
    text = text.split(" ")[-1] if len(text) > 30 else text
    issuer = issuer_of(text)
    text = re.sub(r"^.*?关于", "", text)
    if issuer and _ANAPHORA.match(text):  # "XX图书馆关于总馆闭馆改造的公告": whose 总馆
        text = issuer + text
    text = _HEADING_DATES.sub("", text).strip()
    for _ in range(3):
        text = _HEADING_NOISE.sub("", text).strip()
    return text


_FIELD_LABEL = re.compile(r"^(.{0,8}?)(?:时间|日期|时段|期间|期限)$")
_DETAIL = re.compile(r"(?:范围|区域|路段|线路|地点|位置|涉及|影响|对象|名称|内容|事项|小区)[^:]{0,6}:\s*([^。;\n]{2,40})")


def issuer_of(heading: str | None) -> str | None:
    """'山西博物院关于…的公告' is issued by 山西博物院."""
    m = re.match(r"^\s*#*\s*([^,。:|]{2,20}?)关于", heading or "")
    return m.group(1).strip() if m else None


_ELSEWHERE_IN_TITLE = re.compile(r"^(?:上述|以上|前述)(?:路段|区域|道路|范围|地点)?|^该(?:路段|区域|道路)")
_WORKDAY = re.compile(r"^(?:调休)?上班")
HOLIDAY_NAME = re.compile(r"元旦|春节|清明|劳动节|五一|端午|中秋|国庆")
_ISSUER_VERB = re.compile(r"^(?:闭馆|开馆|闭园|暂停|停止|恢复|调整|延长|每日|全天)")


def make_title(clause: str, topic: str, kind: str, label: str | None = None, details: str = "",
               section: str | None = None, issuer: str | None = None, place: str | None = None,
               holiday: str | None = None) -> str:
    core = _strip(_VENUE.sub("", clause))  # the place goes to the location field; the title keeps the deed
    if ":" in core:  # "以下区域停电:城东街道、幸福里小区" names the places after the colon
        core = re.sub(r"(?:以下|如下)(?:区域|路段|范围|线路|地点|小区|单位)?", "", core)
    subject_known = False
    if issuer:  # "我院每日开放时间延长…", "闭馆一天": the subject is whoever issued the notice
        if _ANAPHORA.match(core):
            core, subject_known = _ANAPHORA.sub(issuer, core), True
        elif _ISSUER_VERB.match(core):
            core, subject_known = issuer + core, True
    if place and _ELSEWHERE_IN_TITLE.match(core):  # "上述路段禁止…": the road named before
        core, subject_known = place + _ELSEWHERE_IN_TITLE.sub("", core), True
    field = _FIELD_LABEL.match(core)
    if field or re.search(r"以下|如下", core):
        # a form ("停电时间:5月21日8时至18时 / 停电范围:罗店镇…"): the fields after the date say where
        detail = _DETAIL.search(details)
        stem = field.group(1) if field else re.sub(r"(?:以下|如下)(?:区域|路段|范围|线路|地点)?", "", core)
        if detail:
            core = f"{stem}:{detail.group(1)}" if stem else detail.group(1)
        elif field and stem:
            core = stem
    if label and label not in core:
        core = label + core
    if holiday and _WORKDAY.match(core) and holiday not in core:
        core = holiday + core  # "10月7日、8日上班": the make-up days of the holiday named before
    if section and not label and section not in core:
        if len(core) < 6 and topic:  # "过渡期": under 设立过渡期, in a notice on 居住证
            return _clip(f"{topic}:{section}" + (f":{core}" if core and core not in section else ""))
        return _clip(f"{section}:{core}" if core else section)
    # what the item is about usually lives in the heading: prefix it unless the clause already
    # names it, or names the road (closure notices are about their road)
    if topic and topic not in core and not label and not subject_known and (len(core) < 6 or _ANAPHORA.match(core) or not (
            _JUNCTION.search(core) or _SEGMENT.search(core))):
        topic = topic if len(topic) <= MAX_TOPIC else topic[:MAX_TOPIC - 1] + "…"
        core = f"{topic}:{core}" if core and core not in topic else topic
    return _clip(core or topic or _KIND_FALLBACK[kind])


def _clip(title: str) -> str:
    return title if len(title) <= MAX_TITLE else title[:MAX_TITLE - 1] + "…"


_KIND_FALLBACK = {"closure": "封闭/停止供应", "deadline": "办理截止", "service_change": "服务调整",
                  "period": "有效期", "event": "活动"}


def find_place(text: str) -> str | None:
    """The venue ("在人民广场开展…"), else the first road, junction or facility named in text."""
    venue = _VENUE.search(text)
    if venue and len(venue.group(1)) <= 16:
        return venue.group(1)
    for rx in (_JUNCTION, _SEGMENT, _POWER_LINE, _PLACE):
        for m in rx.finditer(text):
            if rx is _JUNCTION:
                place = _NOT_IN_PLACE.sub("", m.group(1)) + m.group()[len(m.group(1)):]
            else:
                place = _NOT_IN_PLACE.sub("", m.group(1)) + (m.group(2) or "")
            if len(place) >= 2 and place not in _GENERIC_PLACES and not place.isdigit() \
                    and not _VAGUE_PLACE.search(place):
                return place
    return None
