"""Web inputs: saved pages through trafilatura, and URLs fetched from a local server.

Every URL is on 127.0.0.1 (``site`` fixture); the fetch policy is tightened so
the slow and broken pages fail in about a second.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from dyad.ingest import read_inputs
from dyad.ingest.dedup import content_hash
from dyad.ingest.fetch import FetchPolicy
from dyad.ingest.html import extract_html
from dyad.ingest.web import url_from_line
from dyad.records import Article, InputError
from tests.test_ingest_web_server import (  # noqa: F401
    FAST_ENV,
    WEB,
    Site,
    news_page,
    rss,
    run_cli,
    site,
)

FAST = FetchPolicy(connect=1.0, read=0.5, total=1.5, retries=1, backoff=0.05, delay=0,
                   workers=4, max_bytes=20_000)
EN = "Georgia and Armenia signed a trade agreement on Monday, officials in both capitals said."
FR = (
    "Le ministre des affaires étrangères a déclaré mardi que les pourparlers avec "
    "l'Azerbaïdjan reprendraient le mois prochain à Bruxelles, après une pause."
)


def read(urls: list[str], **kwargs: object) -> list[Article | InputError]:
    return list(read_inputs(urls, fetch=FAST, **kwargs))  # type: ignore[arg-type]


# --- saved pages ---------------------------------------------------------------


def test_saved_page_main_text_and_metadata() -> None:
    page = extract_html((WEB / "harbour_talks.html").read_text(encoding="utf-8"))
    assert page.text == (WEB / "harbour_talks.txt").read_text(encoding="utf-8").strip()
    assert page.title == "Georgia and Armenia agree to reopen rail link"
    assert page.published == "2024-06-03"
    assert page.author == "Nino Kartvelishvili"
    assert page.url == "https://ledger.example/news/2024/06/03/rail-link"
    assert page.site == "The Caucasus Ledger"
    for boilerplate in ("Advertisement", "Comments", "Related stories", "Most read", "cookies",
                        "Subscribe", "newsletter"):
        assert boilerplate not in page.text


def test_page_date_from_json_ld_when_no_meta() -> None:
    markup = (
        "<html><head><title>Talks</title><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "datePublished": "2023-11-20T10:00:00Z"}</script></head>'
        f"<body><article><p>{EN}</p><p>{EN} Again.</p></article></body></html>"
    )
    assert extract_html(markup).published == "2023-11-20"


def test_fragment_falls_back_to_plain_extractor() -> None:
    assert extract_html("<p>Kept text.</p>").text == "Kept text."


@pytest.mark.model
def test_saved_page_codes_like_its_plain_text(capsys, monkeypatch) -> None:
    """`dyad code` on the saved page: the events of its plain text, dated by the page."""

    def events(*args: str) -> list[dict]:
        code, out, err = run_cli(capsys, monkeypatch, "code", *args)
        assert code == 0, err
        return [json.loads(line) for line in out.splitlines()]

    from_html = events(str(WEB / "harbour_talks.html"))
    from_text = events(str(WEB / "harbour_talks.txt"), "--published", "2024-06-03")
    assert from_html, "the page gave no events"

    def key(e: dict) -> tuple:
        return (e["sentence"], e["event"], e["trigger"]["text"], e["trigger"]["start"],
                [a["code"] for a in e["source"]], [a["code"] for a in e["target"]],
                e["date"]["value"] if e["date"] else None, e["negated"], e["modality"])

    assert [key(e) for e in from_html] == [key(e) for e in from_text]
    assert {e["date"]["value"] for e in from_html if e["date_source"] == "published"} == {
        "2024-06-03"}


# --- fetching ------------------------------------------------------------------


def test_url_page_becomes_article(site: Site) -> None:  # noqa: F811
    page = news_page("Trade deal", EN, "2024-06-03").replace(
        "</head>", '<meta name="author" content="Lusine Grigoryan"></head>')
    url = site.add("/news/1", page)
    [art] = read([url])
    assert isinstance(art, Article)
    assert art.id == url and art.url == url
    assert art.title == "Trade deal" and art.published == "2024-06-03"
    assert art.author == "Lusine Grigoryan"
    assert art.text == EN  # no menu, headline or comments


def test_redirect_followed_and_canonical_url_kept(site: Site) -> None:  # noqa: F811
    target = site.add("/story", news_page("Moved", EN, "2024-01-05").replace(
        "<head>", '<head><link rel="canonical" href="https://news.example/story">'))
    moved = site.add("/old", b"", "text/plain", 301, Location=target)
    [art] = read([moved])
    assert isinstance(art, Article) and art.id == moved
    assert art.url == "https://news.example/story"


def test_every_failure_is_one_clear_error(site: Site) -> None:  # noqa: F811
    cases = {
        site.behave("/slow", "slow"): "E115",
        site.behave("/trickle", "trickle"): "E115",
        site.behave("/truncated", "truncated"): "E118",
        site.behave("/down", "down"): "E118",
        site.behave("/loop", "loop"): "E117",
        site.add("/e500", "oops", "text/plain", 500): "E114",
        site.url("/missing"): "E114",
        site.add("/fr", news_page("Accord", FR, lang="fr")): "E105",
        site.add("/binary", b"\x00\x01\xff\xfe" * 64): "E102",
        site.add("/bad-utf8", b"<p>" + bytes(range(0x80, 0x100)) * 4 + b"</p>"): None,
        site.add("/pdf", b"%PDF-1.4 ...", "application/pdf"): "E119",
        site.add("/huge", "<p>" + "word " * 10_000 + "</p>"): "E104",
        "http://127.0.0.1:1/closed-port": "E116",
        "ftp://127.0.0.1/file.txt": "E120",
    }
    started = time.monotonic()
    found = read(list(cases))
    elapsed = time.monotonic() - started
    assert [x.input if isinstance(x, InputError) else x.id for x in found] == list(cases)
    for item, want in zip(found, cases.values(), strict=True):
        if want is None:  # undecodable garbage: rejected as binary or undecodable
            assert isinstance(item, InputError) and item.code in ("E101", "E102", "E103", "E105")
        else:
            assert isinstance(item, InputError) and item.code == want, (item, want)
    assert "HTTP 500" in found[5].reason and "after 2 attempts" in found[5].reason
    assert "HTTP 404" in found[6].reason and "attempts" not in found[6].reason  # no retry on 4xx
    assert elapsed < 10, f"failures took {elapsed:.1f}s: something waited too long"


def test_retry_after_a_503_succeeds(site: Site) -> None:  # noqa: F811
    url = site.behave("/flaky", "flaky")
    [art] = read([url])
    assert isinstance(art, Article) and art.title == "Port reopens"
    assert site.hits["/flaky"] == 2


def test_charset_from_header(site: Site) -> None:  # noqa: F811
    body = f"<html><body><p>{EN} The café was closed.</p></body></html>".encode("cp1252")
    url = site.add("/cp1252", body, "text/html; charset=windows-1252")
    [art] = read([url])
    assert isinstance(art, Article) and "café" in art.text


def test_feed_url_stands_for_its_entries(site: Site) -> None:  # noqa: F811
    one = site.add("/a", news_page("A", EN, "2024-03-01"))
    two = site.add("/b", news_page("B", EN.replace("Monday", "Friday")))
    feed = site.add("/feed.xml", rss([(one, "A", "Fri, 01 Mar 2024 09:00:00 GMT"),
                                      (two, "B", "Sat, 02 Mar 2024 09:00:00 GMT")]),
                    "application/rss+xml")
    found = read([feed])
    assert [a.id for a in found if isinstance(a, Article)] == [one, two]
    assert [a.published for a in found if isinstance(a, Article)] == ["2024-03-01", "2024-03-02"]


def test_url_list_file_with_comments_repeats_and_gdelt_rows(site: Site, tmp_path: Path) -> None:  # noqa: F811
    a = site.add("/a", news_page("A", EN))
    b = site.add("/b", news_page("B", EN.replace("Monday", "Tuesday")))
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# today's stories\n{a}\n\n{a}\n1203\t20240603\tARM\t{b}\nnot a url\n",
                       encoding="utf-8")
    found = list(read_inputs([], url_files=[str(listing)], fetch=FAST))
    assert [x.id if isinstance(x, Article) else (x.input, x.code) for x in found] == [
        (f"{listing}:6", "E120"), a, b]


def test_url_from_line() -> None:
    assert url_from_line("  https://x.org/a  ") == "https://x.org/a"
    assert url_from_line("# https://x.org/a") is None
    assert url_from_line('1,"2024",https://x.org/b') == "https://x.org/b"


def test_polite_delay_spaces_requests_to_one_host(site: Site) -> None:  # noqa: F811
    urls = [site.add(f"/p{i}", news_page(f"P{i}", f"{EN} Item {i}.")) for i in range(4)]
    polite = FetchPolicy(delay=0.3, workers=4, total=5, max_bytes=20_000)
    started = time.monotonic()
    found = list(read_inputs(urls, fetch=polite))
    assert all(isinstance(x, Article) for x in found)
    assert time.monotonic() - started >= 0.85  # three gaps of 0.3 s, even with 4 workers


# --- duplicates ----------------------------------------------------------------


def test_syndicated_copy_coded_once_and_reported(site: Site) -> None:  # noqa: F811
    first = site.add("/wire/1", news_page("Deal", EN, "2024-06-03"))
    copy = site.add("/partner/77", news_page("DEAL!", EN.replace(",", " ,").upper()))
    other = site.add("/other", news_page("Other", FR.replace("Le ", "The ") and EN + " More."))
    seen: list[tuple[str, str]] = []
    found = read([first, copy, other], on_duplicate=lambda a, f: seen.append((a.id, f)))
    assert [x.id for x in found if isinstance(x, Article)] == [first, other]
    assert seen == [(copy, first)]
    assert content_hash("A  b, c!") == content_hash("a b c")


@pytest.mark.model
def test_cli_reports_copies_on_stderr_and_remembers_aliases(
    site: Site, tmp_path: Path, capsys, monkeypatch  # noqa: F811
) -> None:
    for key, value in FAST_ENV.items():
        monkeypatch.setenv(key, value)
    first = site.add("/wire/1", news_page("Deal", EN, "2024-06-03"))
    copy = site.add("/partner/77", news_page("Deal", EN))
    db = tmp_path / "dyad.db"
    code, _out, err = run_cli(capsys, monkeypatch, "code", first, copy, "--db", str(db))
    assert code == 0, err
    assert f"{copy}: same text as {first}" in err
    assert "1 inputs: 1 coded, 0 failed" in err
    from dyad.ingest.seen import SeenStore

    with SeenStore(db) as seen:
        assert set(seen.aliases(first)) == {first, copy}
