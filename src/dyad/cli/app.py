"""``dyad``: the command-line entry point. Each command lives in its own module."""

from __future__ import annotations

import sys

import typer

from dyad import __version__
from dyad.cli import code_cmd, eval_cmd, info_cmd, quotes_cmd
from dyad.errors import ConfigError, DyadError, UsageError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3

app = typer.Typer(
    name="dyad",
    help="Political event data from news: who did what to whom, when and where.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dyad {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """dyad reads news articles and writes PLOVER/CAMEO event records."""


app.command("code")(code_cmd.code_cli)
app.command("info")(info_cmd.info_cli)
app.command("quotes")(quotes_cmd.quotes_cli)
app.add_typer(eval_cmd.eval_app, name="eval")
app.command("export")(__import__("dyad.cli.export_cmd").cli.export_cmd.export_cli)
app.command("serve")(__import__("dyad.cli.serve_cmd").cli.serve_cmd.serve_cli)
app.add_typer(__import__("dyad.cli.kb_cmd").cli.kb_cmd.kb_app, name="kb")
app.command("watch")(__import__("dyad.cli.watch_cmd").cli.watch_cmd.watch_cli)
app.command("merge")(__import__("dyad.cli.merge_cmd").cli.merge_cmd.merge_cli)
app.command("ledger")(__import__("dyad.cli.ledger_cmd").cli.ledger_cmd.ledger_cli)


def main() -> None:
    """Console entry point: library errors become messages and exit codes here only."""
    try:
        rv = app(standalone_mode=False)
        if isinstance(rv, int) and rv:
            sys.exit(rv)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except UsageError as exc:
        typer.echo(f"dyad: {exc.message}", err=True)
        sys.exit(EXIT_USAGE)
    except ConfigError as exc:
        typer.echo(f"dyad: {exc.message}", err=True)
        sys.exit(EXIT_ERROR)
    except DyadError as exc:
        typer.echo(f"dyad: {exc.message}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        typer.echo("dyad: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # the parser's usage errors arrive here in non-standalone mode
        if getattr(exc, "exit_code", None) == EXIT_USAGE and hasattr(exc, "show"):
            exc.show()
            sys.exit(EXIT_USAGE)
        if type(exc).__name__ == "Abort":
            sys.exit(EXIT_ERROR)
        raise
