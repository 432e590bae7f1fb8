"""What the middleware decided for each of the page's requests, and why.

A browser tells a page only that a cross-origin ``fetch()`` failed (a bare ``TypeError``);
the reason is in the developer console at best. The middleware knows it: it logs every
denial at DEBUG on the ``wsgi_cors`` logger (``CORS request denied: ...`` or
``CORS-preflight request denied: REASON (origin ..., method ...)``). The demo listens:

* :func:`record_decisions` wraps the API (already wrapped in the policy's
  :class:`~wsgi_cors.CORSMiddleware`). For the duration of each request it collects what
  the ``wsgi_cors`` logger says (a :class:`logging.Handler` that writes into the current
  request's list, found through a :class:`~contextvars.ContextVar`, so concurrent
  requests never mix), and once the middleware has answered it keeps the request, the
  status, the ``Access-Control-*`` headers the middleware sent and the denial reason in a
  :class:`DecisionLog`, under the id the page sent as ``?demo_id=``.
* :func:`make_decision_app` answers ``GET /_demo/decision?id=ID`` with what was kept for
  that id, as JSON; the demo serves it on the API's origin under its own CORS policy (the
  page's origins are allowed, whatever the policy being demonstrated says), so the page can
  show "server said: ..." beside the browser's verdict. Beside it, ``GET
  /_demo/command?changes=JSON`` answers the ``wsgi-cors demo`` command line for the active
  policy with some options changed, which the page suggests as the restart that would
  allow what it blocked: the flags are written in Python only
  (:func:`~.options.demo_command`).

The log keeps the last :data:`MAX_IDS` ids and, per id, the last preflight and the last
actual request: memory stays bounded however long the demo runs. Each decision has a
number (``seq``, counted from 1 by the log) and a time (``at``): ``GET /_demo/status``
answers the last number given, so the page, which asks before each run, tells a
decision of this run from one kept from an earlier run under the same id (the preflight
a browser answered from its cache, ``Access-Control-Max-Age``, this time). Every answer
under ``/_demo/`` also carries the demo's start id (``start``), new each time the demo
starts, by which the page sees a restart (and another policy) and reloads itself.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from .. import CORSMiddleware
from ..check import Answer, cors_check, exposed_header_check
from ..config import is_cors_header
from ..middleware import (
    ACRH_KEY,
    ACRM_KEY,
    ORIGIN_KEY,
    VHM_ROOT_KEY,
    denial_reason,
    preflight_method,
)
from ..middleware import logger as middleware_logger
from ..policy import (
    ACAC,
    ACAO,
    ACEH,
    CORSPolicy,
    cut,
    extract_header_list_values,
)

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = [
    "CHANGES_PARAMETER",
    "COMMAND_PATH",
    "DECISION_PATH",
    "DEMO_PREFIX",
    "ID_PARAMETER",
    "MAX_IDS",
    "STATUS_PATH",
    "DecisionLog",
    "listening_to_middleware",
    "make_decision_app",
    "make_demo_api",
    "record_decisions",
]

#: The query parameter by which the page names each ``fetch()``.
ID_PARAMETER = "demo_id"
#: The path prefix of the demo's own endpoints on the API's origin (its plumbing).
DEMO_PREFIX = "/_demo/"
#: Where the API answers what it decided for an id: ``GET /_demo/decision?id=ID``.
DECISION_PATH = DEMO_PREFIX + "decision"
#: Where the API answers the command line that restarts the demo with the active policy
#: changed: ``GET /_demo/command?changes=JSON``.
COMMAND_PATH = DEMO_PREFIX + "command"
#: Where the API answers the demo's start id and the number of the last decision kept:
#: ``GET /_demo/status``.
STATUS_PATH = DEMO_PREFIX + "status"
#: The query parameter that holds the changes: a JSON object of middleware keywords.
CHANGES_PARAMETER = "changes"
#: How many ids the log remembers (the oldest is forgotten first).
MAX_IDS = 512

_ID = re.compile(r"[A-Za-z0-9._-]{1,100}")
# Per request. The middleware logs one denial for most, but two when an origin callable
# raised: its ERROR record (which denial_reason reads too), then the DEBUG "origin not
# allowed". The first is the reason the page shows ("denied": reasons[0]); up to this
# many are kept in "log" and passed to on_denial.
_MAX_MESSAGES = 4
_MAX_NAMES = 20  # unlisted header names kept per preflight, each cut like a value
_JSON = "application/json"
#: Where the middleware logs each denial.
_CORS_LOGGER = middleware_logger


class DecisionLog:
    """The middleware's last decisions, by the page's request id: thread-safe, and at most
    *size* ids, each with its last preflight and its last actual request."""

    def __init__(self, size: int = MAX_IDS) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._seq = 0

    @property
    def seq(self) -> int:
        """The number of the last decision kept (0 before the first): every decision
        kept after this is numbered higher."""
        with self._lock:
            return self._seq

    def record(self, request_id: str, decision: dict[str, Any]) -> None:
        """Keep *decision* (a preflight's when ``decision["preflight"]``) for *request_id*,
        with its number (``seq``, one more than the last kept) and the time it is kept
        (``at``, seconds since the epoch)."""
        kind = "preflight" if decision["preflight"] else "actual"
        with self._lock:
            self._seq += 1
            decision = {**decision, "seq": self._seq, "at": time.time()}
            entry = self._entries.pop(request_id, None) or {"preflight": None, "actual": None}
            entry[kind] = decision
            self._entries[request_id] = entry  # the newest last
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def get(self, request_id: str) -> dict[str, Any]:
        """``{"id": ..., "preflight": decision or None, "actual": decision or None}``."""
        with self._lock:
            entry = self._entries.get(request_id) or {"preflight": None, "actual": None}
            return {"id": request_id, **entry}

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


# -- listening to the wsgi_cors logger --------------------------------------------------

#: The current request's ``wsgi_cors`` log messages, each with the reason it denies the
#: request for (:func:`wsgi_cors.middleware.denial_reason`) or None, while one is recorded.
_CAPTURE: ContextVar[list[tuple[str, str | None]] | None] = ContextVar(
    "wsgi_cors_demo_capture", default=None
)


class _CaptureHandler(logging.Handler):
    """Appends each ``wsgi_cors`` message to the current request's list, if any."""

    def emit(self, record: logging.LogRecord) -> None:
        messages = _CAPTURE.get()
        if messages is None or len(messages) >= _MAX_MESSAGES:
            return
        try:
            messages.append((record.getMessage(), denial_reason(record)))
        except Exception:
            self.handleError(record)


_HANDLER = _CaptureHandler(logging.DEBUG)
_listeners_lock = threading.Lock()
_listeners = 0
_saved_level = logging.NOTSET


@contextmanager
def listening_to_middleware() -> Iterator[None]:
    """While inside, the ``wsgi_cors`` logger logs denials (DEBUG) to the recorders.

    The handler is attached, and the logger's level lowered to DEBUG, by the first of any
    number of demos running at once, and both are undone by the last one to stop.
    """
    global _listeners, _saved_level
    with _listeners_lock:
        if _listeners == 0:
            _saved_level = _CORS_LOGGER.level
            _CORS_LOGGER.addHandler(_HANDLER)
            if not _CORS_LOGGER.isEnabledFor(logging.DEBUG):
                _CORS_LOGGER.setLevel(logging.DEBUG)
        _listeners += 1
    try:
        yield
    finally:
        with _listeners_lock:
            _listeners -= 1
            if _listeners == 0:
                _CORS_LOGGER.removeHandler(_HANDLER)
                _CORS_LOGGER.setLevel(_saved_level)


# -- the two WSGI pieces ------------------------------------------------------------------


def _request_id(environ: WSGIEnvironment, name: str) -> str | None:
    """The query parameter *name*, if it is a valid id."""
    query: str = environ.get("QUERY_STRING", "")
    values = urllib.parse.parse_qs(query).get(name)
    if not values or not _ID.fullmatch(values[0]):
        return None
    return values[0]


def _cut(value: str | None) -> str | None:
    return None if value is None else cut(value)


def _browser_view(origin: str, status: str, headers: list[tuple[str, str]]) -> dict[str, Any]:
    """What a browser makes of an actual response to a request from *origin*, by the
    rules ``wsgi-cors check`` applies (Fetch standard, "CORS check" and the CORS-exposed
    header names): for a request without credentials (``"omit"``) and with them
    (``"include"``), whether the page may read the response (``readable``) and why
    (``why``: the CORS check's reason), and which of its headers a script may read
    (``headers``, lower case)."""
    answer = Answer(int(status[:3]), status[4:], tuple(headers))
    names = [name for name, _ in headers]
    exposed = extract_header_list_values(answer.values(ACEH))
    view = {}
    for mode, credentials in (("omit", False), ("include", True)):
        check = cors_check(answer.get(ACAO), answer.get(ACAC), origin, credentials)
        readable = {
            name.lower()
            for name in names
            if exposed_header_check(name, names, exposed, credentials).ok
        }
        view[mode] = {"readable": check.ok, "why": check.reason, "headers": sorted(readable)}
    return view


def _decision(
    environ: WSGIEnvironment,
    status: str,
    headers: list[tuple[str, str]],
    messages: list[tuple[str, str | None]],
    policy: CORSPolicy | None,
) -> dict[str, Any]:
    requested_method = environ.get(ACRM_KEY)
    requested_headers = environ.get(ACRH_KEY)
    origin = environ.get(ORIGIN_KEY)
    # Which of the id's two rows shows it: the preflight's, as the middleware tells one.
    method = preflight_method(environ)
    preflight = method is not None
    reasons = [reason for _, reason in messages if reason is not None]
    decision: dict[str, Any] = {
        "method": _cut(environ["REQUEST_METHOD"]),
        "path": _cut(environ.get("PATH_INFO", "")),
        "origin": _cut(origin),
        "preflight": preflight,
        "request_method": _cut(requested_method),
        "request_headers": _cut(requested_headers),
        "status": status,
        "denied": reasons[0] if reasons else None,
        "log": [message for message, _ in messages],
        "cors_headers": [[name, value] for name, value in headers if is_cors_header(name)],
    }
    if method is not None and policy is not None:
        # What the policy's lists deny, for the page's advice on which option to change.
        decision["unlisted"] = {
            "method": policy.denies_method(method),
            "headers": [
                _cut(name)
                for name in policy.unlisted_request_headers(requested_headers)[:_MAX_NAMES]
            ],
        }
    if not preflight and origin is not None and status[:3].isdigit():
        decision["browser"] = _browser_view(origin, status, headers)
    return decision


def record_decisions(
    app: WSGIApplication,
    log: DecisionLog,
    on_denial: Callable[[str], object] | None = None,
) -> WSGIApplication:
    """Wrap *app*, the API wrapped in the policy's middleware, to record its decisions.

    Each request's ``wsgi_cors`` log messages (only while :func:`listening_to_middleware`)
    are collected while *app* is called; when it returns, *on_denial* is called with each
    message that denies the request (the demo prints them), and a request carrying
    ``?demo_id=ID`` has its decision kept in *log* under ``ID``. The middleware logs a
    denial before or after it calls ``start_response`` (after, for a preflight it answers
    itself), but always before it returns, hence the record then. The demo's API calls
    ``start_response`` before it returns too; an application that called it only once
    iterated would be recorded without its status and headers.

    A decision also says, when *app* is a :class:`~wsgi_cors.CORSMiddleware`, what its
    policy's lists (with ``paths``, those of the entry the path selects) deny in a
    preflight (``unlisted``: :meth:`CORSPolicy.denies_method
    <wsgi_cors.CORSPolicy.denies_method>`, :meth:`~wsgi_cors.CORSPolicy.unlisted_request_headers`)
    and, for an actual request, what a browser makes of the response (``browser``, by
    :mod:`wsgi_cors.check`'s rules), so that the page explains its rows without
    restating a CORS rule. (The change it suggests when a browser keeps a response from
    a request with credentials is the page server's: :func:`~.options.credentials_fix`.)
    """

    def recorded(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        messages: list[tuple[str, str | None]] = []
        response: list[Any] = ["", []]  # the status and headers, once started

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            response[:] = status, headers
            return start_response(status, headers, exc_info)

        token = _CAPTURE.set(messages)
        try:
            body = app(environ, start)
        finally:
            _CAPTURE.reset(token)
        if on_denial is not None:
            for message, reason in messages:
                if reason is not None:
                    on_denial(message)
        request_id = _request_id(environ, ID_PARAMETER)
        if request_id is not None:
            policy = _policy_for(app, environ)
            decision = _decision(environ, response[0], response[1], messages, policy)
            log.record(request_id, decision)
        return body

    return recorded


def _policy_for(app: WSGIApplication, environ: WSGIEnvironment) -> CORSPolicy | None:
    """The policy *app* applied to the request: a :class:`~wsgi_cors.CORSMiddleware`'s,
    or with ``paths`` the policy of the entry the path selects (None where none does,
    and the request passed through untouched); None for any other application."""
    if not isinstance(app, CORSMiddleware):
        return None
    if app.router is None:
        return app.policy
    # The entry CORSMiddleware.__call__ routes to: X-Vhm-Root can take a path out of it.
    entry = app.router.route(environ.get("PATH_INFO", ""), environ.get(VHM_ROOT_KEY))
    return entry.policy if entry is not None else None


#: Gives the ``wsgi-cors demo`` command line for the active policy with the options in a
#: mapping changed, or raises :class:`ValueError` when no flags give them.
CommandFor = Callable[[dict[str, Any]], str]


def _command(environ: WSGIEnvironment, command_for: CommandFor) -> tuple[str, dict[str, Any]]:
    """The status and JSON answer of ``GET /_demo/command?changes=JSON``."""
    values = urllib.parse.parse_qs(environ.get("QUERY_STRING", "")).get(CHANGES_PARAMETER)
    try:
        changes = json.loads(values[0]) if values else None
    except (ValueError, RecursionError):
        changes = None
    if not isinstance(changes, dict):
        return "400 Bad Request", {"error": f"?{CHANGES_PARAMETER}= must be a JSON object"}
    try:
        return "200 OK", {"command": command_for(changes)}
    except ValueError as error:
        return "400 Bad Request", {"error": str(error)}


def make_decision_app(
    log: DecisionLog, command_for: CommandFor | None = None, start: str | None = None
) -> WSGIApplication:
    """``GET /_demo/decision?id=ID``: what the middleware decided for ``ID``, as JSON
    (:meth:`DecisionLog.get`); ``400`` without a valid id, ``404`` elsewhere.
    ``GET /_demo/status``: ``{"seq": log.seq}``, the number of the last decision kept.

    With *command_for*, also ``GET /_demo/command?changes=JSON``: ``{"command":
    command_for(changes)}``, the command line for the active policy with the JSON
    object's options changed; ``400`` when the changes are no JSON object or no flags
    give them (*command_for* raised :class:`ValueError`: ``{"error": ...}``).

    With *start*, the id of this start of the demo, every answer's JSON object also
    holds ``"start": start``, by which the page sees that the demo it was served by has
    been restarted, maybe with another policy."""

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        known = (DECISION_PATH, STATUS_PATH) + ((COMMAND_PATH,) if command_for else ())
        data: dict[str, Any]
        if path not in known:
            status, data = "404 Not Found", {"error": "not found"}
        elif environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            status, data = "405 Method Not Allowed", {"error": "GET only"}
        elif path == COMMAND_PATH and command_for is not None:
            status, data = _command(environ, command_for)
        elif path == STATUS_PATH:
            status, data = "200 OK", {"seq": log.seq}
        elif (request_id := _request_id(environ, "id")) is None:
            status, data = "400 Bad Request", {"error": "?id= must be 1-100 of A-Z a-z 0-9 . _ -"}
        else:
            status, data = "200 OK", log.get(request_id)
        if start is not None:
            data = {**data, "start": start}
        body = json.dumps(data, indent=2).encode() + b"\n"
        headers = [
            ("Content-Type", _JSON),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ]
        if status.startswith("405"):
            headers.append(("Allow", "GET, HEAD"))
        start_response(status, headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    return app


def make_demo_api(
    middleware: WSGIApplication,
    log: DecisionLog,
    page_origins: Iterable[str],
    on_denial: Callable[[str], object] | None = None,
    command_for: CommandFor | None = None,
    start: str | None = None,
) -> WSGIApplication:
    """What the demo serves on the API's origin: ``/_demo/...`` is
    :func:`make_decision_app` (with *command_for*, ``/_demo/command`` too; every answer
    with the demo's *start* id, which the page was given too: :func:`~.page.make_page_app`)
    under the demo's own CORS policy (*page_origins* allowed, ``GET`` only), and every
    other path is *middleware* (the API in the policy being demonstrated), its decisions
    recorded in *log* by :func:`record_decisions`. Built for the policies the demo's
    flags give: with ``paths`` or ``allow_origin_regex``, the page's explanations name
    the top-level options only (:func:`~.page.make_page_app`)."""
    recorded = record_decisions(middleware, log, on_denial)
    decisions = CORSMiddleware(
        make_decision_app(log, command_for, start),
        allow_origins=list(page_origins),
        allow_methods=["GET"],
    )

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if (environ.get("PATH_INFO") or "").startswith(DEMO_PREFIX):
            return decisions(environ, start_response)
        return recorded(environ, start_response)

    return app
