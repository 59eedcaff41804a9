"""The embargo-first workflow in Chromium: "which cases may breach the DPRK embargo, and on whose word?"
in three clicks from the overview (Embargoes → the DPRK embargo → a flagged case). The embargo page's
screenshot is kept in docs/screenshots/ for the README and docs/dashboard.md."""

from __future__ import annotations

from pathlib import Path

from test_browser import browser, page, pytestmark, server  # noqa: F401  (fixtures and skip marks)

DOCS_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_dprk_cases_and_their_sources_in_three_clicks(server: str, page) -> None:  # noqa: F811
    page.goto(server + "/")
    page.click("nav >> text=Embargoes")  # 1
    page.click("a:has-text(\"Democratic People's Republic of Korea\")")  # 2
    assert page.url.endswith("/embargoes/dprk")
    rows = page.locator("#flagged-cases tbody tr")
    assert rows.count() >= 1
    assert "North Korea" in rows.first.inner_text() and "may breach" in page.inner_text("#flagged-cases")
    DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_SHOTS / "embargo.png"), full_page=True)
    rows.first.locator("a.open").click()  # 3
    assert "/cases/" in page.url
    origins = page.inner_text("ul.origins")
    assert "speaker:" in origins  # on whose word: the named speakers behind the case
    assert page.locator("#embargo a[href='/embargoes/dprk']").count() >= 1


def test_cases_list_sorts_flagged_first_and_takes_names(server: str, page) -> None:  # noqa: F811
    page.goto(server + "/cases")
    page.fill("input[name=actor]", "north korea")
    page.select_option("select[name=flagged]", "true")
    page.click("form.filters button[type=submit]")
    cells = page.locator("td.embargo-cell")
    assert cells.count() >= 1 and all(cells.nth(i).inner_text().strip() for i in range(cells.count()))
    page.click("th >> text=Embargo")
    assert "order=embargo" in page.url
