"""Fixtures for the store tests: one suite, run on SQLite and on PostgreSQL (a fresh schema per
database, from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from store_helpers import FixtureExtractor
from tests.conftest import fresh_pg_schema

from armswatch.store import Store, open_store


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: a SQLite file, or a new schema on the PostgreSQL test server."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite3")
    return str(request.getfixturevalue("pg_schema"))


@pytest.fixture
def new_db_url(db_url: str, tmp_path: Path) -> Iterator[Any]:
    """A factory for more fresh databases on the same back end as `db_url` (to compare runs)."""
    numbers = count(2)
    with ExitStack() as schemas:

        def make() -> str:
            if db_url.startswith("postgresql"):
                return schemas.enter_context(fresh_pg_schema(db_url.split("?", 1)[0]))
            return str(tmp_path / f"store-{next(numbers)}.sqlite3")

        yield make


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
