"""Polite, bounded HTTP fetching with httpx.

One `Fetcher` per run. For every URL it:

* refuses anything but http(s), and passes over URLs already in the seen-set (`Skipped`, kind "seen");
* honours robots.txt (RFC 9309: 4xx → allowed, 5xx or unreachable → disallowed; Crawl-delay respected),
  checked again on every redirect hop;
* waits so that one host gets at most one request per `host_interval` seconds;
* sends a clear User-Agent and `Accept-Encoding: gzip, deflate`, and decodes the body itself in
  bounded steps, so neither a 200 MB page nor a gzip bomb is ever held in memory beyond the cap;
* cuts an attempt off after `deadline` seconds for the whole exchange (connect, headers, body: slow-drip
  servers, see deadline.py), a silent one after `timeout` seconds, and gives a URL at most
  `total_deadline` seconds over all its attempts; a host that timed out is then passed over
  (`Skipped`, kind "slow-host", not remembered) for `slow_host_pause` seconds, so that one slow host
  costs a `watch` round one URL's total deadline, not one per URL, and the other hosts go on;
* retries timeouts, connection errors, 429 and 5xx with exponential back-off (Retry-After honoured up
  to a bound), and reports the last failure with its reason.

Results are values: a `FetchedPage`, an `InputError` (InputTooLarge for caps) or a `Skipped`.
"""

from __future__ import annotations

import sqlite3
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from armswatch.errors import InputError, InputTooLarge
from armswatch.settings import Settings
from armswatch.sources.deadline import Deadline, with_deadline
from armswatch.sources.skipped import Skipped

__all__ = [
    "FetchOptions",
    "FetchedPage",
    "Fetcher",
    "MemorySeen",
    "SeenStore",
    "SqliteSeen",
    "canonical_url",
    "open_seen_store",
]

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid")


@dataclass(frozen=True)
class FetchOptions:
    user_agent: str = "armswatch/0.1 (news monitor of arms-transfer reports; honours robots.txt)"
    host_interval: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # connect, and silence between bytes
    deadline: float = 60.0  # one attempt (connect, headers, body), in total
    total_deadline: float = 180.0  # one URL, over all its attempts and back-offs
    slow_host_pause: float = 600.0  # a host that timed out is passed over this long
    retries: int = 3
    backoff: float = 1.0  # first back-off; doubles
    max_backoff: float = 60.0  # also the bound on Retry-After
    max_bytes: int = 10_000_000  # body after decompression
    max_redirects: int = 5
    robots_max_bytes: int = 500_000
    robots_ttl: float = 3600.0
    max_crawl_delay: float = 60.0

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchOptions:
        return cls(
            user_agent=settings.user_agent,
            host_interval=settings.fetch_host_interval_ms / 1000,
            timeout=float(settings.fetch_timeout),
            deadline=float(settings.fetch_deadline),
            total_deadline=float(settings.fetch_total_deadline),
            retries=settings.fetch_retries,
            backoff=settings.fetch_backoff_ms / 1000,
            max_bytes=settings.fetch_max_bytes,
        )


@dataclass(frozen=True)
class FetchedPage:
    url: str  # as asked for (canonical form)
    final_url: str  # after redirects
    status: int
    content_type: str  # lower-case MIME type, no parameters
    charset: str | None
    body: bytes
    fetched_at: datetime
    headers: dict[str, str] = field(default_factory=dict)


def canonical_url(url: str) -> str:
    """The form URLs are remembered in: lower-case scheme and host, no default port, no fragment, no
    tracking parameters (utm_*, fbclid, ...)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith(_TRACKING_PARAMS)
        ]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


# --- the seen-set -----------------------------------------------------------------------------------


class SeenStore(Protocol):
    """Where fetched URLs are remembered (canonical form)."""

    def __contains__(self, url: object) -> bool: ...

    def add(self, url: str, outcome: str) -> None: ...

    def close(self) -> None: ...


class MemorySeen:
    """A seen-set for one run (what `analyze` uses: the same URL twice in one run is fetched once)."""

    def __init__(self) -> None:
        self._urls: dict[str, str] = {}

    def __contains__(self, url: object) -> bool:
        return url in self._urls

    def add(self, url: str, outcome: str) -> None:
        self._urls.setdefault(url, outcome)

    def __len__(self) -> int:
        return len(self._urls)

    def close(self) -> None:
        pass


class SqliteSeen:
    """A seen-set kept in a small SQLite file, so `watch` does not fetch a URL again across runs."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS seen (url TEXT PRIMARY KEY, outcome TEXT NOT NULL, "
            "first_seen TEXT NOT NULL)"
        )

    def __contains__(self, url: object) -> bool:
        row = self._db.execute("SELECT 1 FROM seen WHERE url = ?", (url,)).fetchone()
        return row is not None

    def add(self, url: str, outcome: str) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO seen (url, outcome, first_seen) VALUES (?, ?, ?)",
            (url, outcome, datetime.now(UTC).isoformat(timespec="seconds")),
        )

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM seen").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def open_seen_store(settings: Settings) -> SqliteSeen:
    path = settings.seen_db or str(Path(settings.data_dir) / "seen.sqlite")
    return SqliteSeen(path)


# --- fetching ---------------------------------------------------------------------------------------


class _Transient(Exception):
    """A failure worth retrying; `reason` says what happened, `retry_after` what the server asked."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: everything allowed
    disallow_all: bool
    fetched: float
    note: str = ""


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: fall back to our own back-off


def _mime(headers: httpx.Headers) -> tuple[str, str | None]:
    raw = headers.get("content-type", "")
    mime, _, params = raw.partition(";")
    charset = None
    for p in params.split(";"):
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip("\"'") or None
    return mime.strip().lower(), charset


class Fetcher:
    """Fetches URLs politely within bounds. Use as a context manager, or call `close()`."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        seen: SeenStore | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.options = options or FetchOptions()
        self.seen: SeenStore = seen if seen is not None else MemorySeen()
        self._clock, self._sleep = clock, sleep
        self._next_slot: dict[str, float] = {}
        self._slow_until: dict[str, float] = {}  # host → when it may be tried again after a timeout
        self._robots: dict[str, _Robots] = {}
        o = self.options
        self._deadline = Deadline()
        if transport is None:
            transport = httpx.HTTPTransport(trust_env=False)
            with_deadline(transport, self._deadline)
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(o.timeout, connect=o.timeout),
            headers={
                "User-Agent": o.user_agent,
                "Accept-Encoding": "gzip, deflate",
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                "application/xml;q=0.9,*/*;q=0.5",
            },
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- public --

    def fetch(
        self,
        url: str,
        *,
        skip_seen: bool = True,
        remember: bool = True,
        headers: dict[str, str] | None = None,
    ) -> FetchedPage | InputError | Skipped:
        """GET `url` within every bound; the outcome as a value, never an exception."""
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return InputError(url, "not an http(s) URL")
        key = canonical_url(url)
        if skip_seen and key in self.seen:
            return Skipped(url, "seen", "already fetched (in the seen-set)")
        host = parts.netloc.lower()
        if self._slow_until.get(host, 0.0) > self._clock():
            return Skipped(url, "slow-host", f"{host} timed out lately; left for a later round "
                           f"(for {self._slow_until[host] - self._clock():.0f} s more)")
        result = self._fetch_following(url.strip(), key, headers or {})
        if remember and self._is_final(result):
            self.seen.add(key, self._outcome(result))
            if isinstance(result, FetchedPage) and canonical_url(result.final_url) != key:
                self.seen.add(canonical_url(result.final_url), self._outcome(result))
        return result

    def allowed(self, url: str) -> tuple[bool, str]:
        """Whether robots.txt lets this user agent fetch `url`, and why not when it does not."""
        robots = self._robots_for(url)
        if robots.disallow_all:
            return False, robots.note
        if robots.parser is not None and not robots.parser.can_fetch(self.options.user_agent, url):
            return False, "disallowed by robots.txt"
        return True, ""

    # -- internals --

    @staticmethod
    def _is_final(result: FetchedPage | InputError | Skipped) -> bool:
        # Pages and permanent refusals are remembered; transient failures and robots are tried again later.
        if isinstance(result, FetchedPage):
            return result.status != 304
        if isinstance(result, Skipped):
            return False
        return getattr(result, "permanent", False)

    @staticmethod
    def _outcome(result: FetchedPage | InputError | Skipped) -> str:
        if isinstance(result, FetchedPage):
            return str(result.status)
        return result.reason[:200]

    def _fetch_following(
        self, url: str, key: str, headers: dict[str, str]
    ) -> FetchedPage | InputError | Skipped:
        current = url
        for _hop in range(self.options.max_redirects + 1):
            ok, why = self.allowed(current)
            if not ok:
                return Skipped(current, "robots", why)
            outcome = self._with_retries(current, headers)
            if isinstance(outcome, tuple):  # a redirect
                location = outcome[1]
                nxt = urljoin(current, location)
                if urlsplit(nxt).scheme.lower() not in ("http", "https"):
                    return _permanent(InputError(url, f"redirected to a non-http(s) URL: {nxt[:200]}"))
                current = nxt
                continue
            if isinstance(outcome, FetchedPage):
                return FetchedPage(
                    url=key,
                    final_url=current,
                    status=outcome.status,
                    content_type=outcome.content_type,
                    charset=outcome.charset,
                    body=outcome.body,
                    fetched_at=outcome.fetched_at,
                    headers=outcome.headers,
                )
            return outcome
        return _permanent(InputError(url, f"more than {self.options.max_redirects} redirects"))

    def _with_retries(self, url: str, headers: dict[str, str]) -> FetchedPage | InputError | tuple[int, str]:
        o = self.options
        attempts = o.retries + 1
        begun = self._clock()
        for attempt in range(attempts):
            try:
                return self._once(url, headers, o.total_deadline - (self._clock() - begun))
            except _Transient as t:
                if attempt == attempts - 1:
                    return InputError(url, f"{t.reason} (gave up after {attempts} attempts)")
                delay = min(o.max_backoff, o.backoff * (2**attempt))
                if t.retry_after is not None:
                    delay = min(o.max_backoff, max(delay, t.retry_after))
                if self._clock() - begun + delay >= o.total_deadline:
                    return InputError(url, f"{t.reason} (gave up after {attempt + 1} attempt(s): the URL's "
                                      f"{o.total_deadline:g} s total deadline, setting ARMSWATCH_FETCH_TOTAL_DEADLINE)")
                self._sleep(delay)
        raise AssertionError("unreachable")

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        robots = self._robots.get(_robots_key(url))
        interval = self.options.host_interval
        if robots is not None and robots.parser is not None:
            delay = robots.parser.crawl_delay(self.options.user_agent)
            if delay:
                interval = max(interval, min(float(delay), self.options.max_crawl_delay))
        now = self._clock()
        slot = self._next_slot.get(host, now)
        if slot > now:
            self._sleep(slot - now)
            now = self._clock()
        self._next_slot[host] = max(now, slot) + interval

    def _once(self, url: str, headers: dict[str, str],
              left: float | None = None) -> FetchedPage | InputError | tuple[int, str]:
        """One request within the deadline (and the `left` seconds of the URL's total deadline); redirects
        come back as (status, location); retryable failures raise _Transient."""
        self._wait_for_host(url)
        o = self.options
        started = self._clock()
        self._deadline.until = time.monotonic() + max(0.0, min(o.deadline, o.deadline if left is None else left))
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                if r.status_code in _REDIRECT_STATUS and r.headers.get("location"):
                    return (r.status_code, r.headers["location"])
                if r.status_code in _RETRY_STATUS:
                    raise _Transient(f"HTTP {r.status_code}", _retry_after(r.headers.get("retry-after")))
                if r.status_code == 304:
                    return FetchedPage(url, url, 304, "", None, b"", datetime.now(UTC), dict(r.headers))
                if not 200 <= r.status_code < 300:
                    return _permanent(InputError(url, f"HTTP {r.status_code} {r.reason_phrase}".strip()))
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > o.max_bytes:
                    return _permanent(
                        InputTooLarge(
                            url,
                            f"Content-Length {int(declared):,} bytes is over the "
                            f"{o.max_bytes:,} byte cap (setting ARMSWATCH_FETCH_MAX_BYTES)",
                        )
                    )
                body = self._read_body(r, url, started, o.max_bytes)
                if isinstance(body, InputError):
                    return body
                mime, charset = _mime(r.headers)
                return FetchedPage(
                    url, url, r.status_code, mime, charset, body, datetime.now(UTC), dict(r.headers)
                )
        except httpx.TimeoutException as e:
            self._slow_until[urlsplit(url).netloc.lower()] = self._clock() + o.slow_host_pause
            if self._deadline.expired():
                raise _Transient(f"the exchange took longer than the {o.deadline:g} s deadline "
                                 "(setting ARMSWATCH_FETCH_DEADLINE)") from None
            raise _Transient(f"timed out ({type(e).__name__}, limit {o.timeout:g} s)") from None
        except httpx.TransportError as e:
            raise _Transient(f"connection failed: {type(e).__name__}: {str(e)[:160]}") from None
        except httpx.InvalidURL as e:
            return _permanent(InputError(url, f"invalid URL: {e}"))
        finally:
            self._deadline.until = None

    def _read_body(self, r: httpx.Response, url: str, started: float, cap: int) -> bytes | InputError:
        o = self.options
        encoding = r.headers.get("content-encoding", "identity").strip().lower()
        decoder: Any
        if encoding in ("gzip", "x-gzip"):
            decoder = _Gzip()
        elif encoding == "deflate":
            decoder = _Deflate()
        elif encoding in ("identity", ""):
            decoder = None
        else:
            return _permanent(InputError(url, f"unsupported Content-Encoding {encoding!r}"))
        parts: list[bytes] = []
        total = 0
        try:
            for chunk in r.iter_raw():  # as received: a chunk size would wait to fill it
                if self._clock() - started > o.deadline:
                    raise _Transient(
                        f"response took longer than the {o.deadline:g} s deadline "
                        "(setting ARMSWATCH_FETCH_DEADLINE)"
                    )
                data = chunk
                while data:
                    before = data
                    if decoder is None:
                        piece, data = data, b""
                    else:
                        # max_length bounds what one compressed chunk may expand to (gzip bombs)
                        piece = decoder.decompress(data, cap - total + 1)
                        data = decoder.unconsumed_tail
                    total += len(piece)
                    if total > cap:
                        what = "decompressed body" if decoder is not None else "body"
                        return _permanent(
                            InputTooLarge(
                                url,
                                f"{what} is over the {cap:,} byte cap (setting ARMSWATCH_FETCH_MAX_BYTES)",
                            )
                        )
                    parts.append(piece)
                    if not piece and data == before:
                        break  # no progress (trailing garbage): stop rather than spin
        except zlib.error as e:
            return _permanent(InputError(url, f"corrupt {encoding} body: {e}"))
        return b"".join(parts)

    def _robots_for(self, url: str) -> _Robots:
        key = _robots_key(url)
        cached = self._robots.get(key)
        now = self._clock()
        if cached is not None and now - cached.fetched < self.options.robots_ttl:
            return cached
        robots = self._load_robots(key)
        self._robots[key] = robots
        return robots

    def _load_robots(self, base: str) -> _Robots:
        robots_url = base + "/robots.txt"
        now = self._clock()
        current = robots_url
        for _ in range(self.options.max_redirects + 1):
            self._wait_for_host(current)
            started = self._clock()
            self._deadline.until = time.monotonic() + self.options.deadline
            try:
                with self._client.stream("GET", current) as r:
                    if r.status_code in _REDIRECT_STATUS and r.headers.get("location"):
                        current = urljoin(current, r.headers["location"])
                        continue
                    if 400 <= r.status_code < 500:
                        return _Robots(None, False, now)
                    if r.status_code >= 500:
                        return _Robots(
                            None,
                            True,
                            now,
                            f"robots.txt answered HTTP {r.status_code}: "
                            "the site is treated as closed (RFC 9309)",
                        )
                    body = self._read_body(r, robots_url, started, self.options.robots_max_bytes)
                    if isinstance(body, InputError):
                        return _Robots(None, True, now, f"robots.txt unreadable: {body.reason}")
                    parser = RobotFileParser(robots_url)
                    parser.parse(body.decode("utf-8", errors="replace").splitlines())
                    return _Robots(parser, False, now)
            except (httpx.TransportError, _Transient) as e:
                return _Robots(
                    None,
                    True,
                    now,
                    f"robots.txt unreachable ({type(e).__name__}): the site is treated as closed (RFC 9309)",
                )
            finally:
                self._deadline.until = None
        return _Robots(None, True, now, "robots.txt redirects too often")


class _Gzip:
    """gzip content, including several members one after another (each one bounded the same way)."""

    def __init__(self) -> None:
        self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.unconsumed_tail = b""

    def decompress(self, data: bytes, max_length: int) -> bytes:
        out = self._d.decompress(data, max_length)
        self.unconsumed_tail = self._d.unconsumed_tail
        if self._d.eof and self._d.unused_data and not self.unconsumed_tail:
            rest = self._d.unused_data
            self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self.unconsumed_tail = rest  # the next member, decoded on the next call
        return bytes(out)


class _Deflate:
    """HTTP 'deflate' is meant to be zlib-wrapped but is often raw; decide on the first bytes."""

    def __init__(self) -> None:
        self._d: Any = None
        self.unconsumed_tail = b""

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._d is None:
            wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._d = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        out = self._d.decompress(data, max_length)
        self.unconsumed_tail = self._d.unconsumed_tail
        return bytes(out)


def _robots_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _permanent(error: InputError) -> InputError:
    """Mark an error as final for this URL (it is remembered in the seen-set and not retried)."""
    error.permanent = True  # type: ignore[attr-defined]
    return error
