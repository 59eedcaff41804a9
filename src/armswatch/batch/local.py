"""The local engine: a pool of worker processes, each loading the extractor once.

The main process reads the shards (cheap for JSON lines and Parquet) and screens each document with the
pre-filter, which needs no model: most news is settled there, and only the candidates, with the text the
parser is to read, go to a worker. At most `4 × workers` chunks are in flight; results are consumed in
input order and written as they come, so memory stays flat and the output is in input order.
`workers=0` extracts in this process (no pool; for debugging and small runs).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING

from armswatch.errors import ArmswatchError
from armswatch.extract.prefilter import Prefilter, load_prefilter, text_to_parse
from armswatch.model import Document
from armswatch.settings import Settings

from .output import BatchSummary, ResultWriter
from .rows import Failure, Item, Outcome, result_tables

if TYPE_CHECKING:
    from armswatch.extract import Extractor

__all__ = ["extract_outcomes", "peak_rss_mb", "run_local"]

_CHUNKS_AHEAD = 8  # chunks read per worker before waiting for the oldest result
WorkResult = tuple[int, float, list[Outcome]]  # worker pid, its peak RSS in MiB, outcomes

# The extractor of this worker process, set once by the pool initializer: a process pool passes state
# from its initializer to its tasks only through the worker's module namespace.
_WORKER: dict[str, Extractor] = {}


def _failure(e: Exception) -> Failure:
    return Failure(f"extraction failed ({type(e).__name__}: {e})")


def extract_outcomes(extractor: Extractor, docs: Sequence[Document],
                     texts: Sequence[str | None] | None = None) -> list[Outcome]:
    """Each document's claims, or the reason its extraction failed (one failure never stops a batch).
    `texts`: the documents' text to parse, when the caller screened them already."""
    try:
        return list(extractor.extract_batch(docs, texts))  # parsed together with nlp.pipe
    except Exception:  # noqa: BLE001 - one bad document: redo the chunk one by one to find it
        pass
    out: list[Outcome] = []
    for n, doc in enumerate(docs):
        try:
            out.append(extractor.extract_batch([doc], None if texts is None else [texts[n]])[0])
        except Exception as e:  # counted and reported as a rejected document, with its reason
            out.append(_failure(e))
    return out


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
            settled[n] = _failure(e)
            continue
        if text is None:
            settled[n] = []
        else:
            todo.append(n)
            texts.append(text)
    return settled, todo, texts


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MiB."""
    try:  # Linux: the high-water mark of this program alone (ru_maxrss would keep the parent's from before exec)
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def _worker_context() -> multiprocessing.context.BaseContext:
    """Workers start clean, never as a copy of the reader (no threads forked mid-lock). Where it exists,
    a fork server imports spaCy once and forks each worker from that clean process, so a worker only
    loads its model; elsewhere (Windows) each worker is spawned and imports everything itself."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["armswatch.extract.pipeline", "armswatch.extract.claims"])
    return context


def _init_worker(settings: Settings) -> None:
    from armswatch.extract import Extractor

    _WORKER["extractor"] = Extractor(settings)


def _work(docs: list[Document], texts: list[str]) -> WorkResult:
    outcomes = extract_outcomes(_WORKER["extractor"], docs, texts)
    return os.getpid(), peak_rss_mb(), outcomes


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
    extractor_version: str,
    keep_text: bool,
    on_progress: Callable[[BatchSummary], None] | None = None,
) -> None:
    """Extract every document of `items` and write the results; counts go into `summary`."""

    def finish(chunk: list[Item], outcomes: list[Outcome]) -> None:
        by_index: dict[int, Outcome] = {}
        doc_positions = [i for i, item in enumerate(chunk) if isinstance(item, Document)]
        by_index.update(zip(doc_positions, outcomes, strict=True))
        tables = result_tables(chunk, by_index, keep_text=keep_text, extractor_version=extractor_version)
        writer.write(tables)
        summary.add(tables)
        if on_progress:
            on_progress(summary)

    if workers == 0:
        from armswatch.extract import Extractor

        extractor = Extractor(settings)
        for chunk in _chunks(items, chunk_size):
            finish(chunk, extract_outcomes(extractor, [d for d in chunk if isinstance(d, Document)]))
        summary.worker_peak_rss_mb[str(os.getpid())] = peak_rss_mb()
        return

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_worker_context(),
                               initializer=_init_worker, initargs=(settings,))
    prefilter = load_prefilter() if settings.prefilter else None
    pending: deque[tuple[list[Item], dict[int, Outcome], list[int], Future[WorkResult] | None]] = deque()

    def collect() -> None:
        chunk, outcomes, todo, future = pending.popleft()
        if future is not None:
            try:
                pid, rss, parsed = future.result()
            except BrokenProcessPool as e:
                raise ArmswatchError(
                    f"a worker process died ({e}); results up to the last finished chunk are written. "
                    "Out of memory? Try fewer --workers") from None
            summary.worker_peak_rss_mb[str(pid)] = max(rss, summary.worker_peak_rss_mb.get(str(pid), 0.0))
            outcomes.update(zip(todo, parsed, strict=True))
        finish(chunk, [outcomes[n] for n in range(len(outcomes))])

    try:
        for chunk in _chunks(items, chunk_size):
            docs = [d for d in chunk if isinstance(d, Document)]
            outcomes, todo, texts = screen(docs, settings, prefilter)
            future = pool.submit(_work, [docs[n] for n in todo], texts) if todo else None
            pending.append((chunk, outcomes, todo, future))
            # the reader runs ahead while the workers load their models; results stay in input order
            while len(pending) >= _CHUNKS_AHEAD * workers:
                collect()
        while pending:
            collect()
    finally:
        # On Ctrl-C or an error, drop the chunks not started; the part files written so far stay valid.
        pool.shutdown(wait=True, cancel_futures=True)
