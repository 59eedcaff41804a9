"""A weapon system's page in Chromium: opened from a claim page's system link, it shows the catalogue entry,
who supplies it to whom (a supplier that does not build it marked), the quantities reported over time drawn
by Chart.js, and links to the cases it appears in. Its screenshot is kept in docs/screenshots/system.png.
The systems and articles are invented (tests/system_views_data.py), added through ARMSWATCH_DATA_OVERRIDES."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from test_browser import _api, browser, docs_shot, page, pytestmark, serving  # noqa: F401  (fixtures and skip marks)
from tests.system_views_data import SYSTEMS, fill, write_catalogue

from armswatch.store import open_store

if TYPE_CHECKING:
    from playwright.sync_api import Page

ZEPHYR = SYSTEMS[0]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("systems")
    before = os.environ.get("ARMSWATCH_DATA_OVERRIDES")
    os.environ["ARMSWATCH_DATA_OVERRIDES"] = str(write_catalogue(folder / "overrides"))  # the server reads it
    store = open_store(str(folder / "systems.sqlite3"))
    try:
        fill(store)
        with serving(store) as url:
            yield url
    finally:
        store.close()
        if before is None:
            os.environ.pop("ARMSWATCH_DATA_OVERRIDES", None)
        else:
            os.environ["ARMSWATCH_DATA_OVERRIDES"] = before


def test_the_system_page_from_a_claim(server: str, page: Page) -> None:  # noqa: F811
    claim = next(c for c in _api(server, "/api/claims", system=ZEPHYR["id"], supplier="LVA")["items"])
    expected = _api(server, f"/api/systems/{ZEPHYR['id']}")
    page.goto(f"{server}/claims/{claim['claim_id']}")
    with page.expect_navigation():
        page.click(f"a.system[data-system='{ZEPHYR['id']}']")
    assert page.url.endswith(f"/systems/{ZEPHYR['id']}")

    # the catalogue entry
    assert ZEPHYR["designation"] in page.inner_text("h1#system-title")
    assert page.inner_text("#aliases") == ", ".join(ZEPHYR["aliases"])
    assert page.inner_text("#producers") == "Finland, Estonia"
    assert page.inner_text("#description") == ZEPHYR["description"]

    # who supplies it to whom: one row per flow, the re-exporter marked
    rows = page.locator("#flows tr.flow-row")
    assert rows.count() == len(expected["flows"])
    for flow in expected["flows"]:
        row = page.locator(f"#flows tr.flow-row[data-supplier='{flow['supplier']}'][data-recipient="
                           f"'{flow['recipient']}']")
        assert (row.locator(".producer-differs").count() == 1) is bool(flow["producer_differs"]), flow["supplier"]
        if flow["number_delivered"] is not None:
            assert f"{flow['number_delivered']:,}" in row.inner_text()
    page.wait_for_selector("#network[data-ready='true']")

    # the quantities over time, drawn
    page.wait_for_selector("body[data-charts-ready]", state="attached")
    assert int(page.get_attribute("body", "data-charts-ready") or 0) == len(expected["quantity_chart"]) >= 1
    assert page.evaluate("() => document.getElementById('quantities-0').width") > 0
    docs_shot(page, "system", height=1400)

    # a case it appears in
    case = expected["cases"][0]
    with page.expect_navigation():
        page.click(f"#system-cases tr[data-case='{case['case_id']}'] a.open")
    assert page.url.endswith(f"/cases/{case['case_id']}")
    assert page.locator(f"#systems a.system[data-system='{ZEPHYR['id']}']").count() == 1
