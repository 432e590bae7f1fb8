"""The one way the tests call a WSGI application in-process, as a server does, and a
minimal plain WSGI application. No framework is imported here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from wsgiref.util import setup_testing_defaults


@dataclass
class Response:
    status: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    @property
    def code(self) -> int:
        return int(self.status.split(" ", 1)[0])

    def get_all(self, name: str) -> list[str]:
        name = name.lower()
        return [v for k, v in self.headers if k.lower() == name]

    def get(self, name: str) -> str | None:
        values = self.get_all(name)
        return ", ".join(values) if values else None

    def normalized(self) -> list[tuple[str, str]]:
        """The headers with lower-cased names, sorted: for comparing two responses."""
        return sorted((k.lower(), v) for k, v in self.headers)

    def cors(self) -> dict[str, str]:
        """The ``Access-Control-*`` headers, by lower-cased name."""
        return {k.lower(): v for k, v in self.headers if k.lower().startswith("access-control-")}


def environ_for(
    method: str = "GET",
    path_info: str = "/",
    headers: Iterable[tuple[str, str]] = (),
    query: str = "",
) -> dict[str, Any]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
    }
    setup_testing_defaults(environ)
    for name, value in headers:
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def call(
    app: Callable[..., Iterable[bytes]],
    method: str = "GET",
    path_info: str = "/",
    headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
    query: str = "",
) -> Response:
    """One request through *app*: the body is read to the end and closed, as a server
    does. A second ``start_response`` call is only accepted with ``exc_info``.
    *headers* is a dict or ``(name, value)`` pairs."""
    if isinstance(headers, Mapping):
        headers = headers.items()
    response = Response()
    written: list[bytes] = []

    def start_response(status: str, response_headers: list[tuple[str, str]], exc_info=None):
        if response.status and exc_info is None:
            raise AssertionError("start_response called twice without exc_info")
        response.status = status
        response.headers = list(response_headers)
        return written.append

    result = app(environ_for(method, path_info, headers, query), start_response)
    try:
        chunks = list(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    response.body = b"".join(written + chunks)
    return response


def fetch(
    app: Callable[..., Iterable[bytes]],
    origin: str | None = None,
    method: str = "GET",
    path: str = "/",
    **headers: str,
) -> Response:
    """An actual request from *origin* (None: no ``Origin``); *headers* are given as
    ``Cookie="a=b"``, ``X_Y="v"`` (``_`` becomes ``-``)."""
    sent = [] if origin is None else [("Origin", origin)]
    sent += [(name.replace("_", "-"), value) for name, value in headers.items()]
    return call(app, method, path, sent)


def preflight(
    app: Callable[..., Iterable[bytes]],
    origin: str,
    method: str,
    request_headers: str | None = None,
    private_network: bool = False,
    path: str = "/",
) -> Response:
    """A CORS-preflight request from *origin* for *method* (and *request_headers*, if
    given; *private_network*: with ``Access-Control-Request-Private-Network: true``)."""
    sent = [("Origin", origin), ("Access-Control-Request-Method", method)]
    if request_headers is not None:
        sent.append(("Access-Control-Request-Headers", request_headers))
    if private_network:
        sent.append(("Access-Control-Request-Private-Network", "true"))
    return call(app, "OPTIONS", path, sent)


def vary(response: Response) -> set[str]:
    """The names listed in the response's ``Vary`` headers, as written (empty set: no
    ``Vary``)."""
    values = response.get_all("Vary")
    return {token.strip() for value in values for token in value.split(",") if token.strip()}


def plain_app(environ, start_response):
    """A plain WSGI app that answers OPTIONS like Falcon's default responder."""
    if environ["REQUEST_METHOD"] == "OPTIONS":
        headers = [("Allow", "GET, PUT, OPTIONS"), ("Content-Type", "text/plain")]
        start_response("200 OK", [*headers, ("Content-Length", "0")])
        return [b""]
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


__all__ = ["Response", "call", "environ_for", "fetch", "plain_app", "preflight", "vary"]
