"""Actor codes against the PETRARCH validation records (``records.jsonl``).

The records come with PETRARCH's own dictionaries of fictional actors; import them
with ``dyad kb import-cameo`` and pass the result as ``kb_files``. Event codes are
not scored (the records' verbs are PETRARCH-specific); what is scored is whether
dyad codes the expected source and target.

How an expected event is matched:

- **events** (the headline figure): an expected (source, target) pair is coded
  correctly when some event dyad codes in the record has the expected source code
  among its source actors' codes and the expected target code among its target
  actors' codes. Codes are compared whole ("ARNGOV" is not "ARN").
- **actors**: the same pair counted correct when both codes are among the codes of
  all the actors dyad resolved in the record, whatever events it found. This
  isolates the actor layer from event extraction.
- An expected code starting with ``---`` (PETRARCH's "no actor code") matches a
  code equal to the rest ("---GOV" matches "GOV"); a bare ``---`` matches anything,
  including no actor.
- Left out of the scored set, and counted separately: records with
  ``expect_no_event`` (nothing to match; how many got events anyway is reported),
  records whose ``sentence_attr`` is false (PETRARCH's suite marks them as not
  to be coded), and expected events naming a quoted new actor ('"INJURY TOLL"').
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import ConfigError, Messages
from dyad.records import Actor, ArticleResult


@dataclass
class PetrarchReport:
    records: int = 0
    scored: int = 0  # expected (source, target) pairs scored
    events_ok: int = 0
    actors_ok: int = 0
    source_ok: int = 0
    target_ok: int = 0
    no_event_records: int = 0
    no_event_with_events: int = 0
    skipped_records: int = 0
    skipped_pairs: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def rate(self, n: int) -> float:
        return n / self.scored if self.scored else 0.0


def _fits(expected: str, codes: set[str]) -> bool:
    if expected.startswith("---"):
        rest = expected[3:]
        return not rest or rest in codes or expected in codes
    return expected in codes


def _codes(actors: list[Actor]) -> set[str]:
    return {a.code for a in actors if a.code}


def load_records(path: Path) -> list[dict[str, Any]]:
    """The records of a PETRARCH validation JSON Lines file."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ConfigError(Messages.E205, path=path,
                                      detail=f"line {n}: {exc}") from exc
    if not out:
        raise ConfigError(Messages.E205, path=path, detail="no records")
    return out


def score_record(rec: dict[str, Any], result: ArticleResult, report: PetrarchReport) -> None:
    """Add one coded record to the report."""
    report.records += 1
    if rec.get("expect_no_event"):
        report.no_event_records += 1
        report.no_event_with_events += bool(result.events)
        return
    if rec.get("sentence_attr") is False:
        report.skipped_records += 1
        return
    all_codes = _codes(result.actors)
    for exp in rec.get("events") or ():
        src, tgt = str(exp.get("source", "")), str(exp.get("target", ""))
        if '"' in src + tgt:
            report.skipped_pairs += 1
            continue
        report.scored += 1
        ev_ok = any(_fits(src, _codes(e.source)) and _fits(tgt, _codes(e.target))
                    for e in result.events)
        s_ok = _fits(src, all_codes)
        t_ok = _fits(tgt, all_codes)
        report.events_ok += ev_ok
        report.actors_ok += s_ok and t_ok
        report.source_ok += s_ok
        report.target_ok += t_ok
        if not ev_ok:
            report.misses.append({
                "id": rec.get("id"), "expected": [src, tgt], "actors_ok": s_ok and t_ok,
                "coded": [[sorted(_codes(e.source)), sorted(_codes(e.target))]
                          for e in result.events],
                "actors": sorted(all_codes), "text": rec.get("text", "")[:120],
            })


def evaluate_petrarch(path: Path, kb_files: tuple[str, ...],
                      coder: Callable[..., ArticleResult] | None = None) -> PetrarchReport:
    """Code every record (dated by its ``date``) with the knowledge files and score it."""
    from dyad.config import Settings
    from dyad.pipeline import article_for, code_many

    records = load_records(path)
    settings = Settings(kb_files=kb_files)
    report = PetrarchReport()
    if coder is not None:
        for rec in records:
            score_record(rec, coder(rec["text"], published=rec.get("date")), report)
        return report
    arts = [article_for(r["text"], r.get("date"), f"{r.get('id')}#{n}")
            for n, r in enumerate(records)]
    for rec, result in zip(records, code_many(arts, settings), strict=True):
        score_record(rec, result, report)
    return report


def format_report(r: PetrarchReport) -> str:
    """The report as text."""
    lines = [
        f"PETRARCH validation records: {r.records}",
        f"expected (source, target) pairs scored: {r.scored}"
        f"  (left out: {r.skipped_pairs} quoted new actors, {r.skipped_records} records "
        "with sentence_attr false)",
        f"source and target on one coded event   {r.rate(r.events_ok):6.1%}  "
        f"({r.events_ok}/{r.scored})",
        f"source and target among coded actors   {r.rate(r.actors_ok):6.1%}  "
        f"({r.actors_ok}/{r.scored})",
        f"  source among actors {r.rate(r.source_ok):6.1%}   target among actors "
        f"{r.rate(r.target_ok):6.1%}",
        f"records expecting no event: {r.no_event_records}, of which coded with events: "
        f"{r.no_event_with_events}",
    ]
    return "\n".join(lines)


def report_to_json(r: PetrarchReport) -> dict[str, Any]:
    """The report as a JSON-ready mapping, misses included."""
    return {
        "records": r.records, "scored": r.scored, "events_ok": r.events_ok,
        "events_rate": round(r.rate(r.events_ok), 4), "actors_ok": r.actors_ok,
        "actors_rate": round(r.rate(r.actors_ok), 4), "source_ok": r.source_ok,
        "target_ok": r.target_ok, "no_event_records": r.no_event_records,
        "no_event_with_events": r.no_event_with_events, "skipped_records": r.skipped_records,
        "skipped_pairs": r.skipped_pairs, "misses": r.misses,
    }
