"""Places in an article: a knowledge match read as a place, a place word used as a
place ("in Prague", "while visiting Yerevan"), and the dateline a story was filed under."""

from __future__ import annotations

import functools
import re
from importlib import resources

from dyad.actors.kb import Entry, KnowledgeBase
from dyad.actors.match import Match
from dyad.nlp.parse import Parsed
from dyad.records import Place

# Accidents and disasters: what they do, nobody did ("killed by the crash").
MISHAPS = {"crash", "accident", "earthquake", "quake", "flood", "flooding", "storm", "fire",
           "blaze", "landslide", "mudslide", "avalanche", "hurricane", "cyclone", "typhoon",
           "tsunami", "drought", "famine", "heatwave", "outbreak", "epidemic", "pandemic",
           "collapse", "derailment", "stampede", "shipwreck"}
LOC_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "throughout",
             "into", "via", "through"}

_DATELINE = re.compile(r"\s*[A-Z][A-Z'.-]+(?:[ ,]+[A-Z][A-Za-z'.-]+)*,?\s*"
                       r"(?:\([^)]{1,40}\)\s*)?(?:[A-Z][a-z]{2,8}\.? \d{1,2}\s*)?"
                       r"(?:\([^)]{1,40}\)\s*)?[-–—]{1,2}\s")


@functools.cache
def place_verbs() -> frozenset[str]:
    """Verbs whose object is a place (data/place_verbs.txt)."""
    text = (resources.files("dyad") / "data" / "place_verbs.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and ln[0] != "#")


def dateline(text: str) -> tuple[int, int]:
    """Where a wire-copy dateline ("KYIV, Ukraine (AP) -- ") is: at the start of the
    text, or of the first paragraph after a headline line; (0, 0) when there is none.

    >>> dateline("Talks resume\n\nKYIV, Ukraine (AP) -- Talks resumed.")
    (14, 36)
    """
    starts = [len(text) - len(text.lstrip())]
    first, nl, _ = text.lstrip().partition("\n")
    if nl and 0 < len(first.strip()) <= 150 and not first.rstrip().endswith((".", ":")):
        after = starts[0] + len(first) + 1
        starts.append(after + len(text[after:]) - len(text[after:].lstrip()))
    for at in starts:
        m = _DATELINE.match(text, at, at + 160)
        if m is None:
            continue
        word = m.group(0).split()[0].strip(",")
        if word.isupper() and len(word) > 1:
            return at, m.end()
    return 0, 0


def place_of(kb: KnowledgeBase, text: str, e: Entry, start: int, end: int) -> Place:
    """The Place a knowledge entry names, for the article text between start and end."""
    surface = text[start:end]
    if e.kind == "country":
        c = kb.countries[e.ref]
        return Place(surface, start, end, name=c.name, country=c.iso3, feature="country")
    pl = kb.place_by_name(e.phrase) or kb.places.get(e.ref)
    if pl is None and e.kind == "capital":
        c = kb.countries[e.ref]
        return Place(surface, start, end, name=e.phrase, country=c.iso3, feature="capital")
    if pl is None:
        return Place(surface, start, end, name=e.phrase)
    return Place(surface, start, end, name=pl.name, country=pl.country, lat=pl.lat,
                 lon=pl.lon, feature=pl.feature)


def is_locative(p: Parsed, match_at: dict[int, Match], i: int) -> bool:
    """A place word used as a place: "in Prague", "Sochi, Russia"."""
    t = p.toks[i]
    head = p.toks[t.head]
    if t.dep == "pobj" and head.lower in LOC_PREPS:
        return True
    if t.dep == "dobj" and head.lemma in place_verbs():
        return True  # "while visiting Yerevan"
    if t.dep == "appos":
        m = match_at.get(head.i)
        return bool(m and m.of_kind("place", "capital")) or head.ent in ("GPE", "LOC")
    return False
