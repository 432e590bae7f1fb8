"""The PEP 3333 adapter: reads the request's CORS headers from ``environ``, lets the
:class:`~wsgi_cors.policy.CORSPolicy` decide, and rewrites the response headers the
application passes to ``start_response``.

The body iterable is returned untouched (so the server calls its ``close()`` exactly
once, streams it chunk by chunk, and may use ``wsgi.file_wrapper``); the ``write``
callable the server's ``start_response`` returns is handed back unchanged; ``exc_info``
is passed through so a second ``start_response`` call after an error works as
PEP 3333 says. Only a short-circuited CORS-preflight request is answered here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from types import MethodType
from typing import TYPE_CHECKING, Any, cast

from .config import DEFAULT_ORIGINS, MAX_AGE_LIMIT, validate
from .policy import (
    ALLOW_SPELLINGS,
    DENIED_BODY,
    MAX_MEMO_VALUE_LENGTH,
    MERGE_LENGTHS,
    PLAIN_NAMES,
    PREFLIGHT_LENGTHS,
    VARY_SPELLINGS,
    CORSPolicy,
    Grant,
    merge_vary,
)

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["CORSMiddleware", "enable_cors", "logger"]

#: Denied CORS requests are logged here at DEBUG level, with the reason; request
#: values are shown with ``%r`` (escaped, so that a log line cannot be forged) and cut
#: at 200 characters.
logger = logging.getLogger("wsgi_cors")
_DEBUG = logging.DEBUG
# Logger.isEnabledFor(level) answers from this dict once it has computed the answer,
# and logging empties it whenever a level changes. Reading it directly skips a method
# call on the denied path; a missing entry (not computed yet) falls through to
# logger.debug(), which checks properly. Without the attribute, it always falls through.
_log_cache: dict[int, bool] = getattr(logger, "_cache", {})

_VARY_ORIGIN = [("Vary", "Origin")]

_NO_BODY: tuple[bytes, ...] = ()
_DENIED_BODY = (DENIED_BODY,)


class _WSGIGrant(Grant):
    """A :class:`~wsgi_cors.policy.Grant` with its ready ``start_response`` wrapper.

    ``start_response(server_start_response, status, headers, exc_info=None)`` appends
    the grant's headers to an actual response's, in one pass over the application's
    header names; a response that set ``Vary`` or an ``Access-Control-*`` header of its
    own goes to the policy's merge instead. Per request it is bound to the server's
    ``start_response`` with :class:`types.MethodType`: one small object, cheaper to
    make and to call than a closure or a :func:`functools.partial`.
    """

    __slots__ = ("start_response",)

    def __init__(
        self,
        allow_origin: str,
        credentials: bool,
        tail: tuple[tuple[str, str], ...],
        policy: CORSPolicy,
    ) -> None:
        super().__init__(allow_origin, credentials, tail, policy)
        self.start_response = _grant_start_response(self)


def _grant_start_response(grant: Grant) -> Callable[..., Any]:
    appended = grant.actual_headers
    merge = grant.policy.actual_headers

    def start_response_for_grant(
        start_response: StartResponse,
        status: str,
        headers: list[tuple[str, str]],
        exc_info: Any = None,
    ) -> Any:
        for name, _ in headers:
            if name not in PLAIN_NAMES and len(name) in MERGE_LENGTHS:
                return start_response(status, merge(grant, headers), exc_info)
        return start_response(status, headers + appended, exc_info)

    return start_response_for_grant


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
        self.policy = policy = CORSPolicy(config, _WSGIGrant)
        # Copied from the policy once, so the per-request path does plain attribute
        # look-ups: the listed origins' grants, how to grant any other origin, and the
        # headers every response gets (``Vary: Origin`` or nothing). The policy made
        # every grant a _WSGIGrant, hence the casts.
        self._exact = cast("dict[str, _WSGIGrant]", policy.exact_grants)
        # What an origin not listed exactly gets: a fixed grant (``*``), or None, and
        # then self._match decides (patterns, regex, credentials "*"), if there is one.
        self._default = cast("_WSGIGrant | None", policy.default_grant)
        self._match = cast("Callable[[str], _WSGIGrant | None] | None", policy.match)
        self._varies = policy.varies_by_origin
        # The memo of short-circuit answers, or None to pass preflights through.
        self._short_memo = policy.short_circuit_memo if policy.short_circuit else None
        self._preflight_start_response: Callable[..., Any] = _preflight_start_response

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.app!r}, {self.policy.config})"

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        # The order of the questions is Falcon's: no Origin? origin allowed? preflight?
        # The start_response wrappers are module-level functions (or a grant's
        # ready one) bound to the server's start_response with MethodType: one small
        # object per request, cheaper to make and to call than a closure or a partial,
        # and no closure cells for this method to pay for on every request.
        if "HTTP_ORIGIN" not in environ:
            # Not a CORS request: pass it through, adding only Vary: Origin when the
            # policy's answers depend on the origin (API.md, difference 1).
            if not self._varies:
                return self.app(environ, start_response)
            return self.app(environ, MethodType(_vary_start_response, start_response))

        origin = environ["HTTP_ORIGIN"]
        grant = self._exact.get(origin, self._default)
        if grant is None and (self._match is None or (grant := self._match(origin)) is None):
            # The origin is not allowed. Unless this is a CORS-preflight request to
            # answer here (with 403), the application answers, and gets only
            # Vary: Origin (a policy that can deny an origin always varies by it).
            if (
                self._short_memo is None
                or "HTTP_ACCESS_CONTROL_REQUEST_METHOD" not in environ
                or not environ["HTTP_ACCESS_CONTROL_REQUEST_METHOD"]
                or environ["REQUEST_METHOD"] != "OPTIONS"
            ):
                try:
                    debug = _log_cache[_DEBUG]  # logger.isEnabledFor's own answer, if any
                except KeyError:
                    debug = True  # not known yet: logger.debug() finds out
                if debug:
                    _log_denied_origin(environ)
                return self.app(environ, MethodType(_vary_start_response, start_response))

        if "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in environ:
            method = environ["HTTP_ACCESS_CONTROL_REQUEST_METHOD"]
            if method and environ["REQUEST_METHOD"] == "OPTIONS":
                # A CORS-preflight request (Fetch; Falcon's test too).
                memo = self._short_memo
                if memo is None:  # the application answers; the (allowed) origin's is patched
                    request = (start_response, grant, environ)
                    return self.app(environ, MethodType(self._preflight_start_response, request))
                # allow_methods given: answer it here, from a memo of ready answers
                # (a value too long to be kept there is hashed for the look-up, which
                # is linear in its length, and then answered without the memo).
                requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS")
                private_network = (
                    "HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK" in environ
                    and environ["HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK"] == "true"
                )
                answer = memo.get((grant, method, requested, private_network))
                if answer is None:
                    answer = self.policy.short_circuit_answer(
                        grant, method, requested, private_network
                    )
                status, headers, reason = answer
                start_response(status, [*headers])  # a new list: the server may change it
                if reason is None:
                    return _NO_BODY
                _log_denied(reason, environ)
                return _DENIED_BODY

        # An allowed origin's actual request (a denied origin has been answered above).
        return self.app(
            environ,
            MethodType(grant.start_response, start_response),  # type: ignore[union-attr]
        )


def _vary_start_response_py(
    start_response: StartResponse,
    status: str,
    headers: list[tuple[str, str]],
    exc_info: Any = None,
) -> Any:
    """start_response for a response that gets only ``Vary: Origin``."""
    for name, _ in headers:
        if name in VARY_SPELLINGS:
            return start_response(status, merge_vary(list(headers)), exc_info)
    return start_response(status, headers + _VARY_ORIGIN, exc_info)


_vary_start_response = _vary_start_response_py


def _preflight_start_response(
    request: tuple[StartResponse, Grant, WSGIEnvironment],
    status: str,
    headers: list[tuple[str, str]],
    exc_info: Any = None,
) -> Any:
    """start_response for the application's answer to an allowed origin's preflight,
    bound to the request's (server start_response, grant, environ)."""
    start_response, grant, environ = request
    if status[0] != "2":
        # API.md, difference 3: only a 2xx answer is patched; any other is a failed
        # preflight for the browser, and gets the headers of an actual response.
        _log_denied(f"the application answered the preflight with {status!r}", environ)
        return start_response(status, grant.policy.actual_headers(grant, headers), exc_info)
    requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS")
    if requested is None or len(requested) <= MAX_MEMO_VALUE_LENGTH:
        # The common case, inline: the answer has one Allow header and no Vary or
        # Access-Control-* header of its own, so the memoized answer is appended as is.
        allow = None
        rest = []
        for item in headers:
            name = item[0]
            if name in PLAIN_NAMES:
                rest.append(item)
            elif name in ALLOW_SPELLINGS and allow is None:
                allow = item[1]
            elif len(name) not in PREFLIGHT_LENGTHS:
                rest.append(item)
            else:
                break
        else:
            if allow is not None:
                policy = grant.policy
                key = (
                    grant,
                    allow,
                    requested,
                    "HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK" in environ
                    and environ["HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK"] == "true",
                )
                answer = policy.preflight_memo.get(key) or policy.preflight_answer(*key)
                if answer is not None:
                    rest += answer
                    return start_response(status, rest, exc_info)
    new_headers, reason = grant.policy.preflight_headers(
        grant, headers, requested, environ.get("HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK")
    )
    if reason is not None:
        _log_denied(reason, environ)
    return start_response(status, new_headers, exc_info)


def _log_denied_origin(environ: WSGIEnvironment) -> None:
    """Log a CORS request from an origin the policy does not allow."""
    if environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD") and environ["REQUEST_METHOD"] == "OPTIONS":
        _log_denied("origin not allowed", environ)
    else:
        logger.debug("CORS request denied: origin %.200r not allowed", environ["HTTP_ORIGIN"])


def _log_denied(reason: str, environ: WSGIEnvironment) -> None:
    """Log a denied CORS-preflight request, with the request's values escaped."""
    try:
        debug = _log_cache[_DEBUG]  # logger.isEnabledFor's own answer, if it has one
    except KeyError:
        debug = True  # not known yet: logger.debug() finds out
    if debug:
        logger.debug(
            "CORS-preflight request denied: %s (origin %.200r, method %.200r)",
            reason,
            environ.get("HTTP_ORIGIN"),
            environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD"),
        )


def enable_cors(app: WSGIApplication, **options: Any) -> CORSMiddleware:
    """Wrap *app* in :class:`CORSMiddleware`: the WSGI equivalent of Falcon's
    ``falcon.App(cors_enable=True)``.

    With no options every origin may read responses (``Access-Control-Allow-Origin:
    *``), without credentials. *options* are :class:`CORSMiddleware`'s keywords.
    """
    return CORSMiddleware(app, **options)
