"""The local engine's worker processes: a fork server that loads the model once, and workers forked from it.

Where the platform has one (Linux, macOS), a fork server started with `armswatch.batch.preload` imports
spaCy and builds the extractor from the run's settings; each worker is then forked from that clean
process with the model already in memory (shared copy-on-write) instead of loading its own. Workers
are never forked from the reading process itself, whose threads and state they should not copy.
Elsewhere (Windows) each worker is spawned and loads the model itself.

`start_fork_server` is called as early as a run can: the model then loads while the reading process
imports its output side and reads and screens the first documents.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from armswatch.settings import Settings

from . import preload
from .worker import ready

__all__ = ["start_fork_server", "start_workers", "worker_context"]


def start_fork_server(settings: Settings) -> bool:
    """Start the fork server, loading the extractor for `settings`, unless one runs already (a fork server
    lives as long as the program that started it). False where the platform has none."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    # "__main__": the program's main module is imported once there, not again in every worker
    context.set_forkserver_preload(["__main__", "armswatch.batch.worker"])
    # The server takes its environment from this process, the settings included.
    before = os.environ.get(preload.SETTINGS_ENV)
    os.environ[preload.SETTINGS_ENV] = preload.settings_json(settings)
    try:
        forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ[preload.SETTINGS_ENV]
        else:
            os.environ[preload.SETTINGS_ENV] = before
    return True


def worker_context(settings: Settings) -> multiprocessing.context.BaseContext:
    """How the pool starts its workers: forked from the fork server (started now if it is not running),
    or spawned where there is none."""
    if not start_fork_server(settings):
        return multiprocessing.get_context("spawn")
    return multiprocessing.get_context("forkserver")


def start_workers(pool: ProcessPoolExecutor, workers: int) -> None:
    """Start the pool's worker processes (a pool starts one per task submitted while none is idle)."""
    try:
        for _ in range(workers):
            pool.submit(ready)
    except Exception:  # noqa: BLE001 - the reader's own next submit raises the same error, where it is handled
        pass
