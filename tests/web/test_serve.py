"""`armswatch serve` as a user runs it, and the page benchmark on a tiny store (it must keep working)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from armswatch.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_help_names_the_defaults() -> None:
    out = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "--host" in out and "127.0.0.1" in out and "--port" in out and "8000" in out and "--db" in out


def test_serve_starts_on_loopback_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    db = tmp_path / "served.sqlite3"
    env = {**os.environ, "ARMSWATCH_API_TOKEN": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "armswatch", "serve", "--port", str(port), "--db", str(db), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not start: {proc.communicate()[1]}") from None
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["documents"] == 0
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200
        vendored = httpx.get(f"http://127.0.0.1:{port}/static/vendor/cytoscape/cytoscape.min.js", timeout=5)
        assert vendored.status_code == 200 and len(vendored.content) > 100_000
        denied = httpx.post(f"http://127.0.0.1:{port}/api/decisions", timeout=5,
                            json={"claim_id": "0" * 16, "action": "reject", "reason": "x"})
        assert denied.status_code == 403  # read-only: no token set
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=15)
    assert f"on http://127.0.0.1:{port}/" in err and "read-only" in err


def test_page_benchmark_runs_on_a_small_store(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import web_pages
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    db = str(tmp_path / "bench.sqlite3")
    web_pages.build_database(db, 120, batch_size=60, log=lambda _msg: None)
    rows = web_pages.time_pages(db, repeat=1)
    assert len(rows) == len(web_pages.page_paths(db)) >= 15
    assert all(median > 0 and size > 0 for _name, median, _p95, size in rows)
