"""Bounded reads from binary streams, and a stream with peeked bytes put back."""

from __future__ import annotations

from typing import BinaryIO

from dyad.errors import InputRejected, Messages

_CHUNK = 1 << 16


def read_limited(stream: BinaryIO | Rewound, limit: int) -> bytes:
    """Read all of ``stream``, or raise ``InputRejected`` (E104) past ``limit`` bytes.

    The excess is read and counted, not kept, so the message can give the size.
    """
    data = stream.read(limit + 1)
    if len(data) <= limit:
        return data
    size = len(data)
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
    raise InputRejected(Messages.E104, size=size, limit=limit)


def skip_line(stream: BinaryIO | Rewound) -> int:
    """Read to the end of the current line without keeping it; return the bytes skipped."""
    skipped = 0
    while True:
        piece = stream.readline(_CHUNK)
        skipped += len(piece)
        if not piece or piece.endswith(b"\n"):
            return skipped


class Rewound:
    """A binary stream read from the front of ``head`` first, then from ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self.head = head
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (all when negative), like ``BinaryIO.read``."""
        if size < 0:
            data, self.head = self.head + self.stream.read(), b""
            return data
        if len(self.head) >= size:
            data, self.head = self.head[:size], self.head[size:]
            return data
        data, self.head = self.head, b""
        return data + self.stream.read(size - len(data))

    def readline(self, size: int = -1) -> bytes:
        """One line with its newline, at most ``size`` bytes, like ``BinaryIO.readline``."""
        if not self.head:
            return self.stream.readline(size)
        cut = self.head.find(b"\n") + 1  # 0 when the head holds no newline
        if size >= 0 and (cut == 0 or cut > size) and len(self.head) >= size:
            cut = size
        if cut:
            line, self.head = self.head[:cut], self.head[cut:]
            return line
        line, self.head = self.head, b""
        return line + self.stream.readline(size - len(line) if size >= 0 else -1)
