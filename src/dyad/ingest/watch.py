"""Polling feeds: one round reads every feed and yields the articles of entries not seen before.

A round never raises for a feed or a page that fails: a feed that is down or
malformed is logged and read again next round; an entry whose page fails is
yielded as an ``InputError`` and tried again in later rounds, up to
``seen.MAX_ATTEMPTS``. Entries are remembered (``SeenStore``) by URL, and their
texts by content hash, so a story syndicated under a second URL is recorded as
a copy and not coded twice. Only the caller marks an article coded, once its
result is written, so a crash between the two recodes rather than loses it.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from dyad.errors import InputRejected, Messages, UsageError
from dyad.ingest.archives import read_all
from dyad.ingest.decode import decode_bytes
from dyad.ingest.dedup import content_hash
from dyad.ingest.feeds import FeedEntry, parse_feed
from dyad.ingest.fetch import Fetcher, fetch_many
from dyad.ingest.options import Item, ReadOptions, as_error
from dyad.ingest.seen import SeenStore
from dyad.ingest.web import entry_article, is_url, page_article
from dyad.records import Article

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(value: str) -> float:
    """Seconds in ``90s``, ``15m``, ``1h``, ``1d`` (a bare number is seconds); E209 if bad.

    >>> parse_interval("15m")
    900.0
    """
    found = _INTERVAL.match(value or "")
    seconds = float(found.group(1)) * _UNIT[found.group(2).lower()] if found else 0.0
    if seconds <= 0:
        raise UsageError(Messages.E209, value=value)
    return seconds


def read_feed_list(path: str) -> list[str]:
    """The feeds named in ``path``: one URL or file path a line; blank lines and ``#``
    comments skipped. Raises ``UsageError`` (E210) for a list with none, E108/E109 if unreadable."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = handle.read().splitlines()
    except FileNotFoundError:
        raise UsageError(Messages.E108) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(Messages.E109, detail=str(exc)) from None
    feeds = [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]
    if not feeds:
        raise UsageError(Messages.E210, path=path)
    return list(dict.fromkeys(feeds))


@dataclass
class RoundReport:
    """What one round found: feeds read and failed, new entries, copies, pages failed."""

    feeds: int = 0
    feeds_failed: int = 0
    entries: int = 0
    new: int = 0
    duplicates: int = 0
    failed: int = 0
    pending: dict[str, str] = field(default_factory=dict)  # article id -> content hash


class Watcher:
    """Reads ``feeds`` each round, remembering entries in ``seen``.

    ``log`` receives one line per feed failure and per copy found; ``stop``,
    when set, ends a round early (between entries).
    """

    def __init__(self, feeds: list[str], seen: SeenStore, fetcher: Fetcher,
                 options: ReadOptions, log: Callable[[str], None],
                 stop: threading.Event | None = None) -> None:
        self.feeds = feeds
        self.seen = seen
        self.fetcher = fetcher
        self.options = options
        self.log = log
        self.stop = stop or threading.Event()
        self.report = RoundReport()

    def _feed_entries(self, feed: str) -> list[FeedEntry]:
        try:
            if is_url(feed):
                data = self.fetcher.fetch(feed).data
            elif os.path.exists(feed):
                data = read_all(feed, self.options.max_bytes)
            else:
                raise InputRejected(Messages.E108)
            decode_bytes(data)  # binary or empty bodies fail here with a clear reason
            return parse_feed(data)
        except InputRejected as exc:
            self.report.feeds_failed += 1
            self.log(f"dyad watch: feed {feed}: {exc.message}")
            return []

    def round(self) -> Iterator[Item]:
        """One pass over the feeds: yields each new entry's Article, or its InputError.

        ``self.report`` counts what the round found; ``report.pending`` maps each
        yielded article's id to its content hash, for ``mark_coded``.
        """
        self.report = RoundReport()
        fresh: dict[str, FeedEntry] = {}
        for feed in self.feeds:
            if self.stop.is_set():
                return
            self.report.feeds += 1
            for entry in self._feed_entries(feed):
                self.report.entries += 1
                key = entry.key
                if key and key not in fresh and not self.seen.done(key):
                    fresh[key] = entry
        linked = {k: e for k, e in fresh.items() if e.link}
        for key, outcome in fetch_many(self.fetcher, self._until_stopped(linked)):
            entry = linked[key]
            try:
                if isinstance(outcome, InputRejected):
                    raise outcome
                article = page_article(key, outcome, self.options, entry)
            except InputRejected as exc:
                yield self._failed(key, exc)
                continue
            if self._is_copy(key, article):
                continue
            yield article
        for key, entry in fresh.items():
            if entry.link or self.stop.is_set():
                continue
            try:  # an entry without a link: its own summary is the article
                article = entry_article(key, entry, self.options)
            except InputRejected as exc:
                yield self._failed(key, exc)
                continue
            if not self._is_copy(key, article):
                yield article

    def _until_stopped(self, keys: dict[str, FeedEntry]) -> Iterator[str]:
        for key in keys:
            if self.stop.is_set():
                return
            yield key

    def _failed(self, key: str, exc: InputRejected) -> Item:
        self.report.failed += 1
        attempts = self.seen.mark_failed(key, exc.message)
        if attempts >= self.seen.max_attempts:
            exc.add_note(f"given up after {attempts} rounds")
        return as_error(key, exc)

    def _is_copy(self, key: str, article: Article) -> bool:
        digest = content_hash(article.text)
        first = self.seen.copy_of(digest) or next(
            (aid for aid, h in self.report.pending.items() if h == digest), None)
        if first is None:
            self.report.new += 1
            self.report.pending[article.id] = digest
            return False
        self.seen.mark_duplicate(key, digest, first)
        self.report.duplicates += 1
        self.log(f"dyad watch: {key}: same text as {first}; remembered as a copy, not coded")
        return True

    def mark_coded(self, article: Article) -> None:
        """Remember ``article`` (yielded by ``round``) as coded, now that its result is kept."""
        digest = self.report.pending.get(article.id) or content_hash(article.text)
        self.seen.mark_coded(article.id, digest, article.id)
