"""Which sentences need the full parse: a fast pass over surface words.

An event needs a trigger from the event lexicon (with its particle, compound
modifier or object word somewhere in the sentence) and someone to do it; a
quotation needs a quotation mark or a verb of saying. A sentence with none of
these can yield neither, so the tagger, parser and entity recognizer are not run
on it: its tokens are kept (offsets and surface forms, so knowledge-base phrases
still match) without tags or arcs. Time expressions are tagged on the raw text
and need no parse.

The pass works on the tokenizer's output only. Surface words are mapped to every
lemma they could have (the model's own lemmatizer tables, read once), so "held"
finds "hold" and "talks" finds "talk"; erring towards a parse costs time, never
an event.

>>> from dyad.nlp import load_nlp
>>> pf = build_prefilter(load_nlp(), cue_lemmas={"attack"}, speech=set(), actors={"armenia"})
>>> pf.needs_parse(["Armenia", " ", "attacked", "."])
True
>>> pf.needs_parse(["The", "weather", "was", "mild", "."])
False
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

QUOTE_MARKS = frozenset("\"“”‘’«»„")
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "they", "them", "their", "it", "its",
                      "we", "our", "i"})
_SENT_END = frozenset({".", "!", "?", "…"})
_CACHE_LIMIT = 200_000  # distinct words remembered; cleared past this so memory stays flat
_FALLBACK_RULES = {
    "verb": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
             ("ing", "e"), ("ing", "")],
    "noun": [("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("ies", "y"), ("es", "")],
}


@dataclass
class Condition:
    """What else a trigger entry needs in the sentence; all empty means nothing."""

    words: frozenset[str] = frozenset()  # particle and modifier words, surface forms
    objects: frozenset[str] = frozenset()  # object lemmas, any one of them


@dataclass
class Prefilter:
    """Decides from a sentence's words whether it can hold an event or a quotation.

    ``triggers`` maps a trigger's head lemma to the conditions of its entries
    (one satisfied is enough); ``speech`` are verbs of saying; ``actors`` the
    lower-cased knowledge-base phrases, with ``max_words`` the longest.
    """

    triggers: dict[str, list[Condition]]
    speech: frozenset[str]
    actors: frozenset[str]
    max_words: int
    rules: dict[str, list[tuple[str, str]]]
    exceptions: dict[str, dict[str, list[str]]]
    known: frozenset[str]
    _lemmas: dict[str, frozenset[str]] = field(default_factory=dict)

    def lemmas(self, word: str) -> frozenset[str]:
        """Every lemma the lower-cased ``word`` could have as a noun, verb or adjective."""
        hit = self._lemmas.get(word)
        if hit is not None:
            return hit
        out = {word}
        for pos, table in self.exceptions.items():
            out.update(table.get(word, ()))
            for old, new in self.rules.get(pos, ()):
                if word.endswith(old) and len(word) > len(old):
                    out.add(word[: len(word) - len(old)] + new)
        if len(self._lemmas) > _CACHE_LIMIT:
            self._lemmas.clear()
        res = frozenset(out)
        self._lemmas[word] = res
        return res

    def needs_parse(self, words: Sequence[str]) -> bool:
        """True when the sentence (its token texts) can hold an event or a quotation."""
        lowers: list[str] = []
        for w in words:
            if QUOTE_MARKS.intersection(w):
                return True  # quotations need the parse to find their speaker
            if not w.isspace():
                lowers.append(w.lower().replace("’", "'"))
        lemmas: set[str] = set()
        for w in lowers:
            lemmas |= self.lemmas(w)
        if lemmas & self.speech:
            return True
        return self._has_trigger(lemmas, set(lowers)) and self._has_actor(words, lowers)

    def _has_trigger(self, lemmas: set[str], lowers: set[str]) -> bool:
        for head in lemmas & self.triggers.keys():
            for cond in self.triggers[head]:
                if cond.words <= lowers and (not cond.objects or cond.objects & lemmas):
                    return True
        return False

    def _has_actor(self, words: Sequence[str], lowers: list[str]) -> bool:
        """Someone who could do or suffer an event: a name, a pronoun, a known phrase."""
        first = True
        for w in words:
            if w.isspace() or not w[:1].isalnum():
                continue
            if w[:1].isupper() and (not first or w.lower() not in self.known):
                return True  # a name the entity recognizer may know
            first = False
        if PRONOUNS.intersection(lowers):
            return True
        n = len(lowers)
        for i in range(n):
            for j in range(i + 1, min(n, i + self.max_words) + 1):
                if " ".join(lowers[i:j]) in self.actors:
                    return True
        return False


def sentence_bounds(words: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges [start, end) of sentences by punctuation and blank lines.

    A rough split is enough: it only decides what may be skipped, and each run of
    kept sentences is parsed as one text, where the parser draws the real bounds.
    """
    out: list[tuple[int, int]] = []
    start, seen_end = 0, False
    for i, w in enumerate(words):
        if w.isspace():
            if "\n\n" in w.replace("\r", "") and i + 1 > start:
                out.append((start, i + 1))
                start, seen_end = i + 1, False
            continue
        if seen_end and w[:1].isalnum():
            out.append((start, i))
            start, seen_end = i, False
        if w in _SENT_END or (len(w) > 1 and all(c in ".!?…" for c in w)):
            seen_end = True
    if start < len(words):
        out.append((start, len(words)))
    return out


def build_prefilter(nlp: Language, cue_lemmas: Iterable[str] | None = None,
                    speech: Iterable[str] | None = None,
                    actors: Iterable[str] | None = None) -> Prefilter:
    """A prefilter from the event lexicon, the quotation cues and the knowledge base.

    The arguments replace those sources (for tests); by default they are read
    from the built-in data, once per process by the caller's cache.
    """
    triggers: dict[str, list[Condition]] = {}
    if cue_lemmas is not None:
        triggers = {w: [Condition()] for w in cue_lemmas}
    else:
        triggers = _lexicon_triggers()
    speech_words = frozenset(speech) if speech is not None else _speech_words()
    phrases = frozenset(actors) if actors is not None else _kb_phrases()
    rules, exc, known = _lemma_tables(nlp)
    return Prefilter(triggers=triggers, speech=speech_words, actors=phrases,
                     max_words=max((len(p.split()) for p in phrases), default=1),
                     rules=rules, exceptions=exc, known=known)


_PREFILTERS: dict[tuple[int, tuple[str, ...]], Prefilter] = {}
_LOCK = threading.Lock()


def prefilter_for(nlp: Language, kb_files: Iterable[str] = ()) -> Prefilter | None:
    """The prefilter for this pipeline and knowledge files, built once per process;
    None when ``DYAD_PREFILTER=0`` asks for every sentence to be parsed."""
    if os.environ.get("DYAD_PREFILTER", "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    key = (id(nlp), tuple(str(f) for f in kb_files))
    with _LOCK:
        if key not in _PREFILTERS:
            _PREFILTERS[key] = build_prefilter(nlp, actors=_kb_phrases(key[1]))
        return _PREFILTERS[key]


def _lexicon_triggers() -> dict[str, list[Condition]]:
    from dyad.events.lexicon import load_lexicon

    lex = load_lexicon()
    out: dict[str, list[Condition]] = {}
    for (head, _pos), entries in lex.by_head.items():
        for e in entries:
            words = frozenset((e.particle or "").split()) | frozenset(e.modifiers)
            out.setdefault(head, []).append(Condition(words=words, objects=e.objects))
    for w in lex.wrongdoing:  # "said that X violated ...": a wrong makes a statement an accusation
        out.setdefault(w, []).append(Condition())
    return out


def _speech_words() -> frozenset[str]:
    from dyad.events.lexicon import load_lexicon

    lex = load_lexicon()
    words = set(lex.speech_verbs)
    try:  # the quotation stage has cue words of its own; keep their sentences parsed
        from dyad.quotes.cues import load_cues

        words |= load_cues(lex).speech
    except ImportError:
        pass
    return frozenset(words)


def _kb_phrases(kb_files: tuple[str, ...] = ()) -> frozenset[str]:
    from dyad.actors.kb import load_kb

    return frozenset(k.replace("’", "'") for k in load_kb(kb_files).index())


def _lemma_tables(nlp: Language) -> tuple[dict[str, list[tuple[str, str]]],
                                          dict[str, dict[str, list[str]]], frozenset[str]]:
    """Suffix rules, irregular forms and known words of the model's lemmatizer."""
    rules: dict[str, list[tuple[str, str]]] = dict(_FALLBACK_RULES)
    exc: dict[str, dict[str, list[str]]] = {"verb": {}, "noun": {}, "adj": {}}
    known: set[str] = set(getattr(nlp.Defaults, "stop_words", ()) or ())
    if "lemmatizer" in nlp.pipe_names:
        lookups: Any = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_rules"):
            r, e, idx = (lookups.get_table(t) for t in ("lemma_rules", "lemma_exc",
                                                         "lemma_index"))
            for pos in ("verb", "noun", "adj"):
                if pos in r:
                    rules[pos] = [(old, new) for old, new in r[pos]]
                if pos in e:
                    exc[pos] = {k: list(v) for k, v in e[pos].items()}
                if pos in idx:
                    known.update(idx[pos])
    return rules, exc, frozenset(w.lower() for w in known)
