"""From a parsed article to its ``Quote`` records, in text order."""

from __future__ import annotations

import hashlib

from dyad.actors.resolve import ArticleActors
from dyad.events.lexicon import Lexicon
from dyad.nlp.parse import Parsed
from dyad.quotes.attribution import refine_speakers, window_start
from dyad.quotes.cues import Cues, load_cues
from dyad.quotes.direct import Found, classify_span
from dyad.quotes.indirect import reported_speech
from dyad.quotes.marks import find_quote_spans
from dyad.quotes.speaker import speaker_of_cue
from dyad.records import Actor, Quote


def quote_id(article_id: str, start: int) -> str:
    """Stable id of the quote starting at character ``start`` of the article."""
    key = hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:10]
    return f"{key}-q{start}"


def _context(p: Parsed, actors: ArticleActors, cues: Cues, found: list[Found],
             pos: int) -> Actor | None:
    """The last speaker named before ``pos`` in this paragraph or the one before."""
    lo = window_start(p.text, pos)
    best: tuple[int, Actor] | None = None
    for f in found:
        if f.speaker is not None and lo <= f.start < pos and (best is None or f.start > best[0]):
            best = (f.start, f.speaker)
    first = p.token_at(lo)
    i = first.i if first is not None else 0
    while i < len(p.toks) and p.toks[i].idx < pos:
        t = p.toks[i]
        if t.pos in ("VERB", "AUX") and cues.says(t.lemma) and (best is None or t.idx > best[0]):
            sp = speaker_of_cue(p, actors, cues, i)
            if sp is not None:
                best = (t.idx, sp)
        i += 1
    return best[1] if best else None


def _cue_text(p: Parsed, f: Found) -> str | None:
    if f.cue is None:
        return None
    t = p.toks[f.cue]
    return "according to" if t.lower == "according" else t.text


def extract_quotes(parsed: Parsed, actors: ArticleActors, article_id: str,
                   lex: Lexicon) -> list[Quote]:
    """Quotations and reported speech of one parsed article.

    Each ``Quote`` has its words (``text``, ``start``, ``end``: for a direct or
    mixed quote the words inside the marks, for indirect speech the reported
    clause), its ``kind`` (direct | indirect | mixed), its cue verb and its
    speaker (an ``Actor``, or None when the text does not say who spoke).
    """
    cues = load_cues(lex)
    found: list[Found] = []
    for span in find_quote_spans(parsed.text):
        if found and span.start < found[-1].end:
            continue  # a span inside the last one (a nested quote) is part of it
        ctx = _context(parsed, actors, cues, found, span.start)
        f = classify_span(parsed, actors, cues, span, ctx)
        if f is not None:
            found.append(f)
    quoted = [(f.start, f.end) for f in found]
    found += reported_speech(parsed, actors, cues, quoted)
    found.sort(key=lambda f: f.start)
    refine_speakers(parsed, actors, cues, found)
    out: list[Quote] = []
    seen: set[int] = set()
    for f in found:
        if f.start in seen:
            continue
        seen.add(f.start)
        out.append(Quote(id=quote_id(article_id, f.start), text=parsed.text[f.start:f.end],
                         start=f.start, end=f.end, kind=f.kind, cue=_cue_text(parsed, f),
                         speaker=f.speaker))
    return out
