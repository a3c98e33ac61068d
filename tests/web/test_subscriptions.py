"""Subscribing on the web (form and JSON), double opt-in, tokens, manage, one-click unsubscribe,
rate limits and non-disclosure, through Flask's test client on SQLite and PostgreSQL, with the
mail going through the real SMTP server."""
from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from calendar_service.reminders import reminders_for
from calendar_service.store.models import OutboxRow, Subscription
from reminders_support import subscribe, utc

FEE = dict(uid="fee@test", kind="deadline", title="城乡居民医保集中缴费", start=None, end=date(2022, 12, 25))
FORM = {"email": "resident@example.cn", "kinds": ["deadline"], "lead_days": ["7", "1"], "mode": "each"}


def send(app):
    """One dispatch pass at the app's time; the mails sent by it."""
    return reminders_for(app).at(app.now[0]).run_once()[1]


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def link(received, kind: str) -> str:
    text = received.message.get_body(("plain",)).get_content()
    return path_of(re.search(rf"https://calendar\.example\.cn/\S*{kind}/\S+", text).group(0))


def subscription(app, address="resident@example.cn") -> Subscription:
    with app.extensions["calendar_db"].read() as session:
        return session.scalars(select(Subscription).where(Subscription.email_key == address)).one()


def test_the_full_flow_subscribe_confirm_remind_and_unsubscribe_in_one_click(mail_app, client, publish, smtp):
    publish("n.txt", FEE)
    page = client.get("/subscribe?kind=deadline&q=医保")
    assert page.status_code == 200 and 'value="deadline" checked' in page.text and 'value="医保"' in page.text
    answer = client.post("/subscribe", data={**FORM, "q": "医保"})
    assert answer.status_code == 200 and "请查收邮件" in answer.text
    assert send(mail_app).sent == 1

    (confirmation,) = smtp.messages
    assert "请确认订阅" in str(confirmation.message["Subject"]) and "List-Unsubscribe" not in confirmation.message
    confirm = link(confirmation, "confirm")
    page = client.get(confirm)
    assert page.status_code == 200 and "确认订阅" in page.text and page.headers["Cache-Control"] == "no-store"
    assert subscription(mail_app).status == "pending"  # opening the link confirms nothing
    assert "订阅成功" in client.post(confirm).text
    assert subscription(mail_app).status == "active"

    mail_app.now[0] = utc(2022, 12, 18, 1, 0)  # 7 days before, 09:00 in Shanghai
    assert send(mail_app).sent == 1
    reminder = smtp.messages[1].message
    assert str(reminder["Subject"]) == "【截止提醒】城乡居民医保集中缴费 · 还剩 7 天"
    one_click = path_of(str(reminder["List-Unsubscribe"]).strip("<>"))
    stranger = mail_app.test_client()  # a mail provider: no cookie, no session, no CSRF token
    done = stranger.post(one_click, data="List-Unsubscribe=One-Click",
                         content_type="application/x-www-form-urlencoded")
    assert done.status_code == 200 and "已退订" in done.text
    assert subscription(mail_app).status == "unsubscribed"

    mail_app.now[0] = utc(2022, 12, 24, 1, 0)
    assert send(mail_app).sent == 0
    assert len(smtp.messages) == 2


def test_the_json_api_takes_the_issues_example(mail_app, client, smtp):
    answer = client.post("/api/subscriptions", json={"email": "a@example.cn", "kinds": ["deadline", "closure"],
                                                     "q": "龙源路", "lead_days": [7, 1]})
    assert answer.status_code == 202 and answer.json["status"] == "accepted"
    found = subscription(mail_app, "a@example.cn")
    assert (found.kinds, found.q, found.lead_days, found.status) == (["closure", "deadline"], "龙源路", [7, 1], "pending")
    assert client.post("/api/subscriptions", json={"email": "b@example.cn"}).status_code == 202
    found = subscription(mail_app, "b@example.cn")
    assert (found.kinds, found.q, found.lead_days, found.digest, found.timezone) == (None, None, None, False,
                                                                                     "Asia/Shanghai")
    assert send(mail_app).sent == 2


@pytest.mark.parametrize("body, field", [
    ({"kinds": ["deadline"]}, "email"),
    ({"email": "not an address"}, "email"),
    ({"email": "a@localhost"}, "email"),
    ({"email": "a@example.cn", "kinds": ["parade"]}, "kinds"),
    ({"email": "a@example.cn", "lead_days": [0]}, "lead_days"),
    ({"email": "a@example.cn", "lead_days": [1, 2, 3, 4, 5, 6]}, "lead_days"),
    ({"email": "a@example.cn", "lead_days": "7"}, "lead_days"),
    ({"email": "a@example.cn", "q": "路" * 101}, "q"),
    ({"email": "a@example.cn", "digest": "yes"}, "digest"),
    ({"email": "a@example.cn", "quiet_hours": {"start": "22:00", "end": "25:00"}}, "quiet_hours"),
    ({"email": "a@example.cn", "timezone": "Mars/Olympus"}, "timezone"),
    ({"email": "a@example.cn", "password": "x"}, "password"),
    (["a@example.cn"], "body"),
])
def test_the_json_api_names_what_is_wrong(client, mail_app, body, field):
    answer = client.post("/api/subscriptions", json=body)
    assert answer.status_code == 400 and answer.json["field"] == field and answer.json["message"]


def test_the_form_says_what_is_wrong_and_keeps_what_was_typed(client, mail_app):
    answer = client.post("/subscribe", data={**FORM, "email": "resident(at)example.cn", "q": "龙源路"})
    assert answer.status_code == 400 and "邮箱地址格式不正确" in answer.text
    assert 'value="龙源路"' in answer.text and 'value="deadline" checked' in answer.text


def test_the_answer_never_tells_whether_an_address_is_subscribed(mail_app, client, smtp):
    db = mail_app.extensions["calendar_db"]
    subscribe(db, "active@example.cn", utc(2022, 10, 1), kinds=["deadline"], lead_days=[7, 1])
    answers = set()
    for address in ["new@example.cn", "new@example.cn", "active@example.cn", "NEW@example.cn", "new@example.cn"]:
        answers.add(client.post("/subscribe", data={**FORM, "email": address}).text)
        answers.add(client.post("/api/subscriptions", json={"email": address, "kinds": ["deadline"],
                                                            "lead_days": [7, 1]}).get_data(as_text=True))
    assert len(answers) == 2  # one page, one JSON body, whoever asked
    send(mail_app)
    to_new = [str(m.message["Subject"]) for m in smtp.to("new@example.cn") + smtp.to("NEW@example.cn")]
    assert len(to_new) == 3 and all("请确认订阅" in s for s in to_new)  # 3 an hour per address, then silence
    to_active = [str(m.message["Subject"]) for m in smtp.to("active@example.cn")]
    assert to_active == ["您在「公告日历」的邮件提醒"] * 2  # its links, not a new opt-in
    assert subscription(mail_app, "active@example.cn").lead_days == [7, 1]  # untouched by strangers


def test_too_many_requests_from_one_client_are_refused_for_an_hour(mail_app, client):
    mail_app.config["REQUESTS_PER_IP_PER_HOUR"] = 3
    start = mail_app.now[0] = utc(2022, 10, 18, 2, 0)
    for n in range(3):
        assert client.post("/api/subscriptions", json={"email": f"a{n}@example.cn"}).status_code == 202
    refused = client.post("/subscribe", data={**FORM, "email": "b@example.cn"})
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "3600" and "请求太频繁" in refused.text
    assert client.post("/api/subscriptions", json={"email": "c@example.cn"}).status_code == 429
    mail_app.now[0] = start + timedelta(hours=1)
    assert client.post("/api/subscriptions", json={"email": "c@example.cn"}).status_code == 202


def test_confirm_links_expire_and_each_token_serves_one_purpose(mail_app, client, smtp):
    client.post("/subscribe", data=FORM)
    send(mail_app)
    confirm = link(smtp.messages[0], "confirm")
    token = confirm.rsplit("/", 1)[1]
    assert client.post(f"/unsubscribe/{token}").status_code == 400  # a confirmation token cannot unsubscribe
    assert client.get(f"/subscribe/manage/{token}").status_code == 400
    assert client.post(confirm[:-2] + ("AA" if not confirm.endswith("AA") else "BB")).status_code == 400  # forged
    mail_app.now[0] += timedelta(hours=73)
    expired = client.post(confirm)
    assert expired.status_code == 400 and "过期" in expired.text and 'action="/subscribe/resend"' in expired.text
    assert subscription(mail_app).status == "pending"


def test_manage_changes_how_and_when_mail_comes(mail_app, client, publish, smtp):
    publish("n.txt", FEE)
    subscribe(mail_app.extensions["calendar_db"], "resident@example.cn", utc(2022, 10, 1))
    mail_app.now[0] = utc(2022, 12, 18, 1, 0)
    send(mail_app)
    manage = link(smtp.messages[0], "manage")
    page = client.get(manage)
    assert page.status_code == 200 and "管理邮件提醒" in page.text
    bad = client.post(manage, data={"lead_days": ["3"], "quiet_start": "22:00", "quiet_end": "22:00"})
    assert bad.status_code == 400 and "不能相同" in bad.text
    saved = client.post(manage, data={"lead_days": ["3", "1"], "mode": "digest", "quiet_start": "21:00",
                                      "quiet_end": "08:30", "timezone": "Europe/London"})
    assert saved.status_code == 200 and "已保存" in saved.text
    found = subscription(mail_app)
    assert (found.lead_days, found.digest, found.quiet_start, found.quiet_end, found.timezone) == (
        [3, 1], True, 21 * 60, 8 * 60 + 30, "Europe/London")
    mail_app.now[0] = utc(2022, 12, 22, 9, 0)  # 09:00 in London, 3 days before
    assert send(mail_app).sent == 1
    assert "每日提醒" in str(smtp.messages[1].message["Subject"])
    unsubscribe = re.search(r'action="(/unsubscribe/[^"]+)"', saved.text).group(1)
    assert client.post(unsubscribe).status_code == 200 and subscription(mail_app).status == "unsubscribed"


def test_unsubscribe_links_show_a_button_and_only_the_post_acts(mail_app, client, smtp):
    subscribe(mail_app.extensions["calendar_db"], "resident@example.cn", utc(2022, 10, 1))
    token = reminders_for(mail_app).tokens.make("unsubscribe", subscription(mail_app).id, "resident@example.cn")
    for method in (client.get, client.head):
        assert method(f"/unsubscribe/{token}").status_code == 200
    assert subscription(mail_app).status == "active"
    assert "确认退订" in client.get(f"/unsubscribe/{token}").text
    assert client.post(f"/unsubscribe/{token}").status_code == 200
    assert client.post(f"/unsubscribe/{token}").status_code == 200  # twice is fine
    assert "已经退订" in client.get(f"/unsubscribe/{token}").text


def test_resending_links_answers_alike_for_known_and_unknown_addresses(mail_app, client, smtp):
    subscribe(mail_app.extensions["calendar_db"], "known@example.cn", utc(2022, 10, 1))
    known = client.post("/subscribe/resend", data={"email": "known@example.cn"})
    unknown = client.post("/subscribe/resend", data={"email": "unknown@example.cn"})
    assert known.status_code == unknown.status_code == 200 and known.text == unknown.text
    assert client.post("/subscribe/resend", data={"email": "nope"}).status_code == 400
    send(mail_app)
    (mail,) = smtp.messages
    assert mail.recipients == ["known@example.cn"]
    assert client.get(link(mail, "manage")).status_code == 200


def test_a_confirmed_subscription_gets_no_backlog_of_past_reminders(mail_app, client, publish, smtp):
    publish("n.txt", FEE)
    mail_app.now[0] = utc(2022, 12, 20, 1, 0)  # after the 7-day reminder time
    client.post("/subscribe", data=FORM)
    send(mail_app)
    client.post(link(smtp.messages[0], "confirm"))
    assert send(mail_app).sent == 0
    mail_app.now[0] = utc(2022, 12, 24, 1, 0)
    assert send(mail_app).sent == 1 and "还剩 1 天" in str(smtp.messages[1].message["Subject"])
    with mail_app.extensions["calendar_db"].read() as session:
        kinds = sorted(r.kind for r in session.scalars(select(OutboxRow)))
    assert kinds == ["confirm", "reminder"]
