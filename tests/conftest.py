"""Shared fixtures: the loaded extractor (once per session) and where ../shared is."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor():
    from armswatch.extract import Extractor

    return Extractor()
