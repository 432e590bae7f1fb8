"""Command line: ``python -m wsgi_cors demo`` and ``python -m wsgi_cors check`` (also
installed as ``wsgi-cors demo`` and ``wsgi-cors check``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main", "make_parser"]

_CHECK_DESCRIPTION = """\
Do what a browser does for fetch(URL, {method, headers, credentials}) called by a
page on ORIGIN, against the running server: decide whether a CORS-preflight request
is needed, send it and check its answer, then send the request and apply the CORS
check. Each step is printed INFO, PASS, FAIL or WARN with the header values seen,
the reason and the likely fix. The rules are the Fetch standard's; redirects are
reported, not followed.
"""

_CHECK_EPILOG = """\
exit status: 0 the browser would let the script read the response (and the header
given with --read-header); 1 it would not, or a redirect leaves the answer to another
URL; 2 a usage or network error (connection refused, no whole answer within
--timeout).

examples, against the demo's API (wsgi-cors demo --expose-header X-Request-Id):
  wsgi-cors check http://127.0.0.1:8000/api/items/42 --origin http://localhost:8001 \\
      --method PUT --header "Content-Type: application/json"
  wsgi-cors check http://127.0.0.1:8000/api/hello --origin http://localhost:8001 \\
      --read-header X-Request-Id
"""


def make_parser() -> argparse.ArgumentParser:
    """The ``wsgi-cors`` argument parser, with its ``demo`` and ``check`` subcommands."""
    return _make_parsers()[0]


def _make_parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The ``wsgi-cors`` parser and its subcommands' parsers, by name."""
    from . import __version__
    from .check import DEFAULT_TIMEOUT
    from .demo import add_demo_arguments

    parser = argparse.ArgumentParser(
        prog="wsgi-cors",
        description="CORS middleware for any WSGI application.",
    )
    parser.add_argument("--version", action="version", version=f"wsgi-cors {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="serve a JSON API behind CORSMiddleware and a page on another origin that "
        "shows what a browser allows",
        description="Serve, on loopback only, a JSON API wrapped in CORSMiddleware at "
        "http://127.0.0.1:API_PORT and a page at http://localhost:PAGE_PORT/ (another "
        "origin) whose fetch() calls show what the policy lets a browser do.",
    )
    add_demo_arguments(demo)
    check = commands.add_parser(
        "check",
        help="tell whether a browser would let a page on ORIGIN fetch() URL, step by step",
        description=_CHECK_DESCRIPTION,
        epilog=_CHECK_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("url", metavar="URL", help="the http:// or https:// URL fetched")
    check.add_argument(
        "--origin",
        required=True,
        metavar="ORIGIN",
        help="the page's origin, as the browser sends it in Origin (https://app.example.com)",
    )
    check.add_argument(
        "--method",
        "-X",
        default="GET",
        metavar="M",
        help="the fetch() method (default GET), normalized as fetch() normalizes it: "
        "get is sent as GET, patch as patch",
    )
    check.add_argument(
        "--header",
        "-H",
        action="append",
        default=[],
        metavar='"NAME: VALUE"',
        help="a header the script sets (repeat for several); forbidden request-headers are "
        "dropped as fetch() drops them, except Cookie with --credentials",
    )
    check.add_argument(
        "--credentials",
        action="store_true",
        help="credentials: 'include' (cookies are yours to add, with --header 'Cookie: ...')",
    )
    check.add_argument(
        "--read-header",
        metavar="NAME",
        help="also check that the script could read this response header",
    )
    check.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"bound on each exchange with the server, connect and answer together "
        f"(default {DEFAULT_TIMEOUT:g})",
    )
    return parser, {"demo": demo, "check": check}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status: 2 for a usage error, such as a
    ``demo`` flag the middleware's configuration rejects or a ``check`` value that
    ``fetch()`` would refuse (the usage line and the message on stderr)."""
    parser, subparsers = _make_parsers()
    args = parser.parse_args(argv)
    if args.command == "demo":
        from .demo import check_policy, serve

        usage_error = check_policy(subparsers["demo"], args)
        if usage_error is not None:
            sys.stderr.write(usage_error)
            return 2
        return serve(args)
    if args.command == "check":
        from .check import UsageError, parse_request, run

        try:
            request = parse_request(
                args.url,
                args.origin,
                method=args.method,
                headers=args.header,
                credentials=args.credentials,
                read_header=args.read_header,
                timeout=args.timeout,
            )
        except UsageError as exc:
            check_parser = subparsers["check"]
            sys.stderr.write(f"{check_parser.format_usage()}{check_parser.prog}: error: {exc}\n")
            return 2
        if hasattr(sys.stdout, "reconfigure"):  # text from the server, in any encoding
            sys.stdout.reconfigure(errors="backslashreplace")
        try:
            return run(request)
        except BrokenPipeError:  # e.g. | head: the reader is gone, and so is the report
            return 1
    parser.print_help(sys.stderr)
    sys.stderr.write(f"{parser.prog}: error: give a command (demo or check)\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())
