"""Every error armswatch raises on purpose, in one tree.

    ArmswatchError
    ├── InputError          an input file, record or page could not be read or parsed
    │   └── InputTooLarge   an input exceeds a size cap
    ├── ConfigError         a setting is missing or invalid (e.g. the spaCy model is not installed)
    └── StoreError          the evidence store refused an operation
"""

from __future__ import annotations

__all__ = ["ArmswatchError", "ConfigError", "InputError", "InputTooLarge", "StoreError"]


class ArmswatchError(Exception):
    """Base class of all armswatch errors."""


class InputError(ArmswatchError):
    """An input could not be read; `source` names it (a path, a URL, 'file.jsonl#3')."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class InputTooLarge(InputError):
    """An input is larger than the configured cap."""


class ConfigError(ArmswatchError):
    """A setting is missing or wrong; the message says what to do."""


class StoreError(ArmswatchError):
    """The store could not complete an operation."""
