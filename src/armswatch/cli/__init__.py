"""The `armswatch` command: a thin layer over the library. Each command lives in its own module."""

from __future__ import annotations

import click

from armswatch import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="armswatch")
def main() -> None:
    """Extract, store and check claims of military transfers between states from the news."""


def _register() -> None:
    from armswatch.cli.analyze import analyze
    from armswatch.cli.evaluate import eval_command
    from armswatch.cli.settings_cmd import settings_command

    for command in (analyze, eval_command, settings_command):
        main.add_command(command)
    from armswatch.cli.embargo import embargoes
    main.add_command(embargoes)
    from armswatch.cli.cases import cases_command, claims_command
    from armswatch.cli.decide import decide
    from armswatch.cli.export import export_command
    from armswatch.cli.ingest import ingest_command
    for command in (ingest_command, cases_command, claims_command, export_command, decide):
        main.add_command(command)
    from armswatch.cli.watch import watch
    main.add_command(watch)
    from armswatch.cli.batch import batch_command, batch_load_command
    main.add_command(batch_command); main.add_command(batch_load_command)  # noqa: E702
    from armswatch.cli.serve import serve
    main.add_command(serve)


_register()
