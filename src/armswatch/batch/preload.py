"""The extractor a fork server builds once, before it forks the local engine's workers.

The local engine starts a fork server (`multiprocessing`'s "forkserver") with this module preloaded and
the run's settings, as JSON, in `SETTINGS_ENV`. Importing it loads spaCy and the model there, while the
reading process starts reading; each worker is then forked with the model already in memory (shared
copy-on-write) instead of loading its own. A worker uses `EXTRACTOR` only when it was built with the
worker's own settings (a fork server lives as long as the process that started it, and a later run may
use other settings); otherwise it builds its own.
"""

from __future__ import annotations

import gc
import json
import os
from dataclasses import asdict
from typing import TYPE_CHECKING

from armswatch.settings import Settings

if TYPE_CHECKING:
    from armswatch.extract import Extractor

__all__ = ["EXTRACTOR", "SETTINGS_ENV", "preloaded", "settings_json"]

SETTINGS_ENV = "ARMSWATCH_PRELOAD_SETTINGS"


def settings_json(settings: Settings) -> str:
    return json.dumps(asdict(settings), sort_keys=True)


def _build() -> Extractor | None:
    raw = os.environ.get(SETTINGS_ENV)
    if not raw:
        return None
    # Built without the cyclic garbage collector: the model's objects live as long as the process, so
    # collecting among them while they are made only costs time (a few per cent of the load). Frozen
    # afterwards, so the workers' collections pass over them and leave the pages they share alone.
    gc.disable()
    try:
        from armswatch.extract import Extractor

        return Extractor(Settings(**json.loads(raw)))
    except Exception:  # noqa: BLE001 - a worker then builds its own and reports the error itself
        return None
    finally:
        gc.enable()
        gc.freeze()


EXTRACTOR = _build()


def preloaded(settings: Settings) -> Extractor | None:
    """The preloaded extractor if it was built with `settings`, else None."""
    return EXTRACTOR if EXTRACTOR is not None and EXTRACTOR.settings == settings else None
