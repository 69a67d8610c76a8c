"""Two worker processes against one: ``dyad code --workers 2`` vs ``--workers 1``.

Both runs use the same worker-process machinery (spawned processes, plain records
back to one writer), on the same texts, alternately, best of N rounds. The figure
is the ratio of throughputs measured in this run; on a 2-core machine the ideal is
2.0. Start-up (each worker loading the model) is excluded by timing from the first
result to the last, and reported separately. Usage:

    python bench/workers.py [--articles 200] [--rounds 2] [--json]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from dyad.config import Settings  # noqa: E402
from dyad.pipeline import article_for  # noqa: E402
from dyad.scale.workers import code_parallel  # noqa: E402
from report import print_report  # noqa: E402
from throughput import corpus  # noqa: E402


def timed(texts: list[str], workers: int) -> tuple[float, float]:
    """(seconds from first result to last, seconds in all) for one run."""
    arts = (article_for(t, "2024-01-15", f"bench-{i}") for i, t in enumerate(texts))
    t0 = time.perf_counter()
    first = None
    n = 0
    for _ in code_parallel(arts, Settings(), workers):
        n += 1
        if first is None:
            first = time.perf_counter()
    end = time.perf_counter()
    assert n == len(texts)
    return end - (first or t0), end - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    texts = corpus(a.articles)
    one, two = [], []
    for _ in range(a.rounds):
        one.append(timed(texts, 1))
        two.append(timed(texts, 2))
    s1, s2 = min(x[0] for x in one), min(x[0] for x in two)
    t1, t2 = min(x[1] for x in one), min(x[1] for x in two)
    n = len(texts) - 1  # the first result starts the steady-state clock
    out = {
        "articles": len(texts),
        "one_worker_articles_per_s": round(n / s1, 2),
        "two_workers_articles_per_s": round(n / s2, 2),
        "ratio_two_to_one": round(s1 / s2, 3),
        "ratio_two_to_one_with_startup": round(t1 / t2, 3),
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
    }
    print_report(out, a.json, 32)


if __name__ == "__main__":
    main()
