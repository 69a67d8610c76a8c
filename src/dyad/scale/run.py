"""One entry point for coding at scale: in this process, in worker processes, or
in shards (a run folder, local worker processes or a Dask cluster)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dyad.config import Settings
from dyad.records import Article, ArticleResult, InputError
from dyad.scale.shards import (
    SHARD_SIZE,
    failed_shard,
    is_done,
    plan_shards,
    read_shard,
    shard_paths,
)
from dyad.scale.workers import code_parallel, config_of, run_shards_local


def code_scaled(articles: Iterable[Article], settings: Settings | None = None, workers: int = 1,
                cluster: str | None = None, run_dir: Path | None = None,
                shard_size: int | None = None, options: dict[str, Any] | None = None
                ) -> Iterator[ArticleResult | InputError]:
    """Code ``articles``, yielding one result or failure per article, in input order.

    - no ``cluster`` and no ``run_dir``: stream, in this process or ``workers`` processes;
    - a ``run_dir``: plan shards there, code the unfinished ones (so the same call
      resumes a killed run), then read every shard back;
    - a ``cluster`` (``local:N`` or ``tcp://HOST:PORT``): the same on Dask, in a
      temporary run folder unless ``run_dir`` is given.
    ``options`` (the command's inputs and settings) are recorded in the run folder;
    a resumed run must give the same. ``shard_size`` (articles per shard) defaults to
    ``DYAD_SHARD_SIZE`` or 200.
    """
    settings = settings or Settings()
    if cluster is None and run_dir is None:
        if workers <= 1:
            from dyad.pipeline import code_stream

            yield from code_stream(articles, settings)
        else:
            yield from code_parallel(articles, settings, workers)
        return
    if cluster is not None:
        from dyad.scale.cluster import check_address

        check_address(cluster)
    tmp = None
    if run_dir is None:
        tmp = Path(tempfile.mkdtemp(prefix="dyad-run-"))
        run_dir = tmp
    config = config_of(settings)
    opts = dict(options or {}, model=settings.model, kb_files=list(settings.kb_files))
    try:
        size = shard_size or int(os.environ.get("DYAD_SHARD_SIZE") or SHARD_SIZE)
        names = plan_shards(articles, run_dir, opts, size)
        jobs = [shard_paths(run_dir, n) for n in names]
        yield from _run_and_collect(jobs, config, workers, cluster)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _run_and_collect(jobs: list[tuple[str, str]], config: dict[str, Any], workers: int,
                     cluster: str | None) -> Iterator[ArticleResult | InputError]:
    """Run the unfinished shards and yield every shard's results in order, each shard
    as soon as it and all before it are finished."""
    pending = [j for j in jobs if not is_done(j[1])]
    failed: dict[str, str] = {}
    nxt = 0

    def flush() -> Iterator[ArticleResult | InputError]:
        nonlocal nxt
        while nxt < len(jobs) and (is_done(jobs[nxt][1]) or jobs[nxt][1] in failed):
            inp, out = jobs[nxt]
            if out in failed:
                yield from failed_shard(inp, failed[out])
            else:
                yield from read_shard(inp, out)
            nxt += 1

    yield from flush()
    if pending:
        if cluster is not None:
            from dyad.scale.cluster import cluster_client, run_shards_dask

            with cluster_client(cluster) as client:
                for out, res in run_shards_dask(client, pending, config):
                    if isinstance(res, Exception):
                        failed[out] = repr(res)
                    yield from flush()
        else:
            for out, res in run_shards_local(pending, config, workers):
                if isinstance(res, Exception):
                    failed[out] = repr(res)
                yield from flush()
    yield from flush()
