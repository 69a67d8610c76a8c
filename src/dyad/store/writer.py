"""Writing coded articles into the store, idempotently.

The same article coded again (same article id, same URL, or same text) replaces
its earlier records instead of adding to them, and keeps its row id so links to
``/articles/{id}`` stay valid.

>>> with Store("dyad.db") as store:          # doctest: +SKIP
...     store.write(result)
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from dyad.records import Actor, ArticleResult, Event
from dyad.store.schema import connect

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@lru_cache(maxsize=1)
def goldstein_scores() -> dict[str, float]:
    """Goldstein-style score of each PLOVER event type (data/event_types.yaml)."""
    path = Path(__file__).resolve().parent.parent / "data" / "event_types.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {name: float(t.get("goldstein", 0.0)) for name, t in raw.items()
            if isinstance(t, dict)}


def text_hash(text: str) -> str:
    """The hash that recognises the same text coded again under another id."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def actor_key(a: Actor) -> str:
    """The identity an actor mention stands for: a person by name, an organization
    by acronym, anything else by its CAMEO-style code (``GHAGOV``)."""
    if a.kind == "person" and a.name:
        return "person:" + a.name.casefold()
    if a.org:
        return "org:" + a.org
    if a.code or a.country:
        return "code:" + str(a.code or a.country)
    return "text:" + (a.name or a.text).casefold()


def _actor_name(a: Actor) -> str | None:
    if a.kind == "person" or a.org:
        return a.name
    if a.kind == "state" and a.code == a.country:
        return a.name
    return None


def event_day(e: Event, published: str | None) -> str:
    """The day an event is dated to, YYYY-MM-DD, or '' when nothing dates it."""
    if e.date is not None:
        if e.date.begin and _ISO_DAY.match(e.date.begin[:10]):
            return e.date.begin[:10]
        if _ISO_DAY.match(e.date.value[:10]):
            return e.date.value[:10]
    if e.date_source == "published" and published and _ISO_DAY.match(published[:10]):
        return published[:10]
    return ""


class Store:
    """A read-write connection to the event store; ``write`` one ArticleResult at a time."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.conn = connect(self.path)
        self._actor_ids: dict[str, int] = {}
        self._merger: Any = None  # dyad.merge.storage.StoreMerger, made at the first write
        self._replaced: list[int] = []

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Commit and close; safe to call twice."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]

    def write(self, result: ArticleResult) -> int:
        """Store one coded article, replacing an earlier coding of it; returns its row id."""
        from dyad.merge.storage import StoreMerger

        if self._merger is None:
            # Event clusters (dyad.merge) are read once, from one snapshot, without
            # holding the write lock: other processes may go on writing meanwhile.
            self.conn.execute("BEGIN")
            try:
                self._merger = StoreMerger(self.conn)
            finally:
                self.conn.commit()
        # One transaction per article, so readers never see half of one. IMMEDIATE
        # takes the write lock first: another process writing the same store waits
        # (busy timeout) instead of failing, and what it wrote is caught up here.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            with self.conn:
                if not self._merger.catch_up(self.conn):
                    self._merger = StoreMerger(self.conn)  # fell behind the log: rebuild
                    self._merger.catch_up(self.conn)
                pk = self._write(result)
                # Event clusters stay current article by article (dyad.merge).
                self._merger.update(self.conn, self._replaced, pk)
                return pk
        except BaseException:
            # The transaction rolled back but the in-memory clusters may already
            # hold some of it: rebuild them from the store at the next write.
            self._merger = None
            raise

    def counts(self) -> dict[str, int]:
        """Rows per table (for tests and ``dyad info``-style summaries)."""
        from dyad.store.schema import TABLES

        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in TABLES}

    # -- internals --------------------------------------------------------------

    def _write(self, result: ArticleResult) -> int:
        art = result.article
        digest = text_hash(art.text)
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE article_id = ? OR text_hash = ? "
            "OR (url IS NOT NULL AND url = ?) ORDER BY id",
            (art.id, digest, art.url)).fetchall()
        keep = rows[0][0] if rows else None
        self._replaced = [r[0] for r in rows]
        for (old,) in rows:
            self.conn.execute("DELETE FROM articles WHERE id = ?", (old,))
        # the spans and events live in their own tables; the record keeps what has none
        record = {"article": {k: v for k, v in art.to_dict().items() if k != "text"},
                  "errors": [e.to_dict() for e in result.errors]}
        cur = self.conn.execute(
            "INSERT INTO articles (id, article_id, url, title, published, source, language, "
            "text, text_hash, coded_at, n_events, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (keep, art.id, art.url, art.title, art.published, art.source, art.language,
             art.text, digest, datetime.now(UTC).isoformat(timespec="seconds"),
             len(result.events), json.dumps(record, ensure_ascii=False)))
        pk = int(cur.lastrowid or keep or 0)
        day = (art.published or "")[:10]
        self.conn.executemany(
            'INSERT INTO actor_mentions (article, actor, text, start, "end", role, day) '
            "VALUES (?,?,?,?,?,?,?)",
            [(pk, self._actor(a), a.text, a.start, a.end, a.role, day) for a in result.actors])
        self.conn.executemany(
            'INSERT INTO places (article, text, start, "end", name, country, lat, lon, feature) '
            "VALUES (?,?,?,?,?,?,?,?,?)",
            [(pk, p.text, p.start, p.end, p.name, p.country, p.lat, p.lon, p.feature)
             for p in result.places])
        self.conn.executemany(
            'INSERT INTO times (article, text, start, "end", type, value, "begin", end_date, '
            "anchor) VALUES (?,?,?,?,?,?,?,?,?)",
            [(pk, t.text, t.start, t.end, t.type, t.value, t.begin, t.end_date, t.anchor)
             for t in result.times])
        self.conn.executemany(
            'INSERT INTO quotes (article, quote_id, text, start, "end", kind, cue, speaker, '
            "record) VALUES (?,?,?,?,?,?,?,?,?)",
            [(pk, q.id, q.text, q.start, q.end, q.kind, q.cue,
              self._actor(q.speaker) if q.speaker else None,
              json.dumps(q.to_dict(), ensure_ascii=False)) for q in result.quotes])
        for e in result.events:
            self._event(pk, e, art.published)
        self._ledger(pk, result)
        return pk

    def _actor(self, a: Actor) -> int:
        key = actor_key(a)
        got = self._actor_ids.get(key)
        if got is not None:
            return got
        self.conn.execute(
            "INSERT INTO actors (key, name, code, country, org, sector, kind) "
            "VALUES (?,?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET "
            "name = COALESCE(actors.name, excluded.name)",
            (key, _actor_name(a), a.code, a.country, a.org, a.sector, a.kind))
        got = int(self.conn.execute("SELECT id FROM actors WHERE key = ?", (key,)).fetchone()[0])
        self._actor_ids[key] = got
        return got

    def _event(self, article_pk: int, e: Event, published: str | None) -> None:
        loc = e.location
        cur = self.conn.execute(
            "INSERT INTO events (event_id, article, day, event, cameo, mode, quad, negated, "
            "modality, date_source, goldstein, source, target, location, location_country, "
            "lat, lon, trigger_text, trigger_start, trigger_end, sentence_text, confidence, "
            "quote_id, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            # An event id repeated within one article keeps the last coding of it.
            "ON CONFLICT(article, event_id) DO UPDATE SET event_id = excluded.event_id "
            "RETURNING id",
            (e.id, article_pk, event_day(e, published), e.event, e.cameo, e.mode, e.quad,
             int(e.negated), e.modality, e.date_source, goldstein_scores().get(e.event),
             _codes(e.source), _codes(e.target), loc.name if loc else None,
             loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
             e.trigger.text, e.trigger.start, e.trigger.end, e.text.strip(), e.confidence,
             e.quote_id, json.dumps(e.to_dict(), ensure_ascii=False)))
        event_pk = cur.fetchone()[0]
        sides: dict[tuple[str, int], str | None] = {}
        for side, actors in (("S", e.source), ("T", e.target)):
            for a in actors:
                sides[(side, self._actor(a))] = a.country
        self.conn.executemany(
            "INSERT OR IGNORE INTO event_actors (event, side, actor, country) VALUES (?,?,?,?)",
            [(event_pk, side, actor, country) for (side, actor), country in sides.items()])

    def _ledger(self, article_pk: int, result: ArticleResult) -> None:
        for c in result.commitments:
            self.conn.execute(
                "INSERT INTO commitments (article, commitment_id, name, provision, day, record) "
                "VALUES (?,?,?,?,?,?)",
                (article_pk, c.get("id"), c.get("name"), c.get("provision"), _day_of(c.get("date")),
                 json.dumps(c, ensure_ascii=False)))
        for x in result.contradictions:
            self.conn.execute(
                "INSERT INTO contradictions (article, contradiction_id, commitment_id, basis, day, "
                "record) VALUES (?,?,?,?,?,?)",
                (article_pk, x.get("id"), x.get("commitment_id"), x.get("basis"),
                 _day_of(x.get("date")), json.dumps(x, ensure_ascii=False)))


def _codes(actors: list[Actor]) -> str:
    return ";".join(dict.fromkeys(a.code or a.org or a.country or a.text for a in actors))


def _day_of(value: Any) -> str | None:
    """A ledger record's date (a TimeValue dict or an ISO string) as YYYY-MM-DD."""
    if isinstance(value, dict):
        value = value.get("begin") or value.get("value")
    if isinstance(value, str) and _ISO_DAY.match(value[:10]):
        return value[:10]
    return None


def write_results(path: str | Path, results: list[ArticleResult]) -> None:
    """Write several results into the store at ``path`` (a convenience for scripts)."""
    with Store(path) as store:
        for r in results:
            store.write(r)
