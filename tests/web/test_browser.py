"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright.

A uvicorn server on 127.0.0.1 (a free port) serves a store built from the test articles and, when
../shared is there, the development corpus with its gold claims. The tests load every kind of page,
follow the network to a case and the case to a claim, filter, search, press a decision button, and
check that nothing the articles contain runs as code. Screenshots go to test-artifacts/web/.
Skipped, saying why, when chromium or Playwright is missing (never `playwright install`)."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from web_data import XSS_SCRIPT, fill
from web_helpers import TOKEN

from armswatch.model import Claim, Document
from armswatch.settings import load_settings
from armswatch.store import Store, open_store
from armswatch.web import create_app

ROOT = Path(__file__).resolve().parents[2]
DEV_CORPUS = ROOT.parent / "shared" / "dev-corpus" / "articles"
ARTIFACTS = ROOT / "test-artifacts" / "web"
DOCS_SHOTS = ROOT / "docs" / "screenshots"  # kept for the README and docs/dashboard.md
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

try:
    from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None  # type: ignore[assignment]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(sync_playwright is None,
                       reason="Playwright for Python is not installed (pip install playwright)"),
    pytest.mark.skipif(not Path(CHROMIUM).exists() and shutil.which("chromium") is None,
                       reason="Debian's chromium is not installed (apt-get install -y chromium)"),
]


def _dev_corpus(store: Store) -> int:
    """The development corpus with its gold claims as the extractor's output (no model needed)."""
    batch = []
    for path in sorted(DEV_CORPUS.glob("*.json")):
        a = json.loads(path.read_text(encoding="utf-8"))
        doc = Document(id=a["id"], text=a["text"], title=a.get("title"), url=a.get("url"), outlet=a.get("outlet"),
                       published=date.fromisoformat(a["published"]) if a.get("published") else None,
                       origin=str(path.name))
        claims = []
        for c in a["claims"]:
            at = a["text"].find(c["evidence"])
            span = (at, at + len(c["evidence"])) if at >= 0 else (0, 0)
            claims.append(Claim.from_dict({**c, "item": c.get("item") or "", "document_id": a["id"],
                                           "evidence_span": span, "extractor_version": "gold"}))
        batch.append((doc, claims))
    store.add_documents_and_claims(batch, "gold")
    return len(batch)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(store: Store) -> Iterator[str]:
    """The dashboard over `store` on a free port of 127.0.0.1 (uvicorn in a thread), as its base URL."""
    import uvicorn

    app = create_app(load_settings(api_token=TOKEN), store=store)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = open_store(str(tmp_path_factory.mktemp("browser") / "browser.sqlite3"))
    fill(store)
    if DEV_CORPUS.is_dir():
        _dev_corpus(store)
    try:
        with serving(store) as url:
            yield url
    finally:
        store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                              args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    problems: list[str] = []

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            problems.append(f"console error: {msg.text}")

    pg.on("console", on_console)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (problems.append(f"dialog opened: {d.message}"), d.dismiss()))
    yield pg
    context.close()
    assert problems == [], problems  # no script error, no CSP violation, no 404 of a resource, no alert()


def _api(server: str, path: str, **params: Any) -> Any:
    r = httpx.get(server + path, params=params, timeout=10)
    r.raise_for_status()
    return r.json()


def filter_overview(page: Any, server: str, **choices: str) -> None:
    """Open the overview, choose filter values in its form, submit, and wait for the network to be drawn."""
    page.goto(server + "/")
    for name, value in choices.items():
        page.select_option(f"form.filters select[name={name}]", value)
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    for name, value in choices.items():
        assert f"{name}={value}" in page.url
    page.wait_for_selector("#network[data-ready='true']")


def _shot(pg: Page, name: str) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def docs_shot(pg: Page, name: str, height: int | None = None) -> None:
    """A screenshot the documentation shows (docs/screenshots/NAME.png): the page's top `height` pixels, or
    all of it. Only invented fixture articles may show their text in one (never a corpus under ../shared)."""
    DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
    pg.mouse.move(1, 1)  # no tooltip or hover state
    width = pg.viewport_size["width"] if pg.viewport_size else 1300
    full = pg.evaluate("document.documentElement.scrollHeight")
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, full)} if height else None
    pg.screenshot(path=str(DOCS_SHOTS / f"{name}.png"), full_page=True, **({"clip": clip} if clip else {}))


def test_network_to_case_to_claim(server: str, page: Page) -> None:
    case = _api(server, "/api/cases", supplier="PRK", recipient="RUS", category="ammunition")["items"][0]
    page.goto(server + "/")
    page.wait_for_selector("#network[data-ready='true']")
    assert "documents" in page.inner_text(".counts")
    drawn = page.evaluate("() => [window.armswatchNetwork.nodes().length, window.armswatchNetwork.edges().length]")
    assert drawn[0] >= 6 and drawn[1] >= 5
    _shot(page, "01-overview")

    # click the PRK → RUS line where cytoscape drew it: the panel lists its cases; open the ammunition one
    point = page.evaluate(
        """(id) => { const cy = window.armswatchNetwork; const e = cy.getElementById(id);
                     cy.edges().not(e).style('events', 'no'); cy.nodes().style('events', 'no');
                     const m = e.renderedMidpoint(); const r = cy.container().getBoundingClientRect();
                     return {x: r.left + m.x, y: r.top + m.y}; }""", "PRK>RUS")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#network-panel[data-edge='PRK>RUS']")
    with page.expect_navigation():
        page.click(f"#network-panel li[data-case='{case['case_id']}'] a.open")
    assert page.url.endswith(f"/cases/{case['case_id']}")
    assert "North Korea → Russia: ammunition" in page.inner_text("h1")
    assert page.inner_text("#corroboration") == str(case["corroboration"])
    assert page.locator("svg#timeline rect.step").count() >= 1
    assert page.locator("svg#timeline circle.dot").count() == case["n_claims"]
    page.wait_for_selector("body[data-charts-ready]", state="attached")
    assert int(page.get_attribute("body", "data-charts-ready") or 0) >= 1
    assert page.evaluate("() => document.getElementById('quantities-0').width") > 0
    assert "May breach" in page.inner_text("#embargo")
    rows = page.locator("tr.claim-row")
    assert rows.count() == min(50, case["n_claims"])
    _shot(page, "02-case")

    marsh = page.locator("tr.claim-row", has_text="Lydia Marsh")
    with page.expect_navigation():
        marsh.locator("a.open").click()
    assert "/claims/" in page.url
    assert page.inner_text("mark#evidence").startswith("North Korea has shipped roughly 5,200 containers")
    assert page.inner_text("#speaker") == "Lydia Marsh"
    assert "reported by Valley Times" in page.inner_text("ol.chain")
    _shot(page, "03-claim")
    docs_shot(page, "claim", height=1250)  # a fixture article's claim (invented text)


def test_filters_and_search(server: str, page: Page) -> None:
    page.goto(server + "/claims")
    page.select_option("form.filters select[name=category]", "uav")
    page.select_option("form.filters select[name=status]", "delivered")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "category=uav" in page.url and "status=delivered" in page.url
    rows = page.locator("tr.claim-row")
    assert rows.count() >= 1
    for text in rows.all_inner_texts():
        assert "uav" in text and "delivered" in text
    _shot(page, "04-claims-filtered")

    page.fill("header form.search input[name=q]", "Leopard")
    with page.expect_navigation():
        page.press("header form.search input[name=q]", "Enter")
    assert "Search: Leopard" in page.inner_text("h1")
    texts = page.locator("tr.claim-row td.evidence").all_inner_texts()
    assert texts and all("leopard" in t.lower() for t in texts)
    _shot(page, "05-search")

    page.goto(server + "/cases")
    page.fill("form.filters input[name=min_corroboration]", "2")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    corroboration = [int(t.split()[0])  # "7 contested": the count, then the mark
                     for t in page.locator("tr.case-row td.num:nth-child(5)").all_inner_texts()]
    assert corroboration and min(corroboration) >= 2


def test_article_markup_never_runs(server: str, page: Page) -> None:
    claim = _api(server, "/api/claims", source="Bold")["items"][0]
    page.goto(server + f"/claims/{claim['claim_id']}")
    assert page.title() != "pwned"
    assert XSS_SCRIPT in page.inner_text("#article")  # shown as the text it is
    assert page.locator("#article script, #article img, #article b").count() == 0
    page.goto(server + f"/documents/{claim['document_hash']}")
    assert page.title() != "pwned" and XSS_SCRIPT in page.inner_text("#article")
    _shot(page, "06-markup-as-text")


def test_decision_buttons(server: str, page: Page) -> None:
    claim = _api(server, "/api/claims", actor="IRN", status="pledged")["items"][0]
    page.goto(server + f"/claims/{claim['claim_id']}")
    form = page.locator("form.decide")
    form.locator("input[name=reason]").fill("duplicate of a later report")
    form.locator("input[name=by]").fill("browser test")
    form.locator("input[name=token]").fill(TOKEN)
    with page.expect_navigation():
        form.locator("button[value=split]").click()
    assert "recorded" in page.inner_text("p.done")
    assert "split" in page.inner_text("ol.decisions") and "browser test" in page.inner_text("ol.decisions")
    _shot(page, "07-decision")
    decisions = _api(server, "/api/decisions", claim_id=claim["claim_id"])
    assert [d["action"] for d in decisions] == ["split"]


def test_actor_embargo_and_document_pages(server: str, page: Page) -> None:
    page.goto(server + "/actors")
    with page.expect_navigation():
        page.click("a[href='/actors/RUS']")
    page.wait_for_selector("#network[data-ready='true']")
    assert "Russia" in page.inner_text("h1")
    assert page.locator("h2:has-text('Receives') + table tr.case-row").count() >= 2
    _shot(page, "08-actor")
    page.goto(server + "/embargoes")
    assert page.locator("table.embargoes tr#dprk").count() == 1
    _shot(page, "09-embargoes")
    claim = _api(server, "/api/claims", actor="PRK", limit=1)["items"][0]
    page.goto(server + f"/documents/{claim['document_hash']}")
    assert page.locator("#article mark").count() >= 1
    _shot(page, "10-document")


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="../shared/dev-corpus is not beside the checkout")
def test_dev_corpus_pages(server: str, page: Page) -> None:
    stats = _api(server, "/api/stats")
    assert stats["documents"] >= 36
    page.goto(server + "/")
    page.wait_for_selector("#network[data-ready='true']")
    _shot(page, "11-overview-dev-corpus")
    biggest = _api(server, "/api/cases", limit=1)["items"][0]
    page.goto(server + f"/cases/{biggest['case_id']}")
    assert page.locator("tr.claim-row").count() == min(50, biggest["n_claims"])
    _shot(page, "12-case-dev-corpus")


def test_pages_fit_a_phone_screen(server: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    case = _api(server, "/api/cases")["items"][0]
    for path in ("/", "/cases", f"/cases/{case['case_id']}", "/claims"):
        pg.goto(server + path)
        wide = pg.evaluate("document.documentElement.scrollWidth")
        culprits = pg.evaluate("""[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right
            > 391).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)""")
        assert wide <= 390, f"{path} is {wide} px wide on a 390 px screen: {culprits}"
    context.close()
