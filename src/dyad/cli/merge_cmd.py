"""``dyad merge``: re-cluster every event of a store into real-world events."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from dyad.errors import ConfigError, Messages, UsageError


def merge_cli(
    db: Path = typer.Argument(Path("dyad.db"), help="The store written by 'dyad code --db'."),
    explain_ids: list[int] = typer.Option(None, "--explain", help="Explain the decision for "
                                          "two stored events (their row ids; give it twice)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Cluster the store's events into real-world events (rules: data/merge.yaml)."""
    from dyad.merge import explain
    from dyad.merge.storage import recluster, stored_mention
    from dyad.store.schema import connect

    if not db.is_file():
        raise ConfigError(Messages.E301, path=db)
    conn = connect(db)
    try:
        if explain_ids:
            if len(explain_ids) != 2:
                raise UsageError(Messages.E306, name="--explain", value=explain_ids,
                                  expected="two event row ids")
            a, b = (stored_mention(conn, i) for i in explain_ids)
            typer.echo(explain(a, b))
            return
        t0 = time.perf_counter()
        clusterer = recluster(conn)
    finally:
        conn.close()
    n = len(clusterer.mentions)
    summary = {"events": n, "clusters": len(clusterer.clusters),
               "multi_mention_clusters": sum(c.n_mentions > 1
                                             for c in clusterer.clusters.values()),
               "seconds": round(time.perf_counter() - t0, 2)}
    if as_json:
        typer.echo(json.dumps(summary))
    else:
        typer.echo(f"dyad: {n} events in {summary['clusters']} clusters "
                   f"({summary['multi_mention_clusters']} reported more than once), "
                   f"{summary['seconds']} s", err=True)
