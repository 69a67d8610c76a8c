"""Peak memory of one worker over a long run: flat, not growing.

Codes ``--articles`` texts (default 20,000; the fixture corpus repeated, each copy
with its own id) in this process, the way a worker does (``code_stream``: parse
batches inside ``nlp.memory_zone()``, one knowledge base), and samples the
resident set size at ten checkpoints. It prints what it ran, the peak, and the
trend: the growth from the first checkpoint after warm-up to the last. Usage:

    python bench/memory.py [--articles 20000] [--json]
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--json", action="store_true")
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
            samples.append((done, round(rss_mb(), 1)))
            if not a.json:
                print(f"{done:7d} articles  rss {samples[-1][1]:8.1f} MB", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    warm = samples[1] if len(samples) > 2 else samples[0]
    out = {
        "articles": n,
        "seconds": round(time.perf_counter() - t0, 1),
        "rss_mb_at_checkpoints": samples,
        "peak_rss_mb": round(peak, 1),
        "growth_after_warmup_mb": round(samples[-1][1] - warm[1], 1),
        "growth_per_1000_articles_mb": round(
            (samples[-1][1] - warm[1]) * 1000 / max(samples[-1][0] - warm[0], 1), 2),
    }
    print(json.dumps(out, indent=2) if a.json else "\n".join(f"{k:28} {v}"
                                                              for k, v in out.items()))


if __name__ == "__main__":
    main()
