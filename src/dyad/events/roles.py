"""Who does an event and to whom: the source and target of a trigger, read off its clause.

Sources come from the subject (or the author of a nominal or a set-off participle);
targets from the first candidate, in order of how directly the syntax names it,
that is someone other than the source.
"""

from __future__ import annotations

from collections.abc import Iterator

from dyad.events import arguments as args
from dyad.events.context import Context
from dyad.events.triggers import Hit
from dyad.events.when_where import event_location, participle_doer_verb
from dyad.records import Actor

RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE"}
ONE_SIDED = {"offer", "promise", "pledge", "vow", "commit", "guarantee", "propose", "volunteer",
             "undertake", "host", "invite", "visit", "send", "provide"}
# Events whose doer can stand alone: a participle of these modifying a noun is its act.
INTRANSITIVE = {"PROTEST", "RETREAT", "CONSULT", "AGREE", "MOBILIZE"}
# Nouns of acts done to someone, whose possessor is who it is done to: "Khan's
# detention", "the envoy's expulsion", "Navalny's killing".
PATIENT_NOUNS = {"arrest", "detention", "imprisonment", "jailing", "release", "killing",
                 "assassination", "murder", "execution", "expulsion", "deportation",
                 "extradition", "abduction", "kidnapping", "ouster", "removal", "dismissal",
                 "sacking", "trial", "conviction", "sentencing", "indictment", "prosecution",
                 "persecution", "torture", "disappearance", "capture", "internment",
                 "impeachment", "overthrow", "poisoning"}
# Events whose object is what is moved or given ("sent troops", "delivered aid").
THEME_OBJECT = {"MOBILIZE", "AID", "RETREAT"}
# "demanded that the government end curbs": the one asked to act is the target.
CONTENT_TARGET = {"REQUEST", "ACCUSE", "THREATEN", "REJECT", "SUPPORT"}


def actors_of(ctx: Context, heads: list[int]) -> list[Actor]:
    out: list[Actor] = []
    for h in heads:
        found = ctx.actors.actors_at(h) or ctx.actors.owner_of(h) or possessor_of(ctx, h) \
            or _named_members(ctx, h)
        out.extend(found)
    return unique(out)


def _named_members(ctx: Context, h: int) -> list[Actor]:
    """"seven countries, including Argentina and Chile": the ones named stand for them."""
    p = ctx.p
    # the parser may hang "including" on a later word of the noun's phrase
    for j in p.subtree(h):
        c = p.toks[j]
        if c.dep == "prep" and c.lower in ("including", "like") and j > h:
            return [a for o in p.child(c.i, "pobj") for a in ctx.actors.actors_at(o.i)]
    return []


def possessor_of(ctx: Context, h: int) -> list[Actor]:
    """"Aliyev's speech", "the decision made by the court": the actor behind a thing."""
    p = ctx.p
    for c in p.child(h, "poss"):
        if found := ctx.actors.actors_at(c.i):
            return found
    for c in p.child(h, "acl"):
        if agents := args._agents(p, c.i):
            return actors_of(ctx, agents)
    for c in p.child(h, "prep"):
        if c.lower in ("by", "of", "from"):
            for o in p.child(c.i, "pobj"):
                if found := ctx.actors.actors_at(o.i):
                    return found
    return []


def unique(actors: list[Actor]) -> list[Actor]:
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
        return actors_of(ctx, args._agents(p, verb)), verb
    root = p.sents[p.toks[h.token].sent][0]
    while p.toks[root].head != root:
        root = p.toks[root].head
    subj, _ = args.subjects(p, root)
    return actors_of(ctx, subj), None


def sources_of(ctx: Context, h: Hit) -> list[Actor]:
    p = ctx.p
    if h.participle:
        return _participle_doer(ctx, h)[0]
    if h.nominal:
        patient = p.toks[h.token].lemma in PATIENT_NOUNS
        for c in p.child(h.token, "poss", "compound", "amod"):
            if patient and c.dep == "poss":
                continue  # "Khan's detention": Khan is detained, not detaining
            if found := ctx.actors.actors_at(c.i):
                return found
        if patient:
            return actors_of(ctx, args._agents(p, h.token) + args.prep_objects(
                p, h.token, ("by",)))
        return possessor_of(ctx, h.token)
    subj, passive = args.subjects(p, h.token)
    t = p.toks[h.token]
    if passive and not subj and t.dep == "acl" and h.entry.event in INTRANSITIVE:
        subj = [t.head]  # "traders protested outside the ministry", read as a participle
    found = actors_of(ctx, subj) or _after_dateline(ctx, subj)
    if not found and t.dep == "acl" and t.tag == "VBG":
        # "the PKK issued a declaration demanding ...": the one who issued it demands
        noun = p.toks[t.head]
        if noun.dep in ("dobj", "nsubjpass"):
            found = actors_of(ctx, args.subjects(p, noun.head)[0])
    found += actors_of(ctx, args.co_sources(p, h.token, subj))
    return unique(found)


def mutual(h: Hit) -> bool:
    """Events that parties do with each other: agreeing, meeting, signing (but not
    offering or promising: "Egypt and Saudi Arabia offered to host talks")."""
    if h.entry.head in ONE_SIDED:
        return False
    return h.entry.event in RECIPROCAL or h.entry.cameo == "057"


def _after_dateline(ctx: Context, subj: list[int]) -> list[Actor]:
    """"UNITED NATIONS (Reuters) - Russia vetoed ...": the parser made the dateline the
    subject and the real one its apposition."""
    p = ctx.p
    start, end = ctx.actors.dateline
    out: list[Actor] = []
    for s in subj:
        if end and start <= p.toks[s].idx < end:
            for c in p.child(s, "appos"):
                if p.toks[c.i].idx >= end:
                    out.extend(actors_of(ctx, [c.i]))
    return out


def targets_of(ctx: Context, h: Hit, sources: list[Actor]) -> list[Actor]:
    """Who the event is done to: the first candidate, in order of how directly the
    syntax names it, that is someone other than the source."""
    p, ev = ctx.p, h.entry.event
    if h.nominal:
        heads = args.prep_objects(p, h.token, ("of", "against", "on", "to", "with"))
        if p.toks[h.token].lemma in PATIENT_NOUNS:
            heads = heads or [c.i for c in p.child(h.token, "poss")]
        return actors_of(ctx, heads)
    if h.participle:
        return actors_of(ctx, [p.toks[h.token].head])
    cands = _target_candidates(ctx, h, h.token, ev, sources)
    if mutual(h) and len({a.key() for a in sources} - {None}) > 1:
        # "Ghana and Togo agreed to reopen the crossing": the parties act on each other
        cands = (c for n, c in enumerate(cands) if n < 3)
    return _prefer(cands, sources)


def _target_candidates(ctx: Context, h: Hit, i: int, ev: str,
                       sources: list[Actor]) -> Iterator[list[Actor]]:
    p = ctx.p
    _, passive = args.subjects(p, i)
    if passive:
        yield actors_of(ctx, [c.i for c in p.child(i, "nsubjpass")])
    objs = actors_of(ctx, [o.i for o in args.objects(p, i) if o.i != h.noun])
    if ev in THEME_OBJECT:
        # "dispatched forces", "withdraw its forces": what is moved, not whom it is
        # moved against; someone else's named forces may be ("expelled Wagner fighters")
        src_keys = {a.key() for a in sources} - {None}
        objs = [a for a in objs if (a.country or a.org or a.kind == "state")
                and a.key() not in src_keys]
    yield objs
    yield actors_of(ctx, args.prep_objects(p, i, args.TARGET_PREPS.get(ev, ())))
    if h.noun is not None and i == h.token:
        yield actors_of(ctx, args.prep_objects(
            p, h.noun, ("with", "against", "on", "to", "of", "between")))
    if ev in CONTENT_TARGET:
        for c in p.child(i, "ccomp"):
            # "Vucic warned that Serbia would not accept": the speaker's own side is
            # what the statement is about, not whom it is aimed at
            # (the state itself; "the opposition demanded that Mugabe ..." keeps Mugabe)
            own = {a.country for a in sources if a.country and (a.kind == "state" or
                                                                 a.sector == "GOV")}
            yield [a for a in actors_of(ctx, args.subjects(p, c.i)[0])
                   if not (a.kind == "state" and a.country in own)]
    for c in p.child(i, "xcomp"):
        # "threatened to break off relations with Congo": the content's target
        inner = Hit(c.i, h.entry, c.i, c.i + 1)
        yield from _target_candidates(ctx, inner, c.i, ev, sources)
    if i == h.token:
        yield _told_before(ctx, h)
        yield _search_below(ctx, h, sources)


def _identities(actors: list[Actor]) -> set[tuple[str | None, str | None]]:
    """Who the actors are: the same code under the same name is the same actor again
    ("Russia warned it ...")."""
    return {(a.code, a.name) for a in actors if a.code}


def _prefer(candidates: Iterator[list[Actor]], sources: list[Actor]) -> list[Actor]:
    """First candidate naming someone other than the source; else the first named one
    ("Sudan's army attacked Sudanese protesters"), but never the source itself again
    ("Russia warned it would retaliate": "it" is Russia)."""
    src_keys = {a.key() for a in sources}
    src_same = _identities(sources)
    src_spans = {(a.start, a.end) for a in sources}
    fallback: list[Actor] = []
    keyed: list[Actor] = []
    for cand in candidates:
        cand = [a for a in cand if (a.start, a.end) not in src_spans]
        if not cand or all((a.code, a.name) in src_same for a in cand):
            continue
        if any(a.key() and a.key() not in src_keys for a in cand):
            return cand
        if not keyed and any(a.key() for a in cand):
            keyed = cand
        if not fallback:
            fallback = cand
    return keyed or fallback


ANAPHORIC_DETS = {"the", "these", "those", "this", "that", "such"}


def _told_before(ctx: Context, h: Hit) -> list[Actor]:
    """"condemned the attacks", "denounced the strikes": the doer of the hostile act
    of that kind the article told of last (often the lead, far above)."""
    p = ctx.p
    for d in p.child(h.token, "dobj"):
        if not any(c.lower in ANAPHORIC_DETS for c in p.child(d.i, "det")) or \
                p.child(d.i, "poss") or ctx.actors.actors_at(d.i):
            continue
        kinds = {e.event for e in ctx.lex.candidates(d.lemma, "noun")
                 if ctx.lex.types[e.event].quad in (3, 4)}
        if not kinds:
            continue
        earlier = [ctx.hits[j] for j in sorted((j for j in ctx.hits if j < d.i), reverse=True)
                   if ctx.hits[j].entry.event in kinds and j != h.token]

        def word(x: Hit) -> str:
            return p.toks[x.noun if x.noun is not None else x.token].lemma

        # the same word first ("launched missile strikes ... the strikes"), then the kind
        for other in [x for x in earlier if word(x) == d.lemma] + earlier:
            doers = [a for a in sources_of(ctx, other) if a.key()]
            if doers:
                return doers
    return []


def _search_below(ctx: Context, h: Hit, sources: list[Actor]) -> list[Actor]:
    """Last resort: the most prominent actor inside the trigger's object phrase."""
    p = ctx.p
    source_spans = {(a.start, a.end) for a in sources}
    same = _identities(sources)  # "closed its borders": not itself
    best: tuple[int, list[Actor]] | None = None
    for o in p.child(h.token, "dobj", "xcomp", "prep"):
        for j in p.subtree(o.i):
            t = p.toks[j]
            if t.dep in ("poss", "compound", "amod") and ctx.actors.actors_at(t.head):
                continue  # "ties with Gondor's government": the government, not Gondor
            found = [a for a in (ctx.actors.actors_at(j, conj=True) or (
                ctx.actors.owner_of(j) if t.dep == "pobj" else []))  # "tariffs on US steel"
                     if (a.start, a.end) not in source_spans and (a.code, a.name) not in same]
            if h.entry.event in THEME_OBJECT and j == o.i and o.dep == "dobj":
                found = [a for a in found if (a.country or a.org or a.kind == "state")
                         and a.key() not in {s.key() for s in sources} - {None}]
            if not found:
                continue
            prep = p.toks[t.head]
            if t.dep == "pobj" and prep.lower == "from" and prep.head == h.token and \
                    "from" not in args.TARGET_PREPS.get(h.entry.event, ()):
                continue  # "rockets fired from Lebanon": where they came from (but "a
                # vessel from South Korea" is a South Korean vessel)
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


def place_target(ctx: Context, h: Hit, src: list[Actor]) -> list[Actor]:
    """"arrived in Amman", "a curfew in Abidjan": the place's country receives the act."""
    where = event_location(ctx, h, src)
    if h.entry.event == "RETREAT":
        # "withdraw its forces from southern Lebanon": the place left behind
        where = None
        for c in [*ctx.p.child(h.token, "prep"), *[x for o in ctx.p.child(h.token, "dobj")
                                                  for x in ctx.p.child(o.i, "prep")]]:
            if c.lower == "from":
                for o in ctx.p.child(c.i, "pobj"):
                    where = where or ctx.actors.place_at(o.i)
    if where is None or not where.country:
        return []
    visit = h.entry.mode == "visit" or h.entry.event == "CONSULT"
    return [Actor(where.text, where.start, where.end, name=where.name, country=where.country,
                  sector="GOV" if visit else None, code=where.country + ("GOV" if visit else ""),
                  kind="state" if visit else "group")]


def victims_of(ctx: Context, h: Hit, hits: dict[int, Hit]) -> list[Actor]:
    """Aid "when X invaded Y" goes to Y: the target of an attack in the same sentence."""
    sent = ctx.p.toks[h.token].sent
    for i, other in hits.items():
        if other is not h and ctx.p.toks[i].sent == sent and other.entry.event == "ASSAULT":
            src = sources_of(ctx, other)
            return targets_of(ctx, other, src)
    return []
