"""Alembic environment: armswatch runs migrations itself, on a connection it passes in.

`armswatch.store.engine.migrate` sets `config.attributes["connection"]`; nothing here reads an
alembic.ini or the environment.
"""

from __future__ import annotations

from alembic import context

from armswatch.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when someone runs the alembic CLI by hand
    raise RuntimeError("armswatch migrations run through armswatch.store (open_store), not the alembic CLI")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
