"""The merge rules of ``data/merge.yaml``: weights, score tables and type groups.

Loaded once per process; a caller may pass its own ``MergeRules`` (tests do).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import ConfigError, Messages

DATA = Path(__file__).resolve().parent.parent / "data" / "merge.yaml"


@dataclass(frozen=True)
class MergeRules:
    """What decides that two mentions are one event (see data/merge.yaml)."""

    threshold: float = 6.0
    weights: dict[str, float] = field(default_factory=dict)
    actor_scores: dict[str, float] = field(default_factory=dict)
    date_scores: tuple[tuple[float, float], ...] = ()
    published_widen_days: int = 3
    undated_widen_days: int = 14
    date_slack_days: int = 0
    place_scores: dict[str, float] = field(default_factory=dict)
    near_km: float = 50.0
    max_place_km: float = 400.0
    compatible_score: float = 0.5
    compatible: frozenset[frozenset[str]] = frozenset()
    reciprocal: frozenset[str] = frozenset()
    max_block_weeks: int = 6
    groups: dict[str, str] = field(default_factory=dict)

    def group(self, event_type: str) -> str:
        """The blocking group of a type: types that may be one act share a group."""
        return self.groups.get(event_type, event_type)

    def type_score(self, a: str, b: str) -> float:
        """1 for the same type, ``compatible_score`` for listed pairs, else 0."""
        if a == b:
            return 1.0
        if frozenset((a, b)) in self.compatible:
            return self.compatible_score
        return 0.0

    def date_score(self, width_days: int) -> float:
        """The date evidence of two overlapping intervals, by the wider one's width."""
        for max_days, score in self.date_scores:
            if width_days <= max_days:
                return score
        return 0.0


def _groups(sets: list[list[str]]) -> dict[str, str]:
    # Types joined through any compatible set share one blocking group, named by
    # the alphabetically first member so the name does not depend on file order.
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for s in sets:
        for t in s[1:]:
            ra, rb = find(s[0]), find(t)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {t: find(t) for t in parent}


def parse_rules(raw: dict[str, Any], where: str = "merge rules") -> MergeRules:
    """Build ``MergeRules`` from the mapping of merge.yaml; ConfigError (E204) if malformed."""
    try:
        sets = [list(map(str, s)) for s in raw.get("compatible_types") or []]
        pairs = frozenset(frozenset((a, b)) for s in sets for a in s for b in s if a != b)
        return MergeRules(
            threshold=float(raw["threshold"]),
            weights={k: float(v) for k, v in raw["weights"].items()},
            actor_scores={k: float(v) for k, v in raw["actor_scores"].items()},
            date_scores=tuple((float(r["max_days"]), float(r["score"]))
                              for r in raw["date_scores"]),
            published_widen_days=int(raw.get("published_widen_days", 3)),
            undated_widen_days=int(raw.get("undated_widen_days", 14)),
            date_slack_days=int(raw.get("date_slack_days", 0)),
            place_scores={k: float(v) for k, v in raw["place_scores"].items()},
            near_km=float(raw.get("near_km", 50)),
            max_place_km=float(raw.get("max_place_km", 400)),
            compatible_score=float(raw.get("compatible_score", 0.5)),
            compatible=pairs,
            reciprocal=frozenset(map(str, raw.get("reciprocal_types") or [])),
            max_block_weeks=int(raw.get("max_block_weeks", 6)),
            groups=_groups(sets),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(Messages.E204, path=where, detail=f"{type(exc).__name__}: {exc}") \
            from exc


@lru_cache(maxsize=1)
def load_rules() -> MergeRules:
    """The rules of the bundled data/merge.yaml, loaded once."""
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    return parse_rules(raw, str(DATA))
