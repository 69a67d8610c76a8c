"""Cost of loading the knowledge base: wall time and peak memory, in fresh processes.

Each measurement runs in a new Python process, so nothing is cached: the baseline
imports the package (``import dyad.actors.kb``); the measured run also builds the
built-in knowledge base and its phrase index; optionally (``--kb FILE``, repeatable)
with extra knowledge files such as imported CAMEO dictionaries. Rounds alternate
baseline and measured runs and the median is kept, so the ratio holds on a busy
machine. Usage:

    python bench/kb_load.py [--rounds 5] [--kb FILE ...] [--json]

Targets (issue 3): under 1 s and under 200 MB for the built-in knowledge base.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The child prints seconds spent after interpreter start-up and its peak RSS in MB.
CHILD = """
import resource, sys, time
sys.path.insert(0, {src!r})
t0 = time.perf_counter()
import dyad.actors.kb as kbmod
if {load!r}:
    kb = kbmod.build_kb({extra!r})
    kb.index()
dt = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
print(dt, rss)
"""


def run(load: bool, extra: list[str]) -> tuple[float, float]:
    code = CHILD.format(src=str(ROOT / "src"), load=load, extra=extra)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[0]), float(out[1])


def measure(rounds: int, extra: list[str]) -> dict[str, float]:
    base_t, base_m, kb_t, kb_m = [], [], [], []
    for _ in range(rounds):
        t, m = run(False, [])
        base_t.append(t)
        base_m.append(m)
        t, m = run(True, extra)
        kb_t.append(t)
        kb_m.append(m)
    bt, bm = statistics.median(base_t), statistics.median(base_m)
    kt, km = statistics.median(kb_t), statistics.median(kb_m)
    return {
        "import_s": round(bt, 3), "import_peak_mb": round(bm, 1),
        "load_s": round(kt, 3), "load_peak_mb": round(km, 1),
        "kb_only_s": round(kt - bt, 3), "kb_only_mb": round(km - bm, 1),
        "time_ratio": round(kt / bt, 2) if bt else 0.0,
        "memory_ratio": round(km / bm, 2) if bm else 0.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--kb", action="append", default=[], help="extra knowledge file")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = measure(args.rounds, args.kb)
    res["extra_files"] = len(args.kb)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    what = "built-in knowledge base" + (f" + {len(args.kb)} extra file(s)" if args.kb else "")
    print(f"loading the {what} (median of {args.rounds} fresh processes)")
    print(f"  import dyad.actors.kb       {res['import_s']:.3f} s   "
          f"peak {res['import_peak_mb']:.0f} MB")
    print(f"  + build and index the KB    {res['load_s']:.3f} s   "
          f"peak {res['load_peak_mb']:.0f} MB")
    print(f"  knowledge base alone        {res['kb_only_s']:.3f} s   +{res['kb_only_mb']:.0f} MB")
    print(f"  ratio to the import         {res['time_ratio']:.2f}x time, "
          f"{res['memory_ratio']:.2f}x peak memory")
    ok = res["load_s"] < 1.0 and res["load_peak_mb"] < 200
    print(f"  target (< 1 s, < 200 MB)    {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
