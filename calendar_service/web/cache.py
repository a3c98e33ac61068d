"""Rendered feed bodies, cached per process and keyed by the store's revision.

The key of an entry includes the store revision (a counter in the database that every writing
transaction bumps), so a change committed by any process on any machine makes every worker build
the feed again on its next request, and nothing else does. Entries are kept in least-recently-used
order within a byte budget, so arbitrary ``?q=`` values cannot grow the cache without bound.
"""
from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from werkzeug.http import http_date


@dataclass(frozen=True)
class Body:
    """Exact bytes plus the validators sent with them."""

    data: bytes
    etag: str
    last_modified: datetime | None

    @classmethod
    def of(cls, data: bytes, last_modified: datetime | None) -> Body:
        return cls(data, hashlib.sha256(data).hexdigest()[:32], last_modified)

    @cached_property
    def http_last_modified(self) -> str | None:
        return http_date(self.last_modified) if self.last_modified else None

    @cached_property
    def gzipped(self) -> bytes:
        """The bytes gzip-compressed (once per body per process; mtime 0 keeps them identical)."""
        return gzip.compress(self.data, compresslevel=6, mtime=0)


class LRU:
    """Values kept in least-recently-used order within a byte budget (``size`` of each value)."""

    def __init__(self, max_bytes: int, size: Callable[[object], int]):
        self.max_bytes = max_bytes
        self._size_of = size
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable):
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value) -> None:
        size = self._size_of(value)
        with self._lock:
            if key in self._entries or size > self.max_bytes:
                return
            self._entries[key] = value
            self._size += size
            while self._size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._size -= self._size_of(dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._entries)


class BodyCache(LRU):
    """Feed bodies. A body missing from the cache is built once even when many threads ask for it
    at the same moment (after a store change every client of a popular feed does)."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024):
        super().__init__(max_bytes, lambda body: len(body.data))
        self._building: dict[Hashable, threading.Lock] = {}
        self.builds = 0  # how many bodies were rendered (tests and benchmarks read it)

    def get(self, key: Hashable, build: Callable[[], Body]) -> Body:  # type: ignore[override]
        body = super().get(key)
        if body is not None:
            return body
        with self._lock:
            flight = self._building.setdefault(key, threading.Lock())
        with flight:  # outside the cache lock: a slow render does not block other feeds
            body = super().get(key)
            if body is not None:
                return body
            try:
                body = build()
                with self._lock:
                    self.builds += 1
                self.put(key, body)
            finally:
                with self._lock:
                    self._building.pop(key, None)
        return body
