"""email reminders: subscriptions, the reminder outbox, rate limits

Reminders are delivered from the database, not from APScheduler's job store (DESIGN.md,
"Reminders"): ``reminder_outbox`` rows are materialised under a unique ``key`` and claimed by
dispatchers with a lease; ``rate_limits`` counts subscribe and resend requests across processes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa

from calendar_service.store.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KINDS = "kind IN ('reminder', 'digest', 'digest_item', 'change', 'confirm', 'links')"
STATES = "state IN ('pending', 'claimed', 'queued', 'sent', 'failed', 'skipped', 'merged', 'superseded')"


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("email_key", sa.String(320), nullable=False),
        sa.Column("selection_key", sa.String(64), nullable=False),
        sa.Column("kinds", sa.JSON(), nullable=True),
        sa.Column("q", sa.String(100), nullable=True),
        sa.Column("lead_days", sa.JSON(), nullable=True),
        sa.Column("digest", sa.Boolean(), nullable=False),
        sa.Column("quiet_start", sa.Integer(), nullable=True),
        sa.Column("quiet_end", sa.Integer(), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("confirmed_at", UTCDateTime(), nullable=True),
        sa.Column("unsubscribed_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("status IN ('pending', 'active', 'unsubscribed')", name="ck_subscriptions_status"),
        sa.UniqueConstraint("email_key", "selection_key", name="uq_subscriptions_email_key_selection"),
    )
    op.create_index("ix_subscriptions_email_key", "subscriptions", ["email_key"])
    op.create_table(
        "reminder_outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("subscription_id", sa.Integer(),
                  sa.ForeignKey("subscriptions.id", ondelete="CASCADE",
                                name="fk_reminder_outbox_subscription_id_subscriptions"), nullable=False),
        sa.Column("event_id", sa.Integer(),
                  sa.ForeignKey("events.id", ondelete="CASCADE", name="fk_reminder_outbox_event_id_events"),
                  nullable=True),
        sa.Column("event_version", sa.Integer(), nullable=True),
        sa.Column("lead_days", sa.Integer(), nullable=True),
        sa.Column("anchor", sa.String(64), nullable=True),
        sa.Column("previous_anchor", sa.String(64), nullable=True),
        sa.Column("remind_at", UTCDateTime(), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("stale_at", UTCDateTime(), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claim_token", sa.String(32), nullable=True),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.Column("digest_id", sa.Integer(),
                  sa.ForeignKey("reminder_outbox.id", ondelete="SET NULL",
                                name="fk_reminder_outbox_digest_id_reminder_outbox"), nullable=True),
        sa.Column("message_id", sa.String(255), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(KINDS, name="ck_reminder_outbox_kind"),
        sa.CheckConstraint(STATES, name="ck_reminder_outbox_state"),
        sa.UniqueConstraint("key", name="uq_reminder_outbox_key"),
    )
    op.create_index("ix_reminder_outbox_state_due_at", "reminder_outbox", ["state", "due_at"])
    op.create_index("ix_reminder_outbox_subscription_id_event_id", "reminder_outbox", ["subscription_id", "event_id"])
    op.create_index("ix_reminder_outbox_event_id", "reminder_outbox", ["event_id"])
    op.create_index("ix_reminder_outbox_digest_id", "reminder_outbox", ["digest_id"])
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("window_start", UTCDateTime(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("rate_limits")
    op.drop_table("reminder_outbox")
    op.drop_table("subscriptions")
