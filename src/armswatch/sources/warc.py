"""WARC and WARC.gz files (as Common Crawl's CC-NEWS publishes them) → Documents, one per HTML response.

Each HTML response record becomes a Document whose id is the record's WARC-Record-ID, whose url is
its WARC-Target-URI, whose origin is "<file>@<byte offset>" (what `warcio extract` takes) and whose
meta holds the fetch date (WARC-Date). Other records are passed over:

* request, metadata, warcinfo, revisit records: not documents, not reported;
* responses that are not HTML, not status 2xx, or marked WARC-Truncated by the crawler: `Skipped`;
* records cut short, failing their digest, over the size cap or without article text: `InputError`;
* a file that stops making sense (a corrupt gzip member, garbage between records): one `InputError`
  at that offset, since nothing after it can be located reliably.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from armswatch.errors import InputError, InputTooLarge
from armswatch.model import Document
from armswatch.settings import Settings, load_settings
from armswatch.sources.html import document_from_html
from armswatch.sources.skipped import Skipped

__all__ = ["WARC_SUFFIXES", "is_warc_path", "iter_warc", "iter_warc_stream"]

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc_path(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _content_type(record: Any) -> tuple[str, str | None]:
    raw = record.http_headers.get_header("Content-Type") if record.http_headers else None
    if not raw:
        return "", None
    mime, _, params = raw.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return mime.strip().lower(), charset


def _read_capped(stream: IO[bytes], cap: int) -> bytes:
    chunks, total = [], 0
    while total <= cap:
        chunk = stream.read(min(65536, cap + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


class _PayloadOverCap(Exception):
    pass


class _CountedRaw:
    """A record's raw payload, refused past `limit` bytes and handed out 1 MiB at a time: warcio reads an
    HTTP chunk whole, whatever size its header claims (a chunk of 1 GiB of newlines passes every line bound)."""

    def __init__(self, raw: Any, limit: int) -> None:
        self.raw, self.limit, self.count = raw, limit, 0

    def _counted(self, data: bytes) -> bytes:
        self.count += len(data)
        if self.count > self.limit:
            raise _PayloadOverCap
        return data

    def read(self, length: int | None = None) -> bytes:
        return self._counted(self.raw.read(min(length, 1 << 20) if length and length > 0 else 1 << 20))

    def readline(self, length: int | None = None) -> bytes:
        return self._counted(self.raw.readline(min(length, 1 << 20) if length and length > 0 else 1 << 20))


def _content_stream(record: Any, limit: int) -> Any:
    """warcio's `record.content_stream()`, with chunks counted against `limit` and a Content-Encoding
    decompressed block by block after de-chunking (warcio inflates a whole chunk in one call)."""
    from warcio.bufferedreaders import BufferedReader, ChunkedDataReader

    encoding = (record.http_headers.get_header("content-encoding") or "").lower() or None
    if encoding not in BufferedReader.get_supported_decompressors():
        encoding = None
    stream = record.raw_stream
    if record.http_headers.get_header("transfer-encoding") == "chunked":
        stream = ChunkedDataReader(_CountedRaw(stream, limit))
    return BufferedReader(stream, decomp_type=encoding) if encoding else stream


def _fetch_date(record: Any) -> datetime | None:
    value = record.rec_headers.get_header("WARC-Date")
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _record_id(record: Any, fallback: str) -> str:
    rid = (record.rec_headers.get_header("WARC-Record-ID") or "").strip().strip("<>")
    return rid or fallback


def iter_warc(
    path: str | Path, settings: Settings | None = None
) -> Iterator[Document | InputError | Skipped]:
    """Every HTML response record of a WARC / WARC.gz file as a Document; the rest as notices."""
    settings = settings or load_settings()
    path = Path(path)
    try:
        fh = path.open("rb")
    except OSError as e:
        yield InputError(str(path), f"cannot read: {e.strerror or e}")
        return
    with fh:
        size = path.stat().st_size
        if fh.read(2) == b"\x1f\x8b":  # gzip: decompressed here, under the bounds, and handed to warcio
            fh.seek(0)
            unzipped = _Gunzip(fh)
            broken: InputError | None = None  # warcio's complaint about where the stream stopped
            for item in iter_warc_stream(_Bounded(unzipped, str(path), settings), str(path), settings):
                if isinstance(item, InputError) and item.source.startswith(f"{path}@"):
                    broken = item
                    continue
                yield item
            if unzipped.problem:  # the cause, not its consequence
                yield InputError(f"{path}@{unzipped.offset}", unzipped.problem)
            elif broken is not None:
                yield broken
            return
        fh.seek(0)
        yield from iter_warc_stream(_Bounded(fh, str(path), settings), str(path), settings, size=size)


class _Gunzip(io.RawIOBase):
    """The members of a gzip file, decompressed one after another; damage or a cut-off member ends the
    stream where it starts (the records before it are read) and is kept in `problem`."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.member = zlib.decompressobj(31)
        self.fed = 0  # compressed bytes given to the current member
        self.offset = 0  # compressed bytes read so far
        self.pending = b""
        self.problem: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.pending and self.problem is None:
            chunk = self.raw.read(8192)
            if not chunk:
                if self.fed and not self.member.eof:
                    self.problem = "truncated file: the last gzip member is cut off before its end"
                break
            self._feed(chunk)
        n = min(len(buffer), len(self.pending))
        buffer[:n], self.pending = self.pending[:n], self.pending[n:]
        return n

    def _feed(self, chunk: bytes) -> None:
        while chunk and self.problem is None:
            try:
                self.pending += self.member.decompress(chunk)
            except zlib.error as e:
                self.problem = f"broken gzip data, the rest of the file is unreadable: {e}"
                return
            self.offset += len(chunk) - len(self.member.unused_data)
            self.fed += len(chunk) - len(self.member.unused_data)
            chunk = self.member.unused_data if self.member.eof else b""
            if self.member.eof:
                self.member, self.fed = zlib.decompressobj(31), 0


class _Bounded(io.RawIOBase):
    """A stream that refuses to give more than `max_decompressed_bytes` in all, or a line longer than
    `max_line_bytes`: warcio reads a line whole, so a gzip bomb of zeros would take all memory."""

    def __init__(self, raw: IO[bytes] | io.RawIOBase, name: str, settings: Settings) -> None:
        self.raw, self.name = raw, name
        self.max_total, self.max_line = settings.max_decompressed_bytes, settings.max_line_bytes
        self.total = self.since_newline = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(min(len(buffer), 1 << 20)) or b""
        n = len(data)
        buffer[:n] = data
        self.total += n
        newline = data.rfind(b"\n")
        self.since_newline = self.since_newline + n if newline < 0 else n - newline - 1
        if self.total > self.max_total:
            raise InputTooLarge(self.name, f"expands to over {self.max_total:,} bytes "
                                "(setting ARMSWATCH_MAX_DECOMPRESSED_BYTES)")
        if self.since_newline > self.max_line:
            raise InputTooLarge(self.name, f"a line longer than {self.max_line:,} bytes at byte {self.total:,} "
                                "(setting ARMSWATCH_MAX_LINE_BYTES): not a WARC file, or a compression bomb")
        return n


def iter_warc_stream(
    fh: IO[bytes] | io.RawIOBase, name: str, settings: Settings, *, size: int | None = None
) -> Iterator[Document | InputError | Skipped]:
    """The records of an open WARC stream; `size` (when known) lets a cut-off gzip tail be reported."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    it = ArchiveIterator(fh, check_digests=True)
    end = 0
    seen_any = False
    try:
        for record in it:
            seen_any = True
            yield from _record_items(it, record, name, settings)
            end = it.get_record_offset() + it.get_record_length()
    except InputError as e:
        yield e
        return
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError) as e:
        first_line = str(e).splitlines()[0] if str(e) else type(e).__name__
        yield InputError(
            f"{name}@{end}", f"broken WARC data, the rest of the file is unreadable: {first_line[:160]}"
        )
        return
    if not seen_any:
        yield InputError(name, "no WARC records found (empty or not a WARC file)")
    elif size is not None and size - end > 4:  # a gzip member cut short ends the iteration silently
        yield InputError(
            f"{name}@{end}", f"truncated file: the last {size - end:,} bytes do not form a complete record"
        )


def _record_items(
    it: Any, record: Any, name: str, settings: Settings
) -> Iterator[Document | InputError | Skipped]:
    if record.format != "warc" or record.rec_type is None:
        # warcio reads stray text as an old ARC header; only WARC is accepted here
        raise ValueError("not a WARC record (no 'WARC/1.x' header line): not a WARC file?")
    if record.rec_type != "response":
        return
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if not record.http_headers:
        # Read to the end first so the offset names this record.
        yield Skipped(f"{name}@{it.get_record_offset()}", "not-http", f"{url}: response without HTTP headers")
        return
    status = record.http_headers.get_statuscode()
    mime, charset = _content_type(record)
    cap = settings.max_file_bytes
    stream = _content_stream(record, cap + 65536)
    head = b""
    payload_over_cap = False
    if not mime:
        try:
            head = stream.read(512)
        except _PayloadOverCap:
            payload_over_cap = True
    if mime and mime not in _HTML_TYPES:
        origin = f"{name}@{it.get_record_offset()}"
        yield Skipped(origin, "not-html", f"{url}: content type {mime}, not HTML")
        return
    if not mime and b"<html" not in head.lower() and b"<!doctype html" not in head.lower():
        origin = f"{name}@{it.get_record_offset()}"
        yield Skipped(origin, "not-html", f"{url}: no content type and the body does not look like HTML")
        return
    if not (status or "").startswith("2"):
        origin = f"{name}@{it.get_record_offset()}"
        yield Skipped(origin, "http-status", f"{url}: HTTP status {status}")
        return
    truncated = record.rec_headers.get_header("WARC-Truncated")
    try:
        body = b"" if payload_over_cap else head + _read_capped(stream, cap)
    except _PayloadOverCap:
        payload_over_cap, body = True, b""
    too_large = payload_over_cap or len(body) > cap
    cut_short = getattr(record.raw_stream, "limit", 0) > 0 and not too_large
    origin = f"{name}@{it.get_record_offset()}"  # reads the rest of the record (and checks digests)
    if truncated:
        yield Skipped(
            origin, "truncated", f"{url}: record truncated by the crawler (WARC-Truncated: {truncated})"
        )
        return
    if too_large:
        yield InputTooLarge(
            origin, f"{url}: payload over the {cap:,} byte cap (setting ARMSWATCH_MAX_FILE_BYTES)"
        )
        return
    if cut_short:
        yield InputError(origin, f"{url}: record is shorter than its Content-Length (truncated file?)")
        return
    if record.digest_checker.passed is False:
        problems = "; ".join(record.digest_checker.problems)[:200]
        yield InputError(origin, f"{url}: digest mismatch, the record is corrupt ({problems})")
        return
    fetched = _fetch_date(record)
    try:
        doc = document_from_html(
            body,
            doc_id=_record_id(record, origin),
            origin=origin,
            url=url or None,
            settings=settings,
            charset=charset,
        )
    except InputError as e:
        yield e
        return
    meta = dict(doc.meta)
    meta.update(
        {
            "warc_file": name,
            "warc_offset": it.get_record_offset(),
            "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
            "fetched": fetched.isoformat() if fetched else None,
        }
    )
    published: date | None = doc.published
    if published is None and fetched is not None:
        # CC-NEWS fetches articles within hours of publication: the fetch date stands in, marked so.
        published = fetched.date()
        meta["published_from"] = "fetch-date"
    yield _replace(doc, published=published, meta=meta)


def _replace(doc: Document, **changes: Any) -> Document:
    from dataclasses import replace

    return replace(doc, **changes)
