"""Tests of ``wsgi-cors demo``: the API and page applications in-process, and the command
line as a real subprocess over loopback HTTP. The page in a real browser is tested in
tests/browser/test_demo_page.py, with the browser suite's Chromium."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import queue
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterator
from html import unescape
from wsgiref.util import setup_testing_defaults

import pytest
import webtest

from wsgi_call import call, plain_app
from wsgi_cors import CORSMiddleware
from wsgi_cors.__main__ import main, make_parser
from wsgi_cors.check import cors_check
from wsgi_cors.demo import (
    CASE_IDS,
    CASES,
    DecisionLog,
    DemoPortError,
    add_demo_arguments,
    build_middleware,
    check_policy,
    make_api_app,
    make_demo_api,
    make_page_app,
    policy_call,
    policy_options,
    serve,
    start_demo,
)
from wsgi_cors.demo.api import MAX_BODY
from wsgi_cors.demo.decisions import (
    listening_to_middleware,
    make_decision_app,
    record_decisions,
)
from wsgi_cors.demo.options import (
    FLAG_DEFAULTS,
    FLAGS,
    allows_origin,
    credentials_fix,
    demo_command,
    demo_flags,
)
from wsgi_cors.demo.page import read_static
from wsgi_cors.middleware import denial_reason
from wsgi_cors.policy import ACAC, ACAO, MAX_SHOWN_VALUE_LENGTH

CHROMIUM = "/usr/bin/chromium"


def demo_args(*flags: str):
    return make_parser().parse_args(["demo", *flags])


# -- the API application ----------------------------------------------------------------


@pytest.fixture
def api() -> webtest.TestApp:
    return webtest.TestApp(make_api_app(page_origin="http://localhost:8001"))


def test_hello_routes_and_headers(api: webtest.TestApp) -> None:
    first = api.get("/")
    second = api.get("/api/hello")
    assert first.content_type == "application/json"
    assert "message" in first.json and "message" in second.json
    assert int(second.headers["X-Request-Id"]) == int(first.headers["X-Request-Id"]) + 1
    assert second.headers["X-Secret"]
    assert second.headers["Cache-Control"] == "no-store"


def test_options_answers_allow_like_falcon(api: webtest.TestApp) -> None:
    for path, allow in [
        ("/", "GET, POST, PUT, PATCH, DELETE"),
        ("/api/hello", "GET"),
        ("/api/me", "GET"),
        ("/api/echo", "POST"),
        ("/api/items/7", "PUT, DELETE"),
    ]:
        res = api.options(path)
        assert res.status_int == 200
        assert res.headers["Allow"] == allow
        assert res.headers["Content-Type"]


def test_items_put_and_delete(api: webtest.TestApp) -> None:
    put = api.put_json("/api/items/42", {"name": "demo"})
    assert put.json == {"id": "42", "stored": {"name": "demo"}}
    assert api.delete("/api/items/42").json == {"id": "42", "deleted": True}
    assert api.get("/api/items/42", status=405).headers["Allow"] == "PUT, DELETE"
    bad = api.put("/api/items/42", "{nope", content_type="application/json", status=400)
    assert "error" in bad.json


def test_echo_me_login_and_errors(api: webtest.TestApp) -> None:
    echo = api.post("/api/echo", "hi there", content_type="text/plain")
    assert echo.json == {"content_type": "text/plain", "body": "hi there"}
    assert api.get("/api/me").json == {"cookie_received": False}
    login = api.get("/login")
    assert "demo_session=1" in login.headers["Set-Cookie"]
    assert api.get("/api/me").json == {"cookie_received": True}  # TestApp keeps cookies
    missing = api.get("/nowhere", status=404)
    assert missing.content_type == "application/json"
    wrong = api.post("/api/hello", status=405)
    assert wrong.headers["Allow"] == "GET"


def test_api_body_limit_and_an_unreadable_content_length(api: webtest.TestApp) -> None:
    """A body over MAX_BODY gets a JSON 413, one of MAX_BODY bytes is echoed, and a
    Content-Length that is no number is read as 0 (``_read_body``), never a crash. A
    mutation review found the limit and the fallback unpinned."""
    assert len(api.post("/api/echo", b"x" * MAX_BODY, content_type="text/plain").json["body"]) == (
        MAX_BODY
    )
    too_large = api.post("/api/echo", b"x" * (MAX_BODY + 1), content_type="text/plain", status=413)
    assert too_large.json == {"error": "body too large"}
    api.put("/api/items/1", b"1" * (MAX_BODY + 1), content_type="application/json", status=413)
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/api/echo", "CONTENT_LENGTH": "abc"}
    setup_testing_defaults(environ)
    started: list[str] = []
    body = b"".join(api.app(environ, lambda status, headers, exc_info=None: started.append(status)))
    assert started == ["200 OK"] and json.loads(body)["body"] == ""


def test_api_routes_at_their_edges(api: webtest.TestApp) -> None:
    """What the API's docstring promises at the edges of its routes: an empty PATH_INFO
    is ``/``; a path that only starts like an item's is another path (JSON 404); a PUT
    without a body stores null; only a cookie named exactly ``demo_session`` counts; and
    ``/login`` names the page's origin. A mutation review found these unpinned."""
    empty = call(api.app, "GET", "")
    assert empty.status == "200 OK" and "message" in json.loads(empty.body)
    missing = api.put("/api/items/1/extra", "{}", content_type="application/json", status=404)
    assert missing.json == {"error": "no route for /api/items/1/extra"}
    assert api.put("/api/items/7", "", content_type="application/json").json == {
        "id": "7",
        "stored": None,
    }
    near_miss = api.get("/api/me", headers={"Cookie": "demo_session_old=1; x=demo_session"})
    assert near_miss.json == {"cookie_received": False}
    assert api.get("/login").json["page"] == "http://localhost:8001"


def test_the_pages_flag_defaults_are_the_middlewares() -> None:
    """The restart commands the page shows (demo_flags) leave out a flag at the
    middleware's own default: those defaults are read from it, not restated."""
    import inspect

    defaults = inspect.signature(CORSMiddleware).parameters
    for name in ("max_age", "allow_methods"):
        assert FLAG_DEFAULTS[name] == defaults[name].default, name


def test_wrapped_api_default_policy() -> None:
    origin = "http://localhost:8001"
    options = policy_options(demo_args(), origin)
    app = webtest.TestApp(build_middleware(make_api_app(), options))
    pre = app.options(
        "/api/items/1",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.headers["Access-Control-Allow-Origin"] == origin
    assert "PUT" in pre.headers["Access-Control-Allow-Methods"]
    assert "Allow" not in pre.headers
    denied = app.get("/api/hello", headers={"Origin": "http://evil.example"})
    assert "Access-Control-Allow-Origin" not in denied.headers
    assert denied.headers["Vary"] == "Origin"


# -- the page application -----------------------------------------------------------------


def test_page_is_self_contained_and_injects_config() -> None:
    api_url = "http://127.0.0.1:8000"
    policy = {"allow_origins": ["http://localhost:8001"], "note": "</script><b>"}
    origins = [
        {"origin": "http://localhost:8001", "role": "page", "allowed": True},
        {"origin": "http://127.0.0.1:8001", "role": "other", "allowed": False},
    ]
    page = webtest.TestApp(make_page_app(api_url, policy, origins))
    res = page.get("/")
    assert res.content_type == "text/html"
    html = res.text
    for case in CASE_IDS:
        assert f'"{case}"' in html
    assert "<table" in html and "dataset.outcome" in html and "dataset.done" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?:""", html)  # nothing external
    assert "</script><b>" not in html  # escaped both in the JSON and the <pre>
    config = re.search(
        r'<script id="demo-config" type="application/json">(.*?)</script>', html, re.S
    )
    assert config is not None
    assert json.loads(config.group(1)) == {
        "api": api_url,
        "policy": policy,
        "origins": origins,
        "start": None,
        "decisionPath": "/_demo/decision",
        "statusPath": "/_demo/status",
        "idParameter": "demo_id",
        "commandPath": "/_demo/command",
        "changesParameter": "changes",
    }
    # The flags are written by the API (demo_command), not by the page's script.
    assert "demo-flag-defaults" not in html and "--allow-origin" not in html
    shown = re.search(r'<pre id="policy"><code>(.*?)</code></pre>', html, re.S)
    assert shown is not None  # the policy as the Python call that builds it, not JSON
    assert unescape(shown.group(1)) == policy_call(policy)
    cases = re.search(r'<script id="demo-cases" type="application/json">(.*?)</script>', html, re.S)
    assert cases is not None
    assert json.loads(cases.group(1)) == list(CASES)  # the page runs static/cases.json
    assert "{{" not in html  # every placeholder filled
    assert page.head("/").body == b""
    assert page.get("/missing", status=404).content_type == "text/plain"


def test_every_case_is_well_formed() -> None:
    for case in CASES:
        assert set(case) <= {"id", "name", "request", "path", "init", "preflight"} | {
            "readHeader",
            "secret",
        }
        # The explanation is computed by the page, never fixed per case.
        assert "allowed" not in case and "blocked" not in case
    needs_preflight = {case["id"] for case in CASES if "preflight" in case}
    assert needs_preflight == {"preflight-put", "custom-header", "delete"}


def test_why_a_case_is_preflighted_comes_from_check() -> None:
    """Why a case needs a preflight is not written in static/cases.json: the page says
    what wsgi-cors check's rules give (Fetch standard, "main fetch")."""
    assert '"preflight"' not in read_static("cases.json")
    reasons = {case["id"]: case["preflight"] for case in CASES if "preflight" in case}
    assert reasons == {
        "preflight-put": "PUT is not a CORS-safelisted method (GET, HEAD, POST); content-type:"
        " application/json is not application/x-www-form-urlencoded, multipart/form-data"
        " or text/plain",
        "custom-header": "x-demo: not a CORS-safelisted request-header name (Accept,"
        " Accept-Language, Content-Language, Content-Type, Range)",
        "delete": "DELETE is not a CORS-safelisted method (GET, HEAD, POST)",
    }


# -- the policy as a Python call ----------------------------------------------------------


def test_policy_call_leaves_out_the_defaults() -> None:
    options = policy_options(demo_args(), "http://localhost:8001")
    assert policy_call(options) == (
        "from wsgi_cors import CORSMiddleware\n"
        "\n"
        "app = CORSMiddleware(\n"
        "    api_app,\n"
        '    allow_origins=["http://localhost:8001"],\n'
        ")"
    )


def test_policy_call_is_python_that_builds_the_same_policy() -> None:
    args = demo_args(
        "--allow-origin",
        "http://localhost:8001",
        "--allow-origin",
        "https://*.example.com",
        "--allow-credentials",
        "--expose-header",
        "X-Request-Id",
        "--allow-method",
        "PUT",
        "--allow-header",
        "content-type",
        "--max-age",
        "60",
        "--allow-private-network",
    )
    options = policy_options(args, "http://localhost:8001")
    source = policy_call(options)
    for keyword in options:
        assert f"    {keyword}=" in source
    namespace: dict[str, object] = {"api_app": make_api_app()}
    exec(compile(source, "<policy>", "exec"), namespace)
    built = namespace["app"]
    assert isinstance(built, CORSMiddleware)
    assert repr(built) == repr(CORSMiddleware(namespace["api_app"], **options))


def test_allows_origin_asks_the_middleware() -> None:
    options = policy_options(demo_args(), "http://localhost:8001")
    middleware = build_middleware(make_api_app(), options)
    assert allows_origin(middleware, "http://localhost:8001")
    assert not allows_origin(middleware, "http://127.0.0.1:8001")
    anyone = build_middleware(make_api_app(), {**options, "allow_origins": "*"})
    assert allows_origin(anyone, "http://127.0.0.1:8001")


def test_allows_origin_runs_no_handler_of_the_api() -> None:
    """allows_origin asks with ``OPTIONS /`` (its docstring), which the API answers
    without a handler: the X-Request-Id counter the page shows still starts at 1 after
    the demo asked about both origins. A mutation review found the method unpinned."""
    middleware = build_middleware(make_api_app(), policy_options(demo_args(), PAGE))
    assert allows_origin(middleware, PAGE) and not allows_origin(middleware, OTHER)
    first = webtest.TestApp(middleware).get("/api/hello", headers={"Origin": PAGE})
    assert first.headers["X-Request-Id"] == "1"


def test_build_middleware_prints_each_security_warning_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """build_middleware prints a CORSSecurityWarning as one ``warning:`` line on stderr,
    even where Python's warning filters would hide it. A mutation review found the
    printing unpinned."""
    options = {
        "allow_origins": "*",
        "allow_credentials": "*",
        "dangerously_allow_any_origin_with_credentials": True,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert isinstance(build_middleware(make_api_app(), options), CORSMiddleware)
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("warning: --allow-origin '*' with --allow-credentials lets every")
    assert err.endswith("\n") and err.count("\n") == 1


# -- what the middleware decided ------------------------------------------------------------


ACRM = "Access-Control-Request-Method"
DENIALS = [
    # (Origin, request headers, the reason the demo shows)
    ("http://a.example", {ACRM: "DELETE"}, "method 'DELETE' not allowed"),
    ("http://b.example", {}, "origin 'http://b.example' not allowed"),
    ("http://b.example", {ACRM: "PUT"}, "origin not allowed"),
    # A request value that looks like the end of the reason is not taken for it.
    ("http://b (origin x", {ACRM: "PUT"}, "origin not allowed"),
]


@pytest.mark.parametrize("origin, headers, reason", DENIALS)
def test_denial_reason_reads_the_middlewares_log_records(
    origin: str, headers: dict[str, str], reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The demo shows each denial's reason as :func:`wsgi_cors.middleware.denial_reason`
    reads it back from the middleware's own log record."""
    middleware = CORSMiddleware(
        make_api_app(), allow_origins=["http://a.example"], allow_methods=["GET", "PUT"]
    )
    with caplog.at_level(logging.DEBUG, logger="wsgi_cors"):
        method = "OPTIONS" if headers else "GET"
        call(middleware, method, "/api/items", {"Origin": origin, **headers})
    (record,) = caplog.records
    assert denial_reason(record) == reason
    assert record.getMessage().startswith(("CORS request denied: ", "CORS-preflight request"))


def test_denial_reason_of_an_origin_function_that_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    middleware = CORSMiddleware(make_api_app(), allow_origins=lambda origin: 1 / 0)
    with caplog.at_level(logging.DEBUG, logger="wsgi_cors"):
        call(middleware, "GET", "/api/items", {"Origin": "http://a.example"})
    # The ERROR record first (the demo shows the first reason), then the DEBUG denial.
    record = caplog.records[0]
    reason = denial_reason(record)
    assert reason is not None and reason.startswith("the callable <function")
    assert reason.endswith("raised for origin 'http://a.example'")


def test_denial_reason_is_none_for_other_records() -> None:
    record = logging.LogRecord("wsgi_cors", logging.WARNING, __file__, 1, "%s", ("x",), None)
    assert denial_reason(record) is None


def test_decision_log_keeps_the_last_preflight_and_actual_per_id_and_is_bounded() -> None:
    log = DecisionLog(size=3)
    assert log.seq == 0
    before = time.time()
    log.record("a", {"preflight": True, "n": 1})
    log.record("a", {"preflight": False, "n": 2})
    log.record("a", {"preflight": False, "n": 3})
    after = time.time()
    kept = log.get("a")
    assert before <= kept["preflight"].pop("at") <= kept["actual"].pop("at") <= after
    assert kept == {
        "id": "a",
        "preflight": {"preflight": True, "n": 1, "seq": 1},
        "actual": {"preflight": False, "n": 3, "seq": 3},
    }
    assert log.seq == 3
    assert log.get("unknown") == {"id": "unknown", "preflight": None, "actual": None}
    for request_id in "bcd":
        log.record(request_id, {"preflight": False})
    assert len(log) == 3
    assert log.get("a")["actual"] is None  # the oldest id went first
    log.record("b", {"preflight": True})  # b is now the newest
    log.record("e", {"preflight": False})
    assert log.get("b")["preflight"] is not None and log.get("c")["actual"] is None


PAGE, OTHER = "http://localhost:8001", "http://127.0.0.1:8001"


@contextlib.contextmanager
def demo_api(*flags: str) -> Iterator[tuple[webtest.TestApp, DecisionLog, list[str]]]:
    """The demo's API in-process, as start_demo composes it (on the default ports), and
    the denials it reports."""
    options = policy_options(demo_args(*flags), PAGE)
    log, denials = DecisionLog(), []

    def command_for(changes: dict[str, object]) -> str:
        return demo_command({**options, **changes}, PAGE)

    app = make_demo_api(
        build_middleware(make_api_app(), options),
        log,
        [PAGE, OTHER],
        denials.append,
        command_for,
    )
    with listening_to_middleware():
        yield webtest.TestApp(app), log, denials


def preflight_headers(origin: str, method: str, headers: str | None = None) -> dict[str, str]:
    out = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        out["Access-Control-Request-Headers"] = headers
    return out


def test_the_api_records_each_decision_and_tells_the_page() -> None:
    with demo_api("--allow-method", "PUT", "--allow-header", "content-type") as (api, log, denials):
        # The page's origin: a preflight and the actual request, both allowed.
        api.options("/api/items/1?demo_id=r1.put", headers=preflight_headers(PAGE, "PUT"))
        api.put_json("/api/items/1?demo_id=r1.put", {"a": 1}, headers={"Origin": PAGE})
        # A method the policy does not list, and the other origin.
        api.options(
            "/api/items/1?demo_id=r1.delete", headers=preflight_headers(PAGE, "DELETE"), status=403
        )
        api.get("/api/hello?demo_id=r2.simple-get", headers={"Origin": OTHER})

        put = api.get("/_demo/decision?id=r1.put", headers={"Origin": PAGE})
        assert put.headers["Access-Control-Allow-Origin"] == PAGE
        assert put.headers["Cache-Control"] == "no-store"
        preflight, actual = put.json["preflight"], put.json["actual"]
        assert preflight["preflight"] and preflight["request_method"] == "PUT"
        assert preflight["status"] == "204 No Content" and preflight["denied"] is None
        assert ["Access-Control-Allow-Methods", "PUT"] in preflight["cors_headers"]
        assert actual["method"] == "PUT" and actual["status"] == "200 OK"
        assert actual["cors_headers"] == [["Access-Control-Allow-Origin", PAGE]]

        delete = api.get("/_demo/decision?id=r1.delete", headers={"Origin": PAGE}).json
        assert delete["preflight"]["denied"] == "method 'DELETE' not allowed"
        assert delete["preflight"]["status"] == "403 Forbidden"
        assert delete["preflight"]["cors_headers"] == [] and delete["actual"] is None

        # The other origin is denied by the policy, but may read what was decided.
        other = api.get("/_demo/decision?id=r2.simple-get", headers={"Origin": OTHER})
        assert other.headers["Access-Control-Allow-Origin"] == OTHER
        assert other.json["actual"]["denied"] == f"origin {OTHER!r} not allowed"
        assert other.json["actual"]["log"] == [f"CORS request denied: origin {OTHER!r} not allowed"]
        stranger = api.get("/_demo/decision?id=r1.put", headers={"Origin": "http://evil.example"})
        assert "Access-Control-Allow-Origin" not in stranger.headers

        # Each denial reported as it happened, with the middleware's reason.
        assert denials == [
            f"CORS-preflight request denied: method 'DELETE' not allowed (origin {PAGE!r},"
            " method 'DELETE')",
            f"CORS request denied: origin {OTHER!r} not allowed",
        ]
        # Without an id (curl): reported, not kept.
        api.get("/api/hello", headers={"Origin": "http://evil.example"})
        assert len(denials) == 3 and len(log) == 3

        assert api.get("/_demo/decision?id=nothing-yet").json == {
            "id": "nothing-yet",
            "preflight": None,
            "actual": None,
        }
        assert api.get("/_demo/decision", status=400).json["error"]
        assert api.get("/_demo/decision?id=a%20b", status=400)
        assert api.get("/_demo/elsewhere", status=404)
        assert api.post("/_demo/decision?id=x", status=405).headers["Allow"] == "GET, HEAD"


def test_a_decision_says_what_the_lists_deny_and_what_a_browser_may_read() -> None:
    """The page explains a row from these, not by restating a CORS rule: ``unlisted``
    is the policy's own answer, ``browser`` is wsgi_cors.check's (demo/decisions.py)."""
    flags = ["--allow-method", "PUT", "--allow-header", "content-type"]
    with demo_api(*flags, "--expose-header", "X-Request-Id") as (api, _, _):
        url = "/api/items/1?demo_id=r1."
        asks = preflight_headers(PAGE, "PUT", "X-Demo, Content-Type, x-b")
        api.options(url + "custom", headers=asks, status=403)
        api.options(url + "delete", headers=preflight_headers(PAGE, "DELETE"), status=403)
        api.options(url + "put", headers=preflight_headers(PAGE, "PUT", "content-type"))
        api.get("/api/hello?demo_id=r1.hello", headers={"Origin": PAGE})
        api.get("/api/hello?demo_id=r2.hello", headers={"Origin": OTHER})

        def decision(request_id: str) -> dict[str, dict[str, object]]:
            return api.get(f"/_demo/decision?id={request_id}", headers={"Origin": PAGE}).json

        assert decision("r1.custom")["preflight"]["unlisted"] == {
            "method": False,
            "headers": ["x-b", "x-demo"],
        }
        assert decision("r1.delete")["preflight"]["unlisted"] == {"method": True, "headers": []}
        assert decision("r1.put")["preflight"]["unlisted"] == {"method": False, "headers": []}
        assert "browser" not in decision("r1.put")["preflight"]

        view = decision("r1.hello")["actual"]["browser"]
        assert view["omit"]["readable"] and "x-request-id" in view["omit"]["headers"]
        assert "x-secret" not in view["omit"]["headers"]  # sent, not exposed
        assert "content-type" in view["omit"]["headers"]  # CORS-safelisted
        assert not view["include"]["readable"]  # no Access-Control-Allow-Credentials
        denied = decision("r2.hello")["actual"]["browser"]
        assert not denied["omit"]["readable"] and not denied["include"]["readable"]
        # Why, in the CORS check's words, which the page shows instead of its own.
        assert "Access-Control-Allow-Credentials" in view["include"]["why"]
        assert "no Access-Control-Allow-Origin" in denied["omit"]["why"]


def test_listening_to_the_middleware_is_undone_by_the_last_listener() -> None:
    logger = logging.getLogger("wsgi_cors")
    level, handlers = logger.level, list(logger.handlers)
    with listening_to_middleware():
        assert logger.isEnabledFor(logging.DEBUG)
        with listening_to_middleware():
            assert len(logger.handlers) == len(handlers) + 1
        assert logger.isEnabledFor(logging.DEBUG)  # the outer demo still listens
    assert logger.level == level and logger.handlers == handlers


def test_the_log_files_a_preflight_as_the_middleware_tells_one() -> None:
    """An OPTIONS request without Access-Control-Request-Method is no CORS-preflight
    request (Fetch standard; middleware.preflight_method): the decision log files it as
    the actual request, with the browser's view, and one with it as the preflight."""
    with demo_api() as (api, log, _):
        for n, extra in enumerate(({}, {"HTTP_ACCESS_CONTROL_REQUEST_METHOD": "PUT"})):
            environ = {
                "REQUEST_METHOD": "OPTIONS",
                "PATH_INFO": "/api/items/1",
                "QUERY_STRING": f"demo_id=o{n}",
                "HTTP_ORIGIN": PAGE,
                **extra,
            }
            setup_testing_defaults(environ)
            list(api.app(environ, lambda status, headers, exc_info=None: None))
    plain, preflighted = log.get("o0"), log.get("o1")
    assert plain["preflight"] is None and plain["actual"]["preflight"] is False
    assert "browser" in plain["actual"]
    assert preflighted["actual"] is None and preflighted["preflight"]["preflight"] is True
    assert preflighted["preflight"]["unlisted"] == {"method": False, "headers": []}


def test_concurrent_requests_keep_their_own_decisions() -> None:
    with demo_api() as (api, log, denials):
        app = api.app
        errors: list[BaseException] = []

        def client(n: int) -> None:
            origin = PAGE if n % 2 else OTHER
            try:
                for i in range(20):
                    environ = {
                        "REQUEST_METHOD": "OPTIONS",
                        "PATH_INFO": "/api/items/1",
                        "QUERY_STRING": f"demo_id=t{n}.{i}",
                        "HTTP_ORIGIN": origin,
                        "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "PUT",
                    }
                    setup_testing_defaults(environ)
                    list(app(environ, lambda status, headers, exc_info=None: None))
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        for n in range(8):
            for i in range(20):
                preflight = log.get(f"t{n}.{i}")["preflight"]
                if n % 2:
                    assert preflight["denied"] is None and preflight["log"] == []
                else:
                    assert preflight["denied"] == "origin not allowed"
                    assert len(preflight["log"]) == 1 and repr(OTHER) in preflight["log"][0]
        assert len(denials) == 4 * 20


def decision_of(api: webtest.TestApp, request_id: str) -> dict[str, object]:
    return api.get(f"/_demo/decision?id={request_id}", headers={"Origin": PAGE}).json


def test_a_preflights_decision_keeps_its_request_values_cut() -> None:
    """A decision keeps the request's method, path, origin and requested headers, each
    cut to MAX_SHOWN_VALUE_LENGTH characters, and at most 20 unlisted header names, each
    cut too (demo/decisions.py), so that the log stays bounded. A mutation review found
    the fields and both bounds unpinned."""
    long_name = "x-" + "a" * 300
    names = [f"x-h{n:02}" for n in range(25)] + [long_name]
    requested = ", ".join(names)
    path = "/api/items/" + "1" * 300
    with demo_api("--allow-header", "content-type") as (api, _, _):
        api.options(
            f"{path}?demo_id=long", headers=preflight_headers(PAGE, "PUT", requested), status=403
        )
        decision = decision_of(api, "long")["preflight"]

    def cut(value: str) -> str:
        return f"{value[:MAX_SHOWN_VALUE_LENGTH]}… ({len(value):,} characters)"

    assert decision["denied"] is not None and len(decision["log"]) == 1
    assert decision == {
        "method": "OPTIONS",
        "path": cut(path),
        "origin": PAGE,
        "preflight": True,
        "request_method": "PUT",
        "request_headers": cut(requested),
        "status": "403 Forbidden",
        "denied": decision["denied"],
        "log": decision["log"],
        "cors_headers": [],
        "unlisted": {
            "method": False,
            "headers": [cut(long_name), *(f"x-h{n:02}" for n in range(19))],
        },
        "seq": 1,
        "at": decision["at"],
    }


def test_a_request_without_origin_or_status_is_recorded_without_a_browser_view() -> None:
    """A request without Origin (curl) is no CORS request: its decision has no
    ``browser`` view. Nor has one whose application calls start_response only once
    iterated (record_decisions' docstring: recorded without its status and headers),
    which is still answered in full. A mutation review found both unpinned."""
    with demo_api() as (api, _, _):
        assert api.get("/api/hello?demo_id=curl").status_int == 200
        curl = decision_of(api, "curl")["actual"]
    assert curl["origin"] is None and curl["status"] == "200 OK" and "browser" not in curl

    def late(environ: dict[str, object], start_response) -> Iterator[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        yield b"late"

    log = DecisionLog()
    app = record_decisions(CORSMiddleware(late, allow_origins=[PAGE]), log)
    response = call(app, "GET", "/", {"Origin": PAGE}, query="demo_id=late")
    assert response.body == b"late" and response.get("Access-Control-Allow-Origin") == PAGE
    recorded = log.get("late")["actual"]
    assert recorded["status"] == "" and recorded["cors_headers"] == []
    assert "browser" not in recorded


def test_the_browser_view_with_credentials_reads_no_star_in_expose_headers() -> None:
    """``browser`` applies the exposed-header rule per credentials mode: with
    ``Access-Control-Expose-Headers: *`` a request without credentials may read every
    header, one with credentials only the CORS-safelisted ones (the star is then a
    header name). A mutation review found the credentials mode of that rule unpinned."""
    with demo_api("--expose-header", "*", "--allow-credentials") as (api, _, _):
        api.get("/api/hello?demo_id=star", headers={"Origin": PAGE})
        view = decision_of(api, "star")["actual"]["browser"]
    assert view["omit"]["readable"] and view["include"]["readable"]
    assert {"x-request-id", "x-secret"} <= set(view["omit"]["headers"])
    assert view["include"]["headers"] == ["cache-control", "content-length", "content-type"]


def test_a_decision_under_paths_reads_the_lists_of_the_entry_the_path_selects() -> None:
    """With ``paths``, what a preflight's lists deny is the entry's: the top level may
    make no policy at all (``allow_credentials="*"`` beside entries that each list their
    origins, whose ``policy`` raises AttributeError), and wrapping such a middleware
    raised it (a review). A path no entry selects passes through, with nothing to say,
    and so does one that ``X-Vhm-Root`` takes out of its entry, as the middleware routes
    it (the demo routed by the path alone: helper-151)."""
    middleware = CORSMiddleware(
        plain_app,
        allow_credentials="*",
        paths={"/api": {"allow_origins": [PAGE], "allow_methods": ["GET", "PUT"]}},
    )
    log = DecisionLog()
    app = record_decisions(middleware, log)
    for path, request_id in (("/api/items", "entry"), ("/elsewhere", "none")):
        call(app, "OPTIONS", path, preflight_headers(PAGE, "DELETE"), query=f"demo_id={request_id}")
    moved = {**preflight_headers(PAGE, "DELETE"), "X-Vhm-Root": "/other"}
    response = call(app, "OPTIONS", "/api/items", moved, query="demo_id=moved")
    assert response.get("Vary") == "X-Vhm-Root" and not response.cors()  # passed through
    assert log.get("entry")["preflight"]["unlisted"] == {"method": True, "headers": []}
    assert "unlisted" not in log.get("none")["preflight"]
    assert "unlisted" not in log.get("moved")["preflight"]


def test_record_decisions_passes_on_the_write_callable() -> None:
    """The start_response record_decisions hands the application returns the server's
    write callable (PEP 3333), so an application that writes its body still works. A
    mutation review found it unpinned."""

    def writer(environ: dict[str, object], start_response) -> list[bytes]:
        write = start_response("200 OK", [("Content-Type", "text/plain")])
        write(b"written")
        return []

    log = DecisionLog()
    response = call(record_decisions(writer, log), "GET", "/", query="demo_id=w")
    assert response.body == b"written" and log.get("w")["actual"]["status"] == "200 OK"


def test_the_reason_kept_when_an_origin_function_raised_is_the_callables() -> None:
    """When the policy's origin function raises, the middleware logs that (ERROR), then
    the denial: the decision's ``denied`` is the first, which names the callable, and
    on_denial gets both. A mutation review found the recorded reason unpinned."""

    def raising(origin: str) -> bool:
        raise RuntimeError("boom")

    log, denials = DecisionLog(), []
    middleware = CORSMiddleware(make_api_app(), allow_origins=raising)
    api = webtest.TestApp(make_demo_api(middleware, log, [PAGE], denials.append))
    with listening_to_middleware():
        assert api.get("/api/hello?demo_id=raised", headers={"Origin": PAGE}).status_int == 200
    actual = decision_of(api, "raised")["actual"]
    assert actual["denied"].startswith("the callable <function ")
    assert actual["denied"].endswith(f"raised for origin {PAGE!r}")
    assert len(actual["log"]) == 2 and actual["log"][1].endswith(f"origin {PAGE!r} not allowed")
    assert denials == actual["log"]


def test_on_denial_gets_only_denials() -> None:
    """on_denial is called with each message that denies the request, not with the
    middleware's other messages (here its warning of a CORS layer inside the
    application), which the decision's ``log`` still shows. A mutation review found the
    filter unpinned."""

    def inner_cors(environ: dict[str, object], start_response) -> list[bytes]:
        start_response("200 OK", [("Allow", "GET"), ("Access-Control-Allow-Origin", "*")])
        return []

    log, denials = DecisionLog(), []
    middleware = CORSMiddleware(inner_cors, allow_origins=[PAGE], allow_methods=None)
    api = webtest.TestApp(make_demo_api(middleware, log, [PAGE], denials.append))
    with listening_to_middleware():
        api.options("/x?demo_id=inner", headers=preflight_headers(PAGE, "GET"))
        api.get("/x?demo_id=other", headers={"Origin": OTHER})
    inner = decision_of(api, "inner")["preflight"]
    assert inner["denied"] is None and "a CORS layer inside the application" in inner["log"][0]
    assert denials == [f"CORS request denied: origin {OTHER!r} not allowed"]


def test_each_request_keeps_at_most_four_log_messages() -> None:
    """Each request keeps at most four ``wsgi_cors`` log messages, however many are
    logged while it runs (demo/decisions.py: memory stays bounded). A mutation review
    found the bound unpinned."""
    chatty_logger = logging.getLogger("wsgi_cors.test_demo")

    def chatty(environ: dict[str, object], start_response) -> list[bytes]:
        for n in range(10):
            chatty_logger.debug("message %d", n)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    log = DecisionLog()
    with listening_to_middleware():
        call(record_decisions(chatty, log), "GET", "/", query="demo_id=chatty")
    assert log.get("chatty")["actual"]["log"] == [f"message {n}" for n in range(4)]


def test_listening_lowers_the_loggers_level_only_and_restores_it() -> None:
    """listening_to_middleware lowers the ``wsgi_cors`` logger's level to DEBUG, never
    raises it (a level below DEBUG stays), and sets back the level it found. A
    mutation review found both unpinned (earlier tests leave the level at DEBUG)."""
    logger = logging.getLogger("wsgi_cors")
    level = logger.level
    try:
        for before, during in [(logging.WARNING, logging.DEBUG), (5, 5)]:
            logger.setLevel(before)
            with listening_to_middleware():
                assert logger.level == during
            assert logger.level == before
    finally:
        logger.setLevel(level)


def test_the_decision_endpoint_is_get_only_and_exact() -> None:
    """``/_demo/decision`` answers HEAD without a body, is served under a CORS policy
    that allows GET only (a preflight for another method is denied), and any other path
    under ``/_demo/`` is a 404 (make_decision_app, make_demo_api). A mutation review
    found these unpinned."""
    with demo_api() as (api, _, _):
        get = api.get("/_demo/decision?id=x", headers={"Origin": PAGE})
        head = api.head("/_demo/decision?id=x", headers={"Origin": PAGE})
        assert head.status_int == 200 and head.body == b""
        assert head.headers["Content-Length"] == get.headers["Content-Length"]
        assert api.options("/_demo/decision?id=x", headers=preflight_headers(PAGE, "GET"))
        api.options("/_demo/decision?id=x", headers=preflight_headers(PAGE, "DELETE"), status=403)
        assert api.get("/_demo/decisions?id=x", status=404).json == {"error": "not found"}


def test_the_status_tells_the_page_which_decisions_are_of_its_run() -> None:
    """``/_demo/status`` answers the number of the last decision kept, and each
    decision has its own: the page asks before each run, so that "Run again", whose
    preflights the browser may answer from its cache, never shows an earlier run's
    preflight as sent again (a review)."""
    with demo_api() as (api, log, _):
        assert api.get("/_demo/status", headers={"Origin": PAGE}).json == {"seq": 0}
        api.options("/api/items/1?demo_id=r.put", headers=preflight_headers(PAGE, "PUT"))
        api.put("/api/items/1?demo_id=r.put", "{}", headers={"Origin": PAGE})
        status = api.get("/_demo/status", headers={"Origin": PAGE})
        assert status.json == {"seq": 2} and status.headers["Cache-Control"] == "no-store"
        assert status.headers["Access-Control-Allow-Origin"] == PAGE
        api.put("/api/items/1?demo_id=r.put", "{}", headers={"Origin": PAGE})  # run again
        kept = decision_of(api, "r.put")
        assert kept["preflight"]["seq"] == 1 <= 2 < kept["actual"]["seq"] == 3
        assert kept["preflight"]["at"] <= kept["actual"]["at"]


def test_every_answer_under_demo_carries_the_start_id() -> None:
    """The id of the demo's start, given to make_demo_api and make_page_app: the page
    compares it with its own and reloads after a restart (which may have another
    policy) rather than explain the new policy's decisions by the old one (a review)."""
    options = policy_options(demo_args(), PAGE)
    app = make_demo_api(
        build_middleware(make_api_app(), options),
        DecisionLog(),
        [PAGE],
        command_for=lambda changes: demo_command({**options, **changes}, PAGE),
        start="s1",
    )
    api = webtest.TestApp(app)
    for path, status in (
        ("/_demo/status", 200),
        ("/_demo/decision?id=x", 200),
        ("/_demo/decision", 400),
        ("/_demo/command?changes=%7B%7D", 200),
        ("/_demo/command?changes=1", 400),
        ("/_demo/other", 404),
    ):
        assert api.get(path, status=status).json["start"] == "s1", path
    assert api.post("/_demo/status", status=405).json["start"] == "s1"
    page = webtest.TestApp(make_page_app("http://127.0.0.1:8000", options, start="s1"))
    assert '"start": "s1"' in page.get("/").text


@pytest.mark.servers
def test_each_start_of_the_demo_has_its_own_id() -> None:
    args = demo_args("--api-port", "0", "--page-port", "0")
    ids = []
    for _ in range(2):
        demo = start_demo(args)
        try:
            ids.append(demo.start)
            status, _, body = http("GET", demo.api_url + "/_demo/status")
            assert status == 200 and json.loads(body) == {"seq": 0, "start": demo.start}
            assert f'"start": "{demo.start}"' in http("GET", demo.page_url)[2]
        finally:
            demo.stop()
    assert ids[0] != ids[1] and all(len(i) >= 16 for i in ids)


def command_of(api: webtest.TestApp, changes: object, status: int = 200) -> dict[str, str]:
    query = urllib.parse.urlencode({"changes": json.dumps(changes)})
    answer = api.get(f"/_demo/command?{query}", headers={"Origin": PAGE}, status=status)
    assert answer.headers["Access-Control-Allow-Origin"] == PAGE  # the page may read it
    assert answer.headers["Cache-Control"] == "no-store"
    result: dict[str, str] = answer.json
    return result


def test_the_api_writes_the_restart_command_the_page_shows() -> None:
    """``/_demo/command?changes=JSON``: the command line for the active policy with the
    changes made, written by demo_command (the flags' one home), never by the page."""
    with demo_api("--max-age", "600", "--allow-header", "content-type") as (api, _, _):
        assert command_of(api, {}) == {
            "command": "wsgi-cors demo --allow-header content-type --max-age 600"
        }
        assert command_of(api, {"allow_origins": "*", "allow_headers": None}) == {
            "command": "wsgi-cors demo --allow-origin '*' --max-age 600"
        }
        assert command_of(api, {"allow_credentials": "*", "max_age": None}) == {
            "command": "wsgi-cors demo --allow-credentials --allow-header content-type"
            " --max-age none"
        }
        # What no flag gives, and what is no set of changes, are the page's mistakes.
        assert command_of(api, {"allow_methods": ["none"]}, 400) == {
            "error": "no flags of the demo give allow_methods=['none']"
        }
        assert command_of(api, {"debug": True}, 400) == {
            "error": "not an option the demo's flags set: debug"
        }
        assert command_of(api, {"api_port": 1}, 400)["error"].endswith(": api_port")
        for changes in ([], "x", None):
            assert command_of(api, changes, 400) == {"error": "?changes= must be a JSON object"}
        assert api.get("/_demo/command?changes=%7B", status=400).json["error"]
        assert api.get("/_demo/command", status=400).json["error"]
        assert api.head("/_demo/command?changes=%7B%7D").body == b""
        assert api.post("/_demo/command?changes=%7B%7D", status=405)
    # Without a command to give, there is no such endpoint.
    alone = webtest.TestApp(make_decision_app(DecisionLog()))
    assert alone.get("/_demo/command?changes=%7B%7D", status=404).json == {"error": "not found"}


# -- the command line for a policy: the parser's inverse ------------------------------------

#: (changes to the default options, api port, page port, the command line shown).
COMMANDS = [
    ({}, 8000, 8001, "wsgi-cors demo"),
    ({"allow_origins": "*"}, 8000, 8001, "wsgi-cors demo --allow-origin '*'"),
    (
        {"allow_origins": ["http://localhost:8001", "http://127.0.0.1:8001", "https://*.a.com"]},
        8000,
        8001,
        "wsgi-cors demo --allow-origin http://localhost:8001 --allow-origin"
        " http://127.0.0.1:8001 --allow-origin 'https://*.a.com'",
    ),
    ({"allow_origins": ["http://127.0.0.1:8001"]}, 8000, 8001, None),
    ({"allow_credentials": "*"}, 8000, 8001, "wsgi-cors demo --allow-credentials"),
    (
        {"allow_origins": "*", "allow_credentials": "*"},  # refused, yet a command line
        8000,
        8001,
        "wsgi-cors demo --allow-origin '*' --allow-credentials",
    ),
    (
        {"expose_headers": ["X-Request-Id", "X-Secret"], "allow_headers": "*"},
        8000,
        8001,
        "wsgi-cors demo --expose-header X-Request-Id --expose-header X-Secret --allow-header '*'",
    ),
    ({"expose_headers": "*", "allow_methods": "*"}, 8000, 8001, None),
    (
        {"allow_methods": ["PUT", "DELETE"], "allow_headers": ["content-type", "x-demo"]},
        8000,
        8001,
        "wsgi-cors demo --allow-method PUT --allow-method DELETE --allow-header content-type"
        " --allow-header x-demo",
    ),
    ({"max_age": None}, 8000, 8001, "wsgi-cors demo --max-age none"),
    ({"max_age": 0}, 8000, 8001, "wsgi-cors demo --max-age 0"),
    ({"max_age": 100000}, 8000, 8001, None),  # the parser's to read, the middleware's to refuse
    ({"allow_private_network": True}, 8000, 8001, "wsgi-cors demo --allow-private-network"),
    ({}, 0, 0, "wsgi-cors demo --api-port 0 --page-port 0"),
    ({}, 8000, 9001, "wsgi-cors demo --page-port 9001"),
    ({"allow_origins": ["http://localhost:8001"]}, 8000, 9001, None),
    ({}, 65535, 8001, "wsgi-cors demo --api-port 65535"),
    # A name the shell or the parser would misread is quoted, or joined to its flag.
    (
        {"allow_headers": ["x;y", "-x-odd"]},
        8000,
        8001,
        "wsgi-cors demo --allow-header 'x;y' --allow-header=-x-odd",
    ),
]


@pytest.mark.parametrize(("changes", "api_port", "page_port", "shown"), COMMANDS)
def test_demo_flags_is_the_parsers_inverse(
    changes: dict[str, object], api_port: int, page_port: int, shown: str | None
) -> None:
    """demo_flags(options) read back by the demo's parser and policy_options gives the
    options (and ports) back; demo_command is them quoted for a POSIX shell, the text the
    page used to write in JavaScript (for those of the page's own suggestions)."""
    page_origin = f"http://localhost:{page_port}"
    options = {**policy_options(demo_args(), page_origin), **changes}
    flags = demo_flags(options, page_origin, api_port=api_port, page_port=page_port)
    args = demo_args(*flags)
    assert policy_options(args, page_origin) == options
    assert (args.api_port, args.page_port) == (api_port, page_port)
    command = demo_command(options, page_origin, api_port=api_port, page_port=page_port)
    assert shlex.split(command) == ["wsgi-cors", "demo", *flags]
    if shown is not None:
        assert command == shown
    if page_port == FLAG_DEFAULTS["page_port"] and api_port == FLAG_DEFAULTS["api_port"]:
        assert demo_flags(options, page_origin) == flags  # the ports' defaults


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # --allow-method none is None: a method so named has no flag.
        ({"allow_methods": ["NONE"]}, "no flags of the demo give allow_methods=['NONE']"),
        (
            {"allow_credentials": ["http://a.example"]},
            "no flags of the demo give allow_credentials=['http://a.example']",
        ),
        ({"expose_headers": "X-A, X-B"}, "no flags of the demo give expose_headers='X-A, X-B'"),
        ({"allow_origins": ["*"]}, "no flags of the demo give allow_origins=['*']"),
        ({"allow_origins": 5}, "no flags of the demo give allow_origins=5"),
        ({"allow_private_network": 1}, "no flags of the demo give allow_private_network=1"),
        ({"max_age": True}, "argument --max-age: 'True' is not a whole number"),
        ({"max_age": 1.5}, "argument --max-age: '1.5' is not a whole number"),
        ({"debug": True}, "not an option the demo's flags set: debug"),
        ({"page_port": 1}, "not an option the demo's flags set: page_port"),
    ],
)
def test_demo_flags_refuses_what_no_flags_give(changes: dict[str, object], message: str) -> None:
    """Read back by the parser, flags that would give other options are refused: the
    page is never shown a command line that does not do what it says."""
    options = {**policy_options(demo_args(), PAGE), **changes}
    with pytest.raises(ValueError) as raised:
        demo_flags(options, PAGE)
    assert str(raised.value).startswith(message)


def test_demo_flags_needs_every_option() -> None:
    options = policy_options(demo_args(), PAGE)
    del options["max_age"], options["allow_headers"]
    with pytest.raises(ValueError, match="^options missing: allow_headers, max_age$"):
        demo_flags(options, PAGE)


# -- argument parsing (no server started) -------------------------------------------------


def test_policy_options_defaults_and_flags() -> None:
    origin = "http://localhost:1234"
    assert policy_options(demo_args(), origin) == {
        "allow_origins": [origin],
        "allow_credentials": None,
        "expose_headers": None,
        "allow_methods": "*",
        "allow_headers": None,
        "max_age": 86400,
        "allow_private_network": False,
    }
    args = demo_args(
        "--allow-origin",
        "*",
        "--allow-credentials",
        "--expose-header",
        "X-Request-Id",
        "--expose-header",
        "X-A, X-B",
        "--allow-method",
        "PUT",
        "--allow-header",
        "*",
        "--max-age",
        "60",
        "--allow-private-network",
        "--api-port",
        "0",
        "--page-port",
        "0",
    )
    assert policy_options(args, origin) == {
        "allow_origins": "*",
        "allow_credentials": "*",
        "expose_headers": ["X-Request-Id", "X-A", "X-B"],
        "allow_methods": ["PUT"],
        "allow_headers": "*",
        "max_age": 60,
        "allow_private_network": True,
    }
    assert (args.api_port, args.page_port) == (0, 0)


def test_main_without_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    """A usage error like any other: the help and the error on stderr, exit status 2."""
    assert main([]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "demo" in err and "error: give a command (demo or check)" in err


@pytest.mark.parametrize(
    "flags, option",
    [
        (["--allow-origin", "https://a.com/"], "allow_origins"),
        (["--max-age", "-1"], "max_age"),
        (["--max-age", "86401"], "max_age"),
        (["--allow-method", "P T"], "allow_methods"),
        # an empty name is refused, as the middleware refuses it in a str (review of
        # rules stated twice: the demo dropped it)
        (["--allow-method", "GET,,PUT"], "allow_methods"),
        (["--expose-header", "X-A,"], "expose_headers"),
        (["--allow-origin", "*", "--allow-origin", "https://a.com"], "allow_origins"),
        (["--expose-header", "X Y"], "expose_headers"),
        (["--allow-header", "bad:name"], "allow_headers"),
    ],
)
def test_main_rejects_invalid_policy(
    flags: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The two checks ``main`` makes before it serves, in-process: the flags' own
    (argparse, exit status 2) and the middleware's (``check_policy``). Not ``main``
    itself: a policy wrongly accepted would start the demo, which serves until stopped
    (a mutation review saw a subprocess version of this test hang 21 minutes).
    ``test_demo_subprocess_invalid_flag_exits_2`` runs the whole command."""
    parser = argparse.ArgumentParser(prog="wsgi-cors demo")
    add_demo_arguments(parser)
    try:
        args = parser.parse_args(flags)
    except SystemExit as exited:
        assert exited.code == 2
        error = capsys.readouterr().err
    else:
        error = check_policy(parser, args) or ""
    assert error.startswith("usage: wsgi-cors demo "), error
    assert "wsgi-cors demo: error: " in error
    told = error.split("wsgi-cors demo: error: ", 1)[-1]  # not the usage line's flags
    assert (FLAGS[option] in told or option in told) and "Traceback" not in error


def test_main_reports_every_policy_problem_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    flags = ["--allow-origin", "https://a.com/", "--max-age", "-1", "--allow-method", "P T"]
    assert main(["demo", *flags]) == 2
    err = capsys.readouterr().err
    told = err.split("wsgi-cors demo: error: ", 1)[-1]  # not the usage line's flags
    assert "3 problems" in told
    assert all(flag in told for flag in ("--allow-origin", "--max-age", "--allow-method"))


def test_any_origin_with_credentials_is_told_in_flags(capsys: pytest.CaptureFixture[str]) -> None:
    """The library's fixes for '*' with credentials name keywords no flag sets
    (dangerously_allow_any_origin_with_credentials): the demo adds its flags' fix
    (a new-user trial)."""
    assert main(["demo", "--allow-origin", "*", "--allow-credentials"]) == 2
    err = capsys.readouterr().err
    assert (
        "error: invalid CORS configuration: --allow-credentials ('*') with --allow-origin '*'"
        in err
    )
    assert err.endswith(
        "; drop --allow-origin '*' (the page's own origin is then"
        " the one allowed), or name the origins to trust with --allow-origin\n"
    )
    assert "dangerously" not in err
    assert main(["demo", "--allow-origin", "*", "--max-age", "-1"]) == 2
    assert "drop --allow-origin" not in capsys.readouterr().err  # credentials not asked


def test_the_flags_fix_follows_the_librarys_rule_of_credentials_for_anyone() -> None:
    """problems_in_flags asks the library's one home of the rule
    (config.credentials_for_anyone) whether the options give credentials to anyone's
    origin, and words the fix with the flag of the option that does (allow_origins),
    rather than testing the flags itself."""
    from wsgi_cors import CORSConfigurationError
    from wsgi_cors.config import Problem
    from wsgi_cors.demo.options import problems_in_flags

    options = policy_options(demo_args(), PAGE)
    error = CORSConfigurationError([Problem("allow_credentials", "*", "is wrong", "fix it")])
    assert problems_in_flags(error, {**options, "allow_credentials": "*"}) == (
        "invalid CORS configuration: --allow-credentials ('*') is wrong; fix it"
    )
    assert problems_in_flags(
        error, {**options, "allow_origins": "*", "allow_credentials": "*"}
    ) == (
        "invalid CORS configuration: --allow-credentials ('*') is wrong; drop --allow-origin '*'"
        " (the page's own origin is then the one allowed), or name the origins to trust with"
        " --allow-origin"
    )


@pytest.mark.parametrize(
    ("flags", "origin", "option"),
    [
        ((), PAGE, "allow_credentials"),
        (("--allow-origin", "*"), PAGE, "allow_origins"),
        (("--allow-origin", "*"), OTHER, "allow_origins"),
        (("--allow-origin", PAGE, "--allow-origin", OTHER), OTHER, "allow_credentials"),
    ],
)
def test_the_credentials_fix_lets_the_origin_read_with_credentials(
    flags: tuple[str, ...], origin: str, option: str
) -> None:
    """credentials_fix, which the page shows when a browser keeps a response to a
    request with credentials: it names *option*, and its changes, read back from the
    restart command line (demo_command, then the demo's parser), give a policy the
    middleware accepts under which that request from *origin* passes the CORS check
    (wsgi-cors check's). With allow_origins='*', allow_credentials='*' alone is
    refused (config.credentials_for_anyone): allow_origins is narrowed to *origin*."""
    options = policy_options(demo_args(*flags), PAGE)

    def readable_with_credentials(policy: dict[str, object]) -> bool:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no security warning either
            middleware = CORSMiddleware(make_api_app(PAGE), **policy)
        response = call(middleware, "GET", "/api/me", {"Origin": origin})
        return cors_check(response.get(ACAO), response.get(ACAC), origin, True).ok

    assert allows_origin(build_middleware(make_api_app(PAGE), options), origin)
    assert not readable_with_credentials(options)
    fix = credentials_fix(options, origin)
    assert fix["option"] == option
    changed = {**options, **fix["changes"]}
    restarted = policy_options(demo_args(*shlex.split(demo_command(changed, PAGE))[2:]), PAGE)
    assert restarted == changed
    assert readable_with_credentials(restarted)


#: Flags the middleware refuses or warns of, each message to be in the demo's flags.
TOLD_IN_FLAGS = [
    ["--allow-origin", "http://a.example http://b.example"],
    ["--allow-method", "*", "--allow-method", "GET"],
    ["--allow-origin", "*", "--allow-origin", "http://a.example"],
    ["--allow-header", "*,X-A"],
    ["--allow-origin", "null", "--allow-credentials"],
    ["--allow-origin", "*", "--allow-credentials"],
    ["--allow-header", "a,,b"],
    ["--max-age", "-1"],
    ["--max-age", "86401"],
    ["--allow-origin", "http://localhost:80"],
    ["--allow-origin", "http://*.github.io"],
    ["--allow-header", "Cookie"],
    ["--expose-header", "Set-Cookie"],
    ["--allow-method", "CONNECT"],
    ["--allow-header", "x y"],
    ["--allow-origin", "https://a.example,"],  # an empty origin: no environment variable
]


@pytest.mark.parametrize("flags", TOLD_IN_FLAGS)
def test_every_message_of_the_flags_speaks_in_flags(flags: list[str]) -> None:
    """The library's problems and warnings name its keywords and fix in Python
    (allow_methods='*', a list, allow_credentials listing origins, None); the demo's
    name its flags and fix with them (a review found only credentials for anyone
    translated)."""
    parser = argparse.ArgumentParser(prog="wsgi-cors demo")
    add_demo_arguments(parser)
    args = parser.parse_args(flags)
    message = check_policy(parser, args)
    if message is None:
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            build_middleware(make_api_app(), policy_options(args, PAGE))
        message = stderr.getvalue()
    assert message, flags
    python = re.compile(
        r"\b(?:allow_\w+|expose_headers|max_age|dangerously\w*|None|True)\b|\[|=\S"
        r"|in --allow-credentials|environment variable"
    )
    assert not python.search(message.split("error: ")[-1]), message


def test_allow_origin_splits_on_commas_and_none_is_none() -> None:
    """--allow-origin reads commas as the other list flags do (an origin holds none);
    a lone none is None, as --max-age none is, where the option takes it (--allow-method
    none passes preflights to the API); demo_flags writes it back."""
    options = policy_options(demo_args("--allow-origin", f"{PAGE}, {OTHER}"), PAGE)
    assert options["allow_origins"] == [PAGE, OTHER]
    args = demo_args("--allow-method", "none", "--allow-header", "None", "--expose-header", "NONE")
    options = policy_options(args, PAGE)
    assert (options["allow_methods"], options["allow_headers"], options["expose_headers"]) == (
        None,
        None,
        None,
    )
    assert demo_flags(options, PAGE) == ["--allow-method", "none"]
    assert policy_options(demo_args("--allow-origin", "none"), PAGE)["allow_origins"] == ["none"]


def test_serve_rejects_invalid_policy_without_the_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = demo_args("--max-age", "-1", "--api-port", "0", "--page-port", "0")
    assert serve(args) == 2  # called directly, not through main()
    err = capsys.readouterr().err
    assert "--max-age -1 is outside" in err and "max_age" not in err and "Traceback" not in err


def test_check_policy_reports_a_type_error_as_a_usage_error() -> None:
    """check_policy catches the middleware's TypeError (a value of the wrong type, from
    a Namespace built by hand) as well as its CORSConfigurationError: the usage error to
    report, not a crash. A mutation review found the TypeError unpinned."""
    parser = argparse.ArgumentParser(prog="wsgi-cors demo")
    add_demo_arguments(parser)
    args = parser.parse_args([])
    assert check_policy(parser, args) is None
    args.max_age = "60"
    error = check_policy(parser, args)
    assert error is not None and error.startswith("usage: wsgi-cors demo ")
    assert "\nwsgi-cors demo: error: max_age: expected int seconds" in error


def test_a_port_flag_over_65535_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--api-port and --page-port take 0..65535, both ends included. A mutation review
    found the upper bound unpinned."""
    assert demo_args("--api-port", "65535", "--page-port", "0").api_port == 65535
    with pytest.raises(SystemExit) as exited:
        demo_args("--page-port", "65536")
    assert exited.value.code == 2
    assert "port 65536 is not in 0..65535" in capsys.readouterr().err


def test_a_port_flag_that_is_no_number_is_told_so(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse named the ValueError by the function's name: "invalid _port value:
    'abc'" (helper-146's review)."""
    with pytest.raises(SystemExit) as exited:
        demo_args("--api-port", "abc")
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        "wsgi-cors demo: error: argument --api-port: port 'abc' is not a number\n"
    )


@pytest.mark.servers
def test_start_demo_on_free_ports() -> None:
    logger = logging.getLogger("wsgi_cors")
    handlers = list(logger.handlers)
    demo = start_demo(demo_args("--api-port", "0", "--page-port", "0"))
    try:
        port = demo.page_server.server_address[1]
        assert demo.page_url == f"http://localhost:{port}/"
        assert demo.other_page_url == f"http://127.0.0.1:{port}/"
        assert demo.options["allow_origins"] == [f"http://localhost:{port}"]
        page_origin, other = f"http://localhost:{port}", f"http://127.0.0.1:{port}"
        assert demo.origins == [
            {
                "origin": page_origin,
                "role": "page",
                "allowed": True,
                "credentials": credentials_fix(demo.options, page_origin),
            },
            {
                "origin": other,
                "role": "other",
                "allowed": False,
                "credentials": credentials_fix(demo.options, other),
            },
        ]
        assert demo.origins[0]["credentials"] == {
            "option": "allow_credentials",
            "changes": {"allow_credentials": "*"},
        }
        for url in (demo.page_url, demo.other_page_url):  # one page server, two origins
            status, headers, body = http("GET", url)
            assert status == 200 and f'"api": "{demo.api_url}"' in body
        # A restart keeps the ports bound now, not 0, so that the page's origin stays.
        api_port = demo.api_server.server_address[1]
        status, _, body = http("GET", f"{demo.api_url}/_demo/command?changes=%7B%7D")
        assert json.loads(body) == {
            "command": f"wsgi-cors demo --api-port {api_port} --page-port {port}",
            "start": demo.start,
        }
        assert len(logger.handlers) == len(handlers) + 1  # listening to the middleware
    finally:
        demo.stop()
    assert demo.page_server.socket.fileno() == -1  # closed
    assert demo.api_server.socket.fileno() == -1
    assert not any(thread.is_alive() for thread in demo.threads)
    assert logger.handlers == handlers


def test_the_page_origins_are_serialized_as_a_browser_serializes_them() -> None:
    """The page's origins are what the page reads as location.origin and sends as
    Origin: on http's default port, 80, without the port. The demo wrote
    http://localhost:80, which the middleware refuses (browsers never send it), so
    --page-port 80 could never start, and the error blamed --allow-origin (a review)."""
    from wsgi_cors.demo.server import _page_origins

    assert _page_origins(80) == ("http://localhost", "http://127.0.0.1")
    assert _page_origins(8001) == ("http://localhost:8001", "http://127.0.0.1:8001")
    assert _page_origins(443) == ("http://localhost:443", "http://127.0.0.1:443")


@pytest.mark.servers
def test_the_demo_runs_with_its_page_on_port_80_where_it_may() -> None:
    """Where this user may listen on port 80 and it is free (never required: skipped
    otherwise), the demo starts there and allows the origin a browser sends from it."""
    try:
        demo = start_demo(demo_args("--api-port", "0", "--page-port", "80"))
    except DemoPortError as error:
        pytest.skip(f"port 80 cannot be used here: {error}")
    try:
        assert demo.page_url == "http://localhost/"
        assert demo.other_page_url == "http://127.0.0.1/"
        assert demo.options["allow_origins"] == ["http://localhost"]
        assert [o["allowed"] for o in demo.origins] == [True, False]
        status, headers, body = http("GET", "http://127.0.0.1:80/")
        assert status == 200 and '"origin": "http://localhost"' in body
        status, headers, _ = http(
            "GET", demo.api_url + "/api/hello", {"Origin": "http://localhost"}
        )
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "http://localhost"
    finally:
        demo.stop()


# -- a port that cannot be used -------------------------------------------------------------


@contextlib.contextmanager
def listening_socket() -> Iterator[int]:
    """A port on 127.0.0.1 that something else is listening on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


@pytest.mark.parametrize("flag", ["--api-port", "--page-port"])
def test_a_busy_port_names_itself_and_the_flag(
    flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with listening_socket() as busy:
        ports = {"--api-port": "0", "--page-port": "0", flag: str(busy)}
        assert serve(demo_args(*(item for pair in ports.items() for item in pair))) == 1
    err = capsys.readouterr().err
    assert err == (
        f"wsgi-cors demo: error: port {busy} is in use: pass {flag} 0 (any free port) or"
        " another port\n"
    )


def test_every_busy_port_is_named_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    with listening_socket() as api, listening_socket() as page:
        assert serve(demo_args("--api-port", str(api), "--page-port", str(page))) == 1
    err = capsys.readouterr().err
    assert err == (
        f"wsgi-cors demo: error: port {page} is in use: pass --page-port 0 (any free port) or"
        f" another port; port {api} is in use: pass --api-port 0 (any free port) or another"
        " port\n"
    )


def test_the_same_port_twice_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    port = str(free_port())
    assert serve(demo_args("--api-port", port, "--page-port", port)) == 1
    err = capsys.readouterr().err
    assert f"--api-port and --page-port are both {port}" in err and "Traceback" not in err


def test_demo_subprocess_busy_port_exits_1_without_a_traceback() -> None:
    with listening_socket() as busy:
        proc = run_demo("--api-port", str(busy), "--page-port", "0")
        try:
            out, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert proc.returncode == 1
    assert err == (
        f"wsgi-cors demo: error: port {busy} is in use: pass --api-port 0 (any free port) or"
        " another port\n"
    )
    assert out == ""


# -- the command line, over real HTTP -------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http(
    method: str, url: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def run_demo(*flags: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "wsgi_cors", "demo", *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def drain(lines: queue.Queue[str | None]) -> list[str | None]:
    out = []
    while not lines.empty():
        out.append(lines.get())
    return out


def wait_for(lines: queue.Queue[str | None], expected: str, timeout: float = 10) -> None:
    """Wait until *expected* is one of the *lines* (each read only once)."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.05, deadline - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            break
        if line.rstrip("\n") == expected:
            return
        seen.append(line)
    pytest.fail(f"{expected!r} not printed; printed: {seen}")


def read_lines(stream) -> queue.Queue[str | None]:
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return lines


@pytest.mark.servers
def test_demo_subprocess_serves_and_stops_on_sigterm() -> None:
    api_port, page_port = free_port(), free_port()
    while page_port == api_port:
        page_port = free_port()
    proc = run_demo("--api-port", str(api_port), "--page-port", str(page_port))
    out = read_lines(proc.stdout)
    errors = read_lines(proc.stderr)
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 15
        while not any("Ctrl-C" in line for line in seen):
            try:
                line = out.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"demo did not start in 15 s; output so far: {seen}")
            if line is None:
                pytest.fail(f"demo exited early: {seen} {drain(errors)}")
            seen.append(line)
            if time.monotonic() > deadline:
                pytest.fail(f"demo did not start in 15 s; output so far: {seen}")
        text = "".join(seen)
        api, origin = f"http://127.0.0.1:{api_port}", f"http://localhost:{page_port}"
        assert api in text and f"{origin}/" in text and f"http://127.0.0.1:{page_port}/" in text
        assert f'    allow_origins=["{origin}"],' in text  # the CORSMiddleware(...) call
        assert f"curl -i -X OPTIONS {api}/api/items/1 -H 'Origin: {origin}'" in text

        for path in ("/", "/api/items/1"):
            status, headers, _ = http(
                "OPTIONS",
                api + path,
                {
                    "Origin": origin,
                    "Access-Control-Request-Method": "PUT",
                    "Access-Control-Request-Headers": "content-type",
                },
            )
            assert 200 <= status < 300
            assert headers["Access-Control-Allow-Origin"] == origin
        assert "PUT" in headers["Access-Control-Allow-Methods"]

        status, headers, body = http("GET", api + "/api/hello", {"Origin": origin})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == origin
        assert "message" in json.loads(body)

        status, headers, _ = http("GET", api + "/api/hello", {"Origin": "http://evil.example"})
        assert status == 200 and "Access-Control-Allow-Origin" not in headers
        assert "Origin" in headers["Vary"]
        wait_for(errors, "[api ] CORS request denied: origin 'http://evil.example' not allowed")
        preflight = preflight_headers("http://evil.example", "DELETE")
        assert http("OPTIONS", api + "/api/items/1", preflight)[0] == 403
        wait_for(
            errors,
            "[api ] CORS-preflight request denied: origin not allowed"
            " (origin 'http://evil.example', method 'DELETE')",
        )

        # The request log shows a client's control characters escaped, never raw.
        http("GET", api + "/api/hello", {"Origin": "http://x\x1b[2J.example"})
        wait_for(errors, "[api ] GET /api/hello -> 200  (Origin: http://x\\x1b[2J.example)")

        status, headers, body = http("GET", f"{origin}/")
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert "<table" in body and api in body

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        rest: list[str] = []
        while (line := out.get(timeout=5)) is not None:
            rest.append(line)
        assert "stopped" in "".join(rest)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=5)
        proc.stdout.close()
        proc.stderr.close()


def wait_until_serving(proc: subprocess.Popen[str], url: str, timeout: float = 15) -> None:
    """Wait until *url* answers, failing if *proc* exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"demo exited with {proc.returncode}: {proc.stderr.read()}")
        try:
            if http("GET", url)[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"demo did not serve {url} in {timeout} s")


@pytest.mark.servers
def test_a_second_ctrl_c_while_stopping_prints_no_traceback() -> None:
    """serve() ignored SIGTERM while stopping but not SIGINT: a second Ctrl-C during
    the servers' shutdown printed a KeyboardInterrupt traceback from Demo.stop (a
    review). Both signals are ignored until both servers are stopped."""
    page_port = free_port()
    proc = run_demo("--api-port", "0", "--page-port", str(page_port))
    try:
        wait_until_serving(proc, f"http://127.0.0.1:{page_port}/")
        proc.send_signal(signal.SIGINT)
        time.sleep(0.1)  # while the two servers shut down (each polls every 0.2 s)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, (proc.returncode, err)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert out.endswith("stopped\n")


@pytest.mark.servers
def test_a_reader_gone_from_stdout_leaves_the_demo_serving() -> None:
    """``wsgi-cors demo | head -2``: the banner's print died of BrokenPipeError (a
    review). Now stdout goes to devnull once its reader is gone; the demo serves on and
    stops cleanly."""
    page_port = free_port()
    proc = run_demo("--api-port", "0", "--page-port", str(page_port))
    proc.stdout.close()  # the reader is gone before the banner is printed
    try:
        wait_until_serving(proc, f"http://127.0.0.1:{page_port}/")
        proc.send_signal(signal.SIGTERM)
        err = proc.stderr.read()
        assert proc.wait(timeout=15) == 0, err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    assert "Traceback" not in err and "BrokenPipeError" not in err and "ignored" not in err


def test_demo_subprocess_invalid_flag_exits_2() -> None:
    proc = run_demo(
        "--allow-origin",
        "https://a.com/",
        "--api-port",
        str(free_port()),
        "--page-port",
        str(free_port()),
    )
    try:
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 2
    assert err.startswith("usage: wsgi-cors demo ")
    assert "--allow-origin 'https://a.com/'" in err and "allow_origins" not in err
    assert "Traceback" not in err


def test_a_star_among_names_stays_a_list_for_the_middleware_to_refuse() -> None:
    """Only a lone '*' is the wildcard; '*,X-Foo' is a list the middleware refuses,
    never every header (a mutation review found it unpinned)."""
    from wsgi_cors.demo.options import _names

    assert _names(["*"]) == "*"
    assert _names(["*,X-Foo"]) == ["*", "X-Foo"]
    assert _names(["X-A,", "X-B"]) == ["X-A", "", "X-B"]


@pytest.mark.parametrize(("text", "max_age"), [("none", None), ("None", None), ("0", 0)])
def test_max_age_none_sends_no_max_age(text: str, max_age: int | None) -> None:
    """The middleware's error for --max-age 100000 offers None (no
    Access-Control-Max-Age), which the flag could not say (a new-user trial)."""
    args = demo_args("--max-age", text, "--api-port", "0", "--page-port", "0")
    assert policy_options(args, "http://localhost:8001")["max_age"] == max_age


def test_max_age_that_is_no_number_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        demo_args("--max-age", "ten")
    assert exited.value.code == 2
    assert "'ten' is not a whole number of seconds; write e.g. 600, or none" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("text", ["+80", " 80", "٨٠", "-1"])
def test_a_port_flag_is_ascii_digits(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A port is ASCII digits (wsgi_cors.origins.port_number), as the URL parser reads
    one: int() would take a sign, white space and other scripts' digits."""
    with pytest.raises(SystemExit) as exited:
        demo_args("--api-port", text)
    assert exited.value.code == 2
    assert f"port {text!r} is not a number" in capsys.readouterr().err
