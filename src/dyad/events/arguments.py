"""Who acts and who is acted on: source and target words of a trigger, from the parse.

These functions return token indices (argument heads); turning heads into
actors is the actor layer's job.
"""

from __future__ import annotations

from dyad.nlp.parse import Parsed, Tok

SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
# Clauses that share their head's subject: "agreed to share", "called X and faulted Y",
# "While visiting Yerevan, the chief said".
INHERIT = ("xcomp", "conj", "advcl", "pcomp", "acomp")
# Prepositions that introduce a target, by event type (first found wins).
TARGET_PREPS: dict[str, tuple[str, ...]] = {
    "CONSULT": ("with", "to"),
    "AGREE": ("with", "to"),
    "COOPERATE": ("with", "to"),
    "AID": ("to", "for"),
    "SUPPORT": ("for", "to"),
    "REQUEST": ("on", "to", "from", "of"),
    "ACCUSE": ("against", "at", "on"),
    "REJECT": ("from", "to"),
    "THREATEN": ("against", "with", "on"),
    "PROTEST": ("against", "outside", "at"),
    "SANCTION": ("on", "against", "from"),
    "MOBILIZE": ("against", "to", "near", "along"),
    "COERCE": ("on", "against", "from"),
    "ASSAULT": ("on", "against", "in", "at"),
    "RETREAT": ("from",),
    "CONCEDE": ("to", "for"),
}
RELATIVES = {"who", "which", "that"}
SPEECH_LIKE = {"say", "demand", "urge", "call", "add", "warn", "insist", "ask", "accuse",
               "state", "tell", "stress", "argue", "claim", "announce", "vow", "pledge"}
# "is opposed to", "is committed to": a state of the subject, not something done to it
STATIVE_PASSIVES = {"oppose", "commit", "dedicate", "devote", "determine", "resign", "attach"}
CO_SOURCE_PREPS = ("along", "together", "alongside", "jointly")
# "accused X of V-ing", "blamed X for", "charged X with", "barred X from": X does it.
OBJECT_CONTROL_PREPS = {"of", "for", "with", "from"}


def subjects(p: Parsed, i: int) -> tuple[list[int], bool]:
    """Subject heads of the clause headed by ``i``, and whether the clause is passive.

    Climbs through infinitives, coordination and adverbial participles to find a
    shared subject; for a participle modifying a noun ("the decision ... compelling")
    the noun itself stands in subject position.
    """
    seen = 0
    t = p.toks[i]
    if (g := elaborated_gerund(p, i)) is not None:
        t = p.toks[g]  # "accused X of shelling the camp, killing 14": X killed them
    while seen < 6:
        seen += 1
        subj = [c for c in p.child(t.i, *SUBJ)]
        if subj and t.dep == "relcl" and all(c.lower in RELATIVES for c in subj):
            return [t.head], False  # "Zourabichvili, who has refused ...": she refused
        if subj:
            return [c.i for c in subj], False
        pas = [c for c in p.child(t.i, *PASS_SUBJ)]
        if pas and t.lemma in STATIVE_PASSIVES and not _agents(p, t.i) and any(
                c.lower == "to" for c in p.child(t.i, "prep")):
            return [c.i for c in pas], False  # "Israel is opposed to French mediation"
        if pas:
            agents = _agents(p, t.i)
            return agents, True
        if t.dep in ("acl", "relcl") and t.head != t.i:
            head = p.toks[t.head]
            if t.dep == "acl" and t.tag == "VBN":
                return _agents(p, t.i), True
            return [head.i], False
        if t.dep == "pcomp" and p.toks[t.head].lower in OBJECT_CONTROL_PREPS:
            # "accused the RSF of shelling", "blamed Kyiv for", "barred X from": the
            # verb's object does the gerund; with no object its subject does
            verb = p.toks[t.head].head
            objs = p.child(verb, "dobj")
            if objs and verb != t.head:
                return [objs[0].i], False
        if t.dep == "pcomp" and p.toks[t.head].dep == "prep" and t.head != p.toks[t.head].head:
            t = p.toks[p.toks[t.head].head]  # "violating X by refusing": who violates refuses
            continue
        if t.dep == "conj" and t.lemma in SPEECH_LIKE and p.toks[t.head].dep == "ccomp":
            # "Kurti said Belgrade had ignored X and demanded Y": the parser hangs the
            # second statement inside the first one's content; the speaker makes both
            outer = p.toks[p.toks[t.head].head]
            if outer.lemma in SPEECH_LIKE:
                t = outer
                continue
        if t.dep in INHERIT and t.head != t.i:
            # xcomp with an object-controller ("urged Iran to ...") has that object as subject
            if t.dep == "xcomp":
                objs = p.child(t.head, "dobj")
                if objs:
                    return [objs[0].i], False
            t = p.toks[t.head]
            continue
        break
    return [], False


def elaborated_gerund(p: Parsed, i: int) -> int | None:
    """For a set-off participle the parser hung on the main verb ("accused the RSF
    of shelling the camp, killing 14"), the prepositional gerund it elaborates."""
    t = p.toks[i]
    if t.dep != "advcl" or t.tag != "VBG" or t.head == t.i or i == 0 \
            or p.toks[i - 1].text != ",":
        return None
    for prep in p.child(t.head, "prep"):
        if prep.lower in OBJECT_CONTROL_PREPS and prep.i < i:
            for g in p.child(prep.i, "pcomp"):
                if g.tag == "VBG" and g.i < i:
                    return g.i
    return None


def _agents(p: Parsed, i: int) -> list[int]:
    out: list[int] = []
    for c in p.child(i, "agent"):
        out.extend(x.i for x in p.child(c.i, "pobj"))
    return out


def co_sources(p: Parsed, i: int, subj: list[int]) -> list[int]:
    """Partners named as "X, along with Y, agreed" or "X together with Y"."""
    out: list[int] = []
    for h in [i, *subj]:
        for c in p.child(h, "prep", "advmod"):
            if c.lower in CO_SOURCE_PREPS:
                for w in p.child(c.i, "prep"):
                    if w.lower == "with":
                        out.extend(x.i for x in p.child(w.i, "pobj"))
                out.extend(x.i for x in p.child(c.i, "pobj"))
    return out


def objects(p: Parsed, i: int) -> list[Tok]:
    """Direct objects, datives and complements' heads, in that order."""
    return p.child(i, "dobj", "dative", "iobj", "attr", "oprd")


def prep_objects(p: Parsed, i: int, preps: tuple[str, ...]) -> list[int]:
    """Heads of prepositional objects for the given prepositions, in preference order."""
    found: dict[str, list[int]] = {}
    for c in p.child(i, "prep", "dative"):
        if c.lower in preps:
            found.setdefault(c.lower, []).extend(x.i for x in p.child(c.i, "pobj"))
    for prep in preps:
        if prep in found:
            return found[prep]
    return []


def complement_heads(p: Parsed, i: int) -> list[Tok]:
    """Heads of clausal and prepositional complements: what the trigger is about."""
    out = p.child(i, "xcomp", "ccomp")
    for c in p.child(i, "prep"):
        out.extend(p.child(c.i, "pobj", "pcomp"))
    return out


def is_passive(p: Parsed, i: int) -> bool:
    return any(p.toks[c].dep in ("nsubjpass", "auxpass") for c in p.toks[i].children)
