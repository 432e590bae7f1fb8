"""The Chromium console messages that docs/troubleshooting.rst quotes are the ones
Chromium prints, for the causes the page gives them.

For each case a page on ``http://localhost:P`` makes one ``fetch()`` to a server set up
as the page describes (wsgi-cors configured one way, or one of the misconfigured
applications of ``tests/check_servers.py``), in the session's Chromium; the test reads
the console and checks that the message the page quotes is there, and that the page
quotes it (white space aside, since the page wraps its lines). When a new Chromium
words a message differently, this test says which section of the page to update.
"""

from __future__ import annotations

import pathlib
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from check_servers import MISCONFIGURED, Mount, items_app, serve
from wsgi_cors import CORSMiddleware

pytestmark = [pytest.mark.browser, pytest.mark.docs]

PAGE = pathlib.Path(__file__).resolve().parents[2] / "docs" / "troubleshooting.rst"
ELSEWHERE = "https://elsewhere.example"


def options_answer(status: str, allow: str) -> Callable[..., Any]:
    """A plain application that answers OPTIONS with *status* and ``Allow`` (as Bottle's
    405 or Flask's automatic 200 do), and everything else as :func:`items_app`."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ["REQUEST_METHOD"] == "OPTIONS":
            start_response(status, [("Allow", allow), ("Content-Length", "0")])
            return []
        return items_app(environ, start_response)

    return app


@dataclass(frozen=True)
class Case:
    """``fetch(/<app>/items, {method, headers, credentials})`` from the page's origin;
    *message*: what Chromium must print; *quoted*: what the page must quote (the
    message, unless the page shows it with other values)."""

    app: str
    message: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    credentials: str = "omit"
    quoted: str | None = None


APPS: dict[str, Any] = {
    "not-listed": CORSMiddleware(items_app, allow_origins=[ELSEWHERE]),
    "get-only": CORSMiddleware(items_app, allow_methods=["GET"]),
    "405-passed-through": CORSMiddleware(
        options_answer("405 Method Not Allowed", "GET"), allow_methods=None
    ),
    "allow-lacks-put": CORSMiddleware(options_answer("200 OK", "GET, HEAD"), allow_methods=None),
    "any-origin": CORSMiddleware(items_app),
    "acah-missing-header": MISCONFIGURED["acah-missing-header"],
    "two-acao": MISCONFIGURED["two-acao"],
    "wrong-origin": MISCONFIGURED["wrong-origin"],
    "redirect-preflight": MISCONFIGURED["redirect-preflight"],
}

PREFLIGHT = "Response to preflight request doesn't pass access control check: "
NO_ACAO = "No 'Access-Control-Allow-Origin' header is present on the requested resource."

CASES = [
    Case("not-listed", NO_ACAO),
    Case("get-only", PREFLIGHT + NO_ACAO, method="PUT"),
    Case(
        "405-passed-through",
        PREFLIGHT + "It does not have HTTP ok status.",
        method="PUT",
    ),
    Case(
        "allow-lacks-put",
        "Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.",
        method="PUT",
    ),
    Case(
        "acah-missing-header",
        "Request header field x-token is not allowed by Access-Control-Allow-Headers in "
        "preflight response.",
        method="PUT",
        headers={"X-Token": "t"},
    ),
    Case(
        "any-origin",
        "The value of the 'Access-Control-Allow-Origin' header in the response must not be "
        "the wildcard '*' when the request's credentials mode is 'include'.",
        credentials="include",
    ),
    Case(
        "not-listed-page",  # the page's own origin is listed, without credentials
        "The value of the 'Access-Control-Allow-Credentials' header in the response is '' "
        "which must be 'true' when the request's credentials mode is 'include'.",
        credentials="include",
    ),
    Case(
        "two-acao",
        "The 'Access-Control-Allow-Origin' header contains multiple values '{origin}, "
        "{origin}', but only one is allowed. Have the server send the header with a valid "
        "value.",
        quoted="The 'Access-Control-Allow-Origin' header contains multiple values "
        "'https://app.example.com, https://app.example.com', but only one is allowed.",
    ),
    Case(
        "wrong-origin",
        "The 'Access-Control-Allow-Origin' header has a value 'https://other.example' that "
        "is not equal to the supplied origin. Have the server send the header with a valid "
        "value.",
    ),
    Case(
        "redirect-preflight",
        PREFLIGHT + "Redirect is not allowed for a preflight request.",
        method="PUT",
    ),
]

FETCH = """
async ({url, method, headers, credentials}) => {
  try {
    const response = await fetch(url, {method, headers, credentials});
    return `read ${response.status}`;
  } catch (error) {
    return String(error);
  }
}
"""


def normalized(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def api(page_ports: Any) -> Iterator[str]:
    """One server for every case; ``not-listed-page`` lists the page's own origin."""
    origin = page_ports.origin("http://localhost:{P}")
    apps = {**APPS, "not-listed-page": CORSMiddleware(items_app, allow_origins=[origin])}
    with serve(Mount(apps)) as base:
        yield base


@pytest.mark.parametrize("case", CASES, ids=[case.app for case in CASES])
def test_chromium_prints_what_the_page_quotes(
    case: Case, api: str, browser: Any, page_ports: Any
) -> None:
    origin = page_ports.origin("http://localhost:{P}")
    context = browser.new_context()
    try:
        tab = context.new_page()
        console: list[str] = []
        tab.on("console", lambda message: console.append(message.text))
        tab.goto(origin + "/")
        url = f"{api}/{case.app}/items?k={uuid.uuid4().hex}"
        outcome = tab.evaluate(
            FETCH,
            {
                "url": url,
                "method": case.method,
                "headers": case.headers,
                "credentials": case.credentials,
            },
        )
        tab.wait_for_timeout(200)  # the console message may follow the promise
    finally:
        context.close()

    assert outcome == "TypeError: Failed to fetch", outcome
    expected = case.message.replace("{origin}", origin)
    blocked = [m for m in console if "has been blocked by CORS policy: " in m]
    assert blocked, console
    said = blocked[0].split("has been blocked by CORS policy: ", 1)[1]
    assert said == expected, f"Chromium now says:\n{said}"

    page = normalized(PAGE.read_text(encoding="utf-8"))
    quoted = normalized(case.quoted or case.message)
    assert quoted in page, f"docs/troubleshooting.rst does not quote:\n{quoted}"


def test_the_page_names_the_script_side_error() -> None:
    page = normalized(PAGE.read_text(encoding="utf-8"))
    assert "TypeError: Failed to fetch" in page
    assert re.search(r"Chromium \d+", page), "the page must say which Chromium it quotes"
