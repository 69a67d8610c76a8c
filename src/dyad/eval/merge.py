"""Score event clusters against gold groupings (``dyad eval merge FILE``).

FILE is JSON Lines, one article a line: ``{"article": Article, "mentions": [{"trigger",
"sentence", "cluster"}]}``. Each gold mention names the words of its trigger (the
first occurrence in the article, or the first inside ``sentence`` when that is
given) and its gold cluster id.

How coded events are aligned with gold mentions: every article is coded with
dyad; a coded event of the same article is aligned with a gold mention when their
trigger spans overlap (the most confident such event when several do), else with
the coded event of the same sentence whose trigger is nearest (the coder may
anchor "launched an attack" on "launched"); each event is aligned once. All coded
events are clustered, noise included, as in real use; the scores are computed over
the aligned mentions only, and ``coverage`` says what share of gold mentions the
coder found. ``strict`` scores count every missed gold mention as a singleton
cluster of its own.

Scores: pairwise precision/recall/F1 over pairs of mentions put in one cluster,
and B-cubed (Bagga and Baldwin 1998) precision/recall/F1 averaged over mentions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from dyad.errors import ConfigError, Messages
from dyad.merge import Clusterer, mention_from_event
from dyad.records import Article, ArticleResult, Event


@dataclass
class MergeReport:
    """Clustering scores against gold groupings."""

    articles: int = 0
    gold_mentions: int = 0
    aligned: int = 0
    coded_events: int = 0
    predicted_clusters: int = 0
    gold_clusters: int = 0
    pairwise: dict[str, float] = field(default_factory=dict)
    bcubed: dict[str, float] = field(default_factory=dict)
    strict: dict[str, dict[str, float]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)  # wrongly split or joined

    @property
    def coverage(self) -> float:
        return self.aligned / self.gold_mentions if self.gold_mentions else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "gold_mentions": self.gold_mentions,
                "aligned": self.aligned, "coverage": round(self.coverage, 4),
                "coded_events": self.coded_events, "gold_clusters": self.gold_clusters,
                "predicted_clusters": self.predicted_clusters, "pairwise": self.pairwise,
                "bcubed": self.bcubed, "strict": self.strict, "errors": self.errors}


def _prf(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise P/R/F1 over the items of ``gold`` (each mapped to a cluster id)."""
    items = sorted(gold)
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same_p, same_g = pred[a] == pred[b], gold[a] == gold[b]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    return _prf(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed P/R/F1 averaged over the items of ``gold``."""
    by_p: dict[str, set[str]] = {}
    by_g: dict[str, set[str]] = {}
    for k in gold:
        by_p.setdefault(pred[k], set()).add(k)
        by_g.setdefault(gold[k], set()).add(k)
    if not gold:
        return _prf(0.0, 0.0)
    p = r = 0.0
    for k in gold:
        both = len(by_p[pred[k]] & by_g[gold[k]])
        p += both / len(by_p[pred[k]])
        r += both / len(by_g[gold[k]])
    return _prf(p / len(gold), r / len(gold))


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The cases of a gold file; ConfigError (E205) when it has none usable."""
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
            Article.from_dict(case["article"])
            [(m["trigger"], m["cluster"]) for m in case["mentions"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(Messages.E205, path=path, detail=f"line {n}: {exc}") from exc
        cases.append(case)
    if not cases:
        raise ConfigError(Messages.E205, path=path, detail="no articles")
    return cases


def _gold_span(text: str, mention: dict[str, Any]) -> tuple[int, int] | None:
    base = 0
    if mention.get("sentence"):
        base = text.find(mention["sentence"])
        if base < 0:
            return None
    at = text.find(mention["trigger"], base)
    return None if at < 0 else (at, at + len(mention["trigger"]))


def _sentence_of(text: str, event: Event, span: tuple[int, int]) -> bool:
    """True when the gold span lies in the sentence the event was coded from."""
    sentence = event.text.strip()
    start = text.rfind(sentence, 0, event.trigger.start + len(sentence)) if sentence else -1
    return 0 <= start <= min(span[0], event.trigger.start) and \
        span[1] <= start + len(sentence)


def align(text: str, mentions: list[dict[str, Any]],
          events: list[Event]) -> dict[int, Event]:
    """Gold mention index -> the coded event aligned with it (trigger spans overlap)."""
    used: set[str] = set()
    out: dict[int, Event] = {}
    for i, m in enumerate(mentions):
        span = _gold_span(text, m)
        if span is None:
            continue
        hits = [e for e in events if e.id not in used
                and e.trigger.start < span[1] and span[0] < e.trigger.end]
        if not hits:
            # The coder may anchor the same event on another word of the phrase
            # ("launched an attack", "held talks"): take the nearest trigger in
            # the same sentence.
            same = [e for e in events if e.id not in used and _sentence_of(text, e, span)]
            hits = sorted(same, key=lambda e: abs(e.trigger.start - span[0]))[:1]
        if hits:
            best = max(hits, key=lambda e: (e.confidence, -e.trigger.start))
            used.add(best.id)
            out[i] = best
    return out


def evaluate_merge(path: Path, coder: Callable[..., ArticleResult] | None = None,
                   order: Iterable[int] | None = None) -> MergeReport:
    """Code the articles of a gold file, cluster their events and score the clusters.

    ``order`` adds the articles to the clusterer in another order (a permutation of
    their indices), to check that the order does not matter.
    """
    if coder is None:
        from dyad import code

        coder = code
    cases = read_gold(path)
    rep = MergeReport(articles=len(cases))
    gold: dict[str, str] = {}
    per_article: list[list[Any]] = []
    for case in cases:
        art = Article.from_dict(case["article"])
        result = coder(art.text, published=art.published, article_id=art.id)
        rep.coded_events += len(result.events)
        rep.gold_mentions += len(case["mentions"])
        aligned = align(art.text, case["mentions"], result.events)
        rep.aligned += len(aligned)
        for i, ev in aligned.items():
            gold[f"{art.id}#{ev.id}"] = case["mentions"][i]["cluster"]
        per_article.append([mention_from_event(e, art.published, art.source, art.url)
                            for e in result.events])
    clusterer = Clusterer()
    for i in (order if order is not None else range(len(per_article))):
        clusterer.add(per_article[i])
    assign = clusterer.assignments()
    pred = {k: assign[k] for k in gold}
    rep.gold_clusters = len({c for case in cases for c in (m["cluster"]
                                                           for m in case["mentions"])})
    rep.predicted_clusters = len(set(pred.values()))
    rep.pairwise, rep.bcubed = pairwise(pred, gold), bcubed(pred, gold)
    strict_gold, strict_pred = dict(gold), dict(pred)
    for case in cases:
        for i, m in enumerate(case["mentions"]):
            key = f"missed:{case['article']['id']}:{i}"
            if not any(k.startswith(case["article"]["id"] + "#") and gold[k] == m["cluster"]
                       for k in gold):
                strict_gold[key], strict_pred[key] = m["cluster"], key
    rep.strict = {"pairwise": pairwise(strict_pred, strict_gold),
                  "bcubed": bcubed(strict_pred, strict_gold)}
    rep.errors = _errors(pred, gold)
    return rep


def _errors(pred: dict[str, str], gold: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    by_g: dict[str, set[str]] = {}
    by_p: dict[str, set[str]] = {}
    for k in gold:
        by_g.setdefault(gold[k], set()).add(k)
        by_p.setdefault(pred[k], set()).add(k)
    for g, ks in sorted(by_g.items()):
        parts = {pred[k] for k in ks}
        if len(parts) > 1:
            out.append({"kind": "split", "gold": g,
                        "parts": sorted(sorted(by_p[p] & ks) for p in parts)})
    for _p, ks in sorted(by_p.items()):
        golds = {gold[k] for k in ks}
        if len(golds) > 1:
            out.append({"kind": "joined", "gold": sorted(golds), "mentions": sorted(ks)})
    return out


def format_merge_report(rep: MergeReport) -> str:
    """The report as a few lines of text."""
    pw, b3 = rep.pairwise, rep.bcubed
    lines = [
        f"articles {rep.articles}; gold mentions {rep.gold_mentions}, aligned with coded "
        f"events {rep.aligned} ({rep.coverage:.1%}); coded events {rep.coded_events}",
        f"gold clusters {rep.gold_clusters}; predicted clusters over aligned mentions "
        f"{rep.predicted_clusters}",
        f"pairwise  P {pw['precision']:.3f}  R {pw['recall']:.3f}  F1 {pw['f1']:.3f}",
        f"B-cubed   P {b3['precision']:.3f}  R {b3['recall']:.3f}  F1 {b3['f1']:.3f}",
        f"strict (missed gold mentions as singletons): pairwise F1 "
        f"{rep.strict['pairwise']['f1']:.3f}, B-cubed F1 {rep.strict['bcubed']['f1']:.3f}",
    ]
    for err in rep.errors:
        if err["kind"] == "split":
            lines.append(f"  split {err['gold']}: {err['parts']}")
        else:
            lines.append(f"  joined {err['gold']}: {err['mentions']}")
    return "\n".join(lines)
