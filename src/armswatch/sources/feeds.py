"""RSS and Atom feeds (feedparser): the entries' links are fetched and read as articles.

Feeds are given as URLs or as files (`.rss`, `.atom`). A feed whose XML is broken is reported with
feedparser's reason; entries it could still recover are read all the same. `poll_feeds` is one polling
round of `armswatch watch`: it re-reads every feed (conditional GET with ETag / Last-Modified), and
fetches only entry links not yet in the fetcher's seen-set.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from armswatch.errors import InputError, InputTooLarge
from armswatch.model import Document
from armswatch.settings import Settings
from armswatch.sources.fetch import FetchedPage, Fetcher
from armswatch.sources.language import accepted_languages, language_gate
from armswatch.sources.skipped import Skipped
from armswatch.sources.urls import document_from_url, is_url

__all__ = ["FEED_SUFFIXES", "FeedEntry", "FeedState", "ParsedFeed", "iter_feed", "parse_feed", "poll_feeds"]

FEED_SUFFIXES = (".rss", ".atom")


@dataclass(frozen=True)
class FeedEntry:
    link: str | None
    title: str | None = None
    published: date | None = None
    entry_id: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    source: str
    title: str | None
    entries: list[FeedEntry]
    problem: str | None = None  # set when the XML was broken but entries were recovered


@dataclass
class FeedState:
    """What one watcher remembers between polls: validators for conditional GETs, per feed URL."""

    validators: dict[str, dict[str, str]] = field(default_factory=dict)


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC).date()
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _entry_link(entry: Any) -> str | None:
    link = entry.get("link")
    if link:
        return str(link)
    for candidate in entry.get("links") or []:
        if candidate.get("href") and candidate.get("rel", "alternate") == "alternate":
            return str(candidate["href"])
    return None


# feedparser flags these on well-formed feeds (a served content type, a charset it overrode)
_BENIGN = ("NonXMLContentType", "CharacterEncodingOverride")


def parse_feed(
    data: bytes, source: str, base_url: str | None = None, content_type: str | None = None
) -> ParsedFeed | InputError:
    """Feed bytes → its entries; an InputError when nothing usable can be read."""
    import feedparser

    if not data.strip():
        return InputError(source, "empty feed")
    headers = {"content-location": base_url or "", "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False, resolve_relative_uris=True)
    problem = None
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and type(exc).__name__ not in _BENIGN:
        problem = f"{type(exc).__name__}: {exc}" if exc is not None else "malformed feed"
    entries = [
        FeedEntry(link=_entry_link(e), title=e.get("title"), published=_entry_date(e), entry_id=e.get("id"))
        for e in parsed.entries
        if _entry_link(e) or e.get("title")  # broken XML leaves empty shells behind
    ]
    if not entries:
        if problem:
            return InputError(source, f"broken feed XML: {problem[:200]}")
        if not parsed.get("version"):
            return InputError(source, "not an RSS or Atom feed")
    return ParsedFeed(source=source, title=parsed.feed.get("title"), entries=entries, problem=problem)


def iter_feed(
    feed: ParsedFeed, fetcher: Fetcher, settings: Settings
) -> Iterator[Document | InputError | Skipped]:
    """Every entry of a parsed feed, fetched and read; entries already seen come back as Skipped."""
    if feed.problem:
        yield InputError(
            feed.source,
            f"broken feed XML ({len(feed.entries)} entries recovered and read): {feed.problem[:200]}",
        )
    fetched = 0
    for n, entry in enumerate(feed.entries, start=1):
        if fetched >= settings.feed_max_entries:  # entries already seen cost nothing and do not count
            left = len(feed.entries) - n + 1
            yield Skipped(feed.source, "deferred", f"{left} entries left for the next round "
                          f"(ARMSWATCH_FEED_MAX_ENTRIES={settings.feed_max_entries})")
            return
        if not entry.link or not is_url(entry.link):
            yield InputError(f"{feed.source}#entry{n}", f"entry has no http(s) link: {entry.link!r}")
            continue
        item = document_from_url(
            entry.link,
            fetcher,
            settings,
            defaults={"title": entry.title, "published": entry.published},
            meta={"feed": feed.source, "feed_entry_id": entry.entry_id},
        )
        fetched += not isinstance(item, Skipped) or item.kind != "seen"
        yield item


def read_feed_file(path: Path, settings: Settings) -> ParsedFeed | InputError:
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            return InputTooLarge(
                str(path), f"file is {size:,} bytes, over the {settings.max_file_bytes:,} byte cap"
            )
        return parse_feed(path.read_bytes(), str(path))
    except OSError as e:
        return InputError(str(path), f"cannot read: {e.strerror or e}")


def _load_feed(
    feed: str, fetcher: Fetcher, settings: Settings, state: FeedState
) -> ParsedFeed | InputError | Skipped:
    if not is_url(feed):
        return read_feed_file(Path(feed), settings)
    validators = state.validators.get(feed, {})
    page = fetcher.fetch(feed, skip_seen=False, remember=False, headers=validators)
    if not isinstance(page, FetchedPage):
        return page
    if page.status == 304:
        return Skipped(feed, "unchanged", "feed not modified since the last poll")
    new = {
        k: v
        for k, v in (
            ("If-None-Match", page.headers.get("etag")),
            ("If-Modified-Since", page.headers.get("last-modified")),
        )
        if v
    }
    if new:
        state.validators[feed] = new
    return parse_feed(page.body, feed, base_url=page.final_url, content_type=page.content_type)


def poll_feeds(
    feeds: Iterable[str], fetcher: Fetcher, settings: Settings, state: FeedState | None = None
) -> Iterator[Document | InputError | Skipped]:
    """One polling round: every feed re-read, every new entry fetched, read and language-checked."""
    state = state if state is not None else FeedState()
    accepted = accepted_languages(settings)
    for feed in feeds:
        loaded = _load_feed(feed, fetcher, settings, state)
        if not isinstance(loaded, ParsedFeed):
            yield loaded
            continue
        for item in iter_feed(loaded, fetcher, settings):
            yield language_gate(item, accepted) if isinstance(item, Document) else item
