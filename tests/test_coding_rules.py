"""The coding rules, one hand-written sentence each: type, actors, negation, modality."""

from __future__ import annotations

import pytest

from dyad.records import Event

PUB = "2023-03-18"  # a Saturday


def keys(actors) -> set[str]:
    return {a.org or a.country for a in actors if a.org or a.country}


def find(events: list[Event], etype: str) -> Event:
    for e in events:
        if e.event == etype:
            return e
    raise AssertionError(f"no {etype} in {[(e.event, e.trigger.text) for e in events]}")


CASES = [
    # (sentence, event, source, target)
    ("Russian troops attacked the Ukrainian city of Kharkiv on Tuesday.", "ASSAULT", "RUS", "UKR"),
    ("Armenia accused Azerbaijan of shelling border villages.", "ACCUSE", "ARM", "AZE"),
    ("The European Union imposed new sanctions on Iran.", "SANCTION", "EU", "IRN"),
    ("Egypt urged Israel to allow aid into Gaza.", "REQUEST", "EGY", "ISR"),
    ("Japan sent humanitarian aid to Turkey after the earthquake.", "AID", "JPN", "TUR"),
    ("The Chinese foreign minister met his Brazilian counterpart in Beijing.", "CONSULT",
     "CHN", "BRA"),
    ("Pakistan rejected India's proposal for talks.", "REJECT", "PAK", "IND"),
    ("North Korea threatened to strike South Korea.", "THREATEN", "PRK", "KOR"),
    ("Polish police arrested three Belarusian citizens.", "COERCE", "POL", "BLR"),
    ("Russia withdrew its troops from Kherson.", "RETREAT", "RUS", None),
    ("NATO deployed additional forces to Lithuania.", "MOBILIZE", "NATO", "LTU"),
    ("Kenya praised Ethiopia for its role in the peace talks.", "SUPPORT", "KEN", "ETH"),
    ("Thousands of Georgians protested against the government in Tbilisi.", "PROTEST",
     "GEO", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "etype", "src", "tgt"), CASES)
def test_event_type_and_actors(coder, text: str, etype: str, src: str, tgt: str | None) -> None:
    ev = find(coder(text, published=PUB).events, etype)
    assert src in keys(ev.source), ev.to_dict()
    if tgt:
        assert tgt in keys(ev.target), ev.to_dict()


@pytest.mark.model
def test_passive_voice_swaps_roles(coder) -> None:
    ev = find(coder("Two Syrian soldiers were killed by Turkish drones.", PUB).events, "ASSAULT")
    assert "TUR" in keys(ev.source)
    assert "SYR" in keys(ev.target)


@pytest.mark.model
def test_compound_subject_is_reciprocal(coder) -> None:
    ev = find(coder("Serbia and Kosovo agreed to a new border regime.", PUB).events, "AGREE")
    assert keys(ev.source) >= {"SRB", "XKX"}


@pytest.mark.model
def test_along_with_adds_a_party(coder) -> None:
    text = "Germany, along with France, agreed to extend the mission."
    ev = find(coder(text, PUB).events, "AGREE")
    assert keys(ev.source) >= {"DEU", "FRA"}


@pytest.mark.model
def test_negation_did_not(coder) -> None:
    ev = find(coder("The alliance did not send assistance to Armenia.", PUB).events, "AID")
    assert ev.negated


@pytest.mark.model
def test_negation_failed_to(coder) -> None:
    ev = find(coder("The United Nations failed to condemn Myanmar.", PUB).events, "ACCUSE")
    assert ev.negated


@pytest.mark.model
def test_future_modality(coder) -> None:
    ev = find(coder("Turkey will send troops to Azerbaijan.", PUB).events, "MOBILIZE")
    assert ev.modality == "future"


@pytest.mark.model
def test_reported_speech_is_the_reported_actors_act(coder) -> None:
    events = coder("Armenia said that Azerbaijan had shelled Armenian villages.", PUB).events
    attack = find(events, "ASSAULT")
    assert "AZE" in keys(attack.source)
    assert attack.modality == "reported"
    accusation = find(events, "ACCUSE")
    assert "ARM" in keys(accusation.source)
    assert "AZE" in keys(accusation.target)


@pytest.mark.model
def test_capital_as_subject_is_the_government(coder) -> None:
    ev = find(coder("Moscow rejected the proposal from Kyiv.", PUB).events, "REJECT")
    src = ev.source[0]
    assert src.country == "RUS" and src.sector == "GOV" and src.kind != "person"


@pytest.mark.model
def test_date_from_weekday_in_clause(coder) -> None:
    ev = find(coder("Iran seized a tanker on Tuesday.", PUB).events, "COERCE")
    assert ev.date_source == "text"
    assert ev.date is not None and ev.date.value == "2023-03-14"


@pytest.mark.model
def test_fallback_date_is_publication(coder) -> None:
    ev = find(coder("Iran seized a tanker in the Gulf.", PUB).events, "COERCE")
    assert ev.date_source == "published"
    assert ev.date is not None and ev.date.value == PUB


@pytest.mark.model
def test_location_from_prepositional_phrase(coder) -> None:
    ev = find(coder("Protesters rallied in Belgrade on Sunday.", PUB).events, "PROTEST")
    assert ev.location is not None and ev.location.country == "SRB"


@pytest.mark.model
def test_title_introduces_person_and_surname_resolves_later(coder) -> None:
    text = ("Foreign Minister Ana Brnabic of Serbia visited Hungary. "
            "Brnabic criticised the European Commission.")
    ev = find(coder(text, PUB).events, "ACCUSE")
    person = ev.source[0]
    assert person.country == "SRB" and person.kind == "person" and person.role


@pytest.mark.model
def test_trigger_offsets_point_at_the_words(coder) -> None:
    text = "Ghana condemned the coup in Niger."
    ev = find(coder(text, PUB).events, "ACCUSE")
    assert text[ev.trigger.start : ev.trigger.end] == ev.trigger.text == "condemned"


@pytest.mark.model
def test_sentence_without_event_gives_none(coder) -> None:
    assert coder("The weather in Paris was mild for the season.", PUB).events == []


@pytest.mark.model
@pytest.mark.parametrize(("text", "etype"), [
    ("Japan will provide emergency food aid to Sudan.", "AGREE"),
    ("The United States will impose new sanctions on Iran.", "THREATEN"),
    ("Syria said it will not accept any more refugees.", "REJECT"),
])
def test_announced_acts_are_statements_of_intent(coder, text: str, etype: str) -> None:
    ev = find(coder(text, PUB).events, etype)
    assert not ev.negated


@pytest.mark.model
def test_past_event_is_never_dated_after_publication(coder) -> None:
    # "next week" cannot date an arrest the article reports as done
    ev = find(coder("Police arrested the editor, who was due to testify next week.",
                    PUB).events, "COERCE")
    assert ev.date is not None and ev.date.begin <= PUB


@pytest.mark.model
def test_a_time_that_names_a_thing_does_not_date_the_event(coder) -> None:
    text = "Armenia demanded the implementation of the November 9, 2020 statement."
    ev = find(coder(text, PUB).events, "REQUEST")
    assert ev.date_source == "published"


def test_set_off_participle_misread_as_adjective() -> None:
    """A hand-built parse with the small model's misreading of ", compelling X to":
    the participle hangs on its object as an adjective."""
    from datetime import date

    import spacy
    from spacy.tokens import Doc

    from dyad.actors.kb import load_kb
    from dyad.actors.resolve import ArticleActors
    from dyad.events.extract import Context, extract_events
    from dyad.events.lexicon import load_lexicon
    from dyad.nlp.parse import from_doc

    words = ["Armenia", "cited", "the", "order", "made", "by", "the", "court", ",",
             "compelling", "Azerbaijan", "to", "reopen", "the", "road", "."]
    heads = [1, 1, 3, 1, 3, 4, 7, 5, 1, 10, 1, 12, 10, 14, 12, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "acl", "agent", "det", "pobj", "punct",
            "amod", "dobj", "aux", "acl", "det", "dobj", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT", "ADJ",
           "PROPN", "PART", "VERB", "DET", "NOUN", "PUNCT"]
    tags = ["NNP", "VBD", "DT", "NN", "VBN", "IN", "DT", "NN", ",", "JJ", "NNP", "TO",
            "VB", "DT", "NN", "."]
    lemmas = [w.lower() for w in words]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
              lemmas=lemmas, sent_starts=[True] + [False] * (len(words) - 1))
    parsed = from_doc(doc)
    day = date(2023, 3, 18)
    actors = ArticleActors(parsed, load_kb(), day)
    ctx = Context(p=parsed, actors=actors, times=[], lex=load_lexicon(), article_id="t",
                  published=day, published_value=None)
    events = [e for e in extract_events(ctx) if e.trigger.text == "compelling"]
    assert events, [(e.event, e.trigger.text) for e in extract_events(ctx)]
    assert "AZE" in keys(events[0].target)


@pytest.mark.model
def test_statement_of_obligation_is_a_demand(coder) -> None:
    events = coder("Brazil said that Venezuela must release the detained journalists.",
                   PUB).events
    ev = find(events, "REQUEST")
    assert "BRA" in keys(ev.source) and "VEN" in keys(ev.target)
    assert all(e.modality == "hypothetical" for e in events if e.event != "REQUEST")


@pytest.mark.model
def test_phrasal_particle_outranks_the_plain_verb(coder) -> None:
    ev = find(coder("Nigerian teachers called off their strike on Thursday.", PUB).events,
              "CONCEDE")
    assert ev.trigger.text == "called off"


@pytest.mark.model
def test_the_aim_of_a_protest_is_part_of_it(coder) -> None:
    events = coder("Chilean students began a hunger strike to demand free tuition.", PUB).events
    assert [e.event for e in events] == ["PROTEST"]


@pytest.mark.model
def test_when_clause_takes_the_time_it_hangs_on(coder) -> None:
    text = "Relations have been tense since April, when the United States imposed sanctions."
    ev = find(coder(text, "2023-11-18").events, "SANCTION")
    assert ev.date is not None and ev.date.value == "2023-04"
    assert ev.date_source == "text"


@pytest.mark.model
def test_a_failing_later_stage_keeps_the_events(coder, monkeypatch) -> None:
    import dyad.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(dyad.pipeline, "extract_quotes", broken)
    result = coder("Iran seized a tanker in the Gulf.", PUB)
    assert find(result.events, "COERCE")
    assert result.errors and "quotations" in result.errors[0].reason


@pytest.mark.model
def test_strikes_by_armed_forces_are_attacks(coder) -> None:
    events = coder("Israeli warplanes carried out strikes on Hezbollah positions.", PUB).events
    assert "ASSAULT" in {e.event for e in events}
    assert "PROTEST" not in {e.event for e in events}


@pytest.mark.model
@pytest.mark.parametrize(("text", "etype"), [
    ("Azerbaijani forces attacked Armenian positions near the border.", "ASSAULT"),
    ("Azerbaijan blocked the Lachin corridor on Monday.", "COERCE"),
    ("China protested the visit of the delegation.", "ACCUSE"),
    ("Thousands of Georgians protested against the government.", "PROTEST"),
])
def test_the_doer_decides_the_reading(coder, text: str, etype: str) -> None:
    assert etype in {e.event for e in coder(text, PUB).events}


@pytest.mark.model
def test_the_two_leaders_are_both_people_just_named(coder) -> None:
    text = ("Japanese Prime Minister Kenji Sato met South Korean President Lee Min-ho in "
            "Seoul. The two leaders agreed to resume talks.")
    ev = find(coder(text, PUB).events, "AGREE")
    assert keys(ev.source) == {"JPN", "KOR"}


@pytest.mark.model
def test_an_apposition_takes_the_country_of_what_it_renames(coder) -> None:
    text = ("Kenya's foreign minister met his Ugandan counterpart, Foreign Minister "
            "Okello Mbabazi, in Nairobi. Mbabazi criticised the decision.")
    ev = find(coder(text, PUB).events, "ACCUSE")
    assert keys(ev.source) == {"UGA"}
