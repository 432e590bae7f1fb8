"""Running the demo: both servers, each in a thread, until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import errno
import os
import secrets
import signal
import socketserver
import sys
import textwrap
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from .. import CORSConfigurationError
from ..check import escape_controls
from ..origins import serialize_origin
from ..policy import ORIGIN
from .api import make_api_app
from .decisions import DEMO_PREFIX, DecisionLog, listening_to_middleware, make_demo_api
from .options import (
    STAND_IN_ORIGIN,
    allows_origin,
    build_middleware,
    credentials_fix,
    demo_command,
    policy_call,
    policy_options,
    problems_in_flags,
)
from .page import make_page_app

__all__ = ["HOST", "Demo", "DemoPortError", "serve", "start_demo"]

HOST = "127.0.0.1"


class _Server(socketserver.ThreadingMixIn, WSGIServer):
    """wsgiref's WSGI server, one thread per request."""

    daemon_threads = True
    label = "demo"


def _page_origins(port: int) -> tuple[str, str]:
    """The page's two origins on *port*: the one the policy allows by default
    (``http://localhost:PORT``), and another (``http://127.0.0.1:PORT``), each
    serialized as a browser serializes it (``location.origin``, the ``Origin`` header):
    without the port when it is http's default, 80."""
    return serialize_origin("http", "localhost", port), serialize_origin("http", HOST, port)


class _Handler(WSGIRequestHandler):
    """Logs one short line per request to stderr (but for the page's questions to the
    API's ``/_demo/`` endpoint, which are the demo's plumbing, not calls to the API)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if getattr(self, "path", "").startswith(DEMO_PREFIX):
            return
        origin = self.headers.get(ORIGIN) if getattr(self, "headers", None) else None
        note = f"  (Origin: {origin})" if origin else ""
        self.log_message("%s %s -> %s%s", self.command, self.path, code, note)

    def log_message(self, format: str, *args: Any) -> None:
        label = getattr(self.server, "label", "demo")
        # A request's path and Origin come from the client: no escape sequence of
        # theirs may reach the terminal.
        sys.stderr.write(f"[{label}] {escape_controls(format % args)}\n")


def _print_denial(message: str) -> None:
    """Print a ``wsgi_cors`` denial as the API's request log does, as it happens."""
    sys.stderr.write(f"[api ] {message}\n")
    sys.stderr.flush()


class DemoPortError(OSError):
    """A demo server cannot listen on its port; the message names the flag to change."""


_IN_USE = {errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)}


def _make_server(port: int, label: str, flag: str) -> _Server:
    """A server on ``HOST:port``, or :class:`DemoPortError` naming *flag*."""
    try:
        server = _Server((HOST, port), _Handler)
    except OSError as error:
        if error.errno in _IN_USE:
            problem = "is in use"
        elif error.errno == errno.EACCES:
            problem = "needs privileges this user lacks"
        else:
            problem = f"cannot be listened on ({error.strerror or error})"
        raise DemoPortError(
            f"port {port} {problem}: pass {flag} 0 (any free port) or another port"
        ) from error
    server.label = label
    return server


@dataclass
class Demo:
    """Both running servers. :meth:`stop` shuts them down and closes their sockets."""

    api_server: _Server
    page_server: _Server
    options: dict[str, Any]
    threads: list[threading.Thread] = field(default_factory=list)
    #: What the middleware decided for each of the page's requests.
    decisions: DecisionLog = field(default_factory=DecisionLog)
    #: Each origin the page is served on: ``{"origin", "role" ("page" or "other"),
    #: "allowed" (by the policy), "credentials"}``, the last the change that lets it make
    #: credentialed requests (:func:`~.options.credentials_fix`).
    origins: list[dict[str, Any]] = field(default_factory=list)
    #: This start's id, new each time: the page and every ``/_demo/`` answer carry it,
    #: so that a page served before a restart sees it.
    start: str = field(default_factory=lambda: secrets.token_hex(8))
    _cleanup: ExitStack = field(default_factory=ExitStack, repr=False)

    @property
    def api_url(self) -> str:
        """The API's base URL, ``http://127.0.0.1:PORT``."""
        return f"http://{HOST}:{self.api_server.server_address[1]}"

    @property
    def page_url(self) -> str:
        """The page's URL, ``http://localhost:PORT/``."""
        return _page_origins(self.page_server.server_address[1])[0] + "/"

    @property
    def other_page_url(self) -> str:
        """The same page from another origin, ``http://127.0.0.1:PORT/``, which the
        policy does not allow unless ``--allow-origin`` names it."""
        return _page_origins(self.page_server.server_address[1])[1] + "/"

    def stop(self) -> None:
        """Shut both servers down, close their sockets and join their threads, and stop
        listening to the ``wsgi_cors`` logger."""
        for server in (self.api_server, self.page_server):
            server.shutdown()
            server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)
        self._cleanup.close()


def start_demo(args: argparse.Namespace) -> Demo:
    """Bind both servers (port 0 picks a free one), wrap the API in the policy *args*
    ask for, and serve each in a daemon thread. The page server answers as
    ``http://localhost:PAGE_PORT`` (the page's origin, allowed by default) and as
    ``http://127.0.0.1:PAGE_PORT`` (another origin, to see a policy deny it); the API's
    ``/_demo/decision`` tells the page what the middleware decided for each of its
    requests (:mod:`.decisions`).

    :raises DemoPortError: a port cannot be bound (an :class:`OSError`; the message names
        the flag to change).
    :raises ValueError, TypeError: the policy options are invalid.
    """
    if args.api_port == args.page_port != 0:
        raise DemoPortError(
            f"--api-port and --page-port are both {args.api_port}: pass two different"
            " ports (0 picks any free one)"
        )
    # Both are tried, so that one message names every port to change.
    servers: list[_Server] = []
    problems: list[str] = []
    for port, label, flag in (
        (args.page_port, "page", "--page-port"),
        (args.api_port, "api ", "--api-port"),
    ):
        try:
            servers.append(_make_server(port, label, flag))
        except DemoPortError as error:
            problems.append(str(error))
    if problems:
        for server in servers:
            server.server_close()
        raise DemoPortError("; ".join(problems))
    page_server, api_server = servers
    demo = Demo(api_server, page_server, {})
    try:
        port = page_server.server_address[1]
        page_origin, other_origin = _page_origins(port)
        demo.options = policy_options(args, page_origin)
        middleware = build_middleware(make_api_app(page_origin), demo.options)
        demo.origins = [
            {
                "origin": origin,
                "role": role,
                "allowed": allows_origin(middleware, origin),
                "credentials": credentials_fix(demo.options, origin),
            }
            for origin, role in ((page_origin, "page"), (other_origin, "other"))
        ]
        options, api_port = demo.options, api_server.server_address[1]

        def command_for(changes: dict[str, Any]) -> str:
            """The command line of a restart the page suggests: the active policy with
            *changes* made, on the ports bound now."""
            changed = {**options, **changes}
            return demo_command(changed, page_origin, api_port=api_port, page_port=port)

        api_server.set_app(
            make_demo_api(
                middleware,
                demo.decisions,
                [page_origin, other_origin],
                _print_denial,
                command_for,
                demo.start,
            )
        )
        page_server.set_app(
            make_page_app(demo.api_url, demo.options, origins=demo.origins, start=demo.start)
        )
        demo._cleanup.enter_context(listening_to_middleware())
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


def _say(text: str) -> None:
    """Print *text* on stdout. Once its reader is gone (``wsgi-cors demo | head -2``),
    stdout is sent to :data:`os.devnull` instead, so that neither this nor a later
    print, nor the interpreter's last flush, raises :class:`BrokenPipeError`: the demo
    serves on, its request log still on stderr, until Ctrl-C or SIGTERM."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)


class _Terminate(Exception):
    """Raised in the main thread by the SIGTERM handler."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminate


def serve(args: argparse.Namespace) -> int:
    """Run the demo until Ctrl-C or SIGTERM; the exit status.

    The command line checks the flags first (:func:`~.options.check_policy`, a usage error
    with exit status 2). Here, 2 for invalid policy options all the same (the middleware's
    message goes to stderr), 1 if a port cannot be bound (the message names the port and
    the flag to change), 0 after a clean stop.
    """
    try:
        demo = start_demo(args)
    except CORSConfigurationError as exc:
        told = problems_in_flags(exc, policy_options(args, STAND_IN_ORIGIN))
        print(f"wsgi-cors demo: error: {told}", file=sys.stderr, flush=True)
        return 2
    except TypeError as exc:
        print(f"wsgi-cors demo: error: {exc}", file=sys.stderr, flush=True)
        return 2
    except DemoPortError as exc:
        print(f"wsgi-cors demo: error: {exc}", file=sys.stderr, flush=True)
        return 1
    except OSError as exc:
        print(f"wsgi-cors demo: error: cannot listen on {HOST}: {exc}", file=sys.stderr, flush=True)
        return 1

    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if in_main_thread else None
    previous_int = signal.getsignal(signal.SIGINT) if in_main_thread else None
    try:
        page_origin = demo.page_url.rstrip("/")
        other_note = "allows" if demo.origins[1]["allowed"] else "denies"
        _say(
            f"wsgi-cors demo\n"
            f"  API:  {demo.api_url}   (JSON API behind CORSMiddleware)\n"
            f"  page: {demo.page_url}   (open this in a browser)\n"
            f"        {demo.other_page_url}   (the same page from another origin, which"
            f" the policy {other_note})\n"
            f"policy:\n{textwrap.indent(policy_call(demo.options), '  ')}\n"
            f"each denied request's reason is printed below as it arrives\n"
            f"try a preflight:\n"
            f"  curl -i -X OPTIONS {demo.api_url}/api/items/1 -H 'Origin: {page_origin}'"
            f" -H 'Access-Control-Request-Method: PUT'"
            f" -H 'Access-Control-Request-Headers: content-type'\n"
            f"press Ctrl-C to stop"
        )
        while True:
            time.sleep(3600)
    except (KeyboardInterrupt, _Terminate):
        pass
    finally:
        if in_main_thread:  # no second interruption: a second Ctrl-C while stopping
            signal.signal(signal.SIGTERM, signal.SIG_IGN)  # printed a traceback
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            demo.stop()
        finally:
            if in_main_thread:
                if previous is not None:
                    signal.signal(signal.SIGTERM, previous)
                if previous_int is not None:
                    signal.signal(signal.SIGINT, previous_int)
    _say("stopped")
    return 0
