"""The actor and place knowledge base: data files in ``dyad/data`` read into lookup tables.

Files (all written by hand from public facts; users may add their own with ``--kb``):

- ``countries.tsv``: iso3, name, aliases, demonyms, capitals, seats, status, parent
  (status: member | observer | partial | de_facto | territory; de-facto entities
  without an ISO code use the user-assigned range X.., with ``parent`` the state
  whose territory they claim)
- ``organizations.yaml``: acronym, name, aliases, generic, kind, code, sector
- ``agents.tsv``: phrase, sector, type (``noun`` for agent nouns, ``title`` for
  titles that introduce a person), role
- ``people.yaml``: name, aliases, roles (office, country or org, sector, start, end)
- ``places.tsv``: name, aliases, country, lat, lon, feature

Multi-valued TSV cells are separated by ``|``. Lines starting with ``#`` are comments.

A user knowledge file (``--kb FILE``) is a YAML mapping with any of the sections
``countries``, ``organizations``, ``people`` (as above), ``agents`` (phrase, sector,
and optionally type, role, ``code`` (the code part an imported dictionary gives,
"GOVFRM"), ``prefix`` (true when the code goes before the actor's, "NGO~"),
``plurals``) and ``dictionary_actors`` (written by ``dyad kb import-cameo``: phrase,
synonyms, stems, code, dated codes with start/end, source).
"""

from __future__ import annotations

import csv
import json
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import ConfigError, Messages

# CAMEO codes for actors that belong to no state; never read as a country.
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "NGM", "IMG", "MNC", "UIS", "---", "+++", "###"})

# Generic references that can point back to any organization named before them.
UNIVERSAL_GENERICS = ("the group", "the organization", "the organisation", "the body")


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    status: str = "member"
    parent: str | None = None  # for de-facto entities: the state that claims the territory


@dataclass(frozen=True)
class Organization:
    acronym: str
    name: str
    aliases: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    kind: str = "igo"
    code: str | None = None
    sector: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Agent:
    phrase: str
    sector: str
    type: str = "noun"  # noun | title
    role: str | None = None
    code: str | None = None  # an imported dictionary's code part ("GOVFRM"); else the sector
    prefix: bool = False  # "[NGO~]": the code goes before the actor's code
    source: str = "agents.tsv"


@dataclass(frozen=True)
class DatedCode:
    code: str
    start: date | None = None
    end: date | None = None

    def holds_on(self, day: date) -> bool:
        if self.start and day < self.start:
            return False
        return not (self.end and day >= self.end)


@dataclass(frozen=True)
class DictActor:
    """An actor from an imported CAMEO/PETRARCH dictionary: phrases and (dated) codes."""

    key: str  # unique within the knowledge base: root phrase and where it was read
    phrase: str
    synonyms: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()  # phrases whose last word also matches longer words
    code: str | None = None
    dated: tuple[DatedCode, ...] = ()
    source: str = ""  # file:line of the root phrase

    def code_on(self, day: date | None) -> str | None:
        """The code as of ``day``: the first dated code covering it, else the undated one."""
        if day is not None:
            for dc in self.dated:
                if dc.holds_on(day):
                    return dc.code
        elif self.code is None:
            open_ended = [dc for dc in self.dated if dc.end is None]
            return open_ended[-1].code if open_ended else None
        return self.code


@dataclass(frozen=True)
class Role:
    office: str
    country: str | None
    org: str | None
    sector: str | None
    start: date | None
    end: date | None
    code: str | None = None

    def holds_on(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        if self.start and day < self.start:
            return False
        return not (self.end and day >= self.end)


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    def role_on(self, day: date | None) -> Role | None:
        """The role held on ``day``; the latest role when none is dated to cover it."""
        held = [r for r in self.roles if r.holds_on(day)]
        if held:
            # of two posts held at once, the one taken up last is the one news names
            return max(held, key=lambda r: r.start or date.min)
        if not self.roles:
            return None
        if day is None:
            return self.roles[-1]
        before = [r for r in self.roles if r.start is None or r.start <= day]
        return before[-1] if before else self.roles[0]


@dataclass(frozen=True)
class PlaceEntry:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """What a phrase can stand for. ``kind`` says which table ``ref`` points into."""

    kind: str  # country | demonym | capital | seat | org | org_generic | agent | title | person
    #            | place | dictionary
    ref: str
    phrase: str


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    orgs: dict[str, Organization] = field(default_factory=dict)
    agents: dict[str, Agent] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    places: dict[str, PlaceEntry] = field(default_factory=dict)
    dict_actors: dict[str, DictActor] = field(default_factory=dict)
    dict_countries: set[str] = field(default_factory=set)  # bare 3-letter dictionary codes
    # (table, key) -> the file it was read from, for ``dyad kb show``
    origins: dict[tuple[str, str], str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    _index: dict[str, list[Entry]] | None = None
    _stems: dict[str, list[Entry]] | None = None
    _firsts: frozenset[str] | None = None
    _surnames: dict[str, list[Person]] | None = None

    def index(self) -> dict[str, list[Entry]]:
        """Lower-cased phrase -> what it can stand for, most specific first."""
        if self._index is None:
            idx: dict[str, list[Entry]] = {}

            def add(phrase: str, kind: str, ref: str) -> None:
                key = normalize(phrase)
                if key:
                    idx.setdefault(key, []).append(Entry(kind, ref, phrase))

            for p in self.people.values():
                for n in (p.name, *p.aliases):
                    add(n, "person", p.name)
            for o in self.orgs.values():
                for n in (o.acronym, o.name, *o.aliases):
                    add(n, "org", o.acronym)
                for n in o.generic:
                    add(n, "org_generic", o.acronym)
            for c in self.countries.values():
                for n in (c.name, *c.aliases):
                    add(n, "country", c.iso3)
                for n in c.demonyms:
                    add(n, "demonym", c.iso3)
                for n in c.capitals:
                    add(n, "capital", c.iso3)
                for n in c.seats:
                    add(n, "seat", c.iso3)
            for a in self.agents.values():
                add(a.phrase, "title" if a.type == "title" else "agent", a.phrase)
            for pl in self.places.values():
                for n in (pl.name, *pl.aliases):
                    add(n, "place", pl.name)
            for n in UNIVERSAL_GENERICS:
                add(n, "org_generic", "*")
            stems: dict[str, list[Entry]] = {}
            for d in self.dict_actors.values():
                for n in (d.phrase, *d.synonyms):
                    add(n, "dictionary", d.key)
                for n in d.stems:
                    stems.setdefault(normalize(n), []).append(Entry("dictionary", d.key, n))
            self._index, self._stems = idx, stems
        return self._index

    def first_words(self) -> frozenset[str]:
        """The first word-run of every phrase: a token starting none of them starts no
        match, so most tokens need no lookup at all."""
        if self._firsts is None:
            self._firsts = frozenset(first_word(k) for k in self.index())
        return self._firsts

    def stem_index(self) -> dict[str, list[Entry]]:
        """Dictionary phrases whose last word is a stem ("Argentin"), for prefix matching."""
        if self._stems is None:
            self.index()
        return self._stems or {}

    def by_surname(self, surname: str) -> list[Person]:
        """People whose name ends with this word ("Bush"), for a titled mention of one."""
        if self._surnames is None:
            table: dict[str, list[Person]] = {}
            for p in self.people.values():
                words = normalize(p.name).split()
                if len(words) > 1:
                    table.setdefault(words[-1], []).append(p)
            self._surnames = table
        return self._surnames.get(normalize(surname), [])

    def country_of_code(self, code: str | None) -> str | None:
        """The country in a composite code: its first three letters, when they name one."""
        if not code or len(code) < 3:
            return None
        head = code[:3].upper()
        if head in NON_STATE_PREFIXES:
            return None
        if head in self.countries or head in self.dict_countries:
            return head
        return None

    def lookup(self, phrase: str) -> list[Entry]:
        return self.index().get(normalize(phrase), [])

    def place_by_name(self, name: str) -> PlaceEntry | None:
        for e in self.lookup(name):
            if e.kind == "place":
                return self.places[e.ref]
        return None


_WORD = re.compile(r"\w+")


def first_word(text: str) -> str:
    """The first run of word characters, lower-cased ("U.S." -> "u")."""
    m = _WORD.search(text.lower())
    return m.group(0) if m else ""


def normalize(phrase: str) -> str:
    """Key for a phrase: lower case, curly apostrophes straightened, "_" and spaces collapsed."""
    # "_" joins words in dictionaries and in some copy ("Dol_Amroth")
    return " ".join(phrase.replace("’", "'").replace("‘", "'").replace("_", " ").lower().split())


def _split(cell: str | None) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(s.strip() for s in cell.split("|") if s.strip())


def _rows(path: Path | Any) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def _yaml(text: str) -> Any:
    """YAML through the C loader when PyYAML has it (people.yaml loads 5x faster).

    A file written as JSON (which is YAML too: ``dyad kb import-cameo --out x.json``)
    is read by the JSON parser, some 20 times faster for large imported dictionaries.
    """
    if text.lstrip()[:1] == "{":
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass  # YAML flow style that is not strict JSON
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _date(value: Any) -> date | None:
    if value in (None, "", "null"):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _load_countries(kb: KnowledgeBase, path: Any) -> None:
    for row in _rows(path):
        iso3 = row["iso3"].strip()
        kb.countries[iso3] = Country(
            iso3=iso3,
            name=row["name"].strip(),
            aliases=_split(row.get("aliases")),
            demonyms=_split(row.get("demonyms")),
            capitals=_split(row.get("capitals")),
            seats=_split(row.get("seats")),
            status=(row.get("status") or "member").strip(),
            parent=(row.get("parent") or "").strip() or None,
        )


def _load_agents(kb: KnowledgeBase, path: Any) -> None:
    for row in _rows(path):
        phrase = row["phrase"].strip()
        kb.origins[("agent", normalize(phrase))] = "agents.tsv"
        kb.agents[normalize(phrase)] = Agent(
            phrase=phrase,
            sector=row["sector"].strip(),
            type=(row.get("type") or "noun").strip(),
            role=(row.get("role") or "").strip() or None,
        )


def _load_places(kb: KnowledgeBase, path: Any) -> None:
    for row in _rows(path):
        name = row["name"].strip()
        kb.places[name] = PlaceEntry(
            name=name,
            country=(row.get("country") or "").strip() or None,
            lat=float(row["lat"]) if row.get("lat") else None,
            lon=float(row["lon"]) if row.get("lon") else None,
            feature=(row.get("feature") or "city").strip(),
            aliases=_split(row.get("aliases")),
        )


def _load_orgs(kb: KnowledgeBase, items: Iterable[dict[str, Any]],
               origin: str = "organizations.yaml") -> None:
    for it in items:
        acr = str(it["acronym"])
        kb.origins[("org", acr)] = origin
        kb.orgs[acr] = Organization(
            acronym=acr,
            name=str(it["name"]),
            aliases=tuple(it.get("aliases") or ()),
            generic=tuple(it.get("generic") or ()),
            kind=str(it.get("kind") or "igo"),
            code=it.get("code"),
            sector=it.get("sector"),
            country=it.get("country"),
        )


def _load_people(kb: KnowledgeBase, items: Iterable[dict[str, Any]],
                 origin: str = "people.yaml") -> None:
    for it in items:
        kb.origins[("person", str(it["name"]))] = origin
        roles = tuple(
            Role(
                office=str(r["office"]),
                country=r.get("country"),
                org=r.get("org"),
                sector=r.get("sector"),
                start=_date(r.get("start")),
                end=_date(r.get("end")),
                code=r.get("code"),
            )
            for r in it.get("roles") or ()
        )
        kb.people[str(it["name"])] = Person(
            name=str(it["name"]), aliases=tuple(it.get("aliases") or ()), roles=roles
        )


def _load_yaml_file(kb: KnowledgeBase, path: Any) -> None:
    """A user knowledge file: a YAML mapping with any of the sections below."""
    data = _yaml(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ConfigError(Messages.E204, path=path, detail="expected a mapping of sections")
    origin = str(path)
    _load_orgs(kb, data.get("organizations") or (), origin)
    _load_people(kb, data.get("people") or (), origin)
    for c in data.get("countries") or ():
        kb.origins[("country", c["iso3"])] = origin
        kb.countries[c["iso3"]] = Country(
            iso3=c["iso3"],
            name=c["name"],
            aliases=tuple(c.get("aliases") or ()),
            demonyms=tuple(c.get("demonyms") or ()),
            capitals=tuple(c.get("capitals") or ()),
            seats=tuple(c.get("seats") or ()),
            status=c.get("status", "member"),
        )
    for a in data.get("agents") or ():
        _add_agent(kb, a, origin)
    _load_dict_actors(kb, data.get("dictionary_actors") or (), origin)


def _add_agent(kb: KnowledgeBase, a: dict[str, Any], origin: str) -> None:
    """A user agent noun, with its plurals; a built-in title keeps its type and role."""
    code = a.get("code")
    for phrase in (a["phrase"], *(a.get("plurals") or ())):
        key = normalize(str(phrase))
        old = kb.agents.get(key)
        kind = a.get("type") or (old.type if old else "noun")
        role = a.get("role") or (old.role if old else None)
        kb.agents[key] = Agent(str(phrase), str(a.get("sector") or (code or "")[:3]), kind,
                               role, code, bool(a.get("prefix")), origin)
        kb.origins[("agent", key)] = origin


def _load_dict_actors(kb: KnowledgeBase, items: Iterable[dict[str, Any]], origin: str) -> None:
    """The ``dictionary_actors`` section written by ``dyad kb import-cameo``."""
    for n, it in enumerate(items):
        phrase = str(it["phrase"])
        dated = tuple(
            DatedCode(str(d["code"]), _date(d.get("start")), _date(d.get("end")))
            for d in it.get("dated") or ()
        )
        code = it.get("code")
        if code is None and not dated:
            raise ValueError(f"dictionary actor '{phrase}' has no code")
        key = f"{phrase} [{origin}#{n}]"
        kb.dict_actors[key] = DictActor(
            key=key, phrase=phrase, synonyms=tuple(str(x) for x in it.get("synonyms") or ()),
            stems=tuple(str(x) for x in it.get("stems") or ()),
            code=str(code) if code is not None else None, dated=dated,
            source=str(it.get("source") or origin),
        )
        kb.origins[("dictionary", key)] = origin
        for c in (code, *(d.code for d in dated)):
            if c and len(str(c)) == 3 and str(c).isalpha() and str(c).isupper():
                kb.dict_countries.add(str(c))


def build_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """Read the built-in knowledge files, then each extra YAML file on top."""
    kb = KnowledgeBase()
    data = resources.files("dyad") / "data"
    try:
        _load_countries(kb, data / "countries.tsv")
        _load_agents(kb, data / "agents.tsv")
        _load_places(kb, data / "places.tsv")
        _load_orgs(kb, _yaml((data / "organizations.yaml").read_text("utf-8")) or ())
        _load_people(kb, _yaml((data / "people.yaml").read_text("utf-8")) or ())
    except (KeyError, ValueError, yaml.YAMLError) as exc:
        raise ConfigError(Messages.E204, path=data, detail=str(exc)) from exc
    kb.sources.append("built-in")
    for p in extra:
        path = Path(p)
        try:
            _load_yaml_file(kb, path)
        except (OSError, KeyError, ValueError, yaml.YAMLError) as exc:
            raise ConfigError(Messages.E204, path=path, detail=str(exc)) from exc
        kb.sources.append(str(path))
    return kb


_CACHE: dict[tuple[str, ...], KnowledgeBase] = {}
_LOCK = threading.Lock()


def load_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The knowledge base for these extra files, loaded once per process."""
    key = tuple(str(p) for p in extra)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = build_kb(key)
        return _CACHE[key]
