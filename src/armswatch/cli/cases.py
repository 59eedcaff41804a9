"""`armswatch cases` and `armswatch claims`: query the evidence base with filters."""

from __future__ import annotations

import dataclasses
from typing import Any

import click

from armswatch.cli.store_options import db_option, filter_options, filter_values, format_option, open_db


@click.command("cases")
@filter_options
@click.option(
    "--case",
    "case_ref",
    metavar="ID",
    help="Show one case (id or its first characters) in "
    "detail: every claim, its origin, and why it is or is not counted.",
)
@click.option("--embargo", is_flag=True,
              help="Check each case against the UN arms embargoes: the embargoes it may breach and why.")
@click.option("--flagged", is_flag=True, help="Only cases that may breach a UN arms embargo (implies --embargo).")
@format_option()
@db_option
def cases_command(fmt: str, db: str | None, case_ref: str | None, embargo: bool, flagged: bool, **kw: Any) -> None:
    """Transfers merged from claims by (supplier, recipient, category), most corroborated first."""
    from armswatch.cli.evidence_tables import case_detail, cases_table, embargo_table, write_rows
    from armswatch.screening import case_embargo
    from armswatch.store import CaseFilter, ClaimFilter

    f = CaseFilter(**filter_values(kw))
    embargo = embargo or flagged
    with open_db(db) as store:
        if case_ref:
            case = store.case(case_ref)
            if case is None:
                raise click.ClickException(f"no case {case_ref!r} in {store.url}")
            claims = store.claims(ClaimFilter(case_id=case.id))
            assessment = case_embargo(store, case) if embargo else None
            if fmt == "table":
                case_detail(case, claims)
                if assessment is not None:
                    embargo_table([(case, assessment)])
            else:
                row = {**case.to_dict(members=True), "claims": [c.to_dict() for c in claims]}
                if embargo:
                    row["embargo"] = assessment.to_dict() if assessment else None
                write_rows([row], fmt)
            return
        cases = store.cases(f)
        checked = [(k, case_embargo(store, k)) for k in cases] if embargo else []
    if flagged:
        checked = [(k, a) for k, a in checked if a is not None and a.flags]
        cases = [k for k, _ in checked]
    if fmt == "table":
        cases_table(cases)
        if embargo:
            embargo_table([(k, a) for k, a in checked if a is not None])
    elif embargo:
        write_rows(({**k.to_dict(), "embargo_flags": list(a.flags) if a else [],
                     "embargo": a.to_dict() if a else None} for k, a in checked), fmt)
    else:
        write_rows((k.to_dict() for k in cases), fmt)


@click.command("claims")
@filter_options
@click.option("--case", "case_id", metavar="ID", help="Only the claims of this case.")
@click.option("--document", metavar="ID", help="Only the claims of this document (input id or content hash).")
@click.option("--text", help="Evidence contains this text.")
@click.option(
    "--extractor-version",
    metavar="VERSION|all",
    help="Claims of this extractor version, or 'all'; default: each document's current claims.",
)
@click.option("--without-rejected", is_flag=True, help="Leave out claims rejected by an analyst.")
@format_option()
@db_option
def claims_command(
    fmt: str,
    db: str | None,
    case_id: str | None,
    document: str | None,
    text: str | None,
    extractor_version: str | None,
    without_rejected: bool,
    **kw: Any,
) -> None:
    """Stored claims, each with its document, its case and the decision (if any) about it."""
    from armswatch.cli.evidence_tables import claims_table, write_rows
    from armswatch.store import ClaimFilter

    f = ClaimFilter(
        **filter_values(kw),
        case_id=case_id,
        document=document,
        text=text,
        extractor_version=extractor_version,
        include_rejected=not without_rejected,
    )
    with open_db(db) as store:
        if case_id:  # an id prefix, as `cases --case` takes it
            case = store.case(case_id)
            if case is None:
                raise click.BadParameter(f"no case id starts with {case_id!r} in {store.url}", param_hint="--case")
            f = dataclasses.replace(f, case_id=case.id)
        claims = store.claims(f)
    if fmt == "table":
        claims_table(claims)
    else:
        write_rows((c.to_dict() for c in claims), fmt)
