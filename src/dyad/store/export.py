"""Exports of the store: dyad's Event records, PLOVER, GDELT-style TSV, CSV and Parquet.

Each exporter streams events in date order from a read-only connection.

>>> export(connect("dyad.db", readonly=True), "plover", sys.stdout)   # doctest: +SKIP
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from dyad import __version__
from dyad.errors import Messages, UsageError
from dyad.output.formats import CSV_COLUMNS, event_row
from dyad.records import Event
from dyad.store.queries import event_records

FORMATS = ("events", "plover", "gdelt", "csv", "parquet")

GDELT_COLUMNS = (
    "GlobalEventID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor2Code", "Actor2Name", "Actor2CountryCode", "IsRootEvent",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL", "PloverEvent", "Negated",
)  # fmt: skip
TABLE_COLUMNS = (*CSV_COLUMNS, "day", "goldstein", "url", "published")


def _rows(conn: sqlite3.Connection) -> Iterator[tuple[str, float | None, str | None,
                                                      str | None, dict[str, Any]]]:
    yield from event_records(conn)


def plover_record(day: str, rec: dict[str, Any], url: str | None,
                  published: str | None) -> dict[str, Any]:
    """One event as a PLOVER-style record (the field names of PLOVER's data format)."""
    def side(actors: list[dict[str, Any]]) -> list[dict[str, Any]] | str:
        return [{"actorText": a["text"], "code": a.get("code") or a.get("org")
                 or a.get("country") or "", "country": a.get("country"), "org": a.get("org"),
                 "sector": a.get("sector")} for a in actors] or ""
    loc = rec.get("location")
    return {
        "id": rec["id"], "date": day or None, "source": side(rec["source"]),
        "target": side(rec["target"]), "event": rec["event"], "mode": rec.get("mode") or "",
        "context": ", ".join(rec.get("context") or []), "eventText": rec["trigger"]["text"],
        "text": rec["text"].strip(), "cameo": rec.get("cameo"), "quad": rec["quad"],
        "negated": rec["negated"], "modality": rec["modality"],
        "location": ({"placeText": loc["text"], "name": loc.get("name"),
                      "country": loc.get("country"), "lat": loc.get("lat"),
                      "lon": loc.get("lon")} if loc else None),
        "language": "en", "publication": url, "publicationDate": published,
        "articleId": rec["article_id"], "coder": f"dyad {__version__}",
        "dateCoded": datetime.now(UTC).date().isoformat(),
    }


def gdelt_row(n: int, day: str, goldstein: float | None, rec: dict[str, Any],
              url: str | None) -> list[str]:
    """One event as a GDELT-style row (the first source and first target actor)."""
    def first(actors: list[dict[str, Any]]) -> tuple[str, str, str]:
        if not actors:
            return "", "", ""
        a = actors[0]
        return (a.get("code") or a.get("org") or a.get("country") or "",
                (a.get("name") or a["text"]).upper(), a.get("country") or "")
    compact = day.replace("-", "")
    cameo = rec.get("cameo") or ""
    loc = rec.get("location") or {}
    return [str(n), compact, compact[:6], compact[:4], *first(rec["source"]),
            *first(rec["target"]), "1", cameo, cameo[:3], cameo[:2], str(rec["quad"]),
            "" if goldstein is None else f"{goldstein:g}", loc.get("name") or "",
            loc.get("country") or "", _num(loc.get("lat")), _num(loc.get("lon")),
            datetime.now(UTC).strftime("%Y%m%d"), url or rec["article_id"], rec["event"],
            "1" if rec["negated"] else "0"]


def _num(v: Any) -> str:
    return "" if v is None else f"{float(v):g}"


def table_row(day: str, goldstein: float | None, url: str | None, published: str | None,
              rec: dict[str, Any]) -> dict[str, Any]:
    """One event as a flat row with snake_case columns (CSV and Parquet)."""
    row = event_row(Event.from_dict(rec))
    row.update(day=day, goldstein=goldstein, url=url or "", published=published or "")
    return row


def export(conn: sqlite3.Connection, fmt: str, out: TextIO | None = None,
           out_dir: Path | None = None, as_happened: bool = False) -> int:
    """Write every stored event in ``fmt`` to ``out`` (text formats) or ``out_dir``
    (parquet); returns the number of events written. ``as_happened`` (events format)
    writes one record per cluster of reports instead, with its counts."""
    if fmt not in FORMATS:
        raise UsageError(Messages.E304, value=fmt, options=", ".join(FORMATS))
    if as_happened:
        from dyad.merge.storage import cluster_records

        if fmt != "events" or out is None:
            raise UsageError(Messages.E306, name="--as-happened", value=fmt,
                             expected="only with --format events")
        n = 0
        for rec in cluster_records(conn):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "parquet":
        if out_dir is None:
            raise UsageError(Messages.E305)
        return write_parquet(conn, out_dir)
    assert out is not None
    n = 0
    if fmt in ("events", "plover"):
        for day, _g, url, published, rec in _rows(conn):
            obj = rec if fmt == "events" else plover_record(day, rec, url, published)
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "gdelt":
        w = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(GDELT_COLUMNS)
        for day, g, url, published, rec in _rows(conn):
            n += 1
            # GDELT dates every row (by its article); an undated event takes the article's
            w.writerow(gdelt_row(n, day or (published or "")[:10], g, rec, url))
    else:
        dw = csv.DictWriter(out, fieldnames=TABLE_COLUMNS, lineterminator="\n")
        dw.writeheader()
        for day, g, url, published, rec in _rows(conn):
            dw.writerow(table_row(day, g, url, published, rec))
            n += 1
    return n


def write_parquet(conn: sqlite3.Connection, out_dir: Path, batch: int = 50_000) -> int:
    """Parquet dataset under ``out_dir``, partitioned ``year=YYYY/month=M``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out_dir.mkdir(parents=True, exist_ok=True)
    n = 0
    buf: list[dict[str, Any]] = []

    def flush() -> None:
        if not buf:
            return
        table = pa.Table.from_pylist(buf)
        pq.write_to_dataset(table, root_path=str(out_dir), partition_cols=["year", "month"],
                            basename_template=f"part-{n}-{{i}}.parquet")
        buf.clear()

    for day, g, url, published, rec in _rows(conn):
        row = table_row(day, g, url, published, rec)
        row["year"] = int(day[:4]) if day else None
        row["month"] = int(day[5:7]) if day else None
        buf.append(row)
        n += 1
        if len(buf) >= batch:
            flush()
    flush()
    return n
