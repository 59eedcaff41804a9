"""Ingest N documents of ../shared/corpora/reuters21578.jsonl into a fresh SQLite store: time and memory.

    .venv/bin/python benchmarks/ingest_bench.py --docs 2000 [--batch-size 50] [--db PATH] [--no-extract]

The corpus is read line by line (never whole), so memory reflects the ingest itself. Reports wall
time, documents per second, peak RSS, and RSS sampled while ingesting (the first and last tenth
should be about equal if memory does not grow with the corpus), plus what the store holds at the end.
`--no-extract` stores documents without running the extractor, to separate store cost from
extraction cost. The corpus is for research use only: nothing of it is copied into the project.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from armswatch.errors import InputError
from armswatch.model import Claim, Document

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "reuters21578.jsonl"


def rss_mb() -> float:
    """Current resident set size in MiB (Linux /proc)."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def stream(path: Path, limit: int) -> Iterator[Document | InputError]:
    from armswatch.sources.files import document_from_record

    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if n > limit:
                return
            origin = f"{path.name}#{n}"
            try:
                yield document_from_record(json.loads(line), default_id=origin, origin=origin)
            except (InputError, json.JSONDecodeError) as e:
                yield e if isinstance(e, InputError) else InputError(origin, f"malformed JSON: {e}")


class NoExtractor:
    def extract(self, document: Document) -> list[Claim]:
        return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--db", default=None, help="SQLite file to create (default: a temporary file)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-extract", action="store_true", help="store only; skip the extractor")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus} not found (it lives in ../shared beside the checkout)")

    from armswatch.extract import EXTRACTOR_VERSION, Extractor
    from armswatch.ingest import ingest
    from armswatch.store import open_store

    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "bench.sqlite3")
    if Path(db).exists():
        sys.exit(f"{db} exists; the benchmark wants a fresh store")

    rss_start = rss_mb()
    t0 = time.perf_counter()
    extractor = NoExtractor() if args.no_extract else Extractor()
    load_s = time.perf_counter() - t0
    store = open_store(db)
    samples: list[tuple[int, float]] = []
    # spaCy's string store grows with every new word it meets: reported to tell its growth from ours
    strings = getattr(getattr(getattr(extractor, "nlp", None), "vocab", None), "strings", None)
    strings_start = len(strings) if strings is not None else None

    def on_batch(r: object) -> None:
        samples.append((getattr(r, "read", 0), rss_mb()))

    t1 = time.perf_counter()
    result = ingest(
        stream(args.corpus, args.docs),
        store,
        extractor,
        extractor_version=EXTRACTOR_VERSION,
        batch_size=args.batch_size,
        on_batch=on_batch,
    )
    ingest_s = time.perf_counter() - t1
    stats = store.stats()
    store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tenth = max(1, len(samples) // 10)
    report = {
        "docs": args.docs,
        "batch_size": args.batch_size,
        "extractor": "none" if args.no_extract else f"armswatch {EXTRACTOR_VERSION}",
        "model_load_s": round(load_s, 2),
        "ingest_s": round(ingest_s, 2),
        "docs_per_s": round(result.read / ingest_s, 1) if ingest_s else None,
        "peak_rss_mb": round(peak_mb, 1),
        "rss_at_start_mb": round(rss_start, 1),
        "rss_first_tenth_mb": round(max(r for _, r in samples[:tenth]), 1) if samples else None,
        "rss_last_tenth_mb": round(max(r for _, r in samples[-tenth:]), 1) if samples else None,
        "spacy_strings_start": strings_start,
        "spacy_strings_end": len(strings) if strings is not None else None,
        "db_bytes": sum(p.stat().st_size for p in Path(db).parent.glob(Path(db).name + "*")),
        "result": result.to_dict(),
        "store": stats,
    }
    print(json.dumps(report, indent=2))
    tmp.cleanup()


if __name__ == "__main__":
    main()
