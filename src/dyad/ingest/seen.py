"""What has been read already, by URL and by content hash, kept in the run's SQLite file.

``dyad watch`` asks here before fetching an entry and records each outcome
after it, so a restart neither recodes nor forgets. The table lives in the same
database file as the event store (``--db``), beside the store's own tables, and
is created with ``CREATE TABLE IF NOT EXISTS``: it needs no schema migration.

>>> seen = SeenStore(":memory:")
>>> seen.mark_coded("https://a.example/1", "sha256:ab", "https://a.example/1")
>>> seen.done("https://a.example/1"), seen.copy_of("sha256:ab")
(True, 'https://a.example/1')
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from dyad.ingest.dedup import content_hash
from dyad.records import Article

MAX_ATTEMPTS = 3
"""Rounds an entry whose page keeps failing is tried in, before it is given up."""

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS ingest_seen (
        url TEXT PRIMARY KEY,            -- the entry's (or input's) URL as listed
        text_hash TEXT,                  -- dyad.ingest.dedup.content_hash of its text
        article_id TEXT,                 -- the article coded for that text (a copy's first)
        status TEXT NOT NULL,            -- coded | duplicate | failed
        attempts INTEGER NOT NULL DEFAULT 0,
        reason TEXT,                     -- the last failure's message
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS ingest_seen_hash ON ingest_seen(text_hash)",
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SeenStore:
    """The ``ingest_seen`` table of the SQLite database at ``path`` (created if needed)."""

    def __init__(self, path: str | Path, max_attempts: int = MAX_ATTEMPTS) -> None:
        self.max_attempts = max_attempts
        self.conn: sqlite3.Connection | None = sqlite3.connect(str(path), timeout=30)
        if str(path) != ":memory:":
            # The store writes the same file; WAL lets a reader and us go on together.
            self.conn.execute("PRAGMA journal_mode=WAL")
        with self.conn:
            for sql in _SCHEMA:
                self.conn.execute(sql)

    def _db(self) -> sqlite3.Connection:
        if self.conn is None:
            raise ValueError("SeenStore is closed")
        return self.conn

    def close(self) -> None:
        """Close the connection (every change is already committed)."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self) -> SeenStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def done(self, url: str) -> bool:
        """True when ``url`` needs no more work: coded, a known copy, or failed too often."""
        row = self._db().execute("SELECT status, attempts FROM ingest_seen WHERE url = ?",
                                 (url,)).fetchone()
        if row is None:
            return False
        status, attempts = row
        return status != "failed" or attempts >= self.max_attempts

    def copy_of(self, text_hash: str) -> str | None:
        """The article id already coded for this content hash, or None."""
        row = self._db().execute(
            "SELECT article_id FROM ingest_seen WHERE text_hash = ? AND status = 'coded' "
            "ORDER BY first_seen LIMIT 1", (text_hash,)).fetchone()
        return row[0] if row else None

    def _put(self, url: str, text_hash: str | None, article_id: str | None, status: str,
             reason: str | None = None) -> None:
        now = _now()
        with self._db() as db:
            db.execute(
                "INSERT INTO ingest_seen (url, text_hash, article_id, status, attempts, reason, "
                "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET text_hash = excluded.text_hash, "
                "article_id = excluded.article_id, status = excluded.status, "
                "attempts = ingest_seen.attempts + excluded.attempts, "
                "reason = excluded.reason, last_seen = excluded.last_seen",
                (url, text_hash, article_id, status, 1 if status == "failed" else 0, reason,
                 now, now))

    def mark_coded(self, url: str, text_hash: str, article_id: str) -> None:
        """Record that ``url``'s text (``text_hash``) was coded as ``article_id``."""
        self._put(url, text_hash, article_id, "coded")

    def mark_duplicate(self, url: str, text_hash: str, first_id: str) -> None:
        """Record ``url`` as another address of the story coded as ``first_id``."""
        self._put(url, text_hash, first_id, "duplicate")

    def mark_failed(self, url: str, reason: str) -> int:
        """Record a failed attempt at ``url``; returns the attempts so far."""
        self._put(url, None, None, "failed", reason)
        row = self._db().execute("SELECT attempts FROM ingest_seen WHERE url = ?",
                                 (url,)).fetchone()
        return int(row[0]) if row else 1

    def aliases(self, article_id: str) -> list[str]:
        """Every URL remembered for the story coded as ``article_id`` (itself included)."""
        rows = self._db().execute(
            "SELECT url FROM ingest_seen WHERE article_id = ? ORDER BY first_seen, url",
            (article_id,)).fetchall()
        return [r[0] for r in rows]

    def counts(self) -> dict[str, int]:
        """Rows by status."""
        rows = self._db().execute("SELECT status, COUNT(*) FROM ingest_seen GROUP BY status")
        return {status: n for status, n in rows}


class DuplicateLog:
    """An ``on_duplicate`` callback for ``read_inputs``: says each copy with ``say`` and,
    given a database path, remembers the copy's URL (or id) as an alias there."""

    def __init__(self, say: Callable[[str], None], db: str | Path | None = None) -> None:
        self.say = say
        self.db = db
        self.count = 0

    def __call__(self, copy: Article, first_id: str) -> None:
        self.count += 1
        self.say(f"dyad: {copy.id}: same text as {first_id}; coded once, not again")
        if self.db is not None:
            with SeenStore(self.db) as seen:
                digest = content_hash(copy.text)
                if seen.copy_of(digest) is None:
                    seen.mark_coded(first_id, digest, first_id)
                seen.mark_duplicate(copy.id, digest, first_id)
