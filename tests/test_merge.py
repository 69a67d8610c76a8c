"""Event merging: pair decisions, order independence, store integration, evaluation."""

from __future__ import annotations

import json
import random
from pathlib import Path

from dyad.merge import Clusterer, cluster_mentions, compare, explain, mention_from_event
from dyad.merge.storage import cluster_records, recluster
from dyad.records import Actor, Article, ArticleResult, Event, Place, Span, TimeValue


def actor(country: str, kind: str = "state", code: str | None = None) -> Actor:
    return Actor(country, 0, 1, name=country, country=country, code=code or country, kind=kind)


def event(eid: str, art: str, etype: str, src: list[str], tgt: list[str],
          day: str | None = None, end: str | None = None, modality: str = "asserted",
          place: str | None = None, negated: bool = False) -> Event:
    date = TimeValue(day, 0, 1, "DATE", day, day, end) if day else None
    loc = Place(place, 0, 1, name=place, country=src[0] if src else None) if place else None
    return Event(eid, art, 0, "text", etype, None, None, [], 4, negated, modality,
                 [actor(c) for c in src], [actor(c) for c in tgt], date,
                 "text" if day else "published", loc, Span("hit", 0, 3))


def m(e: Event, published: str, source: str = "wire"):
    return mention_from_event(e, published, source)


def test_same_event_two_outlets_is_linked():
    a = m(event("1", "a", "ASSAULT", ["AZE"], ["ARM"], "2022-09-13", "2022-09-14"), "2022-09-13")
    b = m(event("1", "b", "ASSAULT", ["AZE"], ["ARM"]), "2022-09-14", "other")
    ps = compare(a, b)
    assert ps.compatible and ps.linked
    assert "linked" in explain(a, b)


def test_near_misses_stay_apart():
    a = m(event("1", "a", "ASSAULT", ["AZE"], ["ARM"], "2022-09-13", "2022-09-14"), "2022-09-13")
    other_day = m(event("1", "c", "ASSAULT", ["AZE"], ["ARM"], "2022-11-20", "2022-11-21"),
                  "2022-11-21")
    other_type = m(event("1", "d", "CONSULT", ["AZE"], ["ARM"], "2022-09-13", "2022-09-14"),
                   "2022-09-13")
    swapped = m(event("1", "e", "ASSAULT", ["ARM"], ["AZE"], "2022-09-13", "2022-09-14"),
                "2022-09-13")
    negated = m(event("1", "f", "ASSAULT", ["AZE"], ["ARM"], "2022-09-13", "2022-09-14",
                      negated=True), "2022-09-13")
    for other in (other_day, other_type, swapped, negated):
        assert not compare(a, other).compatible, explain(a, other)


def test_background_retelling_joins_the_original():
    orig = m(event("1", "a", "ASSAULT", ["AZE"], ["ARM"], "2022-09-13", "2022-09-14"),
             "2022-09-13")
    later = m(event("9", "z", "ASSAULT", ["AZE"], ["ARM"], "2022-09-01", "2022-10-01",
                    modality="historical"), "2023-05-10")
    c = cluster_mentions([orig, later])
    assert c.cluster_of(orig.key) is c.cluster_of(later.key)
    cl = c.cluster_of(orig.key)
    assert cl is not None and cl.canonical == orig.key and cl.n_articles == 2


def test_vague_mention_does_not_chain_two_attacks():
    sep = m(event("1", "a", "ASSAULT", ["AZE"], ["ARM"], "2022-09-13", "2022-09-14"), "2022-09-13")
    sep2 = m(event("1", "b", "ASSAULT", ["AZE"], ["ARM"], "2022-09-28", "2022-09-29"),
             "2022-09-28")
    month = m(event("1", "c", "ASSAULT", ["AZE"], ["ARM"], "2022-09-01", "2022-10-01",
                    modality="historical"), "2023-01-05")
    c = cluster_mentions([sep, sep2, month])
    assert c.cluster_of(sep.key) is not c.cluster_of(sep2.key)


def test_counts_mentions_articles_sources():
    evs = [m(event("1", "a", "ASSAULT", ["AZE"], ["ARM"], "2022-09-13", "2022-09-14"),
             "2022-09-13", "Wire"),
           m(event("2", "a", "ASSAULT", ["AZE"], ["ARM"], "2022-09-13", "2022-09-14"),
             "2022-09-13", "Wire"),
           m(event("1", "b", "ASSAULT", ["AZE"], ["ARM"]), "2022-09-14", "wire"),
           m(event("1", "c", "ASSAULT", ["AZE"], ["ARM"]), "2022-09-14", "Herald")]
    c = cluster_mentions(evs)
    cl = c.cluster_of(evs[0].key)
    assert cl is not None
    assert (cl.n_mentions, cl.n_articles, cl.n_sources) == (4, 3, 2)


def _random_mentions(n: int, seed: int) -> list:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        d = 738400 + rng.randrange(40)
        from datetime import date

        iso = date.fromordinal(d).isoformat()
        nxt = date.fromordinal(d + 1).isoformat()
        src, tgt = rng.choice([(["AZE"], ["ARM"]), (["ARM"], ["AZE"]), (["RUS"], ["UKR"])])
        dated = rng.random() < 0.6
        etype = rng.choice(["ASSAULT", "ASSAULT", "COERCE", "CONSULT"])
        e = event(str(i), f"art{i % 17}", etype, src, tgt if rng.random() < 0.8 else [],
                  iso if dated else None, nxt if dated else None)
        out.append(m(e, date.fromordinal(d + rng.randrange(3)).isoformat(),
                     rng.choice(["A", "B", "C"])))
    return out


def test_incremental_in_any_order_equals_batch():
    mentions = _random_mentions(300, 7)
    whole = cluster_mentions(mentions).assignments()
    assert len(set(whole.values())) < len(mentions)  # something merged
    for seed in range(3):
        shuffled = mentions[:]
        random.Random(seed).shuffle(shuffled)
        inc = Clusterer()
        for i in range(0, len(shuffled), 7):
            inc.add(shuffled[i:i + 7])
        assert inc.assignments() == whole


def test_remove_then_add_again_restores_clusters():
    mentions = _random_mentions(120, 3)
    c = cluster_mentions(mentions)
    before = c.assignments()
    c.remove([x.key for x in mentions[:30]])
    assert set(c.assignments()) == {x.key for x in mentions[30:]}
    c.add(mentions[:30])
    assert c.assignments() == before


def _result(art: str, pub: str, source: str, events: list[Event]) -> ArticleResult:
    return ArticleResult(Article(art, f"text of {art}", published=pub, source=source),
                         events=events)


def test_store_keeps_clusters_current_and_exports_as_happened(tmp_path: Path):
    from dyad.store import Store
    from dyad.store.export import export
    from dyad.store.schema import connect

    results = [
        _result("a", "2022-09-13", "Wire",
                [event("1", "a", "ASSAULT", ["AZE"], ["ARM"], "2022-09-13", "2022-09-14")]),
        _result("b", "2022-09-14", "Herald", [event("1", "b", "ASSAULT", ["AZE"], ["ARM"])]),
        _result("c", "2022-11-21", "Herald",
                [event("1", "c", "ASSAULT", ["AZE"], ["ARM"], "2022-11-20", "2022-11-21")]),
    ]
    db = tmp_path / "s.db"
    with Store(db) as store:
        for r in results:
            store.write(r)
        store.write(results[1])  # coded again: replaced, not counted twice
    conn = connect(db)
    inc = conn.execute("SELECT event_id, article, cluster_id FROM events ORDER BY id").fetchall()
    stored = [tuple(r) for r in inc]
    recluster(conn)
    full = [tuple(r) for r in conn.execute(
        "SELECT event_id, article, cluster_id FROM events ORDER BY id")]
    assert stored == full
    recs = list(cluster_records(conn))
    assert sorted(r["n_mentions"] for r in recs) == [1, 2]
    import io

    buf = io.StringIO()
    assert export(conn, "events", buf) == 3
    assert all(json.loads(line)["cluster_id"] for line in buf.getvalue().splitlines())
    buf = io.StringIO()
    assert export(conn, "events", buf, as_happened=True) == 2
    conn.close()


def test_eval_scores_pairwise_and_bcubed(tmp_path: Path):
    from dyad.eval.merge import bcubed, evaluate_merge, pairwise

    gold = {"a": "1", "b": "1", "c": "2"}
    assert pairwise({"a": "x", "b": "x", "c": "y"}, gold)["f1"] == 1.0
    assert bcubed({"a": "x", "b": "y", "c": "z"}, gold)["precision"] == 1.0

    lines = []
    for aid, pub, _day in (("a", "2022-09-13", "2022-09-13"), ("b", "2022-09-14", None),
                          ("c", "2022-11-21", "2022-11-20")):
        text = "Azerbaijan shelled Armenia."
        lines.append(json.dumps({"article": {"id": aid, "published": pub, "source": aid,
                                             "text": text},
                                 "mentions": [{"trigger": "shelled",
                                               "cluster": "G2" if aid == "c" else "G1"}]}))
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")

    def fake_coder(text: str, published: str, article_id: str) -> ArticleResult:
        day = {"a": "2022-09-13", "c": "2022-11-20"}.get(article_id)
        nxt = {"a": "2022-09-14", "c": "2022-11-21"}.get(article_id)
        e = event("1", article_id, "ASSAULT", ["AZE"], ["ARM"], day, nxt)
        e.trigger = Span("shelled", 11, 18)
        return _result(article_id, published, article_id, [e])

    rep = evaluate_merge(path, coder=fake_coder)
    assert rep.coverage == 1.0 and rep.pairwise["f1"] == 1.0 and rep.bcubed["f1"] == 1.0
    rev = evaluate_merge(path, coder=fake_coder, order=[2, 1, 0])
    assert rev.pairwise == rep.pairwise
