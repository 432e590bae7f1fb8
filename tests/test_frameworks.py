"""The contract end to end, through real Falcon, Flask, Django, WebOb and plain WSGI
applications wrapped in ``CORSMiddleware`` and driven by ``webtest.TestApp`` (whose
lint middleware checks PEP 3333 on the way).

Every test runs once per framework; the applications are in ``apps.py`` and serve
the same routes.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import sys
import types
import warnings
from collections.abc import Callable
from typing import Any

import pytest
import webtest
from werkzeug.middleware.proxy_fix import ProxyFix

from apps import (
    ACAC,
    ACAH,
    ACAM,
    ACAO,
    ACAPN,
    ACEH,
    ACMA,
    EVIL,
    FRAMEWORKS,
    ITEMS,
    NO_ALLOW_BODY,
    OWN_ORIGIN,
    REQUEST_ID,
    A,
    B,
    CountingApp,
    configure_django,
    make_app,
    make_falcon_app,
    make_flask_app,
    make_plain_app,
)
from wsgi_call import Response, call
from wsgi_cors import CORSMiddleware, CORSSecurityWarning


@pytest.fixture(params=FRAMEWORKS)
def framework(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class Client:
    """A framework application, counted, wrapped in CORSMiddleware, behind webtest."""

    def __init__(self, framework: str, **options: Any) -> None:
        self.framework = framework
        self.app = make_app(framework)
        self.counter = CountingApp(self.app)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no configuration here deserves a warning
            self.middleware = CORSMiddleware(self.counter, **options)
        self.testapp = webtest.TestApp(self.middleware)

    @property
    def calls(self) -> int:
        return len(self.counter.calls)

    def request(
        self,
        method: str,
        path: str,
        origin: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        all_headers = dict(headers or {})
        if origin is not None:
            all_headers["Origin"] = origin
        res = self.testapp.request(path, method=method, headers=all_headers, expect_errors=True)
        return Response(res.status, list(res.headerlist), res.body)

    def get(self, path: str = "/items", origin: str | None = None) -> Response:
        return self.request("GET", path, origin)

    def preflight(
        self,
        origin: str | None = A,
        method: str = "PUT",
        path: str = "/items",
        request_headers: str | None = None,
        private_network: str | None = None,
    ) -> Response:
        headers = {"Access-Control-Request-Method": method}
        if request_headers is not None:
            headers["Access-Control-Request-Headers"] = request_headers
        if private_network is not None:
            headers["Access-Control-Request-Private-Network"] = private_network
        return self.request("OPTIONS", path, origin, headers)

    def app_allow(self) -> str:
        """The ``Allow`` header the unwrapped application answers ``OPTIONS /items`` with."""
        res = webtest.TestApp(self.app).options("/items")
        allow = res.headers.get("Allow")
        assert allow, f"{self.framework} must answer OPTIONS /items with Allow"
        return str(allow)


def vary_tokens(response: Response) -> list[str]:
    return [
        token.strip()
        for value in response.get_all("Vary")
        for token in value.split(",")
        if token.strip()
    ]


def tokens(value: str | None) -> set[str]:
    return {t.strip().lower() for t in (value or "").split(",") if t.strip()}


def assert_no_cors(response: Response) -> None:
    assert response.cors() == {}, response.headers


def assert_vary_origin_once(response: Response) -> None:
    assert [t.lower() for t in vary_tokens(response)].count("origin") == 1, response.headers


# -- actual requests ----------------------------------------------------------------------

LIST_POLICY = {
    "allow_origins": [A, B],
    "allow_credentials": [A],
    "expose_headers": ["X-Request-Id"],
}
# Falcon's pass-through preflights: the application answers OPTIONS.
PASSED = {**LIST_POLICY, "allow_methods": None}


def test_allowed_origin_with_credentials(framework: str) -> None:
    client = Client(framework, **LIST_POLICY)
    res = client.get(origin=A)
    assert res.code == 200
    assert json.loads(res.body) == ITEMS
    assert res.get("X-Request-Id") == REQUEST_ID
    assert res.cors() == {ACAO: A, ACAC: "true", ACEH: "X-Request-Id"}
    assert vary_tokens(res) == ["Origin"]


def test_allowed_origin_without_credentials(framework: str) -> None:
    res = Client(framework, **LIST_POLICY).get(origin=B)
    assert res.code == 200
    assert res.cors() == {ACAO: B, ACEH: "X-Request-Id"}
    assert vary_tokens(res) == ["Origin"]


@pytest.mark.parametrize("origin", [EVIL, "null", "https://a.example.evil", A.upper()])
def test_disallowed_origin(framework: str, origin: str) -> None:
    res = Client(framework, **LIST_POLICY).get(origin=origin)
    assert res.code == 200
    assert json.loads(res.body) == ITEMS
    assert_no_cors(res)
    assert vary_tokens(res) == ["Origin"]


def test_no_origin_with_a_list_policy(framework: str) -> None:
    res = Client(framework, **LIST_POLICY).get()
    assert res.code == 200
    assert_no_cors(res)
    assert vary_tokens(res) == ["Origin"]


def test_no_origin_with_the_star_policy(framework: str) -> None:
    """README difference 5: "*" with or without Origin, so a cached answer serves both."""
    res = Client(framework, expose_headers="X-Request-Id").get()
    assert res.code == 200
    assert res.cors() == {ACAO: "*", ACEH: "X-Request-Id"}
    assert res.get("Vary") is None


def test_star_policy(framework: str) -> None:
    client = Client(framework, expose_headers="X-Request-Id")
    for origin in (A, EVIL, "null"):
        res = client.get(origin=origin)
        assert res.cors() == {ACAO: "*", ACEH: "X-Request-Id"}
        assert res.get("Vary") is None


def test_star_policy_with_credentials_for_one_origin(framework: str) -> None:
    client = Client(framework, allow_credentials=[A])
    res = client.get(origin=A)
    assert res.cors() == {ACAO: A, ACAC: "true"}
    assert vary_tokens(res) == ["Origin"]
    res = client.get(origin=EVIL)
    assert res.cors() == {ACAO: "*"}
    assert vary_tokens(res) == ["Origin"]


@pytest.mark.parametrize("path", ["/missing", "/error"])
def test_error_responses_get_cors_headers(framework: str, path: str) -> None:
    client = Client(framework, **LIST_POLICY)
    res = client.get(path, origin=A)
    assert res.code == (404 if path == "/missing" else 500)
    assert res.cors() == {ACAO: A, ACAC: "true", ACEH: "X-Request-Id"}
    assert_vary_origin_once(res)
    res = client.get(path, origin=EVIL)
    assert_no_cors(res)
    assert_vary_origin_once(res)


# -- per-responder override -------------------------------------------------------------


def test_application_origin_and_credentials_are_kept(framework: str) -> None:
    client = Client(framework, allow_origins=[A], expose_headers="X-Request-Id")
    res = client.get("/own-acao-acac", origin=A)
    assert res.cors() == {ACAO: OWN_ORIGIN, ACAC: "true", ACEH: "X-Request-Id"}
    assert res.get_all("Access-Control-Allow-Origin") == [OWN_ORIGIN]
    assert_vary_origin_once(res)


def test_application_origin_kept_and_no_credentials_added(framework: str) -> None:
    client = Client(framework, allow_origins=[A], allow_credentials=[A], expose_headers="X-Id")
    res = client.get("/own-acao", origin=A)
    assert res.cors() == {ACAO: OWN_ORIGIN, ACEH: "X-Id"}


def test_application_origin_kept_for_a_disallowed_origin(framework: str) -> None:
    res = Client(framework, allow_origins=[A], expose_headers="X-Id").get("/own-acao", EVIL)
    assert res.cors() == {ACAO: OWN_ORIGIN}


# -- Vary ---------------------------------------------------------------------------------

VARY_CASES = [
    # (the application's Vary, the Vary tokens expected with an origin-dependent policy)
    ("Accept-Encoding", ["Accept-Encoding", "Origin"]),
    ("origin", ["origin"]),
    ("ORIGIN", ["ORIGIN"]),
    ("Accept-Encoding, origin", ["Accept-Encoding", "origin"]),
    ("*", ["*"]),
]


@pytest.mark.parametrize(("app_vary", "expected"), VARY_CASES)
@pytest.mark.parametrize("origin", [A, EVIL, None], ids=["allowed", "disallowed", "no-origin"])
def test_vary_merged_into_the_application_vary(
    framework: str, app_vary: str, expected: list[str], origin: str | None
) -> None:
    client = Client(framework, **LIST_POLICY)
    res = client.request("GET", "/vary?value=" + app_vary.replace(" ", "%20"), origin)
    assert res.code == 200
    assert vary_tokens(res) == expected
    assert len(res.get_all("Vary")) == 1


@pytest.mark.parametrize(("app_vary", "expected"), VARY_CASES)
def test_vary_untouched_with_the_star_policy(
    framework: str, app_vary: str, expected: list[str]
) -> None:
    res = Client(framework).request("GET", "/vary?value=" + app_vary.replace(" ", "%20"), A)
    assert res.cors() == {ACAO: "*"}
    assert res.get_all("Vary") == [app_vary]


# -- pass-through preflight (allow_methods=None) ------------------------------------------


@pytest.mark.parametrize(
    ("max_age", "expected_max_age"),
    [({}, "86400"), ({"max_age": 600}, "600"), ({"max_age": 0}, "0"), ({"max_age": None}, None)],
    ids=["default", "600", "0", "None"],
)
@pytest.mark.parametrize("request_headers", [None, "X-Custom, Content-Type"])
def test_pass_through_preflight(
    framework: str,
    max_age: dict[str, Any],
    expected_max_age: str | None,
    request_headers: str | None,
) -> None:
    client = Client(framework, **PASSED, **max_age)
    allow = client.app_allow()
    res = client.preflight(A, "PUT", request_headers=request_headers)
    assert client.calls == 1
    assert res.code == 200
    assert res.get("Allow") is None
    expected = {
        ACAO: A,
        ACAC: "true",
        ACEH: "X-Request-Id",
        ACAM: allow,
        ACAH: request_headers or "*",
    }
    if expected_max_age is not None:
        expected[ACMA] = expected_max_age
    assert res.cors() == expected
    assert_vary_origin_once(res)


def test_pass_through_preflight_denied_without_allow(framework: str) -> None:
    client = Client(framework, **PASSED, allow_private_network=True)
    res = client.preflight(
        A, path="/custom-options", request_headers="X-Custom", private_network="true"
    )
    assert client.calls == 1
    assert res.code == 200
    assert res.body == NO_ALLOW_BODY
    assert_no_cors(res)
    assert_vary_origin_once(res)


def test_pass_through_preflight_from_a_disallowed_origin(framework: str) -> None:
    client = Client(framework, **PASSED)
    allow = client.app_allow()
    res = client.preflight(EVIL, request_headers="X-Custom")
    assert client.calls == 1
    assert res.code == 200
    assert_no_cors(res)
    assert res.get("Allow") == allow  # the application's answer, untouched
    assert_vary_origin_once(res)


def test_options_without_request_method_is_not_a_preflight(framework: str) -> None:
    client = Client(framework, **LIST_POLICY, allow_methods=["PUT"])
    allow = client.app_allow()
    res = client.request("OPTIONS", "/items", A)
    assert client.calls == 1
    assert res.code == 200
    assert res.get("Allow") == allow
    assert res.cors() == {ACAO: A, ACAC: "true", ACEH: "X-Request-Id"}


def test_pass_through_preflight_to_a_missing_route(framework: str) -> None:
    client = Client(framework, **PASSED)
    res = client.preflight(A, path="/missing")
    assert res.code == 404
    # Not a 2xx answer: not patched, but it gets the actual-response headers.
    assert ACAM not in res.cors()
    assert ACMA not in res.cors()
    assert res.cors()[ACAO] == A


# -- short-circuit preflight (allow_methods given) ----------------------------------------

SHORT_CIRCUIT = {
    "allow_origins": [A, B],
    "allow_credentials": [A],
    "allow_methods": ["GET", "PUT"],
    "allow_headers": ["X-Custom", "Content-Type"],
    "max_age": 600,
}


@pytest.mark.parametrize("path", ["/items", "/custom-options", "/missing"])
def test_short_circuit_allowed(framework: str, path: str) -> None:
    client = Client(framework, **SHORT_CIRCUIT)
    res = client.preflight(A, "PUT", path=path, request_headers="x-custom, CONTENT-TYPE")
    assert client.calls == 0
    assert res.code == 204
    assert res.body == b""
    cors = res.cors()
    assert cors[ACAO] == A
    assert cors[ACAC] == "true"
    assert "PUT" in {m.strip() for m in cors[ACAM].split(",")}
    assert tokens(cors[ACAH]) >= {"x-custom", "content-type"}
    assert cors[ACMA] == "600"
    assert res.get("Allow") is None
    assert_vary_origin_once(res)
    # The counter does count: an actual request reaches the application.
    assert client.get(origin=A).code == 200
    assert client.calls == 1


def test_short_circuit_without_requested_headers(framework: str) -> None:
    client = Client(framework, **SHORT_CIRCUIT)
    res = client.preflight(B, "GET")
    assert client.calls == 0
    assert res.code == 204
    assert res.cors()[ACAO] == B
    assert ACAC not in res.cors()


@pytest.mark.parametrize(
    ("origin", "method", "request_headers"),
    [
        (EVIL, "PUT", None),
        ("null", "PUT", None),
        (A, "DELETE", None),
        (A, "PUT", "X-Other"),
        (A, "PUT", "X-Custom, X-Other"),
    ],
)
def test_short_circuit_denied(
    framework: str, origin: str, method: str, request_headers: str | None
) -> None:
    client = Client(framework, **SHORT_CIRCUIT)
    res = client.preflight(origin, method, request_headers=request_headers)
    assert client.calls == 0
    assert res.code == 403
    assert not [n for n in res.cors() if n.startswith("access-control-allow-")]
    assert_vary_origin_once(res)


def test_short_circuit_any_method(framework: str) -> None:
    client = Client(framework, allow_origins=[A], allow_methods="*")
    res = client.preflight(A, "PATCH", request_headers="X-Anything")
    assert client.calls == 0
    assert res.code == 204
    assert "PATCH" in {m.strip() for m in res.cors()[ACAM].split(",")}
    assert res.cors()[ACAH] == "X-Anything"  # allow_headers=None echoes, as Falcon
    res = client.preflight(A, "PATCH")
    assert res.cors()[ACAH] == "*"


# -- allow_headers --------------------------------------------------------------------------


@pytest.mark.parametrize("short_circuit", [False, True], ids=["pass-through", "short-circuit"])
def test_allow_headers_list(framework: str, short_circuit: bool) -> None:
    options: dict[str, Any] = {"allow_origins": [A], "allow_headers": ["X-Custom", "X-Other"]}
    options["allow_methods"] = ["PUT"] if short_circuit else None
    client = Client(framework, **options)
    ok = 204 if short_circuit else 200

    res = client.preflight(A, request_headers="x-custom")
    assert res.code == ok
    assert "x-custom" in tokens(res.cors()[ACAH])
    res = client.preflight(A, request_headers="X-OTHER,X-Custom")
    assert res.code == ok
    assert tokens(res.cors()[ACAH]) >= {"x-other", "x-custom"}

    res = client.preflight(A, request_headers="X-Custom, X-Forbidden")
    if short_circuit:
        assert res.code == 403
        assert not [n for n in res.cors() if n.startswith("access-control-allow-")]
    else:
        assert res.code == 200
        assert_no_cors(res)
    assert_vary_origin_once(res)
    assert client.calls == (0 if short_circuit else 3)


@pytest.mark.parametrize("short_circuit", [False, True], ids=["pass-through", "short-circuit"])
def test_allow_headers_star_never_literal_with_credentials(
    framework: str, short_circuit: bool
) -> None:
    options: dict[str, Any] = {
        "allow_origins": [A, B],
        "allow_credentials": [A],
        "allow_headers": "*",
        "allow_methods": "*" if short_circuit else None,
    }
    client = Client(framework, **options)
    ok = 204 if short_circuit else 200

    res = client.preflight(A, request_headers="X-Custom, X-Trace")
    assert res.code == ok
    assert res.cors()[ACAC] == "true"
    assert res.cors()[ACAH] == "X-Custom, X-Trace"

    res = client.preflight(A)  # nothing requested, credentials: no literal "*"
    assert res.code == ok
    assert res.cors()[ACAC] == "true"
    assert res.cors().get(ACAH) != "*"
    assert "*" not in (res.cors().get(ACAH) or "")

    res = client.preflight(B, request_headers="X-Custom")  # no credentials for B
    assert res.code == ok
    assert ACAC not in res.cors()
    assert res.cors()[ACAH] == "X-Custom"


# -- origins: subdomain patterns and regex -------------------------------------------------

SUBDOMAIN_CASES = [
    ("https://a.example.com", True),
    ("https://a.b.example.com", True),
    ("https://x-1.example.com", True),
    ("https://example.com", False),
    ("https://evil-example.com", False),
    ("https://aexample.com", False),
    ("https://a.example.com.evil.com", False),
    ("http://a.example.com", False),
    ("https://a.example.com:8443", False),
    ("https://.example.com", False),
    ("https://A.example.com", False),
]


@pytest.mark.parametrize(("origin", "allowed"), SUBDOMAIN_CASES)
def test_subdomain_pattern(framework: str, origin: str, allowed: bool) -> None:
    client = Client(framework, allow_origins=["https://*.example.com"], allow_credentials="*")
    res = client.get(origin=origin)
    assert res.code == 200
    if allowed:
        assert res.cors() == {ACAO: origin, ACAC: "true"}
    else:
        assert_no_cors(res)
    assert vary_tokens(res) == ["Origin"]


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("https://a.example.com:8443", True),
        ("https://a.b.example.com:8443", True),
        ("https://a.example.com", False),
        ("https://a.example.com:443", False),
        ("https://a.example.com:84430", False),
    ],
)
def test_subdomain_pattern_with_port(framework: str, origin: str, allowed: bool) -> None:
    client = Client(framework, allow_origins=["https://*.example.com:8443"])
    res = client.preflight(origin, request_headers="X-Custom")
    if allowed:
        assert res.cors()[ACAO] == origin
        assert res.cors()[ACAH] == "X-Custom"
    else:
        assert_no_cors(res)


REGEX = r"https://(app|admin)\.example\.org"
REGEX_CASES = [
    ("https://app.example.org", True),
    ("https://admin.example.org", True),
    ("https://app.example.org.evil.com", False),  # fullmatch, not match
    ("https://xapp.example.org", False),  # fullmatch, not search
    ("http://app.example.org", False),
    ("https://other.example", False),
    (A, False),
]


@pytest.mark.parametrize("compiled", [False, True], ids=["str", "compiled"])
@pytest.mark.parametrize(("origin", "allowed"), REGEX_CASES)
def test_allow_origin_regex_alone(
    framework: str, origin: str, allowed: bool, compiled: bool
) -> None:
    regex = re.compile(REGEX) if compiled else REGEX
    client = Client(framework, allow_origin_regex=regex, expose_headers="X-Request-Id")
    res = client.get(origin=origin)
    if allowed:
        assert res.cors() == {ACAO: origin, ACEH: "X-Request-Id"}
    else:
        assert_no_cors(res)
    assert vary_tokens(res) == ["Origin"]


@pytest.mark.parametrize(("origin", "allowed"), [*REGEX_CASES[:-1], (A, True), (B, False)])
def test_allow_origin_regex_with_a_list(framework: str, origin: str, allowed: bool) -> None:
    client = Client(framework, allow_origins=[A], allow_origin_regex=REGEX)
    res = client.preflight(origin)
    if allowed:
        assert res.cors()[ACAO] == origin
        assert ACAM in res.cors()
    else:
        assert_no_cors(res)


# -- Private Network Access ----------------------------------------------------------------


@pytest.mark.parametrize("short_circuit", [False, True], ids=["pass-through", "short-circuit"])
@pytest.mark.parametrize(
    ("enabled", "request_value", "expected"),
    [
        (True, "true", "true"),
        (True, None, None),
        (True, "false", None),
        (False, "true", None),
    ],
)
def test_allow_private_network(
    framework: str,
    short_circuit: bool,
    enabled: bool,
    request_value: str | None,
    expected: str | None,
) -> None:
    options: dict[str, Any] = {"allow_origins": [A], "allow_private_network": enabled}
    options["allow_methods"] = ["PUT"] if short_circuit else None
    res = Client(framework, **options).preflight(A, private_network=request_value)
    assert res.code == (204 if short_circuit else 200)
    assert res.cors().get(ACAPN) == expected
    assert res.cors()[ACAO] == A


def test_private_network_not_on_actual_requests(framework: str) -> None:
    client = Client(framework, allow_origins=[A], allow_private_network=True)
    res = client.request("GET", "/items", A, {"Access-Control-Request-Private-Network": "true"})
    assert ACAPN not in res.cors()


# -- Flask: wrapping flask_app.wsgi_app ---------------------------------------------------


def test_flask_wsgi_app_attribute() -> None:
    flask_app = make_flask_app()
    flask_app.wsgi_app = CORSMiddleware(  # type: ignore[method-assign]
        flask_app.wsgi_app, **LIST_POLICY, allow_methods=["PUT"]
    )

    client = flask_app.test_client()
    res = client.get("/items", headers={"Origin": A})
    assert res.status_code == 200
    assert res.get_json() == ITEMS
    assert res.headers["Access-Control-Allow-Origin"] == A
    assert res.headers["Access-Control-Allow-Credentials"] == "true"
    assert res.headers["Access-Control-Expose-Headers"] == "X-Request-Id"
    assert res.headers["Vary"] == "Origin"

    res = client.options("/items", headers={"Origin": A, "Access-Control-Request-Method": "PUT"})
    assert res.status_code == 204
    assert res.headers["Access-Control-Allow-Methods"] == "PUT"

    res = client.get("/items", headers={"Origin": EVIL})
    assert "Access-Control-Allow-Origin" not in res.headers
    assert res.headers["Vary"] == "Origin"

    # The Flask application object itself is still what a server runs.
    testapp = webtest.TestApp(flask_app)
    res = testapp.get("/items", headers={"Origin": B})
    assert res.headers["Access-Control-Allow-Origin"] == B
    assert "Access-Control-Allow-Credentials" not in res.headers


def test_flask_test_client_pass_through_preflight() -> None:
    flask_app = make_flask_app()
    allow = flask_app.test_client().options("/items").headers["Allow"]
    flask_app.wsgi_app = CORSMiddleware(  # type: ignore[method-assign]
        flask_app.wsgi_app, allow_origins=A, allow_methods=None
    )
    res = flask_app.test_client().options(
        "/items",
        headers={
            "Origin": A,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert res.status_code == 200
    assert "Allow" not in res.headers
    assert res.headers["Access-Control-Allow-Methods"] == allow
    assert res.headers["Access-Control-Allow-Headers"] == "Content-Type"
    assert res.headers["Access-Control-Max-Age"] == "86400"


# -- CORSMiddleware is a WSGI application: it wraps again --------------------------------


def test_nested_middleware_is_refused(framework: str) -> None:
    """Two CORS layers answer twice and the inner one's headers win: refused at
    construction (README, "Secure by default")."""
    inner = CORSMiddleware(make_app(framework), allow_origins=[A])
    with pytest.raises(ValueError, match="it is a CORSMiddleware.*wrap the application once"):
        CORSMiddleware(inner, allow_origins=[A, B])


def test_a_hidden_inner_cors_layer_is_logged_once(
    framework: str, caplog: pytest.LogCaptureFixture
) -> None:
    """What construction cannot see (an inner CORS layer behind another callable)
    shows in the application's preflight answer: logged once at WARNING."""
    inner = CORSMiddleware(make_app(framework), allow_origins=[A], expose_headers="X-Inner")

    def hidden(environ: dict[str, Any], start_response: Any) -> Any:
        return inner(environ, start_response)

    outer = CORSMiddleware(
        hidden, allow_origins=[A, B], expose_headers="X-Outer", allow_methods=None
    )
    testapp = webtest.TestApp(outer)
    res = testapp.get("/items", headers={"Origin": A})
    # The outer one sees the inner one's Access-Control-Allow-Origin (per-responder rule).
    assert res.headers["Access-Control-Allow-Origin"] == A
    assert res.headers["Access-Control-Expose-Headers"] == "X-Outer"
    assert res.headers.getall("Vary") == ["Origin"]
    with caplog.at_level(logging.WARNING, logger="wsgi_cors"):
        for _ in range(3):
            testapp.options("/items", headers={"Origin": A, "Access-Control-Request-Method": "PUT"})
    warnings_logged = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings_logged) == 1
    assert warnings_logged[0].getMessage() == (
        "the application's answer to a CORS-preflight request (path '/items') already carries"
        " Access-Control-Allow-Origin or Access-Control-Allow-Methods: a CORS layer inside the"
        " application (django-cors-headers, flask-cors, falcon's cors_enable, ...) answers"
        " preflights too, and its headers may win over this middleware's. Remove one of the"
        " two. (Logged once.)"
    )


# -- an application that already sends CORS headers: refused at construction ---------------


class FalconRequestId:
    """An unrelated Falcon middleware."""

    def process_response(self, req: Any, resp: Any, resource: Any, req_succeeded: bool) -> None:
        resp.set_header("X-Request-Id", "1")


def _falcon_with_cors(kind: str) -> Any:
    import falcon

    if kind == "cors_enable":
        return make_falcon_app(cors_enable=True)
    if kind == "one-middleware":
        return make_falcon_app(middleware=falcon.CORSMiddleware(allow_origins="*"))
    return make_falcon_app(middleware=[FalconRequestId(), falcon.CORSMiddleware(allow_origins=A)])


@pytest.mark.parametrize("kind", ["cors_enable", "one-middleware", "in-a-list"])
def test_falcon_app_with_its_own_cors_is_refused(kind: str) -> None:
    """README, 'Secure by default': Falcon refuses its own double configuration
    the same way (cors_enable=True with falcon.CORSMiddleware)."""
    with pytest.raises(ValueError, match="falcon.App made with cors_enable=True") as caught:
        CORSMiddleware(_falcon_with_cors(kind), allow_origins=[A])
    assert "allow_methods=None keeps Falcon's preflight headers" in str(caught.value)


def test_wsgicors_middleware_is_refused() -> None:
    """wsgicors's CORS, a WSGI middleware too, answered every request inside ours
    (a migration that wrapped instead of replacing it)."""
    wsgicors = pytest.importorskip("wsgicors", reason="wsgicors is in the 'test' extra")
    with pytest.raises(ValueError, match="it is wsgicors's CORS middleware"):
        CORSMiddleware(wsgicors.CORS(make_falcon_app(), headers="*", methods="*", origin="*"))


def test_falcon_asgi_app_is_refused() -> None:
    """falcon.asgi.App is an ASGI application: taken, it failed on its first request
    with a TypeError (a review of the Falcon guide)."""
    import falcon.asgi

    with pytest.raises(TypeError, match="got an ASGI one"):
        CORSMiddleware(falcon.asgi.App(), allow_origins=[A])


def test_falcon_app_without_cors_is_accepted() -> None:
    CORSMiddleware(make_falcon_app(middleware=[FalconRequestId()]), allow_origins=[A])


@pytest.mark.parametrize("wrapped", ["wsgi_app", "app"])
def test_flask_app_with_flask_cors_is_refused(wrapped: str) -> None:
    """flask-cors's CORS(app) inside the application won over the policy: an origin the
    middleware denies got flask-cors's reflected origin and credentials, and the log
    said "denied" (a new user's walkthrough). Refused when the middleware is made, as
    for Falcon's own CORS."""
    from flask_cors import CORS

    flask_app = make_flask_app()
    CORS(flask_app, supports_credentials=True)
    target = flask_app.wsgi_app if wrapped == "wsgi_app" else flask_app
    with pytest.raises(ValueError, match="a Flask application with flask-cors's CORS"):
        CORSMiddleware(target, allow_origins=[A])


CORS_HEADERS = "corsheaders.middleware.CorsMiddleware"
COMMON = "django.middleware.common.CommonMiddleware"


@pytest.mark.parametrize("wrapped", ["wsgi_app", "app"])
def test_flask_app_with_flask_cors_on_a_blueprint_is_refused(wrapped: str) -> None:
    """flask-cors's CORS(bp) on a registered blueprint won over the policy as CORS(app)
    does: an origin the middleware denies got its reflected origin and credentials
    (a review of the flask-cors guide)."""
    import flask
    from flask_cors import CORS

    blueprint = flask.Blueprint("api", __name__, url_prefix="/api")
    blueprint.get("/x")(lambda: "x")
    CORS(blueprint, supports_credentials=True)
    flask_app = make_flask_app()
    flask_app.register_blueprint(blueprint)
    target = flask_app.wsgi_app if wrapped == "wsgi_app" else flask_app
    with pytest.raises(ValueError, match="flask-cors's CORS\\(bp\\) on its blueprint 'api'"):
        CORSMiddleware(target, allow_origins=[A])


def _rewrapped(view: Any) -> Any:
    """A decorator of the application's own (a login check, say), over *view*."""

    @functools.wraps(view)
    def check(*args: Any, **kwargs: Any) -> Any:
        return view(*args, **kwargs)

    return check


@pytest.mark.parametrize("under", ["nothing", "another-decorator", "a-blueprint"])
def test_flask_app_with_a_cross_origin_view_is_refused(under: str) -> None:
    """flask-cors's @cross_origin left on a view answered that view's requests with
    its own headers, over the policy's, even to an origin the policy denies: it is
    seen through functools.wraps and other decorators, and refused as CORS(app) is."""
    import flask
    from flask_cors import cross_origin

    flask_app = make_flask_app()
    view = cross_origin(supports_credentials=True)(lambda: "x")
    if under == "a-blueprint":
        blueprint = flask.Blueprint("api", __name__, url_prefix="/api")
        blueprint.get("/x", endpoint="x")(view)
        flask_app.register_blueprint(blueprint)
        endpoint = "api.x"
    else:
        if under == "another-decorator":
            view = _rewrapped(view)
        flask_app.get("/x", endpoint="x")(view)
        endpoint = "x"
    with pytest.raises(ValueError, match=f"@cross_origin on its view '{endpoint}'"):
        CORSMiddleware(flask_app.wsgi_app, allow_origins=[A])


@pytest.mark.parametrize("handler", ["MethodView.get", "View.dispatch_request"])
def test_a_cross_origin_method_of_a_class_based_view_is_refused(handler: str) -> None:
    """@cross_origin on a class-based view's method (a MethodView's get) answered
    that view's requests over the policy, and was not seen: only the view function
    as_view() makes was looked at (a review). Its class's functions are now too."""
    import flask.views
    from flask_cors import cross_origin

    decorated = cross_origin(supports_credentials=True)(lambda self: "x")
    if handler == "MethodView.get":
        view = type("Items", (flask.views.MethodView,), {"get": decorated})
    else:
        view = type("Items", (flask.views.View,), {"dispatch_request": decorated})
    flask_app = make_flask_app()
    flask_app.add_url_rule("/x", view_func=view.as_view("x"))
    assert call(flask_app.wsgi_app, "GET", "/x", {"Origin": EVIL}).get_all(ACAO) == [EVIL]
    with pytest.raises(ValueError, match="@cross_origin on its view 'x'"):
        CORSMiddleware(flask_app.wsgi_app, allow_origins=[A])


def test_flask_cors_on_a_blueprint_beside_paths_is_warned_of_not_refused() -> None:
    """A migration made in parts: flask-cors keeps a blueprint no paths entry matches,
    wsgi-cors answers the entries' paths, and the two never answer the same request.
    Refused, it had no way out (a review of the refusal); beside paths=, a layer the
    application can limit to some paths is warned of, and each path keeps one layer."""
    import flask
    from flask_cors import CORS

    legacy = flask.Blueprint("legacy", __name__, url_prefix="/legacy")
    legacy.get("/x")(lambda: "x")
    CORS(legacy, origins=["https://old.example"])
    flask_app = make_flask_app()
    flask_app.register_blueprint(legacy)
    with pytest.warns(
        CORSSecurityWarning, match="Beside paths=, that is right where it serves only"
    ):
        wrapped = CORSMiddleware(flask_app.wsgi_app, paths={"/items": {"allow_origins": [A]}})
    old = call(wrapped, "GET", "/legacy/x", {"Origin": "https://old.example"})
    assert old.get_all(ACAO) == ["https://old.example"]
    new = call(wrapped, "GET", "/items", {"Origin": A})
    assert new.get_all(ACAO) == [A]
    # A layer the application cannot limit is refused beside paths= all the same.
    with pytest.raises(ValueError, match="falcon.App made with cors_enable=True"):
        CORSMiddleware(_falcon_with_cors("cors_enable"), paths={"/items": {}})


def _flask_with_cors(where: str) -> Any:
    """A Flask application with flask-cors answering *where*: everything (CORS(app)
    as given), ``/legacy`` (CORS(app, resources=...)), or the blueprint or view routed
    under ``/items`` or ``/legacy``."""
    import flask
    from flask_cors import CORS, cross_origin

    flask_app = make_flask_app()
    if where == "app":
        CORS(flask_app)
    elif where.startswith("app-resources-"):  # a pattern of flask-cors's, from the start
        CORS(flask_app, resources={f"/{where[14:].replace('-', '/')}/*": {}})
    elif where.startswith("blueprint-"):
        blueprint = flask.Blueprint("bp", __name__, url_prefix=f"/{where[10:]}")
        blueprint.get("/x")(lambda: "x")
        CORS(blueprint)
        flask_app.register_blueprint(blueprint)
    else:  # view-...
        flask_app.get(f"/{where[5:]}/<int:n>", endpoint="view")(cross_origin()(lambda n: "x"))
    return flask_app


@pytest.mark.parametrize(
    ("where", "refused"),
    [
        ("app", True),
        ("app-resources-legacy", False),
        ("app-resources-items-v1", True),  # /items/v1/... lies under /items
        ("blueprint-items", True),
        ("blueprint-legacy", False),
        ("view-items", True),
        ("view-legacy", False),
    ],
)
def test_flask_cors_beside_paths_is_refused_where_it_answers_an_entrys_paths(
    where: str, refused: bool
) -> None:
    """Beside paths=, flask-cors is refused where it answers paths under an entry's
    prefix too (CORS(app) answers every path by default: warning of it, a review
    found, let its headers win over the policy's), and warned of where it does not."""
    refusal = "It may answer paths under the paths entry '/items'" if refused else None
    _wrap_beside_paths(_flask_with_cors(where).wsgi_app, "/items", refusal)


def _wrap_beside_paths(app: Any, prefix: str, refusal: str | None) -> None:
    """Wrap *app* (with a CORS layer inside) with a ``paths`` entry for *prefix*: it is
    refused with *refusal* in the message, or, with None, warned of."""
    paths = {prefix: {"allow_origins": [A]}}
    if refusal is not None:
        with pytest.raises(ValueError, match=refusal):
            CORSMiddleware(app, paths=paths)
        return
    with pytest.warns(CORSSecurityWarning, match="Beside paths="):
        CORSMiddleware(app, paths=paths)


@pytest.mark.parametrize(
    ("urls_regex", "refused"),
    [
        (None, True),
        (r"^/legacy/.*$", False),
        (r"^/items/.*$", True),
        (r"^/items/v1/.*$", True),
        (r"^/legacy/.*$|^/items/.*$", True),
    ],
)
def test_django_cors_headers_beside_paths_is_refused_where_it_answers_an_entrys_paths(
    urls_regex: str | None, refused: bool
) -> None:
    pytest.importorskip("corsheaders", reason="django-cors-headers is in the 'test' extra")
    from django.core.wsgi import get_wsgi_application
    from django.test import override_settings

    configure_django()
    settings: dict[str, Any] = {"MIDDLEWARE": [CORS_HEADERS]}
    if urls_regex is not None:
        settings["CORS_URLS_REGEX"] = urls_regex
    refusal = "It (answers every path|may answer paths under)" if refused else None
    with override_settings(**settings):
        _wrap_beside_paths(get_wsgi_application(), "/items", refusal)


@pytest.mark.parametrize("urls_regex", [None, r"^/legacy/.*$"])
def test_django_cors_headers_with_a_check_request_enabled_receiver_is_refused_beside_paths(
    urls_regex: str | None,
) -> None:
    """django-cors-headers answers a path its CORS_URLS_REGEX matches, or any path a
    receiver of its check_request_enabled signal says yes for: limited to /legacy, a
    receiver's partner origin got its headers on /items, under a paths entry, only
    warned of (a review). A receiver's answer cannot be read: refused, with the
    receivers named in the way to keep both."""
    pytest.importorskip("corsheaders", reason="django-cors-headers is in the 'test' extra")
    from corsheaders.signals import check_request_enabled
    from django.core.wsgi import get_wsgi_application
    from django.test import override_settings

    partner = "https://partner.example"

    def allow_partner(sender: Any, request: Any, **kwargs: Any) -> bool:
        return bool(request.headers.get("origin") == partner)

    configure_django()
    settings: dict[str, Any] = {"MIDDLEWARE": [CORS_HEADERS], "CORS_ALLOWED_ORIGINS": []}
    if urls_regex is not None:
        settings["CORS_URLS_REGEX"] = urls_regex
    paths = {"/items": {"allow_origins": [A]}}
    reach = "It answers every path" if urls_regex is None else "may turn it on for any path"
    with override_settings(**settings):
        app = get_wsgi_application()
        check_request_enabled.connect(allow_partner)
        try:
            assert call(app, "GET", "/items", {"Origin": partner}).get_all(ACAO) == [partner]
            with pytest.raises(ValueError, match=reach) as caught:
                CORSMiddleware(app, paths=paths)
        finally:
            check_request_enabled.disconnect(allow_partner)
        assert "and disconnect the receivers of its check_request_enabled signal" in str(
            caught.value
        )
        if urls_regex is not None:
            with pytest.warns(CORSSecurityWarning, match="Beside paths="):
                CORSMiddleware(app, paths=paths)


@pytest.mark.parametrize(
    ("pattern", "prefix", "reaches"),
    [
        (r"/legacy/*", "/api", False),
        (r"^/legacy/.*$", "/api", False),
        (r"^/apix/.*", "/api", False),  # /apix is not under /api
        (r"\A/legacy\.v1/", "/api", False),
        (r"/api/v1/*", "/api", True),
        (r"/*", "/api", True),
        (r"^.*$", "/api", True),
        (r"/legacy/*", "/", True),  # "/" holds every path
        (r"^/(legacy|old)/.*$", "/api", False),  # each alternative of a group is read
        (r"^/(?:legacy|old)/", "/api", False),
        (r"^/(api|old)/", "/api", True),
        (r"^/(legacy|old)?/api", "/api", True),  # a group that may be left out is not read
        (r"^/(legacy|old)+/", "/api", True),  # nor one that may repeat
        (r"^/(le.|old)/", "/lex", True),  # the first alternative is read up to its "."
        (r"^/(?:(le|a)gacy|x)/", "/api", False),  # a group in a group is read too
        (r"^/(?:(le|a)gacy|x)/", "/agacy", True),
        (r"^/(?=l)legacy", "/legacy", True),  # a lookahead is no text
        (r"^/legacy/.*$|^/api/.*$", "/api", True),  # another start after the |
        (r"/a?pi", "/api", True),  # "a" may be dropped
        (r"(?i)/API/", "/api", True),
        (r"(?i)^/legacy/", "/api", False),  # flags first, read apart
        (r"^/legacy/.*|^/old/.*", "/api", False),  # each alternative is read
        (r"(?x)/ legacy / .*", "/api", True),  # verbose: its spaces are no text
        # Found by tests/test_layer_reach.py; each matches a path under the prefix:
        (r"//", "/a", True),  # "//a": a run of slashes counts as one
        (r"^/legacy//api", "/legacy/api", True),  # "/legacy//api" likewise
        (r"(?i)/api", "/apı", True),  # "/apı": re folds "ı" to "i"; str.lower() does not
        (r"/legacy(?#()|/api", "/api", True),  # the "(" in a comment opens no group
        (r"/a///([^](])|", "/ap", True),  # "]" after "[^" is in the class: "" matches
        (r"/a(?#)?", "/le", True),  # the "?" after a comment is the "a"'s: "/" matches
        # A group verbose on its own: "(" and "|" in its comments are no marks, and
        # the reading ends at it (its spaces are no text).
        ("^/(legacy(?x: # old (v1\n))/", "/api", False),
        ("^/legacy(?x: # (old\n)/|^/api/", "/api", True),
        ("^/(?x: a p i )/", "/api", True),
        ("^/(?x: a p i )/", "/legacy", True),
        ("^/legacy(?x:#|\n(?-x:#|/api))", "/api", False),
    ],
)
def test_what_an_inner_layers_pattern_may_reach(pattern: str, prefix: str, reaches: bool) -> None:
    """The reach of flask-cors's resources and django-cors-headers' CORS_URLS_REGEX
    (matched from a path's start) is read soundly: a pattern is said to miss a paths
    prefix only when the text all its matches start with parts ways with it (a review
    found r"/api/v1/*" beside "/api" taken as missing it)."""
    from wsgi_cors.layers import _may_match_under

    assert _may_match_under(re.compile(pattern), prefix) is reaches


def test_a_layer_whose_reading_fails_is_taken_to_answer_an_entrys_paths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading what a layer answers raised out of the middleware's construction where
    nothing foresaw it (a pattern's comment in a verbose group, a review): the layer
    is now taken to answer the entry's paths, and refused."""
    import wsgi_cors.layers

    def fails(pattern: re.Pattern[str], prefix: str) -> bool:
        raise RuntimeError("generator raised StopIteration")

    monkeypatch.setattr(wsgi_cors.layers, "_may_match_under", fails)
    app = _flask_with_flask_cors(resources=re.compile(r"/legacy/.*")).wsgi_app
    with pytest.raises(ValueError, match="may answer paths under the paths entry '/items'"):
        CORSMiddleware(app, paths={"/items": {"allow_origins": [A]}})


def _two_middleware_with_paths() -> Any:
    inner = CORSMiddleware(make_plain_app(), paths={"/public": {"allow_origins": "*"}})
    return CORSMiddleware(inner, paths={"/private": {"allow_origins": [A]}})


def _falcon_add_middleware() -> Any:
    import falcon

    falcon_app = make_falcon_app()
    falcon_app.add_middleware(falcon.CORSMiddleware(allow_origins="*"))
    return CORSMiddleware(falcon_app, allow_origins=[A])


@pytest.mark.parametrize(
    ("wrap", "said", "unsaid"),
    [
        (
            lambda: CORSMiddleware(_flask_with_cors("app"), paths={"/items": {}}),
            "or limit flask-cors to the paths it keeps first (CORS(app, resources=...), or"
            " CORS(bp) on their blueprint), then give CORSMiddleware paths= entries",
            "flask-cors keeps its own",
        ),
        (
            _two_middleware_with_paths,
            "What it answers cannot be read, its own paths= entries are not compared",
            "It answers every path",
        ),
        (
            _falcon_add_middleware,
            "drop those from falcon.App(...) and its add_middleware() calls",
            None,
        ),
    ],
    ids=["flask-cors-apart", "middleware-with-paths", "falcon-add_middleware"],
)
def test_a_refusal_says_what_is_so_and_what_works(
    wrap: Callable[[], Any], said: str, unsaid: str | None
) -> None:
    """Refusals that misled (a review): flask-cors's way apart, paths= entries for
    the other paths, was refused again while CORS(app) kept its default resources;
    a CORSMiddleware with paths of its own was said to answer every path; Falcon's
    CORS added by add_middleware() was to be dropped from falcon.App(...) only."""
    with pytest.raises(ValueError) as caught:
        wrap()
    assert said in str(caught.value)
    assert unsaid is None or unsaid not in str(caught.value)


def _flask_cors_twice(flask_app: Any) -> None:
    from flask_cors import CORS

    CORS(flask_app, resources=r"/items/.*")
    CORS(flask_app, resources=r"/legacy/.*")


def _flask_cors_and_a_view(flask_app: Any) -> None:
    from flask_cors import CORS, cross_origin

    CORS(flask_app, resources=r"/legacy/.*")
    flask_app.get("/items/<int:n>", endpoint="view")(cross_origin()(lambda n: "x"))


def _flask_cors_literal(path: str) -> Callable[[Any], None]:
    def add(flask_app: Any) -> None:
        from flask_cors import CORS

        CORS(flask_app, resources={path: {}})  # no pattern's character: compared whole

    return add


@pytest.mark.parametrize(
    ("add_cors", "prefix", "refused"),
    [
        (_flask_cors_twice, "/items", True),
        (_flask_cors_and_a_view, "/items", True),
        (_flask_cors_literal("/legacy/x"), "/items", False),
        (_flask_cors_literal("/items/x"), "/items", True),
        (_flask_cors_literal("/café/x"), "/café", True),
        (_flask_cors_literal("/items//x"), "/items/x", True),
    ],
    ids=[
        "cors-app-twice",
        "cors-app-and-a-view",
        "literal-apart",
        "literal-under",
        "non-ascii",
        "literal-slash-run",
    ],
)
def test_every_flask_cors_layer_is_read_beside_paths(
    add_cors: Callable[[Any], None], prefix: str, refused: bool
) -> None:
    """What flask-cors answers is read whole: each CORS(app) call, and its views and
    blueprints beside them; a plain string resource as the one path it is, with its
    runs of slashes merged as the router merges a path; a prefix as written, not as
    PATH_INFO spells it (a review found cors-app-twice, cors-app-and-a-view and
    non-ascii taken as apart, and literal-apart as every path; literal-slash-run was
    taken as apart until stop 55)."""
    flask_app = make_flask_app()
    add_cors(flask_app)
    _wrap_beside_paths(flask_app.wsgi_app, prefix, "Two CORS layers" if refused else None)


@pytest.mark.parametrize(
    ("version", "resource", "prefix", "refused"),
    [
        # CORS(app)'s default resources, which flask-cors up to 6.0.3 keeps as text
        # and matches with re.match: every path.
        ("6.0.3", r"/*", "/items", True),
        ("5.0.0", r"/*", "/items", True),
        ("6.0.3", r"/legacy/.*", "/items", False),
        ("6.0.3", r"/ITEMS/.*", "/items", False),
        ("5.0.0", r"/ITEMS/.*", "/items", True),  # up to 5.x: re.IGNORECASE
        ("5.0.0", "/Items/x", "/items", True),  # up to 5.x: compared by str.lower()
        ("6.0.5", "/Items/x", "/items", False),
        ("unknown", "/Items/x", "/items", True),  # not read: the wider reading
        ("6.0.3", r"/legacy/[", "/items", True),  # no pattern: unknown
    ],
)
def test_flask_cors_resources_are_read_as_the_loaded_version_matches_them(
    version: str, resource: str, prefix: str, refused: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """flask-cors up to 6.0.3 keeps a resource string as given and matches one with a
    pattern's character by re.match (case-insensitively up to 5.x), and compares
    another whole (by str.lower() up to 5.x); 6.0.4 on compiles the first kind. Every
    string was read as a whole path, so CORS(app)'s default r"/*" (every path) was
    read as the one path "/*" under 4.x to 6.0.3, and CORS(app, supports_credentials=
    True) answered a paths entry's paths with credentials for any origin, only warned
    of (a review, with the older wheels). The installed flask-cors's own function is
    given what those versions keep, under their version."""
    import flask_cors
    from flask_cors.core import get_cors_options
    from flask_cors.extension import make_after_request_function

    monkeypatch.setattr(flask_cors, "__version__", version)
    flask_app = make_flask_app()
    options = get_cors_options(flask_app)
    flask_app.after_request(make_after_request_function([(resource, options)]))
    _wrap_beside_paths(flask_app.wsgi_app, prefix, "Two CORS layers" if refused else None)


def test_a_flask_cors_function_without_resources_is_taken_to_answer_every_path() -> None:
    """A function of flask-cors's that keeps no ``resources`` (another version's) was
    read as answering no path: it is now taken to answer every path."""
    namespace: dict[str, Any] = {"__name__": "flask_cors.extension"}
    exec("def cors_after_request(response):\n    return response", namespace)
    flask_app = make_flask_app()
    flask_app.after_request(namespace["cors_after_request"])
    _wrap_beside_paths(flask_app.wsgi_app, "/items", "It answers every path")


def test_a_middleware_made_while_entries_are_built_is_checked() -> None:
    """The entries of a paths middleware skip the check of the application the top
    level checks, and only that one: a CORSMiddleware made meanwhile, around another
    application (here by a generator read for an entry's option), is checked as
    ever (a review of the flag that marked entries)."""
    inner = _flask_with_cors("app")

    def origins() -> Any:
        CORSMiddleware(inner.wsgi_app)
        yield A

    with pytest.raises(ValueError, match="flask-cors's CORS\\(app\\)"):
        CORSMiddleware(make_flask_app().wsgi_app, paths={"/items": {"allow_origins": origins()}})


class _Unreadable:
    """A WSGI application object every other attribute of which raises when read."""

    def __call__(self, environ: Any, start_response: Any) -> list[bytes]:
        start_response("200 OK", [])
        return []

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError(f"{name} is not readable")


def test_an_application_whose_attributes_raise_is_taken() -> None:
    wrapped = CORSMiddleware(_Unreadable(), allow_origins=[A])
    assert call(wrapped, "GET", "/", {"Origin": A}).get(ACAO) == A


def test_wsgicors_as_a_flask_wsgi_app_is_refused() -> None:
    wsgicors = pytest.importorskip("wsgicors", reason="wsgicors is in the 'test' extra")
    flask_app = make_flask_app()
    flask_app.wsgi_app = wsgicors.CORS(  # type: ignore[method-assign]
        flask_app.wsgi_app, headers="*", methods="*", origin="*"
    )
    with pytest.raises(ValueError, match="its wsgi_app is wsgicors's CORS middleware"):
        CORSMiddleware(flask_app)


def test_a_module_of_the_applications_own_named_flask_cors_is_no_cross_origin(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Views defined beside a one-file module named flask_cors were taken for
    @cross_origin's wrapper, whose code lies in the flask-cors package (a review)."""
    (tmp_path / "flask_cors.py").write_text("SHIM = True\n")
    (tmp_path / "project_views.py").write_text("def view():\n    return 'x'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "flask_cors", raising=False)
    import flask_cors
    import project_views

    assert flask_cors.SHIM and not hasattr(flask_cors, "__path__")
    flask_app = make_flask_app()
    flask_app.get("/x", endpoint="x")(project_views.view)
    CORSMiddleware(flask_app.wsgi_app, allow_origins=[A])


class _RaisingWrapped:
    """A view object whose ``__wrapped__`` raises when read."""

    def __call__(self) -> str:
        return "x"

    @property
    def __wrapped__(self) -> Any:
        raise RuntimeError("not readable")


def test_an_attribute_that_raises_while_looking_for_a_layer_is_skipped() -> None:
    """Looking for a CORS layer read the application's objects and let their errors
    through: the middleware could not be made at all; then, catching them, it gave
    up the search at the first (two reviews). The view is skipped, and the next one
    still looked at."""
    from flask_cors import cross_origin

    flask_app = make_flask_app()
    flask_app.add_url_rule("/x", "x", _RaisingWrapped())
    CORSMiddleware(flask_app.wsgi_app, allow_origins=[A])
    flask_app.get("/y", endpoint="y")(cross_origin()(lambda: "y"))
    with pytest.raises(ValueError, match="@cross_origin on its view 'y'"):
        CORSMiddleware(flask_app.wsgi_app, allow_origins=[A])


def test_flask_app_with_views_wrapped_by_its_own_decorators_is_accepted() -> None:
    flask_app = make_flask_app()
    flask_app.get("/x", endpoint="x")(_rewrapped(lambda: "x"))
    wrapped = CORSMiddleware(flask_app.wsgi_app, allow_origins=[A])
    assert not call(wrapped, "GET", "/x", {"Origin": "https://evil.example"}).cors()


@pytest.mark.parametrize(
    ("middleware", "refused"),
    [
        ([CORS_HEADERS], True),
        ([COMMON, CORS_HEADERS], True),
        (["apps.function_style_middleware", CORS_HEADERS], True),
        (["apps.ProjectCorsMiddleware"], True),
        ([COMMON, "apps.function_style_middleware"], False),
    ],
    ids=["alone", "among-others", "behind-a-function", "derived", "without"],
)
def test_django_app_with_django_cors_headers_is_refused(
    middleware: list[str], refused: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """django-cors-headers in MIDDLEWARE answered every request over the policy, even
    to an origin the policy denies: seen among the middleware the handler loaded
    (behind a function-style middleware too, and as a class derived from it), and
    refused as flask-cors's CORS(app) is. The handler's, not the setting's: a handler
    built without it is taken after the setting changed (as a benchmark of both
    does)."""
    pytest.importorskip("corsheaders", reason="django-cors-headers is in the 'test' extra")
    from corsheaders.middleware import CorsMiddleware as PeerMiddleware
    from django.core.wsgi import get_wsgi_application
    from django.test import override_settings

    import apps

    derived = type("ProjectCorsMiddleware", (PeerMiddleware,), {"__module__": "project"})
    monkeypatch.setattr(apps, "ProjectCorsMiddleware", derived, raising=False)
    configure_django()
    with override_settings(MIDDLEWARE=middleware):
        handler = get_wsgi_application()
    with override_settings(MIDDLEWARE=[] if refused else [CORS_HEADERS]):
        if not refused:
            CORSMiddleware(handler, allow_origins=[A])
            return
        with pytest.raises(ValueError, match="django-cors-headers' CorsMiddleware in MIDDLEWARE"):
            CORSMiddleware(handler, allow_origins=[A])


def test_flask_app_with_other_after_request_functions_is_accepted() -> None:
    """Only flask-cors's own function counts: a hook of a module whose name merely
    starts so (flask_cors_demo), and one without a module (made by exec), were taken
    for it or crashed (a review of the detection)."""
    flask_app = make_flask_app()
    flask_app.after_request(lambda response: response)
    namespace: dict[str, Any] = {"__name__": "flask_cors_demo"}
    exec("def add_header(response):\n    return response", namespace)
    flask_app.after_request(namespace["add_header"])
    namespace = {}
    exec("def no_module(response):\n    return response", namespace)
    assert namespace["no_module"].__module__ is None
    flask_app.after_request(namespace["no_module"])
    wrapped = CORSMiddleware(flask_app.wsgi_app, allow_origins=[A])
    response = call(wrapped, "GET", "/items", {"Origin": "https://evil.example"})
    assert not response.cors()


def test_flask_app_whose_wsgi_app_is_wrapped_is_refused() -> None:
    flask_app = make_flask_app()
    flask_app.wsgi_app = CORSMiddleware(flask_app.wsgi_app)  # type: ignore[method-assign]
    with pytest.raises(ValueError, match="its wsgi_app is a CORSMiddleware"):
        CORSMiddleware(flask_app)


def _django_with_cors_headers() -> Any:
    pytest.importorskip("corsheaders", reason="django-cors-headers is in the 'test' extra")
    from django.core.wsgi import get_wsgi_application
    from django.test import override_settings

    configure_django()
    with override_settings(MIDDLEWARE=[CORS_HEADERS]):
        return get_wsgi_application()


def _flask_with_flask_cors(**options: Any) -> Any:
    from flask_cors import CORS

    flask_app = make_flask_app()
    CORS(flask_app, **options)
    return flask_app


BEHIND_PROXY_FIX = "the application behind its ProxyFix (app.app)"


@pytest.mark.parametrize(
    ("inner", "refusal"),
    [
        ("flask-cors", f"{BEHIND_PROXY_FIX} is a Flask application with flask-cors's CORS"),
        (
            "django-cors-headers",
            "the application behind its WhiteNoise (app.application) is a Django application"
            " with django-cors-headers'",
        ),
        ("cors_enable", f"{BEHIND_PROXY_FIX} is a falcon.App made with cors_enable=True"),
        ("CORSMiddleware", f"{BEHIND_PROXY_FIX} is a CORSMiddleware"),
        ("wsgicors", f"{BEHIND_PROXY_FIX} is wsgicors's CORS middleware"),
        (
            "two-wrappers",
            "the application behind its ProxyFix and WhiteNoise (app.app.application) is a"
            " Flask application with flask-cors's",
        ),
        (
            "flask-wsgi_app",
            "the application behind its Flask and ProxyFix (app.wsgi_app.app) is a CORSMiddleware",
        ),
    ],
)
def test_a_cors_layer_behind_another_wsgi_middleware_is_refused(inner: str, refusal: str) -> None:
    """A CORS layer inside Werkzeug's ProxyFix (``app``) or WhiteNoise
    (``application``) was not looked for: the application behind it was taken, and
    its layer's headers won over the policy (the last stop's list of what is not
    seen). Each wrapped application is now read, inward."""
    from werkzeug.middleware.proxy_fix import ProxyFix
    from whitenoise import WhiteNoise

    if inner == "flask-cors":
        app: Any = ProxyFix(_flask_with_flask_cors().wsgi_app)
    elif inner == "django-cors-headers":
        app = WhiteNoise(_django_with_cors_headers())
    elif inner == "cors_enable":
        app = ProxyFix(_falcon_with_cors("cors_enable"))
    elif inner == "CORSMiddleware":
        app = ProxyFix(CORSMiddleware(make_falcon_app(), allow_origins=[A]))
    elif inner == "wsgicors":
        wsgicors = pytest.importorskip("wsgicors", reason="wsgicors is in the 'test' extra")
        app = ProxyFix(wsgicors.CORS(make_falcon_app(), headers="*", methods="*", origin="*"))
    elif inner == "two-wrappers":
        app = ProxyFix(WhiteNoise(_flask_with_flask_cors().wsgi_app))
    else:
        app = make_flask_app()
        app.wsgi_app = ProxyFix(CORSMiddleware(app.wsgi_app))
    with pytest.raises(ValueError, match=re.escape(refusal)):
        CORSMiddleware(app, allow_origins=[A])


def test_an_application_behind_other_wsgi_middleware_is_served() -> None:
    """Reading inward takes no layer for a CORS one that is not: Falcon, Flask and
    Django behind ProxyFix, WhiteNoise and Werkzeug's DispatcherMiddleware are
    wrapped, and served."""
    from django.core.wsgi import get_wsgi_application
    from werkzeug.middleware.dispatcher import DispatcherMiddleware
    from werkzeug.middleware.proxy_fix import ProxyFix
    from whitenoise import WhiteNoise

    configure_django()
    flask_app = make_flask_app()
    flask_app.wsgi_app = ProxyFix(flask_app.wsgi_app)  # type: ignore[method-assign]
    for app in (
        ProxyFix(WhiteNoise(make_falcon_app())),
        flask_app,
        WhiteNoise(get_wsgi_application()),
        DispatcherMiddleware(make_falcon_app(), {"/other": make_flask_app().wsgi_app}),
    ):
        wrapped = CORSMiddleware(app, allow_origins=[A])
        response = call(wrapped, "GET", "/items", {"Origin": "https://evil.example"})
        assert not response.cors()
        response = call(wrapped, "GET", "/items", {"Origin": A})
        assert response.get_all(ACAO) == [A]


class _Wraps:
    """A WSGI middleware that keeps the application it wraps as ``app``."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.app(environ, start_response)


class _EndlessProxy:
    """An object whose every attribute is a new object of its kind."""

    def __getattr__(self, name: str) -> Any:
        return _EndlessProxy()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return []


def test_the_reading_inward_ends() -> None:
    """An object whose ``app`` leads back to one read before is read once, and a proxy
    that makes a new object for every attribute is read a bounded number of times:
    the search ends, and the middleware is made."""
    from wsgi_cors.layers import _applications_within

    outer = _Wraps(make_falcon_app())
    outer.app = _Wraps(outer)
    assert [len(steps) for _, steps in _applications_within(outer)] == [0, 1]
    CORSMiddleware(outer, allow_origins=[A])
    assert len(list(_applications_within(_EndlessProxy()))) <= 101  # 100 in the first
    CORSMiddleware(_EndlessProxy(), allow_origins=[A])


class _RaisesWhenRead(_Wraps):
    """A WSGI middleware whose reading raises: asked whether it is an instance of a
    class, it raises."""

    @property  # type: ignore[misc]
    def __class__(self) -> Any:
        raise RuntimeError("not readable")


def test_a_layer_behind_a_middleware_that_raises_when_read_is_still_seen() -> None:
    """Where reading one application raises, the search goes on inward."""
    with pytest.raises(ValueError, match="falcon.App made with cors_enable=True"):
        CORSMiddleware(_RaisesWhenRead(_falcon_with_cors("cors_enable")), allow_origins=[A])


@pytest.mark.parametrize(
    "called_as",
    [lambda app: app.__call__, functools.partial],
    ids=["bound-call", "partial"],
)
def test_a_layer_called_through_its_bound_call_or_a_partial_is_seen(
    called_as: Callable[[Any], Any],
) -> None:
    """CORSMiddleware(inner.__call__) and CORSMiddleware(functools.partial(inner))
    call inner as it is, and were taken: an origin the outer policy denies got the
    inner layer's "*" (a review). Both are read through, and keep the path: a
    flask-cors layer for other paths beside paths= is warned of, not refused."""
    inner = CORSMiddleware(make_plain_app())
    with pytest.raises(ValueError, match="is a CORSMiddleware"):
        CORSMiddleware(called_as(inner), allow_origins=[A])
    flask_wsgi = _flask_with_flask_cors(resources=r"/legacy/.*").wsgi_app
    with pytest.warns(CORSSecurityWarning, match="flask-cors"):
        CORSMiddleware(called_as(ProxyFix(flask_wsgi)), paths={"/items": {"allow_origins": [A]}})


def test_a_bound_method_whose_name_cannot_be_read_is_still_wrapped() -> None:
    """A bound method reads its name from its function, which may be any callable:
    one whose __getattr__ raises made the constructor raise (a review of the reading
    of a bound __call__). It is no __call__ of an object's, and is wrapped."""

    class Unnamed:
        def __call__(self, *args: Any) -> Any:
            return make_plain_app()(*args[1:])

        def __getattr__(self, name: str) -> Any:
            raise RuntimeError(f"no {name}")

    method = types.MethodType(Unnamed(), object())
    app = CORSMiddleware(method, allow_origins=[A])
    assert call(app, headers={"Origin": A}).get("Access-Control-Allow-Origin") == A


class _UnnamedClass(type):
    """A metaclass whose classes raise when asked their module or their name."""

    def __getattribute__(cls, name: str) -> Any:
        if name in ("__module__", "__name__"):
            raise RuntimeError("not readable")
        return super().__getattribute__(name)


class _UnnamedMiddleware(_Wraps, metaclass=_UnnamedClass):
    """A WSGI middleware whose class cannot say its name or which ``__call__`` it runs."""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.app(environ, start_response)


def test_a_middleware_whose_class_cannot_be_named_is_not_trusted() -> None:
    """Which class's ``__call__`` a middleware runs is read to decide whether it keeps
    the path; where that read raises, the middleware is still made (a RuntimeError
    came out of the constructor), and the middleware counts as one not known to keep
    the path: a layer behind it is refused beside paths=, as behind any unknown one,
    and named as a WSGIMiddleware where its class cannot say its name either (the
    layer behind it was not seen: naming it raised)."""
    flask_app = _flask_with_flask_cors(resources=r"/legacy/.*")
    CORSMiddleware(_UnnamedMiddleware(make_plain_app()), paths={"/items": {"allow_origins": [A]}})
    with pytest.raises(ValueError, match="behind WSGIMiddleware, which may pass on"):
        CORSMiddleware(
            _UnnamedMiddleware(flask_app.wsgi_app), paths={"/items": {"allow_origins": [A]}}
        )


def test_a_cors_layer_behind_another_wsgi_middleware_beside_paths_is_decided_by_reach() -> None:
    """Beside paths=, a flask-cors layer found through ProxyFix is judged as one found
    directly: warned of where it answers only other paths, refused where it may answer
    an entry's."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    flask_app = _flask_with_flask_cors(resources=r"/legacy/.*")
    with pytest.warns(CORSSecurityWarning, match=re.escape(BEHIND_PROXY_FIX)):
        CORSMiddleware(ProxyFix(flask_app.wsgi_app), paths={"/items": {"allow_origins": [A]}})
    with pytest.raises(ValueError, match="may answer paths under the paths entry '/legacy'"):
        CORSMiddleware(ProxyFix(flask_app.wsgi_app), paths={"/legacy": {"allow_origins": [A]}})


def test_every_cors_layer_inside_is_judged_beside_paths() -> None:
    """A layer limited to other paths (warned of) hid a deeper one that answers every
    path, and an origin the policy denies got the deeper one's ``*`` (a review of the
    reading inward): each layer inside is judged, and one that answers an entry's
    paths is refused."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    paths = {"/items": {"allow_origins": [A]}}
    from flask_cors import CORS

    for inner in ("wsgi_app", "behind ProxyFix"):
        flask_app = make_flask_app()
        cors = CORSMiddleware(flask_app.wsgi_app, allow_origins="*")
        flask_app.wsgi_app = cors if inner == "wsgi_app" else ProxyFix(cors)
        CORS(flask_app, resources=r"/legacy/.*")
        with pytest.raises(ValueError, match="is a CORSMiddleware.*answers every path"):
            CORSMiddleware(flask_app, paths=paths)


def test_a_dispatchers_default_application_may_answer_paths_under_its_mounts() -> None:
    """Werkzeug looks for a mount in the path as sent: //api/items is under the
    "/api" paths entry (runs of slashes merged), yet goes to the default application,
    whose flask-cors layer answered it with credentials for an origin the entry
    denies (a review; it was taken to answer no path of a mount). Refused, with the
    way out: wrap the mounted application, inside the dispatcher."""
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    front = _flask_with_flask_cors(supports_credentials=True)
    app = DispatcherMiddleware(front.wsgi_app, {"/api": make_falcon_app()})
    evil = {"Origin": "https://evil.example"}
    assert call(app, "GET", "//api/items", evil).get_all(ACAO) == ["https://evil.example"]
    with pytest.raises(ValueError, match="under the paths entry '/api'") as caught:
        CORSMiddleware(app, paths={"/api": {"allow_origins": [A]}})
    assert "wrap the mounted applications that need CORS each" in str(caught.value)
    # The way out: the mounted application wrapped, inside the dispatcher.
    api = CORSMiddleware(make_falcon_app(), allow_origins=[A])
    app = DispatcherMiddleware(front.wsgi_app, {"/api": api})
    assert not call(app, "GET", "/api/items", evil).cors()
    assert call(app, "GET", "/api/items", {"Origin": A}).get_all(ACAO) == [A]


class _CallsWithAnotherPath(ProxyFix):
    """A ProxyFix whose own ``__call__`` takes ``/app`` off the path."""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        environ["PATH_INFO"] = environ["PATH_INFO"].removeprefix("/app")
        return super().__call__(environ, start_response)


def _mounted(mounts: dict[str, Any]) -> Any:
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    return DispatcherMiddleware(make_falcon_app(), mounts)


@pytest.mark.parametrize(
    ("where", "paths"),
    [
        # The same application mounted twice: each mount read, not the first only.
        ("twice", {"/api": {}}),
        # A pattern key: read by a prefix that holds what it selects.
        ("mounted", {re.compile(r"/legacy/old/.*"): {}}),
        ("mounted", {re.compile(r"/legacy/(?:old|new)/.*"): {}}),
        # A prefix key with a run of slashes selects what "/legacy/old" selects.
        ("mounted", {"/legacy//old": {}}),
        # A mount keyed with a run of slashes gets //legacy/..., under "/legacy".
        ("slashes", {"/legacy/old": {}}),
        # A non-ASCII mount, as Werkzeug matches it: PATH_INFO's UTF-8 read as Latin-1.
        ("non-ascii", {"/café/old": {}}),
        # A subclass with a __call__ of its own is not known to keep the path: this
        # one hands /app/legacy/x on as /legacy/x.
        ("subclass", {"/app/legacy": {}}),
        # A prefix key with a run of slashes, beside a layer's own resources.
        ("direct", {"//legacy": {}}),
    ],
)
def test_a_cors_layer_behind_mounts_and_middleware_is_read_soundly(
    where: str, paths: dict[Any, Any]
) -> None:
    """Ways a layer's reach was misread beside paths= (a review), each a layer that
    answers a path an entry selects, only warned of: now refused."""
    legacy = _flask_with_flask_cors(resources=r"/old/.*").wsgi_app
    app = {
        "twice": lambda: _mounted({"/v1": legacy, "/api": legacy}),
        "mounted": lambda: _mounted({"/legacy": legacy}),
        "slashes": lambda: _mounted({"//legacy": legacy}),
        "non-ascii": lambda: _mounted({"/café".encode().decode("latin-1"): legacy}),
        "subclass": lambda: _CallsWithAnotherPath(
            _flask_with_flask_cors(resources=r"/legacy/.*").wsgi_app
        ),
        "direct": lambda: _flask_with_flask_cors(resources=r"/legacy/.*").wsgi_app,
    }[where]()
    entries = {key: {"allow_origins": [A]} for key in paths}
    if where == "twice":  # /api/old/x reaches flask-cors as /old/x
        evil = call(app, "GET", "/api/old/x", {"Origin": "https://evil.example"})
        assert evil.get_all(ACAO) == ["https://evil.example"]
    with pytest.raises(ValueError, match="already sends CORS headers itself"):
        CORSMiddleware(app, paths=entries)


def test_a_mount_holds_no_longer_name() -> None:
    """Werkzeug mounts /legacy at whole segments: /legacyx/y goes to the default
    application, so a flask-cors layer mounted at /legacy answers none of what a paths
    entry for /legacyx selects: warned of as a layer beside paths=, not refused."""
    legacy = _flask_with_flask_cors(resources=r".*").wsgi_app
    app = _mounted({"/legacy": legacy})
    with pytest.warns(CORSSecurityWarning, match="app sends CORS headers itself"):
        cors = CORSMiddleware(app, paths={"/legacyx": {"allow_origins": [A]}})
    evil = call(cors, "GET", "/legacyx/y", {"Origin": "https://evil.example"})
    assert evil.get_all(ACAO) == []
    # and a shorter name holds no mount: /leg selects none of /legacy's paths
    with pytest.warns(CORSSecurityWarning, match="app sends CORS headers itself"):
        CORSMiddleware(app, paths={"/leg": {"allow_origins": [A]}})
    with pytest.raises(ValueError, match="already sends CORS headers itself"):
        CORSMiddleware(app, paths={"/legacy/x": {"allow_origins": [A]}})


def test_more_applications_than_are_read_are_taken_for_a_layer() -> None:
    """A dispatcher of more applications than are read (10,000): one not read may
    hold a CORS layer, and is taken to (a review found a layer past the bound unseen);
    the refusal says it may (it said the application sends CORS headers, as a fact)."""
    from wsgi_cors.layers import _MOST_APPLICATIONS

    plain = make_plain_app()
    app = _mounted({f"/t{number}": plain for number in range(_MOST_APPLICATIONS + 1)})
    refusal = "app may send CORS headers itself, where it was not read: it holds more than"
    with pytest.raises(ValueError, match=f"{refusal} the 10,000 applications read"):
        CORSMiddleware(app, allow_origins=[A])
    CORSMiddleware(_mounted({"/t1": plain, "/t2": plain}), allow_origins=[A])


def test_what_a_layer_behind_a_middleware_that_moves_paths_answers_is_not_read() -> None:
    """PasteDeploy's PrefixMiddleware takes a prefix off the path: a flask-cors layer
    behind it limited to /legacy answered /app/legacy, which a paths entry for
    /app/legacy took for another path, and the layer's headers won there (a review).
    Behind a middleware not known to keep the path, what a layer answers is unknown:
    refused beside paths=, with the way to keep both."""
    from paste.deploy.config import PrefixMiddleware

    flask_app = _flask_with_flask_cors(resources=r"/legacy/.*")
    app = PrefixMiddleware(flask_app.wsgi_app, prefix="/app")
    with pytest.raises(ValueError, match="cannot be read, behind PrefixMiddleware") as caught:
        CORSMiddleware(app, paths={"/app/legacy": {"allow_origins": [A]}})
    assert "wrap the application inside PrefixMiddleware with CORSMiddleware" in str(caught.value)


def _under_v1(environ: dict[str, Any]) -> dict[str, Any]:
    """*environ* with ``/v1`` taken off its path, as an application of a project's
    own class may do."""
    environ["PATH_INFO"] = environ["PATH_INFO"].removeprefix("/v1")
    return environ


_V1_SETTINGS = {
    "MIDDLEWARE": [CORS_HEADERS],
    "CORS_URLS_REGEX": r"^/items",
    "CORS_ALLOW_ALL_ORIGINS": True,
}


def _moving_paths_in_its_own(method: str) -> Any:
    """An application whose class's own *method* takes ``/v1`` off the path, with a
    CORS layer that answers ``/items`` (Django's: under :data:`_V1_SETTINGS`)."""
    if method.startswith("Flask."):
        import flask

        class CallUnderV1(flask.Flask):
            def __call__(self, environ: Any, start_response: Any) -> Any:
                return super().__call__(_under_v1(environ), start_response)

        class WsgiAppUnderV1(flask.Flask):
            def wsgi_app(self, environ: Any, start_response: Any) -> Any:
                return super().wsgi_app(_under_v1(environ), start_response)

        flask_app = (CallUnderV1 if method == "Flask.__call__" else WsgiAppUnderV1)(__name__)
        flask_app.get("/items")(lambda: "items")
        from flask_cors import CORS

        CORS(flask_app, resources=r"/items")
        return flask_app
    pytest.importorskip("corsheaders", reason="django-cors-headers is in the 'test' extra")
    from django.core.handlers.wsgi import WSGIHandler

    class HandlerUnderV1(WSGIHandler):
        def __call__(self, environ: Any, start_response: Any) -> Any:
            return super().__call__(_under_v1(environ), start_response)

    class ResponseUnderV1(WSGIHandler):
        def get_response(self, request: Any) -> Any:
            request.path_info = request.path_info.removeprefix("/v1")
            return super().get_response(request)

    return HandlerUnderV1() if method == "WSGIHandler.__call__" else ResponseUnderV1()


@pytest.mark.parametrize(
    "method",
    ["Flask.__call__", "Flask.wsgi_app", "WSGIHandler.__call__", "WSGIHandler.get_response"],
)
def test_what_a_layer_in_an_application_whose_own_class_moves_paths_answers_is_not_read(
    method: str,
) -> None:
    """A Flask or Django application of a class of the project's own that takes /v1
    off the path: its layer, limited to /items, answered /v1/items, under a paths
    entry for /v1, only warned of (a review). Where the application's class brings
    its own __call__ or wsgi_app (get_response), what its layer answers is unknown,
    as behind a middleware not known to keep the path: refused."""
    from django.test import override_settings

    configure_django()
    paths = {"/v1": {"allow_origins": [A]}}
    with override_settings(**_V1_SETTINGS):
        app = _moving_paths_in_its_own(method)
        assert call(app, "GET", "/v1/items", {"Origin": EVIL}).cors()
        own = type(app).__name__ + "." + method.partition(".")[2]
        with pytest.raises(ValueError, match=re.escape(f"cannot be read, in {own}, of the")):
            CORSMiddleware(app, paths=paths)
    if method == "Flask.__call__":  # its wsgi_app, without its __call__, keeps the path
        with pytest.warns(CORSSecurityWarning, match="Beside paths="):
            CORSMiddleware(app.wsgi_app, paths=paths)


@pytest.mark.parametrize("allow_all_origins", [True, False])
def test_whitenoises_own_star_on_static_files_wins_unless_turned_off(
    allow_all_origins: bool, tmp_path: Any
) -> None:
    """WhiteNoise sends ``Access-Control-Allow-Origin: *`` with each static file by
    default, and an application's own header wins over the middleware's (Falcon's
    per-responder override): every origin reads the static files, whatever the
    policy says; with ``allow_all_origins=False`` the policy decides for them too
    (docs/frameworks/django.rst, "Static files and WhiteNoise")."""
    from whitenoise import WhiteNoise

    (tmp_path / "site.css").write_text("body {}")
    static = WhiteNoise(
        make_falcon_app(), root=tmp_path, prefix="static/", allow_all_origins=allow_all_origins
    )
    wrapped = CORSMiddleware(static, allow_origins=[A])
    evil = call(wrapped, "GET", "/static/site.css", {"Origin": "https://evil.example"})
    assert evil.status.startswith("200")
    assert evil.get_all(ACAO) == (["*"] if allow_all_origins else [])
    allowed = call(wrapped, "GET", "/static/site.css", {"Origin": A})
    assert allowed.get_all(ACAO) == (["*"] if allow_all_origins else [A])


@pytest.mark.parametrize(
    ("paths", "refusal"),
    [
        (None, None),
        ({"/api": {"allow_origins": [A]}}, None),
        ({"/legacy/new": {"allow_origins": [A]}}, None),  # /new: not its /old/
        ({"/legacy/old": {"allow_origins": [A]}}, "under the paths entry '/legacy/old'"),
        ({"/": {"allow_origins": [A]}}, "under the paths entry '/'"),
    ],
)
def test_a_cors_layer_in_a_dispatchers_mounted_application_is_seen(
    paths: dict[str, Any] | None, refusal: str | None
) -> None:
    """A flask-cors layer in an application Werkzeug's DispatcherMiddleware mounts
    was not looked for. It is now, and beside paths= what it answers is read in the
    paths it gets (``PATH_INFO`` less the mount): /legacy/old/x reaches it as /old/x,
    which its resources match; /legacy/new/x does not."""
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    legacy = _flask_with_flask_cors(resources=r"/old/.*")
    app = DispatcherMiddleware(make_falcon_app(), {"/legacy": legacy.wsgi_app})
    subject = "the application behind its DispatcherMiddleware (app.mounts['/legacy'])"
    if paths is None:
        with pytest.raises(ValueError, match=re.escape(subject)):
            CORSMiddleware(app, allow_origins=[A])
        return
    if refusal is not None:
        with pytest.raises(ValueError, match=re.escape(refusal)):
            CORSMiddleware(app, paths=paths)
        return
    with pytest.warns(CORSSecurityWarning, match=re.escape(subject)):
        CORSMiddleware(app, paths=paths)


def test_a_dispatchers_mount_ending_in_a_slash_leaves_the_paths_under_it_to_the_default() -> None:
    """Werkzeug hands a mount keyed "/api/" the one path /api/ only: /api/items goes to
    the default application, whose flask-cors layer answers it. So that mount takes
    none of a paths entry's paths from the default application: refused."""
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    app = DispatcherMiddleware(_flask_with_flask_cors().wsgi_app, {"/api/": make_falcon_app()})
    served = call(app, "GET", "/api/items", {"Origin": "https://evil.example"})
    assert served.get_all(ACAO) == ["https://evil.example"]  # flask-cors, the default
    with pytest.raises(ValueError, match="may answer paths under the paths entry '/api'"):
        CORSMiddleware(app, paths={"/api": {"allow_origins": [A]}})
