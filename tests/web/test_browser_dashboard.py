"""The overview's network, the overview's filters and the API documentation in Chromium (issue 16, sections 3
and 5): one line per supplier → recipient direction with its number of cases, a click listing them, labels
readable at every zoom, a legend for every colour; the overview following the category filter; /api/docs
rendering every operation under the app's Content-Security-Policy. The overview's screenshot is kept in
docs/screenshots/ for the README and docs/dashboard.md."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from test_browser import _api, browser, filter_overview, page, pytestmark, server  # noqa: F401  (fixtures and skip marks)

if TYPE_CHECKING:
    from playwright.sync_api import Page

DOCS_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

_DRAWN = """() => { const cy = window.armswatchNetwork;
  return { edges: cy.edges().map(e => ({ id: e.id(), source: e.source().id(), target: e.target().id(),
                                         label: e.data('label'), colour: e.data('colour'), flag: e.data('flag'),
                                         underlay: Number(e.style('underlay-opacity')) })),
           nodes: cy.nodes().map(n => ({ id: n.id(), shape: n.style('shape'), kind: n.data('kind'),
                                         border: n.style('border-color') })) }; }"""

# every visible label: its element, its font size on screen and its box on screen
_LABELS = """() => { const cy = window.armswatchNetwork;
  return cy.elements().filter(e => !e.hasClass('label-hidden') && e.data('label')).map(e => ({
    id: e.id(), px: parseFloat(e.renderedStyle('font-size')),
    box: e.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true,
                                 includeOverlays: false, includeUnderlays: false }) })); }"""


def _all_cases(base: str) -> list[dict[str, Any]]:
    return list(_api(base, "/api/cases", limit=1000)["items"])


def _click_line(pg: Page, line_id: str) -> None:
    point = pg.evaluate(
        """(id) => { const cy = window.armswatchNetwork; const e = cy.getElementById(id);
                     cy.elements().not(e).style('events', 'no');
                     const m = e.renderedMidpoint(); const r = cy.container().getBoundingClientRect();
                     return {x: r.left + m.x, y: r.top + m.y}; }""", line_id)
    pg.mouse.click(point["x"], point["y"])
    pg.wait_for_selector(f"#network-panel[data-edge='{line_id}']")


def test_one_line_per_direction_with_its_number_of_cases(server: str, page) -> None:  # noqa: F811
    page.goto(server + "/")
    page.wait_for_selector("#network[data-ready='true']")
    drawn = page.evaluate(_DRAWN)
    per_direction = Counter((k["supplier"], k["recipient"]) for k in _all_cases(server))
    lines = [(e["source"], e["target"]) for e in drawn["edges"]]
    assert len(lines) == len(set(lines)) == len(per_direction)  # no parallel arcs: one line per direction
    assert {(e["source"], e["target"]): int(e["label"]) for e in drawn["edges"]} == dict(per_direction)
    assert ("PRK", "RUS") in per_direction and per_direction[("PRK", "RUS")] >= 2


def test_clicking_a_line_lists_its_cases(server: str, page) -> None:  # noqa: F811
    expected = _api(server, "/api/cases", supplier="PRK", recipient="RUS", limit=1000)["items"]
    page.goto(server + "/")
    page.wait_for_selector("#network[data-ready='true']")
    _click_line(page, "PRK>RUS")
    panel = page.locator("#network-panel")
    assert "North Korea → Russia" in panel.locator("h3").inner_text()
    listed = panel.locator("li.panel-case")
    assert sorted(listed.evaluate_all("els => els.map(e => e.dataset.case)")) == \
        sorted(k["case_id"] for k in expected)
    assert panel.locator("a.badge.flagged[href='/embargoes/dprk']").count() >= 1  # the flags, linked
    DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
    page.mouse.move(5, 5)  # no tooltip over the drawing
    legend = page.locator("#network-legend").bounding_box()  # down to the legend's end, however the form wraps
    assert legend
    page.screenshot(path=str(DOCS_SHOTS / "overview.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1300, "height": legend["y"] + legend["height"] + 16})
    with page.expect_navigation():
        panel.locator("a.panel-more").click()
    assert "supplier=PRK" in page.url and "recipient=RUS" in page.url
    assert page.locator("tr.case-row").count() == len(expected)


def test_hovering_a_line_explains_it(server: str, page) -> None:  # noqa: F811
    page.goto(server + "/")
    page.wait_for_selector("#network[data-ready='true']")
    point = page.evaluate("""() => { const cy = window.armswatchNetwork; const e = cy.getElementById('PRK>RUS');
        cy.elements().not(e).style('events', 'no'); const m = e.renderedMidpoint();
        const r = cy.container().getBoundingClientRect(); return {x: r.left + m.x, y: r.top + m.y}; }""")
    page.mouse.move(point["x"], point["y"])
    tip = page.locator("#network-tip")
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert text.startswith("North Korea → Russia:") and "cases" in text
    assert "may breach the UN arms embargo on Democratic People's Republic of Korea" in text
    actor = page.evaluate("() => window.armswatchNetwork.getElementById('PRK').data('title')")
    assert actor.startswith("North Korea (state)") and "target of the UN arms embargo" in actor


def test_the_legend_explains_every_colour_dash_halo_and_shape(server: str, page) -> None:  # noqa: F811
    page.goto(server + "/")
    page.wait_for_selector("#network[data-ready='true']")
    drawn = page.evaluate(_DRAWN)
    legend = page.locator("#network-legend")
    colours = set(legend.locator("[data-legend-colour]").evaluate_all(
        "els => els.map(e => e.dataset.legendColour)"))
    assert {e["colour"] for e in drawn["edges"]} <= colours
    for attr in ("data-legend-style='solid'", "data-legend-style='dashed'", "data-legend-flag='may_breach'",
                 "data-legend-flag='contested'", "data-legend-shape='ellipse'", "data-legend-shape='diamond'",
                 "data-legend-shape='round-rectangle'", "data-legend-ring='target'"):
        assert legend.locator(f"[{attr}]").count() == 1, attr
    flagged = [e for e in drawn["edges"] if e["flag"] == "may_breach"]
    assert flagged and all(e["underlay"] > 0 for e in flagged)  # the halo is drawn
    assert all(e["underlay"] == 0 for e in drawn["edges"] if not e["flag"])
    shapes = {n["kind"]: n["shape"] for n in drawn["nodes"]}
    assert shapes["state"] == "ellipse" and shapes.get("group", "diamond") == "diamond"


def test_labels_are_readable_and_apart_at_every_zoom(server: str, page) -> None:  # noqa: F811
    page.goto(server + "/")
    page.wait_for_selector("#network[data-ready='true']")
    limits = page.evaluate("() => [window.armswatchNetwork.minZoom(), window.armswatchNetwork.maxZoom()]")
    for zoom in (limits[0], 0.5, 1, 2, limits[1]):
        page.evaluate("""(z) => { const cy = window.armswatchNetwork;
            cy.zoom({ level: z, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }); }""", zoom)
        page.wait_for_function("(z) => Math.abs(Number(document.getElementById('network').dataset.zoom) - z) < 1e-9",
                               arg=zoom)
        labels = page.evaluate(_LABELS)
        assert labels, zoom
        assert min(lab["px"] for lab in labels) >= 12, zoom  # 7 px before issue 16
        boxes = [lab["box"] for lab in labels]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]), \
                    (zoom, a, b)
    # zoomed in around an actor, its label shows however crowded the whole drawing is
    page.evaluate("""() => { const cy = window.armswatchNetwork; const n = cy.getElementById('RUS');
        cy.zoom({ level: cy.maxZoom(), renderedPosition: n.renderedPosition() }); cy.center(n); }""")
    page.wait_for_function("() => !window.armswatchNetwork.getElementById('RUS').hasClass('label-hidden')")


def test_the_overview_follows_the_category_filter(server: str, page) -> None:  # noqa: F811
    filter_overview(page, server, category="uav")
    drawn = page.evaluate(_DRAWN)
    uav = _api(server, "/api/cases", category="uav", limit=1000)
    assert sum(int(e["label"]) for e in drawn["edges"]) == uav["total"]
    latest = page.locator("#latest tr.claim-row")
    assert latest.count() >= 1
    assert set(latest.locator(".badge.cat").evaluate_all("els => els.map(e => e.dataset.category)")) == {"uav"}
    cases = page.locator("tr.case-row .badge.cat")
    assert set(cases.evaluate_all("els => els.map(e => e.dataset.category)")) == {"uav"}
    with page.expect_navigation():
        page.click("#all-claims")
    assert "category=uav" in page.url
    assert set(page.locator("tr.claim-row .badge.cat").evaluate_all(
        "els => els.map(e => e.dataset.category)")) == {"uav"}


def test_the_api_docs_render_every_operation(server: str, page) -> None:  # noqa: F811
    schema = _api(server, "/api/openapi.json")
    operations = sum(1 for item in schema["paths"].values() for method in item if method in ("get", "post"))
    page.goto(server + "/api/docs")
    page.wait_for_selector("#swagger-ui[data-ready='true']")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() == operations
    assert page.locator(".opblock-summary-path", has_text="/api/embargoes/check").count() == 1
    # the documentation works, not only shows: try GET /api/stats from it
    stats = page.locator(".opblock", has=page.locator(".opblock-summary-path", has_text="/api/stats"))
    stats.locator(".opblock-summary").click()
    stats.locator("button.try-out__btn").click()
    stats.locator("button.execute").click()
    status = stats.locator(".live-responses-table .response .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    body = stats.locator(".live-responses-table .microlight, .live-responses-table pre").first
    assert '"documents"' in body.inner_text()


_AXES = """() => Object.values(window.Chart.instances).map(c => ({
  canvas: c.canvas.id, min: c.scales.x.min, max: c.scales.x.max, ticks: c.scales.x.ticks.map(t => t.label),
  ymax: c.scales.y.max, xs: c.data.datasets.flatMap(d => d.data.map(p => p.x)),
  ys: c.data.datasets.flatMap(d => d.data.map(p => p.y)) }))"""
_DAY = 86_400_000


def _dated_quantities(base: str, case_id: str) -> list[str]:
    case = _api(base, f"/api/cases/{case_id}")["case"]
    return sorted(q["reported"] for q in case["quantities"] if q["quantity"] is not None and q["reported"])


def test_a_single_report_is_charted_on_weeks_not_years(server: str, page) -> None:  # noqa: F811
    single = next(k for k in _all_cases(server) if len(_dated_quantities(server, k["case_id"])) == 1)
    page.goto(server + f"/cases/{single['case_id']}")
    page.wait_for_selector("body[data-charts-ready]", state="attached")
    (axis,) = page.evaluate(_AXES)
    (x,) = set(axis["xs"])
    assert axis["min"] < x < axis["max"] and axis["max"] - axis["min"] <= 60 * _DAY  # about eight years before
    assert abs((x - axis["min"]) - (axis["max"] - x)) < _DAY  # the report in the middle
    assert 3 <= len(axis["ticks"]) <= 8 and len(set(axis["ticks"])) == len(axis["ticks"])
    assert axis["ymax"] > max(axis["ys"])  # the point is not drawn on the frame


def test_reports_over_months_are_charted_on_their_span(server: str, page) -> None:  # noqa: F811
    spread = max(_all_cases(server), key=lambda k: len(set(_dated_quantities(server, k["case_id"]))))
    page.goto(server + f"/cases/{spread['case_id']}")
    page.wait_for_selector("body[data-charts-ready]", state="attached")
    for axis in page.evaluate(_AXES):
        lo, hi = min(axis["xs"]), max(axis["xs"])
        pad = max(0.05 * (hi - lo), 21 * _DAY)
        assert abs(axis["min"] - (lo - pad)) < 1 and abs(axis["max"] - (hi + pad)) < 1, axis["canvas"]
        assert 2 <= len(axis["ticks"]) <= 8 and len(set(axis["ticks"])) == len(axis["ticks"]), axis["ticks"]
    DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_SHOTS / "case.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1300, "height": 1500})
