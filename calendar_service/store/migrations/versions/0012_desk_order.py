"""desk order: notices newest first as one index

The desk lists notices by publication date, the latest stored first on a day
(``published, ingested_at, id``, all descending) and stops at its limit. With only ``published``
indexed, PostgreSQL read every notice and sorted them (or hashed every pending event of the
store, however old, for the queue), so the desk grew with history. This index, read backwards,
is that order; a range of its first column still finds the recently published notices whose
open-ended items are current (store/listing.py), so it replaces ``ix_notices_published``.

Revision ID: 0012
Revises: 0011 (the listing indexes)
Create Date: 2026-11-28
"""
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_notices_newest", "notices", ["published", "ingested_at", "id"])
    op.drop_index("ix_notices_published", "notices")


def downgrade() -> None:
    op.create_index("ix_notices_published", "notices", ["published"])
    op.drop_index("ix_notices_newest", "notices")
