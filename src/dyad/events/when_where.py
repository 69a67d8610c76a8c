"""When and where an event happened: the time expression and the place its clause names.

A time dates an event when it hangs on the event's verb or on a clause of it, not
when it names a thing ("the November 9, 2020 statement"); the place is the one a
locative preposition of the clause (or a visit's object) names.
"""

from __future__ import annotations

from datetime import date

from dyad.events import arguments as args
from dyad.events.context import FUTURE_AUX, LOC_PREPS, Context
from dyad.events.triggers import Hit
from dyad.nlp.parse import Parsed, Tok
from dyad.nlp.tense import tense_of
from dyad.records import Actor, Place, TimeValue

# Nouns of going somewhere: "a surprise visit to Beirut" says where the event was.
TRIPS = {"visit", "trip", "tour", "journey", "mission", "stopover", "arrival"}
# Clauses that place the event relative to another one, whose time is that other's.
OTHER_TIME = {"since", "before", "after", "until", "till", "unless", "because", "although"}


def event_clause(p: Parsed, i: int) -> range:
    t = p.toks[i]
    if t.dep in ("acl", "relcl") and t.head != t.i:
        return p.subtree(t.head)
    return p.subtree(i)


def tree_depth(p: Parsed, a: int, b: int) -> int:
    """Tree distance from a down to b (large when b is not below a)."""
    d, t = 0, p.toks[b]
    while t.i != a and d < 40:
        if t.head == t.i:
            return 99
        t = p.toks[t.head]
        d += 1
    return d if t.i == a else 99


def when_clause_of(p: Parsed, i: int, tv: TimeValue) -> bool:
    """True when the trigger's clause is a relative clause on the time expression itself."""
    t = p.toks[i]
    for _ in range(4):
        if t.dep == "relcl":
            head = p.toks[t.head]
            return tv.start <= head.idx < tv.end
        if t.dep not in ("conj", "xcomp") or t.head == t.i:
            return False
        t = p.toks[t.head]
    return False


def span_head(p: Parsed, start: int, end: int) -> Tok | None:
    """The token of a character span whose head lies outside it."""
    first = p.token_at(start)
    if first is None:
        return None
    t = first
    for _ in range(10):
        head = p.toks[t.head]
        if head.i == t.i or not (start <= head.idx < end):
            return t
        t = head
    return t


def governor(p: Parsed, i: int) -> int | None:
    """The verb (or, failing one, the event noun) a time expression attaches to."""
    t = p.toks[i]
    for _ in range(10):
        if t.head == t.i:
            return t.i if t.pos in ("VERB", "AUX") else None
        head = p.toks[t.head]
        if head.pos in ("VERB", "AUX"):
            return head.i
        if head.pos in ("NOUN", "PROPN") and t.dep in ("nmod", "compound", "nummod", "amod"):
            return None  # "the November 9, 2020 statement": names a thing, dates no act
        t = head
    return None


def time_rank(p: Parsed, h: Hit, g: int, past_in_future: bool = False) -> int | None:
    """How closely the verb g that a time hangs on belongs to the trigger's clause."""
    if g == h.token or g == h.noun:
        return 0
    if h.participle and g == participle_doer_verb(p, h):
        return 1
    t = p.toks[h.token]
    if h.nominal or t.dep in ("acl", "relcl"):
        base = t.head if not h.nominal else h.token
        if g in p.subtree(base) or g == p.toks[base].head:
            return 1
    k, d = t, 0
    while k.head != k.i and d < 6:  # the trigger's own clause sits inside g's clause
        if k.dep not in ("conj", "xcomp", "advcl", "ccomp", "acl", "relcl"):
            break
        k, d = p.toks[k.head], d + 1
        if k.i == g:
            return 1 + d
    k, d = p.toks[g], 0
    while k.head != k.i and d < 6:  # g's clause hangs off the trigger: "when X invaded"
        if k.dep == "ccomp" and past_in_future:
            pass  # "agreed that they will respect ... last fall": the past belongs to "agreed"
        elif k.dep not in ("conj", "xcomp", "advcl"):
            return None
        elif k.dep == "advcl" and any(m.lower in OTHER_TIME for m in p.child(k.i, "mark")):
            return None  # "since a ceasefire took effect last November": another event's time
        k, d = p.toks[k.head], d + 1
        if k.i == h.token:
            return 3 + d
    return None


def participle_doer_verb(p: Parsed, h: Hit) -> int | None:
    """The verb with an agent ("made by the court") in the phrase before the comma."""
    k = p.toks[h.token - 2] if h.token >= 2 else None
    for _ in range(8):
        if k is None or k.head == k.i:
            return None
        if k.dep == "acl" and args._agents(p, k.i):
            return k.i
        k = p.toks[k.head]
    return None


def event_date(ctx: Context, h: Hit) -> tuple[TimeValue | None, str]:
    p = ctx.p
    sent = p.toks[h.token].sent
    past = tense_of(p, h.token) == "past"
    best: tuple[int, TimeValue] | None = None
    for tv in ctx.times:
        if tv.type not in ("DATE", "TIME") or not tv.value[:1].isdigit():
            continue
        if past and ctx.published and tv.begin and tv.begin > ctx.published.isoformat():
            continue  # what happened cannot be dated after the article reports it
        tok = span_head(p, tv.start, tv.end)
        if tok is None or tok.sent != sent:
            continue
        if when_clause_of(p, h.token, tv):
            return tv, "text"  # "since April, when the US imposed sanctions"
        g = governor(p, tok.i)
        past_in_future = bool(
            g is not None and ctx.published is not None and tv.end_date
            and date.fromisoformat(tv.end_date) <= ctx.published
            and {c.lower for c in p.child(g, "aux")} & FUTURE_AUX)
        rank = time_rank(p, h, g, past_in_future) if g is not None else None
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, tv)
    if best is not None:
        return best[1], "text"
    made = _date_of_thing_made(ctx, h)
    if made is not None:
        return made, "text"
    t = p.toks[h.token]
    if h.nominal or (t.dep == "relcl" and p.toks[t.head].pos == "NOUN"):
        # "Ukraine's 2014 uprising", "the September 2023 offensive": the noun's own date;
        # "last month's attack that killed 26": the attack's
        noun = h.token if h.nominal else t.head
        left = set(range(p.toks[noun].left, noun))
        n = p.toks[noun]
        if not h.nominal and n.dep == "pobj" and p.toks[p.toks[n.head].head].pos == "NOUN":
            # "last month's attack on tourists that killed 26": the clause may hang on
            # the noun's object
            up = p.toks[n.head].head
            left |= set(range(p.toks[up].left, up))
        for tv in ctx.times:
            tok = span_head(p, tv.start, tv.end)
            if tv.type == "DATE" and tv.value[:1].isdigit() and tok is not None \
                    and tok.i in left:
                return tv, "text"
        if h.nominal:
            return None, "none"  # "the blockade", "earlier agreements": not dated by the article
    if ctx.published_value is not None:
        return ctx.published_value, "published"
    return None, "none"


# Verbs that make the thing they take as object: "brokered the 2022 grain deal"
# happened in 2022 ("violated the 2022 deal" did not).
MAKING = {"sign", "broker", "reach", "conclude", "negotiate", "seal", "ink", "strike", "agree",
          "mediate", "draft", "clinch", "finalize", "finalise"}


def _date_of_thing_made(ctx: Context, h: Hit) -> TimeValue | None:
    p = ctx.p
    t = p.toks[h.token]
    if h.nominal or t.lemma not in MAKING:
        return None
    for o in p.child(h.token, "dobj"):
        left = set(range(o.left, o.i))
        for tv in ctx.times:
            tok = span_head(p, tv.start, tv.end)
            if tv.type == "DATE" and tv.value[:1].isdigit() and tok is not None \
                    and tok.i in left:
                return tv
    return None


def event_location(ctx: Context, h: Hit, actors: list[Actor]) -> Place | None:
    p = ctx.p
    taken = {(a.start, a.end) for a in actors}
    best: tuple[int, Place] | None = None
    # not inside a coordinated clause: "condemned ... and called on the United States"
    other = {k for c in p.child(h.token, "conj") for k in p.subtree(c.i)}
    # the doer's own phrase ("the US commander in Iraq") only when nothing else says where
    doer = {k for c in p.child(h.token, "nsubj", "nsubjpass") for k in p.subtree(c.i)}
    for j in event_clause(p, h.token):
        t = p.toks[j]
        if j in other:
            continue
        visit = t.dep == "dobj" and t.head == h.token and h.entry.mode == "visit"
        prep = p.toks[t.head]
        trip = (t.dep == "pobj" and prep.lower == "to"
                and p.toks[prep.head].lemma in TRIPS)  # "during a visit to Beirut"
        if not (visit or trip) and not (t.dep == "pobj" and prep.lower in LOC_PREPS):
            continue
        place = ctx.actors.place_at(j)
        if place is None and not visit:
            # "at Ukraine's Odesa port", "in the Gaza Strip's north": the place named inside
            # ("at Ukraine's port" says whose port, not where)
            for c in p.child(j, "compound", "poss", "nmod"):
                inner = ctx.actors.place_at(c.i)
                if place is None and inner is not None and inner.feature != "country":
                    place = inner
        if place is None or ((place.start, place.end) in taken and not visit):
            continue
        if p.toks[t.head].lower == "on" and place.feature == "country":
            continue  # "called on the United States", "sanctions on Iran": not a place
        d = tree_depth(p, h.token, j) + (20 if j in doer else 0)
        if best is None or d < best[0]:
            best = (d, place)
    return best[1] if best else None
