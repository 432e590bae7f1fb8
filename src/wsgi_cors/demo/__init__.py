"""``wsgi-cors demo``: see in a real browser what a CORS policy allows, and why.

Two loopback servers run side by side (the standard library's :mod:`wsgiref`, made
threaded):

* a small JSON API, a plain WSGI application wrapped in
  :class:`~wsgi_cors.CORSMiddleware`, at ``http://127.0.0.1:API_PORT``;
* a page server whose one page, opened as ``http://localhost:PAGE_PORT/`` (a different
  origin), makes cross-origin ``fetch()`` calls to the API and shows in a table, for each,
  what the browser allowed, what the middleware decided ("server said") and why. The
  same page is also served as ``http://127.0.0.1:PAGE_PORT/``, an origin the policy
  denies unless ``--allow-origin`` names it, to run the same calls from there.

Restart the demo with other flags (``--allow-credentials``, ``--expose-header``, ...) and
reload the page to see the outcomes change; the terminal prints each denied request's
reason as it arrives.

The modules: :mod:`.api` (the JSON API), :mod:`.decisions` (what the middleware decided
for each request, from the ``wsgi_cors`` logger, and the ``/_demo/decision`` endpoint
that tells the page), :mod:`.page` (the page server; the page's HTML, CSS and script are
the package-data files in ``static/``, and ``static/cases.json``, the one definition of
the page's ``fetch()`` cases, is also :data:`CASES` and :data:`CASE_IDS`),
:mod:`.options` (the command-line flags, checked by the middleware's own validation, the
middleware they ask for and the ``CORSMiddleware(...)`` call that builds it, and back:
the command line that asks for a policy, which the page gets from the API to suggest a
restart) and :mod:`.server` (running both).
"""

from __future__ import annotations

from .api import make_api_app
from .decisions import DecisionLog, make_demo_api
from .options import (
    add_demo_arguments,
    build_middleware,
    check_policy,
    demo_command,
    policy_call,
    policy_options,
)
from .page import CASE_IDS, CASES, make_page_app
from .server import Demo, DemoPortError, serve, start_demo

__all__ = [
    "CASES",
    "CASE_IDS",
    "DecisionLog",
    "Demo",
    "DemoPortError",
    "add_demo_arguments",
    "build_middleware",
    "check_policy",
    "demo_command",
    "make_api_app",
    "make_demo_api",
    "make_page_app",
    "policy_call",
    "policy_options",
    "serve",
    "start_demo",
]
