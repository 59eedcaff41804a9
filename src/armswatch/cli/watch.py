"""`armswatch watch FEEDS...` — poll RSS/Atom feeds on an interval and ingest what is new."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable
from contextlib import ExitStack

import click

from armswatch.errors import InputError
from armswatch.model import Document
from armswatch.settings import Settings


@click.command("watch")
@click.argument("feeds", nargs=-1, required=True)
@click.option(
    "--interval",
    type=click.IntRange(min=1),
    default=None,
    help="Seconds between polls (setting ARMSWATCH_WATCH_INTERVAL, default 900).",
)
@click.option(
    "--rounds",
    type=click.IntRange(min=1),
    default=None,
    help="Stop after this many polls (default: run until interrupted).",
)
@click.option("--once", is_flag=True, help="Poll once and exit (same as --rounds 1).")
@click.option("--db", default=None, help="Store to ingest into (setting ARMSWATCH_DB).")
@click.option(
    "--seen-db",
    default=None,
    help="SQLite file of URLs already fetched (setting ARMSWATCH_SEEN_DB; default: in the data dir).",
)
@click.option(
    "--jsonl",
    "as_jsonl",
    is_flag=True,
    help="Do not ingest: write each new document as one JSON line on standard output.",
)
@click.option("--quiet", is_flag=True, help="Only the per-round summary on standard error, not each notice.")
def watch(
    feeds: tuple[str, ...],
    interval: int | None,
    rounds: int | None,
    once: bool,
    db: str | None,
    seen_db: str | None,
    as_jsonl: bool,
    quiet: bool,
) -> None:
    """Poll FEEDS (RSS/Atom URLs or files) and ingest the articles they link to that are new.

    Each poll re-reads every feed (conditional GET), fetches only links not fetched before (robots.txt,
    rate limit, size caps apply), skips non-English pages, and ingests the rest. Ctrl-C stops.
    """
    from armswatch.settings import load_settings
    from armswatch.sources.fetch import Fetcher, FetchOptions, open_seen_store
    from armswatch.sources.skipped import Skipped
    from armswatch.sources.watching import RoundReport, watch_feeds

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its own warnings duplicate our reasons
    settings = load_settings(db=db, seen_db=seen_db)

    def notice(item: InputError | Skipped) -> None:
        if quiet or (isinstance(item, Skipped) and item.kind in ("seen", "unchanged")):
            return
        prefix = "error" if isinstance(item, InputError) else "note"
        click.echo(f"armswatch: {prefix}: {item}", err=True)

    def on_round(report: RoundReport) -> None:
        click.echo(f"armswatch: {report.summary()}", err=True)

    with ExitStack() as stack:
        consume = _print_jsonl if as_jsonl else _ingester(settings, stack)
        seen = open_seen_store(settings)
        stack.callback(seen.close)
        fetcher = stack.enter_context(Fetcher(FetchOptions.from_settings(settings), seen=seen))
        try:
            reports = watch_feeds(
                list(feeds),
                fetcher,
                settings,
                consume=consume,
                rounds=1 if once else rounds,
                interval=interval,
                on_notice=notice,
                on_round=on_round,
            )
        except KeyboardInterrupt:
            click.echo("armswatch: stopped", err=True)
            return
    if any(r.errors for r in reports):
        sys.exit(1)  # like `analyze`: something could not be read (the rounds' summaries say what)


def _print_jsonl(items: Iterable[Document | InputError]) -> None:
    for item in items:
        if isinstance(item, Document):
            sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False, default=str) + "\n")
            sys.stdout.flush()


def _ingester(settings: Settings, stack: ExitStack) -> Callable[[Iterable[Document | InputError]], None]:
    """Open the store and the extractor once; each round's stream goes through `ingest`."""
    from armswatch.extract import Extractor
    from armswatch.ingest import ingest
    from armswatch.store.store import open_store

    store = stack.enter_context(open_store(settings=settings))
    extractor = Extractor(settings)

    def consume(items: Iterable[Document | InputError]) -> None:
        result = ingest(items, store, extractor, extractor_version=extractor.identity)
        click.echo(
            f"armswatch: ingested: {result.stored} stored, {result.skipped} already stored, "
            f"{result.rejected} rejected, {result.claims} claim(s)",
            err=True,
        )

    return consume
