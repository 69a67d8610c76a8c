"""Articles from the web: URLs given on the command line, lists of URLs, and feeds.

A URL's article id is the URL as given (DESIGN: "otherwise the URL"); its
``url`` field is the page's canonical address when it declares one. A URL that
turns out to be an RSS or Atom feed stands for its entries: each entry's page
is fetched and read in turn.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from dyad.errors import InputRejected, Messages
from dyad.ingest.decode import decode_bytes
from dyad.ingest.feeds import FeedEntry, looks_like_feed, parse_feed
from dyad.ingest.fetch import Fetched, Fetcher, check_url, fetch_many
from dyad.ingest.html import extract_html
from dyad.ingest.language import accept
from dyad.ingest.options import Item, ReadOptions, as_error
from dyad.ingest.streams import read_limited
from dyad.records import Article

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown"})


def is_url(value: str) -> bool:
    """True for an input that names a web address rather than a path."""
    head = value[:8].lower()
    return head.startswith("http://") or head.startswith("https://")


def _decode(page: Fetched, html: bool) -> str:
    if page.charset:
        try:
            text = page.data.decode(page.charset)
            if text.strip():
                return text.replace("\r\n", "\n").replace("\r", "\n")
        except (UnicodeDecodeError, LookupError):
            pass  # the header lied or named an unknown codec: sniff like a file
    return decode_bytes(page.data, html=html)


def page_article(origin: str, page: Fetched, options: ReadOptions,
                 entry: FeedEntry | None = None) -> Article:
    """The Article in a fetched HTML or text page; raises ``InputRejected``.

    ``entry``, the feed item that linked to the page, supplies the title and
    date when the page has none.
    """
    kind = page.content_type
    html = kind in _HTML_TYPES
    if not html and kind not in _TEXT_TYPES:
        head = page.data[:2048].lstrip().lower()
        html = head.startswith(b"<!doctype html") or b"<html" in head
        if not html and kind:
            raise InputRejected(Messages.E119, content_type=kind)
    text = _decode(page, html)
    title = published = source = author = None
    url = page.final_url
    if html:
        found = extract_html(text, url=page.final_url)
        text, title, published, source = found.text, found.title, found.published, found.site
        url, author = found.url or url, found.author
    language = accept(text, origin)
    if entry is not None:
        title = title or entry.title
        published = published or entry.published
        author = author or entry.author
    return Article(id=origin, text=text, url=url, title=title,
                   published=published or options.published, source=source,
                   language=language, author=author)


def entry_article(origin: str, entry: FeedEntry, options: ReadOptions) -> Article:
    """An Article from a feed entry's own summary, for entries that link to no page."""
    text = entry.summary or ""
    language = accept(text, origin)
    return Article(id=origin, text=text, url=entry.link, title=entry.title,
                   published=entry.published or options.published, language=language,
                   author=entry.author)


def read_urls(urls: Iterable[str], options: ReadOptions, fetcher: Fetcher) -> Iterator[Item]:
    """One item per URL, named by it: its page's Article, or the error that stopped it.

    A feed yields one item per entry instead (none for an empty feed).
    """
    for origin, outcome in fetch_many(fetcher, urls):
        if isinstance(outcome, InputRejected):
            yield as_error(origin, outcome)
            continue
        try:
            if looks_like_feed(outcome.data, outcome.content_type):
                yield from read_entries(parse_feed(outcome.data), options, fetcher)
            else:
                yield page_article(origin, outcome, options)
        except InputRejected as exc:
            yield as_error(origin, exc)


def read_entries(entries: list[FeedEntry], options: ReadOptions,
                 fetcher: Fetcher) -> Iterator[Item]:
    """The articles of a feed's entries: each linked page, or the entry's own summary."""
    by_link = {link: e for e in entries if (link := e.link)}
    for link, outcome in fetch_many(fetcher, by_link):
        entry = by_link[link]
        try:
            if isinstance(outcome, InputRejected):
                raise outcome
            yield page_article(link, outcome, options, entry)
        except InputRejected as exc:
            yield as_error(link, exc)
    for entry in entries:
        if not entry.link and entry.guid:
            try:
                yield entry_article(entry.guid, entry, options)
            except InputRejected as exc:
                yield as_error(entry.guid, exc)


def url_from_line(line: str) -> str | None:
    """The URL on one line of a URL list: the line itself, or in a tab- or comma-separated
    row (a GDELT events file, say) the last field that is a URL."""
    line = line.strip()
    if not line or line.startswith("#"):
        return None
    if is_url(line) and not any(c in line for c in "\t "):
        return line
    for sep in ("\t", ",", " "):
        fields = [f.strip().strip('"') for f in line.split(sep)]
        found = [f for f in fields if is_url(f)]
        if found:
            return found[-1]
    return line  # not a URL: check_url says why, for this line alone


def read_url_list(path: str, options: ReadOptions, fetcher: Fetcher,
                  stdin: BinaryIO | None = None) -> Iterator[Item]:
    """The articles of a file of URLs (``-`` for standard input), one URL a line.

    Blank lines and ``#`` comments are skipped, and so is a URL listed again; a
    line that is not a URL is an E120 error naming ``path:N``.
    """
    try:
        if path == "-":
            data = read_limited(stdin if stdin is not None else sys.stdin.buffer,
                                options.max_bytes * 20)
        else:
            from dyad.ingest.archives import read_all

            data = read_all(path, options.max_bytes * 20)
        text = decode_bytes(data)
    except InputRejected as exc:
        yield as_error(path, exc)
        return
    urls: list[str] = []
    seen: set[str] = set()
    bad = 0
    for number, line in enumerate(text.splitlines(), 1):
        url = url_from_line(line)
        if url is None or url in seen:
            continue
        seen.add(url)
        try:
            urls.append(check_url(url))
        except InputRejected as exc:
            bad += 1
            yield as_error(f"{path}:{number}", exc)
    if not urls and not bad:
        yield as_error(path, InputRejected(Messages.E101))
        return
    yield from read_urls(urls, options, fetcher)
