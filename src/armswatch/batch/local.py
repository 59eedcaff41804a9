"""The local engine: a pool of worker processes that share one loaded extractor.

The main process reads the shards (cheap for JSON lines and Parquet) and screens each document with the
pre-filter, which needs no model: most news is settled there, and only the candidates, with the text the
parser is to read, go to a worker. Meanwhile a fork server loads the model once and forks the workers
from it (`pool`). At most `8 × workers` chunks are in flight; results are consumed in
input order and written as they come, so memory stays flat and the output is in input order.
`workers=0` extracts in this process (no pool; for debugging and small runs).
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice

from armswatch.errors import ArmswatchError
from armswatch.extract.prefilter import Prefilter, load_prefilter, text_to_parse
from armswatch.model import Document
from armswatch.settings import Settings

from .output import BatchSummary, ResultWriter
from .pool import start_workers, worker_context
from .rows import result_tables
from .worker import (
    Item,
    Outcome,
    WorkResult,
    extract_outcomes,
    extractor_identity,
    failure,
    init_worker,
    peak_rss_mb,
    work,
)

__all__ = ["run_local", "screen"]

_CHUNKS_AHEAD = 8  # chunks read per worker before waiting for the oldest result


def screen(docs: Sequence[Document], settings: Settings, prefilter: Prefilter | None
           ) -> tuple[dict[int, Outcome], list[int], list[str]]:
    """Settle what the pre-filter can: (outcomes of the documents with nothing to parse, positions of
    the others, their texts to parse)."""
    settled: dict[int, Outcome] = {}
    todo: list[int] = []
    texts: list[str] = []
    for n, doc in enumerate(docs):
        try:
            text = text_to_parse(doc, max_chars=settings.max_text_chars, prefilter=prefilter)
        except Exception as e:  # noqa: BLE001 - reported as a rejected document, with its reason
            settled[n] = failure(e)
            continue
        if text is None:
            settled[n] = []
        else:
            todo.append(n)
            texts.append(text)
    return settled, todo, texts


@dataclass
class _Chunk:
    """A chunk of input read and screened: the outcomes settled so far (by document position) and the
    positions a worker parses, with the future of that work once it is submitted."""

    items: list[Item]
    outcomes: dict[int, Outcome]
    todo: list[int]
    future: Future[WorkResult] | None = None


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_local(
    items: Iterable[Item],
    writer: ResultWriter,
    summary: BatchSummary,
    *,
    settings: Settings,
    workers: int,
    chunk_size: int,
    keep_text: bool,
    on_progress: Callable[[BatchSummary], None] | None = None,
) -> str:
    """Extract every document of `items` and write the results; counts go into `summary`. Returns the
    extractor's identity, which every document row carries (as `ingest` stores it)."""

    def finish(chunk: list[Item], outcomes: list[Outcome], version: str) -> None:
        by_index: dict[int, Outcome] = {}
        doc_positions = [i for i, item in enumerate(chunk) if isinstance(item, Document)]
        by_index.update(zip(doc_positions, outcomes, strict=True))
        tables = result_tables(chunk, by_index, keep_text=keep_text, extractor_version=version)
        writer.write(tables)
        summary.add(tables)
        if on_progress:
            on_progress(summary)

    if workers == 0:
        from armswatch.extract import Extractor

        extractor = Extractor(settings)
        for chunk in _chunks(items, chunk_size):
            finish(chunk, extract_outcomes(extractor, [d for d in chunk if isinstance(d, Document)]),
                   extractor.identity)
        summary.worker_peak_rss_mb[str(os.getpid())] = peak_rss_mb()
        return extractor.identity

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=worker_context(settings),
                               initializer=init_worker, initargs=(settings,))
    # The workers start in the background (the first waits for the fork server to load the model) while
    # this process reads and screens; screened chunks wait in `unsent` until the workers are up.
    starting = threading.Thread(target=start_workers, args=(pool, workers), daemon=True)
    starting.start()
    prefilter = load_prefilter() if settings.prefilter else None
    pending: deque[_Chunk] = deque()  # read, in input order, until written
    unsent: deque[tuple[_Chunk, list[Document], list[str]]] = deque()
    identity: list[str] = []  # the workers' extractor's, asked once

    def send() -> None:
        while unsent:
            chunk, docs, texts = unsent.popleft()
            chunk.future = pool.submit(work, docs, texts)

    def version() -> str:  # asked of a worker before the first write (the model loads anyway)
        if not identity:
            starting.join()
            asked = pool.submit(extractor_identity)  # ahead of the chunks waiting to be sent
            send()
            try:
                identity.append(asked.result())
            except BrokenProcessPool as e:
                raise ArmswatchError(f"a worker process died while loading the model ({e})") from None
        return identity[0]

    def collect() -> None:
        chunk = pending.popleft()
        if chunk.todo and chunk.future is None:  # still unsent: wait for the workers
            if starting.is_alive():
                # pyarrow loads its pandas support (when pandas is installed) on its first conversion,
                # about 0.4 s: spent here, while the model loads, rather than later beside the workers
                result_tables([], {}, keep_text=keep_text, extractor_version="")
            starting.join()
            send()
        if chunk.future is not None:
            try:
                pid, rss, parsed = chunk.future.result()
            except BrokenProcessPool as e:
                raise ArmswatchError(
                    f"a worker process died ({e}); results up to the last finished chunk are written. "
                    "Out of memory? Try fewer --workers") from None
            summary.worker_peak_rss_mb[str(pid)] = max(rss, summary.worker_peak_rss_mb.get(str(pid), 0.0))
            chunk.outcomes.update(zip(chunk.todo, parsed, strict=True))
        finish(chunk.items, [chunk.outcomes[n] for n in range(len(chunk.outcomes))], version())

    try:
        for items_read in _chunks(items, chunk_size):
            docs = [d for d in items_read if isinstance(d, Document)]
            outcomes, todo, texts = screen(docs, settings, prefilter)
            screened = _Chunk(items_read, outcomes, todo)
            pending.append(screened)
            if todo:
                unsent.append((screened, [docs[n] for n in todo], texts))
            if not starting.is_alive():
                send()
            # the reader runs ahead while the workers parse; results stay in input order
            while len(pending) >= _CHUNKS_AHEAD * workers:
                collect()
        while pending:
            collect()
        return version()
    finally:
        # On Ctrl-C or an error, drop the chunks not started; the part files written so far stay valid.
        starting.join()
        pool.shutdown(wait=True, cancel_futures=True)
