"""``dyad quotes``: print the quotations of an article and who said them."""

from __future__ import annotations

import json

import typer

from dyad.config import Settings
from dyad.ingest import read_inputs
from dyad.pipeline import code_stream, parse_published
from dyad.records import ArticleResult, InputError, Quote


def _speaker(q: Quote) -> str:
    if q.speaker is None:
        return "(unknown)"
    key = q.speaker.org or q.speaker.country
    return f"{q.speaker.text} [{key}]" if key else q.speaker.text


def _line(q: Quote) -> str:
    text = q.text if len(q.text) <= 160 else q.text[:157] + "..."
    return f"{q.start:>6}  {q.kind:8}  {q.cue or '-':12}  {_speaker(q)}\n        {text}"


def quotes_cli(
    file: str = typer.Argument(..., help="Article: a text, HTML or .jsonl file, or - for stdin."),
    published: str = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help="One JSON line per quote (the Quote "
                                 "record of DESIGN.md with its article_id)."),
) -> None:
    """List the quotations and reported statements of an article, with their speakers."""
    parse_published(published)
    settings = Settings()
    failed = 0
    articles = []
    for item in read_inputs([file], published=published, max_bytes=settings.max_bytes):
        if isinstance(item, InputError):
            typer.echo(f"dyad: {item.input}: {item.reason}", err=True)
            failed += 1
        else:
            articles.append(item)
    for result in code_stream(articles, settings):
        if isinstance(result, InputError):
            typer.echo(f"dyad: {result.input}: {result.reason}", err=True)
            failed += 1
            continue
        _print(result, as_json)
    if failed:
        raise typer.Exit(3 if articles else 1)


def _print(result: ArticleResult, as_json: bool) -> None:
    if as_json:
        for q in result.quotes:
            typer.echo(json.dumps({"article_id": result.article.id, **q.to_dict()},
                                  ensure_ascii=False))
        return
    typer.echo(f"{result.article.id}: {len(result.quotes)} quotes")
    for q in result.quotes:
        typer.echo(_line(q))
