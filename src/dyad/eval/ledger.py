"""Scores of the commitments ledger against a hand-written set: short articles
(agreements, then later reports that do or do not contradict them) and gold saying
which contradictions hold, inferred or alleged.

The folder holds ``articles.json`` (a list of {id, published, text}) and ``gold.json``
({"inferred": [{act_article, by, commitment_parties}], "alleged": [{act_article, by,
alleged_by}]}). A predicted contradiction matches a gold one when the act is in the
same article, by the same party, against a commitment whose parties include the gold
ones (inferred) or alleged by the gold speakers (alleged).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import ConfigError, Messages


@dataclass
class LedgerScores:
    inferred_tp: int = 0
    inferred_fp: int = 0
    inferred_fn: int = 0
    alleged_tp: int = 0
    alleged_fp: int = 0
    alleged_fn: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
        return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)

    def to_dict(self) -> dict[str, Any]:
        ip, ir = self._pr(self.inferred_tp, self.inferred_fp, self.inferred_fn)
        ap, ar = self._pr(self.alleged_tp, self.alleged_fp, self.alleged_fn)
        return {"inferred": {"tp": self.inferred_tp, "fp": self.inferred_fp,
                             "fn": self.inferred_fn, "precision": round(ip, 3),
                             "recall": round(ir, 3)},
                "alleged": {"tp": self.alleged_tp, "fp": self.alleged_fp,
                            "fn": self.alleged_fn, "precision": round(ap, 3),
                            "recall": round(ar, 3)},
                "errors": self.errors}


def evaluate_ledger(folder: Path) -> LedgerScores:
    """Code the folder's articles, build the ledger across them and score it."""
    from dyad.ledger.build import build_ledger
    from dyad.pipeline import code_many
    from dyad.records import Article

    try:
        arts = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(Messages.E205, path=folder, detail=exc) from exc
    led = build_ledger(code_many([Article(id=a["id"], text=a["text"], published=a["published"],
                                          language="en") for a in arts]))
    inferred, alleged = [], []
    for c in led.commitments.values():
        for x in led.against.get(c.id, []):
            row = (x.act.article_id, {a.key() for a in x.by}, c.keys("parties") | c.keys(),
                   {a.key() for a in x.alleged_by})
            if x.basis == "inferred" or "also inferred" in x.explanation:
                inferred.append(row)
            if x.basis == "alleged":
                alleged.append(row)
    sc = LedgerScores()

    def hit_inf(g: dict[str, Any], p: tuple[Any, ...]) -> bool:
        return p[0] == g["act_article"] and g["by"] in p[1] and set(g["commitment_parties"]) <= p[2]

    def hit_all(g: dict[str, Any], p: tuple[Any, ...]) -> bool:
        return p[0] == g["act_article"] and g["by"] in p[1] and set(g["alleged_by"]) <= p[3]

    for gold_rows, preds, hit, kind in ((gold["inferred"], inferred, hit_inf, "inferred"),
                                        (gold["alleged"], alleged, hit_all, "alleged")):
        tp = sum(1 for g in gold_rows if any(hit(g, p) for p in preds))
        fp = [p for p in preds if not any(hit(g, p) for g in gold_rows)]
        setattr(sc, f"{kind}_tp", tp)
        setattr(sc, f"{kind}_fn", len(gold_rows) - tp)
        setattr(sc, f"{kind}_fp", len(fp))
        sc.errors += [f"{kind} false positive: {p[0]} by {sorted(p[1], key=str)}" for p in fp]
        sc.errors += [f"{kind} missed: {g['act_article']} by {g['by']}" for g in gold_rows
                      if not any(hit(g, p) for p in preds)]
    return sc
