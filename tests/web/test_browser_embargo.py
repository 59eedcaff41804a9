"""The embargo-first workflow in Chromium (issue 16): "which cases may breach the DPRK embargo, and on whose
word?" answered from the overview in at most three clicks (Embargoes → the DPRK embargo lists the cases with
their sources; a case gives every claim's source chain); the overview's Embargo filter followed by the
drawing, the cases and the latest claims; the actor page of an embargo's target. The embargo and actor
pages' screenshots are kept in docs/screenshots/ for the README and docs/dashboard.md."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from test_browser import _api, browser, docs_shot, filter_overview, page, pytestmark, server  # noqa: F401  (fixtures and skip marks)

from armswatch.web.views import origin_label

if TYPE_CHECKING:
    from playwright.sync_api import Page

_SHOWN_ORIGINS = 5  # named origins a list of cases shows of each (armswatch.web.views.whose_word)


def _clicker(pg: Page) -> tuple[Callable[[str], None], list[str]]:
    """A click that waits for the page it opens, and the record of every click made with it."""
    made: list[str] = []

    def click(selector: str) -> None:
        made.append(selector)
        with pg.expect_navigation():
            pg.click(selector)

    return click, made


def test_dprk_cases_and_their_sources_in_three_clicks(server: str, page) -> None:  # noqa: F811
    click, clicks = _clicker(page)
    page.goto(server + "/")
    click("nav >> text=Embargoes")
    click("a:has-text(\"Democratic People's Republic of Korea\")")
    assert page.url.endswith("/embargoes/dprk") and len(clicks) == 2
    # the answer: every case that may breach it, and on whose word each rests, side by side
    expected = {k["case_id"]: k for k in _api(server, "/api/cases", embargo="dprk", limit=1000)["items"]}
    rows = page.locator("#flagged-cases tbody tr")
    assert rows.count() == len(expected) >= 2
    assert "On whose word" in page.inner_text("#flagged-cases thead")
    for i in range(rows.count()):
        row = rows.nth(i)
        case_id = (row.locator("a.open").get_attribute("href") or "").rsplit("/", 1)[-1]
        assert case_id in expected and "dprk" in expected[case_id]["embargo_flags"]
        origins = _api(server, f"/api/cases/{case_id}")["case"]["origins"]
        named = sorted((o for o in origins if not o.startswith("article:")),
                       key=lambda o: (not o.startswith("speaker:"), o))
        cell = row.locator("td.whose-word")
        box = cell.bounding_box()
        assert box and box["width"] > 40 and box["x"] + box["width"] <= 1300  # on screen, not scrolled away
        shown = cell.locator("li:not(.more):not(.articles)").all_inner_texts()
        assert shown == [origin_label(o) for o in named[:_SHOWN_ORIGINS]], case_id
        articles = sum(1 for o in origins if o.startswith("article:"))
        if articles:
            assert f"{articles} article" in cell.locator("li.articles").inner_text()
        assert shown or articles, f"case {case_id} says on whose word it rests"
    assert page.locator("#flagged-cases td.whose-word li", has_text="speaker: lydia marsh").count() >= 1
    docs_shot(page, "embargo", height=1500)

    click("#flagged-cases tbody tr:first-child a.open")  # the whole story of one case
    assert len(clicks) == 3 and "/cases/" in page.url
    origins = page.inner_text("ul.origins")
    assert "speaker:" in origins  # each origin with its number of claims
    assert page.locator("#embargo a[href='/embargoes/dprk']").count() >= 1
    assert page.locator("tr.claim-row ol.chain").count() == page.locator("tr.claim-row").count() >= 1  # source chains


def test_the_overview_follows_the_embargo_filter(server: str, page) -> None:  # noqa: F811
    flagged = _api(server, "/api/cases", flagged="true", limit=1000)
    latest = _api(server, "/api/claims", flagged="true", limit=12)["items"]
    filter_overview(page, server, flagged="true")
    drawn = page.evaluate("""() => window.armswatchNetwork.edges().map(e => ({
        n: Number(e.data('label')), flag: e.data('flag') }))""")
    assert sum(e["n"] for e in drawn) == flagged["total"] >= 2
    assert all(e["flag"] in ("may_breach", "contested") for e in drawn)  # every line carries a flagged case
    cases = page.locator("tr.case-row")
    assert cases.count() >= 1
    assert all(text.strip() for text in page.locator("tr.case-row td.embargo-cell").all_inner_texts())
    shown = page.locator("#latest tr.claim-row").evaluate_all("els => els.map(e => e.dataset.claim)")
    assert shown and shown == [c["claim_id"] for c in latest]
    with page.expect_navigation():
        page.click("#all-cases")
    assert "flagged=true" in page.url and page.locator("tr.case-row").count() == flagged["total"]


def test_an_embargo_targets_actor_page(server: str, page) -> None:  # noqa: F811
    page.goto(server + "/embargoes/dprk")
    with page.expect_navigation():
        page.click("section.facts a[href='/actors/PRK']")
    page.wait_for_selector("#network[data-ready='true']")
    assert "North Korea" in page.inner_text("h1")
    assert page.locator("section.facts a.badge.flagged[href='/embargoes/dprk']").count() == 1
    supplies = _api(server, "/api/cases", supplier="PRK", limit=1000)["items"]
    assert page.locator("h2:has-text('Supplies') + table tr.case-row").count() == len(supplies) >= 2
    drawn = page.evaluate("() => window.armswatchNetwork.nodes().map(n => n.id())")
    assert "PRK" in drawn and "RUS" in drawn
    docs_shot(page, "actor", height=1300)


def test_cases_list_sorts_flagged_first_and_takes_names(server: str, page) -> None:  # noqa: F811
    page.goto(server + "/cases")
    page.fill("input[name=actor]", "north korea")
    page.select_option("select[name=flagged]", "true")
    page.click("form.filters button[type=submit]")
    cells = page.locator("td.embargo-cell")
    assert cells.count() >= 1 and all(cells.nth(i).inner_text().strip() for i in range(cells.count()))
    page.click("th >> text=Embargo")
    assert "order=embargo" in page.url
