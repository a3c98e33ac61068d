"""A place's page and feed: the seed page's two Longyuan Road closures under 龙源路 and nothing else,
a junction under both its roads, another road that holds the name (新龙源路) kept apart, the index
of places, and clear refusals."""
from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import quote

import icalendar
import pytest


T0 = datetime(2022, 10, 18, 1, 0, tzinfo=UTC)
NEW_LONGYUAN = dict(uid="new@test", title="新龙源路半幅封闭", location="新龙源路", start=date(2022, 10, 20),
                    end=date(2022, 10, 30))
JUNCTION = dict(uid="junction@test", title="山阳路龙源路口改造", location="山阳路龙源路口",
                start=date(2022, 10, 25), end=date(2022, 11, 5))


def uids(body: bytes) -> dict[str, str]:
    return {str(e["UID"]): str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def test_the_longyuan_road_feed_holds_both_seed_closures_and_nothing_else(client, seed, ics_check):
    response = client.get("/places/" + quote("龙源路") + ".ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    summaries = sorted(uids(response.data).values())
    assert summaries == ["【封闭】龙源路与山阳路交叉口东侧机动车道半幅封闭施工",
                         "【封闭】龙源路与民主路交叉口东侧机动车道及慢车道封闭盾构顶进施工"]
    assert "X-WR-CALNAME:公告日历 · 龙源路\r\n" in response.get_data(as_text=True)
    ics_check(response.data)


def test_a_junction_is_under_both_roads_and_another_road_stays_apart(client, seed, publish):
    publish("made.txt", NEW_LONGYUAN, JUNCTION, now=T0)
    longyuan = uids(client.get("/places/龙源路.ics").data)
    assert "junction@test" in longyuan and "new@test" not in longyuan and len(longyuan) == 3
    assert set(uids(client.get("/places/山阳路.ics").data)) >= {"junction@test"}
    assert set(uids(client.get("/places/新龙源路.ics").data)) == {"new@test"}


def test_the_place_page_lists_what_is_current_there_with_its_feed(client, seed):
    page = client.get("/places/龙源路").get_data(as_text=True)
    assert "<h1>龙源路</h1>" in page and "即将开始的事项 2 项" in page
    assert "龙源路与山阳路交叉口东侧机动车道半幅封闭施工" in page and "集中缴费" not in page
    assert 'href="webcal://calendar.example.cn/places/%E9%BE%99%E6%BA%90%E8%B7%AF.ics"' in page
    assert client.get("/places/龙源路口").headers["Location"] == "/places/%E9%BE%99%E6%BA%90%E8%B7%AF"


def test_the_index_names_the_places_of_current_items(client, seed):
    page = client.get("/places").get_data(as_text=True)
    for road, n in (("龙源路", 2), ("山阳路", 1), ("民主路", 1)):
        assert f'{road} <span class="n">{n}</span>' in page


@pytest.mark.parametrize("path", ["/places/医保中心", "/places/路", "/places/龙源路与山阳路"])
def test_what_is_not_one_place_is_a_clear_404(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 404 and "没有这个地名" in response.get_data(as_text=True)
    assert client.get(path + ".ics").status_code == 404
