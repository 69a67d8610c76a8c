"""Fetch web pages politely and with bounds: timeouts, a size cap, retries, a per-host pace.

Every fetch ends, one way or the other, within ``FetchPolicy.total`` seconds
(plus the per-host wait before it starts): each network wait is capped by what
is left of that budget, and so is each pause between attempts. A failure is an
``InputRejected`` with its code (E104, E114-E120); nothing else escapes.

>>> fetcher = Fetcher(FetchPolicy(delay=0))
>>> page = fetcher.fetch("https://example.org/story")  # doctest: +SKIP
>>> page.status, page.content_type
(200, 'text/html')
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from dyad import __version__
from dyad.errors import ConfigError, InputRejected, Messages

_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_ENV = {
    "DYAD_FETCH_TIMEOUT": "total",
    "DYAD_FETCH_DELAY": "delay",
    "DYAD_FETCH_RETRIES": "retries",
    "DYAD_FETCH_WORKERS": "workers",
}


@dataclass(frozen=True)
class FetchPolicy:
    """How to fetch: seconds for ``connect``, ``read`` (between bytes) and ``total``
    (per URL, all attempts); ``retries`` after the first attempt for timeouts,
    dropped connections and 5xx/429 answers, pausing ``backoff`` seconds doubled
    each time; ``max_redirects``; ``delay`` seconds between two requests to one
    host; ``workers`` fetches at once; ``max_bytes`` per page."""

    connect: float = 10.0
    read: float = 20.0
    total: float = 60.0
    retries: int = 2
    backoff: float = 1.0
    max_redirects: int = 5
    delay: float = 1.0
    workers: int = 4
    max_bytes: int = 5_000_000
    user_agent: str = f"dyad/{__version__} (news event coder)"

    @classmethod
    def from_env(cls, max_bytes: int) -> FetchPolicy:
        """The defaults, with ``DYAD_FETCH_TIMEOUT``, ``_DELAY``, ``_RETRIES`` and
        ``_WORKERS`` applied; raises ``ConfigError`` (E211) for a bad value."""
        changes: dict[str, Any] = {"max_bytes": max_bytes}
        for name, field in _ENV.items():
            raw = os.environ.get(name, "").strip()
            if not raw:
                continue
            try:
                value = float(raw) if field in ("total", "delay") else int(raw)
            except ValueError:
                value = -1
            if value < 0 or (field in ("total", "workers") and value == 0):
                raise ConfigError(Messages.E211, name=name, value=raw,
                                  expected="a positive number")
            changes[field] = value
        return replace(cls(), **changes)


@dataclass
class Fetched:
    """A page fetched: the URL asked for, where it ended up, and its body."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    data: bytes


class _Pacer:
    """Spaces requests to one host ``delay`` seconds apart, across threads."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.lock = threading.Lock()
        self.next: dict[str, float] = {}

    def wait(self, host: str, stop: threading.Event | None) -> None:
        if self.delay <= 0:
            return
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next.get(host, now))
            self.next[host] = start + self.delay
        if start > now:
            if stop is not None:
                stop.wait(start - now)
            else:
                time.sleep(start - now)


def _tries(attempts: int) -> str:
    return f" after {attempts} attempts" if attempts > 1 else ""


def check_url(url: str) -> str:
    """``url`` stripped, or ``InputRejected`` (E120) when it is not http(s) with a host."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise InputRejected(Messages.E120, detail=str(exc)) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InputRejected(Messages.E120, detail=f"scheme '{parts.scheme or 'none'}'")
    if not parts.hostname:
        raise InputRejected(Messages.E120, detail="no host name")
    return url


class Fetcher:
    """One HTTP client shared by every fetch of a run (connections are reused).

    ``stop``, when set, cuts pauses short (Ctrl-C in ``dyad watch``).
    """

    def __init__(self, policy: FetchPolicy | None = None,
                 stop: threading.Event | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self.stop = stop
        self.pacer = _Pacer(self.policy.delay)
        self._client: Any = None
        self._lock = threading.Lock()

    def _http(self) -> Any:
        with self._lock:
            if self._client is None:
                import httpx  # only runs that fetch pay for the import

                self._client = httpx.Client(
                    follow_redirects=True,
                    max_redirects=self.policy.max_redirects,
                    headers={"User-Agent": self.policy.user_agent,
                             "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                                       "application/atom+xml,text/plain;q=0.9,*/*;q=0.5"},
                    # System proxies would send "localhost" tests elsewhere.
                    trust_env=False,
                )
            return self._client

    def close(self) -> None:
        """Close the connections; the fetcher can be used again after."""
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str) -> Fetched:
        """GET ``url`` and return the page, or raise ``InputRejected`` saying why not."""
        import httpx

        url = check_url(url)
        host = (urlsplit(url).hostname or "").lower()
        self.pacer.wait(host, self.stop)
        policy = self.policy
        deadline = time.monotonic() + policy.total
        attempt = 0
        while True:
            attempt += 1
            left = deadline - time.monotonic()
            try:
                if left <= 0:
                    raise httpx.TimeoutException("time budget used up")
                return self._once(url, deadline, left)
            except httpx.TooManyRedirects as exc:
                last = str(exc.request.url) if exc.request else url
                raise InputRejected(Messages.E117, limit=policy.max_redirects, last=last) from None
            except _Retry as exc:
                failure: InputRejected = InputRejected(Messages.E114, status=exc.status,
                                                       reason=exc.reason, tries=_tries(attempt))
                wait = exc.after
            except httpx.TimeoutException as exc:
                failure = InputRejected(Messages.E115, detail=_timeout_kind(exc, policy),
                                        tries=_tries(attempt))
                wait = None
            except httpx.ConnectError as exc:
                failure = InputRejected(Messages.E116, detail=_short(exc), tries=_tries(attempt))
                wait = None
            except (httpx.RemoteProtocolError, httpx.DecodingError, httpx.ReadError) as exc:
                failure = InputRejected(Messages.E118, detail=_short(exc), tries=_tries(attempt))
                wait = None
            except httpx.InvalidURL as exc:
                raise InputRejected(Messages.E120, detail=_short(exc)) from None
            except httpx.HTTPError as exc:
                failure = InputRejected(Messages.E118, detail=_short(exc), tries=_tries(attempt))
                wait = None
            pause = policy.backoff * 2 ** (attempt - 1) if wait is None else wait
            left = deadline - time.monotonic()
            if attempt > policy.retries or left <= pause or self._stopped():
                raise failure
            if self.stop is not None:
                self.stop.wait(pause)
            else:
                time.sleep(pause)

    def _stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def _once(self, url: str, deadline: float, left: float) -> Fetched:
        import httpx

        policy = self.policy
        timeout = httpx.Timeout(connect=min(policy.connect, left), read=min(policy.read, left),
                                write=min(policy.read, left), pool=min(policy.connect, left))
        with self._http().stream("GET", url, timeout=timeout) as response:
            status = response.status_code
            if status >= 400:
                reason = response.reason_phrase or "error"
                if status in _RETRY_STATUS:
                    raise _Retry(status, reason, _retry_after(response.headers.get("retry-after")))
                raise InputRejected(Messages.E114, status=status, reason=reason, tries="")
            size = response.headers.get("content-length", "")
            if size.isdigit() and int(size) > policy.max_bytes:
                raise InputRejected(Messages.E104, size=int(size), limit=policy.max_bytes)
            chunks: list[bytes] = []
            got = 0
            for chunk in response.iter_bytes():
                got += len(chunk)
                if got > policy.max_bytes:
                    raise InputRejected(Messages.E104, size=f"more than {policy.max_bytes}",
                                        limit=policy.max_bytes)
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    # A server trickling bytes never trips the read timeout.
                    raise httpx.ReadTimeout("the page arrived too slowly", request=response.request)
            kind = response.headers.get("content-type", "")
            media = kind.split(";", 1)[0].strip().lower()
            return Fetched(url, str(response.url), status, media, response.charset_encoding,
                           b"".join(chunks))


class _Retry(Exception):
    """An answer worth asking again for (5xx, 429), after ``after`` seconds if the server says."""

    def __init__(self, status: int, reason: str, after: float | None) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.reason = reason
        self.after = after


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


def _timeout_kind(exc: Exception, policy: FetchPolicy) -> str:
    name = type(exc).__name__
    if name == "ConnectTimeout":
        return f"no connection within {policy.connect:g} s"
    if name == "ReadTimeout" and str(exc) != "the page arrived too slowly":
        return f"no data for {policy.read:g} s"
    return f"not done within {policy.total:g} s"


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def fetch_many(
    fetcher: Fetcher, urls: Iterable[str]
) -> Iterator[tuple[str, Fetched | InputRejected]]:
    """Fetch ``urls`` with ``policy.workers`` threads; yield (url, page or error) in input order.

    Only a small window of fetches runs ahead of the consumer, so a list of a
    million URLs holds a few pages in memory at a time.
    """
    workers = max(1, fetcher.policy.workers)

    def one(url: str) -> Fetched | InputRejected:
        try:
            return fetcher.fetch(url)
        except InputRejected as exc:
            return exc

    pending: deque[tuple[str, Future[Fetched | InputRejected]]] = deque()
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dyad-fetch")
    try:
        for url in urls:
            pending.append((url, pool.submit(one, url)))
            if len(pending) >= workers * 2:
                done_url, future = pending.popleft()
                yield done_url, future.result()
        while pending:
            done_url, future = pending.popleft()
            yield done_url, future.result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
