"""Find knowledge-base phrases in a parsed article: the raw material of actor mentions.

Matching is on the surface text (case-folded, apostrophes straightened), longest
phrase first. Phrases written with capitals in the knowledge base must start
with a capital in the text, and all-capital acronyms must match exactly, so
that "us" is not the United States and "chad" is not Chad.
"""

from __future__ import annotations

from dataclasses import dataclass

from dyad.actors.kb import Entry, KnowledgeBase, first_word, normalize
from dyad.nlp.parse import Parsed

MAX_WORDS = 7

# When a phrase can stand for several things, the first kind listed wins; a user's
# imported dictionary comes first, since the user's codes are what they asked for.
KIND_ORDER = (
    "dictionary", "person", "org", "country", "capital", "seat", "demonym", "place", "title",
    "agent", "org_generic",
)  # fmt: skip
_RANK = {k: n for n, k in enumerate(KIND_ORDER)}


@dataclass
class Match:
    start: int  # token range [start, end)
    end: int
    entries: list[Entry]

    @property
    def kind(self) -> str:
        return self.entries[0].kind

    def of_kind(self, *kinds: str) -> Entry | None:
        for e in self.entries:
            if e.kind in kinds:
                return e
        return None


def _case_ok(phrase: str, surface: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    if not letters:
        return True
    if all(c.isupper() for c in letters) and len(letters) <= 6:
        return phrase.replace(".", "") == surface.replace(".", "")
    if phrase[0].isupper() or (phrase.startswith("the ") and phrase[4:5].isupper()):
        first = surface[4:5] if surface.lower().startswith("the ") else surface[:1]
        return first.isupper()
    return True


def find_matches(parsed: Parsed, kb: KnowledgeBase) -> list[Match]:
    """Non-overlapping knowledge-base matches, longest first, in text order."""
    index = kb.index()
    stems = kb.stem_index()
    firsts = None if stems else kb.first_words()
    toks = parsed.toks
    out: list[Match] = []
    i, n = 0, len(toks)
    while i < n:
        block = _blocked_at(parsed, i)
        if block:
            i += block  # "Latin American", "South America": no country of their own
            continue
        if not (toks[i].text[:1].isalnum()) or (
                firsts is not None and first_word(toks[i].text) not in firsts):
            i += 1
            continue
        found = _match_at(parsed, index, i, stems)
        if found and found.kind == "org_generic" and found.end - i > 1:
            # "the Organization of Turkic States" is a name, not "the organization"
            longer = _match_at(parsed, index, i + 1, stems)
            if longer is not None and longer.end > found.end:
                found = longer
        if found and kb.dict_actors and found.kind != "dictionary" and found.end - i > 1:
            # "the European Union": a user's dictionary phrase without "the" comes first
            inner = _match_at(parsed, index, i + 1, stems)
            if inner is not None and inner.kind == "dictionary" and inner.end >= found.end:
                found = inner
        if found:
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


# Region and identity words that contain a country's name or demonym but stand for
# no country: "Latin American countries" are not American, "African Americans" not
# a state's people.
_REGION_WORDS = {"latin", "south", "central", "north", "pan", "african", "native", "asian",
                 "arab", "mexican", "irish", "italian"}
_REGION_HEADS = {"america", "american", "americans", "americas"}


def _blocked_at(parsed: Parsed, i: int) -> int:
    """How many tokens from i form a region phrase ("Latin American"); 0 if none."""
    toks = parsed.toks
    if i + 1 < len(toks) and toks[i].lower in _REGION_WORDS and \
            toks[i + 1].lower in _REGION_HEADS and toks[i].text[:1].isupper():
        return 2
    return 0


def _match_at(parsed: Parsed, index: dict[str, list[Entry]], i: int,
              stems: dict[str, list[Entry]] | None = None) -> Match | None:
    """The longest knowledge-base phrase starting at token i, if any.

    ``stems`` (only with an imported dictionary) holds phrases whose last word may
    be the start of a longer word: "Argentin" matches "Argentina".
    """
    toks, text = parsed.toks, parsed.text
    if i >= len(toks):
        return None
    for width in range(min(MAX_WORDS, len(toks) - i), 0, -1):
        j = i + width - 1
        if toks[j].sent != toks[i].sent:
            continue
        surface = text[toks[i].idx : toks[j].end]
        entries = index.get(normalize(surface))
        if not entries and stems:
            entries = _stem_entries(stems, normalize(surface))
        if not entries:
            continue
        ok = [e for e in entries if _case_ok(e.phrase, surface)]
        if ok:
            ok.sort(key=lambda e: _RANK.get(e.kind, 99))
            return Match(i, i + width, ok)
    return None


def _stem_entries(stems: dict[str, list[Entry]], key: str) -> list[Entry] | None:
    """Stem phrases that the key extends: its last word cut back one letter at a time."""
    head, _, last = key.rpartition(" ")
    prefix = f"{head} " if head else ""
    for cut in range(len(last) - 1, 4, -1):
        found = stems.get(prefix + last[:cut])
        if found:
            return found
    return None
