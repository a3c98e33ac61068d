"""speed: each event version's VEVENT bytes, rendered when it is stored; indexes of what is current

Feeds concatenate the bytes instead of rendering every event in every worker after every restart
(issue 15). ``vevent_renderer`` names the renderer that wrote them, so bytes of an older renderer
are rendered again (store/rendered.py). Existing rows are rendered here.

The pages' "current on a day" is two index ranges (store/listing.py): end date from today, and no
end date with a recent start, with or without a kind in front. The two new indexes lead with the
columns of the old single-column ones, which they replace.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa

from calendar_service.store.rendered import refresh

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("vevent", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("vevent_renderer", sa.String(16), nullable=True))
    refresh(op.get_bind())
    op.create_index("ix_events_end_date_start_date", "events", ["end_date", "start_date"])
    op.create_index("ix_events_kind_end_date", "events", ["kind", "end_date", "start_date"])
    op.drop_index("ix_events_end_date", "events")
    op.drop_index("ix_events_kind", "events")


def downgrade() -> None:
    op.create_index("ix_events_kind", "events", ["kind"])
    op.create_index("ix_events_end_date", "events", ["end_date"])
    op.drop_index("ix_events_kind_end_date", "events")
    op.drop_index("ix_events_end_date_start_date", "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("vevent_renderer")
        batch.drop_column("vevent")
