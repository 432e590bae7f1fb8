"""What headless Chromium lets a page read, per (application, policy, fetch case).

Every expected outcome is in :data:`TABLE`, written by hand from the Fetch standard
(https://fetch.spec.whatwg.org/): the "CORS check" (``Access-Control-Allow-Origin``
must be ``*`` or equal the request's origin; in credentials mode "include" it must equal
the origin, never ``*``, and ``Access-Control-Allow-Credentials`` must be ``true``), the
"CORS-preflight fetch" (the preflight answer must be 2xx and pass the CORS check; the
method must be CORS-safelisted or listed in ``Access-Control-Allow-Methods``; every
CORS-unsafe request header must be listed in ``Access-Control-Allow-Headers``, where a
``*`` counts only without credentials and never for ``Authorization``), the
CORS-preflight cache (``Access-Control-Max-Age``, 5 s when absent, Chromium caps it at
2 h) and "CORS-safelisted response-header name" (a script reads only those plus the ones
in ``Access-Control-Expose-Headers``). See ``conftest.py`` for the set-up.

A browser fact worth knowing when reading the table: Debian's Chromium 156 lets a literal
``Access-Control-Allow-Headers: *`` cover ``Authorization`` in a non-credentialed
preflight, which the Fetch standard forbids. wsgi_cors never relies on that: for
``allow_headers="*"`` (and for the default, Falcon's echo) it names the requested
headers, ``authorization`` included, so the cells below hold in both readings.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from wsgi_cors import CORSMiddleware, enable_cors

pytestmark = pytest.mark.browser

REQUEST_ID = "req-42"
SECRET = "s3cret"
ALL_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"]

# Origin templates: {P} and {Q} are the two page servers' ports (conftest.PagePorts).
LOCALHOST_P = "http://localhost:{P}"
LOCALHOST_Q = "http://localhost:{Q}"
APP_LOCALHOST_P = "http://app.localhost:{P}"
WEB_APP_LOCALHOST_P = "http://web.app.localhost:{P}"
WEB_APP_LOCALHOST_Q = "http://web.app.localhost:{Q}"
LOOPBACK_Q = "http://127.0.0.1:{Q}"  # no policy below lists or matches it, except "*"

#: Routes of both applications. ``/api`` sets no CORS header itself; the other two set
#: their own ``Access-Control-Allow-Origin`` on every actual response (not on the
#: framework's automatic OPTIONS answer), which the middleware must leave alone.
ROUTE_HEADERS: dict[str, list[tuple[str, str]]] = {
    "/api": [],
    "/override-star": [("Access-Control-Allow-Origin", "*")],
    "/override-other": [
        ("Access-Control-Allow-Origin", "https://other.example"),
        ("Access-Control-Allow-Credentials", "true"),
    ],
}


# -- policies --------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    """A CORS configuration, the route the cases call, and the page's origin."""

    name: str
    options: Callable[[Callable[[str], str]], dict[str, Any]]  # origin() -> kwargs
    page: str = LOCALHOST_P
    route: str = "/api"
    one_liner: bool = False  # enable_cors(app) rather than CORSMiddleware(app, ...)
    doc: str = ""


POLICIES = [
    Policy(
        "P1-defaults",
        lambda o: {},
        one_liner=True,
        doc='enable_cors(app): ACAO "*", no credentials, preflights passed to the app',
    ),
    Policy(
        "P2-exact",
        lambda o: {
            "allow_origins": o(LOCALHOST_P),
            "allow_credentials": o(LOCALHOST_P),
            "expose_headers": ["X-Request-Id"],
        },
        doc="the page's origin, credentials for it, X-Request-Id exposed",
    ),
    Policy(
        "P3-subdomain",
        lambda o: {"allow_origins": o("http://*.app.localhost:{P}")},
        page=WEB_APP_LOCALHOST_P,
        doc="every subdomain of app.localhost on port P; no credentials",
    ),
    Policy(
        "P4-regex",
        lambda o: {
            # localhost on any port, or app.localhost on the default port only: a
            # prefix match (re.match) would wrongly let http://app.localhost:P in.
            "allow_origin_regex": r"http://localhost:\d+|http://app\.localhost",
            "allow_credentials": "*",
            "expose_headers": "X-Request-Id",
        },
        doc="regex, fullmatch; credentials for every allowed origin; X-Request-Id exposed",
    ),
    Policy(
        "P5-short-circuit",
        lambda o: {
            "allow_origins": [o(LOCALHOST_P)],
            "allow_credentials": [o(LOCALHOST_P)],
            "allow_methods": ["GET", "PUT", "DELETE"],
            "allow_headers": ["content-type", "x-custom"],
            "max_age": 600,
        },
        doc="the middleware answers preflights: methods GET PUT DELETE, "
        "headers content-type x-custom, max_age 600",
    ),
    Policy(
        "P6a-override-star",
        lambda o: {
            "allow_origins": [o(LOCALHOST_P)],
            "allow_credentials": [o(LOCALHOST_P)],
            "expose_headers": ["X-Request-Id"],
        },
        route="/override-star",
        doc='as P2, but the handler sets its own ACAO "*" (and no ACAC)',
    ),
    Policy(
        "P6b-override-other",
        lambda o: {
            "allow_origins": [o(LOCALHOST_P)],
            "allow_credentials": [o(LOCALHOST_P)],
            "expose_headers": ["X-Request-Id"],
        },
        route="/override-other",
        doc='as P2, but the handler sets ACAO "https://other.example" and ACAC true',
    ),
    Policy(
        "P7-any-header",
        lambda o: {
            "allow_origins": [o(LOCALHOST_P)],
            "allow_credentials": [o(LOCALHOST_P)],
            "allow_headers": "*",
        },
        doc='allow_headers="*" (echoed), preflights passed to the app, credentials',
    ),
    Policy(
        "P8-star-everything",
        lambda o: {"allow_methods": "*", "allow_headers": "*", "max_age": 0},
        doc='short-circuit with methods "*" and headers "*", every origin, max_age 0',
    ),
    Policy(
        "P9-expose-star",
        lambda o: {
            "allow_origins": [o(LOCALHOST_P)],
            "allow_credentials": [o(LOCALHOST_P)],
            "expose_headers": "*",
        },
        doc='as P2, but expose_headers="*": every header without credentials, none with',
    ),
]


# -- fetch cases -----------------------------------------------------------------------

JSON_BODY = '{"hello": "world"}'


@dataclass(frozen=True)
class Case:
    name: str
    origin: str | None = None  # None: the policy's page origin
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    credentials: str = "same-origin"  # fetch()'s default; "include" sends credentials
    #: Whether Fetch makes a CORS-preflight request, and the
    #: Access-Control-Request-Headers value Chromium sends with it.
    preflight: bool = False
    request_headers: str | None = None
    repeat: int = 1


def _put_json(name: str, **kw: Any) -> Case:
    return Case(
        name,
        method="PUT",
        headers={"Content-Type": "application/json"},
        body=JSON_BODY,
        preflight=True,
        request_headers="content-type",
        **kw,
    )


def _authorization(name: str, **kw: Any) -> Case:
    return Case(
        name,
        headers={"Authorization": "Bearer t0ken"},
        preflight=True,
        request_headers="authorization",
        **kw,
    )


CASES = [
    Case("simple_get"),
    Case("credentialed_get", credentials="include"),
    Case("post_text_plain", method="POST", headers={"Content-Type": "text/plain"}, body="hi"),
    _put_json("put_json"),
    _put_json("credentialed_put_json", credentials="include"),
    Case("custom_header", headers={"X-Custom": "1"}, preflight=True, request_headers="x-custom"),
    _authorization("authorization"),
    _authorization("credentialed_authorization", credentials="include"),
    Case("delete", method="DELETE", preflight=True),
    Case("patch", method="PATCH", preflight=True),
    Case("read_exposed_header"),  # X-Request-Id: readable where the cell says ok+id
    Case("read_secret_header"),  # X-Secret: readable only where the cell says ok+all
    _put_json("preflight_cache", repeat=2),
    Case("from_127.0.0.1:Q", origin=LOOPBACK_Q),
    _put_json("put_from_127.0.0.1:Q", origin=LOOPBACK_Q),
    Case("from_localhost:P", origin=LOCALHOST_P),
    Case("from_localhost:Q", origin=LOCALHOST_Q),
    Case("from_app.localhost:P", origin=APP_LOCALHOST_P),
    Case("from_web.app.localhost:P", origin=WEB_APP_LOCALHOST_P),
    Case("from_web.app.localhost:Q", origin=WEB_APP_LOCALHOST_Q),
]

# -- the expected outcomes, from the Fetch standard --------------------------------------
#
#   ok     fetch() resolves with the 200 answer; X-Request-Id is NOT readable
#   ok+id  fetch() resolves with the 200 answer; X-Request-Id IS readable
#          (X-Secret is not readable; Content-Type, safelisted, always is)
#   ok+all fetch() resolves with the 200 answer; X-Request-Id and X-Secret are both
#          readable (Access-Control-Expose-Headers: *)
#   block  the request reached the application, its answer failed the CORS check:
#          fetch() rejects with a TypeError
#   pfail  the CORS-preflight fetch failed, so the actual request was never sent:
#          fetch() rejects with a TypeError
#
# Columns P1 ... P8 are POLICIES in order; rows are CASES ("page" rows run on the
# policy's page origin: localhost:P, but web.app.localhost:P for P3).
#
# Reasons, briefly:
# - P1, P8 ("*", no credentials): ACAO "*" passes without credentials; any request in
#   credentials mode "include" fails (ACAO "*" never passes then), at the preflight if
#   there is one. Preflight answers echo the requested headers by name, so Authorization
#   is listed explicitly and allowed. P8 echoes any method, so PATCH passes.
# - P2, P4: the origin is reflected with ACAC true, so credentialed requests pass too;
#   X-Request-Id is exposed. P4's regex allows localhost on any port (localhost:Q) but
#   app.localhost only on port 80 (fullmatch), not web.app.localhost.
# - P3: the reflected origin without ACAC: credentialed requests fail; only
#   *.app.localhost on port P is allowed, not app.localhost itself nor port Q.
# - P5: the middleware's 403 for a method (PATCH) or header (Authorization) it does not
#   list is a failed preflight; simple requests from other origins reach the app and
#   come back without ACAO.
# - P6a: actual answers carry the handler's ACAO "*" (no ACAC): fine without credentials,
#   from any origin, but "include" fails, after a preflight that passed (the middleware
#   answered it for the page origin). X-Request-Id is exposed only where the middleware
#   granted the origin. Preflights from other origins get no ACAO: pfail.
# - P6b: the handler's ACAO "https://other.example" never equals the page's origin, so
#   every actual answer fails the CORS check, even after a passed preflight.
# - P7: allow_headers="*" echoes "authorization" by name, so Authorization passes with
#   and without credentials (a literal "*" would cover neither).
# - P9: Access-Control-Expose-Headers: * exposes every header of the answer to a request
#   without credentials, and none (but the safelisted ones) to one in credentials mode
#   "include", for which "*" is a header name like any other (Fetch standard, "main
#   fetch", the CORS-exposed header-name list). Access is otherwise P2's.
TABLE = """
case                        P1     P2     P3     P4     P5     P6a    P6b    P7     P8     P9
simple_get                  ok     ok+id  ok     ok+id  ok     ok+id  block  ok     ok     ok+all
credentialed_get            block  ok+id  block  ok+id  ok     block  block  ok     block  ok
post_text_plain             ok     ok+id  ok     ok+id  ok     ok+id  block  ok     ok     ok+all
put_json                    ok     ok+id  ok     ok+id  ok     ok+id  block  ok     ok     ok+all
credentialed_put_json       pfail  ok+id  pfail  ok+id  ok     block  block  ok     pfail  ok
custom_header               ok     ok+id  ok     ok+id  ok     ok+id  block  ok     ok     ok+all
authorization               ok     ok+id  ok     ok+id  pfail  ok+id  block  ok     ok     ok+all
credentialed_authorization  pfail  ok+id  pfail  ok+id  pfail  block  block  ok     pfail  ok
delete                      ok     ok+id  ok     ok+id  ok     ok+id  block  ok     ok     ok+all
patch                       ok     ok+id  ok     ok+id  pfail  ok+id  block  ok     ok     ok+all
read_exposed_header         ok     ok+id  ok     ok+id  ok     ok+id  block  ok     ok     ok+all
read_secret_header          ok     ok+id  ok     ok+id  ok     ok+id  block  ok     ok     ok+all
preflight_cache             ok     ok+id  ok     ok+id  ok     ok+id  block  ok     ok     ok+all
from_127.0.0.1:Q            ok     block  block  block  block  ok     block  block  ok     block
put_from_127.0.0.1:Q        ok     pfail  pfail  pfail  pfail  pfail  pfail  pfail  ok     pfail
from_localhost:P            ok     ok+id  block  ok+id  ok     ok+id  block  ok     ok     ok+all
from_localhost:Q            ok     block  block  ok+id  block  ok     block  block  ok     block
from_app.localhost:P        ok     block  block  block  block  ok     block  block  ok     block
from_web.app.localhost:P    ok     block  ok     block  block  ok     block  block  ok     block
from_web.app.localhost:Q    ok     block  block  block  block  ok     block  block  ok     block
"""

#: preflight_cache: the same preflighted PUT twice in one context. The number of
#: CORS-preflight requests the server sees: 1 while the first answer's max-age
#: (86400 or 600, capped at 2 h by Chromium) holds; 2 with Access-Control-Max-Age: 0.
#: A preflight result is cached even if the actual answer then fails (P6b).
CACHE_PREFLIGHTS = {
    "P1": 1, "P2": 1, "P3": 1, "P4": 1, "P5": 1, "P6a": 1, "P6b": 1, "P7": 1, "P8": 2,
    "P9": 1,
}  # fmt: skip

#: Cells where Chromium and the Fetch standard agree but wsgi_cors does not:
#: (policy column, case) -> reason. Marked xfail(strict=True).
KNOWN_DISAGREEMENTS: dict[tuple[str, str], str] = {}


def _parse_table(text: str) -> dict[tuple[str, str], str]:
    lines = [line.split() for line in text.strip().splitlines()]
    columns = lines[0][1:]
    assert columns == [p.name.split("-")[0] for p in POLICIES], columns
    assert [row[0] for row in lines[1:]] == [c.name for c in CASES]
    cells: dict[tuple[str, str], str] = {}
    for case, *outcomes in lines[1:]:
        assert len(outcomes) == len(columns), case
        for column, outcome in zip(columns, outcomes, strict=True):
            assert outcome in {"ok", "ok+id", "ok+all", "block", "pfail"}, (case, outcome)
            cells[column, case] = outcome
    return cells


EXPECTED = _parse_table(TABLE)
assert set(CACHE_PREFLIGHTS) == {p.name.split("-")[0] for p in POLICIES}


# -- the applications --------------------------------------------------------------------


def falcon_app() -> Any:
    import falcon

    class Echo:
        def __init__(self, own_headers: list[tuple[str, str]]) -> None:
            self.own_headers = own_headers

        def respond(self, req: falcon.Request, resp: falcon.Response) -> None:
            resp.media = {"method": req.method, "path": req.path}
            resp.set_header("X-Request-Id", REQUEST_ID)
            resp.set_header("X-Secret", SECRET)
            for name, value in self.own_headers:
                resp.set_header(name, value)

        on_get = on_post = on_put = on_delete = on_patch = respond

    app = falcon.App()
    for path, own_headers in ROUTE_HEADERS.items():
        app.add_route(path, Echo(own_headers))
    return app


def flask_app() -> Any:
    import flask

    app = flask.Flask("wsgi_cors_browser_test")

    def make_view(own_headers: list[tuple[str, str]]) -> Callable[[], Any]:
        def view() -> Any:
            response = flask.jsonify(method=flask.request.method, path=flask.request.path)
            response.headers["X-Request-Id"] = REQUEST_ID
            response.headers["X-Secret"] = SECRET
            for name, value in own_headers:
                response.headers[name] = value
            return response

        return view

    for i, (path, own_headers) in enumerate(ROUTE_HEADERS.items()):
        app.add_url_rule(path, f"view{i}", make_view(own_headers), methods=ALL_METHODS)
    return app


def wrap(framework: str, policy: Policy, origin: Callable[[str], str]) -> Any:
    """The framework's application wrapped in the policy's middleware."""
    options = policy.options(origin)

    def cors(app: Any) -> Any:
        if policy.one_liner:
            return enable_cors(app, **options)
        return CORSMiddleware(app, **options)

    if framework == "falcon":
        return cors(falcon_app())
    app = flask_app()
    app.wsgi_app = cors(app.wsgi_app)
    return app


# -- the tests -----------------------------------------------------------------------------

DEPLOYMENTS = [(framework, policy) for framework in ("falcon", "flask") for policy in POLICIES]


@pytest.fixture(
    scope="module",
    params=DEPLOYMENTS,
    ids=[f"{framework}-{policy.name}" for framework, policy in DEPLOYMENTS],
)
def deployment(
    request: pytest.FixtureRequest, deploy: Any, page_ports: Any
) -> Iterator[tuple[Policy, Any]]:
    """One (framework, policy): its own API server and its own browser context."""
    framework, policy = request.param
    with deploy(wrap(framework, policy, page_ports.origin)) as running:
        yield policy, running


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fetch(
    request: pytest.FixtureRequest,
    deployment: tuple[Policy, Any],
    page_ports: Any,
    case: Case,
) -> None:
    policy, running = deployment
    column = policy.name.split("-")[0]
    disagreement = KNOWN_DISAGREEMENTS.get((column, case.name))
    if disagreement is not None:
        request.applymarker(pytest.mark.xfail(strict=True, reason=disagreement))
    expected = EXPECTED[column, case.name]
    origin = page_ports.origin(case.origin or policy.page)
    key = f"{column}-{case.name}-{uuid.uuid4().hex}"

    results = running.pages.fetch(
        origin,
        running.url(policy.route, key),
        method=case.method,
        headers=case.headers,
        body=case.body,
        credentials=case.credentials,
        repeat=case.repeat,
    )
    seen = running.log.requests(key)
    report = f"{policy.name} ({policy.doc}) / {case.name} from {origin}: {results!r}; " + (
        f"server saw {[(s.method, s.request_method, s.request_headers) for s in seen]}"
    )

    # What the page could read.
    assert len(results) == case.repeat
    for result in results:
        if expected in ("ok", "ok+id", "ok+all"):
            assert result["ok"], report
            assert result["status"] == 200, report
            assert f'"method":"{case.method}"' in result["body"].replace(" ", ""), report
            readable = result["headers"]
            assert "application/json" in readable.get("content-type", ""), report
            if expected == "ok+all":
                assert readable.get("x-secret") == SECRET, report
            else:
                assert "x-secret" not in readable, report
            if expected in ("ok+id", "ok+all"):
                assert readable.get("x-request-id") == REQUEST_ID, report
            else:
                assert "x-request-id" not in readable, report
        else:
            assert not result["ok"], report
            assert result["error"].startswith("TypeError"), report

    # What the server received (outside the middleware).
    if case.repeat == 1:
        if not case.preflight:
            methods = [case.method]
        elif expected == "pfail":
            methods = ["OPTIONS"]
        else:
            methods = ["OPTIONS", case.method]
    else:
        assert expected != "pfail"
        methods = ["OPTIONS", case.method] + (
            [case.method] if CACHE_PREFLIGHTS[column] == 1 else ["OPTIONS", case.method]
        )
    assert [s.method for s in seen] == methods, report
    for s in seen:
        assert s.origin == origin, report
        if s.method == "OPTIONS":
            assert s.request_method == case.method, report
            assert s.request_headers == case.request_headers, report
            assert s.cors_request_headers <= {
                "HTTP_ACCESS_CONTROL_REQUEST_METHOD",
                "HTTP_ACCESS_CONTROL_REQUEST_HEADERS",
            }, report  # in particular no private-network preflight
        else:
            assert not s.cors_request_headers, report
