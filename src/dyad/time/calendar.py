"""Calendar periods and their arithmetic: the units every time value is made of.

A :class:`Period` is a calendar unit (a day, an ISO week, a quarter, a season,
...) identified by the date it starts on. It knows its TimeML value and the
interval it covers (ISO dates, end exclusive).

Season convention (meteorological, as TimeML leaves it open): spring (SP) is
March-May, summer (SU) June-August, fall (FA) September-November and winter
(WI) December to February; ``2022-WI`` starts on 2022-12-01 and ends on
2023-03-01, so "winter 2022" is the winter that begins in December 2022.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_OF_MONTH = {m: s for s, first in SEASON_START.items() for m in range(first, first + 3)}
_SEASON_OF_MONTH.update({1: "WI", 2: "WI"})

# Units ordered from fine to coarse; used to decide what "day precision" means.
GRANS = ("day", "weekend", "week", "month", "quarter", "season", "half", "year",
         "decade", "century")


@dataclass(frozen=True)
class Period:
    """A calendar unit starting on ``start``; ``pod`` (MO, AF, EV, NI) or ``clock``
    (``"10:00"``) narrow a day to a time; ``mod`` (EARLY, MID, LATE) narrows the
    interval but keeps the value, as TimeML keeps ``mod`` apart from ``value``."""

    gran: str
    start: dt.date
    pod: str | None = None
    clock: str | None = None
    mod: str | None = None

    @property
    def is_time(self) -> bool:
        return self.gran == "day" and (self.pod is not None or self.clock is not None)

    def value(self) -> str:
        """The TimeML value, e.g. ``2022-09``, ``2022-FA``, ``2023-03-14TMO``."""
        d = self.start
        if self.gran == "day":
            base = d.isoformat()
            if self.clock:
                return f"{base}T{self.clock}"
            return f"{base}T{self.pod}" if self.pod else base
        if self.gran in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year}-W{week:02d}" + ("-WE" if self.gran == "weekend" else "")
        if self.gran == "month":
            return f"{d.year}-{d.month:02d}"
        if self.gran == "quarter":
            return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
        if self.gran == "half":
            return f"{d.year}-H{1 if d.month < 7 else 2}"
        if self.gran == "season":
            return f"{d.year}-{_SEASON_OF_MONTH[d.month]}"
        if self.gran == "year":
            return f"{d.year:04d}"
        if self.gran == "decade":
            return f"{d.year // 10:03d}X"
        return f"{d.year // 100:02d}"  # century

    def interval(self) -> tuple[dt.date, dt.date]:
        """Begin and end (exclusive) of the period, narrowed by ``mod`` to a third."""
        begin, end = self.start, shift(self, 1).start
        if self.gran == "weekend":
            end = begin + dt.timedelta(days=2)
        elif self.gran == "season":
            end = add_months(begin, 3)
        if self.mod in ("EARLY", "MID", "LATE") and (end - begin).days >= 3:
            third = (end - begin).days // 3
            if self.mod == "EARLY":
                end = begin + dt.timedelta(days=third)
            elif self.mod == "MID":
                begin, end = begin + dt.timedelta(days=third), end - dt.timedelta(days=third)
            else:
                begin = end - dt.timedelta(days=third)
        return begin, end

    def with_(self, **changes: str | None) -> Period:
        """A copy with some of ``pod``, ``clock`` and ``mod`` changed (the unit and start
        stay: that is what lets the changes be typed as strings)."""
        narrowing = {"pod": self.pod, "clock": self.clock, "mod": self.mod, **changes}
        return Period(self.gran, self.start, **narrowing)


def add_months(d: dt.date, n: int) -> dt.date:
    """``d`` moved by ``n`` months, the day clipped to the month's length."""
    total = d.year * 12 + d.month - 1 + n
    year, month = divmod(total, 12)
    day = min(d.day, _cal.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def containing(gran: str, d: dt.date) -> Period:
    """The period of unit ``gran`` that contains the day ``d``."""
    if gran == "day":
        return Period("day", d)
    if gran == "week":
        return Period("week", d - dt.timedelta(days=d.weekday()))
    if gran == "weekend":
        # The weekend of the ISO week containing d (Saturday of that week).
        return Period("weekend", d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=5))
    if gran == "month":
        return Period("month", d.replace(day=1))
    if gran == "quarter":
        return Period("quarter", dt.date(d.year, (d.month - 1) // 3 * 3 + 1, 1))
    if gran == "half":
        return Period("half", dt.date(d.year, 1 if d.month < 7 else 7, 1))
    if gran == "season":
        first = SEASON_START[_SEASON_OF_MONTH[d.month]]
        year = d.year - 1 if d.month < 3 else d.year
        return Period("season", dt.date(year, first, 1))
    if gran == "year":
        return Period("year", dt.date(d.year, 1, 1))
    if gran == "decade":
        return Period("decade", dt.date(max(1, d.year // 10 * 10), 1, 1))
    return Period("century", dt.date(max(1, d.year // 100 * 100), 1, 1))


def shift(p: Period, n: int) -> Period:
    """The period ``n`` units after ``p`` (before, when ``n`` is negative)."""
    step_days = {"day": 1, "week": 7, "weekend": 7}
    if p.gran in step_days:
        return Period(p.gran, p.start + dt.timedelta(days=step_days[p.gran] * n))
    months = {"month": 1, "quarter": 3, "season": 12, "half": 6, "year": 12,
              "decade": 120, "century": 1200}[p.gran]
    return Period(p.gran, add_months(p.start, months * n))


def season(code: str, year: int) -> Period:
    """The season ``code`` (SP, SU, FA, WI) whose value year is ``year``."""
    return Period("season", dt.date(year, SEASON_START[code], 1))


def weekday_near(ref: dt.date, weekday: int, direction: str) -> dt.date:
    """The day with ``weekday`` (0 = Monday) nearest ``ref``: ``past`` looks on or
    before ``ref``, ``future`` on or after it, ``nearest`` either way (past on ties)."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if direction == "past":
        return ref - dt.timedelta(days=back)
    if direction == "future":
        return ref + dt.timedelta(days=ahead)
    return ref - dt.timedelta(days=back) if back <= ahead else ref + dt.timedelta(days=ahead)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` of a month (``n`` = -1 for the last)."""
    if n < 0:
        last = dt.date(year, month, _cal.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (Feb 30, Feb 29 of a common year)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
