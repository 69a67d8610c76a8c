"""Label names by rule when the statistical entity recognizer is not run.

The recognizer is the costliest part of the small English pipeline (about 44%
of its time), and dyad resolves known names from its knowledge base anyway; the
actor layer only needs to know whether an unknown name is a person, an
organization or a place. This component gives it that from the tagger's proper
nouns and the rules in ``data/name_rules.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

NAMES = "dyad_rule_names_v1"


@dataclass(frozen=True)
class NameRules:
    org_heads: frozenset[str]
    place_heads: frozenset[str]
    inner: frozenset[str]
    not_names: frozenset[str]
    place_preps: frozenset[str]
    place_prefixes: frozenset[str] = frozenset()
    strong_place_preps: frozenset[str] = frozenset()
    law_heads: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def name_rules() -> NameRules:
    data = resources.files("dyad") / "data"
    raw = yaml.safe_load((data / "name_rules.yaml").read_text("utf-8"))
    fields = {k: frozenset(str(w).lower() for w in raw[k]) for k in (
        "org_heads", "place_heads", "inner", "not_names", "place_preps", "place_prefixes",
        "strong_place_preps", "law_heads")}
    return NameRules(**fields, title_words=_title_words(data / "agents.tsv"))


def _title_words(path: Any) -> frozenset[str]:
    """Words of the titles in agents.tsv ("foreign", "minister"): they introduce a
    name ("Foreign Minister Ana Brnabic") but are not part of it."""
    words: set[str] = set()
    for line in path.read_text("utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 3 and cells[2].strip() == "title" and not line.startswith("#"):
            words.update(cells[0].lower().split())
    return frozenset(words)


def _is_name_word(tok_text: str, pos: str, rules: NameRules) -> bool:
    return pos == "PROPN" and tok_text[:1].isupper() and tok_text.lower() not in rules.not_names


def label_names(doc: Doc) -> list[Span]:
    """Spans of proper-noun runs labelled PERSON, ORG or GPE."""
    rules = name_rules()
    spans: list[Span] = []
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        if not _is_name_word(t.text, t.pos_, rules):
            i += 1
            continue
        if t.lower_ in rules.title_words and i + 1 < n and doc[i + 1].pos_ == "PROPN":
            i += 1  # "Foreign Minister Ana Brnabic": the title is not part of the name
            continue
        j = i + 1
        while j < n:
            w = doc[j]
            if _is_name_word(w.text, w.pos_, rules):
                j += 1
            elif (w.text == "-" and not doc[j - 1].whitespace_ and j + 1 < n
                  and doc[j + 1].text[:1].isupper()):
                j += 2  # "Mensah-Darko"
            elif (w.lower_ in rules.inner and j + 1 < n
                  and _is_name_word(doc[j + 1].text, doc[j + 1].pos_, rules)
                  and (w.lower_ not in ("of", "for", "and")
                       or any(doc[k].lower_ in rules.org_heads for k in range(i, j)))):
                # "Union of Teachers" joins; "Ana Brnabic of Serbia" does not
                j += 2
            else:
                break
        label = _label(doc, i, j, rules)
        if label:
            spans.append(Span(doc, i, j, label=label))
        i = j
    return spans


def _label(doc: Doc, i: int, j: int, rules: NameRules) -> str | None:
    words = [doc[k] for k in range(i, j)]
    lowers = {w.lower_ for w in words}
    if words[-1].lower_ in rules.law_heads and len(words) > 1:
        return "LAW"  # "the Indus Waters Treaty", "the Minsk Protocol"
    if lowers & rules.org_heads or any(w.text.isupper() and len(w.text) > 1 for w in words):
        return "ORG"
    if lowers & rules.place_heads:
        return "LOC"
    # the common noun the name modifies: "the Abu Shouk camp", "the Wagner group"
    after = [doc[k] for k in range(j, min(j + 2, len(doc))) if doc[k].pos_ == "NOUN"]
    if after and after[-1].lower_ in rules.place_heads:
        return "LOC"
    if after and after[-1].lower_ in rules.org_heads:
        return "ORG"
    before = doc[i - 1].lower_ if i > 0 else ""
    if len(words) >= 2 and (words[0].lower_ in rules.place_prefixes
                            or before in rules.strong_place_preps):
        return "GPE"
    if len(words) >= 2 and all(w.text[:1].isupper() or w.lower_ in rules.inner for w in words):
        return "PERSON"
    if before in rules.place_preps:
        return "GPE"
    return None


@Language.component(NAMES)
def rule_names(doc: Doc) -> Doc:
    """Set ``doc.ents`` from the proper-noun rules (runs after the tagger)."""
    doc.ents = label_names(doc)
    return doc
