"""What normalization remembers while it walks an article left to right.

The publication date anchors deictic expressions ("yesterday", "last year");
the most recent date mentioned anchors narrative ones ("the next day", "a year
earlier"); the most recent quarter anchors the financial shorthand of "the
quarter" and "the year-earlier quarter".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from dyad.time.calendar import Period, containing
from dyad.time.tense import infer_tense

TenseFn = Callable[[int, int], "str | None"]


@dataclass
class Norm:
    """A normalized expression before it becomes a record: TimeML type and value,
    the period it denotes (None for durations, sets, vague references), what it
    was resolved against, and an explicit interval when the period's is too wide."""

    type: str
    value: str
    period: Period | None = None
    anchor: str | None = None
    begin: dt.date | None = None
    end: dt.date | None = None


@dataclass
class Context:
    text: str
    published: dt.date | None
    tense_at: TenseFn | None = None
    last_day: Period | None = None
    last_any: Period | None = None
    last_quarter: Period | None = None
    _tense_cache: dict[tuple[int, int], str | None] = field(default_factory=dict)

    def ref(self) -> tuple[dt.date, str] | None:
        """The date deictic expressions resolve against, and its anchor label:
        the publication date, else the last full date in the text."""
        if self.published is not None:
            return self.published, "published"
        if self.last_day is not None:
            return self.last_day.start, self.last_day.value()
        return None

    def tense(self, start: int, end: int) -> str | None:
        key = (start, end)
        if key not in self._tense_cache:
            tense = self.tense_at(start, end) if self.tense_at else None
            if tense is None:
                tense = infer_tense(self.text, start, end)
            self._tense_cache[key] = tense
        return self._tense_cache[key]

    def tense_guessed(self, start: int, end: int) -> bool:
        """True when the tense at the span came from nearby words, not ``tense_at``."""
        return self.tense_at is None or self.tense_at(start, end) is None

    def narrative(self, gran: str) -> tuple[Period, str] | None:
        """The period of unit ``gran`` around the last mentioned date, for
        "the next day", "that year", "two weeks later"."""
        base = self.last_day if gran == "day" else self.last_any
        if base is None or not _finer_or_equal(base.gran, gran):
            return None
        return containing(gran, base.start), base.value()

    def record(self, norm: Norm) -> None:
        p = norm.period
        if p is None or norm.type not in ("DATE", "TIME"):
            return
        if p.gran == "quarter" and norm.anchor not in (None, "published"):
            return  # "the year-earlier quarter" is a comparison, not the topic
        if p.gran == "day":
            self.last_day = p.with_(pod=None, clock=None, mod=None)
        self.last_any = p.with_(pod=None, clock=None, mod=None)
        if p.gran == "quarter":
            self.last_quarter = p


_ORDER = {g: i for i, g in enumerate(
    ("day", "weekend", "week", "month", "quarter", "season", "half", "year", "decade",
     "century"))}


def _finer_or_equal(have: str, want: str) -> bool:
    """True when a period of unit ``have`` pins down a period of unit ``want``."""
    return _ORDER[have] <= _ORDER[want]
