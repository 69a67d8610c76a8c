"""Turn candidates that name calendar dates into TimeML values.

Each handler takes a :class:`~dyad.time.extract.Candidate` and the running
:class:`~dyad.time.context.Context` and returns a :class:`Norm`, or None to drop
the candidate. Incomplete dates take the year (or week) that puts them nearest
the reference date in the direction of the tense: "February 22" in a March
2023 article is 2023-02-22, "December" in a past clause of a January article
is the previous December.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dyad.time.calendar import (
    Period,
    containing,
    valid_date,
    weekday_near,
)
from dyad.time.context import Context, Norm
from dyad.time.extract import Candidate
from dyad.time.lexicon import (
    MONTH_ABBR,
    MONTHS,
    PARTS_OF_DAY,
    WEEKDAYS,
    year_from_words,
)

Handler = Callable[[Candidate, Context], "Norm | None"]
_MODS = {"early": "EARLY", "mid": "MID", "late": "LATE", "the end of": "LATE",
         "the beginning of": "EARLY", "the start of": "EARLY", "the middle of": "MID"}


def _norm_words(s: str | None) -> str:
    return " ".join((s or "").lower().split())


def month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBR[w]


def direction(c: Candidate, ctx: Context, default: str = "nearest") -> str:
    """``past``, ``future`` or ``default`` from the tense around the candidate;
    a past tense guessed from nearby words (not given by ``tense_at``) comes back
    as ``guessed-past``, which :func:`choose` trusts less."""
    tense = ctx.tense(c.start, c.end)
    if tense == "past" and ctx.tense_guessed(c.start, c.end):
        return "guessed-past"
    return tense if tense in ("past", "future") else default


def choose(ref: dt.date, options: list[Period], how: str) -> Period | None:
    """The option nearest ``ref`` looking ``how`` (past, future, nearest)."""
    def gap(p: Period) -> int:
        begin, end = p.interval()
        if begin <= ref < end:
            return 0
        return (begin - ref).days if begin > ref else (ref - end).days + 1

    if not options:
        return None
    guessed = how == "guessed-past"
    if how in ("past", "guessed-past"):
        pool = [p for p in options if p.start <= ref]
    elif how == "future":
        pool = [p for p in options if p.interval()[1] > ref]
    else:
        # No tense: news mostly reports, so a past reading may be twice as far.
        return min(options, key=lambda p: (gap(p) * (2 if p.start > ref else 1), p.start))
    nearest = min(options, key=lambda p: (gap(p), p.start))
    best = min(pool or options, key=lambda p: (gap(p), p.start))
    # A guessed past tense does not send a date most of a year back when a reading
    # within two months exists: "the rights, which expire Nov. 21, can be
    # exercised" in a Nov. 2 article (the guess comes from "exercised").
    if guessed and gap(best) > 270 and gap(nearest) < 60:
        return nearest
    return best


def _date(p: Period, anchor: str | None) -> Norm:
    return Norm("TIME" if p.is_time else "DATE", p.value(), p, anchor)


def _unresolved(gran: str, c: Candidate, month: int | None = None, day: int | None = None,
                weekday: int | None = None) -> Norm:
    """A value with X's for a relative expression when there is no date to resolve it."""
    if weekday is not None:
        return Norm("DATE", f"XXXX-WXX-{weekday + 1}")
    if month is not None:
        return Norm("DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""))
    return Norm("DATE", {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX",
                         "quarter": "XXXX-QX", "year": "XXXX"}.get(gran, "XXXX"))


def _day_in_year(c: Candidate, ctx: Context, month: int, day: int,
                 year: str | None) -> Norm | None:
    if year:
        d = valid_date(int(year), month, day)
        return _date(Period("day", d), None) if d else None
    ref = ctx.ref()
    if ref is None:
        return _unresolved("day", c, month, day)
    today, anchor = ref
    options = [Period("day", d) for y in range(today.year - 8, today.year + 9)
               if (d := valid_date(y, month, day))]
    wd = c.groups.get("wd")
    if wd:  # "Friday, Oct. 23" picks a year where Oct. 23 is a Friday, if one is near
        fitting = [p for p in options if p.start.weekday() == WEEKDAYS[wd.lower()]]
        options = fitting or options
    if not wd and (month, day) != (2, 29):
        # Only a leap day may reach further than a year for its reading.
        options = [p for p in options if abs((p.start - today).days) < 370] or options
    p = choose(today, options, direction(c, ctx))
    return _date(p, anchor) if p else None


def month_day(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    return _day_in_year(c, ctx, month_number(g["mon"] or ""), _day_number(g["d"]), g.get("y"))


def _day_number(text: str | None) -> int:
    return int((text or "0").rstrip("stndrhSTNDRH"))


def numeric_date(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    if c.rule == "iso_date":
        d = valid_date(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
        if d is None:
            return None
        p = Period("day", d, clock=f"{g['hh']}:{g['mi']}" if g.get("hh") else None)
        return _date(p, None)
    if c.rule == "dot_date":  # 17.03.2023 is day-first wherever dots are used
        day, month = int(g["d"] or 0), int(g["m"] or 0)
    else:
        # Slashes are month-first in English news unless the first number can't be a month.
        a, b = int(g["a"] or 0), int(g["b"] or 0)
        month, day = (a, b) if a <= 12 else (b, a)
    year = int(g["y"] or 0)
    if year < 100:
        year += 2000 if year < 50 else 1900
    d = valid_date(year, month, day)
    return _date(Period("day", d), None) if d else None


def month(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    m = month_number(g["mon"] or "")
    rel = _norm_words(g.get("rel"))
    mod = _MODS.get(rel)
    if c.rule == "month_year":
        mod = _MODS.get(_norm_words(g.get("mod")))
        return _date(Period("month", dt.date(int(g["y"] or 0), m, 1), mod=mod), None)
    ref = ctx.ref()
    if ref is None:
        return _unresolved("month", c, m)
    today, anchor = ref
    current = containing("month", today)
    yrel = _norm_words(g.get("yrel"))
    if yrel:
        year = today.year + {"this": 0, "last": -1, "next": 1}[yrel]
        return _date(Period("month", dt.date(year, m, 1)), anchor)
    options = [Period("month", dt.date(y, m, 1), mod=mod) for y in range(today.year - 1,
                                                                          today.year + 2)]
    p: Period | None
    if rel in ("last", "this past"):
        p = max((o for o in options if o.start < current.start), key=lambda o: o.start)
    elif rel in ("next", "this coming"):
        p = min((o for o in options if o.start > current.start), key=lambda o: o.start)
    elif rel == "this":
        p = options[1]
    else:
        p = choose(today, options, direction(c, ctx))
    return _date(p, anchor) if p else None


def year(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    mod = _MODS.get(_norm_words(g.get("mod")))
    return _date(Period("year", dt.date(int(g["y"] or 0), 1, 1), mod=mod), None)


def year_words(c: Candidate, ctx: Context) -> Norm | None:
    y = year_from_words(c.groups["yw"] or "")
    if y is None or not 1000 <= y <= 2099:
        return None
    if c.groups.get("mon"):
        return _date(Period("month", dt.date(y, month_number(c.groups["mon"] or ""), 1)), None)
    return _date(Period("year", dt.date(y, 1, 1)), None)


def week_of(c: Candidate, ctx: Context) -> Norm | None:
    day = month_day(c, ctx)
    if day is None or day.period is None:
        return None
    return _date(containing("week", day.period.start), day.anchor)


def decade(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    digits = g["dec"] or ""
    mod = _MODS.get(_norm_words(g.get("mod")))
    if digits.startswith("'"):
        ref = ctx.ref()
        now = ref[0].year if ref else 1999
        start = now // 100 * 100 + int(digits[1:])
        if start > now:
            start -= 100
    else:
        start = int(digits)
    return _date(Period("decade", dt.date(start, 1, 1), mod=mod), None)


def century(c: Candidate, ctx: Context) -> Norm | None:
    word = (c.groups["ord"] or "").lower()
    n = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}.get(word)
    if n is None:
        n = int(word[:-2])
    return _date(Period("century", dt.date(max(1, (n - 1) * 100), 1, 1)), None)


def relday(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    word = _norm_words(g.get("rd"))
    pod = PARTS_OF_DAY.get((g.get("pod") or "").lower())
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    if word == "tonight":
        pod = "NI"
    ref = ctx.ref()
    if ref is None:
        return _unresolved("day", c)
    p = Period("day", ref[0] + dt.timedelta(days=offset), pod=pod)
    return _date(p, ref[1])


def thispod(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    ref = ctx.ref()
    if ref is None:
        return _unresolved("day", c)
    pod = PARTS_OF_DAY[(g["pod"] or "").lower()]
    offset = -1 if (g["rel"] or "").lower() == "last" else 0
    return _date(Period("day", ref[0] + dt.timedelta(days=offset), pod=pod), ref[1])


def resolve_weekday(c: Candidate, ctx: Context, name: str, rel: str) -> Norm | None:
    """The day a weekday name refers to: "last Friday" is before the reference
    date, "next Friday" after it, a bare "Friday" follows the tense (the same
    day counts), past when no tense is found since news mostly reports."""
    wd = WEEKDAYS[name.lower()]
    ref = ctx.ref()
    if ref is None:
        return _unresolved("day", c, weekday=wd)
    today, anchor = ref
    if rel in ("last", "this past", "past"):
        d = weekday_near(today - dt.timedelta(days=1), wd, "past")
    elif rel in ("next", "this coming", "coming"):
        d = weekday_near(today + dt.timedelta(days=1), wd, "future")
    elif rel == "this":
        d = weekday_near(today, wd, "nearest")
    else:
        tense = ctx.tense(c.start, c.end)
        # A weekday with a present verb is a schedule ("meets Monday").
        how = "future" if tense in ("future", "present") else "past"
        if re.search(r"\bas\s+(?:soon|early)\s+as\s+$", ctx.text[max(0, c.start - 16):c.start]):
            how = "future"
        if ctx.text[c.start:c.end].endswith("'s") or ctx.text.startswith("'s", c.end):
            how = "past"  # "Wednesday's ruling" names something that happened
        d = weekday_near(today, wd, how)
    return Norm("DATE", d.isoformat(), Period("day", d), anchor)


def weekday(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    out = resolve_weekday(c, ctx, g["wd"] or "", _norm_words(g.get("rel")))
    pod = PARTS_OF_DAY.get((g.get("pod") or "").lower())
    if out is not None and out.period is not None and pod:
        return _date(out.period.with_(pod=pod), out.anchor)
    return out


def time_of_day(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    if named := g.get("named"):
        clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[named.lower()]
    elif h24 := g.get("h24"):
        clock = f"{int(h24):02d}:{g['mi24']}"
    else:
        hour = int(g["h"] or 0)
        if not 1 <= hour <= 12:
            return None
        pm = (g["ap"] or "").lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
        clock = f"{hour:02d}:{g.get('mi') or '00'}"
    day_word = (g.get("day") or "").lower()
    base: Norm | None
    if g.get("mon"):
        base = _day_in_year(c, ctx, month_number(g["mon"] or ""), _day_number(g["d"]), None)
    elif day_word in WEEKDAYS:
        base = resolve_weekday(c, ctx, day_word, "")
    elif day_word:
        base = relday(Candidate(c.start, c.end, "relday", {"rd": day_word}, 0), ctx)
    elif ctx.last_day is not None:
        # "at 10 p.m." in a story belongs to the day the story is on.
        base = _date(ctx.last_day, ctx.last_day.value())
    else:
        ref = ctx.ref()
        base = _date(Period("day", ref[0]), ref[1]) if ref else None
    if base is None or base.period is None:
        return Norm("TIME", f"XXXX-XX-XXT{clock}")
    p = base.period.with_(pod=None, clock=clock)
    return Norm("TIME", p.value(), p, base.anchor)


HANDLERS: dict[str, Handler] = {
    "iso_date": numeric_date, "slash_date": numeric_date, "dot_date": numeric_date,
    "month_day": month_day, "day_month": month_day, "month_year": month, "month": month,
    "year": year, "decade": decade, "century": century, "relday": relday,
    "thispod": thispod, "weekday": weekday, "time": time_of_day, "year_words": year_words,
    "week_of": week_of,
}
