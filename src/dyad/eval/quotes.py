"""Score quotation extraction against hand-annotated articles.

A gold folder holds the articles (``*.txt``) and ``gold.jsonl``, one quotation a
line: ``{"article": "a1.txt", "text": ..., "kind": "direct" | "indirect" | "mixed",
"speaker": "the words naming the speaker" or null, "speaker_key": "ARM" or null
(or a list of keys an analyst would accept: ["Taliban", "AFG"]), "occurrence": 1}``.
The quotation's span is where ``text`` occurs in the article (its n-th occurrence).
A predicted quote matches a gold one when their spans overlap by at least half of
the shorter one (one to one, best overlap first).

Speaker accuracy is over matched quotes: with a gold key, the predicted
speaker's organization or country must be that key; without one, the predicted
speaker's words must overlap the gold speaker's words (or both be null).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import ConfigError, Messages
from dyad.records import Actor, ArticleResult, Quote

MIN_OVERLAP = 0.5


@dataclass
class GoldQuote:
    article: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_key: str | None
    other_keys: tuple[str, ...] = ()  # further keys an analyst would accept


@dataclass
class QuoteReport:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_ok: int = 0
    kind_ok: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    wrong_speaker: list[dict[str, Any]] = field(default_factory=list)

    def scores(self) -> dict[str, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "speaker_accuracy": round(self.speaker_ok / self.matched, 3) if self.matched else 0.0,
            "kind_accuracy": round(self.kind_ok / self.matched, 3) if self.matched else 0.0,
        }


def load_gold(folder: Path) -> dict[str, list[GoldQuote]]:
    """Gold quotations by article file name."""
    path = folder / "gold.jsonl"
    if not path.is_file():
        raise ConfigError(Messages.E205, path=str(path), detail="no gold.jsonl in the folder")
    out: dict[str, list[GoldQuote]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            body = (folder / rec["article"]).read_text(encoding="utf-8")
            start = -1
            for _ in range(int(rec.get("occurrence", 1))):
                start = body.find(rec["text"], start + 1)
            if start < 0:
                raise ValueError(f"text not found in {rec['article']}")
        except (ValueError, KeyError, OSError) as exc:
            raise ConfigError(Messages.E205, path=str(path), detail=f"line {n}: {exc}") from exc
        keys = rec.get("speaker_key")
        keys = list(keys) if isinstance(keys, list) else [keys] if keys else []
        out.setdefault(rec["article"], []).append(GoldQuote(
            rec["article"], start, start + len(rec["text"]), rec["text"], rec["kind"],
            rec.get("speaker"), keys[0] if keys else None, tuple(keys[1:])))
    if not out:
        raise ConfigError(Messages.E205, path=str(path), detail="no quotations")
    return out


def _overlap(a0: int, a1: int, b0: int, b1: int) -> float:
    inter = min(a1, b1) - max(a0, b0)
    shorter = min(a1 - a0, b1 - b0)
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


def speaker_matches(gold: GoldQuote, pred: Actor | None, text: str) -> bool:
    """True when the predicted speaker is the gold one (by key, else by words)."""
    if gold.speaker_key:
        keys = {gold.speaker_key, *gold.other_keys}
        return pred is not None and bool(keys & {pred.org, pred.country})
    if gold.speaker is None:
        return pred is None
    if pred is None:
        return False
    g, s = gold.speaker.lower(), pred.text.lower()
    return g in s or s in g


def _brief(q: Quote) -> dict[str, Any]:
    sp = q.speaker
    return {"text": q.text[:80], "kind": q.kind, "cue": q.cue,
            "speaker": sp.text if sp else None, "key": sp.key() if sp else None}


def score_article(report: QuoteReport, gold: list[GoldQuote], quotes: list[Quote],
                  text: str) -> None:
    """Add one article's counts to ``report``."""
    report.gold += len(gold)
    report.predicted += len(quotes)
    pairs = sorted(((_overlap(g.start, g.end, q.start, q.end), gi, qi)
                    for gi, g in enumerate(gold) for qi, q in enumerate(quotes)), reverse=True)
    used_g: set[int] = set()
    used_q: set[int] = set()
    for ov, gi, qi in pairs:
        if ov < MIN_OVERLAP or gi in used_g or qi in used_q:
            continue
        used_g.add(gi)
        used_q.add(qi)
        g, q = gold[gi], quotes[qi]
        report.matched += 1
        report.kind_ok += g.kind == q.kind
        if speaker_matches(g, q.speaker, text):
            report.speaker_ok += 1
        else:
            report.wrong_speaker.append({"article": g.article, "gold": g.speaker,
                                         "gold_key": g.speaker_key, **_brief(q)})
    for gi, g in enumerate(gold):
        if gi not in used_g:
            report.misses.append({"article": g.article, "text": g.text[:80], "kind": g.kind})
    for qi, q in enumerate(quotes):
        if qi not in used_q:
            report.spurious.append({"article": gold[0].article if gold else "", **_brief(q)})


def evaluate_quotes(folder: Path,
                    coder: Callable[..., ArticleResult] | None = None) -> QuoteReport:
    """Code every article of a gold folder and score its quotations."""
    if coder is None:
        from dyad.pipeline import code

        coder = code
    gold = load_gold(folder)
    report = QuoteReport()
    for name in sorted(gold):
        text = (folder / name).read_text(encoding="utf-8")
        result = coder(text, article_id=name)
        score_article(report, gold[name], result.quotes, text)
    return report


def report_to_json(report: QuoteReport) -> dict[str, Any]:
    return {"gold": report.gold, "predicted": report.predicted, "matched": report.matched,
            **report.scores(), "misses": report.misses, "spurious": report.spurious,
            "wrong_speaker": report.wrong_speaker}


def format_quote_report(report: QuoteReport) -> str:
    s = report.scores()
    lines = [
        f"quotations: {report.gold} gold, {report.predicted} found, {report.matched} matched",
        f"precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}",
        f"speaker accuracy {s['speaker_accuracy']:.3f}  kind accuracy {s['kind_accuracy']:.3f}",
    ]
    for m in report.misses:
        lines.append(f"  missed    {m['article']}: [{m['kind']}] {m['text']}")
    for m in report.spurious:
        lines.append(f"  spurious  {m['article']}: [{m['kind']}] {m['text']}")
    for m in report.wrong_speaker:
        lines.append(f"  speaker   {m['article']}: gold {m['gold']} [{m['gold_key']}], got "
                     f"{m['speaker']} [{m['key']}]: {m['text'][:50]}")
    return "\n".join(lines)
