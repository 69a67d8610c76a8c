"""A store built by coding the fixture articles, the bundled example, a hostile article
and (when ../shared is present) the acceptance article: what the browser tests serve."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from dyad.records import Article

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "data" / "articles"
ACCEPTANCE = ROOT.parent / "shared" / "acceptance" / "csto_yerevan"

# Original, fictional text written for this test: markup, script, SQL and odd Unicode
# that must come out of the UI as plain text.
HOSTILE_TITLE = "<script>alert('title')</script> Border talks & \"quotes\""
HOSTILE_TEXT = (
    "<script>document.body.dataset.pwned='1'</script> GENEVA, March 3 - Armenia accused "
    "Azerbaijan on Tuesday of shelling villages near the border <img src=x "
    "onerror=\"document.body.dataset.pwned='2'\">, officials said.\n\n"
    "Robert'); DROP TABLE events;-- The foreign ministry in Baku rejected the claim "
    "and said it had not fired across the line.\n\n"
    "Zero\u200bwidth, right\u202eto\u202cleft, combining e\u0301, emoji 🕊️ and a NUL-free "
    "tab\there: the talks in Geneva will resume next week, the mediators said."
)


def fixture_articles(with_shared: bool = True) -> list[Article]:
    """The articles the browser-test store is coded from, with their publication dates."""
    out: list[Article] = []
    with (ARTICLES / "published.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            text = (ARTICLES / row["file"]).read_text(encoding="utf-8")
            out.append(Article(id=f"tests/data/articles/{row['file']}", text=text,
                               title=text.split("\n", 1)[0].strip(),
                               published=row["published"], language="en"))
    example = (ROOT / "examples" / "example_article.txt").read_text(encoding="utf-8")
    out.append(Article(id="examples/example_article.txt", text=example,
                       title="Ghana and Togo reopen the Aflao crossing (bundled example)",
                       published="2024-05-14", language="en"))
    out.append(Article(id="hostile", text=HOSTILE_TEXT, title=HOSTILE_TITLE,
                       url="https://example.org/a?b=<x>&c='1'", published="2024-03-06",
                       language="en"))
    if with_shared and ACCEPTANCE.is_dir():
        expected = json.loads((ACCEPTANCE / "expected.json").read_text(encoding="utf-8"))
        out.append(Article(id="acceptance/csto_yerevan",
                           text=(ACCEPTANCE / "article.txt").read_text(encoding="utf-8"),
                           title="CSTO Secretary General in Yerevan (acceptance article)",
                           published=expected.get("published"), language="en"))
    return out


def build(path: Path, with_shared: bool = True) -> Path:
    """Code the fixture articles into a store at ``path``; returns the path."""
    from dyad.pipeline import code_stream
    from dyad.records import InputError
    from dyad.store import Store

    failed: list[str] = []
    with Store(path) as store:
        for result in code_stream(fixture_articles(with_shared)):
            if isinstance(result, InputError):
                failed.append(f"{result.input}: {result.reason}")
            else:
                store.write(result)
    if failed:  # the coder broke on a fixture: say so rather than serve a partial store
        raise RuntimeError("coding fixture articles failed:\n" + "\n".join(failed))
    return path


if __name__ == "__main__":
    import sys

    print(build(Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures.db")))
