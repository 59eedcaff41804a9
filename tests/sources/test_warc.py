"""WARC and WARC.gz input: a 1,000-page archive read completely, each page's text equal to the same
page read as a .html file; non-HTML, error, truncated and broken records counted with reasons."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest
from sources_pages import FURNITURE_MARKERS, news_page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from armswatch.errors import InputError, InputTooLarge
from armswatch.model import Document
from armswatch.settings import Settings, load_settings
from armswatch.sources import iter_documents, iter_items
from armswatch.sources.skipped import Skipped
from armswatch.sources.warc import iter_warc

N_PAGES = 1000


def _response(
    w: WARCWriter,
    url: str,
    body: bytes,
    *,
    ctype: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    extra: list[tuple[str, str]] | None = None,
    date: str = "2024-05-03T10:00:00Z",
) -> None:
    http = StatusAndHeaders(
        status, [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
    )
    headers = {"WARC-Date": date}
    record = w.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=headers
    )
    for k, v in extra or []:
        record.rec_headers.add_header(k, v)
    w.write_record(record)


def _request(w: WARCWriter, url: str) -> None:
    http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
    w.write_record(w.create_warc_record(url, "request", http_headers=http))


def write_warc(path: Path, pages: Iterable[tuple[str, bytes]], *, gzip: bool = True) -> None:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "armswatch tests"}))
        for url, body in pages:
            _request(w, url)
            _response(w, url, body)


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A CC-NEWS-like WARC.gz of 1,000 news pages plus a few records to pass over, and the same
    pages as .html files in a folder."""
    root = tmp_path_factory.mktemp("warc")
    folder = root / "pages"
    folder.mkdir()
    path = root / "news.warc.gz"
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "armswatch tests"}))
        for i in range(N_PAGES):
            body = news_page(i).html.encode("utf-8")
            (folder / f"page-{i:04d}.html").write_bytes(body)
            url = f"https://news.example.org/2024/story-{i}.html"
            _request(w, url)
            _response(w, url, body)
            if i == 10:
                _response(w, "https://news.example.org/report.pdf", b"%PDF-1.4 ...", ctype="application/pdf")
                _response(
                    w, "https://news.example.org/gone.html", b"<html>gone</html>", status="404 Not Found"
                )
                _response(
                    w, "https://news.example.org/cut.html", body[:5000], extra=[("WARC-Truncated", "length")]
                )
                _response(w, "https://news.example.org/logo.png", b"\x89PNG....", ctype="image/png")
    return path, folder


@pytest.fixture(scope="module")
def big_items(big_archive: tuple[Path, Path]) -> list[Document | InputError | Skipped]:
    return list(iter_items([big_archive[0]], load_settings(languages="en")))


def test_every_html_record_becomes_a_document(
    big_archive: tuple[Path, Path], big_items: list[Document | InputError | Skipped]
) -> None:
    path, _ = big_archive
    items = big_items
    docs = [x for x in items if isinstance(x, Document)]
    skipped = Counter(x.kind for x in items if isinstance(x, Skipped))
    errors = [x for x in items if isinstance(x, InputError)]
    assert len(docs) == N_PAGES and not errors
    assert skipped == Counter({"not-html": 2, "http-status": 1, "truncated": 1})
    first = docs[0]
    assert first.url == "https://news.example.org/2024/story-0.html"
    assert first.id.startswith("urn:uuid:") and len({d.id for d in docs}) == N_PAGES
    assert first.origin is not None and first.origin.startswith(f"{path}@")
    assert first.meta["fetched"] == "2024-05-03T10:00:00+00:00"
    assert first.title == news_page(0).title and first.published == news_page(0).published
    assert first.outlet == news_page(0).outlet and first.author == news_page(0).author


def test_warc_text_equals_html_file_text(
    big_archive: tuple[Path, Path], big_items: list[Document | InputError | Skipped]
) -> None:
    _, folder = big_archive
    settings = load_settings(languages="en")
    from_warc = [d for d in big_items if isinstance(d, Document)]
    from_files = [d for d in iter_documents([folder], settings) if isinstance(d, Document)]
    assert len(from_warc) == len(from_files) == N_PAGES
    for i, (a, b) in enumerate(zip(from_warc, from_files, strict=True)):
        assert a.text == b.text, f"page {i}"
        assert a.language == b.language == "en"
    for i in (0, 1, 2, 3, 4, 5, 6, 7, 500, 999):  # the kept paragraphs, and no furniture
        text = from_warc[i].text
        assert all(p in text for p in news_page(i).paragraphs)
        assert not [m for m in FURNITURE_MARKERS if m.lower() in text.lower()]


def _small(tmp_path: Path, n: int = 3, gzip: bool = True) -> Path:
    path = tmp_path / ("s.warc.gz" if gzip else "s.warc")
    write_warc(path, [(f"https://e.org/{i}", news_page(i).html.encode()) for i in range(n)], gzip=gzip)
    return path


def _kinds(items: list[Document | InputError | Skipped]) -> list[str]:
    return [type(x).__name__ for x in items]


def test_cut_off_gzip_file_reports_the_tail(tmp_path: Path) -> None:
    path = _small(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 700])
    items = list(iter_warc(path, load_settings()))
    assert _kinds(items) == ["Document", "Document", "InputError"]
    assert "truncated" in items[-1].reason  # type: ignore[union-attr]


def test_cut_off_plain_warc_reports_the_record(tmp_path: Path) -> None:
    path = _small(tmp_path, gzip=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 700])
    items = list(iter_warc(path, load_settings()))
    assert _kinds(items) == ["Document", "Document", "InputError"]
    assert "shorter than its Content-Length" in items[-1].reason  # type: ignore[union-attr]


def test_corrupt_gzip_member_stops_with_a_reason(tmp_path: Path) -> None:
    path = _small(tmp_path, n=4)
    data = bytearray(path.read_bytes())
    mid = len(data) // 2
    data[mid : mid + 40] = b"\x00" * 40
    path.write_bytes(bytes(data))
    items = list(iter_warc(path, load_settings()))
    assert isinstance(items[-1], InputError) and "@" in items[-1].source
    assert sum(isinstance(x, Document) for x in items) >= 1, "records before the damage are read"


def test_corrupt_payload_in_plain_warc_fails_its_digest(tmp_path: Path) -> None:
    path = _small(tmp_path, gzip=False)
    data = path.read_bytes()
    marker = b"has agreed to send"
    at = data.index(marker, data.index(b"https://e.org/1"))
    path.write_bytes(data[:at] + b"HAS AGREED TO SEND" + data[at + len(marker) :])
    items = list(iter_warc(path, load_settings()))
    assert _kinds(items) == ["Document", "InputError", "Document"]
    assert "digest mismatch" in items[1].reason  # type: ignore[union-attr]


def test_not_a_warc_and_empty_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not an archive\n" * 20)
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    for path in (junk, empty):
        items = list(iter_warc(path, load_settings()))
        assert len(items) == 1 and isinstance(items[0], InputError), items


def test_oversized_record_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    write_warc(path, [("https://e.org/big", b"<html><body>" + b"<p>word </p>" * 200_000 + b"</body></html>")])
    items = list(iter_warc(path, Settings(max_file_bytes=1_000_000)))
    assert _kinds(items) == ["InputTooLarge"]
    assert isinstance(items[0], InputTooLarge) and "cap" in items[0].reason


def test_non_english_record_skipped_with_its_language(tmp_path: Path) -> None:
    german = (
        "<html><head><title>Panzer</title></head><body><article>"
        + "<p>Deutschland wird der Ukraine weitere Panzer und Munition liefern, teilte das "
        "Verteidigungsministerium am Dienstag in Berlin mit. Die ersten Fahrzeuge sollen in den "
        "kommenden Wochen eintreffen, hieß es aus Regierungskreisen.</p>" * 3 + "</article></body></html>"
    )
    path = tmp_path / "de.warc.gz"
    write_warc(path, [("https://e.de/a", german.encode()), ("https://e.org/b", news_page(1).html.encode())])
    items = list(iter_items([path], load_settings(languages="en")))
    assert _kinds(items) == ["Skipped", "Document"]
    assert isinstance(items[0], Skipped) and items[0].kind == "language" and "German (de" in items[0].reason


_BOMB_CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
from armswatch.errors import InputError
from armswatch.model import Document
from armswatch.sources import iter_documents
for item in iter_documents(sys.argv[1:]):
    print(type(item).__name__, item.source if isinstance(item, InputError) else item.id,
          item.reason if isinstance(item, InputError) else "")
"""


def test_a_gzip_bomb_is_refused_under_a_memory_limit_and_the_rest_is_read(tmp_path: Path) -> None:
    import gzip as gz
    import subprocess
    import sys

    bomb = tmp_path / "bomb.warc.gz"
    with gz.open(bomb, "wb", compresslevel=9) as out:  # 2 GB of zeros without a line end, about 2 MB on disk
        out.write(b"WARC/1.0\r\n")
        zeros = b"\0" * (1 << 24)
        for _ in range(128):
            out.write(zeros)
    good = tmp_path / "good.txt"
    good.write_text("Chile sold rifles to Peru.")
    run = subprocess.run([sys.executable, "-c", _BOMB_CHILD, str(bomb), str(good)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"InputTooLarge {bomb}") and "ARMSWATCH_MAX_LINE_BYTES" in lines[0]
    assert lines[1] == "Document good "
