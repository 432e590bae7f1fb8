"""``wsgi-cors check``: would a browser let a page on ORIGIN ``fetch()`` this URL?

The command plays the browser's part of the CORS protocol against a running server, for
``fetch(URL, {method, headers, credentials})`` called by a script on a page whose origin
is ORIGIN, and prints each step as ``PASS``, ``FAIL`` or ``WARN`` with the header values
seen, the reason and the likely fix:

1. whether a CORS-preflight request is needed, and for which header names;
2. the preflight (``OPTIONS``, sent as Chromium sends it) and the checks a browser
   applies to its answer: an ok status, the CORS check, the methods, the headers;
3. the request itself (sent without a body) and the CORS check on its response, a
   ``WARN`` when its status is an error the script will read, plus, if asked, whether
   a script could read one response header.

Exit status: 0 when the browser would let the script read the response (and the header,
if asked), 1 when it would not, 2 on a usage or network error.

The rules are the Fetch standard's (https://fetch.spec.whatwg.org/), and each function
below names the section it follows. They are pure functions of header values, with no
network and no WSGI, so they can be tested one by one; :func:`run` does the I/O on a
socket of its own. Where Chromium was seen to differ from the standard (the browser
suite, ``tests/browser/test_check_agrees.py``, runs each such case), ``check`` takes the
stricter reading, so that what it passes works both in Chromium and in a browser that
follows the standard to the letter:

* Chromium joins the values of request headers that share a name (``a, b``) before it
  applies the safelist, as they go on the wire; the standard tests each entry of the
  header list. ``check`` joins them too (:func:`combine_headers`), which can only make a
  header unsafe, never safe.
* The standard never lets ``Access-Control-Allow-Headers: *`` cover ``Authorization``;
  Chromium was seen to accept it. ``check`` fails it.
* The standard no longer forbids a script's ``User-Agent``, so it needs a preflight;
  Chromium drops it silently and sends its own. ``check`` sends it, preflighted, and
  warns. Chromium 150 dropped ``Access-Control-Request-Private-Network`` too (156
  preflights it, as the standard says).
* Chromium sends without a preflight what the standard does not safelist: client hints
  with valid values (``DPR: 2``, ``Save-Data: on``, ``ECT: 4g``, ...), and up to 150 a
  ``Range`` with a ``+`` sign (``bytes=+1-``) or ``Bytes=`` (156 preflights both).
  ``check`` preflights them.
* Chromium preflights a ``Range`` whose numbers exceed a signed 64-bit integer, which
  the standard safelists. ``check`` preflights it too.

``check`` never follows a redirect: a browser fails a redirected preflight, and a
redirected request (a redirect status, 301, 302, 303, 307 or 308, with a ``Location``)
is reported with the ``Location`` to check next, a same-origin one too (where it leads,
the fetch may be a CORS one).

Before any request, as a browser does: a port the Fetch standard blocks
(:data:`BAD_PORTS`) fails; so does an ``http://`` URL not on loopback called from an
``https://`` page (mixed content; Chromium's exception for the local network, which
the user permits, is named, not followed); a name under ``localhost`` is connected to
on loopback (RFC 6761); a host that ends in a number is the IPv4 address a browser's
URL parser makes of it (``127.1`` is ``127.0.0.1``, in ``Host`` too); a loopback or
private address (the URL's name resolved, as Chromium judges the address it connects
to) called from a page on a less local one is warned of Chromium's Local Network Access
permission, which no server answer changes, and fails where the page is no secure
context (``http://`` but on loopback), whose requests there Chromium rejects without
asking; a page under a private-use domain (``.test``, ``.local``, ``.internal``,
``.home.arpa``), whose address its name does not tell, gets a warning instead.

``check`` reads a response head as Chromium does: a line ends at any run of CR and LF
(a lone CR too), a line it cannot read as a header field (no colon, white space before
the name) is skipped and the lines after it are read, white space before the colon is
dropped, a folded header value (obsolete line folding) is unfolded, and every interim
response (``1xx``, a ``101`` too) before the final one is skipped. A NUL byte anywhere
in a head, or a head longer than 256 KiB, is a network error, as in Chromium (exit
status 2). A preflight answer's body, which a browser does not read, never fails the
preflight: only a ``403``'s is read, for the reason wsgi-cors gives with
``debug=True``, as far as it comes within ``--timeout``. ``check`` is stricter than
Chromium about the status line: it must start with ``HTTP/`` (in any case, any
version), then spaces and a status code from 100 to 999, or the answer is a network
error (exit status 2), where Chromium also reads bytes before ``HTTP`` and a missing
code as 200. A response head Chromium fails before any CORS step fails here too
(:func:`refused_before_cors`): a ``407``, and two different ``Content-Length``,
``Content-Disposition`` or ``Location`` values (a ``FAIL``, exit status 1). It is
laxer in one case seen: it reads none of the actual response's body, which a script
may find cut short.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import ipaddress
import json
import math
import re
import socket
import ssl
import sys
import threading
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, Protocol, TextIO, cast

from .config import (
    DEFAULT_ALLOW_METHODS,
    FORBIDDEN_RESPONSE_HEADERS,
    HTTP_TAB_OR_SPACE,
    HTTP_WHITESPACE,
    combined_header_value,
    header_list_elements,
    is_cors_header,
    is_cors_response_header_name,
    is_forbidden_method,
    is_forbidden_request_header,
    is_token,
    normalize_method,
)
from .origins import (
    CONTROL_CHARACTER,
    DEFAULT_PORTS,
    LOCAL_SPACE,
    LOOPBACK_SPACE,
    NULL_ORIGIN,
    NULL_SENDERS,
    OriginProblem,
    SubdomainPattern,
    address_space,
    ascii_host,
    is_localhost_name,
    parse_configured_origin,
    registrable_domain,
    serialize_origin,
    url_host,
    whole_number,
    without_trailing_dot,
)
from .policy import (
    ACAC,
    ACAH,
    ACAM,
    ACAO,
    ACEH,
    ACRH,
    ACRM,
    ALLOW,
    DENIED_STATUS_CODE,
    HEADER_TRUE,
    ORIGIN,
    PREFLIGHT_METHOD,
    SAFELISTED_METHODS,
    VARY,
    InvalidList,
    MethodStep,
    cut,
    denying_option,
    extract_header_list_values,
    is_cors_safelisted_method,
    is_ok_status,
    is_wildcard,
    preflight_method_step,
    read_denied_body,
    vary_lists_origin,
)

__all__ = [
    "BAD_PORTS",
    "DEFAULT_TIMEOUT",
    "REDIRECT_STATUSES",
    "Answer",
    "CheckRequest",
    "NetworkError",
    "Outcome",
    "UsageError",
    "combine_headers",
    "cors_check",
    "cors_unsafe_request_header_names",
    "escape_controls",
    "exposed_header_check",
    "fetch_site",
    "is_cors_safelisted_request_header",
    "is_redirect_status",
    "mime_type_essence",
    "parse_request",
    "parse_single_range",
    "preflight_headers_check",
    "preflight_methods_check",
    "preflight_reasons",
    "refused_before_cors",
    "run",
    "same_origin_header_check",
    "safelisted_request_header_problem",
    "unsafe_request_headers",
    "vary_check",
]

#: Seconds each exchange with the server (connect, request and answer) may take
#: before ``check`` gives up (exit status 2).
DEFAULT_TIMEOUT = 10.0
#: The longest ``--timeout`` taken, in seconds.
MAX_TIMEOUT = 3600.0

#: The most bytes of a preflight answer's body read, for the reason wsgi-cors gives
#: with ``debug=True``; the body of the request itself is not read at all.
_BODY_LIMIT = 2048

# The methods (Fetch standard, "forbidden method", "normalize a method", "CORS-safelisted
# method") and the forbidden request-headers are the server side's own, imported from
# their home: FORBIDDEN_METHODS, is_forbidden_method, normalize_method and
# is_forbidden_request_header in wsgi_cors.config, SAFELISTED_METHODS and
# is_cors_safelisted_method in wsgi_cors.policy; so are "extract header list values" and
# the preflight's methods step (extract_header_list_values, preflight_method_step, in
# wsgi_cors.policy), which the policy uses to log why a browser will fail a
# passed-through preflight.


# -- the request: headers -----------------------------------------------------------------

# Fetch standard, "CORS-unsafe request-header byte".
_UNSAFE_BYTES = frozenset(chr(b) for b in range(0x20) if b != 0x09) | frozenset(
    '"():<>?@[\\]{}\x7f'
)
# Fetch standard, "CORS-safelisted request-header", `accept-language` and
# `content-language`: the only bytes allowed.
_LANGUAGE_BYTES = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz *,-.;=")
_SAFELISTED_CONTENT_TYPES = (
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "text/plain",
)
_SAFELISTED_REQUEST_HEADERS = (
    "Accept",
    "Accept-Language",
    "Content-Language",
    "Content-Type",
    "Range",
)
_SAFELISTED_REQUEST_NAMES = frozenset(name.lower() for name in _SAFELISTED_REQUEST_HEADERS)
#: Fetch standard, "CORS-safelisted request-header": the longest value, in bytes.
MAX_SAFELISTED_VALUE = 128
#: Fetch standard, "CORS-unsafe request-header names": the most bytes the values of
#: safelisted headers may add up to before they all need the preflight too.
MAX_SAFELISTED_TOTAL = 1024

_SINGLE_RANGE = re.compile(r"bytes=([0-9]*)-([0-9]*)")
# The largest range number Chromium takes without a preflight (a signed 64-bit integer).
_MAX_RANGE_NUMBER = 2**63 - 1


#: Fetch standard, "redirect status": the only statuses a browser follows (with a
#: ``Location``); any other 3xx is handed to the script as it is.
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def is_redirect_status(status: int) -> bool:
    """Fetch standard, "redirect status": 301, 302, 303, 307 or 308."""
    return status in REDIRECT_STATUSES


#: Fetch standard, "bad port": ports a browser never fetches an http(s) URL on, since
#: other protocols listen there ("port blocking"; Chromium blocks the same).
BAD_PORTS = frozenset(
    int(port)
    for port in """0 1 7 9 11 13 15 17 19 20 21 22 23 25 37 42 43 53 69 77 79 87 95 101 102 103 104
    109 110 111 113 115 117 119 123 135 137 139 143 161 179 389 427 465 512 513 514 515
    526 530 531 532 540 548 554 556 563 587 601 636 989 990 993 995 1719 1720 1723 2049
    3659 4045 4190 5060 5061 6000 6566 6665 6666 6667 6668 6669 6679 6697 10080""".split()
)


def mime_type_essence(value: str) -> str | None:
    """The essence (``type/subtype``, lower case) of a MIME type, or None when *value*
    does not parse (MIME Sniffing standard, "parse a MIME type": the type and subtype
    must be tokens; parameters never make it fail)."""
    stripped = value.strip(HTTP_WHITESPACE)
    mime_type, slash, rest = stripped.partition("/")
    if not slash or not is_token(mime_type):
        return None
    subtype = rest.partition(";")[0].rstrip(HTTP_WHITESPACE)
    if not is_token(subtype):
        return None
    return f"{mime_type}/{subtype}".lower()


def parse_single_range(value: str) -> tuple[int | None, int | None] | None:
    """Fetch standard, "parse a single range header value" without white space:
    ``bytes=START-END`` with either end optional but not both, START <= END, the unit
    ``bytes`` exactly as written (the standard compares it byte for byte). Returns
    (start, end), or None for failure; also None for a number over 2**63 - 1, which the
    standard takes but Chromium preflights (the stricter reading: see the module)."""
    match = _SINGLE_RANGE.fullmatch(value)
    if match is None:
        return None
    start_text, end_text = match.groups()
    start = whole_number(start_text, _MAX_RANGE_NUMBER) if start_text else None
    end = whole_number(end_text, _MAX_RANGE_NUMBER) if end_text else None
    if (start_text and start is None) or (end_text and end is None):
        return None  # over _MAX_RANGE_NUMBER
    if start is None and end is None:
        return None
    if start is not None and end is not None and start > end:
        return None
    return start, end


def safelisted_request_header_problem(name: str, value: str) -> str | None:
    """Why (*name*, *value*) is not a CORS-safelisted request-header, or None when it is
    (Fetch standard, "CORS-safelisted request-header").

    *value* is a byte string held in a ``str``, one character per byte, as ``fetch()``
    takes it (a ByteString). The rules: at most 128 bytes; ``Accept`` without a
    CORS-unsafe request-header byte; ``Accept-Language`` and ``Content-Language`` made
    of letters, digits, space and ``*,-.;=``; ``Content-Type`` without an unsafe byte,
    parsing as a MIME type whose essence is ``application/x-www-form-urlencoded``,
    ``multipart/form-data`` or ``text/plain`` (parameters are free); ``Range`` a single
    ``bytes=`` range with a start. No other name is safelisted.
    """
    lower = name.lower()
    if lower not in _SAFELISTED_REQUEST_NAMES:
        return (
            "not a CORS-safelisted request-header name ("
            + ", ".join(_SAFELISTED_REQUEST_HEADERS)
            + ")"
        )
    if len(value) > MAX_SAFELISTED_VALUE:
        return f"its value is {len(value)} bytes long, over the {MAX_SAFELISTED_VALUE}-byte limit"
    if lower in ("accept", "content-type"):
        unsafe = next((c for c in value if c in _UNSAFE_BYTES), None)
        if unsafe is not None:
            return f"its value contains {unsafe!r}, a CORS-unsafe request-header byte"
    if lower in ("accept-language", "content-language"):
        bad = next((c for c in value if c not in _LANGUAGE_BYTES), None)
        if bad is not None:
            return (
                f"its value contains {bad!r}; only letters, digits, space and *,-.;= are safelisted"
            )
    if lower == "content-type":
        essence = mime_type_essence(value)
        if essence is None:
            return f"{value!r} is not a valid MIME type"
        if essence not in _SAFELISTED_CONTENT_TYPES:
            return (
                f"{essence} is not "
                + ", ".join(_SAFELISTED_CONTENT_TYPES[:-1])
                + (f" or {_SAFELISTED_CONTENT_TYPES[-1]}")
            )
    if lower == "range":
        parsed = parse_single_range(value)
        if parsed is None:
            return f"{value!r} is not a single range 'bytes=START-END'"
        if parsed[0] is None:
            return f"{value!r} is a suffix range (no start), which is not safelisted"
    return None


def is_cors_safelisted_request_header(name: str, value: str) -> bool:
    """Fetch standard, "CORS-safelisted request-header": see
    :func:`safelisted_request_header_problem`."""
    return safelisted_request_header_problem(name, value) is None


def combine_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join the values of headers that share a name (case-insensitively) with ``", "``,
    in the order each name first appears, keeping its first spelling (Fetch standard,
    "get" a header from a header list).

    Chromium applies the safelist to the joined value, as the header goes on the wire,
    where the standard applies it to each entry; ``check`` does as Chromium does, so
    two ``Accept`` values of 100 bytes each need a preflight (module docstring).
    """
    combined: dict[str, tuple[str, list[str]]] = {}
    for name, value in headers:
        combined.setdefault(name.lower(), (name, []))[1].append(value)
    return [(name, combined_header_value(values)) for name, values in combined.values()]


def unsafe_request_headers(headers: Sequence[tuple[str, str]]) -> dict[str, str]:
    """The CORS-unsafe request-header names of *headers*, lower case and sorted, each
    with the reason it is unsafe (Fetch standard, "CORS-unsafe request-header names").

    A header that is not CORS-safelisted is unsafe; when the values of the safelisted
    ones add up to more than 1024 bytes, they are all unsafe too. *headers* holds only
    what the script set (not forbidden request-headers, which the browser owns).

    The 1024-byte rule needs several entries of one safelisted name; once they are
    joined (:func:`combine_headers`, as Chromium does and ``check`` does) five names of
    at most 128 bytes add up to 640 at most, so the rule never decides a ``check`` run.
    It is kept for callers that pass the header list unjoined, as the standard reads it.
    """
    unsafe: dict[str, str] = {}
    potentially_unsafe: list[str] = []
    safelist_value_size = 0
    for name, value in headers:
        problem = safelisted_request_header_problem(name, value)
        if problem is not None:
            unsafe.setdefault(name.lower(), problem)
        else:
            potentially_unsafe.append(name.lower())
            safelist_value_size += len(value)
    if safelist_value_size > MAX_SAFELISTED_TOTAL:
        for name in potentially_unsafe:
            unsafe.setdefault(
                name,
                f"the safelisted headers' values add up to {safelist_value_size} bytes, "
                f"over the {MAX_SAFELISTED_TOTAL}-byte limit",
            )
    return dict(sorted(unsafe.items()))


def preflight_reasons(method: str, headers: Sequence[tuple[str, str]]) -> list[str]:
    """Why ``fetch()`` with *method* (as it sends it:
    :func:`~wsgi_cors.config.normalize_method`) and the script's *headers*
    (:func:`combine_headers`, no forbidden ones) sends a CORS-preflight request first,
    or ``[]`` when it does not (Fetch standard, "main fetch": a method that is not
    CORS-safelisted, or a CORS-unsafe request-header; credentials play no part)."""
    reasons = []
    if not is_cors_safelisted_method(method):
        safelisted = ", ".join(sorted(SAFELISTED_METHODS))
        reasons.append(f"{method} is not a CORS-safelisted method ({safelisted})")
    reasons.extend(f"{name}: {why}" for name, why in unsafe_request_headers(headers).items())
    return reasons


def cors_unsafe_request_header_names(headers: Sequence[tuple[str, str]]) -> list[str]:
    """Fetch standard, "CORS-unsafe request-header names": the names a preflight must
    ask for, lower case, without duplicates, sorted; Chromium sends them joined by
    ``,`` (no space) in ``Access-Control-Request-Headers``."""
    return list(unsafe_request_headers(headers))


# -- the responses ------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One verdict: *ok*, the *reason* (with the values seen) and, when not ok, the
    likely *fix*. A *warning* never blocks the request."""

    ok: bool
    reason: str
    fix: str | None = None
    warning: bool = False


def _origin_fix(origin: str) -> str:
    if origin == NULL_ORIGIN:  # an opaque origin: any page can send it (docs, Security)
        return (
            f"think twice: {NULL_SENDERS}, so allowing null allows everyone; if you"
            " must, add 'null' to allow_origins"
        )
    return (
        "if the page is yours, allow its origin on the server; with wsgi-cors, add"
        f" {origin!r} to allow_origins (or make allow_origin_regex match it). If it is not"
        " yours (a look-alike such as https://app.example.com.evil.net), the denial is right"
    )


def _credentials_fix(origin: str) -> str:
    return (
        "the server must reflect the origin and send Access-Control-Allow-Credentials: true; "
        f"with wsgi-cors, add {origin!r} to allow_credentials (it must be allowed by "
        "allow_origins too)"
    )


def cors_check(acao: str | None, acac: str | None, origin: str, credentials: bool) -> Outcome:
    """Fetch standard, "CORS check": does a response let *origin* in?

    *acao* and *acac* are the values of ``Access-Control-Allow-Origin`` and
    ``Access-Control-Allow-Credentials`` as a browser gets them (several headers of one
    name joined by ``", "``), or None when absent. Without credentials, ``*`` or the
    origin byte for byte passes; with credentials only the origin, byte for byte, and
    ``Access-Control-Allow-Credentials`` exactly ``true``.
    """
    seen = f"{ACAO}: {cut(acao)}" if acao is not None else f"no {ACAO} header"
    if acao is None:
        return Outcome(False, f"{seen}: the server did not allow this origin", _origin_fix(origin))
    if is_wildcard([acao], credentials):
        return Outcome(True, f"{seen} (any origin, no credentials)")
    if acao != origin:
        if acao == "*":
            return Outcome(
                False,
                f"{seen}, but the request includes credentials, and then '*' is not a wildcard",
                _credentials_fix(origin),
            )
        if "," in acao:
            return Outcome(
                False,
                f"{seen}: a browser accepts exactly one value",
                "send one Access-Control-Allow-Origin header: two CORS layers (the "
                "framework's own and wsgi-cors, say) probably both add one; keep one",
            )
        if acao.rstrip("/") == origin or acao.lower() == origin.lower():
            return Outcome(
                False,
                f"{seen}: not the origin {origin!r} byte for byte (case, trailing '/')",
                f"send exactly {origin!r}, as the browser sent it in Origin; wsgi-cors "
                "reflects the Origin header as sent",
            )
        return Outcome(False, f"{seen}: another origin than {origin!r}", _origin_fix(origin))
    if not credentials:
        return Outcome(True, f"{seen}, the origin itself")
    if acac == HEADER_TRUE:
        return Outcome(True, f"{seen}, the origin itself, and {ACAC}: true")
    if acac is None:
        return Outcome(
            False,
            f"{seen}, but no {ACAC} header, which credentials need",
            _credentials_fix(origin),
        )
    if "," in acac:
        return Outcome(
            False,
            f"{seen}, but {ACAC}: {acac}: a browser accepts exactly one 'true'",
            "send one Access-Control-Allow-Credentials header: two CORS layers (the "
            "framework's own and wsgi-cors, say) probably both add one; keep one",
        )
    return Outcome(
        False,
        f"{seen}, but {ACAC}: {acac}; it must be exactly 'true' (lower case)",
        "send Access-Control-Allow-Credentials: true"
        + (
            ""
            if acac.lower() == HEADER_TRUE
            else f"; with wsgi-cors, add {origin!r} to allow_credentials"
        ),
    )


def _unparsed_list_fix(header: str, what: str, example: str) -> str:
    return (
        f"send {header} as {what} separated by commas ({example}): names separated by"
        " spaces only, or a character that cannot be in a name, make the whole list"
        " unreadable (wsgi-cors always sends a valid one)"
    )


def _star_with_credentials(kind: str) -> str:
    """Why a ``*`` listed for *kind* (``method``, ``header``) did not match: with
    credentials it is a literal name (:func:`~wsgi_cors.policy.is_wildcard`)."""
    return f"with credentials '*' is a {kind} name, not a wildcard"


def preflight_methods_check(
    method: str, allowed: list[str] | None | InvalidList, credentials: bool
) -> Outcome:
    """Fetch standard, "CORS-preflight fetch", the methods step
    (:func:`~wsgi_cors.policy.preflight_method_step`, the server side's own): *method*
    passes when it is in ``Access-Control-Allow-Methods`` (*allowed*, from
    :func:`~wsgi_cors.policy.extract_header_list_values`) byte for byte, when it is a
    CORS-safelisted method, or when the list holds ``*`` and no credentials are
    included. A list that does not parse fails the preflight."""
    fix = (
        f"with wsgi-cors, add {method!r} to allow_methods, spelt exactly so (or keep "
        f"allow_methods={DEFAULT_ALLOW_METHODS!r}, the default, which allows the requested"
        " method; with allow_methods=None the application's Allow header must list it)"
    )
    step = preflight_method_step(method, allowed, credentials)
    if step is MethodStep.INVALID_LIST:  # the step found an InvalidList
        return Outcome(
            False,
            f"{ACAM} does not parse: {cast(InvalidList, allowed).element!r} is not a method"
            " token, and a browser fails a preflight whose list does not parse",
            _unparsed_list_fix(ACAM, "methods", "'GET, PUT'"),
        )
    methods = cast("list[str] | None", allowed) or []
    seen = f"{ACAM}: {cut(', '.join(methods))}" if allowed is not None else f"no {ACAM} header"
    if step is MethodStep.LISTED:
        return Outcome(True, f"{method} is listed ({seen})")
    if step is MethodStep.SAFELISTED:
        return Outcome(
            True, f"{method} is a CORS-safelisted method; it need not be listed ({seen})"
        )
    if step is MethodStep.WILDCARD:
        return Outcome(True, f"'*' allows any method without credentials ({seen})")
    if "*" in methods:
        return Outcome(
            False,
            f"{seen}: {_star_with_credentials('method')}; {method} must be listed",
            fix,
        )
    near = [m for m in methods if m.upper() == method.upper()]
    if near:
        return Outcome(
            False,
            f"{seen}: {near[0]!r} is not {method!r}; methods are compared case-sensitively",
            fix,
        )
    return Outcome(False, f"{seen}: {method} is not listed and not CORS-safelisted", fix)


def preflight_headers_check(
    unsafe_names: Sequence[str], allowed: list[str] | None | InvalidList, credentials: bool
) -> Outcome:
    """Fetch standard, "CORS-preflight fetch", the header steps: each CORS-unsafe
    request-header name must be in ``Access-Control-Allow-Headers`` (*allowed*),
    compared case-insensitively, unless the list holds ``*`` and no credentials are
    included; ``*`` never covers ``Authorization`` (a CORS non-wildcard request-header
    name). A list that does not parse fails the preflight."""

    def fix_adding(names: Sequence[str]) -> str:
        return (
            f"with wsgi-cors, add {', '.join(repr(n) for n in names)} to allow_headers (or"
            " leave allow_headers=None, the default, which allows every requested header"
            " by name)"
        )

    if isinstance(allowed, InvalidList):
        return Outcome(
            False,
            f"{ACAH} does not parse: {allowed.element!r} is not a header name, and a"
            " browser fails a preflight whose list does not parse",
            _unparsed_list_fix(ACAH, "header names", "'Content-Type, X-Token'"),
        )
    names = {n.lower() for n in allowed or []}
    seen = f"{ACAH}: {cut(', '.join(allowed))}" if allowed is not None else f"no {ACAH} header"
    if not unsafe_names:
        return Outcome(True, "no header needs allowing")
    wildcard = is_wildcard(names, credentials)
    missing = [n for n in unsafe_names if n not in names and (not wildcard or n == "authorization")]
    if not missing:
        how = "'*' (no credentials) covers" if wildcard else "lists"
        return Outcome(True, f"{seen} {how} {', '.join(unsafe_names)}")
    reasons = []
    if wildcard:
        reasons.append(
            "'*' never covers Authorization (Fetch: a CORS non-wildcard request-header "
            "name; Chromium was seen to accept it anyway, browsers that follow the "
            "standard do not)"
        )
    elif "*" in names:
        reasons.append(_star_with_credentials("header"))
    missing_text = ", ".join(missing)
    reason = f"{seen}: {missing_text} not allowed" + (f"; {'; '.join(reasons)}" if reasons else "")
    fix = fix_adding(missing)
    response_names = [n for n in missing if is_cors_response_header_name(n)]
    if response_names:
        fix = (
            f"remove {', '.join(repr(n) for n in response_names)} from the request: CORS"
            " response headers belong on the server's answer, not in the script's request"
        )
    return Outcome(False, reason, fix)


#: Fetch standard, "CORS-safelisted response-header name": always readable.
SAFELISTED_RESPONSE_HEADERS = frozenset(
    """cache-control content-language content-length content-type expires last-modified
    pragma""".split()
)


def exposed_header_check(
    name: str,
    response_names: Iterable[str],
    exposed: list[str] | None | InvalidList,
    credentials: bool,
) -> Outcome:
    """Could a script read the response header *name*? (Fetch standard, "main fetch",
    the CORS-exposed header-name list, and "CORS-safelisted response-header name".)

    *exposed* is ``Access-Control-Expose-Headers`` (from
    :func:`~wsgi_cors.policy.extract_header_list_values`; one that does not parse
    exposes nothing); ``*`` in it exposes every header of the response unless
    credentials are included. ``Cache-Control``, ``Content-Language``,
    ``Content-Length``, ``Content-Type``, ``Expires``, ``Last-Modified`` and ``Pragma``
    are always readable, ``Set-Cookie`` never; the header must also be in the response
    (*response_names*).
    """
    lower = name.lower()
    if lower in FORBIDDEN_RESPONSE_HEADERS:
        return _forbidden_response_header(name)
    fix = f"with wsgi-cors, add {name!r} to expose_headers"
    if isinstance(exposed, InvalidList):
        listed: list[str] = []
        seen = (
            f"{ACEH} does not parse ({exposed.element!r} is not a header name), so it "
            "exposes nothing"
        )
    else:
        listed = exposed or []
        seen = f"{ACEH}: {cut(', '.join(listed))}" if exposed is not None else f"no {ACEH} header"
    if lower in SAFELISTED_RESPONSE_HEADERS:
        why = f"{name} is a CORS-safelisted response-header name"
    elif lower in {n.lower() for n in listed}:
        why = f"{name} is listed ({seen})"
    elif is_wildcard(listed, credentials):
        why = f"'*' exposes every header without credentials ({seen})"
    else:
        extra = f"; {_star_with_credentials('header')}" if "*" in listed else ""
        return Outcome(False, f"{name} is not exposed ({seen}){extra}", fix)
    return _in_the_response(name, response_names, why)


def same_origin_header_check(name: str, response_names: Iterable[str]) -> Outcome:
    """Could a script on the URL's own origin read the response header *name*? Every
    header but a forbidden response-header name (Fetch standard, "basic filtered
    response"), if the response has it."""
    if name.lower() in FORBIDDEN_RESPONSE_HEADERS:
        return _forbidden_response_header(name)
    forbidden = ", ".join(sorted(FORBIDDEN_RESPONSE_HEADERS))
    why = f"a script on the same origin reads every header but {forbidden}"
    return _in_the_response(name, response_names, why)


def _forbidden_response_header(name: str) -> Outcome:
    return Outcome(
        False,
        f"{name} is a forbidden response-header name: no script can ever read it",
        "none on the server: cookies belong to the browser; send what the script needs "
        "in another header or in the body",
    )


def _in_the_response(name: str, response_names: Iterable[str], why: str) -> Outcome:
    """*why* the script may read *name*: readable if the response has it, else null."""
    if name.lower() not in {n.lower() for n in response_names}:
        return Outcome(
            False,
            f"{why}, but the response has no {name} header (the script would get null)",
            f"make the application send {name} in this response",
        )
    return Outcome(True, why)


def vary_check(acao: str | None, vary_values: Sequence[str]) -> Outcome | None:
    """When ``Access-Control-Allow-Origin`` names an origin (not ``*``), the response
    should say ``Vary: Origin`` (or ``Vary: *``), so that a shared cache does not serve
    one origin's answer to another (Fetch standard, "CORS protocol and HTTP caches").
    Browsers do not check it: a missing one is a warning. None when not applicable."""
    if acao is None or acao == "*":
        return None
    seen = f"Vary: {cut(', '.join(vary_values))}" if vary_values else "no Vary header"
    if any(vary_lists_origin(value) for value in vary_values):
        return Outcome(True, f"{seen}, as a response that names the origin should")
    return Outcome(
        False,
        f"{seen}, though {ACAO} names the origin: a shared cache may serve this answer to "
        "another origin (browsers do not check this)",
        "add Origin to Vary (wsgi-cors does so on every response whose CORS headers depend "
        "on the origin)",
        warning=True,
    )


# -- what to send -------------------------------------------------------------------------


class UsageError(ValueError):
    """A command-line value ``fetch()`` would reject, or that is not what it must be."""


@dataclass(frozen=True)
class CheckRequest:
    """What the page's script asks for: ``fetch(url, {method, headers, credentials})``
    from a page on *origin*; *read_header* is the response header the script wants."""

    url: str
    origin: str
    method: str = "GET"
    #: The headers the script sets, as given (forbidden ones included: see
    #: :attr:`script_headers`).
    headers: tuple[tuple[str, str], ...] = ()
    credentials: bool = False
    read_header: str | None = None
    timeout: float = DEFAULT_TIMEOUT

    @property
    def script_headers(self) -> list[tuple[str, str]]:
        """The headers ``fetch()`` keeps, same names joined (:func:`combine_headers`):
        forbidden request-headers are dropped, as ``fetch()`` drops them."""
        return combine_headers(
            (n, v) for n, v in self.headers if not is_forbidden_request_header(n, v)
        )


def _parse_header(text: str) -> tuple[str, str]:
    name, colon, value = text.partition(":")
    name = name.strip(HTTP_TAB_OR_SPACE)
    if not colon:
        raise UsageError(f"--header {text!r}: write it as 'Name: value'")
    if not is_token(name):
        raise UsageError(f"--header {text!r}: {name!r} is not a header name (an HTTP token)")
    # fetch() normalizes a value (strips leading and trailing HTTP white space) and
    # throws a TypeError for NUL, CR, LF and for characters beyond U+00FF (ByteString).
    value = value.strip(HTTP_WHITESPACE)
    if any(c in value for c in "\0\r\n"):
        raise UsageError(f"--header {text!r}: a value cannot hold NUL, CR or LF")
    if any(ord(c) > 0xFF for c in value):
        raise UsageError(
            f"--header {text!r}: fetch() takes header values as bytes (U+0000-U+00FF); "
            "percent-encode or otherwise escape other characters"
        )
    return name, value


def parse_request(
    url: str,
    origin: str,
    *,
    method: str = "GET",
    headers: Sequence[str] = (),
    credentials: bool = False,
    read_header: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> CheckRequest:
    """Check the command-line values as ``fetch()`` would, and normalize the method.

    :raises UsageError: *url* is not an ``http``/``https`` URL (or holds user info,
        which ``fetch()`` refuses), *origin* is not a serialized origin, *method* is not
        a token or is forbidden (``fetch()`` throws), a header is not ``Name: value``
        or holds a byte ``fetch()`` refuses, the URL's host or port is none to connect
        to, *timeout* is not positive or is over :data:`MAX_TIMEOUT`.
    """
    try:
        parts = urllib.parse.urlsplit(url)
        _ = parts.port
    except ValueError as exc:  # an unclosed "[", a port out of range or not a number
        raise UsageError(f"URL {url!r}: {exc}") from None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:  # http and https
        raise UsageError(f"URL {url!r}: give an http:// or https:// URL with a host")
    if parts.username is not None or parts.password is not None:
        raise UsageError(f"URL {url!r}: fetch() refuses a URL with credentials (user:pass@)")
    written_host = _written_host(parts)
    host_problem = _host_problem(written_host)
    if host_problem is not None:
        raise UsageError(f"URL {url!r}: the host {parts.hostname!r} {host_problem}")
    if url_host(written_host) is None:
        raise UsageError(
            f"URL {url!r}: the host {parts.hostname!r} ends in a number but is no IPv4"
            " address, and a browser refuses the URL"
        )
    if not origin:
        raise UsageError("--origin '': give the page's origin (https://app.example.com)")
    # A page at a DNS name with a trailing dot sends it: checked without the dot, sent
    # as given. ("null" is an origin here as in configuration.)
    dotless = without_trailing_dot(origin)
    parsed = parse_configured_origin(dotless, "--origin") if origin != "*" else None
    if isinstance(parsed, OriginProblem):
        raise UsageError(f"--origin {origin!r} {parsed.why}; {parsed.fix}")
    if parsed is None or isinstance(parsed, SubdomainPattern):
        raise UsageError(
            f"--origin {origin!r}: give the one origin of the page, as a browser sends it "
            "in Origin (https://app.example.com)"
        )
    if not is_token(method):
        raise UsageError(f"--method {method!r} is not a method (an HTTP token)")
    if is_forbidden_method(method):
        raise UsageError(f"--method {method}: a forbidden method; fetch() throws a TypeError")
    if read_header is not None and not is_token(read_header):
        raise UsageError(f"--read-header {read_header!r} is not a header name")
    if not (timeout > 0 and math.isfinite(timeout) and timeout <= MAX_TIMEOUT):
        raise UsageError(
            f"--timeout {timeout}: give a positive number of seconds, at most {MAX_TIMEOUT:g}"
        )
    return CheckRequest(
        url=url,
        origin=origin,
        method=normalize_method(method),
        headers=tuple(_parse_header(h) for h in headers),
        credentials=credentials,
        read_header=read_header,
        timeout=timeout,
    )


def _written_host(parts: urllib.parse.SplitResult) -> str:
    """The host of a URL *parts* as written (brackets off an IPv6 address), for
    :func:`~wsgi_cors.origins.url_host`: not ``parts.hostname``, which
    :meth:`str.lower` has read otherwise than a browser where a name is not ASCII."""
    if parts.hostname is None or ":" in parts.hostname:  # none, or an IPv6 address
        return parts.hostname or ""
    authority = parts.netloc.rpartition("@")[2]
    return authority.rpartition(":")[0] if ":" in authority else authority


def _host_problem(host: str) -> str | None:
    """Why a URL's host cannot be connected to as written, or None: white space or a
    control character in it, a name a browser has no ASCII form for
    (:func:`~wsgi_cors.origins.ascii_host`), or one with an empty or over-long label."""
    # An invisible character is left to ascii_host, which drops those UTS 46 ignores
    # (a soft hyphen) and keeps a joiner after a virama, as browsers do.
    if any(c.isspace() for c in host) or CONTROL_CHARACTER.search(host):
        return "has white space or a control character"
    if host.startswith("[") or ":" in host:  # an IPv6 literal, checked by urlsplit
        return None
    name = ascii_host(host) if not host.isascii() else host
    if name is None:
        return (
            "is not a valid host name (a character no name holds, a label that starts with"
            " a combining mark, or one against the Bidi rule), or holds a non-joiner"
            " between Arabic letters, which browsers take but this check cannot read"
        )
    try:
        name.encode("idna")  # of ASCII, only each label's length is checked
    except UnicodeError:
        return "is not a valid host name (an empty or over-long label)"
    return None


# -- the network --------------------------------------------------------------------------


class NetworkError(Exception):
    """No HTTP answer: connection refused, time-out, name resolution, TLS, or a reply
    that is not HTTP. A browser would fail the fetch too, but not for CORS."""


@dataclass(frozen=True)
class Answer:
    """A response as received: status, headers (values without surrounding white
    space, in order) and at most the first bytes of the body."""

    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""
    #: The status lines of the interim (1xx) responses before this one, which a
    #: browser ignores (Fetch standard, "HTTP-network fetch").
    interim: tuple[str, ...] = ()

    def values(self, name: str) -> list[str]:
        """Every value of the header *name* (case-insensitive), in order."""
        lower = name.lower()
        return [v for n, v in self.headers if n.lower() == lower]

    def get(self, name: str) -> str | None:
        """Fetch standard, "get" a header: the values joined by ``", "``, or None."""
        values = self.values(name)
        return combined_header_value(values) if values else None


@dataclass(frozen=True)
class _Target:
    https: bool
    host: str
    port: int
    path: str  # the request target: path and query, percent-encoded


def _target(url: str) -> _Target:
    parts = urllib.parse.urlsplit(url)
    https = parts.scheme == "https"
    path = _browser_path(parts.path or "/")
    if parts.query:
        path += "?" + parts.query
    # Like the URL parser of a browser: anything but printable ASCII is percent-encoded.
    path = "".join(
        c if 0x21 <= ord(c) <= 0x7E else "".join(f"%{b:02X}" for b in _url_bytes(c)) for c in path
    )
    port = parts.port if parts.port is not None else int(DEFAULT_PORTS[parts.scheme])
    # As a browser's URL parser reads it: http://2130706433/ is http://127.0.0.1/ and
    # http://straße.example/ is http://xn--strae-oqa.example/, in its Host, its origin
    # and its address space.
    host = url_host(_written_host(parts)) or ""
    return _Target(https, host, port, path)


def _url_bytes(c: str) -> bytes:
    """The bytes a browser percent-encodes for *c*: its UTF-8, or the raw byte a
    command line held that is no UTF-8 (Python reads it as a lone surrogate), or,
    for any other lone surrogate, the bytes of its code point."""
    try:
        return c.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return c.encode("utf-8", "surrogatepass")


_DOT_SEGMENTS = frozenset({".", "%2e"})
_DOUBLE_DOT_SEGMENTS = frozenset({"..", ".%2e", "%2e.", "%2e%2e"})


def _browser_path(path: str) -> str:
    """The path of an http(s) URL as a browser's URL parser leaves it (URL standard,
    "path state"): a ``\\`` read as ``/``, each ``.`` segment dropped and each ``..``
    segment taking the one before it away (``%2e`` counts as a dot), a trailing one
    leaving a ``/``. ``/a/../b/./c`` is ``/b/c``."""
    segments = path.replace("\\", "/").split("/")[1:]
    out: list[str] = []
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        lower = segment.lower()
        if lower in _DOUBLE_DOT_SEGMENTS:
            if out:
                out.pop()
            if last:
                out.append("")
        elif lower in _DOT_SEGMENTS:
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/" + "/".join(out)


class _Deadline:
    """The one time limit of an exchange (:func:`_send`): when *timeout* seconds have
    passed, the connection it watches is shut down, which ends any read or write on it,
    so that a server that answers a byte at a time (each read within the socket's own
    timeout), sends interim responses without end or stalls the TLS handshake cannot
    hold check longer. It shuts down a duplicate of the connection's socket, its own,
    so that it never touches the TLS layer another thread reads through."""

    def __init__(self, timeout: float) -> None:
        self.expired = threading.Event()
        self._lock = threading.Lock()  # _expire() and watch(): one of them shuts down
        self._watched: socket.socket | None = None
        self._timer = threading.Timer(timeout, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        """Shut down *sock*'s connection at the deadline, or now if it has passed."""
        with self._lock:
            self._watched = sock.dup()
            if self.expired.is_set():
                _shut_down(self._watched)

    def _expire(self) -> None:
        with self._lock:
            self.expired.set()
            if self._watched is not None:
                _shut_down(self._watched)

    def close(self) -> None:
        """Stop the clock and let the connection go (it stays :attr:`expired` if the
        deadline passed)."""
        self._timer.cancel()
        with self._lock:
            if self._watched is not None:
                self._watched.close()
                self._watched = None


def _shut_down(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _connect(target: _Target, timeout: float, deadline: _Deadline) -> socket.socket:
    """A connection to *target*, watched by *deadline*; for https, over TLS with the
    system's trust, the host name checked and ALPN offering ``http/1.1``. A name under
    ``localhost`` or ``localhost.`` (:func:`~wsgi_cors.origins.is_localhost_name`) is
    connected through the name ``localhost``, as a browser does, where the system's
    resolver may know no ``api.localhost`` and no ``localhost.``; the request keeps its
    own ``Host`` and, over TLS, its own server name, without a final dot, as Chromium
    sends and checks it."""
    through_localhost = target.host.lower() != "localhost" and is_localhost_name(target.host)
    # Name resolution is not bounded by the deadline, only by the resolver.
    sock = socket.create_connection(
        ("localhost" if through_localhost else target.host, target.port), timeout
    )
    try:
        deadline.watch(sock)
        if not target.https:
            return sock
        context = ssl.create_default_context()
        context.set_alpn_protocols(["http/1.1"])
        # A browser sends and checks the name without its final dot (localhost.).
        name = target.host.rstrip(".") if through_localhost else target.host
        return context.wrap_socket(sock, server_hostname=name)
    except BaseException:
        sock.close()  # after a failed handshake the TLS socket has closed it already
        raise


# What check refuses to send, as http.client refused it (parse_request lets none of it
# through; a CheckRequest made without it may hold anything): a space or a control
# character in the host, a control character in the method, a header name that is
# empty, starts with white space or holds a colon, CR or LF, and a CR or LF in a value
# that does not fold it.
_SPACE_OR_CONTROL = re.compile("[\x00-\x20\x7f]")
_METHOD_CONTROL = re.compile("[\x00-\x1f]")
_SENDABLE_NAME = re.compile(rb"[^:\s][^:\r\n]*")
_BARE_LINE_BREAK = re.compile(rb"\r(?![\t\n ])|\n(?![\t ])")


def _refuse_control_characters(host: str) -> None:
    found = _SPACE_OR_CONTROL.search(host)
    if found:
        raise http.client.InvalidURL(
            f"URL can't contain control characters. {host!r} (found at least {found.group()!r})"
        )


def _host_value(target: _Target) -> str:
    """The ``Host`` header check sends: the host as a browser reads it (the target's:
    ASCII; an IPv6 address bracketed, without its zone), and the port unless it is the
    scheme's default."""
    host = target.host
    if ":" in host:
        host = f"[{host.partition('%')[0]}]"
    if target.port != int(DEFAULT_PORTS["https" if target.https else "http"]):
        host += f":{target.port}"
    return host


def _request_head(target: _Target, method: str, headers: Sequence[tuple[str, str]]) -> bytes:
    """The request line and header fields of a request without a body: ``Host`` and
    ``Accept-Encoding: identity`` (as :mod:`http.client` sent them, so that servers see
    the same request), then *headers* in order, each value in ISO-8859-1."""
    found = _METHOD_CONTROL.search(method)
    if found:
        raise ValueError(
            f"method can't contain control characters. {method!r} "
            f"(found at least {found.group()!r})"
        )
    lines = [f"{method} {target.path} HTTP/1.1".encode("ascii")]
    fields = [("Host", _host_value(target)), ("Accept-Encoding", "identity"), *headers]
    for name, value in fields:
        value_bytes = value.encode("latin-1")
        name_bytes = name.encode("ascii")
        if not _SENDABLE_NAME.fullmatch(name_bytes):
            raise ValueError(f"Invalid header name {name_bytes!r}")
        if _BARE_LINE_BREAK.search(value_bytes):
            raise ValueError(f"Invalid header value {value_bytes!r}")
        lines.append(name_bytes + b": " + value_bytes)
    return b"\r\n".join([*lines, b"", b""])


_MAX_INTERIM_KEPT = 10  # status lines kept for the report; any more are skipped unseen
# The longest response head read, its status line to the empty line, as Chromium bounds
# one (net::HttpStreamParser, 256 KiB; a longer one is a network error there and here).
_MAX_HEAD = 256 * 1024
# The longest chunk-size or trailer line of a chunked body read (as http.client reads
# one: a longer one is a LineTooLong).
_MAX_LINE = 65536
_END_OF_HEAD = (b"\r\n", b"\n", b"")
# Chromium's line breaks in a response head (net::HttpUtil::AssembleRawHeaders): any
# run of CR and LF ends a line, so a lone CR does too and an empty line inside a run
# does not end the head.
_HEAD_LINE_BREAKS = re.compile(rb"[\r\n]+")


class _InvalidResponse(http.client.HTTPException):
    """An answer a browser fails as a network error before any CORS check (Fetch
    standard, "network error"): its message says why."""


@dataclass(frozen=True)
class _Head:
    """A response head as read by :func:`_read_head`."""

    status_line: str  # cut at MAX_SHOWN_VALUE_LENGTH characters, for the report
    status: int
    reason: str  # cut as the status line is
    block: bytes  # the header lines, for _head_fields


def _read_answer(stream: io.BufferedReader) -> Answer:
    """The status and header fields of the final answer read from *stream*, up to its
    body (which :func:`_send` reads if it wants it).

    Each response head is read as Chromium reads one (:func:`_read_head`,
    :func:`_head_fields`). The interim responses (``1xx``: ``100 Continue``, ``103
    Early Hints``, a ``101`` too, which ends nothing on a fetch) before the final one
    are skipped, as a browser skips them (Fetch standard, "HTTP-network fetch"), their
    status lines kept in :attr:`Answer.interim`; a server that sends them without end
    is stopped by :func:`_send`'s deadline."""
    interim: list[str] = []
    head = _read_head(stream)
    while _is_interim(head.status):
        if len(interim) < _MAX_INTERIM_KEPT:
            interim.append(head.status_line)
        head = _read_head(stream)
    return Answer(
        status=head.status,
        reason=head.reason,
        headers=_head_fields(head.block),
        interim=tuple(interim),
    )


def _read_head(stream: io.BufferedReader) -> _Head:
    """The next response head on *stream*, as Chromium finds it: the status line ends
    at its first CR or LF (``net::HttpUtil::AssembleRawHeaders``), and the head at a
    LF, an optional CR and a LF (``LocateEndOfHeaders``), or at the end of the
    connection. The status line is parsed (:func:`_status_line`) as soon as it is read,
    so that a server that speaks another protocol is told at once. A head longer than
    :data:`_MAX_HEAD`, or one holding a NUL byte anywhere, is a network error in
    Chromium (``ERR_RESPONSE_HEADERS_TOO_BIG``, ``ERR_INVALID_HTTP_RESPONSE``) and an
    :class:`_InvalidResponse` here."""
    first = stream.readline(_MAX_HEAD + 1)
    if not first:
        raise http.client.RemoteDisconnected("Remote end closed connection without response")
    found = _HEAD_LINE_BREAKS.search(first)
    end = found.start() if found else len(first)
    status_line, lines, size = first[:end], [first[end:]], len(first)
    if b"\x00" in status_line:
        raise _InvalidResponse(_NUL_IN_HEAD)
    status, reason = _status_line(status_line)
    whole_line = first.endswith(b"\n")  # else the connection ended, or the head is too long
    while whole_line and size <= _MAX_HEAD:
        line = stream.readline(_MAX_HEAD + 1 - size)
        size += len(line)
        if line in _END_OF_HEAD:
            break
        lines.append(line)
        whole_line = line.endswith(b"\n")
    if size > _MAX_HEAD:
        raise _InvalidResponse(f"a response head longer than {_MAX_HEAD // 1024} KiB")
    block = b"".join(lines)
    if b"\x00" in block:
        raise _InvalidResponse(_NUL_IN_HEAD)
    return _Head(cut(status_line.decode("latin-1").strip()), status, reason, block)


_NUL_IN_HEAD = "a NUL byte in a response head"


def _head_fields(block: bytes) -> tuple[tuple[str, str], ...]:
    """The header fields of a response head's *block* (after the status line), as
    Chromium reads them (``net::HttpUtil::AssembleRawHeaders`` and
    ``HeadersIterator``): the block is cut into lines at each run of CR and LF; a line
    that starts with a space or tab continues the value of the field before it, if the
    line before is a field (obsolete line folding, RFC 9112, 5.2: read as one space);
    a field is a line with a colon and a name before it that does not start with a
    space or tab, and any other line is skipped; a space or tab around the name and
    the value is dropped. (Chromium also skips a field whose name is no token; no such
    name is one a CORS check or a script asks for.) Bytes are read as ISO-8859-1, as
    :mod:`http.client` reads them."""
    fields: list[list[str]] = []
    continuable = False
    for line in _HEAD_LINE_BREAKS.split(block):
        if not line:
            continue
        raw = line.decode("latin-1")
        if continuable and raw[0] in HTTP_TAB_OR_SPACE:
            fields[-1][1] += " " + raw.lstrip(HTTP_TAB_OR_SPACE)
            continue
        name, colon, value = raw.partition(":")
        continuable = bool(colon and name and name[0] not in HTTP_TAB_OR_SPACE)
        if continuable:
            fields.append([name.rstrip(HTTP_TAB_OR_SPACE), value])
    return tuple((name, value.strip(HTTP_TAB_OR_SPACE)) for name, value in fields)


# A status line: an HTTP version ("HTTP/" in any case, then any version: Chromium reads
# http/1.1 and HTTP/2 so), spaces, and the status code's digits, which may run into the
# reason phrase ("200OK" is 200 in Chromium too).
_STATUS_LINE = re.compile(rb"(?i:HTTP/)[^ ]* +([0-9]+)(.*)")


def _status_line(line: bytes) -> tuple[int, str]:
    """The status code and reason phrase of a status line (:data:`_STATUS_LINE`), the
    code from 100 to 999, else a BadStatusLine: the server does not speak HTTP (exit
    status 2). Stricter than Chromium, which also reads a line with white space or
    other bytes before ``HTTP``, or without a status code (as 200)."""
    match = _STATUS_LINE.fullmatch(line)
    # Three digits after any leading zeros: 100 to 999 (and no int() of 5,000 digits).
    if match is None or len(match[1].lstrip(b"0")) != 3:
        raise http.client.BadStatusLine(cut(line.decode("latin-1")))
    return int(match[1]), cut(match[2].decode("latin-1").strip())


def _read_body(stream: io.BufferedReader, answer: Answer, limit: int) -> bytes:
    """At most *limit* bytes of the body of a final answer: chunked when it is
    (:func:`_is_chunked`); else none for a ``204`` or ``304`` status (RFC 9112, 6.3; a
    ``1xx`` is no final answer, :func:`_read_answer` skips it); else up to the first
    ``Content-Length`` if it is a number that is not negative, or up to the end of the
    connection. A body cut short of its ``Content-Length`` is read as it came."""
    if _is_chunked(answer):
        return _read_chunked(stream, limit)
    if answer.status in (204, 304):
        return b""
    text = next(iter(answer.values("Content-Length")), None)
    try:
        length = int(text) if text else -1
    except ValueError:
        length = -1
    return stream.read(limit if length < 0 else min(limit, length))


def _is_chunked(answer: Answer) -> bool:
    """Whether *answer*'s body is chunked, as Chromium reads it: ``chunked`` (in any
    case) is one of the elements of its ``Transfer-Encoding`` values (RFC 9112, 6.1)."""
    codings = combined_header_value(answer.values("Transfer-Encoding")).lower()
    return "chunked" in header_list_elements(codings)


def _is_interim(status: int) -> bool:
    """An interim response's status, ``1xx`` (RFC 9110, 15.2), which a browser skips to
    the final response and which has no body."""
    return 100 <= status < 200


def _read_chunked(stream: io.BufferedReader, limit: int) -> bytes:
    """At most *limit* bytes of a chunked body (RFC 9112, 7.1), extensions and trailer
    fields dropped; reading stops at *limit*, inside a chunk if need be. A chunk size
    that is no hexadecimal number (or is negative), or a body cut short, is an
    IncompleteRead."""
    parts: list[bytes] = []
    try:
        while True:
            size = _chunk_size(stream)
            if size == 0:
                _skip_trailer(stream)
                break
            parts.append(_read_exactly(stream, min(size, limit)))
            if limit <= size:
                break
            limit -= size
            _read_exactly(stream, 2)  # the CR LF that ends the chunk's data
    except http.client.IncompleteRead:
        raise http.client.IncompleteRead(b"".join(parts)) from None
    return b"".join(parts)


def _chunk_size(stream: io.BufferedReader) -> int:
    line = stream.readline(_MAX_LINE + 1)
    if len(line) > _MAX_LINE:
        raise http.client.LineTooLong("chunk size")
    try:
        size = int(line.partition(b";")[0], 16)
    except ValueError:
        size = -1
    if size < 0:
        raise http.client.IncompleteRead(b"")
    return size


def _read_exactly(stream: io.BufferedReader, size: int) -> bytes:
    data = stream.read(size)
    if len(data) < size:
        raise http.client.IncompleteRead(data)
    return data


def _skip_trailer(stream: io.BufferedReader) -> None:
    while (line := stream.readline(_MAX_LINE + 1)) not in _END_OF_HEAD:
        if len(line) > _MAX_LINE:
            raise http.client.LineTooLong("trailer line")


def _send(
    target: _Target,
    method: str,
    headers: Sequence[tuple[str, str]],
    timeout: float,
    denial_body_limit: int,
) -> Answer:
    """One request on a fresh connection, the whole exchange bounded by *timeout*: each
    connect and read by the socket's timeout, and all of it by one :class:`_Deadline`
    (a server that answers a byte at a time, or sends ``100 Continue`` forever, cannot
    hold check longer). Of the body, only a ``403``'s is read, at most
    *denial_body_limit* bytes (:func:`_denial_body`); a browser reads no preflight's."""
    where = f"{target.host}:{target.port}"
    deadline = _Deadline(timeout)
    sock: socket.socket | None = None
    try:
        _refuse_control_characters(target.host)
        sock = _connect(target, timeout, deadline)
        sock.sendall(_request_head(target, method, headers))
        with sock.makefile("rb") as stream:
            answer = _read_answer(stream)
            if deadline.expired.is_set():  # the head was cut short at the deadline
                raise NetworkError(f"no complete answer from {where} within {timeout:g} s")
            if denial_body_limit and method != "HEAD" and answer.status == DENIED_STATUS_CODE:
                answer = replace(answer, body=_denial_body(stream, answer, denial_body_limit))
    except (OSError, http.client.HTTPException, UnicodeError, ValueError) as exc:
        if deadline.expired.is_set():
            raise NetworkError(f"no answer from {where} within {timeout:g} s") from None
        raise NetworkError(_network_problem(exc, target, timeout)) from None
    finally:
        deadline.close()
        if sock is not None:
            sock.close()
    return answer


def _denial_body(stream: io.BufferedReader, answer: Answer, limit: int) -> bytes:
    """At most *limit* bytes of the body of a ``403`` answer, where wsgi-cors with
    ``debug=True`` gives the reason for a denied preflight: as far as it came within
    the deadline. A browser never reads a preflight's body, so no fault in it (cut
    short, framed wrongly, reset, late) fails anything."""
    try:
        return _read_body(stream, answer, limit)
    except http.client.IncompleteRead as cut:
        return cut.partial
    except (OSError, http.client.HTTPException):
        return b""


def _network_problem(exc: BaseException, target: _Target, timeout: float) -> str:
    """What went wrong on the network, and where to look."""
    where = f"{target.host}:{target.port}"
    if isinstance(exc, ConnectionRefusedError):
        return f"connection refused by {where}: is the server running?"
    if isinstance(exc, TimeoutError):  # socket.timeout is an alias
        return f"no answer from {where} within {timeout:g} s"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve {target.host!r}: {exc.strerror}"
    if isinstance(exc, ssl.SSLError):
        hint = ""
        if "WRONG_VERSION_NUMBER" in str(exc) or "record layer" in str(exc):
            hint = ": the server does not speak TLS there; is the URL http://?"
        elif "CERTIFICATE_VERIFY_FAILED" in str(exc):
            hint = ": a browser would refuse this certificate too"
        return f"TLS with {where} failed: {exc}{hint}"
    if isinstance(exc, (http.client.InvalidURL, UnicodeError, ValueError)):
        return f"cannot connect to {target.host!r}: {exc}"
    if isinstance(exc, http.client.RemoteDisconnected):  # a ConnectionResetError too
        return f"{where} closed the connection without an answer"
    if isinstance(exc, ConnectionResetError) and not target.https:
        return f"{where} reset the connection: is it a TLS port (an https:// URL)?"
    if isinstance(exc, http.client.BadStatusLine):
        return f"{where} did not answer with HTTP: {type(exc).__name__} {exc}".rstrip()
    if isinstance(exc, _InvalidResponse):
        return f"{where} sent {exc}, which a browser fails as a network error"
    if isinstance(exc, http.client.HTTPException):
        return f"{where} sent an answer check cannot read: {type(exc).__name__} {exc}".rstrip()
    return f"cannot reach {where}: {getattr(exc, 'strerror', None) or exc}"


def _user_agent() -> str:
    from . import __version__

    return f"wsgi-cors-check/{__version__}"


# -- the report ---------------------------------------------------------------------------

Label = Literal["PASS", "FAIL", "WARN", "INFO"]


class _Writes(Protocol):
    def write(self, text: str, /) -> int: ...


# The control characters (C0, DEL and C1), which no header value the middleware sends
# holds and which a terminal reads as escape sequences.


def escape_controls(text: str) -> str:
    """*text* for a terminal: every C0 and C1 control character (DEL too) written as
    ``\\xNN``, so that text from the network (a header value, a request path) can
    neither send escape sequences to the terminal nor start a line of its own. The
    demo's request log uses it too."""
    return CONTROL_CHARACTER.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class _TerminalSafe:
    """*stream* with every control character that check did not put there itself
    escaped (``\\x1b``): the reason phrase and the header values printed come from
    the server checked, and a hostile one must neither drive the terminal (ANSI escape
    sequences) nor forge a line of the report (a folded value's CR LF). check's own
    line feeds begin or end each write."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str, /) -> int:
        head = len(text) - len(text.lstrip("\n"))
        tail = len(text.rstrip("\n"))
        if head >= tail:  # line feeds only
            return self.stream.write(text)
        return self.stream.write(text[:head] + escape_controls(text[head:tail]) + text[tail:])


@dataclass
class _Report:
    out: _Writes
    failed: bool = False
    #: The response header a script could not read, though the CORS check passed.
    unreadable: str | None = None
    #: A redirect left the answer to another URL (exit status 1, not "blocked").
    redirected: str | None = None

    def step(self, label: Label, title: str, text: str, fix: str | None = None) -> None:
        if label == "FAIL":
            self.failed = True
        self.out.write(f"{label}  {title}: {text}\n")
        if fix and label in ("FAIL", "WARN"):
            self.out.write(f"      fix: {fix}\n")

    def outcome(self, title: str, outcome: Outcome) -> None:
        label: Label = "PASS" if outcome.ok else "WARN" if outcome.warning else "FAIL"
        self.step(label, title, outcome.reason, outcome.fix)

    def exchange(
        self, method: str, target: _Target, sent: Sequence[tuple[str, str]], answer: Answer
    ) -> None:
        self.out.write(f"      > {method} {target.path}\n")
        for name, value in sent:
            self.out.write(f"      > {name}: {value}\n")
        for line in answer.interim:
            self.out.write(f"      < {line} (an interim response, which a browser ignores)\n")
        self.out.write(f"      < {answer.status} {answer.reason}\n")
        shown = [(n, v) for n, v in answer.headers if _shown(n)]
        # A server's values cut, as a status line is (MAX_SHOWN_VALUE_LENGTH), and so
        # the number of lines: a hostile or broken answer cannot fill the report.
        for name, value in shown[:_MOST_SHOWN_HEADERS]:
            self.out.write(f"      < {name}: {cut(value)}\n")
        if len(shown) > _MOST_SHOWN_HEADERS:
            self.out.write(f"      < … and {len(shown) - _MOST_SHOWN_HEADERS:,} more\n")
        if not any(is_cors_header(n) for n, _ in shown):
            self.out.write("      < (no Access-Control-* header)\n")


# Where a redirect points (RFC 9110, 10.2.2).
_LOCATION = "Location"
# How many of an answer's CORS (and Vary, Location) header lines a report shows.
_MOST_SHOWN_HEADERS = 40
# Besides the CORS headers, a report shows these of an answer (lower case).
_SHOWN_TOO = frozenset(name.lower() for name in (VARY, _LOCATION))


def _shown(name: str) -> bool:
    return is_cors_header(name) or name.lower() in _SHOWN_TOO


def _fetch_call(request: CheckRequest) -> str:
    init = [f"method: {json.dumps(request.method)}"]
    if request.headers:
        pairs = ", ".join(f"[{json.dumps(n)}, {json.dumps(v)}]" for n, v in request.headers)
        init.append(f"headers: [{pairs}]")
    if request.credentials:
        init.append('credentials: "include"')
    return f"fetch({json.dumps(request.url)}, {{{', '.join(init)}}})"


def _is_potentially_trustworthy(scheme: str, host: str | None) -> bool:
    """Secure Contexts, "potentially trustworthy origin", for an origin's *scheme* and
    *host*: all but an ``http`` one off loopback (``https``, and the schemes browsers
    register as secure: ``chrome-extension`` among them). A page of such an origin is a
    secure context."""
    return scheme != "http" or (host is not None and address_space(host) == LOOPBACK_SPACE)


# -- the steps ----------------------------------------------------------------------------


def run(request: CheckRequest, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check *request* against the live server and print each step to *out* (default
    standard output); a network error ends the report and goes to *err* (default
    standard error) too, unless both are terminals (it would show twice).

    Returns 0 when the browser would let the script read the response (and
    :attr:`~CheckRequest.read_header`, if given), 1 when it would not, or when a
    redirect leaves the answer to another URL, and 2 on a network error.
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    safe_out = _TerminalSafe(out)
    safe_err = _TerminalSafe(err)
    report = _Report(safe_out)
    target = _target(request.url)
    parts = urllib.parse.urlsplit(request.url)
    url_origin = serialize_origin(parts.scheme, target.host, parts.port)
    safe_out.write(f"wsgi-cors check: {_fetch_call(request)} from a page on {request.origin}\n\n")
    try:
        return _run_steps(request, target, url_origin, report)
    except NetworkError as exc:
        safe_out.write(f"\nERROR: {exc}\n")
        if not (_is_terminal(out) and _is_terminal(err)):  # else the line above says it
            safe_err.write(f"wsgi-cors check: network error: {exc}\n")
        return 2


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


def _note_headers(request: CheckRequest, report: _Report) -> None:
    for name, value in request.headers:
        lower = name.lower()
        if lower == "cookie" and request.credentials:
            report.step(
                "INFO",
                "Cookie",
                "sent on the request (not on the preflight), standing in for the user's "
                "cookies, which the browser adds itself with credentials: 'include'",
            )
        elif lower == "cookie":
            report.step(
                "WARN",
                "Cookie",
                "not sent: without credentials a browser sends no cookies cross-origin "
                "(pass --credentials to stand in for the user's cookies)",
            )
        elif is_forbidden_request_header(name, value):
            report.step(
                "WARN",
                name,
                "not sent: a forbidden request-header, which fetch() drops silently (the "
                "browser sets it, or never sends it)",
            )
        elif lower == "user-agent":
            report.step(
                "WARN",
                name,
                "the Fetch standard lets a script set User-Agent, so it needs a preflight; "
                "Chromium drops it silently and sends its own (check follows the standard)",
            )
    if request.credentials and not any(n.lower() == "cookie" for n, _ in request.headers):
        report.step(
            "INFO",
            "credentials",
            "'include': the browser would add the user's cookies and HTTP authentication to "
            "the request (never to the preflight); check sends none of its own: cookies are "
            "your business (pass --header 'Cookie: ...' to send some)",
        )


def _target_space(target: _Target) -> int:
    """The Local Network Access address space of the server *target* names, as
    Chromium decides it, from the address it connects to: a name that is neither an
    address nor a localhost name is resolved, as the connection will (``vm`` in
    ``/etc/hosts``, a ``.test`` name of a development resolver, on ``127.0.0.1``), and
    its first address is read; where it cannot be, as its name tells (public)."""
    host = target.host.strip("[]")
    if is_localhost_name(host) or _is_address(host):
        return address_space(target.host)
    try:
        found = socket.getaddrinfo(host, target.port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return address_space(target.host)  # the connection says why
    return address_space(str(found[0][4][0])) if found else address_space(target.host)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


#: Top-level domains no public site has (RFC 6761, RFC 6762, RFC 8375 and ICANN's
#: ``.internal``): a page under one is on this machine or a private network, at an
#: address its name does not tell.
_PRIVATE_USE_DOMAINS = ("test", "local", "internal", "home.arpa", "invalid")


def _local_network_name(host: str) -> bool:
    """Whether Chromium's Local Network Access reads *host* as on the local network by
    its name alone: a private, shared or link-local address (:func:`address_space`;
    not ``0.0.0.0`` or ``[::]``, which Chromium blocks), or an mDNS name under
    ``.local``. Chromium's own words (DevTools, "Ensure that local network requests
    are compatible"): such hosts may be fetched over HTTP once the user permits."""
    bare = host.strip("[]").rstrip(".").lower()
    if bare.endswith(".local"):
        return True
    return address_space(host) == LOCAL_SPACE and bare not in ("0.0.0.0", "::")


# The statuses an application may give a request for the body it lacks: malformed,
# no Content-Length, no media type it takes, content it cannot process (RFC 9110, 15.5).
_BODY_WANTED = frozenset({400, 411, 415, 422})


def _run_steps(request: CheckRequest, target: _Target, url_origin: str, report: _Report) -> int:
    headers = request.script_headers
    site = fetch_site(request.origin, url_origin)
    _note_headers(request, report)

    if target.port in BAD_PORTS:
        report.step(
            "FAIL",
            "bad port",
            f"the browser refuses to fetch anything on port {target.port}, before any CORS"
            ' step (Fetch standard, "port blocking")',
            "serve the API on another port (8000 or 8080, say)",
        )
        return _verdict(report)

    if url_origin == request.origin:
        report.step(
            "INFO",
            "same origin",
            f"the URL's origin is the page's ({url_origin}): CORS does not apply",
        )
        # Fetch standard, "append a request Origin header": a same-origin request sends
        # Origin too unless its method is GET or HEAD.
        cors = request.method not in ("GET", "HEAD")
        sent = _actual_headers(request, headers, cors=cors, site="same-origin")
        answer = _send(target, request.method, sent, request.timeout, 0)
        report.exchange(request.method, target, sent, answer)
        refused = refused_before_cors(answer)
        if refused is not None:
            report.step("FAIL", "response", *refused)
        elif is_redirect_status(answer.status) and answer.get(_LOCATION) is not None:
            # Fetch, "HTTP-redirect fetch": where it leads the fetch is a CORS one if it
            # is another origin, with every step of the branch below.
            _redirect_step(request, answer, report, cross_origin=False)
        elif request.read_header is not None:
            readable = same_origin_header_check(request.read_header, [n for n, _ in answer.headers])
            report.outcome(f"read {request.read_header}", readable)
            if not readable.ok:
                report.unreadable = request.read_header
        return _verdict(report)

    # Mixed Content (W3C), "should fetching request be blocked as mixed content?": a
    # secure page may not fetch an http:// URL unless its origin is potentially
    # trustworthy (loopback, Secure Contexts).
    target_scheme = "https" if target.https else "http"
    if request.origin.startswith("https://") and not _is_potentially_trustworthy(
        target_scheme, target.host
    ):
        # Chromium's Local Network Access (142 and later) lets through what the user
        # permits to a private address or a .local name; check keeps the stricter
        # reading of the browsers without that exception (the module's).
        exception = (
            " (Chromium, from version 142, lets it through to a private address or a"
            " .local name once the user grants the page Local Network Access; check"
            " reads it as a browser without that exception does)"
            if _local_network_name(target.host)
            else ""
        )
        report.step(
            "FAIL",
            "mixed content",
            f"a page on {request.origin} cannot fetch an http:// URL that is not loopback; the "
            f"browser blocks it before any CORS step{exception}",
            "serve the API over https",
        )
        return _verdict(report)

    page = urllib.parse.urlsplit(request.origin)
    page_host = page.hostname
    target_space = _target_space(target)
    if page_host is not None and target_space > address_space(page_host):
        # Local Network Access: only a secure context may ask for the permission;
        # Chromium rejects the requests of any other page silently (its intent to
        # ship, Chromium 141: "Requests from insecure contexts will be silently
        # rejected"). A page under a private-use domain may be anywhere: told, not
        # judged.
        if page_host.rstrip(".").endswith(tuple(f".{d}" for d in _PRIVATE_USE_DOMAINS)):
            report.step(
                "WARN",
                "local network access",
                f"{target.host} is this machine or a private network, and whether a page"
                f" on {request.origin} may fetch it depends on the address that page is"
                " served from, which its name does not tell: from a public address,"
                " Chromium rejects the request (a page that is no secure context) or asks"
                " the user first; from the same or a more local one, it lets it through",
            )
        elif not _is_potentially_trustworthy(page.scheme, page_host):
            report.step(
                "FAIL",
                "local network access",
                f"{target.host} is more local than the page (this machine, or a private"
                f" network), and a page on {request.origin} is no secure context: Chromium"
                " rejects its requests there without asking the user; no answer of the"
                " server's changes that",
                "serve the page over https (a page on localhost is a secure context too)",
            )
            return _verdict(report)
        else:
            report.step(
                "WARN",
                "local network access",
                f"{target.host} is more local than the page (this machine, or a private"
                " network): Chromium asks the user's permission before it sends the request,"
                ' and fails the fetch when the user refuses ("Permission was denied for'
                ' this request to access the `loopback` address space"); no answer of'
                " the server's changes that",
            )

    reasons = preflight_reasons(request.method, headers)
    if reasons:
        report.step("INFO", "preflight needed", "; ".join(reasons))
        unsafe = cors_unsafe_request_header_names(headers)
        if not _preflight(request, target, unsafe, report, site):
            return _verdict(report)
    else:
        report.step(
            "INFO",
            "no preflight",
            "the method is CORS-safelisted and every header the script sets is a "
            "CORS-safelisted request-header",
        )

    sent = _actual_headers(request, headers, cors=True, site=site)
    answer = _send(target, request.method, sent, request.timeout, 0)
    report.exchange(request.method, target, sent, answer)
    refused = refused_before_cors(answer)
    if refused is not None:
        report.step("FAIL", "response", *refused)
        return _verdict(report)
    acao = answer.get(ACAO)
    outcome = cors_check(acao, answer.get(ACAC), request.origin, request.credentials)
    # An error answer a CORS layer saw says Vary: Origin (wsgi-cors does), so then the
    # origin alone is to blame; without it, the error may have bypassed the layer.
    if acao is None and answer.status >= 400 and not _seen_by_a_cors_layer(answer):
        outcome = _error_without_cors(answer, outcome)
    report.outcome("CORS check", outcome)
    vary = vary_check(acao, answer.values(VARY))
    if vary is not None:
        report.outcome("caching", vary)
    if is_redirect_status(answer.status) and answer.get(_LOCATION) is not None:
        _redirect_step(request, answer, report, cross_origin=True)
    elif answer.status >= 400 and not report.failed:
        # CORS does not judge the status of an actual response: the script reads an
        # error as it reads a success, so the verdict below stands either way.
        body_note = (
            "check sends no body, so an application that needs one "
            "may refuse here what the page's own request passes"
            if request.method not in ("GET", "HEAD") and answer.status in _BODY_WANTED
            else "the application answered so itself: its log says why"
        )
        report.step(
            "WARN",
            "status",
            f"{answer.status} {answer.reason}".rstrip()
            + ": an error, which the script can read as well as a success",
            body_note,
        )
    if request.read_header is not None and not report.failed and report.redirected is None:
        readable = exposed_header_check(
            request.read_header,
            [n for n, _ in answer.headers],
            extract_header_list_values(answer.values(ACEH)),
            request.credentials,
        )
        report.outcome(f"read {request.read_header}", readable)
        if not readable.ok:
            report.unreadable = request.read_header
    return _verdict(report)


# Header fields Chromium takes one value of, and whose answer it fails when they give
# two different ones (net::HttpStreamParser, against response splitting; RFC 9112,
# 6.3 for Content-Length): the field, the error, whether a comma outside a quoted
# string separates values (Chromium does not split Location), and the fix.
_ONE_VALUE_FIELDS = (
    (
        "Content-Length",
        "ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH",
        True,
        "send one Content-Length header, with the body's length in bytes",
    ),
    (
        "Content-Disposition",
        "ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_DISPOSITION",
        True,
        "send one Content-Disposition header, with a comma in a file name quoted"
        ' (filename="a,b.csv")',
    ),
    (_LOCATION, "ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION", False, "send one Location header"),
)
# One element of a comma-separated value: what is outside quoted strings, commas
# excepted, and quoted strings whole, a backslash escaping the character after it.
_VALUE_ELEMENT = re.compile(r'(?:[^,"]|"(?:[^"\\]|\\.)*"?)+')


def refused_before_cors(answer: Answer) -> tuple[str, str] | None:
    """Why Chromium fails a fetch on *answer*'s head before any CORS step, and the fix;
    or None. A ``407`` from a server (check connects to no proxy) is
    ``net::ERR_UNEXPECTED_PROXY_AUTH``: the Fetch standard gives a script no 407
    ("HTTP-network-or-cache fetch"). ``Content-Length`` (unless the body is chunked),
    ``Content-Disposition`` and ``Location`` with two different values fail too
    (:data:`_ONE_VALUE_FIELDS`), whatever the status: a ``Content-Disposition`` of
    ``attachment; filename=a,b.csv`` is two values, ``filename="a,b.csv"`` one."""
    if answer.status == 407:
        return (
            "407 Proxy Authentication Required from the server itself, no proxy: Chromium"
            " fails the fetch before any CORS step (net::ERR_UNEXPECTED_PROXY_AUTH)",
            "answer 401 to ask for credentials the server itself checks",
        )
    chunked = _is_chunked(answer)
    for name, error, split, fix in _ONE_VALUE_FIELDS:
        if name == "Content-Length" and chunked:
            continue
        values = answer.values(name)
        if split:
            elements = (e for v in values for e in _VALUE_ELEMENT.findall(v))
            values = [e.strip(HTTP_TAB_OR_SPACE) for e in elements]
        distinct = list(dict.fromkeys(v for v in values if v))
        if len(distinct) > 1:
            shown = ", ".join(map(repr, distinct))
            what = "values (a comma outside quotes separates two)" if split else "headers"
            return (
                f"{answer.status} with several {name} {what} ({shown}): Chromium fails the"
                f" fetch before any CORS step (net::{error})",
                fix,
            )
    return None


def _redirect_step(
    request: CheckRequest, answer: Answer, report: _Report, *, cross_origin: bool
) -> None:
    """Fetch standard, "HTTP-redirect fetch": where a browser goes next (check does not
    follow), or why the fetch fails there: a ``Location`` that is no URL, or this same
    URL again (a loop, which the browser follows 20 times before it fails).
    *cross_origin* is whether the URL's origin is another than the page's, as
    :func:`run` found it."""
    # Several different values failed the fetch already (refused_before_cors); the
    # same one given twice is that one.
    raw = next(iter(answer.values(_LOCATION)), "")
    parts: urllib.parse.SplitResult | None
    try:
        base_scheme = urllib.parse.urlsplit(request.url).scheme
        read = _as_url_parser_reads(raw, base_scheme)
        location = urllib.parse.urljoin(request.url, read)
        parts = urllib.parse.urlsplit(location)
        _ = parts.port
        # An authority left empty ("//", "http://"): urljoin keeps this URL's instead.
        authority = read.startswith("//") or read.lower().startswith(("http://", "https://"))
        if authority and not urllib.parse.urlsplit(read, base_scheme).hostname:
            parts = None
    except ValueError:
        parts = None
    # http and https only, with a host: the URL parser fails "http://" without one.
    if parts is None or parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        report.step(
            "FAIL",
            "redirect",
            f"{answer.status} to {cut(raw)!r}, which is not an http(s) URL: the browser fails"
            " the fetch",
            "send a valid http:// or https:// URL in Location",
        )
        return
    location_origin = serialize_origin(
        parts.scheme, url_host(_written_host(parts)) or parts.hostname, parts.port
    )
    # Fetch, "HTTP-redirect fetch": credentials in the Location fail a CORS fetch (a
    # cross-origin one, whose response tainting is "cors"), and a same-origin one
    # that they would take to another origin.
    if (parts.username is not None or parts.password is not None) and (
        cross_origin or location_origin != request.origin
    ):
        report.step(
            "FAIL",
            "redirect",
            f"{answer.status} to a URL with a user name or password ({cut(raw)!r}): the browser"
            " fails a CORS fetch redirected so to another origin than the page's (Fetch"
            ' standard, "HTTP-redirect fetch")',
            "send Location without the user name and password",
        )
        return
    # Fetch, "HTTP-redirect fetch": a 303 (but for GET and HEAD), or a 301 or 302
    # after a POST, is followed with GET; anything else with the same method.
    method = request.method
    if (answer.status == 303 and method not in ("GET", "HEAD")) or (
        answer.status in (301, 302) and method == "POST"
    ):
        method = "GET"
    same_url = urllib.parse.urldefrag(location)[0] == urllib.parse.urldefrag(request.url)[0]
    if same_url and method == request.method:
        empty = not (answer.get(_LOCATION) or "").strip()
        chromium = (
            f" (Chromium follows no empty Location: it hands the script this {answer.status}"
            " instead)"
            if empty
            else ""
        )
        report.step(
            "FAIL",
            "redirect",
            f"{answer.status} to this same URL{' (an empty Location is)' if empty else ''}:"
            f" the Fetch standard follows it 20 times, then fails the fetch{chromium}",
            "end the redirect loop on the server (an empty Location is one)",
        )
        return
    report.redirected = location
    if cross_origin:
        follows = "a browser does when the CORS check above passes"
        then = " (if it is on another origin than this URL, the browser sends Origin: null there)"
    else:  # Fetch: a same-origin fetch redirected keeps the page's origin in Origin
        follows = "a browser does, with CORS if that URL is on another origin"
        then = ""
    report.step(
        "WARN",
        "redirect",
        f"{answer.status} to {location}: check does not follow redirects; {follows},"
        " and the answer is then that URL's",
        f"call the final URL, or run wsgi-cors check on it{then}",
    )


# An absolute http(s) URL's scheme and the slashes after it (after "\\" became "/").
_SPECIAL_SCHEME = re.compile(r"(?i)(https?):(/*)")


def _as_url_parser_reads(location: str, base_scheme: str) -> str:
    """A ``Location`` value as a browser's URL parser reads it against a URL whose
    scheme is *base_scheme* (``http`` or ``https``; URL standard, "basic URL parser"),
    in a form :func:`urllib.parse.urljoin` resolves alike: C0 controls and spaces at
    its ends and every tab and newline removed, a ``\\`` read as ``/``, and an
    absolute http(s) URL's slashes read as two where the parser skips them (two or
    more, or any number under the other scheme: ``http:///evil.example`` is that host;
    ``http:/x`` is a path of this host), and those after a leading ``//`` too.
    ``\\\\evil.example/x`` and ``///evil.example/x`` are another host."""
    controls = "".join(map(chr, range(0x21)))
    text = location.strip(controls).translate(dict.fromkeys(b"\t\n\r")).replace("\\", "/")
    if text.startswith("//"):  # scheme-relative: the slashes after "//" are skipped too
        return "//" + text.lstrip("/")
    absolute = _SPECIAL_SCHEME.match(text)
    if absolute is not None:
        scheme, slashes = absolute[1].lower(), absolute[2]
        if len(slashes) >= 2 or scheme != base_scheme:
            text = f"{scheme}://{text[absolute.end() :]}"
    return text


def _fetch_metadata(site: str) -> list[tuple[str, str]]:
    """The Fetch Metadata request headers Chromium sends with a ``fetch()`` and its
    preflight (W3C Fetch Metadata): *site* (:func:`fetch_site`), mode ``cors``,
    destination ``empty``. A server's resource-isolation policy reads them (it may
    refuse a cross-site request and let one without them through, as from an old
    browser), so check sends them too."""
    return [("Sec-Fetch-Site", site), ("Sec-Fetch-Mode", "cors"), ("Sec-Fetch-Dest", "empty")]


def fetch_site(page: str, url_origin: str) -> str:
    """``Sec-Fetch-Site`` for a fetch from a page on *page* (an origin) to *url_origin*:
    ``same-origin``; ``same-site`` for the same scheme and site (``https://a.example.com``
    and ``https://b.example.com``); ``cross-site`` otherwise, ``null`` included. A site
    is a name's :func:`~wsgi_cors.origins.registrable_domain` (``yours.github.io``),
    and an address or a single label is its own: a sample of the Public Suffix List,
    as elsewhere."""
    if page == url_origin:
        return "same-origin"
    ours, theirs = urllib.parse.urlsplit(page), urllib.parse.urlsplit(url_origin)
    if page == NULL_ORIGIN or ours.scheme != theirs.scheme:
        return "cross-site"
    return "same-site" if _site(ours.hostname) == _site(theirs.hostname) else "cross-site"


def _site(host: str | None) -> str | None:
    if host is None or _is_address(host):
        return host
    return registrable_domain(host) or host


def _actual_headers(
    request: CheckRequest, headers: Sequence[tuple[str, str]], *, cors: bool, site: str
) -> list[tuple[str, str]]:
    sent = [(ORIGIN, request.origin)] if cors else []
    if not any(n.lower() == "accept" for n, _ in headers):
        # fetch() adds it when the script does not (Fetch standard, "fetch": a request
        # without Accept gets */*).
        sent.append(("Accept", "*/*"))
    if not any(n.lower() == "user-agent" for n, _ in headers):
        sent.append(("User-Agent", _user_agent()))
    sent += _fetch_metadata(site)
    sent.extend(headers)
    if request.credentials:
        sent.extend((n, v) for n, v in request.headers if n.lower() == "cookie")
    if request.method in ("POST", "PUT"):
        # Fetch, "HTTP-network-or-cache fetch": a POST or PUT without a body says 0.
        sent.append(("Content-Length", "0"))
    return sent


def _preflight(
    request: CheckRequest, target: _Target, unsafe: list[str], report: _Report, site: str
) -> bool:
    """Fetch standard, "CORS-preflight fetch": send the preflight as Chromium does
    (with its Fetch Metadata, *site* the ``Sec-Fetch-Site``) and report each check;
    True when the browser would go on to the request."""
    sent = [(ORIGIN, request.origin), (ACRM, request.method)]
    if unsafe:
        # Joined by "," without a space, as the standard and Chromium do.
        sent.append((ACRH, ",".join(unsafe)))
    # Fetch standard, "CORS-preflight fetch": the preflight's Accept is always */*.
    sent += [("Accept", "*/*"), ("User-Agent", _user_agent()), *_fetch_metadata(site)]
    answer = _send(target, PREFLIGHT_METHOD, sent, request.timeout, _BODY_LIMIT)
    report.exchange(PREFLIGHT_METHOD, target, sent, answer)
    refused = refused_before_cors(answer)
    if refused is not None:
        report.step("FAIL", "preflight answer", *refused)
        return False

    # The standard asks for both an ok status and a passing CORS check; a status that
    # fails says the CORS layer did not answer (or denied it), so it is told alone.
    if not is_ok_status(str(answer.status)):
        report.step("FAIL", "preflight status", *_status_problem(answer, request))
        return False
    report.step("PASS", "preflight status", f"{answer.status} is an ok status (200-299)")
    check = cors_check(answer.get(ACAO), answer.get(ACAC), request.origin, request.credentials)
    if answer.get(ACAO) is None and answer.get(ALLOW) is None and _seen_by_a_cors_layer(answer):
        check = _preflight_denied_as_passed_through(unsafe, check)
    report.outcome("preflight CORS check", check)
    if not check.ok:
        return False
    methods = preflight_methods_check(
        request.method, extract_header_list_values(answer.values(ACAM)), request.credentials
    )
    report.outcome("preflight methods", methods)
    names = preflight_headers_check(
        unsafe, extract_header_list_values(answer.values(ACAH)), request.credentials
    )
    report.outcome("preflight headers", names)
    return methods.ok and names.ok


def _seen_by_a_cors_layer(answer: Answer) -> bool:
    """True when *answer* says ``Vary: Origin`` (or ``*``): a CORS layer saw the
    request, as wsgi-cors says on every answer whose headers depend on the origin."""
    return any(vary_lists_origin(value) for value in answer.values(VARY))


def _preflight_denied_as_passed_through(unsafe: list[str], outcome: Outcome) -> Outcome:
    """*outcome*, the failed CORS check of a 2xx preflight answer that a CORS layer saw
    (``Vary: Origin``) and that carries neither ``Access-Control-Allow-Origin`` nor
    ``Allow``: told every cause. Where the application answers preflights
    (``allow_methods=None``), wsgi-cors removes every ``Access-Control-*`` header and
    ``Allow`` from an answer it denies for a requested header that ``allow_headers``
    does not list, or for an answer without ``Allow`` (README difference 2); for an
    origin it does not allow, it leaves the application's ``Allow`` (and adds no CORS
    header), so an answer that keeps ``Allow`` is told the origin's fix alone."""
    headers = f" ({', '.join(unsafe)})" if unsafe else ""
    return Outcome(
        False,
        f"no {ACAO} header and no Allow on this preflight answer, which a CORS layer saw"
        " (Vary: Origin): the origin is not allowed, or the CORS layer denied the"
        " preflight for another reason",
        "with wsgi-cors and allow_methods=None (its log says which, at DEBUG on the"
        f" wsgi_cors logger): list every header the script sets{headers} in allow_headers,"
        " or leave allow_headers out; have the application answer OPTIONS with a 2xx"
        f" status and an Allow header; or, for the origin: {outcome.fix}",
    )


def _error_without_cors(answer: Answer, outcome: Outcome) -> Outcome:
    """*outcome*, the CORS check of an error answer without ``Access-Control-Allow-Origin``,
    told that the origin may be allowed all the same: a server's own error page (after
    an exception in the application, or for a request it refuses before the
    application runs) never passes through a CORS layer inside it."""
    status = f"{answer.status} {answer.reason}".rstrip()
    return Outcome(
        False,
        f"no {ACAO} header on this {status}: either the server did not allow this origin,"
        " or the error answer was made outside the CORS layer (the server's own error"
        " page, after an exception or for a request it refuses)",
        "mend the error first (the server's log says why); if a 2xx answer lacks the"
        f" header too: {outcome.fix}",
    )


def _status_problem(answer: Answer, request: CheckRequest) -> tuple[str, str]:
    """Why a preflight answer's status fails, and the fix."""
    status = f"{answer.status} {answer.reason}".rstrip()
    if is_redirect_status(answer.status):
        location = answer.get(_LOCATION)
        return (
            f"{status}{f' to {location}' if location else ''}: a browser never follows a "
            "redirect for a preflight, and fails it",
            "answer the preflight at this URL itself (a redirect to add or drop a trailing "
            "'/', or to https, is the usual cause: call the final URL)",
        )
    said = read_denied_body(answer.body) if answer.status == DENIED_STATUS_CODE else None
    if said is not None:
        option = denying_option(said) or "allow_origins, allow_methods or allow_headers"
        return (
            f"{status}: wsgi-cors denied the preflight"
            + (f" ({said})" if said else " (debug=True would say why, in this body)"),
            f"allow what the preflight asks for in {option}",
        )
    if answer.status in (404, 405, 501):
        return (
            f"{status}: nothing answered the preflight (OPTIONS, for {request.method})",
            "answer CORS-preflight requests: wsgi-cors does by itself unless "
            "allow_methods=None, in which case the application must answer OPTIONS with a "
            "2xx status and an Allow header",
        )
    return (
        f"{status} is not an ok status (200-299)",
        "answer the preflight with 200 or 204 (an authentication layer in front of the CORS "
        "layer is a usual cause: preflights carry no credentials)",
    )


def _verdict(report: _Report) -> int:
    if report.redirected is not None and not report.failed:
        report.out.write(
            f"\nNOT DECIDED: redirected to {report.redirected}, which check does not follow.\n"
        )
        return 1
    if report.unreadable is not None:
        report.out.write(
            f"\nNOT READABLE: the script could read the response, but not {report.unreadable}.\n"
        )
        return 1
    if report.failed:
        report.out.write("\nBLOCKED: the browser would not let the script read the response.\n")
        return 1
    report.out.write("\nALLOWED: the browser would let the script read the response.\n")
    return 0
