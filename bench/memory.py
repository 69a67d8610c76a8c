"""Peak memory of one worker over a long run: flat, not growing.

Codes ``--articles`` texts (default 20,000; the fixture corpus repeated, each copy
with its own id) in this process, the way a worker does (``code_stream``: parse
batches inside ``nlp.memory_zone()``, one knowledge base), and samples the
resident set size at ten checkpoints. It prints what it ran, the peak, and the
trend after warm-up: the change from first to last checkpoint, a least-squares slope,
and the highest reading of each half of the run. Usage:

    python bench/memory.py [--articles 20000] [--trim] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from dyad.pipeline import article_for, code_stream  # noqa: E402
from throughput import corpus  # noqa: E402


def rss_mb() -> float:
    """Current resident set size of this process, in MB (Linux /proc)."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def _malloc_trim() -> None:
    import contextlib
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: readings untrimmed
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of resident MB per article."""
    if len(points) < 2:
        return 0.0
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--trim", action="store_true",
                    help="return free heap to the system (glibc malloc_trim) before each "
                         "reading, to tell memory in use from memory the allocator keeps")
    a = ap.parse_args()
    base = corpus(60)
    n = a.articles
    # each copy gets a few words of its own so the vocabulary sees new strings, as news does
    arts = (article_for(f"{base[i % len(base)]}\nRef {i} Zq{i}x.", "2024-01-15", f"mem-{i}")
            for i in range(n))
    marks = {max(1, n * k // 10) for k in range(1, 11)}
    samples: list[tuple[int, float]] = []
    t0 = time.perf_counter()
    for done, _ in enumerate(code_stream(arts), start=1):
        if done in marks:
            if a.trim:
                _malloc_trim()
            samples.append((done, round(rss_mb(), 1)))
            if not a.json:
                print(f"{done:7d} articles  rss {samples[-1][1]:8.1f} MB", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    warm = samples[1] if len(samples) > 2 else samples[0]
    after = [s for s in samples if s[0] >= warm[0]]
    half = len(after) // 2
    out = {
        "articles": n,
        "seconds": round(time.perf_counter() - t0, 1),
        "rss_mb_at_checkpoints": samples,
        "peak_rss_mb": round(peak, 1),
        "growth_after_warmup_mb": round(samples[-1][1] - warm[1], 1),
        "growth_per_1000_articles_mb": round(
            (samples[-1][1] - warm[1]) * 1000 / max(samples[-1][0] - warm[0], 1), 2),
        # the resident set saws up and down as the allocator reuses memory, so the
        # trend is read from a least-squares slope and from each half's highest reading
        "slope_per_1000_articles_mb": round(_slope(after) * 1000, 2),
        "max_first_half_mb": max((s[1] for s in after[:half]), default=0.0),
        "max_second_half_mb": max((s[1] for s in after[half:]), default=0.0),
    }
    print(json.dumps(out, indent=2) if a.json else "\n".join(f"{k:28} {v}"
                                                              for k, v in out.items()))


if __name__ == "__main__":
    main()
