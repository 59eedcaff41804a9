"""What the app holds (`app.state.web`): settings, the store, templates, the extractor for ingest."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from fastapi import Request
from fastapi.templating import Jinja2Templates

from armswatch.ingest import ClaimExtractor
from armswatch.settings import Settings
from armswatch.store import Store

__all__ = ["WebState", "web_state"]


@dataclass
class WebState:
    settings: Settings
    store: Store
    templates: Jinja2Templates
    extractor: ClaimExtractor | None = None
    extractor_version: str | None = None
    # Loading the spaCy pipeline takes seconds: done on the first ingest, once.
    extractor_lock: threading.Lock = field(default_factory=threading.Lock)

    def get_extractor(self) -> tuple[ClaimExtractor, str]:
        with self.extractor_lock:
            if self.extractor is None:
                from armswatch.extract import Extractor

                extractor = Extractor(self.settings)
                self.extractor = extractor
                self.extractor_version = self.extractor_version or extractor.identity
            if self.extractor_version is None:  # an extractor handed in without a version (tests)
                from armswatch.extract import EXTRACTOR_VERSION

                self.extractor_version = EXTRACTOR_VERSION
            return self.extractor, self.extractor_version


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state
