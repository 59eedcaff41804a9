"""Run an ingest in a child process, for the tests that kill it or run two at once.

    python ingest_child.py DB_URL BATCH_SIZE DELAY MODE PATH...

MODE "plain" ingests; "stall-in-transaction" sleeps inside the batch transaction of batch 3, after
its rows are written and before commit, so the parent can kill the process at that exact point.
Prints "committed <n>" after each committed batch and "stalled" when stalling (flushed at once).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from store_helpers import FixtureExtractor  # noqa: E402

from armswatch.ingest import ingest  # noqa: E402
from armswatch.sources import iter_documents  # noqa: E402
from armswatch.store import Store, open_store  # noqa: E402


def main() -> None:
    url, batch_size, delay, mode, *paths = sys.argv[1:]
    store = open_store(url)
    if mode == "stall-in-transaction":
        original = Store._recompute
        calls = {"batch": 0}

        def stalling_add(self: Store, batch: object, version: str) -> object:
            calls["batch"] += 1
            if calls["batch"] == 3:

                def stall(self: Store, conn: object, triple: object) -> None:
                    print("stalled", flush=True)
                    time.sleep(60)

                Store._recompute = stall  # type: ignore[method-assign]
            try:
                return original_add(self, batch, version)  # type: ignore[arg-type]
            finally:
                Store._recompute = original  # type: ignore[method-assign]

        original_add = Store.add_documents_and_claims
        Store.add_documents_and_claims = stalling_add  # type: ignore[assignment,method-assign]

    result = ingest(
        iter_documents(paths),
        store,
        FixtureExtractor(delay=float(delay)),
        extractor_version="fixture",
        batch_size=int(batch_size),
        on_batch=lambda r: print(f"committed {r.batches}", flush=True),
    )
    print(f"done stored={result.stored} skipped={result.skipped} rejected={result.rejected}", flush=True)


if __name__ == "__main__":
    main()
