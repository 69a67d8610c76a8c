"""The flow for one article and for a stream of them:
parse -> actors -> time -> events -> quotes -> ledger.

>>> result = code("Armenia accused Azerbaijan of shelling border villages.", published="2023-03-18")
>>> [(e.event, e.source[0].country, e.target[0].country) for e in result.events]
[('ACCUSE', 'ARM', 'AZE')]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date

from dyad.actors.kb import load_kb
from dyad.actors.resolve import ArticleActors
from dyad.config import Settings
from dyad.errors import Messages, UsageError
from dyad.events.context import Context
from dyad.events.extract import extract_events
from dyad.events.lexicon import load_lexicon
from dyad.events.localize import localize_to_dateline
from dyad.nlp import load_nlp
from dyad.nlp.parse import Parsed, parse_many
from dyad.nlp.prefilter import prefilter_for
from dyad.nlp.tense import tense_finder
from dyad.quotes import extract_quotes, link_quotes
from dyad.records import Article, ArticleResult, Event, InputError, TimeValue
from dyad.time import tag_times


def parse_published(value: str | None) -> date | None:
    """A YYYY-MM-DD string (or full ISO timestamp) as a date; None stays None."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise UsageError(Messages.E202, value=value) from exc


def published_time(day: date | None) -> TimeValue | None:
    """The publication date as a TimeValue, the fallback date of undated events."""
    if day is None:
        return None
    from datetime import timedelta

    iso = day.isoformat()
    return TimeValue(text="", start=0, end=0, type="DATE", value=iso, begin=iso,
                     end_date=(day + timedelta(days=1)).isoformat(), anchor="published")


def article_for(text: str, published: str | None = None, article_id: str | None = None) -> Article:
    aid = article_id or "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return Article(id=aid, text=text, published=published, language="en")


def code_parsed(article: Article, parsed: Parsed,
                settings: Settings | None = None) -> ArticleResult:
    """Code an article whose text is already parsed."""
    settings = settings or Settings()
    day = parse_published(article.published)
    kb = load_kb(settings.kb_files)
    actors = ArticleActors(parsed, kb, day)
    times = tag_times(article.text, day, tense_finder(parsed))
    ctx = Context(p=parsed, actors=actors, times=times, lex=load_lexicon(),
                  article_id=article.id, published=day, published_value=published_time(day))
    named = actors.all_actors()
    events = without_headline_repeats(extract_events(ctx), article)
    events = localize_to_dateline(events, actors.dateline_country(), named)
    result = ArticleResult(article=article, actors=named, places=actors.places(),
                           times=times, events=events)
    with _stage(result, "quotations"):
        result.quotes = extract_quotes(parsed, actors, article.id, ctx.lex)
        link_quotes(events, result.quotes, parsed)
    from dyad.ledger import ledger_for_article  # here, not at the top: the ledger imports records

    with _stage(result, "commitments ledger"):
        ledger_for_article(result)
    return result


def without_headline_repeats(events: list[Event], article: Article) -> list[Event]:
    """Events of a headline that the story repeats, coded once (from the story, which
    has the date and the detail). A headline event the story does not repeat stays."""
    title = (article.title or "").strip()
    text = article.text.lstrip()
    if not title or not text.startswith(title):
        return events
    end = len(article.text) - len(text) + len(title)

    def sides(e: Event) -> tuple[frozenset[str | None], frozenset[str | None]]:
        # by country where there is one: "Hezbollah targets" in the headline are the
        # story's "depots in southern Lebanon"
        return (frozenset(a.country or a.key() for a in e.source),
                frozenset(a.country or a.key() for a in e.target))

    told = [(e.event, *sides(e)) for e in events if e.trigger.start >= end]

    def repeated(e: Event) -> bool:
        src, tgt = sides(e)  # the story may name more than the headline does
        return any(ev == e.event and src == s and tgt <= t for ev, s, t in told)

    return [e for e in events if e.trigger.start >= end or not repeated(e)]


@contextmanager
def _stage(result: ArticleResult, name: str) -> Iterator[None]:
    """Run a later stage so that a bug in it costs only its own output: the article's
    events still come out, and the failure is listed in ``result.errors``."""
    try:
        yield
    except Exception as exc:
        detail = f"{name} stage: {exc!r}"
        result.errors.append(InputError(result.article.id, Messages.E111.format(detail=detail),
                                        "E111"))


def code_article(article: Article, settings: Settings | None = None) -> ArticleResult:
    settings = settings or Settings()
    nlp = load_nlp(settings.model)
    parsed = next(parse_many(nlp, [article.text], prefilter=prefilter_for(nlp, settings.kb_files)))
    return code_parsed(article, parsed, settings)


def code(text: str, published: str | None = None, article_id: str | None = None,
         settings: Settings | None = None) -> ArticleResult:
    """Code one article's text.

    ``published`` (YYYY-MM-DD) grounds relative dates; without it events get no
    fallback date. Returns an ``ArticleResult`` with actors, places, times and events.
    """
    parse_published(published)
    return code_article(article_for(text, published, article_id), settings)


def code_many(articles: Iterable[Article | str], settings: Settings | None = None,
              batch_size: int = 16) -> Iterator[ArticleResult]:
    """Code a stream of articles (or texts), parsing in batches; yields one result each."""
    settings = settings or Settings()
    nlp = load_nlp(settings.model)
    pf = prefilter_for(nlp, settings.kb_files)
    buf: list[Article] = []

    def flush() -> Iterator[ArticleResult]:
        for art, parsed in zip(buf, parse_many(nlp, [a.text for a in buf], batch_size, pf),
                               strict=True):
            yield code_parsed(art, parsed, settings)

    for item in articles:
        buf.append(article_for(item) if isinstance(item, str) else item)
        if len(buf) >= batch_size:
            yield from flush()
            buf = []
    if buf:
        yield from flush()


def code_stream(articles: Iterable[Article], settings: Settings | None = None,
                batch_size: int = 16) -> Iterator[ArticleResult | InputError]:
    """Like ``code_many``, but an article that fails is yielded as an ``InputError``
    (code E111) and the stream goes on: nothing is lost in a long run."""
    settings = settings or Settings()
    nlp = load_nlp(settings.model)
    pf = prefilter_for(nlp, settings.kb_files)
    buf: list[Article] = []

    def one(art: Article, parsed: Parsed) -> ArticleResult | InputError:
        try:
            return code_parsed(art, parsed, settings)
        except Exception as exc:  # report and go on; the message asks for a bug report
            return InputError(art.id, Messages.E111.format(detail=repr(exc)), "E111")

    def flush() -> Iterator[ArticleResult | InputError]:
        try:
            parsed = list(parse_many(nlp, [a.text for a in buf], batch_size, pf))
        except Exception:
            for art in buf:  # find the article that breaks the batch
                try:
                    yield one(art, next(parse_many(nlp, [art.text], prefilter=pf)))
                except Exception as exc:
                    yield InputError(art.id, Messages.E111.format(detail=repr(exc)), "E111")
            return
        for art, pd in zip(buf, parsed, strict=True):
            yield one(art, pd)

    for art in articles:
        buf.append(art)
        if len(buf) >= batch_size:
            yield from flush()
            buf = []
    if buf:
        yield from flush()
