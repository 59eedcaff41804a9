"""`schemathesis run --checks all` against the API served by uvicorn on 127.0.0.1 (issue 15, item 7): every
documented status, header and body, the Allow header of unsupported methods, schema-valid requests accepted
and schema-violating ones refused, and the links between operations (stateful phase). Deterministic (a fixed
seed) and bounded (30 examples per operation); tests/web/schemathesis.toml says where data, not the schema,
decides."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from web_data import fill
from web_helpers import TOKEN, NoExtractor

from armswatch.settings import load_settings
from armswatch.store import open_store
from armswatch.web import create_app

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = open_store(str(tmp_path_factory.mktemp("st") / "st.sqlite3"))
    fill(store)
    app = create_app(load_settings(api_token=TOKEN), store=store, extractor=NoExtractor(),
                     extractor_version="fuzz", bound_host="127.0.0.1")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    store.close()


def test_schemathesis_finds_no_disagreement_with_all_checks(served: str, tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", "from schemathesis.cli import schemathesis; schemathesis()",
         "--config-file", str(HERE / "schemathesis.toml"), "run", f"{served}/api/openapi.json",
         "--checks", "all", "--max-examples", "30", "--seed", "1", "--header", f"Authorization: Bearer {TOKEN}",
         "--no-color"],
        capture_output=True, text=True, cwd=tmp_path, timeout=240,
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, report[-6000:]
    spec = httpx.get(f"{served}/api/openapi.json", timeout=10).json()
    n = sum(1 for methods in spec["paths"].values() for m in methods if m in ("get", "post", "put", "delete"))
    assert "Stateful" in report and f"{n}/{n}" in report, report[-3000:]  # every operation tested
