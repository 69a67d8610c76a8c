"""The acceptance article in ../shared/acceptance: what a careful analyst codes from it."""

from __future__ import annotations

import pytest

from dyad.eval.acceptance import score_article
from tests.conftest import shared_path


@pytest.mark.model
def test_csto_yerevan_events(coder) -> None:
    folder = shared_path("acceptance", "csto_yerevan")
    report = score_article(folder, coder)
    missed = [(m["id"], m["event"], m["evidence"][:60]) for m in report.missed]
    assert len(report.found) >= 9, f"found {report.found}; missed {missed}"


@pytest.mark.model
def test_capitals_are_never_people(coder) -> None:
    folder = shared_path("acceptance", "csto_yerevan")
    text = (folder / "article.txt").read_text(encoding="utf-8")
    result = coder(text, published="2023-03-18")
    for ev in result.events:
        for actor in ev.source + ev.target:
            if actor.text in ("Yerevan", "Baku"):
                assert actor.kind != "person", ev.to_dict()


@pytest.mark.model
def test_csto_yerevan_event_dates(coder) -> None:
    folder = shared_path("acceptance", "csto_yerevan")
    report = score_article(folder, coder)
    assert not report.misdated, report.misdated


@pytest.mark.model
def test_csto_yerevan_time_expressions(coder) -> None:
    import json

    folder = shared_path("acceptance", "csto_yerevan")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    text = (folder / "article.txt").read_text(encoding="utf-8")
    times = {t.text: t.value for t in coder(text, published=expected["published"]).times}
    for exp in expected["times"]:
        assert times.get(exp["text"]) == exp["value"], (exp, times)
