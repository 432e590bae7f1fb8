"""The demo's command-line flags, and the :class:`~wsgi_cors.CORSMiddleware` they ask for."""

from __future__ import annotations

import argparse
import inspect
import json
import re
import shlex
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn
from wsgiref.util import setup_testing_defaults

from .. import CORSConfigurationError, CORSMiddleware
from ..caught import caught_warnings
from ..config import (
    DEFAULT_ALLOW_METHODS,
    DEFAULT_MAX_AGE,
    Problem,
    credentials_for_anyone,
    header_list_elements,
)
from ..middleware import ORIGIN_KEY
from ..origins import EMPTY_ORIGIN_CAUSE, HIGHEST_PORT, NONE_WORD, port_number
from ..policy import ACAO
from ..sources import options_from_mapping, told_in_keys
from .api import make_api_app

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

__all__ = [
    "FLAGS",
    "FLAG_DEFAULTS",
    "add_demo_arguments",
    "allows_origin",
    "build_middleware",
    "check_policy",
    "credentials_fix",
    "demo_command",
    "demo_flags",
    "policy_call",
    "policy_options",
    "told_in_flags",
]


#: The demo's flag for each :class:`~wsgi_cors.CORSMiddleware` keyword it sets, and for
#: each port: the parser (:func:`add_demo_arguments`) and its inverse
#: (:func:`demo_flags`) both name the flags from here.
FLAGS: dict[str, str] = {
    "allow_origins": "--allow-origin",
    "allow_credentials": "--allow-credentials",
    "expose_headers": "--expose-header",
    "allow_methods": "--allow-method",
    "allow_headers": "--allow-header",
    "max_age": "--max-age",
    "allow_private_network": "--allow-private-network",
    "api_port": "--api-port",
    "page_port": "--page-port",
}

#: The defaults of the flags that have one, which :func:`demo_flags` leaves out: the
#: middleware's own ``max_age`` and ``allow_methods`` defaults, and the ports the README
#: names.
FLAG_DEFAULTS: dict[str, Any] = {
    "max_age": DEFAULT_MAX_AGE,
    "allow_methods": DEFAULT_ALLOW_METHODS,
    "api_port": 8000,
    "page_port": 8001,
}


def _max_age(text: str) -> int | None:
    """``--max-age``: whole seconds, or ``none`` for no ``Access-Control-Max-Age``,
    read as settings read ``max_age`` (:func:`wsgi_cors.sources.options_from_mapping`)."""
    options, _, problems = options_from_mapping({"max_age": text})
    if problems:
        problem = problems[0]
        raise argparse.ArgumentTypeError(f"{text!r} {problem.why}; {problem.fix}")
    max_age: int | None = options["max_age"]
    return max_age


def _port(text: str) -> int:
    """A port flag's value: ASCII digits, a number from 0 to
    :data:`~wsgi_cors.origins.HIGHEST_PORT` (:func:`~wsgi_cors.origins.port_number`;
    argparse names a ValueError by this function's name, "invalid _port value", so
    what is wrong is told here)."""
    port = port_number(text)
    if port is not None:
        return port
    if text.isascii() and text.isdigit():
        raise argparse.ArgumentTypeError(f"port {text} is not in 0..{HIGHEST_PORT}")
    raise argparse.ArgumentTypeError(f"port {text!r} is not a number")


def add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the demo's flags to *parser* (the ``demo`` subcommand's parser)."""
    add = parser.add_argument
    add(
        FLAGS["allow_origins"],
        action="append",
        metavar="ORIGIN",
        help="an origin allowed to read responses (repeatable, or several separated by"
        " commas; '*' for any); default: the page's origin, http://localhost:PAGE_PORT",
    )
    add(
        FLAGS["allow_credentials"],
        action="store_true",
        help="let the allowed origins make credentialed requests (allow_credentials='*')",
    )
    add(
        FLAGS["expose_headers"],
        action="append",
        metavar="NAME",
        help="a response header scripts may read, e.g. X-Request-Id (repeatable, or"
        " several separated by commas)",
    )
    add(
        FLAGS["allow_methods"],
        action="append",
        metavar="METHOD",
        help="a method preflights may ask for (repeatable, or several separated by commas);"
        " default: any ('*'). The middleware answers preflights itself (204/403), without"
        " calling the API; none passes them to the API, whose Allow header answers",
    )
    add(
        FLAGS["allow_headers"],
        action="append",
        metavar="NAME",
        help="a request header preflights may ask for (repeatable, or several separated by"
        " commas; '*' for any); default (or none): echo whatever is asked for",
    )
    add(
        FLAGS["max_age"],
        type=_max_age,
        default=FLAG_DEFAULTS["max_age"],
        metavar="SECONDS",
        help="how long a browser may cache a preflight result (default: %(default)s); "
        "none sends no Access-Control-Max-Age",
    )
    add(
        FLAGS["allow_private_network"],
        action="store_true",
        help="answer Private Network Access preflights with "
        "Access-Control-Allow-Private-Network: true",
    )
    add(
        FLAGS["api_port"],
        type=_port,
        default=FLAG_DEFAULTS["api_port"],
        metavar="PORT",
        help="port of the API on 127.0.0.1 (default: %(default)s; 0 picks a free one)",
    )
    add(
        FLAGS["page_port"],
        type=_port,
        default=FLAG_DEFAULTS["page_port"],
        metavar="PORT",
        help="port of the page, opened as http://localhost:PORT/ (default: %(default)s; 0 picks"
        " one)",
    )


#: What a lone ``none`` gives, as settings read it (:data:`wsgi_cors.origins.NONE_WORD`,
#: as ``--max-age none``): None, for the flags whose option takes it.
_NONE = object()


def _names(values: list[str] | None) -> str | list[str] | object | None:
    """Repeated flags (each may be comma-separated) as an option value: ``"*"`` for a
    lone ``*``, :data:`_NONE` for a lone ``none`` (any case), else a list of the names,
    read as the middleware reads a str (:func:`~wsgi_cors.config.header_list_elements`),
    empty ones kept for it to refuse. An origin holds no comma, so ``--allow-origin``
    is read so too."""
    if not values:
        return None
    names = [name for value in values for name in header_list_elements(value)]
    if names == ["*"]:
        return "*"
    return _NONE if len(names) == 1 and names[0].lower() == NONE_WORD else names


def _or_none(value: Any, default: Any) -> Any:
    """*value* from :func:`_names`: None for ``none``, *default* when not given."""
    return None if value is _NONE else default if value is None else value


def policy_options(args: argparse.Namespace, page_origin: str) -> dict[str, Any]:
    """The :class:`~wsgi_cors.CORSMiddleware` keywords the parsed flags ask for.

    Without ``--allow-origin`` the only allowed origin is *page_origin*. A lone ``none``
    is None, as settings read it, for every list flag but ``--allow-origin`` (an origin
    the middleware refuses): ``--allow-method none`` passes preflights to the API.
    """
    origins = _names(args.allow_origin)
    return {
        "allow_origins": [page_origin]
        if origins is None
        else [NONE_WORD]
        if origins is _NONE
        else origins,
        "allow_credentials": "*" if args.allow_credentials else None,
        "expose_headers": _or_none(_names(args.expose_header), None),
        # Not given: the middleware's default (it answers every preflight).
        "allow_methods": _or_none(_names(args.allow_method), FLAG_DEFAULTS["allow_methods"]),
        "allow_headers": _or_none(_names(args.allow_header), None),
        "max_age": args.max_age,
        "allow_private_network": args.allow_private_network,
    }


class _FlagsParser(argparse.ArgumentParser):
    """The demo's flags alone, raising :class:`ValueError` where a parser would exit."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def _repeated(flag: str, value: Any) -> list[str]:
    """*flag* once for each name in *value*, a str (one name, or ``'*'``) or a list of
    them; a name that starts with ``-`` is joined to the flag (``--flag=-name``), or it
    would read as a flag."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
        return []  # no flag gives it, which demo_flags reports
    return [arg for name in names for arg in _flag_value(flag, name)]


def _flag_value(flag: str, value: str) -> list[str]:
    return [f"{flag}={value}"] if value.startswith("-") else [flag, value]


def demo_flags(
    options: Mapping[str, Any],
    page_origin: str,
    *,
    api_port: int = FLAG_DEFAULTS["api_port"],
    page_port: int = FLAG_DEFAULTS["page_port"],
) -> list[str]:
    """The demo's flags that ask for the middleware *options* on these ports: the
    inverse of the parser (:func:`add_demo_arguments`) and :func:`policy_options`, so
    that ``policy_options(parse(demo_flags(options, page_origin)), page_origin) ==
    options``. A flag left at its default is left out, and so is ``--allow-origin``
    when *page_origin* is the one origin allowed (the demo's default).

    :param options: every keyword :func:`policy_options` gives, with a value it can give.
    :raises ValueError: *options* names another keyword or lacks one, or has a value no
        flag gives (the flags are read back to check, so what is returned always gives
        *options*).
    """
    unknown = [name for name in options if name not in FLAGS or name.endswith("_port")]
    if unknown:
        raise ValueError(f"not an option the demo's flags set: {', '.join(unknown)}")
    flags: list[str] = []
    origins = options.get("allow_origins")
    if origins != [page_origin]:
        flags += _repeated(FLAGS["allow_origins"], origins)
    if options.get("allow_credentials") is not None:
        flags.append(FLAGS["allow_credentials"])
    flags += _repeated(FLAGS["expose_headers"], options.get("expose_headers"))
    methods = options.get("allow_methods")
    if methods is None:
        flags += [FLAGS["allow_methods"], NONE_WORD]
    elif methods != FLAG_DEFAULTS["allow_methods"]:
        flags += _repeated(FLAGS["allow_methods"], methods)
    flags += _repeated(FLAGS["allow_headers"], options.get("allow_headers"))
    max_age = options.get("max_age")
    if max_age != FLAG_DEFAULTS["max_age"]:
        flags += _flag_value(FLAGS["max_age"], NONE_WORD if max_age is None else str(max_age))
    if options.get("allow_private_network") is True:
        flags.append(FLAGS["allow_private_network"])
    ports = {"api_port": api_port, "page_port": page_port}
    for name, port in ports.items():
        if port != FLAG_DEFAULTS[name]:
            flags += _flag_value(FLAGS[name], str(port))

    parser = _FlagsParser(add_help=False)
    add_demo_arguments(parser)
    args = parser.parse_args(flags)
    given = policy_options(args, page_origin)
    missing = [name for name in given if name not in options]
    if missing:
        raise ValueError(f"options missing: {', '.join(missing)}")
    differ = [f"{name}={options[name]!r}" for name in given if given[name] != options[name]]
    differ += [f"{name}={port!r}" for name, port in ports.items() if getattr(args, name) != port]
    if differ:
        raise ValueError(f"no flags of the demo give {', '.join(differ)}")
    return flags


def demo_command(
    options: Mapping[str, Any],
    page_origin: str,
    *,
    api_port: int = FLAG_DEFAULTS["api_port"],
    page_port: int = FLAG_DEFAULTS["page_port"],
) -> str:
    """The ``wsgi-cors demo`` command line that runs the demo with *options* on these
    ports (:func:`demo_flags`), quoted for a POSIX shell (:func:`shlex.join`): the
    restart commands the page shows.

    :raises ValueError: no flags give *options* (:func:`demo_flags`).
    """
    flags = demo_flags(options, page_origin, api_port=api_port, page_port=page_port)
    return shlex.join(["wsgi-cors", "demo", *flags])


#: Stands in for the default allowed origin, the page's, while the flags are checked
#: before the page's port (0: any free one) is bound.
STAND_IN_ORIGIN = "http://localhost"


def check_policy(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | None:
    """Check the policy flags in *args* before anything is bound: None when the
    middleware accepts them, else the usage error to report, as
    :meth:`argparse.ArgumentParser.error` would print it (usage line, then
    ``PROG: error: MESSAGE``).

    The check is the library's own: the :class:`~wsgi_cors.CORSMiddleware` the demo would
    run is built and dropped, so the demo accepts exactly what the middleware accepts, and
    the message lists every problem (option, value, why, fix). The default origin is
    known only once the page port is bound; it is always valid, so a stand-in does here.
    """
    options = policy_options(args, STAND_IN_ORIGIN)
    try:
        with caught_warnings("ignore"):  # build_middleware shows them, once
            CORSMiddleware(make_api_app(), **options)
    except CORSConfigurationError as exc:
        return f"{parser.format_usage()}{parser.prog}: error: {problems_in_flags(exc, options)}\n"
    except TypeError as exc:
        return f"{parser.format_usage()}{parser.prog}: error: {exc}\n"
    return None


#: Each option a flag sets, named by that flag in the library's messages.
_FLAG_LABELS = {option: flag for option, flag in FLAGS.items() if not option.endswith("_port")}
# The flags that take no value: a keyword's value for them is the flag alone.
_SWITCHES = re.compile(
    rf"({FLAGS['allow_credentials']})='\*'|({FLAGS['allow_private_network']})=True\b"
)
# Where the library writes a keyword's value, a flag is followed by it: --max-age 600,
# --allow-origin 'null' (for allow_origins=[..., 'null']).
_FLAG_VALUE = re.compile(r"(--[a-z-]+)=(?:\[\.\.\., )?('[^']*'|\d+\b)\]?")
# The library's advice in its keywords' terms, and the flags' way to say it.
_REWORDED = [
    (  # the flags' own ways to an empty origin
        re.compile(re.escape(EMPTY_ORIGIN_CAUSE)),
        lambda match: "an empty value gives this, or a comma with nothing after it",
    ),
    (  # a list in Python: the flags separate the items with commas
        re.compile(r"(?:pass a list instead|pass each as an item of its own): \[([^\]]*)\]"),
        lambda match: "separate them with commas: " + ",".join(re.findall(r"'([^']*)'", match[1])),
    ),
    (
        re.compile(
            r"pass (--[a-z-]+ '\*') as the whole value \(([^)]*)\), not as an item of a list"
        ),
        lambda match: f"give {match[1]} alone ({match[2]}), not beside other values",
    ),
    # allow_credentials lists origins; --allow-credentials gives credentials to every
    # origin --allow-origin allows.
    (
        re.compile(
            r"List in --allow-credentials the origins that need credentials, without 'null'"
        ),
        lambda match: f"Drop {FLAGS['allow_origins']} null, or {FLAGS['allow_credentials']}",
    ),
    (
        re.compile(r"list their origins in --allow-credentials"),
        lambda match: f"pass {FLAGS['allow_credentials']}",
    ),
    (
        re.compile(r"list (?:the trusted|the exact|exact)? ?origins[^.;]*? in --allow-credentials"),
        lambda match: f"name only the origins to trust with {FLAGS['allow_origins']}",
    ),
]


def told_in_flags(text: str) -> str:
    """A message of the middleware's (a problem's why or fix, a warning) in the demo's
    flags: each option it names by the flag that sets it, as settings name theirs by
    their keys (:func:`wsgi_cors.sources.told_in_keys`), a value as the flag takes it
    (``--max-age 600``, ``--allow-credentials``, ``none``), and the advice to list
    origins in ``allow_credentials``, which ``--allow-credentials`` (``'*'``) cannot,
    as the flags' way: name only the origins to trust with ``--allow-origin``."""
    text = told_in_keys(text, _FLAG_LABELS, "", text_only=True)
    text = _SWITCHES.sub(lambda match: match[1] or match[2], text)
    text = re.sub(r"(--[a-z-]+)=None\b", rf"\1 {NONE_WORD}", text)
    text = re.sub(r"\bNone\b", NONE_WORD, text)
    text = _FLAG_VALUE.sub(r"\1 \2", text)
    for pattern, reworded in _REWORDED:
        text = pattern.sub(reworded, text)
    return text


def problems_in_flags(error: CORSConfigurationError, options: Mapping[str, Any]) -> str:
    """The message of *error*, raised for the middleware the flags ask for (*options*),
    in the demo's flags (:func:`told_in_flags`): each problem named by its flag, and
    credentials for anyone's origin (the library's one home of that rule,
    ``config.credentials_for_anyone``), which the library fixes with keywords no flag
    sets, fixed by the flag of the option that gives anyone's origin: the demo sets no
    ``allow_origin_regex``, so ``allow_origins``, to narrow."""
    problems = [_problem_in_flags(problem, options) for problem in error.problems]
    if len(problems) == 1:
        return f"invalid CORS configuration: {problems[0]}"
    lines = "\n".join(f"  - {problem}" for problem in problems)
    return f"{len(problems)} problems in the CORS configuration:\n{lines}"


def _problem_in_flags(problem: Problem, options: Mapping[str, Any]) -> str:
    flag = _FLAG_LABELS.get(problem.option, problem.option)
    why, fix = told_in_flags(problem.why), told_in_flags(problem.fix)
    value = problem.value
    if problem.option == "allow_credentials":
        value = "'*'"
        if credentials_for_anyone(options["allow_origins"], options["allow_credentials"], None):
            given = shlex.join(_repeated(FLAGS["allow_origins"], options["allow_origins"]))
            fix = (
                f"drop {given} (the page's own origin is then the one allowed), or name the"
                f" origins to trust with {FLAGS['allow_origins']}"
            )
        return f"{flag} ({value}) {why}; {fix}"
    return f"{flag} {value!r} {why}; {fix}"


def credentials_fix(options: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """What the page suggests when the browser keeps a response to a request with
    credentials from *origin* (a page's origin, which *options* allow): ``option``, the
    keyword to name, and ``changes``, the keywords that let *origin* make credentialed
    requests (for :func:`demo_command`).

    ``--allow-credentials`` is ``allow_credentials='*'``, the one change needed unless
    it would give credentials to anyone's origin (the library's one home of that rule,
    ``config.credentials_for_anyone``), which the middleware refuses. The demo sets no
    ``allow_origin_regex``, so what gives anyone's origin is ``allow_origins`` (``'*'``):
    it is then the option named, narrowed to *origin* (as :func:`_in_flags` says)."""
    changes: dict[str, Any] = {"allow_credentials": "*"}
    if not credentials_for_anyone(options["allow_origins"], changes["allow_credentials"], None):
        return {"option": "allow_credentials", "changes": changes}
    return {"option": "allow_origins", "changes": {"allow_origins": [origin], **changes}}


def build_middleware(app: WSGIApplication, options: Mapping[str, Any]) -> CORSMiddleware:
    """Wrap *app* in :class:`~wsgi_cors.CORSMiddleware` with *options*, printing any
    :class:`~wsgi_cors.CORSSecurityWarning` as one ``warning:`` line on stderr.

    :raises wsgi_cors.CORSConfigurationError, TypeError: the options are invalid (the
        middleware's message); :func:`check_policy` reports them for the command line.
    """
    with caught_warnings() as caught:
        middleware = CORSMiddleware(app, **options)
    for warning in caught:
        print(f"warning: {told_in_flags(str(warning.message))}", file=sys.stderr, flush=True)
    return middleware


def _literal(value: Any) -> str:
    """*value* (a string, a list of strings, a number, a bool or None) as Python source,
    strings in double quotes, as the README writes them."""
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is also a Python string literal
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    return repr(value)


def policy_call(options: Mapping[str, Any], app_name: str = "api_app") -> str:
    """The Python source that builds the middleware *options* describe, to copy into an
    application: an import, then ``app = CORSMiddleware(app_name, ...)`` with one keyword a
    line, the keywords left at the middleware's defaults omitted."""
    defaults = {
        name: parameter.default
        for name, parameter in inspect.signature(CORSMiddleware).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    }
    lines = [
        "from wsgi_cors import CORSMiddleware",
        "",
        "app = CORSMiddleware(",
        f"    {app_name},",
    ]
    for name, value in options.items():
        if name not in defaults or value != defaults[name]:
            lines.append(f"    {name}={_literal(value)},")
    lines.append(")")
    return "\n".join(lines)


def allows_origin(middleware: WSGIApplication, origin: str) -> bool:
    """Whether *middleware* lets *origin* read its responses: its answer to one
    in-process ``OPTIONS /`` request (not a preflight) from *origin* carries
    ``Access-Control-Allow-Origin``.

    Limit: with ``paths``, this asks about ``/`` only, which no entry may match (the
    request then passes through without CORS headers, and the answer is False): the
    demo's own flags set no ``paths``."""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "OPTIONS",
        "PATH_INFO": "/",
        ORIGIN_KEY: origin,
    }
    setup_testing_defaults(environ)
    names: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        names.extend(name.lower() for name, _ in headers)
        return lambda data: None

    body = middleware(environ, start_response)
    try:
        for _ in body:
            pass
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return ACAO.lower() in names
