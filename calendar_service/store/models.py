"""The tables: notices, the events read from them, their published changes, one store-wide
revision counter, and the email reminders' subscriptions, outbox and rate limits."""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (JSON, BigInteger, Boolean, CheckConstraint, Date, DateTime, Float, ForeignKey, Index,
                        Integer, LargeBinary, MetaData, String, Text, TypeDecorator, UniqueConstraint, false)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NOTICE_STATUSES = ("active", "withdrawn")
EVENT_STATUSES = ("confirmed", "cancelled")
#: Where an event stands with reviewers (store/review.py): ``pending`` waits for a person,
#: ``approved`` is accepted but not yet public, ``published`` is public, ``rejected`` was refused.
#: What the public sees is decided by ``published_at`` alone (see ``Event.public``).
REVIEW_STATES = ("pending", "approved", "published", "rejected")


class UTCDateTime(TypeDecorator):
    """An aware datetime stored as UTC; SQLite (which keeps no zone) gets it back aware too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store keeps aware datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    })


class Notice(Base):
    """One notice document, identified by ``key`` (its path relative to the ingest root, or --id)."""

    __tablename__ = "notices"
    __table_args__ = (CheckConstraint(_one_of("status", NOTICE_STATUSES), name="status"),
                      # the desk's order read backwards (store/review.py); open-ended items reconfirmed
                      # lately (store/listing.py) are a range of its first column
                      Index("ix_notices_newest", "published", "ingested_at", "id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(512), unique=True)
    source: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    published: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="active")
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # when the notice became public (ingest: at once; the review desk: when a reviewer publishes)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    events: Mapped[list[Event]] = relationship(back_populates="notice", passive_deletes=True)


class Event(Base):
    """One calendar entry. ``uid`` is given once (the extractor's, made unique) and kept across
    re-extractions by matching (store/identity.py).

    All-day items keep ``start_date``/``end_date`` (``end_date`` inclusive). Timed items keep the
    instants in ``start_at``/``end_at`` (UTC) and their zone in ``timezone``, and also their local
    dates in ``start_date``/``end_date`` so that one date-range query serves both.
    """

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(_one_of("status", EVENT_STATUSES), name="status"),
        CheckConstraint(_one_of("review", REVIEW_STATES), name="review"),
        Index("ix_events_start_date", "start_date"),
        # what is current is a range of these (store/listing.py): past events are never read
        Index("ix_events_end_date_start_date", "end_date", "start_date"),
        Index("ix_events_kind_end_date", "kind", "end_date", "start_date"),
        Index("ix_events_review", "review"),
        Index("ix_events_category_end_date", "category", "end_date", "start_date"),
        Index("ix_events_notice_id_end_date", "notice_id", "end_date", "start_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    # indexed with the dates (ix_events_notice_id_end_date): a recent notice's open-ended items
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    # what the item is about across kinds (kinds.CATEGORIES): the extractor's, or derived (0007)
    category: Mapped[str] = mapped_column(String(32), default="other", server_default="other")
    title: Mapped[str] = mapped_column(Text)
    all_day: Mapped[bool] = mapped_column(Boolean)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    start_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    timezone: Mapped[str | None] = mapped_column(String(64))
    location: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    source_file: Mapped[str | None] = mapped_column(Text)
    source_text: Mapped[str] = mapped_column(Text)
    source_start: Mapped[int] = mapped_column(Integer)
    source_end: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="confirmed")
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    last_modified: Mapped[datetime] = mapped_column(UTCDateTime)
    review: Mapped[str] = mapped_column(String(16), default="published", server_default="published")
    # first time the event became public; once set, it stays in feeds (cancelled if later rejected)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a person approved or rejected it
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a person changed it: re-extraction keeps that
    # a person made it at the desk (added by hand, or split off another item): re-extraction never
    # cancels it, and an extracted item matching it is taken as it (store/manual.py, 0010)
    manual: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # this version's VEVENT, rendered when it was stored (store/rendered.py), and by which renderer
    vevent: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    vevent_renderer: Mapped[str | None] = mapped_column(String(16))

    notice: Mapped[Notice] = relationship(back_populates="events")

    @classmethod
    def public(cls):
        """The condition every public reader (feeds, API, pages, reminders) puts on events."""
        return cls.published_at.is_not(None)


class EventChange(Base):
    """What changed in a public event (old and new values of what a calendar shows), for its page."""

    __tablename__ = "event_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    origin: Mapped[str] = mapped_column(String(16))  # "ingest" or "review"
    changes: Mapped[dict] = mapped_column(JSON)  # field -> [old, new], values as the extract contract writes them


class Revision(Base):
    """A single row counting committed changes: the cache key of everything built from the store.

    Every transaction that writes notices or events increments it before committing; updates of
    one row are serialised by the database, so the value orders commits across processes.
    """

    __tablename__ = "store_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# --- email reminders (issue 6): subscriptions, the outbox the dispatchers claim rows from, rate limits ---

SUBSCRIPTION_STATUSES = ("pending", "active", "unsubscribed")
#: reminder: one item, alone; digest: one day's items of a digest subscriber (its members are
#: digest_item rows); change: an item changed or was cancelled after the subscriber was reminded;
#: confirm: the double opt-in mail; links: "your subscription links" (resend, or subscribing again).
OUTBOX_KINDS = ("reminder", "digest", "digest_item", "change", "confirm", "links")
#: pending -> claimed (leased by one dispatcher) -> sent | failed | pending again (retry, lease expired);
#: digest members: pending -> queued (fixed in one digest) -> sent. skipped: stale or unwanted at
#: send time; merged: an earlier lead of an item covered by a later one; superseded: the event or
#: subscription changed before it went.
OUTBOX_STATES = ("pending", "claimed", "queued", "sent", "failed", "skipped", "merged", "superseded")


class Subscription(Base):
    """One address following one selection (kinds, a search, a category, a place), with its delivery
    preferences."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        CheckConstraint(_one_of("status", SUBSCRIPTION_STATUSES), name="status"),
        UniqueConstraint("email_key", "selection_key", name="uq_subscriptions_email_key_selection"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320))  # as given (domain lower-cased)
    email_key: Mapped[str] = mapped_column(String(320), index=True)  # lower-cased: one address, one identity
    selection_key: Mapped[str] = mapped_column(String(64))  # hash of kinds + q (+ category + place)
    kinds: Mapped[list | None] = mapped_column(JSON)  # None: every kind
    q: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[str | None] = mapped_column(String(32))  # None: every category
    place: Mapped[str | None] = mapped_column(String(100))  # a name as places.normalised keeps it
    lead_days: Mapped[list | None] = mapped_column(JSON)  # None: 7 and 1 before a deadline, 1 before the rest
    digest: Mapped[bool] = mapped_column(Boolean, default=False)
    quiet_start: Mapped[int | None] = mapped_column(Integer)  # minutes after local midnight
    quiet_end: Mapped[int | None] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OutboxRow(Base):
    """One mail to send (or one item of a digest). ``key`` makes materialising twice a no-op:
    ``r:<subscription>:<event>:<lead days>:<event sequence>`` for reminders."""

    __tablename__ = "reminder_outbox"
    __table_args__ = (
        CheckConstraint(_one_of("kind", OUTBOX_KINDS), name="kind"),
        CheckConstraint(_one_of("state", OUTBOX_STATES), name="state"),
        Index("ix_reminder_outbox_state_due_at", "state", "due_at"),
        Index("ix_reminder_outbox_subscription_id_event_id", "subscription_id", "event_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    event_version: Mapped[int | None] = mapped_column(Integer)  # the event's sequence it was made for
    lead_days: Mapped[int | None] = mapped_column(Integer)
    anchor: Mapped[str | None] = mapped_column(String(64))  # what it reminds of ("due:2022-12-25"): changes show
    previous_anchor: Mapped[str | None] = mapped_column(String(64))  # change notices: what the subscriber knew
    remind_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when it was meant to go
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when it may go next (retries move it)
    stale_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # useless from then on
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("reminder_outbox.id", ondelete="SET NULL"), index=True)
    message_id: Mapped[str | None] = mapped_column(String(255))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RateLimit(Base):
    """A fixed-window counter per key (hashed address or client address), shared by every process."""

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    count: Mapped[int] = mapped_column(Integer)


class DeskSession(Base):
    """A reviewer logged in at the review desk. The cookie holds a random id; the row only its hash,
    so the table gives nobody a usable session. Deleting the row (logout) ends the session on
    every worker; ``password_key`` ties it to the password it was opened with."""

    __tablename__ = "desk_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class LoginBrake(Base):
    """Desk login attempts of one key (a hashed client address, a browser, the account) in the
    current window, and when the next may be made (backoff)."""

    __tablename__ = "login_brakes"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer)
    next_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
# --- sources (issue 11): issuers' pages and feeds the scheduler polls, and the articles read from them ---

SOURCE_KINDS = ("list", "rss", "atom", "page")
#: ingested: its text is a notice (key = its URL); duplicate: its text is another article's notice;
#: failed: the last try failed (tried again on later polls, ``attempts`` counts them).
ARTICLE_STATES = ("ingested", "duplicate", "failed")


class Source(Base):
    """One list page, feed or single page of an issuer, with its polling state.

    ``claim_token``/``lease_until`` say which poller owns it now (store/sources.py claims it with a
    conditional UPDATE); ``failures`` counts failed polls in a row and is what "broken" is read from.
    """

    __tablename__ = "sources"
    __table_args__ = (CheckConstraint(_one_of("kind", SOURCE_KINDS), name="kind"),
                      Index("ix_sources_next_poll_at", "next_poll_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    url: Mapped[str] = mapped_column(Text)
    host: Mapped[str] = mapped_column(String(255), index=True)  # one poll per host at a time
    kind: Mapped[str] = mapped_column(String(8))
    link_pattern: Mapped[str | None] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(String(200))
    every_seconds: Mapped[int] = mapped_column(Integer)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_poll_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(64))
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_new_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the last poll that brought a new notice
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SourceArticle(Base):
    """One article URL a source linked to: what was read from it, so that it is not fetched again
    unless its entry in the list or feed changed (``listing_hash``) or its last try failed."""

    __tablename__ = "source_articles"
    __table_args__ = (CheckConstraint(_one_of("state", ARTICLE_STATES), name="state"),
                      UniqueConstraint("source_id", "url", name="uq_source_articles_source_id_url"),
                      Index("ix_source_articles_content_hash", "content_hash"),
                      Index("ix_source_articles_notice_key", "notice_key"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(2048))
    notice_key: Mapped[str | None] = mapped_column(String(512))
    listing_hash: Mapped[str | None] = mapped_column(String(64))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(64))
    attachment_url: Mapped[str | None] = mapped_column(Text)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)  # its text (or part of it) was read by OCR
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # failed tries in a row
    last_error: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
