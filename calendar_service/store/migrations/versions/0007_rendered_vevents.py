"""rendered vevents: each event version's VEVENT bytes, rendered when it is stored

Feeds concatenate these instead of rendering every event in every worker after every restart
(issue 15). ``vevent_renderer`` names the renderer that wrote them, so bytes of an older renderer
are rendered again (store/rendered.py). Existing rows are rendered here.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa

from calendar_service.store.rendered import refresh

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("vevent", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("vevent_renderer", sa.String(16), nullable=True))
    refresh(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("vevent_renderer")
        batch.drop_column("vevent")
