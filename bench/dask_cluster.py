"""A Dask LocalCluster of two worker processes against ``--workers 2``.

Both code the same texts, alternately, best of N rounds, and both are timed in
all (start-up included: the cluster's workers and the worker pool each load the
model once). The cluster path also writes and reads back Parquet shards, as a
real cluster run does. The figure is the ratio of throughputs in this run; the
goal is within 15% (ratio >= 0.85). Usage:

    python bench/dask_cluster.py [--articles 200] [--shard-size 25] [--rounds 2] [--json]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from dyad.config import Settings  # noqa: E402
from dyad.pipeline import article_for  # noqa: E402
from dyad.scale import code_scaled  # noqa: E402
from report import print_report  # noqa: E402
from throughput import corpus  # noqa: E402


def timed(texts: list[str], **how: object) -> float:
    arts = (article_for(t, "2024-01-15", f"bench-{i}") for i, t in enumerate(texts))
    t0 = time.perf_counter()
    n = sum(1 for _ in code_scaled(arts, Settings(), **how))  # type: ignore[arg-type]
    assert n == len(texts)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--shard-size", type=int, default=25)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    texts = corpus(a.articles)
    workers, dask = [], []
    for _ in range(a.rounds):
        workers.append(timed(texts, workers=2))
        with tempfile.TemporaryDirectory() as tmp:
            dask.append(timed(texts, cluster="local:2", run_dir=Path(tmp) / "run",
                              shard_size=a.shard_size))
    w, d = min(workers), min(dask)
    out = {
        "articles": len(texts),
        "workers_2_articles_per_s": round(len(texts) / w, 2),
        "dask_local_2_articles_per_s": round(len(texts) / d, 2),
        "ratio_dask_to_workers": round(w / d, 3),
        "rounds_workers_s": [round(x, 2) for x in workers],
        "rounds_dask_s": [round(x, 2) for x in dask],
        "load_average": round(os.getloadavg()[0], 2),
    }
    print_report(out, a.json, 30)


if __name__ == "__main__":
    main()
