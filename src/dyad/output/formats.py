"""Output formats of ``dyad code``: events | article | csv | table.

Each writer takes one ``ArticleResult`` at a time so output streams as coding
goes; ``close()`` finishes what needs the whole run (the table's width).
"""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from dyad.errors import Messages, UsageError
from dyad.records import Actor, ArticleResult, Event

FORMATS = ("events", "article", "csv", "table")

CSV_COLUMNS = (
    "id", "article_id", "sentence", "event", "cameo", "mode", "context", "quad", "negated",
    "modality", "source", "source_text", "target", "target_text", "date", "date_source",
    "location", "location_country", "trigger", "trigger_start", "trigger_end", "confidence",
    "quote_id", "text",
)  # fmt: skip


def actor_label(a: Actor) -> str:
    """Short code for an actor: CAMEO-style code, else organization or country."""
    return a.code or a.org or a.country or "?"


def _side(actors: list[Actor]) -> str:
    return ";".join(actor_label(a) for a in actors)


def event_row(e: Event) -> dict[str, Any]:
    """An event as a flat row (CSV and table)."""
    return {
        "id": e.id,
        "article_id": e.article_id,
        "sentence": e.sentence,
        "event": e.event,
        "cameo": e.cameo,
        "mode": e.mode or "",
        "context": ";".join(e.context),
        "quad": e.quad,
        "negated": e.negated,
        "modality": e.modality,
        "source": _side(e.source),
        "source_text": ";".join(a.text for a in e.source),
        "target": _side(e.target),
        "target_text": ";".join(a.text for a in e.target),
        "date": e.date.value if e.date else "",
        "date_source": e.date_source,
        "location": e.location.name if e.location else "",
        "location_country": (e.location.country or "") if e.location else "",
        "trigger": e.trigger.text,
        "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end,
        "confidence": round(e.confidence, 3),
        "quote_id": e.quote_id or "",
        "text": e.text,
    }


class Writer:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, result: ArticleResult) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


class EventsWriter(Writer):
    def write(self, result: ArticleResult) -> None:
        for e in result.events:
            self.out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")


class ArticleWriter(Writer):
    def write(self, result: ArticleResult) -> None:
        self.out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


class CsvWriter(Writer):
    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self.csv = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        self.csv.writeheader()

    def write(self, result: ArticleResult) -> None:
        for e in result.events:
            self.csv.writerow(event_row(e))


TABLE_COLUMNS = (("#", "sentence"), ("event", "event"), ("mode", "mode"),
                 ("source", "source"), ("target", "target"), ("date", "date"),
                 ("neg", "negated"), ("modality", "modality"), ("place", "location"),
                 ("trigger", "trigger"))  # fmt: skip


class TableWriter(Writer):
    """A readable table per article, for people at a terminal."""

    def write(self, result: ArticleResult) -> None:
        art = result.article
        self.out.write(f"\n{art.id}  (published {art.published or 'unknown'}): "
                       f"{len(result.events)} events\n")
        rows: list[list[str]] = []
        for e in result.events:
            row = event_row(e)
            row["negated"] = "not" if e.negated else ""
            row["modality"] = "" if e.modality == "asserted" else e.modality
            row["trigger"] = e.trigger.text[:28]
            rows.append([str(row[key]) for _, key in TABLE_COLUMNS])
        heads = [h for h, _ in TABLE_COLUMNS]
        widths = [max([len(h)] + [len(r[n]) for r in rows]) for n, h in enumerate(heads)]
        line = "  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True))
        self.out.write(line + "\n" + "  ".join("-" * w for w in widths) + "\n")
        for cells in rows:
            self.out.write("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
                           + "\n")


def make_writer(fmt: str, out: TextIO) -> Writer:
    writers: dict[str, type[Writer]] = {"events": EventsWriter, "article": ArticleWriter,
                                        "csv": CsvWriter, "table": TableWriter}
    if fmt not in writers:
        raise UsageError(Messages.E203, value=fmt, options=", ".join(FORMATS))
    return writers[fmt](out)
