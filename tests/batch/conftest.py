"""Fixtures for the batch tests: the tiny corpus, and one local-engine run over it shared by the tests
that compare against it (the model loads once in its worker)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from batch_corpus import write_corpus

from armswatch.batch import BatchOptions, BatchSummary, run_batch


@dataclass(frozen=True)
class Run:
    corpus: Path
    out: Path
    summary: BatchSummary


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("batch") / "corpus")


@pytest.fixture(scope="session")
def local_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The local engine with a pool of one worker process (chunks of two documents, so several chunks)."""
    out = tmp_path_factory.mktemp("batch") / "local"
    summary = run_batch([corpus], out, options=BatchOptions(engine="local", workers=1, chunk_size=2))
    return Run(corpus, out, summary)
