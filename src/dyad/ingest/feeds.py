"""RSS and Atom feeds, read with feedparser: the entries' links, dates and summaries.

A feed that is partly broken still gives the entries feedparser could read; a
document with no entries that is not RSS or Atom at all is an ``InputRejected``
(E121), so ``dyad watch`` can log it and try again next round.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

from dyad.errors import InputRejected, Messages
from dyad.ingest.html_plain import extract_plain

_FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/feed+json",
})


@dataclass
class FeedEntry:
    """One item of a feed. ``key``: what identifies it (its link, else its id)."""

    link: str | None
    guid: str | None
    title: str | None
    published: str | None
    summary: str | None
    author: str | None = None

    @property
    def key(self) -> str | None:
        return self.link or self.guid


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """True when ``content_type`` names a feed, or the bytes start like RSS or Atom."""
    if content_type in _FEED_TYPES or "rss" in content_type or "atom" in content_type:
        return True
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if content_type in ("", "application/octet-stream") or head.startswith(b"<?xml"):
        return head.startswith(b"<?xml") and (b"<rss" in data[:4096].lower()
                                              or b"<feed" in data[:4096].lower()
                                              or b"<rdf:rdf" in data[:4096].lower())
    return False


def _date(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return time.strftime("%Y-%m-%d", parsed)


def parse_feed(data: bytes) -> list[FeedEntry]:
    """The entries of the RSS or Atom document ``data``, in feed order.

    Raises ``InputRejected`` (E121) when ``data`` is not a feed at all.

    >>> rss = b"<rss version='2.0'><channel><item><link>https://x.org/1</link></item></channel></rss>"
    >>> [e.link for e in parse_feed(rss)]
    ['https://x.org/1']
    """
    import feedparser  # a heavy import, needed only for feeds

    # A BytesIO, never a str: feedparser would take a string for a URL to fetch.
    parsed = feedparser.parse(io.BytesIO(data))
    # A feed with no entries is fine when well-formed (a quiet news day); broken
    # or not a feed at all, it is an error to log and retry.
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        detail = str(problem) if problem else "not RSS or Atom"
        raise InputRejected(Messages.E121, detail=" ".join(detail.split())[:200])
    entries = []
    for raw in parsed.entries:
        summary = None
        content = raw.get("content") or []
        body = content[0].get("value") if content else raw.get("summary")
        if body:
            summary = extract_plain(body).text or None
        entries.append(FeedEntry(
            link=(raw.get("link") or "").strip() or None,
            guid=(raw.get("id") or "").strip() or None,
            title=(raw.get("title") or "").strip() or None,
            published=_date(raw.get("published_parsed") or raw.get("updated_parsed")),
            summary=summary,
            author=(raw.get("author") or "").strip() or None,
        ))
    return entries
