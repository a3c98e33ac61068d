"""subscriptions by category and by place: a resident follows 停电, or 龙源路, by mail

Two nullable columns on ``subscriptions``: ``category`` (a key of ``kinds.CATEGORIES``) and
``place`` (a name as ``places.normalised`` keeps it). Existing rows follow neither, and their
``selection_key`` stays as it was (the key only grows when one of the two is set).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("subscriptions") as batch:
        batch.add_column(sa.Column("category", sa.String(32), nullable=True))
        batch.add_column(sa.Column("place", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("subscriptions") as batch:
        batch.drop_column("place")
        batch.drop_column("category")
