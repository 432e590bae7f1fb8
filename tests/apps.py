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

The *counted* applications at the end (:func:`make_counted_app`: Django function and
class-based views, Pyramid, Bottle, Flask, Falcon, WebOb, plain WSGI) serve only
``GET``/``PUT /items``, as a user of each framework writes them, and count the calls
that reach the view itself; the tests that serve them with real servers use them.
"""

from __future__ import annotations

import json
import threading
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
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


def function_style_middleware(get_response: Callable[..., Any]) -> Callable[..., Any]:
    """A Django middleware written as a function (Django's documented first shape),
    which keeps the next one in its closure."""

    def middleware(request: Any) -> Any:
        return get_response(request)

    return middleware


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


# -- Counted applications, for real servers ----------------------------------------------
#
# Each of these is the ``/items`` API written the way a user of the framework writes it:
#
#   GET /items   JSON {"items": [1, 2, 3]}
#   PUT /items   reads a JSON body, answers JSON {"updated": true, "received": <body>}
#
# and each counts, in its view or handler (not around the WSGI application), every call
# that reaches it, so a test can prove that the *view* never ran for a preflight. The
# factories return the framework's own application object, not yet wrapped: the tests
# wrap it with :func:`setup_cors`, the README's set-up for that framework. Pyramid and
# Bottle are imported only when their factory runs, so that this module (and the quick
# suite) does not need them.

#: The counted applications, by name (see :func:`make_counted_app`).
COUNTED_FRAMEWORKS = (
    "django-function",
    "django-class",
    "pyramid",
    "bottle",
    "flask",
    "falcon",
    "webob",
    "plain",
)


class ViewCounter:
    """The methods of the requests that reached a view, in order; safe across threads
    (a threaded server runs views concurrently)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._methods: list[str] = []

    def hit(self, method: str) -> None:
        with self._lock:
            self._methods.append(method)

    @property
    def methods(self) -> list[str]:
        with self._lock:
            return list(self._methods)

    @property
    def count(self) -> int:
        with self._lock:
            return len(self._methods)


@dataclass
class CountedApp:
    """A framework's application object (a ``flask.Flask`` for Flask) and its view's
    counter."""

    framework: str
    app: Any
    views: ViewCounter


def updated(received: object) -> dict[str, object]:
    """The JSON every ``PUT /items`` answers."""
    return {"updated": True, "received": received}


def _django_app(route: Any) -> Callable[..., Iterable[bytes]]:
    """``get_wsgi_application()`` resolving ``/items`` to *route* only: through its own
    URLconf (a module object made here), set on the request class as
    :class:`_URLConfRequest` does, since Django is configured once per process."""
    configure_django()
    from django.core.wsgi import get_wsgi_application

    urlconf = types.ModuleType("counted_django_urls")
    urlconf.urlpatterns = [path("items", route)]
    app = get_wsgi_application()
    app.request_class = type("CountedURLConfRequest", (WSGIRequest,), {"urlconf": urlconf})
    return app


def make_django_function_app(views: ViewCounter) -> Callable[..., Iterable[bytes]]:
    """A Django function view: it sees every method, OPTIONS included."""

    def items(request: WSGIRequest) -> HttpResponse:
        views.hit(request.method or "")
        if request.method == "GET":
            return JsonResponse(ITEMS)
        if request.method == "PUT":
            return JsonResponse(updated(json.loads(request.body)))
        return HttpResponseNotAllowed(["GET", "PUT"])

    return _django_app(items)


def make_django_class_app(views: ViewCounter) -> Callable[..., Iterable[bytes]]:
    """A ``django.views.View``: counted in ``dispatch``, so a request that reaches the
    view is counted whichever method answers it (Django's own ``View.options``
    included)."""

    class Items(View):
        def dispatch(self, request: WSGIRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            views.hit(request.method or "")
            return super().dispatch(request, *args, **kwargs)

        def get(self, request: WSGIRequest) -> HttpResponse:
            return JsonResponse(ITEMS)

        def put(self, request: WSGIRequest) -> HttpResponse:
            return JsonResponse(updated(json.loads(request.body)))

    return _django_app(Items.as_view())


def make_pyramid_app(views: ViewCounter) -> Callable[..., Iterable[bytes]]:
    """One Pyramid view for GET and PUT on the ``items`` route, JSON renderer."""
    from pyramid.config import Configurator

    def items(request: Any) -> dict[str, object]:
        views.hit(request.method)
        if request.method == "PUT":
            return updated(request.json_body)
        return ITEMS

    with Configurator() as config:
        config.add_route("items", "/items")
        config.add_view(items, route_name="items", request_method=("GET", "PUT"), renderer="json")
        return config.make_wsgi_app()


def make_bottle_app(views: ViewCounter) -> Any:
    """A ``bottle.Bottle`` route for GET and PUT; Bottle serializes a returned dict."""
    import bottle

    app = bottle.Bottle()

    @app.route("/items", method=["GET", "PUT"])
    def items() -> dict[str, object]:
        views.hit(bottle.request.method)
        if bottle.request.method == "PUT":
            return updated(bottle.request.json)
        return ITEMS

    return app


def make_counted_flask_app(views: ViewCounter) -> flask.Flask:
    app = flask.Flask("wsgi_cors_counted")

    @app.route("/items", methods=["GET", "PUT"])
    def items() -> flask.Response:
        views.hit(flask.request.method)
        if flask.request.method == "PUT":
            return flask.jsonify(updated(flask.request.get_json()))
        return flask.jsonify(ITEMS)

    return app


def make_counted_falcon_app(views: ViewCounter) -> falcon.App:
    class Items:
        def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
            views.hit(req.method)
            resp.media = ITEMS

        def on_put(self, req: falcon.Request, resp: falcon.Response) -> None:
            views.hit(req.method)
            resp.media = updated(req.get_media())

    app = falcon.App()
    app.add_route("/items", Items())
    return app


def make_counted_webob_app(views: ViewCounter) -> Callable[..., Iterable[bytes]]:
    @webob.dec.wsgify
    def app(req: webob.Request) -> webob.Response:
        if req.path_info != "/items":
            return webob.exc.HTTPNotFound()
        views.hit(req.method)
        if req.method == "GET":
            return webob.Response(json_body=ITEMS)
        if req.method == "PUT":
            return webob.Response(json_body=updated(req.json_body))
        return webob.exc.HTTPMethodNotAllowed(headers={"Allow": "GET, PUT"})

    return app


def make_counted_plain_app(views: ViewCounter) -> Callable[..., Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        def answer(status: str, body: bytes, *extra: tuple[str, str]) -> Iterable[bytes]:
            headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
            start_response(status, [*headers, *extra])
            return [body]

        if environ["PATH_INFO"] != "/items":
            return answer("404 Not Found", b'{"error": "not found"}')
        method = environ["REQUEST_METHOD"]
        views.hit(method)
        if method == "GET":
            return answer("200 OK", json.dumps(ITEMS).encode())
        if method == "PUT":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            received = json.loads(environ["wsgi.input"].read(length))
            return answer("200 OK", json.dumps(updated(received)).encode())
        return answer("405 Method Not Allowed", b'{"error": "method"}', ("Allow", "GET, PUT"))

    return app


def make_counted_app(framework: str) -> CountedApp:
    """A fresh, unwrapped application of *framework* (one of
    :data:`COUNTED_FRAMEWORKS`) with a fresh counter."""
    factories: dict[str, Callable[[ViewCounter], Any]] = {
        "django-function": make_django_function_app,
        "django-class": make_django_class_app,
        "pyramid": make_pyramid_app,
        "bottle": make_bottle_app,
        "flask": make_counted_flask_app,
        "falcon": make_counted_falcon_app,
        "webob": make_counted_webob_app,
        "plain": make_counted_plain_app,
    }
    views = ViewCounter()
    return CountedApp(framework, factories[framework](views), views)


def setup_cors(counted: CountedApp, **options: Any) -> Callable[..., Iterable[bytes]]:
    """*counted*'s application set up as the README shows for its framework, and the
    WSGI application to serve: ``enable_cors(app)`` without *options*, otherwise
    ``CORSMiddleware(app, **options)``; for Flask, ``app.wsgi_app`` is wrapped and the
    ``Flask`` object served; for Django, ``enable_cors(get_wsgi_application())``."""
    from wsgi_cors import CORSMiddleware, enable_cors

    def cors(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
        return CORSMiddleware(app, **options) if options else enable_cors(app)

    if counted.framework == "flask":
        counted.app.wsgi_app = cors(counted.app.wsgi_app)
        return counted.app
    return cors(counted.app)
