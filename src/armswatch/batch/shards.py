"""Shards: the input files of a batch run, and the documents in each.

A shard is one file: `.jsonl` (article records), `.parquet` (the same columns as a table), `.warc` /
`.warc.gz` (one document per HTML response), or a single `.json`, `.txt`, `.html` article. Folders are
read recursively. Everything but Parquet goes through `armswatch.sources`, so a document read in a batch
is the document `armswatch analyze` reads from the same file. Batch runs are offline: feeds, URL lists
and URLs (which would be fetched) are refused with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from armswatch.errors import InputError
from armswatch.model import Document
from armswatch.settings import Settings
from armswatch.sources.files import document_from_json_line, document_from_record

from .worker import Item

__all__ = ["SHARD_SUFFIXES", "iter_shard", "iter_shards"]

SHARD_SUFFIXES = (".jsonl", ".parquet", ".warc", ".warc.gz", ".json", ".txt", ".html", ".htm")
_PARQUET_BATCH = 256  # rows decoded at a time: bounds memory on large Parquet shards


def _is_shard(path: Path) -> bool:
    return path.name.lower().endswith(SHARD_SUFFIXES)


def iter_shards(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """The shard files under `paths` (folders recursively, sorted), and an error for each path that
    does not exist or is not a kind of shard."""
    for raw in paths:
        if isinstance(raw, str) and raw.lower().startswith(("http://", "https://")):
            yield InputError(raw, "a URL is not a batch shard (batch runs are offline; use `armswatch ingest`)")
            continue
        path = Path(raw)
        if path.is_dir():
            yield from (p for p in sorted(path.rglob("*")) if p.is_file() and _is_shard(p))
        elif path.is_file():
            if _is_shard(path):
                yield path
            else:
                yield InputError(str(path), f"not a batch shard (expected one of {', '.join(SHARD_SUFFIXES)})")
        else:
            yield InputError(str(path), "no such file or folder")


def iter_shard(path: Path, settings: Settings) -> Iterator[Item]:
    """Every document of one shard, in file order; unreadable records and skipped inputs as values."""
    from armswatch.sources.files import iter_items

    name = path.name.lower()
    if name.endswith(".parquet"):
        yield from _iter_parquet(path, settings)
    elif name.endswith(".jsonl"):
        yield from _iter_jsonl(path, settings)
    else:
        yield from iter_items([path], settings)


def _iter_jsonl(path: Path, settings: Settings) -> Iterator[Item]:
    """Article records, one per line, read line by line: a shard may be far larger than memory (the
    whole-file reader of `armswatch analyze` caps files at ARMSWATCH_MAX_FILE_BYTES); the cap applies
    to each record here. Ids, origins and errors are those `analyze` gives for the same file."""

    from armswatch.errors import InputTooLarge
    from armswatch.sources.language import accepted_languages, language_gate

    accepted = accepted_languages(settings)
    cap = settings.max_file_bytes
    seen_any = False
    try:
        f = path.open("rb")
    except OSError as e:
        yield InputError(str(path), f"cannot read: {e.strerror or e}")
        return
    with f:
        for n, raw in enumerate(f, start=1):
            raw = raw.rstrip(b"\r\n")
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]  # a byte-order mark
            if not raw.strip():
                continue
            seen_any = True
            origin = f"{path}#{n}"
            if len(raw) > cap:
                yield InputTooLarge(origin, f"record is {len(raw):,} bytes, over the {cap:,} byte cap "
                                    "(setting ARMSWATCH_MAX_FILE_BYTES)")
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield InputError(origin, f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})")
                continue
            doc = document_from_json_line(line, path, n)
            yield language_gate(doc, accepted) if isinstance(doc, Document) else doc
    if not seen_any:
        yield InputError(str(path), "empty file")


def _iter_parquet(path: Path, settings: Settings) -> Iterator[Item]:
    """Article records from a Parquet table (columns text|html, id, url, title, published, outlet);
    record N (from 1) without an id is '<stem>#N', as for JSON lines."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from armswatch.sources.language import accepted_languages, language_gate

    accepted = accepted_languages(settings)
    try:
        pf = pq.ParquetFile(path)
        names = set(pf.schema_arrow.names)
    except (OSError, pa.ArrowException) as e:
        yield InputError(str(path), f"not a readable Parquet file ({_first_line(e)})")
        return
    if not names & {"text", "html"}:
        yield InputError(str(path), "Parquet shard has no 'text' or 'html' column "
                         f"(columns: {', '.join(sorted(names))})")
        return
    wanted = [c for c in ("id", "text", "html", "url", "title", "published", "outlet") if c in names]
    n = 0
    batches = pf.iter_batches(batch_size=_PARQUET_BATCH, columns=wanted)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except (OSError, pa.ArrowException) as e:
            yield InputError(f"{path}#{n + 1}", f"broken Parquet data, the rest of the file is unreadable "
                             f"({_first_line(e)})")
            return
        for record in batch.to_pylist():
            n += 1
            origin = f"{path}#{n}"
            try:
                doc = document_from_record(_plain(record), default_id=f"{path.stem}#{n}", origin=origin)
            except InputError as e:
                yield e
                continue
            yield language_gate(doc, accepted)


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    # Parquet ids may be integers; the record reader wants what JSON would give.
    if record.get("id") is not None and not isinstance(record["id"], str):
        record["id"] = str(record["id"])
    return record


def _first_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0][:200] if text else type(e).__name__
