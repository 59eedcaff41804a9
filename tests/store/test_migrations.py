"""Migrations carry data: a store taken down to an older revision and back up is unchanged."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text
from store_helpers import FIXTURES, FixtureExtractor, dump

from armswatch.ingest import ingest
from armswatch.sources import iter_documents
from armswatch.store import open_store
from armswatch.store.engine import WRITE, alembic_config, current_revision, head_revision


def _go(store, revision: str, down: bool) -> None:
    with store.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
        (command.downgrade if down else command.upgrade)(alembic_config(conn), revision)


def test_compact_buckets_down_and_up_again(db_url: str) -> None:
    paths = [FIXTURES / "articles.jsonl", FIXTURES / "more"]
    with open_store(db_url) as store:
        ingest(iter_documents(paths), store, FixtureExtractor(), extractor_version="fixture", batch_size=4)
        before = dump(store)
        _go(store, "0002", down=True)
        with store.engine.connect() as conn:
            assert current_revision(conn) == "0002"
            buckets = conn.execute(text("SELECT bucket FROM dedup_bands")).scalars().all()
        assert buckets and all(isinstance(b, str) and b[2] == ":" for b in buckets)  # 0001's text keys
        _go(store, "head", down=False)
        with store.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
        assert dump(store) == before
    # the migrated index still finds copies: a syndicated copy stored now joins the right group
    with open_store(db_url) as store:
        original = next(d for d in store.documents() if d.doc_id == "hc-001")
        text_ = store.document_text(original.id)
        assert text_ is not None
        from armswatch.model import Document

        store.add_documents_and_claims([(Document(id="copy", text="LONDON - " + text_), [])], "fixture")
        copy = next(d for d in store.documents() if d.doc_id == "copy")
        assert copy.dup_group == original.dup_group


def test_case_embargo_flags_are_filled_for_stored_cases(db_url: str) -> None:
    paths = [FIXTURES / "articles.jsonl", FIXTURES / "more"]
    with open_store(db_url) as store:
        ingest(iter_documents(paths), store, FixtureExtractor(), extractor_version="fixture", batch_size=4)
        before = {k.id: (k.embargo_flags, k.embargo_contested) for k in store.cases()}
        assert any(flags == ("dprk",) for flags, _ in before.values())
        _go(store, "0003", down=True)
        with store.engine.connect() as conn:
            columns = conn.execute(text("SELECT * FROM cases")).keys()
        assert "embargo_flags" not in columns
        _go(store, "head", down=False)
        assert {k.id: (k.embargo_flags, k.embargo_contested) for k in store.cases()} == before
