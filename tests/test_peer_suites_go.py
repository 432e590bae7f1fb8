"""The CORS test tables of the two strictest Go libraries, ported to wsgi-cors.

Two Go suites were read for their facts only (which requests, which configuration,
which expected headers or errors), as in ``test_peer_suites.py``; every test here is
written anew, in this project's style:

* **jub0bs/cors**: ``config_test.go`` (``TestConfig``, ``TestIncorrectConfig``),
  ``middleware_test.go`` (``TestMiddleware``), ``internal/origins/pattern_test.go``
  (``TestParseSpec``, ``TestIsDeemedInsecure``, ``TestHostIsEffectiveTLD``; the same
  table is in the older ``internal/origin/pattern_test.go``),
  ``internal/origins/origins_test.go`` (``TestParse``),
  ``internal/origins/corpus_test.go`` (``TestCorpus``),
  ``internal/headers/acrh_test.go`` (``TestCheck``), ``internal/headers/common_test.go``
  and ``internal/methods/methods_test.go``.
* **rs/cors**: ``cors_test.go`` (``TestSpec`` and the tests after it, as released
  with the ``OriginAllowed`` column; ``TestWildcardOriginStructure``,
  ``TestOriginStructureOverrides``, ``TestWildcardOriginOptions``,
  ``TestPreflightRequestHeaderFields`` and ``TestPreflightEmptyLeadingHeaderOverHTTP``
  from a later version of the same file), ``utils_test.go`` and
  ``internal/sortedset_test.go`` (the same table as jub0bs's ``TestCheck``).

Each case runs against wsgi-cors wrapping a plain WSGI application (no framework).
The Go options map to ours as follows: ``Origins`` / ``AllowedOrigins`` become
``allow_origins`` (``AllowOriginFunc`` a callable in it), ``Credentialed`` /
``AllowCredentials`` become ``allow_credentials="*"`` (every allowed origin),
``Methods`` / ``AllowedMethods`` become ``allow_methods`` (jub0bs always allows the
safelisted GET, HEAD and POST, and rs/cors defaults to them: both are listed
explicitly, since a list here must name every method a preflight may ask for),
``RequestHeaders`` / ``AllowedHeaders`` become ``allow_headers`` (none given in jub0bs:
an empty list), ``MaxAgeInSeconds`` / ``MaxAge`` become ``max_age`` (their ``0`` is no
header: ``None``; their ``-1`` is ``0``), ``ResponseHeaders`` / ``ExposedHeaders``
become ``expose_headers``, ``PrivateNetworkAccess`` / ``AllowPrivateNetwork`` become
``allow_private_network`` and ``OptionsPassthrough`` becomes ``allow_methods=None``.

Where wsgi-cors answers differently on purpose, the expected value is wsgi-cors's and
the test's docstring says why: a numbered "Deliberate difference from Falcon" of the
README, a section of the README or of ``docs/``, or the Fetch
and URL standards. Three differences recur and are not repeated in every docstring:
a preflight answered here gets ``Vary: Origin`` only (the Go libraries add the
``Access-Control-Request-*`` names; RFC 9110 makes responses to ``OPTIONS``
uncacheable, and README difference 1 asks for ``Origin``); a granted preflight gets
``Access-Control-Allow-Methods`` and ``-Allow-Headers`` as configured, a list as
written or ``"*"`` echoing what is asked (the Go libraries echo the one method and
list asked for, or leave safelisted ones out: the browser's check passes either way);
a granted preflight carries ``Access-Control-Expose-Headers`` too when
``expose_headers`` is set (docs/configuration.rst, 'expose_headers', as
Falcon sends it on every allowed response; the Go libraries leave it out, and a
browser reads it on the actual response only); and a denied preflight is ``403`` with
no ``Access-Control-*`` header (README differences 5 and 6),
where the Go libraries answer ``204`` or ``403`` without the allowing headers.

A request header sent on several field lines reaches a WSGI application as one value:
the server drops the optional white space around each line (RFC 9112, section 5) and
joins them with commas. :func:`as_delivered` does the same, so the Go cases with
several ``Access-Control-Request-Headers`` lines are sent as a server passes them on.

The peer cases where wsgi-cors's answer looks wrong (neither the peer's nor justified
by the documents above) are not encoded; :data:`DISPUTED` lists them. The peer tests
with no equivalent are listed in :data:`NOT_PORTED`, each with its reason;
:func:`test_every_peer_test_is_ported_or_not_ported_with_a_reason` checks that every
peer test function is named in a docstring here or there, never both.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from typing import Any

import pytest

from apps import ACAC, ACAH, ACAM, ACAO, ACAPN, ACEH, ACMA
from peer_ports import assert_every_peer_test_accounted_for
from wsgi_call import Response, call, plain_app, vary
from wsgi_cors import (
    CORSConfigurationError,
    CORSMiddleware,
    CORSSecurityWarning,
    enable_cors,
)

WSGIApp = Callable[..., Iterable[bytes]]

#: The peer test functions read, by file: each is named in a docstring below or in
#: :data:`NOT_PORTED`.
PEER_TESTS: dict[str, tuple[str, ...]] = {
    "jub0bs/cors config_test.go": (
        "TestIncomparability",
        "TestImpossibilityOfUnkeyedStructLiterals",
        "TestPossibilityToMarshalConfig",
        "TestConfig",
        "TestIncorrectConfig",
    ),
    "jub0bs/cors middleware_test.go": (
        "TestMiddleware",
        "TestWrappedHandlerCannotMutatePackageLevelSlices",
        "TestReconfigure",
    ),
    "jub0bs/cors internal/origins/pattern_test.go": (
        "TestParseSpec",
        "TestIsDeemedInsecure",
        "TestHostIsEffectiveTLD",
    ),
    "jub0bs/cors internal/origins/origins_test.go": ("TestParse",),
    "jub0bs/cors internal/origins/corpus_test.go": ("TestCorpus",),
    "jub0bs/cors internal/headers/acrh_test.go": ("TestCheck",),
    "jub0bs/cors internal/headers/common_test.go": (
        "Test_that_all_relevant_header_names_are_in_canonical_format",
        "Test_that_authorization_Header_is_byte_lowercase",
        "TestIsValid",
        "TestFirst",
    ),
    "jub0bs/cors internal/methods/methods_test.go": (
        "TestIsValid",
        "TestIsForbidden",
        "TestThatAllForbiddenMethodsAreByteLowercase",
        "TestIsSafelisted",
        "TestNormalize",
    ),
    "rs/cors cors_test.go": (
        "TestSpec",
        "TestWildcardOriginStructure",
        "TestOriginStructureOverrides",
        "TestWildcardOriginOptions",
        "TestDebug",
        "TestPreflightRequestHeaderFields",
        "TestPreflightEmptyLeadingHeaderOverHTTP",
        "TestLogger",
        "TestDefault",
        "TestHandlePreflightInvalidOriginAbortion",
        "TestHandlePreflightNoOptionsAbortion",
        "TestHandleActualRequestInvalidOriginAbortion",
        "TestHandleActualRequestInvalidMethodAbortion",
        "TestIsMethodAllowedReturnsFalseWithNoMethods",
        "TestIsMethodAllowedReturnsTrueWithOptions",
        "TestOptionsSuccessStatusCodeDefault",
        "TestOptionsSuccessStatusCodeOverride",
        "TestAccessControlExposeHeadersPresence",
    ),
    "rs/cors utils_test.go": (
        "TestConvert",
        "TestParseHeaderList",
        "TestParseHeaderListEmpty",
        "TestToHeader",
    ),
    "rs/cors internal/sortedset_test.go": ("TestSortedSet",),
}

#: The peer tests not ported, each with its reason (one line).
NOT_PORTED: list[tuple[str, str]] = [
    (
        "TestIncomparability",
        "a Go type property (cors.Config is not comparable): no request, no option",
    ),
    (
        "TestImpossibilityOfUnkeyedStructLiterals",
        "a Go type property (unexported fields): every option here is keyword-only already",
    ),
    (
        "TestPossibilityToMarshalConfig",
        "JSON marshalling of a Go struct; configuration as data here goes through"
        " from_mapping (tests/test_sources.py)",
    ),
    (
        "TestWrappedHandlerCannotMutatePackageLevelSlices",
        "Go slice aliasing between handler and middleware; a WSGI application never"
        " receives the middleware's header values",
    ),
    (
        "TestReconfigure",
        "jub0bs's Reconfigure/SetDebug at run time has no equivalent: a new"
        " CORSMiddleware is made instead",
    ),
    (
        "Test_that_all_relevant_header_names_are_in_canonical_format",
        "a jub0bs internal (Go's canonical header keys)",
    ),
    (
        "Test_that_authorization_Header_is_byte_lowercase",
        "a jub0bs internal constant",
    ),
    (
        "TestFirst",
        "a jub0bs internal reading the first of several field lines; a WSGI server joins"
        " them (see as_delivered)",
    ),
    (
        "TestThatAllForbiddenMethodsAreByteLowercase",
        "a jub0bs internal table check; the forbidden methods are refused in any case"
        " (test_jub0bs_method_names)",
    ),
    ("TestDebug", "rs/cors's Go logger; denials here are logged on the wsgi_cors logger"),
    ("TestLogger", "rs/cors's Go logger interface"),
    ("TestDefault", "checks rs/cors's private fields after Default()"),
    (
        "TestHandlePreflightNoOptionsAbortion",
        "calls rs/cors's private handlePreflight with a GET; through the middleware a"
        " GET is never a preflight (test_rs_spec covers GET)",
    ),
    (
        "TestOptionsSuccessStatusCodeOverride",
        "OptionsSuccessStatus has no equivalent: a granted preflight is always 204"
        " (README difference 6)",
    ),
    ("TestConvert", "an rs/cors string helper: no request"),
    (
        "TestToHeader",
        "rs/cors's re-casing of header names; wsgi-cors sends names as configured or"
        " as asked for, never re-cased",
    ),
]


#: Peer cases where wsgi-cors's answer is neither the peer's nor justified by the
#: README, ``docs/`` or the Fetch and URL standards: not encoded in any test here,
#: so that a fix breaks nothing; each is ``(peer case, what wsgi-cors does and why
#: that looks wrong)``.
DISPUTED: list[tuple[str, str]] = [
    (
        "jub0bs TestParseSpec 'domain with 0 port' (https://foo:0), 'IP with 0 port'",
        "accepted (the fix for a bad port says 'a number from 0 to 65535'): no page is"
        " loaded from port 0, which no connection can use (it is not on Fetch's bad-port"
        " list, which starts at 1), so such an entry never matches; harmless, kept",
    ),
]


def test_every_peer_test_is_ported_or_not_ported_with_a_reason() -> None:
    """Every test function of the peer files read is named in the docstring of a test
    here or in :data:`NOT_PORTED`, never both (a name shared by two files, such as
    ``TestIsValid``, is ported for both)."""
    assert_every_peer_test_accounted_for(globals(), PEER_TESTS, NOT_PORTED)


# -- applications, requests, configurations ----------------------------------------------


class SpyApp:
    """jub0bs's spy handler: ``200``, ``Vary: foo``, body ``bar``; counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.calls += 1
        start_response("200 OK", [("Vary", "foo"), ("Content-Type", "text/plain")])
        return [b"bar"]


def as_delivered(lines: Sequence[str] | str | None) -> str | None:
    """A request header's field lines as a WSGI server passes them on: white space
    around each line dropped (RFC 9112, section 5), the lines joined with commas."""
    if lines is None or isinstance(lines, str):
        return lines
    return ",".join(line.strip(" \t") for line in lines)


def fetch(app: WSGIApp, origin: str | None = None, method: str = "GET") -> Response:
    """An actual request (a plain ``OPTIONS`` too: no ``Access-Control-Request-Method``)."""
    return call(app, method, "/", [] if origin is None else [("Origin", origin)])


def preflight(
    app: WSGIApp,
    origin: str | None,
    method: str = "GET",
    request_headers: Sequence[str] | str | None = None,
    private_network: str | None = None,
) -> Response:
    """A CORS-preflight request; *request_headers* as one value or as field lines, and
    *private_network* the ``Access-Control-Request-Private-Network`` value, if any."""
    sent = [("Access-Control-Request-Method", method)]
    if origin is not None:
        sent.append(("Origin", origin))
    requested = as_delivered(request_headers)
    if requested is not None:
        sent.append(("Access-Control-Request-Headers", requested))
    if private_network is not None:
        sent.append(("Access-Control-Request-Private-Network", private_network))
    return call(app, "OPTIONS", "/", sent)


def assert_denied(response: Response, vary_origin: bool = True) -> None:
    """A preflight the middleware denies: ``403``, no ``Access-Control-*`` header (README
    differences 5 and 6), and ``Vary: Origin`` unless the policy
    answers every origin with ``*`` (*vary_origin* False: README difference 1)."""
    assert response.code == 403
    assert response.cors() == {}
    assert vary(response) == ({"Origin"} if vary_origin else set())


def refused(**options: Any) -> list[str]:
    """The options named by the problems of a refused configuration, in order."""
    with pytest.raises(CORSConfigurationError) as raised:
        CORSMiddleware(plain_app, **options)
    return [problem.option for problem in raised.value.problems]


def from_jub0bs(
    origins: Sequence[str],
    *,
    credentialed: bool = False,
    methods: Sequence[str] = (),
    request_headers: Sequence[str] = (),
    max_age: int = 0,
    response_headers: Sequence[str] = (),
    private_network: bool = False,
    debug: bool = False,
    app: WSGIApp | None = None,
) -> CORSMiddleware:
    """jub0bs's ``cors.Config`` as our options (module docstring): its safelisted
    methods listed, its ``"*"`` (alone or beside ``Authorization``) as ours."""
    return CORSMiddleware(
        SpyApp() if app is None else app,
        allow_origins="*" if list(origins) == ["*"] else list(origins),
        allow_credentials="*" if credentialed else None,
        allow_methods="*" if "*" in methods else ["GET", "HEAD", "POST", *methods],
        allow_headers="*" if "*" in request_headers else list(request_headers),
        max_age={0: None, -1: 0}.get(max_age, max_age),
        expose_headers="*" if "*" in response_headers else list(response_headers) or None,
        allow_private_network=private_network,
        debug=debug,
    )


# == jub0bs/cors: config_test.go ========================================================

EXAMPLE = "https://example.com"

INCORRECT_CONFIGS = [
    # (jub0bs case, options, the options our problems name)
    ("no origin pattern specified", {"allow_origins": []}, ["allow_origins"]),
    (
        "invalid origin pattern",
        {"allow_origins": ["http://example.com:6060/path"]},
        ["allow_origins"],
    ),
    (
        "wildcard origin in addition to other origin pattern",
        {"allow_origins": ["*", EXAMPLE]},
        ["allow_origins"],
    ),
    (
        "origin pattern in addition to wildcard origin",
        {"allow_origins": [EXAMPLE, "*"]},
        ["allow_origins"],
    ),
    ("empty method name", {"allow_methods": [""]}, ["allow_methods"]),
    ("invalid method name", {"allow_methods": ["résumé"]}, ["allow_methods"]),
    ("forbidden method name", {"allow_methods": ["GET", "CONNECT"]}, ["allow_methods"]),
    ("wildcard in addition to other method", {"allow_methods": ["*", "GET"]}, ["allow_methods"]),
    ("method in addition wildcard", {"allow_methods": ["GET", "*"]}, ["allow_methods"]),
    ("empty request-header name", {"allow_headers": [""]}, ["allow_headers"]),
    # The forbidden and "prohibited" names: no preflight asks for them (a script cannot
    # set them, or they are CORS response headers).
    ("forbidden request-header name", {"allow_headers": ["Connection"]}, ["allow_headers"]),
    ("forbidden request-header name", {"allow_headers": ["Sec-Foo"]}, ["allow_headers"]),
    ("forbidden request-header name", {"allow_headers": ["Proxy-Foo"]}, ["allow_headers"]),
    (
        "prohibited request-header name",
        {"allow_headers": ["Access-Control-Allow-Origin"]},
        ["allow_headers"],
    ),
    ("invalid request-header name", {"allow_headers": ["résumé"]}, ["allow_headers"]),
    (
        "wildcard in addition to request-header name other than Authorization",
        {"allow_headers": ["*", "Content-Type"]},
        ["allow_headers"],
    ),
    (
        "request-header name other than Authorization in addition to wildcard",
        {"allow_headers": ["Content-Type", "*"]},
        ["allow_headers"],
    ),
    (
        "wildcard and Authorization in addition to other request-header name",
        {"allow_headers": ["*", "Authorization", "Content-Type"]},
        ["allow_headers"],
    ),
    (
        "request-header name other than Authorization in addition to Authorization and wildcard",
        {"allow_headers": ["Content-Type", "Authorization", "*"]},
        ["allow_headers"],
    ),
    ("max age less than -1", {"max_age": -2}, ["max_age"]),
    ("max age exceeds upper bound", {"max_age": 86_401}, ["max_age"]),
    ("empty response-header name", {"expose_headers": [""]}, ["expose_headers"]),
    ("invalid response-header name", {"expose_headers": ["résumé"]}, ["expose_headers"]),
    (
        "wildcard origin with Credentialed",
        {"allow_origins": "*", "allow_credentials": "*"},
        ["allow_credentials"],
    ),
    (
        "wildcard pattern encompassing subdomains of a public suffix",
        {"allow_origins": ["https://*.com"]},
        ["allow_origins"],
    ),
    (
        "multiple configuration issues",
        {
            "allow_origins": ["http://example.com", "https://example.com/"],
            "allow_methods": ["CONNECT", "résumé"],
            "allow_headers": ["résumé"],
            "max_age": 86_401,
        },
        ["allow_origins", "allow_methods", "allow_methods", "allow_headers", "max_age"],
    ),
]


@pytest.mark.parametrize(
    ("case", "options", "options_named"),
    INCORRECT_CONFIGS,
    ids=[case for case, _, _ in INCORRECT_CONFIGS],
)
def test_jub0bs_incorrect_config(
    case: str, options: dict[str, Any], options_named: list[str]
) -> None:
    """Ports jub0bs's ``TestIncorrectConfig`` (config_test.go), the cases both refuse:
    one ``CORSConfigurationError`` naming every problem's option, in order
    (docs/configuration.rst, "Validation"). ``allow_methods=[""]`` stands for an empty
    method name, and ``"*"`` inside a list of methods or request-header names is
    refused, beside ``Authorization`` too (docs: "``*`` inside a list";
    ``allow_headers="*"`` echoes ``authorization``); beside exposed names it is sent
    (below).
    jub0bs's "multiple configuration issues" also lists the request-header name
    ``Access-Control-Allow-Origin``, refused here too (a CORS response header), as
    its own row above. ``allow_origins="*"`` with
    ``allow_credentials="*"`` is refused as README difference 7 says."""
    assert refused(**options) == options_named


@pytest.mark.parametrize(
    ("case", "options"),
    [
        ("null origin", {"allow_origins": ["null"]}),
        ("safelisted response-header name", {"expose_headers": ["Cache-Control"]}),
        (
            "wildcard origin with PrivateNetworkAccess",
            {"allow_origins": "*", "allow_private_network": True},
        ),
        (
            "insecure origin with Credentialed without DangerouslyTolerateInsecureOrigins",
            {
                "allow_origins": ["http://example.com:6060", "http://*.example.com:6060"],
                "allow_credentials": "*",
            },
        ),
        (
            "insecure origin with PrivateNetworkAccess without DangerouslyTolerateInsecureOrigins",
            {
                "allow_origins": ["http://example.com:6060", "http://*.example.com:6060"],
                "allow_private_network": True,
            },
        ),
        (
            "wildcard response-header name with Credentialed",
            {"allow_origins": [EXAMPLE], "allow_credentials": "*", "expose_headers": "*"},
        ),
        (
            "prohibited response-header name",
            {"expose_headers": ["Access-Control-Request-Method"]},
        ),
    ],
)
def test_jub0bs_incorrect_config_accepted_here(case: str, options: dict[str, Any]) -> None:
    """The cases of jub0bs's ``TestIncorrectConfig`` that wsgi-cors accepts on purpose:
    ``"null"`` listed exactly (README difference 4: ``null`` only when listed); a safelisted
    response header in ``expose_headers`` (redundant, not wrong: Falcon sends
    ``expose_headers`` as given, docs/configuration.rst, 'expose_headers');
    ``allow_private_network`` with ``allow_origins="*"``, as Falcon takes it
    (docs/security.rst, 'Private Network Access and Local Network Access'), with a
    CORSSecurityWarning, as every website's pages then reach it; ``http`` origins with
    credentials or private-network access (the Fetch standard allows them;
    docs/security.rst, 'Credentials for any origin': plain http is accepted);
    ``expose_headers="*"`` with credentials, which still exposes every header to the allowed
    origins' requests made without credentials (Fetch, "CORS check" of the response: the
    wildcard counts unless the request's credentials mode is "include"); a request header's
    name in ``expose_headers`` (useless, not harmful; ``Set-Cookie``, which no script may
    read, is warned of: below)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        CORSMiddleware(plain_app, **options)
    warned = case == "wildcard origin with PrivateNetworkAccess"
    assert [w.category for w in caught] == ([CORSSecurityWarning] if warned else [])


@pytest.mark.parametrize(
    ("case", "exposed", "sent"),
    [
        (
            "wildcard in addition to other response-header name",
            ["*", "X-Response-Time"],
            "*, X-Response-Time",
        ),
        (
            "response-header name in addition to wildcard",
            ["X-Response-Time", "*"],
            "X-Response-Time, *",
        ),
        ("the same as a str", "*, Authorization", "*, Authorization"),
    ],
)
def test_jub0bs_wildcard_beside_response_header_names_is_sent_as_given(
    case: str, exposed: list[str] | str, sent: str
) -> None:
    """jub0bs refuses ``*`` beside names in the exposed response headers
    (``TestIncorrectConfig``); wsgi-cors sends them as given, as Falcon does
    (docs/configuration.rst, 'expose_headers'; tests/test_falcon_parity_properties.py draws
    it too): the Fetch standard gives the value a meaning ("main fetch": ``*`` exposes every
    header to a request without credentials, and the names are exposed to one with them, so
    ``*, Authorization`` reaches both), so it is no mistake to refuse."""
    app = CORSMiddleware(
        plain_app, allow_origins=[EXAMPLE], allow_credentials="*", expose_headers=exposed
    )
    response = call(app, headers={"Origin": EXAMPLE})
    assert response.get(ACEH) == sent
    assert response.get(ACAC) == "true"


def test_jub0bs_forbidden_response_header_name_is_warned_of() -> None:
    """jub0bs refuses ``Set-Cookie`` in the exposed names ("forbidden response-header
    name", ``TestIncorrectConfig``); wsgi-cors warns and sends it, as Falcon sends
    ``expose_headers`` as given: no script may read it (Fetch standard), so it does
    nothing either way."""
    with pytest.warns(UserWarning, match="forbidden response-header name"):
        CORSMiddleware(plain_app, expose_headers=["Set-Cookie"])


def test_jub0bs_config_normalization() -> None:
    """Ports jub0bs's ``TestConfig`` (config_test.go): duplicate origins are one entry;
    exposed names are sent as given, a duplicate in any case too, as Falcon sends them
    (jub0bs drops duplicates, sorts and re-cases the names; a browser compares them
    case-insensitively, so both expose the same headers); jub0bs's
    ``MaxAgeInSeconds: -1`` (no caching) is ``max_age=0`` here, ``-1`` being outside
    0..86400 (docs, "Validation"); a list of request headers is sent as written. The
    "anonymous allow all" case lists ``"*"`` beside ``authoriZation``, refused here
    (``"*"`` inside a list); ``allow_headers="*"`` already echoes ``authorization``.
    The "credentialed all req headers" case's second pattern is covered by the first
    (jub0bs drops it; here both stay and match the same). jub0bs's nil-config
    "passthrough" case is a zero ``cors.Middleware``, which here is not wrapping."""
    app = CORSMiddleware(
        SpyApp(),
        allow_origins=[EXAMPLE, EXAMPLE],
        allow_headers=["x-foO", "x-Bar", "authoRizaTion"],
        max_age=0,
        expose_headers=["x-FOO", "X-baR", "x-foo"],
    )
    assert fetch(app, EXAMPLE).cors() == {ACAO: EXAMPLE, ACEH: "x-FOO, X-baR, x-foo"}
    assert preflight(app, EXAMPLE, "PUT", "authorization,x-bar").cors() == {
        ACAO: EXAMPLE,
        ACAM: "PUT",
        ACAH: "x-foO, x-Bar, authoRizaTion",
        ACMA: "0",
        ACEH: "x-FOO, X-baR, x-foo",
    }
    assert refused(max_age=-1) == ["max_age"]

    assert refused(allow_headers=["authoriZation", "*"]) == ["allow_headers"]
    echo = CORSMiddleware(SpyApp(), allow_headers="*", expose_headers="*")
    assert preflight(echo, EXAMPLE, "PURGE", "authorization").cors()[ACAH] == "authorization"

    covered = CORSMiddleware(
        SpyApp(),
        allow_origins=[
            "http://example.com",
            "https://*.example.com:8080",
            "https://*.foo.example.com:8080",
        ],
        allow_credentials="*",
        allow_methods=["POST", "PUT", "DELETE", "GET"],
        allow_headers="*",
        max_age=30,
        allow_private_network=True,
    )
    for origin in ("https://a.foo.example.com:8080", "https://a.example.com:8080"):
        assert fetch(covered, origin).cors() == {ACAO: origin, ACAC: "true"}


# == jub0bs/cors: internal/origins/pattern_test.go =======================================

# 251 characters: four labels of 60 and one of 8, as in jub0bs's table.
HOST_251 = ".".join(["a" + "2345678901" * 5 + "234567890"] * 4 + ["a234567"])

PATTERNS_BOTH_REFUSE = [
    ("host contains invalid Punycode label", "http://xn--f"),
    (
        "wildcard character sequence followed by 252 chars",
        "https://*." + ".".join(["a" * 62] * 4) + "b",
    ),
    # (jub0bs case, the configured value)
    ("userinfo", "https://user:password@example.com:6060"),
    ("path", "https://example.com:6060/foo"),
    ("querystring delimiter with empty querystring", "https://example.com:6060?"),
    ("querystring", "https://example.com:6060?foo=bar"),
    ("fragment", "https://example.com:6060#nav"),
    ("short input without scheme-host delimiter", "ab"),
    ("whitespace", " http://example.com:6060 "),
    ("httpfoo scheme", "httpfoo://foo"),
    ("httpsfoo scheme", "httpsfoo://foo"),
    ("http with explicit port 80", "http://foo:80"),
    ("https with explicit port 443", "https://foo:443"),
    ("invalid host char", "https://^foo"),
    ("single-digit host", "http://1:6060"),
    ("host containing non-ASCII chars", "https://résumé.com"),
    ("invalid host char after label sep", "https://foo.^bar"),
    ("domain with colon but no port", "https://foo:"),
    ("domain with negative port", "https://foo:-1"),
    ("non-numeric port", "https://foo:abc"),
    ("leading nonzero digit in port", "https://foo:06060"),
    ("5-digit port followed by junk", "https://foo:12345foo"),
    ("port longer than five digits", "https://foo:123456"),
    ("overflow port", "https://foo:65536"),
    ("valid port followed by junk", "https://foo:12390abc"),
    ("invalid TLD", "http://foo.bar.255:6060"),
    ("longer invalid TLD", "http://foo.bar.baz.012345678901234567890123456789:6060"),
    ("invalid IP address", "http://[::1]1:6060"),
    ("IP host with colon but no port", "http://127.0.0.1:"),
    ("IP with negative port", "http://127.0.0.1:-1"),
    ("IPv4 host with trailing full stop", "https://127.0.0.1.:90"),
    ("malformed ipv4 with one too many octets", "http://127.0.0.1.1"),
    ("junk in brackets", "http://[example]:90"),
    ("too brackets around IPv6", "https://::1:90"),
    ("missing closing bracket in IPv6", "http://[::1:90"),
    ("missing opening bracket in IPv6", "https://::1]:90"),
    ("IPv6 preceded by junk", "https://abc[::1]:90"),
    ("IPv6 followed by junk", "https://[::1]abc:90"),
    ("loopback IPv4 in nonstandard form", "http://127.1:3999"),
    ("too many colons in IPv6", "http://[::::::::::::::::1]:90"),
    ("uncompressed IPv6", "http://[2001:4860:4860:0000:0000:0000:0000:8888]:90"),
    ("IPv6 with a zone", "http://[fe80::1ff:fe23:4567:890a%eth2]:90"),
    ("host contains uppercase letters", "http://exAmplE.coM:3999"),
    ("multiple trailing full stops in host", "http://example.com..:3999"),
    ("empty label", "http://example..com:3999"),
    (
        "arbitrary subdomains of depth one or more and arbitrary ports",
        "http://*.example.com:*",
    ),
    ("leading double asterisk", "http://**.example.com:3999"),
    ("out-of-place wildcard", "http://fooo.*.example.com:3999"),
    ("wildcard not followed by a full stop", "http://*example.com:3999"),
    ("wildcard character sequence with IPv6", "http://*.[::1]:3999"),
    ("wildcard character sequence with IPv4", "http://*.127.0.0.1:3999"),
]


@pytest.mark.parametrize(
    ("case", "configured"),
    PATTERNS_BOTH_REFUSE,
    ids=[case for case, _ in PATTERNS_BOTH_REFUSE],
)
def test_jub0bs_origin_pattern_refused(case: str, configured: str) -> None:
    """Ports jub0bs's ``TestParseSpec`` (internal/origins/pattern_test.go), the values
    both refuse, in ``allow_origins`` and in ``allow_credentials`` (docs/configuration.rst,
    "Validation": path, query, fragment, user info, white space, a scheme that looks
    like a mistyped ``https``, a default port, upper case, a non-canonical IP literal,
    a ``*`` that is not a whole leading label, a pattern on an IP base). A port
    wildcard (``:*``), which later jub0bs versions accept, has no equivalent here:
    ``allow_origin_regex`` (test_jub0bs_middleware_arbitrary_ports). Its "trailing full
    stop in host" (``http://example.com.:3999``), which jub0bs accepts, is refused here
    as the likelier sentence-final full stop; ``tests/test_validation.py`` shows such an
    origin allowed by ``allow_origin_regex`` or a function."""
    assert refused(allow_origins=[configured]) == ["allow_origins"]
    assert "allow_credentials" in refused(allow_origins="*", allow_credentials=[configured])


PATTERNS_BOTH_ACCEPT = [
    # (jub0bs case, configured value, an origin it allows, an origin it does not)
    (
        "wildcard character sequence followed by 251 chars",
        "https://*." + HOST_251,
        "https://a." + HOST_251,
        "https://" + HOST_251,
    ),
    ("non-loopback IPv4", "http://69.254.169.254", "http://69.254.169.254", "http://69.254.169.25"),
    ("loopback IPv4", "http://127.0.0.1:90", "http://127.0.0.1:90", "http://127.0.0.1"),
    (
        "non-loopback IPv6 with hexadecimal chars",
        "http://[2001:db8:aaaa:1111::100]:9090",
        "http://[2001:db8:aaaa:1111::100]:9090",
        "http://[2001:db8:aaaa:1111::100]",
    ),
    ("loopback IPv6 address with port", "http://[::1]:90", "http://[::1]:90", "http://[::1]"),
    (
        "host contains underscores and hyphens",
        "http://ex_am-ple.com:3999",
        "http://ex_am-ple.com:3999",
        "http://ex-am_ple.com:3999",
    ),
    (
        "arbitrary subdomains of depth one or more",
        "http://*.example.com:3999",
        "http://a.b.example.com:3999",
        "http://example.com:3999",
    ),
]


@pytest.mark.parametrize(
    ("case", "configured", "allowed", "other"),
    PATTERNS_BOTH_ACCEPT,
    ids=[case for case, *_ in PATTERNS_BOTH_ACCEPT],
)
def test_jub0bs_origin_pattern_accepted(
    case: str, configured: str, allowed: str, other: str
) -> None:
    """Ports jub0bs's ``TestParseSpec``, the values both accept: each allows the origin
    it names (a subdomain pattern, any subdomain on that scheme and port:
    docs/configuration.rst, 'allow_origins') and not a neighbour."""
    app = CORSMiddleware(SpyApp(), allow_origins=[configured])
    assert fetch(app, allowed).cors() == {ACAO: allowed}
    assert fetch(app, other).cors() == {}


@pytest.mark.parametrize(
    ("case", "configured", "origin"),
    [
        ("null origin", "null", "null"),
        ("short invalid scheme", "ab://foo", "ab://foo"),
        ("https scheme with IPv4 host", "https://127.0.0.1:90", "https://127.0.0.1:90"),
        ("https scheme with IPv6 host", "https://[::1]:90", "https://[::1]:90"),
        ("IPv4-mapped IPv6", "http://[::ffff:7f7f:7f7f]:90", "http://[::ffff:7f7f:7f7f]:90"),
    ],
)
def test_jub0bs_origin_pattern_accepted_here(case: str, configured: str, origin: str) -> None:
    """The values of jub0bs's ``TestParseSpec`` that it refuses and wsgi-cors accepts,
    each a serialized origin a browser can send: ``null`` listed exactly (README
    difference 4); a scheme that is no special scheme of the URL standard, as app web
    views and extensions use (docs/configuration.rst, "The options"); ``https`` on an
    IP literal, a valid origin (URL standard), which jub0bs refuses as unusual; an
    IPv4-mapped IPv6 address as the URL standard serializes it (in hex)."""
    warned = (
        pytest.warns(CORSSecurityWarning, match="credentials to the origin 'null'")
        if configured == "null"  # any website can send it: warned of, reflected as Falcon
        else nullcontext()
    )
    with warned:
        app = CORSMiddleware(SpyApp(), allow_origins=[configured], allow_credentials="*")
    assert fetch(app, origin).cors() == {ACAO: origin, ACAC: "true"}


@pytest.mark.parametrize(
    "pattern",
    [
        "https://example.com",
        "https://*.example.com",
        "http://example.com",
        "http://*.example.com",
        "http://127.0.0.1",
        "http://127.127.127.127",
        "http://169.254.169.254:90",
        "http://[::1]:90",
        "http://[2001:db8:aaaa:1111::100]:9090",
    ],
)
def test_jub0bs_insecure_origins_take_credentials(pattern: str) -> None:
    """Ports jub0bs's ``TestIsDeemedInsecure`` (pattern_test.go): jub0bs refuses
    credentials for ``http`` origins other than loopback unless told to tolerate them;
    wsgi-cors gives credentials to any allowed origin listed in ``allow_credentials``
    (docs/security.rst, 'Credentials for any origin': plain http is accepted; the Fetch
    standard allows credentialed CORS from ``http`` pages)."""
    app = CORSMiddleware(SpyApp(), allow_origins=[pattern], allow_credentials="*")
    origin = pattern.replace("*", "a")
    assert fetch(app, origin).cors() == {ACAO: origin, ACAC: "true"}


def test_jub0bs_public_suffix_patterns() -> None:
    """Ports jub0bs's ``TestHostIsEffectiveTLD`` (pattern_test.go): ``https://*.com`` and
    ``https://*.github.io`` (a public suffix of two labels) are refused by both.
    jub0bs consults the whole Public Suffix List; wsgi-cors refuses single-label bases
    and a sample of suffixes of several labels (``wsgi_cors.origins.SHARED_SUFFIXES``;
    docs/security.rst, "Suffix and prefix matching"). ``https://*.example.com`` is
    accepted by both."""
    assert refused(allow_origins=["https://*.com"]) == ["allow_origins"]
    assert refused(allow_origins=["https://*.github.io"]) == ["allow_origins"]
    CORSMiddleware(SpyApp(), allow_origins=["https://*.example.com"])


# == jub0bs/cors: internal/origins/origins_test.go =======================================

DEEP_HOST = "foo.bar.baz.qux.quux.corge.grault.garply.waldo.fred." * 8 + "example.com"

REQUEST_ORIGINS = [
    # (jub0bs case, Origin, jub0bs parses it, reflected here)
    ("null origin", "null", False, False),
    ("domain without port", "https://example.com", True, True),
    ("invalid scheme", "1ab://example.com", True, False),
    ("short input without scheme-host delimiter", "ab", False, False),
    ("short input with colon but without double slash", "ab:", False, False),
    ("empty hostport", "https://", False, False),
    ("non-HTTP scheme", "connector://localhost", True, True),
    ("brackets containing non-IPv6 chars", "http://[example]:90", True, False),
    ("unmatched left bracket", "http://[::1:90", False, False),
    ("brackets containing non-IPv6 chars", "http://[::1:]", True, False),
    ("brackets containing non-IPv6 chars", "http://[::]", True, True),
    ("valid compressed IPv6", "http://[::1]:90", True, True),
    ("valid compressed IPv6 followed by a trailing full stop", "http://[::1].:90", False, False),
    ("domain with colon but no port", "https://example.com:", False, False),
    ("IPV6 with colon but no port", "http://[::1]:", False, False),
    ("domain with 0 port", "https://example.com:0", False, True),
    ("domain with a leading full stop", "https://.example.com", True, False),
    ("domain with illegal char after host", "https://example.com^8080", True, False),
    ("domain followed by character other than colon", "https://example.com?", True, False),
    ("domain with colon but with non-numeric port", "https://example.com:abcd", False, False),
    (
        "domain with colon but with non-numeric port starting with digits",
        "https://example.com:123ab",
        False,
        False,
    ),
    ("domain port", "https://example.com:6060", True, True),
    ("IP host with colon but no port", "http://127.0.0.1:", False, False),
    ("IP host with 0 port", "http://127.0.0.1:0", False, True),
    ("ipv4 port", "http://127.0.0.1:6060", True, True),
    ("single-digit host", "http://1:6060", True, False),
    ("ipv4 with trailing full stop", "http://127.0.0.1.", True, False),
    ("malformed ipv4 with one too many octets", "http://127.0.0.1.1", True, False),
    ("ipv4 with overflowing octet", "http://256.0.0.1", True, False),
    ("ipv4 with trailing full stop and port", "http://127.0.0.1.:6060", True, False),
    ("invalid TLD", "http://foo.bar.255:6060", True, False),
    (
        "longer invalid TLD",
        "http://foo.bar.baz.012345678901234567890123456789:6060",
        True,
        False,
    ),
    (
        "valid domain with all-numeric label in the middle",
        "http://foo.bar.baz.012345678901234567890123456789.ab:6060",
        True,
        True,
    ),
    (
        "ipv6 with port",
        "http://[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:6060",
        True,
        False,
    ),
    # 423 characters: over the 253 a name DNS holds (RFC 1035), so no site's
    ("deep_subdomain", f"http://{DEEP_HOST}:6060", False, False),
]


@pytest.mark.parametrize(
    ("case", "origin", "peer_parses", "reflected"),
    REQUEST_ORIGINS,
    ids=[case for case, *_ in REQUEST_ORIGINS],
)
def test_jub0bs_request_origin_syntax(
    case: str, origin: str, peer_parses: bool, reflected: bool
) -> None:
    """Ports jub0bs's ``TestParse`` (internal/origins/origins_test.go): which ``Origin``
    values are fit to be matched at all. Here that is the shape check before a pattern,
    ``allow_origin_regex`` or a callable sees a value; ``allow_origin_regex=".*"`` with
    credentials reflects exactly the values that pass it (and a callable is asked only about
    those: README, 'Origins decided by a function'). Where the answers differ: a scheme
    starting with a digit, brackets around a non-address or an IPv6 address spelled
    otherwise than the URL standard serializes it (leading zeros, no ``::``), a leading dot,
    ``^`` or ``?`` after the host are never what a browser sends (URL standard), and are not
    reflected; nor is a host that ends in a number but is no IPv4 address in dotted decimal
    (``1``, an overflowing octet, a fifth part, a trailing dot after an address, a numeric
    last label: URL standard, "ends in a number checker"; a browser sends such a host
    rewritten in dotted decimal, or no request at all), which jub0bs parses. Port 0 and a
    trailing dot after a domain (kept by the URL parser) are what a browser may send, and
    are reflected (up to 512 characters, docs/security.rst "Header injection and hostile
    requests"); a 423-character host, which the URL parser lets through too, is not, as
    jub0bs does not parse it: no name DNS holds is that long (RFC 1035)."""
    del peer_parses  # the peer's answer, kept in the table for the reader
    # Every origin with credentials, as the probe needs: refused without the opt-in.
    with pytest.warns(CORSSecurityWarning, match="it matches 'https://wsgi-cors-probe.com'"):
        app = CORSMiddleware(
            SpyApp(),
            allow_origin_regex=r".*",
            allow_credentials="*",
            dangerously_allow_any_origin_with_credentials=True,
        )
    expected = {ACAO: origin, ACAC: "true"} if reflected else {}
    assert fetch(app, origin).cors() == expected


# == jub0bs/cors: internal/origins/corpus_test.go ========================================

CORPUS = [
    # (jub0bs case, allow_origins, origins allowed, origins not allowed)
    (
        "one discrete origin",
        ["https://example.com"],
        ["https://example.com"],
        [
            "http://example.com",
            "https://example.com:8080",
            "https://example.org",
            "https://foo.example.com",
        ],
    ),
    (
        "two discrete origins",
        ["https://example.org", "https://example.com"],
        ["https://example.org", "https://example.com"],
        [
            "http://example.org",
            "https://example.org:8080",
            "https://foo.example.org",
            "http://example.com",
            "https://example.com:8080",
            "https://foo.example.com",
        ],
    ),
    (
        "one discrete origin and one wildcard origin pattern",
        ["https://*.example.org", "https://example.com"],
        ["https://foo.example.org", "https://foo.bar.example.org", "https://example.com"],
        [
            "https://example.org",
            "http://foo.example.org",
            "http://foo.bar.example.org",
            "https://example.org:8080",
            "http://foo.example.org:8080",
            "http://foo.bar.example.org:8080",
            "http://example.com",
            "https://example.com:8080",
            "https://foo.example.com",
        ],
    ),
]


@pytest.mark.parametrize(
    ("case", "configured", "allowed", "denied"), CORPUS, ids=[c[0] for c in CORPUS]
)
def test_jub0bs_corpus(
    case: str, configured: list[str], allowed: list[str], denied: list[str]
) -> None:
    """Ports jub0bs's ``TestCorpus`` (internal/origins/corpus_test.go): exact origins
    and a subdomain pattern, on that scheme and port only, never the base itself
    (docs/configuration.rst, 'allow_origins'). The "empty corpus" case is
    ``allow_origins=[]``, refused here (README, 'Secure by default'), as jub0bs refuses a
    configuration without origins.
    The corpus's ``Elems()`` listing is a jub0bs internal."""
    app = CORSMiddleware(SpyApp(), allow_origins=configured)
    for origin in allowed:
        assert fetch(app, origin).cors() == {ACAO: origin}, origin
    for origin in denied:
        assert fetch(app, origin).cors() == {}, origin
    assert refused(allow_origins=[]) == ["allow_origins"]


# == jub0bs/cors: internal/headers/acrh_test.go (and rs/cors internal/sortedset_test.go) =

EMPTY_16 = [""] * 16
EMPTY_17 = [""] * 17

ACRH_TABLE = [
    # (jub0bs case, allowed names, field lines sent, jub0bs accepts, granted here)
    ("empty set", [], [""], True, True),
    ("empty set", [], [","], True, True),
    ("empty set", [], ["\t, , "], True, True),
    ("empty set", [], EMPTY_16, True, True),
    ("empty set", [], ["x-bar"], False, False),
    ("empty set", [], ["x-bar,x-foo"], False, False),
    ("empty set", [], ["," * 17], False, True),
    ("empty set", [], EMPTY_17, False, True),
    ("singleton set", ["x-foo"], ["x-foo"], True, True),
    ("singleton set", ["x-foo"], [" x-foo "], True, True),
    ("singleton set", ["x-foo"], ["  x-foo"], True, True),
    ("singleton set", ["x-foo"], ["x-foo  "], True, True),
    ("singleton set", ["x-foo"], [""], True, True),
    ("singleton set", ["x-foo"], [","], True, True),
    ("singleton set", ["x-foo"], ["\t, , "], True, True),
    ("singleton set", ["x-foo"], ["\tx-foo ,"], True, True),
    ("singleton set", ["x-foo"], [" x-foo\t,"], True, False),
    ("singleton set", ["x-foo"], ["," * 16 + "x-foo"], True, True),
    ("singleton set", ["x-foo"], [*EMPTY_16, "x-foo"], True, True),
    ("singleton set", ["x-foo"], EMPTY_16, True, True),
    ("singleton set", ["x-foo"], ["x-bar"], False, False),
    ("singleton set", ["x-foo"], ["x-bar,x-foo"], False, False),
    ("singleton set", ["x-foo"], ["x-foo   "], False, True),
    ("singleton set", ["x-foo"], [" x-foo  "], False, True),
    ("singleton set", ["x-foo"], ["  x-foo "], False, True),
    ("singleton set", ["x-foo"], [" x-foo\t\t"], False, True),
    ("singleton set", ["x-foo"], ["\tx-foo\t\t"], False, True),
    ("singleton set", ["x-foo"], ["\t\tx-foo\t\t"], False, True),
    ("singleton set", ["x-foo"], ["," * 17 + "x-foo"], False, True),
    ("singleton set", ["x-foo"], [*EMPTY_17, "x-foo"], False, True),
    ("singleton set", ["x-foo"], EMPTY_17, False, True),
]
_THREE = ["x-foo", "x-bar", "x-baz"]
ACRH_TABLE += [
    ("no dupes", _THREE, [lines], True, True)
    for lines in (
        "x-bar",
        "x-baz",
        "x-foo",
        "x-bar,x-baz",
        "x-bar,x-foo",
        "x-baz,x-foo",
        "x-bar,x-baz,x-foo",
        "",
        ",",
        "\t, , ",
        "\tx-bar ,",
        "x-foo,",
        "x-baz,x-foo,",
        " x-bar , x-baz , x-foo ,",
        "x-bar" + "," * 17 + "x-foo",
    )
]
ACRH_TABLE += [
    ("no dupes", _THREE, [" x-baz\t,"], True, False),
    ("no dupes", _THREE, ["\tx-bar ,\tx-baz ,"], True, False),
    ("no dupes", _THREE, [" x-bar\t, x-foo\t,"], True, False),
    ("no dupes", _THREE, ["x-bar", "x-foo"], True, True),
    ("no dupes", _THREE, ["x-bar", "x-baz,x-foo"], True, True),
    ("no dupes", _THREE, [*EMPTY_16, "x-bar", "x-foo"], True, True),
    ("no dupes", _THREE, EMPTY_16, True, True),
    ("no dupes", _THREE, ["x-qux"], False, False),
    ("no dupes", _THREE, ["x-bar,x-baz,x-baz"], False, True),
    ("no dupes", _THREE, ["x-qux,x-baz"], False, False),
    ("no dupes", _THREE, ["x-qux,x-foo"], False, False),
    ("no dupes", _THREE, ["x-quxbaz,x-foo"], False, False),
    ("no dupes", _THREE, [" x-bar  "], False, True),
    ("no dupes", _THREE, ["  x-baz "], False, True),
    ("no dupes", _THREE, ["   x-foo"], False, True),
    ("no dupes", _THREE, [" x-bar\t\t,x-baz"], False, False),
    ("no dupes", _THREE, ["x-bar,\tx-foo\t\t"], False, False),
    ("no dupes", _THREE, ["\t\tx-baz, x-foo\t\t"], False, True),
    ("no dupes", _THREE, [" x-bar\t,\tx-baz\t ,x-foo"], False, False),
    ("no dupes", _THREE, ["x-bar" + "," * 18 + "x-foo"], False, True),
    ("no dupes", _THREE, ["x-foo", "x-bar"], False, True),
    ("no dupes", _THREE, [*EMPTY_17, "x-bar", "x-foo"], False, True),
    ("no dupes", _THREE, EMPTY_17, False, True),
]
_DUPES = ["x-foo", "x-bar", "x-foo"]
ACRH_TABLE += [
    ("some dupes", _DUPES, [lines], True, True)
    for lines in (
        "x-bar",
        "x-foo",
        "x-bar,x-foo",
        "",
        ",",
        "\t, , ",
        "\tx-bar ,",
        "x-foo,",
        "x-bar,x-foo,",
        " x-bar , x-foo ,",
        "x-bar" + "," * 17 + "x-foo",
    )
]
ACRH_TABLE += [
    ("some dupes", _DUPES, [" x-foo\t,"], True, False),
    ("some dupes", _DUPES, ["\tx-bar ,\tx-foo ,"], True, False),
    ("some dupes", _DUPES, [" x-bar\t, x-foo\t,"], True, False),
    ("some dupes", _DUPES, ["x-bar", "x-foo"], True, True),
    ("some dupes", _DUPES, [*EMPTY_16, "x-bar", "x-foo"], True, True),
    ("some dupes", _DUPES, EMPTY_16, True, True),
    ("some dupes", _DUPES, ["x-qux"], False, False),
    ("some dupes", _DUPES, ["x-qux,x-bar"], False, False),
    ("some dupes", _DUPES, ["x-qux,x-foo"], False, False),
    ("some dupes", _DUPES, ["x-qux,x-baz,x-foo"], False, False),
    ("some dupes", _DUPES, ["x-qux  "], False, False),
    ("some dupes", _DUPES, ["x-qux,\t\tx-bar"], False, False),
    ("some dupes", _DUPES, ["x-qux,x-foo\t\t"], False, False),
    ("some dupes", _DUPES, ["\tx-qux , x-baz\t\t,x-foo"], False, False),
    ("some dupes", _DUPES, ["x-bar" + "," * 18 + "x-foo"], False, True),
    ("some dupes", _DUPES, ["x-foo", "x-bar"], False, True),
    ("some dupes", _DUPES, ["x-qux", "\t\tx-bar"], False, False),
    ("some dupes", _DUPES, ["x-qux", "x-foo\t\t"], False, False),
    ("some dupes", _DUPES, ["\tx-qux ", " x-baz\t\t,x-foo"], False, False),
    ("some dupes", _DUPES, [*EMPTY_17, "x-bar", "x-foo"], False, True),
    ("some dupes", _DUPES, EMPTY_17, False, True),
]


@pytest.mark.parametrize(
    ("case", "names", "lines", "peer_accepts", "granted"),
    ACRH_TABLE,
    ids=[f"{row[0]}-{i}" for i, row in enumerate(ACRH_TABLE)],
)
def test_jub0bs_request_headers_check(
    case: str, names: list[str], lines: list[str], peer_accepts: bool, granted: bool
) -> None:
    """Ports jub0bs's ``TestCheck`` (internal/headers/acrh_test.go) and rs/cors's
    ``TestSortedSet`` (internal/sortedset_test.go, the same table): which
    ``Access-Control-Request-Headers`` values a list of allowed names grants, the field
    lines sent as a WSGI server passes them on (:func:`as_delivered`). A list allows only
    the names in it, case-insensitively (docs/configuration.rst, 'allow_headers'); empty
    elements and the white space around names are not names (Fetch standard, "extract header
    list values"), so wsgi-cors grants the values jub0bs refuses for more than 16 empty
    elements or more than one white-space character (the whole value is bounded at 4096
    characters instead: README difference 2), for a duplicate or for names out of the
    browser's sorted order. A tab left inside the value denies the preflight: a control
    character (README difference 2, docs/security.rst "Header injection and hostile
    requests"); browsers never send one there. The set's size and ``String()`` of rs/cors's
    table are internals."""
    del peer_accepts  # the peer's answer, kept in the table for the reader
    app = CORSMiddleware(SpyApp(), allow_origins=[EXAMPLE], allow_headers=names)
    response = preflight(app, EXAMPLE, "GET", lines)
    if granted:
        assert response.code == 204
        assert response.cors()[ACAO] == EXAMPLE
    else:
        assert_denied(response)


def test_tab_inside_request_headers_is_denied_tab_around_is_dropped() -> None:
    """The tab rows of jub0bs's ``TestCheck`` sent raw, without the server's trimming:
    any tab in ``Access-Control-Request-Headers`` denies the preflight (a control
    character: README difference 2), where jub0bs allows one around each name; a
    server drops the ones at the ends of a field line before the application sees it
    (RFC 9112, section 5), so through a server only a tab inside matters."""
    app = CORSMiddleware(SpyApp(), allow_origins=[EXAMPLE], allow_headers=["x-foo"])
    assert_denied(
        call(
            app,
            "OPTIONS",
            "/",
            [
                ("Origin", EXAMPLE),
                ("Access-Control-Request-Method", "GET"),
                ("Access-Control-Request-Headers", "\tx-foo "),
            ],
        )
    )
    assert preflight(app, EXAMPLE, "GET", ["\tx-foo "]).code == 204


# == jub0bs/cors: internal/methods/methods_test.go, internal/headers/common_test.go ======


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("", False),
        ("GET", True),
        ("()", False),
        ("POST", True),
        ("PUT", True),
        ("CHICKEN", True),
        ("CONNECT", False),
        ("connect", False),
        ("ConnEcT", False),
        ("TRACE", False),
        ("trace", False),
        ("trACe", False),
        ("TRACK", False),
        ("track", False),
        ("trACk", False),
    ],
)
def test_jub0bs_method_names(name: str, valid: bool) -> None:
    """Ports jub0bs's ``TestIsValid`` and ``TestIsForbidden`` (methods_test.go): a
    method must be a token and not a forbidden method, in any case (docs, "Validation":
    "methods that are not tokens or are forbidden (CONNECT, TRACE, TRACK)")."""
    if valid:
        CORSMiddleware(SpyApp(), allow_methods=[name])
    else:
        assert refused(allow_methods=[name]) == ["allow_methods"]


@pytest.mark.parametrize(
    ("configured", "normalized"),
    [
        ("DELETE", "DELETE"),
        ("GET", "GET"),
        ("HEAD", "HEAD"),
        ("OPTIONS", "OPTIONS"),
        ("POST", "POST"),
        ("PUT", "PUT"),
        ("Delete", "DELETE"),
        ("geT", "GET"),
        ("heAd", "HEAD"),
        ("OPTIONs", "OPTIONS"),
        ("PosT", "POST"),
        ("put", "PUT"),
        ("PATCH", "PATCH"),
        ("patch", "patch"),
        ("QUERY", "QUERY"),
        ("query", "query"),
        ("chicken", "chicken"),
    ],
)
def test_jub0bs_method_normalization(configured: str, normalized: str) -> None:
    """Ports jub0bs's ``TestNormalize`` (methods_test.go): a configured method is read
    as ``fetch()`` sends it (Fetch standard, "normalize a method": only DELETE, GET,
    HEAD, OPTIONS, POST and PUT are upper-cased), and a preflight must ask for it
    byte for byte (docs/configuration.rst, 'allow_methods'): ``patch`` allows ``patch``,
    not ``PATCH``."""
    # A method listed in lower case is warned of (tests/test_validation.py), not refused.
    lower = normalized != normalized.upper()
    with pytest.warns(UserWarning, match="allow_methods lists") if lower else nullcontext():
        app = CORSMiddleware(SpyApp(), allow_origins=[EXAMPLE], allow_methods=[configured])
    response = preflight(app, EXAMPLE, normalized)
    assert response.code == 204
    assert response.cors()[ACAM] == normalized
    if configured != normalized:
        assert_denied(preflight(app, EXAMPLE, configured))


def test_jub0bs_safelisted_methods_must_be_listed() -> None:
    """Ports jub0bs's ``TestIsSafelisted`` (methods_test.go): jub0bs always allows a
    preflight for GET, HEAD or POST (CORS-safelisted methods) and leaves them out of
    ``Access-Control-Allow-Methods``; with a list, wsgi-cors needs them listed, as
    documented (docs/configuration.rst ``allow_methods``: "GET and POST too, if
    preflights may ask for them"), and compares case-sensitively: ``Get`` is no
    safelisted method."""
    app = CORSMiddleware(SpyApp(), allow_origins=[EXAMPLE], allow_methods=["PUT"])
    for method in ("GET", "HEAD", "POST", "Get"):
        assert_denied(preflight(app, EXAMPLE, method))
    assert preflight(app, EXAMPLE, "PUT").code == 204


@pytest.mark.parametrize(("name", "valid"), [("", False), ("authorization", True), ("()", False)])
@pytest.mark.parametrize("option", ["allow_headers", "expose_headers"])
def test_jub0bs_header_names(option: str, name: str, valid: bool) -> None:
    """Ports jub0bs's ``TestIsValid`` (internal/headers/common_test.go): a header name
    must be a token (docs, "Validation"), in ``allow_headers`` and ``expose_headers``."""
    if valid:
        CORSMiddleware(SpyApp(), **{option: [name]})
    else:
        assert refused(**{option: [name]}) == [option]


# == jub0bs/cors: middleware_test.go ======================================================

LOCAL = "http://localhost:9090"
DISALLOWED = "https://example.com"
INVALID = "https://example.com/index.html"


CREDENTIALED = {
    "origins": [LOCAL],
    "credentialed": True,
    "methods": ["GET", "POST", "PURGE", "HELP"],
    "request_headers": ["Authorization"],
    "max_age": 30,
    "response_headers": ["X-Foo", "X-Bar"],
}
CREDENTIALED_GRANT = {
    ACAO: LOCAL,
    ACAC: "true",
    ACAM: "GET, HEAD, POST, PURGE, HELP",
    ACAH: "Authorization",
    ACMA: "30",
    ACEH: "X-Foo, X-Bar",
}


@pytest.mark.parametrize("method", ["GET", "OPTIONS"])
@pytest.mark.parametrize(
    ("origin", "cors"),
    [
        (None, {}),
        (LOCAL, {ACAO: LOCAL, ACAC: "true", ACEH: "X-Foo, X-Bar"}),
        (DISALLOWED, {}),
        (INVALID, {}),
    ],
    ids=["non-CORS", "allowed", "disallowed", "invalid"],
)
def test_jub0bs_middleware_credentialed_actual(
    method: str, origin: str | None, cors: dict[str, str]
) -> None:
    """Ports jub0bs's ``TestMiddleware``, "credentialed" configuration, its actual
    requests (``GET`` and a plain ``OPTIONS``): the application answers, the allowed
    origin is reflected with credentials and exposed headers (sent as configured, where
    jub0bs lower-cases and sorts them), and every answer carries ``Vary: Origin``
    merged into the application's ``Vary: foo`` (README difference 1)."""
    spy = SpyApp()
    response = fetch(from_jub0bs(app=spy, **CREDENTIALED), origin, method)
    assert spy.calls == 1
    assert (response.code, response.body) == (200, b"bar")
    assert response.cors() == cors
    assert vary(response) == {"foo", "Origin"}


@pytest.mark.parametrize(
    ("origin", "method", "requested", "private_network", "granted"),
    [
        (LOCAL, "GET", None, None, True),
        (LOCAL, "PURGE", None, None, True),
        (LOCAL, "PURGE", "content-type", None, False),
        (LOCAL, "PURGE", "authorization", None, True),
        (LOCAL, "PURGE", ",,authorization,,", None, True),
        (LOCAL, "PURGE", "authorization" + "," * 17, None, True),
        (LOCAL, "PURGE", [*EMPTY_16, "authorization"], None, True),
        (LOCAL, "PURGE", [*EMPTY_17, "authorization"], None, True),
        (DISALLOWED, "GET", None, None, False),
        (INVALID, "GET", None, None, False),
        (LOCAL, "PUT", None, None, False),
        (DISALLOWED, "PUT", None, None, False),
        (LOCAL, "GET", "bar,baz,foo", None, False),
        ("https://example.org", "GET", "bar,baz,foo", None, False),
        (LOCAL, "GET", None, "true", True),
        (LOCAL, "PUT", "bar,baz,foo", "true", False),
        (DISALLOWED, "GET", None, "true", False),
        (DISALLOWED, "PUT", "bar,baz,foo", "true", False),
    ],
)
def test_jub0bs_middleware_credentialed_preflight(
    origin: str,
    method: str,
    requested: Sequence[str] | str | None,
    private_network: str | None,
    granted: bool,
) -> None:
    """Ports jub0bs's ``TestMiddleware``, "credentialed" configuration, its preflights:
    answered without calling the application (README difference 6). Where jub0bs
    refuses: more than 16 empty elements or field lines in the requested headers
    (wsgi-cors bounds the value at 4096 characters instead, README difference 2; empty
    elements are no names); a private-network preflight while ``allow_private_network``
    is off, which wsgi-cors answers without ``Access-Control-Allow-Private-Network``,
    so the browser fails it just the same (docs/configuration.rst,
    'allow_private_network')."""
    spy = SpyApp()
    response = preflight(
        from_jub0bs(app=spy, **CREDENTIALED), origin, method, requested, private_network
    )
    assert spy.calls == 0
    if granted:
        assert response.code == 204
        assert response.cors() == CREDENTIALED_GRANT
        assert vary(response) == {"Origin"}
    else:
        assert_denied(response)


@pytest.mark.parametrize(
    "requested",
    [
        "bar,baz,foo",
        "bar , baz , foo ",
        "bar,baz,foo" + "," * 16,
        "bar,baz,foo" + "," * 17,
        [*EMPTY_16, "bar,baz,foo"],
        [*EMPTY_17, "bar,baz,foo"],
        ",".join(f"x-h{i}" for i in range(500)),
    ],
)
def test_jub0bs_middleware_credentialed_all_request_headers(requested: Sequence[str] | str) -> None:
    """Ports jub0bs's ``TestMiddleware``, "credentialed all req headers": every
    requested header is echoed, never ``*`` with credentials (docs/configuration.rst,
    'allow_headers'), empty elements, white space and hundreds of names included
    (under 4096 characters). jub0bs's rows with a tab beside the names
    ("some OWS", "too much OWS") are denied here: see
    :func:`test_tab_inside_request_headers_is_denied_tab_around_is_dropped`."""
    app = from_jub0bs(
        [LOCAL],
        credentialed=True,
        request_headers=["*"],
        max_age=30,
        response_headers=["X-Foo", "X-Bar"],
    )
    response = preflight(app, LOCAL, "GET", requested)
    assert response.code == 204
    assert response.cors() == {
        ACAO: LOCAL,
        ACAC: "true",
        ACAM: "GET, HEAD, POST",
        ACAH: as_delivered(requested),
        ACMA: "30",
        ACEH: "X-Foo, X-Bar",
    }
    tab = preflight(app, LOCAL, "GET", "bar , baz\t, foo")
    assert_denied(tab)


def test_jub0bs_middleware_private_network() -> None:
    """Ports jub0bs's ``TestMiddleware``, "PNA": a preflight with
    ``Access-Control-Request-Private-Network: true`` gets
    ``Access-Control-Allow-Private-Network: true`` (docs/configuration.rst,
    'allow_private_network'); any other value (``TRUE``, ``false``, empty) gets a preflight
    answer without it. No ``Access-Control-Allow-Headers``: none is allowed and none asked
    for."""
    app = from_jub0bs(
        [LOCAL], max_age=30, response_headers=["X-Foo", "X-Bar"], private_network=True
    )
    grant = {ACAO: LOCAL, ACAM: "GET, HEAD, POST", ACMA: "30", ACEH: "X-Foo, X-Bar"}
    assert preflight(app, LOCAL, "GET", private_network="true").cors() == {**grant, ACAPN: "true"}
    for value in ("TRUE", "false", ""):
        assert preflight(app, LOCAL, "GET", private_network=value).cors() == grant


@pytest.mark.parametrize("debug", [False, True])
def test_jub0bs_middleware_credentialed_no_request_headers(debug: bool) -> None:
    """Ports jub0bs's ``TestMiddleware``, "credentialed no req headers", "debug
    credentialed no req headers" and "debug credentialed some req headers": requested
    headers that are not allowed, or a method not allowed, deny the preflight. jub0bs's
    debug mode keeps ``Access-Control-Allow-Origin`` on such a denial so that the
    browser names the header at fault; wsgi-cors's ``debug=True`` puts the reason in
    the ``403``'s body instead, with no ``Access-Control-*`` header
    (docs/configuration.rst, 'debug')."""
    for headers in ([], ["Authorization"]):
        app = from_jub0bs(
            [LOCAL],
            credentialed=True,
            request_headers=headers,
            max_age=30,
            response_headers=["X-Foo", "X-Bar"],
            debug=debug,
        )
        for method, requested, reason in (
            ("GET", "bar,baz,foo", b"'bar'"),
            ("PUT", None, b"'PUT'"),
        ):
            response = preflight(app, LOCAL, method, requested)
            assert_denied(response)
            assert (reason in response.body) is debug


def test_jub0bs_middleware_all_request_headers_other_than_authorization() -> None:
    """Ports jub0bs's ``TestMiddleware``, "all req headers other than Authorization":
    every origin, method, request and response header. jub0bs answers ``*`` in
    ``Access-Control-Allow-Methods`` and ``-Allow-Headers``; wsgi-cors echoes the
    method and the requested headers (docs/configuration.rst, 'allow_methods' and
    'allow_headers': ``"*"`` echoes; never the literal ``*`` for requested headers,
    docs/security.rst "Authorization and the wildcard"), and
    sends no ``Vary`` (the policy does not vary by origin: README difference 1)."""
    app = from_jub0bs(
        ["*"], methods=["*"], request_headers=["*"], max_age=30, response_headers=["*"], debug=True
    )
    response = preflight(app, LOCAL, "PURGE", "content-type")
    assert response.code == 204
    assert response.cors() == {
        ACAO: "*",
        ACAM: "PURGE",
        ACAH: "content-type",
        ACMA: "30",
        ACEH: "*",
    }
    assert vary(response) == set()


@pytest.mark.parametrize(
    ("origin", "method", "requested", "private_network", "cors"),
    [
        (LOCAL, "GET", None, None, {ACAO: "*", ACAM: "GET", ACAH: "*", ACMA: "30"}),
        (LOCAL, "PURGE", None, None, {ACAO: "*", ACAM: "PURGE", ACAH: "*", ACMA: "30"}),
        (
            LOCAL,
            "PURGE",
            "content-type",
            None,
            {ACAO: "*", ACAM: "PURGE", ACAH: "content-type", ACMA: "30"},
        ),
        (INVALID, "GET", None, None, {ACAO: "*", ACAM: "GET", ACAH: "*", ACMA: "30"}),
        (LOCAL, "PUT", None, None, {ACAO: "*", ACAM: "PUT", ACAH: "*", ACMA: "30"}),
        (
            LOCAL,
            "GET",
            "bar,baz,foo",
            None,
            {ACAO: "*", ACAM: "GET", ACAH: "bar,baz,foo", ACMA: "30"},
        ),
        (LOCAL, "GET", None, "true", {ACAO: "*", ACAM: "GET", ACAH: "*", ACMA: "30"}),
        (
            LOCAL,
            "PUT",
            "bar,baz,foo",
            "true",
            {ACAO: "*", ACAM: "PUT", ACAH: "bar,baz,foo", ACMA: "30"},
        ),
    ],
)
def test_jub0bs_middleware_debug_allow_all_preflight(
    origin: str,
    method: str,
    requested: str | None,
    private_network: str | None,
    cors: dict[str, str],
) -> None:
    """Ports jub0bs's ``TestMiddleware``, "debug allow all", its preflights
    (``RequestHeaders: Authorization, *`` is ``allow_headers="*"`` here, which echoes
    ``authorization`` too). Where jub0bs answers ``*`` for the method and for
    requested headers, wsgi-cors echoes them (docs/configuration.rst, 'allow_methods'
    and 'allow_headers'); a preflight asking for no header
    gets Falcon's ``*``. Where jub0bs refuses: an invalid origin, which gets ``*`` here
    (README difference 4: with ``"*"`` it gets ``*``, never reflected), and a
    private-network preflight while the option is off, answered without
    ``Access-Control-Allow-Private-Network``, which the browser fails all the same."""
    spy = SpyApp()
    app = from_jub0bs(
        ["*"],
        methods=["*"],
        request_headers=["Authorization", "*"],
        max_age=30,
        response_headers=["*"],
        debug=True,
        app=spy,
    )
    response = preflight(app, origin, method, requested, private_network)
    assert spy.calls == 0
    assert response.code == 204
    assert response.cors() == {**cors, ACEH: "*"}
    assert vary(response) == set()


@pytest.mark.parametrize("method", ["GET", "OPTIONS"])
@pytest.mark.parametrize("origin", [None, LOCAL, INVALID])
def test_jub0bs_middleware_debug_allow_all_actual(method: str, origin: str | None) -> None:
    """Ports jub0bs's ``TestMiddleware``, "debug allow all", its actual requests: ``*``
    and every header exposed, with or without ``Origin`` (README difference 5, as
    jub0bs does), an invalid origin included (difference 4); no ``Vary: Origin``
    (difference 1), where jub0bs varies a plain ``OPTIONS`` on the preflight headers."""
    spy = SpyApp()
    app = from_jub0bs(
        ["*"],
        methods=["*"],
        request_headers=["*"],
        max_age=30,
        response_headers=["*"],
        debug=True,
        app=spy,
    )
    response = fetch(app, origin, method)
    assert spy.calls == 1
    assert response.cors() == {ACAO: "*", ACEH: "*"}
    assert vary(response) == {"foo"}


def test_jub0bs_middleware_credentialed_allow_some() -> None:
    """Ports jub0bs's ``TestMiddleware``, "credentialed allow some": an exact origin
    with a port and a subdomain pattern without one. The origin on another port, and a
    subdomain on a port the pattern does not name, are not allowed; the granted
    preflight lists the allowed headers as configured."""
    app = from_jub0bs(
        ["https://example.com:8080", "https://*.example.com"],
        credentialed=True,
        methods=["GET", "POST", "PUT", "DELETE"],
        request_headers=["Foo", "Bar", "Baz", "Qux", "Quux"],
        max_age=30,
        response_headers=["X-Foo", "X-Bar"],
    )
    allowed = {ACAO: "https://example.com:8080", ACAC: "true", ACEH: "X-Foo, X-Bar"}
    assert fetch(app).cors() == {}
    assert fetch(app, None, "OPTIONS").cors() == {}
    for method in ("GET", "OPTIONS"):
        assert fetch(app, "https://example.com:8080", method).cors() == allowed
        assert fetch(app, INVALID, method).cors() == {}
    assert fetch(app, "https://example.com:6060").cors() == {}
    assert fetch(app, "https://foo.example.com:8080", "OPTIONS").cors() == {}
    assert preflight(app, "https://example.com:8080", "GET", "bar,baz,foo").cors() == {
        ACAO: "https://example.com:8080",
        ACAC: "true",
        ACAM: "GET, HEAD, POST, PUT, DELETE",
        ACAH: "Foo, Bar, Baz, Qux, Quux",
        ACMA: "30",
        ACEH: "X-Foo, X-Bar",
    }


def test_jub0bs_middleware_outer_vary_middleware() -> None:
    """Ports jub0bs's ``TestMiddleware``, "outer Vary middleware": a middleware around
    wsgi-cors adds ``Vary: before``; the application's ``Vary: foo`` and the
    ``Vary: Origin`` wsgi-cors merges in (README difference 1) are all kept, on actual
    requests and on preflights (which the application never sees). A private-network
    preflight while the option is off is answered without
    ``Access-Control-Allow-Private-Network`` (docs/configuration.rst,
    'allow_private_network'), where jub0bs refuses it: the
    browser fails it either way."""

    def outer(app: WSGIApp) -> WSGIApp:
        def wrapped(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
                return start_response(status, [("Vary", "before"), *headers], exc_info)

            return app(environ, start)

        return wrapped

    app = outer(from_jub0bs([LOCAL]))
    for origin in (None, LOCAL, DISALLOWED, INVALID):
        for method in ("GET", "OPTIONS"):
            response = fetch(app, origin, method)
            assert vary(response) == {"before", "foo", "Origin"}
            assert response.cors() == ({ACAO: LOCAL} if origin == LOCAL else {})
    for private_network in (None, "true"):
        granted = preflight(app, LOCAL, "GET", private_network=private_network)
        assert granted.cors() == {ACAO: LOCAL, ACAM: "GET, HEAD, POST"}
        assert vary(granted) == {"before", "Origin"}
    for origin, method, requested, private_network in (
        (LOCAL, "PURGE", None, None),
        (LOCAL, "PURGE", "content-type", None),
        (DISALLOWED, "GET", None, None),
        (INVALID, "GET", None, None),
        (LOCAL, "PUT", None, None),
        (DISALLOWED, "PUT", None, None),
        (LOCAL, "GET", "bar,baz,foo", None),
        ("https://example.org", "GET", "bar,baz,foo", None),
        (LOCAL, "PUT", "bar,baz,foo", "true"),
        (DISALLOWED, "GET", None, "true"),
        (DISALLOWED, "PUT", "bar,baz,foo", "true"),
    ):
        response = preflight(app, origin, method, requested, private_network)
        assert (response.code, response.cors()) == (403, {})
        assert vary(response) == {"before", "Origin"}


@pytest.mark.parametrize("origin", ["https://barfoo.com", "https://foobar.com"])
def test_jub0bs_middleware_ghsa_vhxv_fg4m_p2w8(origin: str) -> None:
    """Ports jub0bs's ``TestMiddleware``, "regression tests for GHSA-vhxv-fg4m-p2w8":
    with ``https://foo.com`` and ``https://bar.com`` allowed, origins made of their
    pieces are not (exact origins are compared whole: docs/security.rst, "Suffix and
    prefix matching"), on actual requests and on every kind of preflight."""
    app = from_jub0bs(["https://foo.com", "https://bar.com"])
    for method in ("GET", "OPTIONS"):
        response = fetch(app, origin, method)
        assert response.cors() == {}
        assert "Origin" in vary(response)
    for method, requested, private_network in (
        ("GET", None, None),
        ("PUT", None, None),
        ("GET", "bar,baz,foo", None),
        ("GET", None, "true"),
        ("PUT", "bar,baz,foo", "true"),
    ):
        assert_denied(preflight(app, origin, method, requested, private_network))


def test_jub0bs_middleware_non_http_scheme() -> None:
    """Ports jub0bs's ``TestMiddleware``, "insecure origin with non-HTTP scheme": an
    origin with a scheme of its own (``connector://``) is allowed with credentials, as
    listed (docs/configuration.rst, "The options"); the same host on a port, or with a
    path, is not; a preflight asking for headers none of which is allowed is denied."""
    app = from_jub0bs(["connector://example.com"], credentialed=True)
    allowed = {ACAO: "connector://example.com", ACAC: "true"}
    for method in ("GET", "OPTIONS"):
        assert fetch(app, None, method).cors() == {}
        assert fetch(app, "connector://example.com", method).cors() == allowed
        assert fetch(app, "connector://example.com:6060", method).cors() == {}
        assert fetch(app, "connector://example.com:8080", method).cors() == {}
        assert fetch(app, "connector://example.com/index.html", method).cors() == {}
    assert_denied(preflight(app, "connector://example.com", "GET", "bar,baz,foo"))


def test_jub0bs_middleware_arbitrary_ports() -> None:
    """Ports jub0bs's ``TestMiddleware``, "arbitrary subdomains of depth one or more and
    arbitrary ports" (``http://*.example.com:*``): wsgi-cors has no port wildcard and
    refuses the pattern (docs, "Validation"); ``allow_origin_regex``, matched against
    the whole origin (docs/configuration.rst, 'allow_origin_regex'), says the same and
    gives jub0bs's answers."""
    assert refused(allow_origins=["http://*.example.com:*"]) == ["allow_origins"]
    app = CORSMiddleware(
        SpyApp(),
        allow_origin_regex=r"http://([a-z0-9-]+\.)+example\.com(:[0-9]+)?",
        allow_methods=["GET", "HEAD", "POST"],
        allow_headers=[],
        max_age=None,
    )
    for origin in (
        "http://foo.example.com",
        "http://foo.example.com:6060",
        "http://bar.foo.example.com",
        "http://bar.foo.example.com:8080",
    ):
        assert fetch(app, origin).cors() == {ACAO: origin}
    assert fetch(app, "http://example.com").cors() == {}
    assert_denied(preflight(app, "http://foo.example.com", "GET", "bar,baz,foo"))


# == rs/cors: cors_test.go, utils_test.go =================================================

FOOBAR = "http://foobar.com"


def from_rs(
    app: WSGIApp | None = None,
    *,
    allowed_origins: Sequence[str] | None = None,
    allow_origin_func: Callable[[str], bool] | None = None,
    allowed_methods: Sequence[str] | None = None,
    allowed_headers: Sequence[str] | None = None,
    exposed_headers: Sequence[str] | None = None,
    allow_credentials: bool = False,
    allow_private_network: bool = False,
    max_age: int = 0,
    options_passthrough: bool = False,
) -> CORSMiddleware:
    """rs/cors's ``Options`` as our options (module docstring): every origin, and the
    methods GET, HEAD and POST, by default; allowed headers not given echo the
    requested ones (rs/cors allows a default list of them)."""
    origins: Any = "*" if allowed_origins in (None, ["*"]) else list(allowed_origins)
    if allow_origin_func is not None:
        origins = allow_origin_func
    methods: Any = ["GET", "HEAD", "POST"] if allowed_methods is None else list(allowed_methods)
    return CORSMiddleware(
        SpyApp() if app is None else app,
        allow_origins=origins,
        allow_credentials="*" if allow_credentials else None,
        allow_methods=None if options_passthrough else methods,
        allow_headers="*" if allowed_headers == ["*"] else (allowed_headers or None),
        expose_headers=exposed_headers,
        allow_private_network=allow_private_network,
        max_age={0: None, -1: 0}.get(max_age, max_age),
    )


def starts_with_http_foo(origin: str) -> bool:
    return re.match("^http://foo", origin) is not None


RS_SPEC = [
    # (rs/cors case, options, method, request headers, expected CORS headers, Vary lists Origin)
    ("NoConfig", {}, "GET", {}, {ACAO: "*"}, False),
    ("MatchAllOrigin", {"allowed_origins": ["*"]}, "GET", {"Origin": FOOBAR}, {ACAO: "*"}, False),
    (
        "AllowedOrigin",
        {"allowed_origins": [FOOBAR]},
        "GET",
        {"Origin": FOOBAR},
        {ACAO: FOOBAR},
        True,
    ),
    (
        "WildcardOrigin",
        {"allowed_origins": ["http://*.bar.com"]},
        "GET",
        {"Origin": "http://foo.bar.com"},
        {ACAO: "http://foo.bar.com"},
        True,
    ),
    (
        "DisallowedOrigin",
        {"allowed_origins": [FOOBAR]},
        "GET",
        {"Origin": "http://barbaz.com"},
        {},
        True,
    ),
    (
        "DisallowedWildcardOrigin",
        {"allowed_origins": ["http://*.bar.com"]},
        "GET",
        {"Origin": "http://foo.baz.com"},
        {},
        True,
    ),
    (
        "AllowedOriginFuncMatch",
        {"allow_origin_func": starts_with_http_foo},
        "GET",
        {"Origin": FOOBAR},
        {ACAO: FOOBAR},
        True,
    ),
    (
        "MaxAge",
        {"allowed_origins": ["http://example.com"], "allowed_methods": ["GET"], "max_age": 10},
        "OPTIONS",
        {"Origin": "http://example.com", "Access-Control-Request-Method": "GET"},
        {ACAO: "http://example.com", ACAM: "GET", ACAH: "*", ACMA: "10"},
        True,
    ),
    (
        "MaxAgeNegative",
        {"allowed_origins": ["http://example.com"], "allowed_methods": ["GET"], "max_age": -1},
        "OPTIONS",
        {"Origin": "http://example.com", "Access-Control-Request-Method": "GET"},
        {ACAO: "http://example.com", ACAM: "GET", ACAH: "*", ACMA: "0"},
        True,
    ),
    (
        "AllowedMethod",
        {"allowed_origins": [FOOBAR], "allowed_methods": ["PUT", "DELETE"]},
        "OPTIONS",
        {"Origin": FOOBAR, "Access-Control-Request-Method": "PUT"},
        {ACAO: FOOBAR, ACAM: "PUT, DELETE", ACAH: "*"},
        True,
    ),
    (
        "AllowedHeaders",
        {
            "allowed_origins": [FOOBAR],
            "allowed_headers": ["X-Header-1", "x-header-2", "X-HEADER-3"],
        },
        "OPTIONS",
        {
            "Origin": FOOBAR,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-header-1,x-header-2",
        },
        {ACAO: FOOBAR, ACAM: "GET, HEAD, POST", ACAH: "X-Header-1, x-header-2, X-HEADER-3"},
        True,
    ),
    (
        "DefaultAllowedHeaders",
        {"allowed_origins": [FOOBAR], "allowed_headers": []},
        "OPTIONS",
        {
            "Origin": FOOBAR,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-requested-with",
        },
        {ACAO: FOOBAR, ACAM: "GET, HEAD, POST", ACAH: "x-requested-with"},
        True,
    ),
    (
        "AllowedWildcardHeader",
        {"allowed_origins": [FOOBAR], "allowed_headers": ["*"]},
        "OPTIONS",
        {
            "Origin": FOOBAR,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-header-1,x-header-2",
        },
        {ACAO: FOOBAR, ACAM: "GET, HEAD, POST", ACAH: "x-header-1,x-header-2"},
        True,
    ),
    (
        "OriginHeader",
        {"allowed_origins": [FOOBAR]},
        "OPTIONS",
        {
            "Origin": FOOBAR,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "origin",
        },
        {ACAO: FOOBAR, ACAM: "GET, HEAD, POST", ACAH: "origin"},
        True,
    ),
    (
        "ExposedHeader",
        {"allowed_origins": [FOOBAR], "exposed_headers": ["X-Header-1", "x-header-2"]},
        "GET",
        {"Origin": FOOBAR},
        {ACAO: FOOBAR, ACEH: "X-Header-1, x-header-2"},
        True,
    ),
    (
        "AllowedCredentials",
        {"allowed_origins": [FOOBAR], "allow_credentials": True},
        "OPTIONS",
        {"Origin": FOOBAR, "Access-Control-Request-Method": "GET"},
        {ACAO: FOOBAR, ACAC: "true", ACAM: "GET, HEAD, POST"},
        True,
    ),
    (
        "AllowedPrivateNetwork",
        {"allowed_origins": [FOOBAR], "allow_private_network": True},
        "OPTIONS",
        {
            "Origin": FOOBAR,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Private-Network": "true",
        },
        {ACAO: FOOBAR, ACAM: "GET, HEAD, POST", ACAH: "*", ACAPN: "true"},
        True,
    ),
    (
        "DisallowedPrivateNetwork",
        {"allowed_origins": [FOOBAR]},
        "OPTIONS",
        {
            "Origin": FOOBAR,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-PrivateNetwork": "true",
        },
        {ACAO: FOOBAR, ACAM: "GET, HEAD, POST", ACAH: "*"},
        True,
    ),
    (
        "OptionPassthrough",
        {"options_passthrough": True},
        "OPTIONS",
        {"Origin": FOOBAR, "Access-Control-Request-Method": "GET"},
        {ACAO: "*", ACAM: "GET, PUT, OPTIONS", ACAH: "*"},
        False,
    ),
    (
        "NonPreflightOptions",
        {"allowed_origins": [FOOBAR]},
        "OPTIONS",
        {"Origin": FOOBAR},
        {ACAO: FOOBAR},
        True,
    ),
    (
        "MultipleACRHHeaders",
        {"allowed_origins": [FOOBAR], "allowed_headers": ["Content-Type", "Authorization"]},
        "OPTIONS",
        {
            "Origin": FOOBAR,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": as_delivered(["authorization", "content-type"]),
        },
        {ACAO: FOOBAR, ACAM: "GET, HEAD, POST", ACAH: "Content-Type, Authorization"},
        True,
    ),
    (
        "MultipleACRHHeadersWithOWSAndEmptyElements",
        {"allowed_origins": [FOOBAR], "allowed_headers": ["Content-Type", "Authorization"]},
        "OPTIONS",
        {
            "Origin": FOOBAR,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": as_delivered(
                ["authorization\t", " ", " content-type"]
            ),
        },
        {ACAO: FOOBAR, ACAM: "GET, HEAD, POST", ACAH: "Content-Type, Authorization"},
        True,
    ),
]


@pytest.mark.parametrize(
    ("case", "options", "method", "headers", "cors", "varies"),
    RS_SPEC,
    ids=[row[0] for row in RS_SPEC],
)
def test_rs_spec(
    case: str,
    options: dict[str, Any],
    method: str,
    headers: dict[str, str],
    cors: dict[str, str],
    varies: bool,
) -> None:
    """Ports rs/cors's ``TestSpec`` (cors_test.go), the cases with an equivalent (the
    ``OriginHeader`` case is from the older version of the file). Where wsgi-cors
    answers differently on purpose: ``*`` without ``Origin`` (README difference 5) and
    no ``Vary`` for the ``*`` policy (difference 1), where rs/cors always varies on
    ``Origin``; ``Access-Control-Allow-Headers: *`` on a preflight that asks for no
    header (Falcon's answer, docs/security.rst, 'Authorization and the wildcard'); the
    allowed methods and headers as configured; exposed headers as written (rs/cors
    re-cases them); a pass-through preflight's methods from the application's ``Allow``
    (docs/configuration.rst, 'allow_methods'). The
    request-aware callables of rs/cors (``AllowOriginRequestFuncMatch``,
    ``AllowOriginRequestFuncNotMatch``, ``AllowOriginVaryRequestFuncMatch``) have no
    equivalent: a callable here is asked about the origin only (README, 'Origins decided
    by a function')."""
    spy = SpyApp()
    app = from_rs(plain_app if options.get("options_passthrough") else spy, **options)
    response = call(app, method, "/", list(headers.items()))
    assert response.cors() == cors
    assert ("Origin" in vary(response)) is varies
    preflight_answered = method == "OPTIONS" and "Access-Control-Request-Method" in headers
    if preflight_answered and not options.get("options_passthrough"):
        assert (response.code, spy.calls) == (204, 0)


@pytest.mark.parametrize(
    ("case", "options", "origin", "requested"),
    [
        ("DisallowedMethod", {"allowed_methods": ["PUT", "DELETE"]}, FOOBAR, None),
        (
            "DisallowedHeader",
            {"allowed_headers": ["X-Header-1", "x-header-2"]},
            FOOBAR,
            "x-header-1,x-header-3",
        ),
        ("TestHandlePreflightInvalidOriginAbortion", {}, "http://example.com", None),
    ],
)
def test_rs_denied_preflights(
    case: str, options: dict[str, Any], origin: str, requested: str | None
) -> None:
    """Ports rs/cors's ``TestSpec`` cases ``DisallowedMethod`` and ``DisallowedHeader``, and
    ``TestHandlePreflightInvalidOriginAbortion``: a method, a header or an origin not
    allowed denies the preflight; wsgi-cors answers ``403`` (README difference 6), rs/cors
    ``204``, both without ``Access-Control-Allow-Origin``."""
    method = "PATCH" if case == "DisallowedMethod" else "GET"
    app = from_rs(allowed_origins=["http://foo.com" if "Origin" in case else FOOBAR], **options)
    assert_denied(preflight(app, origin, method, requested))


def test_rs_any_origin_with_credentials() -> None:
    """Ports rs/cors's ``TestSpec`` case ``MatchAllOriginWithCredentials`` and the
    ``Credentials`` case of ``TestOriginStructureOverrides``: rs/cors answers ``*`` with
    ``Access-Control-Allow-Credentials: true``, which browsers refuse. wsgi-cors refuses
    the configuration (README difference 7); opted into, it reflects a valid origin with
    credentials, and answers ``*`` without credentials to a value that is not one
    (difference 4)."""
    assert refused(allow_origins="*", allow_credentials="*") == ["allow_credentials"]
    with pytest.warns(CORSSecurityWarning):
        app = CORSMiddleware(
            SpyApp(),
            allow_credentials="*",
            dangerously_allow_any_origin_with_credentials=True,
        )
    assert fetch(app, FOOBAR).cors() == {ACAO: FOOBAR, ACAC: "true"}
    junk = "HTTPS://github.com,https://test.example.com"
    assert fetch(app, junk).cors() == {ACAO: "*"}
    assert preflight(app, junk).cors() == {ACAO: "*", ACAM: "GET", ACAH: "*", ACMA: "86400"}


def test_rs_allowed_origins_plus_allow_origin_func() -> None:
    """Ports rs/cors's ``TestSpec`` case ``AllowedOriginsPlusAllowOriginFunc``: ``*``
    beside a function that allows everything reflects the origin. ``"*"`` inside a list
    is refused here (docs, "Validation"); the function alone reflects it."""
    assert refused(allow_origins=["*", lambda origin: True]) == ["allow_origins"]
    app = CORSMiddleware(SpyApp(), allow_origins=lambda origin: True)
    assert fetch(app, FOOBAR).cors() == {ACAO: FOOBAR}


WILDCARD_STRUCTURE = [
    # (rs/cors case, pattern, Origin, allowed)
    (
        "CommaSeparated",
        "https://*.example.com",
        "https://github.com,https://test.example.com",
        False,
    ),
    (
        "CommaSpaceSeparated",
        "https://*.example.com",
        "https://github.com, https://test.example.com",
        False,
    ),
    (
        "SpaceSeparated",
        "https://*.example.com",
        "https://github.com https://test.example.com",
        False,
    ),
    (
        "ThreeOrigins",
        "https://*.example.com",
        "https://a.example.com,https://b.example.com,https://c.example.com",
        False,
    ),
    ("Userinfo", "https://*.example.com", "https://user@foo.example.com", False),
    ("Path", "https://*.example.com", "https://other.com/foo.example.com", False),
    ("Query", "https://*.example.com", "https://other.com?foo.example.com", False),
    ("Fragment", "https://*.example.com", "https://other.com#foo.example.com", False),
    ("Backslash", "https://*.example.com", "https://other.com\\foo.example.com", False),
    ("Space", "https://*.example.com", "https://foo .example.com", False),
    ("Tab", "https://*.example.com", "https://foo\t.example.com", False),
    ("CR", "https://*.example.com", "https://foo\r.example.com", False),
    ("LF", "https://*.example.com", "https://foo\n.example.com", False),
    ("FormFeed", "https://*.example.com", "https://foo\f.example.com", False),
    ("VerticalTab", "https://*.example.com", "https://foo\v.example.com", False),
    ("Host", "https://*.example.com", "https://foo.example.com", True),
    ("NestedHost", "https://*.example.com", "https://foo.bar.example.com", True),
    ("Port", "https://*.example.com:8443", "https://foo.example.com:8443", True),
    ("Punycode", "https://*.example.com", "https://xn--maraa-rta.example.com", True),
    ("CustomScheme", "my-app://*.example.com", "my-app://foo.example.com", True),
    ("CommaHost", "https://*.example.com", "https://foo,bar.example.com", False),
    ("WrongScheme", "https://*.example.com", "http://foo.example.com", False),
    ("WrongHost", "https://*.example.com", "https://foo.other.com", False),
    ("WrongPort", "https://*.example.com:8443", "https://foo.example.com:443", False),
    ("NoDefaultPortNormalization", "https://*.example.com", "https://foo.example.com:443", False),
    ("NoTrailingDotNormalization", "https://*.example.com", "https://foo.example.com.", False),
    ("Empty", "https://*.example.com", None, False),
]


@pytest.mark.parametrize("credentials", [False, True], ids=["anonymous", "credentials"])
@pytest.mark.parametrize(
    ("case", "pattern", "origin", "allowed"),
    WILDCARD_STRUCTURE,
    ids=[row[0] for row in WILDCARD_STRUCTURE],
)
def test_rs_wildcard_origin_structure(
    case: str, pattern: str, origin: str | None, allowed: bool, credentials: bool
) -> None:
    """Ports rs/cors's ``TestWildcardOriginStructure`` (cors_test.go), the patterns
    wsgi-cors accepts, on an actual ``GET`` and a preflight, with and without credentials: a
    subdomain pattern allows whole labels on its scheme and port only (docs/security.rst,
    'Suffix and prefix matching'), never a value with a separator, user info, path, white
    space or control character in it. rs/cors allows ``https://foo,bar.example.com``
    (``CommaHost``); wsgi-cors never reflects a value with a comma, which is what several
    origins in one header look like (docs/security.rst "Header injection and hostile
    requests": only syntactically valid serialized origins are reflected)."""
    app = CORSMiddleware(
        SpyApp(), allow_origins=[pattern], allow_credentials="*" if credentials else None
    )
    want = {}
    if allowed:
        assert origin is not None
        want = {ACAO: origin, **({ACAC: "true"} if credentials else {})}
    actual = call(app, "GET", "/", [] if origin is None else [("Origin", origin)])
    assert actual.cors() == want
    assert vary(actual) == {"foo", "Origin"}
    if origin is None:
        return
    answer = preflight(app, origin, "GET")
    if allowed:
        assert answer.code == 204
        # Falcon's "*" when no header is asked for, left out with credentials
        # (docs/security.rst, 'Authorization and the wildcard').
        star = {} if credentials else {ACAH: "*"}
        assert answer.cors() == {**want, ACAM: "GET", ACMA: "86400", **star}
    else:
        assert_denied(answer)


@pytest.mark.parametrize(
    ("case", "pattern"),
    [
        ("MissingScheme", "*://example.com"),
        ("MissingSeparator", "example.*"),
        ("MissingAuthority", "https://*"),
        ("EmptySubstitution", "https://foo*.example.com"),
        ("Case", "HTTPS://*.EXAMPLE.COM"),
        ("DefaultPort", "https://*.example.com:443"),
        ("IPv4", "http://127.*:8080"),
        ("IPv6", "http://[2001:db8::*]"),
        ("IPv6Port", "http://[::1]:*"),
        ("Null", "n*"),
        ("TrailingDot", "https://*.example.com."),
    ],
)
def test_rs_wildcard_origin_structure_patterns_refused(case: str, pattern: str) -> None:
    """Ports the other patterns of rs/cors's ``TestWildcardOriginStructure``, which
    rs/cors takes as globs: wsgi-cors refuses each at construction (docs, "Validation":
    a ``*`` only as a whole leading label of a registrable domain, lower case, no
    default port); ``allow_origin_regex`` expresses the rest. ``TrailingDot`` is
    refused as the likelier full stop (``tests/test_validation.py`` shows the dotted
    origin allowed by ``allow_origin_regex`` or a function)."""
    assert refused(allow_origins=[pattern]) == ["allow_origins"]


def test_rs_origin_structure_overrides() -> None:
    """Ports rs/cors's ``TestOriginStructureOverrides`` (cors_test.go). Exact entries:
    ``null`` listed is reflected (README difference 4); several origins in one string, a
    bare phrase and the empty string are refused (difference 8), where rs/cors compares them
    as written. ``Default``, ``Star`` and ``AllowAll`` answer ``*`` to a junk ``Origin``
    (difference 4) and, without ``Origin``, ``*`` too (difference 5) where rs/cors adds
    nothing; ``MixedStar`` (``*`` in a list) is refused. The ``Origin`` callback case: a
    callable in ``allow_credentials`` beside ``"*"`` is never asked about a junk value
    (README, 'Origins decided by a function'), which gets ``*`` without credentials, where
    rs/cors asks it and reflects the junk with credentials; the ``Request`` and
    ``VaryRequest`` callbacks take the request and have no equivalent."""
    junk = "HTTPS://github.com,https://test.example.com"
    app = CORSMiddleware(SpyApp(), allow_origins=["https://*.example.com", "null"])
    assert fetch(app, "null").cors() == {ACAO: "null"}
    for exact in (junk, "custom origin", ""):
        assert refused(allow_origins=["https://*.example.com", exact]) == ["allow_origins"]
    assert refused(allow_origins=["https://*.example.com", "*"]) == ["allow_origins"]
    for made in (enable_cors(SpyApp()), from_rs(), from_rs(allowed_headers=["*"])):
        assert fetch(made, junk).cors() == {ACAO: "*"}
        assert fetch(made).cors() == {ACAO: "*"}
        assert preflight(made, junk).cors()[ACAO] == "*"
    asked: list[str] = []

    def decides(origin: str) -> bool:
        asked.append(origin)
        return True

    callback = CORSMiddleware(SpyApp(), allow_credentials=decides)
    assert fetch(callback, junk).cors() == {ACAO: "*"}
    assert preflight(callback, junk).cors() == {ACAO: "*", ACAM: "GET", ACAH: "*", ACMA: "86400"}
    assert asked == []
    assert fetch(callback, FOOBAR).cors() == {ACAO: FOOBAR, ACAC: "true"}
    assert asked == [FOOBAR]


@pytest.mark.parametrize("passthrough", [False, True], ids=["answered", "passthrough"])
@pytest.mark.parametrize("allowed", [True, False], ids=["allowed", "not-allowed"])
def test_rs_wildcard_origin_options(allowed: bool, passthrough: bool) -> None:
    """Ports rs/cors's ``TestWildcardOriginOptions`` (cors_test.go): a subdomain pattern
    with every option set. The actual ``GET`` reaches the application either way. The
    preflight is answered ``204`` here (rs/cors's ``OptionsSuccessStatus`` has no
    equivalent) or ``403`` when denied; passed through (``allow_methods=None``), the
    application's ``Allow`` becomes ``Access-Control-Allow-Methods`` and the exposed
    headers stay on the answer, as in Falcon (docs/configuration.rst, 'allow_methods'
    and 'expose_headers')."""
    origin = "https://foo.example.com"
    if not allowed:
        origin = "https://other.com," + origin
    spy = SpyApp()
    app = from_rs(
        plain_app if passthrough else spy,
        allowed_origins=["https://*.example.com"],
        allowed_headers=["X-Test"],
        exposed_headers=["X-Response"],
        allow_credentials=True,
        allow_private_network=True,
        max_age=60,
        options_passthrough=passthrough,
    )
    granted = {ACAO: origin, ACAC: "true"}
    actual = fetch(app, origin)
    assert actual.code == 200
    assert actual.cors() == ({**granted, ACEH: "X-Response"} if allowed else {})
    assert "Origin" in vary(actual)
    answer = preflight(app, origin, "GET", "x-test", "true")
    assert vary(answer) == {"Origin"}
    if not allowed:
        if passthrough:
            assert (answer.code, answer.cors()) == (200, {})
        else:
            assert_denied(answer)
        return
    tail = {ACAH: "X-Test", ACMA: "60", ACAPN: "true"}
    if passthrough:
        assert answer.code == 200
        assert answer.cors() == {**granted, ACEH: "X-Response", ACAM: "GET, PUT, OPTIONS", **tail}
    else:
        assert (answer.code, spy.calls) == (204, 1)
        assert answer.cors() == {**granted, ACEH: "X-Response", ACAM: "GET, HEAD, POST", **tail}


REQUEST_HEADER_FIELDS = [
    # (rs/cors case, field lines or None for none, denied by the explicit list)
    ("leading_empty", ["", "authorization", "content-type"], False),
    ("leading_empties", ["", "", "authorization"], False),
    ("nonempty", ["authorization"], False),
    ("empty", [""], False),
    ("all_empty", ["", ""], False),
    ("TestPreflightEmptyLeadingHeaderOverHTTP", ["", "authorization"], False),
    ("absent", None, False),
    ("denied_later", ["", "x-denied"], True),
]


@pytest.mark.parametrize("wildcard", [False, True], ids=["explicit", "wildcard"])
@pytest.mark.parametrize(
    ("case", "lines", "denied"),
    REQUEST_HEADER_FIELDS,
    ids=[row[0] for row in REQUEST_HEADER_FIELDS],
)
def test_rs_preflight_request_header_fields(
    case: str, lines: list[str] | None, denied: bool, wildcard: bool
) -> None:
    """Ports rs/cors's ``TestPreflightRequestHeaderFields`` and
    ``TestPreflightEmptyLeadingHeaderOverHTTP`` (cors_test.go): empty
    ``Access-Control-Request-Headers`` field lines, as a server joins them
    (:func:`as_delivered`), are no names. An explicit list grants with the list as
    configured and denies ``x-denied`` (``403`` here, rs/cors ``204`` without the
    allowing headers); ``"*"`` echoes the value as received, and sends ``*`` when it
    names no header (Falcon's answer; no credentials here). rs/cors's ``nil`` and
    ``empty_slice`` cases put the header in a Go map without a value, which is no
    field line on the wire: the ``absent`` case."""
    app = from_rs(allowed_headers=["*"] if wildcard else ["Authorization", "Content-Type"])
    response = preflight(app, FOOBAR, "GET", lines)
    if denied and not wildcard:
        assert_denied(response, vary_origin=False)
        return
    assert response.code == 204
    requested = as_delivered(lines)
    if not wildcard:
        expected = "Authorization, Content-Type"
    else:
        expected = requested if requested and requested.strip(",") else "*"
    assert response.cors() == {ACAO: "*", ACAM: "GET, HEAD, POST", ACAH: expected}


def test_rs_actual_requests_abortion() -> None:
    """Ports rs/cors's ``TestHandleActualRequestInvalidOriginAbortion`` and
    ``TestHandleActualRequestInvalidMethodAbortion`` (cors_test.go): an origin not
    allowed gets ``Vary: Origin`` only. rs/cors also denies an actual ``GET`` when
    ``AllowedMethods`` lacks it; here ``allow_methods`` governs preflights only
    (docs/configuration.rst, 'allow_methods'), and the Fetch standard's CORS check of an
    actual response does not look at the method: the ``GET`` is granted. (rs/cors's
    any-origin-with-credentials there is listed origins with credentials here,
    README difference 7.)"""
    denied = fetch(from_rs(allowed_origins=["http://foo.com"]), "http://example.com")
    assert (denied.cors(), vary(denied)) == ({}, {"foo", "Origin"})
    app = from_rs(
        allowed_origins=["http://example.com"], allowed_methods=["POST"], allow_credentials=True
    )
    assert fetch(app, "http://example.com").cors() == {ACAO: "http://example.com", ACAC: "true"}


def test_rs_method_allowed() -> None:
    """Ports rs/cors's ``TestIsMethodAllowedReturnsFalseWithNoMethods`` and
    ``TestIsMethodAllowedReturnsTrueWithOptions`` (cors_test.go): with no method
    allowed (``allow_methods=[]``) every preflight is denied, and an empty
    ``Access-Control-Request-Method`` makes no preflight at all (Fetch standard,
    "CORS-preflight request"; docs/api.rst, ``preflight_method``: a non-empty one does),
    so the application answers. rs/cors always allows ``OPTIONS``; here a
    list must name it (Fetch: ``OPTIONS`` is no CORS-safelisted method, so the browser
    needs it in ``Access-Control-Allow-Methods``), and ``"*"`` allows it."""
    none = from_rs(allowed_methods=[])
    assert_denied(preflight(none, FOOBAR, "GET"), vary_origin=False)
    spy = SpyApp()
    empty = preflight(from_rs(spy, allowed_methods=[]), FOOBAR, "")
    assert (empty.code, spy.calls) == (200, 1)
    assert_denied(preflight(from_rs(), FOOBAR, "OPTIONS"), vary_origin=False)
    any_method = CORSMiddleware(SpyApp(), allow_methods="*")
    assert preflight(any_method, FOOBAR, "OPTIONS").cors()[ACAM] == "OPTIONS"


def test_rs_options_success_status_without_origin() -> None:
    """Ports rs/cors's ``TestOptionsSuccessStatusCodeDefault`` (cors_test.go): an
    ``OPTIONS`` with ``Access-Control-Request-Method`` but no ``Origin`` gets ``204``
    from rs/cors. It is no CORS-preflight request (Fetch standard, "CORS request": one
    has ``Origin``; docs/api.rst, ``preflight_method``), so the
    application answers it here, with ``*`` added (README difference 5)."""
    spy = SpyApp()
    response = preflight(from_rs(spy), None, "GET")
    assert (response.code, spy.calls) == (200, 1)
    assert response.cors() == {ACAO: "*"}


@pytest.mark.parametrize(("exposed", "present"), [(None, False), (["X-Something"], True)])
def test_rs_expose_headers_presence(exposed: list[str] | None, present: bool) -> None:
    """Ports rs/cors's ``TestAccessControlExposeHeadersPresence`` (cors_test.go):
    ``Access-Control-Expose-Headers`` only when headers are exposed."""
    response = fetch(from_rs(exposed_headers=exposed), FOOBAR)
    assert (ACEH in response.cors()) is present


def test_rs_parse_header_list() -> None:
    """Ports rs/cors's ``TestParseHeaderList`` and ``TestParseHeaderListEmpty``
    (utils_test.go): ``header, second-header, THIRD-HEADER`` names three headers, compared
    case-insensitively with the allowed ones (docs/configuration.rst, 'allow_headers'); an
    empty value names none, which any list grants."""
    app = from_rs(allowed_headers=["Header", "Second-Header", "Third-Header"])
    assert preflight(app, FOOBAR, "GET", "header, second-header, THIRD-HEADER").code == 204
    assert_denied(preflight(app, FOOBAR, "GET", "header, fourth-header"), vary_origin=False)
    assert preflight(app, FOOBAR, "GET", "").code == 204
