"""Print a benchmark's figures: aligned lines for people, or JSON with --json."""

from __future__ import annotations

import json
from typing import Any


def print_report(out: dict[str, Any], as_json: bool, width: int = 30) -> None:
    if as_json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k:{width}} {v}")
