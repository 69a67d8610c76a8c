"""The words that signal quotations: verbs of saying from the event lexicon plus
``data/quote_cues.yaml`` (accusing, naming and thinking verbs, name markers,
statement and office nouns), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from dyad.errors import ConfigError, Messages
from dyad.events.lexicon import Lexicon


@dataclass(frozen=True)
class Cues:
    speech: frozenset[str]  # every verb that can govern a quotation
    cognition: frozenset[str]  # "believe", "hope": reports of thought
    naming: frozenset[str]  # "called X 'Y'": the quoted words are the subject's
    name_markers: tuple[tuple[str, ...], ...]  # word sequences: ("so-called",), ("known", "as")
    statement_nouns: frozenset[str]
    office_nouns: frozenset[str]

    def says(self, lemma: str) -> bool:
        """True for a verb that reports speech (not mere thought)."""
        return lemma in self.speech and lemma not in self.cognition


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in raw.get(key) or ())


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    path = resources.files("dyad") / "data" / "quote_cues.yaml"
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("expected a mapping of lists")
        return data
    except (yaml.YAMLError, ValueError, OSError) as exc:
        raise ConfigError(Messages.E204, path="quote_cues.yaml", detail=str(exc)) from exc


_CACHE: dict[int, tuple[Lexicon, Cues]] = {}


def load_cues(lex: Lexicon) -> Cues:
    """Cues for quotations, from the lexicon's verbs of saying and quote_cues.yaml
    (built once per lexicon: the lexicon is unhashable, so it is keyed by identity)."""
    hit = _CACHE.get(id(lex))
    if hit is not None and hit[0] is lex:
        return hit[1]
    raw = _raw()
    verbs = {w.split()[0] for w in _words(raw, "cue_verbs")}
    speech = frozenset(lex.speech_verbs | verbs)
    markers = tuple(tuple(m.split()) for m in sorted(_words(raw, "name_markers")))
    cues = Cues(speech=speech, cognition=_words(raw, "cognition_verbs"),
                naming=_words(raw, "naming_verbs"), name_markers=markers,
                statement_nouns=_words(raw, "statement_nouns"),
                office_nouns=_words(raw, "office_nouns"))
    _CACHE[id(lex)] = (lex, cues)
    return cues
