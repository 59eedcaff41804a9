"""A bad setting is a one-line error naming it and exit status 2, for every command (never a traceback)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from armswatch.cli import main

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_names_a_bad_setting(command, monkeypatch):
    monkeypatch.setenv("ARMSWATCH_PREFILTER", "maybe")
    result = CliRunner().invoke(main, [command])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == ["armswatch: error: ARMSWATCH_PREFILTER='maybe' is not a valid bool"]


def test_a_model_not_installed_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("ARMSWATCH_MODEL", "no_such_pipeline")
    text = tmp_path / "a.txt"
    text.write_text("Spain sold howitzers to Peru.")
    result = CliRunner().invoke(main, ["analyze", str(text)])
    assert result.exit_code == 2, result.output
    assert "'no_such_pipeline' is not installed" in result.output and "ARMSWATCH_MODEL" in result.output
    assert "Traceback" not in result.output
