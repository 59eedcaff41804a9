"""`armswatch ingest PATH...`: analyse articles and store documents and claims, with a progress bar.

Idempotent (known texts are skipped), one transaction per batch (Ctrl-C or a crash keeps every
committed batch; running the same command again finishes the job), safe to run twice at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click


def estimate_documents(paths: Iterable[str]) -> int:
    """Documents to expect (for the progress bar): one per file, one per non-empty .jsonl line."""
    from armswatch.sources import iter_input_files

    total = 0
    for item in iter_input_files(paths):
        if isinstance(item, Path) and item.suffix.lower() == ".jsonl":
            try:
                with item.open("rb") as f:
                    total += sum(1 for line in f if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))  # read later, reason by reason
@click.option(
    "--db",
    default=None,
    metavar="PATH|URL",
    help="Store: a SQLite file or a postgresql:// URL (setting ARMSWATCH_DB).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=None,
    help="Documents per transaction (setting ARMSWATCH_INGEST_BATCH_SIZE).",
)
@click.option("--model", default=None, help="spaCy pipeline to use (setting ARMSWATCH_MODEL).")
@click.option("--quiet", is_flag=True, help="No progress bar; still reports rejected inputs.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on standard output.")
def ingest_command(
    paths: tuple[str, ...],
    db: str | None,
    batch_size: int | None,
    model: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Analyse articles (.txt .html .json .jsonl files or folders) and add them to the store."""
    from armswatch.settings import load_settings
    from armswatch.sources import iter_documents

    settings = load_settings(model=model, db=db, ingest_batch_size=batch_size)
    run_ingest("ingest", settings, lambda store: (iter_documents(paths, settings), estimate_documents(paths)),
               quiet=quiet, as_json=as_json)


@click.command("reextract")
@click.option("--db", default=None, metavar="PATH|URL",
              help="Store: a SQLite file or a postgresql:// URL (setting ARMSWATCH_DB).")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Documents per transaction (setting ARMSWATCH_INGEST_BATCH_SIZE).")
@click.option("--model", default=None, help="spaCy pipeline to use (setting ARMSWATCH_MODEL).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on standard output.")
def reextract_command(db: str | None, batch_size: int | None, model: str | None, quiet: bool, as_json: bool) -> None:
    """Derive the claims of every stored document again under the current extractor (after a change of
    rules, data overrides or model); the old claims stay as superseded and decisions still apply."""
    from armswatch.ingest import stored_documents
    from armswatch.settings import load_settings

    settings = load_settings(model=model, db=db, ingest_batch_size=batch_size)
    run_ingest("reextract", settings, lambda store: (stored_documents(store), store.stats()["documents"]),
               quiet=quiet, as_json=as_json)


def run_ingest(label: str, settings: Any, source: Callable[[Any], tuple[Iterable[Any], int]], *,
               quiet: bool, as_json: bool) -> None:
    """Ingest what `source(store)` gives (documents and their expected number) with a progress bar."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from armswatch.errors import ArmswatchError, StoreError
    from armswatch.extract import Extractor
    from armswatch.ingest import IngestResult, ingest
    from armswatch.store import open_store

    console = Console(stderr=True)
    try:
        store = open_store(settings=settings)
    except StoreError as e:
        raise click.ClickException(str(e)) from None

    def on_reject(where: str, reason: str) -> None:
        console.print(f"armswatch: rejected: {where}: {reason}", markup=False, highlight=False, soft_wrap=True)

    progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[counts]}"),
                        TimeElapsedColumn(), console=console, disable=quiet, transient=False)
    try:
        extractor = Extractor(settings)
        documents, expected = source(store)
        with progress:
            task = progress.add_task(label, total=expected or None, counts="")

            def on_batch(r: IngestResult) -> None:
                progress.update(task, completed=r.read, counts=(
                    f"stored {r.stored} · re-extracted {r.reextracted} · skipped {r.skipped} · "
                    f"rejected {r.rejected} · claims {r.claims}"))

            result = ingest(documents, store, extractor, extractor_version=extractor.identity,
                            batch_size=settings.ingest_batch_size, on_batch=on_batch, on_reject=on_reject)
    except KeyboardInterrupt:
        console.print("armswatch: interrupted; every committed batch is kept, run the same command again to finish",
                      markup=False, soft_wrap=True)
        sys.exit(130)
    except ArmswatchError as e:
        raise click.ClickException(str(e)) from None
    finally:
        store.close()
    if as_json:
        sys.stdout.write(json.dumps({**result.to_dict(), "store": store.url}) + "\n")
    console.print(
        f"armswatch: {result.read} read, {result.stored} stored, {result.reextracted} re-extracted, "
        f"{result.skipped} skipped, {result.rejected} rejected; {result.claims} claims stored"
        + (f", {result.claims_rejected} claims rejected" if result.claims_rejected else "")
        + f" in {store.url}",
        markup=False, highlight=False, soft_wrap=True,
    )
    for reason, count in sorted(result.reasons.items()):
        console.print(f"  {count:>6}  {reason}", markup=False, highlight=False, soft_wrap=True)
    if result.rejected:
        sys.exit(1)
