"""Alembic environment: migrations run on the connection calendar_service.store.schema passes in."""
from alembic import context

from calendar_service.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `calendar-service db upgrade` "
                       "(calendar_service.store.schema.upgrade), not the alembic command")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
