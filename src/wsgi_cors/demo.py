"""``wsgi-cors demo``: see in a real browser what a CORS policy allows.

Two loopback servers run side by side (the standard library's :mod:`wsgiref`, made
threaded):

* a small JSON API, a plain WSGI application wrapped in
  :class:`~wsgi_cors.CORSMiddleware`, at ``http://127.0.0.1:API_PORT``;
* a page server whose one page, opened as ``http://localhost:PAGE_PORT/`` (a different
  origin), makes cross-origin ``fetch()`` calls to the API and shows in a table which
  ones the browser allowed.

Restart the demo with other flags (``--allow-credentials``, ``--expose-header``, ...) and
reload the page to see the outcomes change.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import socketserver
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from .middleware import CORSMiddleware

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = [
    "Demo",
    "add_demo_arguments",
    "build_middleware",
    "make_api_app",
    "make_page_app",
    "policy_options",
    "serve",
    "start_demo",
]

HOST = "127.0.0.1"
MAX_BODY = 64 * 1024
SESSION_COOKIE = "demo_session"

_JSON = "application/json"
_TEXT = "text/plain; charset=utf-8"
_ITEM_PATH = re.compile(r"/api/items/([A-Za-z0-9_-]{1,64})")


# -- the JSON API ---------------------------------------------------------------------


def _json(
    start_response: StartResponse, status: str, data: object, extra: Sequence[tuple[str, str]] = ()
) -> list[bytes]:
    body = json.dumps(data, indent=2).encode() + b"\n"
    start_response(
        status,
        [
            ("Content-Type", _JSON),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
            *extra,
        ],
    )
    return [body]


def _read_body(environ: WSGIEnvironment) -> bytes | None:
    """The request body, or None when it is larger than :data:`MAX_BODY`."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        return None
    return environ["wsgi.input"].read(length) if length > 0 else b""


def make_api_app(page_origin: str | None = None) -> WSGIApplication:
    """The demo's JSON API, *not* wrapped in CORS middleware.

    Routes: ``GET /`` and ``GET /api/hello`` (with the response headers ``X-Request-Id``,
    a counter, and ``X-Secret``; ``/`` also echoes the body of POST, PUT, PATCH and
    DELETE); ``GET /api/me`` (was a ``demo_session`` cookie sent?);
    ``GET /login`` (sets that cookie); ``PUT /api/items/<id>`` (echoes its JSON
    body) and ``DELETE /api/items/<id>``; ``POST /api/echo``. Every route answers
    ``OPTIONS`` with ``200 OK`` and an ``Allow`` header, like Falcon's default responder,
    which the middleware turns into ``Access-Control-Allow-Methods`` for a preflight.
    Other paths get a JSON 404.

    :param page_origin: the demo page's origin, only mentioned by ``/login``.
    """
    lock = threading.Lock()
    counter = [0]

    def hello(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        with lock:
            counter[0] += 1
            request_id = str(counter[0])
        return _json(
            start_response,
            "200 OK",
            {"message": "Hello from the wsgi-cors demo API"},
            [("X-Request-Id", request_id), ("X-Secret", "s3cr3t")],
        )

    def me(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        cookies = environ.get("HTTP_COOKIE", "")
        sent = any(c.strip().startswith(SESSION_COOKIE + "=") for c in cookies.split(";"))
        return _json(start_response, "200 OK", {"cookie_received": sent})

    def login(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        data = {"message": f"cookie {SESSION_COOKIE} set", "page": page_origin}
        cookie = f"{SESSION_COOKIE}=1; Path=/; SameSite=Lax; HttpOnly"
        return _json(start_response, "200 OK", data, [("Set-Cookie", cookie)])

    def echo(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        body = _read_body(environ)
        if body is None:
            return _json(start_response, "413 Content Too Large", {"error": "body too large"})
        text = body.decode("utf-8", "replace")
        return _json(
            start_response,
            "200 OK",
            {"content_type": environ.get("CONTENT_TYPE", ""), "body": text},
        )

    def item(environ: WSGIEnvironment, start_response: StartResponse, item_id: str) -> list[bytes]:
        if environ["REQUEST_METHOD"] == "DELETE":
            return _json(start_response, "200 OK", {"id": item_id, "deleted": True})
        body = _read_body(environ)  # PUT: echo the JSON body
        if body is None:
            return _json(start_response, "413 Content Too Large", {"error": "body too large"})
        try:
            value = json.loads(body or b"null")
        except ValueError:
            return _json(start_response, "400 Bad Request", {"error": "body is not JSON"})
        return _json(start_response, "200 OK", {"id": item_id, "stored": value})

    Handler = Callable[..., list[bytes]]
    routes: dict[str, dict[str, Handler]] = {
        # "/" takes every method a cross-origin fetch() commonly uses, so that any
        # preflight to it gets them in Access-Control-Allow-Methods.
        "/": {"GET": hello, "POST": echo, "PUT": echo, "PATCH": echo, "DELETE": echo},
        "/api/hello": {"GET": hello},
        "/api/me": {"GET": me},
        "/login": {"GET": login},
        "/api/echo": {"POST": echo},
    }
    item_methods: dict[str, Handler] = {"PUT": item, "DELETE": item}

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ["REQUEST_METHOD"]
        args: tuple[str, ...] = ()
        methods = routes.get(path)
        if methods is None and (match := _ITEM_PATH.fullmatch(path)):
            methods, args = item_methods, (match.group(1),)
        if methods is None:
            return _json(start_response, "404 Not Found", {"error": f"no route for {path}"})
        allow = ", ".join(methods)
        if method == "OPTIONS":
            start_response(
                "200 OK", [("Allow", allow), ("Content-Type", _TEXT), ("Content-Length", "0")]
            )
            return []
        handler = methods.get(method)
        if handler is None:
            return _json(
                start_response,
                "405 Method Not Allowed",
                {"error": f"{method} not allowed; allowed: {allow}"},
                [("Allow", allow)],
            )
        return handler(environ, start_response, *args)

    return app


# -- the page -------------------------------------------------------------------------


def _script_json(data: object) -> str:
    """JSON safe to put inside a ``<script>`` element."""
    text = json.dumps(data, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def make_page_app(api_url: str, policy_description: Mapping[str, Any]) -> WSGIApplication:
    """The page server: ``GET /`` is one self-contained HTML page whose script calls
    *api_url* cross-origin and shows which calls the browser allowed. The policy
    (*policy_description*, shown on the page) and *api_url* are written into the page.
    """
    config = {"api": api_url, "policy": dict(policy_description)}
    page = (
        _PAGE.replace("{{CONFIG}}", _script_json(config))
        .replace("{{API}}", escape(api_url))
        .replace("{{POLICY}}", escape(json.dumps(config["policy"], indent=2)))
    )
    body = page.encode("utf-8")

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        if path not in ("/", "/index.html"):
            status = "204 No Content" if path == "/favicon.ico" else "404 Not Found"
            data = b"" if status.startswith("204") else b"not found\n"
            start_response(status, [("Content-Type", _TEXT), ("Content-Length", str(len(data)))])
            return [data]
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            start_response(
                "405 Method Not Allowed",
                [("Allow", "GET, HEAD"), ("Content-Type", _TEXT), ("Content-Length", "0")],
            )
            return []
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    return app


# -- options and middleware ---------------------------------------------------------


def _port(text: str) -> int:
    port = int(text)
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is not in 0..65535")
    return port


def add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the demo's flags to *parser* (the ``demo`` subcommand's parser)."""
    add = parser.add_argument
    add(
        "--allow-origin",
        action="append",
        metavar="ORIGIN",
        help="an origin allowed to read responses (repeatable; '*' for any); "
        "default: the page's origin, http://localhost:PAGE_PORT",
    )
    add(
        "--allow-credentials",
        action="store_true",
        help="let the allowed origins make credentialed requests (allow_credentials='*')",
    )
    add(
        "--expose-header",
        action="append",
        metavar="NAME",
        help="a response header scripts may read, e.g. X-Request-Id (repeatable)",
    )
    add(
        "--allow-method",
        action="append",
        metavar="METHOD",
        help="a method preflights may ask for (repeatable); if given, the middleware "
        "answers preflights itself (204/403) instead of passing them to the API",
    )
    add(
        "--allow-header",
        action="append",
        metavar="NAME",
        help="a request header preflights may ask for (repeatable; '*' for any); "
        "default: echo whatever is asked for",
    )
    add(
        "--max-age",
        type=int,
        default=86400,
        metavar="SECONDS",
        help="how long a browser may cache a preflight result (default: 86400)",
    )
    add(
        "--allow-private-network",
        action="store_true",
        help="answer Private Network Access preflights with "
        "Access-Control-Allow-Private-Network: true",
    )
    add(
        "--api-port",
        type=_port,
        default=8000,
        metavar="PORT",
        help="port of the API on 127.0.0.1 (default: 8000; 0 picks a free one)",
    )
    add(
        "--page-port",
        type=_port,
        default=8001,
        metavar="PORT",
        help="port of the page, opened as http://localhost:PORT/ (default: 8001; 0 picks one)",
    )


def _names(values: list[str] | None) -> str | list[str] | None:
    """Repeated flags (each may be comma-separated) as an option value."""
    if not values:
        return None
    names = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return "*" if names == ["*"] else names


def policy_options(args: argparse.Namespace, page_origin: str) -> dict[str, Any]:
    """The :class:`~wsgi_cors.CORSMiddleware` keywords the parsed flags ask for.

    Without ``--allow-origin`` the only allowed origin is *page_origin*.
    """
    origins = args.allow_origin or [page_origin]
    return {
        "allow_origins": "*" if origins == ["*"] else origins,
        "allow_credentials": "*" if args.allow_credentials else None,
        "expose_headers": _names(args.expose_header),
        "allow_methods": _names(args.allow_method),
        "allow_headers": _names(args.allow_header),
        "max_age": args.max_age,
        "allow_private_network": args.allow_private_network,
    }


def build_middleware(app: WSGIApplication, options: Mapping[str, Any]) -> CORSMiddleware:
    """Wrap *app* in :class:`~wsgi_cors.CORSMiddleware` with *options*, printing any
    :class:`~wsgi_cors.CORSSecurityWarning` as one ``warning:`` line on stderr.

    :raises ValueError, TypeError: the options are invalid (the middleware's message).
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        middleware = CORSMiddleware(app, **options)
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr, flush=True)
    return middleware


# -- serving ---------------------------------------------------------------------------


class _Server(socketserver.ThreadingMixIn, WSGIServer):
    """wsgiref's WSGI server, one thread per request."""

    daemon_threads = True
    label = "demo"


class _Handler(WSGIRequestHandler):
    """Logs one short line per request to stderr."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        origin = self.headers.get("Origin") if getattr(self, "headers", None) else None
        note = f"  (Origin: {origin})" if origin else ""
        self.log_message("%s %s -> %s%s", self.command, self.path, code, note)

    def log_message(self, format: str, *args: Any) -> None:
        label = getattr(self.server, "label", "demo")
        sys.stderr.write(f"[{label}] {format % args}\n")


def _make_server(port: int, label: str) -> _Server:
    server = _Server((HOST, port), _Handler)
    server.label = label
    return server


@dataclass
class Demo:
    """Both running servers. :meth:`stop` shuts them down and closes their sockets."""

    api_server: _Server
    page_server: _Server
    options: dict[str, Any]
    threads: list[threading.Thread] = field(default_factory=list)

    @property
    def api_url(self) -> str:
        """The API's base URL, ``http://127.0.0.1:PORT``."""
        return f"http://{HOST}:{self.api_server.server_address[1]}"

    @property
    def page_url(self) -> str:
        """The page's URL, ``http://localhost:PORT/``."""
        return f"http://localhost:{self.page_server.server_address[1]}/"

    def stop(self) -> None:
        """Shut both servers down, close their sockets and join their threads."""
        for server in (self.api_server, self.page_server):
            server.shutdown()
            server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)


def start_demo(args: argparse.Namespace) -> Demo:
    """Bind both servers (port 0 picks a free one), wrap the API in the policy *args*
    ask for, and serve each in a daemon thread.

    :raises OSError: a port cannot be bound.
    :raises ValueError, TypeError: the policy options are invalid.
    """
    page_server = _make_server(args.page_port, "page")
    try:
        api_server = _make_server(args.api_port, "api ")
    except BaseException:
        page_server.server_close()
        raise
    try:
        page_origin = f"http://localhost:{page_server.server_address[1]}"
        options = policy_options(args, page_origin)
        api_server.set_app(build_middleware(make_api_app(page_origin), options))
        demo = Demo(api_server, page_server, options)
        page_server.set_app(make_page_app(demo.api_url, options))
    except BaseException:
        page_server.server_close()
        api_server.server_close()
        raise
    for server in (api_server, page_server):
        thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.2},
            name=f"wsgi-cors-demo-{server.label.strip()}",
            daemon=True,
        )
        thread.start()
        demo.threads.append(thread)
    return demo


class _Terminate(Exception):
    """Raised in the main thread by the SIGTERM handler."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminate


def _policy_call(options: Mapping[str, Any]) -> str:
    given = ", ".join(f"{k}={v!r}" for k, v in options.items() if v is not None and v is not False)
    return f"CORSMiddleware(api_app, {given})"


def serve(args: argparse.Namespace) -> int:
    """Run the demo until Ctrl-C or SIGTERM; the exit status.

    2 for invalid policy options (the middleware's message goes to stderr), 1 if a port
    cannot be bound, 0 after a clean stop.
    """
    try:
        # Check the flags before binding anything; the default origin (known only once
        # the page port is bound) is always valid, so a stand-in does here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            CORSMiddleware(make_api_app(), **policy_options(args, "http://localhost"))
        demo = start_demo(args)
    except (ValueError, TypeError) as exc:
        print(f"wsgi-cors demo: error: {exc}", file=sys.stderr, flush=True)
        return 2
    except OSError as exc:
        print(f"wsgi-cors demo: error: cannot listen on {HOST}: {exc}", file=sys.stderr, flush=True)
        return 1

    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if in_main_thread else None
    try:
        page_origin = demo.page_url.rstrip("/")
        print(
            f"wsgi-cors demo\n"
            f"  API:  {demo.api_url}   (JSON API behind CORSMiddleware)\n"
            f"  page: {demo.page_url}   (open this in a browser)\n"
            f"policy:\n  {_policy_call(demo.options)}\n"
            f"try a preflight:\n"
            f"  curl -i -X OPTIONS {demo.api_url}/api/items/1 -H 'Origin: {page_origin}'"
            f" -H 'Access-Control-Request-Method: PUT'"
            f" -H 'Access-Control-Request-Headers: content-type'\n"
            f"press Ctrl-C to stop",
            flush=True,
        )
        while True:
            time.sleep(3600)
    except (KeyboardInterrupt, _Terminate):
        pass
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)  # no second interruption
        demo.stop()
        if in_main_thread and previous is not None:
            signal.signal(signal.SIGTERM, previous)
    print("stopped", flush=True)
    return 0


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wsgi-cors demo</title>
<style>
  :root { color-scheme: light; --fg: #1d2330; --muted: #5f6b7a; --line: #dfe3ea; }
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
         color: var(--fg); margin: 0; background: #f6f7f9; }
  main { max-width: 62rem; margin: 2rem auto; padding: 0 1.25rem; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.05rem; margin: 1.75rem 0 .5rem; }
  p { margin: .4rem 0; color: var(--muted); }
  code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  pre { background: #fff; border: 1px solid var(--line); border-radius: 6px;
        padding: .75rem 1rem; overflow-x: auto; margin: 0; }
  table { width: 100%; border-collapse: collapse; background: #fff;
          border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
  th, td { text-align: left; padding: .55rem .75rem; border-bottom: 1px solid var(--line);
           vertical-align: top; }
  th { background: #eef1f5; font-weight: 600; font-size: .85rem; }
  tr:last-child td { border-bottom: 0; }
  td.request code { white-space: nowrap; }
  .badge { display: inline-block; min-width: 4.5rem; text-align: center; border-radius: 999px;
           padding: .05rem .6rem; font-size: .8rem; font-weight: 600; }
  [data-outcome="pending"] .badge { background: #eceff3; color: var(--muted); }
  [data-outcome="allowed"] .badge { background: #dcf5e3; color: #17653a; }
  [data-outcome="blocked"] .badge { background: #fde2e1; color: #a02823; }
  button { font: inherit; padding: .35rem .9rem; border: 1px solid #b8c0cc;
           border-radius: 6px; background: #fff; cursor: pointer; }
  footer p { font-size: .85rem; }
</style>
</head>
<body>
<main>
<h1>wsgi-cors demo</h1>
<p>This page's origin is <code id="page-origin"></code>. It calls the API at
<code>{{API}}</code>, a different origin, with <code>fetch()</code>. The browser
decides from the API's <code>Access-Control-*</code> response headers whether this page
may read each response.</p>

<h2>What the browser allowed</h2>
<table>
<thead><tr><th>Case</th><th>Request</th><th>Browser</th><th>Why</th></tr></thead>
<tbody id="results"></tbody>
</table>
<p><button id="rerun" type="button">Run again</button>
<span id="status"></span></p>

<h2>Active policy</h2>
<pre id="policy">{{POLICY}}</pre>
<p>Change it by restarting the demo with other flags, e.g.
<code>wsgi-cors demo --allow-credentials --expose-header X-Request-Id</code>,
then reload this page.</p>

<footer>
<h2>Notes</h2>
<p><code>fetch()</code> reports a CORS failure as a bare <code>TypeError</code>, the same
as a network error; the reason is only in the browser's developer console.</p>
<p>Each page load adds a fresh <code>?run=</code> token to the URLs, so the browser's
preflight cache (<code>Access-Control-Max-Age</code>) never carries a result over from
an earlier policy; <em>Run again</em> reuses the token, so cached preflights are skipped
(watch the demo's request log).</p>
<p><code>localhost</code> and <code>127.0.0.1</code> are different origins <em>and</em>
different sites: a <code>SameSite=Lax</code> cookie set by <code>{{API}}/login</code> is
not sent with these requests. The credentialed row shows the CORS outcome, whether a
cookie went along or not.</p>
</footer>
</main>
<script id="demo-config" type="application/json">{{CONFIG}}</script>
<script>
"use strict";
const CONFIG = JSON.parse(document.getElementById("demo-config").textContent);
const RUN = Date.now().toString(36);
const api = (path) => CONFIG.api + path + "?run=" + RUN;
document.getElementById("page-origin").textContent = location.origin;

const readHeader = (name) => async (response) => {
  const value = response.headers.get(name);
  return { ok: value !== null, detail: name + " = " + JSON.stringify(value) };
};
const readStatus = async (response) => {
  let detail = "HTTP " + response.status;
  if (response.headers.get("Content-Type") === "application/json") {
    const data = await response.json().catch(() => ({}));
    if ("cookie_received" in data) {
      detail += data.cookie_received ? ", cookie sent" : ", no cookie sent";
    }
  }
  return { ok: true, detail };
};

const CASES = [
  { id: "simple-get", name: "Simple GET", request: "GET /api/hello",
    run: () => fetch(api("/api/hello")), check: readStatus,
    allowed: "A simple request (no preflight) whose response named this origin (or *) "
      + "in Access-Control-Allow-Origin.",
    blocked: "No preflight is needed, but Access-Control-Allow-Origin did not match "
      + "this page's origin (try --allow-origin)." },
  { id: "credentialed-get", name: "Credentialed GET", request: "GET /api/me, credentials: include",
    run: () => fetch(api("/api/me"), { credentials: "include" }), check: readStatus,
    allowed: "The response carried Access-Control-Allow-Credentials: true and this exact "
      + "origin, never *.",
    blocked: "With credentials the response must carry Access-Control-Allow-Credentials: true "
      + "and this exact origin (try --allow-credentials)." },
  { id: "preflight-put", name: "Preflighted PUT", request: "PUT /api/items/42, JSON body",
    run: () => fetch(api("/api/items/42"), { method: "PUT",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "demo" }) }),
    check: readStatus,
    allowed: "PUT and Content-Type: application/json need a preflight (OPTIONS); its answer "
      + "allowed the method and the header.",
    blocked: "The preflight (OPTIONS) answer did not allow the origin, PUT or the "
      + "content-type header." },
  { id: "custom-header", name: "Custom request header", request: "GET /api/hello, X-Demo: 1",
    run: () => fetch(api("/api/hello"), { headers: { "X-Demo": "1" } }), check: readStatus,
    allowed: "A non-safelisted request header needs a preflight; "
      + "Access-Control-Allow-Headers allowed x-demo.",
    blocked: "The preflight answer did not allow the x-demo header (or the origin)." },
  { id: "delete", name: "DELETE", request: "DELETE /api/items/42",
    run: () => fetch(api("/api/items/42"), { method: "DELETE" }), check: readStatus,
    allowed: "DELETE is not a safelisted method; the preflight listed it in "
      + "Access-Control-Allow-Methods.",
    blocked: "DELETE needs a preflight, and its answer did not allow it (or the origin)." },
  { id: "exposed-header", name: "Read X-Request-Id", request: "GET /api/hello, read header",
    run: () => fetch(api("/api/hello")), check: readHeader("X-Request-Id"),
    allowed: "X-Request-Id is listed in Access-Control-Expose-Headers, so scripts may read it.",
    blocked: "Only safelisted response headers are readable unless listed in "
      + "Access-Control-Expose-Headers (try --expose-header X-Request-Id)." },
  { id: "hidden-header", name: "Read X-Secret", request: "GET /api/hello, read header",
    run: () => fetch(api("/api/hello")), check: readHeader("X-Secret"),
    allowed: "X-Secret is exposed by Access-Control-Expose-Headers.",
    blocked: "X-Secret is sent but not exposed, so response.headers.get() returns null: "
      + "the browser hides it, as intended." },
];

const tbody = document.getElementById("results");
const rows = new Map();
for (const c of CASES) {
  const tr = document.createElement("tr");
  tr.dataset.case = c.id;
  tr.dataset.outcome = "pending";
  const cell = () => tr.appendChild(document.createElement("td"));
  cell().textContent = c.name;
  const request = cell();
  request.className = "request";
  request.appendChild(document.createElement("code")).textContent = c.request;
  cell().appendChild(document.createElement("span")).className = "badge";
  cell();
  tbody.appendChild(tr);
  rows.set(c.id, tr);
}

function show(c, outcome, detail) {
  const tr = rows.get(c.id);
  tr.dataset.outcome = outcome;
  tr.cells[2].firstChild.textContent = outcome;
  tr.cells[3].textContent = (outcome === "allowed" ? c.allowed : c.blocked)
    + (detail ? " [" + detail + "]" : "");
}

async function runAll() {
  delete document.body.dataset.done;
  document.getElementById("status").textContent = "running...";
  for (const c of CASES) show(c, "pending", "");
  for (const c of CASES) {
    try {
      const result = await c.check(await c.run());
      show(c, result.ok ? "allowed" : "blocked", result.detail);
    } catch (error) {
      show(c, "blocked", error.name + ": " + error.message);
    }
  }
  document.getElementById("status").textContent = "done";
  document.body.dataset.done = "1";
}

document.getElementById("rerun").addEventListener("click", runAll);
runAll();
</script>
</body>
</html>
"""
