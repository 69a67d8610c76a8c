"""Scaling out: worker processes, shards on a Dask LocalCluster, and resuming a
killed run. The articles are short, fictional and written for these tests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dyad.records import Article, ArticleResult, InputError

TEXTS = [
    "Norland accused Estmark of shelling a border village on Monday.",
    "The weather in the capital was mild and dry for most of the week.",
    "Estmark's foreign minister met the Norland ambassador to discuss the crossing.",
    "Protesters gathered outside the parliament in Valdor and demanded new elections.",
    "Norland and Estmark agreed to reopen the border crossing next month.",
]


def _articles(n: int = len(TEXTS)) -> list[Article]:
    return [Article(id=f"t{i}", text=TEXTS[i % len(TEXTS)], published="2024-03-01")
            for i in range(n)]


def _key(item: ArticleResult | InputError) -> str:
    if isinstance(item, InputError):
        return json.dumps(item.to_dict(), sort_keys=True)
    return json.dumps(item.to_dict(), sort_keys=True)


@pytest.mark.model
def test_workers_match_one_process() -> None:
    from dyad.pipeline import code_stream
    from dyad.scale import code_scaled

    arts = _articles(7)
    one = [_key(r) for r in code_stream(iter(arts))]
    two = [_key(r) for r in code_scaled(iter(arts), workers=2)]
    assert two == one  # same records, same order


@pytest.mark.model
def test_process_shard_is_idempotent_and_atomic(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from dyad.scale.shards import is_done, plan_shards, process_shard, read_shard, shard_paths

    names = plan_shards(_articles(3), tmp_path, {"t": 1}, shard_size=2)
    assert names == ["shard-00000", "shard-00001"]
    inp, out = shard_paths(tmp_path, names[0])
    first = process_shard(inp, out, {"batch_size": 4})
    assert is_done(out) and first["articles"] == 2
    mtime = (Path(out) / "done.json").stat().st_mtime_ns
    assert process_shard(inp, out, {"batch_size": 4}) == first  # finished: left alone
    assert (Path(out) / "done.json").stat().st_mtime_ns == mtime
    events = pq.read_table(Path(out) / "events.parquet")
    assert "article_id" in events.column_names and "source_codes" in events.column_names
    assert [r.article.id for r in read_shard(inp, out)] == ["t0", "t1"]
    # a half-written shard (a temporary folder) never counts as finished
    _, out1 = shard_paths(tmp_path, names[1])
    stale = Path(out1).with_name(".shard-00001.tmp-1-dead")
    stale.mkdir()
    (stale / "done.json").write_text("{}")
    assert not is_done(out1)
    plan_shards(_articles(3), tmp_path, {"t": 1}, shard_size=2)  # same plan: resumes
    assert not stale.exists()


def test_a_changed_plan_is_refused(tmp_path: Path) -> None:
    from dyad.errors import UsageError
    from dyad.scale.shards import plan_shards

    plan_shards(_articles(3), tmp_path, {"t": 1}, shard_size=2)
    with pytest.raises(UsageError, match="E402"):
        plan_shards(_articles(4), tmp_path, {"t": 1}, shard_size=2)
    with pytest.raises(UsageError, match="E402"):
        plan_shards(_articles(3), tmp_path, {"t": 2}, shard_size=2)


def test_cluster_address_is_checked() -> None:
    from dyad.errors import UsageError
    from dyad.scale.cluster import check_address

    check_address("local:2")
    check_address("tcp://10.0.0.5:8786")
    for bad in ("local:0", "10.0.0.5:8786", "tcp://host"):
        with pytest.raises(UsageError, match="E403"):
            check_address(bad)


@pytest.mark.model
def test_dask_local_cluster_two_workers(tmp_path: Path) -> None:
    from dyad.pipeline import code_stream
    from dyad.scale import code_scaled

    arts = _articles(6)
    expected = [_key(r) for r in code_stream(iter(arts))]
    got = [_key(r) for r in code_scaled(iter(arts), cluster="local:2",
                                        run_dir=tmp_path / "run", shard_size=2)]
    assert got == expected
    done = sorted((tmp_path / "run" / "shards").glob("shard-*/done.json"))
    assert len(done) == 3


def _write_inputs(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    fixtures = sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))
    paths = []
    for i in range(n):
        p = folder / f"a{i:02d}.txt"
        p.write_text(fixtures[i % len(fixtures)].read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(str(p))
    (folder / f"a{n:02d}.txt").write_bytes(b"")  # an input that fails: listed, not coded
    paths.append(str(folder / f"a{n:02d}.txt"))
    return paths


@pytest.mark.model
def test_killed_run_resumes_exactly_once(tmp_path: Path) -> None:
    paths = _write_inputs(tmp_path / "in", 10)
    run = tmp_path / "run"
    cmd = [sys.executable, "-m", "dyad", "code", *paths, "--published", "2024-01-15",
           "--format", "article", "--run-dir", str(run), "--out", str(tmp_path / "out.jsonl"),
           "--errors", str(tmp_path / "errors.jsonl")]
    env = dict(os.environ, DYAD_SHARD_SIZE="1")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((run / "shards").glob("shard-*/done.json"))) >= 2:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = len(list((run / "shards").glob("shard-*/done.json")))
    assert 2 <= finished < 10, "the kill should land mid-way"
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 3, rerun.stderr  # finished, one input failed
    ids = [json.loads(line)["article"]["id"]
           for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    errs = [json.loads(line)["input"]
            for line in (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == sorted(paths[:-1])  # every article once, in no duplicate
    assert len(ids) == len(set(ids))
    assert errs == [paths[-1]]
    assert "10 coded, 1 failed" in rerun.stderr


@pytest.mark.model
def test_recycled_workers_code_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """DYAD_WORKER_RECYCLE replaces each worker after that many articles (here every
    chunk): the records and their order are unchanged."""
    from dyad.pipeline import code_stream
    from dyad.scale import code_scaled
    from dyad.scale.workers import CHUNK

    arts = _articles(CHUNK * 3 + 1)
    one = [_key(r) for r in code_stream(iter(arts))]
    monkeypatch.setenv("DYAD_WORKER_RECYCLE", str(CHUNK))
    recycled = [_key(r) for r in code_scaled(iter(arts), workers=2)]
    assert recycled == one


def test_worker_recycle_setting_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from dyad.errors import ConfigError
    from dyad.scale.workers import recycle_after

    monkeypatch.setenv("DYAD_WORKER_RECYCLE", "lots")
    with pytest.raises(ConfigError, match="DYAD_WORKER_RECYCLE"):
        recycle_after()
    monkeypatch.setenv("DYAD_WORKER_RECYCLE", "0")
    assert recycle_after() == 0
