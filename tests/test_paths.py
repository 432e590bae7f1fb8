"""Per-path policies (README and docs/configuration.rst, 'Per-path policies'): the router
as a table, without WSGI, its properties (Hypothesis), the middleware's use of it, and its
errors.

The rules guard against flask-cors's three path advisories: CVE-2024-6839 (rule
priority by pattern length, not by the order the user gave), CVE-2024-6844 (``+`` in a
path read as a space) and CVE-2024-6866 (case-insensitive path matching)."""

from __future__ import annotations

import ast
import re
import uuid
import warnings
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from wsgi_call import call, environ_for, plain_app
from wsgi_cors import CORSConfigurationError, CORSMiddleware, CORSSecurityWarning
from wsgi_cors.paths import PathRouter, covering_prefix, is_under, literal_readings

A = "https://a.example"
B = "https://b.example"

ROUTER = PathRouter(
    {"/api": "api", "/api/admin": "admin", "/static/v1.0": "static", "/caf\u00c3\u00a9": "cafe"},
    (
        (re.compile(r"/v[0-9]+/items"), "items"),
        (re.compile(r"/v1/.*"), "v1"),
        (re.compile("/men\u00fc/[a-z]+"), "menu"),  # written as text: /menü/...
        (re.compile(r"/proxy/https?://.+"), "proxy"),
    ),
)

# (path, what it selects)
ROUTES = [
    ("/api", "api"),
    ("/api/", "api"),
    ("/api/items", "api"),
    ("/api/items/", "api"),
    ("/api//x", "api"),
    # A run of slashes is one (browsers keep them; gunicorn passes them on; Flask and
    # Falcon route //api/admin/users as /api/admin/users).
    ("//api/admin/users", "admin"),
    ("///api/admin", "admin"),
    ("/api//admin/users", "admin"),
    ("//apix", None),
    ("//v2/items", "items"),
    # A pattern matches the path as sent, too: "//" inside it is not merged away.
    ("/proxy/https://img.example/cat.png", "proxy"),
    ("/apix", None),  # segment-bounded: a string prefix would match
    ("/ap", None),
    ("/API", None),  # case-sensitive (CVE-2024-6866)
    ("/Api/items", None),
    ("/api/admin", "admin"),  # the longest prefix wins, whatever the order
    ("/api/admin/users", "admin"),
    ("/api/administrator", "api"),
    ("/api+admin", None),  # "+" is a "+" (CVE-2024-6844)
    ("/api admin", None),
    ("/static/v1.0/app.js", "static"),
    ("/static/v1x0/app.js", None),  # a prefix is not a pattern: "." is a dot
    ("/v2/items", "items"),  # patterns after prefixes, fullmatched, in order
    ("/v1/items", "items"),  # the first pattern that matches, not the longest
    ("/v1/other", "v1"),
    ("/v2/items/1", None),
    ("/x/v2/items", None),
    ("/caf\u00c3\u00a9/menu", "cafe"),
    # PATH_INFO as PEP 3333 passes it: UTF-8 bytes read as Latin-1.
    ("/men\u00c3\u00bc/soup", "menu"),
    ("/men\u00c3\u00bc/SOUP", None),
    ("/men\u00fc/soup", None),  # the byte 0xFC alone is not UTF-8
    ("/\u0101/soup", None),  # not PEP 3333 (a character above U+00FF): taken as text
    # Read in more than one way by applications (an adversarial review): no entry
    # where the readings disagree, theirs where they agree (a review of the fix).
    ("/api/../api/admin/users", None),  # Pyramid's traversal resolves "..", Flask not
    ("/api/adm\u00c0\u00afin", None),  # an over-long UTF-8 "/": Bottle drops it
    ("/api/./items", "api"),
    ("/api/items/..", "api"),
    ("/api/admin/.", "admin"),
    ("/api/files/../x", "api"),  # fetch("/api/files/" + encodeURIComponent("../x"))
    ("/api/caf\u00e9", "api"),  # a legacy escape("é"): the byte E9, no UTF-8
    ("/api/..x/.y/x..", "api"),  # dots inside a segment are ordinary
    ("/api/.well-known", "api"),
    ("", None),
    ("/", None),
]


@pytest.mark.parametrize("path, selected", ROUTES)
def test_router(path: str, selected: str | None) -> None:
    assert ROUTER.route(path) == selected


def test_root_prefix_matches_every_path_and_loses_to_longer_ones() -> None:
    router = PathRouter({"": "root", "/api": "api"})
    assert [router.route(p) for p in ("", "/", "/x", "/api/y", "/apix")] == [
        "root",
        "root",
        "root",
        "api",
        "root",
    ]


# Segments a browser may send: a "." or ".." segment it resolves first.
segments = st.text(alphabet="abAB+%.-_ ", min_size=1, max_size=4).filter(
    lambda segment: segment not in (".", "..")
)


def browser_path(path: str) -> bool:
    """A PATH_INFO a browser's request can give: no dot segment, UTF-8 bytes."""
    try:
        path.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return False
    except UnicodeEncodeError:
        pass
    return not any(segment in (".", "..") for segment in path.split("/"))


@given(prefix=st.lists(segments, min_size=1, max_size=3), rest=st.text(max_size=12))
def test_a_prefix_matches_exactly_itself_and_what_is_under_it(prefix: list[str], rest: str) -> None:
    key = "/" + "/".join(prefix)
    path = key + rest
    assume(browser_path(path))  # one reading only (the other cases: ROUTES)
    # a control character selects no entry (paths.unreadable): its own tests
    assume(not any(ord(c) < 0x20 or ord(c) == 0x7F for c in path))
    expected = "hit" if rest == "" or rest.startswith("/") else None
    assert PathRouter({key: "hit"}).route(path) == expected


@given(st.lists(segments, min_size=1, max_size=4), st.data())
def test_the_longest_matching_prefix_wins(parts: list[str], data: st.DataObject) -> None:
    path = "/" + "/".join(parts)
    keys = ["/" + "/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    chosen = data.draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
    router = PathRouter({key: key for key in data.draw(st.permutations(chosen))})
    assert router.route(path) == max(chosen, key=len)


# -- the middleware ------------------------------------------------------------------------

PATHS: dict[Any, dict[str, Any]] = {
    "/api/": {"allow_origins": [A, B], "allow_credentials": [A]},
    "/api/admin": {"allow_origins": [A], "allow_methods": ["GET"]},
    "/status": {},  # the top-level options
    re.compile(r"/files/[0-9]+"): {"expose_headers": ["X-File"]},
}


def app_with_paths(**top: Any) -> CORSMiddleware:
    return CORSMiddleware(plain_app, **top, paths=PATHS)


def cors(path: str, origin: str | None = A, **headers: str) -> dict[str, str]:
    request = ({"Origin": origin} if origin else {}) | headers
    method = "OPTIONS" if "Access-Control-Request-Method" in headers else "GET"
    response = call(app_with_paths(expose_headers="X-Top"), method, path, request)
    return {**response.cors(), **({"vary": response.get("Vary")} if response.get("Vary") else {})}


def test_each_entry_applies_its_options_over_the_top_level() -> None:
    assert cors("/api/items") == {
        "access-control-allow-origin": A,
        "access-control-allow-credentials": "true",
        "access-control-expose-headers": "X-Top",
        "vary": "Origin",
    }
    assert cors("/api/items", "https://evil.example") == {"vary": "Origin"}
    assert cors("/status", "https://evil.example") == {
        "access-control-allow-origin": "*",
        "access-control-expose-headers": "X-Top",
    }
    assert cors("/files/12") == {
        "access-control-allow-origin": "*",
        "access-control-expose-headers": "X-File",
    }


def test_the_longest_prefix_decides_preflights() -> None:
    put = {"Access-Control-Request-Method": "PUT"}
    assert cors("/api/admin/users", **put) == {"vary": "Origin"}  # PUT not in ["GET"]
    assert cors("/api/users", **put)["access-control-allow-methods"] == "PUT"


@pytest.mark.parametrize("path", ["/apix", "/API/items", "/", "/files/x", "/files/12/a", "/other"])
def test_unmatched_paths_pass_through_untouched(path: str) -> None:
    response = call(app_with_paths(), "GET", path, {"Origin": A})
    assert response.cors() == {}
    assert response.get("Vary") is None
    preflight = {"Origin": A, "Access-Control-Request-Method": "PUT"}
    response = call(app_with_paths(), "OPTIONS", path, preflight)
    assert response.status == "200 OK"  # the application's own answer
    assert response.cors() == {}


def test_a_request_without_path_info_is_routed_as_the_empty_path() -> None:
    """CGI lets a server leave PATH_INFO out for the application's root: it is "",
    which the pattern r"/?" matches."""
    app = CORSMiddleware(
        plain_app, allow_origins=[B], paths={re.compile(r"/?"): {"allow_origins": [A]}}
    )
    environ = environ_for("GET", headers=[("Origin", A)])
    del environ["PATH_INFO"]
    sent: list[Any] = []
    app(environ, lambda status, headers, exc_info=None: sent.append(headers))
    (headers,) = sent
    assert ("Access-Control-Allow-Origin", A) in headers


def test_non_ascii_prefixes_and_patterns_are_written_as_text() -> None:
    """``"/café"`` and ``re.compile("/menü/.*")`` select the requests for those paths,
    which reach the application as PEP 3333 passes them (UTF-8 bytes read as Latin-1)."""
    app = CORSMiddleware(
        plain_app,
        paths={"/caf\u00e9": {"allow_origins": [A]}, re.compile("/men\u00fc/.*"): {}},
    )
    for path_info, allowed in [
        ("/caf\u00c3\u00a9/x", A),
        ("/men\u00c3\u00bc/x", "*"),
        ("/caf\u00e9/x", None),  # the byte 0xE9 alone: not UTF-8 for "é"
    ]:
        response = call(app, "GET", path_info, {"Origin": A})
        assert response.get("Access-Control-Allow-Origin") == allowed, path_info


def test_top_level_options_given_as_generators_reach_every_entry() -> None:
    """A generator can be read once; each entry reads the top-level options again, so
    the middleware reads such an option into a tuple first (found by a typing review:
    the entry got no origin, and methods and exposed headers silently empty)."""
    app = CORSMiddleware(
        plain_app,
        allow_origins=(origin for origin in [A]),
        allow_methods=(method for method in ["GET", "PUT"]),
        expose_headers=(name for name in ["X-Request-Id"]),
        paths={"/api": {}},
    )
    response = call(app, "GET", "/api/items", {"Origin": A})
    assert response.get("Access-Control-Allow-Origin") == A
    assert response.get("Access-Control-Expose-Headers") == "X-Request-Id"
    preflight = {"Origin": A, "Access-Control-Request-Method": "PUT"}
    assert call(app, "OPTIONS", "/api/items", preflight).status == "204 No Content"


def test_percent_decoding_is_the_servers() -> None:
    """``/api%2Fitems`` and ``/%61pi/items`` reach the application as ``PATH_INFO``
    ``/api/items`` when the server decodes them (waitress, gunicorn and wsgiref do):
    the policy is chosen on what the application routes on."""
    webtest = pytest.importorskip("webtest")
    testapp = webtest.TestApp(app_with_paths())
    for raw in ("/%61pi/items", "/api%2Fitems"):
        response = testapp.get(raw, headers={"Origin": A})
        assert response.headers.get("Access-Control-Allow-Origin") == A, raw


def test_problems_name_the_path_and_are_reported_with_the_top_level() -> None:
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(
            plain_app,
            max_age=-1,
            paths={
                "/api": {"allow_origins": ["https://a.example/"]},
                "/admin/": {"allow_origins": [A], "allow_credentials": [B]},
                "/api/": {},
                "static": {},
            },
        )
    found = {(p.option, p.value) for p in caught.value.problems}
    assert found == {
        ("max_age", -1),  # once, though every entry inherits it
        ("paths['/api'].allow_origins", "https://a.example/"),
        ("paths['/admin/'].allow_credentials", B),
        ("paths", "/api/"),
        ("paths", "static"),
    }


@pytest.mark.parametrize(
    "paths, fragment",
    [
        ([("/api", {})], "paths: expected a mapping"),
        ({b"/api": {}}, "expected str prefixes or str re.Pattern keys"),
        ({re.compile(b"/api"): {}}, "expected str prefixes"),
        ({"/api": ["https://a.example"]}, "paths['/api']: expected a mapping of options"),
        ({"/api": {"origins": [A]}}, "paths['/api']: unknown option 'origins': use allow_origins"),
        ({"/api": {"paths": {}}}, "paths['/api']: unknown option 'paths'; the keywords are"),
        ({"/api": {"max_age": "60"}}, "paths['/api']: max_age: expected int"),
    ],
)
def test_type_errors_name_the_path(paths: Any, fragment: str) -> None:
    with pytest.raises(TypeError) as caught:
        CORSMiddleware(plain_app, paths=paths)
    assert fragment in str(caught.value)


def test_without_paths_nothing_changes() -> None:
    assert CORSMiddleware(plain_app).router is None


@pytest.mark.parametrize(
    ("key", "fix", "prefix"),
    [
        (r"/api/*", "write the prefix '/api', which matches everything under it", "/api"),
        ("/api*", "use re.compile(r'/api.*') as the key", None),
        ("/api/v*", "write the prefix '/api'", "/api"),  # not '/api/v', which is no prefix
        # the rest of a glob is kept, not widened to every file (a review of the fixes)
        ("/files/*.txt", r"or use re.compile(r'/files/.*\.txt') as the key", "/files"),
        (r"/api/.*", "or use re.compile(r'/api/.*') as the key", "/api"),
        (r"^/api/.*$", "or use re.compile(r'/api/.*') as the key", "/api"),
        (r"/api/.+", "write the prefix '/api'", "/api"),
        (r"/api/(v1|v2)/.*", "write the prefix '/api'", "/api"),
        (r"/v[0-9]+/.*", "use re.compile(r'/v[0-9]+/.*') as the key", None),
        ("/api?version=2", "write the prefix '/api'", "/api"),
        # an adversarial review: a key copied from an address bar, or with a dot
        # segment, was accepted and never matched (PATH_INFO is decoded, and a path with
        # a dot segment selects no entry), so a stricter entry silently did nothing
        ("/caf%C3%A9", "write it as '/café'", "/café"),
        ("/my%20files", "write it as '/my files'", "/my files"),
        ("/%FF", "write the path as text", None),
        ("/api/../admin", "write it as '/admin'", "/admin"),
        ("/./api", "write it as '/api'", "/api"),
        # a new user's walkthrough: '/api/.+' was offered the pattern r'/api/.+.*',
        # '\\api' the regex r'\api.*' (\a is the bell character); a prefix stops at the
        # last whole segment ('^/api/v' is /api/v1 too, as '/api/v*' is)
        ("^/api/v1", "write the prefix '/api',", "/api"),
        ("^/api/v", "write the prefix '/api',", "/api"),
        ("/api\\v1", "write it as '/api/v1'", "/api/v1"),
        (r"^/v\d+/items", r"use re.compile(r'/v\d+/items.*')", None),
        (r"/api\.json", r"use re.compile(r'/api\.json.*')", None),
        ("/api/.+", "use re.compile(r'/api/.+') as the key", "/api"),
        ("\\api", "write it as '/api'", "/api"),
        ("\\api\\*", "write the prefix '/api'", "/api"),
        ("https://api.example/v1", "write the path, '/v1'", "/v1"),
        ("v1", "write it as '/v1'", "/v1"),
        # a mutation review: a pattern without its leading '/' was offered 'api' and
        # r'api/.*', which no PATH_INFO matches
        ("api/*", "write the prefix '/api', which matches everything under it", "/api"),
        ("api/*", "or use re.compile(r'/api/.*') as the key", "/api"),
        ("^api/v1/.*$", "write the prefix '/api/v1'", "/api/v1"),
        ("api?version=2", "write the prefix '/api'", "/api"),
        ("v*", "use re.compile(r'/v.*') as the key", None),
        # a fail-open review: route templates and regex ends were accepted as literal
        # prefixes no path has, so a narrower entry never applied
        (
            "/tenants/{tid}/admin",
            "or use re.compile(r'/tenants/[^/]+/admin(/.*)?') as the key",
            "/tenants",
        ),
        ("/users/<int:uid>/admin", "write the prefix '/users', which matches", "/users"),
        ("/items/{id:int}", "or use re.compile(r'/items/[^/]+(/.*)?') as the key", "/items"),
        ("/admin$", "use re.compile(r'/admin') as the key", None),
        ("/admin(/|$)", "use re.compile(r'/admin(/|$).*') as the key", None),
        ("/v[0-9]{1,3}/items", "use re.compile(r'/v[0-9]{1,3}/items.*') as the key", None),
        # a review: each branch whole, and Next.js's "[id]" a parameter, not a class
        ("/api|/admin", "use re.compile(r'(?:/api|/admin)(/.*)?') as the key", None),
        ("/files/[id]", "or use re.compile(r'/files/[^/]+(/.*)?') as the key", "/files"),
        ("/{tenant}/admin", "use re.compile(r'/[^/]+/admin(/.*)?') as the key", None),
        # a review: "[^/]+" (a class holding '/') and Express's ":id" were accepted as
        # literal prefixes, and a named group's "(?P<version>" was read as Flask's
        # "<version>" and offered a pattern matching "(?P" as written
        (r"/tenants/[^/]+/public", "write the prefix '/tenants'", "/tenants"),
        ("/u/:id/files", "or use re.compile(r'/u/[^/]+/files(/.*)?') as the key", "/u"),
        ("/w/:id?", "write the prefix '/w', which matches everything under it", "/w"),
        ("/users/:id(\\d+)", "or use re.compile(r'/users/[^/]+(/.*)?') as the key", "/users"),
        (r"/api/(?P<version>v\d+)/.*", r"use re.compile(r'/api/(?P<version>v\d+)/.*')", "/api"),
        # helper-170: white space around a key (a settings file's, a byte order mark)
        # was offered '/ /api', and kept after it; a control character, which makes
        # a path select no entry, was accepted
        (" /api", "write it as '/api'", "/api"),
        ("/api ", "write it as '/api'", "/api"),
        ("\ufeff/api", "write it as '/api'", "/api"),
        ("\xa0api/*", "write the prefix '/api', which matches", "/api"),
        ("/api\n", "write it as '/api'", "/api"),
        ("/a\x00pi", "remove it: '/api'", "/api"),
    ],
)
def test_a_key_that_is_no_literal_prefix_is_refused_with_the_prefix_to_write(
    key: str, fix: str, prefix: str | None
) -> None:
    """flask-cors's resources (r"/api/*") and django-cors-headers' CORS_URLS_REGEX
    (r"^/api/.*$") copied as they are were accepted as literal prefixes that no path
    starts with, so /api/items got no CORS header at all; a regex key was told to
    prepend '/' (configuration review). The prefix the fix names is accepted and
    covers /api/items or /v1/items."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, allow_origins=[A], paths={key: {}})
    (problem,) = caught.value.problems
    assert (problem.option, problem.value) == ("paths", key)
    assert fix in problem.fix, problem.fix
    assert "'/'" not in problem.fix  # never the whole site for a narrower pattern
    if prefix is None:
        return
    fixed = CORSMiddleware(plain_app, allow_origins=[A], paths={prefix: {}})
    path_info = (prefix + "/items").encode().decode("latin-1")  # as PEP 3333 passes it
    response = call(fixed, "GET", path_info, {"Origin": A})
    assert response.cors()["access-control-allow-origin"] == A


@pytest.mark.parametrize("key", ["/tenants/{tid}/admin", "/tenants/<int:tid>/admin/"])
def test_a_route_template_is_offered_the_pattern_it_stands_for(key: str) -> None:
    """The pattern offered for a framework's route template matches its paths and those
    under them, not its neighbours'; "$metadata", "(1)" stay literal prefixes."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, allow_origins=[A], paths={key: {}})
    offered = re.search(r"re\.compile\(r'([^']*)'\)", caught.value.problems[0].fix)
    assert offered is not None
    app = CORSMiddleware(plain_app, allow_origins=[A], paths={re.compile(offered[1]): {}})
    for path, allowed in [
        ("/tenants/5/admin", True),
        ("/tenants/acme/admin/users", True),
        ("/tenants/5/administrator", False),
        ("/tenants/5/6/admin", False),
    ]:
        assert bool(call(app, "GET", path, {"Origin": A}).cors()) is allowed, path
    CORSMiddleware(
        plain_app,
        paths={"/odata/$metadata": {}, "/odata/Products(1)": {}, "/v1/projects/p:batchGet": {}},
    )


@pytest.mark.parametrize(
    "key",
    ["/t/{tid}/a'b\"c", "/t/*/a'b\"c", "^/t/[0-9]+/a'b\"c$"],
    ids=["route-template", "glob", "regex"],
)
def test_the_pattern_offered_for_a_key_with_both_quotes_is_python(key: str) -> None:
    """The pattern offered is Python to copy, whatever quotes the key holds: a key
    with both kinds was offered re.compile(r"...'..."...") (a review)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, allow_origins=[A], paths={key: {}})
    offered = re.search(r"re\.compile\((.*)\) as the key", caught.value.problems[0].fix)
    assert offered is not None
    pattern = re.compile(ast.literal_eval(offered[1]))
    assert pattern.fullmatch("/t/5/a'b\"c")
    assert not pattern.fullmatch("/u/5/a'b\"c")


@pytest.mark.parametrize(
    ("paths", "prefix"),
    [
        ({"/": {}, re.compile(r"/admin/.*"): {}}, "/"),
        ({"/api": {}, re.compile(r"/api/v[0-9]+/admin/.*"): {}}, "/api"),
        ({"/api/": {}, re.compile(r"/api"): {}}, "/api"),
        ({"/api": {}, re.compile(r"/api$"): {}}, "/api"),  # "$" adds nothing (a review)
        ({"/api": {}, re.compile(r"/api\Z"): {}}, "/api"),  # nor does "\Z"
        # //api/x is routed as /api/x, runs of slashes merged, before any pattern: read
        # so, as covering_prefix reads it (helper-151 found it missed)
        ({"/api": {}, re.compile(r"//api/.*"): {}}, "/api"),
        ({"/api": {}, re.compile(r"^/api/(?:v1|v2)/.*"): {}}, "/api"),  # one start: /api/v
    ],
)
def test_a_pattern_a_prefix_shadows_is_refused(paths: Any, prefix: str) -> None:
    """Patterns are tried only when no prefix matches, so a narrower pattern under a
    prefix never applied and its paths got the prefix's wider policy, silently (a
    fail-open review; the rule order of flask-cors CVE-2024-6839 by another road)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, allow_origins=[A], paths=paths)
    (problem,) = caught.value.problems
    assert problem.why == (
        f"is never tried: every path it matches is under the prefix {prefix!r}, and"
        " prefixes are tried first"
    )


@pytest.mark.parametrize(
    "pattern",
    [
        re.compile(r"/apix?/v1"),  # /api/v1 and /apix/v1: not all under /api
        re.compile(r"/api.*"),  # /apix too
        re.compile(r"/api/a|/b"),  # an alternative outside /api: not read
        re.compile(r"/API/.*", re.IGNORECASE),  # /api/x and /Api/x: not read
        re.compile(r"/api/.*", re.IGNORECASE),  # /API/x is under no prefix (a review)
        re.compile(r"/api/?x.*"),  # /apix too: the "/" before "?" may be absent
        re.compile(r"/v[0-9]+/.*"),
        re.compile(r"/api$|/b"),  # the final "$" of an alternative: not read
        re.compile(r"/ap$"),  # /ap is not under /api
        re.compile(r"/apix/.*"),  # /api holds /api/x, not /apix/x
        re.compile(r"/api(?:.*|/v1)"),  # /apix too: a ".*" alternative ends the reading
    ],
)
def test_a_pattern_that_reaches_outside_every_prefix_is_kept(pattern: re.Pattern[str]) -> None:
    CORSMiddleware(plain_app, allow_origins=[A], paths={"/api": {}, pattern: {}})


def test_a_glob_is_offered_as_the_pattern_it_is() -> None:
    """The pattern offered for a glob key matches what the glob does, no more: the
    '.txt' of '/files/*.txt' was dropped, offering every file under /files."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, allow_origins=[A], paths={"/files/*.txt": {}})
    offered = re.search(r"re\.compile\(r'([^']*)'\)", caught.value.problems[0].fix)
    assert offered is not None
    fixed = CORSMiddleware(plain_app, allow_origins=[A], paths={re.compile(offered[1]): {}})
    assert call(fixed, "GET", "/files/a.txt", {"Origin": A}).cors()
    assert not call(fixed, "GET", "/files/a.json", {"Origin": A}).cors()


def test_characters_a_path_may_hold_stay_in_a_prefix() -> None:
    """Only the marks of a pattern and a query are refused: '+', '(', '.', '$' and '#'
    are ordinary path characters (flask-cors CVE-2024-6844 was about '+'; OData serves
    /$metadata and /$batch; a review found '$' refused)."""
    keys = ["/a+b", "/wiki/Foo_(bar)", "/v1.0", "/~user", "/odata/$metadata", "/$batch", "/a#b"]
    CORSMiddleware(plain_app, allow_origins=[A], paths={k: {} for k in keys})


@pytest.mark.parametrize(
    ("key", "path"),
    [
        (r"^/api/v\d+/.*", "/api/v22/users"),
        (r"^/api/", "/api/x"),  # matched from the start, as flask-cors does: '.*' added
        (r"^/(api|graphql)", "/graphql"),
        ("/odata/Products(1)/*", "/odata/Products(1)/Name"),
        ("/elasticsearch/logs-*", "/elasticsearch/logs-2024"),
        ("api/*", "/api/items"),
        ("v*", "/v2/items"),
        (r"^api/v\d+", "/api/v3/users"),
    ],
)
def test_the_pattern_a_refusal_offers_matches_what_the_key_meant(key: str, path: str) -> None:
    """The re.compile(...) a refusal offers, used as written, covers the paths the key
    was written for: its backslashes were doubled, and a pattern without '$' lost what
    follows it (reviews of the day's change)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, allow_origins=[A], paths={key: {}})
    (problem,) = caught.value.problems
    offered = re.search(r"re\.compile\(r'([^']*)'\)", problem.fix)
    assert offered is not None, problem.fix
    fixed = CORSMiddleware(plain_app, allow_origins=[A], paths={re.compile(offered[1]): {}})
    response = call(fixed, "GET", path, {"Origin": A})
    assert response.cors()["access-control-allow-origin"] == A, problem.fix


def test_a_key_of_white_space_alone_is_a_configuration_error() -> None:
    with pytest.raises(CORSConfigurationError, match="is only white space"):
        CORSMiddleware(plain_app, allow_origins=[A], paths={" \t": {}})


def test_a_key_with_a_lone_surrogate_is_a_configuration_error() -> None:
    with pytest.raises(CORSConfigurationError, match="lone surrogate"):
        CORSMiddleware(plain_app, paths={"/\ud800": {}})


def test_an_entry_is_blamed_for_its_own_value_of_an_option_the_top_level_also_got_wrong() -> None:
    """An entry that inherits the top level's invalid option is not blamed for it again,
    but one that sets its own invalid value is, beside the top level (a mutation review
    found the second half unpinned)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, max_age=-1, paths={"/api": {"max_age": -2}, "/static": {}})
    found = {(p.option, p.value) for p in caught.value.problems}
    assert found == {("max_age", -1), ("paths['/api'].max_age", -2)}


def test_a_top_level_problem_every_entry_puts_right_is_no_problem() -> None:
    """allow_credentials="*" beside the default allow_origins="*" is refused on its own,
    but under paths= the top level applies only through the entries: where each lists
    its own origins, no request meets it, and the middleware is made (flask-cors's
    ``CORS(app, supports_credentials=True, resources={...: {"origins": [...]}})``
    translated was refused with a message about allow_origins='*', which no entry had)."""
    middleware = CORSMiddleware(
        plain_app,
        allow_credentials="*",
        paths={"/api": {"allow_origins": [A]}, "/partner": {"allow_origins": [B]}},
    )
    assert call(middleware, "GET", "/api/x", {"Origin": A}).cors() == {
        "access-control-allow-origin": A,
        "access-control-allow-credentials": "true",
    }
    assert call(middleware, "GET", "/api/x", {"Origin": B}).cors() == {}
    assert (
        call(middleware, "GET", "/partner", {"Origin": B}).get("Access-Control-Allow-Credentials")
        == "true"
    )
    # The top level alone is no policy: reading it says why and where the policies are.
    with pytest.raises(AttributeError, match=r"allow_credentials: '\*' with allow_origins='\*'"):
        middleware.policy  # noqa: B018
    with pytest.raises(AttributeError, match=r"entry\.policy for each entry in router\.entries"):
        middleware.policy  # noqa: B018


@pytest.mark.parametrize(
    "paths, inheritors",
    [
        ({"/api": {"allow_origins": [A]}, "/public": {}}, "paths['/public']"),
        ({"/api": {"allow_origins": "*"}}, "paths['/api']"),  # its own '*', inherited '*'
        ({"/a": {}, "/b": {"max_age": 5}}, "paths['/a'], paths['/b']"),
    ],
)
def test_a_top_level_problem_an_entry_meets_is_reported_once_naming_it(
    paths: dict[str, Any], inheritors: str
) -> None:
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, allow_credentials="*", paths=paths)
    (problem,) = caught.value.problems
    assert (problem.option, problem.value) == ("allow_credentials", "*")
    assert problem.fix.endswith(f" (inherited by {inheritors})")


def test_an_entrys_other_problem_with_an_inherited_option_is_its_own() -> None:
    """An entry that inherits allow_credentials="*" and has another problem with it
    than the top level's (its own open regex, not the top level's '*' origins) is told
    its own problem, not the top level's as "inherited by" it (a review: its real
    problem was hidden)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(
            plain_app,
            allow_credentials="*",
            paths={"/api": {"allow_origins": [], "allow_origin_regex": r"https://.*"}},
        )
    (problem,) = caught.value.problems
    assert problem.option == "paths['/api'].allow_credentials"
    assert "(it matches 'https://wsgi-cors-probe.com', which anyone" in problem.why
    assert "inherited by" not in problem.fix


def test_a_top_level_value_no_entry_uses_is_still_checked() -> None:
    """A value every entry replaces is never applied, but a mistake in it is still
    reported, as the top level's (it may be the value the user meant for every entry)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, allow_origins=[A + "/"], paths={"/api": {"allow_origins": [B]}})
    assert [(p.option, p.value) for p in caught.value.problems] == [("allow_origins", A + "/")]
    assert "inherited by" not in caught.value.problems[0].fix


def test_a_problem_of_an_inherited_value_says_the_entry_inherits_it() -> None:
    """An entry with its own allow_origins inherits the top level's allow_credentials,
    which names an origin the entry does not allow: the problem is the entry's, and its
    fix says the value is inherited and how to change it for this entry alone ("remove it
    from allow_credentials" alone would change /api too; a review)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(
            plain_app,
            allow_origins=[A],
            allow_credentials=[A],
            paths={"/api": {}, "/partner": {"allow_origins": ["https://partner.example"]}},
        )
    (problem,) = caught.value.problems
    assert problem.option == "paths['/partner'].allow_credentials"
    assert problem.fix.endswith(
        "(this entry inherits allow_credentials from the top level: set 'allow_credentials'"
        " in the entry to change it here only)"
    )
    fixed = CORSMiddleware(
        plain_app,
        allow_origins=[A],
        allow_credentials=[A],
        paths={"/api": {}, "/partner": {"allow_origins": [B], "allow_credentials": None}},
    )
    assert call(fixed, "GET", "/api/x", {"Origin": A}).get("Access-Control-Allow-Credentials")
    assert call(fixed, "GET", "/partner/x", {"Origin": B}).cors() == {
        "access-control-allow-origin": B
    }
    with pytest.raises(CORSConfigurationError) as caught:  # its own value: no such note
        CORSMiddleware(plain_app, paths={"/p": {"allow_origins": [B], "allow_credentials": [A]}})
    assert "inherits" not in caught.value.problems[0].fix


def test_a_url_in_a_path_is_a_path_and_a_urls_pattern_gets_the_patterns_fix() -> None:
    """A path that holds a URL after its first segment (a proxy's '/proxy/https://…')
    is a literal prefix like any other; a key that is a URL whose path is a glob is
    offered the glob's prefix (a mutation review found both unpinned)."""
    key = "/proxy/https://a.example"
    app = CORSMiddleware(plain_app, allow_origins=[A], paths={key: {}})
    assert call(app, "GET", key + "/x", {"Origin": A}).cors()["access-control-allow-origin"] == A
    assert not call(app, "GET", "/other", {"Origin": A}).cors()
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, allow_origins=[A], paths={"https://api.example/v1/*": {}})
    (problem,) = caught.value.problems
    assert problem.why == "is a URL, not a path"
    assert problem.fix.startswith("write the prefix '/v1', which matches everything under it")


REGEX = r"https://[a-z]+\.example\.com"
ADMIN = "https://admin.example.com"


def test_an_entry_that_lists_origins_is_warned_it_keeps_the_top_level_regex() -> None:
    """Entries override options one by one, so an entry listing its origins keeps the
    top level's allow_origin_regex: https://blog.example.com got credentials under
    /admin (a fail-open review). Warned of at the user's line, with the way out."""
    entry = {"allow_origins": [ADMIN]}
    with pytest.warns(CORSSecurityWarning) as caught:
        app = CORSMiddleware(
            plain_app, allow_origin_regex=REGEX, allow_credentials="*", paths={"/admin": entry}
        )
    (warning,) = caught
    assert str(warning.message) == (
        f"paths['/admin'] sets allow_origins and keeps the top level's allow_origin_regex"
        f" {REGEX!r}: the origins it matches are allowed there too. Set allow_origin_regex"
        " in the entry: None to allow only the entry's allow_origins, the same pattern to"
        " keep both"
    )
    assert warning.filename == __file__
    blog = {"Origin": "https://blog.example.com"}
    assert call(app, "GET", "/admin/users", blog).cors()["access-control-allow-credentials"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        only = CORSMiddleware(
            plain_app,
            allow_origin_regex=REGEX,
            allow_credentials="*",
            paths={"/admin": {**entry, "allow_origin_regex": None}, "/blog": {}},
        )
    assert not call(only, "GET", "/admin/users", blog).cors()
    assert call(only, "GET", "/admin/users", {"Origin": ADMIN}).cors()
    assert call(only, "GET", "/blog/1", blog).cors()  # an entry that lists none: no warning


@pytest.mark.parametrize(
    ("pattern", "repeated"),
    [
        (r"/api/([a-z0-9-]+/?)+", "([a-z0-9-]+/?)+"),  # 24 letters and '!': 1.1 s
        (r"/files/(\w+)*\.txt", "(\\w+)*"),
        (r"/files/(.*/)*[^/]+", "(.*/)*"),  # a review: 0.37 s for 22 repetitions
        (r"/files/(\w|\w\w)*\.txt", r"(\w|\w\w)*"),  # 0.09 s for 28 letters and '!'
        # a path may hold what no origin holds (helper-156: read as an origin's, it
        # was not said; 0.44 s for 32 tildes)
        (r"/files/(~|~~)*x", "(~|~~)*"),
        (r"/files/(é|éé)*x", "(é|éé)*"),
        (r"/files/(\.|[^/])*x", r"(\.|[^/])*"),  # 2.2 s for 24 dots (helper-157)
    ],
)
def test_a_pattern_a_crafted_path_makes_exponential_is_warned_of(
    pattern: str, repeated: str
) -> None:
    """PATH_INFO is the client's to choose: a paths pattern whose repetitions share out
    a run of characters in exponentially many ways lets one request hold a worker (a
    ReDoS). Warned of at the user's line, naming the entry, the group and the way out;
    the entry still works."""
    key = re.compile(pattern)
    with pytest.warns(CORSSecurityWarning) as caught:
        app = CORSMiddleware(plain_app, paths={key: {}})
    (warning,) = caught
    message = str(warning.message)
    assert message.startswith(f"paths[{pattern!r}] repeats {repeated!r}, a group whose")
    assert "(a ReDoS)" in message
    assert r"(r'/api/([a-z0-9-]+/)*items', not r'/api/([a-z0-9-]+/?)+items')" in message
    assert warning.filename == __file__
    assert call(app, "GET", "/api/v1/items", {"Origin": "https://a.example"}).cors() == (
        {"access-control-allow-origin": "*"} if pattern.startswith("/api") else {}
    )


@pytest.mark.parametrize(
    "pattern",
    [r"/api/([a-z0-9-]+/)*items", r"/v[0-9]+/.*", r"/files/\w+\.txt", r"/a/(b+)?c", "/x/(?:y/)+"],
)
def test_a_pattern_matched_in_linear_time_is_not_warned_of(pattern: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        CORSMiddleware(plain_app, paths={re.compile(pattern): {}, "/other": {}})


def test_an_entry_open_to_every_origin_under_a_top_level_regex_is_accepted() -> None:
    """ "allow_origins": "*" in an entry opens it: the top level's regex, which would
    have no effect beside it, is not inherited (a review found it refused, with a fix
    that could not be followed), and nothing is warned of."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        app = CORSMiddleware(
            plain_app, allow_origin_regex=REGEX, paths={"/public": {"allow_origins": "*"}, "/x": {}}
        )
    evil = {"Origin": "https://evil.example"}
    assert call(app, "GET", "/public/a", evil).cors()["access-control-allow-origin"] == "*"
    assert not call(app, "GET", "/x/a", evil).cors()


def test_an_entry_that_drops_the_top_level_regex_without_origins_is_refused() -> None:
    """ "allow_origin_regex": None in an entry, where the top level gives only a
    pattern, left allow_origins at its default, "*": the entry allowed every origin
    (a fail-open review). Refused, with a fix that works; an entry that lists its
    origins, or says "*", is built."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(
            plain_app, allow_origin_regex=REGEX, paths={"/x": {"allow_origin_regex": None}}
        )
    (problem,) = caught.value.problems
    assert (problem.option, problem.value) == ("paths['/x'].allow_origin_regex", None)
    assert "every origin would be allowed on these paths" in problem.why
    assert problem.fix.startswith("set allow_origins in the entry")
    evil = {"Origin": "https://evil.example"}
    for origins, expected in (([ADMIN], None), ("*", "*")):
        app = CORSMiddleware(
            plain_app,
            allow_origin_regex=REGEX,
            paths={"/x": {"allow_origin_regex": None, "allow_origins": origins}},
        )
        assert call(app, "GET", "/x/a", evil).cors().get("access-control-allow-origin") == expected
    listed = CORSMiddleware(
        plain_app,
        allow_origins=[ADMIN],
        allow_origin_regex=REGEX,
        paths={"/x": {"allow_origin_regex": None}},
    )
    assert not call(listed, "GET", "/x/a", evil).cors()
    # No top-level pattern to drop: the entry means what it always meant.
    plain = CORSMiddleware(plain_app, paths={"/x": {"allow_origin_regex": None}})
    assert call(plain, "GET", "/x/a", evil).cors().get("access-control-allow-origin") == "*"


@pytest.mark.parametrize(
    ("credentials", "opted_in", "offers_star"),
    [(None, False, True), ([ADMIN], False, True), ("*", False, False), ("*", True, True)],
)
def test_the_dropped_regex_fix_offers_star_only_where_star_is_built(
    credentials: object, opted_in: bool, offers_star: bool
) -> None:
    """The refusal's fix offers allow_origins='*' only where following it builds: beside
    allow_credentials='*' a star is refused in turn, unless opted into (README
    difference 7; a review)."""
    options: dict[str, Any] = {"allow_origin_regex": REGEX, "allow_credentials": credentials}
    if opted_in:
        options["dangerously_allow_any_origin_with_credentials"] = True
    # The entry is refused: no warning comes with the error, as none comes with the top
    # level's (the opted-in one comes once it is accepted, below).
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with pytest.raises(CORSConfigurationError) as caught:
            CORSMiddleware(plain_app, **options, paths={"/x": {"allow_origin_regex": None}})
    assert seen == []
    # Beside allow_credentials='*' the default star is refused on its own too.
    (problem,) = [p for p in caught.value.problems if p.option.endswith("allow_origin_regex")]
    assert ("'*' to allow every origin knowingly" in problem.fix) is offers_star
    entry = {"allow_origin_regex": None, "allow_origins": "*"}
    if offers_star:
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            CORSMiddleware(plain_app, **options, paths={"/x": entry})
        expected = ["allow_origins='*' with allow_credentials='*'"] if opted_in else []
        assert [str(w.message).partition(" lets")[0] for w in seen] == expected
        assert all(str(w.message).endswith(" (paths['/x'])") for w in seen)
    else:
        assert "not '*'" in problem.fix
        with pytest.raises(CORSConfigurationError, match="CVE-2026-54290"):
            CORSMiddleware(plain_app, **options, paths={"/x": entry})


def test_an_entry_that_drops_the_top_level_regex_is_reported_with_its_other_problems() -> None:
    """The refusal joins the entry's other problems, and a wrong type is still a
    TypeError (a review: it was raised alone, first)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(
            plain_app,
            allow_origin_regex=REGEX,
            paths={"/x": {"allow_origin_regex": None, "max_age": -5}},
        )
    assert [p.option for p in caught.value.problems] == [
        "paths['/x'].max_age",
        "paths['/x'].allow_origin_regex",
    ]
    with pytest.raises(TypeError, match=r"paths\['/x'\]: max_age: expected int"):
        CORSMiddleware(
            plain_app,
            allow_origin_regex=REGEX,
            paths={"/x": {"allow_origin_regex": None, "max_age": "600s"}},
        )


def test_a_regex_entry_under_a_top_level_star_is_told_the_entrys_fix() -> None:
    """The reverse: an entry's regex under an explicit top-level "*" would never be
    asked; the fix names [] for the entry's allow_origins, which works."""
    entry = {"allow_origin_regex": REGEX}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, allow_origins="*", paths={"/admin": entry})
    assert "in a paths entry under a top-level '*', set allow_origins to []" in str(caught.value)
    app = CORSMiddleware(
        plain_app, allow_origins="*", paths={"/admin": {**entry, "allow_origins": []}}
    )
    assert not call(app, "GET", "/admin/a", {"Origin": "https://evil.example"}).cors()


def test_paths_without_an_entry_is_refused_with_the_other_problems() -> None:
    """paths={} matches no request, so the middleware would never send a CORS header:
    refused as allow_origins=[] is (an adversarial review found it accepted)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, max_age=-1, paths={})
    problems = {problem.option: problem for problem in caught.value.problems}
    assert set(problems) == {"max_age", "paths"}
    assert problems["paths"].why == "has no entry, so no response would get a CORS header"
    CORSMiddleware(plain_app, paths={"/api": {}})  # one entry is enough


@pytest.mark.parametrize("key", ["https://[", "http://[::1", "https://a]b/api"])
def test_a_url_whose_host_cannot_be_split_is_reported_with_the_other_problems(key: str) -> None:
    """urllib's "Invalid IPv6 URL" ValueError escaped as a bare error, and the other
    problems were lost (an adversarial review)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, max_age=-1, paths={key: {}})
    problems = {problem.option: problem for problem in caught.value.problems}
    assert set(problems) == {"max_age", "paths"}
    assert problems["paths"].why == "is a URL, not a path"
    assert problems["paths"].fix.startswith("write the path the entry is for")


@pytest.mark.parametrize(
    "key", ["chrome-extension://abc/api", "web+app://abc/api", "HTTPS://api.example/api"]
)
def test_a_url_of_any_scheme_is_a_url_not_a_path(key: str) -> None:
    """A scheme is read as the URL standard reads one, here as in origins (review of
    rules stated twice: a scheme with '-' or '+' was offered '/' + the whole URL)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware(plain_app, allow_origins=[A], paths={key: {}})
    (problem,) = caught.value.problems
    assert (problem.why, problem.fix) == ("is a URL, not a path", "write the path, '/api'")


def test_the_repr_shows_each_entry_in_the_order_paths_are_matched():
    """With paths=, the repr shows each entry's own configuration, as applied (the
    top level's only feeds them), in matching order: a new user's walkthrough read a
    site-wide policy in a repr that showed the top level alone."""
    pattern = re.compile(r"/v[0-9]+/items")
    middleware = CORSMiddleware(
        plain_app,
        allow_origins=[ADMIN],
        paths={"/api/": {}, "/api/public": {"allow_origins": "*"}, pattern: {"max_age": 5}},
    )
    entries = {key: entry.policy.config for key, entry in middleware.router.entries()}
    assert list(entries) == ["/api/public", "/api", pattern]
    assert entries["/api"].allow_origins == (ADMIN,)
    assert entries["/api/public"].allow_origins == "*"
    assert entries[pattern].max_age == 5
    assert repr(middleware) == (
        f"CORSMiddleware({plain_app!r}, paths={{'/api/public': {entries['/api/public']},"
        f" '/api': {entries['/api']}, {pattern!r}: {entries[pattern]}}})"
    )
    root = CORSMiddleware(plain_app, paths={"/": {}})
    assert repr(root).startswith(f"CORSMiddleware({plain_app!r}, paths={{'/': CORSConfig(")


def test_a_warning_names_each_entry_it_applies_to_and_the_top_level_none():
    """With paths=, the top level applies only through the entries: a warning of its
    options names the entries that inherit them, once for all of them; none comes from
    the top level, which here no path takes (a review: three unnamed copies, one about
    options that applied nowhere). A warning of an entry's own option names it alone."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        CORSMiddleware(
            plain_app,
            allow_methods=["patch"],
            paths={
                "/a": {"allow_methods": ["PATCH"]},
                "/b": {},
                "/d": {"expose_headers": ["Set-Cookie"]},
                re.compile(r"/c/.*"): {},
            },
        )
    # Named after the text, so that a filter on the text still matches.
    assert [str(w.message).split(" ")[:2] for w in seen] == [
        ["allow_methods", "lists"],
        ["expose_headers", "names"],
    ]
    assert [str(w.message).rpartition(" (")[2] for w in seen] == [
        "paths['/b'], paths['/d'], paths['/c/.*'])",  # a pattern's label too
        "paths['/d'])",
    ]
    assert {w.category for w in seen} == {UserWarning}
    assert {w.filename for w in seen} == {__file__}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        CORSMiddleware(
            plain_app, allow_methods=["patch"], paths={"/a": {"allow_methods": ["PATCH"]}}
        )


def test_under_warnings_as_errors_an_entrys_error_is_not_hidden_by_anothers_warning():
    """The entries' warnings come after their errors, as the top level's do: with
    warnings as errors, an entry's configuration error is raised, not the warning an
    entry before it gave (helper-161)."""
    paths = {"/a": {"allow_methods": ["patch"]}, "/b": {"max_age": -1}}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(CORSConfigurationError, match=r"paths\['/b'\]\.max_age"):
            CORSMiddleware(plain_app, paths=paths)
        with pytest.raises(UserWarning, match=r"allow_methods lists 'patch'.*\(paths\['/a'\]\)"):
            CORSMiddleware(plain_app, paths={"/a": paths["/a"]})


def test_the_warnings_change_under_paths_keeps_what_python_and_re_do():
    """Reviews of the change above: the warnings machinery is not touched, with paths=
    or without (Python's once-per-line holds, for the user's own warnings too); re's own
    warning of the top-level pattern still comes; a filter on a warning's text still
    matches."""
    for paths in (None, {"/api": {}}):
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("default")
            for _ in range(3):
                CORSMiddleware(plain_app, allow_methods=["patch"], paths=paths)
                warnings.warn("the user's own", RuntimeWarning, stacklevel=1)
        assert [w.category for w in seen] == [UserWarning, RuntimeWarning], paths
    # A pattern of its own, which re has not compiled (and so warned of) before.
    pattern = rf"https://[a-z0-9--]+\.t{uuid.uuid4().hex}\.example\.com"
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        CORSMiddleware(plain_app, allow_origin_regex=pattern, paths={"/api": {}})
    assert [w.category for w in seen] == [FutureWarning]
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="allow_methods lists")
        with pytest.raises(UserWarning):
            CORSMiddleware(plain_app, allow_methods=["patch"], paths={"/api": {}})


@pytest.mark.parametrize(
    ("key", "prefix"),
    [
        ("/api", "/api"),
        ("/api/", "/api/"),
        ("//api//v1", "/api/v1"),
        ("", "/"),
        (re.compile(r"/api/v[12]/.*"), "/api"),
        (re.compile(r"/api/items"), "/api"),
        (re.compile(r"//api//items/.*"), "/api/items"),
        (re.compile(r"/api/v1?/.*"), "/api"),  # the "1" may be absent: "/api/v"
        (re.compile(r"/api.*"), "/"),
        (re.compile(r"/api/.*|/admin/.*"), "/"),
        (re.compile(r"/api/.*", re.IGNORECASE), "/"),
        (re.compile(r"^/api/.*"), "/api"),  # "^" adds nothing to fullmatch
        (re.compile(r"\A/api/(?:v1|v2)/.*"), "/api"),  # read as wsgi_cors.layers reads
        # a verbose pattern's spaces are no text: not read (it selects /api/v1/x), and
        # a comment may let a quantifier drop the character before it (/a/bx): the
        # reading wsgi_cors.layers had, where paths read '/api /v1/' and '/a/b/'
        (re.compile(r"/api /v1/.*", re.VERBOSE), "/"),
        (re.compile(r"/a/b/(?#c)?x"), "/a"),
        (re.compile(r"/api/+v1/.*"), "/api"),  # "+" repeats the "/": "/api//v1" merged
        (re.compile(r"/a/\w/b/.*"), "/a"),  # "\w" is a class, not the letter w
        (re.compile(r"(?s)/api/v1/.*"), "/api/v1"),  # flags at the start hold no text
        (re.compile(r"/(?:api)/v1/.*"), "/api/v1"),  # a group that is no repeat: read
        # a "#" in a verbose group begins a comment, which hides the ") |" after it;
        # a group inside it is verbose too
        (re.compile("/api/(?x: a # ) | \n b)/.*"), "/api"),
        (re.compile("/api/(?x:(?: a # ) ) | \n b))/.*"), "/api"),
        (re.compile(r".*"), "/"),
    ],
)
def test_a_prefix_holds_every_path_a_paths_key_selects(
    key: str | re.Pattern[str], prefix: str
) -> None:
    """What a CORS layer inside the application is asked about, for each paths entry
    (CORSMiddleware refuses one that may answer what an entry selects): a pattern key
    was not asked about at all, and a prefix with a run of slashes as written (a
    review). Each path a router sends to the key's entry lies under the prefix."""
    assert covering_prefix(key) == prefix
    router = PathRouter(
        {} if not isinstance(key, str) else {key: "entry"},
        () if isinstance(key, str) else ((key, "entry"),),
    )
    held = PathRouter({prefix.rstrip("/"): "held"})
    paths = ("/api", "/api/", "/api/v1/x", "//api//items/x", "/apix", "/admin/x", "/API/x")
    for path in (*paths, "/a/bx", "/a/b/x"):
        if router.route(path) == "entry":
            assert held.route(path) == "held", path


@pytest.mark.parametrize(
    ("pattern", "readings"),
    [
        (re.compile(r"/api$"), [("/api", True)]),
        (re.compile(r"/a/x\$"), [("/a/x$", True)]),  # an escaped "$" is text, no anchor
        (re.compile(r"/a/x\\$"), [("/a/x\\", True)]),  # an escaped "\" before an anchor
        (re.compile(r"/api.*"), [("/api", False)]),
        # an alternative read to its end goes on after the group; one that is not ends
        (re.compile(r"/x(/a.*|/b)/c"), [("/x/b/c", True), ("/x/a", False)]),
        (re.compile(r"/api/\d+"), [("/api/", False)]),
        (re.compile(r"(?i)/api"), [("/api", True)]),  # the caller reads the flags
        (re.compile(r"/api /v1", re.VERBOSE), [("", False)]),
    ],
)
def test_literal_readings(pattern: re.Pattern[str], readings: list[tuple[str, bool]]) -> None:
    """What every match of a ``paths`` pattern begins with, and whether it is all of it:
    the one reading of a pattern's literal start, which the "never tried" refusal and
    :func:`covering_prefix` share (helper-151 found them read two ways)."""
    assert literal_readings(pattern) == readings


def test_literal_readings_of_groups_stop_at_32_texts() -> None:
    """Each group multiplies the texts read by its alternatives: 32 are read, and a
    group that would make more ends the reading, so that ``(a|b)`` written 40 times
    does not make 2**40 texts at construction."""
    five = literal_readings(re.compile(r"/(a|b)(c|d)(e|f)(g|h)(i|j)"))
    assert len(five) == 32 and ("/bdfhj", True) in five
    six = literal_readings(re.compile(r"/(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)"))
    assert len(six) == 32 and all(not whole and len(text) == 6 for text, whole in six)


@pytest.mark.parametrize(
    ("path", "prefix", "under"),
    [
        ("/api", "/api", True),
        ("/api/x", "/api", True),
        ("/apix", "/api", False),
        ("/apix/y", "/api", False),
        ("/x", "", True),  # "" is "/"
    ],
)
def test_is_under(path: str, prefix: str, under: bool) -> None:
    """A prefix holds itself and what follows it after a "/", never a longer name."""
    assert is_under(path, prefix) is under
