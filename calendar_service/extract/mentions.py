"""Group time tokens into mentions: a date (with its time and weekday), a range, or a list.

A mention still holds unresolved tokens; `resolve.py` turns it into dates. The words around a
mention that change its meaning (起, 前, 截止, 至…止, 恢复, 以来) are read as markers (markers.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .hours import DAILY_GAP, NEXT_WINDOW, afternoon_carried, each_day, hours_only, whole_days, window_done
from .markers import FIRST_RUN, mark
from .timex import WEEKDAYS, Token, scan

# "21日晚至22日": a part of the day without an hour does not stop a range; nor does 首班车
_CONNECTOR = re.compile(r"^\s*+(?:凌晨|早上|上午|中午|下午|晚上|晚间|夜间|晚|夜)?\s*+"
                        rf"(?:{FIRST_RUN}\s*+)?"
                        # "从上午8时停水至傍晚6时": the stop said inside its own range
                        r"(?:起?\s*+(?:停水|停电|停气|停暖|断电|封闭|停止供水|停止供电)?\s*+"
                        r"(?:至|到|~|-{1,2}|—{1,2}|–{1,2}|―|－|－－)\s*+|起,\s*+至)\s*+$")
_LIST = re.compile(r"^\s*,?\s*(?:、|和|及|以及)\s*$")  # ",、": a slip of the pen between two days
_ANNOTATION_GAP = re.compile(r"^\s*[(\[]?\s*$|^\s*\([^()]{0,12}(?:顺延|延期|推迟|改)(?:至|到)\s*$")
_POSTPONED = re.compile(r"(?:顺延|延期|推迟|改)(?:至|到)\s*$")
# "2月4日:9:00—12:00": a day as the label of its hours; "6月3日从上午9时至…": from that day's hour
_JOIN_GAP = re.compile(r"^\s*(?:[)\]]\s*)?(?:的|当|当天|:|从|自|由)?\s*$")
@dataclass
class Unit:
    """A date token with its attached weekday annotation and time of day (either may be absent)."""

    date: Token | None
    time: Token | None = None
    weekday: Token | None = None
    start: int = 0
    end: int = 0


@dataclass
class Mention:
    units: list[Unit]
    kind: str  # point | range | list
    start: int
    end: int
    markers: set[str] = field(default_factory=set)
    # a list mention may carry one shared time range ("10日、11日每晚23:00至次日5:00")
    daily: tuple[Unit, Unit] | None = None

    @property
    def first(self) -> Unit:
        return self.units[0]

    @property
    def last(self) -> Unit:
        return self.units[-1]


# a date left blank in a template: "XXXX年XX月XX日", "××月××日", "X点"
_TEMPLATE = re.compile(r"[XxＸ×*＊]{1,4}\s*[年月日号时点]")


def find_mentions(text: str, lo: int = 0, hi: int | None = None) -> list[Mention]:
    """Mentions within text[lo:hi]; offsets stay absolute in `text`."""
    hi = len(text) if hi is None else hi
    if _TEMPLATE.search(text, lo, hi):
        return []  # "定于XXXX年XX月XX日凌晨X点至次日凌晨X点": a form not yet filled in dates nothing
    tokens = [t for t in scan(text[lo:hi])]
    for t in tokens:
        t.start += lo
        t.end += lo
    units = _units(text, tokens)
    mentions = [_distributed(text, m, lo) for m in _join(text, units) if not _service_hours(text, m, lo)]
    for m in mentions:
        afternoon_carried(m.units[0], m.units[-1] if m.kind == "range" else None)
        if m.daily is not None:
            afternoon_carried(*m.daily)
        mark(text, m, lo, hi)
    return mentions


# "2015年2月、6月、9月的申报期限均为当月15日": one date in each listed month
_MONTH_LIST = re.compile(r"(?:(?P<year>(?:19|20)\d{2})\s*年\s*)?(?P<months>(?:1[0-2]|0?[1-9])\s*月份?"
                         r"(?:\s*[、,和及]\s*(?:1[0-2]|0?[1-9])\s*月份?)+)[^。;!?\n]{0,24}$")


def _distributed(text: str, m: Mention, lo: int) -> Mention:
    tok = m.first.date
    if m.kind != "point" or tok is None or tok.month_rel != "context" or m.first.time is not None:
        return m
    hit = _MONTH_LIST.search(text, max(lo, m.start - 60), m.start)
    if hit is None:
        return m
    year = int(hit.group("year")) if hit.group("year") else None
    units = [Unit(Token("full", tok.start, tok.end, year=year, month=int(month), day=tok.day), start=m.start, end=m.end)
             for month in re.findall(r"(\d{1,2})\s*月", hit.group("months"))]
    return Mention(units, "list", m.start, m.end, daily=None)


# "末班车时间延长至次日0:30", "开门运营时间提前至5:00", "营业时间调整为9:00", "延时服务至18:30": the new hours of a
# service, said of the days named before, not a date of their own
_HOURS_OF = re.compile(r"(?:首班车?|末班车?|头班车|运营|营业|开放|开馆|闭馆|开门|关门|发车|收车|服务)(?:时间)?\s*"
                       r"(?:将|均)?\s*(?:延长|提前|推迟|延迟|延后|调整|改)?\s*(?:至|到|为)\s*$")


def _service_hours(text: str, m: Mention, lo: int) -> bool:
    return all(hours_only(u) for u in m.units) and bool(_HOURS_OF.search(text, max(lo, m.start - 14), m.start))


def _units(text: str, tokens: list[Token]) -> list[Unit]:
    units: list[Unit] = []
    bare_week: Token | None = None
    for tok in tokens:
        prev = units[-1] if units else None
        if prev and tok.start < prev.end:
            continue  # inside a parenthesis already read as part of the previous date
        gap = text[prev.end:tok.start] if prev else ""
        if bare_week is not None and tok.form in ("full", "day") and re.fullmatch(r"\s*\(\s*", text[bare_week.end:tok.start]):
            # "星期日(四月二十三日)": the date in brackets names the weekday before it
            unit = Unit(tok, weekday=bare_week, start=bare_week.start, end=_close_paren(text, tok.end))
            units.append(unit)
            bare_week = None
            continue
        bare_week = None
        if prev and prev.date and prev.time is None and tok.form == "lunar" and prev.date.form in ("full", "day") and not gap:
            prev.end = tok.end  # "本月17日年初一清晨7时": the lunar day beside the date says it again
            continue
        if prev and prev.date and prev.time is None and _ANNOTATION_GAP.match(gap) and "(" in gap:
            if tok.form == "week" and prev.weekday is None:
                days = _WEEKDAY_RANGE_ON.match(text, tok.end)  # "(星期二至五)" after a span: its days, not one
                prev.weekday = None if days else tok
                prev.end = _close_paren(text, days.end() if days else tok.end)
                continue
            if tok.form == "full" and prev.date.form in ("rel", "week", "day") \
                    or tok.form == "day" and prev.date.form == "week":
                # 明日(11月2日), 下周三(21日): the date in brackets explains the relative one
                if prev.date.form == "week":
                    prev.weekday = prev.date
                prev.date, prev.end = tok, _close_paren(text, tok.end)
                continue
            if tok.form == "full" and _POSTPONED.search(gap):
                # "十一月三十日(因遇例假日顺延至十二月一日)": the date as moved is the one that holds
                prev.date, prev.end = tok, _close_paren(text, tok.end)
                continue
            if tok.form in ("full", "day") and prev.date.form == "lunar" or tok.form == "day" and prev.date.form == "rel":
                prev.end = _close_paren(text, tok.end)  # 年初一(17日), 明日(15日): the same day, said twice
                continue
        if tok.form == "time" and prev and prev.time is None and _JOIN_GAP.match(gap):
            prev.time, prev.end = tok, tok.end
            if text.count("(", prev.start, tok.end) > text.count(")", prev.start, tok.end):
                prev.end = _close_paren(text, tok.end)  # "即日(3月19日上午9时)起": the bracket ends the date
            continue
        if tok.form == "week" and tok.week_rel is None:
            if _NAMED_DAY_BEFORE.search(text, max(0, tok.start - 4), tok.start) \
                    and _NAMED_DAY_AFTER.match(text, tok.end):
                tok.week_rel = "coming"  # "由星期四晚八时开始", "于星期五及星期六凌晨一时"
            else:
                bare_week = tok
                continue  # a bare 周六 outside parentheses is a habit (每周六), not a date
        if tok.form == "time" and tok.explicit_cn and tok.day_period is None:
            # 十时 alone is rare in prose but 一时 (第一时间) is common: only trust it next to a date
            if not (prev and (_CONNECTOR.match(gap) or prev.date and DAILY_GAP.match(gap))):
                continue
        unit = Unit(date=None if tok.form == "time" else tok,
                    time=tok if tok.form == "time" else None, start=tok.start, end=tok.end)
        if unit.date is not None:
            _take_aside(text, unit)
        units.append(unit)
    return units


_WEEKDAY_RANGE_ON = re.compile(r"\s*(?:至|到|~|-|—)\s*(?:星期|周|礼拜)?[一二三四五六日天]")
_ASIDE = re.compile(r"\s*\(([^()]{1,16})\)")
_WEEKDAY_IN_ASIDE = re.compile(r"(?:星期|周|礼拜)([一二三四五六日天])")
_WEEKDAYS_IN_ASIDE = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]\s*[、,及和至~\-]\s*(?:星期|周|礼拜)?[一二三四五六日天]")


# A bare weekday names a day of the coming week when a verb's preposition leads to it and a part
# of the day or a second weekday follows ("由星期四晚八时开始", "将于星期五及星期六凌晨一时…");
# "逢星期一至五" and "星期一至星期五上午9时" are weekly hours and stay unread.
_NAMED_DAY_BEFORE = re.compile(r"(?:(?<![每逢隔])(?:由|于|及|在)|(?<![每逢隔一二三四五六日天])(?:到|至))\s*$")
_NAMED_DAY_AFTER = re.compile(r"\s*(?:晚|凌晨|早上|早晨|上午|中午|下午|傍晚|夜|(?:及|和|、)\s*(?:星期|礼拜|周)[一二三四五六日天])")


def _take_aside(text: str, unit: Unit) -> None:
    """A bracket right after a date that says more about it (农历除夕、周二) belongs to the date."""
    m = _ASIDE.match(text, unit.end)
    if not m or re.search(r"\d+月|\d+日|至|到", m.group(1)):
        return
    unit.end = m.end()
    wd = _WEEKDAY_IN_ASIDE.search(m.group(1))
    if wd and not _WEEKDAYS_IN_ASIDE.search(m.group(1)):
        # one weekday only: "29日及30日(星期六及星期日)", "(周六、日)" gloss a list, not its last day
        unit.weekday = Token("week", m.start(1) + wd.start(), m.start(1) + wd.end(), weekday=WEEKDAYS[wd.group(1)])


def _close_paren(text: str, pos: int) -> int:
    m = re.match(r"\s*[)\]]", text[pos:pos + 3])
    return pos + m.end() if m else pos


def _join(text: str, units: list[Unit]) -> list[Mention]:
    mentions: list[Mention] = []
    second_window_open: Mention | None = None  # the mention whose day's second window of hours has begun
    for unit in units:
        prev = mentions[-1] if mentions else None
        gap = text[prev.end:unit.start] if prev else ""
        if prev and unit.date is None and (prev is second_window_open and _CONNECTOR.match(gap)
                                           or window_done(prev) and NEXT_WINDOW.match(gap)):
            # "6月7日、8日8:00—12:00和14:00—17:30", "上午07:00—11:30 下午13:00—16:30": two windows of
            # one day are the day (dates only), not the first window alone
            if prev is second_window_open:
                whole_days(prev)
            second_window_open = None if prev is second_window_open else prev
            prev.end = unit.end
            continue
        if prev and prev.last.date is not None and (gloss := _LUNAR_GLOSS.match(gap)):
            gap = gap[gloss.end():]  # "本月11日年廿四至本月17日": the lunar day beside the date says it again
        if prev and prev.daily and prev.daily[0] is prev.daily[1] and _CONNECTOR.match(gap):
            prev.daily = (prev.daily[0], unit)  # "每晚23:00至次日5:00" completes the shared hours
        elif prev and prev.kind == "list" and prev.daily is None and hours_only(unit) \
                and prev.last.time is not None and _CONNECTOR.match(gap):
            # "10月2日、10月5日上午9:00至12:00", "23日、25日晚上十一时至翌日早上五时": the hours
            # after the last day are every day's
            shared = Unit(None, time=prev.last.time, start=prev.last.time.start, end=prev.last.time.end)
            prev.last.time = None
            prev.daily = (shared, unit)
        elif prev and prev.kind == "list" and prev.daily is None and unit.date is not None \
                and _CONNECTOR.match(gap):
            # "9月30日、10月5日至7日": the last listed day opens a range of its own (the days
            # left stay a list, even of one: a listed day is that day, not the start of something)
            last = prev.units.pop()
            prev.end = prev.last.end
            mentions.append(Mention([last, unit], "range", last.start, unit.end))
            continue
        elif prev and prev.kind == "point" and (_CONNECTOR.match(gap) or _adjacent(gap, prev.last, unit)):
            prev.kind, prev.units = "range", prev.units + [unit]
        elif prev and prev.kind == "range" and prev.daily is None and hours_only(unit) and len(prev.units) == 2 \
                and prev.first.time is None and prev.last.time is not None and _CONNECTOR.match(gap):
            # "6月7日-6月8日7:00-17:30": the hours after the last day are every day's
            shared = Unit(None, time=prev.last.time, start=prev.last.time.start, end=prev.last.time.end)
            prev.last.time = None
            prev.daily = (shared, unit)
        elif prev and prev.kind in ("range", "list") and prev.daily is None and DAILY_GAP.match(gap) \
                and (unit.date is None or each_day(unit)):
            # hours that apply to every day of the span or list ("9月26日—10月1日,当日凌晨1:00至6:00":
            # 当日 after a span is each of its days, not the last one)
            if unit.date is not None:
                unit = Unit(None, time=unit.time, start=unit.start, end=unit.end)
            prev.daily = (unit, unit)
        elif prev and prev.kind in ("point", "list") and _is_list_gap(gap, prev.last, unit):
            prev.kind = "list"
            prev.units.append(unit)
        else:
            mentions.append(Mention([unit], "point", unit.start, unit.end))
            continue
        prev.end = unit.end
    return mentions


_LUNAR_GLOSS = re.compile(r"\s*+\(?(?:农历)?(?:年廿[一二三四五六七八九]|腊月(?:初|十|廿|二十)?[一二三四五六七八九十])\)?")


def _adjacent(gap: str, last: Unit, unit: Unit) -> bool:
    """"从3月4日3月31": two dates with nothing between them are a range that lost its 至."""
    return gap == "" and last.time is None and last.date is not None and unit.date is not None \
        and last.date.form == "full" and unit.date.form == "full"


def _is_list_gap(gap: str, last: Unit, unit: Unit) -> bool:
    forms = ("full", "day", "lunar", "week")
    return bool(_LIST.match(gap)) and last.date is not None and unit.date is not None \
        and last.date.form in forms and unit.date.form in forms
