"""Fixtures for the store tests: one suite, run on SQLite and on PostgreSQL.

PostgreSQL tests use the server at 127.0.0.1:5432 (database `test`, trust auth); each test gets a
fresh schema, dropped afterwards, so runs never see each other's rows. When the server cannot be
reached the PostgreSQL variants skip, saying so.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_helpers import FixtureExtractor

from armswatch.store import Store, open_store

PG_SERVER = os.environ.get("ARMSWATCH_TEST_PG", "postgresql://{user}@127.0.0.1:5432/test")
_PG_USERS = ("postgres", "root")


def _pg_admin_url() -> tuple[str | None, str]:
    """A working admin conninfo for the test server, or None and the reason it is unusable."""
    try:
        import psycopg
    except ImportError as e:
        return None, f"psycopg is not installed ({e})"
    last = ""
    for user in _PG_USERS:
        url = PG_SERVER.format(user=user)
        try:
            with psycopg.connect(url, connect_timeout=3) as conn:
                conn.execute("SELECT 1")
            return url, ""
        except psycopg.Error as e:
            last = f"{url}: {str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__}"
    return None, f"PostgreSQL test server unreachable ({last})"


@pytest.fixture(scope="session")
def pg_admin() -> str:
    url, reason = _pg_admin_url()
    if url is None:
        pytest.skip(reason)
    return url


def _pg_schema_url(admin: str, schema: str) -> str:
    return f"{admin}?options=-csearch_path%3D{schema}"


@pytest.fixture
def pg_schema(pg_admin: str) -> Iterator[str]:
    """A fresh, empty schema on the test server (dropped afterwards); yields a store URL into it."""
    import psycopg

    schema = f"aw_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_admin, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield _pg_schema_url(pg_admin, schema)
    finally:
        with psycopg.connect(pg_admin, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: a SQLite file, or a new schema on the PostgreSQL test server."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite3")
    return str(request.getfixturevalue("pg_schema"))


@pytest.fixture
def new_db_url(request: pytest.FixtureRequest, db_url: str, tmp_path: Path) -> Any:
    """A factory for more fresh databases on the same back end as `db_url` (to compare runs)."""
    made: list[str] = []

    def make() -> str:
        if db_url.startswith("postgresql"):
            import psycopg

            admin = db_url.split("?", 1)[0]
            schema = f"aw_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'CREATE SCHEMA "{schema}"')
            made.append(schema)
            return _pg_schema_url(admin, schema)
        return str(tmp_path / f"store-{len(made) + 2}.sqlite3")

    yield make
    if made:
        import psycopg

        with psycopg.connect(db_url.split("?", 1)[0], autocommit=True) as conn:
            for schema in made:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def extractor() -> FixtureExtractor:
    return FixtureExtractor()
