"""The fast pass that decides which sentences need the full parse."""

from __future__ import annotations

import spacy

from dyad.nlp.parse import parse_many, plan_pieces
from dyad.nlp.prefilter import build_prefilter, sentence_bounds


def _pf():
    return build_prefilter(spacy.blank("en"), cue_lemmas={"attack", "talk"},
                           speech={"say"}, actors={"armenia", "the government"})


def test_cue_and_actor_needed() -> None:
    pf = _pf()
    assert pf.needs_parse(["Armenia", "attacked", "border", "posts", "."])
    assert not pf.needs_parse(["The", "weather", "was", "mild", "."])
    # a cue with nobody to do it: no event can come of it
    assert not pf.needs_parse(["the", "attack", "was", "brief", "."])
    assert pf.needs_parse(["the", "government", "held", "talks", "."])


def test_quotes_and_speech_always_parsed() -> None:
    pf = _pf()
    assert pf.needs_parse(["“", "We", "will", "stay", ",", "”", "officials", "said", "."])
    assert pf.needs_parse(["officials", "says", "nothing", "."])


def test_particles_and_objects_are_checked() -> None:
    from dyad.nlp.prefilter import Condition

    pf = _pf()
    pf.triggers["call"] = [Condition(words=frozenset({"off"}))]
    pf.triggers["take"] = [Condition(objects=frozenset({"hostage"}))]
    assert not pf.needs_parse(["They", "called", "a", "taxi", "."])
    assert pf.needs_parse(["They", "called", "off", "the", "strike", "."])
    assert not pf.needs_parse(["They", "take", "a", "break", "."])
    assert pf.needs_parse(["They", "take", "hostages", "."])


def test_sentence_bounds_split_on_stops_and_blank_lines() -> None:
    words = ["Title", "\n\n", "A", "b", ".", "C", "d", "!", "”", "E", "."]
    assert sentence_bounds(words) == [(0, 2), (2, 5), (5, 9), (9, 11)]


def test_skipped_sentences_keep_offsets_and_runs_merge() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")  # stands in for the parser's sentence bounds
    pf = _pf()
    text = "Armenia attacked. Rain fell. The sky cleared. Armenia says so. It talks."
    words = [t.text for t in nlp.make_doc(text)]
    pieces = plan_pieces(words, pf)
    # kept sentences next to each other are parsed as one run
    assert [need for _, _, need in pieces] == [True, False, False, True]
    parsed = next(parse_many(nlp, [text], prefilter=pf))
    assert [t.text for t in parsed.toks] == words
    for t in parsed.toks:
        assert text[t.idx : t.end] == t.text
    skipped = next(t for t in parsed.toks if t.text == "Rain")
    assert skipped.head == skipped.i and skipped.pos == ""
