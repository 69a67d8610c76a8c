"""Quoted spans as statements: direct quotes, quoted fragments (mixed) and scare quotes.

A quoted span is a statement when a cue verb governs it ("...," he said;
warned that the speech was "..."), when it stands as a sentence of its own
(a quote that opens a paragraph), or when a naming verb puts the words in
someone's mouth ("Aliyev called Armenia "Western Azerbaijan""). Short quoted
names and scare quotes ("the so-called "Zangezur Corridor"") are not
statements and are dropped.

Kinds: ``direct`` when the quote is the whole of what is reported (the cue's
complement, or free-standing sentences); ``mixed`` when the quoted words sit
inside the writer's own sentence: inside reported speech, or as the words a
naming verb attributes to its subject.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dyad.actors.resolve import ArticleActors
from dyad.nlp.parse import Parsed, Tok
from dyad.quotes.cues import Cues
from dyad.quotes.marks import QuoteSpan
from dyad.quotes.speaker import speaker_of_cue, subject_of
from dyad.records import Actor

_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_WALK = 6  # how far up the tree a quoted fragment may hang from its cue
_NEARBY = 8  # tokens after a quote in which "he said" may stand


@dataclass
class Found:
    """A statement before it becomes a ``Quote``: its span, kind, cue and speaker."""

    start: int
    end: int
    kind: str
    cue: int | None  # token index of the cue verb
    speaker: Actor | None


def tokens_in(p: Parsed, start: int, end: int) -> list[Tok]:
    """Tokens that lie inside the character range [start, end)."""
    first = p.token_at(start)
    if first is None:
        lo, hi = 0, len(p.toks)
        while lo < hi:  # the first token starting at or after `start`
            mid = (lo + hi) // 2
            if p.toks[mid].idx < start:
                lo = mid + 1
            else:
                hi = mid
        i = lo
    else:
        i = first.i
    out: list[Tok] = []
    while i < len(p.toks) and p.toks[i].idx < end:
        if p.toks[i].pos != "SPACE":
            out.append(p.toks[i])
        i += 1
    return out


def _words_before(p: Parsed, span: QuoteSpan, n: int) -> list[str]:
    t = p.token_at(span.outer_start)
    k = (t.i if t is not None else 0) - 1
    out: list[str] = []
    while k >= 0 and len(out) < n:
        if p.toks[k].pos not in ("PUNCT", "SPACE"):
            out.append(p.toks[k].lower)
        elif out or p.toks[k].text not in "\"“„'‘«":
            break
        k -= 1
    return list(reversed(out))


def _marked_name(p: Parsed, cues: Cues, span: QuoteSpan) -> bool:
    """"the so-called "Zangezur Corridor"", "an operation dubbed "Iron Shield""."""
    before = _words_before(p, span, 3)
    for marker in cues.name_markers:
        if len(marker) <= len(before) and tuple(before[-len(marker):]) == marker:
            return True
    return False


def _name_like(toks: list[Tok]) -> bool:
    """Few words, all capitalised, no verb: a name in quotation marks."""
    words = [t for t in toks if t.pos not in ("PUNCT", "SPACE")]
    if not words or len(words) > 5:
        return False
    if any(t.pos in ("VERB", "AUX") for t in words):
        return False
    return all(t.text[:1].isupper() or t.pos in ("ADP", "DET", "CCONJ") for t in words)


def _sentence_like(p: Parsed, toks: list[Tok], span: QuoteSpan) -> bool:
    words = [t for t in toks if t.pos not in ("PUNCT", "SPACE")]
    whole = _opens_sentence(p, span) and p.text[span.end - 1] in ".!?,"
    if len(words) < (2 if whole else 4):
        return False  # "We will respond." stands as a sentence; "deeply concerned" does not
    finite = any(t.tag in _FINITE or (t.pos == "VERB" and t.dep == "ROOT") for t in words)
    crosses = toks[0].sent != toks[-1].sent
    return finite or crosses


def _cue_above(p: Parsed, cues: Cues, toks: list[Tok], start: int,
               end: int) -> tuple[int, int] | None:
    """(cue token, attachment token) for the nearest cue verb governing the span."""
    best: tuple[int, int, int] | None = None  # (steps, cue, attach)
    for t in toks:
        if start <= p.toks[t.head].idx < end and t.head != t.i:
            continue  # not where the span attaches to the sentence
        k, steps = t, 0
        while k.head != k.i and steps < _WALK:
            head = p.toks[k.head]
            steps += 1
            if not (start <= head.idx < end) and head.pos in ("VERB", "AUX") and \
                    head.lemma in cues.speech:
                if best is None or steps < best[0]:
                    best = (steps, head.i, t.i)
                break
            if head.pos in ("VERB", "AUX") and head.dep not in ("ccomp", "conj", "xcomp",
                                                                "advcl", "ROOT", "pcomp"):
                break  # a relative or adverbial clause of someone else's
            k = head
    if best is None:
        return None
    cue = best[1]
    # "told X that he believed that "...": the verb of saying, not of thinking, is the cue
    k = p.toks[cue]
    for _ in range(4):
        if not (k.lemma in cues.cognition and k.dep in ("ccomp", "conj") and k.head != k.i):
            break
        up = p.toks[k.head]
        if up.pos in ("VERB", "AUX") and cues.says(up.lemma):
            cue = up.i
        k = up
    return cue, best[2]


def _nearby_cue(p: Parsed, cues: Cues, span: QuoteSpan) -> int | None:
    """A cue verb with a subject right after the quote ("," the minister said) or
    right before it ("The minister said:"), when the parse did not link them."""
    t = p.token_at(span.outer_end - 1)
    k = (t.i + 1) if t is not None else len(p.toks)
    for j in range(k, min(k + _NEARBY, len(p.toks))):
        tj = p.toks[j]
        if "\n" in tj.text or tj.text in "\"“”„«»":
            break
        if tj.pos in ("VERB", "AUX") and cues.says(tj.lemma) and \
                subject_of(p, j, cues.statement_nouns) is not None:
            return j
        if tj.text in ".!?" and j > k:
            break
    t = p.token_at(span.outer_start)
    k = (t.i - 1) if t is not None else -1
    if k >= 0 and p.toks[k].text in (":", ","):
        sent = p.toks[k].sent
        while k >= 0 and p.toks[k].sent == sent:
            tk = p.toks[k]
            if tk.pos in ("VERB", "AUX") and cues.says(tk.lemma):
                return k
            k -= 1
    return None


def _modifier(p: Parsed, attach: int, start: int, end: int) -> bool:
    """A quoted word modifying a noun outside the quote: scare quotes."""
    t = p.toks[attach]
    head = p.toks[t.head]
    return t.dep in ("amod", "compound", "nmod") and not start <= head.idx < end and \
        head.pos in ("NOUN", "PROPN")


def _cut_at_attribution(p: Parsed, cues: Cues, span: QuoteSpan) -> QuoteSpan:
    """A quote whose closing mark was lost ends where its attribution starts:
    "The talks failed, said the minister." -> "The talks failed"."""
    for t in tokens_in(p, span.start, span.end):
        if t.text != "," or t.i + 1 >= len(p.toks):
            continue
        for j in range(t.i + 1, min(t.i + 5, len(p.toks))):
            v = p.toks[j]
            if v.pos in ("VERB", "AUX") and cues.says(v.lemma) and v.head == v.i:
                # the verb of saying heads the sentence: what precedes the comma is quoted
                return replace(span, end=t.idx, outer_end=t.end)
    return span


def _opens_sentence(p: Parsed, span: QuoteSpan) -> bool:
    """True when nothing but a sentence end, a colon or a line break precedes the quote."""
    k = span.outer_start - 1
    while k >= 0 and p.text[k] in " \t":
        k -= 1
    return k < 0 or p.text[k] in "\n.:!?"


def _covers_clause(p: Parsed, attach: int, start: int, end: int,
                   verbs_only: bool = True) -> bool:
    """True when the quote holds (nearly) all of the clause (or phrase) it attaches with."""
    t = p.toks[attach]
    if verbs_only and t.pos not in ("VERB", "AUX"):
        return False
    words = [p.toks[j] for j in p.subtree(attach) if p.toks[j].pos not in ("PUNCT", "SPACE")]
    inside = sum(1 for w in words if start <= w.idx < end)
    return inside >= 0.8 * len(words)


def classify_span(p: Parsed, actors: ArticleActors, cues: Cues, span: QuoteSpan,
                  context: Actor | None) -> Found | None:
    """The statement a quoted span makes, or None for a scare quote or a quoted name.

    ``context`` is the speaker the surrounding text suggests (the last one in the
    previous sentences), used when the quote has no cue of its own.
    """
    if span.missing == "close":
        span = _cut_at_attribution(p, cues, span)
    toks = tokens_in(p, span.start, span.end)
    if not toks or _marked_name(p, cues, span):
        return None
    above = _cue_above(p, cues, toks, span.start, span.end)
    if above is not None:
        cue, attach = above
        if _modifier(p, attach, span.start, span.end):
            return None  # the "official" results: the writer's distance, no one's words
        lemma = p.toks[cue].lemma
        naming = lemma in cues.naming and not _covers_clause(p, attach, span.start, span.end)
        if naming and subject_of(p, cue, cues.statement_nouns) is None:
            return None  # "a region called "X"": a name, with no one calling it that
        if _name_like(toks) and not naming:
            return None  # a quoted name inside someone's words is still just a name
        speaker = speaker_of_cue(p, actors, cues, cue) or _pronoun_context(p, cues, cue, context)
        whole = _covers_clause(p, attach, span.start, span.end) or (
            _opens_sentence(p, span) and _sentence_like(p, toks, span)) or (
            p.toks[attach].dep == "dobj" and p.toks[attach].head == cue
            and _covers_clause(p, attach, span.start, span.end, verbs_only=False))
        direct = whole and not naming
        return Found(span.start, span.end, "direct" if direct else "mixed", cue, speaker)
    if not _sentence_like(p, toks, span):
        return None  # scare quotes, titles and names the writer marks off
    near = _nearby_cue(p, cues, span)
    speaker = speaker_of_cue(p, actors, cues, near) if near is not None else None
    if speaker is None and near is not None:
        speaker = _pronoun_context(p, cues, near, context)
    if speaker is None and near is None:
        speaker = context
    return Found(span.start, span.end, "direct", near, speaker)


def _pronoun_context(p: Parsed, cues: Cues, cue: int,
                     context: Actor | None) -> Actor | None:
    """A pronoun subject the actor layer left open ("she said") is the last speaker."""
    subj = subject_of(p, cue, cues.statement_nouns)
    if subj is None or p.toks[subj].pos != "PRON" or context is None:
        return None
    t = p.toks[subj]
    return replace(context, text=t.text, start=t.idx, end=t.end)

