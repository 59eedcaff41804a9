"""`armswatch eval GOLD...` — score the extractor against gold files in the claim-schema form."""

from __future__ import annotations

import json
import sys

import click


@click.command("eval")
@click.option("--json", "as_json", is_flag=True, help="Print the full score as JSON.")
@click.option("--model", default=None, help="spaCy pipeline to use (setting ARMSWATCH_MODEL).")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True))
def eval_command(as_json: bool, model: str | None, gold: tuple[str, ...]) -> None:
    """Precision, recall and F1 of the extractor on gold files, with misses and spurious claims."""
    from armswatch.errors import InputError
    from armswatch.evaluation import load_gold, score_claims
    from armswatch.extract import Extractor
    from armswatch.settings import load_settings

    try:
        articles = load_gold(gold)
    except InputError as e:
        click.echo(f"armswatch: error: {e}", err=True)
        sys.exit(1)
    extractor = Extractor(load_settings(model=model))
    predicted = {a.document.id: extractor.extract(a.document) for a in articles}
    score = score_claims(articles, predicted)
    if as_json:
        click.echo(json.dumps(score.to_dict(), indent=1))
        return
    click.echo(f"{score.documents} documents, {score.negative_documents} without claims "
               f"({score.negative_documents_with_claims} of them with predicted claims)")
    for name, prf in (("triple", score.triple), ("status", score.status)):
        click.echo(f"{name:7} P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}  "
                   f"(tp={prf.tp} fp={prf.fp} fn={prf.fn})")
    click.echo("attributes " + ", ".join(f"{k}={v:.3f}" for k, v in score.attributes.items()))
    for label, rows in (("missed", score.misses), ("spurious", score.spurious),
                        ("wrong status", score.wrong_status)):
        if rows:
            click.echo(f"{label} ({len(rows)}):")
            for r in rows:
                click.echo(f"  {r}")
