"""What Chromium makes of an application's ``Allow`` with a control character in it,
as Falcon copies it into ``Access-Control-Allow-Methods`` and as wsgi-cors answers
instead (README difference 2: a tab or a line fold becomes a space; any other control
character denies the preflight). The difference is meant to be invisible to a browser:
for each value, a page on another origin sends a ``PUT`` (so a CORS-preflight request
first) to each answer, and the script may read both or neither. ``wsgi-cors check``
makes the same ``PUT`` and agrees with Chromium on each.

Both answers come from the real layers, called in process for the same request: a
Falcon resource whose ``OPTIONS`` responder sets the ``Allow`` value, under
``falcon.CORSMiddleware`` and under ``CORSMiddleware(allow_methods=None)``. A raw server
(``raw_http``) sends their headers byte for byte, since WSGI servers refuse control
characters in a header value.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from raw_http import raw_server

from wsgi_call import call
from wsgi_cors import CORSMiddleware
from wsgi_cors.__main__ import main

pytestmark = pytest.mark.browser

# The application's Allow, and whether Chromium lets the PUT through with it.
ALLOW_VALUES = {
    "plain": ("GET, PUT", True),
    "tab": ("GET,\tPUT", True),
    "line-fold": ("GET,\r\n PUT", True),  # RFC 9112, 5.2 obs-fold: read as a space
    "cr-fold": ("GET,\r PUT", True),  # a lone CR or LF before a space folds too
    "lf-fold": ("GET,\n\tPUT", True),
    "cr-cr-lf-fold": ("GET,\r\r\n PUT", True),  # a run of CR and LF is one line break
    "a-blank-line": ("GET,\r\n\r\n PUT", False),  # ends the head: no PUT after it
    "soh": ("GET, PUT\x01", False),  # no method token: no list of methods
    "vertical-tab": ("GET,\x0bPUT", False),  # not HTTP white space
    "c1": ("GET, PUT\x85", False),
}


def _apps(allow: str, page_origin: str) -> dict[str, Callable[..., Any]]:
    import falcon

    class Resource:
        def on_options(self, req: Any, resp: Any) -> None:
            resp.set_header("Allow", allow)

        def on_put(self, req: Any, resp: Any) -> None:
            resp.text = "put"

    plain, falcons = (
        falcon.App(),
        falcon.App(middleware=falcon.CORSMiddleware(allow_origins=page_origin)),
    )
    for app in (plain, falcons):
        app.add_route("/", Resource())
    return {
        "falcon": falcons,
        "wsgi-cors": CORSMiddleware(plain, allow_origins=page_origin, allow_methods=None),
    }


def _raw_answer(app: Callable[..., Any], method: str, origin: str) -> bytes:
    """*app*'s answer to *method* from *origin* (a ``PUT``'s preflight for OPTIONS),
    its header values written as they are."""
    headers = {"Origin": origin}
    if method == "OPTIONS":
        headers["Access-Control-Request-Method"] = "PUT"
    response = call(app, method, headers=headers)
    lines = [f"HTTP/1.1 {response.status}"]
    lines += [f"{n}: {v}" for n, v in response.headers if n.lower() != "content-length"]
    lines += [f"Content-Length: {len(response.body)}", "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + response.body


@pytest.fixture(scope="module")
def served(deploy: Callable[..., Any], page_ports: Any) -> Iterator[tuple[str, str, Any]]:
    """The page's origin, the raw server's (``/<value>/<layer>`` answers as that layer
    with that Allow), and the pages of a fresh browser context."""
    page = f"http://localhost:{page_ports.P}"
    apps = {key: _apps(allow, page) for key, (allow, _) in ALLOW_VALUES.items()}

    def answer(method: str, path: str) -> bytes | None:
        _, key, layer = path.split("/", 2)
        app = apps.get(key, {}).get(layer)
        return None if app is None else _raw_answer(app, method, page)

    def not_called(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        raise AssertionError("the cases call the raw server only")

    with raw_server(answer) as origin, deploy(not_called) as deployment:
        yield page, origin, deployment.pages


@pytest.mark.parametrize("key", ALLOW_VALUES)
def test_chromium_reads_both_answers_alike(served: tuple[str, str, Any], key: str) -> None:
    page, origin, pages = served
    allow, passes = ALLOW_VALUES[key]
    outcomes = {}
    for layer in ("falcon", "wsgi-cors"):
        (result,) = pages.fetch(
            page,
            f"{origin}/{key}/{layer}",
            method="PUT",
            headers={},
            body="x",
            credentials="same-origin",
        )
        outcomes[layer] = result["ok"]
    assert outcomes == {"falcon": passes, "wsgi-cors": passes}, (allow, outcomes)


@pytest.mark.parametrize("key", ALLOW_VALUES)
def test_check_agrees_with_chromium(served: tuple[str, str, Any], key: str) -> None:
    """``check`` passes the ``PUT`` through Falcon's answer, which copies the value as it
    is, exactly when Chromium does (above)."""
    page, origin, _ = served
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(["check", f"{origin}/{key}/falcon", "--origin", page, "-X", "PUT"])
    assert (status == 0) is ALLOW_VALUES[key][1], out.getvalue()


@pytest.mark.parametrize("key", ALLOW_VALUES)
def test_the_answers_hold_what_the_cases_say(key: str) -> None:
    """Falcon copies the value; wsgi-cors sends it without a control character, or no
    Access-Control-* header at all (the bytes the browser test rests on)."""
    allow, passes = ALLOW_VALUES[key]
    apps = _apps(allow, "http://localhost:1")
    falcon_bytes = _raw_answer(apps["falcon"], "OPTIONS", "http://localhost:1")
    ours = _raw_answer(apps["wsgi-cors"], "OPTIONS", "http://localhost:1")
    # Falcon writes header names in lower case.
    assert b"access-control-allow-methods: " + allow.encode("latin-1") + b"\r\n" in falcon_bytes
    if passes:
        assert b"Access-Control-Allow-Methods: GET, PUT\r\n" in ours
    else:
        assert b"access-control-" not in ours.lower()
