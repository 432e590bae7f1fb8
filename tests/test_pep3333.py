"""PEP 3333 conformance: ``wsgiref.validate.validator`` on both sides of the middleware,
the body iterable's ``close()``, the ``write`` callable, ``exc_info``, streaming, and
one middleware instance shared by many threads."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from typing import Any
from wsgiref.validate import validator

import pytest

from apps import ACAC, ACAH, ACAM, ACAO, ACEH, ACMA, ALLOW, EVIL, REQUEST_ID, A, B, plain_app
from wsgi_call import Response, call, environ_for
from wsgi_cors import CORSMiddleware
from wsgi_cors.middleware import environ_key

PASS_THROUGH: dict[str, Any] = {
    "allow_origins": [A, B],
    "allow_credentials": [A],
    "expose_headers": "X-Request-Id",
    "allow_methods": None,  # Falcon's way: the application answers preflights
}
SHORT_CIRCUIT: dict[str, Any] = {**PASS_THROUGH, "allow_methods": ["GET", "PUT"]}

ALLOWED_ACTUAL = {ACAO: A, ACAC: "true", ACEH: "X-Request-Id"}
PREFLIGHT = {"Origin": A, "Access-Control-Request-Method": "PUT"}


# -- validator on both sides, for every kind of request ---------------------------------

VALIDATED_CASES = [
    # (id, options, method, path, request headers, status, Access-Control-* headers)
    ("get-no-origin", PASS_THROUGH, "GET", "/items", {}, "200 OK", {}),
    ("get-allowed", PASS_THROUGH, "GET", "/items", {"Origin": A}, "200 OK", ALLOWED_ACTUAL),
    ("get-disallowed", PASS_THROUGH, "GET", "/items", {"Origin": EVIL}, "200 OK", {}),
    ("head-allowed", PASS_THROUGH, "HEAD", "/items", {"Origin": A}, "200 OK", ALLOWED_ACTUAL),
    ("get-404", PASS_THROUGH, "GET", "/missing", {"Origin": A}, "404 Not Found", ALLOWED_ACTUAL),
    (
        "pass-through-preflight-allowed",
        PASS_THROUGH,
        "OPTIONS",
        "/items",
        {**PREFLIGHT, "Access-Control-Request-Headers": "X-Custom"},
        "200 OK",
        {**ALLOWED_ACTUAL, ACAM: ALLOW, ACAH: "X-Custom", ACMA: "86400"},
    ),
    (
        "pass-through-preflight-no-allow",
        PASS_THROUGH,
        "OPTIONS",
        "/custom-options",
        PREFLIGHT,
        "200 OK",
        {},
    ),
    (
        "pass-through-preflight-disallowed",
        PASS_THROUGH,
        "OPTIONS",
        "/items",
        {**PREFLIGHT, "Origin": EVIL},
        "200 OK",
        {},
    ),
    (
        "short-circuit-204",
        SHORT_CIRCUIT,
        "OPTIONS",
        "/items",
        PREFLIGHT,
        "204 No Content",
        # Credentials and nothing requested: no literal "*" (browsers ignore it then).
        {**ALLOWED_ACTUAL, ACAM: "GET, PUT", ACMA: "86400"},
    ),
    (
        "short-circuit-403-origin",
        SHORT_CIRCUIT,
        "OPTIONS",
        "/items",
        {**PREFLIGHT, "Origin": EVIL},
        "403 Forbidden",
        {},
    ),
    (
        "short-circuit-403-method",
        SHORT_CIRCUIT,
        "OPTIONS",
        "/items",
        {**PREFLIGHT, "Access-Control-Request-Method": "DELETE"},
        "403 Forbidden",
        {},
    ),
    ("short-circuit-get", SHORT_CIRCUIT, "GET", "/items", {"Origin": A}, "200 OK", ALLOWED_ACTUAL),
]


@pytest.mark.parametrize(
    ("options", "method", "path", "headers", "status", "cors"),
    [case[1:] for case in VALIDATED_CASES],
    ids=[case[0] for case in VALIDATED_CASES],
)
def test_validator_on_both_sides(
    options: dict[str, Any],
    method: str,
    path: str,
    headers: dict[str, str],
    status: str,
    cors: dict[str, str],
) -> None:
    app = validator(CORSMiddleware(validator(plain_app), **options))
    response = call(app, method, path, headers.items())
    assert response.status == status
    assert response.cors() == cors
    assert response.get_all("Vary") == ["Origin"]
    if status.startswith("204"):
        assert response.body == b""
        assert response.get("Content-Type") is None
    if status.startswith("403"):
        assert response.get("Content-Length") == str(len(response.body))
    if status == "200 OK" and method == "GET":
        assert response.get("X-Request-Id") == REQUEST_ID


# -- close() ----------------------------------------------------------------------------


class Body:
    """A body iterable that counts ``close()`` calls and can fail mid-way."""

    def __init__(self, chunks: list[bytes], fail_at: int | None = None) -> None:
        self.chunks = chunks
        self.fail_at = fail_at
        self.closed = 0
        self.produced = 0

    def __iter__(self) -> Iterator[bytes]:
        for i, chunk in enumerate(self.chunks):
            if i == self.fail_at:
                raise RuntimeError("the body failed mid-way")
            self.produced += 1
            yield chunk

    def close(self) -> None:
        self.closed += 1


class BodyApp:
    """Answers every request with a fresh :class:`Body`; remembers the last one."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.fail_at = fail_at
        self.bodies: list[Body] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Body:
        headers = [("Content-Type", "text/plain")]
        if environ["REQUEST_METHOD"] == "OPTIONS":
            headers.append(("Allow", ALLOW))
        start_response("200 OK", headers)
        body = Body([b"one ", b"two ", b"three"], self.fail_at)
        self.bodies.append(body)
        return body


def serve(app: Any, environ: dict[str, Any], stop_after: int | None = None) -> Response:
    """Run *app* like a server: iterate the body (at most *stop_after* chunks), and
    always call ``close()``."""
    response = Response()

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
        response.status, response.headers = status, list(headers)
        return lambda data: None

    result = app(environ, start_response)
    chunks = []
    try:
        for chunk in result:
            chunks.append(chunk)
            if stop_after is not None and len(chunks) >= stop_after:
                break
    finally:
        if hasattr(result, "close"):
            result.close()
    response.body = b"".join(chunks)
    return response


REACHING_THE_APP = [
    ("no-origin", "GET", {}),
    ("allowed", "GET", {"Origin": A}),
    ("disallowed", "GET", {"Origin": EVIL}),
    ("preflight-allowed", "OPTIONS", PREFLIGHT),
    ("preflight-disallowed", "OPTIONS", {**PREFLIGHT, "Origin": EVIL}),
    ("options-not-preflight", "OPTIONS", {"Origin": A}),
]
VALIDATED = pytest.mark.parametrize("validated", [False, True], ids=["bare", "validated"])
REQUEST_KINDS = pytest.mark.parametrize(
    ("method", "headers"),
    [case[1:] for case in REACHING_THE_APP],
    ids=[case[0] for case in REACHING_THE_APP],
)


def wrap(app: Any, validated: bool, **options: Any) -> Any:
    if validated:
        return validator(CORSMiddleware(validator(app), **options))
    return CORSMiddleware(app, **options)


@VALIDATED
@REQUEST_KINDS
def test_close_called_once_after_full_iteration(
    validated: bool, method: str, headers: dict[str, str]
) -> None:
    app = BodyApp()
    environ = environ_for(method, "/x", headers.items())
    response = serve(wrap(app, validated, **PASS_THROUGH), environ)
    assert response.body == b"one two three"
    assert [body.closed for body in app.bodies] == [1]


@VALIDATED
@REQUEST_KINDS
def test_close_called_once_when_iteration_raises(
    validated: bool, method: str, headers: dict[str, str]
) -> None:
    app = BodyApp(fail_at=1)
    with pytest.raises(RuntimeError, match="mid-way"):
        serve(wrap(app, validated, **PASS_THROUGH), environ_for(method, "/x", headers.items()))
    assert [body.closed for body in app.bodies] == [1]
    assert app.bodies[0].produced == 1


@VALIDATED
@REQUEST_KINDS
def test_close_called_once_when_the_client_goes_away(
    validated: bool, method: str, headers: dict[str, str]
) -> None:
    app = BodyApp()
    response = serve(
        wrap(app, validated, **PASS_THROUGH),
        environ_for(method, "/x", headers.items()),
        stop_after=1,
    )
    assert response.body == b"one "
    assert [body.closed for body in app.bodies] == [1]
    assert app.bodies[0].produced == 1


# -- the body is the application's own object, streamed chunk by chunk ------------------


# Every request that reaches the application (a short-circuited preflight does not).
IDENTITY_CASES = [
    (f"{mode}-{case_id}", options, method, headers)
    for mode, options in (("pass", PASS_THROUGH), ("short", SHORT_CIRCUIT))
    for case_id, method, headers in REACHING_THE_APP
    if not (options is SHORT_CIRCUIT and "Access-Control-Request-Method" in headers)
]


def tuple_headers_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Headers as a tuple: PEP 3333 asks for a list, but gunicorn and waitress take it."""
    if environ["REQUEST_METHOD"] == "OPTIONS":
        start_response("200 OK", (("Allow", "GET, PUT"), ("Content-Length", "0")))
        return []
    start_response("200 OK", (("Content-Type", "text/plain"), ("X-Request-Id", "1")))
    return [b"ok"]


@pytest.mark.parametrize(
    "options", [PASS_THROUGH, SHORT_CIRCUIT, {}], ids=["pass-through", "short-circuit", "star"]
)
@pytest.mark.parametrize(
    "method, headers",
    [("GET", {}), ("GET", {"Origin": A}), ("GET", {"Origin": EVIL}), ("OPTIONS", PREFLIGHT)],
    ids=["no-origin", "allowed", "disallowed", "preflight"],
)
def test_an_application_passing_a_tuple_of_headers_keeps_working(
    options: dict[str, Any], method: str, headers: dict[str, str]
) -> None:
    """An application that works under gunicorn or waitress with a tuple of headers
    must not break when wrapped: the middleware hands the server a list."""
    seen: list[Any] = []

    def start_response(status: str, response_headers: Any, exc_info: Any = None) -> Any:
        seen.append(response_headers)
        return lambda data: None

    body = CORSMiddleware(tuple_headers_app, **options)(
        environ_for(method, "/items", headers.items()), start_response
    )
    list(body)
    (sent,) = seen
    assert type(sent) is list, sent
    if method == "GET":
        assert ("X-Request-Id", "1") in sent, sent


@pytest.mark.parametrize(
    "header, key",
    [
        ("Origin", "HTTP_ORIGIN"),
        ("Access-Control-Request-Private-Network", "HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK"),
    ],
)
def test_environ_key_is_where_a_server_puts_a_request_header(header: str, key: str) -> None:
    assert environ_key(header) == key
    assert environ_for(headers=[(header, "x")])[key] == "x"


@pytest.mark.parametrize("origin", [A, EVIL, None])
def test_a_generator_of_headers_is_refused_never_half_sent(origin: str | None) -> None:
    """A generator of headers is read once by the scan for merged headers: the
    middleware raises TypeError (PEP 3333 asks for a list) rather than send a response
    without the application's headers (a review found Set-Cookie silently dropped)."""

    def generator_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", (h for h in [("Set-Cookie", "a=1"), ("Vary", "Accept")]))
        return [b"ok"]

    sent: list[Any] = []
    headers = {"Origin": origin} if origin else {}
    app = CORSMiddleware(generator_app, **PASS_THROUGH)
    with pytest.raises(TypeError) as caught:
        app(environ_for("GET", "/items", headers.items()), lambda s, h, e=None: sent.append(h))
    assert str(caught.value) == (
        "the response headers must be a list of (name, value) pairs (a tuple is taken too),"
        " got generator: a one-pass iterable cannot be both scanned and sent"
    )
    assert sent == []


@pytest.mark.parametrize(
    ("options", "method", "headers"),
    [case[1:] for case in IDENTITY_CASES],
    ids=[case[0] for case in IDENTITY_CASES],
)
def test_the_application_iterable_is_returned_itself(
    options: dict[str, Any], method: str, headers: dict[str, str]
) -> None:
    app = BodyApp()
    middleware = CORSMiddleware(app, **options)
    result = middleware(environ_for(method, "/x", headers.items()), lambda s, h, e=None: None)
    assert result is app.bodies[0]
    result.close()


class StreamingApp:
    """A generator application: ``start_response`` is called on the first ``next()``."""

    def __init__(self) -> None:
        self.produced: list[int] = []
        self.generator: Iterator[bytes] | None = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        self.generator = self._stream(start_response)
        return self.generator

    def _stream(self, start_response: Any) -> Iterator[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        for i in range(3):
            self.produced.append(i)
            yield f"chunk {i}\n".encode()


@pytest.mark.parametrize("origin", [A, EVIL, None])
def test_streaming_generator_passes_chunk_by_chunk(origin: str | None) -> None:
    app = StreamingApp()
    middleware = CORSMiddleware(app, **PASS_THROUGH)
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
        seen["status"], seen["headers"] = status, headers
        return lambda data: None

    headers = [] if origin is None else [("Origin", origin)]
    result = middleware(environ_for("GET", "/stream", headers), start_response)
    assert result is app.generator
    assert app.produced == [] and "status" not in seen  # nothing run yet: lazy

    iterator = iter(result)
    assert next(iterator) == b"chunk 0\n"
    assert app.produced == [0]
    response = Response(seen["status"], seen["headers"])
    assert response.cors() == (ALLOWED_ACTUAL if origin == A else {})
    assert response.get_all("Vary") == ["Origin"]
    assert next(iterator) == b"chunk 1\n"
    assert app.produced == [0, 1]
    assert list(iterator) == [b"chunk 2\n"]
    result.close()


def test_streaming_through_validators() -> None:
    app = StreamingApp()
    response = call(
        validator(CORSMiddleware(validator(app), **PASS_THROUGH)), "GET", "/s", [("Origin", A)]
    )
    assert response.body == b"chunk 0\nchunk 1\nchunk 2\n"
    assert response.cors() == ALLOWED_ACTUAL


# -- the write() callable ---------------------------------------------------------------


def writing_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    write = start_response("200 OK", [("Content-Type", "text/plain")])
    write(b"written ")
    write(b"by write()")
    return []


@VALIDATED
@pytest.mark.parametrize("origin", [A, EVIL, None])
def test_write_callable(validated: bool, origin: str | None) -> None:
    headers = [] if origin is None else [("Origin", origin)]
    response = call(wrap(writing_app, validated, **PASS_THROUGH), "GET", "/w", headers)
    assert response.body == b"written by write()"
    assert response.cors() == (ALLOWED_ACTUAL if origin == A else {})
    assert response.get_all("Vary") == ["Origin"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Origin": A}, {"Origin": EVIL}, PREFLIGHT],
    ids=["no-origin", "allowed", "disallowed", "preflight"],
)
def test_write_callable_is_the_servers_own(headers: dict[str, str]) -> None:
    got: dict[str, Any] = {}

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        got["write"] = start_response("200 OK", [("Content-Type", "text/plain"), ("Allow", "GET")])
        return []

    def server_write(data: bytes) -> None:
        raise AssertionError("not called here")

    middleware = CORSMiddleware(app, **PASS_THROUGH)
    middleware(environ_for("OPTIONS", "/", headers.items()), lambda s, h, e=None: server_write)
    assert got["write"] is server_write


# -- exc_info ---------------------------------------------------------------------------


def failing_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Starts a 200 answer, then fails before sending any body, and starts again."""
    start_response(
        "200 OK", [("Content-Type", "text/plain"), ("X-First", "1"), ("Allow", "GET, PUT")]
    )
    try:
        raise ValueError("failed after start_response")
    except ValueError:
        start_response(
            "500 Internal Server Error",
            [("Content-Type", "text/plain"), ("X-Second", "1")],
            sys.exc_info(),
        )
    return [b"error page"]


EXC_INFO_CASES = [
    ("no-origin", "GET", {}, {}),
    ("allowed", "GET", {"Origin": A}, ALLOWED_ACTUAL),
    ("disallowed", "GET", {"Origin": EVIL}, {}),
    # A 500 answer to a preflight is not patched: it gets the actual-response headers.
    ("preflight", "OPTIONS", PREFLIGHT, ALLOWED_ACTUAL),
]


@VALIDATED
@pytest.mark.parametrize(
    ("method", "headers", "cors"),
    [case[1:] for case in EXC_INFO_CASES],
    ids=[case[0] for case in EXC_INFO_CASES],
)
def test_second_start_response_with_exc_info(
    validated: bool, method: str, headers: dict[str, str], cors: dict[str, str]
) -> None:
    response = call(wrap(failing_app, validated, **PASS_THROUGH), method, "/", headers.items())
    assert response.status == "500 Internal Server Error"
    assert response.get("X-Second") == "1"
    assert response.get("X-First") is None
    assert response.get("Allow") is None
    assert response.cors() == cors
    assert response.get_all("Vary") == ["Origin"]
    assert response.body == b"error page"


@VALIDATED
def test_second_start_response_with_exc_info_without_origin_for_every_origin(
    validated: bool,
) -> None:
    """allow_origins="*" gives a request without Origin "*" (README difference 5) through
    a start_response of its own, which passes exc_info on as the others do."""
    response = call(wrap(failing_app, validated, allow_origins="*"), "GET", "/")
    assert response.status == "500 Internal Server Error"
    assert response.get("X-Second") == "1"
    assert response.get("X-First") is None
    assert response.cors() == {ACAO.lower(): "*"}
    assert response.body == b"error page"


def test_an_inner_cors_layer_is_logged_without_path_info(caplog: pytest.LogCaptureFixture) -> None:
    """CGI lets a server leave PATH_INFO out: the warning of a CORS layer inside the
    application then names the path ''."""

    def inner_cors_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Allow", "GET, PUT"), (ACAO, A)])
        return [b""]

    environ = environ_for("OPTIONS", headers=PREFLIGHT.items())
    del environ["PATH_INFO"]
    with caplog.at_level(logging.WARNING, logger="wsgi_cors"):
        CORSMiddleware(inner_cors_app, **PASS_THROUGH)(environ, lambda s, h, e=None: None)
    (record,) = caplog.records
    assert "(path '') already carries" in record.getMessage()


class LateFailure:
    """Fails after the first chunk has been sent, calling start_response with exc_info;
    the server must then re-raise (PEP 3333)."""

    def __init__(self) -> None:
        self.closed = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        app = self

        class Stream:
            def __iter__(self) -> Iterator[bytes]:
                start_response("200 OK", [("Content-Type", "text/plain")])
                yield b"partial"
                try:
                    raise KeyError("late")
                except KeyError:
                    start_response(
                        "500 Internal Server Error",
                        [("Content-Type", "text/plain")],
                        sys.exc_info(),
                    )
                yield b"never sent"

            def close(self) -> None:
                app.closed += 1

        return Stream()


@VALIDATED
def test_exc_info_after_headers_were_sent_is_reraised(validated: bool) -> None:
    app = LateFailure()
    sent: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
        if exc_info is not None and sent:
            raise exc_info[1].with_traceback(exc_info[2])
        sent.append((status, headers))
        return lambda data: None

    middleware = wrap(app, validated, **PASS_THROUGH)
    result = middleware(environ_for("GET", "/", [("Origin", A)]), start_response)
    try:
        chunks = iter(result)
        assert next(chunks) == b"partial"
        with pytest.raises(KeyError, match="late"):
            next(chunks)
    finally:
        result.close()
    assert app.closed == 1
    assert len(sent) == 1
    assert Response(*sent[0]).cors() == ALLOWED_ACTUAL


# -- threads ----------------------------------------------------------------------------

THREADS = 16
ITERATIONS = 200


def thread_cases(thread: int, iteration: int, short_circuit: bool) -> list[Any]:
    """(method, request headers, expected status, expected Access-Control-* headers)."""
    sub = f"https://t{thread}-{iteration % 37}.example.com"
    own_header = f"X-Thread-{thread}"
    preflight_methods = "GET, PUT" if short_circuit else ALLOW
    preflight_status = "204 No Content" if short_circuit else "200 OK"
    return [
        ("GET", {"Origin": A}, "200 OK", ALLOWED_ACTUAL),
        ("GET", {"Origin": B}, "200 OK", {ACAO: B, ACEH: "X-Request-Id"}),
        ("GET", {"Origin": sub}, "200 OK", {ACAO: sub, ACEH: "X-Request-Id"}),
        ("GET", {"Origin": EVIL}, "200 OK", {}),
        ("GET", {}, "200 OK", {}),
        (
            "OPTIONS",
            {**PREFLIGHT, "Access-Control-Request-Headers": own_header},
            preflight_status,
            {**ALLOWED_ACTUAL, ACAM: preflight_methods, ACAH: own_header, ACMA: "600"},
        ),
        (
            "OPTIONS",
            {**PREFLIGHT, "Origin": sub},
            preflight_status,
            {ACAO: sub, ACEH: "X-Request-Id", ACAM: preflight_methods, ACAH: "*", ACMA: "600"},
        ),
        (
            "OPTIONS",
            {**PREFLIGHT, "Origin": EVIL},
            "403 Forbidden" if short_circuit else "200 OK",
            {},
        ),
    ]


@pytest.mark.parametrize("short_circuit", [False, True], ids=["pass-through", "short-circuit"])
def test_one_instance_many_threads(short_circuit: bool) -> None:
    options: dict[str, Any] = {
        "allow_origins": [A, B, "https://*.example.com"],
        "allow_credentials": [A],
        "expose_headers": "X-Request-Id",
        "max_age": 600,
        "allow_methods": ["GET", "PUT"] if short_circuit else None,
    }
    middleware = CORSMiddleware(plain_app, **options)
    barrier = threading.Barrier(THREADS)
    failures: list[str] = []
    checked = [0] * THREADS

    def worker(thread: int) -> None:
        try:
            barrier.wait()
            for iteration in range(ITERATIONS):
                for method, headers, status, cors in thread_cases(thread, iteration, short_circuit):
                    response = call(middleware, method, "/items", headers.items())
                    if (
                        response.status != status
                        or response.cors() != cors
                        or response.get_all("Vary") != ["Origin"]
                    ):
                        failures.append(f"thread {thread}: {method} {headers} -> {response}")
                    checked[thread] += 1
        except Exception as exc:  # pragma: no cover - reported below
            failures.append(f"thread {thread} raised {exc!r}")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert checked == [ITERATIONS * 8] * THREADS
