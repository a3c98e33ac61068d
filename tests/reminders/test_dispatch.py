"""The dispatcher in one process, on SQLite and PostgreSQL, against the real SMTP server: merging,
staleness, cancellations and unsubscribes before and after the claim, and digests sent again after
a crash. Time is always given, never read from the clock."""
from __future__ import annotations

import re
from datetime import date

import pytest

from calendar_service.reminders import Hooks, reminders_for
from calendar_service.store import subscriptions as subscribing
from calendar_service.store import withdraw_notice
from reminders_support import CONFIRMED, FEE, ROAD, rows, run, subjects, subscribe, utc


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
