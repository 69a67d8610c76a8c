"""Main text, title, date, author and canonical URL of a news page, with trafilatura.

trafilatura finds the article body and drops navigation, advertising, comment
threads and "related stories" lists. Its paragraphs are joined with blank
lines, as plain-text articles are, so a saved page and its text give the same
sentences. When it finds no main text (a fragment, a page with a single short
paragraph) the plain standard-library extractor in ``html_plain`` is used, so a
page is never lost for want of boilerplate to strip.
"""

from __future__ import annotations

import logging
from typing import Any

from dyad.ingest.html_plain import HtmlPage, _date, extract_plain

__all__ = ["HtmlPage", "extract_html"]

# trafilatura logs every page it cannot make sense of (WARNING, ERROR); for dyad that
# is ordinary (we fall back), so keep standard error for dyad's own messages.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)



def _main_text(markup: str, url: str | None) -> Any:
    import trafilatura  # imported here: it pulls in lxml, costly for text-only runs
    from trafilatura.settings import set_date_params

    try:
        return trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            # Page chrome is never article text; on short pages trafilatura's
            # fallback would otherwise keep the menu.
            prune_xpath=["//nav", "//header", "//footer"],
            # Only dates the page declares: a date guessed from free text would
            # silently misplace every relative date in the article.
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception:  # a malformed page is the fallback's job, not a crash
        return None


def _paragraphs(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _without_headline(text: str, title: str | None) -> str:
    # The headline is the Article's title; left in the text it would be coded as
    # a second report of the lead paragraph's event.
    first, _, rest = text.partition("\n\n")
    if title and rest and first.casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def extract_html(markup: str, url: str | None = None) -> HtmlPage:
    """The article in ``markup``: main text (paragraphs separated by blank lines) and metadata.

    ``title``: the headline; ``published``: the date the page declares
    (``article:published_time`` and similar, a ``<time datetime>``, JSON-LD,
    or the URL), as YYYY-MM-DD; ``author``; ``url``: the canonical URL (else
    ``url`` as given); ``site``: the publication's name. Every field but
    ``text`` may be None; ``text`` may be empty.

    >>> page = extract_html("<title>T</title><nav>Home</nav><p>Talks resumed.</p>")
    >>> page.title, page.text
    ('T', 'Talks resumed.')
    """
    plain = extract_plain(markup)
    found = _main_text(markup, url)
    if found is None:
        if plain.url is None:
            plain.url = url
        return plain
    title = found.title or plain.title or None
    text = _without_headline(_paragraphs(found.text or ""), title) or plain.text
    # The page's explicit markup first: trafilatura may fall back to a date in
    # the URL or a modification date when the page also declares its own.
    published = plain.published or _date(found.date)
    return HtmlPage(
        text=text,
        title=title,
        published=published,
        url=plain.url or found.url or url,
        author=found.author or None,
        site=found.sitename or None,
    )
