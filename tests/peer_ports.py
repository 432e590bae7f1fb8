"""What the ports of the peers' own test suites (``test_peer_suites*.py``) share: the
account of which peer tests were ported and which were not, and why."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any


def assert_every_peer_test_accounted_for(
    namespace: Mapping[str, Any],
    peer_tests: Mapping[str, Sequence[str]],
    not_ported: Sequence[tuple[str, str]],
) -> None:
    """Every test function of the peer files read (*peer_tests*: file -> names) is
    named in the docstring of a test in *namespace* (a module's ``globals()``) or in
    *not_ported* (``(name, reason)``), never both, and every reason is given."""
    docstrings = " ".join(
        value.__doc__ or ""
        for name, value in namespace.items()
        if name.startswith("test_") and callable(value)
    )
    skipped = {name for name, _ in not_ported}
    for peer_file, names in peer_tests.items():
        for name in names:
            ported = re.search(rf"\b{name}\b", docstrings) is not None
            assert ported != (name in skipped), (peer_file, name)
    assert all(reason for _, reason in not_ported)
