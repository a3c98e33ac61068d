"""categories of events: what an item is about across kinds (停水, 停电, 道路, 缴费 …)

The extractor gives every item a ``category``; the store keeps it in ``events.category`` so that
pages, category feeds and reminder subjects can use it. Rows stored before get one derived from
their kind and cue words by ``kinds.derive_category`` (the one place that rule lives), which reads
the same cue words the extractor does.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

from calendar_service.kinds import derive_category

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("category", sa.String(32), nullable=False, server_default="other"))
        batch.create_index("ix_events_category", ["category"])
    connection = op.get_bind()
    events = sa.table("events", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                      sa.column("title", sa.Text), sa.column("location", sa.Text),
                      sa.column("source_text", sa.Text), sa.column("category", sa.String))
    last = 0
    while True:  # in batches by id: a large store is not read into memory at once
        rows = connection.execute(sa.select(events.c.id, events.c.kind, events.c.title, events.c.location,
                                            events.c.source_text).where(events.c.id > last)
                                  .order_by(events.c.id).limit(BATCH)).all()
        if not rows:
            break
        for row in rows:
            category = str(derive_category(row.kind, row.title, row.location, row.source_text))
            if category != "other":
                connection.execute(events.update().where(events.c.id == row.id).values(category=category))
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_category")
        batch.drop_column("category")
