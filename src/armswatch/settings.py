"""Every setting, declared once with its help text; read from ARMSWATCH_* environment variables.

`armswatch settings` prints them all with their current values, and a test checks that each is
documented in the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any

__all__ = ["Settings", "load_settings"]


def _setting(default: Any, help: str) -> Any:
    return dc_field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    model: str = _setting(
        "en_core_web_sm",
        "spaCy pipeline to load (any installed English pipeline: en_core_web_sm/md/lg/trf).",
    )
    prefilter: bool = _setting(
        True, "Skip, before parsing, the articles and lines that cannot hold a claim (0 to parse everything).")
    data_overrides: str = _setting(
        "", "A folder of data files named like armswatch/data/*.tsv (frames, words, items, actors ...) whose "
        "rows are added to the shipped ones (a frame row replaces the shipped row of its lemma and part of speech).")
    max_file_bytes: int = _setting(50_000_000, "Input files larger than this are rejected with a reason.")
    max_text_chars: int = _setting(
        1_000_000, "Article texts longer than this are truncated before parsing (a warning is printed)."
    )
    db: str = _setting(
        "",
        "Store URL or path: a SQLite file path or a postgresql:// URL. Empty: the user's data directory.",
    )
    data_dir: str = _setting(
        str(Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "armswatch"),
        "Where the default SQLite store lives.",
    )
    # --- sources: HTML, fetching, feeds, language (issue 4) ---
    max_html_chars: int = _setting(
        5_000_000, "HTML pages longer than this (after dropping scripts and styles) are rejected with a reason.")
    max_html_elements: int = _setting(
        50_000, "HTML pages with more elements than this are rejected (bounds extraction time).")
    user_agent: str = _setting(
        "armswatch/0.1 (news monitor of arms-transfer reports; honours robots.txt)",
        "User-Agent sent with every HTTP request (add a contact address for large crawls).")
    fetch_host_interval_ms: int = _setting(
        1000, "Minimum time between two requests to the same host, in milliseconds (robots.txt "
        "Crawl-delay wins when longer).")
    fetch_timeout: int = _setting(20, "Seconds to wait for a connection or for the next bytes of a response.")
    fetch_deadline: int = _setting(60, "Seconds one response may take in total (slow-drip servers are cut off).")
    fetch_total_deadline: int = _setting(
        180, "Seconds one URL may take over all its attempts and back-offs (then it is reported and left).")
    fetch_retries: int = _setting(3, "Retries after a timeout, connection error, 429 or 5xx (exponential back-off).")
    fetch_backoff_ms: int = _setting(1000, "First back-off delay in milliseconds; doubles with each retry.")
    fetch_max_bytes: int = _setting(
        10_000_000, "Largest response body accepted, counted after decompression (gzip bombs stop here).")
    seen_db: str = _setting(
        "", "SQLite file of URLs already fetched (so they are not fetched again). Empty: seen.sqlite "
        "in the data directory.")
    languages: str = _setting(
        "en", "Comma-separated language codes to analyse; documents detected in another language are "
        "skipped with the language named. 'any' turns detection off.")
    watch_interval: int = _setting(900, "Seconds between two polls of the feeds by `armswatch watch`.")
    max_decompressed_bytes: int = _setting(
        10_000_000_000, "Bytes a compressed input (WARC.gz) may expand to; past it the input is rejected.")
    max_line_bytes: int = _setting(
        32_000_000, "Longest line a WARC may hold (a longer one rejects the file: a gzip bomb of zeros has "
        "no line end) or a JSON-lines file (a longer line is rejected alone).")
    feed_max_entries: int = _setting(
        200, "New entries fetched per feed per polling round; the rest wait for the next round (a feed of "
        "100,000 entries would take a day at the politeness rate).")
    # --- store and ingest (issue 3) ---
    ingest_batch_size: int = _setting(
        50, "Documents per ingest batch: each batch is extracted, then stored in one transaction.")
    # --- dashboard and API (issue 5) ---
    api_token: str = dc_field(  # a secret: kept out of repr() and so out of logs and tracebacks
        default="", repr=False, metadata={"help": (
            "Token that `armswatch serve` requires for writes (API ingest and decisions, the dashboard's "
            "decision buttons), sent as 'Authorization: Bearer TOKEN'. Empty: the server is read-only.")})
    max_request_bytes: int = _setting(
        20_000_000, "Largest request body `armswatch serve` accepts (refused by Content-Length, or when the "
        "streamed body passes it, before it is read whole).")
    allowed_hosts: str = _setting(
        "", "Comma-separated host names `armswatch serve` answers to (the Host header; '*' for any). Empty: "
        "the address it listens on, localhost, 127.0.0.1 and ::1.")

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(cls)}


def _parse(raw: str, kind: Any, name: str) -> Any:
    from armswatch.errors import ConfigError

    try:
        if kind in ("bool", bool):
            if raw.strip().lower() in ("1", "true", "yes", "on"):
                return True
            if raw.strip().lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(raw)
        if kind in ("int", int):
            return int(raw)
    except ValueError:
        kind_name = getattr(kind, "__name__", kind)
        raise ConfigError(f"ARMSWATCH_{name.upper()}={raw!r} is not a valid {kind_name}") from None
    return raw


def load_settings(**overrides: Any) -> Settings:
    """Defaults, then ARMSWATCH_<NAME> environment variables, then explicit overrides."""
    values: dict[str, Any] = {}
    for f in fields(Settings):
        env = os.environ.get(f"ARMSWATCH_{f.name.upper()}")
        if env is not None:
            values[f.name] = _parse(env, f.type, f.name)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
