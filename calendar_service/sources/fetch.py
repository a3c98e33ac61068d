"""HTTP for the pollers: one polite GET with a clear User-Agent, conditional headers, a time limit
on the whole response, a size limit, and retries with backoff for what may pass (timeouts,
refused connections, 429, 5xx). Robots and the per-host delay are ``politeness.py``'s; every
request goes through ``Fetcher.get``, which asks it first.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib import metadata
from typing import Any

import requests

from ..errors import FetchError
from .politeness import Politeness
from .timing import count, phase

TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504}
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
MAX_RETRY_AFTER = 60  # a server asking for a longer wait is tried at the next poll instead


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 (not modified: ``body`` is empty)
    body: bytes
    content_type: str  # lower case, without parameters
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def user_agent(config: dict[str, Any]) -> str:
    if config.get("SOURCES_USER_AGENT"):
        return str(config["SOURCES_USER_AGENT"])
    try:
        version = metadata.version("calendar-service")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        version = "dev"
    contact = f" (+{config['PUBLIC_URL']})" if config.get("PUBLIC_URL") else ""
    return f"calendar-service/{version}{contact}"


class Fetcher:
    """GETs for one process: one connection pool, one politeness keeper, the configured limits."""

    def __init__(self, config: dict[str, Any], *, sleep: Callable[[float], None] = time.sleep):
        self.agent = user_agent(config)
        self.timeout = float(config["SOURCES_TIMEOUT"])
        self.max_bytes = int(config["SOURCES_MAX_BYTES"])
        self.retries = int(config["SOURCES_RETRIES"])
        self.retry_seconds = float(config["SOURCES_RETRY_SECONDS"])
        self.sleep = sleep
        self.politeness = Politeness(self, float(config["SOURCES_HOST_DELAY"]), sleep=sleep)
        self._local = threading.local()  # a requests.Session per thread: sessions are not thread-safe
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()

    @property
    def session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.max_redirects = MAX_REDIRECTS
            session.headers.update({"User-Agent": self.agent, "Accept-Encoding": "gzip, deflate"})
            with self._lock:
                self._sessions.append(session)
        return session

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            robots: bool = True) -> Response:
        """GET ``url``, trying again after transient failures; FetchError says why it failed."""
        if robots:
            self.politeness.check_allowed(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.retries + 1):
            self.politeness.wait_turn(url)
            try:
                with phase("fetch"):
                    return self._once(url, headers)
            except FetchError as exc:
                if not exc.transient or attempt == self.retries:
                    raise
                wait = getattr(exc, "retry_after", None) or self.retry_seconds * 2 ** attempt
                self.sleep(wait)
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        count("requests")
        started = time.monotonic()
        try:
            with self.session.get(url, headers=headers, stream=True, timeout=self.timeout) as reply:
                if reply.status_code == 304:
                    return _response(reply, b"")
                if reply.status_code != 200:
                    raise _status_error(reply)
                declared = reply.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(f"{url}: too large ({_mb(int(declared))} MB; the limit is "
                                     f"{_mb(self.max_bytes)} MB)")
                body = bytearray()
                for chunk in reply.iter_content(CHUNK):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url}: too large (more than {_mb(self.max_bytes)} MB, the limit)")
                    if time.monotonic() - started > self.timeout:
                        raise FetchError(f"{url}: no complete answer within {self.timeout:g} s", transient=True)
                return _response(reply, bytes(body))
        except requests.Timeout:
            raise FetchError(f"{url}: no answer within {self.timeout:g} s", transient=True) from None
        except requests.TooManyRedirects:
            raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
        except requests.ConnectionError as exc:
            raise FetchError(f"{url}: cannot connect ({_reason(exc)})", transient=True) from None
        except requests.RequestException as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {_reason(exc)}") from None

    def close(self) -> None:
        with self._lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()


def _response(reply: requests.Response, body: bytes) -> Response:
    kind, _, params = reply.headers.get("Content-Type", "").partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip("\"' ").lower()
    return Response(reply.url, reply.status_code, body, kind.strip().lower(), charset,
                    reply.headers.get("ETag"), reply.headers.get("Last-Modified"))


def _status_error(reply: requests.Response) -> FetchError:
    status = reply.status_code
    error = FetchError(f"{reply.url}: HTTP {status} {reply.reason or ''}".rstrip(),
                       transient=status in TRANSIENT_STATUSES)
    error.status = status
    wait = _retry_after(reply.headers.get("Retry-After"))
    if wait is not None and wait > MAX_RETRY_AFTER:
        error.transient = False  # not within this poll: the next poll asks again
    error.retry_after = wait
    return error


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text.rsplit(": ", 1)[-1].rstrip(")'\"") if "Errno" in text or "Max retries" in text else text


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")
