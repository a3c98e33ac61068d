"""robots.txt and the per-host delay, against the site on 127.0.0.1 (no real waiting: the
fetcher's sleep and the pacing clock are the test's)."""
from __future__ import annotations

import pytest

from calendar_service.errors import FetchError
from calendar_service.sources.fetch import Fetcher


@pytest.fixture
def make_fetcher(settings):
    made = []

    def make(**changes):
        slept = []
        fetcher = Fetcher({**settings, **changes}, sleep=slept.append)
        fetcher.politeness.clock = lambda: 100.0  # time stands still: every wait shows in full
        fetcher.slept = slept
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        fetcher.close()


def test_requests_to_one_host_wait_their_turn(make_fetcher, site):
    fetcher = make_fetcher(SOURCES_HOST_DELAY=2)
    fetcher.get(site.url("/gongkai/index.html"))
    fetcher.get(site.url("/rss.xml"))
    assert fetcher.slept == [2.0, 4.0]  # robots.txt went first at 100 s, then 102 s and 104 s
    assert site.paths(robots=True) == ["/robots.txt", "/gongkai/index.html", "/rss.xml"]


def test_robots_txt_crawl_delay_wins_when_it_asks_for_longer(make_fetcher, site):
    site.put("/robots.txt", "User-agent: *\nCrawl-delay: 10\n", content_type="text/plain")
    fetcher = make_fetcher(SOURCES_HOST_DELAY=2)
    fetcher.get(site.url("/gongkai/index.html"))
    fetcher.get(site.url("/rss.xml"))
    assert fetcher.slept == [2.0, 12.0]  # robots.txt was read before its Crawl-delay was known


def test_robots_txt_that_disallows_is_obeyed_and_a_missing_one_allows_all(make_fetcher, site):
    with pytest.raises(FetchError, match="robots.txt of 127.0.0.1:.* disallows it"):
        make_fetcher().get(site.url("/private/notice.html"))
    assert site.requests("/private/notice.html") == []
    del site.routes["/robots.txt"]
    assert make_fetcher().get(site.url("/private/notice.html")).status == 200


def test_an_unreadable_robots_txt_means_nothing_is_fetched(make_fetcher, site):
    site.routes["/robots.txt"].failures = [503, 503]
    with pytest.raises(FetchError, match="robots.txt of .* could not be read") as failed:
        make_fetcher(SOURCES_RETRIES=1).get(site.url("/gongkai/index.html"))
    assert failed.value.transient and site.requests("/gongkai/index.html") == []
