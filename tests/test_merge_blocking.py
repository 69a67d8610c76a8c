"""Candidate generation (blocking, date pre-check, memoized verdicts) loses no pair:
clusters equal those of comparing every pair of mentions with ``compare``."""

from __future__ import annotations

import random
from datetime import date
from itertools import combinations

from dyad.merge import Clusterer, cluster_mentions, compare, load_rules, mention_from_event
from dyad.merge.cluster import _connected, _constrained
from dyad.merge.pairs import PairJudge
from dyad.records import Actor, Event, Place, Span, TimeValue

COUNTRIES = ["AZE", "ARM", "RUS", "UKR", "USA", "GBR"]
TYPES = ["ASSAULT", "COERCE", "SANCTION", "CONSULT", "AGREE", "COOPERATE", "SUPPORT",
         "ACCUSE", "REJECT", "PROTEST"]
# Places with coordinates: two near each other, one far, one in another country.
PLACES = [("Tavush", "ARM", 41.0, 45.2), ("Ijevan", "ARM", 40.9, 45.1),
          ("Syunik", "ARM", 39.5, 46.3), ("Baku", "AZE", 40.4, 49.9)]


def _actors(rng: random.Random) -> list[Actor]:
    n = rng.choice([0, 1, 1, 1, 2])
    out = []
    for c in rng.sample(COUNTRIES[:4] if rng.random() < 0.8 else COUNTRIES, n):
        code = c + rng.choice(["", "", "GOV", "MIL"])
        out.append(Actor(c, 0, 1, name=c, country=c, code=code, kind="state"))
    return out


def _date(rng: random.Random, day: int) -> TimeValue | None:
    kind = rng.choice(["day", "day", "day", "none", "none", "week", "month", "year"])
    if kind == "none":
        return None
    width = {"day": 1, "week": 7, "month": 30, "year": 365}[kind]
    first = day - rng.randrange(width)
    b, e = date.fromordinal(first).isoformat(), date.fromordinal(first + width).isoformat()
    return TimeValue(b, 0, 1, "DATE", b, b, e)


def synthetic_mentions(n: int, seed: int) -> list:
    """n varied mentions in a few busy weeks: types in compatible groups, reciprocal
    and one-sided types, several actors a side, dates of every precision, places,
    negation and modality, so that every blocking rule is exercised."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        day = date(2022, 9, 1).toordinal() + rng.randrange(45)
        tv = _date(rng, day)
        place = None
        if rng.random() < 0.4:
            name, country, lat, lon = rng.choice(PLACES)
            place = Place(name, 0, 1, name=name, country=country, lat=lat, lon=lon)
        ev = Event(str(i), f"art{i // 3}", 0, "text", rng.choice(TYPES), None, None, [], 4,
                   rng.random() < 0.05, rng.choice(["asserted"] * 6 + ["historical", "future"]),
                   _actors(rng), _actors(rng), tv,
                   "text" if tv else rng.choice(["published", "none"]), place,
                   Span(rng.choice(["hit", "struck", "met"]), 0, 3))
        published = date.fromordinal(day + rng.randrange(4)).isoformat()
        out.append(mention_from_event(ev, published, rng.choice(["A", "B", "C", "D"])))
    return out


def brute_force(mentions: list) -> dict[str, frozenset[str]]:
    """Clusters from ``compare`` on every pair: each mention with its cluster's members."""
    rules = load_rules()
    by_key = {m.key: m for m in mentions}
    links: dict[str, dict[str, float]] = {m.key: {} for m in mentions}
    for a, b in combinations(mentions, 2):
        ps = compare(a, b, rules)
        if ps.linked:
            links[a.key][b.key] = links[b.key][a.key] = ps.score
    judge = PairJudge(rules)
    for m in mentions:
        judge.add(m)
    out: dict[str, frozenset[str]] = {}
    for comp in _connected(set(by_key), links):
        for group in _constrained(comp, by_key, links, judge):
            for k in group:
                out[k] = frozenset(group)
    return out


def groups_of(c: Clusterer) -> dict[str, frozenset[str]]:
    return {k: frozenset(c.clusters[cid].members) for k, cid in c.assignments().items()}


def test_blocked_clusters_equal_all_pairs():
    for seed in (1, 2, 3):
        mentions = synthetic_mentions(300, seed)
        c = cluster_mentions(mentions)
        want = brute_force(mentions)
        assert sum(len(v) > 1 for v in want.values()) > 30  # real merging happens
        assert groups_of(c) == want
        assert c.compared < len(mentions) * (len(mentions) - 1) // 2


def test_blocked_links_equal_all_pairs():
    # Stronger than equal clusters: every linked pair, with its score, is found.
    mentions = synthetic_mentions(300, 4)
    rules = load_rules()
    c = cluster_mentions(mentions)
    found = {(a, b): s for a, out in c.links.items() for b, s in out.items() if a < b}
    want = {}
    for a, b in combinations(sorted(mentions, key=lambda m: m.key), 2):
        ps = compare(a, b, rules)
        if ps.linked:
            want[(a.key, b.key)] = ps.score
    assert found == want


def test_side_by_side_support_sharing_one_party_is_found():
    # Two SUPPORT events (not reciprocal, in the reciprocal AGREE group) that share
    # only one party: the party keys alone missed this linkable pair.
    def support(eid: str, src: list[str], tgt: list[str]) -> Event:
        tv = TimeValue("2022-09-13", 0, 1, "DATE", "2022-09-13", "2022-09-13", "2022-09-14")
        return Event(eid, f"a{eid}", 0, "t", "SUPPORT", None, None, [], 3, False, "asserted",
                     [Actor(c, 0, 1, country=c, code=c) for c in src],
                     [Actor(c, 0, 1, country=c, code=c) for c in tgt], tv, "text", None,
                     Span("backed", 0, 6))

    a = mention_from_event(support("1", ["USA", "GBR"], []), "2022-09-13", "x")
    b = mention_from_event(support("2", ["USA"], ["UKR"]), "2022-09-13", "y")
    assert compare(a, b).linked
    c = cluster_mentions([a, b])
    assert c.cluster_of(a.key) is c.cluster_of(b.key)


def test_incremental_equals_all_pairs():
    mentions = synthetic_mentions(200, 5)
    inc = Clusterer()
    for i in range(0, len(mentions), 3):
        inc.add(mentions[i:i + 3])
    assert groups_of(inc) == brute_force(mentions)
