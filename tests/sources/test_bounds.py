"""Bounds the WARC line and total bounds (test_warc.py) do not cover (issue 15, item 1): a JSON line over
ARMSWATCH_MAX_LINE_BYTES, and an HTTP chunk of a WARC record that warcio would read and inflate whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from armswatch.errors import InputTooLarge
from armswatch.model import Document
from armswatch.settings import load_settings
from armswatch.sources import iter_items

SRC = str(Path(__file__).resolve().parents[2] / "src")
LIMIT = 400 * 2**20  # bytes of address space for the child: less than one bomb expands to


def test_a_json_line_over_the_line_cap_is_rejected_and_the_other_lines_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "records.jsonl"
    long = json.dumps({"id": "long", "text": "word " * 400})
    short = json.dumps({"id": "short", "text": "A short record that is read."})
    path.write_text(f"{long}\n{short}\n", encoding="utf-8")
    monkeypatch.setenv("ARMSWATCH_MAX_LINE_BYTES", "1000")
    monkeypatch.setenv("ARMSWATCH_LANGUAGES", "any")
    items = list(iter_items([path], load_settings()))
    assert isinstance(items[0], InputTooLarge) and items[0].source == f"{path}#1"
    assert "ARMSWATCH_MAX_LINE_BYTES" in str(items[0])
    assert isinstance(items[1], Document) and items[1].id == "short"


def _chunked_warc_gz(path: Path, payload: Iterator[bytes], size: int, encoding: str | None) -> None:
    """A .warc.gz of one HTML response whose body is one HTTP chunk of `size` bytes, written in steps."""
    enc = f"Content-Encoding: {encoding}\r\n".encode() if encoding else b""
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + enc + b"Transfer-Encoding: chunked\r\n\r\n"
            + b"%x\r\n" % size)
    tail = b"\r\n0\r\n\r\n"
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.example/\r\n"
            b"WARC-Date: 2024-05-03T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % (len(http) + size + len(tail)))
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as out:
        out.write(z.compress(head + http))
        for part in payload:
            out.write(z.compress(part))
        out.write(z.compress(tail + b"\r\n\r\n") + z.flush())


def _newlines(mib: int) -> Iterator[bytes]:
    for _ in range(mib):
        yield b"\n" * 2**20


def _gzip_of_zeros(mib: int) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join(z.compress(bytes(2**20)) for _ in range(mib)) + z.flush()


_CHILD = textwrap.dedent("""
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))
    from armswatch.sources import iter_items
    print(json.dumps([[type(item).__name__, str(item)] for item in iter_items(sys.argv[2:])]))
""")


@pytest.mark.parametrize("body", ["newlines", "gzip"])
def test_a_huge_http_chunk_in_a_warc_is_refused_under_a_memory_limit_and_the_rest_is_read(
    tmp_path: Path, body: str
) -> None:
    """warcio reads an HTTP chunk whole and inflates it in one call: 512 MiB of newlines (no line bound
    trips) or a gzip-encoded chunk of 512 MiB of zeros, under a 400 MiB address-space limit."""
    bomb, article = tmp_path / "chunk.warc.gz", tmp_path / "after.txt"
    if body == "newlines":
        _chunked_warc_gz(bomb, _newlines(512), 512 * 2**20, None)
    else:
        inner = _gzip_of_zeros(512)
        _chunked_warc_gz(bomb, iter([inner]), len(inner), "gzip")
    article.write_text("A plain article\n\nIts text is read after the bomb is refused.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": SRC, "ARMSWATCH_LANGUAGES": "any"}
    run = subprocess.run([sys.executable, "-c", _CHILD, str(LIMIT), str(bomb), str(article)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr[-1500:]
    items = json.loads(run.stdout)
    assert [kind for kind, _ in items] == ["InputTooLarge", "Document"]
    assert "http://bomb.example/" in items[0][1] and "ARMSWATCH_MAX_FILE_BYTES" in items[0][1]
