"""Chinese time expressions: a scanner that finds them and the values they spell.

`scan(text)` returns `Token`s in order: dates (full, month-day, month-only, day-only, dotted and
hyphenated, 元月, 本月/当月 + day, days of the lunar new year, and the garbled forms of pages that
lost 年 or 月), relative days (今日, 次日, 今晚 …), weekday references (本周六, (星期二)) and times
of day (8:00, 上午9时, 晚上二十时三十分). Years are not resolved here; see `resolve.py`.
The text must already be width-folded (`numerals.fold_width`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from .numerals import glued_month_day, to_int

_N = r"(?:\d{1,2}|[一二三四五六七八九十廿卅]{1,3})"  # month or day (廿八日 is the 28th)
_MO = rf"(?:{_N}|元(?=\s*月))"  # 元月 is January
_Y = r"(?:(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3})"
_H = r"(?:\d{1,2}|[零〇一二三四五六七八九十两]{1,3})"
_MI = r"(?:\d{1,2}|[零〇一二三四五六七八九十廿卅]{1,3})"
_SP = r"[ \t]*+"  # possessive: blanks are never given back (a run of hundreds cost seconds to retry)
# A day written without 日 because the next one carries it: "1月31~2月2日", "12月26-27日",
# "6月7、8、9日"
_DAY_SHARED = (rf"(?=\s*(?:至|到|~|-|—|–)\s*{_N}\s*[日号月])"
               rf"|(?=\s*(?:、|及|和)\s*{_N}\s*(?:[日号]|、|及|和))")

DAY_PERIODS = {  # hour offsets for 12-hour words; None = keep the hour as written
    "凌晨": 0, "早上": 0, "早晨": 0, "清晨": 0, "早": 0, "晨": 0, "上午": 0, "中午": 12, "正午": 12,
    "下午": 12, "午后": 12, "傍晚": 12, "晚上": 12, "晚间": 12, "夜间": 12, "夜里": 12,
    "晚": 12, "夜": 12, "上半夜": 12, "下半夜": 0,  # 下半夜4点: the small hours after midnight
}
_NIGHT = {"晚上", "晚间", "夜间", "夜里", "晚", "夜", "上半夜"}
_AP = "|".join(sorted(DAY_PERIODS, key=len, reverse=True))
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
RELATIVE_DAYS = {"公告之日": 0, "发布之日": 0, "公布之日": 0, "通知之日": 0, "通告之日": 0, "公示之日": 0, "即日": 0, "今日": 0, "今天": 0, "当日": None, "当天": None, "同日": None,
                 "明日": 1, "明天": 1, "后天": 2, "昨日": -1, "昨天": -1, "前天": -2,
                 "次日": "next", "翌日": "next", "隔日": "next", "隔天": "next", "第二天": "next"}
# 今晚, 明早, 昨凌晨, 当晚: a day word cut short before a part of the day
_DAY_BEFORE_PERIOD = {"今": "今日", "明": "明日", "昨": "昨日", "当": "当日", "次": "次日", "翌": "翌日"}
YEAR_WORDS = {"今年": 0, "本年": 0, "当年": 0, "明年": 1, "次年": 1, "翌年": 1, "来年": 1,
              "去年": -1, "上年": -1}
_YW = "|".join(YEAR_WORDS)
# 本月27日 is this month's; 当月15日 the month just named; 下月5日 the next
MONTH_WORDS = {"本": 0, "这个": 0, "下": 1, "下个": 1, "次": 1, "上": -1, "上个": -1, "当": None, "该": None}

# Every alternative below starts with one of these characters. Most of a notice is prose with no
# date in it: a lookahead on this class lets the scan skip it at C speed instead of trying each
# alternative at every position (a tenth of the time; tests/extract/test_timex_prefilter.py checks
# that it changes no match).
_FIRST = "".join(sorted(
    set("0123456789〇零一二两三四五六七八九十廿卅")
    | {w[0] for w in (*DAY_PERIODS, *RELATIVE_DAYS, *YEAR_WORDS, *MONTH_WORDS)}
    | set("月即今同明后昨前次翌第农大正年除元约星周礼本这下上当该")
    | set(" \t")))  # an hour may be read with the blanks before it
PREFILTER = rf"(?=[{_FIRST}])"
# "1-12号楼", "3-5号线": the numbers of buildings and lines, not days
_NUMBERED = re.compile(r"\s*(?:楼|院|线|门|库|厅|馆|机|车|站|口|桥|地块|仓|台|窗口|柜|床|房|公寓|宿舍|住宅|栋|幢|单元)")
# "12-19栋", "3/4号楼": a range of things counted, not a month and day
_ADDRESS_FROM = re.compile(r"(?<![月\d])\d{1,4}\s*号\s*[至到~\-]\s*$")
_COUNTED = r"(?!\s*(?:栋|幢|号|楼|层|单元|室|户|座|排|路|米|公里|名|人|个|元|次|班|岁))"

PATTERN = re.compile(
    PREFILTER + rf"""(?:
    # "2026 1 12 日", "3 3 日": a page that lost its 年 and 月 (numbers apart, 日 kept)
    (?P<spaced>(?<![\d.])(?:(?P<sy>(?:19|20)\d{{2}})\s+)?(?P<sm>1[0-2]|[1-9])\s+(?P<sd>3[01]|[12]\d|[1-9])\s*日)
  | (?P<full>(?P<y>{_Y}){_SP}年{_SP}(?P<m>{_MO}){_SP}月
        (?:{_SP}(?P<d>{_N})(?:{_SP}[日号]|{_DAY_SHARED})|(?P<mpart>底|末|初|上旬|中旬|下旬|中下旬|份)?))
    # "2020年1028日", "20211210日", "延长至522日", "722(周五)", "926日(星期六)": month and day run together
    # ('112' is left alone; a weekday beside it checks the reading)
  | (?P<glued>(?:(?<!\d)(?P<gy>(?:19|20)\d{{2}})年?|(?<=[至到于为]))(?P<gmd>\d{{3,4}})日|(?<![\d.])(?P<wmd>\d{{3,4}})日?(?=\s*\((?:周|星期)[一二三四五六日天]\)))
  | (?P<num>(?<![\d.])(?P<ny>(?:19|20)\d{{2}})(?P<sep>[.\-/])(?P<nm>\d{{1,2}})(?P=sep)(?P<nd>\d{{1,2}})(?![\d.])日?)
  | (?P<roc>(?<!\d)(?P<ry>1[01]\d){_SP}年{_SP}(?P<rm>{_N}){_SP}月{_SP}(?P<rd>{_N}){_SP}[日号])
    # "105/12/26(一)", "112.10.14(六)": Taiwan's year of the Republic before month and day (dotted only
    # with its weekday: "110.5.20版" is a version); "12/26-12/30",
    # "12/26(一)-12/30(五)": a range's end after a dash
  | (?P<rocs>(?<![\dA-Za-z/.\-])(?P<rsy>1[01]\d)(?:/(?P<rsm>1[0-2]|0?[1-9])/(?P<rsd>3[01]|[12]\d|0?[1-9])(?![\d/.])
        |\.(?P<rdm>1[0-2]|0?[1-9])\.(?P<rdd>3[01]|[12]\d|0?[1-9])(?=\s*\([一二三四五六日]\))))
  | (?P<slash>(?<![\d/.])(?<![^\d)]-)(?<!\d:)(?P<lm>1[0-2]|0?[1-9])/(?P<ld>3[01]|[12]\d|0?[1-9])(?![\d/年%]){_COUNTED})
  | (?P<dash>(?<![\d/.\-:])(?P<hm>1[0-2]|0[1-9])-(?P<hd>3[01]|[12]\d|0[1-9])(?![\d/\-.年%]){_COUNTED})
  | (?P<md>(?P<yw>{_YW})?(?P<mm>{_MO}){_SP}月{_SP}(?P<dd>{_N})(?:{_SP}[日号]|{_DAY_SHARED}))
    # "从3月4日3月31": the end of a range that lost its 至 and its 日
  | (?P<adj>(?<=\d日)(?P<am>1[0-2]|0?[1-9])月(?P<ad>3[01]|[12]\d|0?[1-9])(?![\d日号月时点:.]))
  | (?P<mon>(?<![\d年~\-、])(?P<yw2>{_YW})?(?<![\d~\-、])(?P<mo>{_MO}){_SP}月(?P<part>底|末|初|上旬|中旬|下旬|中下旬|份)?(?![\d一二三四五六七八九十]))
    # 本月27日, 下月5日, 当月15日
  | (?P<mday>(?P<mw>本|这个|下个?|次|上个?|当|该)月(?:的)?(?P<mdo>{_N}){_SP}[日号])
    # "今(12)日", "明(10)日起", "昨(11日)": Taiwan's papers put the day of 今/明/昨 in brackets
  | (?P<pday>[今明昨]\s*\(\s*(?P<pdo>\d{{1,2}}|[一二三四五六七八九十廿卅]{{1,3}})\s*(?:\)\s*[日号]|[日号]\s*\)))
  | (?P<day>(?:(?<=[估预]计)|(?<![\d月前后满近共计达逾每]))(?<!期限)(?<!为期)(?<!\d:)(?<![\d.]\d\.)(?<!\d\.\d)(?P<do>{_N}){_SP}(?P<dsuf>[日号])(?!前后|内|以内|之内|左右|历天))
    # "23日、二十五及二十七日", "6月7、8、9日": listed days that borrow the last one's 日
  | (?P<bday>(?:(?<=[日号]、)|(?<=[日号]\)、)|(?<=月\d、)|(?<=月\d\d、)|(?<=[一二三四五六七八九十]、))
        (?P<bdo>{_N})(?=\s*(?:、|及|和|以及)\s*{_N}\s*[日号、]))
  | (?P<rel>即日|今日|今天|当日|当天|同日|明日|明天|后天|昨日|昨天|前天|次日|翌日|(?:隔日|隔天)(?![供停轮送制])|第二天|(?:公告|发布|公布|通知|通告|公示)之日
        |(?<![每一二三几这上下本首多第两相应适正\d])(?P<rshort>[今明昨当次翌])(?=(?:{_AP}|午)))
    # 年初一, 正月初八, 除夕, 元宵节: days of the lunar new year (lunar.py)
  | (?P<lunar>(?:农历)?(?:(?:(?:大年|正月|(?<![今去明近前后当本该同每])年)初(?P<ln>[一二三四五六七八九十])|正月(?P<ln2>十[一二三四五六七八九]?|二十[一二三四五六七八九]?))
        (?=$|[\s\d(晚上下早中凌清至到、,。及和起当夜午前休闭停放开照营恢]|日)  # not 年初一些 (early this year, some …)
        |(?P<eve>除夕|大年三十|(?<![\d〇零一二三四五六七八九十今去明近前后当本该同每])年三十(?![日号天年多余个]))|元宵节|元宵佳节))
    # "元旦(星期一)": New Year's Day as a day, where a weekday says it is one (元旦假期 is three days)
  | (?P<nyd>元旦(?=\s*\((?:星期|周)[一二三四五六日天]\)))
  | (?P<wk>(?:(?P<wrel>本|这|下|下个|上|上个)(?:周|星期|礼拜)|星期|周|礼拜)(?P<wd>[一二三四五六日天]))
  | (?P<yend>(?:(?P<yy>(?:19|20)\d{{2}})年|(?P<yw3>{_YW}))(?:底|末)|年底|年末)
  | (?P<rmon>(?:本|当|该|次|下个?)?月(?P<rpart>底|末|中旬|下旬))
    # 8:00, 上午9时, 晚上二十时三十分, 下午约一时三十分, 下半夜4点
  | (?P<time>(?:约|大约)?{_SP}(?P<ap>{_AP})?{_SP}(?:约)?{_SP}(?P<h>{_H}){_SP}
        (?:\s?[:]\s?(?P<mi>\d\s?\d)(?::[0-5]\d)?(?![\d])(?:时|点)?|[时点](?!间(?!歇)|期(?!间)|候|段|许多)(?:{_SP}(?P<mi2>{_MI}){_SP}分|(?P<half>半)|整|正(?![在常式好当规面门确]))?))
    )""",
    re.VERBOSE,
)


@dataclass
class Token:
    """One time expression: which form it has and the numbers it spells (unresolved)."""

    form: str  # full | month | day | rel | week | lunar | time
    start: int
    end: int
    year: int | None = None
    year_rel: int | None = None  # 今年 0, 明年/次年 +1, 去年 -1
    month: int | None = None
    day: int | None = None
    part: str | None = None  # 底/末/初/上旬/中旬/下旬 for month-only dates
    rel: str | None = None  # 即日, 次日 …
    weekday: int | None = None
    week_rel: str | None = None  # 本周 / 下周 / 上周; "coming" for a bare 星期四 that names a day
    hour: int | None = None
    minute: int = 0
    day_period: str | None = None  # 上午, 晚上 …
    explicit_cn: bool = False  # hour written in Chinese numerals (riskier: 一时 in 第一时间)
    month_rel: int | str | None = None  # 本月27日 0, 下月5日 +1, 当月15日 "context"
    garbled: bool = False  # read from a page that lost characters: trust it only if nothing contradicts it

    def copied(self) -> Token:
        """A copy whose offsets may be moved (several times faster than copy.copy)."""
        new = object.__new__(Token)
        new.__dict__.update(self.__dict__)
        return new


def scan(text: str) -> list[Token]:
    """The time expressions of text, in order (fresh tokens: callers may move their offsets)."""
    if len(text) > _CACHED_UP_TO:
        return _tokens(text)
    return [tok.copied() for tok in _scanned(text)]


_CACHED_UP_TO = 2000  # layout and assembly read the same lines more than once; long texts only once


@lru_cache(maxsize=4096)
def _scanned(text: str) -> tuple[Token, ...]:
    return tuple(_tokens(text))


def _tokens(text: str) -> list[Token]:
    tokens = []
    for m in PATTERN.finditer(text):
        tok = _token(m)
        if tok is not None:
            tokens.append(tok)
    if any(t.form == "lunar" for t in tokens):
        tokens = _with_bare_lunar_days(text, tokens)
    return tokens


# "除夕、初一、初二休息,初三至初六正常开诊": near a day of the lunar new year, a bare 初N is one too
# (alone it may be a school year: 初一 is junior one)
_BARE_LUNAR = re.compile(r"(?<![年月正大])初([一二三四五六七八九十])(?![一二三四五六七八九十年级班中])")
_LUNAR_REACH = 40


def _with_bare_lunar_days(text: str, tokens: list[Token]) -> list[Token]:
    """Both `tokens` and the bare days are walked in text order once (a page of a thousand
    "除夕、初一" stays linear)."""
    taken = sorted((t.start, t.end) for t in tokens)
    lunar_ends = sorted(t.end for t in tokens if t.form == "lunar")
    out = list(tokens)
    k = j = 0
    last_lunar = None
    for m in _BARE_LUNAR.finditer(text):
        while j < len(taken) and taken[j][1] <= m.start():
            j += 1
        if j < len(taken) and taken[j][0] <= m.start():
            continue  # inside a token already read ("正月初一")
        while k < len(lunar_ends) and lunar_ends[k] <= m.start():
            last_lunar = lunar_ends[k]
            k += 1
        if last_lunar is None or m.start() - last_lunar > _LUNAR_REACH or "。" in text[last_lunar:m.start()]:
            continue
        out.append(Token("lunar", m.start(), m.end(), day=to_int(m.group(1)) - 1))
        last_lunar = m.end()
    return sorted(out, key=lambda t: t.start)


def _token(m: re.Match) -> Token | None:
    s, e = m.span()
    g = m.group
    if g("spaced"):  # "2026 1 12 日": a page that lost its 年 and 月
        return _checked(Token("full", s, e, year=int(g("sy")) if g("sy") else None, month=int(g("sm")),
                              day=int(g("sd"))))
    if g("full"):
        part = g("mpart") if g("mpart") != "份" else None
        day = to_int(g("d")) if g("d") else None
        form = "full" if day else "month"
        return _checked(Token(form, s, e, year=to_int(g("y")), month=_month(g("m")), day=day, part=part))
    if g("glued"):  # "2020年1028日", "延长至522日", "722(周五)": the 月 lost between month and day
        split = glued_month_day(g("gmd") or g("wmd"))
        if split is None:
            return None
        return _checked(Token("full", s, e, year=int(g("gy")) if g("gy") else None, month=split[0],
                              day=split[1], garbled=True))
    if g("num"):
        return _checked(Token("full", s, e, year=int(g("ny")), month=int(g("nm")), day=int(g("nd"))))
    if g("roc"):  # 112年10月14日: the Republic of China's calendar, as Taiwan writes dates
        if m.string.endswith("民国", 0, s):
            s -= 2  # "民國113年…": the era's name is part of the date, not of the road after it
        return _checked(Token("full", s, e, year=int(g("ry")) + 1911, month=to_int(g("rm")), day=to_int(g("rd"))))
    if g("rocs"):
        return _checked(Token("full", s, e, year=int(g("rsy")) + 1911, month=int(g("rsm") or g("rdm")),
                              day=int(g("rsd") or g("rdd"))))
    if g("slash"):  # 1/26 11:00-18:00
        return _checked(Token("full", s, e, month=int(g("lm")), day=int(g("ld"))))
    if g("dash"):  # 01-26 08:30-16:30
        return _checked(Token("full", s, e, month=int(g("hm")), day=int(g("hd"))))
    if g("bday"):
        return _checked(Token("day", s, e, day=to_int(g("bdo"))))
    if g("md"):
        return _checked(Token("full", s, e, year_rel=YEAR_WORDS.get(g("yw")), month=_month(g("mm")),
                              day=to_int(g("dd"))))
    if g("adj"):  # "从3月4日3月31": the second date of a range that lost its 至 and its 日
        return _checked(Token("full", s, e, month=int(g("am")), day=int(g("ad"))))
    if g("mon"):
        part = g("part") if g("part") != "份" else None
        return _checked(Token("month", s, e, year_rel=YEAR_WORDS.get(g("yw2")), month=_month(g("mo")),
                              part=part))
    if g("mday"):
        shift = MONTH_WORDS[g("mw")]
        return _checked(Token("day", s, e, day=to_int(g("mdo")), month_rel="context" if shift is None else shift))
    if g("pday"):
        return _checked(Token("day", s, e, day=to_int(g("pdo"))))
    if g("day"):
        if g("dsuf") == "号" and (not re.search(r"[至到~\-]\s*$", m.string[max(0, s - 3):s])
                                 or _NUMBERED.match(m.string, e) or _ADDRESS_FROM.search(m.string, max(0, s - 12), s)):
            # 3号楼, 92号: house numbers; a bare 号 is a day only as a range end (not 1-12号楼, nor
            # 屯兴路1号至20号: a range of doors, whose first number is no day)
            return None
        return _checked(Token("day", s, e, day=to_int(g("do"))))
    if g("yend"):  # 年底: the last day of this (or the named) year
        if g("yy"):
            return Token("month", s, e, year=int(g("yy")), month=12, part="底")
        return Token("month", s, e, year_rel=YEAR_WORDS.get(g("yw3"), 0), month=12, part="底")
    if g("rmon"):  # 月底 without a month: the month of the date before it
        return Token("month", s, e, part=g("rpart"), rel=g("rmon")[0] if g("rmon")[0] in "次下" else None)
    if g("rel"):
        rel = _DAY_BEFORE_PERIOD[g("rshort")] if g("rshort") else g("rel")
        if rel in ("次日", "翌日", "隔日", "隔天", "第二天") and re.search(r"(?:成功|完成|结束|之后|后|通过|受理|审核|缴费)$",
                                                              m.string[max(0, s - 4):s]):
            return None  # 投保成功次日: the day after something that happens, not a date
        if rel in ("当日", "当天", "同日") and not re.match(r"\s*[(\d上下早晚中凌至到起]", m.string[e:e + 2]) \
                and s > 0 and not re.match(r"[,;:。!?\s(]", m.string[s - 1]):
            # 考试当日: the day of something named elsewhere, not a date by itself; a sentence
            # that opens with 当天 means the day just named
            return None
        return Token("rel", s, e, rel=rel)
    if g("lunar"):  # 年初一, 除夕, 元宵节: counted from the lunar new year (lunar.py)
        if g("eve"):
            offset = -1
        elif g("ln") or g("ln2"):
            offset = to_int(g("ln") or g("ln2")) - 1
        else:
            offset = 14  # 元宵节 is 正月十五
        return Token("lunar", s, e, day=offset)
    if g("nyd"):
        return Token("full", s, e, month=1, day=1)
    if g("wk"):
        return Token("week", s, e, weekday=WEEKDAYS[g("wd")], week_rel=g("wrel"))
    if g("time"):
        hour = to_int(g("h"))
        if g("mi"):
            minute = int(g("mi").replace(" ", ""))
        elif g("mi2"):
            minute = to_int(g("mi2"))
        else:
            minute = 30 if g("half") else 0
        period = g("ap")
        # (晚上12点 is midnight, the end of that day)
        hour = 24 if period in _NIGHT and hour == 12 else afternoon(hour, period)
        if hour > 24 or minute > 59 or (hour == 24 and minute):
            return None
        return Token("time", s, e, hour=hour, minute=minute, day_period=period,
                     explicit_cn=not g("h").isdigit())
    return None


def afternoon(hour: int, period: str | None) -> int:
    """The 24-hour hour of `hour` said in `period` (下午3时 is 15)."""
    return hour + 12 if period and DAY_PERIODS[period] == 12 and hour < 12 else hour


def _month(text: str) -> int:
    return 1 if text == "元" else to_int(text)


def _checked(tok: Token) -> Token | None:
    """Drop impossible numbers (13月, 32日) instead of guessing what was meant."""
    if tok.month is not None and not 1 <= tok.month <= 12:
        return None
    if tok.day is not None and not 1 <= tok.day <= 31:
        return None
    return tok
