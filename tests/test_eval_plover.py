"""Tests for the PLOVER GSR evaluation: gold reading, event selection, actor and type scores."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import ConfigError
from dyad.eval.gsr_gold import evt_spans, load_gold, map_label, parse_markup
from dyad.eval.plover_gsr import (
    evaluate_plover_gsr,
    format_plover_report,
    macro_f1,
    per_type_scores,
    report_to_json,
)
from dyad.records import Actor, Article, ArticleResult, Event, Span

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover_gsr" / "dev.jsonl"


def gold(
    ident: str,
    text: str,
    event: str,
    markup: str,
    source: Any,
    target: Any = "__absent__",
) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": ident, "text": text, "event": event, "source": source}
    if target != "__absent__":
        rec["target"] = target
    rec["textInfo"] = {"markup": markup}
    return rec


def write(tmp_path: Path, records: list[dict[str, Any]]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def actor(country: str | None = None, org: str | None = None) -> Actor:
    return Actor(text=org or country or "?", start=0, end=1, country=country, org=org)


def event(
    text: str,
    kind: str,
    trigger: str,
    source: list[Actor] | None = None,
    target: list[Actor] | None = None,
    confidence: float = 0.5,
) -> Event:
    start = text.index(trigger)
    return Event(
        id=f"e-{kind}-{trigger}",
        article_id="t",
        sentence=0,
        text=text,
        event=kind,
        cameo=None,
        mode=None,
        context=[],
        quad=0,
        negated=False,
        modality="asserted",
        source=source or [],
        target=target or [],
        date=None,
        date_source="none",
        location=None,
        trigger=Span(trigger, start, start + len(trigger)),
        confidence=confidence,
    )


def fake_coder(table: dict[str, list[Event]]) -> Callable[[str], ArticleResult]:
    def run(text: str) -> ArticleResult:
        return ArticleResult(article=Article(id="t", text=text), events=table.get(text, []))

    return run


S1 = "Ruritania urged Freedonia to release the detained sailors."
S2 = "Freedonia and Ruritania signed a border treaty on Monday."
S3 = "The United Nations condemned the shelling of the port by Ruritania."
S4 = "Ruritanian troops shelled villages near the Freedonian border."


def small_gold() -> list[dict[str, Any]]:
    return [
        gold("G-DEMAND-1", S1, "DEMAND",
             "(SRC: Ruritania) (EVT: urged) (TAR: Freedonia) to release the detained sailors.",
             [{"actorText": "Ruritania", "code": "RUR"}],
             [{"actorText": "Freedonia", "code": "FRE"}]),
        gold("G-AGREE-1", S2, "AGREE",
             "(SRC/TAR: Freedonia) and (SRC/TAR: Ruritania) (EVT: signed) a border treaty.",
             [{"actorText": "Freedonia", "code": "FRE"},
              {"actorText": "Ruritania", "code": "RUR"}], ""),
        gold("G-DISAPPROVE-1", S3, "DISAPPROVE",
             "The (SRC: United Nations) (EVT:condemned) the shelling of the port by "
             "(TAR: Ruritania).",
             [{"actorText": "United Nations", "code": "IGO"}],
             "diplomatic"),
        gold("G-FIGHT-1", S4, "FIGHT",
             "(SRC: Ruritanian troops) (EVT: shelled) villages near the Freedonian border.",
             [{"actorText": "Ruritanian troops", "code": "RUR", "sector": "MIL"}]),
    ]  # fmt: skip


def test_label_mapping_to_current_types() -> None:
    assert map_label("DEMAND") == "REQUEST"
    assert map_label("DISAPPROVE") == "ACCUSE"
    assert map_label("INVESTIGATE") == "ACCUSE"
    assert map_label("FIGHT") == "ASSAULT"
    assert map_label("agree") == "AGREE"
    assert map_label(None) is None


def test_markup_nested_literal_and_unspaced_tags() -> None:
    plain, spans = parse_markup("(SRC: Police (LOC: in Oz)) (EVT:seized) guns (WFP) here")
    assert plain == "Police in Oz seized guns (WFP) here"
    found = {(min(s.roles), plain[s.start : s.end]) for s in spans}
    assert found == {("SRC", "Police in Oz"), ("LOC", "in Oz"), ("EVT", "seized")}


def test_evt_spans_tolerate_whitespace_and_edited_words() -> None:
    text = "Oz  and Ix have agreed to talks"
    spans = evt_spans("(SRC/TAR: Oz) and Ix have (EVT: agreed   to) talks", text)
    assert [text[s:e] for s, e in spans] == ["agreed to"]
    # The markup says "this", the text "the": the EVT word is still found.
    text2 = "They met on the island and signed a pact."
    spans2 = evt_spans("They met on this island and (EVT: signed) a pact.", text2)
    assert [text2[s:e] for s, e in spans2] == ["signed"]


def test_quirky_targets_are_read_as_empty(tmp_path: Path) -> None:
    records, skipped = load_gold(write(tmp_path, small_gold()))
    assert skipped == []
    by_id = {r.id: r for r in records}
    assert by_id["G-AGREE-1"].target == []
    assert by_id["G-DISAPPROVE-1"].target == []  # the stray string "diplomatic"
    assert by_id["G-FIGHT-1"].target == []  # missing
    assert by_id["G-AGREE-1"].reciprocal
    assert not by_id["G-DEMAND-1"].reciprocal


def test_repeated_id_and_text_is_skipped_and_empty_file_fails(tmp_path: Path) -> None:
    rec = small_gold()[0]
    records, skipped = load_gold(write(tmp_path, [rec, rec]))
    assert len(records) == 1 and skipped[0]["reason"].startswith("repeats")
    with pytest.raises(ConfigError) as err:
        load_gold(write(tmp_path, [{"id": "x", "event": "AGREE"}]))
    assert err.value.code == "E205"


def test_event_overlapping_evt_word_is_scored(tmp_path: Path) -> None:
    # A more confident wrong event elsewhere must not win over the one on the EVT word.
    coder = fake_coder({S1: [
        event(S1, "COERCE", "detained", confidence=0.9),
        event(S1, "REQUEST", "urged", [actor("RUR")], [actor("FRE")], confidence=0.4),
    ]})  # fmt: skip
    report = evaluate_plover_gsr(write(tmp_path, small_gold()[:1]), coder)
    (out,) = report.outcomes
    assert out.selected_by == "trigger" and out.predicted == "REQUEST" and out.correct
    assert out.source_any and out.target_any and out.target_all


def test_type_then_confidence_fallbacks(tmp_path: Path) -> None:
    path = write(tmp_path, small_gold()[:1])
    by_type = fake_coder({S1: [
        event(S1, "COERCE", "release", confidence=0.9),
        event(S1, "REQUEST", "sailors", confidence=0.2),
    ]})  # fmt: skip
    assert evaluate_plover_gsr(path, by_type).outcomes[0].selected_by == "type"
    by_conf = fake_coder({S1: [
        event(S1, "COERCE", "release", confidence=0.3),
        event(S1, "ASSAULT", "sailors", confidence=0.8),
    ]})  # fmt: skip
    out = evaluate_plover_gsr(path, by_conf).outcomes[0]
    assert (out.selected_by, out.predicted, out.correct) == ("confidence", "ASSAULT", False)


def test_reciprocal_gold_accepts_either_predicted_side(tmp_path: Path) -> None:
    path = write(tmp_path, small_gold()[1:2])
    one_each = fake_coder({S2: [event(S2, "AGREE", "signed", [actor("FRE")], [actor("RUR")])]})
    out = evaluate_plover_gsr(path, one_each).outcomes[0]
    assert out.source_any and out.source_all  # RUR found among the predicted targets
    assert out.target_any is None  # empty gold target is not scored
    only_target = fake_coder({S2: [event(S2, "AGREE", "signed", [], [actor("RUR")])]})
    out = evaluate_plover_gsr(path, only_target).outcomes[0]
    assert out.source_any and not out.source_all


def test_non_reciprocal_gold_keeps_sides_apart(tmp_path: Path) -> None:
    swapped = fake_coder({S1: [event(S1, "REQUEST", "urged", [actor("FRE")], [actor("RUR")])]})
    out = evaluate_plover_gsr(write(tmp_path, small_gold()[:1]), swapped).outcomes[0]
    assert out.source_any is False and out.target_any is False


def test_igo_gold_matches_any_organization(tmp_path: Path) -> None:
    path = write(tmp_path, small_gold()[2:3])
    with_org = fake_coder({S3: [event(S3, "ACCUSE", "condemned", [actor(org="UN")])]})
    out = evaluate_plover_gsr(path, with_org).outcomes[0]
    assert out.correct and out.source_any and out.target_any is None
    state_only = fake_coder({S3: [event(S3, "ACCUSE", "condemned", [actor("RUR")])]})
    assert evaluate_plover_gsr(path, state_only).outcomes[0].source_any is False


def test_legacy_country_code_is_normalised(tmp_path: Path) -> None:
    text = "Japan recalled its ambassador from Ruritania."
    rec = gold("G-RETREAT-1", text, "RETREAT", "(SRC: Japan) (EVT: recalled) its ambassador",
               [{"actorText": "Japan", "code": "JAP"}])  # fmt: skip
    coder = fake_coder({text: [event(text, "RETREAT", "recalled", [actor("JPN")])]})
    assert evaluate_plover_gsr(write(tmp_path, [rec]), coder).outcomes[0].source_all


def test_macro_f1_and_confusion_on_a_known_case(tmp_path: Path) -> None:
    # Gold: REQUEST, AGREE, ACCUSE, ASSAULT. Predicted: REQUEST, REQUEST, ACCUSE, none.
    coder = fake_coder({
        S1: [event(S1, "REQUEST", "urged")],
        S2: [event(S2, "REQUEST", "signed")],
        S3: [event(S3, "ACCUSE", "condemned")],
    })  # fmt: skip
    report = evaluate_plover_gsr(write(tmp_path, small_gold()), coder)
    per_type = per_type_scores(report.outcomes)
    assert per_type["REQUEST"]["precision"] == 0.5 and per_type["REQUEST"]["recall"] == 1.0
    assert per_type["REQUEST"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert per_type["ACCUSE"]["f1"] == 1.0
    assert per_type["AGREE"]["f1"] == 0.0 and per_type["ASSAULT"]["f1"] == 0.0
    # Four types occur; the other twelve do not count toward the mean.
    assert macro_f1(per_type) == pytest.approx((2 / 3 + 1.0) / 4, abs=1e-4)
    data = report_to_json(report)
    summary = data["summary"]
    assert summary["top1_accuracy"] == 0.5 and summary["event_found"] == 0.75
    rows = data["confusion"]["rows"]
    assert rows["AGREE"]["REQUEST"] == 1 and rows["ASSAULT"]["none"] == 1
    assert data["confusion"]["columns"][-1] == "none"
    assert {m["id"] for m in data["misses"]["type"]} == {"G-AGREE-1", "G-FIGHT-1"}
    json.dumps(data)
    text = format_plover_report(report)
    assert "macro-F1" in text and "confusion" in text


def test_coder_failure_is_recorded_not_raised(tmp_path: Path) -> None:
    def broken(text: str) -> ArticleResult:
        raise RuntimeError("boom")

    report = evaluate_plover_gsr(write(tmp_path, small_gold()[:2]), broken)
    assert all(o.error and not o.found for o in report.outcomes)
    assert report_to_json(report)["summary"]["coder_errors"] == 2


def test_real_dev_file_with_trivial_coder() -> None:
    if not DEV.exists():
        pytest.skip("needs ../shared/data/plover_gsr/dev.jsonl: not present")
    records, skipped = load_gold(DEV)
    assert len(records) == 100 and not skipped
    assert all(r.evt_spans for r in records)  # every EVT phrase was located

    def first_word(text: str) -> ArticleResult:
        word = text.split()[0]
        return ArticleResult(
            article=Article(id="t", text=text), events=[event(text, "REQUEST", word)]
        )

    summary = report_to_json(evaluate_plover_gsr(DEV, first_word))["summary"]
    assert summary["records"] == 100 and summary["event_found"] == 1.0
    assert summary["top1_accuracy"] == 0.14  # the REQUEST (0.5b1 DEMAND) share of dev


def test_shifted_trigger_offsets_are_relocated_by_their_words(tmp_path: Path) -> None:
    # A coder that strips leading spaces reports offsets into its own copy of the text.
    text = " " * 10 + S1
    rec = dict(small_gold()[0], text=text)
    ev = event(S1, "REQUEST", "urged")  # offsets into the stripped text
    coder = fake_coder({text: [event(S1, "COERCE", "Ruritania", confidence=0.9), ev]})
    out = evaluate_plover_gsr(write(tmp_path, [rec]), coder).outcomes[0]
    assert (out.selected_by, out.predicted) == ("trigger", "REQUEST")
