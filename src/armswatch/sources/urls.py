"""Pages by URL: URL-list files (one URL a line) and the step from a URL to a Document.

A URL-list file (suffix `.urls`) holds one http(s) URL per line; blank lines and lines starting with
'#' are ignored; anything else on a line is reported as "path#N: not an http(s) URL".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from armswatch.errors import InputError
from armswatch.model import Document
from armswatch.settings import Settings
from armswatch.sources.fetch import FetchedPage, Fetcher
from armswatch.sources.html import document_from_html
from armswatch.sources.skipped import Skipped

__all__ = ["URL_LIST_SUFFIXES", "document_from_url", "is_url", "iter_url_list", "read_url_list"]

URL_LIST_SUFFIXES = (".urls",)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "")


def is_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and " " not in text.strip()


def read_url_list(text: str, source: str) -> Iterator[str | InputError]:
    """The URLs of a URL-list file's text, in order; bad lines as InputErrors naming source#line."""
    for n, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if is_url(entry):
            yield entry
        else:
            yield InputError(f"{source}#{n}", f"not an http(s) URL: {entry[:120]!r}")


def document_from_page(
    page: FetchedPage,
    settings: Settings,
    *,
    origin: str | None = None,
    defaults: dict[str, Any] | None = None,
    meta: dict[str, Any] | None = None,
) -> Document | InputError | Skipped:
    """A fetched page → Document (id: the page's canonical URL; origin: where it was read)."""
    where = origin or page.final_url
    if page.content_type not in _HTML_TYPES:
        return Skipped(where, "not-html", f"content type {page.content_type}, not HTML")
    fallback = defaults or {}
    try:
        doc = document_from_html(
            page.body,
            doc_id=page.url,
            origin=where,
            url=page.final_url,
            settings=settings,
            charset=page.charset,
        )
    except InputError as e:
        return e
    extra = dict(doc.meta)
    extra.update(meta or {})
    extra["fetched"] = page.fetched_at.isoformat(timespec="seconds")
    # What the page says wins; a feed's title and date fill the gaps.
    return replace(
        doc,
        title=doc.title or fallback.get("title"),
        published=doc.published or fallback.get("published"),
        meta=extra,
    )


def document_from_url(
    url: str,
    fetcher: Fetcher,
    settings: Settings,
    *,
    origin: str | None = None,
    defaults: dict[str, Any] | None = None,
    meta: dict[str, Any] | None = None,
) -> Document | InputError | Skipped:
    """Fetch one URL (robots, rate limit, caps, seen-set) and read its article."""
    page = fetcher.fetch(url)
    if not isinstance(page, FetchedPage):
        return page
    return document_from_page(page, settings, origin=origin, defaults=defaults, meta=meta)


def iter_url_list(
    path: Path, text: str, fetcher: Fetcher, settings: Settings
) -> Iterator[Document | InputError | Skipped]:
    """Every page a URL-list file names, fetched and read; origin is the page URL, meta names the list."""
    for item in read_url_list(text, str(path)):
        if isinstance(item, InputError):
            yield item
        else:
            yield document_from_url(item, fetcher, settings, meta={"url_list": str(path)})
