"""The per-process caches behind the feeds: byte budget, LRU order, one build per key at a time."""
from __future__ import annotations

import threading

from calendar_service.web.cache import Body, BodyCache


def body(text: str) -> Body:
    return Body.of(text.encode(), None)


def test_it_builds_once_and_then_serves_the_same_body():
    cache, calls = BodyCache(), []
    first = cache.get("k", lambda: calls.append(1) or body("feed"))
    assert cache.get("k", lambda: calls.append(1) or body("other")) is first
    assert calls == [1] and cache.builds == 1


def test_it_drops_the_least_recently_used_bodies_past_its_budget():
    cache = BodyCache(max_bytes=10)
    cache.get("a", lambda: body("aaaa"))
    cache.get("b", lambda: body("bbbb"))
    cache.get("a", lambda: body("xxxx"))  # a is now the most recent
    cache.get("c", lambda: body("cccc"))
    assert len(cache) == 2
    assert cache.get("a", lambda: body("new!")).data == b"aaaa"
    assert cache.get("b", lambda: body("new!")).data == b"new!"


def test_a_body_larger_than_the_budget_is_served_but_not_kept():
    cache = BodyCache(max_bytes=3)
    assert cache.get("big", lambda: body("too big")).data == b"too big"
    assert len(cache) == 0


def test_threads_asking_at_once_share_one_build():
    cache, entered, release, results = BodyCache(), threading.Event(), threading.Event(), []

    def slow():
        entered.set()
        release.wait(10)
        return body("feed")

    def ask():
        results.append(cache.get("k", slow))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    threads[0].start()
    assert entered.wait(10)
    for thread in threads[1:]:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(10)
    assert cache.builds == 1 and len({id(r) for r in results}) == 1 and len(results) == 4


def test_a_failed_build_lets_the_next_request_try_again():
    cache = BodyCache()

    def broken():
        raise RuntimeError("database went away")

    try:
        cache.get("k", broken)
    except RuntimeError:
        pass
    assert cache.get("k", lambda: body("feed")).data == b"feed"
