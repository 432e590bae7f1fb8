"""What an application brings that wsgi-cors must not be put around, as far as can be
known when the middleware is made: an ASGI application, which no WSGI middleware can
serve, and a CORS layer inside the application (another ``CORSMiddleware``,
flask-cors, django-cors-headers, Falcon's own, wsgicors), whose headers would win over
the middleware's, even to an origin the policy denies (README, "Two CORS layers").

Each framework is looked at only when the application already imported it, through
its public attributes where it has them. Three things are read that are not: Falcon's
and Django's lists of middleware, and the ``resources`` flask-cors's ``CORS(app)``
keeps for its function; each with a default, so that a version without it is read as
the safe answer (no layer seen, or one that answers every path). A value that raises
when read is taken as nothing seen, and the search goes on.

Not seen: a layer added after the middleware is made; a view decorated without
:func:`functools.wraps` over ``@cross_origin``; a Flask ``wsgi_app`` wrapped by another
layer first (``ProxyFix``; wrap the Flask application itself, or wrap before); a
Django handler inside another WSGI layer (WhiteNoise); django-cors-headers behind an
async-only middleware, or behind one that keeps the next under another name than
``get_response``. Such a layer shows up only in the log of a passed-through preflight
(``CORSMiddleware``'s warning of "a CORS layer inside the application").
"""

from __future__ import annotations

import inspect
import itertools
import os
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

__all__ = ["InnerLayer", "inner_cors_layer", "is_asgi"]


class InnerLayer(NamedTuple):
    """A CORS layer found inside an application (:func:`inner_cors_layer`)."""

    #: What it is: ``"it is a Flask application with flask-cors's CORS(app)"``.
    cause: str
    #: How to take it out, or keep it instead of wsgi-cors.
    fix: str
    #: Whether it may answer some path under a ``paths`` prefix (``"/api"``: ``/api``
    #: and the paths under ``/api/``), as far as can be read; None when it answers
    #: every path, or what it answers cannot be read.
    answers: Callable[[str], bool] | None
    #: How it can keep paths of its own beside wsgi-cors's ``paths`` entries (a
    #: migration in parts), or None where it cannot.
    apart: str | None = None


def is_asgi(app: object) -> bool:
    """True when *app* is an ASGI application, never a WSGI one: an ``async def``
    function, or an object whose ``__call__`` is one (``falcon.asgi.App``, Starlette,
    Django's ``ASGIHandler``, Quart). A PEP 3333 application returns its iterable
    from a plain call. An object whose attributes raise when read is taken as none."""
    try:
        return inspect.iscoroutinefunction(app) or inspect.iscoroutinefunction(type(app).__call__)
    except Exception:
        return False


def inner_cors_layer(app: object, ours: type) -> InnerLayer | None:
    """The CORS layer inside *app*, as far as can be seen from outside, or None:

    * *ours* (``CORSMiddleware``) or wsgicors's ``CORS``, as *app* or as a Flask
      application's ``wsgi_app``;
    * a Flask application (or its bound ``wsgi_app``) with flask-cors in it
      (``_flask_cors_in``);
    * a Django ``WSGIHandler`` (``get_wsgi_application()``) with django-cors-headers,
      or a class derived from its middleware, among its middleware
      (``_django_middleware``);
    * a ``falcon.App`` with ``falcon.CORSMiddleware`` among its middleware
      (``cors_enable=True`` adds one), read from ``App._unprepared_middleware``
      (Falcon 3.1 to 4.x).

    Where reading the application fails where nothing here foresaw it, no layer is
    seen rather than the middleware not made."""
    try:
        return _inner_cors_layer(app, ours)
    except Exception:
        return None


def _inner_cors_layer(app: object, ours: type) -> InnerLayer | None:
    once = "wrap the application once, with all the options in one CORSMiddleware(...)"
    wsgicors = sys.modules.get("wsgicors")
    for candidate, what in ((app, "it is"), (_read(app, "wsgi_app"), "its wsgi_app is")):
        if isinstance(candidate, ours):
            return InnerLayer(f"{what} a CORSMiddleware", once, None)
        if wsgicors is not None and isinstance(candidate, wsgicors.CORS):
            return InnerLayer(
                f"{what} wsgicors's CORS middleware",
                "remove wsgicors's CORS and wrap the application it wrapped with"
                " CORSMiddleware, given its options (the guide 'From wsgicors' maps"
                " each)",
                None,
            )
    flask = sys.modules.get("flask")
    flask_app = _read(app, "__self__", app)  # flask_app.wsgi_app: bound to flask_app
    if flask is not None and isinstance(flask_app, flask.Flask):
        flask_cors = _flask_cors_in(flask_app)
        if flask_cors is not None:
            used, fix, answers = flask_cors
            return InnerLayer(
                f"it is a Flask application with flask-cors's {used}",
                f"{fix}, or keep flask-cors and don't wrap the app",
                answers,
                "give CORSMiddleware paths= entries for the other paths only, and"
                " flask-cors keeps its own (a migration in parts)",
            )
    django_wsgi = sys.modules.get("django.core.handlers.wsgi")
    if django_wsgi is not None and isinstance(app, django_wsgi.WSGIHandler):
        if any(_is_from("corsheaders", m) for m in _django_middleware(app)):
            return InnerLayer(
                "it is a Django application with django-cors-headers' CorsMiddleware in MIDDLEWARE",
                "remove it from MIDDLEWARE and give its CORS_* settings to"
                " CORSMiddleware (the guide 'From django-cors-headers' maps each), or"
                " keep django-cors-headers and don't wrap the app",
                _django_cors_headers_answers(),
                "limit it with CORS_URLS_REGEX to paths that no CORSMiddleware paths="
                " entry matches (a migration in parts)",
            )
    falcon = sys.modules.get("falcon")
    if falcon is not None and isinstance(app, falcon.App):
        middleware = _read(app, "_unprepared_middleware", ())
        if any(isinstance(m, falcon.CORSMiddleware) for m in middleware):
            return InnerLayer(
                "it is a falcon.App made with cors_enable=True or falcon.CORSMiddleware",
                "drop those from falcon.App(...) and give their options to"
                " CORSMiddleware (allow_methods=None keeps Falcon's preflight headers),"
                " or keep Falcon's and don't wrap the app",
                None,
            )
    return None


def _flask_cors_in(flask_app: Any) -> tuple[str, str, Callable[[str], bool] | None] | None:
    """Where *flask_app* (a ``flask.Flask``) uses flask-cors, how to take it out, and
    what it answers (:attr:`InnerLayer.answers`); or None.

    ``CORS(app)`` adds its function to ``after_request_funcs`` under None, and answers
    the paths its ``resources`` match from their start (read from the function's
    closure; every path where they cannot be read). ``CORS(bp)`` adds it under the
    blueprint's name once it is registered, and answers that blueprint's routes.
    ``@cross_origin`` wraps a view in a function of its own, whose code (a function's
    public ``__code__``) lies in the flask-cors package, under whatever
    :func:`functools.wraps` copied onto it, and under other decorators that keep it as
    ``__wrapped__`` (:func:`inspect.unwrap`), and answers that view's routes. Where
    there are several blueprints and views, the first is named, and what they all
    answer is read."""
    after_request = _read(flask_app, "after_request_funcs", {})
    functions: dict[str | None, list[Any]] = {}
    for name, hooks in after_request.items():
        for function in hooks:
            if _package_of(function) == "flask_cors":
                functions.setdefault(name, []).append(function)
    blueprints = tuple(f"{name}." for name in functions if name is not None)
    views = _cross_origin_views(flask_app)
    if not functions and not views:
        return None
    # What they all answer: each CORS(app)'s resources, and the routes of the
    # blueprints and views.
    rules = [
        rule.rule
        for rule in flask_app.url_map.iter_rules()
        if rule.endpoint in views or rule.endpoint.startswith(blueprints)
    ]
    parts = [_resources_answer(function) for function in functions.get(None, ())]
    parts.append(_routes_answer(rules))
    answers = _any_answers(parts)
    if None in functions:
        used, call = "CORS(app)", "CORS(app)"
    elif blueprints:
        used, call = f"CORS(bp) on its blueprint {blueprints[0][:-1]!r}", "CORS(bp)"
    else:
        fix = "remove @cross_origin and give its options to a paths entry for that view's"
        guide = "URL (the guide 'From flask-cors')"
        return f"@cross_origin on its view {views[0]!r}", f"{fix} {guide}", answers
    fix = f"remove {call} and give its options to CORSMiddleware (the guide"
    return used, f"{fix} 'From flask-cors' maps each)", answers


def _any_answers(
    parts: list[Callable[[str], bool] | None],
) -> Callable[[str], bool] | None:
    """What several parts of a layer answer together: None (every path) if one does."""
    known = [part for part in parts if part is not None]
    if len(known) < len(parts):
        return None
    return lambda prefix: any(part(prefix) for part in known)


def _cross_origin_views(flask_app: Any) -> list[str]:
    """The endpoints of *flask_app* whose view flask-cors's ``@cross_origin`` wraps."""
    # A package's directories: a module of the application's own named flask_cors
    # (one file, no __path__) holds no @cross_origin.
    package = list(_read(sys.modules.get("flask_cors"), "__path__", ()))
    if not package:
        return []

    def made_by_flask_cors(function: Any) -> bool:
        filename = _read(_read(function, "__code__"), "co_filename", "")
        return os.path.dirname(filename) in package

    endpoints = []
    for endpoint, view in _read(flask_app, "view_functions", {}).items():
        try:
            innermost = inspect.unwrap(view, stop=made_by_flask_cors)
        except Exception:  # a cycle of __wrapped__, or a __wrapped__ that raises
            continue
        if made_by_flask_cors(innermost):
            endpoints.append(endpoint)
    return endpoints


def _resources_answer(after_request: Any) -> Callable[[str], bool] | None:
    """What ``CORS(app)``'s *after_request* function answers: the paths its
    ``resources`` match, read from its closure (:func:`inspect.getclosurevars`): a
    compiled pattern from a path's start (:func:`_may_match_under`), a string (one
    without a pattern's characters, which flask-cors keeps so) as the whole path; None
    (every path) where they cannot be read."""
    try:
        resources = inspect.getclosurevars(after_request).nonlocals.get("resources")
        patterns = [pattern for pattern, _ in resources or ()]
        if not all(isinstance(pattern, (re.Pattern, str)) for pattern in patterns):
            return None
    except Exception:
        return None

    def answers(prefix: str) -> bool:
        base = prefix.rstrip("/")
        return any(
            _may_match_under(pattern, prefix)
            if isinstance(pattern, re.Pattern)
            else pattern == (base or "/") or pattern.startswith(f"{base}/")
            for pattern in patterns
        )

    return answers


def _routes_answer(rules: list[str]) -> Callable[[str], bool]:
    """What Flask routes (*rules*, as ``/items/<int:id>``) answer: a route can lie
    under a prefix when its literal start (up to its first ``<converter>``) does, or
    could go on into it."""
    starts = [(rule.partition("<")[0], "<" in rule) for rule in rules]

    def answers(prefix: str) -> bool:
        base = prefix.rstrip("/")
        for start, varies in starts:
            if start == base or start.startswith(f"{base}/"):
                return True
            if varies and f"{base}/".startswith(start):
                return True
        return False

    return answers


def _django_cors_headers_answers() -> Callable[[str], bool] | None:
    """What django-cors-headers answers: the paths its ``CORS_URLS_REGEX`` setting
    matches from their start (``r"^.*$"`` by default: every path, None)."""
    settings = _read(sys.modules.get("django.conf"), "settings")
    regex = _read(settings, "CORS_URLS_REGEX", r"^.*$")
    try:
        pattern = re.compile(regex)
    except Exception:
        return None
    if pattern.match("/"):
        return None
    return lambda prefix: _may_match_under(pattern, prefix)


def _may_match_under(pattern: re.Pattern[str], prefix: str) -> bool:
    """Whether *pattern*, matched from a path's start (``re.match``, as flask-cors and
    django-cors-headers match theirs), may match a path a ``paths`` *prefix* matches
    (itself, or one under it): unless the text every match of each of its top-level
    alternatives starts with (:func:`_literal_starts`) parts ways with the prefix, it
    may. A run of slashes counts as one, as for the prefixes (``r"^/legacy//api"``
    reaches ``/legacy/api``); under IGNORECASE, only the text before the first
    character that is not ASCII is compared. Sound, not exact:
    ``r"^/(legacy|old)/"`` is taken to reach ``/api`` too."""
    ignore_case = pattern.flags & re.IGNORECASE
    base = prefix.rstrip("/") + "/"  # "/api/", or "/" for every path
    if ignore_case:
        base = _ascii_lower(base)
    for start in _literal_starts(pattern):
        start = _SLASHES.sub("/", start)
        if ignore_case:
            start = _ascii_lower(start)
        if start.startswith(base) or base.startswith(start):
            return True
    return False


def _ascii_lower(text: str) -> str:
    """*text* up to its first character that is not ASCII, in lower case: as far as
    IGNORECASE folds as :meth:`str.lower` does (``re`` also matches ``"ı"`` to
    ``"i"`` and ``"ſ"`` to ``"s"``)."""
    return "".join(itertools.takewhile(str.isascii, text)).lower()


# A run of slashes, which counts as one for the prefixes (wsgi_cors.paths).
_SLASHES = re.compile("/{2,}")
# A character that is no literal of its own in a pattern outside a class.
_SPECIAL = frozenset(".^$*+?{}[]|()\\")
# What the parser passes over, so that a quantifier after it binds to what precedes
# it: a comment, or (before Python 3.11) flags for the whole pattern not at its start.
_SKIPPED = re.compile(r"\(\?(?:#|[aiLmsux]+\))")
# Flags for the whole pattern, at its start: "(?i)".
_LEADING_FLAGS = re.compile(r"\A(?:\(\?[aiLmsux]+\))+")


def _literal_starts(pattern: re.Pattern[str]) -> list[str]:
    """For each top-level alternative of *pattern*, the text every match of it from a
    string's start begins with: its plain characters (a ``\\`` before punctuation too)
    after leading flags and a ``^`` or ``\\A``, up to the first other part, leaving out
    a character a quantifier may drop (``?``, ``*``, ``{``, or one after a comment).
    ``[""]`` (any start) for a verbose pattern, whose spaces are no text."""
    if pattern.flags & re.VERBOSE:
        return [""]
    text = _LEADING_FLAGS.sub("", pattern.pattern)
    return [_literal_start(branch) for branch in _top_level_branches(text)]


def _literal_start(text: str) -> str:
    """:func:`_literal_starts` of one alternative, *text*."""
    for anchor in ("^", "\\A"):
        text = text.removeprefix(anchor)
    start: list[str] = []
    at = 0
    while at < len(text):
        char = text[at]
        if char == "\\" and at + 1 < len(text) and not text[at + 1].isalnum():
            char, step = text[at + 1], 2
        elif char in _SPECIAL:
            break
        else:
            step = 1
        after = text[at + step : at + step + 1]
        if (after and after in "*?{") or _SKIPPED.match(text, at + step):
            break  # it may be dropped (a quantifier after a comment is its own)
        start.append(char)
        if after == "+":
            break  # it may be repeated
        at += step
    return "".join(start)


def _top_level_branches(pattern: str) -> list[str]:
    """*pattern* split at each ``|`` outside every group, comment and class."""
    branches, depth, at, begun, in_class, in_comment = [], 0, 0, 0, False, False
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif in_comment:
            in_comment = char != ")"  # "(?#(" opens no group
        elif pattern.startswith("(?#", at):
            in_comment = True
            at += 2
        elif char == "[":
            in_class = True
            if pattern[at + 1 : at + 2] == "^":
                at += 1
            if pattern[at + 1 : at + 2] == "]":
                at += 1  # a "]" first in a class (or after its "^") is a literal
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[begun:at])
            begun = at + 1
        at += 1
    return [*branches, pattern[begun:]]


def _django_middleware(handler: Any) -> Iterator[object]:
    """The middleware a Django ``WSGIHandler`` loaded, outermost first: its
    ``_middleware_chain`` (Django 2.0 to 5.x), each middleware behind Django's own
    exception wrapper (``__wrapped__``: :func:`inspect.unwrap`), then the next one: a
    class-based middleware's ``get_response`` (the public attribute of Django's
    middleware), or the ``get_response`` a function-style one closes over (Django's
    documented shape; :func:`inspect.getclosurevars`), down to the handler's own
    method. The handler's, not the ``MIDDLEWARE`` setting, which may have changed
    since. A step that raises ends the walk."""
    node = _read(handler, "_middleware_chain")
    for _ in range(_MOST_MIDDLEWARE):
        if node is None:
            return
        try:
            middleware = inspect.unwrap(node)
        except Exception:  # a cycle of __wrapped__, or a __wrapped__ that raises
            return
        yield middleware
        try:
            if inspect.isfunction(middleware):
                node = inspect.getclosurevars(middleware).nonlocals.get("get_response")
            else:
                node = getattr(middleware, "get_response", None)
        except Exception:
            return


#: How many middleware :func:`_django_middleware` reads at most: a chain is a few dozen.
_MOST_MIDDLEWARE = 1000


def _read(value: object, attribute: str, default: Any = None) -> Any:
    """*value*'s *attribute*, or *default* where it has none or reading it raises (an
    object of the application's, whose properties may do anything)."""
    try:
        return getattr(value, attribute, default)
    except Exception:
        return default


def _is_from(package: str, instance: object) -> bool:
    """True when *instance*'s class, or a class it derives from, is defined in
    *package* (a top-level package's name)."""
    return any(_package_of(cls) == package for cls in type(instance).__mro__)


def _package_of(function: object) -> str:
    """The top-level package *function* (or class) was defined in (``__module__`` may
    be None)."""
    return str(_read(function, "__module__") or "").partition(".")[0]
