"""Bytes to text: recognize binary files, then find an encoding that gives real text.

``decode_bytes`` is the one entry point. It raises ``InputRejected`` with E101
(empty), E102 (binary, naming what the bytes look like) or E103 (no encoding
gave clean text, naming the encodings tried).
"""

from __future__ import annotations

import codecs

from dyad.errors import InputRejected, Messages

# Leading bytes of common non-text formats. Only signatures long or odd enough
# that no plain-text article starts with them; short ones (BMP "BM", MP3
# "ID3") are left to the NUL/control-character test instead.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF"),
    (b"\x1f\x8b", "gzip data"),
    (b"PK\x03\x04", "ZIP archive (or a .docx/.xlsx/.epub file)"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document (.doc/.xls)"),
    (b"\x7fELF", "ELF executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "Mach-O binary"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00\x00\x00\x01Bud1", "macOS .DS_Store file"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"OggS", "Ogg audio/video"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"{\\rtf", "RTF document (save it as plain text)"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Bytes below 0x20 that real text uses: tab, newline, vertical tab, form feed,
# carriage return, and ESC (ANSI colours in captured terminal output).
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
_SNIFF = 8192
# Typographic characters a cp1252 article plausibly contains besides letters.
_TYPOGRAPHIC = frozenset("‘’“”‚„–—…•€£¥°©®™«»·§¶¡¿½¼¾×÷±µ¢†‡‰‹›\u00a0\u00ad")


def sniff_binary(data: bytes) -> str | None:
    """Say what ``data`` looks like when it is not text, else None.

    >>> sniff_binary(b"\\x89PNG\\r\\n\\x1a\\n....")
    'PNG image'
    """
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime video or HEIC image"
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    if data[:2] == b"MZ" and b"\x00" in data[:64]:
        return "Windows executable"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text is full of NUL bytes but is text
    head = data[:_SNIFF]
    if not head:
        return None
    if b"\x00" in head:
        if _utf16_without_bom(head):
            return None
        return "unknown binary data: it contains NUL bytes"
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    if controls / len(head) > 0.05:
        return f"unknown binary data: {controls} control bytes in the first {len(head)}"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """Name the UTF-16 byte order when NULs sit in every other byte (ASCII-range text)."""
    even = head[0::2]
    odd = head[1::2]
    if len(head) >= 8 and odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if len(head) >= 8 and even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration names in the first 4 KB, if valid."""
    head = data[:4096].lower()
    for marker in (b"charset=", b"encoding="):
        at = head.find(marker)
        if at < 0:
            continue
        i = at + len(marker)
        while i < len(head) and head[i] in b"\"' ":
            i += 1
        j = i
        while j < len(head) and (chr(head[j]).isalnum() or head[j] in b"-_:."):
            j += 1
        name = head[i:j].decode("ascii", "replace")
        try:
            return codecs.lookup(name).name
        except LookupError:
            return None
    return None


def looks_like_text(text: str) -> bool:
    """True when a legacy-codepage decoding reads as Western text, not mojibake.

    Real Western European text has mostly ASCII letters; non-ASCII characters
    are accented letters or typographic marks. Cyrillic or Greek bytes read as
    cp1252 give words made only of accented letters, and binary data gives C1
    controls and odd symbols, so both fail.
    """
    letters = non_ascii_letters = odd = 0
    for ch in text[:200_000]:  # a sample is enough, and bounds the cost
        if ch.isascii():
            if ch.isalpha():
                letters += 1
            continue
        if ch.isalpha():
            letters += 1
            non_ascii_letters += 1
        elif ch not in _TYPOGRAPHIC:
            odd += 1
    if letters == 0:
        return False
    return non_ascii_letters / letters < 0.3 and odd <= max(2, letters // 200)


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode ``data`` to text, or raise ``InputRejected`` (E101, E102 or E103).

    Order: byte-order mark (UTF-8, UTF-16, UTF-32), strict UTF-8, UTF-16 without
    a BOM when the NUL pattern shows it, the charset an HTML page declares (when
    ``html``), then cp1252 and latin-1, kept only when ``looks_like_text``.
    Line ends are normalized to ``\\n``.

    >>> decode_bytes("café".encode("utf-16"))
    'café'
    """
    if not data.strip():
        raise InputRejected(Messages.E101)
    what = sniff_binary(data)
    if what:
        raise InputRejected(Messages.E102, detail=what)
    tried: list[str] = []
    text = _decode(data, html, tried)
    if text is None:
        raise InputRejected(Messages.E103, tried=_join(tried))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputRejected(Messages.E101)
    return text


def _decode(data: bytes, html: bool, tried: list[str]) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            tried.append(f"{codec} (byte-order mark)")
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    # Before UTF-8: NUL bytes are valid UTF-8, so UTF-16 would "decode" as it.
    utf16 = _utf16_without_bom(data[:_SNIFF])
    if utf16:
        tried.append(f"{utf16} (no byte-order mark)")
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            return None
    tried.append("UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data) if html else None
    if declared == "utf-8":
        declared = None  # already tried, and it failed
    # Codec names as codecs.lookup() spells them, so a declared one dedupes.
    candidates = [c for c in (declared, "cp1252", "iso8859-1") if c]
    candidates = list(dict.fromkeys(candidates))
    for codec in candidates:
        name = "latin-1" if codec == "iso8859-1" else codec
        tried.append(name if codec != declared else f"{name} (declared in the page)")
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # A declared charset is the author's word; the fallbacks must prove themselves.
        if codec == declared or looks_like_text(text):
            return text
    return None


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
