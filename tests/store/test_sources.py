"""Sources in the store (SQLite and PostgreSQL): one poller per source and per host at a time,
leases that run out, outcomes recorded only under the claim, health read from failures."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from calendar_service.errors import InvalidInput, SourceNotFound
from calendar_service.sources.spec import new_source
from calendar_service.store import sources as stored
from calendar_service.store.sources import PollOutcome

T0 = datetime(2022, 11, 1, 1, 0, tzinfo=UTC)
LEASE = timedelta(minutes=15)


def add(db, name, url, **options):
    return stored.add_source(db, new_source(name, url, **options), T0)


def test_a_source_is_claimed_by_one_poller_and_its_host_waits(db):
    add(db, "a1", "http://a.example/1.html")
    add(db, "a2", "http://a.example/2.html")
    add(db, "b1", "http://b.example:8080/list.html")
    first = stored.claim(db, T0, T0 + LEASE, "one")
    second = stored.claim(db, T0, T0 + LEASE, "two")
    assert (first.name, second.name) == ("a1", "b1")  # a2 waits: a.example is being polled
    assert stored.claim(db, T0, T0 + LEASE, "three") is None
    assert stored.finish(db, first, "one", PollOutcome(etag='"e1"'), T0 + timedelta(minutes=1))
    third = stored.claim(db, T0 + timedelta(minutes=1), T0 + LEASE, "three")
    assert third.name == "a2"  # a1 is not due again before its interval (1h)


def test_a_lapsed_lease_lets_another_poller_in_and_the_first_records_nothing(db):
    add(db, "a", "http://a.example/")
    first = stored.claim(db, T0, T0 + LEASE, "one")
    assert stored.claim(db, T0 + LEASE - timedelta(seconds=1), T0 + 2 * LEASE, "two") is None
    taken = stored.claim(db, T0 + LEASE, T0 + 2 * LEASE, "two")
    assert taken.id == first.id
    assert not stored.finish(db, first, "one", PollOutcome(error="late"), T0 + LEASE)
    assert stored.finish(db, taken, "two", PollOutcome(), T0 + LEASE)
    assert stored.source_by_name(db, "a").failures == 0


def test_failures_count_up_until_a_success_and_validators_stay_through_failures(db):
    add(db, "a", "http://a.example/")
    source = stored.claim(db, T0, T0 + LEASE, "t")
    stored.finish(db, source, "t", PollOutcome(etag='"v1"', last_modified="Tue, 01 Nov 2022 00:00:00 GMT",
                                               new_notices=2), T0)
    for n in range(3):
        source = stored.claim(db, T0, T0 + LEASE, "t", names=["a"])
        stored.finish(db, source, "t", PollOutcome(error=f"HTTP 500 ({n})", keep_validators=True), T0 + timedelta(hours=n))
    now = stored.source_by_name(db, "a")
    assert (now.failures, now.last_error, now.etag, now.health(3), now.health(4)) == (
        3, "HTTP 500 (2)", '"v1"', "broken", "failing")
    assert now.last_new_at == T0 and now.next_poll_at == T0 + timedelta(hours=3)
    source = stored.claim(db, T0, T0 + LEASE, "t", names=["a"])
    stored.finish(db, source, "t", PollOutcome(etag='"v2"'), T0 + timedelta(hours=4))
    assert stored.source_by_name(db, "a").health(3) == "ok"


def test_a_paused_source_is_not_due_but_can_be_polled_by_name(db):
    add(db, "a", "http://a.example/")
    stored.set_enabled(db, "a", False, T0)
    assert stored.claim(db, T0, T0 + LEASE, "t") is None
    assert stored.claim(db, T0, T0 + LEASE, "t", names=["a"]).name == "a"
    assert [s.source.health(3) for s in stored.list_sources(db)] == ["paused"]


def test_names_are_unique_and_unknown_names_are_said(db):
    add(db, "a", "http://a.example/")
    with pytest.raises(InvalidInput, match="already exists"):
        add(db, "a", "http://b.example/")
    with pytest.raises(SourceNotFound):
        stored.remove_source(db, "b")
    with pytest.raises(SourceNotFound):
        stored.poll_soon(db, "b", T0)
    assert stored.remove_source(db, "a") == 0 and stored.list_sources(db) == []
