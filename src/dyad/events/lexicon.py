"""The event lexicon: which words signal which PLOVER event, read from data files.

``data/event_types.yaml`` maps each of PLOVER's 16 event types to its quad class
(1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict), a default CAMEO code, a Goldstein-style score and its modes.

``data/event_lexicon.yaml`` has these sections:

``triggers``: a list of entries, each
    lemma:    the word's lemma; a phrasal verb as "call off" or "pull out"
              (particle or preposition that must follow the verb)
    pos:      verb | noun (default verb)
    event:    one of the 16 PLOVER types
    mode:     PLOVER mode (optional)
    context:  list of PLOVER contexts (optional)
    cameo:    CAMEO code as a string
    objects:  (optional) the entry only applies when the verb's object, or the
              head of its complement or of a prepositional object, has one of
              these lemmas; entries with ``objects`` win over plain ones
    weight:   (optional, default 1.0) confidence of the cue
``light_verbs``: verbs that take their event from their object noun
    ("held talks", "launched an attack", "signed an agreement").
``speech_verbs``: verbs of saying; their own event comes from what is said.
``neutral_speech_verbs``: the plain attribution verbs among them ("said",
    "told", "announced"); a plain report of a hostile act is an accusation only
    when it names a wrong or the speaker is on the receiving end.
``wrongdoing``: verbs and nouns that make a report of them an accusation
    ("said that X violated ...", "contradicts ...") without being an event.
``negators``: verbs that negate their complement ("failed to condemn").
``hypothetical``: auxiliaries and markers of hypothetical modality.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from dyad.errors import ConfigError, Messages

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True)
class EventType:
    name: str
    quad: int
    cameo: str
    goldstein: float
    modes: tuple[str, ...] = ()
    intent: tuple[str, str] | None = None  # (event, cameo) of an announced act
    refusal: tuple[str, str] | None = None  # (event, cameo) of a refusal to act
    by_armed: tuple[str, str] | None = None  # (event, cameo) when armed actors do it
    by_state: tuple[str, str, str | None] | None = None  # (event, cameo, mode): a state does it
    by_state_obstruct: tuple[str, str, str | None] | None = None  # ... by blocking a way


@dataclass(frozen=True)
class Trigger:
    lemma: str
    event: str
    cameo: str
    pos: str = "verb"
    mode: str | None = None
    context: tuple[str, ...] = ()
    objects: frozenset[str] = frozenset()
    weight: float = 1.0

    @property
    def head(self) -> str:
        """The word looked up: a phrasal verb's verb, a compound noun's last word."""
        parts = self.lemma.split()
        return parts[-1] if self.pos == "noun" else parts[0]

    @property
    def particle(self) -> str | None:
        """Words that must follow a phrasal verb ("call off")."""
        parts = self.lemma.split()
        return " ".join(parts[1:]) if len(parts) > 1 and self.pos != "noun" else None

    @property
    def modifiers(self) -> tuple[str, ...]:
        """Words that must precede a compound noun ("air strike", "hunger strike")."""
        parts = self.lemma.split()
        return tuple(parts[:-1]) if self.pos == "noun" else ()


@dataclass
class Lexicon:
    types: dict[str, EventType]
    by_head: dict[tuple[str, str], list[Trigger]] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    neutral_speech_verbs: frozenset[str] = frozenset()
    wrongdoing: frozenset[str] = frozenset()
    negators: frozenset[str] = frozenset()
    hypothetical: frozenset[str] = frozenset()

    def candidates(self, lemma: str, pos: str) -> list[Trigger]:
        """Entries for a head lemma and part of speech (verb or noun)."""
        return self.by_head.get((lemma.lower(), pos), [])

    def cue_words(self) -> frozenset[str]:
        """Every lemma that can signal an event, for the fast pre-filter."""
        words = {h for h, _ in self.by_head}
        return frozenset(words | self.speech_verbs | self.wrongdoing)


def _trigger(item: dict[str, Any], types: dict[str, EventType]) -> Trigger:
    event = str(item["event"]).upper()
    if event not in types:
        raise ValueError(f"unknown event type {event!r} for {item.get('lemma')!r}")
    return Trigger(
        lemma=str(item["lemma"]).lower(),
        event=event,
        cameo=str(item.get("cameo") or types[event].cameo),
        pos=str(item.get("pos") or "verb"),
        mode=item.get("mode"),
        context=tuple(item.get("context") or ()),
        objects=frozenset(str(o).lower() for o in item.get("objects") or ()),
        weight=float(item.get("weight", 1.0)),
    )


def _pair(item: dict[str, Any] | None) -> tuple[str, str] | None:
    return (str(item["event"]), str(item["cameo"])) if item else None


def _triple(item: dict[str, Any] | None) -> tuple[str, str, str | None] | None:
    return (str(item["event"]), str(item["cameo"]), item.get("mode")) if item else None


def _read(name: str) -> Any:
    return yaml.safe_load((resources.files("dyad") / "data" / name).read_text("utf-8"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The built-in lexicon, loaded once per process."""
    try:
        raw_types = _read("event_types.yaml")
        types = {
            name: EventType(
                name=name,
                quad=int(t["quad"]),
                cameo=str(t["cameo"]),
                goldstein=float(t.get("goldstein", 0.0)),
                modes=tuple(t.get("modes") or ()),
                intent=_pair(t.get("intent")),
                refusal=_pair(t.get("refusal")),
                by_armed=_pair(t.get("by_armed")),
                by_state=_triple(t.get("by_state")),
                by_state_obstruct=_triple(t.get("by_state_obstruct")),
            )
            for name, t in raw_types.items()
        }
        raw = _read("event_lexicon.yaml")
        lex = Lexicon(types=types)
        for item in raw.get("triggers") or ():
            trig = _trigger(item, types)
            lex.by_head.setdefault((trig.head, trig.pos), []).append(trig)
        words = {k: frozenset(str(w).lower() for w in raw.get(k) or ()) for k in (
            "light_verbs", "speech_verbs", "neutral_speech_verbs", "wrongdoing", "negators",
            "hypothetical")}
    except (KeyError, ValueError, TypeError, yaml.YAMLError) as exc:
        raise ConfigError(Messages.E204, path="event lexicon", detail=str(exc)) from exc
    lex.light_verbs = words["light_verbs"]
    lex.speech_verbs = words["speech_verbs"] | words["neutral_speech_verbs"]
    lex.neutral_speech_verbs = words["neutral_speech_verbs"]
    lex.wrongdoing = words["wrongdoing"]
    lex.negators = words["negators"]
    lex.hypothetical = words["hypothetical"]
    return lex
