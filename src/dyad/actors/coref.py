"""Later mentions that point back: pronouns, "the two ministers", "the bloc", "the
minister". Each reads the actors the article has named so far (``history``: token
and actor, in text order) and returns them re-anchored on the new mention."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from dyad.actors.kb import KnowledgeBase
from dyad.actors.match import Match
from dyad.nlp.parse import Parsed, Tok
from dyad.records import Actor

History = list[tuple[int, Actor]]

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_THING_PRONOUNS = {"it", "its"}
_PLURAL_PRONOUNS = {"they", "them", "their"}


def _at(actors: list[Actor], text: str, s: int, e: int) -> list[Actor]:
    return [replace(a, text=text, start=s, end=e) for a in actors]


def subjects_of(p: Parsed, i: int) -> list[int]:
    """The nominal subject of verb i, or of the verb it is coordinated with."""
    for _ in range(4):
        found = [c.i for c in p.child(i, "nsubj")]
        if found or p.toks[i].dep != "conj":
            return found
        i = p.toks[i].head
    return []


def pronoun(p: Parsed, history: History, actors_at: Callable[[int], list[Actor]],
            t: Tok) -> list[Actor]:
    """Who "he", "it" or "they" stands for."""
    want_person = t.lower in _PERSON_PRONOUNS
    plural = t.lower in _PLURAL_PRONOUNS
    if not (want_person or plural or t.lower in _THING_PRONOUNS):
        return []
    # "X told Y that he believed ...": the speaker is the likeliest antecedent
    k = t
    for _ in range(8 if t.dep == "nsubj" else 0):
        if k.head == k.i:
            break
        if k.dep in ("ccomp", "advcl", "xcomp"):
            # the speaker may be a coordinated verb's: "X called them unjust and said it"
            for subj in [p.toks[s] for s in subjects_of(p, k.head)]:
                prev = actors_at(subj.i)
                if prev and subj.i != t.i and (
                        plural or (prev[0].kind == "person") == want_person):
                    return _at(prev, t.text, t.idx, t.end)
        k = p.toks[k.head]
    if plural:
        return []  # "they" outside reported speech is too often someone unnamed
    for tok_i, earlier in reversed(history):
        if tok_i >= t.i or p.toks[tok_i].sent < t.sent - 1:
            continue
        if not want_person and not earlier.key():
            continue  # "its air force": a state or organization's, not "26 civilians'"
        if (earlier.kind == "person") == want_person:
            return _at([earlier], t.text, t.idx, t.end)
    return []


def plural_reference(p: Parsed, history: History, t: Tok, text: str, s: int,
                     e: int) -> list[Actor]:
    """"the two ministers", "both leaders": the people of that office named in this
    or the previous sentence, when there are at least two of them."""
    if not any(c.lower in ("the", "both") for c in p.child(t.i, "det", "predet")):
        return []
    office = t.lemma  # "minister"; "leader" and "official" stand for any office
    found: dict[str, Actor] = {}
    # not whoever does the act: "the EU envoy met both leaders"
    doers = {c.i for c in p.child(t.head, "nsubj", "nsubjpass")} if t.dep == "dobj" else set()
    for tok_i, prev in reversed(history):
        if tok_i >= t.i or p.toks[tok_i].sent < t.sent - 1 or any(
                p.toks[d].left <= tok_i <= p.toks[d].right for d in doers):
            continue
        if prev.kind != "person" or not (prev.country or prev.org):
            continue
        role = (prev.role or "").lower()
        if office in role or office in ("leader", "official", "counterpart"):
            found.setdefault(prev.name or prev.text, prev)
    if len(found) < 2:
        return []
    return _at(list(reversed(found.values())), text, s, e)


def generic_org(kb: KnowledgeBase, history: History, m: Match, text: str, s: int,
                e: int) -> list[Actor]:
    """"the bloc", "the alliance": the last organization of that kind named."""
    refs = {x.ref for x in m.entries if x.kind == "org_generic"}
    for _, prev in reversed(history):
        if prev.org and (prev.org in refs or "*" in refs) and prev.kind == "organization":
            return [replace(prev, text=text, start=s, end=e, kind="organization",
                            role=None, name=kb.orgs[prev.org].name)]
    return []


ARMED_SECTORS = {"REB", "UAF", "SEP"}


def armed_group(kb: KnowledgeBase, p: Parsed, history: History, t: Tok, text: str, s: int,
                e: int) -> list[Actor]:
    """"the militia", "the rebels" after an armed group was named in this or the two
    sentences before: that group ("the RSF ... the militia")."""
    for tok_i, prev in reversed(history):
        if tok_i >= t.i or p.toks[tok_i].sent < t.sent - 2:
            continue
        org = kb.orgs.get(prev.org or "")
        if org is not None and org.kind == "armed" and prev.kind == "organization":
            return [replace(prev, text=text, start=s, end=e, role=None, name=org.name,
                            sector=org.sector, code=org.code or prev.code)]
    return []


def same_sector(p: Parsed, history: History, t: Tok, sector: str, text: str, s: int,
                e: int) -> list[Actor]:
    """"the army", "the government" with no country: that of the last actor of that
    sector the article named with a country in the last three sentences ("Sudan's
    army", "Prime Minister Kobakhidze"); organizations such as the EU do not count."""
    for tok_i, prev in reversed(history):
        if tok_i >= t.i or prev.sector != sector or p.toks[tok_i].sent < t.sent - 3:
            continue
        if prev.country and not prev.org:
            return [Actor(text, s, e, name=None, country=prev.country, sector=sector,
                          code=prev.country + sector,
                          kind="group" if t.tag in ("NNS", "NNPS") else "organization")]
    return []


STATE_WORDS = {"country", "nation", "state", "capital", "government", "neighbour", "neighbor"}
SIDES = {"side", "country", "nation", "government", "party", "neighbour", "neighbor", "rival",
         "foe", "adversary", "state", "capital"}


def both_sides(p: Parsed, history: History, t: Tok) -> list[Actor] | None:
    """"both sides", "the two countries": the last two parties named in the two
    sentences before (a person stands for their country; "countries" are states only).
    None when the phrase is not one."""
    if t.lemma not in SIDES or t.tag != "NNS":
        return None
    words = {c.lower for c in p.child(t.i, "det", "predet", "nummod")}
    if not ("both" in words or {"the", "two"} <= words):
        return None
    found: dict[str, Actor] = {}
    # the parties that acted (subjects) first: "Rwanda agreed ... and Congo pledged to
    # neutralize the FDLR ... Both sides promised"
    for subjects_only in (True, False):
        found = {}
        for tok_i, prev in reversed(history):
            tok = p.toks[tok_i]
            if tok.sent >= t.sent or tok.sent < t.sent - 2:
                continue
            if subjects_only and tok.dep not in ("nsubj", "nsubjpass"):
                continue
            # countries are states (a president stands for his); sides may be anyone's
            key = prev.country if t.lemma in STATE_WORDS or prev.kind == "person" \
                else prev.key()
            if t.lemma in STATE_WORDS and prev.org:
                key = None
            if key and key not in found:
                found[key] = prev if prev.kind != "person" else Actor(
                    prev.text, prev.start, prev.end, name=None, country=key,
                    code=key, kind="state")
            if len(found) == 2:
                break
        if len(found) == 2:
            break
    if len(found) < 2:
        return []
    s, e = p.toks[t.left].idx, t.end
    return [replace(a, text=p.text[s:e], start=s, end=e) for a in reversed(found.values())]


def same_office(history: History, role: str) -> Actor | None:
    """"the foreign minister" with no country: the last person named with that office."""
    for _, prev in reversed(history):
        if prev.kind == "person" and prev.role and prev.role.lower() == role.lower():
            return prev
    return None
