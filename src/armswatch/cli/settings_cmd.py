"""`armswatch settings`: every setting with its environment variable, current value and help."""

from __future__ import annotations

import json

import click


@click.command("settings")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
def settings_command(fmt: str) -> None:
    """Show every setting (ARMSWATCH_<NAME> environment variables) and its current value."""
    from dataclasses import fields

    from armswatch.cli.render import make_console
    from armswatch.settings import Settings, load_settings

    current = load_settings()
    helps = Settings.help()
    rows = []
    for f in fields(Settings):
        value = getattr(current, f.name)
        shown = "(set)" if f.name == "api_token" and value else value  # never print a secret
        rows.append({"setting": f"ARMSWATCH_{f.name.upper()}", "value": shown, "default": f.default,
                     "help": helps[f.name]})
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1, default=str))
    elif fmt == "markdown":
        click.echo("| setting | default | meaning |\n| --- | --- | --- |")
        for r in rows:
            click.echo(f"| `{r['setting']}` | `{r['default']}` | {r['help']} |")
    else:
        from rich.table import Table

        table = Table(title="armswatch settings", expand=True)
        for name in ("setting", "value", "help"):
            table.add_column(name, overflow="fold")
        for r in rows:
            table.add_row(str(r["setting"]), str(r["value"]), str(r["help"]))
        make_console().print(table)
