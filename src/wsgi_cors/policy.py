"""The compiled CORS policy: request header values in, response headers out. No WSGI.

A :class:`CORSPolicy` is built once from a validated :class:`~wsgi_cors.config.CORSConfig`.
Everything the configuration decides is computed then: the :class:`Grant` (ready
``Access-Control-Allow-Origin`` / ``-Credentials`` pairs) of every listed origin, the
joined ``Access-Control-Expose-Headers``, ``-Allow-Methods``, ``-Allow-Headers`` and
``-Max-Age`` values, and whether responses must carry ``Vary: Origin``. Per request,
the policy only decides what the request decides, through four methods named for
their decision:

* :attr:`CORSPolicy.grant` (``grant(origin)``): is this origin allowed, and with
  credentials?
* :meth:`CORSPolicy.response_headers`: the headers of a response the application
  answers (an allowed origin's actual response, or one that gets only ``Vary``);
* :meth:`CORSPolicy.preflight_answer`: the answer to a CORS-preflight request the
  middleware answers itself (``allow_methods`` given);
* :meth:`CORSPolicy.patch_preflight`: the patch of the application's answer to a
  CORS-preflight request passed through to it (``allow_methods=None``, Falcon's way).

:meth:`CORSPolicy.denies_method` and :meth:`CORSPolicy.unlisted_request_headers` name
what ``allow_methods`` and ``allow_headers`` deny, for the answer and for anyone who
explains it (the demo). The browser's side of the methods step,
:func:`preflight_method_step` (with :func:`extract_header_list_values`), lives here
too: the policy uses it for the reason it logs when an application's ``Allow`` will
fail a passed-through preflight, and ``wsgi-cors check`` reports it.

Header lists are PEP 3333 style: lists of ``(name, value)`` string pairs. No method
changes a list it is given (an application may reuse one); each returns a new one.

Thread safety: a policy is immutable but for its memos, which are plain dicts that
each call touches with single operations (``get``, item assignment, ``clear``). Two
threads may compute the same answer twice, or a memo may be emptied under another's
feet; neither changes an answer. No lock is needed, with or without the GIL.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Union, cast

from .config import (
    HTTP_TAB_OR_SPACE,
    CORSConfig,
    combined_header_value,
    header_list_elements,
    is_cors_header,
    is_token,
    spaced_white_space,
)
from .origins import (
    CONTROL_CHARACTER,
    CONTROL_CHARACTERS,
    MAX_ORIGIN_LENGTH,
    OriginSet,
    is_serialized_origin,
)

__all__ = [
    "ACAC",
    "ACAH",
    "ACAM",
    "ACAO",
    "ACAPN",
    "ACEH",
    "ACMA",
    "ACRH",
    "ACRM",
    "ACRPN",
    "ALLOW",
    "DENIED_BODY",
    "DENIED_STATUS_CODE",
    "HEADER_TRUE",
    "MAX_DEBUG_REASON_LENGTH",
    "MAX_MEMO_VALUE_LENGTH",
    "MAX_METHOD_LENGTH",
    "MAX_REQUEST_HEADERS_LENGTH",
    "MAX_SHOWN_VALUE_LENGTH",
    "MERGED_HEADERS",
    "ORIGIN",
    "ORIGIN_NOT_ALLOWED",
    "PREFLIGHT_HEADERS",
    "PREFLIGHT_METHOD",
    "SAFELISTED_METHODS",
    "SENT_BY_A_CORS_LAYER",
    "VARY",
    "VARY_ORIGIN",
    "CORSPolicy",
    "Grant",
    "Headers",
    "InvalidList",
    "MethodStep",
    "PreflightAnswer",
    "PreflightPatch",
    "cut",
    "denied_body",
    "denying_option",
    "extract_header_list_values",
    "is_ok_status",
    "is_not_modified",
    "is_cors_safelisted_method",
    "is_merged_header",
    "is_ordinary_header",
    "is_wildcard",
    "merge_vary",
    "preflight_method_step",
    "read_denied_body",
    "shown",
    "vary_lists",
    "vary_lists_origin",
]

Headers = list[tuple[str, str]]

# The response headers the middleware sets or reads: Vary (RFC 9110, 12.5.5), Allow (RFC
# 9110, 10.2.1) and the CORS response headers (Fetch standard, "HTTP responses").
VARY = "Vary"
ALLOW = "Allow"
ACAO = "Access-Control-Allow-Origin"
ACAC = "Access-Control-Allow-Credentials"
ACEH = "Access-Control-Expose-Headers"
ACAM = "Access-Control-Allow-Methods"
ACAH = "Access-Control-Allow-Headers"
ACMA = "Access-Control-Max-Age"
ACAPN = "Access-Control-Allow-Private-Network"
# The CORS request headers (Fetch standard, "HTTP requests"; Private Network Access
# draft), and "true": the only value of the -Request-Private-Network header that asks,
# and the value of -Allow-Credentials and -Allow-Private-Network that grants.
ORIGIN = "Origin"
ACRM = "Access-Control-Request-Method"
ACRH = "Access-Control-Request-Headers"
ACRPN = "Access-Control-Request-Private-Network"
HEADER_TRUE = "true"
# Any -Allow-Credentials value but "true" fails a credentialed request's CORS check
# (Fetch standard, "CORS check"): the one that overwrites a cached "true" (Grant).
_CREDENTIALS_WITHHELD = (ACAC, "false")
#: The method of every CORS-preflight request (Fetch standard, "CORS-preflight fetch").
PREFLIGHT_METHOD = "OPTIONS"
_ORIGIN, _VARY, _ALLOW, _ACAO, _ACAC, _ACEH = (
    n.lower() for n in (ORIGIN, VARY, ALLOW, ACAO, ACAC, ACEH)
)


# -- the response headers the middleware must look at -----------------------------------

#: Header names (lower case) that an application may set and the middleware merges
#: with rather than appends beside: ``Vary`` (``Origin`` is added to it, README
#: difference 1), ``Access-Control-Allow-Origin`` and ``-Allow-Credentials`` (the
#: application's own win: Falcon's per-responder override) and
#: ``-Expose-Headers`` (replaced by the configured one, as Falcon's ``set_header`` does).
MERGED_HEADERS = frozenset(name.lower() for name in (VARY, ACAO, ACAC, ACEH))
#: Header names (lower case) the middleware looks for in an application's answer to a
#: CORS-preflight request it passes through: ``Allow`` (which becomes
#: ``Access-Control-Allow-Methods``) and every header it sets on a preflight answer.
PREFLIGHT_HEADERS = MERGED_HEADERS | {name.lower() for name in (ALLOW, ACAM, ACAH, ACMA, ACAPN)}
# The preflight headers the middleware sets in place of the application's own, as
# Falcon's set_header does (Access-Control-Allow-Private-Network too, when it sends it).
_REPLACED_ON_PREFLIGHT = frozenset(name.lower() for name in (ACAM, ACAH, ACMA))
#: An application's answer to a CORS-preflight request carrying one of these was made by
#: a CORS layer inside the application (the middleware warns once).
SENT_BY_A_CORS_LAYER = (ACAO, ACAM)
_SENT_BY_A_CORS_LAYER = frozenset(name.lower() for name in SENT_BY_A_CORS_LAYER)
#: Fetch standard, "CORS-safelisted method" (compared byte for byte).
SAFELISTED_METHODS = frozenset({"GET", "HEAD", "POST"})
#: The header every answer that depends on the origin carries (README difference 1).
VARY_ORIGIN = (VARY, ORIGIN)
#: The denial reason for an origin the policy does not allow.
ORIGIN_NOT_ALLOWED = "origin not allowed"
# The option that denies a CORS-preflight request the middleware answers, by the first
# word of its reason: ORIGIN_NOT_ALLOWED above, and the reasons of
# CORSPolicy._allow_methods_value and _allow_headers_value ("method ...", "header ...").
_DENYING_OPTIONS = {"origin": "allow_origins", "method": "allow_methods", "header": "allow_headers"}


def is_cors_safelisted_method(method: str) -> bool:
    """Fetch standard, "CORS-safelisted method": ``GET``, ``HEAD`` or ``POST``, byte for
    byte (``fetch()`` upper-cases ``post``: :func:`wsgi_cors.config.normalize_method`)."""
    return method in SAFELISTED_METHODS


def vary_lists_origin(value: str) -> bool:
    """True when a ``Vary`` header value already covers ``Origin``: it lists ``Origin``
    (case-insensitively) or is ``*``, which varies by everything (RFC 9110, 12.5.5)."""
    return vary_lists(value, ORIGIN)


def vary_lists(value: str, field: str) -> bool:
    """True when a ``Vary`` header value already covers the request header *field*: it
    lists it (case-insensitively) or is ``*``, which varies by everything (RFC 9110,
    12.5.5)."""
    field = field.lower()
    for token in header_list_elements(value):
        token = token.lower()
        if token == field or token == "*":
            return True
    return False


def is_ok_status(status: str) -> bool:
    """Fetch standard, "ok status": 200 to 299, the only statuses with which a
    CORS-preflight fetch can pass. *status* is a PEP 3333 status line (``"204 No
    Content"``) or a status code as text (``"204"``)."""
    return status[0] == "2"


def is_not_modified(status: str) -> bool:
    """True for a ``304 Not Modified`` response (RFC 9110, 15.4.5), the answer to a
    cache's revalidation of a response it stored (:class:`Grant`, README difference 9).
    *status* is a PEP 3333 status line or a status code as text."""
    return status.startswith("304")


def is_merged_header(name: str) -> bool:
    """True if the response header *name* (any case) is one of :data:`MERGED_HEADERS`."""
    return name.lower() in MERGED_HEADERS


def is_ordinary_header(name: str) -> bool:
    """True for a response header name (any case) the middleware never looks at: not
    one of :data:`PREFLIGHT_HEADERS` (which holds :data:`MERGED_HEADERS`) and not a
    CORS header, so anything but ``Allow``, ``Vary`` and ``Access-Control-*``."""
    lower = name.lower()
    return lower not in PREFLIGHT_HEADERS and not is_cors_header(lower)


# Header names, spelled as applications sent them, found ordinary (is_ordinary_header).
# Applications send the same few spellings again and again, so once they are here a
# scan costs one set look-up per header instead of a lower-casing and a look-up: 125 ns
# instead of 250 ns for a three-header response on CPython 3.11, where the whole
# middleware costs about 650 ns (timeit; the benchmarks' bare app). Bounded, so that an
# application sending ever new names cannot grow it; `in` and set.add are single
# operations, safe without the GIL.
_ORDINARY_NAMES: set[str] = set()
_ORDINARY_NAMES_MAX = 1024


def _needs_a_look(name: str) -> bool:
    """True unless *name* (not in ``_ORDINARY_NAMES`` yet) is ordinary
    (:func:`is_ordinary_header`), in which case it is remembered there."""
    if is_ordinary_header(name):
        _remember_ordinary(name)
        return False
    return True


def _remember_ordinary(name: str) -> None:
    # Long names are not kept: a few such could otherwise pin megabytes.
    if len(name) <= 64 and len(_ORDINARY_NAMES) < _ORDINARY_NAMES_MAX:
        _ORDINARY_NAMES.add(name)


def merge_vary(headers: Headers, field: str = ORIGIN) -> Headers:
    """Add *field* (a request header's name: ``Origin`` unless told) to the last
    ``Vary`` header of *headers*, in place, unless some ``Vary`` already lists it
    (case-insensitively) or is ``*`` (RFC 9110, 12.5.5); append ``Vary: <field>`` when
    there is none. Returns *headers*."""
    last = -1
    for i, (name, value) in enumerate(headers):
        if name not in _ORDINARY_NAMES and name.lower() == _VARY:
            if vary_lists(value, field):
                return headers
            last = i
    if last < 0:
        headers.append((VARY, field))
        return headers
    name, value = headers[last]
    value = value.strip(HTTP_TAB_OR_SPACE)
    headers[last] = (name, f"{value}, {field}" if value else field)
    return headers


# -- what a browser does with a preflight answer (Fetch standard, "CORS-preflight fetch")


@dataclass(frozen=True)
class InvalidList:
    """Fetch standard, "extract header list values" returned failure: *element* is not
    a token (a method or a header name)."""

    element: str


def extract_header_list_values(values: Sequence[str]) -> list[str] | None | InvalidList:
    """Fetch standard, "extract header list values" for ``Access-Control-Allow-Methods``,
    ``-Allow-Headers`` and ``-Expose-Headers`` (each ``#token``): None when the header
    is absent (*values* empty); otherwise every comma-separated element of every value,
    white space around it removed and empty elements skipped; :class:`InvalidList` when
    an element is not a token, which a browser treats as a network error (preflight)
    or as no list at all (``Access-Control-Expose-Headers``)."""
    if not values:
        return None
    items: list[str] = []
    for value in values:
        for element in header_list_elements(value):
            if not element:
                continue
            if not is_token(element):
                return InvalidList(element)
            items.append(element)
    return items


def is_wildcard(values: Collection[str], credentials: bool) -> bool:
    """True when ``*`` among *values* (an ``Access-Control-Allow-Origin``, ``-Allow-Methods``,
    ``-Allow-Headers`` or ``-Expose-Headers`` value, as a list) means "any" to a browser:
    only for a request that does not include credentials. With credentials it is a
    literal name, never a wildcard (Fetch standard, "CORS check", "CORS-preflight fetch"
    and "main fetch")."""
    return not credentials and "*" in values


class MethodStep(enum.Enum):
    """How the methods step of a browser's CORS-preflight fetch ends (Fetch standard,
    "CORS-preflight fetch"), from :func:`preflight_method_step`."""

    #: The method is in ``Access-Control-Allow-Methods`` (byte for byte): it passes.
    LISTED = "listed"
    #: A CORS-safelisted method (GET, HEAD, POST) passes unlisted.
    SAFELISTED = "safelisted"
    #: ``*`` in the list, without credentials: any method passes.
    WILDCARD = "wildcard"
    #: None of the above (with credentials ``*`` is a method name): the preflight fails.
    NOT_LISTED = "not listed"
    #: The list does not parse (:class:`InvalidList`): the preflight fails.
    INVALID_LIST = "invalid list"

    @property
    def passes(self) -> bool:
        """True when the browser goes on with the request."""
        return self in (MethodStep.LISTED, MethodStep.SAFELISTED, MethodStep.WILDCARD)


def preflight_method_step(
    method: str, allowed: list[str] | None | InvalidList, credentials: bool
) -> MethodStep:
    """What a browser makes of *method* (the request's, as ``fetch()`` sends it) given
    the preflight answer's ``Access-Control-Allow-Methods`` (*allowed*, from
    :func:`extract_header_list_values`) and whether the request includes credentials.
    ``wsgi-cors check`` reports it; the policy logs why a passed-through preflight's
    ``Allow`` will fail in the browser."""
    if isinstance(allowed, InvalidList):
        return MethodStep.INVALID_LIST
    methods = allowed or ()
    if method in methods:
        return MethodStep.LISTED
    if is_cors_safelisted_method(method):
        return MethodStep.SAFELISTED
    if is_wildcard(methods, credentials):
        return MethodStep.WILDCARD
    return MethodStep.NOT_LISTED


# -- limits on what a client sends ------------------------------------------------------

# What a browser puts in Access-Control-Request-Headers: header names (RFC 9110
# tokens) joined by commas (Fetch standard, "CORS-preflight fetch"): a few
# dozen bytes. Where allow_headers reads the value name by name (a list, or "*"), a
# longer one is refused before it is parsed, so that a hostile header costs one len()
# call there; a shorter one is read with one split and one strip per element. With
# allow_headers=None the value is only echoed, as Falcon echoes it, whatever its
# length. Either way it is checked for control characters with C-level methods
# (_holds_control_character: no regex, no Python-level loop over its characters), so
# the cost is linear in its length; and the memo look-up before it hashes the value
# once, also linearly (about 1.6 µs for 8 KiB on CPython 3.11: docs/benchmarks.rst,
# "How it is timed").
MAX_REQUEST_HEADERS_LENGTH = 4096
#: A longer Access-Control-Request-Method is refused unread (the longest registered
#: method name has 17 characters).
MAX_METHOD_LENGTH = 64
#: Preflights whose Access-Control-Request-Headers value is longer than this (or whose
#: -Method value is longer than MAX_METHOD_LENGTH) are answered without the memo, so
#: that a memo holds at most ~1 MiB of request values.
MAX_MEMO_VALUE_LENGTH = 512
# How many answers each memo keeps (matched origins' grants, preflight answers).
_MEMO_SIZE = 1024

#: The most characters of a request value that a denial reason or a log line shows
#: (:func:`shown`).
MAX_SHOWN_VALUE_LENGTH = 200


def shown(value: str, limit: int = MAX_SHOWN_VALUE_LENGTH) -> str:
    """*value*, a request value, as denial reasons and log lines show it: escaped
    with ``repr`` (so that a control character cannot forge a log line) and cut at
    *limit* characters, escapes included, like logging's ``%.200r``; only the first
    *limit* characters of *value* are looked at."""
    return repr(value[:limit])[:limit]


def cut(value: str, limit: int = MAX_SHOWN_VALUE_LENGTH) -> str:
    """*value* as a report shows it unescaped (``wsgi-cors check``'s report of a
    server's answer, the demo's decision log): where it is longer than *limit*
    characters, its first *limit* and its length told (``… (9,000 characters)``), so
    that a hostile or broken value cannot fill the report."""
    return value if len(value) <= limit else f"{value[:limit]}… ({len(value):,} characters)"


# A reason that shows two values, or a method beside a longer text, shows each at half
# the length, so that the whole stays near one value's.
_HALF_SHOWN = MAX_SHOWN_VALUE_LENGTH // 2


#: The body of a denied preflight answered by the middleware; the reason goes to the
#: log, and to the client only with ``debug=True`` (:func:`denied_body`).
DENIED_BODY = b"CORS-preflight request denied\n"
_CONTROL_BYTES = re.compile(f"[{CONTROL_CHARACTERS}]".encode("ascii"))
_DENIED_REASON_HEAD = DENIED_BODY.rstrip(b"\n") + b": "  # then the reason (debug=True)
#: The most characters of a denial reason a ``debug=True`` body carries.
MAX_DEBUG_REASON_LENGTH = 200
#: The status of a denied preflight answered by the middleware (``403 Forbidden``).
DENIED_STATUS_CODE = 403
_DENIED_STATUS = f"{DENIED_STATUS_CODE} Forbidden"
_ALLOWED_STATUS = "204 No Content"


def _remember(memo: dict[Any, Any], key: Any, answer: Any) -> None:
    """Keep *answer* in *memo*, emptying the memo first when it is full.

    Browsers repeat the same few requests, so a full memo (only a client sending ever
    new values fills it) is simply started afresh: a hit stays one ``dict.get``, with
    no LRU bookkeeping, and what is dropped is freed at once (nothing in a memo refers
    back to it).
    """
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = answer


class Grant:
    """What one allowed origin gets (Fetch standard, "CORS check").

    ``origin_headers`` is ``Access-Control-Allow-Origin`` (and
    ``Access-Control-Allow-Credentials: true`` when credentials are allowed for it);
    ``actual_headers`` is everything an actual response gets appended when the
    application set none of the :data:`~wsgi_cors.policy.MERGED_HEADERS` itself: the
    origin headers, ``Access-Control-Expose-Headers`` and ``Vary: Origin`` as the policy
    says. Plain data: a grant refers to nothing but strings, so a dropped one is freed
    at once.

    ``not_modified_origin_headers`` and ``not_modified_headers`` are what a ``304 Not
    Modified`` response gets instead, or None when they are the same. They differ for
    an origin that gets no credentials under a policy that gives them to another
    (*others_get_credentials*): ``Access-Control-Allow-Credentials: false`` is added.
    A cache that revalidates a stored response keeps every stored header the 304 does
    not carry (RFC 9111, 4.3.4), and Chromium revalidates the response stored for one
    origin when another asks: without it, the ``-Allow-Credentials: true`` stored for
    the first origin stayed, and the second read the credentialed response (README
    difference 9). A browser reads any value but ``true`` as none.
    """

    __slots__ = (
        "actual_headers",
        "credentials",
        "not_modified_headers",
        "not_modified_origin_headers",
        "origin_headers",
    )

    def __init__(
        self,
        allow_origin: str,
        credentials: bool,
        tail: tuple[tuple[str, str], ...],
        others_get_credentials: bool = False,
    ) -> None:
        #: True when the origin also gets ``Access-Control-Allow-Credentials: true``.
        self.credentials = credentials
        pairs = [(ACAO, allow_origin)]
        if credentials:
            pairs.append((ACAC, HEADER_TRUE))
        #: ``Access-Control-Allow-Origin`` (and ``-Allow-Credentials``) pairs.
        self.origin_headers: tuple[tuple[str, str], ...] = tuple(pairs)
        #: What an actual response gets appended; never handed out, only copied.
        self.actual_headers: Headers = [*pairs, *tail]
        #: The origin headers of a 304, when they differ (above), else None.
        self.not_modified_origin_headers: tuple[tuple[str, str], ...] | None = None
        #: What a 304 gets appended, when it differs (above), else None.
        self.not_modified_headers: Headers | None = None
        if others_get_credentials and not credentials:
            self.not_modified_origin_headers = (*pairs, _CREDENTIALS_WITHHELD)
            self.not_modified_headers = [*self.not_modified_origin_headers, *tail]

    def __repr__(self) -> str:
        return f"Grant({self.origin_headers[0][1]!r}, credentials={self.credentials})"


def denied_body(reason: str | None) -> bytes:
    """The body of a denied preflight the middleware answers: :data:`DENIED_BODY`, and
    with ``debug=True`` (*reason* given) the reason escaped to printable ASCII (request
    values in reasons are already ``%r``-quoted; any other non-ASCII character becomes a
    backslash escape, a control character ``?``) and cut at
    :data:`MAX_DEBUG_REASON_LENGTH` characters, so that a client's bytes never come
    back raw."""
    if reason is None:
        return DENIED_BODY
    text = reason.encode("ascii", "backslashreplace")[:MAX_DEBUG_REASON_LENGTH]
    return _DENIED_REASON_HEAD + _CONTROL_BYTES.sub(b"?", text) + b"\n"


def read_denied_body(body: bytes) -> str | None:
    """What :func:`denied_body` wrote in *body*: the reason, ``""`` for the plain
    :data:`DENIED_BODY` (``debug=False``), or None when *body* is not one it writes."""
    if body == DENIED_BODY:
        return ""
    if body.startswith(_DENIED_REASON_HEAD) and body.endswith(b"\n"):
        return body[len(_DENIED_REASON_HEAD) : -1].decode("ascii", "replace")
    return None


def denying_option(reason: str) -> str | None:
    """The option that made the middleware deny a preflight it answered itself for
    *reason* (one of the reasons of :meth:`CORSPolicy.preflight_answer`, as
    :func:`read_denied_body` reads it back): ``allow_origins``, ``allow_methods`` or
    ``allow_headers``; None for a request refused unread (a value that is not a method,
    an over-long ``Access-Control-Request-Headers``). Not for the reasons logged for a
    passed-through preflight, where the application's ``Allow`` decides the method."""
    return _DENYING_OPTIONS.get(reason.partition(" ")[0])


class PreflightAnswer(NamedTuple):
    """The middleware's own answer to a CORS-preflight request."""

    #: ``"204 No Content"`` or ``"403 Forbidden"``.
    status: str
    #: The response headers (a tuple: copy it before handing it to a server).
    headers: tuple[tuple[str, str], ...]
    #: Why the preflight is denied, for the log; None when it is allowed.
    reason: str | None
    #: The response body: empty when allowed, ``denied_body(reason)`` when denied.
    body: bytes = b""


#: What :meth:`~wsgi_cors.CORSPolicy.patch_preflight` returns: ``(headers, reason,
#: app_sent_cors)``: the response headers to hand to the server (a new list); why a
#: browser will deny the preflight, for the log, or None; and True when the
#: application's answer already carried ``Access-Control-Allow-Origin`` or
#: ``-Allow-Methods``, so that another CORS layer inside the application answers
#: preflights too (README, "Secure by default"). A plain tuple, not a NamedTuple:
#: making one costs 200 ns, a third of the whole patch (timeit, CPython 3.11), on a
#: path that the benchmarks hold to half of falcon.CORSMiddleware's cost.
PreflightPatch = tuple[Headers, Union[str, None], bool]  # noqa: UP007 (a runtime alias on 3.10)


class _Grants:
    """The grant of every origin: those of listed origins made up front, those of
    origins matched by a pattern, the regex or credentials for ``"*"`` memoized, those
    that depend on a callable decided every time (the user's answer may change: README,
    "Origins decided by a function"), with the :class:`Grant` objects kept so that
    answers memoized by grant still hit.

    Separate from :class:`CORSPolicy` so that the policy's ``grant`` (a bound method
    of this object) makes no reference cycle with the policy.
    """

    __slots__ = (
        *("allowed", "asks", "credentialed", "listed", "made", "matched"),
        *("others_get_credentials", "star", "tail"),
    )

    def __init__(
        self, allowed: OriginSet, credentialed: OriginSet, tail: tuple[tuple[str, str], ...]
    ) -> None:
        self.allowed = allowed
        self.credentialed = credentialed
        self.tail = tail
        # A cached credentialed answer must be overwritten on a 304 to any other origin
        # (Grant); with "*", which a credentialed request fails, it need not be.
        self.others_get_credentials = not credentialed.is_empty
        self.star = Grant("*", False, tail)
        #: True when a callable takes part: then decisions are never memoized.
        self.asks = bool(allowed.callables or credentialed.callables)
        self.made: dict[tuple[str, bool], Grant] = {}
        # With allow_origins="*", only the origins listed for credentials need a grant
        # of their own; every other allowed origin shares the one ``*`` grant. A
        # listed origin whose credentials a callable decides is decided per request.
        listed = credentialed.exact if allowed.any else allowed.exact
        if credentialed.callables and not allowed.any:
            listed = listed & credentialed.exact
        self.listed: dict[str, Grant] = {
            origin: self.decide(origin) or self.star for origin in listed
        }
        self.matched: dict[str, Grant | None] = {}

    def listed_or_star(self, origin: str) -> Grant | None:
        return self.listed.get(origin, self.star)

    def matching(self, origin: str) -> Grant | None:
        """An origin that is not listed is matched once, and its grant (or None) kept
        in a bounded memo; values longer than any serialized origin are never kept."""
        grant = self.listed.get(origin)
        if grant is not None:
            return grant
        try:
            return self.matched[origin]
        except KeyError:
            grant = self.decide(origin)
            if len(origin) <= MAX_ORIGIN_LENGTH:
                _remember(self.matched, origin, grant)
            return grant

    def asking(self, origin: str) -> Grant | None:
        """A listed origin's grant, else the decision made afresh (callables)."""
        grant = self.listed.get(origin)
        if grant is not None:
            return grant
        return self.decide(origin)

    def reflecting(self, origin: str, credentials: bool) -> Grant:
        """The grant that reflects *origin*. When callables decide (:attr:`asks`), the
        object is kept (bounded, like the memos) so that the same origin gets the same
        grant, the key of the preflight answer memos."""
        if not self.asks:
            return Grant(origin, credentials, self.tail, self.others_get_credentials)
        key = (origin, credentials)
        grant = self.made.get(key)
        if grant is None:
            grant = Grant(origin, credentials, self.tail, self.others_get_credentials)
            if len(origin) <= MAX_ORIGIN_LENGTH:
                _remember(self.made, key, grant)
        return grant

    def decide(self, origin: str) -> Grant | None:
        """Falcon's rules: an allowed origin gets ``*`` when ``allow_origins="*"`` and it
        gets no credentials, else its own origin reflected; ``allow_credentials`` applies
        only to allowed origins. Only an origin listed exactly or a syntactically valid
        serialized origin is ever reflected (README difference 4): with ``"*"``, the
        rest get ``*`` and no credentials.

        :raises OriginCallableError: a callable of ``allow_origins`` or
            ``allow_credentials`` raised: the request gets no CORS header at all."""
        if origin not in self.allowed:
            return None
        if origin in self.credentialed and (
            not self.allowed.any  # then only listed or serialized origins are allowed
            or origin in self.credentialed.exact
            or is_serialized_origin(origin)
        ):
            return self.reflecting(origin, True)
        if self.allowed.any:
            return self.star
        return self.reflecting(origin, False)


class CORSPolicy:
    """A compiled, immutable CORS policy: the CORS decisions, without any WSGI.

    :param config: a validated configuration (:func:`wsgi_cors.config.validate`).

    Its methods are the decisions :class:`~wsgi_cors.CORSMiddleware` asks for, in the
    order it asks them; an adapter for another server interface can ask the same.
    """

    def __init__(self, config: CORSConfig) -> None:
        #: The configuration this policy was compiled from.
        self.config = config
        allowed = OriginSet(config.allow_origins, config.allow_origin_regex)
        credentialed = OriginSet(config.allow_credentials)

        #: True when response headers depend on the request's origin, so that every
        #: response must say ``Vary: Origin`` (Fetch standard, "CORS protocol and HTTP
        #: caches"; README difference 1). Only ``allow_origins="*"`` without
        #: credentials answers every origin with the same static ``*``.
        self.varies_by_origin = not (allowed.any and credentialed.is_empty)
        #: True when the middleware answers CORS-preflight requests itself
        #: (``allow_methods`` given: README difference 6); False to pass them to the
        #: application (Falcon).
        self.answers_preflights = config.allow_methods is not None

        # Ready header values.
        self._vary: Headers = [VARY_ORIGIN] if self.varies_by_origin else []
        self._expose = (ACEH, config.expose_headers) if config.expose_headers else None
        # What every grant's answer gets after its Access-Control-Allow-Origin (and
        # -Credentials): the exposed headers and Vary: Origin, as the policy says.
        self._grant_tail = ((self._expose,) if self._expose else ()) + tuple(self._vary)
        grants = _Grants(allowed, credentialed, self._grant_tail)
        #: ``grant(origin)``: the :class:`Grant` for *origin* (an ``Origin`` header
        #: value), or None when the origin is not allowed (Fetch standard, "CORS
        #: check", with Falcon's rules). Which look-up it takes is decided here, once:
        #: listed origins only (one dict look-up), ``*`` for every unlisted origin, or
        #: matching (patterns, the regex, credentials for ``"*"``), memoized.
        #: It raises :class:`~wsgi_cors.origins.OriginCallableError` when a callable
        #: raised: the request is then denied.
        self.grant: Callable[[str], Grant | None]
        if grants.asks:
            self.grant = grants.asking
        elif (credentialed if allowed.any else allowed).matches_unlisted:
            self.grant = grants.matching
        elif allowed.any:
            self.grant = grants.listed_or_star
        else:
            self.grant = grants.listed.get
        #: The grant of a request without ``Origin``: the shared ``*`` grant when
        #: ``allow_origins="*"`` (README difference 5, so that a cached answer to a
        #: non-CORS request serves a later CORS request: Fetch standard, "CORS protocol
        #: and HTTP caches"), else None (only ``Vary: Origin`` where it applies).
        self.grant_without_origin: Grant | None = grants.star if allowed.any else None

        self._max_age = (ACMA, str(config.max_age)) if config.max_age is not None else None
        methods = config.allow_methods
        self._any_method = methods == "*"
        self._methods_listed = isinstance(methods, tuple)
        self._methods = frozenset(methods) if isinstance(methods, tuple) else frozenset()
        self._methods_pair = (
            (ACAM, combined_header_value(methods))
            if isinstance(methods, tuple) and methods
            else None
        )
        headers = config.allow_headers
        self._headers_listed = isinstance(headers, tuple)
        self._echo_star_headers = headers == "*"
        self._headers = (
            frozenset(h.lower() for h in headers) if isinstance(headers, tuple) else frozenset()
        )
        self._headers_pair = (
            (ACAH, combined_header_value(headers))
            if isinstance(headers, tuple) and headers
            else None
        )
        # A list checks each requested name, and "*" whether any is named: both read
        # Access-Control-Request-Headers name by name (_header_names); None echoes it.
        self._reads_requested_headers = self._headers_listed or self._echo_star_headers
        # Falcon's way: the value goes into the application's answer as it came.
        self._echoes_as_falcon = not (self.answers_preflights or self._reads_requested_headers)
        self._private_network = config.allow_private_network
        self._debug = config.debug
        self._denied = self._denied_answer(None)
        # Browsers send the same few preflights again and again: their answers are
        # kept, keyed by short request values only, at most _MEMO_SIZE of them.
        #: Memo of :meth:`preflight_answer`: ``(grant, method, requested headers,
        #: private network) -> PreflightAnswer``.
        self.preflight_answer_memo: dict[
            tuple[Grant | None, str, str | None, bool], PreflightAnswer
        ] = {}
        #: Memo of :meth:`patch_preflight`'s common case: ``(grant, Allow, method,
        #: requested headers, private network) -> (headers appended, reason the
        #: browser will deny the method or None)``; allowed preflights only.
        self.preflight_patch_memo: dict[
            tuple[Grant, str, str, str | None, bool],
            tuple[tuple[tuple[str, str], ...], str | None],
        ] = {}
        #: Memo of :meth:`_method_denial`: ``(method, Allow, credentials) -> reason the
        #: browser will deny the method, or None``. Kept apart from the patch memo,
        #: whose key also holds the grant and the requested headers: a new origin
        #: matched by a pattern, or a long ``Access-Control-Request-Headers``, misses
        #: that one but asks the same few questions of the same ``Allow``.
        self.method_denial_memo: dict[tuple[str, str, bool], str | None] = {}

    def __repr__(self) -> str:
        return f"CORSPolicy({self.config})"

    # -- actual (non-preflight) responses --------------------------------------------------

    def response_headers(
        self, grant: Grant | None, app_headers: Headers, status: str = "200 OK"
    ) -> Headers:
        """The headers of a response the application answers, given :attr:`grant`'s
        answer for the request's origin (None for no ``Origin`` or an origin not allowed).

        With a grant (Falcon's ``process_response`` for a non-preflight request), the
        grant's headers are added: the application's own ``Access-Control-Allow-Origin``
        wins, together with whatever ``Access-Control-Allow-Credentials`` it set
        (Falcon's per-responder override); ``Access-Control-Expose-Headers`` is replaced
        by the configured one. Without one, no CORS header is added. Either way
        ``Vary: Origin`` is merged in when the policy varies by origin (README
        difference 1).

        A ``304 Not Modified`` to an origin that gets no credentials, where another
        origin gets them, also gets ``Access-Control-Allow-Credentials: false``
        (:class:`Grant`; README difference 9).

        :param app_headers: the application's headers, a list of ``(name, value)``
            pairs as PEP 3333 asks (a tuple is taken too, as gunicorn and waitress take
            it), left unchanged: the result is a new list.
        :param status: the response's status line (PEP 3333: ``"304 Not Modified"``).
        :raises TypeError: *app_headers* is an iterator that a first pass used up (a
            generator): the response is refused rather than sent half.
        """
        for name, _ in app_headers:
            if name not in _ORDINARY_NAMES and _needs_a_look(name) and is_merged_header(name):
                return self._merged_response_headers(grant, app_headers, status)
        # The common case: the application set none of MERGED_HEADERS.
        if grant is None:
            extra = self._vary
        elif grant.not_modified_headers is None or not is_not_modified(status):
            extra = grant.actual_headers
        else:
            extra = grant.not_modified_headers
        try:
            return app_headers + extra
        except TypeError:
            # A tuple: PEP 3333 asks for a list, but gunicorn and waitress take a
            # tuple, so an application that passes one must keep working here too.
            # A generator is used up by the scan above: refused, never half sent.
            return [*_headers_list(app_headers), *extra]

    def _merged_response_headers(
        self, grant: Grant | None, app_headers: Headers, status: str
    ) -> Headers:
        """:meth:`response_headers` when the application set one of
        :data:`MERGED_HEADERS`: its ``Access-Control-Allow-Origin`` wins with whatever
        ``-Allow-Credentials`` it set (Falcon's per-responder override), its
        ``-Expose-Headers`` is replaced by the configured one, and ``Vary`` is merged
        (README difference 1)."""
        app_headers = _headers_list(app_headers)
        if grant is None:
            return merge_vary(list(app_headers)) if self._vary else list(app_headers)
        out: Headers = []
        app_sets_origin = False
        expose = self._expose
        for item in app_headers:
            lower = item[0].lower()
            if lower == _ACAO:
                app_sets_origin = True
            elif lower == _ACEH and expose is not None:
                continue
            out.append(item)
        if not app_sets_origin:
            pairs = grant.origin_headers
            if grant.not_modified_origin_headers is not None and is_not_modified(status):
                pairs = grant.not_modified_origin_headers
            if pairs[-1][0] == ACAC:  # ours replaces the application's, as Falcon's set_header
                out = [h for h in out if h[0].lower() != _ACAC]
            out.extend(pairs)
        if expose is not None:
            out.append(expose)
        return merge_vary(out) if self._vary else out

    # -- CORS-preflight requests -----------------------------------------------------------

    def preflight_answer(
        self, grant: Grant | None, method: str, requested: str | None, private_network: bool
    ) -> PreflightAnswer:
        """Answer a CORS-preflight request without the application (``allow_methods``
        given), so that it passes a browser's checks in the Fetch standard's
        "CORS-preflight fetch".

        :param grant: :attr:`grant`'s answer for the request's origin.
        :param method: the ``Access-Control-Request-Method`` value.
        :param requested: the ``Access-Control-Request-Headers`` value, or None.
        :param private_network: True when ``Access-Control-Request-Private-Network``
            is ``true``.
        :returns: ``204 No Content`` with the ``Access-Control-Allow-*`` headers when the
            origin, the method and every requested header are allowed; ``403 Forbidden``
            with no ``Access-Control-*`` header and the reason otherwise. Memoized for
            short request values.
        """
        key = (grant, method, requested, private_network)
        answer = self.preflight_answer_memo.get(key)
        if answer is None:
            answer = self._compute_preflight_answer(grant, method, requested, private_network)
            if _memoizable(method, requested):
                _remember(self.preflight_answer_memo, key, answer)
        return answer

    def _denied_answer(self, reason: str | None) -> PreflightAnswer:
        """A ``403 Forbidden`` answer with no ``Access-Control-*`` header (Fetch
        standard, "CORS-preflight fetch": the browser fails the preflight), whose body
        tells *reason* only with ``debug=True``."""
        body = denied_body(reason if self._debug else None)
        headers = (
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            *self._vary,
        )
        return PreflightAnswer(_DENIED_STATUS, headers, reason, body)

    def _denial(self, reason: str) -> PreflightAnswer:
        """The denied answer for *reason*: the ready one, or with ``debug=True`` one
        whose body tells the reason."""
        if self._debug:
            return self._denied_answer(reason)
        # The ready answer with *reason*, built directly: NamedTuple._replace costs about
        # 280 ns more on the path every refused preflight takes (timeit, CPython 3.11).
        status, headers, _, body = self._denied
        return PreflightAnswer(status, headers, reason, body)

    def _compute_preflight_answer(
        self, grant: Grant | None, method: str, requested: str | None, private_network: bool
    ) -> PreflightAnswer:
        if grant is None:
            return self._denial(ORIGIN_NOT_ALLOWED)
        methods_pair, reason = self._allow_methods_value(method)
        if reason is not None:
            return self._denial(reason)
        tail, reason = self._preflight_tail(grant, requested, private_network)
        if reason is not None:
            return self._denial(reason)
        out = [*grant.origin_headers]
        if methods_pair is not None:
            out.append(methods_pair)
        out.extend(tail)
        # Then Access-Control-Expose-Headers and Vary: Origin, as every allowed answer
        # gets them (README difference 1): Falcon sends the exposed headers on every
        # allowed response, a preflight's answer included, though a browser reads them
        # on the actual response only (Fetch standard, "CORS-preflight fetch").
        out.extend(self._grant_tail)
        return PreflightAnswer(_ALLOWED_STATUS, tuple(out), None)

    def patch_preflight(
        self,
        grant: Grant,
        status: str,
        app_headers: Headers,
        method: str,
        requested: str | None,
        private_network: bool,
    ) -> PreflightPatch:
        """Patch the application's answer to an allowed origin's CORS-preflight request
        (``allow_methods=None``, Falcon's behaviour).

        A 2xx answer's ``Allow`` header is removed and becomes
        ``Access-Control-Allow-Methods``; ``Access-Control-Allow-Headers`` and
        ``Access-Control-Max-Age`` are added. A 2xx answer without ``Allow`` (or a
        request for a header ``allow_headers`` does not allow) denies the preflight:
        every ``Access-Control-*`` header is removed, the application's own included
        (README difference 2), and so does an ``Allow`` holding a control character
        other than a tab or a line fold, which become a space: no header value the
        middleware sends holds one. Any other status gets the headers of an actual
        response (difference 3): the browser fails the preflight either way. An ``Allow`` free
        of those control characters that lacks *method* (the
        ``Access-Control-Request-Method`` value), or that does not parse as a list of
        methods, keeps Falcon's headers, and the
        :data:`~wsgi_cors.policy.PreflightPatch` gives the reason the browser will deny
        it, for the log (the browser's own methods step, ``preflight_method_step()``).
        """
        if not is_ok_status(status):  # README difference 3
            reason = f"the application answered the preflight with {status!r}"
            return self.response_headers(grant, app_headers), reason, False
        allow: str | None = None
        rest: Headers = []
        # plain: the application set none of the headers the middleware sets on a
        # preflight answer (PREFLIGHT_HEADERS), so those are appended as they are. Any
        # other Access-Control-* header of the application's is kept either way.
        plain = True
        app_sent_cors = False
        other_cors = False  # an Access-Control-* header outside PREFLIGHT_HEADERS
        for item in app_headers:
            name = item[0]
            if name not in _ORDINARY_NAMES:
                lower = name.lower()
                if lower == _ALLOW:
                    allow = item[1] if allow is None else combined_header_value((allow, item[1]))
                    continue
                if lower in PREFLIGHT_HEADERS:
                    plain = False
                    app_sent_cors = app_sent_cors or lower in _SENT_BY_A_CORS_LAYER
                elif is_ordinary_header(name):
                    _remember_ordinary(name)
                else:
                    other_cors = True
            rest.append(item)
        if allow is None:
            _, denial = self._preflight_tail(grant, requested, private_network)
            denial = denial or "the application answered the preflight without an Allow header"
            denied = self._denied_preflight_headers(rest, plain and not other_cors)
            return denied, denial, app_sent_cors
        key = (grant, allow, method, requested, private_network)
        if plain:  # the common case: the ready headers, memoized
            memoized = self.preflight_patch_memo.get(key)
            if memoized is not None:
                rest += memoized[0]
                return rest, memoized[1], False
        tail, denial = self._preflight_tail(grant, requested, private_network)
        if denial is not None:
            denied = self._denied_preflight_headers(rest, plain and not other_cors)
            return denied, denial, app_sent_cors
        allow_methods = _allow_as_allow_methods(allow)
        if allow_methods is None:  # no list of methods to a browser: README difference 2
            denial = self._method_denial(method, allow, grant.credentials)
            denied = self._denied_preflight_headers(rest, plain and not other_cors)
            return denied, denial, app_sent_cors
        # The browser's methods step over the value it is sent.
        denial = self._method_denial(method, allow_methods, grant.credentials)
        if plain:
            appended = (*grant.actual_headers, (ACAM, allow_methods), *tail)
            # Allow comes from the application, not the client: only the request's
            # values need bounding.
            if _memoizable(method, requested):
                _remember(self.preflight_patch_memo, key, (appended, denial))
            rest += appended
            return rest, denial, False
        # The application set some of the headers ours replace or merge with.
        replaced = _REPLACED_ON_PREFLIGHT
        if self._sends_private_network(private_network):
            replaced = replaced | {ACAPN.lower()}
        out = self.response_headers(grant, [h for h in rest if h[0].lower() not in replaced])
        out.append((ACAM, allow_methods))
        out += tail
        return out, denial, app_sent_cors

    def _method_denial(self, method: str, allow: str, credentials: bool) -> str | None:
        """Why a browser will deny *method* (an ``Access-Control-Request-Method``
        value) given ``Access-Control-Allow-Methods: allow`` (a passed-through
        preflight's ``Allow``), or None: the browser's methods step (Fetch standard,
        "CORS-preflight fetch"; :func:`preflight_method_step`), for a request with
        credentials when *credentials*. Memoized for methods of at most
        :data:`MAX_METHOD_LENGTH` characters: parsing ``Allow`` costs about 2 µs
        (timeit, CPython 3.11), a look-up about 0.1 µs."""
        key = (method, allow, credentials)
        try:
            return self.method_denial_memo[key]  # None is an answer too
        except KeyError:
            denial = _method_not_allowed(method, allow, credentials)
            if len(method) <= MAX_METHOD_LENGTH:
                _remember(self.method_denial_memo, key, denial)
            return denial

    def _denied_preflight_headers(self, app_headers: Headers, bare: bool) -> Headers:
        """A denied pass-through preflight's headers (*app_headers* without ``Allow``, a
        list of the caller's): no ``Access-Control-*`` header at all (README difference
        2), and ``Vary: Origin`` where the policy needs it. *bare*: *app_headers* hold
        no ``Access-Control-*`` and no ``Vary`` header, so nothing is removed or merged."""
        if bare:
            app_headers += self._vary
            return app_headers
        kept = [h for h in app_headers if h[0] in _ORDINARY_NAMES or not is_cors_header(h[0])]
        return merge_vary(kept) if self._vary else kept

    def _allow_methods_value(self, method: str) -> tuple[tuple[str, str] | None, str | None]:
        """(``Access-Control-Allow-Methods`` pair or None, denial reason or None).

        A listed method must match case-sensitively: the Fetch standard compares
        methods byte for byte ("CORS-preflight fetch"), and ``fetch()``
        upper-cases only six of them (``config.normalize_method``).
        ``"*"`` echoes the requested method, which also works with credentials.
        """
        problem = _request_method_problem(method)
        if problem is not None:
            return None, problem
        if self.denies_method(method):
            return None, f"method {shown(method)} not allowed"
        return ((ACAM, method) if self._any_method else self._methods_pair), None

    # -- what allow_methods and allow_headers deny -----------------------------------------

    def denies_method(self, method: str) -> bool:
        """True when ``allow_methods`` (a list) does not list *method*, the
        ``Access-Control-Request-Method`` of a CORS-preflight request, byte for byte
        (Fetch compares methods so): the preflight is denied for it. False for ``"*"``,
        for ``None`` (the application's ``Allow`` decides) and for a value that is not
        a method at all (denied as such, whatever the list)."""
        return (
            self._methods_listed
            and method not in self._methods
            and _request_method_problem(method) is None
        )

    def unlisted_request_headers(self, requested: str | None) -> list[str]:
        """The header names in *requested* (an ``Access-Control-Request-Headers``
        value) that ``allow_headers`` (a list) does not list, lower case and sorted:
        the ones a preflight is denied for. ``[]`` when it lists them all, for
        ``None`` and ``"*"`` (which echo what is asked for), and for a value refused
        unread (README difference 2): one with a control character, a non-ASCII one,
        or one longer than ``MAX_REQUEST_HEADERS_LENGTH`` characters."""
        if requested is None or self._refused_unread(requested) is not None:
            return []
        return sorted(self._unlisted_headers(requested))

    def _refused_unread(self, requested: str) -> str | None:
        """Why an ``Access-Control-Request-Headers`` value is refused unread, or None:
        the preflight is then denied (README difference 2).

        * A control character, always: no header the middleware sends may carry one,
          and the value may be echoed.
        * A non-ASCII character, which no header name holds, but where Falcon's way
          echoes the value into the application's answer as it came
          (``allow_methods=None`` and ``allow_headers=None``).
        * Where the value is read name by name (an ``allow_headers`` list or ``"*"``),
          a length over :data:`MAX_REQUEST_HEADERS_LENGTH` characters, before it is
          parsed (CVE-2026-69207, rs/cors#170); echoed unread, it may be any length,
          as Falcon takes it."""
        if self._reads_requested_headers and len(requested) > MAX_REQUEST_HEADERS_LENGTH:
            return (
                f"{ACRH} is {len(requested)} characters long,"
                f" over the limit of {MAX_REQUEST_HEADERS_LENGTH}"
            )
        if not (self._echoes_as_falcon or requested.isascii()):
            return f"{ACRH} {shown(requested)} has a non-ASCII character"
        if _holds_control_character(requested):
            return f"{ACRH} {shown(requested)} has a control character"
        return None

    def _unlisted_headers(self, requested: str | None) -> set[str]:
        # *requested* passed _refused_unread (checked once: it scans the value).
        if not self._headers_listed or not requested:
            return set()
        return _header_names(requested) - self._headers

    def _preflight_tail(
        self, grant: Grant, requested: str | None, private_network: bool
    ) -> tuple[tuple[tuple[str, str], ...], str | None]:
        """The headers every allowed preflight of *grant* with these request values gets
        after the origin and method headers (``Access-Control-Allow-Headers``,
        ``-Max-Age``, ``-Allow-Private-Network``), or a denial reason."""
        headers_pair, reason = self._allow_headers_value(requested, grant.credentials)
        if reason is not None:
            return (), reason
        tail = [headers_pair] if headers_pair is not None else []
        if self._max_age is not None:
            tail.append(self._max_age)
        if self._sends_private_network(private_network):
            tail.append((ACAPN, HEADER_TRUE))
        return tuple(tail), None

    def _sends_private_network(self, private_network: bool) -> bool:
        """Private Network Access draft: ``Access-Control-Allow-Private-Network: true``
        goes on an allowed preflight's answer when the option is on and the request
        asked for it (*private_network*: ``Access-Control-Request-Private-Network:
        true``)."""
        return self._private_network and private_network

    def _allow_headers_value(
        self, requested: str | None, credentials: bool
    ) -> tuple[tuple[str, str] | None, str | None]:
        """(``Access-Control-Allow-Headers`` pair or None, denial reason or None)."""
        if requested is not None:
            problem = self._refused_unread(requested)
            if problem is not None:
                return None, problem
        if self._headers_listed:
            unlisted = self._unlisted_headers(requested)
            if unlisted:
                return None, f"header {shown(min(unlisted))} is not allowed"
            return self._headers_pair, None
        # With "*", a list that names no header ("", " , ") is echoed as nothing requested.
        if requested is not None and (not self._echo_star_headers or _header_names(requested)):
            # Falcon echoes the request's list; "*" echoes it too.
            return (ACAH, requested), None
        # Nothing requested: Falcon sends the literal "*", which means nothing to a
        # browser in credentials mode "include" (Fetch standard, "CORS-preflight
        # fetch"). It is left out then, but for allow_headers=None on a preflight the
        # application answers, where Falcon's headers are kept exactly.
        if not is_wildcard(("*",), credentials) and (
            self._echo_star_headers or self.answers_preflights
        ):
            return None, None
        return (ACAH, "*"), None


def _headers_list(headers: Headers) -> Headers:
    """*headers* (an application's response headers) as a list: a tuple is copied; a
    one-pass iterable is refused, since the scan for merged headers has read part of it
    already and a response without those headers must never be sent."""
    if isinstance(headers, list):
        return headers
    if isinstance(headers, tuple):
        return list(headers)
    raise TypeError(
        "the response headers must be a list of (name, value) pairs (a tuple is taken"
        f" too), got {type(headers).__name__}: a one-pass iterable cannot be both"
        " scanned and sent"
    )


def _memoizable(method: str, requested: str | None) -> bool:
    """Whether a preflight answer for these request values may be kept in a memo: only
    short values are, so that a client cannot fill the memos with large keys."""
    return len(method) <= MAX_METHOD_LENGTH and (
        requested is None or len(requested) <= MAX_MEMO_VALUE_LENGTH
    )


def _request_method_problem(method: str) -> str | None:
    """Why an ``Access-Control-Request-Method`` value is refused unread (over
    :data:`MAX_METHOD_LENGTH` characters, or not a token), or None."""
    if len(method) > MAX_METHOD_LENGTH or not is_token(method):
        return f"{ACRM} {shown(method, _HALF_SHOWN)} is not a method"
    return None


# The control characters (origins.CONTROL_CHARACTERS) as the bytes they are in Latin-1.
_CONTROL_BYTE_VALUES = bytes(b for b in range(256) if CONTROL_CHARACTER.fullmatch(chr(b)))


def _holds_control_character(value: str) -> bool:
    """True when *value*, a header's value (Latin-1 text, as PEP 3333 passes it),
    holds a control character (:data:`~wsgi_cors.origins.CONTROL_CHARACTERS`);
    also for a character above U+00FF, which no header can carry and no PEP 3333
    server passes. Written as ``bytes.translate`` deleting those bytes, one C loop:
    4.8 µs for 8 KiB where ``str.isprintable`` took 18 µs (timeit, CPython 3.11),
    which keeps the echo of a hostile 8 KiB value within the benchmarks' 20 times a
    normal preflight."""
    try:
        data = value.encode("latin-1")
    except UnicodeEncodeError:
        return True
    return len(data.translate(None, _CONTROL_BYTE_VALUES)) != len(data)


def _method_not_allowed(method: str, allow: str, credentials: bool) -> str | None:
    """:meth:`CORSPolicy._method_denial`, unmemoized."""
    allowed = extract_header_list_values([allow])
    step = preflight_method_step(method, allowed, credentials)
    if step.passes:
        return None
    if step is MethodStep.INVALID_LIST:  # the step found an InvalidList
        element = cast(InvalidList, allowed).element
        return (
            f"the application's Allow header {shown(allow, _HALF_SHOWN)} is not a list of methods:"
            f" {shown(element, _HALF_SHOWN)} is not a method token"
        )
    return (
        f"method {shown(method, _HALF_SHOWN)} is not in the application's Allow header"
        f" {shown(allow, _HALF_SHOWN)}"
    )


def _allow_as_allow_methods(allow: str) -> str | None:
    """The ``Access-Control-Allow-Methods`` value a passed-through preflight's 2xx
    answer gets from the application's ``Allow`` (*allow*), or None when it gets none
    and the preflight is denied (README difference 2).

    As in Falcon, the value as the application sent it; but no header value the
    middleware sends holds a control character (docs/security.rst, "Header injection
    and hostile requests"). A tab or a line fold, which a browser reads as the white
    space it strips around each method, becomes a space
    (:func:`~wsgi_cors.config.spaced_white_space`). Any other control character (or a
    character no header can carry) leaves some element that is no method token, so a
    browser reads no list of methods and fails the preflight whatever it is sent
    ("CORS-preflight fetch"): the preflight is denied, and the log says why
    (:func:`_method_not_allowed`)."""
    if not _holds_control_character(allow):
        return allow
    spaced = spaced_white_space(allow)
    return None if _holds_control_character(spaced) else spaced


def _header_names(requested: str) -> set[str]:
    """The lower-cased names in an ``Access-Control-Request-Headers`` value, empty
    elements dropped: Fetch standard, "extract header list values", read by
    :func:`~wsgi_cors.config.header_list_elements`. The value has passed
    ``CORSPolicy._refused_unread``, so it is at most
    :data:`MAX_REQUEST_HEADERS_LENGTH` characters long: the work is one split and one
    strip per element (CVE-2026-69207, rs/cors#170)."""
    names = set(header_list_elements(requested.lower()))
    names.discard("")
    return names
