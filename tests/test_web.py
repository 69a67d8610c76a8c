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
    week = client.get("/timeline.json?bucket=week&by=quad").json()
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


def test_ledger_empty_state(client: TestClient) -> None:
    page = client.get("/ledger")
    assert "No commitments in this store yet" in page.text
    assert client.get("/ledger.json").json() == {"rows": [], "total": 0, "next": None,
                                                 "unmatched_contradictions": []}


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
