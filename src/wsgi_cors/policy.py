"""The compiled CORS policy: request header values in, response headers out. No WSGI.

A :class:`CORSPolicy` is built once from a validated :class:`~wsgi_cors.config.CORSConfig`.
Everything the configuration decides is computed then: the :class:`Grant` (ready
``Access-Control-Allow-Origin`` / ``-Credentials`` header pairs) of every listed origin,
the joined ``Access-Control-Expose-Headers``, ``-Allow-Methods``, ``-Allow-Headers`` and
``-Max-Age`` values, and whether responses must carry ``Vary: Origin``. Per request,
the policy only looks up the origin and makes one pass over the application's headers.

Header lists are PEP 3333 style: lists of ``(name, value)`` string pairs. The methods
never mutate a list they are given (an application may reuse one), they return a new one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from .config import CORSConfig
from .origins import MAX_ORIGIN_LENGTH, SubdomainPattern, is_serialized_origin

__all__ = [
    "MAX_MEMO_VALUE_LENGTH",
    "MAX_METHOD_LENGTH",
    "MAX_REQUEST_HEADERS_LENGTH",
    "ALLOW_SPELLINGS",
    "MERGE_LENGTHS",
    "PLAIN_NAMES",
    "PREFLIGHT_LENGTHS",
    "VARY_SPELLINGS",
    "CORSPolicy",
    "Grant",
    "Headers",
    "memoizable",
    "merge_vary",
]

Headers = list[tuple[str, str]]

ACAO = "Access-Control-Allow-Origin"
ACAC = "Access-Control-Allow-Credentials"
ACEH = "Access-Control-Expose-Headers"
ACAM = "Access-Control-Allow-Methods"
ACAH = "Access-Control-Allow-Headers"
ACMA = "Access-Control-Max-Age"
ACAPN = "Access-Control-Allow-Private-Network"

_ACAO = ACAO.lower()
_ACAC = ACAC.lower()
_ACEH = ACEH.lower()
# What Falcon always overwrites on a patched preflight answer.
_PREFLIGHT_SET = frozenset({ACAM.lower(), ACAH.lower(), ACMA.lower()})
_ACAPN = ACAPN.lower()
# Lengths of "Allow", "Vary" and every Access-Control-* response header name: only
# names of these lengths are lower-cased and compared on a preflight answer.
PREFLIGHT_LENGTHS = frozenset(
    len(n) for n in ("Allow", "Vary", ACAO, ACAC, ACEH, ACAM, ACAH, ACMA, ACAPN)
)
_CORS_PREFIX = "access-control-"


# What a browser puts in Access-Control-Request-Headers: header names (RFC 9110
# tokens) joined by commas (Fetch standard, "CORS-preflight request", step 5): a few
# dozen bytes. A longer list is refused before it is parsed, so a hostile header costs
# one len() call; a shorter one is checked with C-level string methods only (no regex,
# no Python-level loop), so the cost is linear in its length.
MAX_REQUEST_HEADERS_LENGTH = 4096
#: A longer Access-Control-Request-Method is refused unread (the longest registered
#: method name has 17 characters).
MAX_METHOD_LENGTH = 64
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+", re.ASCII).fullmatch


def _spellings(word: str) -> frozenset[str]:
    """Every upper/lower-case spelling of *word*."""
    return frozenset(
        "".join(c.upper() if (i >> n) & 1 else c for n, c in enumerate(word))
        for i in range(2 ** len(word))
    )


#: Every spelling of "Vary": a set look-up tells a Vary header without lower().
VARY_SPELLINGS = _spellings("vary")
#: Lengths of the header names an application may set that the middleware must merge
#: with rather than append to (Vary, Access-Control-Allow-Origin, -Allow-Credentials,
#: -Expose-Headers). A response with no header name of these lengths, the common case,
#: gets the precomputed headers appended in one list concatenation.
MERGE_LENGTHS = frozenset({4, len(ACAO), len(ACAC), len(ACEH)})
#: Every spelling of "Allow".
ALLOW_SPELLINGS = _spellings("allow")
#: Common response header names, as frameworks spell them, that are never merged with:
#: one set look-up passes them without the length test.
PLAIN_NAMES = frozenset(
    spelling
    for name in (
        "Content-Type",
        "Content-Length",
        "Cache-Control",
        "Content-Encoding",
        "Content-Language",
        "Content-Disposition",
        "Last-Modified",
        "Expires",
        "Location",
        "Set-Cookie",
        "Server",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Strict-Transport-Security",
        "Content-Security-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Request-Id",
    )
    for spelling in (name, name.lower())
)

#: The body of a short-circuit 403; the reason goes to the log, not to the client.
DENIED_BODY = b"CORS-preflight request denied\n"
DENIED_STATUS = "403 Forbidden"
ALLOWED_STATUS = "204 No Content"

# How many origins matched by a pattern, a regex or a wildcard keep their Grant, and
# how many preflight answers each answer memo keeps.
_MEMO_SIZE = 1024
#: Preflights whose Access-Control-Request-Method or -Headers value is longer than
#: this are answered without the memo, so it holds at most ~1 MiB of request values.
MAX_MEMO_VALUE_LENGTH = 512

#: A short-circuit answer: (status, headers, denial reason or None).
ShortCircuitAnswer = tuple[str, tuple[tuple[str, str], ...], "str | None"]


def memoizable(method: str, requested: str | None) -> bool:
    """True when a preflight's values are short enough to key the answer memo."""
    return len(method) <= MAX_METHOD_LENGTH and (
        requested is None or len(requested) <= MAX_MEMO_VALUE_LENGTH
    )


def _remember(memo: dict[Any, Any], key: Any, answer: Any) -> None:
    """Keep *answer* in *memo*, emptying the memo first when it is full.

    A plain dict rather than :func:`functools.lru_cache`: a hit is one ``dict.get``
    the caller can make inline, with no LRU bookkeeping. Browsers repeat the same few
    preflights, so a full memo (only a client sending ever new values fills it) is
    simply started afresh.
    """
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = answer


class Grant:
    """What one allowed origin gets.

    ``origin_headers`` is ``Access-Control-Allow-Origin`` (and
    ``Access-Control-Allow-Credentials: true`` when credentials are allowed for it);
    ``actual_headers`` is everything an actual response gets appended when the
    application set none of those headers itself: the origin headers,
    ``Access-Control-Expose-Headers`` and ``Vary: Origin`` as the policy says.
    """

    __slots__ = ("origin_headers", "credentials", "actual_headers", "policy")

    def __init__(
        self,
        allow_origin: str,
        credentials: bool,
        tail: tuple[tuple[str, str], ...],
        policy: CORSPolicy,
    ) -> None:
        self.credentials = credentials
        pairs = [(ACAO, allow_origin)]
        if credentials:
            pairs.append((ACAC, "true"))
        self.origin_headers: tuple[tuple[str, str], ...] = tuple(pairs)
        self.actual_headers: Headers = [*pairs, *tail]
        #: The policy that made this grant.
        self.policy = policy

    def __repr__(self) -> str:
        return f"Grant({self.origin_headers[0][1]!r}, credentials={self.credentials})"


class CORSPolicy:
    """A compiled, immutable CORS policy.

    :param config: a validated configuration (:func:`wsgi_cors.config.validate`).
    :param grant_type: the class of the grants it makes: :class:`Grant` or a subclass,
        called as ``grant_type(allow_origin, credentials, tail, policy)``. An adapter
        may subclass :class:`Grant` to carry ready per-origin objects of its own
        (:class:`~wsgi_cors.CORSMiddleware` adds its ``start_response`` wrapper).

    The public methods are the decisions :class:`~wsgi_cors.CORSMiddleware` makes,
    usable on their own by any server or framework adapter.
    """

    def __init__(self, config: CORSConfig, grant_type: type[Grant] = Grant) -> None:
        self.config = config
        any_origin = config.allow_origins == "*"
        creds_all = config.allow_credentials == "*"
        creds_exact = frozenset(r for r in config.allow_credentials if isinstance(r, str))
        creds_patterns = tuple(
            r for r in config.allow_credentials if isinstance(r, SubdomainPattern)
        )

        def credentials_for(origin: str) -> bool:
            # Falcon: allow_credentials takes effect only for an allowed origin.
            return (
                creds_all or origin in creds_exact or any(p.matches(origin) for p in creds_patterns)
            )

        #: True when response headers depend on the request's origin, so that every
        #: response must say ``Vary: Origin`` (Fetch standard, "CORS protocol and HTTP
        #: caches"). Only ``allow_origins="*"`` without credentials answers every
        #: origin with the same static ``*``.
        self.varies_by_origin = not (
            any_origin and not creds_all and not creds_exact and not creds_patterns
        )
        self.short_circuit = config.allow_methods is not None

        # Ready header values.
        self._vary_pair = ("Vary", "Origin")
        #: ``[("Vary", "Origin")]`` when the policy varies by origin, else ``[]``.
        self.vary_extra: Headers = [self._vary_pair] if self.varies_by_origin else []
        self._expose = (ACEH, config.expose_headers) if config.expose_headers else None
        tail = tuple(h for h in (self._expose, *self.vary_extra) if h is not None)

        def new_grant(origin: str, credentials: bool) -> Grant:
            return grant_type(origin, credentials, tail, self)

        exact: dict[str, Grant] = {}
        if any_origin:
            for origin in creds_exact:
                exact[origin] = new_grant(origin, True)
        else:
            for rule in config.allow_origins:
                if isinstance(rule, str):
                    exact[rule] = new_grant(rule, credentials_for(rule))
        #: Listed origins: a dict look-up, no parsing.
        self.exact_grants = exact

        patterns = tuple(r for r in config.allow_origins if isinstance(r, SubdomainPattern))
        regex = config.allow_origin_regex
        star = new_grant("*", False)

        def match(origin: str) -> Grant | None:
            """Origins not listed exactly. Only a syntactically valid serialized
            origin is ever reflected (API.md, difference 4)."""
            if any_origin:
                if is_serialized_origin(origin) and credentials_for(origin):
                    return new_grant(origin, True)
                return star
            if not is_serialized_origin(origin):
                return None
            if any(p.matches(origin) for p in patterns) or (
                regex is not None and regex.fullmatch(origin) is not None
            ):
                return new_grant(origin, credentials_for(origin))
            return None

        #: The grant of an origin that is not listed exactly, when that needs no
        #: matching: ``*`` for ``allow_origins="*"`` without credential patterns,
        #: None (denied) for a plain list.
        self.default_grant: Grant | None = None
        #: Otherwise the matcher (patterns, regex, credentials "*"), memoized in a
        #: bounded LRU cache; None when no matching is needed.
        self.match: Callable[[str], Grant | None] | None = None
        if any_origin and not (creds_all or creds_patterns):
            self.default_grant = star
        elif any_origin or patterns or regex is not None:
            memo = functools.lru_cache(maxsize=_MEMO_SIZE)(match)

            def match_memoized(origin: str) -> Grant | None:
                # An origin longer than any serialized origin can be is never
                # reflected; it is not kept in the memo either.
                return memo(origin) if len(origin) <= MAX_ORIGIN_LENGTH else match(origin)

            self.match = match_memoized

        self._max_age = (ACMA, str(config.max_age)) if config.max_age is not None else None
        methods = config.allow_methods
        self._methods_any = methods == "*"
        self._methods = frozenset(methods) if isinstance(methods, tuple) else frozenset()
        self._methods_pair = (
            (ACAM, ", ".join(methods)) if isinstance(methods, tuple) and methods else None
        )
        headers = config.allow_headers
        self._headers_mode = headers if headers is None or headers == "*" else "list"
        self._headers = (
            frozenset(h.lower() for h in headers) if isinstance(headers, tuple) else frozenset()
        )
        self._headers_pair = (
            (ACAH, ", ".join(headers)) if isinstance(headers, tuple) and headers else None
        )
        self._private_network = config.allow_private_network
        self._denied_headers: tuple[tuple[str, str], ...] = (
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(DENIED_BODY))),
            *self.vary_extra,
        )
        # Browsers send the same few preflights again and again: keep their answers,
        # keyed by short request values only (see memoizable()), at most _MEMO_SIZE
        # of them, so a memo stays small.
        #: Memo of :meth:`short_circuit_answer`: ``(grant, method, requested headers,
        #: private network) -> answer``. The middleware reads hits from it directly.
        self.short_circuit_memo: dict[
            tuple[Grant | None, str, str | None, bool], ShortCircuitAnswer
        ] = {}
        #: Memo of :meth:`preflight_answer`: ``(grant, Allow, requested headers,
        #: private network) -> headers``; allowed preflights only.
        self.preflight_memo: dict[
            tuple[Grant, str, str | None, bool], tuple[tuple[str, str], ...]
        ] = {}

    # -- origins -------------------------------------------------------------------

    def grant(self, origin: str) -> Grant | None:
        """The :class:`Grant` for *origin* (an ``Origin`` header value), or None if
        the origin is not allowed."""
        grant = self.exact_grants.get(origin)
        if grant is None:
            if self.match is None:
                return self.default_grant
            return self.match(origin)
        return grant

    # -- actual (non-preflight) responses -------------------------------------------

    def vary_headers(self, app_headers: Headers) -> Headers:
        """Headers for a response that gets no CORS header: only ``Vary: Origin``,
        merged into the application's ``Vary``, when the policy varies by origin."""
        if not self.varies_by_origin:
            return app_headers
        for name, _ in app_headers:
            if name in VARY_SPELLINGS:
                return merge_vary(list(app_headers))
        return app_headers + self.vary_extra

    def actual_headers(self, grant: Grant, app_headers: Headers) -> Headers:
        """Headers for an allowed origin's actual response (Falcon's
        ``process_response`` for a non-preflight request).

        The application's own ``Access-Control-Allow-Origin`` wins, together with
        whatever ``Access-Control-Allow-Credentials`` it set (Falcon's per-responder
        override); ``Access-Control-Expose-Headers`` is replaced by the configured one.
        """
        for name, _ in app_headers:
            if len(name) in MERGE_LENGTHS:
                break
        else:
            return app_headers + grant.actual_headers  # the common case
        out: Headers = []
        app_sets_origin = False
        has_vary = False
        expose = self._expose
        for item in app_headers:
            lower = item[0].lower()
            if lower == _ACAO:
                app_sets_origin = True
            elif lower == "vary":
                has_vary = True
            elif lower == _ACEH and expose is not None:
                continue
            out.append(item)
        if not app_sets_origin:
            if grant.credentials:
                out = [h for h in out if h[0].lower() != _ACAC]
            out.extend(grant.origin_headers)
        if expose is not None:
            out.append(expose)
        return self._add_vary(out, has_vary)

    def _add_vary(self, headers: Headers, has_vary: bool) -> Headers:
        """Give *headers* (a new list, changed in place) ``Vary: Origin`` when the
        policy varies by origin: merged into its ``Vary`` if *has_vary*, else appended."""
        if self.varies_by_origin:
            if has_vary:
                merge_vary(headers)
            else:
                headers.append(self._vary_pair)
        return headers

    # -- CORS-preflight requests ------------------------------------------------------

    def _allow_headers_value(
        self, requested: str | None, credentials: bool
    ) -> tuple[tuple[str, str] | None, str | None]:
        """(``Access-Control-Allow-Headers`` pair or None, denial reason or None)."""
        mode = self._headers_mode
        if requested is not None:
            if len(requested) > MAX_REQUEST_HEADERS_LENGTH:
                return None, (
                    f"Access-Control-Request-Headers is {len(requested)} characters long,"
                    f" over the limit of {MAX_REQUEST_HEADERS_LENGTH}"
                )
            if not (requested.isascii() and requested.isprintable()):
                return None, (
                    f"Access-Control-Request-Headers {requested[:200]!r} has a control"
                    " or non-ASCII character"
                )
        if mode == "list":
            if requested:
                names = _header_names(requested)
                if not names <= self._headers:
                    first = min(names - self._headers)
                    return None, f"header {first!r} is not allowed"
            return self._headers_pair, None
        if requested is not None and (mode is None or requested.strip(" ,")):
            # Falcon echoes the request's list; "*" echoes it too.
            return (ACAH, requested), None
        if mode is None:
            return (ACAH, "*"), None  # Falcon sends "*" when nothing was requested.
        # allow_headers="*" and nothing requested: the literal "*" means nothing to a
        # browser in credentials mode "include" (Fetch, CORS-preflight fetch step 7.6).
        return (None if credentials else (ACAH, "*")), None

    def _preflight_tail(
        self, grant: Grant, requested: str | None, private_network: bool
    ) -> tuple[tuple[tuple[str, str], ...], str | None]:
        """The headers every allowed preflight of *grant* with these request values
        gets after the origin and method headers (``Access-Control-Allow-Headers``,
        ``-Max-Age``, ``-Allow-Private-Network``), or a denial reason. Memoized."""
        headers_pair, reason = self._allow_headers_value(requested, grant.credentials)
        if reason is not None:
            return (), reason
        tail = [headers_pair] if headers_pair is not None else []
        if self._max_age is not None:
            tail.append(self._max_age)
        # Private Network Access, "Access-Control-Allow-Private-Network".
        if self._private_network and private_network:
            tail.append((ACAPN, "true"))
        return tuple(tail), None

    def preflight_answer(
        self, grant: Grant, allow: str, requested: str | None, private_network: bool
    ) -> tuple[tuple[str, str], ...] | None:
        """:meth:`compute_preflight_answer`, memoized in :attr:`preflight_memo` when
        *requested* is short and the preflight is allowed."""
        key = (grant, allow, requested, private_network)
        answer = self.preflight_memo.get(key)
        if answer is None:
            answer = self.compute_preflight_answer(grant, allow, requested, private_network)
            # The Allow value comes from the application, not the client: only the
            # requested headers' length needs bounding.
            if answer is not None and (
                requested is None or len(requested) <= MAX_MEMO_VALUE_LENGTH
            ):
                _remember(self.preflight_memo, key, answer)
        return answer

    def compute_preflight_answer(
        self, grant: Grant, allow: str, requested: str | None, private_network: bool
    ) -> tuple[tuple[str, str], ...] | None:
        """Everything a pass-through preflight answer with ``Allow: allow`` gets appended
        (when the application set no CORS or Vary header itself), or None if the
        preflight is denied."""
        tail, reason = self._preflight_tail(grant, requested, private_network)
        if reason is not None:
            return None
        return (*grant.actual_headers, (ACAM, allow), *tail)

    def short_circuit_answer(
        self,
        grant: Grant | None,
        method: str,
        requested: str | None,
        private_network: bool,
    ) -> ShortCircuitAnswer:
        """:meth:`compute_short_circuit_answer`, memoized in :attr:`short_circuit_memo`
        when the values are short (:func:`memoizable`)."""
        key = (grant, method, requested, private_network)
        answer = self.short_circuit_memo.get(key)
        if answer is None:
            answer = self.compute_short_circuit_answer(grant, method, requested, private_network)
            if memoizable(method, requested):
                _remember(self.short_circuit_memo, key, answer)
        return answer

    def compute_short_circuit_answer(
        self,
        grant: Grant | None,
        method: str,
        requested: str | None,
        private_network: bool,
    ) -> ShortCircuitAnswer:
        """:meth:`preflight_response` with a shared tuple of headers and
        ``private_network`` as a bool."""
        denied = self._denied_headers
        if grant is None:
            return DENIED_STATUS, denied, "origin not allowed"
        if len(method) > MAX_METHOD_LENGTH or not _TOKEN(method):
            reason = f"Access-Control-Request-Method {method[:100]!r} is not a method"
            return DENIED_STATUS, denied, reason
        methods_pair: tuple[str, str] | None
        if self._methods_any:
            methods_pair = (ACAM, method)
        elif method in self._methods:
            methods_pair = self._methods_pair
        else:
            return DENIED_STATUS, denied, f"method {method!r} not allowed"
        tail, denial = self._preflight_tail(grant, requested, private_network)
        if denial is not None:
            return DENIED_STATUS, denied, denial
        out = [*grant.origin_headers]
        if methods_pair is not None:
            out.append(methods_pair)
        out.extend(tail)
        out.extend(grant.actual_headers[len(grant.origin_headers) :])  # expose, Vary
        return ALLOWED_STATUS, tuple(out), None

    def preflight_response(
        self,
        grant: Grant | None,
        method: str,
        requested_headers: str | None,
        private_network: str | None,
    ) -> tuple[str, Headers, str | None]:
        """Answer a CORS-preflight request without the application (``allow_methods``
        given): ``(status, headers, denial reason or None)``.

        ``204 No Content`` with the ``Access-Control-Allow-*`` headers when the origin,
        the method (*method*, from ``Access-Control-Request-Method``) and every name in
        *requested_headers* (``Access-Control-Request-Headers``) are allowed; ``403
        Forbidden`` with no ``Access-Control-*`` header otherwise. The body of a 403
        is :data:`DENIED_BODY`; a 204 has none. *private_network* is the value of
        ``Access-Control-Request-Private-Network``.
        """
        status, headers, reason = self.short_circuit_answer(
            grant, method, requested_headers, private_network == "true"
        )
        return status, list(headers), reason

    def preflight_headers(
        self,
        grant: Grant,
        app_headers: Headers,
        requested_headers: str | None,
        private_network: str | None,
    ) -> tuple[Headers, str | None]:
        """Patch the application's 2xx answer to a CORS-preflight request (``allow_methods``
        is None; Falcon's behaviour): ``(headers, denial reason or None)``.

        The application's ``Allow`` header is removed and becomes
        ``Access-Control-Allow-Methods``; ``Access-Control-Allow-Headers`` and
        ``Access-Control-Max-Age`` are added. A 2xx answer without ``Allow`` (or a
        request for a header ``allow_headers`` does not allow) denies the preflight:
        every ``Access-Control-*`` header is removed, the application's own included
        (API.md, difference 2).
        """
        tail, reason = self._preflight_tail(grant, requested_headers, private_network == "true")
        if reason is not None:
            return self._denied_preflight_headers(app_headers), reason
        allow: str | None = None
        rest: Headers = []
        plain = True  # no header of the application's that ours must merge with
        for item in app_headers:
            name = item[0]
            if name in ALLOW_SPELLINGS:
                allow = item[1] if allow is None else f"{allow}, {item[1]}"
                continue
            if name not in PLAIN_NAMES and len(name) in PREFLIGHT_LENGTHS:
                lower = name.lower()
                if lower == "vary" or lower.startswith(_CORS_PREFIX):
                    plain = False
            rest.append(item)
        if allow is None:
            reason = "the application answered the preflight without an Allow header"
            return self._denied_preflight_headers(rest), reason
        if plain:  # the common case: append the ready headers
            rest += (*grant.actual_headers, (ACAM, allow), *tail)
            return rest, None
        rest = [h for h in rest if h[0].lower() not in _PREFLIGHT_SET]
        if self._private_network and private_network == "true":
            # Ours replaces the application's own, as Falcon's set_header does.
            rest = [h for h in rest if h[0].lower() != _ACAPN]
        out = self.actual_headers(grant, rest)
        out.append((ACAM, allow))
        out += tail
        return out, None

    def _denied_preflight_headers(self, app_headers: Headers) -> Headers:
        """A denied preflight answer: no Allow, no Access-Control-* header at all (API.md,
        difference 2), and Vary: Origin where the policy needs it."""
        kept: Headers = []
        has_vary = False
        for item in app_headers:
            name = item[0]
            if name not in PLAIN_NAMES:
                if name in ALLOW_SPELLINGS:
                    continue
                lower = name.lower()
                if lower.startswith(_CORS_PREFIX):
                    continue
                if lower == "vary":
                    has_vary = True
            kept.append(item)
        return self._add_vary(kept, has_vary)


def _header_names(requested: str) -> set[str]:
    """The lower-cased names in an Access-Control-Request-Headers value (printable
    ASCII): white space around the commas is dropped, with C-level string methods only;
    a name with a space inside stays as it is, and so matches no allowed header."""
    lowered = requested.lower()
    if " " in lowered:
        if "  " in lowered:
            lowered = " ".join(lowered.split())
        lowered = lowered.replace(", ", ",").replace(" ,", ",").strip()
    names = set(lowered.split(","))
    names.discard("")
    return names


def merge_vary(headers: Headers) -> Headers:
    """Add ``Origin`` to the last ``Vary`` header of *headers*, in place, unless some
    ``Vary`` already lists it (case-insensitively) or is ``*`` (RFC 9110, 12.5.5)."""
    last = -1
    for i, (name, value) in enumerate(headers):
        if name in VARY_SPELLINGS:
            for token in value.split(","):
                token = token.strip().lower()
                if token == "origin" or token == "*":
                    return headers
            last = i
    if last < 0:
        headers.append(("Vary", "Origin"))
        return headers
    name, value = headers[last]
    value = value.strip()
    headers[last] = (name, f"{value}, Origin" if value else "Origin")
    return headers
