"""One poll of one claimed source: read its list, feed or page, fetch what is new or changed,
read each article's text and ingest it as a notice whose identity is its URL.

- The source's URL is asked with its ETag / Last-Modified: a 304 ends the poll there, but for
  articles whose last try failed, which are tried again on every poll (up to ``MAX_ATTEMPTS``).
- An article already seen is fetched again only when its entry in the list or feed changed; it
  is then asked conditionally, and its text is ingested only when its hash changed, as an edit
  of the same notice (same key, so its events keep their UIDs).
- Page 2 and later of a list are read only while the page before held something new.
- Nothing here ever withdraws or cancels: an unreachable source, an empty list or a garbled page
  is a failed poll, recorded on the source; what was ingested stays as it was.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from .. import extract as extraction
from ..errors import NotStored, SourceError, UnreadableArticle
from ..ingest import ingest_text
from ..store import articles
from ..store.articles import Article
from ..store.sources import PollOutcome, Source
from .formats import Document, read_article
from .listing import Entry, fingerprint, read_feed, read_list_page
from .timing import phase

MAX_ATTEMPTS = 5  # failed tries of one article before only a person (sources poll) tries it again
KEY_LENGTH = 512  # notices.key


@dataclass
class PollReport:
    source: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    not_modified: bool = False
    error: str | None = None  # the source could not be read: nothing of it was looked at
    errors: list[str] = field(default_factory=list)  # articles that failed
    seconds: dict[str, float] = field(default_factory=dict)
    requests: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and not self.errors

    def line(self) -> str:
        if self.error is not None:
            return f"{self.source}: failed: {self.error}"
        state = "not modified" if self.not_modified else "read"
        line = (f"{self.source}: {state}; notices: new {self.new}, updated {self.updated}, "
                f"unchanged {self.unchanged}, failed {self.failed}; requests {self.requests}")
        return line + "".join(f"\n  error: {e}" for e in self.errors)

    def outcome(self, validators: tuple[str | None, str | None] | None) -> PollOutcome:
        error = self.error
        if error is None and self.errors:
            error = f"{len(self.errors)} article(s) failed: {self.errors[0]}"
        etag, modified = validators or (None, None)
        return PollOutcome(error=error, etag=etag, last_modified=modified, new_notices=self.new,
                           keep_validators=validators is None)


def notice_key(url: str) -> str:
    """A notice's identity is its URL (shortened with a hash past the column's length)."""
    if len(url) <= KEY_LENGTH:
        return url
    return url[:KEY_LENGTH - 17] + "#" + hashlib.sha256(url.encode()).hexdigest()[:16]


class SourcePoll:
    """One poll of ``source`` by ``poller`` (a ``Poller``: fetcher, store, settings, clock)."""

    def __init__(self, poller, source: Source):
        self.poller, self.source, self.db = poller, source, poller.db
        self.report = PollReport(source.name)

    def run(self) -> tuple[PollReport, PollOutcome]:
        source, validators, pending = self.source, None, {}
        try:
            first = self.poller.get(source.url, etag=source.etag, last_modified=source.last_modified)
            if first.not_modified:
                self.report.not_modified = True
                validators = None
            else:
                pending = self._listing(first)
                validators = (first.etag, first.last_modified)
        except SourceError as exc:
            self.report.error = str(exc)
            return self.report, self.report.outcome(None)
        for article in articles.retry_due(self.db, source.id, MAX_ATTEMPTS):
            pending.setdefault(article.url, (Entry(article.url, article.url, article.listing_hash or ""), None))
        known = articles.known(self.db, source.id, pending)
        for url, (entry, response) in pending.items():
            self._article(entry, known.get(url), response)
        if self.report.error is not None:  # a page that could not be read: its validators must not make it a 304
            validators = None
        return self.report, self.report.outcome(validators)

    def _listing(self, first) -> dict[str, tuple[Entry, object]]:
        """url -> (entry, response already in hand) of what must be read; SourceError if the
        list or feed has no articles (a broken page is not "everything was withdrawn")."""
        source = self.source
        if source.kind == "page":
            entry = Entry(source.url, source.name, fingerprint(hashlib.sha256(first.body).hexdigest()))
            return {entry.url: (entry, first)}
        with phase("text"):
            if source.kind in ("rss", "atom"):
                listing = read_feed(first.body, first.url)
            else:
                listing = read_list_page(first.body, first.url, first.charset, source.link_pattern)
        if not listing.entries:
            what = f"links matching {source.link_pattern!r}" if source.link_pattern else "article links"
            raise UnreadableArticle(f"{source.url}: no {what} found (has the page changed its layout?); "
                                    f"nothing was withdrawn")
        pending, pages, seen = {}, 1, set()
        while True:
            fresh = self._needing_work(listing.entries, seen)
            pending.update((e.url, (e, None)) for e in fresh)
            if not fresh or listing.next_page is None or pages >= self.poller.max_pages:
                return pending
            reply = self.poller.get(listing.next_page)
            with phase("text"):
                listing = read_list_page(reply.body, reply.url, reply.charset, source.link_pattern)
            pages += 1

    def _needing_work(self, entries: list[Entry], seen: set[str]) -> list[Entry]:
        entries = [e for e in entries if e.url not in seen]
        seen.update(e.url for e in entries)
        known = articles.known(self.db, self.source.id, [e.url for e in entries])
        return [e for e in entries if e.url not in known or known[e.url].listing_hash != e.fingerprint
                or known[e.url].state == "failed"]

    def _article(self, entry: Entry, known: Article | None, response) -> None:
        source, now = self.source, self.poller.clock()
        try:
            if response is None:
                read_before = known is not None and known.content_hash is not None
                response = self.poller.get(entry.url, etag=known.etag if read_before else None,
                                           last_modified=known.last_modified if read_before else None)
            if response.not_modified:
                return self._unchanged(entry, known, now)
            with phase("text"):
                document = read_article(response, self.poller.get, self.poller.ocr)
            digest = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
            read = dict(content_hash=digest, etag=response.etag, last_modified=response.last_modified,
                        attachment_url=document.attachment_url, ocr=document.ocr)
            if known is not None and known.content_hash == digest and known.state != "failed":
                return self._unchanged(entry, known, now, **read)
            twin = articles.notice_with_content(self.db, digest, entry.url) if known is None else None
            if twin is not None:  # the same text at another URL: one notice, not two
                articles.record(self.db, source.id, entry.url, now, state="duplicate", listing_hash=entry.fingerprint,
                                notice_key=twin, **read)
                self.report.unchanged += 1
                return
            key = notice_key(entry.url)
            with phase("ingest"):
                result = ingest_text(self.db, key, document.text, source=entry.url, digest=digest,
                                     published=self._published(document, entry, now), review=self.poller.review,
                                     budget=self.poller.budget)
        except (SourceError, NotStored) as exc:
            articles.record(self.db, source.id, entry.url, now, state="failed", listing_hash=entry.fingerprint,
                            error=str(exc)[:2000])
            self.report.failed += 1
            self.report.errors.append(str(exc))
            if source.kind == "page":  # the page is the source: it could not be read
                self.report.error = str(exc)
            return
        articles.record(self.db, source.id, entry.url, now, state="ingested", listing_hash=entry.fingerprint,
                        notice_key=key, **read)
        setattr(self.report, result.outcome, getattr(self.report, result.outcome) + 1)

    def _unchanged(self, entry: Entry, known: Article, now: datetime, **read) -> None:
        # a 304 answers the validators of the last successful read: what was ingested then stands
        state = "duplicate" if known.state == "duplicate" else "ingested"
        articles.record(self.db, self.source.id, entry.url, now, state=state, listing_hash=entry.fingerprint, **read)
        self.report.unchanged += 1

    def _published(self, document: Document, entry: Entry, now: datetime) -> date:
        """The page's metadata, else the feed's or list's date, else the text's, else today."""
        if document.published is not None:
            return document.published
        if entry.published is not None:
            return entry.published
        guess = extraction.infer_published(document.text)
        return guess.date if guess is not None else self.poller.today(now)
