"""Whether two mentions can be one event, and how strongly the evidence says they are.

``compare(a, b)`` gives a ``PairScore``: ``compatible`` (nothing contradicts one
event), the weighted components of the score, and ``linked`` (compatible and
the score reaches the threshold). ``explain`` prints it for a person.
The comparison is symmetric: ``compare(a, b)`` and ``compare(b, a)`` agree exactly,
which the order-independence of clustering relies on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dyad.merge.mention import Mention, day_text, km_between
from dyad.merge.rules import MergeRules, load_rules


@dataclass
class PairScore:
    """The merge decision for one pair of mentions, with its reasons."""

    compatible: bool
    score: float = 0.0
    linked: bool = False
    components: dict[str, float] = field(default_factory=dict)  # raw component values 0..1
    reason: str = ""                                              # why not compatible

    def to_dict(self) -> dict[str, object]:
        return {"compatible": self.compatible, "linked": self.linked,
                "score": round(self.score, 3), "components": self.components,
                "reason": self.reason}


def _actors(a: Mention, b: Mention, rules: MergeRules) -> tuple[float | None, str]:
    """Actor agreement 0..1, or None with the reason when the actors contradict."""
    scores = rules.actor_scores
    if a.event in rules.reciprocal or b.event in rules.reciprocal:
        pa, pb = a.parties, b.parties
        if not pa or not pb:
            return 0.0, ""
        small, large = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
        if not small <= large:
            return None, f"parties differ: {sorted(pa)} vs {sorted(pb)}"
        if pa == pb and len(pa) >= 2:
            value = scores["both"]
        else:
            value = scores["parties"] if len(small) >= 2 else scores["one_side"]
    else:
        shared = 0
        for side, x, y in (("source", a.source, b.source), ("target", a.target, b.target)):
            if x and y:
                if not x & y:
                    return None, f"{side}s differ: {sorted(x)} vs {sorted(y)}"
                shared += 1
        if shared == 0:
            return 0.0, ""
        both_named = all((a.source and b.source, a.target and b.target))
        value = scores["both"] if shared == 2 and both_named else scores["one_side"]
    if not a.codes & b.codes:
        value *= scores.get("generalized_factor", 1.0)
    return value, ""


def _place(a: Mention, b: Mention, rules: MergeRules) -> tuple[float | None, str]:
    (na, ca, lata, lona), (nb, cb, latb, lonb) = a.place, b.place
    ps = rules.place_scores
    if na is None or nb is None:
        return ps["unknown"], ""
    if na == nb:
        return ps["same"], ""
    if lata is not None and lona is not None and latb is not None and lonb is not None:
        km = km_between(lata, lona, latb, lonb)
        if km > rules.max_place_km:
            return None, f"places {km:.0f} km apart: {na} vs {nb}"
        if km <= rules.near_km:
            return ps["same"], ""
    if ca and cb and ca != cb:
        return None, f"places in different countries: {na} ({ca}) vs {nb} ({cb})"
    if ca and ca == cb:
        return ps["same_country"], ""
    return ps["unknown"], ""


def compare(a: Mention, b: Mention, rules: MergeRules | None = None) -> PairScore:
    """Compare two mentions: compatibility, component scores, total and link decision."""
    rules = rules or load_rules()
    if b.key < a.key:  # one fixed order, so float sums cannot differ between calls
        a, b = b, a
    t = rules.type_score(a.event, b.event)
    if t == 0.0:
        return PairScore(False, reason=f"types differ: {a.event} vs {b.event}")
    if a.negated != b.negated:
        return PairScore(False, reason="one is negated")
    if a.realized != b.realized:
        return PairScore(False, reason=f"modality differs: {a.modality} vs {b.modality}")
    if max(a.begin, b.begin) >= min(a.end, b.end):
        return PairScore(False, reason=(
            f"dates do not overlap: {day_text(a.begin)}..{day_text(a.end)} vs "
            f"{day_text(b.begin)}..{day_text(b.end)}"))
    actors, why = _actors(a, b, rules)
    if actors is None:
        return PairScore(False, reason=why)
    place, why = _place(a, b, rules)
    if place is None:
        return PairScore(False, reason=why)
    d = rules.date_score(max(a.width, b.width))
    trig = 1.0 if a.trigger and a.trigger == b.trigger else 0.0
    comps = {"type": t, "actors": actors, "date": d, "place": place, "trigger": trig}
    w = rules.weights
    total = sum(w.get(k, 0.0) * v for k, v in comps.items())
    # No date evidence (an open or multi-year interval) never links on its own.
    return PairScore(True, total, total >= rules.threshold and d > 0.0 and actors > 0.0,
                     comps)


def explain(a: Mention, b: Mention, rules: MergeRules | None = None) -> str:
    """A few lines saying why two mentions are, or are not, one event."""
    rules = rules or load_rules()
    ps = compare(a, b, rules)
    lines = [f"{a.key}: {a.event} {sorted(a.source)} -> {sorted(a.target)} "
             f"{day_text(a.begin)}..{day_text(a.end)} ({a.date_source})",
             f"{b.key}: {b.event} {sorted(b.source)} -> {sorted(b.target)} "
             f"{day_text(b.begin)}..{day_text(b.end)} ({b.date_source})"]
    if not ps.compatible:
        lines.append(f"not compatible: {ps.reason}")
        return "\n".join(lines)
    for k, v in ps.components.items():
        wt = rules.weights.get(k, 0.0)
        lines.append(f"  {k:<8} {v:4.2f} x {wt:g} = {v * wt:5.2f}")
    verdict = "linked" if ps.linked else "not linked"
    lines.append(f"  score {ps.score:.2f}, threshold {rules.threshold:g}: {verdict}")
    return "\n".join(lines)
