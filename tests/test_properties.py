"""Property tests (Hypothesis) over random configurations, requests and applications.

For every configuration and request:
* ``Access-Control-Allow-Origin`` is ``*`` or exactly the request's origin, and then
  that origin is allowed by the configuration (an oracle written here, independently);
* never ``*`` together with ``Access-Control-Allow-Credentials``;
* no CORS header at all for a disallowed origin, and without ``Origin`` none but
  ``Access-Control-Allow-Origin: *`` and ``-Expose-Headers`` for ``allow_origins="*"``
  (README difference 5);
* ``Vary`` lists ``Origin`` exactly once whenever the policy depends on the origin, and
  the application's own ``Vary`` tokens are kept.
"""

from __future__ import annotations

import re
import warnings

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hypothesis_budget import examples
from wsgi_call import call
from wsgi_cors import CORSConfigurationError, CORSMiddleware, CORSSecurityWarning

EXACT = ["https://a.example.com", "http://localhost:8000", "http://127.0.0.1:5000", "null"]
PATTERNS = ["https://*.example.org", "http://*.example.net:8080"]
REGEX = r"https://[a-z]+\.test"
ORIGIN_POOL = [
    *EXACT,
    "https://b.example.com",
    "https://x.example.org",
    "https://x.y.example.org",
    "https://example.org",
    "http://x.example.org",
    "https://x.example.org:8443",
    "http://q.example.net:8080",
    "http://q.example.net",
    "https://abc.test",
    "https://abc.test.evil",
    "https://ABC.test",
    "https://evil.com",
    "https://a.example.com.evil.com",
    "",
]
SYNTAX = re.compile(r"[a-z][a-z0-9+.\-]*://[a-z0-9_\-.\[\]:]+")


def configured_origins(options: dict):
    # allow_origins defaults to "*", unless only allow_origin_regex is given.
    return options.get("allow_origins", () if "allow_origin_regex" in options else "*")


def is_allowed(origin: str, options: dict) -> bool:
    """The oracle: docs/configuration.rst's rules ('allow_origins', 'allow_origin_regex'),
    restated without the library's code."""
    origins = configured_origins(options)
    if origins == "*":
        return True
    if origin in origins:
        return True
    valid = SYNTAX.fullmatch(origin) is not None and origin.count(":") <= 2
    for pattern in origins:
        if "*." in pattern and valid:
            scheme, rest = pattern.split("://*.")
            if origin.startswith(scheme + "://") and origin.endswith("." + rest):
                middle = origin[len(scheme) + 3 : -len(rest) - 1]
                if middle and ":" not in middle and "/" not in middle:
                    return True
    regex = options.get("allow_origin_regex")
    return bool(regex and valid and re.fullmatch(regex, origin))


def varies(options: dict) -> bool:
    return configured_origins(options) != "*" or bool(options.get("allow_credentials"))


configs = st.fixed_dictionaries(
    {},
    optional={
        "allow_origins": st.one_of(
            st.just("*"),
            st.lists(st.sampled_from(EXACT + PATTERNS), unique=True, max_size=4),
        ),
        "allow_credentials": st.one_of(
            st.none(),
            st.just("*"),
            st.lists(st.sampled_from(EXACT + PATTERNS), unique=True, max_size=3),
        ),
        "expose_headers": st.one_of(st.none(), st.just(["X-Request-Id", "X-Other"])),
        "allow_methods": st.one_of(st.none(), st.just("*"), st.just(["GET", "PUT", "DELETE"])),
        "allow_headers": st.one_of(st.none(), st.just("*"), st.just(["content-type", "x-token"])),
        "max_age": st.one_of(st.none(), st.integers(0, 86400)),
        "allow_private_network": st.booleans(),
        "allow_origin_regex": st.just(REGEX),
    },
)
origins = st.one_of(st.sampled_from(ORIGIN_POOL), st.text(max_size=40))
app_varies = st.sampled_from([None, "Accept", "accept-encoding, ORIGIN", "*", "Origin"])
app_sets_origin = st.sampled_from([None, "*", "https://override.example"])


@st.composite
def requests(draw):
    headers = {}
    origin = draw(st.one_of(st.none(), origins))
    if origin is not None:
        headers["Origin"] = origin
    method = draw(st.sampled_from(["GET", "POST", "OPTIONS", "DELETE"]))
    if method == "OPTIONS" and draw(st.booleans()):
        headers["Access-Control-Request-Method"] = draw(st.sampled_from(["PUT", "GET", "PATCH"]))
        if draw(st.booleans()):
            headers["Access-Control-Request-Headers"] = draw(
                st.sampled_from(["content-type", "x-token,content-type", "x-other", ""])
            )
        if draw(st.booleans()):
            headers["Access-Control-Request-Private-Network"] = "true"
    return method, headers


def make_app(vary, own_origin, status):
    def app(environ, start_response):
        headers = [("Content-Type", "text/plain")]
        if environ["REQUEST_METHOD"] == "OPTIONS":
            headers.append(("Allow", "GET, PUT, OPTIONS"))
        if vary is not None:
            headers.append(("Vary", vary))
        if own_origin is not None:
            headers.append(("Access-Control-Allow-Origin", own_origin))
        start_response(status, headers)
        return [b"x"]

    return app


def vary_tokens(response) -> list[str]:
    return [
        token.strip().lower()
        for value in response.get_all("Vary")
        for token in value.split(",")
        if token.strip()
    ]


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    options=configs,
    request=requests(),
    vary=app_varies,
    own_origin=app_sets_origin,
    status=st.sampled_from(["200 OK", "204 No Content", "404 Not Found", "500 Oops"]),
)
def test_cors_invariants(options, request, vary, own_origin, status):
    star_star = configured_origins(options) == "*" and options.get("allow_credentials") == "*"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CORSSecurityWarning)
        try:
            middleware = CORSMiddleware(
                make_app(vary, own_origin, status),
                **options,
                dangerously_allow_any_origin_with_credentials=star_star,
            )
        except CORSConfigurationError as error:
            # Only what "Secure by default" refuses: credentials for an origin that is
            # not allowed, or for a pattern under which none is, no origin allowed at
            # all, or a pattern beside an explicit "*" (which it would never narrow).
            for problem in error.problems:
                assert (
                    "allows no origin" in problem.why
                    or "not allowed by" in problem.why
                    or "matches no origin that allow_origins allows" in problem.why
                    or "has no effect: allow_origins='*'" in problem.why
                )
            assume(False)
    method, headers = request
    response = call(middleware, method, headers=headers)
    origin = headers.get("Origin")
    acao = response.get_all("Access-Control-Allow-Origin")
    acac = response.get("Access-Control-Allow-Credentials")

    if own_origin is None:
        assert len(acao) <= 1
        if acao:
            assert acao[0] == "*" or acao[0] == origin
            assert is_allowed(origin, options)
            if acao[0] == origin:
                # Only a serialized origin (or an explicitly listed "null") is reflected.
                assert (
                    origin in configured_origins(options)
                    or origin in (options.get("allow_credentials") or ())
                    or SYNTAX.fullmatch(origin)
                )
        if acac is not None:
            assert acac == "true"
            assert acao and acao[0] != "*"
    answers_preflights = options.get("allow_methods", "*") is not None
    if origin is None or not is_allowed(origin, options):
        cors = set(response.cors())
        if own_origin is not None:
            cors.discard("access-control-allow-origin")
        if origin is None and configured_origins(options) == "*":
            # Difference 5: "*" without Origin too, never credentials.
            assert cors <= {"access-control-allow-origin", "access-control-expose-headers"}
            assert own_origin is not None or acao == ["*"]
            assert acac is None
        else:
            assert cors == set(), response.headers
        if "Access-Control-Request-Method" in headers and answers_preflights:
            if origin is not None:
                assert response.code == 403

    tokens = vary_tokens(response)
    short_circuited = (
        answers_preflights and origin is not None and "Access-Control-Request-Method" in headers
    )
    if vary is not None and not short_circuited:
        for token in vary.split(","):
            assert token.strip().lower() in tokens
    if varies(options) and (vary != "*" or short_circuited):
        assert tokens.count("origin") == 1, response.headers
    if not varies(options) and vary in (None, "Accept"):
        assert "origin" not in tokens


# -- Access-Control-Request-Headers: the server reads it as a browser writes it ----------

ALLOWED_HEADERS = ["X-Token", "content-type", "x-a"]
# Printable ASCII biased towards what makes a header list: names, commas and spaces.
REQUEST_HEADERS_VALUES = st.text(
    alphabet=st.sampled_from([*"xXat-", ",", " ", ",", " ", *"()/:;=?_"]), max_size=40
) | st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)


@settings(max_examples=examples(1000), deadline=None)
@given(requested=REQUEST_HEADERS_VALUES)
def test_unlisted_request_headers_agree_with_the_fetch_list_parse(requested: str) -> None:
    """``CORSPolicy.unlisted_request_headers`` (which decides a preflight against a list
    of ``allow_headers``) reads a value with ``config.header_list_elements``; it must
    agree with the Fetch standard's "extract header list values" as
    ``wsgi-cors check`` applies it: the same names, lower-cased, when the value parses
    as a list of tokens, and at least one unlisted name (a denial) when it does not."""
    from wsgi_cors.config import validate
    from wsgi_cors.policy import CORSPolicy, InvalidList, extract_header_list_values

    policy = CORSPolicy(validate(allow_headers=ALLOWED_HEADERS))
    unlisted = policy.unlisted_request_headers(requested)
    parsed = extract_header_list_values([requested])
    allowed = {name.lower() for name in ALLOWED_HEADERS}
    if isinstance(parsed, InvalidList):
        assert unlisted, (requested, parsed)
    else:
        assert parsed is not None
        assert unlisted == sorted({name.lower() for name in parsed} - allowed)
