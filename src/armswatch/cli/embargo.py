"""`armswatch embargoes`: list the curated UN arms embargoes, show one, validate a data file, and check
an ad-hoc transfer against them (`armswatch embargoes check --supplier X --recipient Y ...`)."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.table import Table

from armswatch.cli.render import make_console
from armswatch.model import CATEGORIES, STATUSES

_VERDICT_STYLE = {"may_breach": "bold red", "contested": "yellow", "uncertain": "yellow",
                  "not_applicable": "dim"}


def _registry(data: str | None) -> Any:
    from armswatch.embargo import EmbargoDataError, default_registry, load_registry

    try:
        return load_registry(data) if data else default_registry()
    except EmbargoDataError as exc:
        raise click.ClickException(str(exc)) from exc


def _dump(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _span(start: Any, end: Any) -> str:
    return f"{start} – {end}" if end else f"{start} –"


def _embargo_state(emb: Any) -> str:
    settled = [p for p in emb.provisions if not p.contested]
    open_settled = any(p.end is None for p in settled)
    text = "in force" if open_settled else f"ended {max(p.end for p in settled)}"
    if any(p.contested and p.end is None for p in emb.provisions):
        text += " (+ contested provisions)"
    return text


_data_option = click.option("--data", type=click.Path(dir_okay=False), default=None,
                            help="Embargo data file to use instead of the packaged one (.yaml/.json).")
_format_option = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                              show_default=True, help="A readable table, or JSON on standard output.")


@click.group("embargoes", invoke_without_command=True)
@_format_option
@click.option("--provisions", is_flag=True, help="One row per provision (period, direction, scope).")
@_data_option
@click.pass_context
def embargoes(ctx: click.Context, fmt: str, provisions: bool, data: str | None) -> None:
    """List the UN Security Council arms embargoes armswatch checks claims against."""
    if ctx.invoked_subcommand is not None:
        return
    registry = _registry(data)
    if fmt == "json":
        _dump({"version": registry.version, "as_of": registry.as_of.isoformat(),
               "embargoes": [e.to_dict() for e in registry]})
        return
    console = make_console()
    title = f"{len(registry)} UN arms embargoes (data {registry.version}, reviewed to {registry.as_of})"
    table = Table(title=title, expand=True)
    if provisions:
        for name in ("provision", "direction", "period", "targets", "categories", "resolutions", "status"):
            table.add_column(name, overflow="fold")
        for emb in registry:
            for p in emb.provisions:
                targets = [f"{s} ({p.state_scope})" for s in p.states] + list(p.actors) + [
                    f"{a} (if designated)" for a in p.actors_if_designated]
                cats = "all arms" if p.all_arms else ", ".join(p.categories)
                if p.categories_partial:
                    cats += f"; maybe: {', '.join(p.categories_partial)}"
                table.add_row(p.id, p.direction, _span(p.start, p.end), ", ".join(targets), cats,
                              p.citation, p.status)
    else:
        for name in ("id", "name", "direction", "targets", "period", "status", "resolutions"):
            table.add_column(name, overflow="fold")
        for emb in registry:
            table.add_row(emb.id, emb.name, emb.direction, ", ".join(emb.states + emb.actors),
                          _span(emb.start, emb.end), _embargo_state(emb),
                          ", ".join(str(r.number) for r in emb.resolutions))
    console.print(table)


@embargoes.command("show")
@click.argument("embargo_id")
@_format_option
@_data_option
def show(embargo_id: str, fmt: str, data: str | None) -> None:
    """Show one embargo: its resolutions, provisions, notes and sources."""
    registry = _registry(data)
    emb = registry.get(embargo_id)
    if emb is None:
        raise click.BadParameter(f"no embargo {embargo_id!r}; known: {', '.join(e.id for e in registry)}",
                                 param_hint="EMBARGO_ID")
    if fmt == "json":
        _dump(emb.to_dict())
        return
    console = make_console()
    console.print(f"[bold]{emb.name}[/bold] ({emb.id}) — {emb.direction}, targets "
                  f"{', '.join(emb.states + emb.actors)}; {_embargo_state(emb)}")
    if emb.committee:
        console.print(emb.committee)
    res = Table(title="Resolutions", expand=True)
    for name in ("resolution", "adopted", "what it did"):
        res.add_column(name, overflow="fold")
    for r in emb.resolutions:
        res.add_row(r.citation, r.adopted.isoformat(), r.summary)
    console.print(res)
    prov = Table(title="Provisions", expand=True)
    for name in ("provision", "direction", "period", "scope", "notes"):
        prov.add_column(name, overflow="fold")
    for p in emb.provisions:
        scope = "all arms" if p.all_arms else ", ".join(p.categories)
        if p.categories_partial:
            scope += f"; maybe: {', '.join(p.categories_partial)}"
        notes = [p.label, p.citation, f"status: {p.status}"]
        notes += [f"exempt ({e.kind}): {e.text}" for e in p.exemptions]
        notes += [x for x in (p.state_scope_note, p.note) if x]
        prov.add_row(p.id, p.direction, _span(p.start, p.end), scope, "\n".join(notes))
    console.print(prov)
    for note in emb.notes:
        console.print(f"• {note}")
    console.print("Sources: " + "; ".join(emb.sources))


@embargoes.command("validate")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Refuse a provision that cites no operative paragraph or whose "
              "citation is marked 'to verify' (without it: a warning).")
def validate(path: str | None, strict: bool) -> None:
    """Check an embargo data file against the schema and consistency rules (default: the packaged file)."""
    registry = _registry(path)
    n = sum(len(e.provisions) for e in registry)
    uncited = registry.citation_problems()
    for problem in uncited:
        click.echo(f"armswatch: {'error' if strict else 'warning'}: {registry.source}: {problem}", err=True)
    if strict and uncited:
        raise SystemExit(1)
    click.echo(f"ok: {registry.source}: version {registry.version}, "
               f"{len(registry)} embargoes, {n} provisions")


def _party(value: str, registry: Any, option: str) -> str:
    """A typed party ("DPRK", "North Korea", "rsf") as its code; exit 2 naming it when unknown."""
    from armswatch.actor_names import UnknownActor, resolve_actor

    try:
        return resolve_actor(value, extra=registry.actors)
    except UnknownActor as e:
        raise click.BadParameter(str(e), param_hint=option) from None


@embargoes.command("check")
@click.option("--supplier", required=True, help="Code, slug or name: PRK, DPRK, North Korea, Pyongyang, houthis.")
@click.option("--recipient", required=True, help="Code, slug or name: RUS, Russia, Moscow, hezbollah.")
@click.option("--category", required=True, type=click.Choice(CATEGORIES), help="Claim-schema category.")
@click.option("--date", "start", default=None, help="When: YYYY, YYYY-MM or YYYY-MM-DD (start of a period).")
@click.option("--end", default=None, help="End of the period (same forms); default: the span of --date.")
@click.option("--status", type=click.Choice(STATUSES), default="delivered", show_default=True)
@click.option("--notes", "show_notes", is_flag=True, help="Also print exemptions and provision notes.")
@_format_option
@_data_option
def check(supplier: str, recipient: str, category: str, start: str | None, end: str | None, status: str,
          show_notes: bool, fmt: str, data: str | None) -> None:
    """Assess an ad-hoc transfer: which embargoes it may breach, and why the others do not apply."""
    from armswatch.embargo import assess_transfer

    registry = _registry(data)
    supplier, recipient = _party(supplier, registry, "--supplier"), _party(recipient, registry, "--recipient")
    try:
        result = assess_transfer(supplier, recipient, category, start, end, status=status, registry=registry)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--date/--end") from exc
    if fmt == "json":
        _dump(result.to_dict())
        return
    console = make_console()
    start, end = result.date_start, result.date_end
    when = "undated" if not start else (start if start == end else f"{start} – {end}")
    console.print(f"[bold]{supplier} → {recipient}[/bold], {category}, {status}, {when}: "
                  f"[{_VERDICT_STYLE[result.verdict]}]{result.verdict}[/]")
    table = Table(expand=True)
    for name in ("embargo", "verdict", "provision", "why"):
        table.add_column(name, overflow="fold")
    for f in result.findings:
        shown = f.deciding if f.verdict != "not_applicable" else f.provisions
        for p in shown:
            why = list(p.reasons) if f.verdict != "not_applicable" else [p.reasons[0]]
            if show_notes:
                why += [f"note: {n}" for n in p.notes]
            table.add_row(f.embargo_id, f"[{_VERDICT_STYLE[p.verdict]}]{p.verdict}[/]",
                          f"{p.provision_id}\n{p.citation}", "\n".join(why))
        if show_notes:
            for n in f.notes:
                table.add_row(f.embargo_id, "", "(embargo note)", n)
    if result.findings:
        console.print(table)
    else:
        console.print("No UN arms embargo targets either party.")
    for note in result.notes:
        console.print(f"• {note}")
    if result.not_considered:
        others = ", ".join(result.not_considered)
        console.print(f"[dim]Not considered (neither party is a target): {others}[/dim]")
