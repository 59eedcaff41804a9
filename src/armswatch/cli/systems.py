"""`armswatch systems`: list the weapon system catalogue, show one system, validate a catalogue file."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click
from rich.table import Table

from armswatch.cli.render import make_console

if TYPE_CHECKING:
    from armswatch.systems import Catalogue


def _catalogue() -> Catalogue:
    from armswatch.systems import SystemsDataError, load_catalogue

    try:
        return load_catalogue()
    except SystemsDataError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group("systems", invoke_without_command=True)
@click.pass_context
def systems(ctx: click.Context) -> None:
    """The weapon systems armswatch links claims to (data/systems.yaml and its override)."""
    if ctx.invoked_subcommand is not None:
        return
    catalogue = _catalogue()
    table = Table(title=f"{len(catalogue)} weapon systems ({catalogue.source})", expand=True)
    for name in ("id", "designation", "category", "designers", "producers", "aliases"):
        table.add_column(name, overflow="fold")
    for s in catalogue:
        table.add_row(s.id, s.designation, s.category, ", ".join(s.designers), ", ".join(s.producers),
                      ", ".join(s.aliases))
    make_console().print(table)


@systems.command("show")
@click.argument("system_id")
def show(system_id: str) -> None:
    """One system as JSON: its names, category, designer and producer states, companies, description."""
    system = _catalogue().get(system_id)
    if system is None:
        raise click.ClickException(f"{system_id}: no such system in the catalogue (`armswatch systems` lists them)")
    sys.stdout.write(json.dumps(system.to_dict(), ensure_ascii=False, indent=2) + "\n")


@systems.command("validate")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
def validate(path: str | None) -> None:
    """Check a catalogue file (default: the catalogue in use, shipped plus override) against its schema and
    rules: ids used once, no name claimed by two systems, known categories and states. Exit status 1 when
    it fails, with one line per problem naming the system."""
    from armswatch.systems import SystemsDataError, load_catalogue, read_catalogue

    try:
        catalogue = read_catalogue(path) if path else load_catalogue()
    except SystemsDataError as exc:
        click.echo(f"armswatch: error: {exc}", err=True)
        sys.exit(1)
    names = sum(len(s.names) for s in catalogue)
    click.echo(f"{catalogue.source}: valid, {len(catalogue)} systems, {names} names")
