"""Calendar arithmetic under the temporal tagger: periods, weeks, seasons, holidays."""

from __future__ import annotations

import datetime as dt

from dyad.time import tag_times
from dyad.time.calendar import (
    Period,
    containing,
    easter,
    season,
    shift,
    valid_date,
    weekday_near,
)
from dyad.time.lexicon import number_value, year_from_words
from dyad.time.tense import infer_tense


def test_values_and_intervals() -> None:
    assert containing("quarter", dt.date(2022, 8, 5)).value() == "2022-Q3"
    assert containing("week", dt.date(2023, 1, 1)).value() == "2022-W52"
    assert containing("half", dt.date(2022, 8, 5)).value() == "2022-H2"
    assert containing("decade", dt.date(1994, 1, 1)).value() == "199X"
    fall = season("FA", 2022)
    assert fall.value() == "2022-FA"
    assert fall.interval() == (dt.date(2022, 9, 1), dt.date(2022, 12, 1))
    assert containing("season", dt.date(2023, 1, 15)).value() == "2022-WI"


def test_shift_clips_month_ends_and_crosses_years() -> None:
    assert shift(Period("month", dt.date(2022, 12, 1)), 1).value() == "2023-01"
    assert shift(Period("quarter", dt.date(2023, 1, 1)), -1).value() == "2022-Q4"
    assert shift(Period("day", dt.date(2024, 2, 28)), 1).value() == "2024-02-29"


def test_leap_years() -> None:
    assert valid_date(2024, 2, 29) == dt.date(2024, 2, 29)
    assert valid_date(2023, 2, 29) is None
    assert valid_date(1900, 2, 29) is None
    assert valid_date(2000, 2, 29) == dt.date(2000, 2, 29)


def test_weekday_near() -> None:
    friday = dt.date(2023, 3, 17)
    assert weekday_near(friday, 4, "past") == friday
    assert weekday_near(friday, 4, "future") == friday
    assert weekday_near(friday, 0, "past") == dt.date(2023, 3, 13)
    assert weekday_near(friday, 0, "future") == dt.date(2023, 3, 20)


def test_holidays() -> None:
    assert easter(2023) == dt.date(2023, 4, 9)
    found = tag_times("Fighting stopped on Thanksgiving 2022.", dt.date(2023, 1, 5))
    assert found[0].value == "2022-11-24"
    found = tag_times("Turnout was high on Election Day 2020.", None)
    assert found[0].value == "2020-11-03"


def test_year_boundary_last_week_and_months() -> None:
    jan2 = dt.date(2023, 1, 2)
    assert tag_times("Shelling resumed last week.", jan2)[0].value == "2022-W52"
    assert tag_times("Talks collapsed last month.", jan2)[0].value == "2022-12"
    assert tag_times("Prices fell last December.", jan2)[0].value == "2022-12"


def test_numbers_in_words() -> None:
    assert number_value("twenty four") == 24
    assert number_value("a couple of") == 2
    assert number_value("several") is None
    assert year_from_words("nineteen ninety-seven") == 1997
    assert year_from_words("two thousand and one") == 2001


def test_infer_tense() -> None:
    text = "The minister will visit Kyiv on Friday."
    assert infer_tense(text, 33, 39) == "future"
    text = "The minister visited Kyiv on Friday."
    assert infer_tense(text, 30, 36) == "past"
    assert infer_tense("Friday.", 0, 6) is None


def _tense_of(text: str, span: str) -> str | None:
    i = text.index(span)
    return infer_tense(text, i, i + len(span))


def test_infer_tense_plans_and_clause_boundaries() -> None:
    # a plan is future even when its auxiliary is past
    assert _tense_of("Farmers were planning to block the bridge on Monday.", "Monday") == "future"
    # the verb after "and" belongs to the next clause, not to "Saturday"
    text = "Unions scheduled a march on Saturday and were told to stay away."
    assert _tense_of(text, "Saturday") == "future"
    # but "and" inside a name does not cut the sentence short
    text = "On Tuesday, the Rights and Freedoms League plans to hold a news conference."
    assert _tense_of(text, "Tuesday") == "future"
