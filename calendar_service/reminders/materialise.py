"""Subscriptions × public events -> outbox rows, idempotently; change and cancellation notices.

A pass looks at the items whose anchor (due date, or first day) lies between yesterday and the
longest lead time ahead, for every active subscription, grouped by what they follow (one query
per distinct selection, not per subscriber). For each lead time it inserts the row
``r:<subscription>:<event>:<lead>:<event sequence>``, unless

- the reminder time has passed before the subscription was confirmed (no backlog for newcomers),
- it would come too late to help (not before the item goes stale), or
- the same reminder for the same date already exists in an earlier version of the event (an
  edited title must not remind anyone twice).

Digest subscribers get the same rows as ``digest_item`` plus one ``digest`` row per day.

A subscriber who was reminded of an item that was then cancelled, or whose date moved, gets one
``change`` notice per new version (``c:<subscription>:<event>:<sequence>``).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from sqlalchemy import and_, between, or_, select

from ..kinds import DUE_KINDS, Kind
from ..store import Database
from ..store.changes import zone as zone_of
from ..store.events import stored
from ..store.models import Event, Notice, OutboxRow, Subscription
from . import outbox, timing
from .timing import Quiet

HISTORY = timedelta(days=60)  # how far back a sent reminder can still call for a change notice


@dataclass
class Materialised:
    created: int = 0
    digests: int = 0
    notices: int = 0


def materialise(db: Database, now: datetime, *, zone: tzinfo, hour: int) -> Materialised:
    result = Materialised()
    subscriptions = _active(db)
    today = now.astimezone(zone).date()
    rows, digest_items = [], []
    by_selection: dict[tuple, list[Subscription]] = defaultdict(list)
    for subscription in subscriptions:
        by_selection[(tuple(subscription.kinds or ()), subscription.q)].append(subscription)
    for (kinds, q), members in by_selection.items():
        longest = max(max(timing.leads_for(Kind.DEADLINE, s.lead_days)) for s in members)
        events = _candidates(db, kinds, q, today - timedelta(days=1), today + timedelta(days=longest + 1))
        if not events:
            continue
        known = _existing(db, [row_id for row_id, _ in events])
        for subscription in members:
            made = _reminders(subscription, events, known, now, zone=zone, hour=hour)
            rows.extend(made)
            if subscription.digest:
                digest_items.extend((subscription, row) for row in made)
    with db.write() as session:
        result.created = outbox.insert(session, rows)
    result.digests = _digests(db, digest_items, now, hour=hour)
    result.notices = _change_notices(db, now, zone=zone)
    return result


def _active(db: Database) -> list[Subscription]:
    with db.read() as session:
        return list(session.scalars(select(Subscription).where(Subscription.status == "active")))


def _candidates(db: Database, kinds: tuple[str, ...], q: str | None, first, last) -> list[tuple[int, object]]:
    """(row id, StoredEvent) of public, confirmed items of the selection anchored in first..last."""
    anchored = or_(and_(Event.kind.in_(DUE_KINDS), between(Event.end_date, first, last)),
                   and_(Event.kind.not_in(DUE_KINDS), between(Event.start_date, first, last)))
    query = (select(Event, Notice.key).join(Notice, Event.notice_id == Notice.id)
             .where(Event.public(), Event.status == "confirmed", anchored))
    if kinds:
        query = query.where(Event.kind.in_(kinds))
    if q:
        query = query.where(or_(*(column.contains(q, autoescape=True)
                                  for column in (Event.title, Event.location, Event.description))))
    with db.read() as session:
        return [(row.id, stored(row, key)) for row, key in session.execute(query)]


def _existing(db: Database, event_ids: list[int]) -> set[tuple[int, int, int, str]]:
    """(subscription, event, lead, anchor) of every live reminder row of these events."""
    found = set()
    with db.read() as session:
        for start in range(0, len(event_ids), 500):
            found.update(session.execute(
                select(OutboxRow.subscription_id, OutboxRow.event_id, OutboxRow.lead_days, OutboxRow.anchor)
                .where(OutboxRow.event_id.in_(event_ids[start:start + 500]),
                       OutboxRow.kind.in_(("reminder", "digest_item")), OutboxRow.state != "superseded")).all())
    return found


def _reminders(subscription: Subscription, events, known, now: datetime, *, zone: tzinfo, hour: int) -> list[dict]:
    reader = zone_of(subscription.timezone)
    quiet = _quiet(subscription)
    kind = "digest_item" if subscription.digest else "reminder"
    rows = []
    for event_id, event in events:
        anchor = timing.anchor_of(event, zone)
        if anchor is None or anchor.stale_at <= now:
            continue
        for lead in timing.leads_for(event.kind, subscription.lead_days):
            if (subscription.id, event_id, lead, anchor.label) in known:
                continue
            at = timing.remind_at(anchor, lead, reader, hour, quiet)
            if at >= anchor.stale_at or (subscription.confirmed_at and at < subscription.confirmed_at):
                continue
            rows.append(dict(key=f"r:{subscription.id}:{event_id}:{lead}:{event.sequence}", kind=kind,
                             subscription_id=subscription.id, event_id=event_id, event_version=event.sequence,
                             lead_days=lead, anchor=anchor.label, remind_at=at, due_at=at, stale_at=anchor.stale_at,
                             state="pending", attempts=0, created_at=now))
    return rows


def _digests(db: Database, items: list[tuple[Subscription, dict]], now: datetime, *, hour: int) -> int:
    """One ``digest`` row per subscriber and day that has items, at the first digest still to come."""
    if not items:
        return 0
    wanted: dict[int, tuple[Subscription, set]] = {}
    for subscription, row in items:
        reader = zone_of(subscription.timezone)
        wanted.setdefault(subscription.id, (subscription, set()))[1].add(timing.digest_day(max(row["remind_at"], now),
                                                                                          reader))
    with db.write() as session:
        done = {key for key, in session.execute(select(OutboxRow.key).where(
            OutboxRow.kind == "digest", OutboxRow.subscription_id.in_(list(wanted)),
            OutboxRow.state.in_(("sent", "failed", "skipped"))))}
        rows = []
        for subscription, days in wanted.values():
            reader, quiet = zone_of(subscription.timezone), _quiet(subscription)
            for day in sorted(days):
                while f"d:{subscription.id}:{day.isoformat()}" in done:  # that day's digest went already
                    day += timedelta(days=1)
                at = timing.out_of_quiet(datetime.combine(day, time(hour), reader), reader, quiet).astimezone(UTC)
                rows.append(dict(key=f"d:{subscription.id}:{day.isoformat()}", kind="digest",
                                 subscription_id=subscription.id, remind_at=at, due_at=at,
                                 state="pending", attempts=0, created_at=now))
        return outbox.insert(session, rows)


def _change_notices(db: Database, now: datetime, *, zone: tzinfo) -> int:
    """Notices for subscribers reminded of an older version of an item that was since cancelled
    or moved to another date (one per subscriber and version, whatever else changed)."""
    sent = (select(OutboxRow.subscription_id, OutboxRow.event_id, OutboxRow.event_version, OutboxRow.anchor,
                   OutboxRow.stale_at, Event, Notice.key, Subscription)
            .join(Event, Event.id == OutboxRow.event_id).join(Notice, Notice.id == Event.notice_id)
            .join(Subscription, Subscription.id == OutboxRow.subscription_id)
            .where(OutboxRow.state == "sent", OutboxRow.kind.in_(outbox.ABOUT_EVENTS), Event.sequence > 0,
                   Subscription.status == "active", OutboxRow.stale_at > now - HISTORY))
    latest: dict[tuple[int, int], tuple] = {}
    with db.read() as session:
        for row in session.execute(sent):
            key = (row.subscription_id, row.event_id)
            if key not in latest or row.event_version > latest[key][0]:
                latest[key] = (row.event_version, row.anchor, row.stale_at, row.Event, row.key, row.Subscription)
    rows = []
    for (subscription_id, event_id), (version, known, old_stale, row, notice_key, subscription) in latest.items():
        if version >= row.sequence:
            continue  # the subscriber heard of this version already
        cancelled = row.status != "confirmed" or row.published_at is None
        anchor = None if cancelled else timing.anchor_of(stored(row, notice_key), zone)
        if not cancelled and (anchor is None or anchor.label == known):
            continue  # only the wording changed (or the date is gone): nothing to act on
        stale = max(old_stale, anchor.stale_at) if anchor else old_stale
        if stale <= now:
            continue  # over anyway
        reader = zone_of(subscription.timezone)
        at = timing.out_of_quiet(now, reader, _quiet(subscription)).astimezone(UTC)
        rows.append(dict(key=f"c:{subscription_id}:{event_id}:{row.sequence}", kind="change",
                         subscription_id=subscription_id, event_id=event_id, event_version=row.sequence,
                         anchor=anchor.label if anchor else "cancelled", previous_anchor=known, remind_at=at, due_at=at,
                         stale_at=stale, state="pending", attempts=0, created_at=now))
    with db.write() as session:
        return outbox.insert(session, rows)


def _quiet(subscription: Subscription) -> Quiet | None:
    if subscription.quiet_start is None or subscription.quiet_end is None:
        return None
    return Quiet(subscription.quiet_start, subscription.quiet_end)
