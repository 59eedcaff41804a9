"""Timestamps are stored in UTC with their zone on both back ends and come back as aware UTC datetimes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select
from store_helpers import make_claim

from armswatch.model import Document
from armswatch.store import Store, open_store
from armswatch.store import schema as t


def doc(n: int) -> Document:
    return Document(id=f"d{n}", text=f"Article {n}, distinct from the others.", origin=f"test#{n}")


def test_moments_come_back_aware_and_in_utc(store: Store) -> None:
    store.add_documents_and_claims([(doc(1), [make_claim()])], "v1")
    claim = store.claims()[0]
    decision = store.record_decision(claim.id, "reject", reason="misread", decided_by="ana")
    stored = store.decisions()[0]
    assert stored.decided_at.tzinfo is not None and stored.decided_at.utcoffset() == timedelta(0)
    assert abs(stored.decided_at - decision.decided_at) < timedelta(seconds=1)
    with store.engine.connect() as conn:
        ingested = conn.execute(select(t.documents.c.ingested_at)).scalar_one()
    assert ingested.tzinfo is not None and ingested.utcoffset() == timedelta(0)


def test_sqlite_text_carries_the_offset_and_old_zoneless_text_is_read_as_utc(tmp_path) -> None:
    path = tmp_path / "s.sqlite3"
    store = open_store(str(path))
    store.add_documents_and_claims([(doc(1), [make_claim()])], "v1")
    store.close()
    with sqlite3.connect(path) as raw:
        text = raw.execute("SELECT ingested_at FROM documents").fetchone()[0]
        assert text.endswith("+00:00") and "T" in text
        raw.execute("UPDATE documents SET ingested_at = '2024-05-03 10:00:00.000000'")  # as stores before 0007
    store = open_store(str(path))
    with store.engine.connect() as conn:
        ingested = conn.execute(select(t.documents.c.ingested_at)).scalar_one()
    store.close()
    assert ingested == datetime(2024, 5, 3, 10, tzinfo=UTC)


def test_a_moment_in_another_zone_is_stored_as_utc(tmp_path) -> None:
    schema_type = t.UTCDateTime()
    moment = datetime(2024, 5, 3, 12, tzinfo=timezone(timedelta(hours=2)))
    stored = schema_type.process_bind_param(moment, None)  # type: ignore[arg-type]
    assert stored == datetime(2024, 5, 3, 10, tzinfo=UTC)
