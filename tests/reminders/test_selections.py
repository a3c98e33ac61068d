"""Reminders for one category (停电) or one place (龙源路), on SQLite and PostgreSQL, through the
web form and the JSON API, with the mail going through the real SMTP server (aiosmtpd)."""
from __future__ import annotations

import hashlib
import re
from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import select

from calendar_service.reminders.messages import describe_selection
from calendar_service.store.models import Subscription
from calendar_service.store.subscriptions import selection_key
from reminders_support import CONFIRMED, ROAD, event_id, rows, run, subjects, subscribe, utc

# Three closures starting on 2022-10-20: the one on 龙源路, one on 新龙源路 (its text contains
# 龙源路, its place is another road) and one on 山阳路 alone.
NEW_ROAD = dict(uid="new-road@test", title="新龙源路全幅封闭施工", location="新龙源路", start=date(2022, 10, 20),
                end=date(2022, 11, 30))
OTHER_ROAD = dict(uid="other-road@test", title="山阳路半幅封闭施工", location="山阳路东段", start=date(2022, 10, 20),
                  end=date(2022, 11, 30))
POWER = dict(uid="power@test", kind="service_change", title="焦东路片区计划停电", category="power",
             location="焦东路", start=date(2022, 10, 21), end=date(2022, 10, 21))
WATER = dict(uid="water@test", kind="service_change", title="焦东路片区临时停水", category="water",
             location="焦东路", start=date(2022, 10, 21), end=date(2022, 10, 21))


def confirm_link(received) -> str:
    text = received.message.get_body(("plain",)).get_content()
    parts = urlsplit(re.search(r"https://calendar\.example\.cn/\S*confirm/\S+", text).group(0))
    return parts.path


def test_a_place_subscription_reminds_of_that_place_only(mail_app, client, publish, smtp):
    publish("n.txt", ROAD, NEW_ROAD, OTHER_ROAD)
    form = client.get("/subscribe?place=龙源路")
    assert form.status_code == 200 and 'name="place"' in form.text and 'value="龙源路"' in form.text
    answer = client.post("/subscribe", data={"email": "resident@example.cn", "place": "龙源路", "mode": "each"})
    assert answer.status_code == 200 and "请查收邮件" in answer.text
    run(mail_app, mail_app.now[0])
    confirm = confirm_link(smtp.messages[0])
    assert "“龙源路”的全部事项" in client.get(confirm).text
    assert "订阅成功" in client.post(confirm).text

    run(mail_app, utc(2022, 10, 19, 1, 0))  # 09:00 in Shanghai the day before all three start
    assert subjects(smtp)[1:] == ["【封闭提醒】龙源路与山阳路交叉口半幅封闭施工 · 明天开始"]  # category "other": the kind


def test_a_category_subscription_reminds_of_that_category_only(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", POWER, WATER)
    power = subscribe(db, "a@example.cn", CONFIRMED, category="power")
    both = subscribe(db, "a@example.cn", CONFIRMED, category="water", place="焦东路")
    everything = subscribe(db, "b@example.cn", CONFIRMED)
    run(mail_app, utc(2022, 10, 20, 1, 0))
    outbox = set(rows(mail_app))
    power_id, water_id = event_id(db, "power@test"), event_id(db, "water@test")
    assert {k for k in outbox if k.startswith(f"r:{power}:")} == {f"r:{power}:{power_id}:1:0"}
    assert {k for k in outbox if k.startswith(f"r:{both}:")} == {f"r:{both}:{water_id}:1:0"}
    assert {k for k in outbox if k.startswith(f"r:{everything}:")} == {f"r:{everything}:{power_id}:1:0",
                                                                         f"r:{everything}:{water_id}:1:0"}
    mine = sorted(s for m, s in zip(smtp.messages, subjects(smtp)) if m.recipients == ["a@example.cn"])
    assert mine == ["【停水提醒】焦东路片区临时停水 · 明天开始", "【停电提醒】焦东路片区计划停电 · 明天开始"]


def test_the_json_api_stores_a_category_and_a_normalised_place_as_a_selection_of_their_own(mail_app, client):
    for body in ({"email": "a@example.cn"}, {"email": "a@example.cn", "category": "power"},
                 {"email": "a@example.cn", "place": " 龙源路 "}, {"email": "a@example.cn", "place": "龙源路"}):
        assert client.post("/api/subscriptions", json=body).status_code == 202
    with mail_app.extensions["calendar_db"].read() as session:
        found = sorted((s.category or "", s.place or "") for s in session.scalars(select(Subscription)))
    assert found == [("", ""), ("", "龙源路"), ("power", "")]  # the same place twice is one subscription


def test_the_json_api_names_a_wrong_category_or_place(mail_app, client):
    for body, field in (({"email": "a@example.cn", "category": "parade"}, "category"),
                        ({"email": "a@example.cn", "category": ["power"]}, "category"),
                        ({"email": "a@example.cn", "place": "到处"}, "place"),
                        ({"email": "a@example.cn", "place": "龙源路与山阳路"}, "place"),
                        ({"email": "a@example.cn", "place": 7}, "place"),
                        ({"email": "a@example.cn", "place": "很" * 100 + "长路"}, "place")):
        answer = client.post("/api/subscriptions", json=body)
        assert answer.status_code == 400 and answer.json["field"] == field and answer.json["message"]
    answer = client.post("/subscribe", data={"email": "a@example.cn", "place": "到处", "mode": "each"})
    assert answer.status_code == 400 and "地点应为" in answer.text and 'value="到处"' in answer.text


def test_subscriptions_stored_before_categories_and_places_keep_their_selection_key():
    assert selection_key(None, None) == hashlib.sha256(b"[null, null]").hexdigest()[:32]
    assert selection_key(["deadline"], "x", None, None) == hashlib.sha256(b'[["deadline"], "x"]').hexdigest()[:32]
    assert selection_key(None, None, "power") != selection_key(None, None, None, "power")


def test_a_selection_is_described_with_its_category_and_place():
    class Selection:
        kinds, q, category, place = ("deadline",), None, "power", "龙源路"

    assert describe_selection(Selection) == "“龙源路”的停电类办理截止"  # kinds.name(deadline) is 办理截止
