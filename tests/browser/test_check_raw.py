"""``wsgi-cors check`` agrees with Chromium on answers no WSGI server sends: interim
``1xx`` responses before the final one, and redirects a browser fails or turns into a
CORS fetch. A raw server on 127.0.0.1 sends each answer byte for byte; a page makes the
``fetch()`` in headless Chromium, ``check`` makes the same request, and the script may
read the response exactly when ``check`` exits 0. (These cases were found by comparing
the two by hand: ``check`` disagreed with Chromium on each before it was fixed.)
"""

from __future__ import annotations

import contextlib
import io
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from raw_http import http_answer, raw_server

from wsgi_cors.__main__ import main

pytestmark = pytest.mark.browser

PAGE = b"<!doctype html><meta charset=utf-8><title>raw</title>\n"


# path -> the bytes sent; {raw} is this server's origin, {page} another origin's page.
ANSWERS = {
    "/": lambda o: http_answer("HTTP/1.1 200 OK\nContent-Type: text/html", PAGE),
    "/early-hints-then-allowed": lambda o: (
        b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
        + http_answer("HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *", b"ok")
    ),
    "/allowed-only-on-the-interim": lambda o: (
        b"HTTP/1.1 103 Early Hints\r\nAccess-Control-Allow-Origin: *\r\n\r\n"
        b"HTTP/1.1 102 Processing\r\n\r\n" + http_answer("HTTP/1.1 200 OK", b"ok")
    ),
    "/redirect-with-credentials": lambda o: http_answer(
        f"HTTP/1.1 302 Found\nAccess-Control-Allow-Origin: *\n"
        f"Location: http://u:p@{o['raw'].removeprefix('http://')}/final"
    ),
    "/final": lambda o: http_answer("HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *", b"ok"),
    "/same-origin-then-elsewhere": lambda o: http_answer(
        f"HTTP/1.1 302 Found\nLocation: {o['page']}/"  # the page server: no CORS header
    ),
}


# (path, whose page fetches it, whether Chromium lets the script read the answer)
CASES = [
    ("/early-hints-then-allowed", "page", True),
    ("/allowed-only-on-the-interim", "page", False),
    ("/redirect-with-credentials", "page", False),
    ("/same-origin-then-elsewhere", "raw", False),
]


def _not_called(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    raise AssertionError("the cases call the raw server only")


@pytest.fixture(scope="module")
def raw(deploy: Callable[..., Any], page_ports: Any) -> Iterator[tuple[dict[str, str], Any]]:
    """The raw server's and the page's origins, and the pages of a fresh browser
    context (the conftest's deployment, for its pages only)."""
    origins = {"page": f"http://localhost:{page_ports.P}"}

    def answer(method: str, path: str) -> bytes | None:
        make = ANSWERS.get(path)
        return make(origins) if make else None

    with raw_server(answer) as origin, deploy(_not_called) as deployment:
        origins["raw"] = origin
        yield origins, deployment.pages


@pytest.mark.parametrize(("path", "page", "readable"), CASES, ids=[c[0][1:] for c in CASES])
def test_check_agrees_with_chromium_on_raw_answers(
    raw: tuple[dict[str, str], Any], path: str, page: str, readable: bool
) -> None:
    origins, pages = raw
    url, origin = origins["raw"] + path, origins[page]
    (result,) = pages.fetch(
        origin, url, method="GET", headers={}, body=None, credentials="same-origin"
    )
    assert bool(result["ok"]) is readable, result
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(["check", url, "--origin", origin, "--timeout", "10"])
    assert (status == 0) is readable, out.getvalue()


def test_the_raw_server_answers_as_written(raw: tuple[dict[str, str], Any]) -> None:
    """The cases above rest on the raw bytes: the interim responses really come first."""
    origins, _ = raw
    port = int(origins["raw"].rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(b"GET /early-hints-then-allowed HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    assert received.startswith(b"HTTP/1.1 103 Early Hints\r\n"), received
    assert b"\r\n\r\nHTTP/1.1 200 OK\r\n" in received, received
