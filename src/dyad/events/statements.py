"""Statements coded as what they do: a statement whose content blames someone for a
hostile act or a wrong is an accusation ("X warned that Y's speech was an aggression"),
and one that states an obligation is a demand ("Chirac said that Iraq must cooperate").
The content itself is coded separately with ``modality: reported``."""

from __future__ import annotations

from collections.abc import Iterator

from dyad.events import arguments as args
from dyad.events.build import OBLIGATION, make_event
from dyad.events.context import Context
from dyad.events.lexicon import Lexicon, Trigger
from dyad.events.roles import actors_of, possessor_of, sources_of, targets_of
from dyad.events.triggers import Hit
from dyad.nlp.parse import Parsed, Tok
from dyad.records import Actor, Event

HOSTILE_QUADS = (3, 4)


def speech_accusation(ctx: Context, i: int, hits: dict[int, Hit]) -> Event | None:
    """A statement whose content blames someone for a hostile act or a wrong."""
    p, lex = ctx.p, ctx.lex
    demand = speech_demand(ctx, i)
    if demand is not None:
        return demand
    neutral = p.toks[i].lemma in lex.neutral_speech_verbs
    h = Hit(i, _accuse_entry(lex), i, i + 1)
    src: list[Actor] | None = None
    for c in p.child(i, "ccomp"):
        culprit: list[Actor] = []
        for j in p.subtree(c.i):
            t = p.toks[j]
            hostile = j in hits and lex.types[hits[j].entry.event].quad in HOSTILE_QUADS \
                and hits[j].entry.event != "REQUEST"
            if not (hostile or t.lemma in lex.wrongdoing) or _said_by_another(ctx, j, c.i):
                continue
            if t.dep in ("amod", "compound"):
                continue  # "the Israeli-occupied sector" describes; it does not accuse
            if src is None:
                src = sources_of(ctx, h)
            if neutral and t.lemma not in lex.wrongdoing and not _victim_speaks(ctx, hits[j], src):
                continue
            culprit = _culprit(ctx, j, c.i)
            if culprit:
                break
        if not culprit or not src:
            continue
        keys = {a.key() for a in src}
        culprit = [a for a in culprit if a.key() not in keys or a.key() is None]
        if culprit:
            return make_event(ctx, h, h.entry, src, culprit, 0.75)
    return None


def _said_by_another(ctx: Context, j: int, top: int) -> bool:
    """Token j sits in a statement of its own inside the content ("the ministry said
    the measures were needed, while the Commission said it would challenge them")."""
    p = ctx.p
    k = p.toks[j].head
    for _ in range(12):
        if k == top or p.toks[k].head == k:
            return False
        if p.toks[k].lemma in ctx.lex.speech_verbs and p.toks[k].pos in ("VERB", "AUX"):
            return True
        k = p.toks[k].head
    return False


def obligation_clauses(p: Parsed, i: int) -> Iterator[Tok]:
    """Clauses said by verb i (or by its object noun: "issued a reminder that ...")
    that state an obligation: "X must cooperate", "Y should withdraw"."""
    heads = [i] + [d.i for d in p.child(i, "dobj")]
    for h in heads:
        for c in p.child(h, "ccomp", "acl"):
            if {a.lower for a in p.child(c.i, "aux")} & OBLIGATION:
                yield c


def speech_demand(ctx: Context, i: int) -> Event | None:
    """"Chirac said that Iraq must cooperate": a statement of obligation is a demand
    on the one it obliges."""
    p = ctx.p
    for c in obligation_clauses(p, i):
        h = Hit(i, _demand_entry(), i, i + 1)
        src = sources_of(ctx, h)
        tgt = actors_of(ctx, args.subjects(p, c.i)[0])
        keys = {a.key() for a in src}
        tgt = [a for a in tgt if a.key() not in keys or a.key() is None]
        if src and tgt:
            return make_event(ctx, h, h.entry, src, tgt, 0.8)
    return None


def _demand_entry() -> Trigger:
    return Trigger(lemma="(statement)", event="REQUEST", cameo="100")


def _victim_speaks(ctx: Context, act: Hit, speakers: list[Actor]) -> bool:
    """"Armenia said Azerbaijan attacked it": the speaker reports a wrong done to it."""
    victims = {a.key() for a in targets_of(ctx, act, sources_of(ctx, act))}
    return bool(victims & {a.key() for a in speakers} - {None})


def _culprit(ctx: Context, j: int, top: int) -> list[Actor]:
    """Who is blamed for the act at token j: the subject of its clause, or its possessor."""
    p = ctx.p
    t = p.toks[j]
    if t.pos == "NOUN" and (found := possessor_of(ctx, j)):
        return found
    k = j
    for _ in range(12):
        subj, passive = args.subjects(p, k)
        if subj and not passive:
            return actors_of(ctx, subj)
        if k == top or p.toks[k].head == k:
            break
        k = p.toks[k].head
    return []


def _accuse_entry(lex: Lexicon) -> Trigger:
    return Trigger(lemma="(statement)", event="ACCUSE", cameo="112", mode="allege")
