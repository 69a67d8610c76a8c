"""``dyad kb``: import CAMEO/PETRARCH dictionaries, and ask what the knowledge base knows."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from dyad.errors import Messages, UsageError

kb_app = typer.Typer(help="Knowledge base: import dictionaries, look up names.",
                     no_args_is_help=True)


@kb_app.command("import-cameo")
def import_cameo_cli(
    files: list[Path] = typer.Argument(..., exists=True, dir_okay=False,
                                       help="CAMEO/PETRARCH/TABARI .actors or .agents files"),
    out: Path = typer.Option(..., "--out", "-o", help="Knowledge file to write: YAML, or "
                             "JSON (also valid YAML, much faster to load) when it ends in .json."),
    lenient: bool = typer.Option(False, "--lenient",
                                 help="Skip malformed lines (listed on stderr) instead of "
                                 "stopping at the first one."),
    kind: str = typer.Option("auto", "--kind",
                             help="actors | agents | auto (agent files are recognised by "
                             "their [~CODE] codes)."),
) -> None:
    """Convert actor and agent dictionaries into a knowledge file for ``dyad code --kb``."""
    import yaml

    from dyad.actors.cameo_import import parse_files, to_yaml_dict

    if kind not in ("actors", "agents", "auto"):
        raise UsageError(Messages.E203, value=kind, options="actors, agents, auto")
    d = parse_files(files, lenient=lenient, kind=None if kind == "auto" else kind)
    for note in d.notes:
        typer.echo(f"dyad: {note}", err=True)
    data = to_yaml_dict(d)
    if out.suffix.lower() == ".json":
        # JSON is also YAML, and loads far faster: the choice for large dictionaries
        out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    else:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        header = ("# dyad knowledge file, written by `dyad kb import-cameo` from: "
                  + ", ".join(f.name for f in files) + "\n")
        out.write_text(header + text, encoding="utf-8")
    typer.echo(f"dyad: wrote {out}: {len(d.actors)} actors, {len(d.agents)} agent phrases "
               f"({len(d.notes)} notes)", err=True)


@kb_app.command("show")
def show_cli(
    name: str = typer.Argument(..., help="A name or phrase: 'Ararat Mirzoyan', 'Yerevan', 'CSTO'"),
    on: str = typer.Option(None, "--date", help="As of this date (YYYY-MM-DD); default today."),
    kb: list[Path] = typer.Option(None, "--kb", help="Extra knowledge file (repeatable)."),
) -> None:
    """Print what the knowledge base says about NAME, and where it says it."""
    from dyad.actors.explain import explain
    from dyad.actors.kb import load_kb
    from dyad.pipeline import parse_published

    day = parse_published(on) if on else None
    lines = explain(load_kb(tuple(str(p) for p in kb or ())), name, day)
    for line in lines:
        typer.echo(line)
    if not lines:
        typer.echo(f"'{name}': not in the knowledge base", err=True)
        raise typer.Exit(1)
