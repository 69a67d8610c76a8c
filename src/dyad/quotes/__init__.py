"""Quotations and reported speech: who said what.

``extract_quotes`` finds direct quotes, quoted fragments inside reported speech
(mixed) and indirect speech, each with its cue verb and its speaker resolved
through the actor layer; ``link_quotes`` ties events to the statements that make
them and to the reported content they sit in.

>>> from dyad.pipeline import code
>>> [(q.kind, q.speaker.country) for q in code('"We will not retreat," Armenia said.').quotes]
[('direct', 'ARM')]
"""

from __future__ import annotations

from dyad.quotes.extract import extract_quotes
from dyad.quotes.link import link_quotes

__all__ = ["extract_quotes", "link_quotes"]
