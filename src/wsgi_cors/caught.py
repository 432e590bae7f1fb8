"""Warnings caught around a call, one thread at a time.

:func:`warnings.catch_warnings` swaps process-wide state (the filters and the function
that shows a warning) and puts it back on exit. Two threads inside it at once undo each
other: the one that leaves first restores the state it found, the other then restores
the first one's catching state, and the process keeps it, every later warning,
:class:`~wsgi_cors.CORSSecurityWarning` included, recorded in a list nobody reads. An
adversarial review saw that with four threads building middlewares at once (a
threaded application factory, threaded tests). Every catch in this package goes
through :func:`caught_warnings`, which holds one lock while it is inside.

The filters are process-wide too, and the catch needs its own (``"always"``, so that a
warning its thread has given before is caught again). A warning another thread gives
meanwhile is not caught: it goes on to the function that shows warnings, as it would
have without the catch, though past the filters it would have met there (an
``"error"`` filter does not raise it, an ``"ignore"`` one does not drop it). Dropping
them, as an ``"ignore"`` filter of the catch's own did, lost other threads'
:class:`~wsgi_cors.CORSSecurityWarning` for as long as the catch lasted.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Iterator
from typing import Literal, TextIO

__all__ = ["caught_warnings"]

# Reentrant: a catch may hold another (the demo builds a middleware that compiles a
# pattern, each inside its own catch).
_LOCK = threading.RLock()


@contextlib.contextmanager
def caught_warnings(
    action: Literal["always", "ignore"] = "always",
) -> Iterator[list[warnings.WarningMessage]]:
    """``with caught_warnings() as caught:`` records every warning this thread gives
    inside (*action* ``"always"``) in *caught*, or drops them all (``"ignore"``), as
    :func:`warnings.catch_warnings` with :func:`warnings.simplefilter` does, holding a
    lock so that no other catch of this package runs at the same time; other threads'
    warnings are shown as they would be (module doc)."""
    caught: list[warnings.WarningMessage] = []
    catching = threading.get_ident()
    with _LOCK, warnings.catch_warnings():
        show = warnings.showwarning  # the one in place: another thread's warnings go on

        def record(
            message: Warning | str,
            category: type[Warning],
            filename: str,
            lineno: int,
            file: TextIO | None = None,
            line: str | None = None,
        ) -> None:
            if threading.get_ident() != catching:
                show(message, category, filename, lineno, file, line)
            elif action == "always":
                caught.append(warnings.WarningMessage(message, category, filename, lineno))

        # One assignment, which no other thread sees half done (simplefilter takes an
        # equal filter out, then puts it back: a user's own "always" filter went missing
        # for other threads meanwhile). Entering catch_warnings has marked the filters
        # changed, so a warning this thread gave before is caught again.
        warnings.filters = [("always", None, Warning, None, 0), *warnings.filters]
        warnings.showwarning = record
        yield caught
