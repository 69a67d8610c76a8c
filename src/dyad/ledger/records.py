"""The ledger's records: Commitment and Contradiction, with DESIGN.md's JSON field names.

Besides the contract's fields a Commitment carries ``agreement`` (the registry id it
links to, or None) and ``provisions`` (every provision type it holds, main one first);
a Contradiction carries ``commitment`` (the commitment's name) for readers. Both read
back with ``from_dict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dyad.records import Actor, TimeValue


@dataclass
class Evidence:
    """Where in which article the words are: offsets into that article's text."""

    text: str
    start: int
    end: int
    article_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "article_id": self.article_id}


@dataclass
class Commitment:
    """A promise made: who is party, who is bound, to what, when, and the words."""

    id: str
    name: str
    parties: list[Actor]
    obligated: list[Actor]
    provision: str
    content: str
    date: TimeValue | None
    evidence: Evidence
    agreement: str | None = None
    provisions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name,
                "parties": [a.to_dict() for a in self.parties],
                "obligated": [a.to_dict() for a in self.obligated],
                "provision": self.provision, "content": self.content,
                "date": self.date.to_dict() if self.date else None,
                "evidence": self.evidence.to_dict(),
                "agreement": self.agreement, "provisions": list(self.provisions)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Commitment:
        ev = d.get("evidence") or {}
        return cls(id=d["id"], name=d.get("name") or "", provision=d.get("provision") or "other",
                   parties=[Actor.from_dict(a) for a in d.get("parties") or []],
                   obligated=[Actor.from_dict(a) for a in d.get("obligated") or []],
                   content=d.get("content") or "",
                   date=TimeValue.from_dict(d["date"]) if d.get("date") else None,
                   evidence=Evidence(ev.get("text", ""), int(ev.get("start", 0)),
                                     int(ev.get("end", 0)), ev.get("article_id", "")),
                   agreement=d.get("agreement"),
                   provisions=list(d.get("provisions") or [d.get("provision") or "other"]))

    def day(self) -> str | None:
        """The first day the commitment's date denotes (YYYY-MM-DD), if known."""
        return day_of(self.date)

    def keys(self, which: str = "obligated") -> set[str]:
        """Country or organization keys of the obligated parties (or of all parties)."""
        actors = self.obligated if which == "obligated" else self.parties
        return {k for a in actors if (k := a.key())}


@dataclass
class Act:
    """The contradicting words: an event or a quote, or a plain span, in one article."""

    text: str
    start: int
    end: int
    article_id: str
    event_id: str | None = None
    quote_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        if self.event_id:
            d["event_id"] = self.event_id
        if self.quote_id:
            d["quote_id"] = self.quote_id
        d.update(text=self.text, start=self.start, end=self.end, article_id=self.article_id)
        return d


@dataclass
class Contradiction:
    """An act said (alleged) or found (inferred) to go against a commitment."""

    id: str
    commitment_id: str
    by: list[Actor]
    act: Act
    date: TimeValue | None
    basis: str  # alleged | inferred
    alleged_by: list[Actor] = field(default_factory=list)
    explanation: str = ""
    commitment: str = ""
    allegation: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "commitment_id": self.commitment_id,
                "by": [a.to_dict() for a in self.by], "act": self.act.to_dict(),
                "date": self.date.to_dict() if self.date else None, "basis": self.basis,
                "alleged_by": [a.to_dict() for a in self.alleged_by],
                "explanation": self.explanation, "commitment": self.commitment,
                "allegation": self.allegation.to_dict() if self.allegation else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Contradiction:
        a = d.get("act") or {}
        al = d.get("allegation")
        return cls(id=d["id"], commitment_id=d.get("commitment_id") or "",
                   by=[Actor.from_dict(x) for x in d.get("by") or []],
                   act=Act(a.get("text", ""), int(a.get("start", 0)), int(a.get("end", 0)),
                           a.get("article_id", ""), a.get("event_id"), a.get("quote_id")),
                   date=TimeValue.from_dict(d["date"]) if d.get("date") else None,
                   basis=d.get("basis") or "inferred",
                   alleged_by=[Actor.from_dict(x) for x in d.get("alleged_by") or []],
                   explanation=d.get("explanation") or "", commitment=d.get("commitment") or "",
                   allegation=Evidence(al["text"], al["start"], al["end"], al["article_id"])
                   if al else None)


def day_of(tv: TimeValue | None) -> str | None:
    """A TimeValue's first day as YYYY-MM-DD, or None when it denotes no interval."""
    if tv is None:
        return None
    if tv.begin:
        return tv.begin[:10]
    v = tv.value or ""
    if len(v) >= 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
        return v[:10]
    return None


def day_time(day: str, text: str = "", anchor: str | None = None) -> TimeValue:
    """A TimeValue for one ISO day (used for registry dates: no words in the text)."""
    from datetime import date, timedelta

    d = date.fromisoformat(day)
    return TimeValue(text=text, start=0, end=0, type="DATE", value=day, begin=day,
                     end_date=(d + timedelta(days=1)).isoformat(), anchor=anchor)
