"""How many examples a Hypothesis test tries: its whole count when every suite runs
(``-m ""``, as ``.ci/run`` and ``tox -e full`` run them), a quarter of it (100 at least)
in the quick suite, so that plain ``python -m pytest`` stays under a minute.

The quick suite still runs every property and every ``@example`` case: only the
search is shorter. ``tests/conftest.py`` sets :data:`FULL` from the marker expression
before any test module is imported, so the decorators read the right count.
"""

from __future__ import annotations

# Set by tests/conftest.py (pytest_configure); True outside pytest's quick selection.
FULL = True


def examples(full: int) -> int:
    """*full* when every suite runs; otherwise a quarter of it, 100 at least."""
    return full if FULL else max(100, full // 4)
