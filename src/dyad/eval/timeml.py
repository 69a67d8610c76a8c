"""Score the temporal tagger against TimeML files (``dyad eval timeml DIR``).

Every ``.tml`` file under the directory is read: the creation time comes from
``<DCT><TIMEX3 value=...>``, the gold expressions from the TIMEX3 tags inside
``<TEXT>``. The tags are stripped to get the raw text, :func:`dyad.time.tag_times`
runs on it with the creation date as publication date, and the result is scored
as TempEval-3 does: strict (same span) and relaxed (any overlap) extraction
precision, recall and F1; type and value accuracy over relaxed matches; and
value F1, the relaxed P/R counting only matches with the right value.

    scores = evaluate_timeml(Path("tempeval3_train"))
    print(format_timeml_report(scores))
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.errors import DyadError, Messages
from dyad.records import TimeValue
from dyad.time import tag_times

Tagger = Callable[[str, "dt.date | None"], list[TimeValue]]


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class TimemlDocument:
    """One TimeML file: raw text, creation date and gold TIMEX3 spans."""

    path: Path
    text: str
    dct: dt.date | None
    gold: list[GoldTimex]


def _walk(node: ET.Element, parts: list[str], gold: list[GoldTimex], offset: list[int]) -> None:
    start = offset[0]
    if node.text:
        parts.append(node.text)
        offset[0] += len(node.text)
    for child in node:
        _walk(child, parts, gold, offset)
        if child.tail:
            parts.append(child.tail)
            offset[0] += len(child.tail)
    if node.tag == "TIMEX3":
        # The text is filled in once the whole document is joined.
        gold.append(GoldTimex(start, offset[0], node.get("type", ""), node.get("value", ""), ""))


def read_timeml(path: Path) -> TimemlDocument:
    """Parse one ``.tml`` file into raw text, DCT and gold spans (offsets into the text)."""
    root = ET.parse(path).getroot()
    dct: dt.date | None = None
    stamp = root.find("DCT/TIMEX3")
    if stamp is not None:
        try:
            dct = dt.date.fromisoformat(stamp.get("value", "")[:10])
        except ValueError:
            dct = None
    body = root.find("TEXT")
    if body is None:
        raise ValueError("no <TEXT> element")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    offset = [0]
    _walk(body, parts, gold, offset)
    text = "".join(parts)
    gold = [GoldTimex(g.start, g.end, g.type, g.value, text[g.start:g.end]) for g in gold
            if g.end > g.start]
    return TimemlDocument(path, text, dct, gold)


def match_spans(gold: list[GoldTimex], system: list[TimeValue]) -> list[tuple[int, int]]:
    """One-to-one relaxed matches (gold index, system index): exact spans first,
    then any overlap, each gold taking the first free overlapping system span."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    exact = {(s.start, s.end): j for j, s in enumerate(system)}
    free_gold = []
    for i, g in enumerate(gold):
        j = exact.get((g.start, g.end))
        if j is not None and j not in used:
            pairs.append((i, j))
            used.add(j)
        else:
            free_gold.append(i)
    for i in free_gold:
        g = gold[i]
        for j, s in enumerate(system):
            if j not in used and s.start < g.end and g.start < s.end:
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def _prf(hits_sys: int, n_sys: int, hits_gold: int, n_gold: int) -> dict[str, float]:
    p = hits_sys / n_sys if n_sys else 0.0
    r = hits_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def compare_document(doc: TimemlDocument, tagger: Tagger = tag_times) -> dict[str, Any]:
    """Gold, system and matches for one document (for scoring and error analysis)."""
    system = tagger(doc.text, doc.dct)
    pairs = match_spans(doc.gold, system)
    return {"gold": doc.gold, "system": system, "pairs": pairs}


def evaluate_timeml(directory: Path, tagger: Tagger = tag_times) -> dict[str, Any]:
    """Score ``tagger`` (default :func:`dyad.time.tag_times`) on every ``.tml`` file
    under ``directory``.

    Returns a dict with ``documents``, ``gold``, ``system``, ``strict`` and
    ``relaxed`` (precision/recall/f1), ``type_accuracy``, ``value_accuracy``,
    ``value`` (precision/recall/f1 of relaxed matches with the right value),
    ``per_type`` counts and ``skipped`` files with the reason.
    Raises :class:`~dyad.errors.DyadError` (E205) when there is no ``.tml`` file.
    """
    files = sorted(Path(directory).rglob("*.tml"))
    if not files:
        raise DyadError(Messages.E205, path=directory, detail="no .tml files found under it")
    n_gold = n_sys = strict = relaxed = type_ok = value_ok = 0
    per_type: dict[str, Counter[str]] = {}
    skipped: list[dict[str, str]] = []
    documents = 0
    for path in files:
        try:
            doc = read_timeml(path)
        except (ET.ParseError, ValueError) as exc:
            skipped.append({"file": str(path), "reason": str(exc)})
            continue
        documents += 1
        result = compare_document(doc, tagger)
        gold, system, pairs = result["gold"], result["system"], result["pairs"]
        n_gold += len(gold)
        n_sys += len(system)
        for g in gold:
            per_type.setdefault(g.type, Counter())["gold"] += 1
        for s in system:
            per_type.setdefault(s.type, Counter())["system"] += 1
        for i, j in pairs:
            g, s = gold[i], system[j]
            relaxed += 1
            strict += (g.start, g.end) == (s.start, s.end)
            type_ok += g.type == s.type
            value_ok += g.value == s.value
            counts = per_type[g.type]
            counts["matched"] += 1
            counts["type_correct"] += g.type == s.type
            counts["value_correct"] += g.value == s.value
    return {
        "documents": documents,
        "gold": n_gold,
        "system": n_sys,
        "strict": _prf(strict, n_sys, strict, n_gold),
        "relaxed": _prf(relaxed, n_sys, relaxed, n_gold),
        "type_accuracy": round(type_ok / relaxed, 4) if relaxed else 0.0,
        "value_accuracy": round(value_ok / relaxed, 4) if relaxed else 0.0,
        "value": _prf(value_ok, n_sys, value_ok, n_gold),
        "per_type": {t: dict(c) for t, c in sorted(per_type.items())},
        "skipped": skipped,
    }


def format_timeml_report(scores: dict[str, Any]) -> str:
    """A plain-text table of the scores returned by :func:`evaluate_timeml`."""
    lines = [
        f"TimeML evaluation: {scores['documents']} documents, {scores['gold']} gold "
        f"TIMEX3, {scores['system']} tagged",
        "",
        f"{'measure':<22}{'precision':>10}{'recall':>10}{'F1':>10}",
    ]
    for key, label in (("strict", "extraction (strict)"), ("relaxed", "extraction (relaxed)"),
                       ("value", "value")):
        s = scores[key]
        lines.append(f"{label:<22}{s['precision']:>10.4f}{s['recall']:>10.4f}{s['f1']:>10.4f}")
    lines += [
        "",
        f"{'type accuracy':<22}{scores['type_accuracy']:>10.4f}",
        f"{'value accuracy':<22}{scores['value_accuracy']:>10.4f}",
        "",
        f"{'type':<10}{'gold':>8}{'tagged':>8}{'matched':>9}{'type ok':>9}{'value ok':>10}",
    ]
    for t, c in scores["per_type"].items():
        lines.append(f"{t:<10}{c.get('gold', 0):>8}{c.get('system', 0):>8}"
                     f"{c.get('matched', 0):>9}{c.get('type_correct', 0):>9}"
                     f"{c.get('value_correct', 0):>10}")
    for s in scores.get("skipped", []):
        lines.append(f"skipped {s['file']}: {s['reason']}")
    return "\n".join(lines)
