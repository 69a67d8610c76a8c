"""Named periods: seasons ("last fall", "the winter of 1994") and holidays
("Thanksgiving", "Christmas 2022"), resolved like months against the reference date.
"""

from __future__ import annotations

import datetime as dt

from dyad.time.calendar import Period, easter, nth_weekday, season
from dyad.time.context import Context, Norm
from dyad.time.extract import Candidate
from dyad.time.lexicon import SEASONS
from dyad.time.normalize import _MODS, Handler, _date, _norm_words, choose, direction


def season_expr(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    code = SEASONS[(g["season"] or "").lower()]
    rel = _norm_words(g.get("rel"))
    mod = _MODS.get(rel)
    if g.get("y"):
        return _date(season(code, int(g["y"] or 0)).with_(mod=mod), None)
    ref = ctx.ref()
    if ref is None:
        return Norm("DATE", f"XXXX-{code}")
    today, anchor = ref
    options = [season(code, y) for y in range(today.year - 2, today.year + 2)]
    started = [o for o in options if o.start <= today]
    current = [o for o in started if today < o.interval()[1]]
    if rel in ("last", "this past"):
        p: Period | None = started[-1] if not current else started[-2]
    elif rel in ("next", "this coming"):
        p = next(o for o in options if o.start > today)
    elif rel == "this":
        # "this summer" is the summer of the current year, passed or not.
        p = current[0] if current else season(code, today.year)
    else:
        p = choose(today, options, direction(c, ctx))
    if p is not None and mod:
        p = p.with_(mod=mod)
    return _date(p, anchor) if p else None


def holiday(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    name = " ".join((g["hol"] or "").split())

    def day_of(y: int) -> dt.date:
        fixed = {"Christmas": (12, 25), "Christmas Day": (12, 25), "Christmas Eve": (12, 24),
                 "New Year's": (1, 1), "New Year's Day": (1, 1), "New Year's Eve": (12, 31),
                 "Independence Day": (7, 4), "Halloween": (10, 31),
                 "Valentine's Day": (2, 14), "Veterans Day": (11, 11),
                 "Boxing Day": (12, 26)}
        if name in fixed:
            return dt.date(y, *fixed[name])
        if name.startswith("Thanksgiving"):
            return nth_weekday(y, 11, 3, 4)
        if name.startswith("Easter"):
            return easter(y)
        if name == "Election Day":  # the Tuesday after the first Monday of November
            return nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1)
        if name == "Labor Day":
            return nth_weekday(y, 9, 0, 1)
        return nth_weekday(y, 5, 0, -1)  # Memorial Day

    if g.get("y"):
        return _date(Period("day", day_of(int(g["y"] or 0))), None)
    ref = ctx.ref()
    if ref is None:
        return Norm("DATE", "XXXX-XX-XX")
    today, anchor = ref
    options = [Period("day", day_of(y)) for y in range(today.year - 1, today.year + 2)]
    rel = _norm_words(g.get("rel"))
    p: Period | None
    if rel == "last":
        p = max((o for o in options if o.start < today), key=lambda o: o.start)
    elif rel == "next":
        p = min((o for o in options if o.start > today), key=lambda o: o.start)
    elif rel == "this":
        p = options[1]
    else:
        p = choose(today, options, direction(c, ctx))
    return _date(p, anchor) if p else None


HANDLERS: dict[str, Handler] = {"season": season_expr, "holiday": holiday}
