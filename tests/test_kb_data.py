"""The built-in knowledge files: they load, keep their schema, and agree with each other.

The loader keeps the last row of a duplicated key without a word, so duplicates are
checked on the raw files; everything else goes through ``build_kb``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from importlib import resources
from typing import Any

import pytest
import yaml

from dyad.actors.kb import KnowledgeBase, build_kb, normalize

# The 25 sector codes listed at the top of agents.tsv.
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "SEP", "UAF", "OPP", "PTY", "CVL", "REF",
    "MED", "BUS", "REL", "LAB", "EDU", "HLH", "CRM", "ELI", "AGR", "ENV", "NGO", "IGO",
}  # fmt: skip
STATUSES = {"member", "observer", "partial", "de_facto", "territory"}
ORG_KINDS = {"igo", "ngo", "court", "armed", "party", "company", "media"}
FEATURES = {"capital", "city", "region", "corridor", "contested", "sea", "border", "island"}
ISO3 = re.compile(r"^[A-Z]{3}$")
DATA = resources.files("dyad") / "data"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return build_kb()


def _rows(name: str) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of one TSV file, comments and blank lines left out."""
    text = (DATA / name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t")
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def _orgs() -> list[dict[str, Any]]:
    return yaml.safe_load((DATA / "organizations.yaml").read_text(encoding="utf-8"))


def _dups(keys: list[str]) -> list[str]:
    return sorted(k for k, n in Counter(keys).items() if n > 1)


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("countries.tsv", "iso3 name aliases demonyms capitals seats status parent"),
        ("agents.tsv", "phrase sector type role"),
        ("places.tsv", "name aliases country lat lon feature"),
    ],
)
def test_tsv_headers_and_cell_counts(name: str, header: str) -> None:
    fields, rows = _rows(name)
    assert fields == header.split()
    # A row with a missing or extra tab gets None values or a None key from DictReader.
    bad = [r for r in rows if None in r or None in r.values()]
    assert not bad, f"{name}: rows with the wrong number of cells: {bad[:3]}"


def test_no_duplicate_keys() -> None:
    _, countries = _rows("countries.tsv")
    _, agents = _rows("agents.tsv")
    _, places = _rows("places.tsv")
    assert _dups([r["iso3"] for r in countries]) == []
    assert _dups([normalize(r["phrase"]) for r in agents]) == []
    assert _dups([r["name"] for r in places]) == []
    assert _dups([str(o["acronym"]) for o in _orgs()]) == []
    assert _dups([str(o["code"]) for o in _orgs()]) == []


def test_countries_schema(kb: KnowledgeBase) -> None:
    for c in kb.countries.values():
        assert ISO3.match(c.iso3), c
        assert c.name, c
        assert c.status in STATUSES, c
        if c.parent is not None:
            assert c.parent in kb.countries, c
    counts = Counter(c.status for c in kb.countries.values())
    assert counts["member"] == 193
    assert counts["member"] + counts["observer"] >= 195
    for code, status, parent in [
        ("XKX", "partial", None), ("TWN", "partial", None), ("ESH", "territory", None),
        ("XNK", "de_facto", "AZE"), ("XAB", "de_facto", "GEO"), ("XSO", "de_facto", "GEO"),
        ("XTR", "de_facto", "MDA"), ("XNC", "de_facto", "CYP"), ("XSL", "de_facto", "SOM"),
        ("HKG", "territory", "CHN"), ("VAT", "observer", None), ("PSE", "observer", None),
    ]:  # fmt: skip
        assert (kb.countries[code].status, kb.countries[code].parent) == (status, parent)


def test_organizations_schema(kb: KnowledgeBase) -> None:
    assert len(kb.orgs) >= 150
    for o in kb.orgs.values():
        assert o.name and o.acronym, o
        assert o.kind in ORG_KINDS, o
        assert o.sector in SECTORS, o
        assert o.code and re.match(r"^[A-Z0-9]{3,}$", o.code), o
        assert all(isinstance(a, str) and a for a in (*o.aliases, *o.generic)), o
        if o.country is not None:
            assert o.country in kb.countries, o


def test_agents_schema(kb: KnowledgeBase) -> None:
    assert len(kb.agents) >= 120
    titles = [a for a in kb.agents.values() if a.type == "title"]
    assert len(titles) >= 60
    for a in kb.agents.values():
        assert a.sector in SECTORS, a
        assert a.type in ("noun", "title"), a
        assert (a.role is not None) == (a.type == "title"), a


def test_places_schema(kb: KnowledgeBase) -> None:
    for p in kb.places.values():
        assert p.feature in FEATURES, p
        assert p.lat is not None and -90 <= p.lat <= 90, p
        assert p.lon is not None and -180 <= p.lon <= 180, p
        if p.country is not None:
            assert p.country in kb.countries, p
    features = Counter(p.feature for p in kb.places.values())
    assert features["capital"] >= 195
    assert features["city"] >= 300


def test_every_member_state_has_a_capital_place(kb: KnowledgeBase) -> None:
    with_capital = {p.country for p in kb.places.values() if p.feature == "capital"}
    members = {c.iso3 for c in kb.countries.values() if c.status in ("member", "observer")}
    assert members - with_capital == set()


@pytest.mark.parametrize(
    ("phrase", "kind", "ref"),
    [
        ("Azeri", "demonym", "AZE"),
        ("Azerbaijanis", "demonym", "AZE"),
        ("Yerevan", "capital", "ARM"),
        ("the Kremlin", "seat", "RUS"),
        ("Downing Street", "seat", "GBR"),
        ("Republic of Armenia", "country", "ARM"),
        ("Burma", "country", "MMR"),
        ("Côte d'Ivoire", "country", "CIV"),
        ("CSTO", "org", "CSTO"),
        ("Collective Security Treaty Organization", "org", "CSTO"),
        ("the security bloc", "org_generic", "CSTO"),
        ("U.N. Security Council", "org", "UNSC"),
        ("Daesh", "org", "ISIS"),
        ("foreign ministry", "agent", "foreign ministry"),
        ("defense minister", "title", "defense minister"),
        ("Artsakh", "place", "Nagorno-Karabakh"),
        ("Khankendi", "place", "Stepanakert"),
    ],
)
def test_spot_lookups(kb: KnowledgeBase, phrase: str, kind: str, ref: str) -> None:
    found = [(e.kind, e.ref) for e in kb.lookup(phrase)]
    assert (kind, ref) in found, found


def test_foreign_ministry_is_government(kb: KnowledgeBase) -> None:
    assert kb.agents["foreign ministry"].sector == "GOV"
    assert kb.agents["secretary-general"].role == "Secretary General"
    assert kb.agents["general"].sector == "MIL"


def test_people_roles_point_at_known_codes(kb: KnowledgeBase) -> None:
    for p in kb.people.values():
        for r in p.roles:
            assert r.country is None or r.country in kb.countries, (p.name, r)
            assert r.org is None or r.org in kb.orgs, (p.name, r)
