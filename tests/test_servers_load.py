"""Real servers under a mixed load (issue 14, item 1).

gunicorn (sync workers, and gthread workers) and uWSGI (worker processes, and threads;
behind its ``--http`` router, with keep-alive) as subprocesses, and waitress in a
thread, serve the Falcon, Flask and Django ``/items`` applications of
``server_apps.py``, each wrapped with :data:`server_apps.LOAD_POLICY`. Sixteen client
threads, each with its own ``http.client`` connection kept alive where the server
allows it (gunicorn's sync workers close every connection; ``http.client`` then opens
a new one), send
:data:`REQUESTS` requests of a fixed mix (:func:`mix`): allowed GETs with and without
credentials, requests without ``Origin``, disallowed origins (look-alikes, ``null``,
ever new ones), preflights the middleware answers (allowed, and denied for the origin,
the method or a header), credentialed PUTs with JSON bodies, subdomain-pattern
origins at one and two levels, and ``OPTIONS`` requests that are not preflights. More
than a thousand of the origins in each run are new (more than the policy's memo of
1,024 matched origins holds, so it is emptied while 16 connections use it).

Every response is checked against :func:`expected`, an oracle written from the README
(differences 1 and 6), docs/configuration.rst ('The options') and the Fetch standard, not
from the package: its status, each ``Access-Control-*`` header (each at most once),
``Vary`` (exactly ``Origin``, once) and its body. A run passes
with zero wrong responses, zero client errors and no traceback in the server's log.
The numbers are bounded (requests, and time-outs on every socket); no time is asserted.
"""

from __future__ import annotations

import http.client
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any

import pytest

import real_servers
import server_apps
from apps import ACAC, ACAH, ACAM, ACAO, ACEH, ACMA, ITEMS, updated
from server_apps import EXPOSED, PARTNER, TRUSTED

pytestmark = pytest.mark.servers

#: Requests per run (one server, one framework).
REQUESTS = 3000
CONNECTIONS = 16

# -- the oracle (README, docs/configuration.rst, the Fetch standard; not wsgi_cors) ----------

_TENANT = re.compile(r"https://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+tenant\.example\.com")
ALLOWED_METHODS = {"GET", "PUT"}
ALLOWED_HEADERS = {"content-type", "x-token"}


def allowed(origin: str | None) -> bool:
    return origin is not None and (origin in (TRUSTED, PARTNER) or bool(_TENANT.fullmatch(origin)))


def credentialed(origin: str) -> bool:
    return origin == TRUSTED or bool(_TENANT.fullmatch(origin))


def names(value: str) -> set[str]:
    """A comma-separated list's items, stripped."""
    return {item.strip() for item in value.split(",")} - {""}


@dataclass(frozen=True)
class Request:
    kind: str
    method: str
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    @property
    def preflight(self) -> bool:
        """OPTIONS with a non-empty Access-Control-Request-Method (Fetch standard)."""
        return self.method == "OPTIONS" and bool(self.header("Access-Control-Request-Method"))


def expected(request: Request, status: int, headers: list[tuple[str, str]], body: bytes) -> str:
    """What is wrong with this response to *request*, or ``""``."""
    origin = request.header("Origin")
    cors: dict[str, list[str]] = {}
    for name, value in headers:
        if name.lower().startswith("access-control-"):
            cors.setdefault(name.lower(), []).append(value)
    if any(len(values) > 1 for values in cors.values()):
        return f"a CORS header sent twice: {cors}"
    got = {name: values[0] for name, values in cors.items()}
    vary = [
        token.strip().lower() for n, v in headers if n.lower() == "vary" for token in v.split(",")
    ]
    if vary != ["origin"]:
        return f"Vary is {vary}, not exactly Origin once"

    if request.preflight:
        method = request.header("Access-Control-Request-Method") or ""
        requested = {
            h.lower() for h in names(request.header("Access-Control-Request-Headers") or "")
        }
        if allowed(origin) and method in ALLOWED_METHODS and requested <= ALLOWED_HEADERS:
            assert origin is not None
            if status != 204 or body:
                return f"allowed preflight answered {status} with {body[:60]!r}"
            want = {ACAO: origin, ACMA: "600"}
            if credentialed(origin):
                want[ACAC] = "true"
            if got.get(ACEH, EXPOSED) != EXPOSED:  # a browser ignores it on a preflight
                return f"wrong {ACEH}: {got}"
            rest = {k: v for k, v in got.items() if k not in (ACAM, ACAH, ACEH)}
            if rest != want:
                return f"preflight CORS headers {got}, expected {want}"
            methods = names(got.get(ACAM, ""))
            if method not in methods or not methods <= ALLOWED_METHODS:
                return f"{ACAM} {got.get(ACAM)!r} for {method!r}"
            allowed_headers = {h.lower() for h in names(got.get(ACAH, ""))}
            if not requested <= allowed_headers <= ALLOWED_HEADERS:
                return f"{ACAH} {got.get(ACAH)!r} for {requested}"
            return ""
        if status != 403 or got:
            return f"denied preflight answered {status} with {got}"
        return ""

    # Actual requests (OPTIONS without Access-Control-Request-Method among them).
    want = {}
    if allowed(origin):
        assert origin is not None
        want = {ACAO: origin, ACEH: EXPOSED}
        if credentialed(origin):
            want[ACAC] = "true"
    if got != want:
        return f"CORS headers {got}, expected {want}"
    if request.method == "GET":
        if status != 200 or json.loads(body) != ITEMS:
            return f"GET answered {status} {body[:80]!r}"
    elif request.method == "PUT":
        if not 200 <= status < 300 or json.loads(body) != updated(json.loads(request.body or b"")):
            return f"PUT answered {status} {body[:80]!r}"
    elif status not in (200, 204, 405):  # each framework's own OPTIONS answer
        return f"OPTIONS answered {status}"
    return ""


# -- the mix ----------------------------------------------------------------------------------

DISALLOWED = [
    "https://evil.example",
    "https://app.example.com.evil.io",  # the trusted origin as a prefix
    "https://app.example.com:8443",
    "http://app.example.com",
    "HTTPS://APP.EXAMPLE.COM",
    "https://tenant.example.com",  # the pattern's base is not a subdomain of itself
    "https://eviltenant.example.com",  # shares the suffix "tenant.example.com"
    "https://x.tenant.example.com.evil.io",
    "https://x.tenant.example.com:8443",
    "http://x.tenant.example.com",
    "http://partner.example",
    "null",
    "https://x.tenant.example.com/",
    "https://x_y.tenant.example.com.",
]
REQUESTED = ["content-type, x-token", "X-Token", "content-type,x-token", "Content-Type", ""]


def mix(run: str, count: int = REQUESTS) -> list[Request]:
    """*count* requests of the mix; *run* makes the new origins of this run unlike any
    other run's."""
    requests = []
    for i in range(count):
        new = f"https://u{i}-{run}.tenant.example.com"
        deep = f"https://a{i}.b-{run}.tenant.example.com"
        junk = DISALLOWED[i % len(DISALLOWED)]
        requested = REQUESTED[i % len(REQUESTED)]
        cookie = ("Cookie", f"session={i}")
        put_body = json.dumps({"name": "widget", "qty": i}).encode()
        kinds: list[Request] = [
            Request("allowed-credentialed", "GET", (("Origin", TRUSTED), cookie)),
            Request("allowed", "GET", (("Origin", PARTNER),)),
            Request("subdomain-new", "GET", (("Origin", new), cookie)),
            Request("no-origin", "GET"),
            Request("disallowed", "GET", (("Origin", junk),)),
            Request("disallowed-new", "GET", (("Origin", f"https://evil-{i}-{run}.example"),)),
            Request(
                "preflight",
                "OPTIONS",
                (
                    ("Origin", TRUSTED),
                    ("Access-Control-Request-Method", "PUT"),
                    *((("Access-Control-Request-Headers", requested),) if requested else ()),
                ),
            ),
            Request(
                "preflight-subdomain-new",
                "OPTIONS",
                (
                    ("Origin", deep),
                    ("Access-Control-Request-Method", "PUT"),
                    ("Access-Control-Request-Headers", "content-type"),
                ),
            ),
            Request(
                "preflight-denied-origin",
                "OPTIONS",
                (("Origin", junk), ("Access-Control-Request-Method", "PUT")),
            ),
            Request(
                "preflight-denied-method",
                "OPTIONS",
                (("Origin", PARTNER), ("Access-Control-Request-Method", "PATCH")),
            ),
            Request(
                "preflight-denied-header",
                "OPTIONS",
                (
                    ("Origin", new),
                    ("Access-Control-Request-Method", "PUT"),
                    ("Access-Control-Request-Headers", "content-type, x-evil"),
                ),
            ),
            Request(
                "put-credentialed",
                "PUT",
                (("Origin", TRUSTED), ("Content-Type", "application/json"), cookie),
                put_body,
            ),
            Request(
                "put-subdomain-new",
                "PUT",
                (("Origin", deep), ("Content-Type", "application/json"), ("X-Token", "t")),
                put_body,
            ),
            Request("subdomain-deep-new", "GET", (("Origin", deep),)),
            Request("options-not-preflight", "OPTIONS", (("Origin", PARTNER),)),
        ]
        requests.append(kinds[i % len(kinds)])
    return requests


# -- the client -------------------------------------------------------------------------------


@dataclass
class Outcome:
    sent: int = 0
    wrong: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def drive(port: int, requests: list[Request], connections: int = CONNECTIONS) -> Outcome:
    """Send *requests* over *connections* concurrent connections, check each answer."""
    outcome = Outcome()
    lock = threading.Lock()

    def worker(share: list[Request]) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=real_servers.TIMEOUT)
        try:
            for request in share:
                try:
                    connection.request(
                        request.method, "/items", body=request.body, headers=dict(request.headers)
                    )
                    response = connection.getresponse()
                    body = response.read()
                    problem = expected(request, response.status, response.getheaders(), body)
                except Exception as error:  # a client error counts, it is not raised
                    connection.close()
                    with lock:
                        outcome.errors.append(f"{request}: {error!r}")
                    continue
                with lock:
                    outcome.sent += 1
                    if problem:
                        outcome.wrong.append(f"{request}: {problem}")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(requests[i::connections],), daemon=True)
        for i in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)  # a hang guard only: every socket has a time-out
        assert not thread.is_alive(), "a client thread hung"
    return outcome


def check(outcome: Outcome, count: int, log: str) -> None:
    assert outcome.errors == [], f"{len(outcome.errors)} errors, first: {outcome.errors[:5]}"
    assert outcome.wrong == [], f"{len(outcome.wrong)} wrong, first: {outcome.wrong[:5]}"
    assert outcome.sent == count
    assert real_servers.tracebacks(log) == [], log[-3000:]


def test_the_mix_covers_the_cases() -> None:
    """The mix has what the issue asks for: over a thousand new origins per run
    (more than the 1,024 the policy's memo keeps), and every kind in numbers."""
    requests = mix("x")
    origins = {r.header("Origin") for r in requests} - {None}
    assert len(origins) > 1100
    kinds = {r.kind for r in requests}
    assert len(kinds) == 15
    assert sum(r.preflight for r in requests) >= REQUESTS // 4
    assert sum(r.header("Cookie") is not None for r in requests) >= REQUESTS // 5


# -- the runs ---------------------------------------------------------------------------------

FRAMEWORKS = list(server_apps.LOAD_FRAMEWORKS)
GUNICORN_WORKERS = {
    # Sync workers: one request at a time each, every connection closed after it.
    "sync": {"worker_class": "sync", "workers": 2},
    # Threads: keep-alive connections, 8 requests at once in one process.
    "gthread": {"worker_class": "gthread", "workers": 1, "threads": 8},
}


@pytest.fixture(scope="module", params=FRAMEWORKS)
def framework(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("worker", list(GUNICORN_WORKERS))
def test_gunicorn_mixed_load(framework: str, worker: str) -> None:
    options: dict[str, Any] = GUNICORN_WORKERS[worker]
    with real_servers.gunicorn(f"server_apps:load({framework!r})", **options) as server:
        requests = mix(f"g{worker}{framework}")
        outcome = drive(server.port, requests)
        log = server.stderr()
    check(outcome, len(requests), log)


UWSGI_WORKERS = {
    # Two worker processes of one thread each.
    "processes": {"processes": 2},
    # Threads: 8 requests at once in one process.
    "threads": {"threads": 8},
}


@pytest.mark.parametrize("worker", list(UWSGI_WORKERS))
def test_uwsgi_mixed_load(framework: str, worker: str) -> None:
    options: dict[str, Any] = UWSGI_WORKERS[worker]
    app = f"server_apps.load({framework!r})"
    with real_servers.uwsgi(app, "--http-keepalive", **options) as server:
        requests = mix(f"u{worker}{framework}")
        outcome = drive(server.port, requests)
        log = server.stderr()
    check(outcome, len(requests), log)


def test_waitress_mixed_load(framework: str) -> None:
    app, counted = server_apps.load_counted(framework)
    requests = mix(f"w{framework}")
    with real_servers.waitress(app, threads=8) as server:
        outcome = drive(server.port, requests)
        log = "\n".join(server.log.tracebacks())
    check(outcome, len(requests), log)
    # The views saw every GET and PUT, and never a preflight (answered in front of them).
    methods = counted.views.methods
    sent = [r.method for r in requests if not r.preflight]
    assert sorted(m for m in methods if m != "OPTIONS") == sorted(m for m in sent if m != "OPTIONS")
    assert methods.count("OPTIONS") <= sent.count("OPTIONS")
