"""Hand-built sentences for each family of time expressions."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.records import TimeValue
from dyad.time import tag_times

FRI = dt.date(2023, 3, 17)  # a Friday
SUN = dt.date(2023, 3, 19)  # a Sunday
JAN = dt.date(2023, 1, 10)  # a Tuesday in January


def tags(text: str, published: dt.date | None = FRI) -> list[TimeValue]:
    return tag_times(text, published)


def one(text: str, published: dt.date | None = FRI) -> TimeValue:
    found = tags(text, published)
    assert len(found) == 1, found
    return found[0]


def test_offsets_point_into_the_text() -> None:
    text = "Officials met on Friday in Geneva."
    t = one(text)
    assert text[t.start:t.end] == t.text == "Friday"


@pytest.mark.parametrize(
    ("text", "value", "begin", "end"),
    [
        ("It happened in September 2022.", "2022-09", "2022-09-01", "2022-10-01"),
        ("The deal was signed on November 9, 2020.", "2020-11-09", "2020-11-09", "2020-11-10"),
        ("The talks of 17 March 2023 failed.", "2023-03-17", "2023-03-17", "2023-03-18"),
        ("Filed 2023-03-17 in court.", "2023-03-17", "2023-03-17", "2023-03-18"),
        ("Filed on 3/17/2023 in court.", "2023-03-17", "2023-03-17", "2023-03-18"),
        ("Filed on 17.03.2023 in court.", "2023-03-17", "2023-03-17", "2023-03-18"),
        ("The war began in 1991.", "1991", "1991-01-01", "1992-01-01"),
        ("It grew in the 1990s.", "199X", "1990-01-01", "2000-01-01"),
    ],
)
def test_absolute_dates(text: str, value: str, begin: str, end: str) -> None:
    t = one(text)
    assert (t.type, t.value, t.begin, t.end_date, t.anchor) == ("DATE", value, begin, end, None)


def test_numeric_dates_month_first_unless_impossible() -> None:
    assert one("Signed on 04/05/2023.").value == "2023-04-05"
    assert one("Signed on 25/12/2022.").value == "2022-12-25"


def test_mid_year_keeps_value_and_narrows_interval() -> None:
    t = one("Elections are due in mid-2021.")
    assert t.value == "2021"
    assert (t.begin or "") > "2021-04-01"
    assert (t.end_date or "") < "2021-10-01"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He resigned yesterday.", "2023-03-16"),
        ("He speaks today.", "2023-03-17"),
        ("He will speak tomorrow.", "2023-03-18"),
        ("It rose this week.", "2023-W11"),
        ("It will open next month.", "2023-04"),
        ("Exports fell last year.", "2022"),
        ("Sales were weak earlier this month.", "2023-03"),
        ("He was elected two years ago.", "2021"),
        ("The clash happened three days ago.", "2023-03-14"),
        ("Profits fell in the third quarter.", "2022-Q3"),
        ("Production fell last fall.", "2022-FA"),
        ("They met Tuesday morning.", "2023-03-14TMO"),
    ],
)
def test_relative_to_publication(text: str, value: str) -> None:
    t = one(text)
    assert t.value == value
    assert t.anchor == "published"


def test_season_convention_is_meteorological() -> None:
    t = one("Production fell last fall.")
    assert (t.begin, t.end_date) == ("2022-09-01", "2022-12-01")
    winter = one("It froze in the winter of 2022.")
    assert (winter.value, winter.begin, winter.end_date) == ("2022-WI", "2022-12-01", "2023-03-01")


def test_weekday_past_clause_on_same_weekday_is_publication_day() -> None:
    assert one("The minister resigned on Friday.").value == "2023-03-17"
    assert one("The minister said Thursday that talks failed.").value == "2023-03-16"


def test_weekday_future_clause_looks_ahead() -> None:
    assert one("The minister will visit Kyiv on Monday.").value == "2023-03-20"
    assert one("Talks will resume next Friday.").value == "2023-03-24"
    assert one("Talks ended last Friday.").value == "2023-03-10"


def test_weekday_from_a_sunday() -> None:
    assert one("Voters went to the polls on Saturday.", SUN).value == "2023-03-18"
    assert one("Parliament will vote on Monday.", SUN).value == "2023-03-20"


def test_tense_callback_overrides_guess() -> None:
    found = tag_times("The meeting is on Monday.", FRI, lambda s, e: "past")
    assert found[0].value == "2023-03-13"


def test_month_day_takes_nearest_year_in_tense_direction() -> None:
    assert one("The vote took place on February 22.").value == "2023-02-22"
    assert one("Ballots were counted in December.", JAN).value == "2022-12"
    assert one("The summit will be held in December.", JAN).value == "2023-12"
    assert one("Rebels attacked on Dec. 28.", JAN).value == "2022-12-28"


def test_leap_day() -> None:
    assert one("It was signed on Feb. 29, 2024.").value == "2024-02-29"
    # Without a year, Feb 29 goes to the nearest leap year before a past clause.
    assert one("It was signed on February 29.", dt.date(2023, 3, 1)).value == "2020-02-29"
    assert tags("It was signed on Feb. 29, 2023.") == [] or \
        all(t.value != "2023-02-29" for t in tags("It was signed on Feb. 29, 2023."))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The siege lasted for three weeks.", "P3W"),
        ("A two-hour meeting.", "PT2H"),
        ("They talked for 5 1/2 hours.", "PT5H30M"),
        ("in the first nine months", "P9M"),
        ("over the past two months", "P2M"),
        ("He was jailed for several years.", "PXY"),
        ("The ban stood for a decade.", "P10Y"),
    ],
)
def test_durations(text: str, value: str) -> None:
    t = one(text)
    assert (t.type, t.value, t.begin, t.end_date) == ("DURATION", value, None, None)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Protesters gather every Monday.", "XXXX-WXX-1"),
        ("The paper is published daily.", "P1D"),
        ("They meet each year.", "P1Y"),
        ("Talks take place every summer.", "XXXX-SU"),
    ],
)
def test_sets(text: str, value: str) -> None:
    t = one(text)
    assert (t.type, t.value) == ("SET", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Prices are now falling.", "PRESENT_REF"),
        ("The army currently holds the city.", "PRESENT_REF"),
        ("The town was recently retaken.", "PAST_REF"),
        ("He was formerly a general.", "PAST_REF"),
        ("Talks may resume in the future.", "FUTURE_REF"),
    ],
)
def test_vague_references(text: str, value: str) -> None:
    t = one(text)
    assert (t.value, t.begin, t.end_date) == (value, None, None)


def test_narrative_anchoring_uses_last_full_date() -> None:
    found = tags("Troops crossed the border on June 3, 2021. The next day they took the town. "
                 "Two days later they withdrew.")
    assert [t.value for t in found] == ["2021-06-03", "2021-06-04", "2021-06-06"]
    assert found[1].anchor == "2021-06-03"
    assert found[2].anchor == "2021-06-04"


def test_following_week_is_anchored() -> None:
    found = tags("The ceasefire began on May 2, 2022, and collapsed the following week.")
    assert found[1].value == "2022-W19"
    assert found[1].anchor == "2022-05-02"


def test_year_earlier_in_earnings_news_is_the_year_ago_quarter() -> None:
    found = tags("Profit rose in the third quarter from $3 million a year earlier.",
                 dt.date(1989, 10, 26))
    assert [t.value for t in found] == ["1989-Q3", "1988-Q3"]


@pytest.mark.parametrize(
    "text",
    [
        "May I ask a question?",
        "They march to the capital.",
        "We said it would rain.",
        "The sun rose.",
        "Prices may fall sharply.",
        "Stocks fall when rates rise.",
        "a 44-year-old man",
        "The fall of the regime.",
        "He paid $1,990 for it.",
    ],
)
def test_false_positives(text: str) -> None:
    assert tags(text) == []


def past(start: int, end: int) -> str:
    return "past"


def test_capitalized_may_with_day_is_a_date() -> None:
    found = tag_times("It ended on May 9.", FRI, past)
    assert [t.value for t in found] == ["2022-05-09"]


def test_in_may_is_a_date() -> None:
    found = tag_times("The vote was held in May.", FRI, past)
    assert [t.value for t in found] == ["2022-05"]


def test_guessed_past_tense_does_not_outweigh_a_near_deadline() -> None:
    # "exercised" suggests a past, but a date 19 days ahead beats one 346 days back;
    # a tense given by the NLP stage is trusted as is.
    text = "The rights, which expire Nov. 21, can be exercised."
    assert one(text, dt.date(1989, 11, 2)).value == "1989-11-21"
    assert tag_times(text, dt.date(1989, 11, 2), past)[0].value == "1988-11-21"


def test_without_publication_date_relative_values_are_underspecified() -> None:
    assert one("He left on Friday.", None).value == "XXXX-WXX-5"
    found = tag_times("It began on June 3, 2021. He left on Friday.", None)
    assert found[1].value == "2021-06-04" or found[1].value.startswith("2021")
    assert found[1].anchor == "2021-06-03"


def test_times_of_day() -> None:
    t = one("The blast came at 10 a.m. on Tuesday.")
    assert (t.type, t.value) == ("TIME", "2023-03-14T10:00")
    assert one("The polls closed at 8 p.m.").value == "2023-03-17T20:00"
