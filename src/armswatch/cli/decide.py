"""`armswatch decide`: analysts' judgements on claims, recorded with who, when and why.

They refer to the statement (document + supplier, recipient, category, status), not to a row, so
they survive re-ingest and a new extractor version; `restore` undoes them, and nothing is erased.
"""

from __future__ import annotations

import getpass
import json
import sys

import click

from armswatch.cli.store_options import db_option, open_db

_why = click.option("--why", required=True, help="The reason, kept with the decision.")
_by = click.option("--by", "decided_by", default=None, help="Who decides (default: the login name).")


def _who(decided_by: str | None) -> str:
    if decided_by:
        return decided_by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _record(
    db: str | None, claim: str, action: str, why: str, decided_by: str | None, label: str | None = None
) -> None:
    with open_db(db) as store:
        d = store.record_decision(claim, action, reason=why, decided_by=_who(decided_by), label=label)
    click.echo(
        f"decision {d.id}: {d.action} claim {d.claim_id}"
        + (f" into {d.label!r}" if d.label else "")
        + f" ({d.decided_by}: {d.reason})",
        err=True,
    )


@click.group("decide")
def decide() -> None:
    """Reject a claim, split it out of its case, or restore it; list decisions."""


@decide.command("reject")
@click.argument("claim")
@_why
@_by
@db_option
def reject(claim: str, why: str, decided_by: str | None, db: str | None) -> None:
    """Stop counting CLAIM (an id from `armswatch claims`) in its case."""
    _record(db, claim, "reject", why, decided_by)


@decide.command("split")
@click.argument("claim")
@click.option(
    "--into",
    "label",
    default=None,
    help="Name of the case to move it to; claims split with one name share a case (default: a case of its own).",
)
@_why
@_by
@db_option
def split(claim: str, label: str | None, why: str, decided_by: str | None, db: str | None) -> None:
    """Take CLAIM out of its case (it reports a different transfer)."""
    _record(db, claim, "split", why, decided_by, label)


@decide.command("restore")
@click.argument("claim")
@_why
@_by
@db_option
def restore(claim: str, why: str, decided_by: str | None, db: str | None) -> None:
    """Undo the decisions about CLAIM: it counts in its case again."""
    _record(db, claim, "restore", why, decided_by)


@decide.command("list")
@click.argument("claim", required=False)
@db_option
def list_decisions(claim: str | None, db: str | None) -> None:
    """Every decision (JSON lines, oldest first), or those about one CLAIM."""
    with open_db(db) as store:
        for d in store.decisions(claim):
            sys.stdout.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
