"""Ingest notice files: read, extract, store; one transaction per notice.

A notice's identity is its path relative to the ingest root (the folder given, or the file's own
folder, or ``--root``) unless an explicit id is given, so an edited file updates its notice.
Unchanged text is recognised by its content hash before anything is extracted or written. A file
that fails is reported and skipped; its transaction leaves nothing behind. A store that fails
altogether (``StoreUnavailable``) ends the run.

The command line (``cli/store.py``, ``cli/serve.py``) shows progress through ``advance``; nothing
here prints.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import extract as extraction
from .documents import PublishedOutOfRange, published_of, read_notice
from .errors import NotStored
from .store import (Database, EventCounts, NoticeDraft, ReviewPolicy, SaveResult, content_hash, known_notices,
                    save_notice)

BATCH = 200  # notices whose stored hashes are looked up in one query

Report = Callable[[str, str], None]


@dataclass(frozen=True)
class NoticeFile:
    path: Path
    key: str


@dataclass
class Summary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    events: EventCounts = field(default_factory=EventCounts)

    def line(self) -> str:
        return (f"notices: new {self.new}, updated {self.updated}, unchanged {self.unchanged}, "
                f"failed {self.failed}; events: added {self.events.added}, changed {self.events.changed}, "
                f"cancelled {self.events.cancelled}")


def collect(paths: Iterable[str | Path], *, root: Path | None = None, notice_id: str | None = None,
            pattern: str = "*.txt", report: Report) -> tuple[list[NoticeFile], int]:
    """The notice files under ``paths`` with their identities; (files, number of failures reported).

    Folders are walked recursively for ``pattern`` (hidden entries skipped); files given by name
    are always taken. Two different files with one identity in the same run are an error.
    """
    files, seen, failed = [], {}, 0
    root = _absolute(root) if root is not None else None
    for given in map(Path, paths):
        if given.is_dir():
            base = root or _absolute(given)
            candidates = sorted(p for p in given.rglob(pattern)
                                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(given).parts))
        else:
            base, candidates = root or _absolute(given).parent, [given]
        for path in map(_absolute, candidates):
            if notice_id is not None:
                key = notice_id
            elif path.is_relative_to(base):
                key = path.relative_to(base).as_posix()
            else:
                report(str(path), f"not under the ingest root {base}")
                failed += 1
                continue
            other = seen.get(key)
            if other is None:
                seen[key] = path
                files.append(NoticeFile(path, key))
            elif other != path:  # the same file named twice is simply taken once
                report(str(path), f"notice id {key!r} is already taken by {other} in this run; "
                                  f"ingest them with --root or one at a time with --id")
                failed += 1
    return files, failed


def ingest(db: Database, files: Sequence[NoticeFile], *, published: date | None = None, force: bool = False,
           report: Report, advance: Callable[[int], None] = lambda done: None,
           review: ReviewPolicy = ReviewPolicy(), budget: float | None = None) -> Summary:
    """Store every file in ``files``; failures go to ``report(path, reason)`` and are counted,
    ``advance(1)`` is called per file done.

    ``review`` says which new events are public at once (the rest wait at the review desk);
    ``budget`` bounds the seconds extraction may take on one notice (``EXTRACT_BUDGET_SECONDS``)."""
    summary = Summary()
    for start in range(0, len(files), BATCH):
        batch = files[start:start + BATCH]
        loaded = []
        for item in batch:
            try:
                text = read_notice(item.path.read_bytes(), str(item.path))
            except (OSError, extraction.UnreadableDocument) as exc:
                _fail(summary, report, item, exc.strerror if isinstance(exc, OSError) else str(exc))
                advance(1)
                continue
            loaded.append((item, text, content_hash(text)))
        known = known_notices(db, [item.key for item, _, _ in loaded])
        for item, text, digest in loaded:
            stored = known.get(item.key)
            if not force and stored is not None and stored[0] == digest and published in (None, stored[1]):
                summary.unchanged += 1
            else:
                _ingest_one(db, item, text, digest, published, force, summary, report, review, budget)
            advance(1)
    return summary


def _ingest_one(db, item: NoticeFile, text: str, digest: str, published: date | None, force: bool,
                summary: Summary, report: Report, review: ReviewPolicy, budget: float | None) -> None:
    try:
        result = ingest_text(db, item.key, text, digest=digest, published=published, source=str(item.path),
                             force=force, review=review, budget=budget)
    except NotStored as exc:
        return _fail(summary, report, item, str(exc))
    setattr(summary, result.outcome, getattr(summary, result.outcome) + 1)
    summary.events += result.events


def ingest_text(db: Database, key: str, text: str, *, source: str, published: date | None = None,
                digest: str | None = None, force: bool = False, review: ReviewPolicy = ReviewPolicy(),
                budget: float | None = None, now: datetime | None = None) -> SaveResult:
    """Extract one notice's text and store it with its events in one transaction (files, and the
    articles sources bring). NotStored says why it could not be (no date, extraction past its
    ``budget`` of seconds, the extractor failing, the store)."""
    try:
        found = published_of(text, published)
    except PublishedOutOfRange as exc:
        raise NotStored(str(exc)) from None
    if found is None:
        raise NotStored("no publication date found in the document; pass --published YYYY-MM-DD")
    published = found[0]
    try:
        events = extraction.extract(text, published, file=source, notice_key=key, budget=budget)
    except extraction.TooLong as exc:  # a reason of its own, not an "extraction failed" with a type name
        raise NotStored(f"not read: {exc} ({budget:g} s; CALENDAR_EXTRACT_BUDGET_SECONDS)") from None
    # Everything: the extractor is code this loop does not know, and one notice that trips it
    # (any error, its own bug included) must be reported and skipped, not stop the batch.
    except Exception as exc:
        raise NotStored(f"extraction failed: {type(exc).__name__}: {exc}") from exc
    draft = NoticeDraft(key=key, text=text, content_hash=digest or content_hash(text), published=published,
                        source=source)
    try:
        return save_notice(db, draft, events, now=now, force=force, review=review)
    except NotStored as exc:
        raise NotStored(f"not stored: {exc}") from exc


def _fail(summary: Summary, report: Report, item: NoticeFile, reason: str) -> None:
    summary.failed += 1
    report(str(item.path), reason)


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))
