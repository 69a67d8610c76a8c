"""A titled surname alone ("President Bush") takes the country every namesake in the
knowledge base held office for; an ambiguous one stays without a country."""

from __future__ import annotations

import pytest

import dyad


@pytest.mark.model
def test_titled_surname_shared_by_one_country() -> None:
    result = dyad.code("President Bush threatened further action against Russia.",
                       published="2000-01-01")
    bush = next(a for a in result.actors if a.text == "President Bush")
    assert (bush.country, bush.sector, bush.code) == ("USA", "GOV", "USAGOV")


@pytest.mark.model
def test_unknown_titled_name_gets_no_country() -> None:
    result = dyad.code("President Zorvath Quellan threatened further action against Russia.",
                       published="2000-01-01")
    actor = next(a for a in result.actors if "Quellan" in a.text)
    assert actor.country is None and actor.role == "President"
