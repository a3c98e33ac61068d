"""One item said several times in a notice becomes one event.

Notices restate: the lead gives the span ("10月3日、4日分片区停电"), the table the hours of each
area; a headline's "8月16日起封闭施工" is the body's "施工时间:8月16日至9月26日"; a window
"3月1日至6月30日" comes back as "请于6月30日前办理". The most specific saying is kept. Two subjects
on the same days stay two items (two roads closed on the same night are two closures).
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from .assemble import Found
from .items import ASSUMED_START, REOPENS
from .places import same_place
from .resolve import END_OF_DAY


def restatements_dropped(found: list[Found]) -> list[Found]:
    found = _early_starts_run_on(_open_starts_closed(_breaks_run_to_return(found)))
    found = _extended_from_old_end(found)
    _days_open_in_a_break(found)
    kept = [f for f in _same_days(found)]
    kept = [f for f in kept if not _umbrella(f, kept)]
    kept = [f for f in kept if not _open_restart(f, kept)]
    kept = [f for f in kept if not _first_day_said(f, kept)]
    kept = [f for f in kept if not _back_after_break(f, kept)]
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


_BACK_REFERENCE = re.compile(r"该|此|上述|以上|这一|这项|本次|届时")
_NEAR = 12
_EXTENDED = re.compile(r"延期至|延长至|推迟至|顺延至|延至")
_UNTIL = re.compile(r"\s*(?:为止|止|结束|截止)")
_OPEN_KINDS = {"closure", "service_change", "period"}


def _open_starts_closed(found: list[Found]) -> list[Found]:
    """'从5月1日起…实行夏季作息时间' then '该作息时间到9月30日为止'; '7月21日起暂停开放' then
    '7月25日恢复开放': a start and its end in different sentences are one item. What only says
    an end (a reopening, an "until") and closes nothing is not an item of its own."""
    out: list[Found] = []
    for f in found:
        closing = REOPENS in f.item.notes or ASSUMED_START in f.item.notes or f.item.start is None
        if closing:
            # the start it closes is near: the last few items, not the whole notice
            opener = next((o for o in reversed(out[-_NEAR:]) if _closes(o, f)), None)
            if opener is not None:
                _close(opener, f.item.end)
                continue
            if REOPENS in f.item.notes:
                if out or "正常" in f.sentence.text:
                    continue  # "1月26日起恢复正常" after "1月21日至25日闭馆": the end said again
                # "上海迪士尼6月10日起恢复运营": news that a service resumes, from that day on
                f.item.start, f.item.end = _reopening(f.item.end), None
                f.item.kind = "service_change"
                f.item.notes.remove(REOPENS)
        out.append(f)
    return out


# "1月12日正式放假,3月3日至4日返校报到": a school's break begins on a day and lasts until pupils
# are back, which the same sentence says
_BREAK_BEGINS = re.compile(r"\s*(?:\([^)]{0,8}\))?\s*(?:正式|开始)?放(?:寒|暑)?假")
_BACK = re.compile(r"\s*(?:\([^)]{0,8}\))?\s*(?:正式|集中)?(?:返校|开学|报到|注册|上课|复课|返岗|上班)")
_TERM_BREAK = re.compile(r"寒假|暑假")


def _breaks_run_to_return(found: list[Found]) -> list[Found]:
    for n, f in enumerate(found):
        item = f.item
        if item.kind != "event" or not item.all_day or item.start is None or item.end != item.start \
                or not _BREAK_BEGINS.match(f.sentence.text, item.hi):
            continue
        back = next((g for g in found[n + 1:] if g.sentence is f.sentence and g.item.start is not None
                     and day(g.item.start) > item.start and _BACK.match(g.sentence.text, g.item.hi)), None)
        if back is None:
            continue
        item.end = day(back.item.start) - timedelta(days=1)
        term = _TERM_BREAK.search(f.section or "")
        if term and term.group() not in f.clause:
            # "寒假假期安排" heads "学生:1月12日正式放假": the pupils' winter break
            f.clause = f.clause.replace("放假", f"放{term.group()}", 1)
    return found


_BACK_FROM = re.compile(r"\s*(?:\([^)]{0,8}\))?\s*起?\s*(?:正式|集中)?(?:返校|开学|上课|复课|返岗|上班)")


def _back_after_break(a: Found, found: list[Found]) -> bool:
    """'1月3日至2月23日放假,2月24日起正式上班': the day work resumes is the break's end said again."""
    item = a.item
    if item.kind != "event" or item.end is not None or item.start is None \
            or not _BACK_FROM.match(a.sentence.text, item.hi):
        return False
    return any(b is not a and b.item.kind == "event" and b.item.end is not None
               and day(b.item.end) + timedelta(days=1) == day(item.start) for b in found)


def _extended_from_old_end(found: list[Found]) -> list[Found]:
    """'本市供暖期停热时间为3月15日零时' then '供暖期延长至2023年3月18日零时' (published the 14th):
    the extension runs from the old end, which is no item of its own."""
    old_ends = set()
    for f in found:
        item = f.item
        if ASSUMED_START not in item.notes or item.end is None or not _EXTENDED.search(f.sentence.text):
            continue
        old = next((g for g in found if g is not f and g.item.kind == item.kind and g.item.all_day
                    and g.item.start is not None and day(g.item.start) == day(g.item.end)
                    and day(item.start) < day(g.item.start) < day(item.end)), None)
        if old is not None:
            item.start = old.item.start if item.all_day else datetime.combine(
                old.item.start, time(0, 0), tzinfo=item.end.tzinfo)
            item.notes.remove(ASSUMED_START)
            old_ends.add(id(old))
    return [f for f in found if id(f) not in old_ends]


_OPEN_AS_USUAL = re.compile(r"正常(?:对外)?(?:提供服务|服务|办公|开放|营业|办理|接待|开馆|上班)")


def _days_open_in_a_break(found: list[Found]) -> None:
    """'9月29日至10月6日放假' then '10月1日…出入境窗口正常对外提供服务': a day of service inside
    the days off is that day's opening, not a change from that day on."""
    breaks = [f for f in found if f.item.start is not None and f.item.end is not None
              and day(f.item.end) > day(f.item.start)]
    for f in found:
        item = f.item
        if item.kind != "service_change" or item.end is not None or item.start is None \
                or not _OPEN_AS_USUAL.search(f.sentence.text, item.hi):
            continue
        if any(b is not f and day(b.item.start) <= day(item.start) <= day(b.item.end) for b in breaks):
            item.kind, item.end = "event", item.start


_EARLY = re.compile(r"提前")
_EARLY_BY = timedelta(days=31)


def _early_starts_run_on(found: list[Found]) -> list[Found]:
    """'供热期为当年10月25日至次年4月10日' then '决定于10月18日提前…开栓供热': a period started early
    runs to the period's end."""
    periods = [f for f in found if f.item.kind == "period" and f.item.start is not None and f.item.end is not None]
    for f in found:
        if f.item.end is not None or f.item.start is None or not _EARLY.search(f.sentence.text):
            continue
        later = [p for p in periods if timedelta(0) < day(p.item.start) - day(f.item.start) <= _EARLY_BY]
        if later:
            _close(f, later[0].item.end)
    return found


def _reopening(end):
    """The moment a service resumes, from the last closed day or moment before it."""
    if isinstance(end, datetime):
        return end
    return end + timedelta(days=1)


def _closes(opener: Found, closer: Found) -> bool:
    o, c = opener.item, closer.item
    if o.start is None or o.kind not in _OPEN_KINDS or c.end is None:
        return False
    if o.end is not None:
        # "原定11月19日恢复通车的路段,延期至2026年1月31日通车": an extension moves a stated end later
        return bool(_EXTENDED.search(closer.sentence.text)) and day(c.end) > day(o.end) \
            and o.kind in ("closure", "service_change")
    if day(c.end) < day(o.start):
        return False
    if REOPENS in c.notes:
        return o.kind in ("closure", "service_change")
    # an "until" closes an open start of the notice only where it points back to it ("该作息时间到
    # 9月30日为止"); a due date of its own ("基础热费9月20日前缴纳") closes nothing
    if c.start is None and REOPENS not in c.notes and not _UNTIL.match(closer.sentence.text, c.hi):
        return False
    return bool(_BACK_REFERENCE.search(closer.sentence.text)) and closer.sentence is not opener.sentence


def _close(opener: Found, end) -> None:
    """The opener ends where its closer says. A reopening at an hour ("10月11日8:00起正式恢复")
    keeps its hour: the days before it become moments from midnight of the first day."""
    item = opener.item
    if isinstance(item.start, datetime) and isinstance(end, datetime) and end < item.start:
        return  # a closer before the opener's own hour closes nothing (a misread, not an end)
    if not isinstance(item.start, datetime) and isinstance(end, datetime) and end.time() != time(0, 0):
        item.start = datetime.combine(item.start, time(0, 0), tzinfo=end.tzinfo)
    item.end = _like(end, item.start)
    item.all_day = isinstance(item.start, date) and not isinstance(item.start, datetime)


def _like(end, start):
    """An end in the form of its start: a day for an all-day start, a moment for a timed one."""
    if isinstance(start, datetime) and not isinstance(end, datetime):
        return datetime.combine(end, time(23, 59, 59), tzinfo=start.tzinfo)
    if not isinstance(start, datetime) and isinstance(end, datetime):
        return end.date()
    return end


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
    inside = [b for b in found if b is not a and b.item.kind == a.item.kind and b.element > a.element
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


def _open_restart(a: Found, found: list[Found]) -> bool:
    """'8月16日零时起将对连云港路进行封闭施工' beside '施工时间:8月16日至9月26日': an open start that
    a span of the same kind and first day closes."""
    if a.item.end is not None or a.item.start is None:
        return False
    return any(b is not a and b.item.kind == a.item.kind and b.item.start is not None and b.item.end is not None
               and day(b.item.start) == day(a.item.start) and not _other_place(a, b) for b in found)


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


def day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value
