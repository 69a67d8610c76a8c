"""Score the coder against PLOVER gold-standard records (``dyad eval plover-gsr``).

Each gold record is one sentence with one event. The sentence is coded on its
own; among the predicted events the one to score is the one whose trigger
overlaps an ``(EVT: ...)`` word of the gold markup, else one of the gold type,
else the most confident. From it come top-1 type accuracy, per-type P/R/F1,
a confusion table and source/target actor matches.

    report = evaluate_plover_gsr(Path("dev.jsonl"))
    print(format_plover_report(report))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.eval.gsr_gold import PLOVER_TYPES, GoldActor, GoldRecord, load_gold, map_label
from dyad.records import Actor, ArticleResult, Event

Coder = Callable[[str], ArticleResult]
NONE = "none"


@dataclass
class RecordOutcome:
    """How one gold record fared. Side scores are None when the gold side is empty."""

    id: str
    text: str
    gold_event: str
    gold_type: str
    predicted: str | None
    selected_by: str  # "trigger" | "type" | "confidence" | "none"
    predicted_types: list[str]
    gold_source: list[str]
    gold_target: list[str]
    pred_source: list[str]
    pred_target: list[str]
    reciprocal: bool
    source_any: bool | None
    source_all: bool | None
    target_any: bool | None
    target_all: bool | None
    error: str | None = None

    @property
    def found(self) -> bool:
        return self.predicted is not None

    @property
    def correct(self) -> bool:
        return self.predicted == self.gold_type


@dataclass
class PloverReport:
    """All record outcomes of one run, plus the gold lines that were skipped."""

    path: str
    outcomes: list[RecordOutcome] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)


# --- matching -------------------------------------------------------------------


def actor_matches(gold: GoldActor, pred: Actor) -> bool:
    """True when predicted ``pred`` stands for gold ``gold``.

    A country code matches the actor's ``country``; an organization code (IGO,
    NGO, MNC, IMG...) matches any actor with an ``org``; a country-coded actor
    whose text names an organization ("Hamas") matches either way.
    """
    if gold.is_org_code:
        return bool(pred.org)
    if gold.country and pred.country and pred.country.upper() == gold.country:
        return True
    return gold.names_org and bool(pred.org)


def side_scores(gold: list[GoldActor], pool: Iterable[Actor]) -> tuple[bool, bool]:
    """(at least one gold actor matched, every gold actor matched) against ``pool``."""
    preds = list(pool)
    hits = [any(actor_matches(g, p) for p in preds) for g in gold]
    return any(hits), bool(hits) and all(hits)


def _trigger_span(ev: Event, text: str | None) -> tuple[int, int]:
    # A coder that trims or rewraps its input may shift offsets; then trust the trigger words.
    t = ev.trigger
    if text is not None and t.text and text[t.start : t.end] != t.text:
        pos = text.find(t.text)
        if pos >= 0:
            return pos, pos + len(t.text)
    return t.start, t.end


def select_event(
    events: list[Event],
    evt_spans: list[tuple[int, int]],
    gold_type: str,
    text: str | None = None,
) -> tuple[Event | None, str]:
    """Pick the predicted event to score and say how: trigger, type, confidence or none.

    ``evt_spans`` are the gold EVT words' offsets in ``text``, the sentence coded.
    """
    if not events:
        return None, NONE
    by_conf = sorted(events, key=lambda e: -e.confidence)  # stable: ties keep coder order
    for ev in by_conf:
        start, end = _trigger_span(ev, text)
        if any(start < e and s < end for s, e in evt_spans):
            return ev, "trigger"
    for ev in by_conf:
        if map_label(ev.event) == gold_type:
            return ev, "type"
    return by_conf[0], "confidence"


def _label(actor: Actor) -> str:
    return actor.org or actor.country or f"?{actor.text}"


def _gold_label(actor: GoldActor) -> str:
    return f"{actor.code or '?'}:{actor.text}"


def score_record(
    gold: GoldRecord, result: ArticleResult | None, error: str | None = None
) -> RecordOutcome:
    """Score one gold record against the coder's result for its sentence."""
    events = list(result.events) if result else []
    chosen, how = select_event(events, gold.evt_spans, gold.gold_type, gold.text)
    src_pool = list(chosen.source) if chosen else []
    tar_pool = list(chosen.target) if chosen else []
    if gold.reciprocal:  # mutual events: either side of the prediction will do
        src_pool = tar_pool = src_pool + tar_pool
    s_any = s_all = t_any = t_all = None
    if gold.source:
        s_any, s_all = side_scores(gold.source, src_pool)
    if gold.target:
        t_any, t_all = side_scores(gold.target, tar_pool)
    return RecordOutcome(
        id=gold.id,
        text=gold.text,
        gold_event=gold.event,
        gold_type=gold.gold_type,
        predicted=map_label(chosen.event) if chosen else None,
        selected_by=how,
        predicted_types=[map_label(e.event) or "" for e in events],
        gold_source=[_gold_label(a) for a in gold.source],
        gold_target=[_gold_label(a) for a in gold.target],
        pred_source=[_label(a) for a in chosen.source] if chosen else [],
        pred_target=[_label(a) for a in chosen.target] if chosen else [],
        reciprocal=gold.reciprocal,
        source_any=s_any,
        source_all=s_all,
        target_any=t_any,
        target_all=t_all,
        error=error,
    )


def _default_coder() -> Coder:
    from dyad import code  # imported late: loading the pipeline is heavy

    return lambda text: code(text)


def evaluate_plover_gsr(path: Path, coder: Coder | None = None) -> PloverReport:
    """Code every gold sentence in ``path`` with ``coder`` (default ``dyad.code``) and score it.

    Returns a :class:`PloverReport`; see :func:`summarize` for the figures.
    A coder failure on one sentence is recorded on that record (scored as no event).
    Raises ConfigError E205 when the file has no usable records.
    """
    records, skipped = load_gold(path)
    run = coder or _default_coder()
    report = PloverReport(path=str(path), skipped=skipped)
    for gold in records:
        result: ArticleResult | None = None
        error: str | None = None
        try:
            result = run(gold.text)
        except Exception as exc:  # one bad sentence must not hide the other scores
            error = f"{type(exc).__name__}: {exc}"
        report.outcomes.append(score_record(gold, result, error))
    return report


# --- figures --------------------------------------------------------------------


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def per_type_scores(outcomes: list[RecordOutcome]) -> dict[str, dict[str, Any]]:
    """Precision, recall, F1 and support per PLOVER type, from the top-1 predictions."""
    table: dict[str, dict[str, Any]] = {}
    for t in PLOVER_TYPES:
        tp = sum(1 for o in outcomes if o.gold_type == t and o.predicted == t)
        fp = sum(1 for o in outcomes if o.gold_type != t and o.predicted == t)
        fn = sum(1 for o in outcomes if o.gold_type == t and o.predicted != t)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        table[t] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
                    "support": tp + fn, "predicted": tp + fp}  # fmt: skip
    return table


def macro_f1(per_type: dict[str, dict[str, Any]]) -> float:
    """Mean F1 over the types that occur in gold or predictions (all 16 on the dev file)."""
    used = [s["f1"] for s in per_type.values() if s["support"] or s["predicted"]]
    return round(sum(used) / len(used), 4) if used else 0.0


def confusion(outcomes: list[RecordOutcome]) -> tuple[list[str], dict[str, dict[str, int]]]:
    """Gold rows x predicted columns (the 16, any other label, then "none")."""
    extra = sorted({o.predicted for o in outcomes if o.predicted} - set(PLOVER_TYPES))
    columns = [*PLOVER_TYPES, *extra, NONE]
    rows: dict[str, dict[str, int]] = {}
    for t in PLOVER_TYPES:
        counts = Counter(o.predicted or NONE for o in outcomes if o.gold_type == t)
        if counts:
            rows[t] = {c: counts.get(c, 0) for c in columns}
    return columns, rows


def _side(outcomes: list[RecordOutcome], side: str) -> dict[str, Any]:
    scored = [o for o in outcomes if getattr(o, f"{side}_any") is not None]
    found = [o for o in scored if o.found]
    out: dict[str, Any] = {"records": len(scored), "records_with_event": len(found)}
    for name, group in (("all", scored), ("with_event", found)):
        out[f"any_{name}"] = _ratio(sum(bool(getattr(o, f"{side}_any")) for o in group), len(group))
        out[f"every_{name}"] = _ratio(
            sum(bool(getattr(o, f"{side}_all")) for o in group), len(group)
        )
    return out


def summarize(report: PloverReport) -> dict[str, Any]:
    """The headline figures of a report as a plain dict (rates are 0-1, 4 decimals)."""
    outs = report.outcomes
    n = len(outs)
    per_type = per_type_scores(outs)
    gold_in_any = sum(1 for o in outs if o.gold_type in o.predicted_types)
    return {
        "records": n,
        "skipped": len(report.skipped),
        "coder_errors": sum(1 for o in outs if o.error),
        "event_found": _ratio(sum(o.found for o in outs), n),
        "top1_accuracy": _ratio(sum(o.correct for o in outs), n),
        "top1_accuracy_with_event": _ratio(
            sum(o.correct for o in outs), sum(o.found for o in outs)
        ),
        "gold_type_in_any_event": _ratio(gold_in_any, n),
        "selected_by": dict(Counter(o.selected_by for o in outs)),
        "macro_f1": macro_f1(per_type),
        "source": _side(outs, "source"),
        "target": _side(outs, "target"),
    }


def _miss(o: RecordOutcome) -> dict[str, Any]:
    return {"id": o.id, "text": o.text, "gold": o.gold_type, "gold_event": o.gold_event,
            "predicted": o.predicted, "selected_by": o.selected_by,
            "predicted_types": o.predicted_types, "gold_source": o.gold_source,
            "pred_source": o.pred_source, "gold_target": o.gold_target,
            "pred_target": o.pred_target, "reciprocal": o.reciprocal,
            "error": o.error}  # fmt: skip


def report_to_json(report: PloverReport) -> dict[str, Any]:
    """The report as JSON-ready data: summary, per-type scores, confusion, misses, skips."""
    columns, rows = confusion(report.outcomes)
    outs = report.outcomes
    return {
        "file": report.path,
        "summary": summarize(report),
        "per_type": per_type_scores(outs),
        "confusion": {"columns": columns, "rows": rows},
        "misses": {
            "type": [_miss(o) for o in outs if not o.correct],
            "source": [_miss(o) for o in outs if o.source_any is False],
            "target": [_miss(o) for o in outs if o.target_any is False],
        },
        "skipped": list(report.skipped),
    }


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}%"


def format_plover_report(report: PloverReport) -> str:
    """A readable summary: headline figures, per-type P/R/F1 and the confusion table."""
    s = summarize(report)
    lines = [
        f"PLOVER GSR: {report.path}",
        f"records {s['records']}  skipped {s['skipped']}  coder errors {s['coder_errors']}",
        f"{'event found':<24}{_pct(s['event_found'])}",
        f"{'top-1 type accuracy':<24}{_pct(s['top1_accuracy'])}"
        f"   (where an event was found {_pct(s['top1_accuracy_with_event'])})",
        f"{'gold type in any event':<24}{_pct(s['gold_type_in_any_event'])}",
        f"{'macro-F1 (16 types)':<24}{s['macro_f1']:6.3f}",
        f"{'event chosen by':<24}"
        + ", ".join(f"{k} {v}" for k, v in sorted(s["selected_by"].items())),
        "",
        f"{'actors':<8} {'records':>7} {'any':>7} {'every':>7} | "
        f"{'with event':>10} {'any':>7} {'every':>7}",
    ]
    for side in ("source", "target"):
        d = s[side]
        lines.append(
            f"{side:<8} {d['records']:>7} {_pct(d['any_all']):>7} {_pct(d['every_all']):>7} | "
            f"{d['records_with_event']:>10} {_pct(d['any_with_event']):>7}"
            f" {_pct(d['every_with_event']):>7}"
        )
    lines += ["", f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    for t, d in per_type_scores(report.outcomes).items():
        lines.append(
            f"{t:<10} {d['precision']:6.2f} {d['recall']:6.2f} {d['f1']:6.2f}"
            f" {d['support']:5d} {d['predicted']:5d}"
        )
    columns, rows = confusion(report.outcomes)
    heads = [c[:4] for c in columns]
    lines += ["", "confusion (rows gold, columns predicted)",
              f"{'':<10}" + "".join(f"{h:>5}" for h in heads)]  # fmt: skip
    for t, row in rows.items():
        lines.append(f"{t:<10}" + "".join(f"{row[c] or '.':>5}" for c in columns))
    return "\n".join(lines)
