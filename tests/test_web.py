"""The web UI in-process: every page and its JSON twin, filters, errors, read-only, escaping."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from dyad.web.highlight import Mark, highlight
from tests.test_store_fixtures import HOSTILE, build_db

with warnings.catch_warnings():  # newer Starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from dyad.web.app import create_app

    db = build_db(tmp_path_factory.mktemp("web") / "w.db", extra=5)
    return TestClient(create_app(db))


PAGES = ["/", "/events", "/timeline", "/network", "/articles/1", "/actors/1", "/ledger"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_and_its_json_twin(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    twin = client.get("/index.json" if path == "/" else path + ".json")
    assert twin.status_code == 200 and twin.headers["content-type"] == "application/json"


@pytest.mark.parametrize("path", ["/events.json", "/timeline.json", "/network.json",
                                  "/ledger.json"])
def test_lists_have_the_datasette_shape(client: TestClient, path: str) -> None:
    data = client.get(path).json()
    assert {"rows", "total", "next"} <= set(data)


def test_events_filters_and_cursor(client: TestClient) -> None:
    data = client.get("/events.json?event=ACCUSE&country=AZE&since=2023-01-01").json()
    assert data["total"] == 2 and all(r["event"] == "ACCUSE" for r in data["rows"])
    first = client.get("/events.json?size=4").json()
    assert first["total"] == 13 and len(first["rows"]) == 4 and first["next"]
    second = client.get("/events.json", params={"size": "4", "next": first["next"]}).json()
    assert not {r["id"] for r in first["rows"]} & {r["id"] for r in second["rows"]}
    page = client.get("/events?size=4")
    assert 'id="next"' in page.text and "next=" in page.text


def test_pair_filter_from_the_network(client: TestClient) -> None:
    net = client.get("/network.json").json()
    edge = next(r for r in net["rows"] if r["source_label"] == "Armenia (ARM)")
    events = client.get("/events.json", params={"source": str(edge["source"]),
                                                 "target": str(edge["target"])}).json()
    assert events["total"] == edge["count"]
    assert f"source={edge['source']}&amp;target={edge['target']}" in client.get("/network").text


def test_timeline_buckets(client: TestClient) -> None:
    week = client.get("/timeline.json?bucket=week&by=quad&view=reported").json()
    assert week["bucket"] == "week" and week["total"] == 7
    for row in week["rows"]:
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", row["period"])


def test_bad_input_is_400_not_500(client: TestClient) -> None:
    assert client.get("/events?since=yesterday").status_code == 400
    r = client.get("/events.json?quad=9")
    assert r.status_code == 400 and "E306" in r.json()["error"]
    assert client.get("/timeline.json?bucket=year").status_code == 400
    assert client.get("/events.json?next=abc").status_code == 400
    assert client.get("/articles/999").status_code == 404
    assert client.get("/articles/1;DROP").status_code == 404
    assert client.get("/actors/999.json").status_code == 404


@pytest.mark.parametrize("path", ["/events", "/events.json", "/articles/1", "/ledger"])
def test_nothing_writes(client: TestClient, path: str) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert client.request(method, path).status_code == 405


def test_sql_in_parameters_changes_nothing(client: TestClient) -> None:
    before = client.get("/index.json").json()["counts"]
    for value in ("1 OR 1=1", "ARM' OR '1'='1", "x'); DROP TABLE events;--"):
        r = client.get("/events.json", params={"actor": value})
        assert r.status_code == 200 and r.json()["total"] == 0
    assert client.get("/index.json").json()["counts"] == before


def test_hostile_article_renders_as_text(client: TestClient) -> None:
    overview = client.get("/index.json").json()
    evil = next(a for a in overview["articles"] if a["title"].startswith("<img"))
    page = client.get(f"/articles/{evil['id']}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;" in page and "href=\"javascript:" not in page
    assert "[U+202E]" in page  # the bidi override is shown, not obeyed
    assert '<span class="hl hl-trigger"' in page
    data = client.get(f"/articles/{evil['id']}.json").json()
    assert data["text"] == HOSTILE


def test_article_links_only_web_urls() -> None:
    """A stored URL that is not http(s) is not made into a link."""
    from dyad.web.app import safe_url

    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JaVaScRiPt:alert(1)") is None
    assert safe_url(None) is None


def test_highlight_overlaps_and_escapes() -> None:
    text = 'Ghana said: "we <agree>" on Monday.'
    marks = [Mark(12, 24, "quote", "direct"), Mark(16, 23, "trigger", "AGREE <030>", "ev-1"),
             Mark(0, 5, "actor", 'Ghana "GHA"'), Mark(28, 34, "time", "2024-05-13"),
             Mark(30, 99, "actor", "out of range"), Mark(5, 5, "actor", "empty")]
    html = str(highlight(text, marks))
    assert "<agree>" not in html and "&lt;agree&gt;" in html
    assert 'title="actor: Ghana &#34;GHA&#34;"' in html
    assert '<span class="anchor" id="ev-1"></span>' in html
    assert 'class="hl hl-quote hl-trigger"' in html
    assert "out of range" not in html
    plain = re.sub(r"<[^>]+>", "", html)
    assert plain.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"') == text


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dyad.cli.app import app

    res = CliRunner().invoke(app, ["serve", str(tmp_path / "none.db")])
    assert res.exit_code != 0


def test_article_page_shows_byline_and_publication(tmp_path: Path) -> None:
    from dyad.store import Store
    from dyad.web.app import create_app
    from tests.test_store_fixtures import sample_result

    r = sample_result()
    r.article.author, r.article.source = "<i>Ani</i> Petrosyan", "Caucasus Ledger"
    with Store(tmp_path / "a.db") as store:
        store.write(r)
    client = TestClient(create_app(tmp_path / "a.db"))
    data = client.get("/articles/1.json").json()
    assert data["author"] == "<i>Ani</i> Petrosyan"
    page = client.get("/articles/1").text
    assert "by &lt;i&gt;Ani&lt;/i&gt; Petrosyan" in page and "Caucasus Ledger" in page


def test_ledger_empty_state(client: TestClient) -> None:
    page = client.get("/ledger")
    assert "No commitments in this store yet" in page.text
    assert client.get("/ledger.json").json() == {"rows": [], "total": 0, "next": None,
                                                 "unmatched_contradictions": [], "inferred": 0}


def test_ledger_lists_commitments_with_their_contradictions(tmp_path: Path) -> None:
    from dyad.store import Store
    from dyad.web.app import create_app
    from tests.test_store_fixtures import sample_result

    r = sample_result()
    r.commitments = [{"id": "c1", "name": "<b>Border pledge</b>", "provision": "ceasefire",
                      "parties": [{"text": "Armenia", "name": "Armenia"}], "content": "hold fire",
                      "date": {"value": "2023-03-10", "begin": "2023-03-10"},
                      "evidence": {"text": "agreed to hold fire", "start": 0, "end": 5,
                                   "article_id": "a1"}}]
    r.contradictions = [{"id": "x1", "commitment_id": "c1", "basis": "alleged",
                         "by": [{"text": "Azerbaijan", "name": "Azerbaijan"}],
                         "act": {"text": "shelling", "start": 0, "end": 5, "article_id": "a1"},
                         "date": "2023-03-14", "explanation": "fire after the pledge"}]
    with Store(tmp_path / "l.db") as store:
        store.write(r)
        store.write(r)  # idempotent for the ledger tables too
        assert store.counts()["commitments"] == 1 and store.counts()["contradictions"] == 1
    client = TestClient(create_app(tmp_path / "l.db"))
    data = client.get("/ledger.json").json()
    assert data["total"] == 1 and data["rows"][0]["contradictions"][0]["basis"] == "alleged"
    page = client.get("/ledger").text
    assert "&lt;b&gt;Border pledge&lt;/b&gt;" in page and "fire after the pledge" in page


def _with_duplicate(tmp_path: Path) -> TestClient:
    """A store where one ACCUSE (2023-03-14) is reported by two outlets."""
    from dyad.store import Store
    from dyad.web.app import create_app
    from tests.test_store_fixtures import TEXT, sample_result

    db = build_db(tmp_path / "dup.db", extra=2)
    with Store(db) as store:  # other words, so the store keeps it as another article
        store.write(sample_result("b1", url="https://other.example.net/b1",
                                  published="2023-03-19", text=TEXT + " Other outlet."))
    return TestClient(create_app(db))


def test_views_reported_and_happened(tmp_path: Path) -> None:
    client = _with_duplicate(tmp_path)
    day = "since=2023-03-14&until=2023-03-14"
    # the timeline defaults to as happened: two reports, one event
    assert client.get(f"/timeline.json?{day}").json()["view"] == "happened"
    assert client.get(f"/timeline.json?{day}").json()["total"] == 1
    assert client.get(f"/timeline.json?{day}&view=reported").json()["total"] == 2
    # the events table defaults to as reported; as happened lists the canonical one
    reported = client.get(f"/events.json?{day}").json()
    assert reported["view"] == "reported" and reported["total"] == 2
    happened = client.get(f"/events.json?{day}&view=happened").json()
    assert happened["total"] == 1 and len(happened["rows"]) == 1
    row = happened["rows"][0]
    assert (row["n_mentions"], row["n_articles"], row["n_sources"]) == (2, 2, 2)
    assert row["id"] in {r["id"] for r in reported["rows"]}
    # the cluster's reports, as linked from the happened table
    mentions = client.get("/events.json", params={"cluster": row["cluster_id"]}).json()
    assert {r["id"] for r in mentions["rows"]} == {r["id"] for r in reported["rows"]}
    page = client.get(f"/events?{day}&view=happened").text
    assert f'href="/events?cluster={row["cluster_id"]}"' in page
    # happened never counts more than reported, whole store and filtered, paged alike
    for q in ("", "event=REJECT", "country=AZE&negated=false"):
        rep = client.get(f"/events.json?{q}").json()["total"]
        hap = client.get(f"/events.json?{q}&view=happened").json()["total"]
        assert hap <= rep
    first = client.get("/events.json?view=happened&size=2").json()
    second = client.get("/events.json", params={"view": "happened", "size": "2",
                                                "next": first["next"]}).json()
    assert not {r["id"] for r in first["rows"]} & {r["id"] for r in second["rows"]}


def test_view_toggle_on_both_pages(client: TestClient) -> None:
    for path, default in (("/timeline", "happened"), ("/events", "reported")):
        page = client.get(path + "?event=ACCUSE").text
        assert 'id="view-reported"' in page and 'id="view-happened"' in page
        current = re.search(r'id="view-(\w+)"[^>]*aria-current', page)
        assert current and current.group(1) == default
        assert re.search(r'href="' + path + r'\?event=ACCUSE&amp;view=happened"', page)
        other = "reported" if default == "happened" else "happened"
        switched = client.get(f"{path}?view={other}").text
        assert f'<input type="hidden" name="view" value="{other}">' in switched
    r = client.get("/timeline.json?view=1;DROP")
    assert r.status_code == 400 and "E306" in r.json()["error"]
    assert client.get("/events?cluster=x'--").status_code == 400


def test_ledger_shows_inferred_contradictions_without_storing_them(tmp_path: Path) -> None:
    from dyad.records import Actor
    from dyad.store import Store
    from dyad.web.app import create_app
    from tests.test_store_fixtures import ARM, AZE, TEXT, event, sample_result

    pledge = sample_result("p1", published="2023-03-11")
    pledge.commitments = [{
        "id": "p1-ceasefire", "name": "Goris ceasefire", "provision": "ceasefire",
        "provisions": ["ceasefire"],
        "parties": [{"text": "Armenia", "start": 0, "end": 7, **ARM},
                    {"text": "Azerbaijan", "start": 16, "end": 26, **AZE}],
        "obligated": [{"text": "Armenia", "start": 0, "end": 7, **ARM},
                      {"text": "Azerbaijan", "start": 16, "end": 26, **AZE}],
        "content": "cease fire", "date": {"text": "Friday", "start": 0, "end": 0,
                                          "type": "DATE", "value": "2023-03-10",
                                          "begin": "2023-03-10"},
        "evidence": {"text": "agreed to cease fire", "start": 0, "end": 7,
                     "article_id": "p1"}}]
    attack = sample_result("s1", url="https://example.org/s1", published="2023-03-21",
                           text=TEXT + " Later.")
    aze = Actor(text="Azerbaijan", start=16, end=26, **AZE)  # type: ignore[arg-type]
    arm = Actor(text="Armenia", start=0, end=7, **ARM)  # type: ignore[arg-type]
    attack.events.append(event("s1", 3, "ASSAULT", 4, ("shelling", 42), [aze], [arm],
                               "2023-03-20", text=TEXT + " Later."))
    db = tmp_path / "inf.db"
    with Store(db) as store:
        store.write(pledge)
        store.write(attack)
        stored = store.counts()["contradictions"]
    client = TestClient(create_app(db))
    data = client.get("/ledger.json").json()
    xs = data["rows"][0]["contradictions"]
    inferred = [x for x in xs if x["origin"] == "inferred"]
    assert data["inferred"] == len(inferred) == 1
    assert inferred[0]["basis"] == "inferred" and inferred[0]["day"] == "2023-03-20"
    assert inferred[0]["record"]["act"]["article_id"] == "s1" and inferred[0]["article"]
    page = client.get("/ledger").text
    assert "inferred across articles" in page and f'/articles/{inferred[0]["article"]}' in page
    with Store(db) as store:  # shown, not written
        assert store.counts()["contradictions"] == stored
