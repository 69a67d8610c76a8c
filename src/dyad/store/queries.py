"""The read side of the store: what the web UI and exports ask, with parameterized SQL.

Lists page by keyset (a cursor naming the last row seen), never by OFFSET, so a
page deep into 200,000 events costs what the first one does. List answers have
the Datasette shape ``{"rows": [...], "total": N, "next": cursor-or-null}``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from dyad.store.filters import QUADS, EventFilter, bad

PAGE_SIZE, MAX_PAGE = 50, 500
_CURSOR = re.compile(r"^(\d{4}-\d{2}-\d{2})?\.(\d+)$")
BUCKETS = {"day": "e.day", "week": "date(e.day, 'weekday 0', '-6 days')",
           "month": "substr(e.day, 1, 7) || '-01'"}  # fixed SQL; the user only picks a key
BY = {"event": "e.event", "quad": "e.quad"}
# "reported": one row per mention (a coded event in one article); "happened": one per
# real-world event (a dyad.merge cluster, shown and dated by its canonical mention; an
# event without a cluster stands for itself). Filters apply to that canonical mention.
VIEWS = ("reported", "happened")
_CLUSTER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

EVENT_COLUMNS = (
    "e.id, e.event_id, e.article, a.article_id, a.title AS article_title, e.day, e.event, "
    "e.cameo, e.mode, e.quad, e.negated, e.modality, e.goldstein, e.source, e.target, "
    "e.location, e.location_country, e.trigger_text, e.trigger_start, e.trigger_end, "
    "e.sentence_text, e.confidence, e.date_source"
)


def parse_cursor(value: str | None) -> tuple[str, int] | None:
    """A cursor ``YYYY-MM-DD.ID`` (``.ID`` for undated rows) as (day, id)."""
    if not value:
        return None
    m = _CURSOR.match(value.strip())
    if not m:
        raise bad("next", value, "a cursor from a previous page's 'next'")
    return (m.group(1) or "", int(m.group(2)))


def page_size(value: str | None) -> int:
    """The page size asked for, within 1..MAX_PAGE."""
    if not value:
        return PAGE_SIZE
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise bad("size", value, f"a whole number from 1 to {MAX_PAGE}")
    return int(value)


def view_of(value: str | None, default: str) -> str:
    """The view asked for (``reported`` or ``happened``), ``default`` when none."""
    value = (value or "").strip().lower() or default
    if value not in VIEWS:
        raise bad("view", value, "reported or happened")
    return value


def cluster_of(value: str | None) -> str | None:
    """A cluster id given to list that cluster's mentions, checked; None when none."""
    value = (value or "").strip()
    if not value:
        return None
    if not _CLUSTER.match(value):
        raise bad("cluster", value, "a cluster id such as c0123456789ab")
    return value


# A mention that stands for its real-world event: its cluster's canonical one, or one
# no cluster holds. Correlated, so a page sorted by the (day, id) index stops early.
_CANONICAL = ("(e.cluster_id IS NULL OR e.id = "
              "(SELECT c.canonical FROM clusters c WHERE c.id = e.cluster_id))")


def _happened(flt: EventFilter, columns: str) -> tuple[str, list[Any]]:
    """The same rows as ``_CANONICAL`` selects, for whole-store aggregates: a join from
    the clusters table scans faster than the correlated test row by row."""
    where, args = flt.where()
    sql = (f"SELECT {columns} FROM clusters c JOIN events e ON e.id = c.canonical "
           f"AND e.cluster_id = c.id WHERE {where} UNION ALL "
           f"SELECT {columns} FROM events e WHERE e.cluster_id IS NULL AND {where}")
    return sql, [*args, *args]


def _event_row(r: sqlite3.Row) -> dict[str, Any]:
    d = dict(r)
    d["negated"] = bool(d["negated"])
    d["quad_name"] = QUADS.get(d["quad"], "")
    return d


def events(conn: sqlite3.Connection, flt: EventFilter, cursor: str | None = None,
           size: int = PAGE_SIZE, with_total: bool = True, view: str = "reported",
           cluster: str | None = None) -> dict[str, Any]:
    """One page of events, newest first, matching ``flt``: every mention (``view``
    reported; ``cluster`` keeps one cluster's) or one canonical event per real-world
    event with its mention, article and source counts (``view`` happened)."""
    if view == "happened":
        return _happened_events(conn, flt, cursor, size, with_total)
    where, args = flt.where()
    if cluster is not None:
        where += " AND e.cluster_id = ?"
        args = [*args, cluster]
    after = parse_cursor(cursor)
    page_where, page_args = where, list(args)
    if after is not None:
        page_where += " AND (e.day, e.id) < (?, ?)"
        page_args += list(after)
    rows = conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article "
        f"WHERE {page_where} ORDER BY e.day DESC, e.id DESC LIMIT ?",
        [*page_args, size + 1]).fetchall()
    more = len(rows) > size
    rows = rows[:size]
    total = (conn.execute(f"SELECT COUNT(*) FROM events e WHERE {where}", args).fetchone()[0]
             if with_total else None)
    nxt = f"{rows[-1]['day']}.{rows[-1]['id']}" if more and rows else None
    return {"rows": [_event_row(r) for r in rows], "total": total, "next": nxt}


def _happened_events(conn: sqlite3.Connection, flt: EventFilter, cursor: str | None,
                     size: int, with_total: bool) -> dict[str, Any]:
    where, args = flt.where()
    after = parse_cursor(cursor)
    page_where, page_args = f"{where} AND {_CANONICAL}", list(args)
    if after is not None:
        page_where += " AND (e.day, e.id) < (?, ?)"
        page_args += list(after)
    rows = conn.execute(
        f"SELECT {EVENT_COLUMNS}, e.cluster_id, COALESCE(c.n_mentions, 1) AS n_mentions, "
        "COALESCE(c.n_articles, 1) AS n_articles, COALESCE(c.n_sources, 1) AS n_sources "
        "FROM events e JOIN articles a ON a.id = e.article "
        f"LEFT JOIN clusters c ON c.id = e.cluster_id WHERE {page_where} "
        "ORDER BY e.day DESC, e.id DESC LIMIT ?", [*page_args, size + 1]).fetchall()
    more = len(rows) > size
    rows = rows[:size]
    total = None
    if with_total:
        units, unit_args = _happened(flt, "e.id")
        total = conn.execute(f"SELECT COUNT(*) FROM ({units})", unit_args).fetchone()[0]
    nxt = f"{rows[-1]['day']}.{rows[-1]['id']}" if more and rows else None
    return {"rows": [_event_row(r) for r in rows], "total": total, "next": nxt}


def timeline(conn: sqlite3.Connection, flt: EventFilter, bucket: str = "day",
             by: str = "event", view: str = "happened") -> dict[str, Any]:
    """Dated events counted per day, week or month and per event type or quad class:
    one per real-world event (``view`` happened, dated by its cluster) or one per
    mention (``view`` reported)."""
    if bucket not in BUCKETS:
        raise bad("bucket", bucket, "day, week or month")
    if by not in BY:
        raise bad("by", by, "event or quad")
    if view == "happened":
        units, args = _happened(flt, "e.day, e.event, e.quad")
        # the bucket and key expressions name e.*: the subquery is aliased e to reuse them
        sql = (f"SELECT {BUCKETS[bucket]} AS period, {BY[by]} AS key, COUNT(*) AS count "
               f"FROM ({units}) e WHERE e.day != '' GROUP BY period, key "
               "ORDER BY period, key")
    else:
        where, args = flt.where()
        sql = (f"SELECT {BUCKETS[bucket]} AS period, {BY[by]} AS key, COUNT(*) AS count "
               f"FROM events e WHERE {where} AND e.day != '' GROUP BY period, key "
               "ORDER BY period, key")
    rows = conn.execute(sql, args).fetchall()
    out = [{"period": r["period"], "key": str(r["key"]), "count": r["count"]} for r in rows]
    return {"rows": out, "total": sum(r["count"] for r in out), "next": None,
            "bucket": bucket, "by": by, "view": view}


def network(conn: sqlite3.Connection, flt: EventFilter, limit: int = 150) -> dict[str, Any]:
    """Who acts on whom: weighted source->target edges and the actors they join."""
    where, args = flt.where()
    edges = conn.execute(
        "SELECT s.actor AS source, t.actor AS target, COUNT(*) AS count, "
        "SUM(e.quad IN (1, 2)) AS cooperation, SUM(e.quad IN (3, 4)) AS conflict, "
        "ROUND(AVG(e.goldstein), 2) AS goldstein "
        # CROSS JOIN keeps the events outermost: the planner would otherwise scan every
        # source row by actor and look each event up at random (2.5x slower at 200,000
        # events unfiltered, 6x with a date filter; the same with the other filters).
        "FROM events e CROSS JOIN event_actors s ON s.event = e.id AND s.side = 'S' "
        "CROSS JOIN event_actors t ON t.event = e.id AND t.side = 'T' "
        f"WHERE {where} AND s.actor != t.actor "
        "GROUP BY s.actor, t.actor ORDER BY count DESC, s.actor, t.actor LIMIT ?",
        [*args, limit]).fetchall()
    ids = sorted({r["source"] for r in edges} | {r["target"] for r in edges})
    nodes = actors_by_id(conn, ids)
    degree: dict[int, int] = {}
    for r in edges:
        degree[r["source"]] = degree.get(r["source"], 0) + r["count"]
        degree[r["target"]] = degree.get(r["target"], 0) + r["count"]
    rows = []
    for r in edges:
        d = dict(r)
        d["source_label"] = nodes[r["source"]]["label"]
        d["target_label"] = nodes[r["target"]]["label"]
        d["tone"] = "cooperation" if r["cooperation"] >= r["conflict"] else "conflict"
        rows.append(d)
    node_rows = [{**nodes[i], "events": degree[i]} for i in ids]
    return {"rows": rows, "nodes": node_rows, "total": len(rows), "next": None}


def actor_label(row: sqlite3.Row | dict[str, Any]) -> str:
    """How an actor is shown: its name with its code, or the code alone."""
    name, code = row["name"], row["code"] or row["org"] or row["country"]
    if name and code and name != code:
        return f"{name} ({code})"
    return str(name or code or row["key"].split(":", 1)[-1])


def actors_by_id(conn: sqlite3.Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Actor rows by id, each with a display ``label``."""
    out: dict[int, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = ids[i:i + 500]
        for r in conn.execute(
                f"SELECT * FROM actors WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            out[r["id"]] = {**dict(r), "label": actor_label(r)}
    return out


def actor(conn: sqlite3.Connection, actor_id: int) -> dict[str, Any] | None:
    """One actor: identity, roles over time, counts by side and partners; None if unknown."""
    row = conn.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    roles = conn.execute(
        "SELECT role, MIN(NULLIF(day, '')) AS first, MAX(NULLIF(day, '')) AS last, "
        "COUNT(*) AS mentions FROM actor_mentions WHERE actor = ? AND role IS NOT NULL "
        "GROUP BY role ORDER BY first, role", (actor_id,)).fetchall()
    sides = dict(conn.execute("SELECT side, COUNT(*) FROM event_actors WHERE actor = ? "
                              "GROUP BY side", (actor_id,)).fetchall())
    partners = conn.execute(
        "SELECT o.actor AS id, COUNT(*) AS count FROM event_actors me "
        "JOIN event_actors o ON o.event = me.event AND o.side != me.side AND o.actor != me.actor "
        "WHERE me.actor = ? GROUP BY o.actor ORDER BY count DESC LIMIT 20",
        (actor_id,)).fetchall()
    labels = actors_by_id(conn, [p["id"] for p in partners])
    names = [r[0] for r in conn.execute(
        "SELECT text FROM actor_mentions WHERE actor = ? GROUP BY text ORDER BY COUNT(*) DESC "
        "LIMIT 10", (actor_id,))]
    return {**dict(row), "label": actor_label(row), "roles": [dict(r) for r in roles],
            "as_source": sides.get("S", 0), "as_target": sides.get("T", 0),
            "mentioned_as": names,
            "partners": [{"id": p["id"], "label": labels[p["id"]]["label"],
                          "count": p["count"]} for p in partners if p["id"] in labels]}


def article(conn: sqlite3.Connection, article_pk: int) -> dict[str, Any] | None:
    """One article with every span coded in it and its events; None if unknown."""
    row = conn.execute("SELECT id, article_id, url, title, published, source, language, text, "
                       "coded_at, n_events, json_extract(record, '$.article.author') AS author "
                       "FROM articles WHERE id = ?",
                       (article_pk,)).fetchone()
    if row is None:
        return None
    mentions = conn.execute(
        'SELECT m.text, m.start, m."end", m.role, m.actor, a.code, a.name, a.kind, a.country, '
        'a.org FROM actor_mentions m JOIN actors a ON a.id = m.actor WHERE m.article = ? '
        "ORDER BY m.start", (article_pk,)).fetchall()
    times = conn.execute('SELECT text, start, "end", type, value, "begin", end_date FROM times '
                         "WHERE article = ? ORDER BY start", (article_pk,)).fetchall()
    places = conn.execute('SELECT text, start, "end", name, country, lat, lon FROM places '
                          "WHERE article = ? ORDER BY start", (article_pk,)).fetchall()
    quotes = conn.execute('SELECT quote_id, text, start, "end", kind, cue, speaker FROM quotes '
                          "WHERE article = ? ORDER BY start", (article_pk,)).fetchall()
    evs = conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article "
        "WHERE e.article = ? ORDER BY e.trigger_start, e.id", (article_pk,)).fetchall()
    return {**dict(row), "actors": [dict(m) for m in mentions], "times": [dict(t) for t in times],
            "places": [dict(p) for p in places], "quotes": [dict(q) for q in quotes],
            "events": [_event_row(e) for e in evs]}


def overview(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts, date range, events by type and quad, the busiest actors, recent articles."""
    n = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
         for t in ("articles", "events", "actors", "commitments", "contradictions")}
    first, last = conn.execute("SELECT MIN(day), MAX(day) FROM events WHERE day != ''").fetchone()
    by_type = conn.execute("SELECT event, COUNT(*) AS count FROM events GROUP BY event "
                           "ORDER BY count DESC").fetchall()
    by_quad = conn.execute("SELECT quad, COUNT(*) AS count FROM events GROUP BY quad "
                           "ORDER BY quad").fetchall()
    top = conn.execute("SELECT actor AS id, COUNT(*) AS count FROM event_actors GROUP BY actor "
                       "ORDER BY count DESC LIMIT 15").fetchall()
    labels = actors_by_id(conn, [t["id"] for t in top])
    recent = conn.execute("SELECT id, article_id, title, published, n_events FROM articles "
                          "ORDER BY id DESC LIMIT 30").fetchall()
    return {"counts": n, "first_day": first, "last_day": last,
            "by_type": [dict(r) for r in by_type],
            "by_quad": [{**dict(r), "name": QUADS.get(r["quad"], "")} for r in by_quad],
            "top_actors": [{"id": t["id"], "label": labels[t["id"]]["label"], "count": t["count"]}
                           for t in top if t["id"] in labels],
            "articles": [dict(r) for r in recent]}


def ledger(conn: sqlite3.Connection) -> dict[str, Any]:
    """Commitments, each with the contradictions recorded against it."""
    commitments = conn.execute(
        "SELECT c.id, c.article, c.commitment_id, c.name, c.provision, c.day, c.record, "
        "a.title AS article_title FROM commitments c JOIN articles a ON a.id = c.article "
        "ORDER BY c.day IS NULL, c.day, c.id").fetchall()  # undated last
    against: dict[str, list[dict[str, Any]]] = {}
    loose: list[dict[str, Any]] = []
    for x in conn.execute("SELECT id, article, contradiction_id, commitment_id, basis, day, "
                          "record FROM contradictions ORDER BY day, id"):
        d = {**dict(x), "record": json.loads(x["record"])}
        if x["commitment_id"]:
            against.setdefault(x["commitment_id"], []).append(d)
        else:
            loose.append(d)
    rows = []
    for c in commitments:
        d = {**dict(c), "record": json.loads(c["record"])}
        d["contradictions"] = against.pop(c["commitment_id"] or "", [])
        rows.append(d)
    for rest in against.values():  # contradictions of commitments stored elsewhere
        loose.extend(rest)
    return {"rows": rows, "total": len(rows), "next": None, "unmatched_contradictions": loose}


def event_records(conn: sqlite3.Connection, batch: int = 1000) -> Any:
    """Every stored Event record (JSON dicts) with its article's published date and URL,
    in date order; streams in batches for exports."""
    last: tuple[str, int] = ("", -1)
    while True:
        rows = conn.execute(
            "SELECT e.id, e.day, e.goldstein, e.record, a.url, a.published, a.article_id "
            "FROM events e JOIN articles a ON a.id = e.article "
            "WHERE (e.day, e.id) > (?, ?) ORDER BY e.day, e.id LIMIT ?",
            (*last, batch)).fetchall()
        if not rows:
            return
        for r in rows:
            yield r["day"], r["goldstein"], r["url"], r["published"], json.loads(r["record"])
        last = (rows[-1]["day"], rows[-1]["id"])
