"""Publication dates: YYYY-MM-DD, or the date part of a full ISO datetime."""

from __future__ import annotations

from datetime import date, datetime


def normalize_date(value: str) -> str:
    """Return ``value`` as YYYY-MM-DD, or raise ValueError.

    A full ISO datetime keeps its date part as written (no time-zone shift:
    the date the publisher printed is the one that anchors "yesterday").

    >>> normalize_date("2023-03-17T09:30:00+04:00")
    '2023-03-17'
    """
    text = value.strip()
    if len(text) == 10:
        return date.fromisoformat(text).isoformat()
    if len(text) > 10 and text[10] in "T ":
        # fromisoformat accepts "Z" and offsets from Python 3.11 on.
        return datetime.fromisoformat(text).date().isoformat()
    raise ValueError(f"'{value}' is not YYYY-MM-DD")
