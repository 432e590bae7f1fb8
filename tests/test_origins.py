"""``wsgi_cors.origins``: which origins a configured set holds, table by table.

The rules are those of docs/configuration.rst ('allow_origins', 'allow_origin_regex'),
README differences 4 and 8, and the Fetch standard ("Origin header"): an exact origin is
compared as written; a subdomain pattern ``scheme://*.base[:port]`` holds every subdomain of
*base*, at any depth, on that scheme and port, and nothing else; a regular expression must
match the whole origin; ``null``, junk and over-long values are held only when listed
exactly, or when the set is ``"*"``. The messages of bad configured origins are tested in
tests/test_validation.py.
"""

from __future__ import annotations

import ast
import re
from typing import cast

import pytest

from wsgi_call import call, plain_app
from wsgi_cors import CORSConfigurationError, CORSMiddleware
from wsgi_cors.origins import _UTS46_IGNORED as UTS46_IGNORED
from wsgi_cors.origins import (
    HIGHEST_PORT,
    MAX_ORIGIN_LENGTH,
    ORIGIN_CHARACTERS,
    SHARED_SUFFIXES,
    OriginCallableError,
    OriginProblem,
    OriginSet,
    SubdomainPattern,
    ascii_host,
    ends_in_a_number,
    is_serialized_origin,
    is_url_scheme,
    list_literal,
    origins_once_fixed,
    parse_configured_origin,
    port_number,
    registrable_domain,
    serialize_origin,
    url_host,
    without_trailing_dot,
)


def pattern(value: str) -> SubdomainPattern:
    parsed = parse_configured_origin(value)
    assert isinstance(parsed, SubdomainPattern), parsed
    return parsed


LIST_AS_A_STRING = "is a list written as a string, its brackets and quotes read as part of it"
#: A Safari web extension's origin, its UUID in upper case as Safari makes it.
SAFARI_EXTENSION = "safari-web-extension://2AB33852-D69B-4ED6-99AD-A4839DFEC7ED"

#: The longest base a subdomain pattern may have: a subdomain adds a label and a dot
#: to its 251 characters, and a host has at most 253.
LONGEST_BASE = ".".join(["a" * 62] * 4)
OVER_LONG = "https://" + "a" * MAX_ORIGIN_LENGTH + ".foo.com"  # a subdomain, but too long


def dns_name(length: int, label: int = 63) -> str:
    """A host name of *length* characters: labels of *label* letters at most, joined by
    dots."""
    labels, left = [], length
    while left > label:
        take = min(label, left - 2)  # a label, a dot, and one character at least
        assert take > 0, (length, label)
        labels.append("a" * take)
        left -= take + 1
    labels.append("a" * left)
    return ".".join(labels)


#: The longest name DNS holds (RFC 1035, section 2.3.4): 253 characters, labels of 63.
LONGEST_NAME = dns_name(253)
#: A scheme that makes an origin with that name and the longest port 512 characters.
LONG_SCHEME = "s" * (MAX_ORIGIN_LENGTH - len(f"://{LONGEST_NAME}:65535"))
# The fix for a name beyond ASCII with no ASCII form a browser takes.
NO_ASCII_FORM_FIX = (
    "fix the host: browsers refuse a name with white space or an invisible character"
    " (but a joiner right after a virama), a label that starts with a combining mark,"
    " an 'xn--' label that is not ASCII, or a label that mixes right-to-left and"
    " left-to-right letters (the Bidi rule); a non-joiner between Arabic letters, which"
    " browsers take, is not read here: allow such a name with a function (or, in"
    " allow_origins, allow_origin_regex)"
)
JUNK = [
    pytest.param("null", id="null"),
    pytest.param("", id="empty"),
    pytest.param(" https://a.foo.com", id="leading-space"),
    pytest.param("https://a.foo.com ", id="trailing-space"),
    pytest.param("https://a.foo.com\r\n", id="crlf"),
    pytest.param("https://a.foo.com\r\nSet-Cookie: x=1", id="header-injection"),
    pytest.param("https://A.foo.com", id="upper-case-host"),
    pytest.param("HTTPS://a.foo.com", id="upper-case-scheme"),
    pytest.param("https://a.foo.com/", id="trailing-slash"),
    pytest.param("https://a.foo.com/path", id="path"),
    pytest.param("https://evil.com/.foo.com", id="path-ending-in-base"),
    pytest.param("https://evil.com?.foo.com", id="query-ending-in-base"),
    pytest.param("https://evil.com#.foo.com", id="fragment-ending-in-base"),
    pytest.param("https://user@a.foo.com", id="user-info"),
    pytest.param(OVER_LONG, id="over-long"),
]

FOO = OriginSet([pattern("https://*.foo.com")])
FOO_8443 = OriginSet([pattern("https://*.foo.com:8443")])
TRUSTED = OriginSet([], re.compile(r"https://trusted\.example"))
ANY_REGEX = OriginSet([], re.compile(r".*"))
EXACT = OriginSet(["https://a.example", "http://localhost:8000"])
ANY = OriginSet("*")
WITH_NULL = OriginSet(["null", pattern("https://*.foo.com")], re.compile(r".*"))

# (set, origin, expected `origin in set`)
MEMBERSHIP = [
    # exact origins: compared as written
    pytest.param(EXACT, "https://a.example", True, id="exact"),
    pytest.param(EXACT, "http://localhost:8000", True, id="exact-with-port"),
    pytest.param(EXACT, "http://a.example", False, id="exact-other-scheme"),
    pytest.param(EXACT, "https://a.example:8443", False, id="exact-other-port"),
    pytest.param(EXACT, "http://localhost", False, id="exact-port-missing"),
    pytest.param(EXACT, "https://b.a.example", False, id="exact-no-subdomain"),
    pytest.param(EXACT, "https://a.example.evil", False, id="exact-as-prefix"),
    pytest.param(EXACT, "https://A.example", False, id="exact-upper-case"),
    pytest.param(EXACT, "https://a.example/", False, id="exact-trailing-slash"),
    pytest.param(EXACT, "null", False, id="exact-null-unlisted"),
    # subdomain patterns: any depth, same scheme and port, not the base
    pytest.param(FOO, "https://a.foo.com", True, id="pattern-subdomain"),
    pytest.param(FOO, "https://a.b.c.foo.com", True, id="pattern-deep-subdomain"),
    pytest.param(FOO, "https://a-b.c_d.foo.com", True, id="pattern-dash-underscore"),
    pytest.param(FOO, "https://foo.com", False, id="pattern-base-itself"),
    pytest.param(FOO, "https://barfoo.com", False, id="pattern-suffix-confusion"),
    pytest.param(FOO, "https://a.barfoo.com", False, id="pattern-suffix-confusion-deep"),
    pytest.param(FOO, "https://foo.com.evil.io", False, id="pattern-base-as-prefix"),
    pytest.param(FOO, "https://a.foo.com.evil.io", False, id="pattern-subdomain-as-prefix"),
    pytest.param(FOO, "https://.foo.com", False, id="pattern-empty-label"),
    pytest.param(FOO, "https://a..foo.com", False, id="pattern-empty-inner-label"),
    # whole DNS labels (RFC 1035): letters, digits, inner hyphens, at most 63 characters
    pytest.param(FOO, "https://" + "a" * 63 + ".foo.com", True, id="pattern-longest-label"),
    pytest.param(FOO, "https://" + "a" * 64 + ".foo.com", False, id="pattern-label-over-long"),
    # The URL standard does not check hyphens (CheckHyphens false): Chromium sends
    # these, and they are subdomains (helper-129's review).
    pytest.param(FOO, "https://-x.foo.com", True, id="pattern-label-leading-hyphen"),
    pytest.param(FOO, "https://x-.foo.com", True, id="pattern-label-trailing-hyphen"),
    pytest.param(FOO, "http://a.foo.com", False, id="pattern-other-scheme"),
    pytest.param(FOO, "https://a.foo.com:8443", False, id="pattern-other-port"),
    pytest.param(FOO, "https://a.foo.com:8443.foo.com", False, id="pattern-port-inside"),
    pytest.param(FOO_8443, "https://a.foo.com:8443", True, id="pattern-port"),
    pytest.param(FOO_8443, "https://a.foo.com", False, id="pattern-port-missing"),
    pytest.param(FOO_8443, "https://a.foo.com:18443", False, id="pattern-port-suffix"),
    pytest.param(FOO_8443, "https://foo.com:8443", False, id="pattern-port-base-itself"),
    # a regex matches the whole origin
    pytest.param(TRUSTED, "https://trusted.example", True, id="regex"),
    pytest.param(TRUSTED, "https://trusted.example.attacker.io", False, id="regex-prefix"),
    pytest.param(TRUSTED, "https://trusted.example:8080", False, id="regex-port"),
    pytest.param(TRUSTED, "https://eviltrusted.example", False, id="regex-suffix"),
    pytest.param(TRUSTED, "https://trustedXexample", False, id="regex-escaped-dot"),
    pytest.param(TRUSTED, "http://trusted.example", False, id="regex-other-scheme"),
    pytest.param(ANY_REGEX, "https://anything.example", True, id="dot-star-regex"),
    pytest.param(ANY_REGEX, "https://" + "a" * MAX_ORIGIN_LENGTH, False, id="dot-star-over-long"),
    pytest.param(ANY_REGEX, "https://a.example/x", False, id="dot-star-path"),
    # null is held only when listed exactly (or by "*")
    pytest.param(WITH_NULL, "null", True, id="null-listed"),
    pytest.param(WITH_NULL, "https://a.foo.com", True, id="null-listed-pattern-still-works"),
    pytest.param(WITH_NULL, "Null", False, id="null-other-case"),
    # "*": everything, junk included
    pytest.param(ANY, "https://a.example", True, id="any"),
    pytest.param(ANY, "null", True, id="any-null"),
    pytest.param(ANY, "not an origin", True, id="any-junk"),
    pytest.param(ANY, "https://a.example\r\n", True, id="any-crlf"),
    pytest.param(ANY, "x" * (MAX_ORIGIN_LENGTH * 4), True, id="any-over-long"),
    # a host DNS holds no name of (a label over 63 characters, over 253 in all): no
    # pattern, regex or function is asked, but a listed origin is held as written
    pytest.param(ANY_REGEX, f"https://{LONGEST_NAME}", True, id="regex-longest-name"),
    pytest.param(ANY_REGEX, f"https://{dns_name(254)}", False, id="regex-name-over-long"),
    pytest.param(ANY_REGEX, "https://" + "a" * 64 + ".x", False, id="regex-label-over-long"),
    pytest.param(FOO, "https://" + "a" * 64 + ".foo.com", False, id="pattern-label-over-long-2"),
    pytest.param(
        OriginSet([f"https://{'a' * 64}.example"]),
        f"https://{'a' * 64}.example",
        True,
        id="listed-label-over-long",
    ),
    pytest.param(ANY, f"https://{dns_name(300)}", True, id="any-name-over-long"),
]


@pytest.mark.parametrize("origins, origin, expected", MEMBERSHIP)
def test_membership(origins, origin, expected):
    assert (origin in origins) is expected


class CountingRegex:
    """Stands in for ``allow_origin_regex``: it matches nothing, and keeps each origin it
    is asked about."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def fullmatch(self, origin: str) -> None:
        self.asked.append(origin)


def test_the_regex_is_never_asked_about_more_than_a_name_dns_holds() -> None:
    """The input an ``allow_origin_regex`` runs on is capped (docs/security.rst, "Slow
    regular expressions"): of every host from 1 to 300 characters (labels of 63, of 1,
    one label) on a special and an opaque scheme, with and without a port, the regex is
    asked about those of 253 characters at most with labels of 63 at most, each once,
    and no other; so a pattern whose time grows as a power of the host's length runs
    on 253 characters at most, not the 504 ``MAX_ORIGIN_LENGTH`` leaves."""
    regex = CountingRegex()
    origins = OriginSet([], cast("re.Pattern[str]", regex))
    within = []
    for length in range(1, 301):
        for host in {dns_name(length), dns_name(length, 2), "a" * length}:
            for origin in (f"https://{host}", f"tauri://{host}:65535"):
                assert origin not in origins
                if len(host) <= 253 and max(map(len, host.split("."))) <= 63:
                    within.append(origin)
    assert regex.asked == within
    hosts = [origin.partition("://")[2].partition(":")[0] for origin in regex.asked]
    assert max(map(len, hosts)) == 253
    assert max(len(label) for host in hosts for label in host.split(".")) == 63
    assert max(map(len, regex.asked)) == len("tauri://:65535") + 253


@pytest.mark.parametrize("origin", JUNK)
@pytest.mark.parametrize(
    "origins",
    [
        pytest.param(FOO, id="pattern"),
        pytest.param(ANY_REGEX, id="dot-star-regex"),
        pytest.param(OriginSet([pattern("https://*.foo.com")], re.compile(r"(?s).*")), id="both"),
    ],
)
def test_junk_is_never_matched_by_a_pattern_or_regex(origins, origin):
    assert origin not in origins


@pytest.mark.parametrize("origin", JUNK)
def test_junk_is_in_the_any_set(origin):
    assert origin in ANY


@pytest.mark.parametrize(
    "origins, expected",
    [
        pytest.param(ANY, True, id="any"),
        pytest.param(EXACT, False, id="exact-only"),
        pytest.param(OriginSet([]), False, id="empty"),
        pytest.param(OriginSet(["null"]), False, id="null-only"),
        pytest.param(FOO, True, id="pattern"),
        pytest.param(TRUSTED, True, id="regex"),
        pytest.param(OriginSet(["https://a.example"], re.compile("x")), True, id="exact-regex"),
    ],
)
def test_matches_unlisted(origins, expected):
    assert origins.matches_unlisted is expected


def tenant(origin: str) -> bool:
    return origin.endswith(".tenant.example")


@pytest.mark.parametrize(
    "origins, shown",
    [
        pytest.param(ANY, "OriginSet('*')", id="any"),
        pytest.param(
            OriginSet([f"https://{c}.example" for c in "edcba"]),
            f"OriginSet({[f'https://{c}.example' for c in 'abcde']!r})",
            id="exact-sorted",
        ),
        pytest.param(
            OriginSet([tenant, pattern("https://*.foo.com"), "null"], re.compile(r"https://t\.x")),
            f"OriginSet({['null', 'https://*.foo.com', repr(tenant)]!r}, regex='https://t\\\\.x')",
            id="every-kind",
        ),
    ],
)
def test_an_origin_set_shows_its_rules(origins, shown):
    """Exact origins sorted, then the patterns and the callables in the order given."""
    assert repr(origins) == shown


def test_a_raising_callable_names_itself_and_the_origin():
    def refuses(origin: str) -> bool:
        raise RuntimeError("database unavailable")

    with pytest.raises(OriginCallableError) as caught:
        _ = "https://a.example" in OriginSet([refuses])
    assert str(caught.value) == f"{refuses!r} raised for origin 'https://a.example'"
    assert caught.value.function is refuses and caught.value.origin == "https://a.example"
    assert isinstance(caught.value.__cause__, RuntimeError)


# URL standard, "ends in a number checker": a host whose last label is decimal digits,
# or "0x" and hex digits, is read as an IPv4 address (and refused unless it is one).
LAST_LABELS = [
    pytest.param("https://a.b.255", False, id="numeric-last-label"),
    pytest.param("https://a.09", False, id="decimal-label-leading-zero"),
    pytest.param("https://a.0xcafe", False, id="hex-last-label"),
    pytest.param("https://a.0x", False, id="bare-0x"),
    pytest.param("https://a.0x1g", True, id="hex-looking-label"),
    pytest.param("https://a.1e", True, id="digits-and-a-letter"),
    # Only a host parsed as a domain is (Chromium 156: chrome-extension://0x7f.1 is
    # chrome-extension://127.0.0.1); an opaque host is kept as written
    pytest.param("chrome-extension://a.0xcafe", False, id="chromium-standard-scheme"),
    pytest.param("safari-web-extension://a.0xcafe", True, id="opaque-host-hex"),
    pytest.param("tauri://10", True, id="opaque-host-digits"),
]


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("https://a.example", True, id="https"),
        pytest.param("http://localhost:8000", True, id="port"),
        pytest.param("http://127.0.0.1:5000", True, id="ipv4"),
        pytest.param("http://[::1]:8080", True, id="ipv6"),
        pytest.param(f"{LONG_SCHEME}://{LONGEST_NAME}:65535", True, id="max-length"),
        pytest.param(f"{LONG_SCHEME}s://{LONGEST_NAME}:65535", False, id="over-max-length"),
        # the documented limit, written as a number (docs/security.rst: "at most 512")
        pytest.param("s" * 253 + "://" + dns_name(253) + ":10", True, id="512-characters"),
        pytest.param("s" * 254 + "://" + dns_name(253) + ":10", False, id="513-characters"),
        # a name DNS holds: labels of at most 63 characters, 253 in all (RFC 1035,
        # section 2.3.4), which the URL standard does not check; as in configuration
        # (test_parse_configured_origin_refuses), for every scheme's host
        *(
            pytest.param(f"{scheme}://{host}{port}", expected, id=f"{scheme}-{case}")
            for scheme in ("https", "ws", "safari-web-extension", "tauri")
            for host, port, expected, case in [
                ("a" * 63 + ".example", "", True, "longest-label"),
                ("a" * 64 + ".example", "", False, "label-over-long"),
                ("a" * 64, "", False, "one-label-over-long"),
                ("x." + "a" * 64, ":8080", False, "last-label-over-long"),
                ("a" * 63, "", True, "one-longest-label"),
                (LONGEST_NAME, "", True, "longest-name"),
                (LONGEST_NAME, ":65535", True, "longest-name-port"),
                (LONGEST_NAME + ".", "", True, "longest-name-trailing-dot"),
                (dns_name(254), "", False, "name-over-long"),
                (dns_name(255, 1), "", False, "name-over-long-short-labels"),
                (dns_name(253, 1), ":1", True, "longest-name-short-labels"),
            ]
        ),
        # addresses have their own bounds
        pytest.param(
            "http://[1234:5678:9abc:def0:1234:5678:9abc:def0]:65535", True, id="ipv6-longest"
        ),
        pytest.param("http://255.255.255.255:65535", True, id="ipv4-longest"),
        pytest.param("null", False, id="null"),
        pytest.param("", False, id="empty"),
        pytest.param("a.example", False, id="no-scheme"),
        pytest.param("https://", False, id="no-host"),
        pytest.param("https://a.example:", False, id="empty-port"),
        pytest.param("https://a.example:123456", False, id="six-digit-port"),
        pytest.param("https://a.example\n", False, id="trailing-newline"),
        pytest.param("https://a.exa mple", False, id="space"),
        pytest.param("https://a.example\x00", False, id="nul"),
        pytest.param("https://bücher.example", False, id="non-ascii"),
        pytest.param("https://A.example", False, id="upper-case"),
        pytest.param("https://a.example?", False, id="query"),
        pytest.param("https://[::1", False, id="unterminated-ipv6"),
        pytest.param("https://[.]", False, id="ipv6-no-address"),
        pytest.param("https://[:]", False, id="ipv6-lone-colon"),
        pytest.param("https://[1:2:3:4:5:6:7:8:9]", False, id="ipv6-nine-pieces"),
        pytest.param("https://[0:0::1]", False, id="ipv6-not-compressed"),
        pytest.param("https://[1:0:2:3:4:5:6:7]", True, id="ipv6-one-zero-piece-as-is"),
        pytest.param("https://[::ffff:1.2.3.4]", False, id="ipv6-dotted-tail"),
        pytest.param("https://[::ffff:102:304]", True, id="ipv6-mapped-as-sent"),
        pytest.param("https://[2001:db8::1:0:0:1]", True, id="ipv6-first-longest-run"),
        pytest.param("https://[2001:db8:0:0:1::1]", False, id="ipv6-wrong-run-compressed"),
        # What the URL standard's parser rewrites or refuses, so no browser sends it
        pytest.param("https://a.example:443", False, id="https-default-port"),
        pytest.param("http://a.example:80", False, id="http-default-port"),
        pytest.param("https://[::1]:443", False, id="ipv6-default-port"),
        pytest.param("http://a.example:443", True, id="other-scheme's-default-port"),
        pytest.param("https://a.example:4430", True, id="default-port-prefix"),
        pytest.param("https://a.example:65535", True, id="highest-port"),
        pytest.param("https://a.example:65536", False, id="port-out-of-range"),
        pytest.param("https://a.example:99999", False, id="five-digit-port-out-of-range"),
        pytest.param("https://a.example:0443", False, id="port-leading-zero"),
        pytest.param("https://a.example:0", True, id="port-zero"),
        pytest.param("https://a.example.", True, id="domain-trailing-dot"),
        pytest.param("https://255.255.255.255", True, id="ipv4-highest"),
        pytest.param("https://256.0.0.1", False, id="ipv4-octet-out-of-range"),
        pytest.param("https://01.2.3.4", False, id="ipv4-leading-zero"),
        pytest.param("https://0x7f.0.0.1", False, id="ipv4-hex"),
        pytest.param("https://1.2.3", False, id="ipv4-three-parts"),
        pytest.param("https://1", False, id="ipv4-one-part"),
        pytest.param("https://1.2.3.4.5", False, id="ipv4-five-parts"),
        pytest.param("https://1.2.3.4.", False, id="ipv4-trailing-dot"),
        *LAST_LABELS,
        pytest.param("https://1.2.3.4.example", True, id="numeric-labels-inside"),
        pytest.param("https://4chan.example", True, id="label-starting-with-a-digit"),
        # URL standard, "opaque-host parser": the host of a scheme that is not special
        # keeps its case (Safari's extension pages); Chromium lower-cases its own
        # extension scheme
        pytest.param(SAFARI_EXTENSION, True, id="safari-extension-upper-case-uuid"),
        pytest.param("tauri://Local.Host", True, id="opaque-host-any-case"),
        pytest.param("chrome-extension://ABCDEF", False, id="chrome-extension-upper-case"),
        pytest.param("isolated-app://ABC", False, id="isolated-app-upper-case"),
        pytest.param("http://LOCALHOST:3000", False, id="http-upper-case"),
        pytest.param("wss://A.example", False, id="special-scheme-upper-case"),
        pytest.param("Safari-web-extension://a", False, id="upper-case-scheme"),
        # mutation review: upper case after the host's first letter; a scheme that
        # merely starts like one of LOWER_CASE_HOST_SCHEMES has an opaque host
        pytest.param("https://a.Example", False, id="upper-case-in-a-later-label"),
        pytest.param("httpx://Local.Host", True, id="opaque-host-of-a-scheme-like-http"),
    ],
)
def test_is_serialized_origin(value, expected):
    assert is_serialized_origin(value) is expected


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("https://a.example", "https://a.example", id="origin"),
        pytest.param("http://[::1]:8080", "http://[::1]:8080", id="ipv6-origin"),
        pytest.param("null", "null", id="null"),
        pytest.param(SAFARI_EXTENSION, SAFARI_EXTENSION, id="safari-extension"),
        pytest.param(
            "https://*.example.com", SubdomainPattern("https", "example.com", None), id="pattern"
        ),
        pytest.param(
            "http://*.a.example.com:8080",
            SubdomainPattern("http", "a.example.com", "8080"),
            id="pattern-deep-base-port",
        ),
        # A label of digits inside the base is no IP address: only the last one says so.
        pytest.param(
            "https://*.a.1.com",
            SubdomainPattern("https", "a.1.com", None),
            id="pattern-digit-label-base",
        ),
        pytest.param(
            "https://*." + LONGEST_BASE,
            SubdomainPattern("https", LONGEST_BASE, None),
            id="pattern-longest-base",
        ),
    ],
)
def test_parse_configured_origin_accepts(value, expected):
    parsed = parse_configured_origin(value)
    assert parsed == expected
    assert type(parsed) is type(expected)
    assert str(parsed) == value  # a pattern prints as it was written


@pytest.mark.parametrize("value, is_origin", LAST_LABELS)
def test_configuration_and_requests_agree_on_a_host_ending_in_a_number(value, is_origin):
    """URL standard, "ends in a number checker": one rule for both, so that a
    configured origin is refused exactly when no browser can send it."""
    assert is_serialized_origin(value) is is_origin
    assert (parse_configured_origin(value) == value) is is_origin


@pytest.mark.parametrize(
    ("host", "read"),
    [
        ("api.example.com", "api.example.com"),
        ("127.1", "127.0.0.1"),
        ("0x7f.0.0.1.", "127.0.0.1"),
        ("1.2.3.999", None),  # ends in a number, no IPv4 address: the URL is refused
        # A sign, "_" or white space in a part: no number to a browser, where int()
        # reads one (helper-170: "-1.9" raised AddressValueError, "1_0.0.0.1" was
        # read as 10.0.0.1).
        ("-1.9", None),
        ("0x-1.2", None),
        ("1_0.0.0.1", None),
        ("-0.1.2.3", None),
        ("0x.0X1.0", "0.1.0.0"),  # "0x" alone is 0
        ("4294967295", "255.255.255.255"),
        ("4294967296", None),
        ("1." + "9" * 5000, None),  # beyond int()'s digits: no ValueError either
        ("0:0::1", "::1"),  # the canonical spelling (helper-152: Host sent as written)
        ("::ffff:127.0.0.1", "::ffff:7f00:1"),
        ("fe80::1%eth0", "fe80::1%eth0"),  # a zone, for a link-local test, as written
        ("straße.example", "xn--strae-oqa.example"),  # UTS 46 (the idna codec: strasse)
        ("ΣΟΦΟΣ1.localhost", "xn--1-rmbaocq.localhost"),  # Σ is σ, as written in any case
        ("API.Example.COM", "api.example.com"),
        ("☕\ufe0f.example", "xn--53h.example"),  # an ignored code point left out
        ("a\u2028b.example", None),  # a line separator: no name holds one
        ("a\u00adb.example", "ab.example"),  # a soft hyphen, which UTS 46 ignores
        ("\u0915\u094d\u200d\u0937.example", "xn--11b2ezcw70k.example"),  # a joiner
    ],
)
def test_url_host_reads_a_host_as_a_browser_url_parser_does(host: str, read: str | None) -> None:
    """URL standard, "host parsing", as Chromium applies it: one reading for the host
    ``wsgi-cors check`` connects to, sends in ``Host`` and compares as an origin."""
    assert url_host(host) == read


@pytest.mark.parametrize(
    "name",
    [
        "aא.example",  # a left-to-right label with a right-to-left letter
        "אa.example",  # the other way round
        "٣a.example",  # starts with an Arabic digit, no letter
        "א٣1.example",  # Arabic and European digits in one label
        "a-א.example",
        "xn--é.example",  # an xn-- label that is not ASCII
        "עברית.example",
        "א1.example",
        "مثال.إختبار",
        "a.b.عربي",
        "א-1.example",
        "\u05d0\u0591.example",  # a mark after the letter
        "עברית.xn--bcher-kva.example",
    ],
)
def test_ascii_host_refuses_the_names_a_browser_refuses(name: str) -> None:
    """UTS 46 as Chromium applies it: an xn-- label that is not ASCII, and a name that
    breaks RFC 5893's Bidi rule, have no ASCII form (the idna package, uts46=True,
    agrees on each of these); ascii_host gave one, and wsgi-cors check sent it, where
    the browser refuses the URL (helper-154)."""
    idna = pytest.importorskip("idna")
    try:
        expected: str | None = idna.encode(name, uts46=True).decode("ascii")
    except idna.IDNAError:
        expected = None
    assert ascii_host(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # A joiner or non-joiner right after a virama (RFC 5892, CONTEXTJ): kept, as
        # Chromium and the idna package keep it (xn--11b2ezcw70k); refused before.
        ("\u0915\u094d\u200d\u0937.example", "xn--11b2ezcw70k.example"),
        ("\u0915\u094d\u200c\u0937.example", "xn--11b2ezcs70k.example"),
        ("\u0d15\u0d4d\u200d.example", "xn--bwc6iy31d.example"),  # Malayalam
        # Anywhere else, the name is refused, as a browser refuses it.
        ("\u0915\u200d\u0937.example", None),  # no virama before it
        ("\u200d\u0915.example", None),  # the label's first character
        ("ab\u200c.example", None),
        ("a\u200d.example", None),
        # A label never starts with a combining mark, a virama included (UTS 46).
        ("\u094d.example", None),
        ("a.\u094d\u200d.example", None),
        ("\u0301a.example", None),
        # U+FE12, which NFKC makes an ideographic full stop, which UTS 46 maps to a
        # dot: no label holds it (helper-169: 'xn--r6j' was suggested, then refused).
        ("\ufe12.example", None),
        ("a\ufe12.example", None),
    ],
)
def test_ascii_host_reads_joiners_and_combining_marks_as_browsers_do(
    name: str, expected: str | None
) -> None:
    """The table is what the idna package (UTS 46, nontransitional) says, where it is
    installed; the assertions on wsgi-cors run without it."""
    assert ascii_host(name) == expected
    configured = parse_configured_origin(f"https://{name}")
    if expected is None:
        assert isinstance(configured, OriginProblem)
    else:  # the fix names the xn-- form, which is accepted in turn
        assert configured.fix == f"write it as 'https://{expected}'"
        assert parse_configured_origin(f"https://{expected}") == f"https://{expected}"
    try:
        import idna
    except ImportError:
        return
    try:
        browser: str | None = idna.encode(name, uts46=True).decode("ascii")
    except idna.IDNAError:
        browser = None
    assert browser == expected


@pytest.mark.parametrize(
    ("host", "accepted"),
    [
        ("xn--5dbqzzl.example", True),  # Hebrew, right to left throughout
        ("a1.xn--5dbqzzl", True),
        ("xn--bcher-kva.example", True),  # no right-to-left letter: no Bidi rule
        ("xn--a-0hc.example", False),  # 'a' and an alef in one label
        # An ASCII label starting with a digit, in a name with a right-to-left label:
        # ICU, and so Chromium, applies the rule to it; the idna package does not.
        ("1a.xn--5dbqzzl", False),
        ("xn--0ug3433g4a.example", False),  # Kharoshthi ending in a non-joiner
        ("xn--1-znc0alp7m.example", False),  # European and Arabic-Indic digits mixed
    ],
)
def test_an_xn_label_is_held_to_the_bidi_rule_as_its_unicode_form_is(
    host: str, accepted: bool
) -> None:
    """The Bidi rule ascii_host applies to a name written as it reads applies to its
    xn-- form too (helper-167: 'https://xn--a-0hc.example' was accepted where
    'https://a\u05d0.example' was refused); the idna package agrees, but on the
    ASCII label of a name written right to left."""
    idna = pytest.importorskip("idna")
    try:
        idna.decode(host)
        decodes = True
    except idna.IDNAError:
        decodes = False
    assert decodes is (accepted or host == "1a.xn--5dbqzzl")
    configured = parse_configured_origin(f"https://{host}")
    assert (configured == f"https://{host}") is accepted
    if not accepted:
        assert isinstance(configured, OriginProblem)
        assert "breaks the Bidi rule" in configured.why
        assert "mixes no European and Arabic-Indic digits" in configured.fix


def test_a_non_joiner_between_arabic_letters_gets_no_ascii_form() -> None:
    """Persian writes a non-joiner between letters ('\u0645\u06cc\u200c\u062e...'), which
    RFC 5892 allows by the letters' Joining_Type: unicodedata has no such property,
    so ascii_host gives no form rather than one it cannot check (the idna package
    gives xn--mgbn2ecje63gr19l)."""
    assert ascii_host("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645.example") is None


def test_the_bidi_rule_holds_for_every_label_of_a_name_written_right_to_left() -> None:
    """UTS 46 (validity criteria, CheckBidi) applies RFC 5893 to every label of a Bidi
    domain name, an ASCII one too, as ICU, and so Chromium, does: '1a' does not start
    with a letter. The idna package checks only the labels with a right-to-left
    character, and gives '1a.xn--5dbqzzl'."""
    assert ascii_host("1a.עברית") is None
    assert ascii_host("a1.עברית") == "a1.xn--5dbqzzl"


@pytest.mark.parametrize(
    ("host", "registrable"),
    [
        ("a.b.255", None),
        ("a.b.0x7f", None),  # hex: gave 'b.0x7f', where 'a.b.127' gave None (helper-151)
        ("a.0x", None),
        ("a.b.255.", None),  # a final dot left out
        ("a.0x1g", "a.0x1g"),
        ("www.a.1e", "a.1e"),
    ],
)
def test_a_name_ending_in_a_number_has_no_registrable_domain(
    host: str, registrable: str | None
) -> None:
    """A browser reads such a name as an IPv4 address (URL standard, "ends in a number
    checker"), which no one registers: registrable_domain asks ends_in_a_number."""
    assert registrable_domain(host) == registrable
    assert ends_in_a_number(host) is (registrable is None)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("https://*.example.com:443", id="pattern-default-port"),
        pytest.param("https://*.Example.com", id="pattern-upper-case"),
        pytest.param("https://*.example.com.", id="pattern-trailing-dot"),
        pytest.param("https://*.", id="pattern-no-base"),
        pytest.param("https://*.1.2.3.4", id="pattern-ipv4-base"),
        pytest.param("https://*.example.com/", id="pattern-trailing-slash"),
        pytest.param("https://*.xn--bcher-kva.example\r", id="pattern-control"),
        pytest.param("Null", id="null-other-case"),
        pytest.param("", id="empty"),
    ],
)
def test_parse_configured_origin_refuses(value):
    parsed = parse_configured_origin(value)
    assert isinstance(parsed, OriginProblem)
    assert parsed.why and parsed.fix


@pytest.mark.parametrize(
    "scheme, host, port, origin",
    [
        ("https", "api.example.com", None, "https://api.example.com"),
        ("https", "api.example.com", 443, "https://api.example.com"),  # the default port
        ("http", "api.example.com", 443, "http://api.example.com:443"),
        ("HTTP", "API.Example.COM", 8000, "http://api.example.com:8000"),
        ("http", "0:0::1", 8000, "http://[::1]:8000"),  # canonical IPv6
        ("http", "::FFFF:7F00:1", None, "http://[::ffff:7f00:1]"),
        ("safari-web-extension", "2AB33852-D69B-4ED6-99AD-A4839DFEC7ED", None, SAFARI_EXTENSION),
    ],
)
def test_serialize_origin_is_what_a_browser_sends(scheme, host, port, origin):
    assert serialize_origin(scheme, host, port) == origin
    assert is_serialized_origin(origin)


def test_a_safari_extension_origin_is_allowed_as_safari_sends_it() -> None:
    """Safari's extension pages send their UUID in upper case, which the URL standard
    keeps for a scheme that is not special; it was refused in allow_origins ("write it
    in lower case", which Safari never sends) and never matched a regex (an adversarial
    review of allow_origin_regex found it). An upper-case scheme's fix keeps the host."""
    exact = CORSMiddleware(plain_app, allow_origins=[SAFARI_EXTENSION])
    by_regex = CORSMiddleware(plain_app, allow_origin_regex=r"safari-web-extension://[0-9A-F-]+")
    for app in (exact, by_regex):
        response = call(app, "GET", "/", {"Origin": SAFARI_EXTENSION})
        assert response.cors()["access-control-allow-origin"] == SAFARI_EXTENSION
        assert not call(app, "GET", "/", {"Origin": SAFARI_EXTENSION.lower()}).cors()
    problem = parse_configured_origin(SAFARI_EXTENSION.replace("safari", "Safari"))
    assert isinstance(problem, OriginProblem)
    assert problem.fix == f"write it as '{SAFARI_EXTENSION}'"


def test_a_subdomain_pattern_on_an_opaque_host_matches_its_case() -> None:
    """A subdomain pattern on a scheme whose hosts keep their case matches a subdomain
    in any case, its base as written; on https, upper case is never a subdomain."""
    assert pattern("capacitor://*.example.com").matches("capacitor://Tenant.example.com")
    assert not pattern("capacitor://*.example.com").matches("capacitor://a.EXAMPLE.com")
    assert "capacitor://Tenant.example.com" in OriginSet([pattern("capacitor://*.example.com")])
    assert "https://Tenant.example.com" not in OriginSet([pattern("https://*.example.com")])
    assert "https://tenant.example.com" in OriginSet([pattern("https://*.example.com")])


#: The schemes whose hosts browsers send in lower case, written out here so that the
#: set in wsgi_cors.origins cannot lose one unnoticed (mutation review).
LOWER_CASE_HOST = [
    "chrome",
    "chrome-extension",
    "chrome-untrusted",
    "devtools",
    "file",
    "ftp",
    "http",
    "https",
    "isolated-app",
    "ws",
    "wss",
]


@pytest.mark.parametrize("scheme", LOWER_CASE_HOST)
def test_a_scheme_whose_hosts_are_sent_in_lower_case(scheme: str) -> None:
    """Each of these schemes' origins is refused in upper case and serialized in
    lower case; an opaque host (capacitor) keeps its case in both."""
    assert not is_serialized_origin(f"{scheme}://Ab")
    assert is_serialized_origin(f"{scheme}://ab")
    assert serialize_origin(scheme.upper(), "Ab", None) == f"{scheme}://ab"
    assert is_serialized_origin("capacitor://Ab")
    assert serialize_origin("Capacitor", "Ab", None) == "capacitor://Ab"


def test_an_upper_case_scheme_fix_lowers_an_http_host() -> None:
    """The fix for an upper-case scheme lower-cases an https host at once: with four
    more mistakes to follow, the rounds that mend a fix would otherwise run out and
    name 'https://User@A.example:0443' (mutation review). With a path after it, the
    host was kept in upper case, and the fix named was refused in its turn."""
    for value in ("HTTPS://User@A.example:0443", "HTTPS://A.example:0443/"):
        problem = parse_configured_origin(value)
        assert isinstance(problem, OriginProblem)
        assert problem.fix == "write it as 'https://a.example'", value


@pytest.mark.parametrize(
    "value, expected",
    [
        ("https://example.com.", "https://example.com"),
        ("https://a.example_b.:8443", "https://a.example_b:8443"),
        ("https://12ab.", "https://12ab"),
        ("https://1.2.3.4.", "https://1.2.3.4."),  # the URL parser drops an IPv4 dot
        ("https://a.b.12.", "https://a.b.12."),
        ("tauri://LOCAL.HOST.", "tauri://LOCAL.HOST"),  # an opaque host, in any case
    ],
)
def test_without_trailing_dot_reads_labels_as_origins_do(value, expected):
    """One set of label characters (review of rules stated twice): an opaque host in
    upper case had its dot kept, though is_serialized_origin accepts it."""
    assert without_trailing_dot(value) == expected


# What a mutation review of the one-home changes found unpinned: (value, option, why, fix)
ONE_HOME_EDGES = [
    (
        "HTTPS:/app.example",
        "allow_origins",
        "has its scheme without '://'",
        "'https://app.example'",
    ),
    ("None", "allow_origins", "is not an origin", "remove it"),
    ("false", "allow_origins", "is a boolean, not an origin", "to allow none, do not wrap"),
    ("ws:///", "allow_origins", "WebSocket server", "e.g. 'http://app.example'"),
    ("wss://999.1.1.1", "allow_origins", "WebSocket server", "e.g. 'https://app.example'"),
    ("\u212a:/app.example", "allow_origins", "has no scheme", "https://"),
    # An empty value was told it "is in quotes; write it as ''" (a new-user trial).
    ("", "allow_origins", "is empty", "a default of '' gives this when it is not set"),
    (" \t", "allow_credentials", "is only white space", "'https://app.example.com'"),
    ('"https://a.example"', "allow_origins", "is in quotes", "'https://a.example'"),
    ("'https://a.example", "allow_origins", "is in quotes", "'https://a.example'"),
    ("' '", "allow_origins", "is only quotes", "write an origin such as"),
    # Origins separated by ';' were told to write 'https://a.example;https:'.
    (
        "https://a.example; https://b.example",
        "allow_origins",
        "separated by ';'",
        "['https://a.example', 'https://b.example']",
    ),
    (
        "https://a.example;;https://b.example, https://c.example;",
        "allow_origins",
        "separated by ';'",
        "['https://a.example', 'https://b.example', 'https://c.example']",
    ),
]


@pytest.mark.parametrize(("value", "option", "why", "fix"), ONE_HOME_EDGES)
def test_what_each_mistake_is_told(value, option, why, fix):
    problem = parse_configured_origin(value, option)
    assert isinstance(problem, OriginProblem)
    assert why in problem.why and fix in problem.fix, problem


@pytest.mark.parametrize("value", ["https://a.example'x'", "'https://a'b.example'"])
def test_a_quote_inside_is_not_told_the_value_is_in_quotes(value):
    """An origin with a quote inside, "https://a.example'x'", was told it "is in quotes;
    write it as 'https://a.example'x'", which is no fix (a reviewer's F7): only quotes
    at its ends alone enclose an origin."""
    problem = parse_configured_origin(value)
    assert isinstance(problem, OriginProblem)
    assert "quotes" not in problem.why, problem


def test_the_ignored_code_points_are_uts46s():
    """The code points a host loses are those UTS 46's table, as the idna package has
    it (Unicode 16), marks "ignored", and only those."""
    uts46 = pytest.importorskip("idna.uts46data")
    starts, statuses = uts46.uts46_starts, uts46.uts46_statuses
    ignored = set()
    for i, start in enumerate(starts):
        if statuses[i : i + 1] == b"I":
            end = starts[i + 1] if i + 1 < len(starts) else 0x110000
            ignored.update(range(start, end))
    assert ignored == set(UTS46_IGNORED)
    for code in sorted(ignored)[::50]:  # and each is dropped: a sample
        fix = parse_configured_origin(f"https://a{chr(code)}b.example")
        assert fix == OriginProblem(
            f"has an invisible character in the host (U+{code:04X}), which browsers drop"
            " (UTS 46), sending the rest in its ASCII form",
            "write it as 'https://ab.example'",
        )


def test_a_url_scheme_is_ascii_in_any_case():
    """The Kelvin sign folds to 'k' under re.IGNORECASE without re.ASCII."""
    assert is_url_scheme("Chrome-Extension") and is_url_scheme("web+app")
    assert not is_url_scheme("\u212a") and not is_url_scheme("1http")


# Every branch's words, whole (a mutation review of the construction-time parsing found
# many pinned only by a fragment, or not at all): (value, option, why, fix).
PORT_RANGE = "use a number from 0 to 65535"
QUESTION_WHY = (
    "has a '?', which no origin has (a glob's one character, as wsgicors's fnmatch reads"
    " it, or the start of a query)"
)
QUESTION_FIX = "list each origin in full in allow_origins, or match them with allow_origin_regex"
QUERY_WHY = "has a path, query or fragment; an origin is only scheme://host[:port]"


WHOLE_MESSAGES = [
    (
        "https://*.[ab",
        "allow_origins",
        "has an unterminated IPv6 literal",
        "close it with ']'",
    ),
    (
        "https://[::g]",
        "allow_origins",
        "has an invalid IPv6 literal",
        "write a valid IPv6 address in brackets",
    ),
    (
        "https://[::FFFF:1.2.3.4]",
        "allow_origins",
        "spells its IPv6 address in a form browsers never send",
        "write it as 'https://[::ffff:102:304]'",
    ),
    (
        "https://:8080",
        "allow_origins",
        "has no host",
        "write a host: 'https://app.example'",
    ),
    # UTS 46's ignored code points, which Chromium 156 drops from a host (helper-145's
    # review, in the browser: a page at 'http://☕\ufe0f.example' sends
    # 'http://xn--53h.example', where the fix named 'xn--53hw110f')
    *(
        (
            f"https://{host}.example",
            "allow_origins",
            f"has an invisible character in the host ({code}), which browsers drop"
            " (UTS 46), sending the rest in its ASCII form",
            f"write it as 'https://{ascii_host}.example'",
        )
        for host, code, ascii_host in [
            ("a\u200bb", "U+200B", "ab"),
            ("a\u00adb", "U+00AD", "ab"),
            ("a\u3164b", "U+3164", "ab"),
            ("A\u2060\u2060B", "U+2060", "ab"),
            ("\u2615\ufe0f", "U+FE0F", "xn--53h"),
            ("\u2764\ufe0f\U000e0100", "U+E0100, U+FE0F", "xn--qei"),
        ]
    ),
    (
        "https://\u200b.example",
        "allow_origins",
        "has an invisible character in the host (U+200B), which browsers drop (UTS 46),"
        " sending the rest in its ASCII form",
        "write it as 'https://.example'; that has a host that is not a valid domain name:"
        " use letters, digits, '-' and '_' in dot-separated labels of at most 63"
        " characters, 253 in all",
    ),
    # A fix that would name the origin without its trailing dot names the one with it
    # first: that is the origin its page sends (helper-145's review)
    (
        "http://Example.COM.:18080",
        "allow_origins",
        "has upper-case letters in the host; browsers send it in lower case",
        "write it as 'http://example.com.:18080'; that has a trailing dot in the host,"
        " which makes it another origin, sent only by a page opened at the name with the"
        " dot: write it as 'http://example.com:18080'; to allow that origin itself, use a"
        " function (or, in allow_origins, allow_origin_regex)",
    ),
    (
        "http://a.example:",
        "allow_origins",
        "has a ':' and no port after it",
        "drop the ':': write it as 'http://a.example'",
    ),
    (
        "https://bücher.example",
        "allow_origins",
        "has a non-ASCII host; browsers send the punycode form",
        "write it as 'https://xn--bcher-kva.example'",
    ),
    (
        "https://*.bücher.example",
        "allow_origins",
        "has a non-ASCII host; browsers send the punycode form",
        "write it as 'https://*.xn--bcher-kva.example'",
    ),
    # UTS 46's case mapping, not str.lower()'s (helper-124's review; the forms are the
    # idna package's, 3.21, uts46=True, transitional=False): a final capital sigma...
    (
        "https://ΑΣ-x.gr",
        "allow_origins",
        "has a non-ASCII host; browsers send the punycode form",
        "write it as 'https://xn---x-b9b6e.gr'",
    ),
    # ... and Cherokee, whose small letters are mapped to its capitals
    (
        "https://ꮳꮃꭹ.example",
        "allow_origins",
        "has a non-ASCII host; browsers send the punycode form",
        "write it as 'https://xn--f9dt7l.example'",
    ),
    # ... and case folding, not lower case (helper-128's review: 82 letters differed
    # from idna's; 4 Hangul fillers still do): a lunate sigma, a Cyrillic variant, a
    # Greek letter with ypogegrammeni, a mathematical final sigma, a capital sharp s
    *(
        (
            f"https://a{letter}b.example",
            "allow_origins",
            "has a non-ASCII host; browsers send the punycode form",
            f"write it as 'https://{punycode}.example'",
        )
        for letter, punycode in [
            ("\u03f2", "xn--ab-vbc"),
            ("\u1c80", "xn--ab-elc"),
            ("\u1f80", "xn--ab-09b540z"),
            ("\U0001d6d3", "xn--ab-vbc"),
            ("\u1e9e", "xn--ab-gia"),
        ]
    ),
    (
        "https://App.example:8080",
        "allow_origins",
        "has upper-case letters in the host; browsers send it in lower case",
        "write it as 'https://app.example:8080'",
    ),
    (
        "https://*.App.example:8080",
        "allow_origins",
        "has upper-case letters in the host; browsers send it in lower case",
        "write it as 'https://*.app.example:8080'",
    ),
    (
        "https://1.2.3",
        "allow_origins",
        "spells its IPv4 address in a form browsers never send",
        "write it as 'https://1.2.0.3'",
    ),
    (
        "https://1.2.3.999",
        "allow_origins",
        "has a host that is neither a domain name nor an IPv4 address",
        "write the IPv4 address as four decimal numbers, e.g. '127.0.0.1'",
    ),
    (
        "https://a.example.",
        "allow_origins",
        (
            "has a trailing dot in the host, which makes it another origin, sent only by a "
            "page opened at the name with the dot"
        ),
        (
            "write it as 'https://a.example'; to allow that origin itself, use a function (or, "
            "in allow_origins, allow_origin_regex)"
        ),
    ),
    (
        "https://*.example.com.",
        "allow_origins",
        "has a trailing dot in the host",
        "write it as 'https://*.example.com'",
    ),
    (
        "https://..",
        "allow_origins",
        "has no host",
        "write a host: 'https://app.example'",
    ),
    (
        "https://" + "a" * 64 + ".example",
        "allow_origins",
        "has a host that is not a valid domain name",
        (
            "use letters, digits, '-' and '_' in dot-separated labels of at most 63 "
            "characters, 253 in all"
        ),
    ),
    (
        "https://xn--a.example",
        "allow_origins",
        (
            "has the label 'xn--a', which is not valid Punycode, or not the form browsers"
            " give the label it decodes to: the URL standard's parser refuses the host"
            " (Chromium opens it all the same)"
        ),
        (
            "write the name as it reads (e.g. 'https://bücher.example') and use the 'xn--' "
            "form this check then suggests; to allow such a name as it is, use a function"
            " (or, in allow_origins, allow_origin_regex)"
        ),
    ),
    (
        "",
        "allow_credentials",
        "is empty, which is no origin",
        (
            "write an origin such as 'https://app.example.com' (an environment variable read "
            "with a default of '' gives this when it is not set)"
        ),
    ),
    (
        "NULL",
        "allow_origins",
        "is not 'null' in lower case",
        (
            "write it as 'null', if you mean it: sandboxed iframes (which any website can "
            "make), data: URLs and pages opened from a file all send null (see the Security "
            "page)"
        ),
    ),
    (
        "*",
        "allow_origins",
        "is the wildcard inside a list",
        "pass allow_origins='*' as the whole value (every origin), not as an item of a list",
    ),
    (
        "*",
        "allow_credentials",
        "is the wildcard inside a list",
        (
            "pass allow_credentials='*' as the whole value (every allowed origin), not as an "
            "item of a list"
        ),
    ),
    (
        "https://a.example,https://b.example",
        "allow_origins",
        "looks like several origins in one string",
        "pass a list instead: ['https://a.example', 'https://b.example']",
    ),
    (
        "https://a.example https://b.example",
        "allow_origins",
        "looks like several origins in one string",
        "pass a list instead: ['https://a.example', 'https://b.example']",
    ),
    (
        "https://a.example,",
        "allow_origins",
        "contains a comma",
        "remove it; pass several origins as a list of strings",
    ),
    (
        "https://a.example ",
        "allow_origins",
        "contains white space or a control character",
        "write it as 'https://a.example'",
    ),
    (
        "https://a .example",
        "allow_origins",
        "contains white space or a control character",
        "remove the white space or control character",
    ),
    (
        "^https://.*\\.example\\.com$",
        "allow_origins",
        "looks like a regular expression, not an origin",
        (
            "pass it as allow_origin_regex (a regular expression matched against the whole "
            "origin, e.g. r'https://[a-z0-9-]+\\.example\\.com'), or list the subdomain "
            "pattern 'https://*.example.com' in allow_origins"
        ),
    ),
    (
        "^https://.*\\.example\\.com$",
        "allow_credentials",
        "looks like a regular expression, not an origin",
        (
            "list exact origins or a subdomain pattern in allow_credentials (here "
            "'https://*.example.com'), or, if every allowed origin may have credentials, "
            "match with allow_origin_regex and pass allow_credentials='*'"
        ),
    ),
    (
        "https://.*\\.github\\.io",
        "allow_origins",
        "looks like a regular expression, not an origin",
        (
            "pass it as allow_origin_regex (a regular expression matched against the whole "
            "origin, e.g. r'https://[a-z0-9-]+\\.example\\.com')"
        ),
    ),
    (
        ".*\\.herokuapp\\.com",
        "allow_credentials",
        "looks like a regular expression, not an origin",
        (
            "list the exact origins you trust in allow_credentials ('https://*.herokuapp.com' "
            "allows subdomains of herokuapp.com, where anyone can put up a site)"
        ),
    ),
    # The pattern a regex means is its whole host, an escaped hyphen included; none is
    # offered when the regex goes on (a port), and only a base anyone's sites share is
    # called refused (helper-101's review: 'http://*.my' was, for my\-app.com).
    (
        "http://.*\\.my\\-app\\.com",
        "allow_credentials",
        "looks like a regular expression, not an origin",
        (
            "list exact origins or a subdomain pattern in allow_credentials (here "
            "'http://*.my-app.com'), or, if every allowed origin may have credentials, "
            "match with allow_origin_regex and pass allow_credentials='*'"
        ),
    ),
    (
        "http://.*\\.localhost",
        "allow_credentials",
        "looks like a regular expression, not an origin",
        (
            "list exact origins or a subdomain pattern in allow_credentials, or, if every "
            "allowed origin may have credentials, match with allow_origin_regex and pass "
            "allow_credentials='*'"
        ),
    ),
    (
        "https://.*\\.example\\.com:8443",
        "allow_origins",
        "looks like a regular expression, not an origin",
        (
            "pass it as allow_origin_regex (a regular expression matched against the whole "
            "origin, e.g. r'https://[a-z0-9-]+\\.example\\.com')"
        ),
    ),
    (
        "http://(a|b).example",
        "allow_credentials",
        "looks like a regular expression, not an origin",
        (
            "list exact origins or a subdomain pattern in allow_credentials, or, if every "
            "allowed origin may have credentials, match with allow_origin_regex and pass "
            "allow_credentials='*'"
        ),
    ),
    (
        ".*.example.com",
        "allow_origins",
        "looks like a regular expression, not an origin",
        (
            "pass it as allow_origin_regex (a regular expression matched against the whole "
            "origin, e.g. r'https://[a-z0-9-]+\\.example\\.com'), or list the subdomain "
            "pattern 'https://*.example.com' in allow_origins"
        ),
    ),
    (
        "ftp://a.example",
        "allow_origins",
        "has the scheme 'ftp', over which browsers no longer load pages",
        "use 'http' or 'https'",
    ),
    (
        "file://a.example",
        "allow_origins",
        "has the scheme 'file', whose pages have an opaque origin, which browsers send as 'null'",
        (
            "list 'null' if such pages (a page opened from a file, for one) must read "
            "responses; read the Security page first: sandboxed iframes (which any website can "
            "make), data: URLs and pages opened from a file all send null"
        ),
    ),
    (
        "htps://a.example",
        "allow_origins",
        "has the scheme 'htps', which looks like a typing mistake",
        "did you mean 'https'? Write it as 'https://a.example'",
    ),
    (
        "1a://a.example",
        "allow_origins",
        "has the invalid scheme '1a'",
        "write a scheme and host: 'https://app.example'",
    ),
    (
        "ws://a.example:80",
        "allow_origins",
        "has the scheme 'ws' of a WebSocket server; Origin names the page",
        "write the page's origin, e.g. 'http://a.example'",
    ),
    (
        "https:///a.example",
        "allow_origins",
        "has more than two '/' after its scheme",
        "write it as 'https://a.example'",
    ),
    (
        "HTTPS://A.example/x",
        "allow_origins",
        "has an upper-case scheme; browsers send it in lower case",
        "write it as 'https://a.example'",
    ),
    (
        "Chrome-Extension://ABC/x",
        "allow_origins",
        "has an upper-case scheme; browsers send it in lower case",
        "write it as 'chrome-extension://abc'",
    ),
    (
        "https://a.example/",
        "allow_origins",
        "is not a serialized origin",
        "drop the trailing '/': write it as 'https://a.example'",
    ),
    (
        "https://a.example/x?y",
        "allow_origins",
        "has a path, query or fragment; an origin is only scheme://host[:port]",
        "write it as 'https://a.example'",
    ),
    (
        "https://u:p@a.example",
        "allow_origins",
        "has user info; browsers never send it in Origin",
        "write it as 'https://a.example'",
    ),
    (
        "https://[::1",
        "allow_origins",
        "has an unterminated IPv6 literal",
        "close it with ']'",
    ),
    (
        "https://[::1]x",
        "allow_origins",
        "has text after its IPv6 literal",
        "remove it",
    ),
    (
        "https://::1",
        "allow_origins",
        "has an IPv6 address without brackets",
        "write it as 'https://[::1]'",
    ),
    (
        "https://::1:3000",
        "allow_origins",
        "has an IPv6 address without brackets",
        "write it as 'https://[::1]:3000' (or 'https://[::1:3000]', if it is all the address)",
    ),
    (
        "https://a.example:99999",
        "allow_origins",
        "has the invalid port '99999'",
        "use a number from 0 to 65535",
    ),
    (
        "https://a.example:080",
        "allow_origins",
        "has leading zeros in its port",
        "write it as 'https://a.example:80'",
    ),
    (
        "https://a.example:443",
        "allow_origins",
        "names the default port of https, which browsers never send",
        "drop ':443': write it as 'https://a.example'",
    ),
    (
        "http://a.example:80",
        "allow_origins",
        "names the default port of http, which browsers never send",
        "drop ':80': write it as 'http://a.example'",
    ),
    (
        "https://*.*.example.com",
        "allow_origins",
        "has more than one '*'",
        "use a single leading '*.' label",
    ),
    (
        "https://*.example",
        "allow_origins",
        (
            "allows subdomains of a single-label or IP base, which would match every site "
            "under a public suffix"
        ),
        "name a registrable domain, e.g. 'https://*.example.com'",
    ),
    (
        "https://*.co.uk",
        "allow_origins",
        "allows subdomains of co.uk, a public suffix under which anyone can register a name",
        "name a registrable domain under it (e.g. 'https://*.example.co.uk'), or list your"
        " own origins (e.g. 'https://yours.co.uk')",
    ),
    (
        "http://*.github.io:8080",
        "allow_credentials",
        "allows subdomains of github.io, where anyone can put up a site",
        "list your own origins (e.g. 'http://yours.github.io:8080')",
    ),
    (
        "https://*.localhost:3000",
        "allow_origins",
        "allows subdomains of a single-label base, which a pattern never does",
        "list the origins, or give allow_origin_regex=r'https://[a-z0-9_\\-]+\\.localhost:3000'",
    ),
    (
        "https://*.1.2.3.4",
        "allow_origins",
        (
            "allows subdomains of a single-label or IP base, which would match every site "
            "under a public suffix"
        ),
        "name a registrable domain, e.g. 'https://*.example.com'",
    ),
    (
        "https://a*.example.com",
        "allow_origins",
        "has a '*' that is not a whole leading label",
        "write a subdomain pattern as 'https://*.example.com'",
    ),
    (
        "https://a.example/?next=https://b.example",
        "allow_origins",
        "has a path, query or fragment; an origin is only scheme://host[:port]",
        "write it as 'https://a.example'",
    ),
    (
        "https://u@v@a.example",
        "allow_origins",
        "has user info; browsers never send it in Origin",
        "write it as 'https://a.example'",
    ),
    (
        "https://[::1]]",
        "allow_origins",
        "has text after its IPv6 literal",
        "remove it",
    ),
    (
        "https://[::1]:443",
        "allow_origins",
        "names the default port of https, which browsers never send",
        "drop ':443': write it as 'https://[::1]'",
    ),
    (
        "http://[::1]:80",
        "allow_origins",
        "names the default port of http, which browsers never send",
        "drop ':80': write it as 'http://[::1]'",
    ),
    (
        "https://[::1]:99999",
        "allow_origins",
        "has the invalid port '99999'",
        "use a number from 0 to 65535",
    ),
    (
        "https://[::1]:08080",
        "allow_origins",
        "has leading zeros in its port",
        "write it as 'https://[::1]:8080'",
    ),
    (
        "https://a.example:8080:8080",
        "allow_origins",
        "has a host that is not a valid domain name",
        (
            "use letters, digits, '-' and '_' in dot-separated labels of at most 63 "
            "characters, 253 in all"
        ),
    ),
    (
        "web+app://X.",
        "allow_origins",
        (
            "has a trailing dot in the host, which makes it another origin, sent only by a "
            "page opened at the name with the dot"
        ),
        (
            "write it as 'web+app://X'; to allow that origin itself, use a function (or, in "
            "allow_origins, allow_origin_regex)"
        ),
    ),
    (
        "https:///X",
        "allow_origins",
        "has more than two '/' after its scheme",
        "write it as 'https://x'",
    ),
    (
        " ",
        "allow_origins",
        "is only white space",
        (
            "write an origin such as 'https://app.example.com' (an environment variable read "
            "with a default of '' gives this when it is not set)"
        ),
    ),
    (
        "' '",
        "allow_credentials",
        "is only quotes",
        "write an origin such as 'https://app.example.com'",
    ),
    (
        '"https://a.example"',
        "allow_origins",
        "is in quotes",
        "write it as 'https://a.example'",
    ),
    (
        "https://a.example;https://b.example",
        "allow_origins",
        "looks like several origins in one string, separated by ';'",
        "pass a list instead: ['https://a.example', 'https://b.example']",
    ),
    (
        "https://a.example,b.example",
        "allow_origins",
        "looks like several origins in one string",
        "pass a list instead: ['https://a.example', 'b.example']",
    ),
    (
        "https://*." + LONGEST_BASE + "b",
        "allow_origins",
        "has a base too long for any subdomain: a host has at most 253 characters",
        "name a shorter base",
    ),
    (
        "https://0x7f.1",
        "allow_origins",
        "spells its IPv4 address in a form browsers never send",
        "write it as 'https://127.0.0.1'",
    ),
    (
        "https://0177.0.0.1",
        "allow_origins",
        "spells its IPv4 address in a form browsers never send",
        "write it as 'https://127.0.0.1'",
    ),
    (
        "https://1.2.3.08",
        "allow_origins",
        "has a host that is neither a domain name nor an IPv4 address",
        "write the IPv4 address as four decimal numbers, e.g. '127.0.0.1'",
    ),
    (
        "https://1.2.3.4.0",
        "allow_origins",
        "has a host that is neither a domain name nor an IPv4 address",
        "write the IPv4 address as four decimal numbers, e.g. '127.0.0.1'",
    ),
    (
        "https://255.1",
        "allow_origins",
        "spells its IPv4 address in a form browsers never send",
        "write it as 'https://255.0.0.1'",
    ),
    (
        "https://256.1",
        "allow_origins",
        "has a host that is neither a domain name nor an IPv4 address",
        "write the IPv4 address as four decimal numbers, e.g. '127.0.0.1'",
    ),
    (
        "https://1.256.1",
        "allow_origins",
        "has a host that is neither a domain name nor an IPv4 address",
        "write the IPv4 address as four decimal numbers, e.g. '127.0.0.1'",
    ),
    (
        "https://1.2.3.256",
        "allow_origins",
        "has a host that is neither a domain name nor an IPv4 address",
        "write the IPv4 address as four decimal numbers, e.g. '127.0.0.1'",
    ),
    (
        "https://1.2.3.04",
        "allow_origins",
        "spells its IPv4 address in a form browsers never send",
        "write it as 'https://1.2.3.4'",
    ),
    (  # int() takes a sign or "_" where a browser does not (helper-170)
        "http://-1.9",
        "allow_origins",
        "has a host that is neither a domain name nor an IPv4 address",
        "write the IPv4 address as four decimal numbers, e.g. '127.0.0.1'",
    ),
    (
        "http://1_0.0.0.1",
        "allow_origins",
        "has a host that is neither a domain name nor an IPv4 address",
        "write the IPv4 address as four decimal numbers, e.g. '127.0.0.1'",
    ),
    (
        "https://a.example:65536",
        "allow_origins",
        "has the invalid port '65536'",
        "use a number from 0 to 65535",
    ),
    (
        "https://a.example/v1/api/users/me/settings",
        "allow_origins",
        "has a path, query or fragment; an origin is only scheme://host[:port]",
        "write it as 'https://a.example'",
    ),
    (
        "(a|b).example",
        "allow_origins",
        "looks like a regular expression, not an origin",
        (
            "pass it as allow_origin_regex (a regular expression matched against the whole "
            "origin, e.g. r'https://[a-z0-9-]+\\.example\\.com')"
        ),
    ),
    (
        "a+.example.com",
        "allow_origins",
        "looks like a regular expression, not an origin",
        (
            "pass it as allow_origin_regex (a regular expression matched against the whole "
            "origin, e.g. r'https://[a-z0-9-]+\\.example\\.com')"
        ),
    ),
    (
        "web+app://a.example/?to=b://c",
        "allow_origins",
        "has a path, query or fragment; an origin is only scheme://host[:port]",
        "write it as 'web+app://a.example'",
    ),
    (
        "https://1.0x",
        "allow_origins",
        "spells its IPv4 address in a form browsers never send",
        "write it as 'https://1.0.0.0'",
    ),
    (
        "None",
        "allow_origins",
        "is not an origin",
        "remove it",
    ),
    (
        "https:app.example",
        "allow_origins",
        "has its scheme without '://'",
        "write it as 'https://app.example'",
    ),
    (
        "^http://.*\\.example\\.com$",
        "allow_origins",
        "looks like a regular expression, not an origin",
        (
            "pass it as allow_origin_regex (a regular expression matched against the whole "
            "origin, e.g. r'https://[a-z0-9-]+\\.example\\.com'), or list the subdomain "
            "pattern 'http://*.example.com' in allow_origins"
        ),
    ),
    (
        "false",
        "allow_origins",
        "is a boolean, not an origin",
        (
            "allow_origins names origins: list the ones to allow (to allow none, do not wrap "
            "the application)"
        ),
    ),
    (
        "https://é\u3000.example",
        "allow_origins",
        "has a host that is not a valid domain name",
        NO_ASCII_FORM_FIX,
    ),
    (
        "https://a\u05d0.example",  # the Bidi rule (helper-154)
        "allow_origins",
        "has a host that is not a valid domain name",
        NO_ASCII_FORM_FIX,
    ),
    (
        "app.example",
        "allow_origins",
        "has no scheme",
        "write it as 'https://app.example' (or with http://)",
    ),
    (
        "//app.example",
        "allow_origins",
        "has no scheme",
        "write it as 'https://app.example' (or with http://)",
    ),
    (
        "true",
        "allow_credentials",
        "is a boolean, not an origin",
        (
            "allow_credentials names origins, as in Falcon: a list of trusted origins, or '*' "
            "for every origin allow_origins allows (the meaning of 'allow_credentials=True' in "
            "Starlette, 'supports_credentials=True' in flask-cors and 'CORS_ALLOW_CREDENTIALS "
            "= True' in django-cors-headers), which needs allow_origins to list them: '*' for "
            "both lets every website read its visitors' credentialed responses (cookies, HTTP "
            "authentication)"
        ),
    ),
    (
        "false",
        "allow_credentials",
        "is a boolean, not an origin",
        "leave allow_credentials out (None, the default): no origin gets credentials",
    ),
    (
        "true",
        "allow_origins",
        "is a boolean, not an origin",
        "allow_origins names origins: '*' for every origin, or a list of them",
    ),
    (
        "https:",
        "allow_origins",
        "has no host",
        "write a host: 'https://localhost'",
    ),
    (
        "http:3000",
        "allow_origins",
        "has no host",
        "write a host: 'http://localhost:3000'",
    ),
    (
        "https:/a.example",
        "allow_origins",
        "has its scheme without '://'",
        "write it as 'https://a.example'",
    ),
    # A development server's host is served over http: that first (a new user's
    # walkthrough); any other host https first.
    (
        "localhost:3000",
        "allow_origins",
        "has no scheme",
        "write it as 'http://localhost:3000' (or with https://)",
    ),
    (
        "127.0.0.1:5173",
        "allow_origins",
        "has no scheme",
        "write it as 'http://127.0.0.1:5173' (or with https://)",
    ),
    (
        "[::1]:8080",
        "allow_origins",
        "has no scheme",
        "write it as 'http://[::1]:8080' (or with https://)",
    ),
    (
        "192.168.1.5:3000",
        "allow_origins",
        "has no scheme",
        "write it as 'http://192.168.1.5:3000' (or with https://)",
    ),
    (
        "api.localhost",
        "allow_origins",
        "has no scheme",
        "write it as 'http://api.localhost' (or with https://)",
    ),
    (  # a shared address (RFC 6598), local as Local Network Access counts
        "100.64.0.1:3000",
        "allow_origins",
        "has no scheme",
        "write it as 'http://100.64.0.1:3000' (or with https://)",
    ),
    (
        "8.8.8.8:8080",
        "allow_origins",
        "has no scheme",
        "write it as 'https://8.8.8.8:8080' (or with http://)",
    ),
    (
        "localhostx.example",
        "allow_origins",
        "has no scheme",
        "write it as 'https://localhostx.example' (or with http://)",
    ),
    # A scheme's default port names the scheme, and the other is not offered: with it,
    # the port makes another origin ('https://a.example:80'; 'http://a.example:80'
    # was offered before, which no browser sends).
    ("a.example:80", "allow_origins", "has no scheme", "write it as 'http://a.example'"),
    ("a.example:0443/", "allow_origins", "has no scheme", "write it as 'https://a.example'"),
    ("*.A.example:0080", "allow_origins", "has no scheme", "write it as 'http://*.a.example'"),
    ("localhost:443", "allow_origins", "has no scheme", "write it as 'https://localhost'"),
    ("[::1]:80", "allow_origins", "has no scheme", "write it as 'http://[::1]'"),
    # '*' as the port, meant as every port: the regex that says so; in
    # allow_credentials the origins to list (credentials go to those, where
    # allow_credentials='*' beside a regex gives them to every allowed origin).
    (
        "http://localhost:*",
        "allow_origins",
        "has the invalid port '*'",
        "list each port ('http://localhost:3000'), or give"
        " allow_origin_regex=r'http://localhost(:[0-9]+)?'",
    ),
    (
        "https://app.example.com:*",
        "allow_credentials",
        "has the invalid port '*'",
        "list each port ('https://app.example.com:3000') in allow_credentials",
    ),
    (
        "localhost:*",
        "allow_origins",
        "has no scheme",
        "write it as 'http://localhost:*' (or with https://); that has the invalid port"
        " '*': list each port ('http://localhost:3000'), or give"
        " allow_origin_regex=r'http://localhost(:[0-9]+)?'",
    ),
    (
        "localhost:3000/",
        "allow_origins",
        "has no scheme",
        "write it as 'http://localhost:3000' (or with https://)",
    ),
    (
        "localhost:3000?v=1",
        "allow_origins",
        "has no scheme",
        "write it as 'http://localhost:3000' (or with https://)",
    ),
    # A path or user info does not hide the host: a local one is still served over
    # http ('https://localhost' was offered for 'localhost/').
    (
        "localhost/",
        "allow_origins",
        "has no scheme",
        "write it as 'http://localhost' (or with https://)",
    ),
    (
        "192.168.1.5/app",
        "allow_origins",
        "has no scheme",
        "write it as 'http://192.168.1.5' (or with https://)",
    ),
    (
        "user@localhost:3000",
        "allow_origins",
        "has no scheme",
        "write it as 'http://localhost:3000' (or with https://)",
    ),
    ("user@[fe80::1]:80", "allow_origins", "has no scheme", "write it as 'http://[fe80::1]'"),
    # A list written as Python or JSON writes one, passed as a string (helper-170:
    # "pass a list instead" named items with their brackets and quotes)
    (
        '["https://a.example", "https://b.example"]',
        "allow_origins",
        LIST_AS_A_STRING,
        "pass a list instead: ['https://a.example', 'https://b.example']",
    ),
    (
        "['https://A.example/']",
        "allow_credentials",
        LIST_AS_A_STRING,
        "write it as 'https://a.example'",
    ),
    ("[]", "allow_origins", LIST_AS_A_STRING, "write an origin such as 'https://app.example.com'"),
    # helper-172: white space around the brackets; each item as its fix writes it
    (
        ' ["https://a.example", "https://b.example"] ',
        "allow_origins",
        LIST_AS_A_STRING,
        "pass a list instead: ['https://a.example', 'https://b.example']",
    ),
    (
        '["HTTP://A.example/", "b.example:443"]',
        "allow_origins",
        LIST_AS_A_STRING,
        "pass a list instead: ['http://a.example', 'https://b.example']",
    ),
    (
        "HTTP://A.example/, https://b.example",
        "allow_origins",
        "looks like several origins in one string",
        "pass a list instead: ['http://a.example', 'https://b.example']",
    ),
    # helper-174: strings side by side without a comma (Python would join them), and
    # JSON's null, which names no origin
    (
        '["https://a.example" "https://b.example"]',
        "allow_origins",
        LIST_AS_A_STRING,
        "pass a list instead: ['https://a.example', 'https://b.example']",
    ),
    (
        '["https://a.example", null]',
        "allow_origins",
        LIST_AS_A_STRING,
        "write it as 'https://a.example'",
    ),
    # helper-175: Python's None, beside strings side by side too
    (
        "['https://a.example', None]",
        "allow_origins",
        LIST_AS_A_STRING,
        "write it as 'https://a.example'",
    ),
    (
        '["https://a.example" "https://b.example", None]',
        "allow_origins",
        LIST_AS_A_STRING,
        "pass a list instead: ['https://a.example', 'https://b.example']",
    ),
    # helper-176: JavaScript's null, unquoted, is no value, never the origin 'null'
    (
        "['https://a.example', null]",
        "allow_origins",
        LIST_AS_A_STRING,
        "write it as 'https://a.example'",
    ),
    (
        "[https://a.example, null]",
        "allow_origins",
        LIST_AS_A_STRING,
        "write it as 'https://a.example'",
    ),
    # Python's None, quoted or not, is never an origin; a quoted 'null' is one
    (
        "[https://a.example, 'None']",
        "allow_origins",
        LIST_AS_A_STRING,
        "write it as 'https://a.example'",
    ),
    # IPv6 addresses in brackets are no list in brackets
    (
        "[::1], [::2]",
        "allow_origins",
        "looks like several origins in one string",
        "pass a list instead: ['[::1]', '[::2]']",
    ),
    (  # each as its own fix writes it, as with commas (helper-176)
        "https://a.example/;https://B.example",
        "allow_origins",
        "looks like several origins in one string, separated by ';'",
        "pass a list instead: ['https://a.example', 'https://b.example']",
    ),
    (  # quotes around each origin, ';' between them
        "'https://a.example';'https://b.example'",
        "allow_origins",
        "looks like several origins in one string, separated by ';'",
        "pass a list instead: ['https://a.example', 'https://b.example']",
    ),
    # an IPv6 address in brackets is no list
    ("[::1]", "allow_origins", "has no scheme", "write it as 'http://[::1]' (or with https://)"),
    ("http:3000?v=1", "allow_origins", "has no host", "write a host: 'http://localhost:3000'"),
    ("http://*.example.com:*", "allow_origins", "has the invalid port '*'", PORT_RANGE),
    ("http://-a!:*", "allow_origins", "has the invalid port '*'", PORT_RANGE),
    ("http://localhost:3*", "allow_origins", "has the invalid port '3*'", PORT_RANGE),
    # A '*' for the whole host, as "any http origin"; no domain for other schemes.
    (
        "http://*",
        "allow_origins",
        "has a '*' that is not a whole leading label",
        "pass allow_origins='*' for every origin, or write a subdomain pattern as"
        " 'http://*.example.com'",
    ),
    (
        "https://*",
        "allow_credentials",
        "has a '*' that is not a whole leading label",
        "pass allow_credentials='*' for every allowed origin, or write a subdomain pattern"
        " as 'https://*.example.com'",
    ),
    (  # with a port, '*' (every scheme and port) is no fix
        "https://*:8443",
        "allow_origins",
        "has a '*' that is not a whole leading label",
        "write a subdomain pattern as 'https://*.example.com:8443'",
    ),
    (
        "chrome-extension://*",
        "allow_origins",
        "has a '*' that is not a whole leading label",
        "list each chrome-extension origin, with its host",
    ),
    # wsgicors's values (a migration walkthrough): origin = copy, and fnmatch's "?"
    # for one character of a host (in lower case, without a default port, a final dot,
    # a path or a fragment), not a query.
    (
        "copy",
        "allow_origins",
        "is wsgicors's word for reflecting every origin",
        "pass allow_origins='*' (every origin gets '*', or its own origin where"
        " allow_credentials names it)",
    ),
    ("copy", "allow_credentials", "has no scheme", "write it as 'https://copy' (or with http://)"),
    # A "?" that is no plain query (no "=" or "&") may be fnmatch's one character or
    # a query: neither is guessed (two review rounds found each guess naming an origin
    # not meant: 'https://web?app.example.com' told 'https://web', a port glob a port).
    ("https://app?.example.com", "allow_origins", QUESTION_WHY, QUESTION_FIX),
    ("https://web?app.example.com", "allow_origins", QUESTION_WHY, QUESTION_FIX),
    ("https://app??.example.com.#x", "allow_origins", QUESTION_WHY, QUESTION_FIX),
    ("http://192.168.1.?:3000", "allow_origins", QUESTION_WHY, QUESTION_FIX),
    ("https://a.example?v1.2", "allow_origins", QUESTION_WHY, QUESTION_FIX),
    ("http://localhost?v1.2", "allow_origins", QUESTION_WHY, QUESTION_FIX),
    ("https://?x", "allow_origins", QUESTION_WHY, QUESTION_FIX),
    (
        "https://app?.example.com",
        "allow_credentials",
        QUESTION_WHY,
        "list each origin in full in allow_credentials",
    ),
    # an empty "query" too: a glob may end so (a fourth review: 'http://192.168.1.?'
    # was told 'http://192.168.0.1', 'http://localhost:300?' port 300)
    ("http://192.168.1.?", "allow_origins", QUESTION_WHY, QUESTION_FIX),
    ("http://localhost:300?", "allow_origins", QUESTION_WHY, QUESTION_FIX),
    ("https://a.example?", "allow_origins", QUESTION_WHY, QUESTION_FIX),
    # and "=" or "&" only after a name without "." (a query's, not a host's)
    ("https://app?.example.com?x=1", "allow_origins", QUESTION_WHY, QUESTION_FIX),
    # a plain query: the origin before it
    ("https://a.example?x=1&y", "allow_origins", QUERY_WHY, "write it as 'https://a.example'"),
    (
        "https://a.example?next=b.example",
        "allow_origins",
        QUERY_WHY,
        "write it as 'https://a.example'",
    ),
]


@pytest.mark.parametrize(("value", "option", "why", "fix"), WHOLE_MESSAGES)
def test_each_mistake_is_told_in_these_words(value, option, why, fix):
    assert parse_configured_origin(value, option) == OriginProblem(why, fix)


@pytest.mark.parametrize(
    ("written", "sent", "other"),
    [
        ("http://localhost:*", ["http://localhost", "http://localhost:5173"], "http://localhostx"),
        ("http://[::1]:*", ["http://[::1]:8080"], "http://[::2]:8080"),
        ("https://app.example.com:*", ["https://app.example.com:8443"], "https://appxexample.com"),
        # the *.localhost pattern's regex
        ("https://*.localhost:3000", ["https://api.localhost:3000"], "https://localhost:3000"),
    ],
)
def test_the_regex_a_fix_gives_builds_and_allows_only_what_was_meant(written, sent, other):
    """The regex a fix gives, copied as it reads, is accepted and allows what was
    meant, and nothing else."""
    fix = parse_configured_origin(written).fix
    literal = fix.partition("allow_origin_regex=")[2]
    middleware = CORSMiddleware(lambda e, s: [], allow_origin_regex=ast.literal_eval(literal))
    for origin in sent:
        assert middleware.policy.grant(origin) is not None, origin
    assert middleware.policy.grant(other) is None


def test_parse_configured_origin_reads_an_entry_of_allow_origins_by_default():
    assert parse_configured_origin("*") == parse_configured_origin("*", "allow_origins")


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        (
            "https:///",
            "drop the trailing '/': write it as 'https://'; that has no host: write a host:"
            " 'https://app.example'",
        ),
        (
            "https://?x=1",
            "write it as 'https://'; that has no host: write a host: 'https://app.example'",
        ),
        (
            "https://a\u3000b.example",
            "write it as 'https://a b.example'; that contains white space or a control"
            " character: remove the white space or control character",
        ),
    ],
)
def test_a_fix_whose_origin_is_refused_too_says_so_and_what_then(value, fix):
    """A fix followed round by round to an origin that is refused for a reason no
    rewrite mends (no host, white space) says why and what then, rather than leave
    'write it as' naming an origin the next run refuses (a mutation review)."""
    problem = parse_configured_origin(value)
    assert isinstance(problem, OriginProblem)
    assert problem.fix == fix


@pytest.mark.parametrize("value", [row[0] for row in WHOLE_MESSAGES] + ["https:///"])
def test_an_origin_a_fix_names_alone_is_accepted(value):
    """Where a fix says only "write it as 'X'", X is accepted: following the fix ends
    the matter."""
    problem = parse_configured_origin(value)
    if not isinstance(problem, OriginProblem) or "; that " in problem.fix:
        return
    for written in re.findall(r"[Ww]rite it as '([^']*)'", problem.fix):
        assert not isinstance(parse_configured_origin(written), OriginProblem), (value, written)


@pytest.mark.parametrize(
    ("value", "refused"),
    [
        ("https://*.10.0.0.1", True),
        ("foo://*.10.0.0.1", True),
        ("foo://*.a.1", True),
        ("capacitor://*.a.0x1", True),  # accepted before: only decimal digits were a number
        ("foo://*.a.0x", True),  # "0x" alone is a number (URL standard, IPv4 number parser)
        ("capacitor://*.a.0X1", True),  # an opaque host keeps its case; the number is one
        ("foo://*.a.0xg", False),
        ("foo://*.a.b1", False),
        ("capacitor://*.a.example", False),
    ],
)
def test_a_pattern_base_ending_in_a_number_is_an_ip_base_under_every_scheme(value, refused):
    """A base whose last label is a number (URL standard, "ends in a number checker":
    decimal digits, or "0x" and hex digits) is refused as an IP base, by the same test
    for every scheme: the URL parser reads it as IPv4 under a special scheme, a reader
    under any, and no registrable domain ends in one."""
    problem = parse_configured_origin(value)
    assert isinstance(problem, OriginProblem) is refused, problem
    if refused:
        assert problem.why.startswith("allows subdomains of a single-label or IP base")


@pytest.mark.parametrize("suffix", SHARED_SUFFIXES)
def test_a_pattern_over_a_shared_suffix_is_refused_and_one_under_it_is_not(suffix):
    """A subdomain pattern on a public suffix of several labels where anyone registers
    a name or puts up a page (``https://*.co.uk``, ``https://*.github.io``) allows
    strangers' sites, as ``https://*.com`` does: refused, on any scheme and port. A
    pattern one label further down (a registrable domain, or one's own site) is not,
    and matches only below it."""
    for value in (f"https://*.{suffix}", f"http://*.{suffix}:8080"):
        problem = parse_configured_origin(value)
        assert isinstance(problem, OriginProblem), value
        assert problem.why.startswith(f"allows subdomains of {suffix}, ")
    pattern = parse_configured_origin(f"https://*.example.{suffix}")
    assert isinstance(pattern, SubdomainPattern)
    assert pattern.matches(f"https://app.example.{suffix}")
    assert not pattern.matches(f"https://wsgicorsprobe.{suffix}")


@pytest.mark.parametrize("value", ["https://*.[::1]", "https://*.[::1]:8080"])
def test_a_pattern_over_an_ipv6_literal_is_told_its_base_is_an_address(value):
    """'*.' before an IPv6 literal is read as a pattern over an IP base, with or without
    a port (a review: without one, the address's last ':' was read as a port, '1]')."""
    problem = parse_configured_origin(value)
    assert isinstance(problem, OriginProblem)
    assert problem.why.startswith("allows subdomains of a single-label or IP base")


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        ("https://app.example/search?q=a+b", "write it as 'https://app.example'"),
        ("web+app://a.example/?to=web+app://b.example", "write it as 'web+app://a.example'"),
        ("https://app.example/a(b)|c", "write it as 'https://app.example'"),
    ],
)
def test_a_pasted_url_with_regex_signs_after_its_authority_is_told_its_origin(value, fix):
    """A '+', '|' or '(' in a pasted URL's path or query is no sign of a regular
    expression: the URL is told the origin to write (a review: it was told to pass it
    as allow_origin_regex)."""
    problem = parse_configured_origin(value)
    assert isinstance(problem, OriginProblem)
    assert problem.why.startswith("has a path, query or fragment")
    assert problem.fix == fix


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        ("https://a.example;", "write it as 'https://a.example'"),
        ("https://A.example;;", "write it as 'https://a.example'"),
    ],
)
def test_a_trailing_semicolon_is_told_the_origin_without_it(value, fix):
    """An origin copied with a statement's ';' is told to drop it (a review: it was
    told its host was no valid domain name)."""
    problem = parse_configured_origin(value)
    assert isinstance(problem, OriginProblem)
    assert (problem.why, problem.fix) == ("ends with ';'", fix)


# Serialized origins that hold, between them, every character one may hold.
EVERY_CHARACTER = [
    "web+app://x",  # a scheme's "+"
    "coap+tcp://[::1]:5683",
    "git-ssh.v2://abcdefghijklmnopqrstuvwxyz0123456789",
    "x://ABCDEFGHIJKLMNOPQRSTUVWXYZ",  # an opaque host keeps its case
    "x://a_b",
]


def test_origin_characters_are_exactly_those_of_serialized_origins() -> None:
    """ORIGIN_CHARACTERS, which origin_regex reads a class or ``.`` against, is every
    character of a serialized origin and no other (it was listed by hand there, and the
    listing left out the "+" of a scheme such as ``web+app``)."""
    assert all(is_serialized_origin(origin) for origin in EVERY_CHARACTER)
    assert ORIGIN_CHARACTERS == frozenset("".join(EVERY_CHARACTER))


# (entry, the origin its fix names, whether the fix says only that, the other scheme)
WRITTEN = [
    ("HTTPS://A.example/x", "https://a.example", True, None),  # followed through
    ("https://a.example:443", "https://a.example", True, None),  # "drop ':443': write ..."
    ("localhost:3000", "http://localhost:3000", True, "https"),
    ("a.example", "https://a.example", True, "http"),
    ("htps://a.example", "https://a.example", False, None),  # a guess
    ("NULL", "null", False, None),  # a caveat after it
    ("http://::1:3000", "http://[::1]:3000", False, None),  # another way after it
    ("https://a.example.", "https://a.example", False, None),  # another origin
    ("https:///", None, None, None),  # named, refused in turn: "; that ..."
    ("https://a.example:99999", None, None, None),  # no origin named
]


@pytest.mark.parametrize(("value", "write", "alone", "other_scheme"), WRITTEN)
def test_a_fix_carries_the_origin_it_names(value, write, alone, other_scheme):
    """What the next round of checks and the cross-checks read is the problem's
    ``write`` (and whether the fix says only that), not the fix's words; each names
    the origin the words name."""
    problem = parse_configured_origin(value)
    assert isinstance(problem, OriginProblem)
    assert (problem.write, problem.other_scheme) == (write, other_scheme)
    if write is not None:
        assert problem.alone is alone
        assert f"rite it as '{write}'" in problem.fix
    once_fixed = origins_once_fixed(problem)
    if write is None or not alone:
        assert once_fixed is None
    else:
        assert once_fixed[0] == write
        assert len(once_fixed) == 1 + (other_scheme is not None)


def test_an_entry_with_spaces_and_an_invisible_character_is_followed_through():
    """The entry without its spaces is checked as it is, not as its repr: a soft
    hyphen in it was read as the four characters '\\xad', a regular expression."""
    problem = parse_configured_origin(" https://a\xadb.example")
    assert isinstance(problem, OriginProblem)
    assert problem.fix == "write it as 'https://ab.example'"


def test_a_fix_shows_what_cannot_be_seen_and_is_followed_through_every_round():
    """The origin a fix names is shown as its repr where that shows more (an invisible
    character, a quote inside); an entry with five mistakes is mended in full."""
    invisible = parse_configured_origin("https://a\u200b b.example;")
    assert invisible.fix.startswith("write it as 'https://a\\u200b b.example'; that contains")
    quote = parse_configured_origin("https://a'b .example;")
    assert quote.fix.startswith("""write it as "https://a'b .example"; that contains""")
    # spaces, quotes, a tab, a path and the default port: one round each
    assert parse_configured_origin(' "https://a.example:443/x\t"').fix == (
        "write it as 'https://a.example'"
    )


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("0", 0),
        ("00", 0),
        ("8080", 8080),
        ("08080", 8080),
        ("65535", 65535),
        ("65536", None),
        ("99999", None),
        ("", None),
        ("-1", None),
        ("+80", None),
        ("٨٠", None),  # Arabic-Indic digits: str.isdigit() says yes, the URL parser no
        ("0" * 5000 + "1", 1),  # longer than int() reads
        ("1" * 5000, None),
    ],
)
def test_a_port_is_ascii_digits_up_to_65535(text, number):
    assert port_number(text) == number


def test_a_serialized_origins_port_is_every_port_number_without_leading_zeros():
    """The per-request check (one regex) and port_number read ports alike: every
    number of up to five digits and some of six, and each with a leading zero, which a
    browser never sends."""
    assert HIGHEST_PORT < 100_000  # so that the numbers below go past it
    for number in [*range(100_000), 100_000, 655_350, 999_999]:
        origin = f"https://a.example:{number}"
        in_range = port_number(str(number)) is not None
        assert is_serialized_origin(origin) == (in_range and number != 443), origin
        assert not is_serialized_origin(f"https://a.example:0{number}"), number


def test_a_port_longer_than_int_reads_is_a_configuration_error_not_a_crash():
    with pytest.raises(CORSConfigurationError, match="leading zeros in its port"):
        CORSMiddleware(plain_app, allow_origins=["https://a.example:" + "0" * 5000 + "1"])


@pytest.mark.parametrize(
    ("value", "then"),
    [
        (" NULL", "; that is not 'null' in lower case: write it as 'null', if you mean it:"),
        (" htps://a.example", "; that has the scheme 'htps', which looks like a typing mistake"),
        ("a.example ", "; that has no scheme: write it as 'https://a.example' (or with http://)"),
        # nine rounds: more than are followed
        ("'  HTTPS:////user@A.example:0443/x?y ;'", "; that names the default port of https"),
    ],
)
def test_a_fix_followed_through_stops_where_the_next_says_more(value, then):
    """A later round whose fix is a guess, has a caveat or offers the other scheme is
    shown whole, not cut to the origin it names; so is the round after the last one
    followed. The fix then names no origin to write."""
    problem = parse_configured_origin(value)
    assert isinstance(problem, OriginProblem)
    assert then in problem.fix
    assert problem.write is None
    assert origins_once_fixed(problem) is None


@pytest.mark.filterwarnings("ignore::FutureWarning")  # re's "Possible nested set", on "[["
def test_brackets_nested_deep_raise_only_a_configuration_error() -> None:
    """list_literal reads a list in brackets with json and ast, which raise
    RecursionError on brackets nested 3,000 deep: that escaped at first."""
    deep = "[" * 3000 + "]" * 3000
    assert list_literal(deep) is None  # brackets inside: no list of items
    with pytest.raises(CORSConfigurationError):
        CORSMiddleware(plain_app, allow_origins=deep)
    # a pattern that compiles (a class of '[', then ']'): warned of, and no list
    with pytest.warns(UserWarning, match="has no scheme"):
        CORSMiddleware(plain_app, allow_origins=[], allow_origin_regex=deep)
