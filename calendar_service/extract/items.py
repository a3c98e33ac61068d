"""Dated items of one sentence: mentions resolved, joined ("即日起…截止至…"), and dated by kind."""
from __future__ import annotations

import calendar
import re
from functools import lru_cache
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from .classify import Verdict, classify
from .mentions import Mention
from .numerals import to_int
from .timex import RELATIVE_DAYS
from .resolve import END_OF_DAY, MIDNIGHT, Point, Span, as_value, resolve_mention, resolve_unit

_ENDING = {"due", "until", "reopen", "finish"}
_NOT_ITEMS = {"born", "since", "conditional", "recurring", "schedule_of", "as_usual", "reason", "prepare"}
MAX_YEARS_AWAY = 10
ASSUMED_START = "start assumed to be the publication date"
REOPENS = "the day before a reopening"
STALE_OPEN_START = timedelta(days=31)  # a month: a change that began within it is still news
# what comes back after a closure: "(起)正常开馆", "起恢复正常", "起照常营业"
_BACK_TO_NORMAL = re.compile(r"\s*(?:\([^)]{0,10}\))?\s*(?:起|开始)\s*[,]?\s*[^,。;]{0,12}?(?:恢复正常|正常(?:开|营|运|上|办|接|出|对外)|"
                             r"照常|恢复(?:开放|营业|运营|办理|供|通行|开诊|上班))")
_FOR_AN_EVENT = re.compile(r"为(?:配合|保障)[^。;]{0,40}(?:举行|举办|汇演|演出|活动|比赛|马拉松|烟花|庆典|巡游|晚会)")
_RESUMES_LATER = re.compile(r"[^,;。]{0,24}?(?:恢复正常|恢复原|照常)")
_SAID_THEN = re.compile(r"\s*,?[^,。;]{0,20}?(?:宣布|表示|透露|获悉|发布|公布|通报|介绍)")
_THEN_CLOSED = re.compile(r"[,;]\s*届时,?\s*([^。;]{2,40}?(?:交通管制|封闭|禁止[^。;,]{0,8}通行|停水|停电|停气|临时管制))")
_SPAN_ENDS = re.compile(r"\s*(?:\([^)]{0,8}\))?\s*结束")
_TO_DO = re.compile(r"报名|缴费|缴纳|申报|申请|办理|充值|发售|领取|登记|预约|提交|报送|征集|公示|确认")
_MORNING = re.compile(r"\s*(?:凌晨|早上|早晨|上午)")
NOON = time(12, 0)
_FINISHED = re.compile(r"\s*(?:前)?\s*(?:全部|全面)?(?:完工|竣工|施工结束|完成施工)")
_THAT_DAY = re.compile(r"当天|当日|仅限|只在|全天")  # "1月26日(周日)全天开诊": that one day
_SELF_REFERENCE = re.compile(r"本(?:通告|公告|办法|规定|措施|意见|细则|方案|通知|决定|条例)[^,。]{0,4}自?$|"
                             r"本(?:通告|公告|办法|规定|措施|意见|细则|方案|通知|决定|条例)自")
_WEAK = 2.0  # a framing context's score below which the notice's own kind is the better guess
_LASTS = re.compile(r"(?:持续|延续|一直|展至|展出至|开放至|运营至|延长|工期|施工期|预计|计划)\s*(?:到|至)?\s*$")
_LASTING = re.compile(r"[^。;]{0,40}?(?:工期|为期|历时|持续|施工期)(?:约|为|共)?\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:个)?(?:天|日)")
# "7月12日晚上10点开始,对全市进行停水24小时", "起停电约8个小时": how long a timed stop lasts
_LASTING_HOURS = re.compile(r"[^。;]{0,30}?(?:停水|停电|停气|停暖|停止供(?:水|电|气)|施工|检修|封闭|时长|历时|持续)"
                            r"(?:时间)?(?:约|为|共|大约)?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:个)?\s*(?:小时|钟头)")
_DEED_DAYS = re.compile(r"[^。;,]{0,24}?(?:停课|闭馆|闭园|停业|停运|停航|休息|停诊|休诊|放假|暂停开放|暂停营业|暂停办公)"
                        r"\s*(\d{1,2}|[一二三四五六七八九十两]{1,3})\s*(?:个)?(?:天|日)(?![\d一二三四五六七八九十])")
_LASTING_MONTHS = re.compile(r"[^。;]{0,40}?(?:工期|为期|历时|持续|施工期)(?:约|为|共|大约)?\s*(\d{1,2}|[一二三四五六七八九十两]{1,3})\s*个月")
_VALID_FOR = re.compile(r"[^。;]{0,20}?有效期(?:为|是)?\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*年")


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


@dataclass(frozen=True)
class Frame:
    """What surrounds a sentence, for an item its own words do not complete (assemble.py)."""

    contexts: tuple[str, ...] = ()  # nearest first: the row or record, the lead-in, headings, the heading
    topic: str = ""  # the notice heading's subject
    prior: str | None = None  # the notice's own kind, from its headline and lead
    day: date | None = None  # the row's date, for a line that gives only hours
    window: tuple | None = None  # hours a caption gives every date below it (Unit, Unit)


NO_FRAME = Frame()


@dataclass
class _Piece:
    mention: Mention
    span: Span


def sentence_items(sentence: str, mentions: list[Mention], published: date,
                   anchor: date | None, frame: Frame = NO_FRAME) -> tuple[list[Item], date | None]:
    """Items dated in one sentence, and the last date seen (the anchor for 次日, 18日 …)."""
    pieces: list[_Piece] = []
    own_day = None  # the last day this sentence named: "当天下午3时半起…直至约晚上11时45分" ends on it
    for m in mentions:
        if frame.window and m.daily is None and all(u.time is None and u.date is not None for u in m.units):
            m = replace(m, kind="list", daily=frame.window)  # "停水时间为晚上20点到早上9点" over the rows
        # (only an hour that ends something: other bare hours of the sentence stay its frame's)
        day = own_day if own_day and m.markers & _ENDING and m.first.date is None else frame.day
        spans = resolve_mention(m, published, anchor, day)
        if m.kind == "list" and not _WORKDAYS.search(sentence, m.end, m.end + 12) and "each" not in m.markers:
            spans = _consecutive(spans)
        for span in spans:
            pieces.append(_Piece(m, span))
            anchor = (span.end or span.start).day
            own_day = span.start.day if span.end is None else span.end.day
    latest = _latest_after(pieces)
    items = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        partner = _closing_partner(sentence, pieces, i)
        if partner is not None:
            item = _joined(sentence, piece, pieces[partner], published, frame)
            i = partner + 1
        else:
            # "1月21日(除夕)末班车调整为17:00,1月22日(初一)首班车调整为7:30": days taken in turn
            in_turn = latest[i] is not None and latest[i] > piece.span.start.day
            item = _single(sentence, piece, published, frame, in_turn)
            i += 1
        if item is not None:
            items.append(item)
            if item.kind == "event" and len(pieces) == 1 and (then := _THEN_CLOSED.search(sentence, piece.mention.end)):
                # "5月12日上午…将举行健步走活动,届时人民大道…实行交通管制": the event and, for
                # residents who drive there, the closure it brings
                items.append(replace(item, kind="closure", lo=then.start(1), hi=then.start(1), notes=list(item.notes),
                                     verdict=replace(item.verdict, kind="closure")))
    return items, anchor


def _latest_after(pieces: list[_Piece]) -> list[date | None]:
    """For each piece, the latest day a later mention of the sentence names without opening
    something (one pass from the end, so a line of a thousand dates stays linear)."""
    latest: list[date | None] = [None] * len(pieces)
    best, run_best = None, None  # over later mentions, and over the current mention's pieces
    for i in range(len(pieces) - 1, -1, -1):
        piece = pieces[i]
        if i + 1 < len(pieces) and pieces[i + 1].mention is not piece.mention:
            best = run_best if best is None or (run_best is not None and run_best > best) else best
            run_best = None
        latest[i] = best
        if "open_start" not in piece.mention.markers:
            day = piece.span.start.day
            run_best = day if run_best is None or day > run_best else run_best
    return latest


_WORKDAYS = re.compile(r"上班|补班|调休")  # "10月7日、8日上班": each make-up working day is its own


def _consecutive(spans: list[Span]) -> list[Span]:
    """'4月28日、29日、30日' (all day) is one span; listed nights with hours stay one item each."""
    if len(spans) < 2 or any(s.end is not None or s.start.at is not None for s in spans):
        return spans
    days = [s.start.day for s in spans]
    if all((b - a).days == 1 for a, b in zip(days, days[1:])):
        return [Span(spans[0].start, spans[-1].start)]
    return spans


def _opens(piece: _Piece) -> bool:
    m = piece.mention
    return m.kind == "point" and ("open_start" in m.markers or (
        m.first.date is not None and m.first.date.rel == "即日"))


def _closing_partner(sentence: str, pieces: list[_Piece], i: int) -> int | None:
    """'即日起…截止至12月25日', '10月17日起暂停…24日恢复': an open start closed later on;
    '将于5月1日推出…展览将持续至6月30日': a start whose span is given later."""
    first = pieces[i].mention
    opens = _opens(pieces[i])
    if first.markers & _NOT_ITEMS or not opens and not (first.kind == "point" and not first.markers & _ENDING):
        return None
    if not opens and (_SAID_THEN.match(sentence, first.end) or _DEED_DAYS.match(sentence, first.end)):
        # ("1月28日(除夕)闭馆一天,2月5日起…": a day that says how long it lasts closes itself)
        return None  # "9日,上海迪士尼度假区宣布,…将于6月10日起恢复运营": the day it was said opens nothing
    stages = 0
    for j in range(i + 1, len(pieces)):
        if j - stages > i + 2:
            break
        m = pieces[j].mention
        if m.kind == "point" and m.markers & _ENDING and (
                opens or j == i + 1 and m.markers & {"reopen", "finish"}  # "24日暂停办理,27日恢复正常", "…15日完工"
                # (not a reopening on the very day: "今天…发布通告,即日起…恢复" is one day said twice)
                and pieces[j].span.start.day > pieces[i].span.start.day
                or j == i + 1 and "until" in m.markers and _LASTS.search(sentence, first.end, m.start)):
            return j
        if _opens(pieces[j]):
            if not (opens and first.first.time is not None and m.first.date is None and stages < 4):
                return None
            stages += 1  # "由当天下午3时半起…傍晚5时和7时起…直至约晚上11时45分": stages of one closure
    return None


def _joined(sentence: str, first: _Piece, last: _Piece, published: date, frame: Frame) -> Item | None:
    markers = (first.mention.markers | last.mention.markers) - {"open_start"}
    spans = [(first.mention.start, first.mention.end), (last.mention.start, last.mention.end)]
    if "finish" in last.mention.markers:
        # "7月28日封闭,8月15日完工": the 完工 that ends the span is not a report of finished works
        finish = _FINISHED.match(sentence, last.mention.end)
        if finish:
            sentence = sentence[:finish.start()] + " " * (finish.end() - finish.start()) + sentence[finish.end():]
    verdict, _ = kind_of(sentence, spans, markers, frame)
    if verdict.kind == "deadline" and "due" in markers and "open_start" in first.mention.markers \
            and _SPAN_ENDS.match(sentence, last.mention.end):
        # "春运将于1月14日开始,2月22日结束": a span's end; a deadline only where something is to be
        # done in it ("发售充值工作将于12月15日开始,至1月15日结束")
        spanned, _ = kind_of(sentence, spans, (markers - {"due"}) | {"until"}, frame)
        if spanned.kind != "deadline" and not _TO_DO.search(sentence):
            # (with no word for what it is, a time of year: a period)
            verdict = spanned if spanned.kind else replace(verdict, kind="period")
    if verdict.kind is None:
        return None
    # the closing date is read against the opening one, as a range end is ("3月1日开始,6月30日结束")
    end = resolve_unit(last.mention.first, published, None, inherit=first.span.start.day) or last.span.start
    if "reopen" in last.mention.markers:
        end = _before_reopening(end)
    # a deadline is named where its due date is; anything else where it begins
    lo, hi = spans[1] if verdict.kind == "deadline" else spans[0]
    return _dated(verdict, first.span.start, end, lo, hi, published)


def _single(sentence: str, piece: _Piece, published: date, frame: Frame, in_turn: bool = False) -> Item | None:
    m = piece.mention
    if m.markers & _NOT_ITEMS:
        return None
    if "open_start" in m.markers and _BACK_TO_NORMAL.match(sentence, m.end):
        return None  # "1月24日起正常开馆", "从1月30日起正常开诊": the end of a closure said again
    if "from" in m.markers and "open_start" not in m.markers and _RESUMES_LATER.match(sentence, m.end):
        # "自1月23日(初二)所有线路首末班发车时间恢复正常": a reopening, said with its subject first
        m.markers.add("reopen")
    verdict, framing = kind_of(sentence, [(m.start, m.end)], m.markers, frame)
    if verdict.kind is None:
        return None
    if m.kind == "point" and m.first.date is not None and m.first.date.part and verdict.kind != "deadline" \
            and not m.markers & (_ENDING | {"open_start"}):
        return None  # "8月底9月初,大部分院校将迎来新生": a part of a month is no day, unless it bounds something
    item = _dated_single(sentence, piece, verdict, published, in_turn)
    if item is not None and framing:
        item.framing = framing
    return item


def kind_of(sentence: str, spans: list[tuple[int, int]], markers: set[str],
            frame: Frame) -> tuple[Verdict, str | None]:
    """The item's kind from its sentence; when the sentence has no cue, from what frames it (the
    row, the record, the lead-in, the headings, the notice's heading), else the notice's own kind."""
    verdict = classify(sentence, spans, markers)
    # (a kind guessed from 起 alone, with no cue word, yields to what frames the line: "11月1日6时起,
    # 黄龙体育中心一环以内道路;" then "北山街…和白堤实施交通管制。")
    if (verdict.kind is None or not verdict.cues) and not verdict.trapped:
        for context in (*frame.contexts, frame.topic):
            if not context:
                continue
            # the context read as if it stood right before the line (classified once per context:
            # a long line with many dates does not re-read it for each)
            framed = _framed(context, frozenset(markers))
            if framed.kind and (framed.score >= _WEAK or not frame.prior):
                # a trap word elsewhere (通告表示…) says nothing of this line; nor does a weak word
                # of a generic field ("实施时间") outweigh what the notice announces
                return framed, context
        if frame.prior and verdict.kind is None:
            return Verdict(frame.prior, 1.0, 0.0, ()), None
    topic = frame.topic
    if topic and _SELF_REFERENCE.search(sentence) and verdict.kind == "service_change":
        # "本通告自11月1日起施行": what takes effect is what the heading announces (货车限行)
        about = classify(topic, [(0, 0)], markers)
        verdict = about if about.kind else verdict
    return verdict, None


@lru_cache(maxsize=1024)
def _framed(context: str, markers: frozenset[str]) -> Verdict:
    return classify(context + ":", [(len(context) + 1, len(context) + 1)], set(markers))


def _dated_single(sentence: str, piece: _Piece, verdict: Verdict, published: date, in_turn: bool = False) -> Item | None:
    m, span = piece.mention, piece.span
    if verdict.kind == "service_change" and m.kind == "point" and span.start.at is not None and _CHANGES_AT.match(sentence, m.end):
        # "2025年6月13日17:00正式停诊": a service stops (or starts) at that hour and stays so
        return _dated(verdict, span.start, None, m.start, m.end, published)
    if span.end is not None:
        item = _dated(verdict, span.start, span.end, m.start, m.end, published, daily=span.daily)
        if item and verdict.kind == "deadline" and "open_start" in m.markers:
            item.notes.append("window")
        return item
    offset = RELATIVE_DAYS.get(m.first.date.rel) if m.first.date is not None and m.first.date.form == "rel" else None
    if "reopen" in m.markers and offset == 0 and sentence.startswith("起", m.end):
        # "即日起…恢复工作日午间延时服务": what comes back from today on is a change of service
        return _dated(replace(verdict, kind="service_change"), span.start, None, m.start, m.end, published)
    if "reopen" in m.markers and offset in ("next", 0):
        # "次日8:00恢复": the morning after, every night; "今晚7时复气": tonight, after a stop the
        # notice dates otherwise; either closes no dated closure ("明日早上恢复供水" may)
        return None
    if "reopen" in m.markers:
        # a reopening alone does not say when the closure began: the notice may (merge.py joins it
        # to the open start before it, or drops it)
        # ("明日早上恢复供水": some time that morning, so the stop runs to that noon at the latest)
        last = Point(span.start.day, NOON) if _MORNING.match(sentence, m.end) else _before_reopening(span.start)
        if last.day < published <= span.start.day:
            # "自3月25日零时起…恢复开放" published on the 25th: what was closed is past; the reopening
            # is the news, a change from that day on
            return _dated(replace(verdict, kind="service_change"), Point(span.start.day), None, m.start, m.end, published)
        item = _dated(verdict, None, last, m.start, m.end, published)
        if item is not None:
            item.notes.append(REOPENS)
        return item
    if "to_the_end" in m.markers:  # "7时至比赛结束": the end time is unknown, the day is not
        return _dated(verdict, span.start, Point(span.start.day), m.start, m.end, published)
    days = _DEED_DAYS.match(sentence, m.end)
    if days and m.kind == "point" and verdict.kind in ("closure", "service_change", "event"):
        # "7月25日全市中小学停课一天", "10月1日起闭馆3天": that many days from the date
        last = span.start.day + timedelta(days=to_int(days.group(1)) - 1)
        return _dated(verdict, Point(span.start.day), Point(last), m.start, m.end, published)
    months = _LASTING_MONTHS.match(sentence, m.end)
    if months and "open_start" in m.markers and verdict.kind in ("closure", "service_change"):
        # "由十二月一日凌晨零时起…将会封闭,为期约两个月": the day before the same date two months on
        last = _months_later(span.start.day, to_int(months.group(1)))
        return _dated(verdict, span.start, Point(last), m.start, m.end, published)
    lasting = _LASTING.match(sentence, m.end)
    if lasting and "open_start" in m.markers and verdict.kind in ("closure", "service_change"):
        # "自10月15日零时起…实施半幅封闭施工,预计工期30天": the last day is the 30th from the first
        last = span.start.day + timedelta(days=to_int(lasting.group(1)) - 1)
        return _dated(verdict, span.start, Point(last), m.start, m.end, published)
    hours = _LASTING_HOURS.match(sentence, m.end)
    if hours and span.start.at is not None and m.kind == "point" and verdict.kind == "closure":
        start = datetime.combine(span.start.day, span.start.at)
        end = start + timedelta(hours=to_int(hours.group(1)))
        return _dated(verdict, span.start, Point(end.date(), end.time()), m.start, m.end, published)
    years = _VALID_FOR.match(sentence, m.end)
    if years and "open_start" in m.markers:  # 自2023年3月1日起施行,有效期5年
        end = _years_later(span.start.day, to_int(years.group(1)))
        return _dated(classify(sentence, [(m.start, m.end)], m.markers | {"valid_for"}), span.start,
                      Point(end), m.start, m.end, published)
    if "as_of" in m.markers and span.start.day <= published:
        return None  # "截至28日晚间,…调集90辆车": a count as of a day already here, not a due date
    if verdict.kind == "deadline" and m.markers & {"due", "until", "as_of"}:
        return _dated(verdict, None, span.start, m.start, m.end, published)
    if "until" in m.markers and span.start.day == published:
        return None  # "从1998年…到今天": the present, not a date to keep
    if "until" in m.markers:  # 有效期至2025年6月30日: from now until then
        item = _dated(verdict, Point(published), span.start, m.start, m.end, published)
        if item is not None:
            item.notes.append(ASSUMED_START)
        return item
    if verdict.kind == "service_change" and "open_start" not in m.markers and (
            _THAT_DAY.search(sentence, m.end, m.end + 16)
            or m.first.date is not None and m.first.date.form == "rel" and m.first.date.rel in ("当天", "当日", "同日")):
        # "搬迁当天(4月28日)暂停受理"; "…将于1月26日搬迁。当天,该办事处将暂停办理…": that day alone
        return _dated(verdict, span.start, span.start, m.start, m.end, published)  # "搬迁当天(4月28日)暂停受理"
    if "open_start" in m.markers and span.start.at is not None and verdict.kind == "closure" \
            and _FOR_AN_EVENT.search(sentence):
        # "为配合年初二晚上8时…烟花汇演,…由当天下午约6时起分阶段实施封路": closed for the evening
        return _dated(verdict, span.start, Point(span.start.day, END_OF_DAY), m.start, m.end, published)
    if "open_start" in m.markers and m.first.date is None and span.start.at is not None:
        # "* 由下午约一时三十分起…会封闭" in a list of one day's arrangements: until that day ends
        return _dated(verdict, span.start, Point(span.start.day, END_OF_DAY), m.start, m.end, published)
    if "open_start" in m.markers or verdict.kind == "service_change" and span.start.at is None and not in_turn:
        # a change takes effect from its date on ("系统将于1月2日正式上线"): open-ended
        return _dated(verdict, span.start, None, m.start, m.end, published)
    if verdict.kind == "deadline":  # "6月30日是汇算的最后期限": a due date; when it opens is not said
        return _dated(verdict, None, span.start, m.start, m.end, published)
    return _dated(verdict, span.start, span.start, m.start, m.end, published)


_CHANGES_AT = re.compile(r"\s*(?:将|开始)?\s*(?:正式|全面)?\s*(?:开始)?\s*(?:停诊|停业|停办|停止(?:服务|营业|办理|受理|运营)|关闭|撤销|"
                         r"启用|上线|开通|开诊|(?:开栓)?供(?:热|暖)|开栓)")


def _before_reopening(point: Point) -> Point:
    """'20日恢复' closes on the 19th (so does '20日零时恢复'); '20日8时恢复' closes at that time."""
    if point.at is None or point.at == MIDNIGHT:
        return Point(point.day - timedelta(days=1))
    return point


def _dated(verdict: Verdict, start: Point | None, end: Point | None, lo: int, hi: int,
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
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


def _years_later(start: date, years: int) -> date:
    """The last day of a validity of `years` years from `start` (2023-03-01 + 5 -> 2028-02-29)."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + years, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)
