"""What a notice's heading (or, lacking one, its lead) says the notice is about, and who issued it."""
from __future__ import annotations

import re

from .clauses import DATELINE, FIELD_WORD, SCHEDULING
from .segment import is_table_row
from .timex import scan
from .chars import HAN

# "总馆/我院/本中心" stand for the issuer: the heading says who that is
ANAPHORA = re.compile(r"^(?:总馆|本馆|该馆|我馆|我院|本院|该院|我中心|本中心|该中心|我局|本局|该局|我行|本行|该行|"
                       r"我司|本公司|该公司|我单位|本单位|我所|本所|我站|本站|我厅|本厅)")
_HEADING_NOISE = re.compile(
    r"^(?:关于|对|我市|本市|市区|我区|我县|本区|做好|开展|进一步|加强|组织|启动|全面)|"
    r"(?:的)?(?:公告|通告|通知|公示|启事|温馨提示|提示|告知书|开始了?|启动|有变化|来了|须知|安排|"
    r"工作|有关事项|相关事宜|事宜|有关工作|相关工作|的|延至|延长至|推迟至|顺延至|截至|截止至)$")
# relative dates in a heading ("今起", "本周六") would mislead once the title sits in a calendar
_HEADING_DATES = re.compile(r"(?:今起|今日起|明起|明日起|即日起|今日|明日|本周[一二三四五六日天]|下周[一二三四五六日天]|"
                            r"\d{1,2}月\d{1,2}日起?|\d{4}-\d{2}-\d{2}|(?<![\d.])\d{1,2}\.\d{1,2}(?![\d.])起?)")


_NAMES_NOTICE = re.compile(r"..(?:公告|通告|通知|公示|启事|告知书)$")  # a label alone ("温馨提示") names none
_PAGE_HEADER = re.compile(r"第\s*\d{1,3}\s*版|^\s*[A-Z]?\d{1,5}\s*版\s*[:：]")


def topic_of(heading: str | None) -> str:
    """What a notice is about, from its heading: 'X关于Y的通知' is about Y."""
    if not heading or _PAGE_HEADER.search(heading) or is_table_row(heading):
        # "第04版:要闻:《人民日报》": a newspaper's page header says nothing of the notice; nor does a
        # table's header row ("停电时间   停电线路   停电范围")
        return ""
    parts = re.split(r"\s*[|｜>»›]\s*|\s{3,}", heading.strip("# "))
    # "网站名 | 标题", "首页 > 资讯 > 标题" and "全城停水通知 | 将于7月12日晚上10点开始": the part
    # that names a notice, else the last
    text = next((p for p in parts if _NAMES_NOTICE.search(p)), parts[-1])
    text = text.split(" ")[-1] if len(text) > 30 else text
    issuer = issuer_of(text)
    text = re.sub(r"^.*?关于", "", text)
    if issuer and ANAPHORA.match(text):  # "XX图书馆关于总馆闭馆改造的公告": whose 总馆
        text = issuer + text
    text = _BRACKETS_LEFT_EMPTY.sub("", _HEADING_DATES.sub("", text)).strip()  # "公告(2015-03-20)" leaves no "()"
    # any other date in a heading ("9.20起可换新智能身份证") says when, which the event says itself
    for tok in reversed(scan(text)):
        if tok.form != "time":
            end = tok.end + (1 if text[tok.end:tok.end + 1] == "起" else 0)
            text = (text[:tok.start] + text[end:]).strip()
    # what joined the dates is left over: "5月15日至16日,长春这些区域停水", "2月10日前,太原…暂缓…"
    text = re.sub(r"^(?:[至到\-—~、,\s]|前(?=\s*,))+", "", text)
    for _ in range(3):
        text = _HEADING_NOISE.sub("", text).strip()
    return text


def issuer_of(heading: str | None) -> str | None:
    """'山西博物院关于…的公告' is issued by 山西博物院."""
    m = re.match(r"^\s*#*\s*([^,。:|]{2,20}?)关于", heading or "")
    return m.group(1).strip() if m else None


# "记者昨日从…了解到,", "本报讯(记者…) ", "【明报专讯】", "据介绍,": who told the paper, not what the
# news is about
_REPORTED = re.compile(r"^(?:【[^】]{0,12}】\s*|.{0,60}?(?:获悉|了解到|得知|表示|介绍|讯|消息|报道|据悉|据了解)\s*"
                       # "10月25日讯(记者 陈盛钟 通讯员 吴悦)今天,…": the byline's brackets end it too
                       r"(?:\([^)]{0,30}\)\s*|\s*[,:]\s*))")


# the brackets a heading's date leaves ("公告(2015-03-20)"; clauses.py's wider set would also take
# 【停电公告】's brackets, which head a topic)
_BRACKETS_LEFT_EMPTY = re.compile(r"[(\[]\s*[)\]]")
# what leads to a heading's date (a clause's own, in clauses.py, also
# cuts 至 and would leave the 延 of 延至)
_BEFORE_DATE = re.compile(rf"(?:{SCHEDULING}|将在|于|自|从|在|将|拟|计划)?\s*(?:北京时间|香港时间)?$")
# "从2013年起", "今年以来": a clause that says only when, not what
# (its blanks possessive: every part is optional, and a padded clause must not retry each split)
_WHEN_ONLY = re.compile(r"^\s*+(?:从|自|于|在|到|截至)?\s*+(?:(?:19|20)\d{2}\s*+年(?:度|初|底|末)?|今年|去年|明年|近日|日前|目前|近期|当前)?"
                        r"\s*+(?:\d{1,2}\s*+(?:至|到|-|~)?\s*+)?(?:起|以来|开始|来)?\s*+$")
# a sentence that reports a statistic ("今年1至10月,全市共完成…,同比增长15%") names no notice
_STATISTIC = re.compile(r"同比|环比|百分点|占比")
_STARTS = re.compile(r"(?:正式|将|已经|已)?(?:开始|启动|结束|起)$")
_ASKED = re.compile(r"^(?:请|敬请|烦请)")
_BASIS = re.compile(r"^\s*(?:为了?|因|受|由于|根据|按照|依据|经|鉴于|接|结合|近日|日前|目前)")
_ANNOUNCING = re.compile(r"^\s*(?:现将|现就|现对|特将|兹将|兹就)|(?:(?:的)?(?:有关事项|相关事项|事宜|情况)?(?:通知|公告|通告|明确|安排)?如下)\s*[:]?$")


# "穗科信字[2014]249号", "京政发〔2021〕3号": a document's number, which names nothing
_DOCUMENT_NUMBER = re.compile(rf"^\s*{HAN}{{1,10}}\s*[\[〔【(]\s*\d{{4}}\s*[\]〕】)]\s*\d{{1,5}}\s*号\s*$")
# (or a draft put out for comment: "…《规章制定程序条例(修订草案征求意见稿)》…征求社会各界意见")
_CITED_NOTICE = re.compile(r"《(关于[^《》]{4,60}?(?:通知|公告|通告|办法)|[^《》]{4,60}?(?:征求意见稿|草案|送审稿)\)?)》")


def is_document_number(line: str | None) -> bool:
    return bool(line and _DOCUMENT_NUMBER.match(line))


# "一、管控时间", "(二)交通管制路段": a section's field, the first line of a notice copied without its
# headline; it names no notice
_NUMBERED_FIELD = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、])\s*"
                             rf"[^,。;:]{{0,8}}?(?:{FIELD_WORD.pattern}|路段|措施)\s*:?\s*$")


def is_numbered_field(line: str | None) -> bool:
    return bool(line and _NUMBERED_FIELD.match(line))


def lead_heading(els) -> str | None:
    """A heading for a notice that has none: its headline line, else the first clause of its first
    paragraph once the reporter's preamble is gone ("记者…了解到,义乌市2018年征兵工作今起正式开始")."""
    for el in els:
        if el.role == "headline" and not is_document_number(el.text):
            return el.text
        if el.role in ("paragraph", "lead"):
            cited = _CITED_NOTICE.search(el.text)
            if cited:  # "…印发了《关于组织申报…项目的通知》,请…": the notice this one passes on
                return cited.group(1)
            # "今日镇江讯  昨天,记者从…了解到,": the dateline, then who told the paper
            first = _REPORTED.sub("", DATELINE.sub("", el.sentences[0].text, count=1), count=1)
            if _STATISTIC.search(first):
                return None
            clauses = _past_the_purpose([c for c in re.split(r"[,。;!?]", first) if c.strip()])
            for clause in clauses[:2]:
                clause = _about(_ANNOUNCING.sub("", clause))
                if clause and _WHEN_ONLY.match(clause):
                    continue  # "今年1至10月" once its month is cut: when, not what
                # (a clause that is its date alone heads nothing: the date is an item's)
                return clause if 4 <= len(clause) <= 40 else None
            return None
    return None


# "为缓解…压力,方便旅客出行,…": a purpose goes on over the clauses that open on what it serves
_PURPOSE_GOES_ON = re.compile(r"^\s*(?:方便|确保|保障|提高|保证|满足|做好|加强|进一步|切实|促进|减少|避免|缓解|改善|提升|"
                              r"优化|增强|维护|推进|落实|让|使)")


_PURPOSE = re.compile(r"^\s*为了?(?!期)")


def _past_the_purpose(clauses: list[str]) -> list[str]:
    """The clauses of a lead that say what, past its reasons and purposes and its dates alone."""
    out, purpose = [], False
    for c in clauses:
        if _BASIS.match(c) or purpose and _PURPOSE_GOES_ON.match(c):
            purpose = purpose or bool(_PURPOSE.match(c))  # (a 根据 clause goes on over none)
            continue
        purpose = False
        if not _WHEN_ONLY.match(c):
            out.append(c)
    return out


def _about(clause: str) -> str:
    """What a lead's clause is about: a clause that dates something is an item, and what it is about
    heads the notice before its date ("2015/16年度个人报税期昨日开始" is about 2015/16年度个人报税期)."""
    dated = scan(clause)
    if dated:
        clause = _BEFORE_DATE.sub("", clause[:dated[0].start]).strip()
    # ("春节期间(1月28日…": the bracket goes; "请符合条件的企业于…": who is asked, without the asking)
    return _ASKED.sub("", _STARTS.sub("", clause).strip().rstrip("([【 "))
