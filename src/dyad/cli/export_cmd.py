"""``dyad export``: the events of a store as JSON Lines, PLOVER, GDELT-style TSV, CSV or
Parquet."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from dyad.errors import Messages, UsageError
from dyad.store.export import FORMATS, export
from dyad.store.schema import connect


def export_cli(
    db: Path = typer.Argument(..., help="The store written by 'dyad code --db'."),
    fmt: str = typer.Option("events", "--format", "-f",
                            help=f"Export format: {' | '.join(FORMATS)}."),
    out: Path = typer.Option(None, "--out", "-o", help="Write here instead of stdout "
                             "(a folder for parquet, which needs it)."),
    as_happened: bool = typer.Option(False, "--as-happened", help="One Event record per "
                                     "real-world event (cluster, see 'dyad merge') with its "
                                     "counts, instead of one per report (events format)."),
) -> None:
    """Export every stored event (dyad Event records as JSON Lines by default)."""
    if fmt not in FORMATS:
        raise UsageError(Messages.E304, value=fmt, options=", ".join(FORMATS))
    if fmt == "parquet" and out is None:
        raise UsageError(Messages.E305)
    conn = connect(db, readonly=True)
    try:
        if fmt == "parquet":
            n = export(conn, fmt, out_dir=out)
        elif out is not None:
            with out.open("w", encoding="utf-8", newline="") as sink:
                n = export(conn, fmt, sink, as_happened=as_happened)
        else:
            n = export(conn, fmt, sys.stdout, as_happened=as_happened)
            sys.stdout.flush()
    finally:
        conn.close()
    typer.echo(f"dyad: exported {n} events as {fmt}", err=True)
