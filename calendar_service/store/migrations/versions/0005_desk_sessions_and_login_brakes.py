"""review desk: server-side sessions and login brakes shared by every worker

``desk_sessions`` holds one row per logged-in reviewer (the hash of the id in their cookie), so
that logging out or changing the password ends a session everywhere, including a cookie copied
before. ``login_brakes`` counts desk login attempts per client address, per browser that logged in
before and per account, with a backoff, so that every gunicorn worker and every restart shares
one brake (issue 13).

Revision ID: 0005
Revises: 0003 (the lead chains it after 0004 when branches merge)
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa

from calendar_service.store.models import UTCDateTime

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("password_key", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_desk_sessions_expires_at", "desk_sessions", ["expires_at"])
    op.create_table(
        "login_brakes",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("window_start", UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_at", UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("login_brakes")
    op.drop_index("ix_desk_sessions_expires_at", table_name="desk_sessions")
    op.drop_table("desk_sessions")
