"""Resolve noun phrases to actors: who a phrase stands for, as of the article's date.

``ArticleActors`` reads a parsed article once, in text order, and keeps what the
article itself says about people (titles, appositions, "X of Y") so that later
mentions (surnames, "the foreign minister", "the security bloc", "he") resolve
to the same actor. Event extraction then asks ``actors_at(token)`` for the
actors behind an argument's head word, and ``place_at(token)`` for places.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dyad.actors import coref
from dyad.actors.codes import agent_of, code_of, dict_code
from dyad.actors.groups import GroupMentions
from dyad.actors.kb import KnowledgeBase
from dyad.actors.match import Match, find_matches
from dyad.actors.people import FAMILY_NAME_FIRST, PersonMentions
from dyad.actors.places import dateline, is_locative, place_of
from dyad.nlp.parse import Parsed
from dyad.records import Actor, Place

_AGENT_PREPS = ("of", "from", "in")
_ARMED_WORDS = {"militant", "militants", "rebel", "rebels", "armed", "jihadist", "jihadists",
                "insurgent", "insurgents", "militia", "militias", "terrorist", "guerrilla",
                "paramilitary", "extremist"}
_QUOTES = set("\"“”‘’«»")


# Names whose country changed: while the DR Congo was Zaire (1971-10-27 to 1997-05-17),
# "Congo" and "Congolese" meant the Republic of the Congo.
_NAMED_UNTIL = {("congo", "COD"): (date(1997, 5, 17), "COG"),
                ("the congo", "COD"): (date(1997, 5, 17), "COG"),
                ("congolese", "COD"): (date(1997, 5, 17), "COG")}


def _as_of(m: Match, day: date | None) -> Match:
    """The match with the country its words named on ``day``."""
    if day is None:
        return m
    entries = []
    for e in m.entries:
        turn = _NAMED_UNTIL.get((e.phrase.lower(), e.ref))
        if turn is not None and day < turn[0] and e.kind in ("country", "demonym"):
            e = replace(e, ref=turn[1])
        entries.append(e)
    return replace(m, entries=entries)


class ArticleActors(PersonMentions, GroupMentions):
    """Actors and places of one parsed article."""

    def __init__(self, parsed: Parsed, kb: KnowledgeBase, published: date | None) -> None:
        self.p = parsed
        self.kb = kb
        self.day = published
        self.matches = [_as_of(m, published) for m in find_matches(parsed, kb)]
        self.match_at: dict[int, Match] = {}
        for m in self.matches:
            for i in range(m.start, m.end):
                self.match_at[i] = m
        self._memo: dict[int, list[Actor]] = {}
        self.surnames: dict[str, Actor] = {}
        self.history: list[tuple[int, Actor]] = []  # (token, actor) in text order
        self._dict_spans: dict[tuple[int, int], str] = {}  # imported-dictionary codes by span
        self.dateline = dateline(parsed.text)  # (start, end) of a wire dateline, or (0, 0)
        self._resolve_all()

    # -- public ---------------------------------------------------------------

    def actors_at(self, i: int, conj: bool = True) -> list[Actor]:
        """Actors for the phrase headed by token ``i``, and for its conjuncts."""
        out = list(self._memo.get(i) or [])
        if conj:
            for c in self.p.toks[i].children:
                if self.p.toks[c].dep == "conj":
                    out.extend(self.actors_at(c))
        return out

    def all_actors(self) -> list[Actor]:
        seen: set[tuple[int, int, str | None]] = set()
        out: list[Actor] = []
        for _, a in self.history:
            # one actor per span, except where a dictionary gives a span several codes
            key = (a.start, a.end, a.code if (a.start, a.end) in self._dict_spans else None)
            if key not in seen:
                seen.add(key)
                out.append(a)
        return sorted(out, key=lambda a: a.start)

    def place_at(self, i: int) -> Place | None:
        """The place named by the phrase headed by token ``i``, if it is one."""
        t = self.p.toks[i]
        m = self.match_at.get(i)
        if m is not None:
            start, end = self.p.toks[m.start].idx, self.p.toks[m.end - 1].end
            e = m.of_kind("place", "capital", "country")
            if e is not None:
                return place_of(self.kb, self.p.text, e, start, end)
        if t.ent in ("GPE", "LOC", "FAC") and t.pos == "PROPN":
            a, b = self._ent_bounds(i)
            return Place(text=self.p.span_text(a, b), start=self.p.toks[a].idx,
                         end=self.p.toks[b - 1].end, name=self.p.span_text(a, b),
                         feature="unknown")
        return None

    def dateline_country(self) -> str | None:
        """The country of the place the story's dateline names ("ISLAMABAD (AP) --")."""
        start, end = self.dateline
        for place in self.places() if end else []:
            if start <= place.start < end and place.country:
                return place.country
        return None

    def places(self) -> list[Place]:
        out: list[Place] = []
        for m in self.matches:
            e = m.of_kind("place", "capital")
            if e is not None and m.kind not in ("person", "org"):
                start, end = self.p.toks[m.start].idx, self.p.toks[m.end - 1].end
                out.append(place_of(self.kb, self.p.text, e, start, end))
        return out

    # -- building -------------------------------------------------------------

    def _ent_bounds(self, i: int) -> tuple[int, int]:
        toks = self.p.toks
        a = i
        while a > 0 and toks[a].ent == toks[i].ent and not toks[a].ent_start:
            a -= 1
        b = i + 1
        while b < len(toks) and toks[b].ent == toks[i].ent and not toks[b].ent_start:
            b += 1
        return a, b

    def _head_of(self, m: Match) -> int:
        for i in range(m.end - 1, m.start - 1, -1):
            h = self.p.toks[i].head
            if h < m.start or h >= m.end or h == i:
                return i
        return m.end - 1

    def _resolve_all(self) -> None:
        toks = self.p.toks
        heads: set[int] = set()
        for m in self.matches:
            h = self._head_of(m)
            if not self._modifier(h):
                heads.add(h)
        for t in toks:
            if t.pos in ("NOUN", "PROPN", "PRON") and t.i not in heads and not self._modifier(t.i):
                own = self.match_at.get(t.i)
                if own is None or self._head_of(own) == t.i:
                    heads.add(t.i)
        line_start, line_end = self.dateline
        for i in sorted(heads):
            if line_start <= toks[i].idx < line_end:
                continue  # "ACCRA, May 14 -": where the story was filed, not an actor
            actors = self._with_appositive(i, self._resolve_head(i))
            if actors:
                self._memo[i] = actors
                for a in actors:
                    self.history.append((i, a))

    def _with_appositive(self, i: int, actors: list[Actor]) -> list[Actor]:
        """"Kenzo Oshima, the UN relief coordinator": the apposition says who he is."""
        if len(actors) > 1 or (actors and (actors[0].country or actors[0].org)):
            return actors
        t = self.p.toks[i]
        if actors and t.dep == "appos" and (above := self._memo.get(t.head)):
            # "his Togolese counterpart, Foreign Minister Afi Kodjo": named by what it renames
            o, a = above[0], actors[0]
            if o.country or o.org:
                merged = replace(a, country=o.country, org=o.org,
                                 code=code_of(o.country, o.org, a.sector or o.sector, None))
                self._remember(merged, a.name.split()[-1] if a.name and a.kind == "person"
                               else None)
                return [merged]
        for c in self.p.child(i, "appos"):
            other = self._resolve_head(c.i) or self.owner_of(c.i)
            if other and actors and not (other[0].country or other[0].org) and \
                    actors[0].kind == other[0].kind == "person" and other[0].role and \
                    not actors[0].sector and not actors[0].country:
                # "Babagana Zulum, the governor of Borno": at least his office
                o, a = other[0], actors[0]
                merged = replace(a, role=o.role, sector=o.sector, code=o.code)
                self._remember(merged, a.name.split()[-1] if a.name else None)
                return [merged]
            if not other or not (other[0].country or other[0].org):
                continue
            o = other[0]
            if not actors:
                return [replace(o, text=self.p.span_text(self.p.toks[i].left, i + 1),
                                start=self.p.toks[self.p.toks[i].left].idx,
                                end=self.p.toks[i].end)]
            a = actors[0]
            merged = replace(a, country=o.country, org=o.org, role=a.role or o.role,
                             sector=a.sector or o.sector,
                             code=code_of(o.country, o.org, a.sector or o.sector, None))
            self._remember(merged, a.name.split()[-1] if a.name and a.kind == "person" else None)
            return [merged]
        return actors

    def _modifier(self, i: int) -> bool:
        """True for words inside a larger name or phrase ("Ilham" in "Ilham Aliyev")."""
        t = self.p.toks[i]
        head = self.p.toks[t.head]
        if t.dep == "compound" and head.pos in ("NOUN", "PROPN"):
            return True
        if t.dep == "amod" and t.pos == "ADJ" and head.pos == "NOUN" and t.i < head.i:
            m = self.match_at.get(t.i)
            if m is not None and m.kind == "agent":
                return True  # "military aid", "diplomatic relations": a kind of thing
        return bool(t.ent and t.ent == head.ent and t.head > t.i and not head.ent_start
                    and t.dep in ("compound", "nmod", "amod", "flat"))

    def _span(self, a: int, b: int) -> tuple[str, int, int]:
        toks = self.p.toks
        while a < b and toks[a].dep == "det":
            a += 1
        if b - 1 > a and toks[b - 1].dep == "case":
            b -= 1
        if a >= b:
            a = b - 1
        return self.p.span_text(a, b), toks[a].idx, toks[b - 1].end

    def _premods(self, i: int) -> list[Match]:
        """Knowledge matches among the words before the head, inside its phrase."""
        t = self.p.toks[i]
        out: list[Match] = []
        seen: set[int] = set()
        for j in range(t.left, i):
            tj = self.p.toks[j]
            if self._blocked(j, i):
                continue
            m = self.match_at.get(j)
            if m is not None and id(m) not in seen and not (m.start <= i < m.end):
                seen.add(id(m))
                out.append(m)
            del tj
        return out

    def _blocked(self, j: int, head: int) -> bool:
        """True when token j hangs off the head through a clause or apposition."""
        toks = self.p.toks
        k = j
        while k != head:
            if toks[k].dep in ("relcl", "acl", "appos", "advcl", "ccomp", "conj", "prep"):
                return True
            if toks[k].head == k:
                return True
            k = toks[k].head
        return False

    def _of_actors(self, i: int, preps: tuple[str, ...] = ("of",)) -> list[Actor]:
        """Actors after "of" ("the leaders of Armenia and Azerbaijan"), or other preps."""
        for c in self.p.child(i, "prep"):
            if c.lower in preps:
                out: list[Actor] = []
                for pobj in self.p.child(c.i, "pobj"):  # the parser may give "of" two
                    out.extend(self._with_conjuncts(pobj.i))
                if out:
                    return out
        return []

    def _with_conjuncts(self, i: int) -> list[Actor]:
        out = list(self._resolve_head(i))
        for cj in self.p.child(i, "conj"):
            out.extend(self._with_conjuncts(cj.i))
        return out

    def _affiliation(self, mods: list[Match], post: list[Actor]) -> dict[str, str | None]:
        aff: dict[str, str | None] = {"country": None, "org": None, "code": None}
        for m in mods:
            e = m.of_kind("dictionary")
            if e is not None and not (aff["code"] or aff["country"] or aff["org"]):
                aff["code"] = (self.kb.dict_actors[e.ref].code_on(self.day) or "").split("/")[0]
                aff["country"] = self.kb.country_of_code(aff["code"])
                continue
            e = m.of_kind("org")
            if e is not None and not aff["org"]:
                aff["org"] = e.ref
                org = self.kb.orgs.get(e.ref)
                if org is not None and org.kind != "igo" and org.country:
                    aff["country"] = aff["country"] or org.country  # "M23 fighters"
                continue
            e = m.of_kind("country", "demonym", "capital", "seat")
            if e is not None and not aff["country"]:
                aff["country"] = e.ref
        for a in post:
            if not aff["org"] and a.org:
                aff["org"] = a.org
            if not aff["country"] and a.country and not a.org:
                aff["country"] = a.country
            if not aff["code"] and not aff["org"] and (a.start, a.end) in self._dict_spans:
                aff["code"] = self._dict_spans[(a.start, a.end)]
                aff["country"] = aff["country"] or a.country
        return aff

    def _dict_actors(self, m: Match, i: int, mods: list[Match], text: str, s: int,
                     e: int) -> list[Actor]:
        """A dictionary actor; one per code when the dictionary lists several ("FRO/BIL")."""
        entry = m.of_kind("dictionary")
        assert entry is not None
        d = self.kb.dict_actors[entry.ref]
        out = []
        for part in (d.code_on(self.day) or "").split("/"):
            aff: dict[str, str | None] = {"country": None, "org": None, "code": part or None}
            code = dict_code(self.kb, aff, mods, None) or part or None
            country = self.kb.country_of_code(code)
            if self.p.toks[i].ent == "PERSON":
                kind = "person"
            else:
                kind = "state" if code and len(code) == 3 and country else "organization"
            self._dict_spans.setdefault((s, e), code or "")
            out.append(Actor(text, s, e, name=d.phrase, country=country, code=code, kind=kind,
                             sector=code[3:6] if country and code and len(code) >= 6 else None))
        return out

    def _resolve_head(self, i: int) -> list[Actor]:
        if i in self._memo:
            return self._memo[i]
        t = self.p.toks[i]
        if t.pos == "PRON":
            return coref.pronoun(self.p, self.history, self.actors_at, t)
        if (both := coref.both_sides(self.p, self.history, t)) is not None:
            return both
        m = self.match_at.get(i)
        mods = self._premods(i)
        post = self._of_actors(i)
        a0 = min([t.left] + [x.start for x in mods]) if mods else i
        if m is not None:
            a0 = min(a0, m.start)
        b0 = max(i + 1, m.end if m else i + 1)
        text, s, e = self._span(self._np_start(i, a0), b0)
        kind = m.kind if m is not None else None
        # A kind implies a match: the ``m is not None`` tests below only tell mypy so.
        if m is not None and kind == "dictionary":
            return self._dict_actors(m, i, mods, text, s, e)
        if kind == "person":
            entry = m.of_kind("person") if m else None
            assert entry is not None
            actor = self._from_person(self.kb.people[entry.ref], text, s, e)
            title = self._title(mods, i)
            agent = agent_of(self.kb, title) if title is not None else None
            if agent is not None and agent.role and (agent.sector == actor.sector
                                                     or not actor.sector):
                # the text's own title for him: "Armenia's National Security Chief"
                actor = replace(actor, role=agent.role)
            words = entry.phrase.split()
            if len(words) > 1 and actor.country in FAMILY_NAME_FIRST:
                self._remember(actor, words[0])  # "Lai Ching-te ... Lai said"
            return [self._remember(actor, words[-1] if len(words) > 1 else None)]
        if m is not None and kind == "org" and t.ent == "PERSON" and \
                self._ent_bounds(i)[0] < m.start and m.end - m.start == 1:
            # "Therese Kayikwamba Wagner": a person's surname, not the Wagner Group
            m, kind = None, None
            text, s, e = self._span(self._ent_bounds(i)[0], i + 1)
        if m is not None and kind == "org":
            o = self.kb.orgs[m.entries[0].ref]  # the first entry is the org: kind says so
            return [Actor(text, s, e, name=o.name, org=o.acronym, country=o.country,
                          sector=o.sector, code=code_of(None, o.acronym, None, o.code),
                          kind="organization")]
        if t.pos == "PROPN" and kind in (None, "place") and t.text in self.surnames:
            prev = self.surnames[t.text]
            return [replace(prev, text=text, start=s, end=e)]
        if kind in ("capital", "seat", "place") and is_locative(self.p, self.match_at, i):
            return []
        if kind == "country" and t.dep == "appos" and is_locative(self.p, self.match_at, i):
            return []
        if m is not None and kind in ("country", "capital", "seat"):
            c = self.kb.countries[m.entries[0].ref]
            sector = None if kind == "country" else "GOV"
            return [Actor(text, s, e, name=c.name, country=c.iso3, sector=sector,
                          code=code_of(c.iso3, None, sector, None), kind="state")]
        if m is not None and kind == "demonym" and t.pos in ("NOUN", "PROPN") and \
                t.tag in ("NNS", "NNPS"):
            c = self.kb.countries[m.entries[0].ref]
            return [Actor(text, s, e, name=c.name, country=c.iso3, code=c.iso3, kind="group")]
        if m is not None and kind == "org_generic":
            if found := coref.generic_org(self.kb, self.history, m, text, s, e):
                return found
            # none of its organizations was named: "the militia" is then a militia, and
            # "the militant group" the armed group named last
            if _ARMED_WORDS & set(m.entries[0].phrase.lower().split()) and (
                    named := coref.armed_group(self.kb, self.p, self.history, t, text, s, e)):
                return named
            word = [x for x in self.kb.lookup(t.lower) if x.kind == "agent"]
            if not word:
                return []
            m, kind = Match(i, i + 1, word), "agent"
        if not post and kind in ("title", "agent"):
            post = self._of_actors(i, _AGENT_PREPS)  # "soldiers from Gondor"
        aff = self._affiliation(mods, post)
        if not any(aff.values()) and t.dep == "conj" and kind in ("title", "agent"):
            # "Danish media and government": the conjunct shares the first noun's owner
            aff = self._affiliation(self._premods(t.head), [])
        title = self._title(mods, i)
        if t.ent == "PERSON" or (t.pos == "PROPN" and title is not None and m is None):
            return [self._person(i, text, s, e, title, aff)]
        if (m is not None and kind in ("title", "agent") and t.tag == "NNS"
                and not any(aff.values())):
            named = coref.plural_reference(self.p, self.history, t, text, s, e)
            if named:
                return named
        if m is not None and kind in ("title", "agent"):
            return self._agent_phrase(i, m, kind, mods, post, aff, text, s, e)
        if t.ent == "ORG" and t.pos == "PROPN" and kind is None:
            a, b = self._ent_bounds(i)
            text, s, e = self._span(a, b)
            if _QUOTES & set(text):
                return []
            return [Actor(text, s, e, name=text, country=aff["country"], kind="organization",
                          code=aff["country"])]
        return []

    def _np_start(self, i: int, a0: int) -> int:
        # Keep the phrase to its pre-modifiers: "the leaders of Armenia" ends at "leaders".
        return a0 if a0 <= i else i

