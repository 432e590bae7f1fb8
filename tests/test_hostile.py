"""Hostile request headers and the denial log.

Whatever a client sends in ``Origin``, ``Access-Control-Request-Method`` or
``Access-Control-Request-Headers``: no exception, no control character in any header
the middleware sends, no origin reflected unless it is allowed, and a DEBUG record on
the ``wsgi_cors`` logger saying why a CORS request was denied, with the request's values
escaped. (How the cost grows with the header's length is measured by the benchmark
suite, which compares a hostile 8 KiB header with a normal preflight.)
"""

from __future__ import annotations

import logging
import re
import warnings

import pytest

from wsgi_call import call, plain_app
from wsgi_cors import CORSMiddleware, CORSSecurityWarning
from wsgi_cors.policy import PreflightAnswer

ALLOWED = "https://app.example.com"

with warnings.catch_warnings():
    warnings.simplefilter("ignore", CORSSecurityWarning)
    POLICIES = {
        "list+credentials": CORSMiddleware(
            plain_app, allow_origins=[ALLOWED], allow_credentials="*", expose_headers="X-A"
        ),
        "star": CORSMiddleware(plain_app),
        # Falcon's way: the application answers, Access-Control-Request-Headers echoed.
        "pass-through": CORSMiddleware(plain_app, allow_origins=[ALLOWED], allow_methods=None),
        "star+star-credentials": CORSMiddleware(
            plain_app,
            allow_origins="*",
            allow_credentials="*",
            dangerously_allow_any_origin_with_credentials=True,
        ),
        "subdomain+regex": CORSMiddleware(
            plain_app,
            allow_origins=["https://*.example.com"],
            allow_origin_regex=r"https://[a-z]+\.example\.org",
            allow_credentials="*",
        ),
        "short-circuit-list": CORSMiddleware(
            plain_app,
            allow_origins=[ALLOWED],
            allow_methods=["GET", "PUT"],
            allow_headers=["content-type", "x-token"],
        ),
        "short-circuit-star": CORSMiddleware(
            plain_app,
            allow_origins=["https://*.example.com"],
            allow_methods="*",
            allow_headers="*",
            allow_credentials="*",
            allow_private_network=True,
        ),
    }

HOSTILE_VALUES = {
    "crlf": "https://app.example.com\r\nSet-Cookie: a=b",
    "nul": "https://app.example.com\x00",
    "tab": "https://app.example.com\t",
    "del": "https://app\x7f.example.com",
    "latin1": "https://app.ex\xe4mple.com",
    "c1": "https://app.example.com\x85",
    "c1-list": "x-token, x-\x9bb",
    "non-bmp-as-latin1": "https://\xf0\x9f\x92\xa9.example.com",
    "spaces": "  https://app.example.com  ",
    "empty": "",
    "null": "null",
    "64KiB": "https://" + "a" * 65536 + ".example.com",
    "64KiB-labels": "https://" + "a." * 32768 + "example.com",
    "commas": "," * 10000,
    "comma-list": ", ".join(["x-token"] * 5000),
    "empties": "x-token,,,, ,,content-type," + ", " * 3000,
    "duplicates": "x-token, X-Token, x-token, content-type, CONTENT-TYPE",
    "odd-space": " x-token ,\tcontent-type\t, \x0bfoo",
    "unicode-header": "x-t\xf6ken",
    "userinfo": "https://evil.com@app.example.com",
    "port-trick": "https://evil.com:443.example.com",
    "suffix-trick": "https://app.example.com.evil.net",
    "scheme-trick": "javascript://app.example.com",
    "upper": "HTTPS://APP.EXAMPLE.COM",
}
# A control character as the Infra standard defines it: C0, DEL and C1.
ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def requests_for(value: str):
    yield "GET", {"Origin": value}
    yield "OPTIONS", {"Origin": value, "Access-Control-Request-Method": "PUT"}
    yield "OPTIONS", {"Origin": ALLOWED, "Access-Control-Request-Method": value}
    yield (
        "OPTIONS",
        {
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": value,
        },
    )
    yield (
        "OPTIONS",
        {
            "Origin": "https://a.example.com",
            "Access-Control-Request-Method": value,
            "Access-Control-Request-Headers": value,
            "Access-Control-Request-Private-Network": value,
        },
    )


def valid_reflection(acao: str, origin: str) -> bool:
    return acao == "*" or (acao == origin and not ANY_CONTROL.search(origin))


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("kind", HOSTILE_VALUES)
def test_hostile_header_values(policy, kind):
    app = POLICIES[policy]
    value = HOSTILE_VALUES[kind]
    for method, headers in requests_for(value):
        response = call(app, method, headers=headers)
        assert response.code in (200, 204, 403)
        for name, header_value in response.headers:
            assert not ANY_CONTROL.search(name)
            assert not ANY_CONTROL.search(header_value), (name, header_value)
            assert len(header_value) < 1024 or name.lower() == "access-control-allow-headers"
        acao = response.get("Access-Control-Allow-Origin")
        if acao is not None:
            assert valid_reflection(acao, headers["Origin"])
            if acao != "*" and headers["Origin"] != ALLOWED:
                # Reflected only when allowed by a pattern, regex or credentials "*".
                assert policy in ("star+star-credentials", "subdomain+regex", "short-circuit-star")
        if response.get("Access-Control-Allow-Credentials"):
            assert acao not in (None, "*")


def test_hostile_request_headers_are_never_echoed_raw():
    app = POLICIES["star"]
    for value in ("x-a\r\nx-b", "x-a\tx-b", "x-\xe4", "x-a\x00"):
        response = call(
            app,
            "OPTIONS",
            headers={
                "Origin": ALLOWED,
                "Access-Control-Request-Method": "PUT",
                "Access-Control-Request-Headers": value,
            },
        )
        assert response.get("Access-Control-Allow-Headers") is None
        assert response.get("Access-Control-Allow-Origin") is None  # denied


@pytest.fixture
def debug_log(caplog):
    caplog.set_level(logging.DEBUG, logger="wsgi_cors")
    return caplog


def messages(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "wsgi_cors"]


def test_nothing_is_logged_on_the_allowed_path(debug_log):
    app = POLICIES["list+credentials"]
    call(app, headers={"Origin": ALLOWED})
    call(app)
    call(app, "OPTIONS", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "PUT"})
    call(
        POLICIES["short-circuit-list"],
        "OPTIONS",
        headers={"Origin": ALLOWED, "Access-Control-Request-Method": "PUT"},
    )
    assert messages(debug_log) == []


@pytest.mark.parametrize(
    "policy, method, headers, expected",
    [
        (
            "list+credentials",
            "GET",
            {"Origin": "https://evil.example"},
            "origin 'https://evil.example' not allowed",
        ),
        (
            "list+credentials",
            "OPTIONS",
            {"Origin": "https://evil.example", "Access-Control-Request-Method": "PUT"},
            "origin not allowed (origin 'https://evil.example'",
        ),
        (
            "short-circuit-list",
            "OPTIONS",
            {"Origin": ALLOWED, "Access-Control-Request-Method": "PATCH"},
            "method 'PATCH' not allowed",
        ),
        (
            "short-circuit-list",
            "OPTIONS",
            {
                "Origin": ALLOWED,
                "Access-Control-Request-Method": "PUT",
                "Access-Control-Request-Headers": "content-type,x-foo",
            },
            "header 'x-foo' is not allowed",
        ),
        (
            "short-circuit-list",
            "OPTIONS",
            {"Origin": "https://evil.example", "Access-Control-Request-Method": "PUT"},
            "origin not allowed",
        ),
    ],
)
def test_denials_are_logged_with_the_reason(debug_log, policy, method, headers, expected):
    call(POLICIES[policy], method, headers=headers)
    logged = messages(debug_log)
    assert len(logged) == 1
    assert expected in logged[0]
    assert debug_log.records[0].levelno == logging.DEBUG


def no_allow_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b""]


def not_found_app(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"no"]


def get_only_app(environ, start_response):
    start_response("200 OK", [("Allow", "GET, HEAD"), ("Content-Type", "text/plain")])
    return [b""]


@pytest.mark.parametrize(
    "inner, expected",
    [
        (no_allow_app, "answered the preflight without an Allow header"),
        (not_found_app, "answered the preflight with '404 Not Found'"),
        (get_only_app, "method 'PUT' is not in the application's Allow header 'GET, HEAD'"),
    ],
)
def test_pass_through_preflight_denials_are_logged(debug_log, inner, expected):
    app = CORSMiddleware(inner, allow_origins=[ALLOWED], allow_methods=None)
    for _ in range(2):  # the second time from the memo, where there is one
        debug_log.clear()
        response = call(
            app, "OPTIONS", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "PUT"}
        )
        # Falcon's headers either way: Allow becomes Access-Control-Allow-Methods.
        assert response.get("Access-Control-Allow-Methods") in (None, "GET, HEAD")
        (message,) = messages(debug_log)
        assert expected in message


def test_a_denied_origins_pass_through_preflight_is_logged_as_a_preflight(debug_log):
    app = CORSMiddleware(get_only_app, allow_origins=[ALLOWED], allow_methods=None)
    preflight = {"Origin": "https://evil.example", "Access-Control-Request-Method": "PUT"}
    assert call(app, "OPTIONS", headers=preflight).cors() == {}
    assert messages(debug_log) == [
        "CORS-preflight request denied: origin not allowed"
        " (origin 'https://evil.example', method 'PUT')"
    ]


def test_debug_tells_the_client_why(debug_log):
    """debug=True: the escaped reason in the denied preflight's body
    (docs/configuration.rst, 'debug')."""
    headers = {"Origin": "https://evil.example\r\nX: y", "Access-Control-Request-Method": "PUT"}
    quiet = call(CORSMiddleware(plain_app, allow_origins=[ALLOWED]), "OPTIONS", headers=headers)
    loud = call(
        CORSMiddleware(plain_app, allow_origins=[ALLOWED], debug=True), "OPTIONS", headers=headers
    )
    assert quiet.status == loud.status == "403 Forbidden"
    assert quiet.body == b"CORS-preflight request denied\n"
    assert loud.body == b"CORS-preflight request denied: origin not allowed\n"
    assert loud.get("Content-Length") == str(len(loud.body))
    assert loud.cors() == {}


LONG = "z" * 3000  # a request value far over the 200 characters a log line shows of it


@pytest.mark.parametrize(
    "policy, method, headers",
    [
        ("list+credentials", "GET", {"Origin": "https://" + LONG + ".example"}),
        ("list+credentials", "OPTIONS", {"Origin": LONG, "Access-Control-Request-Method": LONG}),
        ("list+credentials", "OPTIONS", {"Origin": ALLOWED, "Access-Control-Request-Method": LONG}),
        (
            "short-circuit-list",
            "OPTIONS",
            {"Origin": ALLOWED, "Access-Control-Request-Method": LONG},
        ),
        (
            "short-circuit-list",
            "OPTIONS",
            {
                "Origin": ALLOWED,
                "Access-Control-Request-Method": "PUT",
                "Access-Control-Request-Headers": "content-type, x-" + LONG,
            },
        ),
        (
            "short-circuit-list",
            "OPTIONS",
            {
                "Origin": ALLOWED,
                "Access-Control-Request-Method": "PUT",
                "Access-Control-Request-Headers": "x-" + LONG + "\x01",
            },
        ),
        (
            "short-circuit-list",
            "OPTIONS",
            {
                "Origin": ALLOWED,
                "Access-Control-Request-Method": "PUT",
                "Access-Control-Request-Headers": "zzz" + "\x01" * 3000,
            },
        ),
    ],
)
def test_logged_request_values_are_cut_at_200_characters(debug_log, policy, method, headers):
    """Every denied CORS request is logged with its request values escaped and cut at 200
    characters (docs/troubleshooting.rst, 'The log, under each server'), whichever part of
    the message (the reason, or the origin and method after it) shows them, escapes
    included."""
    call(POLICIES[policy], method, headers=headers)
    (message,) = messages(debug_log)
    assert "zzz" in message  # shown, and cut
    assert "z" * 201 not in message, len(message)
    # At most two long values in each of these, 200 characters each, and fixed words:
    # 3,000 control characters escaped (\\x01, four characters each) would be 12,000.
    assert len(message) < 600, message


def test_log_lines_cannot_be_forged(debug_log):
    forged = "https://x.example\r\nINFO wsgi_cors: all good"
    call(POLICIES["list+credentials"], headers={"Origin": forged})
    (message,) = messages(debug_log)
    assert "\r" not in message and "\n" not in message
    assert "\\r\\nINFO" in message


def test_no_log_work_when_debug_is_off(caplog):
    caplog.set_level(logging.WARNING, logger="wsgi_cors")
    call(POLICIES["list+credentials"], headers={"Origin": "https://evil.example"})
    assert messages(caplog) == []


def _answers_here(app):
    return app.policy.answers_preflights


def _memo_of(app):
    policy = app.policy
    return policy.preflight_answer_memo if _answers_here(app) else policy.preflight_patch_memo


def _preflight(app, method: str = "PUT", requested: str | None = None):
    headers = {"Origin": ALLOWED, "Access-Control-Request-Method": method}
    if requested is not None:
        headers["Access-Control-Request-Headers"] = requested
    return call(app, "OPTIONS", headers=headers)


@pytest.mark.parametrize("policy", ["short-circuit-list", "list+credentials"])
def test_answer_memo_never_keeps_long_request_values(policy):
    app = POLICIES[policy]
    memo = _memo_of(app)
    memo.clear()
    for i in range(50):
        _preflight(app, requested=f"x-{i}," + "x-token," * 200)  # 1.6 KB, unique each time
        _preflight(app, method="PUT" + "X" * 1000 + str(i))
    # The pass-through memo is keyed by the application's Allow and the requested
    # headers, not by the method: the long methods share one entry there.
    baseline = 0 if _answers_here(app) else 1
    assert len(memo) == baseline
    # Ordinary preflights are kept, once.
    for _ in range(3):
        _preflight(app, requested="content-type")
    assert len(memo) == baseline + 1


@pytest.mark.parametrize("policy", ["short-circuit-list", "list+credentials"])
def test_answer_memo_is_read_and_bounded(policy):
    app = POLICIES[policy]
    memo = _memo_of(app)
    memo.clear()
    _preflight(app, requested="content-type")
    (key,) = [key for key in memo if "content-type" in key]
    # A repeated preflight is answered from the memo: an answer planted there is sent.
    planted = (("X-Planted", "1"),)
    memo[key] = (
        PreflightAnswer("204 No Content", planted, None) if _answers_here(app) else (planted, None)
    )
    assert _preflight(app, requested="content-type").get("X-Planted") == "1"
    # Ever new short values (2,000 of them) never make it hold more than 1,024 answers.
    for i in range(2000):
        _preflight(app, requested=f"content-type, x-{i}")
    assert 0 < len(memo) <= 1024
    memo.clear()
