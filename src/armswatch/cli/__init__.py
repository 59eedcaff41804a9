"""The `armswatch` command: a thin layer over the library. Each command lives in its own module."""

from __future__ import annotations

import click

from armswatch import __version__
from armswatch.errors import ConfigError


class _Commands(click.Group):
    """Every command reads the settings: a bad one ("ARMSWATCH_PREFILTER=maybe", a model not installed) is a
    one-line error naming the setting and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ConfigError as e:
            click.echo(f"armswatch: error: {e}", err=True)
            ctx.exit(2)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="armswatch")
def main() -> None:
    """Extract, store and check claims of military transfers between states from the news."""
    from armswatch.settings import load_settings

    load_settings()  # checked before any command runs (a ConfigError ends it, as above)


def _register() -> None:
    from armswatch.cli.analyze import analyze
    from armswatch.cli.evaluate import eval_command
    from armswatch.cli.settings_cmd import settings_command

    for command in (analyze, eval_command, settings_command):
        main.add_command(command)
    from armswatch.cli.embargo import embargoes
    main.add_command(embargoes)
    from armswatch.cli.systems import systems
    main.add_command(systems)
    from armswatch.cli.cases import cases_command, claims_command
    from armswatch.cli.decide import decide
    from armswatch.cli.export import export_command
    from armswatch.cli.ingest import ingest_command, reextract_command
    for command in (ingest_command, reextract_command, cases_command, claims_command, export_command, decide):
        main.add_command(command)
    from armswatch.cli.watch import watch
    main.add_command(watch)
    from armswatch.cli.batch import batch_command, batch_load_command
    main.add_command(batch_command); main.add_command(batch_load_command)  # noqa: E702
    from armswatch.cli.serve import serve
    main.add_command(serve)


_register()
