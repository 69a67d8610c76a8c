"""A long URL list on the local server, 5% failing in ten different ways.

The default suite reads 200 URLs (fetching and extraction only) and codes a
list of 60 through the command line; ``pytest -m slow`` reads and codes 1,000.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from dyad.ingest import read_inputs
from dyad.ingest.fetch import FetchPolicy
from dyad.records import Article, InputError
from tests.test_ingest_web_server import FAST_ENV, Site, news_page, run_cli, site  # noqa: F401

FR = ("Le ministre des affaires étrangères a déclaré mardi que les pourparlers avec "
      "l'Azerbaïdjan reprendraient le mois prochain à Bruxelles, après une pause.")
COUNTRIES = ["Georgia", "Armenia", "Turkey", "France", "Iran", "Greece", "Egypt", "Japan"]
# Ten ways to fail, and the code each must be reported with.
FAILURES = ["missing", "e500", "slow", "truncated", "loop", "french", "binary", "pdf", "down",
            "huge"]
CODES = {"missing": "E114", "e500": "E114", "slow": "E115", "truncated": "E118",
         "loop": "E117", "french": "E105", "binary": "E102", "pdf": "E119", "down": "E118",
         "huge": "E104"}


def build(site: Site, total: int) -> tuple[list[str], dict[str, str]]:  # noqa: F811
    """``total`` URLs, every 20th failing; returns the list and the failing URL -> code."""
    urls: list[str] = []
    failing: dict[str, str] = {}
    for i in range(total):
        path = f"/story/{i}"
        if i % 20 == 7:
            kind = FAILURES[(i // 20) % len(FAILURES)]
            failing[_fail(site, path, kind)] = CODES[kind]
        else:
            a, b = COUNTRIES[i % 8], COUNTRIES[(i * 3 + 1) % 8]
            text = (f"{a} and {b} signed agreement number {i} on trade and transit in the "
                    f"capital on Monday, officials said.\n\nThe ministers will meet again "
                    f"in {1 + i % 12} weeks to review report {i}.")
            site.add(path, news_page(f"Agreement {i}", text, "2024-06-03"))
        urls.append(site.url(path))
    return urls, failing


def _fail(site: Site, path: str, kind: str) -> str:  # noqa: F811
    if kind == "missing":
        return site.url(path)
    if kind == "e500":
        return site.add(path, "error", "text/plain", 500)
    if kind in ("slow", "truncated", "loop", "down"):
        return site.behave(path, kind)
    if kind == "french":
        return site.add(path, news_page("Accord", FR, lang="fr"))
    if kind == "binary":
        return site.add(path, b"\x00\x01\xfe\xff" * 200)
    if kind == "pdf":
        return site.add(path, b"%PDF-1.7", "application/pdf")
    return site.add(path, "<p>" + "news " * 30_000 + "</p>")  # huge: over 100 kB


def _read_many(site: Site, total: int) -> None:  # noqa: F811
    urls, failing = build(site, total)
    policy = FetchPolicy(connect=1, read=0.5, total=1.5, retries=1, backoff=0.05, delay=0,
                         workers=8, max_bytes=100_000)
    started = time.monotonic()
    found = list(read_inputs(urls, fetch=policy))
    elapsed = time.monotonic() - started
    articles = [x for x in found if isinstance(x, Article)]
    errors = {x.input: x.code for x in found if isinstance(x, InputError)}
    assert len(failing) == total // 20
    assert len(found) == total and len(articles) == total - len(failing)
    assert errors == failing
    assert all(a.published == "2024-06-03" for a in articles)
    print(f"{total} URLs read in {elapsed:.1f}s")


def test_200_urls_read_190_articles_10_errors(site: Site) -> None:  # noqa: F811
    _read_many(site, 200)


@pytest.mark.slow
def test_1000_urls_read_950_articles_50_errors(site: Site) -> None:  # noqa: F811
    _read_many(site, 1000)


def _cli(site: Site, tmp_path: Path, capsys, monkeypatch, total: int) -> None:  # noqa: F811
    for key, value in FAST_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("DYAD_MAX_BYTES", "100000")
    urls, failing = build(site, total)
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    code, out, err = run_cli(capsys, monkeypatch, "code", "--urls", str(listing),
                             "--format", "article", "--errors", str(errors))
    assert code == 3, err  # finished, some inputs failed
    coded = [json.loads(line)["article"]["id"] for line in out.splitlines()]
    assert len(coded) == total - len(failing) and not set(coded) & set(failing)
    lines = [json.loads(line) for line in errors.read_text().splitlines()]
    assert {x["input"]: x["code"] for x in lines} == failing
    assert len(lines) == len(failing)
    assert f"{total} inputs: {total - len(failing)} coded, {len(failing)} failed" in err


@pytest.mark.model
def test_cli_url_list_60(site: Site, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: F811
    _cli(site, tmp_path, capsys, monkeypatch, 60)


@pytest.mark.slow
@pytest.mark.model
def test_cli_url_list_1000(site: Site, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: F811
    _cli(site, tmp_path, capsys, monkeypatch, 1000)
