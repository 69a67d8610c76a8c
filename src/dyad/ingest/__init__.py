"""Ingest: command-line inputs in, ``Article`` records (or ``InputError``s) out.

>>> from dyad.ingest import read_inputs
>>> for item in read_inputs(["news/", "extra.jsonl", "-"]):  # doctest: +SKIP
...     print(item.id if hasattr(item, "id") else item.reason)

``read_inputs`` never raises for a bad input: each one becomes an
``InputError`` with its E1xx code, and reading goes on. ``detect_language`` and
``check_text`` are the English gate every article passes through.
"""

from __future__ import annotations

from dyad.ingest.decode import decode_bytes, sniff_binary
from dyad.ingest.html import HtmlPage, extract_html
from dyad.ingest.language import check_text, detect_language
from dyad.ingest.readers import DEFAULT_MAX_BYTES, max_bytes_from_env, read_inputs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "HtmlPage",
    "check_text",
    "decode_bytes",
    "detect_language",
    "extract_html",
    "max_bytes_from_env",
    "read_inputs",
    "sniff_binary",
]
