"""JSON Lines and JSON inputs: one Article record per line (or array item), checked field by field.

A bad record becomes an ``InputError`` for its line alone (E103, E104, E106,
E107, E110, E113); the lines around it are read as usual.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from dyad.errors import InputRejected, Messages
from dyad.ingest.dates import normalize_date
from dyad.ingest.decode import decode_bytes
from dyad.ingest.language import accept
from dyad.ingest.options import Item, ReadOptions, as_error
from dyad.ingest.streams import Rewound, skip_line
from dyad.records import Article


def read_jsonl(
    stream: BinaryIO | Rewound, origin: str, options: ReadOptions, *, on_stdin: bool
) -> Iterator[Item]:
    """One item per non-blank line of ``stream``: an Article or an InputError.

    Errors name the line as ``origin:N``; a record without an id falls back to
    ``stdin:N`` on standard input, else its url, else ``sha1:`` of its text. A
    stream with no records at all gives one E101 error for ``origin``.
    """
    limit = options.max_bytes
    number = count = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            break
        number += 1
        where = f"{origin}:{number}"
        if len(raw) > limit and not raw.endswith(b"\n"):
            size = len(raw) + skip_line(stream)
            count += 1
            yield as_error(where, InputRejected(Messages.E104, size=size, limit=limit))
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        count += 1
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            tried = "UTF-8 (JSON Lines must be UTF-8)"
            yield as_error(where, InputRejected(Messages.E103, tried=tried))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            detail = f"{exc.msg} at column {exc.colno}"
            yield as_error(where, InputRejected(Messages.E106, line=number, detail=detail))
            continue
        fallback = f"stdin:{number}" if on_stdin else None
        try:
            yield _record(record, options, where, fallback, line=number)
        except InputRejected as exc:
            yield as_error(where, exc)
    if count == 0:
        yield as_error(origin, InputRejected(Messages.E101))


def read_json(data: bytes, path: str, options: ReadOptions) -> Iterator[Item]:
    """A ``.json`` file: one Article record, an array of them, or JSON Lines after all."""
    text = decode_bytes(data)
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines):
            stream = io.BytesIO(text.encode("utf-8"))
            yield from read_jsonl(stream, path, options, on_stdin=False)
            return
        raise InputRejected(Messages.E106, line=exc.lineno, detail=exc.msg) from None
    if isinstance(parsed, list):
        if not parsed:
            raise InputRejected(Messages.E101)
        for index, record in enumerate(parsed, 1):
            try:
                yield _record(record, options, f"{path}:{index}", None, item=index)
            except InputRejected as exc:
                yield as_error(f"{path}:{index}", exc)
        return
    # A single record read from disk: its path is the fallback id, as for text files.
    yield _record(parsed, options, path, path, line=1)


def _type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    return {dict: "an object", list: "an array", str: "a string", type(None): "null"}.get(
        type(value), "a number"
    )


def _record(
    record: Any,
    options: ReadOptions,
    where: str,
    fallback_id: str | None,
    *,
    line: int | None = None,
    item: int | None = None,
) -> Article:
    """Check one JSON record and make its Article; raises ``InputRejected`` (E107/E110/E113)."""

    def bad(detail: str) -> InputRejected:
        if item is not None:
            return InputRejected(Messages.E113, item=item, detail=detail)
        return InputRejected(Messages.E110, line=line, detail=detail)

    if not isinstance(record, dict):
        raise bad(f"expected a JSON object (an Article record), got {_type(record)}")
    text = record.get(options.text_key)
    if text is None:
        if item is not None:
            raise bad(f"no '{options.text_key}' field: expected an Article record")
        if options.text_key == "text":
            raise InputRejected(Messages.E107, line=line)
        raise bad(f"no '{options.text_key}' field: expected an Article record with one")
    if not isinstance(text, str):
        raise bad(f"'{options.text_key}' must be a string, got {_type(text)}")
    fields: dict[str, str | None] = {}
    for key in ("url", "title", "source", "author"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise bad(f"'{key}' must be a string or null, got {_type(value)}")
        fields[key] = value or None
    ident = record.get(options.id_key)
    if isinstance(ident, int) and not isinstance(ident, bool):
        ident = str(ident)  # numeric ids are common in exported datasets
    elif ident is not None and not isinstance(ident, str):
        raise bad(f"'{options.id_key}' must be a string or a whole number, got {_type(ident)}")
    date = record.get(options.date_key)
    if date is not None and not isinstance(date, str):
        raise bad(f"'{options.date_key}' must be a YYYY-MM-DD string, got {_type(date)}")
    if date:
        try:
            date = normalize_date(date)
        except ValueError:
            raise bad(f"'{options.date_key}' is '{date}', expected YYYY-MM-DD") from None
    language = accept(text, where)
    text_hash = "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()
    return Article(
        id=ident or fallback_id or fields["url"] or text_hash,
        text=text,
        url=fields["url"],
        title=fields["title"],
        published=date or options.published,
        source=fields["source"],
        language=language,
        author=fields["author"],
    )


article_from_record = _record
"""Check one record (a dict from JSON, or a table row) and make its Article; raises
``InputRejected``. Public name of ``_record`` for the other readers."""
