"""Every actor the analyst lists for the acceptance article resolves as listed,
including coreference ("the security bloc", "the group") and capitals used for
governments ("faulted Yerevan", "Baku's rhetoric") versus places ("visiting Yerevan")."""

from __future__ import annotations

import json

import pytest

from dyad.records import Actor
from tests.conftest import shared_path


def _norm(text: str) -> str:
    text = text.replace("’", "'")
    return text[4:] if text.lower().startswith("the ") else text


@pytest.fixture(scope="module")
def coded(coder):
    folder = shared_path("acceptance", "csto_yerevan")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    text = (folder / "article.txt").read_text(encoding="utf-8")
    return expected, text, coder(text, published=expected["published"])


def _fits(a: Actor, exp: dict) -> bool:
    return all(getattr(a, k) == exp[k] for k in ("country", "org", "sector") if k in exp) and (
        "role" not in exp or (a.role or "").lower() == exp["role"].lower())


@pytest.mark.model
def test_every_listed_actor_resolves(coded) -> None:
    expected, _, result = coded
    missing = []
    for exp in expected["actors"]:
        want = _norm(exp["text"])
        hits = [a for a in result.actors if _norm(a.text).endswith(want)]
        if not hits or not all(_fits(a, exp) for a in hits):
            missing.append((exp["text"], [(a.text, a.country, a.org, a.sector, a.role)
                                          for a in hits]))
    assert not missing, missing


@pytest.mark.model
def test_capital_as_government_and_as_place(coded) -> None:
    _, text, result = coded
    visiting = text.index("visiting Yerevan") + len("visiting ")
    faulted = text.index("faulted Yerevan") + len("faulted ")
    baku = text.index("Baku")
    by_start = {a.start: a for a in result.actors}
    assert visiting not in by_start, "a capital that is visited is a place, not an actor"
    assert any(p.start == visiting and p.country == "ARM" for p in result.places)
    assert (by_start[faulted].country, by_start[faulted].sector) == ("ARM", "GOV")
    assert (by_start[baku].country, by_start[baku].sector) == ("AZE", "GOV")
    assert by_start[baku].kind != "person"


@pytest.mark.model
def test_later_mentions_are_the_same_people(coded) -> None:
    _, _, result = coded
    roles = {(a.text, a.country, a.org, a.role) for a in result.actors if a.kind == "person"}
    assert ("Grigoryan", "ARM", None, "National Security Chief") in roles
    assert ("Tasmagambetov", None, "CSTO", "Secretary General") in roles
    assert ("foreign minister", "ARM", None, "Foreign Minister") in roles
