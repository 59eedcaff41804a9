"""`armswatch serve`: the dashboard and the JSON API on 127.0.0.1 (another address only when asked)."""

from __future__ import annotations

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1/localhost exposes the store to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--db", default=None, metavar="PATH|URL",
              help="Store: a SQLite file or a postgresql:// URL (setting ARMSWATCH_DB).")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info",
              show_default=True, help="uvicorn's log level.")
def serve(host: str, port: int, db: str | None, log_level: str) -> None:
    """Serve the dashboard (http://HOST:PORT/) and the API (/api/docs) over the store.

    Read-only unless the api_token setting (ARMSWATCH_API_TOKEN) is set: then API ingest and
    decisions, and the dashboard's decision buttons, work with that token.
    """
    import uvicorn

    from armswatch.errors import ArmswatchError
    from armswatch.settings import load_settings
    from armswatch.web import create_app

    settings = load_settings(db=db)
    try:
        app = create_app(settings, bound_host=host)
    except ArmswatchError as e:
        raise click.ClickException(str(e)) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"armswatch: warning: listening on {host}: anyone who can reach it can read the store", err=True)
    mode = "decisions and ingest need the API token" if settings.api_token else "read-only (no api_token set)"
    click.echo(f"armswatch: serving {app.state.web.store.url} on http://{host}:{port}/ ({mode})", err=True)
    # what is loaded by now lives as long as the server: out of the collector's full scans, which a page
    # building a network of a thousand lines would otherwise trigger, at about 0.1 s each
    import gc

    gc.freeze()
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
