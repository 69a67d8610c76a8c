"""Which words are event triggers, and which lexicon entry each one takes.

A verb takes the entry whose ``objects`` constraint its object or complement
satisfies, else its plain entry; phrasal entries ("call off") need their
particle. A light verb ("held talks") takes its event from its object noun.
A noun is a trigger of its own only when the caller asks for nominal events.
"""

from __future__ import annotations

from dataclasses import dataclass

from dyad.events.lexicon import Lexicon, Trigger
from dyad.nlp.parse import Parsed, Tok

_OBJ_DEPS = ("dobj", "attr", "oprd", "xcomp", "ccomp", "nsubjpass", "dative", "acomp")


@dataclass
class Hit:
    token: int  # the head word of the trigger (the verb, or the noun of a nominal event)
    entry: Trigger
    start: int  # token range of the trigger words [start, end)
    end: int
    noun: int | None = None  # the object noun a light verb took its event from
    nominal: bool = False
    participle: bool = False  # an "-ing" verb the parser read as an adjective


def object_lemmas(p: Parsed, i: int) -> dict[str, int]:
    """Lemmas of a verb's objects and complements (and their compounds) -> token index."""
    out: dict[str, int] = {}
    for c in p.toks[i].children:
        t = p.toks[c]
        if t.dep in _OBJ_DEPS:
            _add(p, t, out)
            if t.dep == "xcomp":
                for cc in p.child(t.i, "dobj", "prep"):
                    _add(p, cc, out)
                    for pobj in p.child(cc.i, "pobj"):
                        _add(p, pobj, out)
        elif t.dep in ("prep", "agent", "prt"):
            out.setdefault(t.lower, t.i)
            for g in p.child(t.i, "pobj", "pcomp"):
                _add(p, g, out)
    return out


_QUANTITY = {"dozen", "hundred", "thousand", "million", "number", "group", "score", "batch",
             "series", "wave", "round", "string", "couple", "pair", "handful", "lot", "set",
             # containers and measures: "sent 20 trucks of food aid", "tonnes of wheat"
             "truck", "truckload", "lorry", "convoy", "shipment", "consignment", "cargo",
             "load", "planeload", "boatload", "ton", "tonne", "package", "box", "crate",
             "kit", "parcel", "unit", "supply", "delivery", "amount", "quantity"}


def _add(p: Parsed, t: Tok, out: dict[str, int]) -> None:
    out.setdefault(t.lemma, t.i)
    for c in p.child(t.i, "compound", "amod"):
        out.setdefault(c.lemma, t.i)
    if t.lemma in _QUANTITY:  # "expelled dozens of diplomats": look through the count
        for prep in p.child(t.i, "prep"):
            if prep.lower == "of":
                for o in p.child(prep.i, "pobj"):
                    _add(p, o, out)


_SPANS = {"day", "week", "month", "hour", "year", "round", "series", "wave", "spate", "string",
          "week-end", "weekend"}


def _through_measure(p: Parsed, d: Tok) -> Tok:
    """The noun a measure of time or count is of: "two days of exercises"."""
    if d.lemma in _SPANS or d.lemma in _QUANTITY:
        for prep in p.child(d.i, "prep"):
            if prep.lower == "of":
                for o in p.child(prep.i, "pobj"):
                    return o
    return d


def _particle_ok(p: Parsed, i: int, particle: str | None) -> bool:
    if particle is None:
        return True
    words = particle.split()
    kids = [p.toks[c] for c in p.toks[i].children if p.toks[c].dep in ("prt", "prep", "advmod")]
    if len(words) == 1:
        return any(k.lower == words[0] for k in kids)
    # "step up", "give in to": the first word must attach, the next may follow it
    return any(k.lower == words[0] for k in kids) and any(
        p.toks[j].lower == words[-1] for j in range(i + 1, min(i + 5, len(p.toks)))
    )


def _modifiers_ok(p: Parsed, i: int, mods: tuple[str, ...]) -> bool:
    if not mods or i < len(mods):
        return not mods
    before = [p.toks[j].lower for j in range(i - len(mods), i)]
    # "cease-fire" is split into "cease", "-", "fire"
    joined = [p.toks[j].lower for j in range(i - 1, -1, -1) if p.toks[j].text != "-"]
    return before == list(mods) or joined[: len(mods)][::-1] == list(mods)


def choose(entries: list[Trigger], p: Parsed, i: int, objs: dict[str, int]) -> Trigger | None:
    """The best entry for token ``i`` given its objects; None when nothing applies."""
    best: tuple[int, float, Trigger] | None = None
    for e in entries:
        if not _particle_ok(p, i, e.particle) or not _modifiers_ok(p, i, e.modifiers):
            continue
        if e.objects and not (e.objects & objs.keys()):
            continue
        # "called off a strike" is not "called a strike": a present particle outranks objects
        score = (3 if e.particle or e.modifiers else 0) + (2 if e.objects else 0)
        if e.objects and any(p.toks[objs[w]].dep in _OBJ_DEPS for w in e.objects & objs.keys()):
            score += 1  # "suspended the treaty after the attack": the object, not the "after"
        key = (score, e.weight, e)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


ORDERING = {"order", "authorize", "authorise", "approve", "decree", "sanction"}


def verb_hit(lex: Lexicon, p: Parsed, t: Tok) -> Hit | None:
    """The trigger a verb is, if any: its own entry, or its object's as a light verb."""
    objs = object_lemmas(p, t.i)
    entry = choose(lex.candidates(t.lemma, "verb"), p, t.i, objs)
    if t.lemma in ORDERING:
        # "ordered the expulsion of diplomats", "approved the arrest of X": what is
        # ordered is the act
        for d in p.child(t.i, "dobj"):
            noun = choose(lex.candidates(d.lemma, "noun"), p, d.i, object_lemmas(p, d.i))
            if noun is not None and noun.event != "REQUEST":
                return Hit(t.i, noun, t.i, t.i + 1, noun=d.i)
    if entry is not None:
        end = t.i + 1
        if entry.particle:
            for j in range(t.i + 1, min(t.i + 4, len(p.toks))):
                if p.toks[j].lower == entry.particle.split()[-1]:
                    end = j + 1
                    break
        return Hit(t.i, entry, t.i, end)
    if t.lemma in lex.light_verbs:
        for d in p.child(t.i, "dobj", "nsubjpass"):
            d = _through_measure(p, d)  # "began two days of exercises"
            noun = choose(lex.candidates(d.lemma, "noun"), p, d.i, object_lemmas(p, d.i))
            if noun is not None:
                return Hit(t.i, noun, t.i, t.i + 1, noun=d.i)
    return None


def noun_hit(lex: Lexicon, p: Parsed, t: Tok) -> Hit | None:
    entry = choose(lex.candidates(t.lemma, "noun"), p, t.i, object_lemmas(p, t.i))
    if entry is None:
        return None
    return Hit(t.i, entry, t.i, t.i + 1, nominal=True)


def participle_hit(lex: Lexicon, p: Parsed, t: Tok) -> Hit | None:
    """", compelling Azerbaijan to end ...": a participle misread as an adjective of its
    object. Only set-off participles (after a comma) with a name as object count."""
    if t.pos != "ADJ" or not t.lower.endswith("ing") or t.i == 0:
        return None
    head = p.toks[t.head]
    if t.dep != "amod" or head.pos != "PROPN" or p.toks[t.i - 1].text != ",":
        return None
    word = t.lower[:-3]
    for stem in (word, word + "e", word[:-1]):
        entry = choose(lex.candidates(stem, "verb"), p, t.i, {})
        if entry is not None:
            return Hit(t.i, entry, t.i, t.i + 1, participle=True)
    return None
