"""Embargo-first views: the embargo column and filters of the case lists, the embargo page, contested cases."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_api_cases_carry_flags_and_filter_by_them(client: TestClient) -> None:
    every = client.get("/api/cases").json()["items"]
    flagged = client.get("/api/cases", params={"flagged": "true"}).json()["items"]
    unflagged = client.get("/api/cases", params={"flagged": "false"}).json()["items"]
    assert flagged and all(k["embargo_flags"] for k in flagged) and not any(k["embargo_flags"] for k in unflagged)
    assert len(flagged) + len(unflagged) == len(every)
    dprk = client.get("/api/cases", params={"embargo": "dprk"}).json()["items"]
    assert {(k["supplier"], k["recipient"]) for k in dprk} >= {("PRK", "RUS")}
    assert all("dprk" in k["embargo_flags"] for k in dprk)
    ordered = client.get("/api/cases", params={"order": "embargo"}).json()["items"]
    flags = [bool(k["embargo_flags"]) for k in ordered]
    assert flags == sorted(flags, reverse=True) and True in flags and False in flags
    assert client.get("/api/cases", params={"order": "sideways"}).status_code == 422


def test_cases_page_has_an_embargo_column_and_filter(client: TestClient) -> None:
    page = client.get("/cases").text
    assert ">Embargo</a></th>" in page and 'href="/embargoes/dprk"' in page
    assert 'name="flagged"' in page and 'href="/cases?order=embargo' in page
    only = client.get("/cases", params={"flagged": "true"}).text
    assert "Germany" not in only.split("result-count")[1]


def test_embargo_page_lists_flagged_cases_with_the_reason(client: TestClient) -> None:
    r = client.get("/embargoes/dprk")
    assert r.status_code == 200
    page = r.text
    assert 'id="flagged-cases"' in page and 'id="provisions"' in page
    assert "North Korea" in page and "may breach" in page and "/cases/" in page
    assert client.get("/embargoes/nowhere").status_code == 404
    assert 'href="/embargoes/dprk"' in client.get("/embargoes").text


def test_case_page_reads_contested_and_keeps_claim_notes(client: TestClient) -> None:
    k = client.get("/api/cases", params={"supplier": "PRK", "recipient": "RUS", "category": "ammunition"}).json()
    case = k["items"][0]
    assert case["contested"] is True  # the Kremlin denies it
    page = client.get(f"/cases/{case['case_id']}").text
    assert 'id="contested"' in page and 'href="/embargoes/dprk"' in page
    detail = client.get(f"/api/cases/{case['case_id']}").json()
    dprk = next(e for e in detail["embargo"]["embargoes"] if e["embargo_id"] == "dprk")
    assert dprk["reading"] == "may_breach" and dprk["contested"] is False
    assert any("claim" in n for n in dprk["notes"])


def _rows(page: str, section: str) -> str:
    start = page.index(f'id="{section}"')
    return page[start:page.index("</section>", start)]


def test_embargo_page_says_on_whose_word_each_case_rests(client: TestClient) -> None:
    """The listing answers "on whose word?" beside each case: its named origins, as the case holds them."""
    import re

    page = client.get("/embargoes/dprk").text
    rows = _rows(page, "flagged-cases").split("<tr>")[2:]  # after the header row
    expected = client.get("/api/cases", params={"embargo": "dprk"}).json()["items"]
    assert len(rows) == len(expected) >= 2
    for row in rows:
        case_id = re.search(r'href="/cases/([0-9a-f]{16})"', row)
        assert case_id, row
        origins = client.get(f"/api/cases/{case_id.group(1)}").json()["case"]["origins"]
        cell = row[row.index('class="whose-word"'):]
        shown = re.findall(r"<li>([^<]+)</li>", cell[:cell.index("</td>")])
        assert shown and shown == sorted(shown, key=lambda s: (not s.startswith("speaker:"), s))
        assert {s.replace(": ", ":", 1) for s in shown} == {o for o in origins if not o.startswith("article:")}
    assert "speaker: lydia marsh" in page and "speaker: south korean defence ministry" in page


def test_whose_word_names_speakers_then_outlets_and_counts_unnamed_articles() -> None:
    from armswatch.web.views import whose_word

    w = whose_word(["article:ab12", "outlet:valley times", "speaker:b", "speaker:a", "article:cd34"], shown=2)
    assert (w.named, w.more, w.articles) == (("speaker: a", "speaker: b"), 1, 2)
    assert whose_word([]).named == () and whose_word([]).articles == 0


def test_the_overview_and_the_claims_follow_the_embargo_filter(client: TestClient) -> None:
    import json
    import re

    flagged = {k["case_id"] for k in client.get("/api/cases", params={"flagged": "true"}).json()["items"]}
    every = {k["case_id"] for k in client.get("/api/cases").json()["items"]}
    assert flagged and flagged < every
    for value, cases in (("true", flagged), ("false", every - flagged)):
        html = client.get("/", params={"flagged": value}).text
        assert f'<option value="{value}" selected>' in html  # the overview's form has the filter
        drawn = json.loads(re.search(r'id="network-data">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
        assert {k["id"] for e in drawn["edges"] for k in e["cases"]} == cases, value
        assert all(e["cases_url"].startswith(f"/cases?flagged={value}&") for e in drawn["edges"]), value
        top = html[html.index("Most corroborated cases"):html.index('id="latest"')]
        assert set(re.findall(r'href="/cases/([0-9a-f]{16})"', top)) == cases, value
        claims = client.get("/api/claims", params={"flagged": value, "limit": 500}).json()["items"]
        assert claims and {c["case_id"] for c in claims} <= cases, value
        latest = re.findall(r'class="claim-row" data-claim="([0-9a-f]+)"', _rows(html, "latest"))
        assert latest == [c["claim_id"] for c in claims[:12]], value
        assert f'href="/cases?flagged={value}"' in html and f'href="/claims?flagged={value}"' in html
    assert 'name="flagged"' in client.get("/claims").text


def test_claims_filter_by_their_cases_embargo_flags_on_both_back_ends(any_store) -> None:  # type: ignore[no-untyped-def]
    from armswatch.store import CaseFilter, ClaimFilter
    from armswatch.store.search import search_claims

    flagged = {k.id for k in any_store.cases(CaseFilter(flagged=True))}
    assert flagged
    for value in (True, False):
        page = search_claims(any_store, ClaimFilter(flagged=value), order="newest", limit=500)
        direct = any_store.claims(ClaimFilter(flagged=value))
        assert page.claims and page.total == len(direct) == len(page.claims), value
        assert all((c.case_id in flagged) is value for c in page.claims), value
    assert len(any_store.claims(ClaimFilter(flagged=True))) + len(any_store.claims(ClaimFilter(flagged=False))) \
        == len(any_store.claims())
