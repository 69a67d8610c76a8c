"""Visible text, title, date and canonical URL from an HTML page (standard library only).

A deliberately plain extractor: it drops scripts, styles and page chrome
(navigation, header, footer) and keeps the rest, one paragraph per block
element. ``dyad.ingest.html`` uses it for the page's explicit metadata and as
the fallback when the boilerplate-aware extractor finds no main text (tiny
pages, fragments).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from dyad.ingest.dates import normalize_date
from dyad.ingest.stopwords import word_set

# Elements whose content is never article text.
_SKIP = frozenset(
    {"script", "style", "nav", "header", "footer", "noscript", "template", "svg", "head"}
)
# Elements that end a paragraph in the extracted text.
_BLOCK = word_set(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote pre article section main "
    "figcaption dd dt hr form aside address"
)
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate")


@dataclass
class HtmlPage:
    """What ``extract_html`` found; every field but ``text`` may be None."""

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    site: str | None = None


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.in_title = False
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.title: list[str] = []
        self.meta_title: str | None = None
        self.meta_date: str | None = None
        self.time_date: str | None = None
        self.url: str | None = None

    def _break(self) -> None:
        line = " ".join(" ".join(self.current).split())
        if line:
            self.paragraphs.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            self._meta(found)
        elif tag == "link" and "canonical" in found.get("rel", "").lower().split():
            self.url = self.url or found.get("href") or None
        elif tag == "time" and self.time_date is None and found.get("datetime"):
            self.time_date = found["datetime"]
        elif found.get("itemprop") == "datePublished" and found.get("datetime"):
            self.meta_date = self.meta_date or found["datetime"]
        if tag == "body":
            self.skip = 0  # an unclosed <head> (or stray <nav>) must not hide the body
        elif tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <meta .../>: no content, so no skip depth to open.
        if tag in _SKIP:
            return
        self.handle_starttag(tag, attrs)

    def _meta(self, found: dict[str, str]) -> None:
        key = (found.get("property") or found.get("name") or found.get("itemprop") or "").lower()
        content = found.get("content", "").strip()
        if not content:
            return
        if key in _DATE_META and self.meta_date is None:
            self.meta_date = content
        elif key == "og:title" and self.meta_title is None:
            self.meta_title = content
        elif key == "og:url" and self.url is None:
            self.url = content

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.current.append(data)


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return normalize_date(value)
    except ValueError:
        return None  # a page's odd date format is no reason to reject the page


def extract_plain(markup: str) -> HtmlPage:
    """Extract the visible text of ``markup``, one paragraph per line pair.

    ``title`` comes from ``<title>`` (else ``og:title``); ``published`` from
    ``<meta property="article:published_time">`` (and similar), else the first
    ``<time datetime>``; ``url`` from ``<link rel="canonical">`` or ``og:url``.

    >>> page = extract_plain("<title>T</title><nav>Home</nav><p>Talks resumed.</p>")
    >>> page.title, page.text
    ('T', 'Talks resumed.')
    """
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    parser._break()
    title = " ".join("".join(parser.title).split()) or parser.meta_title
    published = _date(parser.meta_date) or _date(parser.time_date)
    return HtmlPage("\n\n".join(parser.paragraphs), title or None, published, parser.url)

