"""Per-path policies: which entry of ``paths=`` a request's path selects, and what
each entry inherits from the top level (:func:`entry_options`). No WSGI.

``paths`` maps a path prefix (``str``) or a compiled pattern (:class:`re.Pattern`) to
options that override the top-level ones (README, "Per-path policies"). The rules,
chosen so that none of flask-cors's three path-matching advisories (CVE-2024-68xx) can recur:

* A prefix is **segment-bounded**: ``"/api"`` (or ``"/api/"``) matches ``/api`` and
  everything under ``/api/``, never ``/apix`` (a plain string prefix would).
* The **longest** matching prefix wins, whatever the order given; patterns are tried
  after the prefixes, in the order given, and must match the **whole** path
  (``fullmatch``), so that a rule's priority never depends on dict order or on a
  pattern's length (CVE-2024-6839).
* Matching is **case-sensitive** (CVE-2024-6866), on ``PATH_INFO`` as the server
  decoded it: percent-escapes already decoded by the server, ``+`` left a
  ``+`` (CVE-2024-6844: it is a space only in a query string). Prefixes and patterns
  are written as text (``"/café"``): a WSGI server passes ``PATH_INFO``'s UTF-8 bytes
  read as Latin-1 (PEP 3333), so a non-ASCII prefix is compared in that form, and a
  pattern is matched against the text a non-ASCII path spells.
* A run of slashes counts as **one** for the prefixes: ``//admin/users`` is under
  ``"/admin"``, as Flask and Falcon route it (browsers send such paths, gunicorn passes
  them on, and it and ``wsgiref`` make ``/%2Fadmin`` into ``//admin``). A pattern
  matches the path as sent or with its runs merged, so ``r"/proxy/https?://.+"`` and
  ``r"/admin/.*"`` (for ``//admin/x``) both work.
* A path that applications read in more than one way (with ``.`` or ``..`` segments,
  bytes that are not UTF-8, a segment that begins with ``@@``, or behind an
  ``X-Vhm-Root`` header) selects **no** entry when its readings would select
  different ones (:func:`other_readings`), nor does one with a control character
  (:func:`unreadable`).

Choosing costs at most one dict look-up per distinct prefix length configured, and
only where the request's path has a segment boundary at that length, so never more
than one per depth of the path, however long it is; no regular expression runs for a
request that a prefix decides, but the one that merges a run of slashes, where the path
has one. The test for a path read in other ways adds scans for ``/.`` and ``/@@``, an
ASCII and a printable test, all in C, and routes again only a path that has other
readings or an ``X-Vhm-Root`` header: the router took 331 against 272 ns for
``/api/items`` with the first two tests alone (timeit; without them, 417 ns), and takes
about 100 ns more with all four (527 against 425 ns, timeit, on a slower machine).
(Walking up the path's own segments instead measured about three times slower: 353 ns
against 124 ns for ``/items``, timeit.)
"""

from __future__ import annotations

import os
import posixpath
import re
import urllib.parse
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import Any, Generic, TypeVar

from .config import (
    DEFAULT_ORIGINS,
    CORSConfigurationError,
    CORSSecurityWarning,
    Problem,
    caller_stacklevel,
    credentials_for_anyone,
    default_origins,
    give_held_warnings,
    held_warnings,
    unknown_keyword,
    warning_scope,
)
from .origin_regex import WSGI_CHARACTERS, python_literal, redos_why
from .origins import is_url_scheme

__all__ = [
    "PathRouter",
    "Paths",
    "build_entry",
    "compile_paths",
    "covering_prefix",
    "is_under",
    "literal_readings",
    "literal_starts",
    "entry_options",
    "other_readings",
    "unreadable",
    "path_label",
    "warn_of_inherited_regex",
    "warn_of_slow_patterns",
]

T = TypeVar("T")

#: What ``paths=`` accepts: a mapping whose keys are ``str`` prefixes or compiled
#: patterns (``re.Pattern[str]``), or both, and whose values are option mappings. The
#: keys are typed ``Any`` and checked at construction (a ``TypeError`` names a wrong
#: one): a mapping's key type cannot be widened, so ``Mapping[str | re.Pattern[str],
#: ...]`` would refuse a ``dict[str, ...]``, and type checkers cannot fit a literal
#: with both kinds of key to a union of the three shapes.
Paths = Mapping[Any, Mapping[str, Any]]


class PathRouter(Generic[T]):
    """What a path selects: the value of its longest matching prefix, else of the
    first pattern that matches it in full, else None.

    :param prefixes: normalized prefixes (no trailing ``/``; ``""`` for the root,
        which matches every path) mapped to their values.
    :param patterns: ``(compiled pattern, value)`` pairs, in the order to try them.
    """

    __slots__ = ("_lengths", "_patterns", "_prefixes")

    def __init__(
        self, prefixes: Mapping[str, T], patterns: tuple[tuple[re.Pattern[str], T], ...] = ()
    ) -> None:
        self._prefixes = dict(prefixes)
        # Longest first: the first prefix found is the longest that matches.
        self._lengths = tuple(sorted({len(prefix) for prefix in self._prefixes}, reverse=True))
        self._patterns = patterns

    def entries(self) -> list[tuple[str | re.Pattern[str], T]]:
        """Every ``(prefix or pattern, value)``, prefixes longest first (``"/"`` for
        the root), then patterns in the order they are tried: the order in which a
        path is matched against them."""
        prefixes = sorted(self._prefixes.items(), key=lambda item: -len(item[0]))
        return [(prefix or "/", value) for prefix, value in prefixes] + list(self._patterns)

    def route(self, path: str, virtual_root: str | None = None) -> T | None:
        """The value *path* (a ``PATH_INFO``) selects, or None: None too when the
        readings of a path that applications read in more than one way
        (:func:`other_readings`) select different values, and for a path with a
        control character (:func:`unreadable`).

        :param virtual_root: the request's ``X-Vhm-Root`` header, or None: Pyramid's
            traversal serves that path followed by *path* (its virtual hosting, on
            whatever the client sends), so that path must select the same value.
        """
        value = self._select(path)
        # Else other_readings is [] and unreadable False (module doc).
        if "/." in path or "/@@" in path or not (path.isascii() and path.isprintable()):
            if unreadable(path):
                return None
            for reading in other_readings(path):
                if self._select(reading) is not value:
                    return None
        if virtual_root is not None and self.route(virtual_root + path) is not value:
            return None
        return value

    def _select(self, path: str) -> T | None:
        merged = _merged_slashes(path) if "//" in path else path
        size = len(merged)
        for length in self._lengths:
            # is_under, by length: the prefix is the whole path or is followed by "/".
            if length == size or (length < size and merged[length] == "/"):
                value = self._prefixes.get(merged[:length])
                if value is not None:
                    return value
        if self._patterns:
            # A pattern may match the path as sent (r"/proxy/https?://.+") or with its
            # runs of slashes merged (r"/admin/.*" for //admin/x).
            texts = [path] if merged is path else [path, merged]
            texts = [t if t.isascii() else _from_path_info(t) for t in texts]
            for pattern, value in self._patterns:
                if any(pattern.fullmatch(text) is not None for text in texts):
                    return value
        return None


def path_label(key: str | re.Pattern[str]) -> str:
    """How a ``paths`` entry is named in an error: ``paths['/api']``."""
    return f"paths[{key if isinstance(key, str) else key.pattern!r}]"


def _as_path_info(prefix: str) -> str:
    """*prefix* as PEP 3333 puts a path in ``PATH_INFO``: UTF-8 bytes read as Latin-1."""
    return prefix.encode("utf-8").decode("latin-1")


_SLASHES = re.compile("/{2,}")


def _merged_slashes(path: str) -> str:
    """*path* with each run of ``/`` as one: ``//admin/users`` is ``/admin/users``.
    Browsers keep empty segments in a URL, gunicorn and ``wsgiref`` pass them on (and
    turn ``/%2Fadmin`` into ``//admin``), and Flask and Falcon route a path that begins
    so as if they were not there (one further in, Flask redirects and Falcon answers
    404); so must the choice of its policy, or ``//admin`` would escape the
    ``"/admin"`` entry into the root's."""
    return _SLASHES.sub("/", path)


# C0 control characters and DEL, which no PATH_INFO a browser sends holds unless escaped
# on purpose (%0A).
_CONTROL_IN_PATH = re.compile("[\x00-\x1f\x7f]")


def unreadable(path: str) -> bool:
    """Whether *path* (a ``PATH_INFO``) holds a control character, which applications
    read in ways no reading here follows: a route matched with ``$`` (Pyramid's, and
    Bottle's) also matches before a final newline, so ``/admin%0A`` is served as
    ``/admin``, while a pattern's ``.`` does not match one. Such a path selects no
    entry (an adversarial review read ``/admin`` so under the root entry's policy,
    with credentials)."""
    return _CONTROL_IN_PATH.search(path) is not None


def other_readings(path: str) -> list[str]:
    """The other ways applications read *path* (a ``PATH_INFO``), which must select
    the same entry of ``paths`` as the path itself, or none is chosen and the request
    gets no CORS header (it fails closed):

    * with its ``.`` and ``..`` segments resolved: a browser resolves them before it
      sends a URL, but not inside an escape, so a server decodes
      ``/partner%2F..%2Fadmin`` into ``/partner/../admin``, which Pyramid's traversal
      serves as ``/admin`` and Flask as a 404;
    * without its bytes that are not UTF-8 (``/%FFadmin``, or a legacy ``escape()``
      of ``é``): Bottle drops them and serves ``/admin``, others answer 404;
    * without them and with the dot segments that leaves resolved: ``/x/..%FF/admin``
      (``..%FF`` is no dot segment to a browser, which sends it as written) is
      ``/x/../admin`` to Bottle, whose ``static_file`` serves ``/admin``;
    * without the ``@@`` that begins a segment: Pyramid's traversal reads such a
      segment as the name of a view (``/@@settings`` runs the view ``/settings`` runs).

    Found by adversarial reviews, which read an ``"/admin"`` entry's page from an
    origin only another entry allows. ``[]`` for most paths (no ``/.`` and ASCII or
    UTF-8); a path a server passed as text (a character above U+00FF) is read as it
    is."""
    readings = _resolved(path)
    if not path.isascii():
        try:
            path.encode("latin-1").decode("utf-8")
        except UnicodeEncodeError:
            pass  # text already
        except UnicodeDecodeError:
            kept = path.encode("latin-1").decode("utf-8", "ignore").encode("utf-8")
            readings += [kept.decode("latin-1"), *_resolved(kept.decode("latin-1"))]
    # Pyramid reads a view's name after resolving the dot segments: on every reading.
    for reading in [path, *readings]:
        if "/@@" in reading:
            without = reading.replace("/@@", "/")
            readings += [without, *_resolved(without)]
    return readings


def _resolved(path: str) -> list[str]:
    """*path* with its ``.`` and ``..`` segments resolved (RFC 3986,
    "dot-segments"), where it has any: ``[]`` or one reading."""
    if "/." in path and _has_dot_segment(path):
        return [posixpath.normpath(path)]
    return []


def _has_dot_segment(path: str) -> bool:
    """True if *path* has a ``.`` or ``..`` segment (RFC 3986, "dot-segments")."""
    return any(segment in (".", "..") for segment in path.split("/"))


def _from_path_info(path: str) -> str:
    """The text a non-ASCII ``PATH_INFO`` spells, for the patterns, which are written
    as text: PEP 3333 passes the path's UTF-8 bytes read as Latin-1. Bytes that are not
    UTF-8 become lone surrogates, which no pattern written as text matches; a path a
    server passed as text already (a character above U+00FF) is kept as it is."""
    try:
        return path.encode("latin-1").decode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path


# What marks a str key as a pattern or a glob copied from flask-cors's resources or
# django-cors-headers' CORS_URLS_REGEX, not the literal prefix a str key is: a leading
# "^", a "*", a backslash (browsers turn it into "/" in an http(s) path), ".+" ending a
# segment, a "$" ending the key, a "|", a class ("[0-9]", and "[^/]", any segment); or a
# query ("?name=value"), which is no part of PATH_INFO. "$" elsewhere, "." or "#" alone
# are ordinary path characters (OData's "/$metadata"). Linear: no mark scans past the
# next "/".
_PATTERN_MARK = re.compile(r"^\^|\*|\\|\.\+(?=/|\$|$)|\?[^/=?]*=|\$$|\||\[[^\]/]*\]|\[\^/\]")
# A backslash that escapes in a regex: a class (\d, \w, \s, ...) or a mark (\.).
_REGEX_ESCAPE = re.compile(r"\\[dDwWsSbBAZ\W]")
# A route parameter of a framework's URL template, a segment that stands for any value:
# Falcon's, Starlette's and Pyramid's "{tid}" ("{tid:int}"), Flask's and Django's
# "<int:uid>", Next.js's and SvelteKit's "[id]" ("[...slug]"), Express's and Rails'
# ":id" (a whole segment; Express's ":id?" and ":id(\d+)" too). A name starts it, so
# that a regex's "{1,3}" is not one, nor a class such as "[0-9]" or "[a-z]", nor a
# named group's "(?P<name>".
_ROUTE_PARAMETER = re.compile(
    r"\{[A-Za-z_][^{}/]*\}|(?<!\(\?P)<(?:\w+:)?[A-Za-z_]\w*>|\[(?:\.\.\.)?[A-Za-z_]\w+\]"
    r"|(?<=/):[A-Za-z_]\w*(?:\?|\([^()/]*\))?(?=/|$)"
)
# A percent-escape: PATH_INFO has them decoded ("/caf%C3%A9" arrives as "/café").
_PERCENT_ESCAPE = re.compile("%[0-9A-Fa-f]{2}")
# What makes such a key a regular expression rather than a glob ("[" and "|" are no
# path characters, RFC 3986; a final "$" ends a regex, "/admin$"), and where the
# literal part of a regular expression ends.
_REGEX_MARK = re.compile(r"^\^|\\|\.[*+]|\[|\||\$$")
_REGEX_LITERAL_END = re.compile(r"[\\(\[{|?*+$]|\.[*+]")


# White space at either end of a key, a byte order mark (U+FEFF) too.
_AROUND = re.compile(r"\A[\s\ufeff]+|[\s\ufeff]+\Z")


def _prefix_problem(key: str) -> Problem | None:
    """Why the str key *key* of ``paths`` is not the path prefix the user meant, with
    what to write instead, or None. A suggested prefix is never ``/`` for a narrower
    key, and always one that the key's own paths are under."""
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return Problem("paths", key, "holds a lone surrogate, which no path has", "remove it")
    stripped = _AROUND.sub("", key)
    if stripped != key:  # copied from a settings file, or with a byte order mark
        if not stripped:
            return Problem("paths", key, "is only white space", "write the path the entry is for")
        inner = _prefix_problem(stripped)
        fix = inner.fix if inner is not None else f"write it as {stripped!r}"
        around = "white space" if stripped == key.strip() else "white space or a byte order mark"
        return Problem("paths", key, f"has {around} around it, which its paths do not", fix)
    if unreadable(key):
        why = "holds a control character: a path that holds one selects no entry"
        return Problem("paths", key, why, f"remove it: {_CONTROL_IN_PATH.sub('', key)!r}")
    scheme, sep, rest = key.partition("://")
    if sep and is_url_scheme(scheme):
        try:
            path = urllib.parse.urlsplit("//" + rest).path or "/"
        except ValueError:  # a '[' or ']' in the host ("Invalid IPv6 URL"): no path read
            path = "/"
        if path == "/":
            fix = "write the path the entry is for (a URL's origin goes in allow_origins)"
        else:  # the URL's path may be a pattern itself
            inner = _prefix_problem(path)
            fix = inner.fix if inner is not None else f"write the path, {path!r}"
        return Problem("paths", key, "is a URL, not a path", fix)
    if "\\" in key:  # a path written with Windows' separator, or a regex
        slashed = key.replace("\\", "/")
        inner = _prefix_problem(slashed)
        # "\api" and "/api\v1" are paths; r"/v\d+" and r"/api\.json" are regexes.
        regex_escape = _REGEX_ESCAPE.search(key) is not None
        if key.startswith("\\") or (inner is None and not regex_escape):
            fix = inner.fix if inner is not None else f"write it as {slashed!r}"
            return Problem("paths", key, "has '\\' where a path has '/'", fix)
    if _PERCENT_ESCAPE.search(key):  # copied from an address bar
        try:
            decoded = urllib.parse.unquote(key, errors="strict")
        except UnicodeDecodeError:
            why = "holds percent-escapes of bytes that are not UTF-8, which selects no entry"
            return Problem("paths", key, why, "write the path as text")
        inner = _prefix_problem(decoded)
        fix = inner.fix if inner is not None else f"write it as {decoded!r}"
        why = "holds percent-escapes, which the server has decoded in PATH_INFO"
        return Problem("paths", key, why, fix)
    if _has_dot_segment(key):
        resolved = posixpath.normpath(_merged_slashes("/" + key.lstrip("/")))
        fix = f"write it as {resolved!r}" if resolved != "/" else "write the path the entry is for"
        why = "has a '.' or '..' segment, which a browser resolves before it sends a path"
        return Problem("paths", key, why, fix)
    parameter = _ROUTE_PARAMETER.search(key)
    if parameter is not None:  # "/tenants/{tid}/admin" would match only as written
        body = key if key.startswith("/") else "/" + key
        head = body[: body.index(parameter.group())]
        prefix = head[: head.rfind("/") + 1].rstrip("/")  # the whole segments before it
        parts = _ROUTE_PARAMETER.split(body.rstrip("/"))
        pattern = "[^/]+".join(re.escape(part) for part in parts) + "(/.*)?"
        fixes = (
            [f"write the prefix {prefix!r}, which matches everything under it"] if prefix else []
        )
        fixes.append(f"use re.compile({python_literal(pattern)}) as the key")
        why = f"holds a route parameter, {parameter.group()}, which a str key takes as written"
        return Problem("paths", key, why, ", or ".join(fixes))
    mark = _PATTERN_MARK.search(key)
    if mark is None:
        if not key.startswith("/"):
            return Problem("paths", key, "does not start with '/'", f"write it as '/{key}'")
        return None
    # PATH_INFO always starts with "/" (PEP 3333), so every prefix or pattern offered,
    # for "api/*" or "v*" too, does.
    body = key.removeprefix("^")
    if not body.startswith("/"):
        body = "/" + body
    if mark.group().startswith("?"):
        prefix = body.partition("?")[0].rstrip("/")
        fix = f"write the prefix {prefix!r}" if prefix else "write the path the entry is for"
        return Problem("paths", key, "holds a query, which PATH_INFO never does", fix)
    fixes = []
    if _REGEX_MARK.search(key):
        # flask-cors and django-cors-headers match from the start of the path, so a
        # pattern without "$" stands for everything after it too.
        end = _REGEX_LITERAL_END.search(body)
        literal = body[: end.start()] if end else body
        pattern = body[:-1] if body.endswith("$") else body
        if "|" in pattern and "(" not in pattern:  # "/api|/admin": each branch, whole
            pattern = f"(?:{pattern})" + ("" if body.endswith("$") else "(/.*)?")
        elif not body.endswith("$") and not pattern.endswith((".*", ".+")):
            pattern += ".*"
        compiled = (
            f"re.compile({python_literal(pattern)}) as the key (it must match the whole path)"
        )
    else:  # a glob: "*" is anything, the rest literal ("/files/*.txt" keeps its ".txt")
        literal = body[: body.index("*")]
        glob = ".*".join(re.escape(part) for part in re.split(r"\*+", body))
        compiled = f"re.compile({python_literal(glob)}) as the key"
    # The pattern starts inside a segment, or the key ends inside one ("^/api/v" is
    # /api/v1 too, as "/api/v*" is): the prefix is the segments before.
    if not literal.endswith("/"):
        literal = literal[: literal.rfind("/") + 1]
    prefix = literal.rstrip("/")
    if prefix:
        fixes.append(f"write the prefix {prefix!r}, which matches everything under it")
    fixes.append(f"use {compiled}")
    return Problem(
        "paths",
        key,
        "looks like a regular expression or a glob, but a str key is a literal prefix",
        ", or ".join(fixes),
    )


def compile_paths(
    paths: object,
    build: Callable[[Mapping[str, Any]], T],
    known: frozenset[str],
    reported: tuple[Problem, ...] = (),
) -> PathRouter[T]:
    """Check ``paths`` and build each entry's value with *build* (given the entry's
    options), all problems reported together.

    :param paths: the ``paths`` option: a mapping from ``str`` prefixes and compiled
        patterns to option mappings.
    :param build: makes an entry's value from its options; may raise
        :class:`TypeError` or :class:`~wsgi_cors.CORSConfigurationError`, whose
        problems are reported under the entry's name (``paths['/api'].max_age``).
    :param known: the option names an entry may set.
    :param reported: the top level's own problems. The top level applies only through
        the entries, so one is reported (once, before the entries' own) when an entry
        that inherits the option it names has the same problem (the same why), which
        that entry is then not blamed for again (another problem with it is the
        entry's own), or when no entry inherits that option (a value that
        is never used is still checked). One that every inheriting entry puts right,
        such as ``allow_credentials="*"`` beside the default ``allow_origins="*"`` where
        every entry lists its own origins, is no problem: no request meets it.
    :raises TypeError: ``paths`` or an entry has the wrong type, or an entry sets an
        unknown option; every such error in one message.
    :raises wsgi_cors.CORSConfigurationError: every invalid prefix and option value,
        an empty ``paths``, which no request would match, and the problems of
        *reported* that apply.
    """
    if not isinstance(paths, Mapping):
        raise TypeError(
            f"paths: expected a mapping of path prefixes or re.Pattern to options, got"
            f" {type(paths).__name__} {paths!r}"
        )
    type_errors: list[str] = []
    problems: list[Problem] = []
    if not paths:  # a policy that can never grant anything, as allow_origins=[]
        problems.append(
            Problem(
                "paths",
                {},
                "has no entry, so no response would get a CORS header",
                "give the path prefixes the policy is for (to send no CORS header at all,"
                " do not wrap the application)",
            )
        )
    prefixes: dict[str, T] = {}
    patterns: list[tuple[re.Pattern[str], T]] = []
    seen: set[str] = set()
    top_level = {p.option for p in reported}
    inherited: set[str] = set()  # options of those problems that an entry inherits
    # Each of those problems (its option and why) that entries inheriting the option
    # have too, and those entries: an entry's other problem with it is its own.
    met: dict[tuple[str, str], list[str]] = {}
    said = {(p.option, p.why) for p in reported}
    # Held while the entries are built, then given once each (at the end), naming every
    # entry that gave it: an inherited option's warning is one, not one per entry.
    with held_warnings() as held:
        for key, options in paths.items():
            if isinstance(key, str):
                label = path_label(key)
                problem = _prefix_problem(key)
                if problem is not None:
                    problems.append(problem)
                    continue
                normalized = _as_path_info(_merged_slashes(key).rstrip("/"))
                if normalized in seen:
                    problems.append(
                        Problem(
                            "paths",
                            key,
                            "names the same prefix as another entry (a trailing '/' or a run of"
                            " '/' changes nothing)",
                            "merge the two entries",
                        )
                    )
                    continue
                seen.add(normalized)
            elif isinstance(key, re.Pattern) and isinstance(key.pattern, str):
                label = path_label(key)
            else:
                type_errors.append(
                    f"paths: expected str prefixes or str re.Pattern keys, got"
                    f" {type(key).__name__} {key!r}"
                )
                continue
            if not isinstance(options, Mapping):
                got = f"{type(options).__name__} {options!r}"
                type_errors.append(f"{label}: expected a mapping of options, got {got}")
                continue
            not_named = [name for name in options if not isinstance(name, str)]
            if not_named:
                type_errors.append(
                    f"{label}: option names must be str, got"
                    f" {', '.join(f'{type(n).__name__} {n!r}' for n in not_named)}"
                )
                continue
            unknown = [name for name in options if name not in known]
            if unknown:
                type_errors.extend(
                    f"{label}: {unknown_keyword(name, sorted(known), 'unknown option')}"
                    for name in unknown
                )
                continue
            inherited.update(top_level.difference(options))
            try:
                with warning_scope(label):  # its warnings name it
                    value = build(options)
            except TypeError as error:
                type_errors.append(f"{label}: {error}")
                continue
            except CORSConfigurationError as error:
                for p in error.problems:
                    if p.option in options or (p.option, p.why) not in said:
                        problems.append(
                            Problem(f"{label}.{p.option}", p.value, p.why, _entry_fix(p, options))
                        )
                    else:  # the top level's problem, reported once, as the top level's
                        met.setdefault((p.option, p.why), []).append(label)
                continue
            if isinstance(key, str):
                prefixes[normalized] = value
            else:
                patterns.append((key, value))
    if type_errors:
        raise TypeError("; ".join(type_errors))
    for pattern, _ in patterns:
        prefix = _shadowing_prefix(pattern, prefixes)
        if prefix is not None:
            shown = prefix or "/"
            problems.append(
                Problem(
                    path_label(pattern),
                    pattern.pattern,
                    f"is never tried: every path it matches is under the prefix {shown!r},"
                    " and prefixes are tried first",
                    f"give its paths a str prefix (the longest prefix wins), or write the"
                    f" prefix {shown!r} as a pattern listed after this one, or remove the"
                    f" prefix {shown!r}",
                )
            )
    problems[:0] = [
        replace(p, fix=f"{p.fix} (inherited by {', '.join(met[p.option, p.why])})")
        if (p.option, p.why) in met
        else p
        for p in reported
        if (p.option, p.why) in met or p.option not in inherited
    ]
    if problems:
        raise CORSConfigurationError(problems)
    # After the errors, as validate() gives its own: under -W error, a warning of one
    # entry must not hide another's error.
    give_held_warnings(held)
    return PathRouter(prefixes, tuple(patterns))


def _entry_fix(problem: Problem, entry: Mapping[str, Any]) -> str:
    """The fix of *problem*, found in a ``paths`` entry, told that the value is the top
    level's when the entry does not set the option itself (``paths['/partner']`` with
    its own ``allow_origins`` inherits ``allow_credentials``): removing it from the top
    level changes every entry, setting it in the entry only this one."""
    if problem.option in entry:
        return problem.fix
    return (
        f"{problem.fix} (this entry inherits {problem.option} from the top level: set"
        f" {problem.option!r} in the entry to change it here only)"
    )


def entry_options(options: dict[str, Any], entry: Mapping[str, Any]) -> dict[str, Any]:
    """The options of a ``paths`` entry: the top level's, each overridden by the
    entry's own (README, "Per-path policies"), but for an entry that opens itself to
    every origin (``"allow_origins": "*"``): the top level's ``allow_origin_regex``,
    which would have no effect beside it (an error), is not inherited."""
    merged = {**options, **entry}
    if entry.get("allow_origins") == "*" and "allow_origin_regex" not in entry:
        merged["allow_origin_regex"] = None
    return merged


def build_entry(build: Callable[..., T], options: dict[str, Any], entry: Mapping[str, Any]) -> T:
    """*build* called with a ``paths`` entry's options (:func:`entry_options`), for
    :func:`compile_paths`.

    :raises TypeError: from *build*, for an option of the wrong type.
    :raises wsgi_cors.CORSConfigurationError: *build*'s problems, and with them the
        entry's own: an entry that sets ``allow_origin_regex`` to None where the top
        level gives a pattern and neither gives ``allow_origins``, so that
        ``allow_origins`` would take its default, ``"*"``
        (``wsgi_cors.config.default_origins``), and the entry would allow
        every origin where the top level allows only those the pattern matches (a
        fail-open review; the settings' own case is
        ``wsgi_cors.sources.open_by_default_problem``).
    """
    merged = entry_options(options, entry)
    problems: list[Problem] = []
    try:
        value = build(**merged)
    except CORSConfigurationError as error:
        problems.extend(error.problems)
    replaces_pattern = "allow_origin_regex" in entry and options["allow_origin_regex"] is not None
    if (
        replaces_pattern
        and merged["allow_origins"] is DEFAULT_ORIGINS
        and default_origins(merged["allow_origin_regex"]) == "*"
    ):
        # '*' is offered only where it is a fix: beside allow_credentials="*", not
        # opted into, it would be refused in turn (README difference 7).
        star_refused = credentials_for_anyone(
            "*", merged["allow_credentials"], None
        ) and not merged.get("dangerously_allow_any_origin_with_credentials")
        star = (
            " (not '*', which allow_credentials='*' refuses)"
            if star_refused
            else ", or '*' to allow every origin knowingly"
        )
        problems.append(
            Problem(
                "allow_origin_regex",
                None,
                "drops the top level's pattern, and allow_origins is set neither here"
                " nor at the top level: it would take its default, '*', and every"
                " origin would be allowed on these paths",
                f"set allow_origins in the entry: the origins to allow there{star}",
            )
        )
    if problems:
        raise CORSConfigurationError(problems)
    return value


def warn_of_inherited_regex(paths: Paths, options: dict[str, Any]) -> None:
    """Warn of each ``paths`` entry that sets ``allow_origins`` and inherits the top
    level's ``allow_origin_regex`` (:func:`entry_options`): an entry's options override
    the top level's one by one (README, "Per-path policies"), so the origins the pattern
    matches are allowed under the entry too, with credentials if its
    ``allow_credentials`` is ``"*"``, where an entry that lists origins reads as "only
    these" (a fail-open review)."""
    for key, entry in paths.items():
        regex = entry_options(options, entry)["allow_origin_regex"]
        if regex is not None and "allow_origins" in entry and "allow_origin_regex" not in entry:
            pattern = regex if isinstance(regex, str) else regex.pattern
            warnings.warn(
                f"{path_label(key)} sets allow_origins and keeps the top level's"
                f" allow_origin_regex {pattern!r}: the origins it matches are allowed there"
                " too. Set allow_origin_regex in the entry: None to allow only the"
                " entry's allow_origins, the same pattern to keep both",
                CORSSecurityWarning,
                stacklevel=caller_stacklevel(),
            )


def warn_of_slow_patterns(paths: Paths) -> None:
    """Warn of each ``paths`` pattern that takes time exponential in the length of a
    path it does not match (:func:`~wsgi_cors.origin_regex.ambiguous_group`): a
    client chooses ``PATH_INFO``, and tens of characters can hold a worker for seconds
    to hours (docs/security.rst, "Slow regular expressions"). Warned of, not refused,
    as for ``allow_origin_regex``: the reading is sure of what it reports, but the
    application may bound its paths before they reach the middleware."""
    for key in paths:
        if not isinstance(key, re.Pattern):
            continue
        why = redos_why(key, "a path", WSGI_CHARACTERS)
        if why is not None:
            warnings.warn(
                f"{path_label(key)} {why}. End each"
                " repetition with a character the repeated part does not match, one"
                " segment at a time"
                r" (r'/api/([a-z0-9-]+/)*items', not r'/api/([a-z0-9-]+/?)+items'),"
                " or use a str prefix, matched in time linear in the path's length",
                CORSSecurityWarning,
                stacklevel=caller_stacklevel(),
            )


# A character that is no literal of its own in a pattern outside a class.
_SPECIAL = frozenset(".^$*+?{}[]|()\\")
# What may quantify the part before it: a quantifier's first character, or what the
# parser passes over, so that a quantifier after it binds to that part: a comment,
# or (before Python 3.11) flags for the whole pattern not at its start.
_QUANTIFIER = re.compile(r"[*+?{]|\(\?(?:#|[aiLmsux]+\))")
# The opening of a plain group, capturing or not: "(" but "(?", or "(?:".
_PLAIN_GROUP = re.compile(r"\((?!\?)|\(\?:")
# How many texts the alternatives of a pattern's groups are read into at most: a
# group that would make more ends the reading.
_MOST_STARTS = 32
# Flags for the whole pattern, at its start: "(?i)".
_LEADING_FLAGS = re.compile(r"\A(?:\(\?[aiLmsux]+\))+")


def literal_starts(pattern: re.Pattern[str]) -> list[str]:
    """For each top-level alternative of *pattern*, the texts one of which every
    match of it from a string's start begins with: its plain characters (a ``\\``
    before punctuation too) after leading flags and a ``^`` or ``\\A``, up to the
    first other part, leaving out a character a quantifier may drop (``?``, ``*``,
    ``{``, or one after a comment). A plain group (``(...)``, ``(?:...)``) that no
    quantifier may drop or repeat is read through, each of its alternatives in turn
    (:func:`_readings`): every match of ``r"^/(a|b)/"`` starts ``/a/`` or ``/b/``.
    ``[""]`` (any start) for a verbose pattern, whose spaces are no text."""
    return [start for start, _ in literal_readings(pattern)]


def literal_readings(pattern: re.Pattern[str]) -> list[tuple[str, bool]]:
    """:func:`literal_starts`, each with whether it is all its alternative matches
    (:func:`_readings`; a final ``$`` or ``\\Z`` adds nothing to ``fullmatch``, as
    ``paths`` matches): ``r"/api$"`` is ``[("/api", True)]``."""
    if pattern.flags & re.VERBOSE:
        return [("", False)]
    text = _LEADING_FLAGS.sub("", pattern.pattern)
    return [
        reading
        for branch in _top_level_branches(text)
        for reading in _readings(_without_anchors(branch))
    ]


def _without_anchors(text: str) -> str:
    """One alternative, *text*, without a ``^`` or ``\\A`` at its start and a ``$`` or
    ``\\Z`` at its end (not one a ``\\`` escapes), which every match of it from a
    path's start to its end satisfies."""
    for anchor in ("^", "\\A"):
        text = text.removeprefix(anchor)
    for anchor in ("$", "\\Z"):
        body = text.removesuffix(anchor)
        if body != text and (len(body) - len(body.rstrip("\\"))) % 2 == 0:
            return body
    return text


def _readings(text: str) -> list[tuple[str, bool]]:
    """The texts one of which every match of *text* (an alternative, read as
    :func:`literal_starts` tells) begins with, each with whether it is the whole
    match: whether *text* was read to its end. A group's alternative read to its end
    goes on with what follows the group; one that was not stops there. At most
    :data:`_MOST_STARTS` texts: a group that would make more is not read."""
    going, at = [""], 0  # the texts read on, and where
    stopped: list[str] = []  # the texts read to a part that ends them
    while at < len(text) and going:
        group = _PLAIN_GROUP.match(text, at)
        if group:
            end = _group_end(text, at)
            if _QUANTIFIER.match(text, end + 1):
                break  # it may be dropped or repeated
            inner = text[group.end() : end]
            read = [
                reading for branch in _top_level_branches(inner) for reading in _readings(branch)
            ]
            if len(going) * len(read) + len(stopped) > _MOST_STARTS:
                break
            stopped += [start + more for start in going for more, whole in read if not whole]
            going = [start + more for start in going for more, whole in read if whole]
            at = end + 1
            continue
        char = text[at]
        if char == "\\" and at + 1 < len(text) and not text[at + 1].isalnum():
            char, step = text[at + 1], 2
        elif char in _SPECIAL:
            break
        else:
            step = 1
        quantifier = _QUANTIFIER.match(text, at + step)
        if quantifier and quantifier.group() != "+":
            break  # it may be dropped
        going = [start + char for start in going]
        if quantifier:
            break  # it may be repeated
        at += step
    else:
        return [(start, True) for start in going] + [(start, False) for start in stopped]
    return [(start, False) for start in going + stopped]


def _group_end(text: str, at: int) -> int:
    """Where the group that opens at *at* in *text* closes."""
    return next(end for end, char, depth in _marks(text, at) if char == ")" and depth == 0)


def _top_level_branches(pattern: str) -> list[str]:
    """*pattern* split at each ``|`` outside every group, comment and class."""
    cuts = [at for at, char, depth in _marks(pattern) if char == "|" and depth == 0]
    return [
        pattern[begin + 1 : end]
        for begin, end in zip([-1, *cuts], [*cuts, len(pattern)], strict=True)
    ]


def _marks(pattern: str, at: int = 0) -> Iterator[tuple[int, str, int]]:
    """Each ``(``, ``)`` and ``|`` of *pattern* from *at* on that opens or closes a
    group or parts alternatives (none in a comment, a class or an escape), with where
    it is and inside how many groups begun from *at* on. Inside a group whose flags
    turn verbose on (``(?x:``), a ``#`` begins a comment to the end of its line too;
    such a group is no plain one, and ends a reading (:func:`_readings`)."""
    verbose = [False]  # each open group's, and the text's around them (not verbose)
    in_class, in_comment = False, False
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 1  # the escaped character is no mark
        elif in_class:
            in_class = char != "]"
        elif in_comment:
            in_comment = char != ")"  # "(?#(" opens no group
        elif pattern.startswith("(?#", at):
            in_comment = True
            at += 2
        elif char == "#" and verbose[-1]:
            end = pattern.find("\n", at)
            at = len(pattern) if end < 0 else end
        elif char == "[":
            in_class = True
            if pattern[at + 1 : at + 2] == "^":
                at += 1
            if pattern[at + 1 : at + 2] == "]":
                at += 1  # a "]" first in a class (or after its "^") is a literal
        elif char == "(":
            yield at, char, len(verbose) - 1
            flags = _SCOPED_FLAGS.match(pattern, at)
            on, off = flags.groups(default="") if flags else ("", "")
            verbose.append("x" in on or (verbose[-1] and "x" not in off))
        elif char == ")":
            if len(verbose) > 1:
                verbose.pop()
            yield at, char, len(verbose) - 1
        elif char == "|":
            yield at, char, len(verbose) - 1
        at += 1


# The flags a group turns on and off for itself: "(?x:", "(?i-x:".
_SCOPED_FLAGS = re.compile(r"\(\?([aiLmsux]*)(?:-([imsx]*))?:")


def is_under(path: str, prefix: str) -> bool:
    """Whether *path* is in the ``paths`` prefix *prefix* (no final ``/``; ``""`` for
    ``"/"``): the prefix is the whole path, or is followed by ``/`` in it, so that
    ``"/api"`` holds ``/api`` and ``/api/x`` but not ``/apix``. Runs of slashes are the
    caller's to merge (:meth:`PathRouter.route` looks prefixes up by length instead)."""
    return path == prefix or path.startswith(f"{prefix}/")


def covering_prefix(key: str | re.Pattern[str]) -> str:
    """A prefix (as ``paths`` takes one: ``"/api"`` holds ``/api`` and the paths under
    ``/api/``, runs of slashes merged) that holds every path the ``paths`` *key*
    selects: a prefix itself, its runs of slashes merged; for a pattern, the text its
    literal starts share up to its last ``/`` (``r"/api/v[12]/.*"`` and
    ``r"/api/(v1|v2)/.*"``: ``"/api"``), or ``"/"`` (every path) where none can be read
    (``re.IGNORECASE``, ``re.VERBOSE``). For a question asked of every path an entry
    selects, such as whether a CORS layer inside the application answers one of them
    (``CORSMiddleware``)."""
    if isinstance(key, str):
        return _merged_slashes(key) or "/"
    readings = _merged_readings(key)
    # Every path it matches starts with one of the starts, as sent or with its runs of
    # slashes merged: with the text they share up to its last "/", either way.
    head = os.path.commonprefix([start for start, _ in readings]) if readings else ""
    return head.rpartition("/")[0] or "/" if head.startswith("/") else "/"


def _merged_readings(pattern: re.Pattern[str]) -> list[tuple[str, bool]] | None:
    """The :func:`literal_readings` of a ``paths`` *pattern*, their runs of slashes
    merged, or None under ``re.IGNORECASE``. Every path the pattern selects (as sent, or
    with its runs of slashes merged: :meth:`PathRouter.route`) has one of those starts
    once its runs of slashes are merged; a reading that is all its alternative selects
    only the paths that read as its start."""
    if pattern.flags & re.IGNORECASE:
        return None
    return [(_merged_slashes(start), whole) for start, whole in literal_readings(pattern)]


def _shadowing_prefix(pattern: re.Pattern[str], prefixes: Mapping[str, object]) -> str | None:
    """The prefix of ``paths`` (as :class:`PathRouter` keeps it: ``""`` for ``"/"``)
    under which every path *pattern* matches lies, so that the pattern is never tried
    (prefixes are, first: README, "Per-path policies"); or None. Read from the
    pattern's literal starts, so only where it is certain: ``"/"`` shadows every
    pattern; ``"/api"`` one whose every start is ``/api/...`` or is ``/api`` itself
    and all its alternative (``/api$`` too); a pattern under ``re.IGNORECASE`` is not
    read."""
    if "" in prefixes:
        return ""
    readings = _merged_readings(pattern)
    if not readings:
        return None
    for prefix in prefixes:
        if all(is_under(start, prefix) and (whole or start != prefix) for start, whole in readings):
            return prefix
    return None
