"""Archives: compressed files (``.gz``, ``.zst``) and tables of articles (CSV, TSV).

A compressed file is read as the file its name has without the compression
suffix (``news.jsonl.zst`` as JSON Lines, ``page.html.gz`` as HTML). The size
limit applies to what comes out of decompression, so a small file that inflates
to gigabytes is refused, not read. A table has a header row; its columns are
named by the same ``--text-key``, ``--id-key`` and ``--date-key`` as JSON
records, and ``url``, ``title`` and ``source`` columns are kept when present.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from dyad.errors import InputRejected, Messages
from dyad.ingest.jsonl import article_from_record
from dyad.ingest.options import Item, ReadOptions, as_error
from dyad.ingest.streams import Rewound, read_limited

COMPRESSIONS = {".gz": "gzip", ".zst": "zstandard"}
"""Compression suffixes dyad reads, and the format each names."""
TABLES = {".csv": ",", ".tsv": "\t"}
"""Table suffixes and their delimiters."""


def suffixes(path: str) -> tuple[str, str | None]:
    """(the suffix that says what the content is, the compression suffix or None).

    >>> suffixes("a/news.JSONL.zst")
    ('.jsonl', '.zst')
    """
    stem, last = os.path.splitext(path)
    last = last.lower()
    if last in COMPRESSIONS:
        return os.path.splitext(stem)[1].lower(), last
    return last, None


def decompress_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a damaged compressed stream raises while it is read."""
    errors: list[type[BaseException]] = [gzip.BadGzipFile, EOFError, zlib.error]
    try:
        import zstandard

        errors.append(zstandard.ZstdError)
    except ImportError:  # pragma: no cover - a dependency, but keep .gz working without it
        pass
    return tuple(errors)


def open_binary(path: str) -> BinaryIO:
    """``path`` opened for reading bytes, decompressed on the fly for ``.gz`` and ``.zst``."""
    _, compression = suffixes(path)
    if compression == ".gz":
        # typeshed's GzipFile is an io.BufferedIOBase, not a typing.BinaryIO, though it
        # has every method BinaryIO names: the stubs' two stream hierarchies never meet.
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if compression == ".zst":
        import zstandard

        raw = open(path, "rb")  # noqa: SIM115 - closed with the reader (closefd)
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        # A buffered wrapper gives readline(), which JSON Lines and tables need.
        return io.BufferedReader(reader)
    return open(path, "rb")


def read_all(path: str, limit: int) -> bytes:
    """The (decompressed) bytes of ``path``; raises ``InputRejected`` (E104, E108, E109, E123)."""
    _, compression = suffixes(path)
    try:
        with open_binary(path) as handle:
            return read_limited(handle, limit)
    except FileNotFoundError:
        raise InputRejected(Messages.E108) from None
    except decompress_errors() as exc:
        raise damaged(exc, compression) from None
    except OSError as exc:
        raise InputRejected(Messages.E109, detail=exc.strerror or type(exc).__name__) from None


def damaged(exc: BaseException, compression: str | None) -> InputRejected:
    """The E123 error for a stream that failed to decompress."""
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return InputRejected(Messages.E123, detail=detail[:200],
                         kind=COMPRESSIONS.get(compression or "", "compressed"))


def read_table(stream: BinaryIO | Rewound, origin: str, options: ReadOptions,
               delimiter: str) -> Iterator[Item]:
    """One item per data row of a CSV or TSV table with a header row.

    Rows are named ``origin:N`` (N the line the row starts on) in errors; a
    table without the text column gives one E122 error for ``origin``.
    """
    # Articles can be far longer than csv's default 128 KiB field limit.
    csv.field_size_limit(min(sys.maxsize, max(options.max_bytes, 131072)))
    # A codecs reader, not TextIOWrapper: it takes any object with read(), such as
    # the stream with its sniffed head put back. (typeshed's protocol also asks for
    # seek() and close(), which decoding never calls: the stub is stricter than codecs.)
    text = codecs.getreader("utf-8-sig")(stream)  # type: ignore[arg-type]
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        columns = reader.fieldnames
    except UnicodeDecodeError:
        yield as_error(origin, InputRejected(Messages.E103, tried="UTF-8 (tables must be UTF-8)"))
        return
    if not columns:
        yield as_error(origin, InputRejected(Messages.E101))
        return
    if options.text_key not in columns:
        shown = ", ".join(c for c in columns[:12] if c)
        yield as_error(origin, InputRejected(Messages.E122, key=options.text_key, columns=shown))
        return
    count = 0
    while True:
        line = reader.line_num + 1
        where = f"{origin}:{line}"
        try:
            row = next(reader)
        except StopIteration:
            break
        except UnicodeDecodeError:
            tried = "UTF-8 (tables must be UTF-8)"
            yield as_error(where, InputRejected(Messages.E103, tried=tried))
            return  # the decoder cannot find the next row boundary reliably
        except csv.Error as exc:
            yield as_error(where, InputRejected(Messages.E110, line=line, detail=str(exc)))
            return
        count += 1
        record = {k: (v if v != "" or k == options.text_key else None)
                  for k, v in row.items() if isinstance(k, str)}
        text_value = record.get(options.text_key)
        if text_value is not None and len(text_value.encode("utf-8")) > options.max_bytes:
            size = len(text_value.encode("utf-8"))
            yield as_error(where, InputRejected(Messages.E104, size=size, limit=options.max_bytes))
            continue
        try:
            yield article_from_record(record, options, where, None, line=line)
        except InputRejected as exc:
            yield as_error(where, exc)
    if count == 0:
        yield as_error(origin, InputRejected(Messages.E101))
