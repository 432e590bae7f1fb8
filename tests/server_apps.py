"""The applications the real-server tests serve, importable by module path, so that
gunicorn (a subprocess) loads exactly what waitress serves in-process:

``load('falcon')`` / ``load('flask')`` / ``load('django')``
    the counted ``/items`` application of that framework (``apps.py``) wrapped with
    :data:`LOAD_POLICY`, the README's way (Flask: ``app.wsgi_app``);
``faults()``
    misbehaving applications behind one ``CORSMiddleware`` (:data:`FAULT_POLICY`):
    each route fails in its own way and records what happened (the calls that reach it,
    its body's ``close()``) as lines in the file named by ``WSGI_CORS_TEST_EVENTS``;
``policies()``
    an echo application behind one ``CORSMiddleware`` per kind of policy
    (:data:`POLICY_KINDS`), chosen by the request's ``X-Policy`` header, so that the
    path the server decoded reaches the chosen middleware untouched.

For gunicorn: ``python -m gunicorn --pythonpath tests "server_apps:load('falcon')"``.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs

from apps import make_counted_app, setup_cors
from wsgi_cors import CORSMiddleware, CORSSecurityWarning

# -- the load mix's policy ------------------------------------------------------------------

#: Gets credentials.
TRUSTED = "https://app.example.com"
#: The only origin the ``/admin`` entry of the ``paths-root`` policy allows.
ADMIN = "https://admin.example.com"
#: Allowed without credentials.
PARTNER = "http://partner.example:8080"
#: Every subdomain of tenant.example.com on https, with credentials.
TENANTS = "https://*.tenant.example.com"
EXPOSED = "X-Request-Id"
LOAD_POLICY: dict[str, Any] = {
    "allow_origins": [TRUSTED, PARTNER, TENANTS],
    "allow_credentials": [TRUSTED, TENANTS],
    "expose_headers": [EXPOSED],
    "allow_methods": ["GET", "PUT"],
    "allow_headers": ["content-type", "x-token"],
    "max_age": 600,
}

#: The frameworks :func:`load` serves (names in ``apps.make_counted_app``).
LOAD_FRAMEWORKS = {"falcon": "falcon", "flask": "flask", "django": "django-function"}


def load(framework: str) -> Callable[..., Any]:
    """The counted ``/items`` application of *framework* wrapped with
    :data:`LOAD_POLICY` (a fresh one per call)."""
    return load_counted(framework)[0]


def load_counted(framework: str) -> tuple[Callable[..., Any], Any]:
    """:func:`load`'s application and its :class:`apps.CountedApp` (whose view counter
    an in-process server's test can read)."""
    counted = make_counted_app(LOAD_FRAMEWORKS[framework])
    return setup_cors(counted, **LOAD_POLICY), counted


# -- faults ---------------------------------------------------------------------------------

EVENTS_ENV = "WSGI_CORS_TEST_EVENTS"
FAULT_POLICY: dict[str, Any] = {
    "allow_origins": [TRUSTED],
    "allow_credentials": [TRUSTED],
    "expose_headers": [EXPOSED],
}
#: A streamed body: this many chunks of :data:`STREAM_CHUNK` bytes at most (far more
#: than socket buffers hold, so a server writing to a client that went away fails long
#: before the end), :data:`STREAM_PAUSE` seconds apart.
STREAM_CHUNKS = 4000
STREAM_CHUNK = 64 * 1024
STREAM_PAUSE = 0.002


class Events:
    """Appends ``"<event> <request id> <detail>"`` lines to a file, one ``write`` each
    (``O_APPEND``: lines from processes and threads never mix)."""

    def __init__(self, path: str | None) -> None:
        self.path = path

    def __call__(self, event: str, request_id: str, detail: str = "") -> None:
        if not self.path:
            return
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, f"{event} {request_id} {detail}\n".encode())
        finally:
            os.close(fd)


def read_events(path: str) -> list[tuple[str, str, str]]:
    """The ``(event, request id, detail)`` lines :class:`Events` wrote to *path*."""
    try:
        with open(path, encoding="utf-8") as events:
            lines = events.read().splitlines()
    except FileNotFoundError:
        return []
    return [tuple((line.split(" ", 2) + ["", ""])[:3]) for line in lines]  # type: ignore[misc]


class CountedBody:
    """A body iterable that records its ``close()`` calls and how many chunks it gave;
    it can fail after *fail_after* chunks and pause between chunks."""

    def __init__(
        self,
        events: Events,
        request_id: str,
        chunks: int,
        size: int,
        fail_after: int | None = None,
        pause: float = 0.0,
        first: bytes | None = None,
    ) -> None:
        self.events = events
        self.request_id = request_id
        self.chunks = chunks
        self.size = size
        self.fail_after = fail_after
        self.pause = pause
        self.first = first
        self.produced = 0

    def __iter__(self) -> Iterator[bytes]:
        for i in range(self.chunks):
            if i == self.fail_after:
                raise RuntimeError("deliberate failure mid-stream (server_apps)")
            if i and self.pause:
                time.sleep(self.pause)
            self.produced += 1
            yield self.first if (i == 0 and self.first is not None) else b"x" * self.size

    def close(self) -> None:
        self.events("close", self.request_id, f"produced={self.produced}")


def _streamed_generator(
    events: Events, request_id: str, start_response: Callable[..., Any]
) -> Iterator[bytes]:
    """A generator application's body: ``start_response`` on the first ``next()``,
    then chunks until the server stops asking; its ``finally`` records the end."""
    produced = 0
    try:
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        for i in range(STREAM_CHUNKS):
            if i:
                time.sleep(STREAM_PAUSE)
            produced += 1
            yield b"g" * STREAM_CHUNK
    finally:
        events("close", request_id, f"produced={produced}")


def fault_app(events: Events) -> Callable[..., Any]:
    """The misbehaving application, unwrapped; every route records its call."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request_id = parse_qs(environ.get("QUERY_STRING", "")).get("id", ["-"])[0]
        route = environ.get("PATH_INFO", "")
        events("call", request_id, route)
        if route == "/raise-before":
            raise RuntimeError("deliberate failure before start_response (server_apps)")
        if route == "/raise-midstream":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return CountedBody(events, request_id, chunks=3, size=16, fail_after=1)
        if route == "/exc-info":
            start_response("200 OK", [("Content-Type", "text/plain"), ("X-First", "1")])
            try:
                raise ValueError("deliberate failure after start_response (server_apps)")
            except ValueError:
                body = b"error page"
                start_response(
                    "500 Internal Server Error",
                    [
                        ("Content-Type", "text/plain"),
                        ("Content-Length", str(len(body))),
                        ("X-Second", "1"),
                    ],
                    sys.exc_info(),
                )
            return CountedBody(events, request_id, chunks=1, size=0, first=body)
        if route == "/stream":
            start_response("200 OK", [("Content-Type", "application/octet-stream")])
            return CountedBody(events, request_id, STREAM_CHUNKS, STREAM_CHUNK, pause=STREAM_PAUSE)
        if route == "/stream-generator":
            return _streamed_generator(events, request_id, start_response)
        body = json.dumps({"ok": True, "origin": environ.get("HTTP_ORIGIN")}).encode()
        start_response(
            "200 OK",
            [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
        )
        return CountedBody(events, request_id, chunks=1, size=0, first=body)

    return app


def faults(events_path: str | None = None) -> Callable[..., Any]:
    """:func:`fault_app` wrapped with :data:`FAULT_POLICY`, recording to
    *events_path* (default: the file named by ``WSGI_CORS_TEST_EVENTS``)."""
    events = Events(events_path or os.environ.get(EVENTS_ENV))
    return CORSMiddleware(fault_app(events), **FAULT_POLICY)


# -- one middleware per kind of policy ------------------------------------------------------


def _sloppy_tenant_lookup(origin: str) -> bool:
    """A user's callable as written in a hurry: a prefix test, which says yes to any
    junk that starts like a tenant's origin."""
    return origin.startswith("https://x.example.net")


#: The options of each kind of policy; :data:`FOLDED` has the attack for each.
POLICY_KINDS: dict[str, dict[str, Any]] = {
    "list": {"allow_origins": [TRUSTED], "allow_credentials": [TRUSTED]},
    "subdomain": {"allow_origins": ["https://*.example.com"], "allow_credentials": "*"},
    # A loose user pattern: ".+" also matches a space and what follows it.
    "regex": {"allow_origin_regex": r"https://.+\.example\.org", "allow_credentials": "*"},
    "star": {},
    "star-credentials": {
        "allow_origins": "*",
        "allow_credentials": "*",
        "dangerously_allow_any_origin_with_credentials": True,
    },
    "callables": {
        "allow_origins": [_sloppy_tenant_lookup],
        "allow_credentials": [_sloppy_tenant_lookup],
    },
    # Per-path policies (flask-cors's CVE-2024-68xx advisories): see test_attacks.py.
    "paths": {
        "allow_origins": [TRUSTED],
        "paths": {
            "/a+b": {},
            "/api": {"allow_origins": "*"},
            "/api/admin": {},
            re.compile(r"/files/private/.*"): {},
            re.compile(r"/files/(?:public|private|shared)/.*\.(?:png|jpg|gif)"): {
                "allow_origins": "*"
            },
            re.compile("/men\u00fc/[a-z]+"): {},  # /menü/..., written as text
        },
    },
    # A root entry for the front end, a stricter one for /admin: a path that would
    # escape "/admin" by an empty segment (//admin) must not get the root's policy.
    "paths-root": {
        "allow_origins": [TRUSTED],
        "allow_credentials": [TRUSTED],
        "paths": {
            "/": {},
            "/admin": {"allow_origins": [ADMIN], "allow_credentials": [ADMIN]},
        },
    },
}

#: For each kind of policy, an ``Origin`` header folded over two lines (obs-fold):
#: the first line an origin the policy allows, or one a sloppy check would; the
#: continuation line what an attacker wants in the response.
FOLDED: dict[str, tuple[str, str]] = {
    "list": (TRUSTED, "X-Injected: x"),
    "subdomain": ("https://x.example.com", "X-Injected: y.example.com"),
    "regex": ("https://x.example.org", "X-Injected: y.example.org"),
    "star": ("https://x.example.com", "X-Injected: x"),
    "star-credentials": ("https://x.example.com", "X-Injected: x"),
    "callables": ("https://x.example.net", "X-Injected: x"),
}


def echo_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    """Answers JSON: the ``Origin`` and ``PATH_INFO`` it was given."""
    body = json.dumps(
        {"origin": environ.get("HTTP_ORIGIN"), "path": environ.get("PATH_INFO")}
    ).encode()
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]


def policies() -> Callable[..., Any]:
    """A dispatcher to one ``CORSMiddleware(echo_app, ...)`` per kind of policy, by the
    request's ``X-Policy`` header (``list`` when absent)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CORSSecurityWarning)  # star-credentials
        wrapped = {kind: CORSMiddleware(echo_app, **o) for kind, o in POLICY_KINDS.items()}

    def dispatch(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        return wrapped[environ.get("HTTP_X_POLICY", "list")](environ, start_response)

    return dispatch
