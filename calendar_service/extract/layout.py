"""A notice's lines as typed elements: what each line is, and which heading governs it.

Real notices are not prose: a table comes flattened one cell per line, a form as `label:value`
fields, a numbered list under a lead-in, page furniture (page time, source, views, byline) around
the text. Each (mended) line of a notice becomes one `Element` with a role read from its shape
and from the words in `layout.toml`, and a pointer to the heading above it, in the manner of
document-element models (a flat list with parent pointers, not a tree). Assembly (assemble.py)
walks these pointers to complete an item with what its own line does not say.

Roles: headline, chrome, salutation, heading, field, item, cell, paragraph, signature.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .line_groups import HEADER_WORDS, mark_bare_headings, mark_headers, mark_lists, mark_values
from .segment import Sentence, is_table_row, split_sentences
from .timex import scan
from .chars import HAN
from ..tables import load_table

# numbering and its depth: 一、 (1) > (一) (2) > 1. / 1、 (3) > (1) / ① (4)
_NUMBERING = [
    (1, re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.,]\s*")),
    (1, re.compile(r"^第[一二三四五六七八九十\d]{1,3}[条章部分]\s*[、:,]?\s*")),
    (2, re.compile(r"^[(\[]\s*[一二三四五六七八九十]{1,3}\s*[)\]]\s*[、.]?\s*")),
    (3, re.compile(r"^\d{1,2}\s*(?:[、.,](?!\d)|\s+(?=\D))\s*")),
    (4, re.compile(r"^[(\[]\s*\d{1,2}\s*[)\]]\s*[、.]?\s*|^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*")),
    (3, re.compile(r"^[A-Za-z][、.]\s*")),
]
_LABEL = re.compile(r"^([^,。;:!?()\d]{1,10}?)\s*:\s*")
# "市文体中心、海区少年宫体育馆及市实验小学…体育馆:1月19日至20日…": a list of venues as the label
_LIST_LABEL = re.compile(r"^((?:[^,。;:!?()\d、及和与]{2,12}[、及和与]){1,6}[^,。;:!?()\d、及和与]{2,12}"
                         r"(?:馆|院|园|中心|学校|小学|中学|大学|站|店|宫|场|所))\s*:\s*")
# "通告显示:", "记者了解到:": a lead-in that reports what follows, not a field's label
SPEECH = re.compile(r"(?:显示|表示|指出|介绍|声称|宣称|据称|透露|强调|要求|规定|明确|了解到|获悉|提醒|如下|以下|下表|附表)$")
# "各参保企业:请于…": whom the line is for, not a field's name
_ADDRESSEE = re.compile(r"^(?:各|全体|广大|尊敬的|亲爱的)|(?:们|单位|企业|市民|居民|业主|考生|群众|用户|朋友|读者|家长|"
                        r"纳税人|缴费人|参保人)$")
_SENTENCE_PUNCT = re.compile(r"[。;!?]")
_TITLE_WORDS = re.compile(r"(?:公告|通告|通知|公示|启事|提示|告知书|告示|安排|预告|须知|说明|办法)[)\]]?\s*$|^关于")
_HEADLINE_MAX = 60
_CELL_MAX = 40


@dataclass
class Element:
    index: int
    role: str
    sentences: list[Sentence]
    start: int
    end: int
    text: str  # the whole line, numbering included
    level: int = 0  # heading depth (1 highest); 9 for a bare heading
    body: str = ""  # the line without its numbering
    label: str | None = None  # a field's label ("停电时间")
    parent: int | None = None  # the heading that governs this line
    tags: set[str] = field(default_factory=set)

    @property
    def value(self) -> str:
        """A field's value, or the body of any other line."""
        if self.label is None:
            return self.body
        return _LABEL.sub("", self.body, count=1)


@cache
def _words() -> dict:
    data = load_table(__file__, "layout.toml")
    labels = sorted(data["chrome"]["labels"], key=len, reverse=True)
    return {
        "chrome_label": re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, labels)) + r")\s*[:]"),
        "chrome_line": re.compile("|".join(data["chrome"]["patterns"])),
        "salutation": re.compile("|".join(data["salutation"]["patterns"])),
    }


def numbering(text: str) -> tuple[int, int]:
    """(depth, length) of the numbering that opens a line, (0, 0) when there is none."""
    for depth, rx in _NUMBERING:
        m = rx.match(text)
        if m and m.end() < len(text):
            return depth, m.end()
    return 0, 0


def elements(text: str, start: int, end: int) -> list[Element]:
    """The typed lines of text[start:end] (offsets stay absolute)."""
    lines: list[list[Sentence]] = []
    for sentence in split_sentences(text, start, end):
        if sentence.starts_line or not lines:
            lines.append([sentence])
        else:
            lines[-1].append(sentence)
    out = []
    for i, sentences in enumerate(lines):
        joined = "".join(s.text for s in sentences)
        out.append(Element(i, "paragraph", sentences, sentences[0].start, sentences[-1].end, joined))
    _assign_roles(out)
    _assign_parents(out)
    return out


def _assign_roles(els: list[Element]) -> None:
    words = _words()
    seen_body = False
    headlines = 0
    for el in els:
        t = el.text.strip()
        depth, cut = numbering(t)
        el.body = t[cut:].strip()
        label = _LABEL.match(el.body) or _LIST_LABEL.match(el.body)
        if _is_chrome(t, words) or not seen_body and is_date_line(t):
            el.role = "chrome"  # a bare date above the text is the page's date, not an item
        elif not seen_body and not depth and not label and _is_headline(t, second=headlines > 0) and not is_table_row(t):
            el.role = "headline"
            headlines += 1
            continue
        elif words["salutation"].match(t) and len(t) <= 40:
            el.role = "salutation"
        elif depth and _is_heading_text(el.body) and not (label and _LABEL.sub("", el.body, count=1).strip()):
            el.role, el.level = "heading", depth  # "二、施工地点:友谊大街路段" has a value: a field
        elif label and not re.search(r"\d", label.group(1)) and not SPEECH.search(label.group(1)) \
                and not _ADDRESSEE.search(label.group(1)):
            # ("集中缴费期为:2022年9月1日至…": the field is 集中缴费期)
            el.role, el.label = "field", label.group(1).strip().removesuffix("为")
            if depth:
                el.level = depth
        elif depth:
            el.role, el.level = "item", depth
        elif t.endswith(":"):
            el.role = "lead"  # "…具体停水时间及区域如下:" introduces the lines below
        elif len(t) <= _CELL_MAX and not _SENTENCE_PUNCT.search(t):
            el.role = "rownum" if re.fullmatch(r"\d{1,3}", t) else "cell"
        if el.role != "chrome":
            seen_body = True
    _mark_signature(els)
    mark_values(els)
    mark_lists(els)
    mark_headers(els)
    mark_bare_headings(els)


# "|---|:---:|", "-----", "====": a table's or a page's rule, drawn with punctuation only
_RULE = re.compile(r"^[\s|:+\-=—_*]{3,}$")


def is_chrome(line: str) -> bool:
    """Page furniture (a byline, a page time, a breadcrumb), never a notice's heading."""
    return _is_chrome(line.strip(), _words())


def _is_chrome(t: str, words: dict) -> bool:
    if words["chrome_line"].search(t) or _RULE.match(t):
        return True
    labels = words["chrome_label"].findall(t)
    if labels:
        # "发布时间:2021-02-27 12:05 浏览量:711" is furniture; "时间:6月15日上午9:00在…举行" is not, and
        # a bare "时间:"/"日期:" is furniture only beside other furniture or over a page date
        rest = words["chrome_label"].sub(" ", t)
        if len(t) > 80 or _SENTENCE_PUNCT.search(t) or re.search(HAN + "{12,}", rest):
            return False
        generic = all(re.sub(r"[\s:]", "", x) in ("时间", "日期") for x in labels)
        return not generic or len(labels) > 1 or bool(_PAGE_DATE.match(rest.strip()))
    return False


_PAGE_DATE = re.compile(r"^(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


def _is_headline(t: str, second: bool) -> bool:
    """The title above a notice: short, no sentence ending; a second title line must say it is one
    ("…的通知"); a column name ("停水日期") or a bare date never is."""
    if len(t) > _HEADLINE_MAX or t.endswith(("。", ":", ";")) or HEADER_WORDS.search(t) and len(t) <= 8 \
            or is_date_line(t):
        return False
    if second:
        return bool(_TITLE_WORDS.search(t))
    # a news headline may shout ("注意!长乐这些地方将停电检修!") but has no sentence inside it
    return bool(_TITLE_WORDS.search(t)) or not _SENTENCE_PUNCT.search(t.replace("!", "").replace("?", "")) \
        and len(t) <= 40


def _is_heading_text(body: str) -> bool:
    """'一、施工时间' or '(二)报名方式:' heads what follows; '一、注水期间请…' is an item."""
    if not body or len(body) > 24 or _SENTENCE_PUNCT.search(body):
        return False
    if body.endswith(":"):
        return True
    return not re.search(r"[,]", body) and not scan(body)


def _mark_signature(els: list[Element]) -> None:
    """The issuer's name and a date closing the notice sign it: neither is an item."""
    i = len(els) - 1
    # below the signature: page chrome, and notes in brackets ("(宁阳通源热力有限公司 惠众热力)",
    # "(…客户端欢迎各界投稿…)") that a paper adds to a notice it reprints
    while i >= 0 and (els[i].role == "chrome" or _BRACKETED.fullmatch(els[i].text.strip())) \
            and not is_date_line(els[i].text):
        i -= 1
    if i < 0 or not is_date_line(els[i].text):
        return
    els[i].role = "signature"
    # the issuer: the line right above the date, and above it only what is named like an issuer
    # ("市住房和城乡建设局 / 市公安局交通管理局"), never the last row of a table
    j = i - 1
    while j >= 0 and i - j <= 3 and els[j].role == "cell" and len(els[j].text) <= 30 and not scan(els[j].text) \
            and (j == i - 1 or _ISSUER.search(els[j].text)):
        els[j].role = "signature"
        j -= 1


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def signer_of(els: list[Element]) -> str | None:
    """The venue or utility that signs the notice ("吉林省图书馆" under its holiday hours, "东平热力"
    under its heating): where its items happen. An office that signs (教务处) says who decided,
    not where, and is left out."""
    names = [el.text.strip() for el in els if el.role == "signature" and not is_date_line(el.text)]
    names = [n for n in names if 2 <= len(n) <= 20 and _VENUE_SIGNER.search(n) and " " not in n]
    return names[0] if len(names) == 1 else None


_VENUE_SIGNER = re.compile(r"(?:图书馆|博物馆|博物院|美术馆|纪念馆|科技馆|文化馆|体育馆|展览馆|档案馆|少年宫|"
                           r"医院|卫生院|公园|景区|动物园|植物园|游泳馆|体育中心|文化中心|服务中心|大厅|"
                           # a utility names the area it supplies ("东平热力"): whose heating is extended
                           r"(?:热力|供热|燃气|水务|自来水|供水|供电)(?:有限责任公司|有限公司|公司|集团)?)$")


_ISSUER = re.compile(r"(?:公司|集团|局|委|委员会|中心|处|所|科|站|厂|院|队|社|馆|会|室|办|部|政府|大学|学校|银行|"
                     r"街道|社区|村委会|支队|大队)$")


def is_date_line(t: str) -> bool:
    """A line that is a dated year and nothing else ("2021年2月26日", "2021.2.26"): a signature or
    a page date; a month-day alone ("6月9日") is a table cell."""
    t = t.strip()
    if len(t) > 24:
        return False
    toks = scan(t)
    if not toks or toks[0].form not in ("full", "month") or toks[0].start > 0 or toks[0].year is None:
        return False
    return not t[toks[0].end:].strip(" ()星期一二三四五六日天")


def _assign_parents(els: list[Element]) -> None:
    stack: list[Element] = []
    for el in els:
        if el.role in ("headline", "chrome", "signature", "salutation"):
            continue
        if el.role == "heading":
            while stack and stack[-1].level >= el.level:
                stack.pop()
            el.parent = stack[-1].index if stack else None
            stack.append(el)
        else:
            el.parent = stack[-1].index if stack else None


def chrome_field(label: str | None) -> bool:
    """Is a field's label page furniture (原标题, 来源, 编辑), naming nothing of the item?"""
    return bool(label) and bool(_words()["chrome_label"].match(label.strip() + ":"))
