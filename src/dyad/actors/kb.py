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
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import ConfigError, Messages


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

    kind: str  # country | demonym | capital | seat | org | org_generic | agent | title | person | place
    ref: str
    phrase: str


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    orgs: dict[str, Organization] = field(default_factory=dict)
    agents: dict[str, Agent] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    places: dict[str, PlaceEntry] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    _index: dict[str, list[Entry]] | None = None

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
            self._index = idx
        return self._index

    def lookup(self, phrase: str) -> list[Entry]:
        return self.index().get(normalize(phrase), [])

    def place_by_name(self, name: str) -> PlaceEntry | None:
        for e in self.lookup(name):
            if e.kind == "place":
                return self.places[e.ref]
        return None


def normalize(phrase: str) -> str:
    """Key for a phrase: lower case, curly apostrophes straightened, spaces collapsed."""
    return " ".join(phrase.replace("’", "'").replace("‘", "'").lower().split())


def _split(cell: str | None) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(s.strip() for s in cell.split("|") if s.strip())


def _rows(path: Path | Any) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


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


def _load_orgs(kb: KnowledgeBase, items: Iterable[dict[str, Any]]) -> None:
    for it in items:
        acr = str(it["acronym"])
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


def _load_people(kb: KnowledgeBase, items: Iterable[dict[str, Any]]) -> None:
    for it in items:
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
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ConfigError(Messages.E204, path=path, detail="expected a mapping of sections")
    _load_orgs(kb, data.get("organizations") or ())
    _load_people(kb, data.get("people") or ())
    for c in data.get("countries") or ():
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
        kb.agents[normalize(a["phrase"])] = Agent(
            a["phrase"], a["sector"], a.get("type", "noun"), a.get("role")
        )


def build_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """Read the built-in knowledge files, then each extra YAML file on top."""
    kb = KnowledgeBase()
    data = resources.files("dyad") / "data"
    try:
        _load_countries(kb, data / "countries.tsv")
        _load_agents(kb, data / "agents.tsv")
        _load_places(kb, data / "places.tsv")
        _load_orgs(kb, yaml.safe_load((data / "organizations.yaml").read_text("utf-8")) or ())
        _load_people(kb, yaml.safe_load((data / "people.yaml").read_text("utf-8")) or ())
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
