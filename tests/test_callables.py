"""Callables in ``allow_origins`` and ``allow_credentials`` (README and
docs/configuration.rst, 'Origins decided by a function'): called only with a serialized
origin, never memoised, an exception denies the request (logged at ERROR, never a 500),
``Vary: Origin`` always sent."""

from __future__ import annotations

import functools
import http.client
import logging
from typing import Any

import pytest

import real_servers
from wsgi_call import call, plain_app
from wsgi_cors import CORSConfigurationError, CORSMiddleware

A = "https://a.example"
TENANT = "https://tenant1.example"
PREFLIGHT = {"Access-Control-Request-Method": "PUT"}


class Tenants:
    """A multi-tenant allow-list kept elsewhere (a database), that records each call."""

    def __init__(self, *origins: str) -> None:
        self.origins = set(origins)
        self.asked: list[str] = []
        self.fail = False

    def __call__(self, origin: str) -> bool:
        self.asked.append(origin)
        if self.fail:
            raise RuntimeError("database unavailable")
        return origin in self.origins


def cors(response: Any) -> dict[str, str]:
    return response.cors()


def test_a_callable_alone_allows_what_it_returns_true_for() -> None:
    tenants = Tenants(TENANT)
    app = CORSMiddleware(plain_app, allow_origins=tenants)
    assert cors(call(app, headers={"Origin": TENANT})) == {"access-control-allow-origin": TENANT}
    assert cors(call(app, headers={"Origin": A})) == {}
    assert tenants.asked == [TENANT, A]
    # Never memoised: the next request asks again, and sees a change at once.
    tenants.origins.add(A)
    assert cors(call(app, headers={"Origin": A}))["access-control-allow-origin"] == A
    assert tenants.asked == [TENANT, A, A]


def test_vary_origin_is_always_sent() -> None:
    app = CORSMiddleware(plain_app, allow_origins=Tenants(TENANT))
    for headers in ({}, {"Origin": TENANT}, {"Origin": A}, {"Origin": A, **PREFLIGHT}):
        response = call(
            app, "OPTIONS" if PREFLIGHT.keys() <= headers.keys() else "GET", headers=headers
        )
        assert response.get_all("Vary") == ["Origin"], headers


@pytest.mark.parametrize(
    "origin",
    [
        "null",
        "",
        "https://a.example/",
        "HTTPS://A.EXAMPLE",
        "https://a.example\r\nX: y",
        "https://" + "a" * 600 + ".example",
    ],
)
def test_never_called_with_what_is_not_a_serialized_origin(origin: str) -> None:
    tenants = Tenants(origin)
    app = CORSMiddleware(plain_app, allow_origins=[tenants], allow_credentials=[tenants])
    assert cors(call(app, headers={"Origin": origin})) == {}
    assert cors(call(app, "OPTIONS", headers={"Origin": origin, **PREFLIGHT})) == {}
    assert tenants.asked == []


@pytest.mark.parametrize("returned", [1, "yes", [A], None, False])
def test_only_true_allows(returned: object, caplog: pytest.LogCaptureFixture) -> None:
    """Anything but True denies; anything but a bool is logged once at WARNING, as the
    denial's DEBUG line ("origin not allowed") would not explain it (helper-129's
    review: a callable returning a re.Match was denied silently)."""
    app = CORSMiddleware(plain_app, allow_origins=lambda origin: returned)
    with caplog.at_level(logging.WARNING, logger="wsgi_cors"):
        for _ in range(3):
            assert cors(call(app, headers={"Origin": A})) == {}
    told = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    if returned is False:
        assert told == []
    else:
        (message,) = told
        assert f"returned a value of type {type(returned).__name__} for origin {A!r}" in message


def test_beside_strings_and_patterns() -> None:
    tenants = Tenants(TENANT)
    app = CORSMiddleware(
        plain_app, allow_origins=[A, "https://*.sub.example", tenants], allow_credentials=[A]
    )
    assert cors(call(app, headers={"Origin": A}))["access-control-allow-credentials"] == "true"
    assert "access-control-allow-origin" in cors(
        call(app, headers={"Origin": "https://x.sub.example"})
    )
    assert "access-control-allow-origin" in cors(call(app, headers={"Origin": TENANT}))
    # The exact entry and the pattern decide first: only the others reach the callable.
    assert tenants.asked == [TENANT]


def test_credentials_decided_by_a_callable_each_time() -> None:
    paying = Tenants(TENANT)
    app = CORSMiddleware(plain_app, allow_origins=[A, TENANT], allow_credentials=paying)
    assert cors(call(app, headers={"Origin": TENANT})) == {
        "access-control-allow-origin": TENANT,
        "access-control-allow-credentials": "true",
    }
    assert cors(call(app, headers={"Origin": A})) == {"access-control-allow-origin": A}
    paying.origins.clear()
    assert cors(call(app, headers={"Origin": TENANT})) == {"access-control-allow-origin": TENANT}
    assert paying.asked == [TENANT, A, TENANT]


def test_credentials_callable_with_any_origin_reflects_never_star() -> None:
    app = CORSMiddleware(plain_app, allow_credentials=Tenants(TENANT))
    assert cors(call(app, headers={"Origin": TENANT})) == {
        "access-control-allow-origin": TENANT,
        "access-control-allow-credentials": "true",
    }
    assert cors(call(app, headers={"Origin": A})) == {"access-control-allow-origin": "*"}


def test_preflights_decided_by_a_callable_are_answered_each_time() -> None:
    tenants = Tenants(TENANT)
    app = CORSMiddleware(plain_app, allow_origins=tenants)
    for _ in range(3):
        response = call(app, "OPTIONS", headers={"Origin": TENANT, **PREFLIGHT})
        assert response.status == "204 No Content"
    tenants.origins.clear()
    assert call(app, "OPTIONS", headers={"Origin": TENANT, **PREFLIGHT}).status == "403 Forbidden"
    assert tenants.asked == [TENANT] * 4


@pytest.mark.parametrize("option", ["allow_origins", "allow_credentials"])
@pytest.mark.parametrize("preflight", [False, True], ids=["actual", "preflight"])
def test_an_exception_denies_and_is_logged(
    option: str, preflight: bool, caplog: pytest.LogCaptureFixture
) -> None:
    tenants = Tenants(TENANT)
    tenants.fail = True
    options: dict[str, Any] = {option: tenants}
    if option == "allow_credentials":
        options["allow_origins"] = [A, TENANT]
    app = CORSMiddleware(plain_app, **options)
    headers = {"Origin": TENANT, **(PREFLIGHT if preflight else {})}
    with caplog.at_level(logging.ERROR, logger="wsgi_cors"):
        response = call(app, "OPTIONS" if preflight else "GET", headers=headers)
    assert response.status == ("403 Forbidden" if preflight else "200 OK")
    assert cors(response) == {}
    assert response.get_all("Vary") == ["Origin"]
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.name == "wsgi_cors"
    assert repr(TENANT) in record.getMessage()
    assert record.exc_info is not None and isinstance(record.exc_info[1], RuntimeError)


class Registry:
    """An allow-list object whose repr, like its look-up, needs the database."""

    down = False

    def __repr__(self) -> str:
        if self.down:
            raise ConnectionError("database down (in __repr__)")
        return "<Registry>"

    def allows(self, origin: str) -> bool:
        if self.down:
            raise ConnectionError("database down")
        return origin == TENANT


@pytest.mark.parametrize("preflight", [False, True], ids=["actual", "preflight"])
def test_a_callable_whose_repr_raises_too_still_denies(
    preflight: bool, caplog: pytest.LogCaptureFixture
) -> None:
    """A bound method's repr shows its object's: when that raises as well, the error
    naming the callable raised a second exception, which escaped the middleware (a
    500 under waitress: helper-133's review). The request is denied, and logged with
    the method's name. (Mutation checked: ``function!r`` in OriginCallableError.)"""
    registry = Registry()
    app = CORSMiddleware(plain_app, allow_origins=registry.allows)
    registry.down = True
    headers = {"Origin": TENANT, **(PREFLIGHT if preflight else {})}
    with caplog.at_level(logging.ERROR, logger="wsgi_cors"):
        response = call(app, "OPTIONS" if preflight else "GET", headers=headers)
    assert response.status == ("403 Forbidden" if preflight else "200 OK")
    assert cors(response) == {}
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "Registry.allows, whose repr() raised" in record.getMessage()
    assert record.exc_info is not None and isinstance(record.exc_info[1], ConnectionError)


def test_the_origin_in_the_error_log_is_escaped(caplog: pytest.LogCaptureFixture) -> None:
    """Only serialized origins reach a callable, so nothing raw can be logged; a long
    one is cut (its host of 247 characters within DNS's limits, or no callable is asked)."""
    long_origin = "https://" + ".".join(["a" * 59] * 4) + ".example"
    app = CORSMiddleware(plain_app, allow_origins=lambda origin: 1 / 0)
    with caplog.at_level(logging.ERROR, logger="wsgi_cors"):
        call(app, headers={"Origin": long_origin})
    message = caplog.records[-1].getMessage()
    assert "ZeroDivisionError" not in message  # in the traceback, not the line
    assert long_origin[:190] in message and long_origin not in message


def test_configuration_checks_around_callables() -> None:
    # Credentials for an exact origin: not checked when allow_origins holds a callable.
    CORSMiddleware(plain_app, allow_origins=[Tenants()], allow_credentials=[TENANT])
    with pytest.raises(TypeError, match="str or callable items in allow_origins"):
        CORSMiddleware(plain_app, allow_origins=[A, 42])
    with pytest.raises(CORSConfigurationError):
        CORSMiddleware(plain_app, allow_origins=[], allow_credentials=[Tenants()])


NOT_ONE_ARGUMENT = [object, bool, Tenants, lambda: True, lambda origin, tenant: True]


@pytest.mark.parametrize("function", NOT_ONE_ARGUMENT)
@pytest.mark.parametrize("listed", [False, True])
@pytest.mark.parametrize("option", ["allow_origins", "allow_credentials"])
def test_a_callable_that_cannot_take_one_origin_is_refused_at_construction(
    function: Any, listed: bool, option: str
) -> None:
    """A class such as ``object`` (what django-cors-headers' checks test with) or a
    function of no or two arguments would raise on every request, each denied and
    logged at ERROR; a bad configuration fails at construction instead
    (docs/configuration.rst, 'Validation')."""
    options: dict[str, Any] = {"allow_origins": "*"} if option == "allow_credentials" else {}
    options[option] = [function] if listed else function
    with pytest.raises(TypeError, match=f"{option}: expected a function of one argument") as caught:
        CORSMiddleware(plain_app, **options)
    if function is Tenants:
        assert "pass an instance if Tenants has a __call__ method" in str(caught.value)


def with_tenants(function: Any) -> Any:
    """A decorator in the usual shape: the wrapper takes the origin only."""

    @functools.wraps(function)
    def wrapper(origin: str) -> bool:
        return bool(function(origin, {TENANT}))

    return wrapper


@with_tenants
def a_tenant(origin: str, tenants: set[str]) -> bool:
    return origin in tenants


def test_callables_of_one_argument_in_other_shapes_are_accepted() -> None:
    """Defaults, ``*args``, a bound method, a callable object and a cached function."""
    cached = functools.lru_cache(maxsize=None)(lambda origin: origin == TENANT)
    partial = functools.partial(lambda tenants, origin: origin in tenants, {TENANT})
    for function in (lambda origin, cache=None: True, lambda *origins: True, Tenants(),
                     Tenants().__call__, cached, partial, len):  # fmt: skip
        CORSMiddleware(plain_app, allow_origins=function)
    # functools.wraps: the wrapper's own signature counts, not the wrapped function's.
    response = call(CORSMiddleware(plain_app, allow_origins=a_tenant), headers={"Origin": TENANT})
    assert response.get("Access-Control-Allow-Origin") == TENANT


@pytest.mark.servers
def test_a_raising_callable_is_no_500_under_a_real_server() -> None:
    """docs/configuration.rst, 'Origins decided by a function' ("an exception denies the
    request, never a 500"): behind waitress, the request is answered by the application,
    without any CORS header."""
    pytest.importorskip("waitress.server")
    tenants = Tenants(TENANT)
    tenants.fail = True
    # real_servers.waitress stops the server in its own loop's thread: closing it
    # from here raced its select() (an EBADF traceback in a later test's warnings).
    with real_servers.waitress(CORSMiddleware(plain_app, allow_origins=tenants), 2) as server:
        for method, headers in (("GET", {}), ("OPTIONS", PREFLIGHT)):
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            connection.request(method, "/items", headers={"Origin": TENANT, **headers})
            response = connection.getresponse()
            response.read()
            connection.close()
            assert response.status == (200 if method == "GET" else 403)
            assert not [
                n for n, _ in response.getheaders() if n.lower().startswith("access-control-")
            ]
