"""Shared fixtures: paths to ../shared (skipping cleanly when absent) and the coder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)}: not present in this checkout")
    return path


@pytest.fixture(scope="session")
def coder():
    import dyad

    return dyad.code
