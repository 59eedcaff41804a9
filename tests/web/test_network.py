"""The network an analyst can read: one line per supplier → recipient direction carrying its cases, actors
drawn by kind, embargo flags on lines and targets, a legend for every colour; and the overview following
its filters everywhere (the drawing, the cases, the latest claims, the links)."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient

from armswatch.actor_names import actor_kind
from armswatch.cases import CaseSummary
from armswatch.store import CaseFilter, Store
from armswatch.store.browse import case_summaries
from armswatch.web.network import (
    CATEGORY_COLOURS,
    FLAG_COLOURS,
    SEVERAL_CATEGORIES_COLOUR,
    edge_width,
    network_data,
)


def _case(n: int, supplier: str, recipient: str, category: str, status: str, corroboration: int = 1,
          flags: tuple[str, ...] = (), contested: tuple[str, ...] = ()) -> CaseSummary:
    return CaseSummary(id=f"{n:016x}", supplier=supplier, recipient=recipient, category=category, label=None,
                       status=status, first_reported=date(2024, 1, n), last_reported=date(2024, 2, n),
                       corroboration=corroboration, n_claims=corroboration + 1, n_documents=1, n_hedged=0,
                       n_denied=1 if contested else 0, embargo_flags=flags, embargo_contested=contested)


CASES = [
    _case(1, "PRK", "RUS", "ammunition", "delivered", 6, flags=("dprk",)),
    _case(2, "PRK", "RUS", "missiles", "pledged", 2, flags=("dprk",)),
    _case(3, "PRK", "RUS", "artillery", "ongoing", 1),
    _case(4, "RUS", "PRK", "aircraft", "negotiating", 3, flags=("dprk",), contested=("dprk",)),
    _case(5, "IRN", "houthis", "missiles", "delivered", 2, flags=("yemen",)),
    _case(6, "USA", "nato", "equipment", "sought", 0),
]


def test_one_line_per_direction_carrying_its_cases() -> None:
    net = network_data(CASES, 100)
    assert (net["total"], net["shown"], net["lines"]) == (6, 6, 4)
    edges = {e["id"]: e for e in net["edges"]}
    prk_rus, rus_prk = edges["PRK>RUS"], edges["RUS>PRK"]
    assert (prk_rus["source"], prk_rus["target"], prk_rus["n_cases"], prk_rus["label"]) == ("PRK", "RUS", 3, "3")
    assert [k["id"] for k in prk_rus["cases"]] == [CASES[0].id, CASES[1].id, CASES[2].id]  # most corroborated first
    assert prk_rus["n_claims"] == 7 + 3 + 2 and prk_rus["corroboration"] == 6
    assert prk_rus["width"] == edge_width(6) > rus_prk["width"] == edge_width(3)
    assert rus_prk["n_cases"] == 1  # the other direction is a line of its own
    assert prk_rus["categories"] == ["ammunition", "missiles", "artillery"] and prk_rus["category_cases"] == [1, 1, 1]
    assert prk_rus["n_happened"] == 2  # delivered and ongoing; the pledged one is not


def test_colour_dash_and_flags_of_a_line() -> None:
    edges = {e["id"]: e for e in network_data(CASES, 100)["edges"]}
    assert edges["PRK>RUS"]["colour"] == SEVERAL_CATEGORIES_COLOUR  # three categories
    assert edges["RUS>PRK"]["colour"] == CATEGORY_COLOURS["aircraft"]
    assert edges["PRK>RUS"]["style"] == "solid"  # one case delivered is enough
    assert edges["USA>nato"]["style"] == edges["RUS>PRK"]["style"] == "dashed"  # sought; negotiating
    assert (edges["PRK>RUS"]["flag"], edges["PRK>RUS"]["embargoes"]) == ("may_breach", ["dprk"])
    assert (edges["RUS>PRK"]["flag"], edges["RUS>PRK"]["contested_embargoes"]) == ("contested", ["dprk"])
    assert edges["USA>nato"]["flag"] is None


def test_actors_are_drawn_by_kind_and_embargo_targets_ringed() -> None:
    nodes = {n["id"]: n for n in network_data(CASES, 100)["nodes"]}
    assert (nodes["PRK"]["kind"], nodes["PRK"]["shape"]) == ("state", "ellipse")
    assert (nodes["houthis"]["kind"], nodes["houthis"]["shape"]) == ("group", "diamond")
    assert (nodes["nato"]["kind"], nodes["nato"]["shape"]) == ("org", "round-rectangle")
    assert nodes["PRK"]["embargo_target"] and nodes["houthis"]["embargo_target"]
    assert not nodes["USA"]["embargo_target"]
    assert (nodes["PRK"]["supplies"], nodes["PRK"]["receives"]) == (3, 1)
    assert nodes["PRK"]["size"] > nodes["USA"]["size"]
    assert nodes["PRK"]["embargoes"] == ["dprk"] and nodes["USA"]["embargoes"] == []


def test_the_embargoes_named_are_given_their_names() -> None:
    net = network_data(CASES, 100)
    assert net["embargo_names"]["dprk"] == "Democratic People's Republic of Korea"
    named = {i for e in net["edges"] for i in e["embargoes"] + e["contested_embargoes"]} | \
        {i for n in net["nodes"] for i in n["embargoes"]}
    assert set(net["embargo_names"]) == named


def test_actor_kinds_come_from_the_actor_data() -> None:
    assert [actor_kind(c) for c in ("PRK", "houthis", "wagner", "eu", "ussr", "not-listed")] == \
        ["state", "group", "group", "org", "state", "group"]


def test_the_legend_names_every_colour_drawn() -> None:
    net = network_data(CASES, 100)
    legend = net["legend"]
    listed = {c["colour"] for c in legend["categories"]} | ({SEVERAL_CATEGORIES_COLOUR} if legend["several"] else set())
    assert {e["colour"] for e in net["edges"]} == listed
    assert [c["category"] for c in legend["categories"]] == ["aircraft", "missiles", "equipment"]
    assert legend["flag_colours"] == FLAG_COLOURS


def test_the_limit_keeps_the_most_corroborated_cases() -> None:
    net = network_data(CASES, 2)
    assert (net["shown"], net["lines"]) == (2, 2)
    assert {e["id"] for e in net["edges"]} == {"PRK>RUS", "RUS>PRK"}


def test_a_lines_link_lists_its_cases_under_the_same_filters(client: TestClient, web_store: Store) -> None:
    net = client.get("/api/network", params={"status": "delivered", "limit": 50}).json()
    edge = next(e for e in net["edges"] if e["id"] == "PRK>RUS")
    assert edge["cases_url"] == "/cases?status=delivered&supplier=PRK&recipient=RUS"
    listed = client.get("/api/cases?" + edge["cases_url"].split("?", 1)[1]).json()["items"]
    assert sorted(k["case_id"] for k in listed) == sorted(k["id"] for k in edge["cases"])
    page = client.get(edge["cases_url"])
    assert page.status_code == 200 and page.text.count('class="case-row"') == edge["n_cases"]
    cases = case_summaries(web_store, CaseFilter(supplier="PRK", recipient="RUS"))
    assert {k.id for k in cases} == {k["id"] for k in client.get("/api/network").json()["edges"][0]["cases"]}


def test_the_overview_follows_the_category_filter(client: TestClient) -> None:
    html = client.get("/", params={"category": "uav"}).text
    latest = html[html.index('id="latest"'):]
    categories = re.findall(r'class="badge cat" data-category="([a-z_]+)"', latest)
    assert categories and set(categories) == {"uav"}  # not the newest claims of the whole store
    top = html[html.index("Most corroborated cases"):html.index('id="latest"')]
    assert set(re.findall(r'data-category="([a-z_]+)"', top)) == {"uav"}
    assert 'id="matching"' in html and "<b>1</b> case." in html
    assert 'href="/claims?category=uav"' in html and 'href="/cases?category=uav"' in html
    unfiltered = client.get("/").text
    assert 'id="matching"' not in unfiltered
    assert set(re.findall(r'data-category="([a-z_]+)"', unfiltered[unfiltered.index('id="latest"'):])) > {"uav"}


def test_the_overview_follows_every_filter_it_takes(client: TestClient) -> None:
    cases = {"actor": "North Korea", "status": "delivered", "since": "2024", "source": "Marsh",
             "hedged": "false", "denied": "false", "min_corroboration": "2"}
    for name, value in cases.items():
        html = client.get("/", params={name: value}).text
        expected = client.get("/api/claims", params={name: value, "limit": 12}).json()["items"]
        shown = re.findall(r'class="claim-row" data-claim="([0-9a-f]+)"', html[html.index('id="latest"'):])
        assert shown == [c["claim_id"] for c in expected], name


def test_the_overview_links_leave_the_drawings_limit_out(client: TestClient) -> None:
    html = client.get("/", params={"category": "missiles", "limit": 700}).text
    assert 'href="/cases?category=missiles"' in html and 'href="/claims?category=missiles"' in html
    links = re.findall(r'href="(/(?:cases|claims)\?[^"]*)"', html)
    assert links and not [link for link in links if "limit" in link]
    net = client.get("/api/network", params={"category": "missiles", "limit": 700}).json()
    assert net["edges"] and all("limit" not in e["cases_url"] for e in net["edges"])
