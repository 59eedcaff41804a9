"""The Ray engine on a local Ray instance gives exactly the local engine's results on the same input."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pytest

from armswatch.batch import BatchOptions, read_table, run_batch

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'armswatch[ray]')")
# Ray Data warns about its own deprecated settings when it starts: not ours to act on.
pytestmark = [pytest.mark.model, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    try:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    except Exception as e:  # no shared memory, no free ports, ...: say why and skip
        pytest.skip(f"a local Ray instance could not start: {type(e).__name__}: {e}")
    yield ray
    ray.shutdown()


def _sorted(table: pa.Table, *keys: str) -> pa.Table:
    return table.sort_by([(k, "ascending") for k in keys])


def test_ray_run_equals_local_run(local_run, local_ray, tmp_path):
    out = tmp_path / "ray"
    summary = run_batch([local_run.corpus], out, options=BatchOptions(engine="ray", workers=1, chunk_size=2))
    claims = _sorted(read_table(out, "claims"), "origin", "ordinal")
    assert claims.num_rows > 0
    assert claims.equals(_sorted(read_table(local_run.out, "claims"), "origin", "ordinal"))
    for name, keys in (("documents", ("origin",)), ("errors", ("input",))):
        assert _sorted(read_table(out, name), *keys).equals(_sorted(read_table(local_run.out, name), *keys)), name
    mine, local = summary.to_dict(), local_run.summary.to_dict()
    # written under the extractor's identity, as the local engine writes it (documents equal above)
    assert mine["extractor_version"] == local["extractor_version"] and "+" in mine["extractor_version"]
    for field in ("read", "documents", "words", "claims", "rejected", "skipped", "reasons"):
        assert mine[field] == local[field], field
