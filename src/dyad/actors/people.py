"""Person mentions: a named person (from the knowledge base, or new to it), a title
standing for one ("the foreign minister"), and the surnames an article uses for the
people it has named. ``PersonMentions`` is the part of ``ArticleActors`` that does it;
it reads the article's parse, knowledge base, date and history through ``self``."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dyad.actors import coref
from dyad.actors.codes import agent_of, code_of, dict_code
from dyad.actors.kb import Entry, KnowledgeBase, Person
from dyad.actors.match import Match
from dyad.nlp.parse import Parsed
from dyad.records import Actor

# Where the family name comes first ("Xi Jinping", "Lai Ching-te", "Hun Manet").
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM"}
_HONORIFICS = {"Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Gen", "Brig", "Col", "Lt", "Maj", "Capt",
               "Adm", "Sgt", "Sen", "Rep", "Gov", "Pres", "Prof", "Rev", "Sheikh", "Sheik",
               "Emir", "King", "Queen", "Prince", "Princess", "Lord", "Lady", "Judge", "Justice",
               "Ayatollah", "Imam", "Pope", "Cardinal", "Bishop", "Father", "Mullah", "Maulana"}


class PersonMentions:
    p: Parsed
    kb: KnowledgeBase
    day: date | None
    match_at: dict[int, Match]
    surnames: dict[str, Actor]
    history: list[tuple[int, Actor]]

    def _ent_bounds(self, i: int) -> tuple[int, int]:
        raise NotImplementedError  # ArticleActors gives it

    def _title(self, mods: list[Match], i: int) -> Entry | None:
        m = self.match_at.get(i)
        if m is not None and m.of_kind("title"):
            return m.of_kind("title")
        for m in reversed(mods):
            e = m.of_kind("title")
            if e is not None:
                return e
        return None

    def _kb_person(self, name: str, surname: str) -> Person | None:
        for key in (name, surname):
            for e in self.kb.lookup(key):
                if e.kind == "person":
                    p = self.kb.people[e.ref]
                    if key == surname and name != surname and not self._same_given(name, p):
                        continue  # "Nabil Abdullah" is not Abdullah Abdullah
                    return p
        return None

    def _same_given(self, name: str, p: Person) -> bool:
        """The word before the surname fits the person: a word of their name, an
        initial, or a title ("Secretary Blinken"), not another given name."""
        words = name.split()
        before = words[-2].rstrip(".") if len(words) > 1 else ""
        if not before or len(before) == 1 or not before[0].isupper():
            return True
        if any(e.kind in ("title", "agent") for e in self.kb.lookup(before.lower())):
            return True
        known = {w.lower() for full in (p.name, *p.aliases) for w in full.split()}
        return before.lower() in known or before in _HONORIFICS

    def _from_person(self, p: Person, text: str, s: int, e: int) -> Actor:
        r = p.role_on(self.day)
        if r is None:
            return Actor(text, s, e, name=p.name, kind="person")
        if self.day is not None and r.end is not None and r.end <= self.day and r.country \
                and r.sector in ("GOV", "LEG", "MIL") and not r.org:
            # out of office by then: CAMEO codes former officials as elites (ELI)
            return Actor(text, s, e, name=p.name, country=r.country, sector="ELI",
                         role=f"former {r.office}", code=r.country + "ELI", kind="person")
        return Actor(text, s, e, name=p.name, country=r.country, org=r.org, sector=r.sector,
                     role=r.office, code=code_of(r.country, r.org, r.sector, r.code), kind="person")

    def _person(self, i: int, text: str, s: int, e: int, title: Entry | None,
                aff: dict[str, str | None]) -> Actor:
        t = self.p.toks[i]
        a, b = self._ent_bounds(i) if t.ent == "PERSON" else (i, i + 1)
        name = self.p.span_text(a, b)
        surname = self.p.toks[b - 1].text
        kbp = self._kb_person(name, surname)
        role = sector = None
        agent = None
        if title is not None:
            agent = agent_of(self.kb, title)
            role, sector = (agent.role or title.phrase, agent.sector) if agent else (None, None)
        if kbp is not None and not (aff["country"] or aff["org"]):
            base = self._from_person(kbp, text, s, e)
            return self._remember(replace(base, role=role or base.role), surname)
        if not (aff["country"] or aff["org"] or title) and surname in self.surnames:
            prev = self.surnames[surname]
            return self._remember(replace(prev, text=text, start=s, end=e), None)
        if kbp is None and title is not None and not (aff["country"] or aff["org"]):
            # "President Bush": every known Bush held office for the same country
            held = {(r.country, r.org) for p in self.kb.by_surname(surname)
                    if (r := p.role_on(self.day)) is not None and self._same_given(name, p)}
            if len(held) == 1:
                country, org = held.pop()
                aff = {**aff, "country": country, "org": org}
        if kbp is not None:
            base = self._from_person(kbp, text, s, e)
            aff = {"country": aff["country"] or base.country, "org": aff["org"] or base.org}
            role = role or base.role
            sector = sector or base.sector
        dcode = dict_code(self.kb, aff, [], agent) if aff.get("code") or (
            agent and agent.code) else None
        actor = Actor(text, s, e, name=name, country=aff["country"], org=aff["org"],
                      sector=sector, role=role,
                      code=dcode or code_of(aff["country"], aff["org"], sector, None) or None,
                      kind="person")
        return self._remember(actor, surname if b - a > 1 else None)

    def _described_person(self, text: str, s: int, e: int, role: str | None,
                          sector: str | None, aff: dict[str, str | None],
                          dcode: str | None = None) -> Actor:
        if not (aff["country"] or aff["org"]) and role and (
                prev := coref.same_office(self.history, role)) is not None:
            return replace(prev, text=text, start=s, end=e)
        return self._remember(Actor(text, s, e, name=None, country=aff["country"],
                                    org=aff["org"], sector=sector, role=role,
                                    code=dcode or code_of(aff["country"], aff["org"], sector,
                                                        None) or None,
                                    kind="person"))

    def _remember(self, actor: Actor, surname: str | None = None) -> Actor:
        if surname and actor.kind == "person":
            self.surnames[surname] = actor
        return actor
