"""Tie events to quotations: the statement itself, and what is reported in it.

An event whose trigger is a quote's cue is the statement ("warned", "accused")
and carries the quote's id. An event inside the quoted or reported content is
what the speaker says happened: it carries the quote's id, and ``modality:
reported`` unless it already has a more specific one (future, hypothetical,
historical).
"""

from __future__ import annotations

from dyad.nlp.parse import Parsed, Tok
from dyad.records import Event, Quote


def _cue_token(p: Parsed, q: Quote) -> Tok | None:
    """The cue verb of ``q``: the token with its text nearest to the quote."""
    if not q.cue or not p.toks:
        return None
    word = q.cue.split()[0]
    first = p.token_at(q.start) or p.toks[0]
    last = p.token_at(max(q.start, q.end - 1)) or p.toks[-1]
    lo_sent, hi_sent = max(0, first.sent - 1), min(len(p.sents) - 1, last.sent + 1)
    best: tuple[int, Tok] | None = None
    for i in range(p.sents[lo_sent][0], p.sents[hi_sent][1]):
        t = p.toks[i]
        if t.text != word:
            continue
        dist = 0 if q.start <= t.idx < q.end else min(abs(t.idx - q.start), abs(t.idx - q.end))
        if best is None or dist < best[0]:
            best = (dist, t)
    return best[1] if best else None


def _content(p: Parsed, q: Quote, cue: Tok | None) -> list[tuple[int, int]]:
    """Character ranges of what the quote reports: its words, and for quoted
    fragments the whole reported clause they sit in."""
    ranges = [(q.start, q.end)]
    if cue is not None and q.kind != "direct":
        for c in p.toks[cue.i].children:
            if p.toks[c].dep in ("ccomp", "xcomp"):
                t = p.toks[c]
                a, b = p.toks[t.left].idx, p.toks[t.right].end
                if (a <= q.end and q.start <= b) or q.kind == "indirect":
                    ranges.append((a, b))
    return ranges


def link_quotes(events: list[Event], quotes: list[Quote], parsed: Parsed) -> None:
    """Set ``quote_id`` on statement events and on events inside reported content
    (asserted ones become ``modality: reported``). Changes ``events`` in place."""
    statement: set[int] = set()
    best: dict[int, tuple[int, Quote]] = {}  # event index -> (content width, quote)
    for q in quotes:
        cue = _cue_token(parsed, q)
        ranges = _content(parsed, q, cue)
        for n, e in enumerate(events):
            if cue is not None and e.trigger.start == cue.idx:
                e.quote_id = q.id
                statement.add(n)
                continue
            for a, b in ranges:
                if a <= e.trigger.start < b and (n not in best or b - a < best[n][0]):
                    best[n] = (b - a, q)
    for n, (_, q) in best.items():
        if n in statement:
            continue
        events[n].quote_id = q.id
        if events[n].modality == "asserted":
            # future, hypothetical and historical acts keep the more specific modality
            events[n].modality = "reported"
