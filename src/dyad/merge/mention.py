"""What merging reads of one coded event: a ``Mention`` with its actor keys, its date
interval in days, its place and its outlet.

>>> m = mention_from_event(event, published="2022-09-14", source="Reuters")  # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from dyad.merge.rules import MergeRules, load_rules
from dyad.records import Actor, Event

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WORD = re.compile(r"[a-z]+")
# Modalities of acts that took place; future and hypothetical ones did not (yet).
REALIZED = frozenset({"asserted", "reported", "historical"})
_DATE_RANK = {"text": 0, "published": 1, "none": 2}


@dataclass(frozen=True)
class Mention:
    """One coded event as the clusterer sees it. ``key`` is unique in a store:
    ``article_id#event_id``. Days are proleptic ordinals, ``end`` exclusive."""

    key: str
    article_id: str
    event_id: str
    event: str
    source: frozenset[str]
    target: frozenset[str]
    # Actor codes: "the Armenian army" (ARMMIL) and "Armenia" (ARM) share the key
    # ARM but not a code, which is weaker evidence of one actor.
    codes: frozenset[str]
    begin: int
    end: int
    date_source: str
    realized: bool
    negated: bool
    place: tuple[str | None, str | None, float | None, float | None]  # name, country, lat, lon
    trigger: str
    confidence: float
    modality: str
    outlet: str
    published: str

    @property
    def width(self) -> int:
        """Days the date interval spans (at least 1)."""
        return max(1, self.end - self.begin)

    @property
    def parties(self) -> frozenset[str]:
        """Every actor key on either side."""
        return self.source | self.target

    def order_key(self) -> tuple[str, str, str]:
        """First-reported order: publication date, article id, event id."""
        return (self.published, self.article_id, self.event_id)

    def canonical_rank(self) -> tuple[int, int, int, float, tuple[str, str, str]]:
        """Smaller is a better canonical event: the narrowest date, dated by the text,
        told as news rather than background, the most confident, the first reported."""
        return (self.width, _DATE_RANK.get(self.date_source, 3),
                1 if self.modality == "historical" else 0, -self.confidence, self.order_key())


def actor_key(a: Actor) -> str | None:
    """The identity an actor mention stands for in merging: organization, else country,
    else its code (``NGO``, ``IGO``); None for unresolved actors ("gunmen")."""
    return a.org or a.country or a.code or None


def outlet_of(source: str | None, url: str | None) -> str:
    """The outlet that published an article: its ``source`` name, else the URL's host
    without ``www.``, else '' (unknown)."""
    if source and source.strip():
        return source.strip().casefold()
    if url:
        host = urlparse(url).hostname or ""
        return host.removeprefix("www.")
    return ""


def _day(value: str | None) -> int | None:
    if not value:
        return None
    m = _ISO.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).toordinal()
    except ValueError:
        return None


def interval(event: Event, published: str | None, rules: MergeRules) -> tuple[int, int, str]:
    """The days an event may have happened on, as (begin, end exclusive, date source).

    A date from the text is taken at its own precision; a publication date is widened
    backwards by ``published_widen_days`` (news reports yesterday's acts); an event
    with no date at all gets ``undated_widen_days`` before publication, and one with
    neither an open interval.
    """
    slack = rules.date_slack_days
    if event.date is not None and event.date_source == "text":
        b, e = _day(event.date.begin), _day(event.date.end_date)
        if b is not None:
            return b - slack, max(e or b + 1, b + 1) + slack, "text"
    pub = _day(published)
    if event.date is not None and pub is None:
        pub = _day(event.date.begin) or _day(event.date.value)
    if pub is None:
        return date.min.toordinal(), date.max.toordinal(), "none"
    back = rules.published_widen_days if event.date_source == "published" \
        else rules.undated_widen_days
    return pub - back - slack, pub + 1 + slack, ("published" if event.date_source == "published"
                                                 else "none")


def _trigger_stem(text: str) -> str:
    words = _WORD.findall(text.casefold())
    return words[-1][:4] if words else ""


def mention_from_event(event: Event, published: str | None = None, source: str | None = None,
                       url: str | None = None, rules: MergeRules | None = None) -> Mention:
    """A Mention from a coded Event and its article's publication date, source and URL."""
    rules = rules or load_rules()
    b, e, ds = interval(event, published, rules)
    loc = event.location
    src = frozenset(k for a in event.source if (k := actor_key(a)))
    tgt = frozenset(k for a in event.target if (k := actor_key(a)))
    # Actor codes (ARMGOV, AZEMIL): two mentions sharing one name the same actor,
    # not only the same country.
    codes = frozenset(c for a in (*event.source, *event.target) if (c := a.code or actor_key(a)))
    return Mention(
        key=f"{event.article_id}#{event.id}", article_id=event.article_id,
        event_id=event.id, event=event.event, source=src, target=tgt,
        codes=codes, begin=b, end=e, date_source=ds,
        realized=event.modality in REALIZED, negated=bool(event.negated),
        place=((loc.name or loc.text).casefold() if loc else None, loc.country if loc else None,
               loc.lat if loc else None, loc.lon if loc else None),
        trigger=_trigger_stem(event.trigger.text), confidence=float(event.confidence),
        modality=event.modality, outlet=outlet_of(source, url), published=published or "")


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def weeks(m: Mention) -> range:
    """The week numbers (ordinal day // 7) a mention's interval touches."""
    return range(m.begin // 7, (m.end - 1) // 7 + 1)


def day_text(ordinal: int) -> str:
    """An ordinal day as YYYY-MM-DD ('' outside the calendar)."""
    try:
        return date.fromordinal(ordinal).isoformat()
    except (ValueError, OverflowError):
        return ""


__all__ = ["Mention", "actor_key", "day_text", "interval", "km_between", "mention_from_event",
           "outlet_of", "weeks"]
