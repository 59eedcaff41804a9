"""Jinja filters and globals the templates share (formatting only; escaping stays on)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from jinja2 import Environment

from armswatch.model import CATEGORIES, STATUSES, quantity_phrase
from armswatch.web.network import FLAG_COLOURS, SEVERAL_CATEGORIES_COLOUR
from armswatch.web.views import CATEGORY_COLOURS, SOLID_STATUSES, STATUS_COLOURS, actor_label, system_mark

__all__ = ["install"]


def _category(value: str | None) -> str:
    return (value or "").replace("_", " ")


def _number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def _day(value: date | datetime | str | None) -> str:
    if value is None:
        return "undated"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _short(value: str | None, n: int = 12) -> str:
    return (value or "")[:n]


def install(env: Environment) -> None:
    env.filters.update(actor=actor_label, category=_category, number=_number, day=_day, short=_short,
                       quantity=lambda q: quantity_phrase(q.quantity, q.quantity_text, q.unit))
    env.globals.update(
        CATEGORIES=CATEGORIES,
        STATUSES=STATUSES,
        CATEGORY_COLOURS=CATEGORY_COLOURS,
        STATUS_COLOURS=STATUS_COLOURS,
        SOLID_STATUSES=SOLID_STATUSES,
        FLAG_COLOURS=FLAG_COLOURS,
        SEVERAL_CATEGORIES_COLOUR=SEVERAL_CATEGORIES_COLOUR,
        system_mark=system_mark,
        catalogue_systems=_catalogue_systems,
    )


def _catalogue_systems() -> list[Any]:
    """The catalogue's systems by designation (the system filter's suggestions)."""
    from armswatch.systems import load_catalogue

    return sorted(load_catalogue(), key=lambda s: s.designation.lower())
