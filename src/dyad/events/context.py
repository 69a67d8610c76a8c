"""What the event stage reads for one article, and the word sets its rules share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dyad.actors.resolve import ArticleActors
from dyad.events.lexicon import Lexicon
from dyad.nlp.parse import Parsed
from dyad.records import TimeValue

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
LOC_PREPS = {"in", "at", "near", "outside", "inside", "across", "along", "into", "on"}


@dataclass
class Context:
    p: Parsed
    actors: ArticleActors
    times: list[TimeValue]
    lex: Lexicon
    article_id: str
    published: date | None
    published_value: TimeValue | None
    # the article's trigger words by token (set by extract_events), for "the attacks"
    hits: dict[int, Any] = field(default_factory=dict)
