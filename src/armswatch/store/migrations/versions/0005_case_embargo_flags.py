"""Each case keeps its UN arms embargo flags, so lists filter and sort by them (embargo-first views).

`cases.embargo_flags`: ids of the embargoes the case may breach, space-separated ("" for none);
`cases.embargo_contested`: those whose flag rests only on claims reported as denied. Filled here for
the cases already stored, from their included claims, with the embargo rules of this version (the
flags are derived data: they follow the packaged embargo data, not a frozen copy).

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

_CLAIM_COLUMNS = ("document_id", "supplier", "recipient", "category", "status", "hedged", "denied",
                  "period_start", "period_end")


def _included_claims(conn: Any) -> dict[str, list[Any]]:
    from armswatch.model import Claim

    rows = conn.execute(sa.text(
        "SELECT cc.case_id, d.published, " + ", ".join(f"c.{c}" for c in _CLAIM_COLUMNS) +
        " FROM case_claims cc JOIN claims c ON c.id = cc.claim_id JOIN documents d ON d.id = c.document_id"
        " WHERE cc.included"))
    out: dict[str, list[Any]] = {}
    for r in rows:
        m = r._mapping
        claim = Claim(item="", evidence="", evidence_span=(0, 0), **{c: m[c] for c in _CLAIM_COLUMNS})
        published = m["published"]
        if isinstance(published, str):  # SQLite hands dates back as text here
            published = published[:10]
        out.setdefault(m["case_id"], []).append(SimpleNamespace(claim=claim, published=published))
    return out


def upgrade() -> None:
    op.add_column("cases", sa.Column("embargo_flags", sa.Text(),
                                     comment="ids of the UN arms embargoes the case may breach, space-separated"))
    op.add_column("cases", sa.Column("embargo_contested", sa.Text(),
                                     comment="those of embargo_flags resting only on denied claims"))
    from armswatch.embargo import assess_stored_case

    conn = op.get_bind()
    update = sa.text("UPDATE cases SET embargo_flags = :flags, embargo_contested = :contested WHERE id = :id")
    for case_id, claims in _included_claims(conn).items():
        found = assess_stored_case(claims)
        flags, contested = (found.flags, found.contested) if found else ((), ())
        conn.execute(update, {"flags": " ".join(flags), "contested": " ".join(contested), "id": case_id})
    conn.execute(sa.text("UPDATE cases SET embargo_flags = '' WHERE embargo_flags IS NULL"))
    conn.execute(sa.text("UPDATE cases SET embargo_contested = '' WHERE embargo_contested IS NULL"))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("embargo_contested")
        batch.drop_column("embargo_flags")
