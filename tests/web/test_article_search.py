"""Full-text search over the articles' text, highlighted matches, and Datasette's _search on the store."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armswatch.store import Store
from armswatch.store.document_search import search_documents
from armswatch.store.matches import marked, match_spans, snippet
from armswatch.store.search import parse_query


def test_article_text_is_searched_on_both_back_ends(any_store: Store) -> None:
    # "cocoa" is only in an article without any claim: the evidence search cannot find it
    page = search_documents(any_store, parse_query("cocoa ports"))
    assert page.total == 1 and page.hits[0].document.doc_id and "Cocoa" in page.hits[0].snippet
    shells = search_documents(any_store, parse_query('"artillery shells" -Kremlin'))
    assert shells.total >= 1 and all("Kremlin" not in h.snippet for h in shells.hits)
    assert search_documents(any_store, parse_query("zyxwvut")).total == 0


def test_matches_are_marked_by_stem() -> None:
    q = parse_query('drone supply "cruise missiles" -tanks')
    text = "Drones were supplied, cruise  missiles too, and tanks."
    spans = match_spans(text, q)
    assert [text[s:e] for s, e in spans] == ["Drones", "supplied", "cruise  missiles"]
    assert "".join(p for p, _ in marked(text, q)) == text
    assert [p for p, hit in marked(text, q) if hit] == ["Drones", "supplied", "cruise  missiles"]
    long = "word " * 200 + "the shells arrived " + "word " * 200
    cut = snippet(long, parse_query("shells"))
    assert "shells" in cut and cut.startswith("…") and cut.endswith("…") and len(cut) < 260


def test_claims_page_shows_article_hits_and_highlights(client: TestClient) -> None:
    page = client.get("/claims", params={"q": "shells"}).text
    assert '<mark class="match">shells</mark>' in page
    assert 'id="article-results"' in page and "?q=shells" in page
    only_article = client.get("/claims", params={"q": "cocoa"}).text
    assert "Cocoa" in only_article.split('id="article-results"')[1]


def test_document_page_marks_the_query(client: TestClient) -> None:
    hit = client.get("/api/documents", params={"q": "cocoa"}).json()
    assert hit["total"] == 1 and hit["query"] == "cocoa"
    item = hit["items"][0]
    (s, e), = item["matches"]
    assert item["snippet"][s:e] == "Cocoa"
    page = client.get(f"/documents/{item['id']}", params={"q": "cocoa"}).text
    assert '<mark class="match">Cocoa</mark>' in page
    assert client.get("/api/documents", params={"q": "-only"}).status_code == 422


def test_datasette_searches_the_claims_table_as_it_is(web_store: Store, tmp_path: Path) -> None:
    datasette = pytest.importorskip("datasette.app")
    path = web_store.url.removeprefix("sqlite:///")

    async def ask() -> tuple[dict, dict]:
        ds = datasette.Datasette([path])
        await ds.invoke_startup()
        name = Path(path).stem
        claims = (await ds.client.get(f"/{name}/claims.json?_search=shells&_shape=objects")).json()
        docs = (await ds.client.get(f"/{name}/documents.json?_search=cocoa&_shape=objects")).json()
        return claims, docs

    claims, docs = asyncio.run(ask())
    assert claims["rows"] and all("shells" in r["evidence"].lower() for r in claims["rows"])
    assert [r["title"] or r["doc_id"] for r in docs["rows"]] and len(docs["rows"]) == 1
