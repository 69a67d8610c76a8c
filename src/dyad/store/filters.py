"""Event filters from query parameters, as SQL with placeholders.

Every value a user gives travels as a bound parameter; the SQL text is built
only from fixed fragments chosen here, so no input can change a query.

>>> f = EventFilter.from_params({"event": "ACCUSE", "country": "AZE", "since": "2023-01-01"})
>>> f.where()[1]
['2023-01-01', 'ACCUSE', 'AZE', 'AZE']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dyad.errors import Messages, UsageError

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
               "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
               "COERCE", "ASSAULT")
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}
FILTER_PARAMS = ("since", "until", "event", "quad", "actor", "source", "target", "country",
                 "negated", "article")

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def bad(name: str, value: str, expected: str) -> UsageError:
    """The error for a query parameter that cannot be used (HTTP 400 in the web UI)."""
    return UsageError(Messages.E306, name=name, value=value[:80], expected=expected)


def _day(params: Mapping[str, str], name: str) -> str | None:
    value = (params.get(name) or "").strip()
    if not value:
        return None
    if not _DAY.match(value):
        raise bad(name, value, "a date YYYY-MM-DD")
    return value


def _list(params: Mapping[str, str], name: str) -> list[str]:
    value = params.get(name) or ""
    return [v.strip() for v in value.split(",") if v.strip()]


@dataclass
class EventFilter:
    """What the events table, timeline and network are filtered by.

    ``actor``/``source``/``target`` are an actor's row id or its code, acronym or
    name; ``source`` with ``target`` selects one pair.
    """

    since: str | None = None
    until: str | None = None
    event: list[str] = field(default_factory=list)
    quad: list[int] = field(default_factory=list)
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    country: str | None = None
    negated: bool | None = None
    article: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> EventFilter:
        """Read and check the filter parameters; raises UsageError (E306) on bad values."""
        events = [v.upper() for v in _list(params, "event")]
        for v in events:
            if v not in EVENT_TYPES:
                raise bad("event", v, "one of " + ", ".join(EVENT_TYPES))
        quads: list[int] = []
        for v in _list(params, "quad"):
            if v not in ("1", "2", "3", "4"):
                raise bad("quad", v, "a quad class 1-4")
            quads.append(int(v))
        country = (params.get("country") or "").strip() or None
        if country is not None and not _COUNTRY.match(country):
            raise bad("country", country, "an ISO 3166-1 alpha-3 code such as AZE")
        negated_raw = (params.get("negated") or "").strip().lower()
        negated: bool | None = None
        if negated_raw in _TRUE:
            negated = True
        elif negated_raw in _FALSE:
            negated = False
        elif negated_raw not in ("", "any"):
            raise bad("negated", negated_raw, "true, false or any")
        article_raw = (params.get("article") or "").strip()
        if article_raw and not article_raw.isdigit():
            raise bad("article", article_raw, "an article's number")
        return cls(since=_day(params, "since"), until=_day(params, "until"), event=events,
                   quad=quads, actor=_actor(params, "actor"), source=_actor(params, "source"),
                   target=_actor(params, "target"),
                   country=country.upper() if country else None, negated=negated,
                   article=int(article_raw) if article_raw else None)

    def params(self) -> dict[str, str]:
        """The filter back as query parameters (for links that keep it)."""
        out = {"since": self.since, "until": self.until, "event": ",".join(self.event),
               "quad": ",".join(str(q) for q in self.quad), "actor": self.actor,
               "source": self.source, "target": self.target, "country": self.country,
               "negated": None if self.negated is None else str(self.negated).lower(),
               "article": str(self.article) if self.article is not None else None}
        return {k: v for k, v in out.items() if v}

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """A WHERE clause over the events table (aliased ``alias``) and its parameters."""
        parts: list[str] = []
        args: list[Any] = []
        if self.since:
            parts.append(f"{alias}.day >= ?")
            args.append(self.since)
        if self.until:
            # until is inclusive; '' (undated) sorts below every date, so exclude it
            parts.append(f"{alias}.day <= ? AND {alias}.day != ''")
            args.append(self.until)
        if self.event:
            parts.append(f"{alias}.event IN ({','.join('?' * len(self.event))})")
            args.extend(self.event)
        if self.quad:
            parts.append(f"{alias}.quad IN ({','.join('?' * len(self.quad))})")
            args.extend(self.quad)
        if self.country:
            parts.append(f"({alias}.id IN (SELECT event FROM event_actors WHERE country = ?) "
                         f"OR {alias}.location_country = ?)")
            args.extend([self.country, self.country])
        if self.negated is not None:
            parts.append(f"{alias}.negated = ?")
            args.append(int(self.negated))
        if self.article is not None:
            parts.append(f"{alias}.article = ?")
            args.append(self.article)
        for value, side in ((self.actor, None), (self.source, "S"), (self.target, "T")):
            if value is None:
                continue
            side_sql = " AND ea.side = ?" if side else ""
            parts.append(f"{alias}.id IN (SELECT ea.event FROM event_actors ea "
                         f"WHERE ea.actor IN ({_ACTOR_MATCH}){side_sql})")
            args.extend(_actor_args(value))
            if side:
                args.append(side)
        return (" AND ".join(parts) or "1"), args


# An actor given by row id, CAMEO-style code, acronym or name (any case).
_ACTOR_MATCH = ("SELECT id FROM actors WHERE id = ? OR code = ? OR org = ? "
                "OR name = ? COLLATE NOCASE")


def _actor_args(value: str) -> list[Any]:
    ident = int(value) if value.isdigit() else -1
    return [ident, value, value, value]


def _actor(params: Mapping[str, str], name: str) -> str | None:
    value = (params.get(name) or "").strip()
    if len(value) > 200:
        raise bad(name, value, "an actor id, code or name")
    return value or None
