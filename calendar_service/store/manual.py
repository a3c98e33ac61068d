"""Items a person makes at the review desk: added by hand to a notice, split in two, merged into one.

- An **added** item (often on a notice the extractor found nothing in) is stored like an extracted
  one: a UID given once, its VEVENT rendered by the same hook (store/rendered.py), approved and made
  public with the notice's other approved items when a reviewer publishes the notice.
- A **split** keeps the item's UID for its first part (an edit, as ``review.edit_event`` makes one)
  and gives the second part a new UID; the second part is public at once if the item was.
- A **merge** keeps one item's UID, widened to the days of both; the other item is rejected and
  cancelled (a subscriber who had it sees ``STATUS:CANCELLED``, kept as long as feeds keep
  cancellations).

Added and split-off items are ``manual``: re-extraction of the notice never cancels them and takes
an extracted item matching one as that item, not a new one (store/notices.py). The kept part of a
split and the survivor of a merge are edited items, and the merged-away item a rejected one, which
re-extraction leaves as the reviewer made them already. Mistakes a person can make here (a withdrawn
notice, a cancelled item, two notices) are ``InvalidInput`` with a Chinese message for the desk.
"""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import EventNotFound, InvalidInput
from ..extract import ExtractedEvent
from ..extract.events import make_uid
from ..kinds import is_due
from .changes import CALENDAR_FIELDS, differs, event_columns
from .database import Database
from .history import change_event
from .models import Event, Notice
from .notices import locked_notice, with_fresh_uids
from .revision import bump as bump_revision

#: The columns that place an item in time, as a merge takes them from one item or the other.
START, END = ("start_date", "start_at"), ("end_date", "end_at")


def add_item(db: Database, key: str, item: ExtractedEvent, *, now: datetime | None = None) -> str:
    """Add ``item`` (its uid is ignored) to the notice ``key``; the UID it was given."""
    now = now or datetime.now(UTC)
    with db.write() as session:
        notice = locked_notice(session, key)
        if notice.status == "withdrawn":
            raise InvalidInput("这则公告已撤回，不能再添加事项。")
        row = _new_item(session, notice.id, key, item, now, public=False)
        bump_revision(session, now)
        return row.uid


def split_item(db: Database, uid: str, first: ExtractedEvent, second: ExtractedEvent, *,
               now: datetime | None = None) -> str:
    """Make the event ``uid`` the ``first`` part and add the ``second`` as a new event of the same
    notice; the new part's UID."""
    now = now or datetime.now(UTC)
    with db.write() as session:
        row = _locked(session, uid)[0]
        _usable(row, "拆分")
        _edit(row, event_columns(first), now)
        key = session.scalar(select(Notice.key).where(Notice.id == row.notice_id))
        part = _new_item(session, row.notice_id, key, second, now, public=row.review == "published",
                         salt=f"split\x1f{uid}")
        bump_revision(session, now)
        return part.uid


def merge_items(db: Database, keep: str, other: str, *, title: str | None = None,
                now: datetime | None = None) -> None:
    """Merge the event ``other`` into ``keep`` (of the same notice): ``keep`` covers the days of both
    (and takes ``title`` if given); ``other`` is rejected and cancelled."""
    now = now or datetime.now(UTC)
    if keep == other:
        raise InvalidInput("不能把事项和它自己合并。")
    with db.write() as session:
        survivor, absorbed = _locked(session, keep, other)
        if survivor.notice_id != absorbed.notice_id:
            raise InvalidInput("只能合并同一则公告的事项。")
        _usable(survivor, "合并")
        _usable(absorbed, "合并")
        values = {name: getattr(survivor, name) for name in CALENDAR_FIELDS}
        values.update(_union(survivor, absorbed))
        if title:
            values["title"] = title
        if is_due(values["kind"]) and values["end_date"] is None:
            raise InvalidInput("合并后截止事项没有截止日，不能合并。")
        _edit(survivor, values, now)
        absorbed.review, absorbed.reviewed_at = "rejected", now
        change_event(absorbed, now, origin="review", status="cancelled")
        bump_revision(session, now)


def _locked(session: Session, *uids: str) -> list[Event]:
    """The rows of ``uids`` in that order, locked in id order (two merges never wait on each other)."""
    rows = {row.uid: row for row in session.scalars(select(Event).where(Event.uid.in_(uids))
                                                    .order_by(Event.id).with_for_update())}
    for uid in uids:
        if uid not in rows:
            raise EventNotFound(uid)
    return [rows[uid] for uid in uids]


def _usable(row: Event, action: str) -> None:
    if row.status == "cancelled" or row.review == "rejected":
        raise InvalidInput(f"已驳回或已取消的事项不能{action}。")


def _edit(row: Event, values: dict, now: datetime) -> None:
    """A reviewer's change of what a calendar shows of ``row`` (as ``review.edit_event`` makes it)."""
    if differs(row, values, CALENDAR_FIELDS):
        change_event(row, now, origin="review", **{name: values[name] for name in CALENDAR_FIELDS})
    row.edited_at = now
    if row.review == "pending":
        row.review, row.reviewed_at = "approved", now


def _new_item(session: Session, notice_id: int, key: str, item: ExtractedEvent, now: datetime, *, public: bool,
              salt: str = "desk") -> Event:
    """A manual event of the notice: approved (public at once when ``public``), with a fresh UID
    derived from the notice, the kind and the title (made unique like an extracted item's)."""
    values = event_columns(item)
    values["uid"] = make_uid(key, values["kind"], f"{salt}\x1f{values['title']}", 0)
    [values] = with_fresh_uids(session, [values], set())
    row = Event(notice_id=notice_id, sequence=0, status="confirmed", created=now, last_modified=now,
                review="published" if public else "approved", published_at=now if public else None,
                reviewed_at=now, manual=True, **values)
    session.add(row)
    session.flush()
    return row


def _union(a: Event, b: Event) -> dict:
    """The start and end columns of the days of both events: the earlier start and the later end,
    open when either is. Timed if both are, else all-day over the local dates."""
    timed = not a.all_day and not b.all_day
    values = {"all_day": not timed, "timezone": a.timezone if timed else None}
    for (day, instant), later in ((START, False), (END, True)):
        if getattr(a, day) is None or getattr(b, day) is None:
            chosen = None
        else:
            key = (lambda row: getattr(row, instant)) if timed else (lambda row: getattr(row, day))
            chosen = (max if later else min)((a, b), key=key)
        values[day] = getattr(chosen, day) if chosen is not None else None
        values[instant] = getattr(chosen, instant) if chosen is not None and timed else None
    return values
