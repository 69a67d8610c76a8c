"""An article's text as HTML with its coded spans marked, built from character offsets.

Spans may nest or overlap (a trigger inside a quotation, an actor inside a time
phrase), so the text is cut at every span boundary and each piece is wrapped in
one ``<span>`` whose classes name every kind of span covering it. Every piece of
text and every attribute value is escaped: the article is data, never markup.

>>> str(highlight("Ghana <b>agreed</b>", [Mark(0, 5, "actor", "Ghana (GHA)")]))
'<span class="hl hl-actor" title="actor: Ghana (GHA)">Ghana</span> &lt;b&gt;agreed&lt;/b&gt;'
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from markupsafe import Markup, escape

KINDS = ("quote", "time", "place", "actor", "trigger")  # outermost first, for titles


# Bidirectional controls can make text display in another order than it is stored
# (a spoofing trick); they are shown as visible code points instead of obeyed.
_BIDI = {c: f"U+{ord(c):04X}" for c in
         "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"}


def _text(piece: str) -> str:
    out = str(escape(piece))
    if any(c in _BIDI for c in out):
        out = "".join(f'<span class="ctl" title="control character">[{_BIDI[c]}]</span>'
                      if c in _BIDI else c for c in out)
    return out


@dataclass(frozen=True)
class Mark:
    """A span to mark: offsets into the text, its kind, and a label shown on hover.

    ``anchor`` puts an empty element with that id at the span's start, so a link
    can jump to it (``#ev-12``).
    """

    start: int
    end: int
    kind: str
    label: str
    anchor: str | None = None


def highlight(text: str, marks: list[Mark]) -> Markup:
    """``text`` as escaped HTML with ``marks`` wrapped in ``<span class="hl hl-KIND">``.

    Marks outside the text or empty are ignored rather than trusted.
    """
    n = len(text)
    good = [m for m in marks if m.kind in KINDS and 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in good), *(m.end for m in good)})
    anchors: dict[int, list[str]] = {}
    for m in good:
        if m.anchor:
            anchors.setdefault(m.start, []).append(m.anchor)
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        for anchor in anchors.get(a, []):
            out.append(f'<span class="anchor" id="{escape(anchor)}"></span>')
        piece = _text(text[a:b])
        covering = [m for m in good if m.start <= a and b <= m.end]
        if not covering:
            out.append(piece)
            continue
        kinds = sorted({m.kind for m in covering}, key=KINDS.index)
        classes = " ".join(["hl", *(f"hl-{k}" for k in kinds)])
        title = "\n".join(f"{m.kind}: {m.label}" for m in
                          sorted(covering, key=lambda m: KINDS.index(m.kind)))
        out.append(f'<span class="{classes}" title="{escape(title)}">{piece}</span>')
    return Markup("".join(out))
