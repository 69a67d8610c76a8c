"""``dyad info``: versions, model and knowledge files, for bug reports."""

from __future__ import annotations

import json
import platform
from importlib import resources

import typer

from dyad import __version__
from dyad.actors.kb import load_kb
from dyad.events.lexicon import load_lexicon
from dyad.nlp import model_info


def info_cli(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print versions, the spaCy pipeline and the knowledge files in use."""
    kb = load_kb()
    lex = load_lexicon()
    data = resources.files("dyad") / "data"
    info = {
        "dyad": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "model": model_info(),
        "knowledge": {
            "directory": str(data),
            "countries": len(kb.countries),
            "organizations": len(kb.orgs),
            "agents": len(kb.agents),
            "people": len(kb.people),
            "places": len(kb.places),
        },
        "lexicon": {"event_types": len(lex.types),
                    "triggers": sum(len(v) for v in lex.by_head.values())},
    }
    if as_json:
        typer.echo(json.dumps(info, indent=2))
        return
    for key, value in info.items():
        if isinstance(value, dict):
            typer.echo(f"{key}:")
            for k, v in value.items():
                typer.echo(f"  {k}: {v}")
        else:
            typer.echo(f"{key}: {value}")
