"""Reported speech without quotation marks: "X said (that) ...", "X warned that ...",
"..., X said.", "according to X, ...".

The content is the complement clause of a verb of saying (not of thinking, unless
a verb of saying governs it), or the clause an "according to" phrase qualifies.
Content that holds a quotation is not reported again: the quotation is the
statement (direct or mixed).
"""

from __future__ import annotations

from dyad.actors.resolve import ArticleActors
from dyad.nlp.parse import Parsed
from dyad.quotes.cues import Cues
from dyad.quotes.direct import Found
from dyad.quotes.speaker import resolve_speaker, speaker_of_cue

_MIN_WORDS = 3
_EDGE = ("PUNCT", "SPACE", "SCONJ", "CCONJ")


def _trim(p: Parsed, a: int, b: int) -> tuple[int, int]:
    """Token range [a, b) without "that", conjunctions and punctuation at its edges."""
    while a < b and (p.toks[a].pos in _EDGE or p.toks[a].lower == "that"):
        a += 1
    while b > a and p.toks[b - 1].pos in ("PUNCT", "SPACE", "CCONJ"):
        b -= 1
    return a, b


def _words(p: Parsed, a: int, b: int) -> int:
    return sum(1 for j in range(a, b) if p.toks[j].pos not in ("PUNCT", "SPACE"))


def _governed_by_saying(p: Parsed, cues: Cues, i: int) -> bool:
    """True for the inner verb of a report ("said that she had warned that ..."):
    reached from a verb of saying through a complement, not a mere conjunction."""
    t = p.toks[i]
    through_ccomp = False
    for _ in range(4):
        if t.head == t.i or t.dep not in ("ccomp", "conj"):
            return False
        through_ccomp = through_ccomp or t.dep == "ccomp"
        t = p.toks[t.head]
        if through_ccomp and t.pos in ("VERB", "AUX") and cues.says(t.lemma):
            return True
    return False


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s < b and a < e for s, e in spans)


def reported_speech(p: Parsed, actors: ArticleActors, cues: Cues,
                    quoted: list[tuple[int, int]]) -> list[Found]:
    """Indirect statements of the article, skipping any that overlap ``quoted``."""
    out: list[Found] = []
    for t in p.toks:
        if t.pos == "VERB" and t.lower == "according":
            f = _according(p, actors, cues, t.i, quoted)
            if f is not None:
                out.append(f)
            continue
        if t.pos not in ("VERB", "AUX") or t.lemma not in cues.speech:
            continue
        if t.lemma in cues.cognition or not cues.says(t.lemma):
            continue
        if _inside(quoted, t.idx, t.end) or _governed_by_saying(p, cues, t.i):
            continue  # inside a quotation, or the inner verb of a report already taken
        for c in p.child(t.i, "ccomp"):
            a, b = _trim(p, p.toks[c.i].left, p.toks[c.i].right + 1)
            if _words(p, a, b) < _MIN_WORDS or a <= t.i < b:
                continue
            start, end = p.toks[a].idx, p.toks[b - 1].end
            if _inside(quoted, start, end):
                continue
            out.append(Found(start, end, "indirect", t.i, speaker_of_cue(p, actors, cues, t.i)))
    return out


def _according(p: Parsed, actors: ArticleActors, cues: Cues, i: int,
               quoted: list[tuple[int, int]]) -> Found | None:
    """"According to X, CLAUSE" and "CLAUSE, according to X"."""
    t = p.toks[i]
    to = next((c for c in p.child(i, "prep") if c.lower == "to"), None)
    obj = next((c for c in p.child(to.i, "pobj")), None) if to is not None else None
    if obj is None or t.head == t.i:
        return None
    head = p.toks[t.head]
    lo, hi = head.left, head.right + 1
    if t.left > lo:  # the phrase follows its clause
        a, b = _trim(p, lo, t.left)
    else:
        a, b = _trim(p, t.right + 1, hi)
    if _words(p, a, b) < _MIN_WORDS:
        return None
    start, end = p.toks[a].idx, p.toks[b - 1].end
    if _inside(quoted, start, end):
        return None
    return Found(start, end, "indirect", i, resolve_speaker(p, actors, cues, obj.i))
