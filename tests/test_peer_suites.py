"""The peers' own CORS test suites, ported to wsgi-cors.

Two suites were read for their facts only (which requests, which options, which
expected headers); every test here is written anew, in this project's style:

* **Falcon**: ``falconry/falcon``, ``tests/test_cors_middleware.py``, the 4.x version
  (``TestCorsMiddleware`` and ``TestCustomCorsMiddleware``, with the private-network
  tests), plus the two tests of origin callables that a version of the same file has
  (commit ``394758c1``). Each Falcon case runs against a real ``falcon.App()`` with an
  equivalent resource, wrapped in Falcon-parity mode:
  ``CORSMiddleware(app, allow_methods=None, **falcon_options)``, or
  ``enable_cors(app, allow_methods=None)`` for ``cors_enable=True``.
* **Starlette**: ``Kludex/starlette`` (formerly ``encode/starlette``),
  ``tests/middleware/test_cors.py``: the current version, plus the tests that only an
  older ``encode/starlette`` version of that file has. Each case runs against a plain
  WSGI application that answers every method with ``200 Homepage``, wrapped by
  :func:`from_starlette`, which maps Starlette's options (and its defaults) to ours.

Where wsgi-cors answers differently on purpose, the expected value is wsgi-cors's and
the test's docstring says why: a numbered "Deliberate difference from Falcon" of the
README, a section of the README or of ``docs/``, or the Fetch standard.

Falcon's suite uses bare words as origins (``'localhost'``, ``'foo'``, ``'test'``).
wsgi-cors refuses them in its configuration (difference 8) and never reflects them
from a request (difference 4), so each Falcon case is ported with serialized origins
in their place (``'foo'`` becomes ``https://foo.example``; a case variant such as
``'Foo'`` becomes ``https://Foo.example``), and the bare words themselves are kept in
the tests that show what wsgi-cors does with them.

ASGI is out of scope (wsgi-cors is a WSGI middleware): Falcon runs each test for WSGI
and ASGI, and only the WSGI run is ported. Starlette is not imported.
"""

from __future__ import annotations

import pathlib
import re
from collections.abc import Callable, Iterable
from typing import Any

import falcon
import pytest

from apps import ACAC, ACAH, ACAM, ACAO, ACAPN, ACEH, ACMA
from wsgi_call import Response, fetch, preflight, vary
from wsgi_cors import (
    CORSConfigurationError,
    CORSMiddleware,
    CORSSecurityWarning,
    enable_cors,
)
from wsgi_cors.origin_regex import strangers_origin

WSGIApp = Callable[..., Iterable[bytes]]


# -- requests -------------------------------------------------------------------------


def assert_no_cors(response: Response) -> None:
    assert response.cors() == {}


# == Falcon: tests/test_cors_middleware.py ==============================================

LOCALHOST = "http://localhost"  # for Falcon's bare 'localhost'
FOO = "https://foo.example"
BAR = "https://bar.example"
TEST = "https://test.example"
OTHER = "https://other.example"
GOOD = "https://good.example"  # for Falcon's 'good_origin'
SOMETHING = "https://something.example"
OWN_ORIGIN = "example.com"  # the value Falcon's resource sets itself, kept as it is


class ProbeResource:
    """As Falcon's test resource: GET answers text; DELETE also sets its own
    ``Access-Control-Allow-Origin`` (the per-responder override). Falcon's default
    OPTIONS responder answers with ``Allow: DELETE, GET``."""

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.text = "a CORS probe"

    def on_delete(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.set_header("Access-Control-Allow-Origin", OWN_ORIGIN)
        resp.text = "a CORS probe"


class OptionsWithoutAllow:
    """A custom ``on_options`` that sets no ``Allow``: Falcon denies the preflight."""

    def on_options(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.set_header("Content-Length", "0")


def falcon_api(resource: object | None = None) -> falcon.App:
    api = falcon.App()
    api.add_route("/", ProbeResource() if resource is None else resource)
    return api


def falcon_parity(api: falcon.App | None = None, **falcon_options: Any) -> CORSMiddleware:
    """``falcon.App(middleware=falcon.CORSMiddleware(**falcon_options))``, our way."""
    return CORSMiddleware(
        falcon_api() if api is None else api, allow_methods=None, **falcon_options
    )


def falcon_parity_any_origin_with_credentials(**falcon_options: Any) -> CORSMiddleware:
    """Falcon's ``allow_origins='*'`` (its default) with ``allow_credentials``: for
    ``allow_credentials='*'`` wsgi-cors asks for the explicit opt-in (difference 7)."""
    with pytest.warns(CORSSecurityWarning):
        return falcon_parity(
            allow_credentials="*",
            dangerously_allow_any_origin_with_credentials=True,
            **falcon_options,
        )


def cors_enabled(api: falcon.App | None = None) -> CORSMiddleware:
    """``falcon.App(cors_enable=True)``, our way."""
    return enable_cors(falcon_api() if api is None else api, allow_methods=None)


# -- TestCorsMiddleware ------------------------------------------------------------------


def test_falcon_app_without_cors_adds_no_cors_header() -> None:
    """Ports Falcon's ``TestCorsMiddleware.test_disabled_cors_should_not_add_any_extra_headers``
    (falconry/falcon, tests/test_cors_middleware.py): the application unwrapped sends no
    CORS header of its own, so every header the other tests see is the middleware's."""
    for origin in ("localhost", LOCALHOST):
        assert_no_cors(fetch(falcon_api(), origin))


def test_enabled_cors_request_without_origin() -> None:
    """Ports Falcon's ``TestCorsMiddleware.test_enabled_cors_no_origin``. Falcon adds
    nothing to a request without ``Origin``; wsgi-cors with ``allow_origins="*"`` sends
    ``Access-Control-Allow-Origin: *`` all the same, so that a cached answer serves a
    later CORS request (README difference 5). No credentials, no exposed headers, as
    in Falcon, and no ``Vary`` (the policy does not vary by origin: difference 1)."""
    response = fetch(cors_enabled())
    assert response.cors() == {ACAO: "*"}
    assert vary(response) == set()


@pytest.mark.parametrize("origin", ["localhost", LOCALHOST])
def test_enabled_cors_answers_every_origin(origin: str) -> None:
    """Ports Falcon's ``TestCorsMiddleware.test_enabled_cors_should_add_extra_headers_on_response``
    and ``test_enabled_cors_should_accept_all_origins_requests``: ``*`` on GET, and the
    resource's own ``Access-Control-Allow-Origin`` on DELETE (per-responder override,
    docs/frameworks/falcon.rst, "A responder's own header"). Falcon's bare ``localhost``
    is not a serialized origin: wsgi-cors answers it with ``*`` too, never reflecting it
    (difference 4)."""
    app = cors_enabled()
    assert fetch(app, origin).cors() == {ACAO: "*"}
    assert fetch(app, origin, "DELETE").cors() == {ACAO: OWN_ORIGIN}


@pytest.mark.parametrize("origin", ["localhost", LOCALHOST])
@pytest.mark.parametrize(
    ("peer_test", "method", "requested", "allow_headers"),
    [
        (
            "test_enabled_cors_handles_preflighting",
            "GET",
            "X-PINGOTHER, Content-Type",
            "X-PINGOTHER, Content-Type",
        ),
        ("test_enabled_cors_handles_preflighting_no_headers_in_req", "POST", None, "*"),
    ],
)
def test_enabled_cors_passes_preflight_to_falcon(
    peer_test: str, method: str, requested: str | None, allow_headers: str, origin: str
) -> None:
    """Ports Falcon's ``TestCorsMiddleware.test_enabled_cors_handles_preflighting`` and
    ``test_enabled_cors_handles_preflighting_no_headers_in_req``: Falcon's default
    OPTIONS responder's ``Allow`` becomes ``Access-Control-Allow-Methods``, the requested
    headers are echoed (``*`` when none), max age one day."""
    response = preflight(cors_enabled(), origin, method, requested)
    assert response.code == 200
    assert response.cors() == {
        ACAO: "*",
        ACAM: "DELETE, GET",
        ACAH: allow_headers,
        ACMA: "86400",
    }
    assert response.get("Allow") is None


@pytest.mark.parametrize(
    ("method", "requested"), [("GET", "X-PINGOTHER, Content-Type"), ("POST", None)]
)
def test_enable_cors_default_answers_preflight_itself(method: str, requested: str | None) -> None:
    """The same two Falcon preflights (``test_enabled_cors_handles_preflighting`` and
    ``..._no_headers_in_req``) through ``enable_cors(app)`` without ``allow_methods=None``:
    wsgi-cors answers them itself with ``204`` and the requested method echoed, Falcon
    never called (README difference 6; docs/configuration.rst, 'allow_methods')."""
    calls: list[str] = []
    api = falcon_api()

    def counted(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        calls.append(environ["REQUEST_METHOD"])
        return api(environ, start_response)

    response = preflight(enable_cors(counted), "localhost", method, requested)
    assert response.status == "204 No Content"
    assert response.cors() == {
        ACAO: "*",
        ACAM: method,
        ACAH: requested or "*",
        ACMA: "86400",
    }
    assert calls == []


def test_enabled_cors_custom_options_without_allow_denies_preflight() -> None:
    """Ports Falcon's ``TestCorsMiddleware.test_enabled_cors_handles_preflight_custom_option``:
    an ``on_options`` that sets no ``Allow`` denies the preflight, no
    ``Access-Control-*`` header at all (README difference 2 removes every one; here
    Falcon removes the same ones)."""
    response = preflight(
        cors_enabled(falcon_api(OptionsWithoutAllow())),
        "localhost",
        "GET",
        "X-PINGOTHER, Content-Type",
    )
    assert_no_cors(response)


def test_enabled_cors_static_route() -> None:
    """Ports Falcon's ``TestCorsMiddleware.test_enabled_cors_static_route``: Falcon's
    static route answers OPTIONS with ``Allow: GET``, which becomes the allowed methods."""
    api = falcon.App()
    here = pathlib.Path(__file__)
    api.add_static_route("/static", str(here.parent))
    response = preflight(cors_enabled(api), "localhost", "GET", path=f"/static/{here.name}")
    assert response.cors() == {ACAO: "*", ACAM: "GET", ACAH: "*", ACMA: "86400"}


@pytest.mark.parametrize("sink_sets_allow", [True, False], ids=["allow", "no-allow"])
def test_enabled_cors_sink_route(sink_sets_allow: bool) -> None:
    """Ports Falcon's ``TestCorsMiddleware.test_enabled_cors_sink_route`` (both cases):
    a sink that answers OPTIONS with ``Allow: GET`` gets a granted preflight; one that
    answers without ``Allow`` gets no ``Access-Control-*`` header."""

    def sink(req: falcon.Request, resp: falcon.Response, **params: Any) -> None:
        if req.method == "OPTIONS" and sink_sets_allow:
            resp.set_header("ALLOW", "GET")
        else:
            resp.text = "the sink"

    api = falcon.App()
    api.add_sink(sink, "/sink")
    response = preflight(cors_enabled(api), "localhost", "GET", path="/sink/123")
    if sink_sets_allow:
        assert response.cors() == {ACAO: "*", ACAM: "GET", ACAH: "*", ACMA: "86400"}
    else:
        assert_no_cors(response)


@pytest.mark.parametrize("asks", [True, False], ids=["asks", "does-not-ask"])
def test_enabled_cors_private_network_off_by_default(asks: bool) -> None:
    """Ports Falcon's ``TestCorsMiddleware.test_disabled_cors_private_network`` (both
    cases): ``allow_private_network`` is off by default, so no
    ``Access-Control-Allow-Private-Network``, whether the preflight asks for it or not;
    the preflight is otherwise granted, as in Falcon."""
    response = preflight(cors_enabled(), "localhost", "GET", private_network=asks)
    assert ACAPN not in response.cors()
    assert response.cors()[ACAM] == "DELETE, GET"


# -- TestCustomCorsMiddleware -----------------------------------------------------------


@pytest.mark.parametrize("option", ["allow_origins", "allow_credentials"])
def test_wildcard_inside_a_list_is_refused(option: str) -> None:
    """Ports Falcon's ``TestCustomCorsMiddleware.test_raises``: ``'*'`` inside a list is
    a ``ValueError`` naming the option (ours is a ``CORSConfigurationError``, a
    ``ValueError``, with its own message: docs/configuration.rst, 'Validation')."""
    with pytest.raises(ValueError, match=option) as raised:
        CORSMiddleware(falcon_api(), allow_methods=None, **{option: ["*"]})
    assert isinstance(raised.value, CORSConfigurationError)


ORIGIN_CASES = [
    # (allow_origins, origin, expected Access-Control-Allow-Origin or None)
    ("*", FOO, "*"),
    ("*", BAR, "*"),
    (TEST, TEST, TEST),
    (TEST, OTHER, None),
    (TEST, "https://Test.example", None),
    (TEST, "HTTPS://TEST.EXAMPLE", None),
    ([FOO, BAR], FOO, FOO),
    ([FOO, BAR], BAR, BAR),
    ([FOO, BAR], f"{FOO}, {BAR}", None),
    ([FOO, BAR], "https://foobar.example", None),
    ([FOO, BAR], f"{FOO},{BAR}", None),
    ([FOO, BAR], "https://Foo.example", None),
    ([FOO, BAR], "HTTPS://BAR.EXAMPLE", None),
]


@pytest.mark.parametrize(("allow_origins", "origin", "expected"), ORIGIN_CASES)
def test_allow_origin(allow_origins: str | list[str], origin: str, expected: str | None) -> None:
    """Ports Falcon's ``TestCustomCorsMiddleware.test_allow_origin`` (its three
    parameter sets, with serialized origins for its bare words): a listed origin is
    reflected (``*`` for ``allow_origins='*'``), matching is case-sensitive and whole,
    and neither credentials nor exposed headers are sent. An origin not allowed gets no
    ``Access-Control-*`` header, and ``Vary: Origin`` wherever the policy is a list
    (README difference 1)."""
    response = fetch(falcon_parity(allow_origins=allow_origins), origin)
    assert response.cors() == ({} if expected is None else {ACAO: expected})
    assert ("Origin" in vary(response)) == (allow_origins != "*")


def test_allow_origin_wildcard_request_without_origin() -> None:
    """Ports the ``'*'`` case of Falcon's ``TestCustomCorsMiddleware.test_allow_origin``
    for a request without ``Origin``, where Falcon adds nothing: wsgi-cors sends
    ``Access-Control-Allow-Origin: *`` (README difference 5), still no credentials and
    no exposed headers."""
    assert fetch(falcon_parity(allow_origins="*")).cors() == {ACAO: "*"}


@pytest.mark.parametrize("word", ["foo", "bar"])
def test_allow_origin_wildcard_bare_word_origin(word: str) -> None:
    """Falcon's own origins in ``TestCustomCorsMiddleware.test_allow_origin`` for
    ``allow_origins='*'``, bare words as sent: ``*``, as in Falcon (difference 4: an
    invalid origin is never reflected, and with ``'*'`` gets ``*``)."""
    assert fetch(falcon_parity(allow_origins="*"), word).cors() == {ACAO: "*"}


@pytest.mark.parametrize("configured", ["test", ["foo", "bar"]])
def test_bare_word_origins_are_refused(configured: str | list[str]) -> None:
    """Falcon's configured origins in ``TestCustomCorsMiddleware.test_allow_origin``,
    as written there: wsgi-cors refuses a bare word at construction, saying how to
    write it (README difference 8), where Falcon accepts an entry no browser's
    ``Origin`` can ever match."""
    with pytest.raises(CORSConfigurationError, match="https://"):
        falcon_parity(allow_origins=configured)


def test_allow_origin_dynamic() -> None:
    """Ports Falcon's ``TestCustomCorsMiddleware.test_allow_origin_dynamic`` (commit
    394758c1): a callable in ``allow_origins`` decides; the origin it accepts is reflected,
    without credentials or exposed headers. Falcon's ``'good_origin'`` is not a serialized
    origin: wsgi-cors never passes it to the callable (README, 'Origins decided by a
    function') and denies it, so a serialized origin stands in for it."""
    seen: list[str] = []

    def decide(origin: str) -> bool:
        seen.append(origin)
        return origin == GOOD

    app = falcon_parity(allow_origins=decide)
    assert_no_cors(fetch(app, "https://bad.example"))
    assert fetch(app, GOOD).cors() == {ACAO: GOOD}
    assert_no_cors(fetch(app, "good_origin"))
    assert seen == ["https://bad.example", GOOD]


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        (LOCALHOST, {ACAO: LOCALHOST, ACAC: "true"}),
        ("localhost", {ACAO: "*"}),
    ],
    ids=["serialized", "bare-word"],
)
def test_allow_credential_wildcard(origin: str, expected: dict[str, str]) -> None:
    """Ports Falcon's ``TestCustomCorsMiddleware.test_allow_credential_wildcard``:
    ``allow_credentials='*'`` beside Falcon's default ``allow_origins='*'`` reflects the
    origin with ``Access-Control-Allow-Credentials: true``. wsgi-cors takes this
    configuration only with the explicit opt-in (README difference 7), and Falcon's
    bare ``localhost``, which Falcon reflects with credentials, gets ``*`` without
    them (difference 4)."""
    assert fetch(falcon_parity_any_origin_with_credentials(), origin).cors() == expected


def test_allow_credential_wildcard_without_opt_in_is_refused() -> None:
    """Falcon's configuration in ``TestCustomCorsMiddleware.test_allow_credential_wildcard``
    without the opt-in: refused, naming both fixes (README difference 7 and 'Secure by
    default')."""
    with pytest.raises(
        CORSConfigurationError, match="dangerously_allow_any_origin_with_credentials"
    ):
        falcon_parity(allow_credentials="*")


CREDENTIAL_LIST_FAILURES = [
    f"{FOO}, {BAR}",
    "https://foobar.example",
    f"{FOO},{BAR}",
    "https://Foo.example",
    "HTTPS://BAR.EXAMPLE",
]


@pytest.mark.parametrize(
    ("allow_credentials", "granted"),
    [([FOO, BAR], [FOO, BAR]), (FOO, [FOO])],
    ids=["list", "str"],
)
def test_allow_credential_list_or_str(
    allow_credentials: str | list[str], granted: list[str]
) -> None:
    """Ports Falcon's ``TestCustomCorsMiddleware.test_allow_credential_list_or_str`` (both
    parameter sets, serialized origins for its bare words): an origin named in
    ``allow_credentials`` is reflected with credentials; any other gets ``*`` without
    them; no exposed headers. ``Vary: Origin`` on both, since the answer depends on the
    origin (README difference 1)."""
    app = falcon_parity(allow_credentials=allow_credentials)
    for origin in CREDENTIAL_LIST_FAILURES:
        response = fetch(app, origin)
        assert response.cors() == {ACAO: "*"}, origin
        assert "Origin" in vary(response)
    for origin in granted:
        response = fetch(app, origin)
        assert response.cors() == {ACAO: origin, ACAC: "true"}, origin
        assert "Origin" in vary(response)


def test_allow_credential_dynamic() -> None:
    """Ports Falcon's ``TestCustomCorsMiddleware.test_allow_credential_dynamic`` (commit
    394758c1): a callable in ``allow_credentials`` beside ``allow_origins='*'``; the
    origin it accepts is reflected with credentials, another gets ``*``. A serialized
    origin stands in for ``'good_origin'`` (README, 'Origins decided by a function')."""
    app = falcon_parity(allow_credentials=lambda origin: origin == GOOD)
    assert fetch(app, "https://bad.example").cors() == {ACAO: "*"}
    assert fetch(app, GOOD).cors() == {ACAO: GOOD, ACAC: "true"}
    assert fetch(app, "good_origin").cors() == {ACAO: "*"}


def test_allow_credential_existing_origin() -> None:
    """Ports Falcon's ``TestCustomCorsMiddleware.test_allow_credential_existing_origin``:
    the resource's own ``Access-Control-Allow-Origin`` wins, and no credentials are
    added to it (per-responder override, docs/frameworks/falcon.rst, "A responder's own
    header"; the configuration needs the opt-in of difference 7)."""
    response = fetch(falcon_parity_any_origin_with_credentials(), SOMETHING, "DELETE")
    assert response.cors() == {ACAO: OWN_ORIGIN}


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        ("https://foo.example", {}),
        ("HTTPS://TEST.EXAMPLE", {}),
        (TEST, {ACAO: TEST, ACAC: "true"}),
    ],
)
def test_allow_origin_allow_credential(origin: str, expected: dict[str, str]) -> None:
    """Ports Falcon's ``TestCustomCorsMiddleware.test_allow_origin_allow_credential``
    (``allow_origins='test'``, ``allow_credentials='*'``; a serialized origin for
    ``'test'``): only the allowed origin, matched case-sensitively, gets credentials;
    no exposed headers."""
    response = fetch(falcon_parity(allow_origins=TEST, allow_credentials="*"), origin)
    assert response.cors() == expected


@pytest.mark.parametrize(
    ("expose_headers", "expected"),
    [("foo", "foo"), ("foo, bar", "foo, bar"), (["foo", "bar"], "foo, bar")],
)
def test_expose_headers(expose_headers: str | list[str], expected: str) -> None:
    """Ports Falcon's ``TestCustomCorsMiddleware.test_expose_headers`` (its three
    parameter sets): ``Access-Control-Expose-Headers`` as configured, a list joined
    with ``', '``; ``*`` as the origin, no credentials."""
    app = falcon_parity(expose_headers=expose_headers, allow_credentials=None)
    assert fetch(app, SOMETHING).cors() == {ACAO: "*", ACEH: expected}


def test_enabled_cors_private_network_headers() -> None:
    """Ports Falcon's ``TestCustomCorsMiddleware.test_enabled_cors_private_network_headers``:
    with ``allow_private_network=True`` a preflight that asks for it gets
    ``Access-Control-Allow-Private-Network: true`` (with Falcon's default
    ``allow_origins="*"``, warned of: every website's pages reach the private network)."""
    with pytest.warns(CORSSecurityWarning, match="allow_private_network=True with"):
        app = falcon_parity(allow_private_network=True)
    response = preflight(app, LOCALHOST, "GET", private_network=True)
    assert response.cors()[ACAPN] == "true"


# == Starlette: tests/middleware/test_cors.py ============================================

EXAMPLE = "https://example.org"

#: Starlette's ``CORSMiddleware`` defaults, for the options a test leaves out.
STARLETTE_DEFAULTS: dict[str, Any] = {
    "allow_origins": (),
    "allow_methods": ("GET",),
    "allow_headers": (),
    "allow_credentials": False,
    "allow_origin_regex": None,
    "expose_headers": (),
    "max_age": 600,
    "allow_private_network": False,
}


class Homepage:
    """Starlette's test endpoint as plain WSGI: ``200 Homepage`` for every method,
    with an optional ``Vary``; it counts the requests that reach it."""

    def __init__(self, vary: str | None = None) -> None:
        self.vary = vary
        self.calls: list[str] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.calls.append(environ["REQUEST_METHOD"])
        headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", "8")]
        if self.vary is not None:
            headers.append(("Vary", self.vary))
        start_response("200 OK", headers)
        return [b"Homepage"]


def from_starlette(app: WSGIApp, **starlette_options: Any) -> CORSMiddleware:
    """``CORSMiddleware`` with Starlette's options (and its defaults for those left
    out) mapped to ours: a list holding ``"*"`` becomes ``"*"``,
    ``allow_credentials=True`` becomes ``"*"`` (with the opt-in of README difference 7
    beside ``allow_origins="*"`` or a regex that matches anyone's origin), empty lists
    become None where ours takes None.
    ``debug=True`` puts a denied preflight's reason in its body, as Starlette does."""
    options = {**STARLETTE_DEFAULTS, **starlette_options}

    def listed(values: Iterable[str]) -> str | list[str]:
        values = list(values)
        return "*" if "*" in values else values

    ours: dict[str, Any] = {
        "allow_origins": listed(options["allow_origins"]),
        "allow_methods": listed(options["allow_methods"]),
        "allow_headers": listed(options["allow_headers"]),
        "allow_credentials": "*" if options["allow_credentials"] else None,
        "allow_origin_regex": options["allow_origin_regex"],
        "expose_headers": list(options["expose_headers"]) or None,
        "max_age": options["max_age"],
        "allow_private_network": options["allow_private_network"],
        "debug": True,
    }
    regex = ours["allow_origin_regex"]
    any_origin = ours["allow_origins"] == "*" or (
        regex is not None and strangers_origin(re.compile(regex)) is not None
    )  # ".*" too: every origin, as the CVE-2026-54290 check reads it
    if any_origin and ours["allow_credentials"] == "*":
        ours["dangerously_allow_any_origin_with_credentials"] = True
        with pytest.warns(CORSSecurityWarning):
            return CORSMiddleware(app, **ours)
    return CORSMiddleware(app, **ours)


def header_set(value: str | None) -> set[str]:
    assert value is not None
    return {item.strip() for item in value.split(",")}


def assert_denied(response: Response, reason: str) -> None:
    """A preflight the middleware denies: ``403`` with no ``Access-Control-*`` header
    (Starlette: ``400``; README difference 6) and, with ``debug=True``, the reason in the
    body (docs/configuration.rst, 'debug')."""
    assert response.code == 403
    assert_no_cors(response)
    assert reason in response.body.decode()


def test_starlette_allow_all() -> None:
    """Ports Starlette's ``test_cors_allow_all`` (Kludex/starlette,
    tests/middleware/test_cors.py; its ``Cookie`` and ``Authorization`` requests come
    from the older encode/starlette version): every origin, method and header, with
    credentials. As in Starlette, the origin is reflected with credentials and
    ``Vary: Origin``, on the preflight and on every actual request. Differences:
    the preflight is ``204`` with an empty body and ``Access-Control-Allow-Methods``
    echoes the requested method where Starlette lists every method
    (docs/configuration.rst, 'allow_methods': ``"*"`` allows whatever method the preflight
    asks for, echoed; the browser checks only that one);
    ``Vary`` lists ``Origin`` only (see
    :func:`test_starlette_preflight_vary_with_wildcard_origins_specific_methods`); the
    preflight's answer carries the exposed header too, as Falcon's does
    (docs/configuration.rst, 'expose_headers'); a request without ``Origin`` gets
    ``Access-Control-Allow-Origin: *`` where Starlette sends none (README difference
    5)."""
    homepage = Homepage()
    app = from_starlette(
        homepage,
        allow_origins=["*"],
        allow_headers=["*"],
        allow_methods=["*"],
        expose_headers=["X-Status"],
        allow_credentials=True,
    )
    response = preflight(app, EXAMPLE, "GET", "X-Example")
    assert response.status == "204 No Content"
    assert response.body == b""
    assert response.cors() == {
        ACAO: EXAMPLE,
        ACAC: "true",
        ACAM: "GET",
        ACAH: "X-Example",
        ACMA: "600",
        ACEH: "X-Status",
    }
    assert vary(response) == {"Origin"}
    assert homepage.calls == []

    for extra in ({}, {"Cookie": "star_cookie=sugar"}, {"Authorization": "Some_token"}):
        response = fetch(app, EXAMPLE, **extra)
        assert (response.code, response.body) == (200, b"Homepage")
        assert response.cors() == {ACAO: EXAMPLE, ACAC: "true", ACEH: "X-Status"}
        assert vary(response) == {"Origin"}

    response = fetch(app)
    assert (response.code, response.body) == (200, b"Homepage")
    assert response.cors() == {ACAO: "*", ACEH: "X-Status"}


def test_starlette_allow_all_except_credentials() -> None:
    """Ports Starlette's ``test_cors_allow_all_except_credentials``: ``*`` on the preflight
    (``204``: README difference 6) and on the actual response, the exposed header (on the
    preflight too, as in :func:`test_starlette_allow_all`), no credentials, no ``Vary`` (as
    Starlette on the actual response; Starlette's preflight ``Vary`` names request headers,
    see :func:`test_starlette_preflight_vary_with_wildcard_origins_specific_methods`). A
    request without ``Origin`` gets ``*`` and the exposed header (README difference 5)."""
    app = from_starlette(
        Homepage(),
        allow_origins=["*"],
        allow_headers=["*"],
        allow_methods=["*"],
        expose_headers=["X-Status"],
    )
    response = preflight(app, EXAMPLE, "GET", "X-Example")
    assert response.status == "204 No Content"
    assert response.cors() == {
        ACAO: "*",
        ACAM: "GET",
        ACAH: "X-Example",
        ACMA: "600",
        ACEH: "X-Status",
    }
    assert vary(response) == set()

    response = fetch(app, EXAMPLE)
    assert (response.code, response.body) == (200, b"Homepage")
    assert response.cors() == {ACAO: "*", ACEH: "X-Status"}
    assert vary(response) == set()

    assert fetch(app).cors() == {ACAO: "*", ACEH: "X-Status"}


def test_starlette_allow_specific_origin() -> None:
    """Ports Starlette's ``test_cors_allow_specific_origin``: one origin, two headers,
    Starlette's default methods (``GET``). The preflight is granted (``204``: README
    difference 6) with ``Access-Control-Allow-Methods: GET``;
    ``Access-Control-Allow-Headers`` is the configured list, where Starlette adds the four
    CORS-safelisted names (docs/configuration.rst, 'allow_headers': a list allows only the
    names in it; a browser never asks for a safelisted header with a safelisted value,
    Fetch "CORS-unsafe request-header names"). Actual responses as in Starlette,
    ``Vary: Origin`` on each (README difference 1)."""
    app = from_starlette(
        Homepage(), allow_origins=[EXAMPLE], allow_headers=["X-Example", "Content-Type"]
    )
    response = preflight(app, EXAMPLE, "GET", "X-Example, Content-Type")
    assert response.status == "204 No Content"
    assert response.cors()[ACAO] == EXAMPLE
    assert response.cors()[ACAM] == "GET"
    assert header_set(response.cors()[ACAH]) == {"X-Example", "Content-Type"}
    assert ACAC not in response.cors()
    assert vary(response) == {"Origin"}

    response = fetch(app, EXAMPLE)
    assert (response.code, response.body) == (200, b"Homepage")
    assert response.cors() == {ACAO: EXAMPLE}
    assert vary(response) == {"Origin"}

    response = fetch(app, "https://another.org")
    assert (response.code, response.body) == (200, b"Homepage")
    assert_no_cors(response)
    assert vary(response) == {"Origin"}

    response = fetch(app)
    assert (response.code, response.body) == (200, b"Homepage")
    assert_no_cors(response)


def test_starlette_disallowed_preflight() -> None:
    """Ports Starlette's ``test_cors_disallowed_preflight``: a preflight from another
    origin, and one asking for two unlisted headers, are denied without calling the
    application. Starlette answers ``400`` and lists every failing check; wsgi-cors
    answers ``403`` and gives the first reason (README difference 6;
    docs/configuration.rst, 'debug'). ``Vary: Origin`` (README difference 1)."""
    homepage = Homepage()
    app = from_starlette(homepage, allow_origins=[EXAMPLE], allow_headers=["X-Example"])
    response = preflight(app, "https://another.org", "POST", "X-Nope")
    assert_denied(response, "origin not allowed")
    assert vary(response) == {"Origin"}

    response = preflight(app, EXAMPLE, "GET", "X-Nope-1, X-Nope-2")
    assert_denied(response, "header 'x-nope-1' is not allowed")
    assert homepage.calls == []


@pytest.mark.parametrize("method", ["POST", "DELETE", "PATCH", "PUT", "QUERY"])
def test_starlette_preflight_allow_all_methods(method: str) -> None:
    """Ports Starlette's ``test_cors_preflight_allow_all_methods``: with every method
    allowed, a preflight is granted. Starlette lists all seven methods it knows;
    wsgi-cors echoes the requested one, which also allows methods outside that list
    (docs/configuration.rst, 'allow_methods': ``"*"`` allows the requested method,
    echoed)."""
    response = preflight(
        from_starlette(Homepage(), allow_origins=["*"], allow_methods=["*"]), EXAMPLE, method
    )
    assert response.status == "204 No Content"
    assert response.cors()[ACAM] == method


@pytest.mark.parametrize("method", ["PATCH", "POST", "PUT", "DELETE", "GET", "HEAD", "OPTIONS"])
def test_starlette_allow_all_methods(method: str) -> None:
    """Ports Starlette's ``test_cors_allow_all_methods``: actual requests of every
    method (an ``OPTIONS`` without ``Access-Control-Request-Method`` is not a
    preflight) reach the application and succeed, with ``*``."""
    homepage = Homepage()
    response = fetch(
        from_starlette(homepage, allow_origins=["*"], allow_methods=["*"]), EXAMPLE, method
    )
    assert response.code == 200
    assert response.cors() == {ACAO: "*"}
    assert homepage.calls == [method]


def test_starlette_allow_origin_regex() -> None:
    """Ports Starlette's ``test_cors_allow_origin_regex``: ``https://.*`` with
    credentials and two headers. Matching origins are reflected with credentials, on
    actual requests (with or without a ``Cookie``: the older encode/starlette version)
    and on the preflight; ``http://`` ones get no CORS header, and their preflight is
    denied (``403``, not ``400``: README difference 6). ``Access-Control-Allow-Headers``
    is the configured list (docs/configuration.rst, 'allow_headers'; see
    :func:`test_starlette_allow_specific_origin`). Such a
    pattern gives credentials to pages anyone can put up: refused without the opt-in
    (README difference 7), which the port gives."""
    with pytest.raises(CORSConfigurationError, match="CVE-2026-54290"):
        CORSMiddleware(Homepage(), allow_origin_regex="https://.*", allow_credentials="*")
    app = from_starlette(
        Homepage(),
        allow_headers=["X-Example", "Content-Type"],
        allow_origin_regex="https://.*",
        allow_credentials=True,
    )
    for extra in ({}, {"Cookie": "star_cookie=sugar"}):
        response = fetch(app, EXAMPLE, **extra)
        assert (response.code, response.body) == (200, b"Homepage")
        assert response.cors() == {ACAO: EXAMPLE, ACAC: "true"}
        assert vary(response) == {"Origin"}

    response = fetch(app, "http://example.org")
    assert (response.code, response.body) == (200, b"Homepage")
    assert_no_cors(response)
    assert vary(response) == {"Origin"}

    response = preflight(app, "https://another.com", "GET", "X-Example, content-type")
    assert response.status == "204 No Content"
    cors = response.cors()
    assert (cors[ACAO], cors[ACAC]) == ("https://another.com", "true")
    assert header_set(cors[ACAH]) == {"X-Example", "Content-Type"}
    assert vary(response) == {"Origin"}

    assert_denied(preflight(app, "http://another.com", "GET", "X-Example"), "origin not allowed")


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [("https://subdomain.example.org", True), ("https://subdomain.example.org.hacker.com", False)],
)
def test_starlette_allow_origin_regex_fullmatch(origin: str, allowed: bool) -> None:
    """Ports Starlette's ``test_cors_allow_origin_regex_fullmatch``: the regex must match
    the whole origin (docs/configuration.rst, 'allow_origin_regex': ``re.fullmatch``)."""
    with pytest.warns(CORSSecurityWarning, match=r"not escaped, in 'example\.org'"):
        app = from_starlette(  # Starlette's own pattern: "example.org", dot unescaped
            Homepage(),
            allow_headers=["X-Example", "Content-Type"],
            allow_origin_regex=r"https://.*\.example.org",
        )
    response = fetch(app, origin)
    assert (response.code, response.body) == (200, b"Homepage")
    assert response.cors() == ({ACAO: origin} if allowed else {})
    assert vary(response) == {"Origin"}


@pytest.mark.parametrize(
    ("peer_test", "options", "extra", "expected_cors", "expected_vary"),
    [
        (
            "test_cors_vary_header_behavior (1)",
            {"allow_origins": [EXAMPLE]},
            {},
            {ACAO: EXAMPLE},
            {"Accept-Encoding", "Origin"},
        ),
        (
            "test_cors_vary_header_behavior (2)",
            {"allow_origins": ["*"]},
            {},
            {ACAO: "*"},
            {"Accept-Encoding"},
        ),
        (
            "test_cors_vary_header_behavior (3)",
            {"allow_origins": ["*"], "allow_credentials": True},
            {"Cookie": "foo=bar"},
            {ACAO: EXAMPLE, ACAC: "true"},
            {"Accept-Encoding", "Origin"},
        ),
        (
            "test_cors_vary_header_defaults_to_origin (encode/starlette)",
            {"allow_origins": [EXAMPLE]},
            {},
            {ACAO: EXAMPLE},
            {"Accept-Encoding", "Origin"},
        ),
        (
            "test_cors_vary_header_is_not_set_for_non_credentialed_request (encode/starlette)",
            {"allow_origins": ["*"]},
            {},
            {ACAO: "*"},
            {"Accept-Encoding"},
        ),
        (
            "test_cors_vary_header_is_properly_set_when_allow_origins_is_not_wildcard"
            " (encode/starlette)",
            {"allow_origins": [EXAMPLE]},
            {},
            {ACAO: EXAMPLE},
            {"Accept-Encoding", "Origin"},
        ),
    ],
    ids=[
        "behavior-1-listed-origin",
        "behavior-2-wildcard",
        "behavior-3-wildcard-credentials",
        "defaults-to-origin",
        "not-set-for-non-credentialed",
        "not-wildcard",
    ],
)
def test_starlette_vary(
    peer_test: str,
    options: dict[str, Any],
    extra: dict[str, str],
    expected_cors: dict[str, str],
    expected_vary: set[str],
) -> None:
    """Ports Starlette's ``test_cors_vary_header_behavior`` (its three cases) and the
    older encode/starlette tests it replaced: ``Origin`` is merged into the
    application's ``Vary`` wherever the answer depends on the origin, and not added
    for ``*`` without credentials (README difference 1). The application's ``Vary``
    is kept."""
    response = fetch(from_starlette(Homepage(vary="Accept-Encoding"), **options), EXAMPLE, **extra)
    assert response.code == 200
    assert response.cors() == expected_cors
    assert vary(response) == expected_vary


def test_starlette_vary_credentialed_request_to_wildcard_policy() -> None:
    """Ports the older encode/starlette
    ``test_cors_vary_header_is_properly_set_for_credentialed_request``:
    ``allow_origins=["*"]`` without credentials, a request with a ``Cookie``. Starlette
    reflects the origin there and adds ``Vary: Origin``; wsgi-cors answers ``*`` as to
    any origin (see :func:`test_starlette_credentialed_requests_return_specific_origin`),
    so nothing varies by origin and ``Vary`` stays the application's (README
    difference 1)."""
    app = from_starlette(Homepage(vary="Accept-Encoding"), allow_origins=["*"])
    response = fetch(app, "https://someplace.org", Cookie="foo=bar")
    assert response.cors() == {ACAO: "*"}
    assert vary(response) == {"Accept-Encoding"}


def test_starlette_credentialed_requests_return_specific_origin() -> None:
    """Ports the older encode/starlette
    ``test_cors_credentialed_requests_return_specific_origin``: ``allow_origins=["*"]``
    without credentials, a request with a ``Cookie``. Starlette reflects the origin
    (without ``Access-Control-Allow-Credentials``); wsgi-cors answers ``*``, since no
    origin gets credentials (README difference 5: ``*`` but for an origin that gets
    credentials). A browser fails a credentialed request either way:
    its CORS check needs ``Access-Control-Allow-Credentials: true`` for it (Fetch
    standard, "CORS check")."""
    app = from_starlette(Homepage(), allow_origins=["*"])
    response = fetch(app, EXAMPLE, Cookie="star_cookie=sugar")
    assert (response.code, response.body) == (200, b"Homepage")
    assert response.cors() == {ACAO: "*"}


@pytest.mark.parametrize(
    ("peer_test", "options", "allow_methods_value", "expected_vary"),
    [
        (
            "test_cors_preflight_vary_with_wildcard_origins_specific_methods",
            {"allow_origins": ["*"], "allow_methods": ["GET", "POST"]},
            "GET, POST",
            set(),
        ),
        (
            "test_cors_preflight_vary_with_specific_origins_wildcard_methods",
            {"allow_origins": [EXAMPLE], "allow_methods": ["*"]},
            "POST",
            {"Origin"},
        ),
    ],
    ids=["wildcard-origins-specific-methods", "specific-origins-wildcard-methods"],
)
def test_starlette_preflight_vary_with_wildcard_origins_specific_methods(
    peer_test: str, options: dict[str, Any], allow_methods_value: str, expected_vary: set[str]
) -> None:
    """Ports Starlette's ``test_cors_preflight_vary_with_wildcard_origins_specific_methods``
    and ``test_cors_preflight_vary_with_specific_origins_wildcard_methods``: the preflight
    is granted (``204``: README difference 6). Starlette's ``Vary`` on a preflight answer
    also names ``Access-Control-Request-Headers``, ``-Private-Network`` and ``-Method``;
    wsgi-cors sends ``Vary: Origin`` exactly where README difference 1 says. Those names
    would change nothing: a browser keeps preflight answers in its CORS-preflight cache,
    keyed by method and header name, not by ``Vary`` (Fetch standard, "CORS-preflight
    cache"), and an HTTP cache does not store responses to ``OPTIONS`` (RFC 9110, 9.3.7)."""
    response = preflight(from_starlette(Homepage(), **options), EXAMPLE, "POST")
    assert response.status == "204 No Content"
    assert response.cors()[ACAM] == allow_methods_value
    assert vary(response) == expected_vary


def test_starlette_allowed_origin_does_not_leak_between_credentialed_requests() -> None:
    """Ports Starlette's ``test_cors_allowed_origin_does_not_leak_between_credentialed_requests``:
    with every origin and credentials (the opt-in of README difference 7), each
    request gets its own origin back with credentials, whatever came before."""
    app = from_starlette(
        Homepage(),
        allow_origins=["*"],
        allow_headers=["*"],
        allow_methods=["*"],
        allow_credentials=True,
    )
    first, second = "https://first.example", "https://second.example"
    for origin, extra in ((first, {}), (second, {"Cookie": "foo=bar"}), (first, {})):
        assert fetch(app, origin, **extra).cors() == {ACAO: origin, ACAC: "true"}


def test_starlette_allowed_origin_does_not_leak_without_credentials() -> None:
    """Ports the older encode/starlette version of
    ``test_cors_allowed_origin_does_not_leak_between_credentialed_requests`` (every
    origin, no credentials): ``*`` before and after a request with a ``Cookie``, never
    credentials. For the ``Cookie`` request Starlette reflected the origin, wsgi-cors
    answers ``*`` (see :func:`test_starlette_credentialed_requests_return_specific_origin`)."""
    app = from_starlette(Homepage(), allow_origins=["*"], allow_headers=["*"], allow_methods=["*"])
    origin = "https://someplace.org"
    for extra in ({}, {"Cookie": "foo=bar"}, {}):
        assert fetch(app, origin, **extra).cors() == {ACAO: "*"}


def test_starlette_preflight_wildcard_origins_with_credentials() -> None:
    """Ports the older encode/starlette
    ``test_preflight_allows_request_origin_if_origins_wildcard_and_credentials_allowed``:
    every origin, ``POST`` only, credentials (the opt-in of README difference 7): the
    preflight reflects the origin with credentials and ``Vary: Origin``; ``204``
    (README difference 6)."""
    app = from_starlette(
        Homepage(), allow_origins=["*"], allow_methods=["POST"], allow_credentials=True
    )
    response = preflight(app, EXAMPLE, "POST")
    assert response.status == "204 No Content"
    assert response.cors()[ACAO] == EXAMPLE
    assert response.cors()[ACAC] == "true"
    assert vary(response) == {"Origin"}


def test_starlette_private_network_access_allowed() -> None:
    """Ports Starlette's ``test_cors_private_network_access_allowed``: a preflight that
    asks for private-network access gets ``Access-Control-Allow-Private-Network: true``,
    one that does not ask gets none, and an actual request never gets it. ``204`` and
    no request-header names in ``Vary`` (see
    :func:`test_starlette_preflight_vary_with_wildcard_origins_specific_methods`)."""
    with pytest.warns(CORSSecurityWarning, match="allow_private_network=True with"):
        app = from_starlette(
            Homepage(), allow_origins=["*"], allow_methods=["*"], allow_private_network=True
        )
    response = preflight(app, EXAMPLE, "GET", private_network=True)
    assert response.status == "204 No Content"
    assert response.cors()[ACAPN] == "true"

    response = preflight(app, EXAMPLE, "GET")
    assert response.status == "204 No Content"
    assert ACAPN not in response.cors()

    response = fetch(app, EXAMPLE, Access_Control_Request_Private_Network="true")
    assert (response.code, response.body) == (200, b"Homepage")
    assert response.cors() == {ACAO: "*"}


def test_starlette_private_network_access_disallowed() -> None:
    """Ports Starlette's ``test_cors_private_network_access_disallowed``: without
    ``allow_private_network`` no preflight gets ``Access-Control-Allow-Private-Network``.
    Starlette denies a preflight that asks for it (``400``); wsgi-cors grants it without
    that header, as Falcon does (docs/configuration.rst, 'allow_private_network'; Falcon's
    own ``test_disabled_cors_private_network``, ported above). A browser that needs the
    header blocks the request either way."""
    app = from_starlette(
        Homepage(), allow_origins=["*"], allow_methods=["*"], allow_private_network=False
    )
    for asks in (False, True):
        response = preflight(app, EXAMPLE, "GET", private_network=asks)
        assert response.status == "204 No Content"
        assert ACAPN not in response.cors()


def test_starlette_null_origin_with_wildcard_origins() -> None:
    """Ports case 1 of Starlette's ``test_cors_null_origin_rejection``: ``null`` with
    ``allow_origins=["*"]``. Starlette denies its preflight (``400``) and sends no
    ``Access-Control-Allow-Origin`` to its actual request; wsgi-cors never reflects
    ``null`` unless it is listed, and answers it with ``*`` like any origin (README
    difference 4), so the preflight is granted with ``*`` (the page with an opaque
    origin can read what every origin may read)."""
    app = from_starlette(Homepage(), allow_origins=["*"])
    response = preflight(app, "null", "GET")
    assert response.status == "204 No Content"
    assert response.cors()[ACAO] == "*"
    assert fetch(app, "null").cors() == {ACAO: "*"}


@pytest.mark.parametrize("regex", [r".*", r"null|https://.*"])
def test_starlette_null_origin_with_regex(regex: str) -> None:
    """Ports cases 2 and 3 of Starlette's ``test_cors_null_origin_rejection``: a regex that
    matches ``null`` does not allow it (README difference 4: only an exact ``"null"`` in
    ``allow_origins`` does); an ``https`` origin it matches is still reflected. ``403``, not
    ``400`` (README difference 6). Its ``null`` alternative is warned of, as allowing
    nothing (``origin_regex.missing_scheme``), not refused."""
    if "null" in regex:
        with pytest.warns(UserWarning, match="has the alternative 'null'"):
            app = from_starlette(Homepage(), allow_origin_regex=regex)
    else:
        app = from_starlette(Homepage(), allow_origin_regex=regex)
    assert_denied(preflight(app, "null", "GET"), "origin not allowed")
    assert_no_cors(fetch(app, "null"))
    assert fetch(app, EXAMPLE).cors() == {ACAO: EXAMPLE}


def test_starlette_null_origin_explicitly_allowed() -> None:
    """Ports Starlette's ``test_cors_null_origin_explicitly_allowed``: ``"null"`` listed
    in ``allow_origins`` is reflected, on the preflight (``204``: README difference 6) and
    on the actual request."""
    app = from_starlette(Homepage(), allow_origins=["null", EXAMPLE])
    response = preflight(app, "null", "GET")
    assert response.status == "204 No Content"
    assert response.cors()[ACAO] == "null"
    response = fetch(app, "null")
    assert response.code == 200
    assert response.cors() == {ACAO: "null"}


def test_starlette_method_case_sensitive() -> None:
    """Ports Starlette's ``test_cors_method_case_sensitive``: ``allow_methods=["POST"]``
    grants ``POST`` and denies ``post`` (``403``, not ``400``: README difference 6; methods
    match case-sensitively: docs/configuration.rst, 'allow_methods')."""
    app = from_starlette(Homepage(), allow_origins=[EXAMPLE], allow_methods=["POST"])
    assert preflight(app, EXAMPLE, "POST").status == "204 No Content"
    assert_denied(preflight(app, EXAMPLE, "post"), "method 'post' not allowed")


def test_starlette_empty_origins_list() -> None:
    """Ports Starlette's ``test_cors_empty_origins_list``: ``allow_origins=[]``, where
    Starlette denies every preflight and allows no actual request. wsgi-cors refuses
    the configuration at construction, since it can never grant anything (README,
    'Secure by default')."""
    with pytest.raises(CORSConfigurationError, match="allow_origins"):
        from_starlette(Homepage(), allow_origins=[])


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [(EXAMPLE, True), ("https://api.trusted.com", True), ("https://evil.com", False)],
)
def test_starlette_origins_list_and_regex_both_accepted(origin: str, allowed: bool) -> None:
    """Ports Starlette's ``test_cors_origins_list_and_regex_both_accepted``: an origin in
    the list or matching the regex is reflected; one matching neither gets no CORS
    header."""
    app = from_starlette(
        Homepage(), allow_origins=[EXAMPLE], allow_origin_regex=r"https://.*\.trusted\.com"
    )
    response = fetch(app, origin)
    assert response.code == 200
    assert response.cors() == ({ACAO: origin} if allowed else {})


@pytest.mark.parametrize(("options", "expected"), [({}, "600"), ({"max_age": 7200}, "7200")])
def test_starlette_max_age_header(options: dict[str, Any], expected: str) -> None:
    """Ports Starlette's ``test_cors_max_age_header``: ``Access-Control-Max-Age`` is
    ``max_age`` (Starlette's default, 600, carried over by :func:`from_starlette`;
    wsgi-cors's own default is 86400, Falcon's: docs/configuration.rst, 'max_age')."""
    response = preflight(from_starlette(Homepage(), allow_origins=["*"], **options), EXAMPLE, "GET")
    assert response.status == "204 No Content"
    assert response.cors()[ACMA] == expected


def test_default_max_age_is_falcons() -> None:
    """The default ``max_age`` that Starlette's ``test_cors_max_age_header`` checks
    (600 there) is Falcon's one day in wsgi-cors (docs/configuration.rst, 'max_age')."""
    response = preflight(CORSMiddleware(Homepage()), EXAMPLE, "GET")
    assert response.cors()[ACMA] == "86400"


def test_starlette_no_origin_header() -> None:
    """Ports Starlette's ``test_cors_no_origin_header_no_cors_processing``: a request
    without ``Origin`` to ``allow_origins=["*"]``. Starlette sends no CORS header;
    wsgi-cors sends ``Access-Control-Allow-Origin: *`` (README difference 5). No
    ``Vary`` in either."""
    response = fetch(from_starlette(Homepage(), allow_origins=["*"]))
    assert (response.code, response.body) == (200, b"Homepage")
    assert response.cors() == {ACAO: "*"}
    assert vary(response) == set()


def test_starlette_header_name_case_insensitive() -> None:
    """Ports Starlette's ``test_cors_header_name_case_insensitive``: a listed header
    is allowed whatever the case of the name the preflight asks for
    (docs/configuration.rst, 'allow_headers': case-insensitively)."""
    app = from_starlette(Homepage(), allow_origins=["*"], allow_headers=["X-Custom-Header"])
    response = preflight(app, EXAMPLE, "GET", "x-custom-header")
    assert response.status == "204 No Content"
