"""Rendered once per event version (issue 15): ``prerender`` (when a version is stored) followed by
``finish`` (per feed: the link, the alarm) writes exactly the bytes ``render_vevent`` writes."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_service import ics
from calendar_service.ics import FeedOptions, finish, prerender, render_calendar, render_vevent, trigger_lines

TZ = ZoneInfo("Asia/Shanghai")
MODIFIED = datetime(2022, 10, 18, 1, 2, 3, tzinfo=timezone.utc)
LINKS = ("http://127.0.0.1:8000/events/a@calendar-service", "https://例子.中国/城市/events/a,b;c",
         "http://localhost/" + "x" * 150, "http://h/back\\slash^caret")


def version(**fields):
    values = dict(uid="a@calendar-service", kind="closure", title="龙源路与山阳路交叉口半幅封闭施工",
                  start=date(2022, 10, 18), end=date(2023, 1, 1), all_day=True, location="龙源路与山阳路交叉口",
                  description="", source_text="", sequence=0, status="confirmed", created=MODIFIED,
                  last_modified=MODIFIED)
    values.update(fields)
    return SimpleNamespace(**values)


def both_ways(ev, link: str, lead: timedelta | None, at: time = ics.ALARM_TIME) -> tuple[bytes, bytes]:
    whole = render_vevent(ev, FeedOptions(alarm=lead, alarm_time=at, event_url=lambda _: link))
    return whole, finish(prerender(ev), link, trigger_lines(lead, at))


def test_a_link_after_a_last_line_of_70_octets_breaks_after_four_characters():
    # a folded line holds 74 octets (the fold's leading space aside): 70 + "http", then the rest
    assert ics._fold_on(b"x" * 70, b"http://h/e/1") == b"x" * 70 + b"http\r\n ://h/e/1"
    # 24 Chinese characters are 72 octets: two ASCII characters still fit
    assert ics._fold_on("字".encode() * 24, b"abc") == "字".encode() * 24 + b"ab\r\n c"
    assert ics._fold_on(b"URL:", b"y" * 150) == b"URL:" + b"y" * 70 + b"\r\n " + b"y" * 74 + b"\r\n " + b"y" * 6


def test_the_stored_bytes_leave_the_link_and_the_alarm_lead_open():
    stored = prerender(version())
    assert stored.count(ics.LINK.encode()) == 2 and b"URL:\x1f\r\n" in stored
    assert b"TRIGGER:-PT1M\r\n" in stored


def test_finished_bytes_are_the_whole_rendering_for_every_link_and_alarm():
    events = [version(), version(kind="deadline", start=date(2022, 10, 17), end=date(2022, 12, 25)),
              version(kind="service_change", end=None, description="暂停线下服务，" * 30),
              version(all_day=False, kind="event", start=datetime(2022, 9, 15, 9, tzinfo=TZ),
                      end=datetime(2022, 9, 16, 17, tzinfo=TZ), source_text="教学技能大赛于9月15日举行"),
              version(status="cancelled")]
    for ev in events:
        for link in LINKS:
            for lead in (None, timedelta(days=1), timedelta(hours=2, minutes=30)):
                for at in (ics.ALARM_TIME, time(7, 30)):  # all-day items ring at a time of day
                    whole, finished = both_ways(ev, link, lead, at)
                    assert finished == whole, (ev, link, lead, at)


def test_a_cancelled_event_gets_no_alarm():
    whole, finished = both_ways(version(status="cancelled"), LINKS[0], timedelta(days=1))
    assert b"VALARM" not in finished and finished == whole


def test_an_event_without_a_date_is_not_stored_rendered():
    assert prerender(version(start=None, end=None)) is None


# no lone surrogates: text reaches the store decoded from bytes, which cannot hold them
texts = st.text(alphabet=st.sampled_from("龙源路施工，;\\^ab, \n\r\t\x1fé🙂") | st.characters(exclude_categories=("Cs",)),
                max_size=200)


@settings(max_examples=150, deadline=None)
@given(title=texts, description=texts, location=texts, source=texts,
       link=st.sampled_from(LINKS) | st.text(alphabet="abc/:,;\\^.", min_size=1, max_size=120).map("http://".__add__),
       lead=st.sampled_from([None, timedelta(minutes=5), timedelta(days=3)]))
def test_any_text_gives_the_same_bytes_both_ways(title, description, location, source, link, lead):
    ev = version(title=title or "t", description=description, location=location, source_text=source)
    stored = prerender(ev)
    whole = render_vevent(ev, FeedOptions(alarm=lead, event_url=lambda _: link))
    if stored is None:  # the text held the link's stand-in after all: such an event is rendered whole
        return
    assert finish(stored, link, trigger_lines(lead)) == whole


def test_a_feed_of_finished_events_passes_every_parser(ics_check):
    events = [version(uid=f"{n}@x", title=f"第{n}号事项", start=date(2022, 10, 18) + timedelta(days=n),
                      end=date(2022, 10, 20) + timedelta(days=n), description="说明；逗号，\\反斜杠" * n)
              for n in range(6)]
    stored = {ev.uid: prerender(ev) for ev in events}
    trigger = trigger_lines(timedelta(days=1))
    options = FeedOptions(alarm=timedelta(days=1), event_url=lambda e: f"http://127.0.0.1/events/{e.uid}")
    body = render_calendar(events, options, render_event=lambda e, o: finish(stored[e.uid], o.event_url(e), trigger))
    assert body == render_calendar(events, options)
    ics_check(body)
