"""``dyad code``: code articles from files, directories, JSON Lines or stdin."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import typer

from dyad.config import Settings
from dyad.errors import Messages, UsageError
from dyad.ingest import read_inputs
from dyad.ingest.seen import DuplicateLog
from dyad.output import FORMATS, make_writer
from dyad.pipeline import parse_published
from dyad.records import Article, InputError
from dyad.scale import code_scaled
from dyad.store import Store


class Tally:
    def __init__(self) -> None:
        self.inputs = self.coded = self.failed = self.events = 0


def code_cli(
    inputs: list[str] = typer.Argument(None, help="Text files, directories, .jsonl files, or -"),
    published: str = typer.Option(None, "--published", help="Publication date YYYY-MM-DD "
                                  "for inputs that carry none."),
    fmt: str = typer.Option("events", "--format", "-f",
                            help=f"Output format: {' | '.join(FORMATS)}."),
    out: Path = typer.Option(None, "--out", "-o", help="Write output here instead of stdout."),
    errors: Path = typer.Option(None, "--errors", help="Write one JSON line per failed input "
                                "here (default: messages on stderr only)."),
    kb: list[Path] = typer.Option(None, "--kb", help="Extra knowledge file (repeatable)."),
    db: Path = typer.Option(None, "--db", help="Also store each coded article in this SQLite "
                            "database (e.g. dyad.db), for 'dyad serve' and 'dyad export'."),
    urls: list[str] = typer.Option(None, "--urls", help="File of URLs to fetch and code, one "
                                   "a line (repeatable; - for stdin)."),
    text_key: str = typer.Option("text", "--text-key", help="Field (JSON) or column (CSV/TSV) "
                                 "holding the article text."),
    id_key: str = typer.Option("id", "--id-key", help="Field or column holding the article id."),
    date_key: str = typer.Option("published", "--date-key", help="Field or column holding the "
                                 "publication date."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes, each loading "
                                "the model once; output keeps input order."),
    cluster: str = typer.Option(None, "--cluster", help="Code in shards on a Dask cluster: "
                                "tcp://HOST:PORT or local:N (N local worker processes)."),
    run_dir: Path = typer.Option(None, "--run-dir", help="Code in shards kept in this folder; "
                                 "the same command resumes a killed run."),
) -> None:
    """Code articles and write event records (JSON Lines on stdout by default)."""
    if not inputs and not urls:
        raise UsageError(Messages.E206)
    if fmt not in FORMATS:
        raise UsageError(Messages.E203, value=fmt, options=", ".join(FORMATS))
    parse_published(published)
    settings = Settings(kb_files=tuple(str(p) for p in kb or ()))
    tally = Tally()
    sink: TextIO = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    err_sink: TextIO | None = errors.open("w", encoding="utf-8") if errors else None
    store = Store(db) if db else None  # opened once; each article is one transaction
    try:
        writer = make_writer(fmt, sink)
        failures: list[InputError] = []
        stream = _articles(read_inputs(
            inputs or [], published=published, max_bytes=settings.max_bytes,
            url_files=urls or (), text_key=text_key, id_key=id_key, date_key=date_key,
            on_duplicate=DuplicateLog(lambda line: typer.echo(line, err=True), db),
        ), failures, tally)
        options = {"inputs": list(inputs or []), "urls": list(urls or []),
                   "published": published}
        for result in code_scaled(stream, settings, workers=workers, cluster=cluster,
                                  run_dir=run_dir, options=options):
            if isinstance(result, InputError):
                failures.append(result)
                _report(failures, err_sink, tally)
                continue
            writer.write(result)
            if store is not None:
                store.write(result)
            tally.coded += 1
            tally.events += len(result.events)
            _report(failures, err_sink, tally)
            _progress(tally)
        _report(failures, err_sink, tally)
        writer.close()
    finally:
        if out:
            sink.close()
        if err_sink:
            err_sink.close()
        if store is not None:
            store.close()
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    typer.echo(f"dyad: {tally.inputs} inputs: {tally.coded} coded, {tally.failed} failed; "
               f"{tally.events} events", err=True)
    if tally.failed:
        raise typer.Exit(3)


def _articles(items: Iterator[Article | InputError], failures: list[InputError],
              tally: Tally) -> Iterator[Article]:
    for item in items:
        tally.inputs += 1
        if isinstance(item, InputError):
            failures.append(item)
        else:
            yield item


def _report(failures: list[InputError], err_sink: TextIO | None, tally: Tally) -> None:
    while failures:
        f = failures.pop(0)
        tally.failed += 1
        typer.echo(f"dyad: {f.input}: {f.reason}", err=True)
        if err_sink:
            err_sink.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")


def _progress(tally: Tally) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\rcoded {tally.coded} articles, {tally.events} events")
        sys.stderr.flush()
