"""Differential tests: ``CORSMiddleware(falcon.App())`` against Falcon's own CORS.

The same Falcon resources are served twice, by
(A) ``falcon.App(middleware=falcon.CORSMiddleware(**opts))`` and by
(B) ``CORSMiddleware(falcon.App(), allow_methods=None, **opts)``, for every valid
configuration made of Falcon's four options and every request kind below.
``allow_methods=None`` is Falcon's pass-through preflight (difference 6 is the default
otherwise); ``allow_origins="*"`` with ``allow_credentials="*"`` also gets the opt-in
difference 7 asks for. (B)'s status, headers and body must equal what
:func:`expected_from_falcon` derives from (A)'s answer, and that function applies
exactly the README's deliberate differences that show here, nothing else:

1. ``Vary: Origin`` is added (or merged into the response's own ``Vary``) unless the
   policy is ``allow_origins="*"`` without any credentials;
2. a denied pass-through preflight (2xx without ``Allow``) loses every
   ``Access-Control-*`` header;
3. a preflight answer is patched if and only if it is 2xx (Falcon: if and only if the
   responder did not raise); where the two rules disagree, the expectation is Falcon's
   own middleware run with the 2xx rule;
4. a ``null`` or syntactically invalid origin is never reflected;
5. with ``allow_origins="*"``, a request without ``Origin`` gets
   ``Access-Control-Allow-Origin: *`` and ``-Expose-Headers`` all the same.

Header names are compared case-insensitively, values byte for byte.

At the end, ``enable_cors(app, allow_methods=None)`` on Falcon, Flask, Django, WebOb and
plain WSGI applications is compared with ``falcon.App(cors_enable=True)``, and
``enable_cors(app)`` is shown to answer the preflights itself.
"""

from __future__ import annotations

import functools
import itertools
import warnings
from dataclasses import dataclass
from typing import Any

import falcon
import pytest

from apps import FRAMEWORKS, FalconAllowMirror, make_app, make_falcon_app
from wsgi_call import Response, call
from wsgi_cors import CORSConfigurationError, CORSMiddleware, CORSSecurityWarning, enable_cors

A = "https://a.example"
B = "http://b.example:8080"
C = "https://c.example"  # only ever named in allow_credentials
EVIL = "https://evil.example"
NULL = "null"
INVALID = "https://a.example/"  # a URL, not a serialized origin
UPPER = "HTTPS://A.EXAMPLE"  # browsers never send upper case
EMPTY = ""

INVALID_ORIGINS = frozenset({NULL, INVALID, UPPER, EMPTY})

ACAO = "access-control-allow-origin"
ACAC = "access-control-allow-credentials"
ACAM = "access-control-allow-methods"
ACEH = "access-control-expose-headers"


# -- the configurations: Falcon's four options ------------------------------------------

ORIGIN_OPTIONS = {"star": "*", "one": A, "two": [A, B]}
EXPOSE_OPTIONS = {
    "noexpose": None,
    "expose1": "X-Request-Id",
    "expose2": ["X-Request-Id", "X-Total"],
    # A name repeated, in another case too: Falcon sends every copy, and so must we.
    "exposerepeats": ["X-Request-Id", "x-request-id", "X-Total", "X-Request-Id"],
}
CREDENTIAL_OPTIONS = {"nocreds": None, "credsall": "*", "creds1": A, "creds2": [B, C]}
PRIVATE_NETWORK_OPTIONS = {"nopna": False, "pna": True}


@dataclass(frozen=True)
class Config:
    id: str
    opts: tuple[tuple[str, Any], ...]

    @property
    def kwargs(self) -> dict[str, Any]:
        """Falcon's options, as ``falcon.CORSMiddleware`` takes them."""
        return dict(self.opts)

    @property
    def star_star(self) -> bool:
        """``allow_origins="*"`` with ``allow_credentials="*"``: refused unless opted
        into (difference 7), then CORSSecurityWarning."""
        kw = self.kwargs
        return kw["allow_origins"] == "*" and kw["allow_credentials"] == "*"

    @property
    def warns(self) -> bool:
        """A CORSSecurityWarning: :attr:`star_star`, or ``allow_private_network=True``
        with ``allow_origins="*"`` (every website's pages reach the private network)."""
        kw = self.kwargs
        private_network = kw.get("allow_private_network") and kw["allow_origins"] == "*"
        return self.star_star or bool(private_network)

    @property
    def our_kwargs(self) -> dict[str, Any]:
        """The same options for ``CORSMiddleware``: Falcon's pass-through preflights,
        and the opt-in of difference 7 where it applies."""
        extra: dict[str, Any] = {"allow_methods": None}
        if self.star_star:
            extra["dangerously_allow_any_origin_with_credentials"] = True
        return {**self.kwargs, **extra}

    @property
    def grants_nothing_named(self) -> bool:
        """An origin in ``allow_credentials`` that ``allow_origins`` does not allow:
        refused at construction (README, "Secure by default"), so not compared."""
        kw = self.kwargs
        origins, credentials = kw["allow_origins"], kw["allow_credentials"]
        if origins == "*" or credentials in (None, "*"):
            return False
        origins = [origins] if isinstance(origins, str) else origins
        credentials = [credentials] if isinstance(credentials, str) else credentials
        return not set(credentials) <= set(origins)


ALL_CONFIGS = [
    Config(
        f"{o}-{e}-{c}-{p}",
        (
            ("allow_origins", ORIGIN_OPTIONS[o]),
            ("expose_headers", EXPOSE_OPTIONS[e]),
            ("allow_credentials", CREDENTIAL_OPTIONS[c]),
            ("allow_private_network", PRIVATE_NETWORK_OPTIONS[p]),
        ),
    )
    for o, e, c, p in itertools.product(
        ORIGIN_OPTIONS, EXPOSE_OPTIONS, CREDENTIAL_OPTIONS, PRIVATE_NETWORK_OPTIONS
    )
]
CONFIGS = [config for config in ALL_CONFIGS if not config.grants_nothing_named]
REFUSED_CONFIGS = [config for config in ALL_CONFIGS if config.grants_nothing_named]
CONFIG_BY_ID = {config.id: config for config in CONFIGS}


# -- the requests -----------------------------------------------------------------------


@dataclass(frozen=True)
class Req:
    id: str
    method: str
    path: str
    origin: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    query: str = ""

    @property
    def headers(self) -> list[tuple[str, str]]:
        origin = [] if self.origin is None else [("Origin", self.origin)]
        return [*origin, *self.extra]

    @property
    def is_preflight(self) -> bool:
        request_method = dict(self.extra).get("Access-Control-Request-Method")
        return self.method == "OPTIONS" and self.origin is not None and bool(request_method)


ACRM = ("Access-Control-Request-Method", "PUT")
ACRH = ("Access-Control-Request-Headers", "X-Custom, Content-Type")
ACRPN = ("Access-Control-Request-Private-Network", "true")


def preflight(id: str, path: str, origin: str | None, *extra: tuple[str, str]) -> Req:
    return Req(id, "OPTIONS", path, origin, (ACRM, *extra))


REQUESTS = [
    # actual requests
    Req("get-no-origin", "GET", "/items"),
    Req("get-a", "GET", "/items", A),
    Req("get-b", "GET", "/items", B),
    Req("get-c", "GET", "/items", C),
    Req("get-evil", "GET", "/items", EVIL),
    Req("get-null", "GET", "/items", NULL),
    Req("get-invalid", "GET", "/items", INVALID),
    Req("get-upper", "GET", "/items", UPPER),
    Req("get-empty", "GET", "/items", EMPTY),
    Req("put-a", "PUT", "/items", A),
    Req("post-a-405", "POST", "/items", A),
    Req("get-404", "GET", "/missing", A),
    Req("get-own-acao", "GET", "/own-acao", A),
    Req("get-own-acao-evil", "GET", "/own-acao", EVIL),
    Req("get-own-acao-null", "GET", "/own-acao", NULL),
    Req("get-own-acao-acac", "GET", "/own-acao-acac", A),
    Req("get-own-acao-acac-c", "GET", "/own-acao-acac", C),
    Req("get-own-expose", "GET", "/own-expose", A),
    Req("get-400", "GET", "/bad-request", A),
    Req("get-500", "GET", "/error", A),
    Req("get-500-no-origin", "GET", "/error"),
    Req("get-vary", "GET", "/vary", A, query="value=Accept-Encoding"),
    Req("get-vary-no-origin", "GET", "/vary", None, query="value=Accept-Encoding"),
    Req("get-vary-evil", "GET", "/vary", EVIL, query="value=Accept-Encoding"),
    Req("get-vary-origin", "GET", "/vary", A, query="value=origin"),
    Req("get-vary-star", "GET", "/vary", A, query="value=*"),
    Req("options-no-acrm", "OPTIONS", "/items", A),
    Req("options-empty-acrm", "OPTIONS", "/items", A, (("Access-Control-Request-Method", ""),)),
    Req("options-no-origin", "OPTIONS", "/items", None, (ACRM,)),
    # CORS-preflight requests
    preflight("pre-a", "/items", A),
    preflight("pre-a-headers", "/items", A, ACRH),
    # Longer than any browser's (a few dozen bytes), and a Latin-1 letter, which no
    # header name holds: both echoed as Falcon echoes them.
    preflight("pre-a-headers-long", "/items", A, ("Access-Control-Request-Headers", "x-" * 4000)),
    preflight("pre-a-headers-latin-1", "/items", A, ("Access-Control-Request-Headers", "x-\xe9")),
    preflight("pre-a-pna", "/items", A, ACRPN),
    preflight("pre-a-headers-pna", "/items", A, ACRH, ACRPN),
    preflight("pre-a-pna-false", "/items", A, ("Access-Control-Request-Private-Network", "false")),
    preflight("pre-b", "/items", B, ACRH),
    preflight("pre-c", "/items", C, ACRH),
    preflight("pre-evil", "/items", EVIL, ACRH, ACRPN),
    preflight("pre-null", "/items", NULL, ACRH),
    preflight("pre-invalid", "/items", INVALID, ACRPN),
    preflight("pre-no-allow", "/custom-options", A),
    preflight("pre-no-allow-pna", "/custom-options", A, ACRH, ACRPN),
    preflight("pre-no-allow-evil", "/custom-options", EVIL),
    preflight("pre-own-no-allow", "/own-headers-no-allow", A, ACRH),
    preflight("pre-own-no-allow-evil", "/own-headers-no-allow", EVIL),
    Req("options-own-no-allow", "OPTIONS", "/own-headers-no-allow", A),
    preflight("pre-404", "/missing", A, ACRH),
    preflight("pre-404-pna", "/missing", A, ACRPN),
    preflight("pre-own-acao", "/own-acao", A, ACRH),
    preflight("pre-own-acao-evil", "/own-acao", EVIL),
    preflight("pre-own-acao-acac", "/own-acao-acac", A, ACRPN),
    preflight("pre-raises-400", "/bad-request", A, ACRH, ACRPN),
    preflight("pre-status-400", "/options-400", A, ACRH, ACRPN),
    preflight("pre-raises-200", "/options-raise-200", A, ACRH, ACRPN),
    preflight("pre-raises-200-null", "/options-raise-200", NULL),
]


# -- the two applications ---------------------------------------------------------------


class RecordingFalconCORS(falcon.CORSMiddleware):
    """``falcon.CORSMiddleware`` unchanged, remembering whether the responder raised."""

    def __init__(self, **opts: Any) -> None:
        super().__init__(**opts)
        self.req_succeeded: bool | None = None

    def process_response(self, req, resp, resource, req_succeeded):  # type: ignore[no-untyped-def]
        self.req_succeeded = req_succeeded
        super().process_response(req, resp, resource, req_succeeded)


class FalconCORSWith2xxRule(falcon.CORSMiddleware):
    """``falcon.CORSMiddleware`` with difference 3 applied: a preflight answer is patched
    when its status is 2xx, whether or not the responder raised."""

    def process_response(self, req, resp, resource, req_succeeded):  # type: ignore[no-untyped-def]
        super().process_response(req, resp, resource, 200 <= resp.status_code < 300)


@dataclass
class Apps:
    falcon_cors: RecordingFalconCORS
    falcon: falcon.App  # (A)
    falcon_2xx_rule: falcon.App  # (A) with difference 3
    ours: CORSMiddleware  # (B)


@functools.cache
def apps_for(config_id: str) -> Apps:
    config = CONFIG_BY_ID[config_id]
    falcon_cors = RecordingFalconCORS(**config.kwargs)
    if config.warns:
        with pytest.warns(CORSSecurityWarning):
            ours = CORSMiddleware(make_falcon_app(), **config.our_kwargs)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("error", CORSSecurityWarning)
            ours = CORSMiddleware(make_falcon_app(), **config.our_kwargs)
    return Apps(
        falcon_cors=falcon_cors,
        falcon=make_falcon_app(middleware=falcon_cors),
        falcon_2xx_rule=make_falcon_app(middleware=FalconCORSWith2xxRule(**config.kwargs)),
        ours=ours,
    )


def run(app: Any, req: Req) -> Response:
    return call(app, req.method, req.path, req.headers, req.query)


# -- the deliberate differences -----------------------------------------------------------


def falcon_allows(origin: str, opts: dict[str, Any]) -> bool:
    allowed = opts["allow_origins"]
    if allowed == "*":
        return True
    return origin in ([allowed] if isinstance(allowed, str) else allowed)


def varies_by_origin(opts: dict[str, Any]) -> bool:
    """Difference 1: every answer but the static ``*`` one depends on the origin."""
    return not (opts["allow_origins"] == "*" and opts["allow_credentials"] is None)


def merge_vary_origin(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    vary = [i for i, (name, _) in enumerate(headers) if name == "vary"]
    tokens = {token.strip().lower() for i in vary for token in headers[i][1].split(",")}
    if not vary:
        return [*headers, ("vary", "Origin")]
    if "origin" in tokens or "*" in tokens:
        return headers
    last = vary[-1]
    headers = list(headers)
    headers[last] = ("vary", headers[last][1] + ", Origin")
    return headers


def is_2xx(status: str) -> bool:
    return status.startswith("2")


def expected_from_falcon(apps: Apps, req: Req, opts: dict[str, Any]) -> tuple[Response, set[int]]:
    """What (B) must answer, from (A)'s answer and the README's deliberate differences.

    Returns the expected response (lower-case header names) and the numbers of the
    differences that changed it.
    """
    applied: set[int] = set()
    falcon_response = run(apps.falcon, req)
    falcon_patched = bool(apps.falcon_cors.req_succeeded)

    # 3. Only a 2xx preflight answer is patched (Falcon: any answer of a responder that
    #    did not raise). Where the rules disagree, take Falcon's middleware with ours.
    if req.is_preflight and falcon_patched != is_2xx(falcon_response.status):
        if falcon_allows(req.origin or "", opts):
            falcon_response = run(apps.falcon_2xx_rule, req)
            applied.add(3)

    status, body = falcon_response.status, falcon_response.body
    headers = [(name.lower(), value) for name, value in falcon_response.headers]
    names = {name for name, _ in headers}

    # 4. A null or invalid origin is never reflected: Falcon reflects it (with
    #    credentials) only for allow_origins="*" with allow_credentials="*"; we send "*".
    if req.origin in INVALID_ORIGINS and dict(headers).get(ACAO) == req.origin:
        headers = [(n, "*" if n == ACAO else v) for n, v in headers if n != ACAC]
        applied.add(4)

    # 2. A denied pass-through preflight (2xx, no Allow, hence no
    #    Access-Control-Allow-Methods) loses every Access-Control-* header.
    if (
        req.is_preflight
        and falcon_allows(req.origin or "", opts)
        and is_2xx(status)
        and ACAM not in names
    ):
        stripped = [(n, v) for n, v in headers if not n.startswith("access-control-")]
        if stripped != headers:
            applied.add(2)
        headers = stripped

    # 5. With allow_origins="*", "*" (and the exposed headers) without Origin too.
    if req.origin is None and opts["allow_origins"] == "*" and ACAO not in names:
        headers.append((ACAO, "*"))
        expose = opts["expose_headers"]
        if expose:
            headers.append((ACEH, expose if isinstance(expose, str) else ", ".join(expose)))
        applied.add(5)

    # 1. Vary: Origin whenever the answer could differ with the origin.
    if varies_by_origin(opts):
        merged = merge_vary_origin(headers)
        if merged != headers:
            applied.add(1)
        headers = merged

    return Response(status, headers, body), applied


# -- the differential test --------------------------------------------------------------


@pytest.mark.parametrize("req", REQUESTS, ids=[r.id for r in REQUESTS])
@pytest.mark.parametrize("config", CONFIGS, ids=[c.id for c in CONFIGS])
def test_same_as_falcon_but_the_documented_differences(config: Config, req: Req) -> None:
    apps = apps_for(config.id)
    expected, _ = expected_from_falcon(apps, req, config.kwargs)
    actual = run(apps.ours, req)
    assert actual.status == expected.status
    assert actual.normalized() == expected.normalized()
    assert actual.body == expected.body


# Each deliberate difference, shown on one case where it is the only one that applies
# and on cases where Falcon and this package agree exactly: the expectation function
# is not allowed to be vacuous.
DIFFERENCE_CASES = [
    # (config id, request id, differences applied)
    ("star-noexpose-nocreds-nopna", "get-a", set()),
    ("star-expose2-nocreds-pna", "pre-a-headers-pna", set()),
    ("star-noexpose-nocreds-nopna", "get-no-origin", {5}),
    ("star-expose2-creds1-nopna", "get-500-no-origin", {1, 5}),
    ("star-noexpose-nocreds-nopna", "options-no-origin", {5}),
    ("star-noexpose-nocreds-nopna", "pre-404", set()),
    ("star-noexpose-nocreds-nopna", "pre-raises-400", set()),
    ("two-noexpose-nocreds-nopna", "get-a", {1}),
    ("two-noexpose-nocreds-nopna", "get-no-origin", {1}),
    ("two-noexpose-nocreds-nopna", "get-evil", {1}),
    ("two-noexpose-nocreds-nopna", "get-vary", {1}),
    ("two-noexpose-nocreds-nopna", "get-vary-origin", set()),
    ("two-noexpose-nocreds-nopna", "get-vary-star", set()),
    ("star-noexpose-creds1-nopna", "get-b", {1}),
    ("star-noexpose-creds1-nopna", "pre-b", {1}),
    ("star-noexpose-creds1-nopna", "pre-no-allow", {1, 2}),
    ("star-noexpose-nocreds-pna", "pre-no-allow-pna", {2}),
    ("star-noexpose-credsall-nopna", "pre-no-allow", {1, 2}),
    ("star-noexpose-nocreds-nopna", "pre-own-no-allow", {2}),
    ("two-noexpose-nocreds-nopna", "pre-own-no-allow-evil", {1}),
    ("star-noexpose-nocreds-nopna", "pre-status-400", {3}),
    ("star-noexpose-nocreds-nopna", "pre-raises-200", {3}),
    ("star-noexpose-credsall-nopna", "get-null", {1, 4}),
    ("star-noexpose-credsall-nopna", "get-invalid", {1, 4}),
    ("star-noexpose-credsall-nopna", "get-empty", {1, 4}),
    ("star-noexpose-credsall-nopna", "pre-null", {1, 4}),
    ("star-noexpose-nocreds-nopna", "get-null", set()),
    ("star-noexpose-creds2-nopna", "get-null", {1}),
]


@pytest.mark.parametrize("config", REFUSED_CONFIGS, ids=[c.id for c in REFUSED_CONFIGS])
def test_credentials_for_an_origin_not_allowed_are_refused(config: Config) -> None:
    """Falcon accepts them and never grants them; wsgi-cors refuses them at construction."""
    with pytest.raises(CORSConfigurationError) as raised:
        CORSMiddleware(make_falcon_app(), **config.our_kwargs)
    assert {p.option for p in raised.value.problems} == {"allow_credentials"}
    assert all("allow_origins" in p.fix for p in raised.value.problems)


@pytest.mark.parametrize(
    ("config_id", "req_id", "differences"),
    DIFFERENCE_CASES,
    ids=[f"{c}-{r}" for c, r, _ in DIFFERENCE_CASES],
)
def test_the_differences_that_apply(config_id: str, req_id: str, differences: set[int]) -> None:
    req = next(r for r in REQUESTS if r.id == req_id)
    config = CONFIG_BY_ID[config_id]
    apps = apps_for(config_id)
    expected, applied = expected_from_falcon(apps, req, config.kwargs)
    assert applied == differences
    assert run(apps.ours, req).normalized() == expected.normalized()


def test_difference_4_star_with_star_credentials_and_a_null_origin() -> None:
    """Spelled out: Falcon reflects ``null`` with credentials, this package sends ``*``
    without them."""
    apps = apps_for("star-noexpose-credsall-nopna")
    req = next(r for r in REQUESTS if r.id == "get-null")
    falcon_cors = run(apps.falcon, req).cors()
    ours = run(apps.ours, req)
    assert falcon_cors == {ACAO: "null", ACAC: "true"}
    assert ours.cors() == {ACAO: "*"}
    assert ours.get("Vary") == "Origin"


def test_difference_2_falcon_leaves_credentials_and_private_network_behind() -> None:
    apps = apps_for("two-expose1-credsall-pna")
    req = next(r for r in REQUESTS if r.id == "pre-no-allow-pna")
    falcon_response = run(apps.falcon, req)
    ours = run(apps.ours, req)
    assert falcon_response.cors() == {
        ACAC: "true",
        "access-control-allow-private-network": "true",
    }
    assert ours.status == falcon_response.status == "200 OK"
    assert ours.cors() == {}
    assert ours.get("Vary") == "Origin"


def test_difference_3_non_2xx_preflight_answer_is_not_patched() -> None:
    apps = apps_for("star-expose1-nocreds-pna")
    req = next(r for r in REQUESTS if r.id == "pre-status-400")
    falcon_response = run(apps.falcon, req)
    ours = run(apps.ours, req)
    assert falcon_response.status == ours.status == "400 Bad Request"
    assert falcon_response.get("Allow") is None
    assert falcon_response.cors()[ACAM] == "GET, OPTIONS"
    assert ours.get("Allow") == "GET, OPTIONS"
    assert ours.cors() == {ACAO: "*", "access-control-expose-headers": "X-Request-Id"}


def test_difference_3_raised_2xx_preflight_answer_is_patched() -> None:
    apps = apps_for("star-noexpose-nocreds-nopna")
    req = next(r for r in REQUESTS if r.id == "pre-raises-200")
    falcon_response = run(apps.falcon, req)
    ours = run(apps.ours, req)
    assert falcon_response.get("Allow") == "GET, OPTIONS"
    assert ACAM not in falcon_response.cors()
    assert ours.get("Allow") is None
    assert ours.cors() == {
        ACAO: "*",
        ACAM: "GET, OPTIONS",
        "access-control-allow-headers": "X-Custom, Content-Type",
        "access-control-max-age": "86400",
    }


# -- enable_cors(app) == falcon.App(cors_enable=True) ------------------------------------

ENABLE_CORS_REQUESTS = [
    Req("get-no-origin", "GET", "/items"),
    Req("get-origin", "GET", "/items", A),
    Req("get-null", "GET", "/items", NULL),
    Req("put-origin", "PUT", "/items", A),
    Req("get-404", "GET", "/missing", A),
    Req("get-own-acao", "GET", "/own-acao", A),
    Req("get-own-acao-acac", "GET", "/own-acao-acac", A),
    Req("options-no-acrm", "OPTIONS", "/items", A),
    preflight("preflight", "/items", A),
    preflight("preflight-headers", "/items", A, ACRH),
    preflight("preflight-pna", "/items", A, ACRH, ACRPN),
    preflight("preflight-no-allow", "/custom-options", A, ACRH),
]


def falcon_cors_enabled_reference(allow: str) -> falcon.App:
    """``falcon.App(cors_enable=True)`` whose ``/items`` answers OPTIONS with *allow*,
    the ``Allow`` value of the application compared with it."""
    return make_falcon_app(items=FalconAllowMirror(allow), cors_enable=True)


def with_difference_5(reference: Response, req: Req) -> Response:
    """*reference* (Falcon's ``cors_enable=True``) with difference 5: ``*`` without
    ``Origin`` too."""
    if req.origin is None:
        return Response(reference.status, [*reference.headers, (ACAO, "*")], reference.body)
    return reference


@pytest.mark.parametrize("req", ENABLE_CORS_REQUESTS, ids=[r.id for r in ENABLE_CORS_REQUESTS])
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_enable_cors_with_pass_through_equals_falcon_cors_enable(framework: str, req: Req) -> None:
    app = make_app(framework)
    allow = call(app, "OPTIONS", "/items").get("Allow")
    assert allow, f"{framework}'s OPTIONS /items answer must carry Allow"
    reference = with_difference_5(run(falcon_cors_enabled_reference(allow), req), req)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ours = run(enable_cors(app, allow_methods=None), req)
    assert ours.code == reference.code
    assert ours.cors() == reference.cors()
    # allow_origins="*" without credentials: the answer does not vary by origin.
    assert "origin" not in (ours.get("Vary") or "").lower()
    if req.is_preflight and ours.cors():
        assert ours.get("Allow") is None


PREFLIGHTS = [req for req in ENABLE_CORS_REQUESTS if req.is_preflight]


@pytest.mark.parametrize("req", PREFLIGHTS, ids=[r.id for r in PREFLIGHTS])
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_enable_cors_answers_preflights_itself(framework: str, req: Req) -> None:
    """Difference 6: by default the middleware answers, the application is not called,
    whatever the framework does with OPTIONS."""
    calls = []
    app = make_app(framework)

    def counting(environ: dict[str, Any], start_response: Any) -> Any:
        calls.append(environ["PATH_INFO"])
        return app(environ, start_response)

    ours = run(enable_cors(counting), req)
    requested = dict(req.extra).get("Access-Control-Request-Headers", "*")
    assert ours.status == "204 No Content"
    assert ours.cors() == {
        ACAO: "*",
        ACAM: "PUT",
        "access-control-allow-headers": requested,
        "access-control-max-age": "86400",
    }
    assert ours.body == b""
    assert calls == []


def test_enable_cors_on_falcon_app_equals_cors_enable_exactly() -> None:
    """Same Falcon resources, Falcon's default OPTIONS responder: every header equal
    (with difference 5)."""
    for req in ENABLE_CORS_REQUESTS:
        reference = with_difference_5(run(make_falcon_app(cors_enable=True), req), req)
        ours = run(enable_cors(make_falcon_app(), allow_methods=None), req)
        assert (ours.status, ours.normalized(), ours.body) == (
            reference.status,
            reference.normalized(),
            reference.body,
        ), req.id


# -- an application's own Access-Control-Allow-Private-Network ---------------------------


class FalconOwnPrivateNetwork:
    """Answers OPTIONS with ``Allow`` and its own ``Access-Control-Allow-Private-Network``."""

    def on_options(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.set_header("Allow", "GET, OPTIONS")
        resp.set_header("Access-Control-Allow-Private-Network", "true")


@pytest.mark.parametrize(
    ("opts", "extra"),
    [
        ({}, ()),
        ({"allow_private_network": True}, ()),
        ({"allow_private_network": True}, (("Access-Control-Request-Private-Network", "no"),)),
        ({"allow_private_network": True}, (ACRPN,)),
        ({}, (ACRPN,)),
    ],
    ids=["disabled", "not-requested", "requested-with-no", "requested", "requested-disabled"],
)
def test_application_private_network_header_on_a_preflight(
    opts: dict[str, Any], extra: tuple[tuple[str, str], ...]
) -> None:
    """Falcon keeps it unless it sets its own (then there is one). Found by this suite:
    the core used to remove it."""

    def app(**app_options: Any) -> falcon.App:
        falcon_app = falcon.App(**app_options)
        falcon_app.add_route("/pna", FalconOwnPrivateNetwork())
        return falcon_app

    req = preflight("pre-own-pna", "/pna", A, *extra)
    reference = run(app(middleware=falcon.CORSMiddleware(**opts)), req)
    with warnings.catch_warnings():  # the private network for any origin: warned of
        warnings.simplefilter("ignore", CORSSecurityWarning)
        ours = run(CORSMiddleware(app(), allow_methods=None, **opts), req)
    # allow_origins="*" without credentials: none of the differences applies.
    assert reference.get_all("Access-Control-Allow-Private-Network") == ["true"]
    assert ours.normalized() == reference.normalized()
