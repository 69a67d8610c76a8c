"""The TimeML evaluator: parsing, matching and scoring."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dyad.errors import DyadError
from dyad.eval.timeml import evaluate_timeml, format_timeml_report, read_timeml

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3_train"

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-03-17">x</TIMEX3></DCT>
<TEXT>
Troops <EVENT eid="e1">left</EVENT> the town
<TIMEX3 tid="t1" type="DATE" value="2023-03-16">yesterday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3> of fighting &amp; talks.
</TEXT>
</TimeML>
"""


def test_read_timeml_strips_tags_and_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "a.tml"
    path.write_text(DOC, encoding="utf-8")
    doc = read_timeml(path)
    assert str(doc.dct) == "2023-03-17"
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("yesterday", "DATE", "2023-03-16"), ("three weeks", "DURATION", "P3W")]
    for g in doc.gold:
        assert doc.text[g.start:g.end] == g.text
    assert "&amp;" not in doc.text


def test_scores_on_a_hand_built_file(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(DOC, encoding="utf-8")
    scores = evaluate_timeml(tmp_path)
    assert scores["relaxed"]["f1"] == 1.0
    assert scores["value"]["f1"] == 1.0
    assert scores["per_type"]["DURATION"]["gold"] == 1
    assert "extraction (relaxed)" in format_timeml_report(scores)


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DyadError) as err:
        evaluate_timeml(tmp_path)
    assert err.value.code == "E205"


def test_a_few_training_files(tmp_path: Path) -> None:
    if not SHARED.is_dir():
        pytest.skip("needs ../shared/data/tempeval3_train: not present")
    for path in sorted(SHARED.rglob("*.tml"))[:6]:
        shutil.copy(path, tmp_path / path.name)
    scores = evaluate_timeml(tmp_path)
    assert scores["documents"] == 6
    assert scores["relaxed"]["f1"] > 0.7
    assert scores["value"]["f1"] > 0.5
