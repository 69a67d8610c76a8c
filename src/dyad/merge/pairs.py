"""Pair decisions for the clusterer, cheaply: a date pre-check, then ``compare``
memoized on what it reads apart from the dates.

Once two date intervals overlap, ``compare`` reads nothing of them but their
widths: its verdict and score depend only on each mention's *signature* (type,
negation, realization, actor keys and codes, place, interval width, trigger).
News repeats itself, so many pairs share a pair of signatures, and the memo
gives each such pair the very ``PairScore`` numbers ``compare`` gave the first.
The signatures are taken in the order ``compare`` takes the mentions (by key),
so even the order of the float sum is the same: decisions cannot differ from
calling ``compare`` on every pair.
"""

from __future__ import annotations

from dyad.merge.mention import Mention
from dyad.merge.rules import MergeRules
from dyad.merge.score import compare

# (compatible, linked, score) of an overlapping pair.
Verdict = tuple[bool, bool, float]
Signature = tuple[object, ...]

# Past this many memoized pairs (stores where few signatures repeat) the memo is
# emptied rather than grown: it is a cache, not a record.
MEMO_LIMIT = 2_000_000


def signature(m: Mention) -> Signature:
    """Everything of a mention that ``compare`` reads, except its key and its dates
    beyond their width (modality only words a reason; ``realized`` decides)."""
    return (m.event, m.negated, m.realized, m.source, m.target, m.codes, m.place, m.width,
            m.trigger)


class PairJudge:
    """Pair verdicts with per-mention keys computed once: ``add`` a mention, then
    ``verdict`` or ``compatible`` for any two added mentions."""

    def __init__(self, rules: MergeRules) -> None:
        self.rules = rules
        self._sig_ids: dict[Signature, int] = {}
        self.sig: dict[str, int] = {}                  # mention key -> signature id
        self.span: dict[str, tuple[int, int]] = {}     # mention key -> (begin, end)
        self.memo: dict[tuple[int, int], Verdict] = {}
        self.scored = 0                                # pairs ``compare`` was run on

    def add(self, m: Mention) -> None:
        """Compute and keep the derived keys of a mention."""
        s = signature(m)
        sid = self._sig_ids.get(s)
        if sid is None:
            sid = self._sig_ids[s] = len(self._sig_ids)
        self.sig[m.key] = sid
        self.span[m.key] = (m.begin, m.end)

    def discard(self, key: str) -> None:
        """Forget a removed mention (its signature id stays valid for the memo)."""
        self.sig.pop(key, None)
        self.span.pop(key, None)

    def verdict(self, a: Mention, b: Mention) -> Verdict:
        """(compatible, linked, score) of two added mentions whose dates overlap:
        exactly what ``compare(a, b)`` says."""
        if b.key < a.key:  # compare's own order
            a, b = b, a
        pair = (self.sig[a.key], self.sig[b.key])
        v = self.memo.get(pair)
        if v is None:
            self.scored += 1
            ps = compare(a, b, self.rules)
            v = (ps.compatible, ps.linked, ps.score)
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            self.memo[pair] = v
        return v

    def compatible(self, a: Mention, b: Mention) -> bool:
        """Whether nothing contradicts two added mentions being one event
        (``compare(a, b).compatible``)."""
        (ab, ae), (bb, be) = self.span[a.key], self.span[b.key]
        if max(ab, bb) >= min(ae, be):
            return False
        return self.verdict(a, b)[0]
