"""Warnings caught around a call, one thread at a time.

:func:`warnings.catch_warnings` swaps process-wide state (the filters and the function
that shows a warning) and puts it back on exit. Two threads inside it at once undo each
other: the one that leaves first restores the state it found, the other then restores
the first one's catching state, and the process keeps it, every later warning,
:class:`~wsgi_cors.CORSSecurityWarning` included, recorded in a list nobody reads. An
adversarial review saw that with four threads building middlewares at once (a
threaded application factory, threaded tests). Every catch in this package goes
through :func:`caught_warnings`, which holds one lock while it is inside; warnings
another thread gives meanwhile are caught too, and the callers give them again.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Iterator
from typing import Literal

__all__ = ["caught_warnings"]

# Reentrant: a catch may hold another (the demo builds a middleware that compiles a
# pattern, each inside its own catch).
_LOCK = threading.RLock()


@contextlib.contextmanager
def caught_warnings(
    action: Literal["always", "ignore"] = "always",
) -> Iterator[list[warnings.WarningMessage]]:
    """``with caught_warnings() as caught:`` records every warning given inside (*action*
    ``"always"``) in *caught*, or drops them all (``"ignore"``), as
    :func:`warnings.catch_warnings` with :func:`warnings.simplefilter` does, holding a
    lock so that no other catch of this package runs at the same time (module doc)."""
    with _LOCK, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter(action)
        yield caught
