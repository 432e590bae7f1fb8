"""The applications, middleware stacks and requests the benchmark times.

Every stack is a plain PEP 3333 callable. Stacks come in groups; each group has one
*base* (the application with no CORS layer at all), so ``stack - base`` is what the
layer costs. The floors and the wsgi_cors stacks wrap the base object itself (a WSGI
application keeps no per-request state), so instance-level differences cannot leak
into their overheads; a peer that hooks into the framework (Falcon's middleware,
flask-cors, django-cors-headers) gets its own, otherwise identical, application.

All CORS layers get the same policy unless the stack says otherwise:

* one allowed origin, ``https://app.example.com``, with credentials;
* one exposed header, ``X-Request-Id``;
* ``Access-Control-Max-Age: 86400``.

Nothing here talks to the network: the benchmark calls each stack in-process with a
copy of a ready ``environ``.

Importing this module is cheap; the frameworks are imported only when their group
is built (:func:`build_stacks`), and Django's settings are configured then, once per
process.
"""

from __future__ import annotations

import io
import sys
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

ORIGIN = "https://app.example.com"
EVIL_ORIGIN = "https://evil.example.net"
EXPOSE = "X-Request-Id"
MAX_AGE = 86400
METHODS = ["GET", "PUT", "POST", "DELETE"]
ALLOW_HEADERS = ["content-type", "x-token"]
REQUEST_HEADERS = "content-type, x-token"
#: A hostile Access-Control-Request-Headers: "x-a" repeated, 8191 bytes (< 8 KiB).
HOSTILE_HEADERS = ",".join(["x-a"] * 2048)
assert len(HOSTILE_HEADERS) <= 8192

PATH = "/items"
BODY = b'{"items": []}'
BODY_LENGTH = str(len(BODY))
ALLOW = "GET, PUT, POST, DELETE, OPTIONS"

GROUPS = ("bare", "falcon", "flask", "django")


# -- request kinds --------------------------------------------------------------------

KINDS: dict[str, str] = {
    "get_no_origin": "GET, no Origin",
    "get_allowed": "GET, allowed Origin",
    "get_disallowed": "GET, disallowed Origin",
    "preflight": "preflight",
    "preflight_hostile": "preflight, 8 KiB ACRH",
}
PREFLIGHT_KINDS = ("preflight", "preflight_hostile")


def make_environ(method: str, headers: dict[str, str]) -> dict[str, Any]:
    """A complete PEP 3333 environ for ``https://api.example.com/items``.

    The benchmark copies it (``dict(environ)``) for every request; ``wsgi.input`` is
    shared, but no stack reads a body (GET and OPTIONS requests have none).
    """
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": PATH,
        "QUERY_STRING": "",
        "SERVER_NAME": "api.example.com",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_HOST": "api.example.com",
        "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) bench/1.0",
        "HTTP_ACCEPT": "*/*",
        "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
        "HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.5",
        "HTTP_CONNECTION": "keep-alive",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in headers.items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def request_environs() -> dict[str, dict[str, Any]]:
    """One environ template per request kind (keys of :data:`KINDS`)."""
    preflight = {"Origin": ORIGIN, "Access-Control-Request-Method": "PUT"}
    return {
        "get_no_origin": make_environ("GET", {}),
        "get_allowed": make_environ("GET", {"Origin": ORIGIN}),
        "get_disallowed": make_environ("GET", {"Origin": EVIL_ORIGIN}),
        "preflight": make_environ(
            "OPTIONS", {**preflight, "Access-Control-Request-Headers": REQUEST_HEADERS}
        ),
        "preflight_hostile": make_environ(
            "OPTIONS", {**preflight, "Access-Control-Request-Headers": HOSTILE_HEADERS}
        ),
    }


# -- the bare application and the do-nothing floors ------------------------------------


def bare_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """The smallest realistic application: JSON for GET, ``200`` + ``Allow`` for OPTIONS
    (so a pass-through preflight has something to patch). A fresh header list per call,
    since some middleware (wsgicors) appends to the list it is given."""
    if environ["REQUEST_METHOD"] == "OPTIONS":
        start_response("200 OK", [("Allow", ALLOW), ("Content-Length", "0")])
        return []
    start_response(
        "200 OK",
        [
            ("Content-Type", "application/json"),
            ("Content-Length", BODY_LENGTH),
            ("X-Request-Id", "42"),
        ],
    )
    return [BODY]


class Noop:
    """The floor for any middleware layer: a class whose ``__call__`` delegates."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        return self.app(environ, start_response)


class NoopStartResponse:
    """The floor for any layer that adds a response header: wraps ``start_response``
    in a per-request closure that calls the real one with the same arguments."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        def inner_start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            return start_response(status, headers, exc_info)

        return self.app(environ, inner_start_response)


# -- stacks ---------------------------------------------------------------------------


@dataclass
class Stack:
    """One WSGI callable to time.

    *role* is ``base`` (the group's plain application), ``floor`` (do-nothing layer),
    ``wsgi_cors`` or ``peer``. *policy* is ``list`` (the one-origin policy above),
    ``star`` (``*``, no credentials) or None (no CORS layer); *preflight* is ``pass``
    (the application answers, the layer patches), ``short`` (the layer answers) or
    None. *compare* names the stacks of the group this one's overhead is set against.
    """

    name: str
    label: str
    group: str
    role: str
    app: Callable[..., Any]
    base: str
    policy: str | None = None
    preflight: str | None = None
    compare: list[str] = field(default_factory=list)


def wsgi_cors_list_options(**extra: Any) -> dict[str, Any]:
    return {
        "allow_origins": [ORIGIN],
        "allow_credentials": [ORIGIN],
        "expose_headers": [EXPOSE],
        "max_age": MAX_AGE,
        **extra,
    }


def _bare_group() -> list[Stack]:
    import wsgicors

    from wsgi_cors import CORSMiddleware, enable_cors

    short = wsgi_cors_list_options(allow_methods=METHODS, allow_headers=ALLOW_HEADERS)
    peer = wsgicors.CORS(
        bare_app,
        headers="*",
        methods=", ".join(METHODS),
        maxage=str(MAX_AGE),
        origin=ORIGIN,
        credentials="true",
        expose_headers=EXPOSE,
    )
    g, b = "bare", "bare"
    floors = ["noop", "noop_sr"]
    return [
        Stack("bare", "bare app", g, "base", bare_app, b),
        Stack("noop", "do-nothing class layer", g, "floor", Noop(bare_app), b),
        Stack("noop_sr", "do-nothing start_response wrapper", g, "floor",
              NoopStartResponse(bare_app), b),
        Stack("wc", "wsgi_cors pass-through", g, "wsgi_cors",
              CORSMiddleware(bare_app, **wsgi_cors_list_options()), b,
              policy="list", preflight="pass", compare=[*floors, "wsgicors"]),
        Stack("wc_short", "wsgi_cors short-circuit", g, "wsgi_cors",
              CORSMiddleware(bare_app, **short), b,
              policy="list", preflight="short", compare=[*floors, "wsgicors"]),
        Stack("wc_star", "wsgi_cors enable_cors (*)", g, "wsgi_cors",
              enable_cors(bare_app), b, policy="star", preflight="pass", compare=floors),
        Stack("wsgicors", "wsgicors 0.7", g, "peer", peer, b, policy="list",
              preflight="short"),
    ]


class _FalconItems:
    def on_get(self, req: Any, resp: Any) -> None:
        resp.data = BODY
        resp.content_type = "application/json"
        resp.set_header("X-Request-Id", "42")

    on_put = on_post = on_delete = on_get


def _falcon_app(**kwargs: Any) -> Any:
    import falcon

    app = falcon.App(**kwargs)
    app.add_route(PATH, _FalconItems())
    return app


def _falcon_group() -> list[Stack]:
    import falcon

    from wsgi_cors import CORSMiddleware, enable_cors

    g, b = "falcon", "falcon"
    plain = _falcon_app()
    mw = falcon.CORSMiddleware(allow_origins=ORIGIN, allow_credentials=ORIGIN,
                               expose_headers=EXPOSE)
    return [
        Stack("falcon", "falcon.App()", g, "base", plain, b),
        Stack("falcon_cors_mw", "falcon.CORSMiddleware", g, "peer",
              _falcon_app(middleware=mw), b, policy="list", preflight="pass"),
        Stack("falcon_cors_enable", "falcon cors_enable=True", g, "peer",
              _falcon_app(cors_enable=True), b, policy="star", preflight="pass"),
        Stack("wc_falcon", "wsgi_cors(falcon) pass-through", g, "wsgi_cors",
              CORSMiddleware(plain, **wsgi_cors_list_options()), b,
              policy="list", preflight="pass", compare=["falcon_cors_mw"]),
        Stack("wc_star_falcon", "enable_cors(falcon)", g, "wsgi_cors",
              enable_cors(plain), b, policy="star", preflight="pass",
              compare=["falcon_cors_enable"]),
    ]


def _flask_app() -> Any:
    import flask

    app = flask.Flask("bench_flask")

    @app.route(PATH, methods=METHODS)
    def items() -> Any:
        return flask.Response(BODY, content_type="application/json",
                              headers={"X-Request-Id": "42"})

    return app


def _flask_group() -> list[Stack]:
    from flask_cors import CORS

    from wsgi_cors import CORSMiddleware

    g, b = "flask", "flask"
    plain = _flask_app()
    peer = _flask_app()
    CORS(peer, origins=[ORIGIN], supports_credentials=True, expose_headers=[EXPOSE],
         max_age=MAX_AGE)
    return [
        Stack("flask", "Flask", g, "base", plain, b),
        Stack("flask_cors", "flask-cors", g, "peer", peer, b, policy="list",
              preflight="pass"),
        Stack("wc_flask", "wsgi_cors(Flask) pass-through", g, "wsgi_cors",
              CORSMiddleware(plain, **wsgi_cors_list_options()), b,
              policy="list", preflight="pass", compare=["flask_cors"]),
    ]


_DJANGO_URLCONF = "wsgi_cors_bench_django_urls"


def _configure_django() -> None:
    import django
    from django.conf import settings

    if settings.configured:
        return
    from django.http import HttpResponse
    from django.urls import path
    from django.views import View

    class Items(View):
        # View.options answers OPTIONS with 200 and an Allow header.
        def get(self, request: Any) -> Any:
            return HttpResponse(BODY, content_type="application/json",
                                headers={"X-Request-Id": "42"})

        put = post = delete = get

    urls = types.ModuleType(_DJANGO_URLCONF)
    urls.urlpatterns = [path(PATH.lstrip("/"), Items.as_view())]  # type: ignore[attr-defined]
    sys.modules[_DJANGO_URLCONF] = urls
    settings.configure(
        DEBUG=False,
        SECRET_KEY="benchmark-only-not-a-secret",
        ALLOWED_HOSTS=["api.example.com"],
        ROOT_URLCONF=_DJANGO_URLCONF,
        MIDDLEWARE=[],
        INSTALLED_APPS=["corsheaders"],
        DATABASES={},
        USE_TZ=True,
        LOGGING_CONFIG=None,
        CORS_ALLOWED_ORIGINS=[ORIGIN],
        CORS_ALLOW_CREDENTIALS=True,
        CORS_EXPOSE_HEADERS=[EXPOSE],
        CORS_PREFLIGHT_MAX_AGE=MAX_AGE,
        CORS_ALLOW_METHODS=METHODS,
        CORS_ALLOW_HEADERS=ALLOW_HEADERS,
    )
    django.setup()


def _django_handler(middleware: list[str]) -> Any:
    """A Django WSGI handler with its own middleware list: ``WSGIHandler`` reads
    ``settings.MIDDLEWARE`` once, when it is built."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    saved = settings.MIDDLEWARE
    settings.MIDDLEWARE = middleware
    try:
        return WSGIHandler()
    finally:
        settings.MIDDLEWARE = saved


def _django_group() -> list[Stack]:
    _configure_django()
    from wsgi_cors import CORSMiddleware

    g, b = "django", "django"
    plain = _django_handler([])
    short = wsgi_cors_list_options(allow_methods=METHODS, allow_headers=ALLOW_HEADERS)
    return [
        Stack("django", "Django", g, "base", plain, b),
        Stack("django_cors", "django-cors-headers", g, "peer",
              _django_handler(["corsheaders.middleware.CorsMiddleware"]), b,
              policy="list", preflight="short"),
        Stack("wc_django", "wsgi_cors(Django) pass-through", g, "wsgi_cors",
              CORSMiddleware(plain, **wsgi_cors_list_options()), b,
              policy="list", preflight="pass", compare=["django_cors"]),
        Stack("wc_short_django", "wsgi_cors(Django) short-circuit", g, "wsgi_cors",
              CORSMiddleware(plain, **short), b,
              policy="list", preflight="short", compare=["django_cors"]),
    ]


_BUILDERS = {
    "bare": _bare_group,
    "falcon": _falcon_group,
    "flask": _flask_group,
    "django": _django_group,
}


def build_stacks(groups: Iterable[str] = GROUPS) -> dict[str, Stack]:
    """Every stack of the given groups, by name, in display order."""
    stacks: dict[str, Stack] = {}
    for group in groups:
        for stack in _BUILDERS[group]():
            stacks[stack.name] = stack
    return stacks


# -- one request, for the sanity check -------------------------------------------------


@dataclass
class Answer:
    status: str
    headers: list[tuple[str, str]]
    body: bytes

    def get(self, name: str) -> str | None:
        """The header's value (several fields joined with ``", "``), or None."""
        values = [v for n, v in self.headers if n.lower() == name.lower()]
        return ", ".join(values) if values else None

    def vary_origin(self) -> bool:
        vary = self.get("Vary") or ""
        return any(t.strip().lower() == "origin" for t in vary.split(","))

    def cors_names(self) -> list[str]:
        return sorted({n.lower() for n, _ in self.headers
                       if n.lower().startswith("access-control-")})


def call_once(app: Callable[..., Any], environ: dict[str, Any]) -> Answer:
    """One request, exactly as the benchmark makes it, with the answer recorded."""
    seen: list[Any] = []

    def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
        seen[:] = [status, list(headers)]
        return lambda data: None

    body = app(dict(environ), start_response)
    try:
        data = b"".join(body)
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return Answer(seen[0], seen[1], data)


def expected_problems(stack: Stack, kind: str, answer: Answer) -> list[str]:
    """What is wrong with *answer* for a base, floor or wsgi_cors stack (peers are
    only observed, see :func:`peer_warnings`). Empty when the answer is right."""
    problems: list[str] = []

    def want(name: str, value: str | None) -> None:
        got = answer.get(name)
        if got != value:
            shown = got if got is None or len(got) < 60 else got[:57] + "..."
            problems.append(f"{name}: expected {value!r}, got {shown!r}")

    status = answer.status[:3]
    preflight = kind in PREFLIGHT_KINDS
    if stack.role in ("base", "floor"):
        if status != "200":
            problems.append(f"status {answer.status!r}, expected 200")
        if answer.cors_names():
            problems.append(f"unexpected CORS headers {answer.cors_names()}")
        if preflight and not answer.get("Allow"):
            problems.append("the application must answer OPTIONS with an Allow header")
        return problems

    star = stack.policy == "star"
    allowed = kind != "get_no_origin" and (star or kind != "get_disallowed")
    if stack.policy == "list":
        if not answer.vary_origin():
            problems.append("no Vary: Origin")
    if not allowed:
        if status != "200":
            problems.append(f"status {answer.status!r}, expected 200")
        if answer.cors_names():
            problems.append(f"unexpected CORS headers {answer.cors_names()}")
        if star and answer.vary_origin():
            problems.append("Vary: Origin with a '*' policy")
        return problems

    if star:
        want("Access-Control-Allow-Origin", "*")
        want("Access-Control-Allow-Credentials", None)
    else:
        want("Access-Control-Allow-Origin", ORIGIN)
        want("Access-Control-Allow-Credentials", "true")
    if not preflight:
        if status != "200":
            problems.append(f"status {answer.status!r}, expected 200")
        if not star:
            want("Access-Control-Expose-Headers", EXPOSE)
        return problems

    requested = REQUEST_HEADERS if kind == "preflight" else HOSTILE_HEADERS
    if stack.preflight == "short":
        if kind == "preflight_hostile":
            # "x-a" is not in allow_headers: a 403 with no Access-Control-Allow-*.
            if status != "403":
                problems.append(f"status {answer.status!r}, expected 403")
            problems = [p for p in problems if not p.startswith("Access-Control-")]
            if answer.cors_names():
                problems.append(f"unexpected CORS headers {answer.cors_names()}")
            return problems
        if status != "204":
            problems.append(f"status {answer.status!r}, expected 204")
        want("Access-Control-Allow-Methods", ", ".join(METHODS))
        want("Access-Control-Allow-Headers", ", ".join(ALLOW_HEADERS))
    else:
        if status != "200":
            problems.append(f"status {answer.status!r}, expected 200")
        if kind == "preflight_hostile" and not answer.cors_names():
            # Refusing an oversized request-header list (a denied preflight: every
            # Access-Control-* header removed) is as correct as echoing it.
            return [p for p in problems if not p.startswith("Access-Control-")]
        methods = answer.get("Access-Control-Allow-Methods") or ""
        if "PUT" not in methods:
            problems.append(f"Access-Control-Allow-Methods {methods!r} lacks PUT")
        if answer.get("Allow") is not None:
            problems.append("the application's Allow header was left in")
        want("Access-Control-Allow-Headers", requested)
    want("Access-Control-Max-Age", str(MAX_AGE))
    return problems


def peer_warnings(stack: Stack, kind: str, answer: Answer) -> list[str]:
    """Where a peer's answer differs from what the shared policy asks for (these are
    reported, never fatal: the peer is benchmarked as it behaves)."""
    notes: list[str] = []
    acao = answer.get("Access-Control-Allow-Origin")
    star = stack.policy == "star"
    if kind == "get_no_origin" or (kind == "get_disallowed" and not star):
        if acao is not None:
            notes.append(f"sends ACAO {acao!r}")
    else:
        if acao is None:
            notes.append("no Access-Control-Allow-Origin")
        if kind in PREFLIGHT_KINDS and not answer.get("Access-Control-Allow-Methods"):
            notes.append("no Access-Control-Allow-Methods")
        if kind in PREFLIGHT_KINDS and not answer.get("Access-Control-Max-Age"):
            notes.append("no Access-Control-Max-Age")
        if kind not in PREFLIGHT_KINDS and not star and not answer.get(
            "Access-Control-Expose-Headers"
        ):
            notes.append("no Access-Control-Expose-Headers")
    if stack.policy == "list" and not answer.vary_origin():
        notes.append("no Vary: Origin")
    return notes


def describe(answer: Answer) -> str:
    """A one-line summary of an answer's CORS headers, for the sanity table."""
    short = {
        "access-control-allow-origin": "ACAO",
        "access-control-allow-credentials": "ACAC",
        "access-control-expose-headers": "ACEH",
        "access-control-allow-methods": "ACAM",
        "access-control-allow-headers": "ACAH",
        "access-control-max-age": "ACMA",
    }
    parts = [answer.status[:3]]
    for name, tag in short.items():
        value = answer.get(name)
        if value is not None:
            if name == "access-control-allow-headers" and len(value) > 24:
                value = f"<{len(value)} bytes>"
            parts.append(f"{tag}={value}")
    if answer.vary_origin():
        parts.append("Vary:Origin")
    return " ".join(parts)
