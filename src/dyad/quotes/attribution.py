"""A second look at speakers, in text order, using what the article said before.

The actor layer resolves each phrase on its own; quotations add what wire copy
takes for granted:

- a pronoun ("he said", "it said") or a quote with no speaker of its own is the
  last speaker of this paragraph or the one before, when the actor layer found
  no one with a country or organization;
- a speaker without affiliation takes it from an earlier mention of the same
  office ("Kenya's interior minister" ... "Interior Minister Samuel Ochieng") or
  of the same institution ("Azerbaijan's Defense Ministry" ... "the ministry");
- an official with no affiliation at all ("a military spokesman") belongs to the
  country of the dateline ("ISLAMABAD (AP) --").
"""

from __future__ import annotations

from dataclasses import replace

from dyad.actors.resolve import ArticleActors
from dyad.nlp.parse import Parsed, Tok
from dyad.quotes.cues import Cues
from dyad.quotes.direct import Found
from dyad.quotes.speaker import PRONOUNS, subject_of
from dyad.records import Actor

_PERSON_PRONOUNS = {"he", "she", "him", "her", "i"}
_OFFICIAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}


def window_start(text: str, pos: int) -> int:
    """Start of the paragraph before the one holding ``pos``: how far back a
    speaker may be named for a quote that has none of its own."""
    para = text.rfind("\n", 0, pos)
    if para <= 0:
        return 0
    k = para
    while k > 0 and text[k - 1] in "\n \t\r":  # blank lines between paragraphs
        k -= 1
    prev = text.rfind("\n", 0, k)
    return prev + 1 if prev >= 0 else 0


def _affiliated(a: Actor | None) -> bool:
    return a is not None and bool(a.country or a.org)


def _with_key(a: Actor, src: Actor) -> Actor:
    code = a.code if a.code and (a.code[:3] == src.country or "IGO" in a.code) else None
    stem = src.country or ("IGO" + src.org if src.org else "")
    return replace(a, country=src.country, org=src.org,
                   code=code or (stem + (a.sector or "")) or None)


def _head_word(a: Actor) -> str:
    words = a.text.replace("’s", " ").replace("'s", " ").split()
    return words[-1].lower() if words else ""


def _earlier(before: list[Actor], sp: Actor, cues: Cues) -> Actor | None:
    """An earlier mention of the same office or institution, with its affiliation."""
    head = _head_word(sp)
    for a in reversed(before):
        if a.start >= sp.start or not _affiliated(a):
            continue
        if sp.role and a.role and a.role.lower() == sp.role.lower():
            return a
        if head in cues.office_nouns and _head_word(a) == head:
            return a
    return None


def _official(sp: Actor, cues: Cues) -> bool:
    return bool(sp.role) or sp.sector in _OFFICIAL_SECTORS or _head_word(sp) in cues.office_nouns


def _pronoun_subject(p: Parsed, cues: Cues, f: Found) -> Tok | None:
    if f.cue is None or p.toks[f.cue].lower == "according":
        return None
    subj = subject_of(p, f.cue, cues.statement_nouns)
    if subj is None:
        return None
    t = p.toks[subj]
    return t if t.pos == "PRON" or t.lower in PRONOUNS else None


def refine_speakers(p: Parsed, actors: ArticleActors, cues: Cues, found: list[Found]) -> None:
    """Fill in and complete speakers of ``found`` (sorted by start) in place."""
    before = actors.all_actors()
    dateline: str | bool | None = False  # computed on first need
    done: list[Found] = []
    for f in found:
        sp = f.speaker
        lo = window_start(p.text, f.start)
        recent = [d.speaker for d in done if d.speaker is not None and lo <= d.start
                  and _affiliated(d.speaker)]
        last = recent[-1] if recent else None
        pron = _pronoun_subject(p, cues, f) if sp is None or not _affiliated(sp) else None
        if sp is None and f.cue is None:
            sp = last
        elif pron is not None:
            want_person = pron.lower in _PERSON_PRONOUNS
            fit = [r for r in recent if (r.kind == "person") == want_person]
            if fit:
                sp = replace(fit[-1], text=pron.text, start=pron.idx, end=pron.end)
        if sp is not None and not _affiliated(sp):
            src = _earlier(before, sp, cues)
            if src is not None:
                sp = _with_key(sp, src)
            elif _official(sp, cues):
                if dateline is False:
                    dateline = actors.dateline_country()
                if isinstance(dateline, str):
                    sp = replace(sp, country=dateline,
                                 code=dateline + (sp.sector or ""))
        f.speaker = sp
        done.append(f)
