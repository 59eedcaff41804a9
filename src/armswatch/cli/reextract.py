"""`armswatch reextract`: re-derive the claims of stored documents under the current extractor.

After a rule or data change, another ARMSWATCH_MODEL or new data overrides, the extractor's identity
changes (armswatch.identity); this runs the stored texts through it. Old claims are kept, superseded;
decisions still apply. Idempotent and committed batch by batch, like ingest.
"""

from __future__ import annotations

import json
import sys

import click

from armswatch.cli.store_options import db_option


@click.command("reextract")
@db_option
@click.option("--model", default=None, help="spaCy pipeline to use (setting ARMSWATCH_MODEL).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on standard output.")
def reextract_command(db: str | None, model: str | None, quiet: bool, as_json: bool) -> None:
    """Re-extract stored documents not yet extracted by the current extractor (old claims kept as superseded)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from armswatch.errors import ArmswatchError
    from armswatch.extract import Extractor
    from armswatch.ingest import IngestResult
    from armswatch.reextract import reextract
    from armswatch.settings import load_settings
    from armswatch.store.browse import count_documents

    from .store_options import open_db

    settings = load_settings(model=model, db=db)
    console = Console(stderr=True)
    with open_db(settings.db or None) as store:
        extractor = Extractor(settings)
        progress = Progress(TextColumn("reextract"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                            console=console, disable=quiet)
        try:
            with progress:
                task = progress.add_task("reextract", total=count_documents(store) or None, counts="")

                def on_batch(r: IngestResult) -> None:
                    progress.update(task, completed=r.read,
                                    counts=f"re-extracted {r.reextracted} · current {r.skipped} · claims {r.claims}")

                result = reextract(store, extractor, extractor_version=extractor.version,
                                   batch_size=settings.ingest_batch_size, on_batch=on_batch)
        except ArmswatchError as e:
            raise click.ClickException(str(e)) from None
    if as_json:
        sys.stdout.write(json.dumps({**result.to_dict(), "extractor_version": extractor.version}) + "\n")
    console.print(f"armswatch: {result.read} stored documents, {result.reextracted} re-extracted under "
                  f"{extractor.version}, {result.skipped} already current, {result.rejected} rejected; "
                  f"{result.claims} claims stored", markup=False, highlight=False, soft_wrap=True)
    if result.rejected:
        sys.exit(1)
