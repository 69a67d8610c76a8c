"""Archives: JSON Lines and CSV/TSV tables with chosen field names, compressed or not."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import zstandard

from dyad.ingest import read_inputs
from dyad.records import Article, InputError

EN = "Georgia and Armenia signed a trade agreement on Monday, officials in both capitals said."
EN2 = "Turkey reopened its border crossing with Armenia for aid trucks on Friday."


def read(path: Path, **kwargs: object) -> list[Article | InputError]:
    return list(read_inputs([str(path)], **kwargs))  # type: ignore[arg-type]


def squash(found: list[Article | InputError]) -> list[tuple]:
    return [(x.id, x.published, x.text[:20]) if isinstance(x, Article) else (x.input, x.code)
            for x in found]


def gz(data: bytes) -> bytes:
    return gzip.compress(data)


def zst(data: bytes) -> bytes:
    return zstandard.ZstdCompressor().compress(data)


def jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in rows).encode("utf-8")


ROWS = [{"doc": "d1", "body": EN, "day": "2024-06-03"}, {"doc": "d2", "body": EN2, "day": None}]
KEYS = {"text_key": "body", "id_key": "doc", "date_key": "day"}


def test_jsonl_with_keys_plain_gz_and_zst(tmp_path: Path) -> None:
    want = [("d1", "2024-06-03", EN[:20]), ("d2", "2020-01-01", EN2[:20])]
    for name, pack in [("a.jsonl", bytes), ("a.jsonl.gz", gz), ("a.jsonl.zst", zst)]:
        path = tmp_path / name
        path.write_bytes(pack(jsonl(ROWS)))
        assert squash(read(path, published="2020-01-01", **KEYS)) == want, name


def test_csv_and_tsv_tables(tmp_path: Path) -> None:
    csv_text = f'doc,day,url,body\nd1,2024-06-03,https://x.org/1,"{EN}"\nd2,,,"{EN2}\nmore"\n'
    (tmp_path / "t.csv").write_text(csv_text, encoding="utf-8")
    found = read(tmp_path / "t.csv", **KEYS)
    assert squash(found) == [("d1", "2024-06-03", EN[:20]), ("d2", None, EN2[:20])]
    assert isinstance(found[0], Article) and found[0].url == "https://x.org/1"
    assert isinstance(found[1], Article) and found[1].text.endswith("\nmore")
    tsv = f"body\tdoc\n{EN}\tt1\n\tt2\n".encode()
    (tmp_path / "t.tsv.gz").write_bytes(gz(tsv))
    assert squash(read(tmp_path / "t.tsv.gz", text_key="body", id_key="doc")) == [
        ("t1", None, EN[:20]), (f"{tmp_path / 't.tsv.gz'}:3", "E101")]


def test_table_without_the_text_column(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("id,content\n1,hello\n", encoding="utf-8")
    [error] = read(tmp_path / "t.csv")
    assert isinstance(error, InputError) and error.code == "E122"
    assert "content" in error.reason and "--text-key" in error.reason


def test_compressed_html_and_text(tmp_path: Path) -> None:
    (tmp_path / "p.html.gz").write_bytes(gz(f"<title>T</title><p>{EN}</p>".encode()))
    (tmp_path / "n.txt.zst").write_bytes(zst(EN2.encode()))
    found = read(tmp_path / "p.html.gz") + read(tmp_path / "n.txt.zst")
    assert [(a.title, a.text) for a in found if isinstance(a, Article)] == [("T", EN),
                                                                            (None, EN2)]


def test_damaged_and_oversized_archives(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl.gz").write_bytes(gz(jsonl(ROWS))[:30])
    (tmp_path / "bad.txt.zst").write_bytes(b"not zstd at all")
    (tmp_path / "bomb.txt.gz").write_bytes(gz(b"a " * 200_000))
    codes = [x.code for p in ["bad.jsonl.gz", "bad.txt.zst", "bomb.txt.gz"]
             for x in read(tmp_path / p, max_bytes=100_000) if isinstance(x, InputError)]
    assert codes == ["E123", "E123", "E104"]


def test_directory_walk_reads_compressed_articles_only(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gz(jsonl([{"id": "x", "text": EN}])))
    (tmp_path / "backup.tar.gz").write_bytes(gz(b"tar"))
    assert squash(read(tmp_path)) == [("x", None, EN[:20])]
