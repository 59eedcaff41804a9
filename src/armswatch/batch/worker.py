"""The extraction side of a batch: what a worker process holds and runs.

Kept apart from the reading and writing side (pyarrow, the Parquet output) and imported without it (the
package imports that side only when asked for), so the local engine's fork server and the workers it
forks import spaCy and the extractor alone: the model is ready sooner and each worker is smaller. The
Ray engine's extract stage uses `extract_outcomes` too.
"""

from __future__ import annotations

import os
import resource
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from armswatch.errors import InputError
from armswatch.model import Claim, Document
from armswatch.settings import Settings
from armswatch.sources.skipped import Skipped

from . import preload

if TYPE_CHECKING:
    from armswatch.extract import Extractor

__all__ = ["Failure", "Item", "Outcome", "WorkResult", "extract_outcomes", "extractor_identity", "failure",
           "init_worker", "peak_rss_mb", "ready", "work"]

Item = Document | InputError | Skipped  # what the readers yield


@dataclass(frozen=True)
class Failure:
    """Extraction of one document raised: the reason, so the batch goes on and the failure is counted."""

    reason: str


Outcome = list[Claim] | Failure  # per document: its claims, or why it has none
WorkResult = tuple[int, float, list[Outcome]]  # worker pid, its peak RSS in MiB, outcomes

# The extractor of this worker process, set once by the pool initializer: a process pool passes state
# from its initializer to its tasks only through the worker's module namespace.
_WORKER: dict[str, Extractor] = {}


def failure(e: Exception) -> Failure:
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
            out.append(failure(e))
    return out


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


def init_worker(settings: Settings) -> None:
    """A pool initializer: take the fork server's extractor when it was built with `settings`."""
    extractor = preload.preloaded(settings)
    if extractor is None:
        from armswatch.extract import Extractor

        extractor = Extractor(settings)
    _WORKER["extractor"] = extractor


def ready() -> bool:
    """A worker's first task: True when it took the fork server's extractor rather than loading its own."""
    return _WORKER["extractor"] is preload.EXTRACTOR


def extractor_identity() -> str:
    """A worker's task: the identity of its extractor (`Extractor.identity`), which the run writes with its
    results, so the store knows what extracted them (the reading process never loads the model)."""
    return _WORKER["extractor"].identity


def work(docs: list[Document], texts: list[str]) -> WorkResult:
    """A worker's task: the outcomes of screened documents, parsing `texts`."""
    outcomes = extract_outcomes(_WORKER["extractor"], docs, texts)
    return os.getpid(), peak_rss_mb(), outcomes
