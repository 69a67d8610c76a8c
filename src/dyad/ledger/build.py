"""The ledger over many articles: commitments merged across articles (one per named
agreement), the contradictions each article reports, and contradictions inferred
between a commitment in one article and an act in another.

>>> from dyad.pipeline import code
>>> a = code("Armenia and Azerbaijan signed the Prague statement.", published="2022-10-07")
>>> b = code("Azerbaijani troops shelled Armenian villages on May 2.", published="2023-05-03")
>>> led = build_ledger([a, b])
>>> [c.name for c, _ in led.query(party="AZE")]
['Prague statement']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dyad.ledger.contradictions import ActRecord, infer
from dyad.ledger.records import Commitment, Contradiction
from dyad.records import ArticleResult, Event


@dataclass
class Ledger:
    """Commitments by id, contradictions by commitment id, and registry proposals."""

    commitments: dict[str, Commitment] = field(default_factory=dict)
    against: dict[str, list[Contradiction]] = field(default_factory=dict)
    mentions: dict[str, int] = field(default_factory=dict)

    def add_commitment(self, c: Commitment) -> str:
        """Add or merge; returns the id the commitment has in the ledger. Unlinked
        commitments merge when parties, provision, content and day agree."""
        key = c.agreement or c.id
        if key not in self.commitments and not c.agreement:
            sig = _signature(c)
            for other in self.commitments.values():
                if not other.agreement and _signature(other) == sig:
                    key = other.id
                    break
        if key in self.commitments:
            self.mentions[key] += 1
            return key
        self.commitments[key] = c
        self.mentions[key] = 1
        return key

    def add_contradiction(self, x: Contradiction) -> None:
        rows = self.against.setdefault(x.commitment_id, [])
        for y in rows:
            if y.act.article_id == x.act.article_id and (y.act.event_id or y.act.start) == \
                    (x.act.event_id or x.act.start):
                if x.basis == "alleged" and y.basis == "inferred":
                    rows[rows.index(y)] = x
                return
        rows.append(x)

    def query(self, party: str | None = None, provision: str | None = None,
              since: str | None = None, until: str | None = None
              ) -> list[tuple[Commitment, list[Contradiction]]]:
        """Commitments binding or naming ``party`` (country code or org acronym), of
        ``provision``, made within [since, until] (YYYY-MM-DD, inclusive), in date
        order, each with the contradictions against it."""
        out = []
        for c in self.commitments.values():
            if party and party.upper() not in {k.upper() for k in c.keys("parties") | c.keys()}:
                continue
            if provision and provision != c.provision and provision not in c.provisions:
                continue
            day = c.day() or ""
            if since and (not day or day < since):
                continue
            if until and (not day or day > until):
                continue
            xs = sorted(self.against.get(c.id, []), key=lambda x: (x.date.begin or "")
                        if x.date else "")
            out.append((c, xs))
        return sorted(out, key=lambda p: (p[0].day() or "", p[0].name))

    def proposed_registry(self) -> list[dict[str, Any]]:
        """Registry entries proposed for dated commitments that match none: paste them
        into an agreements file (see data/agreements.yaml) after checking them."""
        out = []
        for c in self.commitments.values():
            if c.agreement or not c.day() or not c.content:
                continue
            parties = sorted(c.keys("parties"))
            out.append({"id": _slug("-".join(parties) + "-" + (c.day() or "")),
                        "name": f"{' / '.join(parties)} {c.name} of {c.day()}",
                        "date": c.day(), "parties": parties, "obligated": sorted(c.keys()),
                        "provisions": c.provisions, "content": c.content,
                        "source": {"article_id": c.evidence.article_id,
                                   "start": c.evidence.start, "end": c.evidence.end}})
        return out


def _signature(c: Commitment) -> tuple[Any, ...]:
    return (tuple(sorted(c.keys("parties"))), c.provision, c.day(), c.content.lower())


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def _records(result: ArticleResult) -> tuple[list[Commitment], list[Contradiction]]:
    if not result.commitments and not result.contradictions:
        from dyad.ledger.article import article_ledger

        return article_ledger(result)
    return ([Commitment.from_dict(d) for d in result.commitments],
            [Contradiction.from_dict(d) for d in result.contradictions])


def build_ledger(results: Iterable[ArticleResult]) -> Ledger:
    """The ledger over coded articles held in memory (results whose ledger is empty are
    run through the article ledger first). Inferred contradictions are computed across
    all articles: an act in any article against a commitment in any other."""
    led = Ledger()
    acts: list[ActRecord] = []
    said: list[Contradiction] = []
    for r in results:
        cs, xs = _records(r)
        local = {c.id: led.add_commitment(c) for c in cs}
        for x in xs:
            x.commitment_id = local.get(x.commitment_id, x.commitment_id)
            said.append(x)
        acts.extend(ActRecord(e, r.article.id, r.article.published) for e in r.events)
    _finish(led, said, acts)
    return led


def _finish(led: Ledger, said: list[Contradiction], acts: list[ActRecord]) -> None:
    for x in said:
        if x.basis == "alleged":
            led.add_contradiction(x)
    for x in infer(led.commitments.values(), acts):
        led.add_contradiction(x)
    for x in said:  # in-article inferences the cross-article pass did not repeat
        if x.basis != "alleged":
            led.add_contradiction(x)


def events_of(records: Iterable[dict[str, Any]]) -> list[Event]:
    """Event records (JSON dicts) as Events."""
    return [Event.from_dict(d) for d in records]
