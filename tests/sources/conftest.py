from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sources_server import LocalServer, gzip_bomb

from armswatch.settings import Settings, load_settings
from armswatch.sources.fetch import FetchOptions


@pytest.fixture
def server() -> Iterator[LocalServer]:
    s = LocalServer().start()
    yield s
    s.close()


@pytest.fixture(scope="session")
def bomb() -> bytes:
    return gzip_bomb(256 << 20)  # 256 MiB of zeros in about 260 kB


@pytest.fixture
def fast_options() -> FetchOptions:
    """Small bounds so failure paths take milliseconds."""
    return FetchOptions(
        host_interval=0.0,
        timeout=0.5,
        deadline=1.0,
        retries=2,
        backoff=0.01,
        max_backoff=0.05,
        max_bytes=1_000_000,
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        data_dir=str(tmp_path / "data"),
        fetch_host_interval_ms=0,
        fetch_timeout=1,
        fetch_deadline=2,
        fetch_retries=1,
        fetch_backoff_ms=10,
        languages="en",
    )
