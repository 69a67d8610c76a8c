"""dyad: political event data from news, in PLOVER with CAMEO codes beside it.

>>> import dyad
>>> result = dyad.code("Armenia accused Azerbaijan of shelling villages.", published="2023-03-18")
>>> result.events[0].event
'ACCUSE'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dyad.pipeline import code, code_many

__all__ = ["__version__", "code", "code_many"]


def __getattr__(name: str) -> Any:
    # Importing dyad stays cheap: the pipeline (and spaCy) load on first use.
    if name in ("code", "code_many"):
        from dyad import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
