"""What a notice says of one item's span across its sentences.

An item's start and end are often said apart: "从5月1日起…" then "该作息时间到9月30日为止";
"7月21日起暂停开放" then "7月25日恢复开放"; a school's break from the day it begins to the day pupils
are back; heating started early (提前) running to the end of the heating period the notice states;
an extension (延长至…) running from the old end the notice states; a day of service inside the
days off. These join the sayings into one span before restatements are dropped (merge.py).
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from .assemble import Found
from .holidays import OPEN_AS_USUAL
from .item_dates import ASSUMED_START, REOPENS


def spans_joined(found: list[Found]) -> list[Found]:
    """The items with their starts and ends joined across sentences (those that only said an
    end, or an old end, dropped)."""
    found = _early_starts_run_on(_open_starts_closed(_breaks_run_to_return(found)))
    found = _extended_from_old_end(found)
    _days_open_in_a_break(found)
    return found


_BACK_REFERENCE = re.compile(r"该|此|上述|以上|这一|这项|本次|届时")
_NEAR = 12
_EXTENDED = re.compile(r"延期至|延长至|推迟至|顺延至|延至")
_UNTIL = re.compile(r"\s*(?:为止|止|结束|截止)")
_OPEN_KINDS = {"closure", "service_change", "period"}
_DAYS_OFF = re.compile(r"放假|休假|假期")  # a holiday before the day work resumes stays a holiday


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
                close(opener, f.item.end)
                continue
            if REOPENS in f.item.notes:
                if out or "正常" in f.sentence.text:
                    before = out[-1].item if out else None
                    if before is not None and before.kind in ("event", "period") and before.end is not None \
                            and day(before.end) == day(f.item.end) and not _DAYS_OFF.search(out[-1].sentence.text):
                        # "3月15日对沙池区进行护养工作" then "3月16日重新对外开放": closed that day
                        before.kind = "closure"
                    continue  # "1月26日起恢复正常" after "1月21日至25日闭馆": the end said again
                # "上海迪士尼6月10日起恢复运营": news that a service resumes, from that day on
                f.item.start, f.item.end = _reopening(f.item.end), None
                f.item.kind = "service_change"
                f.item.notes.remove(REOPENS)
        out.append(f)
    return out


# "1月12日正式放假,3月3日至4日返校报到": a school's break begins on a day and lasts until pupils
# are back, which the same sentence says
_BREAK_BEGINS = re.compile(r"\s*+(?:\([^)]{0,8}\))?\s*+(?:正式|开始)?放(?:寒|暑)?假")
# the day pupils or staff are back ("(星期四)起正式上班")
BACK = re.compile(r"\s*+(?:\([^)]{0,8}\))?\s*+起?\s*+(?:正式|集中)?(?:返校|开学|报到|注册|上课|复课|返岗|上班)")
_TERM_BREAK = re.compile(r"寒假|暑假")


def _breaks_run_to_return(found: list[Found]) -> list[Found]:
    for n, f in enumerate(found):
        item = f.item
        if item.kind != "event" or not item.all_day or item.start is None or item.end != item.start \
                or not _BREAK_BEGINS.match(f.sentence.text, item.hi):
            continue
        back = next((g for g in found[n + 1:] if g.sentence is f.sentence and g.item.start is not None
                     and day(g.item.start) > item.start and BACK.match(g.sentence.text, g.item.hi)), None)
        if back is None:
            continue
        item.end = day(back.item.start) - timedelta(days=1)
        term = _TERM_BREAK.search(f.section or "")
        if term and term.group() not in f.clause:
            # "寒假假期安排" heads "学生:1月12日正式放假": the pupils' winter break
            f.clause = f.clause.replace("放假", f"放{term.group()}", 1)
    return found


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




def _days_open_in_a_break(found: list[Found]) -> None:
    """'9月29日至10月6日放假' then '10月1日…出入境窗口正常对外提供服务': a day of service inside
    the days off is that day's opening, not a change from that day on."""
    breaks = [f for f in found if f.item.start is not None and f.item.end is not None
              and day(f.item.end) > day(f.item.start)]
    for f in found:
        item = f.item
        if item.kind != "service_change" or item.end is not None or item.start is None \
                or not OPEN_AS_USUAL.search(f.sentence.text, item.hi):
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
            close(f, later[0].item.end)
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
        # (a due date put off, "缴纳期限延长至3月15日", extends no suspension beside it)
        return bool(_EXTENDED.search(closer.sentence.text)) and day(c.end) > day(o.end) \
            and o.kind in ("closure", "service_change") and c.kind != "deadline"
    if day(c.end) < day(o.start):
        return False
    if REOPENS in c.notes:
        return o.kind in ("closure", "service_change")
    # an "until" closes an open start of the notice only where it points back to it ("该作息时间到
    # 9月30日为止"); a due date of its own ("基础热费9月20日前缴纳") closes nothing
    if c.start is None and REOPENS not in c.notes and not _UNTIL.match(closer.sentence.text, c.hi):
        return False
    return bool(_BACK_REFERENCE.search(closer.sentence.text)) and closer.sentence is not opener.sentence


def close(opener: Found, end) -> None:
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


def day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value
