"""Figures for docs/sources.md: HTML extraction and WARC reading speed, language detection speed and
false skips, fetcher memory under a gzip bomb and a 200 MB page. Everything runs locally (servers on
127.0.0.1); the language figures use ../shared corpora when present.

    .venv/bin/python benchmarks/sources_bench.py [--pages 1000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests" / "sources"))

from sources_pages import news_page  # noqa: E402
from sources_server import LocalServer, gzip_bomb, huge, page  # noqa: E402
from test_warc import write_warc  # noqa: E402

from armswatch.model import Document  # noqa: E402
from armswatch.settings import load_settings  # noqa: E402
from armswatch.sources import iter_items  # noqa: E402
from armswatch.sources.fetch import FetchedPage, Fetcher, FetchOptions  # noqa: E402
from armswatch.sources.html import document_from_html  # noqa: E402
from armswatch.sources.language import detect_language  # noqa: E402


def bench_html(n: int) -> None:
    pages = [news_page(i).html for i in range(n)]
    document_from_html(pages[0], doc_id="warm", origin="warm")
    t = time.perf_counter()
    for i, html in enumerate(pages):
        document_from_html(html, doc_id=str(i), origin=str(i))
    dt = time.perf_counter() - t
    size = sum(len(p) for p in pages) / n
    print(f"html: {n} pages of {size / 1024:.1f} KiB in {dt:.2f} s = {n / dt:.0f} pages/s "
          f"({1000 * dt / n:.1f} ms/page)")


def bench_worst_page() -> None:
    """A page just under the element cap (distinct paragraphs): the slowest page that is accepted."""
    body = "".join(f"<div class='x'><p>Poland will send {i} shells to Ukraine, officials said.</p>"
                   f"<span>a</span></div>" for i in range(16_500))
    html = f"<html><body><article>{body}</article></body></html>"
    t = time.perf_counter()
    doc = document_from_html(html, doc_id="worst", origin="worst")
    dt = time.perf_counter() - t
    print(f"html worst case: {len(html) / 1e6:.1f} MB page with ~49,500 elements in {dt:.1f} s "
          f"({len(doc.text) / 1e6:.1f} MB of text)")


def bench_warc(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "news.warc.gz"
        write_warc(path, [(f"https://news.example.org/{i}", news_page(i).html.encode()) for i in range(n)])
        t = time.perf_counter()
        docs = sum(isinstance(x, Document) for x in iter_items([path], load_settings()))
        dt = time.perf_counter() - t
        mb = path.stat().st_size / 1e6
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"warc: {docs}/{n} documents from a {mb:.1f} MB WARC.gz in {dt:.2f} s = {docs / dt:.0f} docs/s "
          f"(language check included); peak RSS of this process so far {rss:.0f} MiB")


def bench_language() -> None:
    texts: list[tuple[str, str]] = []
    dev = SHARED / "dev-corpus" / "articles"
    if dev.exists():
        texts += [("dev-corpus", json.loads(p.read_text())["text"]) for p in sorted(dev.glob("*.json"))]
    reuters = SHARED / "corpora" / "reuters21578.jsonl"
    if reuters.exists():
        with reuters.open() as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                if len(text) >= 120:
                    texts.append(("reuters", text))
                if len(texts) >= 5000:
                    break
    if not texts:
        print("language: ../shared corpora absent, skipped")
        return
    t = time.perf_counter()
    wrong = [(src, g) for src, text in texts if (g := detect_language(text)).code != "en" and g.confidence >= 0.9]
    dt = time.perf_counter() - t
    print(f"language: {len(texts)} English texts (dev corpus + Reuters-21578), {len(wrong)} would be skipped "
          f"as non-English; {1000 * dt / len(texts):.2f} ms/text")


def bench_fetch_bounds() -> None:
    server = LocalServer().start()
    try:
        server.route("/bomb.html", page(gzip_bomb(1 << 30), headers={"Content-Encoding": "gzip"}))
        server.route("/huge.html", huge(200 << 20, declare_length=False))
        for i in range(50):
            server.route(f"/p{i}.html", page(news_page(i).html.encode()))
        opts = FetchOptions(host_interval=0.0, timeout=5, deadline=30, retries=0)  # default 10 MB cap
        with Fetcher(opts) as f:
            t = time.perf_counter()
            ok = sum(isinstance(f.fetch(server.url(f"/p{i}.html")), FetchedPage) for i in range(50))
            dt = time.perf_counter() - t
            print(f"fetch: {ok} local pages in {dt:.2f} s (no rate limit) = {ok / dt:.0f} pages/s")
            for path, what in (("/bomb.html", "1 GiB gzip bomb"), ("/huge.html", "200 MiB page")):
                tracemalloc.start()
                t = time.perf_counter()
                result = f.fetch(server.url(path))
                dt = time.perf_counter() - t
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                print(f"fetch: {what}: {type(result).__name__} after {dt:.2f} s, peak Python memory "
                      f"{peak / 2**20:.1f} MiB (cap {opts.max_bytes / 1e6:.0f} MB)")
    finally:
        server.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    args = ap.parse_args()
    bench_html(min(args.pages, 300))
    bench_worst_page()
    bench_warc(args.pages)
    bench_language()
    bench_fetch_bounds()


if __name__ == "__main__":
    main()
