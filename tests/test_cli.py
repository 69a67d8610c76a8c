"""The command line: inputs, formats, errors file and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Turkey condemned the attack on Kurdish villages in northern Iraq on Tuesday.\n"
EVENT_KEYS = {"id", "article_id", "sentence", "text", "event", "cameo", "mode", "context",
              "quad", "negated", "modality", "source", "target", "date", "date_source",
              "location", "trigger", "quote_id", "confidence", "cluster_id"}


run = run_cli


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


@pytest.mark.model
def test_code_text_file_writes_event_records(capsys, monkeypatch, article: Path) -> None:
    code, out, err = run(capsys, monkeypatch, "code", str(article), "--published", "2023-03-18")
    assert code == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert events and set(events[0]) == EVENT_KEYS
    assert events[0]["article_id"] == str(article)
    assert "1 inputs: 1 coded, 0 failed" in err


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["article", "csv", "table"])
def test_formats(capsys, monkeypatch, article: Path, fmt: str) -> None:
    code, out, err = run(capsys, monkeypatch, "code", str(article), "--format", fmt,
                         "--published", "2023-03-18")
    assert code == 0, err
    if fmt == "article":
        rec = json.loads(out)
        assert set(rec) >= {"article", "actors", "places", "times", "events", "quotes"}
        assert rec["article"]["text"] == TEXT
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and rows[0]["event"] == "ACCUSE"
    else:
        assert "ACCUSE" in out and "event" in out.splitlines()[2]


@pytest.mark.model
def test_bad_inputs_are_listed_and_the_run_goes_on(capsys, monkeypatch, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1_good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "2_empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "3_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "4_french.txt").write_text(
        "Le gouvernement a annoncé mardi que les négociations avec les syndicats "
        "reprendront la semaine prochaine dans la capitale, selon le ministre.",
        encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    code, out, err = run(capsys, monkeypatch, "code", str(folder), "--errors", str(errors))
    assert code == 3
    lines = [json.loads(x) for x in errors.read_text().splitlines()]
    assert {Path(x["input"]).name for x in lines} == {"2_empty.txt", "3_binary.txt",
                                                     "4_french.txt"}
    assert all(x["reason"] and x["code"].startswith("E") for x in lines)
    assert "4 inputs: 1 coded, 3 failed" in err
    assert out.strip()


@pytest.mark.model
def test_jsonl_bad_line_has_its_number(capsys, monkeypatch, tmp_path: Path) -> None:
    src = tmp_path / "arts.jsonl"
    src.write_text(
        json.dumps({"id": "a1", "text": TEXT, "published": "2023-03-18"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "a3", "text": TEXT.replace("Turkey", "Syria")}) + "\n",
        encoding="utf-8")
    errors = tmp_path / "e.jsonl"
    code, out, _err = run(capsys, monkeypatch, "code", str(src), "--errors", str(errors))
    assert code == 3
    ids = {json.loads(x)["article_id"] for x in out.splitlines()}
    assert ids == {"a1", "a3"}
    (bad,) = [json.loads(x) for x in errors.read_text().splitlines()]
    assert "line 2" in bad["reason"]


@pytest.mark.model
def test_stdin(capsys, monkeypatch) -> None:
    code, out, err = run(capsys, monkeypatch, "code", "-", stdin=TEXT.encode())
    assert code == 0, err
    assert json.loads(out.splitlines()[0])["event"] == "ACCUSE"


@pytest.mark.model
def test_out_file(capsys, monkeypatch, article: Path, tmp_path: Path) -> None:
    dest = tmp_path / "events.jsonl"
    code, out, _ = run(capsys, monkeypatch, "code", str(article), "--out", str(dest))
    assert code == 0 and out == ""
    assert json.loads(dest.read_text().splitlines()[0])["event"] == "ACCUSE"


@pytest.mark.parametrize("args", [
    ("code",),
    ("code", "x.txt", "--published", "18/03/2023"),
    ("code", "x.txt", "--format", "xml"),
    ("code", "x.txt", "--no-such-option"),
])
def test_usage_errors_exit_2(capsys, monkeypatch, args: tuple[str, ...]) -> None:
    code, _, err = run(capsys, monkeypatch, *args)
    assert code == 2
    assert err.strip()


def test_missing_file_exit_3(capsys, monkeypatch, tmp_path: Path) -> None:
    code, _, err = run(capsys, monkeypatch, "code", str(tmp_path / "nope.txt"))
    assert code == 3
    assert "E108" in err


def test_version(capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "--version")
    assert code == 0 and out.startswith("dyad ")


@pytest.mark.model
def test_info_names_model_and_knowledge(capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "info", "--json")
    info = json.loads(out)
    assert code == 0
    assert info["model"]["version"] == "3.8.0"
    assert info["knowledge"]["countries"] >= 195


@pytest.mark.model
def test_entry_point_runs_as_a_process(article: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "dyad", "code", str(article)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["event"] == "ACCUSE"
