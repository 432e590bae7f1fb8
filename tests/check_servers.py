"""Servers for the ``wsgi-cors check`` tests: CORS set up right and wrong, in several
CORS layers, served on 127.0.0.1 by waitress in a daemon thread.

Every application serves ``/items`` for GET, HEAD, POST, PUT, PATCH and DELETE, with
``X-Request-Id: 7`` and ``X-Secret: s`` in each answer. :class:`Mount` serves several
applications from one server, each under its own first path segment
(``/<name>/items``), so that a module starts one server for all of them.

* :func:`wsgi_cors_app`: the plain items application in :class:`wsgi_cors.CORSMiddleware`.
* :func:`falcon_cors_enable` and :func:`falcon_cors_middleware`: Falcon's own CORS
  (``falcon.App(cors_enable=True)``, ``falcon.App(middleware=falcon.CORSMiddleware(...))``).
* :func:`flask_cors_app`: a Flask application with ``flask_cors.CORS(app, ...)``.
* :data:`MISCONFIGURED`: plain WSGI applications that get CORS wrong the ways people
  do, each with the step of ``check`` that must catch it.
"""

from __future__ import annotations

import contextlib
import wsgiref.util
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import real_servers
from wsgi_cors import CORSMiddleware

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
ITEM_HEADERS = [("X-Request-Id", "7"), ("X-Secret", "s")]
BODY = b'{"items": [1, 2, 3]}'


def items_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    """The plain application: ``/items`` answers every method in :data:`METHODS` (and
    OPTIONS with ``Allow``, as frameworks do), ``/json`` refuses every request without
    a body (check sends none) with ``400``, anything else is 404."""
    if environ.get("PATH_INFO") == "/json" and int(environ.get("CONTENT_LENGTH") or 0) == 0:
        start_response("400 Bad Request", [("Content-Type", "text/plain")])
        return [b"a JSON body is required"]
    if environ.get("PATH_INFO") != "/items":
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    method = environ["REQUEST_METHOD"]
    if method == "OPTIONS":
        start_response("200 OK", [("Allow", ", ".join(METHODS)), ("Content-Length", "0")])
        return []
    if method not in METHODS:
        start_response("405 Method Not Allowed", [("Allow", ", ".join(METHODS))])
        return [b"method not allowed"]
    start_response("200 OK", [("Content-Type", "application/json"), *ITEM_HEADERS])
    return [] if method == "HEAD" else [BODY]


def wsgi_cors_app(**options: Any) -> WSGIApp:
    return CORSMiddleware(items_app, **options)


class _FalconItems:
    """One Falcon resource for every method of :data:`METHODS`."""

    def _answer(self, req: Any, resp: Any) -> None:
        resp.media = {"items": [1, 2, 3]}
        for name, value in ITEM_HEADERS:
            resp.set_header(name, value)

    on_get = on_head = on_post = on_put = on_patch = on_delete = _answer


def falcon_cors_enable() -> WSGIApp:
    import falcon

    app = falcon.App(cors_enable=True)
    app.add_route("/items", _FalconItems())
    return app  # type: ignore[no-any-return]


def falcon_cors_middleware(**options: Any) -> WSGIApp:
    import falcon

    app = falcon.App(middleware=falcon.CORSMiddleware(**options))
    app.add_route("/items", _FalconItems())
    return app  # type: ignore[no-any-return]


def flask_cors_app(**options: Any) -> WSGIApp:
    import flask
    import flask_cors

    app = flask.Flask("check_flask_cors")

    @app.route("/items", methods=list(METHODS))
    def items() -> Any:
        response = flask.jsonify(items=[1, 2, 3])
        for name, value in ITEM_HEADERS:
            response.headers[name] = value
        return response

    flask_cors.CORS(app, **options)
    return app  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Misconfigured:
    """A plain application with fixed CORS answers: *preflight* headers (and status)
    for a CORS-preflight request, *actual* headers for anything else. ``{origin}`` in a
    value is replaced by the request's ``Origin``; *preflight_status* ``None`` means no
    CORS-preflight handling at all (the request goes to :func:`items_app`, which has no
    CORS header)."""

    preflight: tuple[tuple[str, str], ...] = ()
    actual: tuple[tuple[str, str], ...] = ()
    preflight_status: str | None = "204 No Content"
    actual_status: str = "200 OK"

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        origin = environ.get("HTTP_ORIGIN", "")
        is_preflight = (
            environ["REQUEST_METHOD"] == "OPTIONS"
            and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in environ
        )
        if is_preflight and self.preflight_status is None:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"no such route"]
        status, extra = (
            (self.preflight_status, self.preflight)
            if is_preflight
            else (self.actual_status, self.actual)
        )
        assert status is not None
        headers = [(n, v.replace("{origin}", origin)) for n, v in extra]
        if not is_preflight:
            headers = [("Content-Type", "application/json"), *ITEM_HEADERS, *headers]
        start_response(status, headers)
        return [] if is_preflight or environ["REQUEST_METHOD"] == "HEAD" else [BODY]


_REFLECT = (("Access-Control-Allow-Origin", "{origin}"), ("Vary", "Origin"))
_REFLECT_CREDENTIALS = (*_REFLECT, ("Access-Control-Allow-Credentials", "true"))

#: name -> a plain application that gets one CORS rule wrong (or, for two, right).
MISCONFIGURED: dict[str, Misconfigured] = {
    # Falcon's allow_origins="*" with allow_credentials="*" before reflection, by hand.
    "acao-star-with-credentials": Misconfigured(
        preflight=(
            ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Allow-Credentials", "true"),
            ("Access-Control-Allow-Methods", "PUT"),
        ),
        actual=(
            ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Allow-Credentials", "true"),
        ),
    ),
    "wrong-origin": Misconfigured(
        preflight=(
            ("Access-Control-Allow-Origin", "https://other.example"),
            ("Access-Control-Allow-Methods", "PUT"),
        ),
        actual=(("Access-Control-Allow-Origin", "https://other.example"), ("Vary", "Origin")),
    ),
    "preflight-404": Misconfigured(preflight_status=None, actual=_REFLECT),
    "acam-missing-method": Misconfigured(
        preflight=(*_REFLECT, ("Access-Control-Allow-Methods", "GET, POST")),
        actual=_REFLECT,
    ),
    "acam-lower-case": Misconfigured(
        preflight=(*_REFLECT, ("Access-Control-Allow-Methods", "put")),
        actual=_REFLECT,
    ),
    "acah-missing-header": Misconfigured(
        preflight=(
            *_REFLECT,
            ("Access-Control-Allow-Methods", "GET, PUT"),
            ("Access-Control-Allow-Headers", "Content-Type"),
        ),
        actual=_REFLECT,
    ),
    "acah-star": Misconfigured(
        preflight=(
            ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Allow-Methods", "*"),
            ("Access-Control-Allow-Headers", "*"),
        ),
        actual=(("Access-Control-Allow-Origin", "*"),),
    ),
    "no-vary": Misconfigured(
        preflight=(
            ("Access-Control-Allow-Origin", "{origin}"),
            ("Access-Control-Allow-Methods", "PUT"),
        ),
        actual=(
            ("Access-Control-Allow-Origin", "{origin}"),
            ("Access-Control-Expose-Headers", "X-Request-Id"),
        ),
    ),
    "two-acao": Misconfigured(
        actual=(
            ("Access-Control-Allow-Origin", "{origin}"),
            ("Access-Control-Allow-Origin", "{origin}"),
            ("Vary", "Origin"),
        ),
    ),
    "acac-capital-true": Misconfigured(
        actual=(*_REFLECT, ("Access-Control-Allow-Credentials", "True")),
    ),
    "credentials-no-acac": Misconfigured(actual=_REFLECT),
    "trailing-slash": Misconfigured(
        actual=(("Access-Control-Allow-Origin", "{origin}/"), ("Vary", "Origin")),
    ),
    "redirect-preflight": Misconfigured(
        preflight_status="301 Moved Permanently",
        preflight=(("Location", "/items/"), *_REFLECT, ("Access-Control-Allow-Methods", "PUT")),
        actual=_REFLECT,
    ),
    "redirect-actual": Misconfigured(
        actual_status="302 Found",
        actual=(("Location", "/elsewhere"), *_REFLECT),
    ),
    "redirect-location-twice": Misconfigured(
        actual_status="302 Found",
        actual=(("Location", "/elsewhere"), ("Location", "/elsewhere"), *_REFLECT),
    ),
    "redirect-two-locations": Misconfigured(
        actual_status="302 Found",
        actual=(("Location", "/a"), ("Location", "/b"), *_REFLECT),
    ),
    # A "\\" is a "/" to a browser's URL parser: "\\\\evil.example\\x" is another host.
    "redirect-backslashes": Misconfigured(
        actual_status="302 Found",
        actual=(("Location", "\\\\evil.example\\x"), *_REFLECT),
    ),
    "redirect-no-host": Misconfigured(
        actual_status="302 Found",
        actual=(("Location", "//"), *_REFLECT),
    ),
    "expose-star": Misconfigured(
        actual=(*_REFLECT_CREDENTIALS, ("Access-Control-Expose-Headers", "*")),
    ),
    # Heads Chromium fails before any CORS step (check.refused_before_cors; helper-144's
    # differential against Chromium 156): an unquoted comma makes two values.
    "disposition-comma": Misconfigured(
        actual=(*_REFLECT, ("Content-Disposition", "attachment; filename=a,b.csv")),
    ),
    "disposition-quoted": Misconfigured(
        actual=(*_REFLECT, ("Content-Disposition", 'attachment; filename="a,b.csv"')),
    ),
    "preflight-disposition-comma": Misconfigured(
        preflight=(
            *_REFLECT,
            ("Access-Control-Allow-Methods", "PUT"),
            ("Content-Disposition", "inline, attachment"),
        ),
        actual=_REFLECT,
    ),
    "proxy-auth": Misconfigured(actual_status="407 Proxy Authentication Required", actual=_REFLECT),
    "created-two-locations": Misconfigured(
        actual_status="201 Created",
        actual=(("Location", "/items/1"), ("Location", "/items/2"), *_REFLECT),
    ),
    # Right: a 300 is no redirect status (Fetch), so its Location is not followed and
    # the script reads the 300 itself.
    "multiple-choices": Misconfigured(
        actual_status="300 Multiple Choices",
        actual=(("Location", "/elsewhere"), *_REFLECT),
    ),
}


class Mount:
    """Serve each application of *apps* under ``/<name>``: the first path segment is
    moved to ``SCRIPT_NAME``, so every application sees ``/items``."""

    def __init__(self, apps: Mapping[str, WSGIApp]) -> None:
        self.apps = dict(apps)

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        name = wsgiref.util.shift_path_info(environ)
        app = self.apps.get(name or "")
        if app is None:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"no such application"]
        return app(environ, start_response)


@contextlib.contextmanager
def serve(app: WSGIApp) -> Iterator[str]:
    """Serve *app* with waitress on 127.0.0.1 (:func:`real_servers.waitress`); yield the
    base URL."""
    with real_servers.waitress(app) as server:
        yield f"http://127.0.0.1:{server.port}"
