"""Every framework, the way users run it: a real application behind a real server.

For each counted application in ``apps.py`` (Django function and class-based views,
Pyramid, Bottle, Flask, Falcon, WebOb, plain WSGI), set up with the README's line for
its framework (:func:`apps.setup_cors`), in two variants:

``enable_cors``
    ``enable_cors(app)``: every origin, ``Access-Control-Allow-Origin: *``;
``listed``
    ``CORSMiddleware(app, allow_origins=["http://allowed.test"])``.

Each is served by a threaded waitress server on 127.0.0.1 and called with
``http.client``: the browser-like preflight of a JSON ``PUT`` with a custom header is
answered by the middleware (``204``) without the view running, the actual ``PUT``
reaches the view and its JSON answer carries ``Access-Control-Allow-Origin``, and an
origin the listed variant does not allow gets no ``Access-Control-*`` header at all.
The counters are in the views (see ``apps.py``), so they count what the framework
actually ran, not what reached the WSGI application.

Marked ``servers``: run with ``python -m pytest -m servers``.
"""

from __future__ import annotations

import contextlib
import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

import real_servers
from apps import COUNTED_FRAMEWORKS, ITEMS, CountedApp, make_counted_app, setup_cors, updated

pytestmark = pytest.mark.servers

ALLOWED = "http://allowed.test"
EVIL = "https://evil.example"
#: Seconds: for connecting to and reading from the server, and for stopping it.
TIMEOUT = 5

VARIANTS: dict[str, dict[str, Any]] = {
    "enable_cors": {},
    "listed": {"allow_origins": [ALLOWED]},
}

PREFLIGHT = {
    "Access-Control-Request-Method": "PUT",
    "Access-Control-Request-Headers": "content-type, x-token",
}
PUT_BODY = {"name": "widget", "qty": 2}
PUT_HEADERS = {"Content-Type": "application/json", "X-Token": "t0ken"}


# -- the server and the client ------------------------------------------------------------


@contextlib.contextmanager
def serve(app: Any) -> Iterator[int]:
    """Serve *app* with waitress (4 threads) on 127.0.0.1 (:func:`real_servers.waitress`,
    whose way out also survives the trigger's pipe being closed already, which a CI
    run hit here with a copy of it that did not); yield the port."""
    with real_servers.waitress(app) as server:
        yield server.port


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def get(self, name: str) -> str | None:
        values = [v for k, v in self.headers if k.lower() == name.lower()]
        return ", ".join(values) if values else None

    def cors(self) -> dict[str, str]:
        """The ``Access-Control-*`` headers, by lower-cased name."""
        return {k.lower(): v for k, v in self.headers if k.lower().startswith("access-control-")}

    def vary(self) -> set[str]:
        """The ``Vary`` field names, lower-cased."""
        return {token.strip().lower() for token in (self.get("Vary") or "").split(",")} - {""}

    def json(self) -> Any:
        return json.loads(self.body)


def request(port: int, method: str, headers: dict[str, str], body: bytes | None = None) -> Reply:
    """One request to ``/items`` on its own connection, read to the end."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request(method, "/items", body=body, headers=headers)
        response = connection.getresponse()
        return Reply(response.status, response.getheaders(), response.read())
    finally:
        connection.close()


# -- the fixture ------------------------------------------------------------------------------


@dataclass
class Served:
    counted: CountedApp
    variant: str
    port: int

    @property
    def origin(self) -> str:
        """The origin the requests come from: one the variant allows."""
        return ALLOWED

    @property
    def allow_origin(self) -> str:
        """The ``Access-Control-Allow-Origin`` the allowed origin gets."""
        return "*" if self.variant == "enable_cors" else ALLOWED

    def request(
        self, method: str, headers: dict[str, str], body: bytes | None = None
    ) -> tuple[Reply, list[str]]:
        """The reply, and the methods of the calls its request made to the view."""
        before = self.counted.views.count
        reply = request(self.port, method, headers, body)
        return reply, self.counted.views.methods[before:]


DEPLOYMENTS = [(framework, variant) for framework in COUNTED_FRAMEWORKS for variant in VARIANTS]


@pytest.fixture(scope="module", params=DEPLOYMENTS, ids=[f"{f}-{v}" for f, v in DEPLOYMENTS])
def served(request: pytest.FixtureRequest) -> Iterator[Served]:
    framework, variant = request.param
    counted = make_counted_app(framework)
    with serve(setup_cors(counted, **VARIANTS[variant])) as port:
        yield Served(counted, variant, port)


# -- the tests ----------------------------------------------------------------------------------


def test_preflight_is_answered_without_the_view(served: Served) -> None:
    reply, calls = served.request("OPTIONS", {"Origin": served.origin, **PREFLIGHT})
    assert calls == []
    assert reply.status == 204, reply
    assert reply.body == b""
    assert reply.get("Allow") is None  # not the framework's own OPTIONS answer
    assert reply.cors() == {
        "access-control-allow-origin": served.allow_origin,
        "access-control-allow-methods": "PUT",
        "access-control-allow-headers": "content-type, x-token",
        "access-control-max-age": "86400",
    }
    if served.variant == "listed":
        assert "origin" in reply.vary()


def test_put_reaches_the_view(served: Served) -> None:
    headers = {"Origin": served.origin, **PUT_HEADERS}
    reply, calls = served.request("PUT", headers, json.dumps(PUT_BODY).encode())
    assert calls == ["PUT"]
    assert 200 <= reply.status < 300, reply
    assert (reply.get("Content-Type") or "").startswith("application/json")
    assert reply.json() == updated(PUT_BODY)
    assert reply.cors() == {"access-control-allow-origin": served.allow_origin}
    if served.variant == "listed":
        assert "origin" in reply.vary()


def test_get_reaches_the_view(served: Served) -> None:
    reply, calls = served.request("GET", {"Origin": served.origin})
    assert calls == ["GET"]
    assert reply.status == 200, reply
    assert reply.json() == ITEMS
    assert reply.cors() == {"access-control-allow-origin": served.allow_origin}


def test_other_origin(served: Served) -> None:
    """``enable_cors(app)`` lets any origin read, *evil* too; the listed variant
    sends that origin no ``Access-Control-*`` header at all."""
    preflight, calls = served.request("OPTIONS", {"Origin": EVIL, **PREFLIGHT})
    assert calls == []
    # The actual requests are not the middleware's to refuse: they reach the view; a
    # browser keeps an answer without CORS headers from the page.
    get, get_calls = served.request("GET", {"Origin": EVIL})
    put, put_calls = served.request(
        "PUT", {"Origin": EVIL, **PUT_HEADERS}, json.dumps(PUT_BODY).encode()
    )
    assert (get_calls, put_calls) == (["GET"], ["PUT"])
    assert get.status == 200 and get.json() == ITEMS
    assert 200 <= put.status < 300 and put.json() == updated(PUT_BODY)

    if served.variant == "enable_cors":
        assert preflight.status == 204, preflight
        assert preflight.cors()["access-control-allow-origin"] == "*"
        assert get.cors() == put.cors() == {"access-control-allow-origin": "*"}
        return

    assert preflight.status == 403, preflight
    for reply in (preflight, get, put):
        assert reply.cors() == {}, reply
        assert "origin" in reply.vary(), reply
