"""``wsgi-cors check`` against CORS layers other than wsgi-cors, behind waitress: Falcon's
own (``falcon.App(cors_enable=True)`` and ``falcon.CORSMiddleware``) and flask-cors.

Each row is a request a page would make and what a browser must make of it, written from
what each layer is documented to send and the Fetch standard's rules; the step that
decides is named in the output ``check`` must print. Marker ``servers``: run with
``python -m pytest -m servers``.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

import pytest

from check_servers import (
    Mount,
    falcon_cors_enable,
    falcon_cors_middleware,
    flask_cors_app,
    serve,
)
from wsgi_cors.__main__ import main

pytestmark = pytest.mark.servers

PAGE = "http://localhost:8001"
OTHER = "http://localhost:8002"

JSON = "Content-Type: application/json"


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    pytest.importorskip("flask_cors", reason="flask-cors is in the 'test' extra")
    apps = {
        "falcon-enable": falcon_cors_enable(),
        "falcon-mw": falcon_cors_middleware(
            allow_origins=PAGE, allow_credentials=PAGE, expose_headers=["X-Request-Id"]
        ),
        "falcon-mw-any": falcon_cors_middleware(allow_origins="*", allow_credentials="*"),
        "flask-cors": flask_cors_app(
            origins=[PAGE],
            supports_credentials=True,
            expose_headers=["X-Request-Id"],
            allow_headers=["Content-Type", "X-Token"],
            methods=["GET", "POST", "PUT"],
        ),
        "flask-cors-default": flask_cors_app(),
    }
    with serve(Mount(apps)) as url:
        yield url


CASES = [
    # (application, origin, arguments, exit status, what the output must say)
    # falcon.App(cors_enable=True): any origin, '*', no credentials, nothing exposed; the
    # preflight's ACAM is the resource's Allow, ACAH echoes the request.
    ("falcon-enable", PAGE, [], 0, ["Access-Control-Allow-Origin: *"]),
    ("falcon-enable", PAGE, ["-X", "PUT", "-H", JSON], 0, ["PASS  preflight headers"]),
    ("falcon-enable", PAGE, ["-X", "PATCH", "-H", "X-Token: t"], 0, ["ALLOWED"]),
    ("falcon-enable", PAGE, ["-H", "Authorization: Bearer x"], 0, ["lists authorization"]),
    ("falcon-enable", PAGE, ["-X", "QUERY"], 1, ["QUERY is not listed"]),
    ("falcon-enable", PAGE, ["--credentials"], 1, ["'*' is not a wildcard"]),
    ("falcon-enable", PAGE, ["--read-header", "X-Request-Id"], 1, ["not exposed"]),
    ("falcon-enable", PAGE, ["--read-header", "Content-Type"], 0, ["ALLOWED"]),
    # falcon.CORSMiddleware with one origin and credentials: reflected, never a Vary.
    ("falcon-mw", PAGE, [], 0, ["WARN  caching", "ALLOWED"]),
    (
        "falcon-mw",
        PAGE,
        ["--credentials", "-X", "PUT", "-H", JSON, "--read-header", "X-Request-Id"],
        0,
        ["Access-Control-Allow-Credentials: true", "X-Request-Id is listed"],
    ),
    ("falcon-mw", PAGE, ["--read-header", "X-Secret"], 1, ["X-Secret is not exposed"]),
    ("falcon-mw", OTHER, [], 1, ["no Access-Control-Allow-Origin header"]),
    ("falcon-mw", OTHER, ["-X", "DELETE"], 1, ["FAIL  preflight CORS check"]),
    # falcon.CORSMiddleware("*", "*"): every origin reflected with credentials, which a
    # browser allows (wsgi-cors refuses this configuration; check reports what is sent).
    ("falcon-mw-any", OTHER, ["--credentials", "-X", "DELETE"], 0, ["ALLOWED"]),
    # flask-cors with one origin, credentials, a method list and a header list; with a
    # single origin it sends no Vary, though it leaves ACAO out for other origins.
    ("flask-cors", PAGE, [], 0, ["WARN  caching", "ALLOWED"]),
    (
        "flask-cors",
        PAGE,
        ["--credentials", "-X", "PUT", "-H", JSON, "-H", "X-Token: t"],
        0,
        ["PASS  preflight methods", "PASS  preflight headers"],
    ),
    ("flask-cors", PAGE, ["-H", "X-Other: 1"], 1, ["x-other not allowed"]),
    ("flask-cors", PAGE, ["-X", "DELETE"], 1, ["DELETE is not listed"]),
    ("flask-cors", PAGE, ["--read-header", "X-Request-Id"], 0, ["X-Request-Id is listed"]),
    ("flask-cors", OTHER, [], 1, ["no Access-Control-Allow-Origin header"]),
    # flask-cors defaults: any origin, reflected (send_wildcard=False) with Vary, and
    # no credentials.
    ("flask-cors-default", PAGE, ["-X", "PUT", "-H", JSON], 0, ["PASS  caching", "ALLOWED"]),
    ("flask-cors-default", PAGE, ["--credentials"], 1, ["no Access-Control-Allow-Credentials"]),
]


@pytest.mark.parametrize(
    ("app", "origin", "args", "status", "says"),
    CASES,
    ids=[f"{c[0]}:{c[1][-4:]}:{' '.join(c[2]) or 'GET'}" for c in CASES],
)
def test_other_cors_layers(
    base: str, app: str, origin: str, args: list[str], status: int, says: list[str]
) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", f"{base}/{app}/items", "--origin", origin, *args])
    assert (code, err.getvalue()) == (status, ""), out.getvalue()
    for text in says:
        assert text in out.getvalue(), out.getvalue()
