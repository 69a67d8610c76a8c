"""Shards on a Dask cluster: ``tcp://HOST:PORT`` of a running scheduler, or
``local:N`` for a LocalCluster of N worker processes with one thread each.

Each worker loads the model once, when it joins (a worker plugin), and runs
``process_shard`` for one shard at a time. Workers read shard inputs and write
shard outputs in the run folder, so on a real cluster that folder must be on a
file system every worker can see.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from dyad.errors import Messages, UsageError

_LOCAL = re.compile(r"^local:(\d+)$")
_TCP = re.compile(r"^(tcp|tls)://[^\s:/]+:\d+$")


def check_address(address: str) -> None:
    """UsageError E403 unless ``address`` is local:N or tcp://HOST:PORT."""
    m = _LOCAL.match(address)
    if m and int(m.group(1)) >= 1:
        return
    if not _TCP.match(address):
        raise UsageError(Messages.E403, address=address, detail="not local:N or tcp://HOST:PORT")


@contextmanager
def cluster_client(address: str) -> Iterator[Any]:
    """A connected ``distributed.Client`` (and its LocalCluster for local:N), closed after."""
    check_address(address)
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise UsageError(Messages.E403, address=address, detail=f"dask is missing: {exc}") \
            from exc
    m = _LOCAL.match(address)
    cluster = None
    try:
        if m:
            cluster = LocalCluster(n_workers=int(m.group(1)), threads_per_worker=1,
                                   processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            client = Client(address, timeout="20s")
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise UsageError(Messages.E403, address=address, detail=str(exc)) from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _plugin(config: dict[str, Any]) -> Any:
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmModel(WorkerPlugin):
        """Loads the model, knowledge and lexicon once, when a worker joins."""

        name = "dyad-warm-model"

        def __init__(self, cfg: dict[str, Any]) -> None:
            self.cfg = cfg

        def setup(self, worker: Any) -> None:
            from dyad.scale.workers import warm

            warm(self.cfg)

    return WarmModel(config)


def run_shards_dask(client: Any, jobs: list[tuple[str, str]], config: dict[str, Any]
                    ) -> Iterator[tuple[str, dict[str, Any] | Exception]]:
    """Run ``process_shard`` for each (input, output) on the cluster; yields
    (output, counts or the exception) as shards finish."""
    from distributed import as_completed

    from dyad.scale.shards import process_shard

    client.register_plugin(_plugin(config))
    futs = client.map(process_shard, [i for i, _ in jobs], [o for _, o in jobs],
                      [config] * len(jobs), pure=False, retries=1)
    out_of = {f.key: o for f, (_, o) in zip(futs, jobs, strict=True)}
    for fut in as_completed(futs):
        try:
            yield out_of[fut.key], fut.result()
        except Exception as exc:  # a shard that fails twice is reported, the rest go on
            yield out_of[fut.key], exc
