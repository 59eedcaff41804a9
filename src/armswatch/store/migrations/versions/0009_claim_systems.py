"""Claims carry the weapon system their item names (issue 17): `claims.system`, the id of a system of the
catalogue (`data/systems.yaml`), null for generic items, with the index `ix_claims_system` (claims of a
system). Filled here for the claims already stored, from their item text with the packaged catalogue, as
the extractor fills it; `armswatch reextract` derives it again under the current extractor.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_CHUNK = 5000


def _fill() -> None:
    from armswatch.systems import load_catalogue

    catalogue = load_catalogue()
    claims = sa.table("claims", sa.column("id", sa.String), sa.column("item", sa.Text),
                      sa.column("system", sa.String))
    conn = op.get_bind()
    rows = conn.execute(sa.select(claims.c.id, claims.c.item)).all()  # ids and items only: a few MB per 100,000
    linked = [{"claim_id": cid, "system": s.id} for cid, item in rows if (s := catalogue.find(item)) is not None]
    update = claims.update().where(claims.c.id == sa.bindparam("claim_id")).values(system=sa.bindparam("system"))
    for i in range(0, len(linked), _CHUNK):
        conn.execute(update, linked[i : i + _CHUNK])


def upgrade() -> None:
    op.add_column("claims", sa.Column("system", sa.String(64),
                                      comment="id of the catalogued weapon system the item names (null: none)"))
    op.create_index("ix_claims_system", "claims", ["system"])
    _fill()


def downgrade() -> None:
    op.drop_index("ix_claims_system", table_name="claims")
    # SQLite drops a column in place since 3.35; batch mode would copy the table, which others reference
    op.execute("ALTER TABLE claims DROP COLUMN system")
