"""Files and folders → Documents, as the `analyze` contract defines the inputs.

.txt one article (first line is the title when short with no final period) · .html/.htm one page ·
.json one article record or a claim-schema file · .jsonl one record per line.

Beyond the `analyze` contract's four kinds: .warc/.warc.gz web archives (one document per HTML response
record), .rss/.atom feeds and .urls lists (their pages are fetched), and http(s) URLs given in place of
a path (a page, or a feed whose entries are fetched). Documents in a language the extractor does not
read are passed over as `Skipped` notices (setting ARMSWATCH_LANGUAGES).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armswatch.errors import InputError, InputTooLarge
from armswatch.model import Document
from armswatch.settings import Settings, load_settings
from armswatch.sources.skipped import Skipped

if TYPE_CHECKING:
    from armswatch.sources.fetch import Fetcher

__all__ = [
    "SUFFIXES", "iter_documents", "iter_input_files", "iter_items", "document_from_json_line", "document_from_record",
    "decode_text",
]

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".warc", ".warc.gz", ".rss", ".atom", ".urls")
_TITLE_MAX = 200


def _readable(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Expand folders recursively (sorted, readable suffixes only, symbolic links to folders followed once);
    every path that cannot be read is reported with its reason and the others go on."""
    for raw in paths:
        path = Path(raw)
        problem = _unreadable(path)
        if problem:
            yield InputError(str(path), problem)
        elif path.is_dir():
            yield from _walk(path, {os.path.realpath(path)})
        elif _readable(path):
            yield path
        else:
            yield InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}; "
                             f"expected one of {', '.join(SUFFIXES)}")


def _unreadable(path: Path) -> str | None:
    """Why `path` cannot be read, or None: missing, a broken or looping link, no permission, not a file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return "broken symbolic link" if path.is_symlink() else "no such file or folder"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop"
        return e.strerror or str(e)
    if stat.S_ISDIR(st.st_mode):
        return None if os.access(path, os.R_OK | os.X_OK) else "permission denied (folder cannot be listed)"
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "a device"
        return f"not a regular file ({kind})"
    return None if os.access(path, os.R_OK) else "permission denied"


def _walk(folder: Path, seen: set[str]) -> Iterator[Path | InputError]:
    """A folder's readable files in name order; a folder reached twice through links is walked once."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield InputError(str(folder), e.strerror or str(e))
        return
    for entry in entries:
        path = Path(entry.path)
        is_dir = entry.is_dir(follow_symlinks=True) if not _loops(path) else False
        if is_dir:
            real = os.path.realpath(path)
            if real in seen:
                continue  # a folder reached again through a link: walked once
            seen.add(real)
            problem = _unreadable(path)
            if problem:
                yield InputError(str(path), problem)
                continue
            yield from _walk(path, seen)
        elif _readable(path):
            problem = _unreadable(path)
            yield InputError(str(path), problem) if problem else path


def _loops(path: Path) -> bool:
    try:
        path.stat()
    except OSError as e:
        return e.errno == errno.ELOOP
    return False


def decode_text(data: bytes, source: str) -> str:
    """Strict UTF-8 (a BOM is dropped); binary or wrongly encoded data is an InputError."""
    if not data.strip():
        raise InputError(source, "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(source, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})") from None


def _published(value: Any, source: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(source, f"'published' is not an ISO date: {value!r}") from None


def document_from_record(record: Any, *, default_id: str, origin: str) -> Document:
    """An article record ({text|html, id?, url?, title?, published?, outlet?}) → Document."""
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object, got {type(record).__name__}")
    doc_id = str(record["id"]) if record.get("id") not in (None, "") else default_id
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return Document(
            id=doc_id, text=text, title=record.get("title"), url=record.get("url"),
            published=_published(record.get("published"), origin), outlet=record.get("outlet"),
            origin=origin,
        )
    if isinstance(html, str) and html.strip():
        from armswatch.sources.html import document_from_html

        return document_from_html(html, doc_id=doc_id, origin=origin, url=record.get("url"),
                                  defaults=record)
    raise InputError(origin, "record has no non-empty 'text' or 'html'")


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_DATE_LINE = re.compile(
    r"^(?:(?P<mon1>[A-Z][a-z]+)\.? (?P<day1>\d{1,2}), (?P<year1>\d{4})"
    r"|(?P<day2>\d{1,2}) (?P<mon2>[A-Z][a-z]+) (?P<year2>\d{4})"
    r"|(?P<day3>\d{1,2})\.(?P<mon3>\d{1,2})\.(?P<year3>\d{4})"
    r"|(?P<year4>\d{4})-(?P<mon4>\d{2})-(?P<day4>\d{2}))\b[\s,\-\u2013:0-9]*$")


def dateline_date(text: str, lines: int = 8) -> date | None:
    """The publication date of a scraped page whose first lines hold a timestamp ("June 9, 2023 - 11:20")."""
    for line in text.splitlines()[:lines]:
        m = _DATE_LINE.match(line.strip())
        if not m:
            continue
        g = m.groupdict()
        try:
            for n in "1234":
                if g[f"year{n}"]:
                    mon = g[f"mon{n}"]
                    month = int(mon) if mon.isdigit() else next(
                        i for i, name in enumerate(_MONTHS, start=1) if name.startswith(mon.lower()[:3]))
                    return date(int(g[f"year{n}"]), month, int(g[f"day{n}"]))
        except (ValueError, StopIteration):
            continue
    return None


def _text_document(path: Path, text: str) -> Document:
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    title = first.strip()
    published = dateline_date(text)
    if title and len(title) <= _TITLE_MAX and not title.endswith((".", "!", "?")) and rest.strip():
        return Document(id=path.stem, text=text, title=title, published=published, origin=str(path))
    return Document(id=path.stem, text=text, published=published, origin=str(path))


def _read_file(path: Path, settings: Settings) -> Iterator[Document | InputError]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise InputTooLarge(source, f"file is {size:,} bytes, over the {settings.max_file_bytes:,} "
                                "byte cap (setting ARMSWATCH_MAX_FILE_BYTES)")
        data = path.read_bytes()
    except InputError as e:
        yield e
        return
    except OSError as e:
        yield InputError(source, f"cannot read: {e.strerror or e}")
        return
    suffix = path.suffix.lower()
    try:
        text = decode_text(data, source)
        if suffix == ".txt":
            yield _text_document(path, text)
        elif suffix in (".html", ".htm"):
            from armswatch.sources.html import document_from_html

            yield document_from_html(text, doc_id=path.stem, origin=source, settings=settings)
        elif suffix == ".json":
            try:
                record = json.loads(text)
            except json.JSONDecodeError as e:
                raise InputError(source, f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
            yield document_from_record(record, default_id=path.stem, origin=source)
        elif suffix == ".jsonl":
            yield from _read_jsonl(path, text, settings.max_line_bytes)
    except InputError as e:
        yield e


def _read_jsonl(path: Path, text: str, max_line: int) -> Iterator[Document | InputError]:
    for n, line in enumerate(text.splitlines(), start=1):
        if len(line) > max_line:  # characters, never more than bytes: a line under the cap always passes
            yield InputTooLarge(f"{path}#{n}", f"line of {len(line):,} characters, over the {max_line:,} "
                                "cap (setting ARMSWATCH_MAX_LINE_BYTES)")
        elif line.strip():
            yield document_from_json_line(line, path, n)


def document_from_json_line(line: str, path: Path, n: int) -> Document | InputError:
    """Line `n` of a JSON-lines file as a Document (id `<stem>#n` unless it has one), or why it is none."""
    origin = f"{path}#{n}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return InputError(origin, f"malformed JSON: {e.msg} at column {e.colno}")
    try:
        return document_from_record(record, default_id=f"{path.stem}#{n}", origin=origin)
    except InputError as e:
        return e


def iter_documents(paths: Iterable[str | Path], settings: Settings | None = None, *,
                   on_skip: Callable[[Skipped], None] | None = None, fetcher: Fetcher | None = None,
                   ) -> Iterator[Document | InputError]:
    """Every document under `paths`, in order; unreadable inputs come as InputError values.

    Inputs passed over on purpose (not HTML, another language, already fetched, refused by robots.txt)
    go to `on_skip`; without it they are logged as warnings (standard error).
    """
    report = on_skip or _log_skip
    for item in iter_items(paths, settings, fetcher=fetcher):
        if isinstance(item, Skipped):
            report(item)
        else:
            yield item


def _log_skip(item: Skipped) -> None:
    logging.getLogger("armswatch.sources").warning("armswatch: %s", item)


def iter_items(paths: Iterable[str | Path], settings: Settings | None = None, *,
               fetcher: Fetcher | None = None) -> Iterator[Document | InputError | Skipped]:
    """Like `iter_documents`, with the Skipped notices in the stream. Feeds, URL lists and URLs are
    fetched with `fetcher`, or with one made from the settings (its seen-set lasts this run only)."""
    from armswatch.sources.language import accepted_languages, language_gate
    from armswatch.sources.urls import is_url

    settings = settings or load_settings()
    accepted = accepted_languages(settings)
    opened: list[Fetcher] = []

    def get_fetcher() -> Fetcher:
        if fetcher is not None:
            return fetcher
        if not opened:  # made on first need: plain files never open an HTTP client
            from armswatch.sources.fetch import Fetcher, FetchOptions

            opened.append(Fetcher(FetchOptions.from_settings(settings)))
        return opened[0]

    try:
        for raw in paths:
            items: Iterable[Document | InputError | Skipped]
            if isinstance(raw, str) and is_url(raw):
                items = _read_url(raw, settings, get_fetcher())
            else:
                items = _read_inputs(raw, settings, get_fetcher)
            for item in items:
                yield language_gate(item, accepted) if isinstance(item, Document) else item
    finally:
        for f in opened:
            f.close()


def _read_inputs(raw: str | Path, settings: Settings, get_fetcher: Callable[[], Fetcher]
                 ) -> Iterator[Document | InputError | Skipped]:
    for item in iter_input_files([raw]):
        if isinstance(item, InputError):
            yield item
            continue
        name = item.name.lower()
        if name.endswith((".warc", ".warc.gz")):
            from armswatch.sources.warc import iter_warc

            yield from iter_warc(item, settings)  # streamed: the whole-file size cap does not apply
        elif name.endswith((".rss", ".atom")):
            from armswatch.sources.feeds import iter_feed, read_feed_file

            feed = read_feed_file(item, settings)
            if isinstance(feed, InputError):
                yield feed
            else:
                yield from iter_feed(feed, get_fetcher(), settings)
        elif name.endswith(".urls"):
            yield from _read_url_list(item, settings, get_fetcher)
        else:
            yield from _read_file(item, settings)


def _read_url_list(path: Path, settings: Settings, get_fetcher: Callable[[], Fetcher]
                   ) -> Iterator[Document | InputError | Skipped]:
    from armswatch.sources.urls import iter_url_list

    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise InputTooLarge(str(path), f"file is {size:,} bytes, over the "
                                f"{settings.max_file_bytes:,} byte cap")
        text = decode_text(path.read_bytes(), str(path))
    except InputError as e:
        yield e
        return
    except OSError as e:
        yield InputError(str(path), f"cannot read: {e.strerror or e}")
        return
    yield from iter_url_list(path, text, get_fetcher(), settings)


_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
               "application/rdf+xml")


def _read_url(url: str, settings: Settings, fetcher: Fetcher) -> Iterator[Document | InputError | Skipped]:
    """A URL given in place of a path: a feed (its entries are read) or a page."""
    from armswatch.sources.feeds import ParsedFeed, iter_feed, parse_feed
    from armswatch.sources.fetch import FetchedPage
    from armswatch.sources.urls import document_from_page

    page = fetcher.fetch(url)
    if not isinstance(page, FetchedPage):
        yield page
        return
    if page.content_type in _FEED_TYPES:
        feed = parse_feed(page.body, url, base_url=page.final_url, content_type=page.content_type)
        if isinstance(feed, ParsedFeed):
            yield from iter_feed(feed, fetcher, settings)
        else:
            yield feed
        return
    yield document_from_page(page, settings)
