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


def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str,
            stdin: bytes | None = None) -> tuple[int, str, str]:
    """Run ``dyad ARGS`` in this process (the model loads once per test session);
    returns the exit code, standard output and standard error."""
    import io
    import sys

    from dyad.cli.app import main

    monkeypatch.setattr(sys, "argv", ["dyad", *args])
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
