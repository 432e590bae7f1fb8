"""allow_methods given: the middleware answers every CORS-preflight request itself
(README difference 6; docs/configuration.rst, 'allow_methods'): 204 when the origin, the
method and every requested header are allowed, 403 with no Access-Control-Allow-* header
otherwise."""

from __future__ import annotations

import pytest

from wsgi_call import call, plain_app
from wsgi_cors import CORSMiddleware

ORIGIN = "https://app.example.com"


def preflight(app, method: str, requested: str | None = None):
    headers = {"Origin": ORIGIN, "Access-Control-Request-Method": method}
    if requested is not None:
        headers["Access-Control-Request-Headers"] = requested
    return call(app, "OPTIONS", headers=headers)


@pytest.mark.parametrize(
    "method, allowed",
    [
        ("PUT", True),
        ("DELETE", True),
        # Safelisted methods are allowed only when listed, like any other.
        ("POST", False),
        ("GET", False),
        # Methods compare case-sensitively (Fetch); browsers upper-case the standard ones.
        ("put", False),
        ("PATCH", False),
    ],
)
def test_listed_methods_only(method, allowed):
    app = CORSMiddleware(plain_app, allow_origins=[ORIGIN], allow_methods=["PUT", "DELETE"])
    response = preflight(app, method)
    if allowed:
        assert response.code == 204
        assert response.get("Access-Control-Allow-Methods") == "PUT, DELETE"
        assert response.get("Access-Control-Allow-Origin") == ORIGIN
        assert response.body == b""
    else:
        assert response.code == 403
        assert not any(name.startswith("access-control-allow-") for name in response.cors())
        assert response.get("Vary") == "Origin"


@pytest.mark.parametrize("method", ["PATCH", "PROPFIND", "GET"])
def test_star_echoes_the_requested_method(method):
    app = CORSMiddleware(plain_app, allow_origins=[ORIGIN], allow_methods="*")
    response = preflight(app, method)
    assert response.code == 204
    assert response.get("Access-Control-Allow-Methods") == method


def test_the_application_is_not_called():
    calls = []

    def counting(environ, start_response):
        calls.append(environ["REQUEST_METHOD"])
        return plain_app(environ, start_response)

    app = CORSMiddleware(counting, allow_origins=[ORIGIN], allow_methods=["PUT"])
    assert preflight(app, "PUT").code == 204
    assert preflight(app, "DELETE").code == 403
    assert calls == []
    call(app, "OPTIONS", headers={"Origin": ORIGIN})  # not a preflight: passed through
    assert calls == ["OPTIONS"]


@pytest.mark.parametrize(
    "method, requested_method",
    # "options": methods are case-sensitive (RFC 9110, 9.1), and a browser's preflight
    # is "OPTIONS" (a mutation that upper-cased the method survived the suite)
    [("GET", "PUT"), ("PUT", "PUT"), ("OPTIONS", ""), ("options", "PUT")],
    ids=["GET", "PUT", "OPTIONS-empty", "options-lower-case"],
)
@pytest.mark.parametrize("origin", [ORIGIN, "https://evil.example"], ids=["allowed", "denied"])
def test_not_a_preflight_despite_the_header(method, requested_method, origin):
    # Fetch: only an OPTIONS request with a non-empty Access-Control-Request-Method is
    # a CORS-preflight request. Anything else reaches the application as an actual
    # request, from an allowed origin or not.
    calls = []

    def counting(environ, start_response):
        calls.append(environ["REQUEST_METHOD"])
        return plain_app(environ, start_response)

    app = CORSMiddleware(counting, allow_origins=[ORIGIN], allow_methods=["PUT"])
    headers = {"Origin": origin, "Access-Control-Request-Method": requested_method}
    response = call(app, method, headers=headers)
    assert calls == [method]
    assert response.code == 200
    assert response.get("Vary") == "Origin"
    assert "access-control-allow-methods" not in response.cors()
    if origin == ORIGIN:
        assert response.get("Access-Control-Allow-Origin") == ORIGIN
    else:
        assert response.cors() == {}
