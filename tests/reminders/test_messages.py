"""What a reminder looks like on the wire (aiosmtpd on 127.0.0.1, SQLite and PostgreSQL): headers,
parts, the .ics attachment, Message-IDs."""
from __future__ import annotations

from datetime import date

import icalendar
from sqlalchemy import select

from calendar_service.store.models import OutboxRow
from reminders_support import CONFIRMED, run, subscribe, utc
from reminders_support import FEE as PLAIN_FEE

FEE = {**PLAIN_FEE, "description": "请于12月25日前缴费。"}
DUE = utc(2022, 12, 24, 1, 0)  # 09:00 in Shanghai the day before


def test_a_reminder_on_the_wire(mail_app, publish, smtp):
    publish("n.txt", FEE)
    subscribe(mail_app.extensions["calendar_db"], "resident@example.cn", CONFIRMED, lead_days=[1])
    assert run(mail_app, DUE).sent == 1
    (received,) = smtp.messages
    assert received.mail_from == "calendar@example.cn" and received.recipients == ["resident@example.cn"]
    assert all(byte < 128 for byte in received.data)  # 7-bit clean: encoded words, base64/qp bodies
    raw = received.data.decode("ascii")
    assert "Subject: =?utf-8?" in raw and "From: =?utf-8?" in raw
    message = received.message
    assert str(message["Subject"]) == "【截止提醒】城乡居民医保集中缴费 · 还剩 1 天"
    assert message["From"].addresses[0].display_name == "公告日历"
    assert message["Date"].datetime == DUE
    assert message["Auto-Submitted"] == "auto-generated"
    assert received.message_id.endswith("@example.cn>")
    unsubscribe = str(message["List-Unsubscribe"])
    assert unsubscribe.startswith("<https://calendar.example.cn/unsubscribe/") and unsubscribe.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for body in (text, html):
        assert "城乡居民医保集中缴费" in body and "2022年12月25日(周日) 截止" in body and "还剩 1 天" in body
        assert "https://calendar.example.cn/events/fee@test" in body
    (attachment,) = message.iter_attachments()
    assert attachment.get_content_type() == "text/calendar" and attachment.get_param("method") == "PUBLISH"
    assert attachment.get_filename() == "event.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    assert calendar["METHOD"] == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == "fee@test" and event.decoded("DTSTART") == date(2022, 12, 25)
    assert event.decoded("DTEND") == date(2022, 12, 26)


def test_the_message_id_is_stable_per_reminder_and_unique_across_reminders(mail_app, publish, smtp):
    publish("n.txt", FEE, {**FEE, "uid": "tax@test", "title": "车船税申报"})
    db = mail_app.extensions["calendar_db"]
    subscribe(db, "a@example.cn", CONFIRMED)
    subscribe(db, "b@example.cn", CONFIRMED)
    run(mail_app, utc(2022, 12, 18, 1, 0))
    run(mail_app, DUE)
    assert len(smtp.messages) == 8 and set(smtp.ids().values()) == {1}
    with db.read() as session:
        recorded = {r.message_id for r in session.scalars(select(OutboxRow).where(OutboxRow.state == "sent"))}
    assert recorded == set(smtp.ids())
