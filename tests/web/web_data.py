"""Articles and claims written for the dashboard tests, and a store built from them.

Imported by name (pytest puts this folder on sys.path). The claims are written by hand, with their
evidence spans found in the text, so the tests do not depend on the extractor. One article carries
markup (<script>, onerror=) in every field that is shown, to prove it is displayed as text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from armswatch.model import Claim, Document
from armswatch.store import Store

VERSION = "web-fixture-1"
XSS_SCRIPT = "<script>document.title='pwned'</script>"
XSS_IMG = '<img src=x onerror="document.title=\'pwned\'">'

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "wt-001", "outlet": "Harbor Courier", "published": "2023-10-13",
        "title": "North Korea sent 1,000 containers of munitions to Russia, White House says",
        "text": "WASHINGTON — North Korea has delivered more than 1,000 containers of military equipment and "
                "munitions to Russia, White House spokesman Calder Voss said on Friday.\n\n"
                "The shipments left the port of Rajin in September, he said. Officials in Pyongyang did not comment.",
        "claims": [
            {"supplier": "PRK", "recipient": "RUS", "category": "ammunition", "status": "delivered",
             "item": "containers of military equipment and munitions", "quantity": 1000,
             "quantity_text": "more than 1,000", "unit": "containers", "source": "Calder Voss",
             "period_start": "2023-09", "period_end": "2023-10-13",
             "evidence": "North Korea has delivered more than 1,000 containers of military equipment and munitions "
                         "to Russia, White House spokesman Calder Voss said on Friday."},
        ],
    },
    {
        "id": "wt-002", "outlet": "Valley Times", "published": "2024-01-10",
        "title": "Pentagon: North Korea shipped 5,200 containers of shells",
        "text": "North Korea has shipped roughly 5,200 containers of artillery shells to Russia since last summer, "
                "Pentagon spokeswoman Lydia Marsh told reporters on Monday. The containers could hold several "
                "million rounds, she added.",
        "claims": [
            {"supplier": "PRK", "recipient": "RUS", "category": "ammunition", "status": "delivered",
             "item": "containers of artillery shells", "quantity": 5200, "quantity_text": "roughly 5,200",
             "unit": "containers", "source": "Lydia Marsh", "period_start": "2023-06", "period_end": "2024-01-10",
             "evidence": "North Korea has shipped roughly 5,200 containers of artillery shells to Russia since last "
                         "summer, Pentagon spokeswoman Lydia Marsh told reporters on Monday."},
        ],
    },
    {
        "id": "wt-003", "outlet": "Northern Ledger", "published": "2024-03-20",
        "title": "Seoul: Pyongyang sent 13,000 containers to Moscow",
        "text": "SEOUL — North Korea has sent about 13,000 containers of shells to Moscow since last August, "
                "South Korea's defence ministry said, according to Yonhap. Pyongyang also continues to supply "
                "ballistic missiles, the ministry said.",
        "claims": [
            {"supplier": "PRK", "recipient": "RUS", "category": "ammunition", "status": "delivered",
             "item": "containers of ammunition", "quantity": 13000, "quantity_text": "about 13,000",
             "unit": "containers", "source": "South Korean defence ministry", "via": "Yonhap",
             "period_start": "2023-08", "period_end": "2024-03-20",
             "evidence": "North Korea has sent about 13,000 containers of shells to Moscow since last August, "
                         "South Korea's defence ministry said, according to Yonhap."},
            {"supplier": "PRK", "recipient": "RUS", "category": "missiles", "status": "ongoing",
             "item": "ballistic missiles", "source": "South Korean defence ministry",
             "evidence": "Pyongyang also continues to supply ballistic missiles, the ministry said."},
        ],
    },
    {
        "id": "wt-004", "outlet": "Granite Daily", "published": "2024-02-02",
        "title": "Moscow denies buying North Korean shells",
        "text": "The Kremlin on Thursday denied that Russia had received artillery shells from North Korea, "
                "calling the reports a fabrication.",
        "claims": [
            {"supplier": "PRK", "recipient": "RUS", "category": "ammunition", "status": "delivered",
             "item": "artillery shells", "denied": True, "source": "the Kremlin",
             "evidence": "The Kremlin on Thursday denied that Russia had received artillery shells from North "
                         "Korea, calling the reports a fabrication."},
        ],
    },
    {
        "id": "wt-005", "outlet": "Steppe Observer", "published": "2022-09-20",
        "title": "Iran reportedly agreed to supply drones to Russia",
        "text": "Iran has reportedly agreed to supply hundreds of Shahed drones to Russia, according to Western "
                "officials cited by the Black Sea Bulletin.",
        "claims": [
            {"supplier": "IRN", "recipient": "RUS", "category": "uav", "status": "pledged", "item": "Shahed drones",
             "quantity_text": "hundreds of", "unit": "drones", "hedged": True, "via": "Black Sea Bulletin",
             "evidence": "Iran has reportedly agreed to supply hundreds of Shahed drones to Russia, according to "
                         "Western officials cited by the Black Sea Bulletin."},
        ],
    },
    {
        "id": "wt-006", "outlet": "Potomac Ledger", "published": "2022-11-05",
        "title": "Iran admits sending drones to Russia",
        "text": "Iran's foreign minister admitted on Friday night that Tehran had sold a limited number of drones "
                "to Russia months before the invasion.",
        "claims": [
            {"supplier": "IRN", "recipient": "RUS", "category": "uav", "status": "delivered", "item": "drones",
             "quantity_text": "a limited number of", "source": "Iranian foreign minister",
             "evidence": "Iran's foreign minister admitted on Friday night that Tehran had sold a limited number of "
                         "drones to Russia months before the invasion."},
        ],
    },
    {
        "id": "wt-007", "outlet": "Potomac Ledger", "published": "2023-01-25",
        "title": "Germany to send Leopard tanks to Ukraine",
        "text": "Germany will send 14 Leopard 2 tanks to Ukraine, the chancellor announced on Wednesday.",
        "claims": [
            {"supplier": "DEU", "recipient": "UKR", "category": "armoured_vehicles", "status": "pledged",
             "item": "Leopard 2 tanks", "quantity": 14, "quantity_text": "14", "unit": "tanks",
             "source": "German chancellor",
             "evidence": "Germany will send 14 Leopard 2 tanks to Ukraine, the chancellor announced on Wednesday."},
        ],
    },
    {
        "id": "wt-008", "outlet": "Harbor Courier", "published": "2023-03-28",
        "title": "First German Leopards arrive in Ukraine",
        "text": "The first German Leopard 2 tanks have arrived in Ukraine, the defence ministry in Kyiv said.",
        "claims": [
            {"supplier": "DEU", "recipient": "UKR", "category": "armoured_vehicles", "status": "delivered",
             "item": "Leopard 2 tanks", "source": "Ukrainian defence ministry",
             "evidence": "The first German Leopard 2 tanks have arrived in Ukraine, the defence ministry in Kyiv "
                         "said."},
        ],
    },
    {
        "id": "wt-009", "outlet": "Harbor Courier", "published": "2024-04-02",
        "title": "Cocoa arrivals rise as rains return",
        "text": "Cocoa arrivals at Ivorian ports rose 12 percent last week as the rains returned, exporters said.",
        "claims": [],
    },
    {
        "id": "wt-xss", "outlet": f"Evil Outlet {XSS_IMG}", "published": "2024-05-01",
        "title": f"France sends missiles {XSS_SCRIPT}",
        "text": f"PARIS {XSS_SCRIPT} — France has delivered SCALP cruise missiles {XSS_IMG} to Ukraine, "
                f"spokesman <b>Bold</b> said.\n\nMore text follows.",
        "claims": [
            {"supplier": "FRA", "recipient": "UKR", "category": "missiles", "status": "delivered",
             "item": f"SCALP cruise missiles {XSS_IMG}", "source": f"<b>Bold</b> {XSS_SCRIPT}", "via": XSS_IMG,
             "evidence": f"France has delivered SCALP cruise missiles {XSS_IMG} to Ukraine, spokesman <b>Bold</b> "
                         "said."},
        ],
    },
]


def documents_and_claims(articles: list[dict[str, Any]] | None = None,
                         version: str = VERSION) -> list[tuple[Document, list[Claim]]]:
    out = []
    for a in articles if articles is not None else ARTICLES:
        doc = Document(id=a["id"], text=a["text"], title=a["title"], outlet=a["outlet"],
                       published=date.fromisoformat(a["published"]), url=f"https://example.org/{a['id']}",
                       origin=f"fixture:{a['id']}")
        claims = []
        for c in a["claims"]:
            at = a["text"].index(c["evidence"])
            claims.append(Claim.from_dict({**c, "document_id": a["id"], "extractor_version": version,
                                           "evidence_span": (at, at + len(c["evidence"]))}))
        out.append((doc, claims))
    return out


def fill(store: Store) -> None:
    out = store.add_documents_and_claims(documents_and_claims(), VERSION)
    assert not out.rejected and not out.claims_rejected, (out.rejected, out.claims_rejected)
