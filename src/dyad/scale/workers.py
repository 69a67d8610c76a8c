"""Worker processes on one machine: each loads the model and knowledge once and
codes chunks of articles; the parent writes what they return, in input order.

Processes are started with ``spawn`` (no fork of a parent that holds threads or a
loaded model). What crosses between processes is plain data: Article dicts going
in, ``{"result": ArticleResult dict}`` or ``{"error": ...}`` coming back.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from dyad.config import Settings
from dyad.errors import ConfigError, Messages
from dyad.records import Article, ArticleResult, InputError
from dyad.scale.results import result_from_dict, result_to_dict

CHUNK = 8  # articles per task: large enough to fill a parse batch, small enough to stream


def config_of(settings: Settings) -> dict[str, Any]:
    """The plain-data part of the settings that a worker needs."""
    return {"model": settings.model, "kb_files": list(settings.kb_files),
            "batch_size": 16}


def settings_from(config: dict[str, Any]) -> Settings:
    """Settings rebuilt in a worker from ``config_of``'s dict."""
    return Settings(model=config.get("model") or Settings().model,
                    kb_files=tuple(config.get("kb_files") or ()))


def warm(config: dict[str, Any]) -> None:
    """Load the model, knowledge base, lexicon and prefilter of this process once."""
    from dyad.actors.kb import load_kb
    from dyad.events.lexicon import load_lexicon
    from dyad.nlp import load_nlp
    from dyad.nlp.prefilter import prefilter_for

    settings = settings_from(config)
    nlp = load_nlp(settings.model)
    load_kb(settings.kb_files)
    load_lexicon()
    prefilter_for(nlp, settings.kb_files)


def code_chunk(arts: list[dict[str, Any]], config: dict[str, Any]) -> list[dict[str, Any]]:
    """Code Article dicts in this process; one plain dict per article, in order."""
    from dyad.pipeline import code_stream

    articles = [Article.from_dict(a) for a in arts]
    return [result_to_dict(item) for item in
            code_stream(iter(articles), settings_from(config), int(config["batch_size"]))]


def recycle_after() -> int:
    """Articles a worker codes before it is replaced by a fresh one (DYAD_WORKER_RECYCLE,
    default 100,000; 0 never). spaCy's tokenizer keeps ~40 bytes for every new word it
    sees even inside memory zones, so a worker's memory creeps up on a long run of
    news full of new names and numbers; a fresh worker costs one model load."""
    raw = os.environ.get("DYAD_WORKER_RECYCLE", "100000")
    try:
        return max(0, int(raw))
    except ValueError:
        raise ConfigError(Messages.E306, name="DYAD_WORKER_RECYCLE", value=raw,
                          expected="a whole number of articles (0: never)") from None


def new_pool(workers: int, config: dict[str, Any]) -> ProcessPoolExecutor:
    every = recycle_after()
    return ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"),
                               initializer=warm, initargs=(config,),
                               max_tasks_per_child=max(1, every // CHUNK) if every else None)


def code_parallel(articles: Iterable[Article], settings: Settings, workers: int,
                  chunk: int = CHUNK) -> Iterator[ArticleResult | InputError]:
    """Code ``articles`` in ``workers`` processes; yields results in input order.

    At most ``2 * workers`` chunks are in flight, so memory stays flat however long
    the input. If a worker dies, the articles of its unfinished chunks are yielded
    as E401 failures and a new pool carries on with the rest.
    """
    config = config_of(settings)
    pool = new_pool(workers, config)
    window: deque[tuple[list[dict[str, Any]], Future[list[dict[str, Any]]]]] = deque()

    def drain_one() -> Iterator[ArticleResult | InputError]:
        nonlocal pool
        arts, fut = window.popleft()
        try:
            out = fut.result()
        except BrokenProcessPool as exc:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = new_pool(workers, config)
            lost = [arts] + [a for a, _ in window]
            window.clear()
            for group in lost:
                for a in group:
                    yield InputError(str(a["id"]), Messages.E401.format(detail=str(exc)),
                                     "E401")
            return
        for d in out:
            yield result_from_dict(d)

    try:
        buf: list[dict[str, Any]] = []
        for art in articles:
            buf.append(art.to_dict())
            if len(buf) >= chunk:
                window.append((buf, pool.submit(code_chunk, buf, config)))
                buf = []
                while len(window) >= 2 * workers:
                    yield from drain_one()
        if buf:
            window.append((buf, pool.submit(code_chunk, buf, config)))
        while window:
            yield from drain_one()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_shards_local(jobs: list[tuple[str, str]], config: dict[str, Any],
                     workers: int) -> Iterator[tuple[str, dict[str, Any] | Exception]]:
    """Run ``process_shard`` over (input, output) pairs here or in ``workers`` processes;
    yields (output, counts or the exception) as shards finish."""
    from dyad.scale.shards import process_shard

    if workers <= 1:
        for inp, out in jobs:
            try:
                yield out, process_shard(inp, out, config)
            except Exception as exc:  # one bad shard must not stop the others
                yield out, exc
        return
    with new_pool(workers, config) as pool:
        futs = {pool.submit(process_shard, inp, out, config): out for inp, out in jobs}
        from concurrent.futures import as_completed

        for fut in as_completed(futs):
            try:
                yield futs[fut], fut.result()
            except Exception as exc:
                yield futs[fut], exc
