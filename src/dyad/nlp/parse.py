"""The spaCy parse turned into plain records, so that no ``Doc`` leaves this stage.

``Parsed`` holds one article's tokens (text, offsets, lemma, tags, dependency
arcs, entity labels) and sentence bounds. Later stages read only these.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from dyad.nlp.prefilter import Prefilter, sentence_bounds


@dataclass(slots=True)
class Tok:
    i: int
    text: str
    idx: int
    end: int
    lemma: str  # lower-cased lemma
    lower: str
    pos: str
    tag: str
    dep: str
    head: int
    ent: str  # entity label or ""
    ent_start: bool
    sent: int
    children: list[int] = field(default_factory=list)
    left: int = 0  # left edge of the subtree
    right: int = 0  # right edge of the subtree


@dataclass
class Parsed:
    text: str
    toks: list[Tok]
    sents: list[tuple[int, int]]  # token ranges [start, end)

    def sent_text(self, s: int) -> str:
        a, b = self.sents[s]
        if a >= b:
            return ""
        return self.text[self.toks[a].idx : self.toks[b - 1].end]

    def span_text(self, a: int, b: int) -> str:
        """Text of tokens [a, b)."""
        return self.text[self.toks[a].idx : self.toks[b - 1].end]

    def child(self, i: int, *deps: str) -> list[Tok]:
        return [self.toks[c] for c in self.toks[i].children if self.toks[c].dep in deps]

    def ancestors(self, i: int) -> Iterator[Tok]:
        t = self.toks[i]
        while t.head != t.i:
            t = self.toks[t.head]
            yield t

    def subtree(self, i: int) -> range:
        t = self.toks[i]
        return range(t.left, t.right + 1)

    def token_at(self, char: int) -> Tok | None:
        """The token that covers character offset ``char``."""
        lo, hi = 0, len(self.toks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            t = self.toks[mid]
            if char < t.idx:
                hi = mid - 1
            elif char >= t.end:
                lo = mid + 1
            else:
                return t
        return None


def from_doc(doc: Doc) -> Parsed:
    """Copy what later stages need out of a spaCy ``Doc``."""
    toks: list[Tok] = []
    sents: list[tuple[int, int]] = []
    _copy_doc(doc, toks, sents, 0)
    _link_children(toks)
    return Parsed(text=doc.text, toks=toks, sents=sents)


def _copy_doc(doc: Doc, toks: list[Tok], sents: list[tuple[int, int]], char_base: int) -> None:
    """Append a parsed ``Doc``'s tokens and sentences, shifted to where it sits in the text."""
    base = len(toks)
    for sent in doc.sents:
        s_i = len(sents)
        sents.append((base + sent.start, base + sent.end))
        for t in sent:
            toks.append(
                Tok(
                    i=base + t.i,
                    text=t.text,
                    idx=char_base + t.idx,
                    end=char_base + t.idx + len(t.text),
                    lemma=t.lemma_.lower(),
                    lower=t.lower_,
                    pos=t.pos_,
                    tag=t.tag_,
                    dep=t.dep_,
                    head=base + t.head.i,
                    ent=t.ent_type_,
                    ent_start=t.ent_iob_ == "B",
                    sent=s_i,
                    left=base + t.left_edge.i,
                    right=base + t.right_edge.i,
                )
            )


def _copy_unparsed(doc: Doc, a: int, b: int, toks: list[Tok],
                   sents: list[tuple[int, int]]) -> None:
    """Append tokens [a, b) of a tokenized-only ``Doc`` as one sentence with no parse:
    each token is its own head, with no tags, lemma or entity (the lemma is its lower form)."""
    base, s_i = len(toks), len(sents)
    sents.append((base, base + b - a))
    for k, t in enumerate(doc[a:b]):
        i = base + k
        low = t.lower_
        toks.append(Tok(i=i, text=t.text, idx=t.idx, end=t.idx + len(t.text), lemma=low,
                        lower=low, pos="", tag="", dep="", head=i, ent="", ent_start=False,
                        sent=s_i, left=i, right=i))


def _link_children(toks: list[Tok]) -> None:
    if _repair_perfects(toks):
        _recompute_edges(toks)
    for t in toks:
        if t.head != t.i:
            toks[t.head].children.append(t.i)


def _repair_perfects(toks: list[Tok]) -> bool:
    """Undo a small-model misparse of the past perfect: in "it had targeted camps" the
    parser may make "had" the verb and "targeted" an adjective of "camps". The
    participle becomes the verb again, "had" its auxiliary. True when anything changed."""
    changed = False
    for t in toks:
        if t.tag != "VBN" or t.dep != "amod" or t.i == 0:
            continue
        have, noun = toks[t.i - 1], toks[t.head]
        if have.lemma != "have" or have.pos not in ("VERB", "AUX") or noun.head != have.i \
                or noun.dep != "dobj" or noun.i < t.i or have.sent != t.sent:
            continue
        root = have.head == have.i
        t.dep, t.head, t.pos = have.dep, (t.i if root else have.head), "VERB"
        for o in toks:
            if o.head == have.i and o.i != have.i:
                o.head = t.i
        have.dep, have.head, have.pos = "aux", t.i, "AUX"
        changed = True
    return changed


def _recompute_edges(toks: list[Tok]) -> None:
    """Left and right subtree edges from the head arcs (after a repair)."""
    for t in toks:
        t.left = t.right = t.i
    for t in toks:  # a token's index in the list is its ``i``
        k, seen = t, 0
        while k.head != k.i and seen < len(toks):
            k = toks[k.head]
            k.left, k.right = min(k.left, t.i), max(k.right, t.i)
            seen += 1


def parse(nlp: Language, text: str) -> Parsed:
    return from_doc(nlp(text))


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int = 32,
               prefilter: Prefilter | None = None) -> Iterator[Parsed]:
    """Parse a stream of texts in ``nlp.pipe`` batches, yielding plain records.

    Runs inside ``nlp.memory_zone()`` per batch so the vocabulary does not grow
    without bound over a long run. With a ``prefilter``, only the sentences it
    keeps are parsed (each run of kept sentences as one text); the others are
    tokens without a parse (see ``dyad.nlp.prefilter``).
    """
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= batch_size:
            yield from _parse_batch(nlp, batch, batch_size, prefilter)
            batch = []
    if batch:
        yield from _parse_batch(nlp, batch, batch_size, prefilter)


def _parse_batch(nlp: Language, batch: list[str], batch_size: int,
                 prefilter: Prefilter | None) -> Iterator[Parsed]:
    with nlp.memory_zone():
        if prefilter is None:
            out = [from_doc(doc) for doc in nlp.pipe(batch, batch_size=batch_size)]
        else:
            out = _parse_selected(nlp, batch, batch_size, prefilter)
    yield from out


Piece = tuple[int, int, bool]  # token range [start, end) of the tokenized text, parse it?


def plan_pieces(words: list[str], prefilter: Prefilter) -> list[Piece]:
    """Runs of sentences to parse and sentences to leave unparsed, in text order."""
    pieces: list[Piece] = []
    for a, b in sentence_bounds(words):
        need = prefilter.needs_parse(words[a:b])
        if pieces and need and pieces[-1][2]:
            pieces[-1] = (pieces[-1][0], b, True)
        else:
            pieces.append((a, b, need))
    return pieces


def _parse_selected(nlp: Language, batch: list[str], batch_size: int,
                    prefilter: Prefilter) -> list[Parsed]:
    plans: list[tuple[Doc, list[Piece]]] = []
    runs: list[Doc] = []
    for text in batch:
        doc = nlp.make_doc(text)
        words = [t.text for t in doc]
        pieces = plan_pieces(words, prefilter)
        if all(need for _, _, need in pieces):
            runs.append(doc)  # nothing to skip: the article is parsed whole, as without the filter
            pieces = [(0, len(doc), True)] if len(doc) else []
        else:
            runs.extend(Doc(nlp.vocab, words=words[a:b],
                            spaces=[bool(t.whitespace_) for t in doc[a:b]])
                        for a, b, need in pieces if need)
        plans.append((doc, pieces))
    done = iter(nlp.pipe(runs, batch_size=batch_size))
    out: list[Parsed] = []
    for doc, pieces in plans:
        toks: list[Tok] = []
        sents: list[tuple[int, int]] = []
        if not pieces and len(doc) == 0:
            next(done)  # an empty text was sent whole
        for a, b, need in pieces:
            if need:
                _copy_doc(next(done), toks, sents, doc[a].idx)
            else:
                _copy_unparsed(doc, a, b, toks, sents)
        _link_children(toks)
        out.append(Parsed(text=doc.text, toks=toks, sents=sents))
    return out
