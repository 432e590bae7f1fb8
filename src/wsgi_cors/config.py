"""The configuration: the options a user passes, checked all at once.

:func:`validate` turns the keyword arguments of :class:`~wsgi_cors.CORSMiddleware`
into a :class:`CORSConfig` whose fields are normalized (tuples, strings, a compiled
pattern). Every problem is collected, and all of them are raised together in one
:class:`CORSConfigurationError` (a :class:`ValueError`), each naming the option, the
bad value, why it is wrong and how to fix it. A value of the wrong *type* raises
:class:`TypeError` instead, before any value is checked.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import inspect
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, ParamSpec, TypeVar, Union

from .origin_regex import (
    ambiguous_group,
    ambiguous_repetition,
    compile_catching_warnings,
    is_an_address,
    look_alike,
    loose_dot_look_alike,
    may_backtrack_exponentially,
    missing_scheme,
    polynomial_runs,
    regex_mistake,
    strangers_origin,
    unescaped_dots,
)
from .origins import (
    ANY_ORIGIN_WITH_CREDENTIALS,
    CONTROL_CHARACTER,
    FALSE_WORDS,
    NULL_ORIGIN,
    NULL_SENDERS,
    TRUE_WORDS,
    OriginCallable,
    OriginProblem,
    OriginSet,
    SubdomainPattern,
    boolean_origins_fix,
    list_items,
    origins_once_fixed,
    parse_configured_origin,
    regular_expression_fix,
    whole_number,
    wildcard_in_a_list,
)

__all__ = [
    "CORSConfig",
    "CORSConfigurationError",
    "CORSSecurityWarning",
    "CORS_HEADER_PREFIX",
    "CORS_REQUEST_HEADER_PREFIX",
    "DEFAULT_ALLOW_METHODS",
    "DEFAULT_MAX_AGE",
    "DEFAULT_ORIGINS",
    "Exposure",
    "FORBIDDEN_METHODS",
    "FORBIDDEN_REQUEST_HEADER_NAMES",
    "FORBIDDEN_RESPONSE_HEADERS",
    "HTTP_TAB_OR_SPACE",
    "HTTP_WHITESPACE",
    "MAX_AGE_LIMIT",
    "Origins",
    "Problem",
    "explains_unknown_keywords",
    "combined_header_value",
    "credentials_for_anyone",
    "default_origins",
    "header_list_elements",
    "spaced_white_space",
    "peer_option",
    "peer_paths_in_code",
    "wsgicors_policy_option",
    "suggested_option",
    "unknown_keyword",
    "is_forbidden_method",
    "is_cors_header",
    "is_cors_response_header_name",
    "is_forbidden_request_header",
    "is_forbidden_request_header_name",
    "is_token",
    "normalize_method",
    "read_whole_seconds",
    "give_held_warnings",
    "held_warnings",
    "validate",
    "warning_scope",
    "warning_terms",
]

#: The largest ``max_age`` accepted, in seconds: 24 hours, Firefox's cap (Chromium
#: caps at 2 hours); no browser honours more.
MAX_AGE_LIMIT = 86400
#: ``max_age``'s default, in seconds: the limit, as Falcon sends (``max_age=86400``).
DEFAULT_MAX_AGE = MAX_AGE_LIMIT
#: ``allow_methods``'s default: every method, each preflight answered by the middleware
#: (README difference 6).
DEFAULT_ALLOW_METHODS = "*"
#: How every CORS header name begins, in lower case (Fetch standard, "HTTP requests"
#: and "HTTP responses").
CORS_HEADER_PREFIX = "access-control-"
#: How the CORS request headers' names begin, in lower case (``Access-Control-Request-Method``,
#: ``-Headers``, ``-Private-Network``); every other CORS header is a response header.
CORS_REQUEST_HEADER_PREFIX = CORS_HEADER_PREFIX + "request-"

# RFC 9110, section 5.6.2: token = 1*tchar, a tchar being a letter, a digit or one of
# these symbols.
_TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~"
_TOKEN = re.compile(f"[{re.escape(_TCHAR_SYMBOLS)}0-9A-Za-z]+", re.ASCII)


# What "*" as the whole value of a name list stands for, for error messages.
_WILDCARD_MEANS = {
    "allow_methods": "every method",
    "allow_headers": "every request header",
}


def is_token(value: str) -> bool:
    """True if *value* is an HTTP token (RFC 9110, section 5.6.2), as a method and a
    header name must be (Fetch standard, "method" and "header name")."""
    return _TOKEN.fullmatch(value) is not None


#: Fetch standard, "HTTP tab or space": what is stripped around the elements of a header
#: list ("extract header list values") and around a header's name and value.
HTTP_TAB_OR_SPACE = "\t "
#: Fetch standard, "HTTP whitespace" (tab, LF, CR, space): what "normalize" strips from
#: both ends of a header value, as a browser reads one and as a ``str`` option that
#: becomes a header value is read.
HTTP_WHITESPACE = "\t\n\r "


# A line fold: a line break before a space or tab (RFC 9112, section 5.2, "obs-fold"),
# read as Chromium reads a response head (net::HttpUtil::AssembleRawHeaders): any run
# of CR and LF is one line break, unless it holds the end of the head (LF, an optional
# CR, LF), after which no header follows.
_LINE_FOLD = re.compile(r"(?:\r|\n(?!\r?\n))+(?=[\t ])")


def spaced_white_space(value: str) -> str:
    """*value* with each tab and each line fold (a line break before a space or tab,
    which a browser reads as white space: RFC 9112, section 5.2; Chromium reads a lone
    CR or LF, or a run of them, before the space as it reads CR LF,
    ``tests/browser/test_allow_bytes.py``) made a space. A browser reads the result as
    it reads *value*, stripping white space around a list's elements (Fetch standard,
    "extract header list values"), and it holds neither control character, which no
    header value the middleware sends may (docs/security.rst, "Header injection and
    hostile requests"). Any other line break or control character stays, for the
    caller to refuse."""
    return _LINE_FOLD.sub("", value).replace("\t", " ")


def header_list_elements(value: str) -> list[str]:
    """The comma-separated elements of one header value, each with HTTP tab or space
    (:data:`HTTP_TAB_OR_SPACE`) removed around it, empty ones kept: Fetch standard,
    "extract header list values", without the quoted strings no CORS header uses. The
    one reading of a header list, for configured strings as for received headers."""
    return [element.strip(HTTP_TAB_OR_SPACE) for element in value.split(",")]


def combined_header_value(values: Iterable[str]) -> str:
    """The values of one header name, given several times, or the elements of a list
    header (methods, header names), as one header value: joined by ``", "`` (Fetch
    standard, "combine" and "get"; RFC 9110, section 5.3)."""
    return ", ".join(values)


#: Fetch standard, "forbidden method" (compared byte-case-insensitively): ``fetch()``
#: throws, so a browser never sends these cross-origin; TRACE/TRACK reflect request
#: headers (cross-site tracing).
FORBIDDEN_METHODS = frozenset({"CONNECT", "TRACE", "TRACK"})


def is_forbidden_method(method: str) -> bool:
    """True for a forbidden method (:data:`FORBIDDEN_METHODS`) in any case."""
    return method.upper() in FORBIDDEN_METHODS


#: Fetch standard, "forbidden request-header", the names (compared case-insensitively)
#: beside those starting ``Proxy-`` or ``Sec-``: the browser owns them, ``fetch()``
#: ignores a script's, so no preflight ever asks for one.
FORBIDDEN_REQUEST_HEADER_NAMES = frozenset(
    """accept-charset accept-encoding access-control-request-headers
    access-control-request-method connection content-length cookie cookie2 date dnt expect
    host keep-alive origin referer set-cookie te trailer transfer-encoding upgrade via""".split()
)
#: Fetch standard, "forbidden response-header name": never readable by a script.
FORBIDDEN_RESPONSE_HEADERS = frozenset({"set-cookie", "set-cookie2"})


def is_cors_header(name: str) -> bool:
    """True for a CORS header name: ``Access-Control-*``, any case (Fetch standard,
    "HTTP responses" and "HTTP requests"). In a response, every one is a CORS header."""
    return name[: len(CORS_HEADER_PREFIX)].lower() == CORS_HEADER_PREFIX


def is_cors_response_header_name(name: str) -> bool:
    """True for a CORS header name (:func:`is_cors_header`) other than the
    ``Access-Control-Request-*`` request headers (any case): a response header, which a
    request should not carry, though a script may set it (and so have it
    preflighted)."""
    return is_cors_header(name) and not name.lower().startswith(CORS_REQUEST_HEADER_PREFIX)


def is_forbidden_request_header_name(name: str) -> bool:
    """True for a name a script can never set (Fetch standard, "forbidden
    request-header", by its name alone: :data:`FORBIDDEN_REQUEST_HEADER_NAMES`, any
    ``Proxy-`` or ``Sec-`` name), in any case."""
    lower = name.lower()
    return lower in FORBIDDEN_REQUEST_HEADER_NAMES or lower.startswith(("proxy-", "sec-"))


# Fetch standard, "forbidden request-header", the method-override names: forbidden when
# their value names a forbidden method.
_METHOD_OVERRIDE_HEADERS = frozenset(
    {"x-http-method", "x-http-method-override", "x-method-override"}
)


def is_forbidden_request_header(name: str, value: str) -> bool:
    """Fetch standard, "forbidden request-header", whole: a name ``fetch()`` ignores
    (:func:`is_forbidden_request_header_name`), and a method-override header
    (``X-HTTP-Method``, ``X-HTTP-Method-Override``, ``X-Method-Override``) whose
    *value* names a forbidden method (:func:`is_forbidden_method`)."""
    if is_forbidden_request_header_name(name):
        return True
    if name.lower() in _METHOD_OVERRIDE_HEADERS:
        return any(is_forbidden_method(item) for item in header_list_elements(value))
    return False


# Fetch standard, "normalize a method": the methods fetch() upper-cases.
_NORMALIZED_METHODS = frozenset({"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"})


def normalize_method(method: str) -> str:
    """The method as ``fetch()`` sends it (Fetch standard, "normalize a method"):
    ``delete``, ``get``, ``head``, ``options``, ``post`` and ``put`` in any case become
    upper case; every other method is sent exactly as written (``patch`` stays
    ``patch``). A configured method is read the same way."""
    upper = method.upper()
    return upper if upper in _NORMALIZED_METHODS else method


def _method_case_warning(method: str) -> str:
    """The warning for a listed method not in upper case (after
    :func:`normalize_method`): it allows that spelling only."""
    upper = method.upper()
    *names, last = sorted(_NORMALIZED_METHODS)
    return (
        f"allow_methods lists {method!r}, which allows only a method sent exactly so:"
        " methods are compared case-sensitively (Fetch standard), fetch() upper-cases"
        f" only {', '.join(names)} and {last}, so method {upper!r} is denied,"
        " and gunicorn and waitress answer a method not in upper case with 400 Bad"
        f" Request. Write {upper!r}, and send it so from the page"
    )


OriginRule = Union[str, SubdomainPattern, OriginCallable]  # noqa: UP007 (a runtime alias on 3.10)
#: What ``allow_origins`` and ``allow_credentials`` accept: ``"*"``, an origin, a
#: callable, or an iterable of origins and callables.
Origins = Union[str, OriginCallable, Iterable[Union[str, OriginCallable]]]  # noqa: UP007


class CORSSecurityWarning(UserWarning):
    """A configuration that is allowed but lets other websites do more than intended.

    Emitted once, at construction. Filter it with :mod:`warnings` if the risk is
    understood and accepted.
    """


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the configuration."""

    option: str
    value: object
    why: str
    fix: str

    def __str__(self) -> str:
        return f"{_shown_option(self.option)}: {self.value!r} {self.why}; {self.fix}"


def _shown_option(option: str) -> str:
    """*option*, a keyword or the key a user wrote, as a problem's line shows it: as it
    is, or escaped with ``repr`` as the value is when it holds a character that is not
    printable (a line break, an ANSI escape: a key could forge lines of the message)
    or white space at an end (``'max_age '``, told "did you mean max_age?")."""
    plain = option and option.isprintable() and option == option.strip()
    return option if plain else repr(option)


class CORSConfigurationError(ValueError):
    """Raised at construction when one or more options have invalid values.

    :attr:`problems` holds every :class:`Problem` found; the message lists them all,
    one per line.
    """

    def __init__(self, problems: list[Problem]) -> None:
        #: Every :class:`Problem` found, in the order of the options.
        self.problems = tuple(problems)
        if len(problems) == 1:
            message = f"invalid CORS configuration: {problems[0]}"
        else:
            lines = "\n".join(f"  - {p}" for p in problems)
            message = f"{len(problems)} problems in the CORS configuration:\n{lines}"
        super().__init__(message)


@dataclass(frozen=True)
class CORSConfig:
    """A validated, normalized configuration. Build it with :func:`~wsgi_cors.config.validate`.

    ``allow_origins`` and ``allow_credentials`` are ``"*"`` or a tuple of exact
    origins, :class:`~wsgi_cors.origins.SubdomainPattern` and callables;
    ``allow_methods`` and ``allow_headers`` are ``"*"``, None or a tuple in the order
    given (duplicates dropped), header names with the spelling given, methods as
    ``fetch()`` sends them (``normalize_method``); ``expose_headers`` is None or the
    one header value sent (a string as given, a list's names joined by ``", "``).
    """

    allow_origins: Literal["*"] | tuple[OriginRule, ...]
    expose_headers: str | None
    allow_credentials: Literal["*"] | tuple[OriginRule, ...]
    allow_private_network: bool
    allow_methods: Literal["*"] | tuple[str, ...] | None
    allow_headers: Literal["*"] | tuple[str, ...] | None
    max_age: int | None
    allow_origin_regex: re.Pattern[str] | None
    debug: bool = False


class _Checker:
    """Collects problems; one method per option."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._told: set[tuple[str, str, str, str]] = set()  # the problems of text (add)
        self.type_errors: list[str] = []
        # Per origin option with refused entries: what each allows once its fix is
        # applied (one rule, or one per scheme where the fix leaves it to choose), or
        # None where a fix names no origin (origins_once_fixed).
        self.once_fixed: dict[str, list[tuple[OriginRule, ...]] | None] = {}

    def add(self, option: str, value: object, why: str, fix: str) -> None:
        """Record a problem, once: an item repeated in a list (two equal origins, TRACE
        twice) has one problem, not two identical lines, as a valid one is kept once.
        Only text is compared, a list's items: another value's ``==`` may be anything."""
        if isinstance(value, str):
            told = (option, str(value), why, fix)
            if told in self._told:
                return
            self._told.add(told)
        self.problems.append(Problem(option, value, why, fix))

    def wrong_type(self, option: str, value: object, expected: str, fix: str = "") -> None:
        message = f"{option}: expected {expected}, got {type(value).__name__} {value!r}"
        self.type_errors.append(message + (f"; {fix}" if fix else ""))

    def takes_an_origin(self, option: str, function: Callable[..., Any]) -> bool:
        """True if *function* can be called with one origin, as the policy calls it;
        records a type error otherwise (a class, such as ``object`` or ``bool``; a
        function of no or of two required arguments), which would deny or allow every
        request at run time. The signature read is the callable's own, not that of a
        function it wraps (``functools.wraps``); a callable whose signature cannot be
        read (some built-ins, ``functools.lru_cache``) is taken as it is."""
        if isinstance(function, type):
            self.wrong_type(
                option,
                function,
                "a function of one argument, the origin, not a class",
                f"pass an instance if {function.__name__} has a __call__ method, else a"
                " function: e.g. lambda origin: origin.endswith('.example.com')",
            )
            return False
        try:
            signature = inspect.signature(function, follow_wrapped=False)
        except (TypeError, ValueError):
            return True
        try:
            signature.bind("https://example.com")
        except TypeError as error:
            self.wrong_type(
                option,
                function,
                "a function of one argument, the origin",
                f"it cannot be called so ({error}): e.g. lambda origin:"
                " origin.endswith('.example.com')",
            )
            return False
        return True

    def strings(
        self, option: str, value: object, expected: str, *, allow_callables: bool = False
    ) -> list[Any] | None:
        """A str or an iterable of str (and callables, if *allow_callables*) as a list;
        records a type error otherwise."""
        if isinstance(value, str):
            return [value]
        if isinstance(value, (bytes, bytearray)) or not isinstance(value, Iterable):
            self.wrong_type(option, value, expected, _origins_fix(option, value))
            return None
        if isinstance(value, Mapping):  # iterated, it gives its keys, and its values
            # ({"https://evil.example": False}) would be ignored (a fail-open review)
            fix = "a mapping's values are not read: pass a list of the names it allows"
            self.wrong_type(option, value, expected, fix)
            return None
        items = list(value)
        for item in items:
            if not (isinstance(item, str) or (allow_callables and callable(item))):
                what = "str or callable" if allow_callables else "str"
                fix = _origins_fix(option, item)
                self.wrong_type(option, item, f"{what} items in {option}", fix)
                return None
        return items

    def origins(
        self, option: str, value: object, *, allow_none: bool
    ) -> Literal["*"] | tuple[OriginRule, ...]:
        if value is None and allow_none:
            return ()
        if isinstance(value, str) and value == "*":
            return "*"
        if callable(value):
            return (value,) if self.takes_an_origin(option, value) else ()
        expected = '"*", an origin string, a callable or an iterable of them'
        items = self.strings(
            option, value, expected + (" or None" if allow_none else ""), allow_callables=True
        )
        if items is None:
            return ()
        rules: list[OriginRule] = []
        seen: set[object] = set()  # the origins and patterns in rules: each kept once
        for item in items:
            if callable(item):
                if self.takes_an_origin(option, item):
                    rules.append(item)
                continue
            parsed = parse_configured_origin(item, option)
            if isinstance(parsed, OriginProblem):
                self.add(option, item, parsed.why, parsed.fix)
                fixed = origins_once_fixed(parsed, option)
                known = self.once_fixed.setdefault(option, [])
                if fixed is None or known is None:
                    self.once_fixed[option] = None
                else:
                    known.append(fixed)
            elif parsed not in seen:
                seen.add(parsed)
                rules.append(parsed)
        return tuple(rules)

    def names(
        self, option: str, value: object, *, kind: str, keep_repeats: bool = False
    ) -> Literal["*"] | tuple[str, ...] | None:
        """A method or header-name list: None, "*", or tokens (a str may be
        comma-separated, as in the header it becomes). A repeated item (``_list_key``)
        is kept once, unless *keep_repeats*."""
        if value is None:
            return None
        if value == "*":
            return "*"
        items = self.strings(option, value, '"*", a str, an iterable of str or None')
        if items is None:
            return None
        if isinstance(value, str):
            # Read as the header it becomes (and a str expose_headers is sent as
            # given): white space inside must be a space or a tab, so that no line
            # break or other control character reaches a response header (CONTROL_CHARACTER).
            items = header_list_elements(value.strip(HTTP_WHITESPACE))
        result: list[str] = []
        for item in items:
            if item == "*" and option == "expose_headers":
                # Sent as given, as Falcon sends it: in Access-Control-Expose-Headers,
                # "*" beside names is the wildcard for a request without credentials,
                # and the names still count for one with them (Fetch standard, "main
                # fetch": "*, Authorization"). In the other lists it means nothing.
                result.append(item)
            elif item == "*":
                self.add(option, item, *wildcard_in_a_list(option, _WILDCARD_MEANS[option]))
            elif CONTROL_CHARACTER.search(item):
                self.add(
                    option,
                    item,
                    "has a line break or another control character, which a header cannot carry",
                    "write the names on one line, separated by commas"
                    if isinstance(value, str)
                    else "remove it",
                )
            elif not item and isinstance(value, str) and "," in value:
                self.add(
                    option,
                    item,
                    f"is an empty {kind}: a comma with no name on one side",
                    "remove the extra comma",
                )
            elif not item:
                self.add(
                    option,
                    item,
                    f"is an empty {kind}",
                    f"write the {kind}s, or leave {option} out for its default",
                )
            elif "*" in item:
                self.add(
                    option,
                    item,
                    f"holds '*': each {kind} is compared as written, not as a pattern",
                    f"list the {kind}s one by one"
                    + (
                        ", or leave allow_headers out (None, the default), which allows every"
                        " requested header"
                        if option == "allow_headers"
                        else ""
                    ),
                )
            elif (
                not is_token(item)
                and len(pieces := list_items(item)) > 1
                and all(is_token(piece) for piece in pieces)
            ):
                self.add(option, item, *_several_names_problem(kind, item, pieces, value))
                items.extend(pieces)  # each checked too: one error tells every problem
            elif not is_token(item):
                self.add(
                    option,
                    item,
                    f"is not a valid {kind} (an HTTP token, RFC 9110 5.6.2)",
                    f"use only letters, digits and {_TCHAR_SYMBOLS}, without spaces",
                )
            elif kind == "method" and is_forbidden_method(item):
                self.add(
                    option,
                    item,
                    "is a forbidden method (Fetch standard) that browsers never send cross-origin",
                    "remove it",
                )
            elif option == "allow_headers" and is_forbidden_request_header_name(item):
                self.add(option, item, *_forbidden_request_header_problem(item))
            elif option == "allow_headers" and is_cors_response_header_name(item):
                self.add(
                    option,
                    item,
                    "is a CORS response header, which a request has no use for (a script"
                    " that sends it is mistaken; the middleware sends it on responses)",
                    "remove it here and from the script that sends it",
                )
            else:
                if kind == "method":
                    item = normalize_method(item)
                key = _list_key(kind, item)
                if keep_repeats or all(_list_key(kind, r) != key for r in result):
                    result.append(item)
        return tuple(result)


def _several_names_problem(
    kind: str, item: str, pieces: list[str], value: object
) -> tuple[str, str]:
    """Why *item*, an element of *value* (a method list or a header-name list) made of
    names separated by white space or commas (*pieces*), is refused, and the fix: the
    names as a list's items, or separated by commas in a str; for header names that
    only white space separates and none of which holds a hyphen, also the one name
    their words may mean (``X Requested With``)."""
    several = (
        f"separate them with commas: {', '.join(pieces)!r}"
        if isinstance(value, str)
        else f"pass each as an item of its own: {pieces!r}"
    )
    if kind == "method" or "," in item or any("-" in piece for piece in pieces):
        return f"looks like several {kind}s in one string", several
    return (
        f"holds white space, which no {kind} does",
        f"{several}; or, if it is one name, join its words with '-': {'-'.join(pieces)!r}",
    )


def _list_key(kind: str, item: str) -> str:
    """What makes two listed items the same, so that a repeated one is kept once: a
    method as written (the Fetch standard compares methods byte for byte, "CORS-preflight
    fetch"), a header name in any case (header names are case-insensitive, RFC 9110
    5.1)."""
    return item if kind == "method" else item.lower()


def _forbidden_request_header_problem(name: str) -> tuple[str, str]:
    """Why a forbidden request-header in ``allow_headers`` is refused, and the fix."""
    why = (
        "is a forbidden request-header (Fetch standard): only the browser may set it, a"
        " script cannot, so no preflight asks for it"
    )
    if name.lower() in ("cookie", "cookie2"):
        return why, (
            "remove it; cookies go with credentialed requests: list their origins in"
            " allow_credentials"
        )
    return why, "remove it"


def caller_stacklevel() -> int:
    """The ``stacklevel`` that makes a warning point at the first caller outside this
    package (the user's ``CORSMiddleware(...)`` or ``enable_cors(...)`` line)."""
    package = os.path.dirname(os.path.abspath(__file__))
    here = inspect.currentframe()  # None only on interpreters without frames
    frame = here.f_back if here is not None else None
    level = 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame = frame.f_back
        level += 1
    return level


# Where the configuration that validate() checks applies, for its warnings: None, the
# whole application; the label of a paths entry (paths['/api']), named after the text
# so that a filter on the text still matches; or False, nowhere of its own (the top
# level under paths=, which applies only through the entries, each warning of what it
# inherits). A ContextVar, set around one construction (warning_scope), so that
# neither the warnings machinery nor another thread's construction is touched.
_WARNING_SCOPE: ContextVar[str | Literal[False] | None] = ContextVar(
    "wsgi_cors_warning_scope", default=None
)


@contextmanager
def warning_scope(scope: str | Literal[False] | None) -> Iterator[None]:
    """Within, :func:`validate` warns of a configuration that applies to *scope*: a
    ``paths`` entry's label, the whole application (None), or nowhere of its own
    (False: it gives no warning)."""
    token = _WARNING_SCOPE.set(scope)
    try:
        yield
    finally:
        _WARNING_SCOPE.reset(token)


# How validate()'s warnings name the options, where they were read from settings: the
# keys the user wrote (CORS_ALLOW_ORIGIN_REGEX), as the errors do (warning_terms).
_WARNING_TERMS: ContextVar[Callable[[str], str] | None] = ContextVar(
    "wsgi_cors_warning_terms", default=None
)


@contextmanager
def warning_terms(told: Callable[[str], str]) -> Iterator[None]:
    """Within, each warning :func:`validate` gives of the whole application is told by
    *told* (the warning's text in, the text to show out): options read from settings
    are named by their keys (``CORSMiddleware.from_env``). A ``paths`` entry's
    warnings, whose options are those of a mapping written in code, are not."""
    token = _WARNING_TERMS.set(told)
    try:
        yield
    finally:
        _WARNING_TERMS.reset(token)


# The warnings of paths entries, held while the entries are built (held_warnings).
_HELD: ContextVar[list[tuple[str, type[Warning], str]] | None] = ContextVar(
    "wsgi_cors_held_warnings", default=None
)


@contextmanager
def held_warnings() -> Iterator[list[tuple[str, type[Warning], str]]]:
    """Within, each warning :func:`validate` gives for a ``paths`` entry (a
    :func:`warning_scope` label) is held, as ``(message, category, label)``, in the
    list this yields, for :func:`give_held_warnings`."""
    held: list[tuple[str, type[Warning], str]] = []
    token = _HELD.set(held)
    try:
        yield held
    finally:
        _HELD.reset(token)


def give_held_warnings(held: list[tuple[str, type[Warning], str]]) -> None:
    """Give each warning of *held* once, naming every entry that gave it
    (``(paths['/a'], paths['/b'])``), in the order they first came: a top-level
    option that each entry inherits is one mistake, not one per entry."""
    merged: dict[tuple[str, type[Warning]], list[str]] = {}
    for message, category, label in held:
        merged.setdefault((message, category), []).append(label)
    for (message, category), labels in merged.items():
        text = f"{message} ({', '.join(labels)})"
        warnings.warn(text, category, stacklevel=caller_stacklevel())


def _warn(message: str, category: type[Warning]) -> None:
    """A warning of :func:`validate`'s, for the :func:`warning_scope` it runs in, in
    the :func:`warning_terms` it runs in (held where :func:`held_warnings` says)."""
    scope = _WARNING_SCOPE.get()
    if scope is False:
        return
    told = _WARNING_TERMS.get()
    if scope:
        held = _HELD.get()
        if held is not None:
            held.append((message, category, scope))
            return
        text = f"{message} ({scope})"
    else:
        text = message if told is None else told(message)
    warnings.warn(text, category, stacklevel=caller_stacklevel())


class _DefaultOrigins(str):
    """The default of ``allow_origins``: ``"*"``, told apart from an explicit ``"*"``
    so that giving only ``allow_origin_regex`` allows only what the regex matches."""

    __slots__ = ()


#: ``allow_origins``'s default, ``"*"``; see :class:`_DefaultOrigins`.
DEFAULT_ORIGINS: Any = _DefaultOrigins("*")


def default_origins(allow_origin_regex: object) -> Literal["*"] | tuple[()]:
    """What ``allow_origins`` means when it is not given: ``"*"``, every origin, unless
    an ``allow_origin_regex`` is given (not None), which then allows only what it
    matches (``()``: no origin beyond the pattern's). The one home of this rule:
    :func:`validate` applies it, and the checks of settings and ``paths`` entries whose
    pattern reads as None ask it, since the default then opens every origin."""
    return "*" if allow_origin_regex is None else ()


def _origins_fix(option: str, value: object) -> str:
    """The fix for *value*, of the wrong type, where *option* lists origins
    (``allow_origins``, ``allow_credentials``), when it says what it means: a boolean
    (what the other CORS libraries' boolean means here), or a compiled regular
    expression of ``str`` (where it goes); else ``""``."""
    if option not in ("allow_origins", "allow_credentials"):
        return ""
    if isinstance(value, bool):
        return boolean_origins_fix(option, value)
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        return regular_expression_fix(value.pattern, option)
    return ""


# The most digits of a max_age read from text as a number (far more than 86400 needs).
_MAX_AGE_DIGITS = 18


def read_whole_seconds(text: str) -> int | tuple[str, str]:
    """*text*, a ``max_age`` written as text (a setting, an ini file, a ``str`` given in
    code), read as a whole number of seconds: ASCII digits after an optional ``-``,
    leading zeros and all (a negative number is read, for :func:`validate` to refuse
    as out of range); else ``(why, fix)``: not a whole number, or one with more than 18
    significant digits, which is not converted at all (Python refuses to convert 4,300
    digits or more)."""
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()):
        return "is not a whole number of seconds", "write e.g. 600, or none"
    number = whole_number(digits, 10**_MAX_AGE_DIGITS - 1)
    if number is None:
        return (
            f"has {len(digits)} digits, more than the {_MAX_AGE_DIGITS} read",
            f"write 0 (no caching) to {MAX_AGE_LIMIT} seconds, e.g. 600, or none",
        )
    return -number if text.startswith("-") else number


def _typed_fix(value: object, expected: type) -> str:
    """The fix for *value*, of the wrong type, when it says what it means: for
    ``max_age`` (*expected* ``int``) the text ``"600"``, the float ``600.0`` or a
    :class:`~datetime.timedelta` of whole seconds, if the number is in range; for a
    flag (``bool``) ``"true"``, ``" no "`` or ``1``, read with the words of
    :data:`TRUE_WORDS` and :data:`FALSE_WORDS`; else ``""``. A hint only: what the
    value means is validated once it has the right type."""
    text = value.strip() if isinstance(value, str) else None
    if expected is int:
        number: float | None = None
        read = read_whole_seconds(text) if text is not None else None
        if isinstance(read, int):
            number = read
        elif isinstance(value, float) and value.is_integer():
            number = value
        elif isinstance(value, datetime.timedelta):  # flask-cors takes one
            seconds = value.total_seconds()
            number = seconds if seconds.is_integer() else None
        if number is None or not 0 <= number <= MAX_AGE_LIMIT:
            return ""
        return f"write {int(number)}, an int" + (", not a str" if text is not None else "")
    word = (text if text is not None else str(value)).lower()
    if isinstance(value, (str, int)) and (word in TRUE_WORDS or word in FALSE_WORDS):
        return f"write {word in TRUE_WORDS}" + (", a bool, not a str" if text is not None else "")
    return ""


class Exposure(NamedTuple):
    """A configuration that gives credentials to pages anyone can put up, or may
    without it being known (README difference 7), in the words of its error and its
    warning."""

    #: What allows anyone's origin: ``allow_origins='*'``, or a pattern and the
    #: stranger's origin it matches (or why it was not tried).
    subject: str
    #: How to narrow it, as a fix.
    narrowing: str
    #: What ``dangerously_allow_any_origin_with_credentials=True`` keeps.
    kept: str
    #: What it lets happen.
    risk: str = ANY_ORIGIN_WITH_CREDENTIALS
    #: Where that has been seen, after the risk in the error.
    seen: str = ": the pattern of CVE-2026-54290"


def credentials_for_anyone(
    origins: object, credentials: object, regex: re.Pattern[str] | None
) -> list[Exposure]:
    """Every :class:`Exposure` of ``allow_credentials="*"``: beside
    ``allow_origins="*"`` (Falcon's behaviour), and beside an ``allow_origin_regex`` that
    matches an origin anyone can register (:func:`~wsgi_cors.origin_regex.strangers_origin`:
    Starlette's own ``r"https://.*"``), each reported, so that narrowing one does not
    reveal the other; and beside one that is not tried on those origins, since a crafted
    origin may make it slow to match
    (:func:`~wsgi_cors.origin_regex.may_backtrack_exponentially`: a try could hold the
    start-up for hours), which would give credentials to whatever it matches unchecked.
    The one home of this rule, whose errors and warnings :func:`validate` words from
    it."""
    if credentials != "*":
        return []
    trusted = "list the trusted origins in allow_credentials (e.g. 'https://app.example.com')"
    exposures = []
    if origins == "*":
        exposures.append(Exposure("allow_origins='*'", trusted, "Falcon's behaviour"))
    if regex is not None and may_backtrack_exponentially(regex):
        repeated = ambiguous_group(regex)
        runs = polynomial_runs(regex) if repeated is None else None
        if repeated is not None:
            slow = f"it repeats {repeated!r}, which a crafted origin makes slow to match (a ReDoS)"
        elif runs is not None:
            slow = (
                f"it has {runs[1]} parts in a row that repeat without bound, {runs[0]!r},"
                " which a crafted origin makes slow to match (a ReDoS)"
            )
        else:
            slow = (
                "a reading of it cannot tell that no crafted origin makes it slow to"
                " match (a ReDoS)"
            )
        exposures.append(
            Exposure(
                f"allow_origin_regex {regex.pattern!r} ({slow}, so no origin anyone can"
                " register was tried against it)",
                "follow each part that repeats with a character it does not match"
                rf" (r'([a-z0-9-]+\.)*example\.com'), or {trusted}",
                "it",
                risk="gives credentials to every origin it matches unchecked, strangers'"
                " pages among them if it matches any",
                seen="",
            )
        )
    elif regex is not None and (stranger := strangers_origin(regex)) is not None:
        whose = (
            "a public IP address, which any server can have"
            if is_an_address(stranger)
            else "which anyone can register"
        )
        # A dot left unescaped is the usual cause: its fix, the pattern escaped, first.
        loose = unescaped_dots(regex) if stranger == loose_dot_look_alike(regex) else None
        narrow = f"{loose.fix};" if loose else "narrow allow_origin_regex to your own hosts,"
        exposures.append(
            Exposure(
                f"allow_origin_regex {regex.pattern!r} (it matches {stranger!r}, {whose})",
                f"{narrow} or {trusted}",
                "it",
            )
        )
    return exposures


def validate(
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
) -> CORSConfig:
    """Check every option and return the normalized :class:`CORSConfig`.

    Raises :class:`TypeError` if any option has the wrong type, otherwise
    :class:`CORSConfigurationError` (a :class:`ValueError`) listing every invalid
    value, and every configuration that can never grant what it names (README,
    "Secure by default"): ``allow_origins="*"`` with ``allow_credentials="*"`` unless
    *dangerously_allow_any_origin_with_credentials* is True (then
    :class:`CORSSecurityWarning` is emitted instead), an exact origin in
    ``allow_credentials`` that ``allow_origins`` does not allow or a subdomain pattern
    there under which it allows none, and ``allow_origins=[]`` without a regex, an
    ``allow_origin_regex`` that requires upper case, a path or a default port
    (:func:`~wsgi_cors.origin_regex.regex_mistake`).
    :class:`CORSSecurityWarning` is emitted too for an ``allow_origin_regex`` whose
    host has an unescaped ``.`` (:func:`~wsgi_cors.origin_regex.unescaped_dots`) or is
    left open at one end (:func:`~wsgi_cors.origin_regex.look_alike`), or that a
    crafted origin makes take exponential time
    (:func:`~wsgi_cors.origin_regex.ambiguous_repetition`), and for
    credentials given to ``"null"``, which any website can send. When
    *allow_origins* is not given it is ``"*"``, unless *allow_origin_regex* is given:
    then only origins matching the regex are allowed.
    """
    check = _Checker()
    origins_given = allow_origins is not DEFAULT_ORIGINS
    if not origins_given:
        allow_origins = default_origins(allow_origin_regex)
    origins = check.origins("allow_origins", allow_origins, allow_none=False)
    credentials = check.origins("allow_credentials", allow_credentials, allow_none=True)

    expose: str | None
    unreadable: tuple[str, ...] = ()  # exposed names no script may read (warned of)
    if expose_headers is None or expose_headers == "*":
        expose = expose_headers
    elif isinstance(expose_headers, str) and not expose_headers.strip(HTTP_WHITESPACE):
        expose = None  # no name, like an empty list (Falcon sends nothing for "")
    else:
        # Falcon sends a str verbatim and joins an iterable with ", ", every name as
        # given, repeats too; so does this (README, "Deliberate differences from
        # Falcon": this is none of them). A tab beside a comma becomes a space: a
        # header value sent never holds a control character.
        names = check.names("expose_headers", expose_headers, kind="header name", keep_repeats=True)
        if isinstance(names, tuple):
            unreadable = tuple(n for n in names if n.lower() in FORBIDDEN_RESPONSE_HEADERS)
        if isinstance(expose_headers, str):
            expose = spaced_white_space(expose_headers.strip(HTTP_WHITESPACE)) or None
        else:
            expose = combined_header_value(names) if names else None

    if not isinstance(allow_private_network, bool):
        check.wrong_type(
            "allow_private_network",
            allow_private_network,
            "bool",
            _typed_fix(allow_private_network, bool),
        )

    methods = check.names("allow_methods", allow_methods, kind="method")
    headers = check.names("allow_headers", allow_headers, kind="header name")

    if max_age is not None:
        if isinstance(max_age, bool) or not isinstance(max_age, int):
            check.wrong_type("max_age", max_age, "int seconds or None", _typed_fix(max_age, int))
        elif not 0 <= max_age <= MAX_AGE_LIMIT:
            check.add(
                "max_age",
                max_age,
                f"is outside 0..{MAX_AGE_LIMIT} seconds",
                f"use at most {MAX_AGE_LIMIT} (24 hours; no browser caches a preflight"
                " longer), or None to send no Access-Control-Max-Age"
                if max_age > 0
                else f"use 0 (no caching) to {MAX_AGE_LIMIT} seconds, or None to send no"
                " Access-Control-Max-Age",
            )

    regex: re.Pattern[str] | None = None
    regex_warnings: tuple[warnings.WarningMessage, ...] = ()  # re's, about the pattern
    if isinstance(allow_origin_regex, re.Pattern):
        if isinstance(allow_origin_regex.pattern, str):
            regex = allow_origin_regex
        else:
            check.wrong_type("allow_origin_regex", allow_origin_regex, "a str pattern")
    elif isinstance(allow_origin_regex, str):
        try:
            regex, regex_warnings = compile_catching_warnings(allow_origin_regex)
        except (re.error, OverflowError, RecursionError) as exc:
            check.add(
                "allow_origin_regex",
                allow_origin_regex,
                f"does not compile ({exc})",
                "fix the regular expression; it is matched against the whole origin",
            )
        except ValueError:  # a repeat count of more than 4300 digits ("a{111...}")
            check.add(
                "allow_origin_regex",
                allow_origin_regex,
                "does not compile (a repeat count too long to read)",
                "write counts of a few digits; it is matched against the whole origin",
            )
    elif allow_origin_regex is not None:
        several = isinstance(allow_origin_regex, (list, tuple))  # django-cors-headers' form
        check.wrong_type(
            "allow_origin_regex",
            allow_origin_regex,
            "str, re.Pattern or None",
            "one pattern: join yours with '|'" if several else "",
        )
    # An empty pattern, a wildcard origin, upper case, a path, a default port.
    if regex is not None and (mistake := regex_mistake(regex)) is not None:
        check.add("allow_origin_regex", regex.pattern, mistake.why, mistake.fix)
    elif regex is not None and origins_given and origins == "*":
        # A pattern beside an explicit "*" is never asked, where given alone it narrows
        # what is allowed: it was meant to, and every origin would be allowed instead.
        check.add(
            "allow_origin_regex",
            regex.pattern,
            "has no effect: allow_origins='*' allows every origin already",
            "leave allow_origins out (given alone, the pattern allows only what it"
            " matches; in a paths entry under a top-level '*', set allow_origins to []),"
            " or remove allow_origin_regex",
        )

    for option, flag in (
        ("debug", debug),
        (
            "dangerously_allow_any_origin_with_credentials",
            dangerously_allow_any_origin_with_credentials,
        ),
    ):
        if not isinstance(flag, bool):
            check.wrong_type(option, flag, "bool", _typed_fix(flag, bool))

    if check.type_errors:
        raise TypeError("; ".join(check.type_errors))
    _check_grants_possible(check, origins, credentials, regex)
    # README difference 7: Falcon accepts this pair silently.
    exposures = credentials_for_anyone(origins, credentials, regex)
    if not dangerously_allow_any_origin_with_credentials:
        for exposure in exposures:
            check.add(
                "allow_credentials",
                "*",
                f"with {exposure.subject} {exposure.risk}{exposure.seen}",
                f"{exposure.narrowing}, or set dangerously_allow_any_origin_with_credentials"
                f"=True to keep {exposure.kept} knowingly",
            )
    if check.problems:
        raise CORSConfigurationError(check.problems)

    # A method pages likely send in upper case, listed in another: warned of, not
    # refused, since a page may send it as listed (fetch() sends "query" so). Listed in
    # both spellings, it is meant.
    listed = methods if isinstance(methods, tuple) else ()
    for method in listed:
        if method != method.upper() and method.upper() not in listed:
            _warn(_method_case_warning(method), UserWarning)
    # Set-Cookie exposed: warned of, not refused, since it does no harm and Falcon
    # sends expose_headers as given (README, "Deliberate differences from Falcon").
    for name in unreadable:
        _warn(
            f"expose_headers names {name!r}, a forbidden response-header name (Fetch"
            " standard): browsers never let a script read it, so exposing it does nothing."
            " Remove it; the browser keeps the cookies of a response itself when the"
            " request included credentials and allow_credentials allows them.",
            UserWarning,
        )
    # re's own warnings about the pattern ("Possible nested set at position 9", a
    # FutureWarning), from the user's line and naming the option, not from this module.
    for warning in regex_warnings:
        _warn(f"allow_origin_regex {allow_origin_regex!r}: {warning.message}", warning.category)
    # A pattern (or one of its alternatives) that matches no origin for want of a
    # scheme, or is null: warned of, not refused, as the peers' own tests use such
    # patterns (origin_regex.missing_scheme).
    if regex is not None and (schemeless := missing_scheme(regex)):
        _warn(
            f"allow_origin_regex {regex.pattern!r} {schemeless.why}."
            f" {schemeless.fix[0].upper()}{schemeless.fix[1:]}.",
            UserWarning,
        )
    # A working pattern that allows more than meant: warned of, not refused
    # (Starlette's own tests use r"https://.*\.example.org").
    # So is one meant as "ends with" or "starts with" a host (docs/security.rst, "Suffix
    # and prefix matching"), which credentials for '*' refuse (credentials_for_anyone).
    # An unescaped dot makes look-alikes too: its warning comes first, alone.
    if regex is not None and (loose := unescaped_dots(regex) or look_alike(regex)):
        _warn(
            f"allow_origin_regex {regex.pattern!r} {loose.why}. {loose.fix[0].upper()}"
            f"{loose.fix[1:]}.",
            CORSSecurityWarning,
        )
    # One that a crafted origin makes take exponential time (a ReDoS): warned of, not
    # refused, as the peers accept it; docs/security.rst, "Slow regular expressions".
    if regex is not None and (slow := ambiguous_repetition(regex)):
        _warn(
            f"allow_origin_regex {regex.pattern!r} {slow.why}. {slow.fix[0].upper()}"
            f"{slow.fix[1:]}.",
            CORSSecurityWarning,
        )
    # The private network opened to every website: accepted, as Falcon accepts it, but
    # a device meant for its own pages is reached by any page its users visit
    # (docs/security.rst, "Private networks"; helper-139's review).
    if allow_private_network and origins == "*":
        _warn(
            "allow_private_network=True with allow_origins='*' lets every website's pages"
            " reach this server from its users' browsers on their private network or"
            " machine (Private Network Access). List in allow_origins the origins whose"
            " pages may reach it.",
            CORSSecurityWarning,
        )
    # null given credentials: listed, as Falcon reflects it, but any website can send it.
    null_by = _null_credentials(origins, credentials)
    if null_by is not None:
        _warn(
            f"{null_by} gives credentials to the origin 'null', which any website can send:"
            f" {NULL_SENDERS}. Every website could then read its visitors' credentialed"
            " responses. List in allow_credentials the origins that need credentials,"
            " without 'null' (see the Security page, 'The null origin').",
            CORSSecurityWarning,
        )
    for exposure in exposures:  # opted in: said all the same
        narrowing = exposure.narrowing
        _warn(
            f"{exposure.subject} with allow_credentials='*' {exposure.risk}."
            f" {narrowing[0].upper()}{narrowing[1:]} instead.",
            CORSSecurityWarning,
        )
    return CORSConfig(
        allow_origins=origins,
        expose_headers=expose,
        allow_credentials=credentials,
        allow_private_network=allow_private_network,
        allow_methods=methods,
        allow_headers=headers,
        max_age=max_age,
        allow_origin_regex=regex,
        debug=debug,
    )


def _null_credentials(
    origins: Literal["*"] | tuple[OriginRule, ...],
    credentials: Literal["*"] | tuple[OriginRule, ...],
) -> str | None:
    """What gives ``null`` credentials, in the words of its warning, or None: ``null``
    listed in ``allow_credentials`` (beside an ``allow_origins`` that allows it), or in
    ``allow_origins`` beside ``allow_credentials="*"``. Nothing else matches ``null``
    (docs/security.rst, "The null origin")."""
    if isinstance(credentials, tuple) and NULL_ORIGIN in credentials:
        return "allow_credentials=[..., 'null']"
    if credentials == "*" and isinstance(origins, tuple) and NULL_ORIGIN in origins:
        return "allow_origins=[..., 'null'] with allow_credentials='*'"
    return None


def _check_grants_possible(
    check: _Checker,
    origins: Literal["*"] | tuple[OriginRule, ...],
    credentials: Literal["*"] | tuple[OriginRule, ...],
    regex: re.Pattern[str] | None,
) -> None:
    """Record a configuration that can never grant what it names (README, "Secure by
    default"): no origin allowed at all, an exact origin given credentials that
    ``allow_origins`` does not allow (credentials apply only to allowed origins, as in
    Falcon), or a subdomain pattern given credentials under which ``allow_origins``
    allows no origin (:func:`_may_allow_under`; where an ``allow_origin_regex`` is
    given, what it allows under a pattern is not known, and the pattern is not
    checked). Refused entries are checked as their fixes would write them
    (:func:`~wsgi_cors.origins.origins_once_fixed`), so that what the next run would
    tell is told now; where a fix of ``allow_origins`` names no origin, the entry may
    be meant as any, and credentials are not checked."""
    if origins == "*" or any(callable(rule) for rule in origins):
        return  # a callable may allow any origin
    if any(problem.option == "allow_origin_regex" for problem in check.problems):
        return  # what the regex would allow is unknown; its problem is reported already
    fixed = check.once_fixed.get("allow_origins", [])
    if fixed is None:
        return  # a refused entry may be meant as any origin; it is reported already
    fixed_origins = [rule for choices in fixed for rule in choices]
    if not origins and not fixed_origins and regex is None:
        check.add(
            "allow_origins",
            [],
            "allows no origin, so no CORS request would ever succeed",
            "list the origins to allow, give allow_origin_regex, or leave allow_origins"
            " out to allow every origin",
        )
        return
    if credentials == "*":
        return
    if regex is not None and may_backtrack_exponentially(regex):
        # Matching it against a listed origin it does not match could hold the start-up
        # for hours (docs/security.rst, "Slow regular expressions").
        return
    allowed = OriginSet((*origins, *fixed_origins), regex)
    # A refused entry whose fix leaves the scheme to choose ('a.example') is told only
    # where neither scheme would be allowed: the user writes one of them.
    choices = [(rule,) for rule in credentials] + (check.once_fixed.get("allow_credentials") or [])
    for rules in choices:
        told = [_not_granted(allowed, rule) for rule in rules]
        first = told[0]
        if first is not None and all(told):
            check.add("allow_credentials", *first)


def _not_granted(allowed: OriginSet, rule: OriginRule) -> tuple[str, str, str] | None:
    """(value, why, fix) when *rule*, an entry of ``allow_credentials``, names what
    *allowed* (``allow_origins``) never allows, so that its credentials are never
    given; else None (a callable may be given any origin)."""
    if isinstance(rule, str) and rule not in allowed:
        return (
            rule,
            "is not allowed by allow_origins (nor allow_origin_regex), and credentials"
            " apply only to allowed origins",
            f"add {rule!r} to allow_origins too, or remove it from allow_credentials",
        )
    if isinstance(rule, SubdomainPattern) and not _may_allow_under(allowed, rule):
        return (
            str(rule),
            "matches no origin that allow_origins allows, and credentials apply only to"
            " allowed origins",
            f"add {str(rule)!r} to allow_origins too, or remove it from allow_credentials",
        )
    return None


def _may_allow_under(allowed: OriginSet, pattern: SubdomainPattern) -> bool:
    """Whether *allowed* (``allow_origins`` and ``allow_origin_regex``) may allow an
    origin that *pattern* matches: an exact origin it matches, a subdomain pattern
    sharing one with it (:meth:`~wsgi_cors.origins.SubdomainPattern.shares_an_origin_with`),
    or a regex, whose answer under the pattern is not known."""
    return (
        allowed.regex is not None
        or any(pattern.matches(origin) for origin in allowed.exact)
        or any(pattern.shares_an_origin_with(other) for other in allowed.patterns)
    )


_P = ParamSpec("_P")
_R = TypeVar("_R")

# The options of the peers, each with the keyword of ours that does its job (README,
# "Migrating from Falcon", and the option tables of docs/migrating/), and what follows
# it in the advice; None where nothing of ours is needed. Keys are lower case, without
# django-cors-headers' "cors_" prefix.
_ALL_ORIGINS = "='*' for True (the default); for False, list the origins"
# The paths= of the peers' options that name paths: one home for the advice given where
# paths can be set (a dict) and where it cannot (text: peer_paths_in_code).
_RESOURCES_PATHS = "{'/api': {...options}}"
_URLS_REGEX_PATHS = ("{'/api': {}}", "{re.compile(r'/api/.*'): {}}")
_URLS_REGEX_MATCH = (
    "a pattern matches the whole path, where CORS_URLS_REGEX matched from the start, so"
    " r'^/api/' is r'/api/.*' here"
)
_PEER_OPTIONS: dict[str, tuple[str | None, str]] = {
    # flask-cors
    "origins": ("allow_origins", ""),
    "methods": ("allow_methods", ""),
    "supports_credentials": (
        "allow_credentials",
        ", which names origins as in Falcon: a list of trusted origins, or '*' for every"
        " origin allow_origins allows",
    ),
    "send_wildcard": (
        "allow_origins",
        "='*' for True (it sends '*' to every origin, without credentials); nothing for"
        " False: listed origins are reflected, and under allow_origins='*' an origin"
        " without credentials gets '*', which a browser reads alike",
    ),
    "always_send": (
        None,
        "drop it: a request without Origin gets '*' under allow_origins='*' (README"
        " difference 5) and no CORS header otherwise, which no browser needs",
    ),
    "vary_header": (
        None,
        "drop it: Vary: Origin is always sent where the answer depends on the origin",
    ),
    "automatic_options": (
        "allow_methods",
        ": '*' (the default) answers every CORS-preflight request, None (none as text)"
        " passes them to the application",
    ),
    "intercept_exceptions": (None, "drop it: error responses get CORS headers like any other"),
    "resources": ("paths", f"={_RESOURCES_PATHS} (per-path policies: a dict, never text)"),
    # django-cors-headers settings, lower-cased
    "allowed_origins": ("allow_origins", ""),
    "allowed_origin_regexes": ("allow_origin_regex", " (one pattern: join yours with '|')"),
    "allow_all_origins": ("allow_origins", _ALL_ORIGINS),
    "preflight_max_age": ("max_age", ""),
    "allowed_methods": ("allow_methods", ""),
    "allowed_headers": ("allow_headers", ""),
    "origin_whitelist": ("allow_origins", ""),  # django-cors-headers before 3.5
    "origin_regex_whitelist": ("allow_origin_regex", " (one pattern: join yours with '|')"),
    "origin_allow_all": ("allow_origins", _ALL_ORIGINS),
    "urls_regex": (
        "paths",
        f"={_URLS_REGEX_PATHS[0]} or {_URLS_REGEX_PATHS[1]} (per-path policies: a dict,"
        f" never text; {_URLS_REGEX_MATCH})",
    ),
    # wsgicors
    "origin": ("allow_origins", ""),
    "headers": ("allow_headers", ""),
    "credentials": ("allow_credentials", ""),
    "maxage": ("max_age", ""),
    "policy": (
        None,
        "drop it: a CORSMiddleware is one policy, its options named without the policy's"
        " name; for a policy per path, give paths={'/api': {...options}} in code, and"
        " leave out a path whose policy was deny",
    ),
    "matchstrategy": (None, "drop it: one policy applies to a path, chosen by paths="),
    # falcon
    "cors_enable": (
        None,
        "drop it: CORSMiddleware is already enabled (enable_cors(app) is the one-liner)",
    ),
    "allow_origin": ("allow_origins", ""),
    "expose_header": ("expose_headers", ""),
}


def explains_unknown_keywords(init: Callable[_P, _R]) -> Callable[_P, _R]:
    """Make an unknown keyword of ``CORSMiddleware(...)`` (or of another callable with
    its options, ``enable_cors``) a :class:`TypeError` that names the callable the user
    called and the keyword to use: ours for a peer's option (flask-cors, Starlette,
    django-cors-headers, wsgicors, Falcon), else the closest of ours. The signature,
    for callers, ``inspect`` and type checkers, stays *init*'s own."""
    known = [name for name in inspect.signature(init).parameters if name not in ("self", "app")]

    @functools.wraps(init)
    def checked(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        unknown = [name for name in kwargs if name not in known and name != "app"]
        if unknown:
            # An __init__ is called as its class (a subclass's own name), else by name.
            called = type(args[0]).__name__ if init.__name__ == "__init__" else init.__name__
            what = f"{called}() got an unknown keyword"
            raise TypeError("; ".join(unknown_keyword(name, known, what) for name in unknown))
        return init(*args, **kwargs)

    return checked


def peer_option(name: str, written: Callable[[str], str] = str) -> str | None:
    """What to do instead of a peer's option *name* (any case; django-cors-headers'
    ``CORS_`` prefix optional): ``"use max_age"``, ``"use allow_origins='*' (the
    default)"``, or ``"drop it: ..."`` where nothing of ours is needed; None when *name*
    is no peer's option.

    :param written: how the user writes our option's name: the keyword itself (the
        default), or e.g. ``CORS_MAX_AGE`` for a key of settings
        (:func:`wsgi_cors.sources.options_from_mapping`).
    """
    advice = _peer_advice(name)
    if advice is None:
        return None
    ours, rest = advice
    return rest if ours is None else f"use {written(ours)}{rest}"


def peer_paths_in_code(name: str) -> str | None:
    """What to do instead of a peer's option *name* whose job ``paths`` does
    (flask-cors's ``resources``, django-cors-headers' ``CORS_URLS_REGEX``) where the
    settings are text and cannot set ``paths`` (the environment): give them in code, as
    valid Python; None for any other *name*. With a dict, :func:`peer_option` says it."""
    key = _option_key(name)
    if key == "resources":
        paths = [_RESOURCES_PATHS]
        note = ""
    elif key == "urls_regex":
        paths = list(_URLS_REGEX_PATHS)
        note = f"; {_URLS_REGEX_MATCH}"
    else:
        return None
    calls = " or ".join(f"CORSMiddleware(app, paths={given})" for given in paths)
    return (
        f"per-path policies are a dict, which text cannot set: give them in code, {calls},"
        f" or in a dict to CORSMiddleware.from_mapping(app, {{'paths': ...}}){note}"
    )


# wsgicors's options that a named policy's own carry after its name and "_"
# ("web_origin" under "policy = web").
_WSGICORS_POLICY_OPTIONS = (
    "origin",
    "methods",
    "headers",
    "expose_headers",
    "credentials",
    "maxage",
)


def wsgicors_policy_option(
    name: str, policies: Iterable[str], written: Callable[[str], str] = str
) -> str | None:
    """What to do instead of *name* when it is an option of one of wsgicors's named
    *policies* (the names a ``policy`` key of the same settings lists): ``web_origin``
    under ``policy = web`` is told ``"use allow_origins (...)"``; None otherwise.

    :param written: how the user writes our option's name (:func:`peer_option`).
    """
    key = name.lower()
    for policy in (p.lower() for p in policies):  # a name may hold "_" (my_web_origin)
        option = key.removeprefix(f"{policy}_")
        if option != key and option in _WSGICORS_POLICY_OPTIONS:
            ours, rest = _PEER_OPTIONS.get(option, (option, ""))
            return f"use {written(str(ours))}{rest} (wsgicors's policy {policy!r}: its name goes)"
    return None


def _peer_advice(name: str) -> tuple[str | None, str] | None:
    """The ``(ours, rest)`` of :data:`_PEER_OPTIONS` for a peer's option *name*, or None."""
    return _PEER_OPTIONS.get(_option_key(name))


def _option_key(name: str) -> str:
    """*name* in lower case, without django-cors-headers' ``cors_`` prefix (Falcon's
    ``cors_enable`` keeps it)."""
    key = name.lower()
    return key[len("cors_") :] if key.startswith("cors_") and key != "cors_enable" else key


def unknown_keyword(name: str, known: list[str], what: str) -> str:
    """The message for an unknown option *name* (:func:`suggested_option`), after
    *what* (``"CORSMiddleware() got an unknown keyword"``)."""
    suggestion = suggested_option(name, known)
    if suggestion is None:
        return f"{what} {name!r}; the keywords are {', '.join(known)}"
    ours, _, for_a_peers = suggestion
    if for_a_peers:
        return f"{what} {name!r}: {peer_option(name)}"
    return f"{what} {name!r}; did you mean {ours!r}?"


def suggested_option(name: str, known: Iterable[str]) -> tuple[str | None, str, bool] | None:
    """What to write instead of the unknown option *name*: ``(ours, rest, True)`` for
    a peer's option (flask-cors, Starlette, django-cors-headers, wsgicors, Falcon), with
    *ours* None where nothing of ours is needed and *rest* the advice that follows it
    (:func:`peer_option` writes them out); else ``(the closest of known, "", False)``,
    or None when nothing is close. The one answer for keywords and for keys of settings
    and ini files."""
    advice = _peer_advice(name)
    if advice is not None:
        return (*advice, True)
    close = difflib.get_close_matches(_option_key(name), list(known), n=1)
    return (close[0], "", False) if close else None
