"""Readable titles ("what + where") for extracted items.

A title is the clause that carries the item (clauses.py), cut free of its dates and scaffolding:
"龙源路与山阳路交叉口半幅封闭施工". When that clause is thin (a table row of dates, a form's
"停电时间" field, a date under a heading) the title is made of the item's subject, read from its
row, record or heading (assemble.py), and its deed, the strongest cue of its kind nearby:
"迎胜站10KV科山线停电". When the clause names no place but its context does, the place leads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .classify import cue_hits
from .clauses import strip_scaffolding
from .headings import ANAPHORA
from .places import JUNCTION, SEGMENT, VENUE, find_place, name_start
from .chars import HAN

MAX_TITLE = 64
MAX_TOPIC = 24


@dataclass(frozen=True)
class TitleContext:
    """What is known around an item besides its own clause."""

    topic: str = ""  # the notice heading's subject
    issuer: str | None = None  # 山西博物院 (…关于…的公告)
    label: str | None = None  # "春节:" opening the paragraph
    section: str | None = None  # "三、困难群体采暖补贴"
    place: str | None = None  # the item's place (or the one named before, for 上述路段)
    holiday: str | None = None  # the holiday last named (for 调休上班 days)
    subject: str | None = None  # what the item's row, record or heading says it is about
    deed: str | None = None  # the strongest cue of the item's kind in its context (停水, 报名)
    area: str | None = None  # the heading over the item ("容城县", "田安大桥"): always named
    backdrop: str | None = None  # the notice's place section or the place of its lead
    signer: str | None = None  # who signs the notice at its foot ("吉林省图书馆"), when its heading does not say


_ELSEWHERE_IN_TITLE = re.compile(r"^(?:上述|以上|前述)(?:路段|区域|道路|范围|地点)?|^该(?:路段|区域|道路)")
_WORKDAY = re.compile(r"^(?:调休)?上班")
HOLIDAY_NAME = re.compile(r"元旦|春节|清明|劳动节|五一|端午|中秋|国庆")
_ISSUER_VERB = re.compile(r"^(?:闭馆|开馆|闭园|暂停|停止|恢复|调整|延长|每日|全天)")
# what is left of a form's field or a table's caption once its dates are gone says nothing
_THIN = re.compile(r"^(?:[^,:;。]{0,8}?(?:时间|日期|时段|期间|期限|时间段|时间为|日期为))?[\s:,.、\-—()]*$")
_HOLD = ("举行", "举办", "开展", "召开")
_HELD = {"活动", *_HOLD}  # what any event does: the heading says which event
_HOLDING = re.compile(f"^(?:{'|'.join(_HOLD)})")  # "举办…招聘会" is about the 招聘会
_LIST_WORDS = re.compile(r"(?:以下|如下|下列)(?:区域|路段|范围|线路|地点|小区|单位|时段)?")
GENERIC_DEEDS = {"停电", "停水", "停气", "停暖", "施工", "检修", "封闭", "管制", "截止", "安排", "开放", "放假", "闭馆", "开馆",
            "闭园", "休馆", "停诊", "停业", "停运"}


def make_title(clause: str, kind: str, ctx: TitleContext) -> str:
    title = _title(clause, kind, ctx)
    if ctx.signer and ctx.signer not in title and find_place(title) is None:
        # "2月4日:9:00—12:00" under "春节开馆时间", signed "吉林省图书馆": whose hours they are
        return _clip(f"{ctx.signer}:{title}")
    return title


def _title(clause: str, kind: str, ctx: TitleContext) -> str:
    core = strip_scaffolding(VENUE.sub("", clause))  # the venue goes to the location; the title keeps the deed
    core = strip_scaffolding(_LIST_WORDS.sub("", core)) if _LIST_WORDS.search(core) else core
    subject_known = False
    if ctx.issuer:  # "我院每日开放时间延长…", "闭馆一天": the subject is whoever issued the notice
        if ANAPHORA.match(core):
            core, subject_known = ANAPHORA.sub(ctx.issuer, core), True
        elif _ISSUER_VERB.match(core):
            core, subject_known = ctx.issuer + core, True
    if ctx.place and _ELSEWHERE_IN_TITLE.match(core):  # "上述路段禁止…": the road named before
        core, subject_known = ctx.place + _ELSEWHERE_IN_TITLE.sub("", core), True
    if _THIN.match(core) or core in GENERIC_DEEDS:
        # a row, a field or a date alone: its subject and what happens there
        subject = ctx.subject
        if ctx.area and subject and ctx.area not in subject and subject not in ctx.area:
            subject = f"{ctx.area}:{subject}"
        stem = core if core in GENERIC_DEEDS else _field_stem(core) or ""
        if names_something(stem) and not subject:
            # "城乡居民医保缴费时间为…": the field's own name says what is due
            return _clip(_join(ctx.area, stem, sep=":") if ctx.area else stem)
        deed = _field_stem(ctx.deed) or ctx.deed if ctx.deed else stem or (_field_stem(clause) or "")  # 管控时间: 管控
        if stem and deed in stem:
            deed = stem  # "缴费截止时间:12月31日": what is due, not only that something is
        topic = ctx.topic if _informative(ctx.topic) else ""
        section = ctx.section if ctx.section and names_something(ctx.section) else ""
        if subject and deed in _HELD and _informative(ctx.topic) and find_place(subject) is not None and not ctx.area:
            # "活动时间:10月19日上午9:00-12:00" beside "活动地点:市人力资源市场一楼大厅" under "关于举办…人才招聘会
            # 的通知": the heading says what is held; the place is where (the event's location)
            subject, deed = _short(_HOLDING.sub("", ctx.topic)), ""
        elif subject and find_place(subject) is None and _informative(ctx.topic) and ctx.topic not in subject \
                and not ctx.area:
            # a row naming people or a form ("1977至1979年出生") is about what the notice is about
            subject = f"{_short(ctx.topic)}:{subject}"
        who = (subject or ctx.area or ctx.label or section or topic or ctx.backdrop or ctx.section or ctx.topic
               or ctx.place)
        title = _join(who, deed) if who else deed or _KIND_FALLBACK[kind]
        if ctx.backdrop and who in (ctx.label, section, topic) and ctx.backdrop not in title:
            title = f"{title}:{ctx.backdrop}"  # "高考交通管制:旬阳中学周边路段": what happens, then where
        return _clip(title)
    if ctx.label and ctx.label not in core and not (core and core in ctx.label):
        core = ctx.label + core  # (not "集中缴费期为" + "集中缴费期": the label said it already)
    if ctx.holiday and _WORKDAY.match(core) and ctx.holiday not in core:
        core = ctx.holiday + core  # "10月7日、8日上班": the make-up days of the holiday named before
    names_road = JUNCTION.search(core) or SEGMENT.search(core)
    if ctx.area and ctx.area not in core and not subject_known:
        return _clip(_join(ctx.area, core, sep=":"))  # the county or the bridge above the line
    if ctx.subject and ctx.subject not in core and not subject_known and find_place(core) is None:
        return _clip(_join(ctx.subject, core, sep=":"))  # the road or village of the line's row or record
    if ctx.section and ctx.section not in core and ctx.section != ctx.label and not subject_known:
        # "三、困难群体采暖补贴" heads its paragraphs; a short clause ("过渡期") also needs the notice's topic
        if len(core) < 6 and ctx.topic and ctx.topic not in ctx.section:
            return _clip(f"{ctx.topic}:{ctx.section}:{core}")
        return _clip(f"{ctx.section}:{core}")
    topic = ctx.topic
    if topic and topic not in core and not ctx.label and not subject_known and (
            len(core) < 6 or ANAPHORA.match(core) or not names_road and not _names_place_of(core, topic)):
        topic = topic if len(topic) <= MAX_TOPIC else topic[:MAX_TOPIC - 1] + "…"
        core = f"{topic}:{core}" if core and core not in topic else topic
    elif topic and _BARE_SEGMENT.search(core) and not subject_known and (road := _road_of(topic)) and road not in core:
        # "封闭浔南大道至德化路" under "关于青年南路…占道施工的通告": a stretch of the heading's road
        core = f"{road}:{core}"
    elif topic and names_road and not subject_known:
        # "铁东区部分区域10日停水" over "新华大路以东…将暂停供水": the district the heading names
        district = _district_of(topic)
        if district and district not in core:
            core = f"{district}:{core}"
    if _ORDINAL.match(core) and _informative(ctx.topic):
        core = f"{_short(ctx.topic)}:{core}"  # "第一批" of what: the notice's topic says
    if names_road and ctx.deed and not cue_hits(core):
        # "1.解放路(人民路至胜利路段),4月5日至5月20日" under "对以下道路进行封闭施工:": what happens there
        core = core + ctx.deed
    return _clip(core or topic or _KIND_FALLBACK[kind])


def _names_place_of(core: str, topic: str) -> bool:
    """Does the clause name the very place the heading names ("凤凰县图书馆将临时闭馆维修" under
    "凤凰县图书馆临时闭馆维修")? Then the heading adds nothing to its title (a narrower heading,
    "上海博物馆东馆闭馆" over "东馆暂停对外开放", still does)."""
    place = find_place(core)
    return place is not None and place == find_place(topic)


_ORDINAL = re.compile(r"^(?:第[一二三四五六七八九十\d]{1,3}(?:批|轮|阶段|期|次|场)|[上下]半年|首批|末批)$")
_DISTRICT = re.compile(rf"(?<![部各])(?![对在于]|部分|各){HAN}{{1,6}}?(?:新区|城区|市(?![区民场])|区(?!域)|县|镇|乡|街道)(?!{HAN}?(?:路|街|大道))")
# what a heading says before its district is no part of it: "为保障华安县…", "112年度连江县…",
# "近期我市…" (我市 names no district at all)
_BEFORE_DISTRICT = re.compile(r"^.*?(?:为了?|保障|确保|近期|目前|今年|明年|年度|年)(?!$)")


# "城关部分区域停水", "长春这些区域停水": the area some of which is concerned, named without a suffix
# (a road's 部分路段 is the road's: "五龙口街、九院东路部分路段封闭" names no area)
_PART_OF = re.compile(rf"({HAN}{{2,6}}?)(?<![路街道巷桥])(?:部分|这些|以下|多个)(?:区域|地区|片区)")


def _district_of(topic: str) -> str | None:
    """The county, district or town a heading names, by its name alone."""
    found = _DISTRICT.search(topic)
    name = _BEFORE_DISTRICT.sub("", name_start(found.group())) if found else ""
    if _DISTRICT.fullmatch(name) and len(name) >= 2:
        return name
    part = _PART_OF.search(topic)
    name = _BEFORE_DISTRICT.sub("", name_start(part.group(1))) if part else ""
    return name if len(name) >= 2 else None
_GENERIC_TOPIC = re.compile(r"道路|封闭|施工|交通|管制|管控|通告|公告|通知|停水|停电|停气|停暖|临时|部分|有关|相关|事项|安排|"
                            # a field's own words and its numbering: "一、管控时间" names nothing (二七路 does)
                            r"工作|时间|日期|时段|范围|路段|措施|方式|休息|办公|上班|具体|实施|营业|^[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|[\s\d、,!:.]")


def _informative(topic: str) -> bool:
    """Does a heading name something ("征兵", "医保缴费") beyond the words every notice of its kind
    uses ("道路封闭通告(一)")?"""
    return len(_GENERIC_TOPIC.sub("", topic or "")) >= 2


def names_something(stem: str) -> bool:
    """'城乡居民医保缴费' names what is due; '申领', '停电', '施工围蔽' only say what happens."""
    rest = stem
    for start, end, _ in sorted(cue_hits(stem), reverse=True):
        rest = rest[:start] + rest[end:]
    return _informative(rest)


def _field_stem(clause: str) -> str | None:
    """'停电时间:…' is about 停电."""
    m = re.match(r"^\s*([^,:;。\d]{1,12}?)(?:时间|日期|时段)", clause)
    return m.group(1) if m else None


# "浔南大道至德化路": a stretch named by its ends, not in brackets after the road it is part of
_BARE_SEGMENT = re.compile(rf"(?<!\(){HAN}{{1,8}}(?:路|街|大道|大街|巷)(?:口)?(?:至|到|—|-){HAN}{{1,8}}(?:路|街|大道|大街|巷)")


def _road_of(topic: str) -> str | None:
    place = find_place(topic)
    return place if place and SEGMENT.fullmatch(place) else None


def _short(topic: str) -> str:
    return topic if len(topic) <= MAX_TOPIC else topic[:MAX_TOPIC - 1] + "…"


def _join(who: str, deed: str, sep: str = "") -> str:
    if not deed or deed in who:
        return who
    if not who or who in deed:
        return deed
    return f"{who}{sep}{deed}"


# hours left in a title by a line of times ("下午14:00—17:30交通管制"): the event's own times say them
_CLOCK = re.compile(r"(?:上午|下午|晚上|凌晨|早上|中午|夜间)?\s*\d{1,2}:\d{2}(?:\s*(?:—|-|–|~|至|到)\s*\d{1,2}:\d{2})?")


_CELLS = re.compile(r"\s*[|｜\t]+\s*|\s{2,}")
_FIELD_TAIL = re.compile(r"(?<=..)(?:时间|日期|时段)(?:为|是)$")


_TIME_WORD = re.compile(r"(?:时间|时段|日期)(?:安排)?$")  # ("笔试时间安排": the plan of its time, the same)


def _deed_field_cut(title: str) -> str:
    """"…暂停时间", "…报名时间": the time of a deed is the deed, in a calendar entry that holds the
    time ("作息时间", "办公时间", no deed before 时间, stay)."""
    word = _TIME_WORD.search(title)
    if word and word.start() >= 2 and any(end == word.start() for _, end, _ in cue_hits(title[:word.start()])):
        return title[:word.start()]
    return title


def _clip(title: str) -> str:
    title = _CELLS.sub(" ", title).strip()  # "10kV城东线 | 幸福小区": a table row's cells, one space apart
    title = _CLOCK.sub("", title).strip(" :,、") or title
    title = _FIELD_TAIL.sub("", title) or title  # "汇算清缴时间为": the field's words, not the title's
    title = _deed_field_cut(title)
    return title if len(title) <= MAX_TITLE else title[:MAX_TITLE - 1] + "…"


_KIND_FALLBACK = {"closure": "封闭/停止供应", "deadline": "办理截止", "service_change": "服务调整",
                  "period": "有效期", "event": "活动"}
