"""Shared fixtures: the loaded extractor (once per session), where ../shared is, and fresh schemas on the
PostgreSQL test server.

PostgreSQL tests use the server at 127.0.0.1:5432 (database `test`, trust auth); each test gets a
fresh schema, dropped afterwards, so runs never see each other's rows. When the server cannot be
reached the PostgreSQL variants skip, saying so.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings

# The suite is a gate: its property tests draw the same examples on every run, so it fails only when the
# code changes. `ARMSWATCH_HYPOTHESIS=hunt` draws new ones, thirty times as many, to look for faults.
settings.register_profile("gate", derandomize=True)
settings.register_profile("hunt", derandomize=False, max_examples=3000)
settings.load_profile(os.environ.get("ARMSWATCH_HYPOTHESIS", "gate"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
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


@contextmanager
def fresh_pg_schema(admin: str) -> Iterator[str]:
    """A new, empty schema on the test server, dropped afterwards; yields a store URL into it."""
    import psycopg

    schema = f"aw_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{admin}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(scope="session")
def pg_admin() -> str:
    url, reason = _pg_admin_url()
    if url is None:
        pytest.skip(reason)
    return url


@pytest.fixture
def pg_schema(pg_admin: str) -> Iterator[str]:
    """A fresh, empty schema on the test server (dropped afterwards); yields a store URL into it."""
    with fresh_pg_schema(pg_admin) as url:
        yield url


@pytest.fixture(scope="session")
def extractor():
    from armswatch.extract import Extractor

    return Extractor()
