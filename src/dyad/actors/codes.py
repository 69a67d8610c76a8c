"""Composite CAMEO-style codes from an imported dictionary: actor code plus agent codes.

A dictionary gives actors whole codes ("ARN", "HGWGOVMED", dated ones for people)
and agent nouns code parts: "~GOV" goes after the actor's code ("ARN" + "~MIL" ->
"ARNMIL"), "NGO~" before it ("NGO~" + "ARN" -> "NGOARN").
"""

from __future__ import annotations

from collections.abc import Iterable


def compose(base: str | None, prefixes: Iterable[str] = (), suffixes: Iterable[str] = ()) -> str:
    """Prefix codes, then the base code, then each suffix the code does not already end with."""
    code = "".join(p for p in prefixes if p and not (base or "").startswith(p)) + (base or "")
    for suf in suffixes:
        if suf and not code.endswith(suf):
            code += suf
    return code
