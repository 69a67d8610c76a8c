"""Speed of the web UI's JSON endpoints over a store of 200,000 synthetic events.

Builds (or reuses) a store written through ``dyad.store.Store`` from synthetic coded
articles, then times the endpoints in-process with Starlette's test client, each
repeated and reported as the median, beside a trivial request (the empty ledger:
routing, a read-only connection, JSON) as the baseline of the same run.
Targets: the events page with a filter under 300 ms, the timeline under 1 s. Usage:

    python bench/store_bench.py [--events 200000] [--db bench/out/store.db] [--repeat 7]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dyad.records import (  # noqa: E402
    Actor,
    Article,
    ArticleResult,
    Event,
    Place,
    Span,
    TimeValue,
)
from dyad.store import Store  # noqa: E402
from dyad.store.filters import EVENT_TYPES  # noqa: E402

QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2,
        "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3,
        "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
STATES = ["ARM", "AZE", "RUS", "UKR", "USA", "CHN", "FRA", "DEU", "GBR", "IRN", "ISR", "LBN",
          "SDN", "TCD", "MLI", "NER", "PRK", "KOR", "JPN", "PHL", "VNM", "GUY", "VEN", "BRA",
          "SRB", "XKX", "LTU", "LVA", "EST", "POL", "TUR", "SYR", "IRQ", "YEM", "SAU", "EGY",
          "ETH", "SOM", "KEN", "NGA", "GHA", "TGO", "IND", "PAK", "AFG", "BGD", "MMR", "THA",
          "COL", "MEX"]
SECTORS = ["", "GOV", "MIL", "COP", "OPP", "CVL"]
ORGS = ["UN", "EU", "NATO", "CSTO", "AU", "ECOWAS", "ASEAN", "OSCE"]


def _actor(rng: random.Random, pos: int) -> Actor:
    if rng.random() < 0.1:
        org = rng.choice(ORGS)
        return Actor(text=org, start=pos, end=pos + 5, name=org, org=org, code="IGO" + org,
                     kind="organization")
    c, s = rng.choice(STATES), rng.choice(SECTORS)
    return Actor(text=c, start=pos, end=pos + 5, name=None if s else c, country=c,
                 sector=s or None, code=c + s, kind="organization" if s else "state")


def synthetic(n_events: int, per_article: int = 20, seed: int = 7) -> list[ArticleResult]:
    """Coded articles carrying ``n_events`` events among ~350 actors over 2015-2025."""
    rng = random.Random(seed)
    out = []
    for a in range(n_events // per_article):
        year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
        text = f"Synthetic article {a}. " + "Officials met and talked. " * per_article
        events, actors = [], []
        for i in range(per_article):
            src, tgt = _actor(rng, 25 + i * 26), _actor(rng, 37 + i * 26)
            kind = rng.choice(EVENT_TYPES)
            d = f"{year}-{month:02d}-{max(1, day - rng.randint(0, 3)):02d}"
            events.append(Event(
                id=f"s{a}-{i}", article_id=f"syn-{a}", sentence=i, text="Officials met.",
                event=kind, cameo="040", mode=None, context=[], quad=QUAD[kind],
                negated=rng.random() < 0.05, modality="asserted", source=[src], target=[tgt],
                date=TimeValue(text="", start=0, end=0, type="DATE", value=d, begin=d),
                date_source="text",
                location=Place(text="X", start=0, end=1, name="X", country=src.country,
                               lat=1.0, lon=2.0),
                trigger=Span("met", 35 + i * 26, 38 + i * 26), confidence=0.8))
            actors += [src, tgt]
        out.append(ArticleResult(
            article=Article(id=f"syn-{a}", text=text,
                            published=f"{year}-{month:02d}-{day:02d}"),
            actors=actors, events=events))
    return out


def build(db: Path, n_events: int) -> float:
    """Write the synthetic store; returns seconds taken."""
    db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    with Store(db) as store:
        for r in synthetic(n_events):
            store.write(r)
    return time.perf_counter() - t0


def timed(client: object, url: str, repeat: int) -> tuple[float, int]:
    """Median milliseconds of GET url, and the status of the last answer."""
    times, status = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        resp = client.get(url)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - t0) * 1000)
        status = resp.status_code
    return statistics.median(times), status


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "store.db")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--rebuild", action="store_true", help="rebuild even if --db exists")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    built = None
    if args.rebuild or not args.db.exists():
        built = build(args.db, args.events)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        from dyad.web.app import create_app

        client = TestClient(create_app(args.db))
    n = client.get("/index.json").json()["counts"]["events"]
    # a cursor deep into the table, to show a far page costs what the first does
    deep = client.get("/events.json?size=500").json()["next"]
    for _ in range(min(40, n // 500 - 2)):
        deep = client.get(f"/events.json?size=500&next={deep}").json()["next"]
    cases = [
        ("baseline: empty ledger", "/ledger.json", None),
        ("events, filter type+country+since", "/events.json?event=ACCUSE&country=AZE"
         "&since=2023-01-01", 300),
        ("events, filter country", "/events.json?country=RUS", 300),
        ("events, filter actor code", "/events.json?actor=UKRMIL", 300),
        ("events, filter pair source+target", "/events.json?source=ARM&target=AZE", 300),
        ("events, filter negated+quad", "/events.json?negated=true&quad=4", 300),
        ("events, a page ~20,000 rows deep", f"/events.json?next={deep}", 300),
        ("events HTML page, filtered", "/events?event=ACCUSE&country=AZE", 300),
        ("timeline per day, all", "/timeline.json", 1000),
        ("timeline per week by quad, country", "/timeline.json?bucket=week&by=quad"
         "&country=RUS", 1000),
        ("network, all", "/network.json", 1000),
        ("network, since a date", "/network.json?since=2024-01-01", 300),
        ("overview", "/index.json", None),
    ]
    results = []
    base = None
    for label, url, limit in cases:
        ms, status = timed(client, url, args.repeat)
        base = base or ms
        results.append({"case": label, "url": url, "ms": round(ms, 1),
                         "ratio": round(ms / base, 1), "limit_ms": limit, "status": status,
                         "ok": status == 200 and (limit is None or ms < limit)})
    if args.json:
        print(json.dumps({"events": n, "build_s": built, "results": results}, indent=1))
    else:
        if built is not None:
            print(f"built {n:,} events in {built:.0f} s")
        print(f"{n:,} events; median of {args.repeat} requests each\n")
        print(f"{'case':40} {'ms':>8} {'x base':>7} {'limit':>7}  ok")
        for r in results:
            lim = f"{r['limit_ms']}" if r["limit_ms"] else "-"
            print(f"{r['case']:40} {r['ms']:8.1f} {r['ratio']:7.1f} {lim:>7}  "
                  f"{'yes' if r['ok'] else 'NO'}")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
