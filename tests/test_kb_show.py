"""``dyad kb show NAME --date D``: the office held on that date, and where it is written."""

from __future__ import annotations

import sys

import pytest

from dyad.cli.app import main

# (name, date, office, country or organization) from people.yaml: two dates each.
CASES = [
    ("Ilham Aliyev", "2003-09-01", "Prime Minister", "AZE"),
    ("Ilham Aliyev", "2023-03-18", "President", "AZE"),
    ("Ararat Mirzoyan", "2020-01-01", "Speaker of the National Assembly", "ARM"),
    ("Ararat Mirzoyan", "2023-03-18", "Foreign Minister", "ARM"),
    ("Joe Biden", "2012-01-01", "Vice President", "USA"),
    ("Joe Biden", "2022-01-01", "President", "USA"),
    ("Boris Johnson", "2017-01-01", "Foreign Secretary", "GBR"),
    ("Boris Johnson", "2020-01-01", "Prime Minister", "GBR"),
    ("Theresa May", "2014-01-01", "Home Secretary", "GBR"),
    ("Theresa May", "2018-01-01", "Prime Minister", "GBR"),
    ("Olaf Scholz", "2019-01-01", "Finance Minister", "DEU"),
    ("Olaf Scholz", "2023-01-01", "Chancellor", "DEU"),
    ("Donald Tusk", "2016-01-01", "President of the European Council", "EU"),
    ("Donald Tusk", "2024-06-01", "Prime Minister", "POL"),
    ("Kaja Kallas", "2022-01-01", "Prime Minister", "EST"),
    ("Kaja Kallas", "2025-06-01", "High Representative for Foreign Affairs and Security Policy",
     "EU"),
    ("Josep Borrell", "2019-01-01", "Foreign Minister", "ESP"),
    ("Josep Borrell", "2021-01-01", "High Representative for Foreign Affairs and Security Policy",
     "EU"),
    ("Christine Lagarde", "2015-01-01", "Managing Director", "IMF"),
    ("Christine Lagarde", "2021-01-01", "President of the European Central Bank", "ECB"),
    ("Rishi Sunak", "2021-01-01", "Chancellor of the Exchequer", "GBR"),
    ("Rishi Sunak", "2023-06-01", "Prime Minister", "GBR"),
    ("Jean-Yves Le Drian", "2015-01-01", "Defence Minister", "FRA"),
    ("Jean-Yves Le Drian", "2019-01-01", "Foreign Minister", "FRA"),
    ("Imangali Tasmagambetov", "2015-06-01", "Defence Minister", "KAZ"),
    ("Imangali Tasmagambetov", "2023-03-18", "Secretary General", "CSTO"),
]


def show(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["dyad", "kb", "show", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name, day, office, where", CASES)
def test_office_on_date(capsys, monkeypatch, name: str, day: str, office: str,
                        where: str) -> None:
    code, out, _ = show(capsys, monkeypatch, name, "--date", day)
    assert code == 0
    assert f"{name}: person (people.yaml" in out
    assert f"on {day}: {office}, {where}," in out, out


def test_surname_and_capital(capsys, monkeypatch) -> None:
    _, out, _ = show(capsys, monkeypatch, "Aliyev", "--date", "2023-03-18")
    assert "Ilham Aliyev" in out and "President, AZE" in out
    _, out, _ = show(capsys, monkeypatch, "Yerevan")
    assert "capital of Armenia (ARM" in out and "countries.tsv" in out


def test_unknown_name_exits_1(capsys, monkeypatch) -> None:
    code, out, err = show(capsys, monkeypatch, "Zyxwv Qqq")
    assert code == 1 and not out and "not in the knowledge base" in err


def test_bad_date_is_a_usage_error(capsys, monkeypatch) -> None:
    code, _, err = show(capsys, monkeypatch, "Joe Biden", "--date", "2021-13-45")
    assert code == 2 and "E202" in err


def test_dictionary_entry(tmp_path, capsys, monkeypatch) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text("dictionary_actors:\n  - phrase: Halvard Menk\n    dated:\n"
                  "      - {code: OSTGOV, start: 1999-01-01, end: 2004-01-01}\n"
                  "      - {code: OSTELI, start: 2004-01-01}\n    source: t.actors.txt:9\n",
                  encoding="utf-8")
    _, out, _ = show(capsys, monkeypatch, "Halvard Menk", "--date", "2001-05-05", "--kb", str(kb))
    assert "dictionary actor 'Halvard Menk'" in out and "code on 2001-05-05: OSTGOV" in out
    assert "t.actors.txt:9" in out and str(kb) in out
