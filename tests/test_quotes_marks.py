"""Pairing quotation marks: straight, curly, nested, unmatched, across paragraphs (no model)."""

from __future__ import annotations

from dyad.quotes.marks import find_quote_spans


def texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quote_spans(text)]


def test_straight_and_curly_marks() -> None:
    assert texts('He said: "No deal." Then “yes”, she said.') == ["No deal.", "yes"]


def test_nested_quote_is_part_of_the_outer_one() -> None:
    assert texts("“Our answer is ‘no’,” he said.") == ["Our answer is ‘no’,"]
    assert texts('"They call it \'peace\' but it is war," he said.') == [
        "They call it 'peace' but it is war,"]


def test_apostrophes_are_not_quotes() -> None:
    assert texts("Armenia’s ministers’ meeting didn’t end.") == []


def test_quote_running_over_paragraphs() -> None:
    text = "“First paragraph goes on.\n“Second one ends here,” she said."
    assert texts(text) == ["First paragraph goes on.\n“Second one ends here,"]


def test_missing_closing_mark_ends_with_the_paragraph() -> None:
    spans = find_quote_spans("He said “we will stay. Nothing changes.\nNext paragraph.")
    assert [(s.missing, s.closed) for s in spans] == [("close", False)]
    assert "Next" not in "".join(texts("He said “we will stay.\nNext paragraph."))


def test_missing_opening_mark_starts_with_the_paragraph() -> None:
    spans = find_quote_spans("Intro.\nWe will stay,” he said.")
    assert texts("Intro.\nWe will stay,” he said.") == ["We will stay,"]
    assert spans[0].missing == "open"


def test_odd_marks_never_crash() -> None:
    for text in ['"', "“", "”", '""', '" " "', "“ ” ”", "‘", "'a", '"A "b" c" d', "\n\n“\n",
                 "“" * 50, '"' * 51, "x" * 10000 + "“" + "y" * 10000]:
        for s in find_quote_spans(text):
            assert 0 <= s.start < s.end <= len(text)
