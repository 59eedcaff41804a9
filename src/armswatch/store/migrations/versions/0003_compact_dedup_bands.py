"""Compact near-duplicate buckets: one BIGINT key (band in the top byte) in a WITHOUT ROWID table.

The text keys of 0001 ("07:<32 hex>") in a rowid table with a separate primary-key index took about
60% of a database's size. The buckets are recomputed from the stored MinHash signatures, so no
document needs to be read again.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen here on purpose: a migration must not change when armswatch.dedup does later.
_BANDS, _ROWS = 25, 5  # datasketch's choice for Jaccard threshold 0.5 with 128 permutations
_PAGE = 2000


def _int_bucket(band: int, chunk: bytes) -> Any:
    return (band << 56) | int.from_bytes(hashlib.blake2b(chunk, digest_size=7).digest(), "big")


def _text_bucket(band: int, chunk: bytes) -> Any:
    return f"{band:02d}:{hashlib.blake2b(chunk, digest_size=16).hexdigest()}"


def _rows(bucket: Callable[[int, bytes], Any]) -> Iterator[list[dict[str, Any]]]:
    """Bucket rows for every stored signature, a page of documents at a time."""
    conn = op.get_bind()
    sigs = sa.table("dedup_signatures", sa.column("document_id", sa.String), sa.column("signature", sa.LargeBinary))
    last = ""
    while True:
        page = conn.execute(
            sa.select(sigs.c.document_id, sigs.c.signature)
            .where(sigs.c.document_id > last)
            .order_by(sigs.c.document_id)
            .limit(_PAGE)
        ).all()
        if not page:
            return
        out = []
        for doc_id, signature in page:
            values = np.frombuffer(signature, dtype="<u8")
            for band in range(_BANDS):
                chunk = values[band * _ROWS : (band + 1) * _ROWS].astype("<u8").tobytes()
                out.append({"bucket": bucket(band, chunk), "document_id": doc_id})
        yield out
        last = page[-1][0]


def _rebuild(bucket_type: Any, bucket: Callable[[int, bytes], Any], comment: str, **table_kw: Any) -> None:
    new = op.create_table(
        "dedup_bands_new",
        sa.Column("bucket", bucket_type, primary_key=True, comment=comment),
        sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
        **table_kw,
    )
    for rows in _rows(bucket):
        op.bulk_insert(new, rows)
    op.drop_table("dedup_bands")
    op.rename_table("dedup_bands_new", "dedup_bands")
    if op.get_bind().dialect.name == "postgresql":  # constraint names do not follow a table rename
        for suffix in ("pkey", "document_id_fkey"):
            op.execute(f"ALTER TABLE dedup_bands RENAME CONSTRAINT dedup_bands_new_{suffix} TO dedup_bands_{suffix}")


def upgrade() -> None:
    _rebuild(sa.BigInteger, _int_bucket, "band number (top byte) + hash of its values", sqlite_with_rowid=False)


def downgrade() -> None:
    _rebuild(sa.String(40), _text_bucket, "band number + hash of that band's values")
