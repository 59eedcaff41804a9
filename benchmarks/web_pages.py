"""Time every dashboard page and every API read on a store of 10,000 (or 100,000) documents.

    .venv/bin/python benchmarks/web_pages.py [--documents 10000] [--repeat 30] [--db PATH|URL]
                                             [--rebuild] [--batch-size 1000] [--via testclient|uvicorn]

The store is built once (seeded, reproducible) and reused: synthetic news articles of ~1,500
characters, 0-4 claims each written through the store API (`add_documents_and_claims`), actors and
pairs drawn with a skewed popularity so that a few cases hold hundreds of claims (thousands at 100,000
documents), as in real news; 3% of the articles are syndicated copies (near-duplicates). The batch size
changes how long the build takes, not what it builds. A PostgreSQL URL is built into when its store is
empty (give a fresh database or schema). Each page is requested `--repeat` times after two warm-up
requests; the median and the 95th percentile are printed, and the pages over the budget (150 ms) named.
`--via uvicorn` serves the app on 127.0.0.1 on a free port and times real HTTP requests with httpx.
"""

from __future__ import annotations

import argparse
import gc
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from armswatch.model import Claim, Document
from armswatch.settings import load_settings
from armswatch.store import CaseFilter, ClaimFilter, open_store

BUDGET_MS = 150.0
DEFAULT_DB = Path(tempfile.gettempdir()) / "armswatch-bench-web-{n}.sqlite3"
VERSION = "synthetic-1"

STATES = {
    "RUS": "Russia", "UKR": "Ukraine", "PRK": "North Korea", "IRN": "Iran", "USA": "the United States",
    "DEU": "Germany", "FRA": "France", "GBR": "Britain", "POL": "Poland", "KOR": "South Korea",
    "CHN": "China", "TUR": "Turkey", "ISR": "Israel", "IND": "India", "PAK": "Pakistan", "SAU": "Saudi Arabia",
    "ARE": "the United Arab Emirates", "EGY": "Egypt", "QAT": "Qatar", "JPN": "Japan", "TWN": "Taiwan",
    "AUS": "Australia", "CAN": "Canada", "NOR": "Norway", "SWE": "Sweden", "CZE": "the Czech Republic",
    "BLR": "Belarus", "SYR": "Syria", "IRQ": "Iraq", "SDN": "Sudan", "ETH": "Ethiopia", "MMR": "Myanmar",
    "VEN": "Venezuela", "BRA": "Brazil", "IDN": "Indonesia", "VNM": "Vietnam", "PHL": "the Philippines",
    "GRC": "Greece", "ITA": "Italy", "ESP": "Spain", "NLD": "the Netherlands", "DNK": "Denmark",
    "houthis": "the Houthis", "hezbollah": "Hezbollah", "wagner": "Wagner", "rsf": "the Rapid Support Forces",
}
ITEMS = {
    "ammunition": ["artillery shells", "rounds of ammunition", "containers of shells"],
    "uav": ["Shahed drones", "attack drones", "reconnaissance drones"],
    "missiles": ["ballistic missiles", "cruise missiles", "anti-tank missiles"],
    "air_defence": ["air defence systems", "Patriot batteries", "surface-to-air missiles"],
    "armoured_vehicles": ["tanks", "infantry fighting vehicles", "armoured personnel carriers"],
    "artillery": ["howitzers", "rocket launchers", "mortars"],
    "aircraft": ["fighter jets", "helicopters", "transport planes"],
    "naval": ["patrol boats", "frigates", "submarines"],
    "small_arms": ["rifles", "machine guns"],
    "components": ["microelectronics", "machine tools", "engines"],
    "technology": ["missile technology", "satellite technology"],
    "personnel": ["troops", "military advisers"],
    "equipment": ["military equipment", "weapons"],
}
# items that name a catalogued weapon system (the shipped catalogue's ids): the system views' subjects
ITEM_SYSTEMS = {"Shahed drones": "shahed-136", "Patriot batteries": "patriot"}
UNITS = {"ammunition": "containers", "uav": "drones", "missiles": "missiles", "armoured_vehicles": "tanks",
         "artillery": "howitzers", "aircraft": "jets", "personnel": "troops"}
VERBS = {"delivered": "has delivered", "ongoing": "continues to supply", "pledged": "has pledged",
         "negotiating": "is in talks to sell", "sought": "has asked for"}
OUTLETS = [f"{a} {b}" for a in ("Harbor", "Valley", "Northern", "Granite", "Steppe", "Potomac", "Baltic")
           for b in ("Courier", "Times", "Ledger", "Daily", "Observer")]
SPEAKERS = [f"{f} {s}" for f in ("Lydia", "Andriy", "Harriet", "Elena", "Klara", "Min-seok", "Omar", "Pieter")
            for s in ("Marsh", "Melnychenko", "Osei", "Varga", "Dvorakova", "Ha", "Haddad", "de Vries",
                      "Lindqvist", "Moreau", "Tanaka", "Okafor")]
FILLER = [
    "Officials declined to give further details about the timing of the transfers.",
    "Analysts said the figures could not be independently verified.",
    "The ministry of defence did not respond to a request for comment on Tuesday.",
    "Satellite images published last week showed unusual activity at the port.",
    "The talks are expected to continue in the capital later this month.",
    "Diplomats at the United Nations have raised the issue several times this year.",
    "Markets reacted calmly to the news, with the currency little changed.",
    "Rail traffic through the border crossing has increased sharply since the spring.",
]


_WORDS = ("port rail convoy border depot minister envoy parliament budget factory contract summit sanctions "
         "satellite warehouse airfield brigade harbour tanker customs inspector treaty delegation corridor "
         "frontline village pipeline refinery election governor spokesman commander colonel battalion "
         "negotiator auditor committee ceasefire offensive district province logistics shipment freight "
         "cargo vessel aircraft runway hangar radar battery engine turbine laboratory engineer")
WORDS = _WORDS.split()


def _local_colour(rng: random.Random) -> list[str]:
    """A few sentences unique to one article, so that only deliberate copies look like near-duplicates."""
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(9, 16))).capitalize() + f" ({rng.randint(1, 999)})."
            for _ in range(rng.randint(4, 7))]


def _pairs(rng: random.Random) -> list[tuple[str, str, str, float]]:
    """(supplier, recipient, category, weight): a long tail of transfers with a few dominant ones."""
    codes = list(STATES)
    out = []
    for _ in range(900):
        s, r = rng.sample(codes, 2)
        out.append((s, r, rng.choice(list(ITEMS)), rng.paretovariate(1.2)))
    out += [("PRK", "RUS", "ammunition", 400.0), ("IRN", "RUS", "uav", 300.0), ("USA", "UKR", "air_defence", 250.0),
            ("DEU", "UKR", "armoured_vehicles", 150.0), ("IRN", "houthis", "missiles", 120.0)]
    return out


def synthetic_batch(rng: random.Random, start: int, n: int, pairs: list[tuple[str, str, str, float]],
                    recent: list[Document]) -> list[tuple[Document, list[Claim]]]:
    weights = [p[3] for p in pairs]
    batch: list[tuple[Document, list[Claim]]] = []
    for i in range(start, start + n):
        published = date(2022, 1, 1) + timedelta(days=rng.randrange(1300))
        outlet = rng.choice(OUTLETS)
        if recent and rng.random() < 0.03:  # a syndicated copy: same story, another outlet, a new last line
            src = rng.choice(recent)
            doc = Document(id=f"bench-{i:05d}", text=src.text + f"\n\nThis story was first published by {src.outlet}.",
                           title=src.title, url=f"https://{outlet.lower().replace(' ', '')}.example.org/{i}",
                           published=src.published, outlet=outlet, origin=f"bench#{i}")
            batch.append((doc, []))
            continue
        parts: list[str] = []
        specs = []
        for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3, 4))):
            s, r, cat, _w = rng.choices(pairs, weights)[0]
            status = rng.choices(list(VERBS), (5, 2, 3, 1, 1))[0]
            item = rng.choice(ITEMS[cat])
            qty = rng.choice((None, None, rng.randint(2, 40) * 50)) if cat in UNITS else None
            speaker = rng.choice(SPEAKERS) if rng.random() < 0.6 else None
            hedged = rng.random() < 0.15
            denied = rng.random() < 0.05
            verb = VERBS[status] if not hedged else "may have " + VERBS[status].split(" ", 1)[-1]
            qtext = f"{qty:,} " if qty else ""
            sentence = f"{STATES[s][0].upper() + STATES[s][1:]} {verb} {qtext}{item} to {STATES[r]}"
            sentence += f", {speaker} said." if speaker else ", according to reports."
            if denied:
                sentence += f" {STATES[s][0].upper() + STATES[s][1:]} denied the report."
            specs.append((s, r, cat, status, item, qty, speaker, hedged, denied, sentence))
            parts.append(sentence)
            parts += rng.sample(FILLER, 2)
        parts += rng.sample(FILLER, 2) + _local_colour(rng)
        parts.append(f"Report number {i} was filed from the newsroom on {published:%d %B %Y}.")
        text = " ".join(parts)
        first = specs[0] if specs else None
        title = (f"{STATES[first[0]]} and {STATES[first[1]]}: {first[4]}" if first else f"World briefing {i}")
        doc = Document(id=f"bench-{i:05d}", text=text, title=title,
                       url=f"https://{outlet.lower().replace(' ', '')}.example.org/{i}", published=published,
                       outlet=outlet, origin=f"bench#{i}")
        claims = []
        for s, r, cat, status, item, qty, speaker, hedged, denied, sentence in specs:
            at = text.index(sentence)
            claims.append(Claim(document_id=doc.id, supplier=s, recipient=r, category=cat, status=status, item=item,
                                evidence=sentence, evidence_span=(at, at + len(sentence)), quantity=qty,
                                quantity_text=f"{qty:,}" if qty else None, unit=UNITS.get(cat) if qty else None,
                                hedged=hedged, denied=denied, source=speaker,
                                via=rng.choice(OUTLETS) if not speaker and rng.random() < 0.3 else None,
                                period_start=published.isoformat()[:7], system=ITEM_SYSTEMS.get(item),
                                extractor_version=VERSION))
        batch.append((doc, claims))
        recent.append(doc)
        del recent[:-200]
    return batch


def build_database(db: str, n_documents: int, batch_size: int = 1000, log: Callable[[str], None] = print) -> None:
    rng = random.Random(5)
    pairs = _pairs(rng)
    recent: list[Document] = []
    t0 = time.perf_counter()
    with open_store(db) as store:
        for start in range(0, n_documents, batch_size):
            batch = synthetic_batch(rng, start, min(batch_size, n_documents - start), pairs, recent)
            store.add_documents_and_claims(batch, VERSION)
            if (start // batch_size) % max(1, 2000 // batch_size) == 0:
                log(f"  {start + len(batch):>6} documents ({time.perf_counter() - t0:.0f} s)")
        stats = store.stats()
    log(f"built {db} in {time.perf_counter() - t0:.0f} s: {stats}")


def page_paths(db: str) -> dict[str, str]:
    """Every page and API read, each on its heaviest realistic subject."""
    with open_store(db) as store:
        cases = store.cases(CaseFilter())
        biggest = max(cases, key=lambda k: k.n_claims)
        middle = sorted(cases, key=lambda k: k.n_claims)[len(cases) // 2]
        claim = store.claims(ClaimFilter(case_id=biggest.id, limit=1))[0]
        doc_hash = claim.document_id
    last_page = max(0, (biggest.n_claims - 1) // 50 * 50)
    return {
        "overview /": "/",
        f"case, largest ({biggest.n_claims} claims)": f"/cases/{biggest.id}",
        "case, largest, last page": f"/cases/{biggest.id}?offset={last_page}",
        f"case, median ({middle.n_claims} claims)": f"/cases/{middle.id}",
        "cases list": "/cases",
        "cases, filtered": "/cases?category=ammunition&status=delivered&min_corroboration=2",
        "cases, flagged first": "/cases?order=embargo",
        "claims list": "/claims",
        "claims list, page 20": "/claims?offset=1000",
        "claims, filtered": "/claims?actor=RUS&category=uav&since=2023-01&until=2024-12&hedged=false",
        "claims of the largest case": f"/claims?case_id={biggest.id}",
        "search 'drones'": "/claims?q=drones",
        "search 'drones', newest": "/claims?q=drones&order=newest",
        "search phrase + filter": "/claims?q=%22artillery+shells%22&actor=PRK",
        "claim": f"/claims/{claim.id}",
        "document": f"/documents/{doc_hash}",
        "actor RUS": "/actors/RUS",
        "actors list": "/actors",
        "embargoes": "/embargoes",
        "embargo DPRK": "/embargoes/dprk",
        "API /api/stats": "/api/stats",
        "API /api/cases": "/api/cases?limit=100",
        "API /api/claims": "/api/claims?limit=100",
        "API /api/claims, filtered": "/api/claims?limit=100&supplier=IRN&status=delivered",
        "API /api/network": "/api/network",
        "API /api/search": "/api/search?q=missiles",
        "API /api/documents": "/api/documents?limit=100",
        "API /api/documents?q=": "/api/documents?q=shells&limit=50",
        "API document": f"/api/documents/{doc_hash}",
        "API claim": f"/api/claims/{claim.id}",
        "API case": f"/api/cases/{biggest.id}",
        "API /api/actors": "/api/actors",
        "API actor RUS": "/api/actors/RUS",
        "API /api/decisions": "/api/decisions",
        "API embargo check": "/api/embargoes/check?supplier=DPRK&recipient=Russia&category=ammunition",
        "overview, system filter": "/?system=shahed-136",
        "cases, system filter": "/cases?system=shahed-136",
        "claims, system filter": "/claims?system=Geran-2",
        "systems list": "/systems",
        "system shahed-136": "/systems/shahed-136",
        "system patriot": "/systems/patriot",
        "API /api/claims, system filter": "/api/claims?limit=100&system=patriot",
        "API /api/network, system filter": "/api/network?system=shahed-136",
        "API /api/systems": "/api/systems",
        "API system shahed-136": "/api/systems/shahed-136",
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def time_pages(db: str, repeat: int, via: str = "testclient") -> list[tuple[str, float, float, int]]:
    """(name, median ms, p95 ms, response bytes) per page."""
    import httpx

    from armswatch.web import create_app

    app = create_app(load_settings(db=db))
    paths = page_paths(db)
    gc.freeze()  # as `armswatch serve` does before serving
    server = None
    if via == "uvicorn":
        import uvicorn

        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        client: httpx.Client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    else:
        from fastapi.testclient import TestClient

        client = TestClient(app, base_url="http://127.0.0.1")
    out = []
    try:
        for name, path in paths.items():
            times = []
            size = 0
            for i in range(repeat + 2):
                t0 = time.perf_counter()
                r = client.get(path)
                ms = (time.perf_counter() - t0) * 1000
                if r.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {r.status_code}: {r.text[:300]}")
                size = len(r.content)
                if i >= 2:
                    times.append(ms)
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            out.append((name, statistics.median(times), p95, size))
    finally:
        client.close()
        if server is not None:
            server.should_exit = True
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--db", default=None, help="store to build/use (default: a file in the temp folder)")
    parser.add_argument("--rebuild", action="store_true", help="build the store again even if it exists")
    parser.add_argument("--batch-size", type=int, default=1000, help="documents per write when building")
    parser.add_argument("--via", choices=("testclient", "uvicorn"), default="testclient")
    args = parser.parse_args()
    db = args.db or str(DEFAULT_DB).format(n=args.documents)
    if args.rebuild and "://" not in db:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    if "://" in db:
        with open_store(db) as store:
            empty = store.stats()["documents"] == 0
        if not empty and args.rebuild:
            raise SystemExit(f"{db}: --rebuild needs an empty database or schema")
    else:
        empty = not Path(db).exists()
    if empty or args.rebuild:
        build_database(db, args.documents, args.batch_size)
    with open_store(db) as store:
        print(f"store {store.url}: {store.stats()}")
    rows = time_pages(db, args.repeat, args.via)
    print(f"\n{'page':<42} {'median ms':>10} {'p95 ms':>8} {'KB':>7}   ({args.repeat} requests via {args.via})")
    for name, med, p95, size in rows:
        print(f"{name:<42} {med:>10.1f} {p95:>8.1f} {size / 1024:>7.1f}")
    slow = [name for name, _m, p95, _s in rows if p95 > BUDGET_MS]
    print(f"\nslowest p95: {max(r[2] for r in rows):.1f} ms; over {BUDGET_MS:.0f} ms: {', '.join(slow) or 'none'}")
    sys.exit(1 if slow else 0)


if __name__ == "__main__":
    main()
