"""Claims on SQLite and PostgreSQL: one dispatcher holds a row until its lease expires."""
from __future__ import annotations

from calendar_service.reminders import reminders_for
from calendar_service.store import claims
from reminders_support import CONFIRMED, FEE, subscribe, utc


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
