"""Cost of merging: clustering vs coding in the same run, and re-clustering a store of
synthetic events. Usage:

    python bench/merge_bench.py [--articles 200] [--events 200000] [--store-only] [--json]

The synthetic store is kept as it is for comparability across runs; it is harsher
than news: about 270 events a day, a Pareto(1.2) draw of 30 countries that puts
the USA on 56% of sides (a quarter of all events are USA -> USA), one place-less,
same-trigger event type in 16, so a day holds large cliques of linkable events.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from dyad.config import Settings  # noqa: E402
from dyad.merge import Clusterer, mention_from_event  # noqa: E402
from dyad.merge.storage import recluster  # noqa: E402
from dyad.pipeline import article_for, code_many  # noqa: E402
from dyad.store.schema import connect  # noqa: E402
from throughput import corpus  # noqa: E402

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "ISR", "IRN", "TUR", "IND", "PAK", "ARM", "AZE",
             "SRB", "KEN", "NGA", "SDN", "ETH", "GBR", "FRA", "DEU", "JPN", "PRK", "KOR",
             "SYR", "IRQ", "AFG", "VEN", "COL", "MEX", "BRA", "EGY"]
TYPES = ["ASSAULT", "COERCE", "CONSULT", "ACCUSE", "AGREE", "SUPPORT", "REQUEST", "THREATEN",
         "PROTEST", "SANCTION", "AID", "COOPERATE", "REJECT", "MOBILIZE", "RETREAT", "CONCEDE"]


def coding_vs_merging(n: int) -> dict[str, float]:
    """Code n articles, then cluster their events; both timed in this run."""
    settings = Settings()
    texts = corpus(n)
    list(code_many((article_for(t, "2024-01-15", f"w-{i}") for i, t in enumerate(texts[:3])),
                   settings))
    t0 = time.perf_counter()
    days = [date(2024, 1, 1).toordinal() + i % 60 for i in range(n)]
    arts = (article_for(t, date.fromordinal(days[i]).isoformat(), f"b-{i}")
            for i, t in enumerate(texts))
    results = list(code_many(arts, settings))
    t_code = time.perf_counter() - t0
    t1 = time.perf_counter()
    c = Clusterer()
    for r in results:  # one add per article, as `dyad code --db` does
        c.add([mention_from_event(e, r.article.published, f"outlet{hash(r.article.id) % 7}")
               for e in r.events])
    t_merge = time.perf_counter() - t1
    return {"articles": n, "events": len(c.mentions), "clusters": len(c.clusters),
            "coding_s": round(t_code, 2), "merging_s": round(t_merge, 3),
            "merge_over_code": round(t_merge / t_code, 4)}


def _synthetic_record(i: int, rng: random.Random) -> tuple[dict, str]:
    # Zipf-like actors and a real event repeated by a few outlets, as news is.
    def pick() -> str:
        return COUNTRIES[min(int(rng.paretovariate(1.2)) - 1, len(COUNTRIES) - 1)]
    day = date(2022, 1, 1).toordinal() + rng.randrange(730)
    src, tgt = pick(), pick()
    dated = rng.random() < 0.5
    iso, nxt = date.fromordinal(day).isoformat(), date.fromordinal(day + 1).isoformat()
    rec = {"id": f"e{i}", "article_id": f"a{i // 3}", "sentence": 0, "text": "", "quad": 1,
           "event": rng.choice(TYPES), "cameo": None, "mode": None, "context": [],
           "negated": False, "modality": "asserted",
           "source": [{"text": src, "start": 0, "end": 3, "country": src, "code": src,
                       "kind": "state"}],
           "target": [{"text": tgt, "start": 0, "end": 3, "country": tgt, "code": tgt,
                       "kind": "state"}] if rng.random() < 0.8 else [],
           "date": ({"text": iso, "start": 0, "end": 1, "type": "DATE", "value": iso,
                     "begin": iso, "end_date": nxt} if dated else None),
           "date_source": "text" if dated else "published", "location": None,
           "trigger": {"text": "hit", "start": 0, "end": 3}, "confidence": 0.8}
    return rec, date.fromordinal(day + rng.randrange(3)).isoformat()


def synthetic_store(path: Path, n: int, seed: int = 1) -> None:
    """A store of n synthetic events, three an article."""
    rng = random.Random(seed)
    conn = connect(path)
    conn.close()
    raw = sqlite3.connect(path)
    with raw:
        for i in range(0, n, 3):
            recs = [_synthetic_record(j, rng) for j in range(i, min(n, i + 3))]
            pub = recs[0][1]
            cur = raw.execute(
                "INSERT INTO articles (article_id, published, source, text, text_hash, coded_at, "
                "record) VALUES (?,?,?,?,?,?,?)",
                (f"a{i // 3}", pub, f"outlet{rng.randrange(40)}", "x", f"h{i}", "now", "{}"))
            raw.executemany(
                "INSERT INTO events (event_id, article, event, quad, negated, record) "
                "VALUES (?,?,?,?,?,?)",
                [(r["id"], cur.lastrowid, r["event"], 1, 0, json.dumps(r)) for r, _ in recs])
    raw.close()


def store_recluster(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        synthetic_store(path, n)
        conn = connect(path)
        t0 = time.perf_counter()
        c = recluster(conn)
        dt = time.perf_counter() - t0
        conn.close()
    # compared_pairs: candidates blocking found; scored_pairs: those ``compare`` ran on
    # (dates overlapping and a pair of signatures not met before).
    return {"events": n, "clusters": len(c.clusters), "compared_pairs": c.compared,
            "scored_pairs": c.judge.scored,
            "linked_pairs": sum(map(len, c.links.values())) // 2,
            "recluster_s": round(dt, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--store-only", action="store_true",
                    help="only re-cluster the synthetic store (skip coding articles)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    out = {} if a.store_only else {"coding_vs_merging": coding_vs_merging(a.articles)}
    out["store"] = store_recluster(a.events)
    print(json.dumps(out, indent=None if a.json else 2))


if __name__ == "__main__":
    main()
