"""review state of events and notices, and the history of published events' changes

Events below the review threshold, and everything pasted at the review desk, are stored but not
shown until a reviewer publishes them: ``events.review`` says where an event stands, and
``published_at`` (events and notices) when it first became public; feeds, pages and the API show
only rows that have one. Rows that exist already were public, so they get their creation time.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa

from calendar_service.store.models import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

REVIEW_STATES = "review IN ('pending', 'approved', 'published', 'rejected')"


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:  # SQLite rebuilds the table for the CHECK
        batch.add_column(sa.Column("review", sa.String(16), nullable=False, server_default="published"))
        batch.add_column(sa.Column("published_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("reviewed_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("edited_at", UTCDateTime(), nullable=True))
        batch.create_check_constraint("review", REVIEW_STATES)  # ck_events_review by the naming convention
        batch.create_index("ix_events_review", ["review"])
    with op.batch_alter_table("notices") as batch:
        batch.add_column(sa.Column("published_at", UTCDateTime(), nullable=True))
    op.execute("UPDATE events SET published_at = created")
    op.execute("UPDATE notices SET published_at = ingested_at")
    op.create_table(
        "event_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(),
                  sa.ForeignKey("events.id", ondelete="CASCADE", name="fk_event_changes_event_id_events"),
                  nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
    )
    op.create_index("ix_event_changes_event_id", "event_changes", ["event_id"])


def downgrade() -> None:
    op.drop_table("event_changes")
    with op.batch_alter_table("notices") as batch:
        batch.drop_column("published_at")
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_review")
        batch.drop_constraint(op.f("ck_events_review"), type_="check")
        batch.drop_column("edited_at")
        batch.drop_column("reviewed_at")
        batch.drop_column("published_at")
        batch.drop_column("review")
