"""Dated items of one sentence: mentions resolved, an opening joined to its closing ("即日起…截止至…"),
and each item's kind read from the sentence and its frame (frames.py; `item_dates.py` turns each
into an item)."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .day_hours import hours_of_day_named, next_session
from .frames import NO_FRAME, Frame, kind_of
from .item_dates import CLOSED_NOW, DEED_DAYS, Item, Piece, as_closure, before_reopening, dated, dated_single
from .mentions import Mention
from .places import find_place
from .resolve import Span, resolve_mention, resolve_unit
from .stops import CLOSED_THEN, closed_now, undated_stop, works_in

_ENDING = {"due", "until", "reopen", "finish"}
_NOT_ITEMS = {"born", "since", "conditional", "recurring", "schedule_of", "as_usual", "reason", "prepare", "called_off",
              "document", "which"}
# what comes back after a closure: "(起)正常开馆", "起恢复正常", "起照常营业"
_BACK_TO_NORMAL = re.compile(r"\s*+(?:\([^)]{0,10}\))?\s*+(?:起|开始)\s*+[,]?\s*+[^,。;]{0,12}?(?:恢复正常|正常(?:开|营|运|上|办|接|出|对外)|"
                             r"照常|恢复(?:开放|营业|运营|办理|供|通行|开诊|上班))")
_RESUMES_LATER = re.compile(r"[^,;。]{0,24}?(?:恢复正常|恢复原|照常)")
_SAID_THEN = re.compile(r"\s*+,?[^,。;]{0,20}?(?:宣布|表示|透露|获悉|发布|公布|通报|介绍)")
_THEN_CLOSED = re.compile(rf"[,;]\s*届时,?\s*([^。;]{{2,40}}?(?:{CLOSED_THEN.pattern}|禁止[^。;,]{{0,8}}通行))")
_BEGUN = re.compile(r"\s*+(?:凌晨|早上|上午|中午|下午|晚上|夜间)?\s*+(?:正式)?(?:动工|开工|开始施工|进场施工)")
_SPAN_ENDS = re.compile(r"\s*+(?:\([^)]{0,8}\))?\s*+结束")
_TO_DO = re.compile(r"报名|缴费|缴纳|申报|申请|办理|充值|发售|领取|登记|预约|提交|报送|征集|公示|确认")
_FINISHED = re.compile(r"\s*+(?:前)?\s*+(?:全部|全面)?(?:完工|竣工|施工结束|完成施工)")
_STARTS = "展开|开展|启动|开始|开启"
_STARTS_THEN = re.compile(rf"\s*(?:正式|全面)?(?:{_STARTS})")
_LASTS = re.compile(r"(?:持续|延续|一直|展至|展出至|展期|开放至|运营至|延长|工期|施工期|预计|计划)\s*+(?:到|至)?\s*+$"
                    # "将于8月1日全面展开,至9月30日结束": what starts on the first day runs to the second
                    # (blanks possessive: a padded cell must not retry every split of its blanks)
                    rf"|(?:{_STARTS})\s*+,?\s*+(?:并|一直|持续)?\s*+(?:到|至)\s*+$")


def sentence_items(sentence: str, mentions: list[Mention], published: date,
                   anchor: date | None, frame: Frame = NO_FRAME) -> tuple[list[Item], date | None]:
    """Items dated in one sentence, and the last date seen (the anchor for 次日, 18日 …)."""
    pieces: list[Piece] = []
    own_day = None  # the last day this sentence named: "当天下午3时半起…直至约晚上11时45分" ends on it
    previous = None
    for m in mentions:
        if frame.window and m.daily is None and all(u.time is None and u.date is not None for u in m.units):
            m = replace(m, kind="list", daily=frame.window)  # "停水时间为晚上20点到早上9点" over the rows
        # (only an hour that ends something, or the next session of a timed day: other bare hours of
        # the sentence stay its frame's)
        day = own_day if own_day and m.first.date is None and (
            m.markers & _ENDING or next_session(sentence, m, previous, previous and previous.end)) else frame.day
        if own_day and hours_of_day_named(sentence, m, previous):
            day = own_day  # "15日,明和苑因线路检修,将于7时至12时停电": that day's hours; the day alone is no item
            pieces = [p for p in pieces if p.mention is not previous]
        previous = m
        spans = resolve_mention(m, published, anchor, day)
        if m.kind == "list" and not _WORKDAYS.search(sentence, m.end, m.end + 12) and "each" not in m.markers:
            spans = _consecutive(spans)
        for span in spans:
            pieces.append(Piece(m, span))
            if "born" not in m.markers:
                # (an age's cutoff, "截至2024年12月31日不满15周岁", says whom, not which year the
                # dates after it fall in)
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
            item = _single(sentence, piece, published, frame, in_turn, first=i == 0)
            i += 1
        if item is not None:
            items.append(item)
            works = item.kind in ("service_change", "period") and works_in(sentence)
            if (item.kind == "event" or works) and (then := _THEN_CLOSED.search(sentence, pieces[i - 1].mention.end)) \
                    and (i == len(pieces) or pieces[i].mention.start > then.start()):
                # "5月12日上午…将举行健步走活动,届时人民大道…实行交通管制": the event and, for
                # residents who drive there, the closure it brings; works ("…对DN1000给水管道实施
                # 迁建,届时九龙坡区部分区域将停水") are that closure, titled by it where it names a place
                titled = item.kind == "event" or find_place(then.group(1))
                closure = as_closure(item, **({"lo": then.start(1), "hi": then.start(1)} if titled else {}))
                items[-1:] = [item, closure] if item.kind == "event" else [closure]
    return items, anchor


def _latest_after(pieces: list[Piece]) -> list[date | None]:
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


def _opens(piece: Piece) -> bool:
    m = piece.mention
    return m.kind == "point" and ("open_start" in m.markers or (
        m.first.date is not None and m.first.date.rel == "即日"))


def _closing_partner(sentence: str, pieces: list[Piece], i: int) -> int | None:
    """'即日起…截止至12月25日', '10月17日起暂停…24日恢复': an open start closed later on;
    '将于5月1日推出…展览将持续至6月30日': a start whose span is given later."""
    first = pieces[i].mention
    opens = _opens(pieces[i])
    if first.markers & _NOT_ITEMS or not opens and not (first.kind == "point" and not first.markers & _ENDING):
        return None
    if not opens and (_SAID_THEN.match(sentence, first.end) or DEED_DAYS.match(sentence, first.end)):
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
                or j == i + 1 and "until" in m.markers and _LASTS.search(sentence, first.end, m.start)
                # "工程将于今天晚上动工,预计6月29日结束": works begun one day and ended another
                or j == i + 1 and "due" in m.markers and _works_span(sentence, first, m)):
            return j
        if _opens(pieces[j]):
            if not (opens and first.first.time is not None and m.first.date is None and stages < 4):
                return None
            stages += 1  # "由当天下午3时半起…傍晚5时和7时起…直至约晚上11时45分": stages of one closure
    return None


def _works_span(sentence: str, first: Mention, last: Mention) -> bool:
    """"工程将于6月15日动工,预计6月29日结束": works begun on one date and ended on another."""
    return bool(_BEGUN.match(sentence, first.end)) and bool(_SPAN_ENDS.match(sentence, last.end) or _FINISHED.match(sentence, last.end))


def _joined(sentence: str, first: Piece, last: Piece, published: date, frame: Frame) -> Item | None:
    markers = (first.mention.markers | last.mention.markers) - {"open_start"}
    if _works_span(sentence, first.mention, last.mention):
        markers -= {"due"}  # works begun one day and ended another: a span, not a due date
    spans = [(first.mention.start, first.mention.end), (last.mention.start, last.mention.end)]
    if "finish" in last.mention.markers:
        # "7月28日封闭,8月15日完工": the 完工 that ends the span is not a report of finished works
        finish = _FINISHED.match(sentence, last.mention.end)
        if finish:
            sentence = sentence[:finish.start()] + " " * (finish.end() - finish.start()) + sentence[finish.end():]
    verdict, _ = kind_of(sentence, spans, markers, frame)
    if verdict.kind == "deadline" and "due" in markers \
            and ("open_start" in first.mention.markers or _STARTS_THEN.match(sentence, first.mention.end)) \
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
        end = before_reopening(end)
    # a deadline is named where its due date is; anything else where it begins
    lo, hi = spans[1] if verdict.kind == "deadline" else spans[0]
    return dated(verdict, first.span.start, end, lo, hi, published)


def _single(sentence: str, piece: Piece, published: date, frame: Frame, in_turn: bool = False,
            first: bool = False) -> Item | None:
    m = piece.mention
    if m.markers & _NOT_ITEMS:
        return None
    if "open_start" in m.markers and _back_to_normal_beside(sentence, m, frame):
        return None  # a table's "10月8日起 / 正常开馆": the end of a closure said again
    if "open_start" in m.markers and _BACK_TO_NORMAL.match(sentence, m.end):
        # "1月24日起正常开馆", "自7月1日起,所有业务将恢复正常": the end of a closure, said again or
        # said only here (spans.py closes the suspension it ends, or drops it)
        m.markers.add("reopen")
    if "from" in m.markers and "open_start" not in m.markers and _RESUMES_LATER.match(sentence, m.end):
        # "自1月23日(初二)所有线路首末班发车时间恢复正常": a reopening, said with its subject first
        m.markers.add("reopen")
    stop = "reopen" in m.markers and (closed_now(sentence[:m.start], frame.said_before)
                                      or first and undated_stop(sentence[:m.start]))
    if stop:
        # (or the stop said, undated, in the sentence: "…用户停水或降压供水,预计今天(2.4)22点左右…恢复供水")
        # "游泳池现已暂时关闭。…将于明日(20日)上午6时30分重开": closed from now until then
        m.markers.add("closed_now")
    verdict, framing = kind_of(sentence, [(m.start, m.end)], m.markers, frame)
    if verdict.kind is None:
        return None
    if m.kind == "point" and m.first.date is not None and m.first.date.part and verdict.kind != "deadline" \
            and not m.markers & (_ENDING | {"open_start"}):
        return None  # "8月底9月初,大部分院校将迎来新生": a part of a month is no day, unless it bounds something
    item = dated_single(sentence, piece, verdict, published, in_turn)
    if item is not None and framing:
        item.framing = framing
    if item is not None and CLOSED_NOW in item.notes:
        item.stop = stop
    return item


def _back_to_normal_beside(sentence: str, m: Mention, frame: Frame) -> bool:
    """A table's date cell "10月8日起" whose row goes on "正常开馆(下午时间调整为…)": the same end of a
    closure, said over two cells (the row's other cells are the first of its contexts)."""
    rest = sentence[m.end:].strip()
    return rest in ("起", "开始") and bool(frame.contexts) and bool(_BACK_TO_NORMAL.match(rest + frame.contexts[0]))
