"""Every setting and every command is documented in the README (as datasette checks its docs)."""

from __future__ import annotations

from dataclasses import fields

from armswatch.cli import main
from armswatch.settings import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    missing = [f.name for f in fields(Settings) if f"ARMSWATCH_{f.name.upper()}" not in README]
    assert missing == []


def test_every_command_is_in_the_readme():
    missing = [name for name in main.commands if f"armswatch {name}" not in README]
    assert missing == []
