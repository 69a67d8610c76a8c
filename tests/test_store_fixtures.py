"""Hand-built coded articles for the store, export and web tests (no model needed)."""

from __future__ import annotations

from pathlib import Path

from dyad.records import Actor, Article, ArticleResult, Event, Place, Quote, Span, TimeValue
from dyad.store import Store

ARM = dict(name="Armenia", country="ARM", code="ARM", kind="state")
AZE = dict(name="Azerbaijan", country="AZE", code="AZE", kind="state")

# Original fictional text; the hostile one carries markup, script, SQL and bidi controls.
TEXT = ("Armenia accused Azerbaijan on Tuesday of shelling villages near Goris. "
        "Azerbaijan denied it. \"We will talk,\" the minister said.")
HOSTILE = ("<script>alert(1)</script> Armenia <b>accused</b> Azerbaijan'); DROP TABLE events;-- "
           "\u202egnp.exe & \"q\" \u00e9\u0301 🕊")


def actor(text: str, start: int, **kw: object) -> Actor:
    return Actor(text=text, start=start, end=start + len(text), **kw)  # type: ignore[arg-type]


def event(aid: str, n: int, kind: str, quad: int, trig: tuple[str, int], src: list[Actor],
          tgt: list[Actor], day: str | None, negated: bool = False,
          text: str = TEXT) -> Event:
    tv = (TimeValue(text="Tuesday", start=30, end=37, type="DATE", value=day, begin=day)
          if day else None)
    return Event(id=f"{aid}-{n}-{kind}", article_id=aid, sentence=0, text=text, event=kind,
                 cameo="112", mode=None, context=[], quad=quad, negated=negated,
                 modality="asserted", source=src, target=tgt, date=tv,
                 date_source="text" if day else "none",
                 location=Place(text="Goris", start=64, end=69, name="Goris", country="ARM",
                                lat=39.5, lon=46.3),
                 trigger=Span(trig[0], trig[1], trig[1] + len(trig[0])), confidence=0.9)


def sample_result(aid: str = "a1", url: str | None = "https://example.org/a1",
                  published: str = "2023-03-18", text: str = TEXT,
                  day: str = "2023-03-14") -> ArticleResult:
    """One article: ACCUSE ARM->AZE (dated), REJECT AZE (negated, undated), a quote."""
    arm, aze = actor("Armenia", 0, **ARM), actor("Azerbaijan", 16, **AZE)
    minister = actor("the minister", 109, name="Jeyhun Bayramli-Test", country="AZE",
                     code="AZEGOV", kind="person", role="Foreign Minister", sector="GOV")
    aze2 = actor("Azerbaijan", 71, **AZE)
    ev = [event(aid, 1, "ACCUSE", 3, ("accused", 8), [arm], [aze], day),
          event(aid, 2, "REJECT", 3, ("denied", 82), [aze2], [arm], None, negated=True)]
    return ArticleResult(
        article=Article(id=aid, text=text, url=url, title=f"Title {aid}", published=published),
        actors=[arm, aze, aze2, minister],
        places=[Place(text="Goris", start=64, end=69, name="Goris", country="ARM")],
        times=[TimeValue(text="Tuesday", start=30, end=37, type="DATE", value="2023-03-14",
                         begin="2023-03-14", end_date="2023-03-15")],
        events=ev,
        quotes=[Quote(id="q1", text="We will talk,", start=94, end=107, kind="direct",
                      cue="said", speaker=minister)])


def hostile_result() -> ArticleResult:
    """An article whose text and title are hostile; its spans point into that text."""
    arm = actor("Armenia", HOSTILE.index("Armenia"), **ARM)
    aze = actor("Azerbaijan", HOSTILE.index("Azerbaijan"), **AZE)
    ev = [event("evil", 1, "ACCUSE", 3, ("accused", HOSTILE.index("accused")), [arm], [aze],
                "2023-05-01", text=HOSTILE)]
    ev[0].location = None
    return ArticleResult(
        article=Article(id="evil'; DROP TABLE articles;--", text=HOSTILE,
                        url="javascript:alert(1)", title="<img src=x onerror=alert(1)>",
                        published="2023-05-02"),
        actors=[arm, aze], events=ev)


def build_db(path: Path, extra: int = 0) -> Path:
    """A store with the sample article, the hostile one and ``extra`` more articles."""
    with Store(path) as store:
        store.write(sample_result())
        store.write(hostile_result())
        for i in range(extra):
            day = f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}"
            store.write(sample_result(f"x{i}", url=None, published=day,
                                      text=TEXT + f" Extra {i}.", day=day))
    return path


def test_sample_offsets_point_at_their_words() -> None:
    r = sample_result()
    for a in r.actors:
        assert r.article.text[a.start:a.end] == a.text
    for e in r.events:
        assert r.article.text[e.trigger.start:e.trigger.end] == e.trigger.text
    q = r.quotes[0]
    assert r.article.text[q.start:q.end] == q.text
    h = hostile_result()
    assert h.article.text[h.events[0].trigger.start:h.events[0].trigger.end] == "accused"
