"""Throughput of the temporal tagger: documents per second on one core.

Reads the raw texts of the TimeML training files (tags stripped), then tags
them over and over for a few seconds and prints documents/s.

    PYTHONPATH=src python bench/time_tagger.py [DIR] [--seconds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dyad.eval.timeml import read_timeml
from dyad.time import tag_times

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3_train"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    files = sorted(args.directory.rglob("*.tml"))
    if not files:
        print(f"no .tml files under {args.directory}", file=sys.stderr)
        return 1
    docs = [read_timeml(f) for f in files]
    chars = sum(len(d.text) for d in docs)
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        for doc in docs:
            tag_times(doc.text, doc.dct)
        done += len(docs)
    elapsed = time.perf_counter() - start
    print(f"{done} documents in {elapsed:.2f} s: {done / elapsed:.1f} documents/s "
          f"(mean {chars / len(docs):.0f} characters per document, {len(docs)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
