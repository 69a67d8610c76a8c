"""The words time expressions are built from, and how to read numbers in words.

These are closed classes of English (months, weekdays, units, number words), not
open-ended knowledge, so they live here rather than in a data file.
"""

from __future__ import annotations

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12,
}
MONTH_ABBR = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "tonight": "NI",
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# TimeML duration letters per unit; time units go after the 'T'.
UNIT_LETTER = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE", "weekend": "WE",
}
TIME_UNITS = {"second", "minute", "hour"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4,
}

_SMALL = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "couple": 2,
}
# Quantities that say "some number of": they give an X in the value.
VAGUE_NUMBERS = {"several", "few", "many", "some", "a few", "the few",
                 "a number of", "numerous", "dozens of", "hundreds of"}

NUMBER_WORD_RE = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|a\s+hundred|one\s+hundred"
    r"|a|an)"
)


def number_value(text: str) -> float | None:
    """The number a numeral or number phrase names: ``"twenty four"`` → 24,
    ``"16"`` → 16, ``"a"`` → 1; None for vague amounts (``"several"``)."""
    t = text.lower().replace(",", "").strip()
    if t in VAGUE_NUMBERS:
        return None
    if t.endswith(" 1/2"):  # "5 1/2 hours"
        whole = number_value(t[:-4])
        return None if whole is None else whole + 0.5
    t = t.removesuffix(" of").replace("a couple", "couple")
    try:
        return float(t)
    except ValueError:
        pass
    total = 0
    for word in t.replace("-", " ").split():
        if word == "hundred":
            total = max(total, 1) * 100
        elif word in _SMALL:
            total += _SMALL[word]
        else:
            return None
    return float(total)


def year_from_words(text: str) -> int | None:
    """The year a spoken year names: ``"nineteen ninety-seven"`` → 1997,
    ``"two thousand and one"`` → 2001."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        extra = number_value(" ".join(rest)) if rest else 0.0
        return None if extra is None else 2000 + int(extra)
    if len(words) < 2 or words[0] not in ("nineteen", "twenty"):
        return None
    century = 19 if words[0] == "nineteen" else 20
    if words[1:] == ["hundred"]:
        return century * 100
    within = number_value(" ".join(words[1:]))
    return None if within is None else century * 100 + int(within)
