"""`dyad watch`: three local feeds, each new entry coded exactly once across restarts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dyad.errors import UsageError
from dyad.ingest.seen import SeenStore
from dyad.ingest.watch import parse_interval
from tests.test_ingest_web_server import (  # noqa: F401
    FAST_ENV,
    Site,
    atom,
    news_page,
    rss,
    run_cli,
    site,
)

STORIES = {
    "a1": "Georgia and Armenia signed a rail transit agreement in Tbilisi on Monday.",
    "a2": "Turkey reopened its border crossing with Armenia for aid trucks on Friday.",
    "b1": "Azerbaijan accused Armenia of shelling border villages on Sunday.",
    "a3": "France sent humanitarian aid to Armenia on Wednesday, the embassy said.",
    "c1": "Iran and Armenia agreed to expand a gas supply contract on Thursday.",
}
DATE = "Mon, 03 Jun 2024 10:00:00 GMT"


def story(site: Site, key: str, path: str | None = None) -> str:  # noqa: F811
    return site.add(path or f"/news/{key}", news_page(key.upper(), STORIES[key], "2024-06-03"))


def coded_ids(out: str) -> list[str]:
    return [json.loads(line)["article"]["id"] for line in out.splitlines()]


@pytest.mark.model
def test_three_feeds_each_entry_once_across_restarts(
    site: Site, tmp_path: Path, capsys, monkeypatch  # noqa: F811
) -> None:
    for key, value in FAST_ENV.items():
        monkeypatch.setenv(key, value)
    a1, a2, b1 = story(site, "a1"), story(site, "a2"), story(site, "b1")
    syndicated = story(site, "a1", "/partner/a1-copy")
    broken = site.add("/news/broken", "oops", "text/plain", 500)
    site.add("/a.xml", rss([(a1, "A1", DATE), (a2, "A2", DATE)]), "application/rss+xml")
    site.add("/b.atom", atom([(b1, "B1", "2024-06-03T10:00:00Z"),
                              (syndicated, "A1 copy", "2024-06-03T11:00:00Z"),
                              (broken, "Broken", "2024-06-03T12:00:00Z")]),
             "application/atom+xml")
    site.add("/c.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>Cut',
             "application/rss+xml")  # malformed: cut off before its first item
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# three feeds\n" + "\n".join(site.url(p) for p in
                                                  ["/a.xml", "/b.atom", "/c.xml"]) + "\n")
    db, errors = tmp_path / "dyad.db", tmp_path / "errors.jsonl"
    args = ["watch", str(feeds), "--once", "--db", str(db), "--format", "article",
            "--errors", str(errors)]

    code, out, err = run_cli(capsys, monkeypatch, *args)
    assert code == 0, err
    assert sorted(coded_ids(out)) == sorted([a1, a2, b1])
    assert f"{syndicated}: same text as {a1}" in err
    assert "feed " + site.url("/c.xml") in err and "E121" in err
    assert [json.loads(x)["input"] for x in errors.read_text().splitlines()] == [broken]

    # A restart: nothing new, nothing coded; the broken page is tried again.
    code, out, err = run_cli(capsys, monkeypatch, *args)
    assert code == 0 and coded_ids(out) == [], err
    assert site.hits["/news/a1"] == 1 and site.hits["/news/broken"] == 4  # 2 rounds x 2 tries

    # New entries, and the malformed feed is fixed.
    a3, c1 = story(site, "a3"), story(site, "c1")
    site.add("/a.xml", rss([(a3, "A3", DATE), (a1, "A1", DATE), (a2, "A2", DATE)]),
             "application/rss+xml")
    site.add("/c.xml", rss([(c1, "C1", DATE)]), "application/rss+xml")
    code, out, err = run_cli(capsys, monkeypatch, *args)
    assert code == 0, err
    assert sorted(coded_ids(out)) == sorted([a3, c1])
    code, out, err = run_cli(capsys, monkeypatch, *args)  # the broken page: given up now
    assert coded_ids(out) == [] and site.hits["/news/broken"] == 6
    with SeenStore(db) as seen:
        assert seen.counts() == {"coded": 5, "duplicate": 1, "failed": 1}
        assert set(seen.aliases(a1)) == {a1, syndicated}
    from dyad.store import Store

    with Store(db) as store:
        assert store.counts()["articles"] == 5


def test_intervals() -> None:
    assert parse_interval("15m") == 900 and parse_interval("90s") == 90
    assert parse_interval("1h") == 3600 and parse_interval("2") == 2
    for bad in ("", "0m", "soon", "-5m"):
        with pytest.raises(UsageError):
            parse_interval(bad)


def test_empty_feed_list_is_a_usage_error(tmp_path: Path, capsys, monkeypatch) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# nothing yet\n\n")
    code, _out, err = run_cli(capsys, monkeypatch, "watch", str(feeds), "--once",
                              "--db", str(tmp_path / "d.db"))
    assert code == 2 and "E210" in err


@pytest.mark.model
def test_ctrl_c_stops_cleanly(site: Site, tmp_path: Path) -> None:  # noqa: F811
    site.add("/empty.xml", rss([]), "application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/empty.xml") + "\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dyad", "watch", str(feeds), "--every", "1h",
         "--db", str(tmp_path / "d.db")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **FAST_ENV})
    try:
        deadline = time.monotonic() + 120
        lines = []
        assert proc.stderr is not None
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            lines.append(line)
            if "round 1" in line or not line:
                break
        assert any("round 1" in x for x in lines), lines
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=15)
        rest = proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert code == 0, rest
    assert "stopped" in rest and "Traceback" not in rest
