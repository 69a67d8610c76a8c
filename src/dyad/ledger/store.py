"""The ledger over an event store (SQLite, see dyad.store): the commitments and
contradictions tables the store writes per article, plus inference against the
events table. Read-only: inferred contradictions are computed at query time, not
written back, so re-coding an article never leaves stale ones behind."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from dyad.ledger.build import Ledger, _finish
from dyad.ledger.contradictions import ActRecord
from dyad.ledger.provisions import load_provisions
from dyad.ledger.records import Commitment, Contradiction
from dyad.records import Event


def _event_types() -> list[str]:
    prov = load_provisions()
    return sorted({t for p in prov.by_name.values() for r in p.rules for t in r.events})


def ledger_from_store(conn: sqlite3.Connection, party: str | None = None,
                      provision: str | None = None) -> Ledger:
    """The ledger of a store. With ``party`` (and ``provision``), only commitments
    naming it (and holding that provision) are read, and only acts by their bound
    parties of the kinds those provisions rule out are loaded (indexes keep it fast)."""
    led = Ledger()
    said: list[Contradiction] = []
    rows = conn.execute("SELECT record FROM commitments ORDER BY day, id").fetchall()
    for (rec,) in rows:
        c = Commitment.from_dict(json.loads(rec))
        if party and party.upper() not in {k.upper() for k in c.keys("parties") | c.keys()}:
            continue
        if provision and provision not in c.provisions:
            continue
        led.add_commitment(c)
    ids = set(led.commitments)
    for (rec,) in conn.execute("SELECT record FROM contradictions"):
        x = Contradiction.from_dict(json.loads(rec))
        if x.commitment_id in ids:
            said.append(x)
    first = min((d for c in led.commitments.values() if (d := c.day())), default=None)
    acts: list[ActRecord] = []
    if first is not None:
        prov = load_provisions()
        wanted = {p for c in led.commitments.values() for p in c.provisions}
        types = sorted({t for p in wanted if p in prov.by_name
                        for r in prov.by_name[p].rules for t in r.events}) or _event_types()
        bound = sorted({k for c in led.commitments.values() for k in c.keys()})  # noqa: SIM118
        sql = ("SELECT e.record, a.article_id, a.published FROM events e "
               "JOIN articles a ON a.id = e.article "
               f"WHERE e.event IN ({','.join('?' * len(types))}) AND (e.day > ? OR e.day = '')")
        args: list[object] = [*types, first]
        if party:
            # a bound key is a country or an organization ("Hamas", "CSTO"): acts by an
            # organization are found through its actor rows, whatever its country
            marks = ",".join("?" * len(bound))
            sql += (" AND e.id IN (SELECT ea.event FROM event_actors ea WHERE ea.side = 'S' "
                    f"AND (ea.country IN ({marks}) OR ea.actor IN "
                    f"(SELECT id FROM actors WHERE org IN ({marks}))))")
            args += bound + bound
        for rec, aid, pub in conn.execute(sql, args):
            acts.append(ActRecord(Event.from_dict(json.loads(rec)), aid, pub))
    _finish(led, said, acts)
    return led


def open_store(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to a store (E301 when there is none)."""
    from dyad.store import connect

    return connect(path, readonly=True)
