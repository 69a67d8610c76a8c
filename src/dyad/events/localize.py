"""Give bare domestic actors ("police", "opposition leaders", "the governor") the
country of a story filed from that country.

A wire story datelined TBILISI that is mostly about Georgia reports Georgian police
and Georgian protesters even when it only says "police" and "protesters". Only
actors with a sector and no country or organization of their own are changed, and
only when the dateline's country is the one the story names most: a BEIRUT-datelined
story about Syria leaves its "rebels" alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from dyad.records import Actor, Event


def story_country(actors: list[Actor]) -> set[str]:
    """The countries the story names most often (ties all count)."""
    counts = Counter(a.country for a in actors if a.country and not a.org)
    if not counts:
        return set()
    top = max(counts.values())
    return {c for c, n in counts.items() if n == top}


def localize_to_dateline(events: list[Event], home: str | None,
                         actors: list[Actor]) -> list[Event]:
    """Events with their bare domestic actors placed in ``home``, the dateline's country."""
    if home is None or home not in story_country(actors):
        return events

    def fix(side: list[Actor]) -> list[Actor]:
        return [replace(a, country=home, code=home + (a.sector or ""))
                if a.sector and not (a.country or a.org) else a for a in side]

    out = []
    for e in events:
        source = fix(e.source)
        codes = {a.code for a in source}
        # a bare target that would become the source itself stays as it was
        target = [a if b.code in codes and a is not b else b
                  for a, b in zip(e.target, fix(e.target), strict=True)]
        out.append(replace(e, source=source, target=target))
    return out
