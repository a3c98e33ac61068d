"""The outbox in one process, on SQLite and PostgreSQL, against the real SMTP server: materialise
once, claim exclusively, leases, merging, staleness, cancellations, unsubscribes, change notices,
quiet hours and digests. Time is always given, never read from the clock."""
from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from calendar_service.reminders import Hooks, reminders_for
from calendar_service.store import claims
from calendar_service.store import subscriptions as subscribing
from calendar_service.store import withdraw_notice
from calendar_service.store.models import OutboxRow
from reminders_support import subscribe, utc

CONFIRMED = utc(2022, 10, 1)
FEE = dict(uid="fee@test", kind="deadline", title="城乡居民医保集中缴费", start=None, end=date(2022, 12, 25))
ROAD = dict(uid="road@test", title="龙源路与山阳路交叉口半幅封闭施工", location="龙源路与山阳路交叉口",
            start=date(2022, 10, 20), end=date(2023, 1, 1))


def run(app, now):
    """One materialise + dispatch pass at ``now``; the dispatch result."""
    return reminders_for(app).at(now).run_once()[1]


def rows(app) -> dict[str, tuple[str, int]]:
    with app.extensions["calendar_db"].read() as session:
        return {r.key: (r.state, r.attempts) for r in session.scalars(select(OutboxRow).order_by(OutboxRow.id))}


def subjects(smtp) -> list[str]:
    return [str(m.message["Subject"]) for m in smtp.messages]


def test_materialising_twice_makes_each_reminder_once(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE, ROAD)
    first = subscribe(db, "a@example.cn", CONFIRMED)
    second = subscribe(db, "b@example.cn", CONFIRMED, kinds=["deadline"], lead_days=[3, 10])
    reminders = reminders_for(mail_app).at(utc(2022, 12, 17, 0, 0))
    assert reminders.materialise().created == 4  # a: fee 7 and 1 days before; b: 10 and 3 days before
    assert reminders.materialise().created == 0
    fee_id = _event_id(db, "fee@test")
    assert set(rows(mail_app)) == {f"r:{first}:{fee_id}:7:0", f"r:{first}:{fee_id}:1:0",
                                   f"r:{second}:{fee_id}:10:0", f"r:{second}:{fee_id}:3:0"}
    assert reminders_for(mail_app).at(utc(2022, 10, 18)).materialise().created == 1  # the road, a day before
    assert smtp.messages == []


def test_a_claim_is_exclusive_until_its_lease_expires(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE)
    subscribe(db, "a@example.cn", CONFIRMED, lead_days=[1])
    now = utc(2022, 12, 24, 2, 0)
    reminders_for(mail_app).at(now).materialise()
    lease = utc(2022, 12, 24, 2, 5)
    mine = claims.claim(db, now, lease, 10, "a" * 32)
    assert [c.lead_days for c in mine] == [1]
    assert claims.claim(db, now, lease, 10, "b" * 32) == []
    assert claims.reap(db, utc(2022, 12, 24, 2, 4)) == 0  # still leased
    assert claims.reap(db, utc(2022, 12, 24, 2, 6)) == 1  # its dispatcher is gone
    theirs = claims.claim(db, utc(2022, 12, 24, 2, 6), utc(2022, 12, 24, 2, 11), 10, "b" * 32)
    assert [c.id for c in theirs] == [c.id for c in mine]
    assert not claims.finish(db, mine[0], "a" * 32, "sent", now)  # the first holder lost its claim
    assert claims.finish(db, theirs[0], "b" * 32, "sent", now)


def test_overdue_reminders_of_one_item_are_merged_into_one_mail(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE)
    subscribe(db, "a@example.cn", CONFIRMED)
    done = run(mail_app, utc(2022, 12, 24, 3, 0))  # the 7-day reminder was due on the 18th: nobody ran
    assert done.sent == 1 and len(smtp.messages) == 1
    assert "还剩 1 天" in subjects(smtp)[0]
    assert sorted(state for state, _ in rows(mail_app).values()) == ["merged", "sent"]


def test_stale_reminders_are_skipped(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE)
    subscribe(db, "a@example.cn", CONFIRMED)
    reminders_for(mail_app).at(utc(2022, 12, 17)).materialise()
    done = run(mail_app, utc(2022, 12, 25, 16, 0))  # the deadline is over in Shanghai
    assert smtp.messages == [] and done.sent == 0 and done.skipped == 2
    assert {state for state, _ in rows(mail_app).values()} == {"skipped"}


def test_a_cancelled_event_sends_nothing(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE)
    subscribe(db, "a@example.cn", CONFIRMED)
    reminders_for(mail_app).at(utc(2022, 12, 17)).materialise()
    withdraw_notice(db, "n.txt", now=utc(2022, 12, 17, 12, 0))
    run(mail_app, utc(2022, 12, 18, 2, 0))
    run(mail_app, utc(2022, 12, 24, 2, 0))
    assert smtp.messages == []  # and no cancellation notice: nobody had been reminded
    assert {state for state, _ in rows(mail_app).values()} == {"superseded"}


def test_an_unsubscribe_before_sending_sends_nothing(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE)
    gone = subscribe(db, "a@example.cn", CONFIRMED)
    reminders_for(mail_app).at(utc(2022, 12, 17)).materialise()
    subscribing.unsubscribe(db, gone, utc(2022, 12, 17, 12, 0))
    assert run(mail_app, utc(2022, 12, 18, 2, 0)).sent == 0
    assert smtp.messages == []


def test_an_unsubscribe_between_claim_and_send_stops_the_mail(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE)
    gone = subscribe(db, "a@example.cn", CONFIRMED)
    stays = subscribe(db, "b@example.cn", CONFIRMED)
    reminders = reminders_for(mail_app).at(utc(2022, 12, 18, 2, 0))
    reminders.materialise()
    done = reminders.dispatch(hooks=Hooks(claimed=lambda claimed: subscribing.unsubscribe(db, gone, utc(2022, 12, 18))))
    assert done.sent == 1 and done.superseded == 1
    assert [m.recipients for m in smtp.messages] == [["b@example.cn"]] and stays


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


def test_a_digest_sends_one_mail_a_day_and_the_same_one_again_after_a_crash(mail_app, publish, smtp):
    db = mail_app.extensions["calendar_db"]
    publish("n.txt", FEE, {**FEE, "uid": "tax@test", "title": "车船税申报"},
            {**ROAD, "start": date(2022, 12, 25)}, dict(uid="late@test", kind="deadline", title="另一个截止",
                                                        start=None, end=date(2022, 12, 30)))
    subscribe(db, "a@example.cn", CONFIRMED, digest=True, lead_days=[1])
    now = utc(2022, 12, 24, 1, 0)

    def crash(message):
        raise KeyboardInterrupt("killed after the server accepted")

    reminders = reminders_for(mail_app).at(now)
    reminders.materialise()
    with pytest.raises(KeyboardInterrupt):
        reminders.dispatch(hooks=Hooks(accepted=crash))
    assert len(smtp.messages) == 1
    assert run(mail_app, utc(2022, 12, 24, 1, 4)).sent == 0  # still leased
    assert run(mail_app, utc(2022, 12, 24, 1, 6)).sent == 1  # lease expired: sent again, identically
    first, again = smtp.messages
    assert first.message_id == again.message_id
    assert items(first) == items(again)  # (only the signed links carry a new time stamp)
    assert "3 个事项" in str(first.message["Subject"])
    text = first.message.get_body(("plain",)).get_content()
    assert "城乡居民医保集中缴费" in text and "车船税申报" in text and "龙源路" in text and "另一个截止" not in text
    assert len([p for p in first.message.iter_attachments()][0].get_content().split("BEGIN:VEVENT")) == 4
    run(mail_app, utc(2022, 12, 29, 1, 0))
    assert len(smtp.messages) == 3 and "另一个截止" in str(smtp.messages[2].message["Subject"])


def items(received) -> str:
    text = received.message.get_body(("plain",)).get_content()
    return re.sub(r"https://\S+/(manage|unsubscribe)/\S+", "<link>", text)


def _event_id(db, uid: str) -> int:
    from calendar_service.store.models import Event

    with db.read() as session:
        return session.scalar(select(Event.id).where(Event.uid == uid))
