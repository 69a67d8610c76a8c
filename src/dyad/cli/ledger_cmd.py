"""``dyad ledger``: commitments and what contradicts them, from a store or from articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from dyad.errors import Messages, UsageError


def _day(value: str | None, name: str) -> str | None:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError as exc:
        raise UsageError(Messages.E306, name=name, value=value, expected="YYYY-MM-DD") from exc


def ledger_cli(
    db: Path | None = typer.Argument(None, help="Event store made with 'dyad code --db'."),
    from_inputs: list[str] = typer.Option(None, "--from", help=(
        "Code these inputs now (files, folders, .jsonl) instead of reading a store; "
        "repeatable.")),
    published: str | None = typer.Option(None, "--published",
                                         help="Publication date for --from inputs without one."),
    party: str | None = typer.Option(None, "--party", help="Country code or org acronym."),
    provision: str | None = typer.Option(None, "--provision",
                                         help="Provision type (ceasefire, withdrawal, ...)."),
    since: str | None = typer.Option(None, "--since", help="Commitments made on or after."),
    until: str | None = typer.Option(None, "--until", help="Commitments made on or before."),
    agreements: list[Path] = typer.Option(None, "--agreements", exists=True, dir_okay=False,
                                          help="Extra agreements registry file (YAML)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per commitment."),
    proposals: bool = typer.Option(False, "--proposals",
                                   help="Print proposed registry entries (YAML) instead."),
) -> None:
    """Commitments (agreements, pledges, rulings) and the contradictions against them."""
    import os

    from dyad.ledger.provisions import TYPOLOGY

    if provision and provision not in TYPOLOGY:
        raise UsageError(Messages.E306, name="--provision", value=provision,
                         expected="one of " + ", ".join(TYPOLOGY))
    since, until = _day(since, "--since"), _day(until, "--until")
    if agreements:  # the per-article ledger reads DYAD_AGREEMENTS too, so set it for both
        os.environ["DYAD_AGREEMENTS"] = os.pathsep.join(
            [*filter(None, [os.environ.get("DYAD_AGREEMENTS")]), *map(str, agreements)])
        from dyad.ledger.registry import load_registry

        load_registry.cache_clear()
    if (db is None) == (not from_inputs):
        raise UsageError(Messages.E307)
    if db is not None:
        from dyad.ledger.store import ledger_from_store, open_store

        conn = open_store(db)
        try:
            led = ledger_from_store(conn, party=party, provision=provision)
        finally:
            conn.close()
    else:
        from dyad.ingest import read_inputs
        from dyad.ledger.build import build_ledger
        from dyad.pipeline import code_many
        from dyad.records import Article

        arts = [a for a in read_inputs(from_inputs, published=published)
                if isinstance(a, Article)]
        led = build_ledger(code_many(arts))
    if proposals:
        import yaml

        typer.echo(yaml.safe_dump({"agreements": led.proposed_registry()}, sort_keys=False,
                                  allow_unicode=True))
        return
    rows = led.query(party=party, provision=provision, since=since, until=until)
    for c, xs in rows:
        if as_json:
            d = c.to_dict()
            d["contradictions"] = [x.to_dict() for x in xs]
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
            continue
        who = ", ".join(sorted(c.keys("parties")))
        typer.echo(f"{c.day() or '????-??-??'}  {c.name}  [{c.provision}]  parties: {who}"
                   f"  bound: {', '.join(sorted(c.keys()))}")
        typer.echo(f"    {c.content[:110]}")
        for x in xs:
            by = ", ".join(a.key() or a.text for a in x.by)
            al = ", ".join(a.key() or a.text for a in x.alleged_by)
            when = (x.date.begin or x.date.value) if x.date else "?"
            typer.echo(f"    x {x.basis:8} {when}  by {by}: \"{x.act.text[:60]}\""
                       + (f"  (alleged by {al})" if al else ""))
    if not as_json:
        n = sum(len(xs) for _, xs in rows)
        typer.echo(f"dyad: {len(rows)} commitments, {n} contradictions", err=True)
