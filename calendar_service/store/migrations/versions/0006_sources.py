"""sources: issuers' list pages, feeds and pages polled by the scheduler, and the articles read

A source keeps its polling state (conditional-GET validators, last success, last error, failures
in a row) and a claim (token + lease) so that several scheduler processes never poll it at once;
``source_articles`` remembers each article URL it linked to, so nothing is fetched twice.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

from calendar_service.store.models import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("link_pattern", sa.Text(), nullable=True),
        sa.Column("issuer", sa.String(200), nullable=True),
        sa.Column("every_seconds", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("next_poll_at", UTCDateTime(), nullable=False),
        sa.Column("last_poll_at", UTCDateTime(), nullable=True),
        sa.Column("etag", sa.String(512), nullable=True),
        sa.Column("last_modified", sa.String(64), nullable=True),
        sa.Column("last_success_at", UTCDateTime(), nullable=True),
        sa.Column("last_new_at", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", UTCDateTime(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("claim_token", sa.String(32), nullable=True),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('list', 'rss', 'atom', 'page')", name="ck_sources_kind"),
        sa.UniqueConstraint("name", name="uq_sources_name"),
    )
    op.create_index("ix_sources_host", "sources", ["host"])
    op.create_index("ix_sources_next_poll_at", "sources", ["next_poll_at"])
    op.create_table(
        "source_articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(),
                  sa.ForeignKey("sources.id", ondelete="CASCADE", name="fk_source_articles_source_id_sources"),
                  nullable=False),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("notice_key", sa.String(512), nullable=True),
        sa.Column("listing_hash", sa.String(64), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=True),
        sa.Column("etag", sa.String(512), nullable=True),
        sa.Column("last_modified", sa.String(64), nullable=True),
        sa.Column("attachment_url", sa.Text(), nullable=True),
        sa.Column("ocr", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("first_seen_at", UTCDateTime(), nullable=False),
        sa.Column("fetched_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("state IN ('ingested', 'duplicate', 'failed')", name="ck_source_articles_state"),
        sa.UniqueConstraint("source_id", "url", name="uq_source_articles_source_id_url"),
    )
    op.create_index("ix_source_articles_content_hash", "source_articles", ["content_hash"])
    op.create_index("ix_source_articles_notice_key", "source_articles", ["notice_key"])


def downgrade() -> None:
    op.drop_table("source_articles")
    op.drop_table("sources")
