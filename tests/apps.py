"""The same small application in Falcon, Flask, Django, WebOb and plain WSGI.

Every application serves the same routes, so that one test can drive all of them:

==========================  ===========================================================
``GET /items``              JSON ``{"items": [1, 2, 3]}`` and ``X-Request-Id: req-42``
``PUT /items``              JSON ``{"updated": true}``
``OPTIONS /items``          the framework's own answer, with an ``Allow`` header
``/custom-options``         GET as ``/items``; OPTIONS answers 200 *without* ``Allow``
``GET /own-acao``           sets its own ``Access-Control-Allow-Origin: https://own.example``
``GET /own-acao-acac``      the same plus ``Access-Control-Allow-Credentials: true``
``GET /vary?value=V``       sets ``Vary: V``
``GET /error``              500
anything else               404
==========================  ===========================================================

The Falcon application has a few more routes, used by the Falcon parity tests only
(see :func:`make_falcon_app`). :func:`call` runs one request through a WSGI
application in-process, the way a server does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

import django
import falcon
import flask
import webob
import webob.dec
import webob.exc
from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views import View

ITEMS = {"items": [1, 2, 3]}
REQUEST_ID = "req-42"
OWN_ORIGIN = "https://own.example"
NO_ALLOW_BODY = b"this OPTIONS answer has no Allow header"
#: The ``Allow`` header of the applications that have no automatic OPTIONS answer.
ALLOW = "GET, PUT, OPTIONS"

FRAMEWORKS = ("falcon", "flask", "django", "webob", "plain")

# Origins and (lower-cased) CORS response header names the tests share.
A = "https://a.example"
B = "http://b.example:8080"
EVIL = "https://evil.example"
ACAO = "access-control-allow-origin"
ACAC = "access-control-allow-credentials"
ACEH = "access-control-expose-headers"
ACAM = "access-control-allow-methods"
ACAH = "access-control-allow-headers"
ACMA = "access-control-max-age"
ACAPN = "access-control-allow-private-network"


class CountingApp:
    """Counts the calls that reach the wrapped WSGI application."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.calls: list[tuple[str, str]] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.calls.append((environ["REQUEST_METHOD"], environ["PATH_INFO"]))
        return self.app(environ, start_response)


# -- Falcon -----------------------------------------------------------------------------


class FalconItems:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = ITEMS
        resp.set_header("X-Request-Id", REQUEST_ID)

    def on_put(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {"updated": True}


class FalconCustomOptions(FalconItems):
    """A custom ``on_options`` that sets no ``Allow``: Falcon denies the preflight."""

    def on_options(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.content_type = "text/plain"
        resp.data = NO_ALLOW_BODY


class FalconOwnOrigin:
    """Sets its own ``Access-Control-Allow-Origin`` (Falcon's per-responder override)."""

    credentials = False

    def _own(self, resp: falcon.Response) -> None:
        resp.set_header("Access-Control-Allow-Origin", OWN_ORIGIN)
        if self.credentials:
            resp.set_header("Access-Control-Allow-Credentials", "true")

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        self._own(resp)
        resp.media = ITEMS

    def on_options(self, req: falcon.Request, resp: falcon.Response) -> None:
        self._own(resp)
        resp.set_header("Allow", "GET, OPTIONS")


class FalconOwnOriginCredentials(FalconOwnOrigin):
    credentials = True


class FalconVary:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.set_header("Vary", req.get_param("value", default="Accept-Encoding"))
        resp.media = ITEMS


class FalconError:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        raise falcon.HTTPInternalServerError(title="boom")


# Routes used by the Falcon parity tests only.


class FalconBadRequest:
    """Raises ``falcon.HTTPBadRequest`` from both responders."""

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        raise falcon.HTTPBadRequest(title="bad")

    def on_options(self, req: falcon.Request, resp: falcon.Response) -> None:
        raise falcon.HTTPBadRequest(title="bad preflight")


class FalconOptionsStatus400:
    """Answers OPTIONS with 400 and an ``Allow`` header *without raising*: Falcon still
    patches it as a preflight answer, this package does not (difference 3)."""

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = ITEMS

    def on_options(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.status = falcon.HTTP_400
        resp.set_header("Allow", "GET, OPTIONS")


class FalconOptionsRaise200:
    """Answers OPTIONS by *raising* ``HTTPStatus(200)`` with an ``Allow`` header: Falcon
    does not patch it (the responder raised), this package does (a 2xx answer)."""

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = ITEMS

    def on_options(self, req: falcon.Request, resp: falcon.Response) -> None:
        raise falcon.HTTPStatus(falcon.HTTP_200, headers={"Allow": "GET, OPTIONS"})


class FalconOwnHeadersNoAllow(FalconItems):
    """A custom ``on_options`` that sets CORS headers of its own but no ``Allow``."""

    def on_options(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.set_header("Access-Control-Allow-Origin", OWN_ORIGIN)
        resp.set_header("Access-Control-Allow-Credentials", "true")
        resp.set_header("Access-Control-Expose-Headers", "X-Own")
        resp.set_header("Access-Control-Max-Age", "5")


class FalconOwnExpose:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.set_header("Access-Control-Expose-Headers", "X-Own")
        resp.media = ITEMS


class FalconAllowMirror(FalconItems):
    """``/items`` answering OPTIONS with a given ``Allow`` value: the Falcon reference
    for another framework's ``/items``."""

    def __init__(self, allow: str) -> None:
        self.allow = allow

    def on_options(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.set_header("Allow", self.allow)


def make_falcon_app(*, items: object | None = None, **app_options: Any) -> falcon.App:
    """The Falcon application; *app_options* go to ``falcon.App`` (``middleware=``,
    ``cors_enable=``). Besides the common routes it has ``/bad-request`` (raises 400),
    ``/options-400`` (answers OPTIONS 400 with ``Allow``, not raised),
    ``/options-raise-200`` (raises ``HTTPStatus(200)`` with ``Allow``) and
    ``/own-expose`` (sets its own ``Access-Control-Expose-Headers``) and
    ``/own-headers-no-allow`` (answers OPTIONS with CORS headers of its own, no
    ``Allow``)."""
    app = falcon.App(**app_options)
    app.add_route("/items", items if items is not None else FalconItems())
    app.add_route("/custom-options", FalconCustomOptions())
    app.add_route("/own-acao", FalconOwnOrigin())
    app.add_route("/own-acao-acac", FalconOwnOriginCredentials())
    app.add_route("/vary", FalconVary())
    app.add_route("/error", FalconError())
    app.add_route("/bad-request", FalconBadRequest())
    app.add_route("/options-400", FalconOptionsStatus400())
    app.add_route("/options-raise-200", FalconOptionsRaise200())
    app.add_route("/own-expose", FalconOwnExpose())
    app.add_route("/own-headers-no-allow", FalconOwnHeadersNoAllow())
    return app


# -- Flask ------------------------------------------------------------------------------


def make_flask_app() -> flask.Flask:
    """Flask answers ``OPTIONS /items`` itself, with an ``Allow`` header."""
    app = flask.Flask(__name__)

    @app.get("/items")
    def items() -> flask.Response:
        response = flask.jsonify(ITEMS)
        response.headers["X-Request-Id"] = REQUEST_ID
        return response

    @app.put("/items")
    def update_items() -> flask.Response:
        return flask.jsonify({"updated": True})

    @app.route("/custom-options", methods=["GET", "OPTIONS"])
    def custom_options() -> flask.Response:
        if flask.request.method == "OPTIONS":
            return flask.Response(NO_ALLOW_BODY, content_type="text/plain")
        return items()

    @app.get("/own-acao")
    def own_acao() -> flask.Response:
        response = flask.jsonify(ITEMS)
        response.headers["Access-Control-Allow-Origin"] = OWN_ORIGIN
        return response

    @app.get("/own-acao-acac")
    def own_acao_acac() -> flask.Response:
        response = own_acao()
        response.headers["Access-Control-Allow-Credentials"] = "true"
        return response

    @app.get("/vary")
    def vary() -> flask.Response:
        response = flask.jsonify(ITEMS)
        response.headers["Vary"] = flask.request.args.get("value", "Accept-Encoding")
        return response

    @app.get("/error")
    def error() -> flask.Response:
        flask.abort(500)

    return app


# -- Django -----------------------------------------------------------------------------


class DjangoItems(View):
    """A class-based view: Django's ``View.options`` answers with ``Allow``."""

    def get(self, request: WSGIRequest) -> HttpResponse:
        response = JsonResponse(ITEMS)
        response["X-Request-Id"] = REQUEST_ID
        return response

    def put(self, request: WSGIRequest) -> HttpResponse:
        return JsonResponse({"updated": True})


class DjangoCustomOptions(DjangoItems):
    def options(self, request: WSGIRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponse(NO_ALLOW_BODY, content_type="text/plain")


def django_own_acao(request: WSGIRequest) -> HttpResponse:
    response = JsonResponse(ITEMS)
    response["Access-Control-Allow-Origin"] = OWN_ORIGIN
    return response


def django_own_acao_acac(request: WSGIRequest) -> HttpResponse:
    response = django_own_acao(request)
    response["Access-Control-Allow-Credentials"] = "true"
    return response


def django_vary(request: WSGIRequest) -> HttpResponse:
    response = JsonResponse(ITEMS)
    response["Vary"] = request.GET.get("value", "Accept-Encoding")
    return response


def django_error(request: WSGIRequest) -> HttpResponse:
    raise RuntimeError("boom")  # Django's handler500 answers 500


urlpatterns = [
    path("items", DjangoItems.as_view()),
    path("custom-options", DjangoCustomOptions.as_view()),
    path("own-acao", django_own_acao),
    path("own-acao-acac", django_own_acao_acac),
    path("vary", django_vary),
    path("error", django_error),
]


class _URLConfRequest(WSGIRequest):
    # Django resolves with request.urlconf when it is set, so these routes are used
    # even if some other test module configured Django first with another ROOT_URLCONF.
    urlconf = __name__


def configure_django() -> None:
    """Configure Django in-process, once."""
    if not settings.configured:
        settings.configure(
            DEBUG=False,
            SECRET_KEY="wsgi-cors tests, not a secret",
            ALLOWED_HOSTS=["*"],
            ROOT_URLCONF=__name__,
            MIDDLEWARE=[],
            INSTALLED_APPS=[],
            USE_TZ=True,
        )
        django.setup()


def make_django_app() -> Callable[..., Iterable[bytes]]:
    configure_django()
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    app.request_class = _URLConfRequest
    return app


# -- WebOb ------------------------------------------------------------------------------


def make_webob_app() -> Callable[..., Iterable[bytes]]:
    @webob.dec.wsgify
    def app(req: webob.Request) -> webob.Response:
        if req.path_info in ("/items", "/custom-options"):
            if req.method == "OPTIONS":
                if req.path_info == "/custom-options":
                    return webob.Response(NO_ALLOW_BODY, content_type="text/plain")
                response = webob.Response(b"", content_type="text/plain")
                response.headers["Allow"] = ALLOW
                return response
            if req.method == "PUT":
                return webob.Response(json_body={"updated": True})
            if req.method == "GET":
                response = webob.Response(json_body=ITEMS)
                response.headers["X-Request-Id"] = REQUEST_ID
                return response
            return webob.exc.HTTPMethodNotAllowed()
        if req.path_info in ("/own-acao", "/own-acao-acac"):
            response = webob.Response(json_body=ITEMS)
            response.headers["Access-Control-Allow-Origin"] = OWN_ORIGIN
            if req.path_info == "/own-acao-acac":
                response.headers["Access-Control-Allow-Credentials"] = "true"
            return response
        if req.path_info == "/vary":
            response = webob.Response(json_body=ITEMS)
            response.headers["Vary"] = req.GET.get("value", "Accept-Encoding")
            return response
        if req.path_info == "/error":
            return webob.exc.HTTPInternalServerError()
        return webob.exc.HTTPNotFound()

    return app


# -- plain WSGI -------------------------------------------------------------------------


def plain_app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    method = environ["REQUEST_METHOD"]
    route = environ["PATH_INFO"]

    def answer(status: str, body: bytes, content_type: str, *extra: tuple[str, str]):
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), *extra]
        start_response(status, headers)
        return [body]

    def items(*extra: tuple[str, str]) -> Iterable[bytes]:
        return answer("200 OK", json.dumps(ITEMS).encode(), "application/json", *extra)

    if route in ("/items", "/custom-options"):
        if method == "OPTIONS":
            if route == "/custom-options":
                return answer("200 OK", NO_ALLOW_BODY, "text/plain")
            return answer("200 OK", b"", "text/plain", ("Allow", ALLOW))
        if method == "PUT":
            return answer("200 OK", b'{"updated": true}', "application/json")
        if method in ("GET", "HEAD"):
            return items(("X-Request-Id", REQUEST_ID))
        return answer("405 Method Not Allowed", b"", "text/plain", ("Allow", ALLOW))
    if route == "/own-acao":
        return items(("Access-Control-Allow-Origin", OWN_ORIGIN))
    if route == "/own-acao-acac":
        return items(
            ("Access-Control-Allow-Origin", OWN_ORIGIN),
            ("Access-Control-Allow-Credentials", "true"),
        )
    if route == "/vary":
        value = parse_qs(environ.get("QUERY_STRING", "")).get("value", ["Accept-Encoding"])[0]
        return items(("Vary", value))
    if route == "/error":
        return answer("500 Internal Server Error", b"boom", "text/plain")
    return answer("404 Not Found", b"not found", "text/plain")


def make_plain_app() -> Callable[..., Iterable[bytes]]:
    return plain_app


def make_app(framework: str) -> Callable[..., Iterable[bytes]]:
    """A fresh WSGI application of *framework* (one of :data:`FRAMEWORKS`)."""
    factories: dict[str, Callable[[], Callable[..., Iterable[bytes]]]] = {
        "falcon": make_falcon_app,
        "flask": make_flask_app,
        "django": make_django_app,
        "webob": make_webob_app,
        "plain": make_plain_app,
    }
    return factories[framework]()
