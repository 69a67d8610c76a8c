"""The spaCy parse turned into plain records, so that no ``Doc`` leaves this stage.

``Parsed`` holds one article's tokens (text, offsets, lemma, tags, dependency
arcs, entity labels) and sentence bounds. Later stages read only these.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc


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
    for s_i, sent in enumerate(doc.sents):
        sents.append((sent.start, sent.end))
        for t in sent:
            toks.append(
                Tok(
                    i=t.i,
                    text=t.text,
                    idx=t.idx,
                    end=t.idx + len(t.text),
                    lemma=t.lemma_.lower(),
                    lower=t.lower_,
                    pos=t.pos_,
                    tag=t.tag_,
                    dep=t.dep_,
                    head=t.head.i,
                    ent=t.ent_type_,
                    ent_start=t.ent_iob_ == "B",
                    sent=s_i,
                    left=t.left_edge.i,
                    right=t.right_edge.i,
                )
            )
    for t in toks:
        if t.head != t.i:
            toks[t.head].children.append(t.i)
    return Parsed(text=doc.text, toks=toks, sents=sents)


def parse(nlp: Language, text: str) -> Parsed:
    return from_doc(nlp(text))


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Parsed]:
    """Parse a stream of texts in ``nlp.pipe`` batches, yielding plain records.

    Runs inside ``nlp.memory_zone()`` per batch so the vocabulary does not grow
    without bound over a long run.
    """
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= batch_size:
            yield from _parse_batch(nlp, batch, batch_size)
            batch = []
    if batch:
        yield from _parse_batch(nlp, batch, batch_size)


def _parse_batch(nlp: Language, batch: list[str], batch_size: int) -> Iterator[Parsed]:
    with nlp.memory_zone():
        out = [from_doc(doc) for doc in nlp.pipe(batch, batch_size=batch_size)]
    yield from out
