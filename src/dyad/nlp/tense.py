"""Tense of the verb that governs a stretch of text, for time grounding.

The temporal layer resolves "on Friday" backwards in a past clause and forwards
in a future one; this gives it that fact from the parse, as a plain callback.
"""

from __future__ import annotations

from collections.abc import Callable

from dyad.nlp.parse import Parsed

_FUTURE = {"will", "shall", "'ll", "wo"}
_MODAL = {"would", "could", "might", "may", "should", "can", "must"}


def tense_of(p: Parsed, i: int) -> str | None:
    """"past", "present" or "future" for the clause around token ``i``, or None."""
    t = p.toks[i]
    for _ in range(12):
        if t.pos in ("VERB", "AUX") and t.dep != "aux":
            break
        if t.head == t.i:
            break
        t = p.toks[t.head]
    if t.pos not in ("VERB", "AUX"):
        return None
    aux = [p.toks[c] for c in t.children if p.toks[c].dep in ("aux", "auxpass")]
    words = {a.lower for a in aux}
    if words & _FUTURE:
        return "future"
    if any(a.lower == "going" for a in aux) or words & _MODAL:
        return "future" if words & {"will", "shall"} else None
    if t.tag == "VBD" or any(a.tag == "VBD" for a in aux):
        return "past"
    if t.tag == "VBN" and any(a.lemma == "have" for a in aux):
        return "past"
    if t.tag in ("VBZ", "VBP") or any(a.tag in ("VBZ", "VBP") for a in aux):
        return "present"
    return None


def tense_finder(p: Parsed) -> Callable[[int, int], str | None]:
    """A callback (start_char, end_char) -> tense, as ``dyad.time.tag_times`` takes."""

    def at(start: int, end: int) -> str | None:
        tok = p.token_at(start)
        return tense_of(p, tok.i) if tok is not None else None

    return at
