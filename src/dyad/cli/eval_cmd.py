"""``dyad eval``: accuracy against public gold data."""

from __future__ import annotations

import json
from pathlib import Path

import typer

eval_app = typer.Typer(help="Score dyad against gold data.", no_args_is_help=True)


@eval_app.command("plover-gsr")
def plover_gsr_cli(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="PLOVER gold JSONL"),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
) -> None:
    """Event type and actor scores against PLOVER gold-standard records."""
    from dyad.eval.plover_gsr import evaluate_plover_gsr, format_plover_report, report_to_json

    report = evaluate_plover_gsr(path)
    if as_json:
        typer.echo(json.dumps(report_to_json(report), indent=2, ensure_ascii=False))
    else:
        typer.echo(format_plover_report(report))


@eval_app.command("timeml")
def timeml_cli(
    directory: Path = typer.Argument(..., exists=True, file_okay=False,
                                     help="Folder of TimeML .tml files"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Temporal expression scores (TempEval-3 style) against TimeML files."""
    from dyad.eval.timeml import evaluate_timeml, format_timeml_report

    scores = evaluate_timeml(directory)
    if as_json:
        typer.echo(json.dumps(scores, indent=2))
    else:
        typer.echo(format_timeml_report(scores))


@eval_app.command("acceptance")
def acceptance_cli(
    folders: list[Path] = typer.Argument(..., exists=True, file_okay=False,
                                         help="Folders with article.txt and expected.json"),
    as_json: bool = typer.Option(False, "--json", help="Print the reports as JSON."),
) -> None:
    """Expected events found in analyst-coded articles (expected.json beside article.txt)."""
    from dyad import code
    from dyad.eval.acceptance import score_article

    for folder in folders:
        rep = score_article(folder, code)
        if as_json:
            typer.echo(json.dumps({"article": rep.article, "found": rep.found,
                                   "missed": [m["id"] for m in rep.missed],
                                   "dated": rep.dated, "misdated": rep.misdated,
                                   "coded": rep.coded}, ensure_ascii=False))
            continue
        typer.echo(f"{rep.article}: {len(rep.found)} of {rep.total} expected events found; "
                   f"{len(rep.dated)} with the expected date")
        for m in rep.missed:
            typer.echo(f"  missed {m['id']} {m['event']}: {m.get('evidence', '')[:70]}")
        for eid, want, got in rep.misdated:
            typer.echo(f"  {eid} dated {got}, expected {want}")


@eval_app.command("petrarch-actors")
def petrarch_actors_cli(
    path: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="PETRARCH validation records.jsonl"),
    kb: list[Path] = typer.Option(..., "--kb", help="Knowledge file made by `dyad kb "
                                  "import-cameo` from the suite's dictionaries (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report, misses included, "
                                 "as JSON."),
) -> None:
    """Source and target actor codes against PETRARCH validation records."""
    from dyad.eval.petrarch import evaluate_petrarch, format_report, report_to_json

    report = evaluate_petrarch(path, tuple(str(p) for p in kb))
    if as_json:
        typer.echo(json.dumps(report_to_json(report), indent=2, ensure_ascii=False))
    else:
        typer.echo(format_report(report))


@eval_app.command("quotes")
def quotes_cli(
    directory: Path = typer.Argument(..., exists=True, file_okay=False,
                                     help="Folder of articles (.txt) with gold.jsonl"),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
) -> None:
    """Quotation precision, recall and speaker accuracy against annotated articles."""
    from dyad.eval.quotes import evaluate_quotes, format_quote_report, report_to_json

    report = evaluate_quotes(directory)
    if as_json:
        typer.echo(json.dumps(report_to_json(report), indent=2, ensure_ascii=False))
    else:
        typer.echo(format_quote_report(report))


@eval_app.command("merge")
def merge_eval_cli(
    path: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="JSON Lines: an article and its gold mentions a line"),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
) -> None:
    """Event clusters against gold groupings: pairwise and B-cubed P/R/F1."""
    from dyad.eval.merge import evaluate_merge, format_merge_report

    report = evaluate_merge(path)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(format_merge_report(report))


@eval_app.command("ledger")
def ledger_cli(
    directory: Path = typer.Argument(..., exists=True, file_okay=False,
                                     help="Folder with articles.json and gold.json"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Precision and recall of inferred and alleged contradictions (commitments ledger)."""
    from dyad.eval.ledger import evaluate_ledger

    rep = evaluate_ledger(directory).to_dict()
    if as_json:
        typer.echo(json.dumps(rep, indent=2))
        return
    for kind in ("inferred", "alleged"):
        r = rep[kind]
        typer.echo(f"{kind}: precision {r['precision']:.3f} recall {r['recall']:.3f} "
                   f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
    for line in rep["errors"]:
        typer.echo(f"  {line}")
