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


def _side_keys(m: Mention) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(index, query) actor keys of a mention compared side by side (source with
    source, target with target): any two such mentions sharing a side are found."""
    index: list[tuple[str, ...]] = []
    query: list[tuple[str, ...]] = []
    if m.source and m.target:
        pairs = [("ST", s, t) for s in sorted(m.source) for t in sorted(m.target)]
        index += pairs + [("S", s) for s in sorted(m.source)] + \
            [("T", t) for t in sorted(m.target)]
        query += pairs + [("So", s) for s in sorted(m.source)] + \
            [("To", t) for t in sorted(m.target)]
    elif m.source:
        index += [("So", s) for s in sorted(m.source)] + [("S", s) for s in sorted(m.source)]
        query += [("S", s) for s in sorted(m.source)]
    elif m.target:
        index += [("To", t) for t in sorted(m.target)] + [("T", t) for t in sorted(m.target)]
        query += [("T", t) for t in sorted(m.target)]
    return index, query


def _actor_keys(m: Mention, rules: MergeRules) -> tuple[list[BlockKey], list[BlockKey]]:
    """(keys to index under, keys to look up) for the actors, without time."""
    group = rules.group(m.event)
    reciprocal = any(rules.group(t) == group for t in rules.reciprocal)
    index: list[tuple[str, ...]] = []
    query: list[tuple[str, ...]] = []
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
        if m.event not in rules.reciprocal:
            # Two non-reciprocal types of such a group (SUPPORT) are compared side by
            # side, and may share one party only ("USA, GBR" vs "USA -> UKR"): the
            # party keys miss them, the side keys (tagged apart) do not.
            side_index, side_query = _side_keys(m)
            index += [("n", *k) for k in side_index]
            query += [("n", *k) for k in side_query]
    else:
        index, query = _side_keys(m)
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
    t_index, t_query = _time_buckets(m, rules)
    return ([(*k, *b) for k in index for b in t_index],
            [(*k, *b) for k in query for b in t_query])


def _time_buckets(m: Mention, rules: MergeRules) -> tuple[list[BlockKey], list[BlockKey]]:
    """(buckets to index under, buckets to look up) of a mention's interval."""
    wk: list[BlockKey] = [("w", str(w)) for w in weeks(m)]
    yr: list[BlockKey] = [("y", str(y)) for y in _years(m)]
    if m.width <= rules.max_block_weeks * 7:
        return wk, wk + yr
    return yr, wk + yr

class BlockIndex:
    """``block_keys`` with the actor keys and time buckets of a mention computed once
    per distinct (type, actors) and per distinct interval: news repeats both."""

    def __init__(self, rules: MergeRules) -> None:
        self.rules = rules
        self._actors: dict[tuple[str, frozenset[str], frozenset[str]],
                           tuple[list[BlockKey], list[BlockKey]]] = {}
        self._times: dict[tuple[int, int], tuple[list[BlockKey], list[BlockKey]]] = {}

    def keys(self, m: Mention) -> tuple[list[BlockKey], list[BlockKey]]:
        """(index keys, query keys) of a mention, as ``block_keys`` gives them."""
        if self.rules.date_score(m.width) <= 0.0:
            return [], []
        ak = (m.event, m.source, m.target)
        actors = self._actors.get(ak)
        if actors is None:
            actors = self._actors[ak] = _actor_keys(m, self.rules)
        index, query = actors
        if not index and not query:
            return [], []
        tk = (m.begin, m.end)
        times = self._times.get(tk)
        if times is None:
            times = self._times[tk] = _time_buckets(m, self.rules)
        t_index, t_query = times
        return ([(*k, *b) for k in index for b in t_index],
                [(*k, *b) for k in query for b in t_query])
