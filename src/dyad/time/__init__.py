"""The temporal layer: find TimeML TIMEX3 expressions in news text and normalize them.

>>> import datetime
>>> [t.value for t in tag_times("Talks resumed on Friday.", datetime.date(2023, 3, 17))]
['2023-03-17']

The work is split along the flow: :mod:`~dyad.time.patterns` holds the grammar,
:mod:`~dyad.time.extract` finds and filters spans, :mod:`~dyad.time.normalize`
, :mod:`~dyad.time.relative` and :mod:`~dyad.time.named` compute values with the running
:mod:`~dyad.time.context`, on the periods of :mod:`~dyad.time.calendar`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dyad.records import TimeValue
from dyad.time import named, normalize, relative
from dyad.time.context import Context, Norm
from dyad.time.extract import find_candidates
from dyad.time.tense import infer_tense

__all__ = ["infer_tense", "tag_times"]

_HANDLERS = {**normalize.HANDLERS, **relative.HANDLERS, **named.HANDLERS}


def _record(text: str, start: int, end: int, norm: Norm) -> TimeValue:
    begin = end_date = None
    if norm.begin is not None and norm.end is not None:
        begin, end_date = norm.begin.isoformat(), norm.end.isoformat()
    elif norm.period is not None and norm.type in ("DATE", "TIME"):
        b, e = norm.period.interval()
        begin, end_date = b.isoformat(), e.isoformat()
    return TimeValue(text=text[start:end], start=start, end=end, type=norm.type,
                     value=norm.value, begin=begin, end_date=end_date, anchor=norm.anchor)


def tag_times(
    text: str,
    published: dt.date | None,
    tense_at: Callable[[int, int], str | None] | None = None,
) -> list[TimeValue]:
    """Find and normalize the time expressions in ``text``.

    ``published`` anchors deictic expressions ("yesterday", "last fall"); without
    it they resolve against the last full date in the text, or get X's in their
    value. ``tense_at(start, end)`` may give the tense of the verb governing a span
    ("past", "present", "future" or None); without it the tense is guessed from
    nearby words. Returns :class:`~dyad.records.TimeValue` records in text order,
    with character offsets into ``text``.

    >>> tag_times("He left two years ago.", dt.date(2023, 3, 17))[0].value
    '2021'
    """
    ctx = Context(text=text, published=published, tense_at=tense_at)
    out: list[TimeValue] = []
    for cand in find_candidates(text):
        norm = _HANDLERS[cand.rule](cand, ctx)
        if norm is None:
            continue
        out.append(_record(text, cand.start, cand.end, norm))
        ctx.record(norm)
    return out
