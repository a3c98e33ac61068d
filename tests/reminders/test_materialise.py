"""Materialising reminders on SQLite and PostgreSQL, against the real SMTP server: each reminder
once, change and cancellation notices, reworded items, quiet hours. Time is always given."""
from __future__ import annotations

from datetime import date

from calendar_service.reminders import reminders_for
from calendar_service.store import withdraw_notice
from reminders_support import CONFIRMED, FEE, ROAD, event_id, rows, run, subjects, subscribe, utc


def test_materialising_twice_makes_each_reminder_once(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE, ROAD)
    first = subscribe(db, "a@example.cn", CONFIRMED)
    second = subscribe(db, "b@example.cn", CONFIRMED, kinds=["deadline"], lead_days=[3, 10])
    reminders = reminders_for(mail_app).at(utc(2022, 12, 17, 0, 0))
    assert reminders.materialise().created == 4  # a: fee 7 and 1 days before; b: 10 and 3 days before
    assert reminders.materialise().created == 0
    fee_id = event_id(db, "fee@test")
    assert set(rows(mail_app)) == {f"r:{first}:{fee_id}:7:0", f"r:{first}:{fee_id}:1:0",
                                   f"r:{second}:{fee_id}:10:0", f"r:{second}:{fee_id}:3:0"}
    assert reminders_for(mail_app).at(utc(2022, 10, 18)).materialise().created == 1  # the road, a day before
    assert smtp.messages == []


def test_a_cancellation_after_a_reminder_sends_one_notice_and_no_more_reminders(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE)
    subscribe(db, "a@example.cn", CONFIRMED)
    run(mail_app, utc(2022, 12, 18, 2, 0))
    withdraw_notice(db, "n.txt", now=utc(2022, 12, 19))
    run(mail_app, utc(2022, 12, 19, 2, 0))
    run(mail_app, utc(2022, 12, 20, 2, 0))
    run(mail_app, utc(2022, 12, 24, 2, 0))
    assert [s.split("】")[0] + "】" for s in subjects(smtp)] == ["【截止提醒】", "【事项已取消】"]
    notice = smtp.messages[1].message
    assert "已经取消" in notice.get_body(("plain",)).get_content()
    ics = next(p for p in notice.iter_attachments()).get_content()
    assert "STATUS:CANCELLED" in ics and "METHOD:PUBLISH" in ics and "SEQUENCE:1" in ics


def test_a_moved_deadline_sends_a_change_notice_then_reminders_for_the_new_date(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE)
    subscribe(db, "a@example.cn", CONFIRMED)
    run(mail_app, utc(2022, 12, 18, 2, 0))  # 7 days before the 25th
    publish("n.txt", {**FEE, "end": date(2022, 12, 31)}, now=utc(2022, 12, 20))
    run(mail_app, utc(2022, 12, 20, 2, 0))
    run(mail_app, utc(2022, 12, 24, 2, 0))  # the old 1-day reminder is gone; the new 7-day one is due
    run(mail_app, utc(2022, 12, 30, 2, 0))
    assert [s.split("】")[0] + "】" for s in subjects(smtp)] == ["【截止提醒】", "【事项有变更】", "【截止提醒】", "【截止提醒】"]
    change = smtp.messages[1].message.get_body(("plain",)).get_content()
    assert "原为 2022年12月25日(周日)截止" in change and "2022年12月31日(周六) 截止" in change
    assert "还剩 7 天" in subjects(smtp)[2] and "还剩 1 天" in subjects(smtp)[3]


def test_a_reworded_item_is_not_reminded_twice(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE)
    subscribe(db, "a@example.cn", CONFIRMED)
    run(mail_app, utc(2022, 12, 18, 2, 0))
    publish("n.txt", {**FEE, "title": "2023年度城乡居民医保集中缴费"}, now=utc(2022, 12, 19))
    run(mail_app, utc(2022, 12, 19, 2, 0))
    run(mail_app, utc(2022, 12, 24, 2, 0))
    assert len(smtp.messages) == 2  # no change notice, no second 7-day reminder
    assert "2023年度" in subjects(smtp)[1] and "还剩 1 天" in subjects(smtp)[1]


def test_quiet_hours_hold_a_change_notice_until_they_end(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE)
    subscribe(db, "a@example.cn", CONFIRMED, quiet_start=22 * 60, quiet_end=7 * 60)
    run(mail_app, utc(2022, 12, 18, 2, 0))
    withdraw_notice(db, "n.txt", now=utc(2022, 12, 19, 15, 0))
    run(mail_app, utc(2022, 12, 19, 15, 0))  # 23:00 in Shanghai
    assert len(smtp.messages) == 1
    run(mail_app, utc(2022, 12, 19, 22, 59))  # 06:59
    assert len(smtp.messages) == 1
    run(mail_app, utc(2022, 12, 19, 23, 0))  # 07:00
    assert len(smtp.messages) == 2 and "取消" in subjects(smtp)[1]
