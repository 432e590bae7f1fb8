"""The CORS test suites of flask-cors and wsgicors, ported to wsgi-cors.

Two more peer suites were read for their facts only (which requests, which options,
which expected headers), as in ``test_peer_suites.py``; every test here is written
anew, in this project's style:

* **flask-cors**: ``corydolphin/flask-cors``, ``tests/decorator/``, ``tests/extension/``
  and ``tests/core/`` as released in the 6.0.5 sdist (the version the migration guide
  was checked with), plus the four files of those folders that only the repository
  has (``test_callable_origins.py``, ``test_error_preflight.py``,
  ``test_invalid_cors_response_status_code.py``, ``test_ipv6.py``). Each case runs
  against a real Flask application whose ``wsgi_app`` is wrapped by
  ``CORSMiddleware``. flask-cors's options map to ours as
  ``docs/migrating/flask-cors.rst`` says: ``origins`` becomes ``allow_origins`` (or
  ``allow_origin_regex`` for a regular expression), ``supports_credentials=True``
  becomes ``allow_credentials="*"``, ``methods`` becomes ``allow_methods``, and both
  ``resources`` and a ``@cross_origin(...)`` view decorator become a ``paths`` entry
  for the view's URL.
* **wsgicors**: ``may-day/wsgicors``, ``test-wsgicors.py`` (the 0.7.0 version). Each
  case runs against a plain WSGI application, wrapped by :func:`from_wsgicors`, which
  maps a wsgicors policy's text options to ours as ``docs/migrating/wsgicors.rst`` says.

Where wsgi-cors answers differently on purpose, the expected value is wsgi-cors's and
the test's docstring says why: a numbered "Deliberate difference from Falcon" of the
README, a section of the README or of ``docs/``, a migration guide, or the
Fetch standard. The peer tests with no equivalent are listed in :data:`NOT_PORTED`,
each with its reason.

Both suites send bare words as origins (``'www.example.com'``, ``'localhost'``).
wsgi-cors refuses them in its configuration (difference 8) and never reflects them
from a request (difference 4), so each case is ported with a serialized origin in
their place (``http://www.example.com``, ``http://localhost``), and the bare words are
kept in the tests that show what wsgi-cors does with them. Neither flask_cors nor
wsgicors is imported: the tests exercise wsgi-cors only.
"""

from __future__ import annotations

import re
import string
import warnings
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

import pytest
from flask import Blueprint, Flask, abort

from apps import ACAC, ACAH, ACAM, ACAO, ACAPN, ACEH, ACMA
from wsgi_call import Response, call, fetch, preflight, vary
from wsgi_cors import CORSConfigurationError, CORSMiddleware, CORSSecurityWarning

WSGIApp = Callable[..., Iterable[bytes]]

#: The peer tests read and not ported, as ``(peer test, reason)``.
NOT_PORTED: list[tuple[str, str]] = [
    (
        "flask-cors tests/decorator/test_allow_headers.py"
        " AllowHeadersTestCaseIntegration.test_allow_headers_regex",
        "allow_headers takes header names, not regular expressions (flask-cors migration"
        " guide, allow_headers row)",
    ),
    (
        "flask-cors tests/core/test_helpers.py"
        " InternalsTestCase.test_get_allow_headers_matching_none",
        "a regular expression in allow_headers, as above",
    ),
    (
        "flask-cors tests/decorator/test_options.py OptionsTestCase.test_no_options_and_not_auto",
        "automatic_options=False has no equivalent: every response on a covered path gets"
        " CORS headers (flask-cors migration guide, automatic_options row)",
    ),
    (
        "flask-cors tests/decorator/test_exception_interception.py"
        " NoExceptionInterceptionTestCase.test_acl_uncaught_exception_500",
        "intercept_exceptions=False has no equivalent (always on: flask-cors migration"
        " guide), and flask-cors skips the test itself on Flask 1.1 and later",
    ),
    (
        "flask-cors tests/core/test_helpers.py InternalsTestCase.test_flexible_str_str",
        "a flask-cors internal (how an option value is turned into text): no request",
    ),
    (
        "flask-cors tests/core/test_helpers.py InternalsTestCase.test_flexible_str_set",
        "a flask-cors internal (how an option value is turned into text): no request",
    ),
    (
        "flask-cors tests/core/test_helpers.py InternalsTestCase.test_probably_regex",
        "a flask-cors internal guessing which origins are regular expressions; wsgi-cors"
        " takes them only in allow_origin_regex",
    ),
    (
        "flask-cors tests/decorator/test_callable_origins.py"
        " CallableOriginsTestCase.test_callable_wildcard",
        "a callable answering '*' has no equivalent: ours answers a bool, and the"
        " wildcard is allow_origins='*' (README, 'Origins decided by a function')",
    ),
    (
        "flask-cors tests/decorator/test_invalid_cors_response_status_code.py"
        " DecoratorInvalidCorsResponseStatusCode.test_with_client_error_status",
        "invalid_cors_status_code has no equivalent: an actual request from an origin not"
        " allowed keeps the application's status (docs/security.rst, 'What CORS does not"
        " do')",
    ),
    (
        "flask-cors tests/decorator/test_invalid_cors_response_status_code.py"
        " DecoratorInvalidCorsResponseStatusCode.test_with_non_client_error_status",
        "invalid_cors_status_code, as above",
    ),
    (
        "wsgicors test-wsgicors.py test_selectPolicy_firstmatch",
        "several policies chosen by origin have no equivalent (wsgicors migration guide,"
        " policy row); the test calls wsgicors's internal selectPolicy",
    ),
    (
        "wsgicors test-wsgicors.py test_selectPolicy_verbmatch",
        "matchstrategy = verbmatch has no equivalent (wsgicors migration guide)",
    ),
]


# -- requests -------------------------------------------------------------------------


def get_head_options(
    app: WSGIApp, path: str, origin: str | None = None, **headers: str
) -> list[Response]:
    """``GET``, ``HEAD`` and a plain ``OPTIONS`` (no ``Access-Control-Request-Method``,
    so not a preflight) to *path*: the three requests flask-cors's tests repeat."""
    return [fetch(app, origin, method, path, **headers) for method in ("GET", "HEAD", "OPTIONS")]


def assert_no_cors(response: Response) -> None:
    assert response.cors() == {}


def assert_denied(response: Response) -> None:
    """A preflight the middleware denies: ``403`` and no ``Access-Control-*`` header
    (README difference 6; both migration guides, "What else changes"). flask-cors and
    wsgicors answer such a preflight with a 2xx status."""
    assert response.code == 403
    assert_no_cors(response)


# == flask-cors: tests/decorator, tests/extension, tests/core ============================

WWW = "http://www.example.com"  # for flask-cors's bare 'www.example.com'
FOO = "http://foo.com"
BAR = "http://bar.com"
EXAMPLE_COM = "http://example.com"
WELCOME = "Welcome!"


def flask_app(*rules: str, text: str = WELCOME) -> Flask:
    """A Flask application answering *text* on each URL rule (GET, HEAD, and Flask's
    automatic OPTIONS)."""
    app = Flask(__name__)
    for rule in rules:
        app.add_url_rule(rule, rule, lambda: text)
    return app


def with_cors(app: Flask, **options: Any) -> Flask:
    """*app* with its ``wsgi_app`` wrapped, as the README's Flask recipe does."""
    app.wsgi_app = CORSMiddleware(app.wsgi_app, **options)  # type: ignore[method-assign]
    return app


def by_regex(pattern: str | re.Pattern[str]) -> dict[str, Any]:
    """A ``paths`` entry allowing the origins *pattern* matches and no other: the
    translation of a flask-cors ``origins`` regular expression (migration guide)."""
    return {"allow_origins": [], "allow_origin_regex": pattern}


# -- origins: decorator/test_origins.py, extension/test_app_extension.py ----------------

SUBDOMAIN_REGEX = r"http?://\w*\.?example\.com:?\d*/?.*"
REGEX_LIST = r".*.example.com|.*.otherexample.com"  # flask-cors's list, as one pattern

#: ``@cross_origin(...)`` on each view of flask-cors's ``OriginsTestCase``, as ``paths``.
DECORATOR_ORIGIN_PATHS: dict[str | re.Pattern[str], dict[str, Any]] = {
    "/": {},
    "/test_send_wildcard_with_origin": {},
    "/test_list": {"allow_origins": [FOO, BAR]},
    "/test_string": {"allow_origins": FOO},
    "/test_set": {"allow_origins": {FOO, BAR}},
    "/test_subdomain_regex": by_regex(SUBDOMAIN_REGEX),
    "/test_compiled_subdomain_regex": by_regex(re.compile(SUBDOMAIN_REGEX)),
    "/test_regex_list": by_regex(REGEX_LIST),
    "/test_regex_mixed_list": {
        "allow_origins": [EXAMPLE_COM],
        "allow_origin_regex": r".*.otherexample.com",
    },
    "/test_multiple_protocols": by_regex("https?://example.com"),
}

#: ``CORS(app, resources=...)`` of flask-cors's ``AppExtensionRegexp``, as ``paths``.
EXTENSION_ORIGIN_PATHS: dict[str | re.Pattern[str], dict[str, Any]] = {
    "/test_defaults": {},
    "/test_send_wildcard_with_origin": {},
    "/test_list": {"allow_origins": [FOO, BAR]},
    "/test_string": {"allow_origins": FOO},
    "/test_set": {"allow_origins": {FOO, BAR}},
    "/test_subdomain_regex": by_regex(SUBDOMAIN_REGEX),
    "/test_regex_list": by_regex(REGEX_LIST),
    "/test_regex_mixed_list": {
        "allow_origins": [EXAMPLE_COM],
        "allow_origin_regex": r".*.otherexample.com",
    },
    re.compile(r"/test_compiled_subdomain_\w*"): by_regex(re.compile(r"http://example\d+.com")),
}

ORIGIN_SUITES = {"decorator": DECORATOR_ORIGIN_PATHS, "extension": EXTENSION_ORIGIN_PATHS}


def origins_app(suite: str) -> Flask:
    """flask-cors's origins application for *suite*. As in the peer's, a path with CORS
    options but no view answers Flask's ``404``, which still gets CORS headers."""
    paths = ORIGIN_SUITES[suite]
    views = [path for path in paths if isinstance(path, str)]
    # flask-cors's own patterns leave dots unescaped ("https?://example.com" allows
    # "https://exampleXcom" too), and its subdomain pattern lets anything follow the
    # host (its "/?.*" allows "http://example.com.evil.net"): wsgi-cors warns of both,
    # and still runs them.
    with pytest.warns(CORSSecurityWarning) as caught:
        app = with_cors(flask_app(*views), paths=paths)
    said = " ".join(str(warning.message) for warning in caught)
    assert "has a '.' that is not escaped" in said
    assert "lets anything follow 'example.com': it matches 'http://example.com." in said
    return app


@pytest.mark.parametrize(
    ("peer_test", "path"),
    [
        ("OriginsTestCase.test_defaults_no_origin", "/"),
        ("OriginsTestCase.test_always_send_no_wildcard", "/"),
        ("OriginsTestCase.test_always_send_no_wildcard_origins", "/"),
        ("AppExtensionRegexp.test_defaults_no_origin", "/test_defaults"),
        ("ResponseHeadersOverrideTestCaseIntegration.test_override_headers", "/"),
    ],
)
def test_default_policy_request_without_origin(peer_test: str, path: str) -> None:
    """Ports flask-cors's ``OriginsTestCase.test_defaults_no_origin``,
    ``test_always_send_no_wildcard`` and ``test_always_send_no_wildcard_origins``
    (tests/decorator/test_origins.py), ``AppExtensionRegexp.test_defaults_no_origin``
    (tests/extension/test_app_extension.py) and ``test_override_headers``
    (tests/core/test_override_headers.py): with every origin allowed, a request without
    ``Origin`` gets ``Access-Control-Allow-Origin: *`` (flask-cors's ``always_send``;
    wsgi-cors's README difference 5), on ``GET``, ``HEAD`` and a plain ``OPTIONS``. No
    ``Vary``: the answer is the same for every origin (README difference 1)."""
    suite = "extension" if peer_test.startswith("AppExtension") else "decorator"
    for response in get_head_options(origins_app(suite), path):
        assert response.code == 200
        assert response.cors() == {ACAO: "*"}
        assert vary(response) == set()


@pytest.mark.parametrize(
    ("peer_test", "path"),
    [
        ("OriginsTestCase.test_defaults_with_origin", "/"),
        ("OriginsTestCase.test_send_wildcard_with_origin", "/test_send_wildcard_with_origin"),
        ("AppExtensionRegexp.test_defaults_with_origin", "/test_defaults"),
        ("AppExtensionRegexp.test_send_wildcard_with_origin", "/test_send_wildcard_with_origin"),
        ("AppExtensionDefault.test_default", "/"),
    ],
)
def test_default_policy_request_with_origin(peer_test: str, path: str) -> None:
    """Ports flask-cors's ``test_defaults_with_origin`` and
    ``test_send_wildcard_with_origin`` (decorator and extension versions) and
    ``AppExtensionDefault.test_default``: every origin is allowed, ``200``. flask-cors
    reflects the origin unless ``send_wildcard=True``; wsgi-cors always answers ``*``,
    which any cache can share (flask-cors migration guide, ``origins="*"`` and
    ``send_wildcard`` rows; README difference 5)."""
    if peer_test.startswith("AppExtensionDefault"):
        app = with_cors(flask_app("/"))  # CORS(app): every option at its default
    else:
        app = origins_app("extension" if peer_test.startswith("AppExtension") else "decorator")
    for response in get_head_options(app, path, EXAMPLE_COM):
        assert response.code == 200
        assert response.cors() == {ACAO: "*"}


@pytest.mark.parametrize("suite", ["decorator", "extension"])
@pytest.mark.parametrize(
    ("peer_test", "path", "origin", "expected"),
    [
        ("test_list_serialized", "/test_list", BAR, BAR),
        ("test_string_serialized", "/test_string", FOO, FOO),
        ("test_set_serialized", "/test_set", BAR, BAR),
        ("test_not_matching_origins", "/test_list", "http://bazz.com", None),
    ],
)
def test_listed_origins(
    suite: str, peer_test: str, path: str, origin: str, expected: str | None
) -> None:
    """Ports flask-cors's ``test_list_serialized``, ``test_string_serialized``,
    ``test_set_serialized`` and ``test_not_matching_origins``, both in
    ``OriginsTestCase`` and in ``AppExtensionRegexp``: a listed origin (in a list, a
    string or a set) is reflected; another gets no CORS header. ``Vary: Origin`` on
    both (README difference 1)."""
    for response in get_head_options(origins_app(suite), path, origin):
        assert response.code == 200
        assert response.cors() == ({} if expected is None else {ACAO: expected})
        assert vary(response) == {"Origin"}


@pytest.mark.parametrize(
    ("peer_test", "path"),
    [
        ("OriginsTestCase.test_subdomain_regex", "/test_subdomain_regex"),
        ("OriginsTestCase.test_compiled_subdomain_regex", "/test_compiled_subdomain_regex"),
        ("AppExtensionRegexp.test_subdomain_regex", "/test_subdomain_regex"),
    ],
)
def test_subdomain_regex(peer_test: str, path: str) -> None:
    """Ports flask-cors's ``test_subdomain_regex`` and ``test_compiled_subdomain_regex``
    (decorator) and ``AppExtensionRegexp.test_subdomain_regex``: the regular expression,
    as text or compiled, becomes ``allow_origin_regex``, which the origins
    ``http://a.example.com`` to ``http://z.example.com`` match whole, so each is
    reflected."""
    app = origins_app("extension" if peer_test.startswith("AppExtension") else "decorator")
    for letter in string.ascii_lowercase:
        origin = f"http://{letter}.example.com"
        for response in get_head_options(app, path, origin):
            assert response.cors() == {ACAO: origin}


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("http://example1.com", True),
        ("http://example100.com", True),
        ("http://example200.com", True),
        ("http://examplea.com", False),
    ],
)
def test_compiled_regex_resource_and_origin(origin: str, allowed: bool) -> None:
    """Ports flask-cors's ``AppExtensionRegexp.test_compiled_subdomain_regex``: a compiled
    path pattern (a ``paths`` key, matched against the whole path) with a compiled origin
    pattern. The path has no view, so Flask answers ``404``, with CORS headers all the
    same, as in flask-cors."""
    for response in get_head_options(
        origins_app("extension"), "/test_compiled_subdomain_regex", origin
    ):
        assert response.cors() == ({ACAO: origin} if allowed else {})


@pytest.mark.parametrize("suite", ["decorator", "extension"])
def test_regex_list(suite: str) -> None:
    """Ports flask-cors's ``test_regex_list`` (decorator and extension):
    ``origins=[r".*.example.com", r".*.otherexample.com"]``, here one ``allow_origin_regex``
    with the two as alternatives. The peer's origins are ``http://a.example.com.com``,
    ``http://a.otherexample.com.com`` and so on, which flask-cors allows because it matches
    a regular expression from the start only; wsgi-cors matches the whole origin
    (docs/configuration.rst, 'allow_origin_regex': matched in full, ``re.fullmatch``;
    flask-cors migration guide, regular-expression row), so it denies them and allows the
    origins the patterns spell, ``http://a.example.com``..."""
    app = origins_app(suite)
    for parent in ("example.com", "otherexample.com"):
        for letter in string.ascii_lowercase:
            peer_origin = f"http://{letter}.{parent}.com"
            whole_match = f"http://{letter}.{parent}"
            for response in get_head_options(app, "/test_regex_list", peer_origin):
                assert response.cors() == {}
            for response in get_head_options(app, "/test_regex_list", whole_match):
                assert response.cors() == {ACAO: whole_match}


@pytest.mark.parametrize("suite", ["decorator", "extension"])
def test_regex_mixed_list(suite: str) -> None:
    """Ports flask-cors's ``test_regex_mixed_list`` (decorator and extension): an exact
    origin beside a regular expression, here ``allow_origins`` beside
    ``allow_origin_regex``; both kinds are reflected."""
    app = origins_app(suite)
    for letter in string.ascii_lowercase:
        origin = f"http://{letter}.otherexample.com"
        for response in get_head_options(app, "/test_regex_mixed_list", origin):
            assert response.cors() == {ACAO: origin}
    assert fetch(app, EXAMPLE_COM, path="/test_regex_mixed_list").cors() == {ACAO: EXAMPLE_COM}


def test_multiple_protocols() -> None:
    """Ports flask-cors's ``OriginsTestCase.test_multiple_protocols``:
    ``"https?://example.com"`` is a regular expression, here ``allow_origin_regex``,
    and ``https://example.com`` is reflected. In ``allow_origins`` the same text is
    refused, with the fix (README difference 8)."""
    app = origins_app("decorator")
    response = fetch(app, "https://example.com", path="/test_multiple_protocols")
    assert response.cors() == {ACAO: "https://example.com"}
    with pytest.raises(CORSConfigurationError, match="scheme"):
        CORSMiddleware(flask_app("/"), allow_origins=["https?://example.com"])


@pytest.mark.parametrize(
    ("peer_test", "path", "expected"),
    [
        ("test_wildcard_origin_header", "/", "*"),
        ("test_wildcard_default_origins", "/default-origins", "*"),
    ],
)
def test_w3_origin_header(peer_test: str, path: str, expected: str) -> None:
    """Ports flask-cors's ``OriginsW3TestCase.test_wildcard_origin_header`` and
    ``test_wildcard_default_origins`` (tests/decorator/test_w3.py): every origin, with
    ``send_wildcard=False``. flask-cors reflects the origin; wsgi-cors answers ``*``
    (flask-cors migration guide, ``origins="*"`` and ``send_wildcard`` rows)."""
    app = with_cors(flask_app("/", "/default-origins"))
    for response in get_head_options(app, path, EXAMPLE_COM):
        assert response.cors() == {ACAO: expected}


def test_w3_request_without_origin() -> None:
    """Ports flask-cors's ``OriginsW3TestCase.test_wildcard_no_origin_header``:
    ``always_send=False`` there, so no ``Access-Control-Allow-Origin`` without
    ``Origin``. wsgi-cors has no ``always_send`` and sends ``*`` to every request when
    every origin is allowed, so that a cached answer serves a later CORS request
    (README difference 5; flask-cors migration guide, ``always_send`` row)."""
    for response in get_head_options(with_cors(flask_app("/")), "/"):
        assert response.cors() == {ACAO: "*"}


def test_bare_word_origins() -> None:
    """flask-cors's own origin in most of its tests, ``'www.example.com'``, as sent: with
    every origin allowed wsgi-cors answers it ``*`` and never reflects it (README
    difference 4); as a configured origin it is refused, with the fix (difference 8)."""
    app = with_cors(flask_app("/"))
    assert fetch(app, "www.example.com").cors() == {ACAO: "*"}
    with pytest.raises(CORSConfigurationError, match="https://"):
        CORSMiddleware(flask_app("/"), allow_origins=["www.example.com"])


# -- decorator/test_callable_origins.py (repository only) -------------------------------

APP1 = "http://app1.example.com"
APP2 = "http://app2.example.com"


def _in(*allowed: str) -> Callable[[str], bool]:
    return lambda origin: origin in allowed


@pytest.mark.parametrize(
    ("peer_test", "decide", "origin", "allowed"),
    [
        ("test_callable_static_with_matching_origin", _in(FOO, BAR), FOO, True),
        ("test_callable_static_with_non_matching_origin", _in(FOO, BAR), "http://evil.com", False),
        ("test_callable_whitelist_with_matching_origin", _in(FOO, BAR), BAR, True),
        (
            "test_callable_whitelist_with_non_matching_origin",
            _in(FOO, BAR),
            "http://evil.com",
            False,
        ),
        ("test_callable_vary_header", _in(FOO, BAR), FOO, True),
        ("test_extension_callable_allowed", _in(APP1, APP2), APP1, True),
        ("test_extension_callable_denied", _in(APP1, APP2), "http://evil.com", False),
    ],
)
def test_callable_origins(
    peer_test: str, decide: Callable[[str], bool], origin: str, allowed: bool
) -> None:
    """Ports flask-cors's ``CallableOriginsTestCase`` and
    ``CallableOriginsExtensionTestCase`` (tests/decorator/test_callable_origins.py, in the
    repository, not in the 6.0.5 release), but their wildcard case: a callable decides which
    origins are allowed; ``200`` either way, the accepted origin reflected, and
    ``Vary: Origin`` always (README, 'Origins decided by a function'). flask-cors's
    callables return the allowed origins; ours answers ``True`` or ``False`` for the origin
    it is given."""
    app = with_cors(flask_app("/"), allow_origins=decide)
    for response in get_head_options(app, "/", origin):
        assert response.code == 200
        assert response.cors() == ({ACAO: origin} if allowed else {})
        assert vary(response) == {"Origin"}


# -- decorator/test_vary_header.py ------------------------------------------------------


def vary_app() -> Flask:
    app = flask_app("/", "/test_consistent_origin", "/test_vary")

    @app.route("/test_existing_vary_headers")
    def with_own_vary() -> Any:
        return "", 200, {"Vary": "Accept-Encoding"}

    return with_cors(
        app,
        paths={
            "/": {},
            "/test_consistent_origin": {"allow_origins": FOO},
            "/test_vary": {"allow_origins": [FOO, BAR]},
            "/test_existing_vary_headers": {"allow_origins": [FOO, BAR]},
        },
    )


@pytest.mark.parametrize(
    ("peer_test", "path", "expected_cors", "expected_vary"),
    [
        ("test_default", "/", {ACAO: "*"}, set()),
        ("test_consistent_origin", "/test_consistent_origin", {ACAO: FOO}, {"Origin"}),
        ("test_varying_origin", "/test_vary", {ACAO: FOO}, {"Origin"}),
    ],
)
def test_vary_header(
    peer_test: str, path: str, expected_cors: dict[str, str], expected_vary: set[str]
) -> None:
    """Ports flask-cors's ``VaryHeaderTestCase.test_default``, ``test_consistent_origin``
    and ``test_varying_origin``: ``Vary: Origin`` exactly where the answer depends on the
    origin (README difference 1). flask-cors's default reflects the origin and so sends
    ``Vary``; wsgi-cors answers ``*`` and needs none. For one listed origin flask-cors
    sends no ``Vary``; wsgi-cors does, since another origin gets another answer (no CORS
    header), which a shared cache must not serve to the listed one (Fetch standard,
    "CORS protocol and HTTP caches")."""
    for response in get_head_options(vary_app(), path, FOO):
        assert response.cors() == expected_cors
        assert vary(response) == expected_vary


def test_vary_header_merged() -> None:
    """Ports flask-cors's ``VaryHeaderTestCase.test_consistent_origin_concat``: the
    application's own ``Vary`` is kept and ``Origin`` merged into it (README
    difference 1)."""
    response = fetch(vary_app(), FOO, path="/test_existing_vary_headers")
    assert response.cors() == {ACAO: FOO}
    assert vary(response) == {"Origin", "Accept-Encoding"}


# -- decorator/test_credentials.py, core/test_helpers.py ---------------------------------


def test_credentials_with_every_origin_is_refused() -> None:
    """Ports the configuration of flask-cors's
    ``SupportsCredentialsCase.test_credentials_supported`` (``supports_credentials=True``
    beside the default ``origins='*'``) and of
    ``InternalsTestCase.test_serialize_options`` (tests/core/test_helpers.py), which
    expects a ``ValueError`` for ``origins='*'`` with credentials and ``send_wildcard``:
    wsgi-cors refuses every origin with credentials with a ``CORSConfigurationError``,
    a ``ValueError``, naming both fixes (README difference 7; flask-cors migration guide,
    ``supports_credentials=True`` row)."""
    with pytest.raises(ValueError, match="dangerously_allow_any_origin_with_credentials") as raised:
        with_cors(flask_app("/"), allow_credentials="*")
    assert isinstance(raised.value, CORSConfigurationError)


def test_credentials_with_every_origin_opted_into() -> None:
    """flask-cors's ``SupportsCredentialsCase.test_credentials_supported`` with the
    explicit opt-in that keeps its behaviour (README difference 7): the origin is
    reflected with ``Access-Control-Allow-Credentials: true``; a request without
    ``Origin`` gets no credentials (the repository's older version of the test; README
    difference 5)."""
    with pytest.warns(CORSSecurityWarning):
        app = with_cors(
            flask_app("/"),
            allow_credentials="*",
            dangerously_allow_any_origin_with_credentials=True,
        )
    assert fetch(app, WWW).cors() == {ACAO: WWW, ACAC: "true"}
    assert ACAC not in fetch(app).cors()


@pytest.mark.parametrize(
    ("peer_test", "credentials", "expected"),
    [
        ("test_credentials_supported", "*", {ACAO: WWW, ACAC: "true"}),
        ("test_credentials_unsupported", None, {ACAO: WWW}),
        ("test_default", None, {ACAO: WWW}),
    ],
)
def test_credentials(peer_test: str, credentials: str | None, expected: dict[str, str]) -> None:
    """Ports flask-cors's ``SupportsCredentialsCase`` (tests/decorator/test_credentials.py),
    the way the migration guide translates it (``allow_origins`` names the trusted
    origin, ``allow_credentials="*"``): credentials when supported, none by default or
    when off, and never to a request without ``Origin``."""
    app = with_cors(flask_app("/"), allow_origins=[WWW], allow_credentials=credentials)
    assert fetch(app, WWW).cors() == expected
    assert ACAC not in fetch(app).cors()


# -- decorator/test_expose_headers.py -----------------------------------------------------


def test_expose_headers_default() -> None:
    """Ports flask-cors's ``ExposeHeadersTestCase.test_default``: no
    ``Access-Control-Expose-Headers`` unless configured."""
    for response in get_head_options(with_cors(flask_app("/")), "/", WWW):
        assert ACEH not in response.cors()


def test_expose_headers_list() -> None:
    """Ports flask-cors's ``ExposeHeadersTestCase.test_override``: the configured names
    on every response. flask-cors sorts them; wsgi-cors keeps the order given, as Falcon
    does (docs/configuration.rst, 'expose_headers'): a browser reads the list as a set."""
    exposed = ["X-My-Custom-Header", "X-Another-Custom-Header"]
    for response in get_head_options(with_cors(flask_app("/"), expose_headers=exposed), "/", WWW):
        assert response.cors()[ACEH] == "X-My-Custom-Header, X-Another-Custom-Header"


# -- decorator/test_allow_headers.py, core/test_helpers.py ------------------------------

LISTED_HEADERS = ["X-Example-Header-B", "X-Example-Header-A"]


def test_allow_headers_absent_from_actual_responses() -> None:
    """Ports flask-cors's ``AllowHeadersTestCaseIntegration.test_default``: no
    ``Access-Control-Allow-Headers`` on a response that is not to a preflight."""
    for response in get_head_options(with_cors(flask_app("/")), "/"):
        assert ACAH not in response.cors()


@pytest.mark.parametrize(
    ("peer_test", "requested"),
    [
        ("test_allow_headers_no_request_headers", None),
        ("test_allow_headers_with_request_headers", "X-Example-Header-A"),
        ("test_allow_headers_with_request_headers_case_insensitive", "X-Example-header-a"),
    ],
)
def test_allow_headers_listed(peer_test: str, requested: str | None) -> None:
    """Ports flask-cors's
    ``AllowHeadersTestCaseIntegration.test_allow_headers_no_request_headers``,
    ``test_allow_headers_with_request_headers`` and ``..._case_insensitive``: a listed
    header, in any case, is allowed (docs/configuration.rst, 'allow_headers':
    "case-insensitively"). The preflight is granted with ``204`` (README difference 6), and
    ``Access-Control-Allow-Headers`` is the configured list, where flask-cors echoes the
    requested names (none when none are asked for): a browser only checks that every header
    it asks for is in it (Fetch standard, "CORS-preflight fetch"), so both let the same
    requests through."""
    app = with_cors(flask_app("/"), allow_headers=LISTED_HEADERS)
    response = preflight(app, WWW, "GET", requested)
    assert response.status == "204 No Content"
    assert response.cors()[ACAH] == "X-Example-Header-B, X-Example-Header-A"


@pytest.mark.parametrize(
    "requested", ["X-Not-Found-Header", "X-Example-Header-A, X-Not-Found-Header"]
)
def test_allow_headers_unlisted(requested: str) -> None:
    """Ports flask-cors's ``test_allow_headers_with_unmatched_request_headers``: a preflight
    asking for a header outside the list. flask-cors answers ``200`` and lists the
    listed ones it was asked for (none, or ``X-Example-Header-A``), which a browser
    fails; wsgi-cors denies the preflight: ``403`` and no CORS header
    (docs/configuration.rst, 'allow_headers'; flask-cors migration guide,
    ``allow_headers`` row)."""
    app = with_cors(flask_app("/"), allow_headers=LISTED_HEADERS)
    assert_denied(preflight(app, WWW, "GET", requested))


@pytest.mark.parametrize(
    ("peer_test", "requested", "expected"),
    [
        ("test_get_allow_headers_empty", None, "*"),
        ("test_get_allow_headers_empty", "", ""),
        ("test_get_allow_headers_matching", "X-FOO", "X-FOO"),
        ("test_get_allow_headers_matching", "X-Foo, X-Bar", "X-Foo, X-Bar"),
    ],
)
def test_allow_headers_echoed(peer_test: str, requested: str | None, expected: str) -> None:
    """Ports flask-cors's ``InternalsTestCase.test_get_allow_headers_empty`` and
    ``test_get_allow_headers_matching`` (tests/core/test_helpers.py; there a unit test of a
    helper, here a preflight): every header allowed, so the requested ones are echoed
    (docs/configuration.rst, 'allow_headers'), in the order asked where flask-cors sorts
    them. With none asked for, flask-cors sends no ``Access-Control-Allow-Headers``;
    wsgi-cors sends what Falcon sends, ``*`` without ``Access-Control-Request-Headers`` and
    the empty value for an empty one (docs/security.rst, 'Authorization and the wildcard';
    the Falcon port's ``test_enable_cors_default_answers_preflight_itself``). A browser that
    asks for no header does not read it (Fetch standard, "CORS-preflight fetch")."""
    response = preflight(with_cors(flask_app("/")), WWW, "GET", requested)
    assert response.status == "204 No Content"
    assert response.cors()[ACAH] == expected


# -- decorator/test_methods.py -----------------------------------------------------------


def test_methods_default() -> None:
    """Ports flask-cors's ``MethodsCase.test_defaults``: no ``Access-Control-Allow-Methods``
    on ``GET`` or ``HEAD``; a preflight for ``POST`` is granted. flask-cors lists its
    seven default methods; wsgi-cors's default (``allow_methods="*"``) echoes the
    requested one (docs/configuration.rst, 'allow_methods'; flask-cors migration guide,
    ``methods`` row)."""
    app = with_cors(flask_app("/defaults"))
    for method in ("GET", "HEAD"):
        assert ACAM not in fetch(app, WWW, method, "/defaults").cors()
    response = preflight(app, WWW, "POST", path="/defaults")
    assert response.status == "204 No Content"
    assert response.cors()[ACAM] == "POST"


def test_methods_defined() -> None:
    """Ports flask-cors's ``MethodsCase.test_methods_defined``: ``methods=['POST']``. No
    ``Access-Control-Allow-Methods`` on actual requests; a preflight for ``POST`` is
    granted; one for ``PUT`` is denied, which flask-cors answers ``200`` without
    ``Access-Control-Allow-Methods`` and wsgi-cors ``403`` without any CORS header
    (flask-cors migration guide, "What else changes")."""
    app = with_cors(flask_app("/test_methods_defined"), allow_methods=["POST"])
    for method in ("GET", "HEAD"):
        assert ACAM not in fetch(app, None, method, "/test_methods_defined").cors()
    assert ACAM not in fetch(app, WWW, path="/test_methods_defined").cors()
    response = preflight(app, WWW, "POST", path="/test_methods_defined")
    assert response.status == "204 No Content"
    assert response.cors()[ACAM] == "POST"
    assert_denied(preflight(app, WWW, "PUT", path="/test_methods_defined"))


# -- decorator/test_max_age.py -------------------------------------------------------------


def test_max_age_default() -> None:
    """Ports flask-cors's ``MaxAgeTestCase.test_defaults``: no ``Access-Control-Max-Age``
    on a response that is not to a preflight. On a preflight flask-cors sends none by
    default; wsgi-cors sends Falcon's one day (docs/configuration.rst, 'max_age';
    flask-cors migration guide, ``max_age`` row)."""
    app = with_cors(flask_app("/defaults"))
    for response in get_head_options(app, "/defaults", WWW):
        assert ACMA not in response.cors()
    assert preflight(app, WWW, "GET", path="/defaults").cors()[ACMA] == "86400"


def test_max_age_seconds() -> None:
    """Ports flask-cors's ``MaxAgeTestCase.test_string``: ``max_age=600`` on a preflight
    is ``Access-Control-Max-Age: 600``."""
    app = with_cors(flask_app("/test_string"), max_age=600)
    assert preflight(app, WWW, "GET", path="/test_string").cors()[ACMA] == "600"


def test_max_age_timedelta() -> None:
    """Ports flask-cors's ``MaxAgeTestCase.test_time_delta``: flask-cors takes
    ``timedelta(minutes=10)``; wsgi-cors takes whole seconds (docs/configuration.rst,
    'max_age'; flask-cors migration guide, ``max_age`` row), so the ``timedelta`` is a
    ``TypeError`` and its seconds give the same header."""
    ten_minutes = timedelta(minutes=10)
    with pytest.raises(TypeError, match="max_age"):
        with_cors(flask_app("/test_time_delta"), max_age=ten_minutes)
    app = with_cors(flask_app("/test_time_delta"), max_age=int(ten_minutes.total_seconds()))
    assert preflight(app, WWW, "GET", path="/test_time_delta").cors()[ACMA] == "600"


# -- decorator/test_options.py -------------------------------------------------------------


def test_plain_options_answered_by_flask() -> None:
    """Ports flask-cors's ``OptionsTestCase.test_defaults``: an ``OPTIONS`` request with
    ``Origin`` but no ``Access-Control-Request-Method`` is not a preflight; Flask's
    automatic ``OPTIONS`` answers it (``200``), with the CORS headers of an actual
    response."""
    app = with_cors(flask_app("/test_default"))
    for _ in range(2):
        response = fetch(app, "http://foo.bar.com", "OPTIONS", "/test_default")
        assert response.code == 200
        assert response.cors() == {ACAO: "*"}


def test_plain_options_answered_by_the_view() -> None:
    """Ports flask-cors's ``OptionsTestCase.test_options_and_not_auto``: a view that
    serves ``OPTIONS`` itself answers a plain ``OPTIONS`` request, its body kept, with
    ``Access-Control-Allow-Origin``."""
    app = Flask(__name__)
    app.add_url_rule("/test_options_and_not_auto", "view", lambda: WELCOME, methods=["OPTIONS"])
    with_cors(app)
    for _ in range(2):
        response = fetch(app, "http://foo.bar.com", "OPTIONS", "/test_options_and_not_auto")
        assert (response.code, response.body) == (200, WELCOME.encode())
        assert response.cors() == {ACAO: "*"}


# -- decorator/test_private_network_headers.py ------------------------------------------


@pytest.mark.parametrize(
    ("peer_test", "allow_private_network", "peer_answer"),
    [
        ("test_credentials_supported", True, "true"),
        ("test_default", None, None),
        ("test_credentials_unsupported", False, "false"),
    ],
)
def test_private_network(
    peer_test: str, allow_private_network: bool | None, peer_answer: str | None
) -> None:
    """Ports the three tests of flask-cors's tests/decorator/test_private_network_headers.py,
    which send ``Access-Control-Request-Private-Network: true`` on a ``GET``: flask-cors
    answers ``Access-Control-Allow-Private-Network`` there (*peer_answer*, ``false``
    when off). wsgi-cors answers it only on a preflight that asks for it, ``true`` when
    allowed and absent otherwise, never ``false`` (docs/configuration.rst,
    'allow_private_network'; docs/security.rst, 'Private Network Access and Local
    Network Access'): the header is read on the preflight response only, and
    a missing one refuses as ``false`` does."""
    options = (
        {} if allow_private_network is None else {"allow_private_network": allow_private_network}
    )
    with warnings.catch_warnings(record=True) as caught:  # "*" with it is warned of
        warnings.simplefilter("always")
        app = with_cors(flask_app("/"), **options)
    assert [w.category for w in caught] == ([CORSSecurityWarning] if allow_private_network else [])
    response = fetch(app, WWW, Access_Control_Request_Private_Network="true")
    assert ACAPN not in response.cors()
    assert ACAPN not in fetch(app, WWW).cors()
    assert ACAPN not in fetch(app).cors()
    response = preflight(app, WWW, "GET", private_network=True)
    assert response.status == "204 No Content"
    assert response.cors().get(ACAPN) == ("true" if allow_private_network else None)


# -- decorator/test_duplicate_headers.py ---------------------------------------------------


def test_repeated_response_headers_kept() -> None:
    """Ports flask-cors's ``AllowsMultipleHeaderEntries.test_multiple_set_cookie_headers``:
    two ``Set-Cookie`` headers of the application both reach the client."""
    app = Flask(__name__)

    @app.route("/test_multiple_set_cookie_headers")
    def two_cookies() -> Any:
        return "Foo bar baz", 200, [("Set-Cookie", "foo"), ("Set-Cookie", "bar")]

    response = fetch(with_cors(app), path="/test_multiple_set_cookie_headers")
    assert response.get_all("Set-Cookie") == ["foo", "bar"]


# -- decorator/test_exception_interception.py ----------------------------------------------


def error_app(catch_all: bool = False) -> Flask:
    """flask-cors's error routes: ``abort(404)``, ``abort(500)`` and an uncaught exception,
    each under a path its ``resources=r'/test_acl*'`` covers and one it does not (here a
    compiled ``paths`` pattern). With *catch_all*, a handler turns 404 and 500 into
    ``200``."""
    app = Flask(__name__)

    def abort_404() -> Any:
        abort(404)

    def abort_500() -> Any:
        abort(500)

    def raise_error() -> Any:
        raise RuntimeError("any exception")

    for prefix in ("/test_acl", "/test_no_acl"):
        app.add_url_rule(f"{prefix}_abort_404", f"{prefix}_404", abort_404)
        app.add_url_rule(f"{prefix}_abort_500", f"{prefix}_500", abort_500)
        app.add_url_rule(f"{prefix}_uncaught_exception_500", f"{prefix}_exc", raise_error)
    if catch_all:

        @app.errorhandler(404)
        @app.errorhandler(500)
        def everything_fine(error: Exception) -> Any:
            return "Simple error handler", 200

    return with_cors(app, paths={re.compile(r"/test_acl.*"): {}})


@pytest.mark.parametrize(
    ("path", "status", "covered"),
    [
        ("/test_acl_abort_404", 404, True),
        ("/test_no_acl_abort_404", 404, False),
        ("/test_acl_abort_500", 500, True),
        ("/test_no_acl_abort_500", 500, False),
        ("/test_acl_uncaught_exception_500", 500, True),
        ("/test_no_acl_uncaught_exception_500", 500, False),
    ],
)
def test_error_responses(path: str, status: int, covered: bool) -> None:
    """Ports flask-cors's ``ExceptionInterceptionDefaultTestCase`` tests ``test_acl_abort_404``,
    ``test_no_acl_abort_404``, ``test_acl_abort_500``, ``test_no_acl_abort_500``,
    ``test_acl_uncaught_exception_500`` and ``test_no_acl_uncaught_exception_500`` (the
    first five run again in ``NoExceptionInterceptionTestCase``): Flask's error
    responses, an uncaught exception's 500 included, get CORS headers on a covered path
    and none elsewhere. wsgi-cors sees every response the application returns
    (flask-cors migration guide, ``intercept_exceptions`` row)."""
    response = fetch(error_app(), WWW, path=path)
    assert response.code == status
    assert (ACAO in response.cors()) == covered


def test_error_handler_responses() -> None:
    """Ports flask-cors's ``test_acl_exception_with_error_handler`` (both classes): an error
    handler that answers ``200`` for 404 and 500; covered paths get CORS headers, the
    others do not."""
    app = error_app(catch_all=True)
    for kind in ("abort_404", "abort_500", "uncaught_exception_500"):
        response = fetch(app, WWW, path=f"/test_acl_{kind}")
        assert (response.code, response.cors()) == (200, {ACAO: "*"})
        response = fetch(app, WWW, path=f"/test_no_acl_{kind}")
        assert response.code == 200
        assert_no_cors(response)


# -- decorator/test_error_preflight.py, test_invalid_cors_response_status_code.py -------

CLIENT = "https://client.example"


def missing_route_app() -> Flask:
    """flask-cors's error-handler example: a JSON 404 for every unknown URL, readable by
    ``https://client.example`` with ``GET`` and an ``X-Request-ID`` header."""
    app = Flask(__name__)

    @app.errorhandler(404)
    def not_found(error: Exception) -> Any:
        return {"error": "Not found"}, 404

    return with_cors(
        app, allow_origins=[CLIENT], allow_methods=["GET"], allow_headers=["X-Request-ID"]
    )


def test_missing_route_preflight_and_error_response() -> None:
    """Ports flask-cors's ``test_missing_route_preflight_and_error_response``
    (tests/decorator/test_error_preflight.py, repository only): the preflight to a URL
    without a view is granted with the configured method and header (``204``, not
    Flask's ``200``: README difference 6), and the JSON 404 that follows is readable."""
    app = missing_route_app()
    response = preflight(app, CLIENT, "GET", "X-Request-ID", path="/missing")
    assert response.status == "204 No Content"
    assert response.cors()[ACAO] == CLIENT
    assert response.cors()[ACAM] == "GET"
    assert response.cors()[ACAH] == "X-Request-ID"

    response = fetch(app, CLIENT, path="/missing", X_Request_ID="123")
    assert response.code == 404
    assert response.body.strip() == b'{"error":"Not found"}'
    assert response.cors() == {ACAO: CLIENT}
    assert fetch(app, path="/missing").code == 404


def test_missing_route_rejects_other_origins_and_methods() -> None:
    """Ports flask-cors's ``test_error_handler_rejects_other_origins_and_methods``: no
    ``Access-Control-Allow-Origin`` for another origin (``GET`` or plain ``OPTIONS``); a
    preflight for ``DELETE`` gets no ``Access-Control-Allow-Methods``: here it is
    denied, ``403`` with no CORS header (flask-cors migration guide, "What else
    changes")."""
    app = missing_route_app()
    for method in ("GET", "OPTIONS"):
        assert ACAO not in fetch(app, "https://other.example", method, "/missing").cors()
    assert_denied(preflight(app, CLIENT, "DELETE", path="/missing"))


def test_actual_requests_keep_the_application_status() -> None:
    """Ports flask-cors's ``DecoratorInvalidCorsResponseStatusCode.test_with_no_options``
    (repository only): ``GET``, ``HEAD`` and a plain ``OPTIONS``, from the allowed
    origin and from another, all ``200`` with the view's body (empty for ``HEAD`` and
    ``OPTIONS``); only the allowed origin is reflected."""
    app = with_cors(
        flask_app("/with_no_options", text="NO OPTIONS!"), allow_origins=["http://valid.com"]
    )
    for origin, expected in (
        ("http://valid.com", {ACAO: "http://valid.com"}),
        ("http://invalid.com", {}),
    ):
        responses = get_head_options(app, "/with_no_options", origin)
        assert [r.body for r in responses] == [b"NO OPTIONS!", b"", b""]
        for response in responses:
            assert response.code == 200
            assert response.cors() == expected


# -- extension/test_ipv6.py (repository only) -------------------------------------------

IPV6_ORIGINS = ["http://[::1]:8000", "https://[2001:db8::1]"]


@pytest.mark.parametrize("origin", IPV6_ORIGINS)
def test_literal_ipv6_origin(origin: str) -> None:
    """Ports flask-cors's ``test_literal_ipv6_origin`` (tests/extension/test_ipv6.py), its
    first two origins: a listed IPv6 origin is reflected; longer, other or empty hosts
    are not. flask-cors also reflects the origin written in upper case, since it
    compares case-insensitively; wsgi-cors compares with the serialized origin a
    browser sends, always lower case (flask-cors migration guide, ``origins`` row)."""
    app = with_cors(flask_app("/"), allow_origins=[origin])
    assert fetch(app, origin).cors() == {ACAO: origin}
    for other in (origin.upper(), origin + "0", "http://[::2]:8000", "http://:8000"):
        assert_no_cors(fetch(app, other))


def test_ipv4_mapped_ipv6_origin_is_written_as_browsers_send_it() -> None:
    """The third origin of flask-cors's ``test_literal_ipv6_origin``,
    ``http://[::ffff:192.0.2.1]:8080``: a browser serializes that address as
    ``[::ffff:c000:201]``, so the form written there can never match; wsgi-cors refuses
    it and names the form to write (README difference 8), which is then reflected."""
    with pytest.raises(CORSConfigurationError, match=re.escape("[::ffff:c000:201]")):
        with_cors(flask_app("/"), allow_origins=["http://[::ffff:192.0.2.1]:8080"])
    app = with_cors(flask_app("/"), allow_origins=["http://[::ffff:c000:201]:8080"])
    assert fetch(app, "http://[::ffff:c000:201]:8080").cors() == {
        ACAO: "http://[::ffff:c000:201]:8080"
    }


@pytest.mark.parametrize(
    "pattern", [r"http://\[::1\]:\d+$", re.compile(r"http://\[::1\]:\d+$")], ids=["str", "compiled"]
)
def test_ipv6_regex_origin(pattern: str | re.Pattern[str]) -> None:
    """Ports flask-cors's ``test_ipv6_regex_origin``: an IPv6 origin matching
    ``allow_origin_regex`` (text or compiled) is reflected, another is not."""
    app = with_cors(flask_app("/"), allow_origins=[], allow_origin_regex=pattern)
    assert fetch(app, "http://[::1]:8000").cors() == {ACAO: "http://[::1]:8000"}
    assert_no_cors(fetch(app, "http://[::2]:8000"))


def test_literal_ipv6_origin_without_request_origin() -> None:
    """Ports flask-cors's ``test_literal_ipv6_origin_without_request_origin``: flask-cors's
    ``always_send`` answers a request without ``Origin`` with the one listed origin;
    wsgi-cors sends a listed origin only to that origin, and ``Vary: Origin`` to the
    others (flask-cors migration guide, ``always_send`` row; README difference 1)."""
    response = fetch(with_cors(flask_app("/"), allow_origins=["http://[::1]:8000"]))
    assert_no_cors(response)
    assert vary(response) == {"Origin"}


# -- extension/test_app_extension.py: resources -----------------------------------------


@pytest.mark.parametrize(
    ("peer_test", "path", "origin", "expected"),
    [
        ("test_exposed", "/test_exposed", FOO, FOO),
        ("test_other_exposed", "/test_other_exposed", BAR, BAR),
        ("test_unexposed", "/test_unexposed", FOO, None),
    ],
)
def test_resources_list(peer_test: str, path: str, origin: str, expected: str | None) -> None:
    """Ports flask-cors's ``AppExtensionList``: ``resources`` as a list of two paths with
    top-level ``origins``, here ``paths`` entries that keep the top-level
    ``allow_origins``; a path outside them gets no CORS header."""
    app = with_cors(
        flask_app("/test_unexposed", "/test_exposed", "/test_other_exposed"),
        allow_origins=[FOO, BAR],
        paths={"/test_exposed": {}, "/test_other_exposed": {}},
    )
    for response in get_head_options(app, path, origin):
        assert response.code == 200
        assert response.cors() == ({} if expected is None else {ACAO: expected})


def api_app() -> Flask:
    """flask-cors's ``AppExtensionString``: ``resources=r'/api/*'`` with one origin, an
    allowed and an exposed header, and a view under it decorated with another origin
    (here the longer ``paths`` prefix, which wins)."""
    app = flask_app("/api/v1/foo", "/api/v1/bar", "/api/v1/special", "/", "/foo.txt")
    return with_cors(
        app,
        paths={
            "/api": {
                "allow_origins": BAR,
                "allow_headers": ["Content-Type"],
                "expose_headers": "X-Total-Count",
            },
            "/api/v1/special": {"allow_origins": FOO},
        },
    )


@pytest.mark.parametrize("path", ["/api/v1/foo", "/api/v1/bar"])
def test_resources_string_exposed(path: str) -> None:
    """Ports flask-cors's ``AppExtensionString.test_exposed``: the allowed origin gets
    ``Access-Control-Allow-Origin`` and the exposed header; another gets neither."""
    app = api_app()
    for response in get_head_options(app, path, BAR):
        assert response.code == 200
        assert response.cors() == {ACAO: BAR, ACEH: "X-Total-Count"}
    for response in get_head_options(app, path, FOO):
        assert response.code == 200
        assert_no_cors(response)


def test_resources_string_unexposed() -> None:
    """Ports flask-cors's ``AppExtensionString.test_unexposed``: ``/`` is outside
    ``/api``, so no CORS header (docs/configuration.rst, 'Per-path policies': a path no
    entry matches passes through untouched)."""
    for response in get_head_options(api_app(), "/", BAR):
        assert response.code == 200
        assert_no_cors(response)
        assert vary(response) == set()


def test_resources_string_override() -> None:
    """Ports flask-cors's ``AppExtensionString.test_override``: the view's own origin is
    allowed without the exposed header of ``/api``; the ``/api`` origin is not."""
    app = api_app()
    for response in get_head_options(app, "/api/v1/special", FOO):
        assert response.code == 200
        assert response.cors() == {ACAO: FOO}
    for response in get_head_options(app, "/api/v1/special", BAR):
        assert response.code == 200
        assert_no_cors(response)


def test_resources_of_wrong_type() -> None:
    """Ports flask-cors's ``AppExtensionError.test_value_error``: ``resources=5`` is an
    error at start-up. flask-cors raises ``ValueError``; wsgi-cors's ``paths=5`` is a
    ``TypeError``, as every option of the wrong type (docs/configuration.rst,
    'Validation')."""
    with pytest.raises(TypeError, match="paths"):
        with_cors(flask_app("/"), paths=5)


@pytest.mark.parametrize(
    ("peer_test", "path", "allowed"),
    [
        ("test_index", "/", False),
        ("test_wildcard", "/api/foo", True),
        ("test_exact_match", "/api/", True),
    ],
)
def test_resources_example_app(peer_test: str, path: str, allowed: bool) -> None:
    """Ports flask-cors's ``AppExtensionExampleApp``: ``r'/api/*'`` with two origins,
    here the prefix ``"/api"`` (flask-cors migration guide, "resources becomes paths"):
    both origins are reflected under ``/api/``, neither at ``/``."""
    app = with_cors(
        flask_app("/", "/api/foo", "/api/"),
        paths={"/api": {"allow_origins": ["http://blah.com", "http://foo.bar"]}},
    )
    for origin in ("http://foo.bar", "http://blah.com"):
        for response in get_head_options(app, path, origin):
            assert response.cors() == ({ACAO: origin} if allowed else {})


def test_resources_prefix_is_bounded() -> None:
    """What the translation of ``r'/api/*'`` in ``AppExtensionExampleApp`` narrows:
    flask-cors's pattern also covers ``/apix`` (``/api`` then any number of ``/``); the
    prefix ``"/api"`` covers ``/api`` and what is under ``/api/`` only (README,
    'Per-path policies'; flask-cors migration guide, "resources becomes paths")."""
    app = with_cors(flask_app("/apix", "/api"), paths={"/api": {"allow_origins": "http://foo.bar"}})
    assert fetch(app, "http://foo.bar", path="/api").cors() == {ACAO: "http://foo.bar"}
    assert_no_cors(fetch(app, "http://foo.bar", path="/apix"))


def test_resources_compiled_pattern() -> None:
    """Ports flask-cors's ``AppExtensionCompiledRegexp.test_compiled_regex``:
    ``resources=re.compile('/api/.*')``, here a compiled ``paths`` key; ``/`` gets no
    CORS header, ``/api/v1`` does."""
    app = with_cors(flask_app("/", "/api/v1"), paths={re.compile("/api/.*"): {}})
    for response in get_head_options(app, "/"):
        assert_no_cors(response)
    for response in get_head_options(app, "/api/v1", FOO):
        assert ACAO in response.cors()


def test_resources_unusable_key() -> None:
    """Ports flask-cors's ``AppExtensionBadRegexp.test_value_error``: ``resources="}"``,
    after which flask-cors still serves ``/``. wsgi-cors refuses a ``paths`` key that is
    not a path at start-up, naming it and the fix (docs/configuration.rst, 'Per-path
    policies': "Each entry is checked when the middleware is made"); without it the
    application serves ``/``."""
    with pytest.raises(CORSConfigurationError, match=re.escape("'/}'")):
        with_cors(flask_app("/"), paths={"}": {}})
    for response in get_head_options(with_cors(flask_app("/")), "/"):
        assert response.code == 200


PLUS_SPACE_PATHS: dict[str | re.Pattern[str], dict[str, Any]] = {
    re.compile(r"/service\+path"): {"allow_origins": [FOO]},
    "/service path": {"allow_origins": [BAR]},
}


@pytest.mark.parametrize(
    ("peer_test", "path", "origin", "allowed"),
    [
        ("test_plus_path_origin_allowed", "/service+path", FOO, True),
        ("test_space_path_origin_allowed", "/service path", BAR, True),
        ("test_plus_path_rejects_other_origin", "/service+path", BAR, False),
        ("test_space_path_rejects_other_origin", "/service path", FOO, False),
    ],
)
def test_plus_in_path(peer_test: str, path: str, origin: str, allowed: bool) -> None:
    """Ports flask-cors's ``AppExtensionPlusInPath`` (the CVE-2024-6844 regression tests):
    ``+`` and a space (sent as ``%20``, which the server decodes into ``PATH_INFO``) are
    different paths with different origins (README, 'Per-path policies': matched "on
    ``PATH_INFO`` as the server decoded it")."""
    app = Flask(__name__)
    app.add_url_rule("/service+path", "plus", lambda: "plus")
    app.add_url_rule("/service path", "space", lambda: "space")
    response = fetch(with_cors(app, paths=PLUS_SPACE_PATHS), origin, path=path)
    assert response.code == 200
    assert response.cors() == ({ACAO: origin} if allowed else {})


# -- extension/test_blueprint.py ----------------------------------------------------------


@pytest.mark.parametrize(
    ("peer_test", "prefix", "origin"),
    [
        ("test_blueprint_resource_has_cors", "/api/v1", FOO),
        ("test_blueprint_init_app", "/api/v2", BAR),
    ],
)
def test_blueprint_routes(peer_test: str, prefix: str, origin: str) -> None:
    """Ports flask-cors's ``BlueprintExtensionTestCase.test_blueprint_resource_has_cors``,
    ``test_blueprint_non_matching_route_has_no_cors`` and ``test_blueprint_init_app``:
    ``CORS(bp, resources={r"/api/*": ...})`` becomes a ``paths`` entry for the
    blueprint's URLs (flask-cors migration guide, "What else changes"); a blueprint
    route under it is reflected, one outside it is not."""
    bp = Blueprint("bp", __name__)
    bp.add_url_rule(f"{prefix}/ping", "ping", lambda: "pong")
    bp.add_url_rule("/no_cors", "no_cors", lambda: "no cors here")
    app = Flask(__name__)
    app.register_blueprint(bp)
    with_cors(app, paths={"/api": {"allow_origins": origin}})
    assert fetch(app, origin, path=f"{prefix}/ping").cors() == {ACAO: origin}
    assert ACAO not in fetch(app, origin, path="/no_cors").cors()


# -- core/test_helpers.py: resource order and path case -----------------------------------

FOO_DOMAIN = "http://foo.com"
SOME_DOMAIN = "http://some-domain.com"
SPECIFIC_DOMAIN = "http://specific-domain.com"


def test_resource_order() -> None:
    """Ports flask-cors's ``InternalsTestCase.test_parse_resources_sorted``: the literal
    ``/foo`` is tried before the patterns, as a prefix is here (README, 'Per-path
    policies': "the longest matching prefix wins, then the patterns in the order
    given"). flask-cors also sorts the patterns, the longer ``/api/v1/.*`` before
    ``/.*``; wsgi-cors keeps the order the user gives (the rule that avoids
    CVE-2024-6839's ambiguity), so the specific pattern must come first to win, and
    the peer's order gives ``/api/v1/x`` to ``/.*``."""
    app = flask_app("/foo", "/api/v1/x")
    specific_first = with_cors(
        app,
        paths={
            "/foo": {"allow_origins": FOO_DOMAIN},
            re.compile(r"/api/v1/.*"): {"allow_origins": SPECIFIC_DOMAIN},
            re.compile(r"/.*"): {"allow_origins": SOME_DOMAIN},
        },
    )
    assert fetch(specific_first, FOO_DOMAIN, path="/foo").cors() == {ACAO: FOO_DOMAIN}
    assert fetch(specific_first, SPECIFIC_DOMAIN, path="/api/v1/x").cors() == {
        ACAO: SPECIFIC_DOMAIN
    }

    peer_order = with_cors(
        flask_app("/foo", "/api/v1/x"),
        paths={
            "/foo": {"allow_origins": FOO_DOMAIN},
            re.compile(r"/.*"): {"allow_origins": SOME_DOMAIN},
            re.compile(r"/api/v1/.*"): {"allow_origins": SPECIFIC_DOMAIN},
        },
    )
    assert fetch(peer_order, FOO_DOMAIN, path="/foo").cors() == {ACAO: FOO_DOMAIN}
    assert fetch(peer_order, SOME_DOMAIN, path="/api/v1/x").cors() == {ACAO: SOME_DOMAIN}
    assert_no_cors(fetch(peer_order, SPECIFIC_DOMAIN, path="/api/v1/x"))


@pytest.mark.parametrize(
    ("pattern", "path", "covered"),
    [("/fo*", "/foo", True), ("/Fo*", "/foo", False)],
)
def test_path_patterns_are_case_sensitive(pattern: str, path: str, covered: bool) -> None:
    """Ports the compiled-pattern cases of flask-cors's
    ``InternalsTestCase.test_try_match_pattern``, as ``paths`` keys: a pattern covers the
    path it matches, case-sensitively (README, 'Per-path policies'; the fix for
    CVE-2024-6866). Its literal cases compare strings case-insensitively, as flask-cors
    compares origins; wsgi-cors compares origins exactly (see
    :func:`test_literal_ipv6_origin`)."""
    app = CORSMiddleware(Flask(__name__), paths={re.compile(pattern): {}})
    response = fetch(app, WWW, path=path)
    assert (response.cors() == {ACAO: "*"}) == covered


# == wsgicors: test-wsgicors.py ============================================================

LOCALHOST = "http://localhost"  # for wsgicors's bare 'localhost'
NON_PREFLIGHT = b"non preflight response"

#: wsgicors's permissive test policy (its ``free``), as text options.
FREE: dict[str, str] = {
    "origin": "*",
    "methods": "*",
    "headers": "*",
    "expose_headers": "*",
    "credentials": "true",
    "maxage": "100",
}


class NonPreflight:
    """wsgicors's test application as plain WSGI: ``200`` with the same body for every
    request; it counts the requests that reach it."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.calls.append(environ["REQUEST_METHOD"])
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [NON_PREFLIGHT]


def from_wsgicors(app: WSGIApp, **policy: str | None) -> CORSMiddleware:
    """``CORSMiddleware`` with one wsgicors policy's text options mapped to ours, as
    ``docs/migrating/wsgicors.rst`` maps them (an option given as None is left out):
    ``copy`` and ``*`` are every origin, other origins a space-separated list;
    ``credentials = true`` is ``allow_credentials="*"`` (with the opt-in of README
    difference 7 beside every origin); without ``methods``, ``headers`` or ``maxage``,
    wsgicors's own defaults (simple methods, safelisted headers, no max age)."""
    given = {name: value for name, value in policy.items() if value is not None}
    origin = given.get("origin", "")
    methods = given.get("methods", "")
    headers = given.get("headers", "")
    maxage = given.get("maxage", "")
    ours: dict[str, Any] = {
        "allow_origins": "*" if origin in ("copy", "*") else origin.split(),
        "allow_methods": (
            "*"
            if methods == "*"
            else [m.strip() for m in methods.split(",")]
            if methods
            else ["GET", "HEAD", "POST"]
        ),
        "allow_headers": None if headers == "*" else [h.strip() for h in headers.split(",") if h],
        "expose_headers": given.get("expose_headers") or None,
        "allow_credentials": "*" if given.get("credentials") == "true" else None,
        "max_age": int(maxage) if maxage else None,
    }
    if ours["allow_origins"] == "*" and ours["allow_credentials"] == "*":
        with pytest.warns(CORSSecurityWarning):
            return CORSMiddleware(app, dangerously_allow_any_origin_with_credentials=True, **ours)
    return CORSMiddleware(app, **ours)


def wsgicors_preflight(
    app: WSGIApp, origin: str = LOCALHOST, method: str = "*", **headers: str
) -> Response:
    """wsgicors's preflight: ``OPTIONS`` from ``localhost`` for the method ``*``, with
    *headers* added (``Access_Control_Request_Headers="woopy"``)."""
    return fetch(app, origin, "OPTIONS", Access_Control_Request_Method=method, **headers)


def wsgicors_actual(
    app: WSGIApp, origin: str = LOCALHOST, method: str = "*", **headers: str
) -> Response:
    """wsgicors's actual request: a ``GET`` that carries the preflight's headers too;
    the application answers it."""
    response = fetch(app, origin, "GET", Access_Control_Request_Method=method, **headers)
    assert (response.code, response.body) == (200, NON_PREFLIGHT)
    return response


@pytest.mark.parametrize(
    ("dropped", "method", "headers"),
    [
        ("REQUEST_METHOD", "GET", {"Access-Control-Request-Method": "*", "Origin": LOCALHOST}),
        ("Access-Control-Request-Method", "OPTIONS", {"Origin": LOCALHOST}),
        ("Origin", "OPTIONS", {"Access-Control-Request-Method": "*"}),
    ],
)
def test_wsgicors_non_preflight_are_not_answered(
    dropped: str, method: str, headers: dict[str, str]
) -> None:
    """Ports wsgicors's ``test_non_preflight_are_not_answered`` (may-day/wsgicors,
    test-wsgicors.py): a request missing one of ``OPTIONS``, ``Access-Control-Request-Method``
    and ``Origin`` is not a preflight; the application answers it."""
    app = NonPreflight()
    response = call(from_wsgicors(app, **FREE), method, "/", headers)
    assert (response.code, response.body) == (200, NON_PREFLIGHT)
    assert app.calls == [method]


def test_wsgicors_deny() -> None:
    """Ports wsgicors's ``testdeny``: the ``deny`` policy, whose preflight answer has no
    CORS header and no ``Vary``. Its translation is a path left out of ``paths``
    (wsgicors migration guide, ``policy = deny`` row): the preflight passes through to
    the application untouched (README, 'Per-path policies'), where wsgicors answers it
    itself with an empty body."""
    app = CORSMiddleware(NonPreflight(), paths={"/api": {"allow_origins": [LOCALHOST]}})
    response = wsgicors_preflight(app)
    assert (response.code, response.body) == (200, NON_PREFLIGHT)
    assert_no_cors(response)
    assert vary(response) == set()


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (LOCALHOST, False),
        ("http://example.com", True),
        ("https://www.example.com", True),
        ("example2.com", False),
    ],
)
def test_wsgicors_origin_policy_match(origin: str, allowed: bool) -> None:
    """Ports wsgicors's ``test_origin_policy_match``:
    ``origin = http://example.com example?.com https://*.example.com`` with credentials,
    here ``allow_origins`` with the two serialized entries (``https://*.example.com`` allows
    the subdomains: docs/configuration.rst, 'allow_origins'). Allowed origins are reflected
    with credentials on the preflight and the actual request. Differences: ``example2.com``,
    which wsgicors's shell-style ``example?.com`` allows, is not a serialized origin and is
    never reflected (README differences 4 and 8; see
    :func:`test_wsgicors_origin_bare_word_pattern`); a denied preflight is ``403`` with no
    CORS header, where wsgicors answers ``204`` without ``Access-Control-Allow-Origin``
    (wsgicors migration guide, "What else changes"); ``Vary: Origin`` is on every answer,
    preflights and denied requests included (README difference 1), where wsgicors sends it
    on allowed actual responses only."""
    policy = {**FREE, "origin": "http://example.com https://*.example.com"}
    app = from_wsgicors(NonPreflight(), **policy)

    response = wsgicors_preflight(app, origin)
    if allowed:
        assert response.status == "204 No Content"
        assert (response.cors()[ACAO], response.cors()[ACAC]) == (origin, "true")
    else:
        assert_denied(response)
    assert vary(response) == {"Origin"}

    response = wsgicors_actual(app, origin)
    assert response.cors() == ({ACAO: origin, ACAC: "true", ACEH: "*"} if allowed else {})
    assert vary(response) == {"Origin"}


def test_wsgicors_origin_bare_word_pattern() -> None:
    """The ``example?.com`` entry of wsgicors's ``test_origin_policy_match``: a
    shell-style pattern without a scheme, refused at start-up (README difference 8;
    wsgicors migration guide, ``origin`` row: anything but ``https://*.example.com``
    goes in ``allow_origin_regex``)."""
    with pytest.raises(CORSConfigurationError, match="example"):
        from_wsgicors(NonPreflight(), **{**FREE, "origin": "example?.com"})


@pytest.mark.parametrize("origin_option", ["copy", "*"])
def test_wsgicors_origin_every_origin_with_credentials(origin_option: str) -> None:
    """Ports wsgicors's ``test_origin_policy_copy`` and ``test_origin_policy_all``: every
    origin, with credentials, which wsgi-cors takes only with the opt-in (README
    difference 7); both options are ``allow_origins="*"`` (wsgicors migration guide).
    The origin is reflected with credentials on the preflight and the actual request,
    with ``Vary: Origin`` (README difference 1). With ``origin = *`` wsgicors's
    preflight answers ``*`` with credentials, which a browser refuses (Fetch standard,
    "CORS check"), and its actual response has no ``Vary``; neither of its preflights
    has ``Vary`` (wsgicors migration guide, ``credentials`` row and "What else
    changes")."""
    app = from_wsgicors(NonPreflight(), **{**FREE, "origin": origin_option})
    response = wsgicors_preflight(app)
    assert response.status == "204 No Content"
    assert (response.cors()[ACAO], response.cors()[ACAC]) == (LOCALHOST, "true")
    assert vary(response) == {"Origin"}

    response = wsgicors_actual(app)
    assert response.cors() == {ACAO: LOCALHOST, ACAC: "true", ACEH: "*"}
    assert vary(response) == {"Origin"}


@pytest.mark.parametrize("origin_option", ["copy", "*"])
@pytest.mark.parametrize("origin", ["localhost", "example.com"])
def test_wsgicors_bare_word_origins(origin_option: str, origin: str) -> None:
    """wsgicors's own origins in ``test_origin_policy_copy`` and ``test_origin_policy_all``,
    bare words as sent: wsgicors reflects them (with credentials); wsgi-cors answers
    ``*`` without credentials, on the preflight and the actual request, since an origin
    that is not a serialized origin is never reflected (README difference 4)."""
    app = from_wsgicors(NonPreflight(), **{**FREE, "origin": origin_option})
    response = wsgicors_preflight(app, origin)
    assert response.status == "204 No Content"
    assert response.cors()[ACAO] == "*"
    assert ACAC not in response.cors()
    assert wsgicors_actual(app, origin).cors() == {ACAO: "*", ACEH: "*"}


def test_wsgicors_method_policy_all() -> None:
    """Ports wsgicors's ``test_method_policy_all``: ``methods = *`` echoes the requested
    method, ``woopy``, on the preflight (docs/configuration.rst, 'allow_methods':
    ``"*"`` allows the requested method, echoed); the actual request gets no
    ``Access-Control-Allow-Methods``."""
    app = from_wsgicors(NonPreflight(), **FREE)
    response = wsgicors_preflight(app, method="woopy")
    assert response.status == "204 No Content"
    assert response.cors()[ACAM] == "woopy"
    assert ACAM not in wsgicors_actual(app, method="woopy").cors()


def test_wsgicors_method_policy_fixed() -> None:
    """Ports wsgicors's ``test_method_policy_fixed``: ``methods = PUT, GET``. A preflight
    for a listed method gets the list, as in wsgicors. For ``woopy`` wsgicors answers
    ``204`` with the list, which a browser then fails; wsgi-cors denies it, ``403`` with
    no CORS header (README difference 6; wsgicors migration guide, "What else
    changes"). No ``Access-Control-Allow-Methods`` on the actual
    request."""
    app = from_wsgicors(NonPreflight(), **{**FREE, "methods": "PUT, GET"})
    response = wsgicors_preflight(app, method="PUT")
    assert response.status == "204 No Content"
    assert response.cors()[ACAM] == "PUT, GET"
    assert_denied(wsgicors_preflight(app, method="woopy"))
    assert ACAM not in wsgicors_actual(app, method="woopy").cors()


def test_wsgicors_header_policy_all() -> None:
    """Ports wsgicors's ``test_header_policy_all``: ``headers = *`` (``allow_headers=None``)
    echoes the requested ``woopy`` on the preflight; none on the actual request."""
    app = from_wsgicors(NonPreflight(), **FREE)
    response = wsgicors_preflight(app, Access_Control_Request_Headers="woopy")
    assert response.status == "204 No Content"
    assert response.cors()[ACAH] == "woopy"
    assert ACAH not in wsgicors_actual(app, Access_Control_Request_Headers="woopy").cors()


def test_wsgicors_headers_policy_fixed() -> None:
    """Ports wsgicors's ``test_headers_policy_fixed``: ``headers = Wooble``. wsgicors
    answers a preflight asking for ``woopy`` with ``Wooble``, which a browser then
    fails; wsgi-cors denies it, ``403`` with no CORS header (docs/configuration.rst,
    'allow_headers'; wsgicors migration guide, ``headers`` row), and grants ``Wooble``. None on the
    actual request."""
    app = from_wsgicors(NonPreflight(), **{**FREE, "headers": "Wooble"})
    assert_denied(wsgicors_preflight(app, Access_Control_Request_Headers="woopy"))
    response = wsgicors_preflight(app, Access_Control_Request_Headers="Wooble")
    assert response.status == "204 No Content"
    assert response.cors()[ACAH] == "Wooble"
    assert ACAH not in wsgicors_actual(app, Access_Control_Request_Headers="woopy").cors()


@pytest.mark.parametrize(
    ("peer_test", "change", "header", "on_preflight", "on_actual"),
    [
        ("test_credentials_policy_true", {"credentials": "true"}, ACAC, "true", "true"),
        ("test_credentials_policy_no", {"credentials": "no"}, ACAC, None, None),
        ("test_credentials_policy_none", {"credentials": None}, ACAC, None, None),
        ("test_age_policy_set", {"maxage": "100"}, ACMA, "100", None),
        ("test_age_policy_unset", {"maxage": None}, ACMA, None, None),
        (
            "test_expose_header_policy_set",
            {"expose_headers": "exposed"},
            ACEH,
            "exposed",
            "exposed",
        ),
        ("test_expose_header_policy_unset", {"expose_headers": None}, ACEH, None, None),
    ],
)
def test_wsgicors_policy_options(
    peer_test: str,
    change: dict[str, str | None],
    header: str,
    on_preflight: str | None,
    on_actual: str | None,
) -> None:
    """Ports wsgicors's ``test_credentials_policy_true``, ``..._no``, ``..._none``,
    ``test_age_policy_set``, ``..._unset``, ``test_expose_header_policy_set`` and
    ``..._unset``: one option of the permissive policy changed or left out, a preflight
    and an actual request asking for the header ``woopy``. The preflight echoes it; the
    option's header is as in wsgicors on both. Without ``maxage`` wsgicors sends no
    ``Access-Control-Max-Age``, which is ``max_age=None`` here (wsgicors migration guide,
    ``maxage`` row: wsgi-cors's default is a day). With credentials the origin is
    reflected on the preflight too, where wsgicors answers ``*`` (see
    :func:`test_wsgicors_origin_every_origin_with_credentials`); without, it gets ``*``
    (README difference 5). The exposed headers are on the preflight's answer too, where
    wsgicors sends them on the actual response only (docs/configuration.rst,
    'expose_headers': on every allowed response, a preflight's answer included, as
    Falcon sends them)."""
    app = from_wsgicors(NonPreflight(), **{**FREE, **change})
    credentials = on_preflight == "true" if header == ACAC else True
    expected_origin = LOCALHOST if credentials else "*"

    response = wsgicors_preflight(app, Access_Control_Request_Headers="woopy")
    assert response.status == "204 No Content"
    assert response.cors()[ACAO] == expected_origin
    assert response.cors()[ACAH] == "woopy"
    assert response.cors().get(header) == on_preflight

    response = wsgicors_actual(app, Access_Control_Request_Headers="woopy")
    assert response.cors()[ACAO] == expected_origin
    assert response.cors().get(header) == on_actual
