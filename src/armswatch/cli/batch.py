"""`armswatch batch --out DIR INPUTS...` and `armswatch batch-load DIR`: claims at scale, as Parquet.

`batch` reads shards (JSON lines, Parquet, WARC, single articles), extracts on local worker processes
(default) or on Ray, and writes claims/, documents/ and errors/ Parquet folders and summary.json under
DIR. `batch-load` puts such results into the store without extracting again.
"""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from armswatch.cli.store_options import db_option, open_db

_SHOW_ERRORS = 50  # rejected inputs printed; all are in DIR/errors/


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _expected_documents(paths: Iterable[str]) -> int | None:
    """Documents to expect, for the progress bar; None when a shard's count is unknown (WARC)."""
    import pyarrow.parquet as pq

    from armswatch.batch.shards import iter_shards

    total = 0
    for shard in iter_shards(paths):
        if isinstance(shard, Path):
            name = shard.name.lower()
            try:
                if name.endswith(".jsonl"):
                    with shard.open("rb") as f:
                        total += sum(1 for line in f if line.strip())
                elif name.endswith(".parquet"):
                    total += pq.ParquetFile(shard).metadata.num_rows
                elif name.endswith((".warc", ".warc.gz")):
                    return None
                else:
                    total += 1
            except Exception:  # a broken shard is reported by the run itself; here it only costs the estimate
                total += 1
        else:
            total += 1
    return total


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Output directory: claims/, documents/, errors/ (Parquet) and summary.json.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: worker processes on this machine; ray: Ray Data (a running cluster, or a local one).")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Extraction processes (Ray: actors), each loading the model once. Default: one per CPU; "
              "0: extract in this process.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=128, show_default=True,
              help="Documents handed to a worker at a time.")
@click.option("--ray-address", default=None, metavar="ADDRESS",
              help="Ray cluster to join (e.g. ray://head:10001 or auto). Default: a new local Ray instance.")
@click.option("--no-text", is_flag=True,
              help="Leave document texts out of documents/ (smaller; the results cannot then be loaded).")
@click.option("--overwrite", is_flag=True, help="Replace earlier results in the output directory.")
@click.option("--model", default=None, help="spaCy pipeline to use (setting ARMSWATCH_MODEL).")
@click.option("--prefilter/--no-prefilter", default=None,
              help="Skip text that cannot hold a claim before parsing (setting ARMSWATCH_PREFILTER).")
@click.option("--quiet", is_flag=True, help="No progress bar; still reports rejected inputs.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on standard output.")
def batch_command(inputs: tuple[str, ...], out_dir: str, engine: str, workers: int | None, chunk_size: int,
                  ray_address: str | None, no_text: bool, overwrite: bool, model: str | None,
                  prefilter: bool | None, quiet: bool, as_json: bool) -> None:
    """Extract claims from shards (.jsonl .parquet .warc .warc.gz, or article files; folders too) into
    Parquet files under --out."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from armswatch.batch import BatchOptions, BatchSummary, read_table, run_batch
    from armswatch.errors import ArmswatchError
    from armswatch.settings import load_settings

    settings = load_settings(model=model, prefilter=prefilter)
    options = BatchOptions(engine=engine, workers=workers, chunk_size=chunk_size, keep_text=not no_text,
                           overwrite=overwrite, ray_address=ray_address)
    console = Console(stderr=True)
    progress = Progress(TextColumn("batch"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                        console=console, disable=quiet or engine == "ray")  # Ray draws its own progress
    # A kill (SIGTERM) stops the run as Ctrl-C does: the workers are shut down, not left behind, and the
    # part files written so far stay valid.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with progress:
            task = progress.add_task("batch", total=_expected_documents(inputs), counts="")

            def on_progress(s: BatchSummary) -> None:
                progress.update(task, completed=s.read,
                                counts=f"claims {s.claims} · rejected {s.rejected} · skipped {s.skipped}")

            summary = run_batch(inputs, out_dir, settings=settings, options=options, on_progress=on_progress)
    except KeyboardInterrupt:
        console.print("armswatch: interrupted; the results written so far are in "
                      f"{out_dir} (summary.json is missing)", markup=False, soft_wrap=True)
        sys.exit(130)
    except ArmswatchError as e:
        raise click.ClickException(str(e)) from None
    if summary.rejected:
        rejected = [row for row in read_table(out_dir, "errors").to_pylist() if row["outcome"] == "rejected"]
        for row in rejected[:_SHOW_ERRORS]:
            console.print(f"armswatch: error: {row['input']}: {row['reason']}", markup=False, highlight=False,
                          soft_wrap=True)
        if len(rejected) > _SHOW_ERRORS:
            console.print(f"armswatch: … and {len(rejected) - _SHOW_ERRORS} more in {out_dir}/errors/",
                          markup=False, soft_wrap=True)
    if as_json:
        sys.stdout.write(json.dumps({**summary.to_dict(), "out": out_dir}) + "\n")
    rate = summary.documents / summary.seconds if summary.seconds else 0.0
    rate_text = f"{rate:.0f}" if rate >= 10 else f"{rate:.1f}"
    console.print(f"armswatch: {summary.read} read, {summary.documents} analysed, {summary.claims} claims, "
                  f"{summary.rejected} rejected, {summary.skipped} skipped in {summary.seconds:.1f} s "
                  f"({rate_text} documents/s); results in {out_dir}", markup=False, highlight=False, soft_wrap=True)
    for reason, count in sorted(summary.reasons.items()):
        console.print(f"  {count:>6}  {reason}", markup=False, highlight=False, soft_wrap=True)
    if summary.rejected:
        sys.exit(1)


@click.command("batch-load")
@click.argument("results", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Documents per transaction (setting ARMSWATCH_INGEST_BATCH_SIZE).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on standard output.")
def batch_load_command(results: str, db: str | None, batch_size: int | None, as_json: bool) -> None:
    """Store the documents and claims of an `armswatch batch` output directory (no extraction)."""
    from rich.console import Console

    from armswatch.batch import load_results
    from armswatch.errors import InputError
    from armswatch.settings import load_settings

    settings = load_settings(ingest_batch_size=batch_size)
    console = Console(stderr=True)

    def on_reject(source: str, reason: str) -> None:
        console.print(f"armswatch: rejected: {source}: {reason}", markup=False, highlight=False, soft_wrap=True)

    with open_db(db) as store:
        try:
            result = load_results(results, store, batch_size=settings.ingest_batch_size, on_reject=on_reject)
        except InputError as e:
            raise click.ClickException(str(e)) from None
        url = store.url
    if as_json:
        sys.stdout.write(json.dumps({**result.to_dict(), "store": url}) + "\n")
    console.print(f"armswatch: {result.read} documents, {result.stored} stored, {result.reextracted} re-extracted, "
                  f"{result.skipped} skipped, {result.rejected} rejected; {result.claims} claims stored"
                  + (f", {result.claims_rejected} claims rejected" if result.claims_rejected else "")
                  + f" in {url}", markup=False, highlight=False, soft_wrap=True)
    if result.rejected:
        sys.exit(1)
