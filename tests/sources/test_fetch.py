"""The fetcher against a real server on 127.0.0.1: robots.txt, rate limit, timeouts, retries,
redirects, size caps, gzip bombs, the seen-set."""

from __future__ import annotations

import gzip
import threading
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sources_server import LocalServer, drip, drip_headers, flaky, hang, huge, page, redirect

from armswatch.errors import InputError, InputTooLarge
from armswatch.sources.fetch import FetchedPage, Fetcher, FetchOptions, MemorySeen, SqliteSeen, canonical_url
from armswatch.sources.skipped import Skipped

HTML = b"<html><head><title>t</title></head><body><p>hello</p></body></html>"


class FakeClock:
    """Time that passes only when the fetcher sleeps: rate limits checked without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def test_page_fetched_with_user_agent_and_metadata(server: LocalServer, fast_options: FetchOptions) -> None:
    server.route("/a.html", page(HTML))
    with Fetcher(fast_options) as f:
        result = f.fetch(server.url("/a.html"))
    assert isinstance(result, FetchedPage)
    assert (result.status, result.content_type, result.charset, result.body) == (
        200,
        "text/html",
        "utf-8",
        HTML,
    )
    hits = server.hits_for("/a.html")
    assert len(hits) == 1 and hits[0].user_agent == fast_options.user_agent
    assert "gzip" in hits[0].headers["accept-encoding"]
    assert server.hits_for("/robots.txt"), "robots.txt is read before the first page"


def test_robots_disallow_is_honoured_and_page_never_requested(
    server: LocalServer, fast_options: FetchOptions
) -> None:
    server.route("/robots.txt", page(b"User-agent: armswatch\nDisallow: /private/\n", "text/plain"))
    server.route("/private/x.html", page(HTML))
    server.route("/public.html", page(HTML))
    with Fetcher(fast_options) as f:
        blocked = f.fetch(server.url("/private/x.html"))
        allowed = f.fetch(server.url("/public.html"))
    assert isinstance(blocked, Skipped) and blocked.kind == "robots"
    assert isinstance(allowed, FetchedPage)
    assert not server.hits_for("/private/x.html")
    assert len(server.hits_for("/robots.txt")) == 1, "robots.txt is cached per host"


def test_robots_for_other_agents_does_not_apply(server: LocalServer, fast_options: FetchOptions) -> None:
    server.route("/robots.txt", page(b"User-agent: otherbot\nDisallow: /\n", "text/plain"))
    server.route("/a.html", page(HTML))
    with Fetcher(fast_options) as f:
        assert isinstance(f.fetch(server.url("/a.html")), FetchedPage)


def test_robots_server_error_closes_the_site_and_404_opens_it(
    server: LocalServer, fast_options: FetchOptions
) -> None:
    server.route("/robots.txt", page(b"oops", "text/plain", status=500))
    server.route("/a.html", page(HTML))
    with Fetcher(fast_options) as f:
        result = f.fetch(server.url("/a.html"))
    assert isinstance(result, Skipped) and result.kind == "robots" and "HTTP 500" in result.reason
    del server.routes["/robots.txt"]  # now 404: everything allowed
    with Fetcher(fast_options) as f:
        assert isinstance(f.fetch(server.url("/a.html")), FetchedPage)


def test_per_host_rate_limit_and_crawl_delay(server: LocalServer) -> None:
    for i in range(3):
        server.route(f"/{i}.html", page(HTML))
    fake = FakeClock()
    opts = FetchOptions(host_interval=1.5, timeout=1, deadline=2, retries=0)
    with Fetcher(opts, clock=fake.clock, sleep=fake.sleep) as f:
        for i in range(3):
            assert isinstance(f.fetch(server.url(f"/{i}.html")), FetchedPage)
    # robots.txt, then three pages: each request waits for the host's slot
    assert fake.sleeps == [1.5, 1.5, 1.5]

    server.route("/robots.txt", page(b"User-agent: *\nCrawl-delay: 4\n", "text/plain"))
    fake = FakeClock()
    with Fetcher(opts, clock=fake.clock, sleep=fake.sleep) as f:
        for i in range(3):
            f.fetch(server.url(f"/{i}.html"), skip_seen=False)
    assert fake.sleeps == [1.5, 4.0, 4.0], "Crawl-delay longer than the interval wins"


def test_rate_limit_in_real_time(server: LocalServer) -> None:
    for i in range(3):
        server.route(f"/{i}.html", page(HTML))
    with Fetcher(FetchOptions(host_interval=0.15, timeout=1, deadline=2, retries=0)) as f:
        for i in range(3):
            f.fetch(server.url(f"/{i}.html"))
    times = [h.at for h in server.hits]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(gaps) == 3 and min(gaps) >= 0.14


def test_retries_with_backoff_then_success(server: LocalServer, fast_options: FetchOptions) -> None:
    server.route("/flaky.html", flaky(2, page(HTML)))
    fake = FakeClock()
    with Fetcher(fast_options, clock=fake.clock, sleep=fake.sleep) as f:
        result = f.fetch(server.url("/flaky.html"))
    assert isinstance(result, FetchedPage)
    assert len(server.hits_for("/flaky.html")) == 3
    assert fake.sleeps == [0.01, 0.02], "exponential back-off"


def test_server_500_reported_after_retries_and_not_remembered(
    server: LocalServer, fast_options: FetchOptions
) -> None:
    server.route("/down.html", page(b"error", "text/plain", status=500))
    seen = MemorySeen()
    with Fetcher(fast_options, seen=seen) as f:
        result = f.fetch(server.url("/down.html"))
    assert isinstance(result, InputError)
    assert "HTTP 500" in result.reason and "3 attempts" in result.reason
    assert len(server.hits_for("/down.html")) == 3
    assert canonical_url(server.url("/down.html")) not in seen, "a transient failure is tried again later"


def test_retry_after_is_honoured_up_to_a_bound(server: LocalServer, fast_options: FetchOptions) -> None:
    server.route("/busy.html", flaky(1, page(HTML), status=429))
    server.routes["/busy.html"] = _with_retry_after(server.routes["/busy.html"])
    fake = FakeClock()
    with Fetcher(fast_options, clock=fake.clock, sleep=fake.sleep) as f:
        assert isinstance(f.fetch(server.url("/busy.html")), FetchedPage)
    assert fake.sleeps == [fast_options.max_backoff], "Retry-After: 30 capped at max_backoff"


def _with_retry_after(inner):  # type: ignore[no-untyped-def]
    def handler(h):  # type: ignore[no-untyped-def]
        original = h.send_header

        def send_header(k: str, v: str) -> None:
            original(k, v)
            if k == "Content-Type":
                original("Retry-After", "30")

        h.send_header = send_header
        inner(h)

    return handler


def test_404_is_permanent_and_remembered(server: LocalServer, fast_options: FetchOptions) -> None:
    seen = MemorySeen()
    with Fetcher(fast_options, seen=seen) as f:
        first = f.fetch(server.url("/missing.html"))
        second = f.fetch(server.url("/missing.html"))
    assert isinstance(first, InputError) and "HTTP 404" in first.reason
    assert isinstance(second, Skipped) and second.kind == "seen"
    assert len(server.hits_for("/missing.html")) == 1, "4xx is not retried"


def test_server_that_hangs_times_out(server: LocalServer, fast_options: FetchOptions) -> None:
    server.route("/hang.html", hang(server))
    opts = replace(fast_options, retries=1)
    started = time.monotonic()
    with Fetcher(opts) as f:
        result = f.fetch(server.url("/hang.html"))
    elapsed = time.monotonic() - started
    assert isinstance(result, InputError) and "timed out" in result.reason
    assert elapsed < 4 * opts.timeout + 1, "two attempts of one timeout each, plus back-off"


def test_slow_drip_cut_off_at_the_deadline(server: LocalServer, fast_options: FetchOptions) -> None:
    server.route("/drip.html", drip(server, interval=0.1, total=100))  # 10 s if left alone
    opts = replace(fast_options, retries=0, deadline=0.5)
    started = time.monotonic()
    with Fetcher(opts) as f:
        result = f.fetch(server.url("/drip.html"))
    assert isinstance(result, InputError) and "deadline" in result.reason
    assert time.monotonic() - started < 0.5 + opts.timeout + 0.5


def _ended(fetch: Callable[[], object], within: float = 8.0) -> object:
    """The fetch's result, run in a thread: a fetch still running after `within` seconds fails the test
    (instead of hanging it) — the bound is a safety net, far above the deadlines under test."""
    out: list[object] = []
    worker = threading.Thread(target=lambda: out.append(fetch()), daemon=True)
    worker.start()
    worker.join(within)
    assert not worker.is_alive(), "the fetch outlived every deadline"
    return out[0]


def test_headers_sent_a_byte_a_second_are_cut_off_at_the_deadline(
        server: LocalServer, fast_options: FetchOptions) -> None:
    server.route("/slow-head.html", drip_headers(server, interval=1.0))  # hours if left alone
    opts = replace(fast_options, retries=0, timeout=1.5, deadline=2.0)
    with Fetcher(opts) as f:
        result = _ended(lambda: f.fetch(server.url("/slow-head.html")))
    assert isinstance(result, InputError) and "2 s deadline" in result.reason and "FETCH_DEADLINE" in result.reason
    assert len(server.hits_for("/slow-head.html")) == 1


def test_the_total_deadline_bounds_all_attempts_of_a_url(server: LocalServer, fast_options: FetchOptions) -> None:
    server.route("/slow-head.html", drip_headers(server, interval=1.0))
    opts = replace(fast_options, retries=5, timeout=1.5, deadline=2.0, total_deadline=3.0)
    with Fetcher(opts) as f:
        result = _ended(lambda: f.fetch(server.url("/slow-head.html")))
    assert isinstance(result, InputError) and "3 s total deadline" in result.reason
    assert len(server.hits_for("/slow-head.html")) == 2, "the second attempt gets what is left, then no more"


def test_a_slow_host_is_passed_over_and_the_others_go_on(server: LocalServer, fast_options: FetchOptions) -> None:
    # 127.0.0.1 and localhost are two hosts to the fetcher, though one server here
    server.route("/slow-head.html", drip_headers(server, interval=1.0))
    server.route("/other.html", page(HTML))
    slow, other = server.url("/slow-head.html"), server.url("/other.html").replace("127.0.0.1", "localhost")
    opts = replace(fast_options, retries=0, timeout=1.5, deadline=1.0)
    with Fetcher(opts) as f:
        first = _ended(lambda: f.fetch(slow))
        again = f.fetch(slow.replace("slow-head", "other"))  # same host: not asked at all
        elsewhere = f.fetch(other)
        assert isinstance(first, InputError) and "deadline" in first.reason
        assert isinstance(again, Skipped) and again.kind == "slow-host"
        assert isinstance(elsewhere, FetchedPage) and elsewhere.body == HTML
        assert canonical_url(slow.replace("slow-head", "other")) not in f.seen, "tried again in a later round"
    assert len(server.hits_for("/other.html")) == 1


def test_redirects_followed_and_recorded(server: LocalServer, fast_options: FetchOptions) -> None:
    server.route("/old.html", redirect("/mid.html", 301))
    server.route("/mid.html", redirect(server.url("/new.html"), 302))
    server.route("/new.html", page(HTML))
    seen = MemorySeen()
    with Fetcher(fast_options, seen=seen) as f:
        result = f.fetch(server.url("/old.html"))
        again = f.fetch(server.url("/new.html"))
    assert isinstance(result, FetchedPage)
    assert result.final_url == server.url("/new.html") and result.url == canonical_url(
        server.url("/old.html")
    )
    assert isinstance(again, Skipped), "the final URL is remembered too"


def test_redirect_loop_and_robots_on_redirect_target(server: LocalServer, fast_options: FetchOptions) -> None:
    server.route("/loop.html", redirect("/loop2.html"))
    server.route("/loop2.html", redirect("/loop.html"))
    server.route("/robots.txt", page(b"User-agent: *\nDisallow: /private/\n", "text/plain"))
    server.route("/sneaky.html", redirect("/private/x.html"))
    server.route("/private/x.html", page(HTML))
    with Fetcher(fast_options) as f:
        loop = f.fetch(server.url("/loop.html"))
        sneaky = f.fetch(server.url("/sneaky.html"))
    assert isinstance(loop, InputError) and "redirects" in loop.reason
    assert isinstance(sneaky, Skipped) and sneaky.kind == "robots"
    assert not server.hits_for("/private/x.html")


def test_gzip_bomb_stopped_at_the_cap_in_bounded_memory(
    server: LocalServer, fast_options: FetchOptions, bomb: bytes
) -> None:
    server.route("/bomb.html", page(bomb, headers={"Content-Encoding": "gzip"}))
    tracemalloc.start()
    try:
        with Fetcher(fast_options) as f:
            result = f.fetch(server.url("/bomb.html"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(result, InputTooLarge) and "decompressed" in result.reason
    assert peak < 8 * fast_options.max_bytes, f"peak {peak:,} bytes for a 256 MiB bomb"


def test_gzip_page_decoded(server: LocalServer, fast_options: FetchOptions) -> None:
    server.route(
        "/z.html",
        page(gzip.compress(HTML) + gzip.compress(b"<p>2</p>"), headers={"Content-Encoding": "gzip"}),
    )
    with Fetcher(fast_options) as f:
        result = f.fetch(server.url("/z.html"))
    assert isinstance(result, FetchedPage) and result.body == HTML + b"<p>2</p>"


def test_200_mb_page_streamed_and_cut_at_the_cap(server: LocalServer, fast_options: FetchOptions) -> None:
    server.route("/huge.html", huge(200 << 20, declare_length=False))
    server.route("/declared.html", huge(200 << 20, declare_length=True))
    tracemalloc.start()
    try:
        with Fetcher(fast_options) as f:
            streamed = f.fetch(server.url("/huge.html"))
            declared = f.fetch(server.url("/declared.html"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(streamed, InputTooLarge) and "over the 1,000,000 byte cap" in streamed.reason
    assert isinstance(declared, InputTooLarge) and "Content-Length" in declared.reason
    assert peak < 8 * fast_options.max_bytes


def test_connection_refused_reported(fast_options: FetchOptions) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Fetcher(replace(fast_options, retries=0)) as f:
        result = f.fetch(f"http://127.0.0.1:{port}/a.html")
    assert isinstance(result, Skipped) and result.kind == "robots" and "unreachable" in result.reason


def test_non_http_urls_refused(fast_options: FetchOptions) -> None:
    with Fetcher(fast_options) as f:
        for url in ("file:///etc/passwd", "ftp://example.org/x", "not a url"):
            result = f.fetch(url)
            assert isinstance(result, InputError) and "http(s)" in result.reason


def test_sqlite_seen_set_persists_across_fetchers(
    server: LocalServer, fast_options: FetchOptions, tmp_path: Path
) -> None:
    server.route("/a.html", page(HTML))
    db = tmp_path / "seen.sqlite"
    with Fetcher(fast_options, seen=SqliteSeen(db)) as f:
        assert isinstance(f.fetch(server.url("/a.html?utm_source=x#top")), FetchedPage)
        f.seen.close()
    seen = SqliteSeen(db)
    with Fetcher(fast_options, seen=seen) as f:
        again = f.fetch(server.url("/a.html"))
    assert isinstance(again, Skipped) and again.kind == "seen"
    assert len(seen) == 1 and len(server.hits_for("/a.html")) == 1
    seen.close()


def test_canonical_url() -> None:
    assert (
        canonical_url("HTTP://Example.ORG:80/a?b=1&utm_medium=x&fbclid=y#frag") == "http://example.org/a?b=1"
    )
    assert canonical_url("https://example.org:8443") == "https://example.org:8443/"
