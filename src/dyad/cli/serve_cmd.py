"""``dyad serve``: the analyst's web UI over a store, read-only, on 127.0.0.1 by default."""

from __future__ import annotations

from pathlib import Path

import typer

from dyad.store.schema import connect


def serve_cli(
    db: Path = typer.Argument(Path("dyad.db"), help="The store written by 'dyad code --db'."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the default "
                             "serves this machine only."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
) -> None:
    """Serve the web UI (events, articles, timeline, network, actors, ledger) over DB."""
    import uvicorn

    from dyad.web.app import create_app

    connect(db, readonly=True).close()  # fail now, with a message, if DB is unusable
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"dyad: warning: binding {host} makes the UI (and the articles in {db}) "
                   "reachable from other machines; it has no login.", err=True)
    typer.echo(f"dyad: serving {db} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
