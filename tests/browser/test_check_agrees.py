"""``wsgi-cors check`` agrees with Chromium: for each (server configuration, request) of
:data:`MATRIX`, a page on the request's origin makes the ``fetch()`` in headless
Chromium, ``check`` makes the same request from this process, and

* Chromium lets the script read the response (and the header asked for) exactly when
  ``check`` exits 0;
* the server saw the same requests from both, in the same order: whether a preflight was
  sent, its ``Access-Control-Request-Method`` and ``Access-Control-Request-Headers``
  (lower case, sorted, ``,`` without a space), and whether the request itself followed.

The configurations span wsgi-cors, ``falcon.CORSMiddleware`` and ``cors_enable=True``,
flask-cors and the misconfigured plain applications of ``tests/check_servers.py``, all
mounted in one waitress server behind the conftest's :class:`RequestLog`, plus two plain
applications in a :mod:`wsgiref` server for methods spelt in lower case, which waitress
refuses with 400 (``fetch()`` sends ``patch`` as written). Every case has its own URL
(``?k=``), so no answer comes from Chromium's preflight cache.

Where Chromium departs from the Fetch standard, ``check`` follows the stricter of the
two and the two verdicts differ by design: :data:`KNOWN_DISAGREEMENTS` holds those cases
and asserts the disagreement itself, so that a Chromium that comes round to the
standard shows up here.
"""

from __future__ import annotations

import contextlib
import io
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from check_servers import (
    MISCONFIGURED,
    Misconfigured,
    Mount,
    falcon_cors_enable,
    falcon_cors_middleware,
    flask_cors_app,
    items_app,
    wsgi_cors_app,
)
from wsgi_cors import enable_cors
from wsgi_cors.__main__ import main

pytestmark = pytest.mark.browser

# Origin templates (conftest.PagePorts): the page's origin, and one no policy allows.
PAGE = "http://localhost:{P}"
OTHER = "http://localhost:{Q}"

JSON = ("Content-Type", "application/json")
TOKEN = ("X-Token", "t")


@dataclass(frozen=True)
class Case:
    """``fetch(URL of app, {method, headers, credentials})`` from a page on *origin*;
    *read*: the response header the script wants."""

    app: str
    method: str = "GET"
    headers: tuple[tuple[str, str], ...] = ()
    credentials: bool = False
    read: str | None = None
    origin: str = PAGE

    @property
    def id(self) -> str:
        parts = [self.app, self.method, *(f"{n}={v[:12]}" for n, v in self.headers)]
        if self.credentials:
            parts.append("credentials")
        if self.read:
            parts.append(f"read={self.read}")
        if self.origin != PAGE:
            parts.append("other-origin")
        return ":".join(parts)


MATRIX = [
    # wsgi-cors, one origin with credentials, lists of methods and headers.
    Case("wsgi-cors-listed"),
    Case("wsgi-cors-listed", credentials=True, read="X-Request-Id"),
    Case("wsgi-cors-listed", "PUT", (JSON, TOKEN), credentials=True),
    Case("wsgi-cors-listed", "DELETE"),
    Case("wsgi-cors-listed", headers=(("X-Other", "1"),)),
    Case("wsgi-cors-listed", origin=OTHER),
    Case("wsgi-cors-listed", "PUT", (JSON,), origin=OTHER),
    Case("wsgi-cors-listed", read="X-Secret"),
    Case("wsgi-cors-listed", "POST", (("Content-Type", "text/plain;charset=UTF-8"),)),
    Case("wsgi-cors-listed", "POST", (("Content-Type", 'text/plain; charset="utf-8"'),)),
    Case("wsgi-cors-listed", headers=(("Range", "bytes=0-10"),)),
    Case("wsgi-cors-listed", headers=(("Range", "bytes=-10"),)),
    Case("wsgi-cors-listed", headers=(("Accept", "a" * 128),)),
    Case("wsgi-cors-listed", headers=(("Accept", "a" * 129),)),
    Case("wsgi-cors-listed", headers=(("Accept-Language", "en_US"),)),
    # Two values of one name are joined before the safelist (Chromium; see check.py).
    Case("wsgi-cors-listed", headers=(("Accept", "a" * 50), ("Accept", "b" * 50))),
    Case("wsgi-cors-listed", headers=(("Accept", "a" * 100), ("Accept", "b" * 100))),
    # A forbidden request-header is dropped by fetch(): no preflight for it.
    Case("wsgi-cors-listed", headers=(("X-HTTP-Method-Override", "TRACE"),)),
    Case("wsgi-cors-listed", "post", (JSON,)),  # normalized to POST
    # enable_cors: any origin, '*', no credentials, nothing exposed.
    Case("wsgi-cors-any", "PUT", (JSON,)),
    Case("wsgi-cors-any", credentials=True),
    Case("wsgi-cors-any", read="X-Request-Id"),
    Case("wsgi-cors-any", read="Content-Type"),
    Case("wsgi-cors-any", "PATCH", (TOKEN,)),
    Case("wsgi-cors-any", "HEAD", (TOKEN,)),
    Case("wsgi-cors-any", "delete"),  # normalized to DELETE
    Case("wsgi-cors-any", headers=(("Authorization", "Bearer x"),)),
    # wsgi-cors passing preflights to the application (its Allow becomes ACAM).
    Case("wsgi-cors-pass-through", "PATCH"),
    Case("wsgi-cors-pass-through", "PUT", origin=OTHER),
    # falcon.CORSMiddleware with one origin and credentials (no Vary: a warning only).
    Case("falcon-mw", credentials=True, read="X-Request-Id"),
    Case("falcon-mw", "PUT", (JSON,), credentials=True),
    Case("falcon-mw", origin=OTHER),
    Case("falcon-mw", read="X-Secret"),
    Case("falcon-mw", "DELETE", (TOKEN,), origin=OTHER),
    # falcon.App(cors_enable=True).
    Case("falcon-enable", "PUT", (JSON,)),
    Case("falcon-enable", credentials=True),
    Case("falcon-enable", "QUERY"),
    # flask-cors with one origin, credentials and lists; and with its defaults.
    Case("flask-cors", "PUT", (JSON, TOKEN), credentials=True, read="X-Request-Id"),
    Case("flask-cors", headers=(("X-Other", "1"),)),
    Case("flask-cors", "DELETE"),
    Case("flask-cors", origin=OTHER),
    Case("flask-cors-default", "PUT", (JSON,)),
    Case("flask-cors-default", credentials=True),
    # Plain applications that get CORS wrong (tests/check_servers.py).
    Case("acao-star-with-credentials"),
    Case("acao-star-with-credentials", credentials=True),
    Case("acao-star-with-credentials", "PUT", credentials=True),
    Case("wrong-origin"),
    Case("preflight-404"),
    Case("preflight-404", "PUT", (JSON,)),
    Case("acam-missing-method", "PUT"),
    Case("acam-lower-case", "PUT"),
    Case("acah-missing-header", "PUT", (JSON,)),
    Case("acah-missing-header", headers=(TOKEN,)),
    Case("acah-star", "PATCH", (TOKEN,)),
    Case("no-vary", "PUT", read="X-Request-Id"),
    Case("two-acao"),
    Case("acac-capital-true", credentials=True),
    Case("credentials-no-acac", credentials=True),
    Case("trailing-slash"),
    Case("redirect-preflight", "PUT"),
    Case("multiple-choices"),  # 300 with a Location: no redirect status, not followed
    # Heads Chromium's network layer fails before CORS (helper-144: check said ALLOWED).
    Case("disposition-comma"),
    Case("disposition-quoted"),
    Case("preflight-disposition-comma", "PUT"),
    Case("proxy-auth"),
    Case("created-two-locations", "POST"),
    # Over a signed 64-bit integer: the standard safelists it, Chromium preflights it.
    Case("preflight-404", headers=(("Range", f"bytes={2**63}-"),)),
    Case("expose-star", read="X-Request-Id"),
    Case("expose-star", credentials=True, read="X-Request-Id"),
    Case("expose-star", read="Set-Cookie"),
    # Methods fetch() sends as written, compared byte for byte (a wsgiref server).
    Case("lower:acam-PATCH", "patch"),
    Case("lower:acam-patch", "patch"),
    Case("lower:acam-patch", "PATCH"),
]

#: Chromium and the Fetch standard disagree, and check follows the standard: Chromium
#: allows what check (exit 1) refuses. Each with the reason, and where Chromium came
#: round to the standard, the last major version seen to disagree and the first seen
#: to agree (Debian's chromium 150 and 156), else None.
KNOWN_DISAGREEMENTS = [
    (
        Case("acah-star", headers=(("Authorization", "Bearer x"),)),
        "Access-Control-Allow-Headers: * does not cover Authorization (Fetch, CORS "
        "non-wildcard request-header name); Chromium lets it",
        None,
    ),
    (
        Case("preflight-404", headers=(("User-Agent", "wsgi-cors-test"),)),
        "the standard lets a script set User-Agent, so it needs a preflight (which fails "
        "here); Chromium drops the script's User-Agent and sends no preflight",
        None,
    ),
    (
        Case("preflight-404", headers=(("Access-Control-Request-Private-Network", "true"),)),
        "not a forbidden request-header in the standard, so it needs a preflight; Chromium "
        "drops it and sends no preflight",
        (150, 156),
    ),
    (
        Case("preflight-404", headers=(("DPR", "2"),)),
        "client hints are not CORS-safelisted request-headers in the standard; Chromium "
        "sends them with a valid value without a preflight",
        None,
    ),
    (
        Case("preflight-404", headers=(("Range", "bytes=+1-"),)),
        "the standard's range start is ASCII digits only; Chromium takes a sign",
        (150, 156),
    ),
    (
        Case("preflight-404", headers=(("Range", "Bytes=0-1"),)),
        'the standard compares "bytes" byte for byte; Chromium takes any case',
        (150, 156),
    ),
]

#: The plain applications served by wsgiref, for lower-case methods.
LOWER_CASE_APPS = {
    "lower:acam-PATCH": Misconfigured(
        preflight=(
            ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Allow-Methods", "PATCH"),
        ),
        actual=(("Access-Control-Allow-Origin", "*"),),
    ),
    "lower:acam-patch": Misconfigured(
        preflight=(
            ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Allow-Methods", "patch"),
        ),
        actual=(("Access-Control-Allow-Origin", "*"),),
    ),
}


def _apps(page: str) -> dict[str, Any]:
    """Every configuration of the matrix that waitress serves, for a page on *page*."""
    return {
        "wsgi-cors-listed": wsgi_cors_app(
            allow_origins=[page],
            allow_credentials=[page],
            expose_headers=["X-Request-Id"],
            allow_methods=["GET", "POST", "PUT"],
            allow_headers=["Content-Type", "X-Token"],
        ),
        "wsgi-cors-any": enable_cors(items_app),
        "wsgi-cors-pass-through": wsgi_cors_app(allow_origins=[page], allow_methods=None),
        "falcon-mw": falcon_cors_middleware(
            allow_origins=page, allow_credentials=page, expose_headers=["X-Request-Id"]
        ),
        "falcon-enable": falcon_cors_enable(),
        "flask-cors": flask_cors_app(
            origins=[page],
            supports_credentials=True,
            expose_headers=["X-Request-Id"],
            allow_headers=["Content-Type", "X-Token"],
            methods=["GET", "POST", "PUT"],
        ),
        "flask-cors-default": flask_cors_app(),
        **MISCONFIGURED,
    }


class _QuietThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        pass


@contextlib.contextmanager
def _wsgiref(app: Any) -> Iterator[int]:
    """Serve *app* with wsgiref (which takes any method token) on 127.0.0.1."""
    server = make_server(
        "127.0.0.1", 0, app, server_class=_QuietThreadingServer, handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, name="wsgiref-check", daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Servers:
    """The waitress deployment (its browser context holds the pages), and the wsgiref
    server with its own request log."""

    deployment: Any  # conftest.Deployment
    lower_port: int
    lower_log: Any  # conftest.RequestLog

    def url_and_log(self, app: str, key: str) -> tuple[str, Any]:
        if app in LOWER_CASE_APPS:
            return f"http://127.0.0.1:{self.lower_port}/{app}/items?k={key}", self.lower_log
        return self.deployment.url(f"/{app}/items", key), self.deployment.log


@pytest.fixture(scope="module")
def servers(deploy: Callable[..., Any], page_ports: Any) -> Iterator[Servers]:
    pytest.importorskip("flask_cors", reason="flask-cors is in the 'test' extra")
    with deploy(Mount(_apps(page_ports.origin(PAGE)))) as deployment:
        lower_log = type(deployment.log)(Mount(LOWER_CASE_APPS))  # the conftest's RequestLog
        with _wsgiref(lower_log) as port:
            yield Servers(deployment, port, lower_log)


@dataclass(frozen=True)
class Verdicts:
    chromium_ok: bool
    chromium: dict[str, Any]
    check_status: int
    check_output: str
    browser_sent: list[tuple[Any, ...]]
    check_sent: list[tuple[Any, ...]]


def _sent(seen: list[Any]) -> list[tuple[Any, ...]]:
    return [(s.method, s.origin, s.request_method, s.request_headers) for s in seen]


def _both(servers: Servers, page_ports: Any, case: Case) -> Verdicts:
    """Chromium's fetch, then check's, on one fresh URL."""
    key = f"{case.app}-{uuid.uuid4().hex}"
    url, log = servers.url_and_log(case.app, key)
    origin = page_ports.origin(case.origin)
    (result,) = servers.deployment.pages.fetch(
        origin,
        url,
        method=case.method,
        headers=[list(pair) for pair in case.headers],
        body=None,
        credentials="include" if case.credentials else "same-origin",
    )
    chromium_ok = bool(result["ok"]) and (
        case.read is None or case.read.lower() in result["headers"]
    )
    browser_sent = _sent(log.requests(key))

    argv = ["check", url, "--origin", origin, "--method", case.method, "--timeout", "10"]
    for name, value in case.headers:
        argv += ["--header", f"{name}: {value}"]
    if case.credentials:
        argv.append("--credentials")
    if case.read:
        argv += ["--read-header", case.read]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(argv)
    check_sent = _sent(log.requests(key))[len(browser_sent) :]
    return Verdicts(chromium_ok, result, status, out.getvalue(), browser_sent, check_sent)


def test_matrix_size() -> None:
    layers = {c.app.split("-")[0] for c in MATRIX}
    assert len(MATRIX) >= 30
    assert {"wsgi", "falcon", "flask"} <= layers


@pytest.mark.parametrize("case", MATRIX, ids=[c.id for c in MATRIX])
def test_check_agrees_with_chromium(servers: Servers, page_ports: Any, case: Case) -> None:
    v = _both(servers, page_ports, case)
    assert v.check_status in (0, 1), v.check_output
    assert (v.check_status == 0) == v.chromium_ok, (
        f"Chromium {'allowed' if v.chromium_ok else 'blocked'} it ({v.chromium}), "
        f"check exited {v.check_status}:\n{v.check_output}"
    )
    assert v.check_sent == v.browser_sent, (
        f"Chromium sent {v.browser_sent}, check sent {v.check_sent}:\n{v.check_output}"
    )


@pytest.mark.parametrize(
    ("case", "why", "came_round"),
    KNOWN_DISAGREEMENTS,
    ids=[c.id for c, _, _ in KNOWN_DISAGREEMENTS],
)
def test_known_disagreements(
    servers: Servers,
    page_ports: Any,
    browser: Any,
    case: Case,
    why: str,
    came_round: tuple[int, int] | None,
) -> None:
    """Chromium allows it, the standard does not, and check says so (exit 1). Where
    Chromium has come round to the standard, the Chromium under test is held to the
    version it runs: from the first version seen to agree, it blocks the request too and
    sends what check sends. If this fails because Chromium now blocks it too, record the
    versions in KNOWN_DISAGREEMENTS."""
    v = _both(servers, page_ports, case)
    assert v.check_status == 1, v.check_output
    major = int(browser.version.split(".")[0])
    if came_round is not None and major >= came_round[1]:
        assert not v.chromium_ok, f"Chromium {major} allowed it again ({why}): {v.chromium}"
        assert v.check_sent == v.browser_sent, (v.browser_sent, v.check_sent)
    elif came_round is None or major <= came_round[0]:
        assert v.chromium_ok, f"Chromium {major} follows the standard here ({why}): {v.chromium}"
