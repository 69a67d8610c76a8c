"""``dyad code DIR --db PATH``: coding a folder into the store, twice, changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyad.cli.app import app
from dyad.store import Store

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


@pytest.mark.model
def test_coding_the_same_folder_twice_keeps_row_counts(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("03_baltic_diplomat_expulsions.txt", "10_north_korea_missile.txt"):
        shutil.copy(ARTICLES / name, folder / name)
    db = tmp_path / "x.db"
    args = ["code", str(folder), "--published", "2023-04-18", "--db", str(db),
            "--out", str(tmp_path / "out.jsonl")]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    with Store(db) as store:
        counts = store.counts()
    assert counts["articles"] == 2 and counts["events"] > 5
    second = CliRunner().invoke(app, args)
    assert second.exit_code == 0, second.output
    with Store(db) as store:
        assert store.counts() == counts
