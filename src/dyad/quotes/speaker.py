"""Who is speaking: the subject of a cue verb, resolved to an actor through the actor layer.

Institutional speakers ("the prime minister's press office", "the ministry's
spokesman") speak for whoever owns the office; a statement noun ("according to a
statement from the Kremlin") for whoever issued it. A phrase the actor layer
cannot resolve still names the speaker: it comes back as an ``Actor`` with its
text and no country or organization.
"""

from __future__ import annotations

from dataclasses import replace

from dyad.actors.resolve import ArticleActors
from dyad.nlp.parse import Parsed
from dyad.quotes.cues import Cues
from dyad.records import Actor

SUBJ = ("nsubj", "nsubjpass", "csubj")
# A cue verb without a subject of its own takes the subject of the verb it hangs on:
# "accused Baku ... and said", "was quoted as saying", "went on to say".
_CLIMB = ("conj", "xcomp", "advcl", "pcomp", "prep", "acl")
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them"}
def subject_of(p: Parsed, i: int, statement_nouns: frozenset[str] = frozenset()) -> int | None:
    """The token heading the subject of verb ``i`` (its own, or inherited)."""
    k = i
    for _ in range(5):
        for c in p.toks[k].children:
            if p.toks[c].dep in SUBJ:
                return c
        for c in p.toks[k].children:  # "..., said the minister" parsed with an agent
            if p.toks[c].dep == "agent":
                for o in p.toks[c].children:
                    if p.toks[o].dep == "pobj":
                        return o
        t = p.toks[k]
        if t.head == k:
            return None
        if t.dep == "acl" and p.toks[t.head].pos in ("NOUN", "PROPN"):
            if p.toks[t.head].lemma in statement_nouns:
                return t.head  # "a statement saying ...": the statement speaks
            verb = _verb_above(p, t.head)  # "gathered outside the building chanting"
            if verb is None:
                return None
            k = verb
            continue
        if t.dep not in _CLIMB:
            return None
        k = t.head
    return None


def _verb_above(p: Parsed, i: int) -> int | None:
    k = p.toks[i]
    for _ in range(4):
        if k.head == k.i:
            return None
        k = p.toks[k.head]
        if k.pos in ("VERB", "AUX"):
            return k.i
    return None


def _after_dateline(p: Parsed, line: tuple[int, int], i: int, cue: int) -> int | None:
    """The parse made the dateline (``line``: its span) the subject: the phrase after
    it is the speaker."""
    start, end = line
    if not end or not start <= p.toks[i].idx < end:
        return i
    first = p.token_at(end)
    j = first.i if first is not None else None
    while j is not None and j < cue and p.toks[j].pos in ("PUNCT", "SPACE"):
        j += 1
    if j is None or j >= cue:
        return None
    k = p.toks[j]
    for _ in range(6):  # up to the head of the phrase that starts after the dateline
        head = p.toks[k.head]
        if head.i == k.i or head.idx < end or head.i >= cue or head.pos not in ("NOUN", "PROPN"):
            break
        k = head
    return k.i


def _np_text(p: Parsed, i: int) -> tuple[str, int, int]:
    """The noun phrase headed by ``i``, without clauses hanging off it or edge punctuation."""
    t = p.toks[i]
    a, b = t.left, t.right + 1
    for c in t.children:
        if p.toks[c].dep in ("relcl", "acl", "appos", "punct") and c > i:
            b = min(b, p.toks[c].left)
    while b - 1 > a and p.toks[b - 1].pos in ("PUNCT", "SPACE"):
        b -= 1
    while a < i and p.toks[a].pos in ("PUNCT", "SPACE"):
        a += 1
    return p.span_text(a, b), p.toks[a].idx, p.toks[b - 1].end


def _owner(p: Parsed, actors: ArticleActors, i: int, depth: int) -> list[Actor]:
    """Actors behind the phrase's possessor, modifiers or "of"/"from"/"by" object."""
    for c in p.toks[i].children:
        if p.toks[c].dep in ("poss", "compound", "nmod", "amod") and (
                found := _resolve(p, actors, c, depth + 1)):
            return found
    for c in p.toks[i].children:
        if p.toks[c].dep == "prep" and p.toks[c].lower in ("of", "from", "by", "at", "for"):
            for o in p.toks[c].children:
                if p.toks[o].dep == "pobj" and (found := _resolve(p, actors, o, depth + 1)):
                    return found
    return actors.owner_of(i)


def _resolve(p: Parsed, actors: ArticleActors, i: int, depth: int = 0) -> list[Actor]:
    if depth > 3:
        return []
    found = actors.actors_at(i, conj=False)
    if found and (found[0].country or found[0].org or found[0].name):
        return found
    owner = _owner(p, actors, i, depth)
    return owner or found


def _issuer(p: Parsed, i: int) -> int | None:
    """Who issued a statement: "the ministry's statement", "a statement from/by/of X"."""
    for c in p.toks[i].children:
        if p.toks[c].dep == "poss":
            return c
    for c in p.toks[i].children:
        if p.toks[c].dep == "prep" and p.toks[c].lower in ("from", "by", "of"):
            for o in p.toks[c].children:
                if p.toks[o].dep == "pobj":
                    return o
    return None


def resolve_speaker(p: Parsed, actors: ArticleActors, cues: Cues, i: int,
                    depth: int = 0) -> Actor | None:
    """The actor for the speaker phrase headed by token ``i``.

    Offices and statements speak for their owner ("the prime minister's press
    office" is the prime minister's government); an unresolved phrase keeps its
    text; an unresolved pronoun gives None (the caller looks at the context).
    """
    t = p.toks[i]
    if t.lemma in cues.statement_nouns and depth < 3:
        issuer = _issuer(p, i)
        if issuer is not None:
            return resolve_speaker(p, actors, cues, issuer, depth + 1)
    text, s, e = _np_text(p, i)
    found = _resolve(p, actors, i)
    if t.lemma in cues.statement_nouns or t.lemma in cues.office_nouns:
        owner = _owner(p, actors, i, 0)
        if owner:
            found = owner
    if not found:
        if t.pos == "PRON" or t.lower in PRONOUNS:
            return None
        if t.pos not in ("NOUN", "PROPN"):
            return None
        return Actor(text=text, start=s, end=e, name=None, kind=None)
    a = found[0]
    if t.pos != "PRON" and not a.start <= t.idx < a.end and s <= a.start and a.end <= e:
        # the actor owns the speaking office: "the prime minister's press office"
        kind = "organization" if a.kind in ("person", "state") else a.kind
        sector = a.sector or "GOV"
        return replace(a, text=text, start=s, end=e, kind=kind, role=None, sector=sector)
    return a


def speaker_of_cue(p: Parsed, actors: ArticleActors, cues: Cues, cue: int) -> Actor | None:
    """The speaker of cue verb ``cue``, or None when it has no resolvable subject."""
    subj = subject_of(p, cue, cues.statement_nouns)
    if subj is not None:
        subj = _after_dateline(p, actors.dateline, subj, cue)
    if subj is None:
        return None
    return resolve_speaker(p, actors, cues, subj)
