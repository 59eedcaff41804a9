"""The output directory of a batch run: `claims/`, `documents/` and `errors/` (folders of Parquet part
files, see `rows` and `output`) and `summary.json`. Kept apart from the Parquet side, which imports
pyarrow: a run checks its output directory before anything else, and starts its workers right after."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armswatch.errors import ArmswatchError

if TYPE_CHECKING:
    from .output import BatchSummary

__all__ = ["SUMMARY", "TABLE_NAMES", "prepare_out_dir", "write_summary"]

TABLE_NAMES = ("claims", "documents", "errors")
SUMMARY = "summary.json"


def prepare_out_dir(out_dir: Path, *, overwrite: bool) -> None:
    """Create `out_dir`; refuse one that holds results already, unless told to replace them."""
    present = [name for name in (*TABLE_NAMES, SUMMARY) if (out_dir / name).exists()]
    if present and not overwrite:
        raise ArmswatchError(f"{out_dir}: holds batch results already ({', '.join(present)}); "
                             "choose another directory or pass --overwrite")
    for name in present:
        target = out_dir / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    for name in TABLE_NAMES:
        (out_dir / name).mkdir(parents=True, exist_ok=True)


def write_summary(out_dir: Path, summary: BatchSummary, extra: dict[str, Any]) -> None:
    path = out_dir / SUMMARY
    path.write_text(json.dumps({**summary.to_dict(), **extra}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
