"""The demo's page server: one self-contained HTML page that calls the API cross-origin.

The page is assembled from the package-data files ``static/index.html`` (a template),
``static/demo.css``, ``static/demo.js`` and ``static/cases.json``, read with
:mod:`importlib.resources`, so it works from a wheel or a zip as well as from a source
checkout. The CSS, the script and the cases are inlined, so the browser makes one
request for the page.

``static/cases.json`` is the one definition of the ``fetch()`` cases the page runs:
:data:`CASES` and :data:`CASE_IDS` here are read from it, and so is the page's script.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from html import escape
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from ..check import combine_headers, preflight_reasons
from ..config import normalize_method
from .decisions import (
    CHANGES_PARAMETER,
    COMMAND_PATH,
    DECISION_PATH,
    ID_PARAMETER,
    STATUS_PATH,
)
from .options import policy_call

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["CASES", "CASE_IDS", "make_page_app", "read_static", "render_page"]

_TEXT = "text/plain; charset=utf-8"
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def read_static(name: str) -> str:
    """The text of the package-data file ``static/<name>`` (UTF-8)."""
    return (files(__package__) / "static" / name).read_text(encoding="utf-8")


def _load_cases() -> tuple[dict[str, Any], ...]:
    cases = json.loads(read_static("cases.json"))
    fields = ("id", "name", "request", "path")
    if not isinstance(cases, list) or not all(
        isinstance(c, dict) and all(isinstance(c.get(f), str) for f in fields) for c in cases
    ):
        raise ValueError(f"static/cases.json: each case needs the string fields {fields}")
    ids = [c["id"] for c in cases]
    if len(set(ids)) != len(ids):
        raise ValueError(f"static/cases.json: duplicate case ids in {ids}")
    for case in cases:
        # Why fetch() sends a preflight first, if it does, for the page to say:
        # wsgi-cors check's rules (Fetch standard, "main fetch").
        init = case.get("init", {})
        method = normalize_method(init.get("method", "GET"))
        reasons = preflight_reasons(method, combine_headers(init.get("headers", {}).items()))
        if reasons:
            case["preflight"] = "; ".join(reasons)
    return tuple(cases)


#: The page's ``fetch()`` cases, in the order it runs them, as in ``static/cases.json``:
#: ``id`` (the table row's ``data-case``), ``name``, ``request`` (as shown), ``path`` on
#: the API, and optionally ``init`` (``fetch()`` options), ``readHeader`` (a response
#: header the script tries to read; otherwise the status is read) and ``secret`` (true
#: when that header is meant to stay hidden); and ``preflight``, added here from
#: :func:`wsgi_cors.check.preflight_reasons` when ``fetch()`` sends a CORS-preflight
#: request first (why it does). The page computes each case's explanation from the
#: policy and the outcome.
CASES: tuple[dict[str, Any], ...] = _load_cases()

#: The cases' ids, in order.
CASE_IDS: tuple[str, ...] = tuple(case["id"] for case in CASES)


@cache
def _assets() -> tuple[str, str, str]:
    """The page template, its CSS and its script, checked to be safe to inline."""
    template, css, script = (read_static(n) for n in ("index.html", "demo.css", "demo.js"))
    if re.search(r"</style", css, re.I) or re.search(r"</script", script, re.I):
        raise ValueError("demo.css / demo.js must not close their own element")
    return template, css, script


def _script_json(data: object) -> str:
    """JSON safe to put inside a ``<script>`` element."""
    text = json.dumps(data, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(
    api_url: str,
    policy_description: Mapping[str, Any],
    origins: Sequence[Mapping[str, Any]] = (),
    start: str | None = None,
) -> str:
    """The page's HTML with *api_url*, the policy and the page's *origins* written into it.

    The script gets them as JSON (``CONFIG``: ``api``, ``policy``, ``origins``, the
    demo's *start* id, where to ask the API what it decided and its status, and where to
    ask it for the command line of a restart it suggests, which only the Python side
    writes: :func:`~.options.demo_command`),
    with the cases; the policy is shown as the ``CORSMiddleware(...)`` call that builds it
    (:func:`~.options.policy_call`). Every ``{{NAME}}`` in ``static/index.html`` is
    replaced in one pass, so text put in (the API URL, the policy, the script) is never
    scanned for placeholders itself.
    """
    template, css, script = _assets()
    config = {
        "api": api_url,
        "policy": dict(policy_description),
        "origins": [dict(origin) for origin in origins],
        "start": start,
        "decisionPath": DECISION_PATH,
        "statusPath": STATUS_PATH,
        "idParameter": ID_PARAMETER,
        "commandPath": COMMAND_PATH,
        "changesParameter": CHANGES_PARAMETER,
    }
    values = {
        "CSS": css,
        "JS": script,
        "CONFIG": _script_json(config),
        "CASES": _script_json(list(CASES)),
        "API": escape(api_url),
        "POLICY": escape(policy_call(policy_description)),
    }
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def make_page_app(
    api_url: str,
    policy_description: Mapping[str, Any],
    origins: Sequence[Mapping[str, Any]] = (),
    start: str | None = None,
) -> WSGIApplication:
    """The page server: ``GET /`` is one self-contained HTML page whose script calls
    *api_url* cross-origin and shows, for each call, what the browser allowed, what the
    middleware decided and why. The policy (*policy_description*), *api_url* and the
    *origins* the page is served on (each ``{"origin", "role": "page" or "other",
    "allowed", "credentials"}``; the page offers to run the cases from each, and suggests
    ``credentials``, :func:`~.options.credentials_fix`, when a browser keeps a response
    to a request with credentials) are written into the page, and so is *start*, the id
    of this start of the demo, which the API's ``/_demo/`` answers carry too
    (:func:`~.decisions.make_demo_api`): where they differ, the demo was restarted,
    maybe with another policy, and the page reloads itself rather than explain the new
    policy's decisions by the old one. Without it (None) the page cannot tell.

    Limits: the page explains its rows by the top-level options of *policy_description*
    as the demo's flags set them (``allow_origins`` a list or ``'*'``). Options the flags
    never set, ``paths`` (whose entries' options are not quoted) and
    ``allow_origin_regex`` (an origin it allows is said to be allowed by
    ``allow_origins``), give explanations that name the wrong option.
    """
    body = render_page(api_url, policy_description, origins, start).encode("utf-8")

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
