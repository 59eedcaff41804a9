"""`armswatch analyze [--format table|jsonl] PATH...` — the fixed contract (spec/cli-contract.md)."""

from __future__ import annotations

import json
import sys

import click

from armswatch.errors import InputError


@click.command("analyze")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="A readable table, or one JSON object per claim on standard output.")
@click.option("--model", default=None, help="spaCy pipeline to use (setting ARMSWATCH_MODEL).")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))  # read later, reason by reason
def analyze(fmt: str, model: str | None, paths: tuple[str, ...]) -> None:
    """Extract transfer claims from articles (.txt .html .json .jsonl files or folders)."""
    from armswatch.cli.render import claims_table
    from armswatch.extract import Extractor
    from armswatch.settings import load_settings
    from armswatch.sources import iter_documents

    settings = load_settings(model=model)
    extractor = Extractor(settings)
    failed = 0
    rows = []
    for item in iter_documents(paths, settings):
        if isinstance(item, InputError):
            failed += 1
            click.echo(f"armswatch: error: {item}", err=True)
            continue
        claims = extractor.extract(item)
        if fmt == "jsonl":
            for claim in claims:
                sys.stdout.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
        else:
            rows.extend(claims)
    if fmt == "table":
        claims_table(rows)
    if failed:
        click.echo(f"armswatch: {failed} input(s) could not be read", err=True)
        sys.exit(1)
