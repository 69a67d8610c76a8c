"""Code the events of a parsed article: find the triggers, then build each event.

One pass over the tokens finds triggers (verbs, light verbs with event nouns,
and nouns with an actor of their own). Statements that accuse or demand are coded
first (``statements``); every other trigger gets its actors from ``roles`` and
becomes a record in ``build``.
"""

from __future__ import annotations

from dyad.actors.places import MISHAPS
from dyad.events import arguments as args
from dyad.events.build import make_event
from dyad.events.context import Context
from dyad.events.lexicon import Lexicon
from dyad.events.roles import (
    mutual,
    place_target,
    sources_of,
    targets_of,
    victims_of,
)
from dyad.events.statements import obligation_clauses, speech_accusation, speech_demand
from dyad.events.triggers import Hit, noun_hit, participle_hit, verb_hit
from dyad.nlp.parse import Parsed, Tok
from dyad.records import Actor, Event

# Acts done to the people of a place: with no one named, the place's country is the target.
PLACE_TARGET = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "RETREAT"}
# A trigger in the complement of one of these is its content, not an event of its own.
CONTENT_OF = {"AGREE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "ACCUSE", "CONCEDE"}


def extract_events(ctx: Context) -> list[Event]:
    """All events of the article, in text order."""
    p, lex = ctx.p, ctx.lex
    hits: dict[int, Hit] = {}
    for t in p.toks:
        if t.pos == "VERB" or (t.pos == "AUX" and t.dep != "aux"):
            h = verb_hit(lex, p, t)
        else:
            h = participle_hit(lex, p, t)
        if h is not None:
            hits[t.i] = h
    ctx.hits = hits
    light_nouns = {h.noun for h in hits.values() if h.noun is not None}
    for t in p.toks:
        if t.pos == "NOUN" and t.i not in light_nouns and t.i not in hits:
            h = noun_hit(lex, p, t)
            if h is not None and _nominal_has_actor(ctx, t) and not _governed_by_hit(p, t, hits):
                hits[t.i] = h
    events: list[Event] = []
    said: set[int] = set()  # tokens inside the content of an accusing statement
    stated: set[int] = set()  # verbs coded as the statement they make
    for t in p.toks:
        if t.i in said or t.pos not in ("VERB", "AUX"):
            continue
        if _is_speech(lex, t):
            ev = speech_accusation(ctx, t.i, hits)
        elif any(obligation_clauses(p, t.i)):  # "issued a reminder that Iraq must ..."
            ev = speech_demand(ctx, t.i)
        else:
            continue
        if ev is not None:
            events.append(ev)
            stated.add(t.i)
            for c in [*p.child(t.i, "ccomp"), *obligation_clauses(p, t.i)]:
                said.update(p.subtree(c.i))
            said.add(t.i)
    for i in sorted(hits):
        h = hits[i]
        if _by_mishap(p, h):
            continue  # "victims killed by the crash": an accident, not an attack
        if _is_content_of(p, h, hits) or i in stated or (i in said and _is_speech(lex, p.toks[i])):
            continue
        events.append(_build(ctx, h, hits))
    events = [e for e in events if (e.source or e.target) and not _raiders_arriving(e)]
    return _dedupe(sorted(events, key=lambda e: e.trigger.start))


def _is_speech(lex: Lexicon, t: Tok) -> bool:
    return t.pos in ("VERB", "AUX") and t.lemma in lex.speech_verbs


def _nominal_has_actor(ctx: Context, t: Tok) -> bool:
    for c in ctx.p.child(t.i, "poss", "compound", "amod"):
        if ctx.actors.actors_at(c.i, conj=False):
            return True
    for c in ctx.p.child(t.i, "prep"):
        if c.lower == "by":
            return True
    return any(args._agents(ctx.p, c.i) for c in ctx.p.child(t.i, "acl"))


def _governed_by_hit(p: Parsed, t: Tok, hits: dict[int, Hit]) -> bool:
    head = p.toks[t.head]
    if head.dep == "prep":
        head = p.toks[head.head]
    return head.i in hits and head.i != t.i


def _is_content_of(p: Parsed, h: Hit, hits: dict[int, Hit]) -> bool:
    """"threatened to attack": the attack is what is threatened, not an event."""
    t = p.toks[h.token]
    if t.dep in ("xcomp", "pcomp") and t.head in hits:
        return hits[t.head].entry.event in CONTENT_OF
    if t.dep == "ccomp" and t.head in hits and hits[t.head].entry.event == "REQUEST":
        return True  # "demanded that the EU impose sanctions": what is demanded
    if t.dep == "pcomp" and not h.nominal:
        # "suspended talks on joining the EU": what the talks are about
        noun = p.toks[p.toks[t.head].head]
        if noun.pos != "NOUN":
            return False
        if noun.dep in ("dobj", "nsubjpass") and noun.head in hits:
            return True
        return any(x.noun == noun.i or (x.token == noun.i and x.nominal) for x in hits.values())
    # "began a hunger strike to demand ...": the demand is the protest's aim
    return (h.entry.event == "REQUEST" and t.dep in ("advcl", "xcomp") and t.head in hits
            and hits[t.head].entry.event == "PROTEST")


def _same_side(a: Actor, src: list[Actor]) -> bool:
    """The target is the source again: the same code, and not two named people (a prime
    minister and a president of one country may well act on each other)."""
    for s in src:
        if a.code and a.code == s.code and not (
                a.kind == s.kind == "person" and a.name and s.name and a.name != s.name):
            return True
    return False


def _raiders_arriving(e: Event) -> bool:
    """"The gunmen arrived on motorcycles": armed groups arriving make no visit."""
    return e.mode == "visit" and bool(e.source) and all(
        a.sector in ("REB", "UAF", "CRM") for a in e.source)


def _by_mishap(p: Parsed, h: Hit) -> bool:
    """A passive act whose agent is an accident or a disaster ("killed by the crash")."""
    return any(o.lemma in MISHAPS for a in p.child(h.token, "agent")
               for o in p.child(a.i, "pobj"))


def _build(ctx: Context, h: Hit, hits: dict[int, Hit]) -> Event:
    src = sources_of(ctx, h)
    tgt = [a for a in targets_of(ctx, h, src) if (a.start, a.end) not in
           {(s.start, s.end) for s in src} and not _same_side(a, src)]
    if not tgt and h.entry.event == "AID":
        tgt = victims_of(ctx, h, hits)
    if not tgt and mutual(h) and len({a.key() for a in src}) > 1:
        tgt = list(src)
    if not tgt and (h.entry.event in PLACE_TARGET or h.entry.mode == "visit"):
        tgt = [a for a in place_target(ctx, h, src) if not _same_side(a, src)]
    conf = h.entry.weight * 0.6 + (0.2 if src else 0) + (0.2 if tgt else 0)
    return make_event(ctx, h, h.entry, src, tgt, conf * (0.8 if h.nominal else 1.0))


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per sentence, type and actor pair: the most confident one."""
    best: dict[tuple[object, ...], Event] = {}
    for e in events:
        src = frozenset(a.key() for a in e.source)
        tgt = frozenset(a.key() for a in e.target)
        key: tuple[object, ...] = (e.sentence, e.event, src, tgt, e.negated)
        if None in src or None in tgt:
            key = (*key, e.trigger.start)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    # "police used tear gas to disperse protesters": one act, told by two verbs; the
    # one without a target adds nothing to its twin that has one
    aimed = {(e.sentence, e.event, frozenset(a.key() for a in e.source), e.negated)
             for e in best.values() if e.target and e.source}
    kept = [e for e in best.values() if e.target or not e.source or (
        e.sentence, e.event, frozenset(a.key() for a in e.source), e.negated) not in aimed]
    return sorted(kept, key=lambda e: e.trigger.start)
