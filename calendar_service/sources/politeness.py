"""Politeness towards issuers' servers: robots.txt respected (RFC 9309, read with the standard
library's parser) and a delay between two requests to one host (robots.txt's ``Crawl-delay``
when it asks for longer).

What is kept here is per process and only saves requests: robots.txt is read again after
``ROBOTS_TTL``, and the claim on a source (store/sources.py) keeps two processes off one host at
once, so a process's own clock of the host's last request is the one that matters.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from ..errors import FetchError

if TYPE_CHECKING:
    from .fetch import Fetcher

ROBOTS_TTL = 3600.0  # seconds a host's robots.txt is trusted before it is read again
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB


@dataclass
class _Host:
    robots: RobotFileParser | None = None  # None: robots.txt not read yet
    robots_read_at: float = 0.0
    next_request_at: float = 0.0


class Politeness:
    def __init__(self, fetcher: Fetcher, delay: float, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.fetcher, self.delay, self.sleep, self.clock = fetcher, delay, sleep, clock
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def check_allowed(self, url: str) -> None:
        """FetchError unless the host's robots.txt lets our User-Agent fetch ``url``."""
        robots = self._robots(url)
        if not robots.can_fetch(self.fetcher.agent, url):
            raise FetchError(f"{url}: robots.txt of {urlsplit(url).netloc} disallows it for our User-Agent "
                             f"({self.fetcher.agent})")

    def wait_turn(self, url: str) -> None:
        """Sleep until this host may be asked again, and book the next turn."""
        host = self._host(url)
        with self._lock:
            now = self.clock()
            start = max(now, host.next_request_at)
            gap = self.delay
            if host.robots is not None:
                gap = max(gap, float(host.robots.crawl_delay(self.fetcher.agent) or 0))
            host.next_request_at = start + gap
        if start > now:
            self.sleep(start - now)

    def _host(self, url: str) -> _Host:
        with self._lock:
            return self._hosts.setdefault(urlsplit(url).netloc.lower(), _Host())

    def _robots(self, url: str) -> RobotFileParser:
        host = self._host(url)
        if host.robots is not None and self.clock() - host.robots_read_at < ROBOTS_TTL:
            return host.robots
        parts = urlsplit(url)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        parser = RobotFileParser(robots_url)
        try:
            reply = self.fetcher.get(robots_url, robots=False)
        except FetchError as exc:
            status = getattr(exc, "status", None)
            if status is not None and 400 <= status < 500:
                parser.allow_all = True  # RFC 9309 2.3.1.3: no robots.txt (4xx) means no rules
            else:
                # RFC 9309 2.3.1.4: unreachable (5xx, network) means complete disallow, for now
                raise FetchError(f"robots.txt of {parts.netloc} could not be read, so nothing there is "
                                 f"fetched: {exc}", transient=exc.transient) from None
        else:
            lines = reply.body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace").splitlines()
            parser.parse(lines)
        host.robots, host.robots_read_at = parser, self.clock()
        return parser
