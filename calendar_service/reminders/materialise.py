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
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from ..kinds import Kind
from ..places import located_at
from ..store import Database, events, outbox, subscriptions
from ..store.outbox import Entry
from ..store.subscriptions import Subscription
from ..zones import zone as zone_of
from . import timing
from .timing import Quiet

HISTORY = timedelta(days=60)  # how far back a sent reminder can still call for a change notice


@dataclass
class Materialised:
    created: int = 0
    digests: int = 0
    notices: int = 0


def materialise(db: Database, now: datetime, *, zone: tzinfo, hour: int) -> Materialised:
    result = Materialised()
    today = now.astimezone(zone).date()
    entries, digest_items = [], []
    by_selection: dict[tuple, list[Subscription]] = defaultdict(list)
    for subscription in subscriptions.active(db):
        by_selection[(subscription.kinds or (), subscription.q, subscription.category, subscription.place)
                     ].append(subscription)
    for (kinds, q, category, place), members in by_selection.items():
        longest = max(max(timing.leads_for(Kind.DEADLINE, s.lead_days)) for s in members)
        found = events.anchored_between(db, today - timedelta(days=1), today + timedelta(days=longest + 1),
                                        kinds=kinds, q=q, category=category, place=place)
        if place:  # the store matched the text; 新龙源路 is not 龙源路
            found = [t for t in found if located_at([t.event], place)]
        if not found:
            continue
        known = outbox.existing_reminders(db, [e.id for e in found])
        for subscription in members:
            made = _reminders(subscription, found, known, now, zone=zone, hour=hour)
            entries.extend(made)
            if subscription.digest:
                digest_items.extend((subscription, entry) for entry in made)
    result.created = outbox.insert(db, entries, now)
    result.digests = _digests(db, digest_items, now, hour=hour)
    result.notices = _change_notices(db, now, zone=zone)
    return result


def _reminders(subscription: Subscription, found: list[events.TrackedEvent], known, now: datetime, *,
               zone: tzinfo, hour: int) -> list[Entry]:
    reader = zone_of(subscription.timezone)
    quiet = _quiet(subscription.quiet_start, subscription.quiet_end)
    kind = "digest_item" if subscription.digest else "reminder"
    made = []
    for tracked in found:
        event = tracked.event
        anchor = timing.anchor_of(event, zone)
        if anchor is None or anchor.stale_at <= now:
            continue
        for lead in timing.leads_for(event.kind, subscription.lead_days):
            if (subscription.id, tracked.id, lead, anchor.label) in known:
                continue
            at = timing.remind_at(anchor, lead, reader, hour, quiet)
            if at >= anchor.stale_at or (subscription.confirmed_at and at < subscription.confirmed_at):
                continue
            made.append(Entry(outbox.reminder_key(subscription.id, tracked.id, lead, event.sequence), kind,
                              subscription.id, at, event_id=tracked.id, event_version=event.sequence,
                              lead_days=lead, anchor=anchor.label, stale_at=anchor.stale_at))
    return made


def _digests(db: Database, items: list[tuple[Subscription, Entry]], now: datetime, *, hour: int) -> int:
    """One ``digest`` row per subscriber and day that has items, at the first digest still to come."""
    wanted: dict[int, set[date]] = {}
    readers: dict[int, tuple[tzinfo, Quiet | None]] = {}
    for subscription, entry in items:
        reader = zone_of(subscription.timezone)
        readers[subscription.id] = (reader, _quiet(subscription.quiet_start, subscription.quiet_end))
        wanted.setdefault(subscription.id, set()).add(timing.digest_day(max(entry.remind_at, now), reader))

    def remind_at(subscription_id: int, day: date) -> datetime:
        reader, quiet = readers[subscription_id]
        return timing.out_of_quiet(datetime.combine(day, time(hour), reader), reader, quiet).astimezone(UTC)

    return outbox.insert_digests(db, wanted, remind_at, now)


def _change_notices(db: Database, now: datetime, *, zone: tzinfo) -> int:
    """Notices for subscribers reminded of an older version of an item that was since cancelled
    or moved to another date (one per subscriber and version, whatever else changed)."""
    latest: dict[tuple[int, int], outbox.Sent] = {}
    for sent in outbox.sent_about_changed_events(db, now - HISTORY):
        key = (sent.subscription_id, sent.event.id)
        if key not in latest or sent.version > latest[key].version:
            latest[key] = sent
    entries = []
    for sent in latest.values():
        event = sent.event.event
        if sent.version >= event.sequence:
            continue  # the subscriber heard of this version already
        cancelled = event.status != "confirmed" or not sent.event.public
        anchor = None if cancelled else timing.anchor_of(event, zone)
        if not cancelled and (anchor is None or anchor.label == sent.anchor):
            continue  # only the wording changed (or the date is gone): nothing to act on
        stale = max(sent.stale_at, anchor.stale_at) if anchor else sent.stale_at
        if stale <= now:
            continue  # over anyway
        reader = zone_of(sent.timezone)
        at = timing.out_of_quiet(now, reader, _quiet(*(sent.quiet or (None, None)))).astimezone(UTC)
        entries.append(Entry(outbox.change_key(sent.subscription_id, sent.event.id, event.sequence), "change",
                             sent.subscription_id, at, event_id=sent.event.id, event_version=event.sequence,
                             anchor=anchor.label if anchor else "cancelled", previous_anchor=sent.anchor,
                             stale_at=stale))
    return outbox.insert(db, entries, now)


def _quiet(start: int | None, end: int | None) -> Quiet | None:
    return Quiet(start, end) if start is not None and end is not None else None
