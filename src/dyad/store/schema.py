"""The SQLite schema of the event store, its version table and its migrations.

A database records the schema version it was made with; opening it with a newer
dyad applies the missing migrations in order, inside one transaction each, so an
older database keeps working. A database newer than this dyad is refused with a
message rather than misread.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from dyad.errors import ConfigError, Messages
from dyad.merge.storage import MIGRATION as CLUSTERS_V2
from dyad.merge.storage import WRITE_LOG as WRITE_LOG_V3

# Version 1: the whole first schema. A later change appends (version, statements);
# never edit a released entry, since databases in the field were made with it.
_V1 = [
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY,            -- stable across re-coding; used in URLs
        article_id TEXT NOT NULL UNIQUE,   -- the Article record's id
        url TEXT, title TEXT, published TEXT, source TEXT, language TEXT,
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        coded_at TEXT NOT NULL,
        n_events INTEGER NOT NULL DEFAULT 0,
        record TEXT NOT NULL               -- the Article record minus text, and errors, JSON
    )""",
    "CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL",
    "CREATE INDEX articles_hash ON articles(text_hash)",
    "CREATE INDEX articles_published ON articles(published)",
    # Actors are identities (who), shared across articles; mentions are where.
    """CREATE TABLE actors (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT, code TEXT, country TEXT, org TEXT, sector TEXT, kind TEXT
    )""",
    "CREATE INDEX actors_code ON actors(code)",
    "CREATE INDEX actors_country ON actors(country)",
    """CREATE TABLE actor_mentions (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor INTEGER NOT NULL REFERENCES actors(id),
        text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        role TEXT, day TEXT
    )""",
    "CREATE INDEX mentions_article ON actor_mentions(article)",
    "CREATE INDEX mentions_actor ON actor_mentions(actor, day)",
    """CREATE TABLE places (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        name TEXT, country TEXT, lat REAL, lon REAL, feature TEXT
    )""",
    "CREATE INDEX places_article ON places(article)",
    """CREATE TABLE times (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        type TEXT, value TEXT, "begin" TEXT, end_date TEXT, anchor TEXT
    )""",
    "CREATE INDEX times_article ON times(article)",
    """CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        quote_id TEXT, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        kind TEXT, cue TEXT, speaker INTEGER REFERENCES actors(id), record TEXT NOT NULL
    )""",
    "CREATE INDEX quotes_article ON quotes(article)",
    # day: YYYY-MM-DD the event is dated to ('' when unknown), so that range
    # filters and keyset paging use one index.
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        day TEXT NOT NULL DEFAULT '',
        event TEXT NOT NULL, cameo TEXT, mode TEXT, quad INTEGER NOT NULL,
        negated INTEGER NOT NULL, modality TEXT, date_source TEXT,
        goldstein REAL,
        source TEXT, target TEXT,          -- actor codes joined by ';', for display
        location TEXT, location_country TEXT, lat REAL, lon REAL,
        trigger_text TEXT, trigger_start INTEGER, trigger_end INTEGER,
        sentence_text TEXT, confidence REAL, quote_id TEXT,
        record TEXT NOT NULL,              -- the Event record, JSON
        UNIQUE (article, event_id)
    )""",
    "CREATE INDEX events_day ON events(day, id)",
    "CREATE INDEX events_type_day ON events(event, day, id)",
    "CREATE INDEX events_quad_day ON events(quad, day, id)",
    "CREATE INDEX events_article ON events(article)",
    "CREATE INDEX events_location_country ON events(location_country)",
    # One row per actor on each side of an event: actor and pair questions.
    """CREATE TABLE event_actors (
        event INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        side TEXT NOT NULL CHECK (side IN ('S', 'T')),
        actor INTEGER NOT NULL REFERENCES actors(id),
        country TEXT,
        PRIMARY KEY (event, side, actor)
    ) WITHOUT ROWID""",
    "CREATE INDEX event_actors_actor ON event_actors(actor, side, event)",
    "CREATE INDEX event_actors_country ON event_actors(country, event)",
    """CREATE TABLE commitments (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        commitment_id TEXT, name TEXT, provision TEXT, day TEXT, record TEXT NOT NULL
    )""",
    "CREATE INDEX commitments_article ON commitments(article)",
    """CREATE TABLE contradictions (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        contradiction_id TEXT, commitment_id TEXT, basis TEXT, day TEXT,
        record TEXT NOT NULL
    )""",
    "CREATE INDEX contradictions_article ON contradictions(article)",
    "CREATE INDEX contradictions_commitment ON contradictions(commitment_id)",
]

# Version 2: event clusters (dyad.merge): events.cluster_id and the clusters table.
# Version 3: the write log that keeps several writers' clusters current.
MIGRATIONS: list[tuple[int, list[str]]] = [(1, _V1), (2, CLUSTERS_V2), (3, WRITE_LOG_V3)]

TABLES = ("articles", "actors", "actor_mentions", "places", "times", "quotes", "events",
          "event_actors", "commitments", "contradictions")


def latest_version() -> int:
    """The schema version this dyad writes."""
    return MIGRATIONS[-1][0]


def schema_version(conn: sqlite3.Connection) -> int:
    """The version a database is at: 0 for an empty file."""
    row = conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                       "AND name='schema_version'").fetchone()
    if row is None:
        return 0
    got = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(got[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to ``latest_version()``; returns the version reached.

    Raises ``ConfigError`` (E302) for a database made by a newer dyad.
    """
    current = schema_version(conn)
    if current > latest_version():
        raise ConfigError(Messages.E302, found=current, known=latest_version())
    if current == 0:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                      "version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
    for version, statements in MIGRATIONS:
        if version <= current:
            continue
        with conn:  # one transaction per migration: all of it or none
            for sql in statements:
                conn.execute(sql)
            conn.execute("INSERT INTO schema_version (version, applied) VALUES (?, ?)",
                         (version, datetime.now(UTC).isoformat(timespec="seconds")))
        current = version
    return current


def connect(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    """Open a store: read-write (created and migrated as needed) or read-only.

    Read-only connections use SQLite's ``mode=ro`` and ``query_only`` so nothing
    that holds one can write; they need an existing database (E301 otherwise).
    A database at an older schema version is migrated first.
    """
    path = Path(path)
    if readonly:
        if not path.is_file():
            raise ConfigError(Messages.E301, path=path)
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        try:
            version = schema_version(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise ConfigError(Messages.E303, path=path, detail=exc) from exc
        if version == 0:
            conn.close()
            raise ConfigError(Messages.E303, path=path, detail="no schema_version table")
        if version > latest_version():
            conn.close()
            raise ConfigError(Messages.E302, found=version, known=latest_version())
        if version < latest_version():
            # An older database: migrate it once (the only write a reader does),
            # then reopen read-only.
            conn.close()
            connect(path).close()
            return connect(path, readonly=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Writers wait for each other's (short, one-article) transactions.
        conn = sqlite3.connect(path, timeout=60)
        try:
            # WAL: the web UI reads while a coding run writes.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise ConfigError(Messages.E303, path=path, detail=exc) from exc
    conn.row_factory = sqlite3.Row
    return conn
