"""Cluster counts in a store kept current article by article must not go stale.

The store writer re-clusters incrementally; it once rewrote only the clusters that
some mention moved *into*, so a cluster that lost a mention (to a newcomer it
linked with more strongly, or because its article was coded again without that
event) kept its old ``n_mentions``: the counts summed to more than the events.
Every test compares a store built through ``Store.write`` with a full ``dyad merge``.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from pathlib import Path

from dyad.merge import Clusterer, mention_from_event
from dyad.merge.storage import recluster
from dyad.records import Actor, Article, ArticleResult, Event, Place, Span, TimeValue
from dyad.store import Store
from dyad.store.schema import connect

COUNTRIES = ["AZE", "ARM", "RUS", "UKR"]
TYPES = ["ASSAULT", "COERCE", "ACCUSE", "REJECT", "CONSULT", "SUPPORT"]
PLACES = [("Jermuk", "ARM", 39.8, 45.7), ("Goris", "ARM", 39.5, 46.3)]


def _actor(country: str, code: str | None = None) -> Actor:
    return Actor(country, 0, 1, name=country, country=country, code=code or country,
                 kind="state")


def _event(eid: str, art: str, etype: str, src: list[str], tgt: list[str],
           day: str | None = None, end: str | None = None, modality: str = "asserted",
           place: str | None = None) -> Event:
    tv = TimeValue(day, 0, 1, "DATE", day, day, end) if day else None
    loc = Place(place, 0, 1, name=place, country="ARM") if place else None
    return Event(eid, art, 0, "text", etype, None, None, [], 4, False, modality,
                 [_actor(c) for c in src], [_actor(c) for c in tgt], tv,
                 "text" if day else "published", loc, Span("hit", 0, 3))


def _article(art: str, published: str, source: str, events: list[Event],
             version: int = 0) -> ArticleResult:
    return ArticleResult(Article(art, f"Text of {art}, version {version}.",
                                 published=published, source=source), events=events)


def _state(conn: sqlite3.Connection) -> tuple[dict[tuple[int, str], str], dict[str, tuple]]:
    events = {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT article, event_id, cluster_id FROM events")}
    clusters = {r[0]: tuple(r) for r in conn.execute(
        "SELECT id, canonical, event, day, n_mentions, n_articles, n_sources, first_reported "
        "FROM clusters")}
    return events, clusters


def assert_store_equals_full_merge(db: Path) -> dict[str, tuple]:
    """The incremental store equals a full re-clustering, and its counts add up."""
    conn = connect(db)
    try:
        n_events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        total = conn.execute("SELECT COALESCE(SUM(n_mentions), 0) FROM clusters").fetchone()[0]
        per_cluster = dict(conn.execute(
            "SELECT cluster_id, COUNT(*) FROM events GROUP BY cluster_id").fetchall())
        incremental = _state(conn)
        recluster(conn)
        full = _state(conn)
    finally:
        conn.close()
    assert incremental[0] == full[0]
    assert incremental[1] == full[1]
    assert total == n_events
    assert {cid: row[4] for cid, row in full[1].items()} == per_cluster
    return full[1]


# Three mentions of one kind of attack between the same two states: A on 13
# September, C on 28 September (so A and C can never be one event), and B, a
# background retelling dated "in September", which fits either.
A = _event("1", "a", "ASSAULT", ["AZE"], ["ARM"], "2022-09-13", "2022-09-14")
B = _event("1", "b", "ASSAULT", ["AZE"], ["ARM"], "2022-09-01", "2022-10-01",
           modality="historical", place="Jermuk")
C = _event("1", "c", "ASSAULT", ["AZE"], ["ARM"], "2022-09-28", "2022-09-29", place="Jermuk")
ARTICLES = {"a": _article("a", "2022-09-13", "Wire", [A]),
            "b": _article("b", "2023-01-05", "Herald", [B]),
            "c": _article("c", "2022-09-28", "Post", [C])}


def test_clusterer_reports_a_cluster_that_lost_a_mention_as_updated():
    ms = {e.article_id: mention_from_event(e, ARTICLES[e.article_id].article.published,
                                           ARTICLES[e.article_id].article.source)
          for e in (A, B, C)}
    c = Clusterer()
    c.add([ms["a"], ms["b"]])
    first = c.cluster_of("a#1")
    assert first is not None and first.n_mentions == 2
    changes = c.add([ms["c"]])
    # B shares a place with C, so it moves to C's cluster; A's keeps its id.
    after = c.cluster_of("a#1")
    assert after is not None and after.id == first.id and after.n_mentions == 1
    assert "a#1" not in changes.assigned
    assert first.id in changes.updated


def test_cluster_losing_a_mention_to_a_newcomer_is_recounted(tmp_path: Path):
    db = tmp_path / "s.db"
    with Store(db) as store:
        for art in ("a", "b", "c"):
            store.write(ARTICLES[art])
    rows = assert_store_equals_full_merge(db)
    assert sorted(r[4] for r in rows.values()) == [1, 2]


def test_recoded_article_recounts_the_cluster_it_left(tmp_path: Path):
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.write(ARTICLES["a"])
        store.write(_article("d", "2022-09-14", "Daily",
                             [_event("1", "d", "ASSAULT", ["AZE"], ["ARM"])]))
        # Coded again: the attack is now read as talks, which leaves A's cluster.
        store.write(_article("d", "2022-09-14", "Daily",
                             [_event("1", "d", "CONSULT", ["AZE"], ["ARM"])], version=1))
    rows = assert_store_equals_full_merge(db)
    assert sorted(r[4] for r in rows.values()) == [1, 1]


def test_recoded_article_with_fewer_events_recounts(tmp_path: Path):
    db = tmp_path / "s.db"
    two = [_event("1", "d", "ASSAULT", ["AZE"], ["ARM"]),
           _event("2", "d", "ASSAULT", ["AZE"], ["ARM"], "2022-09-13", "2022-09-14")]
    with Store(db) as store:
        store.write(ARTICLES["a"])
        store.write(_article("d", "2022-09-14", "Daily", two))
        store.write(_article("d", "2022-09-14", "Daily", two[:1], version=1))
        store.write(_article("d", "2022-09-14", "Daily", [], version=2))
    rows = assert_store_equals_full_merge(db)
    assert [r[4] for r in rows.values()] == [1]


def test_arrival_joining_two_clusters_counts_them_as_one(tmp_path: Path):
    # X names only the attacker and Y only the attacked: compatible, but nothing
    # links them until Z names both.
    x = _article("x", "2022-09-13", "Wire",
                 [_event("1", "x", "ASSAULT", ["AZE"], [], "2022-09-13", "2022-09-14")])
    y = _article("y", "2022-09-13", "Herald",
                 [_event("1", "y", "ASSAULT", [], ["ARM"], "2022-09-13", "2022-09-14")])
    z = _article("z", "2022-09-14", "Post",
                 [_event("1", "z", "ASSAULT", ["AZE"], ["ARM"], "2022-09-13", "2022-09-14")])
    for order in ([x, y, z], [z, y, x], [y, x, z]):
        db = tmp_path / f"{''.join(r.article.id for r in order)}.db"
        with Store(db) as store:
            for r in order[:2]:
                store.write(r)
            assert store.conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0] == (
                2 if order[2] is z else 1)
            store.write(order[2])
        rows = assert_store_equals_full_merge(db)
        assert [r[4:7] for r in rows.values()] == [(3, 3, 3)]


def _random_article(rng: random.Random, n: int, version: int = 0) -> ArticleResult:
    """A short article of one to four events in a few busy weeks among four states."""
    art = f"art{n}"
    day0 = date(2022, 9, 1).toordinal() + rng.randrange(30)
    events = []
    for i in range(rng.randint(0 if version else 1, 4)):
        src, tgt = rng.sample(COUNTRIES, 2)
        width = rng.choice([0, 1, 1, 1, 7, 30])
        first = day0 - rng.randrange(3)
        day = date.fromordinal(first).isoformat() if width else None
        end = date.fromordinal(first + width).isoformat() if width else None
        place = rng.choice(PLACES)[0] if rng.random() < 0.3 else None
        events.append(_event(str(i), art, rng.choice(TYPES), [src],
                             [tgt] if rng.random() < 0.8 else [], day, end,
                             rng.choice(["asserted"] * 4 + ["historical"]), place))
    return _article(art, date.fromordinal(day0 + rng.randrange(3)).isoformat(),
                    rng.choice(["Wire", "Herald", "Post", "Daily"]), events, version)


def test_shuffled_arrivals_and_replacements_match_full_merge(tmp_path: Path):
    for seed in range(4):
        rng = random.Random(seed)
        articles = [_random_article(rng, n) for n in range(45)]
        rng.shuffle(articles)
        db = tmp_path / f"s{seed}.db"
        with Store(db) as store:
            for i, r in enumerate(articles):
                store.write(r)
                if i > 3 and rng.random() < 0.3:
                    # The same article again, unchanged or coded differently.
                    old = articles[rng.randrange(i)]
                    n = int(old.article.id.removeprefix("art"))
                    store.write(old if rng.random() < 0.3 else
                                _random_article(rng, n, version=i))
        assert_store_equals_full_merge(db)


def test_a_store_left_stale_is_put_right_by_the_next_write(tmp_path: Path):
    db = tmp_path / "s.db"
    with Store(db) as store:
        for art in ("a", "b"):
            store.write(ARTICLES[art])
    conn = connect(db)
    with conn:  # as an older dyad left it: counts wrong, one event unclustered
        conn.execute("UPDATE clusters SET n_mentions = n_mentions + 5")
        conn.execute("UPDATE events SET cluster_id = NULL WHERE event_id = '1' "
                     "AND article = (SELECT id FROM articles WHERE article_id = 'b')")
    conn.close()
    with Store(db) as store:
        store.write(_article("e", "2022-11-02", "Wire",
                             [_event("1", "e", "CONSULT", ["RUS"], ["UKR"], "2022-11-01",
                                     "2022-11-02")]))
    assert_store_equals_full_merge(db)


def test_two_writers_of_one_store_keep_each_others_clusters(tmp_path: Path):
    """Two Store objects (as two processes would) take turns writing one store:
    each catches up on what the other wrote before writing itself."""
    db = tmp_path / "s.db"
    one, two = Store(db), Store(db)
    try:
        one.write(ARTICLES["a"])
        two.write(ARTICLES["b"])  # two must see a's attack to place b beside it
        one.write(ARTICLES["c"])  # and one must see b, which moves to c's cluster
        two.write(_article("d", "2022-09-14", "Daily",
                           [_event("1", "d", "ASSAULT", ["AZE"], ["ARM"], "2022-09-13",
                                   "2022-09-14")]))
        one.write(_article("b", "2023-01-05", "Herald", [], version=1))  # b recoded empty
    finally:
        one.close()
        two.close()
    rows = assert_store_equals_full_merge(db)
    assert sorted(r[4] for r in rows.values()) == [1, 2]


def _write_many(db: str, seed: int, first: int) -> None:
    rng = random.Random(seed)
    with Store(db) as store:
        for n in range(first, first + 30):
            store.write(_random_article(rng, n))
            if rng.random() < 0.3:  # recode one of the other writer's articles
                store.write(_random_article(rng, rng.randrange(30) + (30 - first),
                                            version=n))


def test_two_processes_writing_at_once_match_full_merge(tmp_path: Path):
    import multiprocessing as mp

    db = str(tmp_path / "s.db")
    Store(db).close()  # create and migrate first
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(db, seed, first))
             for seed, first in ((1, 0), (2, 30))]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    assert_store_equals_full_merge(Path(db))
