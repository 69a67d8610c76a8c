"""The analyst's web UI: server-rendered pages over a store, each with a JSON twin.

Every page ``/X`` has ``/X.json`` taking the same query parameters; lists answer
``{"rows": [...], "total": N, "next": cursor-or-null}``. The app only reads: the
database is opened read-only per request, only GET and HEAD are routed, and
every value reaches SQL as a bound parameter and HTML through autoescaping.

>>> app = create_app("dyad.db")     # doctest: +SKIP
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from dyad import __version__
from dyad.errors import DyadError, UsageError
from dyad.store import queries
from dyad.store.filters import EVENT_TYPES, QUADS, EventFilter, bad
from dyad.store.schema import connect
from dyad.web import ledger_view
from dyad.web.highlight import Mark, highlight

HERE = Path(__file__).resolve().parent
Data = dict[str, Any]
# Scripts only from this server (no inline script can run, whatever an article holds).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


class NotFound(Exception):
    """No such article or actor."""


def _events(req: Request, conn: sqlite3.Connection) -> Data:
    # as reported (one row per mention) unless asked; a cluster lists its mentions
    flt = EventFilter.from_params(req.query_params)
    size = queries.page_size(req.query_params.get("size"))
    view = queries.view_of(req.query_params.get("view"), "reported")
    cluster = queries.cluster_of(req.query_params.get("cluster"))
    if cluster is not None:
        view = "reported"
    data = queries.events(conn, flt, req.query_params.get("next"), size, view=view,
                          cluster=cluster)
    filters = {**flt.params(), **({"cluster": cluster} if cluster else {})}
    return {**data, "filters": filters, "view": view}


def _timeline(req: Request, conn: sqlite3.Connection) -> Data:
    # as happened (one per real-world event) unless asked: counts GDELT-style duplicates once
    flt = EventFilter.from_params(req.query_params)
    data = queries.timeline(conn, flt, req.query_params.get("bucket") or "day",
                            req.query_params.get("by") or "event",
                            queries.view_of(req.query_params.get("view"), "happened"))
    return {**data, "filters": flt.params()}


def _network(req: Request, conn: sqlite3.Connection) -> Data:
    flt = EventFilter.from_params(req.query_params)
    raw = req.query_params.get("limit") or "150"
    if not raw.isdigit() or not 1 <= int(raw) <= 1000:
        raise bad("limit", raw, "a whole number from 1 to 1000")
    return {**queries.network(conn, flt, int(raw)), "filters": flt.params()}


def _article(req: Request, conn: sqlite3.Connection) -> Data:
    data = queries.article(conn, int(req.path_params["id"]))
    if data is None:
        raise NotFound
    return data


def _actor(req: Request, conn: sqlite3.Connection) -> Data:
    actor_id = int(req.path_params["id"])
    data = queries.actor(conn, actor_id)
    if data is None:
        raise NotFound
    flt = EventFilter.from_params({**req.query_params, "actor": str(actor_id)})
    size = queries.page_size(req.query_params.get("size"))
    data["events"] = queries.events(conn, flt, req.query_params.get("next"), size)
    return data


def _overview(req: Request, conn: sqlite3.Connection) -> Data:
    return queries.overview(conn)


def _ledger(req: Request, conn: sqlite3.Connection) -> Data:
    return ledger_view.ledger(conn)


def safe_url(url: str | None) -> str | None:
    """A stored article URL fit for a link: http(s) only, else None (shown as text)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def article_html(data: Data) -> str:
    """The article's text with actors, triggers, times, places and quotations marked."""
    marks: list[Mark] = []
    for a in data["actors"]:
        who = a["name"] or a["text"]
        code = a["code"] or a["org"] or a["country"]
        label = f"{who} ({code})" if code else who
        marks.append(Mark(a["start"], a["end"], "actor",
                          label + (f", {a['role']}" if a["role"] else "")))
    for t in data["times"]:
        marks.append(Mark(t["start"], t["end"], "time", f"{t['type']} {t['value']}"))
    for p in data["places"]:
        marks.append(Mark(p["start"], p["end"], "place",
                          f"{p['name'] or p['text']} ({p['country'] or '?'})"))
    for q in data["quotes"]:
        marks.append(Mark(q["start"], q["end"], "quote",
                          f"{q['kind'] or ''} quotation" + (f", cue '{q['cue']}'"
                                                             if q["cue"] else "")))
    for e in data["events"]:
        if e["trigger_start"] is None:
            continue
        label = f"{e['event']} {e['cameo'] or ''} {e['source'] or '?'} -> {e['target'] or '?'}"
        if e["negated"]:
            label += " (negated)"
        marks.append(Mark(e["trigger_start"], e["trigger_end"], "trigger", label,
                          anchor=f"ev-{e['id']}"))
    return str(highlight(data["text"], marks))


def create_app(db_path: str | Path) -> Starlette:
    """The ASGI app serving the store at ``db_path`` read-only."""
    db = Path(db_path)
    connect(db, readonly=True).close()  # migrate an older database once, check it opens
    # autoescape everything: article text, titles and actor names are untrusted
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                             autoescape=True)
    templates = Jinja2Templates(env=env)
    env.globals.update(EVENT_TYPES=EVENT_TYPES, QUADS=QUADS, version=__version__,
                       db_name=db.name)
    env.filters["qs"] = lambda params: urlencode({k: v for k, v in params.items() if v})

    def run(req: Request, fn: Callable[[Request, sqlite3.Connection], Data]) -> Data:
        conn = connect(db, readonly=True)
        try:
            return fn(req, conn)
        finally:
            conn.close()

    def pair(path: str, template: str, fn: Callable[[Request, sqlite3.Connection], Data],
             ) -> list[Route]:
        def html(req: Request) -> Response:
            try:
                data = run(req, fn)
            except UsageError as exc:
                return _error(templates, req, 400, exc.message)
            except NotFound:
                return _error(templates, req, 404, "Nothing here: no such record in this store.")
            extra = ({"article_html": article_html(data), "link": safe_url(data.get("url"))}
                     if template == "article.html" else {})
            return _secure(templates.TemplateResponse(
                req, template, {"data": data, "query": dict(req.query_params), **extra}))

        def js(req: Request) -> Response:
            try:
                data = run(req, fn)
            except UsageError as exc:
                return _secure(JSONResponse({"error": exc.message}, status_code=400))
            except NotFound:
                return _secure(JSONResponse({"error": "not found"}, status_code=404))
            return _secure(JSONResponse(data))

        json_path = "/index.json" if path == "/" else path + ".json"
        return [Route(path, html, methods=["GET"]), Route(json_path, js, methods=["GET"])]

    routes = [
        *pair("/", "overview.html", _overview),
        *pair("/events", "events.html", _events),
        *pair("/timeline", "timeline.html", _timeline),
        *pair("/network", "network.html", _network),
        *pair("/articles/{id:int}", "article.html", _article),
        *pair("/actors/{id:int}", "actor.html", _actor),
        *pair("/ledger", "ledger.html", _ledger),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={
        404: lambda req, exc: _error(templates, req, 404, "No such page."),
        405: lambda req, exc: _error(templates, req, 405, "This server only reads: use GET."),
        DyadError: lambda req, exc: _error(templates, req, 500, str(exc)),
    })
    return app


def _secure(resp: Response) -> Response:
    resp.headers["Content-Security-Policy"] = CSP
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "no-referrer"
    return resp


def _error(templates: Jinja2Templates, req: Request, status: int, message: str) -> Response:
    if req.url.path.endswith(".json"):
        return _secure(JSONResponse({"error": message}, status_code=status))
    resp = templates.TemplateResponse(req, "error.html", {"status": status, "message": message},
                                      status_code=status)
    return _secure(resp)

