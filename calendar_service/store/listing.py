"""What the public pages read: the items current on a day in the order a resident needs them, the
recent past, how many of each kind, a notice with its events, and the latest notices.

"Current" and "the day an item is placed on" are ``kinds.is_current`` and ``kinds.placed_on``
asked in SQL (from the same ``DUE_KINDS`` and ``OPEN_ENDED_DAYS``, or the configured days); tests/store/test_listing.py
holds the two readings against each other. Only public, confirmed items are listed; a notice is
shown once it is public.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Date, and_, case, func, literal, or_, select, union_all
from sqlalchemy.orm import aliased

from ..articles import articles_of, several
from ..kinds import OPEN_ENDED_DAYS
from .database import Database
from .changes import moment
from .events import ORDER, EventFilter, Page, StoredEvent, of_due_kind, search, stored
from .models import Event, Notice


@dataclass(frozen=True)
class NoticeView:
    """A public notice with its public events, for its page and the API."""

    key: str
    source: str | None
    text: str
    published: date
    status: str
    ingested_at: datetime
    updated_at: datetime
    events: list[StoredEvent]


@dataclass(frozen=True)
class NoticeHead:
    """A notice as the home page names it when there is nothing to list: title, date, item count."""

    key: str
    title: str
    published: date
    status: str
    events: int


@dataclass(frozen=True)
class Drawn:
    """What the month view draws of an item (no description or source: the month's query reads
    hundreds of rows, and building whole events was most of its time)."""

    uid: str
    kind: str
    category: str
    title: str
    location: str | None
    start: date | datetime | None
    end: date | datetime | None


def drawn_query(first: date, last: date, *, category: str | None = None, open_ended_days: int = OPEN_ENDED_DAYS):
    """Public, confirmed items a calendar shows on a day of ``first``..``last``: a due item on its
    due date, a span over its days, an open-ended one for ``OPEN_ENDED_DAYS`` after it starts
    (``web/month_grid.covered`` draws exactly these), in date order.

    Read as two ranges of ``ix_events_end_date_start_date``, like what is current (``listed``):
    items ending on or after ``first`` (due or spans: filtered on their first day), and open-ended
    ones that start in ``first - open_ended_days``..``last``. As one condition with OR, SQLite read
    every event of the table (92 ms at 5,000 events, and growing with the past).
    """
    columns = (Event.uid, Event.kind, Event.category, Event.title, Event.location, Event.start_date,
               Event.start_at, Event.end_date, Event.end_at, Event.timezone)
    common = [Event.public(), Event.status == "confirmed", *_of(None, category)]
    due = and_(of_due_kind(), Event.end_date <= last)
    span = and_(~of_due_kind(), func.coalesce(Event.start_date, Event.end_date) <= last)
    ending = select(*columns).where(Event.end_date >= first, or_(due, span), *common)
    open_ended = select(*columns).where(
        Event.end_date.is_(None), Event.start_date.between(first - timedelta(days=open_ended_days), last),
        ~of_due_kind(), *common)
    found = union_all(ending, open_ended).subquery()
    order = (func.coalesce(found.c.start_date, found.c.end_date).nulls_first(), found.c.start_at.nulls_first(),
             found.c.uid)
    return select(*found.c).order_by(*order)


def drawn_between(db: Database, first: date, last: date, *, category: str | None = None,
                  open_ended_days: int = OPEN_ENDED_DAYS) -> list[Drawn]:
    """What the month view draws on ``first``..``last`` (``drawn_query``)."""
    query = drawn_query(first, last, category=category, open_ended_days=open_ended_days)
    with db.read() as session:  # plain rows on the session's connection: no ORM result processing
        rows = session.connection().execute(query).all()
    return [Drawn(uid, kind, cat, title, location, moment(sd, sa, tz) if sa else sd, moment(ed, ea, tz) if ea else ed)
            for uid, kind, cat, title, location, sd, sa, ed, ea, tz in rows]


def at_place(db: Database, name: str, today: date, *, open_ended_days: int = OPEN_ENDED_DAYS
             ) -> list[tuple[int, str | None]]:
    """(row id, place) of the items current on ``today`` whose place mentions ``name``, in the
    home page's order: what is current is two index ranges (``listed``), so what ended long ago is
    never read. The caller keeps those whose place really is it (places.places_in: 新龙源路 mentions
    龙源路 but is another road) and reads whole events for one page of them (``events_by_id``)."""
    found = listed(today, None, None, Event.id, Event.location, Event.kind, Event.start_date, Event.end_date,
                   Event.start_at, Event.uid, place=name, open_ended_days=open_ended_days)
    query = (select(found.c.id, found.c.location)
             .order_by(placed_day(today, found.c), found.c.start_at.nulls_first(), found.c.uid))
    with db.read() as session:
        return [(id_, location) for id_, location in session.execute(query)]


def events_by_id(db: Database, ids: list[int]) -> list[StoredEvent]:
    """The events of these row ids, in that order."""
    if not ids:
        return []
    query = select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id).where(Event.id.in_(ids))
    with db.read() as session:
        found = {row.id: stored(row, key) for row, key in session.execute(query)}
    return [found[id_] for id_ in ids if id_ in found]


def current_places(db: Database, today: date, open_ended_days: int = OPEN_ENDED_DAYS) -> list[tuple[str, int]]:
    """The places (as written) of the items current on ``today``, each with how many items name
    it: the place index (read once per distinct place, not once per item)."""
    found = listed(today, None, None, Event.location, open_ended_days=open_ended_days)
    query = select(found.c.location, func.count()).where(found.c.location.is_not(None)).group_by(found.c.location)
    with db.read() as session:
        return [(place, n) for place, n in session.execute(query) if place]


def _of(kind: str | None, category: str | None, event=Event, *, text: bool = False) -> list:
    """Conditions on the kind and category; ``text``: compared as ``kind || ''``, which no index serves."""
    found = []
    for column, value in ((event.kind, kind), (event.category, category)):
        if value:
            found.append((column.concat("") if text else column) == value)
    return found


def at(place: str | None) -> list:
    """The item's place mentions ``place`` (no condition without one)."""
    return [Event.location.contains(place, autoescape=True)] if place else []


def placed_day(today: date, event=Event):
    """``kinds.placed_on`` as a column of ``event`` (the table, an alias of it or a subquery's
    columns), no earlier than ``today`` (an item under way is listed today)."""
    due = case((of_due_kind(event), func.coalesce(event.end_date, event.start_date)),
               else_=func.coalesce(event.start_date, event.end_date))
    return case((due < today, literal(today, Date)), else_=due)


def listed(today: date, kind: str | None, q: str | None, *columns, category: str | None = None,
           place: str | None = None, open_ended_days: int = OPEN_ENDED_DAYS, status: str | None = "confirmed",
           also: tuple = ()):
    """The public, confirmed items current on ``today`` (of ``kind`` and ``category``, matching
    ``q``) as disjoint selects of ``columns``: those ending on or after today, and open-ended
    ones confirmed in the last ``open_ended_days`` (``open_ended_current``). Each is one range of an
    index (``ix_events_kind_end_date`` with a kind, ``ix_events_category_end_date`` with a category,
    ``ix_events_end_date_start_date`` without), so
    what ended long ago is never read: as one condition with OR, SQLite walked every event of the
    kind (its index serves the GROUP BY and the equality) and page time grew with history.
    Together they are ``kinds.is_current``. ``place``: the item's place mentions it; ``status``:
    of that status only (None: any); ``also``: more conditions on ``Event``.

    An open-ended item is current while its first day or its notice's date is recent
    (``open_ended_current``), read as two ranges too: a recent first day (the index again), or
    an older one in a recently published notice (``ix_notices_newest``, then the notice's
    events). As one condition, the index gave every open-ended item ever stored, each with a
    subquery for its notice's date."""
    kept = [Event.public(), *([Event.status == status] if status else []), *search(q), *at(place), *also]
    common = [*kept, *_of(kind, category)]
    since = today - timedelta(days=open_ended_days)
    open_ended = [Event.end_date.is_(None), ~of_due_kind(), *common]
    ongoing = select(*columns).where(Event.end_date >= today, *common)
    started = select(*columns).where(Event.start_date >= since, *open_ended)
    # found through the notices (ix_notices_newest, then ix_events_notice_id_end_date); the
    # kind and category compared as text (|| '') are no index's terms, so SQLite does not take
    # their index instead and read every open-ended item of the kind ever stored
    recent = select(Notice.id).where(Notice.published >= since)
    reconfirmed = select(*columns).where(
        Event.end_date.is_(None), ~of_due_kind(), Event.start_date < since, Event.notice_id.in_(recent),
        *kept, *_of(kind, category, text=True))
    return union_all(ongoing, started, reconfirmed).subquery()


def upcoming_query(today: date, kind: str | None, q: str | None, limit: int, offset: int, *,
                   category: str | None = None, open_ended_days: int = OPEN_ENDED_DAYS):
    """One page of the current items with their notices' keys, in the order of the day they are
    placed on. The page is chosen from the ranges' sort keys alone (``page_ids``), then its rows
    are read by id: sorting whole rows (descriptions, VEVENT bytes) of every current item was most
    of the page's time (the ids of every current item, unpaged, made PostgreSQL hash them and scan
    the whole table: the page took 1.6x with the past added)."""
    found = listed(today, kind, q, Event.id, Event.kind, Event.start_date, Event.end_date, Event.start_at, Event.uid,
                   category=category, open_ended_days=open_ended_days)
    page = page_ids(found, (placed_day(today, found.c), found.c.start_at.nulls_first(), found.c.uid), limit, offset)
    return (select(Event, Notice.key).join(page, Event.id == page.c.id).join(Notice, Event.notice_id == Notice.id)
            .order_by(placed_day(today, Event), Event.start_at.nulls_first(), Event.uid))


def page_ids(found, order: tuple, limit: int, offset: int):
    """The ids of one page of ``found`` (a ``listed`` subquery) in ``order``, as a subquery."""
    return select(found.c.id).order_by(*order).limit(limit).offset(offset).subquery()


def counts_query(today: date, q: str | None, column, *, kind: str | None = None, category: str | None = None,
                 open_ended_days: int = OPEN_ENDED_DAYS):
    found = listed(today, kind, q, column, category=category, open_ended_days=open_ended_days)
    return select(found.c[column.key], func.count()).group_by(found.c[column.key])


def upcoming(db: Database, today: date, *, kind: str | None = None, q: str | None = None, limit: int = 50,
             offset: int = 0, category: str | None = None, open_ended_days: int = OPEN_ENDED_DAYS
             ) -> tuple[list[StoredEvent], int]:
    """One page of the items current on ``today`` in the order of the day they are placed on, and
    how many there are."""
    found = listed(today, kind, q, Event.id, category=category, open_ended_days=open_ended_days)
    count = select(func.count()).select_from(found)
    query = upcoming_query(today, kind, q, limit, offset, category=category, open_ended_days=open_ended_days)
    with db.read() as session:
        total = session.execute(count).scalar_one()
        return [stored(row, key) for row, key in session.execute(query)], total


def current_events(db: Database, today: date, where: EventFilter, *, limit: int, offset: int,
                   open_ended_days: int = OPEN_ENDED_DAYS) -> Page:
    """One page of the public events current on ``today`` (the home page's set: ``listed``, of any
    status unless ``where.status`` says) matching ``where``'s kind, category, ``q`` and ``end``, in
    date order, and how many there are: the API's listing without ``from``. Its cost does not grow
    with the past (it listed every event ever stored, oldest first)."""
    also = (or_(Event.start_date <= where.end, Event.start_date.is_(None)),) if where.end else ()
    chosen = dict(category=where.category, status=where.status, also=also, open_ended_days=open_ended_days)
    count = select(func.count()).select_from(listed(today, where.kind, where.q, Event.id, **chosen))
    # the page is chosen from the sort keys alone, then its rows read by id: sorting whole rows
    # (descriptions, VEVENT bytes) of every current item took most of the time
    found = listed(today, where.kind, where.q, Event.id, Event.start_date, Event.end_date, Event.start_at, Event.uid,
                   **chosen)
    page = page_ids(found, (func.coalesce(found.c.start_date, found.c.end_date).nulls_first(),
                            found.c.start_at.nulls_first(), found.c.uid), limit, offset)
    query = (select(Event, Notice.key).join(page, Event.id == page.c.id).join(Notice, Event.notice_id == Notice.id)
             .order_by(*ORDER))
    with db.read() as session:
        total = session.execute(count).scalar_one()
        return Page([stored(row, key) for row, key in session.execute(query)], total)


def recent_past(db: Database, today: date, *, days: int, kind: str | None = None, q: str | None = None,
                limit: int = 50, category: str | None = None) -> list[StoredEvent]:
    """Items that ended in the last ``days`` days, the most recent first."""
    conditions = [Event.public(), Event.status == "confirmed", Event.end_date < today,
                  Event.end_date >= today - timedelta(days=days), *search(q), *_of(kind, category)]
    query = (select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id).where(*conditions)
             .order_by(Event.end_date.desc(), Event.end_at.desc().nulls_last(), Event.uid).limit(limit))
    with db.read() as session:
        return [stored(row, key) for row, key in session.execute(query)]


def kind_counts(db: Database, today: date, *, q: str | None = None, category: str | None = None,
                open_ended_days: int = OPEN_ENDED_DAYS) -> dict[str, int]:
    """How many items current on ``today`` of each kind match ``q`` (the filter's numbers)."""
    return _counts(db, counts_query(today, q, Event.kind, category=category, open_ended_days=open_ended_days))


def category_counts(db: Database, today: date, *, q: str | None = None, kind: str | None = None,
                    open_ended_days: int = OPEN_ENDED_DAYS) -> dict[str, int]:
    """How many items current on ``today`` of each category match ``q`` (and ``kind``)."""
    return _counts(db, counts_query(today, q, Event.category, kind=kind, open_ended_days=open_ended_days))


def _counts(db: Database, query) -> dict[str, int]:
    with db.read() as session:
        return {value: n for value, n in session.execute(query)}


def notice_by_key(db: Database, key: str) -> NoticeView | None:
    """A public notice with its public events in date order."""
    if "\x00" in key:  # never stored, and PostgreSQL refuses NUL in a text parameter
        return None
    with db.read() as session:
        notice = session.scalars(select(Notice).where(Notice.key == key, Notice.published_at.is_not(None))
                                 ).one_or_none()
        if notice is None:
            return None
        events = session.scalars(select(Event).where(Event.notice_id == notice.id, Event.public()).order_by(*ORDER))
        return NoticeView(notice.key, notice.source, notice.text, notice.published, notice.status,
                          notice.ingested_at, notice.updated_at, [stored(e, notice.key) for e in events])


def latest_notices(db: Database, *, limit: int = 5) -> list[NoticeHead]:
    """The most recently published public notices, with a title taken from their first lines."""
    events = (select(func.count()).where(Event.notice_id == Notice.id, Event.public())
              .correlate(Notice).scalar_subquery())
    query = (select(Notice.key, Notice.text, Notice.published, Notice.status, events)
             .where(Notice.published_at.is_not(None))
             .order_by(Notice.published.desc(), Notice.published_at.desc(), Notice.id.desc()).limit(limit))
    with db.read() as session:
        return [NoticeHead(key, notice_title(head or "", key), published, status, n)
                for key, head, published, status, n in session.execute(query)]


def notice_title(text: str, fallback: str) -> str:
    """A notice's name: its first ``#`` heading near the top, else its first line, else ``fallback``.

    A newspaper page holds many articles under ``#`` headings: none of them names the page, its own
    heading line above them does, with how many articles there are (``articles.articles_of``) ("九江日报 2022年8月16日 星期二 第3版 城事 ·
    9 篇"); a page without one is named by its first article and how many there are
    ("西大井1919大型铜雕《觉醒》落成亮相 等 9 篇").
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    articles = articles_of(text)  # its sections ("## …" under an article) are no articles of their own
    if several(articles):
        if not lines[0].startswith("#"):
            # a masthead spaces its parts out with runs of blanks
            return f"{' '.join(lines[0].split())[:50]} · {len(articles)} 篇"
        return f"{(articles[0].heading or '')[:40]} 等 {len(articles)} 篇"
    for line in lines[:8]:
        if line.startswith("#"):
            return line.lstrip("#").strip()[:60]
    return lines[0][:60] if lines else fallback
