"""``dyad kb import-cameo``: CAMEO/PETRARCH/TABARI dictionaries into dyad's knowledge format.

The snippets below are written for these tests (invented names and codes); the
real dictionaries in ../shared are only read, by the tests that skip without them.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from dyad.actors.cameo_import import parse_files, to_yaml_dict
from dyad.actors.kb import build_kb
from dyad.cli.app import main
from dyad.errors import ConfigError
from tests.conftest import shared_path

ACTORS = """\
<!-- a test dictionary
     spread over two lines -->
# a comment line
VELDORIA_  [VLD]
+VELDORIAN_
+THE_RED_COAST  # trailing comment
KASMIR PORT [VLDGOV]
OSTRAVEN  [OST] #xx 1/1/91
HALVARD_MENK_
\t[OSTGOV 19990101 - 20031231]
\t[OSTELI >040101]
\t[OSTCVL <990101]
BRANNOCH
+BRANNOCHI
\t[BRN]
TWIN_CROWNS [TCA/TCB]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
!MINST! = MINISTER, MINISTRY
TROOPS {} [~MIL] # no plural
SOLDIER [~MIL]
GOOSE_HERD {GEESE_HERDS} [~AGR]
ENVOY!PERSON! [~GOV]
!MINST!_OF_WATER [~GOVWAT]
RELIEF_AGENCY [NGO~]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_actor_entries(tmp_path: Path) -> None:
    d = parse_files([write(tmp_path, "t.actors.txt", ACTORS)])
    by = {a.phrase: a for a in d.actors}
    assert set(by) == {"Veldoria", "Kasmir Port", "Ostraven", "Halvard Menk", "Brannoch",
                       "Twin Crowns"}
    assert by["Veldoria"].synonyms == ["Veldorian", "The Red Coast"]
    assert by["Veldoria"].code == "VLD" and by["Veldoria"].stems == ["The Red Coast"]
    assert by["Brannoch"].code == "BRN" and by["Brannoch"].synonyms == ["Brannochi"]
    assert by["Halvard Menk"].code is None
    dated = [(c.code, c.start, c.end) for c in by["Halvard Menk"].dated]
    assert dated == [
        ("OSTGOV", date(1999, 1, 1), date(2004, 1, 1)),  # the range includes its last day
        ("OSTELI", date(2004, 1, 1), None),
        ("OSTCVL", None, date(1999, 1, 1)),
    ]
    assert by["Kasmir Port"].source.endswith("t.actors.txt:7")


def test_agent_entries(tmp_path: Path) -> None:
    d = parse_files([write(tmp_path, "t.agents.txt", AGENTS)])
    by = {a.phrase: a for a in d.agents}
    assert by["troops"].plurals == [] and by["troops"].code == "MIL"
    assert by["soldier"].plurals == ["soldiers"]
    assert by["goose herd"].plurals == ["geese herds"]
    assert {"envoyman", "envoymen", "envoywoman", "envoywomen"} <= set(by)
    assert by["minister of water"].code == "GOVWAT" and "ministry of water" in by
    assert by["relief agency"].prefix and by["relief agency"].code == "NGO"


@pytest.mark.parametrize("text, words", [
    ("GOOD [AAA]\nBAD_ROOT [AAA\n", "unbalanced brackets"),
    ("+ORPHAN_SYNONYM\n", "before any root"),
    ("ROOT\n\t[AAA 991301-000101]\n", "not a valid date"),
    ("ROOT\n\t[950601-990815]\n", "without a code"),
])
def test_bad_actor_lines_name_file_and_line(tmp_path: Path, text: str, words: str) -> None:
    path = write(tmp_path, "bad.actors.txt", text)
    with pytest.raises(ConfigError) as info:
        parse_files([path], kind="actors")
    msg = str(info.value)
    assert msg.startswith("E208") and str(path) in msg and words in msg


def test_bad_agent_line_and_lenient(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.agents.txt", "GOOD [~GOV]\nBROKEN [~ENV}\nNOTILDE [GOV]\n")
    with pytest.raises(ConfigError, match=r"line 2"):
        parse_files([path], kind="agents")
    d = parse_files([path], kind="agents", lenient=True)
    assert [a.phrase for a in d.agents] == ["good"]
    assert len(d.notes) == 2 and "bad.agents.txt:2" in d.notes[0]


def test_undefined_substitution_set(tmp_path: Path) -> None:
    path = write(tmp_path, "x.agents.txt", "!NOPE!_CHIEF [~GOV]\n")
    with pytest.raises(ConfigError, match="not defined"):
        parse_files([path], kind="agents")


def test_written_file_loads_into_the_kb(tmp_path: Path) -> None:
    d = parse_files([write(tmp_path, "t.actors.txt", ACTORS),
                     write(tmp_path, "t.agents.txt", AGENTS)])
    out = tmp_path / "kb.yaml"
    out.write_text(yaml.safe_dump(to_yaml_dict(d)), encoding="utf-8")
    kb = build_kb([out])
    menk = next(a for a in kb.dict_actors.values() if a.phrase == "Halvard Menk")
    assert menk.code_on(date(2003, 12, 31)) == "OSTGOV"
    assert menk.code_on(date(2004, 1, 1)) == "OSTELI"
    assert menk.code_on(date(1990, 5, 5)) == "OSTCVL"
    assert kb.country_of_code("OSTGOV") == "OST" and kb.country_of_code("NGOOST") is None
    assert kb.agents["soldiers"].code == "MIL"
    # a built-in title keeps its type when a dictionary gives it a code
    assert kb.lookup("veldorian")[0].kind == "dictionary"
    assert kb.stem_index()  # "The Red Coast" also matches "The Red Coasts"


def test_cli_import(tmp_path: Path, capsys, monkeypatch) -> None:
    src = write(tmp_path, "t.actors.txt", ACTORS)
    out = tmp_path / "out.yaml"
    monkeypatch.setattr(sys, "argv", ["dyad", "kb", "import-cameo", str(src), "--out", str(out)])
    main()  # returns normally on success
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert len(data["dictionary_actors"]) == 6
    assert "6 actors" in capsys.readouterr().err


def test_cli_import_json_loads_the_same(tmp_path: Path, monkeypatch) -> None:
    src = write(tmp_path, "t.actors.txt", ACTORS)
    out = tmp_path / "out.json"
    monkeypatch.setattr(sys, "argv", ["dyad", "kb", "import-cameo", str(src), "--out", str(out)])
    main()
    assert out.read_text(encoding="utf-8").startswith("{")
    kb = build_kb([out])
    assert len(kb.dict_actors) == 6 and kb.lookup("Kasmir Port")[0].kind == "dictionary"


def test_cli_import_bad_line_exits_1(tmp_path: Path, capsys, monkeypatch) -> None:
    src = write(tmp_path, "bad.actors.txt", "+ORPHAN\n")
    monkeypatch.setattr(sys, "argv", ["dyad", "kb", "import-cameo", str(src),
                                      "--out", str(tmp_path / "o.yaml")])
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == 1
    assert "bad.actors.txt, line 1" in capsys.readouterr().err


def test_petrarch_validation_dictionaries() -> None:
    folder = shared_path("data", "petrarch_validation")
    d = parse_files([folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"])
    assert len(d.actors) > 100 and len(d.agents) > 80 and not d.notes


def test_phoenix_dictionaries_import_leniently() -> None:
    folder = shared_path("data", "cameo_dictionaries")
    files = sorted(folder.glob("Phoenix.*.txt"))
    d = parse_files(files, lenient=True)
    assert len(d.actors) > 10000 and len(d.agents) > 1000
    assert len(d.notes) < 100, d.notes[:10]
