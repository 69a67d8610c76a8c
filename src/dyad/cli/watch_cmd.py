"""``dyad watch``: poll RSS/Atom feeds and code each new entry once, across restarts."""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any, TextIO

import typer

from dyad.config import Settings
from dyad.errors import Messages, UsageError
from dyad.ingest.fetch import Fetcher, FetchPolicy
from dyad.ingest.options import ReadOptions
from dyad.ingest.readers import max_bytes_from_env
from dyad.ingest.seen import SeenStore
from dyad.ingest.watch import Watcher, parse_interval, read_feed_list
from dyad.output import FORMATS, make_writer
from dyad.pipeline import code_stream
from dyad.records import Article, InputError


def watch_cli(
    feeds_file: Path = typer.Argument(..., help="File with one feed URL (or feed file) a line."),
    every: str = typer.Option("15m", "--every", help="Time between rounds: 90s, 15m, 1h."),
    db: Path = typer.Option(Path("dyad.db"), "--db", help="SQLite database: coded articles "
                            "and the entries already seen (so a restart does not recode)."),
    once: bool = typer.Option(False, "--once", help="Run one round and exit."),
    fmt: str = typer.Option("events", "--format", "-f",
                            help=f"Output format: {' | '.join(FORMATS)}."),
    out: Path = typer.Option(None, "--out", "-o", help="Append output here instead of stdout."),
    errors: Path = typer.Option(None, "--errors", help="Append one JSON line per failed "
                                "entry here."),
    kb: list[Path] = typer.Option(None, "--kb", help="Extra knowledge file (repeatable)."),
) -> None:
    """Poll feeds, fetch each new entry's page and code it; Ctrl-C stops after the current
    article."""
    if fmt not in FORMATS:
        raise UsageError(Messages.E203, value=fmt, options=", ".join(FORMATS))
    pause = parse_interval(every)
    feeds = read_feed_list(str(feeds_file))
    settings = Settings(kb_files=tuple(str(p) for p in kb or ()))
    max_bytes = max_bytes_from_env()
    stop = threading.Event()
    previous = _on_signals(stop)
    sink: TextIO = out.open("a", encoding="utf-8", newline="") if out else sys.stdout
    err_sink: TextIO | None = errors.open("a", encoding="utf-8") if errors else None
    seen = SeenStore(db)
    store = _store(db)
    fetcher = Fetcher(FetchPolicy.from_env(max_bytes), stop=stop)
    watcher = Watcher(feeds, seen, fetcher, ReadOptions(None, max_bytes), _say, stop)
    rounds = 0
    try:
        writer = make_writer(fmt, sink)
        while not stop.is_set():
            rounds += 1
            coded, failed = _round(watcher, writer, sink, err_sink, store, settings)
            r = watcher.report
            _say(f"dyad watch: round {rounds}: {r.feeds} feeds ({r.feeds_failed} failed), "
                 f"{r.entries} entries, {coded} coded, {failed} failed, "
                 f"{r.duplicates} copies of stories already coded")
            if once:
                break
            stop.wait(pause)
        writer.close()
    finally:
        for closing in (fetcher, seen, store):
            if closing is not None:
                closing.close()
        if out:
            sink.close()
        if err_sink:
            err_sink.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stop.is_set():
        _say("dyad watch: stopped")


def _round(watcher: Watcher, writer: Any, sink: TextIO, err_sink: TextIO | None,
           store: Any, settings: Settings) -> tuple[int, int]:
    failures: list[InputError] = []

    def articles() -> Any:
        for item in watcher.round():
            if isinstance(item, InputError):
                failures.append(item)
            else:
                yield item

    coded = failed = 0
    for result in code_stream(articles(), settings):
        failed += _report(failures, err_sink)
        if isinstance(result, InputError):
            watcher.seen.mark_failed(result.input, result.reason)
            failures.append(result)
            continue
        writer.write(result)
        sink.flush()  # a watcher's output is read while it runs
        if store is not None:
            store.write(result)
        article: Article = result.article
        watcher.mark_coded(article)
        coded += 1
    failed += _report(failures, err_sink)
    return coded, failed


def _report(failures: list[InputError], err_sink: TextIO | None) -> int:
    count = len(failures)
    while failures:
        f = failures.pop(0)
        _say(f"dyad: {f.input}: {f.reason}")
        if err_sink:
            err_sink.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")
            err_sink.flush()
    return count


def _store(db: Path) -> Any:
    try:
        from dyad.store import Store
    except ImportError:  # the event store is optional for watching
        return None
    return Store(db)


def _say(line: str) -> None:
    typer.echo(line, err=True)


def _on_signals(stop: threading.Event) -> dict[int, Any]:
    """First SIGINT/SIGTERM: finish the current article and stop; a second one: stop now."""
    previous: dict[int, Any] = {}

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        _say("dyad watch: stopping after the current article (Ctrl-C again to stop now)")
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        # Outside the main thread (an embedding program) there are no handlers to set.
        with contextlib.suppress(ValueError):
            previous[sig] = signal.signal(sig, handler)
    return previous
