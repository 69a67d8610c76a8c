"""Syndicated copies: the same story under several URLs, found by a hash of its normalized text.

Normalizing drops case, punctuation and spacing, so a copy whose only
differences are a curly quote or a line break still matches.

>>> content_hash("Talks  resumed, officials said.") == content_hash("talks resumed officials said")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

from dyad.ingest.options import Item
from dyad.records import Article

_WORD = re.compile(r"\w+")

OnDuplicate = Callable[[Article, str], None]
"""Called with a later copy and the id of the article it copies."""


def content_hash(text: str) -> str:
    """``sha256:`` and the hex digest of ``text``'s words, case-folded and NFKC-normalized."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return "sha256:" + hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def drop_duplicates(items: Iterable[Item], on_duplicate: OnDuplicate) -> Iterator[Item]:
    """``items`` without later copies of an article already yielded; each copy goes to
    ``on_duplicate(copy, first_id)`` instead. Errors pass through untouched."""
    first: dict[str, str] = {}
    for item in items:
        if isinstance(item, Article):
            key = content_hash(item.text)
            if key in first:
                on_duplicate(item, first[key])
                continue
            first[key] = item.id
        yield item
