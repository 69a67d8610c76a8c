"""Quotations and their speakers, with the real model: kinds, speakers, scare quotes,
robustness, linking to events, the command line and the acceptance article."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from dyad.records import Quote
from tests.conftest import shared_path

pytestmark = pytest.mark.model
DATA = Path(__file__).resolve().parent / "data" / "quotes"


def quotes(coder, text: str) -> list[Quote]:
    return coder(text, published="2024-03-01").quotes


def one(coder, text: str) -> Quote:
    qs = quotes(coder, text)
    assert len(qs) == 1, [q.to_dict() for q in qs]
    return qs[0]


def test_direct_quote_after_and_before_the_speaker(coder) -> None:
    q = one(coder, '"We will not retreat," Armenia said.')
    assert (q.kind, q.cue, q.speaker.country) == ("direct", "said", "ARM")
    q = one(coder, 'The Kremlin added: "Moscow remains committed to the agreements."')
    assert (q.kind, q.speaker.country) == ("direct", "RUS")


def test_mixed_quote_inside_reported_speech(coder) -> None:
    q = one(coder, "Armenia’s Foreign Ministry warned that the speech was “a clear "
                   "manifestation of territorial claims”.")
    assert (q.kind, q.speaker.country, q.cue) == ("mixed", "ARM", "warned")
    assert q.text == "a clear manifestation of territorial claims"


def test_indirect_speech_and_according_to(coder) -> None:
    q = one(coder, "Egypt's foreign ministry warned that any unilateral filling of the dam "
                   "would violate international law.")
    assert (q.kind, q.speaker.country) == ("indirect", "EGY")
    assert q.text.startswith("any unilateral filling")
    q = one(coder, "According to the Kremlin, the talks will resume in May.")
    assert (q.kind, q.cue, q.speaker.country) == ("indirect", "according to", "RUS")


def test_scare_quotes_and_names_are_not_statements(coder) -> None:
    assert quotes(coder, "Baku again raised the so-called “Zangezur Corridor” project.") == []
    assert quotes(coder, 'Police gathered near the "Freedom Square" metro station.') == []
    assert quotes(coder, 'The observers questioned the "official" results.') == []


def test_words_put_in_someones_mouth_by_a_naming_verb(coder) -> None:
    q = one(coder, "Speaking in Ankara, Azerbaijan's president called Armenia "
                   "“Western Azerbaijan”.")
    assert (q.kind, q.cue, q.speaker.country) == ("mixed", "called", "AZE")


def test_pronoun_and_continuation_speakers(coder) -> None:
    qs = quotes(coder, "Armenia’s Foreign Ministry issued a statement on Monday.\n"
                       '"The shelling must stop," it said. "We will respond."\n'
                       '"Our patience has limits."')
    assert [q.speaker.country if q.speaker else None for q in qs] == ["ARM", "ARM", "ARM"]


def test_quote_opening_the_article_without_speaker(coder) -> None:
    q = one(coder, '"This is the worst flood in forty years."\nThe river rose overnight.')
    assert q.kind == "direct" and q.speaker is None


def test_robust_to_unmatched_nested_and_long_quotes(coder) -> None:
    long_quote = "“" + " ".join(["The talks will continue and we will not give up."] * 300)
    for text in [long_quote, "“Unclosed quote, said the minister.\n”Stray closer.",
                 '"A "b" c" d" e "', "“" * 40, "He said: ‘no’ and ’’ and ‘‘.",
                 "”We are ready,” he said.\n\n\n“", long_quote + "”, the minister said."]:
        for q in quotes(coder, text):
            assert 0 <= q.start < q.end <= len(text)
            assert text[q.start:q.end] == q.text


def test_lost_closing_mark_stops_at_the_attribution(coder) -> None:
    q = one(coder, "“The government has never told parliament what the mission costs, "
                   "said Mercy Wanjiru, a Kenyan legislator.")
    assert q.text.endswith("costs") and q.speaker.name == "Mercy Wanjiru"


def test_events_are_linked_to_their_statement(coder) -> None:
    text = ("Armenia’s Foreign Ministry warned that Azerbaijan’s speech was “a clear "
            "manifestation of territorial claims and preparation of another aggression.”")
    result = coder(text, published="2023-03-18")
    (q,) = result.quotes
    assert any(e.quote_id == q.id and e.event == "ACCUSE" for e in result.events)
    assert q.id == result.quotes[0].id and q.id.endswith(f"-q{q.start}")


def test_reported_content_gets_reported_modality(coder) -> None:
    result = coder("Ukraine said Russian troops attacked the village of Robotyne.",
                   published="2023-09-01")
    (q,) = result.quotes
    inner = [e for e in result.events if q.start <= e.trigger.start < q.end]
    assert inner and all(e.quote_id == q.id and e.modality == "reported" for e in inner)


def test_dev_set_scores(coder) -> None:
    from dyad.eval.quotes import evaluate_quotes

    s = evaluate_quotes(DATA, coder).scores()
    assert s["precision"] >= 0.9 and s["recall"] >= 0.9, s
    assert s["speaker_accuracy"] >= 0.9, s


def test_acceptance_quotes(coder) -> None:
    folder = shared_path("acceptance", "csto_yerevan")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    text = (folder / "article.txt").read_text(encoding="utf-8")
    result = coder(text, published=expected["published"])
    for exp in expected["quotes"]:
        hits = [q for q in result.quotes if exp["text"] in q.text or q.text in exp["text"]]
        assert len(hits) == 1, (exp, [q.to_dict() for q in result.quotes])
        q = hits[0]
        assert q.speaker is not None and exp["speaker_actor"] in (q.speaker.org,
                                                                  q.speaker.country), q
        assert q.kind == "mixed", q  # quoted words inside "warned that" / "told ... that"


def test_cli_quotes_and_article_format(capsys, monkeypatch, tmp_path: Path) -> None:
    from dyad.cli.app import main

    path = tmp_path / "a.txt"
    path.write_text('"We will not retreat," Armenia said.\n', encoding="utf-8")
    for args in (["quotes", str(path), "--json"], ["code", str(path), "--format", "article"]):
        monkeypatch.setattr(sys, "argv", ["dyad", *args])
        try:
            main()
        except SystemExit as exc:
            assert not exc.code
        out = capsys.readouterr().out
        rec = json.loads(out.splitlines()[0])
        quote = rec["quotes"][0] if "quotes" in rec else rec
        assert quote["kind"] == "direct" and quote["speaker"]["country"] == "ARM"
    monkeypatch.setattr(sys, "argv", ["dyad", "quotes", str(path)])
    main()
    assert "direct" in capsys.readouterr().out


def test_cli_eval_quotes(capsys, monkeypatch) -> None:
    from dyad.cli.app import main

    monkeypatch.setattr(sys, "argv", ["dyad", "eval", "quotes", str(DATA), "--json"])
    main()
    report = json.loads(capsys.readouterr().out)
    assert report["gold"] >= 40 and report["recall"] >= 0.9
