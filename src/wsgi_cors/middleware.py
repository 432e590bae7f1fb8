"""The PEP 3333 adapter: reads a request's CORS headers from ``environ``, asks the
:class:`~wsgi_cors.policy.CORSPolicy`, and binds the server's ``start_response`` so that
the policy's headers reach the response. It holds no CORS rule of its own.

The ``start_response`` wrappers are made once per middleware, for its policy, by
:func:`_start_response_wrappers`, and bound per request in one way everywhere:
``MethodType(wrapper, bound)``, *bound* being the server's ``start_response``, or a
tuple of it and what the request decided (the grant, and for a preflight ``environ``
and its request values).
Nothing outlives the request and no grant refers to a wrapper, so no reference cycle
is made per request or per origin. :class:`types.MethodType` rather than
:func:`functools.partial`: binding and calling it costs about 70 ns less per request
on CPython 3.11 (timeit), a fifth of what a whole do-nothing ``start_response``
wrapper costs in ``benchmarks/run.py``.

The body iterable is returned untouched (so the server calls its ``close()`` exactly
once, streams it chunk by chunk, and may use ``wsgi.file_wrapper``); the ``write``
callable the server's ``start_response`` returns is handed back unchanged; ``exc_info``
is passed through so a second ``start_response`` call after an error works as
PEP 3333 says. Only a CORS-preflight request that the policy answers itself
(``allow_methods`` given) is answered here, without calling the application.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from types import MethodType
from typing import TYPE_CHECKING, Any

from .config import DEFAULT_ORIGINS, MAX_AGE_LIMIT, validate
from .policy import DENIED_BODY, ORIGIN_NOT_ALLOWED, CORSPolicy, Grant, Headers

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["CORSMiddleware", "enable_cors", "logger"]

#: Denied CORS requests are logged here at DEBUG level, with the reason; request
#: values are shown with ``%r`` (escaped, so that a log line cannot be forged) and cut
#: at 200 characters.
logger = logging.getLogger("wsgi_cors")

_NO_BODY: tuple[bytes, ...] = ()
_DENIED_BODY = (DENIED_BODY,)


class CORSMiddleware:
    """Add CORS response headers to any WSGI application.

    With only Falcon's options (*allow_origins*, *expose_headers*,
    *allow_credentials*, *allow_private_network*) the response headers equal those of
    ``falcon.App(middleware=falcon.CORSMiddleware(...))``, except for the deliberate
    differences in the README (``Vary: Origin`` above all).

    :param app: the PEP 3333 application to wrap.
    :param allow_origins: ``"*"`` (default: every origin), one origin, or an iterable
        of origins. An origin is a serialized origin, ``scheme://host[:port]`` exactly as
        a browser sends it in ``Origin`` (``"https://app.example.com"``); the literal
        ``"null"`` allows opaque origins; ``"https://*.example.com"`` allows every
        subdomain of ``example.com`` at any depth on that scheme and port. Matching is
        exact and case-sensitive, like Falcon's. If only *allow_origin_regex* is given,
        the default is no listed origin.
    :param expose_headers: response header names scripts may read, sent as
        ``Access-Control-Expose-Headers`` on every allowed response (Fetch standard,
        "CORS-safelisted response-header name" lists the ones always readable). A str
        is sent as given; an iterable is joined with ``", "`` (as Falcon does).
    :param allow_credentials: the origins whose requests in credentials mode
        ``"include"`` (cookies, HTTP authentication) may read responses: ``"*"`` for
        every allowed origin, one origin, an iterable of origins or patterns, or
        ``None`` (default, none). Such origins get
        ``Access-Control-Allow-Credentials: true`` and their origin reflected, never
        ``*`` (Fetch, "CORS check"). Takes effect only for origins *allow_origins* allows.
    :param allow_private_network: answer a preflight carrying
        ``Access-Control-Request-Private-Network: true`` with
        ``Access-Control-Allow-Private-Network: true`` (Private Network Access draft).
    :param allow_methods: ``None`` (default): preflights are passed to the application,
        whose 2xx answer's ``Allow`` header becomes ``Access-Control-Allow-Methods``
        (Falcon's behaviour). Otherwise ``"*"`` or method names: the middleware answers
        every preflight itself, ``204 No Content`` if allowed, ``403 Forbidden``
        otherwise, without calling the application. The method in
        ``Access-Control-Request-Method`` must be listed (compared case-sensitively, as
        the Fetch standard compares methods), safelisted GET, HEAD and POST included;
        ``"*"`` allows any.
    :param allow_headers: ``None`` (default): echo ``Access-Control-Request-Headers``
        (Falcon). ``"*"``: echo it too (never the literal ``*`` with credentials, which
        browsers ignore). Names: each requested header must be listed
        (case-insensitively) or the preflight is denied.
    :param max_age: seconds a browser may cache a preflight result, sent as
        ``Access-Control-Max-Age``; 0 to 86400 (default 86400, Falcon's value), or
        ``None`` to send no such header.
    :param allow_origin_regex: a pattern (str or compiled) an origin must match *in
        full* (``re.fullmatch``) to be allowed, like a listed one. Only syntactically
        valid serialized origins are matched.
    :raises TypeError: an option has the wrong type, or *app* is not callable.
    :raises wsgi_cors.CORSConfigurationError: a :class:`ValueError` listing every invalid
        option value (option, value, why, fix), e.g. an origin with a path or a trailing
        ``/``, a method or header name that is not an HTTP token, ``max_age`` out of range.
    :warns wsgi_cors.CORSSecurityWarning: for ``allow_origins="*"`` with
        ``allow_credentials="*"`` (every website may read credentialed responses).
    """

    def __init__(
        self,
        app: WSGIApplication,
        *,
        allow_origins: str | Iterable[str] = DEFAULT_ORIGINS,
        expose_headers: str | Iterable[str] | None = None,
        allow_credentials: str | Iterable[str] | None = None,
        allow_private_network: bool = False,
        allow_methods: str | Iterable[str] | None = None,
        allow_headers: str | Iterable[str] | None = None,
        max_age: int | None = MAX_AGE_LIMIT,
        allow_origin_regex: str | re.Pattern[str] | None = None,
    ) -> None:
        if not callable(app):
            raise TypeError(
                f"app: expected a WSGI application (a callable), got {type(app).__name__}"
                f" {app!r}; pass e.g. flask_app.wsgi_app or django's get_wsgi_application()"
            )
        config = validate(
            allow_origins=allow_origins,
            expose_headers=expose_headers,
            allow_credentials=allow_credentials,
            allow_private_network=allow_private_network,
            allow_methods=allow_methods,
            allow_headers=allow_headers,
            max_age=max_age,
            allow_origin_regex=allow_origin_regex,
        )
        #: The wrapped application.
        self.app = app
        #: The compiled :class:`~wsgi_cors.policy.CORSPolicy`.
        self.policy = CORSPolicy(config)
        (
            self._start_vary_only,
            self._start_actual,
            self._start_passed_preflight,
        ) = _start_response_wrappers(self.policy)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.app!r}, {self.policy.config})"

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        # The questions, in order: a CORS request? Its origin's grant. A preflight to
        # answer here? An origin not allowed? A preflight for the application? Then an
        # allowed origin's actual request.
        policy = self.policy
        origin = environ.get("HTTP_ORIGIN")
        if origin is None:
            # Not a CORS request (Fetch standard, "HTTP requests"): it passes through,
            # with Vary: Origin where the policy's answers depend on the origin
            # (README difference 1).
            if not policy.varies_by_origin:
                return self.app(environ, start_response)
            return self.app(environ, MethodType(self._start_vary_only, start_response))

        grant = policy.grant(origin)
        # A CORS-preflight request is OPTIONS with a non-empty
        # Access-Control-Request-Method (Fetch standard, "CORS-preflight request";
        # Falcon's test too): *method* is that method, or None.
        method = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD")
        if method and environ["REQUEST_METHOD"] != "OPTIONS":
            method = None
        if method:
            requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS")
            private_network = environ.get("HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK") == "true"
            if policy.answers_preflights:  # allow_methods given: answered here
                status, headers, reason = policy.preflight_answer(
                    grant, method, requested, private_network
                )
                start_response(status, list(headers))  # a new list: the server may change it
                if reason is None:
                    return _NO_BODY
                _log_denied(reason, environ, preflight=True)
                return _DENIED_BODY
            if grant is not None:  # Falcon's way: the application answers; we patch it
                bound = (start_response, grant, environ, requested, private_network)
                return self.app(environ, MethodType(self._start_passed_preflight, bound))
        if grant is None:
            # The origin is not allowed: no CORS header, only Vary: Origin (a policy
            # that can deny an origin always varies by it).
            if logger.isEnabledFor(logging.DEBUG):
                _log_denied(ORIGIN_NOT_ALLOWED, environ, preflight=bool(method))
            return self.app(environ, MethodType(self._start_vary_only, start_response))
        return self.app(environ, MethodType(self._start_actual, (start_response, grant)))


# -- start_response wrappers -------------------------------------------------------------


def _start_response_wrappers(
    policy: CORSPolicy,
) -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]:
    """The three ``start_response`` wrappers of *policy*: for a response that gets only
    ``Vary: Origin``, for an allowed origin's actual response, and for the application's
    answer to an allowed origin's CORS-preflight request. Each only asks the policy for
    the headers and hands them to the server's ``start_response``, with ``exc_info``."""
    response_headers = policy.response_headers
    patch_preflight = policy.patch_preflight

    def start_vary_only(
        start_response: StartResponse, status: str, headers: Headers, exc_info: Any = None
    ) -> Any:
        return start_response(status, response_headers(None, headers), exc_info)

    def start_actual(
        bound: tuple[StartResponse, Grant], status: str, headers: Headers, exc_info: Any = None
    ) -> Any:
        start_response, grant = bound
        return start_response(status, response_headers(grant, headers), exc_info)

    def start_passed_preflight(
        bound: tuple[StartResponse, Grant, WSGIEnvironment, str | None, bool],
        status: str,
        headers: Headers,
        exc_info: Any = None,
    ) -> Any:
        start_response, grant, environ, requested, private_network = bound
        headers, reason = patch_preflight(grant, status, headers, requested, private_network)
        if reason is not None:
            _log_denied(reason, environ, preflight=True)
        return start_response(status, headers, exc_info)

    return start_vary_only, start_actual, start_passed_preflight


def _log_denied(reason: str, environ: WSGIEnvironment, *, preflight: bool = False) -> None:
    """Log a denied CORS request at DEBUG, with the request's values escaped and cut.

    On the path browsers take most often (an actual request from an origin not
    allowed) the caller checks ``logger.isEnabledFor`` first, to skip this call."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    if preflight:
        logger.debug(
            "CORS-preflight request denied: %s (origin %.200r, method %.200r)",
            reason,
            environ.get("HTTP_ORIGIN"),
            environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD"),
        )
    else:
        logger.debug("CORS request denied: origin %.200r not allowed", environ["HTTP_ORIGIN"])


def enable_cors(app: WSGIApplication, **options: Any) -> CORSMiddleware:
    """Wrap *app* in :class:`CORSMiddleware`: the WSGI equivalent of Falcon's
    ``falcon.App(cors_enable=True)``.

    With no options every origin may read responses (``Access-Control-Allow-Origin:
    *``), without credentials. *options* are :class:`CORSMiddleware`'s keywords.
    """
    return CORSMiddleware(app, **options)
