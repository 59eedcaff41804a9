"""`armswatch export FORMAT -o PATH`: the evidence base as JSONL, CSV, Parquet, GEXF, GraphML or FtM; and
`armswatch export register --format csv|parquet -o PATH`: the transfer register (per supplier, recipient and
weapon system)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from armswatch.cli.store_options import db_option, filter_options, filter_values, open_db


@click.command("export")
@click.argument("fmt", metavar="FORMAT",
                type=click.Choice(["jsonl", "csv", "parquet", "gexf", "graphml", "ftm", "register"]))
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="PATH",
    help="File to write ('-' for standard output with jsonl, csv and ftm).",
)
@click.option(
    "--what",
    "kind",
    type=click.Choice(["cases", "claims", "documents"]),
    default="cases",
    show_default=True,
    help="What to export with jsonl, csv and parquet (graphs and ftm: cases).",
)
@click.option("--format", "register_fmt", type=click.Choice(["csv", "parquet"]), default=None,
              help="With register: the file format (default csv).")
@click.option("--all-items", is_flag=True,
              help="With register: also a row per (supplier, recipient, category) for items naming no catalogued "
                   "system (designation empty).")
@filter_options
@db_option
def export_command(fmt: str, output: str, kind: str, register_fmt: str | None, all_items: bool, db: str | None,
                   **kw: Any) -> None:
    """Export cases, claims or documents in FORMAT: jsonl, csv, parquet (cases, claims or documents, with
    --what); gexf, graphml (actors as nodes, cases as edges, for Gephi); ftm (FollowTheMoney entities, for
    Aleph and the OpenSanctions tools); register (one row per supplier, recipient and weapon system, as
    SIPRI's trade registers, --format csv or parquet). docs/exports.md lists every column."""
    from armswatch.export import BINARY_FORMATS, ExportError, export
    from armswatch.store import CaseFilter, ClaimFilter

    values = filter_values(kw)
    if fmt != "register" and (register_fmt or all_items):
        raise click.UsageError("--format and --all-items go with `export register`")
    if fmt == "register":
        _register(output, register_fmt or "csv", all_items, db, ClaimFilter(**values))
        return
    if output == "-" and fmt in BINARY_FORMATS:
        raise click.UsageError(f"{fmt} must be written to a file; give -o PATH")
    with open_db(db) as store:
        try:
            n = export(
                store,
                fmt,
                sys.stdout if output == "-" else Path(output),
                kind,
                claim_filter=ClaimFilter(**values),
                case_filter=CaseFilter(**values),
            )
        except (ExportError, OSError) as e:
            raise click.ClickException(f"{output}: {e}") from None
    what = "entities" if fmt == "ftm" else "cases" if fmt in ("gexf", "graphml") else kind
    click.echo(f"armswatch: wrote {n} {what} to {output}", err=True)


def _register(output: str, fmt: str, all_items: bool, db: str | None, f: Any) -> None:
    from armswatch.export import ExportError
    from armswatch.export.register import write_register

    if output == "-" and fmt == "parquet":
        raise click.UsageError("parquet must be written to a file; give -o PATH")
    with open_db(db) as store:
        try:
            n = write_register(store, sys.stdout if output == "-" else Path(output), fmt, f, all_items=all_items)
        except (ExportError, OSError) as e:
            raise click.ClickException(f"{output}: {e}") from None
    click.echo(f"armswatch: wrote {n} register rows to {output}", err=True)
