"""The JSON API on a small store of hand-written articles: reads, filters, search, decisions, ingest."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_data import ARTICLES
from web_helpers import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
N_CLAIMS = sum(len(a["claims"]) for a in ARTICLES)


def _case(client: TestClient, supplier: str, recipient: str, category: str) -> dict:
    items = client.get("/api/cases", params={"supplier": supplier, "recipient": recipient,
                                             "category": category}).json()["items"]
    assert len(items) == 1, items
    return items[0]


def test_stats_count_what_was_stored(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["documents"] == len(ARTICLES)
    assert stats["current_claims"] == N_CLAIMS
    assert stats["cases"] == 5


def test_documents_list_and_one_document_with_its_claims(client: TestClient) -> None:
    page = client.get("/api/documents", params={"limit": 3}).json()
    assert page["total"] == len(ARTICLES) and len(page["items"]) == 3
    everything = client.get("/api/documents", params={"limit": 50}).json()["items"]
    doc = next(d for d in everything if d["doc_id"] == "wt-003")
    detail = client.get(f"/api/documents/{doc['id']}").json()
    assert detail["text"].startswith("SEOUL")
    assert {c["category"] for c in detail["claims"]} == {"ammunition", "missiles"}


def test_claims_newest_first_with_total_and_paging(client: TestClient) -> None:
    page = client.get("/api/claims", params={"limit": 4}).json()
    assert page["total"] == N_CLAIMS and len(page["items"]) == 4
    dates = [c["published"] for c in page["items"]]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2024-05-01"
    rest = client.get("/api/claims", params={"limit": 4, "offset": 8}).json()
    assert len(rest["items"]) == N_CLAIMS - 8
    oldest = client.get("/api/claims", params={"order": "oldest", "limit": 1}).json()["items"][0]
    assert oldest["published"] == "2022-09-20"


def test_claim_filters(client: TestClient) -> None:
    def ids(**params: object) -> set[str]:
        return {c["document_id"] for c in client.get("/api/claims", params=params).json()["items"]}

    assert ids(actor="IRN") == {"wt-005", "wt-006"}
    assert ids(actor="irn") == {"wt-005", "wt-006"}  # codes in any case
    assert ids(category="armoured_vehicles", status="pledged") == {"wt-007"}
    assert ids(since="2024-02", until="2024-03") == {"wt-003", "wt-004"}
    assert ids(since="2024") == {"wt-002", "wt-003", "wt-004", "wt-xss"}
    assert ids(source="marsh") == {"wt-002"}
    assert ids(source="Yonhap") == {"wt-003"}  # the cited outlet
    assert ids(hedged="true") == {"wt-005"}
    assert ids(denied="true") == {"wt-004"}
    assert "wt-004" not in ids(denied="false")
    assert ids(min_corroboration=3) == {"wt-001", "wt-002", "wt-003", "wt-004"}


def test_search_is_full_text_ranked_and_filterable(client: TestClient) -> None:
    page = client.get("/api/search", params={"q": "drone"}).json()  # stemmed: finds "drones"
    assert {c["document_id"] for c in page["items"]} == {"wt-005", "wt-006"}
    assert page["query"] == "drone"
    phrase = client.get("/api/search", params={"q": '"artillery shells"'}).json()["items"]
    assert {c["document_id"] for c in phrase} == {"wt-002", "wt-004"}
    either = client.get("/api/search", params={"q": "Leopard OR Shahed"}).json()["items"]
    assert {c["document_id"] for c in either} == {"wt-005", "wt-007", "wt-008"}
    excluded = client.get("/api/search", params={"q": "Leopard -announced"}).json()["items"]
    assert {c["document_id"] for c in excluded} == {"wt-008"}
    filtered = client.get("/api/claims", params={"q": "containers", "source": "yonhap"}).json()
    assert [c["document_id"] for c in filtered["items"]] == ["wt-003"] and filtered["total"] == 1


def test_cases_and_one_case_with_history_quantities_and_embargo(client: TestClient) -> None:
    page = client.get("/api/cases").json()
    assert page["total"] == 5
    assert page["items"][0]["supplier"] == "PRK" and page["items"][0]["corroboration"] == 3  # most corroborated
    k = _case(client, "PRK", "RUS", "ammunition")
    detail = client.get(f"/api/cases/{k['case_id']}").json()
    case = detail["case"]
    assert [q["quantity"] for q in case["quantities"]] == [1000, 5200, 13000]
    assert [q["by"] for q in case["quantities"]] == ["Calder Voss", "Lydia Marsh", "South Korean defence ministry"]
    assert len(case["members"]) == 4 and case["n_denied"] == 1
    assert detail["embargo"]["flags"] == ["dprk"]
    assert client.get("/api/cases", params={"status": "pledged"}).json()["total"] == 0
    assert client.get("/api/cases", params={"hedged": "true"}).json()["items"][0]["supplier"] == "IRN"


def test_actors_and_network(client: TestClient) -> None:
    actors = {a["code"]: a for a in client.get("/api/actors").json()}
    assert actors["RUS"]["cases_received"] == 3 and actors["RUS"]["label"] == "Russia"
    assert actors["PRK"]["cases_supplied"] == 2
    detail = client.get("/api/actors/PRK").json()
    assert {k["category"] for k in detail["supplies"]} == {"ammunition", "missiles"} and detail["receives"] == []
    assert "dprk" in detail["embargoes"]
    assert client.get("/api/actors/XYZ").status_code == 422  # no actor of that name: refused, naming it
    assert client.get("/api/actors/CHL").status_code == 404  # a known actor in no case
    net = client.get("/api/network").json()
    assert net["total"] == net["shown"] == 5 and net["lines"] == 4  # PRK → RUS carries two cases
    edges = {e["id"]: e for e in net["edges"]}
    assert edges["DEU>UKR"]["style"] == "solid"  # delivered (its furthest status)
    assert edges["PRK>RUS"]["categories"] == ["ammunition", "missiles"]  # most corroborated case first
    assert edges["PRK>RUS"]["width"] > edges["FRA>UKR"]["width"]  # best corroboration 3 vs 1
    pledged_only = client.get("/api/network", params={"status": "pledged"}).json()
    assert pledged_only["edges"] == []


def test_embargo_endpoints(client: TestClient) -> None:
    listed = client.get("/api/embargoes").json()
    assert "dprk" in {e["id"] for e in listed}
    assert client.get("/api/embargoes/dprk").json()["id"] == "dprk"
    assert client.get("/api/embargoes/nowhere").status_code == 404
    check = client.get("/api/embargoes/check", params={"supplier": "PRK", "recipient": "RUS",
                                                      "category": "ammunition", "start": "2024-01"}).json()
    assert [f["embargo_id"] for f in check["findings"] if f["verdict"] == "may_breach"] == ["dprk"]


def test_claim_detail_and_decisions_round_trip(client: TestClient) -> None:
    k = _case(client, "PRK", "RUS", "ammunition")
    claims = client.get("/api/claims", params={"case_id": k["case_id"], "source": "Voss"}).json()["items"]
    cid = claims[0]["claim_id"]
    detail = client.get(f"/api/claims/{cid}").json()
    assert detail["current"] is True and detail["decisions"] == []
    assert detail["embargo"]["findings"][0]["embargo_id"] == "dprk"

    r = client.post("/api/decisions", json={"claim_id": cid, "action": "reject", "reason": "misquoted"},
                    headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["action"] == "reject" and r.json()["decided_by"] == "api"
    after = client.get(f"/api/cases/{k['case_id']}").json()["case"]
    assert after["n_claims"] == 3 and after["corroboration"] == 2
    assert client.get(f"/api/claims/{cid}").json()["claim"]["included"] is False

    r = client.post("/api/decisions", json={"claim_id": cid, "action": "restore", "reason": "checked again",
                                            "decided_by": "ana"}, headers=AUTH)
    assert r.status_code == 201
    assert client.get(f"/api/cases/{k['case_id']}").json()["case"]["corroboration"] == 3
    history = client.get("/api/decisions", params={"claim_id": cid}).json()
    assert [d["action"] for d in history] == ["reject", "restore"] and history[1]["decided_by"] == "ana"


def test_split_moves_a_claim_to_its_own_case(client: TestClient) -> None:
    k = _case(client, "PRK", "RUS", "ammunition")
    cid = client.get("/api/claims", params={"case_id": k["case_id"], "source": "Marsh"}).json()["items"][0]["claim_id"]
    r = client.post("/api/decisions", json={"claim_id": cid, "action": "split", "reason": "other deliveries",
                                            "label": "rail shipments"}, headers=AUTH)
    assert r.status_code == 201
    cases = client.get("/api/cases", params={"supplier": "PRK", "category": "ammunition"}).json()["items"]
    assert sorted((c["label"] or "", c["n_claims"]) for c in cases) == [("", 3), ("rail shipments", 1)]


def test_decision_errors_are_4xx(client: TestClient) -> None:
    unknown = client.post("/api/decisions", json={"claim_id": "0" * 16, "action": "reject", "reason": "x"},
                          headers=AUTH)
    assert unknown.status_code == 404
    some = client.get("/api/claims", params={"limit": 1}).json()["items"][0]["claim_id"]
    label_without_split = client.post("/api/decisions", json={"claim_id": some, "action": "reject", "reason": "x",
                                                              "label": "y"}, headers=AUTH)
    assert label_without_split.status_code == 422 and "label" in label_without_split.text
    blank = client.post("/api/decisions", json={"claim_id": some, "action": "reject", "reason": "  "}, headers=AUTH)
    assert blank.status_code == 422
    bad_action = client.post("/api/decisions", json={"claim_id": some, "action": "delete", "reason": "x"},
                             headers=AUTH)
    assert bad_action.status_code == 422


def test_ingest_stores_articles_and_is_idempotent(client: TestClient) -> None:
    body = {"documents": [
        {"id": "api-1", "text": "Norway has delivered 14 howitzers to Ukraine, officials said.",
         "published": "2025-03-14", "outlet": "Fjord Post"},
        {"id": "api-2", "text": "Stock markets rose on Tuesday."},
    ]}
    r = client.post("/api/ingest", json=body, headers=AUTH)
    assert r.status_code == 200, r.text
    out = r.json()
    assert (out["stored"], out["claims"], out["rejected"]) == (2, 1, 0) and out["extractor_version"] == "api-test"
    assert client.get("/api/claims", params={"actor": "NOR"}).json()["total"] == 1
    again = client.post("/api/ingest", json=body, headers=AUTH).json()
    assert (again["stored"], again["skipped"]) == (0, 2)


def test_ingest_rejects_a_too_long_text_by_name_and_goes_on(web_store: object) -> None:
    from web_helpers import NoExtractor

    from armswatch.settings import load_settings
    from armswatch.web import create_app

    app = create_app(load_settings(api_token=TOKEN, max_text_chars=50), store=web_store,  # type: ignore[arg-type]
                     extractor=NoExtractor(), extractor_version="api-test")
    with TestClient(app, base_url="http://127.0.0.1") as c:
        body = {"documents": [{"id": "long", "text": "x" * 51}, {"id": "short", "text": "Norway sent howitzers."}]}
        out = c.post("/api/ingest", json=body, headers=AUTH).json()
    assert out["rejected"] == 1 and out["stored"] == 1
    assert out["rejections"][0][0] == "long" and "limit is 50" in out["rejections"][0][1]
