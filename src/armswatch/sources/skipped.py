"""A notice that an input was deliberately passed over (not HTML, not English, already seen, disallowed
by robots.txt): not an error, but never silent — readers yield it as a value and callers count it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Skipped"]


@dataclass(frozen=True)
class Skipped:
    """`source` names the input (a path, 'file.warc.gz@1234', a URL); `kind` is a short key to count by
    ("not-html", "http-status", "language", "seen", "robots", "truncated"); `reason` says it in words."""

    source: str
    kind: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: skipped: {self.reason}"
