"""Delivery to a real SMTP server (aiosmtpd on 127.0.0.1), SQLite and PostgreSQL: 4xx retried and
5xx not, the server down then back, STARTTLS before a password, SMTP URLs, the .eml file backend,
and a date-only deadline reminded at nine o'clock wherever the subscriber lives."""
from __future__ import annotations

import email
import email.policy
from datetime import timedelta

import pytest
from sqlalchemy import select

from calendar_service.reminders.mailer import SMTPMailer, TransientError
from calendar_service.store.models import OutboxRow
from reminders_support import CONFIRMED, run, subscribe, utc
from reminders_support import FEE as PLAIN_FEE

FEE = {**PLAIN_FEE, "description": "请于12月25日前缴费。"}
DUE = utc(2022, 12, 24, 1, 0)  # 09:00 in Shanghai the day before


def states(app) -> dict[str, tuple[str, int]]:
    with app.extensions["calendar_db"].read() as session:
        return {r.key.split(":")[1]: (r.state, r.attempts) for r in session.scalars(select(OutboxRow))}


def test_a_temporary_refusal_is_retried_with_a_growing_wait(mail_app, publish, smtp):
    publish("n.txt", FEE)
    db = mail_app.extensions["calendar_db"]
    subscribe(db, "busy@example.cn", CONFIRMED, lead_days=[1])
    smtp.refuse("busy@example.cn", "451 4.3.0 mailbox busy, try later", times=2)
    assert run(mail_app, DUE).retried == 1
    assert run(mail_app, DUE + timedelta(seconds=59)).retried == 0  # waits a minute
    assert run(mail_app, DUE + timedelta(seconds=60)).retried == 1  # then two
    assert run(mail_app, DUE + timedelta(seconds=179)).sent == 0
    assert run(mail_app, DUE + timedelta(seconds=180)).sent == 1
    assert smtp.tries["busy@example.cn"] == 3 and len(smtp.to("busy@example.cn")) == 1


def test_a_permanent_refusal_is_not_retried(mail_app, publish, smtp):
    publish("n.txt", FEE)
    db = mail_app.extensions["calendar_db"]
    subscribe(db, "gone@example.cn", CONFIRMED, lead_days=[1])
    subscribe(db, "here@example.cn", CONFIRMED, lead_days=[1])
    smtp.refuse("gone@example.cn", "550 5.1.1 no such mailbox")
    done = run(mail_app, DUE)
    assert done.failed == 1 and done.sent == 1
    for minutes in (1, 10, 60):
        run(mail_app, DUE + timedelta(minutes=minutes))
    assert smtp.tries["gone@example.cn"] == 1 and len(smtp.to("here@example.cn")) == 1
    with db.read() as session:
        failed = session.scalars(select(OutboxRow).where(OutboxRow.state == "failed")).one()
    assert failed.attempts == 1 and failed.last_error.startswith("550")


def test_temporary_refusals_end_after_the_last_attempt(mail_app, publish, smtp):
    mail_app.config["REMINDER_MAX_ATTEMPTS"] = 3
    publish("n.txt", FEE)
    subscribe(mail_app.extensions["calendar_db"], "full@example.cn", CONFIRMED, lead_days=[1])
    smtp.refuse("full@example.cn", "452 4.2.2 mailbox full")
    for minutes in range(0, 60, 1):
        run(mail_app, DUE + timedelta(minutes=minutes))
    assert smtp.tries["full@example.cn"] == 3
    assert list(states(mail_app).values()) == [("failed", 3)]


def test_the_server_down_for_a_while_loses_nothing(mail_app, publish, smtp):
    publish("n.txt", FEE, {**FEE, "uid": "tax@test", "title": "车船税申报"})
    db = mail_app.extensions["calendar_db"]
    for n in range(5):
        subscribe(db, f"r{n}@example.cn", CONFIRMED, lead_days=[1])
    smtp.stop()
    for minutes in (0, 1, 2, 30):
        done = run(mail_app, DUE + timedelta(minutes=minutes))
        assert done.sent == 0 and done.unavailable
    assert {state for state, attempts in states(mail_app).values()} == {"pending"}
    smtp.start()  # back, on the same port
    assert run(mail_app, DUE + timedelta(minutes=31)).sent == 10
    run(mail_app, DUE + timedelta(minutes=40))
    assert len(smtp.messages) == 10 and set(smtp.ids().values()) == {1}


@pytest.mark.parametrize("zone, first_minute", [
    ("Asia/Shanghai", utc(2022, 12, 24, 1, 0)),
    ("Europe/London", utc(2022, 12, 24, 9, 0)),
    ("America/New_York", utc(2022, 12, 24, 14, 0)),
])
def test_a_date_only_deadline_is_reminded_at_nine_local_time(mail_app, publish, smtp, zone, first_minute):
    publish("n.txt", FEE)
    subscribe(mail_app.extensions["calendar_db"], "a@example.cn", CONFIRMED, lead_days=[1], timezone=zone)
    assert run(mail_app, first_minute - timedelta(minutes=1)).sent == 0
    assert run(mail_app, first_minute).sent == 1
    assert smtp.messages[0].message["Date"].datetime == first_minute


def test_starttls_is_required_before_a_password_crosses_the_network(smtp):
    mailer = SMTPMailer(f"smtp://user:secret@localhost.localdomain:{smtp.port}?starttls=require", timeout=5)
    mailer.host = "127.0.0.1"  # aiosmtpd here offers no STARTTLS
    with pytest.raises(TransientError, match="STARTTLS") as caught:
        mailer.send(_message())
    assert caught.value.connection and smtp.messages == []


@pytest.mark.parametrize("url, expected", [
    ("smtp://mail.example.cn", ("mail.example.cn", 25, False, None, "auto")),
    ("smtp://u%40x:p%3Ass@mail.example.cn:587", ("mail.example.cn", 587, False, "u@x", "require")),
    ("smtp://u:p@127.0.0.1:2525", ("127.0.0.1", 2525, False, "u", "auto")),
    ("smtps://u:p@mail.example.cn", ("mail.example.cn", 465, True, "u", "require")),
    ("smtp://mail.example.cn?starttls=off", ("mail.example.cn", 25, False, None, "off")),
])
def test_smtp_urls(url, expected):
    mailer = SMTPMailer(url)
    assert (mailer.host, mailer.port, mailer.tls, mailer.user, mailer.starttls) == expected


@pytest.mark.parametrize("url", ["http://mail.example.cn", "smtp://", "smtp://h?starttls=maybe"])
def test_bad_smtp_urls_are_refused(url):
    with pytest.raises(ValueError):
        SMTPMailer(url)


def _message():
    from calendar_service.reminders.messages import Mail

    return Mail("a@example.cn", "b@example.cn", "<test@example.cn>", b"Subject: test\r\n\r\nbody\r\n")


def test_without_smtp_settings_mail_is_written_to_eml_files(app, publish, tmp_path):
    app.config.update(SMTP_URL=None, MAIL_DIR=str(tmp_path / "mail"))
    publish("n.txt", {**FEE, "title": "<script>alert(1)</script>医保缴费"})
    subscribe(app.extensions["calendar_db"], "a@example.cn", CONFIRMED, lead_days=[1])
    assert run(app, DUE).sent == 1
    (written,) = (tmp_path / "mail").glob("*.eml")
    message = email.message_from_bytes(written.read_bytes(), policy=email.policy.default)
    assert str(message["Subject"]).endswith("医保缴费 · 还剩 1 天") and message["To"] == "a@example.cn"
    html = message.get_body(("html",)).get_content()
    assert "&lt;script&gt;" in html and "<script>" not in html  # item text is escaped in HTML mail
    assert not list((tmp_path / "mail").glob(".*.tmp"))
