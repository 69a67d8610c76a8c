"""Clustering mentions into real-world events, incrementally and order-independently.

Links (pairs ``compare`` says are one event) join mentions into *components*;
inside each component, clusters are grown by taking links strongest first (ties
broken by the mention keys) and refusing any merge that would put two
incompatible mentions together. Both steps depend only on the set of mentions,
never on the order they arrived in, so ``Clusterer.add`` article by article gives
the clusters that one ``add`` of everything gives.

>>> c = Clusterer()
>>> c.add([m1, m2, m3])                 # doctest: +SKIP
>>> c.cluster_of(m1.key).n_sources      # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from dyad.merge.blocking import BlockIndex, BlockKey
from dyad.merge.mention import Mention
from dyad.merge.pairs import PairJudge
from dyad.merge.rules import MergeRules, load_rules


@dataclass
class Cluster:
    """One real-world event: its canonical mention, its members and its counts."""

    id: str
    canonical: str                       # key of the canonical mention
    members: list[str]                   # mention keys, sorted
    n_mentions: int
    n_articles: int
    n_sources: int
    first_reported: str                  # earliest publication date, '' if unknown
    begin: int                           # the days every member allows, end exclusive
    end: int

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "canonical": self.canonical, "members": list(self.members),
                "n_mentions": self.n_mentions, "n_articles": self.n_articles,
                "n_sources": self.n_sources, "first_reported": self.first_reported or None}


def cluster_id(first: Mention) -> str:
    """A cluster's id from its first-reported mention: 'c' + 12 hex digits."""
    raw = "\x1f".join(first.order_key()).encode("utf-8")
    return "c" + hashlib.sha1(raw, usedforsecurity=False).hexdigest()[:12]


@dataclass
class Changes:
    """What one ``add`` or ``remove`` changed: new cluster of each affected mention
    (None for removed ones), the ids of clusters made or changed in any way (members,
    canonical, counts), and the ids of clusters that no longer exist.

    ``updated`` is not implied by ``assigned``: a cluster that loses a mention to
    another one, or loses a removed mention, keeps its id and the cluster ids of
    its remaining members, yet its counts change."""

    assigned: dict[str, str | None] = field(default_factory=dict)
    updated: set[str] = field(default_factory=set)
    dropped: set[str] = field(default_factory=set)


class Clusterer:
    """Clusters of mentions, kept current as mentions are added or removed."""

    def __init__(self, rules: MergeRules | None = None) -> None:
        self.rules = rules or load_rules()
        self.mentions: dict[str, Mention] = {}
        self.links: dict[str, dict[str, float]] = {}
        self.clusters: dict[str, Cluster] = {}
        self._index: dict[BlockKey, set[str]] = defaultdict(set)
        self._keys: dict[str, list[BlockKey]] = {}
        self._comp_of: dict[str, int] = {}
        self._comps: dict[int, set[str]] = {}
        self._next_comp = 0
        self._cluster_of: dict[str, str] = {}
        self._blocks = BlockIndex(self.rules)
        self.judge = PairJudge(self.rules)
        self.compared = 0                    # candidate pairs found by blocking

    # -- public -----------------------------------------------------------------

    def add(self, mentions: Iterable[Mention]) -> Changes:
        """Add mentions (a mention already present is replaced) and update clusters."""
        new = list(mentions)
        changes = self.remove([m.key for m in new if m.key in self.mentions])
        judge, mentions_of, index, links = self.judge, self.mentions, self._index, self.links
        span, sig, memo, comp_of = judge.span, judge.sig, judge.memo, self._comp_of
        compared = 0
        # The inner loop runs once per candidate pair (millions in a large store), so
        # it reads precomputed spans and signature ids and the verdict memo directly.
        for m in new:
            key = m.key
            mentions_of[key] = m
            mine: dict[str, float] = {}
            links[key] = mine
            judge.add(m)
            sm = sig[key]
            comp = self._new_comp({key})
            index_keys, query_keys = self._blocks.keys(m)
            begin, end = m.begin, m.end
            seen: set[str] = set()
            for qk in query_keys:
                for other in index.get(qk, ()):
                    if other in seen:
                        continue
                    seen.add(other)
                    compared += 1
                    # Pairs whose dates do not overlap are never compatible (compare
                    # says so too): most of a week's block stops here.
                    ob, oe = span[other]
                    if (ob if ob > begin else begin) >= (oe if oe < end else end):
                        continue
                    v = memo.get((sig[other], sm) if other < key else (sm, sig[other]))
                    if v is None:
                        v = judge.verdict(m, mentions_of[other])
                    if v[1]:
                        mine[other] = v[2]
                        links[other][key] = v[2]
                        oc = comp_of[other]
                        if oc != comp:
                            comp = self._join(comp, oc)
            for ik in index_keys:
                index[ik].add(key)
            self._keys[key] = index_keys
        self.compared += compared
        live = {self._comp_of[m.key] for m in new}
        for comp in live:
            self._recluster(self._comps[comp], changes)
        return changes

    def remove(self, keys: Iterable[str]) -> Changes:
        """Remove mentions (for an article coded again) and update clusters."""
        changes = Changes()
        gone = [k for k in dict.fromkeys(keys) if k in self.mentions]
        if not gone:
            return changes
        affected: set[str] = set()
        for k in gone:
            # A key whose component an earlier key of this call took is done already.
            comp = self._comps.pop(self._comp_of.get(k, -1), set())
            for member in comp:
                self._comp_of.pop(member, None)
            affected |= comp
            for ik in self._keys.pop(k, []):
                self._index[ik].discard(k)
            self.judge.discard(k)
            for other in self.links.pop(k, {}):
                self.links[other].pop(k, None)
            del self.mentions[k]
            cid = self._cluster_of.pop(k, None)
            changes.assigned[k] = None
            if cid is not None:
                changes.dropped.add(cid)
        for k in affected:
            self._comp_of.pop(k, None)
        # A cluster that lost a mention is dropped here; ``_recluster`` below makes
        # it again (counted as updated) if its first-reported mention is still there.
        for cid in list(changes.dropped):
            self.clusters.pop(cid, None)
            changes.updated.discard(cid)
        rest = {k for k in affected if k in self.mentions}
        for members in _connected(rest, self.links):
            comp_id = self._new_comp(members)
            self._recluster(self._comps[comp_id], changes)
        return changes

    def cluster_of(self, key: str) -> Cluster | None:
        """The cluster a mention belongs to, or None if the mention is unknown."""
        cid = self._cluster_of.get(key)
        return self.clusters.get(cid) if cid else None

    def assignments(self) -> dict[str, str]:
        """Every mention key with its cluster id."""
        return dict(self._cluster_of)

    # -- internals --------------------------------------------------------------

    def _new_comp(self, members: set[str]) -> int:
        self._next_comp += 1
        self._comps[self._next_comp] = set(members)
        for k in members:
            self._comp_of[k] = self._next_comp
        return self._next_comp

    def _join(self, a: int, b: int) -> int:
        if a == b:
            return a
        if len(self._comps[a]) < len(self._comps[b]):
            a, b = b, a
        moved = self._comps.pop(b)
        for k in moved:
            self._comp_of[k] = a
        self._comps[a] |= moved
        return a

    def _recluster(self, members: set[str], changes: Changes) -> None:
        """Recompute the clusters of one component from its members and links alone."""
        old = {self._cluster_of[k] for k in members if k in self._cluster_of}
        for groups in _constrained(members, self.mentions, self.links, self.judge):
            cluster = self._summarize(groups)
            if self.clusters.get(cluster.id) != cluster:
                changes.updated.add(cluster.id)
            self.clusters[cluster.id] = cluster
            for k in groups:
                if self._cluster_of.get(k) != cluster.id:
                    changes.assigned[k] = cluster.id
                self._cluster_of[k] = cluster.id
            old.discard(cluster.id)
            changes.dropped.discard(cluster.id)
        for cid in old:
            self.clusters.pop(cid, None)
            changes.dropped.add(cid)
            changes.updated.discard(cid)

    def _summarize(self, keys: list[str]) -> Cluster:
        ms = [self.mentions[k] for k in keys]
        first = min(ms, key=Mention.order_key)
        canonical = min(ms, key=Mention.canonical_rank)
        # An article with no source name and no URL counts as a source of its own.
        outlets = {m.outlet or f"article:{m.article_id}" for m in ms}
        return Cluster(
            id=cluster_id(first), canonical=canonical.key, members=sorted(keys),
            n_mentions=len(ms), n_articles=len({m.article_id for m in ms}),
            n_sources=len(outlets), first_reported=first.published,
            begin=max(m.begin for m in ms), end=min(m.end for m in ms))


def _connected(keys: set[str], links: dict[str, dict[str, float]]) -> list[set[str]]:
    """Connected components of ``keys`` under ``links``."""
    out: list[set[str]] = []
    left = set(keys)
    while left:
        start = left.pop()
        comp, stack = {start}, [start]
        while stack:
            for nxt in links.get(stack.pop(), {}):
                if nxt in left:
                    left.discard(nxt)
                    comp.add(nxt)
                    stack.append(nxt)
        out.append(comp)
    return out


def _constrained(members: set[str], mentions: dict[str, Mention],
                 links: dict[str, dict[str, float]], judge: PairJudge) -> list[list[str]]:
    """Clusters of one component: links strongest first, never joining incompatible
    mentions. Deterministic given the members and their links."""
    if len(members) == 1:
        return [list(members)]
    # Each link once, as (a, b) with a < b: links are symmetric with equal scores.
    edges = sorted([(-s, a, b) for a in members
                    for b, s in links[a].items() if a < b and b in members])
    group: dict[str, int] = {k: i for i, k in enumerate(sorted(members))}
    parts: dict[int, list[str]] = {i: [k] for k, i in group.items()}
    # Pairwise-overlapping intervals on a line share a common part (Helly), so a
    # cluster's intersection interval checks the dates of a merge in one step.
    span = {i: (mentions[k].begin, mentions[k].end) for k, i in group.items()}
    for _neg, a, b in edges:
        ga, gb = group[a], group[b]
        if ga == gb:
            continue
        lo = max(span[ga][0], span[gb][0])
        hi = min(span[ga][1], span[gb][1])
        if lo >= hi:
            continue
        # Linked pairs are compatible by definition; only the others need judging.
        if not all(y in links[x] or judge.compatible(mentions[x], mentions[y])
                   for x in parts[ga] for y in parts[gb]):
            continue
        if len(parts[ga]) < len(parts[gb]):
            ga, gb = gb, ga
        for k in parts[gb]:
            group[k] = ga
        parts[ga] += parts.pop(gb)
        span[ga] = (lo, hi)
        span.pop(gb)
    return [sorted(p) for p in parts.values()]


def cluster_mentions(mentions: Iterable[Mention], rules: MergeRules | None = None) -> Clusterer:
    """Cluster a whole set of mentions at once (the same result as adding them in any order)."""
    c = Clusterer(rules)
    c.add(mentions)
    return c
