"""The ledger for one article: its commitments, the contradictions it reports, and
those it shows within itself. Called at the end of ``pipeline.code_parsed``."""

from __future__ import annotations

from dyad.ledger.commitments import find_commitments
from dyad.ledger.contradictions import ActRecord, alleged, claim_acts, infer
from dyad.ledger.provisions import load_provisions
from dyad.ledger.records import Commitment, Contradiction
from dyad.ledger.registry import load_registry
from dyad.records import ArticleResult


def article_ledger(result: ArticleResult) -> tuple[list[Commitment], list[Contradiction]]:
    """Commitments and contradictions (alleged, and inferred within the article) as
    records. An inferred one about the same act and commitment as an alleged one is
    folded into it."""
    reg, prov = load_registry(), load_provisions()
    commitments = find_commitments(result, reg, prov)
    said = alleged(result, commitments, reg, prov)
    acts = [ActRecord(e, result.article.id, result.article.published) for e in result.events]
    found = infer(commitments, acts, reg, prov) + claim_acts(result, commitments, prov)
    keyed = {(x.commitment_id, x.act.event_id or x.act.start) for x in said}
    for x in found:
        if (x.commitment_id, x.act.event_id or x.act.start) in keyed:
            for y in said:
                if (y.commitment_id, y.act.event_id or y.act.start) == \
                        (x.commitment_id, x.act.event_id or x.act.start):
                    y.explanation += f"; also inferred: {x.explanation}"
            continue
        said.append(x)
    return commitments, said


def ledger_for_article(result: ArticleResult) -> None:
    """Fill ``result.commitments`` and ``result.contradictions`` (JSON dicts of the
    Commitment and Contradiction records of DESIGN.md).

    >>> from dyad.pipeline import code
    >>> r = code("Armenia and Azerbaijan signed the Prague statement.", published="2023-01-02")
    >>> [c["name"] for c in r.commitments]
    ['Prague statement']
    """
    commitments, contradictions = article_ledger(result)
    result.commitments = [c.to_dict() for c in commitments]
    result.contradictions = [x.to_dict() for x in contradictions]
