"""Categories in the store: kept as extracted, refreshed without a new SEQUENCE, filtered on,
counted, and derived once for rows stored before the column (migration 0007)."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from calendar_service.errors import NotStored
from calendar_service.extract import Category, Kind
from calendar_service.kinds import derive_category
from calendar_service.store import Database, list_events, save_notice, upgrade
from calendar_service.store.listing import category_counts, upcoming

from .support import T0, T1, draft, event, stored

TODAY = date(2022, 10, 18)


def test_the_category_is_stored_listed_and_counted(db):
    save_notice(db, draft(), [event("road", category=Category.ROAD),
                              event("water", title="城区停水", category=Category.WATER),
                              event("power", title="10千伏线路停电", category=Category.POWER)], now=T0)
    assert {uid: e.category for uid, e in stored(db).items()} == {"road": "road", "water": "water", "power": "power"}
    assert [e.uid for e in list_events(db, category="water")] == ["water"]
    listed, total = upcoming(db, TODAY, category="power")
    assert [e.uid for e in listed] == ["power"] and total == 1
    assert category_counts(db, TODAY) == {"road": 1, "water": 1, "power": 1}
    assert category_counts(db, TODAY, q="停水") == {"water": 1}
    assert stored(db)["water"].to_json()["category"] == "water"


def test_a_new_reading_of_the_category_moves_the_item_without_a_new_sequence(db):
    save_notice(db, draft(), [event("a", category=Category.OTHER)], now=T0)
    result = save_notice(db, draft(), [event("a", category=Category.WATER)], now=T1, force=True)
    assert result.outcome == "updated"
    again = stored(db)["a"]
    assert again.category == "water" and again.sequence == 0 and again.last_modified == T0


def test_an_unknown_category_is_refused(db):
    with pytest.raises(NotStored, match="unknown category"):
        save_notice(db, draft(), [event("a", category="weather")], now=T0)


@pytest.mark.parametrize(("kind", "title", "location", "sentence", "expected"), [
    (Kind.CLOSURE, "城区部分区域停水", None, "因管网改造，城区部分区域停水。", Category.WATER),  # 停水 6
    (Kind.SERVICE_CHANGE, "10千伏线路检修", "西关村", "10千伏线路检修停电", Category.POWER),  # 千伏 5 + 线路检修 3
    (Kind.DEADLINE, "医保集中缴费", None, "即日起至12月25日缴费", Category.FEES),  # 医保 5 + 缴费 5
    (Kind.CLOSURE, "施工", "东门", "东门施工", Category.ROAD),  # no cue: a closure is a road
    (Kind.EVENT, "座谈会", None, "召开座谈会", Category.OTHER),  # no cue, no kind default
])
def test_derive_category_reads_cue_words_then_the_kind(kind, title, location, sentence, expected):
    assert derive_category(kind, title, location, sentence) == expected


def test_migration_0007_derives_the_category_of_rows_stored_before_it(database_url):
    database = Database(database_url)
    try:
        upgrade(database, "0006")
        now = datetime(2022, 10, 18, tzinfo=UTC).replace(tzinfo=None)
        with database.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO notices (id, key, text, content_hash, published, status, ingested_at, updated_at,"
                " published_at) VALUES (1, 'n', '公告', 'h', '2022-10-18', 'active', :t, :t, :t)"), {"t": now})
            for n, (kind, title, sentence) in enumerate([("closure", "城区停水", "城区停水"),
                                                         ("deadline", "医保缴费", "医保缴费截止"),
                                                         ("event", "座谈会", "召开座谈会")], 1):
                connection.execute(text(
                    "INSERT INTO events (id, uid, notice_id, kind, title, all_day, start_date, description,"
                    " confidence, source_text, source_start, source_end, sequence, status, created,"
                    " last_modified, review, published_at) VALUES (:id, :uid, 1, :kind, :title, true,"
                    " '2022-10-18', '', 0.9, :sentence, 0, 2, 0, 'confirmed', :t, :t, 'published', :t)"),
                    {"id": n, "uid": f"u{n}", "kind": kind, "title": title, "sentence": sentence, "t": now})
        upgrade(database)
        assert {e.uid: e.category for e in list_events(database)} == {"u1": "water", "u2": "fees", "u3": "other"}
    finally:
        database.dispose()
