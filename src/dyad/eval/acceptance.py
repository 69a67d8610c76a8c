"""Score an article against an analyst's coding (``expected.json`` beside ``article.txt``).

An expected event is found when a coded event has its type (or a listed
alternative, 0.5b1 names mapped to the current 16), every expected source and
target key among the coded actors (a 3-letter key is a country, anything else an
organization; "symmetric" events may match either way round), and the same
negation.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.records import Actor, ArticleResult, Event

OLD_TO_NEW = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT"}


@dataclass
class AcceptanceReport:
    article: str
    found: list[str] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    dated: list[str] = field(default_factory=list)  # found with the expected date
    misdated: list[tuple[str, str, str | None]] = field(default_factory=list)
    coded: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.found) + len(self.missed)


def _has(actors: list[Actor], key: str) -> bool:
    if len(key) == 3 and key.isupper() and key.isalpha():
        return any(a.country == key and not a.org for a in actors) or any(
            a.org == key for a in actors)
    return any(a.org == key for a in actors)


def _types(exp: dict[str, Any]) -> set[str]:
    names = [exp["event"], *exp.get("alternatives", [])]
    return {OLD_TO_NEW.get(n, n) for n in names}


def matches(exp: dict[str, Any], ev: Event) -> bool:
    """True when the coded event ``ev`` is the expected one."""
    if ev.event not in _types(exp) or bool(exp.get("negated", False)) != ev.negated:
        return False
    src, tgt = exp.get("source", []), exp.get("target", [])

    def fits(s: list[Actor], t: list[Actor]) -> bool:
        return all(_has(s, k) for k in src) and all(_has(t, k) for k in tgt)

    if fits(ev.source, ev.target):
        return True
    if exp.get("symmetric"):
        both = ev.source + ev.target
        return fits(ev.target, ev.source) or fits(both, both)
    return False


def score_article(folder: Path, coder: Callable[..., ArticleResult]) -> AcceptanceReport:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    text = (folder / expected.get("article", "article.txt")).read_text(encoding="utf-8")
    result = coder(text, published=expected.get("published"), article_id=folder.name)
    report = AcceptanceReport(article=folder.name)
    report.coded = [
        {"event": e.event, "source": [a.key() for a in e.source],
         "target": [a.key() for a in e.target], "negated": e.negated, "trigger": e.trigger.text}
        for e in result.events
    ]
    for exp in expected.get("events", []):
        hits = [e for e in result.events if matches(exp, e)]
        if not hits:
            report.missed.append(exp)
            continue
        report.found.append(exp["id"])
        if "date" in exp:
            values = [e.date.value if e.date else None for e in hits]
            if exp["date"] in values:
                report.dated.append(exp["id"])
            else:
                report.misdated.append((exp["id"], exp["date"], values[0]))
    return report
