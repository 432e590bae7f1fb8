"""Origins: what counts as a serialized origin, in configuration and in requests.

A *serialized origin* is what a browser sends in the ``Origin`` request header:
``scheme "://" host [ ":" port ]``, or the literal ``null`` for an opaque origin
(Fetch standard, "Origin header"; HTML standard, "serialization of an origin").
Browsers always send it in canonical form: the scheme in lower case, the host too for
the schemes of :data:`LOWER_CASE_HOST_SCHEMES` (an opaque host keeps its case), no
default port, IP literals in their canonical spelling, no path, query, fragment or
user info.

Three jobs live here, and they are kept apart on purpose:

* :func:`parse_configured_origin` checks one entry of ``allow_origins`` /
  ``allow_credentials`` at construction, and says precisely what is wrong and how
  to fix it. It may be slow; it runs once.
* :func:`is_serialized_origin` decides, per request, whether an ``Origin`` value is
  a serialized origin as a browser sends it, fit to be matched by a pattern or
  reflected. It is a length check plus one anchored, linear-time regular expression
  (and a look at the host's last label or IPv6 address), and it runs only for an
  origin that is not listed exactly, once per distinct origin (the policy memoizes the
  outcome), or on every request where a callable decides (nothing is memoized then).
  It refuses what no browser sends: upper case (in the host, only for
  :data:`LOWER_CASE_HOST_SCHEMES`), the default port of ``http`` or
  ``https``, a port out of range or with leading zeros, a host that ends in a number
  but is no IPv4 address in dotted decimal (for :data:`LOWER_CASE_HOST_SCHEMES`, whose
  hosts are parsed as domains; an opaque host such as ``safari-web-extension://a.0xcafe``
  keeps its number), and an IPv6 address that is none
  or is not spelled as the URL standard serializes it (``[::ffff:1.2.3.4]``, which a
  browser sends as ``[::ffff:102:304]``), and a host name no page is served from: a
  label over 63 characters, or over 253 in all (RFC 1035, which the URL standard does
  not check: ``_within_dns_limits``), so that no pattern runs on a longer one. It
  leaves to :func:`parse_configured_origin`, which makes them in a configuration, the
  checks that need more than a look at the characters: whether ``xn--`` labels are
  valid Punycode, and whether the scheme is one whose pages send
  ``Origin`` (``ws://a:80`` passes here). None of these lets a header carry a
  character it cannot, and such a value never equals a browser's origin.
* :class:`OriginSet` decides, per request, whether an origin is one of a configured
  set: exact origins, subdomain patterns, a regular expression and callables.
"""

from __future__ import annotations

import ast
import difflib
import io
import ipaddress
import json
import logging
import re
import tokenize
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

from .caught import caught_warnings

__all__ = [
    "ANY_ORIGIN_WITH_CREDENTIALS",
    "CONTROL_CHARACTER",
    "CONTROL_CHARACTERS",
    "DEFAULT_PORTS",
    "HIGHEST_PORT",
    "EXAMPLE_ORIGIN_REGEX",
    "FALSE_WORDS",
    "LABEL_CHARACTERS",
    "LOCAL_SPACE",
    "LOOPBACK_SPACE",
    "LOWER_CASE_HOST_SCHEMES",
    "MAX_ORIGIN_LENGTH",
    "NONE_WORD",
    "NULL_ORIGIN",
    "NULL_SENDERS",
    "NO_VALUE_WORDS",
    "ORIGIN_CHARACTERS",
    "QUOTES",
    "OriginCallable",
    "OriginCallableError",
    "OriginProblem",
    "OriginSet",
    "PUBLIC_SPACE",
    "SHARED_SUFFIXES",
    "SubdomainPattern",
    "TRUE_WORDS",
    "address_space",
    "ascii_host",
    "boolean_origins_fix",
    "ends_in_a_number",
    "is_localhost_name",
    "is_serialized_origin",
    "is_url_scheme",
    "list_items",
    "list_literal",
    "quoted_list",
    "origins_once_fixed",
    "parse_configured_origin",
    "port_number",
    "registrable_domain",
    "regular_expression_fix",
    "respelled",
    "semicolon_separated",
    "serialize_origin",
    "whole_number",
    "wildcard_in_a_list",
    "url_host",
    "without_trailing_dot",
]

#: How a boolean is written as text (in any case) in settings, the environment and ini
#: files (:mod:`wsgi_cors.sources`): true, then false. In a list of origins such a
#: word is told what the boolean of the other CORS libraries means here.
TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})
#: How None is written as text in settings: in a list of origins, no origin.
NONE_WORD = "none"


def list_items(text: str) -> list[str]:
    """The items of a list written as text, as settings, the environment and ini files
    write one (:mod:`wsgi_cors.sources`): separated by commas and/or white space."""
    return text.replace(",", " ").split()


#: Unquoted items of a list in brackets that are no value: JSON's and JavaScript's
#: ``null``, Python's ``None``. Never the origin ``null``, which must be quoted there.
NO_VALUE_WORDS = ("null", "None")


def quoted_list(text: str) -> list[str] | None:
    """The strings of *text* where it is a list of them in brackets, as JSON or Python
    write one (``'["https://a.example", "https://b.example"]'``), each unescaped and
    stripped, an empty one or a ``null`` or ``None`` among them left out; None for any
    other text, a list whose strings are written one after another without a comma
    (``["a" "b"]``, which Python would read as one) too."""
    text = text.strip()
    if not (text.startswith("[") and text.endswith("]")):
        return None
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: brackets nested deep
        try:
            with caught_warnings("ignore"):  # an invalid escape ("\."), kept as written
                parsed = ast.literal_eval(text)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
        strings = sum(isinstance(item, str) for item in parsed) if isinstance(parsed, list) else 0
        if strings != _string_count(text):
            return None  # Python joined strings written side by side
    if not isinstance(parsed, list) or not all(isinstance(i, (str, type(None))) for i in parsed):
        return None
    return [item.strip() for item in parsed if isinstance(item, str) and item.strip()]


def _string_count(text: str) -> int:
    """How many string literals Python reads in *text* (which ``ast`` has parsed)."""
    try:
        tokens = tokenize.generate_tokens(io.StringIO(text).readline)
        return sum(token.type == tokenize.STRING for token in tokens)
    except (tokenize.TokenError, SyntaxError):
        return -1


def list_literal(text: str) -> list[str] | None:
    """The items of *text* where it is a list in brackets: as JSON or Python write one
    (:func:`quoted_list`), or with items unquoted and no bracket inside
    (``[https://a.example, https://b.example]``, read by :func:`list_items`, quotes
    off each, a :data:`NO_VALUE_WORDS` item left out); None for any other text, and
    for IPv6 addresses in brackets (``[::1]``, ``[::1], [::2]``)."""
    text = text.strip()
    if not (text.startswith("[") and text.endswith("]")):
        return None
    quoted = quoted_list(text)
    if quoted is not None:
        return quoted
    inner = text[1:-1]
    if "[" in inner or "]" in inner:  # '[::1], [::2]': brackets of IPv6 addresses
        return None
    try:
        ipaddress.IPv6Address(inner)
    except ValueError:
        items = (i.strip(QUOTES) for i in list_items(inner) if i not in NO_VALUE_WORDS)
        return [item for item in items if item and item != "None"]  # never an origin
    return None


#: The default port of each special scheme whose pages send CORS requests; a serialized
#: origin omits it. (Other schemes accepted in configuration have none.)
DEFAULT_PORTS = {"http": "80", "https": "443"}
#: The schemes whose hosts are parsed as domains, so that browsers send them in lower
#: case, and a host ending in a number as an IPv4 address in dotted decimal: the URL
#: standard's special schemes, and the standard schemes of Chromium whose pages have
#: tuple origins (``chrome-extension``, whose IDs are the letters a to p;
#: ``isolated-app``, Isolated Web Apps; ``chrome``, ``chrome-untrusted`` and
#: ``devtools``; seen in Chromium 156). The host of any other scheme is an opaque
#: host, kept as written (URL standard, "opaque-host parser"): Safari's extension
#: pages send ``safari-web-extension://2AB33852-D69B-…``.
LOWER_CASE_HOST_SCHEMES = frozenset(
    {"chrome", "chrome-extension", "chrome-untrusted", "devtools", "isolated-app"}
    | {"ftp", "file", "http", "https", "ws", "wss"}
)

# Registries' second levels, where anyone can register a name, and hosting services'
# domains, where anyone can put up a site.
_REGISTRY_SUFFIXES = (
    *("co.uk", "org.uk", "me.uk", "com.au", "net.au", "co.nz", "co.jp", "com.br", "co.in"),
    *("co.za", "co.kr", "com.cn", "com.mx", "com.tr", "co.il", "com.sg", "com.hk"),
    *("com.tw", "co.id", "com.ar", "eu.org"),
)
_HOSTING_SUFFIXES = (
    *("github.io", "gitlab.io", "herokuapp.com", "netlify.app", "vercel.app", "pages.dev"),
    *("workers.dev", "web.app", "firebaseapp.com", "appspot.com", "azurewebsites.net"),
    *("azurestaticapps.net", "cloudfront.net", "blogspot.com", "onrender.com", "fly.dev"),
    *("glitch.me", "up.railway.app", "ngrok-free.app", "ngrok.io", "s3.amazonaws.com"),
    *("amplifyapp.com", "surge.sh", "pythonanywhere.com", "deno.dev", "ngrok-free.dev"),
    *("trycloudflare.com", "a.run.app", "r2.dev", "github.dev", "wordpress.com"),
    *("myshopify.com", "hf.space", "csb.app", "codesandbox.io", "repl.co"),
)
#: Public suffixes of more than one label under which anyone can register a name or
#: put up a site: registries' second levels (``co.uk``), and hosting services'
#: domains (``github.io``; the Public Suffix List, https://publicsuffix.org, lists
#: both kinds). A sample of the most used, not the list: a subdomain pattern on one
#: of these (``https://*.co.uk``, ``https://*.github.io``) allows strangers' sites as
#: ``https://*.com`` would, and is refused (:func:`parse_configured_origin`); the
#: strangers' origins tried against ``allow_origin_regex`` are made under these too
#: (:data:`~wsgi_cors.origin_regex.STRANGERS_ORIGINS`).
SHARED_SUFFIXES = _REGISTRY_SUFFIXES + _HOSTING_SUFFIXES

# URL standard, "scheme": a letter, then letters, digits, "+", "-" and ".".
_SCHEME_PATTERN = r"[a-z][a-z0-9+.\-]*"
# What a DNS label holds as browsers send it (lower case; "_" too, which the URL
# standard's host parser lets through), and the most a label and a host may hold (RFC
# 1035, section 2.3.4: 63 octets a label; 255 octets on the wire, 253 characters
# written out, a host).
_LABEL_CHARS = r"a-z0-9_\-"
#: The characters of a host's label in any case, as the inside of a regex character
#: class: an opaque host keeps its case (see :data:`LOWER_CASE_HOST_SCHEMES`).
LABEL_CHARACTERS = "A-Z" + _LABEL_CHARS
_MAX_LABEL_LENGTH = 63
_MAX_HOST_LENGTH = 253
#: Every character a serialized origin may hold (``_SERIALIZED_ORIGIN``, below): a
#: scheme's, a host label's in any case, and the ``.``, ``:``, ``/``, ``[`` and ``]``
#: around them (an IPv6 address's hex digits are label characters).
ORIGIN_CHARACTERS = frozenset(
    c for c in map(chr, range(128)) if re.fullmatch(rf"[{LABEL_CHARACTERS}+.:/\[\]]", c)
)

# The longest Origin worth looking at: a DNS name (_MAX_HOST_LENGTH), a scheme and a
# port add a few dozen. Anything longer is refused before any pattern runs, so a
# hostile 64 KiB header costs one len() call.
MAX_ORIGIN_LENGTH = 512

#: The highest port there is (URL standard, "port state": a greater one fails to parse).
HIGHEST_PORT = 65535

# A decimal IPv4 octet, 0 to 255, and a port, 0 to HIGHEST_PORT, each without leading
# zeros: as a regex, so that a serialized origin is checked by one fullmatch per request
# (tests/test_origins.py holds _PORT to HIGHEST_PORT).
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_PORT = (
    r"(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}"
    r"|[1-9][0-9]{0,3}|0)"
)

# scheme "://" (IPv4 | DNS name | "[" IPv6 "]") [":" port], as browsers serialize it
# (HTML standard, "serialization of an origin"): lower case (the host where browsers
# send it so: the first lookahead), IPv4 in dotted decimal, a port in range, without
# leading zeros and not the scheme's default (the other lookaheads).
# The scheme, the DNS name's last label and the IPv6 literal are captured for
# is_serialized_origin's last checks. Every repetition is separated by a literal
# character, so the match is linear in the length of the input.
_SERIALIZED_ORIGIN = re.compile(
    rf"(?!(?:{'|'.join(sorted(LOWER_CASE_HOST_SCHEMES))})://[^A-Z]*[A-Z])"
    + "".join(rf"(?!{scheme}://.*:{port}\Z)" for scheme, port in DEFAULT_PORTS.items())
    + rf"(?P<scheme>{_SCHEME_PATTERN})"
    + "://"
    + rf"(?:(?:{_OCTET}\.){{3}}{_OCTET}"  # IPv4
    + rf"|(?:[{LABEL_CHARACTERS}]+\.)*(?P<last>[{LABEL_CHARACTERS}]+)\.?"  # "a.b." too
    + r"|\[(?P<ipv6>[0-9a-f:.]+)\])"  # IPv6, spelled as is_serialized_origin checks
    + rf"(?::{_PORT})?",
    re.ASCII,
)
# URL standard, "ends in a number checker": a host whose last label is decimal digits,
# or "0x" and hex digits, is parsed as IPv4, and then serialized in dotted decimal.
# Only a host parsed as a domain is (LOWER_CASE_HOST_SCHEMES: Chromium 156 reads
# chrome-extension://0x7f.1 as chrome-extension://127.0.0.1); an opaque host is kept.
_NUMBER_LABEL = re.compile(r"[0-9]+|0x[0-9a-f]*", re.ASCII)
_fullmatch_origin = _SERIALIZED_ORIGIN.fullmatch


def ends_in_a_number(host: str) -> bool:
    """URL standard, "ends in a number checker": True when *host* (a domain name in
    lower case) has a last label, a final dot left out, of decimal digits or of
    ``0x`` and hex digits, which a browser's URL parser reads as an IPv4 address
    under a special scheme (:data:`_NUMBER_LABEL`)."""
    labels = host.split(".")
    if len(labels) > 1 and labels[-1] == "":
        labels.pop()
    return _NUMBER_LABEL.fullmatch(labels[-1]) is not None


_SCHEME = re.compile(_SCHEME_PATTERN, re.ASCII | re.IGNORECASE)


def is_url_scheme(text: str) -> bool:
    """True if *text* is a URL scheme in any case (URL standard, "scheme state": an
    ASCII letter, then letters, digits, ``+``, ``-`` and ``.``; a URL parser
    lower-cases it), as in ``https``, ``chrome-extension`` or ``web+app``."""
    return _SCHEME.fullmatch(text) is not None


# A hyphen may begin or end a label: RFC 952 and RFC 1123 forbid it, but the URL
# standard's host parser does not check (domain to ASCII with CheckHyphens false), so
# Chromium sends https://a-.example and https://-a.example (helper-129's review). Its
# length is _within_dns_limits's to check, with the whole name's.
_LABEL = re.compile(rf"[{_LABEL_CHARS}]+", re.ASCII)
#: The control characters (Infra standard, "control": the C0 controls, DEL and the C1
#: controls U+0080 to U+009F), as the inside of a regex character class: no header
#: value the middleware sends holds one (RFC 9110, section 5.5, forbids CR, LF and NUL
#: in a field value; the others have no business in CORS headers either).
CONTROL_CHARACTERS = r"\x00-\x1f\x7f-\x9f"
#: One of :data:`CONTROL_CHARACTERS`, to search a value for.
CONTROL_CHARACTER = re.compile(f"[{CONTROL_CHARACTERS}]")
#: An opaque origin's serialization (HTML standard, "serialization of an origin"): what
#: a sandboxed iframe, a ``data:`` page or a cross-origin redirect sends in ``Origin``.
NULL_ORIGIN = "null"
_CONTROL_OR_SPACE = re.compile(rf"[{CONTROL_CHARACTERS} ]")


# One dot after a host's last label, unless the label is all digits (after an IPv4
# address the URL parser drops the dot), before the port if any.
_TRAILING_DOT = re.compile(
    rf"(?<![{LABEL_CHARACTERS}])(?![0-9]+\.)([{LABEL_CHARACTERS}]+)\.(:[0-9]+)?$", re.ASCII
)


def without_trailing_dot(origin: str) -> str:
    """*origin* without the trailing dot of a DNS name (``https://example.com.:8443``
    gives ``https://example.com:8443``), else unchanged: a page at a name with the dot
    sends it (the URL standard keeps it), and :func:`parse_configured_origin`, which
    refuses it as a likely full stop, can check the rest."""
    return _TRAILING_DOT.sub(r"\1\2", origin)


def is_serialized_origin(value: str) -> bool:
    """Return True if *value* is a serialized origin as browsers send it (HTML
    standard, "serialization of an origin"): ``scheme://host[:port]``, the scheme
    in lower case and the host too where browsers send it so
    (:data:`LOWER_CASE_HOST_SCHEMES`), with a DNS name that does not end in a number
    (for those schemes), an IPv4 address in dotted decimal or an IPv6 address in
    brackets in its canonical spelling, and a port from 0 to 65535 without leading
    zeros, never the default of ``http`` or ``https`` (the module's docstring says
    what it leaves to :func:`parse_configured_origin`).

    ``null`` is *not* accepted here: an opaque origin is only ever allowed when the
    configuration lists it explicitly (README difference 4). Used before
    reflecting an origin matched by a subdomain pattern, a regular expression, or
    ``allow_credentials="*"``, so that no control character, space or other
    unexpected byte can reach a response header.
    """
    if len(value) > MAX_ORIGIN_LENGTH:
        return False
    match = _fullmatch_origin(value)
    if match is None:
        return False
    ipv6 = match["ipv6"]
    if ipv6 is not None:
        return _is_canonical_ipv6(ipv6)
    last_label = match["last"]  # None for an IP address
    if last_label is None:
        return True
    # The name runs from the "://" to its last label's end (a trailing dot counts not).
    if len(value) > _LONGEST_LABEL_ORIGIN and not _within_dns_limits(
        value[match.end("scheme") + 3 : match.end("last")]
    ):
        return False
    if match["scheme"] not in LOWER_CASE_HOST_SCHEMES:
        return True
    # ends_in_a_number, on the last label the match has found.
    return _NUMBER_LABEL.fullmatch(last_label) is None


# The longest origin whose host cannot break _within_dns_limits: a scheme of one letter,
# "://" and one label of the most characters.
_LONGEST_LABEL_ORIGIN = len("a://") + _MAX_LABEL_LENGTH


def _within_dns_limits(name: str) -> bool:
    """Whether *name*, a host name of dot-separated labels (one trailing dot allowed, as
    in ``a.example.``), has no label longer than 63 characters and at most 253 in all,
    not counting that dot: the most a name that resolves may have (RFC 1035, section
    2.3.4: 63 octets a label, 255 on the wire, which is 253 characters written out).
    The URL standard does not check (a browser may send ``https://`` and a label of 70
    letters), but no page is served from such a host, so its origin is no site's.

    The one home of this rule: a configured origin's host is refused by it
    (:func:`parse_configured_origin`), and an ``Origin`` whose host breaks it is not a
    serialized origin (:func:`is_serialized_origin`), so that no pattern, regular
    expression or function is asked about it, which caps what ``allow_origin_regex``
    runs on (docs/security.rst, "Slow regular expressions"). It holds for an opaque
    host too, as configuration refuses one: the pages that send such a host are
    browser extensions', named by an ID (``safari-web-extension://`` and a UUID of 36
    characters), and the rule keeps a scheme of the user's choosing from lifting the
    cap. An IP address is no name: its own syntax bounds it."""
    name = name.removesuffix(".")
    return len(name) <= _MAX_HOST_LENGTH and max(map(len, name.split("."))) <= _MAX_LABEL_LENGTH


def _is_canonical_ipv6(text: str) -> bool:
    """True if *text* (inside an origin's brackets) is an IPv6 address in the URL
    standard's serialization ("IPv6 serializer"), the only spelling a browser sends."""
    try:
        return _canonical_ipv6(ipaddress.IPv6Address(text)) == text
    except ValueError:
        return False


@dataclass(frozen=True)
class SubdomainPattern:
    """``scheme://*.base[:port]``: every subdomain of *base*, at any depth.

    The base itself is not matched (``https://*.example.com`` does not allow
    ``https://example.com``); list it separately if it should be allowed.
    """

    scheme: str
    base: str
    port: str | None

    # What an origin must start and end with, made once per pattern (a frozen
    # dataclass keeps a cached_property in its instance dict).
    @cached_property
    def prefix(self) -> str:
        """``scheme://``."""
        return f"{self.scheme}://"

    @cached_property
    def suffix(self) -> str:
        """``.base`` and ``:port`` if the pattern has one."""
        return f".{self.base}" + (f":{self.port}" if self.port else "")

    def matches(self, origin: str) -> bool:
        """True if *origin* is a subdomain. *origin* must be a serialized origin
        already (:func:`is_serialized_origin`, which also bounds a label's length)."""
        prefix, suffix = self.prefix, self.suffix
        if not (origin.startswith(prefix) and origin.endswith(suffix)):
            return False
        sub = origin[len(prefix) : len(origin) - len(suffix)]
        # The part the "*" stands for must be one or more whole DNS labels: no port,
        # no brackets, nothing a serialized origin's host could not contain.
        # Its case is the origin's (checked by is_serialized_origin for the scheme).
        return bool(sub) and all(_LABEL.fullmatch(label.lower()) for label in sub.split("."))

    def shares_an_origin_with(self, other: SubdomainPattern) -> bool:
        """True when some origin matches both patterns: the same scheme and port, and
        one base is the other or a subdomain of it (``https://*.example.com`` and
        ``https://*.api.example.com`` share ``https://a.api.example.com``)."""
        if (self.scheme, self.port) != (other.scheme, other.port):
            return False
        mine, theirs = self.base, other.base
        return mine == theirs or mine.endswith(f".{theirs}") or theirs.endswith(f".{mine}")

    def __str__(self) -> str:
        return f"{self.prefix}*{self.suffix}"


#: A user's function deciding an origin: called with a serialized origin, it returns
#: True to include it (any other value, or an exception, excludes it).
OriginCallable = Callable[[str], bool]


def described(function: object) -> str:
    """``repr(function)``, or, where that raises, the function's qualified name: a
    bound method's repr shows its object's, which may need what just failed (an
    object whose ``__repr__`` asks the database the method asked)."""
    try:
        return repr(function)
    except Exception:
        try:
            name = str(getattr(function, "__qualname__", type(function).__qualname__))
        except Exception:
            name = type(function).__qualname__
        return f"<{name}, whose repr() raised>"


class OriginCallableError(Exception):
    """A configured :data:`OriginCallable` raised while deciding *origin*. The request
    is denied: no CORS header at all (README, "Origins decided by a function"). The function's own
    exception is the ``__cause__``."""

    def __init__(self, function: OriginCallable, origin: str) -> None:
        # A callable is only ever asked about a serialized origin (is_serialized_origin:
        # at most MAX_ORIGIN_LENGTH characters, no control character): shown whole.
        # described: raising here would turn the denial into a 500 (helper-133's review).
        super().__init__(f"{described(function)} raised for origin {origin!r}")
        #: The function that raised.
        self.function = function
        #: The origin it was asked about (a serialized origin).
        self.origin = origin


class OriginSet:
    """A configured set of origins: ``"*"``, or exact origins, subdomain patterns and a
    regular expression (``allow_origins`` with ``allow_origin_regex``, or
    ``allow_credentials``).

    :param rules: ``"*"`` (every origin), or exact origins (``str``, compared as
        written: browsers send origins in one canonical form),
        :class:`SubdomainPattern` objects, as :func:`parse_configured_origin` returns them,
        and :data:`OriginCallable` functions.
    :param regex: a compiled pattern an origin must match in full (``fullmatch``), or None.

    An origin that is not listed exactly is matched against the patterns, the regex and
    then the callables, only if it is a syntactically valid serialized origin
    (:func:`is_serialized_origin`): ``null``, junk and over-long values are allowed only
    when listed exactly (README, difference 4), and never reach a callable. A callable
    is asked every time (nothing here remembers its answer); its exception is raised as
    :class:`OriginCallableError`.
    """

    __slots__ = ("_told_not_a_bool", "any", "callables", "exact", "patterns", "regex")

    def __init__(
        self,
        rules: Literal["*"] | Iterable[str | SubdomainPattern | OriginCallable],
        regex: re.Pattern[str] | None = None,
    ) -> None:
        #: True for ``"*"``: every origin, ``null`` and junk included.
        self.any = rules == "*"
        items = () if rules == "*" else tuple(rules)
        #: The origins listed exactly.
        self.exact = frozenset(r for r in items if isinstance(r, str))
        #: The subdomain patterns, in the order given.
        self.patterns = tuple(r for r in items if isinstance(r, SubdomainPattern))
        #: The callables, in the order given.
        self.callables: tuple[OriginCallable, ...] = tuple(
            r for r in items if not isinstance(r, (str, SubdomainPattern))
        )
        #: The regular expression, or None.
        self.regex = regex
        # The callables whose answer neither True nor False was logged (once each);
        # set.add is one operation, safe without the GIL.
        self._told_not_a_bool: set[int] = set()

    @property
    def is_empty(self) -> bool:
        """True when no origin is in the set."""
        return not self.exact and not self.matches_unlisted

    @property
    def matches_unlisted(self) -> bool:
        """True when an origin not listed exactly may still be in the set (``"*"``, a
        pattern, the regex or a callable): only then is ``origin in origin_set`` worth
        asking."""
        return self.any or bool(self.patterns) or self.regex is not None or bool(self.callables)

    def __contains__(self, origin: str) -> bool:
        if self.any or origin in self.exact:
            return True
        if not self.matches_unlisted or not is_serialized_origin(origin):
            return False
        if any(pattern.matches(origin) for pattern in self.patterns):
            return True
        # Always the whole origin: a match from the start only would let
        # https://trusted.example.attacker.io in.
        if self.regex is not None and self.regex.fullmatch(origin) is not None:
            return True
        return any(self._asks(function, origin) for function in self.callables)

    def _asks(self, function: OriginCallable, origin: str) -> bool:
        try:
            answer = function(origin)
        except Exception as exc:
            raise OriginCallableError(function, origin) from exc
        if answer is True:
            return True
        if answer is not False and id(function) not in self._told_not_a_bool:
            # Only True allows (README, "Origins decided by a function"): a truthy
            # re.Match or row denies, which the DEBUG denial ("origin not allowed")
            # would not explain (helper-129's review).
            self._told_not_a_bool.add(id(function))
            logging.getLogger("wsgi_cors").warning(
                "the callable %s returned a value of type %s for origin %r, not True or False: only"
                " True allows an origin, so it was denied; return a bool (bool(...) of"
                " the match or row). (Logged once per callable.)",
                described(function),
                type(answer).__name__,
                origin,
            )
        return False

    def __repr__(self) -> str:
        if self.any:
            return "OriginSet('*')"
        rules = [*sorted(self.exact), *map(str, self.patterns), *map(repr, self.callables)]
        regex = f", regex={self.regex.pattern!r}" if self.regex is not None else ""
        return f"OriginSet({rules!r}{regex})"


@dataclass(frozen=True)
class OriginProblem:
    """Why a configured origin is not a serialized origin, and what to write instead:
    *fix*, in words, and where it names one, the origin (or subdomain pattern) to
    write, *write*, which the next round of checks and the cross-checks of the options
    read (:func:`parse_configured_origin`, ``origins_once_fixed``), never the
    words. *alone*: the fix says nothing but to write it (or it with *other_scheme*),
    neither a guess (a scheme taken for a typing mistake), nor another way, nor a
    caveat after it. Two problems are equal when they say the same (*why*, *fix*)."""

    why: str
    fix: str
    write: str | None = field(default=None, compare=False)
    alone: bool = field(default=True, compare=False)
    other_scheme: str | None = field(default=None, compare=False)


def _write_it_as(why: str, origin: str, lead: str = "") -> OriginProblem:
    """The problem whose fix is to write *origin*, alone (*lead*: what to drop first,
    ``"drop the ':': "``)."""
    return OriginProblem(why, f"{lead}write it as {_quoted(origin)}", origin)


def _quoted(value: str) -> str:
    """*value*, an origin a fix names, in quotes: its ``repr`` where that shows more
    (an invisible character, a quote inside it)."""
    return f"'{value}'" if value.isprintable() and "'" not in value else repr(value)


def wildcard_in_a_list(option: str, meaning: str) -> tuple[str, str]:
    """Why ``"*"`` given as one item of *option*'s list (origins, methods or header
    names) is refused, and the fix: the wildcard is only ever the whole value
    (*meaning* says what it stands for there)."""
    return (
        "is the wildcard inside a list",
        f"pass {option}='*' as the whole value ({meaning}), not as an item of a list",
    )


def serialize_origin(scheme: str, host: str, port: int | None) -> str:
    """The serialized origin of a URL's *scheme*, *host* and *port* (None: none given),
    as a browser sends it in ``Origin`` (HTML standard, "serialization of an origin"):
    scheme in lower case and the host too where browsers send it so
    (:data:`LOWER_CASE_HOST_SCHEMES`), an IPv6 address in brackets in its canonical spelling,
    the scheme's default port (:data:`DEFAULT_PORTS`) left out."""
    scheme = scheme.lower()
    if scheme in LOWER_CASE_HOST_SCHEMES:
        host = host.lower()
    if ":" in host:
        try:
            host = _canonical_ipv6(ipaddress.IPv6Address(host))
        except ValueError:  # not an address: left as it is, for the caller to refuse
            pass
        host = f"[{host}]"
    if port is None or str(port) == DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def _canonical_ipv6(address: ipaddress.IPv6Address) -> str:
    """The URL standard's IPv6 serializer: lower-case hex, first longest zero run of
    two or more pieces compressed to ``::``, IPv4-mapped addresses in hex too."""
    pieces = [int(address.packed[i : i + 2].hex(), 16) for i in range(0, 16, 2)]
    best_start, best_len, start = -1, 1, -1
    for i, piece in enumerate([*pieces, 1]):
        if piece == 0 and start < 0:
            start = i
        elif piece != 0 and start >= 0:
            if i - start > best_len:
                best_start, best_len = start, i - start
            start = -1
    if best_start < 0:
        return ":".join(f"{p:x}" for p in pieces)
    head = ":".join(f"{p:x}" for p in pieces[:best_start])
    tail = ":".join(f"{p:x}" for p in pieces[best_start + best_len :])
    return f"{head}::{tail}"


def _check_host(
    host: str, scheme: str, port_part: str, pattern: bool = False
) -> OriginProblem | None:
    """What is wrong with the *host* of a configured origin (*pattern*: the base of a
    subdomain pattern, written after ``*.``), or None."""

    def suggest(why: str, new_host: str) -> OriginProblem:
        star = "*." if pattern else ""
        return _write_it_as(why, f"{scheme}://{star}{new_host}{port_part}")

    if host.startswith("["):
        if not host.endswith("]"):
            return OriginProblem("has an unterminated IPv6 literal", "close it with ']'")
        try:
            address = ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return OriginProblem(
                "has an invalid IPv6 literal", "write a valid IPv6 address in brackets"
            )
        canonical = f"[{_canonical_ipv6(address)}]"
        if host != canonical:
            return suggest(_IPV6_SPELLING, canonical)
        return None
    if not host:
        return OriginProblem("has no host", f"write a host: '{scheme}://app.example'")
    if not host.isascii():
        in_ascii = ascii_host(host)
        if in_ascii is None:
            return OriginProblem("has a host that is not a valid domain name", _NO_ASCII_FORM_FIX)
        dropped = sorted({f"U+{ord(c):04X}" for c in host if ord(c) in _UTS46_IGNORED})
        if dropped:
            return suggest(
                f"has an invisible character in the host ({', '.join(dropped)}), which"
                " browsers drop (UTS 46), sending the rest in its ASCII form",
                in_ascii,
            )
        return suggest("has a non-ASCII host; browsers send the punycode form", in_ascii)
    if host != host.lower() and scheme in LOWER_CASE_HOST_SCHEMES:  # else an opaque host
        return suggest(
            "has upper-case letters in the host; browsers send it in lower case", host.lower()
        )
    labels = host.split(".")
    # The URL parser reads a host ending in a number as an IPv4 address (one with a
    # trailing dot is told so below: the dot is the mistake to mend first).
    if scheme in LOWER_CASE_HOST_SCHEMES and not host.endswith(".") and ends_in_a_number(host):
        try:
            ipv4: str | None = str(ipaddress.IPv4Address(host))
        except ValueError:
            ipv4 = _loose_ipv4(labels)
        if ipv4 is None:
            return OriginProblem(
                "has a host that is neither a domain name nor an IPv4 address",
                "write the IPv4 address as four decimal numbers, e.g. '127.0.0.1'",
            )
        if ipv4 != host:
            return suggest(_IPV4_SPELLING, ipv4)
        return None
    if host.endswith("."):
        if not host.strip("."):
            return OriginProblem("has no host", f"write a host: '{scheme}://app.example'")
        undotted = suggest("has a trailing dot in the host", host.rstrip("."))
        if not pattern and without_trailing_dot(host) != host:
            # One dot after a DNS name: a real origin (the URL standard keeps the dot).
            return replace(
                undotted,
                why=_ANOTHER_ORIGIN_WITH_A_DOT,
                fix=undotted.fix + "; to allow that origin itself, use a function (or, in"
                " allow_origins, allow_origin_regex)",
                alone=False,
            )
        return undotted
    if not _within_dns_limits(host) or not all(_LABEL.fullmatch(label.lower()) for label in labels):
        return OriginProblem(
            "has a host that is not a valid domain name",
            "use letters, digits, '-' and '_' in dot-separated labels of at most"
            f" {_MAX_LABEL_LENGTH}"
            f" characters, {_MAX_HOST_LENGTH} in all",
        )
    for label in labels:
        if label.startswith("xn--") and not _is_punycode(label[4:]):
            return OriginProblem(
                f"has the label {label!r}, which is not valid Punycode, or not the form"
                " browsers give the label it decodes to: the URL standard's parser refuses"
                " the host (Chromium opens it all the same)",
                "write the name as it reads (e.g. 'https://bücher.example') and use the"
                " 'xn--' form this check then suggests; to allow such a name as it is,"
                " use a function (or, in allow_origins, allow_origin_regex)",
            )
    if any(label.startswith("xn--") for label in labels) and not _keeps_the_bidi_rule(labels):
        # What ascii_host refuses in a name written as it reads, read from its xn-- form.
        return OriginProblem(
            "has a name that breaks the Bidi rule (RFC 5893), read with its 'xn--' labels"
            " decoded: the URL standard's parser refuses the host (Chromium opens it all"
            " the same)",
            "fix the host: in a name with a right-to-left label, every label starts with a"
            " letter; a right-to-left one holds no left-to-right letter, ends with a"
            " letter or a digit, and mixes no European and Arabic-Indic digits; a"
            " left-to-right one holds no right-to-left character; to allow such a name as"
            " it is, use a function (or, in allow_origins, allow_origin_regex)",
        )
    return None


def _is_punycode(encoded: str) -> bool:
    """True if *encoded* (an ``xn--`` label without the prefix) decodes to a label
    beyond ASCII that a browser takes as it is (``_is_a_valid_unicode_label``: UTS 46's
    mapping leaves it unchanged, no leading combining mark, no control character, a
    joiner only after a virama), as an IDNA A-label must (UTS 46, "Validity
    Criteria", nontransitional: ``xn--zca``, "ß", passes)."""
    try:
        decoded = encoded.encode("ascii").decode("punycode")
    except UnicodeError:
        return False
    return not decoded.isascii() and _is_a_valid_unicode_label(decoded)


# UTS 46 reads these as label separators too, as browsers do.
_IDEOGRAPHIC_DOTS = str.maketrans(dict.fromkeys("\u3002\uff0e\uff61", "."))
# UTS 46 folds case as str.casefold() does, but for the letters nontransitional
# processing keeps, as browsers do: "ß" (and its capital, which it maps to "ß") and a
# final sigma "ς" as written; they are set aside around casefold(). (One that NFKC
# makes, of a mathematical letter, is folded.)
_SET_ASIDE = str.maketrans({"\u1e9e": "\ue000", "\u00df": "\ue000", "\u03c2": "\ue001"})
_SET_BACK = str.maketrans({"\ue000": "\u00df", "\ue001": "\u03c2"})


# An address or port written in a spelling browsers never send: the origin is the same,
# in another spelling (respelled).
_IPV4_SPELLING = "spells its IPv4 address in a form browsers never send"
_IPV6_SPELLING = "spells its IPv6 address in a form browsers never send"
_PORT_ZEROS = "has leading zeros in its port"


def respelled(origin: str) -> tuple[str, str] | None:
    """(why, the origin as browsers send it) for *origin* with an IPv4 or IPv6 address,
    or a port, written in a spelling no browser sends (``http://127.1``,
    ``http://[0:0::1]``, ``:08080``); else None. For ``allow_origin_regex``, whose
    alternative that is one origin written out would match nothing."""
    if len(origin) > MAX_ORIGIN_LENGTH:
        return None  # no origin: not read
    problem = parse_configured_origin(origin)
    if isinstance(problem, OriginProblem) and problem.why in (
        _IPV4_SPELLING,
        _IPV6_SPELLING,
        _PORT_ZEROS,
    ):
        if problem.write is not None and problem.alone:
            return problem.why, problem.write
    return None


# Why an origin with one dot after its DNS name is refused. Its fix names the origin
# without the dot, which is another one, so parse_configured_origin's chain of fixes
# stops there and names both.
_ANOTHER_ORIGIN_WITH_A_DOT = (
    "has a trailing dot in the host, which makes it another origin, sent only by a page"
    " opened at the name with the dot"
)


# UTS 46's "ignored" code points (IdnaMappingTable for Unicode 16, as Chromium and the
# idna package apply it): taken out of a host before anything else, so "☕\ufe0f" (an
# emoji with its variation selector) is "☕". The soft hyphen, zero-width space, word
# joiner and other invisible format characters, variation selectors, Hangul fillers.
_UTS46_IGNORED_RANGES = (
    *((0x00AD, 0x00AD), (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5)),
    *((0x180B, 0x180F), (0x200B, 0x200B), (0x2060, 0x2064), (0x206A, 0x206F)),
    *((0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0)),
    *((0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0100, 0xE01EF)),
)
_UTS46_IGNORED: dict[int, None] = {
    code: None for first, last in _UTS46_IGNORED_RANGES for code in range(first, last + 1)
}


def ascii_host(host: str) -> str | None:
    """The ``xn--`` form browsers give a non-ASCII *host*, for the suggested fix, or None
    when it cannot be one. UTS 46's ignored code points are dropped; the host is then
    NFKC-normalized and case-folded (UTS 46's mapping: full-width ``ｂ`` is ``b``,
    ``ⅷ`` is ``viii``, ``①`` is ``1``, ``Σ`` is ``σ`` and Cherokee its capitals, as
    Chromium's URL parser maps them; checked against the ``idna`` package over every
    letter), and each label left non-ASCII is Punycode-encoded (nontransitional
    processing: ``straße`` keeps its ``ß``, where Python's ``idna`` codec, IDNA 2003,
    would write ``strasse``). None, as the browser refuses the name, for a label that
    holds white space or a character that is not printable (but a joiner right after a
    virama) or starts with a combining mark (``_is_a_valid_unicode_label``), an
    ``xn--`` label that is not ASCII, or a name that breaks the Bidi rule
    (:func:`_keeps_the_bidi_rule`); None too, unchecked, for a non-joiner between
    Arabic letters, which browsers take."""
    labels = _uts46_mapped(host).split(".")
    out = []
    for label in labels:
        if label.isascii():
            out.append(label)
        elif _is_a_valid_unicode_label(label):
            out.append("xn--" + label.encode("punycode").decode("ascii"))
        else:
            return None
    return ".".join(out) if _keeps_the_bidi_rule(labels) else None


# The zero-width non-joiner and joiner, which a label may hold right after a virama.
_JOINERS = "\u200c\u200d"
# Canonical_Combining_Class of a virama (Unicode, "Canonical Combining Class Values").
_VIRAMA_CLASS = 9


def _uts46_mapped(host: str) -> str:
    """*host* as UTS 46's mapping leaves it, before any check: its ignored code points
    dropped, the ideographic full stops written in it read as dots, NFKC-normalized and
    case-folded but for the letters nontransitional processing keeps (``ß``), then in
    NFC. Once: a character NFKC makes a full stop (U+FE12) stays one, which a second
    mapping would change (``_is_a_valid_unicode_label`` refuses it)."""
    kept = host.translate(_UTS46_IGNORED).translate(_IDEOGRAPHIC_DOTS).translate(_SET_ASIDE)
    mapped = unicodedata.normalize("NFKC", kept).casefold().translate(_SET_BACK)
    return unicodedata.normalize("NFC", mapped)


def _is_a_valid_unicode_label(label: str) -> bool:
    """Whether *label*, beyond ASCII, may be a label of a host a browser opens (UTS 46,
    "Validity Criteria", as Chromium applies them): UTS 46's mapping leaves it as it is
    (``_uts46_mapped``: no upper case, no ignored code point, NFC, and no character
    that maps to a dot, such as U+FE12, which NFKC makes an ideographic full stop); it
    does not start with ``xn--`` (the form of a label, not one) or with a combining
    mark; and it holds no white space and no character that is not printable, but for
    a zero-width non-joiner or joiner right after a virama, as in Devanagari
    ``'\\u0915\\u094d\\u200d\\u0937'`` (RFC 5892, Appendix A.1 and A.2, CONTEXTJ;
    CheckJoiners). The non-joiner's other context, between Arabic letters that join,
    needs Unicode's Joining_Type, which ``unicodedata`` lacks: such a label is refused,
    and gets no fix rather than a wrong one."""
    if _uts46_mapped(label) != label or label.startswith("xn--"):
        return False
    if label[:1] and unicodedata.category(label[0]).startswith("M"):
        return False
    if label.isprintable():
        return " " not in label
    return all(
        (c.isprintable() and c != " ")
        or (c in _JOINERS and i > 0 and unicodedata.combining(label[i - 1]) == _VIRAMA_CLASS)
        for i, c in enumerate(label)
    )


# The fix for a name beyond ASCII that ascii_host has no ASCII form for.
_NO_ASCII_FORM_FIX = (
    "fix the host: browsers refuse a name with white space or an invisible character"
    " (but a joiner right after a virama), a label that starts with a combining mark,"
    " an 'xn--' label that is not ASCII, or a label that mixes right-to-left and"
    " left-to-right letters (the Bidi rule); a non-joiner between Arabic letters, which"
    " browsers take, is not read here: allow such a name with a function (or, in"
    " allow_origins, allow_origin_regex)"
)
# RFC 5893, section 2: the bidirectional classes a label of a name written right to left
# in part may hold, and end with (before any NSM), by the direction of its first letter.
_RTL_CLASSES = frozenset({"R", "AL", "AN"})
_RTL_LABEL = frozenset({"R", "AL", "AN", "EN", "ES", "CS", "ET", "ON", "BN", "NSM"})
_RTL_LABEL_END = frozenset({"R", "AL", "EN", "AN"})
_LTR_LABEL = frozenset({"L", "EN", "ES", "CS", "ET", "ON", "BN", "NSM"})
_LTR_LABEL_END = frozenset({"L", "EN"})


def _keeps_the_bidi_rule(labels: list[str]) -> bool:
    """RFC 5893's Bidi rule, which UTS 46 applies (CheckBidi, as Chromium does) to each
    label (Unicode, an ``xn--`` one decoded) of a name with a right-to-left character:
    a label starts with a letter; one that starts right to left holds no left-to-right
    letter, ends with a right-to-left letter or a digit, and mixes no European and
    Arabic digits; one that starts left to right holds no right-to-left character and
    ends with a letter or a European digit (``aא`` and ``1a.א`` break it)."""
    texts = []
    for label in labels:
        if label.startswith("xn--"):
            try:
                label = label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError):
                return False  # no Punycode: the browser refuses the name anyway
        texts.append([unicodedata.bidirectional(c) for c in label])
    if not any(_RTL_CLASSES.intersection(classes) for classes in texts):
        return True
    for classes in texts:
        if not classes:
            continue
        end = next((c for c in reversed(classes) if c != "NSM"), "NSM")
        if classes[0] in ("R", "AL"):
            if not (set(classes) <= _RTL_LABEL and end in _RTL_LABEL_END):
                return False
            if "EN" in classes and "AN" in classes:
                return False
        elif classes[0] != "L" or not (set(classes) <= _LTR_LABEL and end in _LTR_LABEL_END):
            return False
    return True


def registrable_domain(host: str) -> str | None:
    """The name someone registers, or is given whole, that *host* (a domain name in
    lower case) lies in: one label under the longest of :data:`SHARED_SUFFIXES` it
    ends with (``yours.github.io``, ``app.up.railway.app``), else its last two labels
    (``example.com``); None for a single label, an IPv4 address, or a shared suffix
    itself. A sample of the Public Suffix List: ``example.com.pe`` is read as
    ``com.pe``, a suffix this list lacks."""
    labels = host.rstrip(".").split(".")
    if len(labels) < 2 or ends_in_a_number(host) or ".".join(labels) in SHARED_SUFFIXES:
        return None
    for size in range(len(labels) - 1, 0, -1):
        if ".".join(labels[-size:]) in SHARED_SUFFIXES:
            return ".".join(labels[-size - 1 :])
    return ".".join(labels[-2:])


def url_host(host: str) -> str | None:
    """*host*, a special URL's host as written (any case; brackets off an IPv6
    address), as a browser's URL parser reads it (URL standard, "host parsing"), or
    None where the parser fails it (the browser refuses the URL). Give it the host as
    written, not :attr:`urllib.parse.SplitResult.hostname`, whose :meth:`str.lower`
    writes a final ``Σ`` as ``ς`` where UTS 46 maps it to ``σ``:

    * an IPv6 address in its canonical spelling (``0:0::1`` is ``::1``; a zone after
      ``%`` is kept as written);
    * a name beyond ASCII in its ``xn--`` form (:func:`ascii_host`: ``straße.example``
      is ``xn--strae-oqa.example``, where Python's ``idna`` codec writes
      ``strasse.example``);
    * a name that ends in a number (:func:`ends_in_a_number`) as an IPv4 address in
      dotted decimal (``2130706433``, ``127.1``, ``0x7f.0.0.1`` and ``127.0.0.1.`` are
      ``127.0.0.1``);
    * any other host in lower case."""
    if ":" in host:
        address, percent, zone = host.partition("%")
        try:
            return _canonical_ipv6(ipaddress.IPv6Address(address)) + percent + zone
        except ValueError:
            return None
    if not host.isascii():
        ascii_name = ascii_host(host)
        if ascii_name is None:
            return None
        host = ascii_name
    host = host.lower()
    if not ends_in_a_number(host):
        return host
    labels = host.split(".")
    if len(labels) > 1 and labels[-1] == "":
        labels = labels[:-1]
    return _loose_ipv4(labels)


def _loose_ipv4(labels: list[str]) -> str | None:
    """The URL standard's IPv4 parser: *labels* (a host's, split at its dots) as an
    address in dotted decimal, or None where it is none."""
    numbers = []
    for label in labels:
        number = _ipv4_number(label)
        if number is None:
            return None
        numbers.append(number)
    if not 1 <= len(numbers) <= 4 or any(n > 255 for n in numbers[:-1]):
        return None
    if numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    value = numbers[-1]
    for i, n in enumerate(numbers[:-1]):
        value += n * 256 ** (3 - i)
    return str(ipaddress.IPv4Address(value))


_RADIX_DIGITS = {16: frozenset("0123456789abcdefABCDEF"), 8: frozenset("01234567")}
#: The greatest number an IPv4 address's last part can be (a host of one number).
_HIGHEST_IPV4 = 256**4 - 1


def _ipv4_number(label: str) -> int | None:
    """The URL standard's IPv4 number parser: *label* (a part of a host) in hexadecimal
    after ``0x``, octal after another leading ``0``, else decimal, or None where it is
    empty or holds another character: a sign, ``_`` or white space, which ``int()``
    takes and a browser does not (``http://-1.9`` is no address), or a decimal number
    above any IPv4 address's."""
    if len(label) > 1 and label[:2].lower() == "0x":
        radix, digits = 16, label[2:]
    elif len(label) > 1 and label.startswith("0"):
        radix, digits = 8, label[1:]
    else:
        return whole_number(label, _HIGHEST_IPV4) if label else None
    if not set(digits) <= _RADIX_DIGITS[radix]:
        return None
    return int(digits, radix) if digits else 0


# Characters that mean a regular expression was written where an origin belongs; none
# of them can appear in a serialized origin ("[" can, around an IPv6 address). A host
# starting with ".*" is one too (".*.example.com").
_REGEX_SIGNS = ("^", "$", "\\", "(", ")", "+", "|", "{")
# ".*." or ".*\." and then a host of lower-case labels (a hyphen escaped or not), the
# whole rest of the regex but for a closing "$": the subdomain pattern it means.
_REGEX_LABEL = rf"(?:[{_LABEL_CHARS}]|\\-)+"
_REGEX_SUBDOMAINS = re.compile(rf"\.\*\\?\.((?:{_REGEX_LABEL}\\?\.)*{_REGEX_LABEL})\$?\Z", re.ASCII)


def _looks_like_regex(value: str) -> bool:
    scheme, sep, host = value.partition("://")
    # A scheme may hold "+" ("a+b://host"), and a pasted URL's path or query anything
    # ("/search?q=a+b"): after a scheme, only the authority is looked at.
    looked_at = host[: _authority_end(host)] if sep and is_url_scheme(scheme) else value
    return (host or value).startswith(".*") or any(sign in looked_at for sign in _REGEX_SIGNS)


def _public_suffix_problem(scheme: str, base: str, port_part: str) -> OriginProblem | None:
    """What is wrong with ``scheme://*.base`` (*base* a valid host) when its subdomains
    are sites anyone can have: a single-label or IP base other than ``localhost``
    (local development: no public suffix at stake), or one of
    :data:`SHARED_SUFFIXES`; else None."""
    if base == "localhost":
        return None
    # A base ending in a number is an IPv4 address for the URL parser under a special
    # scheme (_check_host), and reads as one under any: no registrable domain ends in
    # a number, so the test is the same for every scheme.
    if "." not in base or base.startswith("[") or ends_in_a_number(base.lower()):
        return OriginProblem(
            "allows subdomains of a single-label or IP base, which would match every site"
            " under a public suffix",
            "name a registrable domain, e.g. 'https://*.example.com'",
        )
    yours = f"list your own origins (e.g. '{scheme}://yours.{base}{port_part}')"
    if base in _HOSTING_SUFFIXES:
        return OriginProblem(f"allows subdomains of {base}, where anyone can put up a site", yours)
    if base in _REGISTRY_SUFFIXES:
        return OriginProblem(
            f"allows subdomains of {base}, a public suffix under which anyone can register a name",
            f"name a registrable domain under it (e.g. '{scheme}://*.example.{base}{port_part}'),"
            f" or {yours}",
        )
    return None


def regular_expression_fix(value: str, option: str) -> str:
    """The fix for a regular expression (its text, *value*) given where *option*
    (``allow_origins``, ``allow_credentials``) lists origins, as a string or compiled:
    in ``allow_origins``, ``allow_origin_regex``; in ``allow_credentials``, exact origins
    or, where every allowed origin may have credentials, ``allow_origin_regex`` with
    ``allow_credentials='*'``. The subdomain pattern it means is named when it is
    accepted; when the pattern is refused as one over anyone's sites (``.*\\.co\\.uk``),
    ``allow_credentials`` is told to list exact origins only."""
    return _regex_problem(value, option).fix


def _regex_problem(value: str, option: str) -> OriginProblem:
    """The problem of an entry that is a regular expression, pointing to
    ``allow_origin_regex`` (and to a subdomain pattern when that is what it means and
    it is accepted: not ``https://*.github.io`` for ``https://.*\\.github\\.io``)."""
    base = _REGEX_SUBDOMAINS.search(value)
    scheme = "http" if value.lstrip("^").startswith("http:") else "https"
    pattern = refused = None
    if base:
        host = base.group(1).replace("\\", "")
        candidate = f"{scheme}://*.{host}"
        if isinstance(_parse_once(candidate, option), SubdomainPattern):
            pattern = f"'{candidate}'"
        elif (strangers := _public_suffix_problem(scheme, host, "")) is not None:
            refused = f"'{candidate}' {strangers.why}"
    if option == "allow_credentials" and refused:
        # The regex over that base, beside allow_credentials='*', allows strangers
        # too (config.credentials_for_anyone): only exact origins are left to offer.
        fix = f"list the exact origins you trust in allow_credentials ({refused})"
    elif option == "allow_credentials":
        fix = "list exact origins or a subdomain pattern in allow_credentials" + (
            f" (here {pattern})" if pattern else ""
        )
        fix += (
            ", or, if every allowed origin may have credentials, match with"
            " allow_origin_regex and pass allow_credentials='*'"
        )
    else:
        fix = (
            "pass it as allow_origin_regex (a regular expression matched against the"
            f" whole origin, e.g. r'{EXAMPLE_ORIGIN_REGEX}')"
        )
        if pattern:
            fix += f", or list the subdomain pattern {pattern} in {option}"
    return OriginProblem("looks like a regular expression, not an origin", fix)


# Schemes whose pages have an opaque origin (sent as "null") or inherit their
# creator's: no browser sends them in Origin (URL standard, "origin").
_OPAQUE_SCHEMES = frozenset({"file", "about", "blob", "data", "javascript"})


def _scheme_problem(scheme: str, rest: str) -> OriginProblem | None:
    """What is wrong with *scheme* (lower case) in a configured origin, or None.

    The URL standard's special schemes other than ``http`` and ``https`` never make
    the origin of a page that sends a CORS request: a ``file:`` page has an opaque
    origin, sent as ``null`` (so have ``about:``, ``blob:``, ``data:`` and
    ``javascript:`` pages, or they inherit their creator's); ``ws:`` and ``wss:``
    name WebSocket servers, not pages; browsers no longer load pages over ``ftp:``.
    A scheme one letter or so from ``http`` or ``https`` is taken for a typing
    mistake. Any other valid scheme is a page's if a browser or web view gives that
    scheme tuple origins (extensions, app shells)."""
    if not is_url_scheme(scheme):
        return OriginProblem(
            f"has the invalid scheme {scheme!r}", "write a scheme and host: 'https://app.example'"
        )
    if scheme in _OPAQUE_SCHEMES:
        return OriginProblem(
            f"has the scheme {scheme!r}, whose pages have an opaque origin, which"
            " browsers send as 'null'",
            "list 'null' if such pages (a page opened from a file, for one) must read"
            f" responses; read the Security page first: {NULL_SENDERS}",
        )
    if scheme == "ftp":
        return OriginProblem(
            "has the scheme 'ftp', over which browsers no longer load pages",
            "use 'http' or 'https'",
        )
    if scheme in ("ws", "wss"):
        page = "http" if scheme == "ws" else "https"
        return OriginProblem(
            f"has the scheme {scheme!r} of a WebSocket server; Origin names the page",
            f"write the page's origin, e.g. '{_accepted_form(f'{page}://{rest}', page)}'",
        )
    if scheme in DEFAULT_PORTS:  # http, https, ...: no typing mistake to look for
        return None
    close = difflib.get_close_matches(scheme, DEFAULT_PORTS, n=1, cutoff=0.7)
    if close:
        return OriginProblem(
            f"has the scheme {scheme!r}, which looks like a typing mistake",
            f"did you mean '{close[0]}'? Write it as {_quoted(f'{close[0]}://{rest}')}",
            f"{close[0]}://{rest}",
            alone=False,  # a guess
        )
    return None


def _accepted_form(candidate: str, scheme: str) -> str:
    """*candidate* as :func:`parse_configured_origin` accepts it: itself, or the origin
    its fix names when that is accepted (``http://[::FFFF:1.2.3.4]:80/`` is
    ``http://[::ffff:102:304]``); else an example origin of *scheme*."""
    parsed = parse_configured_origin(candidate)
    if not isinstance(parsed, OriginProblem):
        return str(parsed)  # an origin, or a subdomain pattern as written
    if parsed.write is not None and not isinstance(
        parse_configured_origin(parsed.write), OriginProblem
    ):
        return parsed.write
    return f"{scheme}://app.example"


#: Who sends the origin ``null`` (an opaque origin), in the words of every fix that
#: says so: anyone can, so allowing it allows everyone (docs, Security).
NULL_SENDERS = (
    "sandboxed iframes (which any website can make), data: URLs and pages opened from a"
    " file all send null"
)
#: The ``allow_origin_regex`` fixes offer as an example: one label under a domain.
EXAMPLE_ORIGIN_REGEX = r"https://[a-z0-9-]+\.example\.com"


#: Why ``allow_origins="*"`` with ``allow_credentials="*"`` is refused (README
#: difference 7), in the words of every message that says so.
ANY_ORIGIN_WITH_CREDENTIALS = (
    "lets every website read its visitors' credentialed responses (cookies, HTTP authentication)"
)


def boolean_origins_fix(option: str, true: bool) -> str:
    """The fix for a boolean (``True``, or ``true`` as text) given where *option*
    names origins (``allow_origins``, ``allow_credentials``): what the other CORS
    libraries' boolean means, in ours (Falcon's meaning); for another option, an
    origin to write."""
    if option == "allow_credentials":
        if true:
            return (
                "allow_credentials names origins, as in Falcon: a list of trusted origins,"
                " or '*' for every origin allow_origins allows (the meaning of"
                " 'allow_credentials=True' in Starlette, 'supports_credentials=True' in"
                " flask-cors and 'CORS_ALLOW_CREDENTIALS = True' in django-cors-headers),"
                " which needs allow_origins to list them: '*' for both"
                f" {ANY_ORIGIN_WITH_CREDENTIALS}"
            )
        return "leave allow_credentials out (None, the default): no origin gets credentials"
    if option != "allow_origins":
        return "write an origin: 'https://app.example'"
    if true:
        return "allow_origins names origins: '*' for every origin, or a list of them"
    return (
        "allow_origins names origins: list the ones to allow (to allow none, do not wrap"
        " the application)"
    )


# A scheme and the rest, with a ':' and fewer or more than two '/', or '//' and no ':'.
_SCHEME_AND_SLASHES = re.compile(
    rf"({_SCHEME_PATTERN})(:/{{0,3}}|//)(.*)", re.ASCII | re.IGNORECASE | re.DOTALL
)


def whole_number(text: str, highest: int) -> int | None:
    """The number *text* writes in ASCII digits, leading zeros allowed, from 0 to
    *highest*; None for any other text or a greater number. Its significant digits are
    counted before ``int()`` reads them, since ``int()`` refuses 4,301 digits and more
    with ``ValueError``: the one reader of such digits, for a port
    (:func:`port_number`), a ``max_age`` written as text and the numbers of a
    ``Range`` header (``wsgi-cors check``)."""
    if not (text.isascii() and text.isdigit()):
        return None
    significant = text.lstrip("0") or "0"
    if len(significant) > len(str(highest)):
        return None
    number = int(significant)
    return number if number <= highest else None


def port_number(text: str) -> int | None:
    """The port *text*, ASCII digits (leading zeros allowed), stands for, from 0 to
    :data:`HIGHEST_PORT`; None for any other text (URL standard, "port state")."""
    return whole_number(text, HIGHEST_PORT)


def _ipv6_problem(scheme: str, authority: str) -> OriginProblem:
    """An IPv6 address without brackets, and the origin to write: with its last piece
    read as a port where that leaves an address too (``::1:3000``), else whole."""
    why = "has an IPv6 address without brackets"
    whole = f"{scheme}://[{_canonical_ipv6(ipaddress.IPv6Address(authority))}]"
    address, _, port = authority.rpartition(":")
    try:
        host = _canonical_ipv6(ipaddress.IPv6Address(address))
    except ValueError:
        return _write_it_as(why, whole)
    if port_number(port) is None:
        return _write_it_as(why, whole)
    with_port = f"{scheme}://[{host}]:{port}"
    fix = f"write it as {_quoted(with_port)} (or {_quoted(whole)}, if it is all the address)"
    return OriginProblem(why, fix, with_port, alone=False)


def _invalid_port_problem(scheme: str, host: str, port: str, option: str) -> OriginProblem:
    """A port that is no number from 0 to 65535. For ``*`` after a host that is
    fine (``'http://localhost:*'``, meant as every port), the regex that says so."""
    if not port:  # "https://a.example:", which a browser reads as the default port
        return _write_it_as(
            "has a ':' and no port after it", f"{scheme}://{host}", "drop the ':': "
        )
    why = f"has the invalid port {port!r}"
    if port != "*" or "*" in host or _check_host(host, scheme, "") is not None:
        return OriginProblem(why, f"use a number from 0 to {HIGHEST_PORT}")
    every_port = re.escape(f"{scheme}://{host}") + "(:[0-9]+)?"
    return OriginProblem(
        why, _list_or_regex(f"list each port ('{scheme}://{host}:3000')", every_port, option)
    )


def _no_scheme_problem(value: str, option: str) -> OriginProblem:
    """What *value*, without ``://``, is, and the origin to write: nothing, a boolean
    or ``none`` written as in settings, a host, or a scheme with one slash or none."""
    if not value:
        return OriginProblem("is empty", "remove it, or write an origin: 'https://app.example'")
    lower = value.lower()
    if lower in TRUE_WORDS or lower in FALSE_WORDS:
        return OriginProblem(
            "is a boolean, not an origin", boolean_origins_fix(option, lower in TRUE_WORDS)
        )
    if lower == NONE_WORD:
        return OriginProblem("is not an origin", "remove it")
    host = value.removeprefix("//")
    written = _SCHEME_AND_SLASHES.fullmatch(value)
    if written is not None:
        scheme, sep, rest = written[1], written[2], written[3]
        # A port, as in 'localhost:3000' ('localhost:3000/', 'localhost:3000?v=1' and
        # 'localhost:*' too), or 'http:3000'.
        port = _authority_written(rest)
        port_like = sep == ":" and (port.isdigit() or port == "*")
        special = scheme.lower() in DEFAULT_PORTS
        if special and (not rest or port_like):
            return OriginProblem(
                "has no host",
                f"write a host: '{scheme.lower()}://localhost{':' * bool(rest)}{port}'",
            )
        if rest and not port_like:
            return _write_it_as("has its scheme without '://'", f"{scheme}://{rest}")
    # A scheme's default port names the scheme: 'a.example:80' is 'http://a.example', as
    # a browser sends it. The other scheme is not offered, since with it that port
    # makes another origin ('https://a.example:80').
    named = _scheme_with_default_port(host)
    if named is not None:
        return _write_it_as("has no scheme", f"{named}://{host}")
    # localhost:3000: http, as development servers serve; else https.
    scheme, other = ("http", "https") if _runs_a_development_server(host) else ("https", "http")
    return OriginProblem(
        "has no scheme",
        f"write it as {_quoted(f'{scheme}://{host}')} (or with {other}://)",
        f"{scheme}://{host}",
        other_scheme=other,
    )


def _scheme_with_default_port(rest: str) -> str | None:
    """The scheme whose default port (:data:`DEFAULT_PORTS`) *rest* has, an origin
    written without its scheme (a path after it is ignored), or None: 'a.example:80/'
    names http, 'a.example:0443' https. An IPv6 address without brackets has no port
    here."""
    port = port_number(_host_and_port(rest)[1] or "")
    return next((scheme for scheme, default in DEFAULT_PORTS.items() if port == int(default)), None)


def _authority_written(text: str) -> str:
    """The authority at the start of *text*, an origin written without its scheme:
    all before a path, query or fragment ('a.example:80' of 'a.example:80/x?y';
    :func:`_authority_end`)."""
    return text[: _authority_end(text)]


def _host_and_port(text: str) -> tuple[str, str | None]:
    """The host and the port text (None: no ':' after the host) of the
    :func:`authority <_authority_written>` at the start of *text*, as written, any
    user info ('user@') dropped: '[::1]:3000' is ``('[::1]', '3000')``; an IPv6
    address without brackets ('::1') is a host without a port."""
    authority = _authority_written(text).rpartition("@")[2]
    if authority.startswith("["):
        host, bracket, after = authority.partition("]")
        return host + bracket, after[1:] if after.startswith(":") else None
    if authority.count(":") != 1:
        return authority, None
    host, _, port = authority.partition(":")
    return host, port


def is_localhost_name(host: str) -> bool:
    """``localhost`` or a name under it (``api.localhost``), in any case, with or
    without a final dot: loopback, whatever DNS says, as browsers resolve it (RFC 6761,
    6.3; Secure Contexts)."""
    host = host.lower().rstrip(".")
    return host == "localhost" or host.endswith(".localhost")


_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")  # RFC 6598, carrier NAT


#: Local Network Access's address spaces (:func:`address_space`), the more local the
#: greater: this machine, a local network, the rest.
LOOPBACK_SPACE, LOCAL_SPACE, PUBLIC_SPACE = 2, 1, 0


def address_space(host: str) -> int:
    """Local Network Access's address space of *host* (a name, an IPv4 address, an
    IPv6 address with or without brackets), as far as its name tells:
    :data:`LOOPBACK_SPACE` (a :func:`localhost name <is_localhost_name>` too),
    :data:`LOCAL_SPACE` for a private, shared or link-local address,
    :data:`PUBLIC_SPACE` for the rest (other names are not resolved). Chromium asks the
    user's permission before a page reaches a more local space than its own."""
    if is_localhost_name(host):
        return LOOPBACK_SPACE
    try:
        address = ipaddress.ip_address(host.strip("[]").rstrip("."))
    except ValueError:
        return PUBLIC_SPACE
    if address.is_loopback:
        return LOOPBACK_SPACE
    shared = isinstance(address, ipaddress.IPv4Address) and address in _SHARED_ADDRESS_SPACE
    local = address.is_private or address.is_link_local or shared
    return LOCAL_SPACE if local else PUBLIC_SPACE


def _runs_a_development_server(authority: str) -> bool:
    """True when *authority* (``host[:port]``) is this machine or a local network
    (:func:`address_space`), where a development server is served over ``http``."""
    return address_space(_host_and_port(authority)[0]) > PUBLIC_SPACE


def parse_configured_origin(
    value: str, option: str = "allow_origins"
) -> str | SubdomainPattern | OriginProblem:
    """Check one configured origin, an entry of *option* (``allow_origins`` or
    ``allow_credentials``, named in the fix).

    Returns the origin itself when it is a canonical serialized origin (or ``null``),
    a :class:`SubdomainPattern` for ``scheme://*.base[:port]``, or an
    :class:`OriginProblem` saying what is wrong and how to fix it. Rules: Fetch
    standard "Origin header" and the URL standard's origin serialization (README
    difference 8: Falcon compares any string). Besides ``http`` and ``https``, a
    scheme that is not one of the URL standard's special schemes is accepted as
    written: pages of browser extensions (``chrome-extension://ID``,
    ``moz-extension://UUID``) and of app web views (``capacitor://localhost`` on iOS,
    ``tauri://localhost``) send such an origin.
    The mistakes users make most are told first: several origins in one string, a
    regular expression, the wildcard in a list.
    """
    parsed = _parse_once(value, option)
    if not isinstance(parsed, OriginProblem):
        return parsed
    # Follow the fix through, so that it names an origin that is accepted where one
    # round would name the next mistake: 'HTTPS://A.example/x' is 'https://a.example'.
    if parsed.write is None:
        return parsed
    candidate, rounds = parsed.write, 0
    while True:
        again = _parse_once(candidate, option)
        fix = parsed.fix.replace(_quoted(parsed.write), _quoted(candidate), 1)
        if not isinstance(again, OriginProblem):
            return replace(parsed, fix=fix, write=candidate)
        rounds += 1
        if (
            again.write is None
            or not again.alone
            or again.other_scheme is not None
            or again.why == _ANOTHER_ORIGIN_WITH_A_DOT
            or rounds == _MAX_FIX_ROUNDS
        ):
            # The origin the fix names is refused too: for a reason no rewrite mends
            # ('https:///' is 'https://', which has no host), with a fix that says more
            # than the origin to write (a guess, a caveat, another way, the other
            # scheme: ' NULL' is 'NULL', which is 'null' only "if you mean it"), by one
            # that names another origin ('https://A.example.' is 'https://a.example.',
            # whose page sends it with the dot), or after every round. Say so, and
            # what then; it names no origin to write now.
            return OriginProblem(parsed.why, f"{fix}; that {again.why}: {again.fix}")
        candidate = again.write


def origins_once_fixed(
    problem: OriginProblem, option: str = "allow_origins"
) -> tuple[str | SubdomainPattern, ...] | None:
    """What an entry refused with *problem* allows once its fix is applied: the one
    origin (or pattern) the fix says to write, or both where it leaves the scheme to
    choose ('https://h' or with http://); None where the fix names no origin, several,
    or one refused in turn (a list, a regex, 'remove it', "; that ..."). Asked by the
    cross-checks of the options, so that they say now what they would say after it."""
    if problem.write is None or not problem.alone:
        return None
    candidates = [problem.write]
    if problem.other_scheme is not None:  # which the fix allows as well
        candidates.append(f"{problem.other_scheme}://{problem.write.partition('://')[2]}")
    rules = [parse_configured_origin(candidate, option) for candidate in candidates]
    if any(isinstance(rule, OriginProblem) for rule in rules):
        return None
    return tuple(rule for rule in rules if not isinstance(rule, OriginProblem))


#: The quotes an ``--env-file``, an ini file or a pasted list may leave around a value.
QUOTES = "'\""
# The fix for a value that holds no origin at all: quotes alone; "" or white space,
# which an unset environment variable read with a default of "" gives.
_NO_ORIGIN_FIX = "write an origin such as 'https://app.example.com'"
#: What most often gives an empty origin, as the fix for one says (the demo tells its
#: own causes instead).
EMPTY_ORIGIN_CAUSE = (
    "an environment variable read with a default of '' gives this when it is not set"
)
_EMPTY_ORIGIN_FIX = f"{_NO_ORIGIN_FIX} ({EMPTY_ORIGIN_CAUSE})"
_MAX_FIX_ROUNDS = 8  # each mends one mistake: more than any entry a person writes


def semicolon_separated(value: str) -> list[str] | None:
    """The origins of *value* when it is several written with ``;`` between them
    (``https://a.example;https://b.example``), as other settings files separate them,
    maybe with commas or white space too; else None."""
    if ";" not in value:
        return None
    parts = [part.strip(QUOTES) for part in list_items(value.replace(";", ","))]
    return parts if _several_origins(parts) else None


def _several_origins(parts: list[str]) -> bool:
    """Whether the *parts* of one value are several origins: two at least have a
    scheme (one ``;`` or space alone may be a typo inside one origin, or part of an
    opaque host)."""
    return sum("://" in part for part in parts) > 1


def _question_mark_problem(extra: str, option: str) -> OriginProblem | None:
    """A ``?`` after an origin's authority whose *extra* (the rest, from the ``?``) is
    no plain query could be wsgicors's ``fnmatch`` glob, one character of a host or a
    port (``https://app?.example.com``, ``http://localhost:300?``,
    ``http://192.168.1.?``) as well as a query (``https://a.example?v1.2``): neither
    reading is guessed, since each guess names an origin the user may not mean. None
    for a plain query: a ``=`` or ``&`` after a name without ``.`` or ``?``
    (``?next=https://b.example``, ``?a&b``)."""
    if not extra.startswith("?"):
        return None
    query = extra[1:]
    name = re.split(r"[=&]", query, maxsplit=1)[0]
    if ("=" in query or "&" in query) and not any(c in name for c in ".?/#"):
        return None
    return OriginProblem(
        "has a '?', which no origin has (a glob's one character, as wsgicors's fnmatch"
        " reads it, or the start of a query)",
        f"list each origin in full in {option}"
        + (", or match them with allow_origin_regex" if option == "allow_origins" else ""),
    )


def _list_or_regex(listing: str, pattern: str, option: str) -> str:
    """*listing* (how to list the origins meant), or for ``allow_origins`` the regex
    *pattern* (no quote in it) as ``allow_origin_regex`` too. Credentials go to the
    origins listed: ``allow_credentials='*'`` beside a regex would give them to every
    allowed origin, not only to the regex's."""
    if option != "allow_origins":
        return f"{listing} in {option}"
    return f"{listing}, or give allow_origin_regex=r'{pattern}'"


def _star_host_fix(scheme: str, host: str, port_part: str, option: str) -> str:
    """The fix for a ``*`` in a host that is no subdomain pattern: that pattern, with
    its port, and ``'*'`` for a host that is only ``*`` (``'http://*'``, meant as every
    origin); for a scheme whose hosts are no domains (``chrome-extension://*``), each
    origin."""
    if scheme not in DEFAULT_PORTS:
        return f"list each {scheme} origin, with its host"
    pattern = f"write a subdomain pattern as '{scheme}://*.example.com{port_part}'"
    if host != "*" or port_part:  # '*' would allow every scheme and port too
        return pattern
    every = "every origin" if option == "allow_origins" else "every allowed origin"
    return f"pass {option}='*' for {every}, or {pattern}"


def _authority_end(rest: str) -> int:
    """Where the authority of *rest* (a URL after its ``://``) ends: at its path,
    query or fragment, or at its end."""
    return min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))


def _as_a_list(items: list[str], option: str) -> str:
    """The fix for several origins written in one string: the list of *items*, each
    as its own fix writes it where that names one origin (``HTTP://A.example`` is
    ``'http://a.example'``)."""
    mended = []
    for item in items:
        parsed = parse_configured_origin(item, option)
        if (
            isinstance(parsed, OriginProblem)
            and parsed.write is not None
            and parsed.alone
            and parsed.other_scheme is None  # not a guess between two
        ):
            item = parsed.write
        mended.append(item)
    return f"pass a list instead: {mended!r}"


def _parse_once(
    value: str, option: str = "allow_origins"
) -> str | SubdomainPattern | OriginProblem:
    """One round of :func:`parse_configured_origin`: the first problem found."""
    if value == NULL_ORIGIN:
        return value
    if not value.strip():
        why = "is empty, which is no origin" if not value else "is only white space"
        return OriginProblem(why, _EMPTY_ORIGIN_FIX)
    listed = list_literal(value)
    if listed is not None:
        why = "is a list written as a string, its brackets and quotes read as part of it"
        if len(listed) == 1:
            return _write_it_as(why, listed[0])
        return OriginProblem(why, _as_a_list(listed, option) if listed else _NO_ORIGIN_FIX)
    unquoted = value.strip(QUOTES)
    # Quotes at its ends alone (a piece of a quoted list has one): the origin is what
    # they enclose. One inside too ("https://a.example'x'") encloses no part of it.
    if unquoted != value and not any(quote in unquoted for quote in QUOTES):
        if not unquoted.strip():
            return OriginProblem("is only quotes", _NO_ORIGIN_FIX)
        return _write_it_as("is in quotes", unquoted)
    if value.lower() == NULL_ORIGIN:
        return OriginProblem(
            "is not 'null' in lower case",
            f"write it as 'null', if you mean it: {NULL_SENDERS} (see the Security page)",
            NULL_ORIGIN,
            alone=False,  # a caveat
        )
    if value == "*":
        what = "every origin" if option == "allow_origins" else "every allowed origin"
        return OriginProblem(*wildcard_in_a_list(option, what))
    if value.lower() == "copy" and option == "allow_origins":  # wsgicors's origin = copy
        return OriginProblem(
            "is wsgicors's word for reflecting every origin",
            f"pass {option}='*' (every origin gets '*', or its own origin where"
            " allow_credentials names it)",
        )
    by_semicolon = semicolon_separated(value)
    if by_semicolon is not None:
        return OriginProblem(
            "looks like several origins in one string, separated by ';'",
            _as_a_list(by_semicolon, option),
        )
    if value.endswith(";") and value.rstrip(";"):  # copied with a statement's end
        return _write_it_as("ends with ';'", value.rstrip(";"))
    several = list_items(value)
    if len(several) > 1 and ("," in value or _several_origins(several)):
        return OriginProblem(
            "looks like several origins in one string", _as_a_list(several, option)
        )
    if _looks_like_regex(value):
        return _regex_problem(value, option)
    if _CONTROL_OR_SPACE.search(value):
        why = "contains white space or a control character"
        if value.strip() != value:
            return _write_it_as(why, value.strip())
        return OriginProblem(why, "remove the white space or control character")
    if "," in value:
        return OriginProblem(
            "contains a comma", "remove it; pass several origins as a list of strings"
        )
    scheme, sep, rest = value.partition("://")
    if not sep:
        return _no_scheme_problem(value, option)
    scheme_problem = _scheme_problem(scheme.lower(), rest)
    if scheme_problem is not None:
        return scheme_problem
    if rest.startswith("/") and rest.strip("/"):
        return _write_it_as(
            "has more than two '/' after its scheme", f"{scheme}://{rest.lstrip('/')}"
        )
    end = _authority_end(rest)
    if scheme != scheme.lower():
        # The host in lower case too where browsers send it so; a path that follows
        # is told next, and kept as written until then.
        lower = scheme.lower() in LOWER_CASE_HOST_SCHEMES
        host = (rest[:end].lower() if lower else rest[:end]) + rest[end:]
        return _write_it_as(
            "has an upper-case scheme; browsers send it in lower case", f"{scheme.lower()}://{host}"
        )
    if end < len(rest):
        authority, extra = rest[:end], rest[end:]
        question_mark = _question_mark_problem(extra, option)
        if question_mark is not None:
            return question_mark
        if extra == "/":
            return _write_it_as(
                "is not a serialized origin", f"{scheme}://{authority}", "drop the trailing '/': "
            )
        return _write_it_as(
            "has a path, query or fragment; an origin is only scheme://host[:port]",
            f"{scheme}://{authority}",
        )
    authority = rest
    if "@" in authority:
        return _write_it_as(
            "has user info; browsers never send it in Origin",
            f"{scheme}://{authority.rpartition('@')[2]}",
        )
    if authority.startswith(("[", "*.[")):  # an IPv6 literal, in a pattern too
        host, bracket, after = authority.partition("]")
        if not bracket:
            return OriginProblem("has an unterminated IPv6 literal", "close it with ']'")
        host += "]"
        if after and not after.startswith(":"):
            return OriginProblem("has text after its IPv6 literal", "remove it")
        port = after[1:] if after else None
    else:
        if authority.count(":") > 1:
            try:
                address = ipaddress.IPv6Address(authority)
            except ValueError:
                address = None
            if address is not None:
                return _ipv6_problem(scheme, authority)
        host, colon, port_text = authority.rpartition(":")
        if not colon:
            host, port = authority, None
        else:
            port = port_text
    port_part = f":{port}" if port is not None else ""
    if port is not None:
        number = port_number(port)
        if number is None:
            return _invalid_port_problem(scheme, host, port, option)
        if port != str(number):
            return _write_it_as(_PORT_ZEROS, f"{scheme}://{host}:{number}")
        if port == DEFAULT_PORTS.get(scheme):
            return _write_it_as(
                f"names the default port of {scheme}, which browsers never send",
                f"{scheme}://{host}",
                f"drop ':{port}': ",
            )
    if host.startswith("*."):
        base = host[2:]
        if "*" in base:
            return OriginProblem("has more than one '*'", "use a single leading '*.' label")
        problem = _check_host(base, scheme, port_part, pattern=True)
        if problem is not None:
            return problem
        if len(base) > _MAX_HOST_LENGTH - 2:  # a subdomain adds a label and a dot
            return OriginProblem(
                "has a base too long for any subdomain: a host has at most"
                f" {_MAX_HOST_LENGTH} characters",
                "name a shorter base",
            )
        if base == "localhost":  # local development: no public suffix at stake
            escaped = (
                re.escape(f"{scheme}://") + f"[{_LABEL_CHARS}]+\\.localhost" + re.escape(port_part)
            )
            return OriginProblem(
                "allows subdomains of a single-label base, which a pattern never does",
                _list_or_regex("list the origins", escaped, option),
            )
        problem = _public_suffix_problem(scheme, base, port_part)
        if problem is not None:
            return problem
        return SubdomainPattern(scheme, base, port)
    if "*" in host:
        return OriginProblem(
            "has a '*' that is not a whole leading label",
            _star_host_fix(scheme, host, port_part, option),
        )
    problem = _check_host(host, scheme, port_part)
    if problem is not None:
        return problem
    return value
