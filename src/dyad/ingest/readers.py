"""Turn command-line inputs (files, directories, JSON Lines, tables, URLs, stdin) into
Articles or errors.

Every input yields at least one item: an ``Article``, or an ``InputError``
saying why it could not be read. Nothing here raises for a bad input, so one
broken file never stops a run. A JSON Lines or table input yields one item per
record; a URL list one per URL; a feed one per entry.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from contextlib import closing, nullcontext
from typing import BinaryIO

from dyad.errors import ConfigError, InputRejected, Messages, UsageError
from dyad.ingest.archives import (
    TABLES,
    damaged,
    decompress_errors,
    open_binary,
    read_all,
    read_table,
    suffixes,
)
from dyad.ingest.dates import normalize_date
from dyad.ingest.decode import decode_bytes, sniff_binary
from dyad.ingest.dedup import OnDuplicate, drop_duplicates
from dyad.ingest.fetch import Fetcher, FetchPolicy, check_url
from dyad.ingest.html import extract_html
from dyad.ingest.jsonl import read_json, read_jsonl
from dyad.ingest.language import accept
from dyad.ingest.options import Item, ReadOptions, as_error
from dyad.ingest.stopwords import word_set
from dyad.ingest.streams import Rewound, read_limited
from dyad.ingest.web import is_url, read_url_list, read_urls
from dyad.records import Article

DEFAULT_MAX_BYTES = 5_000_000
"""Largest article read, in bytes (per file, or per line of JSON Lines)."""

# Names a directory walk passes over without a word: editor and OS clutter, and
# media or archives that are never articles. Files named on the command line are
# always read (and reported if they are not text).
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini", "__pycache__", "icon\r"})
_MEDIA_SUFFIXES = word_set(
    ".png .jpg .jpeg .gif .bmp .webp .ico .tif .tiff .heic .svg .mp3 .wav .ogg .mp4 .mov "
    ".avi .mkv .zip .gz .tgz .bz2 .xz .zst .7z .tar .rar .exe .dll .so .dylib .pyc .o "
    ".woff .woff2 .ttf .otf .db .sqlite .parquet"
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# Compressed files a directory walk does read: those whose inner suffix is an input kind.
_ARCHIVED = word_set(".jsonl .json .csv .tsv .txt .html .htm .md")


def max_bytes_from_env() -> int:
    """The size limit: ``DYAD_MAX_BYTES`` when set, else ``DEFAULT_MAX_BYTES``.

    Raises ``ConfigError`` (E207) when the variable is not a positive integer.
    """
    raw = os.environ.get("DYAD_MAX_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigError(Messages.E207, value=raw)
    return value


def read_inputs(
    inputs: Sequence[str],
    *,
    published: str | None = None,
    max_bytes: int | None = None,
    stdin: BinaryIO | None = None,
    text_key: str = "text",
    id_key: str = "id",
    date_key: str = "published",
    url_files: Sequence[str] = (),
    fetch: FetchPolicy | None = None,
    on_duplicate: OnDuplicate | None = None,
) -> Iterator[Item]:
    """Read each input in turn and yield an ``Article`` or an ``InputError`` per article.

    ``inputs``: paths (text, ``.html``, ``.json``, ``.jsonl``, ``.csv``, ``.tsv``
    files, any of them compressed as ``.gz`` or ``.zst``; directories, walked in
    sorted order), ``http(s)://`` URLs of pages or feeds, or ``-`` for ``stdin``
    (default: the process's standard input), which may hold text, HTML or JSON
    Lines. ``url_files``: files with one URL a line (``-``: stdin). ``published``
    (YYYY-MM-DD or an ISO datetime) dates articles that carry no date of their
    own. ``max_bytes`` caps one article (default ``DYAD_MAX_BYTES`` or 5 MB).
    ``*_key`` name the fields of JSON records and the columns of tables.
    ``fetch``: how to fetch URLs (default ``FetchPolicy.from_env``).
    ``on_duplicate(copy, first_id)``, when given, receives each later article
    whose text repeats an earlier one (a syndicated story), instead of yielding it.

    Raises ``UsageError`` (E202) at once for a bad ``published``, and
    ``ConfigError`` (E207, E211) for a bad ``DYAD_MAX_BYTES`` or ``DYAD_FETCH_*``;
    bad inputs are yielded.

    >>> [a.id for a in read_inputs(["notes.txt"])]  # doctest: +SKIP
    ['notes.txt']
    """
    if published:
        try:
            published = normalize_date(published)
        except ValueError:
            raise UsageError(Messages.E202, value=published) from None
    options = ReadOptions(
        published or None,
        max_bytes if max_bytes is not None else max_bytes_from_env(),
        text_key,
        id_key,
        date_key,
    )
    given = [os.fspath(raw) for raw in inputs]  # a Path works too; ids are always strings
    lists = [os.fspath(raw) for raw in url_files]
    if fetch is None and (lists or any(is_url(g) for g in given)):
        fetch = FetchPolicy.from_env(options.max_bytes)
    items = _read_all(given, lists, options, stdin, fetch)
    return items if on_duplicate is None else drop_duplicates(items, on_duplicate)


def _read_all(inputs: list[str], url_files: list[str], options: ReadOptions,
              stdin: BinaryIO | None, policy: FetchPolicy | None) -> Iterator[Item]:
    fetcher = Fetcher(policy) if policy is not None else None
    with closing(fetcher) if fetcher is not None else nullcontext():
        urls: list[str] = []
        for given in inputs:
            if is_url(given) and fetcher is not None:
                urls.append(given)  # consecutive URLs are fetched together, in parallel
                continue
            if urls and fetcher is not None:  # URLs are only gathered when there is a fetcher
                yield from read_urls(urls, options, fetcher)
                urls = []
            if given == "-":
                yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, options)
            else:
                yield from _read_path(given, options)
        if urls and fetcher is not None:
            yield from read_urls(urls, options, fetcher)
        for listed in url_files:
            assert fetcher is not None, "read_inputs sets a fetch policy for URL lists"
            yield from read_url_list(listed, options, fetcher, stdin)


def _read_path(given: str, options: ReadOptions) -> Iterator[Item]:
    if _SCHEME.match(given) and not os.path.exists(given):
        try:
            check_url(given)  # ftp://, file://, a mistyped scheme: say what dyad fetches
        except InputRejected as exc:
            yield as_error(given, exc)
            return
    try:
        is_dir = os.path.isdir(given)
        if not is_dir:
            os.stat(given)
    except FileNotFoundError:
        yield as_error(given, InputRejected(Messages.E108))
        return
    except OSError as exc:
        yield as_error(given, InputRejected(Messages.E109, detail=_why(exc)))
        return
    if not is_dir:
        yield from _read_file(given, options)
        return
    count = 0
    for item in _walk(given, options, set()):
        count += 1
        yield item
    if count == 0:
        yield as_error(given, InputRejected(Messages.E112))


def _skipped(name: str) -> bool:
    lower = name.lower()
    if name.startswith(".") or name.endswith("~") or lower in _JUNK_NAMES:
        return True
    inner, compression = suffixes(lower)
    if compression is not None and inner in _ARCHIVED:
        return False
    return os.path.splitext(lower)[1] in _MEDIA_SUFFIXES


def _walk(directory: str, options: ReadOptions, seen: set[str]) -> Iterator[Item]:
    real = os.path.realpath(directory)
    if real in seen:
        return  # a symlink loop back to a directory already walked
    seen.add(real)
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield as_error(directory, InputRejected(Messages.E109, detail=_why(exc)))
        return
    for entry in entries:
        if _skipped(entry.name):
            continue
        # "." walks give "a.txt", not "./a.txt": ids read as the user would type them.
        path = entry.name if directory == "." else os.path.join(directory, entry.name)
        try:
            if entry.is_dir():
                yield from _walk(path, options, seen)
            elif entry.is_file():
                yield from _read_file(path, options)
            # sockets, FIFOs and devices inside a tree are not articles
        except OSError as exc:
            yield as_error(path, InputRejected(Messages.E109, detail=_why(exc)))


def _why(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def _read_bytes(path: str, limit: int) -> bytes:
    """The file's bytes; E104 when over ``limit`` (checked on the size before reading)."""
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise InputRejected(Messages.E104, size=info.st_size, limit=limit)
        with open(path, "rb") as handle:
            # Pipes and /dev/fd/N report no size, so the read itself is bounded too.
            return read_limited(handle, limit)
    except FileNotFoundError:
        raise InputRejected(Messages.E108) from None
    except OSError as exc:
        raise InputRejected(Messages.E109, detail=_why(exc)) from None


def _read_records(path: str, suffix: str, compression: str | None,
                  options: ReadOptions) -> Iterator[Item]:
    """JSON Lines or a table, streamed record by record (compressed or not)."""
    try:
        with open_binary(path) as handle:
            head = handle.read(8192)
            what = sniff_binary(head)
            if what:
                yield as_error(path, InputRejected(Messages.E102, detail=what))
                return
            rewound = Rewound(head, handle)
            if suffix in TABLES:
                yield from read_table(rewound, path, options, TABLES[suffix])
            else:
                yield from read_jsonl(rewound, path, options, on_stdin=False)
    except decompress_errors() as exc:
        yield as_error(path, damaged(exc, compression))
    except OSError as exc:
        yield as_error(path, InputRejected(Messages.E109, detail=_why(exc)))


def _read_file(path: str, options: ReadOptions) -> Iterator[Item]:
    suffix, compression = suffixes(path)
    if suffix == ".jsonl" or suffix in TABLES:
        yield from _read_records(path, suffix, compression, options)
        return
    try:
        if compression is not None:
            data = read_all(path, options.max_bytes)
        else:
            data = _read_bytes(path, options.max_bytes)
        if suffix == ".json":
            yield from read_json(data, path, options)
            return
        yield _document(data, path, options, html=suffix in (".html", ".htm"))
    except InputRejected as exc:
        yield as_error(path, exc)


def headline(text: str) -> str | None:
    """A plain-text article's first line when it stands alone as a headline: short,
    followed by a blank line, and not ending like a sentence. The text is unchanged."""
    first, sep, rest = text.lstrip().partition("\n")
    first = first.strip()
    if not sep or not rest.startswith(("\n", "\r\n")) or not first:
        return None
    if len(first) > 150 or first.endswith((".", ":", ";", ",")):
        return None
    return first


def _document(data: bytes, origin: str, options: ReadOptions, *, html: bool) -> Article:
    """One article from a whole text or HTML input; raises ``InputRejected``."""
    text = decode_bytes(data, html=html)
    title = url = published = author = source = None
    if html:
        page = extract_html(text)
        text, title, url, published = page.text, page.title, page.url, page.published
        author, source = page.author, page.site
    else:
        title = headline(text)
    language = accept(text, origin)
    return Article(
        id=origin,
        text=text,
        url=url,
        title=title,
        published=published or options.published,
        source=source,
        language=language,
        author=author,
    )


def _read_stdin(stream: BinaryIO, options: ReadOptions) -> Iterator[Item]:
    # Look past leading whitespace to choose JSON Lines or text, then put it back.
    head = b""
    while True:
        chunk = stream.read(4096)
        head += chunk
        if not chunk or head.lstrip(b" \t\r\n\xef\xbb\xbf"):
            break
    start = head.lstrip(b" \t\r\n\xef\xbb\xbf")[:1]
    rewound = Rewound(head, stream)
    if start == b"{":
        yield from read_jsonl(rewound, "stdin", options, on_stdin=True)
        return
    try:
        data = read_limited(rewound, options.max_bytes)
        lower = data[:2048].lower()
        html = start == b"<" and (b"<html" in lower or b"<!doctype html" in lower)
        yield _document(data, "stdin", options, html=html)
    except InputRejected as exc:
        yield as_error("stdin", exc)
