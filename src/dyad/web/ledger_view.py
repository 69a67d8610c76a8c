"""The /ledger page's data: commitments with the contradictions stored per article, plus
those the ledger infers across articles at query time (``dyad.ledger.store``).

Inferred contradictions are computed on each request and never written: the UI only
reads, and a store re-coded later cannot be left with stale inferences.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from dyad.ledger.build import Ledger
from dyad.ledger.records import Commitment, Contradiction, day_of
from dyad.ledger.store import ledger_from_store
from dyad.store import queries


def _ledger_keys(conn: sqlite3.Connection) -> dict[str, str]:
    """Stored commitment id -> the id its commitment has in the inferred ledger.

    ``ledger_from_store`` merges commitments across articles (one per named agreement);
    adding the stored ones in its order to an empty Ledger gives the same ids."""
    led = Ledger()
    out: dict[str, str] = {}
    for (rec,) in conn.execute("SELECT record FROM commitments ORDER BY day, id"):
        c = Commitment.from_dict(json.loads(rec))
        out.setdefault(c.id, led.add_commitment(c))
    return out


def _act_key(article_id: str, rec: dict[str, Any]) -> tuple[str, Any]:
    act = rec.get("act") or {}
    return (act.get("article_id") or article_id, act.get("event_id") or act.get("start"))


def ledger(conn: sqlite3.Connection) -> dict[str, Any]:
    """``queries.ledger`` with each stored contradiction marked ``origin: stored`` and
    the cross-article inferences added, ``origin: inferred`` (computed, not stored).
    An inference already stored for the same act and commitment is not repeated."""
    data = queries.ledger(conn)
    for row in data["rows"]:
        for x in row["contradictions"]:
            x["origin"] = "stored"
    for x in data["unmatched_contradictions"]:
        x["origin"] = "stored"
    if not data["rows"]:
        return {**data, "inferred": 0}
    try:
        led = ledger_from_store(conn)
        keys = _ledger_keys(conn)
    except (KeyError, TypeError, ValueError) as exc:
        # records too incomplete to reason over (hand-made or from an older coder): the
        # stored contradictions still show, and the page says inference did not run
        return {**data, "inferred": 0, "inference_error": f"{type(exc).__name__}: {exc}"}
    shown: set[str] = set()  # ledger ids already given their inferences (merged rows)
    found: list[tuple[dict[str, Any], Contradiction]] = []
    for row in data["rows"]:
        key = keys.get(row["commitment_id"] or "")
        if key is None or key in shown:
            continue
        shown.add(key)
        stored = {_act_key("", x["record"]) for x in row["contradictions"]}
        for x in led.against.get(key, []):
            # alleged ones come from the contradictions table; so may in-article inferences
            if x.basis == "inferred" and \
                    (x.act.article_id, x.act.event_id or x.act.start) not in stored:
                found.append((row, x))
    pks = _article_pks(conn, sorted({x.act.article_id for _, x in found}))
    for row, x in found:
        row["contradictions"].append({
            "id": None, "article": pks.get(x.act.article_id), "contradiction_id": x.id,
            "commitment_id": x.commitment_id, "basis": x.basis, "day": day_of(x.date),
            "record": x.to_dict(), "origin": "inferred"})
    for row in data["rows"]:
        row["contradictions"].sort(key=lambda d: (d["day"] or "", d["origin"]))
    return {**data, "inferred": len(found)}


def _article_pks(conn: sqlite3.Connection, ids: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = ids[i:i + 500]
        out.update(conn.execute("SELECT article_id, id FROM articles WHERE article_id IN "
                                f"({','.join('?' * len(chunk))})", chunk).fetchall())
    return out
