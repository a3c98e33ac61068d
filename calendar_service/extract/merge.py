"""One item said several times in a notice becomes one event.

Notices restate: the lead gives the span ("10月3日、4日分片区停电"), the table the hours of each
area; a headline's "8月16日起封闭施工" is the body's "施工时间:8月16日至9月26日"; a window
"3月1日至6月30日" comes back as "请于6月30日前办理". The most specific saying is kept. Two subjects
on the same days stay two items (two roads closed on the same night are two closures).
"""
from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from .assemble import Found
from .chars import outside
from .classify import cue_hits
from .item_dates import ASSUMED_START
from .places import same_place
from .resolve import END_OF_DAY
from .spans import BACK, close, day, spans_joined
from .stops import works_in


def restatements_dropped(found: list[Found]) -> list[Found]:
    kept = [f for f in _same_days(spans_joined(found))]
    kept = [f for f in kept if not _umbrella(f, kept)]
    kept = [f for f in kept if not _first_day_said(f, kept)]
    kept = [f for f in kept if not _back_after_break(f, kept)]
    kept = [f for f in kept if not _resumption_said_again(f, kept)]
    kept = _open_starts_run_on(kept)
    windows = {day(f.item.end): f for f in kept if f.item.kind == "deadline" and f.item.start is not None}
    ends_stated = {(f.item.kind, day(f.item.end)) for f in kept if ASSUMED_START not in f.item.notes}
    out = []
    for f in kept:
        if ASSUMED_START in f.item.notes and (f.item.kind, day(f.item.end)) in ends_stated:
            continue  # "有效期至6月30日" restates "过渡期为7月1日至6月30日"
        window = windows.get(day(f.item.end)) if f.item.kind == "deadline" and f.item.start is None else None
        if window is not None and not _elsewhere(window, f):
            # "请于7月16日17:30前反馈" restates "征集时间6月16日起至7月16日止" and says its hour
            if isinstance(f.item.end, datetime) and not isinstance(window.item.end, datetime):
                window.item.start = datetime.combine(window.item.start, time(0, 0), tzinfo=f.item.end.tzinfo)
                window.item.end, window.item.all_day = f.item.end, False
            continue
        out.append(f)
    return out


def _open_starts_run_on(found: list[Found]) -> list[Found]:
    """'自年三十下午5时起休馆,年初一至年初三休馆': a start with no end, then the same kind of item of
    the same subject from the next day, is one span that starts with the first and ends with the
    second ("…起暂停办理社保卡补换业务,6月11日至12日暂停办理医保报销业务" is two services)."""
    out: list[Found] = []
    for f in found:
        a = out[-1] if out else None
        if a is not None and a.item.end is None and a.item.start is not None and f.item.start is not None \
                and f.item.end is not None and f.item.kind == a.item.kind and f.sentence is a.sentence \
                and day(f.item.start) == day(a.item.start) + timedelta(days=1) and _same_subject(a, f):
            close(a, f.item.end)
            continue
        out.append(f)
    return out


def _same_subject(a: Found, b: Found) -> bool:
    """The same place, or what the two clauses say besides their deed is one said more or less
    fully ("停止营业" and "停业"; "暂停办理业务" and "暂停办理全部业务"; not "社保卡补换业务" and
    "医保报销业务")."""
    if a.place and b.place:
        return same_place(a.place, b.place)
    x, y = _object(a.clause), _object(b.clause)
    return x in y or y in x


def _object(clause: str) -> str:
    """A clause without its cue words: what the deed is done to."""
    return outside(clause, ((start, end) for start, end, _ in cue_hits(clause)))


def _back_after_break(a: Found, found: list[Found]) -> bool:
    """'1月3日至2月23日放假,2月24日起正式上班': the day work resumes is the break's end said again."""
    item = a.item
    if item.kind != "event" or item.end is not None or item.start is None \
            or not BACK.match(a.sentence.text, item.hi):
        return False
    return any(b is not a and b.item.kind == "event" and b.item.end is not None
               and day(b.item.end) + timedelta(days=1) == day(item.start) for b in found)


_RESUMES = re.compile(r"[^。;]{0,12}?恢复")


def _resumption_said_again(a: Found, found: list[Found]) -> bool:
    """'2019年8月26日8时,以上暂停业务恢复办理' below '暂停办理业务时间:8月21日20时至8月26日8时':
    the moment service resumes is the stop's end said again."""
    start = a.item.start
    if not isinstance(start, datetime) or not _RESUMES.match(a.sentence.text, a.item.hi):
        return False
    return any(b is not a and b.item.kind == a.item.kind and b.item.end == start
               and b.item.start is not None and b.item.start != start for b in found)


def _same_days(found: list[Found]) -> list[Found]:
    """Items of one kind on the same days are one item unless they name different places; the
    one with hours wins ("将于本周六举行" / "考试时间为11月4日9:00至11:30")."""
    best: dict[tuple, list[Found]] = {}
    for f in found:
        group = best.setdefault(_days(f), [])
        for n, current in enumerate(group):
            if not _elsewhere(current, f):
                if _more_specific(f, current):
                    group[n] = f
                break
        else:
            group.append(f)
    keep = {id(f) for group in best.values() for f in group}
    return [f for f in found if id(f) in keep]


def _more_specific(a: Found, b: Found) -> bool:
    return (not a.item.all_day, not _rest_of_day(a), a.place is not None) \
        > (not b.item.all_day, not _rest_of_day(b), b.place is not None)


def _rest_of_day(f: Found) -> bool:
    """A timed item whose end is only 'the end of that day' (起 with no end said)."""
    end = f.item.end
    return isinstance(end, datetime) and end.time() == END_OF_DAY


def _umbrella(a: Found, found: list[Found]) -> bool:
    """'计划于10月3日、4日分片区停电' over the table of each area's hours, '10月24日—11月11日对
    田安大桥等桥梁检测' over each bridge's nights: a span stated first that later, more specific
    items of its kind fall within says nothing they do not."""
    if not a.item.all_day or a.item.start is None or a.item.end is None or a.role not in ("paragraph", "lead"):
        return False
    # (works said first, "计划于11月9日至11月10日…实施迁改连通作业", span the stops they bring,
    # "施工期间,…将于11月9日23:00-11月10日4:00停水", said after them in the line or below it)
    works = a.item.kind in ("service_change", "period") and works_in(a.sentence.text)
    inside = [b for b in found if b is not a and (b.item.kind == a.item.kind or works and b.item.kind == "closure")
              and (b.element > a.element or works and b.element == a.element and b.sentence.start > a.sentence.start)
              and (a.place is None or a.place in _said(b) and not _other_place(a, b))
              and b.item.start is not None and b.item.end is not None
              and day(a.item.start) <= day(b.item.start) <= day(a.item.end) and _ends_within(b, a)
              and (not b.item.all_day or _days(b) != _days(a))]
    if not inside:
        return False
    # the details must say most of what the span says: a month-long fair with an opening night
    # inside it is two items, not one said twice
    span = (day(a.item.end) - day(a.item.start)).days + 1
    covered = set()
    for b in inside:
        first, last = day(b.item.start), day(b.item.end)
        covered.update(range((first - day(a.item.start)).days, (last - day(a.item.start)).days + 1))
    return len(covered) * 2 >= span


def _ends_within(b: Found, a: Found) -> bool:
    """b ends within a's days, or the morning after them: "明日停水" over "8月26日22:00至8月27日
    07:00" says the same night."""
    last = day(a.item.end)
    return day(b.item.end) <= last or not b.item.all_day and day(b.item.end) == last + timedelta(days=1) \
        and b.item.end.time() <= time(12, 0)


def _other_place(a: Found, b: Found) -> bool:
    """b is somewhere else than a (though its title may have borrowed a's name from a line above)."""
    return bool(a.place and b.place) and a.place not in b.place and b.place not in a.place


_SPANNING = {"period", "service_change", "closure"}  # kinds whose first day is the start of a span


def _first_day_said(a: Found, found: list[Found]) -> bool:
    """'确保10月10日按期供暖' beside '供热期为10月10日至次年4月10日', '10月5日0时原系统停机' beside
    '10月5日0时起…暂停…至10月11日8:00': the day a span begins, said again, is no item of one day."""
    if a.item.kind not in _SPANNING or not a.item.all_day or a.item.start is None or day(a.item.start) != day(a.item.end):
        return False
    return any(b is not a and b.item.kind == a.item.kind and b.item.start is not None and b.item.end is not None
               and day(b.item.start) == day(a.item.start) and day(b.item.end) > day(a.item.end)
               and not _elsewhere(a, b) for b in found)


def _said(f: Found) -> str:
    return " ".join(x for x in (f.place, f.subject, f.area, f.clause) if x)


def _days(f: Found) -> tuple:
    return f.item.kind, day(f.item.start), day(f.item.end)


def _elsewhere(a: Found, b: Found) -> bool:
    """Two different places on the same days, or two different hours of one day ("8:00-12:00" and
    "12:00-19:00"), are two items, not one said twice."""
    if not a.item.all_day and not b.item.all_day and (a.item.start, a.item.end) != (b.item.start, b.item.end) \
            and not (a.item.start == b.item.start and (_rest_of_day(a) or _rest_of_day(b))):
        # ("下午3时半起封路" and "下午3时半至晚上11时45分…封路": one closure, its end said once)
        return True
    if a.role == b.role == "item" and a.element != b.element and a.clause != b.clause:
        return True  # items three and six of a numbered list, both from one junction: two stretches
    return bool((wa := _who(a)) and (wb := _who(b)) and not same_place(wa, wb))


def _who(f: Found) -> str | None:
    """What an item is about: its place, else its row's or record's subject, else its heading."""
    return f.place or f.subject or f.area


