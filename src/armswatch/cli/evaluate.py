"""`armswatch eval GOLD...` — score the extractor against gold files in the claim-schema form."""

from __future__ import annotations

import json
import sys
from collections import Counter

import click


@click.command("eval")
@click.option("--json", "as_json", is_flag=True, help="Print the full score as JSON.")
@click.option("--model", default=None, help="spaCy pipeline to use (setting ARMSWATCH_MODEL).")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True))
def eval_command(as_json: bool, model: str | None, gold: tuple[str, ...]) -> None:
    """Precision, recall and F1 of the extractor on gold files, with misses and spurious claims."""
    from armswatch.errors import InputError
    from armswatch.evaluation import load_gold, score_claims, score_systems
    from armswatch.extract import Extractor
    from armswatch.settings import load_settings
    from armswatch.systems import load_catalogue

    try:
        articles = load_gold(gold)
    except InputError as e:
        click.echo(f"armswatch: error: {e}", err=True)
        sys.exit(1)
    extractor = Extractor(load_settings(model=model))
    predicted = {a.document.id: extractor.extract(a.document) for a in articles}
    score = score_claims(articles, predicted)
    links = score_systems(articles, predicted, load_catalogue())
    if as_json:
        click.echo(json.dumps({**score.to_dict(), "systems": links.to_dict()}, indent=1))
        return
    click.echo(f"{score.documents} documents, {score.negative_documents} without claims "
               f"({score.negative_documents_with_claims} of them with predicted claims)")
    for name, prf in (("triple", score.triple), ("status", score.status)):
        click.echo(f"{name:7} P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}  "
                   f"(tp={prf.tp} fp={prf.fp} fn={prf.fn})")
    click.echo("attributes " + ", ".join(f"{k}={v:.3f}" for k, v in score.attributes.items()))
    click.echo(f"systems: {links.named} gold claims name a catalogued system, {links.found} of them found; "
               f"linked {links.linked:.3f} ({links.right}), wrongly {links.linked_wrongly:.3f} ({len(links.wrong)})")
    for kind, rows in (("linked wrongly", links.wrong), ("not linked", links.unlinked)):
        if rows:
            click.echo(f"  {kind} (document|triple|gold system|extracted): " + ", ".join(rows))
    _table("status (rows: gold, columns: extracted; between one pair of parties, on one category)",
           score.status_confusion)
    _table("category (rows: gold, columns: extracted; between one pair of parties)", score.category_confusion)
    for doc, kinds in sorted(score.by_document().items()):
        click.echo(f"{doc}:")
        for kind, rows in kinds.items():
            click.echo(f"  {kind}: " + ", ".join(rows))


def _table(title: str, counts: Counter[tuple[str, str]]) -> None:
    """A confusion table as text: a row per gold value, a column per extracted value."""
    if not counts:
        return
    rows = sorted({g for g, _ in counts}, key=lambda v: (v == "-", v))
    cols = sorted({p for _, p in counts}, key=lambda v: (v == "-", v))
    label = max(len(r) for r in rows) + 1
    widths = [len(c) + 1 for c in cols]
    click.echo(title)
    click.echo(" " * label + "".join(c.rjust(w) for c, w in zip(cols, widths, strict=True)))
    for r in rows:
        cells = (str(counts.get((r, c), "") or ".").rjust(w) for c, w in zip(cols, widths, strict=True))
        click.echo(r.ljust(label) + "".join(cells))
