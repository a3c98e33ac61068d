"""calendar_service.feeds: events -> .ics bytes, checked with the real ics-check parsers."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar
import pytest

from calendar_service.extract.events import ExtractedEvent, Kind, SourceRef
from calendar_service.ics import FeedOptions, newest_modification, parse_alarm, render_calendar

TZ = ZoneInfo("Asia/Shanghai")
MODIFIED = datetime(2022, 10, 18, 1, 2, 3, tzinfo=timezone.utc)
HOSTILE = "龙源路\r\n封闭;施工,\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\nSUMMARY:injected"
LONG_DESCRIPTION = (
    "因城市道路改造需要，龙源路与山阳路交叉口自2022年10月18日起至2023年1月1日实行半幅封闭施工，"
    "过往车辆及行人请提前规划出行路线，按现场交通标志绕行；公交线路临时调整，具体以公交公司公告为准。"
) * 6


def row(**fields):
    """A store-row-like object (duck-typed like the store's Event)."""
    values = dict(
        uid="a@calendar-service", kind="closure", title="龙源路与山阳路交叉口半幅封闭施工",
        start=date(2022, 10, 18), end=date(2023, 1, 1), all_day=True, location="龙源路与山阳路交叉口",
        description="", source_text="", sequence=0, status="confirmed",
        created=MODIFIED, last_modified=MODIFIED,
    )
    values.update(fields)
    return SimpleNamespace(**values)


def parse(body: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def test_it_writes_the_calendar_properties_subscribers_rely_on():
    body = render_calendar([row()], FeedOptions(name="焦作公告 · 封闭", refresh=timedelta(hours=3)))
    text = body.decode()
    assert "\r\nX-WR-CALNAME:焦作公告 · 封闭\r\n" in text
    assert "\r\nNAME:焦作公告 · 封闭\r\n" in text
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT3H\r\n" in text
    assert "\r\nX-PUBLISHED-TTL:PT3H\r\n" in text
    assert "METHOD" not in text  # PUBLISH without ORGANIZER is a lint warning; a plain feed omits it
    assert body.endswith(b"END:VCALENDAR\r\n")


def test_it_writes_all_day_items_with_an_exclusive_end():
    (event,) = parse(render_calendar([row()]))
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTSTART") == date(2022, 10, 18)
    assert event.decoded("DTEND") == date(2023, 1, 2)


def test_it_adds_a_vtimezone_only_for_timed_events():
    all_day = render_calendar([row()])
    assert b"VTIMEZONE" not in all_day
    timed = render_calendar([row(start=datetime(2022, 10, 20, 9, tzinfo=TZ),
                                 end=datetime(2022, 10, 20, 11, 30, tzinfo=TZ), all_day=False)])
    assert b"BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n" in timed
    assert b"DTSTART;TZID=Asia/Shanghai:20221020T090000\r\n" in timed
    assert b"DTEND;TZID=Asia/Shanghai:20221020T113000\r\n" in timed


def test_it_shows_a_deadline_on_its_due_date():
    (event,) = parse(render_calendar([row(kind="deadline", title="医保集中缴费",
                                          start=date(2022, 10, 18), end=date(2022, 12, 25))]))
    assert event.decoded("DTSTART") == date(2022, 12, 25)
    assert event.decoded("DTEND") == date(2022, 12, 26)
    assert str(event["SUMMARY"]) == "【截止】医保集中缴费"
    assert "办理期：2022-10-18 至 2022-12-25" in str(event["DESCRIPTION"])


def test_it_shows_an_open_ended_change_on_its_first_day():
    (event,) = parse(render_calendar([row(kind="service_change", title="医保服务大厅暂停线下服务",
                                          start=date(2022, 10, 17), end=None)]))
    assert event.decoded("DTSTART") == date(2022, 10, 17)
    assert event.decoded("DTEND") == date(2022, 10, 18)
    assert str(event["SUMMARY"]) == "【服务调整】医保服务大厅暂停线下服务（起）"
    assert "未公布结束日期" in str(event["DESCRIPTION"])


def test_it_leaves_out_items_without_any_date():
    assert len(parse(render_calendar([row(start=None, end=None), row(uid="b@x")]))) == 1


def test_it_keeps_bytes_and_dtstamp_stable_for_unchanged_events():
    events = [row(), row(uid="b@x", start=date(2022, 11, 1), end=date(2022, 11, 2))]
    assert render_calendar(events) == render_calendar(list(reversed(events)))
    (first, _) = parse(render_calendar(events))
    assert first.decoded("DTSTAMP") == MODIFIED
    assert first.decoded("LAST-MODIFIED") == MODIFIED


def test_it_marks_cancelled_events_and_gives_them_no_alarm():
    body = render_calendar([row(status="cancelled", sequence=2)], FeedOptions(alarm=timedelta(days=1)))
    (event,) = parse(body)
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 2
    assert b"VALARM" not in body


def test_it_adds_an_alarm_only_on_request():
    assert b"VALARM" not in render_calendar([row()])
    body = render_calendar([row()], FeedOptions(alarm=timedelta(days=1)))
    # all-day: 09:00 the day before is 15 hours before the day's midnight
    assert b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n" in body and b"TRIGGER:-PT15H\r\n" in body


def test_it_links_back_to_the_event_page():
    options = FeedOptions(event_url=lambda e: f"https://example.cn/events/{e.uid}")
    (event,) = parse(render_calendar([row(source_text="自2022年10月18日至2023年1月1日封闭")], options))
    assert str(event["URL"]) == "https://example.cn/events/a@calendar-service"
    description = str(event["DESCRIPTION"])
    assert "原文：自2022年10月18日至2023年1月1日封闭" in description
    assert description.endswith("详情：https://example.cn/events/a@calendar-service")


def test_it_accepts_extracted_events():
    extracted = ExtractedEvent(
        uid="x@calendar-service", kind=Kind.PERIOD, title="医保待遇享受期", start=date(2023, 1, 1),
        end=date(2023, 12, 31), all_day=True, location=None, description="",
        confidence=0.9, source=SourceRef(file="n.txt", text="享受期为2023年1月1日至12月31日", start=0, end=10),
    )
    (event,) = parse(render_calendar([extracted]))
    assert event.decoded("DTEND") == date(2024, 1, 1)
    assert "原文：享受期为2023年1月1日至12月31日" in str(event["DESCRIPTION"])


@pytest.mark.parametrize("text, lead", [
    ("1d", timedelta(days=1)), ("2h", timedelta(hours=2)), ("1d12h", timedelta(days=1, hours=12)),
    ("30m", timedelta(minutes=30)), ("1w", timedelta(weeks=1)), (" 1D ", timedelta(days=1)),
])
def test_parse_alarm(text, lead):
    assert parse_alarm(text) == lead


@pytest.mark.parametrize("text", ["", "0d", "5w", "1x", "-1d", "d", "1d 2h", "PT1H"])
def test_parse_alarm_rejects(text):
    with pytest.raises(ValueError):
        parse_alarm(text)


def test_newest_modification():
    later = MODIFIED + timedelta(days=3)
    assert newest_modification([row(), row(last_modified=later)]) == later
    assert newest_modification([]) is None


def test_issue_4_hostile_title_is_not_injected(ics_check):
    events = [row(title=HOSTILE, location="山阳路;龙源路,交叉口\r\nX", description=HOSTILE)]
    body = render_calendar(events)
    parsed = parse(body)
    assert len(parsed) == 1
    assert str(parsed[0]["UID"]) == "a@calendar-service"
    assert str(parsed[0]["SUMMARY"]) == "【封闭】龙源路 封闭;施工, END:VEVENT BEGIN:VEVENT UID:evil SUMMARY:injected"
    assert str(parsed[0]["LOCATION"]) == "山阳路;龙源路,交叉口 X"
    assert body.split(b"\r\n").count(b"BEGIN:VEVENT") == 1
    assert body.split(b"\r\n").count(b"END:VEVENT") == 1
    ics_check(body)


def test_issue_4_long_chinese_description_folds_on_characters(ics_check):
    events = [row(description=LONG_DESCRIPTION, title="龙源路与山阳路交叉口半幅封闭施工" * 4)]
    body = render_calendar(events)
    for line in body.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # every physical line is whole UTF-8: no character split at a fold
    (event,) = parse(body)
    assert str(event["DESCRIPTION"]).startswith(LONG_DESCRIPTION)
    ics_check(body)


def test_a_mixed_feed_passes_every_parser(ics_check):
    events = [
        row(),
        row(uid="b@x", kind="deadline", title="医保集中缴费", start=date(2022, 10, 18), end=date(2022, 12, 25)),
        row(uid="c@x", kind="service_change", title="医保服务大厅", start=date(2022, 10, 17), end=None),
        row(uid="d@x", kind="event", title="教学技能大赛", start=datetime(2022, 9, 15, 9, tzinfo=TZ),
            end=datetime(2022, 9, 16, 17, tzinfo=TZ), all_day=False, status="cancelled", sequence=1),
        row(uid="e@x", kind="deadline", title="报名截止", start=None,
            end=datetime(2022, 10, 30, 17, tzinfo=TZ), all_day=False),
        row(uid="f@x", kind="period", title="医保待遇享受期", start=date(2023, 1, 1), end=date(2023, 12, 31)),
    ]
    ics_check(render_calendar(events, FeedOptions(alarm=timedelta(days=1),
                                                  event_url=lambda e: f"http://127.0.0.1/events/{e.uid}")))


def test_an_edited_event_updates_in_place(ics_diff):
    old = [row(), row(uid="b@x", title="医保服务大厅", start=date(2022, 10, 17), end=None)]
    later = MODIFIED + timedelta(days=1)
    new = [row(end=date(2023, 1, 15), sequence=1, last_modified=later), old[1]]
    ics_diff(render_calendar(old), render_calendar(new))
