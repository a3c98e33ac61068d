"""The articles a source linked to: what is known of each URL (so it is fetched once, and again
only when its entry in the list or feed changed or its last try failed), the outcome of each
try, and where a notice came from (its page and attachment, and whether OCR read it)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from .database import Database, insert_for
from .models import Source, SourceArticle
from .revision import bump as bump_revision


@dataclass(frozen=True)
class Article:
    url: str
    notice_key: str | None
    listing_hash: str | None
    content_hash: str | None
    etag: str | None
    last_modified: str | None
    state: str
    attempts: int
    last_error: str | None


@dataclass(frozen=True)
class Origin:
    """Where a notice was read from, for its page: "查看原文" links and the OCR note."""

    source: str
    issuer: str | None
    url: str
    attachment_url: str | None
    ocr: bool


COLUMNS = [getattr(SourceArticle, name) for name in Article.__dataclass_fields__]


def known(db: Database, source_id: int, urls: Iterable[str]) -> dict[str, Article]:
    """url -> what is known of it, for the URLs of ``source_id`` among ``urls``."""
    urls, found = list(urls), {}
    with db.read() as session:
        for i in range(0, len(urls), 500):
            rows = session.execute(select(*COLUMNS).where(SourceArticle.source_id == source_id,
                                                          SourceArticle.url.in_(urls[i:i + 500])))
            found.update((row.url, Article(*row)) for row in rows)
    return found


def retry_due(db: Database, source_id: int, max_attempts: int) -> list[Article]:
    """Articles of ``source_id`` whose last try failed, fewer than ``max_attempts`` times in a row."""
    with db.read() as session:
        rows = session.execute(select(*COLUMNS).where(SourceArticle.source_id == source_id,
                                                      SourceArticle.state == "failed",
                                                      SourceArticle.attempts < max_attempts)
                               .order_by(SourceArticle.id))
        return [Article(*row) for row in rows]


def notice_with_content(db: Database, content_hash: str, url: str) -> str | None:
    """The notice an article at another URL brought with exactly this text, if any."""
    with db.read() as session:
        return session.scalar(select(SourceArticle.notice_key).where(
            SourceArticle.content_hash == content_hash, SourceArticle.url != url,
            SourceArticle.state == "ingested").limit(1))


def record(db: Database, source_id: int, url: str, now: datetime, *, state: str, listing_hash: str | None,
           error: str | None = None, **read) -> None:
    """Write the outcome of a try at ``url``: ``state`` ``failed`` with ``error`` (the attempts
    count rises; what was read before stays), else what was read (``notice_key``,
    ``content_hash``, validators, ``attachment_url``, ``ocr``)."""
    with db.write() as session:
        insert = insert_for(session, SourceArticle).values(
            source_id=source_id, url=url, state=state, listing_hash=listing_hash, first_seen_at=now,
            fetched_at=now, attempts=1 if state == "failed" else 0, last_error=error, ocr=bool(read.get("ocr")),
            **{k: v for k, v in read.items() if k != "ocr"})
        if state == "failed":
            # the listing hash is kept as it was: a failed article is tried again anyway
            changes = dict(state=state, attempts=SourceArticle.attempts + 1, last_error=error, fetched_at=now)
        else:
            changes = dict(state=state, attempts=0, last_error=None, fetched_at=now, listing_hash=listing_hash, **read)
        session.execute(insert.on_conflict_do_update(index_elements=["source_id", "url"], set_=changes))
        if state == "ingested":  # a notice's page names where it came from: cached pages must see it
            bump_revision(session, now)


def origin_of(db: Database, notice_key: str) -> Origin | None:
    """Where the notice ``notice_key`` was read from (the first source that brought it), or None."""
    query = (select(Source.name, Source.issuer, SourceArticle.url, SourceArticle.attachment_url, SourceArticle.ocr)
             .join(Source, Source.id == SourceArticle.source_id)
             .where(SourceArticle.notice_key == notice_key, SourceArticle.state == "ingested")
             .order_by(SourceArticle.id).limit(1))
    with db.read() as session:
        row = session.execute(query).one_or_none()
        return Origin(*row) if row is not None else None
