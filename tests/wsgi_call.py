"""A dict-of-headers front end to apps.call, and a minimal plain WSGI application."""

from __future__ import annotations

from apps import Response
from apps import call as _call


def call(app, method: str = "GET", path: str = "/", headers: dict[str, str] | None = None):
    """One request through *app*; the body is read and closed as a server does."""
    return _call(app, method, path, (headers or {}).items())


def plain_app(environ, start_response):
    """A plain WSGI app that answers OPTIONS like Falcon's default responder."""
    if environ["REQUEST_METHOD"] == "OPTIONS":
        headers = [("Allow", "GET, PUT, OPTIONS"), ("Content-Type", "text/plain")]
        start_response("200 OK", [*headers, ("Content-Length", "0")])
        return [b""]
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


__all__ = ["Response", "call", "plain_app"]
