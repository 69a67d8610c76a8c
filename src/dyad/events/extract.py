"""Code the events of a parsed article: trigger, type, actors, negation, modality, date, place.

One pass over the tokens finds triggers (verbs, light verbs with event nouns,
and nouns with an actor of their own). Each trigger's clause gives its source
and target, negation and modality. A statement whose content is a hostile act
or a wrong ("X warned that Y's speech was an aggression") is coded as an
accusation by the speaker against the one it blames; the content is coded
separately with ``modality: reported``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

from dyad.events import arguments as args
from dyad.events.context import FUTURE_AUX, Context
from dyad.events.lexicon import Lexicon, Trigger
from dyad.events.triggers import Hit, noun_hit, participle_hit, verb_hit
from dyad.events.when_where import (
    event_date,
    event_location,
    participle_doer_verb,
)
from dyad.nlp.parse import Parsed, Tok
from dyad.records import Actor, Event, Place, Span, TimeValue

RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE"}
# Acts done to the people of a place: with no one named, the place's country is the target.
PLACE_TARGET = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
# Events whose doer can stand alone: a participle of these modifying a noun is its act.
INTRANSITIVE = {"PROTEST", "RETREAT", "CONSULT", "AGREE", "MOBILIZE"}
# A trigger in the complement of one of these is its content, not an event of its own.
CONTENT_OF = {"AGREE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "ACCUSE", "CONCEDE"}
HOSTILE_QUADS = (3, 4)
OBLIGATION = {"must", "should", "ought"}
ARMED = {"MIL", "REB"}
# "demanded that the government end curbs": the one asked to act is the target.
CONTENT_TARGET = {"REQUEST", "ACCUSE", "THREATEN", "REJECT", "SUPPORT"}
HISTORICAL_DAYS = 60


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
            ev = _speech_accusation(ctx, t.i, hits)
        elif any(_obligation_clauses(p, t.i)):  # "issued a reminder that Iraq must ..."
            ev = _speech_demand(ctx, t.i)
        else:
            continue
        if ev is not None:
            events.append(ev)
            stated.add(t.i)
            for c in [*p.child(t.i, "ccomp"), *_obligation_clauses(p, t.i)]:
                said.update(p.subtree(c.i))
            said.add(t.i)
    for i in sorted(hits):
        h = hits[i]
        if _is_content_of(p, h, hits) or i in stated or (i in said and _is_speech(lex, p.toks[i])):
            continue
        events.append(_build(ctx, h, hits))
    events = [e for e in events if e.source or e.target]
    return _dedupe(sorted(events, key=lambda e: e.trigger.start))


# -- triggers and their clause ------------------------------------------------


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
    # "began a hunger strike to demand ...": the demand is the protest's aim
    return (h.entry.event == "REQUEST" and t.dep in ("advcl", "xcomp") and t.head in hits
            and hits[t.head].entry.event == "PROTEST")


# -- building an event ----------------------------------------------------------


def _actors_of(ctx: Context, heads: list[int]) -> list[Actor]:
    out: list[Actor] = []
    for h in heads:
        found = ctx.actors.actors_at(h) or ctx.actors.owner_of(h) or _possessor(ctx, h)
        out.extend(found)
    return _unique(out)


def _possessor(ctx: Context, h: int) -> list[Actor]:
    """"Aliyev's speech", "the decision made by the court": the actor behind a thing."""
    p = ctx.p
    for c in p.child(h, "poss"):
        if found := ctx.actors.actors_at(c.i):
            return found
    for c in p.child(h, "acl"):
        if agents := args._agents(p, c.i):
            return _actors_of(ctx, agents)
    for c in p.child(h, "prep"):
        if c.lower in ("by", "of", "from"):
            for o in p.child(c.i, "pobj"):
                if found := ctx.actors.actors_at(o.i):
                    return found
    return []


def _unique(actors: list[Actor]) -> list[Actor]:
    """Each actor once; one phrase may stand for several ("the two leaders")."""
    seen: set[tuple[object, ...]] = set()
    out: list[Actor] = []
    for a in actors:
        key = (a.start, a.end, a.name, a.country, a.org)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _participle_doer(ctx: Context, h: Hit) -> tuple[list[Actor], int | None]:
    """Who does a set-off participle: the author of the phrase before the comma
    ("the decision made by the court, compelling ...") or the main clause's subject.
    Returns the actors and the verb that names them (which also carries their date)."""
    p = ctx.p
    verb = participle_doer_verb(p, h)
    if verb is not None:
        return _actors_of(ctx, args._agents(p, verb)), verb
    root = p.sents[p.toks[h.token].sent][0]
    while p.toks[root].head != root:
        root = p.toks[root].head
    subj, _ = args.subjects(p, root)
    return _actors_of(ctx, subj), None


def _sources(ctx: Context, h: Hit) -> list[Actor]:
    p = ctx.p
    if h.participle:
        return _participle_doer(ctx, h)[0]
    if h.nominal:
        for c in p.child(h.token, "poss", "compound", "amod"):
            if found := ctx.actors.actors_at(c.i):
                return found
        return _possessor(ctx, h.token)
    subj, passive = args.subjects(p, h.token)
    t = p.toks[h.token]
    if passive and not subj and t.dep == "acl" and h.entry.event in INTRANSITIVE:
        subj = [t.head]  # "traders protested outside the ministry", read as a participle
    found = _actors_of(ctx, subj)
    if not found and t.dep == "acl" and t.tag == "VBG":
        # "the PKK issued a declaration demanding ...": the one who issued it demands
        noun = p.toks[t.head]
        if noun.dep in ("dobj", "nsubjpass"):
            found = _actors_of(ctx, args.subjects(p, noun.head)[0])
    found += _actors_of(ctx, args.co_sources(p, h.token, subj))
    return _unique(found)


def _targets(ctx: Context, h: Hit, sources: list[Actor]) -> list[Actor]:
    """Who the event is done to: the first candidate, in order of how directly the
    syntax names it, that is someone other than the source."""
    p, ev = ctx.p, h.entry.event
    if h.nominal:
        heads = args.prep_objects(p, h.token, ("of", "against", "on", "to", "with"))
        return _actors_of(ctx, heads)
    if h.participle:
        return _actors_of(ctx, [p.toks[h.token].head])
    cands = _target_candidates(ctx, h, h.token, ev, sources)
    if ev in RECIPROCAL and len({a.key() for a in sources} - {None}) > 1:
        # "Ghana and Togo agreed to reopen the crossing": the parties act on each other
        cands = (c for n, c in enumerate(cands) if n < 3)
    return _prefer(cands, sources)


def _target_candidates(ctx: Context, h: Hit, i: int, ev: str,
                       sources: list[Actor]) -> Iterator[list[Actor]]:
    p = ctx.p
    _, passive = args.subjects(p, i)
    if passive:
        yield _actors_of(ctx, [c.i for c in p.child(i, "nsubjpass")])
    yield _actors_of(ctx, [o.i for o in args.objects(p, i) if o.i != h.noun])
    yield _actors_of(ctx, args.prep_objects(p, i, args.TARGET_PREPS.get(ev, ())))
    if h.noun is not None and i == h.token:
        yield _actors_of(ctx, args.prep_objects(
            p, h.noun, ("with", "against", "on", "to", "of", "between")))
    if ev in CONTENT_TARGET:
        for c in p.child(i, "ccomp"):
            yield _actors_of(ctx, args.subjects(p, c.i)[0])
    for c in p.child(i, "xcomp"):
        # "threatened to break off relations with Congo": the content's target
        inner = Hit(c.i, h.entry, c.i, c.i + 1)
        yield from _target_candidates(ctx, inner, c.i, ev, sources)
    if i == h.token:
        yield _search_below(ctx, h, sources)


def _prefer(candidates: Iterator[list[Actor]], sources: list[Actor]) -> list[Actor]:
    """First candidate naming someone other than the source; else the first named one."""
    src_keys = {a.key() for a in sources}
    src_spans = {(a.start, a.end) for a in sources}
    fallback: list[Actor] = []
    keyed: list[Actor] = []
    for cand in candidates:
        cand = [a for a in cand if (a.start, a.end) not in src_spans]
        if not cand:
            continue
        if any(a.key() and a.key() not in src_keys for a in cand):
            return cand
        if not keyed and any(a.key() for a in cand):
            keyed = cand
        if not fallback:
            fallback = cand
    return keyed or fallback


def _search_below(ctx: Context, h: Hit, sources: list[Actor]) -> list[Actor]:
    """Last resort: the most prominent actor inside the trigger's object phrase."""
    p = ctx.p
    source_spans = {(a.start, a.end) for a in sources}
    best: tuple[int, list[Actor]] | None = None
    for o in p.child(h.token, "dobj", "xcomp", "prep"):
        for j in p.subtree(o.i):
            t = p.toks[j]
            if t.dep in ("poss", "compound", "amod") and ctx.actors.actors_at(t.head):
                continue  # "ties with Gondor's government": the government, not Gondor
            found = [a for a in ctx.actors.actors_at(j, conj=True)
                     if (a.start, a.end) not in source_spans]
            if not found:
                continue
            prep = p.toks[t.head]
            if t.dep == "pobj" and prep.lower == "by" and p.toks[prep.head].pos == "NOUN":
                rank = 3  # "a response by the CSTO": who is asked to act
            elif t.dep == "dobj":
                rank = 2
            elif t.dep == "pobj" and prep.dep == "agent":
                rank = 0  # "the decision made by the court": the author, not the addressee
            else:
                rank = 1
            if best is None or rank > best[0]:
                best = (rank, found)
    return best[1] if best else []


def _negated(ctx: Context, h: Hit) -> bool:
    p, lex = ctx.p, ctx.lex
    t = p.toks[h.token]
    if p.child(t.i, "neg"):
        return True
    if h.nominal and any(c.lower in ("no", "without") for c in p.child(t.i, "det", "prep")):
        return True
    if t.dep in ("xcomp", "ccomp") and p.toks[t.head].lemma in lex.negators:
        return not p.child(t.head, "neg")
    return False


def _modality(ctx: Context, h: Hit, when: TimeValue | None) -> str:
    p, lex = ctx.p, ctx.lex
    t = p.toks[h.token]
    aux = {c.lower for c in p.child(t.i, "aux")}
    if aux & lex.hypothetical or any(c.lower in ("if", "unless") for c in p.child(t.i, "mark")):
        return "hypothetical"
    if aux & OBLIGATION:
        return "hypothetical"  # "Iraq must cooperate": demanded, not done
    if aux & FUTURE_AUX:
        return "future"
    cur = t
    for _ in range(8):
        if cur.head == cur.i:
            break
        head = p.toks[cur.head]
        if cur.dep == "ccomp" and head.lemma in lex.speech_verbs:
            return "reported"
        if cur.dep not in ("conj", "ccomp", "xcomp", "advcl"):
            break
        cur = head
    if (when is not None and when.end_date and ctx.published is not None
            and date.fromisoformat(when.end_date) < ctx.published - timedelta(HISTORICAL_DAYS)):
        return "historical"
    return "asserted"


def _event(ctx: Context, h: Hit, entry: Trigger, src: list[Actor], tgt: list[Actor],
           confidence: float) -> Event:
    p = ctx.p
    t = p.toks[h.token]
    a, b = h.start, h.end
    if h.noun is not None and 0 < h.noun - h.end < 4:
        b = h.noun + 1
    trig = Span(p.span_text(a, b), p.toks[a].idx, p.toks[b - 1].end)
    when, source = event_date(ctx, h)
    where = event_location(ctx, h, src + tgt)
    src, tgt = _localize(src, where), _localize(tgt, where)
    negated = _negated(ctx, h)
    modality = _modality(ctx, h, when if source == "text" else None)
    entry, negated = _as_statement(ctx.lex, entry, negated, modality)
    entry = _by_doer(ctx.lex, entry, src)
    etype = ctx.lex.types[entry.event]
    key = hashlib.sha1(ctx.article_id.encode("utf-8")).hexdigest()[:10]
    return Event(
        id=f"{key}-{trig.start}-{entry.event}",
        article_id=ctx.article_id,
        sentence=t.sent,
        text=p.sent_text(t.sent).strip(),
        event=entry.event,
        cameo=entry.cameo,
        mode=entry.mode,
        context=list(entry.context),
        quad=etype.quad,
        negated=negated,
        modality=modality,
        source=src,
        target=tgt,
        date=when,
        date_source=source,
        location=where,
        trigger=trig,
        confidence=min(1.0, confidence),
    )


def _localize(actors: list[Actor], where: Place | None) -> list[Actor]:
    """"Protesters rallied in Belgrade": a group with no country of its own takes the place's."""
    if where is None or not where.country:
        return actors
    return [replace(a, country=where.country, code=(where.country + (a.sector or "")))
            if a.kind in ("group", "organization") and not (a.country or a.org) and a.sector
            else a for a in actors]


def _as_statement(lex: Lexicon, entry: Trigger, negated: bool,
                  modality: str) -> tuple[Trigger, bool]:
    """An act announced for the future is a statement of intent, coded as CAMEO does:
    "will provide aid" is AGREE, "will impose sanctions" THREATEN, and "will not
    accept refugees" REJECT."""
    if modality not in ("future", "hypothetical"):
        return entry, negated
    etype = lex.types[entry.event]
    turn = etype.refusal if negated else etype.intent
    if turn is None:
        return entry, negated
    event, cameo = turn
    return replace(entry, event=event, cameo=cameo, mode=None), False


def _by_doer(lex: Lexicon, entry: Trigger, src: list[Actor]) -> Trigger:
    """Who acts can change what the act is: armed forces' "strikes" are attacks, and
    a state that "protests" complains, or, blocking a road, imposes a blockade."""
    etype = lex.types[entry.event]
    if etype.by_armed and any(a.sector in ARMED for a in src):
        return replace(entry, event=etype.by_armed[0], cameo=etype.by_armed[1], mode=None)
    if src and all(a.kind == "state" or (a.sector == "GOV" and a.kind != "group")
                   for a in src):
        turn = etype.by_state_obstruct if entry.mode == "obstruct" else etype.by_state
        if turn:
            return replace(entry, event=turn[0], cameo=turn[1], mode=turn[2])
    return entry


def _build(ctx: Context, h: Hit, hits: dict[int, Hit]) -> Event:
    src = _sources(ctx, h)
    tgt = [a for a in _targets(ctx, h, src) if (a.start, a.end) not in
           {(s.start, s.end) for s in src}]
    if not tgt and h.entry.event == "AID":
        tgt = _victims(ctx, h, hits)
    if not tgt and h.entry.event in RECIPROCAL and len({a.key() for a in src}) > 1:
        tgt = list(src)
    if not tgt and (h.entry.event in PLACE_TARGET or h.entry.mode == "visit"):
        tgt = _place_target(ctx, h, src)
    conf = h.entry.weight * 0.6 + (0.2 if src else 0) + (0.2 if tgt else 0)
    return _event(ctx, h, h.entry, src, tgt, conf * (0.8 if h.nominal else 1.0))


def _place_target(ctx: Context, h: Hit, src: list[Actor]) -> list[Actor]:
    """"arrived in Amman", "a curfew in Abidjan": the place's country receives the act."""
    where = event_location(ctx, h, src)
    if where is None or not where.country:
        return []
    visit = h.entry.mode == "visit" or h.entry.event == "CONSULT"
    return [Actor(where.text, where.start, where.end, name=where.name, country=where.country,
                  sector="GOV" if visit else None, code=where.country + ("GOV" if visit else ""),
                  kind="state" if visit else "group")]


def _victims(ctx: Context, h: Hit, hits: dict[int, Hit]) -> list[Actor]:
    """Aid "when X invaded Y" goes to Y: the target of an attack in the same sentence."""
    sent = ctx.p.toks[h.token].sent
    for i, other in hits.items():
        if other is not h and ctx.p.toks[i].sent == sent and other.entry.event == "ASSAULT":
            src = _sources(ctx, other)
            return _targets(ctx, other, src)
    return []


# -- statements that accuse -----------------------------------------------------------


def _speech_accusation(ctx: Context, i: int, hits: dict[int, Hit]) -> Event | None:
    """A statement whose content blames someone for a hostile act or a wrong."""
    p, lex = ctx.p, ctx.lex
    demand = _speech_demand(ctx, i)
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
            if not (hostile or t.lemma in lex.wrongdoing):
                continue
            if src is None:
                src = _sources(ctx, h)
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
            return _event(ctx, h, h.entry, src, culprit, 0.75)
    return None


def _obligation_clauses(p: Parsed, i: int) -> Iterator[Tok]:
    """Clauses said by verb i (or by its object noun: "issued a reminder that ...")
    that state an obligation: "X must cooperate", "Y should withdraw"."""
    heads = [i] + [d.i for d in p.child(i, "dobj")]
    for h in heads:
        for c in p.child(h, "ccomp", "acl"):
            if {a.lower for a in p.child(c.i, "aux")} & OBLIGATION:
                yield c


def _speech_demand(ctx: Context, i: int) -> Event | None:
    """"Chirac said that Iraq must cooperate": a statement of obligation is a demand
    on the one it obliges."""
    p = ctx.p
    for c in _obligation_clauses(p, i):
        h = Hit(i, _demand_entry(), i, i + 1)
        src = _sources(ctx, h)
        tgt = _actors_of(ctx, args.subjects(p, c.i)[0])
        keys = {a.key() for a in src}
        tgt = [a for a in tgt if a.key() not in keys or a.key() is None]
        if src and tgt:
            return _event(ctx, h, h.entry, src, tgt, 0.8)
    return None


def _demand_entry() -> Trigger:
    return Trigger(lemma="(statement)", event="REQUEST", cameo="100")


def _victim_speaks(ctx: Context, act: Hit, speakers: list[Actor]) -> bool:
    """"Armenia said Azerbaijan attacked it": the speaker reports a wrong done to it."""
    victims = {a.key() for a in _targets(ctx, act, _sources(ctx, act))}
    return bool(victims & {a.key() for a in speakers} - {None})


def _culprit(ctx: Context, j: int, top: int) -> list[Actor]:
    """Who is blamed for the act at token j: the subject of its clause, or its possessor."""
    p = ctx.p
    t = p.toks[j]
    if t.pos == "NOUN" and (found := _possessor(ctx, j)):
        return found
    k = j
    for _ in range(12):
        subj, passive = args.subjects(p, k)
        if subj and not passive:
            return _actors_of(ctx, subj)
        if k == top or p.toks[k].head == k:
            break
        k = p.toks[k].head
    return []


def _accuse_entry(lex: Lexicon) -> Trigger:
    return Trigger(lemma="(statement)", event="ACCUSE", cameo="112", mode="allege")


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
    return sorted(best.values(), key=lambda e: e.trigger.start)
