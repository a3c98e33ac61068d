"""Chinese time expressions: a scanner that finds them and the values they spell.

`scan(text)` returns `Token`s in order: dates (full, month-day, month-only, day-only, dotted and
hyphenated), relative days (今日, 次日 …), weekday references (本周六, (星期二)) and times of day
(8:00, 上午9时, 晚上二十时三十分). Years are not resolved here; see `resolve.py`.
The text must already be width-folded (`numerals.fold_width`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import to_int

_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"  # month or day
_Y = r"(?:(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3})"
_H = r"(?:\d{1,2}|[零〇一二三四五六七八九十两]{1,3})"
_MI = r"(?:\d{1,2}|[零〇一二三四五六七八九十]{1,3})"
_SP = r"[ \t]*"

DAY_PERIODS = {  # hour offsets for 12-hour words; None = keep the hour as written
    "凌晨": 0, "早上": 0, "早晨": 0, "清晨": 0, "早": 0, "上午": 0, "中午": 12, "正午": 12,
    "下午": 12, "午后": 12, "傍晚": 12, "晚上": 12, "晚间": 12, "夜间": 12, "夜里": 12,
    "晚": 12, "夜": 12,
}
_NIGHT = {"晚上", "晚间", "夜间", "夜里", "晚", "夜"}
_AP = "|".join(sorted(DAY_PERIODS, key=len, reverse=True))
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
RELATIVE_DAYS = {"公告之日": 0, "发布之日": 0, "公布之日": 0, "通知之日": 0, "通告之日": 0, "即日": 0, "今日": 0, "今天": 0, "当日": None, "当天": None, "同日": None,
                 "明日": 1, "明天": 1, "后天": 2, "昨日": -1, "昨天": -1, "前天": -2,
                 "次日": "next", "翌日": "next", "第二天": "next"}
YEAR_WORDS = {"今年": 0, "本年": 0, "当年": 0, "明年": 1, "次年": 1, "翌年": 1, "来年": 1,
              "去年": -1, "上年": -1}
_YW = "|".join(YEAR_WORDS)

PATTERN = re.compile(
    rf"""
    (?P<full>(?P<y>{_Y}){_SP}年{_SP}(?P<m>{_N}){_SP}月
        (?:{_SP}(?P<d>{_N}){_SP}[日号]|(?P<mpart>底|末|初|上旬|中旬|下旬|中下旬|份)?))
  | (?P<num>(?<![\d.])(?P<ny>(?:19|20)\d{{2}})(?P<sep>[.\-/])(?P<nm>\d{{1,2}})(?P=sep)(?P<nd>\d{{1,2}})(?![\d.])日?)
  | (?P<roc>(?<!\d)(?P<ry>1[01]\d){_SP}年{_SP}(?P<rm>{_N}){_SP}月{_SP}(?P<rd>{_N}){_SP}[日号])
  | (?P<slash>(?<![\d/.\-:])(?P<sm>1[0-2]|0?[1-9])/(?P<sd>3[01]|[12]\d|0?[1-9])(?![\d/年%]))
  | (?P<dash>(?<![\d/.\-:])(?P<hm>1[0-2]|0[1-9])-(?P<hd>3[01]|[12]\d|0[1-9])(?![\d/\-.年%]))
  | (?P<md>(?P<yw>{_YW})?(?P<mm>{_N}){_SP}月{_SP}(?P<dd>{_N}){_SP}[日号])
  | (?P<mon>(?<![\d年~\-、])(?P<yw2>{_YW})?(?<![\d~\-、])(?P<mo>{_N}){_SP}月(?P<part>底|末|初|上旬|中旬|下旬|中下旬|份)?(?![\d一二三四五六七八九十]))
  | (?P<day>(?<![\d月前后满近共计达])(?<!\d:)(?<![\d.]\d\.)(?<!\d\.\d)(?P<do>{_N}){_SP}(?P<dsuf>[日号])(?!前后|内|以内|之内|左右))
  | (?P<bday>(?<=[日号]、)(?P<bdo>{_N})(?=\s*(?:、|及|和|以及)\s*{_N}\s*[日号]))
  | (?P<rel>即日|今日|今天|当日|当天|同日|明日|明天|后天|昨日|昨天|前天|次日|翌日|第二天|(?:公告|发布|公布|通知|通告)之日)
  | (?P<wk>(?:(?P<wrel>本|这|下|下个)(?:周|星期|礼拜)|星期|周|礼拜)(?P<wd>[一二三四五六日天]))
  | (?P<yend>(?:(?P<yy>(?:19|20)\d{{2}})年|(?P<yw3>{_YW}))(?:底|末)|年底|年末)
  | (?P<rmon>(?:本|当|该|次|下个?)?月(?P<rpart>底|末|中旬|下旬))
  | (?P<time>(?P<ap>{_AP})?{_SP}(?P<h>{_H}){_SP}
        (?:\s?[:]\s?(?P<mi>\d\s?\d)(?![\d])(?:时|点)?|[时点](?!间|期|候|段|许多)(?:{_SP}(?P<mi2>{_MI}){_SP}分|(?P<half>半)|整)?))
    """,
    re.VERBOSE,
)


@dataclass
class Token:
    """One time expression: which form it has and the numbers it spells (unresolved)."""

    form: str  # full | month | day | rel | week | time
    start: int
    end: int
    year: int | None = None
    year_rel: int | None = None  # 今年 0, 明年/次年 +1, 去年 -1
    month: int | None = None
    day: int | None = None
    part: str | None = None  # 底/末/初/上旬/中旬/下旬 for month-only dates
    rel: str | None = None  # 即日, 次日 …
    weekday: int | None = None
    week_rel: str | None = None  # 本周 / 下周
    hour: int | None = None
    minute: int = 0
    day_period: str | None = None  # 上午, 晚上 …
    explicit_cn: bool = False  # hour written in Chinese numerals (riskier: 一时 in 第一时间)


def scan(text: str) -> list[Token]:
    tokens = []
    for m in PATTERN.finditer(text):
        tok = _token(m)
        if tok is not None:
            tokens.append(tok)
    return tokens


def _token(m: re.Match) -> Token | None:
    s, e = m.span()
    g = m.group
    if g("full"):
        part = g("mpart") if g("mpart") != "份" else None
        day = to_int(g("d")) if g("d") else None
        form = "full" if day else "month"
        return _checked(Token(form, s, e, year=to_int(g("y")), month=to_int(g("m")), day=day, part=part))
    if g("num"):
        return _checked(Token("full", s, e, year=int(g("ny")), month=int(g("nm")), day=int(g("nd"))))
    if g("roc"):  # 112年10月14日: the Republic of China's calendar, as Taiwan writes dates
        return _checked(Token("full", s, e, year=int(g("ry")) + 1911, month=to_int(g("rm")), day=to_int(g("rd"))))
    if g("slash"):  # 1/26 11:00-18:00
        return _checked(Token("full", s, e, month=int(g("sm")), day=int(g("sd"))))
    if g("dash"):  # 01-26 08:30-16:30
        return _checked(Token("full", s, e, month=int(g("hm")), day=int(g("hd"))))
    if g("bday"):
        return _checked(Token("day", s, e, day=to_int(g("bdo"))))
    if g("md"):
        return _checked(Token("full", s, e, year_rel=YEAR_WORDS.get(g("yw")), month=to_int(g("mm")),
                              day=to_int(g("dd"))))
    if g("mon"):
        part = g("part") if g("part") != "份" else None
        return _checked(Token("month", s, e, year_rel=YEAR_WORDS.get(g("yw2")), month=to_int(g("mo")),
                              part=part))
    if g("day"):
        if g("dsuf") == "号" and not re.search(r"[至到~\-]\s*$", m.string[max(0, s - 3):s]):
            return None  # 3号楼, 92号: house numbers; a bare 号 is a day only as a range end
        return _checked(Token("day", s, e, day=to_int(g("do"))))
    if g("yend"):  # 年底: the last day of this (or the named) year
        if g("yy"):
            return Token("month", s, e, year=int(g("yy")), month=12, part="底")
        return Token("month", s, e, year_rel=YEAR_WORDS.get(g("yw3"), 0), month=12, part="底")
    if g("rmon"):  # 月底 without a month: the month of the date before it
        return Token("month", s, e, part=g("rpart"), rel=g("rmon")[0] if g("rmon")[0] in "次下" else None)
    if g("rel"):
        if g("rel") in ("次日", "翌日", "第二天") and re.search(r"(?:成功|完成|结束|之后|后|通过|受理|审核|缴费)$",
                                                              m.string[max(0, s - 4):s]):
            return None  # 投保成功次日: the day after something that happens, not a date
        if g("rel") in ("当日", "当天", "同日") and not re.match(r"\s*[(\d上下早晚中凌至到]", m.string[e:e + 2]) \
                and s > 0 and not re.match(r"[,;:。!?\s(]", m.string[s - 1]):
            # 考试当日: the day of something named elsewhere, not a date by itself; a sentence
            # that opens with 当天 means the day just named
            return None
        return Token("rel", s, e, rel=g("rel"))
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
        if period and DAY_PERIODS[period] == 12 and hour < 12:
            hour += 12
        elif period in _NIGHT and hour == 12:
            hour = 24  # 晚上12点 is midnight, the end of that day
        if hour > 24 or minute > 59 or (hour == 24 and minute):
            return None
        return Token("time", s, e, hour=hour, minute=minute, day_period=period,
                     explicit_cn=not g("h").isdigit())
    return None


def _checked(tok: Token) -> Token | None:
    """Drop impossible numbers (13月, 32日) instead of guessing what was meant."""
    if tok.month is not None and not 1 <= tok.month <= 12:
        return None
    if tok.day is not None and not 1 <= tok.day <= 31:
        return None
    return tok
