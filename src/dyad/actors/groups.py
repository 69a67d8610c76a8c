"""Phrases for groups and bodies: an agent noun or a title with whatever says whose it
is ("Russian troops", "the army's spokesman", "the foreign ministers of Congo and
Rwanda", "PTI workers"), things that belong to a country ("Armenian villages"), and
the bare group words a story leaves to its context ("protesters", "the army").
``GroupMentions`` is the part of ``ArticleActors`` that does it, through ``self``."""

from __future__ import annotations

from dyad.actors import coref
from dyad.actors.codes import agent_of, code_of, dict_code
from dyad.actors.kb import Agent, KnowledgeBase
from dyad.actors.match import Match
from dyad.actors.places import MISHAPS
from dyad.nlp.parse import Parsed, Tok
from dyad.records import Actor

GROUP_SECTORS = {"CVL", "REB", "OPP", "REF", "LAB", "EDU", "MED", "CRM", "MIL", "COP"}
# Nouns for the people of an organization: "PTI workers", "Hamas members".
_MEMBERS = {"members", "member", "supporters", "supporter", "workers", "activists", "activist",
            "followers", "cadres", "loyalists", "militants", "fighters", "leaders", "officials"}


class GroupMentions:
    p: Parsed
    kb: KnowledgeBase
    match_at: dict[int, Match]
    history: list[tuple[int, Actor]]
    _memo: dict[int, list[Actor]]
    _dict_spans: dict[tuple[int, int], str]

    def _span(self, a: int, b: int) -> tuple[str, int, int]:
        raise NotImplementedError  # ArticleActors gives these

    def _described_person(self, text: str, s: int, e: int, role: str | None,
                          sector: str | None, aff: dict[str, str | None],
                          dcode: str | None = None) -> Actor:
        raise NotImplementedError

    def _agent_phrase(self, i: int, m: Match, kind: str, mods: list[Match], post: list[Actor],
                      aff: dict[str, str | None], text: str, s: int, e: int) -> list[Actor]:
        """A phrase headed by an agent noun or a title: "the army's spokesman", "Russian
        troops", "the foreign ministers of Congo and Rwanda", "protesters"."""
        t = self.p.toks[i]
        entry = m.entries[0]
        agent = agent_of(self.kb, entry)
        sector = agent.sector if agent else None
        dcode = dict_code(self.kb, aff, mods, agent)
        owner = self._possessor(i) if not any(aff.values()) else None
        if owner is None and not any(aff.values()) and kind == "title":
            owner = self._body_named_before(mods, t)  # "a party spokesman"
        if owner is not None:
            # "the army's spokesman": the army's country, and its sector for a
            # spokesman or official who speaks for it
            aff = {"country": owner.country, "org": owner.org, "code": None}
            if sector == "GOV" and owner.sector and kind == "title":
                sector = owner.sector
            if owner.org and owner.sector == sector and not dcode:
                dcode = owner.code  # "the RSF's fighters" are the RSF
        if kind == "title":
            role = agent.role if agent else entry.phrase
            if t.tag in ("NNS", "NNPS") and len(post) > 1 and not dcode:
                # "the foreign ministers of Congo and Rwanda": one person each
                return [self._described_person(text, s, e, role, sector,
                                               {"country": a.country, "org": a.org,
                                                "code": None}) for a in post]
            return [self._described_person(text, s, e, role, sector, aff, dcode)]
        if not dcode and aff["country"] and not post:
            owners = self.owner_of(i)
            if len(owners) > 1:  # "Eriadori and Calenardhon leaders": one group each
                return owners
        if aff["country"] or aff["org"] or aff["code"]:
            actors = [self._group(text, s, e, aff["country"], aff["org"], sector, dcode)]
            if len(post) > 1:
                actors += [self._group(a.text, a.start, a.end, a.country, a.org, sector,
                                       self._post_code(a, agent))
                           for a in post[1:]]
            return actors
        if sector in coref.ARMED_SECTORS and kind == "agent" and any(
                c.lower == "the" for c in self.p.child(i, "det")) and (
                named := coref.armed_group(self.kb, self.p, self.history, t, text, s, e)):
            return named
        if sector and any(c.lower == "the" for c in self.p.child(i, "det")) and (
                named := coref.same_sector(self.p, self.history, t, sector, text, s, e)):
            return named  # "Sudan's army ... the army"
        opening = t.i == self.p.sents[t.sent][0] or (
            t.i > 0 and self.p.toks[t.i - 1].text in ("--", "—", "–", "-", ":"))
        plural = t.tag in ("NNS", "NNPS") or (opening and t.lower.endswith(("s", "men")))
        if plural or sector in GROUP_SECTORS:
            # "protesters", "the rebels": a group whose country the text may give later
            # (a capitalized "Gunmen" opening a sentence is tagged as a name)
            return [Actor(text, s, e, name=None, sector=sector, code=dcode or sector,
                          kind="group")]
        if any(c.lower == "the" for c in self.p.child(i, "det")):
            # "the government", "the army": the country may come from the event's place
            return [Actor(text, s, e, name=None, sector=sector, code=dcode or sector,
                          kind="organization")]
        return []

    def _body_named_before(self, mods: list[Match], t: Tok) -> Actor | None:
        """"a party spokesman", "an army spokesman": the party or army the last three
        sentences named, when a body noun stands before the title."""
        for m in mods:
            e = m.of_kind("agent")
            body = agent_of(self.kb, e) if e is not None else None
            if body is None or not body.sector or body.sector == "GOV":
                continue
            for tok_i, prev in reversed(self.history):
                if tok_i >= t.i or self.p.toks[tok_i].sent < t.sent - 3:
                    continue
                if prev.sector == body.sector and (prev.country or prev.org) \
                        and prev.kind != "person":
                    return prev
        return None

    def _possessor(self, i: int) -> Actor | None:
        """The resolved owner in "the army's spokesman", when it has a country or org."""
        for c in self.p.child(i, "poss"):
            found = self._memo.get(c.i) or []
            if len(found) == 1 and (found[0].country or found[0].org):
                return found[0]
        return None

    def owner_of(self, i: int) -> list[Actor]:
        """The country or organization that a thing belongs to: "Armenian villages"."""
        t = self.p.toks[i]
        if t.pos != "NOUN" or t.lemma in MISHAPS:
            return []  # "killed by the Malaysia Airlines crash": nobody's act
        agent = self.kb.agents.get(t.lower)
        sector = agent.sector if agent and agent.type == "noun" else None
        out: list[Actor] = []
        seen: set[str] = set()
        for j in range(t.left, i):  # "French and Egyptian warships": one group each
            m = self.match_at.get(j)
            if m is None or m.start != j or self._clause_between(j, i):
                continue
            e = m.of_kind("org", "country", "demonym")
            if e is not None and e.ref not in seen:
                seen.add(e.ref)
                text, s, end = self._span(j, i + 1)
                if e.kind == "org":
                    o = self.kb.orgs[e.ref]
                    out.append(self._group(text, s, end, o.country, o.acronym,
                                           sector or o.sector))
                else:
                    out.append(self._group(text, s, end, e.ref, None, sector))
        return out

    def _clause_between(self, j: int, head: int) -> bool:
        toks = self.p.toks
        k = j
        while k != head:
            if toks[k].dep in ("relcl", "acl", "appos", "advcl", "ccomp", "prep") or \
                    toks[k].head == k:
                return True
            k = toks[k].head
        return False

    def _post_code(self, a: Actor, agent: Agent | None) -> str | None:
        """Code of "Osgiliath" in "the ambassadors of Arnor, Osgiliath and Gondor"."""
        base = self._dict_spans.get((a.start, a.end))
        if base is None and not (agent and agent.code):
            return None
        return dict_code(self.kb, {"country": a.country, "org": a.org, "code": base}, [], agent)

    def _group(self, text: str, s: int, e: int, country: str | None, org: str | None,
               sector: str | None, code: str | None = None) -> Actor:
        own = self.kb.orgs.get(org or "")
        if code is None and own is not None and own.kind != "igo" and own.code and (
                sector in (None, own.sector) or text.split()[-1].lower() in _MEMBERS):
            code = own.code  # "M23 fighters" are the M23; "PTI workers" the PTI
        return Actor(text, s, e, name=text, country=country, org=org, sector=sector,
                     code=code or code_of(country, org, sector, None),
                     kind="organization" if sector == "GOV" or org else "group")
