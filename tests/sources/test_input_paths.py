"""Paths that cannot be read are reported one by one with their reason; the rest is read (issue 15, item 2)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from armswatch.errors import InputError
from armswatch.sources.files import iter_input_files


def expand(*paths: Path) -> tuple[list[str], dict[str, str]]:
    files, errors = [], {}
    for item in iter_input_files(paths):
        if isinstance(item, InputError):
            errors[item.source] = item.reason
        else:
            files.append(item.name)
    return files, errors


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("Chile sold rifles to Peru.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Spain sold howitzers to Peru.")
    return tmp_path


def test_a_fifo_a_broken_link_and_a_link_loop_are_named_with_their_reason(tree):
    os.mkfifo(tree / "pipe.txt")
    (tree / "gone.txt").symlink_to(tree / "missing.txt")
    (tree / "loop.txt").symlink_to(tree / "loop.txt")
    files, errors = expand(tree, tree / "nowhere.txt")
    assert files == ["a.txt", "b.txt"]
    assert errors == {str(tree / "pipe.txt"): "not a regular file (a FIFO)",
                      str(tree / "gone.txt"): "broken symbolic link",
                      str(tree / "loop.txt"): "symbolic link loop",
                      str(tree / "nowhere.txt"): "no such file or folder"}


def test_linked_folders_are_followed_once(tree):
    (tree / "sub" / "up").symlink_to(tree)  # a loop back to the top
    (tree / "again").symlink_to(tree / "sub")  # the same folder under a second name
    files, errors = expand(tree)
    assert sorted(files) == ["a.txt", "b.txt"] and not errors


def test_unreadable_files_and_folders_are_reported(tree, monkeypatch):
    real_access, real_scandir = os.access, os.scandir
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p).name != "a.txt" and real_access(p, mode))

    def scandir(p):
        if Path(p).name == "sub":
            raise PermissionError(13, "Permission denied")
        return real_scandir(p)

    monkeypatch.setattr(os, "scandir", scandir)
    files, errors = expand(tree, tree / "a.txt")
    assert files == []
    assert errors == {str(tree / "a.txt"): "permission denied", str(tree / "sub"): "Permission denied"}
