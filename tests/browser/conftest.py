"""Real-browser CORS tests: Debian's Chromium, driven by Playwright, against real servers.

What this suite proves
======================

The in-process tests check the headers ``wsgi_cors`` sends. This suite checks what a
browser *does* with them: for each application (a Falcon app and a Flask app), each CORS
policy and each ``fetch()`` case, a web page on one origin calls the API on another
origin, and the test compares what the page could read (or the ``TypeError`` a CORS
failure raises) with an outcome written by hand from the Fetch standard's "CORS check"
and "CORS-preflight fetch" rules. The expected outcomes live in one table in
``test_browser_cors.py``; nothing there is computed by calling the middleware.

The pieces
==========

* **Browser**: ``/usr/bin/chromium`` (Debian's package), launched once per session by
  Playwright's sync API with ``executable_path``; Playwright never downloads a browser
  here (do not run ``playwright install``). Each (app, policy) gets a fresh browser
  context, so the CORS-preflight cache never carries over from one policy to the next;
  inside a context every test uses its own URL (a unique ``?k=`` query), and Chromium's
  preflight cache is keyed by URL, so cases do not share cache entries either.
* **API server**: the application wrapped in ``wsgi_cors.CORSMiddleware`` (or
  ``enable_cors``), wrapped again by :class:`RequestLog` (outside the middleware, so
  it also sees the preflights the middleware answers by itself), served by a threaded
  waitress server on ``http://127.0.0.1:<port>``, one server per (app, policy).
* **Page servers**: two more waitress servers (ports ``P`` and ``Q``) returning a blank
  HTML page for every path. Since the origin includes the host name, one page server
  gives several origins: ``http://localhost:P``, ``http://app.localhost:P``,
  ``http://web.app.localhost:P`` (Chromium resolves ``localhost`` and every
  ``*.localhost`` name to the loopback address itself, without DNS),
  ``http://127.0.0.1:Q`` and so on. Every one of them is cross-origin to the API.
  No host other than the loopback interface is ever contacted.
* **fetch()**: :data:`FETCH_JS` runs in the page through ``page.evaluate`` and returns,
  per attempt, ``{ok: true, status, headers, body}`` with the headers a script can read,
  or ``{ok: false, error}``; a ``TypeError`` there is a network error, which is what a
  CORS failure looks like from a page.

Private Network Access / Local Network Access: every page origin and the API resolve to
the loopback address space, so Chromium sends no private-network preflight; the
suite checks that no request carries ``Access-Control-Request-Private-Network``.

Running it
==========

Every test here carries the marker ``browser``, which plain ``python -m pytest``
deselects (see ``addopts`` in pyproject.toml): run the suite with
``python -m pytest -m browser``, or every suite with ``python -m pytest -m ""`` (what
``.ci/run`` does). The whole suite is **skipped**, with the reason, when Chromium or the
``playwright`` package (or falcon, flask, waitress) is missing. Environment variables:

``WSGI_CORS_CHROMIUM``
    the Chromium executable to use instead of ``/usr/bin/chromium``
    (``WSGI_CORS_CHROMIUM=/nonexistent`` shows the skip).
``WSGI_CORS_REQUIRE_BROWSER``
    when set to a non-empty value other than ``0``, a missing browser or package fails
    the suite instead of skipping it (CI sets it, so the suite cannot skip unnoticed).
"""

from __future__ import annotations

import contextlib
import os
import threading
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

import real_servers

CHROMIUM_ENV = "WSGI_CORS_CHROMIUM"
REQUIRE_ENV = "WSGI_CORS_REQUIRE_BROWSER"
DEFAULT_CHROMIUM = "/usr/bin/chromium"

#: Exactly these switches, plus ``headless=True``.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Runs in the page. ``repeat`` attempts, one after the other; each attempt's result
#: is ``{ok: true, status, headers, body}`` (``headers``: what the script may read)
#: or ``{ok: false, error}``.
FETCH_JS = """
async ({url, method, headers, body, credentials, repeat}) => {
  const results = [];
  for (let i = 0; i < repeat; i++) {
    try {
      const init = {method, headers, credentials, mode: "cors",
                    signal: AbortSignal.timeout(15000)};
      if (body !== null) init.body = body;
      const response = await fetch(url, init);
      const readable = {};
      response.headers.forEach((value, name) => { readable[name] = value; });
      results.push({ok: true, status: response.status, headers: readable,
                    body: await response.text()});
    } catch (e) {
      results.push({ok: false, error: String(e)});
    }
  }
  return results;
}
"""

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser ``browser`` (registered in pyproject.toml), also
    in a module that forgets its ``pytestmark``; runs before ``-m`` deselects."""
    here = os.path.dirname(os.path.abspath(__file__))
    for item in items:
        if os.path.abspath(str(item.path)).startswith(here + os.sep):
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str) -> None:
    """Skip the suite, or fail it when the environment demands the browser."""
    if os.environ.get(REQUIRE_ENV, "") not in ("", "0"):
        pytest.fail(f"{reason} ({REQUIRE_ENV} is set, so this is an error)", pytrace=False)
    pytest.skip(reason)


def _need(module: str) -> None:
    try:
        __import__(module)
    except ImportError as exc:
        _unavailable(f"browser suite needs the {module!r} package: {exc}")


# -- servers ---------------------------------------------------------------------------


@contextlib.contextmanager
def serve(app: WSGIApp) -> Iterator[int]:
    """Serve *app* with a threaded waitress server on 127.0.0.1
    (:func:`real_servers.waitress`); yield its port."""
    with real_servers.waitress(app) as server:
        yield server.port


def blank_page(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    """The page every test's script runs in."""
    body = b"<!doctype html><meta charset=utf-8><title>wsgi-cors browser test</title>\n"
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ],
    )
    return [body]


@dataclass(frozen=True)
class PagePorts:
    """The two page servers' ports; origin templates use ``{P}`` and ``{Q}``."""

    P: int
    Q: int

    def origin(self, template: str) -> str:
        return template.format(P=self.P, Q=self.Q)


@dataclass(frozen=True)
class Seen:
    """One request the API server received (recorded outside the CORS middleware)."""

    method: str
    origin: str | None
    request_method: str | None  # Access-Control-Request-Method
    request_headers: str | None  # Access-Control-Request-Headers
    cors_request_headers: frozenset[str]  # every Access-Control-Request-* name


@dataclass
class RequestLog:
    """WSGI wrapper recording each request by its ``k`` query parameter."""

    app: WSGIApp
    _seen: dict[str, list[Seen]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
        key = query.get("k", [""])[0]
        seen = Seen(
            method=environ["REQUEST_METHOD"],
            origin=environ.get("HTTP_ORIGIN"),
            request_method=environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD"),
            request_headers=environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS"),
            cors_request_headers=frozenset(
                name for name in environ if name.startswith("HTTP_ACCESS_CONTROL_REQUEST_")
            ),
        )
        with self._lock:
            self._seen.setdefault(key, []).append(seen)
        return self.app(environ, start_response)

    def requests(self, key: str) -> list[Seen]:
        with self._lock:
            return list(self._seen.get(key, []))


# -- fixtures --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        _unavailable(
            f"no Chromium executable at {path!r} (install Debian's 'chromium' package,"
            f" or point {CHROMIUM_ENV} at one); Playwright's own browsers are not used"
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    _need("playwright")
    for module in ("waitress", "falcon", "flask"):
        _need(module)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=LAUNCH_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def page_ports(browser: Any) -> Iterator[PagePorts]:
    """Two page servers, P and Q (started after the browser, so they skip with it)."""
    with serve(blank_page) as p, serve(blank_page) as q:
        yield PagePorts(P=p, Q=q)


class PageSet:
    """A browser context and one loaded page per origin in it, made on demand."""

    def __init__(self, context: Any, ports: PagePorts) -> None:
        self.context = context
        self.ports = ports
        self._pages: dict[str, Any] = {}

    def page(self, origin: str) -> Any:
        page = self._pages.get(origin)
        if page is None:
            page = self.context.new_page()
            response = page.goto(origin + "/")
            assert response is not None and response.ok, f"could not load {origin}/"
            assert page.evaluate("location.origin") == origin
            self._pages[origin] = page
        return page

    def fetch(
        self,
        origin: str,
        url: str,
        *,
        method: str,
        headers: dict[str, str],
        body: str | None,
        credentials: str,
        repeat: int = 1,
    ) -> list[dict[str, Any]]:
        arg = {
            "url": url,
            "method": method,
            "headers": headers,
            "body": body,
            "credentials": credentials,
            "repeat": repeat,
        }
        return list(self.page(origin).evaluate(FETCH_JS, arg))


@dataclass
class Deployment:
    """One application served on 127.0.0.1, and the browser context that calls it."""

    api_port: int
    log: RequestLog
    pages: PageSet

    def url(self, path: str, key: str) -> str:
        return f"http://127.0.0.1:{self.api_port}{path}?k={urllib.parse.quote(key)}"


@pytest.fixture(scope="session")
def deploy(
    browser: Any, page_ports: PagePorts
) -> Callable[[WSGIApp], contextlib.AbstractContextManager[Deployment]]:
    """``with deploy(app) as d:`` serves ``RequestLog(app)`` in a waitress server and
    opens a fresh browser context (so a fresh CORS-preflight cache) for it."""

    @contextlib.contextmanager
    def deploy_app(app: WSGIApp) -> Iterator[Deployment]:
        log = RequestLog(app)
        with serve(log) as port:
            context = browser.new_context()
            try:
                yield Deployment(port, log, PageSet(context, page_ports))
            finally:
                context.close()

    return deploy_app
