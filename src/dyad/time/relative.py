"""Relative, narrative and non-date expressions: "last week", "the next day",
"two years ago", "the third quarter", "for three weeks", "every Monday", "now".

Deictic expressions resolve against the publication date (anchor
``"published"``); narrative ones ("the following week", "two days later")
against the last date mentioned before them (anchor = that date's value).
"""

from __future__ import annotations

import datetime as dt

from dyad.time.calendar import Period, containing, shift
from dyad.time.context import Context, Norm
from dyad.time.extract import Candidate
from dyad.time.lexicon import (
    MONTH_ABBR,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    TIME_UNITS,
    UNIT_LETTER,
    WEEKDAYS,
    number_value,
)
from dyad.time.normalize import Handler, _date, _norm_words, _unresolved, choose, direction

_DEICTIC = {"this": 0, "the current": 0, "last": -1, "this past": -1, "next": 1,
            "the coming": 1, "this coming": 1}
_NARRATIVE = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1,
              "the prior": -1, "the same": 0, "that": 0}


def _unit(word: str) -> str:
    w = word.lower().replace("fiscal ", "").replace("calendar ", "")
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") else w


def relunit(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    rel, mod = _norm_words(g.get("rel")), _norm_words(g.get("mod"))
    word = (g["unit"] or "").lower()
    pod = PARTS_OF_DAY.get(word)
    unit = "day" if pod else _unit(word)
    if rel in ("the past", "the last"):  # "the past week": the week up to now
        return Norm("DURATION", duration_value(1, unit))
    if rel == "the latest":
        rel = "last"
    if rel in _NARRATIVE or (unit == "day" and rel in ("next", "the next")):
        base = ctx.narrative(unit)
        if base is None:
            if ctx.published is None:
                return _unresolved(unit, c)
            base = (containing(unit, ctx.published), "published")
        p = shift(base[0], _NARRATIVE.get(rel, 1))
        anchor = base[1]
    else:
        if unit == "day" and rel not in _DEICTIC:
            return None
        ref = ctx.ref()
        if ref is None:
            return _unresolved(unit, c)
        p, anchor = shift(containing(unit, ref[0]), _DEICTIC.get(rel, 0)), ref[1]
    if pod:
        p = p.with_(pod=pod)
    out = _date(p, anchor)
    today = ctx.published
    if mod in ("early", "mid", "late"):
        p = p.with_(mod=mod.upper())
        out = _date(p, anchor)
    elif mod in ("earlier", "later") and today and p.start <= today < p.interval()[1]:
        # "earlier this month": from the start of the month up to publication.
        out.begin, out.end = ((p.start, today) if mod == "earlier"
                              else (today + dt.timedelta(days=1), p.interval()[1]))
    return out


def weekend(c: Candidate, ctx: Context) -> Norm | None:
    rel = _norm_words(c.groups.get("rel"))
    ref = ctx.ref()
    if ref is None:
        return Norm("DATE", "XXXX-WXX-WE")
    today, anchor = ref
    this = containing("weekend", today)
    if rel in ("last", "this past"):
        p = shift(this, -1) if today < this.start + dt.timedelta(days=2) else this
    elif rel in ("next", "this coming"):
        p = shift(this, 1) if today >= this.start else this
    elif rel == "this":
        p = this
    else:
        how = direction(c, ctx, "past")
        p = choose(today, [shift(this, -1), this, shift(this, 1)], how) or this
    return _date(p, anchor)


def _quarter(year: int, n: int) -> Period:
    return Period("quarter", dt.date(year, 3 * n - 2, 1))


def quarter_ord(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    n = ORDINALS[(g["ord"] or "").lower()]
    ref = ctx.ref()
    yword = _norm_words(g.get("y") or g.get("py") or g.get("pre"))
    explicit = None
    if yword[:4].isdigit():
        explicit = int(yword[:4])
    elif ref and yword.split(" ")[0] in ("this", "last", "next"):
        explicit = ref[0].year + {"this": 0, "last": -1, "next": 1}[yword.split(" ")[0]]
    if explicit is not None:
        return _date(_quarter(explicit, n), ref[1] if ref and not yword[:4].isdigit() else None)
    if ref is None:
        return Norm("DATE", f"XXXX-Q{n}")
    today, anchor = ref
    options = [_quarter(y, n) for y in range(today.year - 1, today.year + 2)]
    # Quarters are named once they have begun (reports, forecasts for the
    # current one), whatever the tense.
    p = choose(today, options, "past")
    if p is not None and g.get("ya"):  # "the year-ago third quarter"
        return _date(shift(p, -4), p.value())
    return _date(p, anchor) if p else None


def quarter_ref(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    qmod = _norm_words(g.get("qmod"))
    noun = (g.get("noun") or "").lower()
    if noun == "period" and ctx.last_quarter is None:
        return None
    ref = ctx.ref()
    if ref is None:
        return Norm("DATE", "XXXX-QX")
    current = containing("quarter", ref[0])
    # Financial news reports on the last quarter it named, else the last one completed.
    base = ctx.last_quarter or shift(current, -1)
    anchor = ctx.last_quarter.value() if ctx.last_quarter else ref[1]
    if qmod == "current":
        p, anchor = current, ref[1]
    elif qmod in ("next", "coming"):
        p, anchor = shift(current, 1), ref[1]
    elif qmod in ("previous", "prior"):
        p = shift(base, -1)
    elif qmod in ("year-earlier", "year-ago", "comparable"):
        p = shift(base, -4)
    else:
        p = base
    return _date(p, anchor)


def year_ago_adj(c: Candidate, ctx: Context) -> Norm | None:
    if ctx.last_quarter is not None:
        return _date(shift(ctx.last_quarter, -4), ctx.last_quarter.value())
    ref = ctx.ref()
    if ref is None:
        return _unresolved("year", c)
    return _date(shift(containing("year", ref[0]), -1), ref[1])


def year_period(c: Candidate, ctx: Context) -> Norm | None:
    """"the 1988 quarter": the quarter under discussion, in that year."""
    y = int(c.groups["y"] or 0)
    if ctx.last_quarter is not None:
        q = ctx.last_quarter
        return _date(Period("quarter", q.start.replace(year=y)), q.value())
    return _date(Period("year", dt.date(y, 1, 1)), None)


def quarter_ago(c: Candidate, ctx: Context) -> Norm | None:
    """"the corresponding period last year": the quarter under discussion, a year back."""
    if ctx.last_quarter is not None:
        return _date(shift(ctx.last_quarter, -4), ctx.last_quarter.value())
    ref = ctx.ref()
    if ref is None:
        return Norm("DATE", "XXXX-QX")
    return _date(shift(containing("quarter", ref[0]), -5), ref[1])


def half(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    second = (g["ord"] or "").lower() != "first"
    ref = ctx.ref()
    anchor: str | None = None
    if g.get("y"):
        y = int(g["y"] or 0)
    elif ref is None:
        return Norm("DATE", "XXXX-H2" if second else "XXXX-H1")
    else:
        y = ref[0].year + {"this": 0, "last": -1, "next": 1}.get(_norm_words(g.get("rel")), 0)
        anchor = ref[1]
    return _date(Period("half", dt.date(y, 7 if second else 1, 1)), anchor)


def ago(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    unit = _unit(g["unit"] or "")
    dir_word = _norm_words(g.get("dir"))
    sign = -1 if dir_word in ("ago", "earlier") else 1
    n = number_value(_norm_words(g.get("num")))
    if n is None:
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor="published")
    gran = {"hour": "day", "minute": "day", "second": "day", "fortnight": "week"}.get(unit, unit)
    steps = round(n) * (2 if unit == "fortnight" else 1)
    if unit in TIME_UNITS:
        steps = 0
    if gran == "year" and steps == 1 and sign < 0 and ctx.last_quarter is not None:
        # Earnings reports: "up from $2 million a year ago" compares quarters.
        return _date(shift(ctx.last_quarter, -4), ctx.last_quarter.value())
    if dir_word in ("earlier", "later"):
        base = ctx.narrative(gran)
        if base is not None:
            return _date(shift(base[0], sign * steps), base[1])
    ref = ctx.ref()
    if ref is None:
        return _unresolved(gran, c)
    return _date(shift(containing(gran, ref[0]), sign * steps), ref[1])


def duration_value(n: float | None, unit: str) -> str:
    """TimeML duration for ``n`` units: 3 weeks → P3W, 2 hours → PT2H, 1.5 years → P18M,
    a decade → P10Y, an unknown number of years → PXY."""
    if unit == "decade":
        n, unit = (None if n is None else n * 10), "year"
    elif unit == "century":
        n, unit = (None if n is None else n * 100), "year"
    elif unit == "fortnight":
        n, unit = (None if n is None else n * 2), "week"
    parts: list[tuple[int | None, str]]
    smaller = {"year": (12, "month"), "day": (24, "hour"), "hour": (60, "minute"),
               "week": (7, "day"), "month": (30, "day"), "minute": (60, "second")}
    if n is not None and n != int(n) and unit in smaller:
        # "5 1/2 hours" → PT5H30M: the fraction goes to the next smaller unit.
        factor, small = smaller[unit]
        whole, rest = int(n), round((n - int(n)) * factor)
        parts = [(whole, unit), (rest, small)] if whole else [(rest, small)]
    else:
        parts = [(None if n is None else round(n), unit)]
    text, in_time = "P", False
    for amount, u in parts:
        if u in TIME_UNITS and not in_time:
            text, in_time = text + "T", True
        text += f"{'X' if amount is None else amount}{UNIT_LETTER[u]}"
    return text


def duration(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    unit = _unit(g["unit"] or "")
    if c.rule == "bare_plural":
        return Norm("DURATION", duration_value(None, unit))
    n = number_value(_norm_words(g.get("num")))
    if n == 0:
        return None
    if n is not None and g.get("half"):
        n += 0.5
    return Norm("DURATION", duration_value(n, unit))


_VAGUE = {"now": "PRESENT_REF", "current": "PRESENT_REF", "recent": "PAST_REF",
          "right now": "PRESENT_REF", "currently": "PRESENT_REF",
          "presently": "PRESENT_REF", "at present": "PRESENT_REF", "nowadays": "PRESENT_REF",
          "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
          "recently": "PAST_REF", "lately": "PAST_REF", "formerly": "PAST_REF",
          "previously": "PAST_REF", "the past": "PAST_REF"}


def vague(c: Candidate, ctx: Context) -> Norm | None:
    w = _norm_words(c.groups.get("w"))
    return Norm("DATE", _VAGUE.get(w, "FUTURE_REF"), anchor="published")


_ADVERB_SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
                "yearly": "P1Y", "nightly": "XXXX-XX-XXTNI", "hourly": "PT1H",
                "quarterly": "P1Q", "biweekly": "P2W"}


def set_expr(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    if c.rule == "set_adv":
        return Norm("SET", _ADVERB_SETS[(g["adv"] or "").lower()])
    if c.rule == "set_plural":
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[(g['wd'] or '').lower()] + 1}")
    word = (g.get("unit") or "").lower().rstrip(".")
    if word in WEEKDAYS:
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}")
    if word in PARTS_OF_DAY:
        return Norm("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[word]}")
    if word in SEASONS:
        return Norm("SET", f"XXXX-{SEASONS[word]}")
    if word in MONTHS or word in MONTH_ABBR:
        return Norm("SET", f"XXXX-{MONTHS.get(word) or MONTH_ABBR[word]:02d}")
    if word == "weekend":
        return Norm("SET", "XXXX-WXX-WE")
    return Norm("SET", duration_value(1, word))


def year_end(c: Candidate, ctx: Context) -> Norm | None:
    """"year-end", "the end of the month": the current year or month, its last third;
    "for the year": the current year."""
    unit = (c.groups.get("unit") or "year").lower()
    ref = ctx.ref()
    if ref is None:
        return _unresolved(unit, c)
    p = containing(unit, ref[0])
    return _date(p.with_(mod="LATE") if c.rule == "year_end" else p, ref[1])


def year_ended(c: Candidate, ctx: Context) -> Norm | None:
    """"the year ended June 30": a fiscal year, reported as a one-year duration."""
    return Norm("DURATION", "P1Y")


def narr_dir(c: Candidate, ctx: Context) -> Norm | None:
    g = c.groups
    word = (g["unit"] or "").lower()
    unit = "day" if word == "night" else word
    base = ctx.narrative(unit)
    if base is None:
        return None
    p = shift(base[0], -1 if (g["dir"] or "").lower() == "before" else 1)
    if word == "night":
        p = p.with_(pod="NI")
    return _date(p, base[1])


HANDLERS: dict[str, Handler] = {
    "relunit": relunit, "weekend": weekend, "quarter_ord": quarter_ord,
    "quarter_ref": quarter_ref, "year_period": year_period, "quarter_ago": quarter_ago,
    "year_ago_adj": year_ago_adj, "half": half, "ago": ago,
    "dur": duration, "bare_plural": duration, "vague": vague, "set_every": set_expr,
    "set_adv": set_expr, "set_plural": set_expr, "set_per": set_expr, "narr_dir": narr_dir,
    "year_end": year_end, "the_year": year_end, "year_ended": year_ended,
}
