"""Read CAMEO / PETRARCH / TABARI actor and agent dictionaries into dyad's knowledge format.

The dictionaries are plain text, one entry per block:

- a root phrase (``NORTH_KOREA``, ``CARAS GALADHON``) with words joined by ``_`` or
  spaces; a word ending in ``_`` must match exactly, a final word without it is a
  stem ("ARGENTIN" also matches "Argentina"; stems shorter than five letters match
  exactly, so that "ENT" is not "Entwash");
- ``+SYNONYM`` lines that add phrases to the root above them;
- codes in brackets, on the root's line or on indented lines below: ``[ARN]``,
  ``[HOB <950601]`` (until), ``[HOBREB >990816]`` (from),
  ``[HOBGOV 19950601-19990815]`` (between, both days included; the first code
  listed that covers a date wins); six-digit dates are YYMMDD with years
  up to 30 read as 20xx; several codes may be given as ``[ELR/GAL]``;
- in agent files, ``PHRASE {PLURAL,...} [~SECTOR]``: ``~GOV`` adds the sector after
  the actor's code, ``NGO~`` puts the code before it; ``{}`` means the phrase has
  no plural, no braces means the regular plural is added;
- ``!NAME! = A, B, C`` substitution sets, used as ``CONGRESS!PERSON!`` or
  ``!MINST!_OF_SILLY_WALKS``;
- comments after ``#``, ``<!-- ... -->`` blocks (which may span lines) and lines
  starting with ``@`` or ``&`` (verb-file patterns and synonym sets), which are
  skipped with a note.

``parse_files`` returns a :class:`Dictionary`; ``to_yaml_dict`` gives the mapping
that ``dyad.actors.kb`` reads as a user knowledge file (sections
``dictionary_actors`` and ``agents``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dyad.actors.kb import DatedCode
from dyad.errors import ConfigError, Messages

MIN_STEM = 5  # shorter stems match as whole words only

_CODE = re.compile(r"\[([^\]]*)\]")
_SUBST = re.compile(r"^(![A-Za-z0-9_]+!)\s*=\s*(.+)$")
_DATED = re.compile(r"^([^\s<>]+)?\s*(?:([<>])\s*(\d{6}|\d{8})|(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8}))$")
_CODE_CHARS = re.compile(r"^[A-Za-z0-9~+#\-/]+$")


@dataclass
class DictActor:
    phrase: str  # the root phrase, as dyad writes it ("Minas Tirith")
    synonyms: list[str] = field(default_factory=list)
    code: str | None = None  # the undated code
    dated: list[DatedCode] = field(default_factory=list)
    stems: list[str] = field(default_factory=list)  # phrases whose last word is a stem
    source: str = ""  # file:line of the root


@dataclass
class DictAgent:
    phrase: str
    code: str  # the sector part: "GOV", "GOVFRM", "NGO"
    prefix: bool = False  # "NGO~": the code goes before the actor's code
    plurals: list[str] = field(default_factory=list)
    source: str = ""


@dataclass
class Dictionary:
    actors: list[DictActor] = field(default_factory=list)
    agents: list[DictAgent] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # skipped lines, for the user
    files: list[str] = field(default_factory=list)


class _Bad(Exception):
    """A malformed line; carries the detail, the caller adds file and line."""


def parse_date(text: str) -> date:
    """``950601`` (YYMMDD, years to 30 are 20xx) or ``19950601`` as a date."""
    try:
        if len(text) == 6:
            yy = int(text[:2])
            year = 2000 + yy if yy <= 30 else 1900 + yy
            return date(year, int(text[2:4]), int(text[4:6]))
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as exc:
        raise _Bad(f"'{text}' is not a valid date ({exc})") from exc


def parse_code(body: str) -> DatedCode | None:
    """The inside of ``[...]``: a code, optionally with a date restriction.

    Returns None for a range whose end comes before its start (found in real
    dictionaries), which the caller notes and skips.
    """
    body = " ".join(body.split())
    m = _DATED.match(body)
    if m is None:
        if not body or not _CODE_CHARS.match(body.replace(" ", "")):
            raise _Bad(f"cannot read code '[{body}]'")
        return DatedCode(body.replace(" ", ""))
    code, sign, d1, a, b = m.groups()
    if not code:
        raise _Bad(f"date restriction without a code: '[{body}]'")
    if sign == "<":
        return DatedCode(code, end=parse_date(d1))
    if sign == ">":
        return DatedCode(code, start=parse_date(d1))
    start, end = parse_date(a), parse_date(b)
    if end < start:
        return None  # dates out of order: the caller notes it and keeps the entry
    # dictionary ranges include their last day; dyad's ``end`` is the first day after
    return DatedCode(code, start=start, end=end + timedelta(days=1))


def _words(raw: str) -> tuple[str, bool]:
    """Dictionary phrase -> (dyad phrase, last word is a stem)."""
    raw = raw.strip()
    stem = not raw.endswith("_")
    words = [w for w in re.split(r"[_\s]+", raw) if w]
    if not words:
        raise _Bad("empty phrase")
    if len(words[-1]) < MIN_STEM or not words[-1][-1:].isalpha():
        stem = False
    if len(words) == 1:
        return _case(words[0]), stem
    return " ".join(_case(w, n == 0, acronyms=False) for n, w in enumerate(words)), stem


def _case(word: str, first: bool = True, acronyms: bool = True) -> str:
    # Dictionaries are written in capitals. Dotted words, and single words of up to
    # three letters, are read as acronyms ("U.S.", "IMF") and must match exactly;
    # other words are capitalized, so that only a capitalized word in the text matches.
    low = word.lower()
    if low in _SMALL:
        return low.capitalize() if first else low
    letters = [c for c in word if c.isalpha()]
    if "." in word or (acronyms and 2 <= len(letters) <= 3 and word.isupper()):
        return word
    return word[:1].upper() + word[1:].lower()


_SMALL = {"of", "the", "and", "for", "de", "in", "on", "to", "al"}


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0]


class _Reader:
    """One file at a time; keeps the substitution sets and the open root."""

    def __init__(self, out: Dictionary, agents_file: bool | None) -> None:
        self.out = out
        self.agents_file = agents_file
        self.subst: dict[str, list[str]] = {}

    def read(self, path: Path, lenient: bool) -> None:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise ConfigError(Messages.E208, path=path, line=0, detail=str(exc)) from exc
        self.out.files.append(str(path))
        agents = self.agents_file
        if agents is None:  # agent files are the ones whose codes start with "~"
            agents = bool(re.search(r"\[\s*~", text)) or "agent" in path.name.lower()
        current: DictActor | None = None
        in_comment = False
        for n, raw in enumerate(text.splitlines(), 1):
            line = raw.rstrip()
            if in_comment or line.lstrip().startswith("<!"):
                in_comment = "-->" not in line
                continue
            body = _strip_comment(line)
            if not body.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                if agents:
                    self._agent_line(body.strip(), where)
                else:
                    current = self._actor_line(body, current, where)
            except _Bad as exc:
                if not lenient:
                    raise ConfigError(Messages.E208, path=path, line=n, detail=str(exc)) from None
                self.out.notes.append(f"{where}: skipped: {exc}")
        self._close(current)

    # -- actors -----------------------------------------------------------------

    def _close(self, actor: DictActor | None) -> None:
        if actor is None:
            return
        if actor.code is None and not actor.dated:
            self.out.notes.append(f"{actor.source}: '{actor.phrase}' has no code; skipped")
            return
        self.out.actors.append(actor)

    def _actor_line(self, body: str, current: DictActor | None, where: str) -> DictActor | None:
        stripped = body.strip()
        if stripped[:1] in ("@", "&", "!", "="):
            self.out.notes.append(f"{where}: '{stripped[:30]}' is not an actor entry; skipped")
            return current
        if stripped.startswith("+"):
            if current is None:
                raise _Bad("synonym '+...' before any root phrase")
            phrase, stem = _words(_CODE.sub(" ", stripped[1:]))
            current.synonyms.append(phrase)
            if stem:
                current.stems.append(phrase)
            self._codes(stripped, current)
            return current
        if body[:1].isspace() and stripped.startswith("["):
            if current is None:
                raise _Bad("code line before any root phrase")
            self._codes(stripped, current)
            return current
        if stripped.startswith("["):
            if current is None:
                raise _Bad("code line before any root phrase")
            self._codes(stripped, current)
            return current
        self._close(current)
        if ("[" in stripped and "]" not in stripped) or stripped.count("[") != stripped.count("]"):
            raise _Bad(f"unbalanced brackets in '{stripped}'")
        phrase, stem = _words(_CODE.sub(" ", stripped))
        actor = DictActor(phrase=phrase, source=where, stems=[phrase] if stem else [])
        self._codes(stripped, actor)
        return actor

    def _codes(self, text: str, actor: DictActor) -> None:
        if text.count("[") != text.count("]"):
            raise _Bad(f"unbalanced brackets in '{text.strip()}'")
        rest = _CODE.sub(" ", text).strip()
        if text.startswith("[") and rest:
            raise _Bad(f"text after a code line: '{rest}'")
        for body in _CODE.findall(text):
            dc = parse_code(body)
            if dc is None:
                self.out.notes.append(f"{actor.source}: '[{body}]' of '{actor.phrase}' has "
                                      "its dates out of order; that code was skipped")
                continue
            if dc.start is None and dc.end is None:
                if actor.code is None:
                    actor.code = dc.code
            else:
                actor.dated.append(dc)

    # -- agents -----------------------------------------------------------------

    def _agent_line(self, body: str, where: str) -> None:
        m = _SUBST.match(body)
        if m:
            self.subst[m.group(1).upper()] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            return
        if body[:1] in ("@", "&", "+"):
            self.out.notes.append(f"{where}: '{body[:30]}' is not an agent entry; skipped")
            return
        codes = _CODE.findall(body)
        if len(codes) != 1 or body.count("[") != 1 or body.count("]") != 1:
            raise _Bad(f"expected one [~CODE] in '{body}'")
        code = codes[0].replace(" ", "")
        if "~" not in code or code.count("~") != 1:
            raise _Bad(f"agent code '[{codes[0]}]' has no '~'")
        prefix = code.endswith("~")
        code = code.strip("~")
        if not code.isalnum():
            raise _Bad(f"cannot read agent code '[{codes[0]}]'")
        head = body[: body.index("[")]
        plurals: list[str] | None = None
        if "{" in head:
            if "}" not in head:
                raise _Bad(f"unclosed '{{' in '{body}'")
            inner = head[head.index("{") + 1 : head.index("}")]
            plurals = [p for p in re.split(r"[,\s]+", inner) if p]
            head = head[: head.index("{")]
        forms = self._expand(head.strip(), where)
        for form in forms:
            phrase = _agent_words(form)
            if plurals is None and len(forms) > 1:
                plist = []  # a substitution set lists its plurals itself ("MEN")
            elif plurals is None:
                plist = [_plural(phrase)]
            else:
                plist = [_agent_words(p) for pl in plurals for p in self._expand(pl, where)]
            self.out.agents.append(DictAgent(phrase, code, prefix,
                                             [p for p in plist if p != phrase], where))

    def _expand(self, raw: str, where: str) -> list[str]:
        m = re.search(r"![A-Za-z0-9_]+!", raw)
        if m is None:
            return [raw]
        name = m.group(0).upper()
        if name not in self.subst:
            raise _Bad(f"substitution set {m.group(0)} is not defined above")
        out: list[str] = []
        for word in self.subst[name]:
            out.extend(self._expand(raw[: m.start()] + word + raw[m.end():], where))
        return out


def _agent_words(raw: str) -> str:
    words = [w for w in re.split(r"[_\s]+", raw.strip()) if w]
    if not words:
        raise _Bad("empty agent phrase")
    return " ".join(words).lower()


def _plural(phrase: str) -> str:
    """The regular English plural of the head word ("ministry of x" -> "ministries of x")."""
    if " of " in phrase:
        head_part, _, rest = phrase.partition(" of ")
        return f"{_plural(head_part)} of {rest}"
    head, _, last = phrase.rpartition(" ")
    if re.search(r"(s|x|z|ch|sh)$", last):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}".strip()


def parse_files(paths: Iterable[str | Path], lenient: bool = False,
                kind: str | None = None) -> Dictionary:
    """Parse dictionary files. ``kind`` is "actors", "agents" or None (guess per file).

    Raises ``ConfigError`` (E208) naming the file and line of the first bad line,
    unless ``lenient``, when bad lines are skipped and listed in ``notes``.
    """
    out = Dictionary()
    agents = None if kind is None else kind == "agents"
    for p in paths:
        _Reader(out, agents).read(Path(p), lenient)
    return out


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def to_yaml_dict(d: Dictionary) -> dict[str, Any]:
    """The mapping dyad reads as a knowledge file (see ``dyad.actors.kb``)."""
    actors = []
    for a in d.actors:
        item: dict[str, Any] = {"phrase": a.phrase}
        if a.synonyms:
            item["synonyms"] = a.synonyms
        if a.stems:
            item["stems"] = a.stems
        if a.code:
            item["code"] = a.code
        if a.dated:
            item["dated"] = [
                {k: v for k, v in (("code", dc.code), ("start", _iso(dc.start)),
                                   ("end", _iso(dc.end))) if v}
                for dc in a.dated
            ]
        item["source"] = a.source
        actors.append(item)
    agents = []
    for g in d.agents:
        ag: dict[str, Any] = {"phrase": g.phrase, "sector": g.code[:3], "code": g.code}
        if g.prefix:
            ag["prefix"] = True
        if g.plurals:
            ag["plurals"] = g.plurals
        ag["source"] = g.source
        agents.append(ag)
    out: dict[str, Any] = {"imported_from": [Path(f).name for f in d.files]}
    if actors:
        out["dictionary_actors"] = actors
    if agents:
        out["agents"] = agents
    return out
