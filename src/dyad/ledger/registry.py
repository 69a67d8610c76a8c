"""The registry of named agreements (data/agreements.yaml plus the user's files) and
the finding of mentions of them in text.

>>> reg = load_registry()
>>> [m.ids for m in reg.mentions("It contradicts the Prague and Sochi statements.")]
[['prague-2022'], ['sochi-2022']]
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import ConfigError, Messages
from dyad.records import TimeValue

_HEADS = ("statement|agreement|accord|declaration|memorandum|memorandums|memoranda|protocol|"
          "deal|treaty|ceasefire|truce|order|ruling|decision|resolution|communique|"
          "communiqué|understanding|armistice")
_PLURAL = {"statements": "statement", "agreements": "agreement", "accords": "accord",
           "declarations": "declaration", "memoranda": "memorandum", "memorandums": "memorandum",
           "protocols": "protocol", "deals": "deal", "treaties": "treaty", "orders": "order",
           "rulings": "ruling", "decisions": "decision", "resolutions": "resolution"}
_COORD = re.compile(
    r"\b((?:[A-Z][\w-]+)(?:\s*,\s*(?:the\s+)?[A-Z][\w-]+)*,?\s+and\s+(?:the\s+)?[A-Z][\w-]+)\s+("
    + "|".join(_PLURAL) + r")\b")
_DATED_HEAD = re.compile(r"^(?:'s)?\s*(?:(?:[A-Z][\w-]*|joint|ceasefire|peace|trilateral|"
                         r"tripartite)\s+){0,3}(" + _HEADS + r")\b", re.I)
_RULING = re.compile(r"\b(?:order|orders|ruling|ruled|decision|judgment|judgement|verdict|"
                     r"provisional measures|injunction)\b", re.I)


@dataclass
class Agreement:
    """One registry entry (see the header of data/agreements.yaml)."""

    id: str
    name: str
    date: str
    aliases: list[str] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    place: str | None = None
    kind: str = "agreement"
    parties: list[str] = field(default_factory=list)
    obligated: list[str] = field(default_factory=list)
    issuer: str | None = None
    mediators: list[str] = field(default_factory=list)
    covers: list[str] = field(default_factory=list)
    provisions: list[str] = field(default_factory=list)
    content: str = ""
    ended: str | None = None

    @property
    def bound(self) -> list[str]:
        """The parties its provisions bind."""
        return self.obligated or self.parties

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, [], "")}


@dataclass
class Mention:
    """Words in a text that name one or more registry entries."""

    start: int
    end: int
    text: str
    ids: list[str]
    how: str  # alias | generic | coordinated | dated | ruling | place


def _entry(d: dict[str, Any], where: str) -> Agreement:
    try:
        day = str(d["date"])
        date.fromisoformat(day)
        fields = {k: v for k, v in d.items() if k in Agreement.__dataclass_fields__}
        fields["date"] = day
        if fields.get("ended"):
            fields["ended"] = str(fields["ended"])
        for k in ("aliases", "generic", "context", "parties", "obligated", "mediators",
                  "covers", "provisions"):
            fields[k] = [str(x) for x in fields.get(k) or []]
        return Agreement(**fields)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(Messages.E204, path=where,
                          detail=f"agreement {d.get('id', '?')}: {exc!r}; each entry needs "
                                 "id, name and date (YYYY-MM-DD)") from exc


def _read(text: str, where: str) -> list[Agreement]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(Messages.E204, path=where, detail=exc) from exc
    items = data.get("agreements") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ConfigError(Messages.E204, path=where,
                          detail="expected a top-level 'agreements:' list of entries")
    return [_entry(d, where) for d in items]


class Registry:
    """The agreements, indexed for mention finding. Later files override earlier ids."""

    def __init__(self, entries: list[Agreement]) -> None:
        self.by_id: dict[str, Agreement] = {}
        for e in entries:
            self.by_id[e.id] = e
        self._alias: dict[str, list[tuple[str, bool]]] = {}
        for e in self.by_id.values():
            for a in e.aliases:
                self._alias.setdefault(a.lower(), []).append((e.id, False))
            for a in e.generic:
                self._alias.setdefault(a.lower(), []).append((e.id, True))
        names = sorted(self._alias, key=len, reverse=True)
        self._rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)",
                              re.I) if names else None

    def __len__(self) -> int:
        return len(self.by_id)

    def get(self, agreement_id: str | None) -> Agreement | None:
        return self.by_id.get(agreement_id or "")

    def _pick(self, alias: str, keys: set[str], published: str | None) -> list[str]:
        cands = []
        for aid, generic in self._alias.get(alias.lower(), []):
            e = self.by_id[aid]
            if published and e.date > published:
                continue  # an agreement cannot be named before it was made
            if generic and keys and not keys & set(e.context or e.parties):
                continue
            if generic and not keys:
                continue
            cands.append(e)
        if len(cands) > 1 and keys:  # shared aliases: prefer entries about the article's actors
            scored = [(len(keys & set(e.context + e.parties)), e) for e in cands]
            top = max(s for s, _ in scored)
            cands = [e for s, e in scored if s == top]
        if len(cands) > 1 and not alias.lower().endswith("s"):
            cands = [max(cands, key=lambda e: e.date)]  # singular: the most recent one
        return [e.id for e in cands]

    def mentions(self, text: str, keys: set[str] | None = None, published: str | None = None,
                 times: list[TimeValue] | None = None, offset: int = 0) -> list[Mention]:
        """Mentions of registry entries in ``text``: aliases, coordinated names ("the
        Prague and Sochi statements"), dated references ("the November 9, 2020 Trilateral
        Statement") and court rulings named by court and date. ``keys`` are the actor keys
        the article names (for generic aliases); ``times`` its time expressions, whose
        offsets are ``offset`` ahead of ``text``'s (a sentence's start in its article)."""
        keys = keys or set()
        text = text.replace("\u2019", "'")
        out: list[Mention] = []
        for m in _COORD.finditer(text):
            head = _PLURAL[m.group(2)]
            names = re.split(r"\s*,\s*(?:and\s+)?(?:the\s+)?|,?\s+and\s+(?:the\s+)?", m.group(1))
            for n in names:
                ids = self._pick(f"{n} {head}", keys, published)
                if ids:
                    s = m.start(1) + m.group(1).find(n)
                    out.append(Mention(s, m.end(), text[s:m.end()], ids, "coordinated"))
        if self._rx is not None:
            for m in self._rx.finditer(text):
                if any(o.start <= m.start() < o.end for o in out):
                    continue
                ids = self._pick(m.group(0), keys, published)
                if ids:
                    how = "generic" if all(
                        (i, True) in self._alias[m.group(0).lower()] for i in ids) else "alias"
                    out.append(Mention(m.start(), m.end(), m.group(0), ids, how))
        for t in times or []:
            if not t.value or len(t.value) < 10:
                continue
            t_start, t_end = t.start - offset, t.end - offset
            hm = _DATED_HEAD.match(text[t_end:t_end + 60])
            if not hm:
                continue
            end = t_end + hm.end()
            ids = [e.id for e in self.by_id.values() if _same_day(e.date, t.value)
                   and (not keys or keys & {*e.parties, *e.context, e.issuer})]
            if ids:
                out = [o for o in out if not (t_start <= o.start < end)]
                out.append(Mention(t_start, end, text[t_start:end], ids, "dated"))
        return sorted(out, key=lambda o: o.start)

    def rulings(self, sentence: str, issuers: set[str], keys: set[str],
                times: list[TimeValue]) -> list[str]:
        """Registry rulings by one of ``issuers`` on a date in ``times`` (a sentence that
        names a court, a ruling word and a date)."""
        if not issuers or not _RULING.search(sentence):
            return []
        days = {t.value[:10] for t in times if t.value and len(t.value) >= 10}
        return [e.id for e in self.by_id.values()
                if e.issuer in issuers and any(_same_day(e.date, d) for d in days)
                and (not keys or keys & set(e.parties + e.context))]

    def at_places(self, sentence: str, parties: set[str], begin: str | None,
                  end: str | None) -> list[str]:
        """Entries made at a place the sentence names, binding at least two of ``parties``
        (or all of them when fewer), dated inside [begin, end) when that is known."""
        found = []
        for e in self.by_id.values():
            if not e.place or not re.search(r"\b" + re.escape(e.place) + r"\b", sentence):
                continue
            common = parties & set(e.parties)
            if len(common) < min(2, len(parties)) or not common:
                continue
            if begin and e.date < begin:
                continue
            if end and e.date >= end:
                continue
            found.append(e.id)
        return found

    def on_day(self, parties: set[str], day: str, provisions: list[str]) -> list[str]:
        """Entries made on ``day`` (give or take one) binding at least two of
        ``parties`` (or all of them when fewer) and holding one of ``provisions``:
        "Israel and Hamas agreed to a ceasefire on January 15, 2025" is that day's deal."""
        found = []
        for e in self.by_id.values():
            common = parties & set(e.parties)
            if not common or len(common) < min(2, len(parties)):
                continue
            if provisions and not set(provisions) & set(e.provisions):
                continue
            if _same_day(e.date, day):
                found.append(e.id)
        return found


def _same_day(a: str, b: str) -> bool:
    """Dates one day apart count as the same (signing at midnight, time zones)."""
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b[:10])).days) <= 1
    except ValueError:
        return False


def registry_files() -> tuple[str, ...]:
    """User registry files from DYAD_AGREEMENTS (separated like PATH)."""
    raw = os.environ.get("DYAD_AGREEMENTS", "")
    return tuple(p for p in raw.split(os.pathsep) if p)


@lru_cache(maxsize=8)
def load_registry(extra: tuple[str, ...] | None = None) -> Registry:
    """The bundled agreements plus ``extra`` files (default: DYAD_AGREEMENTS)."""
    bundled = (resources.files("dyad") / "data" / "agreements.yaml").read_text("utf-8")
    entries = _read(bundled, "agreements.yaml")
    for path in registry_files() if extra is None else extra:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(Messages.E204, path=path, detail=exc) from exc
        entries.extend(_read(text, path))
    return Registry(entries)
