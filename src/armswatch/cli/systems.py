"""`armswatch systems`: list the weapon system catalogue, show one system, validate a catalogue file."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click
from rich.table import Table

from armswatch.cli.render import make_console

if TYPE_CHECKING:
    from armswatch.systems import Catalogue, System
    from armswatch.systems.evidence import SystemEvidence


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
@click.argument("system_id", metavar="ID")
@click.option("--db", default=None, metavar="PATH|URL",
              help="Also summarise what this store holds about it: its cases, who supplies it to whom.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of the readable summary.")
def show(system_id: str, db: str | None, as_json: bool) -> None:
    """One system: its names, category, designer and producer states, companies, description; with --db, the
    stored evidence about it (ID: its id, designation or an alias)."""
    from armswatch.systems import UnknownSystem

    catalogue = _catalogue()
    try:
        system = catalogue.get(catalogue.resolve(system_id))
    except UnknownSystem as e:
        raise click.ClickException(f"{e} (`armswatch systems` lists them)") from None
    assert system is not None
    evidence = _evidence(db, system) if db else None
    if as_json:
        out = evidence.to_dict() if evidence else {"system": system.to_dict()}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    _print_entry(system)
    if evidence is not None:
        _print_evidence(evidence)


def _evidence(db: str, system: System) -> SystemEvidence:
    from armswatch.cli.store_options import open_db
    from armswatch.systems.evidence import system_evidence

    with open_db(db) as store:
        return system_evidence(store, system)


def _print_entry(s: System) -> None:
    from armswatch.export.graph import actor_label

    def states(codes: tuple[str, ...]) -> str:
        return ", ".join(f"{actor_label(c)} ({c})" for c in codes) or "unknown"

    lines = [f"{s.designation} [{s.id}], {s.category.replace('_', ' ')}"]
    if s.aliases:
        lines.append(f"  also:        {', '.join(s.aliases)}")
    lines += [f"  designed by: {states(s.designers)}", f"  built by:    {states(s.producers)}"]
    if s.companies:
        lines.append(f"  makers:      {', '.join(s.companies)}")
    if s.description:
        lines.append(f"  {s.description}")
    click.echo("\n".join(lines))


def _print_evidence(e: SystemEvidence) -> None:
    console = make_console()
    console.print(f"\n{e.claims} counted claims in {len(e.cases)} cases name it.")
    if not e.flows:
        return
    table = Table(title="who supplies it to whom", expand=True)
    for name in ("supplier", "recipient", "category", "status", "ordered", "delivered", "years", "sources",
                 "claims", "note"):
        table.add_column(name, overflow="fold")
    for f in e.flows:
        years = " ".join(p for p in (f"ordered {f.year_ordered}" if f.year_ordered else "",
                                     f"delivered {f.first_year_delivered}–{f.last_year_delivered}"
                                     if f.first_year_delivered else "") if p)
        notes = [n for n, on in (("hedged", f.hedged), ("denied", f.denied),
                                 ("producer is not supplier", f.producer_differs)) if on]
        table.add_row(f.supplier, f.recipient, f.category, f.status, _n(f.number_ordered), _n(f.number_delivered),
                      years, str(f.independent_sources), str(f.claims), ", ".join(notes))
    console.print(table)
    cases = Table(title="cases", expand=True)
    for name in ("case", "supplier → recipient", "category", "status", "corroboration", "claims"):
        cases.add_column(name, overflow="fold")
    for k in e.cases:
        cases.add_row(k.id, f"{k.supplier} → {k.recipient}", k.category, k.status, str(k.corroboration),
                      str(k.n_claims))
    console.print(cases)


def _n(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


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
