"""Checks on the built-in event lexicon data (event_types.yaml, event_lexicon.yaml)."""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources
from typing import Any

import pytest
import yaml

from dyad.events.lexicon import EVENT_TYPES, Lexicon, Trigger, load_lexicon

QUADS = {
    1: {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
    2: {"COOPERATE", "AID", "RETREAT"},
    3: {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
    4: {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"},
}

# The PLOVER contexts the lexicon may use (listed in event_types.yaml's header).
CONTEXTS = {
    "agriculture", "asylum", "business", "cbrn", "corruption", "crime", "cyber", "democracy",
    "diplomatic", "economic", "elections", "environment", "executive", "health",
    "human_rights", "humanitarian", "intelligence", "legal", "media", "migration",
    "military", "peacekeeping", "political_institutions", "pro_autocracy", "pro_democracy",
    "refugees", "religion_ethnicity", "resources", "rights_freedoms", "territory", "terrorism",
}  # fmt: skip

CAMEO_RE = re.compile(r"^\d{2,4}$")


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def triggers(lex: Lexicon) -> list[Trigger]:
    return [t for ts in lex.by_head.values() for t in ts]


def _raw(name: str) -> Any:
    return yaml.safe_load((resources.files("dyad") / "data" / name).read_text("utf-8"))


def test_all_sixteen_types_with_their_quads(lex: Lexicon) -> None:
    assert set(lex.types) == set(EVENT_TYPES)
    for quad, names in QUADS.items():
        for name in names:
            assert lex.types[name].quad == quad, name


def test_type_defaults_are_sane(lex: Lexicon) -> None:
    for name, et in lex.types.items():
        assert CAMEO_RE.match(et.cameo), (name, et.cameo)
        assert -10.0 <= et.goldstein <= 10.0, name
        # cooperation scores positive, conflict negative
        assert (et.goldstein > 0) == (et.quad <= 2), name
        assert all(m == m.lower() and " " not in m for m in et.modes), name


def test_type_cameo_codes_are_quoted_strings() -> None:
    for name, item in _raw("event_types.yaml").items():
        assert isinstance(item["cameo"], str), name


def test_enough_triggers(triggers: list[Trigger]) -> None:
    assert len(triggers) >= 700
    per_type = Counter(t.event for t in triggers)
    for name in EVENT_TYPES:
        assert per_type[name] >= 15, (name, per_type[name])


def test_trigger_fields_are_valid(lex: Lexicon, triggers: list[Trigger]) -> None:
    for t in triggers:
        where = (t.lemma, t.pos, t.event)
        assert t.event in EVENT_TYPES, where
        assert t.pos in ("verb", "noun"), where
        assert CAMEO_RE.match(t.cameo), (where, t.cameo)
        if t.mode is not None:
            assert t.mode in lex.types[t.event].modes, (where, t.mode)
        assert set(t.context) <= CONTEXTS, (where, t.context)
        assert 0.0 < t.weight <= 1.0, where
        assert t.lemma == t.lemma.strip().lower(), where
        assert all(o == o.lower() for o in t.objects), where


def test_trigger_cameo_codes_are_quoted_strings() -> None:
    # an unquoted "030" would load as the integer 30 and lose its leading zero
    for item in _raw("event_lexicon.yaml")["triggers"]:
        assert isinstance(item["cameo"], str), item


def test_no_duplicate_entries(triggers: list[Trigger]) -> None:
    keys = Counter((t.lemma, t.pos, t.objects) for t in triggers)
    dups = [k[:2] for k, n in keys.items() if n > 1]
    assert not dups


def test_one_object_selects_one_entry(lex: Lexicon) -> None:
    # among the entries of one head, pos and particle, an object lemma must not
    # pick two different entries, or the reading would be ambiguous
    for ts in lex.by_head.values():
        seen: dict[tuple[str | None, str], Trigger] = {}
        for t in ts:
            for obj in t.objects:
                key = (t.particle, obj)
                assert key not in seen, (t.lemma, obj, seen[key].event, t.event)
                seen[key] = t


def test_word_lists_present(lex: Lexicon) -> None:
    assert {"hold", "launch", "conduct", "issue"} <= lex.light_verbs
    assert {"say", "tell", "announce", "stress"} <= lex.speech_verbs
    assert {"violate", "breach", "provocation"} <= lex.wrongdoing
    assert {"fail", "refrain"} <= lex.negators
    assert {"would", "could", "if"} <= lex.hypothetical
    assert "plan" not in lex.hypothetical
    cues = lex.cue_words()
    assert {"attack", "sanction", "talk"} <= cues


@pytest.mark.parametrize(
    ("lemma", "pos", "obj", "event"),
    [
        ("agree", "verb", None, "AGREE"),
        ("sign", "verb", "agreement", "SUPPORT"),
        ("strike", "verb", "deal", "AGREE"),
        ("strike", "verb", None, "ASSAULT"),
        ("release", "verb", "prisoner", "RETREAT"),
        ("lift", "verb", "sanction", "CONCEDE"),
        ("impose", "verb", "sanction", "SANCTION"),
        ("impose", "verb", "curfew", "COERCE"),
        ("expel", "verb", "diplomat", "SANCTION"),
        ("expel", "verb", "journalist", "COERCE"),
        ("call off", "verb", None, "CONCEDE"),
        ("call for", "verb", None, "REQUEST"),
        ("threaten", "verb", None, "THREATEN"),
        ("talk", "noun", None, "CONSULT"),
        ("ceasefire", "noun", None, "RETREAT"),
        ("hunger strike", "noun", None, "PROTEST"),
        ("investigation", "noun", None, "ACCUSE"),
    ],
)
def test_known_readings(lex: Lexicon, lemma: str, pos: str, obj: str | None, event: str) -> None:
    # a compound noun is looked up by its last word, a phrasal verb by its verb
    head = lemma.split()[-1] if pos == "noun" else lemma.split()[0]
    entries = [t for t in lex.candidates(head, pos) if t.lemma == lemma]
    if obj is None:
        chosen = [t for t in entries if not t.objects]
    else:
        chosen = [t for t in entries if obj in t.objects]
    assert chosen, (lemma, obj)
    assert chosen[0].event == event


def test_dampers_keep_weight_low(lex: Lexicon) -> None:
    # "fight corruption" and "declined to comment" are kept at their usual
    # event with a near-zero weight
    fight = [t for t in lex.candidates("fight", "verb") if "corruption" in t.objects]
    assert fight and fight[0].weight <= 0.2
    decline = [t for t in lex.candidates("decline", "verb") if "comment" in t.objects]
    assert decline and decline[0].weight <= 0.2
