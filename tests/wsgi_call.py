"""Call a WSGI application in-process the way a server does, and record the answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from wsgiref.util import setup_testing_defaults


@dataclass
class Response:
    status: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    @property
    def code(self) -> int:
        return int(self.status.split(" ", 1)[0])

    def get(self, name: str) -> str | None:
        values = self.get_all(name)
        return ", ".join(values) if values else None

    def get_all(self, name: str) -> list[str]:
        name = name.lower()
        return [v for k, v in self.headers if k.lower() == name]

    def cors_headers(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.headers if k.lower().startswith("access-control-")}


def environ_for(
    method: str = "GET", path: str = "/", headers: dict[str, str] | None = None
) -> dict[str, object]:
    environ: dict[str, object] = {"REQUEST_METHOD": method, "PATH_INFO": path}
    setup_testing_defaults(environ)
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def call(app, method: str = "GET", path: str = "/", headers: dict[str, str] | None = None):
    """One request through *app*; iterates and closes the body like a server."""
    response = Response()

    def start_response(status, response_headers, exc_info=None):
        response.status = status
        response.headers = list(response_headers)
        return lambda data: None

    result = app(environ_for(method, path, headers), start_response)
    try:
        response.body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return response


def plain_app(environ, start_response):
    """A plain WSGI app that answers OPTIONS like Falcon's default responder."""
    if environ["REQUEST_METHOD"] == "OPTIONS":
        start_response(
            "200 OK",
            [
                ("Allow", "GET, PUT, OPTIONS"),
                ("Content-Type", "text/plain"),
                ("Content-Length", "0"),
            ],
        )
        return [b""]
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
