"""Find candidate time expressions: run every rule, check context, keep the best.

Context checks are what keep "May I", "they march", "we fall behind" and "a
44-year-old man" out: month and weekday names must be capitalized, a bare
month that is also an English word needs a preposition or modifier in front,
and a season needs a determiner, a preposition or a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dyad.time.patterns import RULES

# Words after which a bare month name is a date ("in May", "since March").
_MONTH_LEADS = {
    "in", "since", "until", "till", "by", "of", "during", "from", "through", "before",
    "after", "to", "between", "and", "or", "early", "late", "mid", "last", "this", "next",
    "on", "for", "throughout", "around", "about", "that", "past", "each", "every",
    "end", "beginning", "start", "middle", "as", "into", "also",
}
# Month names that are also common English words.
_AMBIGUOUS_MONTHS = {"may", "march", "june", "august", "jan", "mar", "dec", "sept", "sep"}
_SEASON_LEADS = {"in", "during", "by", "until", "till", "since", "through", "over",
                 "throughout", "before", "after", "of", "for", "into", "from", "this", "that",
                 "late", "early", "last", "next"}
_WORD_BEFORE = re.compile(r"([A-Za-z']+)\W*$")


@dataclass(frozen=True)
class Candidate:
    """A span a rule matched, with the rule's named groups."""

    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    priority: int


def _word_before(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


def _capitalized(word: str | None) -> bool:
    return word is not None and word[:1].isupper()


def _valid(rule: str, g: dict[str, str | None], text: str, start: int, end: int) -> bool:
    """Whether the match is a time expression in its context."""
    for key in ("mon", "wd", "hol"):
        if g.get(key) and not _capitalized(g[key]):
            return False
    mon = (g.get("mon") or "").lower().rstrip(".")
    if mon and rule == "month":
        if mon in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                   "dec") and not (g.get("mon") or "").endswith("."):
            return False
        if not g.get("rel") and not g.get("yrel"):
            before = _word_before(text, start)
            if mon in _AMBIGUOUS_MONTHS and before not in _MONTH_LEADS:
                return False
            # "March" / "May" at the start of a clause followed by a lowercase word is a verb.
            if before not in _MONTH_LEADS and mon in _AMBIGUOUS_MONTHS | {"april"}:
                return False
    if rule == "year":
        before = text[max(0, start - 2):start]
        after = text[end:end + 12]
        if re.match(r"\s*(?:percent|per\s+cent|%|\.\d|,\d|-\d|[a-z]+s\b(?<!'s))", after) and \
                not g.get("mod"):
            return False
        if re.search(r"[\d.,:/]\s?$", before) or re.match(r"\s*[:/]\d", after):
            return False
        if re.search(r"(?:No\.|number|Nos\.|Flight|Route|Room|Article|Section)\s*$",
                     text[max(0, start - 10):start]):
            return False
    if rule == "season":
        rel = (g.get("rel") or "").lower()
        if not g.get("y") and (rel in ("", "the")):
            if _word_before(text, start) not in _SEASON_LEADS:
                return False
            if re.match(r"\s+of\s+(?!\d)", text[end:end + 8]):
                return False
        if rel in ("", "the") and not g.get("y") and \
                (g["season"] or "").lower() in ("fall", "spring") and \
                re.match(r"\s+(?:of|in)\s", text[end:end + 5]):
            return False
    if rule in ("dur", "relunit") and (g.get("unit") or "a")[0].isupper() and \
            not text[start:end].isupper():
        return False  # "60 Minutes", "This Week": titles, not times
    if rule == "set_adv" and (g["adv"] or "").lower() == "quarterly" and \
            re.match(r"\s+[a-z]", text[end:end + 3]):
        return False
    if rule == "dur":
        adj = (g.get("adj") or "").lower()
        unit = (g.get("unit") or "").lower()
        if unit.startswith("quarter") and re.match(r"\s+of\b", text[end:end + 4]):
            return False  # "three-quarters of its food"
        num = (g.get("num") or "").lower()
        if num in ("a", "an") and not g.get("pre") and re.search(
                r"(?:\d|million|billion|thousand|hundred|dollars|cents|percent|flights)\W*$",
                text[max(0, start - 12):start]):
            return False  # "$1.76 a year", "four flights a week": rates
        if "old" in adj or re.match(r"[-\s]+old\b", text[end:end + 6]):
            return False
        num = (g.get("num") or "").lower()
        # "a year" after "once/twice/times" is a frequency, handled as a set.
        if num in ("a", "an", "some", "many") and not g.get("pre") and _word_before(
                text, start) in ("once", "twice", "times", "per", "thrice"):
            return False
        if num in ("some", "many") and not g.get("pre") and not re.search(
                r"\bfor\s*$", text[max(0, start - 5):start]):
            return False
    if rule == "bare_plural" and not g.get("vq") and _word_before(text, start) not in (
            "for", "within", "in", "over", "taking", "take"):
        return False
    if rule == "set_per" and (g["per"] or "").lower() == "a" and _word_before(text, start) not in (
            "once", "twice", "times", "thrice"):
        return False
    if rule == "set_plural" and _word_before(text, start) not in (
            "on", "every", "most", "some", "all"):
        return False
    if rule == "quarter_ref" and (g.get("noun") or "").lower() == "period" and not g.get("qmod"):
        return False
    if rule == "vague":
        w = (g["w"] or "").lower()
        after = text[end:end + 20]
        if w in ("current", "recent", "future"):
            # Adjectives only before a noun, after a determiner or possessive:
            # "the current crisis", "its recent sale"; not "a current of air".
            if not re.match(r"\s+[a-z]", after) or re.match(r"\s+(?:of|and|or|account)\b",
                                                                after):
                return False
            if _word_before(text, start) not in ("the", "its", "his", "her", "their", "our",
                                                  "all", "a", "any", "in", "s", "my", "your"):
                return False
        if w == "soon" and re.match(r"\s+as\b", after):
            return False
        if w == "the past" and _word_before(text, start) not in ("in", "than", "from", "of"):
            return False
        if w == "shortly" and re.match(r"\s+(?:after|before)", text[end:end + 8]):
            return False
    if rule == "the_year" and _word_before(text, start) not in ("for", "of", "in", "during",
                                                                 "through", "throughout"):
        return False
    if rule == "slash_date":
        a, b = int(g["a"] or 0), int(g["b"] or 0)
        if not (1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)):
            return False
    return True


def find_candidates(text: str) -> list[Candidate]:
    """All accepted, non-overlapping candidates in ``text``, in text order.

    Longer spans win over shorter ones; among equal lengths the rule with the
    higher priority wins.
    """
    found: list[Candidate] = []
    for rule in RULES:
        for m in rule.regex.finditer(text):
            start, end = m.span()
            if end <= start:
                continue
            groups = m.groupdict()
            if _valid(rule.name, groups, text, start, end):
                found.append(Candidate(start, end, rule.name, groups, rule.priority))
    found.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    taken: list[Candidate] = []
    occupied = bytearray(len(text) + 1)
    for cand in found:
        if any(occupied[cand.start:cand.end]):
            continue
        occupied[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
        taken.append(cand)
    taken.sort(key=lambda c: c.start)
    return taken
