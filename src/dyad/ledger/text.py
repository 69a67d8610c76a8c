"""Sentence spans and small text helpers the ledger shares (plain offsets into the
article text; the parse itself stays in the nlp stage)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from dyad.records import Actor, ArticleResult, Event, TimeValue

_SPLIT = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n+")


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    events: list[Event]
    actors: list[Actor]
    times: list[TimeValue]


def sentences(result: ArticleResult) -> list[Sentence]:
    """The article's sentences with the events, actors and times inside each."""
    text = result.article.text
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SPLIT.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        out.append(Sentence(s, e, text[s:e],
                            [ev for ev in result.events if s <= ev.trigger.start < e],
                            sorted((a for a in result.actors if s <= a.start < e),
                                   key=lambda a: a.start),
                            [t for t in result.times if t.text and s <= t.start < e]))
    return out


def keys_of(actors: list[Actor]) -> set[str]:
    """Country or organization keys of actors."""
    return {k for a in actors if (k := a.key())}


def unique_actors(actors: list[Actor]) -> list[Actor]:
    """One actor per key, first mention kept, unresolved ones dropped."""
    seen: set[str] = set()
    out = []
    for a in actors:
        k = a.key()
        if k and k not in seen:
            seen.add(k)
            out.append(a)
    return out


def key_actor(key: str, name: str | None = None) -> Actor:
    """An Actor for a registry party: no words in the text stand for it (offsets 0)."""
    is_country = len(key) == 3 and key.isupper()
    return Actor(text="", start=0, end=0, name=name or key,
                 country=key if is_country else None, org=None if is_country else key,
                 kind="state" if is_country else "organization")


def short_id(article_id: str, tag: str, start: int) -> str:
    """A stable id for a ledger record found at ``start`` in an article."""
    return f"{hashlib.sha1(article_id.encode('utf-8')).hexdigest()[:10]}-{tag}{start}"


_CUT = re.compile(
    r"\s*(?:[,;:]|\.(?:\s|$)|[\"\u201d]|\s(?:in|at)\s(?=two\b|three\b|a\b|an\b|separate\b|[A-Z]|\d)"
    r"|\s(?:last|during|after|later|earlier|when|while|according|following|amid|since|"
    r"before)\b|\s+on\s+(?=Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b)|\s+by\s+(?=\d|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"the end|next|(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b))")
_THAT = re.compile(r"^\S+\s+(?:[\w\s,]{0,40}?\s)?that\s+(.*)$", re.S)
_TO = re.compile(r"^\S+\s+(?:(?:on|in|at|with|last|this|also)\s+[\w\s]{0,30}?\s|"
                 r"(?:[A-Z][\w'\u2019-]*\s+){1,3}|"
                 r"(?:it|them|him|her|both sides|the (?:\w+\s+){1,2}))?"
                 r"to\s+(.*)$", re.S)
_ON = re.compile(r"^\S+\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:agreement|deal|accord|memorandum|"
                 r"declaration|statement|treaty|protocol|pact|understanding)\s+(?:on|to|that|for|"
                 r"under which)\s+(.*)$", re.S)
_NOUN = re.compile(r"^\S+\s+(?:an?|the)\s+((?:[\w-]+\s+){0,3}?(?:ceasefire|truce|armistice|"
                   r"deal|agreement|accord|pact))\b", re.S)
_MODAL = re.compile(r"^(.*?)\b(?:will|would|shall|must|should|are to|is to|to)\s+(.*)$", re.S)


def clause_after(sentence: str, offset: int) -> tuple[str, int, str]:
    """What a commitment verb at ``offset`` commits to: (content, its offset in the
    sentence, the subject words of a that-clause). '' when the words give nothing."""
    rest = sentence[offset:]
    for rx, split in ((_THAT, True), (_ON, False), (_TO, False), (_NOUN, False)):
        m = rx.match(rest)
        if not m:
            continue
        body, at, subject = m.group(1), offset + m.start(1), ""
        if split:
            mm = _MODAL.match(body)
            if mm and len(mm.group(1)) < 80:
                subject = mm.group(1)
                at += mm.start(2)
                body = mm.group(2)
        cut = _CUT.search(body)
        if cut:
            body = body[:cut.start()]
        body = body.strip()
        if len(body.split()) >= 1:
            return body, at, subject
    return "", offset, ""
