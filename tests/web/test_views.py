"""What the pages compute (no HTTP): evidence marking, timeline, quantity series, network, embargo
summary; and the vendored front-end files against their lockfile."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from armswatch.embargo import assess, assess_stored_case
from armswatch.model import CATEGORIES
from armswatch.store import CaseFilter, ClaimFilter, Store
from armswatch.store.browse import case_summaries
from armswatch.store.case_pages import timeline_buckets
from armswatch.web.views import (
    CATEGORY_COLOURS,
    edge_width,
    highlight,
    mark_spans,
    network_data,
    quantity_series,
    timeline,
)

WEB = Path(__file__).resolve().parents[2] / "src" / "armswatch" / "web"


def test_highlight_cuts_around_the_span() -> None:
    text = "Intro. North Korea sent shells. Outro."
    segs, note = highlight(text, (7, 31), "North Korea sent shells.")
    assert [(s.text, bool(s.claim_ids)) for s in segs] == [("Intro. ", False), ("North Korea sent shells.", True),
                                                           (" Outro.", False)]
    assert note is None


def test_highlight_finds_the_evidence_when_the_span_is_wrong() -> None:
    text = "Intro. North Korea sent shells. Outro."
    segs, note = highlight(text, (0, 3), "North Korea sent shells.")
    assert segs[1].text == "North Korea sent shells." and note and "does not hold" in note
    segs, note = highlight(text, (500, 600), "not in the text")
    assert [s.text for s in segs] == [text] and note and "could not be found" in note


def test_mark_spans_with_overlaps() -> None:
    segs = mark_spans("abcdefghij", [("c1", 2, 6), ("c2", 4, 8), ("bad", 9, 40)])
    assert [(s.text, s.claim_ids) for s in segs] == [("ab", ()), ("cd", ("c1",)), ("ef", ("c1", "c2")),
                                                      ("gh", ("c2",)), ("ij", ())]


def test_edge_width_grows_with_corroboration_and_is_bounded() -> None:
    widths = [edge_width(n) for n in (0, 1, 2, 5, 50, 10_000)]
    assert widths == sorted(widths) and widths[0] == 1.5 and widths[-1] == 12.0


def test_network_styles_and_limit(web_store: Store) -> None:
    cases = case_summaries(web_store, CaseFilter())
    net = network_data(cases, 2)
    assert (net["total"], net["shown"]) == (5, 2)
    full = network_data(cases, 100)
    nodes = {n["id"]: n for n in full["nodes"]}
    assert nodes["RUS"]["receives"] == 3 and nodes["RUS"]["label"] == "Russia"
    for e in full["edges"]:
        statuses = {k["status"] for k in e["cases"]}
        assert e["style"] == ("solid" if statuses & {"delivered", "ongoing"} else "dashed")
        if len(e["categories"]) == 1:
            assert e["colour"] == CATEGORY_COLOURS[e["categories"][0]]
        assert {k["status"] for k in e["cases"]} == statuses


def test_timeline_and_quantities_of_a_case(web_store: Store) -> None:
    k = next(k for k in web_store.cases(CaseFilter(supplier="PRK", category="ammunition")))
    tl = timeline(k, timeline_buckets(web_store, k))
    assert tl is not None and str(tl.start) == "2023-10-13" and str(tl.end) == "2024-03-20"
    assert [s["status"] for s in tl.steps] == ["delivered"] and tl.steps[0]["x"] == 0
    assert len(tl.dots) == 4 and max(d["x"] for d in tl.dots) == 1000.0
    assert {d["url"] for d in tl.dots} == {f"/claims/{c.id}" for c in web_store.claims(ClaimFilter(case_id=k.id))}
    charts = quantity_series(k)
    assert [c["unit"] for c in charts] == ["containers"]
    points = sorted((p["x"], p["y"]) for s in charts[0]["series"] for p in s["points"])  # type: ignore[union-attr]
    assert [y for _, y in points] == [1000, 5200, 13000]
    iran = next(k for k in web_store.cases(CaseFilter(supplier="IRN")))
    tl = timeline(iran, timeline_buckets(web_store, iran))
    assert tl is not None and [s["status"] for s in tl.steps] == ["pledged", "delivered"]


def test_cached_case_assessment_equals_claim_by_claim(web_store: Store) -> None:
    # assess_case assesses each distinct (interval, status, flags) once; it must equal assessing every claim
    for k in web_store.cases(CaseFilter()):
        claims = web_store.claims(ClaimFilter(case_id=k.id))
        combined = assess_stored_case(claims)
        assert combined is not None
        one_by_one = [assess(c.claim, c.published).to_dict() for c in claims if c.included is not False]
        assert [a.to_dict() for a in combined.assessments] == one_by_one, k.id


def test_case_assessment_leaves_rejected_claims_out(web_store: Store) -> None:
    k = next(k for k in web_store.cases(CaseFilter(supplier="FRA")))
    claim = web_store.claims(ClaimFilter(case_id=k.id))[0]
    web_store.record_decision(claim.id, "reject", reason="test", decided_by="t")
    assert assess_stored_case(web_store.claims(ClaimFilter(case_id=claim.case_id or k.id))) is None


def test_the_stylesheet_has_every_category_colour() -> None:
    css = (WEB / "static" / "app.css").read_text()
    for cat in CATEGORIES:
        m = re.search(rf"\.cat-{cat} \{{ background: (#[0-9a-f]{{6}}); \}}", css)
        assert m and m.group(1) == CATEGORY_COLOURS[cat], cat


def test_vendored_files_are_those_of_the_lockfile() -> None:
    lock = json.loads((WEB / "frontend" / "package-lock.json").read_text())
    manifest = json.loads((WEB / "static" / "vendor" / "VENDORED.json").read_text())
    assert {m["name"] for m in manifest} == {"cytoscape", "chart.js", "swagger-ui-dist"}
    for m in manifest:
        assert m["version"] == lock["packages"][f"node_modules/{m['name']}"]["version"]
        data = (WEB / "static" / "vendor" / m["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == m["sha256"]
        assert (WEB / "static" / "vendor" / m["name"] / "LICENSE.txt").exists()


def test_templates_never_turn_escaping_off() -> None:
    for path in (WEB / "templates").glob("*.html"):
        text = path.read_text()
        assert "|safe" not in text and "autoescape false" not in text and "Markup(" not in text, path.name


def test_a_case_with_only_vague_quantities_lists_them(client) -> None:
    items = client.get("/api/cases", params={"supplier": "IRN", "recipient": "RUS", "category": "uav"}).json()
    html = client.get(f"/cases/{items['items'][0]['case_id']}").text
    assert "a limited number of" in html and "No claim of this case gives a quantity" not in html
