"""Options shared by the commands that read the store: --db and the claim/case filters."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

import click

from armswatch.model import CATEGORIES, STATUSES

__all__ = ["db_option", "filter_options", "format_option", "open_db", "period_bound"]

F = TypeVar("F", bound=Callable[..., Any])


def period_bound(value: str, end: bool) -> date:
    """YYYY, YYYY-MM or YYYY-MM-DD → a date (the first day, or with end=True the last day)."""
    parts = value.strip().split("-")
    try:
        if len(parts) == 1:
            y = int(parts[0])
            return date(y, 12, 31) if end else date(y, 1, 1)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            return date(y, m, calendar.monthrange(y, m)[1]) if end else date(y, m, 1)
        return date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None


db_option = click.option(
    "--db",
    default=None,
    metavar="PATH|URL",
    help="Store: a SQLite file or a postgresql:// URL (setting ARMSWATCH_DB; "
    "default: armswatch.sqlite3 in the data directory).",
)


def format_option(choices: tuple[str, ...] = ("table", "jsonl", "csv")) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="A readable table, or one JSON object / CSV row per item on standard output.",
    )


_FILTERS = [
    click.option("--actor", help="Supplier or recipient: a code, slug, name, demonym or capital "
                                 "(PRK, DPRK, North Korea, Pyongyang)."),
    click.option("--supplier", help="Supplier (code, slug or name, as --actor)."),
    click.option("--recipient", help="Recipient (code, slug or name, as --actor)."),
    click.option("--category", type=click.Choice(CATEGORIES), help="Item category."),
    click.option("--status", type=click.Choice(STATUSES), help="Status (of the claim, or the case's status)."),
    click.option("--since", help="Reported on or after (YYYY, YYYY-MM or YYYY-MM-DD)."),
    click.option("--until", help="Reported on or before (YYYY, YYYY-MM or YYYY-MM-DD)."),
    click.option("--source", help="Speaker, cited outlet or publishing outlet contains this text."),
    click.option(
        "--hedged/--not-hedged",
        default=None,
        help="Only hedged (or only unhedged) claims; for cases: with (without) a hedged claim.",
    ),
    click.option(
        "--denied/--not-denied",
        default=None,
        help="Only denied (or only undenied) claims; for cases: with (without) a denied claim.",
    ),
    click.option(
        "--min-corroboration",
        type=click.IntRange(min=0),
        help="At least this many independent origins (for claims: in their case).",
    ),
    click.option("--system", help="A catalogued weapon system: its id, designation or an alias (shahed-136, "
                                  "Geran-2); for cases: one of its counted claims names it."),
    click.option("--limit", type=click.IntRange(min=0), help="At most this many rows."),
]


def filter_options(f: F) -> F:
    for option in reversed(_FILTERS):
        f = option(f)
    return f


def filter_values(kw: dict[str, Any]) -> dict[str, Any]:
    """The filter options as ClaimFilter/CaseFilter keyword arguments (popped from kw)."""
    out = {
        name: kw.pop(name)
        for name in (
            "actor",
            "supplier",
            "recipient",
            "category",
            "status",
            "source",
            "hedged",
            "denied",
            "min_corroboration",
            "limit",
        )
    }
    for name in ("actor", "supplier", "recipient"):
        out[name] = cli_actor(out[name], name)
    out["system"] = cli_system(kw.pop("system"))
    since, until = kw.pop("since"), kw.pop("until")
    out["since"] = period_bound(since, end=False) if since else None
    out["until"] = period_bound(until, end=True) if until else None
    return out


def cli_actor(value: str | None, option: str) -> str | None:
    """A typed actor ("DPRK", "North Korea", "Pyongyang") as its code; exit 2 naming it when unknown."""
    from armswatch.actor_names import UnknownActor, resolve_optional_actor

    try:
        return resolve_optional_actor(value)
    except UnknownActor as e:
        raise click.BadParameter(str(e), param_hint=f"--{option}") from None


def cli_system(value: str | None) -> str | None:
    """A typed weapon system ("Geran-2", "shahed-136") as its catalogue id; exit 2 naming it when unknown."""
    from armswatch.systems import SystemsDataError, UnknownSystem, resolve_system

    try:
        return resolve_system(value)
    except UnknownSystem as e:
        raise click.BadParameter(str(e), param_hint="--system") from None
    except SystemsDataError as e:
        raise click.ClickException(str(e)) from None


@contextmanager
def open_db(db: str | None) -> Iterator[Any]:
    """The store, with store errors turned into clean command-line errors."""
    from armswatch.errors import StoreError
    from armswatch.store import open_store

    try:
        store = open_store(db)
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    try:
        yield store
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    finally:
        store.close()
