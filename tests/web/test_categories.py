"""Categories on the public side: a feed per category, the home page's filter with counts, the
label on an item and its page, and a reminder's subject led by the category (【停电提醒】)."""
from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest

from reminders_support import CONFIRMED, run, subscribe, utc

T0 = datetime(2022, 10, 18, 1, 0, tzinfo=UTC)
ROAD = dict(uid="road@test", title="龙源路与山阳路交叉口半幅封闭施工", location="龙源路与山阳路交叉口",
            category="road", start=date(2022, 10, 18), end=date(2023, 1, 1))
WATER = dict(uid="water@test", title="城区部分区域停水", category="water", start=date(2022, 10, 20),
             end=date(2022, 10, 20))
POWER = dict(uid="power@test", kind="service_change", title="10千伏西关线停电检修", category="power",
             start=date(2022, 10, 21), end=date(2022, 10, 21))
FEES = dict(uid="fees@test", kind="deadline", title="城乡居民医保集中缴费", category="fees",
            start=date(2022, 10, 17), end=date(2022, 12, 25))


@pytest.fixture
def seeded(publish):
    publish("n.txt", ROAD, WATER, POWER, FEES, now=T0)


def uids(body: bytes) -> set[str]:
    return {str(e["UID"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def test_a_category_feed_holds_that_category_only(client, seeded, ics_check):
    response = client.get("/calendars/category/water.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert uids(response.data) == {"water@test"}
    assert "X-WR-CALNAME:公告日历 · 供水\r\n" in response.get_data(as_text=True)
    assert uids(client.get("/calendars/category/power.ics").data) == {"power@test"}
    assert uids(client.get("/calendars/category/fees.ics?kind=deadline").data) == {"fees@test"}
    assert uids(client.get("/calendars/category/fees.ics?kind=closure").data) == set()
    assert uids(client.get("/calendars/category/road.ics?q=山阳路").data) == {"road@test"}
    ics_check(response.data)


def test_a_category_feed_refuses_what_is_not_a_category(client, seeded):
    assert client.get("/calendars/category/weather.ics").status_code == 404
    assert client.get("/calendars/category/water.ics?kind=storm").status_code == 400
    assert client.get("/?category=weather").status_code == 400


def test_the_home_page_filters_by_category_and_counts_each(client, seeded):
    page = client.get("/").get_data(as_text=True)
    # four current items, one in each category: a chip per category with its count, no chip for others
    assert "所有类别 <span class=\"n\">4</span>" in page
    for category, label in (("road", "道路"), ("water", "停水"), ("power", "停电"), ("fees", "缴费")):
        assert f'cat-{category}" href="/?category={category}">{label} <span class="n">1</span>' in page
    assert "cat-gas" not in page
    water = client.get("/?category=water").get_data(as_text=True)
    assert "城区部分区域停水" in water and "西关线" not in water and "龙源路" not in water.split("<main")[1]
    assert "类别：供水" in water and "/calendars/category/water.ics" in water


def test_an_item_and_its_page_show_the_category(client, seeded):
    assert '<span class="cat cat-power">停电</span>' in client.get("/").get_data(as_text=True)
    page = client.get("/events/power@test").get_data(as_text=True)
    assert '<dt>类别</dt><dd><span class="cat cat-power">供电</span></dd>' in page
    assert "/calendars/category/power.ics" in page


def test_a_reminder_subject_leads_with_the_category(mail_app, publish, smtp):
    publish("n.txt", POWER)
    subscribe(mail_app.extensions["calendar_db"], "resident@example.cn", CONFIRMED, lead_days=[1])
    assert run(mail_app, utc(2022, 10, 20, 1, 0)).sent == 1  # 09:00 in Shanghai the day before
    (received,) = smtp.messages
    assert str(received.message["Subject"]).startswith("【停电提醒】10千伏西关线停电检修")
