"""The event store: idempotent writes, migrations, read-only access, filters and paging."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dyad.errors import ConfigError, UsageError
from dyad.store import EventFilter, Store, connect, latest_version, queries, schema
from dyad.store.writer import event_day
from tests.test_store_fixtures import TEXT, build_db, hostile_result, sample_result


def test_same_article_twice_keeps_row_counts(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        first = store.write(sample_result())
        counts = store.counts()
        again = store.write(sample_result())
        assert store.counts() == counts
        assert again == first  # the article keeps its row id, so links stay valid
    assert counts["events"] == 2 and counts["quotes"] == 1 and counts["articles"] == 1


def test_same_text_under_another_id_replaces(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.write(sample_result("a1", url=None))
        store.write(sample_result("copy-of-a1", url=None))
        assert store.counts()["articles"] == 1
        row = store.conn.execute("SELECT article_id FROM articles").fetchone()
        assert row[0] == "copy-of-a1"


def test_same_url_with_edited_text_replaces(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.write(sample_result("a1", url="https://example.org/x"))
        store.write(sample_result("a2", url="https://example.org/x", text=TEXT + " Updated."))
        assert store.counts()["articles"] == 1
        assert store.counts()["events"] == 2


def test_store_is_wal_and_versioned(tmp_path: Path) -> None:
    db = build_db(tmp_path / "s.db")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema.schema_version(conn) == latest_version()


def test_read_only_connection_cannot_write(tmp_path: Path) -> None:
    conn = connect(build_db(tmp_path / "s.db"), readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM events")
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 3


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="E301"):
        connect(tmp_path / "nope.db", readonly=True)
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(ConfigError, match="E303"):
        connect(tmp_path / "junk.db", readonly=True)


def test_older_database_is_migrated_and_newer_refused(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    db = build_db(tmp_path / "s.db")
    # a later dyad adds a migration: the old file opens and gains it, data intact
    v2 = (latest_version() + 1, ["ALTER TABLE events ADD COLUMN reviewed INTEGER DEFAULT 0"])
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, v2])
    conn = connect(db, readonly=True)
    assert schema.schema_version(conn) == v2[0]
    assert conn.execute("SELECT COUNT(*) FROM events WHERE reviewed = 0").fetchone()[0] == 3
    conn.close()
    # and the dyad before it refuses the newer file rather than misreading it
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:-1])
    with pytest.raises(ConfigError, match="E302"):
        connect(db, readonly=True)
    with pytest.raises(ConfigError, match="E302"):
        Store(db)


def test_event_day_prefers_the_interval_then_published() -> None:
    r = sample_result()
    assert event_day(r.events[0], "2023-03-18") == "2023-03-14"
    assert event_day(r.events[1], "2023-03-18") == ""
    r.events[1].date_source = "published"
    assert event_day(r.events[1], "2023-03-18") == "2023-03-18"


def _ids(conn: sqlite3.Connection, **params: str) -> list[int]:
    return [r["id"] for r in queries.events(conn, EventFilter.from_params(params),
                                            size=500)["rows"]]


def test_filters(tmp_path: Path) -> None:
    conn = connect(build_db(tmp_path / "s.db", extra=3), readonly=True)
    everything = _ids(conn)
    assert len(everything) == 9
    assert len(_ids(conn, event="ACCUSE")) == 5
    assert len(_ids(conn, negated="true")) == 4
    assert len(_ids(conn, negated="false")) == 5
    assert len(_ids(conn, since="2023-01-01")) == 2  # undated events drop out of ranges
    assert len(_ids(conn, until="2022-12-31")) == 3
    assert len(_ids(conn, country="aze")) == 9
    assert len(_ids(conn, actor="Azerbaijan")) == len(_ids(conn, actor="AZE")) == 9
    assert len(_ids(conn, source="ARM", target="AZE")) == 5
    assert len(_ids(conn, source="AZE", target="ARM")) == 4
    assert _ids(conn, article="1") == [1, 2]  # dated first, undated last
    assert len(_ids(conn, quad="1,2")) == 0


@pytest.mark.parametrize("params", [
    {"since": "2023-13-45x"}, {"event": "BOMB"}, {"quad": "7"}, {"country": "ARME"},
    {"negated": "maybe"}, {"article": "1 OR 1=1"},
])
def test_bad_filter_values_are_usage_errors(params: dict[str, str]) -> None:
    with pytest.raises(UsageError, match="E306"):
        EventFilter.from_params(params)


@pytest.mark.parametrize("value", [
    "' OR '1'='1", "ARM'; DROP TABLE events;--", "1 OR 1=1", "%", "\u202eMRA", "<script>",
])
def test_hostile_filter_values_only_ever_match_literally(tmp_path: Path, value: str) -> None:
    conn = connect(build_db(tmp_path / "s.db"), readonly=True)
    for name in ("actor", "source", "target"):
        assert _ids(conn, **{name: value}) == []
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 3


def test_keyset_paging_visits_every_event_once(tmp_path: Path) -> None:
    conn = connect(build_db(tmp_path / "s.db", extra=40), readonly=True)
    flt = EventFilter()
    seen: list[int] = []
    cursor = None
    while True:
        page = queries.events(conn, flt, cursor, size=7)
        assert page["total"] == 83
        seen += [r["id"] for r in page["rows"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 83
    with pytest.raises(UsageError):
        queries.parse_cursor("2023-01-01.5; DROP TABLE events")


def test_hostile_article_is_stored_verbatim(tmp_path: Path) -> None:
    conn = connect(build_db(tmp_path / "s.db"), readonly=True)
    row = conn.execute("SELECT id, text, title FROM articles WHERE article_id = ?",
                       (hostile_result().article.id,)).fetchone()
    assert row["text"] == hostile_result().article.text
    art = queries.article(conn, row["id"])
    assert art is not None and art["events"][0]["trigger_text"] == "accused"


def test_timeline_network_actor_overview(tmp_path: Path) -> None:
    conn = connect(build_db(tmp_path / "s.db", extra=2), readonly=True)
    tl = queries.timeline(conn, EventFilter(), "month", "quad")
    assert tl["total"] == sum(r["count"] for r in tl["rows"]) == 4
    assert {r["key"] for r in tl["rows"]} == {"3"}
    net = queries.network(conn, EventFilter())
    pairs = {(r["source_label"], r["target_label"]): r for r in net["rows"]}
    assert pairs[("Armenia (ARM)", "Azerbaijan (AZE)")]["conflict"] == 4
    assert all(r["tone"] == "conflict" for r in net["rows"])
    minister = conn.execute("SELECT id FROM actors WHERE kind = 'person'").fetchone()[0]
    info = queries.actor(conn, minister)
    assert info is not None and info["roles"][0]["role"] == "Foreign Minister"
    ov = queries.overview(conn)
    assert ov["counts"]["articles"] == 4 and ov["counts"]["events"] == 7
    assert queries.ledger(conn)["rows"] == []


def test_ui_reads_while_coding_writes(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.write(sample_result("a1", url=None))
        reader = connect(db, readonly=True)  # opened while the writer is open
        assert reader.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
        store.write(sample_result("a2", url=None, text=TEXT + " More."))
        assert reader.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
