"""Issue 15: what is current on a day is read through index ranges, so past events are never walked
(SQLite's query plans; PostgreSQL's depend on its statistics and were checked with EXPLAIN by hand)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text

from calendar_service.store import Database, EventFilter, review, upgrade
from calendar_service.store.events import matching
from calendar_service.store.listing import counts_query, drawn_query, listed, upcoming_query
from calendar_service.store.models import Event, Notice

TODAY = date(2022, 10, 18)


@pytest.fixture
def sqlite_db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
    upgrade(database)
    yield database
    database.dispose()


def plan(db: Database, statement) -> list[str]:
    sql = str(statement.compile(db.engine, compile_kwargs={"literal_binds": True}))
    with db.engine.connect() as connection:
        return [row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]


@pytest.mark.parametrize("kind, index", [(None, "ix_events_end_date_start_date"),
                                         ("closure", "ix_events_kind_end_date")])
def test_the_home_page_queries_search_index_ranges_and_scan_no_events(sqlite_db, kind, index):
    statements = [select(func.count()).select_from(listed(TODAY, kind, None, Event.id)),
                  upcoming_query(TODAY, kind, "龙源路", 50, 0)]
    if kind is None:
        statements.append(counts_query(TODAY, None, Event.kind))
    for statement in statements:
        steps = plan(sqlite_db, statement)
        assert not [s for s in steps if s.startswith("SCAN events")], steps
        ranges = [s for s in steps if s.startswith(f"SEARCH events USING INDEX {index}")]
        assert len(ranges) == 2, steps  # ending from today; open-ended and begun lately
        assert any("end_date>?" in s for s in ranges) and any("end_date=? AND start_date>?" in s for s in ranges)


def test_a_category_and_a_month_are_index_ranges_too(sqlite_db):
    """With a category every list walked ix_events_category (every event of it ever stored); the
    month view was one OR over the whole table."""
    for statement, index in [(select(func.count()).select_from(listed(TODAY, None, None, Event.id, category="water")),
                              "ix_events_category_end_date"),
                             (drawn_query(date(2022, 9, 26), date(2022, 11, 6)), "ix_events_end_date_start_date"),
                             (drawn_query(date(2022, 9, 26), date(2022, 11, 6), category="water"),
                              "ix_events_category_end_date")]:
        steps = plan(sqlite_db, statement)
        assert not [s for s in steps if s.startswith("SCAN events")], steps
        assert len([s for s in steps if s.startswith(f"SEARCH events USING INDEX {index}")]) == 2, steps


@pytest.mark.parametrize("kind", [None, "service_change"])
def test_open_ended_items_of_older_days_are_found_through_recent_notices(sqlite_db, kind):
    """Not through every open-ended item ever stored (they were read, each with a subquery)."""
    steps = plan(sqlite_db, select(func.count()).select_from(listed(TODAY, kind, None, Event.id)))
    assert any(s.startswith("SEARCH events USING INDEX ix_events_notice_id_end_date (notice_id=? AND end_date=? "
                            "AND start_date<?)") for s in steps), steps
    assert any("ix_notices_newest (published>?)" in s for s in steps), steps


@pytest.mark.parametrize("kind, category, index", [(None, None, "ix_events_end_date_start_date"),
                                                   ("closure", None, "ix_events_kind_end_date"),
                                                   (None, "water", "ix_events_category_end_date")])
def test_events_from_a_day_are_two_index_ranges(sqlite_db, kind, category, index):
    """The subscribe panel's count and /api/events?from=: what ends from that day on, and what is
    open-ended (of any age), never the events that ended before."""
    where = EventFilter(kind=kind, category=category, start=TODAY, q="龙源路", status="confirmed")
    steps = plan(sqlite_db, select(func.count()).select_from(matching(where, Event.id)))
    assert not [s for s in steps if s.startswith("SCAN events")], steps
    ranges = [s for s in steps if s.startswith(f"SEARCH events USING INDEX {index}")]
    assert len(ranges) == 2 and any("end_date>?" in s for s in ranges) and any("end_date=?" in s for s in ranges), steps


def test_the_desk_walks_notices_newest_first_and_reads_only_their_events(sqlite_db):
    """Not every event grouped by notice: the notices in date order, each one's events by its index."""
    steps = plan(sqlite_db, select(Notice.id).where(review._has("pending"))
                 .order_by(Notice.published.desc(), Notice.ingested_at.desc(), Notice.id.desc()).limit(200))
    assert any(s.startswith("SCAN notices USING") and s.endswith("INDEX ix_notices_newest") for s in steps), steps
    assert not [s for s in steps if "TEMP B-TREE" in s], steps  # no sort: the index is the order
    assert any(s.startswith("SEARCH events USING INDEX ix_events_notice_id_end_date (notice_id=?)") for s in steps), steps
    assert not [s for s in steps if s.startswith("SCAN events")], steps
