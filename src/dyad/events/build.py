"""Turn a trigger with its actors into an Event record: span, date, place, negation,
modality, and the type as the doer and the tense make it."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, timedelta

from dyad.events import arguments as args
from dyad.events.context import FUTURE_AUX, Context
from dyad.events.lexicon import Lexicon, Trigger
from dyad.events.triggers import Hit
from dyad.events.when_where import event_date, event_location
from dyad.nlp.parse import Parsed, Tok
from dyad.records import Actor, Event, Place, Span, TimeValue

OBLIGATION = {"must", "should", "ought"}
ARMED = {"MIL", "REB"}
HISTORICAL_DAYS = 60


def make_event(ctx: Context, h: Hit, entry: Trigger, src: list[Actor], tgt: list[Actor],
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
    if not (h.nominal and p.toks[h.token].lemma not in VERBAL_PROTEST):
        entry = _by_doer(ctx.lex, entry, src)
    joint = _joint(ctx, h, entry, src)
    if joint is not entry and len({a.key() for a in src} - {None}) > 1:
        tgt = list(src)  # "Russia and Belarus held joint drills": with each other
    entry = joint
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


def _negated(ctx: Context, h: Hit) -> bool:
    p, lex = ctx.p, ctx.lex
    t = p.toks[h.token]
    if p.child(t.i, "neg"):
        return True
    if h.nominal and any(c.lower in ("no", "without") for c in p.child(t.i, "det", "prep")):
        return True
    if t.dep in ("xcomp", "ccomp") and p.toks[t.head].lemma in lex.negators:
        return not p.child(t.head, "neg")
    # "does not plan to attack"
    return bool(t.dep == "xcomp" and p.toks[t.head].lemma in INTENT and p.child(t.head, "neg"))


def _modality(ctx: Context, h: Hit, when: TimeValue | None) -> str:
    p, lex = ctx.p, ctx.lex
    t = p.toks[h.token]
    aux = {c.lower for c in p.child(t.i, "aux")}
    conditional = any(m.lower in ("if", "unless") for c in [t, *p.child(t.i, "advcl")]
                      for m in p.child(c.i, "mark"))
    if "would" in aux and _reported_by_past_speech(ctx, t) and not conditional:
        return "future"  # "said it would send aid": the reported form of "will send"
    if aux & lex.hypothetical or any(c.lower in ("if", "unless") for c in p.child(t.i, "mark")):
        return "hypothetical"
    if aux & OBLIGATION:
        return "hypothetical"  # "Iraq must cooperate": demanded, not done
    if aux & FUTURE_AUX:
        return "future"
    if _intended(p, t):
        return "future"  # "prepared to resume shelling", "plans to visit"
    g = args.elaborated_gerund(p, t.i)
    gerund = p.toks[g] if g is not None else t
    if gerund.dep == "pcomp" and _alleged(ctx, p.toks[gerund.head]):
        return "reported"  # "accused X of shelling (, killing ...)": alleged, not asserted
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


# Verbs whose infinitive complement is something not yet done.
INTENT = {"prepare", "plan", "intend", "aim", "seek", "want", "hope", "mean", "expect",
          "schedule", "set", "threaten", "vow", "pledge", "promise", "mull", "consider", "weigh",
          "propose", "offer"}
ASPECT = {"resume", "continue", "begin", "start", "keep", "go"}


def _intended(p: Parsed, t: Tok) -> bool:
    """The trigger is what someone intends ("plans to attack", "prepared to resume
    shelling"): an infinitive or gerund complement of an intent verb."""
    k = t
    for _ in range(3):
        if k.dep not in ("xcomp", "pcomp") or k.head == k.i:
            return False
        head = p.toks[k.head]
        if head.lemma in INTENT and head.pos == "VERB":
            return True
        if head.lemma not in ASPECT:
            return False
        k = head
    return False


def _reported_by_past_speech(ctx: Context, t: Tok) -> bool:
    """The clause is what a past-tense speech verb reports ("said it would ...")."""
    p = ctx.p
    if t.dep != "ccomp" or t.head == t.i:
        return False
    head = p.toks[t.head]
    return head.lemma in ctx.lex.speech_verbs and head.tag == "VBD"


# Nouns for a state's protest that is a diplomatic complaint ("Ukraine's protest");
# "Ukraine's uprising" is its people's, not its government's.
VERBAL_PROTEST = {"protest", "complaint", "objection", "demarche", "démarche"}
EXERCISES = {"exercise", "drill", "war game", "wargame", "maneuver", "manoeuvre", "game"}
JOINT = {"joint", "combined", "bilateral", "trilateral", "multinational", "allied", "naval"}


def _joint(ctx: Context, h: Hit, entry: Trigger, src: list[Actor]) -> Trigger:
    """Exercises held together are military cooperation, not a show of force:
    "joint drills", "exercises with the US navy", "Russia and Belarus held drills"."""
    p = ctx.p
    noun = h.noun if h.noun is not None else h.token
    if entry.event != "MOBILIZE" or p.toks[noun].lemma not in EXERCISES:
        return entry
    together = any(c.lower in JOINT - {"naval"} for c in p.child(noun, "amod", "compound"))
    together |= len({a.key() for a in src} - {None}) > 1
    for c in [*p.child(noun, "prep"), *p.child(h.token, "prep")]:
        if c.lower in ("with", "alongside"):
            together |= any(ctx.actors.actors_at(o.i) for o in p.child(c.i, "pobj"))
    if not together:
        return entry
    return replace(entry, event="COOPERATE", cameo="062", mode=None)


def _alleged(ctx: Context, prep: Tok) -> bool:
    """A prepositional gerund of an accusation: "accused X of V-ing", "blamed X for"."""
    verb = ctx.p.toks[prep.head]
    return prep.lower in ("of", "for", "with") and verb.pos == "VERB" and any(
        e.event == "ACCUSE" for e in ctx.lex.candidates(verb.lemma, "verb"))


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
