"""Composite codes from an imported dictionary, through the whole pipeline.

The dictionary is written for this test (invented actors and codes); the figure on
PETRARCH's own validation records is checked when ../shared is present.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import dyad
from dyad.actors.cameo_import import parse_files, to_yaml_dict
from dyad.config import Settings
from tests.conftest import shared_path

ACTORS = """\
VELDORIA_ [VLD]
+VELDORIAN_
OSTRAVEN_ [OST]
HALVARD_MENK_
\t[OSTCVL <19990101]
\t[OSTGOV 19990101-20031231]
\t[OSTELI >20040101]
"""
AGENTS = """\
TROOPS {} [~MIL]
GOVERNMENT [~GOV]
FOREIGN_MINISTER [~GOVFRM]
RELIEF_AGENCY [NGO~]
"""


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    tmp = tmp_path_factory.mktemp("dict")
    (tmp / "a.txt").write_text(ACTORS, encoding="utf-8")
    (tmp / "g.txt").write_text(AGENTS, encoding="utf-8")
    d = parse_files([tmp / "a.txt"], kind="actors")
    g = parse_files([tmp / "g.txt"], kind="agents")
    d.agents = g.agents
    out = tmp / "kb.yaml"
    out.write_text(yaml.safe_dump(to_yaml_dict(d)), encoding="utf-8")
    return Settings(kb_files=(str(out),))


def _codes(text: str, published: str, settings: Settings) -> dict[str, tuple]:
    result = dyad.code(text, published=published, settings=settings)
    return {a.text: (a.code, a.country) for a in result.actors}


@pytest.mark.model
def test_person_code_as_of_the_date(settings: Settings) -> None:
    text = "Halvard Menk criticized Veldoria on Tuesday."
    assert _codes(text, "2001-06-01", settings)["Halvard Menk"] == ("OSTGOV", "OST")
    assert _codes(text, "2005-06-01", settings)["Halvard Menk"] == ("OSTELI", "OST")
    assert _codes(text, "1995-06-01", settings)["Halvard Menk"] == ("OSTCVL", "OST")
    assert _codes(text, "2001-06-01", settings)["Veldoria"] == ("VLD", "VLD")


@pytest.mark.model
def test_agent_nouns_add_their_code(settings: Settings) -> None:
    codes = _codes("Veldorian troops shelled Ostraven's government buildings. "
                   "Ostraven's foreign minister condemned Veldoria.", "2001-06-01", settings)
    assert codes["Veldorian troops"] == ("VLDMIL", "VLD")
    assert codes["Ostraven's foreign minister"] == ("OSTGOVFRM", "OST")


@pytest.mark.model
def test_builtin_path_unchanged_without_dictionary() -> None:
    result = dyad.code("Armenian troops shelled Azerbaijani villages.", published="2023-03-18")
    assert any(a.code == "ARMMIL" and a.country == "ARM" for a in result.actors)


@pytest.mark.model
def test_petrarch_validation_actor_codes(tmp_path: Path) -> None:
    from dyad.eval.petrarch import evaluate_petrarch

    folder = shared_path("data", "petrarch_validation")
    d = parse_files([folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"])
    kb = tmp_path / "petr.yaml"
    kb.write_text(yaml.safe_dump(to_yaml_dict(d)), encoding="utf-8")
    report = evaluate_petrarch(folder / "records.jsonl", (str(kb),))
    assert report.scored > 300
    assert report.actors_ok / report.scored >= 0.90
