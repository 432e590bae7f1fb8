"""``wsgi_cors.policy.CORSPolicy``: each CORS decision, table by table, without WSGI.

Each row gives the options (through :func:`wsgi_cors.config.validate`), the request's
header values, the application's response headers where they matter, and the exact
headers the policy must give back. The expected values are the README's (Falcon's
semantics, 'Migrating from Falcon'; 'Deliberate differences from Falcon', difference 6 for
preflights answered by the middleware), docs/configuration.rst's ('The options') and the
Fetch standard's ("CORS protocol", "CORS-preflight fetch", "CORS protocol and HTTP caches").
"""

from __future__ import annotations

import re
import warnings

import pytest

from wsgi_cors.config import CORSSecurityWarning, validate
from wsgi_cors.policy import (
    _ORDINARY_NAMES,
    _ORDINARY_NAMES_MAX,
    ACAC,
    ACAH,
    ACAM,
    ACAO,
    ACAPN,
    ACEH,
    ACMA,
    DENIED_BODY,
    MAX_METHOD_LENGTH,
    MAX_REQUEST_HEADERS_LENGTH,
    CORSPolicy,
    InvalidList,
    MethodStep,
    cut,
    denied_body,
    denying_option,
    extract_header_list_values,
    is_cors_safelisted_method,
    is_ok_status,
    is_wildcard,
    merge_vary,
    preflight_method_step,
    read_denied_body,
    shown,
    vary_lists_origin,
)

_DANGEROUS = "dangerously_allow_any_origin_with_credentials"


def make_policy(**options) -> CORSPolicy:
    """The policy of *options*; ``allow_origins="*"`` with ``allow_credentials="*"`` gets
    the explicit opt-in README difference 7 asks for, where :func:`validate` takes it."""
    if options.get("allow_origins") == "*" and options.get("allow_credentials") == "*":
        options[_DANGEROUS] = True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CORSSecurityWarning)
        # A method listed in lower case (the tables' "query"): warned of, as
        # tests/test_validation.py checks; here only the policy is tested.
        warnings.filterwarnings("ignore", "allow_methods lists", UserWarning)
        return CORSPolicy(validate(**options))


A = "https://a.example"
B = "https://b.example"
OTHER = "https://other.example"
EVIL = "https://evil.example"
TRUSTED = "https://trusted.example"
VARY = ("Vary", "Origin")
CT = ("Content-Type", "text/plain")
CL = ("Content-Length", "0")
MAX_AGE = (ACMA, "86400")
ANY_HEADERS = (ACAH, "*")

LISTED = {"allow_origins": [A, B]}
STAR = {"allow_origins": "*"}
STAR_STAR = {"allow_origins": "*", "allow_credentials": "*"}
SUBDOMAINS = {"allow_origins": ["https://*.example.com"]}
REGEX = {"allow_origin_regex": r"https://trusted\.example"}


def reflected(origin: str, credentials: bool = False) -> list[tuple[str, str]]:
    return [(ACAO, origin), *([(ACAC, "true")] if credentials else [])]


STAR_GRANT = [(ACAO, "*")]

# -- grant(origin) ------------------------------------------------------------------------

# (options, Origin, the grant's origin headers, or None for a denied origin)
GRANTS = [
    pytest.param(LISTED, A, reflected(A), id="listed"),
    pytest.param(LISTED, B, reflected(B), id="listed-second"),
    pytest.param(LISTED, OTHER, None, id="listed-other-denied"),
    pytest.param(LISTED, A + "/", None, id="listed-trailing-slash-denied"),
    pytest.param(LISTED, "http://a.example", None, id="listed-other-scheme-denied"),
    pytest.param(LISTED, "null", None, id="listed-null-denied"),
    pytest.param(LISTED, "", None, id="listed-empty-denied"),
    pytest.param({"allow_origins": ["null"]}, "null", reflected("null"), id="null-listed"),
    pytest.param(STAR, A, STAR_GRANT, id="star"),
    pytest.param(STAR, "null", STAR_GRANT, id="star-null"),
    pytest.param(STAR, "not an origin", STAR_GRANT, id="star-junk"),
    # credentials: the origin is reflected, never "*"
    pytest.param({**STAR, "allow_credentials": [A]}, A, reflected(A, True), id="star-cred-listed"),
    pytest.param({**STAR, "allow_credentials": [A]}, B, STAR_GRANT, id="star-cred-other"),
    pytest.param({**STAR, "allow_credentials": [A]}, "null", STAR_GRANT, id="star-cred-null"),
    pytest.param(
        {**STAR, "allow_credentials": ["null"]}, "null", reflected("null", True), id="null-cred"
    ),
    pytest.param(
        {**STAR, "allow_credentials": ["https://*.a.example"]},
        "https://x.y.a.example",
        reflected("https://x.y.a.example", True),
        id="star-cred-pattern",
    ),
    pytest.param(
        {**STAR, "allow_credentials": ["https://*.a.example"]},
        A,
        STAR_GRANT,
        id="star-cred-pattern-base",
    ),
    pytest.param(STAR_STAR, A, reflected(A, True), id="star-star"),
    # null and invalid origins are never reflected: "*", without credentials
    pytest.param(STAR_STAR, "null", STAR_GRANT, id="star-star-null"),
    pytest.param(STAR_STAR, "*", STAR_GRANT, id="star-star-origin-star"),
    pytest.param(STAR_STAR, "https://A.example", STAR_GRANT, id="star-star-upper-case"),
    pytest.param(STAR_STAR, A + "/", STAR_GRANT, id="star-star-trailing-slash"),
    pytest.param(STAR_STAR, A + "\r\nSet-Cookie: x=1", STAR_GRANT, id="star-star-crlf"),
    pytest.param(STAR_STAR, " " + A, STAR_GRANT, id="star-star-space"),
    pytest.param(STAR_STAR, "https://" + "a" * 600, STAR_GRANT, id="star-star-over-long"),
    pytest.param({**LISTED, "allow_credentials": "*"}, B, reflected(B, True), id="cred-star"),
    pytest.param({**LISTED, "allow_credentials": "*"}, OTHER, None, id="cred-star-denied"),
    pytest.param({**LISTED, "allow_credentials": [A]}, A, reflected(A, True), id="cred-listed"),
    pytest.param({**LISTED, "allow_credentials": [A]}, B, reflected(B), id="cred-not-listed"),
    # subdomain patterns
    pytest.param(
        SUBDOMAINS, "https://api.example.com", reflected("https://api.example.com"), id="pattern"
    ),
    pytest.param(
        SUBDOMAINS, "https://a.b.example.com", reflected("https://a.b.example.com"), id="deep"
    ),
    pytest.param(SUBDOMAINS, "https://example.com", None, id="pattern-base-denied"),
    pytest.param(SUBDOMAINS, "https://evilexample.com", None, id="pattern-suffix-denied"),
    pytest.param(SUBDOMAINS, "http://api.example.com", None, id="pattern-scheme-denied"),
    pytest.param(SUBDOMAINS, "https://api.example.com:8443", None, id="pattern-port-denied"),
    pytest.param(SUBDOMAINS, "https://API.example.com", None, id="pattern-upper-case-denied"),
    pytest.param(SUBDOMAINS, "null", None, id="pattern-null-denied"),
    pytest.param(
        {**SUBDOMAINS, "allow_credentials": ["https://*.example.com"]},
        "https://api.example.com",
        reflected("https://api.example.com", True),
        id="pattern-cred-pattern",
    ),
    pytest.param(
        {**SUBDOMAINS, "allow_credentials": "*"},
        "https://x.y.example.com",
        reflected("https://x.y.example.com", True),
        id="pattern-cred-star",
    ),
    # a regex, matched against the whole origin; alone, it is all that is allowed
    pytest.param(REGEX, TRUSTED, reflected(TRUSTED), id="regex"),
    pytest.param(REGEX, TRUSTED + ".attacker.io", None, id="regex-prefix-denied"),
    pytest.param(REGEX, TRUSTED + ":8080", None, id="regex-port-denied"),
    pytest.param(REGEX, A, None, id="regex-only"),
    pytest.param({**REGEX, "allow_credentials": "*"}, TRUSTED, reflected(TRUSTED, True), id="re*"),
    pytest.param(
        {"allow_origin_regex": r"https://[a-z]+\.example", "allow_credentials": [A]},
        A,
        reflected(A, True),
        id="regex-cred-listed",
    ),
    pytest.param(
        {"allow_origin_regex": r"https://[a-z]+\.example", "allow_credentials": [A]},
        B,
        reflected(B),
        id="regex-cred-other",
    ),
    pytest.param(
        {"allow_origins": [A], "allow_origin_regex": ".*"}, "null", None, id="regex-null-denied"
    ),
    pytest.param(
        {"allow_origins": [A], "allow_origin_regex": "(?s).*"},
        A + "\n",
        None,
        id="regex-newline-denied",
    ),
]


@pytest.mark.parametrize("options, origin, expected", GRANTS)
def test_grant(options, origin, expected):
    grant = make_policy(**options).grant(origin)
    if expected is None:
        assert grant is None
    else:
        assert grant is not None
        assert list(grant.origin_headers) == expected
        assert grant.credentials is ((ACAC, "true") in expected)


@pytest.mark.parametrize(
    "options", [LISTED, {**STAR, "allow_credentials": [A]}, {**LISTED, "allow_credentials": "*"}]
)
def test_a_listed_origin_gets_the_same_grant_every_time(options):
    policy = make_policy(**options)
    assert policy.grant(A) is policy.grant(A)


# -- response_headers(grant, app_headers) -------------------------------------------------

EXPOSE = {"expose_headers": ["X-Total"]}
EXPOSED = (ACEH, "X-Total")

# (options, Origin or None, the application's headers, the headers sent)
RESPONSES = [
    # no grant, a policy that varies by origin: Vary: Origin, merged
    pytest.param(LISTED, None, [CT], [CT, VARY], id="no-origin"),
    pytest.param(LISTED, EVIL, [CT], [CT, VARY], id="denied"),
    pytest.param(LISTED, None, [], [VARY], id="no-headers"),
    pytest.param(
        LISTED,
        None,
        [CT, ("Vary", "Accept-Encoding")],
        [CT, ("Vary", "Accept-Encoding, Origin")],
        id="vary-merged",
    ),
    pytest.param(LISTED, None, [("vary", "origin")], [("vary", "origin")], id="vary-has-it"),
    pytest.param(
        LISTED, None, [("VARY", "Accept, ORIGIN")], [("VARY", "Accept, ORIGIN")], id="vary-upper"
    ),
    pytest.param(LISTED, None, [("Vary", "*")], [("Vary", "*")], id="vary-star"),
    pytest.param(
        LISTED, None, [("Vary", "Accept, *")], [("Vary", "Accept, *")], id="vary-star-in-list"
    ),
    pytest.param(
        LISTED,
        None,
        [("Vary", "Accept"), CT, ("Vary", "Cookie")],
        [("Vary", "Accept"), CT, ("Vary", "Cookie, Origin")],
        id="vary-several",
    ),
    pytest.param(
        LISTED,
        None,
        [("Vary", "Origin"), ("Vary", "Cookie")],
        [("Vary", "Origin"), ("Vary", "Cookie")],
        id="vary-several-has-it",
    ),
    pytest.param(
        LISTED, None, [("Vary", "X-Origin")], [("Vary", "X-Origin, Origin")], id="vary-not-substr"
    ),
    pytest.param(LISTED, None, [("Vary", " ")], [("Vary", "Origin")], id="vary-empty"),
    pytest.param(
        LISTED, EVIL, [(ACAO, OTHER), CT], [(ACAO, OTHER), CT, VARY], id="denied-app-acao-kept"
    ),
    # no grant, a policy that does not vary: nothing added
    pytest.param(STAR, None, [CT], [CT], id="star-no-origin"),
    pytest.param(STAR, None, [], [], id="star-no-origin-no-headers"),
    pytest.param(
        STAR, None, [CT, ("Vary", "Accept")], [CT, ("Vary", "Accept")], id="star-no-origin-vary"
    ),
    # a grant: its headers appended
    pytest.param(LISTED, A, [CT], [CT, *reflected(A), VARY], id="grant"),
    pytest.param({**LISTED, **EXPOSE}, A, [CT], [CT, *reflected(A), EXPOSED, VARY], id="expose"),
    pytest.param(
        {**LISTED, "allow_credentials": [A], **EXPOSE},
        A,
        [CT],
        [CT, *reflected(A, True), EXPOSED, VARY],
        id="credentials",
    ),
    pytest.param({**STAR, **EXPOSE}, A, [CT], [CT, *STAR_GRANT, EXPOSED], id="star"),
    pytest.param(
        {**STAR, "allow_credentials": [A]}, B, [CT], [CT, *STAR_GRANT, VARY], id="star-varying"
    ),
    pytest.param(
        {**STAR, "allow_credentials": [A]}, A, [CT], [CT, *reflected(A, True), VARY], id="star-c"
    ),
    pytest.param(
        LISTED,
        A,
        [("Vary", "Accept"), CT],
        [("Vary", "Accept, Origin"), CT, *reflected(A)],
        id="grant-vary-merged",
    ),
    pytest.param(
        STAR, A, [("Vary", "Accept")], [("Vary", "Accept"), *STAR_GRANT], id="star-vary-untouched"
    ),
    # the application's own Access-Control-Allow-Origin wins, with its -Credentials
    pytest.param(
        {**LISTED, "allow_credentials": [A], **EXPOSE},
        A,
        [(ACAO, OTHER), (ACAC, "false"), CT],
        [(ACAO, OTHER), (ACAC, "false"), CT, EXPOSED, VARY],
        id="app-acao",
    ),
    pytest.param(
        STAR,
        A,
        [("access-control-allow-origin", A)],
        [("access-control-allow-origin", A)],
        id="app-acao-lower-case",
    ),
    pytest.param(
        {**STAR_STAR, **EXPOSE},
        A,
        [(ACAO, "*")],
        [(ACAO, "*"), EXPOSED, VARY],
        id="app-acao-star",
    ),
    # without its own Allow-Origin, the application's -Credentials goes when ours is sent
    pytest.param(
        {**LISTED, "allow_credentials": [A]},
        A,
        [("access-control-allow-credentials", "false"), CT],
        [CT, *reflected(A, True), VARY],
        id="app-acac-replaced",
    ),
    pytest.param(
        LISTED, A, [(ACAC, "true")], [(ACAC, "true"), *reflected(A), VARY], id="app-acac-kept"
    ),
    # the application's own Expose-Headers is replaced by the configured one
    pytest.param(
        {**LISTED, **EXPOSE},
        A,
        [(ACEH, "X-Secret"), CT],
        [CT, *reflected(A), EXPOSED, VARY],
        id="app-aceh-replaced",
    ),
    pytest.param(
        {**LISTED, **EXPOSE},
        A,
        [("access-control-expose-headers", "X-Secret")],
        [*reflected(A), EXPOSED, VARY],
        id="app-aceh-lower-case-replaced",
    ),
    pytest.param(
        {**LISTED, **EXPOSE},
        A,
        [(ACAO, OTHER), (ACEH, "X-Secret")],
        [(ACAO, OTHER), EXPOSED, VARY],
        id="app-acao-aceh-replaced",
    ),
    pytest.param(
        LISTED, A, [(ACEH, "X-Mine")], [(ACEH, "X-Mine"), *reflected(A), VARY], id="app-aceh-kept"
    ),
]


@pytest.mark.parametrize("options, origin, app_headers, expected", RESPONSES)
def test_response_headers(options, origin, app_headers, expected):
    policy = make_policy(**options)
    grant = None if origin is None else policy.grant(origin)
    given = list(app_headers)
    assert policy.response_headers(grant, app_headers) == expected
    assert app_headers == given  # never mutated
    assert policy.response_headers(grant, app_headers) == expected  # and the same again
    assert app_headers == given


@pytest.mark.parametrize(
    "options, origin, app_headers",
    [
        pytest.param(LISTED, None, [CT], id="varying-no-grant"),
        pytest.param(LISTED, None, [("Vary", "Accept")], id="varying-no-grant-vary"),
        pytest.param(LISTED, A, [CT], id="grant"),
        pytest.param(STAR, None, [CT], id="star-no-grant"),
        pytest.param(STAR, None, [("Vary", "Accept")], id="star-no-grant-vary"),
    ],
)
def test_response_headers_returns_a_new_list(options, origin, app_headers):
    policy = make_policy(**options)
    grant = None if origin is None else policy.grant(origin)
    assert policy.response_headers(grant, app_headers) is not app_headers


MIXED = {"allow_origins": [A, B], "allow_credentials": [A]}
WITHHELD = (ACAC, "false")
ETAG = ("ETag", '"1"')

# A 304 to an allowed origin without credentials, where another origin gets them,
# overwrites the -Allow-Credentials: true a cache may keep from that origin's stored
# answer (README difference 9; helper-130's review, in Chromium); nothing else changes.
NOT_MODIFIED = [
    pytest.param(MIXED, B, "304 Not Modified", [ETAG], [ETAG, (ACAO, B), WITHHELD, VARY]),
    pytest.param(MIXED, B, "200 OK", [ETAG], [ETAG, *reflected(B), VARY], id="mixed-200"),
    pytest.param(MIXED, A, "304 Not Modified", [ETAG], [ETAG, *reflected(A, True), VARY]),
    pytest.param(
        MIXED,
        B,
        "304 Not Modified",
        [ETAG, ("Vary", "Cookie"), (ACAC, "true")],
        [ETAG, ("Vary", "Cookie, Origin"), (ACAO, B), WITHHELD],
        id="mixed-304-merged",
    ),
    pytest.param(
        MIXED,
        B,
        "304 Not Modified",
        [(ACAO, B), ("Vary", "Cookie")],
        [(ACAO, B), ("Vary", "Cookie, Origin")],
        id="mixed-304-app-origin",
    ),
    pytest.param(LISTED, B, "304 Not Modified", [ETAG], [ETAG, *reflected(B), VARY]),
    pytest.param(
        {"allow_origins": "*", "allow_credentials": [A]},
        B,
        "304 Not Modified",
        [ETAG],
        [ETAG, (ACAO, "*"), VARY],
        id="star-304",  # "*" fails a credentialed request's check anyway
    ),
    pytest.param(
        {"allow_origins": [A, "https://*.a.example"], "allow_credentials": [A]},
        "https://b.a.example",
        "304 Not Modified",
        [ETAG],
        [ETAG, (ACAO, "https://b.a.example"), WITHHELD, VARY],
        id="pattern-304",
    ),
    pytest.param(
        {"allow_origins": lambda origin: True, "allow_credentials": lambda o: o == A},
        B,
        "304 Not Modified",
        [ETAG],
        [ETAG, (ACAO, B), WITHHELD, VARY],
        id="callables-304",
    ),
]


@pytest.mark.parametrize("options, origin, status, app_headers, expected", NOT_MODIFIED)
def test_a_304_withholds_credentials_a_cache_kept(options, origin, status, app_headers, expected):
    policy = make_policy(**options)
    assert policy.response_headers(policy.grant(origin), app_headers, status) == expected


# -- preflight_answer(grant, method, requested, private_network) --------------------------

ANSWERED = {"allow_origins": [A], "allow_methods": "*"}
CREDENTIALED = {**ANSWERED, "allow_credentials": [A]}
# The documented limits, written as numbers so that a change of the constants shows
# (README difference 2: where allow_headers reads the list, a list "longer than 4096
# characters" is denied; allow_headers=None echoes any length, as Falcon does).
LONGEST = "a" * 4096
STAR_HEADERS = {**ANSWERED, "allow_headers": "*"}
LONGEST_METHOD = "M" * 64
# (options, Origin, Access-Control-Request-Method, -Headers, -Private-Network, headers)
# fmt: off
ALLOWED_PREFLIGHTS = [
    pytest.param(
        ANSWERED, A, "PUT", None, False, [(ACAO, A), (ACAM, "PUT"), ANY_HEADERS, MAX_AGE, VARY],
        id="any-method-echoed",
    ),
    pytest.param(
        ANSWERED, A, "query", None, False,
        [(ACAO, A), (ACAM, "query"), ANY_HEADERS, MAX_AGE, VARY],
        id="any-method-echoed-as-written",
    ),
    pytest.param(
        {**ANSWERED, "allow_methods": ["GET", "PUT"]}, A, "PUT", None, False,
        [(ACAO, A), (ACAM, "GET, PUT"), ANY_HEADERS, MAX_AGE, VARY],
        id="listed-method",
    ),
    pytest.param(
        {**ANSWERED, "allow_methods": ["put"]}, A, "PUT", None, False,
        [(ACAO, A), (ACAM, "PUT"), ANY_HEADERS, MAX_AGE, VARY],
        id="listed-normalized-method",
    ),
    pytest.param(
        {**ANSWERED, "allow_methods": ["QUERY"]}, A, "QUERY", None, False,
        [(ACAO, A), (ACAM, "QUERY"), ANY_HEADERS, MAX_AGE, VARY],
        id="listed-QUERY",
    ),
    pytest.param(
        {**ANSWERED, "allow_methods": ["query"]}, A, "query", None, False,
        [(ACAO, A), (ACAM, "query"), ANY_HEADERS, MAX_AGE, VARY],
        id="listed-query",
    ),
    # allow_headers None or "*": the requested headers echoed
    pytest.param(
        ANSWERED, A, "POST", "x-token,content-type", False,
        [(ACAO, A), (ACAM, "POST"), (ACAH, "x-token,content-type"), MAX_AGE, VARY],
        id="headers-none-echoed",
    ),
    pytest.param(
        {**ANSWERED, "allow_headers": "*"}, A, "POST", "x-token", False,
        [(ACAO, A), (ACAM, "POST"), (ACAH, "x-token"), MAX_AGE, VARY],
        id="headers-star-echoed",
    ),
    pytest.param(
        {**ANSWERED, "allow_headers": "*"}, A, "POST", None, False,
        [(ACAO, A), (ACAM, "POST"), ANY_HEADERS, MAX_AGE, VARY],
        id="headers-star-nothing-requested",
    ),
    pytest.param(
        STAR_HEADERS, A, "POST", LONGEST, False,
        [(ACAO, A), (ACAM, "POST"), (ACAH, LONGEST), MAX_AGE, VARY],
        id="headers-longest-echoed",
    ),
    pytest.param(  # None reads nothing, so no length limit applies: echoed as Falcon does
        ANSWERED, A, "POST", LONGEST * 16, False,
        [(ACAO, A), (ACAM, "POST"), (ACAH, LONGEST * 16), MAX_AGE, VARY],
        id="headers-none-echoes-any-length",
    ),
    pytest.param(
        ANSWERED, A, LONGEST_METHOD, None, False,
        [(ACAO, A), (ACAM, LONGEST_METHOD), ANY_HEADERS, MAX_AGE, VARY],
        id="longest-method",
    ),
    # with credentials, never the literal "*" (browsers ignore it then)
    pytest.param(
        {**CREDENTIALED, "allow_headers": "*"}, A, "POST", "x-token", False,
        [*reflected(A, True), (ACAM, "POST"), (ACAH, "x-token"), MAX_AGE, VARY],
        id="headers-star-credentials-echoed",
    ),
    pytest.param(
        {**CREDENTIALED, "allow_headers": "*"}, A, "POST", None, False,
        [*reflected(A, True), (ACAM, "POST"), MAX_AGE, VARY],
        id="headers-star-credentials-nothing-requested",
    ),
    pytest.param(
        CREDENTIALED, A, "POST", "x-token", False,
        [*reflected(A, True), (ACAM, "POST"), (ACAH, "x-token"), MAX_AGE, VARY],
        id="headers-none-credentials-echoed",
    ),
    pytest.param(
        CREDENTIALED, A, "POST", None, False,
        [*reflected(A, True), (ACAM, "POST"), MAX_AGE, VARY],
        id="headers-none-credentials-nothing-requested",
    ),
    pytest.param(
        {**STAR_STAR, "allow_methods": "*", "allow_headers": "*"}, A, "DELETE", "x-token", False,
        [*reflected(A, True), (ACAM, "DELETE"), (ACAH, "x-token"), MAX_AGE, VARY],
        id="star-star-method-and-headers-echoed",
    ),
    # allow_headers listed: case-insensitive, the configured list sent
    pytest.param(
        {**ANSWERED, "allow_headers": ["X-Token", "Content-Type"]}, A, "POST",
        "x-token, CONTENT-TYPE", False,
        [(ACAO, A), (ACAM, "POST"), (ACAH, "X-Token, Content-Type"), MAX_AGE, VARY],
        id="headers-listed",
    ),
    pytest.param(
        {**ANSWERED, "allow_headers": ["X-Token", "Content-Type"]}, A, "POST", "content-type",
        False,
        [(ACAO, A), (ACAM, "POST"), (ACAH, "X-Token, Content-Type"), MAX_AGE, VARY],
        id="headers-listed-subset",
    ),
    pytest.param(
        {**ANSWERED, "allow_headers": ["X-Token"]}, A, "POST", None, False,
        [(ACAO, A), (ACAM, "POST"), (ACAH, "X-Token"), MAX_AGE, VARY],
        id="headers-listed-nothing-requested",
    ),
    # max_age
    pytest.param(
        {**ANSWERED, "max_age": None}, A, "GET", None, False,
        [(ACAO, A), (ACAM, "GET"), ANY_HEADERS, VARY],
        id="max-age-none",
    ),
    pytest.param(
        {**ANSWERED, "max_age": 0}, A, "GET", None, False,
        [(ACAO, A), (ACAM, "GET"), ANY_HEADERS, (ACMA, "0"), VARY],
        id="max-age-zero",
    ),
    # private network
    pytest.param(
        {**ANSWERED, "allow_private_network": True}, A, "GET", None, True,
        [(ACAO, A), (ACAM, "GET"), ANY_HEADERS, MAX_AGE, (ACAPN, "true"), VARY],
        id="private-network",
    ),
    pytest.param(
        {**ANSWERED, "allow_private_network": True}, A, "GET", None, False,
        [(ACAO, A), (ACAM, "GET"), ANY_HEADERS, MAX_AGE, VARY],
        id="private-network-not-asked",
    ),
    pytest.param(
        ANSWERED, A, "GET", None, True,
        [(ACAO, A), (ACAM, "GET"), ANY_HEADERS, MAX_AGE, VARY],
        id="private-network-not-allowed",
    ),
    # exposed headers, and the non-varying "*"
    pytest.param(
        {**ANSWERED, **EXPOSE}, A, "GET", None, False,
        [(ACAO, A), (ACAM, "GET"), ANY_HEADERS, MAX_AGE, EXPOSED, VARY],
        id="expose",
    ),
    pytest.param(
        {**STAR, "allow_methods": "*"}, "null", "GET", None, False,
        [*STAR_GRANT, (ACAM, "GET"), ANY_HEADERS, MAX_AGE],
        id="star",
    ),
]
# fmt: on


@pytest.mark.parametrize(
    "options, origin, method, requested, private, expected", ALLOWED_PREFLIGHTS
)
def test_preflight_answer_allowed(options, origin, method, requested, private, expected):
    policy = make_policy(**options)
    answer = policy.preflight_answer(policy.grant(origin), method, requested, private)
    assert answer.status == "204 No Content"
    assert list(answer.headers) == expected
    assert answer.reason is None
    assert policy.preflight_answer(policy.grant(origin), method, requested, private) == answer


# (options, Origin, -Request-Method, -Request-Headers, a fragment of the reason)
# fmt: off
DENIED_PREFLIGHTS = [
    pytest.param(ANSWERED, EVIL, "GET", None, "origin", id="origin"),
    pytest.param(ANSWERED, "null", "GET", None, "origin", id="null"),
    pytest.param({**STAR, "allow_methods": ["GET"]}, A, "PUT", None, "PUT", id="star-method"),
    pytest.param({**ANSWERED, "allow_methods": ["GET", "PUT"]}, A, "put", None, "put", id="put"),
    pytest.param({**ANSWERED, "allow_methods": ["GET"]}, A, "DELETE", None, "DELETE", id="other"),
    pytest.param({**ANSWERED, "allow_methods": ["QUERY"]}, A, "query", None, "query", id="query"),
    pytest.param({**ANSWERED, "allow_methods": ["query"]}, A, "QUERY", None, "QUERY", id="QUERY"),
    pytest.param(ANSWERED, A, "GET POST", None, "GET POST", id="method-not-token"),
    pytest.param(ANSWERED, A, LONGEST_METHOD + "M", None, "not a method", id="method-over-long"),
    pytest.param(ANSWERED, A, "", None, "not a method", id="method-empty"),
    pytest.param(ANSWERED, A, "GET\r\nX-A: 1", None, "not a method", id="method-crlf"),
    pytest.param(ANSWERED, A, "P\u00dcT", None, "not a method", id="method-non-ascii"),
    pytest.param(
        {**ANSWERED, "allow_headers": ["X-Token"]}, A, "GET", "x-token,x-other", "x-other",
        id="header-not-listed",
    ),
    pytest.param(
        {**ANSWERED, "allow_headers": ["X-Token"]}, A, "GET", "x token", "x token",
        id="header-with-space",
    ),
    pytest.param(
        STAR_HEADERS, A, "GET", LONGEST + "a", str(MAX_REQUEST_HEADERS_LENGTH),
        id="headers-over-long",
    ),
    pytest.param(
        {**ANSWERED, "allow_headers": ["X-A"]}, A, "GET", "x-a," * 2000,
        str(MAX_REQUEST_HEADERS_LENGTH), id="headers-many",
    ),
    # with None, at any length: the whole value is checked for control characters
    pytest.param(
        ANSWERED, A, "GET", LONGEST * 16 + "\r\nX: 1", "control", id="headers-long-crlf-at-end"
    ),
    pytest.param(ANSWERED, A, "GET", "x-a\r\nSet-Cookie: a=b", "control", id="headers-crlf"),
    pytest.param(ANSWERED, A, "GET", "x-a\x00", "control", id="headers-nul"),
    pytest.param(ANSWERED, A, "GET", "x-a,\tx-b", "control", id="headers-tab"),
    pytest.param(ANSWERED, A, "GET", "x-t\u00f6ken", "non-ASCII", id="headers-non-ascii"),
    pytest.param(
        {**CREDENTIALED, "allow_headers": "*"}, A, "GET", "x-a\r\n", "control", id="star-crlf"
    ),
]
# fmt: on


@pytest.mark.parametrize("options, origin, method, requested, fragment", DENIED_PREFLIGHTS)
@pytest.mark.parametrize("private", [False, True], ids=["", "private"])
def test_preflight_answer_denied(options, origin, method, requested, fragment, private):
    policy = make_policy(**{**options, "allow_private_network": True})
    answer = policy.preflight_answer(policy.grant(origin), method, requested, private)
    assert answer.status == "403 Forbidden"
    assert not [h for h in answer.headers if h[0].lower().startswith("access-control-")]
    vary = [VARY] if policy.varies_by_origin else []
    assert [h for h in answer.headers if h[0] == "Vary"] == vary
    assert answer.reason and fragment in answer.reason
    assert ("Content-Type", "text/plain; charset=utf-8") in answer.headers


# The option each denial above names, for the advice of ``wsgi-cors check`` (the other
# cases are refused unread: no option would allow them).
DENYING_OPTIONS = {"origin": "allow_origins", "null": "allow_origins"}
DENYING_OPTIONS.update(
    dict.fromkeys(["star-method", "put", "other", "query", "QUERY"], "allow_methods")
)
DENYING_OPTIONS.update(dict.fromkeys(["header-not-listed", "header-with-space"], "allow_headers"))


@pytest.mark.parametrize("options, origin, method, requested, fragment", DENIED_PREFLIGHTS)
def test_a_debug_body_tells_the_reason_and_the_option_that_denied(
    options, origin, method, requested, fragment, request
):
    policy = make_policy(**options, debug=True)
    answer = policy.preflight_answer(policy.grant(origin), method, requested, False)
    said = read_denied_body(answer.body)
    assert said and denied_body(said) == answer.body  # read back as it was written
    assert denying_option(said) == DENYING_OPTIONS.get(request.node.callspec.id)


@pytest.mark.parametrize(
    "body, said",
    [(DENIED_BODY, ""), (denied_body("origin not allowed"), "origin not allowed"), (b"", None)]
    + [(b"Forbidden\n", None), (b"CORS denied: origin", None)]
    + [(b"CORS-preflight request denied by the firewall\n", None)]
    # a body from another server may hold any byte: read with replacement, never raised
    + [(DENIED_BODY.rstrip(b"\n") + b": \xff\n", "\ufffd")],
)
def test_read_denied_body(body, said):
    assert read_denied_body(body) == said


# -- patch_preflight(grant, status, app_headers, method, requested, private_network) ------

PASSED = {"allow_origins": [A], "allow_methods": None}
GET = ("Allow", "GET")

# (options, status, the application's headers, -Request-Headers, -Private-Network,
#  the headers sent, a fragment of the denial reason or None)
# fmt: off
PATCHES = [
    pytest.param(
        PASSED, "200 OK", [("Allow", "GET, PUT"), CL], "x-token", False,
        [CL, *reflected(A), VARY, (ACAM, "GET, PUT"), (ACAH, "x-token"), MAX_AGE], None,
        id="allow-becomes-methods",
    ),
    pytest.param(
        PASSED, "204 No Content", [GET], None, False,
        [*reflected(A), VARY, (ACAM, "GET"), ANY_HEADERS, MAX_AGE], None,
        id="nothing-requested",
    ),
    pytest.param(
        PASSED, "200 OK", [GET, CL, ("allow", "PUT, PATCH")], None, False,
        [CL, *reflected(A), VARY, (ACAM, "GET, PUT, PATCH"), ANY_HEADERS, MAX_AGE], None,
        id="several-allow-joined",
    ),
    pytest.param(
        {**PASSED, "allow_credentials": [A], **EXPOSE}, "200 OK", [GET], None, False,
        [*reflected(A, True), EXPOSED, VARY, (ACAM, "GET"), ANY_HEADERS, MAX_AGE], None,
        id="credentials-expose",
    ),
    pytest.param(
        {**PASSED, "max_age": None}, "200 OK", [GET], None, False,
        [*reflected(A), VARY, (ACAM, "GET"), ANY_HEADERS], None,
        id="max-age-none",
    ),
    pytest.param(
        {**PASSED, "allow_private_network": True}, "200 OK", [GET], None, True,
        [*reflected(A), VARY, (ACAM, "GET"), ANY_HEADERS, MAX_AGE, (ACAPN, "true")], None,
        id="private-network",
    ),
    pytest.param(
        PASSED, "200 OK", [GET], None, True,
        [*reflected(A), VARY, (ACAM, "GET"), ANY_HEADERS, MAX_AGE], None,
        id="private-network-not-allowed",
    ),
    pytest.param(
        {**STAR, "allow_methods": None}, "200 OK", [GET], None, False,
        [*STAR_GRANT, (ACAM, "GET"), ANY_HEADERS, MAX_AGE], None,
        id="star",
    ),
    pytest.param(
        {**PASSED, "allow_headers": ["X-Token"]}, "200 OK", [GET], "x-token", False,
        [*reflected(A), VARY, (ACAM, "GET"), (ACAH, "X-Token"), MAX_AGE], None,
        id="headers-listed",
    ),
    # the application's own preflight headers are replaced by ours
    pytest.param(
        PASSED, "200 OK",
        [GET, (ACAM, "DELETE"), ("access-control-allow-headers", "x-evil"), (ACMA, "5"), CL],
        "x-token", False,
        [CL, *reflected(A), VARY, (ACAM, "GET"), (ACAH, "x-token"), MAX_AGE], None,
        id="app-preflight-headers-replaced",
    ),
    pytest.param(  # Max-Age alone is replaced too (a mutation survived)
        PASSED, "200 OK", [GET, (ACMA, "5")], None, False,
        [*reflected(A), VARY, (ACAM, "GET"), ANY_HEADERS, MAX_AGE], None,
        id="app-max-age-replaced",
    ),
    pytest.param(
        {**PASSED, "allow_private_network": True}, "200 OK", [GET, (ACAPN, "false")], None, True,
        [*reflected(A), VARY, (ACAM, "GET"), ANY_HEADERS, MAX_AGE, (ACAPN, "true")], None,
        id="app-private-network-replaced",
    ),
    pytest.param(
        PASSED, "200 OK", [GET, ("Vary", "Accept")], None, False,
        [("Vary", "Accept, Origin"), *reflected(A), (ACAM, "GET"), ANY_HEADERS, MAX_AGE], None,
        id="app-vary-merged",
    ),
    pytest.param(
        PASSED, "200 OK", [GET, (ACAO, OTHER)], None, False,
        [(ACAO, OTHER), VARY, (ACAM, "GET"), ANY_HEADERS, MAX_AGE], None,
        id="app-acao-kept",
    ),
    # denied: every Access-Control-* header removed
    pytest.param(
        PASSED, "200 OK", [CT, (ACAO, OTHER), (ACAM, "GET"), ("access-control-max-age", "5")],
        None, False, [CT, VARY], "Allow",
        id="2xx-without-allow",
    ),
    pytest.param(
        {**STAR, "allow_methods": None}, "204 No Content", [CT], None, False, [CT], "Allow",
        id="2xx-without-allow-star",
    ),
    pytest.param(  # an Access-Control-* header outside ours goes too (a mutation survived)
        PASSED, "200 OK", [CT, ("Access-Control-Foo", "x")], None, False, [CT, VARY], "Allow",
        id="2xx-without-allow-other-cors-header-removed",
    ),
    pytest.param(
        {**PASSED, "allow_headers": ["X-Token"]}, "200 OK", [GET, CL, (ACEH, "X-A")], "x-other",
        False, [CL, VARY], "x-other",
        id="header-not-listed",
    ),
    pytest.param(
        {**PASSED, "allow_headers": ["X-Token"]}, "200 OK", [GET, CT, ("Access-Control-X", "1")],
        "x-other", False, [CT, VARY], "x-other",
        id="header-not-listed-other-cors-header-removed",
    ),
    pytest.param(
        {**PASSED, "allow_headers": "*"}, "200 OK", [GET, CL], "x-a," * 1100, False, [CL, VARY],
        "over the limit",
        id="headers-over-the-limit",
    ),
    pytest.param(  # None reads nothing: echoed at any length, as Falcon echoes it
        PASSED, "200 OK", [GET, CL], "x-a," * 1100, False,
        [CL, *reflected(A), VARY, (ACAM, "GET"), (ACAH, "x-a," * 1100), MAX_AGE], None,
        id="headers-none-echoes-any-length",
    ),
    # without Allow too, a header allow_headers does not list is the reason given
    pytest.param(
        {**PASSED, "allow_headers": ["X-Token"]}, "200 OK", [CT], "x-other", False, [CT, VARY],
        "x-other",
        id="2xx-without-allow-header-not-listed",
    ),
    # a CORS header goes by its name, whatever its value (a mutation survived)
    pytest.param(
        PASSED, "200 OK", [CT, (ACEH, "Content-Type")], None, False, [CT, VARY], "Allow",
        id="2xx-without-allow-cors-header-valued-as-a-name",
    ),
    pytest.param(
        PASSED, "200 OK", [GET], "x-a\r\nSet-Cookie: a=b", False, [VARY], "control",
        id="headers-crlf",
    ),
    # Falcon's way echoes a Latin-1 value as it came (answered, it is denied: no header
    # name holds one); a character above U+00FF no header can carry (no PEP 3333 server
    # passes one)
    pytest.param(
        PASSED, "200 OK", [GET], "x-t\u00f6ken", False,
        [*reflected(A), VARY, (ACAM, "GET"), (ACAH, "x-t\u00f6ken"), MAX_AGE], None,
        id="headers-latin-1-echoed",
    ),
    pytest.param(
        {**PASSED, "allow_headers": "*"}, "200 OK", [GET], "x-t\u00f6ken", False, [VARY],
        "non-ASCII",
        id="headers-latin-1-star",
    ),
    pytest.param(
        PASSED, "200 OK", [GET], "x-\u20ac", False, [VARY], "control", id="headers-above-latin-1"
    ),
    # not 2xx: the headers of an actual response, and a reason
    pytest.param(
        PASSED, "404 Not Found", [CT, GET], None, False, [CT, GET, *reflected(A), VARY], "404",
        id="404",
    ),
    pytest.param(
        {**PASSED, "allow_credentials": [A], **EXPOSE}, "500 Internal Server Error", [CT], None,
        False, [CT, *reflected(A, True), EXPOSED, VARY], "500",
        id="500",
    ),
    pytest.param(
        {**STAR, "allow_methods": None}, "301 Moved Permanently", [("Location", "/x")], None,
        False, [("Location", "/x"), *STAR_GRANT], "301",
        id="301-star",
    ),
]
# fmt: on


@pytest.mark.parametrize(
    "options, status, app_headers, requested, private, expected, fragment", PATCHES
)
def test_patch_preflight(options, status, app_headers, requested, private, expected, fragment):
    policy = make_policy(**options)
    grant = policy.grant(A)
    given = list(app_headers)
    # An Access-Control-Allow-Origin or -Methods of the application's own: another CORS
    # layer inside it (logged once by the middleware).
    inner_cors = status.startswith("2") and any(
        name.lower() in (ACAO.lower(), ACAM.lower()) for name, _ in app_headers
    )
    for _ in range(2):  # the second time from the memo, where there is one
        headers, reason, app_sent_cors = policy.patch_preflight(
            grant, status, app_headers, "GET", requested, private
        )
        assert headers == expected
        assert app_headers == given  # never mutated
        if fragment is None:
            assert reason is None
        else:
            assert reason and fragment in reason
        assert app_sent_cors is inner_cors


# (Allow, Access-Control-Request-Method, credentials, the browser passes it)
# Fetch standard, "CORS-preflight fetch": safelisted methods pass; others must be
# listed byte for byte, or "*" without credentials.
METHOD_CHECKS = [
    ("GET, PUT", "PUT", False, True),
    ("GET,PUT", "PUT", False, True),
    ("GET", "POST", False, True),
    ("GET", "HEAD", True, True),
    ("GET", "PUT", False, False),
    ("GET, PUT", "put", False, False),
    ("GET, put", "PUT", False, False),
    ("*", "DELETE", False, True),
    ("*", "DELETE", True, False),
    ("GET, QUERY", "QUERY", True, True),
]


@pytest.mark.parametrize("allow, method, credentials, passes", METHOD_CHECKS)
def test_patch_preflight_tells_a_method_the_allow_header_lacks(allow, method, credentials, passes):
    """Falcon's headers are sent either way; the reason is for the log."""
    policy = make_policy(**PASSED, allow_credentials=[A] if credentials else None)
    grant = policy.grant(A)
    for _ in range(2):  # the second time from the memo
        headers, reason, _ = policy.patch_preflight(
            grant, "200 OK", [("Allow", allow)], method, None, False
        )
        assert (ACAM, allow) in headers
        if passes:
            assert reason is None
        else:
            assert reason == (
                f"method {method!r} is not in the application's Allow header {allow!r}"
            )


@pytest.mark.parametrize(
    "allow, method, credentials, step, passes",
    [
        ("GET, PUT", "PUT", False, MethodStep.LISTED, True),
        ("PUT", "PUT", True, MethodStep.LISTED, True),
        ("", "POST", True, MethodStep.SAFELISTED, True),
        (None, "HEAD", False, MethodStep.SAFELISTED, True),
        ("*", "DELETE", False, MethodStep.WILDCARD, True),
        ("*", "DELETE", True, MethodStep.NOT_LISTED, False),  # a method named "*"
        ("GET, put", "PUT", False, MethodStep.NOT_LISTED, False),  # byte for byte
        (None, "PUT", False, MethodStep.NOT_LISTED, False),
        ("GET, PUT, bad value", "PUT", False, MethodStep.INVALID_LIST, False),
        ("PUT, (x)", "PUT", False, MethodStep.INVALID_LIST, False),
    ],
)
def test_preflight_method_step_is_the_browsers(allow, method, credentials, step, passes):
    """Fetch standard, "CORS-preflight fetch": the methods step, shared by the policy's
    log reasons and ``wsgi-cors check``."""
    allowed = extract_header_list_values([] if allow is None else [allow])
    assert preflight_method_step(method, allowed, credentials) is step
    assert step.passes is passes


@pytest.mark.parametrize(
    "values, credentials, wildcard",
    [
        (["*"], False, True),
        (["GET", "*"], False, True),
        (["*"], True, False),  # a literal name with credentials
        (["GET"], False, False),
        ([], False, False),
    ],
)
def test_is_wildcard(values, credentials, wildcard):
    assert is_wildcard(values, credentials) is wildcard


def test_method_denial_memo_answers_per_credentials_mode():
    """The browser's methods step is remembered by (method, Allow, credentials): ``*``
    lets DELETE through without credentials only, so an origin with credentials must
    not get the answer memoized for one without, nor the other way round. Each request
    asks for headers of its own, so that the patch memo never answers."""
    policy = make_policy(allow_origins=[A, B], allow_credentials=[B], allow_methods=None)
    star = [("Allow", "*")]
    for i in range(3):
        for origin, denied in ((A, False), (B, True)):
            _, reason, _ = policy.patch_preflight(
                policy.grant(origin), "200 OK", star, "DELETE", f"x-{origin[8]}{i}", False
            )
            expected = "method 'DELETE' is not in the application's Allow header '*'"
            assert reason == (expected if denied else None), (origin, i)
    assert policy.method_denial_memo == {
        ("DELETE", "*", False): None,
        ("DELETE", "*", True): expected,
    }


def test_method_denial_memo_is_bounded_and_keeps_short_methods_only():
    """Requested headers too long for the patch memo still reuse the methods step's
    answer; a method over MAX_METHOD_LENGTH is decided but not kept, and a client
    sending ever new methods cannot grow the memo past 1,024 entries."""
    policy = make_policy(**PASSED)
    grant = policy.grant(A)
    long_requested = "x-a," * 200  # over MAX_MEMO_VALUE_LENGTH: the patch memo misses
    _, reason, _ = policy.patch_preflight(grant, "200 OK", [GET], "PUT", long_requested, False)
    assert reason == "method 'PUT' is not in the application's Allow header 'GET'"
    assert policy.preflight_patch_memo == {}
    assert list(policy.method_denial_memo) == [("PUT", "GET", False)]
    long_method = "M" * (MAX_METHOD_LENGTH + 1)
    _, reason, _ = policy.patch_preflight(grant, "200 OK", [GET], long_method, None, False)
    assert reason is not None and ("M" * 64) in reason
    assert (long_method, "GET", False) not in policy.method_denial_memo
    for i in range(3000):
        policy.patch_preflight(grant, "200 OK", [GET], f"M{i}", None, False)
        assert len(policy.method_denial_memo) <= 1024


def test_patch_preflight_tells_an_allow_header_that_does_not_parse():
    """A browser fails the preflight on an element that is not a token, even when the
    method is listed: the log says so (Falcon's headers are sent as they are)."""
    policy = make_policy(**PASSED)
    headers, reason, _ = policy.patch_preflight(
        policy.grant(A), "200 OK", [("Allow", "GET, PUT, bad value")], "PUT", None, False
    )
    assert (ACAM, "GET, PUT, bad value") in headers
    assert reason == (
        "the application's Allow header 'GET, PUT, bad value' is not a list of methods:"
        " 'bad value' is not a method token"
    )
    assert extract_header_list_values(["GET, PUT, bad value"]) == InvalidList("bad value")


# What the application sends beside Allow: nothing of the preflight's, a header the
# middleware replaces, another Access-Control-* header (kept when allowed), or its own
# Access-Control-Allow-Origin (a CORS layer inside it: the warning's cue).
BESIDE_ALLOW = {
    "plain": [],
    "app-sets-max-age": [(ACMA, "5")],
    "app-sets-other-cors": [("Access-Control-X", "1")],
    "app-sets-origin": [(ACAO, "https://own.example")],
}


@pytest.mark.parametrize("beside", BESIDE_ALLOW)
@pytest.mark.parametrize(
    "allow, allow_methods",
    [
        ("GET, PUT", "GET, PUT"),
        ("GET,\tPUT", "GET, PUT"),  # HTTP white space either way, to a browser
        ("\tPUT\t", " PUT "),
        ("GET,\r\n PUT", "GET, PUT"),  # a line fold (RFC 9112, 5.2) reads as a space
        ("GET,\n\tPUT", "GET, PUT"),
        ("GET,\r PUT", "GET, PUT"),
        ("GET,\r\nPUT", None),  # no fold: a new header line
        ("GET,\r\n\r\n PUT", None),  # the end of the headers, then a fold
        ("GET, PUT\x01", None),  # no method token: the browser fails the preflight
        ("GET\x7f", None),
        ("GET, PUT\x85", None),  # C1 (Infra standard, "control")
        ("GET, PUT\u0100", None),  # no header can carry it
    ],
)
def test_patch_preflight_sends_no_control_character_of_allow(allow, allow_methods, beside):
    """No header value the middleware sends holds a control character (docs/security.rst,
    'Header injection and hostile requests'). The
    application's Allow becomes Access-Control-Allow-Methods with a tab or a line fold
    as a space; with any other control character it is no list of methods to a
    browser, and the preflight is denied as README difference 2 says (every
    Access-Control-* header removed, the application's own too), with the reason for
    the log and the application's own CORS header still told."""
    policy = make_policy(**PASSED)
    app_headers = [CT, ("Allow", allow), *BESIDE_ALLOW[beside]]
    for _ in range(2):  # the second time from the memo, where there is one
        headers, reason, app_sent_cors = policy.patch_preflight(
            policy.grant(A), "200 OK", app_headers, "PUT", None, False
        )
        assert app_sent_cors is (beside == "app-sets-origin")
        if allow_methods is None:
            assert headers == [CT, VARY]
            assert reason is not None and "is not a list of methods" in reason
        else:
            assert (ACAM, allow_methods) in headers and reason is None
            assert (ACMA, "86400") in headers and (ACMA, "5") not in headers
            own_origin = beside == "app-sets-origin"
            assert ((ACAO, A) in headers) is not own_origin
            assert (("Access-Control-X", "1") in headers) is (beside == "app-sets-other-cors")
        assert not [v for _, v in headers if re.search("[\x00-\x1f\x7f-\x9f]", v)]


def test_patch_preflight_tells_a_missing_allow_header():
    policy = make_policy(**PASSED)
    headers, reason, _ = policy.patch_preflight(policy.grant(A), "200 OK", [CT], "PUT", None, False)
    assert headers == [CT, VARY]
    assert reason == "the application answered the preflight without an Allow header"


# A reason that shows two values (or a method beside a longer text) cuts each at 100
# characters, escapes included, so that the whole stays near one value's 200.
ALLOW_300 = "GET, " + "X" * 300
NOT_A_LIST_201 = "x " * 100 + "x"


@pytest.mark.parametrize(
    "allow, method, reason",
    [
        (
            ALLOW_300,
            "M" * 150,
            "method '" + "M" * 99 + " is not in the application's Allow header 'GET, " + "X" * 94,
        ),
        (
            "GET, " + NOT_A_LIST_201,
            "GET",
            "the application's Allow header 'GET, "
            + "x " * 47
            + " is not a list of methods: '"
            + "x " * 49
            + "x is not a method token",
        ),
    ],
    ids=["not-listed", "not-a-list"],
)
def test_patch_preflight_reasons_cut_each_value_at_100_characters(allow, method, reason):
    policy = make_policy(**PASSED)
    _, said, _ = policy.patch_preflight(
        policy.grant(A), "200 OK", [("Allow", allow)], method, None, False
    )
    assert said == reason


def test_cut_keeps_200_characters_and_tells_the_length_past_them():
    assert cut("x" * 200) == "x" * 200
    assert cut("x" * 201) == "x" * 200 + "… (201 characters)"
    assert cut("y" * 5000, 10) == "y" * 10 + "… (5,000 characters)"


def test_shown_cuts_a_value_at_200_characters_escapes_included():
    assert shown("z" * 300) == "'" + "z" * 199
    assert shown("\x01" * 100) == "'" + "\\x01" * 49 + "\\x0"


def test_a_method_refused_unread_is_shown_at_100_characters():
    policy = make_policy(**ANSWERED)
    answer = policy.preflight_answer(policy.grant(A), "M" * 150, None, False)
    assert answer.reason == "Access-Control-Request-Method '" + "M" * 99 + " is not a method"


@pytest.mark.parametrize(
    "allow_methods, method, denied, answer",
    [
        (["GET", "PUT"], "PUT", False, "204"),
        (["GET", "PUT"], "put", True, "403"),  # byte for byte
        (["GET"], "DELETE", True, "403"),
        ([], "GET", True, "403"),
        ("*", "DELETE", False, "204"),
        (None, "DELETE", False, None),  # the application's Allow decides
        (["GET"], "PUT DELETE", False, "403"),  # not a method: denied as such
        (["GET"], "X" * 65, False, "403"),
    ],
)
def test_denies_method(allow_methods, method, denied, answer):
    policy = make_policy(allow_origins=[A], allow_methods=allow_methods)
    assert policy.denies_method(method) is denied
    if answer is not None:  # the answer the middleware gives agrees
        answered = policy.preflight_answer(policy.grant(A), method, None, False)
        assert answered.status.startswith(answer)
        assert (answered.reason == f"method {method!r} not allowed") is denied


@pytest.mark.parametrize(
    "allow_headers, requested, unlisted",
    [
        (["Content-Type", "X-Token"], "content-type,x-token", []),
        (["content-type"], "X-Token , Content-Type, x-b", ["x-b", "x-token"]),
        (["x-a", "x-b"], "x-a  ,  x-b", []),  # runs of spaces around a comma (Fetch trims)
        (["content-type"], None, []),
        (["content-type"], "", []),
        ([], "x-a", ["x-a"]),
        (None, "x-a", []),  # echoed
        ("*", "x-a", []),
    ],
)
def test_unlisted_request_headers(allow_headers, requested, unlisted):
    policy = make_policy(allow_origins=[A], allow_headers=allow_headers)
    assert policy.unlisted_request_headers(requested) == unlisted
    answer = policy.preflight_answer(policy.grant(A), "PUT", requested, False)
    assert answer.status.startswith("403" if unlisted else "204")
    if unlisted:
        assert answer.reason == f"header {unlisted[0]!r} is not allowed"


@pytest.mark.parametrize(
    "requested",
    ["x-a,\tx-b", "x-\u00e9", ",".join(["x-a"] * 2000)],
    ids=["tab", "non-ascii", "long"],
)
def test_unlisted_request_headers_leaves_out_a_value_refused_unread(requested):
    """Such a preflight is denied for the value itself, not for a name in it."""
    policy = make_policy(allow_origins=[A], allow_headers=["content-type"])
    assert policy.unlisted_request_headers(requested) == []
    answer = policy.preflight_answer(policy.grant(A), "PUT", requested, False)
    assert answer.status.startswith("403") and "Access-Control-Request-Headers" in answer.reason


# -- what the configuration decides once ----------------------------------------------------


@pytest.mark.parametrize(
    "options, varies, answers",
    [
        pytest.param({**STAR, "allow_methods": None}, False, False, id="star-passed"),
        pytest.param({**STAR, "allow_methods": "*"}, False, True, id="star"),
        pytest.param({**STAR, "allow_methods": ["GET"], **EXPOSE}, False, True, id="star-listed"),
        pytest.param({**STAR, "allow_credentials": [A]}, True, True, id="star-cred-listed"),
        pytest.param(
            {**STAR, "allow_credentials": ["https://*.a.example"]}, True, True, id="star-cred-pat"
        ),
        pytest.param(STAR_STAR, True, True, id="star-star"),
        pytest.param({**LISTED, "allow_methods": "*"}, True, True, id="listed"),
        pytest.param(SUBDOMAINS, True, True, id="pattern"),
        pytest.param(REGEX, True, True, id="regex"),
        pytest.param({**REGEX, "allow_methods": ["GET"]}, True, True, id="regex-listed"),
        pytest.param({**REGEX, "allow_methods": None}, True, False, id="regex-passed"),
    ],
)
def test_varies_by_origin_and_answers_preflights(options, varies, answers):
    policy = make_policy(**options)
    assert policy.varies_by_origin is varies
    assert policy.answers_preflights is answers


# -- memos stay bounded --------------------------------------------------------------------


def test_matched_origins_memo_is_bounded():
    policy = make_policy(**SUBDOMAINS)
    for i in range(5000):
        allowed = f"https://s{i}.example.com"
        assert list(policy.grant(allowed).origin_headers) == reflected(allowed)
        assert policy.grant(f"https://s{i}.example.org") is None
    grants = policy.grant.__self__  # the policy's table of grants
    assert 0 < len(grants.matched) <= 1024


def test_preflight_answer_memo_is_bounded():
    policy = make_policy(**ANSWERED)
    grant = policy.grant(A)
    for i in range(5000):
        answer = policy.preflight_answer(grant, "GET", f"x-h{i}", False)
        assert (ACAH, f"x-h{i}") in answer.headers
        assert len(policy.preflight_answer_memo) <= 1024  # at every step, not only the last
    assert 0 < len(policy.preflight_answer_memo) <= 1024


def test_preflight_patch_memo_is_bounded():
    policy = make_policy(**PASSED)
    grant = policy.grant(A)
    for i in range(5000):
        headers, _, _ = policy.patch_preflight(grant, "200 OK", [GET], "GET", f"x-h{i}", False)
        assert (ACAH, f"x-h{i}") in headers
    assert 0 < len(policy.preflight_patch_memo) <= 1024


def test_preflight_patch_memo_never_keeps_long_request_values():
    policy = make_policy(**PASSED)
    requested = "x-a," * 200  # 800 characters, over MAX_MEMO_VALUE_LENGTH
    for _ in range(2):
        headers, reason, _ = policy.patch_preflight(
            policy.grant(A), "200 OK", [GET], "GET", requested, False
        )
        assert (ACAH, requested) in headers and reason is None
    assert policy.preflight_patch_memo == {}


def test_ordinary_header_names_memo_is_bounded():
    """The response header names found ordinary are remembered (a speed path), never
    one over 64 characters and never more than _ORDINARY_NAMES_MAX of them."""
    saved = set(_ORDINARY_NAMES)
    _ORDINARY_NAMES.clear()
    try:
        policy = make_policy(**LISTED)
        policy.response_headers(None, [("X-" + "a" * 62, "1"), ("X-" + "a" * 63, "1")])
        assert _ORDINARY_NAMES == {"X-" + "a" * 62}
        for i in range(2 * _ORDINARY_NAMES_MAX):
            assert policy.response_headers(None, [(f"X-{i}", "1")]) == [(f"X-{i}", "1"), VARY]
        assert len(_ORDINARY_NAMES) == _ORDINARY_NAMES_MAX
    finally:
        _ORDINARY_NAMES.clear()
        _ORDINARY_NAMES.update(saved)


def test_a_grant_shows_its_origin_and_credentials():
    policy = make_policy(**LISTED, allow_credentials=[A])
    assert repr(policy.grant(A)) == "Grant('https://a.example', credentials=True)"
    assert repr(policy.grant(B)) == "Grant('https://b.example', credentials=False)"


# -- README difference 5: "*" without Origin too --------------------------------------------


@pytest.mark.parametrize(
    "options, star",
    [
        pytest.param(STAR, True, id="star"),
        pytest.param({**STAR, "allow_credentials": [A]}, True, id="star-cred-listed"),
        pytest.param(STAR_STAR, True, id="star-star"),
        pytest.param(LISTED, False, id="listed"),
        pytest.param(SUBDOMAINS, False, id="pattern"),
        pytest.param(REGEX, False, id="regex"),
    ],
)
def test_grant_without_origin(options, star):
    """A request without Origin never gets credentials: it gets the shared "*" grant
    when allow_origins is "*", else none."""
    policy = make_policy(**options, **EXPOSE)
    grant = policy.grant_without_origin
    if not star:
        assert grant is None
        return
    assert grant is policy.grant("null")  # the shared "*" grant
    assert grant is not None and not grant.credentials
    headers = policy.response_headers(grant, [CT])
    assert headers[:3] == [CT, (ACAO, "*"), EXPOSED]
    assert (VARY in headers) is policy.varies_by_origin


# -- debug=True: the reason in a denied preflight's body --------------------------------------


@pytest.mark.parametrize(
    "origin, method, requested, fragment",
    [
        (OTHER, "PUT", None, b"origin not allowed"),
        (A, "PATCH", None, b"method 'PATCH' not allowed"),
        (A, "GET", "x-\u00e9\r\n" + "x" * 500, b"Headers 'x-\\xe9\\r\\nxxx"),
        (A, "GET", "x-evil", b"header 'x-evil' is not allowed"),
    ],
)
def test_debug_puts_the_escaped_reason_in_the_body(origin, method, requested, fragment):
    options = {**ANSWERED, "allow_methods": ["GET", "PUT"], "allow_headers": ["x-token"]}
    quiet = make_policy(**options)
    loud = make_policy(**options, debug=True)
    answers = [
        policy.preflight_answer(policy.grant(origin), method, requested, False)
        for policy in (quiet, loud)
    ]
    assert answers[0].reason == answers[1].reason is not None
    assert answers[0].body == DENIED_BODY
    body = answers[1].body
    assert body.startswith(b"CORS-preflight request denied: ") and body.endswith(b"\n")
    assert fragment in body
    reason = body[len(b"CORS-preflight request denied: ") : -1]
    assert len(reason) <= 200
    assert all(0x20 <= byte < 0x7F for byte in reason)
    assert dict(answers[1].headers)["Content-Length"] == str(len(body))
    assert dict(answers[0].headers)["Content-Length"] == str(len(DENIED_BODY))


def test_debug_body_cuts_the_reason_at_200_characters():
    body = denied_body("é" * 300)
    assert body == b"CORS-preflight request denied: " + b"\\xe9" * 50 + b"\n"


# -- QUERY, the new safe method (httpbis-safe-method-w-body) ----------------------------------


@pytest.mark.parametrize(
    "allow_methods, method, allowed_methods",
    [
        (["GET", "QUERY"], "QUERY", "GET, QUERY"),
        ("*", "QUERY", "QUERY"),
        ("*", "query", "query"),  # fetch() sends it as written; "*" echoes it
        (["GET", "QUERY"], "query", None),  # listed methods match case-sensitively
        (["GET", "query"], "QUERY", None),
        (["GET"], "QUERY", None),  # not CORS-safelisted: it must be allowed
    ],
)
def test_query_is_matched_like_every_method(allow_methods, method, allowed_methods):
    policy = make_policy(allow_origins=[A], allow_methods=allow_methods)
    answer = policy.preflight_answer(policy.grant(A), method, None, False)
    if allowed_methods is None:
        assert answer.status == "403 Forbidden"
        assert answer.reason == f"method {method!r} not allowed"
    else:
        assert answer.status == "204 No Content"
        assert (ACAM, allowed_methods) in answer.headers


@pytest.mark.parametrize(
    "value, covers",
    [
        ("Origin", True),
        ("origin", True),
        ("Accept-Encoding, Origin", True),
        ("Accept-Encoding,origin ", True),
        ("*", True),
        (" * ", True),
        ("Accept-Encoding", False),
        ("Origins", False),
        ("X-Origin", False),
        ("", False),
        ("Accept-Encoding, , Cookie", False),
        ("Accept-Encoding,\tOrigin", True),
        # Only space and tab are HTTP's white space (RFC 9110, 5.6.3): a form feed or a
        # no-break space is part of the element, which then names another header.
        ("\x0cOrigin", False),
        ("\u00a0Origin", False),
    ],
)
def test_vary_lists_origin(value, covers):
    """The one test of "this Vary already covers Origin" (RFC 9110, 12.5.5), used by
    merge_vary and by wsgi-cors check's vary_check."""
    assert vary_lists_origin(value) is covers


@pytest.mark.parametrize(
    "value, merged",
    [
        (" Accept\t", "Accept, Origin"),
        ("", "Origin"),
        # trimmed as HTTP trims a field value (spaces and tabs), as vary_lists_origin
        # reads it, not as str.strip (second review of rules stated twice)
        ("Accept\u00a0", "Accept\u00a0, Origin"),
    ],
)
def test_merge_vary_adds_origin_to_the_last_vary(value, merged):
    assert merge_vary([("X-A", "1"), ("Vary", value)]) == [("X-A", "1"), ("Vary", merged)]


@pytest.mark.parametrize(
    "headers, merged",
    [
        ([], [("Vary", "X-Vhm-Root")]),
        ([("Vary", "Origin")], [("Vary", "Origin, X-Vhm-Root")]),
        ([("vary", "x-VHM-root")], [("vary", "x-VHM-root")]),
        ([("Vary", "Origin"), ("Vary", "*")], [("Vary", "Origin"), ("Vary", "*")]),
    ],
)
def test_merge_vary_merges_the_field_it_is_given(headers, merged):
    """The same rule for another request header than Origin (the middleware's
    ``X-Vhm-Root``): listed once, case-insensitively, never beside ``*``."""
    assert merge_vary(list(headers), "X-Vhm-Root") == merged


@pytest.mark.parametrize(
    "method, safelisted",
    [("GET", True), ("HEAD", True), ("POST", True), ("post", False), ("PUT", False), ("", False)],
)
def test_is_cors_safelisted_method_compares_byte_for_byte(method, safelisted):
    assert is_cors_safelisted_method(method) is safelisted


@pytest.mark.parametrize(
    ("status", "ok"),
    [
        ("200 OK", True),
        ("204 No Content", True),
        ("299 Custom", True),
        ("204", True),
        ("199 Early", False),
        ("300 Multiple Choices", False),
        ("404 Not Found", False),
        ("500 Internal Server Error", False),
    ],
)
def test_ok_status_is_200_to_299(status: str, ok: bool) -> None:
    """Fetch standard, "ok status": the statuses with which a preflight can pass, given
    as a PEP 3333 status line (the adapter's) or a code as text (check's)."""
    assert is_ok_status(status) is ok


def test_a_debug_reason_carries_no_control_byte():
    """DEL, CR and LF become '?', as every C0 character does (origins.CONTROL_CHARACTERS);
    what is not ASCII is backslash-escaped (a mutation review found both unpinned)."""
    assert denied_body("a\x7fb\r\nc\u00e9") == DENIED_BODY.rstrip(b"\n") + b": a?b??c\\xe9\n"
