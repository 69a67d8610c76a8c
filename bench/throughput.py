"""Throughput of the full coder against a bare spaCy parse of the same texts.

Both run in this process on the same corpus (the fixture articles, the bundled
example and, when present, the acceptance articles, repeated), alternately and
best-of-N, so the ratio holds whatever the machine. Usage:

    python bench/throughput.py [--articles 300] [--rounds 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dyad.config import Settings  # noqa: E402
from dyad.nlp import load_nlp  # noqa: E402
from dyad.pipeline import article_for, code_many  # noqa: E402


def corpus(n: int) -> list[str]:
    """n texts drawn in turn from the fixture articles, the example and acceptance set."""
    paths = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
    paths.append(ROOT / "examples" / "example_article.txt")
    paths += sorted((ROOT.parent / "shared" / "acceptance").glob("*/article.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths if p.exists()]
    return [texts[i % len(texts)] for i in range(n)]


def bare(texts: list[str], model: str) -> float:
    nlp = load_nlp(model)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - t0


def full(texts: list[str], settings: Settings) -> tuple[float, int]:
    t0 = time.perf_counter()
    events = 0
    arts = (article_for(t, "2024-01-15", f"bench-{i}") for i, t in enumerate(texts))
    for result in code_many(arts, settings):
        events += len(result.events)
    return time.perf_counter() - t0, events


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    settings = Settings()
    texts = corpus(a.articles)
    words = sum(len(t.split()) for t in texts)
    full(texts[:5], settings)  # load model, knowledge and lexicon before timing
    bare(texts[:5], settings.model)
    t_bare, t_full, events = [], [], 0
    for _ in range(a.rounds):
        t_bare.append(bare(texts, settings.model))
        dt, events = full(texts, settings)
        t_full.append(dt)
    b, f = min(t_bare), min(t_full)
    out = {
        "articles": len(texts),
        "words": words,
        "events": events,
        "bare_parse_articles_per_s": round(len(texts) / b, 2),
        "full_coder_articles_per_s": round(len(texts) / f, 2),
        "full_coder_words_per_s": round(words / f),
        "ratio_full_to_bare": round(b / f, 3),
    }
    if a.json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k:28} {v}")


if __name__ == "__main__":
    main()
