"""listing indexes: what is current with a category, and open-ended items reconfirmed lately

The pages' "current on a day" is index ranges (store/listing.py). With a category, SQLite walked
``ix_events_category`` (every event of the category, past ones included): the category now leads
an index like the kind's, which replaces the single-column one. An open-ended item is current while
its first day or its notice's date is recent: the second is a range of notices by date, then
each notice's open-ended items (its events by end and start date; this index replaces the
single-column one on ``notice_id``).

Revision ID: 0011
Revises: 0010 (the desk's hand-made items)
Create Date: 2026-11-28
"""
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_category_end_date", "events", ["category", "end_date", "start_date"])
    op.drop_index("ix_events_category", "events")
    op.create_index("ix_notices_published", "notices", ["published"])
    op.create_index("ix_events_notice_id_end_date", "events", ["notice_id", "end_date", "start_date"])
    op.drop_index("ix_events_notice_id", "events")


def downgrade() -> None:
    op.create_index("ix_events_notice_id", "events", ["notice_id"])
    op.drop_index("ix_events_notice_id_end_date", "events")
    op.drop_index("ix_notices_published", "notices")
    op.create_index("ix_events_category", "events", ["category"])
    op.drop_index("ix_events_category_end_date", "events")
