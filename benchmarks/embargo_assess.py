"""Measure the embargo checks: loading + validating the data file, and claims assessed per second.

    .venv/bin/python benchmarks/embargo_assess.py [--claims 20000]

Synthetic claims mix target and non-target parties, categories and dates (seeded, reproducible).
"""

from __future__ import annotations

import argparse
import random
import time

from armswatch.embargo import assess, load_registry
from armswatch.model import CATEGORIES, Claim

PARTIES = ["PRK", "RUS", "IRN", "CHN", "USA", "YEM", "houthis", "LBY", "TUR", "SOM", "al-shabaab", "SDN",
           "rsf", "COD", "m23", "HTI", "LBN", "hezbollah", "UKR", "FRA"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    args = parser.parse_args()

    t0 = time.perf_counter()
    registry = load_registry()
    load_s = time.perf_counter() - t0

    rng = random.Random(6)
    claims = []
    for i in range(args.claims):
        supplier, recipient = rng.sample(PARTIES, 2)
        year = rng.randint(2000, 2025)
        start = f"{year}-{rng.randint(1, 12):02d}" if rng.random() < 0.8 else None
        claims.append(Claim(document_id=f"d{i}", supplier=supplier, recipient=recipient,
                            category=rng.choice(CATEGORIES), status="delivered", item="x", evidence="x",
                            evidence_span=(0, 0), period_start=start))
    t0 = time.perf_counter()
    flagged = 0
    for c in claims:
        flagged += bool(assess(c, "2024-05-03", registry).flagged)
    run_s = time.perf_counter() - t0
    print(f"load+validate {registry.source}: {load_s * 1000:.0f} ms "
          f"({len(registry)} embargoes, {sum(len(e.provisions) for e in registry)} provisions)")
    print(f"assessed {len(claims)} claims in {run_s:.2f} s: {len(claims) / run_s:,.0f} claims/s; "
          f"{flagged} flagged")


if __name__ == "__main__":
    main()
