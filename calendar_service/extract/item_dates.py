"""One resolved date or span to an item, by its kind and the words after it: an open start, a due
date, a reopening (the closure ends the day before), "停课一天" or "为期两个月" from a first day,
a validity of five years, a stop of 24 hours from its first hour. What is past, stale or too far
off gives no item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from .classify import Verdict, classify
from .dates import add_month, month_len
from .mentions import Mention
from .numerals import to_int
from .resolve import END_OF_DAY, MIDNIGHT, Point, Span, as_value
from .timex import RELATIVE_DAYS

MAX_YEARS_AWAY = 10
ASSUMED_START = "start assumed to be the publication date"
CLOSED_NOW = "closed as the notice was written"
REOPENS = "the day before a reopening"
STALE_OPEN_START = timedelta(days=31)  # a month: a change that began within it is still news
NOON = time(12, 0)
_FOR_AN_EVENT = re.compile(r"为(?:配合|保障)[^。;]{0,40}(?:举行|举办|汇演|演出|活动|比赛|马拉松|烟花|庆典|巡游|晚会)")
_MORNING = re.compile(r"\s*(?:凌晨|早上|早晨|上午)")
# "1月26日(周日)全天开诊", "1月2日门诊上午开放,下午停诊": that one day
_THAT_DAY = re.compile(r"当天|当日|仅限|只在|全天|(?:上午|下午)[^,。;]{0,8}[,;]\s*(?:下午|上午)")
# "起五日内", "起10个工作日内", "起40天": days counted from a day (a period "within" them ends on the last,
# the day it starts from not counted)
_COUNTED_DAYS = re.compile(r"\s*+起\s*+(?P<n>\d{1,3}|[一二三四五六七八九十两]{1,3})\s*+(?:个)?(?P<unit>工作日|日|天)"
                           r"(?P<within>内|以内|之内)?(?!\s*+\d)")  # (not "起1日3次发车": three runs a day)
_LASTING = re.compile(r"[^。;]{0,40}?(?:工期|为期|历时|持续|施工期|暂定实施|预计实施)(?:约|为|共)?\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:个)?(?:天|日)")
# "7月12日晚上10点开始,对全市进行停水24小时", "起停电约8个小时": how long a timed stop lasts
_LASTING_HOURS = re.compile(r"[^。;]{0,30}?(?:停水|停电|停气|停暖|停止供(?:水|电|气)|施工|检修|封闭|时长|历时|持续|为期)"
                            r"(?:时间)?(?:约|为|共|大约)?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:个)?\s*(?:小时|钟头)")
DEED_DAYS = re.compile(r"[^。;,]{0,24}?(?:停课|闭馆|闭园|停业|停运|停航|休息|停诊|休诊|放假|暂停开放|暂停营业|暂停办公)"
                       r"\s*(\d{1,2}|[一二三四五六七八九十两]{1,3})\s*(?:个)?(?:天|日)(?![\d一二三四五六七八九十])")
_LASTING_MONTHS = re.compile(r"[^。;]{0,40}?(?:工期|为期|历时|持续|施工期)(?:约|为|共|大约)?\s*(\d{1,2}|[一二三四五六七八九十两]{1,3})\s*个月")
# "…前" and, in the same clause, what stops until then
# (not a penalty for who is late: "6月30日前未缴纳电费的用户将暂停供电" is due on the 30th)
_STOPPED_BEFORE = re.compile(r"\s*+(?:\([^)]{0,8}\))?\s*+(?:之前|以前|前)\s*+,?(?![^,。;]{0,24}?(?:未|逾期|没有|不)[^,。;]{0,10}的)"
                             r"[^,。;]{0,24}?(?:暂停|暂缓|停止|关闭|闭馆|停办|停业)")
_VALID_FOR = re.compile(r"[^。;]{0,20}?有效期(?:为|是)?\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*年")


@dataclass
class Piece:
    """A mention and one span it resolved to (a list mention gives several)."""

    mention: Mention
    span: Span


@dataclass
class Item:
    kind: str
    start: date | datetime | None
    end: date | datetime | None
    all_day: bool
    lo: int  # the date expression the item's title is read around
    hi: int
    verdict: Verdict
    notes: list[str] = field(default_factory=list)
    framing: str | None = None  # the heading or table header that said what the date is for
    stop: tuple[str, int] | None = None  # where a stop under way is said (CLOSED_NOW): text, offset


def as_closure(item: Item, **changes) -> Item:
    """The closure an item brings or is ("…举行…,届时…交通管制"; works "期间…暂停开放"): a copy."""
    return replace(item, kind="closure", verdict=replace(item.verdict, kind="closure"), notes=list(item.notes), **changes)


def dated_single(sentence: str, piece: Piece, verdict: Verdict, published: date, in_turn: bool = False) -> Item | None:
    m, span = piece.mention, piece.span
    if verdict.kind == "service_change" and m.kind == "point" and span.start.at is not None and _CHANGES_AT.match(sentence, m.end):
        # "2025年6月13日17:00正式停诊": a service stops (or starts) at that hour and stays so
        return dated(verdict, span.start, None, m.start, m.end, published)
    if span.end is not None:
        item = dated(verdict, span.start, span.end, m.start, m.end, published, daily=span.daily)
        if item and verdict.kind == "deadline" and "open_start" in m.markers:
            item.notes.append("window")
        return item
    offset = RELATIVE_DAYS.get(m.first.date.rel) if m.first.date is not None and m.first.date.form == "rel" else None
    if "closed_now" in m.markers:
        # a stop under way as the notice is written ends when the reopening says (items.py)
        last = Point(span.start.day, NOON) if _MORNING.match(sentence, m.end) else before_reopening(span.start)
        item = dated(replace(verdict, kind="closure"), Point(published), last, m.start, m.end, published) \
            if last.day >= published else None
        if item is not None:
            item.notes += [ASSUMED_START, CLOSED_NOW]
        return item
    if "reopen" in m.markers and offset == 0 and sentence.startswith("起", m.end):
        # "即日起…恢复工作日午间延时服务": what comes back from today on is a change of service
        return dated(replace(verdict, kind="service_change"), span.start, None, m.start, m.end, published)
    if "reopen" in m.markers and offset in ("next", 0):
        # "次日8:00恢复": the morning after, every night; "今晚7时复气": tonight, after a stop the
        # notice dates otherwise; either closes no dated closure ("明日早上恢复供水" may)
        return None
    if "reopen" in m.markers:
        # a reopening alone does not say when the closure began: the notice may (merge.py joins it
        # to the open start before it, or drops it)
        # ("明日早上恢复供水": some time that morning, so the stop runs to that noon at the latest)
        last = Point(span.start.day, NOON) if _MORNING.match(sentence, m.end) else before_reopening(span.start)
        if last.day < published <= span.start.day:
            # "自3月25日零时起…恢复开放" published on the 25th: what was closed is past; the reopening
            # is the news, a change from that day on
            return dated(replace(verdict, kind="service_change"), Point(span.start.day), None, m.start, m.end, published)
        item = dated(verdict, None, last, m.start, m.end, published)
        if item is not None:
            item.notes.append(REOPENS)
        return item
    if "to_the_end" in m.markers:  # "7时至比赛结束": the end time is unknown, the day is not
        return dated(verdict, span.start, Point(span.start.day), m.start, m.end, published)
    counted = _COUNTED_DAYS.match(sentence, m.end) if m.kind == "point" and span.start.at is None else None
    if counted and (counted.group("within") and verdict.kind == "deadline" or not counted.group("within")
                    and verdict.kind in ("event", "period", "closure", "service_change")):
        # "自公示之日起10个工作日内提出": due that many days after; "自111年1月14日起40天公开展览": that
        # many days from the first
        n = to_int(counted.group("n"))
        last = _working_days_after(span.start.day, n) if counted.group("unit") == "工作日" \
            else span.start.day + timedelta(days=n if counted.group("within") else n - 1)
        return dated(verdict, span.start, Point(last), m.start, m.end, published)
    days = DEED_DAYS.match(sentence, m.end)
    if days and m.kind == "point" and verdict.kind in ("closure", "service_change", "event"):
        # "7月25日全市中小学停课一天", "10月1日起闭馆3天": that many days from the date
        last = span.start.day + timedelta(days=to_int(days.group(1)) - 1)
        return dated(verdict, Point(span.start.day), Point(last), m.start, m.end, published)
    months = _LASTING_MONTHS.match(sentence, m.end)
    if months and "open_start" in m.markers and verdict.kind in ("closure", "service_change"):
        # "由十二月一日凌晨零时起…将会封闭,为期约两个月": the day before the same date two months on
        last = _months_later(span.start.day, to_int(months.group(1)))
        return dated(verdict, span.start, Point(last), m.start, m.end, published)
    lasting = _LASTING.match(sentence, m.end)
    if lasting and "open_start" in m.markers and verdict.kind in ("closure", "service_change"):
        # "自10月15日零时起…实施半幅封闭施工,预计工期30天": the last day is the 30th from the first
        last = span.start.day + timedelta(days=to_int(lasting.group(1)) - 1)
        return dated(verdict, span.start, Point(last), m.start, m.end, published)
    hours = _LASTING_HOURS.match(sentence, m.end)
    if hours and span.start.at is not None and m.kind == "point" and verdict.kind == "closure":
        start = datetime.combine(span.start.day, span.start.at)
        end = start + timedelta(hours=to_int(hours.group(1)))
        return dated(verdict, span.start, Point(end.date(), end.time()), m.start, m.end, published)
    years = _VALID_FOR.match(sentence, m.end)
    if years and "open_start" in m.markers:  # 自2023年3月1日起施行,有效期5年
        end = _years_later(span.start.day, to_int(years.group(1)))
        return dated(classify(sentence, [(m.start, m.end)], m.markers | {"valid_for"}), span.start,
                      Point(end), m.start, m.end, published)
    if "as_of" in m.markers and span.start.day <= published:
        return None  # "截至28日晚间,…调集90辆车": a count as of a day already here, not a due date
    if "due" in m.markers and m.kind == "point" and span.start.at is None and _STOPPED_BEFORE.match(sentence, m.end):
        # "3月31日前暂停办理护照业务", "2月10日前,…暂缓办理": stopped from now until the day before
        last = span.start.day - timedelta(days=1)
        kind = verdict.kind if verdict.kind in ("service_change", "closure") else "service_change"
        return dated(replace(verdict, kind=kind), Point(published), Point(last), m.start, m.end, published) \
            if last >= published else None
    if verdict.kind == "deadline" and m.markers & {"due", "until", "as_of"}:
        return dated(verdict, None, span.start, m.start, m.end, published)
    if "until" in m.markers and span.start.day == published:
        return None  # "从1998年…到今天": the present, not a date to keep
    if "until" in m.markers:  # 有效期至2025年6月30日: from now until then
        item = dated(verdict, Point(published), span.start, m.start, m.end, published)
        if item is not None:
            item.notes.append(ASSUMED_START)
        return item
    if verdict.kind == "service_change" and "open_start" not in m.markers and (
            _THAT_DAY.search(sentence, m.end, m.end + 16)
            or m.first.date is not None and m.first.date.form == "rel" and m.first.date.rel in ("当天", "当日", "同日")):
        # "搬迁当天(4月28日)暂停受理"; "…将于1月26日搬迁。当天,该办事处将暂停办理…": that day alone
        return dated(verdict, span.start, span.start, m.start, m.end, published)  # "搬迁当天(4月28日)暂停受理"
    if "open_start" in m.markers and span.start.at is not None and verdict.kind == "closure" \
            and _FOR_AN_EVENT.search(sentence):
        # "为配合年初二晚上8时…烟花汇演,…由当天下午约6时起分阶段实施封路": closed for the evening
        return dated(verdict, span.start, Point(span.start.day, END_OF_DAY), m.start, m.end, published)
    if "open_start" in m.markers and m.first.date is None and span.start.at is not None:
        # "* 由下午约一时三十分起…会封闭" in a list of one day's arrangements: until that day ends
        return dated(verdict, span.start, Point(span.start.day, END_OF_DAY), m.start, m.end, published)
    if "open_start" in m.markers or verdict.kind == "service_change" and span.start.at is None and not in_turn:
        # a change takes effect from its date on ("系统将于1月2日正式上线"): open-ended
        return dated(verdict, span.start, None, m.start, m.end, published)
    if verdict.kind == "deadline":  # "6月30日是汇算的最后期限": a due date; when it opens is not said
        return dated(verdict, None, span.start, m.start, m.end, published)
    return dated(verdict, span.start, span.start, m.start, m.end, published)


_CHANGES_AT = re.compile(r"\s*+(?:将|开始)?\s*+(?:正式|全面)?\s*+(?:开始)?\s*+(?:停诊|停业|停办|停止(?:服务|营业|办理|受理|运营)|关闭|撤销|"
                         r"启用|上线|开通|开诊|(?:开栓)?供(?:热|暖)|开栓)")


def before_reopening(point: Point) -> Point:
    """'20日恢复' closes on the 19th (so does '20日零时恢复'); '20日8时恢复' closes at that time."""
    if point.at is None or point.at == MIDNIGHT:
        return Point(point.day - timedelta(days=1))
    return point


def dated(verdict: Verdict, start: Point | None, end: Point | None, lo: int, hi: int,
           published: date, daily: bool = False) -> Item | None:
    if start is not None and start.at == END_OF_DAY:
        start = Point(start.day + timedelta(days=1), MIDNIGHT)  # "24时起" starts the next day
    if start is not None and end is not None and end.at == MIDNIGHT and end.day > start.day:
        end = Point(end.day - timedelta(days=1), END_OF_DAY)  # "至3月18日零时" ends with the 17th
    if start is not None and end is not None and (end.day < start.day or end.day == start.day and start.at is not None
                                                  and end.at is not None and end.at < start.at):
        return None  # an end before its start: a misread, not an item
    timed = not daily and any(p is not None and p.at not in (None, END_OF_DAY, MIDNIGHT)
                              for p in (start, end))
    last_day = (end or start).day if end is not None else None
    if last_day is not None and last_day < published:
        return None  # entirely past: news, not something to put in a calendar
    if end is None and (start is None or verdict.kind == "deadline"):
        return None  # a deadline needs its due date
    if end is None and start.day < published - STALE_OPEN_START:
        return None  # "自2017年1月1日起执行": background, not a change residents need now
    if any(p is not None and abs(p.day.year - published.year) > MAX_YEARS_AWAY for p in (start, end)):
        return None  # an OCR slip or a misread number, not a plan this far ahead
    notes = list(dict.fromkeys(p.doubt for p in (start, end) if p is not None and p.doubt))
    return Item(verdict.kind, start and as_value(start, timed, start=True),
                end and as_value(end, timed), not timed, lo, hi, verdict, notes)


def _months_later(start: date, months: int) -> date:
    """The last day of `months` months from `start` (2024-12-01 + 2 -> 2025-01-31)."""
    month = add_month(start, months)
    return month.replace(day=min(start.day, month_len(month))) - timedelta(days=1)


def _years_later(start: date, years: int) -> date:
    """The last day of a validity of `years` years from `start` (2023-03-01 + 5 -> 2028-02-29)."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + years, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)


def _working_days_after(day: date, n: int) -> date:
    """The nth working day (Monday to Friday) after `day`; the calendar's moved workdays aside."""
    while n > 0:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day
