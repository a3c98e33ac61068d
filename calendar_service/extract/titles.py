"""Readable titles ("what + where") for extracted items.

A title is the clause that carries the item (clauses.py). When that leaves no subject
("集中缴费时间截止"), the paragraph's label, the section heading, the issuer or the notice's heading
supplies it (headings.py); a form's fields ("停电范围:…") supply the place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import strip_scaffolding
from .headings import ANAPHORA
from .places import JUNCTION, SEGMENT, VENUE

MAX_TITLE = 64
MAX_TOPIC = 24


@dataclass(frozen=True)
class TitleContext:
    """What is known around an item besides its own clause."""

    topic: str = ""  # the notice heading's subject
    issuer: str | None = None  # 山西博物院 (…关于…的公告)
    label: str | None = None  # "春节:" opening the paragraph
    section: str | None = None  # "三、困难群体采暖补贴"
    details: str = ""  # the lines after the item (a form's fields)
    place: str | None = None  # the item's place (or the one named before, for 上述路段)
    holiday: str | None = None  # the holiday last named (for 调休上班 days)


_FIELD_LABEL = re.compile(r"^(.{0,8}?)(?:时间|日期|时段|期间|期限)$")
_DETAIL = re.compile(r"(?:范围|区域|路段|线路|地点|位置|涉及|影响|对象|名称|内容|事项|小区)[^:]{0,6}:\s*([^。;\n]{2,40})")


_ELSEWHERE_IN_TITLE = re.compile(r"^(?:上述|以上|前述)(?:路段|区域|道路|范围|地点)?|^该(?:路段|区域|道路)")
_WORKDAY = re.compile(r"^(?:调休)?上班")
HOLIDAY_NAME = re.compile(r"元旦|春节|清明|劳动节|五一|端午|中秋|国庆")
_ISSUER_VERB = re.compile(r"^(?:闭馆|开馆|闭园|暂停|停止|恢复|调整|延长|每日|全天)")


def make_title(clause: str, kind: str, ctx: TitleContext) -> str:
    topic, issuer, label, section = ctx.topic, ctx.issuer, ctx.label, ctx.section
    details, place, holiday = ctx.details, ctx.place, ctx.holiday
    core = strip_scaffolding(VENUE.sub("", clause))  # the place goes to the location field; the title keeps the deed
    if ":" in core:  # "以下区域停电:城东街道、幸福里小区" names the places after the colon
        core = re.sub(r"(?:以下|如下)(?:区域|路段|范围|线路|地点|小区|单位)?", "", core)
    subject_known = False
    if issuer:  # "我院每日开放时间延长…", "闭馆一天": the subject is whoever issued the notice
        if ANAPHORA.match(core):
            core, subject_known = ANAPHORA.sub(issuer, core), True
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
    names_road = JUNCTION.search(core) or SEGMENT.search(core)
    if topic and topic not in core and not label and not subject_known and (
            len(core) < 6 or ANAPHORA.match(core) or not names_road):
        topic = topic if len(topic) <= MAX_TOPIC else topic[:MAX_TOPIC - 1] + "…"
        core = f"{topic}:{core}" if core and core not in topic else topic
    return _clip(core or topic or _KIND_FALLBACK[kind])


def _clip(title: str) -> str:
    return title if len(title) <= MAX_TITLE else title[:MAX_TITLE - 1] + "…"


_KIND_FALLBACK = {"closure": "封闭/停止供应", "deadline": "办理截止", "service_change": "服务调整",
                  "period": "有效期", "event": "活动"}
