"""Faults under real servers (issue 14, item 2).

``server_apps.faults()`` is served by waitress (in a thread), by gunicorn (a
subprocess, sync and gthread workers) and by uWSGI (a subprocess, behind its ``--http``
router, as the docs start it): an application that raises before
``start_response``, one whose body raises mid-stream, one that calls ``start_response``
again with ``exc_info`` before its body, and bodies streamed slowly to a client that goes
away mid-response (a class with ``close()``, and a generator). Each route records in a
file (``WSGI_CORS_TEST_EVENTS``) the calls that reach it and each ``close()`` of its body,
so that a test can count them across processes.

For every fault: the server keeps serving (a normal request afterwards succeeds), the
body's ``close()`` runs exactly once, an origin the policy does not allow gets no CORS
header, and the server's log has no traceback raised in wsgi_cors (the last test of the
module reads it).

What the servers do differently, shown rather than hidden (gunicorn 27.0.1, waitress 3.0.2,
uWSGI 2.0.30 from PyPI's ``pyuwsgi``):

* An exception before ``start_response``: gunicorn and waitress answer 500 themselves;
  uWSGI logs it and closes the connection without any answer.
* A second ``start_response`` with ``exc_info`` before any body: waitress replaces the
  first call's headers, as PEP 3333 says. gunicorn *appends* the second call's headers to
  the first's (``Response.process_headers`` extends its list), so the 500 answer carries
  ``X-First`` and ``X-Second``, two ``Content-Type`` and, for an allowed origin,
  ``Access-Control-Allow-Origin`` twice: a browser then fails the CORS check, so the
  error is unreadable cross-origin. The middleware adds its headers once per call, as it
  must; it cannot see that the server keeps both. uWSGI replaces the headers too, but
  its ``start_response`` then raises ``SystemError`` ("returned a result with an
  exception set") into the application, which is inside its ``except`` block: the 500
  head goes out, its body never does (the client sees a truncated answer), and there is
  no body to close. The same happens without the middleware.
* An 8 KiB ``Origin``: gunicorn's ``limit_request_field_size`` (8190, counting the whole
  field line with its CRLF) refuses it with ``431 Request Header Fields Too Large``
  (not 400) before the application runs; a field line of 8188 bytes plus CRLF still
  reaches it. waitress passes an 8 KiB ``Origin`` to the application, which must not
  reflect it. uWSGI drops a request whose variables exceed its ``--buffer-size`` (4096
  bytes by default, all the request's variables together): no answer at all, and the
  application does not run; a 3 KiB ``Origin`` reaches it.
* The ``204`` of a preflight the middleware answers: waitress closes the connection
  after it (an HTTP/1.1 answer without ``Content-Length``), though it keeps it after
  the application's ``200``; gunicorn's gthread workers keep both.
"""

from __future__ import annotations

import itertools
import pathlib
import socket
import struct
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

import real_servers
import server_apps
from server_apps import EXPOSED, STREAM_CHUNKS, TRUSTED, read_events

pytestmark = pytest.mark.servers

EVIL = "https://evil.example"
ORIGINS = {"allowed": TRUSTED, "disallowed": EVIL}
#: The CORS headers of an allowed actual response, sorted (waitress sorts headers).
ALLOWED_CORS = sorted(
    [
        ("access-control-allow-origin", TRUSTED),
        ("access-control-allow-credentials", "true"),
        ("access-control-expose-headers", EXPOSED),
    ]
)
#: The end of the SystemError uWSGI 2.0.30's start_response raises when called again
#: with exc_info (the module's docstring).
UWSGI_EXC_INFO_ERROR = "uwsgi_spit> returned a result with an exception set"
#: Polls for an event another thread or process writes: 0.05 s apart, 15 s at most.
POLLS = 300
_ids = itertools.count()


@dataclass
class Served:
    kind: str
    port: int
    events_path: pathlib.Path
    log: Callable[[], str]

    @property
    def gunicorn(self) -> bool:
        return self.kind.startswith("gunicorn")

    @property
    def uwsgi(self) -> bool:
        return self.kind == "uwsgi"

    def request(self, path: str, origin: str | None, *extra: str) -> tuple[str, bytes]:
        """A request id, and the raw request for *path* carrying it."""
        request_id = f"r{next(_ids)}"
        lines = [f"GET {path}?id={request_id} HTTP/1.1", "Host: t", "Connection: close"]
        if origin is not None:
            lines.append(f"Origin: {origin}")
        lines.extend(extra)
        return request_id, ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def send(
        self, path: str, origin: str | None, *extra: str
    ) -> tuple[str, real_servers.RawResponse]:
        request_id, data = self.request(path, origin, *extra)
        return request_id, real_servers.raw_request(self.port, data)

    def events(self, request_id: str, event: str) -> list[str]:
        """The details of *event* lines for *request_id*."""
        return [
            d for e, i, d in read_events(str(self.events_path)) if e == event and i == request_id
        ]

    def wait_for(self, request_id: str, event: str) -> list[str]:
        for _ in range(POLLS):
            found = self.events(request_id, event)
            if found:
                return found
            time.sleep(0.05)
        return []

    def still_serves(self) -> None:
        """A normal request now gets its normal answer, and its body is closed once."""
        request_id, response = self.send("/ok", TRUSTED)
        assert response.status == 200, response.raw[:300]
        assert sorted(response.cors()) == ALLOWED_CORS
        assert self.wait_for(request_id, "close") == ["produced=1"]


SERVERS = ["waitress", "gunicorn-sync", "gunicorn-gthread", "uwsgi"]


@pytest.fixture(scope="module", params=SERVERS)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    kind = str(request.param)
    events_path = tmp_path_factory.mktemp(kind) / "events.log"
    if kind == "waitress":
        with real_servers.waitress(server_apps.faults(str(events_path)), threads=4) as server:
            yield Served(kind, server.port, events_path, lambda: "\n".join(server.log.tracebacks()))
        return
    env = {server_apps.EVENTS_ENV: str(events_path)}
    if kind == "uwsgi":
        with real_servers.uwsgi("server_apps.faults()", threads=4, env=env) as uwsgi:
            yield Served(kind, uwsgi.port, events_path, uwsgi.stderr)
        return
    worker = {"worker_class": "gthread", "threads": 4} if kind.endswith("gthread") else {}
    with real_servers.gunicorn("server_apps:faults()", env=env, **worker) as gunicorn:
        yield Served(kind, gunicorn.port, events_path, gunicorn.stderr)


@pytest.mark.parametrize("who", ORIGINS)
def test_raise_before_start_response(served: Served, who: str) -> None:
    """The server answers 500 itself: without any CORS header, for an allowed origin
    too (the middleware never got to add one, so a browser cannot read the error).
    uWSGI closes the connection without an answer."""
    request_id, response = served.send("/raise-before", ORIGINS[who])
    if served.uwsgi:
        assert response.raw == b""
    else:
        assert response.status == 500, response.raw[:300]
    assert response.cors() == []
    assert served.events(request_id, "call") == ["/raise-before"]
    served.still_serves()


@pytest.mark.parametrize("who", ORIGINS)
def test_raise_mid_stream(served: Served, who: str) -> None:
    """The headers (with the CORS headers for an allowed origin) are out when the body
    fails; the server cuts the connection, closes the body once, and goes on."""
    request_id, response = served.send("/raise-midstream", ORIGINS[who])
    assert response.status == 200
    assert sorted(response.cors()) == (ALLOWED_CORS if who == "allowed" else [])
    assert b"x" * 32 not in response.body  # only the first chunk came
    assert not response.body.endswith(b"0\r\n\r\n")  # nor the end of a chunked body
    assert served.wait_for(request_id, "close") == ["produced=1"]
    served.still_serves()
    assert served.events(request_id, "close") == ["produced=1"]


@pytest.mark.parametrize("who", ORIGINS)
def test_start_response_again_with_exc_info(served: Served, who: str) -> None:
    """waitress replaces the first ``start_response``'s headers; gunicorn keeps them
    and appends the second call's (see the module's docstring): an allowed origin's
    error then carries ``Access-Control-Allow-Origin`` twice. uWSGI replaces them, then
    fails the application, so the body never comes."""
    request_id, response = served.send("/exc-info", ORIGINS[who])
    assert response.status == 500
    assert response.get_all("X-Second") == ["1"]
    if served.uwsgi:
        assert response.body == b""
        assert response.get_all("Content-Length") == ["10"]  # of a body that never comes
        assert response.get_all("X-First") == []
        assert sorted(response.cors()) == (ALLOWED_CORS if who == "allowed" else [])
        assert response.get_all("Vary") == ["Origin"]
        assert served.events(request_id, "call") == ["/exc-info"]
        served.still_serves()
        assert served.events(request_id, "close") == []  # no body was returned to close
        return
    assert response.body == b"error page"
    once = ALLOWED_CORS if who == "allowed" else []
    if served.gunicorn:
        assert response.get_all("X-First") == ["1"]
        assert response.get_all("Content-Type") == ["text/plain", "text/plain"]
        assert sorted(response.cors()) == sorted(once + once)
        assert response.get_all("Vary") == ["Origin", "Origin"]
    else:
        assert response.get_all("X-First") == []
        assert sorted(response.cors()) == once
        assert response.get_all("Vary") == ["Origin"]
    assert served.wait_for(request_id, "close") == ["produced=1"]
    served.still_serves()


def _read_some_then_reset(port: int, data: bytes, at_least: int) -> bytes:
    """Send *data*, read until *at_least* bytes came, then drop the connection with
    a reset (SO_LINGER 0), as a client that went away does."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=real_servers.TIMEOUT)
    received = b""
    try:
        connection.sendall(data)
        while len(received) < at_least:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
    finally:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()
    return received


@pytest.mark.parametrize("route", ["/stream", "/stream-generator"])
@pytest.mark.parametrize("who", ORIGINS)
def test_client_goes_away_mid_response(served: Served, route: str, who: str) -> None:
    """A client that leaves mid-body: the server stops iterating and closes the body
    once, long before its end (``/stream``: an iterable with ``close()``;
    ``/stream-generator``: a generator, closed early, whose ``finally`` runs once)."""
    request_id, data = served.request(route, ORIGINS[who])
    received = _read_some_then_reset(served.port, data, at_least=100_000)
    head = real_servers.RawResponse(received)
    assert head.status == 200
    assert sorted(head.cors()) == (ALLOWED_CORS if who == "allowed" else [])
    (closed,) = served.wait_for(request_id, "close")
    produced = int(closed.removeprefix("produced="))
    assert 1 <= produced < STREAM_CHUNKS
    served.still_serves()
    assert served.events(request_id, "close") == [closed]


def test_an_8_kib_origin(served: Served) -> None:
    """gunicorn refuses the field with 431 before the application runs, and uWSGI
    drops the request unanswered; just under gunicorn's limit, with a 3 KiB value
    under uWSGI, and with waitress at 8 KiB, the application runs and the value (far
    longer than any origin) is not reflected."""
    big = "https://" + "a" * (8192 - len("https://.example")) + ".example"
    assert len(big) == 8192
    request_id, response = served.send("/ok", big)
    if served.uwsgi:
        assert response.raw == b""
        assert served.events(request_id, "call") == []
        request_id, response = served.send("/ok", big[:3072])
    if served.gunicorn:
        assert response.status == 431, response.raw[:300]
        assert served.events(request_id, "call") == []
        # The longest that passes: "Origin: " + 8180 characters + CRLF = 8190 bytes.
        under = big[: 8190 - len("Origin: \r\n")]
        request_id, response = served.send("/ok", under)
        over_id, over = served.send("/ok", big[: len(under) + 1])
        assert over.status == 431
        assert served.events(over_id, "call") == []
    assert response.status == 200
    assert served.events(request_id, "call") == ["/ok"]
    assert response.cors() == []
    assert response.get_all("Vary") == ["Origin"]
    served.still_serves()


def _answer_then_ask_again(port: int, first: bytes, second: bytes) -> tuple[int, bool]:
    """The status of the answer to *first*, and whether the server then answers
    *second* on the same connection (it kept the connection alive)."""
    with socket.create_connection(("127.0.0.1", port), timeout=real_servers.TIMEOUT) as conn:
        conn.sendall(first)
        status, _ = _read_one_answer(conn)
        try:
            conn.sendall(second)
            again, closed = _read_one_answer(conn)
        except OSError:  # a reset: the server closed it
            return status, False
        return status, again == 200 and not closed


def _read_one_answer(conn: socket.socket) -> tuple[int, bool]:
    """The status of one answer read off *conn* (its body by ``Content-Length``), and
    whether the connection closed before its end (status 0: before any of it)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return 0, True
        data += chunk
    response = real_servers.RawResponse(data)
    body = response.body
    length = int((response.get_all("Content-Length") or ["0"])[0])
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return response.status, True
        body += chunk
    return response.status, False


#: Whether each server keeps the connection after an answer of the middleware's own
#: (the 204 of an allowed preflight) and after the application's 200 with Content-Length.
KEEPS_ALIVE = {
    "waitress": (False, True),
    "gunicorn-sync": (False, False),  # sync workers close every connection
    "gunicorn-gthread": (True, True),
    "uwsgi": (False, False),  # its --http router, started without --http-keepalive
}


def test_the_connection_after_a_preflight_the_middleware_answers(served: Served) -> None:
    """What docs/frameworks/servers.rst says ("Connections after a preflight"): waitress
    3.0.2 closes the connection after every HTTP/1.1 answer without Content-Length, and
    a 204 may carry none (RFC 9110, 8.6): after the middleware's 204 the client must
    connect again, after the application's 200 it need not. gunicorn's gthread workers
    keep both."""
    preflight = (
        f"OPTIONS /ok HTTP/1.1\r\nHost: t\r\nOrigin: {TRUSTED}\r\n"
        "Access-Control-Request-Method: PUT\r\n\r\n"
    ).encode("latin-1")
    get = f"GET /ok HTTP/1.1\r\nHost: t\r\nOrigin: {TRUSTED}\r\n\r\n".encode("latin-1")
    after_preflight = _answer_then_ask_again(served.port, preflight, get)
    after_get = _answer_then_ask_again(served.port, get, get)
    assert (after_preflight[0], after_get[0]) == (204, 200)
    assert (after_preflight[1], after_get[1]) == KEEPS_ALIVE[served.kind]


def test_the_log_has_only_the_deliberate_failures(served: Served) -> None:
    """Runs last: every traceback the server logged is one of the applications'
    deliberate exceptions, raised in ``server_apps.py``; wsgi_cors appears in them only
    as the frame that called the application (``CORSMiddleware.__call__``) for the one
    that raised before ``start_response``, and never where anything was raised.
    uWSGI's log also has the ``SystemError`` its ``start_response`` raised for
    ``/exc-info`` (the module's docstring), after the exception the application
    handled: the last frame there is the middleware's ``start_response`` wrapper,
    calling the server's (a C function, without a frame)."""
    log = served.log()
    found = real_servers.tracebacks(log)
    assert found, "the deliberate failures were logged"
    if served.uwsgi:
        raised_by_uwsgi = [t for t in found if t.exception.startswith("SystemError")]
        assert raised_by_uwsgi, "uWSGI's start_response raised for /exc-info"
        for traceback in raised_by_uwsgi:
            assert UWSGI_EXC_INFO_ERROR in traceback.exception
            (caller, _), (raised_in, wrapper) = traceback.frames[-2:]
            assert caller.endswith("server_apps.py"), traceback.frames
            assert raised_in.endswith("middleware.py"), traceback.frames
            assert wrapper in ("start_actual", "start_vary_only"), traceback.frames
        handled = [t for t in found if t.exception.startswith("ValueError: deliberate failure")]
        assert len(handled) == len(raised_by_uwsgi)  # logged as the SystemError's cause
        found = [t for t in found if t not in raised_by_uwsgi and t not in handled]
    for traceback in found:
        assert traceback.exception.startswith("RuntimeError: deliberate failure"), traceback
        assert traceback.raised_in.endswith("server_apps.py"), traceback
        ours = [(f, fn) for f, fn in traceback.frames if "wsgi_cors" in f]
        assert all(f.endswith("middleware.py") and fn == "__call__" for f, fn in ours), ours
        if "mid-stream" in traceback.exception:
            assert ours == []  # the body is the application's own object, untouched
    assert not [line for line in log.splitlines() if "wsgi_cors" in line and "File" not in line]


def test_uwsgi_fails_exc_info_without_the_middleware_too() -> None:
    """The truncated ``/exc-info`` answer under uWSGI is uWSGI's own: the application
    unwrapped gets the same ``SystemError`` from ``start_response`` and the same 500
    head without its body."""
    with real_servers.uwsgi("server_apps.fault_app(server_apps.Events(None))") as uwsgi:
        response = real_servers.raw_request(
            uwsgi.port, b"GET /exc-info HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
        )
        assert response.status == 500
        assert response.get_all("X-Second") == ["1"]
        assert response.body == b""
        for _ in range(POLLS):  # the worker writes its log after the answer
            if "SystemError" in uwsgi.stderr():
                break
            time.sleep(0.05)
        (raised,) = [
            t for t in real_servers.tracebacks(uwsgi.stderr()) if "SystemError" in t.exception
        ]
        assert UWSGI_EXC_INFO_ERROR in raised.exception
        assert not [f for f, _ in raised.frames if "wsgi_cors" in f]
