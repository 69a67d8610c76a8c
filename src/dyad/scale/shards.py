"""Shards of a batch run: plan them into a run folder, code each one idempotently,
collect the results in input order.

A run folder holds ``manifest.json`` (the options and, per shard, its size and a
digest of its articles), ``inputs/shard-NNNNN.jsonl`` (Article records) and, for
each finished shard, ``shards/shard-NNNNN/`` with ``events.parquet`` (one row per
event), ``articles.parquet`` (one row per coded article, the whole ArticleResult
in ``result_json``), ``errors.jsonl`` (one line per failed article) and
``done.json`` (counts). Everything is written under a temporary name and renamed
when complete, so a killed run leaves no partial file under a final name, and the
same command finds finished shards and skips them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dyad.errors import Messages, UsageError
from dyad.records import Article, ArticleResult, InputError
from dyad.scale.results import article_row, event_rows, result_from_dict

MANIFEST = "manifest.json"
SHARD_SIZE = 200


def shard_name(k: int) -> str:
    return f"shard-{k:05d}"


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _digest(arts: list[Article]) -> str:
    h = hashlib.sha1()
    for a in arts:
        h.update(a.id.encode("utf-8") + b"\0" + hashlib.sha1(a.text.encode("utf-8")).digest())
    return h.hexdigest()


def plan_shards(articles: Iterable[Article], run_dir: Path, options: dict[str, Any],
                shard_size: int = SHARD_SIZE) -> list[str]:
    """Split ``articles`` into shard input files under ``run_dir``; returns shard names.

    On a second call with the same inputs and options, files already written are
    kept and the plan is checked against the manifest (UsageError E402 if it differs).
    """
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "inputs").mkdir(exist_ok=True)
    (run_dir / "shards").mkdir(exist_ok=True)
    for stale in run_dir.glob("*/.*.tmp-*"):  # left by a killed run; never complete
        shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink()
    opts = dict(options, shard_size=shard_size)
    mpath = run_dir / MANIFEST
    old = json.loads(mpath.read_text(encoding="utf-8")) if mpath.exists() else None
    if old is not None and old.get("options") != opts:
        raise UsageError(Messages.E402, path=run_dir, detail="options differ")
    shards: list[dict[str, Any]] = []

    def emit(chunk: list[Article]) -> None:
        k = len(shards)
        entry = {"name": shard_name(k), "articles": len(chunk), "digest": _digest(chunk)}
        if old is not None and (k >= len(old["shards"]) or old["shards"][k] != entry):
            raise UsageError(Messages.E402, path=run_dir, detail=f"{entry['name']} differs")
        path = run_dir / "inputs" / f"{entry['name']}.jsonl"
        if old is None or not path.exists():
            atomic_write(path, "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n"
                                       for a in chunk))
        shards.append(entry)

    chunk: list[Article] = []
    for art in articles:
        chunk.append(art)
        if len(chunk) >= shard_size:
            emit(chunk)
            chunk = []
    if chunk:
        emit(chunk)
    if old is not None and len(old["shards"]) != len(shards):
        raise UsageError(Messages.E402, path=run_dir, detail="the number of articles differs")
    if old is None:
        atomic_write(mpath, json.dumps({"version": 1, "options": opts, "shards": shards},
                                       indent=1))
    return [s["name"] for s in shards]


def shard_paths(run_dir: Path, name: str) -> tuple[str, str]:
    """The input file and output folder of a shard, as strings (sent to workers)."""
    return str(run_dir / "inputs" / f"{name}.jsonl"), str(run_dir / "shards" / name)


def is_done(output: str | Path) -> bool:
    return (Path(output) / "done.json").exists()


def process_shard(input: str, output: str, config: dict[str, Any]) -> dict[str, Any]:
    """Code the Article records in ``input`` (JSON Lines) into the folder ``output``.

    Idempotent: a finished ``output`` is left alone and its counts returned. The
    folder appears only when complete (written under a temporary name, then
    renamed). ``config`` holds ``model``, ``kb_files`` and ``batch_size``.
    Returns ``{"shard", "articles", "coded", "failed", "events"}``.
    """
    out = Path(output)
    if is_done(out):
        return json.loads((out / "done.json").read_text(encoding="utf-8"))
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dyad.pipeline import code_stream
    from dyad.scale.parquet import ARTICLE_SCHEMA, EVENT_SCHEMA
    from dyad.scale.workers import settings_from

    name = out.name
    with open(input, encoding="utf-8") as fh:
        articles = [Article.from_dict(json.loads(line)) for line in fh if line.strip()]
    events: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    for pos, item in enumerate(code_stream(iter(articles), settings_from(config),
                                           int(config.get("batch_size", 16)))):
        if isinstance(item, InputError):
            errors.append(json.dumps(dict(item.to_dict(), position=pos), ensure_ascii=False))
            continue
        d = item.to_dict()
        rows.append(article_row(d, name, pos))
        events.extend(event_rows(d, name))
    tmp = out.with_name(f".{name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    tmp.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(events, schema=EVENT_SCHEMA), tmp / "events.parquet")
    pq.write_table(pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA), tmp / "articles.parquet")
    (tmp / "errors.jsonl").write_text("".join(e + "\n" for e in errors), encoding="utf-8")
    done = {"shard": name, "articles": len(articles), "coded": len(rows),
            "failed": len(errors), "events": len(events)}
    (tmp / "done.json").write_text(json.dumps(done), encoding="utf-8")
    try:
        os.rename(tmp, out)  # atomic: the folder is complete or absent
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # another attempt finished it first
        if not is_done(out):
            raise
    return done


def read_shard(input: str, output: str) -> Iterator[ArticleResult | InputError]:
    """A finished shard's results and failures, in the order of its input."""
    import pyarrow.parquet as pq

    out = Path(output)
    items: dict[int, ArticleResult | InputError] = {}
    table = pq.read_table(out / "articles.parquet", columns=["position", "result_json"])
    for pos, js in zip(table.column("position").to_pylist(),
                       table.column("result_json").to_pylist(), strict=True):
        items[int(pos)] = result_from_dict({"result": json.loads(js)})
    for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            e = json.loads(line)
            items[int(e.pop("position"))] = result_from_dict({"error": e})
    for pos in sorted(items):
        yield items[pos]


def failed_shard(input: str, detail: str) -> Iterator[InputError]:
    """Every article of a shard that could not be coded at all, as E404 failures."""
    name = Path(input).stem
    with open(input, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                art = json.loads(line)
                yield InputError(str(art.get("id")), Messages.E404.format(shard=name,
                                                                          detail=detail), "E404")
