"""Reading PLOVER gold-standard records (GSR): records, inline markup, label and code rules.

The GSR file is JSON Lines, one coded sentence per line, with PLOVER 0.5b1
labels. This module turns each line into a :class:`GoldRecord` with the label
mapped to the current 16 types, tidy actor lists and the character spans of
the ``(EVT: ...)`` words in the sentence. It knows the upstream quirks:
``target`` may be ``""``, missing or a stray string; the markup nests tags,
leaves literal parentheses such as ``(WFP)`` in place, and its words sometimes
differ from ``text``.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import ConfigError, Messages

#: PLOVER 0.5b1 names that changed; every other label is already current.
LABEL_MAP: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: Pre-ISO or CAMEO-era country codes that gold coders sometimes kept.
LEGACY_CODES: dict[str, str] = {
    "JAP": "JPN",
    "ROM": "ROU",
    "ZAR": "COD",
    "TMP": "TLS",
    "YUG": "SRB",
    "UK": "GBR",
    "GER": "DEU",
    "BUR": "MMR",
}

# CAMEO actor codes for organizations rather than states: international and
# non-governmental organizations, multinationals, international militarized groups.
_ORG_PREFIXES = ("IGO", "NGO", "MNC", "IMG")

# Words in an actor's text that say it is an organization even when the gold
# code is a country (e.g. "Hamas" coded PSE); such actors match either way.
_ORG_WORDS = re.compile(
    r"\b(United Nations|U\.N\.|UN|Red Cross|Red Crescent|Amnesty|European (Community|Union)"
    r"|NATO|Hamas|Hezbollah|Hizbollah|Taliban|al-Qaeda|SPLM|Party|Union|Forum|Organi[sz]ation"
    r"|Front|Movement|Council|Committee|Agency|Fund)\b",
)


def map_label(label: str | None) -> str | None:
    """Map a PLOVER 0.5b1 event label to the current 16: ``map_label("DEMAND") == "REQUEST"``."""
    if not label:
        return None
    up = label.strip().upper()
    return LABEL_MAP.get(up, up)


@dataclass(frozen=True)
class GoldActor:
    """One gold actor: its text, normalised code and sector as given."""

    text: str
    code: str | None
    sector: str | None = None

    @property
    def country(self) -> str | None:
        """ISO alpha-3 the code stands for, or None for organization codes."""
        if not self.code or self.is_org_code:
            return None
        if len(self.code) > 3 and self.code[:3].isalpha():
            return self.code[:3]  # CAMEO-style "USAGOV": country then role
        return self.code

    @property
    def is_org_code(self) -> bool:
        return self.code is not None and self.code.startswith(_ORG_PREFIXES)

    @property
    def names_org(self) -> bool:
        """The actor is an organization, by its code or by the words of its text."""
        return self.is_org_code or bool(_ORG_WORDS.search(self.text))


@dataclass
class GoldRecord:
    """One gold sentence with its single event, mapped to current PLOVER."""

    id: str
    text: str
    event: str  # as in the file (0.5b1)
    gold_type: str  # current 16
    source: list[GoldActor]
    target: list[GoldActor]
    reciprocal: bool
    evt_spans: list[tuple[int, int]]
    markup: str = ""
    notes: list[str] = field(default_factory=list)


# --- markup -------------------------------------------------------------------

_TAG = r"(?:SRC|TAR|EVT|LOC)"
_OPEN = re.compile(rf"\(\s*({_TAG}(?:\s*/\s*{_TAG})*)\s*:\s*")


@dataclass(frozen=True)
class TaggedSpan:
    """A tagged phrase of the markup: its roles and offsets in the markup's plain text."""

    roles: frozenset[str]
    start: int
    end: int


def parse_markup(markup: str) -> tuple[str, list[TaggedSpan]]:
    """Strip the inline tags from ``markup``; return the plain text and the tagged spans.

    ``parse_markup("(SRC: Peru) (EVT: hit) x")`` gives ``("Peru hit x", [SRC 0-4, EVT 5-8])``.
    Tags may nest; parentheses that open no tag are kept as text.
    """
    plain: list[str] = []
    spans: list[TaggedSpan] = []
    # None marks a literal "(" so that its ")" is kept as text too.
    stack: list[tuple[frozenset[str], int] | None] = []
    i = 0
    while i < len(markup):
        m = _OPEN.match(markup, i)
        if m:
            roles = frozenset(r.strip() for r in m.group(1).split("/"))
            stack.append((roles, len(plain)))
            i = m.end()
            continue
        ch = markup[i]
        if ch == ")" and stack:
            top = stack.pop()
            if top is None:
                plain.append(ch)
            else:
                spans.append(_trimmed(plain, top[0], top[1], len(plain)))
        else:
            if ch == "(":
                stack.append(None)
            plain.append(ch)
        i += 1
    for top in reversed(stack):  # unclosed tags run to the end
        if top is not None:
            spans.append(_trimmed(plain, top[0], top[1], len(plain)))
    spans.sort(key=lambda s: (s.start, s.end))
    return "".join(plain), spans


def _trimmed(plain: list[str], roles: frozenset[str], start: int, end: int) -> TaggedSpan:
    while start < end and plain[start].isspace():
        start += 1
    while end > start and plain[end - 1].isspace():
        end -= 1
    return TaggedSpan(roles, start, end)


def locate_phrase(
    phrase: str, text: str, near: int = 0, plain: str | None = None, plain_start: int = 0
) -> tuple[int, int] | None:
    """Find ``phrase`` in ``text``, whitespace- and case-tolerant; the match nearest ``near``.

    When the words differ (the markup was edited apart from the text), fall back to
    aligning ``plain`` (the markup's plain text, phrase at ``plain_start``) with ``text``.
    Returns (start, end) offsets into ``text``, or None.
    """
    words = phrase.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    left = r"(?<!\w)" if words[0][0].isalnum() else ""
    right = r"(?!\w)" if words[-1][-1].isalnum() else ""
    for pattern in (left + body + right, body):
        hits = [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
        if hits:
            return min(hits, key=lambda h: abs(h[0] - near))
    if plain is None:
        return None
    matcher = difflib.SequenceMatcher(None, plain, text, autojunk=False)
    mapped = [
        b + (k - a)
        for a, b, size in matcher.get_matching_blocks()
        for k in range(max(a, plain_start), min(a + size, plain_start + len(phrase)))
    ]
    return (min(mapped), max(mapped) + 1) if mapped else None


def evt_spans(markup: str, text: str) -> list[tuple[int, int]]:
    """Character spans in ``text`` of the markup's ``(EVT: ...)`` phrases, in order."""
    plain, spans = parse_markup(markup)
    scale = len(text) / len(plain) if plain else 1.0
    found: list[tuple[int, int]] = []
    for span in spans:
        if "EVT" not in span.roles:
            continue
        phrase = plain[span.start : span.end]
        hit = locate_phrase(phrase, text, int(span.start * scale), plain, span.start)
        if hit:
            found.append(hit)
    return found


def markup_reciprocal(markup: str) -> bool:
    """True when the markup tags some actor as both source and target (``SRC/TAR``)."""
    return any({"SRC", "TAR"} <= s.roles for s in parse_markup(markup)[1])


# --- records --------------------------------------------------------------------


def _actors(value: Any, side: str, notes: list[str]) -> list[GoldActor]:
    if value is None:
        notes.append(f"{side} missing")
        return []
    if value == "":
        notes.append(f"{side} empty")
        return []
    if not isinstance(value, list):
        notes.append(f"{side} is not a list ({value!r}): read as empty")
        return []
    out: list[GoldActor] = []
    for item in value:
        if not isinstance(item, dict):
            continue
        code = str(item.get("code") or "").strip().upper() or None
        if code:
            code = LEGACY_CODES.get(code, code)
        out.append(GoldActor(str(item.get("actorText") or "").strip(), code, item.get("sector")))
    return out


def gold_from_dict(data: dict[str, Any]) -> GoldRecord | None:
    """Build a :class:`GoldRecord` from one GSR JSON object; None when it has no text or event."""
    text = data.get("text")
    gold_type = map_label(data.get("event"))
    if not isinstance(text, str) or not text.strip() or not gold_type:
        return None
    notes: list[str] = []
    source = _actors(data.get("source"), "source", notes)
    target = _actors(data.get("target"), "target", notes)
    info = data.get("textInfo")
    markup = info.get("markup") if isinstance(info, dict) else None
    markup = markup if isinstance(markup, str) else ""
    reciprocal = markup_reciprocal(markup) or (not target and len(source) > 1)
    return GoldRecord(
        id=str(data.get("id") or ""),
        text=text,
        event=str(data["event"]),
        gold_type=gold_type,
        source=source,
        target=target,
        reciprocal=reciprocal,
        evt_spans=evt_spans(markup, text) if markup else [],
        markup=markup,
        notes=notes,
    )


def load_gold(path: Path | str) -> tuple[list[GoldRecord], list[dict[str, str]]]:
    """Read a GSR file (JSON Lines, or the upstream JSON list); return records and skips.

    Records are keyed by (id, text): a repeat of both is skipped. Each skip is
    ``{"id", "reason"}``. Raises ConfigError E205 when nothing usable is left.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(Messages.E205, path=path, detail=f"cannot read it: {exc}") from exc
    items: list[Any] = []
    skipped: list[dict[str, str]] = []
    if raw.lstrip().startswith("["):
        try:
            items = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ConfigError(Messages.E205, path=path, detail=f"invalid JSON: {exc}") from exc
    else:
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                skipped.append({"id": f"line {n}", "reason": f"invalid JSON: {exc.msg}"})
    records: list[GoldRecord] = []
    seen: set[tuple[str, str]] = set()
    for item in items:
        rec = gold_from_dict(item) if isinstance(item, dict) else None
        ident = str(item.get("id", "?")) if isinstance(item, dict) else "?"
        if rec is None:
            skipped.append({"id": ident, "reason": "no text or no event label"})
        elif (rec.id, rec.text) in seen:
            skipped.append({"id": ident, "reason": "repeats an earlier (id, text)"})
        else:
            seen.add((rec.id, rec.text))
            records.append(rec)
    if not records:
        raise ConfigError(Messages.E205, path=path, detail=f"{len(skipped)} lines skipped")
    return records, skipped
