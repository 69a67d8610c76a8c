"""Blocking: which earlier mentions a new one is compared with.

Two mentions can only be linked when they share a type group, an actor on a side
they both name (or, for reciprocal types, their parties) and a time bucket, so
each mention is indexed under a few keys of (group, actors, bucket) and looks up
the keys a linkable partner must have been indexed under. The keys are built so
that a linkable pair is found whichever of the two arrives first: the set of
compared pairs, and so the clusters, do not depend on arrival order.
"""

from __future__ import annotations

from datetime import date
from itertools import combinations

from dyad.merge.mention import Mention, weeks
from dyad.merge.rules import MergeRules

BlockKey = tuple[str, ...]


def _years(m: Mention) -> range:
    try:
        first = date.fromordinal(max(1, m.begin)).year
        last = date.fromordinal(max(1, m.end - 1)).year
    except (ValueError, OverflowError):
        return range(0)
    return range(first, last + 1)


def _actor_keys(m: Mention, rules: MergeRules) -> tuple[list[BlockKey], list[BlockKey]]:
    """(keys to index under, keys to look up) for the actors, without time."""
    group = rules.group(m.event)
    reciprocal = any(rules.group(t) == group for t in rules.reciprocal)
    index: list[BlockKey] = []
    query: list[BlockKey] = []
    if reciprocal:
        # Parties: a pair of them is shared by any two linkable mentions naming two
        # or more; a one-party mention must look through everything naming its party.
        parties = sorted(m.parties)
        if len(parties) >= 2:
            pairs = [("PP", a, b) for a, b in combinations(parties, 2)]
            index += pairs + [("P", p) for p in parties]
            query += pairs + [("P1", p) for p in parties]
        elif parties:
            index += [("P1", parties[0]), ("P", parties[0])]
            query += [("P", parties[0])]
    elif m.source and m.target:
        pairs = [("ST", s, t) for s in sorted(m.source) for t in sorted(m.target)]
        index += pairs + [("S", s) for s in m.source] + [("T", t) for t in m.target]
        query += pairs + [("So", s) for s in m.source] + [("To", t) for t in m.target]
    elif m.source:
        index += [("So", s) for s in m.source] + [("S", s) for s in m.source]
        query += [("S", s) for s in m.source]
    elif m.target:
        index += [("To", t) for t in m.target] + [("T", t) for t in m.target]
        query += [("T", t) for t in m.target]
    # A mention with no actor key is never linked (no actor evidence): no keys.
    return [(group, *k) for k in index], [(group, *k) for k in query]


def block_keys(m: Mention, rules: MergeRules) -> tuple[list[BlockKey], list[BlockKey]]:
    """(index keys, query keys) of a mention: actor keys times time buckets.

    A mention whose date spans at most ``max_block_weeks`` weeks is indexed by
    week; a wider one by year, and it looks through every week of its span.
    Dates too wide to count as evidence (date score 0) get no keys at all.
    """
    if rules.date_score(m.width) <= 0.0:
        return [], []
    index, query = _actor_keys(m, rules)
    if not index and not query:
        return [], []
    wk = [("w", str(w)) for w in weeks(m)]
    yr = [("y", str(y)) for y in _years(m)]
    if m.width <= rules.max_block_weeks * 7:
        return ([(*k, *b) for k in index for b in wk],
                [(*k, *b) for k in query for b in wk + yr])
    return ([(*k, *b) for k in index for b in yr],
            [(*k, *b) for k in query for b in wk + yr])
