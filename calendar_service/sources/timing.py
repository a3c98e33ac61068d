"""Where a poll's time goes (fetching, text extraction, OCR, ingest) and how many requests it
sent: ``with measure() as meter`` around a poll, ``with phase("ocr")`` around the parts. A phase
inside another (the fetch of an attachment while an article is read) is counted in its own name
only. Per thread, so that pollers running side by side keep their own figures; nothing happens
outside ``measure``."""
from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

_local = threading.local()


class Meter:
    def __init__(self):
        self.seconds: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self._stack: list[list] = []  # [name, started, seconds spent in inner phases]


@contextmanager
def measure() -> Iterator[Meter]:
    meter, previous = Meter(), getattr(_local, "meter", None)
    _local.meter = meter
    try:
        yield meter
    finally:
        _local.meter = previous


@contextmanager
def phase(name: str) -> Iterator[None]:
    meter = getattr(_local, "meter", None)
    if meter is None:
        yield
        return
    frame = [name, time.perf_counter(), 0.0]
    meter._stack.append(frame)
    try:
        yield
    finally:
        meter._stack.pop()
        elapsed = time.perf_counter() - frame[1]
        meter.seconds[name] += elapsed - frame[2]
        if meter._stack:
            meter._stack[-1][2] += elapsed


def count(name: str, n: int = 1) -> None:
    meter = getattr(_local, "meter", None)
    if meter is not None:
        meter.counts[name] += n
