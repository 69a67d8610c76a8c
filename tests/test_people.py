"""Checks on the built-in people file (src/dyad/data/people.yaml).

The file is read with ``kb._load_people`` into a fresh ``KnowledgeBase`` so that these
tests do not depend on the other data files loading.
"""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyad.actors import kb as kbmod
from dyad.actors.kb import KnowledgeBase, Person, normalize

DATA = resources.files("dyad") / "data"


@pytest.fixture(scope="module")
def raw() -> list[dict[str, Any]]:
    items = yaml.safe_load((DATA / "people.yaml").read_text("utf-8"))
    assert isinstance(items, list)
    return items


@pytest.fixture(scope="module")
def people(raw: list[dict[str, Any]]) -> dict[str, Person]:
    kb = KnowledgeBase()
    kbmod._load_people(kb, raw)
    return kb.people


def holders(people: dict[str, Person], office: str, where: str, day: date) -> list[str]:
    """Names of the people holding ``office`` in country or org ``where`` on ``day``."""
    return sorted(
        p.name
        for p in people.values()
        for r in p.roles
        if r.office == office and where in (r.country, r.org) and r.holds_on(day)
    )


def test_size(people: dict[str, Person]) -> None:
    assert len(people) >= 300


def test_no_duplicate_names(raw: list[dict[str, Any]]) -> None:
    names = [normalize(str(it["name"])) for it in raw]
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert not dupes


def test_no_alias_shared_by_two_people(people: dict[str, Person]) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for p in people.values():
        for n in {normalize(a) for a in (p.name, *p.aliases)}:
            if n in owner and owner[n] != p.name:
                clashes.append((n, owner[n], p.name))
            owner[n] = p.name
    assert not clashes


@pytest.mark.parametrize("bare", ["kim", "lee", "khan", "park", "wang", "li", "ali", "abbas"])
def test_ambiguous_bare_surnames_not_aliases(people: dict[str, Person], bare: str) -> None:
    users = [p.name for p in people.values() if bare in {normalize(a) for a in p.aliases}]
    assert not users


def test_every_person_has_roles(people: dict[str, Person]) -> None:
    assert not [p.name for p in people.values() if not p.roles]


def test_roles_well_formed(people: dict[str, Person]) -> None:
    bad = []
    for p in people.values():
        for r in p.roles:
            if not (r.country or r.org):
                bad.append((p.name, r.office, "no country or org"))
            if r.country and not re.fullmatch(r"[A-Z]{3}", r.country):
                bad.append((p.name, r.office, f"country {r.country!r}"))
            if r.start and r.end and not r.start < r.end:
                bad.append((p.name, r.office, "start not before end"))
            if r.end and r.end > date(2027, 1, 1):
                bad.append((p.name, r.office, "end in the future"))
            if not r.office.strip():
                bad.append((p.name, r.office, "empty office"))
    assert not bad


def test_roles_in_chronological_order(people: dict[str, Person]) -> None:
    bad = []
    for p in people.values():
        starts = [r.start for r in p.roles if r.start is not None]
        if starts != sorted(starts):
            bad.append(p.name)
    assert not bad


WHO_HELD = [
    ("President", "USA", date(2019, 6, 1), "Donald Trump"),
    ("President", "USA", date(2022, 6, 1), "Joe Biden"),
    ("President", "USA", date(2025, 6, 1), "Donald Trump"),
    ("Prime Minister", "GBR", date(2016, 1, 1), "David Cameron"),
    ("Prime Minister", "GBR", date(2022, 10, 1), "Liz Truss"),
    ("Chancellor", "DEU", date(2020, 1, 1), "Angela Merkel"),
    ("Chancellor", "DEU", date(2023, 1, 1), "Olaf Scholz"),
    ("Prime Minister", "ARM", date(2017, 1, 1), "Karen Karapetyan"),
    ("Prime Minister", "ARM", date(2020, 1, 1), "Nikol Pashinyan"),
    ("Foreign Minister", "ARM", date(2019, 1, 1), "Zohrab Mnatsakanyan"),
    ("Foreign Minister", "ARM", date(2022, 1, 1), "Ararat Mirzoyan"),
    ("Secretary General", "CSTO", date(2021, 1, 1), "Stanislav Zas"),
    ("Secretary General", "CSTO", date(2024, 1, 1), "Imangali Tasmagambetov"),
    ("President", "UKR", date(2018, 1, 1), "Petro Poroshenko"),
    ("President", "UKR", date(2022, 3, 1), "Volodymyr Zelensky"),
    ("Defence Minister", "RUS", date(2020, 1, 1), "Sergei Shoigu"),
    ("Defence Minister", "RUS", date(2025, 1, 1), "Andrei Belousov"),
    ("Prime Minister", "ISR", date(2021, 9, 1), "Naftali Bennett"),
    ("Prime Minister", "ISR", date(2024, 1, 1), "Benjamin Netanyahu"),
    ("Secretary-General of Hezbollah", "Hezbollah", date(2020, 1, 1), "Hassan Nasrallah"),
    ("Secretary-General of Hezbollah", "Hezbollah", date(2025, 1, 1), "Naim Qassem"),
    ("President", "SYR", date(2020, 1, 1), "Bashar al-Assad"),
    ("President", "SYR", date(2025, 6, 1), "Ahmed al-Sharaa"),
    ("Foreign Minister", "IRN", date(2019, 1, 1), "Mohammad Javad Zarif"),
    ("Foreign Minister", "IRN", date(2025, 1, 1), "Abbas Araghchi"),
    ("Secretary General", "NATO", date(2020, 1, 1), "Jens Stoltenberg"),
    ("Secretary General", "NATO", date(2025, 1, 1), "Mark Rutte"),
    ("Secretary-General", "UN", date(2016, 1, 1), "Ban Ki-moon"),
    ("Secretary-General", "UN", date(2020, 1, 1), "António Guterres"),
    ("Prime Minister", "JPN", date(2019, 1, 1), "Shinzo Abe"),
    ("Prime Minister", "JPN", date(2022, 1, 1), "Fumio Kishida"),
    ("President", "KOR", date(2020, 1, 1), "Moon Jae-in"),
    ("President", "KOR", date(2023, 1, 1), "Yoon Suk Yeol"),
    ("Prime Minister", "ITA", date(2020, 1, 1), "Giuseppe Conte"),
    ("Prime Minister", "ITA", date(2023, 1, 1), "Giorgia Meloni"),
    ("President", "BFA", date(2022, 6, 1), "Paul-Henri Sandaogo Damiba"),
    ("President", "BFA", date(2023, 6, 1), "Ibrahim Traoré"),
    ("President of the European Commission", "EU", date(2018, 1, 1), "Jean-Claude Juncker"),
    ("President of the European Commission", "EU", date(2021, 1, 1), "Ursula von der Leyen"),
]


@pytest.mark.parametrize(("office", "where", "day", "expected"), WHO_HELD)
def test_who_held_office(
    people: dict[str, Person], office: str, where: str, day: date, expected: str
) -> None:
    assert holders(people, office, where, day) == [expected]


ROLE_ON = [
    ("Ararat Mirzoyan", date(2020, 1, 1), "Speaker of the National Assembly", "ARM"),
    ("Ararat Mirzoyan", date(2022, 1, 1), "Foreign Minister", "ARM"),
    ("Ursula von der Leyen", date(2018, 1, 1), "Defence Minister", "DEU"),
    ("Ursula von der Leyen", date(2020, 6, 1), "President of the European Commission", "EU"),
    ("Imangali Tasmagambetov", date(2015, 6, 1), "Defence Minister", "KAZ"),
    ("Imangali Tasmagambetov", date(2024, 6, 1), "Secretary General", "CSTO"),
    ("Hibatullah Akhundzada", date(2019, 1, 1), "Leader of the Taliban", "Taliban"),
    ("Hibatullah Akhundzada", date(2023, 1, 1), "Supreme Leader", "AFG"),
    ("Nikol Pashinyan", date(2021, 6, 1), "Prime Minister", "ARM"),
    ("Nikol Pashinyan", None, "Prime Minister", "ARM"),
]


@pytest.mark.parametrize(("name", "day", "office", "where"), ROLE_ON)
def test_role_on(
    people: dict[str, Person], name: str, day: date | None, office: str, where: str
) -> None:
    role = people[name].role_on(day)
    assert role is not None
    assert role.office == office
    assert where in (role.country, role.org)


def test_aliases_resolve_through_index(people: dict[str, Person]) -> None:
    kb = KnowledgeBase(people=dict(people))
    for phrase, name in [
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Erdoğan", "Recep Tayyip Erdoğan"),
        ("Hemedti", "Mohamed Hamdan Dagalo"),
        ("Jolani", "Ahmed al-Sharaa"),
    ]:
        assert [e.ref for e in kb.lookup(phrase) if e.kind == "person"] == [name]


def _other_tables() -> KnowledgeBase:
    """Countries and organizations from the sibling data files, or skip when they do not load."""
    kb = KnowledgeBase()
    try:
        kbmod._load_countries(kb, Path(str(DATA / "countries.tsv")))
        kbmod._load_orgs(kb, yaml.safe_load((DATA / "organizations.yaml").read_text("utf-8")) or ())
    except (OSError, KeyError, ValueError, yaml.YAMLError) as exc:
        pytest.skip(f"countries.tsv or organizations.yaml not loadable: {exc}")
    return kb


def test_codes_exist_in_sibling_tables(people: dict[str, Person]) -> None:
    kb = _other_tables()
    missing = sorted(
        {
            (r.country or "", r.org or "")
            for p in people.values()
            for r in p.roles
            if (r.country and r.country not in kb.countries) or (r.org and r.org not in kb.orgs)
        }
    )
    assert not missing
