"""A local web server for the web-input tests: pages, feeds and every way a site fails.

Only 127.0.0.1 is used; nothing leaves the machine. Routes are plain data
(``Site.pages``) or one of the named failure behaviours, so a test sets up the
web it needs in a few lines.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import run_cli  # noqa: F401  (used by the tests that import it from here)

WEB = Path(__file__).parent / "data" / "web"


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    """The pages served, by path, and a count of the requests each path received."""

    def __init__(self) -> None:
        self.pages: dict[str, Page | str] = {}
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
            status: int = 200, **headers: str) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[path] = Page(data, content_type, status, headers)
        return self.url(path)

    def behave(self, path: str, behaviour: str) -> str:
        """``behaviour``: slow, trickle, truncated, flaky, loop, down (closes at once)."""
        self.pages[path] = behaviour
        return self.url(path)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet tests
            return

        def _send(self, page: Page) -> None:
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
            for key, value in page.headers.items():
                self.send_header(key.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(page.body)

        def do_GET(self) -> None:
            # The client may give up (a timeout under test): nothing to clean up then.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._get()

        def _get(self) -> None:
            path = self.path.split("?", 1)[0]
            with site.lock:
                site.hits[path] = count = site.hits.get(path, 0) + 1
            page = site.pages.get(path)
            if page is None:
                self._send(Page(b"not here", "text/plain", 404))
            elif isinstance(page, Page):
                self._send(page)
            elif page == "slow":
                time.sleep(3)
                self._send(Page(b"<p>too late</p>"))
            elif page == "trickle":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "400")
                self.end_headers()
                for _ in range(50):  # a little every 0.1 s never trips a read timeout
                    self.wfile.write(b"<p>.</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
                self.close_connection = True
            elif page == "truncated":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "5000")
                self.end_headers()
                self.wfile.write(b"<html><body><p>The minister said")
                self.close_connection = True
            elif page == "flaky":  # fails once, then works
                if count == 1:
                    self._send(Page(b"busy", "text/plain", 503))
                else:
                    self._send(Page(FLAKY_OK.encode("utf-8")))
            elif page == "loop":
                self.send_response(302)
                self.send_header("Location", path)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif page == "down":
                self.close_connection = True  # closes without a word

    return Handler


FLAKY_OK = (
    "<html><head><title>Port reopens</title></head><body><p>Turkey reopened the port to "
    "grain ships on Friday, the transport ministry said.</p></body></html>"
)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        return  # clients hanging up on slow pages are part of the tests


@pytest.fixture()
def site() -> Iterator[Site]:
    """A fresh local web server on 127.0.0.1 for one test."""
    yield from serve()


def serve() -> Iterator[Site]:
    """Start a server, yield its Site, and stop it afterwards."""
    state = Site()
    server = _QuietServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def news_page(title: str, body: str, published: str | None = None,
              lang: str = "en") -> str:
    """A news page with the usual chrome around ``body`` (paragraphs split on blank lines)."""
    date = (f'<meta property="article:published_time" content="{published}T08:00:00Z">'
            if published else "")
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"{date}</head><body><header><nav><a href='/'>Home</a> <a href='/world'>World</a> "
        "<a href='/sport'>Sport</a></nav></header><main><article><h1>" + title + "</h1>"
        f"<div class='body'>{paragraphs}</div></article>"
        "<section class='comments'><h2>Comments</h2><div class='comment'><p>First! Great "
        "reporting as always from this paper.</p></div></section></main>"
        "<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer></body></html>"
    )


def rss(items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed of (link, title, RFC 822 date) items."""
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{date}</pubDate></item>"
        for link, title, date in items
    )
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Local news</title><link>http://127.0.0.1/</link>{body}</channel></rss>")


def atom(items: list[tuple[str, str, str]]) -> str:
    """An Atom feed of (link, title, ISO datetime) entries."""
    body = "".join(
        f'<entry><title>{title}</title><link href="{link}"/><id>{link}</id>'
        f"<updated>{date}</updated></entry>"
        for link, title, date in items
    )
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Local atom</title><id>urn:local</id><updated>2024-06-01T00:00:00Z</updated>"
            f"{body}</feed>")




FAST_ENV = {"DYAD_FETCH_TIMEOUT": "1.5", "DYAD_FETCH_DELAY": "0", "DYAD_FETCH_RETRIES": "1",
            "DYAD_FETCH_WORKERS": "8"}
"""Fetch settings for command-line tests: failures end in about a second."""
