"""The commitments ledger: registry mentions, commitments, contradictions, CLI."""

from __future__ import annotations

import json
from pathlib import Path

from dyad.ledger.build import build_ledger
from dyad.ledger.provisions import load_provisions
from dyad.ledger.registry import load_registry
from dyad.pipeline import code
from tests.conftest import shared_path

DATA = Path(__file__).parent / "data" / "ledger"


def test_registry_has_named_agreements_with_valid_provisions():
    reg = load_registry()
    prov = load_provisions()
    assert len(reg) >= 40
    for e in reg.by_id.values():
        assert all(p in prov.by_name or p == "other" for p in e.provisions), e.id


def test_coordinated_and_dated_mentions_resolve():
    reg = load_registry()
    got = reg.mentions("It contradicts the Prague and Sochi statements.", {"ARM", "AZE"})
    assert [m.ids for m in got] == [["prague-2022"], ["sochi-2022"]]
    got = reg.mentions("the Minsk agreements", {"UKR"}, "2020-01-01")
    assert got[0].ids == ["minsk-2014", "minsk-2015"]
    assert reg.mentions("the Minsk agreements", {"ARM"}) == []  # generic alias needs context


def test_user_registry_file_extends(tmp_path):
    f = tmp_path / "more.yaml"
    f.write_text("agreements:\n- {id: x1, name: Lake Accord, aliases: [Lake Accord], "
                 "date: 2024-01-02, parties: [GUY, VEN], provisions: [ceasefire]}\n")
    reg = load_registry((str(f),))
    assert reg.mentions("They broke the Lake Accord.")[0].ids == ["x1"]


def test_provision_classification():
    prov = load_provisions()
    assert prov.classify("respect each other's territorial integrity") == "territorial_integrity"
    assert prov.classify("withdraw its troops from the border") == "withdrawal"
    assert prov.classify("exchange all prisoners of war") == "prisoner_exchange"


def test_ceasefire_then_attack_is_inferred_across_articles():
    a = code("Armenia and Azerbaijan agreed to a ceasefire on March 1, 2024.",
             published="2024-03-02", article_id="a")
    b = code("Azerbaijani troops shelled Armenian villages on April 9, 2024.",
             published="2024-04-10", article_id="b")
    rows = build_ledger([a, b]).query(party="AZE", provision="ceasefire")
    assert len(rows) == 1
    _c, xs = rows[0]
    assert [(x.basis, x.act.article_id) for x in xs] == [("inferred", "b")]


def test_attack_before_commitment_or_by_third_party_is_not_a_contradiction():
    a = code("Armenia and Azerbaijan agreed to a ceasefire on March 1, 2024.",
             published="2024-03-02", article_id="a")
    b = code("Azerbaijani troops shelled Armenian villages on February 9, 2024.",
             published="2024-04-10", article_id="b")
    c = code("Turkish jets bombed Armenian villages on April 9, 2024.",
             published="2024-04-10", article_id="c")
    rows = build_ledger([a, b, c]).query()
    assert all(not xs for _, xs in rows)


def test_violation_alleged_in_article():
    r = code("Azerbaijani forces fired on Armenian positions on May 19, 2024, in violation of "
             "the ceasefire, Armenia's defence ministry said.", published="2024-05-20")
    xs = [x for x in r.contradictions if x["basis"] == "alleged"]
    assert xs and xs[0]["by"][0]["country"] == "AZE"
    assert {a["country"] for a in xs[0]["alleged_by"]} == {"ARM"}
    assert r.commitments and r.commitments[0]["provision"] == "ceasefire"


def test_pipeline_fills_records_with_design_fields():
    r = code("Armenia and Azerbaijan signed the Prague statement.", published="2023-01-02")
    c = r.commitments[0]
    for k in ("id", "name", "parties", "obligated", "provision", "content", "date", "evidence"):
        assert k in c
    assert c["date"]["value"] == "2022-10-06"
    assert c["evidence"]["article_id"] == r.article.id


def test_eval_set_meets_targets():
    from dyad.eval.ledger import evaluate_ledger

    rep = evaluate_ledger(DATA).to_dict()
    assert rep["inferred"]["precision"] >= 0.9
    assert rep["inferred"]["recall"] >= 0.7
    assert len(json.loads((DATA / "articles.json").read_text())) >= 30


def test_cli_json_and_usage(tmp_path):
    from typer.testing import CliRunner

    from dyad.cli.app import app

    f = tmp_path / "a.txt"
    f.write_text("Armenia and Azerbaijan agreed to a ceasefire on March 1, 2024. Azerbaijani "
                 "troops shelled Armenian villages on April 9, 2024.")
    res = CliRunner().invoke(app, ["ledger", "--from", str(f), "--published", "2024-04-10",
                                   "--json"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert rows and rows[0]["contradictions"][0]["act"]["article_id"]
    res = CliRunner().invoke(app, ["ledger", "--provision", "nonsense", "--from", str(f)])
    assert res.exit_code != 0


def _two_articles_stored(tmp_path, deal: tuple[str, str], act: tuple[str, str]):
    """Code a deal and a later act as articles "a" and "b", store them, and return
    both results with a read-only connection to the store."""
    from dyad.ledger.store import open_store
    from dyad.store.writer import write_results

    a = code(deal[0], published=deal[1], article_id="a")
    b = code(act[0], published=act[1], article_id="b")
    db = tmp_path / "s.db"
    write_results(db, [a, b])
    return a, b, open_store(db)


def test_store_ledger(tmp_path):
    from dyad.ledger.store import ledger_from_store

    _, _, conn = _two_articles_stored(
        tmp_path, ("Armenia and Azerbaijan agreed to a ceasefire on March 1, 2024.", "2024-03-02"),
        ("Azerbaijani troops shelled Armenian villages on April 9, 2024.", "2024-04-10"))
    rows = ledger_from_store(conn, party="AZE").query()
    conn.close()
    assert rows and rows[0][1][0].basis == "inferred"


def test_acceptance_article():
    folder = shared_path("acceptance", "csto_yerevan")
    r = code((folder / "article.txt").read_text(), published="2023-03-18")
    by_name = {c["agreement"]: c for c in r.commitments}
    assert {"prague-2022", "sochi-2022", "trilateral-2020", "icj-2023-02-22"} <= set(by_name)
    assert by_name["prague-2022"]["date"]["value"] == "2022-10-06"
    assert by_name["sochi-2022"]["date"]["value"] == "2022-10-31"
    assert by_name["trilateral-2020"]["date"]["value"] == "2020-11-09"
    assert by_name["icj-2023-02-22"]["date"]["value"] == "2023-02-22"
    assert {a["country"] for a in by_name["sochi-2022"]["parties"]} == {"ARM", "AZE", "RUS"}
    alleged = {}
    for x in r.contradictions:
        if x["basis"] == "alleged":
            alleged[x["commitment_id"]] = {a["org"] or a["country"] for a in x["alleged_by"]}
    assert alleged["prague-2022"] == {"CSTO", "ARM"}
    assert alleged["sochi-2022"] == {"CSTO", "ARM"}
    assert alleged["trilateral-2020"] == {"ARM"}
    assert alleged["icj-2023-02-22"] == {"ARM"}


def test_store_ledger_by_party_finds_acts_of_an_organization(tmp_path):
    """--party Hamas over a store: acts whose source is the organization count, even
    though its actor rows carry a country (PSE) that is not the bound key."""
    from dyad.ledger.store import ledger_from_store

    a, b, conn = _two_articles_stored(
        tmp_path, ("Israel and Hamas agreed to a ceasefire in Gaza on January 15, 2025.",
                   "2025-01-16"),
        ("Hamas fired rockets at Israel on March 3, 2025.", "2025-03-04"))
    try:
        by_party = ledger_from_store(conn, party="Hamas").query(party="Hamas")
    finally:
        conn.close()
    in_memory = build_ledger([a, b]).query(party="Hamas")
    assert [(c.id, [x.act.article_id for x in xs]) for c, xs in by_party] == \
        [(c.id, [x.act.article_id for x in xs]) for c, xs in in_memory]
    assert by_party and [x.act.article_id for x in by_party[0][1]] == ["b"]


def test_agreement_on_a_registered_day_is_that_agreement():
    r = code("Israel and Hamas agreed to a ceasefire in Gaza on January 15, 2025.",
             published="2025-01-16")
    assert [c["agreement"] for c in r.commitments] == ["gaza-2025-01"]
    other_day = code("Israel and Hamas agreed to a ceasefire in Gaza on March 2, 2025.",
                     published="2025-03-03")
    assert [c["agreement"] for c in other_day.commitments] == [None]


def _first_alleged(text: str, published: str) -> dict:
    xs = [x for x in code(text, published=published).contradictions if x["basis"] == "alleged"]
    assert xs, "no alleged contradiction"
    return xs[0]


def test_defiance_is_an_allegation():
    x = _first_alleged("Armenia and Azerbaijan agreed to a ceasefire on March 1, 2024. On April "
                       "9, Azerbaijani troops shelled Armenian villages in defiance of the "
                       "ceasefire, Armenia's defence ministry said.", "2024-04-10")
    assert x["by"][0]["country"] == "AZE"
    assert {a["country"] for a in x["alleged_by"]} == {"ARM"}


def test_breach_by_a_means_named_with_by():
    x = _first_alleged("The International Court of Justice on May 1 ordered Venezuela to refrain "
                       "from holding the vote. Guyana on Monday accused Venezuela of defying the "
                       "court by holding elections for a governor of the disputed region.",
                       "2025-05-26")
    assert x["by"][0]["country"] == "VEN" and x["act"]["text"].startswith("holding elections")
