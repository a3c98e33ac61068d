"""Each event version's VEVENT is rendered when it is stored and kept (issue 15): new and changed
versions, rows of an older renderer, and rows that were there before migration 0007."""
from __future__ import annotations

from alembic import command
from sqlalchemy import select, update

from calendar_service import ics
from calendar_service.store import review, save_notice, upgrade
from calendar_service.store.models import Event
from calendar_service.store.rendered import feed_events, version_of
from calendar_service.store.schema import alembic_config

from .support import T0, T1, draft, event


def kept(db) -> dict[str, tuple[bytes | None, str | None]]:
    with db.read() as session:
        return {uid: (data, renderer) for uid, data, renderer in
                session.execute(select(Event.uid, Event.vevent, Event.vevent_renderer))}


def rendered_now(db) -> dict[str, bytes]:
    with db.read() as session:
        return {row.uid: ics.prerender(version_of(row)) for row in session.scalars(select(Event))}


def test_a_stored_version_keeps_its_rendering(db):
    save_notice(db, draft(), [event("a@x"), event("b@x", title="山阳路封闭")], now=T0)
    stored = kept(db)
    assert {uid: renderer for uid, (_, renderer) in stored.items()} == {"a@x": ics.renderer(), "b@x": ics.renderer()}
    assert b"SUMMARY:\xe3\x80\x90" in stored["b@x"][0] and "山阳路封闭".encode() in stored["b@x"][0]
    assert b"SEQUENCE:0\r\n" in stored["a@x"][0]


def test_a_new_version_is_rendered_again_and_nothing_else(db):
    save_notice(db, draft(), [event("a@x"), event("b@x")], now=T0)
    before = kept(db)
    save_notice(db, draft("公告 改"), [event("a@x", title="延期的封闭"), event("b@x", confidence=0.5)], now=T1)
    after = kept(db)
    assert b"SEQUENCE:1\r\n" in after["a@x"][0] and "延期的封闭".encode() in after["a@x"][0]
    assert after["b@x"] == before["b@x"]  # a confidence no calendar shows: the same version
    review.decide(db, "b@x", approve=False, now=T1)  # rejected after it was public: cancelled
    assert b"STATUS:CANCELLED\r\n" in kept(db)["b@x"][0]


def test_bytes_of_another_renderer_are_not_trusted_and_upgrade_renders_them_again(db):
    save_notice(db, draft(), [event("a@x"), event("b@x")], now=T0)
    good = rendered_now(db)
    with db.write() as session:
        session.execute(update(Event).values(vevent=b"BEGIN:VEVENT\r\nstale", vevent_renderer="0ld"))
    assert {e.uid: e.vevent for e in feed_events(db)} == good
    upgrade(db)
    assert kept(db) == {uid: (data, ics.renderer()) for uid, data in good.items()}


def test_migration_0008_renders_the_events_stored_before_it(db):
    save_notice(db, draft(), [event("a@x"), event("b@x", title="山阳路封闭")], now=T0)
    good = rendered_now(db)
    config = alembic_config()
    with db.write_plain() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    db.engine.dispose()  # SQLite rebuilt the table: no pooled connection keeps the old one
    upgrade(db)
    assert kept(db) == {uid: (data, ics.renderer()) for uid, data in good.items()}
