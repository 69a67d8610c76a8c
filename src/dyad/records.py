"""The records that flow between stages, with the JSON field names of DESIGN.md.

Every record is a plain dataclass; ``to_dict()`` gives the JSON contract and
``from_dict()`` reads it back. Character offsets are into the article text,
0-based, end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")

Modality = Literal["asserted", "future", "hypothetical", "reported", "historical"]
DateSource = Literal["text", "published", "none"]
QuoteKind = Literal["direct", "indirect", "mixed"]
ActorKind = Literal["person", "organization", "state", "group"]


def _from(cls: type[T], data: dict[str, Any]) -> T:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Article:
    """One input article. ``published`` is YYYY-MM-DD or None."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    author: str | None = None  # the byline, where the input gives one

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "language": self.language,
            "author": self.author,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return _from(cls, data)


@dataclass
class Actor:
    """A resolved actor mention."""

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    role: str | None = None
    code: str | None = None
    kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return _from(cls, data)

    def key(self) -> str | None:
        """What the actor stands for, for matching: organization, else country."""
        return self.org or self.country


@dataclass
class Place:
    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        return _from(cls, data)


@dataclass
class TimeValue:
    """A TimeML TIMEX3 expression with its normalized value and interval.

    ``begin``/``end_date`` are ISO dates, end exclusive, or None when the value
    has no interval (durations, sets, vague references).
    """

    text: str
    start: int
    end: int
    type: str
    value: str
    begin: str | None = None
    end_date: str | None = None
    anchor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeValue:
        return _from(cls, data)


@dataclass
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    id: str
    article_id: str
    sentence: int
    text: str
    event: str
    cameo: str | None
    mode: str | None
    context: list[str]
    quad: int
    negated: bool
    modality: str
    source: list[Actor]
    target: list[Actor]
    date: TimeValue | None
    date_source: str
    location: Place | None
    trigger: Span
    quote_id: str | None = None
    confidence: float = 0.5
    # The real-world event this mention belongs to (dyad.merge); None until clustered.
    cluster_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "sentence": self.sentence,
            "text": self.text,
            "event": self.event,
            "cameo": self.cameo,
            "mode": self.mode,
            "context": list(self.context),
            "quad": self.quad,
            "negated": self.negated,
            "modality": self.modality,
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "date": self.date.to_dict() if self.date else None,
            "date_source": self.date_source,
            "location": self.location.to_dict() if self.location else None,
            "trigger": self.trigger.to_dict(),
            "quote_id": self.quote_id,
            "confidence": round(self.confidence, 3),
            "cluster_id": self.cluster_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        trig = data["trigger"]
        return cls(
            id=data["id"],
            article_id=data["article_id"],
            sentence=data["sentence"],
            text=data["text"],
            event=data["event"],
            cameo=data.get("cameo"),
            mode=data.get("mode"),
            context=list(data.get("context") or []),
            quad=data["quad"],
            negated=bool(data.get("negated")),
            modality=data.get("modality", "asserted"),
            source=[Actor.from_dict(a) for a in data.get("source") or []],
            target=[Actor.from_dict(a) for a in data.get("target") or []],
            date=TimeValue.from_dict(data["date"]) if data.get("date") else None,
            date_source=data.get("date_source", "none"),
            location=Place.from_dict(data["location"]) if data.get("location") else None,
            trigger=Span(trig["text"], trig["start"], trig["end"]),
            quote_id=data.get("quote_id"),
            confidence=float(data.get("confidence", 0.5)),
            cluster_id=data.get("cluster_id"),
        )


@dataclass
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: str
    cue: str | None
    speaker: Actor | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "cue": self.cue,
            "speaker": self.speaker.to_dict() if self.speaker else None,
        }


@dataclass
class InputError:
    """An input that could not be coded: what it was and why."""

    input: str
    reason: str
    code: str = "E000"

    def to_dict(self) -> dict[str, Any]:
        return {"input": self.input, "code": self.code, "reason": self.reason}


@dataclass
class ArticleResult:
    """Everything coded from one article (``--format article``)."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeValue] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
            "times": [t.to_dict() for t in self.times],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "commitments": list(self.commitments),
            "contradictions": list(self.contradictions),
            "errors": [e.to_dict() for e in self.errors],
        }
