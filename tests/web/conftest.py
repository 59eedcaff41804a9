"""Fixtures for the dashboard tests: a small store built from hand-written articles, the app over it,
and (for the search tests) the same store on the PostgreSQL test server, each run in its own schema."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_data import fill
from web_helpers import make_client

from armswatch.store import Store, open_store

PG_SERVER = os.environ.get("ARMSWATCH_TEST_PG", "postgresql://{user}@127.0.0.1:5432/test")


@pytest.fixture
def web_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(str(tmp_path / "web.sqlite3"))
    fill(store)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def client(web_store: Store) -> Iterator[TestClient]:
    with make_client(web_store) as c:
        yield c


@pytest.fixture
def readonly_client(web_store: Store) -> Iterator[TestClient]:
    with make_client(web_store, token="") as c:
        yield c


def _pg_admin_url() -> tuple[str | None, str]:
    try:
        import psycopg
    except ImportError as e:
        return None, f"psycopg is not installed ({e})"
    last = ""
    for user in ("postgres", "root"):
        url = PG_SERVER.format(user=user)
        try:
            with psycopg.connect(url, connect_timeout=3) as conn:
                conn.execute("SELECT 1")
            return url, ""
        except psycopg.Error as e:
            last = f"{url}: {str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__}"
    return None, f"PostgreSQL test server unreachable ({last})"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The fixture articles in a fresh store on SQLite, or in a new schema on the PostgreSQL test server."""
    if request.param == "sqlite":
        store = open_store(str(tmp_path / "any.sqlite3"))
        try:
            fill(store)
            yield store
        finally:
            store.close()
        return
    admin, reason = _pg_admin_url()
    if admin is None:
        pytest.skip(reason)
    import psycopg

    schema = f"aw_web_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        store = open_store(f"{admin}?options=-csearch_path%3D{schema}")
        try:
            fill(store)
            yield store
        finally:
            store.close()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

