"""``wsgi-cors check`` reads a response head as Chromium does, byte for byte: line
breaks (a lone CR, runs of CR and LF), lines that are no header field, white space
before the colon, a NUL byte, the status line's spelling and a head's size. A raw
server on 127.0.0.1 sends each head as written; a page on another origin makes the
``fetch()`` in headless Chromium, ``check`` makes the same request, and the script may
read the response (and the header asked for) exactly when ``check`` exits 0.

The cases come from a differential run of ``check`` against Chromium over 2,755 raw
answers, which found each of them disagreeing while ``check`` read heads with
``http.client.parse_headers``: a NUL byte let ``check`` pass what Chromium fails,
and a line that parser could not read hid every later line, so ``check`` failed
responses Chromium reads and passed duplicated CORS headers Chromium refuses.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import pytest
from raw_http import raw_server

from wsgi_cors.__main__ import main

pytestmark = pytest.mark.browser

ALLOWED = b"HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\n\r\nok"
# A preflight's answer that lets a PUT through, before the case's bytes.
PREFLIGHT = b"HTTP/1.1 204 \r\nAccess-Control-Allow-Origin: *\r\n"
KIB = 1024


class Case(NamedTuple):
    #: the answer to the GET or PUT; for a PUT, the answer to its preflight too
    answer: bytes
    readable: bool
    preflight: bytes | None = None
    read_header: str | None = None


CASES = {
    # A NUL byte anywhere in a head fails the fetch (net::ERR_INVALID_HTTP_RESPONSE).
    "nul-in-a-value": Case(ALLOWED.replace(b"\r\n\r\n", b"\r\nX: \x00\r\n\r\n"), False),
    "nul-in-the-reason": Case(ALLOWED.replace(b"200 OK", b"200 \x00"), False),
    "nul-in-an-interim-head": Case(b"HTTP/1.1 103 \r\nX: \x00\r\n\r\n" + ALLOWED, False),
    "nul-in-the-preflight": Case(
        ALLOWED, False, PREFLIGHT + b"Access-Control-Allow-Methods: PUT\r\nX: \x00\r\n\r\n"
    ),
    # Any run of CR and LF is one line break: an empty line inside it ends no head.
    "cr-cr-lf": Case(b"HTTP/1.1 200 OK\r\nX: 1\r\r\nAccess-Control-Allow-Origin: *\r\n\r\n", True),
    "lf-cr": Case(b"HTTP/1.1 200 OK\r\nX: 1\n\rAccess-Control-Allow-Origin: *\r\n\r\n", True),
    "cr-cr-fold": Case(b"HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin:\r\r *\r\n\r\n", True),
    "status-line-ends-at-a-cr": Case(ALLOWED.replace(b"OK\r\n", b"OK\r"), True),
    "duplicate-after-cr-cr": Case(
        ALLOWED.replace(b"*\r\n", b"*\r\r\nAccess-Control-Allow-Origin: *\r\n"), False
    ),
    "duplicate-methods-after-cr-cr": Case(
        ALLOWED,
        False,
        PREFLIGHT
        + b"Access-Control-Allow-Methods: PUT\r\r\nAccess-Control-Allow-Methods: P U T\r\n\r\n",
    ),
    # A line that is no header field is skipped; the lines after it are read.
    "a-line-without-a-colon": Case(ALLOWED.replace(b"OK\r\n", b"OK\r\nX\r\n"), True),
    "a-name-with-an-8-bit-byte": Case(ALLOWED.replace(b"OK\r\n", b"OK\r\nX\xe9: 1\r\n"), True),
    "white-space-before-the-colon": Case(ALLOWED.replace(b"Origin:", b"Origin :"), True),
    "duplicate-after-a-line-without-a-colon": Case(
        ALLOWED.replace(b"*\r\n", b"*\r\nX\r\nAccess-Control-Allow-Origin: *\r\n"), False
    ),
    "methods-after-a-line-without-a-colon": Case(
        ALLOWED, True, PREFLIGHT + b"X\r\nAccess-Control-Allow-Methods: PUT\r\n\r\n"
    ),
    "an-unparsable-exposed-list-after-a-line-without-a-colon": Case(
        ALLOWED.replace(
            b"*\r\n",
            b"*\r\nX-Foo: 1\r\nAccess-Control-Expose-Headers: X-Foo\r\nX\r\n"
            b"Access-Control-Expose-Headers: a b\r\n",
        ),
        False,
        read_header="X-Foo",
    ),
    # Every 1xx before the final answer is skipped, a 101 too (on a fetch).
    "a-101-then-allowed": Case(b"HTTP/1.1 101 Switching Protocols\r\n\r\n" + ALLOWED, True),
    "a-101-allowed-then-closed": Case(ALLOWED.replace(b"200 OK", b"101 Switching"), False),
    # The status line: any HTTP version, in any case; a status code of digits.
    "a-status-code-not-digits": Case(b"HTTP/1.1 1_03 E\r\n\r\n" + ALLOWED, False),
    "lower-case-http": Case(ALLOWED.replace(b"HTTP/1.1", b"http/1.1"), True),
    "http-2": Case(ALLOWED.replace(b"HTTP/1.1", b"HTTP/2"), True),
    # A head of up to 256 KiB is read; a longer one fails (ERR_RESPONSE_HEADERS_TOO_BIG).
    "a-200-kib-head": Case(
        ALLOWED.replace(b"OK\r\n", b"OK\r\nX: " + b"a" * 200 * KIB + b"\r\n"), True
    ),
    "a-300-kib-head": Case(
        ALLOWED.replace(b"OK\r\n", b"OK\r\nX: " + b"a" * 300 * KIB + b"\r\n"), False
    ),
    # A preflight's body is not read: one that breaks its chunked coding fails nothing.
    "a-broken-preflight-body": Case(
        ALLOWED,
        True,
        PREFLIGHT
        + b"Access-Control-Allow-Methods: PUT\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ),
}


def _not_called(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    raise AssertionError("the cases call the raw server only")


@pytest.fixture(scope="module")
def served(deploy: Callable[..., Any], page_ports: Any) -> Iterator[tuple[str, str, Any]]:
    """The page's origin, the raw server's (``/<case>`` answers as the case says) and
    the pages of a fresh browser context."""

    def answer(method: str, path: str) -> bytes | None:
        case = CASES.get(path.lstrip("/"))
        if case is None:
            return None
        return case.preflight if method == "OPTIONS" and case.preflight else case.answer

    with raw_server(answer) as origin, deploy(_not_called) as deployment:
        yield f"http://localhost:{page_ports.P}", origin, deployment.pages


@pytest.mark.parametrize("key", CASES)
def test_check_reads_a_head_as_chromium_does(served: tuple[str, str, Any], key: str) -> None:
    page, origin, pages = served
    case = CASES[key]
    method = "GET" if case.preflight is None else "PUT"
    url = f"{origin}/{key}"
    (result,) = pages.fetch(
        page,
        url,
        method=method,
        headers={},
        body=None if method == "GET" else "x",
        credentials="same-origin",
    )
    readable = bool(result["ok"])
    if readable and case.read_header:
        readable = case.read_header.lower() in result["headers"]
    assert readable is case.readable, result
    options = ["--read-header", case.read_header] if case.read_header else []
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(["check", url, "--origin", page, "-X", method, *options, "--timeout", "10"])
    assert (status == 0) is case.readable, out.getvalue()
