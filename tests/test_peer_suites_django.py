"""django-cors-headers' own test suite, ported to wsgi-cors.

Three files of ``adamchainz/django-cors-headers`` (the 4.x versions) were read for their
facts only (which requests, which settings, which expected headers); every test here
is written anew, in the style of ``test_peer_suites.py``:

* ``tests/test_middleware.py`` (``CorsMiddlewareTests``). Each case runs against a real
  Django WSGI application from ``apps.py``, wrapped from outside as the migration guide
  (``docs/migrating/django-cors-headers.rst``) sets it up in ``wsgi.py``: no
  django-cors-headers in its ``MIDDLEWARE``. The peer's settings become our options as
  the guide's table says: ``CORS_ALLOWED_ORIGINS`` is ``allow_origins``,
  ``CORS_ALLOWED_ORIGIN_REGEXES`` one ``allow_origin_regex`` (several joined with
  ``|``), ``CORS_ALLOW_ALL_ORIGINS`` ``allow_origins="*"``, ``CORS_ALLOW_CREDENTIALS``
  ``allow_credentials="*"``, ``CORS_PREFLIGHT_MAX_AGE`` ``max_age``,
  ``CORS_URLS_REGEX`` ``paths``, ``CORS_EXPOSE_HEADERS``, ``CORS_ALLOW_HEADERS``,
  ``CORS_ALLOW_METHODS`` and ``CORS_ALLOW_PRIVATE_NETWORK`` their namesakes, and a
  ``check_request_enabled`` receiver a callable in ``allow_origins`` (or a ``paths``
  entry, when it decides by path). The peer's views become the shared application's
  routes: its ``/`` and ``/foo/`` are ``/items`` (a class-based view: ``GET`` 200,
  ``OPTIONS`` answered by Django with ``Allow``), its ``/async/`` an ``async`` view
  at ``/items``, its 401 view Django's own 404 and 500 answers, and its ``require_GET``
  view (405 to ``OPTIONS``) the counted function view of ``apps.py``. The peer's test
  settings allow no origin at all, which wsgi-cors refuses (see
  :func:`test_checks_empty_policy_is_refused`): one listed origin stands in for them.
* ``tests/test_checks.py`` (``ChecksTests``: Django system checks of bad settings).
  Each bad value is given to ``CORSMiddleware(...)``, which raises ``TypeError`` for a
  wrong type and one ``CORSConfigurationError`` listing every other problem, at
  construction (docs/configuration.rst, 'Validation'); and, under its ``CORS_`` key, to
  ``CORSMiddleware.from_mapping(..., prefix="CORS_")``, whose errors name the key as
  written, as the peer's errors name the setting.
* ``tests/test_conf.py`` (``ConfTests``: the settings' defaults and old aliases).
  wsgi-cors has one name per option; given a peer's name (new or old), it names ours.

Where wsgi-cors answers differently on purpose, the expected value is wsgi-cors's and
the test's docstring says why: a numbered "Deliberate difference from Falcon" of the
README, a section of the README or of ``docs/``, the migration guide, or a
standard. django-cors-headers is not imported; what it does beyond its tests was read
in its source. The peer tests with no equivalent are in :data:`NOT_PORTED`, and
:func:`test_every_peer_test_is_ported_or_not_ported_with_a_reason` keeps the account.
"""

from __future__ import annotations

import concurrent.futures
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test.utils import override_settings

from apps import (
    ACAC,
    ACAH,
    ACAM,
    ACAO,
    ACAPN,
    ACEH,
    ACMA,
    CountingApp,
    _django_app,
    configure_django,
    make_counted_app,
    make_django_app,
)
from peer_ports import assert_every_peer_test_accounted_for
from wsgi_call import Response, call, fetch, preflight
from wsgi_cors import CORSConfigurationError, CORSMiddleware, CORSSecurityWarning

# The peer's origins.
EXAMPLE_COM = "https://example.com"
EXAMPLE_ORG = "https://example.org"
HTTP_EXAMPLE_COM = "http://example.com"
HTTP_EXAMPLE_ORG = "http://example.org"

WSGIApp = Callable[..., Iterable[bytes]]

# == The account of the peer's tests ===================================================

#: Every test function of the three files, by file.
PEER_TESTS = {
    "tests/test_middleware.py": (
        "test_get_no_origin",
        "test_get_origin_vary_by_default",
        "test_get_invalid_origin",
        "test_get_not_in_allowed_origins",
        "test_get_not_in_allowed_origins_due_to_wrong_scheme",
        "test_get_in_allowed_origins",
        "test_async_get_in_allowed_origins",
        "test_null_in_allowed_origins",
        "test_file_in_allowed_origins",
        "test_get_expose_headers",
        "test_get_dont_expose_headers",
        "test_get_allow_credentials",
        "test_get_allow_credentials_bad_origin",
        "test_get_allow_credentials_disabled",
        "test_allow_private_network_added_if_enabled_and_requested",
        "test_allow_private_network_not_added_if_enabled_and_not_requested",
        "test_allow_private_network_not_added_if_enabled_and_no_cors_origin",
        "test_allow_private_network_not_added_if_disabled_and_requested",
        "test_options_allowed_origin",
        "test_async_options_allowed_origin",
        "test_options_no_max_age",
        "test_options_allowed_origins_with_port",
        "test_options_adds_origin_when_domain_found_in_allowed_regexes",
        "test_options_adds_origin_when_domain_found_in_allowed_regexes_second",
        "test_options_doesnt_add_origin_when_domain_not_found_in_allowed_regexes",
        "test_options_empty_request_method",
        "test_options_no_headers",
        "test_allow_all_origins_get",
        "test_allow_all_origins_options",
        "test_non_200_headers_still_set",
        "test_auth_view_options",
        "test_signal_handler_that_returns_false",
        "test_signal_handler_that_returns_true",
        "test_signal_handler_allow_some_urls_to_everyone",
        "test_signal_called_once_during_normal_flow",
        "test_get_short_circuit",
        "test_get_short_circuit_should_be_ignored",
        "test_get_regex_matches",
        "test_get_regex_doesnt_match",
        "test_get_regex_matches_path_info",
        "test_cors_enabled_is_attached_and_bool",
        "test_works_if_view_deletes_cors_enabled",
    ),
    "tests/test_checks.py": (
        "test_defaults_pass",
        "test_defaults_pass_check",
        "test_checks_are_bound",
        "test_cors_allow_headers_non_sequence",
        "test_cors_allow_headers_non_string",
        "test_cors_allow_methods_non_sequence",
        "test_cors_allow_methods_non_string",
        "test_cors_allow_credentials_non_bool",
        "test_cors_preflight_max_age_non_integer",
        "test_cors_preflight_max_age_negative",
        "test_cors_allow_all_origins_non_bool",
        "test_cors_allow_all_origins_old_name",
        "test_cors_allowed_origins_non_sequence",
        "test_cors_allowed_origins_non_string",
        "test_cors_allowed_origins_old_name",
        "test_cors_allowed_origins_allowed",
        "test_cors_allowed_origins_no_scheme",
        "test_cors_allowed_origins_no_scheme_old_name",
        "test_cors_allowed_origins_no_netloc",
        "test_cors_allowed_origins_path",
        "test_cors_allowed_origins_path_old_name",
        "test_cors_allowed_origin_regexes_non_sequence",
        "test_cors_allowed_origin_regexes_old_name",
        "test_cors_allowed_origin_regexes_regex",
        "test_cors_expose_headers_non_sequence",
        "test_cors_expose_headers_non_string",
        "test_cors_urls_regex_non_string",
        "test_cors_replace_https_referer_failure",
        "test_cors_model_failure",
    ),
    "tests/test_conf.py": (
        "test_can_override",
        "test_cors_allow_all_origins_old_alias",
        "test_cors_allow_all_origins_new_setting_takes_precedence",
        "test_cors_allowed_origins_old_alias",
        "test_cors_allowed_origins_new_setting_takes_precedence",
        "test_cors_allowed_origin_regexes_old_alias",
        "test_cors_allowed_origin_regexes_new_setting_takes_precedence",
    ),
}

#: The peer's tests not ported, each with the reason (one line).
NOT_PORTED = [
    (
        "test_cors_enabled_is_attached_and_bool",
        "checks django-cors-headers' private request._cors_enabled; wsgi-cors never"
        " touches Django's request object",
    ),
    (
        "test_works_if_view_deletes_cors_enabled",
        "the same private attribute, deleted by a view; nothing of wsgi-cors lives on"
        " Django's request",
    ),
]


def test_every_peer_test_is_ported_or_not_ported_with_a_reason() -> None:
    """Every test function of the three peer files is named in the docstring of a test
    here or in :data:`NOT_PORTED`, never both."""
    assert_every_peer_test_accounted_for(globals(), PEER_TESTS, NOT_PORTED)


# -- applications and requests -------------------------------------------------------


async def async_items(request: HttpRequest) -> HttpResponse:
    """The peer's ``async`` view, here at ``/items``."""
    return HttpResponse("Asynchronous")


class ShortCircuit:
    """A Django middleware that answers every request itself, before the views (the
    peer's ``ShortCircuitMiddleware``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("short-circuit-middleware-response")


def django_app(kind: str = "class-view") -> WSGIApp:
    """A fresh Django WSGI application: the shared one of ``apps.py`` (``class-view``),
    or one whose ``/items`` is an ``async`` view (``async-view``), which Django's WSGI
    handler runs too."""
    if kind == "async-view":
        return _django_app(async_items)
    return make_django_app()


def django_app_short_circuited() -> WSGIApp:
    """The shared Django application with :class:`ShortCircuit` in its ``MIDDLEWARE``.
    Django reads ``MIDDLEWARE`` when the handler is made; the settings are configured
    once per process (``apps.configure_django``) and only overridden meanwhile."""
    configure_django()
    with override_settings(MIDDLEWARE=[f"{__name__}.{ShortCircuit.__name__}"]):
        return make_django_app()


def mounted(app: WSGIApp, script_name: str) -> WSGIApp:
    """*app* mounted under *script_name*, as a server does (``SCRIPT_NAME``)."""

    def under(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        environ["SCRIPT_NAME"] = script_name
        return app(environ, start_response)

    return under


def cors(app: WSGIApp | None = None, **options: Any) -> CORSMiddleware:
    """``CORSMiddleware`` around *app* (the shared Django application by default)."""
    return CORSMiddleware(django_app() if app is None else app, **options)


def any_origin_with_credentials(app: WSGIApp | None = None) -> CORSMiddleware:
    """``CORS_ALLOW_ALL_ORIGINS = True`` with ``CORS_ALLOW_CREDENTIALS = True``: our
    ``allow_origins="*"`` with ``allow_credentials="*"``, which wsgi-cors takes only
    with the explicit opt-in (README difference 7)."""
    with pytest.warns(CORSSecurityWarning):
        return cors(app, allow_credentials="*", dangerously_allow_any_origin_with_credentials=True)


def get(app: WSGIApp, origin: str | None = None, path: str = "/items", **headers: str) -> Response:
    """A ``GET``; *headers* are given as ``Access_Control_Request_Method="GET"``."""
    return fetch(app, origin, "GET", path, **headers)


def ask(
    app: WSGIApp,
    origin: str,
    method: str = "GET",
    path: str = "/items",
    request_headers: str | None = None,
    private_network: bool = False,
) -> Response:
    """A CORS-preflight request for *method*, to the application's ``/items``."""
    return preflight(app, origin, method, request_headers, private_network, path)


def varies(response: Response) -> set[str]:
    """The lower-cased names in the response's ``Vary``: the peer compares ``vary``
    with ``origin``, and field names are case-insensitive (RFC 9110, 5.1)."""
    return {
        token.strip().lower()
        for value in response.get_all("Vary")
        for token in value.split(",")
        if token.strip()
    }


def from_settings(mapping: dict[str, Any], app: WSGIApp | None = None) -> CORSMiddleware:
    """``CORSMiddleware.from_mapping`` over Django-style ``CORS_*`` settings."""
    return CORSMiddleware.from_mapping(
        django_app() if app is None else app, mapping, prefix="CORS_"
    )


def problems_of(mapping: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Each problem ``from_settings(mapping)`` reports, as ``(key, "why; fix")``."""
    with pytest.raises(CORSConfigurationError) as raised:
        from_settings(mapping)
    for problem in raised.value.problems:
        yield problem.option, f"{problem.why}; {problem.fix}"


# == tests/test_middleware.py: actual requests =========================================


@pytest.mark.parametrize(
    ("allow_origins", "expected_cors", "expected_vary"),
    [([EXAMPLE_COM], {}, {"origin"}), ("*", {ACAO: "*"}, set())],
    ids=["listed", "any"],
)
def test_request_without_origin(
    allow_origins: Any, expected_cors: dict[str, str], expected_vary: set[str]
) -> None:
    """Ports django-cors-headers' ``CorsMiddlewareTests.test_get_no_origin`` and
    ``test_get_origin_vary_by_default`` (adamchainz/django-cors-headers,
    tests/test_middleware.py): a ``GET`` without ``Origin`` gets no
    ``Access-Control-Allow-Origin`` and ``Vary: Origin``, as there, when the policy
    lists origins. With ``allow_origins="*"`` (``CORS_ALLOW_ALL_ORIGINS``) wsgi-cors
    sends ``*`` all the same, so that a cached answer serves a later CORS request
    (README difference 5), and no ``Vary``, since nothing varies by origin (difference
    1); django-cors-headers adds ``Vary: origin`` to every response of its URLs."""
    response = get(cors(allow_origins=allow_origins))
    assert response.code == 200
    assert response.cors() == expected_cors
    assert varies(response) == expected_vary


@pytest.mark.parametrize(
    ("allow_origins", "expected"), [([EXAMPLE_COM], {}), ("*", {ACAO: "*"})], ids=["listed", "any"]
)
def test_invalid_origin_is_never_reflected(allow_origins: Any, expected: dict[str, str]) -> None:
    """Ports ``CorsMiddlewareTests.test_get_invalid_origin``: ``https://example.com]``
    is not an origin and is never reflected (README difference 4). With
    ``allow_origins="*"`` it gets ``*``, as any request does there (differences 4 and
    5), where django-cors-headers' ``CORS_ALLOW_ALL_ORIGINS`` sends nothing to it."""
    assert get(cors(allow_origins=allow_origins), "https://example.com]").cors() == expected


GET_ORIGIN_CASES = [
    # (peer test, allow_origins, Origin, expected Access-Control-Allow-Origin or None)
    ("test_get_not_in_allowed_origins", [EXAMPLE_COM], EXAMPLE_ORG, None),
    ("test_get_not_in_allowed_origins_due_to_wrong_scheme", [HTTP_EXAMPLE_ORG], EXAMPLE_ORG, None),
    ("test_get_in_allowed_origins", [EXAMPLE_COM, EXAMPLE_ORG], EXAMPLE_ORG, EXAMPLE_ORG),
    ("test_null_in_allowed_origins", [EXAMPLE_COM, "null"], "null", "null"),
]


@pytest.mark.parametrize(
    ("peer_test", "allow_origins", "origin", "expected"),
    GET_ORIGIN_CASES,
    ids=[case[0] for case in GET_ORIGIN_CASES],
)
def test_allowed_origins(
    peer_test: str, allow_origins: list[str], origin: str, expected: str | None
) -> None:
    """Ports ``CorsMiddlewareTests.test_get_not_in_allowed_origins``,
    ``test_get_not_in_allowed_origins_due_to_wrong_scheme``,
    ``test_get_in_allowed_origins`` and ``test_null_in_allowed_origins``: a listed
    origin (``null`` included, when listed: README difference 4) is reflected; another,
    or the same host on another scheme, gets no CORS header. ``Vary: Origin`` on
    each, as there."""
    response = get(cors(allow_origins=allow_origins), origin)
    assert response.code == 200
    assert response.cors() == ({} if expected is None else {ACAO: expected})
    assert varies(response) == {"origin"}


def test_allowed_origin_async_view() -> None:
    """Ports ``CorsMiddlewareTests.test_async_get_in_allowed_origins``: an ``async``
    Django view, served by Django's WSGI handler, gets its origin reflected. The peer
    drives it through Django's async test client; wsgi-cors is a WSGI middleware, so
    the same view is reached through WSGI, in a thread of its own as a WSGI server
    calls it: Django's WSGI handler cannot run an ``async`` view in a thread where an
    event loop runs, as it does in this one after the browser suite (Playwright)."""
    app = cors(django_app("async-view"), allow_origins=[EXAMPLE_ORG])
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        response = worker.submit(get, app, EXAMPLE_ORG).result(timeout=30)
    assert (response.code, response.body) == (200, b"Asynchronous")
    assert response.cors() == {ACAO: EXAMPLE_ORG}


def test_file_origin() -> None:
    """Ports ``CorsMiddlewareTests.test_file_in_allowed_origins`` and
    ``ChecksTests.test_cors_allowed_origins_allowed``: django-cors-headers accepts
    ``"file://"`` in ``CORS_ALLOWED_ORIGINS`` (beside ``"null"``) and reflects that
    ``Origin``, for an old bug of Chrome on Android. ``file://`` is no serialized
    origin (a ``file:`` URL's origin is opaque and serialized as ``null``: URL
    standard, "Origin"), so wsgi-cors refuses it at construction, saying why (README difference
    8), and never reflects it from a request (difference 4): ``*`` answers it. The rest
    of the peer's list is accepted."""
    with pytest.raises(CORSConfigurationError, match="'file://'"):
        cors(allow_origins=[HTTP_EXAMPLE_COM, "file://", "null"])
    app = cors(allow_origins=[HTTP_EXAMPLE_COM, "null"])
    assert get(app, "null").cors() == {ACAO: "null"}
    assert get(cors(), "file://").cors() == {ACAO: "*"}


@pytest.mark.parametrize(
    ("peer_test", "expose_headers", "expected"),
    [
        (
            "test_get_expose_headers",
            ["accept", "content-type"],
            {ACAO: "*", ACEH: "accept, content-type"},
        ),
        ("test_get_dont_expose_headers", None, {ACAO: "*"}),
    ],
    ids=["expose", "dont-expose"],
)
def test_expose_headers(
    peer_test: str, expose_headers: list[str] | None, expected: dict[str, str]
) -> None:
    """Ports ``CorsMiddlewareTests.test_get_expose_headers`` and
    ``test_get_dont_expose_headers``: every origin; ``expose_headers`` joined with
    ``', '``, or no ``Access-Control-Expose-Headers`` without it."""
    assert get(cors(expose_headers=expose_headers), EXAMPLE_COM).cors() == expected


@pytest.mark.parametrize(
    ("peer_test", "allow_credentials", "origin", "expected"),
    [
        ("test_get_allow_credentials", "*", EXAMPLE_COM, {ACAO: EXAMPLE_COM, ACAC: "true"}),
        ("test_get_allow_credentials_bad_origin", "*", EXAMPLE_ORG, {}),
        ("test_get_allow_credentials_disabled", None, EXAMPLE_COM, {ACAO: EXAMPLE_COM}),
    ],
    ids=["credentials", "bad-origin", "disabled"],
)
def test_credentials(
    peer_test: str, allow_credentials: str | None, origin: str, expected: dict[str, str]
) -> None:
    """Ports ``CorsMiddlewareTests.test_get_allow_credentials``,
    ``test_get_allow_credentials_bad_origin`` and ``test_get_allow_credentials_disabled``:
    ``CORS_ALLOW_CREDENTIALS = True`` (``allow_credentials="*"``) beside one listed
    origin gives that origin ``Access-Control-Allow-Credentials: true``; another origin
    gets none (nor any CORS header), and without the setting none is sent."""
    app = cors(allow_origins=[EXAMPLE_COM], allow_credentials=allow_credentials)
    assert get(app, origin).cors() == expected


PRIVATE_NETWORK_CASES = [
    # (peer test, allow_private_network, allow_origins, Origin, asks, preflight's header)
    (
        "test_allow_private_network_added_if_enabled_and_requested",
        True,
        "*",
        HTTP_EXAMPLE_COM,
        True,
        "true",
    ),
    (
        "test_allow_private_network_not_added_if_enabled_and_not_requested",
        True,
        "*",
        HTTP_EXAMPLE_COM,
        False,
        None,
    ),
    (
        "test_allow_private_network_not_added_if_enabled_and_no_cors_origin",
        True,
        [HTTP_EXAMPLE_COM],
        HTTP_EXAMPLE_ORG,
        True,
        None,
    ),
    (
        "test_allow_private_network_not_added_if_disabled_and_requested",
        False,
        "*",
        HTTP_EXAMPLE_COM,
        True,
        None,
    ),
]


@pytest.mark.parametrize(
    ("peer_test", "enabled", "allow_origins", "origin", "asks", "expected"),
    PRIVATE_NETWORK_CASES,
    ids=[case[0].removeprefix("test_allow_private_network_") for case in PRIVATE_NETWORK_CASES],
)
def test_private_network(
    peer_test: str,
    enabled: bool,
    allow_origins: Any,
    origin: str,
    asks: bool,
    expected: str | None,
) -> None:
    """Ports ``CorsMiddlewareTests.test_allow_private_network_added_if_enabled_and_requested``,
    ``test_allow_private_network_not_added_if_enabled_and_not_requested``,
    ``test_allow_private_network_not_added_if_enabled_and_no_cors_origin`` and
    ``test_allow_private_network_not_added_if_disabled_and_requested``:
    ``Access-Control-Allow-Private-Network: true`` only when enabled, asked for, and
    the origin allowed. The peer sends its requests as ``GET``, and adds the header to
    that ``GET``'s answer in the first case; wsgi-cors adds it to a preflight answer
    only (docs/security.rst, 'Private Network Access and Local Network Access': "a
    preflight that carries ``Access-Control-Request-Private-Network: true``"), the one
    place where Chromium's Private Network Access draft sends the request header and
    reads the answer. So each case is checked on a preflight (denied, ``403``, for the
    origin not allowed: README difference 6) and on the peer's ``GET``, which never gets
    the header."""
    with warnings.catch_warnings(record=True) as caught:  # "*" with it is warned of
        warnings.simplefilter("always")
        app = cors(allow_origins=allow_origins, allow_private_network=enabled)
    told = [str(w.message) for w in caught]
    assert [m.startswith("allow_private_network=True with") for m in told] == (
        [True] if enabled and allow_origins == "*" else []
    )
    response = ask(app, origin, private_network=asks)
    allowed = allow_origins == "*" or origin in allow_origins
    assert response.code == (204 if allowed else 403)
    assert response.cors().get(ACAPN) == expected
    extra = {"Access_Control_Request_Private_Network": "true"} if asks else {}
    assert ACAPN not in get(app, origin, **extra).cors()


# == tests/test_middleware.py: preflights ==============================================


@pytest.mark.parametrize("kind", ["class-view", "async-view"])
def test_preflight_answered_with_configured_lists(kind: str) -> None:
    """Ports ``CorsMiddlewareTests.test_options_allowed_origin`` (the sync view) and
    ``test_async_options_allowed_origin`` (an ``async`` view): every origin,
    ``allow_headers=["content-type"]``, ``allow_methods=["GET", "OPTIONS"]``,
    ``max_age=1002``; a preflight for ``GET`` is granted with those three headers, as there.
    wsgi-cors answers it itself with ``204 No Content`` and the view never runs (README
    difference 6), where django-cors-headers answers ``200``."""
    counted = CountingApp(django_app(kind))
    app = cors(
        counted, allow_headers=["content-type"], allow_methods=["GET", "OPTIONS"], max_age=1002
    )
    response = ask(app, EXAMPLE_COM)
    assert response.status == "204 No Content"
    assert response.cors() == {
        ACAO: "*",
        ACAH: "content-type",
        ACAM: "GET, OPTIONS",
        ACMA: "1002",
    }
    assert counted.calls == []


@pytest.mark.parametrize(("max_age", "expected"), [(0, "0"), (None, None)], ids=["zero", "none"])
def test_preflight_max_age_zero(max_age: int | None, expected: str | None) -> None:
    """Ports ``CorsMiddlewareTests.test_options_no_max_age``: ``CORS_PREFLIGHT_MAX_AGE =
    0`` sends no ``Access-Control-Max-Age`` there. In wsgi-cors ``max_age=0`` sends
    ``Access-Control-Max-Age: 0`` (a browser then keeps no preflight at all), and
    ``max_age=None`` sends none, the peer's answer (migration guide, the
    ``CORS_PREFLIGHT_MAX_AGE`` row). The configured lists are sent either way."""
    app = cors(allow_headers=["content-type"], allow_methods=["GET", "OPTIONS"], max_age=max_age)
    response = ask(app, EXAMPLE_COM)
    assert response.status == "204 No Content"
    assert response.cors().get(ACMA) == expected
    assert (response.cors()[ACAH], response.cors()[ACAM]) == ("content-type", "GET, OPTIONS")


PREFLIGHT_ORIGIN_CASES = [
    # (peer test, options, Origin, reflected)
    (
        "test_options_allowed_origins_with_port",
        {"allow_origins": ["https://localhost:9000"]},
        "https://localhost:9000",
        True,
    ),
    (
        "test_options_adds_origin_when_domain_found_in_allowed_regexes",
        {"allow_origin_regex": r"^https://\w+\.example\.com$"},
        "https://foo.example.com",
        True,
    ),
    (
        "test_options_adds_origin_when_domain_found_in_allowed_regexes_second",
        {"allow_origin_regex": r"^https://\w+\.example\.org$|^https://\w+\.example\.com$"},
        "https://foo.example.com",
        True,
    ),
    (
        "test_options_doesnt_add_origin_when_domain_not_found_in_allowed_regexes",
        {"allow_origin_regex": r"^https://\w+\.example\.org$"},
        "https://foo.example.com",
        False,
    ),
]


@pytest.mark.parametrize(
    ("peer_test", "options", "origin", "reflected"),
    PREFLIGHT_ORIGIN_CASES,
    ids=[case[0].removeprefix("test_options_") for case in PREFLIGHT_ORIGIN_CASES],
)
def test_preflight_origins(
    peer_test: str, options: dict[str, Any], origin: str, reflected: bool
) -> None:
    """Ports ``CorsMiddlewareTests.test_options_allowed_origins_with_port``,
    ``test_options_adds_origin_when_domain_found_in_allowed_regexes``,
    ``test_options_adds_origin_when_domain_found_in_allowed_regexes_second`` and
    ``test_options_doesnt_add_origin_when_domain_not_found_in_allowed_regexes``: an
    origin listed with its port, or matching a regex, is reflected on the preflight
    answer. The peer's two regexes are one pattern joined with ``|`` (migration guide,
    ``CORS_ALLOWED_ORIGIN_REGEXES``). A preflight from an origin not allowed is denied
    with ``403`` and no ``Access-Control-*`` header, where django-cors-headers answers
    ``200`` without them (migration guide, "What else changes"; README difference 6)."""
    response = ask(cors(**options), origin)
    if reflected:
        assert response.status == "204 No Content"
        assert response.cors()[ACAO] == origin
    else:
        assert response.status == "403 Forbidden"
        assert response.cors() == {}
    assert varies(response) == {"origin"}


@pytest.mark.parametrize(
    ("peer_test", "headers", "expected"),
    [
        (
            "test_options_empty_request_method",
            [("Origin", EXAMPLE_COM), ("Access-Control-Request-Method", "")],
            {ACAO: "*"},
        ),
        (
            "test_options (an older version of the file)",
            [("Access-Control-Request-Method", "value")],
            {ACAO: "*"},
        ),
    ],
    ids=["empty-method", "no-origin"],
)
def test_options_that_is_no_preflight_reaches_django(
    peer_test: str, headers: list[tuple[str, str]], expected: dict[str, str]
) -> None:
    """Ports ``CorsMiddlewareTests.test_options_empty_request_method`` (and ``test_options``
    of an older version of the file, without ``Origin``): ``200``, as there, but not
    for the same reason. django-cors-headers answers any ``OPTIONS`` carrying
    ``Access-Control-Request-Method`` itself, even empty; for wsgi-cors a
    CORS-preflight request has ``Origin`` and a non-empty
    ``Access-Control-Request-Method`` (Fetch standard, "CORS-preflight request", which
    always sends the method; docs/api.rst, ``preflight_method``), so these go to Django, whose
    ``View.options`` answers ``200`` with ``Allow``, and get the headers of an ordinary
    response (``*``; without ``Origin``: README difference 5)."""
    counted = CountingApp(django_app())
    response = call(cors(counted), "OPTIONS", "/items", headers)
    assert response.status == "200 OK"
    assert response.get("Allow") is not None
    assert response.cors() == expected
    assert counted.calls == [("OPTIONS", "/items")]


def test_options_without_cors_headers_reaches_the_view() -> None:
    """Ports ``CorsMiddlewareTests.test_options_no_headers``: a bare ``OPTIONS`` is the
    application's business; the peer's ``require_GET`` view answers ``405``, and so does
    a Django function view here that allows ``GET`` and ``PUT`` only. No CORS header,
    ``Vary: Origin`` (README difference 1)."""
    counted = make_counted_app("django-function")
    response = call(cors(counted.app, allow_origins=[EXAMPLE_COM]), "OPTIONS", "/items")
    assert response.code == 405
    assert response.cors() == {}
    assert varies(response) == {"origin"}
    assert counted.views.methods == ["OPTIONS"]


@pytest.mark.parametrize("method", ["GET", "OPTIONS"])
def test_any_origin_with_credentials(method: str) -> None:
    """Ports ``CorsMiddlewareTests.test_allow_all_origins_get`` and
    ``test_allow_all_origins_options``: ``CORS_ALLOW_ALL_ORIGINS`` with
    ``CORS_ALLOW_CREDENTIALS`` reflects the origin, with credentials and
    ``Vary: Origin``, on the ``GET`` (which carries ``Access-Control-Request-Method``:
    not a preflight) and on the preflight. wsgi-cors takes that configuration only
    with ``dangerously_allow_any_origin_with_credentials=True`` (README difference 7;
    :func:`test_any_origin_with_credentials_needs_the_opt_in`) and answers the
    preflight ``204`` (difference 6)."""
    app = any_origin_with_credentials()
    if method == "GET":
        response = get(app, EXAMPLE_COM, Access_Control_Request_Method="GET")
        assert response.status == "200 OK"
    else:
        response = ask(app, EXAMPLE_COM)
        assert response.status == "204 No Content"
    assert response.cors()[ACAO] == EXAMPLE_COM
    assert response.cors()[ACAC] == "true"
    assert varies(response) == {"origin"}


def test_any_origin_with_credentials_needs_the_opt_in() -> None:
    """The configuration of ``CorsMiddlewareTests.test_allow_all_origins_get`` without
    the opt-in: refused, naming both fixes (README difference 7 and 'Secure by
    default'; the migration guide's ``CORS_ALLOW_CREDENTIALS`` row); the first fix,
    listing the trusted origin, gives the peer's answer."""
    with pytest.raises(
        CORSConfigurationError, match="dangerously_allow_any_origin_with_credentials"
    ):
        cors(allow_credentials="*")
    listed = cors(allow_origins=[EXAMPLE_COM], allow_credentials="*")
    assert get(listed, EXAMPLE_COM).cors() == {ACAO: EXAMPLE_COM, ACAC: "true"}


@pytest.mark.parametrize(("path", "status"), [("/nowhere", 404), ("/error", 500)])
def test_error_answers_get_cors_headers(path: str, status: int) -> None:
    """Ports ``CorsMiddlewareTests.test_non_200_headers_still_set``: a non-2xx answer to
    an actual request still gets the CORS headers. The peer's view answers ``401``;
    here Django's own ``404`` (no route) and ``500`` (the view raises)."""
    response = get(any_origin_with_credentials(), EXAMPLE_COM, path=path)
    assert response.code == status
    assert response.cors() == {ACAO: EXAMPLE_COM, ACAC: "true"}


def test_preflight_to_a_failing_view() -> None:
    """Ports ``CorsMiddlewareTests.test_auth_view_options``: a preflight to a view that
    would fail is granted, with the origin reflected and an empty body, and the view is
    not run. django-cors-headers answers ``200`` with ``Content-Length: 0``; wsgi-cors
    ``204 No Content`` (README difference 6), which carries
    no ``Content-Length`` (RFC 9110, 8.6: a server must not send it with a 204)."""
    counted = CountingApp(django_app())
    response = ask(any_origin_with_credentials(counted), EXAMPLE_COM, path="/error")
    assert response.status == "204 No Content"
    assert response.body == b""
    assert response.get("Content-Length") is None
    assert (response.cors()[ACAO], response.cors()[ACAC]) == (EXAMPLE_COM, "true")
    assert counted.calls == []


# == tests/test_middleware.py: check_request_enabled ===================================


@pytest.mark.parametrize("answer", [False, True])
def test_origin_function_decides(answer: bool) -> None:
    """Ports ``CorsMiddlewareTests.test_signal_handler_that_returns_false`` and
    ``test_signal_handler_that_returns_true``: a ``check_request_enabled`` receiver is a
    callable in ``allow_origins`` (migration guide). ``True`` grants the preflight with
    the origin reflected; ``False`` denies it: ``403`` without CORS header, where the
    peer answers ``200`` without them (migration guide, "What else changes")."""
    response = ask(cors(allow_origins=lambda origin: answer), EXAMPLE_COM)
    if answer:
        assert response.status == "204 No Content"
        assert response.cors()[ACAO] == EXAMPLE_COM
    else:
        assert response.status == "403 Forbidden"
        assert response.cors() == {}


def test_path_decides_with_paths() -> None:
    """Ports ``CorsMiddlewareTests.test_signal_handler_allow_some_urls_to_everyone``: one
    listed origin, and every origin under ``/api/``. A receiver that decides by path
    is a ``paths`` entry (migration guide: "Decisions that depend on the path go in
    ``paths``"); its callable accepts every origin, as the receiver does, so the origin
    is reflected as there. Outside ``/api/`` the preflight is denied (``403``, where the
    peer answers ``200``: see :func:`test_origin_function_decides`)."""
    app = cors(
        allow_origins=[EXAMPLE_COM],
        paths={"/": {}, "/api": {"allow_origins": lambda origin: True}},
    )
    response = ask(app, EXAMPLE_ORG, path="/")
    assert response.status == "403 Forbidden"
    assert response.cors() == {}
    response = ask(app, EXAMPLE_ORG, path="/api/something/")
    assert response.status == "204 No Content"
    assert response.cors()[ACAO] == EXAMPLE_ORG


def test_origin_function_asked_once_per_request() -> None:
    """Ports ``CorsMiddlewareTests.test_signal_called_once_during_normal_flow``: a
    ``GET`` from an origin the list does not name asks the callable once, and its
    ``True`` allows the origin."""
    asked: list[str] = []

    def allow_all(origin: str) -> bool:
        asked.append(origin)
        return True

    response = get(cors(allow_origins=[EXAMPLE_COM, allow_all]), EXAMPLE_ORG)
    assert response.cors() == {ACAO: EXAMPLE_ORG}
    assert asked == [EXAMPLE_ORG]


# == tests/test_middleware.py: what a Django middleware answers, and CORS_URLS_REGEX ====


def test_answer_of_an_earlier_django_middleware_is_covered() -> None:
    """Ports ``CorsMiddlewareTests.test_get_short_circuit``: a Django middleware answers
    before the views. Inside Django, django-cors-headers never sees that answer and
    adds nothing; wsgi-cors wraps the whole WSGI application, so the answer gets its
    headers (migration guide, "What else changes": "a response made by an earlier
    middleware ... gets the headers too")."""
    response = get(cors(django_app_short_circuited(), allow_origins=[EXAMPLE_COM]), EXAMPLE_COM)
    assert response.body == b"short-circuit-middleware-response"
    assert response.cors() == {ACAO: EXAMPLE_COM}


def test_answer_of_an_earlier_django_middleware_outside_paths() -> None:
    """Ports ``CorsMiddlewareTests.test_get_short_circuit_should_be_ignored``: with
    ``CORS_URLS_REGEX`` (``paths``) not matching the path, the middleware's answer gets
    no CORS header, and no ``Vary`` either (docs/configuration.rst, 'Per-path policies':
    a path no entry matches passes through untouched)."""
    app = cors(
        django_app_short_circuited(),
        allow_origins=[EXAMPLE_COM],
        paths={re.compile(r"^/items$"): {}},
    )
    response = get(app, EXAMPLE_COM, path="/")
    assert response.body == b"short-circuit-middleware-response"
    assert response.cors() == {}
    assert varies(response) == set()


URLS_REGEX_CASES = [
    # (peer test, pattern, SCRIPT_NAME, CORS headers expected)
    ("test_get_regex_matches", r"^/items$", "", True),
    ("test_get_regex_doesnt_match", r"^/not-items$", "", False),
    ("test_get_regex_matches_path_info", r"^/items$", "/prefix", True),
]


@pytest.mark.parametrize(
    ("peer_test", "pattern", "script_name", "covered"),
    URLS_REGEX_CASES,
    ids=[case[0].removeprefix("test_get_") for case in URLS_REGEX_CASES],
)
def test_urls_regex_as_paths(peer_test: str, pattern: str, script_name: str, covered: bool) -> None:
    """Ports ``CorsMiddlewareTests.test_get_regex_matches``, ``test_get_regex_doesnt_match``
    and ``test_get_regex_matches_path_info``: ``CORS_URLS_REGEX`` is a pattern in
    ``paths`` (migration guide), matched against ``PATH_INFO``, so an application
    mounted under a ``SCRIPT_NAME`` is matched on the path below it, as the peer
    matches ``request.path_info``. The peer's ``/foo/`` is ``/items`` here."""
    app = cors(allow_origins=[EXAMPLE_COM], paths={re.compile(pattern): {}})
    if script_name:
        app = mounted(app, script_name)
    response = get(app, EXAMPLE_COM)
    assert response.code == 200
    assert response.cors() == ({ACAO: EXAMPLE_COM} if covered else {})


# == tests/test_checks.py ==============================================================


def test_checks_defaults_pass() -> None:
    """Ports ``ChecksTests.test_defaults_pass`` and ``test_defaults_pass_check`` (the latter
    runs Django's ``check`` command; wsgi-cors's checks run when the middleware is made): no
    option at all, and settings without any ``CORS_`` key, are accepted, and every origin is
    then allowed (docs/configuration.rst, 'allow_origins': default ``"*"``). Where the
    peer's default allows no origin, ours allows every one: settings that set nothing say so
    with a :class:`CORSSecurityWarning`."""
    with pytest.warns(CORSSecurityWarning, match="read no key starting with 'CORS_'"):
        settings_app = from_settings({"DEBUG": False})
    for app in (cors(), settings_app):
        assert get(app, EXAMPLE_COM).cors() == {ACAO: "*"}


def test_checks_run_before_any_request() -> None:
    """Ports ``ChecksTests.test_checks_are_bound`` (a bad ``CORS_ALLOW_ALL_ORIGINS``
    fails Django's ``check`` command): a bad option fails when the middleware is made,
    before any request reaches the application (docs/configuration.rst, 'Validation')."""
    counted = CountingApp(django_app())
    with pytest.raises(TypeError, match="allow_origins"):
        cors(counted, allow_origins=object())
    assert counted.calls == []


WRONG_TYPE_CASES = [
    # (peer test, our option, a value of the wrong type)
    ("test_cors_allow_headers_non_sequence", "allow_headers", object()),
    ("test_cors_allow_headers_non_string", "allow_headers", [object()]),
    ("test_cors_allow_methods_non_sequence", "allow_methods", object()),
    ("test_cors_allow_methods_non_string", "allow_methods", [object()]),
    ("test_cors_allow_credentials_non_bool", "allow_credentials", object()),
    ("test_cors_allow_all_origins_non_bool", "allow_origins", object()),
    ("test_cors_allowed_origins_non_sequence", "allow_origins", object()),
    ("test_cors_allowed_origins_non_string", "allow_origins", [object()]),
    ("test_cors_allowed_origin_regexes_non_sequence", "allow_origin_regex", object()),
    ("test_cors_expose_headers_non_sequence", "expose_headers", object()),
    ("test_cors_expose_headers_non_string", "expose_headers", [object()]),
    ("test_cors_urls_regex_non_string", "paths", object()),
    ("corsheaders.E015 (checks.py)", "allow_private_network", object()),
]


@pytest.mark.parametrize(
    ("peer_test", "option", "value"),
    WRONG_TYPE_CASES,
    ids=[case[0].removeprefix("test_cors_") for case in WRONG_TYPE_CASES],
)
def test_checks_wrong_types(peer_test: str, option: str, value: object) -> None:
    """Ports ``ChecksTests.test_cors_allow_headers_non_sequence``,
    ``test_cors_allow_headers_non_string``, ``test_cors_allow_methods_non_sequence``,
    ``test_cors_allow_methods_non_string``, ``test_cors_allow_credentials_non_bool``,
    ``test_cors_allow_all_origins_non_bool``, ``test_cors_allowed_origins_non_sequence``,
    ``test_cors_allowed_origins_non_string``,
    ``test_cors_allowed_origin_regexes_non_sequence``,
    ``test_cors_expose_headers_non_sequence``, ``test_cors_expose_headers_non_string``
    and ``test_cors_urls_regex_non_string`` (and the installed checks.py's
    ``CORS_ALLOW_PRIVATE_NETWORK`` check, which those tests do not cover): a value of
    the wrong type for the option that does the setting's job is a ``TypeError`` naming
    the option, or, from settings, the ``CORS_`` key as written (docs/configuration.rst,
    'Validation' and 'How text is read'). ``object()`` stands in for the peer's
    ``object``, the class: a class is callable, and ``allow_origins`` and
    ``allow_credentials`` take callables (README, 'Origins decided by a function')."""
    with pytest.raises(TypeError, match=rf"^{option}: "):
        cors(**{option: value})
    key = f"CORS_{option.upper()}"
    with pytest.raises(TypeError, match=rf"^{key}: "):
        from_settings({key: value})


def test_checks_credentials_setting_is_a_bool() -> None:
    """With ``ChecksTests.test_cors_allow_credentials_non_bool``: the peer's setting is a
    bool, ours names origins (as in Falcon). ``True`` given as it is, in code or in
    settings, is a ``TypeError``, and written as text a ``CORSConfigurationError``,
    each saying to write ``'*'`` (migration guide, the ``CORS_ALLOW_CREDENTIALS`` row)."""
    with pytest.raises(TypeError, match=r"'\*'"):
        cors(allow_credentials=True)
    with pytest.raises(TypeError, match=r"^CORS_ALLOW_CREDENTIALS: .*'\*'"):
        from_settings({"CORS_ALLOW_CREDENTIALS": True})
    ((key, why),) = problems_of({"CORS_ALLOW_CREDENTIALS": "true"})
    assert key == "CORS_ALLOW_CREDENTIALS"
    assert "'*'" in why


def test_checks_max_age() -> None:
    """Ports ``ChecksTests.test_cors_preflight_max_age_non_integer`` and
    ``test_cors_preflight_max_age_negative``: ``max_age="10"`` is a ``TypeError`` and
    ``-1`` a ``CORSConfigurationError``, as there. From settings, under our key
    ``CORS_MAX_AGE``, text is read as a number (docs/configuration.rst, 'How text is
    read': ``max_age`` a whole number of seconds, or ``none``), so ``"10"`` is ten
    seconds; ``-1`` is refused, naming the key; the peer's key ``CORS_PREFLIGHT_MAX_AGE``
    is refused, naming ours."""
    with pytest.raises(TypeError, match="^max_age: "):
        cors(max_age="10")
    with pytest.raises(CORSConfigurationError, match="max_age: -1 is outside"):
        cors(max_age=-1)
    assert ask(from_settings({"CORS_MAX_AGE": "10"}), EXAMPLE_COM).cors()[ACMA] == "10"
    assert [key for key, _ in problems_of({"CORS_MAX_AGE": -1})] == ["CORS_MAX_AGE"]
    assert list(problems_of({"CORS_PREFLIGHT_MAX_AGE": "10"})) == [
        ("CORS_PREFLIGHT_MAX_AGE", "is not a CORS option; did you mean CORS_MAX_AGE?")
    ]


ORIGIN_SYNTAX_CASES = [
    # (peer test, configured origin, why, as our message says it)
    ("test_cors_allowed_origins_no_scheme", "example.com", "has no scheme"),
    ("test_cors_allowed_origins_no_netloc", "https://", "has no host"),
    ("test_cors_allowed_origins_path", "https://example.com/foobar", "has a path"),
]


@pytest.mark.parametrize(
    ("peer_test", "origin", "why"),
    ORIGIN_SYNTAX_CASES,
    ids=[case[0].removeprefix("test_cors_allowed_origins_") for case in ORIGIN_SYNTAX_CASES],
)
def test_checks_origin_syntax(peer_test: str, origin: str, why: str) -> None:
    """Ports ``ChecksTests.test_cors_allowed_origins_no_scheme``,
    ``test_cors_allowed_origins_no_netloc`` and ``test_cors_allowed_origins_path``: an
    origin without scheme or host, or with a path, is refused, as there (README
    difference 8), in one problem that names the option, or the settings key as
    written (the peer's message says "in CORS_ALLOWED_ORIGINS"), and says how to write
    it."""
    with pytest.raises(CORSConfigurationError) as raised:
        cors(allow_origins=[origin])
    ((problem,),) = [raised.value.problems]
    assert (problem.option, problem.value) == ("allow_origins", origin)
    assert why in problem.why
    ((key, text),) = problems_of({"CORS_ALLOW_ORIGINS": [origin]})
    assert key == "CORS_ALLOW_ORIGINS"
    assert why in text


def test_checks_empty_policy_is_refused() -> None:
    """The peer's test settings allow no origin (its defaults), which its checks accept
    (``ChecksTests.test_defaults_pass``, ported above with our defaults): in wsgi-cors
    ``allow_origins=[]`` without a regex can never grant anything and is refused
    (README, 'Secure by default')."""
    with pytest.raises(CORSConfigurationError, match="allows no origin"):
        cors(allow_origins=[])


WHITELIST_FIX = "did you mean CORS_ALLOW_ORIGINS?"

OLD_NAME_CASES = [
    # (peer test, the peer's old setting, its value there, the fix our error gives)
    (
        "test_cors_allow_all_origins_old_name",
        "CORS_ORIGIN_ALLOW_ALL",
        object(),
        "use CORS_ALLOW_ORIGINS='*'",
    ),
    ("test_cors_allowed_origins_old_name", "CORS_ORIGIN_WHITELIST", object(), WHITELIST_FIX),
    (
        "test_cors_allowed_origins_no_scheme_old_name",
        "CORS_ORIGIN_WHITELIST",
        ["example.com"],
        WHITELIST_FIX,
    ),
    (
        "test_cors_allowed_origins_path_old_name",
        "CORS_ORIGIN_WHITELIST",
        ["https://example.com/foobar"],
        WHITELIST_FIX,
    ),
    (
        "test_cors_allowed_origin_regexes_old_name",
        "CORS_ORIGIN_REGEX_WHITELIST",
        object(),
        "use CORS_ALLOW_ORIGIN_REGEX (one pattern",
    ),
]


@pytest.mark.parametrize(
    ("peer_test", "key", "value", "fix"),
    OLD_NAME_CASES,
    ids=[case[0].removeprefix("test_cors_") for case in OLD_NAME_CASES],
)
def test_checks_old_setting_names(peer_test: str, key: str, value: object, fix: str) -> None:
    """Ports ``ChecksTests.test_cors_allow_all_origins_old_name``,
    ``test_cors_allowed_origins_old_name``, ``test_cors_allowed_origins_no_scheme_old_name``,
    ``test_cors_allowed_origins_path_old_name`` and
    ``test_cors_allowed_origin_regexes_old_name``: the peer's error names the old
    setting as the user wrote it; so does ours, which says which option of ours to
    write instead, whatever the value (docs/configuration.rst, 'Configuration outside
    the code': errors name the key as the user wrote it)."""
    ((problem_key, text),) = problems_of({key: value})
    assert problem_key == key
    assert text.startswith("is not a CORS option")
    assert fix in text


@pytest.mark.parametrize("pattern", [r"a", re.compile(r"a")], ids=["str", "compiled"])
def test_checks_regex(pattern: str | re.Pattern[str]) -> None:
    """Ports ``ChecksTests.test_cors_allowed_origin_regexes_regex``: a compiled pattern
    is accepted (a string too), in code and in settings. The peer's setting is a list
    of patterns; ours is one pattern (migration guide: "join several with ``|``"), so a
    list is a ``TypeError``. ``a`` matches no origin, having no scheme: warned of
    (``origin_regex.missing_scheme``), not refused."""
    with pytest.warns(UserWarning, match="'a' has no scheme"):
        cors(allow_origin_regex=pattern)
    with pytest.warns(UserWarning, match="^CORS_ALLOW_ORIGIN_REGEX 'a' has no scheme"):
        from_settings({"CORS_ALLOW_ORIGIN_REGEX": pattern})
    with pytest.raises(TypeError, match="allow_origin_regex"):
        cors(allow_origin_regex=[pattern])


@pytest.mark.parametrize(
    ("peer_test", "key", "value"),
    [
        ("test_cors_replace_https_referer_failure", "CORS_REPLACE_HTTPS_REFERER", object()),
        ("test_cors_model_failure", "CORS_MODEL", "something"),
    ],
    ids=["replace-https-referer", "model"],
)
def test_checks_removed_settings(peer_test: str, key: str, value: object) -> None:
    """Ports ``ChecksTests.test_cors_replace_https_referer_failure`` and
    ``test_cors_model_failure``: settings django-cors-headers removed are errors there;
    from settings, wsgi-cors refuses them as keys that are no option, naming the key."""
    ((problem_key, text),) = problems_of({key: value})
    assert problem_key == key
    assert text.startswith("is not a CORS option")


# == tests/test_conf.py ================================================================


def test_conf_setting_overrides_default() -> None:
    """Ports ``ConfTests.test_can_override``: ``CORS_ALLOW_HEADERS = ["foo"]`` replaces
    the default, which in wsgi-cors allows every requested header (migration guide):
    a preflight asking for ``foo`` is granted with it, one asking for ``bar`` denied."""
    app = from_settings({"CORS_ALLOW_HEADERS": ["foo"]})
    response = ask(app, EXAMPLE_COM, request_headers="foo")
    assert response.status == "204 No Content"
    assert response.cors()[ACAH] == "foo"
    assert ask(app, EXAMPLE_COM, request_headers="bar").status == "403 Forbidden"


PEER_NAME_CASES = [
    # (the peer's setting, the fix our error gives)
    ("CORS_ALLOWED_ORIGINS", "CORS_ALLOW_ORIGINS"),
    ("CORS_ORIGIN_WHITELIST", "CORS_ALLOW_ORIGINS"),
    ("CORS_ALLOW_ALL_ORIGINS", "allow_origins='*'"),
    ("CORS_ORIGIN_ALLOW_ALL", "allow_origins='*'"),
    ("CORS_ALLOWED_ORIGIN_REGEXES", "allow_origin_regex"),
    ("CORS_ORIGIN_REGEX_WHITELIST", "allow_origin_regex"),
    ("CORS_PREFLIGHT_MAX_AGE", "CORS_MAX_AGE"),
    ("CORS_URLS_REGEX", "paths="),
]


@pytest.mark.parametrize(("key", "fix"), PEER_NAME_CASES, ids=[case[0] for case in PEER_NAME_CASES])
def test_conf_peer_names_name_ours(key: str, fix: str) -> None:
    """Ports ``ConfTests.test_cors_allow_all_origins_old_alias``,
    ``test_cors_allowed_origins_old_alias`` and ``test_cors_allowed_origin_regexes_old_alias``:
    django-cors-headers reads its old names as aliases of the new ones. wsgi-cors has one
    name per option and reads neither: each, old or new, is refused in settings naming
    ours, and given to ``CORSMiddleware`` as a keyword (in any case, with or without
    ``CORS_``) is a ``TypeError`` naming ours (migration guide, "Every setting")."""
    ((problem_key, text),) = problems_of({key: True})
    assert problem_key == key
    assert fix.removeprefix("CORS_").lower() in text.lower()
    for keyword in (key, key.lower(), key.removeprefix("CORS_").lower()):
        with pytest.raises(TypeError, match=rf"'{keyword}': use "):
            CORSMiddleware(django_app(), **{keyword: True})


@pytest.mark.parametrize(
    ("new", "old", "values"),
    [
        ("CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL", (False, True)),
        ("CORS_ALLOWED_ORIGINS", "CORS_ORIGIN_WHITELIST", ([EXAMPLE_COM], [EXAMPLE_ORG])),
        ("CORS_ALLOWED_ORIGIN_REGEXES", "CORS_ORIGIN_REGEX_WHITELIST", (["a+"], [".*"])),
    ],
    ids=["allow-all-origins", "allowed-origins", "allowed-origin-regexes"],
)
def test_conf_new_and_old_name_together(new: str, old: str, values: tuple[Any, Any]) -> None:
    """Ports ``ConfTests.test_cors_allow_all_origins_new_setting_takes_precedence``,
    ``test_cors_allowed_origins_new_setting_takes_precedence`` and
    ``test_cors_allowed_origin_regexes_new_setting_takes_precedence``: where the peer
    lets the new name win, wsgi-cors reads neither and reports both at once, in one
    ``CORSConfigurationError`` (docs/configuration.rst, 'Validation': every problem
    listed)."""
    assert [key for key, _ in problems_of({new: values[0], old: values[1]})] == [new, old]
