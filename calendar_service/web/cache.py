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


class BodyCache:
    def __init__(self, max_bytes: int = 64 * 1024 * 1024):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, Body] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.builds = 0  # how many bodies were rendered (tests and benchmarks read it)

    def get(self, key: Hashable, build: Callable[[], Body]) -> Body:
        with self._lock:
            body = self._entries.get(key)
            if body is not None:
                self._entries.move_to_end(key)
                return body
        body = build()  # outside the lock: a slow render does not block cached feeds
        with self._lock:
            self.builds += 1
            if key not in self._entries and len(body.data) <= self.max_bytes:
                self._entries[key] = body
                self._size += len(body.data)
                while self._size > self.max_bytes:
                    _, dropped = self._entries.popitem(last=False)
                    self._size -= len(dropped.data)
        return body

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._entries)
