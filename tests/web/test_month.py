"""The month view over HTTP: bars linking to events, today marked, the category filter, the
month's list, and clear refusals of months that are not one."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

T0 = datetime(2022, 10, 18, 1, 0, tzinfo=UTC)
ROAD = dict(uid="road@test", title="龙源路半幅封闭施工", category="road", start=date(2022, 10, 18),
            end=date(2023, 1, 1))
WATER = dict(uid="water@test", title="城区停水", category="water", start=date(2022, 10, 20), end=date(2022, 10, 21))
FEE = dict(uid="fee@test", kind="deadline", title="医保缴费", category="fees", start=date(2022, 10, 1),
           end=date(2022, 12, 25))


@pytest.fixture
def seeded(publish):
    publish("n.txt", ROAD, WATER, FEE, now=T0)


def bars(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="bar ([^"]*)" href="/events/([^"]+)"', page)


def test_october_draws_each_span_week_by_week_and_marks_today(client, seeded):
    page = client.get("/month/2022-10").get_data(as_text=True)
    drawn = bars(page)
    # road: Tue 18 (column 2, 6 days), then the weeks of 24 and 31 whole; water: Thu 20-Fri 21
    assert [(classes.split()[:4], uid) for classes, uid in drawn if uid == "road@test"] == [
        (["cat-road", "s2", "w6", "l1"], "road@test"), (["cat-road", "s1", "w7", "l1"], "road@test"),
        (["cat-road", "s1", "w7", "l1"], "road@test")]
    assert [(classes.split()[:4], uid) for classes, uid in drawn if uid == "water@test"] == [
        (["cat-water", "s4", "w2", "l2"], "water@test")]
    assert "fee@test" not in page  # due on 25 December: not in October
    assert page.count('aria-current="date"') == 1
    assert re.search(r'class="cell c2 today" aria-current="date">\s*<span class="dn"><span class="visually-hidden">10月18日 周二', page)
    assert "共 2 项" in page and 'href="/month/2022-09"' in page and 'href="/month/2022-11"' in page


def test_december_shows_the_deadline_on_its_due_date(client, seeded):
    drawn = bars(client.get("/month/2022-12").get_data(as_text=True))
    assert [(c.split()[:3], u) for c, u in drawn if u == "fee@test"] == [(["cat-fees", "s7", "w1"], "fee@test")]


def test_the_category_filter_keeps_its_own_bars(client, seeded):
    page = client.get("/month/2022-10?category=water").get_data(as_text=True)
    assert {uid for _, uid in bars(page)} == {"water@test"}
    assert 'href="/month/2022-11?category=water"' in page


@pytest.mark.parametrize("path", ["/month/2022-13", "/month/2022-1", "/month/abcd-ef", "/month/1899-12",
                                  "/month/2200-01", "/month/２０２２-１０"])
def test_what_is_not_a_month_is_a_clear_404(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 404 and "没有这个月份" in response.get_data(as_text=True)


def test_month_goes_to_todays_month_and_a_bad_category_is_refused(client):
    assert client.get("/month").headers["Location"] == "/month/2022-10"
    assert client.get("/month?category=water").headers["Location"] == "/month/2022-10?category=water"
    assert client.get("/month/2022-10?category=weather").status_code == 400
