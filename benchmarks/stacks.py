"""The applications, CORS layers (one policy: the constants below) and requests timed here."""

from __future__ import annotations  # not evaluated per request (NoopStartResponse's wrapper)

import sys
import types
from dataclasses import dataclass, replace
from typing import Any
from wsgiref.util import setup_testing_defaults

from wsgi_cors import CORSMiddleware, enable_cors

HOST = "api.example.com"  # every request's Host, in Django's ALLOWED_HOSTS
ORIGIN = "https://app.example.com"
EVIL = "https://evil.example.net"
EXPOSE = "X-Request-Id"
MAX_AGE = 86400
METHODS = ["GET", "PUT", "POST", "DELETE"]
HEADERS = ["content-type", "x-token"]
ACRH = ", ".join(HEADERS)
HOSTILE = ",".join(["x-a"] * 2048)  # 8191 bytes of Access-Control-Request-Headers
BODY = b'{"items": []}'
GROUPS = ("bare", "falcon", "flask", "django")
PF = {"Origin": ORIGIN, "Access-Control-Request-Method": "PUT"}
REQUESTS = {  # kind: its label in the reports, method, headers
    "get_no_origin": ("GET no Origin", "GET", {}),
    "get_allowed": ("GET allowed", "GET", {"Origin": ORIGIN}),
    "get_disallowed": ("GET disallowed", "GET", {"Origin": EVIL}),
    "preflight": ("preflight", "OPTIONS", {**PF, "Access-Control-Request-Headers": ACRH}),
    "hostile": ("hostile pf", "OPTIONS", {**PF, "Access-Control-Request-Headers": HOSTILE}),
}
KINDS = {kind: label for kind, (label, _, _) in REQUESTS.items()}


def environ(method: str, headers: dict[str, str]) -> dict[str, Any]:
    """A complete environ for https://api.example.com/items (copied for every request)."""
    http = {"Host": HOST, "Accept": "*/*", **headers}
    env = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in http.items()}
    env |= {"REQUEST_METHOD": method, "PATH_INFO": "/items", "SERVER_NAME": HOST}
    setup_testing_defaults(env)  # SERVER_PORT, wsgi.input, wsgi.errors, ...
    return env


ENVIRONS = {kind: environ(method, headers) for kind, (_, method, headers) in REQUESTS.items()}


def bare_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """JSON for GET, 200 with Allow for OPTIONS; a Content-Length always (else waitress closes)."""
    if environ["REQUEST_METHOD"] == "OPTIONS":
        headers = [("Allow", "GET, PUT, POST, DELETE, OPTIONS"), ("Content-Length", "0")]
        start_response("200 OK", headers)
        return []
    headers = [("Content-Type", "application/json"), ("Content-Length", "13"), (EXPOSE, "42")]
    start_response("200 OK", headers)
    return [BODY]


@dataclass
class Noop:  # floor: a layer that only passes the call on
    app: Any

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.app(environ, start_response)


class NoopStartResponse(Noop):  # floor: binds a start_response per request, adds nothing
    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        def wrapped(status: str, headers: list[Any], exc_info: Any = None) -> Any:
            return start_response(status, headers, exc_info)

        return self.app(environ, wrapped)


@dataclass
class Stack:  # an application to time, by the name the reports use, and its configuration
    name: str
    label: str
    role: str  # base, floor, wsgi_cors or peer
    app: Any
    policy: str = ""  # list (or the subdomain pattern: same answers) or star
    preflight: str = ""  # pass (the app answers), listed or any (the layer answers)
    group: str = ""  # the name of the group's base, set by build_stacks()


def wc(name: str, label: str, app: Any, preflight: str, origins: str, *paths: str) -> Stack:
    """wsgi-cors around *app*; *paths*: the same policy under ``paths=`` for those prefixes."""
    methods = {"pass": None, "listed": METHODS, "any": "*"}[preflight]
    opts: dict[str, Any] = {"allow_methods": methods, "max_age": MAX_AGE}
    opts["allow_headers"] = HEADERS if preflight == "listed" else None
    if origins == "*":  # enable_cors: the cors_enable=True one-liner
        app = enable_cors(app, allow_origins="*", **opts)
        return Stack(name, label, "wsgi_cors", app, "star", preflight)
    opts.update(allow_origins=[origins], allow_credentials=[origins], expose_headers=[EXPOSE])
    app = CORSMiddleware(app, **({"paths": dict.fromkeys(paths, opts)} if paths else opts))
    return Stack(name, label, "wsgi_cors", app, "list", preflight)


def bare_group() -> list[Stack]:
    import wsgicors

    policy = dict(origin=ORIGIN, credentials="true", expose_headers=EXPOSE, maxage=str(MAX_AGE))
    peer = wsgicors.CORS(bare_app, headers="*", methods=", ".join(METHODS), **policy)
    outside = wc("", "", bare_app, "pass", ORIGIN, "/api", "/api/v1")  # /items untouched: a floor
    return [
        Stack("bare", "plain WSGI app", "base", bare_app),
        Stack("noop", "do-nothing layer", "floor", Noop(bare_app)),
        Stack("noop_sr", "do-nothing start_response wrapper", "floor", NoopStartResponse(bare_app)),
        wc("wc", "wsgi-cors, pass-through preflight", bare_app, "pass", ORIGIN),
        wc("wc_listed", "wsgi-cors, allow_methods=[...]", bare_app, "listed", ORIGIN),
        wc("wc_any", 'wsgi-cors, allow_methods="*"', bare_app, "any", ORIGIN),
        wc("wc_sub", "wsgi-cors, https://*.example.com", bare_app, "any", "https://*.example.com"),
        wc("wc_star", 'wsgi-cors, allow_origins="*"', bare_app, "any", "*"),
        wc("wc_paths", "wsgi-cors, paths= matching", bare_app, "pass", ORIGIN, "/items", "/api/v1"),
        Stack("wc_paths_out", "wsgi-cors, paths= not matching", "floor", outside.app),
        Stack("wsgicors", "wsgicors.CORS", "peer", peer, "list", "listed"),
    ]


def falcon_group() -> list[Stack]:
    import falcon

    class Items:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.data = BODY
            resp.content_type = "application/json"
            resp.set_header(EXPOSE, "42")

        on_put = on_post = on_delete = on_get

    policy = {"allow_origins": ORIGIN, "allow_credentials": ORIGIN, "expose_headers": EXPOSE}
    mw = falcon.CORSMiddleware(**policy)
    plain, peer, enabled = falcon.App(), falcon.App(middleware=mw), falcon.App(cors_enable=True)
    for app in (plain, peer, enabled):
        app.add_route("/items", Items())
    return [
        Stack("falcon", "falcon.App()", "base", plain),
        Stack("falcon_cors_mw", "falcon.CORSMiddleware", "peer", peer, "list", "pass"),
        Stack("falcon_cors_enable", "cors_enable=True", "peer", enabled, "star", "pass"),
        wc("wc_falcon", "wsgi-cors, pass-through", plain, "pass", ORIGIN),
        wc("wc_star_falcon", 'wsgi-cors, allow_origins="*", pass-through', plain, "pass", "*"),
    ]


def flask_group() -> list[Stack]:
    import flask
    from flask_cors import CORS

    def items() -> Any:
        return flask.Response(BODY, content_type="application/json", headers={EXPOSE: "42"})

    plain, peer = flask.Flask("bench"), flask.Flask("bench")
    for app in (plain, peer):
        app.add_url_rule("/items", view_func=items, methods=METHODS)
    CORS(peer, origins=[ORIGIN], supports_credentials=True, expose_headers=EXPOSE, max_age=MAX_AGE)
    return [
        Stack("flask", "Flask", "base", plain),
        Stack("flask_cors", "flask-cors", "peer", peer, "list", "pass"),
        wc("wc_flask", "wsgi-cors, pass-through", plain, "pass", ORIGIN),
    ]


def django_group() -> list[Stack]:
    """Two handlers, each with its own middleware list (WSGIHandler reads it when built)."""
    import django
    from django.conf import settings

    if not settings.configured:
        from django.http import HttpResponse
        from django.urls import path
        from django.views import View

        class Items(View):  # View.options answers OPTIONS with 200 and Allow
            def get(self, request: Any) -> Any:  # Content-Length, as CommonMiddleware sets
                headers = {EXPOSE: "42", "Content-Length": str(len(BODY))}
                return HttpResponse(BODY, content_type="application/json", headers=headers)

            put = post = delete = get

        urls = types.ModuleType("bench_urls")
        urls.urlpatterns = [path("items", Items.as_view())]  # type: ignore[attr-defined]
        sys.modules["bench_urls"] = urls
        settings.configure(
            SECRET_KEY="benchmark-only", ALLOWED_HOSTS=[HOST], ROOT_URLCONF="bench_urls",
            INSTALLED_APPS=["corsheaders"], LOGGING_CONFIG=None, CORS_ALLOWED_ORIGINS=[ORIGIN],
            CORS_ALLOW_CREDENTIALS=True, CORS_ALLOW_HEADERS=HEADERS, CORS_ALLOW_METHODS=METHODS,
            CORS_EXPOSE_HEADERS=[EXPOSE], CORS_PREFLIGHT_MAX_AGE=MAX_AGE,
        )  # fmt: skip
        django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    settings.MIDDLEWARE = []
    plain = WSGIHandler()
    settings.MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"]
    peer = WSGIHandler()
    return [
        Stack("django", "Django", "base", plain),
        Stack("django_cors", "django-cors-headers", "peer", peer, "list", "listed"),
        wc("wc_django", "wsgi-cors, pass-through", plain, "pass", ORIGIN),
        wc("wc_listed_django", "wsgi-cors, allow_methods=[...]", plain, "listed", ORIGIN),
    ]


def build_stacks(groups: tuple[str, ...] = GROUPS) -> dict[str, Stack]:
    """The stacks of *groups*, by name; frameworks are imported here, not with this module."""
    build = dict(bare=bare_group, falcon=falcon_group, flask=flask_group, django=django_group)
    return {s.name: replace(s, group=group) for group in groups for s in build[group]()}


def call(app: Any, env: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """One request: its status and its headers (lower-case names, repeats joined)."""
    seen: list[Any] = []
    body = app(dict(env), lambda status, headers, exc_info=None: seen.extend([status, headers]))
    b"".join(body)
    getattr(body, "close", lambda: None)()
    headers: dict[str, str] = {}
    for name, value in seen[1]:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return seen[0][:3], headers


def problems(stack: Stack, kind: str, status: str, headers: dict[str, str]) -> list[str]:
    """What is wrong with an answer (peers: only what differs from the policy)."""
    cors = {n: v for n, v in headers.items() if n.startswith("access-control-")}
    star, preflight = stack.policy == "star", kind in ("preflight", "hostile")
    allowed = star or kind not in ("get_no_origin", "get_disallowed")
    vary = {token.strip().lower() for token in headers.get("vary", "").split(",")}
    out = [] if star or "origin" in vary else ["no Vary: Origin"]
    if stack.role == "peer":
        sends = "access-control-allow-origin" in cors
        return out + ([f"Access-Control-Allow-Origin sent: {sends}"] if sends != allowed else [])
    if stack.role in ("base", "floor"):  # the app's own answer, untouched
        out = [f"status {status}, CORS {cors}"] if status != "200" or cors else []
        return out + (["no Allow"] if preflight and "allow" not in headers else [])
    if kind == "hostile" and not cors:  # an 8 KiB ACRH may be refused, never half-answered
        refused = "200" if stack.preflight == "pass" else "403"
        return out + ([f"status {status}, expected {refused}"] if status != refused else [])
    want = {"access-control-allow-origin": "*" if star else ORIGIN}
    if not star:
        want["access-control-allow-credentials"] = "true"
        want["access-control-expose-headers"] = EXPOSE  # on every allowed answer, as Falcon
    if not preflight:
        if not allowed or (star and kind == "get_no_origin" and not cors):
            want = {}  # without Origin API 0.2 asks for "*", older code sends nothing: both timed
    else:
        want["access-control-allow-headers"] = ACRH if kind == "preflight" else HOSTILE
        want["access-control-max-age"] = str(MAX_AGE)
        methods = cors.get("access-control-allow-methods", "")
        want["access-control-allow-methods"] = methods
        if "PUT" not in methods or "allow" in headers:  # "PUT", or the app's Allow
            out.append("Allow not turned into Access-Control-Allow-Methods with PUT")
    expect = "204" if preflight and stack.preflight != "pass" else "200"
    out += [f"status {status}, expected {expect}"] if status != expect else []
    return out + ([f"CORS headers {cors}, expected {want}"] if cors != want else [])
