"""Re-pin the quality floors: `python -m tests.quality.pin` (run it only on purpose).

Records the fixtures' hash and the scores measured now (rounded down to 0.01), and refuses to lower
any floor unless --allow-lower is given, so a regression cannot slip in as a re-pin.
"""

from __future__ import annotations

import json
import math
import sys

from armswatch.extract import Extractor
from tests.conftest import SHARED
from tests.quality.test_quality_gate import FIXTURES, HERE, NEWS_PROBE, _score, fixtures_hash


def main() -> int:
    allow_lower = "--allow-lower" in sys.argv
    floors = json.loads((HERE / "floors.json").read_text())
    extractor = Extractor()
    targets = {"fixtures": FIXTURES, "newsprobe": NEWS_PROBE, "shared/seeds": SHARED / "seeds",
               "shared/real-corpus/articles": SHARED / "real-corpus" / "articles",
               "shared/dev-corpus/articles": SHARED / "dev-corpus" / "articles"}
    for name, folder in targets.items():
        if not folder.exists():
            continue
        s = _score(extractor, folder)
        new = {"triple_f1": math.floor(s.triple.f1 * 100) / 100, "status_f1": math.floor(s.status.f1 * 100) / 100}
        for attribute in ("source", "quantity"):  # where the gold files give them
            if attribute in s.attributes:
                new[attribute] = math.floor(s.attributes[attribute] * 100) / 100
        old = floors.get(name, {})
        for key, value in new.items():
            if value < old.get(key, 0) and not allow_lower:
                print(f"refusing to lower {name} {key} from {old[key]} to {value} (use --allow-lower)")
                return 1
        floors[name] = {**old, **new}
        print(name, new)
    floors["fixtures"]["sha256"] = fixtures_hash(FIXTURES)
    floors["newsprobe"]["sha256"] = fixtures_hash(NEWS_PROBE)
    (HERE / "floors.json").write_text(json.dumps(floors, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
