"""``dyad export``: events, PLOVER, GDELT-style TSV, CSV and Parquet from a store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyad.cli.app import app
from dyad.errors import UsageError
from dyad.records import Event
from dyad.store import connect
from dyad.store.export import GDELT_COLUMNS, export
from tests.test_store_fixtures import build_db


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_db(tmp_path / "s.db", extra=3)


def _text(db: Path, fmt: str) -> str:
    out = io.StringIO()
    export(connect(db, readonly=True), fmt, out)
    return out.getvalue()


def test_events_are_dyad_event_records(db: Path) -> None:
    lines = _text(db, "events").splitlines()
    assert len(lines) == 9
    events = [Event.from_dict(json.loads(line)) for line in lines]
    assert {e.event for e in events} == {"ACCUSE", "REJECT"}


def test_plover_records(db: Path) -> None:
    recs = [json.loads(line) for line in _text(db, "plover").splitlines()]
    accuse = next(r for r in recs if r["event"] == "ACCUSE" and r["date"] == "2023-03-14")
    assert accuse["source"] == [{"actorText": "Armenia", "code": "ARM", "country": "ARM",
                                 "org": None, "sector": None}]
    assert accuse["target"][0]["code"] == "AZE"
    assert accuse["eventText"] == "accused" and accuse["text"].startswith("Armenia accused")
    assert {"id", "date", "mode", "context", "quad", "negated"} <= set(accuse)


def test_gdelt_rows(db: Path) -> None:
    rows = list(csv.reader(io.StringIO(_text(db, "gdelt")), delimiter="\t"))
    assert tuple(rows[0]) == GDELT_COLUMNS
    assert all(len(r) == len(GDELT_COLUMNS) for r in rows)
    row = dict(zip(GDELT_COLUMNS, rows[-1], strict=True))
    assert row["SQLDATE"] == "20230501"  # the hostile article's event, last by date
    first = dict(zip(GDELT_COLUMNS, next(r for r in rows[1:] if r[1] == "20230314"),
                     strict=True))
    assert (first["Actor1Code"], first["Actor2Code"], first["QuadClass"]) == ("ARM", "AZE", "3")
    assert first["GoldsteinScale"] == "-2"  # ACCUSE in data/event_types.yaml
    assert first["ActionGeo_FullName"] == "Goris" and first["ActionGeo_Lat"] == "39.5"
    assert first["SOURCEURL"] == "https://example.org/a1"


def test_csv_has_snake_case_header(db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_text(db, "csv"))))
    assert len(rows) == 9
    assert all(k == k.lower() and " " not in k for k in rows[0])
    assert {"day", "goldstein", "url", "event", "source", "target"} <= set(rows[0])


def test_parquet_is_partitioned_by_year_and_month(db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "pq"
    assert export(connect(db, readonly=True), "parquet", out_dir=out) == 9
    assert (out / "year=2023" / "month=3").is_dir()
    table = pq.read_table(out)
    assert table.num_rows == 9
    assert all(c == c.lower() for c in table.column_names)


def test_unknown_format_and_parquet_without_folder(db: Path) -> None:
    with pytest.raises(UsageError, match="E304"):
        export(connect(db, readonly=True), "xml", io.StringIO())
    with pytest.raises(UsageError, match="E305"):
        export(connect(db, readonly=True), "parquet", io.StringIO())


def test_export_command(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.tsv"
    res = CliRunner().invoke(app, ["export", str(db), "--format", "gdelt", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 10
    res = CliRunner().invoke(app, ["export", str(db), "--format", "plover"])
    assert res.exit_code == 0 and res.stdout.count("\n") == 9
