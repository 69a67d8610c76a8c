"""Pair quotation marks into quoted spans, tolerant of what real copy does to them.

Handles straight and curly double marks (" “ ” „ « »), quotes nested inside
quotes, quotes that run over several paragraphs (wire style: each paragraph
re-opens the quote and only the last one closes it), a missing closing mark
(the quote then runs to the end of its paragraph) and a missing opening mark
(the quote then starts at its paragraph's start). Single marks (‘ ’ ') open a
quote only outside double quotes and only where they cannot be apostrophes.

>>> [(s.start, s.end, s.closed) for s in find_quote_spans('He said: "No." Then “yes”.')]
[(10, 13, True), (21, 24, True)]
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN_DOUBLE = "“„«‟"
CLOSE_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"＂'
OPEN_SINGLE = "‘‹"
CLOSE_SINGLE = "’›"
STRAIGHT_SINGLE = "'"
# Characters after which a straight mark opens a quote, and before which it closes one.
_OPENS_AFTER = set(" \t\n\r([{—–-:/") | set(OPEN_DOUBLE) | set(OPEN_SINGLE)
_CLOSES_BEFORE = set(" \t\n\r)]}.,;:!?—–-/") | set(CLOSE_DOUBLE) | set(CLOSE_SINGLE)
MAX_SINGLE = 400  # a single-marked quote longer than this is more likely two apostrophes


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted stretch of text: ``start``/``end`` bound the words inside the marks
    (marks and surrounding blanks excluded), ``outer_start``/``outer_end`` include the
    marks. ``closed`` is False when one of the two marks was missing."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    closed: bool = True
    missing: str = ""  # "open" or "close" when a mark was missing


def _role(text: str, k: int) -> str:
    """'open', 'close' or 'either' for the double mark at offset k."""
    ch = text[k]
    if ch in OPEN_DOUBLE:
        return "open"
    if ch in CLOSE_DOUBLE:
        return "close"
    prev = text[k - 1] if k > 0 else " "
    nxt = text[k + 1] if k + 1 < len(text) else " "
    if prev in _OPENS_AFTER and nxt not in " \t\n\r":
        return "open"
    if nxt in _CLOSES_BEFORE or prev in ".,;:!?":
        return "close"
    return "either"


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """[start, end) of each non-empty line: a line is a paragraph in plain-text copy."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _span(text: str, a: int, b: int, oa: int, ob: int, missing: str = "") -> QuoteSpan | None:
    s, e = _trimmed(text, a, b)
    if e <= s:
        return None
    return QuoteSpan(s, e, oa, ob, closed=not missing, missing=missing)


def _double_spans(text: str, paras: list[tuple[int, int]]) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    open_at: int | None = None  # offset of the opening mark of the outermost quote
    depth = 0
    for n, (pa, pb) in enumerate(paras):
        marks = [k for k in range(pa, pb) if text[k] in OPEN_DOUBLE + CLOSE_DOUBLE
                 + STRAIGHT_DOUBLE]
        if open_at is not None:
            # A quote left open at the end of the last paragraph goes on only when this
            # paragraph re-opens it; otherwise its closing mark was lost.
            first = text[pa:pb].lstrip()[:1]
            if marks and first and text[marks[0]] == first and _role(text, marks[0]) != "close":
                marks = marks[1:]
            else:
                prev_end = paras[n - 1][1]
                if (sp := _span(text, open_at + 1, prev_end, open_at, prev_end, "close")):
                    out.append(sp)
                open_at, depth = None, 0
        for k in marks:
            role = _role(text, k)
            if role == "either":
                role = "close" if open_at is not None else "open"
            if role == "open":
                if open_at is None:
                    open_at, depth = k, 1
                elif text[k] in STRAIGHT_DOUBLE and text[open_at] in STRAIGHT_DOUBLE:
                    # Straight marks cannot nest: a second opener means the first quote's
                    # closing mark was lost; start a new quote here.
                    if (sp := _span(text, open_at + 1, k, open_at, k, "close")):
                        out.append(sp)
                    open_at, depth = k, 1
                else:
                    depth += 1
            elif open_at is None:
                # A closing mark with no opener: the quote started at the paragraph's start
                # (or where the last quote of the paragraph ended).
                a = max(pa, out[-1].outer_end if out else pa)
                if (sp := _span(text, a, k, a, k + 1, "open")):
                    out.append(sp)
            else:
                depth -= 1
                if depth <= 0:
                    if (sp := _span(text, open_at + 1, k, open_at, k + 1)):
                        out.append(sp)
                    open_at, depth = None, 0
    if open_at is not None and paras:
        end = paras[-1][1]
        if (sp := _span(text, open_at + 1, end, open_at, end, "close")):
            out.append(sp)
    return out


def _is_single_open(text: str, k: int) -> bool:
    prev = text[k - 1] if k > 0 else " "
    nxt = text[k + 1] if k + 1 < len(text) else " "
    return text[k] in OPEN_SINGLE + STRAIGHT_SINGLE and prev in _OPENS_AFTER and nxt.isalnum()


def _is_single_close(text: str, k: int) -> bool:
    prev = text[k - 1] if k > 0 else " "
    nxt = text[k + 1] if k + 1 < len(text) else " "
    if text[k] not in CLOSE_SINGLE + STRAIGHT_SINGLE or prev.isspace():
        return False
    if nxt.isalnum():
        return False  # "don’t", "Armenia’s"
    # "the ministers’ meeting": a plural possessive, not the end of a quote
    return not (prev == "s" and nxt == " " and k + 2 < len(text) and text[k + 2].islower())


def _single_spans(text: str, paras: list[tuple[int, int]],
                  taken: list[QuoteSpan]) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    busy = [(q.outer_start, q.outer_end) for q in taken]
    for pa, pb in paras:
        k = pa
        while k < pb:
            if _is_single_open(text, k) and not any(a <= k < b for a, b in busy):
                stop = min(pb, k + MAX_SINGLE)
                close = next((j for j in range(k + 2, stop) if _is_single_close(text, j)
                              and not any(a <= j < b for a, b in busy)), None)
                if close is not None:
                    if (sp := _span(text, k + 1, close, k, close + 1)):
                        out.append(sp)
                    k = close + 1
                    continue
            k += 1
    return out


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted span of ``text`` in text order; never raises on odd marks."""
    paras = _paragraph_bounds(text)
    doubles = _double_spans(text, paras)
    singles = _single_spans(text, paras, doubles)
    return sorted(doubles + singles, key=lambda q: q.start)
