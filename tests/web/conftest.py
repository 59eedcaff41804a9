"""Fixtures for the dashboard tests: a small store built from hand-written articles, the app over it,
and (for the search tests) the same store on the PostgreSQL test server, each run in its own schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_data import fill
from web_helpers import make_client

from armswatch.store import Store, open_store


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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The fixture articles in a fresh store on SQLite, or in a new schema on the PostgreSQL test server."""
    url = str(tmp_path / "any.sqlite3") if request.param == "sqlite" else str(request.getfixturevalue("pg_schema"))
    store = open_store(url)
    try:
        fill(store)
        yield store
    finally:
        store.close()
