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
meanwhile is not caught: it goes on to the function that shows warnings, though
past the filters it would have met (an ``"error"`` filter does not raise it, an
``"ignore"`` one does not drop it, ``"default"`` and ``"once"`` do not keep it from
being shown again). Dropping them, as an ``"ignore"`` filter of the catch's own did,
lost other threads' :class:`~wsgi_cors.CORSSecurityWarning` for as long as the catch
lasted.

The lock orders this package's catches only. A catch of the user's on another thread
at the same time (``warnings.catch_warnings``, ``pytest.warns``) still swaps the same
state: each may record the other's warnings, and the one that leaves last puts back
what it found, the other's catching state included. Python gives each thread or
context its own filters from 3.14, with context-aware warnings (on by default in
free-threaded builds only).
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

        # A filter equal to none of the user's: adding one takes an equal filter out
        # first, then puts it back, and a user's own "always" went missing for other
        # threads meanwhile. Through the warnings API, so that it goes where Python
        # keeps filters (a context's own list under context-aware warnings, 3.14).
        warnings.filterwarnings("always", module=".*")
        warnings.showwarning = record
        try:
            yield caught
        finally:  # whether or not catch_warnings puts it back (3.14 may not)
            warnings.showwarning = show
