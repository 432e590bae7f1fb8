"""Command line: ``python -m wsgi_cors demo`` (also installed as ``wsgi-cors demo``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main", "make_parser"]


def make_parser() -> argparse.ArgumentParser:
    """The ``wsgi-cors`` argument parser, with its ``demo`` subcommand."""
    return _make_parsers()[0]


def _make_parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The ``wsgi-cors`` parser and its ``demo`` subcommand's parser."""
    from .demo import add_demo_arguments

    parser = argparse.ArgumentParser(
        prog="wsgi-cors",
        description="CORS middleware for any WSGI application.",
    )
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
    return parser, demo


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status: 2 for a usage error, such as a
    ``demo`` flag the middleware's configuration rejects (the usage line and the
    library's message on stderr)."""
    parser, demo_parser = _make_parsers()
    args = parser.parse_args(argv)
    if args.command == "demo":
        from .demo import check_policy, serve

        usage_error = check_policy(demo_parser, args)
        if usage_error is not None:
            sys.stderr.write(usage_error)
            return 2
        return serve(args)
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
