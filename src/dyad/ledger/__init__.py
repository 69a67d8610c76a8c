"""The commitments ledger: promises made in the news, and what contradicts them.

``ledger_for_article`` fills one ArticleResult's commitments and contradictions;
``build_ledger`` joins many articles (or a store) and infers contradictions across them.
"""

from dyad.ledger.article import article_ledger, ledger_for_article
from dyad.ledger.records import Act, Commitment, Contradiction, Evidence

__all__ = ["Act", "Commitment", "Contradiction", "Evidence", "article_ledger",
           "ledger_for_article"]
