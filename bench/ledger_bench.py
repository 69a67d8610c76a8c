"""Query time of the commitments ledger over 10,000 synthesized coded articles, in
memory and in a SQLite store, against a trivial baseline query in the same run.

    .venv/bin/python bench/ledger_bench.py [N_ARTICLES]

Articles are synthesized records (no NLP): every 20th states a ceasefire between two
random countries; the others carry attacks, blockades and meetings between random
pairs, so inference has real work to do.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from dyad.ledger.build import build_ledger
from dyad.ledger.records import Commitment, Evidence, day_time
from dyad.ledger.store import ledger_from_store
from dyad.records import Actor, Article, ArticleResult, Event, Span

COUNTRIES = ["ARM", "AZE", "RUS", "UKR", "ETH", "ERI", "SDN", "SSD", "ISR", "LBN", "IND", "PAK",
             "SRB", "XKX", "COL", "VEN", "GUY", "THA", "KHM", "COD", "RWA"]


def actor(k: str) -> Actor:
    return Actor(text=k, start=0, end=3, name=k, country=k, kind="state")


def synth(n: int, seed: int = 7) -> list[ArticleResult]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        day = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        a, b = rng.sample(COUNTRIES, 2)
        art = Article(id=f"art{i}", text=f"synthetic article {i} " + "x" * 60, published=day)
        r = ArticleResult(article=art)
        if i % 20 == 0:
            c = Commitment(id=f"c{i}", name="ceasefire", parties=[actor(a), actor(b)],
                           obligated=[actor(a), actor(b)], provision="ceasefire",
                           content="ceasefire", date=day_time(day),
                           evidence=Evidence("ceasefire", 0, 9, art.id), provisions=["ceasefire"])
            r.commitments = [c.to_dict()]
        for j, kind in enumerate(rng.choices(["ASSAULT", "COERCE", "CONSULT", "ACCUSE"], k=3)):
            trig = {"ASSAULT": "shelled", "COERCE": "blockade"}.get(kind, "met")
            r.events.append(Event(id=f"art{i}-{j}", article_id=art.id, sentence=0, text="x",
                                  event=kind, cameo=None, mode=None, context=[], quad=4,
                                  negated=False, modality="asserted", source=[actor(a)],
                                  target=[actor(b)], date=day_time(day), date_source="text",
                                  location=None, trigger=Span(trig, 0, len(trig))))
        out.append(r)
    return out


def timed(fn, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    results = synth(n)
    t = time.perf_counter()
    led = build_ledger(results)
    build = time.perf_counter() - t
    q = timed(lambda: led.query(party="ARM", provision="ceasefire", since="2018-01-01"))
    base = timed(lambda: [c for c in led.commitments.values() if c.provision == "ceasefire"])
    print(f"in memory: {n} articles, {len(led.commitments)} commitments, "
          f"{sum(len(v) for v in led.against.values())} contradictions; build {build:.2f}s; "
          f"query {q * 1000:.2f} ms (baseline scan {base * 1000:.2f} ms)")
    from dyad.store.writer import write_results

    with tempfile.TemporaryDirectory() as d:
        db = Path(d) / "bench.db"
        write_results(db, results)
        conn = sqlite3.connect(db)
        sq = timed(lambda: ledger_from_store(conn, party="ARM", provision="ceasefire").query(),
                   repeat=3)
        sb = timed(lambda: conn.execute("SELECT COUNT(*) FROM events WHERE event='ASSAULT'")
                   .fetchone(), repeat=3)
        print(f"store: ledger query for one party {sq:.3f} s "
              f"(baseline COUNT query {sb * 1000:.2f} ms); under a second: {sq < 1.0}")
        conn.close()


if __name__ == "__main__":
    main()
