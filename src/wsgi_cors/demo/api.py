"""The demo's JSON API: a plain WSGI application, wrapped in the middleware elsewhere."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["MAX_BODY", "SESSION_COOKIE", "make_api_app"]

MAX_BODY = 64 * 1024
SESSION_COOKIE = "demo_session"

_JSON = "application/json"
_TEXT = "text/plain; charset=utf-8"
_ITEM_PATH = re.compile(r"/api/items/([A-Za-z0-9_-]{1,64})")


def _json(
    start_response: StartResponse, status: str, data: object, extra: Sequence[tuple[str, str]] = ()
) -> list[bytes]:
    body = json.dumps(data, indent=2).encode() + b"\n"
    start_response(
        status,
        [
            ("Content-Type", _JSON),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
            *extra,
        ],
    )
    return [body]


def _read_body(environ: WSGIEnvironment) -> bytes | None:
    """The request body, or None when it is larger than :data:`MAX_BODY`."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        return None
    return environ["wsgi.input"].read(length) if length > 0 else b""


def make_api_app(page_origin: str | None = None) -> WSGIApplication:
    """The demo's JSON API, *not* wrapped in CORS middleware.

    Routes: ``GET /`` and ``GET /api/hello`` (with the response headers ``X-Request-Id``,
    a counter, and ``X-Secret``; ``/`` also echoes the body of POST, PUT, PATCH and
    DELETE); ``GET /api/me`` (was a ``demo_session`` cookie sent?);
    ``GET /login`` (sets that cookie); ``PUT /api/items/<id>`` (echoes its JSON
    body) and ``DELETE /api/items/<id>``; ``POST /api/echo``. Every route answers
    ``OPTIONS`` with ``200 OK`` and an ``Allow`` header, like Falcon's default responder,
    which the middleware turns into ``Access-Control-Allow-Methods`` for a preflight.
    Other paths get a JSON 404.

    :param page_origin: the demo page's origin, only mentioned by ``/login``.
    """
    lock = threading.Lock()
    counter = [0]

    def hello(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        with lock:
            counter[0] += 1
            request_id = str(counter[0])
        return _json(
            start_response,
            "200 OK",
            {"message": "Hello from the wsgi-cors demo API"},
            [("X-Request-Id", request_id), ("X-Secret", "s3cr3t")],
        )

    def me(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        cookies = environ.get("HTTP_COOKIE", "")
        sent = any(c.strip().startswith(SESSION_COOKIE + "=") for c in cookies.split(";"))
        return _json(start_response, "200 OK", {"cookie_received": sent})

    def login(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        data = {"message": f"cookie {SESSION_COOKIE} set", "page": page_origin}
        cookie = f"{SESSION_COOKIE}=1; Path=/; SameSite=Lax; HttpOnly"
        return _json(start_response, "200 OK", data, [("Set-Cookie", cookie)])

    def echo(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        body = _read_body(environ)
        if body is None:
            return _json(start_response, "413 Content Too Large", {"error": "body too large"})
        text = body.decode("utf-8", "replace")
        return _json(
            start_response,
            "200 OK",
            {"content_type": environ.get("CONTENT_TYPE", ""), "body": text},
        )

    def item(environ: WSGIEnvironment, start_response: StartResponse, item_id: str) -> list[bytes]:
        if environ["REQUEST_METHOD"] == "DELETE":
            return _json(start_response, "200 OK", {"id": item_id, "deleted": True})
        body = _read_body(environ)  # PUT: echo the JSON body
        if body is None:
            return _json(start_response, "413 Content Too Large", {"error": "body too large"})
        try:
            value = json.loads(body or b"null")
        except ValueError:
            return _json(start_response, "400 Bad Request", {"error": "body is not JSON"})
        return _json(start_response, "200 OK", {"id": item_id, "stored": value})

    Handler = Callable[..., list[bytes]]
    routes: dict[str, dict[str, Handler]] = {
        # "/" takes every method a cross-origin fetch() commonly uses, so that any
        # preflight to it gets them in Access-Control-Allow-Methods.
        "/": {"GET": hello, "POST": echo, "PUT": echo, "PATCH": echo, "DELETE": echo},
        "/api/hello": {"GET": hello},
        "/api/me": {"GET": me},
        "/login": {"GET": login},
        "/api/echo": {"POST": echo},
    }
    item_methods: dict[str, Handler] = {"PUT": item, "DELETE": item}

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ["REQUEST_METHOD"]
        args: tuple[str, ...] = ()
        methods = routes.get(path)
        if methods is None and (match := _ITEM_PATH.fullmatch(path)):
            methods, args = item_methods, (match.group(1),)
        if methods is None:
            return _json(start_response, "404 Not Found", {"error": f"no route for {path}"})
        allow = ", ".join(methods)
        if method == "OPTIONS":
            start_response(
                "200 OK", [("Allow", allow), ("Content-Type", _TEXT), ("Content-Length", "0")]
            )
            return []
        handler = methods.get(method)
        if handler is None:
            return _json(
                start_response,
                "405 Method Not Allowed",
                {"error": f"{method} not allowed; allowed: {allow}"},
                [("Allow", allow)],
            )
        return handler(environ, start_response, *args)

    return app
