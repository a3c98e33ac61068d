"""The clause that carries a dated item, with its date and the scaffolding of notices cut out.

Notices wrap what they announce in fixed phrases (计划于…对…, 自…起, 请于…前, 根据…规定): a title
keeps the deed and its subject, found by position around the date.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .classify import INNER_DEED, cue_hits
from .layout import SPEECH

_CLAUSE = re.compile(r"(?:[^,;:。!?]|(?<=\d):(?=\d))+")  # 9:00 does not end a clause
_LEAD = re.compile(
    r"^(?:(?:根据|依据|依照)[^,]*|经研究|为了?[^,]{0,20}|因[^,]{0,20}需要|现将[^,]*|特此[^,]*)?"
    # the issuer speaking of itself before what it does to a place: "我公司(定于…)对城关镇停电"
    r"(?:(?:我|本)(?:公司|分公司|集团|单位|局|处|所|站|厂|司)(?=\s*,?\s*(?:将|定于|预定|计划|拟|决定|于|对|自|从|在)))?"
    r"(?:(?:计划|预计|定于|拟于|拟定于|将于|决定于|决定|经研究决定|特定于|我们将|我单位将|本中心将|将在|每日|每天|每晚|"
    # (自 of a name is no "from": 自助借阅区, 自来水公司, 自由路)
    r"于|自(?![助动行治然由己主驾费愿习修营来])|从|在(?!校|职|读|岗|编|册)|由|对(?!外)|即日起|起|至|到|开始|届时|期间|之间|为|是|的|将|请|所有|并|同时|且|现(?!场|金|行)|凡|"
    # what links a clause to the one before it says nothing of the item: "而公司配额申请人…",
    # "因此的纳税申报期限顺延", "其一是推出…", "这段时间城南…停水"
    r"而|因此|所以|其中|另外|此外|其[一二三四]是|要(?![求素点闻])|这段时间)\s*)+")
# A paper's dateline run into the text, with the byline in brackets after it: "ChongMingS.COM崇明网讯
# 全市…", "山西晚报讯(记者杨晶)…", "今日镇江讯  昨天…". Its 讯 follows a paper (报, 网, 社, 台) or a
# day, or stands before a blank, a bracket or a colon: never the 讯 of 通讯线路. A news agency's
# dateline ends in 日电: "(中央社台北24日电)", "新华社北京3月5日电" (never 电力, 电费 …); Taiwan's papers
# sign "【记者冯绍夫报导】" or "(记者赖文萱/台北报导)"; reporters may follow unbracketed ("本报讯 记者 黄世军 ").
DATELINE = re.compile(r"^\s*(?:[^\s,。;!?]{0,24}?(?:(?<=[报网社台日])讯|讯(?=\s|\(|[,:]))"
                      r"|\(?[^\s,。;!?()]{1,20}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})日电(?![力网费话器视脑梯子线动源厂站机])\)?"
                      r"|[(【]?记者[^()【】,。;:]{1,16}报[导道][)】]?)"
                      r"\s*(?:\([^()]{0,30}\))?(?:\s*(?:特约)?(?:记者|通讯员)\s*[^\W\d_A-Za-z]{2,4}(?=\s|$))*\s*[,:]?\s*")
_TRAIL = re.compile(r"(?:为|是|的|:|起|止|前|之前|以前|开始|进行|期间|截止至|截止到|截至|截止|至|(?<!报)到|将|于|分别|每日|每天|(?<![蔓拖顺])延)+$")  # (报到 is a deed)
# "()" left by a date, and "(初一至初三)", "(农历腊月二十八)", "(周日)": a date said again another way
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|【|】|\[\s*\]|\((?:农历|正月|腊月|初[一二三四五六七八九十])[^()]{0,14}\)")
# numbering before the single characters: "(一)" goes whole, not as "(" leaving "一)"
_DATE_DEBRIS = re.compile(r"^(?:\([一二三四五六七八九十\d]{1,2}\)|[一二三四五六七八九十]+、|\d{1,2}[.、](?!\d)|[\s()\[\]、,.~\-—至到起止前])+"
                          r"|[\s(\[、,~\-—]+$")  # (a closing bracket at the end: _without_debris)
# who plans a date ("…信息中心定于今晚10点…"): the words that schedule it
SCHEDULING = "计划于|预定于|特定于|定于|拟于|拟定于|将于|决定于"  # 预定于: Taiwan's 預定於; Macao's 特定於
# ("北京时间2020年10月11日": the clock a date is told in, as banks and Hong Kong write)
_BEFORE_DATE = re.compile(rf"(?:(?:{SCHEDULING}|计划|预计于|预计|请于|须于|应于|需于|可于|务必于|北京时间|香港时间|当地时间|"
                          r"截止到|截止至|截至到|截止|截至|自即日起|即日起|于|自|从|在|由|到|至|为|将)\s*)+$")
_AFTER_DATE = re.compile(r"\s*(?:起?\s*(?:\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?:个)?(?:工作日|日|天)(?:内|以内|之内)?"
                         r"|起至|起|开始|之前|以前|前|为止|止|期间|之间|以后|之后|后|内|当天|当日|(?:下午)?下班前|"
                         r"全天|上午|下午|晚上|夜间)")
_SUBJECTLESS = re.compile(r"^(?:请|可|须|需|应|凭|并|可以|需要|必须|均|将|统一|一律|按时|及时|自行|前往|到|"
                          # "…承办的找书大赛,将于…在图书馆内举行": where and that it is held, not what
                          r"(?:在[^,。;]{1,20}?)?(?:举行|举办|召开|开幕|开展)\s*$)")


# what follows a date that only says where something is held ("在二楼临展厅开幕")
_HELD_THERE = re.compile(r"\s*+(?:在[^,。;]{1,20}?)?(?:举行|举办|召开|开幕|开展)\s*+$")
_LONGEST = 240
_SCHEDULED = re.compile(rf"(?:{SCHEDULING})\s*$")
_OUTAGE = re.compile(r"停(?:水|电|气|暖|热)|(?:暂停|停止|中断)供(?:水|电|气|暖|热)")


def _start(span: tuple[int, int]) -> int:
    return span[0]


def _end(span: tuple[int, int]) -> int:
    return span[1]


@lru_cache(maxsize=256)
def _clause_spans(sentence: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    spans = tuple(m.span() for m in _CLAUSE.finditer(sentence))
    return spans, tuple(e for _, e in spans)


def clause_around(sentence: str, lo: int, hi: int, dates: list[tuple[int, int]] = ()) -> str:
    """The clause that holds sentence[lo:hi], with its dates and their scaffolding cut out.

    A date alone in its clause is about the next clause ("从10月17日起,…暂不提供…") or, at the
    end of a sentence, the one before ("缴费时间:11月1日至12月25日"); a clause without a subject
    ("请于…前办理") borrows the clause before it ("需办理提取业务的职工,"). When a long preamble
    comes before the date ("…的老年人,请本人或家属携带身份证、户口簿于25日前到社区办理高龄津贴
    申报"), what follows the date says what is due."""
    spans, ends = _clause_spans(sentence)
    first = bisect_right(ends, lo)  # the first clause that ends after the date starts
    last = first
    while last + 1 < len(spans) and spans[last + 1][0] < hi:
        last += 1
    if first >= len(spans) or spans[first][0] >= hi:
        return sentence
    # Only these clauses and their neighbours matter, and of a clause without punctuation for
    # thousands of characters only the date's stretch: a line of a thousand dates must not make
    # each of them walk all the others.
    reach_lo, reach_hi = lo - 2 * _LONGEST, hi + 2 * _LONGEST
    spans = {i: (max(spans[i][0], reach_lo), min(spans[i][1], reach_hi))
             for i in range(max(first - 1, 0), min(last + 3, len(spans)))}
    near = dates[bisect_right(dates, reach_lo, key=_end):bisect_left(dates, reach_hi, key=_start)]
    cut = sorted(set(near) | {(lo, hi)})
    s, e = spans[first][0], spans[last][1]
    if e - s > _LONGEST:
        s, e = max(s, lo - _LONGEST // 2), min(e, hi + _LONGEST // 2)
    clause = lambda i: strip_scaffolding(_without_dates(sentence, *spans[i], cut))  # noqa: E731
    text = _without_dates(sentence, s, e, cut)
    after_raw = _without_dates(sentence, min(hi, e), e, cut)
    after = strip_scaffolding(after_raw)
    if len(strip_scaffolding(_without_dates(sentence, s, max(lo, s), cut))) > 14 and len(after) >= 6 \
            and not _HELD_THERE.match(after_raw):
        # (unless what follows only says where it is held: "由市博物馆主办的“丝路遗珍”展将于9月28日在
        # 二楼临展厅开幕": the preamble is what opens)
        text = after
    nxt = last + 1 if last + 1 in spans else None
    prv = first - 1 if first > 0 else None
    if prv is not None and len(strip_scaffolding(text)) < 2 and sentence.startswith(":", spans[prv][1]) \
            and (name := clause(prv)) and 2 <= len(name) <= 12 and not FIELD_WORD.search(name) \
            and not _SAYS.search(name):
        return name  # "城关:7月11日-13日,七里河:7月11日-12日": each date is the name before its colon's
    if nxt is not None and _ANNOUNCES.search(strip_scaffolding(text)):
        # "市府宣布于2月20日起,于…开设…": what was announced, not who announced it (who decided,
        # "西宁公交集团决定自3月8日起…", is often whose service changes, and stays)
        text = ""
    for j in (nxt, prv):
        if len(strip_scaffolding(text)) < 2 and j is not None:
            if j == nxt and _REASON.match(sentence, spans[j][0]) and j + 1 in spans:
                j = nxt = j + 1  # "本周六上午8时至12时,因线路检修,城关镇东街片区停电": why is no title
            text = clause(j)
            if j == nxt:  # what follows the borrowed clause is next now
                nxt = nxt + 1 if nxt + 1 in spans else None
            else:  # borrowed once is enough: "报名10月16日9时开始,10月31日…截止" is about 报名
                prv = None
    if prv is not None and nxt is not None and len(strip_scaffolding(text)) < 3 \
            and _REASON.match(sentence, spans[prv][0]) and not _AFTERWORD.match(sentence, spans[nxt][0]):
        # "为确保施工的顺利进行,<dates>施工期间,该路段将实施半封闭管制": why comes before, what after
        text = strip_scaffolding(text) + clause(nxt)
        prv, nxt = None, nxt + 1 if nxt + 1 in spans else None
    if nxt is not None:
        following = clause(nxt)
        where = _WHERE_FIELD.match(strip_scaffolding(text))
        if where and following and sentence.startswith(":", spans[last][1]):
            return following + where.group(1)  # "…08:00—18:00 停电区域:城南工业园": 城南工业园停电
        if sentence.startswith("届时", spans[nxt][0]) and _OUTAGE.search(following) and not _OUTAGE.search(text):
            # "…进行施工作业,届时孝感城区…将暂停供水": the outage residents meet then is the item
            # (a 届时 that only adds how, "届时纳税人可通过APP办理", leaves the clause alone)
            return following
        if re.search(r"以下|如下", text) and following and not _AFTERWORD.match(sentence, spans[nxt][0]):
            return strip_scaffolding(text) + ":" + following  # "以下区域停电:城东街道、幸福里小区"
        if len(strip_scaffolding(text)) < 4 and _EVENT_VERB.search(following):
            text = following  # 开展当日(9月28日)下午2时30分,…举办专题讲座
        elif following and not after and _SCHEDULED.search(sentence, max(s, lo - 6), lo):
            # "…信息中心定于今晚10点至下半夜4点,进行医保实时结算系统容灾演练": who scheduled it, then what
            # (who, when they did it to a place, drops: "市政局计划于…开始,对全市进行停水": 全市停水)
            to_a_place = sentence[spans[nxt][0]:spans[nxt][1]].lstrip(" ,").startswith(("对", "在"))
            text = following if to_a_place else strip_scaffolding(text) + following
        elif not cue_hits(strip_scaffolding(text)) and cue_hits(following):
            # "…税务局定于1月10日20时至11日8时,对电子税务局等系统进行停机升级维护": the deed is next
            text = strip_scaffolding(text) + following
    if prv is not None:
        before = clause(prv)
        field = _FIELD_ONLY.match(strip_scaffolding(text))
        if field and before and not _FIELD_ONLY.match(before):
            # "海南环岛旅游公路琼海支线(听海路),管制时间12月22日…": the clause before names what
            stem = field.group(1)
            # "…要抓紧时间报名,报名截止日期为": the stem goes on from the clause, not said twice
            overlap = next((n for n in range(min(len(stem), 4), 1, -1) if before.endswith(stem[:n])), 0)
            return before + stem[overlap:]
        # (a field's label before the colon, "管制时间和路段具体为:", names no subject)
        lead_in = sentence[spans[prv][1]:spans[prv][1] + 1] == ":" and len(before) <= 20
        if (_SUBJECTLESS.match(text) or _SUBJECTLESS.match(strip_scaffolding(text)) or len(strip_scaffolding(text)) < 3
                or lead_in) and before and not before.endswith(("如下", "通知", "公告", "时间", "日期")) \
                and not (lead_in and _TIME_LABEL.search(before)) \
                and not _REASON.match(sentence, spans[prv][0]):  # (why is no subject: "因…维修,…停水")
            deed = strip_scaffolding(text)
            # ("图书馆自…起休馆,年初一至年初三休馆": the deed said again is said once)
            text = before + ":" + deed if lead_in else before if before.endswith(deed) else before + deed
    return text


# "市委市政府决定:自22日晚间6时起…": who decided and announced, not what the dates are of
# (what a speaker says, as a field label is told from speech in layout.py, and who decided)
_SAYS = re.compile(rf"(?:决定|宣布|通知|通告|公告)$|{SPEECH.pattern}")
_ANNOUNCES = re.compile(r"(?:宣布|表示|指出)$")
# what a lead-in says next that is no list of places: "届时高楼层用户可能出现无水情况", "请…"
_AFTERWORD = re.compile(r"\s*(?:届时|请|如|若|敬请|给您)")
# a place field's label right after the dates, its value after the colon: "停电区域:城南工业园"
_WHERE_FIELD = re.compile(r"^([^,:;。]{1,6}?)(?:区域|范围|地点|路段|线路)$")
_FIELD_ONLY = re.compile(r"^([^,:;。]{0,8}?)(?:时间|日期|时段|期)(?:为|是)?(?:\s*(?:19|20)\d{2}年(?:的)?)?$")
_TIME_LABEL = re.compile(r"时间|日期|时段")  # ("城南区域:…停电" names its area; "端午节放假安排:…", its holiday)
# the label of a form's field says what a value is ("停电时间:", "影响范围:"), not whose it is
FIELD_WORD = re.compile(r"时间|日期|时段|期间|期限|范围|地点|区域|线路|对象|方式|安排")
_EVENT_VERB = re.compile(r"举行|举办|开展|召开|展出|演出|上演|开幕|活动|讲座|比赛|考试")


def _without_dates(sentence: str, s: int, e: int, dates: list[tuple[int, int]]) -> str:
    pieces, pos = [], s
    for lo, hi in dates:
        if hi <= s or lo >= e:
            continue
        pieces.append(_BEFORE_DATE.sub("", sentence[pos:max(pos, lo)]))
        pieces += INNER_DEED.findall(sentence, max(pos, lo), hi)  # "从上午8时停水至傍晚6时": 停水 stays
        pos = max(pos, hi)
        after = _AFTER_DATE.match(sentence, pos, e)
        if after:
            pos = after.end()
    pieces.append(sentence[pos:e])
    return "".join(pieces).strip()


# "共计停水72小时", "停水时间20小时", "(工期7日)", "为期36小时的": how long, which the dates already say
# ("对城关镇停电约8个小时": the deed stays, how long goes)
_DURATION = re.compile(r"[,(]?\s*+(?:共计|共|预计|约|历时|累计|为期)?\s*+(?P<deed>停水|停电|停气|停暖|施工|停止供水|停止供电)?(?:工期|时间|时长)?"
                       r"\s*+(?:约|共|为)?\s*+\d+(?:\.\d+)?\s*+(?:个)?(?:小时|天|日|分钟)(?:左右)?(?:的)?\s*+\)?")
# "对全市进行停水", "对人民路进行封闭施工": 进行 says nothing before the deed it names
_DOING = re.compile(r"进行(?=(?:交通)?(?:封闭|管制)|停水|停电|停气|停暖|停止供|封闭|半封闭|断交|施工|检修|维修|抢修|改造)")
# "为配合…工程,", "因清洗水箱,": why something happens; the place named there is not where
_REASON = re.compile(r"(?:^|(?<=[,;。]))\s*(?:因|为了?|为配合|由于|根据|按照|鉴于|经|接)[^,;。]*[,;]")


@lru_cache(maxsize=1024)  # asked for once per item of a sentence
def substance(sentence: str) -> str:
    """The sentence with its reason clauses blanked out (same length, so offsets hold)."""
    return _REASON.sub(lambda m: " " * len(m.group()), sentence)


# "(遇特殊情况将顺延)", "如遇雨天顺延", "遇恶劣天气另行通知": what may change the dates, not what
# happens; "(公众假期除外)", "(紧急车辆除外)": who or when the rule spares; "每座桥梁具体交通管制时间以
# 现场交通管制标志为准": where the exact hours are to be found
# "(如遇雨雪天气,工期顺延)", "(如…未完工,则…顺延至…)": an "if" in brackets, with no date of its own
# ("(如需通行,请于5月9日前办理通行证)" is an item)
_BRACKETED_IF = r"\((?:如|若|倘)[^()\d]{1,60}\)"
_CAVEAT = re.compile(_BRACKETED_IF + r"|(?:[,(]\s*+(?:如|若|倘)?|如|若|倘)遇[^,。;()]{1,12}?(?:将|则|时|可|会)?(?:顺延|延期|推迟|提前结束|另行通知|另行安排|取消)\)?"
                     r"|\([^()]{1,24}?除外\)|[^,。;()]{0,30}?(?:时间|日期|时段)[^,。;()]{0,4}?以[^,。;()]{1,30}?为准")


@lru_cache(maxsize=1024)  # asked for by each item's kind and clause
def without_caveats(sentence: str) -> str:
    """The sentence with its bracketed "if" caveats blanked (same length, so offsets hold): what
    may change the dates says nothing of what the item is ("(如…未完工,…顺延至工程完工之日)")."""
    return _BRACKETED_IF_RX.sub(lambda m: " " * len(m.group()), sentence) if "(" in sentence else sentence


_BRACKETED_IF_RX = re.compile(_BRACKETED_IF)


@lru_cache(maxsize=8192)
def strip_scaffolding(text: str) -> str:
    text = _DURATION.sub(lambda m: m.group("deed") or "", text)
    text = _CAVEAT.sub("", text)
    text = _DOING.sub("", text)
    text = _EMPTY_BRACKETS.sub("", text)
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    if text.count("「") != text.count("」"):  # (a quoted date taken out leaves one of its marks)
        text = text.replace("「", "").replace("」", "")
    text = _without_debris(text)
    text = DATELINE.sub("", text)
    for _ in range(3):
        before = text
        text = _LEAD.sub("", text).strip()
        text = _TRAIL.sub("", text).strip()
        text = _without_debris(text)
        if text == before:
            break  # (nothing left to cut: another round would cut nothing either)
    return text


_CLOSING = {")": "(", "]": "["}


def _without_debris(text: str) -> str:
    """Text without the numbering and punctuation a cut date leaves at its ends. A closing bracket
    at the end goes only when nothing opens it: "解放路(人民路至胜利路段)" keeps its stretch."""
    text = _DATE_DEBRIS.sub("", text)
    while text[-1:] in _CLOSING and text.count(text[-1]) > text.count(_CLOSING[text[-1]]):
        text = _DATE_DEBRIS.sub("", text[:-1])
    return text
