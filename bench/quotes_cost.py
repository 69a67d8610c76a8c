"""Share of coding time spent on quotations, measured in one run.

Codes the throughput corpus (see ``bench/throughput.py``) with the quotation
step (``extract_quotes`` and ``link_quotes``) wrapped in a timer, and reports
the time in that step as a fraction of the rest of coding (parse included),
per round; the lowest and highest of the rounds are printed.
Usage:

    python bench/quotes_cost.py [--articles 200] [--rounds 3] [--json]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import dyad.pipeline as pipeline  # noqa: E402
from dyad.config import Settings  # noqa: E402
from report import print_report  # noqa: E402
from throughput import corpus  # noqa: E402


def _run(texts: list[str], settings: Settings) -> tuple[float, int]:
    t0 = time.perf_counter()
    quotes = 0
    arts = (pipeline.article_for(t, "2024-01-15", f"bench-{i}") for i, t in enumerate(texts))
    for result in pipeline.code_many(arts, settings):
        quotes += len(result.quotes)
    return time.perf_counter() - t0, quotes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    settings = Settings()
    texts = corpus(a.articles)
    spent = [0.0]
    on_extract, on_link = pipeline.extract_quotes, pipeline.link_quotes

    def timed(fn):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kw):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            try:
                return fn(*args, **kw)
            finally:
                spent[0] += time.perf_counter() - t0
        return wrapper

    pipeline.extract_quotes, pipeline.link_quotes = timed(on_extract), timed(on_link)
    _run(texts[:5], settings)  # load model, knowledge and lexicon before timing
    shares, totals, quotes = [], [], 0
    for _ in range(a.rounds):
        spent[0] = 0.0
        total, quotes = _run(texts, settings)
        totals.append(total)
        shares.append(spent[0] / (total - spent[0]))
    out = {
        "articles": len(texts),
        "quotes": quotes,
        "coding_seconds_best": round(min(totals), 2),
        "quotes_share_of_coding_time": round(min(shares), 4),
        "quotes_share_worst_round": round(max(shares), 4),
    }
    print_report(out, a.json, 30)


if __name__ == "__main__":
    main()
