"""Clusters in the event store: the schema they add, a whole-store re-clustering
(``dyad merge``), the incremental update the store writer runs after each article,
and the "as happened" records of ``dyad export --as-happened``.

Mention keys in a store are ``article_id#event_id``, as in memory, so a store
re-clustered whole and one kept current article by article agree.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from dyad.merge.cluster import Changes, Clusterer
from dyad.merge.mention import Mention, mention_from_event
from dyad.merge.rules import MergeRules
from dyad.records import Event

# Schema version 2 of the store (appended to dyad.store.schema.MIGRATIONS).
MIGRATION = [
    "ALTER TABLE events ADD COLUMN cluster_id TEXT",
    "CREATE INDEX events_cluster ON events(cluster_id)",
    """CREATE TABLE clusters (
        id TEXT PRIMARY KEY,               -- 'c' + 12 hex digits (dyad.merge.cluster_id)
        canonical INTEGER REFERENCES events(id) ON DELETE SET NULL,
        event TEXT, day TEXT NOT NULL DEFAULT '',
        n_mentions INTEGER NOT NULL, n_articles INTEGER NOT NULL, n_sources INTEGER NOT NULL,
        first_reported TEXT
    )""",
    "CREATE INDEX clusters_day ON clusters(day)",
]

# Schema version 3: the write log. Each article write appends one row, so a writer
# whose clusters live in memory can see what other processes wrote to the same
# store since its own last write, and catch up before it writes again.
WRITE_LOG = [
    """CREATE TABLE writes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        article INTEGER NOT NULL,          -- the article row written
        replaced TEXT NOT NULL DEFAULT ''  -- article rows it replaced, comma-separated
    )""",
]
# Rows kept in the log; a writer that fell further behind rebuilds its clusters.
LOG_KEEP = 50_000


def _rows(conn: sqlite3.Connection, where: str = "", args: tuple[Any, ...] = ()) -> Iterator[
        tuple[int, int, Mention]]:
    sql = ("SELECT e.id, e.article, e.record, a.published, a.source, a.url FROM events e "
           f"JOIN articles a ON a.id = e.article {where}")
    for eid, art, record, published, source, url in conn.execute(sql, args):
        ev = Event.from_dict(json.loads(record))
        yield eid, art, mention_from_event(ev, published, source, url)


class StoreMerger:
    """Keeps the clusters of one store current: made once per writer (it reads every
    stored event), then ``update`` after each article, inside its transaction."""

    def __init__(self, conn: sqlite3.Connection, rules: MergeRules | None = None) -> None:
        self.rules = rules
        self.clusterer = Clusterer(rules)
        self.row_of: dict[str, int] = {}
        self.keys_of: dict[int, set[str]] = {}
        self.seen = _last_write(conn)  # the write log as far as this state reflects it
        self.clusterer.add([self._track(eid, art, m) for eid, art, m in _rows(conn)])
        self.synced = False

    def _track(self, eid: int, art: int, m: Mention) -> Mention:
        self.row_of[m.key] = eid
        self.keys_of.setdefault(art, set()).add(m.key)
        return m

    def catch_up(self, conn: sqlite3.Connection) -> bool:
        """Apply what other writers logged since this state was read. Call it inside
        the write transaction (which holds the store's write lock) before writing.
        False when the log no longer reaches back that far: rebuild the merger."""
        first = conn.execute("SELECT MIN(seq) FROM writes").fetchone()[0]
        if first is not None and first > self.seen + 1:
            return False
        rows = conn.execute("SELECT seq, article, replaced FROM writes WHERE seq > ? "
                            "ORDER BY seq", (self.seen,)).fetchall()
        total = Changes()
        for seq, article, replaced in rows:
            # The store already holds the end state of all these writes (a row read
            # for an early one may be gone by a later one), so apply them all in
            # memory first and write once: the other writers wrote the same.
            ch = self._apply(conn, [int(a) for a in replaced.split(",") if a], article)
            total.assigned.update(ch.assigned)
            total.updated |= ch.updated
            total.dropped |= ch.dropped
            self.seen = seq
        if self.synced and rows:
            live = self.clusterer.clusters
            total.updated = {c for c in total.updated if c in live}
            total.dropped = {c for c in total.dropped if c not in live}
            write_changes(conn, self.clusterer, self.row_of, total)
        if not self.synced:
            # Updates only rewrite what they change, so first make the store agree
            # with the clusters (an older dyad may have written it): a few reads, and
            # no writes when it already agrees.
            sync(conn, self.clusterer, self.row_of)
            self.synced = True
        return True

    def update(self, conn: sqlite3.Connection, replaced: list[int], article: int) -> None:
        """After the writer stored ``article`` (replacing the articles ``replaced``, the
        same row id among them when it was coded before), bring clusters up to date
        and log the write for other writers of the same store."""
        write_changes(conn, self.clusterer, self.row_of, self._apply(conn, replaced, article))
        cur = conn.execute("INSERT INTO writes (article, replaced) VALUES (?, ?)",
                           (article, ",".join(str(a) for a in replaced)))
        self.seen = int(cur.lastrowid or self.seen)
        if self.seen % 1000 == 0:
            conn.execute("DELETE FROM writes WHERE seq <= ?", (self.seen - LOG_KEEP,))

    def _apply(self, conn: sqlite3.Connection, replaced: list[int], article: int) -> Changes:
        """Bring the clusters in memory up to one write (not the store: the caller)."""
        keys = [k for a in replaced for k in self.keys_of.pop(a, set())]
        for k in keys:
            self.row_of.pop(k, None)
        changes = self.clusterer.remove(keys)
        added = self.clusterer.add([self._track(eid, art, m) for eid, art, m
                                    in _rows(conn, "WHERE e.article = ?", (article,))])
        changes.assigned.update(added.assigned)
        live = self.clusterer.clusters
        changes.updated = {c for c in changes.updated | added.updated if c in live}
        changes.dropped = {c for c in changes.dropped | added.dropped if c not in live}
        return changes


def _last_write(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM writes").fetchone()[0])


def write_changes(conn: sqlite3.Connection, clusterer: Clusterer, row_of: dict[str, int],
                  changes: Changes) -> None:
    """Store new cluster ids of mentions and the rows of the clusters made or changed."""
    updates = [(cid, cid, row_of[key]) for key, cid in changes.assigned.items()
               if cid is not None and key in row_of]
    conn.executemany("UPDATE events SET cluster_id = ?, record = json_set(record, "
                     "'$.cluster_id', ?) WHERE id = ?", updates)
    # Every changed cluster, not only those mentions moved into: one that lost a
    # mention keeps its id and its other members' ids, but not its counts.
    touched = {cid for cid in changes.updated if cid in clusterer.clusters}
    touched |= {cid for cid in changes.assigned.values() if cid in clusterer.clusters}
    gone = [(cid,) for cid in changes.dropped if cid not in clusterer.clusters]
    conn.executemany("DELETE FROM clusters WHERE id = ?", gone)
    conn.executemany(
        "INSERT OR REPLACE INTO clusters (id, canonical, event, day, n_mentions, n_articles, "
        "n_sources, first_reported) VALUES (?,?,?,?,?,?,?,?)",
        [_cluster_row(clusterer, row_of, cid) for cid in sorted(touched)
         if cid in clusterer.clusters])


def _cluster_row(clusterer: Clusterer, row_of: dict[str, int], cid: str) -> tuple[Any, ...]:
    from dyad.merge.mention import day_text

    c = clusterer.clusters[cid]
    m = clusterer.mentions[c.canonical]
    day = day_text(m.begin) if m.date_source == "text" and m.width <= 1 else ""
    if not day and m.published:
        day = m.published[:10]
    return (cid, row_of.get(c.canonical), m.event, day, c.n_mentions, c.n_articles,
            c.n_sources, c.first_reported or None)


def recluster(conn: sqlite3.Connection, rules: MergeRules | None = None) -> Clusterer:
    """Cluster every event of a store afresh and store the result (``dyad merge``)."""
    clusterer = Clusterer(rules)
    row_of: dict[str, int] = {}
    mentions = []
    for eid, _art, m in _rows(conn):
        row_of[m.key] = eid
        mentions.append(m)
    clusterer.add(mentions)
    with conn:
        sync(conn, clusterer, row_of)
    return clusterer


def sync(conn: sqlite3.Connection, clusterer: Clusterer, row_of: dict[str, int]) -> int:
    """Make the store's event cluster ids and cluster rows exactly what ``clusterer``
    holds, writing only the rows that differ; returns how many rows were written."""
    assign = clusterer.assignments()
    current = {eid: cid for eid, cid in conn.execute("SELECT id, cluster_id FROM events")}
    moves = [(assign[k], assign[k], eid) for k, eid in row_of.items()
             if k in assign and current.get(eid) != assign[k]]
    conn.executemany(
        "UPDATE events SET cluster_id = ?, record = json_set(record, '$.cluster_id', ?) "
        "WHERE id = ?", moves)
    stored = {r[0]: tuple(r) for r in conn.execute(
        "SELECT id, canonical, event, day, n_mentions, n_articles, n_sources, first_reported "
        "FROM clusters")}
    gone = [(cid,) for cid in stored if cid not in clusterer.clusters]
    conn.executemany("DELETE FROM clusters WHERE id = ?", gone)
    rows = [row for cid in sorted(clusterer.clusters)
            if stored.get((row := _cluster_row(clusterer, row_of, cid))[0]) != row]
    conn.executemany(
        "INSERT OR REPLACE INTO clusters (id, canonical, event, day, n_mentions, n_articles, "
        "n_sources, first_reported) VALUES (?,?,?,?,?,?,?,?)", rows)
    return len(moves) + len(gone) + len(rows)


def cluster_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One Event record per cluster ("as happened"): the canonical mention's record
    with ``cluster_id`` and the cluster's ``n_mentions``, ``n_articles``,
    ``n_sources`` and ``first_reported``, in date order."""
    sql = ("SELECT c.id, c.n_mentions, c.n_articles, c.n_sources, c.first_reported, e.record "
           "FROM clusters c JOIN events e ON e.id = c.canonical ORDER BY c.day, c.id")
    for cid, nm, na, ns, first, record in conn.execute(sql):
        rec = json.loads(record)
        rec.update(cluster_id=cid, n_mentions=nm, n_articles=na, n_sources=ns,
                   first_reported=first)
        yield rec


def stored_mention(conn: sqlite3.Connection, event_row: int) -> Mention:
    """The mention of one stored event by its row id; ConfigError (E306) if unknown."""
    from dyad.errors import ConfigError, Messages

    for _eid, _art, m in _rows(conn, "WHERE e.id = ?", (event_row,)):
        return m
    raise ConfigError(Messages.E306, name="event", value=event_row,
                      expected="the row id of a stored event")
