"""The PEP 3333 adapter: reads a request's CORS headers from ``environ``, asks the
:class:`~wsgi_cors.policy.CORSPolicy`, and binds the server's ``start_response`` so that
the policy's headers reach the response. The CORS decisions are the policy's; the
adapter keeps only what reads the request itself: which requests are CORS-preflight
requests (:func:`preflight_method`), and that only the value ``true`` of
``Access-Control-Request-Private-Network`` asks for private network access. Each is
read once per request, where the adapter already holds ``environ``, rather than as one
more call into the policy on every request.

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
(``allow_methods`` given, the default) is answered here, without calling the application.
"""

from __future__ import annotations

import inspect
import logging
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import nullcontext
from contextvars import ContextVar
from functools import partial
from types import MethodType
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from .caught import caught_warnings
from .config import (
    DEFAULT_ALLOW_METHODS,
    DEFAULT_MAX_AGE,
    DEFAULT_ORIGINS,
    CORSConfigurationError,
    CORSSecurityWarning,
    Origins,
    Problem,
    caller_stacklevel,
    explains_unknown_keywords,
    validate,
    warning_scope,
    warning_terms,
)
from .layers import _PAST_THE_APPLICATIONS_READ, InnerLayer, inner_cors_layers, is_asgi
from .origins import OriginCallableError, described
from .paths import (
    PathRouter,
    Paths,
    build_entry,
    compile_paths,
    covering_prefix,
    warn_of_inherited_regex,
    warn_of_slow_patterns,
)
from .policy import (
    ACRH,
    ACRM,
    ACRPN,
    HEADER_TRUE,
    ORIGIN,
    ORIGIN_NOT_ALLOWED,
    PREFLIGHT_METHOD,
    SENT_BY_A_CORS_LAYER,
    CORSPolicy,
    Grant,
    Headers,
    merge_vary,
    shown,
)
from .sources import (
    SETTINGS_PREFIX,
    check_arguments,
    nothing_read_warning,
    open_by_default_problem,
    options_from_mapping,
    relabelled,
    reported_problems,
    texts_read,
    told_in_keys,
)

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = [
    "ACRH_KEY",
    "ACRM_KEY",
    "ACRPN_KEY",
    "DENIED_LOG_PREFIX",
    "DENIED_PREFLIGHT_LOG_PREFIX",
    "ORIGIN_KEY",
    "CORSMiddleware",
    "denial_reason",
    "enable_cors",
    "environ_key",
    "logger",
    "preflight_method",
]


def environ_key(header: str) -> str:
    """The ``environ`` key under which a server passes the request header *header*
    (PEP 3333, as CGI does: ``HTTP_``, then the name in upper case with ``-`` as ``_``):
    ``environ_key("Origin")`` is ``"HTTP_ORIGIN"``."""
    return "HTTP_" + header.upper().replace("-", "_")


#: The ``environ`` keys of the CORS request headers the middleware reads: ``Origin``,
#: ``Access-Control-Request-Method``, ``-Request-Headers`` and ``-Request-Private-Network``.
ORIGIN_KEY, ACRM_KEY, ACRH_KEY, ACRPN_KEY = map(environ_key, (ORIGIN, ACRM, ACRH, ACRPN))
#: Pyramid's virtual-hosting header, which its traversal puts before ``PATH_INFO``
#: (``PathRouter.route``), and its ``environ`` key.
VHM_ROOT = "X-Vhm-Root"
VHM_ROOT_KEY = environ_key(VHM_ROOT)

#: Denied CORS requests are logged here at DEBUG level, with the reason; request
#: values are shown with ``%r`` (escaped, so that a log line cannot be forged) and cut
#: at 200 characters (:func:`wsgi_cors.policy.shown`), in the reason too.
logger = logging.getLogger("wsgi_cors")

#: How the log message of a denied actual request begins (the reason follows, then
#: nothing); :func:`denial_reason` reads the reason back.
DENIED_LOG_PREFIX = "CORS request denied: "
#: How the log message of a denied CORS-preflight request begins: the reason follows,
#: then ``(origin ..., method ...)``.
DENIED_PREFLIGHT_LOG_PREFIX = "CORS-preflight request denied: "
# The denial messages (_log_denied and __call__ write them, denial_reason reads them).
_DENIED_MESSAGE = DENIED_LOG_PREFIX + "origin %s not allowed"
_DENIED_PREFLIGHT_MESSAGE = DENIED_PREFLIGHT_LOG_PREFIX + "%s (origin %s, method %s)"
_CALLABLE_RAISED_MESSAGE = DENIED_LOG_PREFIX + "the callable %s raised for origin %s"

_NO_BODY: tuple[bytes, ...] = ()

_P = ParamSpec("_P")
# CORSMiddleware or a subclass: from_mapping and from_env build an instance of *cls*.
_M = TypeVar("_M", bound="CORSMiddleware")


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
        the default is no listed origin. A callable ``(origin: str) -> bool``, alone or
        in the list, allows the origins it returns ``True`` for (any other value
        denies): it is called only with a syntactically valid serialized origin (never
        ``null``, junk or an over-long value) and on every request that needs its
        answer, since it is not memoised here (its answer may change: cache it
        yourself, e.g. with :func:`functools.lru_cache`, if it is slow). An exception
        in it denies the request, is logged at ERROR on the ``wsgi_cors`` logger, and
        never becomes a 500. The origin is reflected, never ``*``.
    :param expose_headers: response header names scripts may read, sent as
        ``Access-Control-Expose-Headers`` on every allowed response, as Falcon does:
        a preflight's answer included, though a browser reads it on the actual
        response only (Fetch standard, "main fetch"; "CORS-safelisted response-header
        name" lists the names always readable). A str (comma-separated, on one line) is
        sent as given, but for HTTP whitespace at its ends and a tab as a space; an
        iterable is joined with ``", "``, every name as given, a repeated one too (as
        Falcon does); an empty one, like None, sends no such header. ``"*"`` exposes
        every header to a request without credentials only: in credentials mode
        ``"include"`` a browser reads it as a header named ``*`` (Fetch standard, "main
        fetch"), so list the names where origins get credentials (beside ``"*"``, if
        you like: ``["*", "Authorization"]`` exposes every header to requests without
        credentials and ``Authorization`` to those with them).
    :param allow_credentials: the origins whose requests in credentials mode
        ``"include"`` (cookies, HTTP authentication) may read responses: ``"*"`` for
        every allowed origin, one origin, an iterable of origins, patterns and
        callables (as in *allow_origins*; an exception in one denies the request, with
        no CORS header at all), or ``None`` (default, none). Such origins get
        ``Access-Control-Allow-Credentials: true`` and their origin reflected, never
        ``*`` (Fetch, "CORS check"). Takes effect only for origins *allow_origins* allows.
    :param allow_private_network: answer a preflight carrying
        ``Access-Control-Request-Private-Network: true`` with
        ``Access-Control-Allow-Private-Network: true`` (Private Network Access draft).
    :param allow_methods: ``"*"`` (default) or method names (a str, comma-separated
        allowed, or an iterable of str): the middleware answers every CORS-preflight
        request itself, ``204 No Content`` if allowed, ``403 Forbidden`` otherwise,
        without calling the application, so preflights work alike on every framework
        (README difference 6). ``"*"`` allows the requested method (echoed); a listed
        method must match case-sensitively (as the Fetch standard compares methods),
        safelisted GET, HEAD and POST included; a listed name is read as ``fetch()``
        sends it (``get`` and the five other names it upper-cases become upper case;
        ``patch`` stays ``patch``, and a :class:`UserWarning` says so unless ``PATCH`` is
        listed too). ``None``: Falcon's way, preflights are
        passed to the application, whose 2xx answer's ``Allow`` header becomes
        ``Access-Control-Allow-Methods`` (a tab or line fold in it as a space; any
        other control character denies the preflight: README difference 2).
    :param allow_headers: ``None`` (default): echo ``Access-Control-Request-Headers``
        (Falcon), at any length. ``"*"``: echo it too (never the literal ``*`` with
        credentials, which browsers ignore). Names: each requested header must be
        listed (case-insensitively) or the preflight is denied. A value with a control
        character is denied whatever this says; so is one with a non-ASCII character,
        but where the application answers preflights (``allow_methods=None``) and this
        is None: then it is echoed as Falcon echoes it. ``"*"`` and names, which read
        the value name by name, deny one longer than 4096 characters unread (README
        difference 2).
    :param max_age: seconds a browser may cache a preflight result, sent as
        ``Access-Control-Max-Age``; 0 to 86400 (default 86400, Falcon's value), or
        ``None`` to send no such header.
    :param allow_origin_regex: a pattern (str or compiled) an origin must match *in
        full* (``re.fullmatch``) to be allowed, like a listed one. Only syntactically
        valid serialized origins are matched.
    :param paths: per-path policies: a mapping from a path prefix (``str``, e.g.
        ``"/api"``) or a compiled pattern (:class:`re.Pattern`, matched with
        ``fullmatch``) to options (a mapping of the keywords above) that override the
        top-level ones for requests whose ``PATH_INFO`` it matches. A prefix matches
        itself and everything under it (``"/api"`` and ``"/api/"`` match ``/api`` and
        ``/api/...``, not ``/apix``); the longest matching prefix wins, then patterns
        in the order given. Matching is case-sensitive, on ``PATH_INFO`` as the server
        decoded it. A request that matches no entry passes through untouched: no CORS
        header, no ``Vary``. Each entry is validated like the top level, its problems
        named ``paths['/api'].option`` (:mod:`wsgi_cors.paths`).
    :param debug: ``True`` to put the reason (escaped, at most 200 characters) in the
        ``text/plain`` body of a denied preflight the middleware answers. Off by
        default: the reason is always logged at DEBUG on the ``wsgi_cors`` logger.
    :param dangerously_allow_any_origin_with_credentials: ``True`` to accept
        ``allow_origins="*"`` with ``allow_credentials="*"`` (Falcon's behaviour: every
        website may read its visitors' credentialed responses), with a
        :class:`~wsgi_cors.CORSSecurityWarning`; refused otherwise (README difference 7).
    :raises TypeError: an option has the wrong type, an unknown keyword is given (the
        message names ours for a flask-cors, Starlette, django-cors-headers or wsgicors
        one), or *app* is not callable, or is an ASGI application (an ``async def``
        call, as ``falcon.asgi.App``, Starlette's and Django's ``ASGIHandler`` have).
    :raises ValueError: *app* already sends CORS headers itself: it is a
        ``CORSMiddleware`` or wsgicors's ``CORS``, a Flask app whose ``wsgi_app`` is
        one or that has flask-cors's ``CORS(app)``, ``CORS(bp)`` or ``@cross_origin``,
        a Django app built with django-cors-headers in ``MIDDLEWARE``, or a
        ``falcon.App`` made with ``cors_enable=True`` or ``falcon.CORSMiddleware``,
        also behind WSGI middleware such as Werkzeug's ``ProxyFix`` or WhiteNoise
        (README, "Secure by default"; :func:`wsgi_cors.layers.inner_cors_layers`).
        Beside *paths*, flask-cors and django-cors-headers limited to paths no entry
        matches are warned of instead, with a :class:`~wsgi_cors.CORSSecurityWarning`.
    :raises wsgi_cors.CORSConfigurationError: a :class:`ValueError` listing every invalid
        option value (option, value, why, fix), e.g. an origin with a path or a trailing
        ``/``, a method or header name that is not an HTTP token, ``max_age`` out of
        range, ``allow_origins="*"`` with ``allow_credentials="*"``, an origin in
        ``allow_credentials`` that ``allow_origins`` does not allow, an
        ``allow_origin_regex`` that requires upper case, a path or a default port.
    :warns wsgi_cors.CORSSecurityWarning: for ``allow_origins="*"`` with
        ``allow_credentials="*"`` and *dangerously_allow_any_origin_with_credentials*;
        for an ``allow_origin_regex`` with a ``.`` left unescaped in a host name
        (:func:`~wsgi_cors.origin_regex.unescaped_dots`), or with a host left open at
        one end (``.*example\\.com``: :func:`~wsgi_cors.origin_regex.look_alike`), or
        that a crafted origin makes take exponential time (``([a-z]+)+``:
        :func:`~wsgi_cors.origin_regex.ambiguous_repetition`); for credentials given to
        ``"null"``, which any website can send.
    """

    @explains_unknown_keywords
    def __init__(
        self,
        app: WSGIApplication,
        *,
        allow_origins: Origins = DEFAULT_ORIGINS,
        expose_headers: str | Iterable[str] | None = None,
        allow_credentials: Origins | None = None,
        allow_private_network: bool = False,
        allow_methods: str | Iterable[str] | None = DEFAULT_ALLOW_METHODS,
        allow_headers: str | Iterable[str] | None = None,
        max_age: int | None = DEFAULT_MAX_AGE,
        allow_origin_regex: str | re.Pattern[str] | None = None,
        debug: bool = False,
        dangerously_allow_any_origin_with_credentials: bool = False,
        paths: Paths | None = None,
    ) -> None:
        # An entry's application is the top level's, checked there (_ENTRIES_OF).
        entries_of = _ENTRIES_OF.get()
        checked = entries_of is not None and app is entries_of
        if not checked:
            _check_app(app)
        options: dict[str, Any] = {
            "allow_origins": allow_origins,
            "expose_headers": expose_headers,
            "allow_credentials": allow_credentials,
            "allow_private_network": allow_private_network,
            "allow_methods": allow_methods,
            "allow_headers": allow_headers,
            "max_age": max_age,
            "allow_origin_regex": allow_origin_regex,
            "debug": debug,
            "dangerously_allow_any_origin_with_credentials": (
                dangerously_allow_any_origin_with_credentials
            ),
        }
        # A generator can be read once, and with paths= every entry reads the top-level
        # values again: read each such option into a tuple first.
        options = {
            name: tuple(value) if isinstance(value, Iterator) else value
            for name, value in options.items()
        }
        config = None
        problems: tuple[Problem, ...] = ()
        try:
            # Under paths=, the top level applies only through the entries, which
            # inherit it: each warns of what applies to it (compile_paths). An entry's
            # own middleware keeps the scope compile_paths gives it.
            with warning_scope(False) if paths is not None else nullcontext():
                config = validate(**options)
        except CORSConfigurationError as error:
            if paths is None:
                raise
            # Reported by compile_paths where an entry meets them.
            problems = error.problems
        #: With *paths*: the :class:`~wsgi_cors.paths.PathRouter` from ``PATH_INFO`` to
        #: each entry's own ``CORSMiddleware``; None without.
        self.router: PathRouter[CORSMiddleware] | None = None
        if paths is not None:
            building = _ENTRIES_OF.set(app)
            try:
                self.router = compile_paths(
                    paths,
                    lambda entry: build_entry(partial(CORSMiddleware, app), options, entry),
                    frozenset(options),
                    problems,
                )
            finally:
                _ENTRIES_OF.reset(building)
            warn_of_inherited_regex(paths, options)
            warn_of_slow_patterns(paths)
        if not checked:  # once the options are known good, paths= among them
            _check_inner_layer(app, paths)
        #: The wrapped application.
        self.app = app
        self._top_level_problems = problems
        if config is not None:
            self._policy = CORSPolicy(config)
            (
                self._start_vary_only,
                self._start_actual,
                self._start_passed_preflight,
                self._start_without_origin,
            ) = _start_response_wrappers(self._policy)

    @property
    def policy(self) -> CORSPolicy:
        """The compiled :class:`~wsgi_cors.policy.CORSPolicy`. With *paths*: the
        top-level options' (the policy of an entry ``{}``), which only the entries apply;
        each entry's own is ``entry.policy`` for each ``entry`` of
        ``middleware.router.entries()`` (:meth:`~wsgi_cors.paths.PathRouter.entries`).

        :raises AttributeError: with *paths*, when the top-level options make no valid
            policy on their own, though every entry puts them right
            (``allow_credentials="*"`` where every entry lists its own
            ``allow_origins``): the message lists their problems.
        """
        try:
            return self._policy
        except AttributeError:
            problems = "; ".join(str(problem) for problem in self._top_level_problems)
            raise AttributeError(
                f"this CORSMiddleware's top-level options make no policy on their own"
                f" ({problems}); every paths entry puts them right and has its own"
                f" policy: entry.policy for each entry in router.entries()"
            ) from None

    @classmethod
    def from_mapping(
        cls: type[_M], app: WSGIApplication, mapping: Mapping[str, Any], *, prefix: str = ""
    ) -> _M:
        """Wrap *app* with the options of a settings mapping: a dict, Django settings
        values, Flask's ``app.config`` (with ``prefix="CORS_"``), or PasteDeploy's ini
        options.

        :param mapping: option names (or, with *prefix*, prefixed keys in any case) to
            values; string values are parsed (:mod:`wsgi_cors.sources`: lists separated
            by commas and/or white space, booleans ``true/false/1/0/yes/no/on/off``,
            ``max_age`` an integer or ``none``), others used as they are.
        :param prefix: read only the keys starting with it (``"CORS_"`` for Flask's
            ``app.config``); without one, every key must be an option.
        :raises TypeError: a value has the wrong type, named by its key; *mapping* is no
            mapping, or *prefix* no str; a key is no str (without *prefix*), or is
            bytes that start with it.
        :raises wsgi_cors.CORSConfigurationError: every unknown key and invalid value,
            an entry of ``paths``'s too, each named by its key as written
            (``CORS_ALLOW_ORIGINS``, ``CORS_PATHS['/api'].max_age``).

        With a *prefix* that no key starts with, nothing is read and every option takes
        its default (``allow_origins='*'``): a :class:`~wsgi_cors.CORSSecurityWarning`
        says so, naming a key that has another prefix (``CORS_ALLOW_ORIGINS``) if there
        is one.
        """
        return cls._from_settings(
            app, mapping, prefix, mapping, "from_mapping", "key", text_only=False
        )

    @classmethod
    def _from_settings(
        cls: type[_M],
        app: WSGIApplication,
        mapping: Mapping[str, Any],
        prefix: str,
        every_key: Iterable[object],
        read_by: str,
        what: str,
        *,
        text_only: bool,
    ) -> _M:
        """:meth:`from_mapping` and :meth:`from_env`: *mapping* read with *prefix*, and
        the warning when nothing was (:func:`~wsgi_cors.sources.nothing_read_warning`,
        told about *every_key* of the caller's source, each a *what*). *text_only*: every
        value is text (the environment), so a fix shows a pattern as text, not as
        Python."""
        options, labels, parsed = options_from_mapping(mapping, prefix, text_only=text_only)
        open_by_default = open_by_default_problem(mapping, options, labels)
        if open_by_default is not None:
            parsed.append(open_by_default)
        built: tuple[Problem, ...] = ()
        layer: ValueError | None = None
        told = partial(told_in_keys, labels=labels, prefix=prefix, text_only=text_only)
        # With problems of the settings' own, the configuration is refused whatever
        # the build finds: its warnings would be of defaults the user did not choose
        # (an unread CORS_ALLOW_ORIGINS is '*'), and under -W error one of them
        # escaped in place of the CORSConfigurationError (helper-146's review).
        refused = caught_warnings("ignore") if parsed else nullcontext()
        try:
            with refused, warning_terms(told):  # its warnings name the keys, as errors do
                middleware = cls(app, **options)
        except TypeError as error:
            raise TypeError(relabelled(str(error), labels, prefix)) from None
        except CORSConfigurationError as error:
            built = error.problems
        except ValueError as error:  # a CORS layer inside the application
            layer = error
        read = texts_read(mapping, options, labels)
        problems = reported_problems(parsed, built, labels, prefix, text_only=text_only, read=read)
        if problems:  # the settings' own first: the options it was made with lacked them
            raise CORSConfigurationError(problems)
        if layer is not None:
            raise layer
        if prefix and not labels:
            message = nothing_read_warning(every_key, prefix, read_by, what)
            warnings.warn(message, CORSSecurityWarning, stacklevel=caller_stacklevel())
        return middleware

    @classmethod
    def from_env(
        cls: type[_M],
        app: WSGIApplication,
        prefix: str = SETTINGS_PREFIX,
        environ: Mapping[str, str] | None = None,
    ) -> _M:
        """Wrap *app* with the options of environment variables named *prefix* and the
        option in upper case (``CORS_ALLOW_ORIGINS="https://a.example
        https://b.example"``, ``CORS_MAX_AGE=600``, ``CORS_ALLOW_CREDENTIALS=...``),
        parsed as :meth:`from_mapping` parses strings. Variables without the prefix
        (compared case-sensitively, as the environment is) are ignored.

        :param environ: the variables to read; :data:`os.environ` by default.
        :raises TypeError: *environ* is no mapping, or *prefix* no str, or a name is
            bytes that start with *prefix* (:data:`os.environb`).
        :raises wsgi_cors.CORSConfigurationError: an unknown ``CORS_*`` variable or an
            invalid value, named as the variable (``CORS_MAX_AGE``).

        When no variable has the prefix, every option takes its default
        (``allow_origins='*'``): a :class:`~wsgi_cors.CORSSecurityWarning` says so,
        naming a variable that has another prefix (``CORS_ALLOW_ORIGINS`` with
        ``prefix="CROS_"``) if there is one. Set ``CORS_ALLOW_ORIGINS='*'`` to keep the
        default knowingly.
        """
        source = os.environ if environ is None else environ
        check_arguments(source, prefix, "environ", "variable names")
        variables = {
            key: value
            for key, value in source.items()
            if isinstance(key, str) and key.startswith(prefix)
        }
        return cls._from_settings(
            app, variables, prefix, source, "from_env", "environment variable", text_only=True
        )

    def __repr__(self) -> str:
        name = type(self).__name__
        if self.router is None:
            return f"{name}({self.app!r}, {self._policy.config})"
        # With paths, each entry's own configuration: the top level's only feeds them.
        entries = ", ".join(
            f"{key!r}: {entry.policy.config}" for key, entry in self.router.entries()
        )
        return f"{name}({self.app!r}, paths={{{entries}}})"

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if self.router is not None:
            # Per-path policies: the entry's own middleware, or the application
            # untouched (no CORS header, no Vary) where no entry matches.
            virtual_root = environ.get(VHM_ROOT_KEY)
            path = environ.get("PATH_INFO", "")
            entry = self.router.route(path, virtual_root)
            if entry is None:
                if virtual_root is None or self.router.route(path) is None:
                    return self.app(environ, start_response)  # the header chose nothing
                # The header took the path out of its entry: a cache must not give
                # this answer to a request without it (Fetch standard, "CORS protocol
                # and HTTP caches").
                return self.app(environ, MethodType(_start_varying_by_vhm_root, start_response))
            return entry(environ, start_response)
        # The questions, in order: a CORS request? Its origin's grant. A preflight,
        # answered here, or for an allowed origin by the application and patched? An
        # origin not allowed? Then an allowed origin's actual request.
        origin = environ.get(ORIGIN_KEY)
        if origin is None:
            # Not a CORS request (Fetch standard, "HTTP requests"). With
            # allow_origins="*" it gets "*" all the same (README difference 5);
            # otherwise it passes through, with Vary: Origin where the policy's
            # answers depend on the origin (difference 1): the policy's
            # grant_without_origin, as the response_headers it asks for.
            return self.app(environ, MethodType(self._start_without_origin, start_response))
        policy = self._policy

        try:
            grant = policy.grant(origin)
        except OriginCallableError as error:
            # A callable of the user's raised: the request is denied, never a 500
            # (README, "Origins decided by a function").
            logger.error(
                _CALLABLE_RAISED_MESSAGE,
                described(error.function),
                shown(error.origin),
                exc_info=error.__cause__,
            )
            grant = None
        # Whether this is a CORS-preflight request matters only where a preflight is
        # answered here or patched for an allowed origin. Under allow_methods=None an
        # origin not allowed gets the application's answer with only Vary: Origin,
        # preflight or not, so that common request is spared the look: method is None
        # there without a look, which the DEBUG log then takes.
        method = (
            preflight_method(environ) if grant is not None or policy.answers_preflights else None
        )
        if method is not None:
            requested = environ.get(ACRH_KEY)
            # Private Network Access draft: the request header's only value is "true".
            private_network = environ.get(ACRPN_KEY) == HEADER_TRUE
            if policy.answers_preflights:  # allow_methods given (README difference 6)
                status, headers, reason, body = policy.preflight_answer(
                    grant, method, requested, private_network
                )
                if reason is not None:  # logged before the answer, as every denial
                    _log_denied(reason, environ, preflight=True)
                # A new list: the server may change it.
                start_response(status, list(headers))
                return _NO_BODY if reason is None else (body,)
            # Falcon's way, for an allowed origin: the application answers; we patch it.
            bound = (start_response, grant, environ, method, requested, private_network)
            return self.app(environ, MethodType(self._start_passed_preflight, bound))
        if grant is None:
            # The origin is not allowed: no CORS header, only Vary: Origin (a policy
            # that can deny an origin always varies by it).
            if logger.isEnabledFor(logging.DEBUG):
                preflight = preflight_method(environ) is not None
                _log_denied(ORIGIN_NOT_ALLOWED, environ, preflight=preflight)
            return self.app(environ, MethodType(self._start_vary_only, start_response))
        return self.app(environ, MethodType(self._start_actual, (start_response, grant)))


def preflight_method(environ: WSGIEnvironment) -> str | None:
    """The method a CORS-preflight request asks for (its
    ``Access-Control-Request-Method``), or None when the request is not one by its
    method and headers: a CORS-preflight request is ``OPTIONS`` with a non-empty
    ``Access-Control-Request-Method`` (Fetch standard, "CORS-preflight request";
    Falcon's test too). ``Origin``, which every CORS request carries, is checked
    separately, first (``CORSMiddleware.__call__``)."""
    if environ["REQUEST_METHOD"] == PREFLIGHT_METHOD:
        return environ.get(ACRM_KEY) or None
    return None


# -- start_response wrappers -------------------------------------------------------------


def _start_varying_by_vhm_root(
    start_response: StartResponse, status: str, headers: Headers, exc_info: Any = None
) -> Any:
    """``start_response`` for a request that ``X-Vhm-Root`` took out of every ``paths``
    entry (:meth:`~wsgi_cors.paths.PathRouter.route`): no CORS header, and
    ``Vary: X-Vhm-Root`` merged in, so that a shared cache never serves this answer to
    the same URL asked without the header (a client's one request would otherwise
    take CORS away from every origin's page for as long as the answer is cached)."""
    return start_response(status, merge_vary(list(headers), VHM_ROOT), exc_info)


def _start_response_wrappers(
    policy: CORSPolicy,
) -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any], Callable[..., Any]]:
    """The four ``start_response`` wrappers of *policy*: for a response that gets only
    ``Vary: Origin``, for an allowed origin's actual response, for the application's
    answer to an allowed origin's CORS-preflight request, and for a response to a
    request without ``Origin``, which gets :attr:`~CORSPolicy.grant_without_origin`'s
    headers (``*`` under ``allow_origins="*"``, README difference 5; otherwise none, and
    ``Vary: Origin`` where the policy varies by it). Each only asks the policy for
    the headers and hands them to the server's ``start_response``, with ``exc_info``.
    The preflight one also logs a denial, and once per middleware a preflight answer
    from a CORS layer inside the application."""
    response_headers = policy.response_headers
    patch_preflight = policy.patch_preflight
    warned_of_inner_cors = False

    def start_vary_only(
        start_response: StartResponse, status: str, headers: Headers, exc_info: Any = None
    ) -> Any:
        return start_response(status, response_headers(None, headers), exc_info)

    def start_actual(
        bound: tuple[StartResponse, Grant], status: str, headers: Headers, exc_info: Any = None
    ) -> Any:
        start_response, grant = bound
        return start_response(status, response_headers(grant, headers, status), exc_info)

    grant_without_origin = policy.grant_without_origin

    def start_without_origin(
        start_response: StartResponse, status: str, headers: Headers, exc_info: Any = None
    ) -> Any:
        return start_response(status, response_headers(grant_without_origin, headers), exc_info)

    def start_passed_preflight(
        bound: tuple[StartResponse, Grant, WSGIEnvironment, str, str | None, bool],
        status: str,
        headers: Headers,
        exc_info: Any = None,
    ) -> Any:
        nonlocal warned_of_inner_cors
        start_response, grant, environ, method, requested, private_network = bound
        headers, reason, app_sent_cors = patch_preflight(
            grant, status, headers, method, requested, private_network
        )
        if reason is not None:
            _log_denied(reason, environ, preflight=True)
        if app_sent_cors and not warned_of_inner_cors:
            warned_of_inner_cors = True
            logger.warning(
                "the application's answer to a CORS-preflight request (path %s) already"
                " carries %s: a CORS layer inside the application (django-cors-headers,"
                " flask-cors, falcon's cors_enable, ...) answers preflights too, and its"
                " headers may win over this middleware's. Remove one of the two. (Logged"
                " once.)",
                shown(environ.get("PATH_INFO", "")),
                " or ".join(SENT_BY_A_CORS_LAYER),
            )
        return start_response(status, headers, exc_info)

    return start_vary_only, start_actual, start_passed_preflight, start_without_origin


def _log_denied(reason: str, environ: WSGIEnvironment, *, preflight: bool = False) -> None:
    """Log a denied CORS request at DEBUG, with the request's values escaped and cut
    (:func:`~wsgi_cors.policy.shown`, as the reasons show theirs). An actual request is
    denied for one reason only, its origin (*reason* is then
    :data:`~wsgi_cors.policy.ORIGIN_NOT_ALLOWED`), which the message names.

    On the path browsers take most often (an actual request from an origin not
    allowed) the caller checks ``logger.isEnabledFor`` first, to skip this call."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    if preflight:
        logger.debug(
            _DENIED_PREFLIGHT_MESSAGE,
            reason,
            shown(environ.get(ORIGIN_KEY, "")),
            shown(environ.get(ACRM_KEY, "")),
        )
    else:
        logger.debug(_DENIED_MESSAGE, shown(environ[ORIGIN_KEY]))


def denial_reason(record: logging.LogRecord) -> str | None:
    """The reason a denial logged by the middleware gives, or None for any other log
    record: for a CORS-preflight request the reason alone (``"method 'DELETE' not
    allowed"``), for an actual request ``"origin '...' not allowed"``. Read from the
    record's arguments, not its text, so that no request value shown in the message
    can pass for a part of the reason; and ``"the callable ... raised for origin
    '...'"`` when an origin function raised (an ERROR record). (The demo shows each
    request's reason so.)"""
    if record.msg == _DENIED_PREFLIGHT_MESSAGE and isinstance(record.args, tuple):
        return str(record.args[0])
    if record.msg in (_DENIED_MESSAGE, _CALLABLE_RAISED_MESSAGE):
        return record.getMessage()[len(DENIED_LOG_PREFIX) :]
    return None


# The application whose ``paths`` entries are being built: each entry's own
# CORSMiddleware wraps it, and the top level checks it (_check_app, _check_inner_layer).
# None outside (and None, not callable, is checked as any other application).
_ENTRIES_OF: ContextVar[object | None] = ContextVar("wsgi_cors_entries_of", default=None)


def _check_app(app: object) -> None:
    """Refuse an *app* that cannot be wrapped at all: not callable, or ASGI
    (:func:`~wsgi_cors.layers.is_asgi`).

    :raises TypeError: not callable, or ASGI."""
    if not callable(app):
        raise TypeError(
            f"app: expected a WSGI application (a callable), got {type(app).__name__}"
            f" {app!r}; pass e.g. flask_app.wsgi_app or django's get_wsgi_application()"
        )
    if is_asgi(app):
        raise TypeError(
            f"app: expected a WSGI application, got an ASGI one, {app!r} (called, it"
            " is an async def), which would fail on its first request; wrap the"
            " framework's WSGI application (falcon.App rather than falcon.asgi.App,"
            " django's get_wsgi_application()), or use the ASGI framework's own CORS"
            " middleware"
        )


def _check_inner_layer(app: object, paths: Paths | None) -> None:
    """Refuse an *app* that already sends CORS headers itself (README, "Two CORS
    layers"): a :class:`CORSMiddleware` (or a Flask application whose ``wsgi_app`` is
    one), or a CORS layer of a framework or peer inside it, behind other WSGI
    middleware too (:func:`~wsgi_cors.layers.inner_cors_layers`). With *paths*
    (validated), layers that each answer only some paths, none of them under a
    prefix of an entry, are warned of instead (:class:`~wsgi_cors.CORSSecurityWarning`):
    a migration made in parts.

    :raises ValueError: a second CORS layer, that answers paths the middleware does."""
    layers = list(inner_cors_layers(app, ours=CORSMiddleware))
    if not layers:
        return
    if paths is None:
        raise ValueError(_two_layers(layers[0]))
    # Text, as the frameworks match their routes and patterns against; a pattern by
    # a prefix that holds all it selects.
    prefixes = [(covering_prefix(key), key) for key in paths]
    for layer in layers:
        if layer.answers is None:
            reach = (
                "It answers every path"
                if layer.unread is None
                else f"What it answers cannot be read, {layer.unread}: it may answer every path"
            )
            raise ValueError(f"{_two_layers(layer)} {reach}, the paths entries' too.")
        shared = next((key for prefix, key in prefixes if _may_answer(layer.answers, prefix)), None)
        if shared is not None:
            entry = shared if isinstance(shared, str) else shared.pattern
            raise ValueError(
                f"{_two_layers(layer)} It may answer paths under the paths entry"
                f" {entry!r} too, as far as its routes and patterns can be read (a"
                " pattern is read up to its first class, wildcard, lookaround, or group"
                " that may be left out or repeat: r'/(legacy|old)/.*' is read as"
                " '/legacy/' or '/old/', r'/(legacy|old)?/.*' as '/')."
            )
    layer = layers[0]
    warnings.warn(
        f"app sends CORS headers itself: {layer.cause}. Beside paths=, that is right"
        " where it serves only paths no entry matches (a migration made in parts), as"
        " far as can be seen here: then nothing is to change, and"
        " warnings.filterwarnings('ignore', 'app sends CORS headers itself',"
        " CORSSecurityWarning) silences this. Where both answer a path, its headers win"
        f" over this middleware's, even to an origin the policy denies: {layer.fix}.",
        CORSSecurityWarning,
        stacklevel=caller_stacklevel(),
    )


def _may_answer(answers: Callable[[str], bool], prefix: str) -> bool:
    """Whether a layer that *answers* so (:attr:`~wsgi_cors.layers.InnerLayer.answers`)
    may answer a path under *prefix*: where reading its routes and patterns fails in a
    way nothing foresaw, it may."""
    try:
        return answers(prefix)
    except Exception:
        return True


def _two_layers(layer: InnerLayer) -> str:
    """The refusal of *layer*, a second CORS layer: what it is, and the ways out."""
    apart = f"; or {layer.apart}" if layer.apart is not None else ""
    sends = (
        "app may send CORS headers itself, where it was not read"
        if layer.unread == _PAST_THE_APPLICATIONS_READ
        else "app already sends CORS headers itself"
    )
    return (
        f"{sends}: {layer.cause}. Two CORS layers answer the same requests and the inner"
        f" one's headers win; {layer.fix}{apart}."
    )


def _same_options_as(
    cls: Callable[_P, CORSMiddleware],
) -> Callable[[Callable[..., CORSMiddleware]], Callable[_P, CORSMiddleware]]:
    """Give the decorated function *cls*'s signature, for type checkers (through the
    ``ParamSpec``) and for ``inspect`` and Sphinx (through ``__signature__``)."""

    def decorate(function: Callable[..., CORSMiddleware]) -> Callable[_P, CORSMiddleware]:
        signature = inspect.signature(cls)
        function.__signature__ = signature.replace(  # type: ignore[attr-defined]
            return_annotation=CORSMiddleware.__name__
        )
        return function

    return decorate


@explains_unknown_keywords
@_same_options_as(CORSMiddleware)
def enable_cors(app: WSGIApplication, **options: Any) -> CORSMiddleware:
    """Wrap *app* in :class:`CORSMiddleware`: the WSGI equivalent of Falcon's
    ``falcon.App(cors_enable=True)``, with :class:`CORSMiddleware`'s keywords, typed
    the same.

    With no options every origin may read responses (``Access-Control-Allow-Origin:
    *``), without credentials, and the middleware answers CORS-preflight requests for
    any method and requested header.
    """
    return CORSMiddleware(app, **options)
