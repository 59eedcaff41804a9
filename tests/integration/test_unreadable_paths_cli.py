"""`armswatch analyze` over paths that cannot be read (issue 15, item 2): each is named on standard error with
its real reason, everything else is analysed, exit status 1. Run as root, so "permission denied" is made by
patching os.access in the child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ARTICLE = ("Drones delivered\n\n"
           "Germany has delivered 20 reconnaissance drones to Ukraine, the defence ministry said on Monday.\n")

# the child: os.access denies every path whose name starts with "locked", then runs the CLI as `python -m`
_CHILD = textwrap.dedent("""
    import os, runpy, sys
    real = os.access
    os.access = lambda p, mode, **kw: not os.path.basename(p).startswith("locked") and real(p, mode, **kw)
    sys.argv = ["armswatch", *sys.argv[1:]]
    runpy.run_module("armswatch", run_name="__main__")
""")


def test_unreadable_paths_are_named_with_their_reason_and_the_rest_is_analysed(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "sub" / "nested.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "locked-folder").mkdir()
    (d / "locked-folder" / "hidden.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(d / "pipe.txt")
    (d / "self.txt").symlink_to(d / "self.txt")
    (d / "gone.txt").symlink_to(d / "missing.txt")
    (d / "sub" / "back").symlink_to(d)  # a loop through a linked folder: walked once
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "link").symlink_to(elsewhere)  # a linked folder is followed
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")

    r = subprocess.run([sys.executable, "-c", _CHILD, "analyze", "--format", "jsonl", str(locked), str(d)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    ids = {json.loads(line)["document_id"] for line in r.stdout.splitlines()}
    assert ids == {"good", "nested", "linked"}
    errors = [line for line in r.stderr.splitlines() if line.startswith("armswatch: error: ")]
    expected = {locked: "permission denied", d / "locked-folder": "permission denied",
                d / "pipe.txt": "not a regular file (a FIFO)", d / "self.txt": "symbolic link loop",
                d / "gone.txt": "broken symbolic link"}
    for path, reason in expected.items():
        assert any(line.startswith(f"armswatch: error: {path}: {reason}") for line in errors), (path, r.stderr)
    assert len(errors) == len(expected), r.stderr
