"""items made by hand at the review desk: added to a notice, or split off another item

One column on ``events``: ``manual`` is true for an item a person made (added by hand, often to a
notice the extractor found nothing in, or the second part of a split item). Re-extraction of the
notice never cancels such an item, and an extracted item that matches it is taken as it rather
than added beside it (store/notices.py). Existing rows were all extracted: false.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("manual", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("manual")
