"""The settings one ``read_inputs`` call shares with every reader."""

from __future__ import annotations

from dataclasses import dataclass

from dyad.errors import InputRejected
from dyad.records import Article, InputError

Item = Article | InputError
"""What a reader yields for each article it meets."""


@dataclass(frozen=True)
class ReadOptions:
    """``published``: fallback date (YYYY-MM-DD); ``max_bytes``: cap per article;
    ``*_key``: field names of JSON records."""

    published: str | None
    max_bytes: int
    text_key: str = "text"
    id_key: str = "id"
    date_key: str = "published"


def as_error(origin: str, error: InputRejected) -> InputError:
    """The ``InputError`` record for a rejected input."""
    return InputError(origin, error.message, error.code)
