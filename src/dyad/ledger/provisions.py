"""The provision typology (data/provisions.yaml): cue words that classify a
commitment's content, and the rules saying which later acts each provision rules out.

>>> load_provisions().classify("respect each other's territorial integrity")
'territorial_integrity'
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import ConfigError, Messages

TYPOLOGY = ("ceasefire", "withdrawal", "territorial_integrity", "non_use_of_force",
            "prisoner_exchange", "humanitarian_access", "refugee_return", "ddr", "amnesty",
            "elections_power_sharing", "monitoring", "guarantor", "reaffirmation",
            "economic_transit", "process", "other")


def _any(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b", re.I)


@dataclass
class Rule:
    """One kind of act a provision rules out."""

    provision: str
    events: frozenset[str]
    triggers: re.Pattern[str] | None
    target: str  # other_party | any
    note: str


@dataclass
class Provision:
    name: str
    cues: re.Pattern[str] | None
    rules: list[Rule] = field(default_factory=list)
    act_cues: re.Pattern[str] | None = None
    alleged_cues: re.Pattern[str] | None = None
    excuses: re.Pattern[str] | None = None


@dataclass
class Provisions:
    """Everything in provisions.yaml, compiled."""

    by_name: dict[str, Provision]
    act_nouns: dict[str, re.Pattern[str]]
    act_breaks: dict[str, frozenset[str]]
    explicit: re.Pattern[str]
    implementation: re.Pattern[str]
    denial: re.Pattern[str]
    pledge: re.Pattern[str]
    courts: frozenset[str]

    def classify(self, content: str) -> str:
        """The first provision (in file order) whose cues match ``content``, else 'other'."""
        for p in self.by_name.values():
            if p.cues is not None and p.cues.search(content):
                return p.name
        return "other"

    def classify_all(self, content: str) -> list[str]:
        """Every provision whose cues match, in file order."""
        return [p.name for p in self.by_name.values()
                if p.cues is not None and p.cues.search(content)]

    def act_kind(self, text: str) -> str | None:
        """The kind of act a noun phrase names (speech, blockade, attack, ...), if any."""
        best: tuple[int, str] | None = None
        for kind, rx in self.act_nouns.items():
            m = rx.search(text)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), kind)
        return best[1] if best else None

    def breakable(self, kind: str | None, provision: str) -> bool:
        """Whether an act of this kind can go against the provision (unknown: yes)."""
        return kind is None or provision in self.act_breaks.get(kind, frozenset())


def _load(data: dict[str, Any], where: str) -> Provisions:
    provs: dict[str, Provision] = {}
    for name, spec in (data.get("provisions") or {}).items():
        if name not in TYPOLOGY:
            known = ", ".join(TYPOLOGY)
            raise ConfigError(Messages.E204, path=where,
                              detail=f"unknown provision '{name}' (expected one of {known})")
        rules = [Rule(name, frozenset(r.get("events") or []),
                      re.compile(r["triggers"]) if r.get("triggers") else None,
                      r.get("target", "other_party"), r.get("note", ""))
                 for r in spec.get("rules_out") or []]
        provs[name] = Provision(name, _any(spec.get("cues") or []), rules,
                                _any(spec.get("act_cues") or []),
                                _any(spec.get("alleged_cues") or []),
                                _any(spec.get("excuses") or []))
    acts = data.get("acts") or {}
    cues = data.get("allegation_cues") or {}
    never = re.compile(r"(?!x)x")
    return Provisions(
        by_name=provs,
        act_nouns={k: _any(v.get("nouns") or []) or never for k, v in acts.items()},
        act_breaks={k: frozenset(v.get("breaks") or []) for k, v in acts.items()},
        explicit=_any(cues.get("explicit") or []) or never,
        implementation=_any(cues.get("implementation") or []) or never,
        denial=_any(cues.get("denial") or []) or never,
        pledge=_any(data.get("pledge_cues") or []) or never,
        courts=frozenset(data.get("courts") or []))


@lru_cache(maxsize=4)
def load_provisions(path: str | None = None) -> Provisions:
    """The bundled provisions.yaml, or the file named by ``path`` or DYAD_PROVISIONS."""
    path = path or os.environ.get("DYAD_PROVISIONS") or None
    try:
        if path:
            text = Path(path).read_text(encoding="utf-8")
        else:
            text = (resources.files("dyad") / "data" / "provisions.yaml").read_text("utf-8")
        data = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError, re.error) as exc:
        raise ConfigError(Messages.E204, path=path or "provisions.yaml", detail=exc) from exc
    try:
        return _load(data, path or "provisions.yaml")
    except re.error as exc:
        raise ConfigError(Messages.E204, path=path or "provisions.yaml", detail=exc) from exc
