"""The regular grammar of time expressions: one named rule per family.

Each rule is a compiled regex with named groups; :mod:`dyad.time.extract` runs
them all, checks context (capitalization, prepositions) and keeps the longest
non-overlapping matches; :mod:`dyad.time.normalize` reads the groups. The
spans follow TimeML: prepositions ("on", "in", "for") stay outside, modifiers
that change the value ("last", "early", "the past") stay inside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dyad.time.lexicon import NUMBER_WORD_RE

MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)"
)
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
POD = r"(?:morning|afternoon|evening|night|overnight)"
NUM = (rf"(?:\d{{1,3}}(?:\s+1/2|\.\d+)?|{NUMBER_WORD_RE}|several|a\s+few|few|many|some"
       r"|a\s+couple\s+of|couple\s+of)")
UNIT = (r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?"
        r"|decades?|centuries|century)")
MOD = r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
NARRATIVE_REL = (r"the\s+next|the\s+following|the\s+previous|the\s+preceding|the\s+prior"
                 r"|the\s+same|that")
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
YEAR_WORDS = (
    rf"(?:(?:nineteen|twenty)[-\s](?:{_TENS}(?:[-\s]{_UNITS})?|hundred|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    rf"|two\s+thousand(?:\s+and)?(?:[-\s](?:{_UNITS}|ten|eleven|twelve))?)"
)
SEASON = r"(?:spring|summer|fall|autumn|winter)"
HOLIDAY = (
    r"(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?"
    r"|Easter(?:\s+Sunday)?|Election\s+Day|Independence\s+Day|Labor\s+Day|Memorial\s+Day"
    r"|Halloween|Valentine's\s+Day|Veterans\s+Day|Boxing\s+Day)"
)


@dataclass(frozen=True)
class Rule:
    """A named pattern; ``priority`` breaks ties between spans of equal length."""

    name: str
    regex: re.Pattern[str]
    priority: int = 0


def _r(name: str, pattern: str, priority: int = 0, case: bool = False) -> Rule:
    flags = 0 if case else re.IGNORECASE
    return Rule(name, re.compile(rf"(?<![\w$#-]){pattern}(?![\w%]|-\d)", flags), priority)


RULES: tuple[Rule, ...] = (
    _r("iso_date", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<hh>\d\d):(?P<mi>\d\d))?", 5),
    _r("slash_date", r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d)", 5),
    _r("dot_date", r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})", 5),
    _r("month_day",
       rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})(?!\s*(?::\d|\d|%|percent))"
       rf"(?:,?\s+(?P<y>{YEAR}))?", 4),
    _r("day_month",
       rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})"
       rf"(?:,?\s+(?P<y>{YEAR}))?", 3),
    _r("month_year", rf"(?:(?P<mod>{MOD})[-\s]+)?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})", 3),
    _r("month",
       rf"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|{MOD})[-\s]+)?(?P<mon>{MONTH})"
       r"(?!\s*\d)(?:\s+(?P<yrel>this|last|next)\s+year)?", 1),
    _r("year", rf"(?:(?P<mod>{MOD}|fiscal|calendar|the\s+year)[-\s]+)?(?P<y>{YEAR})(?!s|'s\b)", 1),
    _r("year_words",
       rf"(?:(?P<mon>{MONTH})\s+|the\s+year\s+)?(?P<yw>{YEAR_WORDS})(?![-\s]+{UNIT})", 1),
    _r("week_of", rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})", 3),
    _r("year_period", rf"the\s+(?P<y>{YEAR})\s+(?P<noun>quarter|period)", 2),
    _r("quarter_ago",
       r"(?:the\s+(?:(?:corresponding|comparable|same|year-ago|year-earlier)\s+)?(?P<noun>"
       r"period|quarter)\s+(?:a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?last\s+year)"
       r"|last\s+year's\s+(?:quarter|period))", 3),
    _r("decade",
       r"(?:the\s+)?(?:(?P<mod>early|mid|late)[-\s]+)?(?P<dec>(?:1[5-9]|20)\d0|'\d0)'?s"),
    _r("century",
       r"(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|nineteenth|twentieth|twenty-first)[-\s]century"),
    _r("relday",
       r"(?:(?P<mod>early|late)\s+)?(?P<rd>today|tonight|yesterday|tomorrow"
       r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
       rf"(?:\s+(?P<pod>{POD}))?", 2),
    _r("thispod", rf"(?P<rel>this|last)\s+(?P<pod>{POD}|night)", 2),
    _r("weekday",
       r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|coming|past|early|late)\s+)?"
       rf"(?P<wd>{WEEKDAY})(?:'s)?(?:\s+(?P<pod>{POD}))?", 2),
    _r("time",
       r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ap>a\.m\b\.?|p\.m\b\.?|am\b|pm\b)"
       r"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>\d\d)(?=\s+(?:[ECMP][SD]T|GMT|UTC)\b)"
       r"|(?P<named>noon|midnight|midday))"
       r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local\s+time))?"
       rf"(?:,?\s+(?:on\s+)?(?:(?P<day>today|tonight|yesterday|tomorrow|{WEEKDAY})"
       rf"|(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})))?", 3),
    _r("relunit",
       r"(?:(?P<mod>early|late|mid|earlier|later)[-\s]+(?:in\s+)?)?"
       r"(?P<rel>this|last|next|the\s+past|the\s+coming|this\s+coming|this\s+past|the\s+current"
       r"|the\s+latest|the\s+last|the\s+next|the\s+following|the\s+previous|the\s+preceding"
       r"|the\s+prior|the\s+same|that)\s+"
       rf"(?P<unit>week|month|quarter|year|decade|century|fiscal\s+year|calendar\s+year|day|{POD})",
       2),
    _r("year_end",
       r"(?:(?:the\s+)?end\s+of\s+the\s+(?P<unit>year|month)|year[-\s]end|year's\s+end)", 2),
    _r("the_year", r"the\s+(?:full\s+|whole\s+|entire\s+)?(?P<unit>year)", 1),
    _r("year_ended", r"the\s+(?:fiscal\s+)?year(?=\s+end(?:ed|ing)\b)", 2),
    _r("weekend", r"(?P<rel>this|last|next|the|this\s+past|this\s+coming)\s+weekend", 2),
    _r("season",
       r"(?:(?P<rel>last|this|next|early|late|mid|the|this\s+past|this\s+coming)[-\s]+)?"
       rf"(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?", 1),
    _r("quarter_ord",
       r"(?:the\s+)?(?:(?P<pre>(?:this|last|next)\s+year's|(?P<py>\d{4})(?:'s)?|fiscal"
       r"|(?P<ya>year-earlier|year-ago))\s+)?"
       r"(?:fiscal\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s](?:fiscal\s+)?"
       r"quarter(?:\s+of\s+(?:fiscal\s+)?(?P<y>\d{4}|this\s+year|last\s+year|next\s+year))?", 2),
    _r("quarter_ref",
       r"the\s+(?:(?P<qmod>latest|current|recent|previous|past|last|same|prior|comparable"
       r"|year-earlier|year-ago|most\s+recent|just-ended|just\s+ended|next|coming)[-\s]+)?"
       r"(?:fiscal\s+)?(?P<noun>quarter|period)", 1),
    _r("year_ago_adj", r"(?P<adj>year-earlier|year-ago|year\s+earlier)"),
    _r("half",
       r"(?:the\s+)?(?P<ord>first|second|latter|last|back)\s+half(?:\s+of)?"
       rf"(?:\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year|the\s+year))?", 1),
    _r("ago",
       r"(?:(?P<pre>more\s+than|nearly|almost|about|some|roughly|only|just|at\s+least"
       r"|less\s+than)\s+)?"
       rf"(?P<num>{NUM})[-\s]+(?P<unit>{UNIT})\s+(?P<dir>ago|earlier|later|from\s+now|hence)", 3),
    _r("dur",
       r"(?:(?P<pre>the\s+(?:past|last|next|first|previous|coming|following|final|latest"
       r"|remaining|initial)|at\s+least|nearly|almost|about|more\s+than|less\s+than|over"
       r"|roughly|approximately|up\s+to|another|the)\s+)?"
       rf"(?P<num>{NUM})[-\s]+(?:(?:more|additional|full|straight|consecutive)\s+)?"
       rf"(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?P<adj>-long|-old|\s+old)?", 0),
    _r("bare_plural",
       r"(?:(?P<vq>several|many|a\s+few|few|recent|the\s+coming|coming|the\s+past\s+few"
       r"|the\s+last\s+few|the\s+next\s+few)\s+)?"
       r"(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes)", -1),
    _r("vague",
       r"(?P<w>(?:right\s+)?now|currently|presently|at\s+present|nowadays|these\s+days"
       r"|at\s+the\s+moment|recently|lately|formerly|the\s+past|current|recent|future"
       r"|the\s+(?:near\s+|foreseeable\s+|distant\s+)?future|soon|shortly)(?!\s+(?:after|before)\b)",
       -1),
    _r("set_every",
       r"(?P<q>every|each)\s+(?:other\s+|single\s+)?"
       rf"(?P<unit>day|week|month|year|quarter|hour|weekend|{POD}|{WEEKDAY}|{SEASON}|{MONTH})"),
    _r("set_adv",
       r"(?P<adv>daily|weekly|monthly|annually|yearly|nightly|hourly|quarterly|biweekly)"),
    _r("set_plural", rf"(?P<wd>{WEEKDAY})s"),
    _r("set_per", r"(?P<per>a|per)\s+(?P<unit>day|week|month|year|hour)", -1),
    _r("holiday", rf"(?:(?P<rel>last|this|next)\s+)?(?P<hol>{HOLIDAY})(?:\s+(?P<y>{YEAR}))?",
       2, case=True),
    _r("narr_dir", r"the\s+(?P<unit>day|night|week|month|year)\s+(?P<dir>before|after)(?=\s*[,.;])",
       2),
)
