"""What the home page lists: public, confirmed items that are current or coming, in the order a
resident needs them, and the latest notices for when there is nothing to list.

An item's *day* on the page is its due date for a deadline, otherwise its first day, or today
while it is under way; items are grouped by that day into today, the rest of this week (to
Sunday) and later. Open-ended items ("从10月17日起暂停") stay under way for ``OPEN_ENDED_DAYS``
after they start, so that years of "until further notice" do not pile up on the page.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Date, and_, case, func, literal, or_, select

from ..store import Database, StoredEvent
from ..store.events import stored
from ..store.models import Event, Notice
from ..kinds import DUE_KINDS, OPEN_ENDED_DAYS, local_day, placed_on

GROUPS = {"today": "今天", "week": "本周", "later": "以后", "past": "最近结束"}


@dataclass(frozen=True)
class Listed:
    event: StoredEvent
    day: date  # the day the item is listed under
    group: str  # key of GROUPS


@dataclass(frozen=True)
class NoticeHead:
    key: str
    title: str
    published: date
    status: str
    events: int


def _text(q: str | None):
    if not q:
        return []
    return [or_(*(column.contains(q, autoescape=True) for column in (Event.title, Event.location, Event.description)))]


def _current(today: date):
    return or_(Event.end_date >= today,
               and_(Event.end_date.is_(None), Event.kind.not_in(DUE_KINDS),
                    Event.start_date >= today - timedelta(days=OPEN_ENDED_DAYS)))


def _filters(today: date, kind: str | None, q: str | None) -> list:
    conditions = [Event.public(), Event.status == "confirmed", _current(today), *_text(q)]
    if kind:
        conditions.append(Event.kind == kind)
    return conditions


def _day_column(today: date):
    due = case((Event.kind.in_(DUE_KINDS), func.coalesce(Event.end_date, Event.start_date)),
               else_=func.coalesce(Event.start_date, Event.end_date))
    return case((due < today, literal(today, Date)), else_=due)


def upcoming(db: Database, today: date, *, kind: str | None = None, q: str | None = None, limit: int = 50,
             offset: int = 0) -> tuple[list[Listed], int]:
    """One page of current and coming items in the order of their day, and how many there are."""
    conditions = _filters(today, kind, q)
    count = select(func.count()).select_from(Event).where(*conditions)
    query = (select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id).where(*conditions)
             .order_by(_day_column(today), Event.start_at.nulls_first(), Event.uid).limit(limit).offset(offset))
    with db.read() as session:
        total = session.execute(count).scalar_one()
        events = [stored(row, key) for row, key in session.execute(query)]
    return [place(e, today) for e in events], total


def recent_past(db: Database, today: date, *, days: int, kind: str | None = None, q: str | None = None,
                limit: int = 50) -> list[Listed]:
    """Items that ended in the last ``days`` days, the most recent first."""
    conditions = [Event.public(), Event.status == "confirmed", Event.end_date < today,
                  Event.end_date >= today - timedelta(days=days), *_text(q)]
    if kind:
        conditions.append(Event.kind == kind)
    query = (select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id).where(*conditions)
             .order_by(Event.end_date.desc(), Event.end_at.desc().nulls_last(), Event.uid).limit(limit))
    with db.read() as session:
        return [Listed(stored(row, key), row.end_date, "past") for row, key in session.execute(query)]


def kind_counts(db: Database, today: date, *, q: str | None = None) -> dict[str, int]:
    """How many current and coming items of each kind match ``q`` (the filter's numbers)."""
    query = select(Event.kind, func.count()).where(*_filters(today, None, q)).group_by(Event.kind)
    with db.read() as session:
        return {kind: n for kind, n in session.execute(query)}


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

    A newspaper page holds many articles under ``#`` headings: it is named by its first article
    and how many there are ("西大井1919大型铜雕《觉醒》落成亮相 等 9 篇").
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    headings = [line.lstrip("#").strip() for line in lines if line.startswith("#")]
    if len(headings) > 1:
        return f"{headings[0][:40]} 等 {len(headings)} 篇"
    for line in lines[:8]:
        if line.startswith("#"):
            return line.lstrip("#").strip()[:60]
    return lines[0][:60] if lines else fallback


def place(event: StoredEvent, today: date) -> Listed:
    """The day an item is listed under, and its group."""
    day = max(local_day(placed_on(event.kind, event.start, event.end)), today)
    sunday = today + timedelta(days=6 - today.weekday())
    group = "today" if day == today else "week" if day <= sunday else "later"
    return Listed(event, day, group)
