"""Helpers of the dashboard tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from armswatch.model import Claim, Document
from armswatch.settings import load_settings
from armswatch.store import Store
from armswatch.web import create_app

TOKEN = "test-token-5b8e"


class NoExtractor:
    """Stands in for the spaCy extractor in API ingest tests: one fixed claim per article that
    mentions 'howitzers', none otherwise."""

    def extract(self, document: Document) -> list[Claim]:
        at = document.text.find("howitzers")
        if at < 0:
            return []
        return [Claim(document_id=document.id, supplier="NOR", recipient="UKR", category="artillery",
                      status="delivered", item="howitzers", evidence=document.text[: at + 9],
                      evidence_span=(0, at + 9), extractor_version="api-test")]


def make_client(store: Store, token: str = TOKEN) -> TestClient:
    settings = load_settings(db=store.url, api_token=token)
    app = create_app(settings, store=store, extractor=NoExtractor(), extractor_version="api-test")
    return TestClient(app, base_url="http://127.0.0.1")
