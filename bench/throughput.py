"""Throughput of the full coder against a bare spaCy parse of the same texts.

The bare parse is the pipeline as shipped (``spacy.load(model)``, all its
components); the coder runs its own configuration of it (no statistical entity
recognizer unless ``DYAD_NER=1``: names are labelled by rule, see dyad.nlp.names).
Both run in this process on the same corpus (the fixture articles, the bundled
example and, when present, the acceptance articles, repeated), alternately and
best-of-N, so the ratio holds whatever the machine. The full coder runs twice:
with the sentence prefilter (the default) and without it (``DYAD_PREFILTER=0``),
and the share of tokens the prefilter sends to the parser is reported. ``--texts``
takes another corpus (a glob of .txt or TimeML .tml files; tags are stripped).
Usage:

    python bench/throughput.py [--articles 300] [--rounds 2] [--texts GLOB] [--json]
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dyad.config import Settings  # noqa: E402
from dyad.nlp import load_nlp  # noqa: E402
from dyad.pipeline import article_for, code_many  # noqa: E402
from report import print_report  # noqa: E402


def corpus(n: int) -> list[str]:
    """n texts drawn in turn from the fixture articles, the example and acceptance set."""
    paths = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
    paths.append(ROOT / "examples" / "example_article.txt")
    paths += sorted((ROOT.parent / "shared" / "acceptance").glob("*/article.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths if p.exists()]
    return [texts[i % len(texts)] for i in range(n)]


def read_glob(pattern: str, n: int) -> list[str]:
    """n texts from the files matching ``pattern``, markup stripped, in turn."""
    texts = []
    for path in sorted(glob.glob(pattern)):
        raw = Path(path).read_text(encoding="utf-8", errors="replace")
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
        texts.append(re.sub(r"<[^>]+>", "", body.group(1) if body else raw).strip())
    texts = [t for t in texts if t]
    return [texts[i % len(texts)] for i in range(n)]


def parsed_share(texts: list[str], model: str) -> float:
    """Share of tokens the prefilter sends to the parser."""
    from dyad.nlp.parse import plan_pieces
    from dyad.nlp.prefilter import prefilter_for

    nlp = load_nlp(model)
    pf = prefilter_for(nlp)
    if pf is None:
        return 1.0
    kept = total = 0
    for t in texts:
        words = [w.text for w in nlp.make_doc(t)]
        for a, b, need in plan_pieces(words, pf):
            total += b - a
            kept += (b - a) if need else 0
    return kept / max(total, 1)


_SHIPPED: dict[str, object] = {}


def bare(texts: list[str], model: str) -> float:
    """A bare parse with the pipeline as shipped (all its components, entity
    recognizer included): what a user of spaCy alone would run."""
    if model not in _SHIPPED:
        import spacy

        _SHIPPED[model] = spacy.load(model)
    nlp = _SHIPPED[model]
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
    ap.add_argument("--texts", help="glob of other texts to use (e.g. TimeBank .tml files)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    settings = Settings()
    texts = read_glob(a.texts, a.articles) if a.texts else corpus(a.articles)
    words = sum(len(t.split()) for t in texts)
    full(texts[:5], settings)  # load model, knowledge and lexicon before timing
    bare(texts[:5], settings.model)
    t_bare, t_full, t_off, events = [], [], [], 0
    for _ in range(a.rounds):
        t_bare.append(bare(texts, settings.model))
        dt, events = full(texts, settings)
        t_full.append(dt)
        os.environ["DYAD_PREFILTER"] = "0"
        t_off.append(full(texts, settings)[0])
        del os.environ["DYAD_PREFILTER"]
    b, f, off = min(t_bare), min(t_full), min(t_off)
    out = {
        "articles": len(texts),
        "words": words,
        "events": events,
        "bare_parse_articles_per_s": round(len(texts) / b, 2),
        "full_coder_articles_per_s": round(len(texts) / f, 2),
        "full_coder_words_per_s": round(words / f),
        "ratio_full_to_bare": round(b / f, 3),
        "full_coder_no_prefilter_articles_per_s": round(len(texts) / off, 2),
        "ratio_no_prefilter_to_bare": round(b / off, 3),
        "tokens_parsed_share": round(parsed_share(texts, settings.model), 3),
        "rounds_bare_s": [round(x, 2) for x in t_bare],
        "rounds_full_s": [round(x, 2) for x in t_full],
        "load_average": round(os.getloadavg()[0], 2),
    }
    print_report(out, a.json, 28)


if __name__ == "__main__":
    main()
