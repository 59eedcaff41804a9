"""The loop behind `armswatch watch`: poll the feeds, hand what is new to a consumer, wait, repeat.

The consumer gets each round's documents and errors as a stream (ingest consumes it batch by
batch); Skipped notices are counted per round and passed to `on_notice`, never lost.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from armswatch.errors import InputError
from armswatch.model import Document
from armswatch.settings import Settings
from armswatch.sources.feeds import FeedState, poll_feeds
from armswatch.sources.fetch import Fetcher
from armswatch.sources.skipped import Skipped

__all__ = ["RoundReport", "watch_feeds"]


@dataclass
class RoundReport:
    round: int
    documents: int = 0
    errors: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # by kind: seen, language, robots, ...
    seconds: float = 0.0

    def summary(self) -> str:
        skipped = ", ".join(f"{n} {k}" for k, n in sorted(self.skipped.items())) or "none"
        return (
            f"round {self.round}: {self.documents} new document(s), {self.errors} error(s), "
            f"skipped: {skipped} ({self.seconds:.1f} s)"
        )


def watch_feeds(
    feeds: Sequence[str],
    fetcher: Fetcher,
    settings: Settings,
    *,
    consume: Callable[[Iterable[Document | InputError]], object],
    rounds: int | None = None,
    interval: float | None = None,
    on_notice: Callable[[InputError | Skipped], None] | None = None,
    on_round: Callable[[RoundReport], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    should_stop: Callable[[], bool] = lambda: False,
) -> list[RoundReport]:
    """Poll `feeds` `rounds` times (forever when None), `interval` seconds apart (the
    watch_interval setting by default); returns one report per round."""
    wait = float(settings.watch_interval if interval is None else interval)
    state = FeedState()
    reports: list[RoundReport] = []
    n = 0
    while rounds is None or n < rounds:
        n += 1
        report = RoundReport(round=n)
        started = time.monotonic()
        consume(_counted(poll_feeds(feeds, fetcher, settings, state), report, on_notice))
        report.seconds = time.monotonic() - started
        reports.append(report)
        if on_round:
            on_round(report)
        if should_stop() or (rounds is not None and n >= rounds):
            break
        sleep(wait)
    return reports


def _counted(
    items: Iterable[Document | InputError | Skipped],
    report: RoundReport,
    on_notice: Callable[[InputError | Skipped], None] | None,
) -> Iterator[Document | InputError]:
    for item in items:
        if isinstance(item, Skipped):
            report.skipped[item.kind] += 1
            if on_notice:
                on_notice(item)
            continue
        if isinstance(item, InputError):
            report.errors += 1
            if on_notice:
                on_notice(item)
        else:
            report.documents += 1
        yield item
