"""The language pipeline: the spaCy model, loaded once per process behind one function."""

from dyad.nlp.model import load_nlp, model_info

__all__ = ["load_nlp", "model_info"]
