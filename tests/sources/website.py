"""A small issuer's web site on 127.0.0.1, built by the tests: routes of bytes with the behaviour
the pollers must cope with (ETags and 304, failures before success, a server that does not
answer), and a log of every request it got."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HTML = "text/html; charset=utf-8"
HANG_SECONDS = 20  # a hanging route answers after this (or when the site stops): the poller gives up first


@dataclass
class Route:
    body: bytes
    content_type: str = HTML
    etag: str | None = None
    last_modified: str | None = None
    failures: list[int] = field(default_factory=list)  # statuses answered first, one per request
    hang: bool = False
    status: int = 200
    declare_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    delay: float = 0.0  # seconds before answering (a slow server: pollers overlap in time)


@dataclass(frozen=True)
class Hit:
    path: str
    if_none_match: str | None
    if_modified_since: str | None
    user_agent: str | None
    status: int


class Site:
    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                site._serve(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.host = host
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> Site:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def put(self, path: str, body: bytes | str, **options) -> Route:
        route = Route(body.encode("utf-8") if isinstance(body, str) else body, **options)
        with self._lock:
            self.routes[path] = route
        return route

    def requests(self, path: str | None = None) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if path is None or h.path == path]

    def paths(self, *, robots: bool = False) -> list[str]:
        """Paths asked for, in order (robots.txt left out unless ``robots``)."""
        return [h.path for h in self.requests() if robots or h.path != "/robots.txt"]

    def clear(self) -> None:
        with self._lock:
            self.hits.clear()

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?")[0]
        with self._lock:
            route = self.routes.get(path)
            status = route.failures.pop(0) if route is not None and route.failures else None
        if route is None:
            status = 404
        elif status is None:
            status = route.status
            if route.etag and handler.headers.get("If-None-Match") == route.etag:
                status = 304
            elif route.last_modified and handler.headers.get("If-Modified-Since") == route.last_modified:
                status = 304
        with self._lock:
            self.hits.append(Hit(path, handler.headers.get("If-None-Match"), handler.headers.get("If-Modified-Since"),
                                 handler.headers.get("User-Agent"), status))
        if route is not None and (route.hang or route.delay):
            self._stopping.wait(HANG_SECONDS if route.hang else route.delay)
        body = route.body if status == 200 else b"" if status == 304 else f"error {status}".encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", route.content_type if status == 200 else "text/plain")
            if route is not None and route.etag:
                handler.send_header("ETag", route.etag)
            if route is not None and route.last_modified:
                handler.send_header("Last-Modified", route.last_modified)
            if route is not None and not route.declare_length and status == 200:
                handler.send_header("Connection", "close")
                handler.close_connection = True
            elif status != 304:
                handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if status != 304:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the poller gave up waiting (a timeout test): nothing to tell it
