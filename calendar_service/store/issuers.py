"""Issuers (who issued the notice an item comes from): the index of a day's feed items by issuer,
for /issuers, an issuer's page and its feed.

An issuer is not a column: it is read from the notice's text (``articles.articles_of``: the
signature of the article an item's source sentence is in, or the notice's heading), or, when the
article names none, from the source the notice was fetched from (``sources.issuer``). The index
covers what a feed may hold on a day (``feed_conditions``), each item marked current or not
(``listing.listed``), and is built once per store revision and day by its reader (web/provenance.py);
each notice's text is read once per process (``articles_of`` keeps it).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ..articles import articles_of, issuers_at
from .database import Database
from .events import ORDER, StoredEvent, feed_conditions, stored
from .listing import listed
from .models import Event, Notice, Source, SourceArticle

BATCH = 500


@dataclass(frozen=True)
class IssuerIndex:
    held: dict[str, frozenset[str]] = field(default_factory=dict)  # issuer -> uids a feed holds today
    current: dict[str, frozenset[str]] = field(default_factory=dict)  # issuer -> those current today

    def listed(self) -> list[tuple[str, int]]:
        """Issuers with current items and how many, the busiest first."""
        return sorted(((name, len(uids)) for name, uids in self.current.items() if uids),
                      key=lambda i: (-i[1], i[0]))


def issuer_index(db: Database, today: date, *, past_days: int, cancelled_days: int,
                 open_ended_days: int) -> IssuerIndex:
    """Which issuer each item a feed may hold on ``today`` comes from."""
    held = select(Event.uid, Event.notice_id, Event.source_start).where(
        *feed_conditions(today, past_days=past_days, cancelled_days=cancelled_days, open_ended_days=open_ended_days))
    now = listed(today, None, None, Event.uid, open_ended_days=open_ended_days)
    with db.read() as session:
        current = set(session.scalars(select(now.c.uid)))
        rows = session.execute(held).all()
    texts = notice_texts(db, {notice for _, notice, _ in rows})
    uids: dict[str, set[str]] = defaultdict(set)
    for uid, notice, offset in rows:
        text, source_issuer = texts.get(notice, ("", None))
        for name in issuers_at(articles_of(text), offset, source_issuer):
            uids[name].add(uid)
    return IssuerIndex({name: frozenset(found) for name, found in uids.items()},
                       {name: frozenset(found & current) for name, found in uids.items()})


def notice_texts(db: Database, ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
    """notice id -> (its text, the issuer the first source that brought it names, if any)."""
    ids, found = sorted(ids), {}
    with db.read() as session:
        for i in range(0, len(ids), BATCH):
            rows = session.execute(select(Notice.id, Notice.key, Notice.text).where(Notice.id.in_(ids[i:i + BATCH])))
            batch = {key: (notice_id, text) for notice_id, key, text in rows}
            named = (select(SourceArticle.notice_key, Source.issuer).join(Source, Source.id == SourceArticle.source_id)
                     .where(SourceArticle.notice_key.in_(list(batch)), SourceArticle.state == "ingested",
                            Source.issuer.is_not(None))
                     .order_by(SourceArticle.id.desc()))  # the first source's issuer is written last
            issuers = dict(session.execute(named).all())
            found.update((notice_id, (text, issuers.get(key))) for key, (notice_id, text) in batch.items())
    return found


def events_by_uid(db: Database, uids: Iterable[str]) -> list[StoredEvent]:
    """The public events of ``uids``, in date order."""
    uids, found = sorted(uids), []
    with db.read() as session:
        for i in range(0, len(uids), BATCH):
            query = (select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id)
                     .where(Event.uid.in_(uids[i:i + BATCH]), Event.public()).order_by(*ORDER))
            found.extend(stored(row, key) for row, key in session.execute(query))
    return found
